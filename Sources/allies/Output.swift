import AlliesCore
import AlliesTerminal
import AlliesText
import ArgumentParser
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The output formats every listing accepts.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

/// JSON and CSV are interfaces, the same bytes in every language: what they take from a display function (an amount's
/// `display`, `MoneyFormat.meaning`, `partiesDisplay`, `undated`) is made in English.
func inEnglish<T>(_ body: () throws -> T) rethrows -> T { try Language.$scoped.withValue(.en, operation: body) }

/// A value's name in a table or report: its raw value in English (what `--kind`, `--status` and scripts take, as the
/// CLI has always shown it), its label in Spanish (`en negociación` for `in-talks`).
func shown(_ raw: String, _ label: String) -> String { Language.current == .en ? raw : label }

enum Terminal {
    static var stdoutIsTTY: Bool { isatty(STDOUT_FILENO) == 1 }

    /// Columns to fit tables to: the terminal's width, else $COLUMNS, else unlimited (a pipe gets whole lines).
    static var width: Int? {
        var size = winsize()
        if stdoutIsTTY, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let columns = getenv("COLUMNS").flatMap({ Int(String(cString: $0)) }), columns > 0 { return columns }
        return nil
    }

    /// Whether the locale can show UTF-8 (bars, arrows); otherwise ASCII.
    static var unicode: Bool { useTheLocale() }

    /// Set once at start-up: standard output is a terminal whose locale is not UTF-8, so what is printed for people
    /// is folded to ASCII (`tambien`, not `tambi?n`). Into a pipe or a file, the bytes stay UTF-8.
    nonisolated(unsafe) static var foldsToASCII = false

    /// Each character as a terminal without UTF-8 can show it: its ASCII fallback (`é` → `e`), else `?`.
    static func ascii(_ text: String) -> String {
        guard !text.utf8.allSatisfy({ $0 < 0x80 }) else { return text }
        return String(text.map { $0.isASCII ? $0 : Folding.asciiFallback(String($0)) ?? "?" })
    }

    static func printError(_ message: String) {
        let plain = Glue.plain(message)
        var text = foldsToASCII && isatty(STDERR_FILENO) == 1 ? ascii(plain) : plain
        if !text.hasSuffix("\n") { text += "\n" }
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}

/// How far a long step is, on one line of standard error redrawn in place (`allies: building the network… 42%`), as
/// `git clone` shows it: only when standard error is a terminal (a pipe, a file or a script sees nothing), only once
/// the step has taken half a second (small datasets never show it), at most ten times a second, and erased when the
/// step is done, so the command's own output starts on a clean line.
final class ProgressLine {
    private let label: String
    private let shown = isatty(STDERR_FILENO) == 1
    private let started = ContinuousClock.now
    private var last: ContinuousClock.Instant?
    private var drawn = false

    /// `label` is said as is (it is sanitised: a file name may hold anything).
    init(_ label: String) { self.label = Sanitize.line(label) }

    func update(_ fraction: Double) {
        guard shown, fraction.isFinite else { return }
        let now = ContinuousClock.now
        guard now - started >= .milliseconds(500), last.map({ now - $0 >= .milliseconds(100) }) ?? true else { return }
        last = now
        let percent = Int(min(1, max(0, fraction)) * 100)
        draw("allies: " + label + (Terminal.unicode ? "…" : "...") + " \(percent)%")
    }

    func finish() {
        guard drawn else { return }
        draw("")
        drawn = false
    }

    private func draw(_ text: String) {
        drawn = true
        let line = Terminal.foldsToASCII ? Terminal.ascii(text) : text
        var bytes = Array(("\r\u{1B}[K" + line).utf8)
        _ = bytes.withUnsafeMutableBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}

/// A text table: columns sized to their content, shrunk to fit the width by clipping the widest flexible
/// columns with `…`. Cells are sanitised, so data cannot write control sequences.
struct Table {
    struct Column {
        var title: String
        var alignRight = false
        /// Flexible columns give up width first when the table is too wide.
        var flexible = false
        /// When shrinking flexible columns is not enough, columns with a `drop` rank are left out, lowest first,
        /// rather than cut: a date or a count cut short says something else.
        var drop: Int? = nil
        /// A flexible column shrinks to this many columns at the least before droppable ones go.
        var floor = 8
        /// How far a flexible column gives way before droppable columns are left out (16 unless said; its floor if
        /// higher): a title needs more than a name to tell one deal from the next (`Amazon negocia …` three times).
        var comfortable = 16
        /// Ids give way like flexible columns, but never below the prefix that tells each of the table's ids from
        /// the others (what is left is a prefix `allies alliance` and `allies company` take, `microsoft-openai-i…`);
        /// they are cut anywhere, where every other cell is never cut inside a number (`Clip.toWidth(wholeNumbers:)`).
        var identifier = false
        /// A deal's status: what its money's column (`needsStanding`) is never shown without.
        var standing = false
        /// A deal's money, shown only beside its status whole: when the table is too narrow for the status (cut to
        /// `in-…`, or past the width), the money is left out rather than read as agreed (`~$10B` in talks).
        var needsStanding = false

        /// Money: flexible, but by default it gives way only past 24 columns, so that an amount keeps its figure and
        /// its qualifiers (`8.000 M$ (est., acum.)`, the longest amount in the bundled data, takes 22) while names
        /// and ids give way; at 80 columns an amount shown as `hasta …` or `…` told nothing. A company's totals,
        /// in parts (`$38B (multi-year) · 4 undisclosed · …`), cannot be whole at 80 columns beside their last date:
        /// they keep 14 (what they had before the ids gave way), so that the last date still fits.
        static func money(_ title: String, floor: Int = 24, needsStanding: Bool = false) -> Column {
            Column(title: title, flexible: true, floor: floor, needsStanding: needsStanding)
        }
    }
    var columns: [Column]
    var rows: [[String]] = []

    init(_ columns: [Column]) { self.columns = columns }

    mutating func add(_ row: [String]) { rows.append(row.map(Sanitize.line)) }

    /// The table as lines fitted to `width` (nil: no limit, a pipe). Columns that are neither flexible nor
    /// droppable (dates, counts, statuses) are never cut: flexible ones shrink first (names and titles, then ids
    /// too; each to its floor: 8 columns unless said, money 24, an id its unique prefix), then droppable ones go,
    /// then an id that cannot keep its unique prefix.
    func render(width: Int?) -> String {
        let gap = 2
        let natural = columns.indices.map { i in
            rows.reduce(TextWidth.of(columns[i].title)) { max($0, TextWidth.of($1[i])) }
        }
        var shown = Array(columns.indices)
        var widths = natural
        func flexible(_ i: Int) -> Bool { columns[i].flexible || columns[i].identifier }
        if let width {
            // Only a table fitted to a width needs them (a pipe gets whole lines: no ids sorted for nothing).
            let floors = columns.indices.map { i in
                columns[i].identifier
                    ? Self.uniquePrefixFloor(rows.map { $0[i] }, title: columns[i].title) : columns[i].floor
            }
            while true {
                widths = natural
                var total = shown.reduce(0) { $0 + widths[$1] } + gap * (shown.count - 1)
                // Names, titles, matches and ids give way first, the widest one column at a time, to 16 columns
                // (or their floor, if higher: an id's is its unique prefix): at 120 columns a whole 33-column id beside
                // `Apple → Amazon …` kept what a script needs at the cost of what a reader reads. Then, rather than
                // cut them further, a droppable column (a kind, a role) is left out; with none left, each gives way
                // down to its floor, widest first.
                func shrink(toFloors: Bool) {
                    while total > width {
                        let candidates = shown.filter {
                            flexible($0)
                                && widths[$0] > (toFloors ? floors[$0] : max(floors[$0], columns[$0].comfortable))
                        }
                        guard let i = candidates.max(by: { widths[$0] < widths[$1] }) else { return }
                        widths[i] -= 1
                        total -= 1
                    }
                }
                shrink(toFloors: false)
                if total > width,
                    let dropped = shown.filter({ columns[$0].drop != nil }).min(by: {
                        columns[$0].drop! < columns[$1].drop!
                    })
                {
                    shown.removeAll { $0 == dropped }
                    continue
                }
                shrink(toFloors: true)
                // Still too wide: an id would be cut below the prefix that tells it from the others (`appl…`, which
                // names no alliance), so it is left out, and its room goes to the names.
                if total > width, shown.count > 1, let id = shown.first(where: { columns[$0].identifier }) {
                    shown.removeAll { $0 == id }
                    continue
                }
                // A deal's money beside no status, or a status cut short: the money goes, and the layout starts
                // again from every other column (a kind or an id left out to make room for the money comes back
                // when it fits).
                if shown.contains(where: { columns[$0].needsStanding }),
                    !shown.contains(where: { i in
                        columns[i].standing
                            && shown.prefix { $0 != i }.reduce(0) { $0 + widths[$1] + gap } + widths[i] <= width
                    })
                {
                    shown = columns.indices.filter { !columns[$0].needsStanding }
                    continue
                }
                break
            }
        }
        var lines: [String] = []
        // Each cell is cut to what is left of the width, so that a row wider than the width (every column at its
        // least) is cut inside a cell by that cell's rule, never inside a figure.
        func line(_ all: [String]) -> String {
            var s = ""
            var used = 0
            for (n, i) in shown.enumerated() {
                let last = n == shown.count - 1
                let room = width.map { min(widths[i], $0 - used) } ?? widths[i]
                guard room > 0 else {
                    while s.last == " " { s.removeLast() }  // the gap before a column with no room left
                    break
                }
                let column = columns[i]
                let text =
                    last && !column.alignRight
                    ? Clip.toWidth(all[i], room, wholeNumbers: !column.identifier)
                    : Clip.pad(all[i], room, alignRight: column.alignRight, wholeNumbers: !column.identifier)
                s += text
                used += TextWidth.of(text)
                if !last { s += String(repeating: " ", count: gap); used += gap }
            }
            return s
        }
        lines.append(line(columns.map(\.title)))
        for row in rows { lines.append(line(row)) }
        return lines.joined(separator: "\n")
    }

    /// The width an id column keeps at the least: each id's shortest prefix that no other id of the column starts
    /// with, and its `…` (an id that is a prefix of another, or of 12 characters or fewer, stays whole).
    static func uniquePrefixFloor(_ ids: [String], title: String) -> Int {
        let sorted = Set(ids).sorted().map { Array($0) }
        func common(_ a: [Character], _ b: [Character]) -> Int {
            var n = 0
            while n < a.count && n < b.count && a[n] == b[n] { n += 1 }
            return n
        }
        var floor = TextWidth.of(title)
        for (i, id) in sorted.enumerated() {
            let shared = max(
                i > 0 ? common(sorted[i - 1], id) : 0, i + 1 < sorted.count ? common(id, sorted[i + 1]) : 0)
            // The prefix and `…` take shared + 2 columns, and at least 12: a shorter prefix is hard to read and
            // to type again. An id that would lose fewer than three characters is shown whole: it can be copied.
            let cut = max(shared + 2, 12)
            let keep = cut + 2 >= id.count ? id.count : cut
            floor = max(floor, TextWidth.of(String(id.prefix(keep))))
        }
        return floor
    }
}

/// CSV as RFC 4180: fields with commas, quotes or line breaks are quoted. When stdout is a terminal the fields are
/// sanitised too, so a dataset cannot drive the terminal; into a pipe they pass unchanged, so nothing is lost.
struct CSV {
    var header: [String]
    var rows: [[String]] = []

    func render() -> String {
        let sanitize = Terminal.stdoutIsTTY
        func field(_ raw: String) -> String {
            let s = sanitize ? Sanitize.line(raw) : raw
            if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
                return "\"" + s.replacing("\"", with: "\"\"") + "\""
            }
            return s
        }
        return ([header] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\n")
    }
}

/// Every `print` of the CLI: as `Swift.print`, folded to ASCII for a terminal without UTF-8 (`Terminal.foldsToASCII`).
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    let text = Glue.plain(items.map { "\($0)" }.joined(separator: separator))
    Swift.print(Terminal.foldsToASCII ? Terminal.ascii(text) : text, terminator: terminator)
}
