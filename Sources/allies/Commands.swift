import AlliesCore
import AlliesText
import ArgumentParser
#if canImport(Glibc)
    import Glibc
#endif

/// A subcommand that reads the dataset. `--data` may come before the subcommand (`allies --data F companies`) or
/// after it (`allies companies --data F`).
protocol DatasetCommand: ParsableCommand {
    var root: Allies { get }
    var local: DataOptions { get }
}

extension DatasetCommand {
    func loadCatalog() throws -> Catalog { try opened().catalog }

    /// The dataset options given after the subcommand or before it.
    var dataOptions: DataOptions {
        var options = local
        if options.data == nil { options.data = root.dataOptions.data }
        options.noCache = options.noCache || root.dataOptions.noCache
        return options
    }

    /// The dataset with its search index when the cache had one.
    func opened() throws -> OpenedDataset { try dataOptions.open() }
}

struct Companies: DatasetCommand {
    static let configuration = CommandConfiguration(
        commandName: "companies",
        abstract: tr("List every company with its kind, alliances, disclosed money in and out, and last activity."))
    @ParentCommand var root: Allies
    @OptionGroup var local: DataOptions
    @OptionGroup var output: FormatOption
    @OptionGroup var agreed: AgreedOnlyOption
    @Option(
        help: ArgumentHelp(
            tr("Only companies of this kind ({0}).", CompanyKind.allCases.map(\.rawValue).joined(separator: ", "))))
    var kind: String?

    func run() throws {
        let catalog = try loadCatalog()
        let companies = catalog.dataset.companies
        var positions = Array(companies.indices)
        if let kind {
            guard let k = CompanyKind(rawValue: kind) else {
                throw ValidationError(
                    tr(
                        "unknown kind \"{0}\"; expected one of {1}", Quoting.value(kind),
                        CompanyKind.allCases.map(\.rawValue).joined(separator: ", ")))
            }
            positions = positions.filter { companies[$0].kind == k }
        }
        let figures = CompanyFigures(catalog).all()
        let rows = positions.map { (company: companies[$0], figures: figures[$0]) }
        emit(
            Listings.companies(agreedOnly: agreed.agreedOnly, ascii: !Terminal.unicode)
                .render(rows, output.format, width: output.tableWidth))
    }
}

struct CompanyCommand: DatasetCommand {
    static let configuration = CommandConfiguration(
        commandName: "company",
        abstract: tr("Show one company: profile, alliances, partners, money in and out, people and sources."),
        discussion: tr("NAME is an id, a name or an alias, in any case and with or without accents")
            + " (aws, Amazon Web Services, Run: AI).\n\n" + AmountColumn.help
    )
    @ParentCommand var root: Allies
    @OptionGroup var local: DataOptions
    @OptionGroup var output: FormatOption
    @OptionGroup var agreed: AgreedOnlyOption
    @Argument(help: ArgumentHelp(tr("Company id, name or alias."))) var name: [String]

    func run() throws {
        let text = withoutCutMark(name.joined(separator: " "))
        // From the file's store when it can answer alone (the one company the name, id or alias names): the company
        // and what it names are read, not the whole dataset; a name of several companies or none is refused from
        // its table of names. Anything else loads the dataset.
        if let stored = dataOptions.storeForQueries() {
            if let (company, catalog) = stored.company(text) {
                show(company, catalog)
                return
            }
            try refuseUnresolvedCompany(text, stored)
        }
        let catalog = try loadCatalog()
        show(try resolveCompany(text, in: catalog), catalog)
    }

    /// Prints `company` in the chosen format; `catalog` holds its alliances and what they and it name.
    func show(_ company: Company, _ catalog: Catalog) {
        let alliances = Catalog.newestFirst(catalog.alliances(of: company.id))
        let all = catalog.money(of: company.id)
        let money = (incoming: agreed.money(all.incoming), outgoing: agreed.money(all.outgoing))
        let undirected = agreed.money(catalog.undirectedMoney(of: company.id))
        let partners = catalog.partners(of: company.id)
        let ascii = !Terminal.unicode
        let listing = Listings.alliances(of: company.id, catalog, ascii: ascii)
        switch output.format {
        case .json:
            emit(
                inEnglish {
                    JSONValue.object([
                        ("id", .string(company.id)), ("name", .string(company.name)),
                        ("aliases", .array(company.aliases.map { .string($0) })),
                        ("kind", .string(company.kind.rawValue)),
                        ("country", .optional(company.country)), ("parent", .optional(company.parent)),
                        ("units", .array((catalog.childrenByParent[company.id] ?? []).map { .string($0) })),
                        (
                            "description",
                            .object([("en", .string(company.description.en)), ("es", .string(company.description.es))])
                        ),
                        ("groups", .array(company.groups.map { .string($0) })),
                        ("products", .array(company.products.map { .string($0) })),
                        ("sectors", .array(company.sectors.map { .string($0) })),
                        ("alliances", Listings.alliances(catalog, ascii: ascii).json(alliances)),
                        (
                            "partners",
                            .array(
                                partners.map {
                                    .object([
                                        ("company", .string($0.company)),
                                        ("name", .string(catalog.companyName($0.company))),
                                        ("alliances", .array($0.alliances.map { .string($0) })),
                                    ])
                                })
                        ),
                        ("moneyIn", jsonMoney(money.incoming)), ("moneyOut", jsonMoney(money.outgoing)),
                        ("moneyDirectionNotStated", jsonMoney(undirected)),
                        (
                            "people",
                            .array(
                                catalog.people(of: company.id).map {
                                    .object([
                                        ("id", .string($0.id)), ("name", .string($0.name)),
                                        ("role", .string($0.role.en)),
                                    ])
                                })
                        ),
                        (
                            "claims",
                            .array(
                                catalog.claims(about: company.id).map {
                                    .object([("id", .string($0.id)), ("text", .string($0.text.en))])
                                })
                        ),
                        ("sources", jsonSources(company.sources, catalog)),
                        ("citations", jsonCitations(company.citations)),
                        ("records", jsonRecords(company.records)),
                    ]).rendered()
                })
        case .csv:
            emit(listing.csv(alliances))
        case .table:
            var report = Report(width: output.tableWidth)
            report.heading("\(company.name) (\(company.id))")
            report.field(tr("Kind"), shown(company.kind.rawValue, company.kind.label))
            report.field(tr("Aliases"), company.aliases.joined(separator: ", "))
            report.field(tr("Country"), company.country)
            report.field(tr("Parent"), company.parent.map { "\(catalog.companyName($0)) (\($0))" })
            report.field(
                tr("Units"),
                (catalog.childrenByParent[company.id] ?? []).map { catalog.companyName($0) }.joined(separator: ", "))
            report.field(tr("Groups"), company.groups.map { catalog.group($0)?.name ?? $0 }.joined(separator: ", "))
            report.field(tr("Sectors"), company.sectors.joined(separator: ", "))
            report.field(tr("Products"), company.products.joined(separator: ", "))
            // The reader's language first: `About` is the English, `Resumen` the Spanish (in Spanish, the other way).
            report.field(tr("About"), company.description.preferred)
            report.field(tr("Resumen"), company.description.secondary)
            for (label, total) in [(tr("Money in"), money.incoming), (tr("Money out"), money.outgoing)]
                + (undirected.isEmpty ? [] : [(tr("Direction not stated"), undirected)])
            {
                let parts = MoneyFormat.breakdown(total, ascii: ascii)
                report.field(
                    // As `allies network` says it (`Entradas  ninguno` did not agree in Spanish).
                    label,
                    parts.isEmpty ? tr("no money") : parts.map { "\($0.label): \($0.value)" }.joined(separator: "; ")
                )
            }
            report.heading(tr("Alliances ({0})", alliances.count))
            if !alliances.isEmpty {
                report.lines += listing.table(alliances, width: output.tableWidth.map { $0 - 2 }).split(separator: "\n")
                    .map { "  " + $0 }
            }
            report.section(
                tr("Partners ({0})", partners.count),
                partners.map {
                    let count = $0.alliances.count == 1 ? tr("1 alliance") : tr("{0} alliances", $0.alliances.count)
                    return "\(catalog.companyName($0.company)) — \(count)"
                })
            report.section(tr("People"), catalog.people(of: company.id).map { "\($0.name), \($0.role.preferred)" })
            report.section(tr("Claims and figures"), catalog.claims(about: company.id).map(\.text.preferred))
            report.section(
                tr("Market share"),
                catalog.dataset.shareEstimates.flatMap { e in
                    e.shares.filter { $0.vendor == company.id }.map { s in
                        tr(
                            "{0} of {1} ({2}, {3}) — {4}, {5} ({6})", MoneyFormat.share(s, ascii: !Terminal.unicode),
                            e.market,
                            shown(e.metric.rawValue, e.metric.label), e.region, e.publisher, yearText(e), e.id)
                    }
                })
            describe(
                sources: company.sources, citations: company.citations, records: company.records, catalog: catalog,
                into: &report)
            emit(report.text)
        }
    }
}

/// Filters shared by `alliances` and `export --format csv`.
struct AllianceFilter: ParsableArguments {
    @Option(
        help: ArgumentHelp(tr("Only this kind ({0}).", AllianceKind.allCases.map(\.rawValue).joined(separator: ", "))))
    var kind: String?
    @Option(help: ArgumentHelp(tr("Only alliances with this company (id, name or alias).")))
    var company: String?
    @Option(help: ArgumentHelp(tr("Only alliances dated in this year.")))
    var year: Int?
    @Option(
        help: ArgumentHelp(
            tr("Only this status ({0}).", AllianceStatus.allCases.map(\.rawValue).joined(separator: ", "))))
    var status: String?

    func apply(_ catalog: Catalog) throws -> [Alliance] {
        var list = catalog.dataset.alliances
        if let kind {
            guard let k = AllianceKind(rawValue: kind) else {
                throw ValidationError(
                    tr(
                        "unknown kind \"{0}\"; expected one of {1}", Quoting.value(kind),
                        AllianceKind.allCases.map(\.rawValue).joined(separator: ", ")))
            }
            list = list.filter { $0.kind == k }
        }
        if let status {
            guard let s = AllianceStatus(rawValue: status) else {
                throw ValidationError(
                    tr(
                        "unknown status \"{0}\"; expected one of {1}", Quoting.value(status),
                        AllianceStatus.allCases.map(\.rawValue).joined(separator: ", ")))
            }
            list = list.filter { $0.status == s }
        }
        if let company {
            let id = try resolveCompany(company, in: catalog).id
            list = list.filter { $0.involves(id) }
        }
        if let year { list = list.filter { $0.date?.value.year == year } }
        return list
    }
}

/// What the AMOUNT column of the alliance tables (`alliances`, `timeline`, `company`) shows, said in their help.
enum AmountColumn {
    static var help: String {
        tr("AMOUNT shows one of the alliance's amounts with its qualifiers (up to, about, at least, per year);")
            + " " + tr("+N more when it has others (`allies alliance ID` lists each with its meaning and direction);")
            + " " + tr("⇄ (<=> without UTF-8) when money also goes the other way between its parties.")
    }
}

struct Alliances: DatasetCommand {
    static let configuration = CommandConfiguration(
        commandName: "alliances",
        abstract: tr("List alliances with date, kind, parties, amount and status."),
        discussion: AmountColumn.help)
    @ParentCommand var root: Allies
    @OptionGroup var local: DataOptions
    @OptionGroup var filter: AllianceFilter
    @OptionGroup var output: FormatOption
    @Option(
        help: ArgumentHelp(
            tr("The order: date (newest first, undated last), amount (as the explorer sorts money: agreed dollars")
                + " " + tr("first, undisclosed last) or parties (by name); without it, the dataset's own order.")))
    var sort: AllianceOrder?

    func run() throws {
        let catalog = try loadCatalog()
        var list = try filter.apply(catalog)
        if let sort {
            // The explorer's Alliances orders (kept in the store when there is one), the filtered ones in that order.
            let order = ListOrders.alliances(catalog, by: sort)
            let rank = ListOrders.rows(of: order, records: catalog.dataset.alliances.count)
            list.sort { a, b in
                (catalog.allianceIndex[a.id].map { rank[$0] } ?? .max)
                    < (catalog.allianceIndex[b.id].map { rank[$0] } ?? .max)
            }
        }
        emit(
            Listings.alliances(catalog, ascii: !Terminal.unicode).render(list, output.format, width: output.tableWidth))
    }
}

struct AllianceCommand: DatasetCommand {
    static let configuration = CommandConfiguration(
        commandName: "alliance",
        abstract: tr("Show one alliance: parties, amounts and their meaning, date and precision, status, summaries,")
            + " " + tr("and every source quote.")
    )
    @ParentCommand var root: Allies
    @OptionGroup var local: DataOptions
    @OptionGroup var output: FormatOption
    @Argument(help: ArgumentHelp(tr("Alliance id, or a unique prefix of one."))) var id: String

    func run() throws {
        let id = withoutCutMark(self.id)
        // From the file's store when it can answer alone (the id, or the one id that starts with it): the alliance
        // and what it names are read, not the whole dataset; an id that starts several or none is refused from the
        // store's sorted ids. Anything else loads the dataset.
        if let stored = dataOptions.storeForQueries() {
            if let (alliance, catalog) = stored.alliance(id) {
                show(alliance, catalog)
                return
            }
            if let resolution = stored.allianceResolution(id) { try refuseUnlessFound(resolution, id) }
        }
        let catalog = try loadCatalog()
        let resolution = catalog.resolveAlliance(id)
        try refuseUnlessFound(resolution, id)
        guard case .found(let found) = resolution else { return }
        show(catalog.alliance(found)!, catalog)
    }

    /// Says that `id` starts several alliances' ids, or none and which are close, and exits; nothing when it is
    /// one alliance's.
    func refuseUnlessFound(_ resolution: Catalog.Resolution, _ id: String) throws {
        switch resolution {
        case .found: return
        case .ambiguous(let ids):
            Terminal.printError(
                tr("allies: \"{0}\" matches several alliances: {1}.", Quoting.value(id), ids.joined(separator: ", ")))
        case .notFound(let suggestions):
            Terminal.printError(
                tr("allies: no alliance has the id \"{0}\".", Quoting.value(id))
                    + (suggestions.isEmpty ? "" : " " + tr("Did you mean {0}?", suggestions.joined(separator: ", ")))
                    + " " + tr("`allies alliances` lists them."))
        }
        throw ExitCode(Status.notFound)
    }

    /// Prints `a` in the chosen format; `catalog` names its companies, articles and claims.
    func show(_ a: Alliance, _ catalog: Catalog) {
        switch output.format {
        case .json:
            emit(
                inEnglish {
                    JSONValue.object([
                        ("id", .string(a.id)), ("kind", .string(a.kind.rawValue)),
                        ("parties", jsonParties(a, catalog)),
                        ("amounts", .array(a.amounts.map(jsonAmount))),
                        (
                            "date",
                            a.date.map {
                                .object([
                                    ("value", .string($0.value.description)),
                                    ("precision", .string("\($0.value.precision)")),
                                    ("event", .string($0.event.rawValue)),
                                ])
                            } ?? .null
                        ),
                        ("status", .string(a.status.rawValue)),
                        ("title", .object([("en", .string(a.title.en)), ("es", .string(a.title.es))])),
                        ("summary", .object([("en", .string(a.summary.en)), ("es", .string(a.summary.es))])),
                        ("products", .array(a.products.map { .string($0) })),
                        ("disagreement", .optional(a.disagreement)),
                        (
                            "updates",
                            .array(
                                a.updates.map { u in
                                    .object([
                                        ("date", .string(u.date.description)),
                                        ("text", .object([("en", .string(u.text.en)), ("es", .string(u.text.es))])),
                                        ("citations", jsonCitations(u.citations)),
                                    ])
                                })
                        ),
                        (
                            "claims",
                            .array(
                                catalog.claims(aboutAlliance: a.id).map {
                                    .object([("id", .string($0.id)), ("text", .string($0.text.en))])
                                })
                        ),
                        ("sources", jsonSources(a.sources, catalog)), ("citations", jsonCitations(a.citations)),
                        ("records", jsonRecords(a.records)),
                    ]).rendered()
                })
        case .csv:
            emit(Listings.alliances(catalog, ascii: !Terminal.unicode).csv([a]))
        case .table:
            var report = Report(width: output.tableWidth)
            // The reader's language first: the Spanish title under `Título` in English, the English under `Title`.
            report.heading(a.title.preferred)
            report.field(tr("Título"), a.title.secondary)
            report.field("Id", a.id)
            report.field(tr("Kind"), shown(a.kind.rawValue, a.kind.label))
            let later =
                a.updates.count == 1
                ? tr("as the sources said; 1 later update below (After the sources)")
                : tr("as the sources said; {0} later updates below (After the sources)", a.updates.count)
            report.field(
                tr("Status"), shown(a.status.rawValue, a.status.label) + (a.updates.isEmpty ? "" : " — " + later))
            report.field(
                tr("Date"),
                a.date.map {
                    tr(
                        "{0} ({1}; precision: {2})", shown($0.value.description, $0.value.long),
                        shown($0.event.rawValue, $0.event.label), precisionText($0.value))
                } ?? tr("unknown"))
            report.heading(tr("Parties"))
            for p in a.parties {
                report.item(
                    "\(catalog.companyName(p.company)) (\(p.company)) — \(shown(p.role.rawValue, p.role.label))")
            }
            report.heading(tr("Amounts"))
            if a.amounts.isEmpty { report.item(tr("undisclosed")) }
            for m in a.amounts {
                var text =
                    "\(MoneyFormat.amount(m, status: a.status, ascii: !Terminal.unicode, inWords: true)) — "
                    + "\(MoneyFormat.meaning(m, ascii: !Terminal.unicode))"
                if let from = m.from, let to = m.to {
                    text += "; " + tr("{0} pays {1}", catalog.companyName(from), catalog.companyName(to))
                }
                report.item(text)
                if let note = m.note { report.item(note, indent: 6) }
            }
            report.field(tr("Products"), a.products.joined(separator: ", "))
            report.heading(tr("Summary"))
            // In Spanish the Spanish summary comes first.
            let summaries = [(tr("English"), a.summary.en), (tr("Español"), a.summary.es)]
            for (label, text) in Language.current == .es ? summaries.reversed() : summaries {
                report.field(label, text)
            }
            if let d = a.disagreement {
                report.heading(tr("Sources disagree"))
                report.item(d)
            }
            if !a.updates.isEmpty {
                // What happened after the sources, oldest first: it does not change the status or amounts above.
                report.heading(tr("After the sources"))
                let (other, otherLabel) = Language.current == .es ? ("en", tr("English")) : ("es", tr("Español"))
                for u in a.updates {
                    let when = tr("{0} (precision: {1})", shown(u.date.description, u.date.long), precisionText(u.date))
                    report.item("\(when): \(Language.current == .es ? u.text.es : u.text.en)")
                    report.item(otherLabel + ": " + (other == "es" ? u.text.es : u.text.en), indent: 6)
                    for c in u.citations {
                        var text = tr("Citation: {0}: {1}", c.publisher, c.title)
                        if let p = c.published { text += " (\(shown(p.description, p.long)))" }
                        text += " — " + tr("supports {0}", c.supports)
                        report.item(text, indent: 6)
                        // The URL whole, on a line of its own, so that it can be copied.
                        if let url = c.url {
                            report.lines.append(String(repeating: " ", count: 10) + Sanitize.line(url))
                        }
                    }
                }
            }
            report.section(tr("Claims and figures"), catalog.claims(aboutAlliance: a.id).map(\.text.preferred))
            describe(
                sources: a.sources, citations: a.citations, records: a.records, catalog: catalog, into: &report)
            emit(report.text)
        }
    }
}

struct TimelineCommand: DatasetCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: tr("Alliances in date order, with each date only as precise as known")
            + " (2024, 2024-02, 2024-02-26).",
        discussion: tr("--from and --to take YYYY, YYYY-MM or YYYY-MM-DD;")
            + " " + tr("a coarse date is kept when any day it may mean is inside the window.") + "\n\n"
            + AmountColumn.help
    )
    @ParentCommand var root: Allies
    @OptionGroup var local: DataOptions
    @OptionGroup var output: FormatOption
    @Option(help: ArgumentHelp(tr("Only this company's alliances (id, name or alias)."))) var company: String?
    @Option(help: ArgumentHelp(tr("Start of the window."))) var from: String?
    @Option(help: ArgumentHelp(tr("End of the window."))) var to: String?

    /// A malformed date is refused before the dataset is read, with this command's usage (from `run` it came with
    /// the top level's).
    func validate() throws {
        _ = try parseDate(from, option: "--from")
        _ = try parseDate(to, option: "--to")
    }

    func run() throws {
        let catalog = try loadCatalog()
        let companyID = try company.map { try resolveCompany($0, in: catalog).id }
        let list = catalog.timeline(
            company: companyID, from: try parseDate(from, option: "--from"), to: try parseDate(to, option: "--to"))
        emit(Listings.timeline(catalog, ascii: !Terminal.unicode).render(list, output.format, width: output.tableWidth))
    }
}

struct Shares: DatasetCommand {
    static let configuration = CommandConfiguration(
        commandName: "shares",
        abstract: tr("Published market-share estimates for AI chips, each with its scope, metric, year and source."),
        discussion: tr("A bound is drawn as one: \"more than 70%\" is a bar to 70 followed by ▶, never a plain 70;")
            + " " + tr("a range is solid to its low end and shaded to its high end.")
    )
    @ParentCommand var root: Allies
    @OptionGroup var local: DataOptions
    @OptionGroup var output: FormatOption

    func run() throws {
        let catalog = try loadCatalog()
        let estimates = catalog.dataset.shareEstimates
        switch output.format {
        case .json: emit(Listings.shares(catalog).json(estimates).rendered())
        case .csv: emit(Listings.shares(catalog).csv(estimates))
        case .table:
            let unicode = Terminal.unicode
            // The bars are laid out for the terminal's width, or 100 columns in a pipe, where lines stay whole.
            let width = output.tableWidth ?? 100
            var lines: [String] = []
            for e in estimates {
                if !lines.isEmpty { lines.append("") }
                lines.append(Sanitize.line("\(e.market) — \(e.publisher), \(yearText(e))"))
                lines.append(
                    Sanitize.line(
                        "  "
                            + tr(
                                "{0}; metric: {1}; region: {2}", e.scope, shown(e.metric.rawValue, e.metric.label),
                                e.region)))
                let labelWidth = min(
                    28, max(8, width / 3), e.shares.map { TextWidth.of(Sanitize.line($0.label)) }.max() ?? 8)
                let barWidth = max(10, min(50, width - labelWidth - 16))
                for s in e.shares {
                    let line =
                        "  " + Clip.pad(Sanitize.line(s.label), labelWidth) + "  "
                        + ShareBar.draw(s, width: barWidth, unicode: unicode) + "  "
                        + MoneyFormat.share(s, ascii: !unicode)
                    lines.append(line)
                }
                let source =
                    e.citations.first.map { "\($0.publisher)\($0.url.map { " " + $0 } ?? "")" }
                    ?? e.sources.first.map { tr("article: {0}", catalog.article($0.article)?.title ?? $0.article) }
                if let source { lines.append(Sanitize.line("  " + tr("source: {0}", source))) }
            }
            emit(fitted(lines, width: output.tableWidth))
        }
    }
}

/// `2025`, or `2026 forecast`.
func yearText(_ e: ShareEstimate) -> String { e.forecast ? tr("{0} forecast", e.year) : String(e.year) }

/// Precision as `allies alliance` reports it: `day` in English (as always), `se sabe el día` in Spanish.
func precisionText(_ d: PartialDate) -> String {
    let label: String
    switch d.precision {
    case .year: label = tr("year known")
    case .month: label = tr("month known")
    case .day: label = tr("day known")
    }
    return shown("\(d.precision)", label)
}

/// Text bars for share estimates that show bounds honestly.
enum ShareBar {
    static func draw(_ s: Share, width: Int, unicode: Bool) -> String {
        let g = Glyphs(unicode: unicode)
        let (solid, more) = (g.barFull, g.barMore)
        let shade: Character = unicode ? "░" : "-"
        let low = Int((s.value / 100 * Double(width)).rounded())
        var bar = String(repeating: solid, count: low)
        switch s.bound {
        case .range:
            let high = Int(((s.upper ?? s.value) / 100 * Double(width)).rounded())
            bar += String(repeating: shade, count: max(0, high - low))
        case .moreThan, .atLeast:
            bar.append(more)
        case .upTo:
            bar = String(repeating: shade, count: low)
        default: break
        }
        return Clip.pad(bar, width + 1)
    }
}

struct SearchCommand: DatasetCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: tr("Search companies and their products, alliances, people, claims, articles and market-share")
            + " " + tr("estimates; case and accents never matter."),
        discussion: tr("Words are ANDed; the last may be a prefix.") + " "
            + tr("\"quoted phrase\" matches as written; -word excludes.") + "\n" + tr("Filters:")
            + " kind:investment  with:anthropic  year:2024  year:2024..2025  amount:>1B  status:in-talks  "
            + "type:company|alliance\n" + tr("Results: names and aliases first, then titles, summaries, quotes;")
            + " " + tr("ties newest first."))
    @ParentCommand var root: Allies
    @OptionGroup var local: DataOptions
    @OptionGroup var output: FormatOption
    @Option(help: ArgumentHelp(tr("At most this many results."))) var limit = 50
    // Every word not taken by an option is the query's, so a query may start with `-` (`-microsoft kind:investment`).
    @Argument(parsing: .allUnrecognized, help: ArgumentHelp(tr("The query."))) var words: [String]

    // `--limit 0` said "No results" of a word that has hundreds.
    func validate() throws {
        guard limit >= 1 else { throw ValidationError(tr("--limit {0}: expected at least 1 result", limit)) }
    }

    func run() throws {
        // From the file's snapshot, read in place: only the index pages the query needs and the records it shows
        // are read, so a script's hundred queries are not a hundred loads. A snapshot found damaged on the way is
        // removed, and the query answered from the file (which writes a new one).
        if let path = dataOptions.path, !dataOptions.noCache,
            case .success(let stored) = DatasetCache.openForQueries(source: path)
        {
            let companies = words.contains { $0.contains("with:") } ? stored.companies() : nil
            let answer = try search(stored.index, companies) { stored.catalog(for: $0) }
            if !stored.damaged {
                try answer()
                return
            }
            DatasetCache.remove(source: path)
        }
        // A search read from the JSON builds the index anyway and writes the store itself (below): no background
        // writer for it, except for a store behind the file's edits, which the patched index answers.
        if let path = dataOptions.path { BackgroundStore.done(path) }
        let opened = try opened()
        let catalog = opened.catalog
        if opened.index == nil, let patched = opened.patchedIndex() {
            if let path = dataOptions.path, !dataOptions.noCache { BackgroundStore.startWriter(path) }
            // Read from a store of the file before its last edits (`allies edit` saved since): answered from the
            // store's index patched for them. The store is written again by a background writer, which waits for
            // this command to end (`BackgroundStore`): neither it nor the shell waits for the index.
            let query = try parsed(catalog)
            let answer = patched.answer(query, limit: limit, preferring: preferring)
            try show(answer.results, total: answer.total, corrections: { patched.corrections(query) }, catalog: catalog)
            return
        }
        let index = opened.index ?? SearchIndex(catalog)
        let answer = Result { try search(index, catalog) { _ in catalog } }
        var nothingFound: Error?
        if case .success(let show) = answer {
            do { try show() } catch { nothingFound = error }
            fflush(nil)
        }
        if opened.index == nil, let path = dataOptions.path, !dataOptions.noCache {
            // The index was built for this search: kept for the next command on this file, once the answer is out.
            BackgroundStore.write(opened, index: index, path: path)
        }
        if case .failure(let error) = answer { throw error }
        if let nothingFound { throw nothingFound }
    }

    /// A table is read: of a result's fields that hold the words as well, the one in the reader's language is shown,
    /// as the explorer shows it. JSON and CSV are the same in every language.
    var preferring: StemLanguage? { output.format == .table ? .readers : nil }

    /// Runs the query on `index` (`catalog` resolves `with:` names) and returns what prints its answer;
    /// `listed` gives the catalog the listing reads the alliances among the hits from.
    func search(
        _ index: SearchIndex, _ catalog: Catalog?, listed: (SearchHits) -> Catalog
    ) throws -> () throws -> Void {
        let query = try parsed(catalog)
        let hits = index.hits(query, limit: limit)
        let results = index.results(hits, preferring: preferring)
        let catalog = listed(hits)
        return { try show(results, total: hits.total, corrections: { index.corrections(query) }, catalog: catalog) }
    }

    /// The query, its `with:` names resolved in `catalog`; a bad one is said and ends the command.
    func parsed(_ catalog: Catalog?) throws -> Query {
        switch Query.parse(words.joined(separator: " "), catalog: catalog) {
        case .success(let q): return q
        case .failure(let error):
            Terminal.printError(tr("allies: bad query {0}", error))
            throw ExitCode(Status.notFound)
        }
    }

    /// Prints `results` of `total` matches (`corrections`: the nearest words, for a query that found nothing). A
    /// query that finds nothing ends with the status "not found" (1), as `grep` does, in every format.
    func show(
        _ results: [SearchResult], total: Int, corrections: () -> [SearchIndex.Correction], catalog: Catalog
    ) throws {
        switch output.format {
        case .json, .csv:
            emit(Listings.search(catalog, ascii: !Terminal.unicode).render(results, output.format, width: nil))
            if results.isEmpty { throw ExitCode(Status.notFound) }
        case .table:
            if results.isEmpty {
                let input = words.joined(separator: " ")
                // A query with a phrase in it is shown as typed: quoted again it read `""centro de datos""`.
                var message =
                    input.contains("\"")
                    ? tr("No results for {0}.", Quoting.value(input))
                    : tr("No results for \"{0}\".", Quoting.value(input))
                // Words that match nothing get the nearest words of the dataset.
                let corrections = corrections()
                if corrections.count == 1 && !input.trimmingCharacters(in: .whitespaces).contains(" ") {
                    message += " " + tr("Did you mean: {0}?", corrections[0].suggestions.joined(separator: ", "))
                } else if let corrected = SearchIndex.corrected(input, corrections) {
                    message += " " + tr("Did you mean: {0}?", Quoting.value(corrected))
                }
                Terminal.printError(message)
                throw ExitCode(Status.notFound)
            }
            emit(Listings.search(catalog, ascii: !Terminal.unicode).table(results, width: output.tableWidth))
            if total > results.count {
                // On stderr, so a pipe gets the table alone.
                Terminal.printError(tr("{0} of {1} matches shown; --limit N shows more.", results.count, total))
            }
        }
    }
}

struct Export: DatasetCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: tr("Print the whole dataset or its network in another format."),
        discussion: "json: " + tr("the canonical dataset format (FORMAT.md).") + " csv: "
            + tr("one row per amount of each alliance (one for an alliance without).")
            + " text: " + tr("one alliance per line, tab-separated")
            + " " + tr("(id, kind, status, date, parties, amounts, titles, summaries, quotes), for grep and fzf.")
            + " dot: Graphviz. graphml: Gephi, networkx, yEd. mermaid: " + tr("a Mermaid flowchart.") + " ftm: "
            + tr("FollowTheMoney entities as JSON lines (OpenSanctions, Aleph)."))
    @ParentCommand var root: Allies
    @OptionGroup var local: DataOptions
    @OptionGroup var networkOptions: NetworkOptions
    @Option(help: ArgumentHelp(tr("json, csv, text, dot, graphml, mermaid or ftm."))) var format: ExportFormat = .json

    enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
        case json, csv, text, dot, graphml, mermaid, ftm
        /// The formats of the network, which `--merge-units` and `--agreed-only` shape; the others write the dataset.
        var isNetwork: Bool { self == .dot || self == .graphml || self == .mermaid }
    }

    // Both were taken and left unused by the dataset's formats: an `--agreed-only` export held every deal.
    func validate() throws {
        guard !format.isNetwork else { return }
        for (given, name) in [
            (networkOptions.mergeUnits, "--merge-units"), (networkOptions.agreed.agreedOnly, "--agreed-only"),
        ]
        where given {
            throw ValidationError(
                tr(
                    "{0} shapes the network: it goes with --format dot, graphml or mermaid, not {1}", name,
                    format.rawValue))
        }
    }

    func run() throws {
        let catalog = try loadCatalog()
        let network = { networkOptions.network(catalog) }
        switch format {
        case .json:
            // Streamed in chunks: a million alliances never become one giant string.
            catalog.dataset.writeCanonicalJSON { chunk in
                var done = 0
                while done < chunk.count {
                    let n = write(1, chunk.baseAddress! + done, chunk.count - done)
                    if n < 0 { if errno == EINTR { continue }; return }
                    done += n
                }
            }
        case .csv: emit(Listings.alliances(catalog, ascii: !Terminal.unicode).csv(catalog.dataset.alliances))
        case .text: inEnglish { writeLines(catalog) }
        case .dot: print(network().dot(), terminator: "")
        case .graphml: print(network().graphML(), terminator: "")
        case .mermaid: print(network().mermaid(), terminator: "")
        case .ftm:
            // A line at a time: the export of a large dataset never becomes one giant string.
            var buffer = ""
            FtMWriter.write(catalog.dataset) { line in
                buffer += line
                if buffer.utf8.count >= 1 << 20 {
                    print(buffer, terminator: ""); buffer.removeAll(keepingCapacity: true)
                }
            }
            print(buffer, terminator: "")
        }
    }
}

/// One alliance per line: every searchable field, sanitised (no tabs or newlines inside a field), tab-separated.
/// Written in large chunks: a million lines through `print` would be slow.
private func writeLines(_ catalog: Catalog) {
    var buffer = ""
    buffer.reserveCapacity(1 << 20)
    for a in catalog.dataset.alliances {
        let fields =
            [
                a.id, a.kind.rawValue, a.status.rawValue, a.date?.value.description ?? "", a.partiesDisplay(catalog),
                a.amounts.map(\.display).joined(separator: "; "), a.title.en, a.title.es, a.summary.en, a.summary.es,
            ]
            + a.sources.map(\.quote)
        buffer += fields.map(Sanitize.line).joined(separator: "\t")
        buffer += "\n"
        if buffer.utf8.count >= 1 << 20 { print(buffer, terminator: ""); buffer.removeAll(keepingCapacity: true) }
    }
    print(buffer, terminator: "")
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: tr("Check a dataset file: structure, unique ids, references, dates, amounts, currencies, sources."),
        discussion: tr(
            "Prints every problem as FILE:LINE:COLUMN: RECORD, field FIELD: what is wrong and what was expected.")
            + " " + tr("Exit status 0 when valid, 1 when not.")
    )
    @Argument(
        help: ArgumentHelp(
            tr("The dataset file (default: --data, $ALLIES_DATA, your own dataset, else the bundled one).")))
    var file: String?
    @OptionGroup var data: DataOptions

    func run() throws {
        let path = file ?? data.path
        let file = path ?? Dataset.bundledName
        switch path.map({ Dataset.load(path: $0) }) ?? Dataset.bundled() {
        case .success(let d):
            print(
                tr(
                    "{0}: valid — {1} articles, {2} companies, {3} alliances,", file, d.articles.count,
                    d.companies.count, d.alliances.count) + " "
                    + tr(
                        "{0} claims, {1} people, {2} share estimates", d.claims.count, d.people.count,
                        d.shareEstimates.count))
            // The edits kept beside it are part of what was checked: said, as the counts include them.
            let journal = EditJournal.path(for: file)
            if path != nil, access(journal, F_OK) == 0, EditJournal.isWrittenIn(at: journal, dataset: file) {
                print("  " + tr("{0} is left from edits written into it (not applied; it can be removed)", journal))
            } else if path != nil, access(journal, F_OK) == 0 {
                let saves = EditJournal.saveCount(at: journal)
                print(
                    tr(
                        "  with the edits of {0} from {1} (allies fold-edits writes them in)",
                        saves == 1 ? tr("1 save") : tr("{0} saves", saves), journal))
                if EditJournal.endsCutShort(at: journal) {
                    print("  " + tr("its last line was cut short (a save that did not finish): left out"))
                }
            }
        case .failure(let error):
            for diagnostic in error.diagnostics { print(diagnostic) }
            Terminal.printError(
                error.diagnostics.count == 1
                    ? tr("{0}: 1 problem", file) : tr("{0}: {1} problems", file, error.diagnostics.count))
            throw ExitCode(Status.notFound)
        }
    }
}
