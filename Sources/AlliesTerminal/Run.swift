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
/// going away (status 129).
public func runTerminal<P: Program>(
    _ program: inout P,
    capabilities: TerminalCapabilities,
    background: (@Sendable (@escaping @Sendable (Message) -> Void) -> Void)? = nil
) -> Int32 {
    setlocale(LC_ALL, "")
    Signals.install()
    guard let screen = newterm(nil, allies_stdout(), allies_stdin()) else {
        Signals.restore()
        fputs("allies: could not start the terminal (newterm failed); see `allies --help`.\n", allies_stderr())
        return 1
    }
    set_term(screen)
    cursesActive.store(true, ordering: .sequentiallyConsistent)
    configureTerminal()

    var loop = MainLoop(screen: Screen(palette: Palette(color: capabilities.color)))
    let status = loop.run(&program, capabilities: capabilities, background: background)

    leaveCursesMode()
    delscreen(screen)
    Signals.restore()
    return status
}

/// Milliseconds without input before a `.tick`.
let tickInterval: Int32 = 100

private func configureTerminal() {
    let window = allies_stdscr()
    raw()  // Ctrl-C reaches the program as a key; Ctrl-Z is handled as a key too (see MainLoop)
    noecho()
    nonl()
    intrflush(window, false)
    keypad(window, true)
    nodelay(window, true)  // the loop waits in poll(), then drains every pending key
    leaveok(window, true)
    curs_set(0)
    set_escdelay(25)
    mouseinterval(0)  // presses are reported at once; double clicks are recognised by ClickTracker
    mousemask(mouseEvents, nil)
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
private func startThread(_ body: @escaping @Sendable () -> Void) {
    let context = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
    var thread = pthread_t()
    let started = pthread_create(&thread, nil, { raw in
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

private struct MainLoop {
    var screen: Screen
    var clicks = ClickTracker()
    var size = Screen.size

    init(screen: Screen) { self.screen = screen }

    /// Returns the exit status; does not return for a terminating signal (the process dies of it).
    mutating func run<P: Program>(
        _ program: inout P,
        capabilities: TerminalCapabilities,
        background: (@Sendable (@escaping @Sendable (Message) -> Void) -> Void)?
    ) -> Int32 {
        let inbox = Inbox()
        defer { inbox.close() }

        if program.update(.terminal(capabilities)) == .quit { return 0 }
        if program.update(.resize(size)) == .quit { return 0 }
        screen.draw(program.render(size))
        if let background { startThread { background { inbox.send($0) } } }

        var fds = [
            pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakePipeReadEnd(), events: Int16(POLLIN), revents: 0),
        ]
        var silentReads = 0  // poll said stdin is readable, yet no key came: the terminal is gone if it repeats
        while true {
            var changed = false

            // Signals, noted by the handlers.
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
                reenter()
                if program.update(.resize(size)) == .quit { return 0 }
                changed = true
            }

            // Messages from the background thread.
            for message in inbox.take() {
                if program.update(message) == .quit { return 0 }
                changed = true
            }

            // Every key ncurses has, including a KEY_RESIZE after SIGWINCH.
            var keys = 0
            var value: wint_t = 0
            while true {
                let status = wget_wch(allies_stdscr(), &value)
                if status == ERR { break }
                keys += 1
                var messages: [Message] = []
                switch decodeInput(status: status, value: UInt32(value)) {
                case .key(let key): messages = [.key(key)]
                case .mouse(let mouse): messages = clicks.resolve(mouse).map { .mouse($0) }
                case .resize:
                    size = Screen.size
                    screen.invalidate()
                    messages = [.resize(size)]
                case .suspend:
                    if Signals.canSuspend {
                        suspend()
                        pendingContinue.store(false, ordering: .sequentiallyConsistent)
                        reenter()
                        messages = [.resize(size)]
                    } else {
                        messages = [.key(.control("z"))]
                    }
                case .ignored: break
                }
                for message in messages {
                    if program.update(message) == .quit { return 0 }
                    changed = true
                }
            }

            if changed { screen.draw(program.render(size)) }

            fds[0].revents = 0
            fds[1].revents = 0
            let ready = poll(&fds, nfds_t(fds.count), tickInterval)
            if ready == 0 {
                if program.update(.tick) == .quit { return 0 }
                screen.draw(program.render(size))
                continue
            }
            if ready < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return 1
            }
            if fds[1].revents != 0 { drainWakePipe() }
            let input = Int32(fds[0].revents)
            if input & (Int32(POLLHUP) | Int32(POLLERR) | Int32(POLLNVAL)) != 0 { return 129 }
            if input & Int32(POLLIN) != 0 {
                // Counted against the keys of the previous pass: a readable stdin that yields nothing, again
                // and again, is end of file (the terminal closed), not input.
                silentReads = keys == 0 ? silentReads + 1 : 0
                if silentReads > 50 { return 129 }
            }
        }
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
        var rows: Int32 = 0
        var columns: Int32 = 0
        if allies_window_size(&rows, &columns) == 0, rows != allies_lines() || columns != allies_cols() {
            resizeterm(rows, columns)
        }
        size = Screen.size
        screen.invalidate()
    }
}
