import AlliesCore
import AlliesText
import ArgumentParser
import Synchronization
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `allies reindex`: a dataset file's store (README, "Large datasets") written now. Commands that find the store
/// behind the file, or missing for a large file, answer from the file and leave this to a background process
/// (`BackgroundStore`), as `git gc --auto` does, so that neither the command nor the shell waits a minute for it.
struct Reindex: DatasetCommand {
    static let configuration = CommandConfiguration(
        commandName: "reindex",
        abstract: tr("Write the store of a dataset file now: the search index and lists that commands read in place."),
        discussion: sentences(
            tr("Commands read a large dataset in place from its store in the cache (README: Large datasets)."),
            tr("A command that finds the store behind the file's edits, or missing for a file of 64 MiB or more"),
            tr("($ALLIES_STORE_IN_BACKGROUND_FROM sets another size in bytes), answers from the file"),
            tr("and writes the store in the background, one process at a time and at low priority"),
            tr("(not when the machine lacks the memory: about five times the file's size);"),
            tr("this writes it now and says when it is done.")))
    @ParentCommand var root: Allies
    @OptionGroup var local: DataOptions
    /// Started by a command (`BackgroundStore.start`): it waits for that command to end, then works quietly at low
    /// priority; gone at once when another background writer already waits for the store's lock, when the
    /// machine lacks the memory, or when the last background write of this store failed a little while ago.
    @Flag(help: .hidden) var background = false

    func run() throws {
        let options = dataOptions
        guard let path = options.path else {
            print(tr("The bundled dataset is read from the program itself: it has no store."))
            return
        }
        guard !options.noCache else {
            Terminal.printError(tr("allies: reindex writes the store in the cache, which --no-cache does not touch"))
            throw ExitCode.validationFailure
        }
        // It starts no other writer of the store when it opens the file (a writer would start writers for ever).
        BackgroundStore.done(path)
        if background { BackgroundStore.waitForTheCommandThatStartedThis() }
        guard access(path, R_OK) == 0 else {
            _ = try options.open()  // says why the file cannot be read, and ends the command
            return
        }
        guard let files = BackgroundStore.Files(path) else {
            Terminal.printError(
                tr("allies: no cache directory ($ALLIES_CACHE_DIR, $XDG_CACHE_HOME or $HOME) to write the store in"))
            throw ExitCode(Status.notFound)
        }
        let lock: Int32
        if background {
            BackgroundStore.lowerPriority()
            // One writer works and at most one waits: a burst of commands after a burst of edits starts one
            // rebuild, and one more for the edits saved while it ran.
            guard case .held(let queued) = BackgroundStore.lock(files.queue, wait: false),
                case .held(let held) = BackgroundStore.lock(files.lock, wait: true)
            else { return }
            close(queued)
            lock = held
        } else {
            switch BackgroundStore.lock(files.lock, wait: false) {
            case .held(let held): lock = held
            case .busy:
                Terminal.printError(tr("allies: waiting for another writer of the store to finish"))
                guard case .held(let held) = BackgroundStore.lock(files.lock, wait: true) else {
                    Terminal.printError(tr("allies: {0} cannot be locked", Sanitize.line(files.lock)))
                    throw ExitCode(Status.notFound)
                }
                lock = held
            case .failed:
                Terminal.printError(tr("allies: {0} cannot be locked", Sanitize.line(files.lock)))
                throw ExitCode(Status.notFound)
            }
        }
        defer { close(lock) }
        if DatasetCache.hasCurrentStore(source: path) {
            if !background { print(tr("The store of {0} is up to date.", Sanitize.line(path))) }
            return
        }
        if background {
            guard !files.failedLately, let stamp = SourceStamp.of(path),
                DatasetCache.rebuildFits(
                    bytes: stamp.size + (stamp.edits?.size ?? 0), meminfo: BackgroundStore.meminfo())
            else { return }
        }
        let opened = try options.open()
        // Read from a store that became current meanwhile (another writer, an explorer): nothing to write.
        guard opened.index == nil else {
            if !background { print(tr("The store of {0} is up to date.", Sanitize.line(path))) }
            return
        }
        if let error = opened.saveSnapshot(path: path, index: SearchIndex(opened.catalog)) {
            // A full disk fails every time: background writers leave it alone for a while rather than rebuild on
            // every command.
            files.markFailed()
            if !background {
                Terminal.printError(
                    tr("allies: the store of {0} was not written: {1}", Sanitize.line(path), error.reason))
            }
            throw ExitCode(Status.notFound)
        }
        files.clearFailed()
        if !background {
            print(
                tr(
                    "Wrote the store of {0} ({1} alliances): commands read it in place now.", Sanitize.line(path),
                    opened.catalog.dataset.alliances.count))
        }
    }
}

/// The background writer of a store. A command that opens a file whose store it does not find current (behind the
/// file's edits, or missing for a large file) starts `allies reindex --background` at once; that process waits
/// for the command to end (the command holds one end of a pipe; when it is gone, however it ended, the other end
/// reads its end), so that the two are never in memory together, then writes the store.
enum BackgroundStore {
    /// The files whose store this process started a writer for, wrote itself, or is the writer of.
    private static let handled = Mutex<[String]>([])
    /// The files whose writer this process started.
    private static let spawned = Mutex<[String]>([])
    /// The pipes' ends the started writers wait on: held until this process ends.
    private static let holding = Mutex<[Int32]>([])

    /// Files from this size up get their missing store written in the background by any command that reads them
    /// ($ALLIES_STORE_IN_BACKGROUND_FROM: another number of bytes, for the tests); a store behind its file's edits
    /// is written whatever the size. Below it, reading the file costs under a second, and only `search`, which builds
    /// the index anyway, writes a store.
    static var from: UInt64 {
        getenv("ALLIES_STORE_IN_BACKGROUND_FROM").flatMap { UInt64(String(cString: $0)) } ?? 64 << 20
    }

    /// The files beside a store its writers coordinate with; nil when the cache directory cannot be made or
    /// written (then no store can be written either).
    struct Files {
        /// Held by the one writer working.
        let lock: String
        /// Held by the one background writer waiting for `lock`.
        let queue: String
        /// There when the last write failed (a full disk): background writers skip the store for `pause`.
        let failed: String
        static let pause: Double = 15 * 60

        init?(_ source: String) {
            guard let lock = DatasetCache.fileBesideStore(of: source, suffix: ".lock"),
                access(String(lock[..<(lock.lastIndex(of: "/") ?? lock.startIndex)]), W_OK) == 0
            else { return nil }
            self.lock = lock
            queue = String(lock.dropLast(".lock".count)) + ".queue"
            failed = String(lock.dropLast(".lock".count)) + ".failed"
        }

        var failedLately: Bool {
            var info = stat()
            guard stat(failed, &info) == 0 else { return false }
            return Double(time(nil) - info.st_mtim.tv_sec) < Self.pause
        }

        func markFailed() {
            let fd = open(failed, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
            if fd >= 0 { close(fd) }
        }

        func clearFailed() { unlink(failed) }
    }

    /// Called with each dataset a command opened from `path`: starts the background writer when its store is not
    /// current and should be (once per file and process).
    static func opened(_ opened: OpenedDataset, path: String) {
        guard opened.index == nil, let stamp = opened.stamp, opened.previousIndex != nil || stamp.size >= from
        else { return }
        startWriterOnce(path)
    }

    /// Starts the background writer of `path`'s store, once per file and process: for a file opened whose store is
    /// not current, or once an edit made from the store (`InPlaceDataset`) is saved, which leaves it behind.
    static func startWriterOnce(_ path: String) {
        let first = handled.withLock { list in
            if list.contains(path) { return false }
            list.append(path)
            return true
        }
        if first { startWriter(path) }
    }

    /// Starts the background writer of `path`'s store (when the cache can hold one), whatever was handled before.
    static func startWriter(_ path: String) {
        guard Files(path) != nil, start(path) else { return }
        spawned.withLock { $0.append(path) }
    }

    /// The writer's priority: nice 10, or the command's own when that is lower already.
    static func lowerPriority() {
        errno = 0
        let current = getpriority(processPriority, 0)
        setpriority(processPriority, 0, errno == 0 ? max(current, 10) : 10)
    }

    #if canImport(Glibc)
        private static let processPriority = __priority_which_t(PRIO_PROCESS.rawValue)
    #else
        private static let processPriority = PRIO_PROCESS
    #endif

    /// The store of `path` is written by this process, or this is its writer: none started after this.
    static func done(_ path: String) {
        handled.withLock { list in if !list.contains(path) { list.append(path) } }
    }

    /// Writes the store of a file this process read whole and indexed (`allies search` on a file without one),
    /// unless another writer is at it, or has written a store of the file as it is now meanwhile (one of the file
    /// before an edit made since must not replace it).
    static func write(_ opened: OpenedDataset, index: SearchIndex, path: String) {
        guard let files = Files(path), case .held(let lock) = lock(files.lock, wait: false) else { return }
        defer { close(lock) }
        guard !DatasetCache.hasCurrentStore(source: path, verify: false) else { return }
        opened.saveSnapshot(path: path, index: index)
    }

    /// As the command ends: on a terminal, says which stores are being written in the background.
    static func sayStarted() {
        guard isatty(STDERR_FILENO) == 1 else { return }
        for path in spawned.withLock({ $0 }) {
            Terminal.printError(
                tr(
                    "allies: the store of {0} is written in the background when the machine has the memory;",
                    Sanitize.line(path)) + " " + tr("`allies reindex` writes it now"))
        }
    }

    /// `allies --data PATH reindex --background`, detached: a session of its own (a terminal closed or Ctrl-C
    /// reaches it not), standard streams on /dev/null (a pipe read to its end ends with this command, not with
    /// the writer), descriptor 3 the pipe it waits on, no other descriptors. False when it could not be started.
    static func start(_ path: String) -> Bool {
        #if os(Linux)
            guard let absolute = realpath(path, nil) else { return false }
            let file = String(cString: absolute)
            free(absolute)
            var ends: [Int32] = [-1, -1]
            guard pipe(&ends) == 0 else { return false }
            // Close-on-exec: another program this process starts must not hold the writer back.
            for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            // Every other descriptor closed (glibc's `addclosefrom_np` is a GNU extension Swift does not import);
            // the pipe's reading end becomes 3 (dup2 onto itself clears close-on-exec).
            // An action refused (a descriptor past the open-file limit cannot be named) would leave it open in the
            // writer, holding a caller's pipe for minutes: then no writer at all.
            var added = true
            for fd in openDescriptors() where fd > 2 && fd != ends[0] {
                added = added && posix_spawn_file_actions_addclose(&actions, fd) == 0
            }
            added = added && posix_spawn_file_actions_adddup2(&actions, ends[0], 3) == 0
            if ends[0] != 3 { added = added && posix_spawn_file_actions_addclose(&actions, ends[0]) == 0 }
            added = added && posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0) == 0
            added = added && posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0) == 0
            added = added && posix_spawn_file_actions_adddup2(&actions, 1, 2) == 0
            guard added else {
                close(ends[0])
                close(ends[1])
                return false
            }
            var attributes = posix_spawnattr_t()
            posix_spawnattr_init(&attributes)
            defer { posix_spawnattr_destroy(&attributes) }
            var none = sigset_t(), all = sigset_t()
            sigemptyset(&none)
            sigfillset(&all)
            posix_spawnattr_setsigmask(&attributes, &none)
            posix_spawnattr_setsigdefault(&attributes, &all)
            posix_spawnattr_setflags(
                &attributes, Int16(setSession | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
            let arguments = ["allies", "--data", file, "reindex", "--background"]
            var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
            defer { for a in argv { free(a) } }
            var pid: pid_t = 0
            let spawned = posix_spawn(&pid, "/proc/self/exe", &actions, &attributes, &argv, environ) == 0
            close(ends[0])
            if spawned { holding.withLock { $0.append(ends[1]) } } else { close(ends[1]) }
            return spawned
        #else
            return false
        #endif
    }

    /// Blocks until the command that started this writer has ended: descriptor 3 is the pipe whose other end it
    /// held (not a pipe, when run by hand: goes on at once).
    static func waitForTheCommandThatStartedThis() {
        var info = stat()
        guard fstat(3, &info) == 0, (info.st_mode & S_IFMT) == S_IFIFO else { return }
        var byte: UInt8 = 0
        while read(3, &byte, 1) < 0 && errno == EINTR {}
        close(3)
    }

    #if os(Linux)
        /// glibc's POSIX_SPAWN_SETSID (spawn.h), which Swift does not import: a GNU extension.
        private static let setSession: Int32 = 0x80

        /// This process's open descriptors (/proc/self/fd; the one reading it included, closed by then).
        private static func openDescriptors() -> [Int32] {
            guard let dir = opendir("/proc/self/fd") else { return [] }
            defer { closedir(dir) }
            var fds: [Int32] = []
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) {
                    String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
                }
                if let fd = Int32(name) { fds.append(fd) }
            }
            return fds
        }
    #endif

    /// The memory report the background writer reads: /proc/meminfo, or $ALLIES_MEMINFO (a file of that form, for
    /// the tests); nil where there is none.
    static func meminfo() -> String? {
        let path = getenv("ALLIES_MEMINFO").map { String(cString: $0) } ?? "/proc/meminfo"
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            bytes += buffer[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    enum Lock { case held(Int32), busy, failed }

    /// An exclusive lock on `path` (made if need be), held until closed or the process ends: `busy` when another
    /// process holds it and `wait` is false.
    static func lock(_ path: String, wait: Bool) -> Lock {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return .failed }
        while flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0 {
            if errno == EINTR { continue }
            let busy = errno == EWOULDBLOCK
            close(fd)
            return busy ? .busy : .failed
        }
        return .held(fd)
    }
}
