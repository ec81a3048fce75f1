// FollowTheMoney (FtM), the entity format of OpenSanctions and Aleph: one JSON object per line,
// `{"id": …, "schema": …, "properties": {"name": ["…"], …}}`, every property value a list of strings. `allies export
// --format ftm` writes the dataset in it and `allies import ftm` (FtMReader) reads it back. FORMAT.md, section
// "FollowTheMoney", has the mapping table.
//
// The schema names and properties are the ones of the `followthemoney` package's schema files
// (followthemoney/schema/*.yaml, version 4.x): Thing.yaml (name, alias, country, description, notes, sourceUrl,
// publisher), LegalEntity.yaml (sector), Interval.yaml (date, startDate, summary, description, recordId, sourceUrl,
// publisher), Interest.yaml (role, status: every Ownership, UnknownLink, ContractAward and Succession has them),
// Ownership.yaml (owner, asset, percentage, sharesValue, sharesCurrency), Contract.yaml (title, authority,
// contractDate; required: title), ContractAward.yaml (supplier, contract; Value.yaml: amount, currency, amountUsd),
// UnknownLink.yaml (subject, object), Payment.yaml (payer, beneficiary), Succession.yaml (predecessor, successor).
//
// What FtM has no property for (an alliance's kind, its status word, the date's event, the parties' exact roles,
// an amount's bound, rate, estimate, running total, term, payer and payee, purpose and note, the titles and summaries
// in both languages, a company's kind and description, products, updates, and every record's provenance: its records
// of other datasets with their licences, its citations and quotes) travels in "descriptors": values that start with
// `allies:` in the entity's `description` (links) or `notes` (companies), made of space-separated `key=value` tokens
// whose values are percent-encoded (`%`, space and control characters). FtMDescriptor reads and writes them.

/// Why an FtM line or value cannot be read: a message for the rejects file.
public struct FtMReason: Error, Equatable, Sendable, CustomStringConvertible, ExpressibleByStringInterpolation {
    public let text: String
    public init(stringLiteral value: String) { text = value }
    public init(stringInterpolation: DefaultStringInterpolation) {
        text = String(stringInterpolation: stringInterpolation)
    }
    public init(_ text: String) { self.text = text }
    public var description: String { text }
}

/// The `allies:` descriptors: one line of tokens, `allies:WHAT` then `key=value` or bare flags.
public enum FtMDescriptor {
    public static let prefix = "allies:"

    /// `%`, space, `=` and controls become `%XX`; everything else (UTF-8 included) stays.
    public static func encode(_ s: String) -> String {
        var out: [UInt8] = []
        for b in s.utf8 {
            if b == UInt8(ascii: "%") || b == UInt8(ascii: " ") || b == UInt8(ascii: "=") || b < 0x20 || b == 0x7F {
                let hex = Array("0123456789ABCDEF".utf8)
                out += [UInt8(ascii: "%"), hex[Int(b >> 4)], hex[Int(b & 15)]]
            } else {
                out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The inverse of `encode`; nil for a bad escape or bytes that are not UTF-8.
    public static func decode(_ s: Substring) -> String? {
        let utf8 = s.utf8
        if !utf8.contains(UInt8(ascii: "%")) { return String(s) }
        func hex(_ b: UInt8?) -> UInt8? {
            switch b {
            case let b? where b >= 0x30 && b <= 0x39: return b - 0x30
            case let b? where b >= 0x41 && b <= 0x46: return b - 0x41 + 10
            case let b? where b >= 0x61 && b <= 0x66: return b - 0x61 + 10
            default: return nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var bytes = utf8.makeIterator()
        while let b = bytes.next() {
            if b != UInt8(ascii: "%") { out.append(b); continue }
            guard let h = hex(bytes.next()), let l = hex(bytes.next()) else { return nil }
            out.append(h << 4 | l)
        }
        return String(validating: out, as: UTF8.self)
    }

    /// One descriptor: what it describes (`deal`, `party`, `amount`, `text`, `company`) and its tokens in order.
    public struct Line: Equatable, Sendable {
        public var what: String
        /// Positional tokens (a party's number, entity id and role) and `key=value` pairs; a flag is a key with a nil
        /// value.
        public var tokens: [(key: String, value: String?)]

        public init(_ what: String, _ tokens: [(String, String?)]) {
            self.what = what; self.tokens = tokens.map { (key: $0.0, value: $0.1) }
        }

        public static func == (a: Line, b: Line) -> Bool {
            a.what == b.what && a.tokens.map(\.key) == b.tokens.map(\.key)
                && a.tokens.map(\.value) == b.tokens.map(\.value)
        }

        public var text: String {
            var s = prefix + what
            for (k, v) in tokens { s += " " + encode(k) + (v.map { "=" + encode($0) } ?? "") }
            return s
        }

        public func value(_ key: String) -> String? { tokens.first { $0.key == key }?.value ?? nil }
        public func has(_ key: String) -> Bool { tokens.contains { $0.key == key } }

        /// Parses a value that starts with `allies:`; the reason when it is malformed.
        public static func parse(_ text: String) -> Result<Line, FtMReason> {
            guard text.hasPrefix(prefix) else { return .failure("does not start with \(prefix)") }
            let parts = text.dropFirst(prefix.count).split(separator: " ", omittingEmptySubsequences: true)
            guard let what = parts.first, !what.isEmpty else { return .failure("names nothing after \(prefix)") }
            var tokens: [(String, String?)] = []
            for part in parts.dropFirst() {
                if let eq = part.firstIndex(of: "=") {
                    guard let k = decode(part[..<eq]), let v = decode(part[part.index(after: eq)...]) else {
                        return .failure("has a bad %-escape in \"\(part)\"")
                    }
                    tokens.append((k, v))
                } else {
                    guard let k = decode(part) else { return .failure("has a bad %-escape in \"\(part)\"") }
                    tokens.append((k, nil))
                }
            }
            return .success(Line(String(what), tokens))
        }
    }
}

// A record's provenance in descriptors, keyed by the fields' JSON names (RecordFields.swift), so that a field added
// there fails to compile here until it travels too.
extension FtMDescriptor {
    /// `allies:citation`, with `update=N` when it backs an alliance's Nth update.
    public static func citation(_ c: Citation, update: Int? = nil) -> Line {
        var tokens: [(String, String?)] = update.map { [("update", String($0))] } ?? []
        for f in CitationField.ordered {
            let value: String?
            switch f {
            case .publisher: value = c.publisher
            case .title: value = c.title
            case .url: value = c.url
            case .published: value = c.published?.description
            case .supports: value = c.supports
            }
            if let value { tokens.append((f.name, value)) }
        }
        return Line("citation", tokens)
    }

    /// An alliance's updates: `allies:update N date=… text.en=… text.es=…`, then its citations.
    public static func updates(_ updates: [AllianceUpdate]) -> [Line] {
        var lines: [Line] = []
        for (i, u) in updates.enumerated() {
            lines.append(
                Line(
                    "update",
                    [
                        (String(i + 1), nil), ("date", u.date.description), ("text.en", u.text.en),
                        ("text.es", u.text.es),
                    ]
                ))
            lines += u.citations.map { citation($0, update: i + 1) }
        }
        return lines
    }

    /// One `allies:record` per record of another dataset, one `allies:citation` per citation and one `allies:quote`
    /// per quote, with its article's title, outlet, address and date for a dataset that does not have the article.
    public static func provenance(
        _ sources: [SourceQuote], _ citations: [Citation], _ records: [RecordSource], articles: [String: Article]
    ) -> [Line] {
        var lines: [Line] = []
        for r in records {
            var tokens: [(String, String?)] = []
            for f in RecordSourceField.ordered {
                let value: String?
                switch f {
                case .dataset: value = r.dataset
                case .key: value = r.key
                case .url: value = r.url
                case .retrieved: value = r.retrieved?.description
                case .licence: value = r.licence
                }
                if let value { tokens.append((f.name, value)) }
            }
            lines.append(Line("record", tokens))
        }
        lines += citations.map { citation($0) }
        for q in sources {
            var tokens: [(String, String?)] = []
            for f in SourceQuoteField.ordered {
                switch f {
                case .article: tokens.append((f.name, q.article))
                case .quote: tokens.append((f.name, q.quote))
                case .note: if let n = q.note { tokens.append((f.name, n)) }
                }
            }
            if let a = articles[q.article] {
                let about: [(ArticleField, String?)] = [
                    (.title, a.title), (.outlet, a.outlet), (.url, a.url), (.published, a.published?.description),
                ]
                for case (let f, let value?) in about { tokens.append((f.name, value)) }
            }
            lines.append(Line("quote", tokens))
        }
        return lines
    }

    /// Reads a provenance descriptor into `carried`: `.success(false)` when `line` is another descriptor, the reason
    /// when it is malformed (an unknown key, a required field missing, a date that does not read).
    public static func read(_ line: Line, into carried: inout CarriedProvenance) -> Result<Bool, FtMReason> {
        func date(_ key: String, _ text: String) -> Result<PartialDate, FtMReason> {
            PartialDate.parse(text).mapError { FtMReason("\(key) \"\(text)\": \($0)") }
        }
        func missing(_ names: [String]) -> FtMReason {
            FtMReason("allies:\(line.what) needs " + names.map { "\($0)=" }.joined(separator: " and "))
        }
        switch line.what {
        case "record":
            var fields: [RecordSourceField: String] = [:]
            for case (let k, let v?) in line.tokens {
                guard let f = RecordSourceField(rawValue: k) else {
                    return .failure("allies:record has no field \"\(k)\"")
                }
                fields[f] = v
            }
            guard let dataset = fields[.dataset], let key = fields[.key] else {
                return .failure(missing([RecordSourceField.dataset.name, RecordSourceField.key.name]))
            }
            var r = RecordSource(dataset: dataset, key: key, url: fields[.url], licence: fields[.licence])
            if let t = fields[.retrieved] {
                switch date(RecordSourceField.retrieved.name, t) {
                case .success(let d): r.retrieved = d
                case .failure(let why): return .failure(why)
                }
            }
            carried.records.append(r)
        case "citation":
            var fields: [CitationField: String] = [:]
            for case (let k, let v?) in line.tokens {
                guard let f = CitationField(rawValue: k) else {
                    return .failure("allies:citation has no field \"\(k)\"")
                }
                fields[f] = v
            }
            guard let publisher = fields[.publisher], let title = fields[.title], let supports = fields[.supports]
            else {
                return .failure(
                    missing([CitationField.publisher.name, CitationField.title.name, CitationField.supports.name]))
            }
            var c = Citation(publisher: publisher, title: title, url: fields[.url], supports: supports)
            if let t = fields[.published] {
                switch date(CitationField.published.name, t) {
                case .success(let d): c.published = d
                case .failure(let why): return .failure(why)
                }
            }
            carried.citations.append(c)
        case "quote":
            var quoteFields: [SourceQuoteField: String] = [:]
            var articleFields: [ArticleField: String] = [:]
            for case (let k, let v?) in line.tokens {
                if let f = SourceQuoteField(rawValue: k) {
                    quoteFields[f] = v
                } else if let f = ArticleField(rawValue: k), [.title, .outlet, .url, .published].contains(f) {
                    articleFields[f] = v
                } else {
                    return .failure("allies:quote has no field \"\(k)\"")
                }
            }
            guard let article = quoteFields[.article], let text = quoteFields[.quote], !text.isEmpty else {
                return .failure(missing([SourceQuoteField.article.name, SourceQuoteField.quote.name]))
            }
            var q = CarriedQuote(
                SourceQuote(article: article, quote: text, note: quoteFields[.note]), title: articleFields[.title],
                outlet: articleFields[.outlet], url: articleFields[.url])
            if let t = articleFields[.published] {
                switch date(ArticleField.published.name, t) {
                case .success(let d): q.published = d
                case .failure(let why): return .failure(why)
                }
            }
            carried.quotes.append(q)
        default:
            return .success(false)
        }
        return .success(true)
    }
}

/// Writes a dataset as FtM entities, one JSON object per line.
public enum FtMWriter {
    public static func companyEntityID(_ id: String) -> String { "allies-company-" + id }
    public static func allianceEntityID(_ id: String) -> String { "allies-alliance-" + id }
    /// The Contract that a contract-like alliance's ContractAward points to.
    public static func contractEntityID(_ id: String) -> String { "allies-alliance-" + id + "-contract" }

    /// The FtM schema an alliance is written as: by its kind, unless its parties have no payer or no payee (a
    /// model-distribution deal between two partners), which only an UnknownLink can hold.
    public static func schema(of a: Alliance) -> String {
        let pays = a.parties.contains { $0.role.moneyDirection == .pays }
        let receives = a.parties.contains { $0.role.moneyDirection == .receives }
        switch a.kind {
        case _ where !pays || !receives: return "UnknownLink"
        case .investment, .acquisition: return "Ownership"
        case .cloudContract, .chipSupply, .dataLicensing, .modelDistribution, .energy: return "ContractAward"
        case .partnership, .jointInfrastructure: return "UnknownLink"
        }
    }

    /// Every line of the export, each ending in a newline, handed to `emit` one at a time.
    public static func write(_ dataset: Dataset, _ emit: (String) -> Void) {
        var articles: [String: Article] = [:]
        for a in dataset.articles { articles[a.id] = a }
        func entity(_ id: String, _ schema: String, _ properties: [(String, [String])]) {
            let props = properties.filter { !$0.1.isEmpty }.map { ($0.0, JSONValue.array($0.1.map { .string($0) })) }
            emit(
                JSONValue.object([("id", .string(id)), ("schema", .string(schema)), ("properties", .object(props))])
                    .rendered(indent: 0) + "\n")
        }
        func unique(_ values: [String]) -> [String] {
            var seen = Set<String>()
            return values.filter { seen.insert($0).inserted }
        }
        func provenance(_ sources: [SourceQuote], _ citations: [Citation], _ records: [RecordSource])
            -> [(String, [String])]
        {
            let urls =
                sources.compactMap { articles[$0.article]?.url } + citations.compactMap(\.url)
                + records.compactMap(\.url)
            let publishers =
                sources.compactMap { articles[$0.article]?.outlet } + citations.map(\.publisher)
                + records.map(\.dataset)
            return [("sourceUrl", unique(urls)), ("publisher", unique(publishers))]
        }

        for c in dataset.companies {
            let descriptors =
                [
                    FtMDescriptor.Line(
                        "company", [("id", c.id), ("kind", c.kind.rawValue)] + c.products.map { ("product", $0) }),
                    FtMDescriptor.Line(
                        "text", [("description.en", c.description.en), ("description.es", c.description.es)]),
                ] + FtMDescriptor.provenance(c.sources, c.citations, c.records, articles: articles)
            entity(
                companyEntityID(c.id), "Company",
                [
                    ("name", [c.name]), ("alias", c.aliases), ("country", c.country.map { [$0.lowercased()] } ?? []),
                    ("sector", c.sectors), ("description", [c.description.en]),
                    ("notes", descriptors.map(\.text)),
                ] + provenance(c.sources, c.citations, c.records))
        }
        for a in dataset.alliances {
            let schema = schema(of: a)
            let id = allianceEntityID(a.id)
            let ref = { (company: String) in companyEntityID(company) }
            let payers = a.parties.filter { $0.role.moneyDirection == .pays }.map { ref($0.company) }
            let payees = a.parties.filter { $0.role.moneyDirection == .receives }.map { ref($0.company) }
            let date = a.date.map { [$0.value.description] } ?? []
            // Bare numbers only where they mean the deal's value as stated: a yearly rate, a ceiling (`up to $100B`),
            // a floor, an approximation or an estimate is left to the descriptor, which keeps its qualifiers (another
            // FtM reader takes a bare `sharesValue` at its word).
            let totals = a.amounts.filter { $0.per == .total && $0.bound == .exact && !$0.estimated }
            let values = totals.map { JSONValue.numberText($0.value) }
            let currencies = unique(totals.map(\.currency))
            let usd = totals.filter { $0.currency == "USD" }.map { JSONValue.numberText($0.value) }

            var descriptors = [
                FtMDescriptor.Line(
                    "deal",
                    [("kind", a.kind.rawValue), ("status", a.status.rawValue)]
                        + (a.date.map { [("event", $0.event.rawValue)] } ?? []) + a.products.map { ("product", $0) }),
                FtMDescriptor.Line("text", [("title.en", a.title.en), ("title.es", a.title.es)]),
                FtMDescriptor.Line("text", [("summary.en", a.summary.en), ("summary.es", a.summary.es)]),
            ]
            for (i, p) in a.parties.enumerated() {
                descriptors.append(
                    FtMDescriptor.Line("party", [(String(i + 1), nil), (ref(p.company), nil), (p.role.rawValue, nil)]))
            }
            for (i, m) in a.amounts.enumerated() {
                var tokens: [(String, String?)] = [
                    (String(i + 1), nil), ("value", JSONValue.numberText(m.value)), ("currency", m.currency),
                ]
                if m.per != .total { tokens.append(("per", m.per.rawValue)) }
                if m.bound != .exact { tokens.append(("bound", m.bound.rawValue)) }
                if m.estimated { tokens.append(("estimated", nil)) }
                if m.cumulative { tokens.append(("cumulative", nil)) }
                if let t = m.termYears { tokens.append(("term", JSONValue.numberText(t))) }
                if let f = m.from { tokens.append(("from", ref(f))) }
                if let t = m.to { tokens.append(("to", ref(t))) }
                if let p = m.purpose { tokens.append(("purpose", p.rawValue)) }
                if let n = m.note { tokens.append(("note", n)) }
                descriptors.append(FtMDescriptor.Line("amount", tokens))
            }
            if let d = a.disagreement { descriptors.append(FtMDescriptor.Line("text", [("disagreement", d)])) }
            descriptors += FtMDescriptor.updates(a.updates)
            descriptors += FtMDescriptor.provenance(a.sources, a.citations, a.records, articles: articles)
            let common: [(String, [String])] =
                [
                    ("status", [a.status.rawValue]), ("role", [a.kind.rawValue]), ("recordId", [a.id]),
                    ("summary", [a.summary.en]), ("description", descriptors.map(\.text)),
                ] + provenance(a.sources, a.citations, a.records)

            switch schema {
            case "Ownership":
                entity(
                    id, "Ownership",
                    [
                        ("owner", payers), ("asset", payees), ("startDate", date), ("sharesValue", values),
                        ("sharesCurrency", currencies),
                    ] + common)
            case "ContractAward":
                let contract = contractEntityID(a.id)
                entity(
                    contract, "Contract",
                    [
                        ("title", [a.title.en]), ("authority", payers), ("contractDate", date),
                        ("status", [a.status.rawValue]), ("amount", values), ("currency", currencies),
                        ("amountUsd", usd),
                    ])
                entity(
                    id, "ContractAward",
                    [
                        ("supplier", payees), ("contract", [contract]), ("date", date), ("amount", values),
                        ("currency", currencies), ("amountUsd", usd),
                    ] + common)
            default:
                let ids = a.parties.map { ref($0.company) }
                entity(
                    id, "UnknownLink",
                    [("subject", Array(ids.prefix(1))), ("object", Array(ids.dropFirst())), ("startDate", date)]
                        + common)
            }
        }
    }

    /// The whole export as one string (tests, small datasets).
    public static func text(_ dataset: Dataset) -> String {
        var out = ""
        write(dataset) { out += $0 }
        return out
    }
}
