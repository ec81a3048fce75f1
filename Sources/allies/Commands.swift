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
        abstract: "List every company with its kind, alliances, disclosed money in and out, and last activity.")
    @ParentCommand var root: Allies
    @OptionGroup var local: DataOptions
    @OptionGroup var output: FormatOption
    @OptionGroup var agreed: AgreedOnlyOption
    @Option(help: "Only companies of this kind (\(CompanyKind.allCases.map(\.rawValue).joined(separator: ", "))).")
    var kind: String?

    func run() throws {
        let catalog = try loadCatalog()
        let companies = catalog.dataset.companies
        var positions = Array(companies.indices)
        if let kind {
            guard let k = CompanyKind(rawValue: kind) else {
                throw ValidationError(
                    "unknown kind \"\(Quoting.value(kind))\"; expected one of "
                        + "\(CompanyKind.allCases.map(\.rawValue).joined(separator: ", "))"
                )
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
        abstract: "Show one company: profile, alliances, partners, money in and out, people and sources.",
        discussion:
            "NAME is an id, a name or an alias, in any case and with or without accents (aws, "
            + "Amazon Web Services, Run: AI)."
    )
    @ParentCommand var root: Allies
    @OptionGroup var local: DataOptions
    @OptionGroup var output: FormatOption
    @OptionGroup var agreed: AgreedOnlyOption
    @Argument(help: "Company id, name or alias.") var name: [String]

    func run() throws {
        let catalog = try loadCatalog()
        let company = try resolveCompany(name.joined(separator: " "), in: catalog)
        let alliances = Catalog.newestFirst(catalog.alliances(of: company.id))
        let all = catalog.money(of: company.id)
        let money = (incoming: agreed.money(all.incoming), outgoing: agreed.money(all.outgoing))
        let partners = catalog.partners(of: company.id)
        let ascii = !Terminal.unicode
        let listing = Listings.alliances(of: company.id, catalog, ascii: ascii)
        switch output.format {
        case .json:
            emit(
                JSONValue.object([
                    ("id", .string(company.id)), ("name", .string(company.name)),
                    ("aliases", .array(company.aliases.map { .string($0) })), ("kind", .string(company.kind.rawValue)),
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
                    (
                        "people",
                        .array(
                            catalog.people(of: company.id).map {
                                .object([
                                    ("id", .string($0.id)), ("name", .string($0.name)), ("role", .string($0.role.en)),
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
                    ("sources", jsonSources(company.sources, catalog)), ("citations", jsonCitations(company.citations)),
                    ("records", jsonRecords(company.records)),
                ]).rendered())
        case .csv:
            emit(listing.csv(alliances))
        case .table:
            var report = Report(width: output.tableWidth)
            report.heading("\(company.name) (\(company.id))")
            report.field("Kind", company.kind.rawValue)
            report.field("Aliases", company.aliases.joined(separator: ", "))
            report.field("Country", company.country)
            report.field("Parent", company.parent.map { "\(catalog.companyName($0)) (\($0))" })
            report.field(
                "Units",
                (catalog.childrenByParent[company.id] ?? []).map { catalog.companyName($0) }.joined(separator: ", "))
            report.field("Groups", company.groups.map { catalog.group($0)?.name ?? $0 }.joined(separator: ", "))
            report.field("Sectors", company.sectors.joined(separator: ", "))
            report.field("Products", company.products.joined(separator: ", "))
            report.field("About", company.description.en)
            report.field("Resumen", company.description.es)
            for (label, total) in [("Money in", money.incoming), ("Money out", money.outgoing)] {
                let parts = MoneyFormat.breakdown(total, ascii: ascii)
                report.field(
                    label, parts.isEmpty ? "none" : parts.map { "\($0.label): \($0.value)" }.joined(separator: "; "))
            }
            report.heading("Alliances (\(alliances.count))")
            if !alliances.isEmpty {
                report.lines += listing.table(alliances, width: output.tableWidth.map { $0 - 2 }).split(separator: "\n")
                    .map { "  " + $0 }
            }
            report.section(
                "Partners (\(partners.count))",
                partners.map {
                    "\(catalog.companyName($0.company)) — \($0.alliances.count) "
                        + "alliance\($0.alliances.count == 1 ? "" : "s")"
                })
            report.section("People", catalog.people(of: company.id).map { "\($0.name), \($0.role.en)" })
            report.section("Claims and figures", catalog.claims(about: company.id).map(\.text.en))
            report.section(
                "Market share",
                catalog.dataset.shareEstimates.flatMap { e in
                    e.shares.filter { $0.vendor == company.id }.map { s in
                        "\(ShareBar.label(s)) of \(e.market) (\(e.metric.rawValue), \(e.region)) — \(e.publisher), "
                            + "\(e.year)\(e.forecast ? " forecast" : "") (\(e.id))"
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
    @Option(help: "Only this kind (\(AllianceKind.allCases.map(\.rawValue).joined(separator: ", "))).")
    var kind: String?
    @Option(help: "Only alliances with this company (id, name or alias).")
    var company: String?
    @Option(help: "Only alliances dated in this year.")
    var year: Int?
    @Option(help: "Only this status (\(AllianceStatus.allCases.map(\.rawValue).joined(separator: ", "))).")
    var status: String?

    func apply(_ catalog: Catalog) throws -> [Alliance] {
        var list = catalog.dataset.alliances
        if let kind {
            guard let k = AllianceKind(rawValue: kind) else {
                throw ValidationError(
                    "unknown kind \"\(Quoting.value(kind))\"; expected one of "
                        + "\(AllianceKind.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            list = list.filter { $0.kind == k }
        }
        if let status {
            guard let s = AllianceStatus(rawValue: status) else {
                throw ValidationError(
                    "unknown status \"\(Quoting.value(status))\"; expected one of "
                        + "\(AllianceStatus.allCases.map(\.rawValue).joined(separator: ", "))"
                )
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

struct Alliances: DatasetCommand {
    static let configuration = CommandConfiguration(
        abstract: "List alliances with date, kind, parties, amount and status.")
    @ParentCommand var root: Allies
    @OptionGroup var local: DataOptions
    @OptionGroup var filter: AllianceFilter
    @OptionGroup var output: FormatOption

    func run() throws {
        let catalog = try loadCatalog()
        let list = try filter.apply(catalog)
        emit(
            Listings.alliances(catalog, ascii: !Terminal.unicode).render(list, output.format, width: output.tableWidth))
    }
}

struct AllianceCommand: DatasetCommand {
    static let configuration = CommandConfiguration(
        commandName: "alliance",
        abstract:
            "Show one alliance: parties, amounts and their meaning, date and precision, status, summaries, "
            + "and every source quote."
    )
    @ParentCommand var root: Allies
    @OptionGroup var local: DataOptions
    @OptionGroup var output: FormatOption
    @Argument(help: "Alliance id, or a unique prefix of one.") var id: String

    func run() throws {
        let catalog = try loadCatalog()
        let alliance: Alliance
        switch catalog.resolveAlliance(id) {
        case .found(let found): alliance = catalog.alliance(found)!
        case .ambiguous(let ids):
            Terminal.printError(
                "allies: \"\(Quoting.value(id))\" matches several alliances: \(ids.joined(separator: ", ")).")
            throw ExitCode(Status.notFound)
        case .notFound(let suggestions):
            Terminal.printError(
                "allies: no alliance has the id \"\(Quoting.value(id))\"."
                    + (suggestions.isEmpty ? "" : " Did you mean \(suggestions.joined(separator: ", "))?")
                    + " `allies alliances` lists them.")
            throw ExitCode(Status.notFound)
        }
        let a = alliance
        switch output.format {
        case .json:
            emit(
                JSONValue.object([
                    ("id", .string(a.id)), ("kind", .string(a.kind.rawValue)),
                    ("parties", jsonParties(a, catalog)),
                    ("amounts", .array(a.amounts.map(jsonAmount))),
                    (
                        "date",
                        a.date.map {
                            .object([
                                ("value", .string($0.value.description)),
                                ("precision", .string("\($0.value.precision)")), ("event", .string($0.event.rawValue)),
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
                ]).rendered())
        case .csv:
            emit(Listings.alliances(catalog, ascii: !Terminal.unicode).csv([a]))
        case .table:
            var report = Report(width: output.tableWidth)
            report.heading(a.title.en)
            report.field("Título", a.title.es)
            report.field("Id", a.id)
            report.field("Kind", a.kind.rawValue)
            report.field(
                "Status",
                a.status.rawValue
                    + (a.updates.isEmpty
                        ? ""
                        : " — as the sources said; \(a.updates.count) later update\(a.updates.count == 1 ? "" : "s") "
                            + "below (After the sources)")
            )
            report.field(
                "Date",
                a.date.map { "\($0.value) (\($0.event.rawValue); precision: \($0.value.precision))" } ?? "unknown")
            report.heading("Parties")
            for p in a.parties {
                report.item("\(catalog.companyName(p.company)) (\(p.company)) — \(p.role.rawValue)")
            }
            report.heading("Amounts")
            if a.amounts.isEmpty { report.item("undisclosed") }
            for m in a.amounts {
                var text =
                    "\(MoneyFormat.amount(m, status: a.status, ascii: !Terminal.unicode)) — "
                    + "\(MoneyFormat.meaning(m, ascii: !Terminal.unicode))"
                if let from = m.from, let to = m.to {
                    text += "; \(catalog.companyName(from)) pays \(catalog.companyName(to))"
                }
                report.item(text)
                if let note = m.note { report.item(note, indent: 6) }
            }
            report.field("Products", a.products.joined(separator: ", "))
            report.heading("Summary")
            report.field("English", a.summary.en)
            report.field("Español", a.summary.es)
            if let d = a.disagreement {
                report.heading("Sources disagree")
                report.item(d)
            }
            if !a.updates.isEmpty {
                // What happened after the sources, oldest first: it does not change the status or amounts above.
                report.heading("After the sources")
                for u in a.updates {
                    report.item("\(u.date) (precision: \(u.date.precision)): \(u.text.en)")
                    report.item("Español: " + u.text.es, indent: 6)
                    for c in u.citations {
                        var text = "Citation: \(c.publisher): \(c.title)"
                        if let published = c.published { text += " (\(published))" }
                        text += " — supports \(c.supports)"
                        report.item(text, indent: 6)
                        // The URL whole, on a line of its own, so that it can be copied.
                        if let url = c.url {
                            report.lines.append(String(repeating: " ", count: 10) + Sanitize.line(url))
                        }
                    }
                }
            }
            report.section("Claims and figures", catalog.claims(aboutAlliance: a.id).map(\.text.en))
            describe(
                sources: a.sources, citations: a.citations, records: a.records, catalog: catalog, into: &report)
            emit(report.text)
        }
    }
}

struct TimelineCommand: DatasetCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "Alliances in date order, with each date only as precise as known (2024, 2024-02, 2024-02-26).",
        discussion:
            "--from and --to take YYYY, YYYY-MM or YYYY-MM-DD; a coarse date is kept when any day it may mean is "
            + "inside the window."
    )
    @ParentCommand var root: Allies
    @OptionGroup var local: DataOptions
    @OptionGroup var output: FormatOption
    @Option(help: "Only this company's alliances (id, name or alias).") var company: String?
    @Option(help: "Start of the window.") var from: String?
    @Option(help: "End of the window.") var to: String?

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
        abstract: "Published market-share estimates for AI chips, each with its scope, metric, year and source.",
        discussion:
            "A bound is drawn as one: \"more than 70%\" is a bar to 70 followed by ▶, never a plain 70; "
            + "a range is solid to its low end and shaded to its high end."
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
                lines.append(Sanitize.line("\(e.market) — \(e.publisher), \(e.year)\(e.forecast ? " forecast" : "")"))
                lines.append(Sanitize.line("  \(e.scope); metric: \(e.metric.rawValue); region: \(e.region)"))
                let labelWidth = min(
                    28, max(8, width / 3), e.shares.map { TextWidth.of(Sanitize.line($0.label)) }.max() ?? 8)
                let barWidth = max(10, min(50, width - labelWidth - 16))
                for s in e.shares {
                    let line =
                        "  " + Clip.pad(Sanitize.line(s.label), labelWidth) + "  "
                        + ShareBar.draw(s, width: barWidth, unicode: unicode) + "  " + ShareBar.label(s)
                    lines.append(line)
                }
                let source =
                    e.citations.first.map { "\($0.publisher)\($0.url.map { " " + $0 } ?? "")" }
                    ?? e.sources.first.map { "article: " + (catalog.article($0.article)?.title ?? $0.article) }
                if let source { lines.append(Sanitize.line("  source: " + source)) }
            }
            emit(fitted(lines, width: output.tableWidth))
        }
    }
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

    static func label(_ s: Share) -> String {
        let v = JSONValue.numberText(s.value)
        switch s.bound {
        case .exact: return "\(v)%"
        case .about: return "~\(v)%"
        case .upTo: return "≤\(v)%"
        case .atLeast: return "≥\(v)%"
        case .moreThan: return ">\(v)%"
        case .range: return "\(v)–\(JSONValue.numberText(s.upper ?? s.value))%"
        }
    }
}

struct SearchCommand: DatasetCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract:
            "Search companies and their products, alliances, people, claims, articles and market-share estimates; "
            + "case and accents never matter.",
        discussion: """
            Words are ANDed; the last may be a prefix. "quoted phrase" matches as written; -word excludes.
            Filters: kind:investment  with:anthropic  year:2024  year:2024..2025  amount:>1B  status:in-talks  \
            type:company|alliance
            Results: names and aliases first, then titles, summaries, quotes; ties newest first.
            """)
    @ParentCommand var root: Allies
    @OptionGroup var local: DataOptions
    @OptionGroup var output: FormatOption
    @Option(help: "At most this many results.") var limit = 50
    // Every word not taken by an option is the query's, so a query may start with `-` (`-microsoft kind:investment`).
    @Argument(parsing: .allUnrecognized, help: "The query.") var words: [String]

    func run() throws {
        let opened = try opened()
        let catalog = opened.catalog
        let index = opened.index ?? SearchIndex(catalog)
        if opened.index == nil, let path = dataOptions.path, !dataOptions.noCache {
            // The index was built for this search: keep it for the next command on this file.
            opened.saveSnapshot(path: path, index: index)
        }
        let query: Query
        switch Query.parse(words.joined(separator: " "), catalog: catalog) {
        case .success(let q): query = q
        case .failure(let error):
            Terminal.printError("allies: bad query \(error)")
            throw ExitCode(Status.notFound)
        }
        let hits = index.hits(query, limit: limit)
        let results = (0..<hits.count).map { index.result(hits, $0) }
        switch output.format {
        case .json, .csv:
            emit(Listings.search(catalog, ascii: !Terminal.unicode).render(results, output.format, width: nil))
        case .table:
            if results.isEmpty {
                let input = words.joined(separator: " ")
                var message = "No results for \"\(Quoting.value(input))\"."
                // Words that match nothing get the nearest words of the dataset.
                let corrections = index.corrections(query)
                if corrections.count == 1 && !input.trimmingCharacters(in: .whitespaces).contains(" ") {
                    message += " Did you mean: " + corrections[0].suggestions.joined(separator: ", ") + "?"
                } else if let corrected = SearchIndex.corrected(input, corrections) {
                    message += " Did you mean: " + Quoting.value(corrected) + "?"
                }
                Terminal.printError(message)
                return
            }
            emit(Listings.search(catalog, ascii: !Terminal.unicode).table(results, width: output.tableWidth))
            if hits.total > results.count {
                // On stderr, so a pipe gets the table alone.
                Terminal.printError("\(results.count) of \(hits.total) matches shown; --limit N shows more.")
            }
        }
    }
}

struct Export: DatasetCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the whole dataset or its network in another format.",
        discussion: """
            json: the canonical dataset format (FORMAT.md). csv: one alliance per row. text: one alliance per line, \
            tab-separated (id, kind, status, date, parties, amounts, titles, summaries, quotes), for grep and fzf. \
            dot: Graphviz. graphml: Gephi, networkx, yEd. mermaid: a Mermaid flowchart. ftm: FollowTheMoney entities \
            as JSON lines (OpenSanctions, Aleph).
            """)
    @ParentCommand var root: Allies
    @OptionGroup var local: DataOptions
    @OptionGroup var networkOptions: NetworkOptions
    @Option(help: "json, csv, text, dot, graphml, mermaid or ftm.") var format: ExportFormat = .json

    enum ExportFormat: String, ExpressibleByArgument, CaseIterable { case json, csv, text, dot, graphml, mermaid, ftm }

    func run() throws {
        let catalog = try loadCatalog()
        let network = { Network(catalog, mergeUnits: networkOptions.mergeUnits) }
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
        case .text: writeLines(catalog)
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
        abstract: "Check a dataset file: structure, unique ids, references, dates, amounts, currencies, sources.",
        discussion:
            "Prints every problem as FILE:LINE:COLUMN: RECORD, field FIELD: what is wrong and what was expected. "
            + "Exit status 0 when valid, 1 when not."
    )
    @Argument(help: "The dataset file (default: --data, $ALLIES_DATA, your own dataset, else the bundled one).")
    var file: String?
    @OptionGroup var data: DataOptions

    func run() throws {
        let path = file ?? data.path
        let file = path ?? Dataset.bundledName
        switch path.map({ Dataset.load(path: $0) }) ?? Dataset.bundled() {
        case .success(let d):
            print(
                "\(file): valid — \(d.articles.count) articles, \(d.companies.count) companies, "
                    + "\(d.alliances.count) alliances, \(d.claims.count) claims, \(d.people.count) people, "
                    + "\(d.shareEstimates.count) share estimates"
            )
        case .failure(let error):
            for diagnostic in error.diagnostics { print(diagnostic) }
            Terminal.printError("\(file): \(error.diagnostics.count) problem\(error.diagnostics.count == 1 ? "" : "s")")
            throw ExitCode(Status.notFound)
        }
    }
}
