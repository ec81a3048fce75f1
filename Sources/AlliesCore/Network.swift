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
    }

    public let catalog: Catalog
    public let mergeUnits: Bool
    public private(set) var edges: [Edge] = []
    /// Edge positions by node, for both ends.
    public private(set) var adjacency: [String: [Int]] = [:]
    /// Directed money edges out of each node.
    public private(set) var outgoing: [String: [Int]] = [:]

    public init(_ catalog: Catalog, mergeUnits: Bool = false) {
        self.catalog = catalog
        self.mergeUnits = mergeUnits
        for alliance in catalog.dataset.alliances { addEdges(of: alliance) }
    }

    /// The node a company is drawn as: itself, or its top-most parent when units are merged.
    public func node(_ company: String) -> String {
        guard mergeUnits else { return company }
        var current = company
        var seen: Set<String> = [company]
        while let parent = catalog.company(current)?.parent, seen.insert(parent).inserted { current = parent }
        return current
    }

    private mutating func addEdges(of alliance: Alliance) {
        var directedPairs: [String: [Amount]] = [:]  // "from\tto" → amounts
        var order: [String] = []
        func key(_ f: String, _ t: String) -> String { f + "\t" + t }
        let payers = alliance.parties.filter { $0.role.moneyDirection == .pays }.map { node($0.company) }
        let payees = alliance.parties.filter { $0.role.moneyDirection == .receives }.map { node($0.company) }
        for f in payers { for t in payees where f != t {
            let k = key(f, t)
            if directedPairs[k] == nil { directedPairs[k] = []; order.append(k) }
        } }
        for amount in alliance.amounts {
            let from = amount.from.map { [node($0)] } ?? payers
            let to = amount.to.map { [node($0)] } ?? payees
            for f in from { for t in to where f != t {
                let k = key(f, t)
                if directedPairs[k] == nil { directedPairs[k] = []; order.append(k) }
                directedPairs[k]!.append(amount)
            } }
        }
        for k in order {
            let parts = k.split(separator: "\t").map(String.init)
            append(Edge(from: parts[0], to: parts[1], alliance: alliance.id, directed: true, amounts: directedPairs[k]!))
        }
        // Partners: an undirected tie between every two partners, and between partners and the others.
        let partners = alliance.parties.filter { $0.role.moneyDirection == .none }.map { node($0.company) }
        let everyone = alliance.parties.map { node($0.company) }
        var tied = Set<String>()
        for p in partners {
            for other in everyone where other != p {
                let pair = [p, other].sorted().joined(separator: "\t")
                if tied.insert(pair).inserted, directedPairs[key(p, other)] == nil, directedPairs[key(other, p)] == nil {
                    append(Edge(from: p, to: other, alliance: alliance.id, directed: false, amounts: []))
                }
            }
        }
    }

    private mutating func append(_ edge: Edge) {
        let i = edges.count
        edges.append(edge)
        adjacency[edge.from, default: []].append(i)
        if edge.to != edge.from { adjacency[edge.to, default: []].append(i) }
        if edge.directed { outgoing[edge.from, default: []].append(i) }
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
        public var via: String?       // for two-hop ties: the partner in between
        public var alliances: [String]
        public var kind: AllianceKind
        public var amounts: [Amount]
    }

    /// A company's partners one hop out and, when `depth` is 2, two hops out (through each partner), each with the
    /// alliances that tie them. Two-hop ties skip the company itself and its direct partners.
    public func ego(_ company: String, depth: Int = 1) -> (direct: [Tie], indirect: [Tie]) {
        let center = node(company)
        func ties(from n: String, excluding: Set<String>) -> [Tie] {
            var order: [String] = []
            var byNeighbour: [String: Tie] = [:]
            for i in adjacency[n] ?? [] {
                let e = edges[i]
                let other = e.from == n ? e.to : e.from
                if excluding.contains(other) { continue }
                let kind = catalog.alliance(e.alliance)?.kind ?? .partnership
                if byNeighbour[other] == nil {
                    order.append(other)
                    byNeighbour[other] = Tie(company: other, via: nil, alliances: [], kind: kind, amounts: [])
                }
                if !byNeighbour[other]!.alliances.contains(e.alliance) { byNeighbour[other]!.alliances.append(e.alliance) }
                byNeighbour[other]!.amounts += e.amounts
            }
            return order.map { byNeighbour[$0]! }
        }
        let direct = ties(from: center, excluding: [center])
        guard depth >= 2 else { return (direct, []) }
        var exclude = Set(direct.map(\.company))
        exclude.insert(center)
        var indirect: [Tie] = []
        var seen = Set<String>()
        for d in direct {
            for var t in ties(from: d.company, excluding: exclude) where seen.insert(t.company + "\t" + d.company).inserted {
                t.via = d.company
                indirect.append(t)
            }
        }
        return (direct, indirect)
    }

    // MARK: Paths

    /// One step of a path: from a company to the next, through one or more alliances that tie them.
    public struct Step: Hashable, Sendable {
        public var from: String
        public var to: String
        public var alliances: [String]
    }

    /// The shortest chains of alliances between two companies, ignoring direction; every chain of the shortest
    /// length (up to `limit`), in a stable order.
    public func shortestPaths(from a: String, to b: String, limit: Int = 20) -> [[Step]] {
        let start = node(a), goal = node(b)
        guard start != goal else { return [] }
        var distance: [String: Int] = [start: 0]
        var parents: [String: [String]] = [:]
        var frontier = [start]
        while !frontier.isEmpty, distance[goal] == nil {
            var next: [String] = []
            for n in frontier {
                for i in adjacency[n] ?? [] {
                    let e = edges[i]
                    let m = e.from == n ? e.to : e.from
                    if distance[m] == nil {
                        distance[m] = distance[n]! + 1
                        next.append(m)
                    }
                    if distance[m] == distance[n]! + 1, !(parents[m] ?? []).contains(n) { parents[m, default: []].append(n) }
                }
            }
            frontier = next
        }
        guard distance[goal] != nil else { return [] }
        var paths: [[String]] = []
        func walk(_ n: String, _ suffix: [String]) {
            if paths.count >= limit { return }
            if n == start { paths.append([n] + suffix); return }
            for p in parents[n] ?? [] { walk(p, [n] + suffix) }
        }
        walk(goal, [])
        return paths.map { nodes in
            zip(nodes, nodes.dropFirst()).map { x, y in Step(from: x, to: y, alliances: alliances(between: x, and: y)) }
        }
    }

    /// The alliances tying two nodes, in dataset order.
    public func alliances(between x: String, and y: String) -> [String] {
        var ids: [String] = []
        for i in adjacency[x] ?? [] {
            let e = edges[i]
            if (e.from == x && e.to == y) || (e.from == y && e.to == x), !ids.contains(e.alliance) { ids.append(e.alliance) }
        }
        return ids
    }

    // MARK: Circular financing

    /// A loop in the money-flow graph: A pays or invests in B … and money comes back to A.
    public struct Cycle: Hashable, Sendable {
        /// Each step with the directed alliances from one company to the next.
        public var steps: [Step]
        /// Disclosed USD on each step (nil when every alliance on the step is undisclosed).
        public var stepUSD: [Double?]
        /// Sum of the disclosed USD around the loop.
        public var totalUSD: Double
        /// The smallest disclosed step: what can go all the way round. Nil when a step is undisclosed.
        public var circulatingUSD: Double?
        public var companies: [String] { steps.map(\.from) }
    }

    /// Every simple cycle of directed money edges with at most `maxLength` companies, ranked by disclosed money
    /// around the loop (then by length and name). Each cycle is listed once, starting at its smallest company id.
    public func cycles(maxLength: Int = 6, limit: Int = 10_000) -> [Cycle] {
        var found: [[String]] = []
        let order = outgoing.keys.sorted()
        for start in order {
            var path = [start]
            var onPath: Set<String> = [start]
            func dfs(_ n: String) {
                if found.count >= limit { return }
                let nextNodes = Set((outgoing[n] ?? []).map { edges[$0].to }).sorted()
                for m in nextNodes {
                    if m == start && path.count >= 2 { found.append(path); continue }
                    // Only visit nodes after the start, so each cycle is found from its smallest node once.
                    guard m > start, !onPath.contains(m), path.count < maxLength else { continue }
                    path.append(m); onPath.insert(m)
                    dfs(m)
                    path.removeLast(); onPath.remove(m)
                }
            }
            dfs(start)
        }
        var cycles = found.map { nodes -> Cycle in
            let pairs = zip(nodes, nodes.dropFirst() + [nodes[0]]).map { ($0, $1) }
            var steps: [Step] = []
            var stepUSD: [Double?] = []
            for (x, y) in pairs {
                let directed = (outgoing[x] ?? []).map { edges[$0] }.filter { $0.to == y }
                var ids: [String] = []
                for e in directed where !ids.contains(e.alliance) { ids.append(e.alliance) }
                steps.append(Step(from: x, to: y, alliances: ids))
                let usd = directed.flatMap(\.amounts).filter { $0.currency == "USD" }.map(\.totalValue)
                stepUSD.append(usd.isEmpty ? nil : usd.reduce(0, +))
            }
            let disclosed = stepUSD.compactMap { $0 }
            let circulating: Double? = disclosed.count == stepUSD.count ? disclosed.min() : nil
            return Cycle(steps: steps, stepUSD: stepUSD, totalUSD: disclosed.reduce(0, +), circulatingUSD: circulating)
        }
        cycles.sort { a, b in
            if a.totalUSD != b.totalUSD { return a.totalUSD > b.totalUSD }
            if a.steps.count != b.steps.count { return a.steps.count < b.steps.count }
            return a.companies.lexicographicallyPrecedes(b.companies)
        }
        return cycles
    }

    // MARK: Hubs

    public struct Hub: Hashable, Sendable {
        public var company: String
        public var alliances: Int
        public var incomingUSD: Double
        public var outgoingUSD: Double
    }

    /// Companies by number of alliances and by disclosed money (USD) in and out.
    public func hubs() -> [Hub] {
        var result: [Hub] = []
        for n in nodes {
            let ids = Set((adjacency[n] ?? []).map { edges[$0].alliance })
            var incoming = 0.0, outgoingTotal = 0.0
            for i in adjacency[n] ?? [] where edges[i].directed {
                let usd = edges[i].amounts.filter { $0.currency == "USD" }.map(\.totalValue).reduce(0, +)
                if edges[i].to == n { incoming += usd }
                if edges[i].from == n { outgoingTotal += usd }
            }
            if !ids.isEmpty { result.append(Hub(company: n, alliances: ids.count, incomingUSD: incoming, outgoingUSD: outgoingTotal)) }
        }
        return result
    }
}
