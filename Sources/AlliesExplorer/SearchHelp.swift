import AlliesCore
import AlliesText

// MARK: Search (`/` from anywhere)

struct SearchScreen: Screen {
    /// The query and its cursor.
    var field = PromptField()
    /// Typing in the prompt (true) or moving in the results (false).
    var editing = true
    /// The best results (each built when asked for), and the totals.
    var answer = SearchAnswer.empty
    /// The answer's positions in the order the screen lists them: by kind (`groups`), best first within each.
    var order: [Int] = []
    /// The results built, in `order`: while the query is typed only a screenful (`screenful`: the keystroke's
    /// frame needs no more, and building 200 was most of it on a large dataset), then all of them (`completeRows`).
    var results: [SearchResult] = []
    /// How many of the kept results are of each kind (the groups' headings count them before they are built).
    var keptByKind: [SearchResult.Kind: Int] = [:]
    var error: String?
    /// Folded words and phrases of the current query, for highlighting.
    var needles: [String] = []
    /// With no match: the query's words that match nothing, with the dataset's nearest words ("did you mean").
    var corrections: [SearchIndex.Correction] = []

    var query: String { field.text }

    var key: ScreenKey { .search }
    var context: KeyContext { editing ? .prompt : .search }
    func title(_ ctx: Context) -> String { query.isEmpty ? tr("Search") : tr("Search: {0}", query) }

    // The results, their error and words follow from the query (and the index, whose arrival clears the item
    // cache): the query and the prompt's state are the screen.
    // How many results are built is in it too: the rows grow when the rest are.
    static func == (a: SearchScreen, b: SearchScreen) -> Bool {
        a.field == b.field && a.editing == b.editing && a.results.count == b.results.count
    }
    func hash(into hasher: inout Hasher) {
        hasher.combine(field)
        hasher.combine(editing)
        hasher.combine(results.count)
    }

    var prompt: PromptField? {
        get { editing ? field : nil }
        set { if let newValue { field = newValue } }
    }

    mutating func promptEdited(_ ctx: Context) -> ScreenEffect {
        // A screen's height of lines fills the first frame.
        run(ctx.search, firstBuilt: ctx.screenRows > 0 ? ctx.screenRows : Int.max)
        return .restartSelection
    }

    mutating func completeRows() -> Bool {
        guard results.count < order.count else { return false }
        results += answer.results(at: Array(order[results.count...]))
        return true
    }

    mutating func reopenPrompt() -> Bool {
        editing = true
        field.cursor = query.count
        return true
    }

    /// The prompt is the first header line.
    mutating func click(headerLine: Int) -> Bool {
        guard headerLine == 0 else { return false }
        editing = true
        return true
    }

    mutating func leavePrompt() -> Bool {
        guard editing else { return false }
        editing = false
        return true
    }

    var ownSearch: OwnSearch? { OwnSearch(query: query, needles: needles, isValid: error == nil) }

    mutating func searchReady(_ search: any DatasetSearch) { run(search) }

    mutating func perform(_ command: CommandName, _ ctx: Context, _ selection: Selection) -> ScreenEffect {
        switch command {
        case .promptCancel: return .pop
        case .promptUp: return .move(by: -1)
        case .promptDown: return .move(by: 1)
        case .promptResults, .promptOpen:
            if results.isEmpty {
                if let error { return .error(error) }
                // Tab takes the suggestion: each misspelt word becomes the nearest word of the dataset.
                if command == .promptResults, !corrections.isEmpty {
                    field.text = Self.corrected(query, corrections)
                    field.cursor = field.text.count
                    run(ctx.search)
                    return .restartSelection
                }
                return query.trimmingSpaces.isEmpty ? .none : .message(tr("No matches"))
            }
            editing = false
            return .commitSearch(open: command == .promptOpen)
        default:
            return .none
        }
    }

    static let groups: [SearchResult.Kind] = [.company, .alliance, .person, .claim, .article, .share]

    /// A group's heading.
    static func groupName(_ kind: SearchResult.Kind) -> String {
        switch kind {
        case .company: return tr("Companies")
        case .alliance: return tr("Alliances")
        case .person: return tr("People")
        case .claim: return tr("Claims")
        case .article: return tr("Articles")
        case .share: return tr("Market-share estimates")
        }
    }

    /// At most this many results are listed; the counts cover every match.
    static let shown = 200

    /// Runs the query again (after every edit): results, or the query error as a message; the first `firstBuilt`
    /// results in the screen's order are built (`completeRows` builds the rest).
    /// Without an index (still being built) the query waits: `.indexReady` runs it again.
    mutating func run(_ search: (any DatasetSearch)?, firstBuilt: Int = Int.max) {
        let trimmed = query.trimmingSpaces
        answer = .empty
        order = []
        results = []
        keptByKind = [:]
        corrections = []
        guard !trimmed.isEmpty else { error = nil; needles = []; return }
        guard let search else { error = nil; return }
        switch Query.parse(query, catalog: search.catalog) {
        case .failure(let e):
            error = e.description
            needles = []
        case .success(let q):
            error = nil
            needles = (q.words + q.phrases).filter { !$0.isEmpty }
            // A Spanish reader is shown the Spanish field where an English one holds the words as well.
            answer = search.answer(q, limit: Self.shown, preferring: .readers)
            for k in answer.kinds { keptByKind[k, default: 0] += 1 }
            order = Self.groups.flatMap { kind in answer.kinds.indices.filter { answer.kinds[$0] == kind } }
            results = answer.results(at: Array(order.prefix(Self.screenful(answer.kinds, order, rows: firstBuilt))))
            if answer.total == 0 { corrections = search.corrections(q) }
        }
    }

    /// How many results, from the first in `order`, take `rows` lines at least: a group's heading takes one, a
    /// result one, an alliance's two (its amount and parties under its title; a matched text's snippet may add a
    /// third, known only once the result is built, so the count never falls short of the screen). Building an
    /// alliance found was most of the keystroke's own time at 1,000,000 alliances; a screen of them needs half as many.
    static func screenful(_ kinds: [SearchResult.Kind], _ order: [Int], rows: Int) -> Int {
        var lines = 0
        var group: SearchResult.Kind?
        for (n, position) in order.enumerated() {
            if lines >= rows { return n }
            let kind = kinds[position]
            if kind != group { lines += 1; group = kind }
            lines += kind == .alliance ? 2 : 1
        }
        return order.count
    }

    /// The query with each corrected word replaced by its first suggestion (words compared folded, as the index
    /// compares them; a leading `-` or a filter's `name:` are left alone).
    static func corrected(_ query: String, _ corrections: [SearchIndex.Correction]) -> String {
        var fixes: [String: String] = [:]
        for c in corrections { if let s = c.suggestions.first { fixes[c.word] = s } }
        return query.split(separator: " ", omittingEmptySubsequences: false).map { part -> String in
            let word = String(part)
            // The word between any signs around it (`-`, `(`, `)`, `,`), which stay.
            guard let start = word.firstIndex(where: { $0.isLetter || $0.isNumber }),
                let end = word.lastIndex(where: { $0.isLetter || $0.isNumber }), !word.contains(":")
            else { return word }
            guard let fix = fixes[Folding.fold(String(word[start...end]))] else { return word }
            return String(word[..<start]) + fix + String(word[word.index(after: end)...])
        }.joined(separator: " ")
    }

    func header(_ ctx: Context, width: Int) -> [Line] {
        let g = ctx.g
        let prompt = field.line("/ ", editing: editing, width: width, ellipsis: ctx.g.ellipsis)
        var info: Line
        if let error {
            // The whole message, wrapped: it says what was expected.
            let text = (g.unicode ? "⚠ " : "! ") + error
            return [prompt]
                + wrap(text, width).prefix(6).map {
                    Line([Span($0, Style(.error, bold: true), searchable: false)])
                }
        } else if ctx.search == nil {
            let percent = Int(((ctx.indexProgress ?? 0) * 100).rounded(.down))
            info = Line(
                tr("Indexing {0} alliances for search", Format.count(ctx.catalog.dataset.alliances.count))
                    + g.ellipsis + " \(percent)%" + g.dot + tr("results appear when it is done"), Style(.warning))
        } else if query.trimmingSpaces.isEmpty {
            info = Line(
                tr("Type to search companies, alliances, people, claims, articles and share estimates.") + " "
                    + tr("Filters:")
                    + " kind: status: with: year: amount: type:", Style(.dim))
        } else {
            let n = answer.total
            var text = n == 0 ? tr("No matches") : n == 1 ? tr("1 match") : tr("{0} matches", Format.count(n))
            if n == 0, !corrections.isEmpty {
                text +=
                    g.dot + tr("Did you mean: {0}?", Self.corrected(query, corrections))
                    + (editing ? " (Tab)" : "")
            }
            if n > order.count { text += " " + tr("(best {0} listed)", order.count) }
            if n > 0 {
                text +=
                    editing
                    ? g.dot + tr("Enter opens") + g.dot + tr("Tab goes to the results")
                    : g.dot + tr("n/N next/previous")
            }
            info = Line(text, Style(n == 0 ? .warning : .dim))
        }
        info.spans = info.spans.map {
            var s = $0; s.searchable = false; return s
        }
        return [prompt, info]
    }

    func rows(_ ctx: Context, width: Int) -> Items {
        Items(items(ctx, width: width), selectableInAll: order.count)
    }

    func items(_ ctx: Context, width: Int) -> [Item] {
        let g = ctx.g
        var items: [Item] = []
        // A snippet longer than its line only adds work: cut past the width by more than a match can span, so the
        // line is drawn (its edge's `…`, a match across it) as the whole text would draw it.
        let snippetLength = width + AppState.matchMargin(needles)
        for kind in Self.groups {
            let group = results.filter { $0.kind == kind }
            guard !group.isEmpty else { continue }
            let kept = keptByKind[kind] ?? group.count
            let count = answer.countByKind[kind] ?? kept
            items.append(
                Item.heading(
                    Self.groupName(kind), g, width: width,
                    trailing: count > kept ? tr("{0} of {1}", kept, Format.count(count)) : String(count)))
            for r in group {
                var first = Line()
                if let d = r.date {
                    first.append(Span(" " + d.description + " ", Style(.dim), searchable: false))
                } else {
                    first.append(Span(" ", searchable: false))
                }
                // An alliance's title and a claim's text in the reader's language (the result's own is English,
                // as `allies search --format json` gives it).
                let title: String
                var deal: Alliance?
                switch r.kind {
                case .alliance:
                    deal = ctx.catalog.alliance(r.id)
                    // A deal not agreed says so, as in the Timeline: a search result is read without its screen.
                    let mark = deal.map { Format.standingMark($0) } ?? ""
                    if !mark.isEmpty { first.append(Span(mark, Style(.warning, bold: true), searchable: false)) }
                    title = shownTitle(RecordKey(.alliances, r.id), ctx.catalog)
                case .claim: title = shownTitle(RecordKey(.claims, r.id), ctx.catalog)
                case .share:
                    // What it shares out, first (two TrendForce estimates of AI servers in 2024 read alike
                    // otherwise), then as the Chips view heads it: the metric in the reader's language, a forecast
                    // said so.
                    title =
                        ctx.catalog.shareEstimate(r.id).map { e in
                            e.market + " (" + e.shares.map(\.label).joined(separator: ", ") + ")" + g.dot
                                + ChipsScreen.year(e) + g.dot + e.metric.label + g.dot + e.region + g.dot + e.publisher
                        } ?? r.title
                default: title = r.title
                }
                first.append(Span(title, Style(.normal, bold: true)))
                // The row's title says why it matched when a name matched, or a title in the language it is shown
                // in (the reader's); else the field and its text say.
                let reader = Language.current == .es ? "es" : "en"
                let titleSays = r.field == .name || r.field == .title && (r.language ?? reader) == reader
                if !titleSays {
                    first.append(Span(g.dot + Self.matchLabel(r), Style(.dim), searchable: false))
                }
                var lines = [first]
                if let deal {
                    // How much and who, as the Alliances view's row says them (the title may name neither). The
                    // amount first: on a narrow screen the line's edge cuts the parties, never the amount's
                    // qualifiers (`13.000 M$ (acu…` at 40 columns).
                    lines.append(
                        Line([
                            Span("    ", searchable: false),
                            Span(
                                MoneyFormat.amounts(of: deal, ascii: g.ascii),
                                Style(deal.amounts.isEmpty ? .dim : .money), searchable: false),
                            Span(g.dot, Style(.dim), searchable: false), Span(Format.parties(deal, ctx.catalog, g)),
                        ]))
                }
                if !titleSays && r.text != title {
                    lines.append(
                        Line([
                            Span("    ", searchable: false),
                            Span(Self.snippet(r, g, longest: snippetLength), Style(.dim)),
                        ]))
                }
                let action: Action, relation: RowID.Relation
                switch r.kind {
                case .company: action = .company(r.id); relation = .company
                case .alliance: action = .alliance(r.id); relation = .alliance
                case .person: action = .person(r.id); relation = .person
                case .claim: action = .claim(r.id); relation = .claim
                case .article: action = .article(r.id); relation = .article
                case .share: action = .shareEstimate(r.id); relation = .share
                }
                items.append(Item(id: .about(relation, r.id), lines: lines, action: action, searchText: r.text))
            }
        }
        return items
    }

    /// The matched text from a little before its first match, so the match is on screen, on one line; at most
    /// what takes `longest` columns drawn (a quote may be pages long; a line shows a screen's width), then `…`.
    /// Which field matched, in which language, as the forms name it in the reader's language: `Summary (es)`,
    /// `Quote (es)`, `Alias` (`Resumen (es)`, `Cita (es)`), not the JSON name (`summary.es`).
    static func matchLabel(_ r: SearchResult) -> String {
        var name = r.matchedField.isEmpty ? r.field.description : r.matchedField
        var language = r.language
        if let dot = name.lastIndex(of: "."), ["en", "es"].contains(String(name[name.index(after: dot)...])) {
            language = String(name[name.index(after: dot)...])
            name = String(name[..<dot])
        }
        return fieldLabel(name == "alias" ? "aliases" : name) + (language.map { " (\($0))" } ?? "")
    }

    static func snippet(_ r: SearchResult, _ g: Glyphs, longest: Int) -> String {
        let text = r.text
        var from = text.startIndex
        var lead = ""
        if let first = r.spans.first, first.lowerBound > 24 {
            // Start at a word a little before the match.
            let match = text.index(text.startIndex, offsetBy: first.lowerBound)
            var start = text.index(match, offsetBy: -20)
            while start < match && text[start] != " " && !text[start].isNewline { start = text.index(after: start) }
            from = start < match ? text.index(after: start) : match
            lead = g.ellipsis
        }
        // `longest` characters, or more while what is drawn of them (zero-width characters are dropped) is narrower.
        var count = max(1, longest)
        while true {
            let end = text.index(from, offsetBy: count, limitedBy: text.endIndex) ?? text.endIndex
            let part = String(text[from..<end])
            if end == text.endIndex || TextWidth.of(Sanitize.line(part)) >= longest {
                return lead + part.replacingNewlines + (end < text.endIndex ? g.ellipsis : "")
            }
            count *= 2
        }
    }
}

/// A one-line text field with a cursor: the search prompt and the Network view's company prompt.
struct PromptField: Hashable, Sendable {
    var text = ""
    /// Cursor position in the text, in Characters.
    var cursor = 0

    /// Types a character at the cursor.
    mutating func insert(_ c: Character) {
        var chars = Array(text)
        cursor = min(max(0, cursor), chars.count)
        chars.insert(c, at: cursor)
        cursor += 1
        text = String(chars)
    }

    /// Inserts pasted text at the cursor as it is, but for what a field cannot hold: line breaks (LF, CR LF, CR)
    /// become LF where the field keeps lines (`keepingLines`: an article's text, tabs kept too), else a space, as
    /// tabs do; other control characters (an escape sequence's ESC) are dropped.
    mutating func paste(_ pasted: String, keepingLines: Bool) {
        var clean = String.UnicodeScalarView()
        var afterCR = false
        for scalar in pasted.unicodeScalars {
            defer { afterCR = scalar == "\r" }
            switch scalar.value {
            case 0x0A where afterCR: continue
            case 0x0A, 0x0D: clean.append(keepingLines ? "\n" : " ")
            case 0x09: clean.append(keepingLines ? "\t" : " ")
            case 0..<0x20, 0x7F...0x9F: continue
            default: clean.append(scalar)
            }
        }
        var chars = Array(text)
        cursor = min(max(0, cursor), chars.count)
        let added = Array(String(clean))
        chars.insert(contentsOf: added, at: cursor)
        cursor += added.count
        text = String(chars)
    }

    /// Applies an editing command (delete, move the cursor…); returns whether the text changed.
    mutating func edit(_ command: CommandName) -> Bool {
        var chars = Array(text)
        let changed = Self.apply(command, &chars, cursor: &cursor)
        text = String(chars)
        return changed
    }

    private static func apply(_ command: CommandName, _ chars: inout [Character], cursor: inout Int) -> Bool {
        cursor = min(max(0, cursor), chars.count)
        switch command {
        case .promptDelete:
            guard cursor > 0 else { return false }
            chars.remove(at: cursor - 1)
            cursor -= 1
            return true
        case .promptDeleteForward:
            guard cursor < chars.count else { return false }
            chars.remove(at: cursor)
            return true
        case .promptDeleteWord:
            var i = cursor
            while i > 0 && chars[i - 1] == " " { i -= 1 }
            while i > 0 && chars[i - 1] != " " { i -= 1 }
            chars.removeSubrange(i..<cursor)
            cursor = i
            return true
        case .promptClear:
            chars.removeAll()
            cursor = 0
            return true
        case .promptLeft: cursor = max(0, cursor - 1)
        case .promptRight: cursor = min(chars.count, cursor + 1)
        case .promptStart: cursor = 0
        case .promptEnd: cursor = chars.count
        default: break
        }
        return false
    }

    /// The prompt line: its label, then the text with the cursor drawn reversed while editing, the tail shown when
    /// the text is wider than the room.
    func line(_ label: String, editing: Bool, width: Int, ellipsis: String = "…") -> Line {
        var prompt = Line([Span(label, Style(.accent, bold: true), searchable: false)])
        let chars = Array(Sanitize.line(text))
        let cursorAt = min(cursor, chars.count)
        // Keep the cursor in view: show the tail when the query is wider than the prompt, marked as cut.
        var room = max(1, width - prompt.width - 1)
        var start = 0
        if TextWidth.of(String(chars[0..<cursorAt])) + 1 > room {
            room = max(1, room - TextWidth.of(ellipsis))
            prompt.append(Span(ellipsis, Style(.dim), searchable: false))
        }
        while start < cursorAt && TextWidth.of(String(chars[start..<cursorAt])) + 1 > room { start += 1 }
        let before = String(chars[start..<cursorAt])
        prompt.append(Span(before, Style(.normal, bold: true), searchable: false))
        if editing {
            let under = cursorAt < chars.count ? String(chars[cursorAt]) : " "
            prompt.append(Span(under, Style(.normal, reverse: true), searchable: false))
            if cursorAt + 1 < chars.count {
                prompt.append(Span(String(chars[(cursorAt + 1)...]), Style(.normal, bold: true), searchable: false))
            }
        } else if cursorAt < chars.count {
            prompt.append(Span(String(chars[cursorAt...]), Style(.normal, bold: true), searchable: false))
        }
        return prompt
    }
}

extension String {
    var trimmingSpaces: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
    var replacingNewlines: String {
        // No byte of a line break (LF, VT, FF, CR; NEL, LS and PS end in 0x85, 0xA8, 0xA9): nothing to replace.
        if !utf8.contains(where: { $0 >= 0x0A && $0 <= 0x0D || $0 == 0x85 || $0 == 0xA8 || $0 == 0xA9 }) { return self }
        return String(map { $0.isNewline ? " " : $0 })
    }
}

// MARK: Help (`?`), generated from the key table

struct HelpScreen: Screen {
    /// The commands that do nothing on the screen help was opened from (their availability said so): drawn dim.
    var unavailableHere: Set<CommandName> = []
    var key: ScreenKey { .help }
    var context: KeyContext { .help }
    func title(_ ctx: Context) -> String { tr("Help") }

    func items(_ ctx: Context, width: Int) -> [Item] {
        let g = ctx.g
        var items: [Item] = []
        let keyWidth = min(24, max(10, width / 3))
        for context in KeyContext.allCases {
            let bindings = KeyTable.bindings.filter { $0.contexts.contains(context) }
            guard !bindings.isEmpty else { continue }
            items.append(Item.heading(context.title, g, width: width))
            for b in bindings {
                let keys = KeyTable.labels(b, g)
                items.append(
                    Item(
                        id: .key(b.command, context),
                        lines: paragraph(
                            b.help, width: width, indent: 1, label: keys, labelWidth: keyWidth + 1,
                            style: unavailableHere.contains(b.command) ? Style(.dim) : .normal,
                            labelStyle: unavailableHere.contains(b.command) ? Style(.dim) : Style(.accent, bold: true)),
                        searchText: keys + " " + b.help))
            }
            items.append(.blank)
        }
        items.append(Item.heading(tr("Mouse"), g, width: width))
        for (what, does) in [
            (tr("click"), tr("select the row under the pointer")), (tr("double-click"), tr("open it")),
            (tr("wheel"), tr("move the selection")),
        ] {
            items.append(
                Item(
                    lines: paragraph(
                        does, width: width, indent: 1, label: what, labelWidth: keyWidth + 1,
                        labelStyle: Style(.accent, bold: true))))
        }
        items.append(.blank)
        items.append(Item.heading(tr("Reading the screens"), g, width: width))
        func money(_ value: Double) -> String { MoneyFormat.money(value, "USD", ascii: !g.unicode) }
        let notes: [(String, String)] = [
            (money(38e9), tr("an amount as the source gives it; undisclosed when there is none")),
            (money(60e6) + tr("/yr"), tr("per year")),
            (g.atMost + money(5e9), tr("an upper bound (up to)")),
            (g.atLeast + money(1e9) + "  >" + money(1e9), tr("lower bounds (at least, more than)")),
            ("~" + money(10e9) + " (" + tr("est.") + ")", tr("about; (est.) when the source calls it an estimate")),
            (
                money(13e9) + " + " + g.atMost + money(100e9),
                tr("a total: agreed money, and ceilings beside it, never added together")
            ),
            (
                tr("in talks") + ": ~" + money(10e9),
                tr("money of deals not agreed (in talks, rumoured, predicted), kept apart")
            ),
            (
                money(13e9) + MoneyFormat.holds(cumulative: true, multiYear: false),
                tr("a running total since the deal began, not money of its date alone")
            ),
            (
                money(38e9) + MoneyFormat.holds(cumulative: false, multiYear: true),
                tr("a contract's whole value over its years (the alliance says how many)")
            ),
            (
                g.atMost + money(5e9) + " " + tr("+{0} more", 1),
                tr("the alliance has more amounts: its screen lists each, with its meaning")
            ),
            (
                MoneyFormat.amounts(
                    [
                        Amount(value: 5e9, currency: "USD", bound: .upTo),
                        Amount(value: 30e9, currency: "USD", from: "b", to: "a"),
                    ], ascii: !g.unicode, otherWay: { _, _ in true }),
                tr("its money goes both ways: another amount flows against the one shown")
            ),
            (
                tr("Amount") + g.sortMark,
                tr(
                    "by amount: agreed largest first; then ceilings, floors, yearly, not agreed; undisclosed last"
                )
            ),
            (
                (g.unicode ? "← " : "<- ") + money(5e9) + "  " + g.arrow + " " + money(30e9),
                tr("money received and paid (in the network, by the company above)")
            ),
            ("2024  2024-02", tr("a date exactly as precise as the source: year, month or day")),
            ("[" + tr("in talks") + "]", tr("predicted, rumoured and in-talks alliances are not deals")),
            (
                String(g.barFull) + String(g.barLight) + String(g.barMore),
                tr("share bars: value, range or upper bound, more than")
            ),
        ]
        for (what, does) in notes {
            items.append(
                Item(
                    lines: paragraph(
                        does, width: width, indent: 1, label: what, labelWidth: keyWidth + 1,
                        labelStyle: Style(.money, bold: true))))
        }
        return items
    }
}
