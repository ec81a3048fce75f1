import AlliesCore
import AlliesText

/// The explorer's own drawing characters, in Unicode or in ASCII (no UTF-8 locale). Data text is never changed here.
struct Glyphs: Hashable, Sendable {
    let unicode: Bool

    static let unicode = Glyphs(unicode: true)
    static let ascii = Glyphs(unicode: false)

    var crumb: String { unicode ? " › " : " > " }
    var ellipsis: String { unicode ? "…" : "..." }
    var hRule: Character { unicode ? "─" : "-" }
    var vRule: String { unicode ? "│" : "|" }
    var barFull: Character { unicode ? "█" : "#" }
    /// The lighter part of a bar: a range's upper segment, an upper bound.
    var barLight: Character { unicode ? "░" : "=" }
    /// A lower bound continues past the solid part ("more than 70%").
    var barMore: Character { unicode ? "▶" : ">" }
    var arrow: String { unicode ? "→" : "->" }
    var atLeast: String { unicode ? "≥" : ">=" }
    var atMost: String { unicode ? "≤" : "<=" }
    var dash: String { unicode ? "—" : "-" }
    var enDash: String { unicode ? "–" : "-" }
    var dot: String { unicode ? " · " : " - " }
    var none: String { unicode ? "—" : "-" }
    var openQuote: String { unicode ? "“" : "\"" }
    var closeQuote: String { unicode ? "”" : "\"" }
    var up: String { unicode ? "↑" : "Up" }
    var down: String { unicode ? "↓" : "Down" }
    var left: String { unicode ? "←" : "Left" }
    var right: String { unicode ? "→" : "Right" }
    var sortMark: String { unicode ? "▼" : "v" }
    /// Tree branches: a child with siblings below it, the last child, and the line down past a child.
    var branch: String { unicode ? "├─ " : "|- " }
    var lastBranch: String { unicode ? "└─ " : "`- " }
    var stem: String { unicode ? "│  " : "|  " }

    /// Eighth blocks for the fractional end of a solid bar (Unicode only).
    static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]
}

/// Money, dates and labels, formatted the same way on every screen.
enum Format {
    // MARK: Money

    static func symbol(_ currency: String, _ g: Glyphs) -> (prefix: String, suffix: String) {
        switch currency {
        case "USD": return ("$", "")
        case "EUR": return g.unicode ? ("€", "") : ("EUR ", "")
        case "GBP": return g.unicode ? ("£", "") : ("GBP ", "")
        case "JPY": return g.unicode ? ("¥", "") : ("JPY ", "")
        case "CNY": return g.unicode ? ("CN¥", "") : ("CNY ", "")
        default: return (currency + " ", "")
        }
    }

    /// `38000000000` → `38B`, `9700000000` → `9.7B`, `700000000` → `700M`: three significant digits at most.
    static func compact(_ value: Double) -> String {
        let units: [(Double, String)] = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")]
        for (scale, suffix) in units where value >= scale * 0.9995 {
            return number(value / scale) + suffix
        }
        return number(value)
    }

    /// A number with at most three significant digits and no trailing zeros.
    /// A count with thousands separators: `1,000,000`.
    static func count(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    static func number(_ v: Double) -> String {
        guard v.isFinite else { return "?" }
        // Out of Int's range (a hostile or broken dataset): no trap, just the plain number.
        guard v > -1e15 && v < 1e15 else { return String(describing: v) }
        if v < 0 { return "-" + number(-v) }
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

    static func money(_ value: Double, _ currency: String, _ g: Glyphs) -> String {
        let (prefix, suffix) = symbol(currency, g)
        return prefix + compact(value) + suffix
    }

    /// The one short form of an amount, used in every list and detail: `$38B`, `$60M/yr`, `up to $100B`,
    /// `~$10B (est.)`, `≥$1B`, `>$1B`.
    static func amount(_ a: Amount, _ g: Glyphs) -> String {
        var s = money(a.value, a.currency, g)
        if a.per == .year { s += "/yr" }
        switch a.bound {
        case .exact: break
        case .about: s = "~" + s
        case .upTo: s = "up to " + s
        case .atLeast: s = g.atLeast + s
        case .moreThan: s = ">" + s
        }
        if a.estimated { s += " (est.)" }
        return s
    }

    /// An alliance's money in one cell: its first amount, `+N` when there are more, `undisclosed` when none.
    static func amounts(_ amounts: [Amount], _ g: Glyphs) -> String {
        guard let first = amounts.first else { return "undisclosed" }
        return amount(first, g) + (amounts.count > 1 ? " +\(amounts.count - 1)" : "")
    }

    /// What an amount means, in words: per year, term, bound, estimate, cumulative.
    static func meaning(_ a: Amount, _ g: Glyphs) -> String {
        var parts: [String] = []
        if a.per == .year {
            if let term = a.termYears {
                parts.append("per year, for \(number(term)) years (\(money(a.totalValue, a.currency, g)) in all)")
            } else {
                parts.append("per year")
            }
        } else if let term = a.termYears {
            parts.append("in total over \(number(term)) years (about \(money(a.value / max(term, 1), a.currency, g))/yr)")
        } else {
            parts.append("in total")
        }
        switch a.bound {
        case .exact: break
        case .about: parts.append("approximate (about)")
        case .upTo: parts.append("an upper bound (up to)")
        case .atLeast: parts.append("a lower bound (at least)")
        case .moreThan: parts.append("a lower bound (more than)")
        }
        if a.estimated { parts.append("an estimate") }
        if a.cumulative { parts.append("cumulative: a running total over several deals") }
        return parts.joined(separator: "; ")
    }

    /// A per-currency total: `$38B`, `~$111B` when bounds or estimates were summed, `$1B + €2M` across currencies,
    /// `undisclosed` when money moved but no amount is known, `—` when none moved.
    static func total(_ t: MoneyTotal, _ g: Glyphs) -> String {
        if t.byCurrency.isEmpty { return t.undisclosed > 0 ? "undisclosed" : g.none }
        let currencies = t.byCurrency.keys.sorted { ($0 == "USD" ? "" : $0) < ($1 == "USD" ? "" : $1) }
        let parts = currencies.map { money(t.byCurrency[$0]!, $0, g) }
        return (t.approximate ? "~" : "") + parts.joined(separator: " + ")
    }

    /// The USD part of a total, for sorting.
    static func usd(_ t: MoneyTotal) -> Double { t.byCurrency["USD"] ?? 0 }

    // MARK: Dates and labels

    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                         "October", "November", "December"]

    /// `2024`, `2024-02`, `2024-02-26`: exactly as precise as the source.
    static func date(_ d: PartialDate?) -> String { d?.description ?? "undated" }

    static func month(_ m: Int) -> String { (1...12).contains(m) ? months[m - 1] : "Month \(m)" }

    static func precision(_ d: PartialDate) -> String {
        switch d.precision {
        case .year: return "year known"
        case .month: return "month known"
        case .day: return "day known"
        }
    }

    static func kind(_ k: AllianceKind) -> String {
        switch k {
        case .investment: return "investment"
        case .cloudContract: return "cloud contract"
        case .chipSupply: return "chip supply"
        case .dataLicensing: return "data licensing"
        case .modelDistribution: return "distribution"
        case .acquisition: return "acquisition"
        case .energy: return "energy"
        case .jointInfrastructure: return "joint infra"
        case .partnership: return "partnership"
        }
    }

    static func kindTitle(_ k: AllianceKind) -> String {
        switch k {
        case .investment: return "Investment"
        case .cloudContract: return "Cloud contracts"
        case .chipSupply: return "Chip supply"
        case .dataLicensing: return "Data licensing"
        case .modelDistribution: return "Model distribution"
        case .acquisition: return "Acquisitions"
        case .energy: return "Energy"
        case .jointInfrastructure: return "Joint infrastructure"
        case .partnership: return "Partnerships"
        }
    }

    static func companyKind(_ k: CompanyKind) -> String {
        switch k {
        case .bigTech: return "big tech"
        case .aiLab: return "AI lab"
        case .chipVendor: return "chip vendor"
        case .dataPlatform: return "data platform"
        default: return k.rawValue
        }
    }

    static func status(_ s: AllianceStatus) -> String { s == .inTalks ? "in talks" : s.rawValue }

    /// Statuses that are not (yet) a deal: drawn as a warning so they are never read as facts.
    static func isTentative(_ s: AllianceStatus) -> Bool { s == .predicted || s == .rumoured || s == .inTalks }

    /// Who is in an alliance, money direction shown: `OpenAI → AWS`, `Microsoft + Mistral AI`.
    static func parties(_ a: Alliance, _ catalog: Catalog, _ g: Glyphs, excluding: String? = nil,
                        name: ((String) -> String)? = nil) -> String {
        let name = name ?? { (id: String) in catalog.companyName(id) }
        let payers = a.parties.filter { $0.role.moneyDirection == .pays }.map(\.company)
        let payees = a.parties.filter { $0.role.moneyDirection == .receives }.map(\.company)
        let others = a.parties.filter { $0.role.moneyDirection == .none }.map(\.company)
        if !payers.isEmpty && !payees.isEmpty {
            var s = payers.map(name).joined(separator: ", ") + " " + g.arrow + " " + payees.map(name).joined(separator: ", ")
            if !others.isEmpty { s += " + " + others.map(name).joined(separator: ", ") }
            return s
        }
        return a.parties.map { name($0.company) }.joined(separator: " + ")
    }

    /// A share value with its bound: `98%`, `~90%`, `> 70%`, `≥ 95%`, `≤ 20%`, `60–70%`.
    static func share(_ s: Share, _ g: Glyphs) -> String {
        let v = number(s.value) + "%"
        switch s.bound {
        case .exact: return v
        case .about: return "~" + v
        case .moreThan: return "> " + v
        case .atLeast: return g.atLeast + " " + v
        case .upTo: return g.atMost + " " + v
        case .range: return number(s.value) + g.enDash + number(s.upper ?? s.value) + "%"
        }
    }
}
