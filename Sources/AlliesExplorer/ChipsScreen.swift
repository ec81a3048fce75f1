import AlliesCore
import AlliesText

// MARK: Chips (4): market-share bars per published estimate, then each vendor's chips and who buys them.

struct ChipsScreen: Screen {
    var key: ScreenKey { .chips }
    var context: KeyContext { .chips }
    func title(_ ctx: Context) -> String { tr("Chips") }

    func items(_ ctx: Context, width: Int) -> [Item] {
        let g = ctx.g
        var items: [Item] = []
        let bars = [
            Span(String(g.barFull), Style(.barFill), searchable: false),
            Span(" " + tr("share") + "  ", Style(.dim), searchable: false),
            Span(String(g.barLight), Style(.barBound), searchable: false),
            Span(" " + tr("range / upper bound") + "  ", Style(.dim), searchable: false),
        ]
        let more = [
            Span(String(g.barMore), Style(.barBound, bold: true), searchable: false),
            Span(" " + tr("more than (lower bound)"), Style(.dim), searchable: false),
        ]
        // On one line when it fits, else the lower bound's mark on a line of its own: a legend cut short is no legend.
        let fits = (bars + more).reduce(0) { $0 + TextWidth.of($1.text) } <= width
        items.append(
            Item(lines: fits ? [Line(bars + more)] : [Line(bars), Line(more)], selectable: false, searchText: ""))
        let estimates = ctx.catalog.dataset.shareEstimates
        items.append(Item.heading(tr("Market-share estimates"), g, width: width, trailing: "\(estimates.count)"))
        if estimates.isEmpty {
            items.append(Item(lines: [Line(tr("No share estimates in this dataset."), Style(.dim))], selectable: false))
        }
        let labelWidth = Self.labelWidth(estimates, width: width)
        for e in estimates {
            items += Self.estimate(e, ctx, width: width, labelWidth: labelWidth)
        }
        let vendors = Self.vendors(ctx.catalog)
        items.append(
            Item.heading(
                tr("Vendors, their chips and who buys them"), g, width: width,
                trailing: "\(vendors.count)"))
        for v in vendors { items += Self.vendor(v, ctx, width: width) }
        return items
    }

    // MARK: Share bars

    /// The column of the bars' labels, one for every estimate drawn together so that bars compare: 20 columns from
    /// 60 (as wide as the widest label, up to a third of the width), a quarter of the width below.
    static func labelWidth(_ estimates: [ShareEstimate], width: Int) -> Int {
        guard width >= 60 else { return max(6, width / 4) }
        let widest = estimates.flatMap(\.shares).map { TextWidth.of(Sanitize.line($0.label)) + 1 }.max() ?? 0
        return max(20, min(widest, width / 3))
    }

    static func estimate(_ e: ShareEstimate, _ ctx: Context, width: Int, labelWidth: Int? = nil) -> [Item] {
        let g = ctx.g
        var items: [Item] = []
        // The headline whole: on one line when it fits, else what is measured where on a line of its own (cut, the
        // metric and the region were what went: `AI servers · previsión para 2023 · serv…`).
        let lead = [
            Span(e.market, Style(.heading, bold: true)),
            Span(g.dot + year(e), Style(.heading, bold: true), searchable: false),
        ]
        let measured = e.metric.label + g.dot + e.region
        let headline =
            TextWidth.of(Sanitize.line(e.market + g.dot + year(e) + g.dot + measured)) <= width
            ? [Line(lead + [Span(g.dot + measured, Style(.dim))])]
            : [Line(lead), Line([Span(measured, Style(.dim))])]
        items.append(Item(lines: headline, selectable: false, searchText: e.market))
        let labelWidth = labelWidth ?? Self.labelWidth([e], width: width)
        let valueWidth = 7
        let barWidth = max(3, width - labelWidth - valueWidth - 4)
        // Labels beside their bars when every label of the estimate fits there, else each on its own line(s) above
        // its bar (`NVIDIA G…` and `Cloud pr…` could not be told apart). The bars keep one width and one column on
        // the whole screen, so that their lengths compare.
        let labelsBeside = e.shares.allSatisfy { TextWidth.of(Sanitize.line($0.label)) <= labelWidth - 1 }
        for share in e.shares {
            let labelStyle = Style(.normal, bold: share.vendor != nil)
            var lines: [Line] = []
            var line: Line
            if labelsBeside {
                line = Line([Span(" " + fit(share.label, labelWidth - 1, g) + " ", labelStyle)])
            } else {
                lines = wrap(share.label, max(1, width - 1)).map { Line([Span(" " + $0, labelStyle)]) }
                line = Line([Span(String(repeating: " ", count: labelWidth + 1), searchable: false)])
            }
            line.spans += bar(share, cells: barWidth, g)
            line.append(
                Span(
                    " " + fit(MoneyFormat.share(share, ascii: g.ascii), valueWidth, g, alignRight: true),
                    Style(.normal, bold: true), searchable: false))
            items.append(
                Item(
                    id: .share(estimate: e.id, label: share.label), lines: lines + [line],
                    action: share.vendor.map { .company($0) },
                    searchText: share.label))
        }
        var meta: [Line] = []
        let lw = 11
        meta += paragraph(e.scope, width: width, indent: 1, label: tr("Scope"), labelWidth: lw, style: Style(.dim))
        let about =
            e.forecast
            ? tr("metric {0}, {1}, {2} (forecast)", e.metric.label, e.region, String(e.year))
            : tr("metric {0}, {1}, {2}", e.metric.label, e.region, String(e.year))
        meta += paragraph(about, width: width, indent: 1, label: tr("Measured"), labelWidth: lw, style: Style(.dim))
        // `TrendForce · 31 May 2023`: the date in words, as precise as known, with no preposition to agree with it
        // (Spanish says `el 31 de mayo` but `en junio`).
        let publisher = e.published.map { e.publisher + g.dot + $0.long } ?? e.publisher
        meta += paragraph(
            publisher, width: width, indent: 1, label: tr("Publisher"), labelWidth: lw,
            style: Style(.dim))
        for s in e.sources {
            let article = ctx.catalog.article(s.article)
            let outlet = article?.outlet ?? article?.title ?? s.article
            meta += paragraph(
                g.openQuote + s.quote + g.closeQuote + " " + g.dash + " " + outlet, width: width,
                indent: 1, label: tr("Source"), labelWidth: lw, style: Style(.dim))
        }
        for c in e.citations {
            var text = c.publisher + ", " + g.openQuote + c.title + g.closeQuote
            if let p = c.published { text += ", " + p.long }
            meta += paragraph(text, width: width, indent: 1, label: tr("Citation"), labelWidth: lw, style: Style(.dim))
        }
        items.append(Item(id: .estimateNotes(e.id), lines: meta))
        items.append(.blank)
        return items
    }

    /// A bar over `cells` columns for 0–100 %, plus one column for a lower bound's marker. Exact and approximate
    /// values are solid; a range is solid to its low end and light to its high end; an upper bound is light; a lower
    /// bound ("more than 70%") is solid to its value and ends in a distinct marker — never a plain bar.
    static func bar(_ s: Share, cells: Int, _ g: Glyphs) -> [Span] {
        func columns(_ percent: Double) -> Double {
            percent.isFinite ? max(0, min(100, percent)) / 100 * Double(cells) : 0
        }
        var spans: [Span] = []
        var used = 0
        func solid(_ n: Int) {
            if n > 0 {
                spans.append(Span(String(repeating: g.barFull, count: n), Style(.barFill), searchable: false));
                used += n
            }
        }
        func light(_ n: Int) {
            if n > 0 {
                spans.append(Span(String(repeating: g.barLight, count: n), Style(.barBound), searchable: false));
                used += n
            }
        }
        switch s.bound {
        case .exact, .about:
            let exact = columns(s.value)
            var full = Int(exact)
            let eighths = Int(((exact - Double(full)) * 8).rounded())
            if eighths == 8 { full += 1 }
            solid(full)
            if g.unicode, (1...7).contains(eighths), used < cells {
                spans.append(Span(String(Glyphs.eighths[eighths - 1]), Style(.barFill), searchable: false)); used += 1
            } else if !g.unicode, eighths >= 4, eighths < 8, used < cells {
                solid(1)
            }
            if full == 0 && used == 0 && s.value > 0 { solid(1) }
        case .range:
            let low = Int(columns(s.value).rounded())
            let high = max(low, Int(columns(s.upper ?? s.value).rounded()))
            solid(low); light(high - low)
        case .upTo:
            light(Int(columns(s.value).rounded()))
        case .moreThan, .atLeast:
            solid(Int(columns(s.value).rounded()))
            spans.append(Span(String(g.barMore), Style(.barBound, bold: true), searchable: false)); used += 1
        }
        let rest = cells + 1 - used
        if rest > 0 { spans.append(Span(String(repeating: " ", count: rest), searchable: false)) }
        return spans
    }

    // MARK: Vendors

    struct Use {
        var chip: String
        var alliance: Alliance
        var buyers: [String]
        var via: [String]
        var madeBy: [String]
    }

    struct Vendor {
        var id: String
        var uses: [Use]
        var idle: [String]
    }

    /// Chip vendors — chip-vendor companies, suppliers of chip-supply deals, vendors in share estimates — with each
    /// chip (their products, and products of deals they supply) and the alliances through which companies get it.
    static func vendors(_ catalog: Catalog) -> [Vendor] {
        let d = catalog.dataset
        var vendorIDs = Set(d.companies.filter { $0.kind == .chipVendor }.map(\.id))
        for a in d.alliances where a.kind == .chipSupply {
            for p in a.parties where p.role == .supplier { vendorIDs.insert(p.company) }
        }
        for e in d.shareEstimates { for s in e.shares { if let v = s.vendor { vendorIDs.insert(v) } } }
        vendorIDs = vendorIDs.filter { catalog.company($0) != nil }

        var owner: [String: String] = [:]
        for c in d.companies where vendorIDs.contains(c.id) {
            for p in c.products where owner[p] == nil { owner[p] = c.id }
        }
        for a in d.alliances where a.kind == .chipSupply {
            if let supplier = a.parties.first(where: { $0.role == .supplier })?.company {
                for p in a.products where owner[p] == nil { owner[p] = supplier }
            }
        }
        func family(_ id: String) -> Set<String> {
            var f: Set<String> = [id]
            if let parent = catalog.company(id)?.parent { f.insert(parent) }
            for child in catalog.childrenByParent[id] ?? [] { f.insert(child) }
            return f
        }
        var uses: [String: [Use]] = [:]
        // An investment or an acquisition that names a chip is not how anyone gets it (Amazon's ~$10B for OpenAI
        // names Trainium; the chips are their own deal, in talks): listed, it showed that deal twice.
        for a in d.alliances where a.kind != .investment && a.kind != .acquisition {
            var chips = a.products.compactMap { p in owner[p].map { (p, $0) } }
            if chips.isEmpty, a.kind == .chipSupply,
                let supplier = a.parties.first(where: { $0.role == .supplier })?.company,
                vendorIDs.contains(supplier)
            {
                chips = [("", supplier)]
            }
            for (chip, vendor) in chips {
                let fam = family(vendor)
                let buyers = a.parties.filter {
                    !fam.contains($0.company) && $0.role != .supplier && $0.role != .investor
                }.map(\.company)
                let via = a.parties.filter { !fam.contains($0.company) && $0.role == .supplier }.map(\.company)
                let vendorIsCustomer = a.parties.contains { fam.contains($0.company) && $0.role == .customer }
                if buyers.isEmpty && vendorIsCustomer {
                    uses[vendor, default: []].append(Use(chip: chip, alliance: a, buyers: [], via: [], madeBy: via))
                } else if !buyers.isEmpty {
                    uses[vendor, default: []].append(Use(chip: chip, alliance: a, buyers: buyers, via: via, madeBy: []))
                }
            }
        }
        return d.companies.filter { vendorIDs.contains($0.id) }.map { c in
            let list = uses[c.id] ?? []
            let named = Set(list.map(\.chip))
            let products = Set(owner.filter { $0.value == c.id }.map(\.key))
            let idle =
                c.products.filter { products.contains($0) && !named.contains($0) }
                + products.filter { !c.products.contains($0) && !named.contains($0) }.sorted()
            return Vendor(id: c.id, uses: list, idle: idle)
        }
    }

    /// `2025`, `2027 forecast`.
    static func year(_ e: ShareEstimate) -> String {
        e.forecast ? tr("{0} forecast", String(e.year)) : String(e.year)
    }

    static var vendorColumns: [Column] {
        [
            Column(titled: tr("Chip"), width: 16),
            Column(title: tr("Who gets it"), width: 0, flex: true, minWidth: 12),
            Column(titled: tr("Date"), width: 10, priority: 1),
            Column(titled: tr("Status"), width: Column.statusWidth, priority: 2),
        ]
    }

    static func vendor(_ v: Vendor, _ ctx: Context, width: Int) -> [Item] {
        let g = ctx.g
        guard let company = ctx.catalog.company(v.id) else { return [] }
        var items: [Item] = []
        var title = Line([
            Span(company.name, Style(.accent, bold: true)),
            Span(g.dot + company.kind.label, Style(.dim), searchable: false),
        ])
        if v.uses.isEmpty {
            title.append(Span(g.dot + tr("no buyer named in the sources"), Style(.dim), searchable: false))
        }
        items.append(Item(id: .about(.vendor, v.id), lines: [title], action: .company(v.id), searchText: company.name))
        let table = TableLayout(vendorColumns, width: width)
        let name = { (id: String) in ctx.catalog.companyName(id) }
        for use in v.uses {
            var who: String
            if !use.madeBy.isEmpty {
                who = tr("made by {0}", use.madeBy.map(name).joined(separator: ", "))
            } else {
                who = use.buyers.map(name).joined(separator: ", ")
                if !use.via.isEmpty { who = tr("{0} via {1}", who, use.via.map(name).joined(separator: ", ")) }
            }
            let a = use.alliance
            // When the Status column does not fit, a use that is not agreed says so before its buyers (as the
            // Alliances list does): `[in talks] OpenAI` is never read as a settled buyer.
            let statusHidden = table.widths.count > 3 && table.widths[3] == nil
            if statusHidden { who = Format.standingMark(a) + who }
            // The buyers run on under themselves rather than being cut: a name cut short is another company.
            let lines = table.rows(
                [
                    Span(
                        "  " + (use.chip.isEmpty ? tr("(unnamed)") : use.chip),
                        Style(use.chip.isEmpty ? .dim : .normal, bold: !use.chip.isEmpty)),
                    Span(who, Style(statusHidden && MoneyStanding(a.status) == .pending ? .warning : .normal)),
                    Span(MoneyFormat.date(a.date?.value), Style(.dim), searchable: false),
                    Span(
                        MoneyFormat.statusLabel(a.status), Style(MoneyStanding(a.status) == .pending ? .warning : .dim),
                        searchable: false),
                ], g, wrapping: 1)
            items.append(
                Item(
                    id: .chipUse(vendor: v.id, chip: use.chip, alliance: a.id), lines: lines, action: .alliance(a.id),
                    searchText: use.chip + " " + who))
        }
        if !v.idle.isEmpty {
            let also = tr("Also:")
            items += [
                Item(
                    id: .about(.idle, v.id),
                    lines: paragraph(
                        v.idle.joined(separator: ", "), width: width, indent: 2,
                        label: also, labelWidth: max(6, TextWidth.of(also) + 1), style: Style(.dim)))
            ]
        }
        return items
    }
}
