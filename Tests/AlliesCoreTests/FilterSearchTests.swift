@testable import AlliesCore
import AlliesGenerator
import Testing

/// Filters (`kind:`, `status:`, `year:`, `amount:`, `type:`, `with:`) are answered from bitsets, year runs and an
/// amount order; these tests hold their totals, counts by kind and result order to a brute-force scan of a generated
/// dataset's records, alone, with each other, with words and with excluded words.
@Suite("Search filters")
struct FilterSearchTests {
    static let catalog = Catalog(try! DatasetGenerator(companies: 60, alliances: 3000, seed: 23).dataset())
    static let index = SearchIndex(catalog)
    static let words = PhraseSearchTests.Oracle(index)

    /// The largest amount in USD of an alliance, straight from its record (nil: none).
    static func largestUSD(_ a: Alliance) -> Double? {
        a.amounts.filter { $0.currency == "USD" }.map(\.totalValue).max()
    }

    /// What `query` must find, by reading every entry's record: entry << 3 | rank in result order, counts by kind.
    static func expected(_ query: Query) -> (top: [UInt32], byKind: [SearchResult.Kind: Int]) {
        let d = catalog.dataset
        let tokenize = { (word: String) in Tokens.of(word) }
        // Words match through their stems too; quoted phrases only as written.
        let terms = query.words.enumerated().map { i, w in
            (tokenize(w), query.lastWordIsPrefix && i == query.words.count - 1)
        }
        let wanted =
            terms.filter { !$0.0.isEmpty }.map { words.accepted($0.0, prefixLast: $0.1) }
            + query.phrases.map(tokenize).filter { !$0.isEmpty }.map { words.exact($0, prefixLast: false) }
        let exact = terms.filter { !$0.0.isEmpty }.compactMap { words.widened($0.0, prefixLast: $0.1) }
        let unwanted = query.excluded.map(tokenize).filter { !$0.isEmpty }.map { words.accepted($0, prefixLast: false) }
        let alliancesOnly =
            !query.kinds.isEmpty || !query.statuses.isEmpty || !query.with.isEmpty || query.years != nil
            || query.minimumAmount != nil || query.maximumAmount != nil
        var found: [UInt32] = []
        var stemOnly = Set<UInt32>()
        var byKind: [SearchResult.Kind: Int] = [:]
        for e in 0..<index.entryCount {
            let kind = index.kind(ofEntry: e), record = Int(index.entryRecord[e])
            if !query.types.isEmpty && !query.types.contains(kind) { continue }
            if alliancesOnly {
                guard kind == .alliance else { continue }
                let a = d.alliances[record]
                if !query.kinds.isEmpty && !query.kinds.contains(a.kind) { continue }
                if !query.statuses.isEmpty && !query.statuses.contains(a.status) { continue }
                if let years = query.years, !(a.date.map { years.contains($0.value.year) } ?? false) { continue }
                if query.minimumAmount != nil || query.maximumAmount != nil {
                    guard let usd = largestUSD(a) else { continue }
                    if let m = query.minimumAmount, usd < m { continue }
                    if let m = query.maximumAmount, usd > m { continue }
                }
                if !query.with.allSatisfy({ (catalog.alliancesByCompany[$0] ?? []).contains(record) }) { continue }
            }
            var best: UInt8 = 7
            var all = true
            for term in wanted {
                guard let r = words.rank(term, entry: e) else { all = false; break }
                best = min(best, r)
            }
            guard all, unwanted.allSatisfy({ words.rank($0, entry: e) == nil }) else { continue }
            if best == 7 { best = UInt8(SearchIndex.naturalRank(kind).rawValue) }
            found.append(UInt32(e) << 3 | UInt32(best))
            if exact.contains(where: { words.rank([$0], entry: e) == nil }) { stemOnly.insert(UInt32(e)) }
            byKind[kind, default: 0] += 1
        }
        func key(_ p: UInt32) -> (Int, UInt32, UInt32) { (stemOnly.contains(p >> 3) ? 1 : 0, p & 7, p >> 3) }
        found.sort { key($0) < key($1) }
        return (found, byKind)
    }

    @discardableResult
    static func check(
        _ input: String, limit: Int = 50, index: SearchIndex = FilterSearchTests.index,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> Int {
        let query = try! Query.parse(input, catalog: catalog).get()
        let hits = index.hits(query, limit: limit)
        let want = expected(query)
        #expect(hits.total == want.top.count, "\(input)", sourceLocation: sourceLocation)
        #expect(hits.countByKind == want.byKind, "\(input)", sourceLocation: sourceLocation)
        #expect(hits.top == Array(want.top.prefix(limit)), "\(input)", sourceLocation: sourceLocation)
        return want.top.count
    }

    /// Years and amounts that occur in the data, and its busiest company.
    static let years = Set(catalog.dataset.alliances.compactMap { $0.date?.value.year }).sorted()
    static let amounts = catalog.dataset.alliances.compactMap(largestUSD).sorted()
    static let hub = catalog.alliancesByCompany.max { ($0.value.count, $1.key) < ($1.value.count, $0.key) }!.key

    @Test func theDataHasWhatTheFiltersNeed() {
        let d = Self.catalog.dataset
        #expect(Set(d.alliances.map(\.kind)).count == AllianceKind.allCases.count)
        #expect(Set(d.alliances.map(\.status)).count == AllianceStatus.allCases.count)
        #expect(Self.years.count >= 3)
        #expect(d.alliances.contains { $0.date == nil })  // undated alliances
        #expect(Self.amounts.count > 500 && Self.amounts.count < d.alliances.count)  // some without USD
        #expect(d.alliances.contains { !$0.amounts.isEmpty && Self.largestUSD($0) == nil })  // other currencies only
    }

    @Test func eachFilterAloneIsExact() {
        for k in AllianceKind.allCases { #expect(Self.check("kind:\(k.rawValue)") > 0) }
        for s in AllianceStatus.allCases { #expect(Self.check("status:\(s.rawValue)") > 0) }
        for y in Self.years { #expect(Self.check("year:\(y)") > 0) }
        Self.check("year:1950")
        Self.check("year:\(Self.years.first!)..\(Self.years.last!)")
        Self.check("year:\(Self.years[1])..\(Self.years[Self.years.count - 2])")
        for t in SearchResult.Kind.allCases { Self.check("type:\(t.rawValue)") }
        Self.check("type:company|person")
        Self.check("type:alliance|article|claim", limit: 5000)
        Self.check("with:\(Self.hub)")
    }

    @Test func amountsAtEveryThresholdAndSuffix() {
        let median = Self.amounts[Self.amounts.count / 2], top = Self.amounts.last!, least = Self.amounts.first!
        for op in [">", ">=", "<", "<=", "="] {
            for value in [median, top, least, least / 2, top * 2, Self.amounts[Self.amounts.count / 10]] {
                Self.check("amount:\(op)\(value)")
            }
        }
        for text in [
            ">1B", ">10B", "<1B", ">=500M", "<=500M", "<10M", ">250K", "<1K", "10K", "=1B", ">0", "<=0", ">1.5B", "$2B",
            "<0.5T", ">1T",
        ] {
            Self.check("amount:\(text)")
        }
        // The smallest and largest values that occur, where a slice is most of the order and its complement is set
        // instead, and values with many alliances at them.
        let distinct = Set(Self.amounts).sorted()
        #expect(distinct.count > 10)
        for value in distinct.prefix(3) + distinct.suffix(3) {
            for op in [">", ">=", "<", "<=", ""] { Self.check("amount:\(op)\(value)") }
        }
        // Exactly at a value that occurs, from both sides.
        #expect(Self.check("amount:\(median)") > 0)
        #expect(Self.check("amount:>=\(median)") == Self.amounts.filter { $0 >= median }.count)
        #expect(Self.check("amount:<=\(median)") == Self.amounts.filter { $0 <= median }.count)
    }

    @Test func filtersTogether() {
        let y = Self.years[Self.years.count / 2]
        let queries = [
            "amount:>10B kind:acquisition", "kind:investment status:in-talks", "kind:investment kind:energy",
            "status:active status:ended year:\(y)", "kind:partnership year:\(y)..\(Self.years.last!) amount:<1B",
            "status:announced amount:>=100M amount:<=1B", "type:alliance kind:energy", "type:company kind:energy",
            "type:company|alliance year:\(y)", "with:\(Self.hub) kind:investment",
            "with:\(Self.hub) amount:>1B status:completed",
            "with:\(Self.hub) year:\(y)", "type:person with:\(Self.hub)", "kind:chip-supply status:rumoured year:1950",
        ]
        for q in queries { Self.check(q) }
        Self.check("kind:investment status:in-talks", limit: 100_000)  // the whole list, in order
    }

    @Test func filtersWithWordsPhrasesAndExclusions() {
        let y = Self.years[Self.years.count / 2]
        let queries = [
            "nube kind:investment", "a kind:partnership", "acuerdo status:announced year:\(y)..\(Self.years.last!)",
            "inv amount:>1B", "de amount:>1B", "de amount:<100M kind:energy",
            "\"centros de datos\" kind:cloud-contract",
            "\"acuerdo de\" amount:>=1B", "kind:investment -nube", "status:active -de", "-nube", "-de -la",
            "year:\(y) -acuerdo-de", "amount:>1B -\(Self.words.names[0])", "type:company a",
            "type:company|article e -la",
            "with:\(Self.hub) nube", "with:\(Self.hub) -de amount:>100M", "cloud -nube kind:cloud-contract",
            "de amount:>10B kind:acquisition", "de la amount:>=\(Self.amounts[Self.amounts.count - 3])",
        ]
        for q in queries { Self.check(q) }
        // Words in a few entries and in a few hundred, with filters that keep some of them or none.
        var entries: [Int: Set<Int>] = [:]
        for (e, fields) in Self.words.fields.enumerated() {
            for field in fields { for t in field.tokens { entries[t, default: []].insert(e) } }
        }
        let rare = entries.filter { (2...4).contains($0.value.count) }.keys.sorted().prefix(15)
        let middling = entries.filter { (100...400).contains($0.value.count) }.keys.sorted().prefix(15)
        #expect(rare.count == 15 && middling.count == 15)
        for (n, t) in (rare + middling).enumerated() {
            let word = Self.words.names[t]
            let filter = [
                "kind:investment", "status:active", "year:\(Self.years[n % Self.years.count])", "amount:>100M",
                "amount:<=1B type:alliance", "type:company|person",
            ][n % 6]
            Self.check(word + " " + filter + " ")
            Self.check("kind:partnership -" + word)
        }
        Self.check("de kind:investment", limit: 100_000)
    }

    /// Random conjunctions of every filter and a few words, against the scan.
    @Test func randomCombinationsEqualTheScan() {
        var random = SplitMix64(seed: 99)
        func pick<T>(_ xs: [T]) -> T { xs[Int(random.next() % UInt64(xs.count))] }
        let words = ["nube", "de", "acuerdo", "a", "inv", "cloud", "datos", "\"acuerdo de\"", "la"]
        let amounts = [
            ">1B", "<1B", ">=100M", "<=50M", ">10B", "\(pick(Self.amounts))", ">\(pick(Self.amounts))",
            "<\(pick(Self.amounts))",
        ]
        var matched = 0
        for _ in 0..<150 {
            var parts: [String] = []
            if random.next() % 2 == 0 { parts.append("kind:" + pick(AllianceKind.allCases).rawValue) }
            if random.next() % 3 == 0 { parts.append("kind:" + pick(AllianceKind.allCases).rawValue) }
            if random.next() % 2 == 0 { parts.append("status:" + pick(AllianceStatus.allCases).rawValue) }
            if random.next() % 3 == 0 {
                let a = pick(Self.years), b = pick(Self.years)
                parts.append(random.next() % 2 == 0 ? "year:\(a)" : "year:\(min(a, b))..\(max(a, b))")
            }
            if random.next() % 2 == 0 { parts.append("amount:" + pick(amounts)) }
            if random.next() % 4 == 0 { parts.append("type:" + pick(["alliance", "company", "alliance|claim"])) }
            if random.next() % 6 == 0 { parts.append("with:" + Self.hub) }
            if random.next() % 3 == 0 { parts.append(pick(words)) }
            if random.next() % 4 == 0 { parts.append("-" + pick(["nube", "de", "acuerdo"])) }
            if parts.isEmpty { parts.append("kind:energy") }
            parts.shuffle(using: &random)
            if Self.check(parts.joined(separator: " "), limit: 1 + Int(random.next() % 60)) > 0 { matched += 1 }
        }
        #expect(matched > 60)
    }

    /// The structures themselves, against the records.
    @Test func bitsetsRunsAndAmountOrderHoldTheRecords() {
        let x = Self.index, f = x.filters, d = Self.catalog.dataset
        #expect(f.width == (x.entryCount + 63) / 64 && f.bits.count == f.width * FilterIndex.slots)
        func has(_ slot: Int, _ e: Int) -> Bool { f.bits[slot * f.width + e >> 6] >> UInt64(e & 63) & 1 != 0 }
        var runs: [(year: Int16, start: UInt32)] = []
        for e in 0..<x.entryCount {
            let kind = x.kind(ofEntry: e)
            for (k, t) in SearchResult.Kind.allCases.enumerated() {
                #expect(has(FilterIndex.typeSlot + k, e) == (t == kind))
            }
            guard kind == .alliance else {
                #expect(!(0..<FilterIndex.slots).dropFirst(FilterIndex.kindSlot).contains { has($0, e) })
                continue
            }
            let a = d.alliances[Int(x.entryRecord[e])]
            for (k, value) in AllianceKind.allCases.enumerated() {
                #expect(has(FilterIndex.kindSlot + k, e) == (a.kind == value))
            }
            for (s, value) in AllianceStatus.allCases.enumerated() {
                #expect(has(FilterIndex.statusSlot + s, e) == (a.status == value))
            }
            #expect(has(FilterIndex.amountSlot, e) == (Self.largestUSD(a) != nil))
            let year = Int16(a.date?.value.year ?? -1)
            if runs.last?.year != year { runs.append((year, UInt32(e))) }
        }
        #expect(Array(f.runYear) == runs.map(\.year) && Array(f.runStart) == runs.map(\.start))
        #expect(Set(f.runYear).count == f.runYear.count)  // newest first: one run per year
        let values = f.amountOrder.map { Self.largestUSD(d.alliances[Int(x.entryRecord[Int($0)])])! }
        #expect(f.amountOrder.count == Self.amounts.count && values == Self.amounts)
        #expect(
            zip(f.amountOrder, f.amountOrder.dropFirst()).allSatisfy { a, b in
                let va = x.allianceLargestUSD[Int(x.entryRecord[Int(a)])],
                    vb = x.allianceLargestUSD[Int(x.entryRecord[Int(b)])]
                return va < vb || (va == vb && a < b)
            })
        // Memory: a bit per entry per slot, four bytes per alliance with an amount, and the runs.
        #expect(f.memoryBytes == f.width * 8 * FilterIndex.slots + Self.amounts.count * 4 + runs.count * 6)
    }

    @Test func theFiltersRoundTripThroughASnapshot() throws {
        let copy = try #require(storeRoundTrip(Self.index, catalog: Self.catalog))
        #expect(copy.filters == Self.index.filters)
        for q in ["kind:investment", "amount:>1B status:active", "year:\(Self.years.last!) -de", "nube amount:<1B"] {
            Self.check(q, index: copy)
        }

        // A bit past the last entry, an amount order out of order, or one of an entry that is not an alliance
        // would give totals of entries that do not exist or a binary search over unsorted values: refused.
        let f = Self.index.filters
        var padded = Array(f.bits)
        if Self.index.entryCount & 63 != 0 { padded[f.width - 1] |= 1 << 63 }
        var swapped = Array(f.amountOrder)
        let i = try #require(swapped.indices.dropLast().first { Self.value(swapped[$0]) < Self.value(swapped[$0 + 1]) })
        swapped.swapAt(i, i + 1)
        var foreign = Array(f.amountOrder)
        foreign[0] = UInt32(
            try #require((0..<Self.index.entryCount).first { Self.index.kind(ofEntry: $0) != .alliance }))
        var damaged = [
            FilterIndex(
                width: f.width, bits: f.bits, runYear: f.runYear,
                runStart: f.runStart, amountOrder: FlatArray(swapped)),
            FilterIndex(
                width: f.width, bits: f.bits, runYear: f.runYear, runStart: f.runStart,
                amountOrder: FlatArray(foreign)),
            FilterIndex(
                width: f.width, bits: f.bits, runYear: f.runYear, runStart: FlatArray(f.runStart.reversed()),
                amountOrder: f.amountOrder),
            FilterIndex(
                width: f.width, bits: FlatArray(Array(f.bits.dropLast())), runYear: f.runYear, runStart: f.runStart,
                amountOrder: f.amountOrder),
        ]
        if Self.index.entryCount & 63 != 0 {
            damaged.append(
                FilterIndex(
                    width: f.width, bits: FlatArray(padded), runYear: f.runYear, runStart: f.runStart,
                    amountOrder: f.amountOrder))
        }
        #expect(Self.index.entryCount & 63 != 0)  // so the padding case is tried
        for filters in damaged {
            let x = Self.index
            let bad = SearchIndex(
                catalog: Self.catalog, entryKind: x.entryKind, entryRecord: x.entryRecord,
                allianceEntry: x.allianceEntry, tokenBytes: x.tokenBytes, tokenStart: x.tokenStart,
                postingStart: x.postingStart, postings: x.postings, initials: x.initials,
                pairKeys: x.pairKeys, pairStart: x.pairStart, pairOccurrences: x.pairOccurrences,
                positionBits: x.positionBits, longEntries: x.longEntries, stemKeyBytes: x.stemKeyBytes,
                stemKeyStart: x.stemKeyStart, stemTokenStart: x.stemTokenStart, stemTokens: x.stemTokens,
                allianceKind: x.allianceKind,
                allianceStatus: x.allianceStatus, allianceYear: x.allianceYear,
                allianceLargestUSD: x.allianceLargestUSD, filters: filters)
            #expect(storeRoundTrip(bad, catalog: Self.catalog) == nil)
            // Opened for queries, the amount order (a random read per alliance) is checked at the first `amount:`
            // filter: the store is found damaged then, and the filter matches nothing.
            if let opened = storeRoundTrip(bad, catalog: Self.catalog, thorough: false) {
                #expect(opened.usage?.damaged == false)
                #expect(opened.hits(try Query.parse("amount:>1B", catalog: nil).get()).total == 0)
                #expect(opened.usage?.damaged == true)
            }
        }
    }

    static func value(_ entry: UInt32) -> Double { index.allianceLargestUSD[Int(index.entryRecord[Int(entry)])] }
}
