import AlliesCore
import AlliesGenerator
import AlliesText
import Synchronization
import Testing

@testable import AlliesExplorer

/// Issue #17: a large dataset's network takes seconds to build (12 s at a million alliances); the explorer builds it
/// in the background and its screens say how far it is, so the interface never freezes. The threshold is lowered
/// here so that a small generated dataset counts as large.
@Suite struct NetworkBuildTests {
    static let catalog = Catalog(try! DatasetGenerator(companies: 120, alliances: 1500, seed: 8).dataset())
    static let size = Size(width: 100, height: 30)

    /// An explorer over the generated catalog whose networks of more than 100 alliances are built in the background.
    func explorerBuildingInTheBackground() -> Explorer {
        var state = AppState(catalog: Self.catalog, datasetName: "test")
        state.networks = NetworkCache(builtAtOnce: 100)
        var e = Explorer(state: state)
        deliver(&e, .terminal(TerminalCapabilities(unicode: true, color: true)))
        deliver(&e, .resize(Self.size))
        return e
    }

    func text(_ e: Explorer) -> String {
        let grid = e.render(Self.size)
        return (0..<Self.size.height).map { grid.text(row: $0) }.joined(separator: "\n")
    }

    @Test func theNetworkIsBuiltInTheBackgroundWithItsProgress() throws {
        var e = explorerBuildingInTheBackground()
        let centre = try #require(e.state.selectedID)
        // `w`: the view opens at once, the build is work for another thread, and the screen says how far it is.
        let command = e.update(.key(try #require(key(for: .companyNetwork, in: .companies))))
        guard case .work(let work) = command, work.name == "network" else {
            Issue.record("no background build: \(command)")
            return
        }
        #expect(e.state.top == .network(centre))
        #expect(text(e).contains("Building the network of 1,500 alliances… 0%"))
        // The interface answers meanwhile: Esc goes back, `w` opens the view again without a second build.
        press(&e, .back)
        #expect(e.state.top == .companies)
        let again = e.update(.key(try #require(key(for: .companyNetwork, in: .companies))))
        #expect(again == .none, "\(again)")
        // What the build sends: its progress (drawn as it comes), then that it is ready; the network is drawn then.
        let id = try #require(e.state.networkBuild?.id)
        _ = e.update(.networkProgress(id, 0.42))
        #expect(text(e).contains("Building the network of 1,500 alliances… 42%"))
        let messages = Mutex<[Message]>([])
        work.run { m in messages.withLock { $0.append(m) } }
        let sent = messages.withLock { $0 }
        #expect(sent.last.map { if case .networkReady(id) = $0 { true } else { false } } == true)
        for m in sent { _ = e.update(m) }
        #expect(e.state.networkBuild == nil)
        let drawn = text(e)
        #expect(!drawn.contains("Building the network"))
        #expect(drawn.contains("partners") && drawn.contains("more two hops out"), "\(drawn)")
        // Built once: the paths view and the view again need no other build.
        #expect(e.state.networks.built(Self.catalog, merge: false, agreedOnly: false) != nil)
        #expect(e.update(.key(.escape)) == .none)
    }

    /// Units merged is another network: it is built in the background too, while the one apart stays.
    @Test func mergingUnitsBuildsTheOtherNetwork() throws {
        var e = explorerBuildingInTheBackground()
        press(&e, .companyNetwork)  // built at once by the test driver
        #expect(!text(e).contains("Building the network"))
        let command = e.update(.key(try #require(key(for: .mergeUnits, in: .network))))
        guard case .work(let work) = command, work.name == "network" else {
            Issue.record("merging units built nothing in the background: \(command)")
            return
        }
        #expect(text(e).contains("Building the network"))
        #expect(e.state.networks.built(Self.catalog, merge: false, agreedOnly: false) != nil)
        #expect(e.state.networks.built(Self.catalog, merge: true, agreedOnly: false) == nil)
    }

    /// Walking from company to company in the network holds a bounded number of built rows: the screens left behind
    /// are dropped from the cache past its budget (eight network views of a large company were ~0.5 GB at a million
    /// alliances) and built again, the same, when gone back to.
    @Test func aWalkThroughTheNetworkHoldsABoundedNumberOfRows() throws {
        func walk(budget: Int?) -> (held: [Int], entries: [Int], centres: Int, back: String, first: String) {
            var state = AppState(catalog: Self.catalog, datasetName: "test")
            if let budget { state.cache = ItemCache(itemBudget: budget) }
            var e = Explorer(state: state)
            deliver(&e, .terminal(TerminalCapabilities(unicode: true, color: true)))
            deliver(&e, .resize(Self.size))
            press(&e, .companyNetwork)
            let first = text(e)
            var held: [Int] = [], entries: [Int] = []
            var visited: Set<String> = []
            for _ in 0..<6 {
                visited.insert(e.state.stack.last?.screen.networkView?.centre ?? "")
                // Down to a partner not yet visited, and to its network.
                for _ in 0..<80 {
                    let id = e.state.selectedID ?? ""
                    let partner = String(id.dropFirst(4))
                    if id.hasPrefix("tie/"), !partner.contains("/"), !visited.contains(partner) { break }
                    press(&e, .moveDown)
                }
                press(&e, .open)
                held.append(e.state.cache.builtItems)
                entries.append(e.state.cache.count)
            }
            let centres = Set(e.state.stack.compactMap { $0.screen.networkView?.centre }).count
            for _ in 0..<6 { press(&e, .back) }
            return (held, entries, centres, text(e), first)
        }
        let unbounded = walk(budget: nil)
        #expect(unbounded.centres == 7, "the walk went nowhere")
        let budget = 300
        #expect(unbounded.held.last! > 2 * budget, "the views are too small to test the budget: \(unbounded.held)")
        let bounded = walk(budget: budget)
        #expect(bounded.centres == 7)
        for (held, entries) in zip(bounded.held, bounded.entries) {
            #expect(held <= budget || entries == 1, "\(bounded.held) \(bounded.entries)")
        }
        #expect(bounded.back == bounded.first && bounded.back == unbounded.back)
    }

    @Test func theCacheDropsTheOldestPastItsBudgetButKeepsTheNewest() {
        let cache = ItemCache(itemBudget: 100)
        func key(_ name: String) -> ItemCache.Key {
            ItemCache.Key(screen: AnyHashable(name), width: 80, unicode: true, needles: [], agreedOnly: false)
        }
        func items(_ n: Int) -> Items { Items((0..<n).map { _ in Item.blank }) }
        cache.store(key("a"), items(60))
        cache.store(key("b"), items(30))
        cache.store(key("c"), items(10))
        #expect(cache.builtItems == 100 && cache.count == 3)
        // "a" used last: "b" is the oldest now, and goes first when "d" takes the cache past its budget.
        #expect(cache.lookup(key("a")) != nil)
        cache.store(key("d"), items(20))
        #expect(cache.lookup(key("b")) == nil && cache.builtItems == 90 && cache.count == 3)
        cache.store(key("e"), items(500))
        #expect(cache.count == 1 && cache.lookup(key("e"))?.count == 500)
    }

    /// Through a partner with more two-hop ties than the view lists, a row says how many more there are and opens
    /// the partner's network, where they are its direct ties; at 40 columns the row wraps, whole.
    @Test func aPartnersTwoHopTiesPastTheLimitAreARowThatOpensItsNetwork() throws {
        for width in [100, 40] {
            let size = Size(width: width, height: 30)
            var e = Explorer(state: AppState(catalog: Self.catalog, datasetName: "test"))
            deliver(&e, .terminal(TerminalCapabilities(unicode: true, color: true)))
            deliver(&e, .resize(size))
            press(&e, .companyNetwork)
            let centre = try #require(e.state.stack.last?.screen.networkView?.centre)
            let network = e.state.networks.network(Self.catalog, merge: false)
            let ego = network.egoView(
                centre, twoHopLimit: NetworkScreen.twoHopsShown, twoHopBudget: NetworkScreen.twoHopsShownInAll)
            let via = try #require(
                ego.direct.map(\.company).first { ego.leftOut[$0] != nil }, "no partner past the limit in the network")
            let more = try #require(ego.leftOut[via])
            #expect(ego.indirect.filter { $0.via == via }.count == NetworkScreen.twoHopsShown)
            // Down to the row, which says the count and the partner, then Enter: the partner's network.
            for _ in 0..<5000 where e.state.selectedID != "more/" + via { press(&e, .moveDown) }
            #expect(e.state.selectedID == "more/" + via)
            let grid = e.render(size)
            let screen = (0..<size.height).map { grid.text(row: $0) }.joined(separator: "\n")
            let name = Self.catalog.companyName(via)
            // The row's words, wrapped under the tree's stems at 40 columns.
            let said = screen.replacingOccurrences(of: "\n", with: " ").split(separator: " ")
                .filter { $0 != "│" && $0 != "└─" && $0 != "├─" }.joined(separator: " ")
            #expect(said.contains("\(more) more through"), "\(screen)")
            #expect(said.contains("Enter opens its network"), "\(screen)")
            #expect(screen.contains(name.prefix(8)))
            press(&e, .open)
            #expect(e.state.stack.last?.screen.networkView?.centre == via)
        }
    }

    /// A hub of more partners than the screen lists two-hop ties in all lists none through each, and says so once
    /// under its name (not a row under each partner: 10,000 rows more for 5,000 partners); Enter on a partner opens
    /// its network, where its ties are.
    @Test(arguments: [100, 40])
    func aHubOfThousandsOfPartnersListsNoTwoHopTiesAndSaysSo(width: Int) throws {
        let partners = NetworkScreen.twoHopsShownInAll + 1
        func company(_ id: String) -> Company {
            Company(id: id, name: id.uppercased(), kind: .startup, description: LocalizedText(en: id, es: id))
        }
        func deal(_ id: String, _ a: String, _ b: String) -> Alliance {
            Alliance(
                id: id, kind: .partnership, parties: [Party(a, .partner), Party(b, .partner)], amounts: [], date: nil,
                status: .active, title: LocalizedText(en: id, es: id), summary: LocalizedText(en: id, es: id))
        }
        // The hub's first partner has one tie beyond it, the others two each.
        let ids = (0..<partners).map { String(format: "p%05d", $0) }
        let alliances =
            ids.map { deal("hub-" + $0, "hub", $0) } + [deal("p00000-x", "p00000", "x")]
            + ids.dropFirst().flatMap { [deal($0 + "-y", $0, "y"), deal($0 + "-z", $0, "z")] }
        let catalog = Catalog(Dataset(companies: (["hub", "x", "y", "z"] + ids).map(company), alliances: alliances))
        let size = Size(width: width, height: 12)
        var e = Explorer(state: AppState(catalog: catalog, datasetName: "test"))
        deliver(&e, .terminal(TerminalCapabilities(unicode: true, color: true)))
        deliver(&e, .resize(size))
        for _ in 0..<10 where e.state.selectedID != "hub" { press(&e, .moveDown) }
        #expect(e.state.selectedID == "hub")
        press(&e, .companyNetwork)
        #expect(e.state.stack.last?.screen.networkView?.centre == "hub")
        let network = e.state.networks.network(catalog, merge: false)
        let ego = network.egoView(
            "hub", twoHopLimit: NetworkScreen.twoHopsShown, twoHopBudget: NetworkScreen.twoHopsShownInAll)
        #expect(ego.twoHopLimit == 0 && ego.indirect.isEmpty && ego.twoHopCompanies == 3)
        let grid = e.render(size)
        let said = (0..<size.height).map { grid.text(row: $0) }.joined(separator: " ").split(separator: " ")
            .joined(separator: " ")
        #expect(
            said.contains("Too many partners to list their partners here: Enter on one opens its network."),
            "\(said)")
        // The partners' rows, one after another: no row under any of them.
        #expect(e.state.selectedID == "tie/p00000")
        press(&e, .moveDown)
        #expect(e.state.selectedID == "tie/p00001")
        press(&e, .open)
        #expect(e.state.stack.last?.screen.networkView?.centre == "p00001")
        press(&e, .back)
        #expect(e.state.stack.last?.screen.networkView?.centre == "hub")
    }

    /// A company whose view goes through many ties (a hub at a million alliances: 0.4–0.9 s) has its rows made off
    /// the interface thread: the view opens at once saying so, keys are answered meanwhile, one build runs for it,
    /// and the rows it makes — in the session's language, whatever thread makes them — are those made at once.
    @Test(arguments: [Language.en, .es])
    func aHeavyViewIsMadeInTheBackgroundAndDrawnAsIfMadeAtOnce(language: Language) throws {
        func explorer(viewMadeAtOnce: Int) -> Explorer {
            var state = AppState(catalog: Self.catalog, datasetName: "test", language: language)
            state.networks = NetworkCache(viewMadeAtOnce: viewMadeAtOnce)
            var e = Explorer(state: state)
            deliver(&e, .terminal(TerminalCapabilities(unicode: true, color: true)))
            deliver(&e, .resize(Self.size))
            return e
        }
        var atOnce = explorer(viewMadeAtOnce: .max)
        press(&atOnce, .companyNetwork)
        let expected = text(atOnce)
        #expect(atOnce.state.rowsBuild == nil)

        var e = explorer(viewMadeAtOnce: 50)
        let centre = try #require(e.state.selectedID)
        let network = e.state.networks.network(Self.catalog, merge: false)
        #expect(network.egoViewWork(centre) > 50)
        let w = try #require(key(for: .companyNetwork, in: .companies))
        let command = e.update(.key(w))
        guard case .work(let work) = command, work.name == "rows" else {
            Issue.record("the view was made where keys wait: \(command)")
            return
        }
        let name = Self.catalog.companyName(centre)
        let waiting =
            language == .es
            ? "Listando los socios de \(name), y los suyos" : "Listing the partners of \(name), and theirs"
        #expect(text(e).contains(waiting), "\(text(e))")
        #expect(e.state.selectedID == nil)
        // Keys meanwhile: a move does nothing, Esc goes back, `w` opens the view again without a second build.
        #expect(e.update(.key(.down)) == .none)
        press(&e, .back)
        #expect(e.state.top == .companies)
        #expect(e.update(.key(w)) == .none)
        #expect(text(e).contains(waiting))
        // The build, on this thread with no language of its own: the rows land in the cache, and the view is drawn
        // from them with its first partner selected, as the view made at once.
        let messages = Mutex<[Message]>([])
        work.run { m in messages.withLock { $0.append(m) } }
        for m in messages.withLock({ $0 }) { #expect(e.update(m) == .none) }
        #expect(e.state.rowsBuild == nil)
        #expect(text(e) == expected, "\(text(e))")
        #expect(e.state.selectedID == atOnce.state.selectedID && e.state.selectedID != nil)
        // Another width is other rows: built in the background too. The partner selected stays selected, and the
        // list where it was, while they are made and once they are drawn.
        for _ in 0..<40 { press(&e, .moveDown) }
        let selected = try #require(e.state.selectedID)
        let scroll = e.state.scrollOffset
        #expect(scroll > 0)
        guard case .work(let again) = e.update(.resize(Size(width: 60, height: 30))), again.name == "rows" else {
            Issue.record("the view at another width was not built in the background")
            return
        }
        #expect(e.state.selectedID == selected && e.state.scrollOffset == scroll)
        #expect(e.update(.key(.down)) == .none && e.state.selectedID == selected)
        let sent = Mutex<[Message]>([])
        again.run { m in sent.withLock { $0.append(m) } }
        for m in sent.withLock({ $0 }) { _ = e.update(m) }
        #expect(e.state.selectedID == selected, "\(e.state.selectedID ?? "none")")
        #expect(!text(e).contains(waiting) && text(e).contains(" 41/"))
    }

    /// The Companies list counts every company in a company's deals as its partner; the network ties payers to
    /// payees, not fellow investors to each other. The Network view says how many in its deals are not tied, so
    /// `3 partners` there and `2 partners` here do not puzzle; none is said where all are tied, or units merged.
    @Test(arguments: [(Language.en, 100), (.es, 40)])
    func fellowInvestorsAreSaidNotTiedInTheNetworkView(language: Language, width: Int) throws {
        func company(_ id: String) -> Company {
            Company(id: id, name: id.uppercased() + " Co", kind: .startup, description: LocalizedText(en: id, es: id))
        }
        func deal(_ id: String, _ parties: [Party]) -> Alliance {
            Alliance(
                id: id, kind: .investment, parties: parties, amounts: [], date: nil, status: .announced,
                title: LocalizedText(en: id, es: id), summary: LocalizedText(en: id, es: id))
        }
        // a and b invest in c together; a and d are partners; b, e and f invest in g together.
        let catalog = Catalog(
            Dataset(
                companies: ["a", "b", "c", "d", "e", "f", "g"].map(company),
                alliances: [
                    deal("round", [Party("a", .investor), Party("b", .investor), Party("c", .investee)]),
                    deal("pact", [Party("a", .partner), Party("d", .partner)]),
                    deal(
                        "seed",
                        [Party("b", .investor), Party("e", .investor), Party("f", .investor), Party("g", .investee)]),
                ]))
        let size = Size(width: width, height: 20)
        func said(_ centre: String, merged: Bool = false) throws -> String {
            var e = Explorer(state: AppState(catalog: catalog, datasetName: "test", language: language))
            deliver(&e, .terminal(TerminalCapabilities(unicode: true, color: true)))
            deliver(&e, .resize(size))
            for _ in 0..<7 where e.state.selectedID != centre { press(&e, .moveDown) }
            try #require(e.state.selectedID == centre)
            press(&e, .companyNetwork)
            if merged { press(&e, .mergeUnits) }
            let grid = e.render(size)
            return (0..<size.height).map { grid.text(row: $0) }.joined(separator: " ").split(separator: " ")
                .joined(separator: " ")
        }
        let a = try said("a")
        let note =
            language == .es
            ? "1 más en sus acuerdos está de su mismo lado (paga o cobra junto a ella): sin vínculo aquí."
            : "1 more in its deals is on its side of them (paying or paid beside it): no tie here."
        #expect(a.contains(language == .es ? "2 socios" : "2 partners") && a.contains(note), "\(a)")
        #expect(CompanyFigures(catalog)[catalog.companyIndex["a"]!].partners == 3)
        // b: tied to c and g, beside a, e and f.
        let b = try said("b")
        let three =
            language == .es
            ? "3 más en sus acuerdos están de su mismo lado (pagan o cobran junto a ella): sin vínculo aquí."
            : "3 more in its deals are on its side of them (paying or paid beside it): no tie here."
        #expect(b.contains(language == .es ? "2 socios" : "2 partners") && b.contains(three), "\(b)")
        // c is tied to both investors; d to its one partner: nothing to say.
        for centre in ["c", "d", "g"] {
            let text = try said(centre)
            #expect(!text.contains(language == .es ? "de su mismo lado" : "on its side of them"), "\(text)")
        }
        #expect(!(try said("a", merged: true)).contains(note))
        // An amount's own `to` ties a company that is no party of the deal: h and i invest in j, $1B of it to k.
        // h is tied to j and k, and i is beside it (a count of partners less ties would say none).
        let named = Catalog(
            Dataset(
                companies: ["h", "i", "j", "k"].map(company),
                alliances: [
                    Alliance(
                        id: "named", kind: .investment,
                        parties: [Party("h", .investor), Party("i", .investor), Party("j", .investee)],
                        amounts: [Amount(value: 1e9, currency: "USD", to: "k")], date: nil, status: .announced,
                        title: LocalizedText(en: "named", es: "named"), summary: LocalizedText(en: "n", es: "n"))
                ]))
        let network = Network(named)
        #expect(Set(network.ego("h").direct.map(\.company)) == ["j", "k"])
        #expect(CompanyFigures(named)[0].partners == 2)
        var e = Explorer(state: AppState(catalog: named, datasetName: "test", language: language))
        deliver(&e, .terminal(TerminalCapabilities(unicode: true, color: true)))
        deliver(&e, .resize(size))
        try #require(e.state.selectedID == "h")
        press(&e, .companyNetwork)
        let grid = e.render(size)
        let h = (0..<size.height).map { grid.text(row: $0) }.joined(separator: " ").split(separator: " ")
            .joined(separator: " ")
        #expect(h.contains(note), "\(h)")
    }

    /// A network built in the background for other settings (agreed money only, left at once) sends its progress
    /// meanwhile: the rows of the view on screen, made in the background for the network that is built, stay.
    @Test func anotherNetworksProgressKeepsTheRowsMadeInTheBackground() throws {
        var state = AppState(catalog: Self.catalog, datasetName: "test")
        state.networks = NetworkCache(builtAtOnce: 100, viewMadeAtOnce: 50)
        var e = Explorer(state: state)
        deliver(&e, .terminal(TerminalCapabilities(unicode: true, color: true)))
        deliver(&e, .resize(Self.size))
        press(&e, .companyNetwork)  // the network and then the rows, made at once by the test driver
        #expect(text(e).contains("more two hops out"))
        let money = try #require(key(for: .agreedOnly, in: .network))
        guard case .work(let agreed) = e.update(.key(money)), agreed.name == "network" else {
            Issue.record("no network built for agreed money")
            return
        }
        // Back to all money before that build ends: the view's rows are made again, in the background.
        guard case .work(let rows) = e.update(.key(money)), rows.name == "rows" else {
            Issue.record("the rows were not made in the background")
            return
        }
        let sent = Mutex<[Message]>([])
        rows.run { m in sent.withLock { $0.append(m) } }
        let id = try #require(e.state.networkBuild?.id)
        #expect(id.agreedOnly)
        // The agreed-money build's progress arrives before the rows' message, and after it.
        _ = e.update(.networkProgress(id, 0.3))
        for m in sent.withLock({ $0 }) { _ = e.update(m) }
        _ = e.update(.networkProgress(id, 0.6))
        #expect(e.state.rowsBuild == nil)
        #expect(text(e).contains("more two hops out") && !text(e).contains("Listing the partners"), "\(text(e))")
        #expect(e.update(.tick) == .none, "the rows were made again")
    }
}
