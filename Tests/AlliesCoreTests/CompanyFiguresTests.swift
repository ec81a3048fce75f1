import AlliesCore
import AlliesGenerator
import Testing

/// `CompanyFigures`, shared by `allies companies` and the explorer's Companies table: each company's figures are what
/// the catalog says of it, whether computed one by one (as rows are drawn) or all at once (for a listing or a sort).
struct CompanyFiguresTests {
    static let bundled = Catalog(try! Dataset.bundled().get())
    static let generated = Catalog(try! DatasetGenerator(companies: 200, alliances: 2000, seed: 5).dataset())
    /// The hand-made world and deals whose money does not simply go from payers to payees: two payers, amounts
    /// naming one end (to a payer, from a company not a party) or both.
    static let tangled: Catalog = {
        var d = World.dataset
        d.alliances += [
            World.alliance(
                "two-payers", .investment,
                [Party("acme", .investor), Party("globex", .investor), Party("initech", .investee)],
                amounts: [
                    Amount(value: 10e9, currency: "USD"), Amount(value: 5e9, currency: "USD", from: "umbrella"),
                    Amount(value: 3e9, currency: "USD", to: "globex"),
                    Amount(value: 2e9, currency: "EUR", from: "initech", to: "acme"),
                ], date: "2025-03")
        ]
        return Catalog(d)
    }()

    /// What the catalog's own per-company functions give; money from the flows themselves (`flows(of:)`), which
    /// the figures count rather than build.
    func own(_ id: String, _ catalog: Catalog) -> CompanyFigures.Figures {
        var incoming = MoneyTotal(), outgoing = MoneyTotal()
        for alliance in catalog.alliances(of: id) {
            if alliance.amounts.isEmpty {
                switch alliance.role(of: id)?.moneyDirection {
                case .pays: outgoing.addUndisclosed(status: alliance.status)
                case .receives: incoming.addUndisclosed(status: alliance.status)
                default: break
                }
            }
            for flow in catalog.flows(of: alliance) {
                if flow.to == id { incoming.add(flow.amount, status: flow.status) }
                if flow.from == id { outgoing.add(flow.amount, status: flow.status) }
            }
        }
        #expect(catalog.money(of: id) == (incoming, outgoing), "\(id)")
        return CompanyFigures.Figures(
            alliances: catalog.alliances(of: id).count, partners: catalog.partners(of: id).count,
            incoming: incoming, outgoing: outgoing, lastActivity: catalog.lastActivity(of: id))
    }

    @Test func aFewBundledCompaniesHaveTheCatalogsFigures() throws {
        let catalog = Self.bundled
        let figures = CompanyFigures(catalog)
        for id in ["microsoft", "openai", "anthropic", "nvidia", "reddit"] {
            let k = try #require(catalog.companyIndex[id])
            let f = figures[k]
            #expect(f == own(id, catalog), "\(id)")
            #expect(f.alliances > 0 && f.partners > 0 && f.lastActivity != nil, "\(id)")
        }
        // Microsoft pays and is paid: both totals have money.
        let microsoft = figures[catalog.companyIndex["microsoft"]!]
        #expect(!microsoft.incoming.isEmpty && !microsoft.outgoing.isEmpty)
    }

    @Test func oneByOneEqualsAllAtOnce() {
        for catalog in [Self.bundled, Self.generated, Self.tangled] {
            let oneByOne = CompanyFigures(catalog), atOnce = CompanyFigures(catalog).all()
            for (k, c) in catalog.dataset.companies.enumerated() {
                #expect(oneByOne[k] == atOnce[k], "\(c.id)")
                #expect(atOnce[k] == own(c.id, catalog), "\(c.id)")
            }
            #expect(atOnce.contains { !$0.incoming.isEmpty } && atOnce.contains { $0.lastActivity != nil })
        }
    }

    /// The tangled deals' money, by hand: what each company receives and pays in them.
    @Test func moneyThatDoesNotGoFromPayersToPayees() throws {
        let all = CompanyFigures(Self.tangled).all()
        func figures(_ id: String) throws -> CompanyFigures.Figures { all[try #require(Self.tangled.companyIndex[id])] }
        // initech: 7B of cloud, 10B from each payer, 5B from umbrella (named by the amount); it pays 2B EUR to acme.
        let initech = try figures("initech")
        #expect(initech.incoming.agreed.total.amounts.values == ["USD": 7e9 + 20e9 + 5e9])
        #expect(initech.incoming.agreed.undisclosed == 1)
        #expect(initech.outgoing.agreed.total.amounts.values == ["EUR": 2e9])
        // globex: 10B from acme, and 3B to it from acme only (a payer does not pay itself).
        let globex = try figures("globex")
        #expect(globex.incoming.agreed.total.amounts.values == ["USD": 10e9 + 3e9])
        // acme's partners: globex, initech and umbrella, each once however many deals it shares with acme.
        #expect(try figures("acme").partners == 3)
    }

    /// Figures computed one by one are kept until everyone's are, which then answer for all.
    @Test func everyonesFiguresReplaceTheOneByOne() {
        let figures = CompanyFigures(Self.generated)
        _ = figures[3]
        _ = figures[3]
        _ = figures[7]
        #expect(figures.computedOneByOne == 2 && !figures.isComplete)
        let all = figures.all()
        #expect(figures.isComplete && figures.computedOneByOne == 0)
        #expect(figures[3] == all[3])
    }

    /// Rows drawn from several threads at once while a sort computes everyone's: each answer is the company's own.
    @Test func sharedBetweenThreads() async {
        let catalog = Self.generated
        let figures = CompanyFigures(catalog)
        let count = catalog.dataset.companies.count
        let answers = await withTaskGroup(of: [(Int, CompanyFigures.Figures)].self) { group in
            for t in 0..<4 {
                group.addTask { stride(from: t, to: count, by: 4).map { ($0, figures[$0]) } }
            }
            group.addTask {
                _ = figures.all(); return []
            }
            var all: [(Int, CompanyFigures.Figures)] = []
            for await part in group { all += part }
            return all
        }
        #expect(answers.count == count)
        let everyone = figures.all()
        #expect(answers.allSatisfy { everyone[$0.0] == $0.1 })
    }
}
