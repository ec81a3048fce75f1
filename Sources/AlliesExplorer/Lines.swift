import AlliesCore
import AlliesText

/// A run of text in one style. The text is sanitised when the span is made, so match offsets computed on it are the
/// offsets of what is drawn.
struct Span: Hashable, Sendable {
    var text: String
    var style: Style
    /// Whether search matches in this span are highlighted (data text, not padding or labels).
    var searchable: Bool

    init(_ text: String, _ style: Style = .normal, searchable: Bool = true) {
        self.text = Glue.plain(Sanitize.line(text)); self.style = style; self.searchable = searchable
    }

    static func role(_ text: String, _ role: Style.Role, bold: Bool = false) -> Span {
        Span(text, Style(role, bold: bold))
    }

    var width: Int { TextWidth.of(text) }
}

/// One screen row's worth of spans, drawn left to right.
struct Line: Hashable, Sendable {
    var spans: [Span]
    init(_ spans: [Span] = []) { self.spans = spans }
    init(_ text: String, _ style: Style = .normal) { spans = [Span(text, style)] }

    var text: String { spans.map(\.text).joined() }
    var width: Int { spans.reduce(0) { $0 + $1.width } }

    mutating func append(_ span: Span) { spans.append(span) }
    mutating func append(_ text: String, _ style: Style = .normal) { spans.append(Span(text, style)) }
}

/// What Enter on an item opens.
enum Action: Hashable, Sendable {
    case company(String)
    case alliance(String)
    case timeline(String)
    case person(String)
    case claim(String)
    case article(String)
    /// An article opened at the passage a source quotes.
    case articleAt(String, quote: String)
    /// The facts of one passage of an article.
    case passage(article: String, Int)
    /// A form for a new record of a list, some fields filled in.
    case newRecord(RecordListName, [Prefill])
    /// Re-centres the Network view on a company.
    case network(String, merge: Bool)
    /// Walks one circular-financing loop, given by its companies.
    case loop([String], merge: Bool)
    /// One published market-share estimate: its bars, scope, publisher and sources.
    case shareEstimate(String)
}

/// What a row is: identity that survives re-sorting, filtering and a new width, so the selection stays on the same
/// row. Written out (`description`) as a path, `partner/amazon`, for tests and messages.
enum RowID: Hashable, Sendable, CustomStringConvertible {
    /// A record of the list's own kind (Companies, Alliances, the Timeline): its id.
    case record(String)
    /// A row about a record, by what the record is on this screen: a partner, a party, a search result's kind…
    case about(Relation, String)
    /// A labelled field of a detail screen (`About`, `Money in`).
    case field(String)
    /// The n-th row of a kind (the sources, the amounts…).
    case nth(Numbered, Int)
    case parent, activity, disagreement, noAmount
    /// A tie of the Network view: a partner of the centre, or a partner's partner (`via` that partner).
    case tie(String, via: String?)
    /// The row that says how many more two-hop ties a partner has than the Network view lists.
    case moreTies(via: String)
    /// A loop, by its companies.
    case loop([String])
    /// An alliance of a step: of path `path`, or of the loop on screen (path nil).
    case step(path: Int?, step: Int, alliance: String)
    /// A company's bar in a market-share estimate, and the estimate's notes.
    case share(estimate: String, label: String)
    case estimateNotes(String)
    /// A chip a vendor sells through an alliance.
    case chipUse(vendor: String, chip: String, alliance: String)
    /// A line of an article's text: paragraph, line within it (the line a passage starts on is `passage`).
    case textLine(Int, Int)
    /// The line of an article's text where its passage n (from 0) starts.
    case passage(Int)
    /// A fact quoting passage n of an article.
    case passageFact(Int, String)
    /// A row of a record form, by its field path and label.
    case formRow(String)
    /// A key binding on the help screen, under a context.
    case key(CommandName, KeyContext)

    enum Relation: String, Sendable {
        case company, alliance, person, claim, article, partner, party, unit, share, vendor, idle, fact
    }
    enum Numbered: String, Sendable { case source, citation, record, amount, update, candidate }

    /// The record of a list's own row.
    var record: String? { if case .record(let id) = self { return id } else { return nil } }

    var description: String {
        switch self {
        case .record(let id): return id
        case .about(let relation, let id): return relation.rawValue + "/" + id
        case .field(let label): return "field/" + label
        case .nth(let kind, let n): return kind.rawValue + "/\(n)"
        case .parent: return "parent"
        case .activity: return "activity"
        case .disagreement: return "disagreement"
        case .noAmount: return "amount/none"
        case .tie(let company, let via): return "tie/" + (via.map { $0 + "/" } ?? "") + company
        case .moreTies(let via): return "more/" + via
        case .loop(let companies): return "loop/" + companies.joined(separator: "/")
        case .step(let path, let step, let alliance):
            return (path.map { "path/\($0)/\(step)" } ?? "step/\(step)") + "/" + alliance
        case .share(let estimate, let label): return estimate + "/" + label
        case .estimateNotes(let estimate): return estimate + "/meta"
        case .chipUse(let vendor, let chip, let alliance): return "use/" + vendor + "/" + chip + "/" + alliance
        case .textLine(let paragraph, let line): return "text/\(paragraph)/\(line)"
        case .passage(let n): return "passage/\(n + 1)"
        case .passageFact(let n, let id): return "passage/\(n + 1)/" + id
        case .formRow(let path): return "form/" + path
        case .key(let command, let context): return "key/" + command.rawValue + "/" + context.rawValue
        }
    }
}

/// One entry of a screen: one or more lines that are selected, scrolled and opened together.
struct Item: Sendable {
    var id: RowID?
    var lines: [Line]
    var selectable: Bool
    var action: Action?
    /// The text that `n`/`N` look in.
    var searchText: String

    init(id: RowID? = nil, lines: [Line], selectable: Bool = true, action: Action? = nil, searchText: String? = nil) {
        self.id = id; self.lines = lines; self.selectable = selectable; self.action = action
        self.searchText = searchText ?? lines.map(\.text).joined(separator: " ")
    }

    static func heading(_ text: String, _ g: Glyphs, width: Int, rule: Bool = true, trailing: String = "") -> Item {
        var line = Line([Span(text, Style(.heading, bold: true), searchable: false)])
        if rule {
            let tail = trailing.isEmpty ? "" : " " + trailing + " "
            let ruleWidth = max(0, width - line.width - 1 - TextWidth.of(tail))
            if ruleWidth > 0 {
                line.append(Span(" " + String(repeating: g.hRule, count: ruleWidth), Style(.border), searchable: false))
            }
            if !tail.isEmpty { line.append(Span(tail, Style(.dim), searchable: false)) }
        }
        return Item(lines: [line], selectable: false, searchText: "")
    }

    static let blank = Item(lines: [Line()], selectable: false, searchText: "")
}

/// Fits text into a column: sanitised, clipped with the glyph set's ellipsis, padded to exactly `width` columns.
func fit(_ text: String, _ width: Int, _ g: Glyphs, alignRight: Bool = false) -> String {
    guard width > 0 else { return "" }
    let clean = Sanitize.line(text)
    // No cell is cut inside a number: a figure (money, counts) or a title's (`up to $10…` is not $100B).
    let clipped = Clip.toWidth(clean, width, ellipsis: g.ellipsis, wholeNumbers: true)
    let gap = String(repeating: " ", count: max(0, width - TextWidth.of(clipped)))
    return alignRight ? gap + clipped : clipped + gap
}

/// Word-wraps untrusted text (which may hold newlines) to `width` columns, at least one line.
func wrap(_ text: String, _ width: Int) -> [String] {
    guard width > 0 else { return [""] }
    var lines: [String] = []
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
        lines += Clip.wrap(Sanitize.line(String(paragraph)), width)
    }
    return lines.isEmpty ? [""] : lines
}

/// Wrapped paragraph lines with an indent and an optional label on the first line (`Label  text…`).
func paragraph(
    _ text: String, width: Int, indent: Int = 0, label: String? = nil, labelWidth: Int = 0,
    style: Style = .normal, labelStyle: Style = Style(.dim)
) -> [Line] {
    let left = indent + (label == nil ? 0 : labelWidth)
    let body = wrap(text, max(1, width - left))
    // A label wider than its column gets a line of its own.
    if let label, labelWidth > 0, TextWidth.of(Sanitize.line(label)) >= labelWidth {
        var head = Line()
        if indent > 0 { head.append(Span(String(repeating: " ", count: indent), searchable: false)) }
        head.append(Span(label, labelStyle, searchable: false))
        return [head] + paragraph(text, width: width, indent: left, style: style)
    }
    return body.enumerated().map { i, piece in
        var line = Line()
        if indent > 0 { line.append(Span(String(repeating: " ", count: indent), searchable: false)) }
        if let label {
            let tag = i == 0 ? label : ""
            line.append(
                Span(
                    tag + String(repeating: " ", count: max(0, labelWidth - TextWidth.of(tag))), labelStyle,
                    searchable: false))
        }
        line.append(Span(piece, style))
        return line
    }
}

// MARK: Tables

/// A table column: how wide it likes to be, whether it takes the spare width, and how important it is when the
/// terminal is too narrow for every column (lower numbers are dropped last).
struct Column: Sendable {
    var title: String
    var width: Int
    var flex = false
    var minWidth = 0
    var alignRight = false
    var priority = 0
}

/// Column widths for a table `width` columns wide. Columns that do not fit are dropped (width nil), least important
/// first; the flexible column takes what is left. Separators are three columns (` │ `).
struct TableLayout: Sendable {
    let columns: [Column]
    let widths: [Int?]
    static let separatorWidth = 3

    init(_ columns: [Column], width: Int) {
        self.columns = columns
        var included = Array(repeating: true, count: columns.count)
        func needed() -> Int {
            var total = 0, count = 0
            for (i, c) in columns.enumerated() where included[i] {
                total += c.flex ? c.minWidth : c.width
                count += 1
            }
            return total + max(0, count - 1) * Self.separatorWidth
        }
        let order = columns.indices.sorted { columns[$0].priority > columns[$1].priority }
        for i in order where needed() > width {
            if columns[i].flex || columns[i].priority == 0 { continue }
            included[i] = false
        }
        var widths: [Int?] = columns.indices.map { included[$0] ? columns[$0].width : nil }
        let spare = width - needed()
        if let flex = columns.indices.first(where: { included[$0] && columns[$0].flex }) {
            widths[flex] = max(1, columns[flex].minWidth + spare)
        } else if spare < 0, let last = widths.lastIndex(where: { $0 != nil }) {
            widths[last] = max(1, widths[last]! + spare)
        }
        self.widths = widths
    }

    /// One table row: each cell fitted to its column, separators between.
    func row(_ cells: [Span], _ g: Glyphs) -> Line {
        var line = Line()
        var first = true
        for (i, cell) in cells.enumerated() where i < widths.count {
            guard let w = widths[i] else { continue }
            if !first { line.append(Span(" " + g.vRule + " ", Style(.border), searchable: false)) }
            first = false
            line.append(
                Span(
                    fit(cell.text, w, g, alignRight: columns[i].alignRight), cell.style,
                    searchable: cell.searchable))
        }
        return line
    }

    /// A row whose cell `column` runs on to lines of its own under it, within its column, rather than being cut
    /// (`OpenAI via Amazon We…` at 40 columns, `8.000 M$ (est., …` in a narrow amount column); the other cells are on
    /// the first line only. A number keeps the word after it on its line (`8.000 M$`, not `8.000` then `M$`).
    func rows(_ cells: [Span], _ g: Glyphs, wrapping column: Int) -> [Line] {
        guard cells.indices.contains(column), column < widths.count, let w = widths[column],
            TextWidth.of(cells[column].text) > w
        else { return [row(cells, g)] }
        let pieces = Clip.wrap(Glue.afterNumbers(cells[column].text), w)
        guard pieces.count > 1 else { return [row(cells, g)] }
        var first = cells
        first[column].text = pieces[0]
        return [row(first, g)]
            + pieces.dropFirst().map { piece in
                row(
                    cells.indices.map { i in
                        i == column
                            ? Span(piece, cells[i].style, searchable: cells[i].searchable)
                            : Span("", cells[i].style, searchable: false)
                    }, g)
            }
    }

    /// The column titles; the sorted column is marked (the mark replaces the title's last letter when it is tight).
    func header(_ g: Glyphs, sorted: Int? = nil) -> Line {
        row(
            columns.enumerated().map { i, c in
                var title = c.title
                if i == sorted, let w = widths[i] {
                    if TextWidth.of(title) + TextWidth.of(g.sortMark) > w { title = String(title.dropLast()) }
                    title += g.sortMark
                }
                return Span(title, Style(.heading, bold: true), searchable: false)
            }, g)
    }
}

// MARK: Styled text

/// One character of styled text being wrapped, with the tag of what it belongs to (a quoted passage).
struct StyledCharacter: Sendable {
    let character: Character
    let style: Style
    let tag: Int?
    /// Where the character is in the source text (UTF-8 offset), when it comes from one.
    let offset: Int?
    init(_ character: Character, _ style: Style, tag: Int? = nil, offset: Int? = nil) {
        self.character = character; self.style = style; self.tag = tag; self.offset = offset
    }
}

/// A wrapped line of styled characters.
struct StyledLine: Sendable {
    var characters: [StyledCharacter] = []

    /// Runs of one style, in order.
    var runs: [(text: String, style: Style)] {
        var out: [(text: String, style: Style)] = []
        for c in characters {
            if let last = out.last, last.style == c.style {
                out[out.count - 1].text.append(c.character)
            } else {
                out.append((String(c.character), c.style))
            }
        }
        return out
    }

    /// The tags on the line, in order of first appearance.
    var tags: [Int] {
        var seen: [Int] = []
        for c in characters { if let t = c.tag, !seen.contains(t) { seen.append(t) } }
        return seen
    }
}

/// Word-wraps sanitised styled text as `Clip.wrap` wraps plain text (words at spaces; a word wider than the line
/// is cut), keeping each character's style. The space between two words of the same tag keeps its style, so a
/// quoted passage is one unbroken run.
func wrapStyled(_ text: [StyledCharacter], width: Int) -> [StyledLine] {
    guard width > 0 else { return [StyledLine()] }
    var words: [[StyledCharacter]] = []
    var gaps: [StyledCharacter?] = []  // the space before each word
    var current: [StyledCharacter] = []
    var gap: StyledCharacter? = nil
    for c in text {
        if c.character == " " {
            if !current.isEmpty { words.append(current); gaps.append(gap); current = [] }
            gap = c
        } else {
            current.append(c)
        }
    }
    if !current.isEmpty { words.append(current); gaps.append(gap) }
    var lines: [StyledLine] = []
    var line = StyledLine()
    var lineWidth = 0
    for (i, var word) in words.enumerated() {
        var w = word.reduce(0) { $0 + TextWidth.of($1.character) }
        if lineWidth > 0 && lineWidth + 1 + w <= width {
            let before = line.characters.last?.tag
            let gap = gaps[i]?.style ?? .normal
            // The space keeps its style inside one passage, or between two words of its own style (a mark).
            let joined =
                (before != nil && before == word.first?.tag)
                || (line.characters.last?.style == gap && word.first?.style == gap)
            line.characters.append(StyledCharacter(" ", joined ? gap : .normal, tag: joined ? before : nil))
            line.characters += word
            lineWidth += 1 + w
            continue
        }
        if lineWidth > 0 { lines.append(line); line = StyledLine(); lineWidth = 0 }
        while w > width {
            var head: [StyledCharacter] = []
            var headWidth = 0
            for c in word {
                let cw = TextWidth.of(c.character)
                if headWidth + cw > width { break }
                head.append(c); headWidth += cw
            }
            if head.isEmpty { break }
            lines.append(StyledLine(characters: head))
            word.removeFirst(head.count)
            w -= headWidth
        }
        line = StyledLine(characters: word); lineWidth = w
    }
    if lineWidth > 0 || lines.isEmpty { lines.append(line) }
    return lines
}
