import AlliesCore
import Foundation
import Testing

/// The bundled dataset's integrity: it loads cleanly, the binary embeds the current file, and every record is sourced
/// with quotes that really are in the articles.
@Suite("Bundled dataset integrity")
struct BundledDatasetTests {
    let dataset: Dataset
    let catalog: Catalog

    init() throws {
        dataset = try Dataset.bundled().get()
        catalog = Catalog(dataset)
    }

    @Test func bundledLoadsWithoutDiagnostics() {
        switch Dataset.bundled() {
        case .success(let d): #expect(!d.alliances.isEmpty && !d.companies.isEmpty && !d.articles.isEmpty)
        case .failure(let e): Issue.record("the bundled dataset has problems:\n\(e)")
        }
    }

    @Test func resourceFileLoadsWithoutDiagnosticsAndMatchesTheBundle() throws {
        switch Dataset.load(path: Paths.datasetFile) {
        case .success(let d): expectSameDataset(d, dataset)
        case .failure(let e): Issue.record("Resources/allies.json has problems:\n\(e)")
        }
    }

    @Test func binaryEmbedsTheCurrentFile() throws {
        let file = try #require(readBytes(Paths.datasetFile), "cannot read \(Paths.datasetFile)")
        #expect(Array(Dataset.bundledBytes) == file, "the binary's dataset differs from Resources/allies.json: rebuild")
    }

    @Test func everyQuoteOccursVerbatimInItsArticle() throws {
        let folder = Paths.articlesFolder
        guard isDirectory(folder) else {
            Issue.record(
                """
                the articles folder \(folder) is missing: the quotes cannot be checked (it sits next to the package, \
                in ../shared/articles)
                """
            )
            return
        }
        var texts: [String: [UInt8]] = [:]
        for article in dataset.articles {
            guard let file = article.file else {
                Issue.record("article \(article.id) has no \"file\": its quotes cannot be checked")
                continue
            }
            guard let bytes = readBytes(folder + "/" + file) else {
                Issue.record("article \(article.id): \(folder)/\(file) is missing")
                continue
            }
            texts[article.id] = bytes
            // The dataset carries the article's text as published: the file's, byte for byte.
            #expect(
                article.text.map { Array($0.utf8) } == bytes, "article \(article.id): its text differs from \(file)")
        }
        let quotes = allQuotes(dataset)
        #expect(quotes.count > 50)
        for (record, q) in quotes {
            guard let text = texts[q.article] else { continue }
            // Byte for byte: no normalisation, no whitespace folding.
            #expect(
                text.firstRange(of: Array(q.quote.utf8)) != nil,
                "\(record): the quote is not verbatim in \(q.article): \"\(q.quote)\"")
        }
    }

    @Test func everyRecordIsSourced() {
        for a in dataset.alliances { #expect(!a.sources.isEmpty, "alliance \(a.id) has no source") }
        for c in dataset.companies { #expect(!c.sources.isEmpty, "company \(c.id) has no source") }
        for c in dataset.claims { #expect(!c.sources.isEmpty, "claim \(c.id) has no source") }
        for p in dataset.people { #expect(!p.sources.isEmpty, "person \(p.id) has no source") }
        for e in dataset.shareEstimates {
            #expect(
                !e.sources.isEmpty || !e.citations.isEmpty, "share estimate \(e.id) has neither a source nor a citation"
            )
        }
        for a in dataset.alliances { #expect(a.parties.count >= 2, "alliance \(a.id) has fewer than two parties") }
    }

    @Test func everyReferenceResolves() {
        let companies = Set(dataset.companies.map(\.id)), articles = Set(dataset.articles.map(\.id))
        let groups = Set(dataset.groups.map(\.id)), alliances = Set(dataset.alliances.map(\.id))
        for (record, q) in allQuotes(dataset) { #expect(articles.contains(q.article), "\(record): \(q.article)") }
        for c in dataset.companies {
            if let p = c.parent { #expect(companies.contains(p), "\(c.id).parent \(p)") }
            for g in c.groups { #expect(groups.contains(g), "\(c.id).groups \(g)") }
        }
        for a in dataset.alliances {
            for p in a.parties { #expect(companies.contains(p.company), "\(a.id): \(p.company)") }
            for m in a.amounts {
                for id in [m.from, m.to].compactMap({ $0 }) { #expect(companies.contains(id), "\(a.id): \(id)") }
            }
        }
        for c in dataset.claims {
            switch c.about {
            case .company(let id), .product(_, let id): #expect(companies.contains(id), "\(c.id): \(id)")
            case .alliance(let id): #expect(alliances.contains(id), "\(c.id): \(id)")
            case .topic: break
            }
        }
        for p in dataset.people { if let o = p.organization { #expect(companies.contains(o), "\(p.id): \(o)") } }
        for e in dataset.shareEstimates {
            for s in e.shares { if let v = s.vendor { #expect(companies.contains(v), "\(e.id): \(v)") } }
        }
    }

    /// The decoded date keeps exactly the precision the file gives: "2025-12" stays a month, "2024" a year.
    @Test func everyAllianceDateKeepsItsWrittenPrecision() throws {
        let data = try #require(readBytes(Paths.datasetFile))
        let root = try #require(try JSONSerialization.jsonObject(with: Data(data)) as? [String: Any])
        let raw = try #require(root["alliances"] as? [[String: Any]])
        #expect(raw.count == dataset.alliances.count)
        for (json, alliance) in zip(raw, dataset.alliances) {
            #expect(json["id"] as? String == alliance.id)
            let written = (json["date"] as? [String: Any])?["value"] as? String
            #expect(alliance.date?.value.description == written, "\(alliance.id)")
            if let written, let date = alliance.date?.value {
                let expected: PartialDate.Precision = [.year, .month, .day][written.split(separator: "-").count - 1]
                #expect(date.precision == expected, "\(alliance.id): \(written)")
            }
        }
    }

    @Test func appleTrainium2KeepsBothQuotesAndTheDisagreement() throws {
        let alliance = try #require(catalog.alliance("apple-aws-trainium2-2024"))
        #expect(alliance.parties.map(\.company).sorted() == ["apple", "aws"])
        // Article 000 says Apple is evaluating Trainium2; article 004 that it will use it. Both stay.
        #expect(alliance.sources.contains { $0.quote.contains("evaluación de Trainium 2") })
        #expect(alliance.sources.contains { $0.quote.contains("utilizará los chips Trainium2") })
        #expect(Set(alliance.sources.map(\.article)).count >= 2)
        let disagreement = try #require(alliance.disagreement)
        #expect(!disagreement.isEmpty)
    }

    @Test func nvidiaMoreThanSeventyPercentIsALowerBound() {
        let shares = dataset.shareEstimates.flatMap(\.shares).filter { $0.vendor == "nvidia" }
        #expect(shares.contains { $0.bound == .moreThan && $0.value == 70 && $0.upper == nil })
    }

    @Test func articlesHaveTheirFiles() {
        for a in dataset.articles {
            #expect(a.file != nil, "article \(a.id) has no file")
            if a.published == nil {
                #expect(a.publishedNote != nil, "article \(a.id) has no date and no note saying why")
            }
        }
    }
}
