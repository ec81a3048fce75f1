@testable import AlliesCore
import AlliesGenerator
import Testing

/// A patched index (the index of a dataset before a change, less the records it touched, and an index of those as
/// they are now) answers every query as the changed dataset's own index does: totals, counts by kind, and the
/// results, built, in order.
@Suite("Search patched after a change")
struct PatchedIndexTests {
    static let catalog = FilterSearchTests.catalog
    static let index = FilterSearchTests.index
    static let hub = FilterSearchTests.hub

    /// Queries of every path: common words (answered in one pass), rare ones, prefixes, phrases, filters alone and
    /// with words, `with:`, excluded words, groups; plus the words the edits bring in and take away.
    static func queries(_ extra: [String]) -> [String] {
        let common = MarkedWordsTests.common
        let (a, b, c) = (common[0], common[1], common[2])
        return [
            a, b, "\(a) \(b)", "inv", "da", "a", "e", "\"\(a) \(b)\"", "\(a) OR \(c)", "-\(b) \(a)",
            "(\(b) OR \(c)) \(a)", "kind:investment", "kind:investment inv", "status:announced year:2024",
            "amount:>1B type:alliance", "amount:<1M", "type:company", "type:alliance|claim \(a)", "with:\(hub)",
            "with:\(hub) \(a)", "year:2030", "-\(a)", common[5], common[9] + " " + common[11],
        ] + extra
    }

    /// Checks the patched answers against the full index of `new`, at two limits (one small, so the best few of
    /// each rank come from both indexes).
    static func same(
        _ new: Dataset, base: SearchIndex = index, extra: [String] = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> PatchedIndex? {
        let catalog = Catalog(new)
        guard let patched = PatchedIndex(base: base, now: catalog) else { return nil }
        let full = SearchIndex(catalog)
        for input in queries(extra) {
            let query = try! Query.parse(input, catalog: catalog).get()
            for limit in [3, 40] {
                let want = full.answer(query, limit: limit), got = patched.answer(query, limit: limit)
                #expect(got.total == want.total, "\(input)", sourceLocation: sourceLocation)
                #expect(got.countByKind == want.countByKind, "\(input)", sourceLocation: sourceLocation)
                #expect(got.results == want.results, "\(input) (limit \(limit))", sourceLocation: sourceLocation)
            }
        }
        return patched
    }

    @Test func aChangedDealIsFoundByItsNewWordsAndNotItsOld() throws {
        var d = Self.catalog.dataset
        let i = 17, old = d.alliances[i]
        d.alliances[i].title.es = "Zebrafish acuerdo de nubes"
        d.alliances[i].date = DatedEvent(PartialDate(year: 2030, month: 2), .announced)
        d.alliances[i].status = .inTalks
        d.alliances[i].summary.en = ""
        let patched = try #require(Self.same(d, extra: ["zebrafish", "zebra", "\"acuerdo de nubes\"", old.id]))
        #expect(patched.patchedRecords == 1)
        let query = try Query.parse("zebrafish", catalog: patched.catalog).get()
        #expect(patched.answer(query, limit: 10).results.map(\.id) == [old.id])
    }

    @Test func aRenamedCompanyRenamesItsDealsAndPeople() throws {
        var d = Self.catalog.dataset
        let i = try #require(d.companies.firstIndex { $0.id == Self.hub })
        let oldName = d.companies[i].name
        d.companies[i].name = "Quetzal Renombrada"
        let patched = try #require(
            Self.same(d, extra: ["quetzal", "renombrada", oldName, "quetzal \(MarkedWordsTests.common[0])"]))
        // The company and every deal it is a party to.
        #expect(patched.patchedRecords >= 1 + (Self.catalog.alliancesByCompany[Self.hub]?.count ?? 0))
    }

    @Test func dealsRemovedAndAddedOnTheSameDayAsOthers() throws {
        var d = Self.catalog.dataset
        let removed = [3, 400, 2999].map { d.alliances[$0].id }
        d.alliances.removeAll { removed.contains($0.id) }
        // New deals dated as existing ones, so that they fall between them in the order.
        for (n, j) in [5, 1200].enumerated() {
            var a = d.alliances[j]
            a.id = "zz-new-\(n)"
            a.title.en = "Xylophone partnership \(n)"
            d.alliances.append(a)
        }
        let patched = try #require(Self.same(d, extra: ["xylophone", removed[0], "zz"]))
        #expect(patched.patchedRecords == 2)
    }

    @Test func aDealPutBackBetweenOthers() throws {
        // The base is of the dataset without a deal; the new one has it again at its place (an undone removal).
        let full = Self.catalog.dataset
        var without = full
        without.alliances.remove(at: 10)
        let base = SearchIndex(Catalog(without))
        let patched = try #require(Self.same(full, base: base, extra: [full.alliances[10].id]))
        #expect(patched.patchedRecords == 1)
    }

    @Test func manyKindsOfChangeAtOnce() throws {
        var d = Self.catalog.dataset
        d.alliances[40].title.en = "Zebrafish quantum"
        d.alliances.remove(at: 41)
        let c = try #require(d.companies.firstIndex { $0.id != Self.hub })
        d.companies[c].name = "Yak Holdings"
        d.companies[c].aliases.append("Yakky")
        if !d.people.isEmpty { d.people[0].name = "Wilhelmina Zebrafish" }
        if !d.claims.isEmpty { d.claims.remove(at: 0) }
        if !d.articles.isEmpty { d.articles[0].title = "Zebrafish en la nube" }
        _ = try #require(Self.same(d, extra: ["zebrafish", "yak", "yakky", "wilhelmina", "zebrafish type:article"]))
    }

    @Test func aMisspeltWordIsCorrectedFromBothIndexes() throws {
        var d = Self.catalog.dataset
        d.alliances[7].title.en = "Zebrafish partnership"
        let patched = try #require(PatchedIndex(base: Self.index, now: Catalog(d)))
        // A word of the patch alone, misspelt; a word of the base, misspelt; a word both hold is not corrected.
        let common = MarkedWordsTests.common[0]
        let query = try Query.parse("zebrafisk " + String(common.dropLast()) + "q", catalog: patched.catalog).get()
        let corrections = patched.corrections(query)
        #expect(corrections.map(\.word) == ["zebrafisk", String(common.dropLast()) + "q"])
        #expect(corrections.first?.suggestions.contains("zebrafish") == true)
        #expect(corrections.last?.suggestions.contains(common) == true)
        #expect(patched.corrections(try Query.parse(common, catalog: patched.catalog).get()).isEmpty)
    }

    @Test func recordsThatMovedAreAnsweredAsRemovedAndAddedAgain() throws {
        var d = Self.catalog.dataset
        d.alliances.swapAt(1, 2)
        d.alliances.swapAt(100, 900)
        let patched = try #require(Self.same(d, extra: [d.alliances[1].id, d.alliances[100].id]))
        #expect(patched.patchedRecords <= 6)
    }

    /// Whether a word's stems reach a token depends on every record: it is filed under them when some record holds
    /// it in English or Spanish text. A change that files a word for the first time, or no more, where other
    /// records hold it in names is not patched (the whole index answers); one that leaves its filing is.
    @Test func aWordFiledUnderItsStemsForTheFirstTimeOrNoMore() throws {
        var d = Self.catalog.dataset
        let c = try #require(d.companies.firstIndex { $0.id != Self.hub })
        d.companies[c].name = "Wobbling Labs"
        let named = SearchIndex(Catalog(d))
        // The word in a deal's English summary: filed for the first time, and the company's name holds it.
        var first = d
        first.alliances[9].summary.en = "Wobbling ahead on chips"
        #expect(PatchedIndex(base: named, now: Catalog(first)) == nil)
        // The same word in two summaries: one of them changed, the other still files it.
        var twice = first
        twice.alliances[11].summary.en = "Wobbling along"
        let both = SearchIndex(Catalog(twice))
        var less = twice
        less.alliances[9].summary.en = "Ahead on chips"
        _ = try #require(Self.same(less, base: both, extra: ["wobbles", "wobble", "wobbling"]))
        // Both changed: filed no more, and the name still holds it.
        less.alliances[11].summary.en = "Along"
        #expect(PatchedIndex(base: both, now: Catalog(less)) == nil)
        // A word no other record holds comes and goes freely.
        var fresh = d
        fresh.alliances[9].summary.en = "Xenoblasting ahead"
        _ = try #require(Self.same(fresh, base: named, extra: ["xenoblast", "xenoblasts", "wobbles"]))
    }

    /// The patch files its records' words under their stems as the whole dataset does, not only as their own text
    /// does: a company added whose name holds a word other records' text files is found through its stems.
    @Test func aRecordAddedIsFoundThroughStemsOtherRecordsFile() throws {
        var d = Self.catalog.dataset
        let common = MarkedWordsTests.common.first { $0.count > 4 && !$0.hasSuffix("s") } ?? "acuerdo"
        var c = d.companies[3]
        c.id = "new-company-x"
        c.name = "Zeta " + common.capitalized
        c.aliases = []
        c.description = LocalizedText(en: "", es: "")
        c.sources = []
        d.companies.append(c)
        _ = try #require(Self.same(d, extra: [common + "s", common, "zeta"]))
    }

    /// A word held only by the records changed that leaves their English or Spanish text but stays in a field
    /// of no language (a product) is filed no more: the patch does not reach it through its stems either.
    @Test func aWordLeavingTheTextOfTheRecordsChangedIsFiledNoMore() throws {
        var d = Self.catalog.dataset
        d.alliances[9].summary.en = "Xenoblasting ahead"
        d.alliances[9].products = ["Xenoblasting"]
        let base = SearchIndex(Catalog(d))
        var now = d
        now.alliances[9].summary.en = "Ahead"
        _ = try #require(Self.same(now, base: base, extra: ["xenoblast", "xenoblasts", "-xenoblast inv"]))
    }

    /// Neighbouring records removed (or put back) are found as such, not as every record after them changed.
    @Test func neighboursRemovedAreFewRecordsToPatch() throws {
        var d = Self.catalog.dataset
        d.alliances.removeSubrange(20..<23)
        d.alliances.remove(at: 500)
        let patched = try #require(Self.same(d))
        #expect(patched.patchedRecords == 0)
        let full = Self.catalog.dataset
        let back = try #require(Self.same(full, base: SearchIndex(Catalog(d))))
        #expect(back.patchedRecords == 4)
    }

    @Test func changesAPatchCannotAnswerExactly() {
        // An article's language: every quote of it is filed under its stems.
        if let i = Self.catalog.dataset.articles.indices.first {
            var e = Self.catalog.dataset
            e.articles[i].language = e.articles[i].language == "es" ? "en" : "es"
            #expect(PatchedIndex(base: Self.index, now: Catalog(e)) == nil)
        }
        // No change at all is patched by nothing.
        let same = PatchedIndex(base: Self.index, now: Catalog(Self.catalog.dataset))
        #expect(same?.patchedRecords == 0)
    }
}
