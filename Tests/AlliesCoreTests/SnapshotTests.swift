@testable import AlliesCore
import AlliesGenerator
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The cache: a snapshot gives back the same dataset and the same search answers as the JSON, and is ignored as
/// soon as the file changes or the snapshot is damaged.
@Suite("Snapshot cache")
struct SnapshotTests {
    /// A generated dataset (accents, CJK, every kind) in a temporary folder with its own cache folder.
    struct World {
        let folder = makeTemporaryDirectory()
        var file: String { folder + "/data.json" }
        var cache: String { folder + "/cache" }
        let json: [UInt8]

        init(alliances: Int = 600) {
            self.init(try! DatasetGenerator(companies: 80, alliances: alliances, seed: 5).dataset())
        }

        init(_ dataset: Dataset) {
            json = Array(dataset.canonicalJSON().utf8)
            writeFile(file, json)
        }

        func open(useCache: Bool = true) throws -> OpenedDataset {
            try OpenedDataset.open(file, useCache: useCache, cacheDirectory: cache).get()
        }

        func remove() { removeTree(cache); removeTree(folder) }

        /// Opens the file, writes its snapshot, and gives what was opened and the snapshot's bytes and path.
        func snapshotted() throws -> (first: OpenedDataset, path: String, bytes: [UInt8]) {
            let first = try open()
            first.saveSnapshot(path: file, index: SearchIndex(first.catalog), cacheDirectory: cache)
            let path = try #require(DatasetCache.snapshotPath(for: file, in: cache))
            return (first, path, try #require(readBytes(path)))
        }
    }

    static let queries = [
        "nube", "inversion empresa", "invierte nub", "\"centro de datos\"", "kind:investment year:2024..2025", "科技",
        "amount:>1B -nube", "type:company a",
    ]

    func answers(_ index: SearchIndex) -> [[String]] {
        Self.queries.map { q in
            let hits = index.hits(try! Query.parse(q, catalog: index.catalog).get(), limit: 1000)
            return ["\(hits.total)"]
                + (0..<hits.count).map { i in
                    let r = index.result(hits, i)
                    return "\(r.kind) \(r.id) \(r.field) \(r.spans)"
                }
        }
    }

    /// `allies alliance ID` from the store: every alliance is found by its id (any case) and by the one id that
    /// starts with a prefix, with the companies, articles and claims showing it reads, as the catalog has them; a
    /// prefix of several ids, or of none, is left to the dataset (which says what matched and what is close).
    @Test func theStoreFindsAnAllianceAndWhatShowingItReads() throws {
        let world = World()
        defer { world.remove() }
        let (first, _, _) = try world.snapshotted()
        let full = first.catalog
        let stored = try DatasetCache.openForQueries(source: world.file, directory: world.cache).get()
        let ids = full.dataset.alliances.map(\.id)
        for id in ids {
            let (a, catalog) = try #require(stored.alliance(id.uppercased()), "\(id)")
            #expect(a.id == id && a.title == full.alliance(id)?.title)
            for c in a.parties.map(\.company) + a.amounts.compactMap(\.from) {
                #expect(catalog.companyName(c) == full.companyName(c), "\(id) \(c)")
            }
            for s in a.sources { #expect(catalog.article(s.article)?.title == full.article(s.article)?.title) }
            #expect(catalog.claims(aboutAlliance: id).map(\.id) == full.claims(aboutAlliance: id).map(\.id))
            // The shortest prefix that is this id's alone is found too; one character less (several ids' prefix)
            // is found only when it is itself an id, as the catalog resolves it.
            let unique = (1...id.count).map { String(id.prefix($0)) }.first { p in
                ids.filter { $0.hasPrefix(p) }.count == 1
            }
            if let unique, unique != id {
                #expect(stored.alliance(unique)?.alliance.id == id, "\(unique)")
                let shorter = String(unique.dropLast())
                let expected: String? = if case .found(let f) = full.resolveAlliance(shorter) { f } else { nil }
                #expect(stored.alliance(shorter)?.alliance.id == expected, "\(shorter)")
            }
        }
        #expect(full.dataset.claims.contains { if case .alliance = $0.about { true } else { false } })
        #expect(stored.alliance("zzz-no-such-alliance") == nil)
        #expect(stored.alliance("") == nil)
    }

    /// `allies company NAME` from the store: every company of the bundled and a generated dataset is found by its
    /// id, its name in capitals, each alias and the shortest prefix of its name that is its own, exactly when the
    /// catalog finds it, with what showing it reads as the catalog has it (alliances, money, partners, units,
    /// people, claims, names). A name two companies share, a prefix of several, and no name are left to the dataset.
    @Test(arguments: ["bundled", "generated"])
    func theStoreFindsACompanyAndWhatShowingItReads(_ which: String) throws {
        var dataset =
            try which == "bundled"
            ? Dataset.bundled().get()
            : DatasetGenerator(
                companies: 80, alliances: 600, seed: 5
            ).dataset()
        // Two companies with one alias: the name is theirs both, and the catalog says so.
        dataset.companies[0].aliases.append("Shared Alias Co")
        dataset.companies[1].aliases.append("shared alias co")
        let world = World(dataset)
        defer { world.remove() }
        let (first, _, _) = try world.snapshotted()
        let full = first.catalog
        let stored = try DatasetCache.openForQueries(source: world.file, directory: world.cache).get()
        var found = 0, prefixes = 0
        for c in full.dataset.companies {
            let folded = Folding.fold(c.name)
            let unique = (3...max(3, folded.count)).map { String(folded.prefix($0)) }.first { p in
                Set(
                    full.dataset.companies.filter { x in
                        ([x.id, x.name] + x.aliases).contains { Folding.fold($0).hasPrefix(p) }
                    }.map(\.id)
                ).count == 1
            }
            for text in Set([c.id, c.name.uppercased(), " \(c.name)\t"] + c.aliases + [unique].compactMap { $0 }) {
                let expected: String? = if case .found(let f) = full.resolveCompany(text) { f } else { nil }
                guard let (company, catalog) = stored.company(text) else {
                    // Left to the dataset: not one company, or a name whose bytes do not decide its equality.
                    #expect(expected == nil || !Folding.comparesByBytes(Folding.fold(text)), "\(text)")
                    continue
                }
                found += 1
                if text == unique { prefixes += 1 }
                #expect(company.id == expected, "\(text)")
                let id = company.id
                #expect(catalog.alliances(of: id).map(\.id) == full.alliances(of: id).map(\.id), "\(id)")
                #expect(catalog.money(of: id) == full.money(of: id), "\(id)")
                #expect(
                    catalog.partners(of: id).map { "\($0.company) \($0.alliances)" }
                        == full.partners(of: id).map { "\($0.company) \($0.alliances)" }, "\(id)")
                #expect(catalog.childrenByParent[id] == full.childrenByParent[id], "\(id)")
                #expect(catalog.people(of: id).map(\.id) == full.people(of: id).map(\.id), "\(id)")
                #expect(catalog.claims(about: id).map(\.id) == full.claims(about: id).map(\.id), "\(id)")
                #expect(catalog.dataset.shareEstimates == full.dataset.shareEstimates)
                let named =
                    [company.parent].compactMap { $0 } + company.groups
                    + catalog.alliances(of: id).flatMap { a in
                        a.parties.map(\.company) + a.amounts.flatMap { [$0.from, $0.to].compactMap { $0 } }
                    }
                for n in named { #expect(catalog.companyName(n) == full.companyName(n), "\(id) \(n)") }
                for g in company.groups { #expect(catalog.group(g)?.name == full.group(g)?.name, "\(id) \(g)") }
                for s in company.sources {
                    #expect(catalog.article(s.article)?.title == full.article(s.article)?.title, "\(id)")
                }
            }
        }
        // Most names are the store's to answer; the datasets hold units, people and claims about companies.
        #expect(found >= full.dataset.companies.count * 2 && prefixes > 0)
        #expect(!full.childrenByParent.isEmpty && full.dataset.people.contains { $0.organization != nil })
        #expect(full.dataset.claims.contains { if case .company = $0.about { true } else { false } })
        #expect(stored.company("Shared Alias Co") == nil && stored.company("zzz no such company") == nil)
        #expect(stored.company("") == nil && stored.company("   ") == nil)
    }

    /// `allies company`, `network` and `path` refuse a name that is several companies' or none from the store's
    /// table of names, as the catalog does once the dataset is loaded: the same companies, the same suggestions in
    /// the same order, named alike — for typos, short and shared prefixes, a shared alias and nonsense, among names
    /// in Hangul and CJK too. A table with a name in two spellings Swift finds equal (Hangul syllables and jamo, a
    /// CJK compatibility ideograph), which the catalog finds by either and measures by one of them, leaves those
    /// names and the suggestions to the dataset.
    @Test(arguments: ["generated", "bundled", "two spellings"])
    func theStoreRefusesANameOfSeveralCompaniesOrNoneAsTheCatalogDoes(_ which: String) throws {
        var dataset =
            try which == "bundled"
            ? Dataset.bundled().get()
            : DatasetGenerator(companies: 80, alliances: 600, seed: 5).dataset()
        dataset.companies[0].aliases.append("Shared Alias Co")
        dataset.companies[1].aliases.append("shared alias co")
        if which == "two spellings" {
            dataset.companies[2].aliases.append("\u{D55C}\u{AD6D} Co")
            dataset.companies[3].aliases.append("\u{1112}\u{1161}\u{11AB}\u{1100}\u{116E}\u{11A8} Co")
            // A CJK compatibility ideograph is another spelling of a unified one that folding keeps: the catalog
            // finds both companies by either, the sorted bytes one.
            dataset.companies[4].aliases.append("\u{8C48} Foods")
            dataset.companies[5].aliases.append("\u{F900} Foods")
        }
        let outsideBytes = dataset.companies.contains { c in
            ([c.id, c.name] + c.aliases).contains { !Folding.comparesByBytes(Folding.fold($0)) }
        }
        let world = World(dataset)
        defer { world.remove() }
        let (first, _, _) = try world.snapshotted()
        let full = first.catalog
        let stored = try DatasetCache.openForQueries(source: world.file, directory: world.cache).get()
        var texts = ["Shared Alias Co", "zzzzzzzzzzzz", "a", "co", "", "   ", "\u{8C48} Foods", "\u{8C48} F"]
        for c in full.dataset.companies {
            let name = Array(c.name)
            texts += [String(name.dropLast()) + "x", String(name.prefix(2)), String(name.prefix(3)), c.id + "z"]
            if name.count > 4 { texts.append(String(name[..<2] + name[3...])) }
        }
        var answered: [String: Int] = [:]
        for text in texts {
            let expected = full.resolveCompany(text)
            guard let (resolution, catalog) = stored.companyResolution(text) else {
                answered["left", default: 0] += 1
                // Left to the dataset: no name, or one its bytes do not decide (Hangul), or a table that has two
                // spellings of one name.
                let key = Catalog.nameKey(text)
                #expect(
                    key.isEmpty || !Folding.comparesByBytes(key) || which == "two spellings", "\(text) \(expected)")
                continue
            }
            #expect(resolution == expected, "\(text)")
            let named: [String]
            switch resolution {
            case .found(let id): named = [id]; answered["found", default: 0] += 1
            case .ambiguous(let ids): named = ids; answered["several", default: 0] += 1
            case .notFound(let s): named = s; answered[s.isEmpty ? "none" : "suggested", default: 0] += 1
            }
            for id in named { #expect(catalog.companyName(id) == full.companyName(id), "\(text) \(id)") }
        }
        #expect(answered["several", default: 0] > 0 && answered["found", default: 0] > 0, "\(answered)")
        if which == "two spellings" {
            #expect(answered["suggested"] == nil && answered["none"] == nil, "\(answered)")
        } else {
            #expect(answered["suggested", default: 0] > texts.count / 4 && answered["none", default: 0] > 0)
            #expect(answered["left", default: 0] < texts.count / 20, "\(answered)")
        }
        // The generated names include Hangul, which the bytes do not decide alone.
        #expect(which == "bundled" || outsideBytes)
    }

    /// `allies alliance` refuses an id that starts several alliances' ids or none from the store's sorted ids, as the
    /// catalog does: the ids it starts in the dataset's order, or the nearest ids.
    @Test func theStoreRefusesAnAllianceIDOfSeveralOrNoneAsTheCatalogDoes() throws {
        let world = World(try DatasetGenerator(companies: 80, alliances: 600, seed: 5).dataset())
        defer { world.remove() }
        let (first, _, _) = try world.snapshotted()
        let full = first.catalog
        let stored = try DatasetCache.openForQueries(source: world.file, directory: world.cache).get()
        var texts = ["", "zzz-no-such-alliance", "a", "ZZ"]
        for a in full.dataset.alliances.prefix(60) {
            texts += [String(a.id.dropLast()) + "#", String(a.id.prefix(3)), a.id.uppercased(), a.id + "-x"]
        }
        var answered: [String: Int] = [:]
        for text in texts {
            let resolution = try #require(stored.allianceResolution(text), "\(text)")
            #expect(resolution == full.resolveAlliance(text), "\(text)")
            switch resolution {
            case .found: answered["found", default: 0] += 1
            case .ambiguous: answered["several", default: 0] += 1
            case .notFound(let s): answered[s.isEmpty ? "none" : "suggested", default: 0] += 1
            }
        }
        #expect(answered.count == 4, "\(answered)")
        #expect(stored.allianceResolution("ñandú") == nil)
    }

    /// `allies path` from the store: for pairs of companies of the bundled and a generated dataset, with all money
    /// and agreed money only, the network of the store's path catalog gives the same shortest paths, step for step
    /// and in the same order, with the same directions and alliances, as the whole dataset's network.
    @Test(arguments: ["bundled", "generated"])
    func theStoresPathCatalogGivesTheDatasetsShortestPaths(_ which: String) throws {
        let dataset =
            try which == "bundled"
            ? Dataset.bundled().get()
            : DatasetGenerator(
                companies: 80, alliances: 600, seed: 5
            ).dataset()
        let world = World(dataset)
        defer { world.remove() }
        let (first, _, _) = try world.snapshotted()
        let full = first.catalog
        let stored = try DatasetCache.openForQueries(source: world.file, directory: world.cache).get()
        let ids = full.dataset.companies.map(\.id)
        var random = SplitMix64(seed: 3)
        var answered = 0, withPaths = 0, longest = 0
        for agreedOnly in [false, true] {
            let whole = Network(full, agreedOnly: agreedOnly)
            for _ in 0..<60 {
                let a = ids[Int(random.next() % UInt64(ids.count))], b = ids[Int(random.next() % UInt64(ids.count))]
                let expected = whole.shortestPaths(from: a, to: b)
                guard let (from, to, catalog) = stored.pathCatalog(from: a, to: b, agreedOnly: agreedOnly) else {
                    continue
                }
                answered += 1
                #expect(from == a && to == b)
                #expect(catalog.dataset.alliances.count <= full.dataset.alliances.count)
                let network = Network(catalog, agreedOnly: agreedOnly)
                let paths = network.shortestPaths(from: a, to: b)
                #expect(paths == expected, "\(a) → \(b), agreed only: \(agreedOnly)")
                for step in paths.flatMap({ $0 }) {
                    #expect(
                        network.direction(from: step.from, to: step.to) == whole.direction(from: step.from, to: step.to)
                    )
                    for id in step.alliances { #expect(catalog.alliance(id) == full.alliance(id)) }
                    #expect(catalog.companyName(step.from) == full.companyName(step.from))
                }
                if !paths.isEmpty { withPaths += 1 }
                longest = max(longest, paths.first?.count ?? 0)
            }
        }
        #expect(answered > 60 && withPaths > 30 && longest >= 2, "\(answered) \(withPaths) \(longest)")
    }

    /// `allies network` from the store: for every company of the bundled and a generated dataset, one and two hops
    /// out, all money and agreed money only, the network of the store's catalog lists the same ties, in the same
    /// order, with the same alliances, kinds and money, as the whole dataset's network.
    @Test(arguments: ["bundled", "generated"])
    func theStoresEgoCatalogGivesTheDatasetsTies(_ which: String) throws {
        let dataset =
            try which == "bundled"
            ? Dataset.bundled().get()
            : DatasetGenerator(
                companies: 80, alliances: 600, seed: 5
            ).dataset()
        let world = World(dataset)
        defer { world.remove() }
        let (first, _, _) = try world.snapshotted()
        let full = first.catalog
        let stored = try DatasetCache.openForQueries(source: world.file, directory: world.cache).get()
        var answered = 0, indirect = 0
        for agreedOnly in [false, true] {
            let whole = Network(full, agreedOnly: agreedOnly)
            for c in full.dataset.companies {
                for depth in [1, 2] {
                    guard let (id, catalog) = stored.egoCatalog(c.id, depth: depth, agreedOnly: agreedOnly) else {
                        continue
                    }
                    answered += 1
                    #expect(id == c.id)
                    let ego = Network(catalog, agreedOnly: agreedOnly).ego(id, depth: depth)
                    let expected = whole.ego(id, depth: depth)
                    #expect(ego.direct == expected.direct, "\(id) depth \(depth) agreed \(agreedOnly)")
                    #expect(ego.indirect == expected.indirect, "\(id) depth \(depth) agreed \(agreedOnly)")
                    for t in ego.direct + ego.indirect {
                        #expect(catalog.companyName(t.company) == full.companyName(t.company))
                    }
                    indirect += ego.indirect.count
                }
            }
        }
        #expect(answered >= full.dataset.companies.count * 3 && indirect > 0, "\(answered) \(indirect)")
    }

    @Test func aSnapshotGivesBackTheSameDatasetAndAnswers() throws {
        let world = World()
        defer { world.remove() }
        let first = try world.open()
        #expect(first.index == nil)  // no snapshot yet: read from the JSON
        let built = SearchIndex(first.catalog)
        #expect(first.saveSnapshot(path: world.file, index: built, cacheDirectory: world.cache) == nil)

        let second = try world.open()
        let index = try #require(second.index)  // from the snapshot, index included
        #expect(second.catalog.dataset.canonicalJSON() == first.catalog.dataset.canonicalJSON())
        #expect(Array(second.catalog.dataset.canonicalJSON().utf8) == world.json)
        #expect(answers(index) == answers(built))
        #expect(
            answers(built).allSatisfy { $0[0] != "0" }, "every query finds something: \(answers(built).map { $0[0] })")
        // --no-cache reads the JSON again.
        #expect(try world.open(useCache: false).index == nil)
    }

    /// Read whole from a store, a party's company and an amount's payer or payee share the string of the id they name
    /// (an id of more than 15 bytes has storage of its own): one copy per company, not one per mention. Ids of no
    /// record read before (none here) would be strings of their own, as are the article ids of an alliance's sources,
    /// which are not kept but read when asked (`StoredProvenance`): the shared ids are not kept for them.
    @Test func referencesShareTheirIdsStrings() throws {
        let world = World()
        defer { world.remove() }
        _ = try world.snapshotted()
        let dataset = try world.open().catalog.dataset
        func storage(_ s: String) -> UnsafeRawPointer? {
            var s = s
            return s.withUTF8 { UnsafeRawPointer($0.baseAddress) }
        }
        let companies = Dictionary(uniqueKeysWithValues: dataset.companies.map { ($0.id, storage($0.id)) })
        let articles = Dictionary(uniqueKeysWithValues: dataset.articles.map { ($0.id, storage($0.id)) })
        var shared = (parties: 0, sources: 0)
        for alliance in dataset.alliances {
            for party in alliance.parties where party.company.utf8.count > 15 {
                #expect(storage(party.company) == companies[party.company]!, "\(alliance.id)")
                shared.parties += 1
            }
            for source in alliance.sources where source.article.utf8.count > 15 {
                #expect(articles[source.article] != nil, "\(alliance.id)")
                shared.sources += 1
            }
            for id in alliance.amounts.flatMap({ [$0.from, $0.to] }).compactMap({ $0 }) where id.utf8.count > 15 {
                #expect(storage(id) == companies[id]!, "\(alliance.id)")
            }
        }
        #expect(shared.parties > 500 && shared.sources > 20, "\(shared)")
    }

    /// Read whole from a store, the records' texts stay in its mapping, decoded when read (at 1M alliances their
    /// strings were ~0.6 GB of the explorer's memory): the same texts as the JSON's, read right after the store's
    /// file is removed and nothing but the dataset is kept; a text set is a string of its own, and a text equals
    /// and hashes as one made of the same strings.
    @Test func textsReadFromAStoreStayInItsMapping() throws {
        let world = World()
        defer { world.remove() }
        let json = try world.snapshotted().first.catalog.dataset
        var dataset = try world.open().catalog.dataset
        DatasetCache.remove(source: world.file, directory: world.cache)
        let texts =
            dataset.alliances.flatMap { [$0.title, $0.summary] } + dataset.companies.map(\.description)
            + dataset.claims.map(\.text) + dataset.people.map(\.role)
        #expect(texts.count > 1_200 && texts.allSatisfy(\.isInPlace))
        let quotes = dataset.alliances.flatMap(\.sources) + dataset.companies.flatMap(\.sources)
        #expect(quotes.count > 300 && quotes.allSatisfy(\.storedQuote.isInPlace))
        // An article's title, outlet, address and text (~45 MB of strings at 1M alliances).
        #expect(dataset.articles.count > 50 && dataset.articles.allSatisfy(\.storedTitle.isInPlace))
        let articleTexts = dataset.articles.flatMap { [$0.storedOutlet, $0.storedURL, $0.storedText] }.compactMap(
            \.self)
        #expect(articleTexts.count > 50 && articleTexts.allSatisfy(\.isInPlace))
        #expect(dataset.articles == json.articles && json.articles.allSatisfy { !$0.storedTitle.isInPlace })
        #expect(json.alliances.allSatisfy { !$0.title.isInPlace })
        #expect(dataset.canonicalJSON() == json.canonicalJSON())
        #expect(dataset.alliances.map(\.title) == json.alliances.map(\.title))
        #expect(dataset.alliances.contains { $0.title.es.unicodeScalars.contains { $0.value > 0x7F } })

        let spanish = dataset.alliances[3].title.es
        dataset.alliances[3].title.en = "A title set in the explorer"
        #expect(!dataset.alliances[3].title.isInPlace)
        #expect(
            dataset.alliances[3].title.en == "A title set in the explorer" && dataset.alliances[3].title.es == spanish)
        #expect(dataset.alliances[3].title != json.alliances[3].title)
        let quoted = try #require(dataset.alliances.firstIndex { !$0.sources.isEmpty })
        dataset.alliances[quoted].sources[0].quote += " (set)"
        #expect(dataset.alliances[quoted].sources[0].quote == json.alliances[quoted].sources[0].quote + " (set)")
        #expect(!dataset.alliances[quoted].sources[0].storedQuote.isInPlace)
        let outlet = dataset.articles[0].outlet
        dataset.articles[0].title += " (set)"
        #expect(dataset.articles[0].title == json.articles[0].title + " (set)" && dataset.articles[0].outlet == outlet)
        #expect(!dataset.articles[0].storedTitle.isInPlace && dataset.articles[0] != json.articles[0])
        let made = LocalizedText(en: json.alliances[4].title.en, es: json.alliances[4].title.es)
        #expect(made == dataset.alliances[4].title && Set([made, dataset.alliances[4].title]).count == 1)
    }

    /// Read whole from a store, an alliance's sources, citations, disagreement, updates and records stay in the
    /// mapping and are read when asked: the same values as the JSON's, for every field and every article's quotes.
    @Test func anAlliancesProvenanceStaysInItsMapping() throws {
        var bundled = try Dataset.bundled().get()
        bundled.alliances[0].records = [
            RecordSource(
                dataset: "Crunchbase export 2015-12-04", key: "microsoft/openai", url: "https://example.org/r/1",
                retrieved: PartialDate(year: 2015, month: 12), licence: "CC BY-NC 4.0")
        ]
        let world = World(bundled)
        defer { world.remove() }
        let json = try world.snapshotted().first.catalog.dataset
        var dataset = try world.open().catalog.dataset
        DatasetCache.remove(source: world.file, directory: world.cache)
        #expect(dataset.alliances.allSatisfy { $0.storedProvenance.isInPlace })
        #expect(!json.alliances.contains { $0.storedProvenance.isInPlace })
        #expect(dataset.alliances.map(\.provenance) == json.alliances.map(\.provenance))
        #expect(dataset.alliances.map(\.sources) == json.alliances.map(\.sources))
        #expect(dataset.alliances == json.alliances && dataset.canonicalJSON() == json.canonicalJSON())
        // Every field of the provenance is there to be read.
        #expect(
            dataset.alliances.contains { !$0.sources.isEmpty } && dataset.alliances.contains { !$0.citations.isEmpty })
        #expect(
            dataset.alliances.contains { !$0.updates.isEmpty } && dataset.alliances.contains { $0.disagreement != nil })
        #expect(dataset.alliances[0].records == bundled.alliances[0].records)
        for article in json.articles {
            #expect(
                dataset.quotes(of: article.id).map { "\($0.key) \($0.quote)" }
                    == json.quotes(of: article.id).map { "\($0.key) \($0.quote)" }, "\(article.id)")
        }
        #expect(json.articles.contains { !json.quotes(of: $0.id).filter { $0.key.list == .alliances }.isEmpty })
        // Finding an article's quotes reads the alliances its marks allow, not every one.
        for article in json.articles {
            let marks = StoredProvenance.articleMarks(article.id)
            let read = dataset.alliances.filter { $0.storedProvenance.mayQuote(marks) }
            let quoting = json.alliances.filter { $0.sources.contains { $0.article == article.id } }
            #expect(Set(quoting.map(\.id)).isSubset(of: read.map(\.id)), "\(article.id)")
            #expect(read.count <= quoting.count + dataset.alliances.count / 4, "\(article.id): \(read.count) read")
        }
        // Removing an article sets the sources of the records that quote it, and no other.
        let article = try #require(
            json.articles.first { a in json.alliances.contains { $0.sources.contains { $0.article == a.id } } })
        let removal = dataset.removal(of: [RecordKey(.articles, article.id)], cascade: true)
        let after = dataset.removing(removal)
        #expect(after.alliances.allSatisfy { $0.sources.allSatisfy { $0.article != article.id } })
        let untouched = after.alliances.filter { a in
            !json.alliances.contains { $0.id == a.id && $0.sources != a.sources }
        }
        #expect(
            untouched.count >= 20 && untouched.allSatisfy { $0.storedProvenance.isInPlace },
            "\(untouched.count) of \(after.alliances.count)")
        // Setting one field makes the provenance the alliance's own, the other fields as they were.
        let i = try #require(dataset.alliances.firstIndex { !$0.updates.isEmpty && !$0.citations.isEmpty })
        dataset.alliances[i].disagreement = "Set in the explorer"
        #expect(!dataset.alliances[i].storedProvenance.isInPlace)
        #expect(dataset.alliances[i].disagreement == "Set in the explorer")
        #expect(dataset.alliances[i].updates == json.alliances[i].updates)
        #expect(dataset.alliances[i].citations == json.alliances[i].citations)
        #expect(dataset.alliances[i].sources == json.alliances[i].sources)
        #expect(dataset.alliances[i] != json.alliances[i])
        // Equal and hashed alike in either form.
        let j = (i + 1) % dataset.alliances.count
        #expect(Set([dataset.alliances[j], json.alliances[j]]).count == 1)
    }

    /// What the provenance costs each record held a session: the store's list, an offset and the articles' marks (its
    /// own fields are boxed), where the five fields took 48 bytes in every alliance. Two parties are kept in the
    /// record (56 bytes where an array's pointer took 8, and its heap block ~96).
    @Test func theProvenanceKeepsTheRecordSmall() {
        #expect(MemoryLayout<StoredProvenance>.size <= 20, "\(MemoryLayout<StoredProvenance>.size)")
        #expect(MemoryLayout<Parties>.size <= 56, "\(MemoryLayout<Parties>.size)")
        #expect(MemoryLayout<Alliance>.stride <= 176 + 48, "\(MemoryLayout<Alliance>.stride)")
    }

    /// The provenance's fields follow one another in the record, from the sources: read from there as one.
    @Test func theProvenancesFieldsFollowOneAnother() throws {
        let ordered = AllianceField.ordered
        let start = try #require(ordered.firstIndex(of: .sources))
        #expect(Array(ordered[start..<(start + AllianceProvenance.fields.count)]) == AllianceProvenance.fields)
    }

    /// A store cut short by another program while its texts are in use reads as zeros past its new end (the mapping
    /// is guarded): a save then refuses, naming the store, rather than write zeros as the dataset's text, and the
    /// file is as it was.
    @Test func aSaveRefusesTextsFromAStoreCutShort() throws {
        // Its own holders: the store cut short here must not refuse the saves of tests run beside it.
        try FileBytes.TextHolders.$current.withValue(FileBytes.TextHolders()) {
            let world = World()
            defer { world.remove() }
            let store = try world.snapshotted().path
            var dataset = try world.open().catalog.dataset
            #expect(Dataset.textsLost == nil)
            #expect(truncate(store, 4096) == 0)
            dataset.alliances[0].status = .ended
            func refused(_ save: Result<SourceStamp, SaveError>, _ what: String) {
                guard case .failure(.storeCutShort(let path)) = save else {
                    Issue.record("\(what) saved: \(save)")
                    return
                }
                #expect(path == store, "\(what)")
            }
            // Nothing read since the store was cut: the save's own reading finds the pages gone, before the rename.
            refused(dataset.save(to: world.file, expected: SourceStamp.of(world.file)), "a whole save")
            // Read past the new end: the guard gives zeros and notes it.
            let titles = dataset.alliances.map(\.title.en)
            #expect(titles.last?.unicodeScalars.allSatisfy { $0 == "\0" } == true, "\(titles.last ?? "")")
            refused(
                dataset.save(
                    to: world.file, expected: SourceStamp.of(world.file),
                    since: try world.open(useCache: false).catalog.dataset, journalFrom: 0),
                "an edits-file save")
            // A dataset made anew from the records (as an import's merge makes one) carries their texts too.
            let rebuilt = Dataset(
                articles: dataset.articles, groups: dataset.groups, companies: dataset.companies,
                alliances: Array(dataset.alliances.reversed()), claims: dataset.claims, people: dataset.people,
                shareEstimates: dataset.shareEstimates)
            refused(rebuilt.save(to: world.file, expected: SourceStamp.of(world.file)), "a dataset made anew")
            #expect(readBytes(world.file) == world.json)
            #expect(access(EditJournal.path(for: world.file), F_OK) != 0)
            let leftovers = directoryEntries(world.folder).filter { $0.contains(".saving-") }
            #expect(leftovers.isEmpty, "temporaries removed: \(leftovers)")
        }
    }

    @Test func aChangedFileIsReadAgain() throws {
        let world = World()
        defer { world.remove() }
        let first = try world.open()
        first.saveSnapshot(path: world.file, index: SearchIndex(first.catalog), cacheDirectory: world.cache)
        // Same size, different content, a later time: the stamp no longer matches.
        var changed = world.json
        let at = try #require(changed.firstIndex(of: UInt8(ascii: "N")))
        changed[at] = UInt8(ascii: "M")
        var times = [timespec(tv_sec: 2_000_000_000, tv_nsec: 0), timespec(tv_sec: 2_000_000_000, tv_nsec: 0)]
        writeFile(world.file, changed)
        utimensat(AT_FDCWD, world.file, &times, 0)
        guard case .failure(let error) = DatasetCache.read(source: world.file, directory: world.cache) else {
            Issue.record("a stale snapshot was used"); return
        }
        #expect(error.reason == "the file changed")
        let reopened = try world.open()
        #expect(reopened.index == nil)
        #expect(Array(reopened.catalog.dataset.canonicalJSON().utf8) == changed)
    }

    @Test func aDamagedSnapshotIsIgnored() throws {
        let world = World()
        defer { world.remove() }
        let (_, path, good) = try world.snapshotted()
        // A flipped byte in the payload, a truncation, and garbage: each is refused, never trusted or crashed on.
        var flipped = good
        flipped[good.count / 2] ^= 0x5A
        let cases: [([UInt8], String)] = [
            (flipped, "the checksum does not match"),
            (Array(good.prefix(good.count - 100)), "the snapshot is damaged"),
            (Array(good.prefix(20)), "the snapshot is damaged"),
            (Array(repeating: 0x41, count: 4096), "another version"),
            ([], "the snapshot is damaged"),
        ]
        for (bytes, reason) in cases {
            writeFile(path, bytes)
            guard case .failure(let error) = DatasetCache.read(source: world.file, directory: world.cache) else {
                Issue.record("a damaged snapshot was used (\(reason))"); continue
            }
            #expect(error.reason == reason)
            #expect(try world.open().index == nil)  // and the JSON is read instead
            if reason != "the checksum does not match" {
                // Opened for queries (no checksums read), what the header and table say is still checked.
                guard case .failure(let e) = DatasetCache.openForQueries(source: world.file, directory: world.cache)
                else { Issue.record("a damaged store was opened for queries (\(reason))"); continue }
                #expect(e.reason == reason)
            }
        }
    }

    /// The store keeps the long lists' orders: read back, each is the order sorted from the catalog; the Companies
    /// list by kind (whose order is the labels' in the reader's language) is not kept. A catalog opened from JSON
    /// has none (its lists are sorted as asked).
    @Test func theListsOrdersAreKeptInTheStore() throws {
        let world = World()
        defer { world.remove() }
        let (first, _, _) = try world.snapshotted()
        #expect(first.catalog.storedOrders == nil)
        let kept = try #require(try world.open().catalog.storedOrders)
        let c = first.catalog
        let byName = ListOrders.companiesByName(c)
        let nameRows = ListOrders.rows(of: byName, records: byName.count)
        let figures = CompanyFigures(c)
        for order in CompanyOrder.allCases where order != .kind {
            for agreedOnly in [false, true] {
                let sorted =
                    order == .name
                    ? byName
                    : ListOrders.companies(c, by: order, agreedOnly: agreedOnly, figures: figures, nameRows: nameRows)
                #expect(kept.companies(order, agreedOnly: agreedOnly) == sorted, "\(order) \(agreedOnly)")
            }
        }
        #expect(kept.companies(.kind, agreedOnly: false) == nil)
        for order in AllianceOrder.allCases {
            #expect(kept.alliances(order) == ListOrders.alliances(c, by: order, nameRows: nameRows), "\(order)")
        }
        // The orders differ from each other (a store that kept one order several times would pass the above only
        // if every sort gave it), and agreed money alone orders differently from all money.
        #expect(Set(AllianceOrder.allCases.map(kept.alliances)).count == 3)
        #expect(kept.companies(.moneyIn, agreedOnly: true) != kept.companies(.moneyIn, agreedOnly: false))
    }

    /// The Companies list read in place (the explorer's first frame at a large size) is the dataset's: every kept
    /// order, every company, and each company's figures from its own alliances alone, equal to everyone's figures
    /// of the whole dataset (alliances, partners, money in and out with every qualifier, last activity).
    @Test(arguments: ["bundled", "generated"])
    func theStoresCompanyListIsTheDatasetsCompaniesList(_ which: String) throws {
        let dataset =
            try which == "bundled"
            ? Dataset.bundled().get() : DatasetGenerator(companies: 80, alliances: 600, seed: 5).dataset()
        let world = World(dataset)
        defer { world.remove() }
        let (first, _, _) = try world.snapshotted()
        let full = first.catalog
        let kept = try #require(try world.open().catalog.storedOrders)
        let list = try DatasetCache.openCompanyList(source: world.file, directory: world.cache).get()
        #expect(list.companyCount == full.dataset.companies.count)
        #expect(list.allianceCount == full.dataset.alliances.count)
        for (order, agreedOnly) in StoredOrders.companyOrders {
            #expect(list.order(order, agreedOnly: agreedOnly) == kept.companies(order, agreedOnly: agreedOnly))
        }
        #expect(list.order(.kind, agreedOnly: false) == nil && !list.keeps(.kind) && list.keeps(.moneyIn))
        let everyone = CompanyFigures(full).all()
        var withMoney = 0
        for (k, company) in full.dataset.companies.enumerated() {
            #expect(list.company(at: k) == company)
            let figures = try #require(list.figures(of: company))
            #expect(figures == everyone[k], "\(company.id)")
            #expect(list.deals(of: company) == everyone[k].alliances)
            if figures.incoming.hasAmounts || figures.outgoing.hasAmounts { withMoney += 1 }
        }
        // Not a dataset of empty figures: most companies have money on one side.
        #expect(withMoney > full.dataset.companies.count / 3)
        #expect(list.company(at: full.dataset.companies.count) == nil && list.company(at: -1) == nil)
        #expect(!list.damaged)
    }

    /// A store read whole gives its pages back as it goes, so that they do not count in the explorer's memory beside
    /// the records decoded from them: a section's checksum gives back what it has passed as it goes (at a million
    /// alliances the alliances' 0.6 GB were resident whole until their check ended: the peak of the explorer's
    /// start); none of the store is resident once the index is checked, before the records are decoded (its checks
    /// held ~40 MB at a million), nor once the records and orders are decoded, before the catalog is built on them
    /// (~30 MB).
    @Test func aStoreReadWholeGivesItsPagesBackAsItGoes() throws {
        let world = World(alliances: 2000)
        defer { world.remove() }
        let (_, path, bytes) = try world.snapshotted()
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let alliances = StoreFile.place(of: .alliances, in: bytes).section
        #expect(alliances.count / page > 200, "too small a section to tell")
        do {
            let store = try DatasetCache.openStore(source: world.file, directory: world.cache).get()
            var reports = 0, residentBehind = 0, residentInHand = 0
            let checked = StoreFile.$releaseEvery.withValue(8 * page) {
                store.verify(.alliances) { done in
                    reports += 1
                    let behind = alliances.lowerBound..<(alliances.lowerBound + done)
                    residentBehind += residentPages(mappingsOf: path, bytes: behind)
                    residentInHand += residentPages(mappingsOf: path, bytes: alliances)
                }
            }
            #expect(checked && reports >= alliances.count / (8 * page))
            // What it has passed is given back; what it reads next is resident (the pages are seen).
            #expect(residentBehind == 0 && residentInHand > 0)
            #expect(residentPages(mappingsOf: path, bytes: alliances) == 0)
        }

        var afterTheIndex = -1, afterTheRecords = -1
        let read = DatasetCache.read(source: world.file, directory: world.cache) { done in
            if done == 0.2, afterTheIndex < 0 {
                afterTheIndex = residentPages(mappingsOf: path, bytes: 0..<bytes.count)
            }
            if done == 0.9 { afterTheRecords = residentPages(mappingsOf: path, bytes: 0..<bytes.count) }
        }
        #expect(read.value != nil)
        #expect(afterTheIndex == 0 && afterTheRecords == 0)
    }

    /// The Companies list read in place for the explorer's first frame gives back the alliances' pages it read for a
    /// company's figures: a screen of companies read ~50 MB of them at a million alliances, held until the dataset
    /// came.
    @Test func theStoresCompanyListGivesBackThePagesOfTheFiguresItRead() throws {
        let world = World(alliances: 2000)
        defer { world.remove() }
        let (first, path, bytes) = try world.snapshotted()
        let alliances = StoreFile.place(of: .alliances, in: bytes).section
        let list = try DatasetCache.openCompanyList(source: world.file, directory: world.cache).get()
        var read = 0
        for company in first.catalog.dataset.companies {
            read += try #require(list.figures(of: company)).alliances
        }
        // Every alliance was read, some several times; none of their pages stays.
        #expect(read >= first.catalog.dataset.alliances.count)
        #expect(residentPages(mappingsOf: path, bytes: alliances) == 0)
        #expect(residentPages(mappingsOf: path) > 0)
    }

    /// Orders that are not each a permutation of their records (a bug, or bytes changed with their checksums made
    /// to match) make the store refused when read whole, and the JSON read instead.
    @Test func aStoreWhoseOrdersAreNotPermutationsIsRefused() throws {
        let world = World()
        defer { world.remove() }
        let (_, path, good) = try world.snapshotted()
        var bytes = good
        func setWord(_ at: Int, _ v: UInt64) {
            for i in 0..<8 { bytes[at + i] = UInt8(truncatingIfNeeded: v >> (8 * i)) }
        }
        let (section, entry, body) = StoreFile.place(of: .companyOrders, in: bytes)
        let start = section.lowerBound, length = section.count
        #expect(
            length == 4 * StoredOrders.companyOrders.count * 80
                && body == StoreFile.headerWords * 8 + StoreSection.allCases.count * 24)
        // The first order's second row names the first row's company again.
        for i in 0..<4 { bytes[start + 4 + i] = bytes[start + i] }
        bytes.withUnsafeBytes { b in
            setWord(entry + 16, DatasetCache.checksum(UnsafeRawBufferPointer(rebasing: b[start..<(start + length)])))
        }
        bytes.withUnsafeBytes { b in
            // The header's last but one word: the checksum of the section table, which follows the header (xored
            // with the last, the checksum of the edits file's bytes: 0, there is none).
            let table = StoreFile.headerWords * 8
            setWord(table - 16, DatasetCache.checksum(UnsafeRawBufferPointer(rebasing: b[table..<body])))
        }
        writeFile(path, bytes)
        guard case .failure(let error) = DatasetCache.read(source: world.file, directory: world.cache) else {
            Issue.record("orders that are not permutations were used")
            return
        }
        #expect(error.reason == "the lists' orders are damaged")
        // Read in place, that order is refused as it is asked for; the others are still given.
        let list = try DatasetCache.openCompanyList(source: world.file, directory: world.cache).get()
        let (damaged, agreedOnly) = StoredOrders.companyOrders[0]
        #expect(list.order(damaged, agreedOnly: agreedOnly) == nil)
        #expect(
            list.order(StoredOrders.companyOrders[1].0, agreedOnly: StoredOrders.companyOrders[1].agreedOnly) != nil)
        let reopened = try world.open()
        #expect(reopened.index == nil && reopened.catalog.storedOrders == nil)
    }

    /// The id tables' starts are checked as they are read, not walked on open: a start out of place (bytes changed
    /// where no checksum is read on open) reads as an empty id, and the lookup that met it says the store is
    /// damaged instead of answering (or crashing on a slice past the end).
    @Test func anIdTableOutOfPlaceMarksTheStoreDamaged() throws {
        let world = World()
        defer { world.remove() }
        let (first, path, good) = try world.snapshotted()
        var bytes = good
        let starts = StoreFile.place(of: .allianceIDStarts, in: bytes).section
        // The middle start, the first a binary search reads, points far past the ids.
        let middle = starts.lowerBound + ((starts.count / 8 - 1) / 2) * 8
        for i in 0..<8 { bytes[middle + i] = i == 6 ? 0x7f : 0 }
        writeFile(path, bytes)
        let stored = try DatasetCache.openForQueries(source: world.file, directory: world.cache).get()
        #expect(!stored.damaged)
        let id = first.catalog.dataset.alliances[3].id
        #expect(stored.alliance(id) == nil)
        #expect(stored.damaged)
        // Undamaged, the same lookup answers.
        writeFile(path, good)
        let again = try DatasetCache.openForQueries(source: world.file, directory: world.cache).get()
        #expect(again.alliance(id)?.alliance.id == id && !again.damaged)
    }

    /// The checksum of a store read whole tells how far it is as it goes (at 1M, 1.5 GB: seconds from disk), and
    /// telling does not change the sum.
    @Test func theChecksumSaysHowFarItIs() {
        let bytes = (0..<100_003).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        var told: [Int] = []
        let (quiet, telling) = bytes.withUnsafeBytes { b in
            (DatasetCache.checksum(b), DatasetCache.checksum(b, reportEvery: 8_000) { told.append($0) })
        }
        #expect(quiet == telling)
        #expect(told == Array(stride(from: 8_000, through: 96_000, by: 8_000)))
    }

    /// A long list is decoded in pieces at once (two cores): in any number of pieces, the same records in the same
    /// order; a damaged record in any piece fails the whole read (nothing half-decoded is kept or leaked).
    @Test func recordsDecodedInPiecesAtOnceAreTheSame() throws {
        let world = World()
        defer { world.remove() }
        let (first, path, good) = try world.snapshotted()
        let expected = first.catalog.dataset.alliances
        let store = try DatasetCache.openStore(source: world.file, directory: world.cache).get()
        let records = try StoredRecords(store)
        for parts in [1, 2, 3, 7] {
            var heard: [Int] = []
            let all = try records.alliances.all(parts: parts) { heard.append($0) }
            #expect(all == expected, "\(parts) pieces")
            #expect(heard.first == 0, "progress from the first piece")
        }
        // A record of the last piece made undecodable (its bytes zeroed, checksums not looked at here).
        var bytes = good
        let last = records.alliances.starts[records.alliances.count - 2]
        let base = records.alliances.bytes.baseAddress! - UnsafeRawPointer(store.file.buffer.baseAddress!)
        for i in 0..<8 { bytes[base + last + i] = 0xFF }
        writeFile(path, bytes)
        let damaged = try StoredRecords(try DatasetCache.openStore(source: world.file, directory: world.cache).get())
        for parts in [1, 2, 3] {
            #expect(throws: SnapshotError.self, "\(parts) pieces") { try damaged.alliances.all(parts: parts) }
        }
    }

    /// Opened to answer queries, a store reads its index in place and decodes only the records the results show:
    /// the same answers as the JSON path, the same listing of the alliances among them.
    @Test func aStoreOpenedForQueriesGivesTheSameAnswers() throws {
        let world = World()
        defer { world.remove() }
        let first = try world.open()
        let built = SearchIndex(first.catalog)
        #expect(first.saveSnapshot(path: world.file, index: built, cacheDirectory: world.cache) == nil)
        let stored = try DatasetCache.openForQueries(source: world.file, directory: world.cache).get()
        #expect(answersByRecords(stored.index, companies: stored.companies()) == answers(built))
        #expect(!stored.damaged)
        // The listing's catalog: the alliances among the hits, with every company they name.
        let hits = stored.index.hits(try Query.parse("nube", catalog: nil).get(), limit: 50)
        let listed = stored.catalog(for: hits)
        let alliances = (0..<hits.count).map { stored.index.result(hits, $0) }.filter { $0.kind == .alliance }
        #expect(!alliances.isEmpty && listed.dataset.alliances.map(\.id) == alliances.map(\.id))
        for a in listed.dataset.alliances {
            #expect(a.partiesDisplay(listed) == first.catalog.alliance(a.id)!.partiesDisplay(first.catalog))
        }
        // Records read one at a time give what the catalog holds.
        let d = first.catalog.dataset
        for i in stride(from: 0, to: d.alliances.count, by: 37) {
            #expect(stored.records.alliance(at: i) == d.alliances[i])
        }
        for c in d.companies.prefix(20) {
            #expect(stored.records.companyName(c.id) == c.name)
            #expect(stored.records.alliances(ofCompany: c.id) == Array(first.catalog.alliancesByCompany[c.id] ?? []))
        }
        #expect(stored.records.companyName("no-such-company") == "no-such-company")
    }

    /// A store written by an older Allies (its version word) is refused, by both ways of opening, and the file is
    /// read instead; saving the snapshot again replaces it with one this version reads.
    @Test func aStoreOfAnOlderVersionIsRefusedAndRebuilt() throws {
        let world = World(alliances: 100)
        defer { world.remove() }
        let (_, path, bytes) = try world.snapshotted()
        var old = bytes
        old[8] = UInt8(DatasetCache.version - 1)  // the version word follows the magic
        writeFile(path, old)
        guard case .failure(let whole) = DatasetCache.read(source: world.file, directory: world.cache),
            case .failure(let forQueries) = DatasetCache.openForQueries(source: world.file, directory: world.cache)
        else { Issue.record("an older store was used"); return }
        #expect(whole.reason == "another version" && forQueries.reason == "another version")
        let reread = try world.open()
        #expect(reread.index == nil)  // the JSON was read
        #expect(
            reread.saveSnapshot(path: world.file, index: SearchIndex(reread.catalog), cacheDirectory: world.cache)
                == nil)
        #expect(try world.open().index != nil)
    }

    /// A reader keeps the store it opened while a writer replaces it (a save, another process's rebuild): the new
    /// one comes by rename, so the old mapping stays whole and answers as before, and the next open reads the new.
    @Test func readersKeepTheirStoreWhileItIsReplaced() throws {
        let world = World()
        defer { world.remove() }
        let first = try world.open()
        let built = SearchIndex(first.catalog)
        first.saveSnapshot(path: world.file, index: built, cacheDirectory: world.cache)
        let before = try DatasetCache.openForQueries(source: world.file, directory: world.cache).get()
        let whole = try #require(try world.open().index)
        // Another version of the file is saved and its store written over the old one, many times over.
        let other = try DatasetGenerator(companies: 30, alliances: 90, seed: 8).dataset()
        for _ in 0..<5 {
            writeFile(world.file, Array(other.canonicalJSON().utf8))
            let reopened = try world.open(useCache: false)
            reopened.saveSnapshot(path: world.file, index: SearchIndex(reopened.catalog), cacheDirectory: world.cache)
            #expect(answersByRecords(before.index, companies: before.companies()) == answers(built))
            #expect(answers(whole) == answers(built))
        }
        let after = try DatasetCache.openForQueries(source: world.file, directory: world.cache).get()
        #expect(
            after.index.entryCount == other.companies.count + other.alliances.count + other.people.count
                + other.claims.count + other.articles.count + other.shareEstimates.count)
    }

    /// The answers to `queries` from an index whose records are read one at a time (`with:` names resolved
    /// against the companies alone).
    func answersByRecords(_ index: SearchIndex, companies: Catalog?) -> [[String]] {
        Self.queries.map { q in
            let hits = index.hits(try! Query.parse(q, catalog: companies).get(), limit: 1000)
            return ["\(hits.total)"]
                + (0..<hits.count).map { i in
                    let r = index.result(hits, i)
                    return "\(r.kind) \(r.id) \(r.field) \(r.spans)"
                }
        }
    }

    /// A store damaged anywhere (a byte changed at random, hundreds of times) is refused when read whole, and
    /// opened for queries it either is refused or answers without crashing (its records and postings are checked as
    /// they are read; what a checksum alone would catch there is a wrong word, never a read out of bounds).
    @Test func aDamagedStoreNeverCrashesAQuery() throws {
        let world = World(alliances: 200)
        defer { world.remove() }
        let (first, path, good) = try world.snapshotted()
        var random = SplitMix64(seed: 17)
        var opened = 0
        for _ in 0..<300 {
            var bad = good
            let at = Int(random.next() % UInt64(good.count))
            bad[at] ^= UInt8(truncatingIfNeeded: random.next() | 1)
            writeFile(path, bad)
            if case .success = DatasetCache.read(source: world.file, directory: world.cache) {
                Issue.record("a store with byte \(at) changed was read whole")
            }
            guard case .success(let stored) = DatasetCache.openForQueries(source: world.file, directory: world.cache)
            else { continue }
            opened += 1
            for q in Self.queries + ["\"de la\"", "a", "with:\(first.catalog.dataset.companies[0].id)"] {
                guard case .success(let query) = Query.parse(q, catalog: stored.companies()) else { continue }
                let hits = stored.index.hits(query, limit: 50)
                _ = (0..<hits.count).map { stored.index.result(hits, $0) }
                _ = stored.catalog(for: hits)
            }
            // Showing one record reads the lookups by id and name, each company's lists and each alliance's claims.
            for c in first.catalog.dataset.companies.prefix(3) { _ = stored.company(c.name) }
            for a in first.catalog.dataset.alliances.prefix(3) { _ = stored.alliance(a.id) }
            let ids = first.catalog.dataset.companies.map(\.id)
            _ = stored.pathCatalog(from: ids[0], to: ids[ids.count - 1], agreedOnly: false)
            _ = stored.egoCatalog(ids[1], depth: 2, agreedOnly: false)
        }
        #expect(opened > 100)  // most bytes are records and postings, read only when a query needs them
    }

    @Test func temporariesOfWritersThatAreGoneAreRemoved() throws {
        let world = World()
        defer { world.remove() }
        let first = try world.open()
        let path = try #require(DatasetCache.snapshotPath(for: world.file, in: world.cache))
        #expect(
            first.saveSnapshot(path: world.file, index: SearchIndex(first.catalog), cacheDirectory: world.cache) == nil)
        // A writer that died mid-write (no process has PID 2^22 + 1 … above Linux's pid_max), and one alive (us).
        let abandoned = path + ".4194305.tmp", live = path + ".\(getpid()).tmp.keep", ours = path + ".1.tmp"
        for file in [abandoned, live, ours] { writeFile(file, [1, 2, 3]) }
        #expect(
            first.saveSnapshot(path: world.file, index: SearchIndex(first.catalog), cacheDirectory: world.cache) == nil)
        #expect(readBytes(abandoned) == nil, "the temporary of a writer that is gone is removed")
        #expect(readBytes(live) != nil, "a name that is not a temporary's is left alone")
        #expect(readBytes(ours) != nil, "a live process's temporary (PID 1) is left alone")
        #expect(readBytes(path) != nil)
        unlink(live); unlink(ours)
    }

    @Test func snapshotNumbersAndStringsRoundTrip() throws {
        var w = SnapshotWriter()
        let counts = [0, 1, 127, 128, 16_383, 16_384, 1 << 40]
        for c in counts { w.varint(UInt64(c)) }
        w.count(1 << 40)
        w.string("Ñandú 星海 \u{1F600}")
        w.double(-0.5); w.double(.infinity)
        w.date(PartialDate(year: 2024)); w.date(PartialDate(year: 2024, month: 2));
        w.date(PartialDate(year: 2024, month: 2, day: 29)); w.date(nil)
        try w.bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws in
            var r = SnapshotReader(raw)
            for c in counts { #expect(try r.varint() == UInt64(c)) }
            // A count of 1 << 40 items is more than the bytes left: checked, never allocated.
            #expect(throws: SnapshotError.self) { _ = try r.count() }
        }
        var v = SnapshotWriter()
        v.string("Ñandú 星海 \u{1F600}"); v.double(-0.5)
        v.date(PartialDate(year: 2024)); v.date(PartialDate(year: 2024, month: 2));
        v.date(PartialDate(year: 2024, month: 2, day: 29)); v.date(nil)
        try v.bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws in
            var r = SnapshotReader(raw)
            #expect(try r.string() == "Ñandú 星海 \u{1F600}")
            #expect(try r.double() == -0.5)
            #expect(try r.date()?.description == "2024")
            #expect(try r.date()?.description == "2024-02")
            #expect(try r.date()?.description == "2024-02-29")
            #expect(try r.date() == nil)
            #expect(throws: SnapshotError.self) { _ = try r.u8() }
        }
    }
}
