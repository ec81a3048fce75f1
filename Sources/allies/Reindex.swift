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
            tr("and writes the store in the background, one process at a time and at low priority;"),
            tr("this writes it now and says when it is done.")))
    @ParentCommand var root: Allies
    @OptionGroup var local: DataOptions
    /// Started by a command (`BackgroundStore.start`): quiet, at low priority, and gone at once when another
    /// background writer is already waiting for the store's lock.
    @Flag(help: .hidden) var background = false

    func run() throws {
        let options = dataOptions
        guard let path = options.path else {
            print(tr("The bundled dataset is read from the program itself: it has no store."))
            return
        }
        guard !options.noCache else {
            Terminal.printError(tr("allies: reindex writes the store in the cache, which --no-cache leaves alone"))
            throw ExitCode.validationFailure
        }
        // Whichever way this ends, it starts no other writer of the store (one that cannot write would restart
        // itself for ever).
        defer { BackgroundStore.done(path) }
        guard access(path, R_OK) == 0 else {
            _ = try options.open()  // says why the file cannot be read, and ends the command
            return
        }
        guard let running = DatasetCache.fileBesideStore(of: path, suffix: ".lock"),
            let waiting = DatasetCache.fileBesideStore(of: path, suffix: ".queue")
        else {
            Terminal.printError(
                tr("allies: no cache directory ($ALLIES_CACHE_DIR, $XDG_CACHE_HOME or $HOME) to write the store in"))
            throw ExitCode(Status.notFound)
        }
        let lock: Int32
        if background {
            #if canImport(Glibc)
                setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
            #else
                setpriority(PRIO_PROCESS, 0, 10)
            #endif
            // One writer works and at most one waits: a burst of commands after a burst of edits starts one
            // rebuild, and one more for the edits saved while it ran.
            guard let queued = BackgroundStore.lock(waiting, wait: false) else { return }
            guard let held = BackgroundStore.lock(running, wait: true) else { return }
            close(queued)
            lock = held
        } else {
            if let held = BackgroundStore.lock(running, wait: false) {
                lock = held
            } else {
                Terminal.printError(tr("allies: waiting for the store being written in the background"))
                guard let held = BackgroundStore.lock(running, wait: true) else {
                    Terminal.printError(tr("allies: {0} cannot be locked", Sanitize.line(running)))
                    throw ExitCode(Status.notFound)
                }
                lock = held
            }
        }
        defer { close(lock) }
        if DatasetCache.hasCurrentStore(source: path) {
            if !background { print(tr("The store of {0} is up to date.", Sanitize.line(path))) }
            return
        }
        let opened = try options.open()
        let index = opened.index ?? SearchIndex(opened.catalog)
        if let error = opened.saveSnapshot(path: path, index: index) {
            if !background {
                Terminal.printError(
                    tr("allies: the store of {0} was not written: {1}", Sanitize.line(path), error.reason))
            }
            throw ExitCode(Status.notFound)
        }
        if !background {
            print(
                tr(
                    "Wrote the store of {0} ({1} alliances): commands read it in place now.", Sanitize.line(path),
                    opened.catalog.dataset.alliances.count))
        }
    }
}

/// The stores this process found behind their files, or missing, and did not write: a background `allies reindex`
/// is started for each as the process ends (`startWanted`).
enum BackgroundStore {
    private static let wanted = Mutex<[String]>([])

    /// Files from this size up get their missing store written in the background by any command that reads them
    /// ($ALLIES_STORE_IN_BACKGROUND_FROM: another number of bytes, for the tests); a store behind its file's edits
    /// is written whatever the size. Below it, reading the file costs under a second, and only `search`, which builds
    /// the index anyway, writes a store.
    static var from: UInt64 {
        getenv("ALLIES_STORE_IN_BACKGROUND_FROM").flatMap { UInt64(String(cString: $0)) } ?? 64 << 20
    }

    /// Called with each dataset a command opened from `path`.
    static func opened(_ opened: OpenedDataset, path: String) {
        guard opened.index == nil, let stamp = opened.stamp, DatasetCache.directory != nil,
            opened.previousIndex != nil || stamp.size >= from
        else { return }
        wanted.withLock { if !$0.contains(path) { $0.append(path) } }
    }

    /// The store of `path` was written (or tried) by this process: no background writer for it.
    static func done(_ path: String) { wanted.withLock { $0.removeAll { $0 == path } } }

    /// Starts a background writer for each store wanted; on a terminal, says so on standard error.
    static func startWanted() {
        for path in wanted.withLock({ list in
            defer { list = [] }; return list
        }) {
            guard start(path) else { continue }
            if isatty(STDERR_FILENO) == 1 {
                Terminal.printError(
                    tr("allies: writing the store of {0} in the background;", Sanitize.line(path)) + " "
                        + tr("the next commands read it in place once it is done"))
            }
        }
    }

    /// `allies --data PATH reindex --background`, detached: a session of its own (a terminal closed or Ctrl-C
    /// reaches it not), standard streams on /dev/null (a pipe read to its end ends with this process), no other
    /// descriptors. False when it could not be started.
    static func start(_ path: String) -> Bool {
        #if os(Linux)
            guard let absolute = realpath(path, nil) else { return false }
            let file = String(cString: absolute)
            free(absolute)
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
            // Every other descriptor closed (glibc's `addclosefrom_np` is a GNU extension Swift does not import).
            for fd in openDescriptors() where fd > 2 { posix_spawn_file_actions_addclose(&actions, fd) }
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
            return posix_spawn(&pid, "/proc/self/exe", &actions, &attributes, &argv, environ) == 0
        #else
            return false
        #endif
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

    /// An exclusive lock on `path` (made if need be), held until closed or the process ends; nil when it is held
    /// elsewhere and `wait` is false, or cannot be taken.
    static func lock(_ path: String, wait: Bool) -> Int32? {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return nil }
        while flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0 {
            if errno == EINTR { continue }
            close(fd)
            return nil
        }
        return fd
    }
}
