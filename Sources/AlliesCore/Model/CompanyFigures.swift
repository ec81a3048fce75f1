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
        /// By company position, those asked for; dropped once everyone's are known. Not an array of every company's
        /// slot: a company's figures take ~1.2 KB, and an array of 100,000 empty slots was 124 MB of the explorer.
        var oneByOne: [Int: Figures] = [:]
        var everyone: [Figures]?
    }

    public let catalog: Catalog
    private let computed: Mutex<Computed>

    public init(_ catalog: Catalog) {
        self.catalog = catalog
        computed = Mutex(Computed())
    }

    /// The figures of the company at position `k` in the dataset, from its own alliances, computed once.
    public subscript(k: Int) -> Figures {
        if let known = computed.withLock({ $0.everyone?[k] ?? $0.oneByOne[k] }) { return known }
        // One pass over its own alliances, as `all()` walks them: a hub's figures by way of `money(of:)`,
        // `partners(of:)` and `lastActivity(of:)` walked its 30,000 deals three times and listed every partner's
        // alliances, ~0.1 s a hub row at a million alliances.
        let id = catalog.dataset.companies[k].id
        var partners: Set<String> = []
        let made = Self.figures(of: id, own: catalog.alliancesByCompany[id] ?? [], catalog.dataset.alliances) {
            _, _, company in partners.insert(company).inserted
        }
        return computed.withLock { computed in
            // Everyone's may have been computed meanwhile (and the one-by-one dropped).
            if let everyone = computed.everyone { return everyone[k] }
            computed.oneByOne[k] = made
            return made
        }
    }

    /// Everyone's figures, by company position: each company's own alliances walked in dataset order, as
    /// `subscript` walks them (the same sums, added in the same order), with the parties' positions found once and
    /// partners counted by marking an array. The companies are split in two halves computed at once, on two cores:
    /// a pass over tables keyed by id strings took 13–17 s at a million alliances.
    public func all() -> [Figures] {
        if let everyone = computed.withLock({ $0.everyone }) { return everyone }
        let companies = catalog.dataset.companies, alliances = catalog.dataset.alliances
        // Positions of parties: companies by their position; an id no company has (not in a checked dataset) gets
        // one of its own past the end, so it still counts as a partner.
        var strangers: [String: Int32] = [:]
        var partyStarts = [Int32](repeating: 0, count: alliances.count + 1)
        var partyPositions: [Int32] = []
        partyPositions.reserveCapacity(alliances.count * 3)
        for (i, a) in alliances.enumerated() {
            for p in a.parties {
                if let k = catalog.companyIndex[p.company] {
                    partyPositions.append(Int32(k))
                } else {
                    let k = strangers[p.company] ?? Int32(companies.count + strangers.count)
                    strangers[p.company] = k
                    partyPositions.append(k)
                }
            }
            partyStarts[i + 1] = Int32(partyPositions.count)
        }
        let nodes = companies.count + strangers.count
        let starts = partyStarts, positionsOfParties = partyPositions
        let catalog = self.catalog
        let made = InParts.flatMap(companies.count) { range in
            // Partners are marked with the company's position, so each counts once.
            var mark = [Int32](repeating: -1, count: nodes)
            return range.map { k in
                let id = companies[k].id
                // Companies sharing an id (not in a checked dataset) have the figures of the id's alliances.
                return Self.figures(of: id, own: catalog.alliancesByCompany[id] ?? [], alliances) { i, j, _ in
                    let q = Int(positionsOfParties[Int(starts[i]) + j])
                    guard mark[q] != k else { return false }
                    mark[q] = Int32(k)
                    return true
                }
            }
        }
        return computed.withLock { computed in
            computed.everyone = made
            computed.oneByOne = [:]
            return made
        }
    }

    /// A company's figures from its own alliances, walked in dataset order (the same sums however they are asked
    /// for); `isNewPartner(alliance, party, company)` says whether that party, not the company itself, is met for
    /// the first time.
    @inline(__always)
    private static func figures(
        of id: String, own: some Collection<Int>, _ alliances: [Alliance],
        isNewPartner: (Int, Int, String) -> Bool
    ) -> Figures {
        var f = Figures()
        f.alliances = own.count
        for i in own {
            for (j, p) in alliances[i].parties.enumerated() where p.company != id && isNewPartner(i, j, p.company) {
                f.partners += 1
            }
            if let d = alliances[i].date?.value, f.lastActivity.map({ $0 < d }) ?? true { f.lastActivity = d }
            alliances[i].addMoney(of: id, incoming: &f.incoming, outgoing: &f.outgoing)
        }
        return f
    }

    /// How many companies' figures were computed one by one, and whether everyone's were (for tests).
    public var computedOneByOne: Int { computed.withLock { $0.oneByOne.count } }
    public var isComplete: Bool { computed.withLock { $0.everyone != nil } }
}
