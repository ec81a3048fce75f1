// The alliance network: companies are nodes, alliances are edges. Money edges have a direction (investor →
// investee, customer → supplier, acquirer → target, or an amount's explicit from/to); partnerships have none.
// A parent and its units can be merged (money that flows to AWS flows to Amazon).

public struct Network: Sendable {
    /// One alliance seen as a tie between two companies (after merging, if asked).
    public struct Edge: Hashable, Sendable {
        public var from: String
        public var to: String
        public var alliance: String
        /// Money flows from → to; false for ties without a direction (partners).
        public var directed: Bool
        /// Disclosed amounts on this edge (USD and other currencies kept apart); empty when undisclosed.
        public var amounts: [Amount]
        /// The alliance's status: agreed money, or money still talked about.
        public var status: AllianceStatus
        /// The alliance's date, when known.
        public var date: PartialDate?

        /// The edge's money in its parts (an undisclosed directed edge counts as one undisclosed deal).
        public var money: MoneyTotal { Self.money(amounts, directed: directed, status: status) }

        /// The money of a tie with these amounts, direction and status.
        static func money(_ amounts: [Amount], directed: Bool, status: AllianceStatus) -> MoneyTotal {
            var t = MoneyTotal()
            if amounts.isEmpty {
                if directed { t.addUndisclosed(status: status) }
            } else {
                for a in amounts { t.add(a, status: status) }
            }
            return t
        }
    }

    public let catalog: Catalog
    public let mergeUnits: Bool
    /// Only alliances whose money is agreed (announced, active, completed): `--agreed-only`, and the explorer's switch.
    public let agreedOnly: Bool

    /// One tie as the network keeps it: its ends by node number, its alliance by position in the catalog's list
    /// (whose status and date it has), and where its amounts are. 16 bytes: an `Edge` with three id strings, a status
    /// and a date was 72, and a million alliances make over a million ties.
    struct StoredTie: Sendable {
        var from: Int32
        var to: Int32
        var alliance: Int32
        var directed: Bool
        var amounts: AmountsSource
    }
    /// A tie's amounts: none, every amount of its alliance (most: no amount names its own ends), or its own.
    enum AmountsSource: UInt8, Sendable { case none, alliance, own }

    /// Node numbers: a company's position in the catalog's list (its first, for an id held twice), then numbers
    /// for ids a party names that are not a company of the catalog. No dictionary of every id (~4 MB at 1M).
    struct Numbering: Sendable {
        let index: IDIndex<Company>
        let companies: [Company]
        private(set) var others: [String: Int32] = [:]
        private(set) var otherIDs: [String] = []

        var count: Int { companies.count + otherIDs.count }
        subscript(id: String) -> Int32? { index[id].map { Int32($0) } ?? others[id] }
        func id(_ n: Int32) -> String {
            Int(n) < companies.count ? companies[Int(n)].id : otherIDs[Int(n) - companies.count]
        }
        mutating func number(_ id: String) -> Int32 {
            if let n = self[id] { return n }
            let n = Int32(count)
            others[id] = n
            otherIDs.append(id)
            return n
        }
    }

    /// The alliances the ties' positions are of (the catalog's list; shared, not copied).
    private let alliances: [Alliance]
    let numbering: Numbering
    private(set) var ties: [StoredTie] = []
    /// The amounts of the ties that have their own, by tie position.
    private let ownAmounts: [Int32: [Amount]]
    /// Tie positions by node, for both ends.
    public let adjacency: NodeLists
    /// Directed money ties out of each node.
    public let outgoing: NodeLists

    /// The ties, as edges between node ids, in the order the network keeps them.
    public var edges: Edges { Edges(network: self) }

    /// `progress` hears how far the build is, 0…1, a hundred times over (a million alliances take seconds).
    public init(
        _ catalog: Catalog, mergeUnits: Bool = false, agreedOnly: Bool = false, progress: (Double) -> Void = { _ in }
    ) {
        self.catalog = catalog
        self.mergeUnits = mergeUnits
        self.agreedOnly = agreedOnly
        let alliances = catalog.dataset.alliances
        self.alliances = alliances
        let step = max(1, alliances.count / 100)
        var ties: [StoredTie] = []
        var numbering = Numbering(index: catalog.companyIndex, companies: catalog.dataset.companies)
        var ownAmounts: [Int32: [Amount]] = [:]
        // Room for two ties an alliance (most make one): a large array's pages count only once written, and an
        // array that doubled as it grew held its old and new copies at once.
        ties.reserveCapacity(2 * alliances.count)
        // The node each party is drawn as: a unit's parent is looked up once a company, not a tie.
        var drawnAs: [String: String] = [:]
        let node = { (company: String) -> String in
            guard mergeUnits else { return company }
            if let n = drawnAs[company] { return n }
            let n = Self.node(company, catalog: catalog)
            drawnAs[company] = n
            return n
        }
        for (i, alliance) in alliances.enumerated() {
            if i % step == 0 { progress(0.9 * Double(i) / Double(alliances.count)) }
            guard !agreedOnly || MoneyStanding(alliance.status) == .agreed else { continue }
            let shared = alliance.amounts.allSatisfy { $0.from == nil && $0.to == nil }
            for e in Self.edges(of: alliance, node: node) {
                let source: AmountsSource = e.amounts.isEmpty ? .none : shared ? .alliance : .own
                if source == .own { ownAmounts[Int32(ties.count)] = e.amounts }
                ties.append(
                    StoredTie(
                        from: numbering.number(e.from), to: numbering.number(e.to), alliance: Int32(i),
                        directed: e.directed, amounts: source))
            }
        }
        progress(0.9)
        // Each node's lists as slices of one array, made at their size from a count.
        adjacency = NodeLists(numbering: numbering, ties: ties, includes: { _ in true })
        outgoing = NodeLists(numbering: numbering, ties: ties, includes: \.directed, toEnd: false)
        self.ties = ties
        self.numbering = numbering
        self.ownAmounts = ownAmounts
        progress(1)
    }

    /// Lists of tie positions by node: node `n`'s are `positions[starts[n]..<starts[n + 1]]`, in tie order.
    public struct NodeLists: Sendable {
        private let numbering: Numbering
        private let starts: [Int32]
        private let positions: [Int32]

        /// The ties `includes` takes, listed under their `from` node and (with `toEnd`) their `to` node too, once
        /// for a tie from a node to itself.
        init(numbering: Numbering, ties: [StoredTie], includes: (StoredTie) -> Bool, toEnd: Bool = true) {
            let count = numbering.count
            var counts = [Int32](repeating: 0, count: count + 1)
            for t in ties where includes(t) {
                counts[Int(t.from) + 1] += 1
                if toEnd && t.to != t.from { counts[Int(t.to) + 1] += 1 }
            }
            for n in 0..<count { counts[n + 1] += counts[n] }
            var next = counts
            var positions = [Int32](repeating: 0, count: Int(counts[count]))
            for (i, t) in ties.enumerated() where includes(t) {
                positions[Int(next[Int(t.from)])] = Int32(i)
                next[Int(t.from)] += 1
                if toEnd && t.to != t.from {
                    positions[Int(next[Int(t.to)])] = Int32(i)
                    next[Int(t.to)] += 1
                }
            }
            self.numbering = numbering; self.starts = counts; self.positions = positions
        }

        /// Node number `n`'s list.
        subscript(number n: Int32) -> Positions { Positions(positions[Int(starts[Int(n)])..<Int(starts[Int(n) + 1])]) }

        /// The node `id`'s list; nil when it has none.
        public subscript(id: String) -> Positions? {
            guard let n = numbering[id] else { return nil }
            let list = self[number: n]
            return list.isEmpty ? nil : list
        }
    }

    /// The ties as edges: made when read, from the network's node ids and the catalog's alliances.
    public struct Edges: RandomAccessCollection, Sendable {
        let network: Network
        public var startIndex: Int { 0 }
        public var endIndex: Int { network.ties.count }
        public subscript(i: Int) -> Edge { network.edge(i) }
    }

    /// The tie at position `i` as an edge.
    func edge(_ i: Int) -> Edge {
        let t = ties[i], alliance = alliances[Int(t.alliance)]
        return Edge(
            from: numbering.id(t.from), to: numbering.id(t.to), alliance: alliance.id, directed: t.directed,
            amounts: amounts(i), status: alliance.status, date: alliance.date?.value)
    }

    /// The amounts of the tie at position `i`.
    func amounts(_ i: Int) -> [Amount] {
        switch ties[i].amounts {
        case .none: return []
        case .alliance: return alliances[Int(ties[i].alliance)].amounts
        case .own: return ownAmounts[Int32(i)] ?? []
        }
    }

    /// The money of the tie at position `i` in its parts (`Edge.money`, without making the edge).
    func money(_ i: Int) -> MoneyTotal {
        Edge.money(amounts(i), directed: ties[i].directed, status: alliances[Int(ties[i].alliance)].status)
    }

    /// The node a company is drawn as: itself, or its top-most parent when units are merged.
    public func node(_ company: String) -> String {
        mergeUnits ? Self.node(company, catalog: catalog) : company
    }

    /// A company's top-most parent (itself when it has none; a loop of parents stops where it comes round).
    public static func node(_ company: String, catalog: Catalog) -> String {
        var current = company
        var seen: Set<String> = [company]
        while let parent = catalog.company(current)?.parent, seen.insert(parent).inserted { current = parent }
        return current
    }

    /// The ties one alliance makes, in the order the network keeps them, between the nodes `node` draws its
    /// parties as: money edges between payers and payees (and an amount's own ends), then partners' ties.
    static func edges(of alliance: Alliance, node: (String) -> String) -> [Edge] {
        var edges: [Edge] = []
        // An alliance has a handful of parties: pairs are found in small arrays, in the order first met.
        var directed: [(from: String, to: String, amounts: [Amount])] = []
        func index(_ f: String, _ t: String) -> Int {
            if let i = directed.firstIndex(where: { $0.from == f && $0.to == t }) { return i }
            directed.append((f, t, []))
            return directed.count - 1
        }
        // The parties by the way their money goes, in one pass (a million alliances' parties at 1M).
        var payers: [String] = [], payees: [String] = [], partners: [String] = []
        // Each node once: a parent and its unit merged into one node pay once (twice, each amount was counted twice).
        for party in alliance.parties {
            let n = node(party.company)
            switch party.role.moneyDirection {
            case .pays: if !payers.contains(n) { payers.append(n) }
            case .receives: if !payees.contains(n) { payees.append(n) }
            case .none: partners.append(n)
            }
        }
        for f in payers { for t in payees where f != t { _ = index(f, t) } }
        if alliance.amounts.allSatisfy({ $0.from == nil && $0.to == nil }) {
            // Every amount on every tie from a payer to a payee: the ties share the alliance's array (at a million
            // alliances a copy of it on each tie was ~50 MB of the network).
            for k in directed.indices { directed[k].amounts = alliance.amounts }
        } else {
            for amount in alliance.amounts {
                let from = amount.from.map { [node($0)] } ?? payers
                let to = amount.to.map { [node($0)] } ?? payees
                for f in from { for t in to where f != t { directed[index(f, t)].amounts.append(amount) } }
            }
        }
        let date = alliance.date?.value
        for d in directed {
            edges.append(
                Edge(
                    from: d.from, to: d.to, alliance: alliance.id, directed: true, amounts: d.amounts,
                    status: alliance.status, date: date))
        }
        // Partners: an undirected tie between every two partners, and between partners and the others.
        guard !partners.isEmpty else { return edges }
        let everyone = alliance.parties.map { node($0.company) }
        var tied: [(String, String)] = []
        for p in partners {
            for other in everyone where other != p {
                let pair = p < other ? (p, other) : (other, p)
                if tied.contains(where: { $0 == pair }) { continue }
                tied.append(pair)
                if !directed.contains(where: { ($0.from == p && $0.to == other) || ($0.from == other && $0.to == p) }) {
                    edges.append(
                        Edge(
                            from: p, to: other, alliance: alliance.id, directed: false, amounts: [],
                            status: alliance.status, date: date))
                }
            }
        }
        return edges
    }

    /// Every node that has at least one tie, in first-seen order of the dataset's companies.
    public var nodes: [String] {
        var seen = Set<String>()
        var result: [String] = []
        for c in catalog.dataset.companies {
            let n = node(c.id)
            if seen.insert(n).inserted { result.append(n) }
        }
        return result
    }

    // MARK: Ego network

    public struct Tie: Hashable, Sendable {
        public var company: String
        public var via: String?  // for two-hop ties: the partner in between
        public var alliances: [String]
        public var kind: AllianceKind
        public var amounts: [Amount]
        /// The money of the tie's alliances, in its parts, seen from the company whose tie it is (the centre, or
        /// the partner in between for a two-hop tie): what it receives and what it pays. Never added together.
        public var incoming: MoneyTotal
        public var outgoing: MoneyTotal
        /// Amounts of the tie's alliances that flow to no one as their roles stand (an investor and a partner, no
        /// one who receives, and no `from`/`to` of the amount's own): money the data does not say the direction of,
        /// which is neither in nor out, and never none.
        public var undirected = MoneyTotal()
        /// The statuses of the tie's alliances.
        public var statuses: Set<AllianceStatus> = []

        /// The statuses when none of the tie's alliances is agreed (a predicted alliance, deals in talks), in their
        /// declared order; empty when one is. A tie of these alone is not an alliance that exists.
        public var unagreed: [AllianceStatus] {
            statuses.contains { MoneyStanding($0) == .agreed } ? [] : AllianceStatus.allCases.filter(statuses.contains)
        }

        /// `unagreed` less the statuses `totals` (this tie's money, as shown) name beside their money: a row that
        /// says `in talks: ~$10B` does not say `in talks` again.
        public func unagreed(unnamedBy totals: [MoneyTotal]) -> [AllianceStatus] {
            let named = Set(totals.compactMap(\.pendingStatus))
            return unagreed.filter { !named.contains($0) }
        }

        /// The kinds of `ties`, in the order a network lists them (its groups).
        public static func kinds(of ties: [Tie]) -> [AllianceKind] {
            AllianceKind.allCases.filter { k in ties.contains { $0.kind == k } }
        }

        /// Each partner's first kind in that order: where its two-hop ties are listed, once.
        public static func firstKinds(of ties: [Tie]) -> [String: AllianceKind] {
            var first: [String: AllianceKind] = [:]
            for kind in kinds(of: ties) {
                for t in ties where t.kind == kind && first[t.company] == nil { first[t.company] = kind }
            }
            return first
        }
    }

    /// A company's partners one hop out and, when `depth` is 2, two hops out (through each partner), each with the
    /// alliances that tie them. Two-hop ties skip the company itself and its direct partners.
    public func ego(_ company: String, depth: Int = 1) -> (direct: [Tie], indirect: [Tie]) {
        let view = egoView(company, twoHops: depth >= 2)
        return (view.direct, view.indirect)
    }

    /// A company's ties one and two hops out, as a screen lists them.
    public struct Ego: Sendable {
        public var direct: [Tie]
        /// Two hops out, each partner's in the order first met; at most the limit asked for through each partner.
        public var indirect: [Tie]
        /// How many two-hop ties each partner has beyond the limit (partners with none left out are not keys).
        public var leftOut: [String: Int]
        /// How many distinct companies are two hops out, in all.
        public var twoHopCompanies: Int
        /// At most how many two-hop ties were made through each partner; nil when all were.
        public var twoHopLimit: Int? = nil
    }

    /// At most how many ties `egoView(company)` goes through: the company's own and, two hops out, each partner's
    /// (counted once for each tie to it). A screen weighs the view with it before making it where keys wait: a hub's
    /// at a million alliances goes through ~500,000.
    public func egoViewWork(_ company: String) -> Int {
        guard let center = numbering[node(company)] else { return 0 }
        var work = 0
        for i in adjacency[number: center] {
            let t = ties[i]
            work += 1 + adjacency[number: t.from == center ? t.to : t.from].count
        }
        return work
    }

    /// `ego` for a screen: through each partner at most `twoHopLimit` two-hop ties are made, the rest only counted;
    /// and at most `twoHopBudget` in all, evenly (the limit lowered to the budget over the partners, down to none).
    /// A hub's partners' partners at a million alliances are over 100,000 ties (seconds to make, ~0.2 GB), and a
    /// hub of 16,000 partners 25 of each's made 400,000 (~0.24 GB) before its screen was drawn.
    public func egoView(_ company: String, twoHops: Bool = true, twoHopLimit: Int? = nil, twoHopBudget: Int? = nil)
        -> Ego
    {
        guard let center = numbering[node(company)] else {
            return Ego(direct: [], indirect: [], leftOut: [:], twoHopCompanies: 0)
        }
        struct Key: Hashable { let other: Int32; let kind: AllianceKind }
        // Nodes by number, marked: a hub's partners' ties at a million alliances are ~500,000, and hashing each
        // into sets was most of the seconds its Network view took.
        var excluded = [Bool](repeating: false, count: numbering.count)
        excluded[Int(center)] = true
        func ties(from n: Int32, limit: Int?) -> (ties: [Tie], leftOut: Int) {
            // The ties in the order first met, found by key: not a dictionary of ties copied into an array at the
            // end (a hub's 20,000 ties were held twice at the peak).
            var made: [Tie] = []
            var byNeighbour: [Key: Int] = [:]
            var leftOut = Set<Key>()
            for i in adjacency[number: n] {
                let e = self.ties[i]
                let other = e.from == n ? e.to : e.from
                if excluded[Int(other)] { continue }
                // The alliance's fields read where they lie: a copy of the whole alliance (its texts, parties and
                // amounts retained and released) for each tie was a fifth of a hub's view.
                let a = Int(e.alliance)
                let kind = alliances[a].kind, status = alliances[a].status
                // One tie per partner and kind: OpenAI's $38B cloud contract with AWS is not filed under their chip
                // talks because those came first.
                let key = Key(other: other, kind: kind)
                let t: Int
                if let known = byNeighbour[key] {
                    t = known
                } else {
                    if let limit, made.count >= limit {
                        leftOut.insert(key)
                        continue
                    }
                    t = made.count
                    byNeighbour[key] = t
                    made.append(
                        Tie(
                            company: numbering.id(other), via: nil, alliances: [], kind: kind, amounts: [],
                            incoming: MoneyTotal(), outgoing: MoneyTotal()))
                }
                made[t].statuses.insert(status)
                if !made[t].alliances.contains(alliances[a].id) {
                    made[t].alliances.append(alliances[a].id)
                    if !e.directed {
                        for amount in alliances[a].undirectedAmounts {
                            made[t].undirected.add(amount, status: status)
                        }
                    }
                }
                made[t].amounts += amounts(i)
                if e.directed {
                    if e.to == n {
                        made[t].incoming.merge(money(i))
                    } else {
                        made[t].outgoing.merge(money(i))
                    }
                }
            }
            return (made, leftOut.count)
        }
        let direct = ties(from: center, limit: nil).ties
        guard twoHops else { return Ego(direct: direct, indirect: [], leftOut: [:], twoHopCompanies: 0) }
        var partnerNodes: [Int32] = []
        for d in direct {
            let partner = numbering[d.company]!
            // Each partner once (one tied by alliances of two kinds is two direct ties).
            if !excluded[Int(partner)] { partnerNodes.append(partner) }
            excluded[Int(partner)] = true
        }
        let limit = twoHopBudget.map { min(twoHopLimit ?? .max, $0 / max(1, partnerNodes.count)) } ?? twoHopLimit
        var indirect: [Tie] = []
        var leftOut: [String: Int] = [:]
        var twoHop = [Bool](repeating: false, count: numbering.count)
        var twoHopCompanies = 0
        // With none to make, a partner's ties are only counted: one per other company and kind, each marked with
        // the partner's turn (no tie, no set of keys).
        let kinds = AllianceKind.allCases.count
        var counted = limit == 0 ? [Int32](repeating: -1, count: numbering.count * kinds) : []
        for (turn, partner) in partnerNodes.enumerated() {
            let via = numbering.id(partner)
            var more = 0
            for i in adjacency[number: partner] {
                let t = self.ties[i]
                let other = t.from == partner ? t.to : t.from
                guard !excluded[Int(other)] else { continue }
                if !twoHop[Int(other)] {
                    twoHop[Int(other)] = true
                    twoHopCompanies += 1
                }
                if limit == 0 {
                    let slot = Int(other) * kinds + alliances[Int(t.alliance)].kind.ordinal
                    if counted[slot] != Int32(turn) {
                        counted[slot] = Int32(turn)
                        more += 1
                    }
                }
            }
            if limit != 0 {
                let found: [Tie]
                (found, more) = ties(from: partner, limit: limit)
                for var t in found {
                    t.via = via
                    indirect.append(t)
                }
            }
            if more > 0 { leftOut[via] = more }
        }
        return Ego(
            direct: direct, indirect: indirect, leftOut: leftOut, twoHopCompanies: twoHopCompanies,
            twoHopLimit: limit)
    }

    // MARK: Paths

    /// One step of a path: from a company to the next, through one or more alliances that tie them.
    public struct Step: Hashable, Sendable {
        public var from: String
        public var to: String
        public var alliances: [String]

        /// How money moves on this step: from `from` to `to`, the other way, both ways (several alliances), or
        /// not at all (partnerships).
        public enum Direction: String, Sendable { case forward, backward, both, none }
    }

    /// The direction of money between two nodes over their alliances (for a path's step).
    public func direction(from x: String, to y: String) -> Step.Direction {
        var forward = false, backward = false
        let from = numbering[x]
        for i in tiePositions(between: x, and: y) where ties[i].directed {
            if ties[i].from == from { forward = true } else { backward = true }
        }
        return forward && backward ? .both : forward ? .forward : backward ? .backward : .none
    }

    /// The positions of the ties between two nodes, either way, in tie order: read from the end with fewer ties
    /// (a path's step often has a hub at one end, with tens of thousands of them at a million alliances).
    func tiePositions(between x: String, and y: String) -> [Int] {
        guard let a = numbering[x], let b = numbering[y] else { return [] }
        let ofA = adjacency[number: a], ofB = adjacency[number: b]
        return (ofA.count <= ofB.count ? ofA : ofB).filter { i in
            let t = ties[i]
            return (t.from == a && t.to == b) || (t.from == b && t.to == a)
        }
    }

    /// The edges between two nodes, either way.
    public func edges(between x: String, and y: String) -> [Edge] {
        tiePositions(between: x, and: y).map(edge)
    }

    /// The shortest chains of alliances between two companies, ignoring direction; every chain of the shortest
    /// length (up to `limit`), in a stable order.
    public func shortestPaths(from a: String, to b: String, limit: Int = 20) -> [[Step]] {
        guard let start = numbering[node(a)], let goal = numbering[node(b)], start != goal else { return [] }
        var distance: [Int32: Int] = [start: 0]
        var parents: [Int32: [Int32]] = [:]
        var frontier = [start]
        while !frontier.isEmpty, distance[goal] == nil {
            var next: [Int32] = []
            for n in frontier {
                for i in adjacency[number: n] {
                    let t = ties[i]
                    let m = t.from == n ? t.to : t.from
                    if distance[m] == nil {
                        distance[m] = distance[n]! + 1
                        next.append(m)
                    }
                    if distance[m] == distance[n]! + 1, !(parents[m] ?? []).contains(n) {
                        parents[m, default: []].append(n)
                    }
                }
            }
            frontier = next
        }
        guard distance[goal] != nil else { return [] }
        var paths: [[Int32]] = []
        func walk(_ n: Int32, _ suffix: [Int32]) {
            if paths.count >= limit { return }
            if n == start { paths.append([n] + suffix); return }
            for p in parents[n] ?? [] { walk(p, [n] + suffix) }
        }
        walk(goal, [])
        return paths.map { numbers in
            let ids = numbers.map(numbering.id)
            return zip(ids, ids.dropFirst()).map { x, y in
                Step(from: x, to: y, alliances: alliances(between: x, and: y))
            }
        }
    }

    /// The alliances tying two nodes, in dataset order.
    public func alliances(between x: String, and y: String) -> [String] {
        var ids: [String] = []
        for i in tiePositions(between: x, and: y) {
            let id = alliances[Int(ties[i].alliance)].id
            if !ids.contains(id) { ids.append(id) }
        }
        return ids
    }

    // MARK: Circular financing

    /// A loop in the money-flow graph: A pays or invests in B … and money comes back to A.
    public struct Cycle: Hashable, Sendable {
        /// Each step with the directed alliances from one company to the next.
        public var steps: [Step]
        /// The money on each step, in its parts (agreed, ceilings, pending, undisclosed…).
        public var stepMoney: [MoneyTotal]
        /// Agreed USD on the loop's steps, added up: exact and approximate amounts of agreed deals only (no
        /// ceilings, floors, pending or ended deals, no rates). A sum of different payments, each its own way round:
        /// what ranks the loops; `roundUSD` is what agreed money can carry all the way round. 0 with `hasAgreedUSD`
        /// false when no step has any.
        public var agreedUSD: Double
        /// Some step has agreed USD.
        public var hasAgreedUSD: Bool { stepMoney.contains { $0.agreed.total.amounts["USD"] != nil } }
        /// Whether `agreedUSD` includes a cumulative total, or a contract's value over several years.
        public var agreedIncludesCumulative: Bool {
            stepMoney.contains { $0.agreed.total.amounts.includesCumulative("USD") }
        }
        public var agreedIncludesMultiYear: Bool {
            stepMoney.contains { $0.agreed.total.amounts.includesMultiYear("USD") }
        }
        /// The smallest step in agreed USD: what agreed money can go all the way round. Nil when a step has none.
        public var roundUSD: Double?
        /// `agreedUSD` includes an approximate or estimated amount (shown with `~`).
        public var agreedIsApproximate: Bool
        /// The step that gives `roundUSD` is approximate.
        public var roundIsApproximate: Bool
        /// Some step carries money that `agreedUSD` leaves out (a ceiling, a floor, a rate, a pending or ended deal).
        public var hasOtherMoney: Bool
        /// The earliest and the latest date of the loop's alliances (nil when none is dated).
        public var firstDate: PartialDate?
        public var lastDate: PartialDate?
        /// Whether the steps happened in the order of the loop (from its earliest step round): nil when a step is
        /// undated. Each step is dated by its earliest alliance.
        public var inTimeOrder: Bool?
        public var companies: [String] { steps.map(\.from) }
    }

    /// How cycles are ranked.
    public enum CycleOrder: String, CaseIterable, Sendable {
        /// Agreed money around the loop, largest first.
        case money
        /// The latest date of the loop, newest first (undated last).
        case time
    }

    /// Every simple cycle of directed money edges with at most `maxLength` companies (up to `limit` of them; the
    /// second value says whether the limit cut the search short), ranked by `order`. Each cycle is listed once,
    /// starting at its smallest company id. `isCancelled` is asked now and then; when it says yes, the cycles found
    /// so far are returned. `progress` hears how many have been found, at the same moments.
    public func cycles(
        maxLength: Int = 6, limit: Int = 10_000, order: CycleOrder = .money,
        isCancelled: () -> Bool = { false },
        progress: (Int) -> Void = { _ in }
    ) -> (cycles: [Cycle], capped: Bool) {
        var capped = false
        var visits = 0
        var cancelled = false
        // Nodes renumbered in the order of their ids, so that comparing numbers compares ids; next nodes of each,
        // sorted, made once. The search then touches no string.
        var onMoney = [Bool](repeating: false, count: numbering.count)
        for t in ties where t.directed { onMoney[Int(t.from)] = true; onMoney[Int(t.to)] = true }
        let byID = onMoney.indices.filter { onMoney[$0] }.map { (n: $0, id: numbering.id(Int32($0))) }
            .sorted { $0.id < $1.id }.map(\.n)
        let names = byID.map { numbering.id(Int32($0)) }
        var rank = [Int](repeating: -1, count: numbering.count)
        for (r, n) in byID.enumerated() { rank[n] = r }
        var next = [[Int]](repeating: [], count: names.count)
        for (r, n) in byID.enumerated() {
            next[r] = Set(outgoing[number: Int32(n)].map { rank[Int(ties[$0].to)] }).sorted()
        }
        // An edge between two strongly connected components is on no loop: keep only edges inside one, so the
        // search never wanders where it cannot come back.
        let component = Self.components(next)
        for n in next.indices { next[n] = next[n].filter { component[$0] == component[n] } }
        // For each start, how many steps each later node needs to come back to it (a search backwards, as deep as
        // a loop may be long): a path that cannot close within the length is not followed.
        var previous = [[Int]](repeating: [], count: names.count)
        for n in next.indices { for m in next[n] { previous[m].append(n) } }
        var back = [Int](repeating: 0, count: names.count)
        var backStamp = [Int](repeating: -1, count: names.count)
        var found: [[Int]] = []
        var onPath = [Bool](repeating: false, count: names.count)
        var path: [Int] = []
        func dfs(_ n: Int, _ start: Int) {
            visits += 1
            if visits & 1023 == 1 {
                if isCancelled() { cancelled = true }
                progress(found.count)
            }
            if cancelled || capped { return }
            for m in next[n] {
                if m == start && path.count >= 2 {
                    if found.count >= limit { capped = true; return }
                    found.append(path)
                    continue
                }
                // Only visit nodes after the start, so each cycle is found from its smallest node once.
                guard m > start, !onPath[m], backStamp[m] == start, path.count + back[m] <= maxLength else { continue }
                path.append(m); onPath[m] = true
                dfs(m, start)
                path.removeLast(); onPath[m] = false
                if cancelled || capped { return }
            }
        }
        for start in names.indices where !next[start].isEmpty {
            if cancelled || capped { break }
            var frontier = [start]
            backStamp[start] = start; back[start] = 0
            for depth in 1..<max(1, maxLength) where !frontier.isEmpty {
                var further: [Int] = []
                for n in frontier {
                    for p in previous[n] where p > start && backStamp[p] != start {
                        backStamp[p] = start; back[p] = depth; further.append(p)
                    }
                }
                frontier = further
            }
            path = [start]
            onPath[start] = true
            dfs(start, start)
            onPath[start] = false
        }
        // Loops share steps (hubs are on many): each step's alliances, money and date are worked out once.
        var steps: [StepKey: StepFigures] = [:]
        var cycles = found.map { cycle($0.map { names[$0] }, steps: &steps) }
        Self.rank(&cycles, by: order)
        return (cycles, capped || cancelled)
    }

    /// Orders loops by agreed money (largest first) or by time (newest last date first, undated last); ties by
    /// fewer steps, then by company ids.
    public static func rank(_ cycles: inout [Cycle], by order: CycleOrder) {
        cycles.sort { a, b in
            switch order {
            case .money:
                if a.agreedUSD != b.agreedUSD { return a.agreedUSD > b.agreedUSD }
            case .time:
                switch (a.lastDate, b.lastDate) {
                case let (x?, y?) where x != y: return x > y
                case (.some, nil): return true
                case (nil, .some): return false
                default: if a.agreedUSD != b.agreedUSD { return a.agreedUSD > b.agreedUSD }
                }
            }
            if a.steps.count != b.steps.count { return a.steps.count < b.steps.count }
            return a.companies.lexicographicallyPrecedes(b.companies)
        }
    }

    private struct StepKey: Hashable { let from: String; let to: String }
    private struct StepFigures {
        let alliances: [String]; let money: MoneyTotal
        /// The earliest and latest dates of the step's alliances; nil when one of them is undated.
        let first: PartialDate?; let last: PartialDate?; let undated: Bool
    }

    /// The directed alliances from `x` to `y`, their money and their dates.
    private func stepFigures(_ x: String, _ y: String) -> StepFigures {
        var ids: [String] = []
        var total = MoneyTotal()
        var first: PartialDate?, last: PartialDate?, undated = false
        if let from = numbering[x], let to = numbering[y] {
            for i in outgoing[number: from] where ties[i].to == to {
                let t = ties[i], alliance = alliances[Int(t.alliance)]
                if !ids.contains(alliance.id) { ids.append(alliance.id) }
                total.merge(money(i))
                guard let d = alliance.date?.value else { undated = true; continue }
                if first.map({ d < $0 }) ?? true { first = d }
                if last.map({ $0 < d }) ?? true { last = d }
            }
        }
        return StepFigures(alliances: ids, money: total, first: first, last: last, undated: undated)
    }

    /// The strongly connected component of each node (Tarjan's algorithm, without recursion).
    static func components(_ next: [[Int]]) -> [Int] {
        let count = next.count
        var index = [Int](repeating: -1, count: count), low = [Int](repeating: 0, count: count)
        var onStack = [Bool](repeating: false, count: count)
        var component = [Int](repeating: -1, count: count)
        var stack: [Int] = []
        var counter = 0, components = 0
        for root in 0..<count where index[root] < 0 {
            // Each frame: a node and how many of its next nodes were looked at.
            var frames: [(node: Int, edge: Int)] = [(root, 0)]
            index[root] = counter; low[root] = counter; counter += 1
            stack.append(root); onStack[root] = true
            while let frame = frames.last {
                let n = frame.node
                if frame.edge < next[n].count {
                    frames[frames.count - 1].edge += 1
                    let m = next[n][frame.edge]
                    if index[m] < 0 {
                        index[m] = counter; low[m] = counter; counter += 1
                        stack.append(m); onStack[m] = true
                        frames.append((m, 0))
                    } else if onStack[m] {
                        low[n] = min(low[n], index[m])
                    }
                    continue
                }
                frames.removeLast()
                if let parent = frames.last { low[parent.node] = min(low[parent.node], low[n]) }
                if low[n] == index[n] {
                    while let m = stack.popLast() {
                        onStack[m] = false
                        component[m] = components
                        if m == n { break }
                    }
                    components += 1
                }
            }
        }
        return component
    }

    private func cycle(_ nodes: [String], steps memo: inout [StepKey: StepFigures]) -> Cycle {
        let pairs = zip(nodes, nodes.dropFirst() + [nodes[0]]).map { ($0, $1) }
        var steps: [Step] = []
        var money: [MoneyTotal] = []
        var stepDates: [PartialDate?] = []
        var allDates: [PartialDate] = []
        for (x, y) in pairs {
            let key = StepKey(from: x, to: y)
            let figures = memo[key] ?? stepFigures(x, y)
            memo[key] = figures
            steps.append(Step(from: x, to: y, alliances: figures.alliances))
            money.append(figures.money)
            // A step is dated by its earliest alliance for the order; the span takes every alliance.
            stepDates.append(figures.undated ? nil : figures.first)
            allDates += [figures.first, figures.last].compactMap { $0 }
        }
        let agreed = money.map { $0.agreed.total.amounts["USD"] }
        let other = money.contains { t in
            var rest = t
            rest.agreed.total.amounts = CurrencySums()
            rest.agreed.undisclosed = 0
            return rest.hasAmounts || t.agreed.total.amounts.currencies.contains { $0 != "USD" }
        }
        let dated = stepDates.compactMap { $0 }
        var inOrder: Bool?
        if dated.count == stepDates.count, !dated.isEmpty {
            // Round the loop, a step dated earlier than the step before it is a step back in time: the steps can
            // be read in time order (from some step round) when there is at most one.
            let backs = dated.indices.filter { dated[$0] < dated[($0 + dated.count - 1) % dated.count] }.count
            inOrder = backs <= 1
        }
        // An estimate makes a loop's sum approximate (`~$89B`): the loop's line has no room for its words.
        let approximate = money.map {
            $0.agreed.total.amounts.isApproximate("USD") || $0.agreed.total.amounts.includesEstimate("USD")
        }
        let round: Int? = agreed.contains { $0 == nil } ? nil : agreed.indices.min { agreed[$0]! < agreed[$1]! }
        return Cycle(
            steps: steps, stepMoney: money, agreedUSD: agreed.compactMap { $0 }.reduce(0, +),
            roundUSD: round.flatMap { agreed[$0] },
            agreedIsApproximate: zip(agreed, approximate).contains { $0 != nil && $1 },
            roundIsApproximate: round.map { approximate[$0] } ?? false,
            hasOtherMoney: other, firstDate: allDates.min(), lastDate: allDates.max(), inTimeOrder: inOrder)
    }

    // MARK: Hubs

    public struct Hub: Hashable, Sendable {
        public var company: String
        public var alliances: Int
        /// Distinct companies it has alliances with.
        public var partners: Int
        /// Money in and out, in its parts.
        public var incoming: MoneyTotal
        public var outgoing: MoneyTotal
    }

    /// Every company with a tie: its number of alliances and of distinct partners, and its money in and out.
    public func hubs() -> [Hub] {
        var result: [Hub] = []
        for id in nodes {
            guard let n = numbering[id] else { continue }
            var alliancesSeen = Set<Int32>()
            var partners = Set<Int32>()
            var incoming = MoneyTotal(), outgoingTotal = MoneyTotal()
            for i in adjacency[number: n] {
                let t = ties[i]
                alliancesSeen.insert(t.alliance)
                partners.insert(t.from == n ? t.to : t.from)
                guard t.directed else { continue }
                if t.to == n { incoming.merge(money(i)) }
                if t.from == n { outgoingTotal.merge(money(i)) }
            }
            if !alliancesSeen.isEmpty {
                result.append(
                    Hub(
                        company: id, alliances: alliancesSeen.count, partners: partners.count, incoming: incoming,
                        outgoing: outgoingTotal))
            }
        }
        return result
    }
}

extension AllianceKind {
    /// Its place among all kinds, for tables indexed by kind.
    var ordinal: Int { Self.allCases.firstIndex(of: self)! }
}
