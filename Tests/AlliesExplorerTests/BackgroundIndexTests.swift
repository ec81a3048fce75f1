import AlliesCore
import AlliesGenerator
import Testing
@testable import AlliesExplorer

/// A large file arrives in two steps: the data (the lists are usable at once), then the search index built on the
/// background thread. A query typed in between waits and runs when the index arrives.
@Suite("Explorer: data first, search index after")
struct BackgroundIndexTests {
    /// A generated dataset of a few thousand alliances: accents, CJK, every kind.
    static let generated: Catalog = Catalog(try! DatasetGenerator(companies: 300, alliances: 3000, seed: 11).dataset())

    @Test func listsWorkWhileTheIndexIsBuiltAndTheQueryRunsWhenItArrives() throws {
        let catalog = Self.generated
        var e = Explorer(catalog: nil, datasetName: "big.json")
        _ = e.update(.resize(Size(width: 100, height: 30)))
        _ = e.update(.dataLoaded(.loaded(catalog, name: "big.json", indexFollows: true)))
        #expect(e.state.screens == [.companies])
        #expect(e.state.indexProgress == 0)
        // Browsing works before the index exists.
        for m in keys("jjj") { _ = e.update(m) }
        #expect(e.state.selectedIndex == 3)
        // A query typed now waits, saying why.
        for m in keys("/nube") { _ = e.update(m) }
        _ = e.update(.indexProgress(0.42))
        var screen = e.render(Size(width: 100, height: 30)).text
        #expect(screen.contains("Indexing 3,000 alliances for search… 42%"))
        #expect(!screen.contains("No matches"))
        // The index arrives: the query runs, and the prompt keeps its text and keeps editing.
        let index = SearchIndex(catalog)
        _ = e.update(.indexReady(index))
        #expect(e.state.indexProgress == nil)
        screen = e.render(Size(width: 100, height: 30)).text
        let expected = index.hits(try Query.parse("nube", catalog: catalog).get())
        #expect(expected.total > 200, "a common word, so the list is cut")
        #expect(screen.contains(Format.count(expected.total) + " matches (best 200 listed)"))
        let first = index.result(expected, 0)
        #expect(screen.contains(first.title))
        // An index for another catalog (a stale load) is ignored.
        var other = explorer()
        _ = other.update(.indexReady(index))
        #expect(other.state.index !== index)
    }

    @Test func searchOnAGeneratedDatasetGroupsCountsAndOpensResults() throws {
        var e = explorer(Self.generated, size: Size(width: 100, height: 30))
        for m in keys("/科技") { _ = e.update(m) }
        let screen = e.render(Size(width: 100, height: 30)).text
        #expect(screen.contains("Companies"))
        for m in keys("<tab><enter>") { _ = e.update(m) }
        guard case .company(let id)? = e.state.top else {
            Issue.record("expected a company, got \(String(describing: e.state.top))"); return
        }
        let name = try #require(Self.generated.company(id)?.name)
        #expect(name.contains("科技"))
        // Esc leads back to the search, then to the list it came from.
        _ = e.update(.key(.escape))
        #expect(e.state.top == .search)
    }
}
