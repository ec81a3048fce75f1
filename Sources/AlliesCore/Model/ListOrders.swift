/// The orders the Companies list can be sorted in (`s` in the explorer).
public enum CompanyOrder: String, CaseIterable, Sendable {
    case name, alliances, partners, moneyIn = "money in", moneyOut = "money out", lastActivity = "last activity",
        kind

    /// Whether the order compares money that `--agreed-only` changes.
    public var dependsOnAgreedOnly: Bool { self == .moneyIn || self == .moneyOut }
}

/// The orders the Alliances list can be sorted in.
public enum AllianceOrder: String, CaseIterable, Sendable { case date, amount, parties }

/// The long lists' orders: record positions (in the dataset's lists) in row order. Computed from a catalog here, and
/// kept in the store (`StoredOrders`) so that a million alliances are not sorted again on every open. Every order is
/// total (its last tie goes by name or by position), so a filtered list's order is the whole order filtered.
public enum ListOrders {
    /// Companies by folded name, then by id.
    public static func companiesByName(_ catalog: Catalog) -> [Int32] { companiesByName(catalog.dataset.companies) }

    /// `companies` by folded name, then by id (the Companies list by name, before the rest of a dataset is read).
    public static func companiesByName(_ companies: [Company]) -> [Int32] {
        // By id: the last company of an id names it (ids are unique in a checked dataset).
        var byID: [String: String] = [:]
        for c in companies { byID[c.id] = Folding.fold(c.name) }
        let folded = companies.map { byID[$0.id] ?? "" }
        return companies.indices.sorted { a, b in
            let x = folded[a], y = folded[b]
            return x != y ? x < y : companies[a].id < companies[b].id
        }.map { Int32($0) }
    }

    /// The orders a store keeps (`StoredOrders`), each list's one after another.
    static func kept(_ catalog: Catalog) -> (companies: [Int32], alliances: [Int32]) {
        let byName = companiesByName(catalog)
        let nameRows = rows(of: byName, records: byName.count)
        let figures = CompanyFigures(catalog)
        var companies: [Int32] = [], alliances: [Int32] = []
        for (order, agreedOnly) in StoredOrders.companyOrders {
            companies +=
                order == .name
                ? byName
                : Self.companies(catalog, by: order, agreedOnly: agreedOnly, figures: figures, nameRows: nameRows)
        }
        for order in AllianceOrder.allCases { alliances += Self.alliances(catalog, by: order, nameRows: nameRows) }
        return (companies, alliances)
    }

    /// Each record's row in `order` (-1: not in it).
    public static func rows(of order: some Collection<Int32>, records: Int) -> [Int32] {
        var rows = [Int32](repeating: -1, count: records)
        for (row, record) in order.enumerated() { rows[Int(record)] = Int32(row) }
        return rows
    }

    /// Companies by `order`, largest figures first; ties by name (`nameRows`: each company's row in
    /// `companiesByName`, compared as a number: comparing the folded names again took 200 ms at 100,000 companies).
    /// Kinds go in the order of their labels in the current language.
    public static func companies(
        _ catalog: Catalog, by order: CompanyOrder, agreedOnly: Bool, figures: CompanyFigures, nameRows: [Int32]
    ) -> [Int32] {
        let companies = catalog.dataset.companies
        func byName(_ a: Int, _ b: Int) -> Bool { nameRows[a] < nameRows[b] }
        let f = [.alliances, .partners, .moneyIn, .moneyOut, .lastActivity].contains(order) ? figures.all() : []
        // The money compared, its keys made once per company (not twice per comparison).
        let money = MoneyKeys(count: [.partners, .moneyIn, .moneyOut].contains(order) ? companies.count : 0)
        for i in 0..<money.count {
            switch order {
            case .partners: money.set(i, f[i].incoming)
            case .moneyIn: money.set(i, agreedOnly ? f[i].incoming.agreedOnly : f[i].incoming)
            default: money.set(i, agreedOnly ? f[i].outgoing.agreedOnly : f[i].outgoing)
            }
        }
        let kindRank = Dictionary(
            uniqueKeysWithValues: CompanyKind.allCases.sorted { $0.label < $1.label }.enumerated().map { ($1, $0) })
        let kinds = order == .kind ? companies.map { kindRank[$0.kind] ?? 0 } : []
        return companies.indices.sorted { a, b in
            switch order {
            case .name: return byName(a, b)
            case .alliances:
                return f[a].alliances != f[b].alliances ? f[a].alliances > f[b].alliances : byName(a, b)
            case .partners:
                if f[a].partners != f[b].partners { return f[a].partners > f[b].partners }
                return money.largerFirst(a, b) ?? byName(a, b)
            case .moneyIn, .moneyOut:
                return money.largerFirst(a, b) ?? byName(a, b)
            case .lastActivity:
                switch (f[a].lastActivity, f[b].lastActivity) {
                case let (x?, y?) where x != y: return x > y
                case (.some, nil): return true
                case (nil, .some): return false
                default: return byName(a, b)
                }
            case .kind:
                return kinds[a] != kinds[b] ? kinds[a] < kinds[b] : byName(a, b)
            }
        }.map { Int32($0) }
    }

    /// Every alliance by `order`: the store's order when the catalog was read from one, else sorted here (by
    /// parties: the companies' rows by name are sorted first; the explorer passes its own, kept per catalog).
    public static func alliances(_ catalog: Catalog, by order: AllianceOrder) -> [Int32] {
        if let kept = catalog.storedOrders?.alliances(order) { return kept }
        let nameRows =
            order == .parties
            ? rows(of: companiesByName(catalog), records: catalog.dataset.companies.count) : []
        return alliances(catalog, by: order, nameRows: nameRows)
    }

    /// Every alliance by `order`: newest first (undated last); by the amount a row shows; by the parties' names as
    /// they read. Ties in dataset order.
    public static func alliances(_ catalog: Catalog, by order: AllianceOrder, nameRows: [Int32]) -> [Int32] {
        let all = catalog.dataset.alliances
        var pool = (0..<all.count).map { Int32($0) }
        switch order {
        case .date:
            let dates = all.map { $0.date?.value }
            pool.sort { x, y in
                switch (dates[Int(x)], dates[Int(y)]) {
                case let (p?, q?) where p != q: return p > q
                case (.some, nil): return true
                case (nil, .some): return false
                default: return x < y
                }
            }
        case .amount:
            // By the amount the row shows (`Amount.leadingIndex`), as money sorts everywhere (`MoneyTotal.sortKey`):
            // agreed USD first, largest first, then ceilings, floors, deals not agreed; undisclosed last.
            let shown = MoneyKeys(count: all.count)
            for (i, a) in all.enumerated() {
                var t = MoneyTotal()
                if let shown = Amount.leadingIndex(of: a.amounts) {
                    t.add(a.amounts[shown], status: a.status)
                } else {
                    t.addUndisclosed(status: a.status)
                }
                shown.set(i, t)
            }
            pool.sort { x, y in
                let p = shown.hasAmounts[Int(x)], q = shown.hasAmounts[Int(y)]
                if p != q { return p }
                return shown.largerFirst(Int(x), Int(y)) ?? (x < y)
            }
        case .parties:
            // Name by name in reading order (`Alliance.partiesAsRead`), each name its company's row in the
            // Companies list by name: a million comparisons of numbers (the parties' folded text took 4–5 s).
            let unknown = Int32(catalog.dataset.companies.count)
            var ranks: [Int32] = [], starts = [Int32](repeating: 0, count: all.count + 1)
            ranks.reserveCapacity(all.count * 3)
            for (i, a) in all.enumerated() {
                let (payers, payees, others) = a.partiesAsRead
                for id in payers + payees + others {
                    ranks.append(catalog.companyIndex[id].map { nameRows[$0] } ?? unknown)
                }
                starts[i + 1] = Int32(ranks.count)
            }
            // The first two names in one number decide most comparisons (no name: 0, first, as a shorter list of
            // names sorts before a longer one that starts with it).
            let heads = (0..<all.count).map { i -> UInt64 in
                let s = Int(starts[i]), e = Int(starts[i + 1])
                let first = s < e ? UInt64(ranks[s]) + 1 : 0, second = s + 1 < e ? UInt64(ranks[s + 1]) + 1 : 0
                return first << 32 | second
            }
            pool.sort { x, y in
                let x = Int(x), y = Int(y)
                if heads[x] != heads[y] { return heads[x] < heads[y] }
                let p = ranks[Int(starts[x])..<Int(starts[x + 1])], q = ranks[Int(starts[y])..<Int(starts[y + 1])]
                return p != q ? p.lexicographicallyPrecedes(q) : x < y
            }
        }
        return pool
    }
}

/// The orders a store keeps, read in place: every order of both lists but the Companies list by kind (whose order
/// is that of the kinds' labels in the reader's language), for the catalog the store holds.
public struct StoredOrders: Sendable {
    /// The Companies orders kept, in the order of the store's section.
    static let companyOrders: [(CompanyOrder, agreedOnly: Bool)] =
        CompanyOrder.allCases.filter { $0 != .kind }.flatMap { o in
            o.dependsOnAgreedOnly ? [(o, false), (o, true)] : [(o, false)]
        }
    let companies: FlatArray<Int32>
    let alliances: FlatArray<Int32>
    let companyCount: Int
    let allianceCount: Int

    /// The Companies list by `order`, when kept.
    public func companies(_ order: CompanyOrder, agreedOnly: Bool) -> [Int32]? {
        let agreedOnly = order.dependsOnAgreedOnly && agreedOnly
        guard let k = Self.companyOrders.firstIndex(where: { $0.0 == order && $0.agreedOnly == agreedOnly })
        else { return nil }
        return Array(companies[(k * companyCount)..<((k + 1) * companyCount)])
    }

    /// Every alliance by `order`.
    public func alliances(_ order: AllianceOrder) -> [Int32] {
        let k = AllianceOrder.allCases.firstIndex(of: order)!
        return Array(alliances[(k * allianceCount)..<((k + 1) * allianceCount)])
    }

    /// Whether each order is a permutation of its records (a store whose orders are not is damaged).
    func check() -> Bool {
        guard companies.count == Self.companyOrders.count * companyCount,
            alliances.count == AllianceOrder.allCases.count * allianceCount
        else { return false }
        func permutations(_ values: FlatArray<Int32>, _ n: Int) -> Bool {
            stride(from: 0, to: values.count, by: max(1, n)).allSatisfy {
                Self.isPermutation(values[$0..<($0 + n)], of: n)
            }
        }
        return permutations(companies, companyCount) && permutations(alliances, allianceCount)
    }

    /// Whether `values` holds each of 0..<n once.
    static func isPermutation(_ values: some Collection<Int32>, of n: Int) -> Bool {
        guard values.count == n else { return false }
        var seen = [Bool](repeating: false, count: n)
        for v in values {
            guard v >= 0, Int(v) < n, !seen[Int(v)] else { return false }
            seen[Int(v)] = true
        }
        return true
    }
}

/// Each record's `MoneyTotal.sortKey`, made once and kept flat: a sort that built two keys per comparison (each a
/// small array of dictionary lookups) took 22 s over a million alliances.
final class MoneyKeys {
    let count: Int
    private var keys: [Double]
    private(set) var hasAmounts: [Bool]
    private let width = MoneyTotal().sortKey.count

    init(count: Int) {
        self.count = count
        keys = [Double](repeating: 0, count: count * width)
        hasAmounts = [Bool](repeating: false, count: count)
    }

    func set(_ i: Int, _ total: MoneyTotal) {
        for (j, v) in total.sortKey.enumerated() { keys[i * width + j] = v }
        hasAmounts[i] = total.hasAmounts
    }

    /// Whether record `a`'s money sorts before `b`'s (larger first); nil when level.
    func largerFirst(_ a: Int, _ b: Int) -> Bool? {
        for j in 0..<width where keys[a * width + j] != keys[b * width + j] {
            return keys[a * width + j] > keys[b * width + j]
        }
        return nil
    }
}
