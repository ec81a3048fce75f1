import AlliesCore
import AlliesText

/// The listings of the subcommands, each declared once for the table, CSV and JSON (README, "CSV columns", "Money in
/// JSON"). `ascii` picks the glyphs of a terminal without UTF-8.
enum Listings {
    typealias CompanyRow = (company: Company, figures: CompanyFigures.Figures)

    /// `allies companies`: each company with its figures; `agreedOnly` keeps agreed money alone.
    static func companies(agreedOnly: Bool, ascii: Bool) -> Listing<CompanyRow> {
        func money(_ total: MoneyTotal) -> MoneyTotal { agreedOnly ? total.agreedOnly : total }
        return Listing(columns: [
            .text("id", table: .init(title: "ID", identifier: true), csv: "id", json: "id") { $0.company.id },
            .text("name", table: .init(title: tr("NAME"), flexible: true), csv: "name", json: "name") {
                $0.company.name
            },
            .text(
                "kind", table: .init(title: tr("KIND"), drop: 1), csv: "kind", json: "kind",
                shown: { shown($0.company.kind.rawValue, $0.company.kind.label) }
            ) { $0.company.kind.rawValue },
            .optional("country", csv: "country", json: "country") { $0.company.country },
            .optional("parent", csv: "parent", json: "parent") { $0.company.parent },
            .count(
                "alliances", table: .init(title: tr("ALLIANCES"), alignRight: true, drop: 3), csv: "alliances",
                json: "alliances"
            ) { $0.figures.alliances },
            .money(
                "moneyIn", table: .money(tr("MONEY IN"), floor: 14), csv: "money_in", json: "moneyIn",
                ascii: ascii
            ) { money($0.figures.incoming) },
            .money(
                "moneyOut", table: .money(tr("MONEY OUT"), floor: 14), csv: "money_out", json: "moneyOut",
                ascii: ascii
            ) { money($0.figures.outgoing) },
            .optional(
                "lastActivity", table: .init(title: tr("LAST"), drop: 2), csv: "last_activity", json: "lastActivity"
            ) {
                $0.figures.lastActivity?.description
            },
        ])
    }

    typealias ChangeRow = (change: RecordChange, title: String)

    /// `allies changes`: each record added or updated since a day, with its kind (a noun; `list` names the list, as
    /// `--list` of `edit` and `remove` does) and its title.
    static var changes: Listing<ChangeRow> {
        Listing(columns: [
            .text("date", table: .init(title: tr("DATE")), csv: "date", json: "date") { $0.change.date.description },
            .text(
                "change", table: .init(title: tr("CHANGE")), csv: "change", json: "change",
                shown: { shown($0.change.kind.rawValue, $0.change.kind == .added ? tr("added") : tr("updated")) }
            ) { $0.change.kind.rawValue },
            .text(
                "kind", table: .init(title: tr("KIND"), drop: 1), csv: "kind", json: "kind",
                shown: { $0.change.key.list.noun }
            ) { $0.change.key.list.noun },
            .text("list", csv: "list", json: "list") { $0.change.key.list.rawValue },
            .text("id", table: .init(title: "ID", identifier: true), csv: "id", json: "id") { $0.change.key.id },
            .text("title", table: .init(title: tr("TITLE"), flexible: true), csv: "title", json: "title") { $0.title },
        ])
    }

    /// Alliances (`alliances`, `timeline`, `export --format csv`, an alliance's CSV, a company's JSON). CSV has one
    /// line per amount (numbered `amount_number` of `amount_count`; an alliance with none has one line and an
    /// `amount_count` of 0, never a 0 amount); `parties` lists `company:role` pairs.
    static func alliances(_ catalog: Catalog, ascii: Bool) -> Listing<Alliance> {
        allianceFields(
            catalog, ascii: ascii, date: { $0?.description ?? "—" },
            tableOrder: ["date", "kind", "parties", "amounts", "status", "id"])
    }

    /// The timeline's table: dates and their events; its CSV and JSON are the alliances'.
    static func timeline(_ catalog: Catalog, ascii: Bool) -> Listing<Alliance> {
        allianceFields(
            catalog, ascii: ascii, date: MoneyFormat.date, tableOrder: ["date", "event", "status", "title", "amounts"])
    }

    /// An alliance's amounts in CSV: raw values, one row per amount (`amount_number` of `amount_count`; none: one
    /// row with `amount_count` 0), wherever alliances are listed.
    static let amountHeaders = [
        "amount_number", "amount_count", "amount_value", "amount_currency", "amount_bound", "amount_per",
        "amount_term_years", "amount_estimated", "amount_cumulative", "amount_from", "amount_to",
        "amount_purpose",
    ]

    static func amountCells(_ a: Alliance, _ line: Int) -> [String] {
        guard a.amounts.indices.contains(line) else { return ["", "0"] + Array(repeating: "", count: 10) }
        let m = a.amounts[line]
        return [
            String(line + 1), String(a.amounts.count), JSONValue.numberText(m.value), m.currency, m.bound.rawValue,
            m.per.rawValue, m.termYears.map(JSONValue.numberText) ?? "", String(m.estimated), String(m.cumulative),
            m.from ?? "", m.to ?? "", m.purpose?.rawValue ?? "",
        ]
    }

    /// An alliance's parties in CSV: `company:role` pairs.
    static func partiesCell(_ a: Alliance) -> String {
        a.parties.map { "\($0.company):\($0.role.rawValue)" }.joined(separator: " ")
    }

    /// `date` is the table's date cell.
    private static func allianceFields(
        _ catalog: Catalog, ascii: Bool, date: @escaping (PartialDate?) -> String,
        tableOrder: [String]
    ) -> Listing<Alliance> {
        return Listing(
            columns: [
                .text("id", table: .init(title: "ID", identifier: true), csv: "id", json: "id") { $0.id },
                Column(
                    "date", table: .init(column: .init(title: tr("DATE"))) { date($0.date?.value) },
                    csv: .init(headers: ["date"]) { a, _ in [a.date?.value.description ?? ""] },
                    json: .init(key: "date") { .optional($0.date?.value.description) }),
                .optional("precision", csv: "precision", json: "datePrecision") {
                    $0.date.map { "\($0.value.precision)" }
                },
                Column(
                    "event",
                    // After the kind, before a title or an amount is cut (`allies timeline` at 80 columns in Spanish
                    // cut titles to `Amazon negocia …` and amounts to `hasta …` beside it).
                    table: .init(column: .init(title: tr("EVENT"), drop: 2)) { a in
                        a.date.map { shown($0.event.rawValue, $0.event.label) } ?? ""
                    },
                    csv: .init(headers: ["event"]) { a, _ in [a.date?.event.rawValue ?? ""] },
                    json: .init(key: "dateEvent") { .optional($0.date?.event.rawValue) }),
                .text(
                    "kind", table: .init(title: tr("KIND"), drop: 1), csv: "kind", json: "kind",
                    shown: { shown($0.kind.rawValue, $0.kind.label) }
                ) { $0.kind.rawValue },
                .text(
                    "status", table: .init(title: tr("STATUS"), standing: true), csv: "status", json: "status",
                    shown: { shown($0.status.rawValue, $0.status.label) }
                ) { $0.status.rawValue },
                Column(
                    "parties",
                    // Down to 6 columns (`Micr…`) before an id is cut below the prefix that tells it from the
                    // others: at 80 columns in Spanish the two went together (`microsoft-openai-…` twice).
                    table: .init(column: .init(title: tr("PARTIES"), flexible: true, floor: 6)) {
                        $0.partiesDisplay(catalog, ascii: ascii)
                    },
                    csv: .init(headers: ["parties"]) { a, _ in [partiesCell(a)] },
                    json: .init(key: "parties") { jsonParties($0, catalog) }),
                .text(
                    "title", table: .init(title: tr("ALLIANCE"), flexible: true, comfortable: 28), csv: "title",
                    json: "title",
                    shown: { $0.title.preferred }
                ) { $0.title.en },
                .text("titulo", csv: "titulo", json: "titleEs") { $0.title.es },
                Column(
                    "amounts",
                    table: .init(column: .money(tr("AMOUNT"), needsStanding: true)) {
                        MoneyFormat.amounts(of: $0, ascii: ascii)
                    },
                    csv: .init(headers: amountHeaders, cells: amountCells),
                    json: .init(key: "amounts") { .array($0.amounts.map(jsonAmount)) }),
            ], tableOrder: tableOrder,
            jsonOrder: ["id", "kind", "date", "event", "precision", "parties", "amounts", "status", "title", "titulo"],
            csvLines: { max(1, $0.amounts.count) })
    }

    /// A company's alliances: a table in `allies company`, and its CSV (raw values, as `alliances` has them: parties
    /// as `company:role` pairs, one row per amount). `WITH` names the other parties.
    static func alliances(of company: String, _ catalog: Catalog, ascii: Bool) -> Listing<Alliance> {
        Listing(
            columns: [
                .text("id", table: .init(title: "ID", identifier: true), csv: "alliance") { $0.id },
                .optional("date", table: .init(title: tr("DATE")), csv: "date") { $0.date?.value.description },
                .text(
                    "kind", table: .init(title: tr("KIND"), drop: 1), csv: "kind",
                    shown: { shown($0.kind.rawValue, $0.kind.label) }
                ) { $0.kind.rawValue },
                .text(
                    "role", table: .init(title: tr("ROLE"), drop: 2), csv: "role",
                    shown: { a in a.role(of: company).map { shown($0.rawValue, $0.label) } ?? "" }
                ) { $0.role(of: company)?.rawValue ?? "" },
                Column("parties", csv: .init(headers: ["parties"]) { a, _ in [partiesCell(a)] }),
                .text("with", table: .init(title: tr("WITH"), flexible: true)) { a in
                    a.parties.filter { $0.company != company }.map { catalog.companyName($0.company) }.joined(
                        separator: ", ")
                },
                Column(
                    "amount",
                    table: .init(column: .money(tr("AMOUNT"), needsStanding: true)) {
                        MoneyFormat.amounts(of: $0, ascii: ascii)
                    },
                    csv: .init(headers: amountHeaders, cells: amountCells)),
                .text(
                    "status", table: .init(title: tr("STATUS"), standing: true), csv: "status",
                    shown: { shown($0.status.rawValue, $0.status.label) }
                ) { $0.status.rawValue },
                .text("title", csv: "title") { $0.title.en },
            ], tableOrder: ["date", "kind", "role", "with", "amount", "status", "id"],
            csvLines: { max(1, $0.amounts.count) })
    }

    /// `allies shares`: CSV has one line per share of an estimate; JSON nests the shares in their estimate.
    static func shares(_ catalog: Catalog) -> Listing<ShareEstimate> {
        func shareCells(_ s: Share) -> [String] {
            [
                s.vendor ?? "", s.label, s.bound.rawValue, JSONValue.numberText(s.value),
                s.upper.map(JSONValue.numberText) ?? "",
            ]
        }
        return Listing(
            columns: [
                .text("id", csv: "estimate", json: "id") { $0.id },
                .text("market", csv: "market", json: "market") { $0.market },
                .text("scope", csv: "scope", json: "scope") { $0.scope },
                .text("metric", csv: "metric", json: "metric") { $0.metric.rawValue },
                .text("region", csv: "region", json: "region") { $0.region },
                .count("year", csv: "year", json: "year") { $0.year },
                Column(
                    "forecast", csv: .init(headers: ["forecast"]) { e, _ in [String(e.forecast)] },
                    json: .init(key: "forecast") { .bool($0.forecast) }),
                .text("publisher", csv: "publisher", json: "publisher") { $0.publisher },
                .optional("published", json: "published") { $0.published?.description },
                Column(
                    "shares",
                    csv: .init(headers: ["vendor", "label", "bound", "value", "upper"]) { e, line in
                        shareCells(e.shares[line])
                    },
                    json: .init(key: "shares") { e in
                        .array(
                            e.shares.map { s in
                                .object([
                                    ("vendor", .optional(s.vendor)), ("label", .string(s.label)),
                                    ("bound", .string(s.bound.rawValue)),
                                    ("value", .number(s.value)), ("upper", s.upper.map { .number($0) } ?? .null),
                                ])
                            })
                    }),
                Column("sources", json: .init(key: "sources") { jsonSources($0.sources, catalog) }),
                Column("citations", json: .init(key: "citations") { jsonCitations($0.citations) }),
            ], csvLines: { $0.shares.count })
    }

    /// `allies search`: each result with the field that matched and its text, in the language it matched in (the
    /// table shows the record's name or title for a match on its name or id); an alliance with its parties, date
    /// and amount.
    static func search(_ catalog: Catalog, ascii: Bool) -> Listing<SearchResult> {
        typealias C = Column<SearchResult>
        func alliance(_ r: SearchResult) -> Alliance? { r.kind == .alliance ? catalog.alliance(r.id) : nil }
        func partiesCSV(_ r: SearchResult) -> String {
            guard let a = alliance(r) else { return "" }
            let pairs: [String] = a.parties.map { p in p.company + ":" + p.role.rawValue }
            return pairs.joined(separator: " ")
        }
        func partiesTable(_ r: SearchResult) -> String { alliance(r)?.partiesDisplay(catalog, ascii: ascii) ?? "" }
        func partiesJSON(_ r: SearchResult) -> JSONValue { alliance(r).map { jsonParties($0, catalog) } ?? .null }
        func amount(_ r: SearchResult, ascii: Bool) -> String {
            guard let a = alliance(r) else { return "" }
            return MoneyFormat.amounts(of: a, ascii: ascii)
        }
        func amountsJSON(_ r: SearchResult) -> JSONValue {
            guard let a = alliance(r) else { return .null }
            return .array(a.amounts.map(jsonAmount))
        }
        func spans(_ r: SearchResult) -> JSONValue {
            .array(r.spans.map { .array([.number(Double($0.lowerBound)), .number(Double($0.upperBound))]) })
        }
        func matched(_ r: SearchResult) -> JSONValue {
            .object([
                ("field", .string(r.matchedField)), ("language", .optional(r.language)), ("text", .string(r.text)),
                ("spans", spans(r)), ("exact", .bool(r.exact)),
            ])
        }
        func match(_ r: SearchResult) -> String {
            r.matchedField == "name" || r.matchedField == "id" ? r.title : r.text
        }
        var columns: [C] = []
        columns.append(
            .text("type", table: .init(title: tr("TYPE")), csv: "type", json: "type", shown: { recordNoun($0.label) }) {
                $0.label
            })
        columns.append(.text("id", table: .init(title: "ID", identifier: true), csv: "id", json: "id") { $0.id })
        columns.append(.text("title", csv: "title", json: "title") { $0.title })
        columns.append(
            .optional("date", table: .init(title: tr("DATE"), drop: 3), csv: "date", json: "date") {
                $0.date?.description
            })
        columns.append(.text("field", csv: "field", json: "field") { $0.field.description })
        columns.append(
            .text("matchedField", table: .init(title: tr("FIELD"), drop: 4), csv: "matched_field") { $0.matchedField })
        columns.append(.text("match", table: .init(title: tr("MATCH"), flexible: true, floor: 20), match))
        columns.append(.text("text", csv: "text", json: "text") { $0.text })
        columns.append(.optional("language", csv: "language", none: "") { $0.language })
        columns.append(C("spans", json: .init(key: "spans", value: spans)))
        columns.append(C("matched", json: .init(key: "matched", value: matched)))
        columns.append(
            C(
                "parties", table: .init(column: .init(title: tr("PARTIES"), drop: 1), cell: partiesTable),
                csv: .init(headers: ["parties"]) { r, _ in [partiesCSV(r)] },
                json: .init(key: "parties", value: partiesJSON)))
        columns.append(
            C(
                "amount",
                table: .init(column: .init(title: tr("AMOUNT"), drop: 2, needsStanding: true)) {
                    amount($0, ascii: ascii)
                },
                csv: .init(headers: ["amount"]) { r, _ in [amount(r, ascii: true)] },
                json: .init(key: "amounts", value: amountsJSON)))
        // A deal's standing beside its money: `~$10B` in talks is not `~$10B` agreed.
        columns.append(
            C(
                "status",
                table: .init(column: .init(title: tr("STATUS"), drop: 2, standing: true)) { r in
                    alliance(r).map { shown($0.status.rawValue, $0.status.label) } ?? ""
                },
                csv: .init(headers: ["status"]) { r, _ in [alliance(r)?.status.rawValue ?? ""] },
                json: .init(key: "status") { .optional(alliance($0)?.status.rawValue) }))
        return Listing(
            columns: columns,
            tableOrder: ["type", "id", "date", "matchedField", "match", "parties", "amount", "status"],
            jsonOrder: [
                "type", "id", "title", "field", "text", "spans", "date", "matched", "parties", "amount", "status",
            ])
    }

    typealias TieRow = (tie: Network.Tie, hop: Int)

    /// `allies network`: a company's ties, one and two hops out (its table is a tree, drawn by the command).
    static func ties(_ catalog: Catalog) -> Listing<TieRow> {
        Listing(
            columns: [
                .count("hop", csv: "hop", json: "hop") { $0.hop },
                .text("company", csv: "company", json: "company") { $0.tie.company },
                .text("name", json: "name") { catalog.companyName($0.tie.company) },
                .optional("via", csv: "via", json: "via") { $0.tie.via },
                .text("kind", csv: "kind", json: "kind") { $0.tie.kind.rawValue },
                Column(
                    "alliances",
                    csv: .init(headers: ["alliances"]) { row, _ in [row.tie.alliances.joined(separator: " ")] },
                    json: .init(key: "alliances") { .array($0.tie.alliances.map { .string($0) }) }),
                Column("amounts", json: .init(key: "amounts") { .array($0.tie.amounts.map(jsonAmount)) }),
                .money("moneyIn", csv: "money_in", json: "moneyIn", ascii: false) { $0.tie.incoming },
                .money("moneyOut", csv: "money_out", json: "moneyOut", ascii: false) { $0.tie.outgoing },
            ], jsonOrder: ["company", "name", "hop", "via", "kind", "alliances", "amounts", "moneyIn", "moneyOut"])
    }

    typealias PathStepRow = (path: Int, number: Int, step: Network.Step)

    /// `allies path`: each step of each shortest path; CSV has one line per alliance of a step.
    static func pathSteps(_ catalog: Catalog, _ network: Network) -> Listing<PathStepRow> {
        func alliances(_ s: Network.Step) -> [Alliance] { s.alliances.compactMap { catalog.alliance($0) } }
        return Listing(
            columns: [
                .count("path", csv: "path") { $0.path },
                .count("step", csv: "step") { $0.number },
                .text("from", csv: "from", json: "from") { $0.step.from },
                .text("to", csv: "to", json: "to") { $0.step.to },
                .text("money", csv: "money", json: "money") {
                    network.direction(from: $0.step.from, to: $0.step.to).rawValue
                },
                Column(
                    "alliances",
                    csv: .init(headers: ["alliance", "status", "date"]) { row, line in
                        let a = alliances(row.step)[line]
                        return [a.id, a.status.rawValue, a.date?.value.description ?? ""]
                    },
                    json: .init(key: "alliances") { row in
                        .array(
                            alliances(row.step).map { a in
                                .object([
                                    ("id", .string(a.id)), ("status", .string(a.status.rawValue)),
                                    ("date", .optional(a.date?.value.description)),
                                    ("amounts", .array(a.amounts.map(jsonAmount))),
                                ])
                            })
                    }),
            ], csvLines: { alliances($0.step).count })
    }

    typealias CycleStepRow = (cycle: Int, loop: Network.Cycle, step: Network.Step, money: MoneyTotal)

    /// `allies cycles`: each step of each loop, with its money; CSV repeats the loop's agreed and round USD.
    static func cycleSteps(_ catalog: Catalog) -> Listing<CycleStepRow> {
        func alliances(_ s: Network.Step) -> [Alliance] { s.alliances.compactMap { catalog.alliance($0) } }
        return Listing(columns: [
            .count("cycle", csv: "cycle") { $0.cycle },
            .text("from", csv: "from", json: "from") { $0.step.from },
            .text("to", csv: "to", json: "to") { $0.step.to },
            Column(
                "alliances",
                csv: .init(headers: ["alliances"]) { row, _ in [alliances(row.step).map(\.id).joined(separator: " ")] },
                json: .init(key: "alliances") { row in
                    .array(
                        alliances(row.step).map { a in
                            .object([
                                ("id", .string(a.id)), ("status", .string(a.status.rawValue)),
                                ("date", .optional(a.date?.value.description)),
                            ])
                        })
                }),
            .text("statuses", csv: "statuses") { alliances($0.step).map(\.status.rawValue).joined(separator: " ") },
            .text("dates", csv: "dates") {
                alliances($0.step).map { $0.date?.value.description ?? "" }.joined(separator: " ")
            },
            .money("money", csv: "money", json: "money", ascii: false) { $0.money },
            .text("cycleAgreedUSD", csv: "cycle_agreed_usd") {
                $0.loop.hasAgreedUSD ? JSONValue.numberText($0.loop.agreedUSD) : ""
            },
            // Whether each figure is approximate (`~$89B`): a number alone would read as exact.
            .text("cycleAgreedApproximate", csv: "cycle_agreed_approximate") {
                $0.loop.hasAgreedUSD ? String($0.loop.agreedIsApproximate) : ""
            },
            .text("cycleRoundUSD", csv: "cycle_round_usd") { $0.loop.roundUSD.map(JSONValue.numberText) ?? "" },
            .text("cycleRoundApproximate", csv: "cycle_round_approximate") {
                $0.loop.roundUSD == nil ? "" : String($0.loop.roundIsApproximate)
            },
        ])
    }

    typealias HubRow = (hub: Network.Hub, buckets: [(key: String, incoming: MoneyTotal, outgoing: MoneyTotal)])

    /// `allies money`: the hubs with their totals and their breakdown by kind or year (`by`); CSV has one line per
    /// bucket (a hub with ties but no money, partnerships only, still has its line, with empty money cells).
    static func hubs(_ catalog: Catalog, by: String, ascii: Bool) -> Listing<HubRow> {
        Listing(
            columns: [
                .text("company", table: .init(title: "ID", identifier: true), csv: "id", json: "company") {
                    $0.hub.company
                },
                .text("name", table: .init(title: tr("NAME"), flexible: true), csv: "name", json: "name") {
                    catalog.companyName($0.hub.company)
                },
                .count("alliances", csv: "alliances", json: "alliances") { $0.hub.alliances },
                .count(
                    "partners", table: .init(title: tr("PARTNERS"), alignRight: true), csv: "partners", json: "partners"
                ) { $0.hub.partners },
                .money("in", table: .money(tr("IN"), floor: 14), json: "in", ascii: ascii) {
                    $0.hub.incoming
                },
                .money("out", table: .money(tr("OUT"), floor: 14), json: "out", ascii: ascii) {
                    $0.hub.outgoing
                },
                Column(
                    "by",
                    // Only what there is: a bucket with no money in says nothing about money in.
                    table: .init(column: .init(title: by == "kind" ? tr("BY KIND") : tr("BY YEAR"), flexible: true)) {
                        row in
                        row.buckets.map { bucket in
                            let parts = MoneyFormat.byDirection(
                                incoming: bucket.incoming, outgoing: bucket.outgoing, names: .words, ascii: ascii)
                            return bucketName(bucket.key) + ": " + parts.joined(separator: ", ")
                        }.joined(separator: "; ")
                    },
                    csv: .init(headers: [by] + MoneyCSV.header("in") + MoneyCSV.header("out")) { row, line in
                        guard row.buckets.indices.contains(line) else {
                            return [""] + MoneyCSV.cells(MoneyTotal()) + MoneyCSV.cells(MoneyTotal())
                        }
                        let bucket = row.buckets[line]
                        return [bucket.key] + MoneyCSV.cells(bucket.incoming) + MoneyCSV.cells(bucket.outgoing)
                    },
                    json: .init(key: "by" + by.prefix(1).uppercased() + by.dropFirst()) { row in
                        .object(
                            row.buckets.map {
                                ($0.key, .object([("in", jsonMoney($0.incoming)), ("out", jsonMoney($0.outgoing))]))
                            })
                    }),
            ], csvLines: { max(1, $0.buckets.count) })
    }

    /// A bucket of `allies money` as a person reads it: a kind's label, a year, `undated` (in Spanish).
    private static func bucketName(_ key: String) -> String {
        if key == "undated" { return tr("undated") }
        guard let kind = AllianceKind(rawValue: key) else { return key }
        return shown(key, kind.label)
    }

    /// A search result's kind (`SearchResult.label`: `company`, `share`, `product`…) as a person reads it; the same
    /// in English.
    static func recordNoun(_ noun: String) -> String {
        switch noun {
        case "company": return tr("company")
        case "alliance": return tr("alliance")
        case "person": return tr("person")
        case "claim": return tr("claim")
        case "article": return tr("article")
        case "group": return tr("group")
        case "share": return shown(noun, tr("share estimate"))
        case "share estimate": return tr("share estimate")
        case "product": return tr("product")
        default: return noun
        }
    }
}
