import AlliesCore
import AlliesText
import Foundation

/// A one-line note in the status bar, until the next key.
public struct StatusNote: Equatable, Sendable {
    public var text: String
    public var isError: Bool
}

/// The whole explorer state. `update` is the only thing that changes it; `render` only reads it.
public struct AppState: Sendable {
    public internal(set) var catalog: Catalog?
    var index: SearchIndex?
    /// Progress of the search index being built in the background (nil when it is ready or not being built).
    public internal(set) var indexProgress: Double?
    public internal(set) var datasetName: String
    /// Loading progress, 0…1, while `catalog` is nil.
    public internal(set) var progress: Double = 0
    public internal(set) var loadError: DatasetError?
    /// The terminal size from the last `.resize` (80×24 until one arrives).
    public internal(set) var size = Size(width: 80, height: 24)
    public internal(set) var capabilities = TerminalCapabilities(unicode: true, color: true)
    /// Only agreed money in every figure and network (`$`).
    public internal(set) var agreedOnly = false
    /// The loop search running off the interface thread, what stops it, and how many loops it has found.
    var loopSearch: (id: LoopSearchID, token: CancelToken, found: Int)?
    var loopSearchSerial = 0
    var stack: [Frame] = []
    /// Top-level views left with a number key, so their sort, filter and selection are there on return.
    var parked: [ScreenKey: Frame] = [:]
    /// The last search the user committed (Enter or Tab in the prompt): highlighted everywhere, used by `n`/`N`.
    public internal(set) var lastSearch: String?
    var needles: [String] = []
    public internal(set) var note: StatusNote?
    /// Memoised items of recent screens (shared by copies of the state, which have the same catalog).
    var cache = ItemCache()
    /// The sorted orders of the long lists (Companies, Alliances), computed once per catalog, sort and filter.
    var lists = ListCache()
    /// The alliance network of the catalog, built when a network screen first asks for it.
    var networks = NetworkCache()

    public init(catalog: Catalog?, datasetName: String, index: SearchIndex? = nil) {
        self.datasetName = datasetName
        if let catalog { install(catalog, index: index) }
    }

    /// A screen's items, memoised: a key press and the frame after it build them once, not four times.
    func items(_ screen: any Screen, _ ctx: Context, width: Int) -> Items {
        let key = ItemCache.Key(screen: screen.cacheKey, width: width, unicode: ctx.g.unicode, needles: ctx.needles,
                                agreedOnly: ctx.agreedOnly)
        if let hit = cache.lookup(key) { return hit }
        let items = screen.rows(ctx, width: width)
        cache.store(key, items)
        return items
    }

    mutating func install(_ catalog: Catalog, index: SearchIndex? = nil, indexFollows: Bool = false) {
        cache = ItemCache()
        networks = NetworkCache()
        lists = ListCache()
        self.catalog = catalog
        self.index = index ?? (indexFollows ? nil : SearchIndex(catalog))
        indexProgress = self.index == nil ? 0 : nil
        loadError = nil
        progress = 1
        stack = [Frame(CompaniesScreen())]
        parked = [:]
        normalize()
    }

    // MARK: What tests and the backend may read

    /// The screens on the stack, bottom first.
    public var screens: [ScreenKey] { stack.map(\.screen.key) }
    public var top: ScreenKey? { stack.last?.screen.key }
    /// Index of the selected item among the top screen's items.
    public var selectedIndex: Int { stack.last?.selected ?? -1 }
    /// The id of the selected item (a company or alliance id on lists).
    public var selectedID: String? { stack.last?.selectedID }
    public var scrollOffset: Int { stack.last?.scroll ?? 0 }

    var glyphs: Glyphs { capabilities.unicode ? .unicode : .ascii }

    func context(for frame: Frame? = nil) -> Context? {
        guard let catalog else { return nil }
        let screen = (frame ?? stack.last)?.screen
        let needles = (screen as? SearchScreen)?.needles ?? self.needles
        return Context(catalog: catalog, index: index, indexProgress: indexProgress, g: glyphs, needles: needles,
                       networks: networks, lists: lists, agreedOnly: agreedOnly, loopsFoundSoFar: loopSearch?.found)
    }
}

/// The last few screens' items. Items depend only on the catalog (fixed per cache), the screen's own state (its
/// cache key), the width, the glyph set and the highlighted words — all in the key — so a hit is always right.
final class ItemCache: @unchecked Sendable {
    struct Key: Hashable {
        let screen: AnyHashable
        let width: Int
        let unicode: Bool
        let needles: [String]
        let agreedOnly: Bool
    }
    private var entries: [(Key, Items)] = []
    private let lock = NSLock()
    static let capacity = 8

    func lookup(_ key: Key) -> Items? {
        lock.lock(); defer { lock.unlock() }
        guard let i = entries.firstIndex(where: { $0.0 == key }) else { return nil }
        let entry = entries.remove(at: i)
        entries.append(entry)
        return entry.1
    }

    func store(_ key: Key, _ items: Items) {
        lock.lock(); defer { lock.unlock() }
        entries.removeAll { $0.0 == key }
        entries.append((key, items))
        if entries.count > Self.capacity { entries.removeFirst(entries.count - Self.capacity) }
    }
}

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

    static let minimum = Size(width: 30, height: 8)

    init(_ screen: any Screen, _ ctx: Context, _ size: Size) {
        self.size = size
        let width = max(1, size.width)
        if screen is CompaniesScreen && width >= 100 {
            // The list, a space, a rule, a space, then the pane.
            let pane = min(56, max(36, width * 2 / 5))
            listWidth = width - pane
            previewX = listWidth + 3
            previewWidth = pane - 3
        } else {
            previewWidth = 0
            listWidth = width
            previewX = nil
        }
        listX = 0
        header = screen.header(ctx, width: listWidth)
        listY = 1 + header.count
        listHeight = max(1, size.height - 2 - header.count)
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
        let selectable = items.selectable
        if let id = selectedID, !(items.indices.contains(selected) && items.id(at: selected) == id),
           let found = items.index(ofSelectableID: id) {
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
        var runTop = top
        var j = selected - 1
        while j >= 0 && !items.isSelectable(j) { runTop = place.tops[j]; j -= 1 }
        if j < 0 { runTop = 0 }
        if bottom > scroll + height { scroll = bottom - height }
        if top < scroll { scroll = top }
        if scroll > runTop && top <= scroll { scroll = max(runTop, bottom - height) }
        if selected == selectable.last { scroll = min(max(scroll, maxScroll), top) }
        scroll = min(max(0, scroll), maxScroll)
        if top < scroll { scroll = top }
    }
}

// MARK: Update

extension AppState {
    /// The pure update: a state and a message in, the next state and a command out.
    public static func update(_ state: AppState, _ message: Message) -> (AppState, Command) {
        var next = state
        let command = next.apply(message)
        guard command == .none else { return (next, command) }
        let work = next.reconcileLoopSearch()
        return (next, work)
    }

    /// The loops a screen on top needs (the loops list, or one loop): for these settings of units and money.
    var loopsWanted: (merge: Bool, agreedOnly: Bool)? {
        if let loops = stack.last?.screen as? LoopsScreen { return (loops.merge, agreedOnly) }
        if let loop = stack.last?.screen as? LoopScreen { return (loop.merge, agreedOnly) }
        return nil
    }

    /// Starts the loop search the top screen needs and has not got, off the interface thread; stops one nobody
    /// needs any more (Esc on the loops list, another view, other settings).
    mutating func reconcileLoopSearch() -> Command {
        let wanted = loopsWanted
        if let running = loopSearch,
           wanted.map({ $0.merge != running.id.merge || $0.agreedOnly != running.id.agreedOnly }) ?? true {
            running.token.cancel()
            loopSearch = nil
        }
        guard let catalog, let wanted, loopSearch == nil,
              networks.cachedCycles(catalog, merge: wanted.merge, agreedOnly: wanted.agreedOnly) == nil else { return .none }
        loopSearchSerial += 1
        let id = LoopSearchID(merge: wanted.merge, agreedOnly: wanted.agreedOnly, serial: loopSearchSerial)
        let token = CancelToken()
        loopSearch = (id, token, 0)
        let networks = self.networks
        return .work(Work("loops") { send in
            // Progress is for the eye: at most ten messages a second, whatever the search's pace.
            var last = ContinuousClock.now
            let found = networks.searchCycles(catalog, merge: id.merge, agreedOnly: id.agreedOnly,
                                              isCancelled: { token.isCancelled }, progress: { n in
                guard ContinuousClock.now - last >= .milliseconds(100) else { return }
                last = ContinuousClock.now
                send(.loopsProgress(id, found: n))
            })
            send(.loopsFound(id, cycles: found.cycles, capped: found.capped))
        })
    }

    mutating func apply(_ message: Message) -> Command {
        switch message {
        case .key(let key):
            return handle(key)
        case .mouse(let mouse):
            note = nil
            handle(mouse)
        case .resize(let newSize):
            size = Size(width: max(0, newSize.width), height: max(0, newSize.height))
            normalize()
        case .dataLoaded(let result):
            switch result {
            case .loaded(let catalog, let name, let index, let follows):
                datasetName = name
                install(catalog, index: index, indexFollows: follows)
            case .failed(let error):
                loadError = error
            }
        case .loadProgress(let p):
            progress = p.isFinite ? min(1, max(0, p)) : progress
        case .indexProgress(let p):
            if index == nil && p.isFinite { indexProgress = min(1, max(0, p)) }
        case .indexReady(let ready):
            guard let catalog, ready.catalog === catalog else { break }
            index = ready
            indexProgress = nil
            // A query typed while the index was being built runs now.
            for i in stack.indices {
                if var search = stack[i].screen as? SearchScreen {
                    search.run(ready)
                    stack[i].screen = search
                }
            }
            cache = ItemCache()
            normalize()
        case .tick:
            break
        case .loopsProgress(let id, let found):
            if loopSearch?.id == id {
                loopSearch?.found = found
                cache = ItemCache()
            }
        case .loopsFound(let id, _, _):
            // The cache holds what a finished search found; the screens read it from there.
            guard loopSearch?.id == id else { break }
            loopSearch = nil
            cache = ItemCache()
            normalize()
        case .terminal(let caps):
            capabilities = caps
            normalize()
        }
        return .none
    }

    /// Items of the top screen at the current size, with the layout they are drawn in.
    func topItems() -> (items: Items, layout: Layout)? {
        guard let frame = stack.last, let ctx = context(for: frame) else { return nil }
        let layout = Layout(frame.screen, ctx, size)
        return (items(frame.screen, ctx, width: layout.listWidth), layout)
    }

    mutating func normalize() {
        guard !stack.isEmpty, let (items, layout) = topItems() else { return }
        stack[stack.count - 1].settle(items, height: layout.listHeight)
    }

    mutating func handle(_ key: Key) -> Command {
        if key == .control("c") { return .quit }
        note = nil
        guard catalog != nil, let frame = stack.last else {
            // Loading, or loading failed: only quitting makes sense.
            return key == .character("q") || (loadError != nil && key == .escape) ? .quit : .none
        }
        if var search = frame.screen as? SearchScreen, search.editing {
            return editPrompt(&search, key).command
        }
        if var network = frame.screen as? NetworkScreen, network.prompt != nil {
            return editCompanyPrompt(&network, key)
        }
        guard let command = KeyTable.command(for: key, in: frame.screen.context) else { return .none }
        return run(command)
    }

    mutating func run(_ command: CommandName) -> Command {
        guard let ctx = context() else { return .none }
        switch command {
        case .forceQuit:
            return .quit
        case .quit:
            if stack.count > 1 { pop() } else { return .quit }
        case .back:
            if stack.count > 1 { pop() } else if !needles.isEmpty {
                needles = []; lastSearch = nil
                note = StatusNote(text: "Search highlight cleared", isError: false)
            }
        case .moveDown: move(by: 1)
        case .moveUp: move(by: -1)
        case .pageDown: page(1)
        case .pageUp: page(-1)
        case .top: jump(toEnd: false)
        case .bottom: jump(toEnd: true)
        case .open: openSelected()
        case .companies: switchView(.companies) { CompaniesScreen() }
        case .alliances: switchView(.alliances) { AlliancesScreen() }
        case .timeline: switchView(.timeline(company: nil)) { TimelineScreen() }
        case .chips: switchView(.chips) { ChipsScreen() }
        case .network:
            guard let id = networkCompany() else { break }
            // One Network view is kept: a new centre inherits its merge setting.
            let previous = ([stack[0]] + Array(parked.values)).lazy.compactMap { $0.screen as? NetworkScreen }.first
            switchView(.network(id)) { NetworkScreen(center: id, merge: previous?.merge ?? false) }
            parked = parked.filter { if case .network = $0.key { return false } else { return true } }
        case .help:
            if stack.last?.screen is HelpScreen { pop() } else { push(HelpScreen()) }
        case .agreedOnly:
            agreedOnly.toggle()
            cache = ItemCache()
            note = StatusNote(text: agreedOnly ? "Agreed money only: deals in talks, rumoured, predicted or ended left out"
                                               : "All money: agreed, pending and ended deals, each apart", isError: false)
            normalize()
        case .search:
            if var s = stack.last?.screen as? SearchScreen {
                s.editing = true
                s.cursor = s.query.count
                stack[stack.count - 1].screen = s
            } else {
                push(SearchScreen())
            }
        case .companyTimeline:
            let id = (stack.last?.screen as? CompanyScreen)?.id
                ?? (stack.last?.screen is CompaniesScreen ? stack.last?.selectedID : nil)
            if let id { push(TimelineScreen(company: id)) }
        case .companyNetwork:
            let id = (stack.last?.screen as? CompanyScreen)?.id
                ?? (stack.last?.screen is CompaniesScreen ? stack.last?.selectedID : nil)
            if let id { push(NetworkScreen(center: id)) }
        case .openCompany:
            // The company of the selected row, or the centre when no row is selected.
            guard let (items, _) = topItems(), let network = stack.last?.screen as? NetworkScreen else { break }
            let selected = stack[stack.count - 1].selected
            var id = network.center
            if items.indices.contains(selected), case .network(let company, _)? = items[selected].action { id = company }
            push(CompanyScreen(id: id))
        case .nextMatch: step(forward: true)
        case .previousMatch: step(forward: false)
        default:
            var frame = stack[stack.count - 1]
            var ctx = ctx
            ctx.listWidth = Layout(frame.screen, ctx, size).listWidth
            let effect = frame.screen.perform(command, ctx)
            stack[stack.count - 1] = frame
            switch effect {
            case .none: break
            case .reorder: break
            case .push(let screen): push(screen)
            case .message(let text): note = StatusNote(text: text, isError: false)
            }
        }
        normalize()
        return .none
    }

    /// The deepest the screen stack goes. Opening a screen beyond it forgets the oldest one above the top-level
    /// view, so a long walk (partner to partner to partner…) cannot grow the stack, nor the Esc presses back to the
    /// top, without bound.
    public static let maxDepth = 50

    /// Opens a screen on top of the stack, with the first row that opens something selected when it is on the
    /// first page (so Enter goes straight to a party, a partner or an alliance), else the first row.
    mutating func push(_ screen: any Screen) {
        stack.append(Frame(screen))
        if stack.count > Self.maxDepth { stack.remove(at: 1) }
        if let (items, layout) = topItems(),
           let first = items.isLazy ? (items.isEmpty ? nil : 0)
               : items.indices.first(where: { items[$0].selectable && items[$0].action != nil }) {
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
        guard let (items, layout) = topItems() else { return }
        var frame = stack[stack.count - 1]
        let selectable = items.selectable
        guard !selectable.isEmpty else {
            // Nothing to select: scroll instead, within the rows.
            frame.scroll = min(max(0, frame.scroll + delta), max(0, Placement(items).total - layout.listHeight))
            stack[stack.count - 1] = frame
            return
        }
        let position = selectable.position(of: frame.selected) ?? 0
        let target = min(max(0, position + delta), selectable.count - 1)
        frame.selected = selectable[target]
        frame.selectedID = items.id(at: frame.selected)
        stack[stack.count - 1] = frame
        normalize()
    }

    mutating func page(_ direction: Int) {
        guard let (items, layout) = topItems() else { return }
        var frame = stack[stack.count - 1]
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
        guard let (items, _) = topItems() else { return }
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

    mutating func openSelected() {
        guard let (items, _) = topItems(), let frame = stack.last, items.indices.contains(frame.selected) else { return }
        if frame.screen is SearchScreen { commitSearch() }
        guard let action = items[frame.selected].action else {
            note = StatusNote(text: "Nothing to open on this row", isError: false)
            return
        }
        push(screen(for: action))
    }

    /// `n`/`N`: the next item of this screen that matches the last search, wrapping around.
    mutating func step(forward: Bool) {
        guard let (items, _) = topItems() else { return }
        var frame = stack[stack.count - 1]
        let selectable = items.selectable
        guard !selectable.isEmpty else { return }
        let isSearch = frame.screen is SearchScreen
        let words = isSearch ? ((frame.screen as? SearchScreen)?.needles ?? []) : needles
        guard isSearch || !words.isEmpty else {
            note = StatusNote(text: "No search yet: press / to search", isError: false)
            return
        }
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
        if let n = found { next = n } else if let n = wrapped {
            next = n
            note = StatusNote(text: forward ? "Search wrapped to the top" : "Search wrapped to the bottom",
                              isError: false)
        } else {
            note = StatusNote(text: "No match for \"\(lastSearch ?? "")\" on this screen", isError: true)
            return
        }
        frame.selected = next
        frame.selectedID = items.id(at: next)
        stack[stack.count - 1] = frame
        normalize()
    }

    mutating func commitSearch() {
        guard let search = stack.last?.screen as? SearchScreen, search.error == nil else { return }
        let q = search.query.trimmingSpaces
        lastSearch = q.isEmpty ? nil : q
        needles = search.needles
    }

    /// The company the Network view (`5`) centres on: the company on screen, the centre of the Network view already
    /// open, else the one selected in Companies.
    /// The company the Network view opens on: the one on screen, the Network view's own, the one selected in
    /// Companies when it has alliances; else the biggest hub (most alliances, then name), not an empty tree.
    func networkCompany() -> String? {
        if let company = stack.last?.screen as? CompanyScreen { return company.id }
        if let network = stack.first?.screen as? NetworkScreen { return network.center }
        guard let catalog else { return nil }
        let companies = stack.first?.screen is CompaniesScreen ? stack.first : parked[.companies]
        if let id = companies?.selectedID, !(catalog.alliancesByCompany[id]?.isEmpty ?? true) { return id }
        let hub = catalog.alliancesByCompany.max { a, b in
            a.value.count != b.value.count ? a.value.count < b.value.count
                : catalog.companyName(a.key) > catalog.companyName(b.key)
        }
        return hub?.key ?? catalog.dataset.companies.first?.id
    }

    // MARK: The company prompt (`p` on the Network view)

    mutating func editCompanyPrompt(_ screen: inout NetworkScreen, _ key: Key) -> Command {
        guard var field = screen.prompt, let catalog else { return .none }
        var chars = Array(field.text)
        func store(_ prompt: PromptText?) {
            screen.prompt = prompt
            stack[stack.count - 1].screen = screen
            normalize()
        }
        if case .character(let c) = key {
            field.cursor = min(max(0, field.cursor), chars.count)
            chars.insert(c, at: field.cursor)
            field.cursor += 1
            field.text = String(chars)
            store(field)
            return .none
        }
        guard let command = KeyTable.command(for: key, in: .companyPrompt) else { return .none }
        switch command {
        case .forceQuit:
            return .quit
        case .help:
            push(HelpScreen())
        case .promptCancel:
            store(nil)
        case .promptDelete where chars.isEmpty:
            store(nil)
        case .promptPaths:
            let text = field.text.trimmingSpaces
            guard !text.isEmpty else {
                note = StatusNote(text: "Type a company's name (Esc cancels)", isError: false)
                return .none
            }
            switch catalog.resolveCompany(text) {
            case .found(let id):
                let network = networks.network(catalog, merge: screen.merge, agreedOnly: agreedOnly)
                if network.node(id) == network.node(screen.center) {
                    note = StatusNote(text: catalog.companyName(id) + " is the centre of this network", isError: true)
                } else {
                    store(nil)
                    push(PathsScreen(from: screen.center, to: id, merge: screen.merge))
                }
            case .ambiguous(let ids):
                note = StatusNote(text: "several companies match \"\(text)\": "
                                  + ids.map(catalog.companyName).joined(separator: ", "), isError: true)
            case .notFound(let suggestions):
                note = StatusNote(text: "no company called \"\(text)\"" + (suggestions.isEmpty ? "" : "; did you mean "
                                  + suggestions.map(catalog.companyName).joined(separator: ", ") + "?"), isError: true)
            }
        default:
            _ = PromptEditing.apply(command, &chars, cursor: &field.cursor)
            field.text = String(chars)
            store(field)
        }
        return .none
    }

    // MARK: The search prompt

    mutating func editPrompt(_ search: inout SearchScreen, _ key: Key) -> (command: Command, popped: Bool) {
        var chars = Array(search.query)
        search.cursor = min(max(0, search.cursor), chars.count)
        var changed = false
        func store() {
            stack[stack.count - 1].screen = search
            if changed {
                stack[stack.count - 1].selected = -1
                stack[stack.count - 1].selectedID = nil
                stack[stack.count - 1].scroll = 0
            }
            normalize()
        }
        if case .character(let c) = key {
            chars.insert(c, at: search.cursor)
            search.cursor += 1
            search.query = String(chars)
            search.run(index)
            changed = true
            store()
            return (.none, false)
        }
        guard let command = KeyTable.command(for: key, in: .prompt) else { return (.none, false) }
        switch command {
        case .forceQuit:
            return (.quit, false)
        case .help:
            store()
            push(HelpScreen())
            return (.none, false)
        case .promptCancel:
            pop()
            return (.none, true)
        case .promptDelete where chars.isEmpty:
            pop()
            return (.none, true)
        case .promptUp, .promptDown:
            store()
            move(by: command == .promptDown ? 1 : -1)
            return (.none, false)
        case .promptResults, .promptOpen:
            if search.results.isEmpty {
                store()
                if let error = search.error { note = StatusNote(text: error, isError: true) }
                else if !search.query.trimmingSpaces.isEmpty { note = StatusNote(text: "No matches", isError: false) }
                return (.none, false)
            }
            search.editing = false
            store()
            commitSearch()
            if command == .promptOpen { openSelected() }
            return (.none, false)
        default:
            changed = PromptEditing.apply(command, &chars, cursor: &search.cursor)
        }
        if changed {
            search.query = String(chars)
            search.run(index)
        }
        store()
        return (.none, false)
    }

    // MARK: Mouse

    mutating func handle(_ mouse: Mouse) {
        guard let (items, layout) = topItems(), !stack.isEmpty else { return }
        switch mouse.action {
        case .wheelUp: move(by: -3)
        case .wheelDown: move(by: 3)
        case .press, .doubleClick:
            if mouse.y == 0 {
                // The breadcrumb: clicking a crumb goes back to it.
                if let depth = Breadcrumb.crumb(at: mouse.x, self) {
                    while stack.count > depth + 1 { stack.removeLast() }
                    normalize()
                }
                return
            }
            if var search = stack.last?.screen as? SearchScreen, mouse.y == 1 {
                search.editing = true
                stack[stack.count - 1].screen = search
                return
            }
            let frame = stack[stack.count - 1]
            guard mouse.y >= layout.listY, mouse.y < layout.listY + layout.listHeight,
                  mouse.x >= layout.listX, mouse.x < layout.listX + layout.listWidth else { return }
            let line = frame.scroll + (mouse.y - layout.listY)
            guard let i = Placement(items).item(atLine: line, items), items.isSelectable(i) else { return }
            stack[stack.count - 1].selected = i
            stack[stack.count - 1].selectedID = items.id(at: i)
            if var search = stack.last?.screen as? SearchScreen, search.editing {
                search.editing = false
                stack[stack.count - 1].screen = search
                commitSearch()
            }
            normalize()
            if mouse.action == .doubleClick { openSelected() }
        }
    }
}
