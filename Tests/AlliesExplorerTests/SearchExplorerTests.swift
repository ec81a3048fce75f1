import AlliesCore
import AlliesText
import Testing
@testable import AlliesExplorer

/// The search screen says why a result matched and suggests the dataset's own words for a misspelt one (#15).
@Suite("Search screen: did you mean, the field that matched")
struct SearchExplorerTests {
    static let size = Size(width: 80, height: 24)

    /// The explorer with `query` typed into the search prompt.
    static func searching(_ query: String, size: Size = size, language: Language = .en) -> Explorer {
        var e = explorer(size: size, language: language)
        press(&e, .search)
        press(&e, query)
        return e
    }

    @Test func aMisspeltWordGetsTheNearestWordAndTabTakesIt() {
        var e = Self.searching("antropic")
        var rows = AllianceUpdatesScreenTests.rows(e.render(Self.size))
        #expect(rows[2] == "No matches · Did you mean: anthropic? (Tab)", "\(rows[2])")
        press(&e, .promptResults)
        rows = AllianceUpdatesScreenTests.rows(e.render(Self.size))
        #expect(rows[1] == "/ anthropic", "\(rows[1])")
        #expect(rows[2].hasPrefix("12 matches"), "\(rows[2])")
    }

    /// An alliance found by search that is not agreed says so before its title, as in the Timeline (a trial: search
    /// results listed Amazon's talks with OpenAI like any deal); an agreed one has no mark.
    @Test(arguments: [Language.en, .es])
    func aDealNotAgreedSaysSoInSearchResults(language: Language) {
        let e = Self.searching("amazon openai", language: language)
        let rows = AllianceUpdatesScreenTests.rows(e.render(Size(width: 120, height: 40)))
        let talks = language == .es ? "[en negociación] " : "[in talks] "
        let inTalks = Language.$scoped.withValue(language) {
            bundledCatalog.alliance("amazon-openai-10b-talks-2025")!.title.preferred
        }
        #expect(rows.contains { $0.contains(talks + inTalks) }, "\(rows.joined(separator: "\n"))")
        let agreed = Language.$scoped.withValue(language) {
            bundledCatalog.alliance("aws-openai-cloud-2025")!.title.preferred
        }
        #expect(rows.contains { $0.contains(agreed) && !$0.contains("[") }, "\(rows.joined(separator: "\n"))")
    }

    /// An alliance found by search says who and how much under its title, as its Alliances row does (a trial: the
    /// results listed `La inversión de Amazon en Anthropic` without its ~8.000 M$, estimated and cumulative; the
    /// amount was only in the CLI's table). In both languages, at 80 and 120 columns.
    @Test(arguments: [Language.es, .en])
    func anAllianceFoundSaysItsPartiesAndAmount(language: Language) {
        for size in [Self.size, Size(width: 120, height: 60)] {
            let e = Self.searching("type:alliance", size: size, language: language)
            let rows = AllianceUpdatesScreenTests.rows(e.render(size))
            let search = e.state.stack.last!.screen as! SearchScreen
            var shown = 0
            for result in search.results where result.kind == .alliance {
                let a = bundledCatalog.alliance(result.id)!
                let line = Language.$scoped.withValue(language) {
                    MoneyFormat.amounts(of: a) + " · " + Format.parties(a, bundledCatalog, Glyphs(unicode: true))
                }
                // Under its own title: the row above has its date (or says it has none) and its title (two deals
                // may have the same parties and amount).
                let title = Language.$scoped.withValue(language) { a.title.preferred }
                let under = rows.indices.dropFirst().filter { rows[$0] == line }.filter {
                    rows[$0 - 1].hasPrefix(MoneyFormat.date(a.date?.value))
                        && rows[$0 - 1].contains(String(title.prefix(20)))
                }
                if !under.isEmpty { shown += 1 }
            }
            // Every result on screen whose line fits (at 80 columns a few are cut at the edge).
            #expect(shown >= (size.width == 80 ? 4 : 12), "\(shown): \(rows.joined(separator: "\n"))")
            let undisclosed = Language.$scoped.withValue(language) { MoneyFormat.amounts([]) + " · " }
            #expect(rows.contains { $0.hasPrefix(undisclosed) }, "an amount not known is said so, never 0")
        }
        // At 40 columns the amount stays whole with its qualifiers; the parties give way at the edge.
        let narrow = Size(width: 40, height: 12)
        let rows = AllianceUpdatesScreenTests.rows(
            Self.searching("inversión", size: narrow, language: .es).render(narrow))
        #expect(rows.contains { $0.hasPrefix("13.000 M$ (acum.) · Microsoft") }, "\(rows.joined(separator: "\n"))")
    }

    @Test func theCorrectionKeepsTheRestOfTheQuery() {
        let fix = [SearchIndex.Correction(word: "nvidea", suggestions: ["nvidia", "nvida"])]
        #expect(SearchScreen.corrected("-(Nvidea) kind:investment", fix) == "-(nvidia) kind:investment")
        #expect(SearchScreen.corrected("openai nvidea", fix) == "openai nvidia")
    }

    @Test func aSpanishMatchSaysItsFieldAndShowsTheSpanishText() {
        let e = Self.searching("invertirá")
        let rows = AllianceUpdatesScreenTests.rows(e.render(Self.size))
        #expect(rows.contains { $0.contains("· Title (es)") }, "\(rows)")
        #expect(rows.contains { $0.contains("invertirá") && !$0.contains("·") }, "the Spanish text itself: \(rows)")
    }

    /// The field a result matched in is named as the forms name it, in the reader's language (`Descripción (es)`,
    /// `Cita (es)`), never by its JSON name (`description.es`, `quote (es)`, `product`: a trial's Spanish reader).
    @Test func aMatchedFieldIsNamedInTheReadersLanguage() {
        let e = Self.searching("nvidia", language: .es)
        let rows = AllianceUpdatesScreenTests.rows(e.render(Self.size))
        #expect(rows.contains { $0.contains("· Descripción (es)") }, "\(rows)")
        #expect(!rows.contains { $0.contains("description.") || $0.contains("summary.") }, "\(rows)")
    }

    /// Where both descriptions name the word, a Spanish reader sees the Spanish one (the trial saw
    /// `description.en` on every company found by `nvidia` in the Spanish interface); an English reader the English.
    @Test(arguments: [Language.es, .en])
    func ofTwoFieldsAsGoodTheReadersLanguageIsShown(language: Language) {
        let e = Self.searching("nvidia", language: language)
        let search = e.state.stack.last!.screen as! SearchScreen
        let aws = search.results.first { $0.id == "aws" }
        #expect(
            aws?.matchedField == (language == .es ? "description.es" : "description.en"), "\(String(describing: aws))")
        // A field with more of the words still wins whatever its language.
        let title = Self.searching("inversión anthropic", language: .en).state.stack.last!.screen as! SearchScreen
        #expect(title.results.first { $0.id == "amazon-anthropic-investment" }?.matchedField == "title.es")
    }
}

/// Market-share estimates are found by search, listed under their own heading, and open on a screen of their own
/// (the search counted them — `type:share`, 11 matches — over an empty list).
@Suite("Search screen: market-share estimates")
struct SearchShareEstimatesTests {
    static let size = Size(width: 80, height: 24)

    @Test func shareEstimatesAreListedAndOpen() {
        var e = SearchExplorerTests.searching("type:share")
        var rows = AllianceUpdatesScreenTests.rows(e.render(Self.size))
        let total = e.state.catalog!.dataset.shareEstimates.count
        #expect(rows[2].hasPrefix("\(total) matches"), "\(rows[2])")
        #expect(
            rows.contains { $0.contains("Market-share estimates") && $0.hasSuffix(" \(total)") },
            "a heading with every match counted: \(rows)")
        let first = e.state.catalog!.dataset.shareEstimates.first { rows.joined().contains($0.market) }
        #expect(first != nil, "\(rows)")
        press(&e, .promptOpen)
        rows = AllianceUpdatesScreenTests.rows(e.render(Self.size))
        #expect(e.state.screens.last.map { "\($0)" }?.hasPrefix("shareEstimate(") == true, "\(e.state.screens)")
        // Its bars and its publisher, as the Chips view draws them.
        #expect(rows.contains { $0.contains("%") && $0.contains("█") }, "\(rows)")
        #expect(rows.contains { $0.contains("Publisher") }, "\(rows)")
        // `e` edits the estimate on screen.
        #expect(e.state.editTarget()?.list == .shareEstimates)
    }

    /// A row reads as the Chips view heads the estimate: its metric in the reader's language, a forecast said so
    /// (the core's title had `share`, `servers` in English, and two TrendForce 2024 rows read alike).
    @Test func aShareRowIsInTheReadersLanguage() {
        let size = Size(width: 120, height: 40)
        let e = SearchExplorerTests.searching("type:share", size: size, language: .es)
        let rows = AllianceUpdatesScreenTests.rows(e.render(size)).filter { $0.contains(" · previsión para ") }
        #expect(rows.count == 5, "every forecast, said so: \(rows)")
        #expect(rows.contains { $0.contains(" · cuota · ") }, "\(rows)")
        #expect(!rows.contains { $0.contains(" · share · ") || $0.contains(" · servers · ") }, "\(rows)")
        #expect(Set(rows).count == rows.count, "no two rows alike: \(rows)")
    }

    @Test func aCompanysMarketShareRowOpensItsEstimate() {
        var e = explorer(size: Self.size)
        let estimate = e.state.catalog!.dataset.shareEstimates.first { $0.shares.contains { $0.vendor == "nvidia" } }!
        select(&e, "nvidia")
        press(&e, .open)
        select(&e, "share/" + estimate.id)
        press(&e, .open)
        #expect(e.state.screens == [.companies, .company("nvidia"), .shareEstimate(estimate.id)])
        let rows = AllianceUpdatesScreenTests.rows(e.render(Self.size))
        #expect(rows.contains { $0.contains(estimate.market) }, "\(rows)")
    }
}

@Suite("A claim's screen")
struct ClaimScreenTests {
    /// Its breadcrumb is what it claims, in the reader's language (it was `Afirmación apple-ml-efficiency-40`).
    @Test(arguments: [Language.es, .en])
    func isTitledByItsText(language: Language) {
        let size = Size(width: 80, height: 24)
        var e = SearchExplorerTests.searching("eficiencia", size: size, language: language)
        press(&e, .promptResults)
        select(&e, "claim/apple-ml-efficiency-40")
        press(&e, .open)
        #expect(e.state.screens.last == .claim("apple-ml-efficiency-40"))
        let top = e.render(size).text(row: 0)
        #expect(top.contains(language == .es ? "Apple logró una mejora" : "Apple gained 40%"), "\(top)")
        #expect(!top.contains("apple-ml-efficiency-40"), "\(top)")
    }
}

/// A line cut at the screen's edge is never cut inside a number, as a table's cells are not: a search result's
/// title read `Microsoft invertirá hasta 5…` at 40 columns, where the title says 5.000 millones.
@Suite("Lines cut at the edge keep whole numbers")
struct WholeNumbersAtTheEdgeTests {
    @Test(arguments: [Language.es, .en])
    func searchResultsAreNeverCutInsideANumber(language: Language) {
        let size = Size(width: 40, height: 12)
        for query in ["invertirá", "inversión", "nvidia", "millones", "billion"] {
            var e = SearchExplorerTests.searching(query, size: size, language: language)
            press(&e, .promptResults)
            for _ in 0..<12 {
                let rows = AllianceUpdatesScreenTests.rows(e.render(size))
                for row in rows {
                    let cut = row.range(of: #"[0-9][.,]?…"#, options: .regularExpression)
                    #expect(cut == nil, "\(query): \(row)")
                }
                press(&e, .pageDown)
            }
        }
    }
}

/// A line whose text fills the screen to its edge with more after it says it was cut: a claim's last words
/// (`…compared with` and no `…`, NVIDIA's name hidden after it) or a result's field tag vanished unmarked.
@Suite("A line cut exactly at the edge")
struct CutAtTheEdgeTests {
    static func drawn(_ spans: [Span], width: Int, needles: [String] = []) -> String {
        let state = AppState(catalog: bundledCatalog, datasetName: "t")
        var grid = Grid(Size(width: width, height: 1))
        state.draw(Line(spans), x: 0, y: 0, width: width, into: &grid, needles: needles, g: .unicode)
        return String(grid.text(row: 0).reversed().drop { $0 == " " }.reversed())
    }

    @Test func moreTextAfterAFullLineEndsItInAnEllipsis() {
        #expect(Self.drawn([Span("costs compared with"), Span(" NVIDIA")], width: 19) == "costs compared wit…")
        #expect(Self.drawn([Span("TSMC makes chips."), Span(" · summary.es")], width: 17) == "TSMC makes chips…")
        // Within one span, across a highlighted match that ends at the edge.
        #expect(Self.drawn([Span("up to nvidia and more")], width: 12, needles: ["nvidia"]) == "up to nvidi…")
        // Not cut inside a number either.
        #expect(Self.drawn([Span("by up to 40"), Span("% of it")], width: 11) == "by up to …")
        // Nothing but blanks after it (a row's padding), or nothing at all: nothing was lost.
        #expect(Self.drawn([Span("exactly ten"), Span("   ")], width: 11) == "exactly ten")
        #expect(Self.drawn([Span("exactly ten")], width: 11) == "exactly ten")
    }
}
