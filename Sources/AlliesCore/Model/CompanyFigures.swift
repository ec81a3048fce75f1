import Synchronization

/// Each company's figures for one catalog: its alliances, distinct partners, money in and out, and last activity,
/// what `alliances(of:)`, `partners(of:)`, `money(of:)` and `lastActivity(of:)` give. A company's figures are computed
/// when first asked for, or everyone's in one pass over the alliances (`all()`) when a listing or a sort needs them
/// all: at a million alliances the pass takes seconds, and a screen of rows needs only its own. Safe to share
/// between threads.
public final class CompanyFigures: Sendable {
    public struct Figures: Equatable, Sendable {
        public var alliances = 0
        /// Distinct companies it has alliances with.
        public var partners = 0
        public var incoming = MoneyTotal()
        public var outgoing = MoneyTotal()
        /// The most recent date among its alliances.
        public var lastActivity: PartialDate?

        public init(
            alliances: Int = 0, partners: Int = 0, incoming: MoneyTotal = MoneyTotal(),
            outgoing: MoneyTotal = MoneyTotal(), lastActivity: PartialDate? = nil
        ) {
            self.alliances = alliances
            self.partners = partners
            self.incoming = incoming
            self.outgoing = outgoing
            self.lastActivity = lastActivity
        }
    }

    private struct Computed {
        /// By company position; dropped once everyone's are known.
        var oneByOne: [Figures?]
        var everyone: [Figures]?
    }

    public let catalog: Catalog
    private let computed: Mutex<Computed>

    public init(_ catalog: Catalog) {
        self.catalog = catalog
        computed = Mutex(Computed(oneByOne: Array(repeating: nil, count: catalog.dataset.companies.count)))
    }

    /// The figures of the company at position `k` in the dataset, from its own alliances, computed once.
    public subscript(k: Int) -> Figures {
        if let known = computed.withLock({ $0.everyone?[k] ?? $0.oneByOne[k] }) { return known }
        let id = catalog.dataset.companies[k].id
        let money = catalog.money(of: id)
        let made = Figures(
            alliances: catalog.alliancesByCompany[id]?.count ?? 0, partners: catalog.partners(of: id).count,
            incoming: money.incoming, outgoing: money.outgoing, lastActivity: catalog.lastActivity(of: id))
        return computed.withLock { computed in
            // Everyone's may have been computed meanwhile (and the one-by-one dropped).
            if let everyone = computed.everyone { return everyone[k] }
            computed.oneByOne[k] = made
            return made
        }
    }

    /// Everyone's figures, by company position, in one pass over the alliances: the same sums as `subscript`, added
    /// in the same order (each company's alliances in dataset order). Parties are found by position once, and
    /// everything is kept in arrays by position: a pass over String-keyed tables took 13–17 s at a million alliances.
    public func all() -> [Figures] {
        if let everyone = computed.withLock({ $0.everyone }) { return everyone }
        let companies = catalog.dataset.companies, alliances = catalog.dataset.alliances
        // Positions of parties: companies by their position; an id no company has (not in a checked dataset) gets
        // one of its own past the end, so it still counts as a partner.
        var strangers: [String: Int32] = [:]
        func position(_ id: String) -> Int32 {
            if let k = catalog.companyIndex[id] { return Int32(k) }
            if let k = strangers[id] { return k }
            let k = Int32(companies.count + strangers.count)
            strangers[id] = k
            return k
        }
        var partyStarts = [Int32](repeating: 0, count: alliances.count + 1)
        var partyPositions: [Int32] = []
        partyPositions.reserveCapacity(alliances.count * 3)
        var made = [Figures](repeating: Figures(), count: companies.count)
        var incoming = [MoneyTotal](repeating: MoneyTotal(), count: companies.count), outgoing = incoming
        for (i, a) in alliances.enumerated() {
            for p in a.parties { partyPositions.append(position(p.company)) }
            partyStarts[i + 1] = Int32(partyPositions.count)
        }
        func parties(_ i: Int) -> ArraySlice<Int32> { partyPositions[Int(partyStarts[i])..<Int(partyStarts[i + 1])] }
        for (i, a) in alliances.enumerated() {
            let positions = parties(i)
            let date = a.date?.value
            for (j, k) in zip(a.parties.indices, positions) where Int(k) < companies.count {
                let k = Int(k), id = a.parties[j].company
                if let d = date, made[k].lastActivity.map({ $0 < d }) ?? true { made[k].lastActivity = d }
                a.addMoney(of: id, incoming: &incoming[k], outgoing: &outgoing[k])
            }
        }
        // Alliances and distinct partners: each company's own alliances (as `subscript` counts them), partners
        // marked with the company's position so each counts once.
        var mark = [Int32](repeating: -1, count: companies.count + strangers.count)
        for (k, c) in companies.enumerated() {
            guard let own = catalog.alliancesByCompany[c.id] else { continue }
            made[k].alliances = own.count
            var partners = 0
            for i in own {
                for (p, q) in zip(alliances[i].parties, parties(i)) where p.company != c.id && mark[Int(q)] != k {
                    mark[Int(q)] = Int32(k)
                    partners += 1
                }
            }
            made[k].partners = partners
        }
        for k in made.indices {
            made[k].incoming = incoming[k]
            made[k].outgoing = outgoing[k]
        }
        // Companies sharing an id (not in a checked dataset) share the figures of the one the id finds.
        for (k, c) in companies.enumerated() {
            if let found = catalog.companyIndex[c.id], found != k { made[k] = made[found] }
        }
        return computed.withLock { computed in
            computed.everyone = made
            computed.oneByOne = []
            return made
        }
    }

    /// How many companies' figures were computed one by one, and whether everyone's were (for tests).
    public var computedOneByOne: Int { computed.withLock { $0.oneByOne.lazy.filter { $0 != nil }.count } }
    public var isComplete: Bool { computed.withLock { $0.everyone != nil } }
}
