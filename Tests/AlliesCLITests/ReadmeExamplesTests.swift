import Foundation
import Testing

/// Every example of README.md runs (issue #15): each `allies …` command of its code blocks (a `$ ` prompt or none,
/// indented or not, `\` continuations joined), in the README's order, with the real binary, through bash so that
/// its pipes and redirections run as written. They run in one temporary folder, as a reader would run them one after
/// the other: `allies export --format json > my.json` and `cp my.json old.json` make the files the later commands
/// read, and XDG_DATA_HOME is one fresh folder for the whole walk (`withTestDirectories`), so the first edit without
/// `--data` makes the reader's own dataset and the next commands read it. ALLIES_TODAY is fixed inside November 2026,
/// which the README's `changes --since 2026-11` examples ask about.
///
/// Left out, and why: commands that read files the README never makes (`new-deal.json`, `article.txt`: it shows
/// their use, not their contents), and the million-alliance `generate` with what reads its output (`big.json`,
/// `big.txt`: 1.4 GB and a terminal for the explorer; `allies generate` has its own tests).
///
/// A command fails the test when it crashes (a signal), is a usage error (exit 64), or gives an empty answer
/// (nothing on standard output, or `[]`) where the text promises results. The few examples whose text promises
/// something else say so in `promises`.
@Suite("README examples")
struct ReadmeExamplesTests {
    /// README.md of this package (two folders up from this file).
    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("README.md").path

    /// The `allies …` commands and the `cp` lines of README.md's code blocks, in order.
    static func commands() throws -> [String] {
        let text = try String(contentsOfFile: readme, encoding: .utf8)
        var out: [String] = []
        var inBlock = false, indent = 0
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[...]
        while let raw = lines.popFirst() {
            let trimmed = raw.drop { $0 == " " }
            if trimmed.hasPrefix("```") {
                inBlock.toggle()
                indent = raw.count - trimmed.count
                continue
            }
            guard inBlock else { continue }
            var line = String(raw.dropFirst(min(indent, raw.count - trimmed.count)))
            if line.hasPrefix("$ ") { line.removeFirst(2) }
            guard line.hasPrefix("allies ") || line.hasPrefix("cp ") else { continue }
            while line.hasSuffix("\\"), let next = lines.popFirst() {
                line = String(line.dropLast()) + " " + next.trimmingCharacters(in: .whitespaces)
            }
            out.append(line)
        }
        return out
    }

    /// What the text promises instead of results, for the examples that promise something else.
    static let promises: [String: (status: Int32, stderr: String)] = [
        // "refused while other records refer to it"
        "allies remove run-ai": (1, "refer"),
        // "Did you mean" instead of a bare "No results"
        "allies search antropic": (1, "Did you mean: anthropic?"),
    ]

    static func skipped(_ command: String) -> Bool {
        ["new-deal.json", "article.txt", "big.json", "big.txt", "acquisitions.csv", "deals.csv"].contains {
            command.contains($0)
        }
    }

    @Test func everyExampleRunsAndAnswers() throws {
        let commands = try Self.commands()
        #expect(commands.count >= 20, "the README's examples were not found: \(commands)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("allies-readme-\(UUID().uuidString)")
        let bin = folder.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createSymbolicLink(
            atPath: bin.appendingPathComponent("allies").path, withDestinationPath: AlliesBinary.path)
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = bin.path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment["LC_ALL"] = "C.UTF-8"
        environment["ALLIES_TODAY"] = "2026-11-20"
        environment.removeValue(forKey: "ALLIES_DATA")
        environment.removeValue(forKey: "COLUMNS")
        environment["XDG_DATA_HOME"] = freshDataHome()
        environment = withTestDirectories(environment)

        var ran = 0
        for command in commands where !Self.skipped(command) {
            // The README's `| jq …` needs jq; without it the JSON itself is checked.
            var line = command
            if line.contains("| jq "), !Self.hasJQ, let bar = line.range(of: "| jq ") {
                line = String(line[..<bar.lowerBound])
            }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-o", "pipefail", "-c", line]
            process.currentDirectoryURL = folder
            process.environment = environment
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            ran += 1
            let status = process.terminationStatus
            #expect(process.terminationReason == .exit && status < 128, "crashed: \(command)\n\(stderr)")
            #expect(status != 64, "a usage error: \(command)\n\(stderr)")
            let key = command.components(separatedBy: "#")[0].trimmingCharacters(in: .whitespaces)
            if let promise = Self.promises[key] {
                #expect(status == promise.status, "\(command): status \(status)\n\(stderr)")
                #expect(stderr.contains(promise.stderr), "\(command): \(stderr)")
                continue
            }
            #expect(status == 0, "\(command): status \(status)\n\(stderr)")
            if let redirect = command.range(of: " > ") {
                // Written to a file: the file holds the answer.
                let name = command[redirect.upperBound...].split(separator: " ").first.map(String.init) ?? ""
                let written = (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? ""
                #expect(!written.isEmpty, "\(command): \(name) is empty")
            } else if !command.hasPrefix("cp ") {
                let answer = stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                #expect(!answer.isEmpty && answer != "[]", "an empty answer: \(command)\n\(stderr)")
            }
        }
        #expect(ran >= 18)
    }

    static let hasJQ: Bool = {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: $0 + "/jq")
        }
    }()

    @Test func theExamplesAreFound() throws {
        let commands = try Self.commands()
        #expect(commands.contains("allies search inversion anthropic          # accents never matter"))
        #expect(commands.contains { $0.hasPrefix("allies article add --data my.json") && $0.contains("--published") })
        #expect(commands.contains("cp my.json old.json"))
        #expect(commands.contains { $0.hasPrefix("allies remove run-ai") })
    }
}
