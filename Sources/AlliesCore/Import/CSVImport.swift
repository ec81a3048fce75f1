// CSV files to import batches: presets for known exports (Crunchbase 2015, Allies' own CSV) and column mappings for
// any other file. Each record becomes an alliance (with its two companies), a company, or a reject with the column
// and the reason; nothing is dropped without a line in the rejects.

import AlliesText

/// What a CSV column can be read as (`--map COLUMN=FIELD`). `from` is the side money leaves (acquirer, investor,
/// customer), `to` the side it reaches (the company acquired, invested in, the supplier).
public enum CSVTarget: String, CaseIterable, Sendable {
    case key, kind, status, date, month, amount, currency, title, titulo, summary, resumen
    case fromKey = "from.key", fromName = "from.name", fromCountry = "from.country", fromSectors = "from.sectors"
    case toKey = "to.key", toName = "to.name", toCountry = "to.country", toSectors = "to.sectors"

    /// What the field is read as, in the reader's language (`--help`).
    public var meaning: String {
        switch self {
        case .key: return tr("the record's key in its dataset (default: the parties' keys and the date)")
        case .kind: return tr("the alliance kind (acquisition, investment, …); default: --kind")
        case .status: return tr("the deal's status (announced, completed, …); default: the preset's")
        case .date: return tr("YYYY, YYYY-MM or YYYY-MM-DD (a time of day after the date is ignored)")
        case .month: return tr("YYYY-MM, used when the date is empty")
        case .amount: return tr("a number in units of the currency; empty or 0: undisclosed")
        case .currency: return tr("ISO 4217 code of the amount")
        case .title: return tr("the title in English (default: made from the parties)")
        case .titulo: return tr("the title in Spanish (default: made from the parties)")
        case .summary: return tr("the summary in English (default: names the record)")
        case .resumen: return tr("the summary in Spanish (default: names the record)")
        case .fromKey, .toKey: return tr("the company's key in the dataset (default: its name)")
        case .fromName, .toName: return tr("the company's name")
        case .fromCountry, .toCountry: return tr("ISO 3166 alpha-2 or alpha-3 code")
        case .fromSectors, .toSectors: return tr("categories separated by |")
        }
    }
}

/// A known export: its columns, what each is read as, and the facts a row of it states.
public struct CSVPreset: Sendable {
    public var name: String
    public var dataset: String
    public var licence: String?
    public var url: String?
    public var retrieved: PartialDate?
    /// Column → field; columns of the file not listed are not read (and listed in `--help`).
    public var columns: [(column: String, target: CSVTarget)]
    public var ignored: [String]
    public var kind: AllianceKind
    public var status: AllianceStatus
    public var event: DateEvent
    /// How the amount relates to this record's deal (an investor's share of a round is at most the round).
    public var amountBound: Bound = .exact
    public var amountNote: String? = nil
    /// Rows that name only the `to` company (a funding round with no investor): companies, not alliances.
    public var companiesOnly = false
    /// A person as a `from` party (Crunchbase keys `/person/…`): rows naming one are rejected with this reason.
    public var personKeyPrefix: String? = nil
    /// Allies' own CSV: the columns `allies export --format csv` writes, read by their own reader (`AlliesCSVRows`).
    public var isAlliesCSV = false

    /// What the preset reads and how, in the reader's language (`--help`).
    public var about: String {
        switch name {
        case Self.alliesCSV.name:
            return [
                tr("Allies' own CSV (allies export --format csv): the same alliances back, ids, kinds, parties and"),
                tr("roles, every amount with its qualifiers, dates with precision and event, statuses, titles."),
                tr("Parties are company ids: merged into a dataset that has them, they are those companies;"),
                tr("otherwise a company is made with the id as its name. Summaries and amount notes are not in it."),
            ].joined(separator: " ")
        case Self.crunchbaseAcquisitions.name:
            return [
                tr(
                    "Crunchbase 2015 export, acquisitions sheet: one acquisition per row (acquirer → company acquired)."
                ),
                tr("Read as announced, dated announced: the export does not say whether a deal closed."),
            ].joined(separator: " ")
        case Self.crunchbaseInvestments.name:
            return [
                tr("Crunchbase 2015 export, investments sheet: one investor in one funding round per row."),
                tr("The amount is the round's total, so each investor's deal is up to it; rounds are completed,"),
                tr("dated closed (funded_at). Investors who are people (/person/…) are rejected: Allies records"),
                tr("companies."),
            ].joined(separator: " ")
        case Self.crunchbaseRounds.name:
            return [
                tr("Crunchbase 2015 export, rounds sheet: one funding round per row, naming no investor."),
                tr("Imports the companies (name, country, categories); a round with no investor is not an alliance,"),
                tr("so its amount is not imported (use crunchbase-2015-investments for who invested)."),
            ].joined(separator: " ")
        default:
            // A mapping of the user's own columns.
            return dataset
        }
    }

    /// The presets, by name.
    public static let all: [CSVPreset] = [crunchbaseAcquisitions, crunchbaseInvestments, crunchbaseRounds, alliesCSV]

    /// `allies export --format csv`: one alliance per row, or one row per amount when it has several (with the same
    /// id, `amount_number` of `amount_count`); parties as `company-id:role`. Companies are the dataset's by id.
    public static let alliesCSV = CSVPreset(
        name: "allies-csv",
        dataset: "Allies CSV export", licence: nil,
        columns: AlliesCSVRows.columns.map { ($0, CSVTarget.key) }, ignored: [], kind: .partnership,
        status: .announced, event: .announced, isAlliesCSV: true)

    public static func named(_ name: String) -> CSVPreset? { all.first { $0.name == name } }

    static let crunchbaseDataset = "Crunchbase data export 2015-12-04"
    static let crunchbaseLicence = "CC-BY-NC 4.0"
    static let crunchbaseURL = "https://github.com/notpeter/crunchbase-data"
    static let place = ["state_code", "region", "city"]

    /// `acquisitions.csv` of Crunchbase's 2015-12-04 export (notpeter/crunchbase-data).
    public static let crunchbaseAcquisitions = CSVPreset(
        name: "crunchbase-2015-acquisitions",
        dataset: crunchbaseDataset, licence: crunchbaseLicence, url: crunchbaseURL,
        retrieved: PartialDate(year: 2015, month: 12, day: 4),
        columns: [
            ("company_permalink", .toKey), ("company_name", .toName), ("company_category_list", .toSectors),
            ("company_country_code", .toCountry), ("acquirer_permalink", .fromKey), ("acquirer_name", .fromName),
            ("acquirer_category_list", .fromSectors), ("acquirer_country_code", .fromCountry),
            ("acquired_at", .date), ("acquired_month", .month), ("price_amount", .amount),
            ("price_currency_code", .currency),
        ],
        ignored: place.map { "company_" + $0 } + place.map { "acquirer_" + $0 },
        kind: .acquisition, status: .announced, event: .announced)

    /// `investments.csv`: one investor in one funding round per row. The amount is the round's total, so each
    /// investor's deal is "up to" it; an investor who is a person is not a company and is rejected.
    public static let crunchbaseInvestments = CSVPreset(
        name: "crunchbase-2015-investments",
        dataset: crunchbaseDataset, licence: crunchbaseLicence, url: crunchbaseURL,
        retrieved: PartialDate(year: 2015, month: 12, day: 4),
        columns: [
            ("company_permalink", .toKey), ("company_name", .toName), ("company_category_list", .toSectors),
            ("company_country_code", .toCountry), ("investor_permalink", .fromKey), ("investor_name", .fromName),
            ("investor_country_code", .fromCountry), ("funding_round_permalink", .key), ("funded_at", .date),
            ("raised_amount_usd", .amount),
        ],
        ignored: place.map { "company_" + $0 } + place.map { "investor_" + $0 } + [
            "funding_round_type", "funding_round_code",
        ],
        kind: .investment, status: .completed, event: .closed, amountBound: .upTo,
        amountNote: "the whole round's total, shared by its investors", personKeyPrefix: "/person/")

    /// `rounds.csv`: one funding round per row, with no investor: the companies are imported; the rounds are not
    /// deals between two companies (the investments sheet has who invested).
    public static let crunchbaseRounds = CSVPreset(
        name: "crunchbase-2015-rounds",
        dataset: crunchbaseDataset, licence: crunchbaseLicence, url: crunchbaseURL,
        retrieved: PartialDate(year: 2015, month: 12, day: 4),
        columns: [
            ("company_permalink", .toKey), ("company_name", .toName), ("company_category_list", .toSectors),
            ("company_country_code", .toCountry),
        ],
        ignored: place.map { "company_" + $0 } + [
            "funding_round_permalink", "funding_round_type", "funding_round_code", "funded_at", "raised_amount_usd",
        ],
        kind: .investment, status: .completed, event: .closed, companiesOnly: true)
}

/// Reads a CSV file's records into an import batch with a preset or a mapping.
public struct CSVImporter {
    public let preset: CSVPreset
    public let source: ImportSource

    public init(preset: CSVPreset, file: String) {
        self.preset = preset
        source = ImportSource(
            dataset: preset.dataset, licence: preset.licence, url: preset.url, retrieved: preset.retrieved,
            file: file)
    }

    /// A mapping of a file that no preset knows: `columns` from `--map`, the dataset named by the user.
    public init(
        mapping columns: [(column: String, target: CSVTarget)], kind: AllianceKind, status: AllianceStatus,
        dataset: String, licence: String?, file: String
    ) {
        preset = CSVPreset(
            name: "map", dataset: dataset, licence: licence, columns: columns, ignored: [], kind: kind,
            status: status, event: .announced)
        source = ImportSource(dataset: dataset, licence: licence, file: file)
    }

    /// Reads every record of `reader`; `progress` is called every few thousand records with the bytes read.
    public func read(_ reader: inout CSVReader, progress: (Int) -> Void = { _ in }) throws(ImportError) -> ImportBatch {
        var batch = ImportBatch(source: source)
        guard let first = reader.next() else { throw ImportError(file: source.file, "the file has no header line") }
        guard case .record(let header) = first else {
            if case .problem(let p) = first { throw ImportError(file: source.file, "the header: \(p)") }
            throw ImportError(file: source.file, "the file has no header line")
        }
        if let hint = CSVReader.sniffSeparator(headerLine: header.fields.joined(separator: ",")),
            header.fields.count == 1
        {
            throw ImportError(file: source.file, "line 1: \(hint)")
        }
        var index: [CSVTarget: Int] = [:]
        var missing: [String] = []
        let columns = header.fields.map { $0.trimmingSpaces }
        for (column, target) in preset.columns {
            if let i = columns.firstIndex(of: column) { index[target] = i } else { missing.append(column) }
        }
        if !missing.isEmpty {
            throw ImportError(
                file: source.file,
                "line 1: the header lacks \(missing.map { "\"\($0)\"" }.joined(separator: ", ")), which "
                    + (preset.name == "map" ? "--map names" : "preset \(preset.name) reads")
                    + "; the header has: \(columns.joined(separator: ", "))")
        }
        let rows = RowReader(preset: preset, source: source, index: index, header: columns)
        let own = AlliesCSVRows(header: columns)
        var seen: [String: Int] = [:]
        var given = Set<ImportedCompany>()
        var count = 0
        while let item = reader.next() {
            count += 1
            if count % 4096 == 0 { progress(reader.bytesRead) }
            batch.records += 1
            switch item {
            case .problem(let p):
                // From the line the record starts on to the line of the problem, which the reason names.
                batch.rejects.append(
                    ImportReject(
                        line: p.firstLine, endLine: p.line, reason: p.message, text: p.text,
                        place: p.column.map { (p.line, $0) }))
            case .record(let r) where preset.isAlliesCSV:
                switch own.read(r) {
                case .failure(let reject): batch.rejects.append(reject)
                case .success(let (companies, alliance, number)):
                    // Rows 2…n of an alliance with several amounts: its amounts, not alliances of their own.
                    if number > 1, let last = batch.alliances.last, last.id == alliance.id {
                        batch.alliances[batch.alliances.count - 1].amounts += alliance.amounts
                        batch.alliances[batch.alliances.count - 1].endLine = alliance.endLine
                        batch.joined += 1
                    } else if number > 1 {
                        batch.rejects.append(
                            ImportReject(
                                line: r.line, endLine: r.endLine,
                                reason: "amount \(number) of alliance \(alliance.id ?? "") without its amount 1 "
                                    + "on the line before", text: CSVText.line(r.fields)))
                    } else {
                        batch.companies += companies
                        batch.alliances.append(alliance)
                    }
                }
            case .record(let r):
                switch rows.read(r) {
                case .failure(let reject): batch.rejects.append(reject)
                case .success(let (companies, alliance)):
                    // A company given again exactly as before changes nothing when merged (the merge only adds
                    // what a company lacks): kept once, so a million rows naming 150,000 companies hold 150,000.
                    for c in companies where c.line != nil || given.insert(c).inserted { batch.companies.append(c) }
                    if let alliance {
                        if let earlier = seen[alliance.key] {
                            batch.duplicates.append((line: r.line, of: earlier))
                        } else {
                            seen[alliance.key] = r.line
                        }
                        batch.alliances.append(alliance)
                    }
                }
            }
        }
        batch.lines = reader.linesRead
        progress(reader.bytesRead)
        return batch
    }
}

/// A row of Allies' own CSV (`allies export --format csv`, the alliances listing's columns).
struct AlliesCSVRows {
    static let columns = [
        "id", "date", "precision", "event", "kind", "status", "parties", "title", "titulo", "amount_number",
        "amount_count", "amount_value", "amount_currency", "amount_bound", "amount_per", "amount_term_years",
        "amount_estimated", "amount_cumulative", "amount_from", "amount_to", "amount_purpose",
    ]
    let index: [String: Int]

    init(header: [String]) {
        var index: [String: Int] = [:]
        for (i, h) in header.enumerated() where index[h] == nil { index[h] = i }
        self.index = index
    }

    /// The companies, the alliance (with this row's amount), and the amount's number (1 for the first row).
    func read(_ r: CSVRecord) -> Result<([ImportedCompany], ImportedAlliance, Int), ImportReject> {
        func reject(_ reason: String) -> Result<([ImportedCompany], ImportedAlliance, Int), ImportReject> {
            .failure(ImportReject(line: r.line, endLine: r.endLine, reason: reason, text: CSVText.line(r.fields)))
        }
        guard r.fields.count == index.count || r.fields.count >= Self.columns.count else {
            return reject("\(r.fields.count) fields where the header has \(Self.columns.count)")
        }
        func v(_ c: String) -> String { index[c].map { r.fields[$0] } ?? "" }
        func col(_ c: String) -> String { "\(c) (column \((index[c] ?? 0) + 1))" }
        func choice<E: RawRepresentable & CaseIterable>(_ c: String, _: E.Type) -> E? where E.RawValue == String {
            E(rawValue: v(c))
        }
        func expected<E: RawRepresentable & CaseIterable>(_ c: String, _: E.Type) -> String where E.RawValue == String {
            "\(col(c)) is \"\(v(c))\": expected one of " + E.allCases.map(\.rawValue).joined(separator: ", ")
        }
        let id = v("id")
        guard !id.isEmpty, Slug.make(id) == id else { return reject("\(col("id")) is \"\(id)\": expected a slug") }
        guard let kind = choice("kind", AllianceKind.self) else { return reject(expected("kind", AllianceKind.self)) }
        guard let status = choice("status", AllianceStatus.self) else {
            return reject(expected("status", AllianceStatus.self))
        }
        var date: DatedEvent?
        if !v("date").isEmpty {
            guard case .success(let d) = PartialDate.parse(v("date")) else {
                return reject("\(col("date")) is \"\(v("date"))\": expected YYYY, YYYY-MM or YYYY-MM-DD")
            }
            guard let event = choice("event", DateEvent.self) else { return reject(expected("event", DateEvent.self)) }
            date = DatedEvent(d, event)
        }
        var parties: [ImportedParty] = []
        var companies: [ImportedCompany] = []
        for part in v("parties").split(separator: " ") {
            guard let colon = part.lastIndex(of: ":"),
                let role = PartyRole(rawValue: String(part[part.index(after: colon)...]))
            else {
                return reject("\(col("parties")): \"\(part)\" is not company-id:role")
            }
            let company = String(part[..<colon])
            parties.append(ImportedParty(company, role))
            var c = ImportedCompany(key: company, name: company)
            c.keyIsDatasetID = true
            companies.append(c)
        }
        guard parties.count >= 2 else { return reject("\(col("parties")): a deal needs two parties") }
        let number = Int(v("amount_number")) ?? 0
        var amounts: [Amount] = []
        if (Int(v("amount_count")) ?? 0) > 0 {
            guard let value = Double(v("amount_value")), value > 0 else {
                return reject("\(col("amount_value")) is \"\(v("amount_value"))\": expected a positive number")
            }
            guard Amount.knownCurrencies.contains(v("amount_currency")) else {
                return reject("\(col("amount_currency")) is \"\(v("amount_currency"))\": expected an ISO 4217 code")
            }
            guard let bound = choice("amount_bound", Bound.self) else {
                return reject(expected("amount_bound", Bound.self))
            }
            guard let per = choice("amount_per", Amount.Per.self) else {
                return reject(expected("amount_per", Amount.Per.self))
            }
            var purpose: AllianceKind?
            if !v("amount_purpose").isEmpty {
                guard let p = choice("amount_purpose", AllianceKind.self) else {
                    return reject(expected("amount_purpose", AllianceKind.self))
                }
                purpose = p
            }
            let term = v("amount_term_years")
            guard term.isEmpty || Double(term) != nil else {
                return reject("\(col("amount_term_years")) is \"\(term)\": expected a number of years")
            }
            amounts = [
                Amount(
                    value: value, currency: v("amount_currency"), per: per, bound: bound,
                    estimated: v("amount_estimated") == "true", cumulative: v("amount_cumulative") == "true",
                    termYears: Double(term), from: v("amount_from").isEmpty ? nil : v("amount_from"),
                    to: v("amount_to").isEmpty ? nil : v("amount_to"), purpose: purpose)
            ]
        }
        let title = LocalizedText(en: v("title"), es: v("titulo").isEmpty ? v("title") : v("titulo"))
        var alliance = ImportedAlliance(
            key: id, kind: kind, parties: parties, amounts: amounts, date: date, status: status,
            title: title.en.isEmpty ? nil : title, line: r.line, endLine: r.endLine)
        alliance.id = id
        return .success((companies, alliance, max(1, number)))
    }
}

/// Why an import cannot start (a file-level problem; a record's problems are rejects).
public struct ImportError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(file: String, _ message: String) { description = "\(file): \(message)" }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s.removeFirst() }
        while s.last == " " || s.last == "\t" { s.removeLast() }
        return String(s)
    }
}

/// One record of a CSV file to companies and an alliance.
struct RowReader {
    let preset: CSVPreset
    let source: ImportSource
    let index: [CSVTarget: Int]
    let header: [String]

    func read(_ r: CSVRecord) -> Result<([ImportedCompany], ImportedAlliance?), ImportReject> {
        func reject(_ reason: String) -> Result<([ImportedCompany], ImportedAlliance?), ImportReject> {
            .failure(ImportReject(line: r.line, endLine: r.endLine, reason: reason, text: CSVText.line(r.fields)))
        }
        guard r.fields.count == header.count else {
            return reject("\(r.fields.count) fields where the header has \(header.count)")
        }
        func value(_ t: CSVTarget) -> String? {
            guard let i = index[t] else { return nil }
            let v = r.fields[i].trimmingSpaces
            return v.isEmpty ? nil : v
        }
        func column(_ t: CSVTarget) -> String {
            guard let i = index[t] else { return t.rawValue }
            return "\(header[i]) (column \(i + 1))"
        }
        // The companies.
        func company(_ side: (key: CSVTarget, name: CSVTarget, country: CSVTarget, sectors: CSVTarget), role: String)
            -> Result<ImportedCompany, ImportReject>
        {
            guard let name = value(side.name) else {
                return .failure(
                    ImportReject(
                        line: r.line, endLine: r.endLine,
                        reason: "\(column(side.name)) is empty: expected the "
                            + "\(role)'s name", text: CSVText.line(r.fields)))
            }
            // A name is one line. A quoted field of many lines that closes where the header's field count still
            // fits is read as one field (real exports have long fields), so a stray quote that swallowed whole
            // lines ends up here: the record goes to the rejects whole, with the lines it spans.
            for (target, text) in [(side.name, name), (side.key, value(side.key) ?? "")]
            where text.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
                let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
                    .count
                return .failure(
                    ImportReject(
                        line: r.line, endLine: r.endLine,
                        reason: "\(column(target)) holds \(lines) lines (\(text.count) characters): expected the "
                            + "\(role)'s \(target == side.name ? "name" : "key") on one line"
                            + (r.endLine > r.line
                                ? "; a quote opened on line \(r.line) and closed on line \(r.endLine) may have "
                                    + "swallowed the lines between" : ""),
                        text: CSVText.line(r.fields)))
            }
            var country: String?
            if let c = value(side.country) {
                guard let code = Countries.alpha2(c) else {
                    return .failure(
                        ImportReject(
                            line: r.line, endLine: r.endLine,
                            reason: "\(column(side.country)) is \"\(c)\": expected an ISO 3166 country code "
                                + "(US or USA)", text: CSVText.line(r.fields)))
                }
                country = code
            }
            let sectors = (value(side.sectors) ?? "").split(separator: "|").map { String($0).trimmingSpaces }.filter {
                !$0.isEmpty
            }
            return .success(
                ImportedCompany(
                    key: value(side.key) ?? "name:" + CompanyNames.normalized(name), name: name, country: country,
                    sectors: sectors))
        }
        let to: ImportedCompany
        switch company((.toKey, .toName, .toCountry, .toSectors), role: preset.companiesOnly ? "company" : "target") {
        case .failure(let f): return .failure(f)
        case .success(let c): to = c
        }
        if preset.companiesOnly {
            var own = to
            own.line = r.line
            return .success(([own], nil))
        }
        if let prefix = preset.personKeyPrefix, let key = value(.fromKey), key.hasPrefix(prefix) {
            return reject(
                "\(column(.fromKey)) is \"\(key)\", a person: Allies records alliances between companies")
        }
        let from: ImportedCompany
        switch company((.fromKey, .fromName, .fromCountry, .fromSectors), role: "other party") {
        case .failure(let f): return .failure(f)
        case .success(let c): from = c
        }
        if from.key == to.key {
            return reject("both parties are \"\(to.key)\" (\(to.name)): a deal needs two companies")
        }
        // The deal.
        var kind = preset.kind
        if let k = value(.kind) {
            guard let parsed = AllianceKind(rawValue: k) else {
                return reject(
                    "\(column(.kind)) is \"\(k)\": expected one of "
                        + AllianceKind.allCases.map(\.rawValue).joined(separator: ", "))
            }
            kind = parsed
        }
        var status = preset.status
        if let s = value(.status) {
            guard let parsed = AllianceStatus(rawValue: s) else {
                return reject(
                    "\(column(.status)) is \"\(s)\": expected one of "
                        + AllianceStatus.allCases.map(\.rawValue).joined(separator: ", "))
            }
            status = parsed
        }
        var date: DatedEvent?
        if let d = value(.date) {
            // `2015-07-23 00:00:00`: the day; the time of day says nothing more.
            let day = d.count > 10 && d.dropFirst(10).first == " " ? String(d.prefix(10)) : d
            switch PartialDate.parse(day) {
            case .success(let p): date = DatedEvent(p, preset.event)
            case .failure(let e): return reject("\(column(.date)) is \"\(d)\": \(inEnglish(e))")
            }
        } else if let m = value(.month) {
            switch PartialDate.parse(m) {
            case .success(let p): date = DatedEvent(p, preset.event)
            case .failure(let e): return reject("\(column(.month)) is \"\(m)\": \(inEnglish(e))")
            }
        }
        var amounts: [Amount] = []
        if let a = value(.amount) {
            guard let v = Double(a), v.isFinite, v >= 0, v < 1e15 else {
                return reject("\(column(.amount)) is \"\(a)\": expected a number such as 9000000")
            }
            if v > 0 {
                let currency = index[.currency] == nil ? "USD" : value(.currency)
                guard let currency else {
                    return reject("\(column(.amount)) is \(a) but \(column(.currency)) is empty: expected ISO 4217")
                }
                guard Amount.knownCurrencies.contains(currency) else {
                    return reject("\(column(.currency)) is \"\(currency)\": expected an ISO 4217 code such as USD")
                }
                amounts = [
                    Amount(value: v, currency: currency, bound: preset.amountBound, note: preset.amountNote)
                ]
            }
        }
        let key =
            preset.name == CSVPreset.crunchbaseInvestments.name
            ? "\(value(.key) ?? "") \(from.key)"
            : value(.key) ?? "\(from.key) \(kind.rawValue) \(to.key)" + (date.map { " \($0.value)" } ?? "")
        let text = { (en: CSVTarget, es: CSVTarget) -> LocalizedText? in
            guard value(en) != nil || value(es) != nil else { return nil }
            return LocalizedText(en: value(en) ?? value(es)!, es: value(es) ?? value(en)!)
        }
        let alliance = ImportedAlliance(
            key: key, kind: kind, parties: [ImportedParty(from.key, kind.paying), ImportedParty(to.key, kind.paid)],
            amounts: amounts, date: date, status: status, title: text(.title, .titulo),
            summary: text(.summary, .resumen), line: r.line, endLine: r.endLine)
        return .success(([from, to], alliance))
    }
}

extension AllianceKind {
    /// The roles of a deal of this kind between the side that pays and the side that is paid.
    var paying: PartyRole {
        switch self {
        case .acquisition: return .acquirer
        case .investment: return .investor
        case .partnership, .jointInfrastructure: return .partner
        default: return .customer
        }
    }
    var paid: PartyRole {
        switch self {
        case .acquisition: return .target
        case .investment: return .investee
        case .partnership, .jointInfrastructure: return .partner
        default: return .supplier
        }
    }
}

/// A record written back as one CSV line (for the rejects file).
public enum CSVText {
    public static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
    }
    public static func line(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") }
}

extension String {
    func replacingAll(_ a: Character, with b: String) -> String {
        var out = ""
        for c in self { if c == a { out += b } else { out.append(c) } }
        return out
    }
}

/// ISO 3166-1 codes: alpha-3 (as Crunchbase writes them) to alpha-2 (as Allies stores them).
public enum Countries {
    /// `USA` → `US`, `us` → `US`; nil for anything that is not an assigned code (`UK` is not: it is `GB`).
    public static func alpha2(_ code: String) -> String? {
        let upper = code.uppercased()
        if upper.count == 2 { return Company.countryCodes.contains(upper) ? upper : nil }
        return alpha3[upper] ?? former[upper]
    }

    /// Alpha-3 codes no longer assigned that exports still carry (ISO 3166-3): Romania was ROM until 2002.
    static let former: [String: String] = ["ROM": "RO", "ZAR": "CD", "TMP": "TL"]

    /// From Debian's iso-codes 4.15 (`/usr/share/iso-codes/json/iso_3166-1.json`), which follows the ISO 3166
    /// Maintenance Agency's list: the 249 assigned codes.
    static let alpha3: [String: String] = [
        "ABW": "AW", "AFG": "AF", "AGO": "AO", "AIA": "AI", "ALA": "AX", "ALB": "AL", "AND": "AD",
        "ARE":
            "AE", "ARG": "AR", "ARM": "AM", "ASM": "AS", "ATA": "AQ", "ATF": "TF", "ATG": "AG", "AUS": "AU",
        "AUT": "AT", "AZE": "AZ", "BDI": "BI", "BEL": "BE", "BEN": "BJ", "BES": "BQ", "BFA": "BF",
        "BGD":
            "BD", "BGR": "BG", "BHR": "BH", "BHS": "BS", "BIH": "BA", "BLM": "BL", "BLR": "BY", "BLZ": "BZ",
        "BMU": "BM", "BOL": "BO", "BRA": "BR", "BRB": "BB", "BRN": "BN", "BTN": "BT", "BVT": "BV",
        "BWA":
            "BW", "CAF": "CF", "CAN": "CA", "CCK": "CC", "CHE": "CH", "CHL": "CL", "CHN": "CN", "CIV": "CI",
        "CMR": "CM", "COD": "CD", "COG": "CG", "COK": "CK", "COL": "CO", "COM": "KM", "CPV": "CV",
        "CRI":
            "CR", "CUB": "CU", "CUW": "CW", "CXR": "CX", "CYM": "KY", "CYP": "CY", "CZE": "CZ", "DEU": "DE",
        "DJI": "DJ", "DMA": "DM", "DNK": "DK", "DOM": "DO", "DZA": "DZ", "ECU": "EC", "EGY": "EG",
        "ERI":
            "ER", "ESH": "EH", "ESP": "ES", "EST": "EE", "ETH": "ET", "FIN": "FI", "FJI": "FJ", "FLK": "FK",
        "FRA": "FR", "FRO": "FO", "FSM": "FM", "GAB": "GA", "GBR": "GB", "GEO": "GE", "GGY": "GG",
        "GHA":
            "GH", "GIB": "GI", "GIN": "GN", "GLP": "GP", "GMB": "GM", "GNB": "GW", "GNQ": "GQ", "GRC": "GR",
        "GRD": "GD", "GRL": "GL", "GTM": "GT", "GUF": "GF", "GUM": "GU", "GUY": "GY", "HKG": "HK",
        "HMD":
            "HM", "HND": "HN", "HRV": "HR", "HTI": "HT", "HUN": "HU", "IDN": "ID", "IMN": "IM", "IND": "IN",
        "IOT": "IO", "IRL": "IE", "IRN": "IR", "IRQ": "IQ", "ISL": "IS", "ISR": "IL", "ITA": "IT",
        "JAM":
            "JM", "JEY": "JE", "JOR": "JO", "JPN": "JP", "KAZ": "KZ", "KEN": "KE", "KGZ": "KG", "KHM": "KH",
        "KIR": "KI", "KNA": "KN", "KOR": "KR", "KWT": "KW", "LAO": "LA", "LBN": "LB", "LBR": "LR",
        "LBY":
            "LY", "LCA": "LC", "LIE": "LI", "LKA": "LK", "LSO": "LS", "LTU": "LT", "LUX": "LU", "LVA": "LV",
        "MAC": "MO", "MAF": "MF", "MAR": "MA", "MCO": "MC", "MDA": "MD", "MDG": "MG", "MDV": "MV",
        "MEX":
            "MX", "MHL": "MH", "MKD": "MK", "MLI": "ML", "MLT": "MT", "MMR": "MM", "MNE": "ME", "MNG": "MN",
        "MNP": "MP", "MOZ": "MZ", "MRT": "MR", "MSR": "MS", "MTQ": "MQ", "MUS": "MU", "MWI": "MW",
        "MYS":
            "MY", "MYT": "YT", "NAM": "NA", "NCL": "NC", "NER": "NE", "NFK": "NF", "NGA": "NG", "NIC": "NI",
        "NIU": "NU", "NLD": "NL", "NOR": "NO", "NPL": "NP", "NRU": "NR", "NZL": "NZ", "OMN": "OM",
        "PAK":
            "PK", "PAN": "PA", "PCN": "PN", "PER": "PE", "PHL": "PH", "PLW": "PW", "PNG": "PG", "POL": "PL",
        "PRI": "PR", "PRK": "KP", "PRT": "PT", "PRY": "PY", "PSE": "PS", "PYF": "PF", "QAT": "QA",
        "REU":
            "RE", "ROU": "RO", "RUS": "RU", "RWA": "RW", "SAU": "SA", "SDN": "SD", "SEN": "SN", "SGP": "SG",
        "SGS": "GS", "SHN": "SH", "SJM": "SJ", "SLB": "SB", "SLE": "SL", "SLV": "SV", "SMR": "SM",
        "SOM":
            "SO", "SPM": "PM", "SRB": "RS", "SSD": "SS", "STP": "ST", "SUR": "SR", "SVK": "SK", "SVN": "SI",
        "SWE": "SE", "SWZ": "SZ", "SXM": "SX", "SYC": "SC", "SYR": "SY", "TCA": "TC", "TCD": "TD",
        "TGO":
            "TG", "THA": "TH", "TJK": "TJ", "TKL": "TK", "TKM": "TM", "TLS": "TL", "TON": "TO", "TTO": "TT",
        "TUN": "TN", "TUR": "TR", "TUV": "TV", "TWN": "TW", "TZA": "TZ", "UGA": "UG", "UKR": "UA",
        "UMI":
            "UM", "URY": "UY", "USA": "US", "UZB": "UZ", "VAT": "VA", "VCT": "VC", "VEN": "VE", "VGB": "VG",
        "VIR": "VI", "VNM": "VN", "VUT": "VU", "WLF": "WF", "WSM": "WS", "YEM": "YE", "ZAF": "ZA",
        "ZMB":
            "ZM", "ZWE": "ZW",
    ]
}

/// An error's text in English whatever the reader's language: reasons go into the rejects file, an interface.
private func inEnglish(_ error: some CustomStringConvertible) -> String {
    Language.$scoped.withValue(.en) { error.description }
}
