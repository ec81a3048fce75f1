// A common word in one pass. A query of one word (or an OR of words), with filters and excluded words at most, that
// matches a good part of the index is answered by marking its postings into one byte per entry (the best field
// rank, and whether only a stem matched) and then counting and ranking every entry in one pass. The general path
// (QueryExecution.swift) lists the candidates, marks again for the words as written, and ranks the list: three
// passes over half a million entries for `datos`. Both give the same hits; a test compares them query by query.

extension SearchIndex {
    /// In a marked entry's byte: the best rank (bits 0–2), and bit 3 when the words as written are not in it.
    private static let stemOnlyBit: UInt8 = 8
    /// An entry an excluded word holds.
    private static let excludedMark: UInt8 = 0xFE

    /// The one-pass answer to `query`, or nil when the query is not of that shape or matches too little for a pass
    /// over every entry to pay (the general path then answers).
    func markedHits(
        _ query: Query, plan: QueryPlan, excluded: [QueryPlan.Term], limit: Int, hidden: [UInt32] = []
    ) -> SearchHits? {
        guard query.with.isEmpty, !excluded.contains(where: { $0.tokens.count > 1 }) else { return nil }
        let positive = query.groups.filter { if case .not = $0 { return false } else { return true } }
        // The word's token ranges (with its stems' tokens), those of the words as written when stems widen it (nil:
        // they do not), and for a one-letter prefix the ready best rank per entry.
        var ranges: [Range<Int>], exact: [Range<Int>]?
        var dense: FlatArray<UInt8>?
        if plan.terms.count == 1 && positive.isEmpty {
            let term = plan.terms[0]
            guard term.tokens.count == 1 else { return nil }
            let words = wordTokens(term)
            guard !words.ranges.isEmpty else { return nil }
            ranges = words.ranges
            exact = words.alternatives.isEmpty ? nil : [words.exact]
            let token = term.tokens[0]
            if term.prefixLast && token.count == 1 && usage?.verified(initial: token[0], of: self) != false {
                dense = initials[token[0]]
            }
        } else if plan.terms.isEmpty && positive.count == 1,
            let all = wordRanges(of: positive[0], query.typed, stems: true)
        {
            ranges = all
            exact = widens(positive[0], query.typed) ? wordRanges(of: positive[0], query.typed, stems: false) : nil
        } else {
            return nil
        }
        var out = excluded.map { wordTokens($0).ranges }
        for group in query.groups {
            guard case .not(let inner) = group else { continue }
            guard let ranges = wordRanges(of: inner, query.typed, stems: true) else { return nil }
            out.append(ranges)
        }
        // A single token's postings are already the list the general path needs; a rare word's list is shorter than
        // a pass over every entry.
        if dense == nil && ranges.count == 1 && ranges[0].count == 1 { return nil }
        let size = ranges.reduce(0) { $0 + postingStart[$1.upperBound] - postingStart[$1.lowerBound] }
        guard dense != nil || size >= entryCount / 16 else { return nil }

        // (`with:` is not among them: see the guard.)
        let bits: [UInt64]? =
            query.types.isEmpty && !query.hasAllianceFilter
            ? nil
            : filterBits(
                query,
                amount: query.minimumAmount != nil || query.maximumAmount != nil
                    ? amountRange(minimum: query.minimumAmount, maximum: query.maximumAmount) : nil)

        // Filters that leave few entries are cheaper listed and looked up in the word's marks (the general path).
        if let bits, Self.popcount(bits) < entryCount / 8 { return nil }

        // Two halves of the entries at once, one per core: each marks the postings of its own entries (posting
        // lists are in entry order, so a half is a slice of each) and then counts and ranks them; the halves' best
        // are merged in entry order. Every index takes this path, the tests' small ones too.
        let parts = InParts.count(for: entryCount)
        let marks = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: entryCount)
        defer { marks.deallocate() }
        let ready = dense
        let naturalRanks = Self.kinds.map { UInt8(Self.naturalRank($0).rawValue) }
        // One span per token: a token's postings are in entry order, a range of tokens' are not as a whole.
        func tokenSpans(_ tokens: [Range<Int>]) -> [Range<Int>] {
            tokens.flatMap { $0.map { postingStart[$0]..<postingStart[$0 + 1] } }
        }
        let spans = tokenSpans(ranges), exactSpans = exact.map(tokenSpans), outSpans = tokenSpans(out.flatMap { $0 })
        nonisolated(unsafe) let m = marks
        let halves = InParts.map(parts) { part in
            markAndRank(
                InParts.range(part, of: parts, count: entryCount), m, dense: ready, spans: spans, exact: exactSpans,
                out: outSpans, hidden: hidden, bits: bits, naturalRanks: naturalRanks, limit: limit)
        }
        var total = 0
        var kindCounts = [Int](repeating: 0, count: Self.kinds.count)
        var byRank = [[UInt32]](repeating: [], count: 16)
        for half in halves {
            total += half.total
            for k in kindCounts.indices { kindCounts[k] += half.kindCounts[k] }
            for b in byRank.indices where byRank[b].count < limit {
                byRank[b].append(contentsOf: half.byRank[b].prefix(limit - byRank[b].count))
            }
        }
        var countByKind: [SearchResult.Kind: Int] = [:]
        for (k, n) in kindCounts.enumerated() where n > 0 { countByKind[Self.kinds[k]] = n }
        let top = Array(byRank.joined().prefix(limit))
        return SearchHits(
            total: total, countByKind: countByKind, top: top,
            exactCount: min(top.count, byRank[..<8].reduce(0) { $0 + $1.count }), plan: plan)
    }

    /// What one part of the entries gave: its matches counted by kind, and its best `limit` of each rank.
    struct MarkedPart {
        var total = 0
        var kindCounts: [Int]
        var byRank: [[UInt32]]
    }

    /// Marks the postings of `entries` (the word's, the words as written, the excluded ones) into their bytes of
    /// `m`, then counts and ranks those entries in one pass.
    private func markAndRank(
        _ entries: Range<Int>, _ m: UnsafeMutableBufferPointer<UInt8>, dense: FlatArray<UInt8>?, spans: [Range<Int>],
        exact: [Range<Int>]?, out: [Range<Int>], hidden: [UInt32], bits: [UInt64]?, naturalRanks: [UInt8], limit: Int
    ) -> MarkedPart {
        var result = MarkedPart(
            kindCounts: [Int](repeating: 0, count: Self.kinds.count), byRank: [[UInt32]](repeating: [], count: 16))
        guard !entries.isEmpty else { return result }
        postings.withUnsafeBufferPointer { p in
            // The postings of these entries within a token's span (ascending by entry).
            func slice(_ span: Range<Int>) -> Range<Int> {
                func lowerBound(_ entry: Int) -> Int {
                    var a = span.lowerBound, b = span.upperBound
                    while a < b { let mid = (a + b) / 2; if Int(p[mid] >> 3) < entry { a = mid + 1 } else { b = mid } }
                    return a
                }
                return lowerBound(entries.lowerBound)..<lowerBound(entries.upperBound)
            }
            if let dense {
                dense.withUnsafeBufferPointer { d in
                    for e in entries { m[e] = d[e] }
                }
                if exact != nil {
                    for e in entries where m[e] != Self.noRank { m[e] |= Self.stemOnlyBit }
                }
            } else {
                for e in entries { m[e] = Self.noRank }
                if exact != nil {
                    // Every token first, as a stem (the best rank, stem-only set); then the words as written clear it.
                    for span in spans {
                        for i in slice(span) {
                            let e = Int(p[i] >> 3), k = UInt8(p[i] & 7), old = m[e]
                            m[e] = old & Self.stemOnlyBit | min(old & 7, k)
                        }
                    }
                } else {
                    for span in spans {
                        for i in slice(span) {
                            let e = Int(p[i] >> 3), k = UInt8(p[i] & 7)
                            if k < m[e] { m[e] = k }
                        }
                    }
                }
            }
            if let exact {
                for span in exact {
                    for i in slice(span) {
                        let e = Int(p[i] >> 3)
                        if m[e] != Self.noRank { m[e] &= ~Self.stemOnlyBit }
                    }
                }
            }
            for span in out {
                for i in slice(span) { m[Int(p[i] >> 3)] = Self.excludedMark }
            }
        }
        for e in hidden where entries.contains(Int(e)) { m[Int(e)] = Self.excludedMark }

        // One pass: count every match by kind, keep the best `limit` of each rank (entry order within one). Counted
        // in buffers of its own, not in the result's arrays (a check of each array per entry was most of the pass).
        // Every kind is one of `kinds` (checked when the index was read).
        var kindCounts = result.kindCounts
        var kept = [Int](repeating: 0, count: result.byRank.count)
        entryKind.withUnsafeBufferPointer { kinds in
            kindCounts.withUnsafeMutableBufferPointer { counts in
                kept.withUnsafeMutableBufferPointer { kept in
                    naturalRanks.withUnsafeBufferPointer { natural in
                        for e in entries {
                            let mark = m[e]
                            if mark >= Self.excludedMark { continue }
                            if let bits, bits[e >> 6] >> UInt64(e & 63) & 1 == 0 { continue }
                            let kind = Int(kinds[e])
                            counts[kind] += 1
                            var rank = mark & 7
                            if rank == 7 { rank = natural[kind] }
                            let bucket = Int(rank | mark & Self.stemOnlyBit)
                            if kept[bucket] < limit {
                                kept[bucket] += 1
                                result.byRank[bucket].append(UInt32(e) << 3 | UInt32(rank))
                            }
                        }
                    }
                }
            }
        }
        result.kindCounts = kindCounts
        result.total = kindCounts.reduce(0, +)
        return result
    }
}
