// One search engine for `allies search` and the explorer's `/`: a small query language over companies,
// alliances, people, claims and articles, folded for case and accents, ranked by where the words matched.

/// A parsed query.
import AlliesText

public struct Query: Equatable, Sendable {
    public var words: [String] = []  // folded; each must occur as a whole word
    /// A word's spelling as typed, in lower case with its accents, by its folded form (`inversion` → `inversión`):
    /// Snowball's Spanish stemmer reads the accents (Stemmer.swift).
    public var typed: [String: String] = [:]
    /// The last word may be the start of a word (the user is still typing it): true unless the query ends with a
    /// space or with something other than a plain word.
    public var lastWordIsPrefix = false
    public var phrases: [String] = []  // folded; each must occur as written
    public var excluded: [String] = []  // folded; none may occur
    public var kinds: [AllianceKind] = []
    public var statuses: [AllianceStatus] = []
    public var with: [String] = []  // company ids
    public var years: ClosedRange<Int>?
    public var minimumAmount: Double?  // USD
    public var maximumAmount: Double?
    public var types: [SearchResult.Kind] = []
    /// Parts with OR, parentheses or a negated group (`inversión OR energía`, `-(a b)`), each of which must hold
    /// beside the words, phrases and filters above.
    public var groups: [QueryNode] = []

    public var isEmpty: Bool {
        words.isEmpty && phrases.isEmpty && excluded.isEmpty && kinds.isEmpty && statuses.isEmpty && with.isEmpty
            && years == nil && minimumAmount == nil && maximumAmount == nil && types.isEmpty && groups.isEmpty
    }

    /// Every folded word and phrase the query looks for, in its groups too (for highlighting).
    public var needles: [String] {
        var out = words + phrases
        func walk(_ node: QueryNode) {
            switch node {
            case .word(let w, _): out.append(w)
            case .phrase(let p): out.append(p)
            case .all(let nodes), .any(let nodes): nodes.forEach(walk)
            case .not: break
            }
        }
        groups.forEach(walk)
        return out.filter { !$0.isEmpty }
    }

    /// Filters that only alliances can satisfy.
    var hasAllianceFilter: Bool {
        !kinds.isEmpty || !statuses.isEmpty || !with.isEmpty || years != nil || minimumAmount != nil
            || maximumAmount != nil
    }
}

/// A part of a query with OR or parentheses: words (folded; `prefix` for the last word while it is typed) and quoted
/// phrases, all of (`a b`), any of (`a OR b`, `a | b`) and none of (`-word`, `-(a b)`) other parts.
public indirect enum QueryNode: Equatable, Sendable {
    case word(String, prefix: Bool)
    case phrase(String)
    case all([QueryNode])
    case any([QueryNode])
    case not(QueryNode)
}

/// A query that could not be understood: which part, and what was expected.
public struct QueryError: Error, Equatable, Sendable, CustomStringConvertible {
    public var part: String
    public var message: String
    /// Where the part starts in the query, in characters from 1, when the message says so itself.
    public var column: Int?
    public init(part: String, message: String, column: Int? = nil) {
        self.part = part; self.message = message; self.column = column
    }
    public var description: String { column != nil ? message : tr("in \"{0}\": {1}", Quoting.value(part), message) }
}

public struct SearchResult: Equatable, Sendable {
    /// What a result is: a record of the dataset (`share` is a market-share estimate).
    public enum Kind: String, CaseIterable, Sendable { case company, alliance, person, claim, article, share }
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
    /// The field `text` comes from, by its name in the record: `title.es`, `summary.en`, `quote`, `name`, `alias`,
    /// `product`, `role.es`, `share`… (`SearchIndex.FieldText`).
    public var matchedField: String = ""
    /// The language of `text` when it has one: `es` or `en` (a quote's is its article's).
    public var language: String? = nil
    /// Whether the result holds every word as written (else only through a word's stem).
    public var exact = true

    /// The kind a person reads: the record's, except `product` for a company found by one of its products.
    public var label: String { kind == .company && matchedField == "product" ? "product" : kind.rawValue }
}

extension Query {
    /// Parses the query language. `catalog` resolves `with:` names; pass nil to skip that check.
    ///
    /// Words are ANDed; `OR` (in capitals) or `|` between two parts matches either, and binds looser than the
    /// words beside it (`a b OR c` is `(a b) OR c`); parentheses group; `-` before a word, a phrase or a group
    /// excludes it. Filters (`kind:`…) apply to the whole query wherever they stand (`a OR b kind:energy` is
    /// `(a OR b) kind:energy`).
    public static func parse(_ input: String, catalog: Catalog?) -> Result<Query, QueryError> {
        var parser = QueryParser(lexemes: QueryParser.lex(input), input: input)
        let root: QueryParser.Node
        do { root = try parser.parseQuery() } catch { return .failure(error) }
        var query = Query()
        query.typed = parser.typed
        // The top level: a run of parts, all of which must hold.
        let parts: [QueryParser.Node]
        if case .all(let nodes) = root { parts = nodes } else { parts = [root] }
        // Filters apply to the whole query wherever they were typed (`a OR b kind:energy`).
        switch root.filters() {
        case .success(let filters):
            for text in filters {
                if let error = apply(filter: text, to: &query, catalog: catalog) { return .failure(error) }
            }
        case .failure(let error): return .failure(error)
        }
        for part in parts {
            switch part {
            case .filter: break
            case .word(let word, let prefix):
                query.words.append(word)
                if prefix { query.lastWordIsPrefix = true }
            case .phrase(let phrase):
                query.phrases.append(phrase)
            case .not(.word(let word, _)):
                query.excluded.append(word)
            default:
                switch part.node {
                case .success(let node?): query.groups.append(node)
                case .success(nil): break
                case .failure(let error): return .failure(error)
                }
            }
        }
        return .success(query)
    }

    /// Applies a filter (`kind:investment`) to the query; a word with a colon that names no filter (`Run:ai`) is a
    /// word. Returns the error of a filter that cannot be understood.
    static func apply(filter text: String, to query: inout Query, catalog: Catalog?) -> QueryError? {
        guard let colon = text.firstIndex(of: ":"), colon != text.startIndex else {
            query.words.append(Folding.fold(text))
            return nil
        }
        let name = Folding.fold(String(text[..<colon]))
        let value = String(text[text.index(after: colon)...])
        guard !value.isEmpty else {
            return (QueryError(part: text, message: tr("a value is expected after \"{0}:\"", name)))
        }
        switch name {
        case "kind", "status":
            // One of a fixed set of names, folded; an unknown one lists them.
            func choice<E: RawRepresentable & CaseIterable>(_ type: E.Type) -> E? where E.RawValue == String {
                E(rawValue: Folding.fold(value))
            }
            func unknown<E: RawRepresentable & CaseIterable>(_ type: E.Type) -> QueryError where E.RawValue == String {
                let names = E.allCases.map(\.rawValue).joined(separator: ", ")
                return QueryError(part: text, message: tr("unknown {0}; expected one of {1}", name, names))
            }
            if name == "kind" {
                guard let k = choice(AllianceKind.self) else { return unknown(AllianceKind.self) }
                query.kinds.append(k)
            } else {
                guard let s = choice(AllianceStatus.self) else { return unknown(AllianceStatus.self) }
                query.statuses.append(s)
            }
        case "type":
            let types = tr("company, alliance, person, claim, article or share")
            for option in value.split(separator: "|") {
                guard let t = SearchResult.Kind(rawValue: Folding.fold(String(option))) else {
                    return
                        (QueryError(
                            part: text,
                            message: tr("unknown type \"{0}\"; expected {1}", option, types)))
                }
                query.types.append(t)
            }
        case "with":
            guard let catalog else { query.with.append(value); return nil }
            switch catalog.resolveCompany(value) {
            case .found(let id): query.with.append(id)
            case .ambiguous(let ids):
                return
                    (QueryError(part: text, message: tr("several companies match: {0}", ids.joined(separator: ", "))))
            case .notFound(let suggestions):
                return
                    (QueryError(
                        part: text,
                        message: suggestions.isEmpty
                            ? tr("no company is called that")
                            : tr("no company is called that; did you mean {0}?", suggestions.joined(separator: ", "))))
            }
        case "year":
            guard let years = parseYears(value) else {
                return
                    (QueryError(part: text, message: tr("expected a year such as 2024 or a range such as 2024..2025")))
            }
            query.years = years
        case "amount":
            guard let (op, amount) = parseAmount(value) else {
                return
                    (QueryError(
                        part: text,
                        message: tr("expected a comparison and an amount in USD such as >1B, <=500M or 10K") + " "
                            + tr("(suffixes K, M, B)")))
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
        return nil
    }

    static func parseYears(_ value: String) -> ClosedRange<Int>? {
        func year(_ s: Substring) -> Int? {
            guard s.count == 4, s.allSatisfy({ $0.isASCII && $0.isNumber }), let y = Int(s), (1900...2100).contains(y)
            else { return nil }
            return y
        }
        if let dots = value.firstRange(of: "..") {
            guard let a = year(value[..<dots.lowerBound]), let b = year(value[dots.upperBound...]), a <= b else {
                return nil
            }
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
            let number = Double(String(digits)), number >= 0
        else { return nil }
        return (op, number * multiplier)
    }
}

/// The grammar of queries: lexemes with their columns, then a recursive descent.
///
///     query  := either
///     either := run (("OR" | "|") run)*
///     run    := unary+
///     unary  := "-" unary | "(" either ")" | "quoted phrase" | word | filter
struct QueryParser {
    enum Lexeme: Equatable {
        case word(String)
        case phrase(String)
        case open, close, or, minus
    }

    /// A parsed part; filters are kept apart until the top level applies them.
    indirect enum Node {
        case word(String, prefix: Bool)
        case phrase(String)
        case filter(String, column: Int)
        case all([Node])
        case any([Node])
        case not(Node)

        /// The part as a `QueryNode`: nil when it holds nothing to look for (a word with no letters, a filter).
        var node: Result<QueryNode?, QueryError> {
            func children(_ nodes: [Node]) -> Result<[QueryNode], QueryError> {
                var out: [QueryNode] = []
                for n in nodes {
                    switch n.node {
                    case .success(let q?): out.append(q)
                    case .success(nil): break
                    case .failure(let e): return .failure(e)
                    }
                }
                return .success(out)
            }
            switch self {
            case .word(let w, let prefix): return .success(Tokens.of(w).isEmpty ? nil : .word(w, prefix: prefix))
            case .phrase(let p): return .success(Tokens.of(p).isEmpty ? nil : .phrase(p))
            case .filter:
                // Filters apply to the whole query: `Query.parse` takes them out of the parts they were typed in.
                return .success(nil)
            case .all(let nodes):
                return children(nodes).map { $0.isEmpty ? nil : $0.count == 1 ? $0[0] : .all($0) }
            case .any(let nodes):
                return children(nodes).map { $0.isEmpty ? nil : $0.count == 1 ? $0[0] : .any($0) }
            case .not(let inner): return inner.node.map { $0.map { .not($0) } }
            }
        }

        /// The filters anywhere in the part (they apply to the whole query), or the error of one that is excluded.
        func filters(negated: Bool = false) -> Result<[String], QueryError> {
            switch self {
            case .filter(let text, let column):
                if negated {
                    return .failure(
                        QueryError(
                            part: text,
                            message: tr("the filter \"{0}\" at column {1} cannot be excluded:", text, column) + " "
                                + tr("filters apply to the whole query"), column: column))
                }
                return .success([text])
            case .word, .phrase: return .success([])
            case .all(let nodes), .any(let nodes):
                var out: [String] = []
                for n in nodes {
                    switch n.filters(negated: negated) {
                    case .success(let f): out += f
                    case .failure(let e): return .failure(e)
                    }
                }
                return .success(out)
            case .not(let inner): return inner.filters(negated: true)
            }
        }
    }

    static let filterNames: Set<String> = ["kind", "status", "type", "with", "year", "amount"]

    let lexemes: [(lexeme: Lexeme, column: Int)]
    let input: String
    var next = 0
    /// Each word's spelling as typed, in lower case with its accents, by its folded form.
    var typed: [String: String] = [:]
    /// Whether the query ends inside a word (no space after it): that word is a prefix.
    let endsInWord: Bool

    init(lexemes: [(lexeme: Lexeme, column: Int)], input: String) {
        self.lexemes = lexemes
        self.input = input
        if case .word? = lexemes.last?.lexeme, let last = input.last, !last.isWhitespace, last != "|" {
            endsInWord = true
        } else {
            endsInWord = false
        }
    }

    /// Lexemes with the column (from 1) where each starts. Whitespace, parentheses and quotes end a word; `OR` and
    /// a lone `|` are "or", as is `|` inside a word without a colon (`a|b`; `type:company|alliance` keeps its `|`);
    /// `-` right before `(` or a quote negates it (`-word` is kept as a word and read by the parser).
    static func lex(_ input: String) -> [(lexeme: Lexeme, column: Int)] {
        var out: [(Lexeme, Int)] = []
        var current = "", start = 0
        var inQuotes = false
        func flush() {
            defer { current = "" }
            guard !current.isEmpty else { return }
            if current == "OR" || current == "|" { out.append((.or, start)); return }
            let colon = current.dropFirst().contains(":")
            if !colon && current.contains("|") {
                var column = start
                for (i, piece) in current.split(separator: "|", omittingEmptySubsequences: false).enumerated() {
                    if i > 0 { out.append((.or, column)); column += 1 }
                    if !piece.isEmpty { out.append((.word(String(piece)), column)) }
                    column += piece.count
                }
                return
            }
            out.append((.word(current), start))
        }
        for (i, c) in input.enumerated() {
            let column = i + 1
            if inQuotes {
                if c == "\"" {
                    out.append((.phrase(current), start)); current = ""; inQuotes = false
                } else {
                    current.append(c)
                }
                continue
            }
            if c == "\"" || c == "(" || c == ")" {
                if current == "-" { out.append((.minus, start)); current = "" } else { flush() }
                switch c {
                case "(": out.append((.open, column))
                case ")": out.append((.close, column))
                default: inQuotes = true; start = column
                }
            } else if c.isWhitespace {
                flush()
            } else {
                if current.isEmpty { start = column }
                current.append(c)
            }
        }
        if inQuotes { out.append((.phrase(current), start)) } else { flush() }
        return out
    }

    mutating func parseQuery() throws(QueryError) -> Node {
        let node = try parseEither()
        if next < lexemes.count {
            // Only a ")" stops an expression before the end.
            throw QueryError(
                part: ")",
                message: tr("unexpected \")\" at column {0}: no \"(\" before it opens it", lexemes[next].column),
                column: lexemes[next].column)
        }
        return node
    }

    mutating func parseEither() throws(QueryError) -> Node {
        var options: [Node] = []
        var orColumn: Int?
        while true {
            let run = try parseRun(after: orColumn)
            options.append(run)
            guard next < lexemes.count, lexemes[next].lexeme == .or else { break }
            orColumn = lexemes[next].column
            next += 1
        }
        return options.count == 1 ? options[0] : .any(options)
    }

    /// A run of parts, all of which must hold. `or` is the column of an OR just before it, for its error.
    mutating func parseRun(after or: Int?) throws(QueryError) -> Node {
        var parts: [Node] = []
        while next < lexemes.count {
            let lexeme = lexemes[next].lexeme
            if lexeme == .or || lexeme == .close { break }
            parts.append(try parseUnary())
        }
        if parts.isEmpty {
            if let or {
                throw QueryError(
                    part: "OR", message: tr("\"OR\" at column {0} needs something to look for after it", or), column: or
                )
            }
            if next < lexemes.count, lexemes[next].lexeme == .or {
                let c = lexemes[next].column
                throw QueryError(
                    part: "OR", message: tr("\"OR\" at column {0} needs something to look for before it", c), column: c)
            }
            return .all([])
        }
        return parts.count == 1 ? parts[0] : .all(parts)
    }

    mutating func parseUnary() throws(QueryError) -> Node {
        let (lexeme, column) = lexemes[next]
        let isLast = next == lexemes.count - 1
        next += 1
        switch lexeme {
        case .minus:
            guard next < lexemes.count, lexemes[next].lexeme != .close, lexemes[next].lexeme != .or else {
                return .word("-", prefix: false)
            }
            return .not(try parseUnary())
        case .open:
            let inner = try parseEither()
            guard next < lexemes.count, lexemes[next].lexeme == .close else {
                throw QueryError(
                    part: "(", message: tr("unclosed \"(\" at column {0}: a \")\" is missing", column), column: column)
            }
            next += 1
            if case .all(let parts) = inner, parts.isEmpty {
                throw QueryError(part: "()", message: tr("empty parentheses at column {0}", column), column: column)
            }
            return inner
        case .phrase(let text):
            return .phrase(Folding.fold(text))
        case .word(let text):
            if text.hasPrefix("-") && text.count > 1 {
                let word = String(text.dropFirst())
                let folded = Folding.fold(word)
                typed[folded] = word.lowercased()
                return .not(.word(folded, prefix: false))
            }
            if let colon = text.firstIndex(of: ":"), colon != text.startIndex,
                Self.filterNames.contains(Folding.fold(String(text[..<colon])))
            {
                return .filter(text, column: column)
            }
            let folded = Folding.fold(text)
            typed[folded] = text.lowercased()
            // A word with a colon (`Run:ai`) is taken as finished, as before OR existed, and so is one that ends in
            // something other than a letter or digit (`70%`: the figure is typed out, so it does not find `700`).
            let finished = text.dropFirst().contains(":") || !(text.last.map { $0.isLetter || $0.isNumber } ?? false)
            return .word(folded, prefix: isLast && endsInWord && !finished)
        case .close, .or:
            // parseRun stops before these.
            return .all([])
        }
    }
}
