// Short human forms of amounts and dates, shared by the CLI and the explorer so both say the same thing.

public enum MoneyFormat {
    private static let symbols: [String: String] = ["USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CNY": "CN¥"]

    /// `$38B`, `$1.1B`, `$60M`, `€15M`, `12,500 SEK`.
    public static func short(_ value: Double, currency: String) -> String {
        let (scaled, suffix): (Double, String) =
            value >= 1e12 ? (value / 1e12, "T") : value >= 1e9 ? (value / 1e9, "B") : value >= 1e6 ? (value / 1e6, "M")
            : value >= 1e3 ? (value / 1e3, "K") : (value, "")
        let number = trimmed(scaled)
        if let symbol = symbols[currency] { return symbol + number + suffix }
        return number + suffix + " " + currency
    }

    /// One decimal at most, none when whole: 38 → "38", 1.13 → "1.1".
    static func trimmed(_ x: Double) -> String {
        let tenths = (x * 10).rounded()
        let whole = Int64(tenths / 10)
        let fraction = Int64(tenths) - whole * 10
        return fraction == 0 ? String(whole) : "\(whole).\(fraction)"
    }
}

extension Amount {
    /// `$38B`, `up to $100B`, `~$10B (est.)`, `$60M/yr`, `$60M/yr × 2y`, `$8B (cumulative, est.)`.
    public var display: String {
        var s = MoneyFormat.short(value, currency: currency)
        switch bound {
        case .exact: break
        case .about: s = "~" + s
        case .upTo: s = "up to " + s
        case .atLeast: s = "at least " + s
        case .moreThan: s = "over " + s
        }
        if per == .year { s += "/yr" }
        if let termYears { s += (per == .year ? " × " : " over ") + MoneyFormat.trimmed(termYears) + "y" }
        var notes: [String] = []
        if cumulative { notes.append("cumulative") }
        if estimated { notes.append("est.") }
        if !notes.isEmpty { s += " (" + notes.joined(separator: ", ") + ")" }
        return s
    }

    /// The meaning of the amount in words, for detail views.
    public var meaning: String {
        var parts: [String] = []
        parts.append(per == .year ? "per year" : "total")
        switch bound {
        case .exact: break
        case .about: parts.append("approximate")
        case .upTo: parts.append("up to (a ceiling)")
        case .atLeast: parts.append("at least (a floor)")
        case .moreThan: parts.append("more than")
        }
        if estimated { parts.append("estimated") }
        if cumulative { parts.append("cumulative over several deals") }
        if let termYears { parts.append("term \(MoneyFormat.trimmed(termYears)) years") }
        return parts.joined(separator: ", ")
    }
}

extension MoneyTotal {
    /// `$48B`, `~$18B + 2 undisclosed`, `undisclosed (3)`, or `—` when nothing flows.
    public var display: String {
        if isEmpty { return "—" }
        var parts = byCurrency.keys.sorted().map { MoneyFormat.short(byCurrency[$0]!, currency: $0) }
        if approximate, !parts.isEmpty { parts[0] = "~" + parts[0] }
        if undisclosed > 0 {
            if parts.isEmpty { return "undisclosed (\(undisclosed))" }
            parts.append("\(undisclosed) undisclosed")
        }
        return parts.joined(separator: " + ")
    }
}

extension Alliance {
    /// The headline amount for one-line listings: the first amount, or `undisclosed`.
    public var amountDisplay: String {
        guard let first = amounts.first else { return "undisclosed" }
        return amounts.count > 1 ? first.display + " +\(amounts.count - 1)" : first.display
    }

    /// Parties for one-line listings: `Amazon → Anthropic`, or `Nvidia ↔ Cisco` for partners.
    public func partiesDisplay(_ catalog: Catalog, ascii: Bool = false) -> String {
        let payers = parties.filter { $0.role.moneyDirection == .pays }.map { catalog.companyName($0.company) }
        let payees = parties.filter { $0.role.moneyDirection == .receives }.map { catalog.companyName($0.company) }
        let others = parties.filter { $0.role.moneyDirection == .none }.map { catalog.companyName($0.company) }
        if !payers.isEmpty && !payees.isEmpty && others.isEmpty {
            return payers.joined(separator: ", ") + (ascii ? " -> " : " → ") + payees.joined(separator: ", ")
        }
        return (payers + payees + others).joined(separator: ascii ? " <-> " : " ↔ ")
    }
}

extension DatedEvent {
    /// `2025-11-03 (announced)`.
    public var display: String { "\(value) (\(event.rawValue))" }
}
