// Writes a dataset in its canonical text (FORMAT.md): two-space indent, keys in the order FORMAT.md lists them,
// optional fields left out when they are absent or hold their default, empty optional lists left out, integral
// numbers as integers, strings as UTF-8 with only what JSON requires escaped, and a final newline. Decoding the
// text gives the same dataset back, and encoding that again gives the same bytes, so `allies export --format json`
// diffs cleanly against a file that is already canonical.

extension Dataset {
    /// The dataset in the canonical format of FORMAT.md.
    ///
    /// Numbers must be finite (a decoded dataset's always are); a NaN or infinity, which JSON cannot hold, is
    /// written as `null`.
    public func canonicalJSON() -> String {
        var text: [UInt8] = []
        writeCanonicalJSON { text.append(contentsOf: $0) }
        return String(decoding: text, as: UTF8.self)
    }
}

/// A streaming writer: each value goes straight into the byte buffer, so a million alliances need no tree.
private final class CanonicalJSONWriter {
    var bytes: [UInt8] = []
    private var depth = 0
    /// Whether the container being written has no member yet (it decides between `,` and nothing, and `[]`).
    private var empty = true

    init() { bytes.reserveCapacity(1 << 16) }

    // MARK: Layout

    private func append(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private func newlineAndIndent() {
        bytes.append(0x0A)
        bytes.append(contentsOf: repeatElement(0x20, count: depth * 2))
    }

    /// Starts a member of the current container on its own line.
    private func member() {
        if !empty { bytes.append(UInt8(ascii: ",")) }
        empty = false
        newlineAndIndent()
    }

    private func container(_ open: UInt8, _ close: UInt8, _ body: () throws -> Void) rethrows {
        let outer = empty
        bytes.append(open)
        depth += 1
        empty = true
        try body()
        depth -= 1
        if !empty { newlineAndIndent() }
        bytes.append(close)
        empty = outer
    }

    /// An object as a value (after a key, or at the top).
    func object(_ body: () throws -> Void) rethrows {
        try container(UInt8(ascii: "{"), UInt8(ascii: "}"), body)
    }

    // MARK: Scalars

    private func string(_ s: String) {
        // Most strings need no escape: their UTF-8 goes in as it is, the bytes JSONValue.escape would write.
        if CanonicalJSONWriter.needsNoEscape(s) {
            bytes.append(UInt8(ascii: "\""))
            bytes.append(contentsOf: s.utf8)
            bytes.append(UInt8(ascii: "\""))
            return
        }
        var text = ""
        JSONValue.escape(s, into: &text)
        bytes.append(contentsOf: text.utf8)
    }

    /// Whether JSONValue.escape would leave every character of `s` as it is: no control character, DEL, `"` or
    /// `\`. Those are all ASCII, and in UTF-8 an ASCII byte is always a whole character, so bytes can be checked.
    private static func needsNoEscape(_ s: String) -> Bool {
        s.utf8.allSatisfy { $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C && $0 != 0x7F }
    }

    private func number(_ v: Double) {
        bytes.append(contentsOf: JSONValue.numberText(v).utf8)
    }

    // MARK: Fields

    private func key(_ field: some RecordField) {
        member()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: field.name.utf8)
        append("\": ")
    }

    func field(_ f: some RecordField, _ value: String) { key(f); string(value) }
    func field(_ f: some RecordField, _ value: Int) { key(f); bytes.append(contentsOf: String(value).utf8) }
    func field(_ f: some RecordField, _ value: Double) { key(f); number(value) }
    func field(_ f: some RecordField, _ value: Bool) { key(f); append(value ? "true" : "false") }
    func field<E: RawRepresentable>(_ f: some RecordField, _ value: E) where E.RawValue == String {
        field(f, value.rawValue)
    }

    func optional(_ f: some RecordField, _ value: String?) { if let value { field(f, value) } }
    func optional(_ f: some RecordField, _ value: Double?) { if let value { field(f, value) } }
    func optional(_ f: some RecordField, _ value: PartialDate?) { if let value { field(f, value.description) } }
    func optional<E: RawRepresentable>(_ f: some RecordField, _ value: E?) where E.RawValue == String {
        if let value { field(f, value.rawValue) }
    }
    /// A field left out when it holds its default (`per: total`, `bound: exact`, `estimated: false`).
    func unlessDefault<V: Equatable>(_ f: some RecordField, _ value: V, _ standard: V, _ write: () -> Void) {
        if value != standard { write() }
    }

    /// One record: `body` writes the value of each field, in canonical order (a `switch` with no `default:`, so every
    /// field of the declaration is written or deliberately left out).
    func record<F: RecordField>(_ type: F.Type, _ body: (F) -> Void) {
        object { for f in F.ordered { body(f) } }
    }

    func record<F: RecordField>(_ f: some RecordField, _ type: F.Type, _ body: (F) -> Void) {
        key(f)
        record(type, body)
    }

    /// A list of records or values, read once in order. Lists the declaration calls optional are left out when
    /// empty; required ones are written as `[]`. `then` runs after each element (where a streaming caller hands on
    /// full chunks).
    func array<S: Sequence>(_ f: some RecordField, _ items: S, _ element: (S.Element) -> Void) {
        array(f, items, element, then: {})
    }

    func array<S: Sequence>(
        _ f: some RecordField, _ items: S, _ element: (S.Element) -> Void,
        then: () throws -> Void
    ) rethrows {
        var iterator = items.makeIterator()
        let first = iterator.next()
        if first == nil && !f.isRequired { return }
        key(f)
        try container(UInt8(ascii: "["), UInt8(ascii: "]")) {
            var next = first
            while let item = next {
                member()
                element(item)
                try then()
                next = iterator.next()
            }
        }
    }

    func strings(_ f: some RecordField, _ items: [String]) {
        array(f, items) { self.string($0) }
    }

    // MARK: Shared shapes

    func text(_ f: some RecordField, _ t: LocalizedText) {
        record(f, TextField.self) { g in
            switch g {
            case .en: self.field(g, t.en)
            case .es: self.field(g, t.es)
            }
        }
    }

    func sources(_ f: some RecordField, _ quotes: [SourceQuote]) {
        array(f, quotes) { q in
            self.record(SourceQuoteField.self) { g in
                switch g {
                case .article: self.field(g, q.article)
                case .quote: self.field(g, q.quote)
                case .note: self.optional(g, q.note)
                }
            }
        }
    }

    func citations(_ f: some RecordField, _ list: [Citation]) {
        array(f, list) { c in
            self.record(CitationField.self) { g in
                switch g {
                case .publisher: self.field(g, c.publisher)
                case .title: self.field(g, c.title)
                case .url: self.optional(g, c.url)
                case .published: self.optional(g, c.published)
                case .supports: self.field(g, c.supports)
                }
            }
        }
    }

    func records(_ f: some RecordField, _ list: [RecordSource]) {
        array(f, list) { r in
            self.record(RecordSourceField.self) { g in
                switch g {
                case .dataset: self.field(g, r.dataset)
                case .key: self.field(g, r.key)
                case .url: self.optional(g, r.url)
                case .retrieved: self.optional(g, r.retrieved)
                case .licence: self.optional(g, r.licence)
                }
            }
        }
    }

    func date(_ f: some RecordField, _ event: DatedEvent?) {
        guard let event else { return }
        record(f, DatedEventField.self) { g in
            switch g {
            case .value: self.field(g, event.value.description)
            case .event: self.field(g, event.event)
            }
        }
    }

    // MARK: Records

    func article(_ a: Article) {
        record(ArticleField.self) { f in
            switch f {
            case .id: field(f, a.id)
            case .file: optional(f, a.file)
            case .title: field(f, a.title)
            case .outlet: optional(f, a.outlet)
            case .author: optional(f, a.author)
            case .published: optional(f, a.published)
            case .publishedNote: optional(f, a.publishedNote)
            case .language: field(f, a.language)
            case .url: optional(f, a.url)
            case .retrieved: optional(f, a.retrieved)
            case .text: optional(f, a.text)
            case .added: optional(f, a.added)
            case .updated: optional(f, a.updated)
            }
        }
    }

    func group(_ g: Group) {
        record(GroupField.self) { f in
            switch f {
            case .id: field(f, g.id)
            case .name: field(f, g.name)
            case .description: text(f, g.description)
            case .sources: sources(f, g.sources)
            case .citations: citations(f, g.citations)
            case .added: optional(f, g.added)
            case .updated: optional(f, g.updated)
            }
        }
    }

    func company(_ c: Company) {
        record(CompanyField.self) { f in
            switch f {
            case .id: field(f, c.id)
            case .name: field(f, c.name)
            case .aliases: strings(f, c.aliases)
            case .kind: field(f, c.kind)
            case .country: optional(f, c.country)
            case .parent: optional(f, c.parent)
            case .description: text(f, c.description)
            case .groups: strings(f, c.groups)
            case .products: strings(f, c.products)
            case .sectors: strings(f, c.sectors)
            case .sources: sources(f, c.sources)
            case .citations: citations(f, c.citations)
            case .records: records(f, c.records)
            case .added: optional(f, c.added)
            case .updated: optional(f, c.updated)
            }
        }
    }

    func alliance(_ a: Alliance) {
        record(AllianceField.self) { f in
            switch f {
            case .id: field(f, a.id)
            case .kind: field(f, a.kind)
            case .parties: array(f, a.parties) { self.party($0) }
            case .amounts: array(f, a.amounts) { self.amount($0) }
            case .date: date(f, a.date)
            case .status: field(f, a.status)
            case .title: text(f, a.title)
            case .summary: text(f, a.summary)
            case .products: strings(f, a.products)
            case .sources: sources(f, a.sources)
            case .citations: citations(f, a.citations)
            case .disagreement: optional(f, a.disagreement)
            case .updates: array(f, a.updates) { self.update($0) }
            case .records: records(f, a.records)
            case .added: optional(f, a.added)
            case .updated: optional(f, a.updated)
            }
        }
    }

    func party(_ p: Party) {
        record(PartyField.self) { f in
            switch f {
            case .company: field(f, p.company)
            case .role: field(f, p.role)
            }
        }
    }

    func update(_ u: AllianceUpdate) {
        record(UpdateField.self) { f in
            switch f {
            case .date: field(f, u.date.description)
            case .text: text(f, u.text)
            case .citations: citations(f, u.citations)
            }
        }
    }

    func amount(_ m: Amount) {
        record(AmountField.self) { f in
            switch f {
            case .value: field(f, m.value)
            case .currency: field(f, m.currency)
            case .per: unlessDefault(f, m.per, .total) { field(f, m.per) }
            case .bound: unlessDefault(f, m.bound, .exact) { field(f, m.bound) }
            case .estimated: unlessDefault(f, m.estimated, false) { field(f, true) }
            case .cumulative: unlessDefault(f, m.cumulative, false) { field(f, true) }
            case .termYears: optional(f, m.termYears)
            case .from: optional(f, m.from)
            case .to: optional(f, m.to)
            case .purpose: optional(f, m.purpose)
            case .note: optional(f, m.note)
            }
        }
    }

    func claim(_ c: Claim) {
        record(ClaimField.self) { f in
            switch f {
            case .id: field(f, c.id)
            case .about: subject(f, c.about)
            case .kind: field(f, c.kind)
            case .figure: if let figure = c.figure { self.figure(f, figure) }
            case .text: text(f, c.text)
            case .date: date(f, c.date)
            case .sources: sources(f, c.sources)
            case .citations: citations(f, c.citations)
            case .added: optional(f, c.added)
            case .updated: optional(f, c.updated)
            }
        }
    }

    /// A subject is one of the shapes FORMAT.md gives: {"company"}, {"alliance"}, {"product", "company"},
    /// {"topic"}; written by its shape (a product names itself before its company), not field by field.
    func subject(_ f: some RecordField, _ about: ClaimSubject) {
        key(f)
        object {
            switch about {
            case .company(let id): field(SubjectField.company, id)
            case .alliance(let id): field(SubjectField.alliance, id)
            case .product(let name, let company):
                field(SubjectField.product, name); field(SubjectField.company, company)
            case .topic(let topic): field(SubjectField.topic, topic)
            }
        }
    }

    func figure(_ f: some RecordField, _ figure: Figure) {
        record(f, FigureField.self) { g in
            switch g {
            case .value: field(g, figure.value)
            case .unit: field(g, figure.unit)
            case .bound: unlessDefault(g, figure.bound, .exact) { field(g, figure.bound) }
            }
        }
    }

    func person(_ p: Person) {
        record(PersonField.self) { f in
            switch f {
            case .id: field(f, p.id)
            case .name: field(f, p.name)
            case .role: text(f, p.role)
            case .organization: optional(f, p.organization)
            case .organizationName: optional(f, p.organizationName)
            case .sources: sources(f, p.sources)
            case .added: optional(f, p.added)
            case .updated: optional(f, p.updated)
            }
        }
    }

    func shareEstimate(_ e: ShareEstimate) {
        record(ShareEstimateField.self) { f in
            switch f {
            case .id: field(f, e.id)
            case .market: field(f, e.market)
            case .scope: field(f, e.scope)
            case .metric: field(f, e.metric)
            case .region: field(f, e.region)
            case .year: field(f, e.year)
            case .forecast: field(f, e.forecast)
            case .publisher: field(f, e.publisher)
            case .published: optional(f, e.published)
            case .shares: array(f, e.shares) { self.share($0) }
            case .sources: sources(f, e.sources)
            case .citations: citations(f, e.citations)
            case .added: optional(f, e.added)
            case .updated: optional(f, e.updated)
            }
        }
    }

    func share(_ s: Share) {
        record(ShareField.self) { f in
            switch f {
            case .vendor: optional(f, s.vendor)
            case .label: field(f, s.label)
            case .bound: unlessDefault(f, s.bound, .exact) { field(f, s.bound) }
            case .value: field(f, s.value)
            case .upper: optional(f, s.upper)
            }
        }
    }
}

// MARK: - Streaming

extension Dataset {
    /// The bytes of `canonicalJSON()`, handed to `sink` in pieces of about `chunkSize` bytes (each piece ends at a
    /// record boundary), so a large dataset can go to a file without one giant string.
    public func writeCanonicalJSON(
        chunkSize: Int = 1 << 20,
        to sink: (UnsafeBufferPointer<UInt8>) throws -> Void
    ) rethrows {
        try Dataset.writeCanonicalJSON(
            articles: articles, groups: groups, companies: companies, alliances: alliances,
            claims: claims, people: people, shareEstimates: shareEstimates,
            chunkSize: chunkSize, to: sink)
    }

    /// Writes a dataset given list by list, byte for byte what `canonicalJSON()` writes for a dataset with these
    /// lists. The lists are sequences, read once in order, so their records can be made one at a time (a million
    /// generated alliances never need to be in memory together). Bytes go to `sink` in pieces of about `chunkSize`.
    public static func writeCanonicalJSON(
        articles: some Sequence<Article>, groups: some Sequence<Group>, companies: some Sequence<Company>,
        alliances: some Sequence<Alliance>, claims: some Sequence<Claim>, people: some Sequence<Person>,
        shareEstimates: some Sequence<ShareEstimate>, chunkSize: Int = 1 << 20,
        to sink: (UnsafeBufferPointer<UInt8>) throws -> Void
    ) rethrows {
        let w = CanonicalJSONWriter()
        let limit = max(1, chunkSize)
        w.bytes.reserveCapacity(limit + (1 << 16))
        func flush() throws {
            guard !w.bytes.isEmpty else { return }
            try w.bytes.withUnsafeBufferPointer { try sink($0) }
            w.bytes.removeAll(keepingCapacity: true)
        }
        func flushIfFull() throws { if w.bytes.count >= limit { try flush() } }
        try w.object {
            for f in DatasetField.ordered {
                switch f {
                case .format: w.field(f, Dataset.formatName)
                case .version: w.field(f, Dataset.formatVersion)
                case .articles: try w.array(f, articles, { w.article($0) }, then: flushIfFull)
                case .groups: try w.array(f, groups, { w.group($0) }, then: flushIfFull)
                case .companies: try w.array(f, companies, { w.company($0) }, then: flushIfFull)
                case .alliances: try w.array(f, alliances, { w.alliance($0) }, then: flushIfFull)
                case .claims: try w.array(f, claims, { w.claim($0) }, then: flushIfFull)
                case .people: try w.array(f, people, { w.person($0) }, then: flushIfFull)
                case .shareEstimates: try w.array(f, shareEstimates, { w.shareEstimate($0) }, then: flushIfFull)
                }
            }
        }
        w.bytes.append(0x0A)
        try flush()
    }
}
