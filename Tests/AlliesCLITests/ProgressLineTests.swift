import Foundation
import Testing

/// A long step of a command (reading a large file, building its network) shows how far it is on one line of
/// standard error when that is a terminal, and erases it before the command's output; a pipe never sees it.
@Suite("Progress on the terminal", .serialized, .timeLimit(.minutes(10)))
struct ProgressLineTests {
    typealias T = TerminalTests

    /// A generated dataset large enough that reading its JSON takes more than the half second a progress line
    /// waits for (20,000 alliances: seconds in a debug build), and two of its companies.
    static func generated(_ scratch: T.Scratch) throws -> (file: String, from: String, to: String) {
        let file = scratch.path("g.json")
        let made = try AlliesBinary.run(["generate", "--companies", "2000", "--alliances", "20000", "--output", file])
        #expect(made.status == 0, "\(made.stderr)")
        let ids = try AlliesBinary.run(["--data", file, "--no-cache", "companies", "--format", "csv"]).stdout
            .split(separator: "\n").dropFirst().prefix(2).map { String($0.split(separator: ",")[0]) }
        return (file, ids[0], ids[1])
    }

    @Test func aLongStepShowsItsProgressOnATerminalThenErasesIt() async throws {
        let scratch = try T.Scratch()
        defer { scratch.cleanUp() }
        let (file, from, to) = try Self.generated(scratch)
        let allies = Tmux.quote(try Tmux.alliesBinary())
        // The command waits for the recording to start, so nothing it writes is missed.
        let body = """
            while [ ! -e \(Tmux.quote(scratch.path("go"))) ]; do sleep 0.05; done
            LC_ALL=C.UTF-8 \(allies) --data \(Tmux.quote(file)) --no-cache path \(from) \(to)
            echo EXITED:$?
            \(T.stay)
            """
        let tmux = try Tmux(width: 120, height: 40, command: try scratch.script(body))
        defer { tmux.kill() }
        try tmux.recordOutput(to: scratch.path("raw"))
        _ = FileManager.default.createFile(atPath: scratch.path("go"), contents: nil)
        let screen = try await tmux.waitFor("the paths", timeout: .seconds(120)) { $0.contains("EXITED:") }
        #expect(screen.contains("EXITED:0") && screen.contains("shortest path"), "\(screen)")
        let deadline = ContinuousClock.now + .seconds(5)
        while !scratch.read("raw").contains("EXITED:"), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        let raw = scratch.read("raw")
        // Drawn in place (carriage return, erase line), counting up, with the file's name.
        let drawn = raw.components(separatedBy: "\r\u{1B}[K").filter { $0.hasPrefix("allies: reading ") }
        #expect(!drawn.isEmpty, "no progress line was drawn: \(raw.prefix(400).debugDescription)")
        #expect(drawn.allSatisfy { $0.contains("g.json…") && $0.hasSuffix("%") }, "\(drawn)")
        let percents = drawn.compactMap { Int($0.split(separator: " ").last!.dropLast()) }
        #expect(percents == percents.sorted() && percents.allSatisfy { (0...100).contains($0) }, "\(percents)")
        // Erased before the output: what stays on the screen is the answer alone.
        #expect(!screen.contains("allies: reading"), "\(screen)")
        // The last thing drawn on that line is its erasure, then the command's own output.
        let after = raw.components(separatedBy: "\r\u{1B}[K").last ?? ""
        #expect(!after.hasPrefix("allies:") && after.contains("shortest path"), "\(after.prefix(200).debugDescription)")
    }

    /// Into a pipe (a script, a log), standard error stays empty: no progress, no escape sequences.
    @Test func aPipeSeesNoProgress() throws {
        let scratch = try T.Scratch()
        defer { scratch.cleanUp() }
        let (file, from, to) = try Self.generated(scratch)
        let run = try AlliesBinary.run(["--data", file, "--no-cache", "path", from, to])
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty, "\(run.stderr.debugDescription)")
        #expect(run.stdout.contains("shortest path"))
    }
}
