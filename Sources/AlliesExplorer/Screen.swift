import AlliesCore
import AlliesText

/// Everything a screen may read while it builds its rows: the data, the glyph set, the last search.
struct Context: Sendable {
    let catalog: Catalog
    /// What answers searches: the dataset's index, or after a change the index before it patched (`PatchedIndex`)
    /// while the new one is built. Nil while a large dataset's first index is still being built in the background.
    let search: (any DatasetSearch)?
    /// How far that build is, 0…1.
    var indexProgress: Double? = nil
    let g: Glyphs
    /// Folded words and phrases of the last search, highlighted on every screen and used by `n`/`N`.
    let needles: [String]
    /// The alliance network, merged and apart, built once per catalog.
    var networks = NetworkCache()
    /// How far the background build of the network is, 0…1.
    var networkProgress: Double? = nil
    /// The sorted orders of the long lists and the company figures, computed once per catalog.
    var lists = ListCache()
    /// Only agreed money (`$`): deals in talks, rumoured, predicted or ended left out of every figure and network.
    var agreedOnly = false
    /// The width the list is drawn at (for commands that depend on which columns show).
    var listWidth = 0
    /// The terminal's height: at most this many rows show at once (0: not known).
    var screenRows = 0

    /// A money total as this context shows it: agreed money only when asked.
    func money(_ t: MoneyTotal) -> MoneyTotal { agreedOnly ? t.agreedOnly : t }

    /// The alliance network, as asked (units merged or apart; agreed deals only or all), built now if need be.
    func network(merge: Bool) -> Network { networks.network(catalog, merge: merge, agreedOnly: agreedOnly) }

    /// The network if it can be drawn now: built, or small enough to build at once. Nil while a large dataset's is
    /// built in the background (`networkProgress` says how far): the screen shows that instead of freezing.
    func readyNetwork(merge: Bool) -> Network? {
        if catalog.dataset.alliances.count <= networks.builtAtOnce { return network(merge: merge) }
        return networks.built(catalog, merge: merge, agreedOnly: agreedOnly)
    }

    /// Its loops, and whether their search stopped at its limit; nil while they are being searched for.
    func cachedCycles(merge: Bool) -> (cycles: [Network.Cycle], capped: Bool)? {
        networks.cachedCycles(catalog, merge: merge, agreedOnly: agreedOnly)
    }
    /// How many loops the running search has found.
    var loopsFoundSoFar: Int? = nil
    /// An import's uncertain company matches and the decisions on them (the review screen).
    var review: ReviewState? = nil
}

/// Identifies a screen on the stack (for tests, and to keep top-level views across switches).
public enum ScreenKey: Hashable, Sendable {
    case companies, alliances, timeline(company: String?), chips, changes
    case company(String), alliance(String), search, help
    case person(String), claim(String), shareEstimate(String), article(String), passage(article: String, Int)
    case form(String, String?), addChooser, confirmDelete(String, String), savePrompt
    case network(String), paths(from: String, to: String), loops, loop([String])
    case review
}

/// The selected row when a screen runs a command.
struct Selection {
    /// The selected item (nil: nothing is selected).
    let item: Item?
}

/// A screen that lists the results of its own search (the search screen): its words are highlighted there, every
/// row is a match for `n`/`N`, and it becomes the last search when the user is done with it.
struct OwnSearch {
    let query: String
    let needles: [String]
    /// The query parsed (a query with an error is never committed).
    let isValid: Bool
}

/// What a screen-specific command asks of the explorer.
enum ScreenEffect {
    case none
    /// The rows changed order or content: keep the selection on the same record.
    case reorder
    case push(any Screen)
    /// Close this screen.
    case pop
    case message(String)
    case error(String)
    /// Move the selection by this many selectable rows.
    case move(by: Int)
    /// The rows are new (the query changed): select from the first one again.
    case restartSelection
    /// A change to the dataset: kept (undo can take it back), shown and saved.
    case commit(Edit)
    /// The session's edits go to this file from now on (`first`: the user's own dataset is being made).
    case saveTo(String, first: Bool)
    /// Read a file's text (off the interface thread) into a field of this screen.
    case readText(String, into: FieldPath)
    /// Select the row with this id (and say something about it).
    case select(RowID, note: String?)
    /// The screen's own search becomes the last search; `open` then opens the selected row.
    case commitSearch(open: Bool)
    /// A verdict on an uncertain company match of the review screen (its index among the candidates).
    case decide(candidate: Int, ReviewDecision.Verdict)
}

/// A screen: its title, the lines pinned above its rows, its rows, its keys and what they do, what search matches.
/// Screens own their behaviour: `AppState` asks them through these requirements and never looks at their types.
/// A screen is its own cache key (`Hashable`): its items depend on nothing else but the catalog, width, glyphs,
/// highlight and money setting. Equal screens have the same rows (a screen whose other state is drawn elsewhere, or
/// follows from what it hashes, leaves that state out of its equality).
protocol Screen: Sendable, Hashable {
    var key: ScreenKey { get }
    var context: KeyContext { get }
    func title(_ ctx: Context) -> String
    /// Lines pinned above the scrolling rows: a table's column headings, the search prompt.
    func header(_ ctx: Context, width: Int) -> [Line]
    func items(_ ctx: Context, width: Int) -> [Item]
    /// The rows as update and render use them: by default the built items; long lists build them lazily.
    func rows(_ ctx: Context, width: Int) -> Items
    /// Rows that stand in for `rows` while they are built off the interface thread, when building them takes long
    /// (a hub's network at a million alliances: ~0.5 s); nil, the default: they are built when drawn.
    func rowsMeanwhile(_ ctx: Context, width: Int) -> [Item]?
    /// Whether the screen has a side pane for the selected item (shown when the terminal is wide enough).
    var hasPreview: Bool { get }
    /// The side pane for the selected item.
    func preview(_ ctx: Context, item: Item?, width: Int, height: Int) -> [Line]?
    /// What stands in for the pane under the list when the terminal is too narrow for it (`Layout.footerHeight`
    /// lines).
    func footer(_ ctx: Context, item: Item?, width: Int) -> [Line]
    /// Whether the list, `listWidth` wide and with no pane beside it, has `footer` lines under it: by default when
    /// the screen has a pane (the footer stands in for it); a list whose narrow columns leave out what tells rows
    /// apart has one too.
    func hasFooter(listWidth: Int) -> Bool
    /// Screen-specific commands (sort, filter, the prompt's Enter…), with the selected row.
    mutating func perform(_ command: CommandName, _ ctx: Context, _ selection: Selection) -> ScreenEffect
    /// What the status line adds after a command's hint (`sort: name`), the list being `listWidth` wide.
    func hintValue(_ command: CommandName, listWidth: Int, _ g: Glyphs) -> String?

    /// The text field that keys type into while it is open (printable keys are text there); nil: none is open.
    var prompt: PromptField? { get set }
    /// Whether the prompt keeps line breaks pasted into it (an article's text); others take them as spaces.
    var promptTakesLines: Bool { get }
    /// The prompt's text changed (typed, deleted).
    mutating func promptEdited(_ ctx: Context) -> ScreenEffect
    /// `/` on a screen with a prompt of its own: back into it, the cursor at the end. False: it has none.
    mutating func reopenPrompt() -> Bool
    /// A click on a header line (0: the first under the breadcrumb); true when it did something.
    mutating func click(headerLine: Int) -> Bool
    /// A click on a row leaves the prompt; true when one was open (its search is then done).
    mutating func leavePrompt() -> Bool
    /// The screen's own search, when it lists search results.
    var ownSearch: OwnSearch? { get }
    /// The search index arrived: a query typed while it was being built runs now.
    mutating func searchReady(_ search: any DatasetSearch)
    /// Rows built only as far as a screenful (search results while a query is typed): build the rest. True when
    /// it did. Called before any message but the prompt's typing.
    mutating func completeRows() -> Bool

    /// The company `5` centres the Network view on when this screen is on top (a company's own screen).
    var companyShown: String? { get }
    /// The Network view's centre and merge setting (kept when the view is left and centred anew).
    var networkView: (centre: String, merge: Bool)? { get }
    /// The loops this screen shows, units merged or apart: it needs the loop search. Nil: it needs none.
    var loopsMerged: Bool? { get }
    /// The network this screen draws, units merged or apart: it needs the network built. Nil: it needs none.
    var networkMerged: Bool? { get }
    /// The record the screen shows (`e` edits it, `d` deletes it; it closes when the record is deleted).
    var shownRecord: RecordKey? { get }
    /// A step of an edit (a form, a confirmation, the save prompt): closed when the edit is made.
    var isEditingStep: Bool { get }
    /// Input typed and not yet kept (a changed form): commands that would drop the screen are refused.
    var holdsInput: Bool { get }
    /// The passage marked to become a fact's quote (an article's `m`): the article and the words.
    var markedQuote: (article: String, quote: String)? { get }
    /// Whether the screen has rows of its own that `n`/`N` stop at (an article's quoted passages).
    var hasStops: Bool { get }
    /// A confirmation's answers: whether the record can go alone (`y`), and with what refers to it (`Y`).
    var confirmation: (alone: Bool, withOthers: Bool)? { get }
    /// Another key came after a warning that a second key would lose something: the warning no longer holds.
    mutating func disarm()
    /// A file's text it asked for arrived (or could not be read: why).
    mutating func textRead(_ field: FieldPath, _ result: Result<String, TextReadError>, _ ctx: Context) -> ScreenEffect
    /// The row to select when the screen opens, first found first (an article opened at a passage).
    func initialRows(_ ctx: Context) -> [RowID]
}

extension Screen {
    func header(_ ctx: Context, width: Int) -> [Line] { [] }
    func rows(_ ctx: Context, width: Int) -> Items { Items(items(ctx, width: width)) }
    func rowsMeanwhile(_ ctx: Context, width: Int) -> [Item]? { nil }
    var hasPreview: Bool { false }
    func preview(_ ctx: Context, item: Item?, width: Int, height: Int) -> [Line]? { nil }
    func footer(_ ctx: Context, item: Item?, width: Int) -> [Line] { [] }
    func hasFooter(listWidth: Int) -> Bool { hasPreview }
    mutating func perform(_ command: CommandName, _ ctx: Context, _ selection: Selection) -> ScreenEffect { .none }
    func hintValue(_ command: CommandName, listWidth: Int, _ g: Glyphs) -> String? { nil }
    var prompt: PromptField? {
        get { nil }
        set {}
    }
    var promptTakesLines: Bool { false }
    mutating func promptEdited(_ ctx: Context) -> ScreenEffect { .none }
    mutating func reopenPrompt() -> Bool { false }
    mutating func click(headerLine: Int) -> Bool { false }
    mutating func leavePrompt() -> Bool { false }
    var ownSearch: OwnSearch? { nil }
    mutating func searchReady(_ search: any DatasetSearch) {}
    mutating func completeRows() -> Bool { false }
    var companyShown: String? { nil }
    var networkView: (centre: String, merge: Bool)? { nil }
    var loopsMerged: Bool? { nil }
    var networkMerged: Bool? { nil }
    func initialRows(_ ctx: Context) -> [RowID] { [] }
    mutating func disarm() {}
    var confirmation: (alone: Bool, withOthers: Bool)? { nil }
    mutating func textRead(_ field: FieldPath, _ result: Result<String, TextReadError>, _ ctx: Context) -> ScreenEffect
    {
        .none
    }
    var hasStops: Bool { false }
    var shownRecord: RecordKey? { nil }
    var markedQuote: (article: String, quote: String)? { nil }
    var isEditingStep: Bool { false }
    var holdsInput: Bool { false }
}

/// A screen on the stack with where the user is in it.
struct Frame: Sendable {
    var screen: any Screen
    /// Index into the screen's items of the selected one (-1: nothing selectable).
    var selected: Int = -1
    /// The first visible line of the scrolling area.
    var scroll: Int = 0
    /// The selected item's id, to find it again when the rows change.
    var selectedID: RowID?

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
    case .shareEstimate(let id): return RecordScreen(kind: .shareEstimate, id: id)
    case .article(let id): return ArticleScreen(id: id)
    case .articleAt(let id, let quote): return ArticleScreen(id: id, focus: quote)
    case .passage(let article, let n): return PassageScreen(article: article, passage: n)
    case .newRecord(let list, let prefill): return FormScreen.new(list, prefill: prefill.map { ($0.path, $0.value) })
    case .network(let id, let merge): return NetworkScreen(center: id, merge: merge)
    case .loop(let companies, let merge): return LoopScreen(companies: companies, merge: merge)
    }
}
