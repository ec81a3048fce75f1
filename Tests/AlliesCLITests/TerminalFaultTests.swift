import Foundation
import Testing

/// Terminal faults through the real binary in tmux: resize storms, signals in the middle of a search, Ctrl-Z and
/// `fg`, the terminal vanishing, stdin closed, odd TERM values, a non-UTF-8 locale. Each ends in a redrawn screen, or
/// a clean exit with the terminal restored and the documented status (q and Ctrl-C 0, SIGINT 130, SIGTERM 143,
/// SIGHUP 129, no usable terminal 2 with a message).
@Suite("Terminal faults", .serialized, .timeLimit(.minutes(10)))
struct TerminalFaultTests {
    typealias T = TerminalTests

    /// A script that waits for the go-ahead (so that pipe-pane records every byte), runs `allies ARGUMENTS` through
    /// `sh -c` so that `pid` holds its process id (after `prefix`, e.g. `env LANG=C`), then reports whether the
    /// terminal settings are as before (TTY:SAME) and the exit status (EXITED:n), and runs `then`.
    static func script(
        _ scratch: T.Scratch, _ arguments: [String] = [], prefix: String = "",
        then: String = T.stay
    ) throws -> String {
        let go = Tmux.quote(scratch.path("go"))
        let allies = try ([Tmux.alliesBinary()] + arguments).map(Tmux.quote).joined(separator: " ")
        return try scratch.script(
            """
            i=0; while [ ! -e \(go) ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done
            before=$(stty -g)
            \(prefix) sh -c 'echo $$ > "$1"; shift; exec "$@"' sh \(Tmux.quote(scratch.path("pid"))) \(allies)
            status=$?
            if [ "$before" = "$(stty -g)" ]; then echo TTY:SAME; else echo TTY:CHANGED; fi
            echo EXITED:$status
            \(then)
            """)
    }

    /// Starts `command` in tmux, records what the pane is sent to `raw` when asked, gives the go-ahead, and waits
    /// until the explorer has taken the screen and finished drawing.
    static func start(
        _ scratch: T.Scratch, _ command: String, width: Int = 100, height: Int = 30,
        record: Bool = false
    ) async throws -> (Tmux, String) {
        let tmux = try Tmux(width: width, height: height, command: command)
        if record { try tmux.recordOutput(to: scratch.path("raw")) }
        _ = FileManager.default.createFile(atPath: scratch.path("go"), contents: nil)
        try await tmux.waitFor(format: "#{alternate_on}", equals: "1")
        return (tmux, try await tmux.waitForStableScreen())
    }

    static func pid(_ scratch: T.Scratch) throws -> pid_t {
        try #require(pid_t(scratch.read("pid").trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    /// The bytes recorded from the pane up to the wrapper's `TTY:` line (what the explorer wrote), once that line
    /// has arrived (pipe-pane copies asynchronously).
    static func recorded(_ scratch: T.Scratch) async throws -> [UInt8] {
        let deadline = ContinuousClock.now + .seconds(5)
        var raw: [UInt8] = []
        let marker = Array("TTY:".utf8)
        while ContinuousClock.now < deadline {
            raw = [UInt8]((try? Data(contentsOf: URL(fileURLWithPath: scratch.path("raw")))) ?? Data())
            if raw.has(bytes: marker) { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        let end =
            (0..<max(0, raw.count - marker.count + 1)).first {
                raw[$0..<($0 + marker.count)].elementsEqual(marker)
            } ?? raw.count
        return Array(raw[..<end])
    }

    /// Quits with q from a top-level view and checks the status (0) and the terminal settings.
    static func quit(_ tmux: Tmux, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        try tmux.sendKeys("q")
        let after = try await tmux.waitFor(text: "EXITED:")
        #expect(after.contains("EXITED:0"), "q should quit with 0:\n\(after)", sourceLocation: sourceLocation)
        #expect(
            after.contains("TTY:SAME"), "the terminal settings were not restored:\n\(after)",
            sourceLocation: sourceLocation)
        #expect(try tmux.display("#{alternate_on}") == "0", sourceLocation: sourceLocation)
    }

    /// The storm's sizes: the extremes first, then a fixed pseudo-random walk over 1…300 x 1…100.
    static func stormSizes(_ count: Int) -> [(width: Int, height: Int)] {
        var sizes = [(1, 1), (300, 100), (1, 100), (300, 1), (2, 2), (29, 7), (30, 8), (1, 1), (300, 100)]
        var x: UInt64 = 0x5EED_5EED
        while sizes.count < count {
            x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            sizes.append((1 + Int((x >> 33) % 300), 1 + Int((x >> 13) % 100)))
        }
        return sizes.map { (width: $0.0, height: $0.1) }
    }

    @Test("A storm of 400 resizes (1x1 to 300x100) over the hostile dataset, keys in between: redrawn and aligned")
    func resizeStorm() async throws {
        let scratch = try T.Scratch()
        defer { scratch.cleanUp() }
        let data = scratch.path("hostile.json")
        try HostileFixture.write(to: data)
        let (tmux, first) = try await Self.start(scratch, try Self.script(scratch, ["--data", data]), record: true)
        defer { tmux.kill() }
        let total = try #require(T.rows(first).first?.firstMatch(of: /(\d+)\/(\d+)\s*$/).map { String($0.2) })

        let sizes = Self.stormSizes(400)
        let started = ContinuousClock.now
        var failed = 0
        for (i, size) in sizes.enumerated() {
            if try tmux.run(["resize-window", "-x", "\(size.width)", "-y", "\(size.height)"]).status != 0 {
                failed += 1
            }
            if i % 40 == 39 { try tmux.sendKeys(i % 80 == 79 ? "k" : "j") }
        }
        let storm = ContinuousClock.now - started
        #expect(failed == 0, "\(failed) resizes were refused by tmux")
        #expect(try tmux.display("#{pane_dead}") == "0", "the explorer died in the storm")
        #expect(try tmux.display("#{alternate_on}") == "1", "the explorer left the screen in the storm")

        try tmux.resize(width: 90, height: 28)
        try await tmux.waitFor("a redraw at 90x28") { s in
            let rows = T.rows(s)
            return rows.count == 28 && rows.first?.contains("Companies") == true && rows.last?.contains("quit") == true
        }
        let settled = try await tmux.waitForStableScreen(interval: .milliseconds(200))
        HostileTerminalTests.expectAligned(settled, width: 90, height: 28, listWidth: 90)
        T.expectNoEscapeGarbage(settled)
        // Still answering keys: G goes to the last company.
        try tmux.sendKeys("G")
        try await tmux.waitFor("the last company selected") { T.rows($0).first?.hasSuffix("\(total)/\(total)") == true }
        try await Self.quit(tmux)

        let written = try await Self.recorded(scratch)
        let stream = TerminalStream(written)
        #expect(stream.problems.isEmpty, "not what ncurses writes:\n\(stream.problems.joined(separator: "\n"))")
        for p in HostileFixture.payloads where p.unambiguous {
            #expect(!written.has(bytes: Array(p.raw.utf8)), "\(p.name): the payload was written raw")
        }
        print(
            "TerminalFaultTests: \(sizes.count) resizes in \(storm) (\(failed) refused), "
                + "\(sizes.count / 40) keys in between; \(written.count) bytes written")
    }

    static let signals: [String: (number: Int32, status: Int)] = [
        "SIGINT": (SIGINT, 130), "SIGTERM": (SIGTERM, 143), "SIGHUP": (SIGHUP, 129),
    ]

    @Test(
        "A terminating signal in the middle of a search restores the terminal and exits with 128 + the signal",
        arguments: ["SIGINT", "SIGTERM", "SIGHUP"])
    func signalMidSearch(_ name: String) async throws {
        let (signal, expected) = try #require(Self.signals[name])
        let scratch = try T.Scratch()
        defer { scratch.cleanUp() }
        let (tmux, _) = try await Self.start(scratch, try Self.script(scratch))
        defer { tmux.kill() }
        try tmux.sendKeys("/")
        try tmux.type("nvid")
        try await tmux.waitFor(text: "Search: nvid")

        #expect(kill(try Self.pid(scratch), signal) == 0)
        let after = try await tmux.waitFor(text: "EXITED:")
        #expect(after.contains("EXITED:\(expected)"), "\(name): expected status \(expected):\n\(after)")
        #expect(after.contains("TTY:SAME"), "\(name): the terminal settings were not restored:\n\(after)")
        #expect(try tmux.display("#{alternate_on}") == "0", "\(name): still on the alternate screen")
        T.expectNoEscapeGarbage(after)
    }

    @Test("Ctrl-Z or SIGTSTP in the middle of a search: a sane shell, and fg redraws the search as it was")
    func suspendAndResumeMidSearch() async throws {
        let scratch = try T.Scratch()
        defer { scratch.cleanUp() }
        let tmux = try Tmux(width: 100, height: 30, command: "env -u ENV PS1='READY$ ' sh -i")
        defer { tmux.kill() }
        func shell(_ line: String) throws {
            try tmux.type(line)
            try tmux.sendKeys("Enter")
        }
        try await tmux.waitFor(text: "READY$")
        try shell("stty -g > \(Tmux.quote(scratch.path("before")))")
        try shell(
            "sh -c 'echo $$ > \"$1\"; exec \"$2\"' sh \(Tmux.quote(scratch.path("pid"))) "
                + Tmux.quote(try Tmux.alliesBinary()))
        try await tmux.waitFor(format: "#{alternate_on}", equals: "1")
        try await tmux.waitForStableScreen()
        try tmux.sendKeys("/")
        try tmux.type("nvid")
        try await tmux.waitFor(text: "Search: nvid")
        let pid = try Self.pid(scratch)

        for (k, round) in ["Ctrl-Z", "SIGTSTP"].enumerated() {
            if round == "Ctrl-Z" { try tmux.sendKeys("C-z") } else { #expect(kill(pid, SIGTSTP) == 0) }
            try await tmux.waitFor(format: "#{alternate_on}", equals: "0")
            try await tmux.waitFor("the shell reporting the job stopped") {
                $0.components(separatedBy: "Stopped").count - 1 > k
            }
            // The shell's terminal is sane: what is typed is echoed, and the command runs.
            try shell("echo SANE-$((6*7))-\(round)")
            let sane = try await tmux.waitFor(text: "SANE-42-\(round)")
            #expect(sane.contains("echo SANE-$((6*7))-\(round)"), "\(round): typed text is not echoed:\n\(sane)")
            T.expectNoEscapeGarbage(sane)

            try shell("fg")
            try await tmux.waitFor(format: "#{alternate_on}", equals: "1")
            let back = try await tmux.waitFor("the search redrawn after \(round)") { s in
                T.rows(s).first?.contains("Search: nvid") == true && s.contains("NVIDIA")
            }
            #expect(T.rows(back).contains { $0.hasPrefix("/ nvid") }, "\(round): the prompt is not back:\n\(back)")
            T.expectNoEscapeGarbage(back)
            // And it takes keys again.
            try tmux.type("i")
            try await tmux.waitFor(text: "Search: nvidi")
            try tmux.sendKeys("BSpace")
            try await tmux.waitFor("the query back to nvid") { T.rows($0).first?.contains("nvidi") == false }
        }

        try tmux.sendKeys("Escape")
        try await tmux.waitFor("back on Companies") { T.rows($0).first?.contains("›") == false }
        try tmux.sendKeys("q")
        try await tmux.waitFor(format: "#{alternate_on}", equals: "0")
        try shell("echo EXITED:$?")
        try shell(
            "[ \"$(stty -g)\" = \"$(cat \(Tmux.quote(scratch.path("before"))))\" ] && echo TTY:SAME || echo TTY:CHANGED"
        )
        let after = try await tmux.waitFor(text: "TTY:")
        #expect(after.contains("EXITED:0"), "q after fg should quit with 0:\n\(after)")
        #expect(after.contains("TTY:SAME"), "the terminal settings were not restored:\n\(after)")
    }

    @Test(
        "The terminal vanishing (tmux kill-pane) ends the explorer with 129, with SIGHUP delivered or ignored",
        arguments: ["SIGHUP delivered", "SIGHUP ignored"])
    func terminalVanishes(_ variant: String) async throws {
        let scratch = try T.Scratch()
        defer { scratch.cleanUp() }
        let ignore = variant == "SIGHUP ignored" ? "trap \"\" HUP; " : ""
        // The outer shell catches SIGHUP (a caught signal is reset for its children), waits, and records the status.
        let command = try scratch.script(
            """
            trap 'echo hup >> \(Tmux.quote(scratch.path("hup")))' HUP
            i=0; while [ ! -e \(Tmux.quote(scratch.path("go"))) ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done
            sh -c '\(ignore)echo $$ > "$1"; shift; exec "$@"' sh \(Tmux.quote(scratch.path("pid"))) \
                \(Tmux.quote(try Tmux.alliesBinary()))
            echo $? > \(Tmux.quote(scratch.path("status")))
            """)
        let (tmux, _) = try await Self.start(scratch, command)
        defer { tmux.kill() }
        let pid = try Self.pid(scratch)
        try tmux.run(["kill-pane"])
        try await Self.expectEndsWith129(scratch, pid: pid, variant)
    }

    /// After the pane was killed: the wrapper writes the explorer's exit status to `status` within 5 s, and it is
    /// 129. An explorer still running then is killed.
    static func expectEndsWith129(
        _ scratch: T.Scratch, pid: pid_t, _ what: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let deadline = ContinuousClock.now + .seconds(5)
        while scratch.read("status").isEmpty, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        let status = scratch.read("status").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(
            status == "129", "\(what): the explorer ended with \(status.isEmpty ? "nothing within 5 s" : status)",
            sourceLocation: sourceLocation)
        if status.isEmpty { kill(pid, SIGKILL) }
    }

    /// Ways of starting without a usable terminal, each with stdin or stdout still a tty so that only the one
    /// fault applies. ALLIES is the binary.
    static let unusable: [(name: String, command: String)] = [
        ("stdin closed", "ALLIES <&-"),
        ("stdin from /dev/null", "ALLIES </dev/null"),
        ("stdout closed", "ALLIES >&-"),
        ("stdin a pipe", "echo | ALLIES"),
        ("TERM empty", "env TERM= ALLIES"),
        ("TERM with escapes", #"env TERM="$(printf 'x\033]0;QTERM\007\033[2J')" ALLIES"#),
        ("TERM 300 characters", #"env TERM="$(printf '%0300d' 0)" ALLIES"#),
    ]

    @Test("No usable terminal (stdin closed or a pipe, stdout closed, odd TERM): status 2, a message, no escapes")
    func refusesWithStatus2() async throws {
        let scratch = try T.Scratch()
        defer { scratch.cleanUp() }
        let allies = Tmux.quote(try Tmux.alliesBinary())
        // One session runs every case in turn, each between markers.
        var body =
            "i=0; while [ ! -e \(Tmux.quote(scratch.path("go"))) ] && [ $i -lt 400 ]; do sleep 0.05; "
            + "i=$((i+1)); done\n"
        for (n, c) in Self.unusable.enumerated() {
            body +=
                "echo BEGIN-\(n)\n" + c.command.replacingOccurrences(of: "ALLIES", with: allies)
                + "; echo CASE-\(n)=$?\n"
        }
        body += "echo ALL-DONE\n" + T.stay
        let tmux = try Tmux(width: 200, height: 60, command: try scratch.script(body))
        defer { tmux.kill() }
        try tmux.recordOutput(to: scratch.path("raw"))
        _ = FileManager.default.createFile(atPath: scratch.path("go"), contents: nil)
        let screen = try await tmux.waitFor(text: "ALL-DONE")
        let deadline = ContinuousClock.now + .seconds(5)
        while !scratch.read("raw").contains("ALL-DONE"), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        let raw = scratch.read("raw")
        for (n, c) in Self.unusable.enumerated() {
            let status = screen.firstMatch(of: try Regex("CASE-\(n)=(\\d+)"))?.output[1].substring.map(String.init)
            #expect(status == "2", "\(c.name): exit status \(status ?? "?")")
            let part =
                raw.components(separatedBy: "BEGIN-\(n)").dropFirst().first?
                .components(separatedBy: "CASE-\(n)=").first ?? ""
            #expect(part.contains("--help"), "\(c.name): no message pointing to --help: \(part.debugDescription)")
            #expect(
                !part.contains("\u{1B}") && !part.contains("\u{07}"),
                "\(c.name): escape bytes written: \(part.debugDescription)")
        }
        #expect(raw.contains("TERM=x?]0;QTERM??[2J"), "the hostile TERM is named, made printable")
        #expect(raw.contains("…"), "the long TERM is cut")
        #expect(!raw.contains("\u{1B}"), "escape bytes written")
    }

    @Test("A non-UTF-8 locale: the explorer works and draws in ASCII only", arguments: ["LANG=C", "LC_ALL=POSIX"])
    func nonUTF8Locale(_ locale: String) async throws {
        let scratch = try T.Scratch()
        defer { scratch.cleanUp() }
        let prefix = "env -u LC_ALL -u LC_CTYPE -u LC_MESSAGES -u LANG \(locale)"
        let (tmux, first) = try await Self.start(scratch, try Self.script(scratch, prefix: prefix), record: true)
        defer { tmux.kill() }
        #expect(T.rows(first).first?.contains("Companies") == true, "\(locale): not on Companies:\n\(first)")
        #expect(first.contains("|") && !first.contains("│"), "\(locale): not drawn with ASCII lines:\n\(first)")
        HostileTerminalTests.expectAligned(first, width: 100, height: 30, listWidth: 100 - 40)

        try tmux.sendKeys("4")
        let chips = try await tmux.waitFor("the chips, with ASCII bars") { s in
            T.rows(s).first?.contains("Chips") == true && s.contains("##") && s.contains(">70%")
        }
        #expect(!chips.contains("█") && !chips.contains("▶"), "\(locale): Unicode bars:\n\(chips)")
        try tmux.sendKeys("1", "/")
        try tmux.type("nvidia")
        try await tmux.waitFor(text: "Search: nvidia")
        try tmux.sendKeys("Enter")
        let company = try await tmux.waitFor("the NVIDIA screen") { T.rows($0).first?.contains("> NVIDIA") == true }
        T.expectNoEscapeGarbage(company)
        // Non-ASCII typed in a C locale arrives as bytes: harmless.
        try tmux.sendKeys("Escape", "Escape", "/")
        try tmux.type("société")
        try await tmux.waitFor(text: "Search: soci")
        try tmux.sendKeys("Escape")
        try await tmux.waitFor("back on Companies") { T.rows($0).first?.contains(" > ") == false }
        try await Self.quit(tmux)

        let written = try await Self.recorded(scratch)
        #expect(written.count > 2_000, "\(locale): too little recorded (\(written.count) bytes)")
        let high = written.filter { $0 >= 0x80 }.count
        #expect(high == 0, "\(locale): \(high) non-ASCII bytes written")
        let stream = TerminalStream(written)
        #expect(stream.problems.isEmpty, "\(locale): \(stream.problems.joined(separator: "\n"))")
    }
}
