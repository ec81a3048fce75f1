@testable import AlliesCore
import Testing

/// Everything a user would look for is searchable (issue #15): market-share estimates (vendor, scope, publisher,
/// market, the figure), claims, people and their roles, products; and each result says which field matched and
/// shows its text in the language it matched in.
@Suite("Search: everything searchable, and why it matched")
struct SearchEverythingTests {
    static let index = SearchIndex(Catalog(try! Dataset.bundled().get()))

    func results(_ query: String) -> [SearchResult] { (try? Self.index.search(query).get()) ?? [] }

    @Test func shareEstimatesByVendorScopePublisherMarketAndFigure() throws {
        // "more than 70%" of AI chips (Xataka), not Run:ai's ~$700M.
        let found = results("nvidia 70%")
        #expect(found.contains { $0.kind == .share && $0.id == "xataka-nvidia-ai-chips-2024" })
        #expect(!found.contains { $0.id == "nvidia-run-ai-2024" })
        #expect(results("70%").contains { $0.kind == .share && $0.id == "xataka-nvidia-ai-chips-2024" })
        #expect(results("trendforce").filter { $0.kind == .share }.count >= 4)  // publisher
        #expect(results("omdia ").contains { $0.id == "omdia-server-spending-2024" && $0.matchedField == "publisher" })
        #expect(results("\"ai accelerators\"").contains { $0.kind == .share && $0.matchedField == "market" })
        #expect(results("asics ").contains { $0.kind == .share && $0.matchedField == "scope" })
        let share = try #require(results("type:share mizuho 95%").first)
        #expect(share.id == "mizuho-ai-chips-2024" && share.label == "share")
        #expect(results("type:share").count == Self.index.catalog.dataset.shareEstimates.count)
    }

    @Test func shareEstimatesByWhatTheyMeasureInEitherLanguage() throws {
        // The screens call them "cuota de mercado" and name the metric in Spanish; the data's words are English.
        let all = Self.index.catalog.dataset.shareEstimates
        let cuota = results("cuota ").filter { $0.kind == .share }
        #expect(Set(cuota.map(\.id)) == Set(all.map(\.id)))
        #expect(cuota.allSatisfy { $0.matchedField == "metric.es" && $0.language == "es" })
        let units = Set(all.filter { $0.metric == .units }.map(\.id))
        #expect(!units.isEmpty)
        #expect(Set(results("\"cuota de mercado por unidades\"").map(\.id)) == units)
        let ingresos = try #require(results("ingresos ").first { $0.kind == .share })
        #expect(ingresos.text == "cuota de mercado por ingresos")
        #expect(Set(results("type:share \"market share\"").map(\.id)) == Set(all.map(\.id)))
        // Plural and accents through the Spanish stem, as for any Spanish text.
        #expect(Set(results("cuotas ").filter { $0.kind == .share }.map(\.id)) == Set(all.map(\.id)))
    }

    @Test func claimsPeopleRolesAndProducts() throws {
        let role = try #require(results("futurist ").first { $0.kind == .person })
        #expect(role.id == "amy-webb" && role.matchedField == "role.en" && role.language == "en")
        let director = try #require(results("director senior").first { $0.kind == .person })
        #expect(director.id == "benoit-dupin")
        let claim = try #require(results("eficiencia ").first { $0.kind == .claim })
        #expect(claim.id == "apple-ml-efficiency-40" && claim.matchedField == "text.es" && claim.language == "es")
        let product = try #require(results("graviton ").first { $0.label == "product" })
        #expect(product.kind == .company && product.id == "aws" && product.text == "Graviton")
        #expect(product.matchedField == "product")
    }

    @Test func aSpanishMatchShowsTheSpanishText() throws {
        let r = try #require(results("inversiones ").first { $0.id == "amazon-anthropic-investment" })
        #expect(r.matchedField == "title.es" && r.language == "es")
        #expect(r.text == "La inversión de Amazon en Anthropic")
        #expect(r.spans.map { String(Array(r.text)[$0]) } == ["inversión"])
        #expect(!r.exact, "found through the stem of inversiones")
        let english = try #require(results("investment ").first { $0.id == "amazon-anthropic-investment" })
        #expect(english.matchedField == "title.en" && english.text == "Amazon's investment in Anthropic")
        // The field that holds the most words, rather than the id that holds one.
        let both = try #require(results("inversión anthropic").first { $0.id == "amazon-anthropic-investment" })
        #expect(both.matchedField == "title.es")
        // A quote's language is its article's.
        let quote = try #require(results("controla ").first { $0.matchedField == "quote" })
        #expect(quote.language == "es")
    }
}

/// "Did you mean": a word that matches nothing gets the nearest words of the dataset's own vocabulary.
@Suite("Search: did you mean")
struct DidYouMeanTests {
    static let index = SearchEverythingTests.index

    func corrections(_ q: String) -> [SearchIndex.Correction] {
        Self.index.corrections(try! Query.parse(q, catalog: Self.index.catalog).get())
    }

    @Test func misspeltWordsGetTheNearestWordsOfTheDataset() {
        #expect(corrections("antropic") == [.init(word: "antropic", suggestions: ["anthropic"])])
        #expect(corrections("nvidea ") == [.init(word: "nvidea", suggestions: ["nvidia"])])
        #expect(corrections("inverssion") == [.init(word: "inverssion", suggestions: ["inversion"])])
        #expect(corrections("nvidea antropic").map(\.word) == ["nvidea", "antropic"])
        #expect(corrections("(nvidea OR antropic) kind:investment").map(\.word) == ["nvidea", "antropic"])
        #expect(
            SearchIndex.corrected("nvidea (antropic OR amazon)", corrections("nvidea (antropic OR amazon)"))
                == "nvidia (anthropic OR amazon)")
    }

    @Test func wordsThatMatchOrAreFarFromEverythingGetNone() {
        #expect(corrections("anthropic").isEmpty)
        #expect(corrections("inversiones").isEmpty, "found through its stem")
        #expect(corrections("anthro").isEmpty, "a prefix being typed")
        #expect(corrections("zzzzqqq").isEmpty)
        #expect(corrections("-antropic amazon").isEmpty, "excluded words are not corrected")
    }
}
