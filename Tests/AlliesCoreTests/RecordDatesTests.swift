import AlliesCore
import Testing

/// `added` and `updated`: the days a record entered the dataset and was last changed by an edit (FORMAT.md, "Added
/// and updated"), on the seven top-level record types.
@Suite("Added and updated dates")
struct RecordDatesTests {
    /// One record of each top-level type, each with `added` (and some with `updated`), in canonical form.
    static let dated = """
        {
          "format": "allies-dataset",
          "version": 1,
          "articles": [
            {
              "id": "a1",
              "title": "Artículo",
              "language": "es",
              "added": "2026-11-02"
            }
          ],
          "groups": [
            {
              "id": "g1",
              "name": "Group",
              "description": {
                "en": "G",
                "es": "G"
              },
              "added": "2026-11-03",
              "updated": "2026-11-20"
            }
          ],
          "companies": [
            {
              "id": "acme",
              "name": "Acme",
              "kind": "startup",
              "description": {
                "en": "A",
                "es": "A"
              },
              "added": "2026-11-18"
            },
            {
              "id": "globex",
              "name": "Globex",
              "kind": "startup",
              "description": {
                "en": "G",
                "es": "G"
              }
            }
          ],
          "alliances": [
            {
              "id": "acme-globex",
              "kind": "partnership",
              "parties": [
                {
                  "company": "acme",
                  "role": "partner"
                },
                {
                  "company": "globex",
                  "role": "partner"
                }
              ],
              "status": "announced",
              "title": {
                "en": "Acme and Globex",
                "es": "Acme y Globex"
              },
              "summary": {
                "en": "S",
                "es": "S"
              },
              "sources": [
                {
                  "article": "a1",
                  "quote": "una alianza"
                }
              ],
              "updated": "2026-11-17"
            }
          ],
          "claims": [
            {
              "id": "c1",
              "about": {
                "company": "acme"
              },
              "kind": "other",
              "text": {
                "en": "Acme claims",
                "es": "Acme afirma"
              },
              "sources": [
                {
                  "article": "a1",
                  "quote": "una afirmación"
                }
              ],
              "added": "2025-12-31"
            }
          ],
          "people": [
            {
              "id": "p1",
              "name": "Ada",
              "role": {
                "en": "CEO",
                "es": "CEO"
              },
              "sources": [
                {
                  "article": "a1",
                  "quote": "Ada"
                }
              ],
              "added": "2026-01-01",
              "updated": "2026-01-01"
            }
          ],
          "shareEstimates": [
            {
              "id": "s1",
              "market": "AI chips",
              "scope": "all",
              "metric": "share",
              "region": "global",
              "year": 2025,
              "forecast": false,
              "publisher": "Pub",
              "shares": [
                {
                  "vendor": "acme",
                  "label": "Acme",
                  "value": 10
                }
              ],
              "sources": [
                {
                  "article": "a1",
                  "quote": "diez por ciento"
                }
              ],
              "added": "2026-11-18"
            }
          ]
        }

        """

    static func day(_ text: String) -> PartialDate { try! PartialDate.parse(text).get() }

    @Test func everyTopLevelRecordReadsItsDates() throws {
        let d = try Dataset.decode(Array(Self.dated.utf8), file: "d.json").get()
        #expect(d.articles[0].added == Self.day("2026-11-02") && d.articles[0].updated == nil)
        #expect(d.groups[0].added == Self.day("2026-11-03") && d.groups[0].updated == Self.day("2026-11-20"))
        #expect(d.companies[0].added == Self.day("2026-11-18") && d.companies[1].added == nil)
        #expect(d.alliances[0].added == nil && d.alliances[0].updated == Self.day("2026-11-17"))
        #expect(d.claims[0].added == Self.day("2025-12-31"))
        #expect(d.people[0].added == Self.day("2026-01-01") && d.people[0].updated == Self.day("2026-01-01"))
        #expect(d.shareEstimates[0].added == Self.day("2026-11-18"))
    }

    @Test func aYearOrAMonthIsRefusedWithItsPlaceRecordAndField() {
        for (value, shown) in [("2026-11", "2026-11"), ("2026", "2026")] {
            let text = Self.dated.replacingOccurrences(of: "\"2026-11-18\"", with: "\"\(value)\"")
            guard case .failure(let error) = Dataset.decode(Array(text.utf8), file: "d.json") else {
                Issue.record("a month-precision added was accepted")
                continue
            }
            let expected =
                "companies[0] \"acme\", field added: invalid day \"\(shown)\": expected a day as YYYY-MM-DD (a year "
                + "or a month is not precise enough)"
            #expect(
                error.diagnostics.contains { $0.description == "d.json:33:16: " + expected },
                "\(error.diagnostics.map(\.description))")
            #expect(error.diagnostics.contains { $0.record == "shareEstimates[0] \"s1\"" && $0.field == "added" })
        }
        // And a day that is not in the calendar, as for every date.
        let impossible = Self.dated.replacingOccurrences(of: "\"2026-11-02\"", with: "\"2026-02-30\"")
        guard case .failure(let error) = Dataset.decode(Array(impossible.utf8), file: "d.json") else {
            Issue.record("2026-02-30 was accepted")
            return
        }
        #expect(error.diagnostics.map(\.field) == ["added"])
    }

    @Test func theEncoderWritesThemLastAndGivesTheSameBytesBack() throws {
        let d = try Dataset.decode(Array(Self.dated.utf8), file: "d.json").get()
        #expect(d.canonicalJSON() == Self.dated)
    }

    @Test func theSnapshotKeepsThem() throws {
        let original = try Dataset.decode(Array(Self.dated.utf8), file: "d.json").get()
        let back = try throughSnapshot(Self.dated)
        #expect(back.articles == original.articles && back.groups == original.groups)
        #expect(back.companies == original.companies && back.alliances == original.alliances)
        #expect(back.claims == original.claims && back.people == original.people)
        #expect(back.shareEstimates == original.shareEstimates)
        #expect(back.groups[0].updated == Self.day("2026-11-20"))
    }

    @Test func stampingKeepsAnAddedDateAndSetsUpdated() throws {
        let d = try Dataset.decode(Array(Self.dated.utf8), file: "d.json").get()
        let today = Self.day("2026-12-01")
        let stamped = d.stamped(
            added: [RecordKey(.companies, "acme"), RecordKey(.companies, "globex"), RecordKey(.articles, "a1")],
            updated: [RecordKey(.alliances, "acme-globex"), RecordKey(.groups, "g1")], on: today)
        #expect(stamped.companies[0].added == Self.day("2026-11-18"), "an added date it had is kept")
        #expect(stamped.companies[1].added == today, "one it lacked is today")
        #expect(stamped.articles[0].added == Self.day("2026-11-02"))
        #expect(stamped.alliances[0].updated == today && stamped.groups[0].updated == today)
        #expect(stamped.companies[0].updated == nil && stamped.claims[0] == d.claims[0], "nothing else changes")
        #expect(d.companies[1].added == nil, "the dataset stamped is a new value")
    }

    @Test func changesSinceADayAreNewestFirstWithTheLaterDate() throws {
        let d = try Dataset.decode(Array(Self.dated.utf8), file: "d.json").get()
        func listed(_ since: String) -> [String] {
            d.changes(since: Self.day(since)).map { "\($0.date) \($0.kind.rawValue) \($0.key.list.noun) \($0.key.id)" }
        }
        #expect(
            listed("2026-11-18") == [
                "2026-11-20 updated group g1", "2026-11-18 added company acme", "2026-11-18 added share estimate s1",
            ])
        // The boundary: a record of the day itself is in, one of the day before is not.
        #expect(listed("2026-11-17").contains("2026-11-17 updated alliance acme-globex"))
        #expect(!listed("2026-11-18").contains { $0.hasSuffix("acme-globex") })
        // A month or a year means from its first day; added and updated on one day is "added".
        #expect(listed("2026-11").count == 5 && listed("2026-11").last == "2026-11-02 added article a1")
        #expect(listed("2026").last == "2026-01-01 added person p1")
        #expect(listed("2025").last == "2025-12-31 added claim c1")
        #expect(listed("2027").isEmpty)
        // A record whose later date is before the day but whose added date is not cannot be: no record is listed
        // for a date before `since`.
        #expect(d.changes(since: Self.day("2026-11-19")).allSatisfy { $0.date >= Self.day("2026-11-19") })
    }

    @Test func theCatalogTitlesEveryKindOfRecord() throws {
        let catalog = Catalog(try Dataset.decode(Array(Self.dated.utf8), file: "d.json").get())
        #expect(catalog.recordTitle(RecordKey(.alliances, "acme-globex")) == "Acme and Globex")
        #expect(catalog.recordTitle(RecordKey(.companies, "acme")) == "Acme")
        #expect(catalog.recordTitle(RecordKey(.claims, "c1")) == "Acme claims")
        #expect(catalog.recordTitle(RecordKey(.people, "p1")) == "Ada")
        #expect(catalog.recordTitle(RecordKey(.groups, "g1")) == "Group")
        #expect(catalog.recordTitle(RecordKey(.articles, "a1")) == "Artículo")
        #expect(catalog.recordTitle(RecordKey(.shareEstimates, "s1")) == "Pub: AI chips 2025")
        #expect(catalog.recordTitle(RecordKey(.companies, "nobody")) == "")
    }

    @Test func theBundledDatasetCarriesNoDates() throws {
        let d = try Dataset.bundled().get()
        #expect(d.changes(since: PartialDate(year: 1900)).isEmpty, "no date is made up for the bundled records")
    }
}
