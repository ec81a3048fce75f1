import AlliesCore
import AlliesText

/// The breadcrumb line: screen titles joined by ` › `, middle crumbs elided when it does not fit.
enum Breadcrumb {
    /// Each visible crumb with its stack depth and column range.
    static func layout(_ state: AppState, width: Int) -> [(text: String, depth: Int?, x: Int)] {
        guard let ctx = state.context() else { return [] }
        let g = state.glyphs
        let titles = state.stack.map { Sanitize.line($0.screen.title(ctx)) }
        let all: [(String, Int?)] = titles.enumerated().map { ($1, $0) }
        func build(_ hidden: Int) -> [(String, Int?)] {
            hidden == 0 ? all : [all[0], (g.ellipsis, nil)] + all[(1 + hidden)...]
        }
        func total(_ crumbs: [(String, Int?)]) -> Int {
            crumbs.reduce(0) { $0 + TextWidth.of($1.0) } + max(0, crumbs.count - 1) * TextWidth.of(g.crumb) + 1
        }
        // Hide middle crumbs, oldest first, keeping the first and the last.
        var hidden = 0
        while total(build(hidden)) > width && 1 + hidden < all.count - 1 { hidden += 1 }
        let shown = build(hidden)
        var x = 1
        var out: [(String, Int?, Int)] = []
        for (i, crumb) in shown.enumerated() {
            if i > 0 { x += TextWidth.of(g.crumb) }
            out.append((crumb.0, crumb.1, x))
            x += TextWidth.of(crumb.0)
        }
        return out
    }

    static func crumb(at column: Int, _ state: AppState) -> Int? {
        for c in layout(state, width: state.size.width) where column >= c.x && column < c.x + TextWidth.of(c.text) {
            return c.depth
        }
        return nil
    }
}

extension AppState {
    /// Draws the whole screen. Pure: the same state and size always give the same grid.
    public func render(_ size: Size) -> Grid {
        var grid = Grid(size)
        guard size.width >= Layout.minimum.width, size.height >= Layout.minimum.height else {
            drawTooSmall(&grid)
            return grid
        }
        guard catalog != nil, var frame = stack.last, let ctx = context(for: frame) else {
            if let stored = shownEarlyCompanies { draw(stored, into: &grid) }
            // A store found damaged, even while drawing this frame, is not drawn from.
            if shownEarlyCompanies == nil {
                grid = Grid(size)
                drawLoading(&grid)
            }
            return grid
        }
        let g = glyphs
        let layout = Layout(frame.screen, ctx, size)
        let items = self.items(frame.screen, ctx, width: layout.listWidth)
        frame.settle(items, height: layout.listHeight)
        if items.standIn { (frame.selected, frame.scroll) = (-1, 0) }

        // Breadcrumb, and where the selection is on the right.
        var state = self
        state.size = size
        let selectable = items.selectable
        var position = ""
        if let i = selectable.position(of: frame.selected) {
            position = "\(i + 1)/\(items.selectableInAll ?? selectable.count)"
        }
        // The agreed-only switch stays in sight while it is on: every figure on screen leaves money out.
        if agreedOnly { position = tr("agreed money only") + (position.isEmpty ? "" : g.dot + position) }
        let positionWidth = TextWidth.of(position)
        let crumbs = Breadcrumb.layout(state, width: size.width - positionWidth - 2)
        for (i, crumb) in crumbs.enumerated() {
            if i > 0 { grid.write(g.crumb, x: crumb.x - TextWidth.of(g.crumb), y: 0, style: Style(.dim)) }
            let last = i == crumbs.count - 1
            let room = size.width - positionWidth - 2 - crumb.x
            grid.write(
                Clip.toWidth(crumb.text, max(0, room), ellipsis: g.ellipsis, wholeNumbers: true), x: crumb.x, y: 0,
                style: Style(last ? .heading : .accent, bold: last), maxWidth: max(0, room))
        }
        if !position.isEmpty { grid.write(position, x: size.width - positionWidth - 1, y: 0, style: Style(.dim)) }

        // The pinned header lines and the scrolling items.
        for (i, line) in layout.header.enumerated() {
            draw(line, x: layout.listX, y: 1 + i, width: layout.listWidth, into: &grid, ctx)
        }
        // Only the items on screen: the first is the last one starting at or above the scroll line.
        let place = Placement(items)
        let firstVisible = place.item(atLine: frame.scroll, items) ?? 0
        for i in firstVisible..<items.count {
            guard place.tops[i] - frame.scroll < layout.listHeight else { break }
            for (j, line) in items[i].lines.enumerated() {
                let y = place.tops[i] + j - frame.scroll
                guard y >= 0, y < layout.listHeight else { continue }
                draw(line, x: layout.listX, y: layout.listY + y, width: layout.listWidth, into: &grid, ctx)
                if i == frame.selected {
                    grid.restyle(x: layout.listX, y: layout.listY + y, width: layout.listWidth) { $0.reverse = true }
                }
            }
        }
        // The preview pane.
        let item = items.indices.contains(frame.selected) ? items[frame.selected] : nil
        if let px = layout.previewX {
            for y in 1..<(size.height - 1) { grid.write(g.vRule, x: px - 2, y: y, style: Style(.border)) }
            let lines = frame.screen.preview(ctx, item: item, width: layout.previewWidth, height: size.height - 2) ?? []
            for (i, line) in lines.prefix(size.height - 2).enumerated() {
                draw(line, x: px, y: 1 + i, width: layout.previewWidth, into: &grid, ctx)
            }
        }

        for (i, line) in frame.screen.footer(ctx, item: item, width: layout.listWidth).prefix(layout.footerHeight)
            .enumerated()
        {
            draw(line, x: layout.listX, y: layout.footerY + i, width: layout.listWidth, into: &grid, ctx)
        }

        drawStatus(
            &grid,
            scope: CommandScope(
                screen: frame.screen, depth: stack.count, item: item,
                hasSelectableRows: !selectable.isEmpty, needles: needles))
        return grid
    }

    /// Draws a line's spans from x, clipped to `width`, with the search's matches highlighted.
    func draw(_ line: Line, x: Int, y: Int, width: Int, into grid: inout Grid, _ ctx: Context) {
        draw(line, x: x, y: y, width: width, into: &grid, needles: ctx.needles, g: ctx.g)
    }

    /// `wholeSpans` highlights each span's whole text rather than its visible part (the tests' oracle).
    func draw(
        _ line: Line, x: Int, y: Int, width: Int, into grid: inout Grid, needles: [String], g: Glyphs,
        wholeSpans: Bool = false
    ) {
        var column = x
        let end = x + width
        let spans = line.spans
        for (s, span) in spans.enumerated() {
            guard column < end else { break }
            let part = wholeSpans ? span : Self.visiblePart(span, columns: end - column, needles)
            let pieces = highlighted(part, needles)
            for (p, piece) in pieces.enumerated() {
                guard column < end else { break }
                // A piece that fills the line to its edge with more text after it: the line is cut there, and says
                // so with its `…` (the text after it, a claim's last words or a result's field, vanished unmarked).
                let more =
                    TextWidth.of(piece.text) == end - column
                    && (pieces[(p + 1)...].contains { Self.shows($0.text) }
                        || spans[(s + 1)...].contains { Self.shows($0.text) })
                // Never cut inside a number, as cells are not (`fit`): `Microsoft invertirá hasta 5…` is not 5.000 M$.
                let text = Clip.toWidth(
                    more ? piece.text + g.ellipsis : piece.text, end - column, ellipsis: g.ellipsis, wholeNumbers: true)
                column += grid.write(text, x: column, y: y, style: piece.style, maxWidth: end - column)
                // A piece cut ends the line at its `…` (a wide character left out may leave a column free).
                if text != piece.text { return }
            }
        }
    }

    /// Whether text draws anything but blanks (a row's padding after the edge loses nothing).
    static func shows(_ text: String) -> Bool { text.unicodeScalars.contains { !$0.properties.isWhitespace } }

    /// The span cut a little past what `columns` show (by more than the longest needle, so that a match at the edge
    /// is found whole): a long quote's matches and widths cost what the line shows, and what is drawn is the same,
    /// the edge's `…` included, as the text cut is still wider than the line.
    static func visiblePart(_ span: Span, columns: Int, _ needles: [String]) -> Span {
        let margin = matchMargin(needles)
        guard span.text.utf8.count > columns + margin,
            let cut = Clip.overflow(span.text, columns + margin, keep: columns + margin)
        else { return span }
        var part = span
        part.text = String(span.text[..<cut])
        return part
    }

    /// How far past the edge text is kept so that a match across it is found whole: twice the longest needle
    /// (folding may lengthen a match's text), and two more.
    static func matchMargin(_ needles: [String]) -> Int {
        2 * (needles.map { $0.unicodeScalars.count }.max() ?? 0) + 2
    }

    func highlighted(_ span: Span, _ needles: [String]) -> [Span] {
        guard span.searchable, !needles.isEmpty, !span.text.isEmpty else { return [span] }
        let ranges = SearchIndex.spans(of: needles, in: span.text)
        guard !ranges.isEmpty else { return [span] }
        let chars = Array(span.text)
        var out: [Span] = []
        var at = 0
        var match = span.style
        match.role = .match
        match.bold = true
        for r in ranges where r.lowerBound >= at && r.upperBound <= chars.count {
            if r.lowerBound > at { out.append(Span(String(chars[at..<r.lowerBound]), span.style, searchable: false)) }
            out.append(Span(String(chars[r]), match, searchable: false))
            at = r.upperBound
        }
        if at < chars.count { out.append(Span(String(chars[at...]), span.style, searchable: false)) }
        return out
    }

    /// A note on the bottom line. One too long for the line (a refused save and why, what R merged) is shown whole,
    /// over up to four lines rising from the bottom, until the next key: the reason is the part that matters.
    /// Returns the column after it, where the keys' hints may go.
    func drawNote(_ text: String, isError: Bool, into grid: inout Grid) -> Int {
        let g = glyphs
        let y = grid.size.height - 1
        let width = grid.size.width
        let style = Style(isError ? .error : .warning, bold: true)
        let text = Sanitize.line(text)
        var lines = TextWidth.of(text) <= width ? [text] : Clip.wrap(text, width)
        // An error may name where the edits went (a path to copy): it may cover the screen under the breadcrumb,
        // until the next key.
        let most = isError ? max(1, grid.size.height - 1) : max(1, min(4, grid.size.height / 3))
        if lines.count > most {
            lines = Array(lines.prefix(most))
            lines[most - 1] = Clip.toWidth(lines[most - 1] + " " + g.ellipsis, width, ellipsis: g.ellipsis)
        }
        var x = 0
        for (i, line) in lines.enumerated() {
            let row = y - (lines.count - 1) + i
            if lines.count > 1 { grid.fill(x: 0, y: row, width: width) }
            let written = grid.write(Clip.toWidth(line, width, ellipsis: g.ellipsis), x: 0, y: row, style: style)
            if i == lines.count - 1 { x = written + 2 }
        }
        return x
    }

    /// The bottom line: a note if there is one, then the keys that apply on this screen, from the key table.
    func drawStatus(_ grid: inout Grid, scope: CommandScope) {
        let g = glyphs
        let y = grid.size.height - 1
        let width = grid.size.width
        let listWidth = Layout.listWidth(grid.size, hasPreview: scope.screen.hasPreview)
        var x = note.map { drawNote($0.text, isError: $0.isError, into: &grid) } ?? 0
        let context = scope.screen.context
        var seen = Set<CommandName>()
        // This screen's own keys first, then the generic ones, each in table order.
        let applicable = KeyTable.bindings.filter { KeyTable.applies($0, to: context) }
        let ordered =
            applicable.filter { $0.contexts.contains(context) } + applicable.filter { !$0.contexts.contains(context) }
        var hints: [(keys: String, label: String, command: CommandName)] = []
        for b in ordered {
            guard let hint = b.hint, !seen.contains(b.command), b.availability.check(scope) == .applies else {
                continue
            }
            if context.isEditingStep && !b.contexts.contains(context) && b.command != .help { continue }
            // A key the screen binds to something else (Esc leaves a form, it does not go back) is not offered.
            let usable = b.keys.filter { KeyTable.binding(for: $0, in: context)?.command == b.command }
            guard !usable.isEmpty else { continue }
            seen.insert(b.command)
            // In the prompt, printable keys are text: name a key that still works there (F1, not ?).
            let key =
                context.isPrompt
                ? (usable.first { if case .character = $0 { return false } else { return true } } ?? usable[0])
                : usable[0]
            var label = hint
            if let value = scope.screen.hintValue(b.command, listWidth: listWidth, g) { label += ":" + value }
            hints.append((b.hintKeys ?? KeyTable.label(key, g), label, b.command))
        }
        // How to get help and how to leave are always shown, however narrow: the others give way to them.
        func hintWidth(_ h: (keys: String, label: String, command: CommandName)) -> Int {
            TextWidth.of(h.keys) + 1 + TextWidth.of(h.label) + 2
        }
        let essential = hints.filter { $0.command == .help || $0.command == .quit }
        // (The last hint's two spaces after it are not drawn: they need no room.)
        var room = width - x - essential.reduce(0) { $0 + hintWidth($1) } + 2
        var shown: [(keys: String, label: String, command: CommandName)] = []
        for h in hints where h.command != .help && h.command != .quit {
            guard hintWidth(h) <= room else { break }
            room -= hintWidth(h)
            shown.append(h)
        }
        for h in shown + essential {
            guard x + hintWidth(h) - 2 <= width else { break }
            x += grid.write(h.keys, x: x, y: y, style: Style(.accent, bold: true))
            x += 1
            x += grid.write(h.label, x: x, y: y, style: Style(.dim))
            x += 2
        }
    }

    /// How far a reading is, as a percentage.
    static func percent(_ progress: Double) -> String { MoneyFormat.number((progress * 100).rounded()) + "%" }

    /// A bar `width` cells wide, filled as far as `progress` (0…1).
    static func progressBar(_ progress: Double, width: Int, _ g: Glyphs) -> [Span] {
        let filled = min(width, max(0, Int((progress * Double(width)).rounded(.down))))
        return [
            Span(String(repeating: g.barFull, count: filled), Style(.barFill), searchable: false),
            Span(String(repeating: g.unicode ? "░" : ".", count: width - filled), Style(.dim), searchable: false),
        ]
    }

    func drawTooSmall(_ grid: inout Grid) {
        let size = grid.size
        let (w, h) = (Layout.minimum.width, Layout.minimum.height)
        let text = tr("Terminal too small ({0}x{1}); need at least {2}x{3}", size.width, size.height, w, h)
        let lines = Clip.wrap(text, max(1, size.width))
        let top = max(0, (size.height - lines.count) / 2)
        for (i, line) in lines.enumerated() where top + i < size.height {
            let x = max(0, (size.width - TextWidth.of(line)) / 2)
            grid.write(line, x: x, y: top + i, style: Style(.warning, bold: true))
        }
    }

    func drawLoading(_ grid: inout Grid) {
        let g = glyphs
        let size = grid.size
        func center(_ text: String, _ y: Int, _ style: Style) {
            let clipped = Clip.toWidth(Sanitize.line(text), size.width - 2, ellipsis: g.ellipsis)
            grid.write(clipped, x: max(0, (size.width - TextWidth.of(clipped)) / 2), y: y, style: style)
        }
        if let loadError {
            grid.write(tr("Could not load the dataset"), x: 1, y: 1, style: Style(.error, bold: true))
            grid.write(
                Clip.toWidth(Sanitize.line(datasetName), size.width - 2, ellipsis: g.ellipsis), x: 1, y: 2,
                style: Style(.dim))
            var y = 4
            for d in loadError.diagnostics {
                for line in wrap(d.description, size.width - 2) where y < size.height - 2 {
                    grid.write(line, x: 1, y: y, style: Style(.normal))
                    y += 1
                }
            }
            grid.write("q " + tr("quit"), x: 1, y: size.height - 1, style: Style(.accent, bold: true))
            return
        }
        let mid = size.height / 2
        center("Allies", mid - 2, Style(.heading, bold: true))
        center(tr("Loading {0}", datasetName) + g.ellipsis, mid - 1, Style(.dim))
        let barWidth = max(4, min(40, size.width - 12))
        let x = max(0, (size.width - barWidth - 6) / 2)
        draw(
            Line(Self.progressBar(progress, width: barWidth, g)), x: x, y: mid + 1, width: barWidth, into: &grid,
            needles: [], g: g)
        grid.write(Self.percent(progress), x: x + barWidth + 1, y: mid + 1, style: Style(.normal, bold: true))
        center(tr("Ctrl-C quits"), size.height - 1, Style(.dim))
    }
}
