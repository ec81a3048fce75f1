@testable import AlliesCore
import Foundation
import Testing

/// The record declarations (RecordFields.swift) are the one list of each record's fields: FORMAT.md documents the same
/// fields with the same required flags, and the snapshot's file format is pinned to them.
@Suite("Record declarations")
struct RecordFieldsTests {
    /// FORMAT.md's field tables, by record name: (field, required) in the order of the table.
    static func documentedTables() throws -> [String: [(String, Bool)]] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("FORMAT.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        var tables: [String: [(String, Bool)]] = [:]
        var current: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## ") { current = String(line.dropFirst(3)) }
            if line.hasPrefix("**"), line.hasSuffix("**"), !line.contains(" ") {
                current = String(line.dropFirst(2).dropLast(2))
            }
            guard let record = current, line.hasPrefix("| `") else { continue }
            // `\|` separates choices inside a cell ("`total` \| `year`").
            let cells = line.replacingOccurrences(of: "\\|", with: "/").split(separator: "|").map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard cells.count >= 3 else { continue }
            let name = cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            tables[record, default: []].append((name, cells[2].hasPrefix("yes")))
        }
        return tables
    }

    @Test func formatMDDocumentsEveryDeclaredFieldWithTheSameRequiredFlag() throws {
        let tables = try Self.documentedTables()
        var compared = 0
        for declaration in RecordFields.all {
            // Text, SourceQuote, Citation, Party, DatedEvent, Update, Subject, Figure and Share are described in
            // prose in FORMAT.md; the records with a table must match it exactly.
            guard let table = tables[declaration.record] else { continue }
            #expect(table.map(\.0) == declaration.fields.map(\.name), "\(declaration.record): names and order")
            #expect(table.map(\.1) == declaration.fields.map(\.spec.isRequired), "\(declaration.record): required")
            compared += 1
        }
        // Top level, Article, Group, Company, Alliance, Amount, Claim, Person, ShareEstimate.
        #expect(compared == 9, "records with a table in FORMAT.md: \(compared)")
    }

    @Test func proseRecordsNameEveryDeclaredField() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("FORMAT.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        for declaration in RecordFields.all {
            for field in declaration.fields {
                #expect(
                    text.contains("\"\(field.name)\"") || text.contains("`\(field.name)`"),
                    "FORMAT.md never names \(declaration.record).\(field.name)")
            }
        }
    }

    @Test func everyRecordTypeIsDeclaredOnceAndItsRequiredFieldsComeFromTheDeclaration() {
        let names = RecordFields.all.map(\.record)
        #expect(Set(names).count == names.count)
        #expect(names.count == 19)
        // The decoder's required set is the declaration's (a required field missing is reported).
        let company = DatasetDecoder.companyFields.object
        #expect(company.names == CompanyField.allCases.map(\.name))
        #expect(company.required.nonzeroBitCount == CompanyField.allCases.filter(\.isRequired).count)
    }

    /// The snapshot stores an enumeration as its case's position. Adding, removing or reordering a case changes what
    /// the stored numbers mean, so it must come with a new `DatasetCache.version` (old snapshots are then rebuilt)
    /// and a new pin here; this test fails until both are done.
    @Test func theSnapshotsStoredEnumerationsArePinned() {
        let pinned: [String: [String]] = [
            "CompanyKind": [
                "big-tech", "ai-lab", "chip-vendor", "cloud", "foundry", "energy", "data-platform",
                "network", "startup", "investor", "research", "datacenter", "other",
            ],
            "AllianceKind": [
                "investment", "cloud-contract", "chip-supply", "data-licensing", "model-distribution",
                "acquisition", "energy", "joint-infrastructure", "partnership",
            ],
            "AllianceStatus": ["predicted", "rumoured", "in-talks", "announced", "active", "completed", "ended"],
            "PartyRole": ["investor", "investee", "customer", "supplier", "acquirer", "target", "partner"],
            "Bound": ["exact", "about", "up-to", "at-least", "more-than"],
            "Amount.Per": ["total", "year"],
            "DateEvent": ["announced", "signed", "closed", "expected", "reported"],
            "ClaimKind": [
                "efficiency", "cost", "count", "adoption", "portfolio", "market-share", "capacity",
                "schedule", "other",
            ],
            "ShareEstimate.Metric": ["units", "revenue", "spending", "servers", "share"],
            "Share.ShareBound": ["exact", "about", "up-to", "at-least", "more-than", "range"],
            "CompanyOrder": [
                "name", "alliances", "partners", "money in", "money out", "last activity", "kind",
            ],
            "AllianceOrder": ["date", "amount", "parties"],
        ]
        let actual: [String: [String]] = [
            "CompanyKind": CompanyKind.allCases.map(\.rawValue),
            "AllianceKind": AllianceKind.allCases.map(\.rawValue),
            "AllianceStatus": AllianceStatus.allCases.map(\.rawValue),
            "PartyRole": PartyRole.allCases.map(\.rawValue),
            "Bound": Bound.allCases.map(\.rawValue),
            "Amount.Per": Amount.Per.allCases.map(\.rawValue),
            "DateEvent": DateEvent.allCases.map(\.rawValue),
            "ClaimKind": ClaimKind.allCases.map(\.rawValue),
            "ShareEstimate.Metric": ShareEstimate.Metric.allCases.map(\.rawValue),
            "Share.ShareBound": Share.ShareBound.allCases.map(\.rawValue),
            // The store keeps the lists' orders one after another in these orders (`StoredOrders`).
            "CompanyOrder": CompanyOrder.allCases.map(\.rawValue),
            "AllianceOrder": AllianceOrder.allCases.map(\.rawValue),
        ]
        for (name, cases) in pinned.sorted(by: { $0.key < $1.key }) {
            #expect(
                actual[name] == cases,
                "\(name) changed: bump DatasetCache.version (now \(DatasetCache.version)) and update this pin")
        }
        #expect(DatasetCache.version == 19, "a new snapshot version: check the pins above and update this one")
    }

    /// The snapshot stores each record's fields in the declaration's order: the declared field lists are pinned
    /// with the version too, so reordering or adding a field cannot silently reinterpret old snapshots.
    @Test func theSnapshotsFieldOrderIsPinned() {
        let layout = RecordFields.all.map { "\($0.record): " + $0.fields.map(\.name).joined(separator: " ") }
        #expect(
            layout == [
                "Top level: format version articles groups companies alliances claims people shareEstimates",
                "Text: en es",
                "SourceQuote: article quote note",
                "Citation: publisher title url published supports",
                "RecordSource: dataset key url retrieved licence",
                "Article: id file title outlet author published publishedNote language url retrieved text added "
                    + "updated",
                "Group: id name description sources citations added updated",
                "Company: id name aliases kind country parent description groups products sectors sources citations "
                    + "records added updated",
                "Alliance: id kind parties amounts date status title summary products sources citations "
                    + "disagreement updates records added updated",
                "Party: company role",
                "Amount: value currency per bound estimated cumulative termYears from to purpose note",
                "DatedEvent: value event",
                "Update: date text citations",
                "Claim: id about kind figure text date sources citations added updated",
                "Subject: company alliance product topic",
                "Figure: value unit bound",
                "Person: id name role organization organizationName sources added updated",
                "ShareEstimate: id market scope metric region year forecast publisher published shares "
                    + "sources citations added updated",
                "Share: vendor label bound value upper",
            ], "a record's fields changed: bump DatasetCache.version (now \(DatasetCache.version)) and update this pin")
    }
}
