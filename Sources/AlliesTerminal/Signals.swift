import CMappedFiles
import CNcursesw
import Synchronization
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// Signal handlers only set atomics and write one byte to the wake pipe; the main loop does the work (endwin,
// re-raise, suspend, redraw). Exceptions, where waiting for the main loop is not possible: a crash, and a second
// terminating signal while the main loop is busy.

/// True while the screen is in curses mode; whoever sets it to false first calls endwin.
let cursesActive = Atomic<Bool>(false)
/// The terminating signal (SIGINT, SIGTERM, SIGHUP) waiting for the main loop, or 0.
let pendingTerminate = Atomic<Int32>(0)
/// SIGTSTP waiting for the main loop.
let pendingSuspend = Atomic<Bool>(false)
/// SIGCONT waiting for the main loop (after a suspension, or a SIGSTOP from outside).
let pendingContinue = Atomic<Bool>(false)
/// SIGWINCH waiting for the main loop: the terminal's size is taken there (see `Signals.install`).
let pendingResize = Atomic<Bool>(false)
/// The write end of the wake pipe, or -1.
let wakeWriteFD = Atomic<Int32>(-1)

/// The handlers that were in place before ours, restored when the explorer ends (and by a crash handler before it
/// re-raises, so the Swift runtime's backtracer still reports the crash).
nonisolated(unsafe) private let savedActions = UnsafeMutablePointer<sigaction>.allocate(capacity: 128)

private let terminating: [Int32] = [SIGINT, SIGTERM, SIGHUP]
private let crashing: [Int32] = [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT]

/// Leaves curses mode once, whichever thread gets here first.
func leaveCursesMode() {
    if cursesActive.exchange(false, ordering: .sequentiallyConsistent) {
        endwin()
        writeToTerminal(bracketedPasteOff)
    }
}

/// xterm's bracketed paste (mode 2004, which tmux, screen, GNOME's, KDE's and macOS's terminals share): the
/// terminal marks pasted text, so that its line breaks reach a field as text instead of as Enter, which would
/// keep a form half typed. A terminal without it ignores the mode.
let bracketedPasteOn: StaticString = "\u{1b}[?2004h"
let bracketedPasteOff: StaticString = "\u{1b}[?2004l"

/// Writes straight to the terminal, unbuffered: safe in a signal handler (no allocation, no lock).
func writeToTerminal(_ s: StaticString) {
    _ = write(STDOUT_FILENO, s.utf8Start, s.utf8CodeUnitCount)
}

/// Wakes the main loop's poll. Async-signal-safe.
func wakeMainLoop() {
    let fd = wakeWriteFD.load(ordering: .relaxed)
    guard fd >= 0 else { return }
    let saved = errno
    var byte: UInt8 = 1
    _ = write(fd, &byte, 1)
    errno = saved
}

/// The process-wide wake pipe: created once, never closed (a late write from a background thread or a signal
/// handler must never land in a reused descriptor). Returns the read end.
private let wakeReadFD: Int32 = {
    var fds: [Int32] = [-1, -1]
    guard allies_wake_pipe(&fds) == 0 else { return -1 }
    wakeWriteFD.store(fds[1], ordering: .sequentiallyConsistent)
    return fds[0]
}()

func wakePipeReadEnd() -> Int32 { wakeReadFD }

func drainWakePipe() {
    var buffer = [UInt8](repeating: 0, count: 64)
    while read(wakeReadFD, &buffer, buffer.count) > 0 {}
}

private func onTerminate(_ sig: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?) {
    if !pendingTerminate.compareExchange(expected: 0, desired: sig, ordering: .sequentiallyConsistent).exchanged {
        // A second one: the main loop is stuck in the program. Restore the terminal from here and die.
        leaveCursesMode()
        allies_default_handler(sig)
        allies_unblock(sig)
        raise(sig)
        return
    }
    wakeMainLoop()
}

private func onSuspend(_ sig: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?) {
    pendingSuspend.store(true, ordering: .sequentiallyConsistent)
    wakeMainLoop()
}

private func onContinue(_ sig: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?) {
    pendingContinue.store(true, ordering: .sequentiallyConsistent)
    wakeMainLoop()
}

private func onResize(_ sig: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?) {
    pendingResize.store(true, ordering: .sequentiallyConsistent)
    wakeMainLoop()
}

private func onCrash(_ sig: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?) {
    // A page of a dataset file that was cut short while it loads: the loader reports it, the explorer goes on.
    if sig == SIGBUS, let info, allies_sent_by_process(info) == 0, allies_guard_recover(info) != 0 { return }
    leaveCursesMode()
    allies_restore_handler(sig, savedActions + Int(sig))
    // A fault re-executes its instruction on return and meets the previous handler with the real siginfo; a signal
    // sent by a process (abort, kill) has to be sent again. Either way it is delivered once this handler returns.
    if allies_sent_by_process(info) != 0 { raise(sig) }
}

enum Signals {
    /// Whether SIGTSTP was installed (it is not when the process was started with it ignored): Ctrl-Z suspends
    /// only then.
    nonisolated(unsafe) static var canSuspend = false
    /// The signals whose previous action is in `savedActions`.
    nonisolated(unsafe) private static var installed: [Int32] = []

    private static func take(_ sig: Int32, _ handler: allies_signal_handler) {
        if allies_install_handler(sig, handler, savedActions + Int(sig)) == 0 { installed.append(sig) }
    }

    /// Installs the handlers, before newterm so ncurses does not install its own (which exit with status 1).
    /// Terminating signals and SIGTSTP that were ignored at start (nohup, a background job) stay ignored; SIGCONT
    /// and SIGWINCH are always taken (ncurses took SIGWINCH even when ignored).
    static func install() {
        // Globals outside main.swift are initialised on first use: not in a signal handler.
        _ = cursesActive.load(ordering: .relaxed)
        _ = pendingTerminate.exchange(0, ordering: .relaxed)
        pendingSuspend.store(false, ordering: .relaxed)
        pendingContinue.store(false, ordering: .relaxed)
        pendingResize.store(false, ordering: .relaxed)
        _ = wakeReadFD
        _ = savedActions

        installed = []
        for sig in terminating where allies_is_ignored(sig) == 0 { take(sig, onTerminate) }
        canSuspend = allies_is_ignored(SIGTSTP) == 0
        if canSuspend { take(SIGTSTP, onSuspend) }
        take(SIGCONT, onContinue)
        // SIGWINCH is ours too, so that ncurses never resizes its screens by itself in the middle of a refresh: the
        // main loop takes the new size (`resizeterm`) and redraws for it. ncurses 6.4 resizing inside `doupdate` to a
        // one-column terminal then writes its bottom-right cell through PutCharLR, which reads the cell before the
        // line (`columns - 2`) and sent bytes of whatever memory lay there (caught by the resize storm test).
        take(SIGWINCH, onResize)
        for sig in crashing { take(sig, onCrash) }
        // onCrash hands faults in guarded mappings to the guard, so the guard must not install itself over it.
        allies_guard_delegate(1)
    }

    /// Puts back the handlers that were there before `install`.
    static func restore() {
        for sig in installed { allies_restore_handler(sig, savedActions + Int(sig)) }
        installed = []
        // A load still running in the background keeps its guard.
        allies_guard_delegate(0)
    }

    /// Stops the process as the default SIGTSTP would (the terminal already restored by the caller), and returns
    /// once it is continued. SIGTSTP, not SIGSTOP: in an orphaned process group (no shell with job control to
    /// resume it) the kernel discards SIGTSTP instead of leaving the process stopped forever.
    static func stopSelf() {
        guard canSuspend else { return }
        allies_default_handler(SIGTSTP)
        allies_unblock(SIGTSTP)
        raise(SIGTSTP)
        allies_install_handler(SIGTSTP, onSuspend, nil)
    }

    /// Dies of `sig` with its default action, so the parent sees the right status (130, 143, 129).
    static func dieOf(_ sig: Int32) -> Never {
        restore()
        allies_default_handler(sig)
        allies_unblock(sig)
        raise(sig)
        exit(128 + sig)
    }
}
