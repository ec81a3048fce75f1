import AlliesCore
import Foundation
import Synchronization

/// Rows built on demand, for lists too long to build whole (a million alliances): every row is one line tall, so a
/// row's index is also its line, and only the rows on screen are ever built.
struct LazyRows: Sendable {
    let count: Int
    /// The selectable rows, ascending; nil when every row is (headings are not).
    var selectable: [Int]? = nil
    /// The row at an index, built when asked for.
    let row: @Sendable (Int) -> Item
    /// The row's id, without building its lines.
    let id: @Sendable (Int) -> RowID?
    /// The row's `n`/`N` text, without building its lines.
    let searchText: @Sendable (Int) -> String
    /// The index of the row with an id, through a lookup the screen provides.
    let index: @Sendable (RowID) -> Int?
}

/// A screen's rows: built (detail screens: a few hundred items of any height), or lazy (long lists). Update and
/// render go through the helpers here (`selectable`, `lineCount`, `id(at:)`, `Placement`), which do O(1) or
/// O(log n) work for lazy rows, so keys and frames cost what the visible rows cost.
struct Items: RandomAccessCollection, Sendable {
    final class Built: Sendable {
        let items: [Item]
        /// Indices of the selectable items, ascending.
        let selectable: [Int]
        /// The first line of each item, and the line count of all.
        let tops: [Int]
        let total: Int
        init(_ items: [Item]) {
            self.items = items
            selectable = items.indices.filter { items[$0].selectable }
            var tops: [Int] = []
            tops.reserveCapacity(items.count)
            var y = 0
            for item in items { tops.append(y); y += item.lines.count }
            self.tops = tops
            total = y
        }
    }
    enum Storage: Sendable { case built(Built), lazy(LazyRows) }
    let storage: Storage
    /// Rows built for a screenful of a longer list (search results as a query is typed): how many selectable rows
    /// the whole list has, for the position drawn (`1/111`, not `1/24`).
    var selectableInAll: Int? = nil
    /// Rows that stand in for the screen's own while those are made off the interface thread
    /// (`Screen.rowsMeanwhile`): nothing in them is selected or scrolled to.
    var standIn = false

    init(_ items: [Item], selectableInAll: Int? = nil) {
        storage = .built(Built(items))
        self.selectableInAll = selectableInAll
    }
    init(lazy rows: LazyRows) { storage = .lazy(rows) }

    /// How many items are built and held (none for lazy rows, which build the ones drawn).
    var builtCount: Int {
        switch storage {
        case .built(let b): return b.items.count
        case .lazy: return 0
        }
    }

    var startIndex: Int { 0 }
    var endIndex: Int {
        switch storage {
        case .built(let b): return b.items.count
        case .lazy(let r): return r.count
        }
    }
    subscript(i: Int) -> Item {
        switch storage {
        case .built(let b): return b.items[i]
        case .lazy(let r): return r.row(i)
        }
    }

    var isLazy: Bool { if case .lazy = storage { return true } else { return false } }

    func isSelectable(_ i: Int) -> Bool {
        switch storage {
        case .built(let b): return b.items[i].selectable
        case .lazy(let r): return r.selectable.map { SelectableRows($0).position(of: i) != nil } ?? true
        }
    }

    func lineCount(_ i: Int) -> Int {
        switch storage {
        case .built(let b): return b.items[i].lines.count
        case .lazy: return 1
        }
    }

    func id(at i: Int) -> RowID? {
        switch storage {
        case .built(let b): return b.items[i].id
        case .lazy(let r): return r.id(i)
        }
    }

    func searchText(at i: Int) -> String {
        switch storage {
        case .built(let b): return b.items[i].searchText
        case .lazy(let r): return r.searchText(i)
        }
    }

    /// The first selectable item with this id.
    func index(ofSelectableID id: RowID) -> Int? {
        switch storage {
        case .built(let b): return b.items.firstIndex { $0.id == id && $0.selectable }
        case .lazy(let r): return r.index(id).flatMap { (0..<r.count).contains($0) && isSelectable($0) ? $0 : nil }
        }
    }

    var selectable: SelectableRows {
        switch storage {
        case .built(let b): return SelectableRows(b.selectable)
        case .lazy(let r): return r.selectable.map(SelectableRows.init) ?? SelectableRows(all: r.count)
        }
    }
}

/// The indices of the selectable items, ascending: a list, or every index below a count (lazy rows).
struct SelectableRows {
    private let list: [Int]?
    let count: Int

    init(_ list: [Int]) { self.list = list; count = list.count }
    init(all count: Int) { list = nil; self.count = count }

    var isEmpty: Bool { count == 0 }
    var first: Int? { isEmpty ? nil : self[0] }
    var last: Int? { isEmpty ? nil : self[count - 1] }
    subscript(position: Int) -> Int { list?[position] ?? position }

    /// The position of the first selectable index ≥ i (count when none).
    private func lowerBound(_ i: Int) -> Int {
        guard let list else { return min(max(0, i), count) }
        var lo = 0, hi = list.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if list[mid] < i { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The position of index i among the selectable ones, when it is one.
    func position(of i: Int) -> Int? {
        let p = lowerBound(i)
        return p < count && self[p] == i ? p : nil
    }
    func first(atOrAfter i: Int) -> Int? { let p = lowerBound(i); return p < count ? self[p] : nil }
    func first(after i: Int) -> Int? { i == Int.max ? nil : first(atOrAfter: i + 1) }
    func last(before i: Int) -> Int? { let p = lowerBound(i); return p > 0 ? self[p - 1] : nil }
}

// MARK: The sorted order of the long lists, memoised per catalog

/// A list's rows as record positions, and each record's row (-1: filtered out).
final class ListOrder: Sendable {
    let rows: [Int32]
    let position: [Int32]
    init(rows: [Int32], records: Int) {
        self.rows = rows
        position = ListOrders.rows(of: rows, records: records)
    }
    func row(ofRecord record: Int?) -> Int? {
        guard let record, position.indices.contains(record) else { return nil }
        let row = position[record]
        return row >= 0 ? Int(row) : nil
    }
}

/// Which long list, in which order: the key of a memoised `ListOrder`.
enum ListKey: Hashable, Sendable {
    case companies(CompaniesScreen.Sort, agreedOnly: Bool)
    case alliances(AlliancesScreen.Sort, AllianceKind?)
}

/// The sorted orders and company figures of the long lists, for one catalog (shared by copies of the state).
final class ListCache: Sendable {
    private struct State {
        var owner: ObjectIdentifier?
        var orders: [ListKey: ListOrder] = [:]
        /// Each company's figures (a row's when it is first drawn, everyone's when a sort needs them all).
        var figures: CompanyFigures?
        /// Everyone's timeline (nil) and companies' timelines (by id).
        var timelines: [String?: TimelineRows] = [:]

        /// Forgets what belongs to another catalog.
        mutating func own(_ catalog: Catalog) {
            guard owner != ObjectIdentifier(catalog) else { return }
            self = State(owner: ObjectIdentifier(catalog))
        }
    }
    private let state = Mutex(State())

    /// The Timeline's rows of everyone (nil) or one company.
    func timeline(_ catalog: Catalog, company: String?) -> TimelineRows {
        let hit = state.withLock { s -> TimelineRows? in
            s.own(catalog)
            return s.timelines[company]
        }
        if let hit { return hit }
        // Built without holding the lock: another thread may build the same rows meanwhile, and the last one stays.
        let made = TimelineRows(catalog, company: company)
        state.withLock { s in
            s.own(catalog)
            s.timelines[company] = made
        }
        return made
    }

    func figures(_ catalog: Catalog) -> CompanyFigures {
        state.withLock { s in
            s.own(catalog)
            if let figures = s.figures { return figures }
            let made = CompanyFigures(catalog)
            s.figures = made
            return made
        }
    }

    /// The order under `key`, computed by `make` (record positions in row order) when it is not memoised.
    func order(_ catalog: Catalog, key: ListKey, records: Int, _ make: () -> [Int32]) -> ListOrder {
        let hit = state.withLock { s -> ListOrder? in
            s.own(catalog)
            return s.orders[key]
        }
        if let hit { return hit }
        let made = ListOrder(rows: make(), records: records)
        state.withLock { s in
            s.own(catalog)
            s.orders[key] = made
        }
        return made
    }
}

/// The Timeline's rows: the alliances in date order, each year and month under its heading, undated ones last.
final class TimelineRows: Sendable {
    enum Row: Sendable {
        /// A year (nil: undated) and how many alliances it has.
        case year(Int?, count: Int)
        case month(Int, year: Int)
        /// An alliance, by position in the dataset.
        case alliance(Int)
    }
    let rows: [Row]
    /// The rows that are alliances, ascending.
    let selectable: [Int]
    /// Each alliance's row: by dataset position for everyone's timeline (-1: none), a dictionary for a company's
    /// (an array as long as the dataset for each company viewed would add up to gigabytes at a million alliances).
    private let rowByPosition: [Int32]
    private let rowByAlliance: [Int: Int]

    func row(ofAlliance k: Int) -> Int? {
        if !rowByPosition.isEmpty {
            return rowByPosition.indices.contains(k) && rowByPosition[k] >= 0 ? Int(rowByPosition[k]) : nil
        }
        return rowByAlliance[k]
    }

    init(_ catalog: Catalog, company: String?) {
        let alliances = catalog.dataset.alliances
        let order = catalog.timelineOrder(company: company)
        var perYear: [Int?: Int] = [:]
        for i in order { perYear[alliances[i].date?.value.year, default: 0] += 1 }
        var rows: [Row] = [], selectable: [Int] = []
        rows.reserveCapacity(order.count + 2 * perYear.count)
        selectable.reserveCapacity(order.count)
        var rowByPosition = company == nil ? [Int32](repeating: -1, count: alliances.count) : []
        var rowByAlliance: [Int: Int] = [:]
        var currentYear: Int?? = .none
        var currentMonth = 0
        for i in order {
            let d = alliances[i].date?.value
            if currentYear != .some(d?.year) {
                currentYear = .some(d?.year)
                currentMonth = 0
                rows.append(.year(d?.year, count: perYear[d?.year] ?? 0))
            }
            if let d, let m = d.month, m != currentMonth {
                currentMonth = m
                rows.append(.month(m, year: d.year))
            }
            if company == nil { rowByPosition[i] = Int32(rows.count) } else { rowByAlliance[i] = rows.count }
            selectable.append(rows.count)
            rows.append(.alliance(i))
        }
        self.rows = rows
        self.selectable = selectable
        self.rowByPosition = rowByPosition
        self.rowByAlliance = rowByAlliance
    }
}
