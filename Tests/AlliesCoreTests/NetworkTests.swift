@testable import AlliesCore
import AlliesGenerator
import Testing

/// Small graphs with known answers.
private func company(_ id: String, parent: String? = nil) -> Company {
    Company(id: id, name: id.uppercased(), kind: .bigTech, parent: parent, description: LocalizedText(en: id, es: id))
}

private func deal(
    _ id: String, _ kind: AllianceKind, _ parties: [Party], usd: Double? = nil, from: String? = nil,
    to: String? = nil, date: String? = nil
) -> Alliance {
    Alliance(
        id: id, kind: kind, parties: parties,
        amounts: usd.map { [Amount(value: $0, currency: "USD", from: from, to: to)] } ?? [],
        date: date.map { DatedEvent(try! PartialDate.parse($0).get(), .announced) },
        status: .announced, title: LocalizedText(en: id, es: id), summary: LocalizedText(en: id, es: id))
}

private func network(_ companies: [Company], _ alliances: [Alliance], merge: Bool = false) -> Network {
    Network(Catalog(Dataset(companies: companies, alliances: alliances)), mergeUnits: merge)
}

@Suite("Money network")
struct NetworkTests {
    @Test func aThreeCompanyLoopIsFoundOnceWithItsTotals() {
        let n = network(
            [company("a"), company("b"), company("c")],
            [
                deal("a-b", .investment, [Party("a", .investor), Party("b", .investee)], usd: 10e9),
                deal("b-c", .cloudContract, [Party("b", .customer), Party("c", .supplier)], usd: 4e9),
                deal("c-a", .chipSupply, [Party("c", .customer), Party("a", .supplier)], usd: 6e9),
            ])
        let cycles = n.cycles().cycles
        #expect(cycles.count == 1)
        let cycle = try! #require(cycles.first)
        #expect(cycle.companies == ["a", "b", "c"])
        #expect(cycle.steps.map(\.alliances) == [["a-b"], ["b-c"], ["c-a"]])
        #expect(cycle.agreedUSD == 20e9)
        #expect(cycle.roundUSD == 4e9)
        #expect(!cycle.hasOtherMoney && !cycle.agreedIsApproximate)
    }

    @Test func anUndisclosedStepIsNotZero() {
        let n = network(
            [company("a"), company("b")],
            [
                deal("a-b", .investment, [Party("a", .investor), Party("b", .investee)], usd: 5e9),
                deal("b-a", .cloudContract, [Party("b", .customer), Party("a", .supplier)]),
            ])
        let cycle = try! #require(n.cycles().cycles.first)
        #expect(cycle.stepMoney.map { $0.agreed.total.amounts["USD"] } == [5e9, nil])
        #expect(cycle.stepMoney[1].agreed.undisclosed == 1)
        #expect(cycle.agreedUSD == 5e9)
        #expect(cycle.roundUSD == nil, "what goes round is unknown, not zero")
    }

    @Test func partnershipsHaveNoDirectionAndMakeNoLoops() {
        let n = network(
            [company("a"), company("b")],
            [
                deal("p", .partnership, [Party("a", .partner), Party("b", .partner)]),
                deal("a-b", .investment, [Party("a", .investor), Party("b", .investee)], usd: 1e9),
            ])
        #expect(n.cycles().cycles.isEmpty)
        #expect(n.edges.filter { !$0.directed }.count == 1)
        #expect(n.alliances(between: "b", and: "a") == ["p", "a-b"])
    }

    /// An amount no one pays or no one receives as the roles stand (an investor and a partner) is money of unknown
    /// direction on the tie, neither in nor out, never none: a trial's Google–PJM ~$25B read `no money`.
    @Test func anAmountWithoutADirectionIsNeitherInNorOutNorNone() {
        var talks = deal("g-p", .investment, [Party("g", .investor), Party("p", .partner)], usd: 25e9)
        talks.status = .inTalks
        let n = network([company("g"), company("p")], [talks])
        #expect(talks.undirectedAmounts.count == 1)
        for (centre, other) in [("g", "p"), ("p", "g")] {
            let tie = try! #require(n.ego(centre).direct.first { $0.company == other })
            #expect(tie.incoming.isEmpty && tie.outgoing.isEmpty)
            #expect(tie.undirected.pending.total.amounts["USD"] == 25e9, "\(centre): \(tie.undirected)")
        }
        // The companies' figures: neither in nor out, and beside them, not left out.
        for id in ["g", "p"] {
            let money = n.catalog.money(of: id)
            #expect(money.incoming.isEmpty && money.outgoing.isEmpty)
            #expect(n.catalog.undirectedMoney(of: id).pending.total.amounts["USD"] == 25e9)
        }
        // With a receiver, it flows, and has a direction.
        let flowing = deal("g-q", .investment, [Party("g", .investor), Party("p", .investee)], usd: 25e9)
        #expect(flowing.undirectedAmounts.isEmpty)
        let tie = try! #require(network([company("g"), company("p")], [flowing]).ego("g").direct.first)
        #expect(tie.undirected.isEmpty && tie.outgoing.agreedUSD == 25e9)
    }

    @Test func anAmountWithExplicitFromAndToFlowsThatWay() {
        let n = network(
            [company("ms"), company("an")],
            [
                Alliance(
                    id: "deal", kind: .investment, parties: [Party("ms", .investor), Party("an", .investee)],
                    amounts: [
                        Amount(value: 5e9, currency: "USD"), Amount(value: 30e9, currency: "USD", from: "an", to: "ms"),
                    ],
                    status: .announced, title: LocalizedText(en: "d", es: "d"), summary: LocalizedText(en: "d", es: "d")
                )
            ])
        let cycle = try! #require(n.cycles().cycles.first)
        #expect(cycle.companies == ["an", "ms"])
        #expect(cycle.stepMoney.map(\.agreedUSD) == [30e9, 5e9])
        let money = n.catalog.money(of: "an")
        #expect(money.incoming.agreedUSD == 5e9)
        #expect(money.outgoing.agreedUSD == 30e9)
    }

    @Test func mergingUnitsRevealsALoopThroughTheParent() {
        let companies = [company("amazon"), company("aws", parent: "amazon"), company("lab")]
        let alliances = [
            deal("invest", .investment, [Party("amazon", .investor), Party("lab", .investee)], usd: 8e9),
            deal("rent", .cloudContract, [Party("lab", .customer), Party("aws", .supplier)], usd: 38e9),
        ]
        #expect(network(companies, alliances).cycles().cycles.isEmpty)
        let merged = network(companies, alliances, merge: true)
        let cycle = try! #require(merged.cycles().cycles.first)
        #expect(cycle.companies == ["amazon", "lab"])
        #expect(cycle.agreedUSD == 46e9)
        #expect(merged.node("aws") == "amazon")
    }

    /// A parent and its unit that both pay in one alliance are one node once merged: the alliance's money is on
    /// its tie once, not once for each of them. Ties share their alliance's amounts, and each still reads them all.
    @Test func aParentAndItsUnitPayingTogetherPayOnceMerged() {
        let companies = [company("amazon"), company("aws", parent: "amazon"), company("lab"), company("fund")]
        let alliances = [
            deal(
                "round", .investment,
                [
                    Party("amazon", .investor), Party("aws", .investor), Party("fund", .investor),
                    Party("lab", .investee),
                ],
                usd: 4e9)
        ]
        let merged = network(companies, alliances, merge: true)
        #expect(merged.edges.map { "\($0.from)→\($0.to)" } == ["amazon→lab", "fund→lab"])
        #expect(merged.edges.map { $0.money.agreedUSD } == [4e9, 4e9])
        #expect(merged.adjacency["lab"] == [0, 1] && merged.outgoing["amazon"] == [0] && merged.outgoing["lab"] == nil)
        let apart = network(companies, alliances)
        #expect(apart.edges.map { "\($0.from)→\($0.to)" } == ["amazon→lab", "aws→lab", "fund→lab"])
        #expect(apart.edges.allSatisfy { $0.amounts == alliances[0].amounts })
        #expect(apart.adjacency["lab"] == [0, 1, 2] && apart.adjacency["aws"] == [1])
    }

    /// The network keeps its ties as node numbers and alliance positions: read back as edges, they are the ties each
    /// alliance makes, in order, with the alliance's id, status and date; each node's lists are the ties at its ends.
    @Test(arguments: [false, true])
    func theCompactTiesReadBackAsTheAlliancesEdges(merge: Bool) throws {
        let generated = try DatasetGenerator(companies: 80, alliances: 1500, seed: 17).dataset()
        for dataset in [try Dataset.bundled().get(), generated] {
            let catalog = Catalog(dataset)
            for agreedOnly in [false, true] {
                let n = Network(catalog, mergeUnits: merge, agreedOnly: agreedOnly)
                let expected = dataset.alliances.filter { !agreedOnly || MoneyStanding($0.status) == .agreed }
                    .flatMap { Network.edges(of: $0, node: n.node) }
                #expect(Array(n.edges) == expected)
                #expect(
                    !expected.isEmpty && expected.contains { $0.date != nil } && expected.contains(where: \.directed))
                for id in Set(expected.flatMap { [$0.from, $0.to] }) {
                    let ends = expected.indices.filter { expected[$0].from == id || expected[$0].to == id }
                    let out = expected.indices.filter { expected[$0].from == id && expected[$0].directed }
                    #expect(n.adjacency[id].map(Array.init) == ends)
                    #expect(n.outgoing[id].map(Array.init) ?? [] == out)
                }
                #expect(n.adjacency["no-such-company"] == nil)
            }
        }
        // A party that is no company of the catalog is a node too (numbered after the companies).
        let ghostly = network(
            [company("a")], [deal("x", .investment, [Party("a", .investor), Party("ghost", .investee)], usd: 1e9)])
        #expect(ghostly.edges.map { "\($0.from)→\($0.to)" } == ["a→ghost"])
        #expect(ghostly.adjacency["ghost"] == [0] && ghostly.ego("a").direct.map(\.company) == ["ghost"])
        #expect(MemoryLayout<Network.StoredTie>.stride <= 16, "\(MemoryLayout<Network.StoredTie>.stride)")
    }

    /// A screen's ego view lists at most a limit of two-hop ties through each partner, the first ones `ego` lists,
    /// and counts the rest; the count of companies two hops out is of them all.
    @Test func anEgoViewListsTheFirstTwoHopTiesThroughEachPartnerAndCountsTheRest() throws {
        let n = Network(Catalog(try DatasetGenerator(companies: 80, alliances: 1500, seed: 17).dataset()))
        var limitedSome = false
        for centre in n.nodes.prefix(20) {
            let all = n.ego(centre, depth: 2)
            let view = n.egoView(centre, twoHopLimit: 5)
            #expect(view.direct == all.direct)
            #expect(view.twoHopCompanies == Set(all.indirect.map(\.company)).count)
            for via in Set(all.direct.map(\.company)) {
                let every = all.indirect.filter { $0.via == via }
                let listed = view.indirect.filter { $0.via == via }
                #expect(listed == Array(every.prefix(5)))
                #expect(view.leftOut[via] == (every.count > 5 ? every.count - 5 : nil))
                if every.count > 5 { limitedSome = true }
            }
            #expect(n.egoView(centre).indirect == all.indirect && n.egoView(centre).leftOut.isEmpty)
            #expect(view.twoHopLimit == 5 && n.egoView(centre).twoHopLimit == nil)
        }
        #expect(limitedSome, "no partner had more than five two-hop ties: the limit was not tried")
    }

    /// A budget of two-hop ties in all lowers the limit through each partner evenly, to the budget over the number
    /// of partners and down to none: each partner's first ties are listed, the rest counted, none lost.
    @Test func anEgoViewsBudgetListsFewerTwoHopTiesThroughEachOfManyPartners() throws {
        let n = Network(Catalog(try DatasetGenerator(companies: 80, alliances: 1500, seed: 17).dataset()))
        var limits = Set<Int>()
        for centre in n.nodes.prefix(30) {
            let all = n.ego(centre, depth: 2)
            let partners = Set(all.direct.map(\.company))
            let view = n.egoView(centre, twoHopLimit: 5, twoHopBudget: 60)
            let limit = min(5, 60 / max(1, partners.count))
            #expect(view.twoHopLimit == limit)
            #expect(view.indirect.count <= 60 && view.direct == all.direct)
            #expect(view.twoHopCompanies == Set(all.indirect.map(\.company)).count)
            for via in partners {
                let every = all.indirect.filter { $0.via == via }
                #expect(view.indirect.filter { $0.via == via } == Array(every.prefix(limit)))
                #expect(view.leftOut[via] == (every.count > limit ? every.count - limit : nil))
            }
            limits.insert(limit)
        }
        #expect(limits.contains(0) && limits.contains(5) && limits.count > 2, "\(limits)")
    }

    /// The work an ego view goes through, weighed before it is made: the company's ties, and each partner's
    /// through each tie to it; none for a company the network does not hold.
    @Test func anEgoViewsWorkCountsTheTiesItGoesThrough() {
        let n = network(
            [company("a"), company("b"), company("c"), company("d")],
            [
                deal("ab", .investment, [Party("a", .investor), Party("b", .investee)], usd: 1e9),
                deal("ac", .partnership, [Party("a", .partner), Party("c", .partner)]),
                deal("ac2", .investment, [Party("a", .investor), Party("c", .investee)], usd: 2e9),
                deal("cd", .partnership, [Party("c", .partner), Party("d", .partner)]),
            ])
        // a: three ties (b once, c twice); b has one tie, c three.
        #expect(n.egoViewWork("a") == 3 + 1 + 3 + 3)
        // d: one tie, to c and its three.
        #expect(n.egoViewWork("d") == 1 + 3)
        #expect(n.egoViewWork("nobody") == 0)
        let generated = Network(Catalog(try! DatasetGenerator(companies: 80, alliances: 1500, seed: 17).dataset()))
        for centre in generated.nodes.prefix(20) {
            let direct = generated.adjacency[centre]?.count ?? 0
            let view = generated.ego(centre, depth: 2)
            #expect(generated.egoViewWork(centre) >= direct + view.indirect.count, "\(centre)")
        }
    }

    @Test func cyclesAreRankedByMoney() {
        let n = network(
            [company("a"), company("b"), company("c")],
            [
                deal("ab", .investment, [Party("a", .investor), Party("b", .investee)], usd: 1e9),
                deal("ba", .cloudContract, [Party("b", .customer), Party("a", .supplier)], usd: 1e9),
                deal("ac", .investment, [Party("a", .investor), Party("c", .investee)], usd: 50e9),
                deal("ca", .cloudContract, [Party("c", .customer), Party("a", .supplier)], usd: 50e9),
            ])
        #expect(n.cycles().cycles.map(\.companies) == [["a", "c"], ["a", "b"]])
    }

    @Test func allShortestPathsAreReturnedWithTheirAlliances() {
        // a – b – d and a – c – d tie at two steps; a – e – f – d is longer.
        let cs = ["a", "b", "c", "d", "e", "f"].map { company($0) }
        let n = network(
            cs,
            [
                deal("ab", .partnership, [Party("a", .partner), Party("b", .partner)]),
                deal("bd", .investment, [Party("b", .investor), Party("d", .investee)]),
                deal("ac", .partnership, [Party("a", .partner), Party("c", .partner)]),
                deal("cd", .partnership, [Party("c", .partner), Party("d", .partner)]),
                deal("ae", .partnership, [Party("a", .partner), Party("e", .partner)]),
                deal("ef", .partnership, [Party("e", .partner), Party("f", .partner)]),
                deal("fd", .partnership, [Party("f", .partner), Party("d", .partner)]),
            ])
        let paths = n.shortestPaths(from: "a", to: "d")
        #expect(paths.count == 2)
        #expect(Set(paths.map { $0.map(\.to) }) == [["b", "d"], ["c", "d"]])
        #expect(paths.allSatisfy { $0.count == 2 && $0[0].from == "a" })
        #expect(paths.flatMap { $0.flatMap(\.alliances) }.sorted() == ["ab", "ac", "bd", "cd"])
        #expect(n.shortestPaths(from: "a", to: "a").isEmpty)
    }

    @Test func unconnectedCompaniesHaveNoPath() {
        let n = network(
            [company("a"), company("b"), company("c")],
            [
                deal("ab", .partnership, [Party("a", .partner), Party("b", .partner)])
            ])
        #expect(n.shortestPaths(from: "a", to: "c").isEmpty)
    }

    @Test func egoNetworkTwoHopsSkipsTheCentreAndDirectPartners() {
        let n = network(
            ["a", "b", "c", "d"].map { company($0) },
            [
                deal("ab", .investment, [Party("a", .investor), Party("b", .investee)], usd: 2e9),
                deal("bc", .partnership, [Party("b", .partner), Party("c", .partner)]),
                deal("ac", .partnership, [Party("a", .partner), Party("c", .partner)]),
                deal("cd", .chipSupply, [Party("c", .customer), Party("d", .supplier)]),
            ])
        let (direct, indirect) = n.ego("a", depth: 2)
        #expect(direct.map(\.company) == ["b", "c"])
        #expect(direct[0].amounts.map(\.value) == [2e9])
        #expect(indirect.map(\.company) == ["d"])
        #expect(indirect[0].via == "c")
        #expect(indirect[0].kind == .chipSupply)
    }

    /// A tie's standing is said once: where its money names the status (`in talks: ~$10B`), not again beside it;
    /// where money of several pending statuses is `pending: …`, each status is still said.
    @Test func aTiesStatusIsNotNamedTwice() {
        func pending(_ alliances: [(String, AllianceStatus, Double?)]) -> Network.Tie {
            var all = alliances.map { id, status, usd in
                var d = deal(id, .investment, [Party("a", .investor), Party("b", .investee)], usd: usd)
                d.status = status
                return d
            }
            all.append(deal("other", .partnership, [Party("b", .partner), Party("c", .partner)]))
            return network([company("a"), company("b"), company("c")], all).ego("a", depth: 1).direct[0]
        }
        let talks = pending([("t", .inTalks, 10e9)])
        #expect(talks.unagreed == [.inTalks])
        #expect(talks.outgoing.pendingStatus == .inTalks)
        #expect(talks.unagreed(unnamedBy: [talks.incoming, talks.outgoing, talks.undirected]).isEmpty)
        // Shown as agreed money only (the explorer's switch), the status is named nowhere but in the note.
        #expect(talks.unagreed(unnamedBy: [talks.outgoing.agreedOnly]) == [.inTalks])
        let two = pending([("t", .inTalks, 10e9), ("p", .predicted, 1e9)])
        #expect(two.outgoing.pendingStatus == nil)
        #expect(MoneyFormat.total(two.outgoing).hasPrefix("pending: "))
        #expect(two.unagreed(unnamedBy: [two.outgoing]) == [.predicted, .inTalks])
        // An investment of undisclosed money in talks says so with its money (`in talks: undisclosed`).
        let quiet = pending([("t", .inTalks, nil)])
        #expect(MoneyFormat.total(quiet.outgoing) == "in talks: 1 undisclosed")
        #expect(quiet.unagreed(unnamedBy: [quiet.incoming, quiet.outgoing, quiet.undirected]).isEmpty)
    }

    @Test func theBundledDatasetHasTheArticlesLoops() throws {
        let catalog = Catalog(try Dataset.bundled().get())
        let apart = Network(catalog).cycles().cycles
        #expect(
            apart.contains { Set($0.companies) == ["anthropic", "microsoft"] },
            "Microsoft invests, Anthropic buys Azure")
        let merged = Network(catalog, mergeUnits: true).cycles().cycles
        #expect(
            merged.contains { Set($0.companies) == ["amazon", "openai"] }, "Amazon invests in OpenAI, OpenAI rents AWS")
        let paths = Network(catalog).shortestPaths(from: "apple", to: "openai")
        #expect(paths.first?.count == 2)
    }
}

@Suite("Money network: loops against brute force")
struct CycleSearchTests {
    /// Every simple directed cycle of at most 6 nodes, by trying every path: no pruning, no numbering.
    static func bruteForce(_ edges: Set<[String]>, nodes: [String]) -> Set<[String]> {
        var found = Set<[String]>()
        func walk(_ path: [String]) {
            guard let last = path.last else { return }
            for n in nodes where edges.contains([last, n]) {
                if n == path[0], path.count >= 2 {
                    let i = path.indices.min { path[$0] < path[$1] }!
                    found.insert(Array(path[i...] + path[..<i]))
                } else if !path.contains(n), path.count < 6 {
                    walk(path + [n])
                }
            }
        }
        for n in nodes { walk([n]) }
        return found
    }

    @Test("Random graphs: the same loops as trying every path", arguments: 0..<40)
    func sameLoopsAsBruteForce(seed: Int) {
        var random = SplitMix64(seed: UInt64(seed))
        let nodes = (0..<Int.random(in: 3...9, using: &random)).map { "n\($0)" }
        var edges = Set<[String]>()
        for _ in 0..<Int.random(in: 2...24, using: &random) {
            let a = nodes.randomElement(using: &random)!, b = nodes.randomElement(using: &random)!
            if a != b { edges.insert([a, b]) }
        }
        let alliances = edges.sorted { $0.joined() < $1.joined() }.map { e in
            deal(e[0] + "-" + e[1], .investment, [Party(e[0], .investor), Party(e[1], .investee)], usd: 1e9)
        }
        let found = network(nodes.map { company($0) }, alliances).cycles()
        #expect(!found.capped)
        #expect(Set(found.cycles.map(\.companies)) == Self.bruteForce(edges, nodes: nodes), "seed \(seed)")
        #expect(found.cycles.count == Set(found.cycles.map(\.companies)).count, "each loop once")
    }
}
