import AlliesCore
import AlliesText

/// Label width of the `Label   value` rows on detail screens.
private let labelWidth = 11

/// A `Label   value` row, wrapped under itself.
func field(
    _ label: String, _ value: String, width: Int, style: Style = .normal, id: RowID? = nil,
    action: Action? = nil
) -> Item {
    Item(
        id: id ?? .field(label),
        lines: paragraph(
            value, width: width, indent: 1, label: label, labelWidth: labelWidth,
            style: style),
        action: action, searchText: value)
}

/// A text in the language the reader does not read first: `ES`, the Spanish, for an English reader (as it always
/// was, even when it is the same), `EN`, the English, for a Spanish reader (empty when the same).
func otherLanguage(_ t: LocalizedText) -> (label: String, text: String) {
    Language.current == .es ? ("EN", t.secondary) : ("ES", t.es)
}

/// A verbatim source quote: article title, outlet and date, the quote wrapped to the width, the note.
func sourceItem(_ s: SourceQuote, _ ctx: Context, width: Int, index: Int) -> Item {
    let g = ctx.g
    var lines: [Line] = []
    let article = ctx.catalog.article(s.article)
    lines += paragraph(article?.title ?? s.article, width: width, indent: 1, style: Style(.normal, bold: true))
    var meta: [String] = []
    meta.append(article?.outlet ?? tr("outlet unknown"))
    meta.append(article?.published.map { $0.long } ?? tr("date unknown"))
    if let language = article?.language { meta.append(language) }
    if let author = article?.author { meta.append(tr("by {0}", author)) }
    lines += paragraph(meta.joined(separator: g.dot), width: width, indent: 1, style: Style(.dim))
    lines += paragraph(g.openQuote + s.quote + g.closeQuote, width: width, indent: 3, style: Style(.accent))
    if let note = s.note { lines += paragraph(tr("Note: {0}", note), width: width, indent: 3, style: Style(.dim)) }
    return Item(
        id: .nth(.source, index), lines: lines, action: .articleAt(s.article, quote: s.quote), searchText: s.quote)
}

/// A source outside the articles: publisher, title, date, what it supports, where.
func citationItem(_ c: Citation, _ ctx: Context, width: Int, index: Int) -> Item {
    let g = ctx.g
    var lines: [Line] = []
    var head = c.publisher
    if let p = c.published { head += g.dot + p.long }
    lines += paragraph(head, width: width, indent: 1, style: Style(.normal, bold: true))
    lines += paragraph(g.openQuote + c.title + g.closeQuote, width: width, indent: 3)
    lines += paragraph(tr("Supports: {0}", c.supports), width: width, indent: 3, style: Style(.dim))
    if let url = c.url { lines += urlLines(url, width: width, indent: 3) }
    return Item(id: .nth(.citation, index), lines: lines, searchText: c.publisher + " " + c.title)
}

/// A record of another dataset that states the fact (an import's source): the dataset, the record's key, its
/// licence and when it was retrieved.
func recordSourceItem(_ r: RecordSource, _ ctx: Context, width: Int, index: Int) -> Item {
    let g = ctx.g
    var lines = paragraph(r.dataset, width: width, indent: 1, style: Style(.normal, bold: true))
    lines += paragraph(tr("Record: {0}", r.key), width: width, indent: 3)
    var meta: [String] = []
    if let l = r.licence { meta.append(tr("Licence: {0}", l)) }
    if let d = r.retrieved { meta.append(tr("retrieved {0}", d.long)) }
    if !meta.isEmpty { lines += paragraph(meta.joined(separator: g.dot), width: width, indent: 3, style: Style(.dim)) }
    if let url = r.url { lines += urlLines(url, width: width, indent: 3) }
    return Item(id: .nth(.record, index), lines: lines, searchText: r.dataset + " " + r.key)
}

/// A URL kept whole and copyable: indented when it fits; when it does not, from the first column, cut only at the
/// screen's edge, so the lines join back into it with nothing between them.
func urlLines(_ url: String, width: Int, indent: Int) -> [Line] {
    let style = Style(.dim, underline: true)
    if TextWidth.of(Sanitize.line(url)) + indent <= width {
        return paragraph(url, width: width, indent: indent, style: style)
    }
    return paragraph(url, width: width, style: style)
}

func claimItem(_ c: Claim, _ ctx: Context, width: Int) -> Item {
    var text = c.text.preferred
    if let d = c.date { text = d.value.long + " " + d.event.label + ": " + text }
    return Item(
        id: .about(.claim, c.id),
        lines: paragraph(
            text, width: width, indent: 1, label: ctx.g.unicode ? "•" : "*",
            labelWidth: 2),
        action: .claim(c.id), searchText: c.text.en + " " + c.text.es)
}

/// A record's provenance: its article quotes ("Sources"), its dataset records and its citations, each section left
/// out when empty, so a reader sees at once whether a fact rests on a quote or on a record of a dataset.
func provenance(
    _ sources: [SourceQuote], _ citations: [Citation], records: [RecordSource] = [], _ ctx: Context, width: Int
) -> [Item] {
    sections(
        tr("Sources"), count: sources.count, ctx, width: width,
        sources.enumerated().map { sourceItem($1, ctx, width: width, index: $0) })
        + sections(
            tr("Dataset records"), count: records.count, ctx, width: width,
            records.enumerated().map { recordSourceItem($1, ctx, width: width, index: $0) })
        + sections(
            tr("Citations"), count: citations.count, ctx, width: width,
            citations.enumerated().map { citationItem($1, ctx, width: width, index: $0) })
}

func sections(_ title: String, count: Int, _ ctx: Context, width: Int, _ body: [Item]) -> [Item] {
    guard count > 0 else { return [] }
    return [.blank, Item.heading(title, ctx.g, width: width, trailing: String(count))] + body
}

// MARK: Company

struct CompanyScreen: Screen {
    let id: String
    var key: ScreenKey { .company(id) }
    var context: KeyContext { .company }
    var companyShown: String? { id }
    var shownRecord: RecordKey? { RecordKey(.companies, id) }

    /// `t` and `w`: this company's timeline and network.
    mutating func perform(_ command: CommandName, _ ctx: Context, _ selection: Selection) -> ScreenEffect {
        switch command {
        case .companyTimeline: return .push(TimelineScreen(company: id))
        case .companyNetwork: return .push(NetworkScreen(center: id))
        default: return .none
        }
    }
    func title(_ ctx: Context) -> String { ctx.catalog.companyName(id) }

    /// The profile as plain lines: the Companies preview pane.
    static func summary(_ c: Company, _ ctx: Context, width: Int) -> [Line] {
        let g = ctx.g, catalog = ctx.catalog
        var lines: [Line] = [Line([Span(c.name, Style(.heading, bold: true))])]
        lines += paragraph(profile(c, ctx), width: width, style: Style(.dim))
        lines.append(Line())
        lines += paragraph(c.description.preferred, width: width)
        lines.append(Line())
        // The list's figures, summed once: a hub's 31,490 deals were summed again on every frame (0.25 s a key).
        let figures = catalog.companyIndex[c.id].map { ctx.lists.figures(catalog)[$0] } ?? CompanyFigures.Figures()
        let undirected = ctx.money(catalog.undirectedMoney(of: c.id))
        for (label, total) in [
            (tr("Money in"), ctx.money(figures.incoming)), (tr("Money out"), ctx.money(figures.outgoing)),
        ] + (undirected.isEmpty ? [] : [(tr("Direction not stated"), undirected)]) {
            for (i, text) in moneyLines(total, g).enumerated() {
                lines += paragraph(
                    text, width: width, label: i == 0 ? label : "", labelWidth: 11,
                    style: Style(.money))
            }
        }
        lines += paragraph(
            figures.lastActivity?.description ?? g.none, width: width, label: tr("Last"), labelWidth: 11)
        let alliances = catalog.alliancesByCompany[c.id] ?? []
        var byKind: [AllianceKind: Int] = [:]
        for i in alliances { byKind[catalog.dataset.alliances[i].kind, default: 0] += 1 }
        let kinds = AllianceKind.allCases.compactMap { k in byKind[k].map { "\($0) " + k.label } }
        lines += paragraph(
            alliances.isEmpty
                ? tr(context: "alliances", "none") : "\(alliances.count): " + kinds.joined(separator: ", "),
            width: width, label: tr("Alliances"), labelWidth: 11)
        // The names that fill about four lines, then how many more: a hub's 21,481 partners were all named and
        // wrapped on every frame, for a pane that shows a few lines of them.
        var room = 4 * max(1, width - 11)
        let partners = catalog.firstPartners(of: c.id) { first in
            room -= TextWidth.of(Sanitize.line(catalog.companyName(first.last!))) + 2
            return room <= 0
        }.map { catalog.companyName($0) }
        if !partners.isEmpty {
            let rest = figures.partners - partners.count
            lines += paragraph(
                partners.joined(separator: ", ") + (rest > 0 ? " " + tr("and {0} more", Format.count(rest)) : ""),
                width: width, label: tr("Partners"), labelWidth: 11)
        }
        if !c.sectors.isEmpty {
            lines += paragraph(c.sectors.joined(separator: ", "), width: width, label: tr("Sectors"), labelWidth: 11)
        }
        if !c.products.isEmpty {
            lines += paragraph(c.products.joined(separator: ", "), width: width, label: tr("Products"), labelWidth: 11)
        }
        let groups = c.groups.map { catalog.group($0)?.name ?? $0 }
        if !groups.isEmpty {
            lines += paragraph(groups.joined(separator: ", "), width: width, label: tr("Groups"), labelWidth: 11)
        }
        lines.append(Line())
        lines += paragraph(otherLanguage(c.description).text, width: width, style: Style(.dim))
        return lines
    }

    static func profile(_ c: Company, _ ctx: Context) -> String {
        var parts = [c.kind.label]
        if let country = c.country { parts.append(country) }
        if let parent = c.parent { parts.append(tr("part of {0}", ctx.catalog.companyName(parent))) }
        return parts.joined(separator: ctx.g.dot)
    }

    /// A money total in full, a part per line (`Agreed: $13B`, `In talks: ~$10B`…), or `none`.
    /// One line per part of a company's money; each keeps its figures with their units when wrapped (`≤100.000`
    /// then `M$` on the next line would read as another figure) and its counts with their nouns.
    static func moneyLines(_ t: MoneyTotal, _ g: Glyphs) -> [String] {
        let parts = MoneyFormat.breakdown(t, ascii: g.ascii)
        return parts.isEmpty ? [g.none] : parts.map { Glue.afterNumbers($0.label + ": " + $0.value) }
    }

    /// The parts on one line, for a field.
    static func moneyText(_ t: MoneyTotal, _ g: Glyphs) -> String { moneyLines(t, g).joined(separator: g.dot) }

    static func allianceColumns(width: Int) -> [Column] {
        [
            Column(titled: tr("Date"), width: 10, priority: 1),
            Column(titled: tr("With"), width: 22, priority: 3),
            Column(title: tr("Alliance"), width: 0, flex: true, minWidth: 24),
            Column(titled: tr("Amount"), width: Column.amountWidth(width), alignRight: true, priority: 2),
        ]
    }

    func items(_ ctx: Context, width: Int) -> [Item] {
        let g = ctx.g, catalog = ctx.catalog
        guard let c = catalog.company(id) else {
            return [
                Item(lines: [Line(tr("No company {0} in this dataset.", quoted(id)), Style(.error))], selectable: false)
            ]
        }
        var items: [Item] = []
        items.append(
            Item(
                lines: [
                    Line([
                        Span(" " + c.name, Style(.heading, bold: true)),
                        Span(g.dot + Self.profile(c, ctx), Style(.dim)),
                    ])
                ],
                selectable: false, searchText: c.name))
        if !c.aliases.isEmpty { items.append(field(tr("Also"), c.aliases.joined(separator: ", "), width: width)) }
        items.append(field(tr("About"), c.description.preferred, width: width))
        let other = otherLanguage(c.description)
        items.append(field(other.label, other.text, width: width, style: Style(.dim)))
        if let parent = c.parent {
            items.append(
                field(
                    tr("Part of"), catalog.companyName(parent), width: width, style: Style(.accent),
                    id: .parent, action: .company(parent)))
        }
        for child in catalog.childrenByParent[c.id] ?? [] {
            items.append(
                field(
                    tr(context: "company", "Unit"), catalog.companyName(child), width: width, style: Style(.accent),
                    id: .about(.unit, child), action: .company(child)))
        }
        if !c.groups.isEmpty {
            items.append(
                field(
                    tr("Groups"), c.groups.map { catalog.group($0)?.name ?? $0 }.joined(separator: ", "),
                    width: width))
        }
        if !c.sectors.isEmpty { items.append(field(tr("Sectors"), c.sectors.joined(separator: ", "), width: width)) }
        if !c.products.isEmpty {
            items.append(field(tr("Products"), c.products.joined(separator: ", "), width: width))
        }
        let money = catalog.money(of: c.id)
        items.append(
            field(
                tr("Money in"),
                Self.moneyText(ctx.money(money.incoming), g),
                width: width, style: Style(.money)))
        items.append(
            field(
                tr("Money out"),
                Self.moneyText(ctx.money(money.outgoing), g),
                width: width, style: Style(.money)))
        // Amounts whose direction the data does not give: neither in nor out, and not left out.
        let undirected = ctx.money(catalog.undirectedMoney(of: c.id))
        if !undirected.isEmpty {
            items.append(
                field(
                    tr("Direction not stated"),
                    Self.moneyText(undirected, g),
                    width: width, style: Style(.money)))
        }
        let alliances = catalog.alliances(of: c.id)
        if let strip = Self.activity(alliances, ctx, width: width) { items.append(strip) }

        // Alliances grouped by kind.
        var body: [Item] = []
        let table = TableLayout(Self.allianceColumns(width: width), width: width)
        for kind in AllianceKind.allCases {
            // Newest first, undated last, as in the Alliances view.
            let ofKind = Catalog.newestFirst(alliances.filter { $0.kind == kind })
            guard !ofKind.isEmpty else { continue }
            body.append(
                Item(
                    lines: [
                        Line([
                            Span(
                                " " + kind.heading + " (\(ofKind.count))", Style(.accent, bold: true),
                                searchable: false)
                        ])
                    ], selectable: false, searchText: ""))
            for a in ofKind {
                // The other parties with their roles: `Amazon (investor)`.
                let others = a.parties.filter { $0.company != c.id }.map {
                    catalog.companyName($0.company) + ($0.role == .partner ? "" : " (" + $0.role.label + ")")
                }
                let title = Format.standingMark(a) + a.title.preferred
                body.append(
                    Item(
                        id: .about(.alliance, a.id),
                        // Under 80 columns an amount wider than its column runs on below it: its words stay whole.
                        lines: table.rows(
                            [
                                Span(
                                    MoneyFormat.date(a.date?.value), Style(a.date == nil ? .dim : .normal),
                                    searchable: false),
                                Span(others.joined(separator: ", "), Style(.normal, bold: true)),
                                Span(title, Style(MoneyStanding(a.status) == .pending ? .warning : .normal)),
                                Span(
                                    MoneyFormat.amounts(of: a, ascii: g.ascii),
                                    Style(a.amounts.isEmpty ? .dim : .money), searchable: false),
                            ], g, wrapping: 3), action: .alliance(a.id),
                        searchText: [a.title.en, a.title.es, others.joined(separator: " ")].joined(separator: " ")))
            }
        }
        items += sections(tr("Alliances"), count: alliances.count, ctx, width: width, body)

        let partners = catalog.partners(of: c.id)
        items += sections(
            tr("Partners"), count: partners.count, ctx, width: width,
            partners.map { p in
                let kinds = Set(p.alliances.compactMap { catalog.alliance($0)?.kind })
                let kindText = AllianceKind.allCases.filter(kinds.contains).map(\.label).joined(separator: ", ")
                let n = p.alliances.count
                let line = Line([
                    Span(
                        " " + fit(catalog.companyName(p.company), max(1, min(24, width / 3)), g),
                        Style(.normal, bold: true)),
                    Span(
                        " " + fit(allianceCount(n), 12, g), Style(.dim),
                        searchable: false),
                    Span(" " + kindText, Style(.accent), searchable: false),
                ])
                return Item(
                    id: .about(.partner, p.company), lines: [line], action: .company(p.company),
                    searchText: catalog.companyName(p.company))
            })
        let people = catalog.people(of: c.id)
        items += sections(
            tr("People"), count: people.count, ctx, width: width,
            people.map { p in
                Item(
                    id: .about(.person, p.id),
                    lines: paragraph(
                        p.role.preferred, width: width, indent: 1, label: p.name,
                        labelWidth: min(24, width / 3), style: Style(.dim),
                        labelStyle: Style(.normal, bold: true)),
                    action: .person(p.id), searchText: p.name)
            })
        let claims = catalog.claims(about: c.id)
        items += sections(
            tr("Claims"), count: claims.count, ctx, width: width, claims.map { claimItem($0, ctx, width: width) })
        // Published market-share estimates that name this company, each with its bound, scope and publisher.
        let shares = catalog.dataset.shareEstimates.flatMap { e in
            e.shares.filter { $0.vendor == c.id }.map { (estimate: e, share: $0) }
        }
        items += sections(
            tr("Market share"), count: shares.count, ctx, width: width,
            shares.map { e, s in
                let what =
                    e.market + " (" + e.metric.label + ", " + e.region + ")" + g.dot + e.publisher + ", "
                    + ChipsScreen.year(e)
                return Item(
                    id: .about(.share, e.id),
                    lines: paragraph(
                        what, width: width, indent: 1,
                        label: MoneyFormat.share(s, ascii: g.ascii), labelWidth: 10,
                        style: Style(.dim), labelStyle: Style(.money, bold: true)),
                    action: .shareEstimate(e.id), searchText: e.market + " " + e.publisher)
            })
        items += provenance(c.sources, c.citations, records: c.records, ctx, width: width)
        return items
    }

    /// Alliances per year, as a row of small bars: `2023 █ 1   2024 ███ 3`.
    static func activity(_ alliances: [Alliance], _ ctx: Context, width: Int) -> Item? {
        let years = alliances.compactMap { $0.date?.value.year }
        guard let first = years.min(), let last = years.max() else { return nil }
        let g = ctx.g
        var lines: [Line] = []
        var line = Line([Span(" " + fit(tr("Activity"), labelWidth, g), Style(.dim), searchable: false)])
        let undated = alliances.count - years.count
        var entries: [[Span]] = (first...last).map { y in
            let n = years.filter { $0 == y }.count
            return [
                Span(String(y) + " ", Style(.dim), searchable: false),
                Span(String(repeating: g.barFull, count: min(n, 12)), Style(.barFill), searchable: false),
                Span((n > 0 ? " " : "") + String(n) + "   ", Style(n > 0 ? .normal : .dim), searchable: false),
            ]
        }
        if undated > 0 { entries.append([Span(tr("undated {0}", undated), Style(.dim), searchable: false)]) }
        for entry in entries {
            let w = entry.reduce(0) { $0 + $1.width }
            if line.width + w > width && line.width > labelWidth + 1 {
                lines.append(line)
                line = Line([Span(String(repeating: " ", count: labelWidth + 1), searchable: false)])
            }
            line.spans += entry
        }
        lines.append(line)
        return Item(id: .activity, lines: lines, searchText: "")
    }
}

// MARK: Alliance

struct AllianceScreen: Screen {
    let id: String
    var key: ScreenKey { .alliance(id) }
    var context: KeyContext { .alliance }
    func title(_ ctx: Context) -> String { ctx.catalog.alliance(id)?.title.preferred ?? id }
    var shownRecord: RecordKey? { RecordKey(.alliances, id) }

    func items(_ ctx: Context, width: Int) -> [Item] {
        let g = ctx.g, catalog = ctx.catalog
        guard let a = catalog.alliance(id) else {
            return [
                Item(
                    lines: [Line(tr("No alliance {0} in this dataset.", quoted(id)), Style(.error))], selectable: false)
            ]
        }
        var items: [Item] = []
        var head = paragraph(a.title.preferred, width: width, indent: 1, style: Style(.heading, bold: true))
        head += paragraph(otherLanguage(a.title).text, width: width, indent: 1, style: Style(.dim))
        items.append(Item(lines: head, selectable: false, searchText: a.title.en + " " + a.title.es))
        items.append(field(tr("Kind"), a.kind.label, width: width, style: Style(.accent)))
        let tentative = MoneyStanding(a.status) == .pending
        // The status is what the sources said; later updates are pointed to where the status is read.
        let later =
            a.updates.isEmpty
            ? ""
            : g.dot
                + (a.updates.count == 1
                    ? tr("as the sources said; 1 later update below (After the sources)")
                    : tr("as the sources said; {0} later updates below (After the sources)", a.updates.count))
        let notSigned = tentative ? " " + tr("(not a signed deal)") : ""
        items.append(
            field(
                tr("Status"), MoneyFormat.statusLabel(a.status) + notSigned + later,
                width: width,
                style: Style(tentative ? .warning : .normal, bold: tentative)))
        if let d = a.date {
            items.append(field(tr("Date"), Self.dated(d, g), width: width))
        } else {
            items.append(field(tr("Date"), tr("undated: no source gives a date"), width: width, style: Style(.dim)))
        }
        if !a.products.isEmpty {
            items.append(field(tr("Products"), a.products.joined(separator: ", "), width: width))
        }

        let roleWidth = max(9, PartyRole.allCases.map { TextWidth.of($0.label) }.max() ?? 0)
        items += sections(
            tr("Parties"), count: a.parties.count, ctx, width: width,
            a.parties.map { p in
                let company = catalog.company(p.company)
                let line = Line([
                    Span(
                        " " + fit(catalog.companyName(p.company), max(1, min(28, width / 2)), g),
                        Style(.normal, bold: true)),
                    Span(" " + fit(p.role.label, roleWidth, g), Style(.accent), searchable: false),
                    Span(" " + (company.map { $0.kind.label } ?? ""), Style(.dim), searchable: false),
                ])
                return Item(
                    id: .about(.party, p.company), lines: [line], action: .company(p.company),
                    searchText: catalog.companyName(p.company))
            })

        let flows = catalog.flows(of: a)
        var amountItems: [Item] = []
        if a.amounts.isEmpty {
            amountItems.append(
                Item(id: .noAmount, lines: [Line(" " + tr("undisclosed: the sources give no amount"), Style(.dim))]))
        }
        for (i, amount) in a.amounts.enumerated() {
            var lines: [Line] = []
            var first = Line([
                Span(
                    " " + MoneyFormat.amount(amount, ascii: g.ascii, inWords: true), Style(.money, bold: true),
                    searchable: false)
            ])
            let direction = flows.filter { $0.amount == amount }.first.map {
                catalog.companyName($0.from) + " " + g.arrow + " " + catalog.companyName($0.to)
            }
            // Beside the amount when both fit; else on lines of its own: cut at 40 columns, `30.000 millones de
            // dólares  Anthropic …` no longer said which way the money goes.
            if let direction, first.width + 2 + TextWidth.of(direction) <= width {
                first.append(Span("  " + direction, Style(.normal)))
                lines.append(first)
            } else {
                lines.append(first)
                if let direction { lines += paragraph(direction, width: width, indent: 3) }
            }
            lines += paragraph(MoneyFormat.meaning(amount, ascii: g.ascii), width: width, indent: 3, style: Style(.dim))
            if let note = amount.note { lines += paragraph(note, width: width, indent: 3) }
            amountItems.append(Item(id: .nth(.amount, i), lines: lines, searchText: amount.note ?? ""))
        }
        items += sections(tr("Amounts"), count: max(1, a.amounts.count), ctx, width: width, amountItems)

        // The reader's language first.
        let summaries = [field("EN", a.summary.en, width: width), field("ES", a.summary.es, width: width)]
        items += sections(
            tr("Summary"), count: 2, ctx, width: width, Language.current == .es ? summaries.reversed() : summaries)
        if let disagreement = a.disagreement {
            items.append(.blank)
            let lines =
                [Line([Span(" " + tr("Sources disagree:"), Style(.warning, bold: true), searchable: false)])]
                + paragraph(disagreement, width: width, indent: 3, style: Style(.warning))
            items.append(Item(id: .disagreement, lines: lines, searchText: disagreement))
        }
        // What happened after the sources: dated and cited, apart from what the sources said above.
        items += sections(
            tr("After the sources"), count: a.updates.count, ctx, width: width,
            a.updates.enumerated().map { Self.updateItem($1, ctx, width: width, index: $0) })
        let claims = catalog.claims(aboutAlliance: a.id)
        items += sections(
            tr("Claims"), count: claims.count, ctx, width: width, claims.map { claimItem($0, ctx, width: width) })
        items += provenance(a.sources, a.citations, records: a.records, ctx, width: width)
        return items
    }

    /// A date field: `3 November 2025 (day known) · announced`.
    static func dated(_ d: DatedEvent, _ g: Glyphs) -> String {
        d.value.long + " (" + Format.precision(d.value) + ")" + g.dot + d.event.label
    }

    /// One update: its date and precision, its text in English and Spanish, and each citation (publisher and date,
    /// title, what it supports, and the URL in full, wrapped but never cut).
    static func updateItem(_ u: AllianceUpdate, _ ctx: Context, width: Int, index: Int) -> Item {
        let g = ctx.g
        var lines = paragraph(
            u.date.long + " (" + Format.precision(u.date) + ")", width: width, indent: 1,
            style: Style(.accent, bold: true))
        lines += paragraph(u.text.preferred, width: width, indent: 3)
        lines += paragraph(otherLanguage(u.text).text, width: width, indent: 3, style: Style(.dim))
        var searchText = u.text.en + " " + u.text.es
        for c in u.citations {
            var head = tr("Citation: {0}", c.publisher)
            if let p = c.published { head += g.dot + p.long }
            lines += paragraph(head, width: width, indent: 3, style: Style(.normal, bold: true))
            lines += paragraph(g.openQuote + c.title + g.closeQuote, width: width, indent: 5)
            lines += paragraph(tr("Supports: {0}", c.supports), width: width, indent: 5, style: Style(.dim))
            if let url = c.url { lines += paragraph(url, width: width, indent: 5, style: Style(.dim, underline: true)) }
            searchText += " " + c.publisher + " " + c.title
        }
        return Item(id: .nth(.update, index), lines: lines, searchText: searchText)
    }
}

// MARK: Person, claim (opened from search results and sources)

struct RecordScreen: Screen {
    enum Kind: Sendable { case person, claim, shareEstimate }
    let kind: Kind
    let id: String

    var key: ScreenKey {
        switch kind {
        case .person: return .person(id)
        case .claim: return .claim(id)
        case .shareEstimate: return .shareEstimate(id)
        }
    }
    var context: KeyContext { .record }
    var shownRecord: RecordKey? {
        switch kind {
        case .person: return RecordKey(.people, id)
        case .claim: return RecordKey(.claims, id)
        case .shareEstimate: return RecordKey(.shareEstimates, id)
        }
    }

    func title(_ ctx: Context) -> String {
        switch kind {
        case .person: return ctx.catalog.person(id)?.name ?? id
        case .claim:
            // What it claims (the breadcrumb clips it), as a list names a company or an alliance.
            let text = ctx.catalog.claim(id)?.text.preferred ?? ""
            return text.isEmpty ? tr("Claim {0}", id) : text
        case .shareEstimate: return ctx.catalog.shareEstimate(id)?.market ?? tr("Share estimate")
        }
    }

    func items(_ ctx: Context, width: Int) -> [Item] {
        switch kind {
        case .person: return person(ctx, width: width)
        case .claim: return claim(ctx, width: width)
        case .shareEstimate:
            // The estimate as the Chips view draws it: its bars (a vendor's opens its company), scope, publisher
            // and sources.
            guard let e = ctx.catalog.shareEstimate(id) else { return missing() }
            return ChipsScreen.estimate(e, ctx, width: width)
        }
    }

    private func missing() -> [Item] {
        let text: String
        switch kind {
        case .person: text = tr("No person {0} in this dataset.", quoted(id))
        case .claim: text = tr("No claim {0} in this dataset.", quoted(id))
        case .shareEstimate: text = tr("No share estimate {0} in this dataset.", quoted(id))
        }
        return [Item(lines: [Line(text, Style(.error))], selectable: false)]
    }

    private func person(_ ctx: Context, width: Int) -> [Item] {
        guard let p = ctx.catalog.person(id) else { return missing() }
        var items = [
            Item(
                lines: paragraph(p.name, width: width, indent: 1, style: Style(.heading, bold: true)),
                selectable: false, searchText: p.name)
        ]
        items.append(field(tr(context: "person", "Role"), p.role.preferred, width: width))
        let other = otherLanguage(p.role)
        items.append(field(other.label, other.text, width: width, style: Style(.dim)))
        if let org = p.organization {
            items.append(
                field(
                    tr("Works at"), ctx.catalog.companyName(org), width: width, style: Style(.accent),
                    action: .company(org)))
        }
        if let org = p.organizationName { items.append(field(tr("Org."), org, width: width)) }
        items += provenance(p.sources, [], ctx, width: width)
        return items
    }

    private func claim(_ ctx: Context, width: Int) -> [Item] {
        guard let c = ctx.catalog.claim(id) else { return missing() }
        let g = ctx.g
        var items = [
            Item(
                lines: paragraph(c.text.preferred, width: width, indent: 1, style: Style(.heading, bold: true)),
                selectable: false, searchText: c.text.preferred)
        ]
        let other = otherLanguage(c.text)
        items.append(field(other.label, other.text, width: width, style: Style(.dim)))
        items.append(field(tr("Kind"), c.kind.label, width: width, style: Style(.accent)))
        switch c.about {
        case .company(let id):
            items.append(
                field(
                    tr("About"), ctx.catalog.companyName(id), width: width, style: Style(.accent), action: .company(id))
            )
        case .alliance(let id):
            items.append(
                field(
                    tr("About"), ctx.catalog.alliance(id)?.title.preferred ?? id, width: width, style: Style(.accent),
                    action: .alliance(id)))
        case .product(let name, let company):
            items.append(
                field(
                    tr("About"), name + " (" + ctx.catalog.companyName(company) + ")", width: width,
                    style: Style(.accent), action: .company(company)))
        case .topic(let topic):
            items.append(field(tr("About"), topic, width: width))
        }
        if let f = c.figure {
            let value =
                f.unit == "USD"
                ? MoneyFormat.money(f.value, "USD", ascii: g.ascii)
                : (f.unit == "percent" ? MoneyFormat.number(f.value) + "%" : MoneyFormat.number(f.value) + " " + f.unit)
            let bound: String
            switch f.bound {
            case .exact: bound = ""
            case .about: bound = "~"
            case .upTo: bound = tr("up to") + " "
            case .atLeast: bound = g.atLeast
            case .moreThan: bound = tr("more than") + " "
            }
            items.append(field(tr("Figure"), bound + value, width: width, style: Style(.money, bold: true)))
        }
        if let d = c.date { items.append(field(tr("Date"), AllianceScreen.dated(d, g), width: width)) }
        items += provenance(c.sources, c.citations, ctx, width: width)
        return items
    }
}

extension ClaimKind {
    /// `cost`, `market-share`: what a claim is about, in the current language.
    var label: String {
        switch self {
        case .efficiency: return tr("efficiency")
        case .cost: return tr("cost")
        case .count: return tr("count")
        case .adoption: return tr("adoption")
        case .portfolio: return tr("portfolio")
        case .marketShare: return tr("market-share")
        case .capacity: return tr("capacity")
        case .schedule: return tr("schedule")
        case .other: return tr("other")
        }
    }
}
