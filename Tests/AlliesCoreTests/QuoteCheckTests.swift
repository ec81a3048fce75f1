@testable import AlliesCore
import Testing

/// An article may carry its text; every quote of it must then be verbatim in that text (runs of whitespace aside),
/// and a quote that is not gets a diagnostic naming the record, the field and the closest passage.
@Suite("Quotes checked against their article's text")
struct QuoteCheckTests {
    static let text =
        "Acme y Globex firmaron ayer un acuerdo.\n\nAcme invierte  1 millón de dólares en Globex, "
        + "según la\nnota de prensa."

    /// The valid fixture with the article's text and the alliance's quote replaced.
    static func dataset(quote: String, text: String? = QuoteCheckTests.text, articlesLast: Bool = false) -> String {
        var json = validDataset.replacingOccurrences(
            of: "\"quote\": \"Acme invierte\"", with: "\"quote\": \(jsonString(quote))")
        if let text {
            json = json.replacingOccurrences(
                of: "\"language\": \"es\"\n", with: "\"language\": \"es\",\n      \"text\": \(jsonString(text))\n")
        }
        if articlesLast {
            // The same records with the articles listed after the alliances.
            let start = json.range(of: "  \"articles\": [")!.lowerBound
            let end = json.range(of: "  \"groups\": [")!.lowerBound
            let articles = String(json[start..<end])
            json.removeSubrange(start..<end)
            let close = json.range(of: "\n}", options: .backwards)!.lowerBound
            json.insert(contentsOf: ",\n" + articles.dropLast(2), at: close)
        }
        return json
    }

    static func jsonString(_ s: String) -> String {
        var out = ""
        JSONValue.escape(s, into: &out)
        return out
    }

    @Test func aVerbatimQuoteLoadsWhateverTheWhitespace() throws {
        for quote in [
            "Acme invierte 1 millón", "Acme invierte  1 millón", "según la nota de prensa",
            "acuerdo.\nAcme",
        ] {
            let d = try decode(Self.dataset(quote: quote)).get()
            #expect(d.articles[0].text == Self.text)
            #expect(d.alliances[0].sources[0].quote == quote, "kept exactly as written")
        }
    }

    @Test func aChangedQuoteIsReportedWithTheClosestPassage() throws {
        for articlesLast in [false, true] {
            let all = diagnostics(
                Self.dataset(quote: "Acme invierte 1 millon de dolares en Globex", articlesLast: articlesLast))
            #expect(all.count == 1, "\(all.map(\.description))")
            let d = try #require(all.first)
            #expect(d.record == "alliances[0] \"acme-globex\"")
            #expect(d.field == "sources[0].quote")
            let expected =
                "the quote is not in the text of article \"a1\" (runs of whitespace aside): "
                + "did you mean \"Acme invierte 1 millón de dólares en Globex,\"?"
            #expect(d.message == expected, "articles last: \(articlesLast)")
            // Line and column of the quote's value.
            let json = Self.dataset(quote: "Acme invierte 1 millon de dolares en Globex", articlesLast: articlesLast)
            let line = json.split(separator: "\n", omittingEmptySubsequences: false).firstIndex {
                $0.contains("millon de dolares")
            }!
            #expect(d.position?.line == line + 1)
        }
    }

    @Test func aQuoteWithNothingInCommonSaysSo() throws {
        let d = try #require(diagnostics(Self.dataset(quote: "zzz qqq")).first)
        #expect(d.message.hasSuffix(": no word of it is in the article"))
    }

    @Test func anArticleWithoutTextChecksNothing() throws {
        let d = try decode(Self.dataset(quote: "nothing like the article", text: nil)).get()
        #expect(d.articles[0].text == nil)
    }

    @Test func textAndRetrievedRoundTripThroughTheEncoderAndTheSnapshot() throws {
        var json = Self.dataset(quote: "Acme invierte")
        json = json.replacingOccurrences(
            of: "\"published\": \"2024-05\",", with: "\"published\": \"2024-05\",\n      \"retrieved\": \"2026-12\",")
        let d = try decode(json).get()
        #expect(d.articles[0].retrieved == PartialDate(year: 2026, month: 12))
        let again = try decode(d.canonicalJSON()).get()
        expectSameDataset(d, again)
        expectSameDataset(d, try throughSnapshot(d.canonicalJSON()))
        // Canonical order: retrieved and text after url, the long text last.
        let canonical = d.canonicalJSON()
        let order = ["\"language\"", "\"retrieved\"", "\"text\""].map { canonical.range(of: $0)!.lowerBound }
        #expect(order == order.sorted())
    }

    @Test func passagesAreFoundAcrossLineBreaksAndNotAcrossChangedLetters() {
        let t = VerbatimText("uno dos\n\ttres\u{00A0}cuatro")
        #expect(t.contains("dos tres cuatro"))
        #expect(t.contains("uno dos\ntres"))
        #expect(!t.contains("dos trés"))
        #expect(!t.contains(""))
        #expect(!t.contains("   "))
        #expect(t.closestPassage(to: "tres cuatro cinco") == "dos tres cuatro")
        #expect(VerbatimText("").closestPassage(to: "x") == nil)
    }
}

@Suite("Passages of an article's text")
struct PassageRangeTests {
    @Test func aQuoteIsFoundInTheOriginalTextAcrossLineBreaks() throws {
        let text = "Uno  dos\ntrés, cuatro.\n\nCinco seis."
        let t = VerbatimText(text)
        for (quote, expected) in [
            ("dos tres", nil), ("dos trés", "dos\ntrés"), ("trés, cuatro. Cinco", "trés, cuatro.\n\nCinco"),
            ("Uno", "Uno"), ("seis.", "seis."),
        ] {
            let range = t.utf8Range(of: quote)
            let found = range.map { String(decoding: Array(text.utf8)[$0], as: UTF8.self) }
            #expect(found == expected, "\(quote)")
        }
    }
}
