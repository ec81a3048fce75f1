@testable import AlliesCore
import AlliesGenerator
import Foundation
import Testing

/// An edit of a few records of a large file made from its store (`InPlaceDataset`): records read as the dataset has
/// them, with the saves made since; records checked as against the whole dataset; a damaged section never read into
/// an edit; the line appended the one the whole dataset's save appends.
@Suite("An edit made from the store")
struct InPlaceDatasetTests {
    typealias World = SnapshotTests.World

    /// Every record of a generated dataset is found by its id, in its list, and reads as the dataset has it.
    @Test func everyRecordReadsAsTheDatasetHasIt() throws {
        let world = World(alliances: 300)
        defer { world.remove() }
        let d = try world.snapshotted().first.catalog.dataset
        let store = try InPlaceDataset.open(world.file, directory: world.cache)
        let keys = d.recordKeys
        #expect(Set(keys.map(\.list)).count == RecordListName.allCases.count, "every list has records")
        for key in keys {
            #expect(try store.keys(withID: key.id) == d.records(withID: key.id), "\(key)")
            #expect(try store.record(key)?.json(of: key) == d.json(of: key), "\(key)")
        }
        #expect(try store.keys(withID: "no-such-record").isEmpty)
        #expect(try store.record(RecordKey(.alliances, "no-such-record")) == nil)
    }

    /// The saves appended since the store was written are read with it: a record they changed reads changed, one
    /// they added is found; an edit made then lands as the whole dataset's save would put it. A save since that
    /// removes a record leaves edits to the whole dataset (what refers to it is not in the store's lookups).
    @Test func savesSinceTheStoreAreReadWithIt() throws {
        let world = World(alliances: 300)
        defer { world.remove() }
        let first = try world.snapshotted().first
        let d = first.catalog.dataset
        // A save through the whole dataset, as `allies edit --no-cache` makes it: the store is behind now.
        var changed = d
        changed.alliances[3].status = .completed
        var added = d.alliances[4]
        added.id = "added-since-the-store"
        changed.alliances.append(added)
        _ = try changed.save(to: world.file, expected: first.stamp, since: d, journalFrom: 0).get()

        let store = try InPlaceDataset.open(world.file, directory: world.cache)
        let key = RecordKey(.alliances, d.alliances[3].id)
        #expect(try store.record(key)?.json(of: key) == changed.json(of: key))
        #expect(try store.keys(withID: added.id) == [RecordKey(.alliances, added.id)])
        // An edit of the record the save added, made from the store.
        let one = try #require(try store.record(RecordKey(.alliances, added.id)))
        var edited = one
        edited.alliances[0].title = LocalizedText(en: "Edited in place", es: "Editado en su sitio")
        let text = JSONValue.object([("alliances", .array([try #require(edited.json(of: one.recordKeys[0]))]))])
        let put = try store.decode(
            Array(text.rendered().utf8), file: "--set", replacing: [RecordKey(.alliances, added.id)])
        _ = try store.save(putting: put, was: one, journalFrom: 0).get()

        var expected = changed
        expected.alliances[expected.alliances.count - 1].title = edited.alliances[0].title
        let loaded = try Dataset.load(path: world.file).get()
        #expect(loaded.hasSameRecords(as: expected))

        // A removal since: the store cannot tell what referred to the record.
        let now = try #require(SourceStamp.of(world.file))
        var removed = loaded
        removed.alliances.removeLast()
        _ = try removed.save(to: world.file, expected: now, since: loaded, journalFrom: 0).get()
        #expect(throws: InPlaceDataset.CannotTell.self) { try InPlaceDataset.open(world.file, directory: world.cache) }
    }

    /// Records are checked as `Dataset.decode(additions:to:)` checks them against the whole dataset: accepted or
    /// not alike, and decoded alike. A problem throws (the whole dataset's check then says it, with suggestions).
    @Test func recordsAreCheckedAsAgainstTheWholeDataset() throws {
        let bundled = try Dataset.bundled().get()
        let world = World(bundled)
        defer { world.remove() }
        _ = try world.snapshotted()
        let store = try InPlaceDataset.open(world.file, directory: world.cache)
        let quoting = try #require(
            bundled.alliances.first { a in
                a.sources.contains { s in bundled.articles.first { $0.id == s.article }?.text != nil }
            })
        let key = RecordKey(.alliances, quoting.id)
        let json = try #require(bundled.json(of: key))
        func with(_ path: String, _ value: JSONValue?) throws -> JSONValue {
            try json.setting(try #require(FieldPath(parsing: path)), to: value).get()
        }
        func fragment(_ record: JSONValue) -> [UInt8] {
            Array(JSONValue.object([("alliances", .array([record]))]).rendered().utf8)
        }
        // A company new to the dataset, and a deal that names it (a reference the fragment itself answers).
        func newCompanyAndDeal() throws -> [UInt8] {
            let company = try #require(bundled.json(of: RecordKey(.companies, quoting.parties[0].company)))
                .setting(try #require(FieldPath(parsing: "id")), to: .string("acme-ai")).get()
            let deal = try with("id", .string("acme-deal")).setting(
                try #require(FieldPath(parsing: "parties[0].company")), to: .string("acme-ai")
            ).get()
            return Array(
                JSONValue.object([("companies", .array([company])), ("alliances", .array([deal]))]).rendered().utf8)
        }
        let cases: [(String, [UInt8], Set<RecordKey>)] = [
            ("an edit", fragment(try with("status", .string("completed"))), [key]),
            ("a new record", fragment(try with("id", .string("a-new-one"))), []),
            ("the same id added", fragment(json), []),
            ("an unknown company", fragment(try with("parties[0].company", .string("nvidiaa"))), [key]),
            ("a quote not in its article", fragment(try with("sources[0].quote", .string("no such words"))), [key]),
            ("an unknown article", fragment(try with("sources[0].article", .string("no-such-article"))), [key]),
            ("a new company and its deal", try newCompanyAndDeal(), []),
        ]
        for (what, bytes, replacing) in cases {
            let whole = Dataset.decode(additions: bytes, file: "f", to: bundled.removing(replacing))
            let fast = try? store.decode(bytes, file: "f", replacing: replacing)
            switch whole {
            case .success(let records): #expect(fast.map { $0.hasSameRecords(as: records) } == true, "\(what)")
            case .failure: #expect(fast == nil, "\(what)")
            }
        }
    }

    /// The sections an edit reads are checked against their checksums before they are used: a record changed in
    /// the store (a letter of its title) is never read into an edit, which is left to the whole dataset (whose
    /// read refuses the store). Damage where an edit does not read (the search index) does not stop it.
    @Test func aDamagedSectionIsNeverReadIntoAnEdit() throws {
        let world = World(alliances: 300)
        defer { world.remove() }
        let (first, path, good) = try world.snapshotted()
        let alliance = first.catalog.dataset.alliances[7]
        let key = RecordKey(.alliances, alliance.id)
        let section = StoreFile.place(of: .alliances, in: good).section
        let title = Array(alliance.title.en.utf8)
        let at = try #require(
            section.first { i in i + title.count <= section.upperBound && Array(good[i..<i + title.count]) == title })
        var damaged = good
        damaged[at] ^= 0x20
        writeFile(path, damaged)
        let store = try InPlaceDataset.open(world.file, directory: world.cache)
        #expect(throws: InPlaceDataset.CannotTell.self) { try store.record(key) }

        var index = good
        let postings = StoreFile.place(of: .postings, in: good).section
        index[postings.lowerBound + postings.count / 2] ^= 0xff
        writeFile(path, index)
        let again = try InPlaceDataset.open(world.file, directory: world.cache)
        #expect(try again.record(key)?.json(of: key) == first.catalog.dataset.json(of: key))
    }
}

/// The checksum that names a version of a dataset file in its edits file is remembered beside its store for the
/// file's stamp: read once per version, not at every edit (at a million alliances, 1.4 GB from disk each time).
@Suite("A file's checksum, remembered")
struct RememberedIdentityTests {
    /// The checksum taken in pieces (as a file is decoded) is the checksum taken whole, for any sizes and any cuts;
    /// and both are the checksum every store and edits file written so far holds (the reference below is the
    /// one-pass code they were written with).
    @Test func theChecksumInPiecesIsTheChecksumWhole() {
        func reference(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
            func mix(_ h: UInt64, _ w: UInt64) -> UInt64 {
                let m = (h ^ w) &* 0xFF51_AFD7_ED55_8CCD
                return (m << 31) | (m >> 33)
            }
            let seed: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
            var lanes = (seed, seed &+ 1, seed &+ 2, seed &+ 3)
            let blocks = bytes.count / 32
            for i in 0..<blocks {
                let at = i * 32
                lanes.0 = mix(lanes.0, bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self))
                lanes.1 = mix(lanes.1, bytes.loadUnaligned(fromByteOffset: at + 8, as: UInt64.self))
                lanes.2 = mix(lanes.2, bytes.loadUnaligned(fromByteOffset: at + 16, as: UInt64.self))
                lanes.3 = mix(lanes.3, bytes.loadUnaligned(fromByteOffset: at + 24, as: UInt64.self))
            }
            var h = mix(mix(mix(lanes.0, lanes.1), lanes.2), lanes.3)
            for i in (blocks * 32)..<bytes.count { h = (h ^ UInt64(bytes[i])) &* 0xC4CE_B9FE_1A85_EC53 }
            return h
        }
        var generator = SystemRandomNumberGenerator()
        for count in Array(0..<100) + [1_000, 4_099, 65_537] {
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            bytes.withUnsafeBytes { b in
                let whole = reference(b)
                #expect(DatasetCache.checksum(b) == whole, "\(count)")
                #expect(DatasetCache.checksum(b, reportEvery: 64) == whole, "\(count)")
                for _ in 0..<5 {
                    var sum = DatasetCache.Checksum(count: count)
                    var at = 0
                    while at < count {
                        let next = min(count, at + Int.random(in: 0...70, using: &generator))
                        sum.add(UnsafeRawBufferPointer(rebasing: b[at..<next]))
                        at = next
                    }
                    #expect(sum.value == whole, "\(count) in pieces")
                }
            }
        }
    }

    /// A writer that died leaves its temporary files in the cache (a store's, a memo's): the next writer removes
    /// them, and never a live writer's.
    @Test func temporaryFilesOfWritersThatAreGoneAreRemoved() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("allies-tmp-\(UUID())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Beyond any pid_max (2^22): no such process.
        let gone: pid_t = 2_000_000_000, alive = getpid()
        let names = { (pid: pid_t) in
            [
                "0123abcd.snapshot.\(pid).77.tmp", "0123abcd.snapshot.\(pid).tmp",
                "0123abcd.snapshot.identity.\(pid).tmp",
            ]
        }
        let other = ["0123abcd.snapshot", "0123abcd.snapshot.identity", "notes.\(gone).tmp"]
        for name in names(gone) + names(alive) + other { writeFile(dir + "/" + name, Array("x".utf8)) }
        DatasetCache.removeAbandonedTemporaries(in: dir)
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: dir))
        #expect(left == Set(names(alive) + other), "\(left.sorted())")
    }

    @Test func theChecksumIsReadOncePerVersionOfTheFile() throws {
        let world = SnapshotTests.World(alliances: 50)
        defer { world.remove() }
        let truth = EditJournal.Identity(try #require(readBytes(world.file)).withUnsafeBufferPointer { $0 })
        #expect(try EditJournal.identity(of: world.file, directory: world.cache).get() == truth)
        let memo = try #require(
            DatasetCache.fileBesideStore(of: world.file, suffix: ".identity", directory: world.cache))
        let text = String(decoding: try #require(readBytes(memo)), as: UTF8.self)
        #expect(text.hasSuffix(" \(truth.bytes) \(EditJournal.Identity.hex(truth.checksum))\n"), "\(text)")
        // What is remembered is what is given, while the file keeps its stamp (a wrong checksum put there on purpose
        // shows that the file is not read).
        let planted = text.replacingOccurrences(of: EditJournal.Identity.hex(truth.checksum), with: "00000000000000ff")
        writeFile(memo, Array(planted.utf8))
        #expect(try EditJournal.identity(of: world.file, directory: world.cache).get().checksum == 0xff)
        // A memo of the file as it is but not whole, or not as written, is not trusted: the file is read. (Each
        // holds the planted checksum, which would be given back if it were trusted.)
        let unlike = [
            String(planted.dropLast()),  // no newline: cut short
            planted.replacingOccurrences(of: "00000000000000ff", with: "0000000000000ff"),  // 15 digits
            planted.replacingOccurrences(of: "00000000000000ff", with: "00000000000000FF"),  // not as written
            planted.replacingOccurrences(of: " \(truth.bytes) 0", with: " \(truth.bytes + 1) 0"),  // another size
            planted + "1 2\n",  // more than one memo
        ]
        for memoText in unlike {
            #expect(memoText != planted)
            writeFile(memo, Array(memoText.utf8))
            #expect(try EditJournal.identity(of: world.file, directory: world.cache).get() == truth, "\(memoText)")
        }
        writeFile(memo, Array(planted.utf8))
        // Another version of the file (written again: another time), or a memo that does not read, is read again.
        var bytes = try #require(readBytes(world.file))
        bytes[bytes.count - 2] = UInt8(ascii: " ")
        writeFile(world.file, bytes)
        let changed = EditJournal.Identity(bytes.withUnsafeBufferPointer { $0 })
        #expect(changed != truth)
        #expect(try EditJournal.identity(of: world.file, directory: world.cache).get() == changed)
        writeFile(memo, Array("12 not a memo".utf8))
        #expect(try EditJournal.identity(of: world.file, directory: world.cache).get() == changed)
        #expect(try EditJournal.identity(of: world.file, directory: nil).get() == changed, "no cache: read")
    }
}
