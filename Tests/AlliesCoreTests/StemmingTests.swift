@testable import AlliesCore
import Foundation
import Synchronization
import Testing

/// Search that understands words (issue #15): Snowball's stemmers through libstemmer, Spanish for Spanish text and
/// English for English text, the query stemmed both ways; exact words rank above stem-only matches.
@Suite("Search stemming")
struct StemmingTests {
    static func t(_ en: String, _ es: String) -> LocalizedText { LocalizedText(en: en, es: es) }
    static let quote = SourceQuote(article: "art", quote: "cita")
    static func alliance(
        _ id: String, _ title: LocalizedText, summary: LocalizedText = t("x", "x"), quote: String = "cita",
        article: String = "art"
    ) -> Alliance {
        Alliance(
            id: id, kind: .partnership, parties: [Party("alpha", .partner), Party("beta", .partner)],
            status: .active, title: title, summary: summary, sources: [SourceQuote(article: article, quote: quote)])
    }

    static let catalog = Catalog(
        Dataset(
            articles: [
                Article(id: "art", title: "Artículo", language: "es"),
                Article(id: "news", title: "Tech news", language: "en"),
            ],
            companies: [
                Company(id: "alpha", name: "Alpha", kind: .other, description: t("x", "x")),
                Company(id: "beta", name: "Beta", kind: .other, description: t("x", "x")),
                Company(id: "xinghai", name: "星海科技", kind: .startup, description: t("x", "x")),
            ],
            alliances: [
                alliance("inv", t("Alpha invests in Beta", "La inversión de Alpha en Beta")),
                alliance("fut", t("Alpha will invest", "Alpha invertirá en Beta")),
                alliance("inf", t("To invest", "Invertir en Beta")),
                alliance("mkt", t("Market", "x"), summary: t("x", "El mercado de la nube")),
                alliance("chip", t("One chip", "Un chip")),
                // A quote of an English article: English stems.
                alliance("chips", t("Something", "Algo"), quote: "many chips", article: "news"),
                alliance("red", t("A red logo", "Un logotipo")),
            ]))
    static let index = SearchIndex(catalog)

    func ids(_ query: String, index: SearchIndex = StemmingTests.index) -> [String] {
        (try? index.search(query).get().map(\.id)) ?? ["error"]
    }

    @Test func theStemmersAreSnowballs() {
        #expect(Stemmer.spanish.stem("inversiones") == "inversion")
        #expect(Stemmer.spanish.stem("inversión") == "inversion")
        #expect(Stemmer.spanish.stem("invertirán") == "invert")
        #expect(Stemmer.spanish.stem("mercados") == Stemmer.spanish.stem("mercado"))
        #expect(Stemmer.english.stem("chips") == "chip")
        #expect(Stemmer.english.stem("investments") == "invest")
    }

    @Test func stemmersAreSafeFromManyThreads() {
        let words = ["inversiones", "mercados", "invertirán", "chips", "energía", "acuerdos", "nubes"]
        let want = words.map { (Stemmer.spanish.stem($0), Stemmer.english.stem($0)) }
        let wrong = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 8) { i in
            for n in 0..<2000 {
                let k = (i + n) % words.count
                let got = (Stemmer.spanish.stem(words[k]), Stemmer.english.stem(words[k]))
                if got != want[k] { wrong.withLock { $0 += 1 } }
            }
        }
        #expect(wrong.withLock { $0 } == 0)
    }

    @Test func tokensKeepTheirAccentedSpelling() {
        let spelled = Tokens.spelled("La Inversión, 星海")
        #expect(spelled.map(\.token) == ["la", "inversion", "星", "海"])
        #expect(spelled.map(\.spelling) == ["la", "inversión", "星", "海"])
    }

    @Test func spanishWordsFindTheirOtherForms() {
        #expect(ids("inversiones ") == ["inv"])
        #expect(ids("mercados ") == ["mkt"])
        #expect(Set(ids("invertirán ")) == ["fut", "inf"])
        // Typed without its accent, the future still finds the future.
        #expect(ids("invertiran ").contains("fut"))
        // The last word, still being typed, is a prefix and stems too.
        #expect(ids("inversiones") == ["inv"])
        #expect(ids("invers").contains("inv"))
        // A word typed with a sign after it is still the word.
        #expect(ids("inversiones, ") == ["inv"])
    }

    @Test func englishWordsFindTheirOtherForms() {
        #expect(Set(ids("chips ")) == ["chip", "chips"])
        #expect(Set(ids("chip ")) == ["chip", "chips"])
        #expect(ids("invests ").contains("fut"))  // "invest" in "Alpha will invest"
    }

    @Test func anExactWordRanksAboveAStemOnlyMatch() throws {
        // "chip" is in a title (a better field), "chips" only in a quote: the quote, as written, comes first.
        let query = try Query.parse("chips ", catalog: Self.catalog).get()
        let hits = Self.index.hits(query)
        #expect((0..<hits.count).map { Self.index.result(hits, $0).id } == ["chips", "chip"])
        #expect(hits.isExact(0) && !hits.isExact(1))
        let chip = try Query.parse("chip ", catalog: Self.catalog).get()
        #expect(Self.index.search(chip).map(\.id) == ["chip", "chips"])
    }

    @Test func quotedPhrasesStayExact() {
        #expect(ids("\"inversiones\"") == [])
        #expect(ids("\"inversión\"") == ["inv"])
        #expect(ids("\"los mercados\"") == [])
    }

    @Test func excludedWordsExcludeTheirStemsToo() {
        #expect(!ids("beta -inversiones").contains("inv"))
        #expect(ids("beta -inversiones").contains("fut"))
    }

    @Test func stemsFollowTheLanguageOfTheText() {
        // "redes" is Spanish for networks (stem "red"); the English colour "red" is not filed under Spanish stems.
        #expect(ids("redes ") == [])
        #expect(ids("red ") == ["red"])
    }

    @Test func cjkPassesThroughUnchanged() {
        #expect(ids("科技") == ["xinghai"])
        #expect(ids("星海科技 ") == ["xinghai"])
        #expect(Stemming.queryKeys(folded: "科技", typed: "科技").isEmpty)
    }

    @Test func theMatchedTextIsHighlightedWhereTheStemMatched() throws {
        let results = try Self.index.search("inversiones ").get()
        let r = try #require(results.first)
        #expect(r.text == "La inversión de Alpha en Beta")
        let marked = r.spans.map { String(Array(r.text)[$0]) }
        #expect(marked == ["inversión"])
    }

    @Test func theStemDictionarySurvivesTheSnapshot() throws {
        for thorough in [true, false] {
            let read = try #require(storeRoundTrip(Self.index, catalog: Self.catalog, thorough: thorough))
            #expect(read.stemKeyCount == Self.index.stemKeyCount && read.stemKeyCount > 0)
            for q in ["inversiones ", "chips ", "invertirán ", "mercados"] {
                #expect(ids(q, index: read) == ids(q))
            }
        }
    }
}
