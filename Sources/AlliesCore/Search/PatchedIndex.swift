// Search right after a change, without waiting for a whole new index (#17). At a million alliances the index takes
// 35–43 s to build, and the explorer builds it again after every saved edit; search used to wait for it. A patched
// index answers meanwhile: the index of the dataset before the change, with the records the change touched left out
// of it, and a small index of those records as they are now, read with the rest of the new dataset (a party's name,
// a quote's article). Its answers are the new dataset's own index's: the same matches, counts and order (entries
// newest first, then kind and position), which `PatchedIndexTests` holds for random edits.

/// A query's answer as a screen shows it: how many matched, of which kinds, and the best results built.
public struct SearchAnswer: Sendable {
    public let total: Int
    public let countByKind: [SearchResult.Kind: Int]
    public let results: [SearchResult]
    public static let empty = SearchAnswer(total: 0, countByKind: [:], results: [])
}

/// What answers queries on a dataset: its own index, or the index of an earlier version patched (`PatchedIndex`).
public protocol DatasetSearch: AnyObject, Sendable {
    /// The dataset queries are parsed against (`with:` names its companies).
    var catalog: Catalog { get }
    func answer(_ query: Query, limit: Int) -> SearchAnswer
    /// The query's words that match nothing, with the nearest words of the dataset.
    func corrections(_ query: Query, limit: Int) -> [SearchIndex.Correction]
}

extension DatasetSearch {
    public func corrections(_ query: Query) -> [SearchIndex.Correction] { corrections(query, limit: 3) }
}

extension SearchIndex: DatasetSearch {
    public func answer(_ query: Query, limit: Int) -> SearchAnswer {
        let hits = hits(query, limit: limit)
        return SearchAnswer(total: hits.total, countByKind: hits.countByKind, results: results(hits))
    }
}

public final class PatchedIndex: DatasetSearch, @unchecked Sendable {
    public let catalog: Catalog
    /// The index of the dataset before the change, and its entries of the records the change touched (ascending).
    let base: SearchIndex
    let hidden: [UInt32]
    /// The records the change touched, as they are now.
    let patch: SearchIndex
    /// Positions by id of the lists the catalog has no lookup for (people, claims, share estimates).
    private let positions: [SearchResult.Kind: [String: Int]]

    /// More records touched than this (a large import, a company with most of the deals renamed) and the whole
    /// index is the better answer.
    public static let largestPatch = 200_000

    /// How many records the patch holds (those changed or added, and those whose searchable text changed with them).
    public var patchedRecords: Int { patch.entryCount }

    /// The index `base` (of an earlier version of `catalog`'s dataset, built from a catalog) patched for `catalog`;
    /// nil when the change is not one a patch can answer exactly: kept records in another order, an article's
    /// language changed (every quote of it is filed under that language's stems), more than `largestPatch` records.
    public init?(base: SearchIndex, now catalog: Catalog) {
        guard let before = base.records as? Catalog else { return nil }
        let old = before.dataset, new = catalog.dataset
        var gone: [SearchResult.Kind: Set<Int>] = [:], now: [SearchResult.Kind: Set<Int>] = [:]
        func note<T: Identifiable<String> & Equatable>(_ kind: SearchResult.Kind, _ a: [T], _ b: [T]) -> Bool {
            guard let change = Self.changedPositions(a, b) else { return false }
            gone[kind, default: []].formUnion(change.gone)
            now[kind, default: []].formUnion(change.now)
            return true
        }
        guard note(.company, old.companies, new.companies), note(.alliance, old.alliances, new.alliances),
            note(.person, old.people, new.people), note(.claim, old.claims, new.claims),
            note(.article, old.articles, new.articles), note(.share, old.shareEstimates, new.shareEstimates)
        else { return nil }

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
        guard now.values.reduce(0, { $0 + $1.count }) <= Self.largestPatch else { return nil }

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
        self.base = base
        self.catalog = catalog
        patch = SearchIndex(catalog, positionBits: nil, only: now.mapValues { $0.sorted() })
        positions = [
            .person: Dictionary(new.people.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a }),
            .claim: Dictionary(new.claims.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a }),
            .share: Dictionary(new.shareEstimates.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a }),
        ]
    }

    /// The positions in `old` of the records removed or changed, and in `new` of those changed or added; nil when
    /// the records both hold are not in the same order in both.
    static func changedPositions<T: Identifiable<String> & Equatable>(_ old: [T], _ new: [T]) -> (
        gone: [Int], now: [Int]
    )? {
        // The same storage: the list was not touched (an edit copies only the list it changes).
        if old.count == new.count,
            old.withUnsafeBufferPointer({ $0.baseAddress }) == new.withUnsafeBufferPointer({ $0.baseAddress })
        {
            return ([], [])
        }
        var gone: [Int] = [], now: [Int] = []
        // The usual edit changes records in place or adds some at the end: position by position, no table.
        let common = min(old.count, new.count)
        var i = 0
        while i < common && old[i].id == new[i].id {
            if old[i] != new[i] { gone.append(i); now.append(i) }
            i += 1
        }
        if i == common && new.count >= old.count { return (gone, now + Array(common..<new.count)) }
        // Records removed or put back between others: matched by id.
        gone = []; now = []
        var at: [String: Int] = [:]
        for (j, r) in old.enumerated() where at[r.id] == nil { at[r.id] = j }
        var kept = [Bool](repeating: false, count: old.count)
        var last = -1
        for (j, r) in new.enumerated() {
            guard let k = at[r.id] else { now.append(j); continue }
            guard k > last else { return nil }
            last = k
            kept[k] = true
            if old[k] != r { gone.append(k); now.append(j) }
        }
        gone += old.indices.filter { !kept[$0] }
        return (gone.sorted(), now)
    }

    public func answer(_ query: Query, limit: Int) -> SearchAnswer {
        let a = base.hits(query, limit: limit, marking: true, hidden: hidden)
        let b = patch.hits(query, limit: limit)
        // Both in the order every index gives: by bucket (rank as written, then rank through stems only), then
        // entry order, which is newest first, then kind, then position in the new dataset.
        struct Hit {
            let bucket: Int, date: Int32, kind: Int, position: Int
            let fromBase: Bool, i: Int
        }
        func hits(_ h: SearchHits, _ index: SearchIndex, fromBase: Bool) -> [Hit] {
            let d = (index.records as! Catalog).dataset
            return (0..<h.count).map { i in
                let p = h.top[i], e = Int(p >> 3)
                let kind = index.kind(ofEntry: e), record = Int(index.entryRecord[e])
                let position = fromBase ? self.position(of: kind, record, in: d) : record
                return Hit(
                    bucket: Int(p & 7) + (h.isExact(i) ? 0 : 8), date: SearchIndex.dateKey(d, kind, record),
                    kind: SearchIndex.kinds.firstIndex(of: kind)!, position: position, fromBase: fromBase, i: i)
            }
        }
        let merged = (hits(a, base, fromBase: true) + hits(b, patch, fromBase: false)).sorted { x, y in
            if x.bucket != y.bucket { return x.bucket < y.bucket }
            if x.date != y.date { return x.date > y.date }
            if x.kind != y.kind { return x.kind < y.kind }
            return x.position < y.position
        }.prefix(limit)
        let chosen = Array(merged)
        let results = InParts.flatMap(chosen.count) { range in
            range.map { chosen[$0].fromBase ? self.base.result(a, chosen[$0].i) : self.patch.result(b, chosen[$0].i) }
        }
        return SearchAnswer(
            total: a.total + b.total, countByKind: a.countByKind.merging(b.countByKind, uniquingKeysWith: +),
            results: results)
    }

    /// A record of the earlier dataset: its position in the new one (the records a patch answers for are kept, so
    /// there is one).
    private func position(of kind: SearchResult.Kind, _ record: Int, in old: Dataset) -> Int {
        switch kind {
        case .company: return catalog.companyIndex[old.companies[record].id] ?? record
        case .alliance: return catalog.allianceIndex[old.alliances[record].id] ?? record
        case .article: return catalog.articleIndex[old.articles[record].id] ?? record
        case .person: return positions[.person]?[old.people[record].id] ?? record
        case .claim: return positions[.claim]?[old.claims[record].id] ?? record
        case .share: return positions[.share]?[old.shareEstimates[record].id] ?? record
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
