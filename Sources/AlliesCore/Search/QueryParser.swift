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
        let tokens = tokenize(input)
        for (n, token) in tokens.enumerated() {
            if n == tokens.count - 1 {
                let plain = !token.quoted && !token.text.hasPrefix("-") && !token.text.dropFirst().contains(":")
                query.lastWordIsPrefix = plain && !(input.last?.isWhitespace ?? true)
            }
            if token.quoted {
                let folded = Folding.fold(token.text)
                if !folded.isEmpty { query.phrases.append(folded) }
                continue
            }
            let text = token.text
            if text.hasPrefix("-") && text.count > 1 {
                let word = String(text.dropFirst())
                query.excluded.append(Folding.fold(word))
                query.typed[Folding.fold(word)] = word.lowercased()
                continue
            }
            guard let colon = text.firstIndex(of: ":"), colon != text.startIndex else {
                query.words.append(Folding.fold(text))
                query.typed[Folding.fold(text)] = text.lowercased()
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
                    return .failure(
                        QueryError(
                            part: text,
                            message: "unknown kind; expected one of "
                                + AllianceKind.allCases.map(\.rawValue).joined(separator: ", ")))
                }
                query.kinds.append(k)
            case "status":
                guard let s = AllianceStatus(rawValue: Folding.fold(value)) else {
                    return .failure(
                        QueryError(
                            part: text,
                            message: "unknown status; expected one of "
                                + AllianceStatus.allCases.map(\.rawValue).joined(separator: ", ")))
                }
                query.statuses.append(s)
            case "type":
                for option in value.split(separator: "|") {
                    guard let t = SearchResult.Kind(rawValue: Folding.fold(String(option))) else {
                        return .failure(
                            QueryError(
                                part: text,
                                message:
                                    "unknown type \"\(option)\"; expected company, alliance, person, claim or article"))
                    }
                    query.types.append(t)
                }
            case "with":
                guard let catalog else { query.with.append(value); continue }
                switch catalog.resolveCompany(value) {
                case .found(let id): query.with.append(id)
                case .ambiguous(let ids):
                    return .failure(
                        QueryError(part: text, message: "several companies match: " + ids.joined(separator: ", ")))
                case .notFound(let suggestions):
                    return .failure(
                        QueryError(
                            part: text,
                            message: "no company is called that"
                                + (suggestions.isEmpty
                                    ? "" : "; did you mean " + suggestions.joined(separator: ", ") + "?")))
                }
            case "year":
                guard let years = parseYears(value) else {
                    return .failure(
                        QueryError(part: text, message: "expected a year such as 2024 or a range such as 2024..2025"))
                }
                query.years = years
            case "amount":
                guard let (op, amount) = parseAmount(value) else {
                    return .failure(
                        QueryError(
                            part: text,
                            message:
                                "expected a comparison and an amount in USD such as >1B, "
                                + "<=500M or 10K (suffixes K, M, B)"
                        ))
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
                if inQuotes {
                    tokens.append((current, true)); current = ""
                } else if !current.isEmpty {
                    tokens.append((current, false)); current = ""
                }
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
