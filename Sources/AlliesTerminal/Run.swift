import AlliesExplorer
import CNcursesw
import Synchronization
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs `program` full-screen until its `update` answers `.quit`, and returns the exit status (0). Every input
/// becomes a message: keys, mouse, `.resize`, `.tick` (after `tickInterval` without any other event), and whatever
/// `background` sends from its own thread (started once, after the first frame). The terminal is restored on
/// every way out: quit, SIGINT/SIGTERM/SIGHUP (re-raised, so the status is 130/143/129), a crash, or the terminal
/// going away as the system reports it (status 129; see `InputLoop`).
public func runTerminal<P: Program>(
    _ program: inout P,
    capabilities: TerminalCapabilities,
    background: (@Sendable (@escaping @Sendable (Message) -> Void) -> Void)? = nil
) -> Int32 {
    useTheLocale()
    Signals.install()
    guard let screen = newterm(nil, allies_stdout(), allies_stdin()) else {
        Signals.restore()
        fputs("allies: could not start the terminal (newterm failed); see `allies --help`.\n", allies_stderr())
        return 1
    }
    set_term(screen)
    cursesActive.store(true, ordering: .sequentiallyConsistent)
    configureTerminal()

    let inbox = Inbox()
    var loop = InputLoop(terminal: CursesTerminal(screen: Screen(palette: Palette(color: capabilities.color))))
    let status = loop.run(&program, capabilities: capabilities, inbox: inbox) {
        if let background { startThread { background { inbox.send($0) } } }
    }
    inbox.close()

    leaveCursesMode()
    delscreen(screen)
    Signals.restore()
    return status
}

/// Milliseconds without input before a `.tick`: one tick after each pause in input (the explorer finishes there
/// what a keystroke left, such as the rest of a search's results), then none until something happens, so an idle
/// explorer sleeps in `poll` instead of waking ten times a second (signals and the background thread wake it through
/// the wake pipe). While a paste is open the ticks go on, to give up on a paste that never ends.
let tickInterval: Int32 = 100

private func configureTerminal() {
    let window = allies_stdscr()
    raw()  // Ctrl-C reaches the program as a key; Ctrl-Z is handled as a key too (see InputLoop and CursesTerminal)
    noecho()
    nonl()
    intrflush(window, false)
    keypad(window, true)
    nodelay(window, true)  // the loop waits in poll(), then drains every pending key
    leaveok(window, true)
    curs_set(0)
    // An Escape followed within 25 ms by more bytes is one key (Alt+key, an arrow's sequence). It depends on pace
    // by nature: no person types two keys 25 ms apart, and a terminal sends a sequence's bytes together.
    set_escdelay(25)
    mouseinterval(0)  // presses are reported at once; double clicks are recognised by ClickTracker
    mousemask(mouseEvents, nil)
    define_key("\u{1b}[200~", pasteStartCode)
    define_key("\u{1b}[201~", pasteEndCode)
    writeToTerminal(bracketedPasteOn)
}

/// Messages from the background thread, delivered on the main loop.
final class Inbox: Sendable {
    private struct State {
        var messages: [Message] = []
        var open = true
    }
    private let state = Mutex(State())

    func send(_ message: Message) {
        let accepted = state.withLock { state -> Bool in
            guard state.open else { return false }
            state.messages.append(message)
            return true
        }
        if accepted { wakeMainLoop() }
    }

    func take() -> [Message] {
        state.withLock { state in
            defer { state.messages = [] }
            return state.messages
        }
    }

    func close() {
        state.withLock { state in
            state.open = false
            state.messages = []
        }
    }
}

private final class ThreadBody {
    let run: @Sendable () -> Void
    init(_ run: @escaping @Sendable () -> Void) { self.run = run }
}

/// Starts `body` on a detached thread; runs it here if no thread can be made.
func startThread(_ body: @escaping @Sendable () -> Void) {
    let context = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
    var thread = pthread_t()
    let started = pthread_create(
        &thread, nil,
        { raw in
            guard let raw else { return nil }
            Unmanaged<ThreadBody>.fromOpaque(raw).takeRetainedValue().run()
            return nil
        }, context)
    if started == 0 {
        pthread_detach(thread)
    } else {
        Unmanaged<ThreadBody>.fromOpaque(context).takeRetainedValue().run()
    }
}

/// What the input loop needs from a terminal. `CursesTerminal` is the real one; the tests drive the same loop with a
/// simulated terminal on a simulated clock, at a person's pace, over hours of idle time.
protocol LoopTerminal {
    /// The terminal's size now.
    var size: Size { get }
    /// The time now, for telling a double click from two clicks.
    var now: ContinuousClock.Instant { get }
    /// Messages owed to signals that arrived since the last call (a terminating signal does not return).
    mutating func signalMessages() -> [Message]
    /// The next input already decoded, or nil when none is waiting. Never blocks.
    mutating func nextInput() -> InputEvent?
    /// Ctrl-Z was typed: suspends and returns true once continued, or false where there is no job control.
    mutating func suspendForKey() -> Bool
    /// The terminal was resized: takes its new size, and forgets what is on the screen.
    mutating func resized()
    mutating func draw(_ grid: Grid)
    /// Waits at most `milliseconds` (without limit when negative) for input, a hang-up or a wake-up from the
    /// background thread or a signal.
    mutating func wait(milliseconds: Int32) -> Wait
    /// Asked when `wait` said the input was readable and yet `nextInput` found nothing: a read, without blocking.
    mutating func probeInput() -> InputProbe
    /// Gives back a byte that `probeInput` read, so that it is decoded as input.
    mutating func giveBack(_ byte: UInt8)
}

/// How one `wait` ended.
enum Wait: Equatable {
    /// Nothing within the time given.
    case timeout
    /// The terminal's input is readable (`input`), or only the background thread woke us.
    case ready(input: Bool)
    /// The system reports the terminal hung up or broken (POLLHUP, POLLERR, POLLNVAL).
    case hangUp
    /// A signal interrupted the wait.
    case interrupted
    /// The wait itself failed.
    case failed
}

/// What a direct, non-blocking read of the terminal said.
enum InputProbe: Equatable {
    /// Nothing to read, and the terminal is open: the readiness was for bytes ncurses took without making input of
    /// them (a mouse event the explorer does not ask for, the rest of an escape sequence).
    case nothing
    /// The read returned 0: end of file, the terminal is gone.
    case endOfFile
    /// The read failed (EIO after a hang-up, EBADF): the terminal is gone.
    case failed
    /// A byte came in between the wait and the read.
    case byte(UInt8)

    /// Whether the system said the terminal is gone. The only ways the loop ends without being asked are this and
    /// `Wait.hangUp` (besides the signals): how fast or how slowly keys come never matters.
    var terminalGone: Bool { self == .endOfFile || self == .failed }
}

/// The exit status when the terminal goes away, as for SIGHUP.
let terminalGoneStatus: Int32 = 129

/// The input loop: every input becomes a message; the screen is redrawn after each pass that changed something.
struct InputLoop<Terminal: LoopTerminal> {
    var terminal: Terminal
    var clicks = ClickTracker()
    /// The text pasted so far, between the terminal's paste marks; nil outside a paste.
    var pasted: String?
    /// When the paste last grew: one that stops for `pasteGiveUp` without its end mark is given as it is.
    var pastedAt: ContinuousClock.Instant?
    let pasteGiveUp: Duration = .seconds(2)
    /// Runs work off the interface thread (a thread of its own; tests may run it at once).
    var spawn: (@escaping @Sendable () -> Void) -> Void = startThread

    init(terminal: Terminal) { self.terminal = terminal }

    /// Carries out what `update` asked: true when that is to quit. Work runs on its own thread and sends its results
    /// through the inbox, which wakes the loop.
    private func quits(_ command: Command, _ inbox: Inbox) -> Bool {
        switch command {
        case .none: return false
        case .quit: return true
        case .work(let work): spawn { work.run { inbox.send($0) } }; return false
        }
    }

    /// Returns the exit status: 0 when `program` quits, 129 when the terminal is gone, 1 when waiting fails.
    /// `started` runs once, after the first frame (the background work starts there).
    mutating func run<P: Program>(
        _ program: inout P, capabilities: TerminalCapabilities, inbox: Inbox,
        started: () -> Void = {}
    ) -> Int32 {
        if quits(program.update(.terminal(capabilities)), inbox) { return 0 }
        if quits(program.update(.resize(terminal.size)), inbox) { return 0 }
        terminal.draw(program.render(terminal.size))
        started()

        // The last wait said the terminal's input was readable. If ncurses then finds no input, the system is asked
        // directly (`probeInput`); nothing is inferred from counting passes or from time.
        var readable = false
        // A tick was given and nothing has happened since: the next wait has no time limit.
        var ticked = false
        while true {
            var changed = false
            for message in terminal.signalMessages() + inbox.take() {
                if quits(program.update(message), inbox) { return 0 }
                changed = true
            }

            var inputs = 0
            while let event = terminal.nextInput() {
                inputs += 1
                for message in messages(for: event) {
                    if quits(program.update(message), inbox) { return 0 }
                    changed = true
                }
            }
            if readable && inputs == 0 {
                let probe = terminal.probeInput()
                if probe.terminalGone { return terminalGoneStatus }
                if case .byte(let byte) = probe {
                    terminal.giveBack(byte)
                    readable = false
                    if changed { terminal.draw(program.render(terminal.size)) }
                    ticked = false
                    continue
                }
            }
            readable = false

            if changed {
                terminal.draw(program.render(terminal.size))
                ticked = false
            }

            switch terminal.wait(milliseconds: ticked && pasted == nil ? -1 : tickInterval) {
            case .timeout:
                if let at = pastedAt, pasted != nil, terminal.now - at >= pasteGiveUp {
                    for message in endPaste() where quits(program.update(message), inbox) { return 0 }
                }
                if quits(program.update(.tick), inbox) { return 0 }
                terminal.draw(program.render(terminal.size))
                ticked = true
            case .ready(let input): readable = input
            case .hangUp: return terminalGoneStatus
            case .interrupted: continue
            case .failed: return 1
            }
        }
    }

    /// What was pasted so far, when a paste is open: a paste that never ends (a terminal that lost its end mark)
    /// is given as it is when the terminal stays quiet for `pasteGiveUp`, or is resized or suspended, rather than
    /// held for ever.
    private mutating func endPaste() -> [Message] {
        defer { pasted = nil }
        return pasted.map { [.paste($0)] } ?? []
    }

    private mutating func messages(for event: InputEvent) -> [Message] {
        if pasted != nil {
            pastedAt = terminal.now
            // Inside a paste, text is text: Enter and Tab are its line breaks and tabs, other keys are dropped.
            switch event {
            case .key(.character(let c)): pasted!.append(c)
            case .key(.enter): pasted!.append("\n")
            case .key(.tab): pasted!.append("\t")
            case .pasteEnd, .pasteStart:
                defer { pasted = event == .pasteStart ? "" : nil }
                return [.paste(pasted!)]
            case .resize, .suspend: return endPaste() + messages(for: event)
            case .key, .mouse, .ignored: break
            }
            return []
        }
        switch event {
        case .pasteStart:
            pasted = ""
            pastedAt = terminal.now
            return []
        case .pasteEnd: return []
        case .key(let key): return [.key(key)]
        case .mouse(let mouse): return clicks.resolve(mouse, now: terminal.now).map { .mouse($0) }
        case .resize:
            terminal.resized()
            return [.resize(terminal.size)]
        case .suspend:
            return terminal.suspendForKey() ? [.resize(terminal.size)] : [.key(.control("z"))]
        case .ignored: return []
        }
    }
}

/// The real terminal: ncurses for input and drawing, poll on stdin and the wake pipe, the signal flags.
struct CursesTerminal: LoopTerminal {
    private var screen: Screen
    private(set) var size = Screen.size
    private var fds = [
        pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
        pollfd(fd: wakePipeReadEnd(), events: Int16(POLLIN), revents: 0),
    ]

    init(screen: Screen) { self.screen = screen }

    var now: ContinuousClock.Instant { .now }

    mutating func signalMessages() -> [Message] {
        let signal = pendingTerminate.load(ordering: .sequentiallyConsistent)
        if signal != 0 {
            leaveCursesMode()
            Signals.dieOf(signal)
        }
        if pendingSuspend.exchange(false, ordering: .sequentiallyConsistent) {
            suspend()
            pendingContinue.store(true, ordering: .sequentiallyConsistent)
        }
        if pendingContinue.exchange(false, ordering: .sequentiallyConsistent) {
            pendingResize.store(false, ordering: .sequentiallyConsistent)
            reenter()
            return [.resize(size)]
        }
        if pendingResize.exchange(false, ordering: .sequentiallyConsistent) {
            // Even at the same size (shrunk and restored between two passes: the terminal may have cut what was on
            // it): resizeterm queues KEY_RESIZE then too, and the input that follows brings `.resize` and a repaint.
            var rows: Int32 = 0
            var columns: Int32 = 0
            if allies_window_size(&rows, &columns) == 0 { Self.takeSize(rows: rows, columns: columns) }
        }
        return []
    }

    /// Gives ncurses the terminal's size, and blanks the screen it keeps: ncurses refreshes it before it hands
    /// over the KEY_RESIZE that resizeterm queues, and that refresh would paint the last frame cut to the new size
    /// (at one column, its bottom-right cell through PutCharLR: see `Screen.draw`). The next draw repaints all.
    private static func takeSize(rows: Int32, columns: Int32) {
        resizeterm(rows, columns)
        werase(allies_stdscr())
    }

    mutating func nextInput() -> InputEvent? {
        var value: wint_t = 0
        let status = wget_wch(allies_stdscr(), &value)
        if status == ERR { return nil }
        return decodeInput(status: status, value: UInt32(value))
    }

    mutating func suspendForKey() -> Bool {
        guard Signals.canSuspend else { return false }
        suspend()
        pendingContinue.store(false, ordering: .sequentiallyConsistent)
        reenter()
        return true
    }

    mutating func resized() {
        size = Screen.size
        screen.invalidate()
    }

    mutating func draw(_ grid: Grid) { screen.draw(grid) }

    mutating func wait(milliseconds: Int32) -> Wait {
        fds[0].revents = 0
        fds[1].revents = 0
        let ready = poll(&fds, nfds_t(fds.count), milliseconds)
        if ready == 0 { return .timeout }
        if ready < 0 { return errno == EINTR || errno == EAGAIN ? .interrupted : .failed }
        if fds[1].revents != 0 { drainWakePipe() }
        let input = Int32(fds[0].revents)
        if input & (Int32(POLLHUP) | Int32(POLLERR) | Int32(POLLNVAL)) != 0 { return .hangUp }
        return .ready(input: input & Int32(POLLIN) != 0)
    }

    mutating func probeInput() -> InputProbe {
        var byte: UInt8 = 0
        let n = allies_read_byte_now(STDIN_FILENO, &byte)
        if n == 1 { return .byte(byte) }
        if n == 0 { return .endOfFile }
        return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? .nothing : .failed
    }

    mutating func giveBack(_ byte: UInt8) {
        // ncurses decodes from its own queue first: the byte is read again as if it had just arrived.
        ungetch(Int32(byte))
    }

    /// Leaves curses mode and stops, as Ctrl-Z does in a shell; returns once continued (or at once when there is
    /// no job control to stop us). The screen comes back with `reenter`.
    private func suspend() {
        leaveCursesMode()
        Signals.stopSelf()
    }

    /// Comes back to curses mode after a stop (ours, or a SIGSTOP from outside, after which the shell may have
    /// reset the terminal): leaves and re-enters curses mode, takes the terminal's size, repaints everything.
    private mutating func reenter() {
        leaveCursesMode()
        cursesActive.store(true, ordering: .sequentiallyConsistent)
        writeToTerminal(bracketedPasteOn)
        var rows: Int32 = 0
        var columns: Int32 = 0
        if allies_window_size(&rows, &columns) == 0, rows != allies_lines() || columns != allies_cols() {
            Self.takeSize(rows: rows, columns: columns)
        }
        resized()
    }
}
