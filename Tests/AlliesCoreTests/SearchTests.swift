@testable import AlliesCore
import Testing

enum SearchWorld {
    static func t(_ en: String, _ es: String) -> LocalizedText { LocalizedText(en: en, es: es) }
    static let quote = SourceQuote(article: "art", quote: "cita")

    static func date(_ s: String) -> DatedEvent { DatedEvent(try! PartialDate.parse(s).get(), .announced) }

    static let dataset = Dataset(
        articles: [
            Article(
                id: "art", title: "Acuerdo histórico en la nube",
                published: PartialDate(year: 2025, month: 11, day: 4),
                language: "es")
        ],
        companies: [
            Company(
                id: "amazon", name: "Amazon", aliases: ["AWS", "Amazon Web Services"], kind: .bigTech,
                description: t("A retailer", "Un minorista"), sources: [quote]),
            Company(
                id: "anthropic", name: "Anthropic", kind: .aiLab, description: t("A lab", "Un laboratorio"),
                sources: [quote]),
            Company(
                id: "openai", name: "OpenAI", kind: .aiLab, description: t("A lab", "Un laboratorio"),
                sources: [quote]),
            Company(
                id: "constellation", name: "Constellation Energy", kind: .energy,
                description: t("Power", "Electricidad"),
                sources: [quote]),
        ],
        alliances: [
            Alliance(
                id: "s1", kind: .investment, parties: [Party("amazon", .investor), Party("anthropic", .investee)],
                amounts: [Amount(value: 8e9, currency: "USD")], date: date("2024-03"), status: .completed,
                title: t("Amazon's investment in Anthropic", "La inversión de Amazon en Anthropic"),
                summary: t("Amazon invests 8 billion", "Amazon invierte 8.000 millones"), sources: [quote]),
            Alliance(
                id: "s2", kind: .energy, parties: [Party("amazon", .customer), Party("constellation", .supplier)],
                amounts: [Amount(value: 500e6, currency: "USD", per: .year, termYears: 10)], date: date("2025-06"),
                status: .announced, title: t("Amazon buys nuclear power", "Amazon compra electricidad nuclear"),
                summary: t(
                    "An investment in energy for data centres", "Una inversión en energía para centros de datos"),
                sources: [quote]),
            Alliance(
                id: "s3", kind: .cloudContract, parties: [Party("openai", .customer), Party("amazon", .supplier)],
                amounts: [Amount(value: 38e9, currency: "USD")], date: date("2025-11-03"), status: .active,
                title: t("OpenAI rents AWS capacity", "OpenAI alquila capacidad de AWS"),
                summary: t("OpenAI will use Amazon's servers", "OpenAI usará servidores de AWS"), sources: [quote]),
            Alliance(
                id: "s4", kind: .investment, parties: [Party("amazon", .investor), Party("openai", .investee)],
                amounts: [Amount(value: 10e9, currency: "USD")], date: date("2025-12"), status: .inTalks,
                title: t("Amazon in talks to invest in OpenAI", "Amazon negocia invertir en OpenAI"),
                summary: t("Talks", "Conversaciones"), sources: [quote]),
            Alliance(
                id: "s5", kind: .partnership, parties: [Party("anthropic", .partner), Party("openai", .partner)],
                amounts: [Amount(value: 100e6, currency: "EUR")], status: .rumoured,
                title: t("Anthropic and OpenAI", "Anthropic y OpenAI"), summary: t("Rumour", "Rumor"),
                sources: [quote]),
        ],
        people: [
            Person(
                id: "dario", name: "Dario Amodei", role: t("CEO of Anthropic", "CEO de Anthropic"),
                organization: "anthropic", sources: [quote])
        ])

    static let index = SearchIndex(Catalog(dataset))

    /// For ranking: "nube" in a name, an alias, titles (dated and not), a summary and a quote.
    static let ranking: SearchIndex = {
        let x = t("x", "x")
        func alliance(_ id: String, title: String, summary: String = "x", quote: String = "cita", date d: String? = nil)
            -> Alliance
        {
            Alliance(
                id: id, kind: .partnership, parties: [Party("alpha", .partner), Party("beta", .partner)],
                date: d.map(date), status: .active, title: t(title, title), summary: t(summary, summary),
                sources: [SourceQuote(article: "art", quote: quote)])
        }
        return SearchIndex(
            Catalog(
                Dataset(
                    articles: [Article(id: "art", title: "Artículo", language: "es")],
                    companies: [
                        Company(id: "alpha", name: "Alpha", kind: .other, description: x),
                        Company(id: "beta", name: "Beta", kind: .other, description: x),
                        Company(id: "cirrus", name: "Cirrus", aliases: ["Nubecita"], kind: .cloud, description: x),
                        Company(id: "nube-corp", name: "Nube Corp", kind: .cloud, description: x),
                    ],
                    alliances: [
                        alliance("a1", title: "Nube deal", date: "2023"),
                        alliance("a2", title: "Otra nube", date: "2025"),
                        alliance("a3", title: "Untitled", summary: "Una nube grande", date: "2026"),
                        alliance("a4", title: "Something", quote: "en la nube", date: "2027"),
                        alliance("a5", title: "Nube undated"),
                        alliance("a6", title: "Nube de junio", date: "2025-06"),
                    ])))
    }()
}

@Suite("Search")
struct SearchTests {
    let index = SearchWorld.index

    func ids(_ query: String, sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
        switch index.search(query) {
        case .success(let results): return results.map(\.id)
        case .failure(let e):
            Issue.record("query \"\(query)\" failed: \(e)", sourceLocation: sourceLocation)
            return []
        }
    }

    /// The part and message of a query that must fail.
    func failure(_ query: String) -> [String]? { error(query).map { [$0.part, $0.message] } }

    func error(_ query: String) -> QueryError? {
        if case .failure(let e) = index.search(query) { return e } else { return nil }
    }

    @Test func wordsAreANDedWithAccentAndCaseFolding() {
        #expect(ids("inversion energia") == ["s2"])
        #expect(ids("INVERSIÓN ENERGÍA") == ["s2"])
        #expect(ids("inversión") == ["s1", "s2"])  // s1 by title, s2 by summary
        #expect(ids("amazon openai") == ["s4", "s3"])
        #expect(ids("amazon nothingatall") == [])
        #expect(ids("").isEmpty && ids("   ").isEmpty)  // an empty query finds nothing, not everything
    }

    @Test func quotedPhrase() {
        #expect(ids("\"de amazon\"") == ["s1"])
        #expect(ids("\"amazon de\"") == [])
        #expect(ids("\"La Inversion de AMAZON\"") == ["s1"])
        // An unfinished quote still counts as a phrase.
        #expect(ids("\"inversión de") == ["s1"])
    }

    @Test func exclusion() {
        #expect(ids("amazon -openai") == ["amazon", "s2", "s1"])
        #expect(ids("amazon -OPENAI -energía") == ["amazon", "s1"])
        #expect(ids("-openai").allSatisfy { !["openai", "s3", "s4", "s5"].contains($0) })
    }

    @Test func filters() {
        #expect(ids("kind:investment") == ["s4", "s1"])
        #expect(ids("kind:investment anthropic") == ["s1"])
        #expect(ids("with:anthropic") == ["s1", "s5"])
        #expect(ids("with:aws") == ["s4", "s3", "s2", "s1"])
        #expect(ids("with:amazon with:openai") == ["s4", "s3"])
        #expect(ids("year:2024") == ["s1"])
        #expect(ids("year:2025") == ["s4", "s3", "s2"])
        #expect(ids("year:2024..2025") == ["s4", "s3", "s2", "s1"])
        #expect(ids("amount:>1B") == ["s4", "s3", "s2", "s1"])  // s5 is in euros
        #expect(ids("amount:>6B") == ["s4", "s3", "s1"])
        #expect(ids("amount:>4.5B") == ["s4", "s3", "s2", "s1"])  // s2: 500M a year for 10 years
        #expect(ids("amount:<=8b") == ["s2", "s1"])
        #expect(ids("amount:38000000000") == ["s3"])
        #expect(ids("status:in-talks") == ["s4"])
        #expect(ids("status:IN-TALKS") == ["s4"])
        #expect(ids("type:company") == ["amazon", "anthropic", "openai", "constellation"])
        #expect(ids("type:company amazon") == ["amazon"])
        #expect(ids("type:company|alliance anthropic") == ["anthropic", "s1", "s5"])
        #expect(ids("type:person") == ["dario"])
        #expect(ids("type:article nube") == ["art"])
        #expect(ids("anthropic") == ["anthropic", "s1", "s5", "dario"])
    }

    @Test func parsedQuery() throws {
        let q = try Query.parse(
            "Inversión \"Centro de Datos\" -OpenAI kind:energy with:Amazon year:2024..2025 amount:>1.5B status:active "
                + "type:alliance|company Run:ai",
            catalog: index.catalog
        ).get()
        #expect(q.words == ["inversion", "run:ai"])
        #expect(q.phrases == ["centro de datos"])
        #expect(q.excluded == ["openai"])
        #expect(q.kinds == [.energy])
        #expect(q.with == ["amazon"])
        #expect(q.years == 2024...2025)
        #expect(q.minimumAmount == 1.5e9 && q.maximumAmount == nil)
        #expect(q.statuses == [.active])
        #expect(q.types == [.alliance, .company])
        #expect(try Query.parse("amount:<=500M", catalog: nil).get().maximumAmount == 5e8)
        let exact = try Query.parse("amount:10K", catalog: nil).get()
        #expect(exact.minimumAmount == 1e4 && exact.maximumAmount == 1e4)
        #expect(try Query.parse("with:whoever", catalog: nil).get().with == ["whoever"])
        #expect(try Query.parse("-", catalog: nil).get().words == ["-"])
    }

    @Test func parseErrors() {
        #expect(failure("year:20x4") == ["year:20x4", "expected a year such as 2024 or a range such as 2024..2025"])
        #expect(error("year:2025..2024")?.message == "expected a year such as 2024 or a range such as 2024..2025")
        #expect(error("year:2024..")?.part == "year:2024..")
        #expect(
            failure("amount:>>1") == [
                "amount:>>1",
                "expected a comparison and an amount in USD such as >1B, <=500M or 10K (suffixes K, M, B)",
            ])
        #expect(error("amount:-5")?.part == "amount:-5")
        #expect(error("amount:>") != nil)
        #expect(
            failure("kind:nope") == [
                "kind:nope",
                "unknown kind; expected one of investment, cloud-contract, chip-supply, data-licensing, "
                    + "model-distribution, acquisition, energy, joint-infrastructure, partnership",
            ])
        #expect(
            failure("status:nope") == [
                "status:nope",
                "unknown status; expected one of predicted, rumoured, in-talks, announced, active, completed, ended",
            ])
        #expect(failure("with:nobody") == ["with:nobody", "no company is called that"])
        #expect(failure("with:amazn") == ["with:amazn", "no company is called that; did you mean amazon?"])
        #expect(
            failure("type:x") == [
                "type:x", "unknown type \"x\"; expected company, alliance, person, claim, article or share",
            ])
        #expect(
            error("type:company|x")?.message
                == "unknown type \"x\"; expected company, alliance, person, claim, article or share")
        #expect(failure("kind:") == ["kind:", "a value is expected after \"kind:\""])
        #expect(failure("amazon year:") == ["year:", "a value is expected after \"year:\""])
        #expect(
            error("year:20x4")?.description
                == "in \"year:20x4\": expected a year such as 2024 or a range such as 2024..2025")
    }

    @Test func rankingNameAliasTitleSummaryQuoteThenNewestFirst() throws {
        let results = try SearchWorld.ranking.search("nube").get()
        #expect(results.map(\.id) == ["nube-corp", "cirrus", "a6", "a2", "a1", "a5", "a3", "a4"])
        #expect(results.map(\.field) == [.name, .alias, .title, .title, .title, .title, .summary, .quote])
        // Ties by date, newest first: 2025-06 before 2025 (a coarse date sorts by its earliest day); undated last.
        #expect(results.first { $0.id == "a4" }?.text == "en la nube")
    }

    /// A company's name comes before the alliances whose ids are made of it: `amd` listed the deal `openai-amd-2025`
    /// (its id ranked as a name, and newer) above the company AMD, and `nvidia` had the company fifth.
    @Test func aCompanyComesBeforeTheDealsNamedAfterIt() throws {
        let index = SearchIndex(Catalog(try Dataset.bundled().get()))
        for (word, company) in [("amd", "amd"), ("nvidia", "nvidia"), ("openai", "openai"), ("anthropic", "anthropic")]
        {
            let results = try index.search(word).get()
            #expect(results.first?.id == company && results.first?.kind == .company, "\(word): \(results.prefix(3))")
            // The deals are still found by their ids, as titles are.
            #expect(results.contains { $0.kind == .alliance && $0.id.contains(word) })
        }
        let amd = try index.search("openai-amd-2025").get()
        #expect(amd.first?.id == "openai-amd-2025", "an alliance's whole id finds it first: \(amd.prefix(3))")
    }

    @Test func bestFieldWinsWhateverTheOrderOfFields() throws {
        // "amazon" occurs in s3's party names and in its summary: the summary is the better field.
        let s3 = try #require(try index.search("amazon").get().first { $0.id == "s3" })
        #expect(s3.field == .summary)
        #expect(s3.text == "OpenAI will use Amazon's servers")
        #expect(s3.spans == [16..<22])
    }

    @Test func spansAreCharacterOffsets() throws {
        let s1 = try #require(try index.search("inversion").get().first { $0.id == "s1" })
        #expect(s1.text == "La inversión de Amazon en Anthropic")
        #expect(s1.spans == [3..<12])
        #expect(SearchIndex.spans(of: ["inversion"], in: "La inversión de Amazon") == [3..<12])
        #expect(SearchIndex.spans(of: ["amazon", "inversion"], in: "La inversión de Amazon") == [3..<12, 16..<22])
        #expect(SearchIndex.spans(of: ["strasse"], in: "Die Straße") == [4..<10])
        #expect(SearchIndex.spans(of: ["inv", "inversion"], in: "inversión") == [0..<9])  // overlaps merged
        // Matches start where words start, as the index matches them: "ai" is not inside "OpenAI".
        #expect(SearchIndex.spans(of: ["ai"], in: "OpenAI and AI") == [11..<13])
        #expect(SearchIndex.spans(of: ["version"], in: "inversión") == [])
        #expect(SearchIndex.spans(of: ["里巴"], in: "阿里巴巴") == [1..<3])
        #expect(SearchIndex.spans(of: ["inversion"], in: "😀👩‍💻 inversión") == [3..<12])
        #expect(SearchIndex.spans(of: ["inversion"], in: "inversio\u{301}n") == [0..<9])
        #expect(SearchIndex.spans(of: ["nube"], in: "Nube, nube y NUBE") == [0..<4, 6..<10, 13..<17])
        #expect(SearchIndex.spans(of: ["zzz", ""], in: "abc") == [])
    }

    @Test func bundledSearchFindsAccentedText() throws {
        let index = SearchIndex(Catalog(try Dataset.bundled().get()))
        let results = try index.search("inversion").get()
        #expect(!results.isEmpty)
        for r in results {
            #expect(Folding.fold(r.text).contains("inversion"), "\(r.id): \(r.text)")
            let characters = Array(r.text)
            #expect(r.spans.contains { Folding.fold(String(characters[$0])) == "inversion" }, "\(r.id): \(r.spans)")
        }
        #expect(results.contains { $0.text.contains("inversión") })
        #expect(try index.search("with:aws kind:cloud-contract").get().contains { $0.id.contains("openai") })
    }
}

@Suite("Search index")
struct SearchIndexTests {
    let index = SearchWorld.index

    func ids(_ query: String) -> [String] { (try? index.search(query).get())?.map(\.id) ?? ["<error>"] }

    @Test func tokensFoldAccentsCaseAndSplitIdeographs() {
        #expect(Tokens.of("La INVERSIÓN de Amazon's") == ["la", "inversion", "de", "amazon", "s"])
        #expect(Tokens.of("Straße, Øresund; Ñandú-42") == ["strasse", "oresund", "nandu", "42"])
        #expect(Tokens.of("inversio\u{301}n") == ["inversion"])  // a combining accent stays inside the word
        #expect(Tokens.of("星海科技 Co") == ["星", "海", "科", "技", "co"])
        // Hangul separates words with spaces
        #expect(Tokens.of("삼성전자 하이닉스") == ["삼성전자", "하이닉스"])
        #expect(Tokens.of("\u{1B}[2J x\u{202E}y") == ["2j", "x", "y"])
        #expect(Tokens.of("  ,;  ").isEmpty)
    }

    @Test func lastWordIsAPrefixWhileTyping() throws {
        #expect(ids("anthro") == ["anthropic", "s1", "s5", "dario"])
        // A finished word (followed by a space) must be whole.
        #expect(ids("anthro ").isEmpty)
        // Only the last word is a prefix.
        #expect(ids("anthro amazon").isEmpty)
        #expect(ids("amazon anthro") == ["s1"])
        #expect(try Query.parse("amazon anthro", catalog: nil).get().lastWordIsPrefix)
        #expect(try !Query.parse("amazon anthro ", catalog: nil).get().lastWordIsPrefix)
        #expect(try !Query.parse("amazon kind:energy", catalog: nil).get().lastWordIsPrefix)
        #expect(try !Query.parse("amazon \"de", catalog: nil).get().lastWordIsPrefix)
    }

    @Test func wordsMatchWholeWordsNotInsideThem() {
        // "ai" is inside "OpenAI" and "laboratorio" but is not a word of the dataset.
        #expect(ids("ai ").isEmpty)
        #expect(ids("acuer ").isEmpty)  // a finished word is whole…
        #expect(ids("acuer") == ["art"])  // …the one being typed is a prefix
        // (A finished word also meets the words it is the stem of: "nub" is the Spanish stem of "nube".)
        #expect(ids("histórico") == ["art"])
    }

    @Test func ideographsMatchInsideARun() throws {
        let d = Dataset(
            articles: [Article(id: "art", title: "x", language: "es")],
            companies: [
                Company(id: "xinghai", name: "星海科技", kind: .other, description: SearchWorld.t("x", "x")),
                Company(id: "other", name: "科学院", kind: .other, description: SearchWorld.t("x", "x")),
            ],
            alliances: [])
        let index = SearchIndex(Catalog(d))
        #expect(try index.search("科技").get().map(\.id) == ["xinghai"])
        #expect(try index.search("科").get().map(\.id) == ["xinghai", "other"])
        #expect(try index.search("技科").get().isEmpty)  // consecutive, in order
        #expect(try index.search("科技").get().first?.spans == [2..<4])
    }

    @Test func wordsThatFoldIntoSeveralTokensAreConsecutive() throws {
        let a = SearchWorld.dataset.alliances[0]
        var gpt = a; gpt.id = "g1"; gpt.title = SearchWorld.t("GPT-4 on Azure", "GPT-4 en Azure")
        var other = a; other.id = "g2"; other.title = SearchWorld.t("GPT and 4 clouds", "GPT y 4 nubes")
        var d = SearchWorld.dataset; d.alliances = [gpt, other]
        let index = SearchIndex(Catalog(d))
        #expect(try index.search("gpt-4").get().map(\.id) == ["g1"])
        #expect(try index.search("gpt 4").get().map(\.id).sorted() == ["g1", "g2"])
        #expect(try index.search("\"gpt 4\"").get().map(\.id) == ["g1"])
        #expect(try index.search("-\"gpt 4\" gpt").get().isEmpty == false)
    }

    @Test func totalsCountEveryMatchBeyondTheLimit() {
        let q = try! Query.parse("amazon", catalog: index.catalog).get()
        let all = index.hits(q, limit: 200)
        let two = index.hits(q, limit: 2)
        #expect(two.count == 2 && two.total == all.total && all.total == all.count)
        #expect(two.countByKind == all.countByKind)
        #expect(all.countByKind[.alliance] == 4 && all.countByKind[.company] == 1)
        #expect((0..<two.count).map { index.result(two, $0).id } == Array(ids("amazon").prefix(2)))
    }

    @Test func oneLetterPrefixesUseTheirReadyAnswer() throws {
        // Build a dataset large enough that "a" has a dense answer, and check it agrees with the postings path.
        var d = SearchWorld.dataset
        let base = d.alliances[0]
        d.alliances = (0..<200).map { i in
            var a = base; a.id = "x\(i)"
            a.title = SearchWorld.t(i % 3 == 0 ? "Alpha \(i)" : "Beta \(i)", "Beta")
            return a
        }
        let index = SearchIndex(Catalog(d))
        #expect(index.initials[UInt8(ascii: "a")] != nil)
        let viaDense = try index.search("beta a", limit: 1000).get().map(\.id)
        let viaPostings = try index.search("beta al", limit: 1000).get().map(\.id)
        #expect(Set(viaDense).isSuperset(of: viaPostings))
        #expect(viaPostings.count == 67)
        #expect(viaDense.contains("amazon") == false)
    }
}
