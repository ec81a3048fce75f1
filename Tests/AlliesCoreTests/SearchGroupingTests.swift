@testable import AlliesCore
import AlliesGenerator
import Testing

/// OR (`OR`, `|`) and grouping with parentheses (issue #15): parsed with the part of an error named by its column,
/// and answered as the sets of the words' answers would be.
@Suite("Search OR and grouping")
struct SearchGroupingTests {
    func parse(_ q: String) throws -> Query { try Query.parse(q, catalog: nil).get() }

    func error(_ q: String) -> QueryError? {
        if case .failure(let e) = Query.parse(q, catalog: nil) { return e } else { return nil }
    }

    @Test func orAndBarsAndParentheses() throws {
        let either = QueryNode.any([.word("inversion", prefix: false), .word("energia", prefix: false)])
        #expect(try parse("inversión OR energía ").groups == [either])
        #expect(try parse("inversión | energía ").groups == [either])
        #expect(try parse("inversión|energía ").groups == [either])
        #expect(try parse("(inversión OR energía) ").groups == [either])
        // OR binds looser than the words beside it.
        #expect(
            try parse("a b OR c ").groups == [
                .any([.all([.word("a", prefix: false), .word("b", prefix: false)]), .word("c", prefix: false)])
            ])
        let grouped = try parse("amazon (openai OR anthropic) -rumor -(x OR y) kind:investment")
        #expect(grouped.words == ["amazon"])
        #expect(grouped.excluded == ["rumor"])
        #expect(grouped.kinds == [.investment])
        #expect(
            grouped.groups == [
                .any([.word("openai", prefix: false), .word("anthropic", prefix: false)]),
                .not(.any([.word("x", prefix: false), .word("y", prefix: false)])),
            ])
        // The last word while typing is still a prefix, in a group too; lower-case "or" is a word.
        #expect(
            try parse("openai OR anthro").groups == [
                .any([.word("openai", prefix: false), .word("anthro", prefix: true)])
            ])
        #expect(try parse("salir or entrar").words == ["salir", "or", "entrar"])
        // A filter's own | is not OR.
        #expect(try parse("type:company|alliance nube").types == [.company, .alliance])
        #expect(try parse("-\"centro de datos\"").groups == [.not(.phrase("centro de datos"))])
        #expect(try parse("inversión OR energía").needles == ["inversion", "energia"])
        // Filters apply to the whole query wherever they are typed.
        let filtered = try parse("inversión OR energía kind:investment (nube OR year:2024) ")
        #expect(filtered.kinds == [.investment] && filtered.years == 2024...2024)
        #expect(
            filtered.groups == [
                .any([
                    .word("inversion", prefix: false),
                    .all([.word("energia", prefix: false), .word("nube", prefix: false)]),
                ])
            ])
    }

    @Test func errorsNameThePartByItsColumn() {
        #expect(error("a b (c")?.description == "unclosed \"(\" at column 5: a \")\" is missing")
        #expect(error("a b (c")?.column == 5)
        #expect(error("a)")?.description == "unexpected \")\" at column 2: no \"(\" before it opens it")
        #expect(error("OR nube")?.description == "\"OR\" at column 1 needs something to look for before it")
        #expect(error("nube OR")?.description == "\"OR\" at column 6 needs something to look for after it")
        #expect(error("nube | | x")?.column == 6)
        #expect(error("x ()")?.description == "empty parentheses at column 3")
        #expect(error("nube -(kind:energy)")?.part == "kind:energy")
        #expect(error("nube -(kind:energy)")?.column == 8)
        // The old errors keep their form.
        #expect(error("year:20x4")?.description.hasPrefix("in \"year:20x4\": expected a year") == true)
    }

    @Test func theOldLanguageParsesAsBefore() throws {
        let q = try parse("Inversión \"Centro de Datos\" -OpenAI kind:energy Run:ai")
        #expect(q.words == ["inversion", "run:ai"] && q.phrases == ["centro de datos"] && q.excluded == ["openai"])
        #expect(q.groups.isEmpty && !q.lastWordIsPrefix)
        #expect(try parse("amazon anthro").lastWordIsPrefix)
        #expect(try !parse("amazon anthro ").lastWordIsPrefix)
    }

    // MARK: Answers: sets of the words' answers

    static let index = PhraseSearchTests.index

    func entries(_ q: String) -> Set<UInt32> {
        let query = try! Query.parse(q, catalog: Self.index.catalog).get()
        let hits = Self.index.hits(query, limit: Int.max)
        #expect(hits.count == hits.total, "\(q)")
        return Set(hits.top.map { $0 >> 3 })
    }

    /// Words of the generated dataset, common and rare.
    static let words: [String] = {
        let names = PhraseSearchTests.oracle.names.filter { $0.count >= 4 && $0.allSatisfy(\.isLetter) }
        return stride(from: 0, to: names.count, by: max(1, names.count / 24)).map { names[$0] }
    }()

    @Test func orIsTheUnionAndGroupsCombineAsSets() {
        let w = Self.words
        #expect(w.count >= 12)
        var nonTrivial = 0
        for i in 0..<12 {
            let a = w[i], b = w[(i + 5) % w.count], c = w[(i + 9) % w.count]
            let sa = entries(a + " "), sb = entries(b + " "), sc = entries(c + " ")
            #expect(entries("\(a) OR \(b) ") == sa.union(sb), "\(a) OR \(b)")
            #expect(entries("\(a) | \(b) ") == sa.union(sb))
            #expect(entries("\(c) (\(a) OR \(b)) ") == sc.intersection(sa.union(sb)), "\(c) (\(a) OR \(b))")
            #expect(entries("(\(a) OR \(b)) -\(c) ") == sa.union(sb).subtracting(sc))
            #expect(entries("\(a) OR \(b) \(c) ") == sa.union(sb.intersection(sc)))
            #expect(entries("\(a) -(\(b) OR \(c)) ") == sa.subtracting(sb.union(sc)))
            #expect(entries("(\(a) -\(b)) OR \(c) ") == sa.subtracting(sb).union(sc))
            // Filters alone are a bitset: a negated group of words is taken out of it by its postings.
            let alliances = entries("type:alliance")
            #expect(entries("type:alliance -(\(b) OR \(c))") == alliances.subtracting(sb.union(sc)))
            if !sa.union(sb).isEmpty && sa != sb { nonTrivial += 1 }
        }
        #expect(nonTrivial >= 6)
    }

    @Test func aResultOfAGroupIsRankedByItsBestWordAndShowsIt() throws {
        let index = SearchWorld.index
        let results = try index.search("rumor OR energía ").get()
        #expect(Set(results.map(\.id)).isSuperset(of: ["s2", "s5"]))
        let s5 = try #require(results.first { $0.id == "s5" })
        #expect(s5.text == "Rumor" && s5.spans == [0..<5])
        // Filters apply to the whole query, groups included.
        #expect(try index.search("(rumor OR energía) kind:energy ").get().map(\.id) == ["s2"])
    }
}
