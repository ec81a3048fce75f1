import AlliesCore
import AlliesText
import Foundation
import Testing

/// The `allies` binary built next to this test bundle, run as a script would run it.
enum AlliesBinary {
    /// The binary under test, found the way the tmux tests find it (next to the test bundle, or $ALLIES_BINARY).
    static var path: String {
        (try? Tmux.alliesBinary()) ?? "allies"
    }

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
        var stdoutBytes: Data
    }

    /// Runs `allies` with `arguments`, stdin from /dev/null (or `stdin`) and stdout/stderr captured (so not a
    /// terminal).
    static func run(_ arguments: [String], environment: [String: String] = [:], stdin: Data? = nil) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["LC_ALL"] = "C.UTF-8"
        env.removeValue(forKey: "ALLIES_DATA")
        env.removeValue(forKey: "ALLIES_TODAY")
        env.removeValue(forKey: "COLUMNS")
        for (k, v) in environment { env[k] = v }
        process.environment = withTestDirectories(env)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = stdin == nil ? FileHandle.nullDevice : input
        try process.run()
        if let stdin {
            input.fileHandleForWriting.write(stdin)
            try input.fileHandleForWriting.close()
        }
        // Read before waiting so a large output cannot fill the pipe and block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self), stdoutBytes: outData)
    }

    static func json(_ arguments: [String], environment: [String: String] = [:]) throws -> Any {
        let output = try run(arguments, environment: environment)
        #expect(output.status == 0, "allies \(arguments) failed: \(output.stderr)")
        return try JSONSerialization.jsonObject(with: output.stdoutBytes)
    }
}

func temporaryFile(_ contents: String, name: String = "dataset.json") throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("allies-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let url = dir.appendingPathComponent(name)
    try contents.write(to: url, atomically: true, encoding: .utf8)
    return url.path
}

/// Display width of a line, as the table code measures it: CJK two columns, combining marks none.
func columns(_ s: Substring) -> Int {
    s.unicodeScalars.reduce(0) { total, u in
        let v = u.value
        if (0x300...0x36F).contains(v) { return total }
        if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFF00...0xFF60).contains(v) || (0x1F300...0x1FAFF).contains(v)
        {
            return total + 2
        }
        return total + 1
    }
}

let smallDataset = """
    {
      "format": "allies-dataset",
      "version": 1,
      "articles": [{"id": "a1", "title": "Artículo", "language": "es"}],
      "companies": [
        {"id": "acme", "name": "Acmé Corp", "aliases": ["ACME"], "kind": "big-tech", "description": {"en": "A", "es": \
    "B"}},
        {"id": "ali", "name": "阿里巴巴 \\u001b[2J\\u001b]0;pwned\\u0007", "kind": "big-tech", "description": \
    {"en": "A", "es": "B"}}
      ],
      "alliances": [
        {"id": "acme-ali", "kind": "investment", "parties": [{"company": "acme", "role": "investor"}, {"company": \
    "ali", "role": "investee"}],
         "amounts": [{"value": 2000000000, "currency": "USD"}], "date": {"value": "2024-05", "event": "announced"}, \
    "status": "announced",
         "title": {"en": "Acme invests in Ali", "es": "Acme invierte en Ali"}, "summary": {"en": "s", "es": "s"},
         "sources": [{"article": "a1", "quote": "una inversión"}]}
      ]
    }
    """

@Suite("The allies command line")
struct CLITests {
    @Test func companiesTableListsTheBundledCompanies() throws {
        let out = try AlliesBinary.run(["companies", "--width", "120"])
        #expect(out.status == 0)
        let lines = out.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("ID") == true)
        #expect(lines.contains { $0.hasPrefix("anthropic ") && $0.contains("Anthropic") && $0.contains("ai-lab") })
        #expect(lines.contains { $0.hasPrefix("aws ") })
        #expect(lines.allSatisfy { columns($0) <= 120 })
    }

    @Test func tablesFitANarrowWidthWithoutSplittingCharacters() throws {
        for command in [
            ["companies"], ["alliances"], ["timeline"], ["shares"], ["company", "openai"],
            ["alliance", "aws-openai-cloud-2025"],
        ] {
            let out = try AlliesBinary.run(command + ["--width", "50"])
            #expect(out.status == 0, "\(command): \(out.stderr)")
            for line in out.stdout.split(separator: "\n") {
                #expect(columns(line) <= 50, "\(command) line too wide: \(line)")
            }
        }
    }

    /// A deal's money is never shown without its status whole beside it: at 40–50 columns `alliances` showed
    /// `~$10B` with no status (cut past the width, or to `in-…`), so a deal in talks read as agreed. The money goes
    /// first; the status stays.
    @Test func aDealsMoneyIsNeverShownWithoutItsStatus() throws {
        for (language, amount, status, titles) in [
            ("en", "AMOUNT", "STATUS", ["DATE", "TYPE"]), ("es", "IMPORTE", "ESTADO", ["FECHA", "CLASE"]),
        ] {
            for command in [["alliances"], ["company", "openai"], ["search", "amazon", "openai"]] {
                var moneyShown = false, moneyLeftOut = false
                for width in Array(30...70) + Array(stride(from: 75, through: 160, by: 5)) {
                    let out = try AlliesBinary.run(["--lang", language] + command + ["--width", "\(width)"])
                    #expect(out.status == 0, "\(command) at \(width): \(out.stderr)")
                    // The table's header: `company` prints the company's lines above it.
                    let header = try #require(
                        out.stdout.split(separator: "\n").first { line in
                            line.split(separator: " ").contains { titles.contains(String($0)) }
                        }, "\(command) at \(width): \(out.stdout)")
                    let words = header.split(separator: " ")
                    if words.contains(Substring(amount)) {
                        moneyShown = true
                        #expect(words.contains(Substring(status)), "\(language) \(command) at \(width): \(header)")
                        // And no row's status cut (`announ…`, `en negoci…`) beside its money: the cell under the
                        // STATUS title, up to the next column's gap, never ends with `…`.
                        let at = columns(header[..<header.range(of: status)!.lowerBound])
                        for line in out.stdout.split(separator: "\n").drop(while: { $0 != header }).dropFirst() {
                            var used = 0, start = line.startIndex
                            while start < line.endIndex, used < at {
                                used += columns(line[start...start])
                                start = line.index(after: start)
                            }
                            let text = line[start...].components(separatedBy: "  ").first ?? ""
                            #expect(!text.hasSuffix("…"), "\(language) \(command) at \(width): \(line)")
                        }
                    } else {
                        moneyLeftOut = true
                    }
                    #expect(!words.contains { $0.hasPrefix(status.prefix(2)) && $0.hasSuffix("…") }, "\(header)")
                }
                #expect(moneyShown && (command == ["search", "amazon", "openai"] || moneyLeftOut), "\(command)")
            }
        }
    }

    /// A table cut to the width never ends a cell in a number (`≤$1…` for ≤$100B, `$10…` for $10B): it goes back to
    /// before the number, so a narrower table says less, never another figure.
    @Test func tablesNeverCutInsideAFigure() throws {
        let endsInANumber = #/[0-9][.,]?…/#
        // Ids may be cut anywhere (what is left is a prefix the commands take): a cut id is not a figure. Search
        // results list articles too.
        var ids: [String] = []
        for listing in ["alliances", "companies"] {
            let rows = try #require(try AlliesBinary.json([listing, "--format", "json"]) as? [[String: Any]])
            ids += rows.compactMap { $0["id"] as? String }
        }
        ids += try Dataset.bundled().get().articles.map(\.id)
        func cutsAFigure(_ line: Substring) -> Bool {
            line.split(separator: " ").contains { word in
                word.contains(endsInANumber) && !(word.hasSuffix("…") && ids.contains { $0.hasPrefix(word.dropLast()) })
            }
        }
        for command in [["companies"], ["alliances"], ["search", "inversión"], ["money"], ["timeline"]] {
            let whole = try AlliesBinary.run(command + ["--width", "400"])
            #expect(whole.status == 0, "\(command): \(whole.stderr)")
            #expect(!whole.stdout.contains(endsInANumber), "the data itself ends a number in …: \(command)")
            for width in stride(from: 40, through: 130, by: 3) {
                let out = try AlliesBinary.run(command + ["--width", "\(width)"])
                #expect(out.status == 0, "\(command) at \(width): \(out.stderr)")
                for line in out.stdout.split(separator: "\n") where cutsAFigure(line) {
                    Issue.record("\(command) at \(width) cuts inside a number: \(line)")
                }
            }
        }
    }

    @Test func companiesJSONHasEveryCompanyWithMoney() throws {
        let list = try #require(try AlliesBinary.json(["companies", "--format", "json"]) as? [[String: Any]])
        let ids = list.compactMap { $0["id"] as? String }
        #expect(ids.contains("anthropic") && ids.contains("nvidia") && ids.contains("aws"))
        let openai = try #require(list.first { $0["id"] as? String == "openai" })
        let moneyIn = try #require(openai["moneyIn"] as? [String: Any])
        // Agreed money apart from NVIDIA's ceiling and Amazon's deal in talks (HonestMoneyCLITests has the rest).
        let agreed = try #require((moneyIn["agreed"] as? [String: Any])?["USD"] as? [String: Any])
        #expect(agreed["value"] as? Double == 13e9)
    }

    @Test func companyIsFoundByIdNameAliasAndAccentlessSpelling() throws {
        for name in ["aws", "AWS", "Amazon Web Services", "amazon web services"] {
            let out = try AlliesBinary.run(["company", name, "--format", "json"])
            #expect(out.status == 0, "\(name): \(out.stderr)")
            #expect(out.stdout.contains("\"id\": \"aws\""), "\(name)")
        }
        let runai = try AlliesBinary.run(["company", "Ejecutar:", "IA", "--format", "json"])
        #expect(runai.status == 0, "\(runai.stderr)")
        #expect(runai.stdout.contains("\"id\": \"run-ai\""))
    }

    @Test func unknownCompanyGetsDidYouMeanAndFails() throws {
        let out = try AlliesBinary.run(["company", "antropic"])
        #expect(out.status == 1)
        #expect(out.stderr.contains("no company matches \"antropic\""))
        #expect(out.stderr.contains("Did you mean anthropic"))
        #expect(out.stdout.isEmpty)
    }

    /// A first word that is not a subcommand is named as such, with the ones it may mean (ArgumentParser said
    /// `Unknown option '--width'` for `allies hubs --width 80`, and `2 unexpected arguments` for a typo).
    @Test func aWordThatIsNotASubcommandIsSaidSoWithWhatItMayMean() throws {
        for (arguments, meant) in [
            (["hubs", "--width", "80"], "money"), (["compnay", "openai"], "company"), (["loops"], "cycles"),
            (["--data", "x.json", "alliancs"], "alliances, alliance"),
        ] {
            let out = try AlliesBinary.run(arguments)
            #expect(out.status == 64, "\(arguments)")
            #expect(out.stdout.isEmpty)
            #expect(
                out.stderr
                    == "allies: \"\(arguments.first { !$0.hasPrefix("-") && $0 != "x.json" }!)\" is not a subcommand."
                    + " Did you mean \(meant)? `allies --help` lists the subcommands.\n", "\(out.stderr)")
        }
        let es = try AlliesBinary.run(["xyzzy"], environment: SpanishCLITests.spanishLocale)
        #expect(es.status == 64)
        #expect(es.stderr == "allies: \"xyzzy\" no es un subcomando. `allies --help` los enumera todos.\n")
        // Subcommands, `help` and the explorer's bare call are left to the parser.
        #expect(try AlliesBinary.run(["help", "company"]).status == 0)
        #expect(try AlliesBinary.run(["--no-cache", "company", "openai"]).status == 0)
        // The word after `help` too (the parser printed the general help and exit 0).
        let help = try AlliesBinary.run(["help", "compnay"])
        #expect(help.status == 64 && help.stderr.contains("\"compnay\" is not a subcommand. Did you mean company?"))
        // A misspelt option before the subcommand is the parser's to name (`"80" is not a subcommand` said less).
        let option = try AlliesBinary.run(["--widht", "80", "alliances"])
        #expect(option.status == 64)
        #expect(option.stderr.hasPrefix("Error: Unknown option '--widht'"), "\(option.stderr)")
        // After the subcommand the parser knows its options, and says which was meant, in Spanish too.
        let spanish = try AlliesBinary.run(["alliances", "--widht", "80"], environment: SpanishCLITests.spanishLocale)
        #expect(
            spanish.stderr.hasPrefix("Error: Opción desconocida '--widht'. ¿Quisiste decir '--width'?"),
            "\(spanish.stderr)")
    }

    /// A search table cut to the terminal shows an article's id as a prefix (`horacero-acuerdo-hi…`): `allies
    /// article` takes it, with its mark or without, as `allies alliance` does; several matches are named.
    @Test func anArticleOpensByAUniquePrefixOfItsId() throws {
        for id in ["horacero-acuerdo-hi", "horacero-acuerdo-hi…", "horacero-acuerdo-hi..."] {
            let out = try AlliesBinary.run(["article", id, "--width", "80"])
            #expect(out.status == 0, "\(id): \(out.stderr)")
            #expect(out.stdout.hasPrefix("Acuerdo histórico en la nube"), "\(id)")
        }
        let none = try AlliesBinary.run(["article", "nothing-like-it"])
        #expect(none.status == 1 && none.stderr.contains("no article has the id \"nothing-like-it\""))
        // Two articles that start alike: the prefix names both, opens neither.
        let scratch = try TerminalTests.Scratch()
        defer { scratch.cleanUp() }
        var dataset = try Dataset.bundled().get()
        var twin = dataset.articles.first { $0.id == "xataka-apple-trainium2-2024" }!
        twin.id = "xataka-apple-trainium2-2025"
        dataset.articles.append(twin)
        let file = scratch.path("twins.json")
        try dataset.canonicalJSON().write(toFile: file, atomically: true, encoding: .utf8)
        let several = try AlliesBinary.run(["--data", file, "article", "xataka-apple-trainium2-…"])
        #expect(several.status == 1, "\(several.stdout)")
        #expect(
            several.stderr.contains(
                "\"xataka-apple-trainium2-\" matches several articles: xataka-apple-trainium2-2024,"
                    + " xataka-apple-trainium2-2025."), "\(several.stderr)")
    }

    /// A company with no money one way says so as `allies network` does, in both languages (`Salidas  ninguno`
    /// did not agree with its label).
    @Test func aCompanyWithoutMoneyOneWaySaysNoMoney() throws {
        let en = try AlliesBinary.run(["company", "reddit"])
        #expect(en.stdout.contains("  Money out   no money\n"), "\(en.stdout)")
        let es = try AlliesBinary.run(["company", "reddit"], environment: SpanishCLITests.spanishLocale)
        #expect(es.stdout.contains("  Salidas     sin dinero\n"), "\(es.stdout)")
        #expect(!es.stdout.contains("ninguno"))
    }

    @Test func companyProfileShowsAlliancesPartnersMoneyAndQuotes() throws {
        let out = try AlliesBinary.run(["company", "anthropic", "--width", "100"])
        #expect(out.status == 0)
        for expected in [
            "Anthropic (anthropic)", "Alliances (", "Partners (", "Money in", "Money out", "Sources",
            "“",
        ] {
            #expect(out.stdout.contains(expected), "missing \(expected)")
        }
    }

    /// Into a pipe, a report's fields stay whole lines (the README's `allies company openai | grep Money`); to a
    /// width, they wrap under their label.
    @Test func aReportIntoAPipeKeepsEachFieldOnOneLine() throws {
        let piped = try AlliesBinary.run(["company", "openai"])
        #expect(piped.status == 0)
        let money = piped.stdout.split(separator: "\n").filter { $0.contains("Money") }
        #expect(
            money == [
                "  Money in    Agreed: $13B (includes a cumulative total); Agreed, up to: ≤$100B; In talks: ~$10B",
                "  Money out   Agreed: $38B (includes multi-year totals); Agreed, undisclosed: 2 deals; In talks, "
                    + "undisclosed: 2 deals",
            ], "\(piped.stdout)")
        let narrow = try AlliesBinary.run(["company", "openai", "--width", "60"])
        let lines = narrow.stdout.split(separator: "\n")
        let out = try #require(lines.firstIndex { $0.hasPrefix("  Money out") })
        #expect(lines[out] == "  Money out   Agreed: $38B (includes multi-year totals);", "\(narrow.stdout)")
        #expect(lines[out + 1] == "              Agreed, undisclosed: 2 deals; In talks,")
    }

    /// `alliances --sort`: the explorer's orders (newest first; money as the explorer sorts it; parties by name);
    /// without it, the dataset's order, as before.
    @Test func alliancesSortAsTheExplorerDoes() throws {
        func ids(_ extra: [String]) throws -> [String] {
            let rows = try #require(
                try AlliesBinary.json(["alliances", "--company", "anthropic", "--format", "json"] + extra)
                    as? [[String: Any]])
            return rows.compactMap { $0["id"] as? String }
        }
        let dataset = try Dataset.bundled().get()
        let own = dataset.alliances.filter { $0.parties.contains { $0.company == "anthropic" } }
        #expect(try ids([]) == own.map(\.id))
        let byDate = try ids(["--sort", "date"])
        let dates = byDate.map { id in own.first { $0.id == id }!.date?.value }
        #expect(Set(byDate) == Set(own.map(\.id)) && byDate != own.map(\.id))
        #expect(zip(dates, dates.dropFirst()).allSatisfy { a, b in b == nil || (a != nil && a! >= b!) }, "\(dates)")
        #expect(
            try ids(["--sort", "amount"]).first == "amazon-anthropic-investment",
            "the agreed dollars first (Microsoft's $30B is Anthropic's, paid to Microsoft: not the row's)")
        let byParties = try ids(["--sort", "parties"])
        #expect(
            Set(byParties) == Set(own.map(\.id)) && byParties.first == "amazon-anthropic-investment", "Amazon first")
        let bad = try AlliesBinary.run(["alliances", "--sort", "size"])
        #expect(bad.status != 0 && bad.stderr.contains("'date', 'amount' or 'parties'"))
    }

    @Test func alliancesFilterByKindCompanyYearAndStatus() throws {
        let investments = try #require(
            try AlliesBinary.json(["alliances", "--kind", "investment", "--format", "json"]) as? [[String: Any]])
        #expect(!investments.isEmpty)
        #expect(investments.allSatisfy { $0["kind"] as? String == "investment" })
        let withAnthropic = try #require(
            try AlliesBinary.json(["alliances", "--company", "Anthropic", "--format", "json"]) as? [[String: Any]])
        #expect(withAnthropic.count >= 4)
        #expect(
            withAnthropic.allSatisfy {
                (($0["parties"] as? [[String: Any]]) ?? []).contains { $0["company"] as? String == "anthropic" }
            })
        let in2024 = try #require(
            try AlliesBinary.json(["alliances", "--year", "2024", "--format", "json"]) as? [[String: Any]])
        #expect(in2024.allSatisfy { ($0["date"] as? String)?.hasPrefix("2024") == true })
        let talks = try #require(
            try AlliesBinary.json(["alliances", "--status", "in-talks", "--format", "json"]) as? [[String: Any]])
        #expect(talks.contains { $0["id"] as? String == "amazon-openai-10b-talks-2025" })
        let bad = try AlliesBinary.run(["alliances", "--kind", "merger"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("unknown kind \"merger\""))
    }

    @Test func allianceDetailShowsTheSpanishQuoteBehindTheAWSContract() throws {
        let out = try AlliesBinary.run(["alliance", "aws-openai-cloud-2025", "--width", "200"])
        #expect(out.status == 0)
        #expect(out.stdout.contains("$38B"))
        #expect(out.stdout.contains("$38B over 7y — in total over 7 years"))
        #expect(out.stdout.contains("38 000 millones de dólares"))
        #expect(out.stdout.contains("2025-11-03 (announced; precision: day)"))
        let unknown = try AlliesBinary.run(["alliance", "aws-openai-clud-2025"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("Did you mean aws-openai-cloud-2025"))
    }

    @Test func timelineIsOrderedAndTheWindowKeepsCoarseDates() throws {
        let all = try #require(try AlliesBinary.json(["timeline", "--format", "json"]) as? [[String: Any]])
        let dates = all.compactMap { $0["date"] as? String }
        // A coarse date sorts before finer dates that start with it: 2024, then 2024-02-22.
        func key(_ d: String) -> [Int] { d.split(separator: "-").map { Int($0)! } }
        #expect(dates == dates.sorted { key($0).lexicographicallyPrecedes(key($1)) })
        #expect(dates.firstIndex(of: "2024")! < dates.firstIndex(of: "2024-02-22")!)
        let november = try #require(
            try AlliesBinary.json(["timeline", "--from", "2025-11", "--to", "2025-11", "--format", "json"])
                as? [[String: Any]])
        #expect(!november.isEmpty)
        #expect(november.allSatisfy { ($0["date"] as? String)?.hasPrefix("2025") == true })
        #expect(november.contains { $0["id"] as? String == "aws-openai-cloud-2025" })
        let bad = try AlliesBinary.run(["timeline", "--from", "2024-02-30"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("day 30 does not exist"))
        // With the timeline's own usage, not the top level's.
        let month = try AlliesBinary.run(["timeline", "--to", "2025-13"])
        #expect(month.status == 64 && month.stderr.contains("month 13 does not exist"), "\(month.stderr)")
        #expect(month.stderr.contains("Usage: allies timeline"), "\(month.stderr)")
        // A value refused once the dataset is read (a filter's kind) comes with the command's usage too.
        let kind = try AlliesBinary.run(["alliances", "--kind", "nope"])
        #expect(kind.status == 64 && kind.stderr.contains("unknown kind \"nope\""), "\(kind.stderr)")
        #expect(kind.stderr.contains("Usage: allies alliances ["), "\(kind.stderr)")
        #expect(kind.stderr.contains("See 'allies alliances --help'"), "\(kind.stderr)")
    }

    @Test func sharesDrawMoreThanSeventyAsALowerBound() throws {
        let out = try AlliesBinary.run(["shares", "--width", "100"])
        #expect(out.status == 0)
        let nvidia = out.stdout.split(separator: "\n").filter { $0.contains(">70%") }
        #expect(!nvidia.isEmpty, "the articles' 'más del 70%' is shown as >70%")
        #expect(nvidia.allSatisfy { $0.contains("▶") })
        let ascii = try AlliesBinary.run(["shares", "--width", "100"], environment: ["LC_ALL": "C"])
        #expect(!ascii.stdout.contains("█"), "no UTF-8 locale: ASCII bars")
        #expect(ascii.stdout.contains("#"))
    }

    @Test func searchFoldsAccentsAndReportsBadQueries() throws {
        let results = try #require(
            try AlliesBinary.json(["search", "inversion", "--format", "json"]) as? [[String: Any]])
        #expect(!results.isEmpty)
        #expect(results.contains { ($0["text"] as? String)?.lowercased().contains("inversión") == true })
        let bad = try AlliesBinary.run(["search", "year:20x4"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("year:20x4"))
    }

    @Test func exportJSONIsCanonicalAndValidates() throws {
        let out = try AlliesBinary.run(["export", "--format", "json"])
        #expect(out.status == 0)
        let path = try temporaryFile(out.stdout)
        let validated = try AlliesBinary.run(["validate", path])
        #expect(validated.status == 0, "\(validated.stdout)")
        #expect(validated.stdout.contains("valid"))
        // validate reads the dataset the other commands read: --data, else (with no file) the bundled one here.
        let withData = try AlliesBinary.run(["validate", "--data", path])
        #expect(withData.status == 0 && withData.stdout.hasPrefix(path + ": valid"), "\(withData.stderr)")
        let bundled = try AlliesBinary.run(["validate"])
        #expect(
            bundled.status == 0 && bundled.stdout.hasPrefix("Resources/allies.json (bundled): valid"),
            "\(bundled.stderr)")
        let again = try AlliesBinary.run(["export", "--format", "json", "--data", path])
        #expect(again.stdout == out.stdout, "export is stable")
        let csv = try AlliesBinary.run(["export", "--format", "csv"])
        #expect(
            csv.stdout.hasPrefix(
                "id,date,precision,event,kind,status,parties,title,titulo,amount_number,amount_count,"
                    + "amount_value,amount_currency,amount_bound,amount_per,amount_term_years,"
                    + "amount_estimated,amount_cumulative,amount_from,amount_to,amount_purpose\n"))
    }

    @Test func validateListsEveryProblemWithItsPlace() throws {
        let bad = """
            {"format": "allies-dataset", "version": 1, "articles": [],
             "companies": [{"id": "x", "name": "X", "kind": "bigtech", "description": {"en": "a", "es": "b"}}],
             "alliances": [{"id": "x-y", "kind": "investment", "parties": [{"company": "x", "role": "investor"}, \
            {"company": "y", "role": "investee"}],
               "date": {"value": "2024-02-30", "event": "announced"}, "status": "announced", "title": {"en": "t", \
            "es": "t"},
               "summary": {"en": "s", "es": "s"}, "sources": [{"article": "nowhere", "quote": "q"}]}]}
            """
        let path = try temporaryFile(bad)
        let out = try AlliesBinary.run(["validate", path])
        #expect(out.status == 1)
        let lines = out.stdout.split(separator: "\n").map(String.init)
        #expect(
            lines.contains {
                $0.hasPrefix("\(path):2:") && $0.contains("companies[0] \"x\", field kind: unknown value \"bigtech\"")
                    && $0.contains("did you mean \"big-tech\"")
            })
        #expect(lines.contains { $0.contains("alliances[0] \"x-y\", field parties[1].company: unknown company \"y\"") })
        #expect(lines.contains { $0.contains("field date.value: invalid date \"2024-02-30\"") })
        #expect(lines.contains { $0.contains("field sources[0].article: unknown article \"nowhere\"") })
        #expect(out.stderr.contains("4 problems"))
        let missing = try AlliesBinary.run(["validate", "/nonexistent/file.json"])
        #expect(missing.status == 1)
        #expect(missing.stdout.contains("/nonexistent/file.json: cannot open"))
    }

    @Test func dataOptionAndEnvironmentLoadAnotherDataset() throws {
        let path = try temporaryFile(smallDataset)
        for args in [
            ["--data", path, "companies", "--format", "json"], ["companies", "--data", path, "--format", "json"],
        ] {
            let list = try #require(try AlliesBinary.json(args) as? [[String: Any]])
            #expect(list.compactMap { $0["id"] as? String } == ["acme", "ali"])
        }
        let viaEnv = try #require(
            try AlliesBinary.json(["companies", "--format", "json"], environment: ["ALLIES_DATA": path])
                as? [[String: Any]])
        #expect(viaEnv.count == 2)
        let broken = try temporaryFile("{\"format\": ")
        let out = try AlliesBinary.run(["companies", "--data", broken])
        #expect(out.status == 1)
        #expect(out.stderr.contains("\(broken):1:12: field format: unexpected end of file: expected a value"))
    }

    @Test func hostileStringsNeverReachTheTerminalFromTables() throws {
        let path = try temporaryFile(smallDataset)
        for args in [["companies"], ["alliances"], ["company", "ali"], ["search", "acme"]] {
            let out = try AlliesBinary.run(["--data", path] + args + ["--width", "80"])
            #expect(out.status == 0, "\(args): \(out.stderr)")
            #expect(!out.stdoutBytes.contains(0x1B), "\(args) wrote an escape byte")
            #expect(!out.stdoutBytes.contains(0x07), "\(args) wrote a bell")
        }
        // JSON keeps the data intact, escaped.
        let json = try AlliesBinary.run(["--data", path, "companies", "--format", "json"])
        #expect(json.stdout.contains("\\u001b[2J"))
    }

    @Test func accentsAndCJKStayAlignedInTables() throws {
        let path = try temporaryFile(smallDataset)
        let out = try AlliesBinary.run(["--data", path, "companies", "--width", "100"])
        let lines = out.stdout.split(separator: "\n")
        let header = try #require(lines.first)
        let kindColumn = columns(header[..<header.range(of: "KIND")!.lowerBound])
        for line in lines.dropFirst() {
            let prefix = line[..<line.range(of: "big-tech")!.lowerBound]
            #expect(columns(prefix) == kindColumn, "misaligned: \(line)")
        }
    }
}
