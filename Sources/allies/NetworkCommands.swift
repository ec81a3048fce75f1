import AlliesCore
import AlliesText
import ArgumentParser

/// `--merge-units`: view a parent and its units as one node (money that flows to AWS flows to Amazon).
/// `--agreed-only`: leave out deals that are not agreed (in talks, rumoured, predicted, ended).
struct NetworkOptions: ParsableArguments {
    @Flag(
        name: .customLong("merge-units"),
        help: ArgumentHelp(tr("Merge units into their parent company (AWS into Amazon).")))
    var mergeUnits = false

    @OptionGroup var agreed: AgreedOnlyOption

    func network(_ catalog: Catalog) -> Network {
        let progress = ProgressLine(tr("building the network"))
        defer { progress.finish() }
        return Network(catalog, mergeUnits: mergeUnits, agreedOnly: agreed.agreedOnly, progress: progress.update)
    }
}

/// `--agreed-only`: every figure and network from agreed deals alone.
struct AgreedOnlyOption: ParsableArguments {
    @Flag(
        name: .customLong("agreed-only"),
        help: ArgumentHelp(
            tr("Only agreed deals (announced, active, completed): no deals in talks, rumoured, predicted or ended.")))
    var agreedOnly = false

    /// `total` as asked: agreed money only, or all of it in its parts.
    func money(_ total: MoneyTotal) -> MoneyTotal { agreedOnly ? total.agreedOnly : total }
}

/// `[in talks] ` before a deal that is not agreed, as the explorer marks it.
func statusMark(_ a: Alliance) -> String {
    MoneyStanding(a.status) == .agreed ? "" : "[" + MoneyFormat.statusLabel(a.status) + "] "
}

/// A line of a report (`network`, `path`, `cycles`, `shares`) in three parts: `whole` and `tail` are never cut
/// (an amount, a status, a date: `en toda la vuelta: ~8…` read as another figure), `clippable` between them (a
/// title, a list of ids) gives way first. A line wider than the terminal clips `clippable`; when too little of it
/// would be left, `tail` goes on the lines under it, and anything still too wide is wrapped (between the parts of
/// money first, as the explorer does), each line under the first indented two columns past the line's own
/// indentation.
struct ReportLine {
    var whole: String
    var clippable = ""
    var tail = ""

    init(_ whole: String, clippable: String = "", tail: String = "") {
        self.whole = whole; self.clippable = clippable; self.tail = tail
    }

    func fitted(_ width: Int) -> [String] {
        let full = whole + clippable + tail
        if TextWidth.of(full) <= width { return [full] }
        let lead = String(whole.prefix { $0 == " " })
        let under = String(repeating: " ", count: min(TextWidth.of(lead) + 2, max(0, width - 10)))
        func wrapped(_ text: String, first: String) -> [String] {
            let body = Clip.wrapParts(String(text.drop { $0 == " " }), max(1, width - TextWidth.of(under)))
            return body.enumerated().map { ($0.offset == 0 ? first : under) + $0.element }
        }
        // The clippable part clipped, if what stays of it says something (12 columns, or all of a short one).
        let room = width - TextWidth.of(whole) - TextWidth.of(tail)
        if !clippable.isEmpty, room >= min(TextWidth.of(clippable), 12) {
            return [whole + Clip.toWidth(clippable, room, wholeNumbers: true) + tail]
        }
        var lines = TextWidth.of(whole) <= width ? [whole] : wrapped(whole, first: lead)
        let left = width - TextWidth.of(lines[lines.count - 1])
        if !clippable.isEmpty, left >= 8 {
            lines[lines.count - 1] += Clip.toWidth(clippable, left, wholeNumbers: true)
        }
        if !tail.isEmpty { lines += wrapped(tail, first: under) }
        return lines
    }
}

/// Report lines fitted to the width (when there is one: a pipe gets whole lines) and joined.
func fitted(_ lines: [ReportLine], width: Int?) -> String {
    lines.flatMap { line in width.map { line.fitted($0) } ?? [line.whole + line.clippable + line.tail] }
        .joined(separator: "\n")
}

/// Lines that are all to be kept: wrapped, never cut.
func fitted(_ lines: [String], width: Int?) -> String { fitted(lines.map { ReportLine($0) }, width: width) }

func usd(_ value: Double) -> String { MoneyFormat.money(value, "USD", ascii: !Terminal.unicode) }

struct NetworkCommand: DatasetCommand {
    static let configuration = CommandConfiguration(
        commandName: "network",
        abstract: tr("A company's partners one and two hops out, grouped by kind of tie, with amounts."))
    @ParentCommand var root: Allies
    @OptionGroup var local: DataOptions
    @OptionGroup var output: FormatOption
    @OptionGroup var networkOptions: NetworkOptions
    @Option(help: ArgumentHelp(tr("1: direct partners; 2: also their partners."))) var depth = 1
    @Argument(help: ArgumentHelp(tr("Company id, name or alias."))) var name: [String]

    func validate() throws {
        guard depth == 1 || depth == 2 else { throw ValidationError(tr("--depth must be 1 or 2")) }
    }

    func run() throws {
        let text = name.joined(separator: " ")
        // From the file's store when it can answer alone: the company's alliances (and its partners', two hops
        // out), not the whole dataset (units merged, a name the store cannot resolve: the dataset is loaded).
        if !networkOptions.mergeUnits, let stored = dataOptions.storeForQueries() {
            if let (id, catalog) = stored.egoCatalog(text, depth: depth, agreedOnly: networkOptions.agreed.agreedOnly) {
                show(catalog.company(id)!, catalog)
                return
            }
            try refuseUnresolvedCompany(text, stored)
        }
        let catalog = try loadCatalog()
        show(try resolveCompany(text, in: catalog), catalog)
    }

    /// Prints the network around `company` in `catalog`'s network.
    func show(_ company: Company, _ catalog: Catalog) {
        let network = networkOptions.network(catalog)
        let center = network.node(company.id)
        let (direct, indirect) = network.ego(company.id, depth: depth)
        let ties = direct.map { (tie: $0, hop: 1) } + indirect.map { (tie: $0, hop: 2) }
        switch output.format {
        case .json:
            emit(
                inEnglish {
                    JSONValue.object([
                        ("company", .string(center)), ("mergeUnits", .bool(networkOptions.mergeUnits)),
                        ("ties", Listings.ties(catalog).json(ties)),
                    ]).rendered()
                })
        case .csv: emit(Listings.ties(catalog).csv(ties))
        case .table:
            let g = Glyphs(unicode: Terminal.unicode)
            var lines = [ReportLine(Sanitize.line("\(catalog.companyName(center)) (\(center))"))]
            let kinds = Network.Tie.kinds(of: direct)
            // Each partner's two-hop ties go under the first kind it is shown under.
            let firstKind = Network.Tie.firstKinds(of: direct)
            /// Money each way, never added, then the standing its money does not name: `in (≤$5B), out ($30B)`.
            func money(_ t: Network.Tie) -> String {
                let parts = MoneyFormat.byDirection(
                    incoming: t.incoming, outgoing: t.outgoing, undirected: t.undirected, names: .words,
                    ascii: g.ascii)
                return parts.isEmpty ? tr("no money") : parts.joined(separator: ", ")
            }
            /// The statuses of a tie none of whose alliances is agreed, unless its money names them already.
            func unsaid(_ t: Network.Tie) -> [String] {
                t.unagreed(unnamedBy: [t.incoming, t.outgoing, t.undirected]).map { shown($0.rawValue, $0.label) }
            }
            for kind in kinds {
                lines.append(ReportLine("  " + shown(kind.rawValue, kind.heading)))
                let group = direct.filter { $0.kind == kind }
                for (i, t) in group.enumerated() {
                    let branch = i == group.count - 1 ? g.lastBranch : g.branch
                    // A tie of alliances none of which is agreed (a prediction, talks) says so, unless its money
                    // already does (`in (in talks: ~$10B)`, not again `(in-talks)` after it).
                    let standing = unsaid(t)
                    let said = money(t) + (standing.isEmpty ? "" : " (" + standing.joined(separator: ", ") + ")")
                    lines.append(
                        ReportLine(
                            "    " + branch + Sanitize.line("\(catalog.companyName(t.company))  \(said)"),
                            clippable: Sanitize.line("  [\(t.alliances.joined(separator: ", "))]")))
                    // Two hops out, under the partner's first tie only (not again under each kind): its kind, its
                    // money from the partner's side, and its standing (`· OpenAI (cloud-contract)  in ($38B
                    // (multi-year) · in talks: 1 undisclosed)`: the talks were lost when only the kind was said).
                    for second in indirect where firstKind[t.company] == kind && second.via == t.company {
                        let pipe = i == group.count - 1 ? "   " : g.stem
                        let about = [shown(second.kind.rawValue, second.kind.label)] + unsaid(second)
                        lines.append(
                            ReportLine(
                                "    " + pipe + (g.unicode ? "· " : ". ")
                                    + Sanitize.line(
                                        "\(catalog.companyName(second.company)) ("
                                            + about.joined(separator: ", ") + ")  " + money(second))))
                    }
                }
            }
            if direct.isEmpty { lines.append(ReportLine("  " + tr("no alliances"))) }
            emit(fitted(lines, width: output.tableWidth))
        }
    }
}

struct PathCommand: DatasetCommand {
    static let configuration = CommandConfiguration(
        commandName: "path",
        abstract: tr("The shortest chains of alliances between two companies, each step named with its alliance")
            + " " + tr("and date."))
    @ParentCommand var root: Allies
    @OptionGroup var local: DataOptions
    @OptionGroup var output: FormatOption
    @OptionGroup var networkOptions: NetworkOptions
    @Argument(help: ArgumentHelp(tr("First company."))) var from: String
    @Argument(help: ArgumentHelp(tr("Second company."))) var to: String

    func run() throws {
        // From the file's store when it can answer alone: the alliances the search for the shortest paths reads,
        // not the whole dataset (units merged, names the store cannot resolve: the dataset is loaded).
        if !networkOptions.mergeUnits, let stored = dataOptions.storeForQueries() {
            if let (a, b, catalog) = stored.pathCatalog(
                from: from, to: to, agreedOnly: networkOptions.agreed.agreedOnly)
            {
                try show(catalog.company(a)!, catalog.company(b)!, catalog)
                return
            }
            // As the loaded dataset: `from` is refused first; `to` only once `from` is known to be one company.
            if try refuseUnresolvedCompany(from, stored) { try refuseUnresolvedCompany(to, stored) }
        }
        let catalog = try loadCatalog()
        try show(try resolveCompany(from, in: catalog), try resolveCompany(to, in: catalog), catalog)
    }

    /// Prints the shortest paths from `a` to `b` in `catalog`'s network.
    func show(_ a: Company, _ b: Company, _ catalog: Catalog) throws {
        // One company twice (or a unit and its parent, merged) has no path to itself: it said "No chain … connects
        // OpenAI and OpenAI".
        let node = { (id: String) in networkOptions.mergeUnits ? Network.node(id, catalog: catalog) : id }
        guard node(a.id) != node(b.id) else {
            Terminal.printError(
                a.id == b.id
                    ? tr("allies: {0} is given twice: a path needs two companies", Sanitize.line(a.name))
                    : tr(
                        "allies: {0} and {1} are one company with --merge-units: a path needs two",
                        Sanitize.line(a.name), Sanitize.line(b.name)))
            throw ExitCode(64)
        }
        let network = networkOptions.network(catalog)
        let paths = network.shortestPaths(from: a.id, to: b.id)
        let listing = Listings.pathSteps(catalog, network)
        // Numbered from 1, as the table numbers them.
        let steps = paths.enumerated().map { i, path in
            path.enumerated().map { j, s in (path: i + 1, number: j + 1, step: s) }
        }
        switch output.format {
        case .json: emit(inEnglish { JSONValue.array(steps.map(listing.json)).rendered() })
        case .csv: emit(listing.csv(steps.flatMap { $0 }))
        case .table:
            guard !paths.isEmpty else {
                emit(tr("No chain of alliances connects {0} and {1}.", Sanitize.line(a.name), Sanitize.line(b.name)))
                return
            }
            let pathCount = paths.count == 1 ? tr("1 shortest path") : tr("{0} shortest paths", paths.count)
            let stepCount = paths[0].count == 1 ? tr("1 step") : tr("{0} steps", paths[0].count)
            var lines = [
                ReportLine(
                    tr(
                        "{0} of {1} from {2} to {3}", pathCount, stepCount, Sanitize.line(a.name),
                        Sanitize.line(b.name)))
            ]
            lines.append(
                ReportLine(tr("Each step's arrow is the way money goes (payer → payee; ↔ partners, ⇄ both ways).")))
            for (i, path) in paths.enumerated() {
                lines.append(ReportLine(""))
                lines.append(
                    ReportLine(
                        "\(i + 1). "
                            + Sanitize.line(
                                ([path[0].from] + path.map(\.to)).map(catalog.companyName).joined(separator: " — "))))
                for s in path {
                    let direction = network.direction(from: s.from, to: s.to).arrow(ascii: !Terminal.unicode)
                    lines.append(
                        ReportLine(
                            "   "
                                + Sanitize.line(
                                    "\(catalog.companyName(s.from)) \(direction) \(catalog.companyName(s.to))")))
                    for id in s.alliances {
                        let alliance = catalog.alliance(id)!
                        let money =
                            alliance.amounts.isEmpty
                            ? "" : "  " + alliance.amountsInFull(catalog, ascii: !Terminal.unicode)
                        // The title gives way; the money, the date and the id stay whole.
                        lines.append(
                            ReportLine(
                                "      " + Sanitize.line(statusMark(alliance)),
                                clippable: Sanitize.line(alliance.title.preferred),
                                tail: Sanitize.line(
                                    "\(money) (\(MoneyFormat.date(alliance.date?.value)), \(id))")))
                    }
                }
            }
            emit(fitted(lines, width: output.tableWidth))
        }
    }
}

struct CyclesCommand: DatasetCommand {
    static let configuration = CommandConfiguration(
        commandName: "cycles",
        abstract: tr("Circular financing: loops where money leaves a company and comes back to it."),
        discussion: tr("Each loop lists its steps with their money in parts (agreed, up to, pending…) and the status")
            + " " + tr("of each deal; undisclosed steps are shown as such, never as zero.") + " "
            + tr("\"agreed on its steps\" adds the agreed USD around the loop") + " "
            + tr("(exact and approximate amounts of announced, active and completed deals only);") + " "
            + tr("\"round\" is the smallest step in agreed USD, what agreed money can carry all the way round")
            + " " + tr("(CSV: cycle_agreed_usd and cycle_round_usd; JSON: agreedUSD and roundUSD).") + " "
            + tr("Each loop gives its date span and whether its steps happened in the order of the loop."))
    @ParentCommand var root: Allies
    @OptionGroup var local: DataOptions
    @OptionGroup var output: FormatOption
    @OptionGroup var networkOptions: NetworkOptions
    @Option(
        name: .customLong("min-amount"),
        help: ArgumentHelp(tr("Only loops with at least this much agreed USD around them (e.g. 1B, 500M).")))
    var minAmount: String?
    @Option(help: ArgumentHelp(tr("Order: money (agreed USD around the loop) or time (the newest loops first).")))
    var sort: Network.CycleOrder = .money
    @Option(help: ArgumentHelp(tr("At most this many loops are searched for."))) var limit = 10_000

    func validate() throws {
        guard limit >= 1 else { throw ValidationError(tr("--limit {0}: expected at least 1 loop", limit)) }
    }

    func run() throws {
        let catalog = try loadCatalog()
        var minimum = 0.0
        if let minAmount {
            guard let (_, value) = Query.parseAmount(minAmount) else {
                throw ValidationError(
                    tr("--min-amount \"{0}\": expected an amount such as 1B, 500M or 10K", Quoting.value(minAmount)))
            }
            minimum = value
        }
        let network = networkOptions.network(catalog)
        let (all, capped) = network.cycles(limit: limit, order: sort)
        let cycles = all.filter { $0.agreedUSD >= minimum }
        let ascii = !Terminal.unicode
        func stepAlliances(_ s: Network.Step) -> [Alliance] { s.alliances.compactMap { catalog.alliance($0) } }
        let listing = Listings.cycleSteps(catalog)
        func steps(_ i: Int, _ c: Network.Cycle) -> [Listings.CycleStepRow] {
            zip(c.steps, c.stepMoney).map { (cycle: i + 1, loop: c, step: $0, money: $1) }
        }
        switch output.format {
        case .json:
            emit(
                inEnglish {
                    JSONValue.object([
                        ("capped", .bool(capped)),
                        (
                            "cycles",
                            .array(
                                cycles.enumerated().map { i, c in
                                    .object([
                                        ("companies", .array(c.companies.map { .string($0) })),
                                        ("agreedUSD", c.hasAgreedUSD ? .number(c.agreedUSD) : .null),
                                        ("agreedApproximate", .bool(c.agreedIsApproximate)),
                                        ("roundUSD", c.roundUSD.map { .number($0) } ?? .null),
                                        ("roundApproximate", .bool(c.roundIsApproximate)),
                                        ("otherMoney", .bool(c.hasOtherMoney)),
                                        ("firstDate", .optional(c.firstDate?.description)),
                                        ("lastDate", .optional(c.lastDate?.description)),
                                        ("inTimeOrder", c.inTimeOrder.map { .bool($0) } ?? .null),
                                        ("steps", listing.json(steps(i, c))),
                                    ])
                                })
                        ),
                    ]).rendered()
                })
        case .csv:
            if capped {
                Terminal.printError(
                    tr(
                        "allies: the first {0} loops found (the search stops at --limit {1}); there may be more.",
                        all.count, limit))
            }
            emit(listing.csv(cycles.enumerated().flatMap(steps)))
        case .table:
            var lines: [ReportLine] = []
            if capped {
                lines.append(
                    ReportLine(
                        tr(
                            "The first {0} loops found (the search stops at --limit {1}); there may be more.",
                            all.count, limit)))
                lines.append(ReportLine(""))
            }
            guard !cycles.isEmpty else {
                lines.append(
                    ReportLine(
                        capped ? tr("No circular financing found among them.") : tr("No circular financing found.")))
                emit(fitted(lines, width: output.tableWidth))
                return
            }
            let arrow = " " + Glyphs(unicode: !ascii).arrow + " "
            for (i, c) in cycles.enumerated() {
                if i > 0 { lines.append(ReportLine("")) }
                let loop = (c.companies + [c.companies[0]]).map(catalog.companyName).joined(separator: arrow)
                lines.append(ReportLine(Sanitize.line("\(i + 1). \(loop)")))
                // Unlike money summed says so: a running total and a contract over years are in it.
                let agreed =
                    c.agreedUSD > 0
                    ? (c.agreedIsApproximate ? "~" : "") + usd(c.agreedUSD)
                        + MoneyFormat.holds(
                            cumulative: c.agreedIncludesCumulative, multiYear: c.agreedIncludesMultiYear)
                    : tr("none")
                let round =
                    c.roundUSD.map { (c.roundIsApproximate ? "~" : "") + usd($0) }
                    ?? tr("not known (a step has no agreed USD)")
                var summary = "   " + tr("agreed on its steps {0}; round {1}", agreed, round)
                if c.hasOtherMoney { summary += "; " + tr("steps also carry money not agreed or not exact (below)") }
                lines.append(ReportLine(summary))
                let span =
                    c.firstDate.map { f in c.lastDate.map { f == $0 ? "\(f)" : tr("{0} to {1}", f, $0) } ?? "\(f)" }
                    ?? tr("undated")
                let order =
                    c.inTimeOrder.map { $0 ? tr("steps in time order") : tr("steps not in time order") }
                    ?? tr("a step is undated")
                lines.append(ReportLine("   \(span); \(order)"))
                for (s, money) in zip(c.steps, c.stepMoney) {
                    let titles = stepAlliances(s).map {
                        "\(statusMark($0))\($0.title.preferred) (\(MoneyFormat.date($0.date?.value)))"
                    }
                    // The titles give way (never inside a date); the step and its money stay whole.
                    lines.append(
                        ReportLine(
                            Sanitize.line(
                                "   \(catalog.companyName(s.from))\(arrow)\(catalog.companyName(s.to))  "
                                    + MoneyFormat.total(money, ascii: ascii)),
                            clippable: Sanitize.line("  " + titles.joined(separator: "; "))))
                }
            }
            emit(fitted(lines, width: output.tableWidth))
        }
    }
}

extension Network.CycleOrder: ExpressibleByArgument {}
extension AllianceOrder: ExpressibleByArgument {}

struct MoneyCommand: DatasetCommand {
    static let configuration = CommandConfiguration(
        commandName: "money",
        abstract: tr("Money in and out per company, by kind of alliance or by year, in its parts; the top hubs."),
        discussion: tr("Totals never add unlike amounts: agreed money (exact and approximate amounts of announced,")
            + " " + tr("active and completed deals), ceilings (up to) and floors (at least), yearly rates,") + " "
            + tr("pending deals (in talks, rumoured, predicted) and ended ones are kept apart, per currency") + " "
            + tr("(README, \"Honest money\").") + " "
            + tr("With --by kind an amount that has its own purpose (Anthropic's Azure compute inside an investment")
            + " " + tr("alliance) counts under that kind."))
    @ParentCommand var root: Allies
    @OptionGroup var local: DataOptions
    @OptionGroup var output: FormatOption
    @OptionGroup var networkOptions: NetworkOptions
    @Option(help: ArgumentHelp(tr("Break totals down by kind or by year."))) var by: Breakdown = .kind
    @Option(
        help: ArgumentHelp(
            tr("Rank hubs by money (agreed, then ceilings, then pending) or by partners (distinct companies).")))
    var sort: HubOrder = .money

    enum Breakdown: String, ExpressibleByArgument, CaseIterable { case kind, year }
    enum HubOrder: String, ExpressibleByArgument, CaseIterable { case money, partners }

    func run() throws {
        let catalog = try loadCatalog()
        let network = networkOptions.network(catalog)
        // company → bucket → (in, out)
        var totals: [String: [String: (incoming: MoneyTotal, outgoing: MoneyTotal)]] = [:]
        let none = (incoming: MoneyTotal(), outgoing: MoneyTotal())
        for edge in network.edges where edge.directed {
            guard let alliance = catalog.alliance(edge.alliance) else { continue }
            func bucket(_ amount: Amount?) -> String {
                if by == .kind { return (amount?.purpose ?? alliance.kind).rawValue }
                let year = alliance.date.map { String($0.value.year) }
                // A running total or a contract over years is not money of its date's year: its bucket says so
                // (Microsoft's $13B since 2019, dated 2023, is not $13B paid in 2023).
                if amount?.cumulative == true { return year.map { "to \($0) (cumulative)" } ?? "undated (cumulative)" }
                if let years = amount?.termYears {
                    let over = "over \(JSONValue.numberText(years)) years"
                    return year.map { "from \($0) (\(over))" } ?? "undated (\(over))"
                }
                return year ?? "undated"
            }
            if edge.amounts.isEmpty {
                totals[edge.to, default: [:]][bucket(nil), default: none].incoming.addUndisclosed(status: edge.status)
                totals[edge.from, default: [:]][bucket(nil), default: none].outgoing.addUndisclosed(status: edge.status)
            }
            for amount in edge.amounts {
                totals[edge.to, default: [:]][bucket(amount), default: none].incoming.add(amount, status: edge.status)
                totals[edge.from, default: [:]][bucket(amount), default: none].outgoing.add(amount, status: edge.status)
            }
        }
        let hubs = network.hubs().sorted { x, y in
            switch sort {
            case .money:
                var a = x.incoming, b = y.incoming
                a.merge(x.outgoing); b.merge(y.outgoing)
                if let larger = MoneyTotal.largerFirst(a, b) { return larger }
                return x.partners != y.partners ? x.partners > y.partners : x.company < y.company
            case .partners:
                if x.partners != y.partners { return x.partners > y.partners }
                var a = x.incoming, b = y.incoming
                a.merge(x.outgoing); b.merge(y.outgoing)
                return MoneyTotal.largerFirst(a, b) ?? (x.company < y.company)
            }
        }
        let rows = hubs.map { hub in
            (
                hub: hub,
                buckets: (totals[hub.company] ?? [:]).sorted { $0.key < $1.key }
                    .map { (key: $0.key, incoming: $0.value.incoming, outgoing: $0.value.outgoing) }
            )
        }
        emit(
            Listings.hubs(catalog, by: by.rawValue, ascii: !Terminal.unicode).render(
                rows, output.format, width: output.tableWidth))
    }
}
