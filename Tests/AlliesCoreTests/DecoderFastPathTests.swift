@testable import AlliesCore
import Testing

/// Issue #4 (load speed): the decoder answers the common cases from the bytes (keys and references in plain ASCII,
/// dates of ASCII digits, two-letter codes, non-blank strings) and goes the long way for the rest. Both ways must give
/// the same answers; these tests take the long way on purpose and compare.
@Suite("Decoder fast paths")
struct DecoderFastPathTests {
    /// Keys and references written with escapes (read as strings, not matched by their bytes) decode to the same
    /// dataset as the plain ones.
    @Test func escapedKeysAndReferencesDecodeLikePlainOnes() throws {
        var text = validDataset
        text = replacing("\"id\": \"acme-globex\"", with: "\"\\u0069d\": \"acme-globex\"", in: text)
        text = replacing(
            "{\"company\": \"globex\", \"role\": \"investee\"}",
            with: "{\"role\": \"investee\", \"comp\\u0061ny\": \"glob\\u0065x\"}", in: text)
        text = replacing("\"article\": \"a1\"", with: "\"article\": \"\\u00611\"", in: text)
        let plain = try decode(validDataset).get()
        let escaped = try decode(text).get()
        #expect(escaped.alliances == plain.alliances)
    }

    /// Fields in any order (the matcher tries the canonical next one first, then wraps around), and an escaped
    /// duplicate of a plain key, are found as before.
    @Test func fieldsOutOfOrderAndEscapedDuplicates() throws {
        let reordered = replacing(
            "\"id\": \"a1\",\n      \"title\": \"Artículo de prueba\",\n      \"published\": "
                + "\"2024-05\",\n      \"language\": \"es\"",
            with: "\"language\": \"es\", \"published\": \"2024-05\", \"title\": "
                + "\"Artículo de prueba\", \"id\": \"a1\"",
            in: validDataset)
        #expect(try decode(reordered).get().articles == decode(validDataset).get().articles)
        let twice = replacing(
            "\"language\": \"es\"", with: "\"language\": \"es\", \"l\\u0061nguage\": \"en\"", in: validDataset)
        #expect(diagnostics(twice).map(\.message) == ["field \"language\" appears twice in the same object"])
        let unknown = replacing(
            "\"language\": \"es\"", with: "\"language\": \"es\", \"Languag\\u00e9\": \"en\"", in: validDataset)
        #expect(diagnostics(unknown).map(\.message) == ["unknown field \"Languagé\" (did you mean \"language\"?)"])
    }

    /// The date parser's byte path against the long way (the code before it, kept here) on random short texts of
    /// digits, dashes and a few other characters.
    @Test func datesFromBytesMatchTheLongWay() {
        func longWay(_ text: String) -> Result<PartialDate, PartialDate.DateError> {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            guard (1...3).contains(parts.count), parts[0].count == 4, parts.dropFirst().allSatisfy({ $0.count == 2 }),
                parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } })
            else { return .failure(.syntax) }
            let n = parts.map { Int($0)! }
            guard (1900...2100).contains(n[0]) else { return .failure(.yearOutOfRange(n[0])) }
            if n.count == 1 { return .success(PartialDate(year: n[0])) }
            guard (1...12).contains(n[1]) else { return .failure(.noSuchMonth(n[1])) }
            if n.count == 2 { return .success(PartialDate(year: n[0], month: n[1])) }
            let last = PartialDate.daysIn(month: n[1], year: n[0])
            guard (1...last).contains(n[2]) else { return .failure(.noSuchDay(day: n[2], last: last)) }
            return .success(PartialDate(year: n[0], month: n[1], day: n[2]))
        }
        var rng = FuzzRandom(seed: 44)
        let pieces = [
            "19", "20", "21", "00", "01", "02", "12", "13", "29", "30", "31", "-", "9", "2024", "٢", "２", " ", "a",
            "1",
        ]
        for _ in 0..<20_000 {
            let text = (0..<rng.below(7)).map { _ in rng.pick(pieces) }.joined()
            #expect(PartialDate.parse(text) == longWay(text), "\(text)")
        }
        for text in [
            "2024", "2024-02", "2024-02-29", "2023-02-29", "1899", "2101-01", "2024-13", "2024-00-01", "2024-04-31",
        ] {
            #expect(PartialDate.parse(text) == longWay(text), "\(text)")
        }
    }

    /// Blank strings and two-letter codes: the byte checks against the expressions they stand for.
    @Test func blankAndTwoLetterChecksMatchTheLongWay() {
        var rng = FuzzRandom(seed: 45)
        let pieces = [
            "a", "z", "A", "Z", "e", "S", " ", "\t", "\u{A0}", "\u{3000}", "é", "e\u{301}", "1", "-", "ß", "\u{200B}",
            "\r\n", "Ａ",
        ]
        for _ in 0..<20_000 {
            let s = (0..<rng.below(4)).map { _ in rng.pick(pieces) }.joined()
            #expect(DatasetDecoder.isBlank(s) == s.allSatisfy(\.isWhitespace), "\(s.unicodeScalars.map(\.value))")
            #expect(
                DatasetDecoder.isTwoLetterCode(s, uppercase: false)
                    == (s.count == 2 && s.allSatisfy { $0.isASCII && $0.isLowercase }))
            #expect(
                DatasetDecoder.isTwoLetterCode(s, uppercase: true)
                    == (s.count == 2 && s.allSatisfy { $0.isASCII && $0.isUppercase }))
        }
    }

    /// Many ids in one table: each found by its bytes, duplicates named by their first offset, absent ones not found.
    @Test func idTable() {
        let table = IDTable()
        for k in 0..<50_000 { #expect(table.declare("id-\(k)", at: k) == nil) }
        #expect(table.count == 50_000)
        for k in stride(from: 0, to: 50_000, by: 7) {
            #expect(table.declare("id-\(k)", at: -5) == k)
            #expect(table.find("id-\(k)") == "id-\(k)")
            #expect(Array("id-\(k)".utf8).withUnsafeBufferPointer { table.find($0) } == "id-\(k)")
        }
        #expect(table.find("id-50000") == nil)
        #expect(table.find("") == nil)
        #expect(Set(table.keys).count == 50_000)
    }
}
