// Running a parsed query against the index: intersect the posting lists of its words and phrases (rarest first),
// keep the candidates the filters allow, and take the best results per field rank. A phrase's list comes from the
// next-token index: its pairs of consecutive tokens, joined on their positions.

/// What a query found: how many, of which kinds, and the best of them in rank order. Results are built on demand,
/// so a query that matches half a million alliances costs the matching, not half a million strings.
public struct SearchHits: Sendable {
    /// Every match, not only those kept.
    public let total: Int
    public let countByKind: [SearchResult.Kind: Int]
    /// The best matches, best first: entry << 3 | field rank. Those that hold every word as written (folded) come
    /// first, `exactCount` of them; then those found only through a word's stem.
    let top: [UInt32]
    var exactCount: Int
    let plan: QueryPlan
    /// How many entries had their text read again to check a phrase (only those with positions the next-token
    /// index could not hold).
    var textChecks = 0

    public var count: Int { top.count }
    public static let empty = SearchHits(total: 0, countByKind: [:], top: [], plan: QueryPlan(terms: [], needles: []))

    init(
        total: Int, countByKind: [SearchResult.Kind: Int], top: [UInt32], exactCount: Int? = nil, plan: QueryPlan,
        textChecks: Int = 0
    ) {
        self.total = total; self.countByKind = countByKind; self.top = top; self.exactCount = exactCount ?? top.count
        self.plan = plan; self.textChecks = textChecks
    }

    /// Whether the result at `i` holds every word as written, rather than only through a word's stem.
    public func isExact(_ i: Int) -> Bool { i < exactCount }
}

/// A query's words as token sequences. A word of one token matches by posting lists alone; a phrase (or a word
/// such as `gpt-4` that folds into several tokens) must also be found as consecutive tokens in one field.
struct QueryPlan: Sendable {
    struct Term: Sendable {
        var tokens: [[UInt8]]
        /// The last token may be the start of a word.
        var prefixLast: Bool
        /// For a word of one token: its stem keys (`Stemming.queryKeys`); empty for phrases and words not stemmed.
        var stemKeys: [[UInt8]] = []
        /// The other tokens of the index the word matches through its stems (set by `SearchIndex.hits`).
        var alternatives: [[UInt8]] = []

        init(tokens: [[UInt8]], prefixLast: Bool, stemKeys: [[UInt8]] = []) {
            self.tokens = tokens; self.prefixLast = prefixLast; self.stemKeys = stemKeys
        }

        /// A word as the user typed it: its tokens, and its stem keys when it is one token.
        init(word: String, typed: String?, prefixLast: Bool) {
            let spelled = Tokens.spelled(typed ?? word)
            tokens = Tokens.of(word).map { Array($0.utf8) }
            self.prefixLast = prefixLast
            if tokens.count == 1 {
                // The token itself (`inversiones,` is the token `inversiones`) and its spelling as typed.
                let token = String(decoding: tokens[0], as: UTF8.self)
                let spelling = spelled.count == 1 && spelled[0].token == token ? spelled[0].spelling : token
                stemKeys = Stemming.queryKeys(folded: token, typed: spelling)
            }
        }
    }
    var terms: [Term]
    /// The words and phrases of the query's groups (OR, parentheses), for choosing the field a result shows and
    /// highlighting; the groups themselves are matched by `SearchIndex.entries(of:)`.
    var groupTerms: [Term] = []
    /// Folded words and phrases, for highlighting.
    var needles: [String]

    init(terms: [Term], needles: [String]) { self.terms = terms; self.needles = needles }

    init(_ query: Query) {
        func bytes(_ text: String) -> [[UInt8]] { Tokens.of(text).map { Array($0.utf8) } }
        var terms: [Term] = []
        for (i, word) in query.words.enumerated() {
            let term = Term(
                word: word, typed: query.typed[word], prefixLast: query.lastWordIsPrefix && i == query.words.count - 1)
            if !term.tokens.isEmpty { terms.append(term) }
        }
        for phrase in query.phrases {
            let tokens = bytes(phrase)
            if !tokens.isEmpty { terms.append(Term(tokens: tokens, prefixLast: false)) }
        }
        self.terms = terms
        var groupTerms: [Term] = []
        func walk(_ node: QueryNode) {
            switch node {
            case .word(let w, let prefix):
                let term = Term(word: w, typed: query.typed[w], prefixLast: prefix)
                if !term.tokens.isEmpty { groupTerms.append(term) }
            case .phrase(let p):
                let tokens = bytes(p)
                if !tokens.isEmpty { groupTerms.append(Term(tokens: tokens, prefixLast: false)) }
            case .all(let nodes), .any(let nodes): nodes.forEach(walk)
            case .not: break
            }
        }
        query.groups.forEach(walk)
        self.groupTerms = groupTerms
        needles = query.needles.filter { !Tokens.of($0).isEmpty }
    }

    /// The terms a result's fields are checked against: the words and phrases, in groups too.
    var allTerms: [Term] { terms + groupTerms }

    /// Every needle for highlighting (`allNeedles`, kept once the stems' tokens are known).
    var highlighted: [String] = []

    /// Every needle for highlighting: the words and phrases, and the tokens words matched through their stems.
    var allNeedles: [String] {
        var seen = Set(needles)
        var out = needles
        for term in allTerms {
            for a in term.alternatives {
                let s = String(decoding: a, as: UTF8.self)
                if seen.insert(s).inserted { out.append(s) }
            }
        }
        return out
    }
}

extension SearchIndex {
    /// Runs a query string. An empty query finds nothing (not everything).
    public func search(_ input: String, limit: Int = 200) -> Result<[SearchResult], QueryError> {
        Query.parse(input, catalog: records as? Catalog).map { search($0, limit: limit) }
    }

    public func search(_ query: Query, limit: Int = 200) -> [SearchResult] {
        let hits = hits(query, limit: limit)
        return (0..<hits.count).map { result(hits, $0) }
    }

    /// Finds every match of `query` and keeps the best `limit`.
    public func hits(_ query: Query, limit: Int = 200) -> SearchHits { hits(query, limit: limit, marking: true) }

    /// `hits`; `marking` false never takes the one-pass answer for common words (`markedHits`), for the tests that
    /// compare the two. `hidden` (entry numbers, ascending) are left out as if they matched nothing: the records a
    /// change replaced, answered from another index (`PatchedIndex`). `alternatives` gives the tokens a word
    /// reaches through its stems (for highlighting and choosing the field a result shows) when they are not this
    /// index's alone.
    func hits(
        _ query: Query, limit: Int, marking: Bool, hidden: [UInt32] = [],
        alternatives: ((QueryPlan.Term) -> [[UInt8]])? = nil
    ) -> SearchHits {
        var plan = QueryPlan(query)
        let reached = alternatives ?? { self.wordTokens($0).alternatives.map { Array(self.tokenBytes(of: $0)) } }
        for i in plan.terms.indices { plan.terms[i].alternatives = reached(plan.terms[i]) }
        for i in plan.groupTerms.indices { plan.groupTerms[i].alternatives = reached(plan.groupTerms[i]) }
        plan.highlighted = plan.allNeedles
        let excluded = query.excluded.map { QueryPlan.Term(word: $0, typed: query.typed[$0], prefixLast: false) }
            .filter { !$0.tokens.isEmpty }
        guard
            !plan.terms.isEmpty || !excluded.isEmpty || !query.groups.isEmpty || query.hasAllianceFilter
                || !query.types.isEmpty
        else {
            return .empty
        }
        if marking, let hits = markedHits(query, plan: plan, excluded: excluded, limit: limit, hidden: hidden) {
            return hits
        }

        // The posting sets to intersect: every word of one token, every phrase (and word of several tokens) as the
        // entries where its tokens are consecutive in one field, and every `with:` company's alliances.
        var atoms: [Atom] = []
        var textChecks = 0
        for term in plan.terms {
            if term.tokens.count > 1 {
                let entries = phraseEntries(term, textChecks: &textChecks)
                if entries.isEmpty {
                    return SearchHits(total: 0, countByKind: [:], top: [], plan: plan, textChecks: textChecks)
                }
                atoms.append(Atom(tokens: nil, entries: entries, dense: nil, carriesRank: true, size: entries.count))
                continue
            }
            let token = term.tokens[0]
            let words = wordTokens(term)
            if words.ranges.isEmpty { return SearchHits(total: 0, countByKind: [:], top: [], plan: plan) }
            let dense =
                term.prefixLast && token.count == 1 && usage?.verified(initial: token[0], of: self) != false
                ? initials[token[0]] : nil
            atoms.append(
                Atom(
                    tokens: words.ranges, entries: nil, dense: dense, carriesRank: true,
                    size: words.ranges.reduce(0) { $0 + postingStart[$1.upperBound] - postingStart[$1.lowerBound] },
                    exact: words.alternatives.isEmpty ? nil : [words.exact]))
        }
        for company in query.with {
            let entries = records.alliances(ofCompany: company).lazy.map { self.allianceEntry[$0] }
                .filter { $0 != Self.notIndexed }.map { $0 << 3 | 7 }.sorted()
            atoms.append(Atom(tokens: nil, entries: entries, dense: nil, carriesRank: false, size: entries.count))
        }
        // Groups (OR, parentheses): each evaluated to its entries; a negated one is removed like an excluded word.
        var scratch = Scratch(count: entryCount)
        var excludedEntries: [[UInt32]] = []
        // Negated groups of words alone (`-(nube OR cloud)`) are removed by their tokens' postings, as excluded words
        // are: no list of their entries is built.
        var excludedRanges: [[Range<Int>]] = []
        for group in query.groups {
            if case .not(let inner) = group {
                if let ranges = wordRanges(of: inner, query.typed, stems: true) {
                    excludedRanges.append(ranges)
                } else {
                    excludedEntries.append(entries(of: inner, query.typed, stems: true, &scratch, &textChecks))
                }
                continue
            }
            // An OR of words is their tokens' postings together, like one word with its stems: intersected by marking
            // them (no list of the group's entries is built, which costs a pass over every entry).
            if let ranges = wordRanges(of: group, query.typed, stems: true) {
                let size = ranges.reduce(0) { $0 + postingStart[$1.upperBound] - postingStart[$1.lowerBound] }
                if size == 0 { return SearchHits(total: 0, countByKind: [:], top: [], plan: plan) }
                atoms.append(
                    Atom(
                        tokens: ranges, entries: nil, dense: nil, carriesRank: true, size: size,
                        exact: widens(group, query.typed) ? wordRanges(of: group, query.typed, stems: false) : nil))
                continue
            }
            let entries = entries(of: group, query.typed, stems: true, &scratch, &textChecks)
            if entries.isEmpty { return SearchHits(total: 0, countByKind: [:], top: [], plan: plan) }
            let exact =
                widens(group, query.typed)
                ? self.entries(of: group, query.typed, stems: false, &scratch, &textChecks) : nil
            atoms.append(
                Atom(
                    tokens: nil, entries: entries, dense: nil, carriesRank: true, size: entries.count,
                    exactEntries: exact))
        }
        for term in excluded where term.tokens.count > 1 {
            excludedEntries.append(phraseEntries(term, textChecks: &textChecks))
        }
        if !hidden.isEmpty { excludedEntries.append(hidden.map { $0 << 3 }) }

        // Filters on the record itself, as one more set: a bitset of the entries they allow (SearchFilters.swift).
        // `with:` alone needs none (its alliances are its list). An amount is a slice of the amount order, set bit
        // by bit; when a word's list is shorter than that slice, its candidates are checked by their amount instead.
        let allianceFilter =
            !query.kinds.isEmpty || !query.statuses.isEmpty || query.years != nil
            || query.minimumAmount != nil || query.maximumAmount != nil
        var amountByRecord = false
        if !query.types.isEmpty || allianceFilter {
            var amount: Range<Int>?
            if query.minimumAmount != nil || query.maximumAmount != nil {
                let range = amountRange(minimum: query.minimumAmount, maximum: query.maximumAmount)
                let cost = min(range.count, filters.amountOrder.count - range.count)
                if let shortest = atoms.lazy.filter({ $0.dense == nil }).map(\.size).min(), shortest < cost {
                    amountByRecord = true
                } else {
                    amount = range
                }
            }
            let bits = filterBits(query, amount: amount)
            atoms.append(
                Atom(tokens: nil, entries: nil, dense: nil, bits: bits, carriesRank: false, size: Self.popcount(bits)))
        } else if atoms.isEmpty {
            // Only excluded words: every entry, less theirs.
            var bits = [UInt64](repeating: ~0, count: filters.width)
            if entryCount & 63 != 0 { bits[bits.count - 1] = ~(~UInt64(0) << UInt64(entryCount & 63)) }
            atoms.append(Atom(tokens: nil, entries: nil, dense: nil, bits: bits, carriesRank: false, size: entryCount))
        }

        // A set of bits alone (filters without words): remove the excluded words' entries from it, then count and
        // list it without building a list of candidates.
        if atoms.count == 1, var bits = atoms[0].bits {
            let words = excluded.filter { $0.tokens.count == 1 }.map { wordTokens($0).ranges }
            for ranges in words + excludedRanges {
                for range in ranges {
                    for p in postings[postingStart[range.lowerBound]..<postingStart[range.upperBound]] {
                        bits[Int(p >> 9)] &= ~(1 << UInt64(p >> 3 & 63))
                    }
                }
            }
            for list in excludedEntries {
                for p in list { bits[Int(p >> 9)] &= ~(1 << UInt64(p >> 3 & 63)) }
            }
            return bitsetHits(bits, limit: limit, plan: plan, textChecks: textChecks)
        }

        // Rarest first; a ready dense answer is cheap to test but dear to list, so last. So is the filters' bitset
        // (a bit per entry to test, every word to list), unless it is so much rarer than every list that listing it
        // and galloping through them is cheaper than marking them.
        let shortestList = atoms.lazy.filter { $0.dense == nil && $0.bits == nil }.map(\.size).min() ?? Int.max
        func order(_ atom: Atom) -> Int {
            if atom.dense != nil { return Int.max }
            if atom.bits != nil { return atom.size < shortestList / 8 ? atom.size : Int.max - 1 }
            return atom.size
        }
        atoms.sort { order($0) < order($1) }

        var candidates = list(atoms[0], &scratch)
        for atom in atoms.dropFirst() {
            if candidates.isEmpty { break }
            candidates = intersect(candidates, atom, &scratch)
        }
        if amountByRecord {
            // The filters' bits made the candidates alliances.
            let minimum = query.minimumAmount ?? 0, maximum = query.maximumAmount ?? .infinity
            candidates.removeAll { p in
                let usd = allianceLargestUSD[Int(entryRecord[Int(p >> 3)])]
                return !(usd >= 0 && usd >= minimum && usd <= maximum)
            }
        }

        // Excluded words: one token by its postings, several as a phrase (candidates are in entry order, and so
        // is the phrase's list).
        let excludedWords = excluded.filter { $0.tokens.count == 1 }.map { wordTokens($0).ranges }
        for ranges in excludedWords + excludedRanges where !candidates.isEmpty && !ranges.isEmpty {
            mark(ranges, &scratch)
            candidates.removeAll { scratch.rank[Int($0 >> 3)] != Self.noRank }
        }
        for out in excludedEntries where !candidates.isEmpty {
            var j = 0
            candidates.removeAll { p in
                while j < out.count && out[j] >> 3 < p >> 3 { j += 1 }
                return j < out.count && out[j] >> 3 == p >> 3
            }
        }

        // Which candidates hold every word as written: those a word found only through its stems come after.
        let stemOnly = stemOnlyEntries(candidates, atoms: atoms, &scratch)

        // Rank: whole words before stems, then by field, then entry number (which is date order). Keep the best
        // `limit` of each.
        var byRank = [[UInt32]](repeating: [], count: 16)
        var kindCounts = [Int](repeating: 0, count: Self.kinds.count)
        for (i, var p) in candidates.enumerated() {
            let e = Int(p >> 3)
            if p & 7 == 7 { p = p & ~7 | UInt32(Self.naturalRank(kind(ofEntry: e)).rawValue) }
            kindCounts[Int(entryKind[e])] += 1
            let r = Int(p & 7) + (stemOnly.isEmpty || !stemOnly[i] ? 0 : 8)
            if byRank[r].count < limit { byRank[r].append(p) }
        }
        var countByKind: [SearchResult.Kind: Int] = [:]
        for (k, n) in kindCounts.enumerated() where n > 0 { countByKind[Self.kinds[k]] = n }
        let top = Array(byRank.joined().prefix(limit))
        return SearchHits(
            total: candidates.count, countByKind: countByKind, top: top,
            exactCount: min(top.count, byRank[..<8].reduce(0) { $0 + $1.count }), plan: plan, textChecks: textChecks)
    }

    /// The result at `i` of `hits`: its best field, that field's text and where the words are in it. Of two
    /// fields that hold the words equally well, one in `preferring` is shown (a Spanish reader sees
    /// `description.es` where both descriptions name NVIDIA); else the first.
    public func result(_ hits: SearchHits, _ i: Int, preferring: StemLanguage? = nil) -> SearchResult {
        let p = hits.top[i]
        let e = Int(p >> 3), rank = Int(p & 7)
        let kind = kind(ofEntry: e), record = Int(entryRecord[e])
        // The field that holds the most words (those as written counting before stems), of the best rank among
        // those (an id last); the first such field when several do. A result found by one word in its id and two in
        // its Spanish title shows the title.
        // Fields ranked better than the result cannot hold a word (its rank is its words' best), so they are not
        // read; the search stops at a field that holds every word as written at the result's own rank.
        var chosen: (field: FieldText, text: String, score: Int)?
        var fallback: (field: FieldText, text: String)?
        let terms = hits.plan.allTerms
        // The lowest bit: the field is in the preferred language (always 0 without one).
        let best = ((terms.count << 16 + terms.count << 8) << 3 | (7 - rank)) << 1 | (preferring == nil ? 0 : 1)
        // One word can do no better than the result's own rank: only a title may stand in for an id then, so the
        // fields ranked below both are not read (a word being typed matches a good part of a large dataset).
        let worst = terms.count == 1 ? max(rank, SearchResult.Field.title.rawValue) : 7
        var tokens = FieldTokens()
        let read = rank == 7 ? 0...7 : rank...worst
        // The record is read once (a stored one is decoded on every read): its fields, title, id and date.
        let entry = EntryRecord(records, kind, record)
        if let entry {
            Self.forEachField(records, entry, ranks: read) { field, text in
                if fallback == nil && field.rank.rawValue == rank { fallback = (field, text) }
                guard (field.rank.rawValue >= rank && field.rank.rawValue <= worst) || rank == 7,
                    (chosen?.score ?? 0) < best, !terms.isEmpty
                else { return }
                tokens.load(text)
                var score = 0
                for term in terms {
                    switch tokens.match(term) {
                    case .exact?: score += 1 << 16 + 1 << 8
                    case .stem?: score += 1 << 16
                    case nil: break
                    }
                }
                guard score > 0 else { return }
                // An id says least about why (`amazon-anthropic-investment`): any other field with as many words wins.
                score = score << 3 | (field.isID ? 0 : 7 - field.rank.rawValue)
                score = score << 1 | (preferring != nil && field.language == preferring ? 1 : 0)
                if score > (chosen?.score ?? 0) { chosen = (field, text, score) }
            }
        }
        let title = entry?.title ?? ""
        let (field, text) = chosen.map { ($0.field, $0.text) } ?? fallback ?? (FieldText(.title, "title"), title)
        return SearchResult(
            kind: kind, id: entry?.id ?? "", title: title, field: field.rank, text: text,
            spans: Self.spans(of: hits.plan.highlighted, in: text), date: entry?.date,
            matchedField: field.name, language: field.language.map { $0 == .spanish ? "es" : "en" },
            exact: hits.isExact(i))
    }

    /// Every kept hit's result, in order, built in two halves at once (one per core): results are independent, and
    /// 200 of them are a good part of a query's time on a large dataset.
    public func results(_ hits: SearchHits, preferring: StemLanguage? = nil) -> [SearchResult] {
        InParts.flatMap(hits.count) { range in range.map { result(hits, $0, preferring: preferring) } }
    }

    /// A field's tokens, read once and checked against every term of a query.
    struct FieldTokens {
        var bytes: [UInt8] = []
        var starts: [Int] = [0]
        var scratch: [UInt8] = []

        mutating func load(_ text: String) {
            bytes.removeAll(keepingCapacity: true)
            starts.removeAll(keepingCapacity: true)
            starts.append(0)
            Tokens.forEach(in: text, scratch: &scratch) { token in
                bytes.append(contentsOf: token)
                starts.append(bytes.count)
            }
        }

        var count: Int { starts.count - 1 }

        func token(_ i: Int) -> ArraySlice<UInt8> { bytes[starts[i]..<starts[i + 1]] }

        /// Whether the term's tokens are consecutive here as written (the last may be a prefix), or, for a word of
        /// one token, one of the tokens of its stems is.
        func match(_ term: QueryPlan.Term) -> TermMatch? {
            let n = term.tokens.count
            if n > 0 && count >= n {
                for start in 0...(count - n) {
                    var all = true
                    for k in 0..<n {
                        let have = token(start + k), want = term.tokens[k]
                        let ok =
                            term.prefixLast && k == n - 1 ? have.starts(with: want) : have.elementsEqual(want)
                        if !ok { all = false; break }
                    }
                    if all { return .exact }
                }
            }
            guard n == 1, !term.alternatives.isEmpty else { return nil }
            for i in 0..<count where term.alternatives.contains(where: { $0.elementsEqual(token(i)) }) {
                return .stem
            }
            return nil
        }
    }

    // MARK: Records

    static func naturalRank(_ kind: SearchResult.Kind) -> SearchResult.Field {
        kind == .company || kind == .person ? .name : .title
    }

    // MARK: Posting sets

    struct Atom {
        /// The token numbers of a word: its own (or those it starts) and those filed under its stems.
        var tokens: [Range<Int>]?
        /// entry << 3 | rank, ascending (rank 7: none).
        var entries: [UInt32]?
        var dense: FlatArray<UInt8>?
        /// A bitset of entries (`FilterIndex.width` words), none ranked.
        var bits: [UInt64]? = nil
        /// Whether this set's field ranks count toward the result's rank (a lone word's do; a phrase's tokens don't).
        var carriesRank: Bool
        var size: Int
        /// For a word (or an OR of words) that stems widen: the token numbers of the words as written (or those
        /// they start).
        var exact: [Range<Int>]? = nil
        /// For a group that stems widen: its entries with words as written only, ascending.
        var exactEntries: [UInt32]? = nil
    }

    /// A best-rank-per-entry array reused for marking a posting set.
    struct Scratch {
        var rank: [UInt8]
        var dirty = false
        init(count: Int) { rank = []; self.count = count }
        let count: Int

        mutating func mark(_ postings: FlatArray<UInt32>, _ range: Range<Int>) { mark(postings, [range]) }

        /// Marks the postings of several ranges of one list (a word and its stems' tokens), cleared first.
        mutating func mark(_ postings: FlatArray<UInt32>, _ ranges: [Range<Int>]) { mark(postings, parts: [ranges]) }

        /// `mark`, each part's ranges on a core of its own: the parts must hold postings of different entries
        /// (`SearchIndex.mark` splits a word's lists at an entry), so no byte is written by two.
        mutating func mark(_ postings: FlatArray<UInt32>, parts: [[Range<Int>]]) {
            if rank.isEmpty {
                rank = [UInt8](repeating: SearchIndex.noRank, count: count)
            } else if dirty {
                rank.withUnsafeMutableBufferPointer { $0.update(repeating: SearchIndex.noRank) }
            }
            dirty = true
            rank.withUnsafeMutableBufferPointer { r in
                postings.withUnsafeBufferPointer { p in
                    nonisolated(unsafe) let r = r, p = p
                    @Sendable func mark(_ ranges: [Range<Int>]) {
                        for range in ranges {
                            for i in range {
                                let e = Int(p[i] >> 3), k = UInt8(p[i] & 7)
                                if k < r[e] { r[e] = k }
                            }
                        }
                    }
                    if parts.count == 1 {
                        mark(parts[0])
                    } else {
                        _ = InParts.map(parts.count) { mark(parts[$0]) }
                    }
                }
            }
        }
    }

    /// Marks the postings of `tokens` (a word and its stems' tokens, an OR of words) in `scratch` on both cores, each
    /// taking those of its half of the entries. A token's postings are in entry order, so a half is a slice of each
    /// token's list, found by a binary search (the lists were checked as they were found). Every index takes this
    /// path, the tests' small ones too (a second thread costs far less than a frame).
    func mark(_ tokens: [Range<Int>], _ scratch: inout Scratch) {
        let parts = InParts.count(for: entryCount)
        // Many tokens (a short prefix) would cost a search each: marked on one core.
        guard parts > 1, tokens.reduce(0, { $0 + $1.count }) <= 4_096 else {
            scratch.mark(postings, postingRanges(tokens))
            return
        }
        let middle = UInt32(InParts.range(1, of: parts, count: entryCount).lowerBound)
        var first: [Range<Int>] = [], second: [Range<Int>] = []
        postings.withUnsafeBufferPointer { p in
            for t in tokens.joined() {
                let list = postingStart[t]..<postingStart[t + 1]
                var lo = list.lowerBound, hi = list.upperBound
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if p[mid] >> 3 < middle { lo = mid + 1 } else { hi = mid }
                }
                if list.lowerBound < lo { first.append(list.lowerBound..<lo) }
                if lo < list.upperBound { second.append(lo..<list.upperBound) }
            }
        }
        scratch.mark(postings, parts: [first, second])
    }

    private func list(_ atom: Atom, _ scratch: inout Scratch) -> [UInt32] {
        let keep: UInt32 = atom.carriesRank ? 7 : 0
        if let entries = atom.entries { return entries }
        if let bits = atom.bits {
            var out: [UInt32] = []
            out.reserveCapacity(atom.size)
            for (w, word) in bits.enumerated() {
                var x = word
                while x != 0 { out.append(UInt32(w << 6 | x.trailingZeroBitCount) << 3 | 7); x &= x - 1 }
            }
            return out
        }
        if let dense = atom.dense {
            var out: [UInt32] = []
            for (e, r) in dense.enumerated() where r != Self.noRank {
                out.append(UInt32(e) << 3 | (UInt32(r) & keep | ~keep & 7))
            }
            return out
        }
        let ranges = atom.tokens!
        if ranges.count == 1 && ranges[0].count == 1 {
            let slice = postingStart[ranges[0].lowerBound]..<postingStart[ranges[0].upperBound]
            var out = postings.copy(slice)
            if keep == 0 { out.withUnsafeMutableBufferPointer { for i in $0.indices { $0[i] |= 7 } } }
            return out
        }
        if ranges.count <= 4 && ranges.allSatisfy({ $0.count == 1 }) {
            // A few tokens (words of an OR, a word and its stems): their lists merged cost less than a pass over
            // every entry.
            var out: [UInt32] = []
            for range in postingRanges(ranges) { out = Self.union(out, postings.copy(range)) }
            if keep == 0 { out.withUnsafeMutableBufferPointer { for i in $0.indices { $0[i] |= 7 } } }
            return out
        }
        mark(ranges, &scratch)
        let size = atom.size
        return scratch.rank.withUnsafeBufferPointer { rank in
            nonisolated(unsafe) let rank = rank
            return InParts.flatMap(entryCount) { entries in
                var out: [UInt32] = []
                out.reserveCapacity(min(size, entries.count))
                for e in entries where rank[e] != Self.noRank {
                    out.append(UInt32(e) << 3 | (UInt32(rank[e]) & keep | ~keep & 7))
                }
                return out
            }
        }
    }

    /// A candidate (entry << 3 | rank) that another set holds at rank `r`: its best rank of the two when that set's
    /// ranks count.
    static func combine(_ p: UInt32, _ r: UInt8, carriesRank: Bool) -> UInt32 {
        carriesRank ? p & ~7 | min(p & 7, UInt32(r)) : p
    }

    private func intersect(_ candidates: [UInt32], _ atom: Atom, _ scratch: inout Scratch) -> [UInt32] {
        func combine(_ p: UInt32, _ r: UInt8) -> UInt32 { Self.combine(p, r, carriesRank: atom.carriesRank) }
        if let entries = atom.entries {
            var out: [UInt32] = [], j = 0
            for p in candidates {
                let e = p >> 3
                while j < entries.count && entries[j] >> 3 < e { j += 1 }
                if j < entries.count && entries[j] >> 3 == e { out.append(combine(p, UInt8(entries[j] & 7))) }
            }
            return out
        }
        if let bits = atom.bits {
            return candidates.filter { p in bits[Int(p >> 9)] >> UInt64(p >> 3 & 63) & 1 != 0 }
        }
        if let dense = atom.dense {
            return candidates.compactMap { p in
                let r = dense[Int(p >> 3)]; return r == Self.noRank ? nil : combine(p, r)
            }
        }
        let ranges = atom.tokens!
        let slice = postingStart[ranges[0].lowerBound]..<postingStart[ranges[0].upperBound]
        if ranges.count == 1 && ranges[0].count == 1 && slice.count > candidates.count * 8 {
            // Few candidates, a long list: gallop through it.
            var out: [UInt32] = []
            var lo = slice.lowerBound
            postings.withUnsafeBufferPointer { list in
                for p in candidates {
                    let e = p >> 3
                    var step = 1, hi = lo
                    while hi < slice.upperBound && list[hi] >> 3 < e { lo = hi + 1; hi += step; step *= 2 }
                    hi = min(hi, slice.upperBound)
                    while lo < hi { let mid = (lo + hi) / 2; if list[mid] >> 3 < e { lo = mid + 1 } else { hi = mid } }
                    if lo < slice.upperBound && list[lo] >> 3 == e { out.append(combine(p, UInt8(list[lo] & 7))) }
                }
            }
            return out
        }
        mark(ranges, &scratch)
        return scratch.rank.withUnsafeBufferPointer { rank in
            nonisolated(unsafe) let rank = rank
            let carriesRank = atom.carriesRank
            return InParts.flatMap(candidates.count) { part in
                candidates[part].compactMap { p in
                    let r = rank[Int(p >> 3)]
                    return r == Self.noRank ? nil : Self.combine(p, r, carriesRank: carriesRank)
                }
            }
        }
    }

    // MARK: Words and their stems

    /// The token numbers a word of one token matches: `exact`, itself (or those it starts, for the last word while
    /// it is typed), and `alternatives`, the other tokens filed under its stems; `ranges` holds both, ascending and
    /// merged. A phrase or a word of several tokens has no stems: its ranges are empty (see `phraseEntries`).
    func wordTokens(_ term: QueryPlan.Term) -> (ranges: [Range<Int>], exact: Range<Int>, alternatives: [Int]) {
        guard term.tokens.count == 1 else { return ([], 0..<0, []) }
        let exact = tokenRange(term.tokens[0], prefix: term.prefixLast)
        var others = Set<Int>()
        for key in term.stemKeys {
            for t in tokens(stemKey: key) where !exact.contains(Int(t)) { others.insert(Int(t)) }
        }
        let alternatives = others.sorted()
        var ranges: [Range<Int>] = exact.isEmpty ? [] : [exact]
        for t in alternatives {
            if let usage, !usage.verified(tokens: t..<t + 1, of: self) { continue }
            if let last = ranges.last, last.upperBound == t {
                ranges[ranges.count - 1] = last.lowerBound..<t + 1
            } else if let i = ranges.firstIndex(where: { $0.lowerBound == t + 1 }) {
                ranges[i] = t..<ranges[i].upperBound
            } else {
                ranges.append(t..<t + 1)
            }
        }
        ranges.sort { $0.lowerBound < $1.lowerBound }
        return (ranges, exact, alternatives)
    }

    /// The postings of ranges of token numbers, as ranges of `postings`.
    func postingRanges(_ tokens: [Range<Int>]) -> [Range<Int>] {
        tokens.map { postingStart[$0.lowerBound]..<postingStart[$0.upperBound] }
    }

    func tokenBytes(of token: Int) -> Slice<FlatArray<UInt8>> { tokenBytes[tokenStart[token]..<tokenStart[token + 1]] }

    /// For each candidate, whether some word its stems widened is in it only through a stem (empty: none was
    /// widened, every candidate holds the words as written).
    func stemOnlyEntries(_ candidates: [UInt32], atoms: [Atom], _ scratch: inout Scratch) -> [Bool] {
        let widened = atoms.compactMap(\.exact)
        let groups = atoms.compactMap(\.exactEntries)
        guard !widened.isEmpty || !groups.isEmpty, !candidates.isEmpty else { return [] }
        var stemOnly = [Bool](repeating: false, count: candidates.count)
        for exact in widened {
            mark(exact, &scratch)
            for (i, p) in candidates.enumerated() where scratch.rank[Int(p >> 3)] == Self.noRank { stemOnly[i] = true }
        }
        for exact in groups {
            var j = 0
            for (i, p) in candidates.enumerated() {
                while j < exact.count && exact[j] >> 3 < p >> 3 { j += 1 }
                if !(j < exact.count && exact[j] >> 3 == p >> 3) { stemOnly[i] = true }
            }
        }
        return stemOnly
    }

    // MARK: Groups

    /// The entries a group matches (entry << 3 | best rank, ascending; rank 7 when only negations decided), with
    /// its words' stems or (`stems` false) only as written.
    func entries(
        of node: QueryNode, _ typed: [String: String], stems: Bool, _ scratch: inout Scratch, _ textChecks: inout Int
    ) -> [UInt32] {
        switch node {
        case .word(let word, let prefix):
            let term = QueryPlan.Term(word: word, typed: typed[word], prefixLast: prefix)
            if term.tokens.count > 1 { return phraseEntries(term, textChecks: &textChecks) }
            let ranges = stems ? wordTokens(term).ranges : [tokenRange(term.tokens[0], prefix: prefix)]
            return postingList(ranges, &scratch)
        case .phrase(let phrase):
            let term = QueryPlan.Term(tokens: Tokens.of(phrase).map { Array($0.utf8) }, prefixLast: false)
            if term.tokens.count > 1 { return phraseEntries(term, textChecks: &textChecks) }
            guard let token = term.tokens.first else { return [] }
            return postingList([tokenRange(token, prefix: false)], &scratch)
        case .any(let nodes):
            var out: [UInt32] = []
            for n in nodes { out = Self.union(out, entries(of: n, typed, stems: stems, &scratch, &textChecks)) }
            return out
        case .all(let nodes):
            var positive: [[UInt32]] = [], negative: [[UInt32]] = []
            for n in nodes {
                if case .not(let inner) = n {
                    negative.append(entries(of: inner, typed, stems: stems, &scratch, &textChecks))
                } else {
                    let list = entries(of: n, typed, stems: stems, &scratch, &textChecks)
                    if list.isEmpty { return [] }
                    positive.append(list)
                }
            }
            positive.sort { $0.count < $1.count }
            var out = positive.first ?? (0..<UInt32(entryCount)).map { $0 << 3 | 7 }
            for list in positive.dropFirst() { out = Self.intersection(out, list) }
            for list in negative { out = Self.difference(out, list) }
            return out
        case .not(let inner):
            let everything = (0..<UInt32(entryCount)).map { $0 << 3 | 7 }
            return Self.difference(everything, entries(of: inner, typed, stems: stems, &scratch, &textChecks))
        }
    }

    /// The token ranges of a word of one token, or of an OR of such words (nil for anything else: phrases, ANDs,
    /// negations), with the words' stems or (`stems` false) only as written.
    func wordRanges(of node: QueryNode, _ typed: [String: String], stems: Bool) -> [Range<Int>]? {
        switch node {
        case .word(let word, let prefix):
            let term = QueryPlan.Term(word: word, typed: typed[word], prefixLast: prefix)
            guard term.tokens.count == 1 else { return nil }
            return stems ? wordTokens(term).ranges : [tokenRange(term.tokens[0], prefix: prefix)]
        case .phrase(let phrase):
            let tokens = Tokens.of(phrase).map { Array($0.utf8) }
            guard tokens.count == 1 else { return nil }
            return [tokenRange(tokens[0], prefix: false)]
        case .any(let nodes):
            var all: [Range<Int>] = []
            for n in nodes {
                guard let ranges = wordRanges(of: n, typed, stems: stems) else { return nil }
                all += ranges
            }
            return all
        case .all, .not: return nil
        }
    }

    /// Whether some word of a group matches more through its stems than as written.
    func widens(_ node: QueryNode, _ typed: [String: String]) -> Bool {
        switch node {
        case .word(let word, let prefix):
            return !wordTokens(QueryPlan.Term(word: word, typed: typed[word], prefixLast: prefix)).alternatives.isEmpty
        case .phrase: return false
        case .all(let nodes), .any(let nodes): return nodes.contains { widens($0, typed) }
        case .not(let inner): return widens(inner, typed)
        }
    }

    /// The entries of ranges of token numbers with their best rank, ascending.
    func postingList(_ tokens: [Range<Int>], _ scratch: inout Scratch) -> [UInt32] {
        let tokens = tokens.filter { !$0.isEmpty }
        if tokens.isEmpty { return [] }
        if tokens.count == 1 && tokens[0].count == 1 {
            return postings.copy(postingStart[tokens[0].lowerBound]..<postingStart[tokens[0].upperBound])
        }
        let ranges = postingRanges(tokens)
        let size = ranges.reduce(0) { $0 + $1.count }
        if size < entryCount / 32 {
            // Few postings: sorting them costs less than a pass over every entry.
            var all: [UInt32] = []
            all.reserveCapacity(size)
            for r in ranges { postings.append(r, to: &all) }
            all.sort()
            var out: [UInt32] = []
            out.reserveCapacity(all.count)
            for p in all where out.last.map({ $0 >> 3 != p >> 3 }) ?? true { out.append(p) }
            return out
        }
        scratch.mark(postings, ranges)
        var out: [UInt32] = []
        for (e, r) in scratch.rank.enumerated() where r != Self.noRank { out.append(UInt32(e) << 3 | UInt32(r)) }
        return out
    }

    /// Two ascending entry lists merged, each entry once with the better rank.
    static func union(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && a[i] >> 3 < b[j] >> 3) {
                out.append(a[i]); i += 1
            } else if i == a.count || b[j] >> 3 < a[i] >> 3 {
                out.append(b[j]); j += 1
            } else {
                out.append(a[i] & ~7 | min(a[i] & 7, b[j] & 7)); i += 1; j += 1
            }
        }
        return out
    }

    /// The entries of both ascending lists, with the better rank.
    static func intersection(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        var out: [UInt32] = []
        var i = 0, j = 0
        while i < a.count && j < b.count {
            if a[i] >> 3 < b[j] >> 3 {
                i += 1
            } else if b[j] >> 3 < a[i] >> 3 {
                j += 1
            } else {
                out.append(a[i] & ~7 | min(a[i] & 7, b[j] & 7)); i += 1; j += 1
            }
        }
        return out
    }

    /// The entries of `a` not in `b` (both ascending).
    static func difference(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        var j = 0
        return a.filter { p in
            while j < b.count && b[j] >> 3 < p >> 3 { j += 1 }
            return !(j < b.count && b[j] >> 3 == p >> 3)
        }
    }

    // MARK: Phrases

    /// The entries where `term` (of several tokens) occurs as consecutive tokens of one field, each with the best
    /// rank of such a field: entry << 3 | rank, ascending. The term's consecutive tokens are pairs of the next-token
    /// index; two tokens are one pair's entries, more are the pairs' occurrences joined on position (the k-th pair at
    /// the first's position + k). Entries whose positions did not fit are checked against their text, counted in
    /// `textChecks`.
    func phraseEntries(_ term: QueryPlan.Term, textChecks: inout Int) -> [UInt32] {
        let n = term.tokens.count
        var ranges: [Range<Int>] = []
        for (k, token) in term.tokens.enumerated() {
            let range = tokenRange(token, prefix: term.prefixLast && k == n - 1)
            if range.isEmpty { return [] }
            ranges.append(range)
        }
        // Only the last token can be a prefix, so each pair has one first token and a range of second tokens:
        // a range of pairs.
        var lists: [FlatArray<UInt32>] = []
        for k in 0..<n - 1 {
            let first = UInt64(ranges[k].lowerBound) << 32
            let pairs = pairRange(first | UInt64(ranges[k + 1].lowerBound), first | UInt64(ranges[k + 1].upperBound))
            if pairs.isEmpty { return [] }
            lists.append(occurrences(ofPairs: pairs))
        }
        let shift = UInt32(positionBits + 3)
        if n == 2 { return lists[0].withUnsafeBufferPointer { Self.bestPerEntry($0, shift: shift) } }

        // The join, from the shortest list: candidate starts are its occurrences moved back to the phrase's first
        // token; each other list must hold the occurrence at start + its place. Unknown positions are left out.
        let unknown = unknownPosition, positionMask = unknown
        let order = (0..<lists.count).sorted { lists[$0].count < lists[$1].count }
        let d = order[0]
        let shortest = lists[d]
        // Two halves of the shortest list at once, one per core, split between entries: each moves its occurrences
        // back to the phrase's start, joins them with every other list (from its first entry on) and takes its
        // entries' best ranks.
        var split = shortest.count / 2
        while split > 0 && split < shortest.count && shortest[split] >> shift == shortest[split - 1] >> shift {
            split += 1
        }
        let halves = [0..<split, split..<shortest.count]
        let others = Array(order.dropFirst())
        let pairLists = lists  // (the var, captured by both cores, would be a race in the compiler's eyes)
        let parts = InParts.map(2) { part in
            var starts: [UInt32] = []
            starts.reserveCapacity(halves[part].count)
            shortest.withUnsafeBufferPointer { list in
                for v in list[halves[part]] {
                    let position = v >> 3 & positionMask
                    if position != unknown && position >= UInt32(d) { starts.append(v - UInt32(d) << 3) }
                }
            }
            return starts.withUnsafeMutableBufferPointer { half in
                let kept = Self.join(half, with: pairLists, others: others, unknown: unknown, shift: shift)
                return Self.bestPerEntry(UnsafeBufferPointer(rebasing: half[..<kept]), shift: shift)
            }
        }
        var found = parts[0] + parts[1]
        guard !longEntries.isEmpty else { return found }

        // Entries with positions that did not fit: by their text, when they hold every pair at all.
        var checked: [UInt32] = []
        var scratch: [UInt8] = []
        for e in longEntries where lists.allSatisfy({ Self.holds($0, entry: e, shift: shift) }) {
            textChecks += 1
            if let r = bestRank(of: term, entry: Int(e), &scratch) { checked.append(e << 3 | UInt32(r)) }
        }
        // Both ascending: one walk (hashing every found entry into a set cost more than the join).
        var j = 0
        found.removeAll { p in
            while j < longEntries.count && longEntries[j] < p >> 3 { j += 1 }
            return j < longEntries.count && longEntries[j] == p >> 3
        }
        if checked.isEmpty { return found }
        found.append(contentsOf: checked)
        found.sort()
        return found
    }

    /// Keeps, in place and in order, the phrase starts that every list of `others` holds at start + its place (the
    /// k-th list's occurrence at the start's position + k); returns how many are kept.
    static func join(
        _ starts: UnsafeMutableBufferPointer<UInt32>, with lists: [FlatArray<UInt32>], others: [Int], unknown: UInt32,
        shift: UInt32
    ) -> Int {
        var count = starts.count
        for k in others where count > 0 {
            let offset = UInt32(k)
            count = lists[k].withUnsafeBufferPointer { list in
                var kept = 0
                // From the first entry of these starts: every target is at or after it.
                var j = 0, hi = list.count
                let first = (starts[0] >> shift) << shift
                while j < hi { let mid = (j + hi) / 2; if list[mid] < first { j = mid + 1 } else { hi = mid } }
                let gallop = list.count - j > count * 8
                for i in 0..<count {
                    let s = starts[i]
                    // The k-th pair's occurrence; a position past what fits would carry into the entry number.
                    guard (s >> 3 & unknown) + offset < unknown else { continue }
                    let target = s + offset << 3
                    if gallop {
                        var step = 1, hi = j
                        while hi < list.count && list[hi] < target { j = hi + 1; hi += step; step *= 2 }
                        hi = min(hi, list.count)
                        while j < hi {
                            let mid = (j + hi) / 2
                            if list[mid] < target { j = mid + 1 } else { hi = mid }
                        }
                    } else {
                        while j < list.count && list[j] < target { j += 1 }
                    }
                    if j < list.count && list[j] == target {
                        starts[kept] = s
                        kept += 1
                    }
                }
                return kept
            }
        }
        return count
    }

    /// The pairs with keys in lo..<hi.
    func pairRange(_ lo: UInt64, _ hi: UInt64) -> Range<Int> {
        pairKeys.withUnsafeBufferPointer { keys in
            func lowerBound(_ key: UInt64) -> Int {
                var a = 0, b = keys.count
                while a < b { let mid = (a + b) / 2; if keys[mid] < key { a = mid + 1 } else { b = mid } }
                return a
            }
            return lowerBound(lo)..<lowerBound(hi)
        }
    }

    /// The occurrences of a range of pairs, ascending: one pair's where they lie, several merged.
    func occurrences(ofPairs pairs: Range<Int>) -> FlatArray<UInt32> {
        if let usage, !usage.verified(pairs: pairs, of: self) { return [] }
        if pairs.count == 1 {
            return pairOccurrences.view(pairStart[pairs.lowerBound]..<pairStart[pairs.lowerBound + 1])
        }
        var all: [UInt32] = []
        all.reserveCapacity(max(0, pairStart[pairs.upperBound] - pairStart[pairs.lowerBound]))
        for p in pairs { pairOccurrences.append(pairStart[p]..<pairStart[p + 1], to: &all) }
        all.sort()
        return FlatArray(all)
    }

    /// Occurrences (ascending) as entries with their best field rank: entry << 3 | rank.
    static func bestPerEntry(_ list: UnsafeBufferPointer<UInt32>, shift: UInt32) -> [UInt32] {
        // Written in place (at most one per occurrence): appending one by one checked the array's room each time.
        [UInt32](unsafeUninitializedCapacity: list.count) { out, written in
            var last = UInt32.max, k = -1
            for v in list {
                let e = v >> shift, r = v & 7
                if e != last {
                    k += 1
                    out[k] = e << 3 | r
                    last = e
                } else if r < out[k] & 7 {
                    out[k] = e << 3 | r
                }
            }
            written = k + 1
        }
    }

    /// Whether an ascending list of occurrences has one in entry `e`.
    static func holds(_ list: FlatArray<UInt32>, entry e: UInt32, shift: UInt32) -> Bool {
        var a = list.startIndex, b = list.endIndex
        while a < b { let mid = (a + b) / 2; if list[mid] >> shift < e { a = mid + 1 } else { b = mid } }
        return a < list.endIndex && list[a] >> shift == e
    }

    // MARK: Matching text

    /// The best field rank at which `term` occurs in the entry, or nil.
    func bestRank(of term: QueryPlan.Term, entry e: Int, _ scratch: inout [UInt8]) -> UInt8? {
        var best: UInt8?
        Self.forEachField(records, kind: kind(ofEntry: e), record: Int(entryRecord[e])) { field, text in
            let r = UInt8(field.rank.rawValue)
            if let b = best, b <= r { return }
            if termOccurs(term, in: text, &scratch) { best = r }
        }
        return best
    }

    enum TermMatch { case exact, stem }

    /// Whether `term` occurs in `text` as written, or (a word of one token) only as a token of its stems.
    func termMatch(_ term: QueryPlan.Term, in text: String, _ scratch: inout [UInt8]) -> TermMatch? {
        if termOccurs(term, in: text, &scratch) { return .exact }
        guard term.tokens.count == 1, !term.alternatives.isEmpty else { return nil }
        var found = false
        Tokens.forEach(in: text, scratch: &scratch) { token in
            if !found && term.alternatives.contains(where: { $0.elementsEqual(token) }) { found = true }
        }
        return found ? .stem : nil
    }

    /// Whether the term's tokens occur consecutively in `text` (shift-and over the text's tokens).
    func termOccurs(_ term: QueryPlan.Term, in text: String, _ scratch: inout [UInt8]) -> Bool {
        if term.tokens.count > 64 {
            // Longer than the state's bits: compare the text's tokens at each start (the next-token index agrees).
            var tokens: [[UInt8]] = []
            Tokens.forEach(in: text, scratch: &scratch) { tokens.append(Array($0)) }
            let n = term.tokens.count
            guard tokens.count >= n else { return false }
            return (0...(tokens.count - n)).contains { start in
                (0..<n).allSatisfy { k in
                    let want = term.tokens[k], have = tokens[start + k]
                    return term.prefixLast && k == n - 1 ? have.starts(with: want) : have == want
                }
            }
        }
        let n = term.tokens.count
        let goal: UInt64 = 1 << (n - 1)
        var state: UInt64 = 0
        var found = false
        Tokens.forEach(in: text, scratch: &scratch) { token in
            if found { return }
            var matches: UInt64 = 0
            for k in 0..<n {
                let want = term.tokens[k]
                let prefix = term.prefixLast && k == term.tokens.count - 1
                guard prefix ? token.count >= want.count : token.count == want.count else { continue }
                var equal = true
                for i in 0..<want.count where token[i] != want[i] { equal = false; break }
                if equal { matches |= 1 << k }
            }
            state = ((state << 1) | 1) & matches
            if state & goal != 0 { found = true }
        }
        return found
    }
}
