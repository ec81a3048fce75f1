@testable import AlliesCore
import AlliesGenerator
import Testing

/// A common word is answered in one pass over the entries (`markedHits`); every other query, and every word when
/// `marking` is off, by listing and intersecting candidates. The two must give the same hits: totals, counts by
/// kind, the kept results in order and how many hold the words as written.
@Suite("Common words in one pass")
struct MarkedWordsTests {
    static let catalog = FilterSearchTests.catalog
    static let index = FilterSearchTests.index

    /// The dataset's most frequent tokens, a few of which stems widen, and one-letter prefixes.
    static let common: [String] = {
        let counts = (0..<index.tokenCount).map { t in
            (index.token(t), index.postingStart[t + 1] - index.postingStart[t])
        }
        return counts.filter { $0.0.unicodeScalars.allSatisfy { $0.properties.isAlphabetic } && $0.0.count > 2 }
            .sorted { ($0.1, $1.0) > ($1.1, $0.0) }.prefix(24).map(\.0)
    }()

    /// Whether `input` took the one-pass answer, after checking that it gives what the general path gives.
    @discardableResult
    static func same(_ input: String, limit: Int = 40, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        let query = try! Query.parse(input, catalog: catalog).get()
        let marked = index.hits(query, limit: limit, marking: true)
        let listed = index.hits(query, limit: limit, marking: false)
        #expect(marked.total == listed.total, "\(input)", sourceLocation: sourceLocation)
        #expect(marked.countByKind == listed.countByKind, "\(input)", sourceLocation: sourceLocation)
        #expect(marked.top == listed.top, "\(input)", sourceLocation: sourceLocation)
        #expect(marked.exactCount == listed.exactCount, "\(input)", sourceLocation: sourceLocation)
        // The results built from them are the same too (fields, texts, highlights).
        for i in 0..<min(marked.count, 5) {
            #expect(index.result(marked, i) == index.result(listed, i), "\(input)", sourceLocation: sourceLocation)
        }
        // All of them built at once (two halves on two cores) are the ones built one by one, in order.
        #expect(
            index.results(marked) == (0..<marked.count).map { index.result(marked, $0) }, "\(input)",
            sourceLocation: sourceLocation)
        var plan = QueryPlan(query)
        plan.highlighted = plan.allNeedles
        let excluded = query.excluded.map { QueryPlan.Term(word: $0, typed: query.typed[$0], prefixLast: false) }
        return index.markedHits(query, plan: plan, excluded: excluded, limit: limit) != nil
    }

    @Test func commonWordsAloneAndAsPrefixes() {
        #expect(Self.common.count == 24)
        var marked = 0
        for word in Self.common {
            Self.same(word)
            // A word being typed is a prefix of several tokens: frequent ones are marked.
            if Self.same(String(word.prefix(3))) { marked += 1 }
            Self.same(String(word.prefix(4)), limit: 1000)
            Self.same(word + " ", limit: 3)
        }
        // Many are frequent enough for one pass (the rest are answered by lists, and compared all the same).
        #expect(marked >= 8)
        for letter in ["a", "e", "c", "s", "i"] { #expect(Self.same(letter)) }
        // One token without stems is its own posting list: never marked.
        #expect(!Self.same(Self.common[0] + " "))
    }

    @Test func wordsStemsWiden() {
        // Inflected forms whose stems reach other tokens: the words as written come first in both answers.
        var widened = 0
        for word in ["inversiones", "acuerdos", "datos", "invertirán", "agreements", "centros", "chips", "nubes"] {
            let query = try! Query.parse(word, catalog: Self.catalog).get()
            let hits = Self.index.hits(query, limit: 1000, marking: false)
            if Self.same(word, limit: 1000) && hits.exactCount < hits.count { widened += 1 }
            Self.same(word)
        }
        // Some are answered in one pass with the stem-only matches after the others.
        #expect(widened >= 2)
    }

    @Test func orsExclusionsAndFilters() {
        let (a, b, c) = (Self.common[0], Self.common[1], Self.common[2])
        // Ors of common words, and a word being typed (the last, a prefix of several tokens), with exclusions and
        // filters. Those the one pass takes, then those it leaves to lists; both compared.
        let (p, q) = ("inv", "da")
        for input in [
            "\(a) OR \(b)", "\(a) | \(b) | \(c)", "(\(a) OR \(b))", "\(a) OR \(b) type:alliance|claim", "-\(b) \(p)",
            "-(\(b) OR \(c)) \(p)", "type:alliance \(p)", "-\(b) type:alliance|company \(p)", "inversiones OR acuerdos",
            "datos -(nube OR cloud)", "kind:investment \(p)",
        ] {
            #expect(Self.same(input), "\(input)")
        }
        for input in [
            "\(a) OR \(b) type:company", "\(a) OR \(b) -(\(c))", "amount:>1B type:alliance|person \(p)",
            "status:announced year:2024 \(p)",
            "amount:<1M type:alliance \(p)", "kind:cloud-contract -\(q) \(p)", "-\"\(b) \(c)\" \(p)", "\(a) -\(b)",
            "\(a) type:company", "\(a) OR \(b) -\(c)",
        ] {
            #expect(!Self.same(input), "\(input)")
        }
        // Shapes the one pass does not take: answered by lists.
        for input in ["\(a) \(b)", "\"\(a) \(b)\"", "\(a) with:\(FilterSearchTests.hub)", "\(a) (\(b) OR \(c))"] {
            #expect(!Self.same(input))
        }
    }

    /// A word with an OR of words beside it: the group is intersected by marking its words' postings (their stems'
    /// too). Its answer, held to a scan of every entry's fields: both present, the better rank of the two, and the
    /// entries where a widened word or group holds no word as written after the others.
    @Test func aWordBesideAnOrOfWordsEqualsTheScan() {
        let words = FilterSearchTests.words, index = Self.index
        var checked = 0
        for (w, a, b) in [
            (Self.common[3], "inversiones", "acuerdos"), (Self.common[5], Self.common[0], "datos"),
            ("datos", "nube", "chips"), (Self.common[1], "invertirán", Self.common[7]), ("acuerdos", "nubes", "cloud"),
        ] {
            let input = "\(w) (\(a) OR \(b)) "
            let hits = index.hits(try! Query.parse(input, catalog: Self.catalog).get(), limit: 1000)
            let word = words.accepted([w], prefixLast: false)
            let group = [words.accepted([a], prefixLast: false)[0].union(words.accepted([b], prefixLast: false)[0])]
            let wordAsWritten = words.widened([w], prefixLast: false)
            let groupAsWritten =
                words.widened([a], prefixLast: false) == nil && words.widened([b], prefixLast: false) == nil
                ? nil : words.exact([a], prefixLast: false)[0].union(words.exact([b], prefixLast: false)[0])
            var found: [UInt32] = []
            var stemOnly = Set<UInt32>()
            var byKind: [SearchResult.Kind: Int] = [:]
            for e in 0..<index.entryCount {
                guard let r1 = words.rank(word, entry: e), let r2 = words.rank(group, entry: e) else { continue }
                found.append(UInt32(e) << 3 | UInt32(min(r1, r2)))
                for written in [wordAsWritten, groupAsWritten].compactMap({ $0 })
                where words.rank([written], entry: e) == nil {
                    stemOnly.insert(UInt32(e))
                }
                byKind[index.kind(ofEntry: e), default: 0] += 1
            }
            found.sort {
                (stemOnly.contains($0 >> 3) ? 1 : 0, $0 & 7, $0 >> 3) < (
                    stemOnly.contains($1 >> 3) ? 1 : 0, $1 & 7, $1 >> 3
                )
            }
            #expect(hits.total == found.count, "\(input)")
            #expect(hits.countByKind == byKind, "\(input)")
            #expect(hits.top == Array(found.prefix(1000)), "\(input)")
            #expect(hits.exactCount == min(1000, found.count { !stemOnly.contains($0 >> 3) }), "\(input)")
            if found.count > 20 && !stemOnly.isEmpty { checked += 1 }
        }
        // Most hold both kinds of match: words as written and only through stems.
        #expect(checked >= 3)
    }

    @Test func markedAnswersMatchTheBruteForceScan() {
        // The filters' oracle reads every record: the one-pass answers agree with it as well.
        for word in Self.common.prefix(8) {
            FilterSearchTests.check(word)
            FilterSearchTests.check("\(word) kind:investment")
            FilterSearchTests.check("\(word) type:company|alliance", limit: 500)
            FilterSearchTests.check("\(word) -\(Self.common[9])")
        }
    }
}
