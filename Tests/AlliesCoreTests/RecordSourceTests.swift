import Testing

@testable import AlliesCore

/// A fact imported from a dataset rests on a record of that dataset, not on an article quote (issue #14).
@Suite("Dataset records as sources")
struct RecordSourceTests {
    static let crunchbase = """
        "records": [
            {"dataset": "Crunchbase data export 2015-12-04",
             "key": "/organization/acme acquired by /organization/globex",
             "retrieved": "2015-12", "licence": "CC-BY-NC 4.0"}
          ]
        """

    /// The test dataset with the alliance's quote replaced by `replacement`.
    static func alliance(sourcedBy replacement: String) -> String {
        replacing(
            """
            "sources": [
                    {"article": "a1", "quote": "Acme invierte"}
                  ]
            """, with: replacement, in: validDataset)
    }

    @Test func anAllianceWithOnlyADatasetRecordLoadsWithItsRecord() throws {
        let dataset = try decode(Self.alliance(sourcedBy: Self.crunchbase)).get()
        let a = try #require(dataset.alliances.first)
        #expect(a.sources.isEmpty)
        #expect(
            a.records == [
                RecordSource(
                    dataset: "Crunchbase data export 2015-12-04",
                    key: "/organization/acme acquired by /organization/globex",
                    retrieved: PartialDate(year: 2015, month: 12), licence: "CC-BY-NC 4.0")
            ])
    }

    @Test func anAllianceWithNeitherAQuoteNorARecordIsRefusedWhereItIs() {
        let text = Self.alliance(sourcedBy: "\"products\": []")
        let found = diagnostics(text)
        #expect(found.count == 1)
        #expect(
            found.first?.message
                == "an alliance needs a source: at least one article quote (sources) or dataset record (records)")
        #expect(found.first?.record == "alliances[0] \"acme-globex\"")
    }

    @Test func aRecordWithoutItsKeyIsRefused() {
        let text = Self.alliance(
            sourcedBy: #""records": [{"dataset": "Crunchbase data export 2015-12-04"}]"#)
        #expect(diagnostics(text).contains { $0.message.contains("missing required field \"key\"") })
    }

    @Test func recordsRoundTripThroughTheEncoderAndTheSnapshot() throws {
        var dataset = try decode(Self.alliance(sourcedBy: Self.crunchbase)).get()
        dataset.companies[0].records = [
            RecordSource(
                dataset: "OpenSanctions", key: "NK-abc", url: "https://www.opensanctions.org/entities/NK-abc/",
                retrieved: PartialDate(year: 2025, month: 3, day: 1), licence: "CC-BY-NC 4.0")
        ]
        let json = dataset.canonicalJSON()
        let again = try decode(json).get()
        expectSameDataset(again, dataset)
        #expect(try throughSnapshot(json).companies == dataset.companies)
        #expect(try throughSnapshot(json).alliances == dataset.alliances)
        // Canonical: records after updates, before the dates.
        let text = json
        let records = try #require(text.range(of: "\"records\""))
        #expect(text.range(of: "\"sources\"") == nil || text.range(of: "\"sources\"")!.lowerBound < records.lowerBound)
    }
}
