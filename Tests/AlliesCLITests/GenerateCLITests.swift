import Foundation
import Testing

@Suite("allies generate")
struct GenerateCLITests {
    static func temporaryDirectory() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("allies-generate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.path
    }

    @Test func writesAValidCanonicalDatasetTheSameForTheSameSeed() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/gen.json"
        let arguments = ["generate", "--companies", "40", "--alliances", "300", "--seed", "9"]
        let made = try AlliesBinary.run(arguments + ["--output", file])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.isEmpty)
        #expect(made.stderr.contains("40 companies, 300 alliances"))
        let written = try Data(contentsOf: URL(fileURLWithPath: file))

        let toStdout = try AlliesBinary.run(arguments)
        #expect(toStdout.status == 0)
        #expect(toStdout.stdoutBytes == written, "standard output and --output give the same bytes")

        let validate = try AlliesBinary.run(["validate", file])
        #expect(validate.status == 0)
        #expect(validate.stdout.contains("valid — 75 articles, 40 companies, 300 alliances"))

        let exported = try AlliesBinary.run(["export", "--format", "json", "--data", file])
        #expect(exported.status == 0)
        #expect(exported.stdoutBytes == written, "the generated file is already canonical")

        let other = try AlliesBinary.run(["generate", "--companies", "40", "--alliances", "300", "--seed", "10"])
        #expect(other.status == 0 && other.stdoutBytes != written)

        let defaults = try AlliesBinary.run(["generate", "--output", dir + "/default.json"])
        #expect(defaults.status == 0)
        #expect(defaults.stderr.contains("1000 companies, 10000 alliances"))
    }

    @Test func badValuesAreUsageErrorsAndUnwritableOutputsAreIOErrors() throws {
        for bad in [
            ["--companies", "1"], ["--companies=-3"], ["--alliances=-1"], ["--seed=-1"], ["--companies", "many"],
            ["--alliances", "99999999"],
        ] {
            let out = try AlliesBinary.run(["generate"] + bad)
            #expect(out.status == 64, "\(bad): \(out.stderr)")
            #expect(out.stdout.isEmpty && !out.stderr.isEmpty, "\(bad)")
        }
        let few = try AlliesBinary.run(["generate", "--companies", "1"])
        #expect(few.stderr.contains("--companies: the number of companies must be at least 2"), "\(few.stderr)")

        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for target in [dir + "/missing/folder/out.json", dir] {
            let out = try AlliesBinary.run(["generate", "--alliances", "10", "--output", target])
            #expect(out.status == 1, "\(target): \(out.stderr)")
            #expect(out.stderr.contains("allies: cannot write"), "\(out.stderr)")
        }
    }
}
