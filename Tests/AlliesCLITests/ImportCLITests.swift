import Foundation
import Testing

/// `allies import csv` through the real binary, on the real Crunchbase export and on bad files (issue #14).
@Suite("Importing CSV files", .serialized)
struct ImportCLITests {
    static let crunchbase = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/data/crunchbase-2015/acquisitions.csv").path
    static let day = ["ALLIES_TODAY": "2026-12-03"]

    static func folder() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("allies-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.path
    }

    static func alliances(_ file: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        let top = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require(top["alliances"] as? [[String: Any]])
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: crunchbase)))
    func theRealCrunchbaseExportEveryRecordAccountedForKnownDealsFieldByField() throws {
        let dir = try Self.folder()
        let out = dir + "/cb.json"
        let run = try AlliesBinary.run(
            ["import", "csv", Self.crunchbase, "--preset", "crunchbase-2015-acquisitions", "--output", out],
            environment: Self.day)
        #expect(run.status == 0, "\(run.stderr)")
        // 18,968 records on 19,116 lines (quoted fields hold line breaks); imported + merged + rejected = records.
        #expect(run.stdout.contains("18968 records on 19116 lines"), "\(run.stdout)")
        let numbers = ["imported", "merged", "rejected", "total"].map { label -> Int in
            let line = run.stdout.split(separator: "\n").first {
                $0.trimmingCharacters(in: .whitespaces).hasPrefix(label)
            }
            return Int(line?.split(separator: " ").dropFirst().first ?? "") ?? -1
        }
        #expect(numbers[0] + numbers[1] + numbers[2] == 18968 && numbers[3] == 18968, "\(numbers)")
        // Self-acquisitions, impossible dates, a cut-off line, four deals stated twice with another amount, a name
        // that swallowed 147 lines.
        #expect(numbers[2] == 39, "the rejects of this file")

        // The rejects file: each with its line and reason, and the record as read.
        let rejects = try String(contentsOfFile: dir + "/cb.rejects.csv", encoding: .utf8)
        #expect(rejects.hasPrefix("line,end_line,reason,record\n"))
        #expect(rejects.contains("2637,2637,\"acquired_at (column 15) is \"\"3201-10-21\"\": year 3201 is outside"))
        #expect(rejects.contains("8142,8142,\"acquired_at (column 15) is \"\"1201-11-03 00:00:00\"\""))
        #expect(rejects.contains("19116,19116,\"company_country_code (column 4) is \"\"SF Bay Area\"\""))
        #expect(run.stderr.contains("acquisitions.csv:17: both parties are \"/organization/10stamps-contigua\""))
        // Intelsat–PanAmSat twice, the second with its price: rejected with what differs, the record as read kept.
        #expect(
            rejects.contains(
                "12385,12385,\"the same deal as line 12384 (the same key, \"\"/organization/intelsat acquisition "
                    + "/organization/panamsat 2006-10-22\"\") but it says otherwise: amount: undisclosed ≠ "
                    + "6400000000 USD; the first is kept\",\"/organization/panamsat,PanAmSat,"),
            "\(rejects.prefix(2000))")
        #expect(rejects.contains("16142,16289,acquirer_name (column 9) holds 148 lines (32757 characters)"))

        // Two known acquisitions, field by field.
        let all = try Self.alliances(out)
        let threeCom = try #require(
            all.first {
                ($0["records"] as? [[String: Any]])?.first?["key"] as? String
                    == "/organization/hewlett-packard acquisition /organization/3com 2009-11-11"
            })
        #expect(threeCom["kind"] as? String == "acquisition" && threeCom["status"] as? String == "announced")
        #expect((threeCom["title"] as? [String: String])?["en"] == "Hewlett-Packard acquires 3Com")
        #expect((threeCom["date"] as? [String: String]) == ["value": "2009-11-11", "event": "announced"])
        let amount = try #require((threeCom["amounts"] as? [[String: Any]])?.first)
        #expect(amount["value"] as? Double == 2_700_000_000 && amount["currency"] as? String == "USD")
        #expect(
            (threeCom["parties"] as? [[String: String]])?.map { $0["role"]! } == ["acquirer", "target"])
        let record = try #require((threeCom["records"] as? [[String: Any]])?.first)
        #expect(record["dataset"] as? String == "Crunchbase data export 2015-12-04")
        #expect(record["licence"] as? String == "CC-BY-NC 4.0" && record["retrieved"] as? String == "2015-12-04")
        #expect(threeCom["sources"] == nil && threeCom["added"] as? String == "2026-12-03")
        let waywire = try #require(
            all.first { ($0["title"] as? [String: String])?["en"] == "Waywire Networks acquires #waywire" })
        #expect(waywire["amounts"] == nil, "no price in the export: undisclosed, never 0")

        // The second import of the same file changes nothing.
        let before = try Data(contentsOf: URL(fileURLWithPath: out))
        let again = try AlliesBinary.run(
            ["import", "csv", Self.crunchbase, "--preset", "crunchbase-2015-acquisitions", "--into", out],
            environment: ["ALLIES_TODAY": "2026-12-04"])
        #expect(again.status == 0 && again.stdout.contains("imported       0"), "\(again.stdout)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == before)
    }

    static let header =
        "company_permalink,company_name,company_category_list,company_country_code,company_state_code,"
        + "company_region,company_city,acquirer_permalink,acquirer_name,acquirer_category_list,acquirer_country_code,"
        + "acquirer_state_code,acquirer_region,acquirer_city,acquired_at,acquired_month,price_amount,"
        + "price_currency_code"

    @Test func badFilesGetAClearMessageAndWriteNothing() throws {
        let dir = try Self.folder()
        func importing(_ path: String) throws -> AlliesBinary.Output {
            try AlliesBinary.run(
                ["import", "csv", path, "--preset", "crunchbase-2015-acquisitions", "--output", dir + "/out.json"],
                environment: Self.day)
        }
        // Latin-1: reported with its line, never guessed; the other rows are imported.
        var latin1 = Array((Self.header + "\n").utf8)
        latin1 +=
            Array("/organization/a,Soci".utf8) + [0xE9]
            + Array("t\u{E9},,FRA,,,,/organization/b,B,,USA,,,,2012-01-01,,,USD\n".utf8)
        latin1 += Array("/organization/c,C,,FRA,,,,/organization/b,B,,USA,,,,2012-01-01,,,USD\n".utf8)
        FileManager.default.createFile(atPath: dir + "/latin1.csv", contents: Data(latin1))
        let l = try importing(dir + "/latin1.csv")
        #expect(l.status == 0 && l.stderr.contains("latin1.csv:2:21: invalid UTF-8"), "\(l.stderr)")
        let squeezed = l.stdout.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        #expect(squeezed.contains("imported 1 new") && squeezed.contains("rejected 1"), "\(l.stdout)")
        try FileManager.default.removeItem(atPath: dir + "/out.json")

        // Empty, a directory, missing: refused, nothing written.
        FileManager.default.createFile(atPath: dir + "/empty.csv", contents: Data())
        for path in [dir + "/empty.csv", dir, dir + "/missing.csv"] {
            let r = try importing(path)
            #expect(r.status == 1 && r.stderr.contains(path), "\(path): \(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: dir + "/out.json"))
        }
        // Another separator: named, with the option to pass.
        let semicolons = Self.header.replacingOccurrences(of: ",", with: ";") + "\n"
        let s = try importing(try temporaryFile(semicolons, name: "semi.csv"))
        #expect(s.status == 1 && s.stderr.contains("pass --separator ';'"), "\(s.stderr)")
        // --output over an existing file is refused (--into merges).
        let existing = try temporaryFile("{}", name: "exists.json")
        let o = try AlliesBinary.run(
            ["import", "csv", dir + "/latin1.csv", "--preset", "crunchbase-2015-acquisitions", "--output", existing])
        #expect(o.status == 1 && o.stderr.contains("use --into"))
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "{}")
    }

    @Test func aMappedFileOfAnotherToolImportsWithItsDatasetNamed() throws {
        let csv = "Buyer,Target,When,USD\nNVIDIA,Run:ai,2024-12,700000000\nNVIDIA Corp.,Deci,2024,\n"
        let dir = try Self.folder()
        let r = try AlliesBinary.run(
            [
                "import", "csv", try temporaryFile(csv, name: "deals.csv"), "--map", "Buyer=from.name",
                "--map", "Target=to.name", "--map", "When=date", "--map", "USD=amount", "--kind", "acquisition",
                "--dataset", "My spreadsheet 2025", "--output", dir + "/mine.json",
            ], environment: Self.day)
        #expect(r.status == 0, "\(r.stderr)")
        let all = try Self.alliances(dir + "/mine.json")
        #expect(all.count == 2)
        // "NVIDIA" and "NVIDIA Corp." are one company; dates keep their precision.
        let buyers = Set(all.compactMap { ($0["parties"] as? [[String: String]])?.first?["company"] })
        #expect(buyers == ["nvidia"])
        #expect(all.compactMap { ($0["date"] as? [String: String])?["value"] }.sorted() == ["2024", "2024-12"])
        // A mapping that names no company for one side is refused before a row is read (it rejected every row as
        // "to.name is empty"), and no file is written.
        let oneSided = try AlliesBinary.run(
            [
                "import", "csv", try temporaryFile(csv, name: "deals.csv"), "--map", "Buyer=from.name",
                "--kind", "acquisition", "--dataset", "Mine", "--output", dir + "/one-sided.json",
            ], environment: Self.day)
        #expect(oneSided.status == 64, "\(oneSided.stderr)")
        #expect(oneSided.stderr.contains("--map names no column as to.name"), "\(oneSided.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/one-sided.json"))
    }

    /// A file whose every record is rejected imports nothing and says so with status 1 (it exited 0, so a script
    /// took it for a success): the rejects are written, the dataset is not touched.
    @Test func aFileOfRejectsOnlyFails() throws {
        let csv = "Buyer,Target,When,USD\nAmazon,OpenAI,2024-13-40,10\nAcme,Beta,2024,muchos\n"
        let dir = try Self.folder()
        let target = dir + "/mine.json"
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        try FileManager.default.copyItem(
            atPath: root.appendingPathComponent("Resources/allies.json").path, toPath: target)
        let before = try String(contentsOfFile: target, encoding: .utf8)
        let r = try AlliesBinary.run(
            [
                "import", "csv", try temporaryFile(csv, name: "bad.csv"), "--map", "Buyer=from.name",
                "--map", "Target=to.name", "--map", "When=date", "--map", "USD=amount", "--kind", "acquisition",
                "--dataset", "Mine", "--into", target,
            ], environment: Self.day)
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("every record was rejected; nothing imported"), "\(r.stderr)")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == before)
        let rejects = try String(contentsOfFile: dir + "/mine.rejects.csv", encoding: .utf8)
        #expect(rejects.split(separator: "\n").count == 3, "\(rejects)")
        // One record is one (`1 registros en 2 líneas` before), in Spanish.
        let one = try AlliesBinary.run(
            [
                "import", "csv", try temporaryFile("Buyer,Target,When,USD\nA,B,2024-13-01,1\n", name: "one.csv"),
                "--map", "Buyer=from.name", "--map", "Target=to.name", "--map", "When=date", "--map", "USD=amount",
                "--kind", "acquisition", "--dataset", "Mine", "--into", target, "--lang", "es",
            ], environment: Self.day)
        #expect(one.stdout.contains("one.csv: 1 registro en 2 líneas"), "\(one.stdout)")
    }

    /// A dry run writes no rejects file, so it does not name one: its rejects are all on standard error (it said
    /// "listed in dry.rejects.csv", a file that was never written). With --review into a dataset, the table ends its
    /// line (the next line ran into it).
    @Test func aDryRunListsItsRejectsAndNamesNoFile() throws {
        var csv = "Buyer,Target,When,USD\nNVIDIA,Run:ai,2024-12,700000000\n"
        for n in 1...25 { csv += "Acme,Target \(n),2024,1.5B\n" }
        let dir = try Self.folder()
        let mapping = [
            "--map", "Buyer=from.name", "--map", "Target=to.name", "--map", "When=date", "--map", "USD=amount",
            "--kind", "acquisition", "--dataset", "Mine",
        ]
        let file = try temporaryFile(csv, name: "deals.csv")
        let r = try AlliesBinary.run(
            ["import", "csv", file] + mapping + ["--output", dir + "/dry.json", "--dry-run"], environment: Self.day)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("listed on standard error (a dry run writes no file)"), "\(r.stdout)")
        #expect(
            !r.stdout.contains("dry.rejects.csv") && !r.stderr.contains("dry.rejects.csv"), "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").filter { $0.contains("deals.csv:") }.count == 25, "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/dry.rejects.csv"))
        // Into a dataset with --review: every line of the table ends.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        try FileManager.default.copyItem(
            atPath: root.appendingPathComponent("Resources/allies.json").path, toPath: dir + "/into.json")
        // "Open AI": the same letters as OpenAI spaced differently, an uncertain match the review lists.
        let uncertain = try temporaryFile(csv + "NVIDIA,Open AI,2025,\n", name: "more.csv")
        let into = try AlliesBinary.run(
            ["import", "csv", uncertain] + mapping + ["--into", dir + "/into.json", "--review"], environment: Self.day)
        #expect(into.status == 0, "\(into.stderr)")
        #expect(into.stdout.contains("Uncertain matches (1)"), "\(into.stdout)")
        #expect(into.stdout.split(separator: "\n").last?.hasPrefix("Wrote ") == true, "\(into.stdout)")
    }

    /// The summary counts in words that agree with their numbers: `1 alliance, 2 companies`, not `1 alliances`.
    @Test func theSummarySaysOneAsOne() throws {
        let csv = try AlliesBinary.run(["export", "--format", "csv"]).stdout.split(separator: "\n")
        let first = try #require(csv.dropFirst().first?.split(separator: ",").first)
        let one = ([csv[0]] + csv.dropFirst().filter { $0.split(separator: ",").first == first }).joined(
            separator: "\n")
        let dir = try Self.folder()
        for (language, expected) in [("en", "1 alliance, 2 companies."), ("es", "1 alianza, 2 empresas.")] {
            let run = try AlliesBinary.run(
                [
                    "--lang", language, "import", "csv", "-", "--preset", "allies-csv", "--output",
                    dir + "/one-\(language).json",
                ], environment: Self.day, stdin: Data((one + "\n").utf8))
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.split(separator: "\n").last?.hasSuffix(expected) == true, "\(run.stdout)")
        }
    }

    /// `allies export --format csv | allies import csv - --preset allies-csv` gives back the same alliances; into the
    /// dataset it came from, it changes nothing.
    @Test func alliesOwnCSVRoundTrips() throws {
        let csv = try AlliesBinary.run(["export", "--format", "csv"])
        let dir = try Self.folder()
        let run = try AlliesBinary.run(
            ["import", "csv", "-", "--preset", "allies-csv", "--output", dir + "/back.json"], environment: Self.day,
            stdin: csv.stdoutBytes)
        #expect(run.status == 0, "\(run.stderr)")
        let json = try AlliesBinary.run(["export", "--format", "json"])
        let original =
            try #require(
                try JSONSerialization.jsonObject(with: json.stdoutBytes) as? [String: Any])["alliances"]
            as! [[String: Any]]
        let back = try Self.alliances(dir + "/back.json")
        #expect(back.map { $0["id"] as! String } == original.map { $0["id"] as! String })
        for (a, b) in zip(original, back) {
            for field in ["kind", "parties", "date", "status", "title"] {
                #expect(
                    (a[field] as? NSObject) == (b[field] as? NSObject), "\(a["id"]!).\(field)")
            }
            // Every amount with its qualifiers; the note is not in the CSV.
            let amounts = { (x: [String: Any]) in
                ((x["amounts"] as? [[String: Any]]) ?? []).map { m in m.filter { $0.key != "note" } as NSDictionary }
            }
            #expect(amounts(a) == amounts(b), "\(a["id"]!).amounts")
        }
        // Into the dataset it came from: nothing changes.
        let own = dir + "/own.json"
        FileManager.default.createFile(atPath: own, contents: json.stdoutBytes)
        let again = try AlliesBinary.run(
            ["import", "csv", "-", "--preset", "allies-csv", "--into", own], environment: Self.day,
            stdin: csv.stdoutBytes)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: own)) == json.stdoutBytes)
    }
}
