import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A dataset file's store in a cache directory of a test's own, and the lock files its writers coordinate with.
struct StoreFiles {
    let path: String
    var lock: String { path + ".lock" }
    var queue: String { path + ".queue" }

    /// The one store in `cache`; nil when there is none.
    init?(cache: String) {
        guard
            let name = try? FileManager.default.contentsOfDirectory(atPath: cache).first(where: {
                $0.hasSuffix(".snapshot")
            })
        else { return nil }
        path = cache + "/" + name
    }

    /// The store file's inode (a new store is a new file, renamed over the old); nil when there is none.
    func inode() -> UInt64? {
        var info = stat()
        return stat(path, &info) == 0 ? UInt64(info.st_ino) : nil
    }

    /// Takes the exclusive lock a store's writers take (the file made if need be); nil when another holds it.
    static func hold(_ path: String) -> Int32? {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return nil }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            return nil
        }
        return fd
    }

    /// Whether some process holds a `flock` on `path` now, as /proc/locks lists them (`1: FLOCK ADVISORY WRITE PID
    /// MAJOR:MINOR:INODE 0 EOF`): read without taking the lock, which would turn a writer away meanwhile.
    static func isHeld(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, let locks = try? String(contentsOfFile: "/proc/locks", encoding: .utf8) else {
            return false
        }
        // The file as the kernel names it there: device major and minor in hex, then the inode.
        let device = UInt64(info.st_dev)
        let major = (device >> 8) & 0xfff | (device >> 32) & ~0xfff
        let minor = device & 0xff | (device >> 12) & ~0xff
        let name = String(format: "%02llx:%02llx:%llu", major, minor, UInt64(info.st_ino))
        return locks.split(separator: "\n").contains { line in
            let fields = line.split(separator: " ")
            return fields.contains("FLOCK") && fields.contains { $0 == name }
        }
    }

    /// How many background writers of `file` are running (`allies --data FILE reindex --background`).
    static func writers(of file: String) -> Int {
        let real = URL(fileURLWithPath: file).resolvingSymlinksInPath().path
        let processes = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return processes.filter { pid in
            guard Int(pid) != nil, let bytes = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else {
                return false
            }
            let arguments = bytes.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            return arguments.contains("--background") && arguments.contains { $0 == file || $0 == real }
        }.count
    }

    /// Polls `condition` every 50 ms for up to `seconds`: what a background process does is seen when it is done.
    static func waitUntil(seconds: Double = 60, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(50_000)
        }
        return condition()
    }
}

/// A command that finds a dataset's store behind the file's edits, or missing for a large file, answers from the file
/// and leaves writing the store to a background `allies reindex`, so that it ends with its answer; `allies reindex`
/// writes it in the foreground. (README, "Large datasets".)
@Suite("The store written in the background")
struct BackgroundStoreTests {
    static func cache() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("allies-cache-\(UUID())").path
    }

    /// A search after an edit ends with its answer, the store untouched, while the background writer waits for
    /// the lock this test holds; let go, the writer writes the store with the edit, and the commands after it read
    /// it in place with the same answers as the file.
    @Test func aSearchAfterAnEditEndsWithItsAnswerAndTheStoreIsWrittenAfterIt() throws {
        let file = try EditCLITests.copyOfBundled()
        let cache = Self.cache()
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let env = EditsFileCLITests.large.merging(["ALLIES_CACHE_DIR": cache]) { $1 }
        #expect(try AlliesBinary.run(["search", "--data", file, "nube"], environment: env).status == 0)
        let store = try #require(StoreFiles(cache: cache))
        let written = store.inode()
        let edited = try AlliesBinary.run(
            [
                "edit", "--data", file, "nvidia-anthropic-2025", "--set",
                "title.en=Nvidia and Anthropic: the quokka deal",
            ],
            environment: env)
        #expect(edited.status == 0, "\(edited.stderr)")
        var lock = try #require(StoreFiles.hold(store.lock)) as Int32?
        defer { if let lock { close(lock) } }
        let found = try AlliesBinary.run(["search", "--data", file, "quokka"], environment: env)
        let fromJSON = try AlliesBinary.run(["search", "--data", file, "quokka", "--no-cache"], environment: env)
        #expect(found.status == 0 && found.stdout == fromJSON.stdout && found.stdout.contains("nvidia-anthropic-2025"))
        #expect(found.stderr == "", "nothing said on standard error when it is not a terminal: \(found.stderr)")
        #expect(store.inode() == written, "the search did not write the store itself")
        #expect(StoreFiles.waitUntil { StoreFiles.isHeld(store.queue) }, "a background writer waits for the lock")
        close(lock!)
        lock = nil
        #expect(StoreFiles.waitUntil { store.inode() != written }, "the background writer wrote the store")
        #expect(StoreFiles.waitUntil { !StoreFiles.isHeld(store.lock) && !StoreFiles.isHeld(store.queue) })
        let current = try AlliesBinary.run(["reindex", "--data", file], environment: env)
        #expect(current.status == 0 && current.stdout == "The store of \(file) is up to date.\n", "\(current)")
        let after = try AlliesBinary.run(["search", "--data", file, "quokka"], environment: env)
        #expect(after.stdout == fromJSON.stdout)
    }

    /// Any command that finds the store behind starts the writer; one that finds no store starts it only for a
    /// large file ($ALLIES_STORE_IN_BACKGROUND_FROM stands in for 64 MiB), and `--no-cache` never.
    @Test func commandsStartTheWriterForAStoreBehindOrMissingForALargeFile() throws {
        let file = try EditCLITests.copyOfBundled()
        let cache = Self.cache()
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let env = EditsFileCLITests.large.merging(["ALLIES_CACHE_DIR": cache]) { $1 }
        // Small, no store: `companies` reads the file and starts nothing; nor with --no-cache when it is large.
        #expect(try AlliesBinary.run(["companies", "--data", file], environment: env).status == 0)
        let large = env.merging(["ALLIES_STORE_IN_BACKGROUND_FROM": "0"]) { $1 }
        #expect(try AlliesBinary.run(["companies", "--data", file, "--no-cache"], environment: large).status == 0)
        usleep(500_000)
        #expect(StoreFiles(cache: cache) == nil && (try? FileManager.default.contentsOfDirectory(atPath: cache)) == nil)
        // Large, no store, `search`: it writes the store itself, and starts no writer (which would read it all
        // again to find it current).
        let searchCache = Self.cache()
        defer { try? FileManager.default.removeItem(atPath: searchCache) }
        let searching = large.merging(["ALLIES_CACHE_DIR": searchCache]) { $1 }
        #expect(try AlliesBinary.run(["search", "--data", file, "nube"], environment: searching).status == 0)
        #expect(StoreFiles(cache: searchCache)?.inode() != nil, "written by the search itself")
        usleep(500_000)
        #expect(
            !((try? FileManager.default.contentsOfDirectory(atPath: searchCache)) ?? []).contains {
                $0.hasSuffix(".queue")
            }, "no background writer came")
        // Large, no store: the store appears after the command.
        let listed = try AlliesBinary.run(["alliance", "--data", file, "nvidia-anthropic-2025"], environment: large)
        #expect(listed.status == 0)
        #expect(StoreFiles.waitUntil { StoreFiles(cache: cache) != nil })
        let store = try #require(StoreFiles(cache: cache))
        #expect(StoreFiles.waitUntil { !StoreFiles.isHeld(store.lock) })
        let written = try #require(store.inode())
        // Behind after an edit, whatever the size: `alliance` answers with the edit, and the store is written again.
        let edited = try AlliesBinary.run(
            ["edit", "--data", file, "nvidia-anthropic-2025", "--set", "status=completed"], environment: env)
        #expect(edited.status == 0, "\(edited.stderr)")
        let shown = try AlliesBinary.run(
            ["alliance", "--data", file, "nvidia-anthropic-2025", "--format", "json"], environment: env)
        #expect(shown.stdout.contains("\"status\": \"completed\""))
        #expect(StoreFiles.waitUntil { store.inode() != written }, "written again with the edit")
    }

    /// `allies reindex` writes the store now and says so; then says it is up to date; refuses `--no-cache`; the
    /// bundled dataset has none; a file that cannot be read is said as any command says it.
    @Test func reindexWritesTheStoreNowAndSaysSo() throws {
        let file = try EditCLITests.copyOfBundled()
        let cache = Self.cache()
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let env = ["ALLIES_CACHE_DIR": cache]
        let wrote = try AlliesBinary.run(["reindex", "--data", file], environment: env)
        let alliances = try AlliesBinary.run(["alliances", "--data", file, "--format", "json"], environment: env)
        let count = try #require(
            try JSONSerialization.jsonObject(with: alliances.stdoutBytes) as? [Any]
        ).count
        #expect(wrote.status == 0, "\(wrote.stderr)")
        #expect(wrote.stdout == "Wrote the store of \(file) (\(count) alliances): commands read it in place now.\n")
        #expect(StoreFiles(cache: cache)?.inode() != nil)
        let again = try AlliesBinary.run(["reindex", "--data", file], environment: env)
        #expect(again.stdout == "The store of \(file) is up to date.\n")
        let spanish = try AlliesBinary.run(["reindex", "--data", file, "--lang", "es"], environment: env)
        #expect(spanish.stdout == "El almacén de \(file) está al día.\n", "\(spanish.stdout)")
        let refused = try AlliesBinary.run(["reindex", "--data", file, "--no-cache"], environment: env)
        #expect(refused.status == 64)
        #expect(refused.stderr == "allies: reindex writes the store in the cache, which --no-cache does not touch\n")
        let bundled = try AlliesBinary.run(["reindex"], environment: env)
        #expect(bundled.status == 0)
        #expect(bundled.stdout == "The bundled dataset is read from the program itself: it has no store.\n")
        let missing = try AlliesBinary.run(["reindex", "--data", file + ".missing"], environment: env)
        let listing = try AlliesBinary.run(["companies", "--data", file + ".missing"], environment: env)
        #expect(missing.status == 1 && missing.stderr == listing.stderr && !missing.stderr.isEmpty)
    }
    /// A store damaged anywhere is not "up to date": `reindex` writes it again (every read refuses it, and a store
    /// taken for current would never be written again).
    @Test func aDamagedStoreIsWrittenAgain() throws {
        let file = try EditCLITests.copyOfBundled()
        let cache = Self.cache()
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let env = ["ALLIES_CACHE_DIR": cache]
        #expect(try AlliesBinary.run(["reindex", "--data", file], environment: env).status == 0)
        let store = try #require(StoreFiles(cache: cache))
        var bytes = try Data(contentsOf: URL(fileURLWithPath: store.path))
        bytes[bytes.count - 1000] ^= 0x5A
        try bytes.write(to: URL(fileURLWithPath: store.path))
        let again = try AlliesBinary.run(["reindex", "--data", file], environment: env)
        #expect(again.stdout.hasPrefix("Wrote the store of \(file)"), "\(again.stdout) \(again.stderr)")
        let whole = try Data(contentsOf: URL(fileURLWithPath: store.path))
        #expect(whole != bytes)
        let current = try AlliesBinary.run(["reindex", "--data", file], environment: env)
        #expect(current.stdout == "The store of \(file) is up to date.\n")
    }

    /// A command killed by its reader (`| head -1` closes the pipe: SIGPIPE) has already started the writer, which
    /// waits for it to end, then writes the store.
    @Test func aCommandEndedByAClosedPipeStillGetsItsStoreWritten() throws {
        let file = try EditCLITests.copyOfBundled()
        let cache = Self.cache()
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: AlliesBinary.path)
        process.arguments = ["alliances", "--data", file]
        process.environment = withTestDirectories(
            ProcessInfo.processInfo.environment.merging(
                ["ALLIES_CACHE_DIR": cache, "ALLIES_STORE_IN_BACKGROUND_FROM": "0", "LC_ALL": "C.UTF-8"]
            ) { $1 })
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try out.fileHandleForReading.close()
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGPIPE)
        #expect(StoreFiles.waitUntil { StoreFiles(cache: cache)?.inode() != nil }, "written after it")
    }

    /// A background writer that finds less memory available than five times the file leaves the store behind
    /// (never pushing the user's own work into swap); `reindex` by hand writes it whatever the memory.
    @Test func aBackgroundWriterWithoutTheMemoryLeavesTheStore() throws {
        let file = try EditCLITests.copyOfBundled()
        let cache = Self.cache()
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let size = try #require(try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int)
        let meminfo = try temporaryFile(
            "MemTotal: 9999999 kB\nMemAvailable: \(size * 5 / 1024 - 1) kB\n", name: "meminfo")
        let env = [
            "ALLIES_CACHE_DIR": cache, "ALLIES_STORE_IN_BACKGROUND_FROM": "0", "ALLIES_MEMINFO": meminfo,
        ]
        #expect(try AlliesBinary.run(["companies", "--data", file], environment: env).status == 0)
        // The writer ran (it made the store's lock file), ended, and wrote nothing.
        #expect(
            StoreFiles.waitUntil {
                (try? FileManager.default.contentsOfDirectory(atPath: cache))?.contains { $0.hasSuffix(".lock") }
                    == true && StoreFiles.writers(of: file) == 0
            })
        #expect(StoreFiles(cache: cache) == nil, "no store written without the memory")
        let enough = try temporaryFile(
            "MemTotal: 9999999 kB\nMemAvailable: \(size * 5 / 1024 + 1) kB\n", name: "meminfo")
        let more = env.merging(["ALLIES_MEMINFO": enough]) { $1 }
        #expect(try AlliesBinary.run(["companies", "--data", file], environment: more).status == 0)
        #expect(StoreFiles.waitUntil { StoreFiles(cache: cache) != nil }, "written with it")
    }
}
