import AlliesCore
import AlliesText
import Testing

@testable import AlliesExplorer

/// The Companies list's preview of a hub: at a million alliances the top of the list sorted by deals is companies of
/// 10,000–31,490 deals, and the preview summed them and named every partner on each frame (0.25 s a key).
@Suite struct HubPreviewTests {
    /// A hub with 300 partners, one deal each, $1B received from each of the first ten; and one more company.
    static let catalog: Catalog = {
        func company(_ id: String) -> Company {
            Company(id: id, name: id.uppercased(), kind: .startup, description: LocalizedText(en: id, es: id))
        }
        let partners = (0..<300).map { String(format: "p%03d", $0) }
        let alliances = partners.enumerated().map { i, p in
            Alliance(
                id: "hub-" + p, kind: .investment, parties: [Party(p, .investor), Party("hub", .investee)],
                amounts: i < 10 ? [Amount(value: 1e9, currency: "USD")] : [], date: nil, status: .active,
                title: LocalizedText(en: p, es: p), summary: LocalizedText(en: p, es: p))
        }
        return Catalog(Dataset(companies: (["hub"] + partners).map(company), alliances: alliances))
    }()

    /// The preview names the first partners, in the order their deals come, as far as about four lines hold, then
    /// says how many more: the names shown and the count add up to the 300 partners. Its money is the company's.
    @Test(arguments: [120, 200])
    func aHubsPreviewNamesItsFirstPartnersAndCountsTheRest(width: Int) throws {
        let size = Size(width: width, height: 40)
        var e = explorer(Self.catalog, size: size)
        select(&e, "hub")
        let screen = e.render(size).text
        let lines = screen.split(separator: "\n").map(String.init)
        let first = try #require(lines.firstIndex { $0.contains("Partners   P") }, "\(screen)")
        let column = try #require(lines[first].range(of: "Partners")).lowerBound
        // The pane's Partners paragraph: its first line and those under it, to the next blank one.
        var text = ""
        for line in lines[first...] {
            let part = String(line[column...]).dropFirst("Partners".count)
            if part.allSatisfy({ $0 == " " }) { break }
            text += " " + part.trimmingCharacters(in: .whitespaces)
        }
        let more = try #require(text.range(of: #"and [0-9,]+ more"#, options: .regularExpression), "\(text)")
        let count = Int(text[more].split(separator: " ")[1].filter(\.isNumber))!
        let names = text[..<more.lowerBound].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(names == (0..<names.count).map { String(format: "P%03d", $0) }, "\(text)")
        #expect(names.count + count == 300 && names.count >= 8, "\(text)")
        #expect(screen.contains("Money in   Agreed: $10B"), "the money in: \(screen)")
        #expect(Self.catalog.money(of: "hub").incoming.agreed.total.amounts["USD"] == 10e9)
    }
}

/// The Timeline's amounts keep their words: from 54 columns to 79 the title gives up its columns to the amount (an
/// amount column of 12 showed `$13B (cumul…` and `$8B (est., …`), and narrower, where the table has no amount
/// column, the selected deal's amount is said whole under the list.
@Suite struct TimelineAmountTests {
    @Test(arguments: [Language.en, .es])
    func everyAmountOnTheTimelineIsWholeAtEveryWidth(language: Language) throws {
        let withMoney = bundledCatalog.dataset.alliances.filter { !$0.amounts.isEmpty }
        let amount = { (a: Alliance) in
            Language.$scoped.withValue(language) { MoneyFormat.amounts(of: a, ascii: false) }
        }
        var tables = 0
        for width in [54, 62, 66, 72, 79, 80, 100] {
            let size = Size(width: width, height: 80)
            var e = explorer(size: size, language: language)
            press(&e, .timeline)
            // Too narrow for a title beside the whole amount (54 columns in Spanish): the footer says it (below).
            if Language.$scoped.withValue(language, operation: { TimelineScreen().hasFooter(listWidth: width) }) {
                #expect(width < 58)
                continue
            }
            tables += 1
            let rows = e.render(size).text.split(separator: "\n").map(String.init)
            // Under 80 columns the title's columns go to the amount, not to the parties.
            #expect(
                width >= 80 || !rows[1].contains(Language.$scoped.withValue(language) { tr("Parties") }), "\(rows[1])")
            var seen = 0
            for a in withMoney {
                // Deals whose titles start alike (NVIDIA's two `to invest up to …`): one of their rows has it.
                let title = Language.$scoped.withValue(language) { String(a.title.preferred.prefix(12)) }
                let candidates = rows.filter { $0.contains(title) }
                guard !candidates.isEmpty else { continue }
                #expect(
                    candidates.contains { $0.contains(amount(a)) },
                    "\(width) \(language): \(candidates) lack \(amount(a))")
                seen += 1
            }
            #expect(seen >= withMoney.count / 2, "\(width): only \(seen) deals with money on screen")
        }
        #expect(tables >= 6)
        // At 40 columns the table has no amount column: the selected deal's amount is under the list, whole.
        let size = Size(width: 40, height: 24)
        var e = explorer(size: size, language: language)
        press(&e, .timeline)
        var found = 0
        for _ in 0..<40 {
            press(&e, .moveDown)
            guard let id = e.state.selectedID, let a = bundledCatalog.alliance(id), !a.amounts.isEmpty else {
                continue
            }
            let footer = e.render(size).text.split(separator: "\n").suffix(4).joined(separator: " ")
            #expect(footer.contains(amount(a)), "\(id): \(footer)")
            found += 1
        }
        #expect(found >= 3)
    }
}
