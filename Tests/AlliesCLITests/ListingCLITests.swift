import Foundation
import Testing

/// Every listing is declared once (`Listing` in Sources/allies) and drawn as a table, CSV or JSON: whatever the
/// command, each CSV line has a cell for each header, and each JSON row has the same keys.
@Suite("Listings: one declaration, three formats")
struct ListingCLITests {
    static let commands: [[String]] = [
        ["companies"], ["companies", "--agreed-only"], ["alliances"], ["timeline"], ["company", "microsoft"],
        ["alliance", "microsoft-openai-investment"], ["search", "openai"], ["shares"],
        ["network", "microsoft", "--depth", "2"],
        ["path", "apple", "openai"], ["cycles"], ["money"], ["money", "--by", "year"], ["export", "--format", "csv"],
    ]

    /// RFC 4180 records: quoted fields may hold commas, quotes and line breaks.
    static func records(_ text: String) -> [[String]] {
        var records: [[String]] = [], record: [String] = [], field = "", quoted = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                record.append(field); field = ""
            } else if c == "\n" {
                record.append(field); records.append(record); record = []; field = ""
            } else {
                field.append(c)
            }
        }
        record.append(field)
        records.append(record)
        return records
    }

    @Test(arguments: commands) func everyCSVLineHasACellPerHeader(_ command: [String]) throws {
        let output = try AlliesBinary.run(command + (command.first == "export" ? [] : ["--format", "csv"]))
        #expect(output.status == 0, "\(output.stderr)")
        let records = Self.records(String(output.stdout.dropLast()))
        let header = try #require(records.first)
        #expect(records.count > 1, "\(command): no rows")
        for (n, record) in records.enumerated() {
            #expect(
                record.count == header.count,
                "\(command), line \(n + 1): \(record.count) cells, \(header.count) headers")
        }
    }

    @Test(arguments: [["companies"], ["alliances"], ["timeline"], ["search", "openai"], ["shares"], ["money"]])
    func everyJSONRowHasTheSameKeys(_ command: [String]) throws {
        let output = try AlliesBinary.run(command + ["--format", "json"])
        #expect(output.status == 0, "\(output.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: output.stdoutBytes) as? [[String: Any]])
        #expect(!rows.isEmpty)
        let keys = Set(rows[0].keys)
        #expect(rows.allSatisfy { Set($0.keys) == keys }, "\(command)")
    }

    /// A narrow table leaves out the columns with a drop rank (lowest first) rather than cut them.
    @Test func aNarrowTableDropsColumnsByRank() throws {
        let wide = try AlliesBinary.run(["companies", "--width", "200"])
        let narrow = try AlliesBinary.run(["companies", "--width", "60"])
        let wideHeader = String(wide.stdout.prefix { $0 != "\n" })
        let narrowHeader = String(narrow.stdout.prefix { $0 != "\n" })
        #expect(
            ["ID", "NAME", "KIND", "ALLIANCES", "MONEY IN", "MONEY OUT", "LAST"].allSatisfy { wideHeader.contains($0) })
        #expect(!narrowHeader.contains("KIND") && narrowHeader.contains("ID") && narrowHeader.contains("MONEY IN"))
    }
}
