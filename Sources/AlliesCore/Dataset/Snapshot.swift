// The snapshot: a dataset and its search index in a compact binary form, written after a file was loaded and read
// instead of it while the file is unchanged. JSON has to be tokenised, unescaped, validated and indexed; the
// snapshot holds the result of all that, so reading it is copying strings and arrays.

/// A snapshot that cannot be used: its file is stale, truncated or damaged. The caller falls back to the JSON.
public struct SnapshotError: Error, Equatable, Sendable { public let reason: String }

/// Appends values in the snapshot's binary form: little-endian fixed-size numbers, LEB128 lengths, UTF-8 strings.
struct SnapshotWriter {
    var bytes: [UInt8] = []

    mutating func u8(_ v: UInt8) { bytes.append(v) }
    mutating func bool(_ v: Bool) { bytes.append(v ? 1 : 0) }
    mutating func count(_ v: Int) { varint(UInt64(v)) }
    mutating func varint(_ v: UInt64) {
        var v = v
        while v >= 0x80 { bytes.append(UInt8(v & 0x7F) | 0x80); v >>= 7 }
        bytes.append(UInt8(v))
    }
    mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func double(_ v: Double) { u64(v.bitPattern) }
    mutating func int(_ v: Int) { u64(UInt64(bitPattern: Int64(v))) }
    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { count($0.count); bytes.append(contentsOf: $0) }
    }
    mutating func optional<T>(_ v: T?, _ write: (inout SnapshotWriter, T) -> Void) {
        if let v { u8(1); write(&self, v) } else { u8(0) }
    }
    mutating func array<T>(_ items: [T], _ write: (inout SnapshotWriter, T) -> Void) {
        count(items.count)
        for item in items { write(&self, item) }
    }
    /// A numeric array as raw little-endian memory (the index's postings: hundreds of megabytes, one copy).
    mutating func raw<T: FixedWidthInteger>(_ items: [T]) {
        count(items.count)
        items.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }
    mutating func `enum`<E: CaseIterable & Equatable>(_ v: E) {
        let all = E.allCases
        u8(UInt8(all.distance(from: all.startIndex, to: all.firstIndex(of: v)!)))
    }
}

/// Reads what `SnapshotWriter` wrote, checking every length against the bytes left.
struct SnapshotReader {
    let bytes: UnsafeRawBufferPointer
    var offset: Int
    /// Called with the offset reached after each large read (a raw array, every 65,536 alliances): everything is
    /// copied out of `bytes`, so the caller can give back the mapped pages behind it.
    var advanced: ((Int) -> Void)?

    init(_ bytes: UnsafeRawBufferPointer, offset: Int = 0, advanced: ((Int) -> Void)? = nil) {
        self.bytes = bytes; self.offset = offset; self.advanced = advanced
    }

    static let damaged = SnapshotError(reason: "the snapshot is damaged")

    mutating func u8() throws(SnapshotError) -> UInt8 {
        guard offset < bytes.count else { throw Self.damaged }
        defer { offset += 1 }
        return bytes[offset]
    }
    mutating func bool() throws(SnapshotError) -> Bool { try u8() != 0 }
    /// A number of items, which cannot be more than the bytes left (each item takes at least one).
    mutating func count() throws(SnapshotError) -> Int {
        let v = try varint()
        guard v <= UInt64(bytes.count - offset) else { throw Self.damaged }
        return Int(v)
    }
    mutating func varint() throws(SnapshotError) -> UInt64 {
        var v: UInt64 = 0, shift: UInt64 = 0
        while true {
            let b = try u8()
            v |= UInt64(b & 0x7F) << shift
            if b < 0x80 { break }
            shift += 7
            guard shift < 63 else { throw Self.damaged }
        }
        return v
    }
    mutating func u64() throws(SnapshotError) -> UInt64 {
        guard offset + 8 <= bytes.count else { throw Self.damaged }
        var v: UInt64 = 0
        withUnsafeMutableBytes(of: &v) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + 8])) }
        offset += 8
        return UInt64(littleEndian: v)
    }
    mutating func double() throws(SnapshotError) -> Double { Double(bitPattern: try u64()) }
    mutating func int() throws(SnapshotError) -> Int { Int(Int64(bitPattern: try u64())) }
    mutating func string() throws(SnapshotError) -> String {
        let n = try count()
        guard offset + n <= bytes.count else { throw Self.damaged }
        defer { offset += n }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + n]).bindMemory(to: UInt8.self),
                      as: UTF8.self)
    }
    mutating func optional<T>(_ read: (inout SnapshotReader) throws(SnapshotError) -> T) throws(SnapshotError) -> T? {
        switch try u8() {
        case 0: return nil
        case 1: return try read(&self)
        default: throw Self.damaged
        }
    }
    mutating func array<T>(_ read: (inout SnapshotReader) throws(SnapshotError) -> T) throws(SnapshotError) -> [T] {
        let n = try count()
        var items: [T] = []
        items.reserveCapacity(n)
        for _ in 0..<n { items.append(try read(&self)) }
        return items
    }
    /// Offsets written as raw UInt64: each must be an Int (a damaged file could hold 2^64 - 1).
    mutating func offsets() throws(SnapshotError) -> [Int] {
        let values = try raw(UInt64.self)
        guard values.allSatisfy({ $0 <= UInt64(Int.max) }) else { throw Self.damaged }
        return values.map { Int($0) }
    }
    mutating func raw<T: FixedWidthInteger>(_: T.Type) throws(SnapshotError) -> [T] {
        let n = try count()
        let size = n * MemoryLayout<T>.stride
        guard offset + size <= bytes.count else { throw Self.damaged }
        let out = [T](unsafeUninitializedCapacity: n) { buffer, initialized in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + size]))
            initialized = n
        }
        offset += size
        advanced?(offset)
        return out
    }
    mutating func `enum`<E: CaseIterable>(_: E.Type) throws(SnapshotError) -> E {
        let i = Int(try u8())
        let all = Array(E.allCases)
        guard i < all.count else { throw Self.damaged }
        return all[i]
    }
}

// MARK: The model

extension SnapshotWriter {
    mutating func text(_ t: LocalizedText) { string(t.en); string(t.es) }
    mutating func date(_ d: PartialDate?) {
        // year, then month and day or 0: one value per date.
        guard let d else { varint(0); return }
        varint(UInt64(d.year * 10_000 + (d.month ?? 0) * 100 + (d.day ?? 0)))
    }
    mutating func event(_ e: DatedEvent?) {
        optional(e) { w, e in w.date(e.value); w.enum(e.event) }
    }
    mutating func sources(_ list: [SourceQuote]) {
        array(list) { w, s in w.string(s.article); w.string(s.quote); w.optional(s.note) { $0.string($1) } }
    }
    mutating func citations(_ list: [Citation]) {
        array(list) { w, c in
            w.string(c.publisher); w.string(c.title); w.optional(c.url) { $0.string($1) }; w.date(c.published)
            w.string(c.supports)
        }
    }
    mutating func strings(_ list: [String]) { array(list) { $0.string($1) } }
    mutating func optionalString(_ s: String?) { optional(s) { $0.string($1) } }

    mutating func dataset(_ d: Dataset) {
        array(d.articles) { w, a in
            w.string(a.id); w.optionalString(a.file); w.string(a.title); w.optionalString(a.outlet)
            w.optionalString(a.author); w.date(a.published); w.optionalString(a.publishedNote); w.string(a.language)
            w.optionalString(a.url)
        }
        array(d.groups) { w, g in
            w.string(g.id); w.string(g.name); w.text(g.description); w.sources(g.sources); w.citations(g.citations)
        }
        array(d.companies) { w, c in
            w.string(c.id); w.string(c.name); w.strings(c.aliases); w.enum(c.kind); w.optionalString(c.country)
            w.optionalString(c.parent); w.text(c.description); w.strings(c.groups); w.strings(c.products)
            w.sources(c.sources); w.citations(c.citations)
        }
        array(d.alliances) { w, a in
            w.string(a.id); w.enum(a.kind)
            w.array(a.parties) { w, p in w.string(p.company); w.enum(p.role) }
            w.array(a.amounts) { w, m in
                w.double(m.value); w.string(m.currency); w.enum(m.per); w.enum(m.bound); w.bool(m.estimated)
                w.bool(m.cumulative); w.optional(m.termYears) { $0.double($1) }; w.optionalString(m.from)
                w.optionalString(m.to); w.optional(m.purpose) { $0.enum($1) }; w.optionalString(m.note)
            }
            w.event(a.date); w.enum(a.status); w.text(a.title); w.text(a.summary); w.strings(a.products)
            w.sources(a.sources); w.citations(a.citations); w.optionalString(a.disagreement)
            w.array(a.updates) { w, u in w.date(u.date); w.text(u.text); w.citations(u.citations) }
        }
        array(d.claims) { w, c in
            w.string(c.id)
            switch c.about {
            case .company(let id): w.u8(0); w.string(id)
            case .alliance(let id): w.u8(1); w.string(id)
            case .product(let name, let company): w.u8(2); w.string(name); w.string(company)
            case .topic(let topic): w.u8(3); w.string(topic)
            }
            w.enum(c.kind)
            w.optional(c.figure) { w, f in w.double(f.value); w.string(f.unit); w.enum(f.bound) }
            w.text(c.text); w.event(c.date); w.sources(c.sources); w.citations(c.citations)
        }
        array(d.people) { w, p in
            w.string(p.id); w.string(p.name); w.text(p.role); w.optionalString(p.organization)
            w.optionalString(p.organizationName); w.sources(p.sources)
        }
        array(d.shareEstimates) { w, e in
            w.string(e.id); w.string(e.market); w.string(e.scope); w.enum(e.metric); w.string(e.region); w.int(e.year)
            w.bool(e.forecast); w.string(e.publisher); w.date(e.published)
            w.array(e.shares) { w, s in
                w.optionalString(s.vendor); w.string(s.label); w.enum(s.bound); w.double(s.value)
                w.optional(s.upper) { $0.double($1) }
            }
            w.sources(e.sources); w.citations(e.citations)
        }
    }
}

extension SnapshotReader {
    mutating func text() throws(SnapshotError) -> LocalizedText { LocalizedText(en: try string(), es: try string()) }
    mutating func date() throws(SnapshotError) -> PartialDate? {
        let v = Int(try varint())
        if v == 0 { return nil }
        let year = v / 10_000, month = v / 100 % 100, day = v % 100
        guard (1...9999).contains(year), month <= 12, day <= 31, month > 0 || day == 0 else { throw Self.damaged }
        return PartialDate(year: year, month: month == 0 ? nil : month, day: day == 0 ? nil : day)
    }
    mutating func event() throws(SnapshotError) -> DatedEvent? {
        try optional { (r: inout SnapshotReader) throws(SnapshotError) -> DatedEvent in
            guard let d = try r.date() else { throw Self.damaged }
            return DatedEvent(d, try r.enum(DateEvent.self))
        }
    }
    mutating func sources() throws(SnapshotError) -> [SourceQuote] {
        try array { (r: inout SnapshotReader) throws(SnapshotError) in
            SourceQuote(article: try r.string(), quote: try r.string(), note: try r.optionalString())
        }
    }
    mutating func citations() throws(SnapshotError) -> [Citation] {
        try array { (r: inout SnapshotReader) throws(SnapshotError) in
            Citation(publisher: try r.string(), title: try r.string(), url: try r.optionalString(), published: try r.date(),
                     supports: try r.string())
        }
    }
    mutating func strings() throws(SnapshotError) -> [String] {
        try array { (r: inout SnapshotReader) throws(SnapshotError) in try r.string() }
    }
    mutating func optionalString() throws(SnapshotError) -> String? {
        try optional { (r: inout SnapshotReader) throws(SnapshotError) in try r.string() }
    }
    mutating func optionalDouble() throws(SnapshotError) -> Double? {
        try optional { (r: inout SnapshotReader) throws(SnapshotError) in try r.double() }
    }

    mutating func dataset(progress: (Double) -> Void) throws(SnapshotError) -> Dataset {
        var d = Dataset()
        d.articles = try array { (r: inout SnapshotReader) throws(SnapshotError) in
            Article(id: try r.string(), file: try r.optionalString(), title: try r.string(), outlet: try r.optionalString(),
                    author: try r.optionalString(), published: try r.date(), publishedNote: try r.optionalString(),
                    language: try r.string(), url: try r.optionalString())
        }
        d.groups = try array { (r: inout SnapshotReader) throws(SnapshotError) in
            Group(id: try r.string(), name: try r.string(), description: try r.text(), sources: try r.sources(),
                  citations: try r.citations())
        }
        d.companies = try array { (r: inout SnapshotReader) throws(SnapshotError) in
            Company(id: try r.string(), name: try r.string(), aliases: try r.strings(), kind: try r.enum(CompanyKind.self),
                    country: try r.optionalString(), parent: try r.optionalString(), description: try r.text(),
                    groups: try r.strings(), products: try r.strings(), sources: try r.sources(),
                    citations: try r.citations())
        }
        progress(0.1)
        let total = try count()
        var alliances: [Alliance] = []
        alliances.reserveCapacity(total)
        for i in 0..<total {
            if i & 0xFFFF == 0 {
                progress(0.1 + 0.85 * Double(i) / Double(total))
                advanced?(offset)
            }
            let id = try string(), kind = try self.enum(AllianceKind.self)
            let parties = try array { (r: inout SnapshotReader) throws(SnapshotError) in
                Party(try r.string(), try r.enum(PartyRole.self))
            }
            let amounts = try array { (r: inout SnapshotReader) throws(SnapshotError) in
                Amount(value: try r.double(), currency: try r.string(), per: try r.enum(Amount.Per.self),
                       bound: try r.enum(Bound.self), estimated: try r.bool(), cumulative: try r.bool(),
                       termYears: try r.optionalDouble(), from: try r.optionalString(), to: try r.optionalString(),
                       purpose: try r.optional { (r: inout SnapshotReader) throws(SnapshotError) in
                           try r.enum(AllianceKind.self)
                       },
                       note: try r.optionalString())
            }
            alliances.append(Alliance(id: id, kind: kind, parties: parties, amounts: amounts, date: try event(),
                                      status: try self.enum(AllianceStatus.self), title: try text(), summary: try text(),
                                      products: try strings(), sources: try sources(), citations: try citations(),
                                      disagreement: try optionalString(),
                                      updates: try array { (r: inout SnapshotReader) throws(SnapshotError) in
                                          guard let date = try r.date() else { throw Self.damaged }
                                          return AllianceUpdate(date: date, text: try r.text(), citations: try r.citations())
                                      }))
        }
        d.alliances = alliances
        d.claims = try array { (r: inout SnapshotReader) throws(SnapshotError) in
            let id = try r.string()
            let about: ClaimSubject
            switch try r.u8() {
            case 0: about = .company(try r.string())
            case 1: about = .alliance(try r.string())
            case 2: about = .product(name: try r.string(), company: try r.string())
            case 3: about = .topic(try r.string())
            default: throw Self.damaged
            }
            let kind = try r.enum(ClaimKind.self)
            let figure = try r.optional { (r: inout SnapshotReader) throws(SnapshotError) in
                Figure(value: try r.double(), unit: try r.string(), bound: try r.enum(Bound.self))
            }
            return Claim(id: id, about: about, kind: kind, figure: figure, text: try r.text(), date: try r.event(),
                         sources: try r.sources(), citations: try r.citations())
        }
        d.people = try array { (r: inout SnapshotReader) throws(SnapshotError) in
            Person(id: try r.string(), name: try r.string(), role: try r.text(), organization: try r.optionalString(),
                   organizationName: try r.optionalString(), sources: try r.sources())
        }
        d.shareEstimates = try array { (r: inout SnapshotReader) throws(SnapshotError) in
            let id = try r.string(), market = try r.string(), scope = try r.string()
            let metric = try r.enum(ShareEstimate.Metric.self)
            let region = try r.string(), year = try r.int(), forecast = try r.bool(), publisher = try r.string()
            let published = try r.date()
            let shares = try r.array { (r: inout SnapshotReader) throws(SnapshotError) in
                Share(vendor: try r.optionalString(), label: try r.string(), bound: try r.enum(Share.ShareBound.self),
                      value: try r.double(), upper: try r.optionalDouble())
            }
            return ShareEstimate(id: id, market: market, scope: scope, metric: metric, region: region, year: year,
                                 forecast: forecast, publisher: publisher, published: published, shares: shares,
                                 sources: try r.sources(), citations: try r.citations())
        }
        return d
    }
}
