// Search right after a change, without waiting for a whole new index (#17). At a million alliances the index takes
// 35–43 s to build, and the explorer builds it again after every saved edit; search used to wait for it. A patched
// index answers meanwhile: the index of the dataset before the change, with the records the change touched left out
// of it, and a small index of those records as they are now, read with the rest of the new dataset (a party's name,
// a quote's article). Its answers are the new dataset's own index's: the same matches, counts and order (entries
// newest first, then kind and position), which `PatchedIndexTests` holds for random edits.

/// A query's answer as a screen shows it: how many matched, of which kinds, and the best results, each built when
/// asked for. Building a result (its fields read, the one that matched chosen, its snippet) is most of a query's
/// time on a large dataset, and a screen shows a fraction of the 200 kept: the explorer builds those it draws first.
public struct SearchAnswer: Sendable {
    public let total: Int
    public let countByKind: [SearchResult.Kind: Int]
    /// The kept results' kinds, best first: known without building any.
    public let kinds: [SearchResult.Kind]
    /// Builds the kept result at a position of `kinds`.
    private let build: @Sendable (Int) -> SearchResult

    public init(
        total: Int, countByKind: [SearchResult.Kind: Int], kinds: [SearchResult.Kind],
        build: @escaping @Sendable (Int) -> SearchResult
    ) {
        self.total = total; self.countByKind = countByKind; self.kinds = kinds; self.build = build
    }

    public static let empty = SearchAnswer(total: 0, countByKind: [:], kinds: []) { _ in
        preconditionFailure("an empty answer has no results")
    }

    /// The kept results at `positions` (of `kinds`), in that order, built on both cores.
    public func results(at positions: [Int]) -> [SearchResult] {
        InParts.flatMap(positions.count) { range in range.map { build(positions[$0]) } }
    }

    /// Every kept result, best first.
    public var results: [SearchResult] { results(at: Array(kinds.indices)) }
}

/// What answers queries on a dataset: its own index, or the index of an earlier version patched (`PatchedIndex`).
public protocol DatasetSearch: AnyObject, Sendable {
    /// The dataset queries are parsed against (`with:` names its companies).
    var catalog: Catalog { get }
    /// The best `limit` results of `query`; each shows, of its fields that hold the words equally well, one in
    /// `preferring` when given (`SearchIndex.result`).
    func answer(_ query: Query, limit: Int, preferring: StemLanguage?) -> SearchAnswer
    /// The query's words that match nothing, with the nearest words of the dataset.
    func corrections(_ query: Query, limit: Int) -> [SearchIndex.Correction]
}

extension DatasetSearch {
    public func answer(_ query: Query, limit: Int) -> SearchAnswer { answer(query, limit: limit, preferring: nil) }
    public func corrections(_ query: Query) -> [SearchIndex.Correction] { corrections(query, limit: 3) }
}

extension SearchIndex: DatasetSearch {
    public func answer(_ query: Query, limit: Int, preferring: StemLanguage?) -> SearchAnswer {
        let hits = hits(query, limit: limit)
        return SearchAnswer(
            total: hits.total, countByKind: hits.countByKind,
            kinds: hits.top.map { kind(ofEntry: Int($0 >> 3)) }
        ) { self.result(hits, $0, preferring: preferring) }
    }
}

public final class PatchedIndex: DatasetSearch, @unchecked Sendable {
    public let catalog: Catalog
    /// The index of the dataset before the change, and its entries of the records the change touched (ascending).
    let base: SearchIndex
    let hidden: [UInt32]
    private let hiddenSet: Set<UInt32>
    /// The records the change touched, as they are now.
    let patch: SearchIndex
    /// Per kind: the positions of the records removed (in the dataset before) and added (in the dataset now),
    /// ascending, which place a record both hold in the dataset now.
    private let moved: [SearchResult.Kind: (removed: [Int], added: [Int])]

    /// More records touched than this (a large import, a company with most of the deals renamed) and the whole
    /// index is the better answer.
    public static let largestPatch = 200_000
    /// The records read to check that a word of the records changed is still in another's text in its language
    /// (so still filed under its stems), per word, before the patch gives up.
    static let filingChecks = 5_000

    /// How many records the patch holds (those changed or added, and those whose searchable text changed with them).
    public var patchedRecords: Int { patch.entryCount }
    /// The index the patch is of (the dataset before the change): the base of the next change's patch too.
    public var index: SearchIndex { base }

    /// The index `base` (of an earlier version of `catalog`'s dataset, built from a catalog) patched for `catalog`;
    /// nil when the change is not one a patch can answer exactly: an article's language changed (every quote of it
    /// is filed under that language's stems), a word's filing under its stems changed for records the patch does
    /// not hold (a word in a language's text for the first time, or no more, that other records hold in names),
    /// more than `largestPatch` records.
    public init?(base: SearchIndex, now catalog: Catalog) {
        guard let before = base.records as? Catalog else { return nil }
        let old = before.dataset, new = catalog.dataset
        var gone: [SearchResult.Kind: Set<Int>] = [:], now: [SearchResult.Kind: Set<Int>] = [:]
        var moved: [SearchResult.Kind: (removed: [Int], added: [Int])] = [:]
        func note<T: Identifiable<String> & Equatable>(_ kind: SearchResult.Kind, _ a: [T], _ b: [T]) {
            let change = Self.changedPositions(a, b)
            gone[kind] = Set(change.removed + change.changed.map(\.old))
            now[kind] = Set(change.added + change.changed.map(\.new))
            moved[kind] = (change.removed, change.added)
        }
        note(.company, old.companies, new.companies)
        note(.alliance, old.alliances, new.alliances)
        note(.person, old.people, new.people)
        note(.claim, old.claims, new.claims)
        note(.article, old.articles, new.articles)
        note(.share, old.shareEstimates, new.shareEstimates)

        // A quote is filed under its article's language: an article that changed it changes every record quoting it.
        for i in now[.article] ?? [] {
            let a = new.articles[i]
            if let j = before.articleIndex[a.id], old.articles[j].language != a.language { return nil }
        }
        // A company's name is in the text of its deals, of the people it employs and of the shares it holds.
        for i in now[.company] ?? [] {
            let c = new.companies[i]
            guard let j = before.companyIndex[c.id], old.companies[j].name != c.name else { continue }
            gone[.alliance, default: []].formUnion(before.alliancesByCompany[c.id] ?? [])
            now[.alliance, default: []].formUnion(catalog.alliancesByCompany[c.id] ?? [])
            gone[.person, default: []].formUnion(old.people.indices.filter { old.people[$0].organization == c.id })
            now[.person, default: []].formUnion(new.people.indices.filter { new.people[$0].organization == c.id })
            func holds(_ s: ShareEstimate) -> Bool { s.shares.contains { $0.vendor == c.id } }
            gone[.share, default: []].formUnion(old.shareEstimates.indices.filter { holds(old.shareEstimates[$0]) })
            now[.share, default: []].formUnion(new.shareEstimates.indices.filter { holds(new.shareEstimates[$0]) })
        }
        guard now.values.reduce(0, { $0 + $1.count }) <= Self.largestPatch,
            gone.values.reduce(0, { $0 + $1.count }) <= Self.largestPatch
        else { return nil }

        // The base's entries of the records gone or changed.
        var hidden: [UInt32] = (gone[.alliance] ?? []).map { base.allianceEntry[$0] }
        if gone.contains(where: { $0.key != .alliance && !$0.value.isEmpty }) {
            for e in 0..<base.entryCount {
                let kind = base.kind(ofEntry: e)
                if kind != .alliance, gone[kind]?.contains(Int(base.entryRecord[e])) == true {
                    hidden.append(UInt32(e))
                }
            }
        }
        self.hidden = hidden.sorted()
        hiddenSet = Set(hidden)
        self.base = base
        self.catalog = catalog
        self.moved = moved

        // Which words a stem reaches depends on the whole dataset: a token is filed under its stems when some record
        // holds it in English or Spanish text. The records changed must leave every filing of a token the base's
        // other records hold as it was; and the patch files its tokens as the base does, as well as by its own text.
        let hiddenEntries = Set(hidden)
        /// Whether token `t` of the base is held by a record it does not hide.
        func held(_ t: Int) -> Bool {
            base.postings[base.postingStart[t]..<base.postingStart[t + 1]].contains { !hiddenEntries.contains($0 >> 3) }
        }
        var reader = FilingReader()
        let goneFilings = reader.filings(before, gone.flatMap { kind, records in records.map { (kind, $0) } })
        reader.collecting = true
        let nowFilings = reader.filings(catalog, now.flatMap { kind, records in records.map { (kind, $0) } })
        reader.collecting = false
        let patchTokens = reader.tokens
        for filing in nowFilings.subtracting(goneFilings) {
            // Filed for the first time: only where the base has the token outside the records it hides.
            guard let t = base.tokenRange(filing.token, prefix: false).first, held(t) else { continue }
            if !base.tokens(stemKey: filing.key).contains(UInt32(t)) { return nil }
        }
        // Filings only the records changed made, of tokens no other record holds: gone with them.
        var unfiled = Set<Filing>()
        for filing in goneFilings.subtracting(nowFilings) {
            // Filed no more, unless another record still holds the token in that text.
            guard let t = base.tokenRange(filing.token, prefix: false).first, held(t) else {
                unfiled.insert(filing)
                continue
            }
            var found = false, read = 0
            for p in base.postings[base.postingStart[t]..<base.postingStart[t + 1]]
            where !hiddenEntries.contains(p >> 3) {
                read += 1
                if read > Self.filingChecks { return nil }
                let e = Int(p >> 3)
                if reader.filings(before, [(base.kind(ofEntry: e), Int(base.entryRecord[e]))]).contains(filing) {
                    found = true
                    break
                }
            }
            if !found { return nil }
        }
        // The base's filings of the patch's tokens.
        var alsoFiled: [(key: [UInt8], token: [UInt8])] = []
        var baseTokens = Set<UInt32>()
        for token in patchTokens {
            let range = base.tokenRange(token, prefix: false)
            if let t = range.first { baseTokens.insert(UInt32(t)) }
        }
        if !baseTokens.isEmpty {
            for k in 0..<base.stemKeyCount {
                for t in base.stemTokens[base.stemTokenStart[k]..<base.stemTokenStart[k + 1]]
                where baseTokens.contains(t) {
                    let filing = Filing(
                        key: Array(base.stemKeyBytes[base.stemKeyStart[k]..<base.stemKeyStart[k + 1]]),
                        token: Array(base.tokenBytes(of: Int(t))))
                    if !unfiled.contains(filing) { alsoFiled.append((filing.key, filing.token)) }
                }
            }
        }
        patch = SearchIndex(catalog, positionBits: nil, only: now.mapValues { $0.sorted() }, alsoFiled: alsoFiled)
    }

    /// A stem key and a token filed under it.
    struct Filing: Hashable {
        let key: [UInt8], token: [UInt8]
    }

    /// Reads the filings records' text makes, with stemmers of its own (the shared ones are the queries').
    struct FilingReader {
        let english = Stemmer(.english), spanish = Stemmer(.spanish)
        var words = FieldWords()
        var scratch: [UInt8] = [], accents: [UInt8] = []
        /// Every token of the records read while `collecting`, of any field.
        var tokens = Set<[UInt8]>()
        var collecting = false

        /// The filings the text of `records` (kind, position in `catalog`) makes: each token of an English or
        /// Spanish field under its stem in that language, and in Spanish under the stem of its accented spelling,
        /// as the index's stem dictionary files them.
        mutating func filings(_ catalog: Catalog, _ records: [(SearchResult.Kind, Int)]) -> Set<Filing> {
            var out = Set<Filing>()
            for (kind, i) in records {
                SearchIndex.forEachField(catalog, kind: kind, record: i) { field, text in
                    words.load(text, spelled: field.language == .spanish, &scratch, &accents)
                    for k in 0..<words.count {
                        let token = Array(words.bytes[words.starts[k]..<words.starts[k + 1]])
                        if collecting { tokens.insert(token) }
                        guard let language = field.language, token.withUnsafeBufferPointer(Stemming.isStemmable)
                        else { continue }
                        let stemmer = language == .english ? english : spanish
                        let stem = token.withUnsafeBufferPointer { stemmer.stem($0) }
                        out.insert(Filing(key: Stemming.key(language, stem: stem), token: token))
                        if language == .spanish && words.hasSpelling(k) {
                            let spelled = words.withSpelling(k) { spanish.stem($0) }
                            out.insert(Filing(key: Stemming.key(.spanish, stem: spelled), token: token))
                        }
                    }
                }
            }
            return out
        }
    }

    /// How two versions of a list differ, walking both in order: the records of one position after another that
    /// have the same id are the same record (changed or not); records skipped to find the next such pair (within
    /// `reach` of either list) were removed or added; any other difference is taken as a record removed and one
    /// added (a record moved is both, exactly answered by the patch). Positions ascending.
    static func changedPositions<T: Identifiable<String> & Equatable>(_ old: [T], _ new: [T], reach: Int = 64) -> (
        removed: [Int], added: [Int], changed: [(old: Int, new: Int)]
    ) {
        // The same storage: the list was not touched (an edit copies only the list it changes).
        if old.count == new.count,
            old.withUnsafeBufferPointer({ $0.baseAddress }) == new.withUnsafeBufferPointer({ $0.baseAddress })
        {
            return ([], [], [])
        }
        var removed: [Int] = [], added: [Int] = [], changed: [(old: Int, new: Int)] = []
        var i = 0, j = 0
        while i < old.count && j < new.count {
            if old[i].id == new[j].id {
                if old[i] != new[j] { changed.append((i, j)) }
                i += 1; j += 1
            } else if let d = (1...reach).first(where: { i + $0 < old.count && old[i + $0].id == new[j].id }) {
                removed += Array(i..<i + d)
                i += d
            } else if let d = (1...reach).first(where: { j + $0 < new.count && old[i].id == new[j + $0].id }) {
                added += Array(j..<j + d)
                j += d
            } else {
                removed.append(i); added.append(j)
                i += 1; j += 1
            }
        }
        removed += Array(i..<old.count)
        added += Array(j..<new.count)
        return (removed, added, changed)
    }

    /// Where a record of the dataset before, kept, is in the dataset now: its place among the records kept, with
    /// the records added before it counted in.
    private func position(of kind: SearchResult.Kind, _ record: Int) -> Int {
        guard let (removed, added) = moved[kind] else { return record }
        /// How many of `list` (ascending) are below `value` (or at most `value`).
        func count(_ list: [Int], below value: Int, orEqual: Bool = false) -> Int {
            var lo = 0, hi = list.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if list[mid] < value || (orEqual && list[mid] == value) { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        // Its place among the records kept, then pushed past each record added at or before it.
        let kept = record - count(removed, below: record)
        var p = kept
        while true {
            let next = kept + count(added, below: p, orEqual: true)
            if next == p { return p }
            p = next
        }
    }

    public func answer(_ query: Query, limit: Int, preferring: StemLanguage?) -> SearchAnswer {
        // The tokens a word reaches through its stems in the dataset now: the base's that a record it does not hide
        // holds, and the patch's.
        let reached: (QueryPlan.Term) -> [[UInt8]] = { term in
            var out = Set(self.patch.wordTokens(term).alternatives.map { Array(self.patch.tokenBytes(of: $0)) })
            for t in self.base.wordTokens(term).alternatives {
                let token = Array(self.base.tokenBytes(of: t))
                if out.contains(token) { continue }
                let held = self.base.postings[self.base.postingStart[t]..<self.base.postingStart[t + 1]].contains {
                    !self.hiddenSet.contains($0 >> 3)
                }
                if held { out.insert(token) }
            }
            return out.sorted { $0.lexicographicallyPrecedes($1) }
        }
        let a = base.hits(query, limit: limit, marking: true, hidden: hidden, alternatives: reached)
        let b = patch.hits(query, limit: limit, marking: true, alternatives: reached)
        // Both in the order every index gives: by bucket (rank as written, then rank through stems only), then
        // entry order, which is newest first, then kind, then position in the new dataset.
        struct Hit: Sendable {
            let bucket: Int, date: Int32, kind: Int, position: Int
            let fromBase: Bool, i: Int
        }
        func hits(_ h: SearchHits, _ index: SearchIndex, fromBase: Bool) -> [Hit] {
            let d = (index.records as! Catalog).dataset
            return (0..<h.count).map { i in
                let p = h.top[i], e = Int(p >> 3)
                let kind = index.kind(ofEntry: e), record = Int(index.entryRecord[e])
                return Hit(
                    bucket: Int(p & 7) + (h.isExact(i) ? 0 : 8), date: SearchIndex.dateKey(d, kind, record),
                    kind: SearchIndex.kinds.firstIndex(of: kind)!,
                    position: fromBase ? self.position(of: kind, record) : record, fromBase: fromBase, i: i)
            }
        }
        let merged = (hits(a, base, fromBase: true) + hits(b, patch, fromBase: false)).sorted { x, y in
            if x.bucket != y.bucket { return x.bucket < y.bucket }
            if x.date != y.date { return x.date > y.date }
            if x.kind != y.kind { return x.kind < y.kind }
            return x.position < y.position
        }.prefix(limit)
        let chosen = Array(merged)
        return SearchAnswer(
            total: a.total + b.total, countByKind: a.countByKind.merging(b.countByKind, uniquingKeysWith: +),
            kinds: chosen.map { SearchIndex.kinds[$0.kind] }
        ) {
            chosen[$0].fromBase
                ? self.base.result(a, chosen[$0].i, preferring: preferring)
                : self.patch.result(b, chosen[$0].i, preferring: preferring)
        }
    }

    /// The words neither index holds, with the nearest words of both (the base's first).
    public func corrections(_ query: Query, limit: Int) -> [SearchIndex.Correction] {
        let inPatch = Set(patch.unknownWords(query).map(\.word))
        return base.unknownWords(query).compactMap { word, token in
            guard inPatch.contains(word) else { return nil }
            var near = base.nearestTokens(to: token, limit: limit)
            for s in patch.nearestTokens(to: token, limit: limit) where !near.contains(s) { near.append(s) }
            return near.isEmpty ? nil : SearchIndex.Correction(word: word, suggestions: Array(near.prefix(limit)))
        }
    }
}
