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
        #expect(typed.results.count == size.height)
        #expect(typed.results.map(\.id) == typed.answer.results(at: Array(typed.order.prefix(size.height))).map(\.id))
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
        #expect(typed.results.count == min(size.height, typed.order.count))
    }
}
