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

    private func key(_ name: StaticString) {
        member()
        bytes.append(UInt8(ascii: "\""))
        append(name)
        append("\": ")
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

    func field(_ name: StaticString, _ value: String) { key(name); string(value) }
    func field(_ name: StaticString, _ value: Int) { key(name); bytes.append(contentsOf: String(value).utf8) }
    func field(_ name: StaticString, _ value: Double) { key(name); number(value) }
    func field(_ name: StaticString, _ value: Bool) { key(name); append(value ? "true" : "false") }

    func optional(_ name: StaticString, _ value: String?) { if let value { field(name, value) } }
    func optional(_ name: StaticString, _ value: Double?) { if let value { field(name, value) } }
    func optional(_ name: StaticString, _ value: PartialDate?) { if let value { field(name, value.description) } }

    func object(_ name: StaticString, _ body: () -> Void) { key(name); object(body) }

    /// A list of records or values, read once in order. Optional lists are left out when empty; required ones are
    /// written as `[]`. `then` runs after each element (where a streaming caller hands on full chunks).
    func array<S: Sequence>(_ name: StaticString, _ items: S, required: Bool = false, _ element: (S.Element) -> Void) {
        array(name, items, required: required, element, then: {})
    }

    func array<S: Sequence>(_ name: StaticString, _ items: S, required: Bool = false, _ element: (S.Element) -> Void,
                            then: () throws -> Void) rethrows {
        var iterator = items.makeIterator()
        let first = iterator.next()
        if first == nil && !required { return }
        key(name)
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

    func strings(_ name: StaticString, _ items: [String]) {
        array(name, items) { self.string($0) }
    }

    // MARK: Shared shapes

    func text(_ name: StaticString, _ t: LocalizedText) {
        object(name) {
            field("en", t.en)
            field("es", t.es)
        }
    }

    func sources(_ name: StaticString, _ quotes: [SourceQuote], required: Bool = false) {
        array(name, quotes, required: required) { q in
            self.object {
                self.field("article", q.article)
                self.field("quote", q.quote)
                self.optional("note", q.note)
            }
        }
    }

    func citations(_ list: [Citation], required: Bool = false) {
        array("citations", list, required: required) { c in
            self.object {
                self.field("publisher", c.publisher)
                self.field("title", c.title)
                self.optional("url", c.url)
                self.optional("published", c.published)
                self.field("supports", c.supports)
            }
        }
    }

    func date(_ event: DatedEvent?) {
        guard let event else { return }
        object("date") {
            field("value", event.value.description)
            field("event", event.event.rawValue)
        }
    }

    // MARK: Records

    func article(_ a: Article) {
        object {
            field("id", a.id)
            optional("file", a.file)
            field("title", a.title)
            optional("outlet", a.outlet)
            optional("author", a.author)
            optional("published", a.published)
            optional("publishedNote", a.publishedNote)
            field("language", a.language)
            optional("url", a.url)
        }
    }

    func group(_ g: Group) {
        object {
            field("id", g.id)
            field("name", g.name)
            text("description", g.description)
            sources("sources", g.sources)
            citations(g.citations)
        }
    }

    func company(_ c: Company) {
        object {
            field("id", c.id)
            field("name", c.name)
            strings("aliases", c.aliases)
            field("kind", c.kind.rawValue)
            optional("country", c.country)
            optional("parent", c.parent)
            text("description", c.description)
            strings("groups", c.groups)
            strings("products", c.products)
            sources("sources", c.sources)
            citations(c.citations)
        }
    }

    func alliance(_ a: Alliance) {
        object {
            field("id", a.id)
            field("kind", a.kind.rawValue)
            array("parties", a.parties, required: true) { p in
                self.object {
                    self.field("company", p.company)
                    self.field("role", p.role.rawValue)
                }
            }
            array("amounts", a.amounts) { self.amount($0) }
            date(a.date)
            field("status", a.status.rawValue)
            text("title", a.title)
            text("summary", a.summary)
            strings("products", a.products)
            sources("sources", a.sources, required: true)
            citations(a.citations)
            optional("disagreement", a.disagreement)
            array("updates", a.updates) { u in
                self.object {
                    self.field("date", u.date.description)
                    self.text("text", u.text)
                    self.citations(u.citations, required: true)
                }
            }
        }
    }

    func amount(_ m: Amount) {
        object {
            field("value", m.value)
            field("currency", m.currency)
            if m.per != .total { field("per", m.per.rawValue) }
            if m.bound != .exact { field("bound", m.bound.rawValue) }
            if m.estimated { field("estimated", true) }
            if m.cumulative { field("cumulative", true) }
            optional("termYears", m.termYears)
            optional("from", m.from)
            optional("to", m.to)
            optional("purpose", m.purpose?.rawValue)
            optional("note", m.note)
        }
    }

    func claim(_ c: Claim) {
        object {
            field("id", c.id)
            object("about") {
                // The shapes FORMAT.md gives: {"company"}, {"alliance"}, {"product", "company"}, {"topic"}.
                switch c.about {
                case .company(let id): field("company", id)
                case .alliance(let id): field("alliance", id)
                case .product(let name, let company): field("product", name); field("company", company)
                case .topic(let topic): field("topic", topic)
                }
            }
            field("kind", c.kind.rawValue)
            if let f = c.figure {
                object("figure") {
                    field("value", f.value)
                    field("unit", f.unit)
                    if f.bound != .exact { field("bound", f.bound.rawValue) }
                }
            }
            text("text", c.text)
            date(c.date)
            sources("sources", c.sources, required: true)
            citations(c.citations)
        }
    }

    func person(_ p: Person) {
        object {
            field("id", p.id)
            field("name", p.name)
            text("role", p.role)
            optional("organization", p.organization)
            optional("organizationName", p.organizationName)
            sources("sources", p.sources, required: true)
        }
    }

    func shareEstimate(_ e: ShareEstimate) {
        object {
            field("id", e.id)
            field("market", e.market)
            field("scope", e.scope)
            field("metric", e.metric.rawValue)
            field("region", e.region)
            field("year", e.year)
            field("forecast", e.forecast)
            field("publisher", e.publisher)
            optional("published", e.published)
            array("shares", e.shares, required: true) { s in
                self.object {
                    self.optional("vendor", s.vendor)
                    self.field("label", s.label)
                    if s.bound != .exact { self.field("bound", s.bound.rawValue) }
                    self.field("value", s.value)
                    self.optional("upper", s.upper)
                }
            }
            sources("sources", e.sources)
            citations(e.citations)
        }
    }
}

// MARK: - Streaming

extension Dataset {
    /// The bytes of `canonicalJSON()`, handed to `sink` in pieces of about `chunkSize` bytes (each piece ends at a
    /// record boundary), so a large dataset can go to a file without one giant string.
    public func writeCanonicalJSON(chunkSize: Int = 1 << 20,
                                   to sink: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        try Dataset.writeCanonicalJSON(articles: articles, groups: groups, companies: companies, alliances: alliances,
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
            w.field("format", Dataset.formatName)
            w.field("version", Dataset.formatVersion)
            try w.array("articles", articles, required: true, { w.article($0) }, then: flushIfFull)
            try w.array("groups", groups, { w.group($0) }, then: flushIfFull)
            try w.array("companies", companies, required: true, { w.company($0) }, then: flushIfFull)
            try w.array("alliances", alliances, required: true, { w.alliance($0) }, then: flushIfFull)
            try w.array("claims", claims, { w.claim($0) }, then: flushIfFull)
            try w.array("people", people, { w.person($0) }, then: flushIfFull)
            try w.array("shareEstimates", shareEstimates, { w.shareEstimate($0) }, then: flushIfFull)
        }
        w.bytes.append(0x0A)
        try flush()
    }
}
