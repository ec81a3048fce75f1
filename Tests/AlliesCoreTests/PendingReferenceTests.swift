@testable import AlliesCore
import Testing

/// Issue #6: references that cannot be checked when they are read (their id is declared later, or never) are kept
/// until the end of the file. They used to be kept whole (the id, the field path, ~56 bytes and more each), so a file
/// of nothing but dangling references needed 27–36 times its size in memory. Now a reference to an id already
/// declared is resolved at once and never kept, and the others cost a few bytes each.
@Suite("Pending references")
struct PendingReferenceTests {
    static let head = "{\"format\": \"allies-dataset\", \"version\": 1, \"articles\": [], \"companies\": ["

    /// `count` alliances whose two parties and source point at ids that exist nowhere.
    static func danglingAlliances(_ count: Int) -> String {
        (0..<count).map { k in
            "{\"id\": \"x\(k)\", \"kind\": \"investment\", \"parties\": [{\"company\": \"nope-\(k % 97)\", \"role\": "
                + "\"investor\"}, {\"company\": \"gone-\(k)\", \"role\": \"investee\"}], \"status\": \"active\", "
                + "\"title\": {\"en\": \"t\", \"es\": \"t\"}, \"summary\": {\"en\": \"s\", \"es\": \"s\"}, "
                + "\"sources\": [{\"article\": \"missing-\(k)\", \"quote\": \"q\"}]}"
        }.joined(separator: ",")
    }

    static func decoder(_ bytes: [UInt8]) -> (DatasetDecoder, [Diagnostic]) {
        bytes.withUnsafeBufferPointer { buffer in
            let decoder = DatasetDecoder(bytes: buffer, file: testFile)
            switch decoder.decode() {
            case .success: return (decoder, [])
            case .failure(let e): return (decoder, e.diagnostics)
            }
        }
    }

    /// 200,000 dangling references: 125,000 four-byte ones (`"g",` in a company's groups, the worst case: a reference
    /// per 4 bytes) and 75,000 in alliances. Every one must be kept to the end (none can be resolved), and what is
    /// kept is at most 8 bytes a reference and less than the file itself. The old decoder kept a 56-byte
    /// `PendingReference` with two strings for each: 14 times the size of the groups' text.
    @Test func danglingReferencesAreKeptCompactly() {
        let groups = Array(repeating: "\"g\"", count: 125_000).joined(separator: ",")
        let text =
            Self.head
            + "{\"id\": \"c\", \"name\": \"C\", \"kind\": \"cloud\", \"description\": {\"en\": \"e\", \"es\": "
            + "\"s\"}, \"groups\": ["
            + groups + "]}], \"alliances\": [" + Self.danglingAlliances(25_000) + "]}"
        let bytes = Array(text.utf8)
        let (decoder, all) = Self.decoder(bytes)
        #expect(decoder.pendingReferenceCount == 200_000)
        let perReference = Double(decoder.pendingReferenceBytes) / 200_000
        #expect(perReference <= 8, "\(perReference) bytes kept per pending reference")
        #expect(
            decoder.pendingReferenceBytes < bytes.count,
            "\(decoder.pendingReferenceBytes) bytes kept for a file of \(bytes.count)")
        // The diagnostics are those of every unknown reference, in file order, up to the limit.
        #expect(all.count == Dataset.maximumProblems + 1)
        let expected =
            "test.json:\(position(of: "\"g\"", in: text)): companies[0] \"c\", field groups[0]: "
            + "unknown group \"g\": no group has this id"
        #expect(all.first?.description == expected)
        #expect(
            all[999].description.hasSuffix(
                "companies[0] \"c\", field groups[999]: unknown group \"g\": no group has this id"))
        #expect(
            all.last?.description.hasSuffix(
                "companies[0] \"c\", field groups[1000]: too many problems (1000): "
                    + "199000 unknown references from here on are not listed"
            ) == true)
    }

    /// The same dangling references in alliances only, read back at the end with their own field paths and records.
    @Test func keptReferencesKeepTheirRecordAndField() {
        let text = Self.head + "], \"alliances\": [" + Self.danglingAlliances(400) + "]}"
        let (decoder, all) = Self.decoder(Array(text.utf8))
        #expect(decoder.pendingReferenceCount == 1_200)
        #expect(all.count == Dataset.maximumProblems + 1)
        let shown = all.prefix(6).map { "\($0.record ?? "-") | \($0.field ?? "-") | \($0.message)" }
        #expect(
            shown == [
                "alliances[0] \"x0\" | parties[0].company | unknown company \"nope-0\": no company has this id",
                "alliances[0] \"x0\" | parties[1].company | unknown company \"gone-0\": no company has this id",
                "alliances[0] \"x0\" | sources[0].article | unknown article \"missing-0\": no article has this id",
                "alliances[1] \"x1\" | parties[0].company | unknown company \"nope-1\": no company has this id",
                "alliances[1] \"x1\" | parties[1].company | unknown company \"gone-1\": no company has this id",
                "alliances[1] \"x1\" | sources[0].article | unknown article \"missing-1\": no article has this id",
            ])
        #expect(
            all.last?.description.hasSuffix(
                "alliances[333] \"x333\", field parties[1].company: too many problems (1000): "
                    + "200 unknown references from here on are not listed"
            ) == true)
    }

    /// 300,000 references to companies and articles declared before them are resolved as they are read: none is kept.
    /// A reference to a company declared later (a forward `parent`) is kept, and resolved at the end.
    @Test func referencesToDeclaredIDsAreNotKept() {
        let companies = (0..<1_000).map { k in
            "{\"id\": \"c\(k)\", \"name\": \"C\", \"kind\": \"cloud\", \"description\": {\"en\": \"e\", \"es\": "
                + "\"s\"}\(k == 0 ? ", \"parent\": \"c999\"" : "")}"
        }.joined(separator: ",")
        let alliances = (0..<100_000).map { k in
            "{\"id\": \"a\(k)\", \"kind\": \"investment\", \"parties\": [{\"company\": \"c\(k % 1_000)\", \"role\": "
                + "\"investor\"}, {\"company\": \"c\((k + 1) % 1_000)\", \"role\": \"investee\"}], \"status\": "
                + "\"active\", \"title\": {\"en\": \"t\", \"es\": \"t\"}, \"summary\": {\"en\": \"s\", \"es\": \"s\"}, "
                + "\"sources\": [{\"article\": \"a1\", \"quote\": \"q\"}]}"
        }.joined(separator: ",")
        let article = "{\"id\": \"a1\", \"title\": \"t\", \"language\": \"es\"}"
        let text =
            "{\"format\": \"allies-dataset\", \"version\": 1, \"articles\": [\(article)], \"companies\": [" + companies
            + "], \"alliances\": [" + alliances + "]}"
        let (decoder, all) = Self.decoder(Array(text.utf8))
        #expect(all.isEmpty, "\(all.prefix(3).map(\.description))")
        #expect(decoder.pendingReferenceCount == 1)
    }
}
