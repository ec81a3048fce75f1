import AlliesCore
import AlliesGenerator
import AlliesExplorer
@testable import AlliesTerminal
import Testing

/// The input loop and the click resolver fed at a person's pace: keys 150–600 ms apart, idle minutes, thousands of
/// keys, bytes that make no input (mouse releases), a byte that races the read. The loop runs on a simulated
/// terminal with a simulated clock, so an hour of idling takes milliseconds and every run is the same.
@Suite("Input at a person's pace")
struct InputPaceTests {
    /// What reaches the simulated terminal, and when (milliseconds from the start).
    enum Arrival: Equatable {
        case key(Key)
        case mouse(Mouse)
        /// Bytes that ncurses reads and makes nothing of (a mouse release the explorer does not ask for): the
        /// input was readable, yet no input comes of it.
        case swallowed
        /// A key whose byte arrives after ncurses looked and before the loop's own read: the probe reads it.
        case racing(Character)
        /// The terminal closed: reads return 0 from now on.
        case endOfFile
        /// The terminal is broken: reads fail with EIO.
        case readError
        /// poll reports POLLHUP.
        case hangUp
        /// The terminal's marks around pasted text.
        case pasteStart, pasteEnd

        var endsTheTerminal: Bool { self == .endOfFile || self == .readError || self == .hangUp }
    }

    struct SimulatedTerminal: LoopTerminal {
        let arrivals: [(at: Int, what: Arrival)]
        var next = 0
        /// Milliseconds since the start.
        var clock = 0
        let start = ContinuousClock.now
        var size = Size(width: 8, height: 2)
        /// A racing key's byte was read by the probe and given back.
        var givenBack: UInt8?
        var racingSeen = false

        init(_ arrivals: [(at: Int, what: Arrival)]) { self.arrivals = arrivals }

        var now: ContinuousClock.Instant { start + .milliseconds(clock) }
        private var current: Arrival? {
            next < arrivals.count && arrivals[next].at <= clock ? arrivals[next].what : nil
        }

        mutating func signalMessages() -> [Message] { [] }

        mutating func nextInput() -> InputEvent? {
            if let byte = givenBack {
                givenBack = nil
                next += 1
                return .key(.character(Character(Unicode.Scalar(byte))))
            }
            while let arrival = current {
                switch arrival {
                case .key(let key):
                    next += 1
                    return .key(key)
                case .mouse(let mouse):
                    next += 1
                    return .mouse(mouse)
                case .pasteStart:
                    next += 1
                    return .pasteStart
                case .pasteEnd:
                    next += 1
                    return .pasteEnd
                case .swallowed:
                    next += 1
                case .racing:
                    // ncurses looks before the byte is there.
                    if racingSeen { return nil }
                    racingSeen = true
                    return nil
                case .endOfFile, .readError, .hangUp:
                    return nil
                }
            }
            return nil
        }

        mutating func suspendForKey() -> Bool { false }
        mutating func resized() {}
        mutating func draw(_ grid: Grid) {}

        /// Waits that ended at the time limit, and waits without one.
        var timeouts = 0
        var unlimitedWaits = 0
        /// A wait without a limit after the last arrival: a real terminal would sleep for ever.
        var sleptForever = false

        mutating func wait(milliseconds: Int32) -> Wait {
            if milliseconds < 0 {
                unlimitedWaits += 1
                guard next < arrivals.count else {
                    sleptForever = true
                    return .failed
                }
                clock = max(clock, arrivals[next].at)
                return arrivals[next].what == .hangUp ? .hangUp : .ready(input: true)
            }
            if next < arrivals.count, arrivals[next].at <= clock + Int(milliseconds) {
                clock = max(clock, arrivals[next].at)
                return arrivals[next].what == .hangUp ? .hangUp : .ready(input: true)
            }
            clock += Int(milliseconds)
            timeouts += 1
            return .timeout
        }

        mutating func probeInput() -> InputProbe {
            switch current {
            case .endOfFile: return .endOfFile
            case .readError: return .failed
            case .racing(let c):
                racingSeen = false
                return .byte(UInt8(ascii: c.unicodeScalars.first!))
            default: return .nothing
            }
        }

        mutating func giveBack(_ byte: UInt8) { givenBack = byte }
    }

    /// Records what it is sent; quits on Ctrl-C.
    struct Recorder: Program {
        var keys: [Key] = []
        var mice: [Mouse] = []
        var ticks = 0
        var pastes: [String] = []

        mutating func update(_ message: Message) -> Command {
            switch message {
            case .key(let key):
                keys.append(key)
                return key == .control("c") ? .quit : .none
            case .mouse(let mouse): mice.append(mouse)
            case .paste(let text): pastes.append(text)
            case .tick: ticks += 1
            default: break
            }
            return .none
        }

        func render(_ size: Size) -> Grid { Grid(size) }
    }

    /// A session as a person makes it: keys 150–600 ms apart (and sometimes a pause of minutes), mouse presses,
    /// swallowed bytes and racing bytes between them, and how it ends.
    static func session(seed: UInt64, keys count: Int, ending: Arrival) -> [(at: Int, what: Arrival)] {
        var random = SplitMix64(seed: seed)
        let typed: [Key] = [
            .character("j"), .character("k"), .down, .up, .enter, .escape, .pageDown, .character("/"),
            .character("a"), .character("é"), .character("株"), .backspace, .tab, .character("1"),
        ]
        var arrivals: [(at: Int, what: Arrival)] = []
        var clock = 0
        for _ in 0..<count {
            let roll = Int.random(in: 0..<100, using: &random)
            clock +=
                roll < 2
                ? Int.random(in: 60_000...300_000, using: &random)  // idle one to five minutes
                : Int.random(in: 150...600, using: &random)
            switch roll {
            case 2..<12:
                arrivals.append((clock, .swallowed))
                clock += Int.random(in: 150...600, using: &random)
            case 12..<15:
                arrivals.append((clock, .racing("j")))
                continue
            case 15..<20:
                arrivals.append((clock, .mouse(Mouse(.press, x: Int.random(in: 0..<3, using: &random), y: 5))))
                continue
            default: break
            }
            arrivals.append((clock, .key(typed.randomElement(using: &random)!)))
        }
        clock += Int.random(in: 150...600, using: &random)
        arrivals.append((clock, ending))
        return arrivals
    }

    static func expectedKeys(_ arrivals: [(at: Int, what: Arrival)]) -> [Key] {
        arrivals.compactMap {
            switch $0.what {
            case .key(let key): key
            case .racing(let c): .character(c)
            default: nil
            }
        }
    }

    @Test(
        "Thousands of keys at a person's pace, with idle minutes: the loop ends only when asked",
        arguments: 0..<60)
    func personPaceNeverEndsOnItsOwn(seed: Int) {
        let arrivals = Self.session(seed: UInt64(seed), keys: 300 + seed * 20, ending: .key(.control("c")))
        var loop = InputLoop(terminal: SimulatedTerminal(arrivals))
        var recorder = Recorder()
        let status = loop.run(&recorder, capabilities: TerminalCapabilities(unicode: true, color: true), inbox: Inbox())
        #expect(status == 0)
        #expect(recorder.keys == Self.expectedKeys(arrivals), "seed \(seed): keys lost, reordered or added")
        #expect(loop.terminal.clock == arrivals.last!.at, "seed \(seed): ended at \(loop.terminal.clock) ms")
        // Every press reached the program (as a press or a double click).
        let presses = arrivals.filter { if case .mouse = $0.what { true } else { false } }.count
        #expect(recorder.mice.count == presses)
    }

    @Test(
        "A terminal that goes away (end of file, EIO, hang-up) at a person's pace ends the loop with 129, at once",
        arguments: [Arrival.endOfFile, .readError, .hangUp], 0..<10)
    func terminalGoneEndsWith129(ending: Arrival, seed: Int) {
        let arrivals = Self.session(seed: UInt64(1_000 + seed), keys: 100 + seed * 37, ending: ending)
        var loop = InputLoop(terminal: SimulatedTerminal(arrivals))
        var recorder = Recorder()
        let status = loop.run(&recorder, capabilities: TerminalCapabilities(unicode: true, color: true), inbox: Inbox())
        #expect(status == 129)
        #expect(recorder.keys == Self.expectedKeys(arrivals))
        #expect(loop.terminal.clock == arrivals.last!.at, "the loop went on after the terminal was gone")
    }

    /// Text between the terminal's paste marks is one paste, its line breaks and tabs text (Enter there would keep
    /// a half-typed form); keys typed before and after stay keys. A paste whose end mark never comes is given as it
    /// is after two quiet seconds, and what follows is keys again.
    @Test func aPasteIsTextNotKeys() {
        let pasted: [Key] = [.character("a"), .enter, .character("é"), .tab, .escape, .character("株"), .enter]
        var arrivals: [(at: Int, what: Arrival)] = [(0, .key(.character("x"))), (300, .pasteStart)]
        arrivals += pasted.map { (300, .key($0)) } + [(310, .key(.character("b"))), (310, .pasteEnd)]
        arrivals += [(700, .key(.enter)), (1_000, .pasteStart), (1_000, .key(.character("c"))), (1_000, .key(.enter))]
        arrivals += [(5_000, .key(.enter)), (5_400, .key(.control("c")))]
        var loop = InputLoop(terminal: SimulatedTerminal(arrivals))
        var recorder = Recorder()
        let status = loop.run(&recorder, capabilities: TerminalCapabilities(unicode: true, color: true), inbox: Inbox())
        #expect(status == 0)
        #expect(recorder.pastes == ["a\né\t株\nb", "c\n"])
        #expect(recorder.keys == [.character("x"), .enter, .enter, .control("c")])
    }

    @Test("Only bytes that make no input, for an hour: still running, no key invented, no waking to tick")
    func swallowedBytesAreNotAHangUp() {
        var arrivals: [(at: Int, what: Arrival)] = (1...12_000).map { ($0 * 300, .swallowed) }
        arrivals.append((3_600_000 + 5_000, .key(.control("c"))))
        var loop = InputLoop(terminal: SimulatedTerminal(arrivals))
        var recorder = Recorder()
        let status = loop.run(&recorder, capabilities: TerminalCapabilities(unicode: true, color: true), inbox: Inbox())
        #expect(status == 0)
        #expect(recorder.keys == [.control("c")])
        // One tick after the start; the bytes that make nothing are no reason to tick again.
        #expect(recorder.ticks == 1)
    }

    /// An idle explorer sleeps: one tick after each pause in input (where the explorer finishes what a keystroke
    /// left), then a wait without a time limit until the next key, not a wake-up every 100 ms (an hour idle was
    /// 36,000 ticks, each a render). A paste left open still ends after its two quiet seconds.
    @Test(arguments: 0..<10)
    func idleTheLoopSleepsAfterOneTick(seed: Int) {
        let arrivals = Self.session(seed: UInt64(2_000 + seed), keys: 200, ending: .key(.control("c")))
        var loop = InputLoop(terminal: SimulatedTerminal(arrivals))
        var recorder = Recorder()
        let status = loop.run(&recorder, capabilities: TerminalCapabilities(unicode: true, color: true), inbox: Inbox())
        #expect(status == 0 && !loop.terminal.sleptForever)
        #expect(recorder.keys == Self.expectedKeys(arrivals))
        // At most one tick per arrival (and the one after the first frame); the session lasts minutes.
        #expect(recorder.ticks >= 1 && recorder.ticks <= arrivals.count + 1, "\(recorder.ticks) ticks")
        #expect(loop.terminal.timeouts == recorder.ticks)
        #expect(loop.terminal.clock / 100 > 10 * arrivals.count, "the session has idle minutes")
        #expect(loop.terminal.unlimitedWaits > 0)
    }

    @Test(
        "Clicks at a person's pace: each press once; a double click only for two presses on one cell in time",
        arguments: 0..<40)
    func clicksAtPersonPace(seed: Int) {
        var random = SplitMix64(seed: UInt64(seed))
        var tracker = ClickTracker()
        let start = ContinuousClock.now
        var clock = 0
        var previous: (x: Int, y: Int, at: Int, resolvedAs: Mouse.Action)?
        for _ in 0..<500 {
            // Mostly a person's pace; now and then a real double click (80–350 ms) on the same cell.
            let fast = Int.random(in: 0..<10, using: &random) == 0
            clock += fast ? Int.random(in: 80...350, using: &random) : Int.random(in: 150...600, using: &random)
            let x = fast ? previous?.x ?? 0 : Int.random(in: 0..<3, using: &random)
            let y = fast ? previous?.y ?? 0 : Int.random(in: 0..<2, using: &random)
            let out = tracker.resolve(Mouse(.press, x: x, y: y), now: start + .milliseconds(clock))
            #expect(out.count == 1, "one press, one event")
            guard let event = out.first else { continue }
            #expect(event.x == x && event.y == y)
            let couldPair =
                previous.map { $0.x == x && $0.y == y && clock - $0.at <= 400 && $0.resolvedAs == .press }
                ?? false
            #expect(
                event.action == (couldPair ? .doubleClick : .press),
                """
                seed \(seed): at \(clock) ms a press on (\(x),\(y)) after \
                \(previous.map { "\(clock - $0.at) ms" } ?? "none")
                """
            )
            previous = (x, y, clock, event.action)
        }
    }

    /// Asks for work on `w`; the work sends the key `x` back.
    struct Worker: Program {
        var keys: [Key] = []
        mutating func update(_ message: Message) -> Command {
            guard case .key(let key) = message else { return .none }
            keys.append(key)
            if key == .character("w") { return .work(Work("echo") { send in send(.key(.character("x"))) }) }
            return key == .control("c") ? .quit : .none
        }
        func render(_ size: Size) -> Grid { Grid(size) }
    }

    @Test("Work asked for by update runs off the loop and what it sends comes back as messages")
    func workComesBackThroughTheInbox() {
        let arrivals: [(at: Int, what: Arrival)] = [
            (300, .key(.character("w"))), (900, .key(.character("j"))),
            (1_500, .key(.control("c"))),
        ]
        var loop = InputLoop(terminal: SimulatedTerminal(arrivals))
        var ran = 0
        loop.spawn = { body in
            ran += 1; body()
        }
        var worker = Worker()
        let status = loop.run(&worker, capabilities: TerminalCapabilities(unicode: true, color: true), inbox: Inbox())
        #expect(status == 0)
        #expect(ran == 1)
        #expect(worker.keys == [.character("w"), .character("x"), .character("j"), .control("c")])
    }
}
