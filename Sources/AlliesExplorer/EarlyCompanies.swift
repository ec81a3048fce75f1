import AlliesCore
import AlliesText
import Synchronization

/// What the Companies list can be drawn from before a large dataset is read whole: the store, read in place
/// (`StoredCompanyList`: every kept order, each company's count of deals and figures), or the companies of a JSON
/// file whose alliances are still being read (`ReadCompanyList`: by name, nothing counted yet).
public protocol EarlyCompanyList: Sendable {
    var companyCount: Int { get }
    /// What is being read, for "Reading {0}…": `1,000,000 alliances`, or the file.
    var reading: String { get }
    /// Whether a company's count of deals is known (a nil count is then a damaged store); otherwise it shows `…`.
    var knowsDeals: Bool { get }
    /// Whether something read so far could not be: the list is not drawn from again.
    var damaged: Bool { get }
    func keeps(_ order: CompanyOrder) -> Bool
    /// Company positions in `order`; nil for one not kept (or damaged).
    func order(_ order: CompanyOrder, agreedOnly: Bool) -> [Int32]?
    func company(at k: Int) -> Company?
    func deals(of company: Company) -> Int?
    func figures(of company: Company) -> CompanyFigures.Figures?
}

extension StoredCompanyList: EarlyCompanyList {
    public var reading: String { tr("{0} alliances", Format.count(allianceCount)) }
    public var knowsDeals: Bool { true }
}

/// The companies of a JSON file, given as soon as the decoder has read their list (`Dataset.load`'s
/// `companiesRead`), while the alliances after them are read: by name only, their counts and figures unknown (`…`)
/// until the dataset arrives. Made off the interface thread (the sort by name).
public struct ReadCompanyList: EarlyCompanyList {
    let companies: [Company]
    let byName: [Int32]
    let path: String

    public init(_ companies: [Company], path: String) {
        self.companies = companies
        self.path = path
        byName = ListOrders.companiesByName(companies)
    }

    public var companyCount: Int { companies.count }
    public var reading: String { AppState.fileName(path) }
    public var knowsDeals: Bool { false }
    public var damaged: Bool { false }
    public func keeps(_ order: CompanyOrder) -> Bool { order == .name }
    public func order(_ order: CompanyOrder, agreedOnly: Bool) -> [Int32]? { order == .name ? byName : nil }
    public func company(at k: Int) -> Company? { companies.indices.contains(k) ? companies[k] : nil }
    public func deals(of company: Company) -> Int? { nil }
    public func figures(of company: Company) -> CompanyFigures.Figures? { nil }
}

/// The Companies list drawn before a large dataset is read whole (`EarlyCompanyList`): the Companies screen's
/// columns and rows, moved through and sorted by the orders the list keeps, each row's company and figures read
/// when it is drawn. Everything else waits for the dataset; the sort, the selection and an Enter pressed meanwhile
/// carry over to the Companies screen when it arrives. A store found damaged meanwhile is not drawn from again: the
/// loading screen comes back.
///
/// Drawing it is the one place a frame is not a function of the state alone: rows whose figures are not read yet
/// show `…` and fill in over the next frames.
struct EarlyCompanies: Sendable {
    let list: any EarlyCompanyList
    private(set) var sort: CompanyOrder = .name
    /// Company positions in row order.
    private(set) var rows: [Int32]
    private(set) var selected = 0
    private(set) var scroll = 0
    /// The company Enter asked for: it opens when the dataset arrives.
    private(set) var opening: String?
    /// Whether a key was pressed here (its note, if any, is about waiting: it goes when the dataset arrives).
    private(set) var touched = false
    private let memo = Memo()
    /// How many alliances a frame may decode for the figures of the rows it draws: about 20 µs each at a million
    /// alliances, so a frame spends at most ~20–40 ms on them. A row of a company with more deals than that shows
    /// `…` for its figures until the dataset arrives; a screen of large companies fills in over a few frames.
    var alliancesPerFrame = 1_000

    /// What was read so far (a company and its figures are read from the store once, when first drawn).
    private final class Memo: Sendable {
        let companies = Mutex<[Int: (Company, Int?)]>([:])
        let figures = Mutex<[Int: CompanyFigures.Figures]>([:])
    }

    /// Nil when the store cannot give the list by name (a damaged order): the loading screen is shown instead.
    init?(_ list: any EarlyCompanyList) {
        guard let rows = list.order(.name, agreedOnly: false) else { return nil }
        self.list = list
        self.rows = rows
    }

    /// The company at position `k` and its count of deals (nil: not known yet), read once; nil when the store
    /// cannot give them.
    func company(_ k: Int) -> (company: Company, deals: Int?)? {
        if let known = memo.companies.withLock({ $0[k] }) { return known }
        guard let company = list.company(at: k) else { return nil }
        let deals = list.deals(of: company)
        if list.knowsDeals && deals == nil { return nil }
        memo.companies.withLock { $0[k] = (company, deals) }
        return (company, deals)
    }

    /// The figures of the company at position `k`: read already, or read now when `read` (decoding its alliances).
    func figures(_ k: Int, read: Bool) -> CompanyFigures.Figures? {
        if let known = memo.figures.withLock({ $0[k] }) { return known }
        guard read, let company = company(k)?.company, let figures = list.figures(of: company) else { return nil }
        memo.figures.withLock { $0[k] = figures }
        return figures
    }

    var selectedCompany: Company? { rows.indices.contains(selected) ? company(Int(rows[selected]))?.company : nil }

    /// The layout the Companies screen has at `size`: the same list width, header and preview pane.
    static func layout(_ size: Size, sort: CompanyOrder, g: Glyphs) -> Layout {
        Layout(size, hasPreview: CompaniesScreen().hasPreview) { [CompaniesScreen.header(sort, g, width: $0)] }
    }

    /// A key, while the dataset is read: moving, sorting by a kept order, Enter (remembered), quitting. Returns
    /// what the status line should say, if anything, and whether to quit.
    mutating func handle(_ key: Key, size: Size, g: Glyphs) -> (note: String?, quit: Bool) {
        let height = Self.layout(size, sort: sort, g: g).listHeight
        let binding = KeyTable.binding(for: key, in: .companies)?.command
        touched = true
        switch binding {
        case .moveDown: selected += 1
        case .moveUp: selected -= 1
        case .pageDown, .pageUp:
            // As the Companies screen pages (`AppState.page`): a page less one row, the view moving with it.
            let step = max(1, height - 1) * (binding == .pageDown ? 1 : -1)
            let target = min(max(0, selected + step), rows.count - 1)
            scroll += target - selected
            selected = target
        case .top: selected = 0
        case .bottom: selected = rows.count - 1
        case .sort:
            let next = CompaniesScreen.sort(after: sort, width: Self.layout(size, sort: sort, g: g).listWidth) {
                list.keeps($0)
            }
            guard let next, next != sort, let reordered = list.order(next, agreedOnly: false) else {
                // The file's companies, before its alliances are read, are in one order only.
                if !list.knowsDeals { return (tr("Available once the dataset is read"), false) }
                break
            }
            // The selected company stays selected, wherever the new order puts it.
            let position = rows.indices.contains(selected) ? rows[selected] : nil
            sort = next
            rows = reordered
            if let position, let row = rows.firstIndex(of: position) { selected = row }
        case .quit, .forceQuit:
            return (nil, true)
        case .open:
            guard let company = selectedCompany else { break }
            opening = company.id
            return (tr("{0} opens once the dataset is read", company.name), false)
        case nil:
            return (nil, false)
        default:
            return (tr("Available once the dataset is read"), false)
        }
        settle(height: height)
        return (nil, false)
    }

    /// The mouse, as on the Companies screen: the wheel moves three rows, a press selects the row under it, a
    /// double click is Enter. Returns what the status line should say, if anything.
    mutating func handle(_ mouse: Mouse, size: Size, g: Glyphs) -> String? {
        let layout = Self.layout(size, sort: sort, g: g)
        switch mouse.action {
        case .wheelUp: selected -= 3
        case .wheelDown: selected += 3
        case .press, .doubleClick:
            let row = scroll + mouse.y - layout.listY
            guard mouse.x >= layout.listX, mouse.x < layout.listX + layout.listWidth, mouse.y >= layout.listY,
                mouse.y < layout.listY + layout.listHeight, rows.indices.contains(row)
            else { return nil }
            selected = row
            if mouse.action == .doubleClick { return handle(.enter, size: size, g: g).note }
        }
        settle(height: layout.listHeight)
        return nil
    }

    /// Keeps the selection on a row and in sight.
    mutating func settle(height: Int) {
        selected = min(max(0, selected), max(0, rows.count - 1))
        if selected >= scroll + height { scroll = selected - height + 1 }
        if selected < scroll { scroll = selected }
        scroll = min(max(0, scroll), max(0, rows.count - height))
    }

}

extension AppState {
    /// The store's Companies list while the dataset is read: the Companies screen's title, header and rows, how far
    /// the reading is in the preview pane (or the status line, when there is no pane) and the keys that work.
    func draw(_ stored: EarlyCompanies, into grid: inout Grid) {
        let g = glyphs
        let size = grid.size
        let layout = EarlyCompanies.layout(size, sort: stored.sort, g: g)
        var view = stored
        view.settle(height: layout.listHeight)
        let title = tr("Companies")
        grid.write(title, x: 1, y: 0, style: Style(.heading, bold: true), maxWidth: max(0, size.width - 2))
        let position = "\(view.selected + 1)/\(view.rows.count)"
        if TextWidth.of(title) + TextWidth.of(position) + 3 <= size.width {
            grid.write(position, x: size.width - TextWidth.of(position) - 1, y: 0, style: Style(.dim))
        }
        for (i, line) in layout.header.enumerated() {
            draw(line, x: layout.listX, y: 1 + i, width: layout.listWidth, into: &grid, needles: [], g: g)
        }
        let table = TableLayout(CompaniesScreen.columns, width: layout.listWidth)
        var budget = view.alliancesPerFrame, pending = false
        for y in 0..<layout.listHeight {
            let i = view.scroll + y
            guard i < view.rows.count else { break }
            let line: Line
            let k = Int(view.rows[i])
            if let (company, deals) = view.company(k) {
                var figures = view.figures(k, read: false)
                if figures == nil, let deals, deals <= budget {
                    figures = view.figures(k, read: true)
                    budget -= deals
                }
                if figures == nil { pending = true }
                line = CompaniesScreen.line(company, figures, deals: deals, table, g) { $0 }
            } else {
                line = Line(tr("(this row could not be read from the store)"), Style(.error))
            }
            draw(line, x: layout.listX, y: layout.listY + y, width: layout.listWidth, into: &grid, needles: [], g: g)
            if i == view.selected {
                grid.restyle(x: layout.listX, y: layout.listY + y, width: layout.listWidth) { $0.reverse = true }
            }
        }
        if layout.footerHeight > 0 {
            let k = view.rows.indices.contains(view.selected) ? Int(view.rows[view.selected]) : nil
            let figures = k.flatMap { view.figures($0, read: false) }
            for (i, line) in CompaniesScreen.moneyFooter(figures, g, width: layout.listWidth, money: { $0 })
                .enumerated()
            {
                draw(
                    line, x: layout.listX, y: layout.footerY + i, width: layout.listWidth, into: &grid, needles: [],
                    g: g)
            }
        }
        let reading =
            tr("Reading {0}", view.list.reading) + g.ellipsis + " "
            + Self.percent(progress)
        if let px = layout.previewX {
            for y in 1..<(size.height - 1) { grid.write(g.vRule, x: px - 2, y: y, style: Style(.border)) }
            var lines = paragraph(reading, width: layout.previewWidth, style: Style(.heading, bold: true))
            lines.append(Line(Self.progressBar(progress, width: layout.previewWidth, g)))
            lines.append(Line([]))
            var waiting = tr(
                "This list is read from the store as it is drawn; the rest of Allies opens once the dataset is read.")
            if !view.list.knowsDeals {
                waiting =
                    tr("These are the file's companies, read first;") + " "
                    + tr("their deals and money show once its alliances are read, and the rest of Allies opens then.")
            }
            lines += paragraph(waiting, width: layout.previewWidth, style: Style(.dim))
            if pending {
                lines.append(Line([]))
                lines += paragraph(
                    tr("A figure shown as {0} is still being read.", g.ellipsis), width: layout.previewWidth,
                    style: Style(.dim))
            }
            if let opening = view.opening, let company = view.selectedCompany, company.id == opening {
                lines.append(Line([]))
                lines += paragraph(
                    tr("{0} opens once the dataset is read", company.name), width: layout.previewWidth,
                    style: Style(.normal))
            }
            for (i, line) in lines.prefix(size.height - 2).enumerated() {
                draw(line, x: px, y: 1 + i, width: layout.previewWidth, into: &grid, needles: [], g: g)
            }
        }
        // The status line: a note and, with no pane, how far the reading is; then the keys that work meanwhile.
        let y = size.height - 1
        var x = 0
        let text = [note?.text, layout.previewX == nil ? reading : nil].compactMap { $0 }.joined(separator: g.dot)
        if !text.isEmpty { x = drawNote(text, isError: note?.isError == true, into: &grid) }
        // A list in one order only has no sort to offer.
        let sortable = CompanyOrder.allCases.filter { view.list.keeps($0) }.count > 1
        let hints = (sortable ? [CommandName.sort, .quit] : [.quit]).compactMap {
            command -> (keys: String, label: String)? in
            guard
                let b = KeyTable.bindings.first(where: {
                    $0.command == command && KeyTable.applies($0, to: .companies)
                }),
                let hint = b.hint, let key = b.keys.first
            else { return nil }
            return (b.hintKeys ?? KeyTable.label(key, g), command == .sort ? hint + ":" + view.sort.label : hint)
        }
        // How to leave is always shown when there is room for it: the sort gives way first.
        func width(_ h: (keys: String, label: String)) -> Int { TextWidth.of(h.keys) + 1 + TextWidth.of(h.label) + 2 }
        let shown = x + hints.reduce(0) { $0 + width($1) } - 2 <= size.width ? hints : Array(hints.suffix(1))
        for h in shown where x + width(h) - 2 <= size.width {
            x += grid.write(h.keys, x: x, y: y, style: Style(.accent, bold: true)) + 1
            x += grid.write(h.label, x: x, y: y, style: Style(.dim)) + 2
        }
    }
}
