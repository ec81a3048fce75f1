import Foundation
import Synchronization
import Testing

/// Drives a command in a detached tmux session on a private server (`tmux -L allies-test-<pid>-<n>`), so tests
/// never touch the user's tmux and can run side by side. The server is killed by `kill()` and on deinit.
/// Waiting is done by polling `capture-pane` for what is expected, with a timeout: no fixed sleeps.
final class Tmux {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private static let counter = Atomic<Int>(0)

    let socket: String
    private let tmux: String
    private let configuration: URL
    private var killed = false

    /// The `allies` binary under test: next to the test bundle (SwiftPM builds both into the same folder), or
    /// `ALLIES_BINARY` when set.
    static func alliesBinary() throws -> String {
        if let path = ProcessInfo.processInfo.environment["ALLIES_BINARY"], !path.isEmpty { return path }
        var starts = [URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()]
        if let main = Bundle.main.executableURL { starts.append(main.resolvingSymlinksInPath()) }
        for start in starts {
            var folder = start.deletingLastPathComponent()
            for _ in 0..<4 {
                let candidate = folder.appendingPathComponent("allies").path
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
                folder = folder.deletingLastPathComponent()
            }
        }
        throw Failure(
            description: "the built `allies` binary was not found next to the test bundle "
                + "(\(CommandLine.arguments[0])); run the tests with `swift test`, or set ALLIES_BINARY")
    }

    /// The tmux executable on PATH, or a failure telling how to get it.
    static func locate() throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/tmux"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw Failure(
            description: "tmux is not installed, and the terminal tests need it: install tmux "
                + "(e.g. `apt-get install tmux`; `.ci/run` does this) and run the tests again")
    }

    /// Starts `command` (run by `sh -c`) in a new detached session of `width` x `height`. The pane stays after
    /// the command ends (remain-on-exit), so its last words can still be read.
    init(width: Int, height: Int, command: String) throws {
        tmux = try Tmux.locate()
        let n = Tmux.counter.add(1, ordering: .relaxed).newValue
        socket = "allies-test-\(getpid())-\(n)"
        configuration = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket).conf")
        try "set -g remain-on-exit on\nset -g status off\n"
            .write(to: configuration, atomically: true, encoding: .utf8)
        let started = try run([
            "-f", configuration.path, "new-session", "-d", "-x", "\(width)", "-y", "\(height)",
            command,
        ])
        guard started.status == 0 else {
            throw Failure(description: "tmux new-session failed (\(started.status)): \(started.output)")
        }
    }

    deinit { kill() }

    /// Ends the tmux server and everything in it.
    func kill() {
        guard !killed else { return }
        killed = true
        _ = try? run(["kill-server"])
        try? FileManager.default.removeItem(at: configuration)
        // tmux leaves its socket behind.
        let folder = ProcessInfo.processInfo.environment["TMUX_TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        try? FileManager.default.removeItem(atPath: "\(folder)/tmux-\(getuid())/\(socket)")
    }

    /// Runs one tmux command on this server; returns its status and output (stdout and stderr).
    @discardableResult
    func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        var environment = ProcessInfo.processInfo.environment
        environment["TMUX"] = nil
        environment["TMUX_PANE"] = nil
        // Output goes to a file, not a pipe: the tmux server started by the first command is a child of the
        // client and could hold a pipe open.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket)-\(UUID().uuidString).out")
        defer { try? FileManager.default.removeItem(at: file) }
        let status = try spawnAndWait(
            tmux, ["-L", socket] + arguments, environment: environment,
            stdout: file.path, stderr: file.path)
        let data = (try? Data(contentsOf: file)) ?? Data()
        return (status, String(decoding: data, as: UTF8.self))
    }

    /// Sends keys in tmux's notation (`q`, `Enter`, `C-c`, `Escape`, `Down`...).
    func sendKeys(_ keys: String...) throws { try run(["send-keys"] + keys) }

    /// Types `text` literally.
    func type(_ text: String) throws { try run(["send-keys", "-l", text]) }

    /// The visible screen as plain text, one line per row (trailing spaces trimmed by tmux).
    func capture() throws -> String { try run(["capture-pane", "-p"]).output }

    /// A tmux format evaluated for the pane, e.g. `#{alternate_on}` (1 while a full-screen program runs),
    /// `#{pane_dead}`, `#{pane_pid}`.
    func display(_ format: String) throws -> String {
        try run(["display-message", "-p", format]).output
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-x", "\(width)", "-y", "\(height)"])
    }

    /// Starts copying everything the pane's program writes (raw bytes, escape sequences included) to `file`.
    func recordOutput(to file: String) throws {
        try run(["pipe-pane", "-o", "cat >> \(Tmux.quote(file))"])
    }

    /// Polls the screen until `condition` holds; returns the screen then, or fails with the last one seen.
    @discardableResult
    func waitFor(
        _ what: String, timeout: Duration = .seconds(15),
        _ condition: (String) throws -> Bool
    ) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        var screen = ""
        var tries = 0
        while true {
            screen = try capture()
            tries += 1
            if try condition(screen) { return screen }
            // At least 20 looks, however slow each capture is on a loaded machine.
            if ContinuousClock.now >= deadline && tries >= 20 { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw Failure(description: "timed out after \(timeout) waiting for \(what); the screen was:\n\(screen)")
    }

    /// Polls the screen until it shows `text`.
    @discardableResult
    func waitFor(text: String, timeout: Duration = .seconds(15)) async throws -> String {
        try await waitFor("\"\(text)\"", timeout: timeout) { $0.contains(text) }
    }

    /// Polls a tmux format until it has `value`.
    func waitFor(format: String, equals value: String, timeout: Duration = .seconds(15)) async throws {
        let deadline = ContinuousClock.now + timeout
        var last = ""
        while true {
            last = try display(format)
            if last == value { return }
            if ContinuousClock.now >= deadline { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw Failure(
            description: "timed out after \(timeout) waiting for \(format) to be \(value) (it was "
                + "\(last)); the screen was:\n\((try? capture()) ?? "")")
    }

    /// Polls until two captures `interval` apart are equal and non-blank: the program has finished drawing. On a
    /// loaded machine one capture (a tmux process) can take seconds, so it gives up only after `timeout` *and* at
    /// least `minimumTries` comparisons; a failure shows the rows that differed between the last two captures.
    @discardableResult
    func waitForStableScreen(
        interval: Duration = .milliseconds(300), timeout: Duration = .seconds(15), minimumTries: Int = 20
    ) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        var previous = try capture()
        var tries = 0
        var changed: [String] = []
        while ContinuousClock.now < deadline || tries < minimumTries {
            try await Task.sleep(for: interval)
            let screen = try capture()
            tries += 1
            if screen == previous, !screen.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return screen }
            let (old, new) = (
                previous.split(separator: "\n", omittingEmptySubsequences: false),
                screen.split(
                    separator: "\n", omittingEmptySubsequences: false)
            )
            changed = zip(old, new).enumerated().filter { $0.element.0 != $0.element.1 }.prefix(4).map {
                "row \($0.offset): \($0.element.0.debugDescription) → \($0.element.1.debugDescription)"
            }
            if old.count != new.count { changed.append("\(old.count) rows → \(new.count) rows") }
            previous = screen
        }
        throw Failure(
            description: "the screen did not settle within \(timeout) (\(tries) captures); last change: "
                + "\(changed.joined(separator: "; ")); it was:\n\(previous)")
    }

    /// Quotes `s` for `sh`.
    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}

/// Runs `path` with `arguments` (stdin from /dev/null, stdout and stderr to files, the same file allowed) and
/// waits for it; returns its exit status, or 128 + the signal that killed it. posix_spawn and waitpid rather than
/// Foundation's Process, whose waitUntilExit was seen never to return for a tmux client here.
func spawnAndWait(
    _ path: String, _ arguments: [String], environment: [String: String],
    stdout: String, stderr: String
) throws -> Int32 {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    if stderr == stdout {
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
    } else {
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    }
    let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
    let envp: [UnsafeMutablePointer<CChar>?] =
        withTestDirectories(environment).map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
        argv.forEach { free($0) }
        envp.forEach { free($0) }
    }
    // Nothing of the test process may leak into tmux and what runs in it: the test thread's blocked signals
    // (a tmux server with SIGCHLD and SIGHUP blocked never reaps its panes nor dies), handlers, descriptors
    // (a pipe held open by a tmux server would keep `swift test`'s output open).
    closeInheritedDescriptors(&actions)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    var allSignals = sigset_t()
    sigfillset(&allSignals)
    sigdelset(&allSignals, SIGKILL)
    sigdelset(&allSignals, SIGSTOP)
    posix_spawnattr_setsigdefault(&attributes, &allSignals)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
    guard spawned == 0 else {
        throw Tmux.Failure(description: "cannot run \(path): \(String(cString: strerror(spawned)))")
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 {
        guard errno == EINTR else { throw Tmux.Failure(description: "waitpid failed for \(path)") }
    }
    let signal = status & 0x7F
    return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
}

/// Closes descriptors 3 and up in the child, with glibc's posix_spawn_file_actions_addclosefrom_np (2.34 and
/// later; looked up at run time, as Swift does not import it).
private func closeInheritedDescriptors(_ actions: inout posix_spawn_file_actions_t) {
    typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np")
    else { return }
    _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
}

/// The snapshot cache directory of everything the tests run: `allies --data FILE` writes a snapshot, and a test run
/// must not fill the user's ~/.cache/allies. One folder per user in the temporary folder (`make test` gives each run
/// one of its own; snapshots are written by rename, so concurrent runs sharing /tmp are safe). A test that sets
/// ALLIES_CACHE_DIR itself keeps its own.
let testCacheDirectory: String = {
    let path = NSTemporaryDirectory() + "/allies-test-cache-\(getuid())"
    mkdir(path, 0o700)
    return path
}()

/// The environment of everything the tests run, from `environment`:
/// - ALLIES_CACHE_DIR is the tests' cache (`testCacheDirectory`);
/// - XDG_DATA_HOME is a fresh temporary directory of its own for each process started (a unique path under the
///   temporary folder, made only if the process makes it), so no test reads or changes the developer's own dataset
///   ($XDG_DATA_HOME/allies/allies.json, README "Keeping your own dataset"), one never changes a test's answer, and
///   no test sees another's.
/// A test that sets one of them itself (to another value than the test process has) keeps its own.
func withTestDirectories(_ environment: [String: String]) -> [String: String] {
    var environment = environment
    let inherited = ProcessInfo.processInfo.environment
    if environment["ALLIES_CACHE_DIR"] == inherited["ALLIES_CACHE_DIR"] {
        environment["ALLIES_CACHE_DIR"] = testCacheDirectory
    }
    if environment["XDG_DATA_HOME"] == inherited["XDG_DATA_HOME"] {
        environment["XDG_DATA_HOME"] = freshDataHome()
    }
    return environment
}

/// A new, empty (not yet existing) directory path under the temporary folder, for XDG_DATA_HOME.
func freshDataHome() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("allies-test-data-\(UUID().uuidString)").path
}
