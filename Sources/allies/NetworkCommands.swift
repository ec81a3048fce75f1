import AlliesCore
import AlliesText
import ArgumentParser

/// `--merge-units`: view a parent and its units as one node (money that flows to AWS flows to Amazon).
/// `--agreed-only`: leave out deals that are not agreed (in talks, rumoured, predicted, ended).
struct NetworkOptions: ParsableArguments {
    @Flag(name: .customLong("merge-units"), help: "Merge units into their parent company (AWS into Amazon).")
    var mergeUnits = false

    @OptionGroup var agreed: AgreedOnlyOption

    func network(_ catalog: Catalog) -> Network {
        Network(catalog, mergeUnits: mergeUnits, agreedOnly: agreed.agreedOnly)
    }
}

/// `--agreed-only`: every figure and network from agreed deals alone.
struct AgreedOnlyOption: ParsableArguments {
    @Flag(
        name: .customLong("agreed-only"),
        help: "Only agreed deals (announced, active, completed): no deals in talks, rumoured, predicted or ended.")
    var agreedOnly = false

    /// `total` as asked: agreed money only, or all of it in its parts.
    func money(_ total: MoneyTotal) -> MoneyTotal { agreedOnly ? total.agreedOnly : total }
}

/// `[in talks] ` before a deal that is not agreed, as the explorer marks it.
func statusMark(_ a: Alliance) -> String {
    MoneyStanding(a.status) == .agreed ? "" : "[" + MoneyFormat.statusLabel(a.status) + "] "
}

/// Lines clipped to the width (when there is one) and joined.
func fitted(_ lines: [String], width: Int?) -> String {
    lines.map { line in width.map { Clip.toWidth(line, $0) } ?? line }.joined(separator: "\n")
}

func usd(_ value: Double) -> String { MoneyFormat.money(value, "USD", ascii: !Terminal.unicode) }

struct NetworkCommand: DatasetCommand {
    static let configuration = CommandConfiguration(
        commandName: "network",
        abstract: "A company's partners one and two hops out, grouped by kind of tie, with amounts.")
    @ParentCommand var root: Allies
    @OptionGroup var local: DataOptions
    @OptionGroup var output: FormatOption
    @OptionGroup var networkOptions: NetworkOptions
    @Option(help: "1: direct partners; 2: also their partners.") var depth = 1
    @Argument(help: "Company id, name or alias.") var name: [String]

    func validate() throws {
        guard depth == 1 || depth == 2 else { throw ValidationError("--depth must be 1 or 2") }
    }

    func run() throws {
        let catalog = try loadCatalog()
        let company = try resolveCompany(name.joined(separator: " "), in: catalog)
        let network = networkOptions.network(catalog)
        let center = network.node(company.id)
        let (direct, indirect) = network.ego(company.id, depth: depth)
        let ties = direct.map { (tie: $0, hop: 1) } + indirect.map { (tie: $0, hop: 2) }
        switch output.format {
        case .json:
            emit(
                JSONValue.object([
                    ("company", .string(center)), ("mergeUnits", .bool(networkOptions.mergeUnits)),
                    ("ties", Listings.ties(catalog).json(ties)),
                ]).rendered())
        case .csv: emit(Listings.ties(catalog).csv(ties))
        case .table:
            let g = Glyphs(unicode: Terminal.unicode)
            var lines = [Sanitize.line("\(catalog.companyName(center)) (\(center))")]
            let kinds = AllianceKind.allCases.filter { k in direct.contains { $0.kind == k } }
            for kind in kinds {
                lines.append("  " + kind.rawValue)
                let group = direct.filter { $0.kind == kind }
                for (i, t) in group.enumerated() {
                    let branch = i == group.count - 1 ? g.lastBranch : g.branch
                    var parts: [String] = []
                    if !t.incoming.isEmpty { parts.append("in " + MoneyFormat.total(t.incoming, ascii: g.ascii)) }
                    if !t.outgoing.isEmpty { parts.append("out " + MoneyFormat.total(t.outgoing, ascii: g.ascii)) }
                    let money = parts.isEmpty ? "no money" : parts.joined(separator: ", ")
                    lines.append(
                        "    " + branch
                            + Sanitize.line(
                                "\(catalog.companyName(t.company))  \(money)  [\(t.alliances.joined(separator: ", "))]")
                    )
                    for second in indirect where second.via == t.company {
                        let pipe = i == group.count - 1 ? "   " : g.stem
                        lines.append(
                            "    " + pipe + (g.unicode ? "· " : ". ")
                                + Sanitize.line("\(catalog.companyName(second.company)) (\(second.kind.rawValue))"))
                    }
                }
            }
            if direct.isEmpty { lines.append("  no alliances") }
            emit(fitted(lines, width: output.tableWidth))
        }
    }
}

struct PathCommand: DatasetCommand {
    static let configuration = CommandConfiguration(
        commandName: "path",
        abstract: "The shortest chains of alliances between two companies, each step named with its alliance and date.")
    @ParentCommand var root: Allies
    @OptionGroup var local: DataOptions
    @OptionGroup var output: FormatOption
    @OptionGroup var networkOptions: NetworkOptions
    @Argument(help: "First company.") var from: String
    @Argument(help: "Second company.") var to: String

    func run() throws {
        let catalog = try loadCatalog()
        let a = try resolveCompany(from, in: catalog), b = try resolveCompany(to, in: catalog)
        let network = networkOptions.network(catalog)
        let paths = network.shortestPaths(from: a.id, to: b.id)
        let listing = Listings.pathSteps(catalog, network)
        // Numbered from 1, as the table numbers them.
        let steps = paths.enumerated().map { i, path in
            path.enumerated().map { j, s in (path: i + 1, number: j + 1, step: s) }
        }
        switch output.format {
        case .json: emit(JSONValue.array(steps.map(listing.json)).rendered())
        case .csv: emit(listing.csv(steps.flatMap { $0 }))
        case .table:
            guard !paths.isEmpty else {
                emit("No chain of alliances connects \(Sanitize.line(a.name)) and \(Sanitize.line(b.name)).")
                return
            }
            var lines = [
                "\(paths.count) shortest path\(paths.count == 1 ? "" : "s") of \(paths[0].count) "
                    + "step\(paths[0].count == 1 ? "" : "s") from \(Sanitize.line(a.name)) to \(Sanitize.line(b.name))"
            ]
            lines.append("Each step's arrow is the way money goes (payer → payee; ↔ partners, ⇄ both ways).")
            for (i, path) in paths.enumerated() {
                lines.append("")
                lines.append(
                    "\(i + 1). "
                        + Sanitize.line(
                            ([path[0].from] + path.map(\.to)).map(catalog.companyName).joined(separator: " — ")))
                for s in path {
                    let direction = network.direction(from: s.from, to: s.to).arrow(ascii: !Terminal.unicode)
                    lines.append(
                        "   "
                            + Sanitize.line("\(catalog.companyName(s.from)) \(direction) \(catalog.companyName(s.to))"))
                    for id in s.alliances {
                        let alliance = catalog.alliance(id)!
                        let money =
                            alliance.amounts.isEmpty
                            ? "" : "  " + alliance.amountsInFull(catalog, ascii: !Terminal.unicode)
                        lines.append(
                            "      "
                                + Sanitize.line(
                                    "\(statusMark(alliance))\(alliance.title.en)\(money) "
                                        + "(\(MoneyFormat.date(alliance.date?.value)), \(id))"
                                ))
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
        abstract: "Circular financing: loops where money leaves a company and comes back to it.",
        discussion: """
            Each loop lists its steps with their money in parts (agreed, up to, pending…) and the status of each \
            deal; undisclosed steps are shown as such, never as zero. AGREED adds the agreed USD around the loop \
            (exact and approximate amounts of announced, active and completed deals only); ROUND is the smallest step \
            in agreed USD, what agreed money can carry all the way round. Each loop gives its date span and whether \
            its steps happened in the order of the loop.
            """)
    @ParentCommand var root: Allies
    @OptionGroup var local: DataOptions
    @OptionGroup var output: FormatOption
    @OptionGroup var networkOptions: NetworkOptions
    @Option(
        name: .customLong("min-amount"),
        help: "Only loops with at least this much agreed USD around them (e.g. 1B, 500M).")
    var minAmount: String?
    @Option(help: "Order: money (agreed USD around the loop) or time (the newest loops first).")
    var sort: Network.CycleOrder = .money
    @Option(help: "At most this many loops are searched for.") var limit = 10_000

    func validate() throws {
        guard limit >= 1 else { throw ValidationError("--limit \(limit): expected at least 1 loop") }
    }

    func run() throws {
        let catalog = try loadCatalog()
        var minimum = 0.0
        if let minAmount {
            guard let (_, value) = Query.parseAmount(minAmount) else {
                throw ValidationError(
                    "--min-amount \"\(Quoting.value(minAmount))\": expected an amount such as 1B, 500M or 10K")
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
                ]).rendered())
        case .csv:
            if capped {
                Terminal.printError(
                    "allies: the first \(all.count) loops found (the search stops at --limit \(limit)); "
                        + "there may be more."
                )
            }
            emit(listing.csv(cycles.enumerated().flatMap(steps)))
        case .table:
            var lines: [String] = []
            if capped {
                lines.append(
                    "The first \(all.count) loops found (the search stops at --limit \(limit)); there may be more.");
                lines.append("")
            }
            guard !cycles.isEmpty else {
                emit(
                    (lines + ["No circular financing found" + (capped ? " among them." : ".")]).joined(separator: "\n"))
                return
            }
            let arrow = " " + Glyphs(unicode: !ascii).arrow + " "
            for (i, c) in cycles.enumerated() {
                if i > 0 { lines.append("") }
                let loop = (c.companies + [c.companies[0]]).map(catalog.companyName).joined(separator: arrow)
                lines.append(Sanitize.line("\(i + 1). \(loop)"))
                let agreed = c.agreedUSD > 0 ? (c.agreedIsApproximate ? "~" : "") + usd(c.agreedUSD) : "none"
                let round =
                    c.roundUSD.map { (c.roundIsApproximate ? "~" : "") + usd($0) }
                    ?? "not known (a step has no agreed USD)"
                var summary = "   agreed on its steps \(agreed); round \(round)"
                if c.hasOtherMoney { summary += "; steps also carry money not agreed or not exact (below)" }
                lines.append(summary)
                let span =
                    c.firstDate.map { f in c.lastDate.map { f == $0 ? "\(f)" : "\(f) to \($0)" } ?? "\(f)" }
                    ?? "undated"
                let order =
                    c.inTimeOrder.map { $0 ? "steps in time order" : "steps not in time order" } ?? "a step is undated"
                lines.append("   \(span); \(order)")
                for (s, money) in zip(c.steps, c.stepMoney) {
                    let titles = stepAlliances(s).map {
                        "\(statusMark($0))\($0.title.en) (\(MoneyFormat.date($0.date?.value)))"
                    }
                    lines.append(
                        Sanitize.line(
                            "   \(catalog.companyName(s.from))\(arrow)\(catalog.companyName(s.to))  "
                                + "\(MoneyFormat.total(money, ascii: ascii))  \(titles.joined(separator: "; "))"
                        ))
                }
            }
            emit(fitted(lines, width: output.tableWidth))
        }
    }
}

extension Network.CycleOrder: ExpressibleByArgument {}

struct MoneyCommand: DatasetCommand {
    static let configuration = CommandConfiguration(
        commandName: "money",
        abstract: "Money in and out per company, by kind of alliance or by year, in its parts; the top hubs.",
        discussion: """
            Totals never add unlike amounts: agreed money (exact and approximate amounts of announced, active and \
            completed deals), ceilings (up to) and floors (at least), yearly rates, pending deals (in talks, rumoured, \
            predicted) and ended ones are kept apart, per currency (README, "Honest money"). With --by kind an amount \
            that has its own purpose (Anthropic's Azure compute inside an investment alliance) counts under that kind.
            """)
    @ParentCommand var root: Allies
    @OptionGroup var local: DataOptions
    @OptionGroup var output: FormatOption
    @OptionGroup var networkOptions: NetworkOptions
    @Option(help: "Break totals down by kind or by year.") var by: Breakdown = .kind
    @Option(help: "Rank hubs by money (agreed, then ceilings, then pending) or by partners (distinct companies).")
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
                by == .kind
                    ? (amount?.purpose ?? alliance.kind).rawValue
                    : (alliance.date.map { String($0.value.year) } ?? "undated")
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
