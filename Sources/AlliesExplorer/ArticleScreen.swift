import AlliesCore
import AlliesText

// The provenance reader: an article's text with every passage that facts quote highlighted and numbered, `n`/`N`
// between passages, Enter on a passage for its facts. A source of any fact opens it at that source's passage.

/// What a fact quoting an article opens, when it has a screen of its own (groups have none).
func action(for fact: RecordKey) -> Action? {
    switch fact.list {
    case .companies: return .company(fact.id)
    case .alliances: return .alliance(fact.id)
    case .claims: return .claim(fact.id)
    case .people: return .person(fact.id)
    case .articles: return .article(fact.id)
    case .shareEstimates: return .shareEstimate(fact.id)
    case .groups: return nil
    }
}

/// `Alliance`, `Share estimate`: a record's kind as a row label, in the current language.
func kindLabel(_ list: RecordListName) -> String {
    switch list {
    case .articles: return tr("Article")
    case .groups: return tr("Group")
    case .companies: return tr("Company")
    case .alliances: return tr("Alliance")
    case .claims: return tr("Claim")
    case .people: return tr("Person")
    case .shareEstimates: return tr("Share estimate")
    }
}

/// A record's title in one line, in the reader's language (`Catalog.recordTitle`).
func shownTitle(_ key: RecordKey, _ catalog: Catalog) -> String { catalog.recordTitle(key) }

/// `"id"`, quoted as messages quote a record's id.
func quoted(_ id: String) -> String { "\"" + id + "\"" }

/// `Passage 3` and the marks the text carries after each passage (`[3]`).
func passageMark(_ n: Int) -> String { "[\(n + 1)]" }

/// How a quoted passage is drawn in the text: underlined too, so it shows without colour.
let quotedStyle = Style(.accent, underline: true)
/// How the words marked to become a fact's quote are drawn.
let markStyle = Style(.match, bold: true)

struct ArticleScreen: Screen {
    let id: String
    /// The quote to open the article at (Enter on a fact's source): its passage is selected and scrolled to.
    var focus: String? = nil
    /// The words marked (`m`) to become a new fact's quote: UTF-8 offsets in the text, and the words.
    var mark: Range<Int>? = nil
    var markedText: String? = nil

    var key: ScreenKey { .article(id) }
    var context: KeyContext { .article }
    var shownRecord: RecordKey? { RecordKey(.articles, id) }

    func title(_ ctx: Context) -> String { ctx.catalog.article(id)?.title ?? id }

    /// The article and its passages, as the screen and its commands read them.
    private func read(_ ctx: Context) -> (Article, [QuotedPassage])? {
        guard let a = ctx.catalog.article(id) else { return nil }
        return (a, ctx.catalog.dataset.quotedPassages(of: a))
    }

    func items(_ ctx: Context, width: Int) -> [Item] {
        guard let (a, passages) = read(ctx) else {
            return [
                Item(lines: [Line(tr("No article {0} in this dataset.", quoted(id)), Style(.error))], selectable: false)
            ]
        }
        let d = ctx.catalog.dataset
        var items = [
            Item(
                lines: paragraph(a.title, width: width, indent: 1, style: Style(.heading, bold: true)),
                selectable: false, searchText: a.title)
        ]
        items.append(
            field(tr("Outlet"), a.outlet ?? tr("unknown"), width: width, style: Style(a.outlet == nil ? .dim : .normal))
        )
        if let author = a.author { items.append(field(tr("Author"), author, width: width)) }
        items.append(field(tr("Published"), a.published?.long ?? tr("unknown"), width: width))
        if let note = a.publishedNote { items.append(field(tr("Date note"), note, width: width, style: Style(.dim))) }
        items.append(field(tr("Language"), a.language, width: width))
        if let url = a.url {
            items.append(
                TextWidth.of(Sanitize.line(url)) + 12 <= width
                    ? field("URL", url, width: width, style: Style(.dim, underline: true))
                    : Item(
                        id: .field("URL"),
                        lines: paragraph("URL", width: width, indent: 1, style: Style(.dim))
                            + urlLines(url, width: width, indent: 0), searchText: url))
        }
        if let file = a.file { items.append(field(tr("File"), file, width: width, style: Style(.dim))) }
        if let retrieved = a.retrieved { items.append(field(tr("Retrieved"), retrieved.long, width: width)) }
        let coverage = d.coverage(of: a, passages: passages)
        items.append(field(tr("Quoted"), Self.describe(coverage), width: width, style: Style(.money)))

        if let text = a.text {
            items.append(.blank)
            items.append(.heading(tr("Text"), ctx.g, width: width))
            items += Self.textItems(text, passages, article: a.id, ctx, width: width, mark: mark)
        }
        // The facts, by passage; without text (or for a quote not found in it), each with its quote.
        var facts: [Item] = []
        var listed = Set<RecordKey>()
        for (n, p) in passages.enumerated() {
            for fact in p.facts {
                listed.insert(fact)
                facts.append(factItem(fact, mark: passageMark(n), ctx, width: width, id: .passageFact(n, fact.id)))
            }
        }
        for q in d.quotes(of: a.id) where !listed.contains(q.key) {
            listed.insert(q.key)
            var item = factItem(q.key, mark: "", ctx, width: width, id: .about(.fact, q.key.id))
            item.lines += paragraph(
                ctx.g.openQuote + q.quote + ctx.g.closeQuote, width: width, indent: 3, style: Style(.accent))
            facts.append(item)
        }
        items += sections(tr("Facts quoting it"), count: listed.count, ctx, width: width, facts)
        return items
    }

    /// `5 passages, 7 facts · 1203 of 8450 characters (14%)`.
    static func describe(_ c: ArticleCoverage) -> String {
        let facts = c.facts == 1 ? tr("1 fact") : tr("{0} facts", c.facts)
        guard let quoted = c.quotedCharacters, let total = c.characters else {
            return tr("{0} quote it; the dataset does not carry its text", facts)
        }
        let passages = c.passages == 1 ? tr("1 passage") : tr("{0} passages", c.passages)
        return tr("{0}, {1} · {2} of {3} characters", passages, facts, Format.count(quoted), Format.count(total))
            + (c.percent.map { " (\($0)%)" } ?? "")
    }

    private func factItem(_ fact: RecordKey, mark: String, _ ctx: Context, width: Int, id: RowID) -> Item {
        let title = shownTitle(fact, ctx.catalog)
        let label = (mark.isEmpty ? "" : mark + " ") + kindLabel(fact.list)
        let target = action(for: fact)
        return Item(
            id: id,
            lines: paragraph(
                title.isEmpty ? fact.id : title, width: width, indent: 1, label: label, labelWidth: 19,
                style: Style(target == nil ? .normal : .accent)),
            action: target, searchText: title)
    }

    /// The text, a selectable row per line (a reading cursor). Lines of a passage open its facts; the line a passage
    /// starts on is the stop `n`/`N` move to.
    static func textItems(
        _ text: String, _ passages: [QuotedPassage], article: String, _ ctx: Context, width: Int,
        mark: Range<Int>? = nil
    ) -> [Item] {
        textLayout(text, passages, article: article, ctx, width: width, mark: mark).map(\.item)
    }

    /// The text's rows, each with the UTF-8 offset in the text of its first character (nil for a blank row).
    static func textLayout(
        _ text: String, _ passages: [QuotedPassage], article: String, _ ctx: Context, width: Int,
        mark: Range<Int>? = nil
    ) -> [(item: Item, start: Int?)] {
        let bytes = Array(text.utf8)
        let bodyWidth = max(1, width - 2)
        var items: [(item: Item, start: Int?)] = []
        var stops = Set<Int>()
        var start = 0
        var paragraphIndex = 0
        // Passages are sorted and apart (quotedPassages merges overlaps): walk them along with the paragraphs.
        var next = 0
        while start <= bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            var chars: [StyledCharacter] = []
            var at = start
            func add(_ from: Int, _ to: Int, _ tag: Int?) {
                guard from < to else { return }
                let original = String(decoding: bytes[from..<to], as: UTF8.self)
                let piece = Sanitize.line(original)
                // Offsets are exact where sanitising changed nothing (the text is printable); else the piece's start.
                var offset = from
                for c in piece {
                    let marked = mark.map { $0.contains(offset) } ?? false
                    let style = marked ? markStyle : (tag == nil ? Style.normal : quotedStyle)
                    chars.append(StyledCharacter(c, style, tag: tag, offset: offset))
                    if piece == original { offset += c.utf8.count }
                }
            }
            var p = next
            while p < passages.count && passages[p].range.lowerBound < end {
                let r = passages[p].range
                if r.upperBound <= start { p += 1; continue }
                add(at, max(at, r.lowerBound), nil)
                add(max(at, r.lowerBound), min(end, r.upperBound), p)
                at = min(end, r.upperBound)
                if r.upperBound <= end {
                    for c in passageMark(p) { chars.append(StyledCharacter(c, Style(.money, bold: true), tag: nil)) }
                    p += 1
                } else {
                    break
                }
            }
            next = p
            add(at, end, nil)
            if !chars.allSatisfy({ $0.character == " " }) {
                // Paragraphs read apart, as published, even where the text separates them with one newline; blank
                // lines of the text make one gap.
                if !items.isEmpty { items.append((.blank, nil)) }
                for (n, piece) in wrapStyled(chars, width: bodyWidth).enumerated() {
                    var line = Line([Span(" ", searchable: false)])
                    for run in piece.runs { line.append(Span(run.text, run.style)) }
                    let tags = piece.tags
                    // The first line a passage shows on is its stop; a line with no passage is just text.
                    let starting = tags.first { !stops.contains($0) }
                    if let starting { stops.insert(starting) }
                    // Enter opens the passage the line is the stop of (the one n/N named), else the first it shows.
                    let touched = starting ?? tags.first
                    items.append(
                        (
                            Item(
                                id: starting.map { .passage($0) } ?? .textLine(paragraphIndex, n), lines: [line],
                                action: touched.flatMap { passageAction($0, passages, article: article) },
                                searchText: line.text),
                            piece.characters.lazy.compactMap(\.offset).first
                        ))
                    for t in tags { stops.insert(t) }
                }
            }
            paragraphIndex += 1
            start = end + 1
        }
        return items
    }

    /// Enter on a passage: its one fact, or the list of its facts.
    static func passageAction(_ n: Int, _ passages: [QuotedPassage], article: String) -> Action? {
        let facts = passages[n].facts
        if facts.count == 1, let one = action(for: facts[0]) { return one }
        return .passage(article: article, n)
    }

    // MARK: Commands

    mutating func perform(_ command: CommandName, _ ctx: Context, _ selection: Selection) -> ScreenEffect {
        switch command {
        case .nextMatch, .previousMatch:
            let items = self.items(ctx, width: ctx.listWidth)
            let stops = items.indices.filter { if case .passage = items[$0].id { return true } else { return false } }
            guard !stops.isEmpty else { return .message(tr("No passage of this article's text is quoted")) }
            let here = selection.item.flatMap { s in items.firstIndex { $0.id == s.id } } ?? -1
            let forward = command == .nextMatch
            let target: Int
            var wrapped = false
            if forward {
                if let s = stops.first(where: { $0 > here }) { target = s } else { target = stops[0]; wrapped = true }
            } else {
                // From inside a passage, N goes to its start first.
                if let s = stops.last(where: { $0 < here }) { target = s } else { target = stops.last!; wrapped = true }
            }
            guard case .passage(let n) = items[target].id, let id = items[target].id else { return .none }
            let total = read(ctx)?.1.count ?? stops.count
            let note =
                !wrapped
                ? tr("Passage {0} of {1}", n + 1, total)
                : (forward
                    ? tr("Passage {0} of {1} (from the top)", n + 1, total)
                    : tr("Passage {0} of {1} (from the end)", n + 1, total))
            return .select(id, note: note)
        case .markPassage:
            guard let (a, passages) = read(ctx), let text = a.text else {
                return .message(tr("The dataset does not carry this article's text: nothing to mark"))
            }
            let layout = Self.textLayout(text, passages, article: id, ctx, width: max(1, ctx.listWidth - 0))
            guard let selected = selection.item?.id,
                let start = layout.first(where: { $0.item.id == selected })?.start
            else { return .message(tr("Select a line of the text first")) }
            let bytes = Array(text.utf8)
            if let mark, mark.contains(start) || mark.upperBound == start {
                // Again inside the mark: one more sentence.
                guard let more = Self.sentence(in: bytes, at: mark.upperBound) else {
                    return .message(tr("The mark already reaches the end of the text"))
                }
                self.mark = mark.lowerBound..<more.upperBound
            } else {
                mark = Self.sentence(in: bytes, at: start)
            }
            guard let mark = self.mark else { return .none }
            markedText = String(decoding: bytes[mark], as: UTF8.self)
            guard let quote = markedText else { return .none }
            return .message(tr("Marked “{0}”: a adds a fact quoting it, m adds the next sentence", quote))
        default:
            return .none
        }
    }

    var markedQuote: (article: String, quote: String)? { markedText.map { (id, $0) } }

    /// The sentence that contains (or starts after) the UTF-8 offset: up to and including its closing `.`, `!`,
    /// `?` or `…` before a space or a line end (or the line end itself), spaces around it left out.
    static func sentence(in bytes: [UInt8], at offset: Int) -> Range<Int>? {
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D }
        func endsSentence(_ i: Int) -> Bool {
            // i is the index just past a candidate end.
            guard i > 0 else { return false }
            if bytes[i - 1] == 0x0A { return true }
            let text = String(decoding: bytes[max(0, i - 3)..<i], as: UTF8.self)
            let closing = [".", "!", "?", "…", ".”", "?”", "!”", ".\"", ".»"].contains { text.hasSuffix($0) }
            return closing && (i == bytes.count || isSpace(bytes[i]))
        }
        var start = min(offset, bytes.count)
        while start > 0 && !endsSentence(start) { start -= 1 }
        while start < bytes.count && isSpace(bytes[start]) { start += 1 }
        guard start < bytes.count else { return nil }
        var end = max(start + 1, offset)
        while end < bytes.count && !endsSentence(end) { end += 1 }
        while end > start && isSpace(bytes[end - 1]) { end -= 1 }
        // Never a cut inside a character.
        while end < bytes.count && (bytes[end] & 0xC0) == 0x80 { end += 1 }
        return end > start ? start..<end : nil
    }

    var hasStops: Bool { true }

    /// The passage the focus quote falls in, selected when the screen opens (or the stop of the line it starts on,
    /// when an earlier passage starts on that line too).
    func initialRows(_ ctx: Context) -> [RowID] {
        guard let focus, let (a, passages) = read(ctx), let text = a.text,
            let range = VerbatimText(text).utf8Range(of: focus),
            let n = passages.lastIndex(where: { $0.range.lowerBound <= range.lowerBound })
        else { return [] }
        return (0...n).reversed().map { .passage($0) }
    }
}

/// One quoted passage of an article and the facts that quote it (Enter on a passage that several facts quote).
struct PassageScreen: Screen {
    let article: String
    let passage: Int

    var key: ScreenKey { .passage(article: article, passage) }
    var context: KeyContext { .record }

    func title(_ ctx: Context) -> String { tr("Passage {0}", passage + 1) }

    func items(_ ctx: Context, width: Int) -> [Item] {
        guard let a = ctx.catalog.article(article), let text = a.text else { return [] }
        let passages = ctx.catalog.dataset.quotedPassages(of: a)
        guard passages.indices.contains(passage) else {
            let text = tr("The article has no passage {0}.", passage + 1)
            return [Item(lines: [Line(text, Style(.error))], selectable: false)]
        }
        let p = passages[passage]
        let quoted = String(decoding: Array(text.utf8)[p.range], as: UTF8.self)
        var items = [
            Item(
                lines: paragraph(a.title, width: width, indent: 1, style: Style(.heading, bold: true)),
                selectable: false, searchText: a.title),
            Item(
                lines: paragraph(
                    ctx.g.openQuote + quoted + ctx.g.closeQuote, width: width, indent: 3, style: quotedStyle),
                selectable: false, searchText: quoted),
        ]
        let facts = p.facts.map { fact in
            let title = shownTitle(fact, ctx.catalog)
            let target = action(for: fact)
            return Item(
                id: .passageFact(passage, fact.id),
                lines: paragraph(
                    title.isEmpty ? fact.id : title, width: width, indent: 1, label: kindLabel(fact.list),
                    labelWidth: 16, style: Style(target == nil ? .normal : .accent)),
                action: target, searchText: title)
        }
        items += sections(tr("Facts quoting it"), count: facts.count, ctx, width: width, facts)
        return items
    }
}
