import Foundation
import Testing

/// What a new user tripped over in the honest-money trial (issue #16), each through the real binary.
@Suite("What a new user tripped over")
struct NewUserTrialTests {
    @Test func aQueryMayStartWithAMinus() throws {
        let out = try AlliesBinary.run(["search", "-microsoft kind:investment"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("amazon-anthropic-investment"))
        #expect(!out.stdout.contains("microsoft-openai-investment"), "-microsoft excludes Microsoft's deals")
        let split = try AlliesBinary.run(["search", "-microsoft", "kind:investment", "--limit", "2"])
        #expect(split.status == 0 && split.stdout.split(separator: "\n").count == 3, "a header and 2 results")
        #expect(split.stderr.contains("2 of 7 matches shown"))
    }

    @Test func aMissingFileIsOneClearMessage() throws {
        let out = try AlliesBinary.run(["--data", "/nonexistent/allies.json", "companies"])
        #expect(out.status != 0)
        // Named by the program, as its other errors are, on one line.
        #expect(
            out.stderr == "allies: /nonexistent/allies.json: cannot open: No such file or directory\n", "\(out.stderr)")
        #expect(!out.stderr.contains("`allies validate FILE` lists them"), "nothing for validate to list")
        // A file with problems inside still points to validate.
        let path = try temporaryFile("{\"format\": \"allies-dataset\", \"version\": 1}", name: "broken.json")
        let broken = try AlliesBinary.run(["--data", path, "companies"])
        #expect(broken.stderr.contains("`allies validate FILE` lists them"))
    }

    @Test func pipesGetWholeLines() throws {
        // Not a terminal and no --width: no line is cut with an ellipsis it did not have.
        let shares = try AlliesBinary.run(["shares"])
        let clipped = shares.stdout.split(separator: "\n").filter { $0.hasSuffix("…") }
        #expect(clipped.isEmpty, "\(clipped)")
        #expect(shares.stdout.contains("source: "))
        let long = shares.stdout.split(separator: "\n").map { (line: Substring) in line.count }.max() ?? 0
        #expect(long > 100, "some lines are longer than 100 columns and stay whole")
    }

    /// `allies timeline` leaves out its EVENT column before an amount or a title is cut: at 80 columns in Spanish
    /// it read `hasta …` and, three times, `Amazon negocia …  no revelado`.
    @Test func theTimelineKeepsItsAmountsWholeAt70And80Columns() throws {
        for locale in [["LC_ALL": "C.UTF-8"], SpanishCLITests.spanishLocale] {
            func cells(_ width: Int) throws -> [[String]] {
                let out = try AlliesBinary.run(["timeline", "--width", "\(width)"], environment: locale)
                #expect(out.status == 0)
                return out.stdout.split(separator: "\n").map {
                    $0.split(separator: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                }
            }
            let whole = try cells(400)
            for width in [70, 80] {
                let narrow = try cells(width)
                #expect(narrow.count == whole.count)
                #expect(!narrow[0].contains("EVENT") && !narrow[0].contains("HITO"), "\(narrow[0])")
                for (w, n) in zip(whole.dropFirst(), narrow.dropFirst()) {
                    #expect(n.last == w.last, "\(width) \(locale): \(w.last!) cut in \(n)")
                }
            }
        }
    }

    /// A detail command's heading wraps to the width as its fields do: a Spanish title was 64 columns wide at 60.
    @Test func aDetailsHeadingWrapsToTheWidth() throws {
        for (command, locale) in [
            (["alliance", "microsoft-anthropic-2025"], SpanishCLITests.spanishLocale),
            (["company", "microsoft"], ["LC_ALL": "C.UTF-8"]),
        ] {
            let out = try AlliesBinary.run(command + ["--width", "40"], environment: locale)
            #expect(out.status == 0)
            let lines = out.stdout.split(separator: "\n").map(String.init)
            for line in lines { #expect(displayColumns(line) <= 40, "\(command): \(line)") }
        }
        let out = try AlliesBinary.run(
            ["alliance", "microsoft-anthropic-2025", "--width", "60"], environment: SpanishCLITests.spanishLocale)
        #expect(out.stdout.hasPrefix("Microsoft invertirá hasta 5.000 millones de dólares en\nAnthropic\n"))
    }

    /// Parties are read, ids are for scripts: at 120 columns ids give way with the parties (each never below its
    /// unique prefix) rather than whole 33-column ids beside `Apple → Amazon …`; at 100 the kind is left out before
    /// the parties go below 16 columns (`Apple → A…` beside a 20-column kind).
    @Test func partiesGiveWayWithIdsAndBeforeAKindIsKept() throws {
        let spanish = try AlliesBinary.run(["alliances", "--width", "120"], environment: SpanishCLITests.spanishLocale)
        let lines = spanish.stdout.split(separator: "\n").map(String.init)
        let header = try #require(lines.first)
        let parties = try #require(header.range(of: "PARTES")), amount = try #require(header.range(of: "IMPORTE"))
        // The parties column's width: from its title to the next one's, less the gap.
        let partiesWidth = displayColumns(String(header[parties.lowerBound..<amount.lowerBound])) - 2
        #expect(partiesWidth >= 24, "\(header)")
        #expect(lines.contains { $0.contains("Microsoft ↔ Mistral AI") }, "\(spanish.stdout)")
        for line in lines { #expect(displayColumns(line) <= 120) }

        let english = try AlliesBinary.run(["alliances", "--width", "100"])
        let rows = english.stdout.split(separator: "\n").map(String.init)
        #expect(!rows[0].contains("KIND"), "\(rows[0])")
        #expect(rows.contains { $0.contains("Microsoft ↔ Mistral AI") }, "\(english.stdout)")
        #expect(!rows.contains { $0.contains("Apple → A…") })
    }

    /// A table too narrow for every id's unique prefix leaves the ids out rather than cut them to a prefix that names
    /// several (`appl…` at 60 columns), and the parties get their room; a wider one keeps them.
    @Test func idsThatCannotKeepAUniquePrefixAreLeftOut() throws {
        for locale in [["LC_ALL": "C.UTF-8"], SpanishCLITests.spanishLocale] {
            let narrow = try AlliesBinary.run(["alliances", "--width", "60"], environment: locale)
            let lines = narrow.stdout.split(separator: "\n").map(String.init)
            #expect(narrow.status == 0 && lines.count > 20, "\(narrow.stderr)")
            #expect(!lines[0].contains("ID"), "\(lines[0])")
            #expect(!lines.contains { $0.contains("appl…") || $0.contains("micr…") }, "\(narrow.stdout)")
            // The parties get the id's room (in Spanish the statuses, `en negociación`, take more of it).
            #expect(lines.contains { $0.contains(locale == SpanishCLITests.spanishLocale ? "Apple …" : "Apple → Am") })
            for line in lines { #expect(displayColumns(line) <= 60, "\(line)") }
            let wide = try AlliesBinary.run(["alliances", "--width", "80"], environment: locale)
            #expect(wide.stdout.split(separator: "\n").first?.hasSuffix("ID") == true, "\(wide.stdout)")
        }
    }

    /// At 80 columns an amount keeps its figure and its qualifiers (`hasta …` and `…` were shown for ≤100.000 M$
    /// and 13.000 M$ (acum.)); an id gives way instead, to no less than the prefix that tells it from every other
    /// id of the table, which `allies alliance` takes. A date is never cut.
    @Test func amountsStayWholeAndIdsKeepAUniquePrefixAt80Columns() throws {
        let locales = [["LC_ALL": "C.UTF-8"], SpanishCLITests.spanishLocale]
        for (command, amountTitle) in [(["alliances"], 2), (["company", "openai"], 2), (["company", "nvidia"], 2)] {
            for locale in locales {
                // The same rows whole (a wide table) and at 80 columns, split into cells at runs of two spaces.
                func rows(_ width: Int) throws -> [[String]] {
                    let out = try AlliesBinary.run(command + ["--width", "\(width)"], environment: locale)
                    #expect(out.status == 0, "\(command): \(out.stderr)")
                    var lines = out.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                    if command.count > 1 {
                        // A company's page: its alliances' table, from the heading with the dates on.
                        let top = try #require(lines.firstIndex { $0.hasPrefix("  DATE") || $0.hasPrefix("  FECHA") })
                        lines = Array(lines[top...].prefix { !$0.isEmpty })
                    } else {
                        lines.removeAll { $0.isEmpty }
                    }
                    for line in lines { #expect(displayColumns(line) <= width, "\(command): \(line)") }
                    return lines.map {
                        $0.split(separator: "  ", omittingEmptySubsequences: true).map {
                            $0.trimmingCharacters(in: .whitespaces)
                        }.filter { !$0.isEmpty }
                    }
                }
                let whole = try rows(400), narrow = try rows(80)
                #expect(whole.count == narrow.count && whole.count > 5, "\(command) \(locale)")
                let ids = whole.dropFirst().map { $0.last! }
                for (w, n) in zip(whole.dropFirst(), narrow.dropFirst()) {
                    let id = w.last!, shown = n.last!
                    // The amount: the cell of the wide table, whole in the narrow row.
                    let amount = w[w.count - 1 - amountTitle]
                    #expect(n.contains(amount), "\(command) \(locale): \(amount) not whole in \(n)")
                    #expect(n[0] == w[0], "the date \(w[0]) is whole")
                    if shown != id {
                        let prefix = try #require(shown.hasSuffix("…") ? String(shown.dropLast()) : nil, "\(shown)")
                        #expect(id.hasPrefix(prefix) && prefix.count >= 11, "\(shown) for \(id)")
                        #expect(ids.filter { $0.hasPrefix(prefix) }.count == 1, "\(shown) tells \(id) from the rest")
                    }
                }
                // (A company's table may leave out its role instead: NVIDIA's in Spanish keeps whole ids.)
                if command == ["alliances"] {
                    #expect(narrow.dropFirst().contains { $0.last!.hasSuffix("…") }, "some id gives way at 80 columns")
                }
            }
        }
        // A prefix shown is one `allies alliance` takes.
        let shown = try AlliesBinary.run(["alliances", "--width", "80"]).stdout
        #expect(shown.contains("microsoft-openai-i…") && !shown.contains("microsoft-openai-investment"))
        for copied in ["microsoft-openai-i", "microsoft-openai-i…", "microsoft-openai-i..."] {
            // As shown, `…` and all: a prefix copied from the table.
            let opened = try AlliesBinary.run(["alliance", copied])
            #expect(opened.status == 0 && opened.stdout.contains("microsoft-openai-investment"), "\(opened.stderr)")
        }
        // A date is never cut: at 80 columns the last activity is left out (names keep 16 columns), at 90 whole.
        let companies = try AlliesBinary.run(["companies", "--width", "80"]).stdout
        #expect(!companies.contains("2025-12-…") && companies.contains("Amazon Web Serv…"), "\(companies)")
        let wider = try AlliesBinary.run(["companies", "--width", "90"]).stdout
        #expect(!wider.contains("2025-12-…") && wider.contains("2025-12-16"), "\(wider)")
    }

    @Test func aCompanysAlliancesAreNewestFirst() throws {
        let out = try AlliesBinary.run(["company", "nvidia", "--format", "csv"]).stdout
        let dates = out.split(separator: "\n").dropFirst().map {
            $0.split(separator: ",", omittingEmptySubsequences: false)[1]
        }
        let dated = dates.filter { !$0.isEmpty }.map(String.init)
        #expect(dated == dated.sorted(by: >), "\(dates)")
        #expect(dates.last == "", "undated last")
    }

    /// A company's alliances in CSV hold raw values, as `alliances` does: each amount on a row of its own (none
    /// hidden behind "+1 more"), parties as `company:role` pairs, no display strings.
    @Test func aCompanysAlliancesInCSVHoldEveryAmountRaw() throws {
        let out = try AlliesBinary.run(["company", "anthropic", "--format", "csv"]).stdout
        let lines = out.split(separator: "\n").map(String.init)
        #expect(
            lines.first
                == "alliance,date,kind,role,parties,amount_number,amount_count,amount_value,amount_currency,"
                + "amount_bound,amount_per,amount_term_years,amount_estimated,amount_cumulative,amount_from,amount_to,"
                + "amount_purpose,status,title")
        let microsoft = lines.filter { $0.hasPrefix("microsoft-anthropic-2025,") }
        #expect(microsoft.count == 2, "\(out)")
        #expect(microsoft.contains { $0.contains(",1,2,5000000000,USD,up-to,") }, "\(microsoft)")
        #expect(microsoft.contains { $0.contains(",2,2,30000000000,USD,") }, "\(microsoft)")
        #expect(microsoft.allSatisfy { $0.contains(",microsoft:investor anthropic:investee,") }, "\(microsoft)")
        #expect(!out.contains("more,") && !out.contains("→") && !out.contains(",undisclosed,"), "\(out)")
    }

    /// Display columns, counting East Asian wide characters as two (enough for these outputs).
    func displayColumns(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { n, u in
            n
                + ((0x1100...0x115F).contains(u.value) || (0x2E80...0xA4CF).contains(u.value)
                    || (0xAC00...0xD7A3).contains(u.value) || (0xFF00...0xFF60).contains(u.value) ? 2 : 1)
        }
    }
}
