import AlliesCore
import AlliesText
import Synchronization

/// The alliance network of one catalog, units merged and apart, and its loops: built once, on first use (shared by
/// copies of the state, which have the same catalog). A large dataset's network takes seconds: the explorer builds
/// it in the background (`AppState.reconcileNetworkBuild`) and its screens show how far the build is meanwhile.
final class NetworkCache: Sendable {
    /// Keyed by (units merged, agreed deals only).
    private struct Key: Hashable { let merge: Bool; let agreedOnly: Bool }
    private struct State {
        var networks: [Key: Network] = [:]
        var loops: [Key: (cycles: [Network.Cycle], capped: Bool)] = [:]
        var owner: ObjectIdentifier?

        /// Whether what is found for `catalog` may be kept: the cache is the catalog's (a new catalog gets a new
        /// cache; what a build for an older one finds is dropped).
        mutating func keeps(_ catalog: Catalog) -> Bool {
            if owner == nil { owner = ObjectIdentifier(catalog) }
            return owner == ObjectIdentifier(catalog)
        }
    }
    private let state = Mutex(State())
    /// Networks of up to this many alliances are built when first drawn (in well under a frame's time below 50,000);
    /// larger ones in the background.
    let builtAtOnce: Int
    /// A company's view that goes through more ties than this (`Network.egoViewWork`) is made off the interface
    /// thread: ~50 ms of work; a hub's at a million alliances took 0.4–0.9 s, keys waiting.
    let viewMadeAtOnce: Int

    init(builtAtOnce: Int = 50_000, viewMadeAtOnce: Int = 50_000) {
        self.builtAtOnce = builtAtOnce
        self.viewMadeAtOnce = viewMadeAtOnce
    }

    /// The network for these settings, if built.
    func built(_ catalog: Catalog, merge: Bool, agreedOnly: Bool) -> Network? {
        state.withLock { s in
            s.owner == ObjectIdentifier(catalog) ? s.networks[Key(merge: merge, agreedOnly: agreedOnly)] : nil
        }
    }

    /// The network for these settings, built now if it is not yet. Built without holding the lock, so the screens
    /// can ask whether it is built while a build runs; two builds at once keep the first.
    func network(
        _ catalog: Catalog, merge: Bool, agreedOnly: Bool = false, progress: (Double) -> Void = { _ in }
    ) -> Network {
        if let hit = built(catalog, merge: merge, agreedOnly: agreedOnly) { return hit }
        let made = Network(catalog, mergeUnits: merge, agreedOnly: agreedOnly, progress: progress)
        return state.withLock { s in
            let key = Key(merge: merge, agreedOnly: agreedOnly)
            guard s.keeps(catalog) else { return made }
            if let first = s.networks[key] { return first }
            s.networks[key] = made
            return made
        }
    }

    /// The loops found for these settings, most agreed money first, and whether the search stopped at its limit;
    /// nil while none has been found yet (the explorer searches off the interface thread: `searchCycles`).
    func cachedCycles(_ catalog: Catalog, merge: Bool, agreedOnly: Bool) -> (cycles: [Network.Cycle], capped: Bool)? {
        state.withLock { s in
            s.owner == ObjectIdentifier(catalog) ? s.loops[Key(merge: merge, agreedOnly: agreedOnly)] : nil
        }
    }

    /// Searches for the loops (on the caller's thread, without holding the cache), stopping when `isCancelled`
    /// says so, and keeps what a search that ran to its end found.
    func searchCycles(
        _ catalog: Catalog, merge: Bool, agreedOnly: Bool, isCancelled: () -> Bool,
        progress: (Int) -> Void
    ) -> (cycles: [Network.Cycle], capped: Bool) {
        let network = self.network(catalog, merge: merge, agreedOnly: agreedOnly)
        let found = network.cycles(isCancelled: isCancelled, progress: progress)
        guard !isCancelled() else { return found }
        state.withLock { s in
            if s.keeps(catalog) { s.loops[Key(merge: merge, agreedOnly: agreedOnly)] = found }
        }
        return found
    }
}

/// Shared pieces of the network screens.
enum NetworkLines {
    /// `units merged` or `units apart`, for the headers.
    static func units(_ merge: Bool, _ g: Glyphs) -> Span {
        Span(g.dot + (merge ? tr("units merged") : tr("units apart")), Style(.accent), searchable: false)
    }

    /// `A → B → C`, in the glyph set's arrows.
    static func chain(_ ids: [String], _ catalog: Catalog, _ g: Glyphs) -> String {
        ids.map(catalog.companyName).joined(separator: " " + g.arrow + " ")
    }

    static func usd(_ value: Double, _ g: Glyphs) -> String { MoneyFormat.money(value, "USD", ascii: g.ascii) }

    /// `loopMoney` laid out in lines of `width` columns, a part that does not fit going whole to the next line (after
    /// `indent`): what a loop includes and when is never cut off ("steps in time order" at 80 columns was).
    static func loopMoneyLines(_ c: Network.Cycle, _ g: Glyphs, width: Int, indent: Int) -> [Line] {
        let pad = Span(String(repeating: " ", count: indent), searchable: false)
        var lines: [Line] = []
        var line = Line([pad])
        var used = indent
        for var span in loopMoney(c, g) {
            let w = TextWidth.of(span.text)
            if used + w > width && used > indent {
                lines.append(line)
                line = Line([pad])
                used = indent
                // A part that starts a line drops the separator that joined it to the one before.
                if span.text.hasPrefix(g.dot) {
                    span = Span(String(span.text.dropFirst(g.dot.count)), span.style, searchable: false)
                }
                if span.text.isEmpty || span.text == g.dot { continue }
            }
            // A part wider than a whole line is word-wrapped over lines of its own.
            if used + TextWidth.of(span.text) > width {
                let wrapped = Clip.wrap(span.text, max(1, width - indent))
                for (i, piece) in wrapped.enumerated() {
                    line.append(Span(piece, span.style, searchable: false))
                    if i < wrapped.count - 1 {
                        lines.append(line)
                        line = Line([pad])
                    }
                }
                used = indent + TextWidth.of(wrapped.last ?? "")
                continue
            }
            line.append(span)
            used += TextWidth.of(span.text)
        }
        lines.append(line)
        return lines
    }

    /// What a loop carries, saying what it includes: the agreed USD around it, what agreed money can go all the
    /// way round, whether steps carry other money (ceilings, pending deals…) left out of both, and when it happened.
    static func loopMoney(_ c: Network.Cycle, _ g: Glyphs) -> [Span] {
        let anyAgreed = c.agreedUSD > 0
        let total =
            anyAgreed
            ? tr(
                "steps agreed: {0}",
                (c.agreedIsApproximate ? "~" : "") + usd(c.agreedUSD, g)
                    + MoneyFormat.holds(cumulative: c.agreedIncludesCumulative, multiYear: c.agreedIncludesMultiYear))
            : tr("no agreed USD")
        // A step without agreed USD (Project Rainier: agreed, its amount undisclosed) leaves the round unknown, as
        // `allies cycles` says; "not all agreed" said something else.
        let roundUSD = c.roundUSD.map { (c.roundIsApproximate ? "~" : "") + usd($0, g) } ?? tr("unknown")
        let round = tr("round: {0}", roundUSD)
        var spans = [
            Span(tr("{0} steps", c.steps.count) + g.dot, Style(.dim), searchable: false),
            Span(total, Style(anyAgreed ? .money : .dim), searchable: false),
            Span(g.dot, Style(.dim), searchable: false),
            Span(round, Style(c.roundUSD == nil ? .dim : .money, bold: true), searchable: false),
        ]
        // A ceiling, a floor or a rate is agreed money too, only not an exact sum: said as the CLI says it.
        if c.hasOtherMoney {
            spans.append(Span(g.dot + tr("more not agreed or not exact"), Style(.warning), searchable: false))
        }
        spans.append(Span(g.dot + timeSpan(c, g), Style(.dim), searchable: false))
        return spans
    }

    /// While the loop search runs: how far it is, and how to stop it.
    /// While a large dataset's network is built in the background: how far, and that Esc goes back meanwhile.
    static func building(_ ctx: Context, width: Int) -> [Item] {
        let percent = Int((ctx.networkProgress ?? 0) * 100)
        let text =
            tr("Building the network of {0}", tr("{0} alliances", Format.count(ctx.catalog.dataset.alliances.count)))
            + ctx.g.ellipsis
            + " \(percent)%" + ctx.g.dot + tr("Esc goes back meanwhile")
        return [Item(lines: paragraph(text, width: width, indent: 1, style: Style(.dim)), selectable: false)]
    }

    static func searching(_ ctx: Context, width: Int) -> [Item] {
        let found = ctx.loopsFoundSoFar ?? 0
        let text =
            tr("Finding loops") + ctx.g.ellipsis + " "
            + (found == 1 ? tr("1 loop so far") : tr("{0} loops so far", Format.count(found))) + ctx.g.dot
            + tr("Esc stops the search")
        return [Item(lines: paragraph(text, width: width, indent: 1, style: Style(.dim)), selectable: false)]
    }

    /// `2019–2025, not in time order`, `2025, in time order`, `undated step`.
    static func timeSpan(_ c: Network.Cycle, _ g: Glyphs) -> String {
        guard let first = c.firstDate, let last = c.lastDate else { return tr("undated") }
        let span = first.year == last.year ? String(first.year) : "\(first.year)" + g.enDash + "\(last.year)"
        switch c.inTimeOrder {
        case true?: return tr("{0}, steps in time order", span)
        case false?: return tr("{0}, steps not in time order", span)
        case nil: return tr("{0}, a step undated", span)
        }
    }

    /// `A → B` (A pays B), `A ← B` (B pays A), `A ⇄ B` (both ways), `A ↔ B` (partners): a step's own direction.
    static func directed(
        _ s: Network.Step, _ direction: Network.Step.Direction, _ catalog: Catalog,
        _ g: Glyphs
    ) -> String {
        catalog.companyName(s.from) + " " + direction.arrow(ascii: g.ascii) + " " + catalog.companyName(s.to)
    }

    /// Made at each use: the headings are in the language of the moment.
    static func stepColumns(width: Int) -> [Column] {
        [
            Column(title: tr("Date"), width: 10, priority: 2),
            Column(title: tr("Alliance"), width: 0, flex: true, minWidth: 12),
            Column(title: tr("Amount"), width: Column.amountWidth(width), alignRight: true, priority: 1),
        ]
    }

    /// One step of a path or a loop: a heading `1. A → B` with what it carries, then one row per alliance (date,
    /// title, amount) that opens it.
    /// `direction` is the way the step's money goes: a path's step says it; a loop's step goes forward by definition.
    static func step(
        _ number: Int, _ s: Network.Step, _ direction: Network.Step.Direction, money: Span?,
        amounts: (String) -> [Amount], path: Int?, _ ctx: Context, width: Int
    ) -> [Item] {
        let g = ctx.g, catalog = ctx.catalog
        var head = Line([Span(" \(number). " + directed(s, direction, catalog, g), Style(.accent, bold: true))])
        var lines = [head]
        // The step's money beside it when it fits, else under it, wrapped: a figure's words are never cut.
        if let money {
            if head.width + 2 + money.width <= width {
                head.append(Span("  ", searchable: false)); head.append(money)
                lines = [head]
            } else {
                lines += paragraph(money.text, width: width, indent: 4, style: money.style)
            }
        }
        var items = [Item(lines: lines, selectable: false, searchText: "")]
        let table = TableLayout(stepColumns(width: width), width: width)
        for allianceID in s.alliances {
            guard let a = catalog.alliance(allianceID) else { continue }
            let title = Format.standingMark(a) + a.title.preferred
            let money = amounts(allianceID)
            // An amount wider than its column (under 80 columns) runs on below it: its words stay whole.
            let rows = table.rows(
                [
                    Span(MoneyFormat.date(a.date?.value), Style(a.date == nil ? .dim : .normal), searchable: false),
                    Span(title, Style(MoneyStanding(a.status) == .pending ? .warning : .normal)),
                    Span(
                        money.isEmpty
                            ? tr("undisclosed")
                            : money.map {
                                MoneyFormat.amount($0, status: a.status, ascii: g.ascii)
                                    + MoneyFormat.payers($0, catalog, ascii: g.ascii)
                            }.joined(separator: "; "), Style(money.isEmpty ? .dim : .money), searchable: false),
                ], g, wrapping: 2)
            items.append(
                Item(
                    id: .step(path: path, step: number - 1, alliance: a.id), lines: rows, action: .alliance(a.id),
                    searchText: a.title.en + " " + a.title.es))
        }
        return items
    }
}

// MARK: Network (5, or `w` on a company)

struct NetworkScreen: Screen {
    /// Two-hop ties listed through each partner; a row says how many more there are and opens the partner's network
    /// (a hub's partners' partners at a million alliances were 100,000 rows, built for seconds on every visit).
    static let twoHopsShown = 25
    /// Two-hop ties listed in all: a hub of more than 200 partners lists fewer through each (none past 5,000), so
    /// that a hub of 16,000 partners is not 400,000 rows (or 32,000, with a row of how many under each partner).
    static let twoHopsShownInAll = 5_000
    let center: String
    var merge = false
    /// The company prompt (`p`) while it is open.
    var prompt: PromptField?

    var key: ScreenKey { .network(center) }
    var context: KeyContext { prompt == nil ? .network : .companyPrompt }
    var networkView: (centre: String, merge: Bool)? { (center, merge) }
    var networkMerged: Bool? { merge }

    // The company prompt is drawn in the header, not in the rows: typing in it keeps the cached rows.
    static func == (a: NetworkScreen, b: NetworkScreen) -> Bool { a.center == b.center && a.merge == b.merge }
    func hash(into hasher: inout Hasher) {
        hasher.combine(center)
        hasher.combine(merge)
    }

    /// The node drawn at the centre (its top-most parent with units merged); the company itself until the network
    /// is built.
    func node(_ ctx: Context) -> String { ctx.readyNetwork(merge: merge)?.node(center) ?? center }

    func title(_ ctx: Context) -> String { tr("Network of {0}", ctx.catalog.companyName(node(ctx))) }

    func header(_ ctx: Context, width: Int) -> [Line] {
        let g = ctx.g
        let name = ctx.catalog.companyName(node(ctx))
        var lines = [Line([Span(tr(" Two hops out"), Style(.dim), searchable: false), NetworkLines.units(merge, g)])]
        if let prompt {
            let label = tr(" Path from {0} to: ", Sanitize.line(name))
            let short = TextWidth.of(label) + 12 > width
            lines.append(
                prompt.line(short ? tr(" Path to: ") : label, editing: true, width: width, ellipsis: ctx.g.ellipsis))
        }
        return lines
    }

    /// A company whose view goes through many ties (a hub, or a company tied to several) has it made off the
    /// interface thread; meanwhile the screen says so.
    func rowsMeanwhile(_ ctx: Context, width: Int) -> [Item]? {
        guard let network = ctx.readyNetwork(merge: merge),
            network.egoViewWork(network.node(center)) > ctx.networks.viewMadeAtOnce
        else { return nil }
        let text =
            tr("Listing the partners of {0}, and theirs", ctx.catalog.companyName(network.node(center)))
            + ctx.g.ellipsis + ctx.g.dot + tr("Esc goes back meanwhile")
        return [
            Item(lines: paragraph(Sanitize.line(text), width: width, indent: 1, style: Style(.dim)), selectable: false)
        ]
    }

    func items(_ ctx: Context, width: Int) -> [Item] {
        let g = ctx.g, catalog = ctx.catalog
        guard let network = ctx.readyNetwork(merge: merge) else { return NetworkLines.building(ctx, width: width) }
        let centre = network.node(center)
        guard catalog.company(centre) != nil else {
            let text = tr("No company \"{0}\" in this dataset.", centre)
            return [Item(lines: [Line(text, Style(.error))], selectable: false)]
        }
        let ego = network.egoView(centre, twoHopLimit: Self.twoHopsShown, twoHopBudget: Self.twoHopsShownInAll)
        let (direct, indirect) = (ego.direct, ego.indirect)
        var root = Line([Span(" " + catalog.companyName(centre), Style(.heading, bold: true))])
        // A partner tied by alliances of two kinds is one partner, shown under each kind.
        let partnerCount = Set(direct.map(\.company)).count
        let partners = partnerCount == 1 ? tr("1 partner") : tr("{0} partners", Format.count(partnerCount))
        root.append(
            Span(
                g.dot + partners + g.dot
                    + tr("{0} more two hops out", Format.count(ego.twoHopCompanies)),
                Style(.dim), searchable: false))
        var items = [Item(lines: [root], selectable: false, searchText: catalog.companyName(centre))]
        // The Companies list counts every company in its deals as a partner; the network ties payers to payees, and
        // those on its own side of a deal (fellow investors) to nothing: the difference is said, not left to puzzle.
        // (Counted as those in its deals not tied, not as a difference of counts: an amount's own `to` may tie it
        // to a company that is no party.)
        if !merge, !ctx.agreedOnly {
            let tied = Set(direct.map(\.company))
            let beside = catalog.firstPartners(of: centre) { _ in false }.count { !tied.contains($0) }
            if beside > 0 {
                let text =
                    beside == 1
                    ? tr("1 more in its deals is on its side of them (paying or paid beside it): no tie here.")
                    : tr(
                        "{0} more in its deals are on its side of them (paying or paid beside it): no tie here.",
                        Format.count(beside))
                items.append(
                    Item(
                        lines: Clip.wrap(Sanitize.line(text), max(1, width - 1)).map { Line(" " + $0, Style(.dim)) },
                        selectable: false, searchText: ""))
            }
        }
        // A hub of more partners than the budget lists none of their ties, and no row under each partner says how
        // many (20,000 rows more for a hub at a million alliances): Enter on a partner opens its network.
        let noneListed = ego.twoHopLimit == 0 && !ego.leftOut.isEmpty
        if noneListed {
            let text = tr("Too many partners to list their partners here: Enter on one opens its network.")
            items.append(
                Item(
                    lines: Clip.wrap(Sanitize.line(text), max(1, width - 1)).map { Line(" " + $0, Style(.dim)) },
                    selectable: false, searchText: ""))
        }
        if direct.isEmpty {
            items.append(
                Item(
                    lines: [Line(tr(" No alliances: nothing is tied to this company."), Style(.dim))],
                    selectable: false))
            return items
        }
        // Amounts right-aligned in a column as wide as the widest (at most a third of the width); the name, then
        // the note (the kind of a two-hop tie), take the rest.
        // Money each way, never added: `← ≤$5B  → $30B` (received, paid) from the side of the company above.
        func shownMoney(_ tie: Network.Tie) -> [MoneyTotal] {
            [ctx.money(tie.incoming), ctx.money(tie.outgoing), ctx.money(tie.undirected)]
        }
        func money(_ tie: Network.Tie) -> String {
            let shown = shownMoney(tie)
            // Money whose direction the data does not give is said in words, neither in nor out, never `—`.
            let parts = MoneyFormat.byDirection(
                incoming: shown[0], outgoing: shown[1], undirected: shown[2], names: .arrows, ascii: g.ascii)
            return parts.isEmpty ? g.none : parts.joined(separator: "  ")
        }
        let widest = [direct, indirect].joined().lazy.map { TextWidth.of(money($0)) }.max() ?? 0
        let amountWidth = min(widest, max(11, width / 3))
        // A tie of alliances none of which is agreed (a prediction, talks) says so: it is not an alliance.
        // Unless its money says so already (`← in talks: ~$10B`): not twice on one row.
        func standing(_ tie: Network.Tie) -> [AllianceStatus] { tie.unagreed(unnamedBy: shownMoney(tie)) }
        /// What a row says after the name, and how much of it must stay on screen.
        struct Note {
            var text: String
            /// It names the tie's standing (`predicted`): never cut, whole under the name where it does not fit.
            var keepsWhole: Bool
            /// It names what the tie is (a two-hop tie's kind): clipped where a part fits, under the name where none
            /// does (at 40 columns `Mistral AI —` had lost that the tie is a distribution deal).
            var keepsSome: Bool
        }
        func directNote(_ tie: Network.Tie) -> Note {
            let n = tie.alliances.count
            let standing = standing(tie)
            let text = [n > 1 ? tr("{0} alliances", n) : nil] + standing.map(\.label)
            return Note(
                text: text.compactMap { $0 }.map { g.dot + $0 }.joined(), keepsWhole: !standing.isEmpty,
                keepsSome: false)
        }
        // Two hops out, its kind and standing too (`Apple · partnership · predicted`).
        func indirectNote(_ t: Network.Tie) -> Note {
            let standing = standing(t)
            return Note(
                text: ([t.kind.label] + standing.map(\.label)).map { g.dot + $0 }.joined(),
                keepsWhole: !standing.isEmpty, keepsSome: true)
        }
        // On wide terminals the amounts stay near the names: the tree is 80 columns wide, or as wide as its widest
        // row's name, note and money need, when the terminal has the room.
        func needed(_ tie: Network.Tie, _ note: Note, prefix: Int) -> Int {
            prefix + TextWidth.of(Sanitize.line(catalog.companyName(tie.company)))
                + TextWidth.of(Sanitize.line(note.text))
                + 2 + max(TextWidth.of(money(tie)), amountWidth)
        }
        let widestRow =
            ((direct.map { needed($0, directNote($0), prefix: 7) }
                + indirect.map { needed($0, indirectNote($0), prefix: 10) })
                .max() ?? 0)
        let width = min(width, max(80, widestRow))
        /// A tie's row; `under` is the tree's prefix for a line below it (its own children's). A note that names the
        /// tie's standing (`predicted`) is never cut: where it does not fit beside the name, it goes whole on a line
        /// under it (`Apple · partnersh…` had lost that the partnership is a prediction).
        func row(_ prefix: String, under: String, _ name: String, _ noted: Note, _ tie: Network.Tie, bold: Bool)
            -> [Line]
        {
            let note = noted.text
            let indent = TextWidth.of(under) + 2
            /// Whether the note goes under the name, given the columns left for it beside the name.
            func goesUnder(_ noteWidth: Int, full: Int) -> Bool {
                full > 0 && ((noted.keepsWhole && noteWidth < full) || (noted.keepsSome && noteWidth == 0))
            }
            func noteUnder() -> [Line] {
                let text = note.hasPrefix(g.dot) ? String(note.dropFirst(g.dot.count)) : note
                return Clip.wrapParts(text, max(1, width - indent), separator: g.dot).map {
                    Line([
                        Span(under, Style(.border), searchable: false),
                        Span("  " + $0, Style(.dim), searchable: false),
                    ])
                }
            }
            let text = money(tie)
            let known = ctx.money(tie.incoming).hasAmounts || ctx.money(tie.outgoing).hasAmounts
            let style = Style(known ? .money : .dim)
            let full = TextWidth.of(Sanitize.line(note)), nameFull = TextWidth.of(Sanitize.line(name))
            let textWidth = TextWidth.of(text)
            // The money is never cut (`~$9.7B (mu…` lost what it is): beside the name when a name of 10 columns
            // still fits, the note giving way first; else under it, whole.
            let beside = width - TextWidth.of(prefix) - 2 - min(nameFull, 10)
            guard textWidth <= beside else {
                let room = max(1, width - TextWidth.of(prefix))
                let nameWidth = min(nameFull, room)
                var noteWidth = room - nameWidth >= min(full, 8) ? min(full, room - nameWidth) : 0
                let noteBelow = goesUnder(noteWidth, full: full)
                if noteBelow { noteWidth = 0 }
                var lines = [
                    Line([
                        Span(prefix, Style(.border), searchable: false),
                        Span(fit(name, nameWidth, g), Style(.normal, bold: bold)),
                        Span(fit(note, noteWidth, g), Style(.dim), searchable: false),
                    ])
                ]
                if noteBelow { lines += noteUnder() }
                for part in Clip.wrapParts(text, max(1, width - indent)) {
                    lines.append(
                        Line([
                            Span(under, Style(.border), searchable: false),
                            Span("  " + part, style, searchable: false),
                        ]))
                }
                return lines
            }
            // The column of amounts, narrowed where it would leave less than a short name; wider money takes it.
            let amountWidth = max(min(amountWidth, beside), textWidth)
            let room = max(1, width - TextWidth.of(prefix) - amountWidth - 2)
            let nameWidth = min(nameFull, room)
            // The note clipped, or left out when only a sliver of it would fit (a standing goes under, whole; a
            // two-hop tie's kind goes under rather than out).
            var noteWidth = room - nameWidth >= min(full, 8) ? min(full, room - nameWidth) : 0
            let noteBelow = goesUnder(noteWidth, full: full)
            if noteBelow { noteWidth = 0 }
            return [
                Line([
                    Span(prefix, Style(.border), searchable: false),
                    Span(fit(name, nameWidth, g), Style(.normal, bold: bold)),
                    Span(
                        fit(note, noteWidth, g) + String(repeating: " ", count: room - nameWidth - noteWidth),
                        Style(.dim), searchable: false),
                    Span("  " + fit(text, amountWidth, g, alignRight: true), style, searchable: false),
                ])
            ] + (noteBelow ? noteUnder() : [])
        }
        let kinds = Network.Tie.kinds(of: direct)
        let throughPartner = Dictionary(grouping: indirect) { $0.via ?? "" }
        // Each partner's two-hop ties go under the first kind it is shown under.
        let firstKind = Network.Tie.firstKinds(of: direct)
        for (k, kind) in kinds.enumerated() {
            let lastKind = k == kinds.count - 1
            let group = direct.filter { $0.kind == kind }
            items.append(
                Item(
                    lines: [
                        Line([
                            Span(" " + (lastKind ? g.lastBranch : g.branch), Style(.border), searchable: false),
                            Span(
                                kind.heading + " (\(group.count))", Style(.accent, bold: true),
                                searchable: false),
                        ])
                    ], selectable: false, searchText: ""))
            let outer = " " + (lastKind ? "   " : g.stem)
            for (i, tie) in group.enumerated() {
                let lastTie = i == group.count - 1
                let name = catalog.companyName(tie.company)
                let note = directNote(tie)
                items.append(
                    Item(
                        id: .tie(tie.company, via: nil),
                        lines: row(
                            outer + (lastTie ? g.lastBranch : g.branch), under: outer + (lastTie ? "   " : g.stem),
                            name, note, tie, bold: true),
                        action: .network(tie.company, merge: merge), searchText: name))
                // Two hops out, under the partner's first tie only (not again under each kind).
                let first = firstKind[tie.company] == kind
                let second = first ? throughPartner[tie.company] ?? [] : []
                let more = first && !noneListed ? ego.leftOut[tie.company] ?? 0 : 0
                let inner = outer + (lastTie ? "   " : g.stem)
                for (j, t) in second.enumerated() {
                    let name = catalog.companyName(t.company)
                    let note = indirectNote(t)
                    let last = j == second.count - 1 && more == 0
                    items.append(
                        Item(
                            id: .tie(t.company, via: tie.company),
                            lines: row(
                                inner + (last ? g.lastBranch : g.branch), under: inner + (last ? "   " : g.stem),
                                name, note, t, bold: false),
                            action: .network(t.company, merge: merge), searchText: name))
                }
                // The rest of a hub's partners are in its own network: one row says how many, and opens it.
                if more > 0 {
                    let text = tr("{0} more through {1}: Enter opens its network", Format.count(more), name)
                    items.append(
                        Item(
                            id: .moreTies(via: tie.company),
                            lines: Clip.wrap(Sanitize.line(text), max(1, width - TextWidth.of(inner) - 3)).enumerated()
                                .map { k, part in
                                    Line([
                                        Span(
                                            inner + (k == 0 ? g.lastBranch : "   "), Style(.border), searchable: false),
                                        Span(part, Style(.dim), searchable: false),
                                    ])
                                },
                            action: .network(tie.company, merge: merge), searchText: ""))
                }
            }
        }
        return items
    }

    mutating func perform(_ command: CommandName, _ ctx: Context, _ selection: Selection) -> ScreenEffect {
        switch command {
        case .mergeUnits:
            merge.toggle()
            return .reorder
        case .askPath:
            prompt = PromptField()
            return .none
        case .loops:
            return .push(LoopsScreen(merge: merge))
        case .openCompany:
            // The company of the selected row, or the centre when no row is selected.
            if case .network(let company, _)? = selection.item?.action { return .push(CompanyScreen(id: company)) }
            return .push(CompanyScreen(id: center))
        case .promptCancel:
            prompt = nil
            return .none
        case .promptPaths:
            return paths(to: prompt?.text.trimmingSpaces ?? "", ctx)
        default:
            return .none
        }
    }

    /// Enter in the company prompt: the paths to the company typed, or what is wrong with the name.
    mutating func paths(to text: String, _ ctx: Context) -> ScreenEffect {
        let catalog = ctx.catalog
        guard !text.isEmpty else { return .message(tr("Type a company's name (Esc cancels)")) }
        switch catalog.resolveCompany(text) {
        case .found(let id):
            // Before the network is built, only the company itself is known to be the centre.
            let network = ctx.readyNetwork(merge: merge)
            if (network?.node(id) ?? id) == (network?.node(center) ?? center) {
                return .error(tr("{0} is the centre of this network", catalog.companyName(id)))
            }
            prompt = nil
            return .push(PathsScreen(from: center, to: id, merge: merge))
        case .ambiguous(let ids):
            // Each with its id, which is what to type to choose (the names may be the same).
            let named = ids.map { Sanitize.line(catalog.companyName($0)) + " (" + $0 + ")" }
            return .error(tr("several companies match \"{0}\": {1}", text, named.joined(separator: ", ")))
        case .notFound(let suggestions):
            return .error(
                tr("no company called \"{0}\"", text)
                    + (suggestions.isEmpty ? "" : tr("; did you mean {0}?", Self.names(suggestions, catalog))))
        }
    }

    /// Companies' names; a name shared by two of them comes with its id, so each can be told apart and typed.
    static func names(_ ids: [String], _ catalog: Catalog) -> String {
        let names = ids.map(catalog.companyName)
        return zip(ids, names).map { id, name in
            names.filter { $0 == name }.count > 1 ? name + " (" + id + ")" : name
        }.joined(separator: ", ")
    }

    func hintValue(_ command: CommandName, listWidth: Int, _ g: Glyphs) -> String? {
        command == .mergeUnits ? (merge ? tr(context: "network", "merged") : tr("apart")) : nil
    }
}

// MARK: Paths (`p` on the Network view)

struct PathsScreen: MergeToggling {
    let from: String
    let to: String
    var merge = false

    var key: ScreenKey { .paths(from: from, to: to) }
    var context: KeyContext { .paths }
    var networkMerged: Bool? { merge }

    func title(_ ctx: Context) -> String {
        tr("Paths {0}", NetworkLines.chain([from, to], ctx.catalog, ctx.g))
    }

    func header(_ ctx: Context, width: Int) -> [Line] {
        [
            Line([
                Span(tr(" Shortest chains"), Style(.dim), searchable: false),
                NetworkLines.units(merge, ctx.g),
            ])
        ]
    }

    func items(_ ctx: Context, width: Int) -> [Item] {
        let g = ctx.g, catalog = ctx.catalog
        guard let network = ctx.readyNetwork(merge: merge) else { return NetworkLines.building(ctx, width: width) }
        let a = network.node(from), b = network.node(to)
        if a == b {
            let x = catalog.companyName(from), y = catalog.companyName(to)
            return [
                Item(
                    lines: paragraph(
                        tr("With units merged, {0} and {1} are the same company: m keeps units apart.", x, y),
                        width: width, indent: 1,
                        style: Style(.dim)), selectable: false)
            ]
        }
        let paths = network.shortestPaths(from: a, to: b)
        guard let first = paths.first else {
            let x = catalog.companyName(a), y = catalog.companyName(b)
            return [
                Item(
                    lines: paragraph(
                        tr("No chain of alliances connects {0} and {1}.", x, y),
                        width: width, indent: 1, style: Style(.dim)),
                    selectable: false)
            ]
        }
        let steps = first.count == 1 ? tr("1 step") : tr("{0} steps", first.count)
        var items: [Item] = []
        for (i, path) in paths.enumerated() {
            if i > 0 { items.append(.blank) }
            items.append(Item.heading(tr("Path {0} of {1}", i + 1, paths.count), g, width: width, trailing: steps))
            // The companies in the order the path visits them (each step below says which way money goes).
            let ids = [path[0].from] + path.map(\.to)
            items.append(
                Item(
                    lines: paragraph(
                        ids.map(catalog.companyName).joined(separator: " " + g.dash + " "),
                        width: width, indent: 1,
                        style: Style(.normal, bold: true)),
                    selectable: false, searchText: ids.map(catalog.companyName).joined(separator: " ")))
            for (j, s) in path.enumerated() {
                let between = network.edges(between: s.from, and: s.to)
                items += NetworkLines.step(
                    j + 1, s, network.direction(from: s.from, to: s.to), money: nil,
                    // The amounts that flow along this step, either way it goes.
                    amounts: { id in between.filter { $0.alliance == id }.flatMap(\.amounts) },
                    path: i, ctx, width: width)
            }
        }
        return items
    }

}

/// The Paths and Loops lists share the `m` toggle (merge units into their parent) and its status-line hint.
protocol MergeToggling: Screen {
    var merge: Bool { get set }
}

extension MergeToggling {
    mutating func perform(_ command: CommandName, _ ctx: Context, _ selection: Selection) -> ScreenEffect {
        guard command == .mergeUnits else { return .none }
        merge.toggle()
        return .reorder
    }

    func hintValue(_ command: CommandName, listWidth: Int, _ g: Glyphs) -> String? {
        command == .mergeUnits ? (merge ? tr(context: "network", "merged") : tr("apart")) : nil
    }
}

// MARK: Loops (`c` on the Network view)

struct LoopsScreen: MergeToggling {
    var merge = false
    /// `s`: most agreed money first, or the newest first.
    var order: Network.CycleOrder = .money

    var key: ScreenKey { .loops }
    var context: KeyContext { .loops }
    var loopsMerged: Bool? { merge }
    func title(_ ctx: Context) -> String { tr("Circular financing in the whole dataset") }

    func header(_ ctx: Context, width: Int) -> [Line] {
        let text = order == .money ? tr(" Every company; most agreed money first") : tr(" Every company; newest first")
        return [
            Line([
                Span(text, Style(.dim), searchable: false),
                NetworkLines.units(merge, ctx.g),
            ])
        ]
    }

    mutating func perform(_ command: CommandName, _ ctx: Context, _ selection: Selection) -> ScreenEffect {
        switch command {
        case .mergeUnits:
            merge.toggle()
            return .reorder
        case .sort:
            order = order == .money ? .time : .money
            return .reorder
        default:
            return .none
        }
    }

    func hintValue(_ command: CommandName, listWidth: Int, _ g: Glyphs) -> String? {
        switch command {
        case .mergeUnits: return merge ? tr(context: "network", "merged") : tr("apart")
        case .sort: return order == .money ? tr("money") : tr("time")
        default: return nil
        }
    }

    func items(_ ctx: Context, width: Int) -> [Item] {
        let g = ctx.g, catalog = ctx.catalog
        guard let (found, capped) = ctx.cachedCycles(merge: merge) else {
            return NetworkLines.searching(ctx, width: width)
        }
        var cycles = found
        if order != .money { Network.rank(&cycles, by: order) }
        if cycles.isEmpty {
            let text =
                merge
                ? tr("No loops: no money comes back to where it started.")
                : tr("No loops: no money comes back to where it started (m merges units, AWS into Amazon).")
            return [Item(lines: paragraph(text, width: width, indent: 1, style: Style(.dim)), selectable: false)]
        }
        var items = [
            Item.heading(
                tr("Loops"), g, width: width,
                trailing: capped
                    ? tr("first {0} of at least {0}", Format.count(cycles.count)) : Format.count(cycles.count))
        ]
        if capped {
            let t = tr("The search stopped at 10,000 loops: there may be more, and these are ranked among themselves.")
            items.append(
                Item(
                    lines: paragraph(
                        t + " " + tr("`allies cycles --limit N` searches further."),
                        width: width, indent: 1, style: Style(.warning)), selectable: false))
        }
        for c in cycles {
            let ids = c.companies + [c.companies[0]]
            var lines = paragraph(
                NetworkLines.chain(ids, catalog, g), width: width, indent: 1,
                style: Style(.normal, bold: true))
            lines += NetworkLines.loopMoneyLines(c, g, width: width, indent: 3)
            items.append(
                Item(
                    id: .loop(c.companies), lines: lines,
                    action: .loop(c.companies, merge: merge),
                    searchText: ids.map(catalog.companyName).joined(separator: " ")))
        }
        return items
    }

}

// MARK: One loop, step by step

struct LoopScreen: Screen {
    let companies: [String]
    var merge = false

    var key: ScreenKey { .loop(companies) }
    var context: KeyContext { .loop }
    var loopsMerged: Bool? { merge }

    func title(_ ctx: Context) -> String {
        tr("Loop {0}", NetworkLines.chain(companies + companies.prefix(1), ctx.catalog, ctx.g))
    }

    func header(_ ctx: Context, width: Int) -> [Line] {
        [
            Line([
                Span(tr(" Step by step"), Style(.dim), searchable: false),
                NetworkLines.units(merge, ctx.g),
            ])
        ]
    }

    func items(_ ctx: Context, width: Int) -> [Item] {
        let g = ctx.g, catalog = ctx.catalog
        // The loops come from the network: once they are found, it is built.
        guard let found = ctx.cachedCycles(merge: merge) else { return NetworkLines.searching(ctx, width: width) }
        let network = ctx.network(merge: merge)
        guard let cycle = found.cycles.first(where: { $0.companies == companies }) else {
            let text =
                ctx.agreedOnly
                ? tr(" This loop goes through deals that are not agreed: $ shows all money.")
                : tr(" No such loop in this dataset.")
            return [Item(lines: [Line(text, Style(ctx.agreedOnly ? .warning : .error))], selectable: false)]
        }
        let ids = companies + companies.prefix(1)
        // Selectable (it opens nothing), so that `g` and `k` bring it back: taller than a small terminal's list with
        // the first step, it was scrolled off to show the step selected, and at 40x12 no key reached the route and
        // the loop's money again.
        var items = [
            Item(
                lines: paragraph(
                    NetworkLines.chain(ids, catalog, g), width: width, indent: 1,
                    style: Style(.heading, bold: true))
                    + NetworkLines.loopMoneyLines(cycle, g, width: width, indent: 1),
                searchText: ids.map(catalog.companyName).joined(separator: " "))
        ]
        for (i, (s, total)) in zip(cycle.steps, cycle.stepMoney).enumerated() {
            items.append(.blank)
            let money = Span(
                MoneyFormat.total(total, ascii: g.ascii), Style(total.hasAmounts ? .money : .dim, bold: true),
                searchable: false)
            // The amounts that flow this way on each alliance (an alliance may carry money both ways).
            let amounts = { (alliance: String) -> [Amount] in
                (network.outgoing[s.from] ?? []).map { network.edges[$0] }
                    .filter { $0.to == s.to && $0.alliance == alliance }.flatMap(\.amounts)
            }
            items += NetworkLines.step(i + 1, s, .forward, money: money, amounts: amounts, path: nil, ctx, width: width)
        }
        return items
    }
}
