import Foundation
import Testing

/// The records' `added` and `updated` days set by the editing commands, `allies changes`, `allies article add`, and the
/// user's own dataset ($XDG_DATA_HOME/allies/allies.json), through the real binary.
@Suite("Added and updated, changes, article add, your own dataset")
struct DatesCLITests {
    /// The record `id` of `list` in the dataset file, as JSON.
    static func record(_ file: String, _ list: String, _ id: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        let top = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let records = try #require(top[list] as? [[String: Any]])
        return try #require(records.first { $0["id"] as? String == id }, "no \(list) \(id) in \(file)")
    }

    static let day = ["ALLIES_TODAY": "2026-11-18"]

    @Test func addStampsTheNewRecordsWithTodayAndKeepsAnAddedTheyCarry() throws {
        let file = try EditCLITests.copyOfBundled()
        let fragment = EditCLITests.fragment.replacingOccurrences(
            of: "\"status\": \"in-talks\",", with: "\"status\": \"in-talks\", \"added\": \"2025-03-04\",")
        let added = try AlliesBinary.run(
            ["add", "--data", file, try temporaryFile(fragment, name: "records.json")], environment: Self.day)
        #expect(added.status == 0, "\(added.stderr)")
        #expect(try Self.record(file, "companies", "acme-ai")["added"] as? String == "2026-11-18")
        #expect(try Self.record(file, "alliances", "acme-nvidia-2025")["added"] as? String == "2025-03-04")
        #expect(try Self.record(file, "companies", "acme-ai")["updated"] == nil)
        #expect(try Self.record(file, "companies", "nvidia")["added"] == nil, "the other records are as they were")
        // A malformed ALLIES_TODAY is a usage error; nothing is written.
        let before = try Data(contentsOf: URL(fileURLWithPath: file))
        let bad = try AlliesBinary.run(
            ["edit", "--data", file, "nvidia", "--set", "name=NVIDIA Corp"], environment: ["ALLIES_TODAY": "2026-11"])
        #expect(bad.status == 64 && bad.stderr.contains("ALLIES_TODAY=\"2026-11\": expected a day as YYYY-MM-DD"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before)
    }

    @Test func editStampsUpdatedUnlessItSetsUpdatedItself() throws {
        let file = try EditCLITests.copyOfBundled()
        let out = try AlliesBinary.run(
            ["edit", "--data", file, "nvidia", "--set", "name=NVIDIA Corp"], environment: Self.day)
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.hasSuffix("  name: \"NVIDIA\" → \"NVIDIA Corp\"\n  updated: (none) → \"2026-11-18\"\n"))
        let nvidia = try Self.record(file, "companies", "nvidia")
        #expect(nvidia["updated"] as? String == "2026-11-18" && nvidia["added"] == nil)
        let own = try AlliesBinary.run(
            ["edit", "--data", file, "nvidia", "--set", "name=NVIDIA", "--set", "updated=2026-10-01"],
            environment: Self.day)
        #expect(own.status == 0, "\(own.stderr)")
        #expect(try Self.record(file, "companies", "nvidia")["updated"] as? String == "2026-10-01")
        // A month is refused, with the field named, and nothing is written.
        let before = try Data(contentsOf: URL(fileURLWithPath: file))
        let month = try AlliesBinary.run(["edit", "--data", file, "nvidia", "--set", "added=2026-11"])
        #expect(month.status == 1)
        #expect(
            month.stderr.contains(
                "company \"nvidia\", field added: invalid day \"2026-11\": expected a day as YYYY-MM-DD"),
            "\(month.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before)
    }

    /// A dataset with a company added on 2026-11-17, one added on 2026-11-18 and an alliance updated on 2026-11-20.
    static func datedCopy() throws -> String {
        let file = try EditCLITests.copyOfBundled()
        let company = { (id: String) in
            "{\"companies\": [{\"id\": \"\(id)\", \"name\": \"\(id.capitalized)\", \"kind\": \"startup\", "
                + "\"description\": {\"en\": \"A\", \"es\": \"A\"}}]}"
        }
        for (id, day) in [("before-co", "2026-11-17"), ("boundary-co", "2026-11-18")] {
            let added = try AlliesBinary.run(
                ["add", "--data", file, try temporaryFile(company(id), name: "c.json")],
                environment: ["ALLIES_TODAY": day])
            #expect(added.status == 0, "\(added.stderr)")
        }
        let edited = try AlliesBinary.run(
            ["edit", "--data", file, "aws-openai-cloud-2025", "--set", "status=completed"],
            environment: ["ALLIES_TODAY": "2026-11-20"])
        #expect(edited.status == 0, "\(edited.stderr)")
        return file
    }

    @Test func changesListsWhatWasAddedOrUpdatedSinceADay() throws {
        let file = try Self.datedCopy()
        let table = try AlliesBinary.run(["changes", "--data", file, "--since", "2026-11-18"])
        #expect(table.status == 0, "\(table.stderr)")
        let lines = table.stdout.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        #expect(
            lines == [
                "DATE CHANGE KIND ID TITLE",
                "2026-11-20 updated alliance aws-openai-cloud-2025 OpenAI–AWS $38 billion cloud computing deal",
                "2026-11-18 added company boundary-co Boundary-Co",
            ], "\(table.stdout)")
        // The day before the boundary is out; on a month, from its first day.
        #expect(!table.stdout.contains("before-co"))
        let month = try AlliesBinary.run(["changes", "--data", file, "--since", "2026-11"])
        #expect(month.stdout.split(separator: "\n").count == 4 && month.stdout.contains("before-co"))
        let json = try #require(
            try AlliesBinary.json(["changes", "--data", file, "--since", "2026-11-18", "--format", "json"])
                as? [[String: Any]])
        #expect(json.count == 2)
        #expect(json[0]["date"] as? String == "2026-11-20" && json[0]["change"] as? String == "updated")
        #expect(json[0]["kind"] as? String == "alliance" && json[0]["list"] as? String == "alliances")
        #expect(json[1]["id"] as? String == "boundary-co" && json[1]["title"] as? String == "Boundary-Co")
        let csv = try AlliesBinary.run(["changes", "--data", file, "--since", "2026-11-19", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("date,change,kind,list,id,title\n2026-11-20,updated,alliance,alliances,"))
        // Nothing since: said plainly, status 0.
        let none = try AlliesBinary.run(["changes", "--data", file, "--since", "2026-12"])
        #expect(none.status == 0 && none.stdout == "No records added or updated since 2026-12-01.\n")
        #expect(none.stderr.isEmpty)
        let bundled = try AlliesBinary.run(["changes", "--since", "1900"])
        #expect(bundled.status == 0 && bundled.stdout.hasPrefix("No records"), "the bundled records carry no dates")
        let bad = try AlliesBinary.run(["changes", "--data", file, "--since", "last week"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--since \"last week\": expected a date as YYYY, YYYY-MM or YYYY-MM-DD"))
        let help = try AlliesBinary.run(["changes", "--help"])
        #expect(help.stdout.contains("for the first day of that month or year"))
    }

    @Test func articleAddKeepsTheTextByteForByte() throws {
        let file = try EditCLITests.copyOfBundled()
        let text = Data("Titular: ¿alianza?\r\n\r\nCuerpo con 阿里巴巴, é (e\u{301}) y\ttabuladores.\n\n".utf8)
        let textFile = try temporaryFile("", name: "article.txt")
        try text.write(to: URL(fileURLWithPath: textFile))
        let out = try AlliesBinary.run(
            [
                "article", "add", "--data", file, "--text", textFile, "--id", "nueva-alianza-2026", "--title",
                "Titular: ¿alianza?", "--language", "es", "--outlet", "El Diario", "--author", "Ana",
                "--published", "2026-11", "--url", "https://example.com/a",
            ], environment: Self.day)
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout == "added to \(file): 1 article (nueva-alianza-2026)\n")
        let article = try Self.record(file, "articles", "nueva-alianza-2026")
        #expect((article["text"] as? String).map { Data($0.utf8) } == text, "byte for byte")
        #expect(article["retrieved"] as? String == "2026-11-18" && article["added"] as? String == "2026-11-18")
        #expect(article["published"] as? String == "2026-11" && article["outlet"] as? String == "El Diario")
        #expect(try AlliesBinary.run(["validate", file]).status == 0)
        let shown = try AlliesBinary.run(["article", "--data", file, "nueva-alianza-2026"])
        #expect(shown.status == 0 && shown.stdout.contains("the dataset does not carry its text") == false)

        // The same id again: refused, nothing written.
        let before = try Data(contentsOf: URL(fileURLWithPath: file))
        let again = try AlliesBinary.run(
            [
                "article", "add", "--data", file, "--text", textFile, "--id", "nueva-alianza-2026", "--title", "T",
                "--language", "es",
            ])
        #expect(again.status == 1)
        #expect(again.stderr.contains("article \"nueva-alianza-2026\": duplicate id \"nueva-alianza-2026\""))
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before)
    }

    @Test func articleAddRefusesInvalidUTF8AndEmptyTextsAndReadsStandardInput() throws {
        let file = try EditCLITests.copyOfBundled()
        let before = try Data(contentsOf: URL(fileURLWithPath: file))
        let bad = try temporaryFile("", name: "bad.txt")
        try Data([0x48, 0x6F, 0x6C, 0x61, 0x20, 0xC3, 0xA9, 0x20, 0xE9, 0x74, 0x65]).write(
            to: URL(fileURLWithPath: bad))
        let invalid = try AlliesBinary.run(
            ["article", "add", "--data", file, "--text", bad, "--id", "x", "--title", "T", "--language", "es"])
        #expect(invalid.status == 1)
        #expect(invalid.stderr.contains("\(bad): not valid UTF-8 at byte 8"), "\(invalid.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before)
        let empty = try temporaryFile("", name: "empty.txt")
        let refused = try AlliesBinary.run(
            ["article", "add", "--data", file, "--text", empty, "--id", "x", "--title", "T", "--language", "es"])
        #expect(refused.status == 1 && refused.stderr.contains("holds no text"), "\(refused.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before)

        let piped = try AlliesBinary.run(
            [
                "article", "add", "--data", file, "--text", "-", "--id", "desde-stdin", "--title", "T", "--language",
                "es",
            ],
            environment: Self.day, stdin: Data("Texto desde la entrada estándar.\n".utf8))
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(
            try Self.record(file, "articles", "desde-stdin")["text"] as? String == "Texto desde la entrada estándar.\n")
    }

    @Test func articleIsAGroupWhoseDefaultShowsAnArticle() throws {
        let plain = try AlliesBinary.run(["article", "horacero-acuerdo-historico-nube-2025", "--width", "100"])
        let show = try AlliesBinary.run(["article", "show", "horacero-acuerdo-historico-nube-2025", "--width", "100"])
        #expect(plain.status == 0 && plain.stdout == show.stdout && plain.stdout.contains("passages quoted by"))
        let amazon = try AlliesBinary.run(["article", "amazon-openai-10000-millones-2025", "--format", "json"])
        #expect(amazon.status == 0 && amazon.stdout.contains("\"article\": \"amazon-openai-10000-millones-2025\""))
        let help = try AlliesBinary.run(["article", "--help"])
        #expect(help.stdout.contains("show (default)") && help.stdout.contains("add "), "\(help.stdout)")
    }

    @Test func theFirstEditMakesYourOwnDatasetWhichEveryCommandThenOpens() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("allies-home-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let own = home.path + "/data/allies/allies.json"
        let env = ["XDG_DATA_HOME": home.path + "/data", "ALLIES_TODAY": "2026-11-18"]
        let records = try temporaryFile(EditCLITests.fragment, name: "records.json")

        // Before any edit: the bundled dataset.
        #expect(try !AlliesBinary.run(["companies"], environment: env).stdout.contains("acme-ai"))
        let added = try AlliesBinary.run(["add", records], environment: env)
        #expect(added.status == 0, "\(added.stderr)")
        #expect(
            added.stderr
                == "allies: created your own dataset at \(own) from the bundled one; Allies opens it from now on "
                + "(--data still wins)\n")
        #expect(added.stdout == "added to \(own): 1 company (acme-ai), 1 alliance (acme-nvidia-2025)\n")
        var info = stat()
        #expect(stat(home.path + "/data/allies", &info) == 0 && info.st_mode & 0o777 == 0o700)
        #expect(try Self.record(own, "companies", "acme-ai")["added"] as? String == "2026-11-18")
        #expect(try Self.record(own, "companies", "nvidia")["name"] as? String == "NVIDIA", "made from the bundled one")

        // Every command opens it now, with no --data.
        let companies = try AlliesBinary.run(["companies"], environment: env)
        #expect(companies.stdout.contains("acme-ai"), "\(companies.stdout)")
        let changes = try AlliesBinary.run(["changes", "--since", "2026-11-18"], environment: env)
        #expect(
            changes.stdout.split(separator: "\n").contains {
                $0.hasPrefix("2026-11-18  added") && $0.contains("acme-ai")
            },
            "\(changes.stdout)")
        // A second edit goes to it and says nothing more about it.
        let edited = try AlliesBinary.run(["edit", "acme-ai", "--set", "name=Acme"], environment: env)
        #expect(
            edited.status == 0 && edited.stderr.isEmpty
                && edited.stdout.hasPrefix("changed company \"acme-ai\" in \(own)"))

        // --data still wins, and so does $ALLIES_DATA.
        let other = try EditCLITests.copyOfBundled()
        #expect(try !AlliesBinary.run(["companies", "--data", other], environment: env).stdout.contains("acme-ai"))
        #expect(try !AlliesBinary.run(["--data", other, "companies"], environment: env).stdout.contains("acme-ai"))
        var withData = env
        withData["ALLIES_DATA"] = other
        #expect(try !AlliesBinary.run(["companies"], environment: withData).stdout.contains("acme-ai"))
        let elsewhere = try AlliesBinary.run(["remove", "run-ai", "--cascade"], environment: withData)
        #expect(elsewhere.status == 0 && elsewhere.stdout.hasPrefix("removed from \(other):"), "\(elsewhere.stdout)")
        #expect(try AlliesBinary.run(["companies"], environment: env).stdout.contains("run-ai"), "own one untouched")
    }

    @Test func anEditThatFailsMakesNoDatasetOfYourOwn() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("allies-home-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let env = ["XDG_DATA_HOME": home.path]
        let refused = try AlliesBinary.run(["edit", "nvidia", "--set", "kind=bank"], environment: env)
        #expect(refused.status == 1 && !refused.stderr.contains("created your own dataset"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: home.path + "/allies/allies.json"))
        // $XDG_DATA_HOME empty means $HOME/.local/share.
        let viaHome = try AlliesBinary.run(
            ["add", try temporaryFile(EditCLITests.fragment, name: "r.json")],
            environment: ["XDG_DATA_HOME": "", "HOME": home.path])
        #expect(viaHome.status == 0, "\(viaHome.stderr)")
        #expect(FileManager.default.fileExists(atPath: home.path + "/.local/share/allies/allies.json"))
    }
}
