#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What identifies one version of a dataset file: its size, modification time, inode and device, and the same of the
/// edits file beside it (`EditJournal`), the two being one dataset. It is taken before the file is read, so a file
/// that changes while it is read gets a snapshot that no longer matches.
public struct SourceStamp: Equatable, Sendable {
    /// The file's size in bytes.
    public internal(set) var size: UInt64
    var seconds: Int64, nanoseconds: Int64, inode: UInt64, device: UInt64
    /// The edits file's stamp; nil when there is none.
    public internal(set) var edits: EditsStamp? = nil

    /// An edits file's size, modification time and inode.
    public struct EditsStamp: Equatable, Sendable {
        public internal(set) var size: UInt64
        var seconds: Int64, nanoseconds: Int64, inode: UInt64
    }

    /// The stamp of the file at `path` and of its edits file.
    public static func of(_ path: String) -> SourceStamp? {
        var info = stat()
        guard stat(path, &info) == 0, var stamp = SourceStamp(info) else { return nil }
        if stat(EditJournal.path(for: path), &info) == 0 {
            stamp.edits = EditsStamp(
                size: UInt64(info.st_size), seconds: Int64(info.st_mtim.tv_sec),
                nanoseconds: Int64(info.st_mtim.tv_nsec), inode: UInt64(info.st_ino))
        }
        return stamp
    }

}

extension SourceStamp {
    /// The stamp of a regular file's `stat`; nil for anything else.
    init?(_ info: stat) {
        guard (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        self.init(
            size: UInt64(info.st_size), seconds: Int64(info.st_mtim.tv_sec),
            nanoseconds: Int64(info.st_mtim.tv_nsec), inode: UInt64(info.st_ino), device: UInt64(info.st_dev))
    }
}

/// Snapshots of loaded dataset files, so that the second open of a large file is a fraction of the first: the
/// dataset and its search index as a store (Store.swift), read in place, keyed by the file's absolute path and
/// stamped with its size, time and inode. A snapshot whose stamp, version or checksum does not match is ignored and
/// replaced.
public enum DatasetCache {
    /// Bumped whenever the snapshot's layout, the model or the index change.
    static let version: UInt64 = 19
    static let magic: UInt64 = 0x3153_4549_4C4C_41  // "ALLIES1" little-endian

    /// $ALLIES_CACHE_DIR, else $XDG_CACHE_HOME/allies, else $HOME/.cache/allies; nil when none can be named.
    public static var directory: String? {
        func env(_ name: String) -> String? {
            getenv(name).map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        // Set by `--no-cache` for the whole process (`Allies.main`), or by a script for all its commands.
        if let off = env("ALLIES_NO_CACHE"), off != "0" { return nil }
        if let dir = env("ALLIES_CACHE_DIR") { return dir }
        if let xdg = env("XDG_CACHE_HOME") { return xdg + "/allies" }
        if let home = env("HOME") { return home + "/.cache/allies" }
        return nil
    }

    /// The snapshot file for a dataset file.
    public static func snapshotPath(for source: String, in directory: String? = directory) -> String? {
        guard let directory, let absolute = realpath(source, nil) else { return nil }
        defer { free(absolute) }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in String(cString: absolute).utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        let hex = String(h, radix: 16)
        return directory + "/" + String(repeating: "0", count: 16 - hex.count) + hex + ".snapshot"
    }

    /// A dataset and its index read back from a snapshot.
    public struct Loaded: Sendable {
        public let catalog: Catalog
        /// Nil when the store held fewer of the file's edits than there are now: the index is then to be built,
        /// and `patchedIndex()` answers meanwhile.
        public let index: SearchIndex?
        /// The store's index, of the dataset before the edits saved since it was written.
        public var previousIndex: SearchIndex? = nil

        /// The store's index patched for the edits saved since (`PatchedIndex`; built now: a command that does not
        /// search does not pay for it).
        public func patchedIndex() -> PatchedIndex? { previousIndex.flatMap { PatchedIndex(base: $0, now: catalog) } }
    }

    /// Opens the store of `source` if there is one that matches the file as it is now (`allowBehind`: or the file
    /// with fewer of its edits).
    static func openStore(
        source: String, directory: String?, allowBehind: Bool = false, stamp: SourceStamp? = nil
    ) -> Result<StoreFile, SnapshotError> {
        guard let path = snapshotPath(for: source, in: directory) else {
            return .failure(SnapshotError(reason: "no cache directory"))
        }
        guard let stamp = stamp ?? SourceStamp.of(source) else {
            return .failure(SnapshotError(reason: "not a regular file"))
        }
        return StoreFile.open(path, stamp: stamp, allowBehind: allowBehind)
    }

    /// Reads the snapshot of `source` whole (every record decoded, every section checked; the index stays in the
    /// mapped file), if there is one that matches the file as it is now, or the file with fewer of its edits (saves
    /// appended since, as `allies edit` appends them): then the saves it lacks are applied to its dataset as
    /// `Dataset.load` applies them, and its index is patched for them, so that an edit costs no first open.
    /// `stamp`: the file's, taken before (a store written of what this reads is stamped with it); nil: now.
    public static func read(
        source: String, directory: String? = directory, stamp given: SourceStamp? = nil,
        progress: (Double) -> Void = { _ in }
    ) -> Result<Loaded, SnapshotError> {
        guard let stamp = given ?? SourceStamp.of(source) else {
            return .failure(SnapshotError(reason: "not a regular file"))
        }
        let store: StoreFile
        switch openStore(source: source, directory: directory, allowBehind: true, stamp: stamp) {
        case .success(let s): store = s
        case .failure(let e): return .failure(e)
        }
        // The saves the store lacks, read before anything else: an edits file that is not the one the store was
        // made with (rewritten, another version's) refuses the store.
        guard let lacking = lackingSaves(of: store, source: source, stamp: stamp) else {
            return .failure(SnapshotError(reason: "the edits file changed"))
        }
        do throws(SnapshotError) {
            // Checked whole first: a damaged byte anywhere is refused before anything is built from it.
            guard store.verifyAll(progress: { progress(0.1 * $0) }) else {
                throw SnapshotError(reason: "the checksum does not match")
            }
            progress(0.1)
            let stored = try StoredRecords(store)
            // The index is checked whole before the records are decoded: its checks read ~0.8 GB of the store at 1M
            // (given back as they go, but tens of megabytes are resident at a time), which counted on top of the
            // decoded records when they came last; and a damaged index is refused without decoding anything.
            let indexParts = try SearchIndex.InStore(store: store, counts: stored.counts, thorough: true)
            store.releaseAll()
            progress(0.2)
            let dataset = try stored.dataset { progress(0.2 + 0.65 * $0) }
            let orders = StoredOrders(
                companies: try store.values(.companyOrders), alliances: try store.values(.allianceOrders),
                companyCount: dataset.companies.count, allianceCount: dataset.alliances.count)
            guard orders.check() else { throw SnapshotError(reason: "the lists' orders are damaged") }
            // What the records and orders left resident (~30 MB at 1M: where each record starts, the orders) is
            // given back before the catalog's lookups are built on top of the decoded records.
            store.releaseAll()
            progress(0.9)
            let catalog = Catalog(dataset, storedOrders: orders)
            let index = SearchIndex(indexParts, records: catalog)
            guard !store.file.changedSinceOpened else {
                throw SnapshotError(reason: "the snapshot changed while it was being read")
            }
            if store.behind != nil {
                let file = EditJournal.path(for: source)
                guard case .success(let edited) = EditJournal.apply(lacking, to: dataset, file: file) else {
                    throw SnapshotError(reason: "the edits saved since do not apply")
                }
                let now = Catalog(edited)
                progress(1)
                return .success(Loaded(catalog: now, index: nil, previousIndex: index))
            }
            progress(1)
            return .success(Loaded(catalog: catalog, index: index))
        } catch {
            return .failure(error)
        }
    }

    /// The saves of `source`'s edits file that `store` lacks (none for a store of the file as it is); nil when the
    /// edits file is not the one the store was made with (rewritten, another version's), or the file itself is no
    /// longer the one stamped `stamp` (a fold since would have made the edits read those of another version).
    static func lackingSaves(of store: StoreFile, source: String, stamp: SourceStamp) -> [EditJournal.Save]? {
        guard let behind = store.behind else { return [] }
        // The edits as far as the stamp has them; then the file itself must still be the one stamped.
        guard let edits = stamp.edits,
            let saves = EditJournal.saves(
                of: source, after: behind.covered, checksum: behind.checksum, size: Int(edits.size)),
            var now = SourceStamp.of(source), now.edits != nil
        else { return nil }
        var then = stamp
        now.edits = nil; then.edits = nil
        return now == then ? saves : nil
    }

    /// Opens the snapshot of `source` to answer queries: the index in place, the records decoded as results need
    /// them. Nothing is read whole: opening costs a few milliseconds whatever the size.
    public static func openForQueries(source: String, directory: String? = directory)
        -> Result<StoredDataset, SnapshotError>
    {
        let store: StoreFile
        switch openStore(source: source, directory: directory) {
        case .success(let s): store = s
        case .failure(let e): return .failure(e)
        }
        do throws(SnapshotError) {
            let records = try StoredRecords(store)
            let index = try SearchIndex(store: store, records: records, counts: records.counts, thorough: false)
            return .success(StoredDataset(index: index, records: records))
        } catch {
            return .failure(error)
        }
    }

    /// Opens the Companies list of `source`'s snapshot in place (`StoredCompanyList`), for a first frame drawn
    /// before the dataset is read whole; nothing is read whole here either.
    public static func openCompanyList(source: String, directory: String? = directory)
        -> Result<StoredCompanyList, SnapshotError>
    {
        switch openStore(source: source, directory: directory) {
        case .success(let store):
            do throws(SnapshotError) { return .success(try StoredCompanyList(store)) } catch { return .failure(error) }
        case .failure(let e): return .failure(e)
        }
    }

    /// Writes the snapshot of `source` as it was when `stamp` was taken. Written to a temporary file, synced and
    /// renamed, so a reader never sees half a snapshot. Returns why not, on failure (the cache is an optimisation:
    /// callers go on without it).
    @discardableResult
    public static func write(
        source: String, stamp: SourceStamp, catalog: Catalog, index: SearchIndex,
        directory: String? = directory
    ) -> SnapshotError? {
        guard let path = snapshotPath(for: source, in: directory), let directory else {
            return SnapshotError(reason: "no cache directory")
        }
        guard makeDirectories(directory) else { return SnapshotError(reason: "cannot create \(directory)") }
        var store = StoreWriter()
        store.body.bytes.reserveCapacity(64 << 20)
        store.store(catalog, index)
        var header = SnapshotWriter()
        header.u64(magic); header.u64(version)
        header.u64(stamp.size); header.u64(UInt64(bitPattern: stamp.seconds));
        header.u64(UInt64(bitPattern: stamp.nanoseconds))
        header.u64(stamp.inode); header.u64(stamp.device)
        header.u64(stamp.edits?.size ?? 0); header.u64(UInt64(bitPattern: stamp.edits?.seconds ?? 0))
        header.u64(UInt64(bitPattern: stamp.edits?.nanoseconds ?? 0)); header.u64(stamp.edits?.inode ?? 0)
        var table = SnapshotWriter()
        for entry in store.table { table.u64(entry.offset); table.u64(entry.length); table.u64(entry.checksum) }
        header.u64(UInt64(store.table.count)); header.u64(UInt64(store.body.bytes.count))
        let edits = editsChecksum(source: source, size: Int(stamp.edits?.size ?? 0))
        header.u64(table.bytes.withUnsafeBytes { checksum($0) } ^ edits)
        header.u64(edits)
        removeAbandonedTemporaries(in: directory)
        // Unique per writer: the explorer can write two stores at once (one per saved change).
        let temporary = path + ".\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { return SnapshotError(reason: "cannot write \(temporary)") }
        let ok =
            writeAll(fd, header.bytes) && writeAll(fd, table.bytes) && writeAll(fd, store.body.bytes) && fsync(fd) == 0
        close(fd)
        guard ok, rename(temporary, path) == 0 else {
            unlink(temporary)
            return SnapshotError(reason: "cannot write \(path)")
        }
        return nil
    }

    /// The checksum of the first `size` bytes of `source`'s edits file (0 when there are none, or they cannot be
    /// read: no later edits file then matches it, and the store is only used for the file exactly as it was).
    static func editsChecksum(source: String, size: Int) -> UInt64 {
        guard size > 0, case .success(let bytes) = Dataset.readFile(EditJournal.path(for: source)), bytes.count >= size
        else { return 0 }
        return bytes.withUnsafeBytes { checksum(UnsafeRawBufferPointer(rebasing: $0[0..<size])) }
    }

    /// Removes the temporary files of writers that are gone (an explorer quit while it wrote its snapshot): a
    /// snapshot is written as `NAME.snapshot.PID.N.tmp` (`NAME.snapshot.PID.tmp` by earlier versions), and no live
    /// process has that PID any more.
    static func removeAbandonedTemporaries(in directory: String) {
        guard let dir = opendir(directory) else { return }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            let parts = name.split(separator: ".")
            // `HASH.snapshot.PID[.RANDOM].tmp` (a store), `HASH.snapshot.identity.PID.tmp` (its file's identity).
            let pidAt = parts.count > 2 && parts[2] == "identity" ? 3 : 2
            guard parts.count == 4 || parts.count == 5, parts[1] == "snapshot", parts.last == "tmp",
                let pid = pid_t(parts[pidAt]), pid > 0
            else {
                continue
            }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(directory + "/" + name) }
        }
    }

    /// Whether `source` has a whole store that matches the file as it is now, its edits included: what commands
    /// read in place. One behind the file's edits, of another version of it, or damaged anywhere (with `verify`,
    /// every section's checksum is read: a damaged one would be refused by every read, and never written again)
    /// does not count; without `verify`, only its header and section table are checked.
    public static func hasCurrentStore(source: String, verify: Bool = true, directory: String? = directory) -> Bool {
        guard case .success(let store) = openStore(source: source, directory: directory) else { return false }
        guard verify else { return true }
        defer { store.releaseAll() }
        return store.verifyAll() && !store.file.changedSinceOpened
    }

    /// Whether a machine whose `/proc/meminfo` reads `meminfo` has the memory a store of a file of `bytes` takes to
    /// write: the dataset decoded, its index built and the store's body, 3.6–3.9 times the file at a million
    /// alliances (4.97 GB for 1.38 GB from the JSON, 5.44 GB from a store and its edits), counted as 5. A
    /// background writer that does not fit leaves the store as it is, so that it never pushes the user's own work
    /// (an explorer of the same file) into swap; nil meminfo (not Linux) fits.
    public static func rebuildFits(bytes: UInt64, meminfo: String?) -> Bool {
        guard let meminfo else { return true }
        for line in meminfo.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
            let fields = line.split(separator: " ")
            guard fields.count >= 2, let kilobytes = UInt64(fields[1]) else { return true }
            let need = bytes.multipliedReportingOverflow(by: 5), have = kilobytes.multipliedReportingOverflow(by: 1024)
            return !need.overflow && (have.overflow || need.partialValue <= have.partialValue)
        }
        return true
    }

    /// A file beside `source`'s store named with `suffix` (`.lock`): what writers of the store coordinate with.
    /// The cache directory is made if need be; nil when it cannot be named or made.
    public static func fileBesideStore(of source: String, suffix: String, directory: String? = directory) -> String? {
        guard let directory, makeDirectories(directory), let store = snapshotPath(for: source, in: directory) else {
            return nil
        }
        return store + suffix
    }

    /// Removes the snapshot of `source`, if any.
    public static func remove(source: String, directory: String? = directory) {
        if let path = snapshotPath(for: source, in: directory) { unlink(path) }
    }

    /// A 64-bit checksum of 8-byte words (multiply and rotate, four words at a time in four independent lanes, so
    /// the multiplications overlap: a 1.4 GB file's checksum is read-speed, not multiply-latency bound); it catches a
    /// damaged or truncated snapshot, or another version of a file, not an attacker (whoever can write the cache
    /// directory can write the dataset too).
    /// `progress` is told how many bytes are done every `reportEvery` bytes (a million alliances' records are
    /// ~1 GB: read from disk, seconds).
    static func checksum(
        _ bytes: UnsafeRawBufferPointer, reportEvery: Int = 1 << 26, progress: (Int) -> Void = { _ in }
    ) -> UInt64 {
        var sum = Checksum(count: bytes.count)
        // Told after each whole `reportEvery` (in 32-byte blocks), as far as it is done.
        let report = max(1, reportEvery / 32) * 32
        var done = 0
        while done < bytes.count {
            let piece = min(report, bytes.count - done)
            sum.add(UnsafeRawBufferPointer(rebasing: bytes[done..<done + piece]))
            done += piece
            if piece == report { progress(done) }
        }
        return sum.value
    }

    /// `checksum` of bytes given in pieces, in order, of any sizes: a file's checksum taken as it is decoded (the
    /// pages in hand), not in a pass of its own.
    struct Checksum {
        private var lanes: (UInt64, UInt64, UInt64, UInt64)
        /// The bytes after the last whole 32: fewer than 32.
        private var carry: [UInt8] = []
        /// How many bytes it takes in all (the seed depends on it), and how many it has.
        let count: Int
        private(set) var added = 0

        init(count: Int) {
            self.count = count
            let seed: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(count)
            lanes = (seed, seed &+ 1, seed &+ 2, seed &+ 3)
        }

        @inline(__always) private static func mix(_ h: UInt64, _ w: UInt64) -> UInt64 {
            let m = (h ^ w) &* 0xFF51_AFD7_ED55_8CCD
            return (m << 31) | (m >> 33)
        }

        private mutating func block(_ bytes: UnsafeRawBufferPointer, at: Int) {
            lanes.0 = Self.mix(lanes.0, bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self))
            lanes.1 = Self.mix(lanes.1, bytes.loadUnaligned(fromByteOffset: at + 8, as: UInt64.self))
            lanes.2 = Self.mix(lanes.2, bytes.loadUnaligned(fromByteOffset: at + 16, as: UInt64.self))
            lanes.3 = Self.mix(lanes.3, bytes.loadUnaligned(fromByteOffset: at + 24, as: UInt64.self))
        }

        mutating func add(_ bytes: UnsafeRawBufferPointer) {
            precondition(added + bytes.count <= count, "more bytes than the checksum was made for")
            added += bytes.count
            var rest = bytes[...]
            if !carry.isEmpty {
                let taken = min(32 - carry.count, rest.count)
                carry.append(contentsOf: rest.prefix(taken))
                rest = rest.dropFirst(taken)
                guard carry.count == 32 else { return }
                carry.withUnsafeBytes { block($0, at: 0) }
                carry.removeAll(keepingCapacity: true)
            }
            let whole = UnsafeRawBufferPointer(rebasing: rest)
            let blocks = whole.count / 32
            for i in 0..<blocks { block(whole, at: i * 32) }
            carry.append(contentsOf: whole[(blocks * 32)...])
        }

        /// The checksum, once every byte is added.
        var value: UInt64 {
            precondition(added == count, "the checksum has \(added) of its \(count) bytes")
            var h = Self.mix(Self.mix(Self.mix(lanes.0, lanes.1), lanes.2), lanes.3)
            for b in carry { h = (h ^ UInt64(b)) &* 0xC4CE_B9FE_1A85_EC53 }
            return h
        }
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var done = 0
            while done < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + done, min(buffer.count - done, 1 << 26))
                if n < 0 { if errno == EINTR { continue }; return false }
                done += n
            }
            return true
        }
    }

    private static func makeDirectories(_ path: String) -> Bool {
        var prefix = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            prefix += "/" + part
            if mkdir(prefix, 0o700) != 0 && errno != EEXIST { return false }
        }
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }
}

/// A dataset file opened for use: from its snapshot when one matches the file, else from the JSON.
public struct OpenedDataset: Sendable {
    public let catalog: Catalog
    /// The search index when it came from the snapshot; nil when it still has to be built.
    public let index: SearchIndex?
    /// The file's stamp taken before reading it, for writing its snapshot later (nil for a pipe).
    public let stamp: SourceStamp?
    /// Read from a store of the file with fewer of its edits: the store's index, of the dataset before them.
    public let previousIndex: SearchIndex?
    /// A large file's identity, taken as it was read from the JSON: remembered beside its store when that is written.
    let identity: EditJournal.Identity.Taken?

    public init(
        catalog: Catalog, index: SearchIndex?, stamp: SourceStamp?, previousIndex: SearchIndex? = nil,
        identity: EditJournal.Identity.Taken? = nil
    ) {
        self.catalog = catalog; self.index = index; self.stamp = stamp; self.previousIndex = previousIndex
        self.identity = identity
    }

    /// The store's index patched for the edits saved since it was written, which answers searches until `index`
    /// is built (built now; nil when the file was not read from such a store, or the change cannot be patched).
    public func patchedIndex() -> PatchedIndex? { previousIndex.flatMap { PatchedIndex(base: $0, now: catalog) } }

    /// Opens `path`. `useCache` false reads the JSON whatever the cache holds. Progress is 0…1 over the reading.
    /// `readingJSON` is called when the JSON is read after all (no store, or one refused), and then `companiesRead`
    /// with the companies as soon as the JSON's list of them is read.
    public static func open(
        _ path: String, useCache: Bool = true, cacheDirectory: String? = DatasetCache.directory,
        progress: @escaping (Double) -> Void = { _ in }, readingJSON: () -> Void = {},
        companiesRead: (([Company]) -> Void)? = nil
    ) -> Result<OpenedDataset, DatasetError> {
        let stamp = SourceStamp.of(path)
        if useCache, stamp != nil,
            case .success(let loaded) = DatasetCache.read(
                source: path, directory: cacheDirectory, stamp: stamp, progress: progress)
        {
            return .success(
                OpenedDataset(
                    catalog: loaded.catalog, index: loaded.index, stamp: stamp, previousIndex: loaded.previousIndex))
        }
        readingJSON()
        var identity: EditJournal.Identity.Taken? = nil
        return Dataset.load(
            path: path, progress: { progress(0.95 * $0) }, companiesRead: companiesRead, stamp: stamp,
            cache: useCache ? cacheDirectory : nil, identified: useCache ? { identity = $0 } : nil
        ).map {
            dataset in
            let catalog = Catalog(dataset)
            progress(1)
            return OpenedDataset(catalog: catalog, index: nil, stamp: stamp, identity: identity)
        }
    }

    /// Writes the snapshot of a file opened from JSON, once its index is built.
    @discardableResult
    public func saveSnapshot(path: String, index: SearchIndex, cacheDirectory: String? = DatasetCache.directory)
        -> SnapshotError?
    {
        guard let stamp else { return SnapshotError(reason: "not a regular file") }
        let error = DatasetCache.write(
            source: path, stamp: stamp, catalog: catalog, index: index, directory: cacheDirectory)
        if error == nil { identity?.remember(besideStoreOf: path, directory: cacheDirectory) }
        return error
    }
}
