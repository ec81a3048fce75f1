import Foundation
import Testing

/// `allies alliance ID` shows an alliance's updates (#16): a heading "After the sources" and one item per update in
/// the table, and `updates` in the JSON.
@Suite("allies alliance: after the sources")
struct AllianceUpdatesCLITests {
    static let digitimes = "https://www.digitimes.com/news/a20251203PD236.html"
    static let livemint =
        "https://www.livemint.com/companies/news/openais-110-billion-funding-pushes-its-valuation-to-840-billion-with-"
        + "backing-from-amazon-nvidia-softbank-11772208356860.html"

    /// The text with every run of spaces and newlines made one space (the report wraps to the width).
    static func flat(_ s: String) -> String {
        s.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    }

    @Test func theTableHasAnAfterTheSourcesPartWithOneItemPerUpdate() throws {
        let out = try AlliesBinary.run(["alliance", "nvidia-openai-100b-2025"])
        #expect(out.status == 0, "\(out.stderr)")
        let lines = out.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let heading = try #require(lines.firstIndex(of: "After the sources"))
        let summary = try #require(lines.firstIndex(of: "Summary"))
        let claims = try #require(lines.firstIndex(of: "Claims and figures"))
        #expect(summary < heading && heading < claims)
        let part = Array(lines[heading..<claims])
        // One item per update, oldest first, each with its date and precision.
        let items = part.filter { $0.hasPrefix("  - ") }
        #expect(items.count == 3)
        #expect(items.map { String($0.dropFirst(4).prefix(10)) } == ["2025-12-02", "2026-01-30", "2026-02-27"])
        let text = Self.flat(part.joined(separator: "\n"))
        #expect(
            text.contains(
                "2025-12-02 (precision: day): NVIDIA's CFO, Colette Kress, said on 2 December 2025 that the investment "
                    + "of up to $100 billion in OpenAI, announced in September as a letter of intent, "
                    + "had not been finalised"
            ))
        #expect(text.contains("Español: La directora financiera de NVIDIA"))
        #expect(
            text.contains(
                "Citation: DIGITIMES: NVIDIA CFO Colette Kress on the OpenAI investment agreement, "
                    + "as reported on DIGITIMES (2025-12-03)"
            ))
        #expect(
            text.contains(
                "Citation: Reuters (via Devdiscourse): UPDATE 2-Nvidia's plan to invest up to $100 billion in OpenAI "
                    + "has stalled, WSJ reports (2026-01-31)"
            ))
        #expect(text.contains("includes $30 billion from NVIDIA"))
        // Each URL whole on a line of its own, even one longer than the width.
        let trimmed = part.map { String($0.drop { $0 == " " }) }
        #expect(trimmed.contains(Self.digitimes))
        #expect(trimmed.contains(Self.livemint))
        // What the sources said is unchanged above: still announced, still up to $100B.
        #expect(
            lines.contains {
                $0.hasPrefix("  Status") && $0.contains("announced — as the sources said; 3 later updates below")
            })
    }

    @Test func theJSONHasUpdatesWithDateTextAndCitations() throws {
        let object = try #require(
            try AlliesBinary.json(["alliance", "nvidia-openai-100b-2025", "--format", "json"]) as? [String: Any])
        let updates = try #require(object["updates"] as? [[String: Any]])
        #expect(updates.map { $0["date"] as? String } == ["2025-12-02", "2026-01-30", "2026-02-27"])
        let text = try #require(updates[1]["text"] as? [String: String])
        #expect(text["en"]?.hasPrefix("The Wall Street Journal reported on 30 January 2026") == true)
        #expect(text["es"]?.hasPrefix("The Wall Street Journal informó el 30 de enero de 2026") == true)
        let citations = try #require(updates[0]["citations"] as? [[String: Any]])
        #expect(citations.count == 1)
        #expect(citations.first?["publisher"] as? String == "DIGITIMES")
        #expect(citations.first?["url"] as? String == Self.digitimes)
        #expect(citations.first?["published"] as? String == "2025-12-03")
        #expect((citations.first?["supports"] as? String)?.contains("not the headline") == true)
        #expect(object["status"] as? String == "announced")

        // An alliance without updates has an empty list.
        let plain = try #require(
            try AlliesBinary.json(["alliance", "aws-openai-cloud-2025", "--format", "json"]) as? [String: Any])
        #expect((plain["updates"] as? [Any])?.isEmpty == true)
        let table = try AlliesBinary.run(["alliance", "aws-openai-cloud-2025"])
        #expect(!table.stdout.contains("After the sources"))
    }

    @Test func theAmazonTalksShowTheirOutcome() throws {
        let out = try AlliesBinary.run(["alliance", "amazon-openai-10b-talks-2025"])
        #expect(out.status == 0)
        let text = Self.flat(out.stdout)
        #expect(
            text.contains(
                "After the sources - 2026-02-27 (precision: day): OpenAI announced on 27 February 2026 a $110 billion "
                    + "funding round in which Amazon commits $50 billion: $15 billion first, then another $35 billion"
            ))
        #expect(
            out.stdout.contains(
                "https://fashionunited.uk/news/business/openai-raises-110-billion-dollars-in-record-funding-round/"
                    + "2026022786554\n"
            ))
        #expect(out.stdout.contains("in-talks"))
    }
}
