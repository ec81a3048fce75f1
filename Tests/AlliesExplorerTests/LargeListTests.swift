import AlliesCore
import AlliesGenerator
import AlliesText
import Foundation
import Testing
@testable import AlliesExplorer

/// Issue #4: the long lists are lazy. These tests drive a generated dataset of 20,000 alliances through the
/// Alliances and Companies screens and check, against orders computed here independently, that the right rows are
/// selected and drawn. Behaviour only: nothing here is timed.
@Suite struct LargeListTests {
    static let catalog: Catalog = Catalog(try! DatasetGenerator(companies: 2000, alliances: 20000, seed: 3).dataset())
    static let size = Size(width: 120, height: 40)
    /// Rows of the list on screen: the size less the breadcrumb, the column headings and the status line.
    static let listHeight = size.height - 3

    var catalog: Catalog { Self.catalog }
    var all: [Alliance] { catalog.dataset.alliances }

    /// Alliance positions newest first, undated last, ties in dataset order (the Alliances screen's default).
    func byDate(_ kind: AllianceKind? = nil) -> [Int] {
        let all = self.all
        return all.indices.filter { kind == nil || all[$0].kind == kind }.sorted { i, j in
            let p = all[i].date?.value, q = all[j].date?.value
            if p != q {
                switch (p, q) {
                case let (x?, y?): return x > y
                case (.some, nil): return true
                default: return false
                }
            }
            return i < j
        }
    }

    /// The amount order, spelt out: by the amount the row shows (the first); agreed exact or approximate USD, then
    /// agreed ceilings, agreed floors, USD of deals not agreed, their ceilings, each largest first; then everything
    /// else with an amount (other currencies, rates, ended deals) in dataset order; undisclosed last.
    func byAmount() -> [Int] {
        // An amount's place as if agreed, and as its deal stands; a row sorts by its amount placed first as agreed.
        func rank(_ m: Amount, _ status: AllianceStatus) -> (Double, Double) {
            let agreed = [.announced, .active, .completed].contains(status)
            let pending = [.inTalks, .rumoured, .predicted].contains(status)
            guard m.currency == "USD" else { return (6, 0) }
            // A yearly amount with no term: agreed ones after agreed floors, before pending money.
            if m.per == .year && m.termYears == nil {
                return agreed && (m.bound == .exact || m.bound == .about) ? (2.5, m.value) : (6, 0)
            }
            switch m.bound {
            case .exact, .about: return agreed ? (0, m.totalValue) : pending ? (3, m.totalValue) : (6, 0)
            case .upTo: return agreed ? (1, m.totalValue) : pending ? (4, m.totalValue) : (6, 0)
            case .atLeast, .moreThan: return agreed ? (2, m.totalValue) : (6, 0)
            }
        }
        func rank(_ a: Alliance) -> (Double, Double) {
            guard !a.amounts.isEmpty else { return (7, 0) }
            // Amounts with ends of their own may flow against the row: only the others compete, else the first.
            let asRead = a.amounts.filter { $0.from == nil && $0.to == nil }
            guard var shown = asRead.first else { return rank(a.amounts[0], a.status) }
            for m in asRead.dropFirst() {
                let p = rank(m, .active), q = rank(shown, .active)
                if p.0 < q.0 || (p.0 == q.0 && p.1 > q.1) { shown = m }
            }
            return rank(shown, a.status)
        }
        let ranks = all.map(rank)
        return all.indices.sorted { x, y in
            let p = ranks[x], q = ranks[y]
            return p.0 != q.0 ? p.0 < q.0 : p.1 != q.1 ? p.1 > q.1 : x < y
        }
    }

    /// The text a row of the Alliances table shows for an alliance at this width.
    func rowText(_ a: Alliance) -> String {
        let ctx = Context(catalog: catalog, search: nil, g: .unicode, needles: [])
        let table = TableLayout(
            AlliancesScreen.columns(width: Self.size.width, Glyphs(unicode: true)), width: Self.size.width)
        return AlliancesScreen.row(a, table, ctx).text
    }

    func trimmed(_ s: String) -> String {
        var s = s
        while s.last == " " { s.removeLast() }
        return s
    }

    /// The grid row (from the top of the list) that shows the alliance, checked against its expected text.
    func expectShown(_ e: Explorer, _ a: Alliance, atListRow r: Int, sourceLocation: SourceLocation = #_sourceLocation)
    {
        let grid = e.render(Self.size)
        #expect(trimmed(grid.text(row: 2 + r)) == trimmed(rowText(a)), sourceLocation: sourceLocation)
    }

    func alliancesExplorer() -> Explorer {
        var e = explorer(catalog, size: Self.size)
        press(&e, .alliances)
        return e
    }

    @Test func opensOnTheNewestAndPagesToTheEnd() {
        var e = alliancesExplorer()
        let order = byDate()
        #expect(e.state.top == .alliances)
        #expect(e.state.selectedID == all[order[0]].id)
        #expect(e.state.scrollOffset == 0)
        for r in [0, 1, Self.listHeight - 1] { expectShown(e, all[order[r]], atListRow: r) }
        #expect(e.render(Self.size).text(row: 0).contains("1/20000"))

        press(&e, .bottom)
        #expect(e.state.selectedIndex == order.count - 1)
        #expect(e.state.selectedID == all[order.last!].id)
        #expect(e.state.scrollOffset == order.count - Self.listHeight)
        #expect(e.render(Self.size).text(row: 0).contains("20000/20000"))
        expectShown(e, all[order.last!], atListRow: Self.listHeight - 1)
        expectShown(e, all[order[order.count - Self.listHeight]], atListRow: 0)

        press(&e, .moveUp, .moveUp, .moveUp)
        #expect(e.state.selectedID == all[order[order.count - 4]].id)
        #expect(e.state.scrollOffset == order.count - Self.listHeight)

        press(&e, .pageUp)
        let afterPage = order.count - 4 - (Self.listHeight - 1)
        #expect(e.state.selectedIndex == afterPage)
        #expect(e.state.selectedID == all[order[afterPage]].id)
        let top = e.state.scrollOffset
        #expect(top <= afterPage && afterPage < top + Self.listHeight, "the selection stays on screen")
        expectShown(e, all[order[afterPage]], atListRow: afterPage - top)

        press(&e, .top)
        #expect(e.state.selectedID == all[order[0]].id)
        #expect(e.state.scrollOffset == 0)

        press(&e, .pageDown, .pageDown, .moveDown)
        let paged = 2 * (Self.listHeight - 1) + 1
        #expect(e.state.selectedID == all[order[paged]].id)
        expectShown(e, all[order[paged]], atListRow: paged - e.state.scrollOffset)
    }

    @Test func sortAndFilterKeepTheRecordAndShowTheRightRows() {
        var e = alliancesExplorer()
        press(&e, .pageDown, .moveDown, .moveDown)
        let id = e.state.selectedID!
        // Sorting by amount keeps the same alliance selected, now at its place in the amount order.
        press(&e, .sort)
        let amount = byAmount()
        let at = amount.firstIndex { all[$0].id == id }!
        #expect(e.state.selectedID == id)
        #expect(e.state.selectedIndex == at)
        expectShown(e, all[amount[at]], atListRow: at - e.state.scrollOffset)
        press(&e, .bottom)
        #expect(e.state.selectedID == all[amount.last!].id)

        // By parties: the parties' names as they read (payers, payees, others), name by name (folded, then by id,
        // as the Companies list sorts them; fewer names first), ties in dataset order.
        press(&e, .sort)
        let parties = all.map { a in
            let (payers, payees, others) = a.partiesAsRead
            return (payers + payees + others).map { [Folding.fold(catalog.companyName($0)), $0] }
        }
        let byParties = all.indices.sorted { x, y in
            for (p, q) in zip(parties[x], parties[y]) where p != q { return p.lexicographicallyPrecedes(q) }
            return parties[x].count != parties[y].count ? parties[x].count < parties[y].count : x < y
        }
        let sortedItems = e.state.topItems()!.items
        #expect(sortedItems.count == all.count)
        #expect(sortedItems.indices.allSatisfy { sortedItems.id(at: $0) == .record(all[byParties[$0]].id) })
        #expect(e.state.selectedID == all[amount.last!].id, "the selection stays on the same alliance")

        // Back to date order, then the first kind of the filter cycle.
        press(&e, .sort, .top)
        #expect(e.state.selectedID == all[byDate()[0]].id)
        press(&e, .filter)
        let kind = AllianceKind.allCases.first { k in all.contains { $0.kind == k } }!
        let filtered = byDate(kind)
        #expect(!filtered.isEmpty && filtered.count < all.count)
        let shown = e.state.selectedIndex
        #expect(e.state.selectedID == all[filtered[shown]].id)
        #expect(e.render(Self.size).text(row: 0).contains("\(shown + 1)/\(filtered.count)"))
        press(&e, .bottom)
        #expect(e.state.selectedID == all[filtered.last!].id)
        expectShown(e, all[filtered.last!], atListRow: Self.listHeight - 1)
        // Every row of the filtered list is of that kind.
        let items = e.state.topItems()!.items
        #expect(items.count == filtered.count)
        for i in stride(from: 0, to: items.count, by: 97) {
            #expect(catalog.alliance(items.id(at: i)!.record!)?.kind == kind)
        }
    }

    @Test func searchOpensAResultAndNSteps() {
        var e = alliancesExplorer()
        // A company's name: its alliances are found by the search, and by n in the list.
        let name = catalog.dataset.companies[7].name
        press(&e, .search)
        press(&e, name)
        press(&e, .promptResults)
        #expect(e.state.top == .search)
        let result = e.state.selectedID
        #expect(result != nil)
        press(&e, .open)
        switch e.state.top {
        case .company(let id)?: #expect(result == "company/" + id)
        case .alliance(let id)?: #expect(result == "alliance/" + id)
        default: Issue.record("Enter on a result opened \(String(describing: e.state.top))")
        }
        press(&e, .back, .back)
        #expect(e.state.top == .alliances)
        #expect(e.state.selectedIndex == 0)

        // n: the next rows whose text has the name, in list order, wrapping around.
        let order = byDate()
        let needles = e.state.needles
        let matching = order.indices.filter { r in
            let a = all[order[r]]
            let text = Folding.fold(
                [a.title.en, a.title.es, Format.parties(a, catalog, .unicode)].joined(separator: " "))
            return !needles.isEmpty && needles.allSatisfy { text.contains($0) }
        }
        #expect(matching.count >= 2, "company 7 has alliances")
        guard matching.count >= 2 else { return }
        press(&e, .nextMatch)
        // From row 0, the first match below it.
        #expect(e.state.selectedIndex == (matching[0] == 0 ? matching[1] : matching[0]))
        press(&e, .bottom, .nextMatch)
        #expect(e.state.selectedIndex == matching[0])
        #expect(e.state.note?.text == "Search wrapped to the top")
        press(&e, .previousMatch)
        #expect(e.state.selectedIndex == matching.last!)
        expectShown(e, all[order[matching.last!]], atListRow: matching.last! - e.state.scrollOffset)
        press(&e, .open)
        #expect(e.state.top == .alliance(all[order[matching.last!]].id))
    }

    @Test func mouseSelectsTheRowUnderIt() {
        var e = alliancesExplorer()
        press(&e, .bottom)
        let order = byDate()
        let top = e.state.scrollOffset
        _ = e.update(.mouse(Mouse(.press, x: 10, y: 2 + 5)))
        #expect(e.state.selectedID == all[order[top + 5]].id)
        _ = e.update(.mouse(Mouse(.doubleClick, x: 10, y: 2 + 6)))
        #expect(e.state.top == .alliance(all[order[top + 6]].id))
    }

    /// Sorted by name (the first screen), only the drawn rows' figures are computed: at a million alliances the pass
    /// over all of them took seconds before the first frame. Sorting by a figure computes everyone's.
    @Test func theFirstFrameComputesOnlyTheDrawnRowsFigures() {
        var e = explorer(catalog, size: Self.size)
        _ = e.render(Self.size)
        let figures = e.state.lists.figures(catalog)
        #expect(!figures.isComplete)
        #expect(figures.computedOneByOne > 0 && figures.computedOneByOne <= Self.size.height)
        press(&e, .sort)  // by deals
        _ = e.render(Self.size)
        #expect(figures.isComplete)
    }

    /// The Timeline of 20,000 alliances is built lazily (a million would take seconds and gigabytes whole): its
    /// selectable rows are the alliances in date order, each under its year (with the year's count) and month.
    @Test func theTimelineIsLazyAndInDateOrder() throws {
        var e = explorer(catalog, size: Self.size)
        press(&e, .timeline)
        #expect(e.state.top == .timeline(company: nil))
        let (items, _) = try #require(e.state.topItems())
        #expect(items.isLazy)
        let expected = catalog.timeline().map(\.id)
        let selectable = items.selectable
        #expect(selectable.count == expected.count)
        #expect((0..<selectable.count).map { items.id(at: selectable[$0])?.record } == expected)
        // Dates never go back, and the undated come last.
        let dates = expected.map { catalog.alliance($0)!.date?.value }
        let dated = dates.prefix { $0 != nil }.map { $0! }
        #expect(zip(dated, dated.dropFirst()).allSatisfy { !($1 < $0) })
        #expect(dates.dropFirst(dated.count).allSatisfy { $0 == nil })
        // Headings: one per year with its count, months within; neither selectable.
        var years: [String: Int] = [:]
        for a in catalog.dataset.alliances { years[a.date.map { String($0.value.year) } ?? "Undated", default: 0] += 1 }
        let headings = (0..<items.count).filter { !items.isSelectable($0) }
        let yearLines = headings.map { items[$0].lines[0].text }.filter { !$0.hasPrefix("  ") }
        #expect(yearLines.count == years.count)
        for line in yearLines {
            let year = String(line.prefix { $0 != " " })
            #expect(line.hasSuffix(" \(years[year] ?? -1) alliances "), "\(line)")
        }
        // Keys move from alliance to alliance over the headings, and the end is the last alliance.
        #expect(e.state.selectedID == expected[0])
        press(&e, .moveDown)
        #expect(e.state.selectedID == expected[1])
        press(&e, .bottom)
        #expect(e.state.selectedID == expected.last)
        let grid = e.render(Self.size)
        #expect(
            grid.text(row: 0).contains("\(Format.count(expected.count))/\(Format.count(expected.count))")
                || grid.text(row: 0).contains("\(expected.count)/\(expected.count)"))
    }

    @Test func companiesSortAndPage() {
        var e = explorer(catalog, size: Self.size)
        let companies = catalog.dataset.companies
        let byName = companies.indices.sorted { i, j in
            let x = Folding.fold(companies[i].name), y = Folding.fold(companies[j].name)
            return x != y ? x < y : companies[i].id < companies[j].id
        }
        #expect(e.state.selectedID == companies[byName[0]].id)
        press(&e, .bottom)
        #expect(e.state.selectedID == companies[byName.last!].id)
        #expect(e.render(Self.size).text(row: 0).contains("2000/2000"))
        // By alliance count, most first.
        press(&e, .sort, .top)
        let count = { (i: Int) in catalog.alliancesByCompany[companies[i].id]?.count ?? 0 }
        let most = companies.indices.map(count).max()!
        #expect(e.state.selectedID == companies[byName.first { count($0) == most }!].id)
        press(&e, .open)
        let first = byName.first { count($0) == most }!
        #expect(e.state.top == .company(companies[first].id))
    }
}
