// An amount written as people write it in a form: `38B USD over 7y`, `up to 5B USD`, `~10B USD`,
// `60M USD/yr over 2y`, `8B USD cumulative estimated`. The same text is how a form shows an amount, so what is typed
// reads back the same. The other fields of an amount (from, to, purpose, note) are not part of it.

import AlliesText

/// Reads and writes the money part of an amount (value, currency, bound, per, term, cumulative, estimated) as one
/// line, as the JSON fields of an `Amount` record.
public enum AmountText {
    /// The JSON fields it sets, in canonical order; the others of an amount are left as they are.
    /// What to type, as forms say it.
    public static var example: String {
        tr("e.g. {0}", tr("38B USD over 7y, up to 5B USD, about 10B USD, 60M USD/yr over 2y, 8B USD cumulative"))
    }

    public static let fields: [AmountField] = [.value, .currency, .per, .bound, .estimated, .cumulative, .termYears]

    private static let bounds: [(words: [String], bound: Bound)] = [
        // English and Spanish words alike, whatever the interface's language (a form shows its own).
        (["up to", "hasta", "≤", "<="], .upTo), (["at least", "al menos", "como mínimo", "≥", ">="], .atLeast),
        (["more than", "más de", ">"], .moreThan),
        (["about", "around", "approximately", "unos", "unas", "aproximadamente", "cerca de", "~"], .about),
    ]
    private static let scales: [(suffix: String, factor: Double)] = [
        ("k", 1e3), ("m", 1e6), ("b", 1e9), ("bn", 1e9), ("t", 1e12), ("tn", 1e12),
    ]
    /// Scales in words, as the press writes them (`25.000 millones`, `25 mil millones`, `5 billion`), longest first.
    /// Not `billón`: a Spanish billón is a million million, and one typed for a US billion would be a thousand times
    /// off either way; it is refused with the words to use.
    private static let scaleWords: [(words: String, factor: Double)] = [
        ("mil millones", 1e9), ("millones", 1e6), ("millón", 1e6), ("millon", 1e6), ("millions", 1e6),
        ("million", 1e6), ("billions", 1e9), ("billion", 1e9), ("thousand", 1e3), ("mil", 1e3),
    ]
    private static let symbols: [Character: String] = ["$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"]

    /// The fields of `text`, or what is wrong with it (naming the word and what was expected).
    public static func parse(_ text: String) -> Result<[(AmountField, JSONValue)], FieldPathError> {
        var rest = Substring(text.lowercased()).drop { $0 == " " }
        while rest.last == " " { rest = rest.dropLast() }
        func fail(_ message: String) -> Result<[(AmountField, JSONValue)], FieldPathError> {
            .failure(FieldPathError(description: message))
        }
        guard !rest.isEmpty else {
            return fail(
                tr("an amount is a number and a currency, e.g. {0}", "38B USD, up to 5B USD, 60M USD/yr over 2y"))
        }
        var bound = Bound.exact
        outer: for (words, b) in bounds {
            for w in words where rest.hasPrefix(w) {
                bound = b
                rest = rest.dropFirst(w.count).drop { $0 == " " }
                break outer
            }
        }
        var currency: String? = nil
        if let c = rest.first, let code = symbols[c] { currency = code; rest = rest.dropFirst() }
        let digits = rest.prefix { $0.isNumber || $0 == "." || $0 == "," }
        // Spanish writes 38,5 and 38.000 where English writes 38.5 and 38,000: a comma, or a point before exactly
        // three digits, could be either, and a wrong guess is a figure a thousand times off. Ask instead.
        let fraction = digits.split(separator: ".", omittingEmptySubsequences: false).dropFirst()
        if fraction.count > 1 && !digits.contains(",") {
            // `9.79.5`: two points are no number in either language.
            return fail(
                tr("\"{0}\" is not a number:", digits) + " "
                    + tr("write decimals with a point and no thousands separators, e.g. 38.5B or 38000M"))
        }
        if digits.contains(",") || (fraction.count == 1 && fraction.first?.count == 3) || fraction.count > 1 {
            return fail(
                tr("\"{0}\" could be read two ways (Spanish 38,5 is 38.5; 38.000 is 38000):", digits) + " "
                    + tr("write decimals with a point and no thousands separators, e.g. 38.5B or 38000M"))
        }
        let number = String(digits)
        guard !digits.isEmpty, let base = Double(number), base > 0, base.isFinite else {
            if bound == .exact {
                return fail(tr("expected a number greater than 0, e.g. 38B or 10.5M, not \"{0}\"", rest.prefix(12)))
            }
            return fail(
                tr("expected a number greater than 0 after the bound, e.g. 38B or 10.5M, not \"{0}\"", rest.prefix(12)))
        }
        rest = rest.dropFirst(digits.count)
        // The scale may follow the number or a space after it (`38B`, `8 bn`).
        let spaced = rest.drop { $0 == " " }
        let word = spaced.prefix { $0.isLetter }
        var value = base
        if let scale = scales.first(where: { $0.suffix == word }) {
            value *= scale.factor
            rest = spaced.dropFirst(word.count)
        } else if let scale = scaleWords.first(where: {
            spaced.hasPrefix($0.words) && !(spaced.dropFirst($0.words.count).first?.isLetter ?? false)
        }) {
            value *= scale.factor
            rest = spaced.dropFirst(scale.words.count)
        } else if ["billón", "billon", "billones"].contains(String(word)) {
            return fail(
                tr("\"{0}\" is a million million in Spanish and a thousand million in English:", word) + " "
                    + tr("write millones, mil millones or B, e.g. 25000 millones USD or 25B USD"))
        } else if spaced.count == rest.count, !word.isEmpty, word.count < 3 {
            // Letters stuck to the number that are not a scale (`38X`).
            return fail(tr("unknown scale \"{0}\" after {1}: K, M, B (or bn) or T", word.uppercased(), digits))
        }
        var words = rest.split(separator: " ").map(String.init)
        if currency == nil {
            guard let first = words.first, first.count >= 3, first.prefix(3).allSatisfy({ $0.isLetter && $0.isASCII })
            else { return fail(tr("expected a currency after the number (USD, EUR, CNY…)")) }
            let tail = first.dropFirst(3)
            guard tail.isEmpty || tail.hasPrefix("/") else {
                return fail(
                    tr("unknown currency \"{0}\": a three-letter ISO 4217 code (USD, EUR, CNY…)", first.uppercased()))
            }
            currency = first.prefix(3).uppercased()
            words.removeFirst()
            if !tail.isEmpty { words.insert(String(tail), at: 0) }
        }
        var per: Amount.Per = .total
        var term: Double? = nil
        var cumulative = false, estimated = false
        var i = 0
        while i < words.count {
            let w = words[i]
            switch w {
            case "/yr", "/y", "/year", "yearly", "annually", "/año", "/a", "anual", "anuales":
                per = .year
            case "per",
                "a" where i + 1 < words.count && ["year", "yr"].contains(words[i + 1]),
                "al" where i + 1 < words.count && words[i + 1] == "año":
                per = .year; i += 1
            case "over", "for", "en", "durante":
                guard term == nil else { return fail(tr("the term is given twice (\"{0}\" again)", w)) }
                guard i + 1 < words.count else { return fail(tr("expected a term after \"{0}\", e.g. over 7y", w)) }
                var t = words[i + 1]
                i += 1
                if i + 1 < words.count && ["years", "year", "yrs", "años", "año"].contains(words[i + 1]) { i += 1 }
                for suffix in ["years", "year", "yrs", "y", "años", "año", "a"] where t.hasSuffix(suffix) {
                    t = String(t.dropLast(suffix.count)); break
                }
                guard let years = Double(t), years > 0 else {
                    return fail(tr("expected a term in years after \"{0}\", e.g. over 7y, not \"{1}\"", w, words[i]))
                }
                term = years
            case "cumulative", "acumulado", "acumulada": cumulative = true
            case "estimated", "est.", "est", "estimado", "estimada": estimated = true
            default:
                return fail(tr("unexpected \"{0}\": after the currency come /yr, over Ny, cumulative or estimated", w))
            }
            i += 1
        }
        var out: [(AmountField, JSONValue)] = [(.value, .number(value)), (.currency, .string(currency!))]
        if per == .year { out.append((.per, .string(per.rawValue))) }
        if bound != .exact { out.append((.bound, .string(bound.rawValue))) }
        if estimated { out.append((.estimated, .bool(true))) }
        if cumulative { out.append((.cumulative, .bool(true))) }
        if let term { out.append((.termYears, .number(term))) }
        return .success(out)
    }

    /// An amount record's money part as `parse` reads it: `up to 5B USD/yr over 2y cumulative estimated`; in Spanish
    /// `hasta 5B USD/año en 2 años acumulado estimado` (which it reads too).
    public static func format(_ amount: JSONValue) -> String {
        guard case .object(let fields) = amount else { return "" }
        func field(_ f: AmountField) -> JSONValue? { fields.first { $0.0 == f.name }?.1 }
        var out = ""
        if case .string(let b)? = field(.bound), let bound = Bound(rawValue: b) {
            switch bound {
            case .exact: break
            case .about: out += tr("about") + " "
            case .upTo: out += tr("up to") + " "
            case .atLeast: out += tr("at least") + " "
            case .moreThan: out += tr("more than") + " "
            }
        }
        if case .number(let v)? = field(.value) {
            let (scaled, suffix): (Double, String) =
                v >= 1e12
                ? (v / 1e12, "T")
                : v >= 1e9
                    ? (v / 1e9, "B")
                    : v >= 1e6
                        ? (v / 1e6, "M")
                        : v >= 1e3 ? (v / 1e3, "K") : (v, "")
            out += number(scaled) + suffix
        }
        if case .string(let c)? = field(.currency) { out += " " + c }
        if case .string("year")? = field(.per) { out += tr("/yr") }
        if case .number(let t)? = field(.termYears) { out += " " + tr("over") + " " + tr("{0}y", number(t)) }
        if case .bool(true)? = field(.cumulative) { out += " " + tr("cumulative") }
        if case .bool(true)? = field(.estimated) { out += " " + tr("estimated") }
        return out
    }

    /// `38`, `10.5`, `0.125`: the shortest text that reads back as the same number.
    private static func number(_ v: Double) -> String {
        if v == v.rounded() && abs(v) < 1e15 { return String(Int64(v)) }
        return String(describing: v)
    }
}
