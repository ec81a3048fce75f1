@testable import AlliesCore
import AlliesGenerator
import Testing

/// Phrases, words of several tokens (`gpt-4`) and CJK runs are answered from the next-token index; these tests hold
/// its answers to a brute-force scan of every field of every entry of a generated dataset.
@Suite("Search phrases")
struct PhraseSearchTests {
    /// A generated dataset (Spanish and English text, CJK names, accents) and its index.
    static let catalog = Catalog(try! DatasetGenerator(companies: 50, alliances: 2000, seed: 11).dataset())
    static let index = SearchIndex(catalog)

    /// The oracle: every entry's fields as token numbers with their field rank, straight from the text.
    struct Oracle {
        var fields: [[(rank: UInt8, tokens: [Int])]] = []  // by entry number
        var number: [String: Int] = [:]
        var names: [String] = []
        let kinds: [SearchResult.Kind]
        /// The stem keys of each token number: its stems in the languages of the text it was met in, and in Spanish
        /// those of its accented spellings too (Stemmer.swift), worked out word by word here.
        var stemKeys: [Int: Set<[UInt8]>] = [:]

        init(_ index: SearchIndex) {
            kinds = (0..<index.entryCount).map { index.kind(ofEntry: $0) }
            for e in 0..<index.entryCount {
                var entry: [(rank: UInt8, tokens: [Int])] = []
                SearchIndex.forEachField(index.catalog, kind: index.kind(ofEntry: e), record: Int(index.entryRecord[e]))
                { field, text in
                    let tokens = Tokens.spelled(text).map { t, spelling -> Int in
                        let n: Int
                        if let known = number[t] {
                            n = known
                        } else {
                            number[t] = names.count; names.append(t); n = names.count - 1
                        }
                        if let language = field.language, Array(t.utf8).withUnsafeBufferPointer(Stemming.isStemmable) {
                            let spelled = language == .spanish ? spelling : t
                            let stem = Stemmer.shared(language).stem(spelled)
                            stemKeys[n, default: []].insert(Stemming.key(language, stem: Array(stem.utf8)))
                            let plain = Stemmer.shared(language).stem(t)
                            stemKeys[n, default: []].insert(Stemming.key(language, stem: Array(plain.utf8)))
                        }
                        return n
                    }
                    entry.append((UInt8(field.rank.rawValue), tokens))
                }
                fields.append(entry)
            }
        }

        /// The token numbers each of `tokens` accepts (the last may be a prefix); a word of one token also accepts
        /// the tokens that share one of its stems.
        func accepted(_ tokens: [String], prefixLast: Bool) -> [Set<Int>] {
            let exact = self.exact(tokens, prefixLast: prefixLast)
            guard tokens.count == 1 else { return exact }
            return [exact[0].union(stemmed(tokens[0]))]
        }

        /// The token numbers each of `tokens` accepts as written (the last may be a prefix).
        func exact(_ tokens: [String], prefixLast: Bool) -> [Set<Int>] {
            tokens.enumerated().map { k, t in
                if prefixLast && k == tokens.count - 1 {
                    return Set(names.indices.filter { names[$0].utf8.starts(with: t.utf8) })
                }
                return number[t].map { [$0] } ?? []
            }
        }

        /// The token numbers that share a stem with a (folded) word.
        func stemmed(_ word: String) -> Set<Int> {
            let keys = Set(Stemming.queryKeys(folded: word, typed: word))
            return Set(stemKeys.filter { !$0.value.isDisjoint(with: keys) }.keys)
        }

        /// For a word of one token that its stems widen: the tokens it accepts as written (nil otherwise).
        func widened(_ tokens: [String], prefixLast: Bool) -> Set<Int>? {
            guard tokens.count == 1 else { return nil }
            let exact = self.exact(tokens, prefixLast: prefixLast)[0]
            return stemmed(tokens[0]).isSubset(of: exact) ? nil : exact
        }

        /// The best field rank where `tokens` are consecutive (the last may be a prefix), or nil.
        func rank(_ tokens: [String], prefixLast: Bool, entry e: Int) -> UInt8? {
            rank(accepted(tokens, prefixLast: prefixLast), entry: e)
        }

        func rank(_ accepted: [Set<Int>], entry e: Int) -> UInt8? {
            var best: UInt8?
            for (rank, field) in fields[e] where field.count >= accepted.count && (best ?? 0xFF) > rank {
                for start in 0...(field.count - accepted.count)
                where (0..<accepted.count).allSatisfy({ accepted[$0].contains(field[start + $0]) }) {
                    best = rank
                    break
                }
            }
            return best
        }

        /// What a query of these terms must find: entry << 3 | rank in result order, and counts by kind.
        func expected(_ terms: [(tokens: [String], prefixLast: Bool)], excluding: [[String]] = []) -> (
            top: [UInt32], byKind: [SearchResult.Kind: Int]
        ) {
            var found: [UInt32] = []
            var stemOnly = Set<UInt32>()
            var byKind: [SearchResult.Kind: Int] = [:]
            let want = terms.map { accepted($0.tokens, prefixLast: $0.prefixLast) }
            let exact = terms.compactMap { widened($0.tokens, prefixLast: $0.prefixLast) }
            let unwanted = excluding.map { accepted($0, prefixLast: false) }
            for e in fields.indices {
                var best: UInt8 = 7
                var all = true
                for term in want {
                    guard let r = rank(term, entry: e) else { all = false; break }
                    best = min(best, r)
                }
                guard all, unwanted.allSatisfy({ rank($0, entry: e) == nil }) else { continue }
                found.append(UInt32(e) << 3 | UInt32(best))
                if exact.contains(where: { rank([$0], entry: e) == nil }) { stemOnly.insert(UInt32(e)) }
                byKind[kinds[e], default: 0] += 1
            }
            func key(_ p: UInt32) -> (Int, UInt32, UInt32) { (stemOnly.contains(p >> 3) ? 1 : 0, p & 7, p >> 3) }
            found.sort { key($0) < key($1) }
            return (found, byKind)
        }
    }

    static let oracle = Oracle(index)

    /// Phrases from the data: windows of 2 to 5 tokens of random fields, then the ones that must be there.
    static func sampledPhrases(count: Int, seed: UInt64) -> [[String]] {
        var random = SplitMix64(seed: seed)
        var phrases: [[String]] = []
        while phrases.count < count {
            let e = Int(random.next() % UInt64(oracle.fields.count))
            guard !oracle.fields[e].isEmpty else { continue }
            let field = oracle.fields[e][Int(random.next() % UInt64(oracle.fields[e].count))].tokens
            let length = 2 + Int(random.next() % 4)
            guard field.count >= length else { continue }
            let start = Int(random.next() % UInt64(field.count - length + 1))
            phrases.append(field[start..<start + length].map { oracle.names[$0] })
        }
        return phrases
    }

    func check(
        _ query: String, _ terms: [(tokens: [String], prefixLast: Bool)], excluding: [[String]] = [],
        index: SearchIndex = PhraseSearchTests.index, oracle: Oracle = PhraseSearchTests.oracle,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> SearchHits {
        let parsed = try! Query.parse(query, catalog: index.catalog).get()
        let hits = index.hits(parsed, limit: 40)
        let want = oracle.expected(terms, excluding: excluding)
        #expect(hits.total == want.top.count, "\(query)", sourceLocation: sourceLocation)
        #expect(hits.countByKind == want.byKind, "\(query)", sourceLocation: sourceLocation)
        #expect(hits.top == Array(want.top.prefix(40)), "\(query)", sourceLocation: sourceLocation)
        return hits
    }

    @Test func phraseTotalsRanksAndOrderEqualABruteForceScan() {
        #expect(Self.index.longEntries.isEmpty)
        var matched = 0
        for phrase in Self.sampledPhrases(count: 80, seed: 3) {
            let hits = check("\"" + phrase.joined(separator: " ") + "\"", [(phrase, false)])
            #expect(hits.textChecks == 0)  // answered from the index alone
            if hits.total > 1 { matched += 1 }
        }
        #expect(matched > 20)  // many phrases occur in more than the one entry they were taken from
    }

    @Test func commonSpanishAndCJKPhrases() {
        let phrases = [
            "centros de datos", "acuerdo de", "de la", "de de", "de de de", "la la", "株 式 会 社", "株 式",
            "式 会 社", "科 技", "技 科", "会 社 会 社", "en la nube", "de datos de", "inversion en",
        ]
        var total = 0
        for phrase in phrases {
            let tokens = phrase.split(separator: " ").map(String.init)
            let hits = check("\"" + phrase + "\"", [(tokens, false)])
            #expect(hits.textChecks == 0)
            total += hits.total
            // A CJK run written without spaces is the same phrase.
            if tokens.allSatisfy({ $0.unicodeScalars.allSatisfy { Tokens.isIdeographic($0.value) } }) {
                _ = check(tokens.joined(), [(tokens, false)])
                _ = check(tokens.joined() + " ", [(tokens, false)])
            }
        }
        #expect(total > 1000)
    }

    @Test func wordsOfSeveralTokensWhileTypingAndFinished() {
        for phrase in Self.sampledPhrases(count: 25, seed: 8) {
            let word = phrase.joined(separator: "-")
            _ = check(word + " ", [(phrase, false)])  // finished: every token whole
            var partial = phrase
            let last = partial.removeLast()
            let cut = String(last.prefix(max(1, last.count - 2)))  // typing: the last token is a prefix
            _ = check((partial + [cut]).joined(separator: "-"), [(partial + [cut], true)])
        }
    }

    @Test func phrasesNeverSpanTwoFields() {
        // The last token of one field and the first of the next, in the same entry.
        var tried = 0
        for e in Self.oracle.fields.indices where tried < 40 {
            let f = Self.oracle.fields[e]
            guard f.count >= 2, let a = f[0].tokens.last, let b = f[1].tokens.first else { continue }
            let phrase = [Self.oracle.names[a], Self.oracle.names[b]]
            let before = f[0].tokens.count >= 2 ? [Self.oracle.names[f[0].tokens[f[0].tokens.count - 2]]] : []
            let threeA = before + phrase
            for p in [phrase, threeA] {
                let hits = check("\"" + p.joined(separator: " ") + "\"", [(p, false)])
                if Self.oracle.rank(p, prefixLast: false, entry: e) == nil {
                    #expect(!hits.top.contains { $0 >> 3 == UInt32(e) })
                    tried += 1
                }
            }
        }
        #expect(tried >= 20)
    }

    @Test func phrasesWithWordsExclusionsAndFilters() {
        let phrases = Self.sampledPhrases(count: 25, seed: 21)
        for (i, phrase) in phrases.enumerated() {
            let other = phrases[(i + 1) % phrases.count]
            let quoted = "\"" + phrase.joined(separator: " ") + "\""
            _ = check(phrase[0] + " " + quoted, [([phrase[0]], false), (phrase, false)])
            // An excluded word of several tokens is an excluded phrase.
            _ = check(quoted + " -" + other.joined(separator: "-"), [(phrase, false)], excluding: [other])
            _ = check(
                phrase.last! + " -" + phrase.joined(separator: "-") + " ", [([phrase.last!], false)],
                excluding: [phrase])
        }
    }

    @Test func phrasesLongerThanSixtyFourTokens() {
        // A summary of 100 words where "de" repeats, and a copy with one word changed near the end.
        let words = (0..<100).map { $0 % 3 == 0 ? "de" : "w\($0)" }
        var d = SearchWorld.dataset
        var changed = words
        changed[97] = "zz"
        for (i, text) in [words, changed].enumerated() {
            d.alliances[i].summary = LocalizedText(en: text.joined(separator: " "), es: "x")
        }
        let catalog = Catalog(d)
        for index in [SearchIndex(catalog), SearchIndex(catalog, positionBits: 4)] {
            let oracle = Oracle(index)
            for p in [words, Array(words.dropFirst()), Array(words.prefix(98)) + ["w98"], changed] {
                _ = check("\"" + p.joined(separator: " ") + "\"", [(p, false)], index: index, oracle: oracle)
            }
            #expect(
                index.hits(try! Query.parse("\"" + words.joined(separator: " ") + "\"", catalog: catalog).get()).total
                    == 1)
        }
    }

    @Test func entriesLongerThanThePositionsAreCheckedByTheirText() {
        // Four bits of position: every entry of more than 15 tokens has positions the index cannot hold.
        let short = SearchIndex(Self.catalog, positionBits: 4)
        #expect(short.longEntries.count > 100)
        var checks = 0
        for phrase in Self.sampledPhrases(count: 20, seed: 5) + [
            ["centros", "de", "datos"], ["de", "de", "de"], ["株", "式", "会", "社"],
        ] {
            let hits = check("\"" + phrase.joined(separator: " ") + "\"", [(phrase, false)], index: short)
            checks += hits.textChecks
        }
        #expect(checks > 0)
    }

    /// Past the positions the index can hold, a pair repeated in a long entry has occurrences that repeat or differ
    /// only in field rank (same entry, position "unknown"). The snapshot of such an index must be read back, not
    /// refused as damaged: at a million entries only 8 bits of position are left, and a refused snapshot makes every
    /// open cold.
    @Test func anIndexWithLongEntriesRoundTripsThroughASnapshot() throws {
        let short = SearchIndex(Self.catalog, positionBits: 4)
        let repeated = (0..<short.pairCount).contains { p in
            let r = short.pairStart[p]..<short.pairStart[p + 1]
            return zip(short.pairOccurrences[r], short.pairOccurrences[r].dropFirst()).contains { $0 >= $1 }
        }
        #expect(repeated, "the case this test is about: occurrences not strictly ascending")
        let copy = try #require(storeRoundTrip(short, catalog: Self.catalog))
        #expect(copy.pairOccurrences == short.pairOccurrences && copy.longEntries == short.longEntries)
    }

    /// The entries are tokenised in parts at once, each numbering its own tokens and pairs, then renumbered into
    /// one: the index is the one a single pass builds, array for array (the bundled dataset's accents, CJK and
    /// quotes; a generated one; parts of one entry and of none).
    @Test(arguments: [1, 2, 3, 7])
    func anIndexTokenisedInPartsIsTheOneOnePassBuilds(parts: Int) throws {
        let bundled = try Dataset.bundled().get()
        var two = Dataset()
        two.companies = Array(bundled.companies.prefix(2))
        for catalog in [Self.catalog, Catalog(bundled), Catalog(two), Catalog(Dataset())] {
            let one = SearchIndex(catalog, positionBits: nil, parts: 1)
            let split = SearchIndex(catalog, positionBits: nil, parts: parts)
            #expect(split.entryKind == one.entryKind && split.entryRecord == one.entryRecord)
            #expect(split.tokenBytes == one.tokenBytes && split.tokenStart == one.tokenStart)
            #expect(split.postingStart == one.postingStart && split.postings == one.postings)
            #expect(split.pairKeys == one.pairKeys && split.pairStart == one.pairStart)
            #expect(split.pairOccurrences == one.pairOccurrences && split.longEntries == one.longEntries)
            #expect(split.stemKeyBytes == one.stemKeyBytes && split.stemKeyStart == one.stemKeyStart)
            #expect(split.stemTokenStart == one.stemTokenStart && split.stemTokens == one.stemTokens)
            #expect(split.initials == one.initials)
        }
        #expect(Self.index.tokenCount > 1000 && Self.index.pairCount > 1000, "\(Self.index.pairCount)")
    }

    /// The explorer's read of a store checks every posting (an entry that exists, a field rank, ascending within its
    /// word) and every initial's rank, a list at a time, giving the pages back as it goes: each damage is refused,
    /// wherever in the section it lies (first list, last value).
    @Test func aStoreWithDamagedPostingsIsRefusedWhenReadWhole() throws {
        let x = Self.index
        func with(postings: [UInt32]? = nil, initials: [UInt8: FlatArray<UInt8>]? = nil) -> SearchIndex {
            SearchIndex(
                catalog: Self.catalog, entryKind: x.entryKind, entryRecord: x.entryRecord,
                allianceEntry: x.allianceEntry, tokenBytes: x.tokenBytes, tokenStart: x.tokenStart,
                postingStart: x.postingStart, postings: postings.map(FlatArray.init) ?? x.postings,
                initials: initials ?? x.initials, pairKeys: x.pairKeys, pairStart: x.pairStart,
                pairOccurrences: x.pairOccurrences, positionBits: x.positionBits, longEntries: x.longEntries,
                stemKeyBytes: x.stemKeyBytes, stemKeyStart: x.stemKeyStart, stemTokenStart: x.stemTokenStart,
                stemTokens: x.stemTokens, allianceKind: x.allianceKind, allianceStatus: x.allianceStatus,
                allianceYear: x.allianceYear, allianceLargestUSD: x.allianceLargestUSD)
        }
        #expect(storeRoundTrip(with(), catalog: Self.catalog) != nil)
        let postings = Array(x.postings)
        let long = try #require((0..<x.tokenCount).first { x.postingStart[$0 + 1] - x.postingStart[$0] >= 2 })
        let lastLong = try #require(
            (0..<x.tokenCount).last { x.postingStart[$0 + 1] - x.postingStart[$0] >= 2 })
        var damaged: [[UInt32]] = []
        for t in [long, lastLong] {
            var swapped = postings
            swapped.swapAt(x.postingStart[t], x.postingStart[t] + 1)
            damaged.append(swapped)
        }
        var pastTheEntries = postings
        pastTheEntries[pastTheEntries.count - 1] = UInt32(x.entryCount) << 3
        var noSuchRank = postings
        noSuchRank[0] = noSuchRank[0] | 7
        damaged += [pastTheEntries, noSuchRank]
        for bad in damaged {
            // Refused before any record is decoded (the read's progress stops short of the records' part, 0.2 on):
            // the index is checked first, while the store's pages its checks read are all the read holds.
            var heard: [Double] = []
            #expect(storeRoundTrip(with(postings: bad), catalog: Self.catalog) { heard.append($0) } == nil)
            #expect(heard.contains(0.1) && heard.allSatisfy { $0 < 0.2 }, "\(heard)")
        }
        let letter = try #require(x.initials.keys.min())
        var ranks = Array(try #require(x.initials[letter]))
        ranks[ranks.count - 1] = 6
        var initials = x.initials
        initials[letter] = FlatArray(ranks)
        #expect(storeRoundTrip(with(initials: initials), catalog: Self.catalog) == nil)
    }

    @Test func theNextTokenIndexRoundTripsThroughASnapshot() throws {
        let copy = try #require(storeRoundTrip(Self.index, catalog: Self.catalog))
        #expect(copy.pairKeys == Self.index.pairKeys && copy.pairStart == Self.index.pairStart)
        #expect(copy.pairOccurrences == Self.index.pairOccurrences && copy.positionBits == Self.index.positionBits)
        #expect(copy.longEntries == Self.index.longEntries)
        #expect(Self.index.pairOccurrenceCount > Self.index.entryCount * 10)

        // A pair's occurrences out of order would break the joins: the snapshot is refused.
        let p = try #require(
            (0..<Self.index.pairCount).first {
                Self.index.pairStart[$0 + 1] - Self.index.pairStart[$0] >= 2
                    && Self.index.pairOccurrences[Self.index.pairStart[$0]] >> 3 != Self.index.pairOccurrences[
                        Self.index.pairStart[$0] + 1] >> 3
            })
        var occurrences = Array(Self.index.pairOccurrences)
        occurrences.swapAt(Self.index.pairStart[p], Self.index.pairStart[p] + 1)
        let damaged = SearchIndex(
            catalog: Self.catalog, entryKind: Self.index.entryKind, entryRecord: Self.index.entryRecord,
            allianceEntry: Self.index.allianceEntry, tokenBytes: Self.index.tokenBytes,
            tokenStart: Self.index.tokenStart, postingStart: Self.index.postingStart,
            postings: Self.index.postings, initials: Self.index.initials, pairKeys: Self.index.pairKeys,
            pairStart: Self.index.pairStart, pairOccurrences: FlatArray(occurrences),
            positionBits: Self.index.positionBits, longEntries: Self.index.longEntries,
            stemKeyBytes: Self.index.stemKeyBytes, stemKeyStart: Self.index.stemKeyStart,
            stemTokenStart: Self.index.stemTokenStart, stemTokens: Self.index.stemTokens,
            allianceKind: Self.index.allianceKind, allianceStatus: Self.index.allianceStatus,
            allianceYear: Self.index.allianceYear, allianceLargestUSD: Self.index.allianceLargestUSD)
        #expect(storeRoundTrip(damaged, catalog: Self.catalog) == nil)

        // Opened to answer queries, the pairs are checked as a phrase reads them: the store is found damaged then,
        // and the phrase reads as no match rather than a wrong join.
        let opened = try #require(storeRoundTrip(damaged, catalog: Self.catalog, thorough: false))
        #expect(opened.usage?.damaged == false)
        let first = Self.index.token(Int(Self.index.pairKeys[p] >> 32))
        let second = Self.index.token(Int(Self.index.pairKeys[p] & 0xFFFF_FFFF))
        _ = opened.hits(try Query.parse("\"\(first) \(second)\"", catalog: nil).get())
        #expect(opened.usage?.damaged == true)
    }
}
