import AlliesCore
import Testing
@testable import AlliesExplorer

/// The search screen says why a result matched and suggests the dataset's own words for a misspelt one (#15).
@Suite("Search screen: did you mean, the field that matched")
struct SearchExplorerTests {
    static let size = Size(width: 80, height: 24)

    @Test func aMisspeltWordGetsTheNearestWordAndTabTakesIt() {
        var e = explorer(size: Self.size)
        press(&e, .search)
        press(&e, "antropic")
        var rows = AllianceUpdatesScreenTests.rows(e.render(Self.size))
        #expect(rows[2] == "No matches · Did you mean: anthropic? (Tab)", "\(rows[2])")
        press(&e, .promptResults)
        rows = AllianceUpdatesScreenTests.rows(e.render(Self.size))
        #expect(rows[1] == "/ anthropic", "\(rows[1])")
        #expect(rows[2].hasPrefix("12 matches"), "\(rows[2])")
    }

    @Test func theCorrectionKeepsTheRestOfTheQuery() {
        let fix = [SearchIndex.Correction(word: "nvidea", suggestions: ["nvidia", "nvida"])]
        #expect(SearchScreen.corrected("-(Nvidea) kind:investment", fix) == "-(nvidia) kind:investment")
        #expect(SearchScreen.corrected("openai nvidea", fix) == "openai nvidia")
    }

    @Test func aSpanishMatchSaysItsFieldAndShowsTheSpanishText() {
        var e = explorer(size: Self.size)
        press(&e, .search)
        press(&e, "invertirá")
        let rows = AllianceUpdatesScreenTests.rows(e.render(Self.size))
        #expect(rows.contains { $0.contains("· title.es") }, "\(rows)")
        #expect(rows.contains { $0.contains("invertirá") && !$0.contains("·") }, "the Spanish text itself: \(rows)")
    }
}
