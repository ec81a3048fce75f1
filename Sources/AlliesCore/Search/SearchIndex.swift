import Synchronization
import AlliesText

// The search engine behind `allies search` and the explorer's `/`: an inverted index from folded tokens to the
// records that hold them, built once per catalog, and a next-token index of every two consecutive tokens of a field
// with where they are, for phrases. A query intersects posting lists (smallest first), so its cost follows the
// number of matches, not the size of the dataset.

/// Where an index reads the records its results show and its phrases are checked against, by position in their
/// dataset lists: a catalog in memory, or a store's records decoded one at a time (nil when one cannot be read).
public protocol SearchRecords: AnyObject, Sendable {
    func company(at i: Int) -> Company?
    func alliance(at i: Int) -> Alliance?
    func person(at i: Int) -> Person?
    func claim(at i: Int) -> Claim?
    func article(at i: Int) -> Article?
    func shareEstimate(at i: Int) -> ShareEstimate?
    /// A company's name, or its id when there is no such company.
    func companyName(_ id: String) -> String
    /// The language code of an article, nil when there is no such article.
    func articleLanguage(_ id: String) -> String?
    /// The positions of the alliances a company is a party to, ascending.
    func alliances(ofCompany id: String) -> [Int]
}

extension Catalog: SearchRecords {
    public func company(at i: Int) -> Company? { dataset.companies[i] }
    public func alliance(at i: Int) -> Alliance? { dataset.alliances[i] }
    public func person(at i: Int) -> Person? { dataset.people[i] }
    public func claim(at i: Int) -> Claim? { dataset.claims[i] }
    public func article(at i: Int) -> Article? { dataset.articles[i] }
    public func shareEstimate(at i: Int) -> ShareEstimate? { dataset.shareEstimates[i] }
    public func articleLanguage(_ id: String) -> String? { articleIndex[id].map { dataset.articles[$0].language } }
    public func alliances(ofCompany id: String) -> [Int] { Array(alliancesByCompany[id] ?? []) }
}

/// One searchable record and the field ranks of where its words are.
public final class SearchIndex: @unchecked Sendable {
    /// Where the records are read: the catalog the index was built from, or a store's records, decoded on demand.
    let records: any SearchRecords
    /// The catalog the index was built from or opened with. Only an index opened to answer one query from a store
    /// (`DatasetStore.openForQuery`) has none: it reads its records one at a time.
    public var catalog: Catalog {
        guard let catalog = records as? Catalog else {
            preconditionFailure("an index opened for queries has no catalog")
        }
        return catalog
    }
    /// For an index whose large arrays are read in place from a store: the parts checked so far, and whether a check
    /// failed (nil for an index built in memory, whose arrays are right by construction).
    let usage: UseChecks?

    // Entries are every company, alliance, person, claim and article, numbered newest first (undated last, then in
    // dataset order). Results are ranked by field, then date, so within one field rank ascending entry numbers are
    // already the result order and ranking needs no sort.
    let entryKind: FlatArray<UInt8>  // index into SearchResult.Kind.allCases
    let entryRecord: FlatArray<UInt32>  // position in its dataset array
    let allianceEntry: FlatArray<UInt32>  // alliance position → entry number

    // The token dictionary in byte order: token i is tokenBytes[tokenStart[i]..<tokenStart[i + 1]].
    let tokenBytes: FlatArray<UInt8>
    let tokenStart: FlatArray<Int>
    // Token i's postings are postings[postingStart[i]..<postingStart[i + 1]]: entry << 3 | best field rank, ascending.
    let postingStart: FlatArray<Int>
    let postings: FlatArray<UInt32>
    /// Best field rank per entry (0xFF: none) for the frequent one-letter prefixes. While a word is being typed its
    /// first letter alone matches most of the dataset; a ready answer keeps that keystroke inside a frame.
    let initials: [UInt8: FlatArray<UInt8>]

    // The next-token index: every two consecutive tokens of one field, and where. Pair i is token pairKeys[i] >> 32
    // followed by token pairKeys[i] & 0xFFFF_FFFF (token numbers, so the pairs of one first token whose second token
    // starts with a prefix are a range); its occurrences are pairOccurrences[pairStart[i]..<pairStart[i + 1]], each
    // entry << (positionBits + 3) | position << 3 | field rank, ascending. The position is the ordinal of the pair's
    // first token among all the tokens of the entry's fields (in `forEachField` order), so a phrase of n tokens is
    // n - 1 pairs at consecutive positions, and pairs at consecutive positions are always in one field (a pair never
    // spans two). A position that does not fit is stored as `unknownPosition`; a phrase is checked against the text
    // of such an entry instead.
    let pairKeys: FlatArray<UInt64>
    let pairStart: FlatArray<Int>
    let pairOccurrences: FlatArray<UInt32>
    let positionBits: Int
    /// Entries with an occurrence at `unknownPosition`, ascending.
    let longEntries: FlatArray<UInt32>

    // The stem dictionary (Stemmer.swift): stem key k is stemKeyBytes[stemKeyStart[k]..<stemKeyStart[k + 1]], keys
    // in byte order; the tokens filed under it are stemTokens[stemTokenStart[k]..<stemTokenStart[k + 1]], ascending.
    let stemKeyBytes: FlatArray<UInt8>
    let stemKeyStart: FlatArray<Int>
    let stemTokenStart: FlatArray<Int>
    let stemTokens: FlatArray<UInt32>

    // Alliance columns for the filters, by alliance position.
    let allianceKind: FlatArray<UInt8>
    let allianceStatus: FlatArray<UInt8>
    let allianceYear: FlatArray<Int16>  // -1: undated
    let allianceLargestUSD: FlatArray<Double>  // -1: no amount in USD
    /// The filters' bitsets, year runs and amount order (SearchFilters.swift).
    let filters: FilterIndex

    static let kinds = SearchResult.Kind.allCases
    static let noRank: UInt8 = 0xFF

    public var entryCount: Int { entryKind.count }
    public var tokenCount: Int { tokenStart.count - 1 }
    public var postingCount: Int { postings.count }
    public var pairCount: Int { pairKeys.count }
    public var pairOccurrenceCount: Int { pairOccurrences.count }
    var unknownPosition: UInt32 { (1 << UInt32(positionBits)) - 1 }

    /// The bytes the index's arrays hold (what it adds to memory beside the catalog).
    public var memoryBytes: Int {
        func size<T>(_ a: FlatArray<T>) -> Int { a.byteCount }
        return size(entryKind) + size(entryRecord) + size(allianceEntry) + size(tokenBytes) + size(tokenStart)
            + size(postingStart) + size(postings) + initials.values.reduce(0) { $0 + size($1) }
            + size(allianceKind) + size(allianceStatus) + size(allianceYear) + size(allianceLargestUSD)
            + size(pairKeys) + size(pairStart) + size(pairOccurrences) + size(longEntries) + filters.memoryBytes
            + size(stemKeyBytes) + size(stemKeyStart) + size(stemTokenStart) + size(stemTokens)
    }

    init(
        catalog records: any SearchRecords, entryKind: FlatArray<UInt8>, entryRecord: FlatArray<UInt32>,
        allianceEntry: FlatArray<UInt32>, tokenBytes: FlatArray<UInt8>, tokenStart: FlatArray<Int>,
        postingStart: FlatArray<Int>, postings: FlatArray<UInt32>, initials: [UInt8: FlatArray<UInt8>],
        pairKeys: FlatArray<UInt64>, pairStart: FlatArray<Int>, pairOccurrences: FlatArray<UInt32>, positionBits: Int,
        longEntries: FlatArray<UInt32>, stemKeyBytes: FlatArray<UInt8>, stemKeyStart: FlatArray<Int>,
        stemTokenStart: FlatArray<Int>, stemTokens: FlatArray<UInt32>, allianceKind: FlatArray<UInt8>,
        allianceStatus: FlatArray<UInt8>, allianceYear: FlatArray<Int16>, allianceLargestUSD: FlatArray<Double>,
        filters: FilterIndex? = nil, checksOnUse: Bool = false
    ) {
        self.stemKeyBytes = stemKeyBytes; self.stemKeyStart = stemKeyStart; self.stemTokenStart = stemTokenStart
        self.stemTokens = stemTokens
        self.records = records
        self.entryKind = entryKind; self.entryRecord = entryRecord; self.allianceEntry = allianceEntry
        self.tokenBytes = tokenBytes; self.tokenStart = tokenStart; self.postingStart = postingStart
        self.postings = postings; self.initials = initials; self.allianceKind = allianceKind
        self.allianceStatus = allianceStatus; self.allianceYear = allianceYear;
        self.allianceLargestUSD = allianceLargestUSD
        self.pairKeys = pairKeys; self.pairStart = pairStart; self.pairOccurrences = pairOccurrences
        self.positionBits = positionBits; self.longEntries = longEntries
        self.filters =
            filters
            ?? FilterIndex(
                entryKind: entryKind, entryRecord: entryRecord, allianceKind: allianceKind,
                allianceStatus: allianceStatus, allianceYear: allianceYear,
                allianceLargestUSD: allianceLargestUSD)
        self.usage = checksOnUse ? UseChecks() : nil
    }

    /// Bits for a position in the next-token index: what the entry number and field rank leave of 32.
    static func positionBits(entries: Int) -> Int {
        let entryBits = max(1, Int.bitWidth - (max(entries, 2) - 1).leadingZeroBitCount)
        return max(0, 29 - entryBits)
    }

    /// Builds the index. `progress` is called with 0…1 now and then, for a progress bar.
    public convenience init(_ catalog: Catalog, progress: ((Double) -> Void)? = nil) {
        self.init(catalog, positionBits: nil, progress: progress)
    }

    /// `positionBits` caps the bits for positions in the next-token index (tests use it to make long entries);
    /// `parts`, how many parts of the entries are tokenised at once (tests compare 1, 2, 3 and 7; nil:
    /// `InParts.count`, two).
    /// `only`: the positions of the records of each kind to index (ascending), for an index of a few records
    /// read with the rest of their dataset (`PatchedIndex`); nil indexes every record. `alsoFiled`: stem keys
    /// and tokens filed under them whatever the records' text (for an index of a few records, what the rest of the
    /// dataset files), each used when the index holds the token.
    init(
        _ catalog: Catalog, positionBits cap: Int?, parts: Int? = nil, only: [SearchResult.Kind: [Int]]? = nil,
        alsoFiled: [(key: [UInt8], token: [UInt8])] = [], progress: ((Double) -> Void)? = nil
    ) {
        self.records = catalog
        self.usage = nil
        let d = catalog.dataset

        // Entries in rank order.
        var kind: [UInt8] = [], record: [UInt32] = [], key: [Int32] = []
        let total = only.map { $0.values.reduce(0) { $0 + $1.count } } ?? Self.kinds.reduce(0) { $0 + d.count(of: $1) }
        kind.reserveCapacity(total); record.reserveCapacity(total); key.reserveCapacity(total)
        for k in Self.kinds {
            let kindIndex = UInt8(Self.kinds.firstIndex(of: k)!)
            func add(_ i: Int) {
                kind.append(kindIndex); record.append(UInt32(i)); key.append(Self.dateKey(d, k, i))
            }
            if let only { only[k]?.forEach(add) } else { (0..<d.count(of: k)).forEach(add) }
        }
        var order = Array(0..<total)
        key.withUnsafeBufferPointer { key in
            order.sort { key[$0] != key[$1] ? key[$0] > key[$1] : $0 < $1 }
        }
        entryKind = FlatArray(order.map { kind[$0] })
        entryRecord = FlatArray(order.map { record[$0] })
        let allianceKindIndex = UInt8(Self.kinds.firstIndex(of: .alliance)!)
        var allianceEntry = [UInt32](repeating: only == nil ? 0 : Self.notIndexed, count: d.alliances.count)
        for e in 0..<total where entryKind[e] == allianceKindIndex { allianceEntry[Int(entryRecord[e])] = UInt32(e) }
        self.allianceEntry = FlatArray(allianceEntry)

        // Tokens of every entry, best field per token, as (token, posting) pairs in entry order. Every token
        // occurrence also goes into `stream` as the number of the pair it closes (its token after the one before it in
        // the field) + 1 with the field rank in the top 3 bits, or 0 for a field's first token: the next-token index
        // is grouped from it afterwards, positions counted again from `entryEnd`.
        // Tokenised in two halves of the entries at once, each numbering its own tokens and pairs; the second's are
        // then numbered as the first's (`EntryTokens.append`), which gives the index one pass would.
        let parts = parts ?? InParts.count(for: total)
        let kinds = entryKind, records = entryRecord
        // Called from the first half's thread only.
        nonisolated(unsafe) let report = progress
        var tokens = InParts.map(parts) { part in
            EntryTokens(
                catalog, entries: InParts.range(part, of: parts, count: total), kind: kinds, record: records,
                progress: part == 0 ? report.map { report in { report(0.85 * $0) } } : nil)
        }
        progress?(0.85)
        for part in tokens.indices.dropFirst() {
            let next = tokens[part]
            tokens[part] = EntryTokens()
            tokens[0].append(next)
        }
        progress?(0.87)
        let interner = tokens[0].interner, counts = tokens[0].counts
        var pairTable = tokens[0].pairTable, stream = tokens[0].stream, entryEnd = tokens[0].entryEnd
        var pairToken = tokens[0].pairToken, pairPosting = tokens[0].pairPosting
        var languages = tokens[0].languages, spellings = tokens[0].spellings
        var spellingToken = tokens[0].spellingToken
        tokens = []

        // The dictionary in byte order, and the postings grouped by token (a counting sort keeps entry order).
        let sorted = interner.sortedIDs()
        var rank = [UInt32](repeating: 0, count: sorted.count)
        for (r, id) in sorted.enumerated() { rank[Int(id)] = UInt32(r) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(interner.arena.count)
        var starts: [Int] = [0]
        starts.reserveCapacity(sorted.count + 1)
        var pstart: [Int] = [0]
        pstart.reserveCapacity(sorted.count + 1)
        for id in sorted {
            bytes.append(contentsOf: interner.bytes(of: Int(id)))
            starts.append(bytes.count)
            pstart.append(pstart.last! + counts[Int(id)])
        }
        progress?(0.9)
        var cursor = Array(pstart.dropLast())
        var post = [UInt32](repeating: 0, count: pairPosting.count)
        for i in 0..<pairToken.count {
            let r = Int(rank[Int(pairToken[i])])
            post[cursor[r]] = pairPosting[i]
            cursor[r] += 1
        }
        pairToken = []; pairPosting = []

        // The stem dictionary: each stem (language byte, folded stem) with the tokens filed under it (Stemmer.swift).
        let stems = Self.stemDictionary(
            interner: interner, languages: languages, spellings: spellings, spellingToken: spellingToken,
            rank: rank, alsoFiled: alsoFiled)
        stemKeyBytes = FlatArray(stems.keyBytes); stemKeyStart = FlatArray(stems.keyStart)
        stemTokenStart = FlatArray(stems.tokenStart); stemTokens = FlatArray(stems.tokens)
        languages = []; spellings = TokenInterner(); spellingToken = []

        // The next-token index: pairs in order of their tokens' numbers, occurrences grouped by pair (a counting
        // sort again, so each pair's occurrences stay in entry and position order).
        let bits = min(cap ?? Int.max, Self.positionBits(entries: total))
        let unknown = (1 << bits) - 1
        let pairCount = pairTable.count
        var keyed = [UInt64](repeating: 0, count: pairCount)
        for p in 0..<pairCount {
            let key = pairTable.keys[p]
            keyed[p] = UInt64(rank[Int(key >> 32)]) << 32 | UInt64(rank[Int(key & 0xFFFF_FFFF)])
        }
        var pairOrder = (0..<UInt32(pairCount)).map { $0 }
        keyed.withUnsafeBufferPointer { k in pairOrder.sort { k[Int($0)] < k[Int($1)] } }
        var pairRank = [UInt32](repeating: 0, count: pairCount)
        for (r, p) in pairOrder.enumerated() { pairRank[Int(p)] = UInt32(r) }
        pairKeys = FlatArray(pairOrder.map { keyed[Int($0)] })
        pairTable = PairInterner(); keyed = []; pairOrder = []
        var pairCounts = [Int](repeating: 0, count: pairCount + 1)
        stream.forEach { v in if v & 0x1FFF_FFFF != 0 { pairCounts[Int(pairRank[Int(v & 0x1FFF_FFFF) - 1])] += 1 } }
        var pstarts = [Int](repeating: 0, count: pairCount + 1)
        for p in 0..<pairCount { pstarts[p + 1] = pstarts[p] + pairCounts[p] }
        pairCounts = []
        var pcursor = Array(pstarts.dropLast())
        var occurrences = [UInt32](repeating: 0, count: pstarts[pairCount])
        progress?(0.95)
        var begin = 0
        var long: [UInt32] = []
        for e in 0..<total {
            let end = entryEnd[e]
            let entryBits = UInt32(e) << UInt32(bits + 3)
            for i in begin..<end {
                let v = stream[i]
                guard v & 0x1FFF_FFFF != 0 else { continue }
                let r = Int(pairRank[Int(v & 0x1FFF_FFFF) - 1])
                // The pair closed by the entry's token i - begin starts at its token before.
                let position = UInt32(min(i - 1 - begin, unknown))
                if position == unknown && long.last != UInt32(e) { long.append(UInt32(e)) }
                occurrences[pcursor[r]] = entryBits | position << 3 | v >> 29
                pcursor[r] += 1
            }
            begin = end
        }
        stream = ChunkedStream(); entryEnd = []; pairRank = []; pcursor = []
        pairStart = FlatArray(pstarts)
        pairOccurrences = FlatArray(occurrences)
        positionBits = bits
        longEntries = FlatArray(long)
        tokenBytes = FlatArray(bytes)
        tokenStart = FlatArray(starts)
        postingStart = FlatArray(pstart)
        postings = FlatArray(post)

        // Alliance columns, of the alliances indexed (the others' are never read).
        let allianceKinds = AllianceKind.allCases, statuses = AllianceStatus.allCases
        var columns = (
            kind: [UInt8](repeating: 0, count: d.alliances.count),
            status: [UInt8](repeating: 0, count: d.alliances.count),
            year: [Int16](repeating: -1, count: d.alliances.count),
            usd: [Double](repeating: -1, count: d.alliances.count)
        )
        for i in only.map({ $0[.alliance] ?? [] }) ?? Array(d.alliances.indices) {
            let a = d.alliances[i]
            columns.kind[i] = UInt8(allianceKinds.firstIndex(of: a.kind)!)
            columns.status[i] = UInt8(statuses.firstIndex(of: a.status)!)
            columns.year[i] = Int16(a.date?.value.year ?? -1)
            columns.usd[i] = a.amounts.lazy.filter { $0.currency == "USD" }.map(\.totalValue).max() ?? -1
        }
        allianceKind = FlatArray(columns.kind); allianceStatus = FlatArray(columns.status)
        allianceYear = FlatArray(columns.year); allianceLargestUSD = FlatArray(columns.usd)
        filters = FilterIndex(
            entryKind: entryKind, entryRecord: entryRecord, allianceKind: allianceKind,
            allianceStatus: allianceStatus, allianceYear: allianceYear,
            allianceLargestUSD: allianceLargestUSD)

        // Dense answers for frequent one-letter prefixes.
        var initials: [UInt8: FlatArray<UInt8>] = [:]
        for letter in Array(UInt8(ascii: "0")...UInt8(ascii: "9")) + Array(UInt8(ascii: "a")...UInt8(ascii: "z")) {
            let range = Self.prefixRange([letter], bytes: bytes, starts: starts)
            guard pstart[range.upperBound] - pstart[range.lowerBound] > total / 16 else { continue }
            var dense = [UInt8](repeating: Self.noRank, count: total)
            for p in post[pstart[range.lowerBound]..<pstart[range.upperBound]] {
                let e = Int(p >> 3), r = UInt8(p & 7)
                if r < dense[e] { dense[e] = r }
            }
            initials[letter] = FlatArray(dense)
        }
        self.initials = initials
        progress?(1)
    }

    /// In `allianceEntry`: an alliance an index of a few records (`only`) does not hold.
    static let notIndexed = UInt32.max

    /// What orders entries (newest first): the record's date as yyyymmdd (a missing month or day as 0), -1 undated.
    static func dateKey(_ d: Dataset, _ kind: SearchResult.Kind, _ i: Int) -> Int32 {
        let date: PartialDate?
        switch kind {
        case .company, .person: date = nil
        case .alliance: date = d.alliances[i].date?.value
        case .claim: date = d.claims[i].date?.value
        case .article: date = d.articles[i].published
        case .share: date = d.shareEstimates[i].published
        }
        return date.map { Int32($0.year * 10_000 + ($0.month ?? 0) * 100 + ($0.day ?? 0)) } ?? -1
    }

    // MARK: What a record says

    /// One searchable text of a record: the rank of its kind of field, its name as results give it (`title.es`,
    /// `quote`), and its language, whose stems it is filed under (nil: names, ids and the like, never stemmed).
    public struct FieldText: Sendable {
        public var rank: SearchResult.Field
        /// A static string: the index build passes a million of these around, with nothing to count references of.
        let staticName: StaticString
        public var language: StemLanguage?
        public var name: String { staticName.description }
        var isID: Bool { staticName.utf8Start == Self.id.utf8Start }
        static let id: StaticString = "id"

        init(_ rank: SearchResult.Field, _ name: StaticString, _ language: StemLanguage? = nil) {
            self.rank = rank; self.staticName = name; self.language = language
        }
    }

    /// The searchable fields of a record, best-ranked kinds of field first within each group. A record the
    /// source cannot read (a damaged store) has none. Only fields of `ranks` are given, and the text of the others
    /// is not made (a party's name is a lookup; a result shown by its title needs none).
    static func forEachField<R: SearchRecords>(
        _ records: R, kind: SearchResult.Kind, record i: Int, ranks: ClosedRange<Int> = 0...7,
        _ body: (FieldText, String) -> Void
    ) {
        guard let record = EntryRecord(records, kind, i) else { return }
        forEachField(records, record, ranks: ranks, body)
    }

    /// The searchable fields of a record already read (see the other `forEachField`).
    static func forEachField<R: SearchRecords>(
        _ records: R, _ record: EntryRecord, ranks: ClosedRange<Int> = 0...7, _ body: (FieldText, String) -> Void
    ) {
        func each(_ field: FieldText, _ text: @autoclosure () -> String) {
            guard ranks.contains(field.rank.rawValue) else { return }
            let text = text()
            if !text.isEmpty { body(field, text) }
        }
        func quotes(_ sources: [SourceQuote]) {
            guard ranks.contains(SearchResult.Field.quote.rawValue) else { return }
            for s in sources {
                let language = records.articleLanguage(s.article).flatMap { StemLanguage(code: $0) }
                each(FieldText(.quote, "quote", language), s.quote)
            }
        }
        switch record {
        case .company(let c):
            each(FieldText(.name, "name"), c.name); each(FieldText(.name, FieldText.id), c.id)
            for a in c.aliases { each(FieldText(.alias, "alias"), a) }
            each(FieldText(.summary, "description.en", .english), c.description.en)
            each(FieldText(.summary, "description.es", .spanish), c.description.es)
            for p in c.products { each(FieldText(.alias, "product"), p) }
            quotes(c.sources)
        case .alliance(let a):
            each(FieldText(.title, "title.en", .english), a.title.en)
            each(FieldText(.title, "title.es", .spanish), a.title.es)
            // An alliance's id is made of its parties' (`openai-amd-2025`): ranked as its title, not as a name, so
            // that `amd` finds the company AMD before the deals that name it.
            each(FieldText(.title, FieldText.id), a.id)
            for p in a.parties { each(FieldText(.other, "party"), records.companyName(p.company)) }
            each(FieldText(.summary, "summary.en", .english), a.summary.en)
            each(FieldText(.summary, "summary.es", .spanish), a.summary.es)
            for p in a.products { each(FieldText(.other, "product"), p) }
            quotes(a.sources)
        case .person(let p):
            each(FieldText(.name, "name"), p.name)
            each(FieldText(.summary, "role.en", .english), p.role.en)
            each(FieldText(.summary, "role.es", .spanish), p.role.es)
            if let org = p.organization { each(FieldText(.other, "organization"), records.companyName(org)) }
            if let org = p.organizationName { each(FieldText(.other, "organization"), org) }
            quotes(p.sources)
        case .claim(let c):
            each(FieldText(.title, "text.en", .english), c.text.en)
            each(FieldText(.title, "text.es", .spanish), c.text.es)
            quotes(c.sources)
        case .article(let a):
            each(FieldText(.title, "title", StemLanguage(code: a.language)), a.title)
            if let outlet = a.outlet { each(FieldText(.other, "outlet"), outlet) }
            if let author = a.author { each(FieldText(.other, "author"), author) }
        case .share(let s):
            each(FieldText(.title, "market", .english), s.market)
            each(FieldText(.summary, "scope", .english), s.scope)
            each(FieldText(.other, "metric.en", .english), s.metric.described(in: .en))
            each(FieldText(.other, "metric.es", .spanish), s.metric.described(in: .es))
            for share in s.shares { each(FieldText(.other, "share"), shareText(share, records)) }
            each(FieldText(.other, "publisher"), s.publisher)
            each(FieldText(.other, "region"), s.region)
            each(FieldText(.other, "year"), String(s.year))
            quotes(s.sources)
        }
    }

    /// The record of a search entry, read once for everything a result shows of it (a stored record is decoded
    /// each time it is read).
    enum EntryRecord {
        case company(Company), alliance(Alliance), person(Person), claim(Claim), article(Article)
        case share(ShareEstimate)

        /// The record of kind `kind` at position `i`, nil when it cannot be read (a damaged store).
        init?<R: SearchRecords>(_ records: R, _ kind: SearchResult.Kind, _ i: Int) {
            switch kind {
            case .company: guard let r = records.company(at: i) else { return nil }; self = .company(r)
            case .alliance: guard let r = records.alliance(at: i) else { return nil }; self = .alliance(r)
            case .person: guard let r = records.person(at: i) else { return nil }; self = .person(r)
            case .claim: guard let r = records.claim(at: i) else { return nil }; self = .claim(r)
            case .article: guard let r = records.article(at: i) else { return nil }; self = .article(r)
            case .share: guard let r = records.shareEstimate(at: i) else { return nil }; self = .share(r)
            }
        }

        var id: String {
            switch self {
            case .company(let r): return r.id
            case .alliance(let r): return r.id
            case .person(let r): return r.id
            case .claim(let r): return r.id
            case .article(let r): return r.id
            case .share(let r): return r.id
            }
        }

        /// What a result is called: a name, an English title or claim, an estimate's market, year and publisher.
        var title: String {
            switch self {
            case .company(let r): return r.name
            case .alliance(let r): return r.title.en
            case .person(let r): return r.name
            case .claim(let r): return r.text.en
            case .article(let r): return r.title
            case .share(let s): return "\(s.market) · \(s.year) · \(s.metric.rawValue) · \(s.region) (\(s.publisher))"
            }
        }

        var date: PartialDate? {
            switch self {
            case .alliance(let r): return r.date?.value
            case .claim(let r): return r.date?.value
            case .article(let r): return r.published
            case .share(let r): return r.published
            case .company, .person: return nil
            }
        }
    }

    /// A vendor's share as search reads and shows it: `NVIDIA: more than 70%`, `AMD: 5–10%` (the figure is a word,
    /// so `70%` finds it).
    static func shareText<R: SearchRecords>(_ s: Share, _ records: R) -> String {
        let vendor = s.vendor.map { records.companyName($0) } ?? s.label
        let name =
            s.label.isEmpty || Folding.fold(s.label) == Folding.fold(vendor) ? vendor : vendor + " (" + s.label + ")"
        func number(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v) }
        let figure: String
        switch s.bound {
        case .exact: figure = number(s.value) + "%"
        case .about: figure = "about " + number(s.value) + "%"
        case .upTo: figure = "up to " + number(s.value) + "%"
        case .atLeast: figure = "at least " + number(s.value) + "%"
        case .moreThan: figure = "more than " + number(s.value) + "%"
        case .range: figure = number(s.value) + "–" + number(s.upper ?? s.value) + "%"
        }
        return name + ": " + figure
    }

    func kind(ofEntry e: Int) -> SearchResult.Kind { Self.kinds[Int(entryKind[e])] }

    // MARK: The token dictionary

    /// Tokens starting with `prefix`, as a range of token numbers.
    static func prefixRange(_ prefix: [UInt8], bytes: [UInt8], starts: [Int]) -> Range<Int> {
        bytes.withUnsafeBufferPointer { b in
            starts.withUnsafeBufferPointer { prefixRange(prefix, bytes: b, starts: $0) }
        }
    }

    static func prefixRange(_ prefix: [UInt8], bytes: FlatArray<UInt8>, starts: FlatArray<Int>) -> Range<Int> {
        bytes.withUnsafeBufferPointer { b in
            starts.withUnsafeBufferPointer { prefixRange(prefix, bytes: b, starts: $0) }
        }
    }

    /// `starts` holds n + 1 offsets into `bytes`, ascending and within it (checked when a store is opened).
    static func prefixRange(_ prefix: [UInt8], bytes b: UnsafeBufferPointer<UInt8>, starts: UnsafeBufferPointer<Int>)
        -> Range<Int>
    {
        let n = starts.count - 1
        return prefix.withUnsafeBufferPointer { p -> Range<Int> in
            // The first token not below the prefix, then the first after it that does not start with it.
            func compare(_ i: Int) -> Int {  // token i against the prefix, on the prefix's length
                let len = starts[i + 1] - starts[i]
                let m = min(len, p.count)
                for k in 0..<m where b[starts[i] + k] != p[k] { return b[starts[i] + k] < p[k] ? -1 : 1 }
                return len < p.count ? -1 : 0
            }
            var lo = 0, hi = n
            while lo < hi { let mid = (lo + hi) / 2; if compare(mid) < 0 { lo = mid + 1 } else { hi = mid } }
            let start = lo
            hi = n
            while lo < hi { let mid = (lo + hi) / 2; if compare(mid) == 0 { lo = mid + 1 } else { hi = mid } }
            return start..<lo
        }
    }

    /// The token numbers a query token matches: itself only, or every token it starts.
    func tokenRange(_ token: [UInt8], prefix: Bool) -> Range<Int> {
        let range = Self.prefixRange(token, bytes: tokenBytes, starts: tokenStart)
        let first = range.lowerBound
        let found =
            prefix || range.isEmpty
            ? range : tokenStart[first + 1] - tokenStart[first] == token.count ? first..<first + 1 : first..<first
        // Every posting set a query reads comes from a range this returns, or from a stem's tokens (checked there).
        if let usage, !usage.verified(tokens: found, of: self) { return first..<first }
        return found
    }

    public func token(_ i: Int) -> String {
        String(decoding: tokenBytes[tokenStart[i]..<tokenStart[i + 1]], as: UTF8.self)
    }
}

extension SearchIndex {
    /// The stem dictionary of an index: every stem key (`Stemming.key`) of the tokens met in English or Spanish text,
    /// in byte order, with the numbers (in dictionary order) of the tokens filed under it. A token of Spanish text is
    /// filed under the stems of its folded form and of each accented spelling met.
    static func stemDictionary(
        interner: TokenInterner, languages: [UInt8], spellings: TokenInterner, spellingToken: [UInt32],
        rank: [UInt32], alsoFiled: [(key: [UInt8], token: [UInt8])] = []
    ) -> (keyBytes: [UInt8], keyStart: [Int], tokenStart: [Int], tokens: [UInt32]) {
        let english = Stemmer(.english), spanish = Stemmer(.spanish)
        var keys = TokenInterner()
        var filed: [[UInt32]] = []
        func file(_ key: [UInt8], _ token: UInt32) {
            let k = Int(key.withUnsafeBufferPointer { keys.intern($0) })
            if k == filed.count { filed.append([]) }
            if filed[k].last != token { filed[k].append(token) }
        }
        for id in 0..<interner.count where languages[id] != 0 {
            interner.bytes(of: id).withUnsafeBufferPointer { b in
                guard Stemming.isStemmable(b) else { return }
                if languages[id] & 1 != 0 { file(Stemming.key(.english, stem: english.stem(b)), rank[id]) }
                if languages[id] & 2 != 0 { file(Stemming.key(.spanish, stem: spanish.stem(b)), rank[id]) }
            }
        }
        for s in 0..<spellings.count {
            let id = Int(spellingToken[s])
            guard interner.bytes(of: id).withUnsafeBufferPointer(Stemming.isStemmable) else { continue }
            spellings.bytes(of: s).withUnsafeBufferPointer {
                file(Stemming.key(.spanish, stem: spanish.stem($0)), rank[id])
            }
        }
        if !alsoFiled.isEmpty {
            let ids = Dictionary((0..<interner.count).map { (Array(interner.bytes(of: $0)), $0) }) { a, _ in a }
            for (key, token) in alsoFiled { if let id = ids[token] { file(key, rank[id]) } }
        }
        var keyBytes: [UInt8] = [], keyStart = [0], tokenStart = [0], tokens: [UInt32] = []
        for k in keys.sortedIDs() {
            keyBytes.append(contentsOf: keys.bytes(of: Int(k)))
            keyStart.append(keyBytes.count)
            tokens.append(contentsOf: Set(filed[Int(k)]).sorted())
            tokenStart.append(tokens.count)
        }
        return (keyBytes, keyStart, tokenStart, tokens)
    }

    /// The numbers of the tokens filed under a stem key, ascending (empty when none is).
    func tokens(stemKey key: [UInt8]) -> Slice<FlatArray<UInt32>> {
        let range = Self.prefixRange(key, bytes: stemKeyBytes, starts: stemKeyStart)
        guard !range.isEmpty, stemKeyStart[range.lowerBound + 1] - stemKeyStart[range.lowerBound] == key.count else {
            return stemTokens[0..<0]
        }
        let k = range.lowerBound
        return stemTokens[stemTokenStart[k]..<stemTokenStart[k + 1]]
    }

    public var stemKeyCount: Int { stemKeyStart.count - 1 }
}

/// One field's tokens while an index is built, and in Spanish text their accented spellings (empty when the same).
struct FieldWords {
    var bytes: [UInt8] = []
    var starts: [Int] = [0]
    var spelled: [UInt8] = []
    var spelledStarts: [Int] = [0]

    var count: Int { starts.count - 1 }

    mutating func load(_ text: String, spelled withSpellings: Bool, _ scratch: inout [UInt8], _ accents: inout [UInt8])
    {
        bytes.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        starts.append(0)
        spelled.removeAll(keepingCapacity: true)
        spelledStarts.removeAll(keepingCapacity: true)
        spelledStarts.append(0)
        if withSpellings {
            Tokens.forEach(in: text, scratch: &scratch, accents: &accents) { token, spelling in
                bytes.append(contentsOf: token)
                starts.append(bytes.count)
                if let spelling { spelled.append(contentsOf: spelling) }
                spelledStarts.append(spelled.count)
            }
        } else {
            Tokens.forEach(in: text, scratch: &scratch) { token in
                bytes.append(contentsOf: token)
                starts.append(bytes.count)
                spelledStarts.append(0)
            }
        }
    }

    func hasSpelling(_ k: Int) -> Bool { spelledStarts[k + 1] > spelledStarts[k] }

    func withSpelling<T>(_ k: Int, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        spelled.withUnsafeBufferPointer {
            body(UnsafeBufferPointer(rebasing: $0[spelledStarts[k]..<spelledStarts[k + 1]]))
        }
    }
}

/// Gives each distinct token a number, without making a String of it.
struct TokenInterner {
    private(set) var arena: [UInt8] = []
    private var starts: [Int] = [0]
    private var slots: [Int32] = Array(repeating: -1, count: 1 << 16)
    private var hashes: [UInt32] = []

    var count: Int { starts.count - 1 }

    func bytes(of id: Int) -> ArraySlice<UInt8> { arena[starts[id]..<starts[id + 1]] }

    mutating func intern(_ token: UnsafeBufferPointer<UInt8>) -> Int32 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in token { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        let hash = UInt32(truncatingIfNeeded: h ^ (h >> 32))
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while true {
            let id = slots[slot]
            if id < 0 { break }
            if hashes[Int(id)] == hash && equal(Int(id), token) { return id }
            slot = (slot + 1) & mask
        }
        let id = Int32(count)
        arena.append(contentsOf: token)
        starts.append(arena.count)
        hashes.append(hash)
        slots[slot] = id
        if count * 2 > slots.count { grow() }
        return id
    }

    private func equal(_ id: Int, _ token: UnsafeBufferPointer<UInt8>) -> Bool {
        let s = starts[id], len = starts[id + 1] - s
        guard len == token.count else { return false }
        for k in 0..<len where arena[s + k] != token[k] { return false }
        return true
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for id in 0..<count {
            var slot = Int(hashes[id]) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id)
        }
    }

    /// Token numbers in byte order of their tokens.
    func sortedIDs() -> [UInt32] {
        var ids = (0..<UInt32(count)).map { $0 }
        arena.withUnsafeBufferPointer { a in
            starts.withUnsafeBufferPointer { s in
                ids.sort { x, y in
                    let xs = s[Int(x)], xl = s[Int(x) + 1] - xs, ys = s[Int(y)], yl = s[Int(y) + 1] - ys
                    for k in 0..<min(xl, yl) where a[xs + k] != a[ys + k] { return a[xs + k] < a[ys + k] }
                    return xl < yl
                }
            }
        }
        return ids
    }
}

/// An append-only array of 32-bit words in chunks of a million, so that growing it to a hundred million words never
/// holds the old copy and a new one twice its size at once.
struct ChunkedStream {
    private var chunks: [[UInt32]] = []
    private(set) var count = 0
    private static let shift = 20

    @inline(__always)
    mutating func append(_ v: UInt32) {
        if count & ((1 << Self.shift) - 1) == 0 {
            chunks.append([])
            chunks[chunks.count - 1].reserveCapacity(1 << Self.shift)
        }
        chunks[chunks.count - 1].append(v)
        count += 1
    }

    @inline(__always)
    subscript(i: Int) -> UInt32 { chunks[i >> Self.shift][i & ((1 << Self.shift) - 1)] }

    func forEach(_ body: (UInt32) -> Void) { for c in chunks { for v in c { body(v) } } }
}

/// The tokens of a range of entries, with each token and each pair of tokens numbered in the order they are met:
/// every token occurrence in `stream` (as `SearchIndex.init` describes it), each entry's tokens with their best
/// field rank as (token, posting) pairs, per token its count of entries and languages, and the accented spellings.
struct EntryTokens {
    var interner = TokenInterner()
    var pairTable = PairInterner()
    var stream = ChunkedStream()
    /// Where each entry's tokens end in `stream`.
    var entryEnd: [Int] = []
    var pairToken: [UInt32] = [], pairPosting: [UInt32] = []
    var counts: [Int] = []
    /// Per token: 1 when it occurs in English text, 2 in Spanish text.
    var languages: [UInt8] = []
    var spellings = TokenInterner()
    var spellingToken: [UInt32] = []

    init() {}

    /// Tokenises `entries` (entry numbers of `kind` and `record`); `progress` with 0…1 of them now and then.
    init(
        _ catalog: Catalog, entries: Range<Int>, kind: FlatArray<UInt8>, record: FlatArray<UInt32>,
        progress: ((Double) -> Void)?
    ) {
        var lastEntry: [Int32] = []
        var best: [UInt8] = []
        var local: [UInt32] = []
        var scratch: [UInt8] = [], accents: [UInt8] = []
        scratch.reserveCapacity(256)
        var words = FieldWords()
        entryEnd.reserveCapacity(entries.count)
        let step = max(1, entries.count / 100)
        for e in entries {
            local.removeAll(keepingCapacity: true)
            let entry = Int32(e)
            SearchIndex.forEachField(catalog, kind: SearchIndex.kinds[Int(kind[e])], record: Int(record[e])) {
                field, text in
                let rank = UInt8(field.rank.rawValue)
                // The field's tokens first (with their accented spellings in Spanish text), then each in turn.
                words.load(text, spelled: field.language == .spanish, &scratch, &accents)
                let language: UInt8 = field.language == .english ? 1 : field.language == .spanish ? 2 : 0
                var previous: Int32 = -1
                // The field's bytes borrowed once (a call per token on `words` copied its four arrays: four retains
                // and releases per token, a fifth of the time).
                words.bytes.withUnsafeBufferPointer { bytes in
                    for k in 0..<words.count {
                        let token = UnsafeBufferPointer(rebasing: bytes[words.starts[k]..<words.starts[k + 1]])
                        let id = Int(interner.intern(token))
                        if previous < 0 {
                            stream.append(0)
                        } else {
                            let pair = pairTable.intern(UInt64(previous) << 32 | UInt64(id))
                            stream.append((UInt32(pair) + 1) | UInt32(rank) << 29)
                        }
                        previous = Int32(id)
                        if id == lastEntry.count {
                            lastEntry.append(-1); best.append(SearchIndex.noRank); counts.append(0)
                            languages.append(0)
                        }
                        if lastEntry[id] != entry {
                            lastEntry[id] = entry; best[id] = rank; local.append(UInt32(id))
                        } else if rank < best[id] {
                            best[id] = rank
                        }
                        if language != 0 { languages[id] |= language }
                        if words.hasSpelling(k) {
                            let s = Int(words.withSpelling(k) { spellings.intern($0) })
                            if s == spellingToken.count { spellingToken.append(UInt32(id)) }
                        }
                    }
                }
            }
            entryEnd.append(stream.count)
            for id in local {
                pairToken.append(id)
                pairPosting.append(UInt32(e) << 3 | UInt32(best[Int(id)]))
                counts[Int(id)] += 1
            }
            if let progress, (e - entries.lowerBound) % step == 0 {
                progress(Double(e - entries.lowerBound) / Double(entries.count))
            }
        }
    }

    /// Adds the tokens of the entries after these, renumbering its tokens and pairs as these number them.
    mutating func append(_ next: EntryTokens) {
        var token = [UInt32](repeating: 0, count: next.interner.count)
        for id in 0..<next.interner.count {
            let mine = Int(next.interner.bytes(of: id).withUnsafeBufferPointer { interner.intern($0) })
            token[id] = UInt32(mine)
            if mine == counts.count { counts.append(0); languages.append(0) }
            counts[mine] += next.counts[id]
            languages[mine] |= next.languages[id]
        }
        for s in 0..<next.spellings.count {
            let mine = Int(next.spellings.bytes(of: s).withUnsafeBufferPointer { spellings.intern($0) })
            if mine == spellingToken.count { spellingToken.append(token[Int(next.spellingToken[s])]) }
        }
        var pair = [UInt32](repeating: 0, count: next.pairTable.count)
        for (p, key) in next.pairTable.keys.enumerated() {
            pair[p] = UInt32(
                pairTable.intern(UInt64(token[Int(key >> 32)]) << 32 | UInt64(token[Int(key & 0xFFFF_FFFF)])))
        }
        let offset = stream.count
        next.stream.forEach { v in
            let number = v & 0x1FFF_FFFF
            stream.append(number == 0 ? v : (pair[Int(number) - 1] + 1) | (v & ~0x1FFF_FFFF))
        }
        entryEnd.append(contentsOf: next.entryEnd.lazy.map { $0 + offset })
        pairToken.append(contentsOf: next.pairToken.lazy.map { token[Int($0)] })
        pairPosting.append(contentsOf: next.pairPosting)
    }
}

/// Gives each distinct pair of token numbers a number.
struct PairInterner {
    private(set) var keys: [UInt64] = []
    private var slots: [Int32] = Array(repeating: -1, count: 1 << 16)

    var count: Int { keys.count }

    mutating func intern(_ key: UInt64) -> Int32 {
        var h = key &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 29
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let id = slots[slot]
            if id < 0 { break }
            if keys[Int(id)] == key { return id }
            slot = (slot + 1) & mask
        }
        let id = Int32(keys.count)
        precondition(keys.count < (1 << 29) - 1, "too many distinct pairs of tokens")
        keys.append(key)
        slots[slot] = id
        if keys.count * 2 > slots.count { grow() }
        return id
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (id, key) in keys.enumerated() {
            var h = key &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 29
            var slot = Int(truncatingIfNeeded: h) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id)
        }
    }
}

extension SearchIndex {
    /// Where the folded needles occur in `text`, as ranges of Character offsets into the original text. A match
    /// starts where a word starts (as the index matches words), except in scripts written without spaces.
    public static func spans(of needles: [String], in text: String) -> [Range<Int>] {
        // Fold, remembering which original character each folded scalar came from: scalar by scalar while each
        // is a character of its own (`Scalars.standAlone`: ASCII, Spanish with its accents and quotes, CJK), which
        // needs no grapheme breaking; character by character from the start otherwise.
        var folded: [Unicode.Scalar] = []
        var origin: [Int] = []
        folded.reserveCapacity(text.utf8.count)
        origin.reserveCapacity(text.utf8.count)
        var view = String.UnicodeScalarView()
        var eachScalarACharacter = true
        for (i, scalar) in text.unicodeScalars.enumerated() {
            let v = scalar.value
            guard Scalars.standAlone(v) else { eachScalarACharacter = false; break }
            if v < 0x80 {
                folded.append(v >= 0x41 && v <= 0x5A ? Unicode.Scalar(v + 32)! : scalar)
                origin.append(i)
            } else if Folding.unchangedByFolding(v) {
                folded.append(scalar)
                origin.append(i)
            } else if let base = Folding.latinBase(v) {
                for s in base.unicodeScalars { folded.append(s); origin.append(i) }
            } else {
                view.removeAll(keepingCapacity: true)
                Folding.appendFolded(scalar, to: &view)
                for s in view { folded.append(s); origin.append(i) }
            }
        }
        if !eachScalarACharacter {
            folded.removeAll(keepingCapacity: true)
            origin.removeAll(keepingCapacity: true)
            for (i, c) in text.enumerated() {
                // A character of one scalar, ASCII or a Latin letter with accents, needs no view of its own.
                let scalars = c.unicodeScalars
                if let first = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex {
                    let v = first.value
                    if v < 0x80 {
                        folded.append(v >= 0x41 && v <= 0x5A ? Unicode.Scalar(v + 32)! : first)
                        origin.append(i)
                        continue
                    }
                    if let base = Folding.latinBase(v) {
                        for s in base.unicodeScalars { folded.append(s); origin.append(i) }
                        continue
                    }
                }
                view.removeAll(keepingCapacity: true)
                for s in scalars { Folding.appendFolded(s, to: &view) }
                for s in view { folded.append(s); origin.append(i) }
            }
        }
        var spans: [Range<Int>] = []
        for needle in needles where !needle.isEmpty {
            let n = Array(needle.unicodeScalars)
            guard n.count <= folded.count else { continue }
            var start = 0
            while start + n.count <= folded.count {
                let atWordStart =
                    start == 0 || !Tokens.isWordScalar(folded[start - 1])
                    || Tokens.isIdeographic(folded[start].value) || !Tokens.isWordScalar(n[0])
                if atWordStart && folded[start] == n[0] && folded[start..<start + n.count].elementsEqual(n) {
                    spans.append(origin[start]..<(origin[start + n.count - 1] + 1))
                    start += n.count
                } else {
                    start += 1
                }
            }
        }
        // Merge overlaps so highlighting draws each character once.
        spans.sort { $0.lowerBound < $1.lowerBound }
        var merged: [Range<Int>] = []
        for s in spans {
            if let last = merged.last, s.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, s.upperBound)
            } else {
                merged.append(s)
            }
        }
        return merged
    }
}

// MARK: Snapshot

extension SearchIndex {
    /// Whether an amount order is of alliances (its values are read through their records), by amount: a random
    /// read per alliance with an amount, so an index opened for queries checks it at its first `amount:` filter.
    static func amountOrderFits(
        _ order: FlatArray<UInt32>, _ entryKind: FlatArray<UInt8>, _ entryRecord: FlatArray<UInt32>,
        _ largest: FlatArray<Double>
    ) -> Bool {
        let alliance = UInt8(kinds.firstIndex(of: .alliance)!)
        var previous = -Double.infinity
        for e in order {
            guard Int(e) < entryKind.count, entryKind[Int(e)] == alliance else { return false }
            let record = Int(entryRecord[Int(e)])
            guard record < largest.count else { return false }
            let usd = largest[record]
            guard usd >= 0, usd >= previous else { return false }
            previous = usd
        }
        return true
    }

    /// Writes the index's sections of a store (Store.swift).
    func write(to w: inout StoreWriter) {
        w.values(.entryKind, entryKind); w.values(.entryRecord, entryRecord); w.values(.allianceEntry, allianceEntry)
        w.values(.tokenBytes, tokenBytes); w.values(.tokenStart, tokenStart); w.values(.postingStart, postingStart)
        w.values(.postings, postings)
        let letters = initials.keys.sorted()
        w.values(.initialLetters, letters)
        w.section(.initialRanks) { b in
            for letter in letters {
                self.initials[letter]!.withUnsafeBufferPointer {
                    b.bytes.append(contentsOf: UnsafeRawBufferPointer($0))
                }
            }
        }
        w.values(.scalars, [UInt64(positionBits), UInt64(filters.width)])
        w.values(.pairKeys, pairKeys); w.values(.pairStart, pairStart); w.values(.pairOccurrences, pairOccurrences)
        w.values(.longEntries, longEntries)
        w.values(.stemKeyBytes, stemKeyBytes); w.values(.stemKeyStart, stemKeyStart)
        w.values(.stemTokenStart, stemTokenStart); w.values(.stemTokens, stemTokens)
        w.values(.allianceKind, allianceKind); w.values(.allianceStatus, allianceStatus)
        w.values(.allianceYear, allianceYear); w.values(.allianceLargestUSD, allianceLargestUSD)
        w.values(.filterBits, filters.bits); w.values(.runYear, filters.runYear); w.values(.runStart, filters.runStart)
        w.values(.amountOrder, filters.amountOrder)
    }

    /// Whether every value of `values` passes `each` and each of its lists (list `k` is `starts[k]..<starts[k + 1]`;
    /// `starts` ascending from 0 to the count, already checked) is `ordered` pair by pair. The pages of `section`
    /// (where `values` lie in `file`) are given back as the check passes them (`StoreFile.releaseEvery`), and all
    /// at the end: a section of hundreds of megabytes is never resident whole for its check.
    static func checkLists<T: BitwiseCopyable>(
        _ values: FlatArray<T>, starts: FlatArray<Int>, _ file: FileBytes, _ section: UnsafeRawBufferPointer,
        _ each: (T) -> Bool, ordered: (T, T) -> Bool
    ) -> Bool {
        defer { file.release(section) }
        let stride = MemoryLayout<T>.stride, step = StoreFile.releaseEvery
        guard starts.count >= 1, starts[0] == 0, starts[starts.count - 1] == values.count,
            section.count >= values.count * stride
        else { return false }
        return values.withUnsafeBufferPointer { v in
            let start = file.offset(of: section)
            var released = start
            for k in 0..<(starts.count - 1) {
                let lower = starts[k], upper = starts[k + 1]
                guard lower <= upper else { return false }
                for i in lower..<upper {
                    guard each(v[i]), i == lower || ordered(v[i - 1], v[i]) else { return false }
                }
                if start + upper * stride - released >= step {
                    file.giveBack(from: &released, upTo: start + upper * stride)
                }
            }
            return true
        }
    }

    /// An index read in place from a store, for records of these counts (by dataset list): `InStore` read and
    /// checked, then given its records.
    convenience init(
        store: StoreFile, records: any SearchRecords, counts: [SearchResult.Kind: Int], thorough: Bool
    ) throws(SnapshotError) {
        self.init(try InStore(store: store, counts: counts, thorough: thorough), records: records)
    }

    /// An index of `records` from its parts read and checked in a store.
    convenience init(_ parts: InStore, records: any SearchRecords) {
        self.init(
            catalog: records, entryKind: parts.entryKind, entryRecord: parts.entryRecord,
            allianceEntry: parts.allianceEntry, tokenBytes: parts.tokenBytes, tokenStart: parts.tokenStart,
            postingStart: parts.postingStart, postings: parts.postings, initials: parts.initials,
            pairKeys: parts.pairKeys, pairStart: parts.pairStart, pairOccurrences: parts.pairOccurrences,
            positionBits: parts.positionBits, longEntries: parts.longEntries, stemKeyBytes: parts.stemKeyBytes,
            stemKeyStart: parts.stemKeyStart, stemTokenStart: parts.stemTokenStart, stemTokens: parts.stemTokens,
            allianceKind: parts.allianceKind, allianceStatus: parts.allianceStatus, allianceYear: parts.allianceYear,
            allianceLargestUSD: parts.allianceLargestUSD, filters: parts.filters, checksOnUse: parts.checksOnUse)
    }
}

extension SearchIndex {
    /// An index's arrays where they lie in a store, its structure checked so that no query can read out of bounds:
    /// `thorough` checks every value (the explorer, which checksums the store whole anyway, does it before it decodes
    /// the records, while little else is in memory); otherwise the postings and the pairs' occurrences, the bulk of
    /// the index, are checked as queries first read them (`UseChecks`), and opening costs what the entries and the
    /// dictionary do. The records the index finds are given to it after (`SearchIndex(_:records:)`).
    struct InStore {
        let entryKind: FlatArray<UInt8>, entryRecord: FlatArray<UInt32>, allianceEntry: FlatArray<UInt32>
        let tokenBytes: FlatArray<UInt8>, tokenStart: FlatArray<Int>
        let postingStart: FlatArray<Int>, postings: FlatArray<UInt32>, initials: [UInt8: FlatArray<UInt8>]
        let pairKeys: FlatArray<UInt64>, pairStart: FlatArray<Int>, pairOccurrences: FlatArray<UInt32>
        let positionBits: Int, longEntries: FlatArray<UInt32>
        let stemKeyBytes: FlatArray<UInt8>, stemKeyStart: FlatArray<Int>
        let stemTokenStart: FlatArray<Int>, stemTokens: FlatArray<UInt32>
        let allianceKind: FlatArray<UInt8>, allianceStatus: FlatArray<UInt8>, allianceYear: FlatArray<Int16>
        let allianceLargestUSD: FlatArray<Double>, filters: FilterIndex
        let checksOnUse: Bool

        init(store: StoreFile, counts: [SearchResult.Kind: Int], thorough: Bool) throws(SnapshotError) {
            let damaged = SnapshotReader.damaged
            let total = counts.values.reduce(0, +)
            let alliances = counts[.alliance] ?? 0
            let entryKind: FlatArray<UInt8> = try store.values(.entryKind)
            let entryRecord: FlatArray<UInt32> = try store.values(.entryRecord)
            let allianceEntry: FlatArray<UInt32> = try store.values(.allianceEntry)
            let tokenBytes: FlatArray<UInt8> = try store.values(.tokenBytes)
            let tokenStart = try store.offsets(.tokenStart, end: tokenBytes.count)
            let postings: FlatArray<UInt32> = try store.values(.postings)
            let postingStart = try store.offsets(.postingStart, count: tokenStart.count, end: postings.count)
            let letters: FlatArray<UInt8> = try store.values(.initialLetters)
            let ranks = store[.initialRanks]
            guard ranks.count == letters.count * total, Set(letters).count == letters.count else { throw damaged }
            var initials: [UInt8: FlatArray<UInt8>] = [:]
            for (k, letter) in letters.enumerated() where total > 0 {
                let part = UnsafeRawBufferPointer(rebasing: ranks[k * total..<(k + 1) * total])
                initials[letter] = FlatArray(viewing: part.bindMemory(to: UInt8.self), owner: store.file)
            }
            let scalars: FlatArray<UInt64> = try store.values(.scalars)
            guard scalars.count == 2, scalars[0] <= UInt64(SearchIndex.positionBits(entries: total)) else {
                throw damaged
            }
            let positionBits = Int(scalars[0]), width = Int(scalars[1])
            let pairKeys: FlatArray<UInt64> = try store.values(.pairKeys)
            let pairOccurrences: FlatArray<UInt32> = try store.values(.pairOccurrences)
            let pairStart: FlatArray<Int> = try store.values(.pairStart)
            let longEntries: FlatArray<UInt32> = try store.values(.longEntries)
            let stemKeyBytes: FlatArray<UInt8> = try store.values(.stemKeyBytes)
            let stemKeyStart = try store.offsets(.stemKeyStart, end: stemKeyBytes.count)
            let stemTokens: FlatArray<UInt32> = try store.values(.stemTokens)
            let stemTokenStart = try store.offsets(.stemTokenStart, count: stemKeyStart.count, end: stemTokens.count)
            let allianceKind: FlatArray<UInt8> = try store.values(.allianceKind)
            let allianceStatus: FlatArray<UInt8> = try store.values(.allianceStatus)
            let allianceYear: FlatArray<Int16> = try store.values(.allianceYear)
            let largest: FlatArray<Double> = try store.values(.allianceLargestUSD)
            let filters = FilterIndex(
                width: width, bits: try store.values(.filterBits), runYear: try store.values(.runYear),
                runStart: try store.values(.runStart), amountOrder: try store.values(.amountOrder))
            let tokens = tokenStart.count - 1
            // What every query relies on, checked now: entries and their records, the alliance columns, the filters,
            // the stems, and the pairs' table (its offsets are checked as each pair is read).
            guard entryKind.count == total, entryRecord.count == total, allianceEntry.count == alliances,
                allianceKind.count == alliances, allianceStatus.count == alliances, allianceYear.count == alliances,
                largest.count == alliances, pairStart.count == pairKeys.count + 1,
                Int(entryKind.largest ?? 0) < SearchIndex.kinds.count,
                allianceEntry.largest.map({ Int($0) < total }) ?? true,
                Int(allianceKind.largest ?? 0) < AllianceKind.allCases.count,
                Int(allianceStatus.largest ?? 0) < AllianceStatus.allCases.count,
                zip(longEntries, longEntries.dropFirst()).allSatisfy({ $0 < $1 }),
                longEntries.allSatisfy({ Int($0) < total }),
                filters.fits(entries: total),
                stemTokens.allSatisfy({ Int($0) < tokens })
            else { throw damaged }
            let limits = SearchIndex.kinds.map { counts[$0, default: 0] }  // by kind number: no hashing per entry
            let ok = entryKind.withUnsafeBufferPointer { kinds in
                entryRecord.withUnsafeBufferPointer { records in
                    (0..<total).allSatisfy { Int(records[$0]) < limits[Int(kinds[$0])] }
                }
            }
            guard ok else { throw damaged }
            if thorough {
                // The entries and offsets just checked (~45 MB at 1M) are not kept resident through the checks below.
                store.releaseAll()
                guard SearchIndex.amountOrderFits(filters.amountOrder, entryKind, entryRecord, largest) else {
                    throw damaged
                }
                // Each posting an entry with a field rank; each pair's occurrences ascending by entry, of entries
                // that exist, with a field rank (past the positions the index holds, occurrences share the position
                // "unknown", so they may repeat or differ only in field rank: those entries are checked against their
                // text).
                let shift = UInt32(positionBits + 3)
                guard pairStart.first == 0, pairStart.last == pairOccurrences.count,
                    zip(pairStart, pairStart.dropFirst()).allSatisfy({ $0 <= $1 }),
                    zip(pairKeys, pairKeys.dropFirst()).allSatisfy({ $0 < $1 }),
                    pairKeys.allSatisfy({ Int($0 >> 32) < tokens && Int($0 & 0xFFFF_FFFF) < tokens })
                else { throw damaged }
                // The large sections are each read once, list by list, and their pages given back as the check passes
                // them: at 1M alliances the postings, pairs and initials are ~0.8 GB, which counted whole in the
                // explorer's peak memory while they were checked. Every page read so far (the entries, offsets, pairs'
                // table and filters just checked, ~90 MB at 1M, which queries read again from the page cache) is given
                // back first: the dataset is decoded by now, and these were the explorer's peak on top of it.
                store.releaseAll()
                guard
                    SearchIndex.checkLists(
                        postings, starts: postingStart, store.file, store[.postings],
                        { Int($0 >> 3) < total && $0 & 7 <= 5 }, ordered: { $0 >> 3 < $1 >> 3 }),
                    SearchIndex.checkLists(
                        pairOccurrences, starts: pairStart, store.file, store[.pairOccurrences],
                        { Int($0 >> shift) < total && $0 & 7 <= 5 }, ordered: { $0 >> 3 <= $1 >> 3 })
                else { throw damaged }
                for letter in letters {
                    guard let ranks = initials[letter] else { continue }
                    let fits = ranks.allSatisfy { $0 <= 5 || $0 == SearchIndex.noRank }
                    ranks.withUnsafeBufferPointer { store.file.release(UnsafeRawBufferPointer($0)) }
                    guard fits else { throw damaged }
                }
            }
            self.entryKind = entryKind; self.entryRecord = entryRecord; self.allianceEntry = allianceEntry
            self.tokenBytes = tokenBytes; self.tokenStart = tokenStart; self.postingStart = postingStart
            self.postings = postings; self.initials = initials; self.pairKeys = pairKeys; self.pairStart = pairStart
            self.pairOccurrences = pairOccurrences; self.positionBits = positionBits; self.longEntries = longEntries
            self.stemKeyBytes = stemKeyBytes; self.stemKeyStart = stemKeyStart; self.stemTokenStart = stemTokenStart
            self.stemTokens = stemTokens; self.allianceKind = allianceKind; self.allianceStatus = allianceStatus
            self.allianceYear = allianceYear; self.allianceLargestUSD = largest; self.filters = filters
            self.checksOnUse = !thorough
        }
    }
}

/// The checks an index read in place from a store makes as a query first reads a part of its large arrays (the
/// postings of a token, the occurrences of a pair, a dense answer): what was checked when the store was opened
/// guarantees the offsets, and these guarantee the values. A part that fails reads as empty, and `damaged` tells the
/// caller to distrust the store (and rebuild it) rather than answer from it.
final class UseChecks: Sendable {
    private struct State {
        var tokens = Set<Int>(), pairs = Set<Int>(), letters = Set<UInt8>()
        var amountOrder = false, damaged = false
    }
    private let state = Mutex(State())

    var damaged: Bool { state.withLock { $0.damaged } }

    /// Whether the postings of these tokens are entry numbers in range with a field rank, ascending.
    func verified(tokens range: Range<Int>, of index: SearchIndex) -> Bool {
        state.withLock { state in
            let total = UInt32(index.entryCount)
            for t in range where !state.tokens.contains(t) {
                var previous: UInt32? = nil
                for i in index.postingStart[t]..<index.postingStart[t + 1] {
                    let p = index.postings[i]
                    guard p >> 3 < total, p & 7 <= 5, previous.map({ $0 >> 3 < p >> 3 }) ?? true else {
                        state.damaged = true
                        return false
                    }
                    previous = p
                }
                state.tokens.insert(t)
            }
            return true
        }
    }

    /// Whether the occurrences of these pairs are within the array, of entries in range, ascending by entry and
    /// position (as the joins need them).
    func verified(pairs range: Range<Int>, of index: SearchIndex) -> Bool {
        state.withLock { state in
            let total = UInt32(index.entryCount), shift = UInt32(index.positionBits + 3)
            for p in range where !state.pairs.contains(p) {
                let start = index.pairStart[p], end = index.pairStart[p + 1]
                var ok = start <= end && end <= index.pairOccurrences.count
                var previous: UInt32 = 0
                for i in start..<(ok ? end : start) {
                    let v = index.pairOccurrences[i]
                    guard v >> shift < total, v & 7 <= 5, v >> 3 >= previous >> 3 else { ok = false; break }
                    previous = v
                }
                guard ok else { state.damaged = true; return false }
                state.pairs.insert(p)
            }
            return true
        }
    }

    /// Whether the amount order is of alliances, by amount (checked at the first `amount:` filter).
    func verifiedAmountOrder(of index: SearchIndex) -> Bool {
        state.withLock { state in
            guard !state.amountOrder else { return true }
            guard
                SearchIndex.amountOrderFits(
                    index.filters.amountOrder, index.entryKind, index.entryRecord, index.allianceLargestUSD)
            else {
                state.damaged = true
                return false
            }
            state.amountOrder = true
            return true
        }
    }

    /// Whether a letter's dense answer holds field ranks only.
    func verified(initial letter: UInt8, of index: SearchIndex) -> Bool {
        state.withLock { state in
            guard !state.letters.contains(letter), let dense = index.initials[letter] else { return true }
            guard dense.allSatisfy({ $0 <= 5 || $0 == SearchIndex.noRank }) else { state.damaged = true; return false }
            state.letters.insert(letter)
            return true
        }
    }
}

extension Dataset {
    /// How many records of a kind of search entry the dataset holds.
    func count(of kind: SearchResult.Kind) -> Int {
        switch kind {
        case .company: return companies.count
        case .alliance: return alliances.count
        case .person: return people.count
        case .claim: return claims.count
        case .article: return articles.count
        case .share: return shareEstimates.count
        }
    }
}
