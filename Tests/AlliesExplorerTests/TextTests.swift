import AlliesCore
import AlliesText
import Testing
@testable import AlliesExplorer

/// A small hand-made dataset with CJK, accented, combining and emoji names, to prove columns stay aligned.
let wideCatalog: Catalog = {
    func text(_ s: String) -> LocalizedText { LocalizedText(en: s, es: s) }
    let quote = [SourceQuote(article: "a1", quote: "阿里巴巴和腾讯 invierten en Société Générale.")]
    let companies = [
        Company(
            id: "alibaba", name: "阿里巴巴", aliases: ["Alibaba"], kind: .bigTech, country: "CN",
            description: text("中国的电子商务公司。"), groups: ["big-nine"], products: ["通义千问"],
            sources: quote),
        Company(
            id: "tencent", name: "腾讯", kind: .bigTech, country: "CN", description: text("腾讯控股。"),
            sources: quote),
        Company(
            id: "socgen", name: "Société Générale", kind: .investor, country: "FR",
            description: text("Banque française, très active."), sources: quote),
        Company(
            id: "zoe", name: "Zoe\u{0301} Ünïcødé Labs", kind: .aiLab, description: text("Combining marks."),
            sources: quote),
        Company(id: "rocket", name: "🚀 Rocket AI", kind: .startup, description: text("Emoji name."), sources: quote),
        Company(
            id: "longname", name: "株式会社ソフトバンクグループ投資部門", kind: .investor,
            country: "JP",
            description: text("A very long Japanese name."), sources: quote),
    ]
    let alliances = [
        Alliance(
            id: "alibaba-tencent", kind: .investment,
            parties: [Party("tencent", .investor), Party("alibaba", .investee)],
            amounts: [Amount(value: 5e9, currency: "CNY", bound: .about)],
            date: DatedEvent(PartialDate(year: 2024, month: 3), .announced), status: .announced,
            title: text("腾讯投资阿里巴巴"), summary: text("腾讯 invests in 阿里巴巴."), sources: quote),
        Alliance(
            id: "socgen-zoe", kind: .investment, parties: [Party("socgen", .investor), Party("zoe", .investee)],
            amounts: [Amount(value: 120e6, currency: "EUR", estimated: true)],
            date: DatedEvent(PartialDate(year: 2025, month: 1, day: 15), .signed), status: .completed,
            title: text("Société Générale backs Zoé"), summary: text("Accents éverywhere."), sources: quote),
        Alliance(
            id: "rocket-longname", kind: .cloudContract,
            parties: [Party("rocket", .customer), Party("longname", .supplier)],
            amounts: [Amount(value: 3e8, currency: "JPY", per: .year, termYears: 3)],
            date: DatedEvent(PartialDate(year: 2025), .reported), status: .inTalks,
            title: text("🚀 Rocket rents ソフトバンク compute"), summary: text("Wide everything."),
            sources: quote),
    ]
    let articles = [
        Article(
            id: "a1", title: "亚洲科技联盟 — Alianzas", outlet: "Xīnhuá", published: PartialDate(year: 2025),
            language: "zh")
    ]
    let estimates = [
        ShareEstimate(
            id: "e1", market: "AI 加速器", scope: "中国市场", metric: .units, year: 2025,
            forecast: true, publisher: "Ünïcødé Research",
            shares: [
                Share(vendor: "alibaba", label: "阿里巴巴", bound: .moreThan, value: 40),
                Share(vendor: "tencent", label: "腾讯", bound: .range, value: 10, upper: 25),
            ],
            sources: quote)
    ]
    let groups = [Group(id: "big-nine", name: "Big Nine", description: text("九大"))]
    return Catalog(
        Dataset(
            articles: articles, groups: groups, companies: companies, alliances: alliances,
            shareEstimates: estimates))
}()

/// Display columns at which `marker` is drawn on row y.
func columns(of marker: String, row y: Int, in grid: Grid) -> [Int] {
    (0..<grid.size.width).filter { grid[$0, y].grapheme == marker }
}

@Suite("Text: widths, alignment, untrusted strings")
struct TextTests {
    @Test(arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 40, height: 12)])
    func wideNamesKeepColumnsAligned(_ size: Size) {
        for view in ["1", "2", "3", "4"] {
            var e = explorer(wideCatalog, size: size)
            press(&e, view)
            let grid = e.render(size)
            if view == "1" || view == "2" {
                Golden.check("cjk-\(view == "1" ? "companies" : "alliances")-\(size.width)x\(size.height)", grid)
            }
            var separatorColumns: [Int]?
            let listWidth = Layout(e.state.stack.last!.screen, e.state.context()!, size).listWidth
            for y in 0..<size.height {
                #expect(
                    TextWidth.of(grid.text(row: y)) == size.width, "row \(y) of view \(view) is not \(size.width) wide")
                // Separators of table rows (not the preview pane's rule).
                let found = columns(of: "│", row: y, in: grid).filter { $0 < listWidth }
                guard !found.isEmpty, view != "4" else { continue }
                if let expected = separatorColumns {
                    #expect(found == expected, "separators move on row \(y) of view \(view): \(grid.text(row: y))")
                } else {
                    separatorColumns = found
                }
            }
            if view == "1" || view == "2" { #expect(separatorColumns != nil) }
        }
    }

    /// A cut never ends in a number: the number shown would be another one (`≤$1…` for ≤$100B).
    @Test func aCutNeverEndsInANumber() {
        let cases: [(String, Int, String)] = [
            ("≤$100B", 4, "…"),
            ("$13B + ≤$100B", 10, "$13B + …"),
            ("hasta 100.000 M$", 12, "hasta …"),
            ("up to $5 billion", 9, "up to …"),
            // A number whose unit is cut away after its space is not shown either (`$5 …` may be $5 billion).
            ("up to $5 billion", 10, "up to …"),
            ("pendiente: ~15 M€ (plurianual)", 16, "pendiente: …"),
            ("hasta 100.000 M$", 15, "hasta …"),
            ("2 undisclosed", 3, "…"),
            ("~10.000 M$", 5, "…"),
            ("1億ドル", 2, "…"),
            ("EVIL[2J[0m", 7, "EVIL[…"),
            ("Web3 Labs", 5, "Web…"),
            ("$60M/yr", 6, "$60M/…"),
            ("Anthropic", 5, "Anth…"),
            ("Coca-Cola", 6, "Coca-…"),
            ("$8B (cumulative)", 16, "$8B (cumulative)"),
        ]
        for (text, width, expected) in cases {
            #expect(Clip.toWidth(text, width, wholeNumbers: true) == expected, "\(text) at \(width)")
        }
        // Without the rule the cut shows another number: what the rule is for.
        #expect(Clip.toWidth("≤$100B", 4) == "≤$1…")
        #expect(Clip.toWidth("hasta 100.000", 10, ellipsis: "...", wholeNumbers: true) == "hasta ...")
        #expect(Clip.toWidth("100.000", 6, ellipsis: "...", wholeNumbers: true) == "...")
    }

    /// One column left for a cut text holds the ellipsis: a `.` there read as the end of a sentence (`OpenAI will
    /// deploy .` where a highlighted `a` met the screen's edge).
    @Test func aCutTextEndsInAnEllipsisEvenInOneColumn() {
        #expect(Clip.toWidth("at least", 1) == "…")
        #expect(Clip.toWidth("at least", 2) == "a…")
        #expect(Clip.toWidth("a", 1) == "a")
        #expect(Clip.toWidth("at least", 1, ellipsis: "...") == ".")  // no room for the ASCII ellipsis
        #expect(Clip.toWidth("at least", 3, ellipsis: "...") == "...")
        // Every page of the results where the trial met it.
        let size = Size(width: 80, height: 24)
        var e = SearchExplorerTests.searching("a", size: size, language: .en)
        press(&e, .promptResults)
        var rows: [String] = []
        for _ in 0..<20 {
            rows += AllianceUpdatesScreenTests.rows(e.render(size))
            press(&e, .pageDown)
        }
        #expect(rows.contains { $0.hasSuffix("will deploy …") }, "\(rows)")
        #expect(!rows.contains { $0.hasSuffix(" .") }, "\(rows)")
    }

    @Test func anArticlesCoverageCountsWithSeparators() {
        let c = ArticleCoverage(passages: 2, facts: 3, quotedCharacters: 3335, characters: 9925)
        Language.$scoped.withValue(.es) {
            #expect(ArticleScreen.describe(c) == "2 pasajes, 3 hechos · 3.335 de 9.925 caracteres (34%)")
        }
        Language.$scoped.withValue(.en) {
            #expect(ArticleScreen.describe(c) == "2 passages, 3 facts · 3,335 of 9,925 characters (34%)")
        }
    }

    @Test func aGluedPhraseWrapsWhole() {
        let date = Glue.join(["31", "de", "mayo", "de", "2023"])
        let lines = Clip.wrap("Fecha: " + date + " (se sabe el día)", 20).map(Glue.plain)
        #expect(lines == ["Fecha:", "31 de mayo de 2023", "(se sabe el día)"])
        // Wider than the line: broken where it is glued, never inside a word.
        #expect(Clip.wrap("Fecha: " + date, 10) == ["Fecha:", "31 de mayo", "de 2023"])
        #expect(Glue.plain("a\u{A0}à") == "a à" && Glue.plain("à") == "à")
    }

    @Test func wideCharactersAreNeverSplit() {
        for width in 30...60 {
            let size = Size(width: width, height: 12)
            var e = explorer(wideCatalog, size: size)
            for keys in ["", "2", "G<enter>"] {
                press(&e, keys)
                let grid = e.render(size)
                for y in 0..<size.height {
                    for x in 0..<width where grid[x, y].width == 2 {
                        #expect(x + 1 < width && grid[x + 1, y].isContinuation)
                    }
                    for x in 0..<width where grid[x, y].isContinuation {
                        #expect(x > 0 && grid[x - 1, y].width == 2)
                    }
                }
            }
        }
    }

    @Test func cjkCompanyDetailAndSearch() {
        var e = explorer(wideCatalog)
        press(&e, .search)
        press(&e, "腾讯")
        let search = e.state.stack.last?.screen as! SearchScreen
        #expect(search.results.contains { $0.id == "tencent" })
        press(&e, .promptOpen)
        #expect(e.state.top == .company("tencent"))
        press(&e, .companies, .search)
        press(&e, "societe")
        press(&e, .promptOpen)
        #expect(e.state.top == .company("socgen"), "accent-insensitive")
        Golden.check("cjk-company-socgen-80x24", e.render(Size(width: 80, height: 24)))
    }

    @Test func amountsAreFormattedOneWay() {
        let g = Glyphs.unicode
        #expect(
            MoneyFormat.amount(Amount(value: 38e9, currency: "USD", termYears: 7), ascii: g.ascii) == "$38B over 7y")
        #expect(MoneyFormat.amount(Amount(value: 60e6, currency: "USD", per: .year), ascii: g.ascii) == "$60M/yr")
        #expect(
            MoneyFormat.amount(Amount(value: 100e9, currency: "USD", bound: .upTo), ascii: g.ascii) == "up to $100B")
        #expect(
            MoneyFormat.amount(Amount(value: 10e9, currency: "USD", bound: .about, estimated: true), ascii: g.ascii)
                == "~$10B (est.)")
        #expect(MoneyFormat.amount(Amount(value: 1e9, currency: "USD", bound: .atLeast), ascii: g.ascii) == "≥$1B")
        #expect(MoneyFormat.amount(Amount(value: 1e9, currency: "USD", bound: .atLeast), ascii: true) == ">=$1B")
        #expect(MoneyFormat.amount(Amount(value: 1e9, currency: "USD", bound: .moreThan), ascii: g.ascii) == ">$1B")
        #expect(MoneyFormat.amount(Amount(value: 9.7e9, currency: "USD"), ascii: g.ascii) == "$9.7B")
        #expect(MoneyFormat.amount(Amount(value: 700e6, currency: "USD"), ascii: g.ascii) == "$700M")
        #expect(MoneyFormat.amount(Amount(value: 1.25e12, currency: "USD"), ascii: g.ascii) == "$1.25T")
        #expect(MoneyFormat.amount(Amount(value: 5e9, currency: "EUR"), ascii: g.ascii) == "€5B")
        #expect(MoneyFormat.amount(Amount(value: 5e9, currency: "EUR"), ascii: true) == "EUR 5B")
        #expect(MoneyFormat.amount(Amount(value: 999.6e6, currency: "USD"), ascii: g.ascii) == "$1B")
        #expect(MoneyFormat.amounts([], ascii: g.ascii) == "undisclosed")
        #expect(MoneyFormat.total(MoneyTotal(), ascii: g.ascii) == "—")
        #expect(
            MoneyFormat.meaning(Amount(value: 60e6, currency: "USD", per: .year, termYears: 3), ascii: g.ascii)
                == "per year, for 3 years ($180M in all)")
        // A total worked out from a bound keeps it.
        #expect(
            MoneyFormat.meaning(
                Amount(value: 30e9, currency: "USD", per: .year, bound: .upTo, termYears: 5), ascii: g.ascii)
                == "per year, for 5 years (up to $150B in all); an upper bound (up to)")
        #expect(
            MoneyFormat.meaning(Amount(value: 35e9, currency: "USD", bound: .atLeast, termYears: 7), ascii: g.ascii)
                .hasPrefix("in total over 7 years (on average at least $5B/yr)"))
        // A yearly figure no source gives is said to be an average, never "about" (which says a source's estimate).
        #expect(
            MoneyFormat.meaning(Amount(value: 38e9, currency: "USD", termYears: 7), ascii: g.ascii)
                == "in total over 7 years (on average $5.43B/yr)")
        #expect(
            MoneyFormat.meaning(Amount(value: 13e9, currency: "USD", cumulative: true), ascii: g.ascii)
                .contains("cumulative"))
    }

    @Test func sharesAreDrawnWithTheirBounds() {
        let g = Glyphs.unicode
        let more = Share(vendor: "nvidia", label: "NVIDIA", bound: .moreThan, value: 70)
        let bar = ChipsScreen.bar(more, cells: 20, g).map(\.text).joined()
        #expect(bar == String(repeating: "█", count: 14) + "▶" + String(repeating: " ", count: 6))
        #expect(MoneyFormat.share(more) == ">70%", "marked as an amount's bound is (`>$1B`), in the CLI too")
        #expect(MoneyFormat.share(Share(vendor: nil, label: "x", bound: .atLeast, value: 95), ascii: true) == ">=95%")
        let spanish = Language.$scoped.withValue(.es) {
            MoneyFormat.share(Share(vendor: nil, label: "x", bound: .about, value: 97.7))
        }
        #expect(spanish == "~97,7%")
        let range = Share(vendor: nil, label: "x", bound: .range, value: 60, upper: 70)
        #expect(ChipsScreen.bar(range, cells: 10, g).map(\.text).joined() == "██████░    ")
        #expect(MoneyFormat.share(range) == "60–70%")
        #expect(MoneyFormat.share(range, ascii: true) == "60-70%")
        #expect(ChipsScreen.bar(more, cells: 10, .ascii).map(\.text).joined() == "#######>   ")
        // The Chips screen never shows the lower bound as a plain 70%.
        var e = explorer()
        press(&e, .chips)
        let text = e.render(Size(width: 80, height: 24)).text
        let line = text.split(separator: "\n").first { $0.contains("NVIDIA") && $0.contains("▶") }!
        #expect(line.hasSuffix(">70% "))
    }

    @Test func keyTableIsConsistent() {
        // No key runs two commands at one level: among a screen's own keys, and among the generic ones. A screen's
        // own binding may take a generic key (Enter edits a form's field), and then that key alone runs it there.
        for context in KeyContext.allCases {
            var seen: [Key: CommandName] = [:]
            for b in KeyTable.bindings where b.contexts.contains(context) {
                for key in b.keys {
                    #expect(seen[key] == nil || seen[key] == b.command, "\(key) bound twice in \(context)")
                    seen[key] = b.command
                }
            }
            for b in KeyTable.bindings where b.contexts.contains(context) {
                for key in b.keys { #expect(KeyTable.binding(for: key, in: context)?.command == b.command) }
            }
        }
        var generic: [Key: CommandName] = [:]
        for b in KeyTable.bindings where b.contexts.contains(.lists) || b.contexts.contains(.everywhere) {
            for key in b.keys {
                #expect(generic[key] == nil || generic[key] == b.command, "\(key) bound twice generically")
                generic[key] = b.command
            }
        }
        // The help screen lists every binding.
        let ctx = explorer().state.context()!
        let help = HelpScreen().items(ctx, width: 200).map(\.searchText).joined(separator: "\n")
        for b in KeyTable.bindings { #expect(help.contains(b.help), "\(b.command) missing from help") }
    }

    static let hostile = ["\u{1B}[2J", "\u{1B}]0;x\u{07}", "\u{202E}", "\u{200B}", "\r", "\u{08}", "\u{9B}", "\u{7F}"]

    @Test func hostileStringsNeverReachTheGrid() {
        let evil = "EVIL\u{1B}[2J\u{1B}]0;pwned\u{07}\u{202E}gnp.exe\u{200B}\r\u{08}\u{9B}31m\u{7F}"
        func t(_ s: String) -> LocalizedText { LocalizedText(en: s, es: s) }
        let q = [SourceQuote(article: "evil" + "-a", quote: evil, note: evil)]
        let dataset = Dataset(
            articles: [
                Article(
                    id: "evil-a", title: evil, outlet: evil, author: evil, published: nil, publishedNote: evil,
                    language: "es", url: evil)
            ],
            groups: [Group(id: "g", name: evil, description: t(evil))],
            companies: [
                Company(
                    id: "evil", name: evil, aliases: [evil], kind: .other, country: evil, description: t(evil),
                    groups: ["g"], products: [evil], sources: q,
                    citations: [Citation(publisher: evil, title: evil, url: evil, supports: evil)]),
                Company(
                    id: "other", name: "Other" + evil, kind: .chipVendor, description: t(evil), products: [evil],
                    sources: q),
            ],
            alliances: [
                Alliance(
                    id: "evil-deal", kind: .chipSupply, parties: [Party("evil", .customer), Party("other", .supplier)],
                    amounts: [Amount(value: 1e9, currency: "USD", note: evil)],
                    date: DatedEvent(PartialDate(year: 2025), .announced), status: .rumoured, title: t(evil),
                    summary: t(evil), products: [evil], sources: q,
                    citations: [Citation(publisher: evil, title: evil, supports: evil)], disagreement: evil)
            ],
            claims: [Claim(id: "c", about: .company("evil"), kind: .other, text: t(evil), sources: q)],
            people: [
                Person(id: "p", name: evil, role: t(evil), organization: "evil", organizationName: evil, sources: q)
            ],
            shareEstimates: [
                ShareEstimate(
                    id: "s", market: evil, scope: evil, metric: .units, region: evil, year: 2025,
                    forecast: false, publisher: evil,
                    shares: [Share(vendor: "other", label: evil, value: 50)], sources: q)
            ])
        let catalog = Catalog(dataset)
        let paths = [
            "", "<enter>", "<enter>G", "2", "2<enter>", "2<enter>G", "2<enter>G<enter>", "3", "4", "4G",
            "/evil", "/evil<tab>G", "/evil<tab>G<enter>", "/pwned<tab>jjj<enter>", "?", "1<enter>t",
        ]
        for size in [Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 30, height: 8)] {
            for path in paths {
                for unicode in [true, false] {
                    var e = explorer(catalog, size: size, unicode: unicode)
                    press(&e, path)
                    let grid = e.render(size)
                    for cell in grid.cells {
                        for s in cell.grapheme.unicodeScalars {
                            let v = s.value
                            let bad =
                                v < 0x20 || (0x7F...0x9F).contains(v) || v == 0x202E || v == 0x200B
                                || Quoting.isUnsafe(s)
                            #expect(!bad, "unsafe U+\(String(v, radix: 16)) drawn after \(path) at \(size)")
                        }
                    }
                    // Where the Status column does not fit, a deal's status comes before its name and may leave no
                    // room for the name: the status is what must not be lost.
                    #expect(
                        grid.text.contains("EV") || path == "?" || grid.text.contains("[rumoured]"),
                        "the data is shown, made visible: \(path)\n\(grid.text)")
                }
            }
        }
    }
}

@Suite("Edge cases")
struct EdgeTests {
    @Test func emptyAndOddDatasetsNeverCrash() {
        let odd = Dataset(
            companies: [Company(id: "a", name: "", kind: .other, description: LocalizedText(en: "", es: ""))],
            alliances: [
                Alliance(
                    id: "x", kind: .investment, parties: [Party("a", .investor), Party("missing", .investee)],
                    amounts: [
                        Amount(value: 1e40, currency: "XXX", per: .year, termYears: 0),
                        Amount(value: 3, currency: "USD", bound: .moreThan),
                    ],
                    date: DatedEvent(PartialDate(year: 2024, month: 13), .expected), status: .ended,
                    title: LocalizedText(en: "", es: ""), summary: LocalizedText(en: "", es: ""))
            ],
            shareEstimates: [
                ShareEstimate(
                    id: "s", market: "", scope: "", metric: .share, year: 2024, forecast: false,
                    publisher: "",
                    shares: [
                        Share(
                            vendor: "missing", label: "", bound: .range,
                            value: 150, upper: -5)
                    ])
            ])
        for catalog in [Catalog(Dataset()), Catalog(odd)] {
            for size in [
                Size(width: 30, height: 8), Size(width: 80, height: 24), Size(width: 0, height: 0),
                Size(width: -3, height: 200),
            ] {
                for path in [
                    "", "<enter>G<enter>", "2<enter>jjj<enter>", "3G<enter>", "4G<enter>", "/a<tab>n<enter>",
                    "?G", "1t", "<pgdn><pgup>n", "2ffffsss",
                ] {
                    var e = explorer(catalog, size: size)
                    press(&e, path)
                    _ = e.update(.mouse(Mouse(.doubleClick, x: 3, y: 3)))
                    _ = e.update(.mouse(Mouse(.wheelDown, x: 3, y: 3)))
                    _ = e.render(size)
                }
            }
        }
    }
}
