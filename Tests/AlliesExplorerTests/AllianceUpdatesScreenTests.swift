import AlliesCore
import AlliesText
import Testing
@testable import AlliesExplorer

/// The alliance screen's "After the sources" part (#16): each update with its date, its text in both languages and
/// its citation, URL whole, apart from (and after) what the sources said.
@Suite("Alliance screen: after the sources")
struct AllianceUpdatesScreenTests {
    static let nvidia = "nvidia-openai-100b-2025"
    static let devdiscourse =
        "https://www.devdiscourse.com/article/technology/3788089-update-2-nvidias-plan-to-invest-up-to-100-billion-in-"
        + "openai-has-stalled-wsj-reports"

    /// The explorer on an alliance's screen, reached as a person would: Alliances view, move down to it, Enter.
    static func open(_ id: String, size: Size, language: Language = .en) -> Explorer {
        var e = explorer(size: size, language: language)
        press(&e, .alliances)
        select(&e, id)
        press(&e, .open)
        #expect(e.state.top == .alliance(id))
        return e
    }

    static func rows(_ grid: Grid) -> [String] {
        (0..<grid.size.height).map { y in
            let text = grid.text(row: y)
            return String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
        }
    }

    @Test func theNvidiaOpenAIScreenShowsEachUpdateWithItsCitation() {
        let size = Size(width: 80, height: 24)
        var e = Self.open(Self.nvidia, size: size)
        select(&e, "update/0")
        var rows = Self.rows(e.render(size))
        #expect(rows.contains { $0.hasPrefix("After the sources ─") && $0.hasSuffix(" 3") })
        #expect(rows.contains("2 December 2025 (day known)"))
        #expect(rows.contains { $0.hasPrefix("NVIDIA's CFO, Colette Kress, said on 2 December 2025") })
        #expect(rows.contains { $0.hasPrefix("La directora financiera de NVIDIA, Colette Kress") })
        #expect(rows.contains("Citation: DIGITIMES · 3 December 2025"))
        #expect(rows.contains { $0.hasPrefix("“NVIDIA CFO Colette Kress on the OpenAI investment agreement") })
        #expect(rows.contains("https://www.digitimes.com/news/a20251203PD236.html"))

        // The second update: a URL longer than the screen is wrapped, every character kept, none cut.
        select(&e, "update/1")
        rows = Self.rows(e.render(size))
        #expect(rows.contains("30 January 2026 (day known)") || rows.contains { $0.contains("stalled") })
        #expect(rows.joined().contains(Self.devdiscourse))
        #expect(!rows.contains { $0.contains("…") && $0.contains("devdiscourse") })

        select(&e, "update/2")
        rows = Self.rows(e.render(size))
        #expect(rows.contains("27 February 2026 (day known)"))
        #expect(rows.joined(separator: " ").contains("includes $30 billion from NVIDIA"))
        #expect(rows.contains("Citation: Livemint (Reuters) · 27 February 2026"))
    }

    @Test func updatesComeAfterTheSummaryAndDoNotChangeTheStatus() {
        let size = Size(width: 200, height: 150)
        let e = Self.open(Self.nvidia, size: size)
        let rows = Self.rows(e.render(size))
        func at(_ prefix: String) -> Int? { rows.firstIndex { $0.hasPrefix(prefix) } }
        let summary = at("Summary ─"), after = at("After the sources ─"), claims = at("Claims ─"),
            sources = at("Sources ─")
        #expect(summary != nil && after != nil && claims != nil && sources != nil)
        if let summary, let after, let claims, let sources {
            #expect(summary < after && after < claims && claims < sources)
        }
        // The status stays what the sources said; the dates are oldest first.
        #expect(rows.contains { $0.hasPrefix("Status") && $0.contains("announced") })
        let dates = ["2 December 2025 (day known)", "30 January 2026 (day known)", "27 February 2026 (day known)"].map {
            d in
            rows.firstIndex(of: d)
        }
        #expect(dates.allSatisfy { $0 != nil } && dates == dates.sorted { ($0 ?? 0) < ($1 ?? 0) })
        // Wide enough, each URL is on one row.
        #expect(rows.contains(Self.devdiscourse))
    }

    @Test func theAmazonTalksScreenShowsHowTheTalksEnded() {
        let size = Size(width: 120, height: 40)
        var e = Self.open("amazon-openai-10b-talks-2025", size: size)
        select(&e, "update/0")
        let rows = Self.rows(e.render(size))
        #expect(rows.contains("27 February 2026 (day known)"))
        #expect(rows.joined(separator: " ").contains("Amazon commits $50 billion: $15 billion first"))
        #expect(rows.contains("Citation: FashionUnited · 27 February 2026"))
        #expect(
            rows.contains(
                "https://fashionunited.uk/news/business/openai-raises-110-billion-dollars-in-record-funding-round/"
                    + "2026022786554"
            ))
    }

    /// Dates in detail fields read as people write them, in the reader's language, as precise as known (the README's
    /// promise; an update's date and its citation's were ISO).
    @Test func inSpanishAnUpdateAndItsCitationAreDatedInWords() {
        let size = Size(width: 120, height: 40)
        var e = Self.open("amazon-openai-10b-talks-2025", size: size, language: .es)
        select(&e, "update/0")
        let rows = Self.rows(e.render(size))
        #expect(rows.contains("27 de febrero de 2026 (se sabe el día)"), "\(rows)")
        #expect(rows.contains("Cita: FashionUnited · 27 de febrero de 2026"), "\(rows)")
        #expect(!rows.contains { $0.contains("2026-02-27") }, "\(rows)")
    }

    /// A date is one phrase: a narrow screen moves it whole to the next line (it read `… 27 de febrero de` then
    /// `2026`), and what is drawn has plain spaces.
    @Test func aNarrowScreenNeverBreaksADate() throws {
        let size = Size(width: 40, height: 40)
        var e = Self.open("amazon-openai-10b-talks-2025", size: size, language: .es)
        select(&e, "update/0")
        let grid = e.render(size)
        let rows = Self.rows(grid)
        #expect(rows.contains("27 de febrero de 2026"), "\(rows)")
        let citation = try #require(rows.first { $0.hasPrefix("Cita: FashionUnited") }, "\(rows)")
        #expect(!citation.contains("febrero"), "\(rows)")
        #expect(!rows.contains { $0.unicodeScalars.contains("\u{A0}") }, "no-break spaces are drawn as spaces")
    }

    @Test func anAllianceWithoutUpdatesHasNoSuchPart() {
        let size = Size(width: 200, height: 150)
        let e = Self.open("aws-openai-cloud-2025", size: size)
        #expect(!e.render(size).text.contains("After the sources"))
    }
}
