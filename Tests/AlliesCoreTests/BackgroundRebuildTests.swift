import Testing

@testable import AlliesCore

/// What a background writer of a store may take: it runs only when the machine has about five times the file's
/// size available (`MemAvailable`), so that it never pushes the user's own work into swap.
@Suite("A store's background rebuild and the memory it needs")
struct BackgroundRebuildTests {
    static func meminfo(availableKB: UInt64) -> String {
        """
        MemTotal:       24000000 kB
        MemFree:         1000000 kB
        MemAvailable:   \(availableKB) kB
        Buffers:           10000 kB
        Cached:          9000000 kB
        """
    }

    @Test func aRebuildRunsOnlyWithFiveTimesTheFileAvailable() {
        let gb: UInt64 = 1 << 30
        // The 1M dataset (1.38 GB) peaked at 5.44 GB: with 8 GB available it runs, with 6 GB it waits.
        let file: UInt64 = 1_379_731_087
        #expect(DatasetCache.rebuildFits(bytes: file, meminfo: Self.meminfo(availableKB: 8 * gb / 1024)))
        #expect(!DatasetCache.rebuildFits(bytes: file, meminfo: Self.meminfo(availableKB: 6 * gb / 1024)))
        // The edge: exactly five times fits, a kilobyte less does not.
        #expect(DatasetCache.rebuildFits(bytes: gb, meminfo: Self.meminfo(availableKB: 5 * gb / 1024)))
        #expect(!DatasetCache.rebuildFits(bytes: gb, meminfo: Self.meminfo(availableKB: 5 * gb / 1024 - 1)))
        // A small file always fits an ordinary machine.
        #expect(DatasetCache.rebuildFits(bytes: 400_000, meminfo: Self.meminfo(availableKB: 2_000_000)))
    }

    @Test func aMachineThatDoesNotSayFits() {
        // Not Linux, or a kernel without MemAvailable (before 3.14), or a line that does not read: never refused.
        #expect(DatasetCache.rebuildFits(bytes: 1 << 40, meminfo: nil))
        #expect(DatasetCache.rebuildFits(bytes: 1 << 40, meminfo: "MemTotal: 1000 kB\nMemFree: 10 kB\n"))
        #expect(DatasetCache.rebuildFits(bytes: 1 << 40, meminfo: "MemAvailable: lots\n"))
        // A size so large its five times overflows is not taken for a small one.
        #expect(!DatasetCache.rebuildFits(bytes: UInt64.max / 2, meminfo: Self.meminfo(availableKB: 8_000_000)))
        #expect(!DatasetCache.rebuildFits(bytes: 1 << 62, meminfo: Self.meminfo(availableKB: 8_000_000)))
        // Nor an absurd MemAvailable for a small one (its bytes overflow: more than any file).
        #expect(DatasetCache.rebuildFits(bytes: 1 << 30, meminfo: Self.meminfo(availableKB: UInt64.max / 2)))
    }
}
