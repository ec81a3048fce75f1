// The snapshot's binary form of values and records: what a store (Store.swift) holds each record in. JSON has to be
// tokenised, unescaped, validated and indexed; a record in this form is read by copying its strings and numbers.

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
        s.withUTF8 {
            count($0.count); bytes.append(contentsOf: $0)
        }
    }
    mutating func optional<T>(_ v: T?, _ write: (inout SnapshotWriter, T) -> Void) {
        if let v { u8(1); write(&self, v) } else { u8(0) }
    }
    mutating func array<C: Collection>(_ items: C, _ write: (inout SnapshotWriter, C.Element) -> Void) {
        count(items.count)
        for item in items { write(&self, item) }
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
    /// Ids already read (companies', articles'): a reference to one gets that string, not a copy of its own.
    var known: IDTable?
    /// The mapped file `bytes` lie in, when texts are to be left there (`text()`): for records kept a whole session.
    var textsInPlace: FileBytes?
    /// The alliances' list `bytes` lie in, when an alliance's provenance is to be left there (`alliance()`).
    var alliancesInPlace: InPlaceAlliances?

    init(
        _ bytes: UnsafeRawBufferPointer, offset: Int = 0, known: IDTable? = nil, textsInPlace: FileBytes? = nil,
        alliancesInPlace: InPlaceAlliances? = nil
    ) {
        self.bytes = bytes; self.offset = offset; self.known = known
        self.textsInPlace = textsInPlace.flatMap { $0.isMapped ? $0 : nil }
        self.alliancesInPlace = self.textsInPlace == nil ? nil : alliancesInPlace
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
        withUnsafeMutableBytes(of: &v) {
            $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + 8]))
        }
        offset += 8
        return UInt64(littleEndian: v)
    }
    mutating func double() throws(SnapshotError) -> Double { Double(bitPattern: try u64()) }
    mutating func int() throws(SnapshotError) -> Int { Int(Int64(bitPattern: try u64())) }
    /// A string's bytes, where they lie.
    mutating func stringBytes() throws(SnapshotError) -> UnsafeBufferPointer<UInt8> {
        let n = try count()
        guard offset + n <= bytes.count else { throw Self.damaged }
        defer { offset += n }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + n]).bindMemory(to: UInt8.self)
    }
    mutating func string() throws(SnapshotError) -> String { String(decoding: try stringBytes(), as: UTF8.self) }
    /// A string that names a record read before (a party's company, a quote's article): with `known`, the string
    /// of that record's id itself. A dataset of a million alliances names its companies two million times; each a
    /// string of its own (an id longer than 15 bytes is not stored inline) was ~130 MB more in the explorer.
    mutating func reference() throws(SnapshotError) -> String {
        guard let known else { return try string() }
        let start = offset, n = try count()
        guard offset + n <= bytes.count else { throw Self.damaged }
        // An id of 15 bytes or fewer is stored inside its String: nothing to share, no lookup.
        if n > 15,
            let id = known.find(
                UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + n]).bindMemory(to: UInt8.self))
        {
            offset += n
            return id
        }
        offset = start
        return try string()
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
    mutating func `enum`<E: CaseIterable>(_: E.Type) throws(SnapshotError) -> E {
        let i = Int(try u8())
        let all = Array(E.allCases)
        guard i < all.count else { throw Self.damaged }
        return all[i]
    }
}

// MARK: The model

extension SnapshotWriter {
    mutating func text(_ t: LocalizedText) {
        record(TextField.self) { w, f in
            switch f {
            case .en: w.string(t.en)
            case .es: w.string(t.es)
            }
        }
    }
    mutating func date(_ d: PartialDate?) {
        // year, then month and day or 0: one value per date.
        guard let d else { varint(0); return }
        varint(UInt64(d.year * 10_000 + (d.month ?? 0) * 100 + (d.day ?? 0)))
    }
    mutating func event(_ e: DatedEvent?) {
        optional(e) { w, e in
            w.record(DatedEventField.self) { w, f in
                switch f {
                case .value: w.date(e.value)
                case .event: w.enum(e.event)
                }
            }
        }
    }
    mutating func sources(_ list: [SourceQuote]) {
        array(list) { w, q in
            w.record(SourceQuoteField.self) { w, f in
                switch f {
                case .article: w.string(q.article)
                case .quote: w.string(q.quote)
                case .note: w.optionalString(q.note)
                }
            }
        }
    }
    mutating func citations(_ list: [Citation]) {
        array(list) { w, c in
            w.record(CitationField.self) { w, f in
                switch f {
                case .publisher: w.string(c.publisher)
                case .title: w.string(c.title)
                case .url: w.optionalString(c.url)
                case .published: w.date(c.published)
                case .supports: w.string(c.supports)
                }
            }
        }
    }
    mutating func records(_ list: [RecordSource]) {
        array(list) { w, r in
            w.record(RecordSourceField.self) { w, f in
                switch f {
                case .dataset: w.string(r.dataset)
                case .key: w.string(r.key)
                case .url: w.optionalString(r.url)
                case .retrieved: w.date(r.retrieved)
                case .licence: w.optionalString(r.licence)
                }
            }
        }
    }
    mutating func strings(_ list: [String]) { array(list) { $0.string($1) } }
    mutating func optionalString(_ s: String?) { optional(s) { $0.string($1) } }

    /// One record: `body` writes each field's value, in the declaration's order (a `switch` with no `default:`, so
    /// a field added to a declaration must be stored here too).
    mutating func record<F: RecordField>(_: F.Type, _ body: (inout SnapshotWriter, F) -> Void) {
        for f in F.ordered { body(&self, f) }
    }

    mutating func article(_ a: Article) {
        record(ArticleField.self) { w, f in
            switch f {
            case .id: w.string(a.id)
            case .file: w.optionalString(a.file)
            case .title: w.string(a.title)
            case .outlet: w.optionalString(a.outlet)
            case .author: w.optionalString(a.author)
            case .published: w.date(a.published)
            case .publishedNote: w.optionalString(a.publishedNote)
            case .language: w.string(a.language)
            case .url: w.optionalString(a.url)
            case .retrieved: w.date(a.retrieved)
            case .text: w.optionalString(a.text)
            case .added: w.date(a.added)
            case .updated: w.date(a.updated)
            }
        }
    }

    mutating func group(_ g: Group) {
        record(GroupField.self) { w, f in
            switch f {
            case .id: w.string(g.id)
            case .name: w.string(g.name)
            case .description: w.text(g.description)
            case .sources: w.sources(g.sources)
            case .citations: w.citations(g.citations)
            case .added: w.date(g.added)
            case .updated: w.date(g.updated)
            }
        }
    }

    mutating func company(_ c: Company) {
        record(CompanyField.self) { w, f in
            switch f {
            case .id: w.string(c.id)
            case .name: w.string(c.name)
            case .aliases: w.strings(c.aliases)
            case .kind: w.enum(c.kind)
            case .country: w.optionalString(c.country)
            case .parent: w.optionalString(c.parent)
            case .description: w.text(c.description)
            case .groups: w.strings(c.groups)
            case .products: w.strings(c.products)
            case .sectors: w.strings(c.sectors)
            case .sources: w.sources(c.sources)
            case .citations: w.citations(c.citations)
            case .records: w.records(c.records)
            case .added: w.date(c.added)
            case .updated: w.date(c.updated)
            }
        }
    }

    mutating func alliance(_ a: Alliance) {
        record(AllianceField.self) { w, f in
            switch f {
            case .id: w.string(a.id)
            case .kind: w.enum(a.kind)
            case .parties: w.array(a.parties) { $0.party($1) }
            case .amounts: w.array(a.amounts) { $0.amount($1) }
            case .date: w.event(a.date)
            case .status: w.enum(a.status)
            case .title: w.text(a.title)
            case .summary: w.text(a.summary)
            case .products: w.strings(a.products)
            case .sources: w.sources(a.sources)
            case .citations: w.citations(a.citations)
            case .disagreement: w.optionalString(a.disagreement)
            case .updates: w.array(a.updates) { $0.update($1) }
            case .records: w.records(a.records)
            case .added: w.date(a.added)
            case .updated: w.date(a.updated)
            }
        }
    }

    mutating func party(_ p: Party) {
        record(PartyField.self) { w, f in
            switch f {
            case .company: w.string(p.company)
            case .role: w.enum(p.role)
            }
        }
    }

    mutating func amount(_ m: Amount) {
        record(AmountField.self) { w, f in
            switch f {
            case .value: w.double(m.value)
            case .currency: w.string(m.currency)
            case .per: w.enum(m.per)
            case .bound: w.enum(m.bound)
            case .estimated: w.bool(m.estimated)
            case .cumulative: w.bool(m.cumulative)
            case .termYears: w.optional(m.termYears) { $0.double($1) }
            case .from: w.optionalString(m.from)
            case .to: w.optionalString(m.to)
            case .purpose: w.optional(m.purpose) { $0.enum($1) }
            case .note: w.optionalString(m.note)
            }
        }
    }

    mutating func update(_ u: AllianceUpdate) {
        record(UpdateField.self) { w, f in
            switch f {
            case .date: w.date(u.date)
            case .text: w.text(u.text)
            case .citations: w.citations(u.citations)
            }
        }
    }

    mutating func claim(_ c: Claim) {
        record(ClaimField.self) { w, f in
            switch f {
            case .id: w.string(c.id)
            case .about: w.subject(c.about)
            case .kind: w.enum(c.kind)
            case .figure: w.optional(c.figure) { $0.figure($1) }
            case .text: w.text(c.text)
            case .date: w.event(c.date)
            case .sources: w.sources(c.sources)
            case .citations: w.citations(c.citations)
            case .added: w.date(c.added)
            case .updated: w.date(c.updated)
            }
        }
    }

    /// A subject by its shape (FORMAT.md's four), as a tag and its values.
    mutating func subject(_ about: ClaimSubject) {
        switch about {
        case .company(let id): u8(0); string(id)
        case .alliance(let id): u8(1); string(id)
        case .product(let name, let company): u8(2); string(name); string(company)
        case .topic(let topic): u8(3); string(topic)
        }
    }

    mutating func figure(_ figure: Figure) {
        record(FigureField.self) { w, f in
            switch f {
            case .value: w.double(figure.value)
            case .unit: w.string(figure.unit)
            case .bound: w.enum(figure.bound)
            }
        }
    }

    mutating func person(_ p: Person) {
        record(PersonField.self) { w, f in
            switch f {
            case .id: w.string(p.id)
            case .name: w.string(p.name)
            case .role: w.text(p.role)
            case .organization: w.optionalString(p.organization)
            case .organizationName: w.optionalString(p.organizationName)
            case .sources: w.sources(p.sources)
            case .added: w.date(p.added)
            case .updated: w.date(p.updated)
            }
        }
    }

    mutating func shareEstimate(_ e: ShareEstimate) {
        record(ShareEstimateField.self) { w, f in
            switch f {
            case .id: w.string(e.id)
            case .market: w.string(e.market)
            case .scope: w.string(e.scope)
            case .metric: w.enum(e.metric)
            case .region: w.string(e.region)
            case .year: w.int(e.year)
            case .forecast: w.bool(e.forecast)
            case .publisher: w.string(e.publisher)
            case .published: w.date(e.published)
            case .shares: w.array(e.shares) { $0.share($1) }
            case .sources: w.sources(e.sources)
            case .citations: w.citations(e.citations)
            case .added: w.date(e.added)
            case .updated: w.date(e.updated)
            }
        }
    }

    mutating func share(_ s: Share) {
        record(ShareField.self) { w, f in
            switch f {
            case .vendor: w.optionalString(s.vendor)
            case .label: w.string(s.label)
            case .bound: w.enum(s.bound)
            case .value: w.double(s.value)
            case .upper: w.optional(s.upper) { $0.double($1) }
            }
        }
    }
}

extension SnapshotReader {
    /// Reads one record's fields in the declaration's order: `body` reads each into a local (a `switch` with no
    /// `default:`, as in the writer).
    @inline(__always)
    mutating func record<F: RecordField>(_: F.Type, _ body: (inout SnapshotReader, F) throws(SnapshotError) -> Void)
        throws(SnapshotError)
    {
        for f in F.ordered { try body(&self, f) }
    }

    /// A value every record has once its fields are read (nil only in a damaged snapshot).
    static func read<T>(_ value: T?) throws(SnapshotError) -> T {
        guard let value else { throw damaged }
        return value
    }

    /// A string left where it lies with `textsInPlace`, else one of its own.
    mutating func stringInPlace() throws(SnapshotError) -> InPlaceString {
        guard let owner = textsInPlace else { return .own(try string()) }
        return InPlaceString(owner, try stringBytes())
    }

    mutating func text() throws(SnapshotError) -> LocalizedText {
        if let owner = textsInPlace {
            var en: UnsafeBufferPointer<UInt8>?, es: UnsafeBufferPointer<UInt8>?
            try record(TextField.self) { (r: inout SnapshotReader, f) throws(SnapshotError) in
                switch f {
                case .en: en = try r.stringBytes()
                case .es: es = try r.stringBytes()
                }
            }
            let (english, spanish) = (try Self.read(en), try Self.read(es))
            if let text = LocalizedText(inPlace: owner, en: english, es: spanish) { return text }
            return LocalizedText(
                en: String(decoding: english, as: UTF8.self), es: String(decoding: spanish, as: UTF8.self))
        }
        var en: String?, es: String?
        try record(TextField.self) { (r: inout SnapshotReader, f) throws(SnapshotError) in
            switch f {
            case .en: en = try r.string()
            case .es: es = try r.string()
            }
        }
        return LocalizedText(en: try Self.read(en), es: try Self.read(es))
    }
    mutating func date() throws(SnapshotError) -> PartialDate? {
        let v = Int(try varint())
        if v == 0 { return nil }
        let year = v / 10_000, month = v / 100 % 100, day = v % 100
        guard (1...9999).contains(year), month <= 12, day <= 31, month > 0 || day == 0 else { throw Self.damaged }
        return PartialDate(year: year, month: month == 0 ? nil : month, day: day == 0 ? nil : day)
    }
    mutating func event() throws(SnapshotError) -> DatedEvent? {
        try optional { (r: inout SnapshotReader) throws(SnapshotError) -> DatedEvent in
            var value: PartialDate?, event: DateEvent?
            try r.record(DatedEventField.self) { (r: inout SnapshotReader, f) throws(SnapshotError) in
                switch f {
                case .value: value = try r.date()
                case .event: event = try r.enum(DateEvent.self)
                }
            }
            return DatedEvent(try Self.read(value), try Self.read(event))
        }
    }
    mutating func sources() throws(SnapshotError) -> [SourceQuote] {
        try array { (r: inout SnapshotReader) throws(SnapshotError) in
            var article: String?, quote: InPlaceString?, note: String?
            try r.record(SourceQuoteField.self) { (r: inout SnapshotReader, f) throws(SnapshotError) in
                switch f {
                case .article: article = try r.reference()
                case .quote: quote = try r.stringInPlace()
                case .note: note = try r.optionalString()
                }
            }
            return SourceQuote(article: try Self.read(article), storedQuote: try Self.read(quote), note: note)
        }
    }
    mutating func citations() throws(SnapshotError) -> [Citation] {
        try array { (r: inout SnapshotReader) throws(SnapshotError) in
            var publisher: String?, title: String?, url: String?, published: PartialDate?, supports: String?
            try r.record(CitationField.self) { (r: inout SnapshotReader, f) throws(SnapshotError) in
                switch f {
                case .publisher: publisher = try r.string()
                case .title: title = try r.string()
                case .url: url = try r.optionalString()
                case .published: published = try r.date()
                case .supports: supports = try r.string()
                }
            }
            return Citation(
                publisher: try Self.read(publisher), title: try Self.read(title), url: url,
                published: published, supports: try Self.read(supports))
        }
    }
    mutating func records() throws(SnapshotError) -> [RecordSource] {
        try array { (r: inout SnapshotReader) throws(SnapshotError) in
            var dataset: String?, key: String?, url: String?, retrieved: PartialDate?, licence: String?
            try r.record(RecordSourceField.self) { (r: inout SnapshotReader, f) throws(SnapshotError) in
                switch f {
                case .dataset: dataset = try r.string()
                case .key: key = try r.string()
                case .url: url = try r.optionalString()
                case .retrieved: retrieved = try r.date()
                case .licence: licence = try r.optionalString()
                }
            }
            return RecordSource(
                dataset: try Self.read(dataset), key: try Self.read(key), url: url, retrieved: retrieved,
                licence: licence)
        }
    }
    mutating func strings() throws(SnapshotError) -> [String] {
        try array { (r: inout SnapshotReader) throws(SnapshotError) in try r.string() }
    }
    mutating func optionalString() throws(SnapshotError) -> String? {
        try optional { (r: inout SnapshotReader) throws(SnapshotError) in try r.string() }
    }
    mutating func optionalStringInPlace() throws(SnapshotError) -> InPlaceString? {
        try optional { (r: inout SnapshotReader) throws(SnapshotError) in try r.stringInPlace() }
    }
    mutating func optionalDouble() throws(SnapshotError) -> Double? {
        try optional { (r: inout SnapshotReader) throws(SnapshotError) in try r.double() }
    }

    mutating func article() throws(SnapshotError) -> Article {
        var id: String?, file: String?, title: InPlaceString?, outlet: InPlaceString?, author: String?
        var published: PartialDate?, publishedNote: String?, language: String?, url: InPlaceString?
        var retrieved: PartialDate?, text: InPlaceString?
        var added: PartialDate?, updated: PartialDate?
        try record(ArticleField.self) { (r: inout SnapshotReader, f) throws(SnapshotError) in
            switch f {
            case .id: id = try r.string()
            case .file: file = try r.optionalString()
            case .title: title = try r.stringInPlace()
            case .outlet: outlet = try r.optionalStringInPlace()
            case .author: author = try r.optionalString()
            case .published: published = try r.date()
            case .publishedNote: publishedNote = try r.optionalString()
            case .language: language = try r.string()
            case .url: url = try r.optionalStringInPlace()
            case .retrieved: retrieved = try r.date()
            case .text: text = try r.optionalStringInPlace()
            case .added: added = try r.date()
            case .updated: updated = try r.date()
            }
        }
        return Article(
            id: try Self.read(id), file: file, title: try Self.read(title), outlet: outlet, author: author,
            published: published, publishedNote: publishedNote, language: try Self.read(language), url: url,
            retrieved: retrieved, text: text, added: added, updated: updated)
    }

    mutating func group() throws(SnapshotError) -> Group {
        var id: String?, name: String?, description: LocalizedText?, sources: [SourceQuote] = []
        var citations: [Citation] = []
        var added: PartialDate?, updated: PartialDate?
        try record(GroupField.self) { (r: inout SnapshotReader, f) throws(SnapshotError) in
            switch f {
            case .id: id = try r.string()
            case .name: name = try r.string()
            case .description: description = try r.text()
            case .sources: sources = try r.sources()
            case .citations: citations = try r.citations()
            case .added: added = try r.date()
            case .updated: updated = try r.date()
            }
        }
        return Group(
            id: try Self.read(id), name: try Self.read(name), description: try Self.read(description),
            sources: sources, citations: citations, added: added, updated: updated)
    }

    mutating func company() throws(SnapshotError) -> Company {
        var id: String?, name: String?, aliases: [String] = [], kind: CompanyKind?, country: String?, parent: String?
        var description: LocalizedText?, groups: [String] = [], products: [String] = [], sources: [SourceQuote] = []
        var citations: [Citation] = [], records: [RecordSource] = [], sectors: [String] = []
        var added: PartialDate?, updated: PartialDate?
        try record(CompanyField.self) { (r: inout SnapshotReader, f) throws(SnapshotError) in
            switch f {
            case .id: id = try r.string()
            case .name: name = try r.string()
            case .aliases: aliases = try r.strings()
            case .kind: kind = try r.enum(CompanyKind.self)
            case .country: country = try r.optionalString()
            case .parent: parent = try r.optionalString()
            case .description: description = try r.text()
            case .groups: groups = try r.strings()
            case .products: products = try r.strings()
            case .sectors: sectors = try r.strings()
            case .sources: sources = try r.sources()
            case .citations: citations = try r.citations()
            case .records: records = try r.records()
            case .added: added = try r.date()
            case .updated: updated = try r.date()
            }
        }
        return Company(
            id: try Self.read(id), name: try Self.read(name), aliases: aliases, kind: try Self.read(kind),
            country: country, parent: parent, description: try Self.read(description), groups: groups,
            products: products, sectors: sectors, sources: sources, citations: citations, records: records,
            added: added, updated: updated)
    }

    mutating func alliance() throws(SnapshotError) -> Alliance {
        var id: String?, kind: AllianceKind?, parties = Parties(), amounts: [Amount] = [], date: DatedEvent?
        var status: AllianceStatus?, title: LocalizedText?, summary: LocalizedText?, products: [String] = []
        var provenance: StoredProvenance?
        var added: PartialDate?, updated: PartialDate?
        try record(AllianceField.self) { (r: inout SnapshotReader, f) throws(SnapshotError) in
            switch f {
            case .id: id = try r.string()
            case .kind: kind = try r.enum(AllianceKind.self)
            case .parties:
                // Appended one by one: no array is made for the two that stay in the record.
                for _ in 0..<(try r.count()) { parties.append(try r.party()) }
            case .amounts: amounts = try r.array { (r: inout SnapshotReader) throws(SnapshotError) in try r.amount() }
            case .date: date = try r.event()
            case .status: status = try r.enum(AllianceStatus.self)
            case .title: title = try r.text()
            case .summary: summary = try r.text()
            case .products: products = try r.strings()
            case .sources:
                // All the provenance's fields, which follow one another from here. Left in place, they are still
                // read (so checked) now, and read again when asked.
                if let list = r.alliancesInPlace, let offset = list.offset(of: r) {
                    let sources = try r.provenance().sources
                    provenance = .inPlace(list, offset: offset, articles: StoredProvenance.articleMarks(sources))
                } else {
                    provenance = .own(try r.provenance())
                }
            case .citations, .disagreement, .updates, .records: break  // read with the sources
            case .added: added = try r.date()
            case .updated: updated = try r.date()
            }
        }
        return Alliance(
            id: try Self.read(id), kind: try Self.read(kind), parties: parties, amounts: amounts, date: date,
            status: try Self.read(status), title: try Self.read(title), summary: try Self.read(summary),
            products: products, provenance: try Self.read(provenance), added: added, updated: updated)
    }

    /// An alliance's fields from its sources to its records (`AllianceProvenance.fields`).
    mutating func provenance() throws(SnapshotError) -> AllianceProvenance {
        var p = AllianceProvenance()
        for f in AllianceProvenance.fields {
            switch f {
            case .sources: p.sources = try sources()
            case .citations: p.citations = try citations()
            case .disagreement: p.disagreement = try optionalString()
            case .updates: p.updates = try array { (r: inout SnapshotReader) throws(SnapshotError) in try r.update() }
            case .records: p.records = try records()
            default: throw Self.damaged
            }
        }
        return p
    }

    mutating func party() throws(SnapshotError) -> Party {
        var company: String?, role: PartyRole?
        try record(PartyField.self) { (r: inout SnapshotReader, f) throws(SnapshotError) in
            switch f {
            case .company: company = try r.reference()
            case .role: role = try r.enum(PartyRole.self)
            }
        }
        return Party(try Self.read(company), try Self.read(role))
    }

    mutating func amount() throws(SnapshotError) -> Amount {
        var value: Double?, currency: String?, per: Amount.Per?, bound: Bound?, estimated = false, cumulative = false
        var termYears: Double?, from: String?, to: String?, purpose: AllianceKind?, note: String?
        try record(AmountField.self) { (r: inout SnapshotReader, f) throws(SnapshotError) in
            switch f {
            case .value: value = try r.double()
            case .currency: currency = try r.string()
            case .per: per = try r.enum(Amount.Per.self)
            case .bound: bound = try r.enum(Bound.self)
            case .estimated: estimated = try r.bool()
            case .cumulative: cumulative = try r.bool()
            case .termYears: termYears = try r.optionalDouble()
            case .from: from = try r.optional { (r: inout SnapshotReader) throws(SnapshotError) in try r.reference() }
            case .to: to = try r.optional { (r: inout SnapshotReader) throws(SnapshotError) in try r.reference() }
            case .purpose:
                purpose = try r.optional { (r: inout SnapshotReader) throws(SnapshotError) in
                    try r.enum(AllianceKind.self)
                }
            case .note: note = try r.optionalString()
            }
        }
        return Amount(
            value: try Self.read(value), currency: try Self.read(currency), per: try Self.read(per),
            bound: try Self.read(bound), estimated: estimated, cumulative: cumulative, termYears: termYears,
            from: from, to: to, purpose: purpose, note: note)
    }

    mutating func update() throws(SnapshotError) -> AllianceUpdate {
        var date: PartialDate?, text: LocalizedText?, citations: [Citation] = []
        try record(UpdateField.self) { (r: inout SnapshotReader, f) throws(SnapshotError) in
            switch f {
            case .date: date = try r.date()
            case .text: text = try r.text()
            case .citations: citations = try r.citations()
            }
        }
        return AllianceUpdate(date: try Self.read(date), text: try Self.read(text), citations: citations)
    }

    mutating func claim() throws(SnapshotError) -> Claim {
        var id: String?, about: ClaimSubject?, kind: ClaimKind?, figure: Figure?, text: LocalizedText?
        var date: DatedEvent?, sources: [SourceQuote] = [], citations: [Citation] = []
        var added: PartialDate?, updated: PartialDate?
        try record(ClaimField.self) { (r: inout SnapshotReader, f) throws(SnapshotError) in
            switch f {
            case .id: id = try r.string()
            case .about: about = try r.subject()
            case .kind: kind = try r.enum(ClaimKind.self)
            case .figure: figure = try r.optional { (r: inout SnapshotReader) throws(SnapshotError) in try r.figure() }
            case .text: text = try r.text()
            case .date: date = try r.event()
            case .sources: sources = try r.sources()
            case .citations: citations = try r.citations()
            case .added: added = try r.date()
            case .updated: updated = try r.date()
            }
        }
        return Claim(
            id: try Self.read(id), about: try Self.read(about), kind: try Self.read(kind), figure: figure,
            text: try Self.read(text), date: date, sources: sources, citations: citations, added: added,
            updated: updated)
    }

    mutating func subject() throws(SnapshotError) -> ClaimSubject {
        switch try u8() {
        case 0: return .company(try string())
        case 1: return .alliance(try string())
        case 2: return .product(name: try string(), company: try string())
        case 3: return .topic(try string())
        default: throw Self.damaged
        }
    }

    mutating func figure() throws(SnapshotError) -> Figure {
        var value: Double?, unit: String?, bound: Bound?
        try record(FigureField.self) { (r: inout SnapshotReader, f) throws(SnapshotError) in
            switch f {
            case .value: value = try r.double()
            case .unit: unit = try r.string()
            case .bound: bound = try r.enum(Bound.self)
            }
        }
        return Figure(value: try Self.read(value), unit: try Self.read(unit), bound: try Self.read(bound))
    }

    mutating func person() throws(SnapshotError) -> Person {
        var id: String?, name: String?, role: LocalizedText?, organization: String?, organizationName: String?
        var sources: [SourceQuote] = []
        var added: PartialDate?, updated: PartialDate?
        try record(PersonField.self) { (r: inout SnapshotReader, f) throws(SnapshotError) in
            switch f {
            case .id: id = try r.string()
            case .name: name = try r.string()
            case .role: role = try r.text()
            case .organization: organization = try r.optionalString()
            case .organizationName: organizationName = try r.optionalString()
            case .sources: sources = try r.sources()
            case .added: added = try r.date()
            case .updated: updated = try r.date()
            }
        }
        return Person(
            id: try Self.read(id), name: try Self.read(name), role: try Self.read(role),
            organization: organization, organizationName: organizationName, sources: sources, added: added,
            updated: updated)
    }

    mutating func shareEstimate() throws(SnapshotError) -> ShareEstimate {
        var id: String?, market: String?, scope: String?, metric: ShareEstimate.Metric?, region: String?, year: Int?
        var forecast = false, publisher: String?, published: PartialDate?, shares: [Share] = []
        var sources: [SourceQuote] = [], citations: [Citation] = []
        var added: PartialDate?, updated: PartialDate?
        try record(ShareEstimateField.self) { (r: inout SnapshotReader, f) throws(SnapshotError) in
            switch f {
            case .id: id = try r.string()
            case .market: market = try r.string()
            case .scope: scope = try r.string()
            case .metric: metric = try r.enum(ShareEstimate.Metric.self)
            case .region: region = try r.string()
            case .year: year = try r.int()
            case .forecast: forecast = try r.bool()
            case .publisher: publisher = try r.string()
            case .published: published = try r.date()
            case .shares: shares = try r.array { (r: inout SnapshotReader) throws(SnapshotError) in try r.share() }
            case .sources: sources = try r.sources()
            case .citations: citations = try r.citations()
            case .added: added = try r.date()
            case .updated: updated = try r.date()
            }
        }
        return ShareEstimate(
            id: try Self.read(id), market: try Self.read(market), scope: try Self.read(scope),
            metric: try Self.read(metric), region: try Self.read(region), year: try Self.read(year),
            forecast: forecast, publisher: try Self.read(publisher), published: published,
            shares: shares, sources: sources, citations: citations, added: added, updated: updated)
    }

    mutating func share() throws(SnapshotError) -> Share {
        var vendor: String?, label: String?, bound: Share.ShareBound?, value: Double?, upper: Double?
        try record(ShareField.self) { (r: inout SnapshotReader, f) throws(SnapshotError) in
            switch f {
            case .vendor: vendor = try r.optionalString()
            case .label: label = try r.string()
            case .bound: bound = try r.enum(Share.ShareBound.self)
            case .value: value = try r.double()
            case .upper: upper = try r.optionalDouble()
            }
        }
        return Share(
            vendor: vendor, label: try Self.read(label), bound: try Self.read(bound), value: try Self.read(value),
            upper: upper)
    }
}
