import AlliesCore
import Testing

/// An alliance's updates (#16): what happened after the sources, dated and cited. Read with every problem placed
/// (file:line:column, record, field), written in their canonical place, kept through the snapshot, and never a
/// change to what the sources said.
@Suite("Alliance updates")
struct AllianceUpdateTests {
    static let sourcesLine = "{\"article\": \"a1\", \"quote\": \"Acme invierte\"}\n      ]"

    /// `validDataset` with `updates` (the JSON text of the array) after the alliance's sources.
    static func withUpdates(_ updates: String) -> String {
        replacing(sourcesLine, with: sourcesLine + ",\n      \"updates\": " + updates, in: validDataset)
    }

    static let citation = """
        {"publisher": "Reuters", "title": "Acme deal stalls", "url": "https://example.com/acme", "published": \
        "2024-09-02", "supports": "status"}
        """

    static let twoUpdates = """
        [
                {"date": "2024-08", "text": {"en": "Talks stalled", "es": "Las conversaciones se estancaron"}, \
        "citations": [\(citation)]},
                {"date": "2024-09-01", "text": {"en": "Deal signed", "es": "Acuerdo firmado"}, "citations": \
        [\(citation)]}
              ]
        """

    @Test func theDecoderReadsUpdatesOldestFirst() throws {
        let dataset = try decode(Self.withUpdates(Self.twoUpdates)).get()
        let cited = Citation(
            publisher: "Reuters", title: "Acme deal stalls", url: "https://example.com/acme",
            published: PartialDate(year: 2024, month: 9, day: 2), supports: "status")
        #expect(
            dataset.alliances[0].updates == [
                AllianceUpdate(
                    date: PartialDate(year: 2024, month: 8),
                    text: LocalizedText(en: "Talks stalled", es: "Las conversaciones se estancaron"),
                    citations: [cited]),
                AllianceUpdate(
                    date: PartialDate(year: 2024, month: 9, day: 1),
                    text: LocalizedText(en: "Deal signed", es: "Acuerdo firmado"), citations: [cited]),
            ])
        // A month keeps its precision: 2024-08 is not 2024-08-01.
        #expect(dataset.alliances[0].updates[0].date.precision == .month)
        // The alliance's own status and amounts stay what the sources said.
        #expect(dataset.alliances[0].status == .active)
        #expect(dataset.alliances[0].amounts == [Amount(value: 1_000_000, currency: "USD")])
        // No updates, null or an empty list: none.
        #expect(try decode(validDataset).get().alliances[0].updates.isEmpty)
        #expect(try decode(Self.withUpdates("null")).get().alliances[0].updates.isEmpty)
        #expect(try decode(Self.withUpdates("[]")).get().alliances[0].updates.isEmpty)
    }

    @Test func anUpdateWithoutACitationIsReportedWithItsPlace() {
        // An empty list of citations.
        let empty = Self.withUpdates(
            """
            [{"date": "2024-08", "text": {"en": "Talks stalled", "es": "Se estancaron"}, "citations": []}]
            """)
        let found = diagnostics(empty)
        #expect(found.count == 1)
        #expect(found.first?.message == "expected at least 1 item, found 0 valid")
        #expect(found.first?.record == "alliances[0] \"acme-globex\"")
        #expect(found.first?.field == "updates[0].citations")
        #expect(found.first?.position?.description == position(of: "[]}]", in: empty))
        #expect(
            found.first?.description.hasPrefix(
                "test.json:\(position(of: "[]}]", in: empty)): alliances[0] \"acme-globex\", "
                    + "field updates[0].citations: "
            ) == true)

        // No citations field at all.
        let missing = Self.withUpdates(
            """
            [{"date": "2024-08", "text": {"en": "Talks stalled", "es": "Se estancaron"}}]
            """)
        let absent = diagnostics(missing)
        #expect(absent.map(\.message) == ["missing required field \"citations\""])
        #expect(absent.first?.field == "updates[0]")
        #expect(absent.first?.record == "alliances[0] \"acme-globex\"")
        #expect(absent.first?.position?.description == position(of: "{\"date\": \"2024-08\"", in: missing))

        // Citations that are all invalid leave none: the citation's own problem and the count are both reported.
        let invalid = Self.withUpdates(
            """
            [{"date": "2024-08", "text": {"en": "Talks stalled", "es": "Se estancaron"}, "citations": [{"publisher": \
            "Reuters"}]}]
            """)
        let bad = diagnostics(invalid)
        #expect(bad.map(\.field).contains("updates[0].citations"))
        #expect(
            bad.map(\.message).contains("1 given, 0 of them valid: at least 1 must be (each one says what is wrong)"))
        #expect(bad.map(\.message).contains("missing required field \"title\""))
    }

    @Test func anUpdateDatedBeforeTheOneBeforeItIsReported() {
        let text = Self.withUpdates(
            """
            [
                    {"date": "2024-09-01", "text": {"en": "Deal signed", "es": "Acuerdo firmado"}, "citations": \
            [\(Self.citation)]},
                    {"date": "2024-08-15", "text": {"en": "Talks stalled", "es": "Se estancaron"}, "citations": \
            [\(Self.citation)]},
                    {"date": "2024-08-20", "text": {"en": "Talks resumed", "es": "Se reanudaron"}, "citations": \
            [\(Self.citation)]}
                  ]
            """)
        let found = diagnostics(text)
        // Only the update earlier than the one just before it: the third follows the second.
        #expect(found.count == 1)
        let expected =
            "update dated 2024-08-15 is earlier than the update before it (2024-09-01): "
            + "list updates oldest first"
        #expect(found.first?.message == expected)
        #expect(found.first?.record == "alliances[0] \"acme-globex\"")
        #expect(found.first?.field == "updates[1].date")
        #expect(found.first?.position?.description == position(of: "\"2024-08-15\"", in: text))

        // A month before the days in it is in order (it sorts first); the same date twice is in order too.
        let coarse = Self.withUpdates(
            """
            [
                    {"date": "2024-08", "text": {"en": "a", "es": "a"}, "citations": [\(Self.citation)]},
                    {"date": "2024-08-15", "text": {"en": "b", "es": "b"}, "citations": [\(Self.citation)]},
                    {"date": "2024-08-15", "text": {"en": "c", "es": "c"}, "citations": [\(Self.citation)]}
                  ]
            """)
        #expect((try? decode(coarse).get()) != nil)
    }

    @Test func updateFieldsAreCheckedLikeEveryOther() {
        let text = Self.withUpdates(
            """
            [{"date": "2024-13", "txt": {"en": "a", "es": "a"}, "citations": [\(Self.citation)]}]
            """)
        let found = diagnostics(text)
        // In the order of their places: the object (for the missing field), its date, the unknown field.
        #expect(
            found.map(\.message) == [
                "missing required field \"text\"",
                "invalid date \"2024-13\": month 13 does not exist (expected 01–12)",
                "unknown field \"txt\" (did you mean \"text\"?)",
            ])
        // An unknown field is placed at its key, in the object that holds it (as everywhere).
        #expect(found.map(\.field) == ["updates[0]", "updates[0].date", "updates[0]"])
        #expect(found.last?.position?.description == position(of: "\"txt\"", in: text))
        // A misspelt "updates" is refused, with the right name offered.
        let misspelt = replacing(Self.sourcesLine, with: Self.sourcesLine + ",\n      \"update\": []", in: validDataset)
        #expect(diagnostics(misspelt).map(\.message) == ["unknown field \"update\" (did you mean \"updates\"?)"])
    }

    static var datasetWithUpdates: Dataset {
        let citation = Citation(
            publisher: "DIGITIMES", title: "A report, as reported on DIGITIMES",
            url: "https://example.com/a?b=c&d=\"e\"", published: PartialDate(year: 2025, month: 12, day: 3),
            supports: "status. The stored copy shows the text but not the headline")
        let alliance = Alliance(
            id: "p-q", kind: .investment, parties: [Party("p", .investor), Party("q", .investee)],
            amounts: [Amount(value: 100e9, currency: "USD", bound: .upTo)], status: .announced,
            title: LocalizedText(en: "t", es: "t"), summary: LocalizedText(en: "s", es: "s"),
            sources: [SourceQuote(article: "a1", quote: "q")], disagreement: "one says x",
            updates: [
                AllianceUpdate(
                    date: PartialDate(year: 2025, month: 12, day: 2),
                    text: LocalizedText(en: "Not final \"yet\"", es: "Aún no ñ"),
                    citations: [citation]),
                AllianceUpdate(
                    date: PartialDate(year: 2026, month: 1),
                    text: LocalizedText(en: "Stalled", es: "Estancado"),
                    citations: [citation, Citation(publisher: "R", title: "T", supports: "s")]),
            ])
        let company = { (id: String) in
            Company(id: id, name: id.uppercased(), kind: .other, description: LocalizedText(en: "e", es: "s"))
        }
        return Dataset(
            articles: [Article(id: "a1", title: "t", language: "es")], companies: [company("p"), company("q")],
            alliances: [alliance])
    }

    @Test func theEncoderWritesUpdatesLastAndTheRoundTripIsByteIdentical() throws {
        let dataset = Self.datasetWithUpdates
        let json = dataset.canonicalJSON()
        let decoded = try decode(json).get()
        #expect(decoded.alliances == dataset.alliances)
        #expect(Array(decoded.canonicalJSON().utf8) == Array(json.utf8))
        // After "disagreement", each update's fields in the order FORMAT.md gives, a citation's optional fields
        // left out when absent.
        #expect(
            json.contains(
                """
                      "disagreement": "one says x",
                      "updates": [
                        {
                          "date": "2025-12-02",
                          "text": {
                            "en": "Not final \\"yet\\"",
                            "es": "Aún no ñ"
                          },
                          "citations": [
                            {
                              "publisher": "DIGITIMES",
                """))
        #expect(
            json.contains(
                """
                          "date": "2026-01",
                """))
        #expect(
            json.contains(
                """
                            {
                              "publisher": "R",
                              "title": "T",
                              "supports": "s"
                            }
                          ]
                        }
                      ]
                    }
                  ]
                }
                """))
        // No updates: no "updates" key.
        var none = dataset
        none.alliances[0].updates = []
        #expect(!none.canonicalJSON().contains("\"updates\""))
    }

    @Test func theSnapshotKeepsUpdates() throws {
        let json = Self.datasetWithUpdates.canonicalJSON()
        #expect(try throughSnapshot(json).alliances == Self.datasetWithUpdates.alliances)
    }

    @Test func theBundledUpdatesAreCitedDatedAndLeaveTheSourcesAlone() throws {
        let dataset = try Dataset.bundled().get()
        let nvidia = try #require(dataset.alliances.first { $0.id == "nvidia-openai-100b-2025" })
        #expect(nvidia.updates.map(\.date.description) == ["2025-12-02", "2026-01-30", "2026-02-27"])
        #expect(
            nvidia.updates.map { $0.citations.map(\.publisher) } == [
                ["DIGITIMES"], ["Reuters (via Devdiscourse)"],
                ["Livemint (Reuters)"],
            ])
        #expect(
            nvidia.updates[1].citations[0].title
                == "UPDATE 2-Nvidia's plan to invest up to $100 billion in OpenAI has stalled, WSJ reports")
        // What the sources said stays: a letter of intent for up to $100 billion, announced.
        #expect(nvidia.status == .announced)
        #expect(nvidia.amounts.map(\.value) == [100e9] && nvidia.amounts.map(\.bound) == [.upTo])
        let amazon = try #require(dataset.alliances.first { $0.id == "amazon-openai-10b-talks-2025" })
        #expect(amazon.updates.map(\.date.description) == ["2026-02-27"])
        #expect(
            amazon.updates[0].citations.map(\.url) == [
                "https://fashionunited.uk/news/business/openai-raises-110-billion-dollars-in-record-funding-round/"
                    + "2026022786554"
            ])
        #expect(amazon.status == .inTalks)
        #expect(amazon.amounts.map(\.value) == [10e9])
        // Every update in the bundle has both texts and a citation with a date; a title that is not the headline
        // says so.
        for a in dataset.alliances {
            for u in a.updates {
                #expect(!u.text.en.isEmpty && !u.text.es.isEmpty && !u.citations.isEmpty)
                for c in u.citations {
                    #expect(c.published != nil, "\(a.id) \(u.date)")
                    if c.title.contains("as reported on") { #expect(c.supports.contains("not the headline")) }
                }
            }
        }
        // The file is canonical with its updates: exported, it is the same bytes.
        let file = try #require(readBytes(Paths.datasetFile))
        #expect(Array(dataset.canonicalJSON().utf8) == file)
    }
}
