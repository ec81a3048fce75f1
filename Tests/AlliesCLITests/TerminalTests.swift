import Foundation
import Testing

/// The terminal backend through the real binary: refusing unusable terminals, starting, quitting, signals and
/// resize. These tests do not depend on what the explorer shows (the screen-level end-to-end tests do).
@Suite("Terminal", .serialized, .timeLimit(.minutes(10)))
struct TerminalTests {
    /// A scratch folder for scripts, pid and status files; removed by `cleanUp`.
    struct Scratch {
        let folder: URL
        init() throws {
            folder = FileManager.default.temporaryDirectory
                .appendingPathComponent("allies-terminal-\(getpid())-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        func read(_ name: String) -> String { (try? String(contentsOfFile: path(name), encoding: .utf8)) ?? "" }
        /// Writes `body` as a shell script and returns the command that runs it.
        func script(_ body: String) throws -> String {
            try body.write(toFile: path("run.sh"), atomically: true, encoding: .utf8)
            return "sh \(Tmux.quote(path("run.sh")))"
        }
        func cleanUp() { try? FileManager.default.removeItem(at: folder) }
    }

    /// Runs the explorer (`allies` with no arguments), then reports whether the terminal settings are as before
    /// (`TTY:SAME`) and the exit status (`EXITED:n`). The binary runs as `sh -c 'echo $$ > pid; exec allies'`, so
    /// `pid` holds its process id.
    static func explorerScript(_ allies: String, _ scratch: Scratch, then: String = "") -> String {
        """
        before=$(stty -g)
        sh -c 'echo $$ > "$1"; exec "$2"' sh \(Tmux.quote(scratch.path("pid"))) \(Tmux.quote(allies))
        status=$?
        if [ "$before" = "$(stty -g)" ]; then echo TTY:SAME; else echo TTY:CHANGED; fi
        echo EXITED:$status
        \(then.isEmpty ? Self.stay : then)
        """
    }

    /// Keeps the pane open after the script: a dead pane (remain-on-exit) would scroll its last lines away.
    static let stay = "exec sleep 600"

    /// Escape sequences that reached the screen as text: an ESC itself, caret notation, or the remains of a
    /// control sequence (`[?1049h`, `[0m`, `[39;49m`).
    static func expectNoEscapeGarbage(_ screen: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!screen.contains("\u{1B}"), "ESC on the screen:\n\(screen)", sourceLocation: sourceLocation)
        #expect(!screen.contains("^["), "caret-notation ESC on the screen:\n\(screen)", sourceLocation: sourceLocation)
        // A sanitised ESC in the data, drawn visibly as ␛, is fine: only a bare `[` counts.
        let remains = screen.replacingOccurrences(of: "␛[", with: "␛").contains(/\[\?\d+[hl]|\[\d+(;\d+)*m/)
        #expect(!remains, "the remains of an escape sequence on the screen:\n\(screen)", sourceLocation: sourceLocation)
    }

    static func isBlank(_ screen: String) -> Bool { screen.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }

    /// The rows of a capture (capture-pane ends the last one with a newline too).
    static func rows(_ screen: String) -> [String] {
        var rows = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if rows.last == "" { rows.removeLast() }
        return rows
    }

    /// Starts the explorer at `width` x `height` and waits until it has taken the screen and finished drawing.
    static func startExplorer(_ scratch: Scratch, width: Int = 100, height: Int = 30, then: String = "")
        async throws -> (Tmux, String)
    {
        let allies = try Tmux.alliesBinary()
        let tmux = try Tmux(
            width: width, height: height,
            command: try scratch.script(explorerScript(allies, scratch, then: then)))
        try await tmux.waitFor(format: "#{alternate_on}", equals: "1")
        let screen = try await tmux.waitForStableScreen()
        return (tmux, screen)
    }

    @Test("Without a terminal (stdin and stdout not ttys): a message pointing to --help, non-zero exit, no escapes")
    func refusesWithoutATerminal() throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "xterm-256color"
        let status = try spawnAndWait(
            try Tmux.alliesBinary(), [], environment: environment,
            stdout: scratch.path("out"), stderr: scratch.path("err"))
        let output =
            ((try? Data(contentsOf: URL(fileURLWithPath: scratch.path("out")))) ?? Data())
            + ((try? Data(contentsOf: URL(fileURLWithPath: scratch.path("err")))) ?? Data())
        let text = String(decoding: output, as: UTF8.self)
        #expect(status != 0)
        #expect(text.contains("--help"), "the message should point to `allies --help`: \(text)")
        #expect(!output.contains(0x1B), "escape bytes in the output: \(text.debugDescription)")
    }

    /// Why the explorer cannot start is said in the reader's language, as every other message is (it was English
    /// whatever `--lang` or the locale said).
    @Test func theReasonIsInTheReadersLanguage() throws {
        let spanish = try AlliesBinary.run(["--lang", "es"], stdin: Data())
        #expect(spanish.status == 2)
        #expect(
            spanish.stderr.contains("el explorador interactivo necesita un terminal, pero la entrada estándar no es")
                && spanish.stderr.contains("consulta `allies --help`"), "\(spanish.stderr)")
        let english = try AlliesBinary.run(["--lang", "en"], stdin: Data())
        #expect(english.stderr.contains("the interactive explorer needs a terminal, but standard input is not a"))
    }

    /// The ways a terminal can be unusable, each run with the rest of the terminal intact (stdin a tty).
    static let unusable: [String: String] = [
        "stdout piped": "{ ALLIES; echo $? > STATUS; } | cat",
        "TERM unset": "env -u TERM ALLIES; echo $? > STATUS",
        "TERM=dumb": "env TERM=dumb ALLIES; echo $? > STATUS",
        "TERM unknown": "env TERM=nonexistent-term ALLIES; echo $? > STATUS",
    ]

    @Test(
        "An unusable terminal: a clear message pointing to --help, non-zero exit, no escape byte written",
        arguments: ["stdout piped", "TERM unset", "TERM=dumb", "TERM unknown"])
    func refusesUnusableTerminals(_ name: String) async throws {
        let template = try #require(Self.unusable[name])
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        let allies = try Tmux.alliesBinary()
        let command =
            template
            .replacingOccurrences(of: "ALLIES", with: Tmux.quote(allies))
            .replacingOccurrences(of: "STATUS", with: Tmux.quote(scratch.path("status")))
        // Wait for the go-ahead (a file), so that pipe-pane records every byte; give up after 20 s.
        let go = Tmux.quote(scratch.path("go"))
        let tmux = try Tmux(
            width: 100, height: 30,
            command: try scratch.script(
                """
                i=0; while [ ! -e \(go) ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done
                \(command)
                echo EXITED:$(cat \(Tmux.quote(scratch.path("status"))))
                \(Self.stay)
                """))
        defer { tmux.kill() }
        try tmux.recordOutput(to: scratch.path("raw"))
        _ = FileManager.default.createFile(atPath: scratch.path("go"), contents: nil)
        let screen = try await tmux.waitFor(text: "EXITED:")
        let status = screen.firstMatch(of: /EXITED:(\d+)/).map { String($0.1) } ?? "?"
        #expect(status == "2", "\(name): exit status \(status), not 2")
        #expect(screen.contains("--help"), "\(name): the message should point to `allies --help`:\n\(screen)")
        // pipe-pane copies asynchronously: wait until the last line has arrived.
        let deadline = ContinuousClock.now + .seconds(5)
        while !scratch.read("raw").contains("EXITED:"), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        let raw = (try? Data(contentsOf: URL(fileURLWithPath: scratch.path("raw")))) ?? Data()
        #expect(!raw.isEmpty, "\(name): nothing was recorded from the pane")
        #expect(
            !raw.contains(0x1B),
            "\(name): escape bytes written: \(String(decoding: raw, as: UTF8.self).debugDescription)")
    }

    @Test("The explorer starts in tmux at 100x30 on a clean screen, and q at the top level quits with 0")
    func startsAndQuitsWithQ() async throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        let (tmux, screen) = try await Self.startExplorer(scratch)
        defer { tmux.kill() }
        #expect(!Self.isBlank(screen))
        Self.expectNoEscapeGarbage(screen)

        try tmux.sendKeys("q")
        let after = try await tmux.waitFor(text: "EXITED:")
        #expect(after.contains("EXITED:0"), "q should quit with status 0:\n\(after)")
        #expect(after.contains("TTY:SAME"), "the terminal settings were not restored:\n\(after)")
        #expect(try tmux.display("#{alternate_on}") == "0")
        Self.expectNoEscapeGarbage(after)
    }

    @Test("Ctrl-C quits, restores the terminal, and the shell is usable afterwards")
    func ctrlCQuitsAndTheShellIsUsable() async throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        let (tmux, _) = try await Self.startExplorer(scratch, then: "exec sh -i")
        defer { tmux.kill() }

        try tmux.sendKeys("C-c")
        let after = try await tmux.waitFor(text: "EXITED:")
        #expect(after.contains("TTY:SAME"), "the terminal settings were not restored:\n\(after)")
        try await tmux.waitFor(format: "#{alternate_on}", equals: "0")
        // A shell that echoes what is typed and runs it: the terminal is in a sane mode again.
        try tmux.type("echo READY-$((40+2))")
        try tmux.sendKeys("Enter")
        let shell = try await tmux.waitFor(text: "READY-42")
        #expect(shell.contains("echo READY-$((40+2))"), "typed text is not echoed:\n\(shell)")
        Self.expectNoEscapeGarbage(shell)
    }

    @Test("SIGTERM restores the terminal and exits with 143")
    func sigtermRestoresTheTerminal() async throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        let (tmux, _) = try await Self.startExplorer(scratch)
        defer { tmux.kill() }

        let pid = try #require(Int32(scratch.read("pid").trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(pid, SIGTERM) == 0)
        let after = try await tmux.waitFor(text: "EXITED:")
        #expect(after.contains("EXITED:143"), "expected death by SIGTERM (143):\n\(after)")
        #expect(after.contains("TTY:SAME"), "the terminal settings were not restored:\n\(after)")
        #expect(try tmux.display("#{alternate_on}") == "0")
        Self.expectNoEscapeGarbage(after)
    }

    @Test("Resizing to 40x12 and back redraws the layout for each size")
    func resizeRedraws() async throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        let (tmux, wide) = try await Self.startExplorer(scratch)
        defer { tmux.kill() }
        let wideLines = Self.rows(wide)
        // What the 100x30 screen looks like cut to 40x12 without a redraw.
        let truncated = wideLines.prefix(12).map { String($0.prefix(40)) }

        try tmux.resize(width: 40, height: 12)
        let small = try await tmux.waitFor("a redraw at 40x12") { screen in
            let lines = Self.rows(screen)
            return !Self.isBlank(screen) && lines.count <= 12
                && lines.map { $0.trimmingCharacters(in: .whitespaces) }
                    != truncated.map { $0.trimmingCharacters(in: .whitespaces) }
        }
        Self.expectNoEscapeGarbage(small)
        #expect(try tmux.display("#{alternate_on}") == "1", "the explorer should survive the resize")

        try tmux.resize(width: 100, height: 30)
        let back = try await tmux.waitFor("a redraw at 100x30") { screen in
            let lines = Self.rows(screen)
            let lastUsed = lines.lastIndex { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? 0
            return lastUsed >= 12 && lines.contains { $0.count > 40 }
        }
        Self.expectNoEscapeGarbage(back)
        try tmux.sendKeys("q")
        let after = try await tmux.waitFor(text: "EXITED:")
        #expect(after.contains("TTY:SAME"))
    }
}
