import AlliesCore
import Foundation
import Testing

/// Runs python3 with a script and arguments; returns status and output.
private func python(_ script: String, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script] + arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
}

@Suite("FollowTheMoney on the command line (FtM)")
struct FtMCLITests {
    /// `allies export --format ftm`: every line loads strictly in the followthemoney package (an unknown property or
    /// a bad value fails), and the entities are the dataset's records: a Company per company, one link per alliance
    /// (plus a Contract for each ContractAward).
    @Test func theExportIsValidFtMWithOneEntityPerRecord() throws {
        let check = try python("import followthemoney", [])
        try #require(check.status == 0, "python3 cannot import followthemoney: run scripts/deps.sh — \(check.stderr)")
        let ftm = try AlliesBinary.run(["export", "--format", "ftm"])
        #expect(ftm.status == 0, "\(ftm.stderr)")
        let path = try temporaryFile(ftm.stdout, name: "entities.ftm.json")
        let script = """
            import json, sys
            from followthemoney import model
            counts = {}
            for line in open(sys.argv[1]):
                data = json.loads(line)
                proxy = model.get_proxy(data)  # strict: an unknown property raises
                missing = [p for p in proxy.schema.required if not proxy.get(p)]
                assert not missing, (data['id'], missing)
                for prop, values in data['properties'].items():
                    kind = proxy.schema.properties[prop].type
                    assert all(kind.clean(v) is not None for v in values), (data['id'], prop, values)
                    # Dates keep their precision: never padded to a day.
                    if kind.name == 'date':
                        assert proxy.get(prop) == values, (data['id'], prop, values, proxy.get(prop))
                counts[data['schema']] = counts.get(data['schema'], 0) + 1
            print(json.dumps(counts, sort_keys=True))
            """
        let result = try python(script, [path])
        #expect(result.status == 0, "followthemoney rejected an entity: \(result.stderr)")
        let counts = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Int])
        let dataset = try Dataset.bundled().get()
        var expected: [String: Int] = ["Company": dataset.companies.count]
        for a in dataset.alliances {
            let schema = FtMWriter.schema(of: a)
            expected[schema, default: 0] += 1
            if schema == "ContractAward" { expected["Contract", default: 0] += 1 }
        }
        #expect(counts == expected)
        #expect(counts["Ownership"] ?? 0 > 0 && counts["ContractAward"] ?? 0 > 0 && counts["UnknownLink"] ?? 0 > 0)
        let links = counts.filter { $0.key != "Company" && $0.key != "Contract" }.values.reduce(0, +)
        #expect(links == dataset.alliances.count)
    }

    /// The export read back by the core reader accounts for every line and rejects none.
    @Test func theExportReadsBack() throws {
        let ftm = try AlliesBinary.run(["export", "--format", "ftm"])
        let batch = FtMReader.read(
            text: ftm.stdout, source: ImportSource(dataset: "Allies export", file: "-"))
        #expect(batch.rejects.isEmpty, "\(batch.rejects)")
        #expect(batch.records == ftm.stdout.split(separator: "\n").count)
        #expect(batch.accounted == batch.records)
    }

    /// `allies import ftm`: the export imported into a new dataset is valid, has the same records, and exports the
    /// same entities again.
    @Test func importingTheExportGivesTheSameDataset() throws {
        let ftm = try AlliesBinary.run(["export", "--format", "ftm"])
        let input = try temporaryFile(ftm.stdout, name: "bundled.ftm.json")
        let output = (input as NSString).deletingLastPathComponent + "/imported.json"
        let today = ["ALLIES_TODAY": "2026-12-03"]
        let run = try AlliesBinary.run(
            ["import", "ftm", input, "--dataset", "Allies export", "--output", output], environment: today)
        #expect(run.status == 0, "\(run.stderr)")
        let dataset = try Dataset.bundled().get()
        let contracts = dataset.alliances.filter { FtMWriter.schema(of: $0) == "ContractAward" }.count
        #expect(
            run.stdout.contains(
                " \(contracts)  part of another record (an alliance's further amount; an FtM Contract)"),
            "\(run.stdout)")
        #expect(run.stdout.contains(" \(dataset.alliances.count)  new alliances"), "\(run.stdout)")
        #expect(run.stdout.contains(" \(dataset.companies.count)  new companies"), "\(run.stdout)")
        #expect(run.stderr.isEmpty, "no rejects: \(run.stderr)")
        let valid = try AlliesBinary.run(["validate", output])
        #expect(valid.status == 0, "\(valid.stdout)")
        let again = try AlliesBinary.run(["export", "--format", "ftm", "--data", output])
        func schemata(_ text: String) -> [String: Int] {
            var counts: [String: Int] = [:]
            for line in text.split(separator: "\n") {
                let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                counts[object?["schema"] as? String ?? "?", default: 0] += 1
            }
            return counts
        }
        #expect(schemata(again.stdout) == schemata(ftm.stdout))
        // Importing the same file into it again adds nothing.
        let twice = try AlliesBinary.run(
            ["import", "ftm", input, "--dataset", "Allies export", "--into", output], environment: today)
        #expect(twice.status == 0, "\(twice.stderr)")
        #expect(twice.stdout.contains(" 0  new alliances"), "\(twice.stdout)")
    }

    /// Bad lines from standard input: each rejected with its line, listed on stderr and in the rejects file; the
    /// counts add up.
    @Test func badLinesAreRejectedWithTheirLines() throws {
        let lines = [
            #"{"id":"a","schema":"Company","properties":{"name":["Alpha"],"country":["us"]}}"#,
            #"{"id":"p","schema":"Person","properties":{"name":["Ada"]}}"#,
            #"{"id":"o","schema":"Ownership","properties":{"owner":["a"],"asset":["b"],"startDate":["2024-05"]}}"#,
            #"{"id":"x","schema":"Ownership","properties":{"owner":["a"],"asset":["ghost"]}}"#,
            #"{oops"#,
            #"{"id":"b","schema":"Company","properties":{"name":["Beta"]}}"#,
        ]
        let dir = (try temporaryFile("", name: "unused") as NSString).deletingLastPathComponent
        let output = dir + "/out.json"
        let run = try AlliesBinary.run(
            ["import", "ftm", "-", "--dataset", "Test FtM", "--output", output],
            environment: ["ALLIES_TODAY": "2026-12-03"], stdin: Data((lines.joined(separator: "\n") + "\n").utf8))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("6 records on 6 lines"), "\(run.stdout)")
        #expect(run.stdout.contains("3 ") && run.stdout.contains("rejected"), "\(run.stdout)")
        #expect(run.stderr.contains("-:2: schema Person is not imported"), "\(run.stderr)")
        #expect(run.stderr.contains("-:4: asset \"ghost\" is not an entity of this file"), "\(run.stderr)")
        #expect(run.stderr.contains("-:5: not JSON"), "\(run.stderr)")
        let rejects = try String(contentsOfFile: dir + "/out.rejects.csv", encoding: .utf8)
        #expect(rejects.split(separator: "\n").count == 4, "a header and three rejects: \(rejects)")
        let alliances = try AlliesBinary.json(["alliances", "--format", "json", "--data", output]) as? [[String: Any]]
        #expect(alliances?.count == 1)
        #expect(alliances?.first?["kind"] as? String == "investment")
    }
}
