import AlliesCore
import AlliesText

// MARK: Layout shared by update (paging, mouse) and render

struct Layout {
    let size: Size
    let header: [Line]
    let listX: Int
    let listY: Int
    let listWidth: Int
    let listHeight: Int
    let previewX: Int?
    let previewWidth: Int
    /// Lines under the list for what the preview pane would show when there is no room for the pane: the selected
    /// row's figures in full, qualifiers and all, which narrow cells cannot hold (`Screen.footer`).
    let footerHeight: Int
    var footerY: Int { listY + listHeight }

    static let minimum = Size(width: 30, height: 8)
    static let footerLines = 2

    init(_ screen: any Screen, _ ctx: Context, _ size: Size) {
        self.init(size, hasPreview: screen.hasPreview, hasFooter: screen.hasFooter) { screen.header(ctx, width: $0) }
    }

    /// The list's width alone (what the status line needs, without making the header): the whole width, or what a
    /// preview pane leaves from 100 columns.
    static func listWidth(_ size: Size, hasPreview: Bool) -> Int {
        let width = max(1, size.width)
        return hasPreview && width >= 100 ? width - min(56, max(36, width * 2 / 5)) : width
    }

    /// `header` gives the pinned header lines for the list's width; `hasFooter` whether a list of that width has
    /// footer lines under it when no pane is beside it (by default, when the screen has a pane).
    init(
        _ size: Size, hasPreview: Bool, hasFooter: ((_ listWidth: Int) -> Bool)? = nil, header: (Int) -> [Line]
    ) {
        self.size = size
        let width = max(1, size.width)
        listWidth = Self.listWidth(size, hasPreview: hasPreview)
        if listWidth < width {
            // The list, a space, a rule, a space, then the pane.
            previewX = listWidth + 3
            previewWidth = width - listWidth - 3
        } else {
            previewWidth = 0
            previewX = nil
        }
        listX = 0
        self.header = header(listWidth)
        listY = 1 + self.header.count
        // Only where the list keeps most of its rows (80×24 keeps 19): a short terminal keeps them all.
        let footer = hasFooter?(listWidth) ?? hasPreview
        footerHeight = footer && previewX == nil && size.height >= 20 ? Self.footerLines : 0
        listHeight = max(1, size.height - 2 - self.header.count - footerHeight)
    }
}

/// Line offsets of items in the scrolling area (lazy rows are one line each: a row's line is its index).
struct Placement {
    struct Tops {
        let lines: [Int]?
        subscript(i: Int) -> Int { lines?[i] ?? i }
    }
    let tops: Tops
    let total: Int
    init(_ items: Items) {
        switch items.storage {
        case .built(let b): tops = Tops(lines: b.tops); total = b.total
        case .lazy(let r): tops = Tops(lines: nil); total = r.count
        }
    }
    init(_ items: [Item]) { self.init(Items(items)) }
    func item(atLine line: Int, _ items: Items) -> Int? {
        guard line >= 0, line < total else { return nil }
        guard let lines = tops.lines else { return line }
        // The last item starting at or above the line (items of no lines never hold it).
        var lo = 0, hi = lines.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if lines[mid] <= line { lo = mid + 1 } else { hi = mid }
        }
        var i = lo - 1
        while i >= 0 && items.lineCount(i) == 0 { i -= 1 }
        return i >= 0 && line < lines[i] + items.lineCount(i) ? i : nil
    }
}

extension Frame {
    /// Puts the selection on a selectable item (the same record as before when it is still there) and scrolls so
    /// that it is visible, with the headings just above it when they fit.
    mutating func settle(_ items: Items, height: Int) {
        // Rows standing in for ones being made leave the selection and scroll as they were, for the rows to come.
        guard !items.standIn else { return }
        let selectable = items.selectable
        if let id = selectedID, !(items.indices.contains(selected) && items.id(at: selected) == id),
            let found = items.index(ofSelectableID: id)
        {
            selected = found
        }
        if selectable.isEmpty {
            selected = -1
        } else if !items.indices.contains(selected) || !items.isSelectable(selected) {
            selected = selectable.first(atOrAfter: selected) ?? selectable.last!
        }
        selectedID = selected >= 0 ? items.id(at: selected) : nil
        let place = Placement(items)
        let maxScroll = max(0, place.total - height)
        guard selected >= 0 else { scroll = min(max(0, scroll), maxScroll); return }
        let top = place.tops[selected], bottom = top + items.lineCount(selected)
        // From the lines above it that are not selectable (headings; the first item's: the top of the screen).
        var runTop = top
        var j = selected - 1
        while j >= 0 && !items.isSelectable(j) { runTop = place.tops[j]; j -= 1 }
        if j < 0 { runTop = 0 }
        // An item taller than the list (a long citation on a small terminal) may be scrolled within, and up to the
        // lines above it that cannot be selected: at 40x12 a company's `Anthropic · lab. de IA · US`, above its
        // long `About`, could never be shown. So may the first item when it and the lines above it do not fit
        // together (Amazon's `About` of 10 lines at 40x12 pushed its `Amazon · big tech · US` off by one).
        if bottom - top > height || (j < 0 && bottom - runTop > height) {
            // Up to those lines, as long as at least the item's first line stays on screen.
            scroll = min(max(scroll, runTop, top - height + 1), bottom - height, maxScroll)
            return
        }
        if bottom > scroll + height { scroll = bottom - height }
        if top < scroll { scroll = top }
        if scroll > runTop && top <= scroll { scroll = max(runTop, bottom - height) }
        if selected == selectable.last { scroll = min(max(scroll, maxScroll), top) }
        scroll = min(max(0, scroll), maxScroll)
        if top < scroll { scroll = top }
    }
}

// MARK: Navigation and paging

extension AppState {
    /// The deepest the screen stack goes. Opening a screen beyond it forgets the oldest one above the top-level
    /// view, so a long walk (partner to partner to partner…) cannot grow the stack, nor the Esc presses back to the
    /// top, without bound.
    public static let maxDepth = 50

    /// Opens a screen on top of the stack, with the first row that opens something selected when it is on the
    /// first page (so Enter goes straight to a party, a partner or an alliance), else the first row.
    mutating func push(_ screen: any Screen) {
        stack.append(Frame(screen))
        if stack.count > Self.maxDepth { stack.remove(at: 1) }
        selectFirstRow()
    }

    /// Selects the top screen's first row as it opens: the row it asks for (an article at a passage), a quarter of
    /// the way down the list; else its first row that does something, when that is on the first screenful.
    mutating func selectFirstRow() {
        guard let screen = stack.last?.screen else { return }
        if let ctx = context(), let (items, layout) = topItems(),
            let i = screen.initialRows(ctx).lazy.compactMap({ items.index(ofSelectableID: $0) }).first
        {
            stack[stack.count - 1].selected = i
            stack[stack.count - 1].selectedID = items.id(at: i)
            stack[stack.count - 1].scroll = max(0, Placement(items).tops[i] - layout.listHeight / 4)
        } else if let (items, layout) = topItems(),
            let first = items.isLazy
                ? (items.isEmpty ? nil : 0)
                : items.indices.first(where: { items[$0].selectable && items[$0].action != nil })
        {
            let place = Placement(items)
            if place.tops[first] + items.lineCount(first) <= layout.listHeight {
                stack[stack.count - 1].selected = first
            }
        }
        normalize()
    }

    mutating func pop() {
        guard stack.count > 1 else { return }
        stack.removeLast()
        normalize()
    }

    mutating func switchView(_ key: ScreenKey, _ make: () -> any Screen) {
        if stack.count == 1 && stack[0].screen.key == key { return }
        parked[stack[0].screen.key] = stack[0]
        stack = [parked[key] ?? Frame(make())]
        normalize()
    }

    mutating func move(by delta: Int) {
        guard let (items, layout) = topItems(), !items.standIn else { return }
        var frame = stack[stack.count - 1]
        let selectable = items.selectable
        guard !selectable.isEmpty else {
            // Nothing to select: scroll instead, within the rows.
            frame.scroll = min(max(0, frame.scroll + delta), max(0, Placement(items).total - layout.listHeight))
            stack[stack.count - 1] = frame
            return
        }
        // Within an item taller than the list, the keys scroll it first, line by line.
        if let (top, bottom) = tallSelection(items, frame, height: layout.listHeight) {
            let wanted = frame.scroll + delta
            if (delta > 0 && frame.scroll + layout.listHeight < bottom) || (delta < 0 && frame.scroll > top) {
                frame.scroll = min(max(wanted, top), bottom - layout.listHeight)
                stack[stack.count - 1] = frame
                return
            }
        }
        let position = selectable.position(of: frame.selected) ?? 0
        let target = min(max(0, position + delta), selectable.count - 1)
        frame.selected = selectable[target]
        frame.selectedID = items.id(at: frame.selected)
        stack[stack.count - 1] = frame
        normalize()
    }

    /// The selected item's first and last line, when it is taller than the list.
    func tallSelection(_ items: Items, _ frame: Frame, height: Int) -> (top: Int, bottom: Int)? {
        guard !items.isLazy, items.indices.contains(frame.selected) else { return nil }
        let top = Placement(items).tops[frame.selected]
        let bottom = top + items.lineCount(frame.selected)
        return bottom - top > height ? (top, bottom) : nil
    }

    mutating func page(_ direction: Int) {
        guard let (items, layout) = topItems(), !items.standIn else { return }
        var frame = stack[stack.count - 1]
        if let (top, bottom) = tallSelection(items, frame, height: layout.listHeight) {
            let height = layout.listHeight
            if (direction > 0 && frame.scroll + height < bottom) || (direction < 0 && frame.scroll > top) {
                frame.scroll = min(max(frame.scroll + direction * max(1, height - 1), top), bottom - height)
                stack[stack.count - 1] = frame
                return
            }
        }
        let place = Placement(items)
        let height = layout.listHeight
        let selectable = items.selectable
        guard frame.selected >= 0, !selectable.isEmpty else {
            frame.scroll += direction * height
            frame.scroll = min(max(0, frame.scroll), max(0, place.total - height))
            stack[stack.count - 1] = frame
            return
        }
        let current = place.tops[frame.selected]
        let step = max(1, height - 1)
        var target: Int
        // Tops grow with the index, so the selectable rows within a page are a run next to the selection.
        if direction > 0 {
            let limit = current + step
            var last: Int?
            var next = selectable.first(after: frame.selected)
            let after = next
            if items.isLazy {
                if let n = next, n <= limit { last = min(limit, selectable.last!) }
            } else {
                while let n = next, place.tops[n] <= limit { last = n; next = selectable.first(after: n) }
            }
            target = last ?? after ?? frame.selected
        } else {
            let limit = current - step
            var first: Int?
            var next = selectable.last(before: frame.selected)
            let before = next
            if items.isLazy {
                if let n = next, n >= limit { first = max(limit, selectable.first!) }
            } else {
                while let n = next, place.tops[n] >= limit { first = n; next = selectable.last(before: n) }
            }
            target = first ?? before ?? frame.selected
        }
        if target == frame.selected { target = direction > 0 ? selectable.last! : selectable.first! }
        frame.scroll += place.tops[target] - current
        frame.selected = target
        frame.selectedID = items.id(at: target)
        stack[stack.count - 1] = frame
        normalize()
    }

    mutating func jump(toEnd: Bool) {
        guard let (items, _) = topItems(), !items.standIn else { return }
        var frame = stack[stack.count - 1]
        let selectable = items.selectable
        if let target = toEnd ? selectable.last : selectable.first {
            frame.selected = target
            frame.selectedID = items.id(at: target)
        }
        frame.scroll = toEnd ? Int.max / 2 : 0
        stack[stack.count - 1] = frame
        normalize()
    }

    /// Opens what the selected row points to (its availability has said whether there is one).
    mutating func openSelected() {
        guard let (items, _) = topItems(), let frame = stack.last, items.indices.contains(frame.selected),
            let action = items[frame.selected].action
        else { return }
        commitSearch()
        push(screen(for: action))
    }

    /// `n`/`N`: the next item of this screen that matches the last search, wrapping around.
    mutating func step(forward: Bool) {
        guard let (items, _) = topItems() else { return }
        var frame = stack[stack.count - 1]
        let selectable = items.selectable
        guard !selectable.isEmpty else { return }
        // On a list of search results every row is a match; elsewhere, the rows that match the last search
        // (whether there is one is the command's availability).
        let isSearch = frame.screen.ownSearch != nil
        let words = frame.screen.ownSearch?.needles ?? needles
        guard isSearch || !words.isEmpty else { return }
        func matches(_ i: Int) -> Bool {
            if isSearch { return true }
            let text = Folding.fold(items.searchText(at: i))
            return words.allSatisfy { text.contains($0) }
        }
        // Look from the selection onwards, then wrap around: each row is looked at once at most, and lazy lists
        // build only the search text of the rows looked at.
        func firstMatch<S: Sequence<Int>>(_ positions: S) -> Int? {
            for p in positions where matches(selectable[p]) { return selectable[p] }
            return nil
        }
        let count = selectable.count
        let found: Int?, wrapped: Int?
        if forward {
            let from = selectable.first(after: frame.selected).flatMap(selectable.position(of:)) ?? count
            found = firstMatch(from..<count)
            wrapped = found == nil ? firstMatch(0..<from) : nil
        } else {
            let from = selectable.last(before: frame.selected).flatMap(selectable.position(of:)) ?? -1
            found = firstMatch(stride(from: from, through: 0, by: -1))
            wrapped = found == nil ? firstMatch(stride(from: count - 1, to: from, by: -1)) : nil
        }
        let next: Int
        if let n = found {
            next = n
        } else if let n = wrapped {
            next = n
            note = StatusNote(
                text: forward ? tr("Search wrapped to the top") : tr("Search wrapped to the bottom"),
                isError: false)
        } else {
            note = StatusNote(
                text: tr("No match for {0} on this screen", "\"" + (lastSearch ?? "") + "\""), isError: true)
            return
        }
        frame.selected = next
        frame.selectedID = items.id(at: next)
        stack[stack.count - 1] = frame
        normalize()
    }
}
