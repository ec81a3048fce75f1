import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// The store: a dataset and its search index in one file laid out to be read where it lies. Every list of records is
// its records one after another (each in the snapshot's binary form) and a table of where each starts, so one record
// is decoded without the others; every array of the index is raw little-endian memory, 8-byte aligned, used in place
// from the mapped file. Opening the store to answer a query reads its header and the small parts it checks; a
// query then reads the pages of the postings it needs and decodes the records it shows. Opening it for the explorer
// decodes every record (the screens need them all) and still uses the index in place.
//
// Layout: a header (magic, version, the source file's stamp and its edits file's, the number of sections, the body's
// length, a checksum of the section table xored with the next word, a checksum of the edits file's bytes the store
// holds), the section table
// (offset in the body, length, checksum of each section), the body.

/// The sections of a store, in file order. Adding, removing or reordering one changes the format: bump
/// `DatasetCache.version`.
enum StoreSection: Int, CaseIterable {
    // Records: for each list, where each record starts (UInt64, count + 1) and the records.
    case articleStarts, articles, groupStarts, groups, companyStarts, companies, allianceStarts, alliances
    case claimStarts, claims, personStarts, people, shareStarts, shares
    // Lookups for records read one at a time: companies, articles and alliances by id (ids in byte order, where each
    // id starts, the record's position), and the alliances of each company named as a party (ids, starts, alliance
    // positions).
    case companyIDs, companyIDStarts, companyPositions, articleIDs, articleIDStarts, articlePositions
    case allianceIDs, allianceIDStarts, alliancePositions
    case partyIDs, partyIDStarts, partyAllianceStarts, partyAlliances
    // What showing one record reads (StoredLists, one list per record): every company's folded id, name and aliases
    // in byte order with the company's position; each company's units, people and claims; each alliance's claims.
    case companyNames, companyNameStarts, companyNamePositions
    case unitStarts, units, companyPeopleStarts, companyPeople, companyClaimStarts, companyClaims
    case allianceClaimStarts, allianceClaims
    // The search index (SearchIndex.swift says what each is).
    case entryKind, entryRecord, allianceEntry, tokenBytes, tokenStart, postingStart, postings
    case initialLetters, initialRanks, scalars, pairKeys, pairStart, pairOccurrences, longEntries
    case stemKeyBytes, stemKeyStart, stemTokenStart, stemTokens
    case allianceKind, allianceStatus, allianceYear, allianceLargestUSD
    case filterBits, runYear, runStart, amountOrder
    // The long lists' orders (ListOrders.swift): Companies (`StoredOrders.companyOrders`), then Alliances.
    case companyOrders, allianceOrders
}

/// Writes a store: each section 8-byte aligned in the body, its place and checksum in the table.
struct StoreWriter {
    var body = SnapshotWriter()
    private(set) var table: [(offset: UInt64, length: UInt64, checksum: UInt64)] = []

    /// Appends section `s`, which must be the next one.
    mutating func section(_ s: StoreSection, _ write: (inout SnapshotWriter) -> Void) {
        precondition(s.rawValue == table.count, "store sections are written in order")
        while body.bytes.count % 8 != 0 { body.u8(0) }
        let start = body.bytes.count
        write(&body)
        let sum = body.bytes.withUnsafeBytes { DatasetCache.checksum(UnsafeRawBufferPointer(rebasing: $0[start...])) }
        table.append((UInt64(start), UInt64(body.bytes.count - start), sum))
    }

    /// Appends a section of raw values.
    mutating func values<T: BitwiseCopyable>(_ s: StoreSection, _ items: [T]) {
        section(s) { w in items.withUnsafeBytes { w.bytes.append(contentsOf: $0) } }
    }

    mutating func values<T: BitwiseCopyable>(_ s: StoreSection, _ items: FlatArray<T>) {
        section(s) { w in items.withUnsafeBufferPointer { w.bytes.append(contentsOf: UnsafeRawBufferPointer($0)) } }
    }

    /// A list of records: where each starts, then the records.
    mutating func records<R>(
        _ starts: StoreSection, _ list: StoreSection, _ items: [R], _ write: (inout SnapshotWriter, R) -> Void
    ) {
        var one = SnapshotWriter()
        var offsets: [UInt64] = [0]
        offsets.reserveCapacity(items.count + 1)
        var bytes: [UInt8] = []
        for item in items {
            one.bytes.removeAll(keepingCapacity: true)
            write(&one, item)
            bytes.append(contentsOf: one.bytes)
            offsets.append(UInt64(bytes.count))
        }
        values(starts, offsets)
        section(list) { $0.bytes.append(contentsOf: bytes) }
    }

    /// A list for each of `count` records, each item a record's position: where each list starts (count + 1),
    /// then the lists. `pairs` (owner, item) keep their order within each owner's list.
    mutating func lists(
        _ startsSection: StoreSection, _ itemsSection: StoreSection, count: Int, _ pairs: [(Int, Int)]
    ) {
        var starts = [UInt64](repeating: 0, count: count + 1)
        for (owner, _) in pairs { starts[owner + 1] += 1 }
        for i in 0..<count { starts[i + 1] += starts[i] }
        var next = starts.map { Int($0) }
        var items = [UInt32](repeating: 0, count: pairs.count)
        for (owner, item) in pairs {
            items[next[owner]] = UInt32(item)
            next[owner] += 1
        }
        values(startsSection, starts)
        values(itemsSection, items)
    }

    /// A table of ids in byte order: the ids, where each starts, and `values(i)` for the item each came from.
    mutating func keys(
        _ idsSection: StoreSection, _ startsSection: StoreSection, ids: [String]
    ) -> [Int] {
        let order = ids.indices.sorted { ids[$0].utf8.lexicographicallyPrecedes(ids[$1].utf8) }
        var bytes: [UInt8] = [], starts: [UInt64] = [0]
        for i in order {
            bytes.append(contentsOf: ids[i].utf8)
            starts.append(UInt64(bytes.count))
        }
        values(idsSection, bytes)
        values(startsSection, starts)
        return order
    }
}

/// A store file opened and mapped: its sections as byte ranges, checked against the table as it is opened.
final class StoreFile: @unchecked Sendable {
    let file: FileBytes
    private let sections: [UnsafeRawBufferPointer]
    private let checksums: [UInt64]
    /// For a store of the file with fewer of its edits than the edits file holds now (saves appended since):
    /// how many of the edits file's bytes it holds, and their checksum. Nil for a store of the file as it is.
    let behind: EditsBehind?

    struct EditsBehind {
        var covered: Int
        var checksum: UInt64
    }

    static let headerWords = 15

    private init(
        file: FileBytes, sections: [UnsafeRawBufferPointer], checksums: [UInt64], behind: EditsBehind?
    ) {
        self.file = file; self.sections = sections; self.checksums = checksums; self.behind = behind
    }

    /// Opens the store at `path` for a source file stamped `stamp`: right magic and version, the same stamp, a table
    /// whose checksum matches, and every section inside the file. The sections' own checksums are not read here.
    /// `allowBehind` also takes a store of the same file with fewer of its edits (the edits file the same file,
    /// grown since, or made since): its `behind` says which bytes of it the store holds.
    static func open(_ path: String, stamp: SourceStamp, allowBehind: Bool = false) -> Result<StoreFile, SnapshotError>
    {
        let file: FileBytes
        switch FileBytes.open(path, sequential: false) {
        case .success(let f): file = f
        case .failure(let e): return .failure(SnapshotError(reason: "no snapshot (\(e.message))"))
        }
        let bytes = UnsafeRawBufferPointer(file.buffer)
        var r = SnapshotReader(bytes)
        do throws(SnapshotError) {
            guard try r.u64() == DatasetCache.magic, try r.u64() == DatasetCache.version else {
                throw SnapshotError(reason: "another version")
            }
            var written = SourceStamp(
                size: try r.u64(), seconds: Int64(bitPattern: try r.u64()),
                nanoseconds: Int64(bitPattern: try r.u64()), inode: try r.u64(), device: try r.u64())
            // The edits file's stamp (a size of 0: none; an edits file always has its first line).
            let edits = SourceStamp.EditsStamp(
                size: try r.u64(), seconds: Int64(bitPattern: try r.u64()),
                nanoseconds: Int64(bitPattern: try r.u64()), inode: try r.u64())
            if edits.size > 0 { written.edits = edits }
            var behind = false
            if written != stamp {
                // The same file, and an edits file grown since (appended to in place) or made since.
                var file = written, now = stamp
                file.edits = nil; now.edits = nil
                guard allowBehind, file == now, let grown = stamp.edits,
                    written.edits.map({ $0.inode == grown.inode && $0.size < grown.size }) ?? true
                else { throw SnapshotError(reason: "the file changed") }
                behind = true
            }
            let count = try r.u64(), bodyLength = try r.u64(), tableSum = try r.u64(), editsSum = try r.u64()
            guard count == UInt64(StoreSection.allCases.count) else { throw SnapshotReader.damaged }
            let tableStart = r.offset, tableLength = Int(count) * 24
            guard tableStart + tableLength <= bytes.count else { throw SnapshotReader.damaged }
            let table = UnsafeRawBufferPointer(rebasing: bytes[tableStart..<tableStart + tableLength])
            // The table's checksum covers the edits' checksum too (the two are xored): no header word goes unchecked.
            guard DatasetCache.checksum(table) ^ editsSum == tableSum else {
                throw SnapshotError(reason: "the checksum does not match")
            }
            let bodyStart = tableStart + tableLength
            guard bodyLength == UInt64(bytes.count - bodyStart) else { throw SnapshotReader.damaged }
            var sections: [UnsafeRawBufferPointer] = [], checksums: [UInt64] = []
            for _ in 0..<Int(count) {
                let offset = try r.u64(), length = try r.u64(), sum = try r.u64()
                guard offset % 8 == 0, offset <= bodyLength, length <= bodyLength - offset else {
                    throw SnapshotReader.damaged
                }
                let start = bodyStart + Int(offset)
                sections.append(UnsafeRawBufferPointer(rebasing: bytes[start..<start + Int(length)]))
                checksums.append(sum)
            }
            return .success(
                StoreFile(
                    file: file, sections: sections, checksums: checksums,
                    behind: behind ? EditsBehind(covered: Int(written.edits?.size ?? 0), checksum: editsSum) : nil))
        } catch {
            return .failure(error)
        }
    }

    subscript(_ s: StoreSection) -> UnsafeRawBufferPointer { sections[s.rawValue] }

    /// How many bytes of a large section a pass over it reads before giving their pages back (the checksum, the
    /// index's checks): at a million alliances a section is up to 0.6 GB, which counted whole in the explorer's peak
    /// memory while it was read. Smaller in tests, which see it on small stores.
    @TaskLocal static var releaseEvery = 16 << 20

    /// Gives back every mapped page of the store (a section's own release leaves the pages it shares with the next):
    /// what is used again is read again from the page cache.
    func releaseAll() {
        file.release(UnsafeRawBufferPointer(file.buffer))
    }

    /// Checks every section's checksum, giving back its pages as the check passes them (`verify`).
    /// `progress`, 0…1, by the bytes checked: at a million alliances this reads 1.5 GB, a second or more.
    func verifyAll(progress: (Double) -> Void = { _ in }) -> Bool {
        let total = Double(max(1, StoreSection.allCases.reduce(0) { $0 + self[$1].count }))
        var done = 0
        var end: UnsafeRawPointer? = nil
        for s in StoreSection.allCases {
            // The bytes that align it after the section before it are zeros (no byte of a store goes unchecked).
            if let end, let start = self[s].baseAddress, start > end,
                UnsafeRawBufferPointer(start: end, count: start - end).contains(where: { $0 != 0 })
            {
                return false
            }
            end = self[s].baseAddress.map { $0 + self[s].count } ?? end
            guard verify(s, progress: { progress(Double(done + $0) / total) }) else { return false }
            done += self[s].count
            progress(Double(done) / total)
        }
        return true
    }

    /// Whether section `s` has its checksum (for a command that reads a few records of a section and writes what it
    /// read back into the dataset, `InPlaceDataset`). Its pages are given back as the check passes them
    /// (`releaseEvery`). `progress`: the bytes of the section checked so far.
    func verify(_ s: StoreSection, progress: (Int) -> Void = { _ in }) -> Bool {
        let section = self[s]
        defer { file.release(section) }
        let start = file.offset(of: section)
        var released = start
        let sum = DatasetCache.checksum(section, reportEvery: Self.releaseEvery) { checked in
            file.giveBack(from: &released, upTo: start + checked)
            progress(checked)
        }
        return sum == checksums[s.rawValue]
    }

    /// A section as an array of values read in place.
    func values<T: BitwiseCopyable>(_ s: StoreSection, as _: T.Type = T.self) throws(SnapshotError) -> FlatArray<T> {
        let raw = self[s]
        let stride = MemoryLayout<T>.stride
        guard raw.count % stride == 0 else { throw SnapshotReader.damaged }
        guard raw.count > 0 else { return FlatArray() }
        guard Int(bitPattern: raw.baseAddress!) % MemoryLayout<T>.alignment == 0 else { throw SnapshotReader.damaged }
        return FlatArray(viewing: raw.bindMemory(to: T.self), owner: file)
    }

    /// Offsets stored as UInt64, as Ints, from 0 and ending at `end` when given; unless `eachChecked` is false, each
    /// checked to be ascending (a damaged file could hold 2^64 - 1). Unchecked ones (where each record starts: a
    /// million at 1M alliances) are checked one by one as they are used.
    func offsets(_ s: StoreSection, count: Int? = nil, end: Int? = nil, eachChecked: Bool = true) throws(SnapshotError)
        -> FlatArray<Int>
    {
        let values = try values(s, as: Int.self)
        guard !values.isEmpty, values[0] == 0, count.map({ values.count == $0 }) ?? true,
            end.map({ values[values.count - 1] == $0 }) ?? true
        else { throw SnapshotReader.damaged }
        guard eachChecked else { return values }
        let ok = values.withUnsafeBufferPointer { v in
            var previous = 0
            for x in v {
                guard x >= previous else { return false }
                previous = x
            }
            return true
        }
        guard ok else { throw SnapshotReader.damaged }
        return values
    }
}

extension StoreFile {
    /// Where section `s` lies in a store file's `bytes`, where its entry in the section table is, and where the body
    /// starts, read from the header and table without checks: for tests that damage or patch a store on purpose.
    static func place(of s: StoreSection, in bytes: [UInt8]) -> (section: Range<Int>, entry: Int, body: Int) {
        func word(_ at: Int) -> Int { (0..<8).reduce(0) { $0 | Int(bytes[at + $1]) << (8 * $1) } }
        // The header (headerWords words, the eleventh the number of sections), then for each section its offset
        // in the body, its length and its checksum, then the body.
        let body = headerWords * 8 + word(11 * 8) * 24
        let entry = headerWords * 8 + s.rawValue * 24
        let start = body + word(entry)
        return (start..<(start + word(entry + 8)), entry, body)
    }
}

extension FileBytes {
    /// Gives back the mapped pages wholly inside `range` (a section checked and not needed again soon). Nothing for
    /// a file read as a copy (not mapped): there, giving back pages would zero them.
    func release(_ range: UnsafeRawBufferPointer) {
        guard isMapped, let base = range.baseAddress, range.count > 0 else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = (Int(bitPattern: base) + page - 1) / page * page
        let end = (Int(bitPattern: base) + range.count) / page * page
        guard end > start else { return }
        madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_DONTNEED)
    }
}

/// The alliances of a store read whole for a session, where each one's provenance is left
/// (`StoredProvenance.inPlace`) and read again when asked. Keeps the mapping alive.
/// Read again, the articles' ids its sources name are strings of their own (the load's shared ids, `IDTable`, are not
/// kept for the few alliances a session opens: ~30 MB at a million alliances).
final class InPlaceAlliances: @unchecked Sendable {
    let owner: FileBytes
    /// The alliances' list in the mapping.
    let bytes: UnsafeRawBufferPointer

    init(owner: FileBytes, bytes: UnsafeRawBufferPointer) {
        self.owner = owner; self.bytes = bytes
    }

    /// Where `reader` is, in `bytes`; nil when it reads other bytes.
    func offset(of reader: SnapshotReader) -> Int? {
        guard let base = bytes.baseAddress, let at = reader.bytes.baseAddress else { return nil }
        let offset = at - base + reader.offset
        return offset >= 0 && offset <= bytes.count ? offset : nil
    }

    /// The provenance read at `offset` (checked when the store was read: it reads as none only if the store was cut
    /// short since, when every save is refused: `Dataset.textsLost`).
    func provenance(at offset: Int) -> AllianceProvenance {
        read(at: offset) { (r: inout SnapshotReader) throws(SnapshotError) in try r.provenance() }
            ?? AllianceProvenance()
    }

    /// Only the sources at `offset`.
    func sources(at offset: Int) -> [SourceQuote] {
        read(at: offset) { (r: inout SnapshotReader) throws(SnapshotError) in try r.sources() } ?? []
    }

    private func read<T>(at offset: Int, _ body: (inout SnapshotReader) throws(SnapshotError) -> T) -> T? {
        guard offset >= 0, offset <= bytes.count else { return nil }
        return withExtendedLifetime(owner) {
            var r = SnapshotReader(UnsafeRawBufferPointer(rebasing: bytes[offset...]), textsInPlace: owner)
            return try? body(&r)
        }
    }
}

/// One list of records in a store: decoded one at a time, each checked as it is read.
struct StoredList<R>: @unchecked Sendable {
    let starts: FlatArray<Int>
    let bytes: UnsafeRawBufferPointer
    let decode: (inout SnapshotReader) throws(SnapshotError) -> R
    /// The ids its records' references share (`SnapshotReader.reference`).
    var known: IDTable?
    /// The mapped store, when its records' texts are left where they lie (`SnapshotReader.textsInPlace`).
    var textsInPlace: FileBytes?
    /// For the alliances' list, when their provenance is left where it lies too (`SnapshotReader.alliancesInPlace`).
    var alliancesInPlace: InPlaceAlliances?

    init(
        _ file: StoreFile, _ startsSection: StoreSection, _ listSection: StoreSection,
        _ decode: @escaping (inout SnapshotReader) throws(SnapshotError) -> R
    ) throws(SnapshotError) {
        bytes = file[listSection]
        starts = try file.offsets(startsSection, end: bytes.count, eachChecked: false)
        self.decode = decode
    }

    var count: Int { starts.count - 1 }

    func record(_ i: Int) throws(SnapshotError) -> R {
        guard i >= 0 && i < count else { throw SnapshotReader.damaged }
        let start = starts[i], end = starts[i + 1]
        guard start >= 0, start <= end, end <= bytes.count else { throw SnapshotReader.damaged }
        var r = SnapshotReader(
            UnsafeRawBufferPointer(rebasing: bytes[start..<end]), known: known, textsInPlace: textsInPlace,
            alliancesInPlace: alliancesInPlace)
        let value = try decode(&r)
        guard r.offset == r.bytes.count else { throw SnapshotReader.damaged }
        return value
    }

    /// Every record. With `file`, the mapped pages already decoded are given back as it goes (the records are
    /// copied out), so a list does not count twice in memory. A long list is decoded in two halves at once, on two
    /// cores (records are independent; each half gives back only pages wholly inside what it has decoded), into
    /// one array: `progress` hears the first half's count, doubled.
    /// `parts`: how many pieces to decode at once (by default two for 65,536 records or more, else one).
    func all(
        releasing file: FileBytes? = nil, parts wanted: Int? = nil, progress: (Int) -> Void = { _ in }
    ) throws(SnapshotError) -> [R] {
        let n = count
        let parts = max(1, min(wanted ?? (n >= 1 << 16 ? 2 : 1), n))
        let bounds = (0...parts).map { n * $0 / parts }
        guard n > 0 else { return [] }
        let failed = Atomic<Bool>(false)
        // Each part initialises its own slots of the array's buffer (not a buffer moved into the array after: at 1M
        // alliances that was ~0.3 GB twice at once); on a failure every slot initialised is deinitialised.
        let out = [R](unsafeUninitializedCapacity: n) { buffer, initialized in
            let slots = buffer.baseAddress!
            let done = UnsafeMutableBufferPointer<Int>.allocate(capacity: parts)
            defer { done.deallocate() }
            done.initialize(repeating: 0)
            nonisolated(unsafe) let unsafeSlots = slots, unsafeDone = done
            withoutActuallyEscaping(progress) { progress in
                nonisolated(unsafe) let progress = progress
                DispatchQueue.concurrentPerform(iterations: parts) { part in
                    let range = bounds[part]..<bounds[part + 1]
                    var released = range.isEmpty ? 0 : starts[range.lowerBound]
                    var decoded = 0
                    defer { unsafeDone[part] = decoded }
                    for i in range {
                        if failed.load(ordering: .relaxed) { return }
                        if (i - range.lowerBound) & 0xFFFF == 0, part == 0 { progress(i * parts) }
                        // Every 4,096 records (~2.5 MB of alliances): every 65,536 kept ~80 MB of the two parts'
                        // pages at once, on top of the records decoded.
                        if (i - range.lowerBound) & 0xFFF == 0, let file, starts[i] > released,
                            starts[i] <= bytes.count
                        {
                            file.release(UnsafeRawBufferPointer(rebasing: bytes[released..<starts[i]]))
                            released = starts[i]
                        }
                        guard let record = try? record(i) else {
                            failed.store(true, ordering: .relaxed)
                            return
                        }
                        (unsafeSlots + i).initialize(to: record)
                        decoded += 1
                    }
                }
            }
            if failed.load(ordering: .relaxed) {
                for part in 0..<parts { (slots + bounds[part]).deinitialize(count: done[part]) }
                initialized = 0
            } else {
                initialized = n
            }
        }
        guard !failed.load(ordering: .relaxed) else { throw SnapshotReader.damaged }
        file?.release(bytes)
        return out
    }
}

/// Ids in byte order with a value each (a record's position) or a list each (alliances): binary searched in place.
/// Where each id starts is checked as it is read, not walked on open (at 1M the walk of a million alliance ids'
/// starts was a sixth of a query's profile samples); a start out of place (below the one before it, or past the
/// ids) reads as an empty id and marks the table damaged. Starts that are each in place but out of order overall
/// give wrong lookups, not a crash: their section's checksum is what catches that when the store is read whole.
struct StoredKeys: @unchecked Sendable {
    let bytes: FlatArray<UInt8>
    private let starts: FlatArray<Int>
    private let failed = Flag()

    final class Flag: Sendable {
        let raised = Mutex(false)
    }

    init(_ file: StoreFile, _ ids: StoreSection, _ starts: StoreSection) throws(SnapshotError) {
        bytes = try file.values(ids)
        self.starts = try file.offsets(starts, end: bytes.count, eachChecked: false)
    }

    var count: Int { starts.count - 1 }

    /// Whether a start read so far was out of place.
    var damaged: Bool { failed.raised.withLock { $0 } }

    /// Where the id at number `i` lies in `bytes`: empty, and the table marked damaged, when its starts are out
    /// of place.
    private func span(_ i: Int) -> Range<Int> {
        let start = starts[i], end = starts[i + 1]
        guard start >= 0, start <= end, end <= bytes.count else {
            failed.raised.withLock { $0 = true }
            return 0..<0
        }
        return start..<end
    }

    /// The id at number `i`, as bytes.
    func bytes(at i: Int) -> Slice<FlatArray<UInt8>> { bytes[span(i)] }

    /// The numbers of the ids that start with `prefix`, byte for byte.
    func range(prefix: String) -> Range<Int> {
        let key = Array(prefix.utf8)
        return bytes.withUnsafeBufferPointer { b in
            // The first id not below the key, then the first past those that start with it.
            func firstIndex(where past: (UnsafeBufferPointer<UInt8>) -> Bool) -> Int {
                var lo = 0, hi = count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if past(UnsafeBufferPointer(rebasing: b[span(mid)])) {
                        hi = mid
                    } else {
                        lo = mid + 1
                    }
                }
                return lo
            }
            let lower = firstIndex { !$0.lexicographicallyPrecedes(key) }
            let upper = firstIndex { !$0.lexicographicallyPrecedes(key) && !$0.starts(with: key) }
            return lower..<max(lower, upper)
        }
    }

    /// Whether the id at number `i` is in the table once (its neighbours in byte order differ from it).
    func isHeldOnce(_ i: Int) -> Bool {
        !(i + 1 < count && bytes(at: i + 1).elementsEqual(bytes(at: i)))
            && !(i > 0 && bytes(at: i - 1).elementsEqual(bytes(at: i)))
    }

    /// The number of `id` in the table, or nil.
    func find(_ id: String) -> Int? {
        var id = id
        return id.withUTF8 { key in
            bytes.withUnsafeBufferPointer { b in
                var lo = 0, hi = count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    let item = UnsafeBufferPointer(rebasing: b[span(mid)])
                    if item.lexicographicallyPrecedes(key) { lo = mid + 1 } else { hi = mid }
                }
                guard lo < count else { return nil }
                return UnsafeBufferPointer(rebasing: b[span(lo)]).elementsEqual(key) ? lo : nil
            }
        }
    }
}

/// A list of record positions for each record of one kind (`StoreWriter.lists`): the units of each company, its
/// people, the claims about each company or alliance. Checked where a list is read (a million alliances' starts are
/// not walked on open).
struct StoredLists: @unchecked Sendable {
    let starts: FlatArray<Int>
    let items: FlatArray<UInt32>
    /// How many records the items point into.
    let targets: Int

    init(
        _ file: StoreFile, _ startsSection: StoreSection, _ itemsSection: StoreSection, owners: Int, of targets: Int
    ) throws(SnapshotError) {
        items = try file.values(itemsSection)
        starts = try file.offsets(startsSection, count: owners + 1, end: items.count, eachChecked: false)
        self.targets = targets
    }

    /// Record `i`'s list; nil when the store's starts or items are out of place.
    subscript(i: Int) -> [Int]? {
        guard i >= 0, i + 1 < starts.count else { return nil }
        let start = starts[i], end = starts[i + 1]
        guard start >= 0, start <= end, end <= items.count else { return nil }
        let listed = items[start..<end].map { Int($0) }
        return listed.allSatisfy({ $0 < targets }) ? listed : nil
    }
}

/// A store's records read one at a time, for an index opened to answer queries: what a query's results show and its
/// phrases are checked against, without decoding the rest. A record that cannot be decoded reads as none and marks
/// the store damaged.
final class StoredRecords: SearchRecords, @unchecked Sendable {
    let file: StoreFile
    let articles: StoredList<Article>, groups: StoredList<Group>, companies: StoredList<Company>
    let alliances: StoredList<Alliance>, claims: StoredList<Claim>, people: StoredList<Person>
    let shareEstimates: StoredList<ShareEstimate>
    let companyIDs: StoredKeys, companyPositions: FlatArray<UInt32>
    let articleIDs: StoredKeys, articlePositions: FlatArray<UInt32>
    let allianceIDs: StoredKeys, alliancePositions: FlatArray<UInt32>
    let partyIDs: StoredKeys, partyAllianceStarts: FlatArray<Int>, partyAlliances: FlatArray<UInt32>
    let companyNames: StoredKeys, companyNamePositions: FlatArray<UInt32>
    let units: StoredLists, companyPeople: StoredLists, companyClaims: StoredLists, allianceClaims: StoredLists
    private let failed = Mutex(false)

    init(_ file: StoreFile) throws(SnapshotError) {
        self.file = file
        articles = try StoredList(file, .articleStarts, .articles) { (r: inout SnapshotReader) throws(SnapshotError) in
            try r.article()
        }
        groups = try StoredList(file, .groupStarts, .groups) { (r: inout SnapshotReader) throws(SnapshotError) in
            try r.group()
        }
        companies = try StoredList(file, .companyStarts, .companies) {
            (r: inout SnapshotReader) throws(SnapshotError) in try r.company()
        }
        alliances = try StoredList(file, .allianceStarts, .alliances) {
            (r: inout SnapshotReader) throws(SnapshotError) in try r.alliance()
        }
        claims = try StoredList(file, .claimStarts, .claims) { (r: inout SnapshotReader) throws(SnapshotError) in
            try r.claim()
        }
        people = try StoredList(file, .personStarts, .people) { (r: inout SnapshotReader) throws(SnapshotError) in
            try r.person()
        }
        shareEstimates = try StoredList(file, .shareStarts, .shares) {
            (r: inout SnapshotReader) throws(SnapshotError) in try r.shareEstimate()
        }
        companyIDs = try StoredKeys(file, .companyIDs, .companyIDStarts)
        companyPositions = try file.values(.companyPositions)
        articleIDs = try StoredKeys(file, .articleIDs, .articleIDStarts)
        articlePositions = try file.values(.articlePositions)
        allianceIDs = try StoredKeys(file, .allianceIDs, .allianceIDStarts)
        alliancePositions = try file.values(.alliancePositions)
        partyIDs = try StoredKeys(file, .partyIDs, .partyIDStarts)
        partyAlliances = try file.values(.partyAlliances)
        partyAllianceStarts = try file.offsets(
            .partyAllianceStarts, count: partyIDs.count + 1, end: partyAlliances.count)
        companyNames = try StoredKeys(file, .companyNames, .companyNameStarts)
        companyNamePositions = try file.values(.companyNamePositions)
        units = try StoredLists(file, .unitStarts, .units, owners: companies.count, of: companies.count)
        companyPeople = try StoredLists(
            file, .companyPeopleStarts, .companyPeople, owners: companies.count, of: people.count)
        companyClaims = try StoredLists(
            file, .companyClaimStarts, .companyClaims, owners: companies.count, of: claims.count)
        allianceClaims = try StoredLists(
            file, .allianceClaimStarts, .allianceClaims, owners: alliances.count, of: claims.count)
        // The positions themselves are checked where they are used: each names a record read through `read`, which
        // refuses one out of range (walking them all here cost a query at 1M alliances a few milliseconds).
        guard companyPositions.count == companyIDs.count, companyIDs.count == companies.count,
            articlePositions.count == articleIDs.count, articleIDs.count == articles.count,
            alliancePositions.count == allianceIDs.count, allianceIDs.count == alliances.count,
            companyNamePositions.count == companyNames.count
        else { throw SnapshotReader.damaged }
    }

    /// The records of each kind of search entry.
    var counts: [SearchResult.Kind: Int] {
        [
            .company: companies.count, .alliance: alliances.count, .person: people.count, .claim: claims.count,
            .article: articles.count, .share: shareEstimates.count,
        ]
    }

    /// Whether a record could not be decoded or an id table was out of place (the store is damaged: answers from
    /// it are not to be trusted).
    var damaged: Bool {
        failed.withLock { $0 }
            || [companyIDs, articleIDs, allianceIDs, partyIDs, companyNames].contains { $0.damaged }
    }

    private func read<R>(_ list: StoredList<R>, _ i: Int) -> R? {
        do throws(SnapshotError) { return try list.record(i) } catch {
            failed.withLock { $0 = true }
            return nil
        }
    }

    func company(at i: Int) -> Company? { read(companies, i) }
    func alliance(at i: Int) -> Alliance? { read(alliances, i) }
    func person(at i: Int) -> Person? { read(people, i) }
    func claim(at i: Int) -> Claim? { read(claims, i) }
    func article(at i: Int) -> Article? { read(articles, i) }
    func shareEstimate(at i: Int) -> ShareEstimate? { read(shareEstimates, i) }

    func companyName(_ id: String) -> String {
        companyIDs.find(id).flatMap { company(at: Int(companyPositions[$0])) }?.name ?? id
    }

    func company(id: String) -> Company? { companyIDs.find(id).flatMap { company(at: Int(companyPositions[$0])) } }

    func article(id: String) -> Article? { articleIDs.find(id).flatMap { article(at: Int(articlePositions[$0])) } }

    func articleLanguage(_ id: String) -> String? {
        articleIDs.find(id).flatMap { article(at: Int(articlePositions[$0])) }?.language
    }

    /// The positions listed for record `i` in `lists`; nil (and the store marked damaged) when they are out of place.
    func positions(_ lists: StoredLists, _ i: Int) -> [Int]? {
        if let listed = lists[i] { return listed }
        failed.withLock { $0 = true }
        return nil
    }

    /// The positions of the alliances `id` is a party to; none, and the store marked damaged, when one is out of
    /// range.
    func alliances(ofCompany id: String) -> [Int] {
        guard let k = partyIDs.find(id) else { return [] }
        let listed = partyAlliances[partyAllianceStarts[k]..<partyAllianceStarts[k + 1]].map { Int($0) }
        guard listed.allSatisfy({ $0 < alliances.count }) else {
            failed.withLock { $0 = true }
            return []
        }
        return listed
    }

    /// Every record, for a catalog kept a whole session: the records' texts stay where they lie in the mapped store
    /// (`SnapshotReader.textsInPlace`), decoded when read.
    func dataset(progress: (Double) -> Void) throws(SnapshotError) -> Dataset {
        let total = Double(max(1, alliances.count))
        let f = file.file
        var articles = self.articles, groups = self.groups, companies = self.companies
        var alliances = self.alliances, claims = self.claims, people = self.people
        var shareEstimates = self.shareEstimates
        articles.textsInPlace = f; groups.textsInPlace = f; companies.textsInPlace = f
        alliances.textsInPlace = f; claims.textsInPlace = f; people.textsInPlace = f
        shareEstimates.textsInPlace = f
        let articleRecords = try articles.all(releasing: f), companyRecords = try companies.all(releasing: f)
        // The records that name companies and articles share their ids' strings.
        let known = IDTable()
        for id in companyRecords.lazy.map(\.id) + articleRecords.lazy.map(\.id) { _ = known.declare(id, at: 0) }
        alliances.known = known; claims.known = known; people.known = known
        if f.isMapped { alliances.alliancesInPlace = InPlaceAlliances(owner: f, bytes: alliances.bytes) }
        let dataset = Dataset(
            articles: articleRecords, groups: try groups.all(releasing: f), companies: companyRecords,
            alliances: try alliances.all(releasing: f) { progress(Double($0) / total) },
            claims: try claims.all(releasing: f), people: try people.all(releasing: f),
            shareEstimates: try shareEstimates.all(releasing: f))
        f.holdsTexts()
        return dataset
    }
}

extension StoreWriter {
    /// Writes a dataset's records and lookups, then its index.
    mutating func store(_ catalog: Catalog, _ index: SearchIndex) {
        let d = catalog.dataset
        records(.articleStarts, .articles, d.articles) { $0.article($1) }
        records(.groupStarts, .groups, d.groups) { $0.group($1) }
        records(.companyStarts, .companies, d.companies) { $0.company($1) }
        records(.allianceStarts, .alliances, d.alliances) { $0.alliance($1) }
        records(.claimStarts, .claims, d.claims) { $0.claim($1) }
        records(.personStarts, .people, d.people) { $0.person($1) }
        records(.shareStarts, .shares, d.shareEstimates) { $0.shareEstimate($1) }
        values(.companyPositions, keys(.companyIDs, .companyIDStarts, ids: d.companies.map(\.id)).map { UInt32($0) })
        values(.articlePositions, keys(.articleIDs, .articleIDStarts, ids: d.articles.map(\.id)).map { UInt32($0) })
        values(
            .alliancePositions, keys(.allianceIDs, .allianceIDStarts, ids: d.alliances.map(\.id)).map { UInt32($0) })
        let parties = catalog.alliancesByCompany.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        _ = keys(.partyIDs, .partyIDStarts, ids: parties)
        var starts: [UInt64] = [0], alliances: [UInt32] = []
        for id in parties {
            alliances.append(contentsOf: catalog.alliancesByCompany[id]!.map { UInt32($0) })
            starts.append(UInt64(alliances.count))
        }
        values(.partyAllianceStarts, starts)
        values(.partyAlliances, alliances)
        var names: [String] = [], owners: [Int] = []
        for (i, company) in d.companies.enumerated() {
            for key in Set([company.id, company.name] + company.aliases).map(Folding.fold) {
                names.append(key)
                owners.append(i)
            }
        }
        values(.companyNamePositions, keys(.companyNames, .companyNameStarts, ids: names).map { UInt32(owners[$0]) })
        // Each list is kept under the first record with the id it names, the one the catalog finds by that id.
        let company = catalog.companyIndex
        lists(
            .unitStarts, .units, count: d.companies.count,
            d.companies.indices.compactMap { i in d.companies[i].parent.flatMap { company[$0] }.map { ($0, i) } })
        lists(
            .companyPeopleStarts, .companyPeople, count: d.companies.count,
            d.people.indices.compactMap { i in d.people[i].organization.flatMap { company[$0] }.map { ($0, i) } })
        var aboutCompanies: [(Int, Int)] = [], aboutAlliances: [(Int, Int)] = []
        for (i, claim) in d.claims.enumerated() {
            switch claim.about {
            case .company(let c), .product(_, let c): if let owner = company[c] { aboutCompanies.append((owner, i)) }
            case .alliance(let a): if let owner = catalog.allianceIndex[a] { aboutAlliances.append((owner, i)) }
            case .topic: break
            }
        }
        lists(.companyClaimStarts, .companyClaims, count: d.companies.count, aboutCompanies)
        lists(.allianceClaimStarts, .allianceClaims, count: d.alliances.count, aboutAlliances)
        index.write(to: &self)
        let orders = ListOrders.kept(catalog)
        values(.companyOrders, orders.companies)
        values(.allianceOrders, orders.alliances)
    }
}
