import AlliesCore
import AlliesText

// MARK: Companies (1)

struct CompaniesScreen: Screen {
    typealias Sort = CompanyOrder
    var sort: Sort = .name

    var key: ScreenKey { .companies }
    var context: KeyContext { .companies }
    var hasPreview: Bool { true }
    func title(_ ctx: Context) -> String { tr("Companies") }

    /// Built when drawn (the titles are in the current language); a column is at least as wide as its title.
    static var columns: [Column] {
        [
            Column(title: tr("Company"), width: 0, flex: true, minWidth: 14),
            Column(titled: tr("Kind"), width: 11, priority: 5),
            Column(titled: tr("Deals"), width: 5, alignRight: true, priority: 1),
            // Distinct companies it has alliances with: with `s`, the hubs by partners (by money: the money sorts).
            Column(titled: tr("Partners"), width: 8, alignRight: true, priority: 7),
            // Money keeps its parts (`$13B + ≤$100B · ~$10B in talks`): wider than a figure, clipped with `…` when
            // narrower than that; the preview and the company screen give every part.
            Column(titled: tr("Money in"), width: 16, alignRight: true, priority: 2),
            Column(titled: tr("Money out"), width: 16, alignRight: true, priority: 3),
            Column(titled: tr("Last"), width: 10, priority: 6),
        ]
    }

    /// Company positions in row order, memoised per catalog and sort: kept in the store, or sorted here (the
    /// figures once per catalog; ties by name, the order by name's rows).
    func order(_ ctx: Context) -> ListOrder {
        let catalog = ctx.catalog, sort = self.sort
        let agreedOnly = sort.dependsOnAgreedOnly && ctx.agreedOnly
        let count = catalog.dataset.companies.count
        return ctx.lists.order(catalog, key: .companies(sort, agreedOnly: agreedOnly), records: count) {
            if let kept = catalog.storedOrders?.companies(sort, agreedOnly: agreedOnly) { return kept }
            if sort == .name { return ListOrders.companiesByName(catalog) }
            return ListOrders.companies(
                catalog, by: sort, agreedOnly: agreedOnly, figures: ctx.lists.figures(catalog),
                nameRows: CompaniesScreen(sort: .name).order(ctx).position)
        }
    }

    func header(_ ctx: Context, width: Int) -> [Line] { [Self.header(sort, ctx.g, width: width)] }

    /// The column titles, the one sorted by marked: wherever the list is drawn from.
    static func header(_ sort: Sort, _ g: Glyphs, width: Int) -> Line {
        TableLayout(Self.columns, width: width).header(g, sorted: sort.column)
    }

    func items(_ ctx: Context, width: Int) -> [Item] { Array(rows(ctx, width: width)) }

    func rows(_ ctx: Context, width: Int) -> Items {
        let table = TableLayout(Self.columns, width: width)
        let g = ctx.g
        let order = order(ctx)
        let figures = ctx.lists.figures(ctx.catalog)
        let catalog = ctx.catalog
        let companies = catalog.dataset.companies
        @Sendable func record(_ i: Int) -> Int { Int(order.rows[i]) }
        @Sendable func searchText(_ c: Company) -> String {
            ([c.name, c.id] + c.aliases + c.products).joined(separator: " ")
        }
        return Items(
            lazy: LazyRows(
                count: order.rows.count,
                row: { i in
                    let k = record(i)
                    let c = companies[k]
                    let f = figures[k]
                    let line = Self.line(c, f, deals: f.alliances, table, g, money: ctx.money)
                    return Item(id: .record(c.id), lines: [line], action: .company(c.id), searchText: searchText(c))
                }, id: { .record(companies[record($0)].id) }, searchText: { searchText(companies[record($0)]) },
                index: { $0.record.flatMap { order.row(ofRecord: catalog.companyIndex[$0]) } }))
    }

    /// A company's row, wherever the list is drawn from: the dataset, or an early list while the dataset is still
    /// being read (`EarlyCompanies`), where a row whose figures are not read yet (nil) has its count of deals (or
    /// `…`, not counted yet) and `…` for the rest: never a figure it does not know.
    static func line(
        _ c: Company, _ f: CompanyFigures.Figures?, deals: Int?, _ table: TableLayout, _ g: Glyphs,
        money: (MoneyTotal) -> MoneyTotal
    ) -> Line {
        let figures: [Span]
        if let f {
            figures = [
                Span(String(f.partners), .normal, searchable: false),
                Self.moneyCell(money(f.incoming), g),
                Self.moneyCell(money(f.outgoing), g),
                Span(f.lastActivity?.description ?? g.none, Style(.dim), searchable: false),
            ]
        } else {
            figures = Array(repeating: Span(g.ellipsis, Style(.dim), searchable: false), count: 4)
        }
        return table.row(
            [
                Span(c.name, Style(.normal, bold: true)),
                Span(c.kind.label, Style(.dim)),
                deals.map { Span(String($0), .normal, searchable: false) }
                    ?? Span(g.ellipsis, Style(.dim), searchable: false),
            ] + figures, g)
    }

    static func moneyCell(_ t: MoneyTotal, _ g: Glyphs) -> Span {
        let text = MoneyFormat.total(t, ascii: g.ascii, holds: false)
        return Span(text, Style(t.hasAmounts ? .money : .dim), searchable: false)
    }

    /// `s` cycles through the sorts whose column is on screen at this width (a sort by a hidden column would
    /// show no mark); `t` and `w` open the selected company's timeline and network.
    mutating func perform(_ command: CommandName, _ ctx: Context, _ selection: Selection) -> ScreenEffect {
        switch command {
        case .sort:
            guard let next = Self.sort(after: sort, width: ctx.listWidth) else { return .none }
            sort = next
            return .reorder
        case .companyTimeline:
            return selection.item?.id?.record.map { .push(TimelineScreen(company: $0)) } ?? .none
        case .companyNetwork:
            return selection.item?.id?.record.map { .push(NetworkScreen(center: $0)) } ?? .none
        default:
            return .none
        }
    }

    /// The sort `s` gives after `sort`: the next whose column is on screen at `width` (a sort by a hidden column
    /// would show no mark) and that `usable` allows; nil when there is none.
    static func sort(after sort: Sort, width: Int, where usable: (Sort) -> Bool = { _ in true }) -> Sort? {
        let shown = TableLayout(Self.columns, width: width).widths
        let all = Sort.allCases.filter { shown.indices.contains($0.column) && shown[$0.column] != nil && usable($0) }
        guard !all.isEmpty else { return nil }
        return all[((all.firstIndex(of: sort) ?? -1) + 1) % all.count]
    }

    /// The sort, and that its column is hidden at this width when it is (the order holds; nothing on screen shows it).
    func hintValue(_ command: CommandName, listWidth: Int, _ g: Glyphs) -> String? {
        guard command == .sort else { return nil }
        let shown = TableLayout(Self.columns, width: listWidth).widths
        let visible = shown.indices.contains(sort.column) && shown[sort.column] != nil
        return sort.label + (visible ? "" : " " + tr("(hidden)"))
    }

    func preview(_ ctx: Context, item: Item?, width: Int, height: Int) -> [Line]? {
        guard let id = item?.id?.record, let company = ctx.catalog.company(id) else { return [] }
        return CompanyScreen.summary(company, ctx, width: width)
    }

    func footer(_ ctx: Context, item: Item?, width: Int) -> [Line] {
        guard let id = item?.id?.record, let k = ctx.catalog.companyIndex[id] else { return [] }
        return Self.moneyFooter(ctx.lists.figures(ctx.catalog)[k], ctx.g, width: width, money: ctx.money)
    }

    /// The selected company's money in and out in full, every qualifier kept (`~$22.7B (cumulative, multi-year) +
    /// ≤$5B`): the list's cells are too narrow for those words, and without a preview pane nothing else on screen
    /// says them. `…` while the figures are still being read. The labels line up while both values fit; a value that
    /// does not takes the room of the padding first, then the labels shrink to the network's arrows (`←`
    /// received, `→` paid: at 80 columns Amazon Web Services' `… · en negociación: 2 no revelados` was cut away by
    /// one column), and only then is it cut between segments (`38.000 M$ (plurianual) · …`), never inside an amount
    /// and its words.
    static func moneyFooter(
        _ f: CompanyFigures.Figures?, _ g: Glyphs, width: Int, money: (MoneyTotal) -> MoneyTotal
    ) -> [Line] {
        let separator = MoneyFormat.separator(ascii: g.ascii)
        let values = [f?.incoming, f?.outgoing].map { total in
            (total, total.map { MoneyFormat.segments(money($0), ascii: g.ascii) } ?? [g.ellipsis])
        }
        let words = [tr("Money in"), tr("Money out")], arrows = [g.unicode ? "←" : "<-", g.arrow]
        let fitsWords = zip(words, values).allSatisfy {
            TextWidth.of($0) + 1 + TextWidth.of($1.1.joined(separator: separator)) <= width
        }
        let rows = zip(fitsWords ? words : arrows, values).map { ($0, $1.0, $1.1) }
        let aligned = rows.map { TextWidth.of($0.0) }.max()! + 2
        let fits = rows.allSatisfy { aligned + TextWidth.of($0.2.joined(separator: separator)) <= width }
        return rows.map { label, total, segments in
            let labelWidth = fits ? aligned : TextWidth.of(label) + 1
            var shown = segments
            while shown.count > 1, labelWidth + TextWidth.of(shown.joined(separator: separator)) > width {
                shown.removeLast(shown.last == g.ellipsis ? 2 : 1)
                shown.append(g.ellipsis)
            }
            return Line([
                Span(label + String(repeating: " ", count: labelWidth - TextWidth.of(label)), Style(.dim)),
                Span(shown.joined(separator: separator), Style(total?.hasAmounts == true ? .money : .dim)),
            ])
        }
    }
}

// MARK: Alliances (2)

struct AlliancesScreen: Screen {
    typealias Sort = AllianceOrder
    var filter: AllianceKind?
    var sort: Sort = .date

    var key: ScreenKey { .alliances }
    var context: KeyContext { .alliances }
    func title(_ ctx: Context) -> String {
        tr("Alliances") + (filter.map { " (" + $0.label + ")" } ?? "")
    }

    static func columns(width: Int, _ g: Glyphs) -> [Column] {
        // From 100 columns the title has a column of its own (three deals between the same parties would
        // otherwise look the same). Status is as wide as the longest status in the language (`en negociación`): a
        // deal not agreed must read so; a long kind is clipped instead.
        let wide = width >= 100
        var columns = [
            Column(titled: tr("Date"), width: 10, priority: 2),
            Column(titled: tr("Kind"), width: 14, priority: wide ? 6 : 4),
            Column(title: tr("Parties"), width: wide ? 30 : 0, flex: !wide, minWidth: 14, priority: wide ? 5 : 0),
            Column(
                titled: tr("Amount"), width: Column.amountWidth(width, besideStatus: g), alignRight: true,
                priority: 1),
            Column(titled: tr("Status"), width: Column.statusWidth, priority: 3),
        ]
        if wide { columns.append(Column(title: tr("Title"), width: 0, flex: true, minWidth: 16)) }
        return columns
    }

    /// Alliance positions in row order, memoised per catalog, sort and filter: every alliance's order kept in the
    /// store or sorted here; a kind's, that order filtered (every order is total, so that is the kind's sorted).
    func order(_ ctx: Context) -> ListOrder {
        let catalog = ctx.catalog, sort = self.sort
        let all = catalog.dataset.alliances
        return ctx.lists.order(catalog, key: .alliances(sort, filter), records: all.count) {
            if let filter {
                return AlliancesScreen(sort: sort).order(ctx).rows.filter { all[Int($0)].kind == filter }
            }
            if let kept = catalog.storedOrders?.alliances(sort) { return kept }
            let nameRows = sort == .parties ? CompaniesScreen(sort: .name).order(ctx).position : []
            return ListOrders.alliances(catalog, by: sort, nameRows: nameRows)
        }
    }

    /// The column the sort is by: date, amount, or parties.
    var sortedColumn: Int { sort == .date ? 0 : (sort == .amount ? 3 : 2) }

    /// Under 100 columns, where the title has no column (and at 80 the kind none either), two lines under the list
    /// give the selected deal's kind and title: at 80×24 Amazon's chip talks and its compute talks with OpenAI were
    /// two identical rows (same day, parties, `no revelado`, `en negociación`).
    func hasFooter(listWidth: Int) -> Bool { listWidth < 100 }

    func footer(_ ctx: Context, item: Item?, width: Int) -> [Line] {
        guard let id = item?.id?.record, let a = ctx.catalog.alliance(id) else { return [] }
        // The kind as the Kind column and the filter name it (`contrato nube`), not as a group's heading (plural).
        let kind = a.kind.label, g = ctx.g
        var lines = Clip.wrap(kind + g.dot + a.title.preferred, width)
        if lines.count > Layout.footerLines {
            let rest = lines[(Layout.footerLines - 1)...].joined(separator: " ")
            lines =
                Array(lines.prefix(Layout.footerLines - 1)) + [
                    Clip.toWidth(rest, width, ellipsis: g.ellipsis, wholeNumbers: true)
                ]
        }
        return lines.enumerated().map { i, text in
            // The kind in the colour of the Kind column, where that column is shown.
            guard i == 0, text.hasPrefix(kind) else { return Line(text) }
            return Line([Span(kind, Style(.accent)), Span(String(text.dropFirst(kind.count)))])
        }
    }

    func header(_ ctx: Context, width: Int) -> [Line] {
        [TableLayout(Self.columns(width: width, ctx.g), width: width).header(ctx.g, sorted: sortedColumn)]
    }

    func items(_ ctx: Context, width: Int) -> [Item] { Array(rows(ctx, width: width)) }

    func rows(_ ctx: Context, width: Int) -> Items {
        let table = TableLayout(Self.columns(width: width, ctx.g), width: width)
        let order = order(ctx)
        if order.rows.isEmpty {
            return Items([Item(lines: [Line(tr("No alliances of this kind."), Style(.dim))], selectable: false)])
        }
        let catalog = ctx.catalog
        let all = catalog.dataset.alliances
        @Sendable func record(_ i: Int) -> Int { Int(order.rows[i]) }
        @Sendable func searchText(_ a: Alliance) -> String {
            [a.title.en, a.title.es, Format.parties(a, catalog, ctx.g)].joined(separator: " ")
        }
        return Items(
            lazy: LazyRows(
                count: order.rows.count,
                row: { i in
                    let a = all[record(i)]
                    return Item(
                        id: .record(a.id), lines: [Self.row(a, table, ctx)], action: .alliance(a.id),
                        searchText: searchText(a))
                }, id: { .record(all[record($0)].id) }, searchText: { searchText(all[record($0)]) },
                index: { $0.record.flatMap { order.row(ofRecord: catalog.allianceIndex[$0]) } }))
    }

    static func row(_ a: Alliance, _ table: TableLayout, _ ctx: Context) -> Line {
        let g = ctx.g
        // When the Status column does not fit, a deal that is not agreed says so before its parties, as the
        // Timeline does: an amount is never shown without it.
        let statusHidden = table.widths.count > 4 && table.widths[4] == nil
        let mark =
            statusHidden ? Format.standingMark(a) : ""
        return table.row(
            [
                Span(MoneyFormat.date(a.date?.value), Style(a.date == nil ? .dim : .normal), searchable: false),
                Span(a.kind.label, Style(.accent), searchable: false),
                Span(mark + Format.parties(a, ctx.catalog, g), Style(mark.isEmpty ? .normal : .warning, bold: true)),
                Span(
                    MoneyFormat.amounts(of: a, ascii: g.ascii), Style(a.amounts.isEmpty ? .dim : .money),
                    searchable: false),
                Span(
                    MoneyFormat.statusLabel(a.status), Style(MoneyStanding(a.status) == .pending ? .warning : .dim),
                    searchable: false),
                Span(a.title.preferred),
            ], g)
    }

    func kinds(_ catalog: Catalog) -> [AllianceKind] {
        let present = Set(catalog.dataset.alliances.map(\.kind))
        return AllianceKind.allCases.filter(present.contains)
    }

    mutating func perform(_ command: CommandName, _ ctx: Context, _ selection: Selection) -> ScreenEffect {
        switch command {
        case .sort:
            let all = Sort.allCases
            sort = all[(all.firstIndex(of: sort)! + 1) % all.count]
            return .reorder
        case .filter, .filterBack:
            let cycle: [AllianceKind?] = [nil] + kinds(ctx.catalog).map { $0 }
            let i = cycle.firstIndex(of: filter) ?? 0
            let step = command == .filter ? 1 : cycle.count - 1
            filter = cycle[(i + step) % cycle.count]
            return .reorder
        default:
            return .none
        }
    }

    func hintValue(_ command: CommandName, listWidth: Int, _ g: Glyphs) -> String? {
        switch command {
        case .sort:
            let visible = TableLayout(Self.columns(width: listWidth, g), width: listWidth).widths[sortedColumn] != nil
            return sort.label + (visible ? "" : " " + tr("(hidden)"))
        case .filter: return filter.map(\.label) ?? tr("all")
        default: return nil
        }
    }
}

// MARK: Timeline (3, or `t` on a company)

struct TimelineScreen: Screen {
    var company: String?

    var key: ScreenKey { .timeline(company: company) }
    var context: KeyContext { .timeline }
    func title(_ ctx: Context) -> String {
        company.map { tr("Timeline of {0}", ctx.catalog.companyName($0)) } ?? tr("Timeline")
    }

    /// The amount is whole or not in the table: under 80 columns the title gives up its columns to it (at 66–79
    /// an amount column of 12 showed `$13B (cumul…` and `$8B (est., …`), and where even a short title would not fit
    /// beside it (under 55 columns, 58 in Spanish), the selected deal's amount is said whole under the list.
    static func columns(width: Int) -> [Column] {
        [
            Column(titled: tr("Date"), width: 10),
            Column(titled: tr("Parties"), width: 22, priority: 3),
            // 17, not 16: with the Parties column and a whole amount, 16 fitted exactly at 79 columns, and the title
            // gave its columns to the parties instead.
            Column(title: tr("Alliance"), width: 0, flex: true, minWidth: width < 80 ? 17 : 36),
            Column(titled: tr("Amount"), width: Column.amountWidth(max(80, width)), alignRight: true, priority: 2),
        ]
    }

    func hasFooter(listWidth: Int) -> Bool {
        TableLayout(Self.columns(width: listWidth), width: listWidth).widths[3] == nil
    }

    func footer(_ ctx: Context, item: Item?, width: Int) -> [Line] {
        guard let id = item?.id?.record, let a = ctx.catalog.alliance(id) else { return [] }
        let amount = MoneyFormat.amounts(of: a, ascii: ctx.g.ascii)
        return Clip.wrap(Glue.afterNumbers(tr("Amount") + ": " + amount), width).prefix(Layout.footerLines).map {
            Line($0, Style(a.amounts.isEmpty ? .dim : .money))
        }
    }

    func header(_ ctx: Context, width: Int) -> [Line] {
        [TableLayout(Self.columns(width: width), width: width).header(ctx.g)]
    }

    func items(_ ctx: Context, width: Int) -> [Item] { Array(rows(ctx, width: width)) }

    /// Lazy rows: a million alliances' timeline is sorted once per catalog (positions, not records) and only the
    /// rows on screen are built.
    func rows(_ ctx: Context, width: Int) -> Items {
        let g = ctx.g
        let table = TableLayout(Self.columns(width: width), width: width)
        let catalog = ctx.catalog
        let timeline = ctx.lists.timeline(catalog, company: company)
        if timeline.rows.isEmpty {
            return Items([Item(lines: [Line(tr("No alliances."), Style(.dim))], selectable: false)])
        }
        let alliances = catalog.dataset.alliances
        @Sendable func searchText(_ a: Alliance) -> String {
            [a.title.en, a.title.es, Format.parties(a, catalog, g)].joined(separator: " ")
        }
        return Items(
            lazy: LazyRows(
                count: timeline.rows.count, selectable: timeline.selectable,
                row: { i in
                    switch timeline.rows[i] {
                    case .year(let year, let count):
                        return Item.heading(
                            year.map { String($0) } ?? tr("Undated"), g, width: width,
                            trailing: allianceCount(count))
                    case .month(let m, let year):
                        return Item(
                            lines: [
                                Line([
                                    Span(
                                        "  " + PartialDate(year: year, month: m).long, Style(.heading),
                                        searchable: false)
                                ])
                            ],
                            selectable: false, searchText: "")
                    case .alliance(let k):
                        let a = alliances[k]
                        let d = a.date?.value
                        let title = Format.standingMark(a, expected: true) + a.title.preferred
                        let line = table.row(
                            [
                                Span(MoneyFormat.date(d), Style(d == nil ? .dim : .normal), searchable: false),
                                Span(Format.parties(a, catalog, g), Style(.normal, bold: true)),
                                Span(title, Style(MoneyStanding(a.status) == .pending ? .warning : .normal)),
                                Span(
                                    MoneyFormat.amounts(of: a, ascii: g.ascii),
                                    Style(a.amounts.isEmpty ? .dim : .money), searchable: false),
                            ], g)
                        return Item(
                            id: .record(a.id), lines: [line], action: .alliance(a.id), searchText: searchText(a))
                    }
                },
                id: { i in
                    if case .alliance(let k) = timeline.rows[i] { return .record(alliances[k].id) }
                    return nil
                },
                searchText: { i in
                    if case .alliance(let k) = timeline.rows[i] { return searchText(alliances[k]) }
                    return ""
                },
                index: { id in
                    id.record.flatMap { catalog.allianceIndex[$0] }.flatMap { timeline.row(ofAlliance: $0) }
                }))
    }
}

/// Changes (6): the records added or updated by edits and imports, newest first, as `allies changes` lists them.
struct ChangesScreen: Screen {
    var key: ScreenKey { .changes }
    var context: KeyContext { .changes }
    func title(_ ctx: Context) -> String { tr("Changes") }

    static var columns: [Column] {
        [
            Column(titled: tr("Date"), width: 10),
            Column(
                titled: tr("Change"), width: max(7, TextWidth.of(label(.added)), TextWidth.of(label(.updated))),
                priority: 2),
            Column(titled: tr("Kind"), width: 14, priority: 3),
            Column(title: tr("Record"), width: 0, flex: true, minWidth: 12),
        ]
    }

    func header(_ ctx: Context, width: Int) -> [Line] {
        [TableLayout(Self.columns, width: width).header(ctx.g)]
    }

    func items(_ ctx: Context, width: Int) -> [Item] {
        let changes = ctx.catalog.dataset.changes(since: PartialDate(year: 1))
        guard !changes.isEmpty else {
            return [
                Item(
                    lines: paragraph(Self.noChanges, width: width, indent: 1, style: Style(.dim)), selectable: false)
            ]
        }
        let table = TableLayout(Self.columns, width: width)
        return changes.map { change in
            let title = shownTitle(change.key, ctx.catalog)
            return Item(
                id: .about(.fact, change.key.list.rawValue + "/" + change.key.id),
                lines: [
                    table.row(
                        [
                            Span(change.date.description), Span(Self.label(change.kind), Style(.dim)),
                            Span(kindLabel(change.key.list), Style(.dim)), Span(title.isEmpty ? change.key.id : title),
                        ], ctx.g)
                ], action: action(for: change.key), searchText: title + " " + change.key.id)
        }
    }

    /// The empty screen's explanation.
    static var noChanges: String {
        let commands = tr("a and e here, {0}, {1} and {2}", "allies add", "edit", "article add")
        return tr("No record carries an added or updated date yet.") + " "
            + tr("Records added or changed with Allies ({0}) are dated; the bundled ones are not.", commands)
    }

    /// `added`, `updated`.
    static func label(_ kind: RecordChange.Kind) -> String {
        switch kind {
        case .added: return tr("added")
        case .updated: return tr("updated")
        }
    }
}

/// `1 alliance`, `12 alliances`.
func allianceCount(_ n: Int) -> String { n == 1 ? tr("1 alliance") : tr("{0} alliances", n) }

extension CompaniesScreen.Sort {
    /// The column the sort's mark is on.
    var column: Int {
        switch self {
        case .name: return 0
        case .kind: return 1
        case .alliances: return 2
        case .partners: return 3
        case .moneyIn: return 4
        case .moneyOut: return 5
        case .lastActivity: return 6
        }
    }

    /// The sort's name in the status line.
    var label: String {
        switch self {
        case .name: return tr("name")
        // As the column it sorts by is titled (Deals).
        case .alliances: return tr("deals")
        case .partners: return tr("partners")
        case .moneyIn: return tr("money in")
        case .moneyOut: return tr("money out")
        case .lastActivity: return tr("last activity")
        case .kind: return tr("kind")
        }
    }
}

extension AlliancesScreen.Sort {
    /// The sort's name in the status line.
    var label: String {
        switch self {
        case .date: return tr("date")
        case .amount: return tr("amount")
        case .parties: return tr("parties")
        }
    }
}

extension Column {
    /// A fixed-width column at least as wide as its title, so that a title longer in the reader's language than in
    /// English (`Acuerdos` for `Deals`) is never clipped mid-word.
    init(titled title: String, width: Int, alignRight: Bool = false, priority: Int = 0) {
        self.init(
            title: title, width: max(width, TextWidth.of(title)), alignRight: alignRight, priority: priority)
    }

    /// A status column: as wide as the longest status in the language (`announced`, `en negociación`).
    static var statusWidth: Int {
        max(9, AllianceStatus.allCases.map { TextWidth.of(MoneyFormat.statusLabel($0)) }.max() ?? 0)
    }

    /// An alliance's amount in a cell: `up to $100B` in English, `hasta 100.000 M$` in Spanish (which counts in
    /// millions, and is longer: `13.000 M$ (acum.)`).
    static var amountWidth: Int { Language.current == .es ? 17 : 12 }

    /// The amount column in a table `width` wide: room for an amount with all its words (`$8B (est., cumulative)`,
    /// one more from 120 for `~$8B (est., cumulative)`; in Spanish `hasta 5.000 M$ +1 más ⇄`, two more in ASCII for
    /// `<=>`, and, where no Status column says it, `~10.000 M$ en negociación`): a qualifier cut off changes what a
    /// figure says (`38.000 M$ en 7 a…`), so the names beside it give up the columns (a name cut short is whole a
    /// keypress away). Under 80 columns, `amountWidth`; in the Alliances list (`besideStatus`), as much of the whole
    /// as leaves the names beside it 14 columns and room for a deal's standing before them whole
    /// (`[en negociación] …`, where the Status column does not fit).
    /// `besideStatus`: the glyphs of a table whose Status column says a deal's standing.
    static func amountWidth(_ width: Int, besideStatus: Glyphs? = nil) -> Int {
        let whole =
            Language.current == .es
            ? besideStatus.map { $0.unicode ? 23 : 25 } ?? 25 : (width >= 120 ? 23 : 22)
        guard width < 80 else { return whole }
        guard let g = besideStatus else { return amountWidth }
        let names = max(14, TextWidth.of("[] ") + statusWidth + (g.unicode ? 1 : 3))
        return min(whole, max(amountWidth, width - names - 3))
    }
}
