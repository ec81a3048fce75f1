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

    /// Everyone's figures, by company position, in one pass over the alliances (the same sums, in the same order).
    public func all() -> [Figures] {
        if let everyone = computed.withLock({ $0.everyone }) { return everyone }
        let money = catalog.moneyOfAllCompanies()
        var latest: [String: PartialDate] = [:]
        var partners: [String: Set<String>] = [:]
        for a in catalog.dataset.alliances {
            for p in a.parties {
                for q in a.parties where q.company != p.company { partners[p.company, default: []].insert(q.company) }
            }
            guard let d = a.date?.value else { continue }
            for p in a.parties {
                if let seen = latest[p.company], !(seen < d) { continue }
                latest[p.company] = d
            }
        }
        let made = catalog.dataset.companies.map { c in
            let m = money[c.id]
            return Figures(
                alliances: catalog.alliancesByCompany[c.id]?.count ?? 0, partners: partners[c.id]?.count ?? 0,
                incoming: m?.incoming ?? MoneyTotal(), outgoing: m?.outgoing ?? MoneyTotal(),
                lastActivity: latest[c.id])
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
