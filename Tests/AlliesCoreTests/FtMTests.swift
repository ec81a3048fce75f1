import Foundation
import Testing

@testable import AlliesCore

/// FollowTheMoney: the export read back by the importer gives the same dataset; other FtM data is read by its
/// schema; every line is accounted for.
@Suite("FollowTheMoney import and export (FtM)")
struct FtMTests {
    static let source = ImportSource(dataset: "FtM test", file: "test.ftm.json")

    static func batch(_ text: String) -> ImportBatch { FtMReader.read(text: text, source: source) }

    static func merged(_ batch: ImportBatch) -> ImportResult {
        ImportMerge.merge(batch, into: Dataset(articles: []), today: PartialDate(year: 2026, month: 12, day: 3))
    }

    @Test func theBundledDatasetComesBackCompanyByCompanyAndDealByDeal() throws {
        let original = try Dataset.bundled().get()
        let text = FtMWriter.text(original)
        let batch = Self.batch(text)
        #expect(batch.rejects.isEmpty, "\(batch.rejects)")
        #expect(batch.records == text.split(separator: "\n").count)
        #expect(batch.accounted == batch.records)
        #expect(batch.companies.count == original.companies.count)
        #expect(batch.alliances.count == original.alliances.count)
        let contracts = original.alliances.filter { FtMWriter.schema(of: $0) == "ContractAward" }.count
        #expect(batch.joined == contracts && contracts > 0, "each Contract line is part of its award's alliance")

        let result = Self.merged(batch)
        #expect(result.rejects.isEmpty, "\(result.rejects)")
        let dataset = result.dataset
        // The imported companies, by the original's id (their FtM entity id is the source key).
        var byOriginal: [String: Company] = [:]
        for c in dataset.companies {
            for r in c.records where r.key.hasPrefix("allies-company-") {
                byOriginal[String(r.key.dropFirst("allies-company-".count))] = c
            }
        }
        for c in original.companies {
            let copy = try #require(byOriginal[c.id], "company \(c.id) was not imported")
            #expect(copy.id == c.id, "an export read back keeps the ids")
            #expect(copy.name == c.name, "\(c.id)")
            #expect(copy.aliases == c.aliases.filter { $0 != c.name }, "\(c.id)")
            #expect(copy.country == c.country, "\(c.id)")
            #expect(copy.kind == c.kind, "\(c.id)")
            #expect(copy.sectors == c.sectors, "\(c.id)")
            #expect(copy.records == [Self.source.record("allies-company-" + c.id)])
            #expect(copy.description == c.description, "\(c.id): both languages")
            #expect(copy.products == c.products, "\(c.id)")
            // Into a dataset without the articles: each quote is a citation of its article, word for word.
            #expect(copy.sources.isEmpty)
            #expect(copy.citations == c.citations + c.sources.map { Self.citation(of: $0, in: original) }, "\(c.id)")
        }
        let idMap = byOriginal.mapValues(\.id)
        for a in original.alliances {
            let copy = try #require(
                dataset.alliances.first { $0.records.first?.key == "allies-alliance-" + a.id },
                "alliance \(a.id) was not imported")
            #expect(copy.id == a.id)
            #expect(copy.kind == a.kind, "\(a.id)")
            #expect(copy.status == a.status, "\(a.id)")
            #expect(copy.date == a.date, "\(a.id): dates keep their precision and event")
            #expect(Array(copy.parties) == a.parties.map { Party(idMap[$0.company] ?? "?", $0.role) }, "\(a.id)")
            // Every qualifier, the payer and payee too (mapped to the imported companies' ids).
            let expected = a.amounts.map { m -> Amount in
                var m = m
                m.from = m.from.map { idMap[$0] ?? "?" }
                m.to = m.to.map { idMap[$0] ?? "?" }
                return m
            }
            #expect(copy.amounts == expected, "\(a.id)")
            #expect(copy.title == a.title, "\(a.id)")
            #expect(copy.summary == a.summary, "\(a.id)")
            #expect(copy.products == a.products, "\(a.id)")
            #expect(copy.disagreement == a.disagreement, "\(a.id)")
            #expect(copy.updates == a.updates, "\(a.id): each update with its citations")
            #expect(copy.citations == a.citations + a.sources.map { Self.citation(of: $0, in: original) }, "\(a.id)")
        }
        #expect(original.alliances.contains { !$0.updates.isEmpty && !$0.products.isEmpty })
        #expect(original.alliances.contains { $0.disagreement != nil })
        // The qualifiers that matter most, spelt out.
        let reddit = try #require(
            dataset.alliances.first { $0.records.first?.key.hasSuffix("google-reddit-data-2024") == true })
        #expect(reddit.amounts.first?.per == .year)
        #expect(original.alliances.contains { $0.amounts.contains { $0.bound == .upTo } })
        #expect(dataset.alliances.contains { $0.amounts.contains { $0.bound == .upTo } })
        #expect(dataset.alliances.contains { $0.amounts.contains { $0.estimated && $0.cumulative } })
        #expect(dataset.alliances.contains { $0.status == .inTalks })
        let precisions = Set(original.alliances.compactMap { $0.date?.value.precision })
        #expect(precisions.count > 1 && Set(dataset.alliances.compactMap { $0.date?.value.precision }) == precisions)
    }

    /// What a quote of `original`'s article becomes in a dataset without the article.
    static func citation(of q: SourceQuote, in original: Dataset) -> Citation {
        let article = original.articles.first { $0.id == q.article }!
        return Citation(
            publisher: article.outlet ?? "not stated", title: article.title, url: article.url,
            published: article.published,
            supports: "“" + q.quote + "”" + (q.note.map { " (\($0))" } ?? ""))
    }

    /// FtM's numbers carry no qualifier, and other FtM readers take them at their word: `sharesValue`, `amount` and
    /// `amountUsd` hold only totals stated exactly; a ceiling (`up to $100B`), an approximation, a floor, an estimate
    /// or a yearly rate travels in the descriptor alone.
    @Test func bareNumbersHoldOnlyAmountsStatedExactly() throws {
        let original = try Dataset.bundled().get()
        var checked = 0
        for line in FtMWriter.text(original).split(separator: "\n") {
            let entity = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let properties = try #require(entity["properties"] as? [String: [String]])
            let schema = entity["schema"] as? String
            guard schema == "Ownership" || schema == "ContractAward", let id = properties["recordId"]?.first,
                let a = original.alliances.first(where: { $0.id == id })
            else { continue }
            let stated = a.amounts.filter { $0.per == .total && $0.bound == .exact && !$0.estimated }
            let bare = properties[schema == "Ownership" ? "sharesValue" : "amount"] ?? []
            #expect(Set(bare) == Set(stated.map { JSONValue.numberText($0.value) }), "\(id): \(bare)")
            if schema == "ContractAward" {
                let usd = stated.filter { $0.currency == "USD" }.map { JSONValue.numberText($0.value) }
                #expect(Set(properties["amountUsd"] ?? []) == Set(usd), "\(id)")
            }
            if a.amounts.contains(where: { $0.bound != .exact || $0.estimated }) { checked += 1 }
        }
        #expect(checked > 5, "the bundled data has ceilings, approximations and estimates")
        let ceiling = try #require(original.alliances.first { $0.id == "nvidia-openai-100b-2025" })
        #expect(ceiling.amounts.allSatisfy { $0.bound == .upTo })
    }

    /// A record's sources of other datasets (a CC BY export's row, its licence and address), its quotes and its
    /// citations survive an FtM round trip: into a dataset with the articles, quotes stay quotes.
    @Test func anExportReadBackKeepsEveryAttribution() throws {
        var original = try Dataset.bundled().get()
        let crunchbase = RecordSource(
            dataset: "Crunchbase export 2015-12-04", key: "/organization/openai", url: "https://example.org/cb",
            retrieved: PartialDate(year: 2015, month: 12), licence: "CC BY 4.0")
        let company = try #require(original.companies.firstIndex { !$0.sources.isEmpty && !$0.citations.isEmpty })
        original.companies[company].records = [crunchbase]
        let alliance = try #require(original.alliances.firstIndex { !$0.sources.isEmpty && !$0.citations.isEmpty })
        original.alliances[alliance].records = [crunchbase, RecordSource(dataset: "Other", key: "k 1=2%")]
        // The target has the articles; one of them no longer holds a quote (another version of its text).
        var target = Dataset(articles: original.articles)
        let changed = try #require(original.alliances[alliance].sources.first)
        let changedArticle = try #require(target.articles.firstIndex { $0.id == changed.article })
        let hadText = target.articles[changedArticle].text != nil
        target.articles[changedArticle].text = "Another text altogether."

        let batch = Self.batch(FtMWriter.text(original))
        #expect(batch.rejects.isEmpty, "\(batch.rejects)")
        let result = ImportMerge.merge(batch, into: target, today: PartialDate(year: 2026, month: 12, day: 6))
        #expect(result.rejects.isEmpty, "\(result.rejects)")
        let c = original.companies[company]
        let companyCopy = try #require(
            result.dataset.companies.first { $0.records.contains(Self.source.record("allies-company-" + c.id)) })
        #expect(companyCopy.records == [crunchbase, Self.source.record("allies-company-" + c.id)])
        let a = original.alliances[alliance]
        let copy = try #require(
            result.dataset.alliances.first { $0.records.contains(Self.source.record("allies-alliance-" + a.id)) })
        #expect(copy.records == a.records + [Self.source.record("allies-alliance-" + a.id)], "licence, url, retrieved")
        #expect(copy.records.first?.licence == "CC BY 4.0" && copy.records.first?.retrieved == crunchbase.retrieved)
        #expect(hadText, "the bundled articles carry their text, so the quote is checked")
        #expect(
            copy.sources == a.sources.filter { $0.article != changed.article }, "quotes of articles there stay quotes")
        #expect(
            copy.citations == a.citations
                + a.sources.filter { $0.article == changed.article }.map {
                    Self.citation(of: $0, in: original)
                }, "a quote its article no longer holds is a citation, word for word")
        for other in original.companies where other.id != c.id {
            let copy = try #require(
                result.dataset.companies.first { $0.records.contains(Self.source.record("allies-company-" + other.id)) }
            )
            #expect(copy.sources == other.sources.filter { $0.article != changed.article }, "\(other.id)")
        }
        // The dataset written out reads back: every restored quote is verbatim in its article.
        let decoded = Dataset.decode(Array(result.dataset.canonicalJSON().utf8), file: "round-trip.json")
        if case .failure(let error) = decoded { Issue.record("\(error)") }
    }

    @Test func linksMayComeBeforeTheCompaniesTheyName() {
        let text = """
            {"id":"o1","schema":"Ownership","properties":{"owner":["a"],"asset":["b"],"startDate":["2024-05"]}}
            {"id":"a","schema":"Company","properties":{"name":["Alpha","Alpha Inc."],"country":["fr"]}}

            {"id":"b","schema":"Organization","properties":{"name":["Beta"],"sector":["Chips"]}}
            """
        let batch = Self.batch(text)
        #expect(batch.rejects.isEmpty, "\(batch.rejects)")
        #expect(batch.records == 3 && batch.lines == 4 && batch.accounted == 3)
        let a = batch.alliances.first
        #expect(a?.kind == .investment && a?.status == .announced)
        #expect(a?.parties == [ImportedParty("a", .investor), ImportedParty("b", .investee)])
        #expect(a?.amounts == [], "no amount is none, never 0")
        #expect(a?.date == DatedEvent(PartialDate(year: 2024, month: 5), .announced))
        #expect(batch.companies.first?.aliases == ["Alpha Inc."])
        #expect(batch.companies.first?.country == "FR")
        #expect(batch.companies.last?.sectors == ["Chips"])
    }

    @Test func foreignSchemataMapToKindsAndRoles() {
        let text = """
            {"id":"a","schema":"Company","properties":{"name":["Alpha"]}}
            {"id":"b","schema":"LegalEntity","properties":{"name":["Beta"]}}
            {"id":"s","schema":"Succession","properties":{"predecessor":["b"],"successor":["a"],"date":["2020-02-29"]}}
            {"id":"p","schema":"Payment","properties":{"payer":["a"],"beneficiary":["b"],"amount":["1,500"],\
            "currency":["eur"],"purpose":["Licencia de datos, 2024"]}}
            {"id":"u","schema":"UnknownLink","properties":{"subject":["a"],"object":["b"],"status":["active"]}}
            {"id":"c","schema":"Contract","properties":{"title":["Chips"],"authority":["a"],"contractDate":["2023"],\
            "amount":["2000000"],"currency":["USD"]}}
            {"id":"w","schema":"ContractAward","properties":{"supplier":["b"],"contract":["c"]}}
            {"id":"o","schema":"Ownership","properties":{"owner":["a"],"asset":["b"],"percentage":["100"],\
            "sharesValue":["0"],"sharesCurrency":["USD"]}}
            {"id":"o2","schema":"Ownership","properties":{"owner":["a"],"asset":["b"],"amountUsd":["5"],\
            "sharesValue":["7"],"sharesCurrency":["GBP"]}}
            """
        let batch = Self.batch(text)
        #expect(batch.rejects.isEmpty, "\(batch.rejects)")
        #expect(batch.accounted == batch.records && batch.records == 9 && batch.joined == 1)
        let byKey = Dictionary(uniqueKeysWithValues: batch.alliances.map { ($0.key, $0) })
        #expect(byKey["s"]?.kind == .acquisition)
        #expect(byKey["s"]?.parties == [ImportedParty("a", .acquirer), ImportedParty("b", .target)])
        #expect(byKey["s"]?.date?.value == PartialDate(year: 2020, month: 2, day: 29))
        #expect(byKey["p"]?.parties == [ImportedParty("a", .customer), ImportedParty("b", .supplier)])
        #expect(byKey["p"]?.amounts == [Amount(value: 1500, currency: "EUR")])
        #expect(byKey["u"]?.kind == .partnership && byKey["u"]?.status == .active)
        #expect(byKey["p"]?.statedText == ["Licencia de datos, 2024"], "a payment's purpose is kept")
        #expect(byKey["w"]?.statedText == ["Chips"], "what the contract bought")
        let summary = Self.merged(batch).dataset.alliances.first { $0.records.first?.key == "p" }?.summary
        #expect(summary?.en == "Recorded in FtM test (record p). It says: “Licencia de datos, 2024”.")
        #expect(summary?.es == "Registrado en FtM test (registro p). Dice: “Licencia de datos, 2024”.")
        #expect(byKey["w"]?.parties == [ImportedParty("a", .customer), ImportedParty("b", .supplier)])
        #expect(byKey["w"]?.amounts == [Amount(value: 2e6, currency: "USD")], "the contract's amount")
        #expect(byKey["w"]?.date == DatedEvent(PartialDate(year: 2023), .signed))
        #expect(byKey["o"]?.kind == .acquisition && byKey["o"]?.amounts == [], "a 0 is not an amount")
        #expect(byKey["o2"]?.kind == .investment && byKey["o2"]?.amounts == [Amount(value: 7, currency: "GBP")])
    }

    @Test func everyBadLineIsRejectedWithItsLineAndWhy() {
        let lines = [
            #"{"id":"a","schema":"Company","properties":{"name":["Alpha"]}}"#,  // 1
            #"not json"#,  // 2
            #"{"id":"p","schema":"Person","properties":{"name":["Ada"]}}"#,  // 3
            #"{"id":"o","schema":"Ownership","properties":{"owner":["a"],"asset":["ghost"]}}"#,  // 4
            #"{"id":"x","schema":"Company","properties":{"name":"Alpha"}}"#,  // 5
            #"{"id":"y","schema":"Company","properties":{"name":["Y", 3]}}"#,  // 6
            #"["a"]"#,  // 7
            "",  // 8
            #"{"id":"d","schema":"Directorship","properties":{"director":["p"],"organization":["a"]}}"#,  // 9
            #"{"id":"k","schema":"UnknownLink","properties":{"subject":["a"],"object":["p"]}}"#,  // 10
            #"{"id":"c","schema":"Contract","properties":{"title":["Lonely"],"authority":["a"]}}"#,  // 11
            #"{"id":"q","schema":"Company","properties":{"country":["us"]}}"#,  // 12
            #"{"id":"m","schema":"UnknownLink","properties":{"subject":["a"],"object":["q"]}}"#,  // 13
            #"{"id":"n","schema":"Ownership","properties":{"owner":["a"],"asset":["a2"],"startDate":["2024-13"]}}"#,
            #"{"id":"a2","schema":"Company","properties":{"name":["Alpha Two"]}} trailing"#,  // 15
            #"{"id":"z","schema":"UnknownLink","properties":{"subject":["a"],"object":["a"],"#
                + #""description":["allies:deal kind=nope status=active"]}}"#,  // 16
            #"{"schema":"Company","properties":{"name":["Nobody"]}}"#,  // 17
        ]
        let batch = Self.batch(lines.joined(separator: "\n") + "\n")
        #expect(batch.records == 16 && batch.lines == 17)
        #expect(batch.accounted == batch.records)
        #expect(batch.companies.map(\.key) == ["a"])
        #expect(batch.alliances.isEmpty)
        let reasons = Dictionary(uniqueKeysWithValues: batch.rejects.map { ($0.line, $0.reason) })
        #expect(batch.rejects.map(\.line) == [2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14, 15, 16, 17])
        #expect(reasons[2]?.hasPrefix("not JSON: ") == true)
        #expect(
            reasons[3]
                == "schema Person is not imported; expected one of Company, Organization, LegalEntity, Ownership, "
                + "Payment, Contract, ContractAward, UnknownLink, Succession")
        #expect(reasons[4] == "asset \"ghost\" is not an entity of this file")
        #expect(reasons[5] == "property \"name\" is a string, expected a list of strings")
        #expect(reasons[6] == "property \"name\", value 2 is a number, expected a string")
        #expect(reasons[7] == "the line is an array, expected an FtM entity (a JSON object)")
        #expect(reasons[9]?.hasPrefix("schema Directorship is not imported") == true)
        #expect(reasons[10] == "object \"p\" is a Person (line 3), not a company")
        #expect(reasons[11]?.hasPrefix("Contract \"c\" is the deal of no ContractAward") == true)
        #expect(reasons[12] == "Company \"q\" has no name")
        #expect(reasons[13] == "object \"q\" is the Company of line 12, which was rejected")
        #expect(reasons[14]?.hasPrefix("asset \"a2\"") == true, "line 15 was rejected: \(reasons[14] ?? "")")
        #expect(reasons[15] == "text after the JSON object (one entity per line)")
        #expect(reasons[16]?.contains("is not an alliance kind") == true)
        #expect(reasons[17] == "the entity has no \"id\"")
        #expect(batch.rejects.first { $0.line == 3 }?.text.contains("Ada") == true, "the rejects file keeps the line")
    }

    /// A provenance descriptor that does not read rejects its line with what was expected: a record's attribution
    /// is never dropped on the way in.
    @Test func aBadProvenanceDescriptorRejectsItsLine() {
        func link(_ id: String, _ descriptors: [String]) -> String {
            let deal = [
                "allies:deal kind=partnership status=announced", "allies:party 1 a partner",
                "allies:party 2 b partner",
            ]
            let values = (deal + descriptors).map { "\"\($0)\"" }.joined(separator: ",")
            return #"{"id":""# + id + #"","schema":"UnknownLink","properties":{"subject":["a"],"object":["b"],"#
                + #""description":["# + values + "]}}"
        }
        let lines = [
            #"{"id":"a","schema":"Company","properties":{"name":["Alpha"]}}"#,  // 1
            #"{"id":"b","schema":"Company","properties":{"name":["Beta"],"notes":["allies:record dataset=X"]}}"#,
            #"{"id":"b","schema":"Company","properties":{"name":["Beta"]}}"#,  // 3
            link("r", ["allies:record dataset=X key=1 retrieved=2015-13"]),  // 4
            link("c", ["allies:citation publisher=P title=T"]),  // 5
            link("q", ["allies:quote article=x quote=y colour=red"]),  // 6
            link("u", ["allies:update 1 date=2025-02 text.en=e text.es=s"]),  // 7
            link("v", ["allies:citation update=2 publisher=P title=T supports=S"]),  // 8
            link(
                "ok",
                [
                    "allies:update 1 date=2025-02 text.en=e text.es=s",
                    "allies:citation update=1 publisher=P title=T supports=S",
                    "allies:record dataset=Crunchbase%20export key=%2Forg%2Fa licence=CC%20BY%204.0 retrieved=2015-12",
                    "allies:quote article=art quote=dijo%20que%20s%C3%AD",
                ]),  // 9
        ]
        let batch = Self.batch(lines.joined(separator: "\n") + "\n")
        #expect(batch.accounted == batch.records)
        let reasons = Dictionary(uniqueKeysWithValues: batch.rejects.map { ($0.line, $0.reason) })
        #expect(batch.rejects.map(\.line) == [2, 4, 5, 6, 7, 8])
        #expect(reasons[2]?.hasSuffix("allies:record needs dataset= and key=") == true, "\(reasons[2] ?? "")")
        #expect(reasons[4]?.contains("retrieved \"2015-13\"") == true, "\(reasons[4] ?? "")")
        #expect(reasons[5]?.hasSuffix("allies:citation needs publisher= and title= and supports=") == true)
        #expect(reasons[6]?.hasSuffix("allies:quote has no field \"colour\"") == true)
        #expect(reasons[7]?.hasSuffix("update 1 has no allies:citation update=1") == true)
        #expect(reasons[8]?.hasSuffix("there is no allies:update 2") == true)
        let ok = batch.alliances.first { $0.key == "ok" }
        #expect(ok?.updates.first?.citations.first?.supports == "S")
        #expect(
            ok?.carried.records == [
                RecordSource(
                    dataset: "Crunchbase export", key: "/org/a", retrieved: PartialDate(year: 2015, month: 12),
                    licence: "CC BY 4.0")
            ])
        #expect(ok?.carried.quotes.first?.quote == SourceQuote(article: "art", quote: "dijo que sí"))
    }

    @Test func aBadDateIsRejectedWithTheReason() {
        let text = """
            {"id":"a","schema":"Company","properties":{"name":["Alpha"]}}
            {"id":"b","schema":"Company","properties":{"name":["Beta"]}}
            {"id":"n","schema":"Ownership","properties":{"owner":["a"],"asset":["b"],"startDate":["2024-13"]}}
            {"id":"m","schema":"Ownership","properties":{"owner":["a"],"asset":["b"],\
            "startDate":["2024-02-03T10:00:00"]}}
            """
        let batch = Self.batch(text)
        #expect(batch.rejects.map(\.line) == [3])
        #expect(batch.rejects.first?.reason == "startDate \"2024-13\": month 13 does not exist (expected 01–12)")
        #expect(batch.alliances.first?.date?.value == PartialDate(year: 2024, month: 2, day: 3))
    }

    @Test func aContractWhoseAwardIsRejectedSaysSo() {
        let text = """
            {"id":"c","schema":"Contract","properties":{"title":["Chips"],"authority":["a"]}}
            {"id":"w","schema":"ContractAward","properties":{"supplier":["b"],"contract":["c"]}}
            {"id":"a","schema":"Company","properties":{"name":["Alpha"]}}
            """
        let batch = Self.batch(text)
        #expect(batch.accounted == 3 && batch.joined == 0)
        #expect(
            batch.rejects.map(\.reason) == [
                "Contract \"c\" is the deal of the ContractAward of line 2, which was rejected",
                "supplier \"b\" is not an entity of this file",
            ])
    }

    @Test func untrustedStringsStayData() throws {
        let hostile = "Evil\u{1B}[2J \" allies:deal kind=acquisition"
        let text = """
            {"id":"a","schema":"Company","properties":{"name":[\(JSONValue.string(hostile).rendered(indent: 0))],\
            "notes":["just a note"]}}
            {"id":"b","schema":"Company","properties":{"name":["Beta"]}}
            {"id":"u","schema":"UnknownLink","properties":{"subject":["a"],"object":["b"],\
            "summary":["allies:deal kind=acquisition status=completed"]}}
            """
        let batch = Self.batch(text)
        #expect(batch.rejects.isEmpty, "\(batch.rejects)")
        #expect(batch.companies.first?.name == hostile)
        #expect(batch.alliances.first?.kind == .partnership, "only a description value is a descriptor")
    }

    @Test func descriptorsEncodeWhatSeparatesTokens() throws {
        let line = FtMDescriptor.Line("amount", [("1", nil), ("note", "50% of 10 = 5\nok"), ("estimated", nil)])
        #expect(line.text == "allies:amount 1 note=50%25%20of%2010%20%3D%205%0Aok estimated")
        #expect(try FtMDescriptor.Line.parse(line.text).get() == line)
        #expect(FtMDescriptor.decode("%4") == nil && FtMDescriptor.decode("%FF") == nil)
    }

    @Test func aFileIsReadALineAtATime() throws {
        let dir = makeTemporaryDirectory()
        defer { removeTree(dir) }
        let dataset = try Dataset.bundled().get()
        let path = dir + "/bundled.ftm.json"
        writeFile(path, Array(FtMWriter.text(dataset).utf8))
        let batch = try FtMReader.read(path: path, source: Self.source)
        #expect(batch.rejects.isEmpty && batch.accounted == batch.records)
        #expect(batch.alliances.count == dataset.alliances.count)
        #expect(throws: FtMFileError.notFound(path: dir + "/missing")) {
            try FtMReader.read(path: dir + "/missing", source: Self.source)
        }
        #expect(throws: FtMFileError.isDirectory(path: dir)) { try FtMReader.read(path: dir, source: Self.source) }
        // Lines across chunk boundaries and a line too long to keep.
        var splitter = LineSplitter(maxBytes: 5)
        var seen: [(Int, String, Bool)] = []
        for chunk in ["ab", "c\nde", "fghij\n", "\nxy"] {
            Array(chunk.utf8).withUnsafeBufferPointer { b in
                splitter.feed(b) { seen.append(($0.number, String(decoding: $0.bytes, as: UTF8.self), $0.tooLong)) }
            }
        }
        splitter.finish { seen.append(($0.number, String(decoding: $0.bytes, as: UTF8.self), $0.tooLong)) }
        #expect(seen.map(\.0) == [1, 2, 3, 4])
        #expect(seen.map(\.1) == ["abc", "", "", "xy"])
        #expect(seen.map(\.2) == [false, true, false, false])
    }

    /// FtM made by the reference implementation from a CSV mapping (`ftm map-csv`, aggregated with `ftm aggregate`).
    @Test func entitiesMappedByTheFollowTheMoneyPackageImport() throws {
        let dir = makeTemporaryDirectory()
        defer { removeTree(dir) }
        func write(_ name: String, _ text: String) { writeFile(dir + "/" + name, Array(text.utf8)) }
        write(
            "companies.csv",
            """
            id,name,alias,country,sector
            globex,Globex Corporation,Globex,us,Semiconductors
            acme,Acme Robotics,,de,Robotics
            initech,Initech Ltd.,,gb,Software

            """)
        write(
            "ownerships.csv",
            """
            owner,asset,percentage,value,currency,date
            globex,acme,100,250000000,EUR,2021-06
            initech,acme,12,,,2023

            """)
        write(
            "companies.yml",
            """
            fixture:
              queries:
                - entities:
                    company:
                      schema: Company
                      keys: [id]
                      properties:
                        name: {column: name}
                        alias: {column: alias}
                        country: {column: country}
                        sector: {column: sector}

            """)
        write(
            "ownerships.yml",
            """
            fixture:
              queries:
                - entities:
                    owner: {schema: Company, keys: [owner]}
                    asset: {schema: Company, keys: [asset]}
                    ownership:
                      schema: Ownership
                      keys: [owner, asset]
                      properties:
                        owner: {entity: owner}
                        asset: {entity: asset}
                        percentage: {column: percentage}
                        sharesValue: {column: value}
                        sharesCurrency: {column: currency}
                        startDate: {column: date}

            """)
        // The links first: an FtM file is not ordered.
        let script = """
            set -e
            cd "$1"
            { ftm map-csv ownerships.yml < ownerships.csv; ftm map-csv companies.yml < companies.csv; } > raw.ftm.json
            ftm aggregate -i raw.ftm.json -o entities.ftm.json
            """
        let run = try runShell(script, dir)
        try #require(run.status == 0, "followthemoney (scripts/deps.sh installs it) failed: \(run.stderr)")
        let batch = try FtMReader.read(path: dir + "/entities.ftm.json", source: Self.source)
        #expect(batch.rejects.isEmpty, "\(batch.rejects)")
        #expect(batch.records == 5 && batch.accounted == 5)
        let result = Self.merged(batch)
        let d = result.dataset
        #expect(Set(d.companies.map(\.name)) == ["Globex Corporation", "Acme Robotics", "Initech Ltd."])
        let globex = try #require(d.companies.first { $0.name == "Globex Corporation" })
        #expect(globex.aliases == ["Globex"] && globex.country == "US" && globex.sectors == ["Semiconductors"])
        let acme = try #require(d.companies.first { $0.name == "Acme Robotics" })
        let initech = try #require(d.companies.first { $0.name == "Initech Ltd." })
        let acquisition = try #require(d.alliances.first { $0.kind == .acquisition })
        #expect(
            acquisition.parties == [Party(globex.id, .acquirer), Party(acme.id, .target)], "100% is an acquisition")
        #expect(acquisition.amounts == [Amount(value: 250_000_000, currency: "EUR")])
        #expect(acquisition.date == DatedEvent(PartialDate(year: 2021, month: 6), .announced))
        #expect(acquisition.status == .announced)
        let stake = try #require(d.alliances.first { $0.kind == .investment })
        #expect(stake.parties == [Party(initech.id, .investor), Party(acme.id, .investee)])
        #expect(stake.amounts.isEmpty, "no amount in the CSV: none, never 0")
        #expect(stake.date?.value == PartialDate(year: 2023))
        #expect(stake.records.first?.dataset == "FtM test")

        // Not aggregated: the ownership mapping writes each company again as a nameless fragment, before the named
        // one. The fragments are part of the named companies; the result is the same.
        let raw = try FtMReader.read(path: dir + "/raw.ftm.json", source: Self.source)
        #expect(raw.rejects.isEmpty, "\(raw.rejects)")
        #expect(raw.records == 9 && raw.joined == 4 && raw.accounted == 9)
        let again = Self.merged(raw).dataset
        #expect(again.companies.map(\.name) == d.companies.map(\.name))
        #expect(again.alliances.map(\.parties) == d.alliances.map(\.parties))
        #expect(again.alliances.map(\.amounts) == d.alliances.map(\.amounts))
    }
}

private func runShell(_ script: String, _ argument: String) throws -> (status: Int32, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = ["-c", script, "bash", argument]
    let err = Pipe()
    process.standardError = err
    process.standardOutput = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: e, as: UTF8.self))
}
