@testable import AlliesCore
import AlliesGenerator
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A dataset file that another program cuts short or rewrites while Allies reads it (an editor saving, a checkout).
/// Regular files are mapped, and reading a mapped page past a file's new end raises SIGBUS: without the guard over
/// the mapping these tests kill the test process. With it, the load ends in one clear diagnostic.
@Suite("Files that change while they are read", .serialized)
struct ChangingFileTests {
    /// A generated dataset of about 14 MB in a temporary folder.
    struct World {
        let folder = makeTemporaryDirectory()
        var file: String { folder + "/data.json" }
        var cache: String { folder + "/cache" }
        let json: [UInt8]

        init() {
            json = Array(
                try! DatasetGenerator(companies: 2000, alliances: 10_000, seed: 11).dataset().canonicalJSON().utf8)
            writeFile(file, json)
        }

        func cut(to size: Int) { #expect(truncate(file, off_t(size)) == 0) }
        func remove() { removeTree(cache); removeTree(folder) }
    }

    static func message(_ result: Result<Dataset, DatasetError>) -> String? {
        guard case .failure(let error) = result else { return nil }
        return error.diagnostics.map(\.message).joined(separator: "\n")
    }

    @Test func aMappedPagePastTheNewEndReadsAsZerosAndIsNoted() throws {
        let world = World()
        defer { world.remove() }
        let bytes = try FileBytes.open(world.file).get()
        #expect(!bytes.changedSinceOpened)
        #expect(bytes.buffer[0] == UInt8(ascii: "{"))
        world.cut(to: 4096)
        // Past the new end: SIGBUS without the guard.
        #expect(bytes.buffer[bytes.buffer.count / 2] == 0)
        #expect(bytes.buffer[bytes.buffer.count - 1] == 0)
        #expect(bytes.buffer[0] == UInt8(ascii: "{"))  // what is still in the file is still there
        #expect(bytes.changedSinceOpened)
    }

    @Test func aFileCutShortDuringTheLoadIsReportedNotACrash() throws {
        let world = World()
        defer { world.remove() }
        var cut = false
        let result = Dataset.load(path: world.file) { fraction in
            if !cut && fraction > 0.05 { world.cut(to: 4096); cut = true }
        }
        #expect(cut, "the load reported progress before its end")
        let message = try #require(Self.message(result))
        #expect(message == Dataset.changedWhileReading)
        // The same file, read again once it is whole, loads.
        writeFile(world.file, world.json)
        #expect(Self.message(Dataset.load(path: world.file)) == nil)
    }

    @Test func aFileRewrittenInPlaceDuringTheLoadIsReported() throws {
        let world = World()
        defer { world.remove() }
        var touched = false
        // Same size, new time: no page goes missing, but what was read mixes two versions.
        let result = Dataset.load(path: world.file) { fraction in
            guard !touched && fraction > 0.05 else { return }
            var times = [timespec(tv_sec: 1_000_000_000, tv_nsec: 0), timespec(tv_sec: 1_000_000_000, tv_nsec: 0)]
            #expect(utimensat(AT_FDCWD, world.file, &times, 0) == 0)
            touched = true
        }
        #expect(touched)
        #expect(Self.message(result) == Dataset.changedWhileReading)
    }

    @Test func aSnapshotCutShortWhileReadIsIgnoredAndTheJSONRead() throws {
        let world = World()
        defer { world.remove() }
        let first = try OpenedDataset.open(world.file, useCache: false, cacheDirectory: world.cache).get()
        #expect(
            first.saveSnapshot(path: world.file, index: SearchIndex(first.catalog), cacheDirectory: world.cache) == nil)
        let snapshot = try #require(DatasetCache.snapshotPath(for: world.file, in: world.cache))
        var cut = false
        let read = DatasetCache.read(source: world.file, directory: world.cache) { fraction in
            if !cut && fraction > 0 && fraction < 0.8 { #expect(truncate(snapshot, 4096) == 0); cut = true }
        }
        #expect(cut)
        guard case .failure = read else { Issue.record("a snapshot cut short was used"); return }
        // The explorer's path: the snapshot no longer matches, so the JSON is read, whole and right.
        let again = try OpenedDataset.open(world.file, cacheDirectory: world.cache).get()
        #expect(again.index == nil)
        #expect(again.catalog.dataset.canonicalJSON() == first.catalog.dataset.canonicalJSON())
    }
}
