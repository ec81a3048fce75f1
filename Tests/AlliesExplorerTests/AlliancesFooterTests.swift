import AlliesCore
import AlliesText
import Testing

@testable import AlliesExplorer

/// Under 100 columns the Alliances list has no Title column (at 80 no Kind column either): two deals between the same
/// parties on the same day, undisclosed and in talks, were two identical rows. Two lines under the list give the
/// selected deal's kind and title.
@Suite("Alliances: the selected deal's kind and title under a narrow list")
struct AlliancesFooterTests {
    @Test(arguments: [Language.es, .en])
    func everyDealSaysItsKindAndTitleAt80x24(language: Language) {
        let size = Size(width: 80, height: 24)
        var e = explorer(size: size, language: language)
        press(&e, "2")
        var footers: [String: String] = [:]
        for _ in 0..<bundledCatalog.dataset.alliances.count {
            let rows = AllianceUpdatesScreenTests.rows(e.render(size))
            let id = String(e.state.selectedID!.split(separator: ":").last!)
            let a = bundledCatalog.alliance(id)!
            let expected = Language.$scoped.withValue(language) { a.kind.label + " · " + a.title.preferred }
            let footer = rows[21] + (rows[22].isEmpty ? "" : " " + rows[22])
            // Whole, or its first line whole and the rest cut with `…` at the edge.
            #expect(
                footer == expected || footer.hasSuffix("…") && expected.hasPrefix(String(footer.dropLast())),
                "\(id): \(footer)")
            footers[id] = footer
            press(&e, "j")
        }
        // The two rows that looked the same are told apart.
        let chips = footers["aws-openai-trainium-talks-2025"], compute = footers["aws-openai-compute-talks-2025"]
        #expect(chips != nil && compute != nil && chips != compute)
    }

    /// From 100 columns the title has a column of its own and the list keeps every row; a short terminal keeps its
    /// rows for the list too.
    @Test func noFooterWhereTheTitleHasAColumnOrTheTerminalIsShort() {
        for size in [Size(width: 120, height: 40), Size(width: 40, height: 12)] {
            var e = explorer(size: size)
            press(&e, "2")
            let screen = e.state.stack.last!.screen
            #expect(Layout(screen, e.state.context()!, size).footerHeight == 0, "\(size)")
            let rows = AllianceUpdatesScreenTests.rows(e.render(size))
            let title = bundledCatalog.alliance(String(e.state.selectedID!.split(separator: ":").last!))!.title.en
            #expect(!rows.contains { $0.hasPrefix("investment · ") || $0.hasPrefix("cloud contract · ") }, "\(size)")
            if size.width >= 100 { #expect(rows.contains { $0.contains(String(title.prefix(12))) }, "\(rows)") }
        }
    }
}
