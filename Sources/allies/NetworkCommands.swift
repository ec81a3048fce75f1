import AlliesCore
import AlliesText
import ArgumentParser

/// `--merge-units`: view a parent and its units as one node (money that flows to AWS flows to Amazon).
struct NetworkOptions: ParsableArguments {
    @Flag(name: .customLong("merge-units"), help: "Merge units into their parent company (AWS into Amazon).")
    var mergeUnits = false
}

/// Lines clipped to the width (when there is one) and joined.
func fitted(_ lines: [String], width: Int?) -> String {
    lines.map { line in width.map { Clip.toWidth(line, $0) } ?? line }.joined(separator: "\n")
}

func usd(_ value: Double?) -> String { value.map { MoneyFormat.short($0, currency: "USD") } ?? "undisclosed" }

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
        let network = Network(catalog, mergeUnits: networkOptions.mergeUnits)
        let center = network.node(company.id)
        let (direct, indirect) = network.ego(company.id, depth: depth)
        func tieJSON(_ t: Network.Tie, hop: Int) -> JSONValue {
            .object([("company", .string(t.company)), ("name", .string(catalog.companyName(t.company))), ("hop", .number(Double(hop))),
                     ("via", .optional(t.via)), ("kind", .string(t.kind.rawValue)), ("alliances", .array(t.alliances.map { .string($0) })),
                     ("amounts", .array(t.amounts.map(jsonAmount)))])
        }
        let ties = direct.map { ($0, 1) } + indirect.map { ($0, 2) }
        switch output.format {
        case .json:
            emit(JSONValue.object([("company", .string(center)), ("mergeUnits", .bool(networkOptions.mergeUnits)),
                                   ("ties", .array(ties.map { tieJSON($0.0, hop: $0.1) }))]).rendered())
        case .csv:
            emit(CSV(header: ["hop", "company", "via", "kind", "alliances", "amounts"], rows: ties.map { t, hop in
                [String(hop), t.company, t.via ?? "", t.kind.rawValue, t.alliances.joined(separator: " "), t.amounts.map(\.display).joined(separator: "; ")]
            }).render())
        case .table:
            let unicode = Terminal.unicode
            var lines = [Sanitize.line("\(catalog.companyName(center)) (\(center))")]
            let kinds = AllianceKind.allCases.filter { k in direct.contains { $0.kind == k } }
            for kind in kinds {
                lines.append("  " + kind.rawValue)
                let group = direct.filter { $0.kind == kind }
                for (i, t) in group.enumerated() {
                    let branch = unicode ? (i == group.count - 1 ? "└─ " : "├─ ") : (i == group.count - 1 ? "`- " : "|- ")
                    let money = t.amounts.isEmpty ? "undisclosed" : t.amounts.map(\.display).joined(separator: " + ")
                    lines.append("    " + branch + Sanitize.line("\(catalog.companyName(t.company))  \(money)  [\(t.alliances.joined(separator: ", "))]"))
                    for second in indirect where second.via == t.company {
                        let pipe = i == group.count - 1 ? "   " : (unicode ? "│  " : "|  ")
                        lines.append("    " + pipe + (unicode ? "· " : ". ") + Sanitize.line("\(catalog.companyName(second.company)) (\(second.kind.rawValue))"))
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
        let network = Network(catalog, mergeUnits: networkOptions.mergeUnits)
        let paths = network.shortestPaths(from: a.id, to: b.id)
        switch output.format {
        case .json:
            emit(JSONValue.array(paths.map { path in .array(path.map { s in
                .object([("from", .string(s.from)), ("to", .string(s.to)), ("alliances", .array(s.alliances.map { .string($0) }))]) }) }).rendered())
        case .csv:
            var rows: [[String]] = []
            for (i, path) in paths.enumerated() { for (j, s) in path.enumerated() { rows.append([String(i + 1), String(j + 1), s.from, s.to, s.alliances.joined(separator: " ")]) } }
            emit(CSV(header: ["path", "step", "from", "to", "alliances"], rows: rows).render())
        case .table:
            guard !paths.isEmpty else {
                emit("No chain of alliances connects \(Sanitize.line(a.name)) and \(Sanitize.line(b.name)).")
                return
            }
            var lines = ["\(paths.count) shortest path\(paths.count == 1 ? "" : "s") of \(paths[0].count) step\(paths[0].count == 1 ? "" : "s") from \(Sanitize.line(a.name)) to \(Sanitize.line(b.name))"]
            for (i, path) in paths.enumerated() {
                lines.append("")
                lines.append("\(i + 1). " + Sanitize.line(([path[0].from] + path.map(\.to)).map(catalog.companyName).joined(separator: " — ")))
                for s in path {
                    for id in s.alliances {
                        let alliance = catalog.alliance(id)!
                        lines.append("   " + Sanitize.line("\(catalog.companyName(s.from)) – \(catalog.companyName(s.to)): \(alliance.title.en) (\(alliance.date?.value.description ?? "undated"), \(id))"))
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
        abstract: "Circular financing: loops where money leaves a company and comes back to it, ranked by money.",
        discussion: "Each loop lists its alliances with dates and disclosed amounts; undisclosed steps are shown as such, never as zero. TOTAL adds the disclosed USD around the loop; ROUND is the smallest step, what can go all the way round.")
    @ParentCommand var root: Allies
    @OptionGroup var local: DataOptions
    @OptionGroup var output: FormatOption
    @OptionGroup var networkOptions: NetworkOptions
    @Option(name: .customLong("min-amount"), help: "Only loops with at least this much disclosed USD around them (e.g. 1B, 500M).")
    var minAmount: String?

    func run() throws {
        let catalog = try loadCatalog()
        var minimum = 0.0
        if let minAmount {
            guard let (_, value) = Query.parseAmount(minAmount) else { throw ValidationError("--min-amount \"\(Quoting.value(minAmount))\": expected an amount such as 1B, 500M or 10K") }
            minimum = value
        }
        let network = Network(catalog, mergeUnits: networkOptions.mergeUnits)
        let cycles = network.cycles().filter { $0.totalUSD >= minimum }
        switch output.format {
        case .json:
            emit(JSONValue.array(cycles.map { c in
                .object([("companies", .array(c.companies.map { .string($0) })), ("totalUSD", .number(c.totalUSD)),
                         ("circulatingUSD", c.circulatingUSD.map { .number($0) } ?? .null),
                         ("steps", .array(zip(c.steps, c.stepUSD).map { s, amount in
                             .object([("from", .string(s.from)), ("to", .string(s.to)), ("alliances", .array(s.alliances.map { .string($0) })),
                                      ("usd", amount.map { .number($0) } ?? .null)]) }))])
            }).rendered())
        case .csv:
            var rows: [[String]] = []
            for (i, c) in cycles.enumerated() {
                for (s, amount) in zip(c.steps, c.stepUSD) {
                    rows.append([String(i + 1), s.from, s.to, s.alliances.joined(separator: " "), amount.map(JSONValue.numberText) ?? "", JSONValue.numberText(c.totalUSD)])
                }
            }
            emit(CSV(header: ["cycle", "from", "to", "alliances", "usd", "cycle_total_usd"], rows: rows).render())
        case .table:
            guard !cycles.isEmpty else { emit("No circular financing found."); return }
            let arrow = Terminal.unicode ? " → " : " -> "
            var lines: [String] = []
            for (i, c) in cycles.enumerated() {
                if i > 0 { lines.append("") }
                let loop = (c.companies + [c.companies[0]]).map(catalog.companyName).joined(separator: arrow)
                lines.append(Sanitize.line("\(i + 1). \(loop)"))
                lines.append("   total \(usd(c.totalUSD)) disclosed; round \(c.circulatingUSD.map { usd($0) } ?? "not known (a step is undisclosed)")")
                for (s, amount) in zip(c.steps, c.stepUSD) {
                    let titles = s.alliances.compactMap { catalog.alliance($0) }.map { "\($0.title.en) (\($0.date?.value.description ?? "undated"))" }
                    lines.append(Sanitize.line("   \(catalog.companyName(s.from))\(arrow)\(catalog.companyName(s.to))  \(usd(amount))  \(titles.joined(separator: "; "))"))
                }
            }
            emit(fitted(lines, width: output.tableWidth))
        }
    }
}

struct MoneyCommand: DatasetCommand {
    static let configuration = CommandConfiguration(
        commandName: "money",
        abstract: "Disclosed money in and out per company, by kind of alliance or by year; the top hubs.")
    @ParentCommand var root: Allies
    @OptionGroup var local: DataOptions
    @OptionGroup var output: FormatOption
    @OptionGroup var networkOptions: NetworkOptions
    @Option(help: "Break totals down by kind or by year.") var by: Breakdown = .kind

    enum Breakdown: String, ExpressibleByArgument, CaseIterable { case kind, year }

    func run() throws {
        let catalog = try loadCatalog()
        let network = Network(catalog, mergeUnits: networkOptions.mergeUnits)
        // company → bucket → (in, out)
        var totals: [String: [String: (Double, Double)]] = [:]
        for edge in network.edges where edge.directed {
            guard let alliance = catalog.alliance(edge.alliance) else { continue }
            let bucket = by == .kind ? alliance.kind.rawValue : (alliance.date.map { String($0.value.year) } ?? "undated")
            let value = edge.amounts.filter { $0.currency == "USD" }.map(\.totalValue).reduce(0, +)
            guard value > 0 else { continue }
            totals[edge.to, default: [:]][bucket, default: (0, 0)].0 += value
            totals[edge.from, default: [:]][bucket, default: (0, 0)].1 += value
        }
        let hubs = network.hubs().sorted { ($0.incomingUSD + $0.outgoingUSD, $0.alliances) > ($1.incomingUSD + $1.outgoingUSD, $1.alliances) }
        var rows: [[String]] = []
        var json: [JSONValue] = []
        for hub in hubs {
            let buckets = (totals[hub.company] ?? [:]).sorted { $0.key < $1.key }
            json.append(.object([("company", .string(hub.company)), ("name", .string(catalog.companyName(hub.company))),
                                 ("alliances", .number(Double(hub.alliances))), ("inUSD", .number(hub.incomingUSD)), ("outUSD", .number(hub.outgoingUSD)),
                                 (by.rawValue == "kind" ? "byKind" : "byYear", .object(buckets.map { ($0.key, .object([("inUSD", .number($0.value.0)), ("outUSD", .number($0.value.1))])) }))]))
            let detail = buckets.map { "\($0.key): in \(usd($0.value.0 > 0 ? $0.value.0 : nil)) out \(usd($0.value.1 > 0 ? $0.value.1 : nil))" }
            rows.append([hub.company, catalog.companyName(hub.company), String(hub.alliances), hub.incomingUSD > 0 ? usd(hub.incomingUSD) : "—",
                         hub.outgoingUSD > 0 ? usd(hub.outgoingUSD) : "—", detail.joined(separator: "; ")])
        }
        switch output.format {
        case .json: emit(JSONValue.array(json).rendered())
        case .csv: emit(CSV(header: ["id", "name", "alliances", "in_usd", "out_usd", "by_\(by.rawValue)"], rows: rows).render())
        case .table:
            var table = Table([.init(title: "ID"), .init(title: "NAME", flexible: true), .init(title: "ALLIANCES", alignRight: true),
                               .init(title: "IN (USD)", alignRight: true), .init(title: "OUT (USD)", alignRight: true),
                               .init(title: "BY \(by.rawValue.uppercased())", flexible: true)])
            for row in rows { table.add(row) }
            emit(table.render(width: output.tableWidth))
        }
    }
}
