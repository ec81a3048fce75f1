import AlliesCore
import AlliesText
import Synchronization

/// A one-line note in the status bar, until the next key.
public struct StatusNote: Equatable, Sendable {
    public var text: String
    public var isError: Bool
}

/// The whole explorer state. `update` is the only thing that changes it; `render` only reads it.
public struct AppState: Sendable {
    public internal(set) var catalog: Catalog?
    var index: SearchIndex?
    /// After a change, until the new dataset's index is built: the last index built, and that index patched with
    /// the records changed since (`PatchedIndex`), which answers searches meanwhile.
    var lastIndex: SearchIndex?
    var patched: PatchedIndex?
    /// Progress of the search index being built in the background (nil when it is ready or not being built).
    public internal(set) var indexProgress: Double?
    public internal(set) var datasetName: String
    /// Loading progress, 0…1, while `catalog` is nil.
    public internal(set) var progress: Double = 0
    /// The Companies list read in place from the store, drawn while a large dataset is read whole (nil otherwise).
    var earlyCompanies: EarlyCompanies?
    /// That list while it is what the explorer shows: the dataset not read yet, nor failed, and the store undamaged.
    var shownEarlyCompanies: EarlyCompanies? {
        guard catalog == nil, loadError == nil, let earlyCompanies, !earlyCompanies.list.damaged else { return nil }
        return earlyCompanies
    }
    public internal(set) var loadError: DatasetError?
    /// The terminal size from the last `.resize` (80×24 until one arrives).
    public internal(set) var size = Size(width: 80, height: 24)
    public internal(set) var capabilities = TerminalCapabilities(unicode: true, color: true)
    /// The language every screen is drawn and every message written in (fixed for a session).
    public internal(set) var language: Language = .current
    /// Only agreed money in every figure and network (`$`).
    public internal(set) var agreedOnly = false
    /// The loop search running off the interface thread, what stops it, and how many loops it has found.
    var loopSearch: (id: LoopSearchID, token: CancelToken, found: Int)?
    /// The network being built in the background, and how far it is (0…1).
    var networkBuild: (id: NetworkBuildID, progress: Double)?
    var networkBuildSerial = 0
    /// The rows being built off the interface thread (a screen whose rows take long: `Screen.rowsMeanwhile`).
    var rowsBuild: RowsBuildID?
    var rowsBuildSerial = 0
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

    /// The session's edits and where they are saved.
    public internal(set) var session = EditSession(target: .none)
    /// An import's uncertain company matches, what was decided on them, and where the decisions go (`M`).
    var review: ReviewState?

    public init(
        catalog: Catalog?, datasetName: String, index: SearchIndex? = nil, saveTarget: SaveTarget = .none,
        welcome: String? = nil, today: PartialDate? = nil, review: ReviewSetup? = nil, language: Language = .current,
        paths: PathBase = PathBase(directory: nil, home: nil)
    ) {
        self.language = language
        self.datasetName = datasetName
        session = EditSession(target: saveTarget, today: today, paths: paths)
        session.baseline = catalog?.dataset
        self.review = review.map(ReviewState.init)
        if let catalog { install(catalog, index: index) }
        if let welcome { note = StatusNote(text: welcome, isError: false) }
        if catalog != nil { reviewLoaded() }
    }

    /// A screen's items, memoised: a key press and the frame after it build them once, not four times. Rows that
    /// take long are built off the interface thread (`reconcileRowsBuild`); what stands in for them meanwhile is
    /// not kept.
    func items(_ screen: any Screen, _ ctx: Context, width: Int) -> Items {
        let key = Self.itemKey(screen, ctx, width: width)
        if let hit = cache.lookup(key) { return hit }
        if let meanwhile = screen.rowsMeanwhile(ctx, width: width) {
            var standIn = Items(meanwhile)
            standIn.standIn = true
            return standIn
        }
        let items = screen.rows(ctx, width: width)
        cache.store(key, items)
        return items
    }

    static func itemKey(_ screen: any Screen, _ ctx: Context, width: Int) -> ItemCache.Key {
        ItemCache.Key(
            screen: AnyHashable(screen), width: width, unicode: ctx.g.unicode, needles: ctx.needles,
            agreedOnly: ctx.agreedOnly)
    }

    mutating func install(_ catalog: Catalog, index: SearchIndex? = nil, indexFollows: Bool = false) {
        cache = ItemCache()
        networks = NetworkCache()
        lists = ListCache()
        self.catalog = catalog
        self.index = index ?? (indexFollows ? nil : SearchIndex(catalog))
        indexProgress = self.index == nil ? 0 : nil
        lastIndex = nil
        patched = nil
        loadError = nil
        progress = 1
        stack = [Frame(CompaniesScreen())]
        parked = [:]
        // What was done on the store's list while the dataset was read carries over: its sort, its selection,
        // the company Enter asked for.
        if let stored = earlyCompanies {
            stack[0] = Frame(CompaniesScreen(sort: stored.sort))
            stack[0].scroll = stored.scroll
            stack[0].selected = stored.selected
            stack[0].selectedID = stored.selectedCompany.map { .record($0.id) }
            normalize()
            if let id = stored.opening, catalog.company(id) != nil { stack.append(Frame(CompanyScreen(id: id))) }
            earlyCompanies = nil
        }
        normalize()
    }

    // MARK: What tests and the backend may read

    /// The screens on the stack, bottom first.
    public var screens: [ScreenKey] { stack.map(\.screen.key) }
    public var top: ScreenKey? { stack.last?.screen.key }
    /// Index of the selected item among the top screen's items.
    public var selectedIndex: Int { stack.last?.selected ?? -1 }
    /// The id of the selected row, written out (a company or alliance id on lists, `partner/amazon`…).
    public var selectedID: String? { stack.last?.selectedID?.description }
    public var scrollOffset: Int { stack.last?.scroll ?? 0 }

    var glyphs: Glyphs { capabilities.unicode ? .unicode : .ascii }

    func context(for frame: Frame? = nil) -> Context? {
        guard let catalog else { return nil }
        let screen = (frame ?? stack.last)?.screen
        let needles = screen?.ownSearch?.needles ?? self.needles
        return Context(
            catalog: catalog, search: index ?? patched, indexProgress: indexProgress, g: glyphs, needles: needles,
            networks: networks, networkProgress: networkBuild?.progress, lists: lists, agreedOnly: agreedOnly,
            screenRows: size.height, loopsFoundSoFar: loopSearch?.found, review: review)
    }
}

/// The last few screens' items. Items depend only on the catalog (fixed per cache), the screen (its own key), the
/// width, the glyph set, the highlighted words and the money setting — all in the key — so a hit is always right.
final class ItemCache: Sendable {
    struct Key: Hashable, @unchecked Sendable {
        // The screen is a Sendable value; AnyHashable is not marked so.
        let screen: AnyHashable
        let width: Int
        let unicode: Bool
        let needles: [String]
        let agreedOnly: Bool
    }
    /// Most recently used last.
    private let entries = Mutex<[(Key, Items)]>([])
    static let capacity = 8
    /// At most this many built items in all, the most recent screen's always kept: a large company's network two
    /// hops out at a million alliances is ~30,000 items (~50 MB), and eight of them held ~0.5 GB after a walk
    /// from company to company. A screen left behind is built again when gone back to.
    let itemBudget: Int

    init(itemBudget: Int = 60_000) { self.itemBudget = itemBudget }

    /// How many built items the cache holds (lazy rows hold none).
    var builtItems: Int { entries.withLock { $0.reduce(0) { $0 + $1.1.builtCount } } }
    /// How many screens' items it holds.
    var count: Int { entries.withLock { $0.count } }

    func contains(_ key: Key) -> Bool { entries.withLock { $0.contains { $0.0 == key } } }

    func lookup(_ key: Key) -> Items? {
        entries.withLock { entries in
            guard let i = entries.firstIndex(where: { $0.0 == key }) else { return nil }
            let entry = entries.remove(at: i)
            entries.append(entry)
            return entry.1
        }
    }

    func store(_ key: Key, _ items: Items) {
        entries.withLock { entries in
            entries.removeAll { $0.0 == key }
            entries.append((key, items))
            if entries.count > Self.capacity { entries.removeFirst(entries.count - Self.capacity) }
            var built = entries.reduce(0) { $0 + $1.1.builtCount }
            while built > itemBudget && entries.count > 1 { built -= entries.removeFirst().1.builtCount }
        }
    }
}

// MARK: Update

extension AppState {
    /// The pure update: a state and a message in, the next state and a command out.
    public static func update(_ state: AppState, _ message: Message) -> (AppState, Command) {
        var next = state
        let command = next.apply(message)
        guard command == .none else { return (next, command) }
        var work = next.reconcileLoopSearch()
        if work == .none { work = next.reconcileNetworkBuild() }
        if work == .none { work = next.reconcileRowsBuild() }
        return (next, work)
    }

    /// Starts building the top screen's rows off the interface thread when they take long and are not built (a
    /// hub's network at a million alliances): the screen draws what stands in for them meanwhile, and keys are
    /// answered. One build at a time, never stopped: its rows are kept in the cache, and when it ends the next one
    /// wanted starts (the view at another width, another hub's).
    mutating func reconcileRowsBuild() -> Command {
        guard rowsBuild == nil, let frame = stack.last, let ctx = context(for: frame) else { return .none }
        let screen = frame.screen, width = Layout(screen, ctx, size).listWidth
        let key = Self.itemKey(screen, ctx, width: width)
        guard !cache.contains(key), screen.rowsMeanwhile(ctx, width: width) != nil else { return .none }
        rowsBuildSerial += 1
        let id = RowsBuildID(serial: rowsBuildSerial)
        rowsBuild = id
        let cache = self.cache, language = self.language
        return .work(
            Work("rows") { send in
                let rows = Language.$scoped.withValue(language) { screen.rows(ctx, width: width) }
                cache.store(key, rows)
                send(.rowsReady(id))
            })
    }

    /// Starts building the network the top screen draws when it is not built and too large to build at once, off
    /// the interface thread. One build at a time, never stopped (a network half built is of no use; one fully built
    /// is kept for the next visit); when it ends, the next one wanted starts.
    mutating func reconcileNetworkBuild() -> Command {
        guard let catalog, networkBuild == nil, let merge = stack.last?.screen.networkMerged,
            catalog.dataset.alliances.count > networks.builtAtOnce,
            networks.built(catalog, merge: merge, agreedOnly: agreedOnly) == nil
        else { return .none }
        networkBuildSerial += 1
        let id = NetworkBuildID(merge: merge, agreedOnly: agreedOnly, serial: networkBuildSerial)
        networkBuild = (id, 0)
        let networks = self.networks
        return .work(
            Work("network") { send in
                // Progress is for the eye: at most ten messages a second.
                var last = ContinuousClock.now
                _ = networks.network(
                    catalog, merge: id.merge, agreedOnly: id.agreedOnly,
                    progress: { p in
                        guard ContinuousClock.now - last >= .milliseconds(100) else { return }
                        last = ContinuousClock.now
                        send(.networkProgress(id, p))
                    })
                send(.networkReady(id))
            })
    }

    /// The loops a screen on top needs (the loops list, or one loop): for these settings of units and money.
    var loopsWanted: (merge: Bool, agreedOnly: Bool)? {
        stack.last?.screen.loopsMerged.map { ($0, agreedOnly) }
    }

    /// Starts the loop search the top screen needs and has not got, off the interface thread; stops one nobody
    /// needs any more (Esc on the loops list, another view, other settings).
    mutating func reconcileLoopSearch() -> Command {
        let wanted = loopsWanted
        if let running = loopSearch,
            wanted.map({ $0.merge != running.id.merge || $0.agreedOnly != running.id.agreedOnly }) ?? true
        {
            running.token.cancel()
            loopSearch = nil
        }
        guard let catalog, let wanted, loopSearch == nil,
            networks.cachedCycles(catalog, merge: wanted.merge, agreedOnly: wanted.agreedOnly) == nil
        else { return .none }
        loopSearchSerial += 1
        let id = LoopSearchID(merge: wanted.merge, agreedOnly: wanted.agreedOnly, serial: loopSearchSerial)
        let token = CancelToken()
        loopSearch = (id, token, 0)
        let networks = self.networks
        return .work(
            Work("loops") { send in
                // Progress is for the eye: at most ten messages a second, whatever the search's pace.
                var last = ContinuousClock.now
                let found = networks.searchCycles(
                    catalog, merge: id.merge, agreedOnly: id.agreedOnly,
                    isCancelled: { token.isCancelled },
                    progress: { n in
                        guard ContinuousClock.now - last >= .milliseconds(100) else { return }
                        last = ContinuousClock.now
                        send(.loopsProgress(id, found: n))
                    })
                send(.loopsFound(id, cycles: found.cycles, capped: found.capped))
            })
    }

    mutating func apply(_ message: Message) -> Command {
        // Search results are built a screenful at a time while a query is typed; anything else (a move, a pause's
        // tick, a click) has the rest built first, so what it acts on is whole.
        let typing: Bool
        switch message {
        case .key(.character), .key(.backspace), .key(.delete), .paste: typing = stack.last?.screen.prompt != nil
        default: typing = false
        }
        if !typing, !stack.isEmpty, stack[stack.count - 1].screen.completeRows() { normalize() }
        switch message {
        case .key(let key):
            return handle(key)
        case .paste(let text):
            note = nil
            guard catalog != nil else { break }
            guard let frame = stack.last, var field = frame.screen.prompt else {
                note = StatusNote(text: tr("Pasted text goes into a field: open one to type in first"), isError: false)
                return .none
            }
            disarm(except: nil)
            field.paste(text, keepingLines: frame.screen.promptTakesLines)
            return editPrompt(field, edited: true)
        case .mouse(let mouse):
            note = nil
            if var stored = shownEarlyCompanies {
                if let text = stored.handle(mouse, size: size, g: glyphs) {
                    note = StatusNote(text: text, isError: false)
                }
                earlyCompanies = stored
            } else {
                handle(mouse)
            }
        case .resize(let newSize):
            size = Size(width: max(0, newSize.width), height: max(0, newSize.height))
            normalize()
        case .dataLoaded(let result):
            switch result {
            case .loaded(let catalog, let name, let index, let follows, let stamp):
                datasetName = name
                session.stamp = stamp
                session.baseline = catalog.dataset
                // A note left on the store's list is about waiting for the dataset: it has come.
                let welcome = earlyCompanies?.touched == true ? nil : note
                install(catalog, index: index, indexFollows: follows)
                note = welcome
                reviewLoaded()
            case .failed(let error):
                loadError = error
                earlyCompanies = nil
            }
        case .earlyCompanies(let list):
            // Only before the dataset arrives.
            if catalog == nil, loadError == nil {
                earlyCompanies = EarlyCompanies(list)
            }
        case .earlyCompaniesWithdrawn:
            earlyCompanies = nil
        case .notice(let text):
            note = StatusNote(text: (note.map { $0.text + " · " } ?? "") + text, isError: note?.isError ?? false)
        case .loadProgress(let p):
            progress = p.isFinite ? min(1, max(0, p)) : progress
        case .indexProgress(let p):
            if index == nil && p.isFinite { indexProgress = min(1, max(0, p)) }
        case .indexReady(let ready):
            guard let catalog, ready.catalog === catalog else { break }
            index = ready
            indexProgress = nil
            lastIndex = nil
            patched = nil
            // A query typed while the index was being built runs now.
            for i in stack.indices { stack[i].screen.searchReady(ready) }
            cache = ItemCache()
            normalize()
        case .indexPatched(let ready):
            guard let catalog, ready.catalog === catalog, index == nil else { break }
            patched = ready
            for i in stack.indices { stack[i].screen.searchReady(ready) }
            cache = ItemCache()
            normalize()
        case .tick:
            break
        case .loopsProgress(let id, let found):
            if loopSearch?.id == id {
                loopSearch?.found = found
                cache = ItemCache()
            }
        case .networkProgress(let id, let p):
            if networkBuild?.id == id, p.isFinite {
                networkBuild?.progress = min(1, max(0, p))
                // Only a screen waiting for a network draws its progress: the rows of one whose network is built
                // (made in the background, a hub's) are kept.
                if let catalog, let merge = stack.last?.screen.networkMerged,
                    networks.built(catalog, merge: merge, agreedOnly: agreedOnly) == nil
                {
                    cache = ItemCache()
                }
            }
        case .rowsReady(let id):
            guard rowsBuild == id else { break }
            rowsBuild = nil
            // The screen opened on what stood in for its rows (nothing to select): its first row, as on opening.
            if stack.last?.selectedID == nil { selectFirstRow() } else { normalize() }
        case .networkReady(let id):
            guard networkBuild?.id == id else { break }
            networkBuild = nil
            cache = ItemCache()
            normalize()
        case .loopsFound(let id, _, _):
            // The cache holds what a finished search found; the screens read it from there.
            guard loopSearch?.id == id else { break }
            loopSearch = nil
            cache = ItemCache()
            normalize()
        case .saved(let outcome):
            return saved(outcome)
        case .reloaded(let outcome):
            let save = reloaded(outcome)
            return afterChange(save)
        case .reviewWritten(let outcome):
            return reviewWritten(outcome)
        case .textRead(let field, _, let result):
            guard let ctx = context(), !stack.isEmpty else { break }
            let effect = stack[stack.count - 1].screen.textRead(field, result, ctx)
            let next = apply(effect)
            normalize()
            return next
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
        // Ctrl-C quits at once while there is nothing to lose; over a dataset it is the binding (`.forceQuit`), which
        // asks once before dropping edits not saved or a form's changes.
        if key == .control("c"), catalog == nil || stack.isEmpty { return .quit }
        note = nil
        if var stored = shownEarlyCompanies {
            let (text, quit) = stored.handle(key, size: size, g: glyphs)
            earlyCompanies = stored
            if let text { note = StatusNote(text: text, isError: false) }
            return quit ? .quit : .none
        }
        guard catalog != nil, let frame = stack.last else {
            // Loading, or loading failed: only quitting makes sense.
            return key == .character("q") || (loadError != nil && key == .escape) ? .quit : .none
        }
        // In a prompt, printable keys are text.
        if case .character(let c) = key, var field = frame.screen.prompt {
            disarm(except: nil)
            field.insert(c)
            return editPrompt(field, edited: true)
        }
        let binding = KeyTable.binding(for: key, in: frame.screen.context)
        // A warning that a second key would lose something ("Esc again leaves…") holds for the very next key only.
        disarm(except: binding?.command)
        guard let binding else { return .none }
        return invoke(binding)
    }

    /// Any key but the one asked for again takes back a warning that it would lose something.
    mutating func disarm(except command: CommandName?) {
        if command != .quit && command != .forceQuit { session.quitArmed = false }
        if command != .leaveForm, !stack.isEmpty { stack[stack.count - 1].screen.disarm() }
    }

    /// What a binding's availability looks at, on the top screen as it is now.
    func commandScope() -> CommandScope? {
        guard let frame = stack.last, let (items, _) = topItems() else { return nil }
        return CommandScope(
            screen: frame.screen, depth: stack.count,
            item: items.indices.contains(frame.selected) ? items[frame.selected] : nil,
            hasSelectableRows: !items.selectable.isEmpty, needles: needles, hasReview: review != nil)
    }

    /// Runs a binding's command when it applies here; when it does not, says why (if there is a reason to give).
    mutating func invoke(_ binding: KeyBinding) -> Command {
        guard let scope = commandScope() else { return .none }
        if case .unavailable(let reason) = binding.availability.check(scope) {
            if let reason { note = StatusNote(text: reason, isError: false) }
            return .none
        }
        // What would close a form with changes in it (back, another view, quit) waits until it is kept or left.
        let leaves: Set<CommandName> = [.back, .quit, .companies, .alliances, .timeline, .chips, .network, .changes]
        // Ctrl-C quits from anywhere, but not past changes: once warned, it quits without them.
        if binding.command == .forceQuit, scope.screen.holdsInput, !session.quitArmed {
            session.quitArmed = true
            note = StatusNote(
                text: tr("This form has changes: Ctrl-S keeps them, Ctrl-C again quits without them"), isError: true)
            return .none
        }
        if leaves.contains(binding.command), scope.screen.holdsInput {
            note = StatusNote(
                text: tr("This form has changes: Ctrl-S keeps them, Esc twice leaves without them"), isError: true)
            return .none
        }
        return run(binding.command)
    }

    /// The one dispatch: every command, by name. No `default`: a new command does not compile until it is handled.
    mutating func run(_ command: CommandName) -> Command {
        guard context() != nil else { return .none }
        switch command {
        case .forceQuit:
            // Edits that could not be saved are not thrown away by one key: Ctrl-C asks once, as q does.
            if quitWithUnsaved(byControlC: true) { return .quit }
        case .quit:
            if stack.count > 1 { pop() } else if quitWithUnsaved() { return .quit }
        case .back:
            if stack.count > 1 {
                pop()
            } else if !needles.isEmpty {
                needles = []; lastSearch = nil
                note = StatusNote(text: tr("Search highlight cleared"), isError: false)
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
        case .changes: switchView(.changes) { ChangesScreen() }
        case .review:
            if stack.last?.screen.key != .review { push(ReviewScreen()) }
        case .network:
            guard let id = networkCompany() else { break }
            // One Network view is kept: a new centre inherits its merge setting.
            let previous = ([stack[0]] + Array(parked.values)).lazy.compactMap { $0.screen.networkView }.first
            switchView(.network(id)) { NetworkScreen(center: id, merge: previous?.merge ?? false) }
            parked = parked.filter { if case .network = $0.key { return false } else { return true } }
        case .help:
            if stack.last?.screen.key == .help {
                pop()
            } else {
                // The key table's availability, on the screen help is opened from: what does nothing there is dim.
                let scope = commandScope()
                let unavailable = Set(
                    KeyTable.bindings.filter { b in
                        guard let scope, KeyTable.applies(b, to: scope.screen.context) else { return false }
                        if case .unavailable = b.availability.check(scope) { return true }
                        return false
                    }.map(\.command))
                push(HelpScreen(unavailableHere: unavailable))
            }
        case .agreedOnly:
            agreedOnly.toggle()
            cache = ItemCache()
            note = StatusNote(
                text: agreedOnly
                    ? tr("Agreed money only: deals in talks, rumoured, predicted or ended left out")
                    : tr("All money: agreed, pending and ended deals, each apart"), isError: false)
            normalize()
        case .search:
            if !stack[stack.count - 1].screen.reopenPrompt() { push(SearchScreen()) }
        // A screen with stops of its own (an article's passages) steps through those instead of search matches.
        case .nextMatch where stack.last?.screen.hasStops == true,
            .previousMatch where stack.last?.screen.hasStops == true:
            return performOnTop(command)
        case .nextMatch: step(forward: true)
        case .previousMatch: step(forward: false)
        case .promptDelete, .promptDeleteForward, .promptDeleteWord, .promptClear, .promptLeft, .promptRight,
            .promptStart, .promptEnd:
            guard var field = stack.last?.screen.prompt else { break }
            let edited = field.edit(command)
            return editPrompt(field, edited: edited)
        case .addRecord:
            push(addChooser())
        case .editRecord:
            guard let key = editTarget(), let json = catalog?.dataset.json(of: key) else { break }
            push(FormScreen(list: key.list, original: key.id, record: json))
        case .deleteRecord:
            guard let key = editTarget() else { break }
            push(ConfirmDeleteScreen(record: key, referrers: catalog?.dataset.referrers(of: key).count ?? 0))
        case .reload: return reload()
        case .undo, .redo:
            let save = undoOrRedo(redo: command == .redo)
            return afterChange(save)
        case .saveAs:
            let path: String
            switch session.target {
            case .file(let p): path = p
            case .bundled(let proposed): path = proposed
            case .none: path = ""
            }
            push(SavePathScreen(path: path, first: session.target != .none && !isFileTarget))
        case .sort, .filter, .filterBack, .companyTimeline, .companyNetwork, .mergeUnits, .askPath, .loops,
            .openCompany, .markPassage, .editField, .removeField, .applyForm, .leaveForm, .confirm, .confirmAll,
            .promptOpen, .promptResults, .promptCancel, .promptUp, .promptDown, .promptPaths, .acceptMatch,
            .rejectMatch, .skipMatch:
            return performOnTop(command)
        }
        normalize()
        return .none
    }

    private var isFileTarget: Bool { if case .file = session.target { return true } else { return false } }

    /// `a`: what can be added, the kind the current view lists first; a company on screen is the new alliance's
    /// first party, a passage marked in an article the new fact's source.
    func addChooser() -> AddChooserScreen {
        var chooser = AddChooserScreen()
        guard let screen = stack.last?.screen else { return chooser }
        switch stack.first?.screen.key {
        case .companies?: chooser.first = .companies
        default: chooser.first = .alliances
        }
        if let company = screen.companyShown {
            // What the line above the list offers is what Enter makes.
            chooser.first = .alliances
            chooser.prefill[.alliances] = [
                Prefill(path: FieldPath([.key("parties"), .index(0), .key("company")]), value: .string(company))
            ]
            let name = catalog?.companyName(company) ?? company
            chooser.about = tr("With {0} as the first party of a new alliance", name)
        }
        if let (article, quote) = screen.markedQuote {
            let source = JSONValue.object([("article", .string(article)), ("quote", .string(quote))])
            for list in [RecordListName.alliances, .companies, .claims, .people, .shareEstimates, .groups] {
                chooser.prefill[list] = [Prefill(path: FieldPath([.key("sources"), .index(0)]), value: source)]
            }
            chooser.about = tr("The new fact's source: “{0}”", quote)
        }
        return chooser
    }

    /// A command the top screen carries out itself, with the selected row.
    mutating func performOnTop(_ command: CommandName) -> Command {
        guard var ctx = context(), let (items, layout) = topItems() else { return .none }
        var frame = stack[stack.count - 1]
        ctx.listWidth = layout.listWidth
        let selection = Selection(item: items.indices.contains(frame.selected) ? items[frame.selected] : nil)
        let effect = frame.screen.perform(command, ctx, selection)
        stack[stack.count - 1] = frame
        normalize()
        let next = apply(effect)
        normalize()
        return next
    }

    /// Stores the top screen's prompt after an edit; a changed text is the screen's to act on (the search runs again).
    mutating func editPrompt(_ field: PromptField, edited: Bool) -> Command {
        stack[stack.count - 1].screen.prompt = field
        var next = Command.none
        if edited, let ctx = context() { next = apply(stack[stack.count - 1].screen.promptEdited(ctx)) }
        normalize()
        return next
    }

    @discardableResult
    mutating func apply(_ effect: ScreenEffect) -> Command {
        switch effect {
        case .commit(let edit):
            let save = commit(edit)
            return afterChange(save)
        case .saveTo(let path, let first): return saveTo(path, first: first)
        case .readText(let path, let field):
            note = StatusNote(text: tr("Reading {0}…", path), isError: false)
            return .work(
                Work("read") { send in
                    let text = Dataset.readArticleText(path).mapError {
                        TextReadError(message: path + ": " + $0.message)
                    }
                    send(.textRead(field, path: path, text))
                })
        case .none, .reorder: break
        case .push(let screen): push(screen)
        case .pop: pop()
        case .message(let text): note = StatusNote(text: text, isError: false)
        case .error(let text): note = StatusNote(text: text, isError: true)
        case .move(let delta): move(by: delta)
        case .restartSelection:
            stack[stack.count - 1].selected = -1
            stack[stack.count - 1].selectedID = nil
            stack[stack.count - 1].scroll = 0
        case .select(let id, let text):
            if let (items, _) = topItems(), let i = items.index(ofSelectableID: id) {
                stack[stack.count - 1].selected = i
                stack[stack.count - 1].selectedID = id
            }
            if let text { note = StatusNote(text: text, isError: false) }
        case .commitSearch(let open):
            commitSearch()
            if open { openSelected() }
        case .decide(let candidate, let verdict):
            return decide(candidate, verdict)
        }
        return .none
    }

    /// The top screen's own search becomes the last search.
    mutating func commitSearch() {
        guard let search = stack.last?.screen.ownSearch, search.isValid else { return }
        let q = search.query.trimmingSpaces
        lastSearch = q.isEmpty ? nil : q
        needles = search.needles
    }

    /// The company the Network view opens on: the one on screen, the Network view's own, the one selected in
    /// Companies when it has alliances; else the biggest hub (most alliances, then name), not an empty tree.
    func networkCompany() -> String? {
        if let company = stack.last?.screen.companyShown { return company }
        if let network = stack.first?.screen.networkView { return network.centre }
        guard let catalog else { return nil }
        let companies = stack.first?.screen.key == .companies ? stack.first : parked[.companies]
        if let id = companies?.selectedID?.record, !(catalog.alliancesByCompany[id]?.isEmpty ?? true) { return id }
        let hub = catalog.alliancesByCompany.max { a, b in
            a.value.count != b.value.count
                ? a.value.count < b.value.count
                : catalog.companyName(a.key) > catalog.companyName(b.key)
        }
        return hub?.key ?? catalog.dataset.companies.first?.id
    }
}
