// Ready answers for a query's filters (`type:`, `kind:`, `status:`, `year:`, `amount:`): bitsets over entry numbers,
// so that a filter costs a few thousand words ANDed and counted instead of a pass over every entry. A bitset is
// one bit per entry (172 KB at 1.38 million entries); one per value of a filter is smaller than a list of entry
// numbers per value whenever a filter has fewer than 32 values (kinds: 9, statuses: 7), and intersecting two is a
// word-wise AND. Years need no bitsets: entries are numbered newest first, so the alliances of one year are one run of
// entry numbers (other kinds of entry lie between, and the alliance bitset removes them). Amounts are arbitrary
// thresholds, so they are a permutation of the alliances by amount: a range of amounts is a binary search, then the
// bits of its slice (or of the rest, when that is shorter).

struct FilterIndex: Sendable, Equatable {
    /// 64-bit words per bitset: bit e of word e >> 6 is entry e. Bits past the last entry are 0.
    let width: Int
    /// The bitsets, `width` words each, in slots: one per kind of entry (`SearchIndex.kinds`), one per kind of
    /// alliance, one per status, and the alliances with an amount in USD.
    let bits: FlatArray<UInt64>
    /// Runs of alliances of one year, in entry order: run i starts at entry runStart[i] and holds every alliance up to
    /// the next run's start (or the last entry) with year runYear[i] (-1: undated).
    let runYear: FlatArray<Int16>
    let runStart: FlatArray<UInt32>
    /// The entries of the alliances with an amount in USD (`allianceLargestUSD` ≥ 0), by that amount, then entry.
    let amountOrder: FlatArray<UInt32>

    static let typeSlot = 0
    static let kindSlot = typeSlot + SearchResult.Kind.allCases.count
    static let statusSlot = kindSlot + AllianceKind.allCases.count
    static let amountSlot = statusSlot + AllianceStatus.allCases.count
    static let slots = amountSlot + 1

    var memoryBytes: Int {
        bits.count * 8 + runYear.count * 2 + runStart.count * 4 + amountOrder.count * 4
    }

    init(
        width: Int, bits: FlatArray<UInt64>, runYear: FlatArray<Int16>, runStart: FlatArray<UInt32>,
        amountOrder: FlatArray<UInt32>
    ) {
        self.width = width; self.bits = bits; self.runYear = runYear; self.runStart = runStart
        self.amountOrder = amountOrder
    }

    /// Built from the index's columns in one pass over the entries, and a sort of the alliances with an amount.
    init(
        entryKind: FlatArray<UInt8>, entryRecord: FlatArray<UInt32>, allianceKind: FlatArray<UInt8>,
        allianceStatus: FlatArray<UInt8>,
        allianceYear: FlatArray<Int16>, allianceLargestUSD: FlatArray<Double>
    ) {
        let total = entryKind.count
        let width = (total + 63) / 64
        var bits = [UInt64](repeating: 0, count: width * Self.slots)
        let alliance = UInt8(SearchIndex.kinds.firstIndex(of: .alliance)!)
        var runYear: [Int16] = [], runStart: [UInt32] = []
        var amounts: [(value: Double, entry: UInt32)] = []
        bits.withUnsafeMutableBufferPointer { b in
            for e in 0..<total {
                let word = e >> 6, bit: UInt64 = 1 << UInt64(e & 63)
                let k = entryKind[e]
                b[(Self.typeSlot + Int(k)) * width + word] |= bit
                guard k == alliance else { continue }
                let a = Int(entryRecord[e])
                b[(Self.kindSlot + Int(allianceKind[a])) * width + word] |= bit
                b[(Self.statusSlot + Int(allianceStatus[a])) * width + word] |= bit
                let year = allianceYear[a]
                if runYear.last != year { runYear.append(year); runStart.append(UInt32(e)) }
                let usd = allianceLargestUSD[a]
                if usd >= 0 {
                    amounts.append((usd, UInt32(e)))
                    b[Self.amountSlot * width + word] |= bit
                }
            }
        }
        amounts.sort { $0.value != $1.value ? $0.value < $1.value : $0.entry < $1.entry }
        self.init(
            width: width, bits: FlatArray(bits), runYear: FlatArray(runYear), runStart: FlatArray(runStart),
            amountOrder: FlatArray(amounts.map(\.entry)))
    }

    /// Whether the structure fits `total` entries and itself, so that no query can index out of bounds.
    func fits(entries total: Int) -> Bool {
        guard width == (total + 63) / 64, bits.count == width * Self.slots, runYear.count == runStart.count,
            zip(runStart, runStart.dropFirst()).allSatisfy({ $0 < $1 }),
            runStart.largest.map({ Int($0) < total }) ?? true,
            amountOrder.largest.map({ Int($0) < total }) ?? true
        else { return false }
        // Bits past the last entry would be counted and listed as entries that do not exist.
        guard total & 63 != 0 else { return true }
        let padding = ~UInt64(0) << UInt64(total & 63)
        return (0..<Self.slots).allSatisfy { bits[$0 * width + width - 1] & padding == 0 }
    }
}

extension SearchIndex {
    /// Positions in `amountOrder` of the alliances whose largest amount in USD is in min...max (either may be open).
    func amountRange(minimum: Double?, maximum: Double?) -> Range<Int> {
        if let usage, !usage.verifiedAmountOrder(of: self) { return 0..<0 }
        let order = filters.amountOrder
        func value(_ i: Int) -> Double { allianceLargestUSD[Int(entryRecord[Int(order[i])])] }
        func firstIndex(where past: (Double) -> Bool) -> Int {
            var lo = 0, hi = order.count
            while lo < hi { let mid = (lo + hi) / 2; if past(value(mid)) { hi = mid } else { lo = mid + 1 } }
            return lo
        }
        let lo = minimum.map { m in firstIndex { $0 >= m } } ?? 0
        let hi = maximum.map { m in firstIndex { $0 > m } } ?? order.count
        return lo..<max(lo, hi)
    }

    /// The entries a query's record filters allow (its `type:` and, for alliances, `kind:`, `status:`, `year:` and
    /// `amount:` unless `amount` is nil), as a bitset of `filters.width` words.
    func filterBits(_ query: Query, amount: Range<Int>?) -> [UInt64] {
        let width = filters.width
        var allowed =
            query.types.isEmpty ? Set(Self.kinds.indices) : Set(query.types.map { Self.kinds.firstIndex(of: $0)! })
        if query.hasAllianceFilter { allowed = allowed.intersection([Self.kinds.firstIndex(of: .alliance)!]) }
        var out = [UInt64](repeating: 0, count: width)
        filters.bits.withUnsafeBufferPointer { all in
            out.withUnsafeMutableBufferPointer { out in
                /// ORs the bitsets of `slots` (a filter's values) into `target`.
                func union(_ slots: [Int], into target: UnsafeMutableBufferPointer<UInt64>) {
                    for slot in Set(slots) {
                        let base = slot * width
                        for w in 0..<width { target[w] |= all[base + w] }
                    }
                }
                /// ANDs `out` with the union of the bitsets of `slots`.
                func intersect(_ slots: [Int]) {
                    let values = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: width)
                    defer { values.deallocate() }
                    values.initialize(repeating: 0)
                    union(slots, into: values)
                    for w in 0..<width { out[w] &= values[w] }
                }
                union(allowed.map { FilterIndex.typeSlot + $0 }, into: out)
                if !query.kinds.isEmpty {
                    intersect(query.kinds.map { FilterIndex.kindSlot + AllianceKind.allCases.firstIndex(of: $0)! })
                }
                if !query.statuses.isEmpty {
                    intersect(
                        query.statuses.map { FilterIndex.statusSlot + AllianceStatus.allCases.firstIndex(of: $0)! })
                }
                if let years = query.years {
                    // The runs of the years asked for, as ranges of entries; `out` holds alliances only, so the
                    // other entries in those ranges fall away.
                    var keep = [UInt64](repeating: 0, count: width)
                    for (i, year) in filters.runYear.enumerated() where years.contains(Int(year)) {
                        let end = i + 1 < filters.runStart.count ? Int(filters.runStart[i + 1]) : entryCount
                        Self.insert(Int(filters.runStart[i])..<end, into: &keep)
                    }
                    for w in 0..<width { out[w] &= keep[w] }
                }
                if let amount {
                    // The slice's bits, or the alliances with an amount without the rest, whichever is fewer.
                    let order = filters.amountOrder
                    var keep: [UInt64]
                    if amount.count <= order.count - amount.count {
                        keep = [UInt64](repeating: 0, count: width)
                        for i in amount { let e = Int(order[i]); keep[e >> 6] |= 1 << UInt64(e & 63) }
                    } else {
                        keep = Array(all[FilterIndex.amountSlot * width..<(FilterIndex.amountSlot + 1) * width])
                        for i in 0..<amount.lowerBound { let e = Int(order[i]); keep[e >> 6] &= ~(1 << UInt64(e & 63)) }
                        for i in amount.upperBound..<order.count {
                            let e = Int(order[i]); keep[e >> 6] &= ~(1 << UInt64(e & 63))
                        }
                    }
                    for w in 0..<width { out[w] &= keep[w] }
                }
            }
        }
        return out
    }

    /// Sets the bits of `range` (entry numbers).
    static func insert(_ range: Range<Int>, into bits: inout [UInt64]) {
        guard !range.isEmpty else { return }
        let first = range.lowerBound >> 6, last = (range.upperBound - 1) >> 6
        let low = ~UInt64(0) << UInt64(range.lowerBound & 63)
        let high = ~UInt64(0) >> UInt64(63 - ((range.upperBound - 1) & 63))
        if first == last { bits[first] |= low & high; return }
        bits[first] |= low
        for w in first + 1..<last { bits[w] = ~0 }
        bits[last] |= high
    }

    static func popcount(_ bits: [UInt64]) -> Int {
        bits.withUnsafeBufferPointer { b in b.reduce(0) { $0 + $1.nonzeroBitCount } }
    }

    /// The hits of a query answered by a bitset alone: every entry in `bits`, at its kind's natural rank. The total
    /// and the counts by kind are popcounts; the best `limit` are the first bits of each rank's kinds in turn.
    func bitsetHits(_ bits: [UInt64], limit: Int, plan: QueryPlan, textChecks: Int) -> SearchHits {
        let width = filters.width
        var countByKind: [SearchResult.Kind: Int] = [:]
        var top: [UInt32] = []
        var total = 0
        bits.withUnsafeBufferPointer { b in
            filters.bits.withUnsafeBufferPointer { all in
                for (k, kind) in Self.kinds.enumerated() {
                    let base = (FilterIndex.typeSlot + k) * width
                    var n = 0
                    for w in 0..<width { n += (b[w] & all[base + w]).nonzeroBitCount }
                    if n > 0 { countByKind[kind] = n; total += n }
                }
                // Ranks in order; within one, entry order.
                let ranks = Set(Self.kinds.map { Self.naturalRank($0).rawValue }).sorted()
                for rank in ranks where top.count < limit {
                    let bases = Self.kinds.indices.filter {
                        Self.naturalRank(Self.kinds[$0]).rawValue == rank && countByKind[Self.kinds[$0]] != nil
                    }
                    .map { (FilterIndex.typeSlot + $0) * width }
                    guard !bases.isEmpty else { continue }
                    var w = 0
                    while w < width && top.count < limit {
                        var kinds: UInt64 = 0
                        for base in bases { kinds |= all[base + w] }
                        var x = b[w] & kinds
                        while x != 0 && top.count < limit {
                            top.append(UInt32(w << 6 | x.trailingZeroBitCount) << 3 | UInt32(rank))
                            x &= x - 1
                        }
                        w += 1
                    }
                }
            }
        }
        return SearchHits(total: total, countByKind: countByKind, top: top, plan: plan, textChecks: textChecks)
    }
}
