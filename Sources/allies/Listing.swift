import AlliesCore
import AlliesText

/// One field of a listing, declared once: its table column (heading, alignment, drop rank) and cell, its CSV
/// header(s) and cells, its JSON key and value. A part left out is not in that format: `country` is in CSV and JSON
/// but not in the table, `MATCH` only in the table.
struct Column<Row> {
    struct TablePart {
        var column: Table.Column
        var cell: (Row) -> String
    }
    struct CSVPart {
        /// One header per cell: a money total takes several (`money_in_agreed`, `money_in_up_to`…).
        var headers: [String]
        /// The cells on a row's nth CSV line (a listing may give a row several lines: one per amount).
        var cells: (Row, _ line: Int) -> [String]
    }
    struct JSONPart {
        var key: String
        var value: (Row) -> JSONValue
    }

    /// What the listing's orders call it.
    let name: String
    var table: TablePart?
    var csv: CSVPart?
    var json: JSONPart?

    init(_ name: String, table: TablePart? = nil, csv: CSVPart? = nil, json: JSONPart? = nil) {
        self.name = name
        self.table = table
        self.csv = csv
        self.json = json
    }

    /// A field shown as the same text everywhere: a table cell, a CSV cell and a JSON string; `shown`, when given,
    /// is the table's cell instead (a label for people where CSV and JSON keep the raw value).
    static func text(
        _ name: String, table: Table.Column? = nil, csv: String? = nil, json: String? = nil,
        shown: ((Row) -> String)? = nil, _ text: @escaping (Row) -> String
    ) -> Column {
        Column(
            name, table: table.map { TablePart(column: $0, cell: shown ?? text) },
            csv: csv.map { CSVPart(headers: [$0]) { row, _ in [text(row)] } },
            json: json.map { JSONPart(key: $0) { .string(text($0)) } })
    }

    /// A field that may be missing: `none` in the table, an empty CSV cell, JSON null.
    static func optional(
        _ name: String, table: Table.Column? = nil, csv: String? = nil, json: String? = nil,
        none: String = "—", _ text: @escaping (Row) -> String?
    ) -> Column {
        Column(
            name, table: table.map { TablePart(column: $0) { text($0) ?? none } },
            csv: csv.map { CSVPart(headers: [$0]) { row, _ in [text(row) ?? ""] } },
            json: json.map { JSONPart(key: $0) { .optional(text($0)) } })
    }

    /// A count: a number in JSON.
    static func count(
        _ name: String, table: Table.Column? = nil, csv: String? = nil, json: String? = nil,
        _ count: @escaping (Row) -> Int
    ) -> Column {
        Column(
            name, table: table.map { TablePart(column: $0) { String(count($0)) } },
            csv: csv.map { CSVPart(headers: [$0]) { row, _ in [String(count(row))] } },
            json: json.map { JSONPart(key: $0) { .number(Double(count($0))) } })
    }

    /// A money total: its compact text in the table, its parts in CSV (`MoneyCSV`) and JSON (`jsonMoney`).
    static func money(
        _ name: String, table: Table.Column? = nil, csv: String? = nil, json: String? = nil,
        ascii: Bool, _ total: @escaping (Row) -> MoneyTotal
    ) -> Column {
        Column(
            name, table: table.map { TablePart(column: $0) { MoneyFormat.total(total($0), ascii: ascii) } },
            csv: csv.map { CSVPart(headers: MoneyCSV.header($0)) { row, _ in MoneyCSV.cells(total(row)) } },
            json: json.map { JSONPart(key: $0) { jsonMoney(total($0)) } })
    }
}

/// A listing: its columns, declared once, drive the table, the CSV and the JSON. Each format shows the columns that
/// have a part for it, in the order declared (CSV always), or in the order the listing gives the table or the JSON by
/// name: the formats of some listings have long put their fields in different orders, and scripts rely on them.
struct Listing<Row> {
    var columns: [Column<Row>]
    var tableOrder: [String]? = nil
    var jsonOrder: [String]? = nil
    /// How many CSV lines a row takes (one per amount, per bucket…); one when nil.
    var csvLines: ((Row) -> Int)? = nil

    private func ordered(_ order: [String]?) -> [Column<Row>] {
        guard let order else { return columns }
        return order.map { name in
            guard let column = columns.first(where: { $0.name == name }) else {
                preconditionFailure("no column \(name)")
            }
            return column
        }
    }

    func table(_ rows: [Row], width: Int?) -> String {
        let parts = ordered(tableOrder).compactMap(\.table)
        var table = Table(parts.map(\.column))
        for row in rows { table.add(parts.map { $0.cell(row) }) }
        return table.render(width: width)
    }

    /// CSV and JSON are the same in every language (`inEnglish`).
    func csv(_ rows: [Row]) -> String { inEnglish { englishCSV(rows) } }

    private func englishCSV(_ rows: [Row]) -> String {
        let parts = columns.compactMap(\.csv)
        var csv = CSV(header: parts.flatMap(\.headers))
        for row in rows {
            for line in 0..<(csvLines?(row) ?? 1) { csv.rows.append(parts.flatMap { $0.cells(row, line) }) }
        }
        return csv.render()
    }

    /// One JSON object per row.
    func json(_ row: Row) -> JSONValue {
        inEnglish { .object(ordered(jsonOrder).compactMap(\.json).map { ($0.key, $0.value(row)) }) }
    }

    func json(_ rows: [Row]) -> JSONValue { .array(rows.map(json)) }

    func render(_ rows: [Row], _ format: OutputFormat, width: Int?) -> String {
        switch format {
        case .table: return table(rows, width: width)
        case .csv: return csv(rows)
        case .json: return json(rows).rendered()
        }
    }
}
