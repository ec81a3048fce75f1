import AlliesCore
import AlliesText

/// Everything a screen may read while it builds its rows: the data, the glyph set, the last search.
struct Context {
    let catalog: Catalog
    /// Nil while a large dataset's index is still being built in the background.
    let index: SearchIndex?
    /// How far that build is, 0…1.
    var indexProgress: Double? = nil
    let g: Glyphs
    /// Folded words and phrases of the last search, highlighted on every screen and used by `n`/`N`.
    let needles: [String]
    /// The alliance network, merged and apart, built once per catalog.
    var networks = NetworkCache()
    /// The sorted orders of the long lists and the company figures, computed once per catalog.
    var lists = ListCache()
    /// Only agreed money (`$`): deals in talks, rumoured, predicted or ended left out of every figure and network.
    var agreedOnly = false
    /// The width the list is drawn at (for commands that depend on which columns show).
    var listWidth = 0

    /// A money total as this context shows it: agreed money only when asked.
    func money(_ t: MoneyTotal) -> MoneyTotal { agreedOnly ? t.agreedOnly : t }

    /// The alliance network, as asked (units merged or apart; agreed deals only or all).
    func network(merge: Bool) -> Network { networks.network(catalog, merge: merge, agreedOnly: agreedOnly) }

    /// Its loops, and whether their search stopped at its limit; nil while they are being searched for.
    func cachedCycles(merge: Bool) -> (cycles: [Network.Cycle], capped: Bool)? {
        networks.cachedCycles(catalog, merge: merge, agreedOnly: agreedOnly)
    }
    /// How many loops the running search has found.
    var loopsFoundSoFar: Int? = nil
}

/// Identifies a screen on the stack (for tests, and to keep top-level views across switches).
public enum ScreenKey: Hashable, Sendable {
    case companies, alliances, timeline(company: String?), chips
    case company(String), alliance(String), search, help
    case person(String), claim(String), article(String)
    case network(String), paths(from: String, to: String), loops, loop([String])
}

/// What a screen-specific command asks of the explorer.
enum ScreenEffect {
    case none
    /// The rows changed order or content: keep the selection on the same record.
    case reorder
    case push(any Screen)
    case message(String)
}

/// A screen: its title, the lines pinned above its rows, its rows, its keys, what search matches.
protocol Screen: Sendable {
    var key: ScreenKey { get }
    var context: KeyContext { get }
    func title(_ ctx: Context) -> String
    /// Lines pinned above the scrolling rows: a table's column headings, the search prompt.
    func header(_ ctx: Context, width: Int) -> [Line]
    func items(_ ctx: Context, width: Int) -> [Item]
    /// The rows as update and render use them: by default the built items; long lists build them lazily.
    func rows(_ ctx: Context, width: Int) -> Items
    /// A side pane for the selected item, when the screen has one and the terminal is wide enough.
    func preview(_ ctx: Context, item: Item?, width: Int, height: Int) -> [Line]?
    /// Screen-specific commands (sort, filter…).
    mutating func perform(_ command: CommandName, _ ctx: Context) -> ScreenEffect
    /// What the status line adds after a command's hint (`sort: name`).
    func hintValue(_ command: CommandName) -> String?
    /// Everything the items depend on besides the catalog, width, glyphs and highlight (for memoising them).
    var cacheKey: AnyHashable { get }
}

extension Screen {
    func header(_ ctx: Context, width: Int) -> [Line] { [] }
    func rows(_ ctx: Context, width: Int) -> Items { Items(items(ctx, width: width)) }
    func preview(_ ctx: Context, item: Item?, width: Int, height: Int) -> [Line]? { nil }
    mutating func perform(_ command: CommandName, _ ctx: Context) -> ScreenEffect { .none }
    func hintValue(_ command: CommandName) -> String? { nil }
    var cacheKey: AnyHashable { AnyHashable(key) }
}

/// A screen on the stack with where the user is in it.
struct Frame: Sendable {
    var screen: any Screen
    /// Index into the screen's items of the selected one (-1: nothing selectable).
    var selected: Int = -1
    /// The first visible line of the scrolling area.
    var scroll: Int = 0
    /// The selected item's id, to find it again when the rows change.
    var selectedID: String?

    init(_ screen: any Screen) { self.screen = screen }
}

/// The screen an action opens.
func screen(for action: Action) -> any Screen {
    switch action {
    case .company(let id): return CompanyScreen(id: id)
    case .alliance(let id): return AllianceScreen(id: id)
    case .timeline(let id): return TimelineScreen(company: id)
    case .person(let id): return RecordScreen(kind: .person, id: id)
    case .claim(let id): return RecordScreen(kind: .claim, id: id)
    case .article(let id): return RecordScreen(kind: .article, id: id)
    case .network(let id, let merge): return NetworkScreen(center: id, merge: merge)
    case .loop(let companies, let merge): return LoopScreen(companies: companies, merge: merge)
    }
}
