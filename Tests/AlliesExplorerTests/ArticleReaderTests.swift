import AlliesCore
import AlliesText
import Testing
@testable import AlliesExplorer

/// The provenance reader (#13): an article's text with its quoted passages marked, `n`/`N` between them, Enter on
/// a passage for its facts, and a fact's source opening the article at its passage.
@Suite struct ArticleReaderTests {
    static let text = """
        Société Générale y 阿里巴巴 firmaron ayer un acuerdo de nube. Lo que sigue no lo cita nadie, y es largo para \
        que el texto ocupe varias líneas en una pantalla estrecha.
        Según el comunicado, Acme invertirá 5.000 millones de dólares en Globex. El resto es contexto.

        Otra frase sin citar. Globex alquilará chips de Acme durante siete años.
        """
    static let quoteA = "Société Générale y 阿里巴巴 firmaron ayer un acuerdo de nube."
    static let quoteB = "Acme invertirá 5.000 millones de dólares en Globex."
    static let quoteC = "Globex alquilará chips de Acme durante siete años."

    static let catalog: Catalog = {
        let article = Article(
            id: "a1", title: "Acuerdos de nube: Société Générale y 阿里巴巴", outlet: "Diario",
            published: .init(year: 2025),
            language: "es", text: text)
        let bare = Article(id: "a2", title: "Sin texto", language: "es")
        func company(_ id: String, _ name: String, _ sources: [SourceQuote]) -> Company {
            Company(id: id, name: name, kind: .other, description: LocalizedText(en: "d", es: "d"), sources: sources)
        }
        let companies = [
            company("acme", "Acme", [SourceQuote(article: "a1", quote: quoteB)]),
            company("globex", "Globex", [SourceQuote(article: "a1", quote: quoteC)]),
            company("sg", "Société Générale", [SourceQuote(article: "a1", quote: quoteA)]),
            company("none", "Nadie", [SourceQuote(article: "a2", quote: "algo")]),
        ]
        let alliance = Alliance(
            id: "acme-globex", kind: .investment, parties: [Party("acme", .investor), Party("globex", .investee)],
            status: .announced, title: LocalizedText(en: "Acme invests in Globex", es: "Acme invierte en Globex"),
            summary: LocalizedText(en: "s", es: "s"), sources: [SourceQuote(article: "a1", quote: quoteB)])
        return Catalog(Dataset(articles: [article, bare], companies: companies, alliances: [alliance]))
    }()

    /// Companies → the company → its first source → Enter: the article, opened at that source's passage.
    func openSource(of company: String, size: Size = Size(width: 80, height: 24)) -> Explorer {
        var e = explorer(Self.catalog, size: size)
        select(&e, company)
        press(&e, .open)
        for _ in 0..<40 where e.state.selectedID != "source/0" { press(&e, .moveDown) }
        #expect(e.state.selectedID == "source/0")
        press(&e, .open)
        return e
    }

    @Test func aSourceOpensTheArticleAtItsPassage() {
        var e = openSource(of: "globex")
        #expect(e.state.top == .article("a1"))
        #expect(e.state.selectedID == "passage/3", "Globex's quote is the third passage")
        let screen = e.render(Size(width: 80, height: 24)).text
        #expect(screen.contains("alquilará chips de Acme"), "the passage is on screen:\n\(screen)")
        // n wraps to the first passage, N goes back.
        press(&e, .nextMatch)
        #expect(e.state.selectedID == "passage/1")
        #expect(e.state.note?.text == "Passage 1 of 3 (from the top)")
        press(&e, .nextMatch)
        #expect(e.state.selectedID == "passage/2")
        #expect(e.state.note?.text == "Passage 2 of 3")
        press(&e, .previousMatch, .previousMatch)
        #expect(e.state.selectedID == "passage/3")
        #expect(e.state.note?.text == "Passage 3 of 3 (from the end)")
    }

    @Test func enterOnAPassageOpensItsFacts() {
        var e = openSource(of: "sg")
        #expect(e.state.selectedID == "passage/1")
        // One fact: Enter opens it.
        press(&e, .open)
        #expect(e.state.top == .company("sg"))
        press(&e, .back, .nextMatch)
        #expect(e.state.selectedID == "passage/2")
        // Two facts (Acme and the alliance quote the same words): the passage's own screen lists both.
        press(&e, .open)
        #expect(e.state.top == .passage(article: "a1", 1))
        let screen = e.render(Size(width: 80, height: 24)).text
        #expect(screen.contains("Acme invests in Globex") && screen.contains("Company         Acme"), "\(screen)")
        #expect(screen.contains("“Acme invertirá 5.000 millones de dólares en Globex.”"))
        press(&e, .open)
        #expect(e.state.top == .company("acme") || e.state.top == .alliance("acme-globex"))
    }

    @Test func theArticleSaysHowMuchOfItBecameFacts() {
        let a = Self.catalog.article("a1")!
        let c = Self.catalog.dataset.coverage(of: a)
        let quoted = [Self.quoteA, Self.quoteB, Self.quoteC].reduce(0) { $0 + $1.count }
        #expect(c == ArticleCoverage(passages: 3, facts: 4, quotedCharacters: quoted, characters: Self.text.count))
        let e = openSource(of: "sg")
        let screen = e.render(Size(width: 80, height: 24)).text
        #expect(screen.contains("3 passages, 4 facts · \(quoted) of \(Self.text.count) characters"), "\(screen)")
        // Without text: how many facts quote it, and each fact with its quote.
        let bare = Self.catalog.dataset.coverage(of: Self.catalog.article("a2")!)
        #expect(bare == ArticleCoverage(passages: 0, facts: 1, quotedCharacters: nil, characters: nil))
        var f = openSource(of: "none")
        #expect(f.state.top == .article("a2"))
        press(&f, .bottom)
        let other = f.render(Size(width: 80, height: 24)).text
        #expect(other.contains("1 fact quote it; the dataset does not carry its text"), "\(other)")
        #expect(other.contains("“algo”"))
        // n says there is nothing to step through.
        press(&f, .nextMatch)
        #expect(f.state.note?.text == "No passage of this article's text is quoted")
    }

    @Test(arguments: [Size(width: 80, height: 24), Size(width: 40, height: 12), Size(width: 120, height: 40)])
    func goldenReader(size: Size) {
        let e = openSource(of: "globex", size: size)
        Golden.check("article-reader-\(size.width)x\(size.height)", e.render(size))
    }

    @Test func theBundledArticlesReadWithEveryPassage() {
        // Every bundled article with text: each passage has a stop, and the marks [1]…[N] appear in order.
        for a in bundledCatalog.dataset.articles where a.text != nil {
            let passages = bundledCatalog.dataset.quotedPassages(of: a)
            let ctx = explorer(bundledCatalog).state.context()!
            let items = ArticleScreen.textItems(a.text!, passages, article: a.id, ctx, width: 78)
            let text = items.map { $0.lines.map(\.text).joined() }.joined(separator: "\n")
            var at = text.startIndex
            for n in passages.indices {
                guard let r = text.range(of: "[\(n + 1)]", range: at..<text.endIndex) else {
                    Issue.record("\(a.id): mark [\(n + 1)] missing or out of order")
                    break
                }
                at = r.upperBound
            }
            // Enter on a passage's stop opens that passage's facts, at every width (a line may end one passage and
            // start the next).
            for w in [30, 40, 78, 120] {
                for item in ArticleScreen.textItems(a.text!, passages, article: a.id, ctx, width: w) {
                    guard case .passage(let n) = item.id else { continue }
                    #expect(
                        item.action == ArticleScreen.passageAction(n, passages, article: a.id),
                        "\(a.id) at \(w): the stop of passage \(n + 1) opens another passage's facts")
                }
            }
            // A stop per passage, except passages starting on a line where another starts.
            let stops = items.filter { if case .passage = $0.id { return true } else { return false } }.count
            #expect(stops >= 1 && stops <= passages.count, "\(a.id)")
            // The words of the text are all there, in order (the marks aside).
            let words = a.text!.split(whereSeparator: \.isWhitespace).map { Sanitize.line(String($0)) }
            var shown = text.replacingOccurrences(of: #"\[[0-9]+\]"#, with: "", options: .regularExpression)
                .split(whereSeparator: \.isWhitespace).map(String.init)
            shown = Array(shown)
            #expect(shown == words, "\(a.id): the reader shows the text's words, in order")
        }
    }
}

@Suite struct StyledWrapTests {
    /// Styled wrapping breaks lines exactly where plain wrapping does, and keeps every character's style.
    @Test func breaksWherePlainWrappingBreaks() {
        var rng = SystemRandomNumberGenerator()
        let alphabet: [Character] = ["a", "b", "é", " ", " ", "阿", "x", "-", "."]
        for _ in 0..<300 {
            let n = Int.random(in: 0..<60, using: &rng)
            let chars = (0..<n).map { _ in alphabet.randomElement(using: &rng)! }
            let styled = chars.enumerated().map { i, c in
                StyledCharacter(c, i % 7 < 3 ? quotedStyle : .normal, tag: i % 7 < 3 ? i / 7 : nil)
            }
            let width = Int.random(in: 1...20, using: &rng)
            let plain = Clip.wrap(String(chars), width)
            let wrapped = wrapStyled(styled, width: width).map { String($0.characters.map(\.character)) }
            #expect(wrapped == (plain.isEmpty ? [""] : plain), "\(String(chars)) at \(width)")
        }
    }

    @Test func aPassageStaysOneRunAcrossItsSpaces() {
        let words = "uno dos tres cuatro"
        let styled = words.map { StyledCharacter($0, quotedStyle, tag: 0) }
        let lines = wrapStyled(styled, width: 80)
        #expect(lines.count == 1 && lines[0].runs.count == 1 && lines[0].runs[0].style == quotedStyle)
    }
}
