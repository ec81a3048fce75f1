import AlliesCore
import AlliesGenerator
import Foundation
import Testing

@testable import AlliesExplorer

/// Issue #17: the store keeps the long lists' orders, so a large dataset's lists are not sorted again on every
/// open. An explorer over the catalog read from a store shows the same rows, in every sort of both lists, with a
/// kind filter and with agreed money only, as an explorer over the same dataset read from JSON (which sorts).
@Suite struct StoredOrdersTests {
    static let size = Size(width: 200, height: 40)

    /// The generated dataset read from JSON, and read back from the store written of it.
    static func opened() throws -> (json: Catalog, stored: Catalog) {
        let folder = NSTemporaryDirectory() + "allies-orders-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/data.json", cache = folder + "/cache"
        let dataset = try DatasetGenerator(companies: 150, alliances: 1500, seed: 11).dataset()
        try dataset.canonicalJSON().write(toFile: file, atomically: false, encoding: .utf8)
        let json = try OpenedDataset.open(file, cacheDirectory: cache).get()
        #expect(json.saveSnapshot(path: file, index: SearchIndex(json.catalog), cacheDirectory: cache) == nil)
        let stored = try OpenedDataset.open(file, cacheDirectory: cache).get()
        return (json.catalog, stored.catalog)
    }

    /// Every row's id on the list on top.
    func rows(_ e: Explorer) throws -> [String] {
        let items = try #require(e.state.topItems()).items
        return items.indices.map { items.id(at: $0)?.record ?? "?" }
    }

    /// Each sort of the list on top, one press of `s` after another, with the sort's name.
    func everySort(_ e: inout Explorer, count: Int) throws -> [[String]] {
        var seen: [[String]] = []
        for _ in 0..<count {
            press(&e, .sort)
            seen.append([e.state.stack.last.map { "\($0.screen)" } ?? ""] + (try rows(e)))
        }
        return seen
    }

    @Test func theStoresOrdersShowTheSameRowsAsSorting() throws {
        let (json, stored) = try Self.opened()
        #expect(json.storedOrders == nil && stored.storedOrders != nil)
        var a = explorer(json, size: Self.size), b = explorer(stored, size: Self.size)
        // Companies: every sort (kind is sorted even from the store), then money sorts with agreed money only.
        let companySorts = CompanyOrder.allCases.count
        #expect(try everySort(&a, count: companySorts) == everySort(&b, count: companySorts))
        press(&a, .agreedOnly)
        press(&b, .agreedOnly)
        #expect(try everySort(&a, count: companySorts) == everySort(&b, count: companySorts))
        // Sorted by figures from JSON, read from the store: everyone's figures were never computed there.
        #expect(a.state.lists.figures(json).isComplete && !b.state.lists.figures(stored).isComplete)
        // Alliances: every sort, then every sort of one kind.
        press(&a, .alliances)
        press(&b, .alliances)
        #expect(try rows(a) == rows(b))
        let allianceSorts = AllianceOrder.allCases.count
        #expect(try everySort(&a, count: allianceSorts) == everySort(&b, count: allianceSorts))
        press(&a, .filter, .filter)
        press(&b, .filter, .filter)
        let filtered = try rows(a)
        #expect(!filtered.isEmpty && filtered.count < json.dataset.alliances.count)
        #expect(try everySort(&a, count: allianceSorts) == everySort(&b, count: allianceSorts))
    }
}
