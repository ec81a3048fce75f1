import Foundation
import Testing

/// `allies search` after issue #15: stems, OR, every kind of record with its own label, why each result matched
/// (table and JSON), an alliance's parties, date and amount, and "did you mean".
@Suite("allies search: words, kinds and why")
struct SearchCLITests {
    @Test func theTableSaysWhichFieldMatchedAndShowsAnAlliancesPartiesDateAndAmount() throws {
        let out = try AlliesBinary.run(["search", "inversiones", "--width", "200"])
        #expect(out.status == 0, "\(out.stderr)")
        let header = String(out.stdout.prefix { $0 != "\n" })
        for column in ["TYPE", "ID", "DATE", "FIELD", "MATCH", "PARTIES", "AMOUNT"] {
            #expect(header.contains(column), "\(header)")
        }
        let line = try #require(out.stdout.split(separator: "\n").first { $0.contains("amazon-anthropic-investment") })
        for part in ["2024-11-22", "title.es", "La inversión de Amazon en Anthropic", "Amazon → Anthropic", "$8B"] {
            #expect(line.contains(part), "\(line)")
        }
    }

    /// Of a result's fields that hold the words equally well, a Spanish reader's table shows the Spanish one, as the
    /// explorer does (`anthropic` showed `title.en`, "Microsoft to invest…", where the Spanish title names it too);
    /// an English reader's the English one. JSON stays the same in both (`jsonAndCSVAreTheSameInBothLanguages`).
    @Test func aSpanishReaderIsShownTheSpanishFieldOfTwoThatMatch() throws {
        func line(_ environment: [String: String]) throws -> String {
            let out = try AlliesBinary.run(["search", "anthropic", "--width", "200"], environment: environment)
            return String(
                try #require(out.stdout.split(separator: "\n").first { $0.contains("microsoft-anthropic-2025") }))
        }
        let spanish = try line(SpanishCLITests.spanishLocale), english = try line(["LC_ALL": "C.UTF-8"])
        #expect(spanish.contains("title.es") && spanish.contains("Microsoft invertirá"), "\(spanish)")
        #expect(english.contains("title.en") && english.contains("Microsoft to invest"), "\(english)")
    }

    /// A deal's status beside its money in search results (`~$10B` in talks read as agreed): in the table, in JSON
    /// and in CSV; never a table that shows the amount without it.
    @Test func searchResultsSayADealsStatus() throws {
        let table = try AlliesBinary.run(["search", "negocia", "--width", "140"])
        let line = try #require(
            table.stdout.split(separator: "\n").first { $0.contains("amazon-openai-10b-talks-") })
        #expect(line.contains("~$10B") && line.hasSuffix("in-talks"), "\(line)")
        for width in stride(from: 60, through: 160, by: 5) {
            let out = try AlliesBinary.run(["search", "negocia", "--width", String(width)]).stdout
            let header = String(out.prefix { $0 != "\n" })
            #expect(!header.contains("AMOUNT") || header.contains("STATUS"), "at \(width): \(header)")
        }
        let json = try #require(try AlliesBinary.json(["search", "negocia", "--format", "json"]) as? [[String: Any]])
        let hit = try #require(json.first { $0["id"] as? String == "amazon-openai-10b-talks-2025" })
        #expect(hit["status"] as? String == "in-talks")
        #expect(json.contains { $0["type"] as? String == "company" && $0["status"] is NSNull })
        let csv = try AlliesBinary.run(["search", "negocia", "--format", "csv"]).stdout
        #expect(csv.hasPrefix("type,") && csv.split(separator: "\n")[0].hasSuffix(",status"))
        #expect(
            csv.contains { _ in true }
                && csv.split(separator: "\n").contains {
                    $0.hasPrefix("alliance,amazon-openai-10b-talks-2025,") && $0.hasSuffix(",in-talks")
                })
    }

    @Test func jsonSaysWhatMatchedInWhichLanguage() throws {
        let rows = try #require(
            try AlliesBinary.json(["search", "inversiones", "--format", "json"]) as? [[String: Any]])
        let row = try #require(rows.first { $0["id"] as? String == "amazon-anthropic-investment" })
        let matched = try #require(row["matched"] as? [String: Any])
        #expect(matched["field"] as? String == "title.es")
        #expect(matched["language"] as? String == "es")
        #expect(matched["text"] as? String == "La inversión de Amazon en Anthropic")
        #expect(matched["exact"] as? Bool == false)
        #expect((row["parties"] as? [[String: Any]])?.count == 2)
        #expect(row["date"] as? String == "2024-11-22")
        #expect((row["amounts"] as? [[String: Any]])?.isEmpty == false)
    }

    @Test func newKindsHaveTheirOwnLabel() throws {
        let shares = try AlliesBinary.run(["search", "nvidia", "70%"])
        #expect(shares.stdout.split(separator: "\n").contains { $0.hasPrefix("share ") && $0.contains("xataka") })
        let product = try AlliesBinary.run(["search", "graviton"])
        #expect(product.stdout.split(separator: "\n").contains { $0.hasPrefix("product ") && $0.contains("aws") })
        let person = try AlliesBinary.run(["search", "futurist"])
        #expect(person.stdout.split(separator: "\n").contains { $0.hasPrefix("person ") && $0.contains("role.en") })
    }

    @Test func orAndGroupsAndTheirErrors() throws {
        let either = try AlliesBinary.run(["search", "inversión OR energía"])
        #expect(either.status == 0)
        #expect(either.stdout.contains("constellation") && either.stdout.contains("amazon-anthropic-investment"))
        let bad = try AlliesBinary.run(["search", "amazon (openai"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("unclosed \"(\" at column 8"))
    }
}

extension SearchCLITests {
    @Test func noResultsSuggestTheNearestWords() throws {
        let one = try AlliesBinary.run(["search", "antropic"])
        // Nothing found is "not found" (README, Exit status), as `grep` says it; JSON and CSV too.
        #expect(one.status == 1 && one.stdout.isEmpty)
        let json = try AlliesBinary.run(["search", "antropic", "--format", "json"])
        #expect(json.status == 1 && json.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
        #expect(try AlliesBinary.run(["search", "anthropic", "--format", "csv"]).status == 0)
        #expect(one.stderr == "No results for \"antropic\". Did you mean: anthropic?\n")
        let two = try AlliesBinary.run(["search", "nvidea", "antropic"])
        #expect(two.stderr.contains("Did you mean: nvidia anthropic?"))
        let none = try AlliesBinary.run(["search", "zzzzqqq"])
        #expect(none.stderr == "No results for \"zzzzqqq\".\n")
        // A phrase is shown as typed, not quoted again.
        let phrase = try AlliesBinary.run(["search", "\"zzzzqqq wwww\""])
        #expect(phrase.stderr.hasPrefix("No results for \"zzzzqqq wwww\"."), "\(phrase.stderr)")
    }
}
