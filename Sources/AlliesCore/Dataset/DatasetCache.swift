#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What identifies one version of a dataset file: its size, modification time, inode and device. It is taken
/// before the file is read, so a file that changes while it is read gets a snapshot that no longer matches.
public struct SourceStamp: Equatable, Sendable {
    var size: UInt64, seconds: Int64, nanoseconds: Int64, inode: UInt64, device: UInt64

    public static func of(_ path: String) -> SourceStamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return SourceStamp(info)
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
    static let version: UInt64 = 13
    static let magic: UInt64 = 0x3153_4549_4C4C_41  // "ALLIES1" little-endian

    /// $ALLIES_CACHE_DIR, else $XDG_CACHE_HOME/allies, else $HOME/.cache/allies; nil when none can be named.
    public static var directory: String? {
        func env(_ name: String) -> String? {
            getenv(name).map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
        }
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
        public let index: SearchIndex
    }

    /// Opens the store of `source` if there is one that matches the file as it is now.
    static func openStore(source: String, directory: String?) -> Result<StoreFile, SnapshotError> {
        guard let path = snapshotPath(for: source, in: directory) else {
            return .failure(SnapshotError(reason: "no cache directory"))
        }
        guard let stamp = SourceStamp.of(source) else { return .failure(SnapshotError(reason: "not a regular file")) }
        return StoreFile.open(path, stamp: stamp)
    }

    /// Reads the snapshot of `source` whole (every record decoded, every section checked; the index stays in the
    /// mapped file), if there is one that matches the file as it is now.
    public static func read(
        source: String, directory: String? = directory,
        progress: (Double) -> Void = { _ in }
    ) -> Result<Loaded, SnapshotError> {
        let store: StoreFile
        switch openStore(source: source, directory: directory) {
        case .success(let s): store = s
        case .failure(let e): return .failure(e)
        }
        do throws(SnapshotError) {
            // Checked whole first: a damaged byte anywhere is refused before anything is built from it.
            guard store.verifyAll() else { throw SnapshotError(reason: "the checksum does not match") }
            progress(0.1)
            let stored = try StoredRecords(store)
            let dataset = try stored.dataset { progress(0.1 + 0.75 * $0) }
            let orders = StoredOrders(
                companies: try store.values(.companyOrders), alliances: try store.values(.allianceOrders),
                companyCount: dataset.companies.count, allianceCount: dataset.alliances.count)
            guard orders.check() else { throw SnapshotError(reason: "the lists' orders are damaged") }
            let catalog = Catalog(dataset, storedOrders: orders)
            progress(0.9)
            let index = try SearchIndex(store: store, records: catalog, counts: stored.counts, thorough: true)
            // The checks read the whole index: give its pages back, so only what searches touch counts in memory.
            store.releaseAll()
            guard !store.file.changedSinceOpened else {
                throw SnapshotError(reason: "the snapshot changed while it was being read")
            }
            progress(1)
            return .success(Loaded(catalog: catalog, index: index))
        } catch {
            return .failure(error)
        }
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
        var table = SnapshotWriter()
        for entry in store.table { table.u64(entry.offset); table.u64(entry.length); table.u64(entry.checksum) }
        header.u64(UInt64(store.table.count)); header.u64(UInt64(store.body.bytes.count))
        header.u64(table.bytes.withUnsafeBytes { checksum($0) })
        removeAbandonedTemporaries(in: directory)
        let temporary = path + ".\(getpid()).tmp"
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

    /// Removes the temporary files of writers that are gone (an explorer quit while it wrote its snapshot): a
    /// snapshot is written as `NAME.snapshot.PID.tmp`, and no live process has that PID any more.
    static func removeAbandonedTemporaries(in directory: String) {
        guard let dir = opendir(directory) else { return }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            let parts = name.split(separator: ".")
            guard parts.count == 4, parts[1] == "snapshot", parts[3] == "tmp", let pid = pid_t(parts[2]), pid > 0 else {
                continue
            }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(directory + "/" + name) }
        }
    }

    /// Removes the snapshot of `source`, if any.
    public static func remove(source: String, directory: String? = directory) {
        if let path = snapshotPath(for: source, in: directory) { unlink(path) }
    }

    /// A 64-bit checksum of 8-byte words (multiply and rotate); it catches a damaged or truncated snapshot, not an
    /// attacker (whoever can write the cache directory can write the dataset too).
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        let words = bytes.count / 8
        for i in 0..<words {
            let w = bytes.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)
            h = (h ^ w) &* 0xFF51_AFD7_ED55_8CCD
            h = (h << 31) | (h >> 33)
        }
        for i in (words * 8)..<bytes.count { h = (h ^ UInt64(bytes[i])) &* 0xC4CE_B9FE_1A85_EC53 }
        return h
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

    public init(catalog: Catalog, index: SearchIndex?, stamp: SourceStamp?) {
        self.catalog = catalog; self.index = index; self.stamp = stamp
    }

    /// Opens `path`. `useCache` false reads the JSON whatever the cache holds. Progress is 0…1 over the reading.
    public static func open(
        _ path: String, useCache: Bool = true, cacheDirectory: String? = DatasetCache.directory,
        progress: @escaping (Double) -> Void = { _ in }
    ) -> Result<OpenedDataset, DatasetError> {
        let stamp = SourceStamp.of(path)
        if useCache, stamp != nil,
            case .success(let loaded) = DatasetCache.read(source: path, directory: cacheDirectory, progress: progress)
        {
            return .success(OpenedDataset(catalog: loaded.catalog, index: loaded.index, stamp: stamp))
        }
        return Dataset.load(path: path, progress: { progress(0.95 * $0) }).map { dataset in
            let catalog = Catalog(dataset)
            progress(1)
            return OpenedDataset(catalog: catalog, index: nil, stamp: stamp)
        }
    }

    /// Writes the snapshot of a file opened from JSON, once its index is built.
    @discardableResult
    public func saveSnapshot(path: String, index: SearchIndex, cacheDirectory: String? = DatasetCache.directory)
        -> SnapshotError?
    {
        guard let stamp else { return SnapshotError(reason: "not a regular file") }
        return DatasetCache.write(source: path, stamp: stamp, catalog: catalog, index: index, directory: cacheDirectory)
    }
}

/// A dataset's snapshot opened to answer queries: its index read in place and its records decoded one at a time.
public struct StoredDataset: Sendable {
    public let index: SearchIndex
    let records: StoredRecords

    /// Whether a part read so far failed its check: the answers are not to be trusted, and the snapshot is to be
    /// removed and the query answered from the dataset file instead.
    public var damaged: Bool { records.damaged || index.usage?.damaged == true }

    /// A catalog of the companies alone: what resolves the names a query's `with:` gives.
    public func companies() -> Catalog? {
        guard let companies = try? records.companies.all() else { return nil }
        return Catalog(Dataset(companies: companies))
    }

    /// The alliance whose id is `text` (as `Catalog.resolveAlliance` compares it: lowercased; or the one id that
    /// starts with it, in ASCII), with a catalog of what showing it reads: the companies its parties and amounts
    /// name, its sources' articles, the claims about it. Nil when the store cannot answer alone as the dataset
    /// would (no such id, several, an id held twice, a record that cannot be read): the caller loads the dataset.
    public func alliance(_ text: String) -> (alliance: Alliance, catalog: Catalog)? {
        let key = text.lowercased()
        let ids = records.allianceIDs
        var number = ids.find(key)
        if number == nil, !key.isEmpty, key.utf8.allSatisfy({ $0 < 0x80 }) {
            let range = ids.range(prefix: key)
            // One id, in ASCII: the dataset's own comparison (by characters) agrees with the bytes'.
            if range.count == 1, ids.bytes(at: range.lowerBound).allSatisfy({ $0 < 0x80 }) { number = range.lowerBound }
        }
        guard let number else { return nil }
        // An id held twice: the dataset shows the first of them, which the sorted table does not tell.
        guard ids.isHeldOnce(number) else { return nil }
        let position = Int(records.alliancePositions[number])
        guard let a = records.alliance(at: position), let claims = records.positions(records.allianceClaims, position)
        else { return nil }
        var seen = Set<String>()
        let named = a.parties.map(\.company) + a.amounts.flatMap { [$0.from, $0.to].compactMap { $0 } }
        let companies = named.compactMap { seen.insert($0).inserted ? records.company(id: $0) : nil }
        seen = []
        let articles = a.sources.compactMap { seen.insert($0.article).inserted ? records.article(id: $0.article) : nil }
        let catalog = Catalog(
            Dataset(
                articles: articles, companies: companies, alliances: [a],
                claims: claims.compactMap(records.claim(at:))))
        return records.damaged ? nil : (a, catalog)
    }

    /// The company that `text` names (as `Catalog.resolveCompany` finds it: its id, name or an alias, folded; else
    /// the one company whose folded name starts with it, three characters or more), with a catalog of what
    /// showing it reads: its alliances and every company they name, its parent and units, its groups, people,
    /// claims about it, the share estimates and its sources' articles. Nil when the store cannot answer alone as
    /// the dataset would (no such company, several, an id held twice, a record that cannot be read): the caller
    /// loads the dataset, which says what matched and what is close.
    public func company(_ text: String) -> (company: Company, catalog: Catalog)? {
        guard let (position, company) = resolveCompany(text),
            let units = records.positions(records.units, position),
            let people = records.positions(records.companyPeople, position),
            let claims = records.positions(records.companyClaims, position),
            let groups = try? records.groups.all(), let shares = try? records.shareEstimates.all()
        else { return nil }
        // A company is party to an alliance once per party it is: the catalog lists the alliance that often.
        let alliances = Set(records.alliances(ofCompany: company.id)).sorted().compactMap(records.alliance(at:))
        var named = Set([position] + units)
        for id in [company.parent].compactMap({ $0 })
            + alliances.flatMap({ a in
                a.parties.map(\.company) + a.amounts.flatMap { [$0.from, $0.to].compactMap { $0 } }
            })
        {
            if let n = records.companyIDs.find(id) { named.insert(Int(records.companyPositions[n])) }
        }
        var seen = Set<String>()
        let articles = company.sources.compactMap {
            seen.insert($0.article).inserted ? records.article(id: $0.article) : nil
        }
        let catalog = Catalog(
            Dataset(
                articles: articles, groups: groups, companies: named.sorted().compactMap(records.company(at:)),
                alliances: alliances, claims: claims.compactMap(records.claim(at:)),
                people: people.compactMap(records.person(at:)), shareEstimates: shares))
        return records.damaged ? nil : (company, catalog)
    }

    /// The one company `text` names, as `Catalog.resolveCompany` finds it, with its position; nil when the store
    /// cannot tell alone (no such company, several, an id held twice, a name its bytes do not decide).
    func resolveCompany(_ text: String) -> (position: Int, company: Company)? {
        let key = Folding.fold(
            String(text.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed()))
        let names = records.companyNames
        guard !key.isEmpty, Folding.comparesByBytes(key) else { return nil }
        var range = names.range(prefix: key)
        let exact = range.filter { names.bytes(at: $0).count == key.utf8.count }
        if !exact.isEmpty {
            range = exact.first!..<exact.last! + 1
        } else {
            // A prefix is taken by characters: for these names, the bytes' comparison agrees with it.
            guard key.count >= 3,
                range.allSatisfy({ Folding.comparesByBytes(String(decoding: names.bytes(at: $0), as: UTF8.self)) })
            else { return nil }
        }
        let found = Set(range.map { Int(records.companyNamePositions[$0]) })
        guard found.count == 1, let position = found.first, let company = records.company(at: position),
            let number = records.companyIDs.find(company.id)
        else { return nil }
        // An id held twice: the dataset's lookups keep the first, which the sorted tables do not tell.
        guard records.companyIDs.isHeldOnce(number) else { return nil }
        return (position, company)
    }

    /// The two companies `from` and `to` name and a catalog in which the network's shortest paths between them
    /// are the whole dataset's, step for step and in the same order (`Network.shortestPaths`, units not merged).
    /// The network's breadth-first search from `from` reads the ties of every company nearer to it than `to`, in
    /// dataset order; of those one step short of `to` it only keeps the ties to `to` (its parents on the paths).
    /// So the catalog holds every alliance of every company at least two steps nearer than `to`, and `to`'s own.
    /// Nil when the store cannot answer alone (a name it cannot resolve, a record that cannot be read) or reading
    /// most of the dataset would be needed (companies far apart, or not connected).
    public func pathCatalog(from: String, to: String, agreedOnly: Bool) -> (from: String, to: String, catalog: Catalog)?
    {
        guard let (_, a) = resolveCompany(from), let (_, b) = resolveCompany(to) else { return nil }
        var ties = StoredTies(records: records, agreedOnly: agreedOnly)
        guard let nearTo = ties.neighbours(b.id).map(Set.init) else { return nil }
        var distance: [String: Int] = [a.id: 0]
        var frontier = [a.id]
        // Level by level, as the network's search goes, until a company tied to `to` is met or nothing is left.
        while a.id != b.id, !frontier.isEmpty, !frontier.contains(where: nearTo.contains) {
            var next: [String] = []
            for company in frontier {
                guard let tied = ties.neighbours(company), !ties.tooMany else { return nil }
                for other in tied where distance[other] == nil {
                    distance[other] = distance[company]! + 1
                    next.append(other)
                }
            }
            frontier = next
        }
        guard let catalog = ties.catalog(naming: [a.id, b.id]) else { return nil }
        return (a.id, b.id, catalog)
    }

    /// The company `text` names and a catalog in which its network of `depth` hops (`Network.ego`, units not
    /// merged) is the whole dataset's: its alliances and, two hops out, those of every company it is tied to (the
    /// ties the network lists are read from those companies alone, in dataset order). Nil as `pathCatalog`.
    public func egoCatalog(_ text: String, depth: Int, agreedOnly: Bool) -> (company: String, catalog: Catalog)? {
        guard let (_, company) = resolveCompany(text) else { return nil }
        var ties = StoredTies(records: records, agreedOnly: agreedOnly)
        guard let direct = ties.neighbours(company.id) else { return nil }
        if depth >= 2 {
            for partner in Set(direct) {
                guard ties.neighbours(partner) != nil, !ties.tooMany else { return nil }
            }
        }
        guard let catalog = ties.catalog(naming: [company.id]) else { return nil }
        return (company.id, catalog)
    }

    /// A catalog of the alliances among these hits and every company they name: what a listing of them reads.
    public func catalog(for hits: SearchHits) -> Catalog {
        let alliance = UInt8(SearchIndex.kinds.firstIndex(of: .alliance)!)
        let positions = hits.top.map { Int($0 >> 3) }.filter { index.entryKind[$0] == alliance }
            .map { Int(index.entryRecord[$0]) }
        let alliances = positions.compactMap { records.alliance(at: $0) }
        var seen = Set<String>()
        let companies = alliances.flatMap(\.parties).compactMap { p in
            seen.insert(p.company).inserted ? records.company(id: p.company) : nil
        }
        return Catalog(Dataset(companies: companies, alliances: alliances))
    }
}

/// Alliances read from a store for one network question, each read once and kept, in dataset order, for a catalog
/// of them alone.
struct StoredTies {
    let records: StoredRecords
    let agreedOnly: Bool
    private var kept = Set<Int>()
    private var cache: [Int: Alliance] = [:]

    init(records: StoredRecords, agreedOnly: Bool) {
        self.records = records
        self.agreedOnly = agreedOnly
    }

    /// Whether most of the dataset has been read (companies far apart, or hubs): reading it whole is quicker.
    var tooMany: Bool { kept.count > records.alliances.count / 4 + 1000 }

    /// The companies `company` is tied to in the network (`Network.edges`, agreed deals alone when asked), in
    /// the network's order, its alliances read and kept; nil when one cannot be read.
    mutating func neighbours(_ company: String) -> [String]? {
        var out: [String] = []
        for position in records.alliances(ofCompany: company) {
            guard let alliance = cache[position] ?? records.alliance(at: position) else { return nil }
            cache[position] = alliance
            kept.insert(position)
            guard !agreedOnly || MoneyStanding(alliance.status) == .agreed else { continue }
            for edge in Network.edges(of: alliance, node: { $0 }) where edge.from == company || edge.to == company {
                out.append(edge.from == company ? edge.to : edge.from)
            }
        }
        return out
    }

    /// A catalog of the alliances kept, in dataset order, and every company they and `named` name; nil when a
    /// record could not be read.
    func catalog(naming named: [String]) -> Catalog? {
        let alliances = kept.sorted().map { cache[$0]! }
        var companies = Set<Int>()
        let parties = alliances.flatMap { a in
            a.parties.map(\.company) + a.amounts.flatMap { [$0.from, $0.to].compactMap { $0 } }
        }
        for id in named + parties {
            if let n = records.companyIDs.find(id) { companies.insert(Int(records.companyPositions[n])) }
        }
        let catalog = Catalog(
            Dataset(companies: companies.sorted().compactMap(records.company(at:)), alliances: alliances))
        return records.damaged ? nil : catalog
    }
}
