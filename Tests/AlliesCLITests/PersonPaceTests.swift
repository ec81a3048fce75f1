import AlliesCore
import AlliesGenerator
import AlliesExplorer
import Foundation
import Testing

/// The real binary in tmux, driven as a person drives it: keys 150–600 ms apart at seeded random intervals, across
/// every view, a search typed one key at a time, a minute with no key at all, and more keys after it. Each screen is
/// checked against the explorer's own model fed the same keys: the binary answers every key with the right screen,
/// and it never leaves on its own (a session once ended after the 51st slow key).
@Suite("A person's pace, end to end", .serialized, .timeLimit(.minutes(10)))
struct PersonPaceTests {
    typealias T = TerminalTests

    static let size = Size(width: 100, height: 30)

    /// A key as the explorer sees it and as tmux sends it.
    struct Press {
        let key: Key
        let tmux: [String]

        init(_ key: Key) {
            self.key = key
            switch key {
            case .character(let c): tmux = ["-l", String(c)]
            case .enter: tmux = ["Enter"]
            case .escape: tmux = ["Escape"]
            case .backspace: tmux = ["BSpace"]
            case .tab: tmux = ["Tab"]
            case .up: tmux = ["Up"]
            case .down: tmux = ["Down"]
            case .left: tmux = ["Left"]
            case .right: tmux = ["Right"]
            case .pageUp: tmux = ["PPage"]
            case .pageDown: tmux = ["NPage"]
            case .home: tmux = ["Home"]
            case .end: tmux = ["End"]
            default: fatalError("no tmux name for \(key)")
            }
        }
    }

    /// Keys by the command they run on browsing screens, so the tour reads as what a person does.
    static func press(_ command: CommandName) -> Press {
        let binding = KeyTable.bindings.first { $0.command == command && !$0.contexts.contains(.prompt) }!
        return Press(binding.keys[0])
    }

    static func typed(_ text: String) -> [Press] { text.map { Press(.character($0)) } }

    static func repeated(_ command: CommandName, _ n: Int) -> [Press] { Array(repeating: press(command), count: n) }

    /// The planned part of the walk: every view, sorting, filtering, opening and going back, the network's prompts,
    /// and a search of 60 characters typed one key at a time.
    static var tour: [Press] {
        var keys: [Press] = []
        // Companies: move, page, sort, open a company and its own timeline and network.
        keys +=
            repeated(.moveDown, 8) + repeated(.moveUp, 3) + [
                press(.pageDown), press(.pageUp), press(.bottom), press(.top),
            ]
        keys += repeated(.sort, 4) + repeated(.moveDown, 2) + [press(.open)] + repeated(.moveDown, 6)
        keys += [press(.companyTimeline)] + repeated(.moveDown, 4) + [press(.back)]
        keys += [press(.companyNetwork)] + repeated(.moveDown, 3) + [press(.back), press(.back)]
        // Alliances: filter by kind, sort, open one and read it.
        keys += [press(.alliances)] + repeated(.moveDown, 6) + repeated(.filter, 3) + [press(.filterBack)]
        keys +=
            repeated(.sort, 3) + [press(.top), press(.open)] + repeated(.moveDown, 8) + [
                press(.pageDown), press(.back),
            ]
        // Timeline and Chips.
        keys +=
            [press(.timeline)] + repeated(.moveDown, 12) + [press(.bottom), press(.top), press(.open), press(.back)]
        keys += [press(.chips)] + repeated(.moveDown, 8) + [press(.pageDown), press(.top)]
        // Network: merge units, a path asked for at the prompt, the loops and one loop, a company.
        keys += [press(.companies)] + repeated(.moveDown, 2) + [press(.network)] + repeated(.moveDown, 4)
        keys += [press(.mergeUnits), press(.mergeUnits), press(.askPath)] + typed("openai") + [Press(.enter)]
        keys += repeated(.moveDown, 2) + [press(.back), press(.loops)] + repeated(.moveDown, 2)
        keys +=
            [press(.open)] + repeated(.moveDown, 3) + [press(.back), press(.back), press(.openCompany), press(.back)]
        // Help, then a long search typed a key at a time, its results, a result opened, and the matches.
        keys += [press(.help), press(.moveDown), press(.help)]
        keys += [press(.search)] + typed("nvidia inversión centros de datos energía anthropic amazon ai")
        keys += [Press(.backspace), Press(.backspace), Press(.down), Press(.down), Press(.up), Press(.enter)]
        keys += repeated(.moveDown, 3) + [press(.back), press(.back), press(.nextMatch), press(.previousMatch)]
        return keys
    }

    /// Keys a person wanders with, anywhere: never `q` or Ctrl-C (which may end the session), nor Ctrl-Z.
    static let wandering: [Key] = [
        .character("j"), .character("k"), .down, .up, .pageDown, .pageUp, .enter, .escape, .character("1"),
        .character("2"), .character("3"), .character("4"), .character("5"), .character("s"), .character("g"),
        .character("G"), .character("?"), .character("n"), .character("f"), .character("c"), .character("m"),
        .character("/"), .character("a"), .character("é"), .character("株"), .backspace, .tab, .left, .right,
    ]

    /// The screen the model draws, as tmux shows it: trailing spaces trimmed, a wide character once.
    static func expected(_ explorer: Explorer, size: Size = size) -> String {
        let grid = explorer.render(size)
        return (0..<grid.size.height).map { y in
            var line = grid.text(row: y)
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }

    static func captured(_ tmux: Tmux, size: Size = size) throws -> String {
        T.rows(try tmux.capture()).prefix(size.height).joined(separator: "\n")
    }

    /// Sends `press`, waits until the binary shows what the model shows after the same key, then waits out the rest
    /// of `gap` (a person's interval between two keys).
    static func step(
        _ press: Press, _ n: Int, gap: Duration, tmux: Tmux, model: inout Explorer, size: Size = size
    ) async throws {
        let sent = ContinuousClock.now
        try tmux.run(["send-keys"] + press.tmux)
        let command = model.updateAndWait(.key(press.key))
        #expect(command == .none, "key \(n) (\(press.key)) would end the session")
        let want = expected(model, size: size)
        var got = try captured(tmux, size: size)
        while got != want, ContinuousClock.now - sent < .seconds(8) {
            try await Task.sleep(for: .milliseconds(40))
            got = try captured(tmux, size: size)
        }
        guard got == want else {
            throw Tmux.Failure(
                description: "key \(n) (\(press.key)): the binary's screen is not the model's; "
                    + "the model's:\n\(want)\nthe binary's (pane dead: \(try tmux.display("#{pane_dead}"))):\n\(got)")
        }
        let spent = ContinuousClock.now - sent
        if spent < gap { try await Task.sleep(for: gap - spent) }
    }

    /// The CPU seconds used so far by the one child of the shell `pid` (the explorer the test's script runs).
    static func cpuOfChild(ofShell pid: String) throws -> Double {
        let children = try String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)
        let child = try #require(children.split(separator: " ").first, "the shell runs no explorer")
        let stat = try String(contentsOfFile: "/proc/\(child)/stat", encoding: .utf8)
        // After the command's name in parentheses: state is field 3, utime and stime fields 14 and 15.
        let fields = stat[stat.range(of: ")")!.upperBound...].split(separator: " ")
        let ticks = try #require(Double(fields[11])) + #require(Double(fields[12]))
        return ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    @Test("300+ keys 150–600 ms apart over every view, a minute idle, more keys: every screen right, q exits 0")
    func aLongSessionAtAPersonsPace() async throws {
        let scratch = try T.Scratch()
        defer { scratch.cleanUp() }
        let allies = Tmux.quote(try Tmux.alliesBinary())
        let command = try scratch.script(
            """
            before=$(stty -g)
            env LANG=C.UTF-8 LC_ALL=C.UTF-8 \(allies)
            status=$?
            if [ "$before" = "$(stty -g)" ]; then echo TTY:SAME; else echo TTY:CHANGED; fi
            echo EXITED:$status
            \(T.stay)
            """)
        let tmux = try Tmux(width: Self.size.width, height: Self.size.height, command: command)
        defer { tmux.kill() }
        try await tmux.waitFor(format: "#{alternate_on}", equals: "1")

        var model = Explorer(catalog: Catalog(try Dataset.bundled().get()), datasetName: Dataset.bundledName)
        _ = model.update(.terminal(TerminalCapabilities(unicode: true, color: true)))
        _ = model.update(.resize(Self.size))
        #expect(Self.expected(model).contains("Companies") && Self.expected(model).contains("Anthropic"))
        try await tmux.waitFor("the first screen") {
            T.rows($0).prefix(Self.size.height).joined(separator: "\n")
                == Self.expected(model)
        }

        var random = SplitMix64(seed: 0x5EED_0011)
        func gap() -> Duration { .milliseconds(Int.random(in: 150...600, using: &random)) }
        var presses = Self.tour
        while presses.count < 320 { presses.append(Press(Self.wandering.randomElement(using: &random)!)) }
        for (n, press) in presses.enumerated() {
            try await Self.step(press, n + 1, gap: gap(), tmux: tmux, model: &model)
        }

        // A minute with no key at all: the explorer is still there, showing the same screen, and asleep: it used
        // 2–4 s of CPU in such a minute when it woke every 100 ms to redraw.
        let before = try Self.captured(tmux)
        let explorerCPU = try Self.cpuOfChild(ofShell: tmux.display("#{pane_pid}"))
        try await Task.sleep(for: .seconds(60))
        #expect(try tmux.display("#{pane_dead}") == "0")
        #expect(try Self.captured(tmux) == before, "the screen changed while idle")
        let idleCPU = try Self.cpuOfChild(ofShell: tmux.display("#{pane_pid}")) - explorerCPU
        #expect(idleCPU < 0.5, "the explorer used \(idleCPU) s of CPU in a minute without input")

        // More keys after the pause.
        var after: [Press] = [Press(.escape), Press(.escape)]
        while after.count < 40 { after.append(Press(Self.wandering.randomElement(using: &random)!)) }
        for (n, press) in after.enumerated() {
            try await Self.step(press, presses.count + n + 1, gap: gap(), tmux: tmux, model: &model)
        }

        // Back to a top-level view (the model says when), then q: status 0, the terminal restored.
        func quits(_ model: Explorer) -> Bool {
            var copy = model
            return copy.update(.key(.character("q"))) == .quit
        }
        var backs = 0
        while !quits(model), backs < 60 {
            backs += 1
            try await Self.step(
                Press(.escape), presses.count + after.count + backs, gap: gap(), tmux: tmux,
                model: &model)
        }
        #expect(model.update(.key(.character("q"))) == .quit)
        try tmux.sendKeys("q")
        let end = try await tmux.waitFor(text: "EXITED:")
        #expect(end.contains("EXITED:0"), "q should quit with 0:\n\(end)")
        #expect(end.contains("TTY:SAME"), "the terminal settings were not restored:\n\(end)")
        #expect(try tmux.display("#{alternate_on}") == "0")
    }

    @Test("The terminal killed between two slow keys, after more than 51 of them: the explorer ends with 129")
    func hangUpAtAPersonsPace() async throws {
        let scratch = try T.Scratch()
        defer { scratch.cleanUp() }
        let command = try scratch.script(
            """
            trap 'echo hup >> \(Tmux.quote(scratch.path("hup")))' HUP
            sh -c 'echo $$ > "$1"; shift; exec "$@"' sh \(Tmux.quote(scratch.path("pid"))) \
                \(Tmux.quote(try Tmux.alliesBinary()))
            echo $? > \(Tmux.quote(scratch.path("status")))
            """)
        let tmux = try Tmux(width: Self.size.width, height: Self.size.height, command: command)
        defer { tmux.kill() }
        try await tmux.waitFor(format: "#{alternate_on}", equals: "1")
        try await tmux.waitForStableScreen()
        var random = SplitMix64(seed: 0x5EED_0129)
        for n in 0..<70 {
            try tmux.sendKeys(n % 3 == 2 ? "k" : "j")
            try await Task.sleep(for: .milliseconds(Int.random(in: 150...600, using: &random)))
        }
        #expect(try tmux.display("#{pane_dead}") == "0", "the explorer left on its own during slow typing")
        let pid = try #require(pid_t(scratch.read("pid").trimmingCharacters(in: .whitespacesAndNewlines)))
        try await Task.sleep(for: .milliseconds(Int.random(in: 150...600, using: &random)))
        try tmux.run(["kill-pane"])
        try await TerminalFaultTests.expectEndsWith129(scratch, pid: pid, "killed between two slow keys")
    }
}
