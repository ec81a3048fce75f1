// One search engine for `allies search` and the explorer's `/`: a small query language over companies,
// alliances, people, claims and articles, folded for case and accents, ranked by where the words matched.

/// A parsed query.
public struct Query: Equatable, Sendable {
    public var words: [String] = []          // folded; each must occur
    public var phrases: [String] = []        // folded; each must occur as written
    public var excluded: [String] = []       // folded; none may occur
    public var kinds: [AllianceKind] = []
    public var statuses: [AllianceStatus] = []
    public var with: [String] = []           // company ids
    public var years: ClosedRange<Int>?
    public var minimumAmount: Double?        // USD
    public var maximumAmount: Double?
    public var types: [SearchResult.Kind] = []

    public var isEmpty: Bool {
        words.isEmpty && phrases.isEmpty && excluded.isEmpty && kinds.isEmpty && statuses.isEmpty && with.isEmpty
            && years == nil && minimumAmount == nil && maximumAmount == nil && types.isEmpty
    }

    /// Filters that only alliances can satisfy.
    var hasAllianceFilter: Bool {
        !kinds.isEmpty || !statuses.isEmpty || !with.isEmpty || years != nil || minimumAmount != nil
            || maximumAmount != nil
    }
}

/// A query that could not be understood: which part, and what was expected.
public struct QueryError: Error, Equatable, Sendable, CustomStringConvertible {
    public var part: String
    public var message: String
    public var description: String { "in \"\(Quoting.value(part))\": \(message)" }
}

public struct SearchResult: Equatable, Sendable {
    public enum Kind: String, CaseIterable, Sendable { case company, alliance, person, claim, article }
    /// Where the words matched, best first; the rank of a result is its best field.
    public enum Field: Int, Comparable, Sendable, CustomStringConvertible {
        case name = 0, alias, title, summary, quote, other
        public static func < (a: Field, b: Field) -> Bool { a.rawValue < b.rawValue }
        public var description: String { ["name", "alias", "title", "summary", "quote", "other"][rawValue] }
    }
    public var kind: Kind
    public var id: String
    /// The record's display title (a company name, an alliance title).
    public var title: String
    public var field: Field
    /// The text that matched (for a quote, the quote), and where in it, as Character offsets.
    public var text: String
    public var spans: [Range<Int>]
    public var date: PartialDate?
}

extension Query {
    /// Parses the query language. `catalog` resolves `with:` names; pass nil to skip that check.
    public static func parse(_ input: String, catalog: Catalog?) -> Result<Query, QueryError> {
        var query = Query()
        for token in tokenize(input) {
            if token.quoted {
                let folded = Folding.fold(token.text)
                if !folded.isEmpty { query.phrases.append(folded) }
                continue
            }
            let text = token.text
            if text.hasPrefix("-") && text.count > 1 {
                query.excluded.append(Folding.fold(String(text.dropFirst())))
                continue
            }
            guard let colon = text.firstIndex(of: ":"), colon != text.startIndex else {
                query.words.append(Folding.fold(text))
                continue
            }
            let name = Folding.fold(String(text[..<colon]))
            let value = String(text[text.index(after: colon)...])
            guard !value.isEmpty else {
                return .failure(QueryError(part: text, message: "a value is expected after \"\(name):\""))
            }
            switch name {
            case "kind":
                guard let k = AllianceKind(rawValue: Folding.fold(value)) else {
                    return .failure(QueryError(part: text, message: "unknown kind; expected one of " + AllianceKind.allCases.map(\.rawValue).joined(separator: ", ")))
                }
                query.kinds.append(k)
            case "status":
                guard let s = AllianceStatus(rawValue: Folding.fold(value)) else {
                    return .failure(QueryError(part: text, message: "unknown status; expected one of " + AllianceStatus.allCases.map(\.rawValue).joined(separator: ", ")))
                }
                query.statuses.append(s)
            case "type":
                for option in value.split(separator: "|") {
                    guard let t = SearchResult.Kind(rawValue: Folding.fold(String(option))) else {
                        return .failure(QueryError(part: text, message: "unknown type \"\(option)\"; expected company, alliance, person, claim or article"))
                    }
                    query.types.append(t)
                }
            case "with":
                guard let catalog else { query.with.append(value); continue }
                switch catalog.resolveCompany(value) {
                case .found(let id): query.with.append(id)
                case .ambiguous(let ids): return .failure(QueryError(part: text, message: "several companies match: " + ids.joined(separator: ", ")))
                case .notFound(let suggestions):
                    return .failure(QueryError(part: text, message: "no company is called that" + (suggestions.isEmpty ? "" : "; did you mean " + suggestions.joined(separator: ", ") + "?")))
                }
            case "year":
                guard let years = parseYears(value) else {
                    return .failure(QueryError(part: text, message: "expected a year such as 2024 or a range such as 2024..2025"))
                }
                query.years = years
            case "amount":
                guard let (op, amount) = parseAmount(value) else {
                    return .failure(QueryError(part: text, message: "expected a comparison and an amount in USD such as >1B, <=500M or 10K (suffixes K, M, B)"))
                }
                switch op {
                case ">", ">=": query.minimumAmount = amount
                case "<", "<=": query.maximumAmount = amount
                default: query.minimumAmount = amount; query.maximumAmount = amount
                }
            default:
                // Not a filter: a word that happens to contain a colon ("Run:ai").
                query.words.append(Folding.fold(text))
            }
        }
        return .success(query)
    }

    private static func tokenize(_ input: String) -> [(text: String, quoted: Bool)] {
        var tokens: [(String, Bool)] = []
        var current = ""
        var inQuotes = false
        for c in input {
            if c == "\"" {
                if inQuotes { tokens.append((current, true)); current = "" }
                else if !current.isEmpty { tokens.append((current, false)); current = "" }
                inQuotes.toggle()
            } else if c.isWhitespace && !inQuotes {
                if !current.isEmpty { tokens.append((current, false)); current = "" }
            } else {
                current.append(c)
            }
        }
        if !current.isEmpty { tokens.append((current, inQuotes)) }
        return tokens
    }

    static func parseYears(_ value: String) -> ClosedRange<Int>? {
        func year(_ s: Substring) -> Int? {
            guard s.count == 4, s.allSatisfy({ $0.isASCII && $0.isNumber }), let y = Int(s), (1900...2100).contains(y) else { return nil }
            return y
        }
        if let dots = value.firstRange(of: "..") {
            guard let a = year(value[..<dots.lowerBound]), let b = year(value[dots.upperBound...]), a <= b else { return nil }
            return a...b
        }
        guard let y = year(Substring(value)) else { return nil }
        return y...y
    }

    /// `>1B`, `<=500M`, `10K`, `$2.5B`: a comparison (default `=`) and a value in units.
    public static func parseAmount(_ value: String) -> (String, Double)? {
        var rest = Substring(value)
        var op = "="
        for candidate in [">=", "<=", ">", "<", "="] where rest.hasPrefix(candidate) {
            op = candidate; rest = rest.dropFirst(candidate.count); break
        }
        var multiplier = 1.0
        if let last = rest.last, "kmbtKMBT".contains(last) {
            multiplier = ["k": 1e3, "m": 1e6, "b": 1e9, "t": 1e12][Character(last.lowercased())]!
            rest = rest.dropLast()
        }
        let digits = rest.replacing("$", with: "")
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
              let number = Double(String(digits)), number >= 0 else { return nil }
        return (op, number * multiplier)
    }
}

/// The searchable text of every record, folded once.
public final class SearchIndex: @unchecked Sendable {
    struct Entry {
        let kind: SearchResult.Kind
        let id: String
        let title: String
        let date: PartialDate?
        let alliance: Int?  // position in dataset.alliances, for alliance filters
        let fields: [(field: SearchResult.Field, text: String, folded: String)]
    }

    public let catalog: Catalog
    let entries: [Entry]

    public init(_ catalog: Catalog) {
        self.catalog = catalog
        let d = catalog.dataset
        var entries: [Entry] = []
        entries.reserveCapacity(d.companies.count + d.alliances.count + d.people.count + d.claims.count)
        func fields(_ list: [(SearchResult.Field, String)]) -> [(field: SearchResult.Field, text: String, folded: String)] {
            list.filter { !$0.1.isEmpty }.map { ($0.0, $0.1, Folding.fold($0.1)) }
        }
        for c in d.companies {
            var list: [(SearchResult.Field, String)] = [(.name, c.name), (.name, c.id)]
            list += c.aliases.map { (.alias, $0) }
            list += [(.summary, c.description.en), (.summary, c.description.es)]
            list += c.products.map { (.alias, $0) }
            list += c.sources.map { (.quote, $0.quote) }
            entries.append(Entry(kind: .company, id: c.id, title: c.name, date: nil, alliance: nil, fields: fields(list)))
        }
        for (i, a) in d.alliances.enumerated() {
            var list: [(SearchResult.Field, String)] = [(.title, a.title.en), (.title, a.title.es), (.name, a.id)]
            list += a.parties.map { (.other, catalog.companyName($0.company)) }
            list += [(.summary, a.summary.en), (.summary, a.summary.es)]
            list += a.products.map { (.other, $0) }
            list += a.sources.map { (.quote, $0.quote) }
            entries.append(Entry(kind: .alliance, id: a.id, title: a.title.en, date: a.date?.value, alliance: i, fields: fields(list)))
        }
        for p in d.people {
            var list: [(SearchResult.Field, String)] = [(.name, p.name), (.summary, p.role.en), (.summary, p.role.es)]
            if let org = p.organization { list.append((.other, catalog.companyName(org))) }
            if let org = p.organizationName { list.append((.other, org)) }
            list += p.sources.map { (.quote, $0.quote) }
            entries.append(Entry(kind: .person, id: p.id, title: p.name, date: nil, alliance: nil, fields: fields(list)))
        }
        for c in d.claims {
            var list: [(SearchResult.Field, String)] = [(.title, c.text.en), (.title, c.text.es)]
            list += c.sources.map { (.quote, $0.quote) }
            entries.append(Entry(kind: .claim, id: c.id, title: c.text.en, date: c.date?.value, alliance: nil, fields: fields(list)))
        }
        for a in d.articles {
            var list: [(SearchResult.Field, String)] = [(.title, a.title)]
            if let outlet = a.outlet { list.append((.other, outlet)) }
            if let author = a.author { list.append((.other, author)) }
            entries.append(Entry(kind: .article, id: a.id, title: a.title, date: a.published, alliance: nil, fields: fields(list)))
        }
        self.entries = entries
    }

    /// Runs a query string. An empty query finds nothing (not everything).
    public func search(_ input: String, limit: Int = 200) -> Result<[SearchResult], QueryError> {
        Query.parse(input, catalog: catalog).map { search($0, limit: limit) }
    }

    public func search(_ query: Query, limit: Int = 200) -> [SearchResult] {
        if query.isEmpty { return [] }
        let needles = query.words + query.phrases
        var hits: [(entry: Int, field: Int)] = []
        for (i, entry) in entries.enumerated() {
            if !query.types.isEmpty && !query.types.contains(entry.kind) { continue }
            if query.hasAllianceFilter {
                guard let a = entry.alliance, matches(catalog.dataset.alliances[a], query) else { continue }
            }
            if query.excluded.contains(where: { word in entry.fields.contains { $0.folded.contains(word) } }) { continue }
            // Every word must occur in some field; the rank is the best field that holds one of them.
            var best = -1
            var all = true
            for needle in needles {
                // The best-ranked field holding the word, not the first listed (an alliance lists its parties'
                // names before its summary).
                var f = -1
                for (k, field) in entry.fields.enumerated() where f < 0 || field.field < entry.fields[f].field {
                    if field.folded.contains(needle) { f = k }
                }
                guard f >= 0 else { all = false; break }
                if best < 0 || entry.fields[f].field < entry.fields[best].field { best = f }
            }
            guard all else { continue }
            if needles.isEmpty { best = 0 }
            guard best >= 0 else { continue }
            hits.append((i, best))
        }
        hits.sort { a, b in
            let ea = entries[a.entry], eb = entries[b.entry]
            let fa = ea.fields[a.field].field, fb = eb.fields[b.field].field
            if fa != fb { return fa < fb }
            if ea.date != eb.date {
                switch (ea.date, eb.date) {
                case (let x?, let y?): return x > y
                case (.some, nil): return true
                default: return false
                }
            }
            return a.entry < b.entry
        }
        return hits.prefix(limit).map { hit in
            let entry = entries[hit.entry]
            let field = entry.fields[hit.field]
            return SearchResult(kind: entry.kind, id: entry.id, title: entry.title, field: field.field,
                                text: field.text, spans: Self.spans(of: needles, in: field.text), date: entry.date)
        }
    }

    private func matches(_ a: Alliance, _ q: Query) -> Bool {
        if !q.kinds.isEmpty && !q.kinds.contains(a.kind) { return false }
        if !q.statuses.isEmpty && !q.statuses.contains(a.status) { return false }
        if !q.with.allSatisfy({ a.involves($0) }) { return false }
        if let years = q.years {
            guard let y = a.date?.value.year, years.contains(y) else { return false }
        }
        if q.minimumAmount != nil || q.maximumAmount != nil {
            let usd = a.amounts.filter { $0.currency == "USD" }.map(\.totalValue)
            guard let largest = usd.max() else { return false }
            if let min = q.minimumAmount, largest < min { return false }
            if let max = q.maximumAmount, largest > max { return false }
        }
        return true
    }

    /// Where the folded needles occur in `text`, as ranges of Character offsets into the original text.
    public static func spans(of needles: [String], in text: String) -> [Range<Int>] {
        // Fold character by character, remembering which original character each folded scalar came from.
        var folded: [Unicode.Scalar] = []
        var origin: [Int] = []
        for (i, c) in text.enumerated() {
            var view = String.UnicodeScalarView()
            for s in c.unicodeScalars { Folding.appendFolded(s, to: &view) }
            for s in view { folded.append(s); origin.append(i) }
        }
        var spans: [Range<Int>] = []
        for needle in needles where !needle.isEmpty {
            let n = Array(needle.unicodeScalars)
            guard n.count <= folded.count else { continue }
            var start = 0
            while start + n.count <= folded.count {
                if folded[start] == n[0] && Array(folded[start..<start + n.count]) == n {
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
