import AlliesCore
import AlliesGenerator
import Testing

/// `CompanyFigures`, shared by `allies companies` and the explorer's Companies table: each company's figures are what
/// the catalog says of it, whether computed one by one (as rows are drawn) or all at once (for a listing or a sort).
struct CompanyFiguresTests {
    static let bundled = Catalog(try! Dataset.bundled().get())
    static let generated = Catalog(try! DatasetGenerator(companies: 200, alliances: 2000, seed: 5).dataset())

    /// What the catalog's own per-company functions give.
    func own(_ id: String, _ catalog: Catalog) -> CompanyFigures.Figures {
        let money = catalog.money(of: id)
        return CompanyFigures.Figures(
            alliances: catalog.alliances(of: id).count, partners: catalog.partners(of: id).count,
            incoming: money.incoming, outgoing: money.outgoing,
            lastActivity: catalog.lastActivity(of: id))
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
        for catalog in [Self.bundled, Self.generated] {
            let oneByOne = CompanyFigures(catalog), atOnce = CompanyFigures(catalog).all()
            for (k, c) in catalog.dataset.companies.enumerated() {
                #expect(oneByOne[k] == atOnce[k], "\(c.id)")
                #expect(atOnce[k] == own(c.id, catalog), "\(c.id)")
            }
            #expect(atOnce.contains { !$0.incoming.isEmpty } && atOnce.contains { $0.lastActivity != nil })
        }
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
