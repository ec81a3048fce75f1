import AlliesCore
import Testing
@testable import AlliesExplorer

/// A keystroke in the search prompt builds the results a screen can show, not all 200 kept (building them was most
/// of the keystroke at 200,000 alliances); any other message has the rest built before it acts.
@Suite("Search: a screenful of results per keystroke")
struct SearchScreenfulTests {
    static func search(_ e: Explorer) -> SearchScreen { e.state.stack.last!.screen as! SearchScreen }

    static func rows(_ grid: Grid) -> [String] { (0..<grid.size.height).map { grid.text(row: $0) } }

    @Test(arguments: [Size(width: 80, height: 24), Size(width: 40, height: 12), Size(width: 200, height: 60)])
    func theKeystrokeBuildsAScreenfulAndDrawsWhatTheWholeListDraws(size: Size) {
        var e = explorer(size: size)
        press(&e, .search)
        press(&e, "a")
        let typed = Self.search(e)
        #expect(typed.order.count > size.height, "a query with more results than rows")
        // A screen's height of lines, not of results: the alliances found take two lines each at least.
        let built = SearchScreen.screenful(typed.answer.kinds, typed.order, rows: size.height)
        #expect(typed.results.count == built)
        #expect(typed.results.map(\.id) == typed.answer.results(at: Array(typed.order.prefix(built))).map(\.id))
        let frame = e.render(size)

        // A pause (the terminal's tick) builds the rest; the screen is the one every result built draws.
        var paused = e
        deliver(&paused, .tick)
        let whole = Self.search(paused)
        #expect(whole.results.count == whole.order.count)
        #expect(Self.rows(paused.render(size)) == Self.rows(frame))
        // The groups' headings counted the kept results before they were built.
        let alliances = whole.results.filter { $0.kind == .alliance }.count
        #expect(alliances > 0)
        let total = whole.answer.countByKind[.alliance] ?? 0
        let heading = total > alliances ? "\(alliances) of \(total)" : "\(alliances)"
        let drawn = Self.rows(paused.render(Size(width: size.width, height: 400)))
        #expect(drawn.contains { $0.contains("Alliances") && $0.contains(heading) }, "\(drawn)")
    }

    @Test func aMoveActsOnTheWholeList() {
        let size = Size(width: 80, height: 24)
        var e = explorer(size: size)
        press(&e, .search)
        press(&e, "a")
        let typed = Self.search(e)
        #expect(typed.results.count < typed.order.count)
        press(&e, .promptResults)
        press(&e, .bottom)
        let whole = Self.search(e)
        #expect(whole.results.count == whole.order.count)
        let last = whole.results.last!
        #expect(e.state.selectedID?.hasSuffix("/" + last.id) == true, "\(e.state.selectedID ?? "none")")
    }

    @Test func typingOnKeepsBuildingAScreenful() {
        let size = Size(width: 80, height: 24)
        var e = explorer(size: size)
        press(&e, .search)
        press(&e, "a")
        deliver(&e, .tick)
        #expect(Self.search(e).results.count == Self.search(e).order.count)
        press(&e, "i")  // "ai": a new query, a screenful again
        let typed = Self.search(e)
        #expect(typed.query == "ai")
        #expect(typed.results.count == SearchScreen.screenful(typed.answer.kinds, typed.order, rows: size.height))
        #expect(typed.results.count < typed.order.count)
    }

    /// Alliances found take two lines each at least (title; amount and parties): a screen of them is built from
    /// fewer results than it has rows, and draws what every result built draws.
    @Test(arguments: [Size(width: 80, height: 24), Size(width: 40, height: 12)])
    func aScreenOfAlliancesIsBuiltFromFewerResultsThanRows(size: Size) {
        var e = explorer(size: size)
        press(&e, .search)
        for c in "year:2025" { press(&e, String(c)) }
        let typed = Self.search(e)
        #expect(typed.order.count >= 13 && typed.order.allSatisfy { typed.answer.kinds[$0] == .alliance })
        #expect(typed.results.count < min(size.height, typed.order.count), "\(typed.results.count) built")
        let frame = Self.rows(e.render(size))
        #expect(frame.contains { $0.contains("Alliances") })
        var paused = e
        deliver(&paused, .tick)
        #expect(Self.search(paused).results.count == typed.order.count)
        #expect(Self.rows(paused.render(size)) == frame)
    }

    /// A heading takes a line, a result one, an alliance two; the count stops once the lines reach the rows.
    @Test func aScreenfulCountsTheLinesEachResultTakesAtLeast() {
        let kinds: [SearchResult.Kind] = [.alliance, .company, .alliance, .company, .article]
        // In the screen's order: the two companies (positions 1, 3), the two alliances, the article.
        let order = [1, 3, 0, 2, 4]
        // Companies: heading 1, two rows 2 (3); alliances: heading 1, two of two lines (8); articles: heading, row.
        #expect(SearchScreen.screenful(kinds, order, rows: 3) == 2)
        #expect(SearchScreen.screenful(kinds, order, rows: 4) == 3)
        #expect(SearchScreen.screenful(kinds, order, rows: 6) == 3)
        #expect(SearchScreen.screenful(kinds, order, rows: 7) == 4)
        #expect(SearchScreen.screenful(kinds, order, rows: 8) == 4)
        #expect(SearchScreen.screenful(kinds, order, rows: 9) == 5)
        #expect(SearchScreen.screenful(kinds, order, rows: 100) == 5)
        #expect(SearchScreen.screenful(kinds, [], rows: 10) == 0)
    }
}
