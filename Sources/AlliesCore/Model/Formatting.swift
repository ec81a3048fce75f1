import AlliesText

// The one formatter of amounts, money totals and dates, shared by the CLI and the explorer so both say the same
// thing. `ascii` picks the ASCII glyph set for terminals without UTF-8 (`>=` for `≥`); the words are the current
// language's (`Language`), English or Spanish.

/// The characters drawn around the data (never the data's own text), in Unicode or in ASCII for a terminal without
/// UTF-8: one set for `MoneyFormat`, the CLI and the explorer (which adds its own drawing characters).
public struct Glyphs: Hashable, Sendable {
    public let unicode: Bool

    public init(unicode: Bool) { self.unicode = unicode }

    public static let unicode = Glyphs(unicode: true)
    public static let ascii = Glyphs(unicode: false)

    /// For `MoneyFormat`'s `ascii:` parameter.
    public var ascii: Bool { !unicode }

    /// Money from one to the other.
    public var arrow: String { unicode ? "→" : "->" }
    public var atLeast: String { unicode ? "≥" : ">=" }
    public var atMost: String { unicode ? "≤" : "<=" }
    public var dash: String { unicode ? "—" : "-" }
    /// Marks a problem (a form's field the loader refuses).
    public var cross: String { unicode ? "✗" : "x" }
    /// Points at a choice (a form's highlighted option, its add/save row).
    public var pointer: String { unicode ? "▸" : ">" }
    public var enDash: String { unicode ? "–" : "-" }
    public var ellipsis: String { unicode ? "…" : "..." }
    /// An empty cell: no money, no date.
    public var none: String { unicode ? "—" : "-" }
    public var barFull: Character { unicode ? "█" : "#" }
    /// A lower bound continues past the solid part ("more than 70%").
    public var barMore: Character { unicode ? "▶" : ">" }
    /// Tree branches: a child with siblings below it, the last child, and the line down past a child.
    public var branch: String { unicode ? "├─ " : "|- " }
    public var lastBranch: String { unicode ? "└─ " : "`- " }
    public var stem: String { unicode ? "│  " : "|  " }
}

public enum MoneyFormat {
    /// The currency's symbol before the number, or its code and a space: `$`, `€` (`EUR ` in ASCII), `SEK `.
    public static func symbol(_ currency: String, ascii: Bool = false) -> String {
        switch currency {
        case "USD": return "$"
        case "EUR": return ascii ? "EUR " : "€"
        case "GBP": return ascii ? "GBP " : "£"
        case "JPY": return ascii ? "JPY " : "¥"
        case "CNY": return ascii ? "CNY " : "CN¥"
        default: return currency + " "
        }
    }

    /// Compact money for a cell: `$38B`, `$9.7B`, `€15M`, `SEK 12.5K`. In Spanish, counted in millions as the
    /// Spanish press writes them, because a Spanish `billón` is a million million and `B` would mislead:
    /// `38.000 M$`, `9.700 M$`, `15 M€`, `12,5 M SEK`; below a million `250 mil $`, `900 $`.
    public static func money(_ value: Double, _ currency: String, ascii: Bool = false) -> String {
        guard Language.current == .es else { return symbol(currency, ascii: ascii) + compact(value) }
        let mark = symbol(currency, ascii: ascii).filter { $0 != " " }
        let spaced = mark.count > 1 ? " " + mark : mark
        if value >= 999_500 { return spanish(significant(value / 1e6)) + " M" + spaced }
        if value >= 999.5 { return spanish(significant(value / 1e3)) + " mil " + mark }
        return spanish(significant(value)) + " " + mark
    }

    /// Money in words, as the articles write it: `38.000 millones de dólares`, `1 millón de euros`, `250.000
    /// dólares`. English keeps the compact form (`$38B`).
    public static func moneyInWords(_ value: Double, _ currency: String, ascii: Bool = false) -> String {
        guard Language.current == .es else { return money(value, currency, ascii: ascii) }
        let names: (one: String, many: String)
        switch currency {
        case "USD": names = ("dólar", "dólares")
        case "EUR": names = ("euro", "euros")
        case "GBP": names = ("libra", "libras")
        case "JPY": names = ("yen", "yenes")
        case "CNY": names = ("yuan", "yuanes")
        default: names = (currency, currency)
        }
        if value >= 999_500 {
            let millions = significant(value / 1e6)
            return spanish(millions) + (millions == 1 ? " millón de " : " millones de ") + names.many
        }
        let shown = significant(value)
        return spanish(shown) + " " + (shown == 1 ? names.one : names.many)
    }

    /// `38000000000` → `38B`, `9700000000` → `9.7B`, `700000000` → `700M`: three significant digits at most.
    public static func compact(_ value: Double) -> String {
        let units: [(Double, String)] = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")]
        for (scale, suffix) in units where value >= scale * 0.9995 {
            return number(value / scale) + suffix
        }
        return number(value)
    }

    /// A number rounded to three significant digits: `38456` → `38500`, `9.74` → `9.74`.
    static func significant(_ v: Double) -> Double {
        guard v.isFinite, v >= 1000, v < 1e15 else { return v }
        var scale = 1.0
        while v / scale >= 1000 { scale *= 10 }
        return (v / scale).rounded() * scale
    }

    /// A number in the current language: at most three significant digits below 1000, no trailing zeros; in
    /// Spanish with a decimal comma and a point between thousands (`9,7`, `38.000`).
    public static func number(_ v: Double) -> String {
        Language.current == .es ? spanish(v) : plainNumber(v)
    }

    /// `9,7`, `38.000`, `12,5`: `plainNumber` with Spanish separators, as the articles write numbers.
    static func spanish(_ v: Double) -> String {
        let plain = plainNumber(v)
        guard plain.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" }) else { return plain }
        let negative = plain.hasPrefix("-")
        let body = negative ? String(plain.dropFirst()) : plain
        let parts = body.split(separator: ".", maxSplits: 1)
        let whole = String(parts[0])
        var grouped = ""
        for (i, c) in whole.enumerated() {
            if i > 0 && (whole.count - i) % 3 == 0 { grouped.append(".") }
            grouped.append(c)
        }
        if parts.count > 1 { grouped += "," + parts[1] }
        return (negative ? "-" : "") + grouped
    }

    /// A number with at most three significant digits and no trailing zeros, `.` for the decimals.
    static func plainNumber(_ v: Double) -> String {
        guard v.isFinite else { return "?" }
        // Out of Int's range (a hostile or broken dataset): no trap, just the plain number.
        guard v > -1e15 && v < 1e15 else { return String(describing: v) }
        if v < 0 { return "-" + plainNumber(-v) }
        let decimals = v >= 100 ? 0 : (v >= 10 ? 1 : 2)
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (v * scale).rounded() / scale
        var whole = Int(rounded)
        var fraction = Int(((rounded - Double(whole)) * scale).rounded())
        if fraction >= Int(scale) { whole += 1; fraction = 0 }
        var s = String(whole)
        if decimals > 0 && fraction > 0 {
            var digits = String(fraction)
            while digits.count < decimals { digits = "0" + digits }
            while digits.hasSuffix("0") { digits.removeLast() }
            s += "." + digits
        }
        return s
    }

    /// The bound's mark before a number: `~`, `up to `, `≥`, `>`.
    static func boundMark(_ bound: Bound, ascii: Bool) -> String {
        switch bound {
        case .exact: return ""
        case .about: return "~"
        case .upTo: return tr("up to") + " "
        case .atLeast: return Glyphs(unicode: !ascii).atLeast
        case .moreThan: return ">"
        }
    }

    /// The bound in words before a number: `about `, `up to `, `at least `, `more than `.
    static func boundWords(_ bound: Bound) -> String {
        switch bound {
        case .exact: return ""
        case .about: return tr("about") + " "
        case .upTo: return tr("up to") + " "
        case .atLeast: return tr("at least") + " "
        case .moreThan: return tr("more than") + " "
        }
    }

    /// One amount with every qualifier: `$38B over 7y`, `up to $100B`, `~$10B`, `≥$1B`, `>$1B`, `$60M/yr`,
    /// `$60M/yr × 2y`, `$8B (est., cumulative)`. In Spanish `38.000 M$ en 7 años`, `hasta 100.000 M$`,
    /// `60 M$/año × 2 años`. `inWords`: the money in words where there is room (`38.000 millones de dólares en 7
    /// años`, `hasta 100.000 millones de dólares`, `60 millones de dólares al año`; English is the same either way).
    public static func amount(_ a: Amount, ascii: Bool = false, inWords: Bool = false) -> String {
        if inWords && Language.current == .es {
            var s = boundWords(a.bound) + moneyInWords(a.value, a.currency, ascii: ascii)
            if a.per == .year { s += " al año" }
            if let term = a.termYears { s += (a.per == .year ? " durante " : " en ") + years(term) }
            return s + notes(a)
        }
        var s = boundMark(a.bound, ascii: ascii) + money(a.value, a.currency, ascii: ascii)
        if a.per == .year { s += tr("/yr") }
        if let term = a.termYears {
            s += (a.per == .year ? (ascii ? " x " : " × ") : " " + tr("over") + " ") + tr("{0}y", number(term))
        }
        return s + notes(a)
    }

    /// A share with its bound, marked as an amount's bound is (`>$1B`): `98%`, `~90%`, `>70%`, `≥95%`, `≤20%`,
    /// `60–70%`; Spanish decimals `97,7%`. The CLI and the explorer both draw shares with it.
    public static func share(_ s: Share, ascii: Bool = false) -> String {
        let g = Glyphs(unicode: !ascii)
        let v = number(s.value) + "%"
        switch s.bound {
        case .exact: return v
        case .about: return "~" + v
        case .moreThan: return ">" + v
        case .atLeast: return g.atLeast + v
        case .upTo: return g.atMost + v
        case .range: return number(s.value) + g.enDash + number(s.upper ?? s.value) + "%"
        }
    }

    /// `2 años`, `1 año`; English `2 years`.
    static func years(_ n: Double) -> String { n == 1 ? tr("1 year") : tr("{0} years", number(n)) }

    /// ` (est., cumulative)`, or empty.
    static func notes(_ a: Amount) -> String {
        var notes: [String] = []
        // An estimate first: where a cell is cut, what the figure is worth is the last thing to lose.
        if a.estimated { notes.append(tr("est.")) }
        if a.cumulative { notes.append(tr(context: "short", "cumulative")) }
        return notes.isEmpty ? "" : " (" + notes.joined(separator: ", ") + ")"
    }

    /// An amount with its deal's status when the deal is not agreed: `~$10B in talks`, `up to $5B`.
    public static func amount(
        _ a: Amount, status: AllianceStatus, ascii: Bool = false, inWords: Bool = false
    ) -> String {
        let s = amount(a, ascii: ascii, inWords: inWords)
        return MoneyStanding(status) == .agreed ? s : s + " " + status.label
    }

    /// ` (Anthropic → Microsoft)` for an amount whose own `from`/`to` say who pays whom; empty otherwise.
    public static func payers(_ a: Amount, _ catalog: Catalog, ascii: Bool = false) -> String {
        guard let from = a.from, let to = a.to else { return "" }
        return " (" + catalog.companyName(from) + " " + Glyphs(unicode: !ascii).arrow + " " + catalog.companyName(to)
            + ")"
    }

    /// `in talks`, `predicted`, `announced`…: `AllianceStatus.label`.
    public static func statusLabel(_ status: AllianceStatus) -> String { status.label }

    /// `2024`, `2024-02`, `2024-02-26`: exactly as precise as the source; `undated` when there is no date.
    public static func date(_ d: PartialDate?) -> String { d?.description ?? tr("undated") }

    /// An alliance's money in one cell: the amount it sorts by (`Amount.leadingIndex`), `+N more` when there are
    /// more, `undisclosed` when none. `otherWay` tells an amount that flows against the one shown: then the deal's
    /// money goes both ways, and the cell says so with the network's mark for it (`up to $5B +1 more ⇄`:
    /// Microsoft's up to $5B into Anthropic, and Anthropic's $30B to Microsoft), so a row read without its
    /// alliance's screen, or without its parties (a company's screen, the Timeline), does not take the others for
    /// more of the same money.
    public static func amounts(
        _ amounts: [Amount], ascii: Bool = false, otherWay: (Amount, Amount) -> Bool = { _, _ in false }
    ) -> String {
        guard let shown = Amount.leadingIndex(of: amounts) else { return tr("undisclosed") }
        let text = amount(amounts[shown], ascii: ascii)
        guard amounts.count > 1 else { return text }
        let more = text + " " + tr("+{0} more", amounts.count - 1)
        guard amounts.indices.contains(where: { $0 != shown && otherWay(amounts[shown], amounts[$0]) }) else {
            return more
        }
        return more + " " + Network.Step.Direction.both.arrow(ascii: ascii)
    }

    /// `amounts(_:ascii:otherWay:)` for an alliance's row: its amounts, each other one's direction weighed against the
    /// one shown (`Alliance.flowsOtherWay`).
    public static func amounts(of alliance: Alliance, ascii: Bool = false) -> String {
        amounts(alliance.amounts, ascii: ascii, otherWay: alliance.flowsOtherWay)
    }

    /// What an amount means, in words: per year, term, bound, estimate, cumulative, what it is for.
    public static func meaning(_ a: Amount, ascii: Bool = false) -> String {
        var parts: [String] = []
        // A figure worked out from a bounded one keeps the bound: up to $30B a year for 5 years is up to $150B.
        let qualifier = boundWords(a.bound)
        if a.per == .year {
            if let term = a.termYears {
                parts.append(
                    tr(
                        "per year, for {0} ({1}{2} in all)", years(term), qualifier,
                        money(a.totalValue, a.currency, ascii: ascii)))
            } else {
                parts.append(tr("per year"))
            }
        } else if let term = a.termYears {
            // The yearly figure is worked out here, not given by a source: it says it is an average, not "about".
            let yearly = money(a.value / term, a.currency, ascii: ascii)
            parts.append(tr("in total over {0} (on average {1}{2}/yr)", years(term), qualifier, yearly))
        } else {
            parts.append(tr("in total"))
        }
        switch a.bound {
        case .exact: break
        case .about: parts.append(tr("approximate (about)"))
        case .upTo: parts.append(tr("an upper bound (up to)"))
        case .atLeast: parts.append(tr("a lower bound (at least)"))
        case .moreThan: parts.append(tr("a lower bound (more than)"))
        }
        if a.estimated { parts.append(tr("an estimate")) }
        if a.cumulative { parts.append(tr("cumulative: a running total over several deals")) }
        return parts.joined(separator: "; ")
    }

    // MARK: Totals

    /// Each currency's sum, `~` where it includes an approximate (`about`) amount, with `mark` before the number;
    /// with `notes`, what kinds of amount it includes (`(includes an estimate and a cumulative total)`).
    static func sums(
        _ sums: CurrencySums, mark: String = "", suffix: String = "", ascii: Bool,
        notes: Bool = false, compact: Bool = false
    ) -> [String] {
        sums.currencies.map { currency in
            // Where no words follow (a list's narrow cell), an estimate is said by `~`: an estimate is approximate.
            let approximate = sums.isApproximate(currency) || (!compact && !notes && sums.includesEstimate(currency))
            var s = (approximate ? "~" : "") + mark + money(sums[currency]!, currency, ascii: ascii) + suffix
            if compact {
                // A sum keeps what it holds in the fewest words, as an amount does (`$13B (cumulative)`): a running
                // total or a contract over years read as a year's money otherwise.
                // (A yearly sum is a year's money whatever its term.)
                s += holds(
                    estimated: sums.includesEstimate(currency), cumulative: sums.includesCumulative(currency),
                    multiYear: sums.includesMultiYear(currency) && suffix.isEmpty)
            } else if notes {
                var parts: [String] = []
                if sums.includesEstimate(currency) { parts.append(tr("an estimate")) }
                if sums.includesCumulative(currency) { parts.append(tr("a cumulative total")) }
                if sums.includesMultiYear(currency) { parts.append(tr("multi-year totals")) }
                if !parts.isEmpty {
                    s += " (" + tr("includes {0}", parts.joined(separator: " " + tr("and") + " ")) + ")"
                }
            }
            return s
        }
    }

    /// ` (est., cumulative, multi-year)`: what a sum holds besides one deal's money of one time, stated as such, in
    /// the fewest words (an estimate first, as an amount says it: `$8B (est., cumulative)`); empty when none.
    public static func holds(estimated: Bool = false, cumulative: Bool, multiYear: Bool) -> String {
        let parts = [
            estimated ? tr("est.") : nil, cumulative ? tr(context: "short", "cumulative") : nil,
            multiYear ? tr("multi-year") : nil,
        ].compactMap { $0 }
        return parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")"
    }

    /// The amounts of one standing, compactly: `$13B (cumulative) + ≤$100B + ≥$1B + $60M/yr`.
    static func parts(_ p: MoneyParts, ascii: Bool, holds: Bool = true) -> [String] {
        let g = Glyphs(unicode: !ascii)
        var out: [String] = []
        for (sums, suffix) in [(p.total, ""), (p.perYear, tr("/yr"))] {
            out += Self.sums(sums.amounts, suffix: suffix, ascii: ascii, compact: holds)
            out += Self.sums(sums.upTo, mark: g.atMost, suffix: suffix, ascii: ascii, compact: holds)
            out += Self.sums(sums.atLeast, mark: g.atLeast, suffix: suffix, ascii: ascii, compact: holds)
        }
        return out
    }

    /// What pending deals are called: `in talks` when they all are, else `pending`.
    static func pendingLabel(_ t: MoneyTotal) -> String {
        t.pendingStatus?.label ?? tr("pending")
    }

    static func undisclosedCount(_ n: Int) -> String { n == 1 ? tr("1 undisclosed") : tr("{0} undisclosed", n) }

    /// A total for one table cell, agreed money first and everything else beside it, never inside it:
    /// `$13B + ≤$100B · 1 undisclosed · in talks: ~$10B`; `undisclosed` when only undisclosed deals;
    /// `—` when none.
    /// `holds`: each sum says what it holds (`$13B (cumulative)`, `$38B (multi-year)`), everywhere but in a list's
    /// narrow cell, whose row opens on the breakdown (a cell cut inside those words said less than the figure).
    public static func total(_ t: MoneyTotal, ascii: Bool = false, holds: Bool = true) -> String {
        segments(t, ascii: ascii, holds: holds).joined(separator: separator(ascii: ascii))
    }

    /// How `byDirection` names a direction: in words (`in (…)`, the command line's reports) or by arrows (`← …`,
    /// `→ …`, the explorer's rows). Money whose direction the data does not give is said in words either way.
    public enum DirectionNames: Sendable { case words, arrows }

    /// Money received, paid and of no stated direction, each total that holds anything formatted and named (`in
    /// ($13B)`, `← $13B`), in that order; none for a tie or a bucket without money. Never added together: each
    /// direction is its own figure.
    public static func byDirection(
        incoming: MoneyTotal, outgoing: MoneyTotal, undirected: MoneyTotal = MoneyTotal(), names: DirectionNames,
        ascii: Bool = false
    ) -> [String] {
        let glyphs = Glyphs(unicode: !ascii)
        var parts: [String] = []
        if !incoming.isEmpty {
            let text = total(incoming, ascii: ascii)
            parts.append(names == .words ? tr("in ({0})", text) : (ascii ? "<- " : "← ") + text)
        }
        if !outgoing.isEmpty {
            let text = total(outgoing, ascii: ascii)
            parts.append(names == .words ? tr("out ({0})", text) : glyphs.arrow + " " + text)
        }
        if !undirected.isEmpty {
            parts.append(tr("direction not stated ({0})", total(undirected, ascii: ascii)))
        }
        return parts
    }

    /// What separates a total's segments: ` · `.
    public static func separator(ascii: Bool) -> String { ascii ? " ; " : " · " }

    /// `total`'s segments, each whole on its own (agreed money, each other standing with its label, the count of
    /// undisclosed deals): where a total must be cut, it is cut between them.
    public static func segments(_ t: MoneyTotal, ascii: Bool = false, holds: Bool = true) -> [String] {
        if t.isEmpty { return [Glyphs(unicode: !ascii).none] }
        // Only agreed deals, none disclosed: plain `undisclosed`; otherwise each standing says its own count.
        if !t.hasAmounts && t.pending.undisclosed == 0 && t.ended.undisclosed == 0 {
            return [t.agreed.undisclosed == 1 ? tr("undisclosed") : undisclosedCount(t.agreed.undisclosed)]
        }
        var segments: [String] = []
        let agreed = parts(t.agreed, ascii: ascii, holds: holds)
        if !agreed.isEmpty { segments.append(agreed.joined(separator: " + ")) }
        // Agreed deals of undisclosed money beside the agreed money, before any status: after `in talks: 2
        // undisclosed`, a last `· 2 undisclosed` read as more deals in talks.
        if t.agreed.undisclosed > 0 { segments.append(undisclosedCount(t.agreed.undisclosed)) }
        // The status comes before its money, so that a cell cut short still says what the money is.
        var pending = parts(t.pending, ascii: ascii, holds: holds)
        if t.pending.undisclosed > 0 { pending.append(undisclosedCount(t.pending.undisclosed)) }
        if !pending.isEmpty { segments.append(pendingLabel(t) + ": " + pending.joined(separator: " + ")) }
        var ended = parts(t.ended, ascii: ascii, holds: holds)
        if t.ended.undisclosed > 0 { ended.append(undisclosedCount(t.ended.undisclosed)) }
        if !ended.isEmpty { segments.append(tr("ended") + ": " + ended.joined(separator: " + ")) }
        return segments
    }

    /// A total in full, one labelled line per part, for detail screens and `allies company`.
    public static func breakdown(_ t: MoneyTotal, ascii: Bool = false) -> [(label: String, value: String)] {
        func deals(_ n: Int) -> String { n == 1 ? tr("1 deal") : tr("{0} deals", n) }
        var lines: [(String, String)] = []
        func add(_ p: MoneyParts, _ prefix: String) {
            let g = Glyphs(unicode: !ascii)
            let rows: [(String, CurrencySums, String, String)] = [
                ("", p.total.amounts, "", ""), (", " + tr("up to"), p.total.upTo, g.atMost, ""),
                (", " + tr("at least"), p.total.atLeast, g.atLeast, ""),
                (", " + tr("per year"), p.perYear.amounts, "", tr("/yr")),
                (", " + tr("per year") + ", " + tr("up to"), p.perYear.upTo, g.atMost, tr("/yr")),
                (", " + tr("per year") + ", " + tr("at least"), p.perYear.atLeast, g.atLeast, tr("/yr")),
            ]
            for (label, sums, mark, suffix) in rows where !sums.isEmpty {
                lines.append(
                    (
                        prefix + label,
                        Self.sums(sums, mark: mark, suffix: suffix, ascii: ascii, notes: true)
                            .joined(separator: " + ")
                    ))
            }
            if p.undisclosed > 0 { lines.append((prefix + ", " + tr("undisclosed"), deals(p.undisclosed))) }
        }
        add(t.agreed, tr("Agreed"))
        let label = pendingLabel(t)
        add(t.pending, label.prefix(1).uppercased() + label.dropFirst())
        add(t.ended, tr("Ended"))
        return lines
    }
}

extension Amount {
    /// `MoneyFormat.amount(self)`.
    public var display: String { MoneyFormat.amount(self) }
}

extension MoneyTotal {
    /// `MoneyFormat.total(self)`.
    public var display: String { MoneyFormat.total(self) }
}

extension Alliance {
    /// Every amount, never added: `up to $5B; $30B (Anthropic → Microsoft)` — an amount that flows otherwise than
    /// the roles say names its payer and payee. `undisclosed` when there is none.
    public func amountsInFull(_ catalog: Catalog, ascii: Bool = false) -> String {
        guard !amounts.isEmpty else { return tr("undisclosed") }
        return amounts.map { MoneyFormat.amount($0, ascii: ascii) + MoneyFormat.payers($0, catalog, ascii: ascii) }
            .joined(separator: "; ")
    }

    /// Parties for one-line listings: `Amazon → Anthropic`, or `Nvidia ↔ Cisco` for partners.
    public func partiesDisplay(_ catalog: Catalog, ascii: Bool = false) -> String {
        let payers = parties.filter { $0.role.moneyDirection == .pays }.map { catalog.companyName($0.company) }
        let payees = parties.filter { $0.role.moneyDirection == .receives }.map { catalog.companyName($0.company) }
        let others = parties.filter { $0.role.moneyDirection == .none }.map { catalog.companyName($0.company) }
        if !payers.isEmpty && !payees.isEmpty && others.isEmpty {
            return payers.joined(separator: ", ") + " " + Glyphs(unicode: !ascii).arrow + " "
                + payees.joined(separator: ", ")
        }
        return (payers + payees + others).joined(separator: ascii ? " <-> " : " ↔ ")
    }
}

extension Network.Step.Direction {
    /// `→` (money from the first to the second), `←`, `⇄` (both ways) or `↔` (partners).
    public func arrow(ascii: Bool = false) -> String {
        switch self {
        case .forward: return Glyphs(unicode: !ascii).arrow
        case .backward: return ascii ? "<-" : "←"
        case .both: return ascii ? "<=>" : "⇄"
        case .none: return ascii ? "<->" : "↔"
        }
    }
}

extension DatedEvent {
    /// `2025-11-03 (announced)`.
    public var display: String { "\(value) (\(event.label))" }
}
