import AlliesCore
import AlliesText

/// The explorer's own drawing characters, beside the shared ones (`Glyphs`, AlliesCore).
/// Data text is never changed here.
extension Glyphs {
    var crumb: String { unicode ? " › " : " > " }
    var hRule: Character { unicode ? "─" : "-" }
    var vRule: String { unicode ? "│" : "|" }
    /// The lighter part of a bar: a range's upper segment, an upper bound.
    var barLight: Character { unicode ? "░" : "=" }
    var dot: String { unicode ? " · " : " - " }
    var openQuote: String { unicode ? "“" : "\"" }
    var closeQuote: String { unicode ? "”" : "\"" }
    var up: String { unicode ? "↑" : "Up" }
    var down: String { unicode ? "↓" : "Down" }
    var left: String { unicode ? "←" : "Left" }
    var right: String { unicode ? "→" : "Right" }
    /// After the sorted column's title; in ASCII a space first, so that `Company v` is not read as `Companyv`.
    var sortMark: String { unicode ? "▼" : " v" }

    /// Eighth blocks for the fractional end of a solid bar (Unicode only).
    static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]
}

/// Money, dates and labels, formatted the same way on every screen.
enum Format {
    // Money: `MoneyFormat` (AlliesCore), the one formatter the CLI uses too.

    /// A count with thousands separators: `1,000,000`; in Spanish a point between thousands, `1.000.000`.
    static func count(_ n: Int) -> String {
        let digits = String(n.magnitude)
        let separator: Character = Language.current == .es ? "." : ","
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(separator) }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    // MARK: Dates and labels
    // Kinds, statuses, roles, months: their `label` (Labels.swift in AlliesCore), in the current language.

    /// `day known`: how precise a date is.
    static func precision(_ d: PartialDate) -> String {
        switch d.precision {
        case .year: return tr("year known")
        case .month: return tr("month known")
        case .day: return tr("day known")
        }
    }

    /// Who is in an alliance, money direction shown: `OpenAI → AWS`, `Microsoft + Mistral AI`.
    static func parties(
        _ a: Alliance, _ catalog: Catalog, _ g: Glyphs, excluding: String? = nil,
        name: ((String) -> String)? = nil
    ) -> String {
        let name = name ?? { (id: String) in catalog.companyName(id) }
        let (payers, payees, others) = a.partiesAsRead
        guard !payers.isEmpty else { return others.map(name).joined(separator: " + ") }
        var s =
            payers.map(name).joined(separator: ", ") + " " + g.arrow + " " + payees.map(name).joined(separator: ", ")
        if !others.isEmpty { s += " + " + others.map(name).joined(separator: ", ") }
        return s
    }

    /// `[in talks] `, `[predicted] `: the mark before an alliance's title or parties wherever its status is not in a
    /// column of its own, so that a deal not agreed is never read as one (empty for agreed and ended deals). With
    /// `expected`, an agreed deal whose date is only expected says so (`[expected] `).
    static func standingMark(_ a: Alliance, expected: Bool = false) -> String {
        if MoneyStanding(a.status) == .pending { return "[" + MoneyFormat.statusLabel(a.status) + "] " }
        if expected, a.date?.event == .expected { return "[" + DateEvent.expected.label + "] " }
        return ""
    }
}
