import AlliesCore
import AlliesText
import Testing
@testable import AlliesExplorer

@Suite("update: keys in, state out")
struct UpdateTests {
    @Test func startsOnCompanies() {
        let e = explorer()
        #expect(e.state.screens == [.companies])
        #expect(e.state.selectedIndex == 0)
        #expect(e.state.selectedID == "alibaba")
    }

    @Test func ctrlCQuitsFromAnywhere() {
        var e = explorer()
        #expect(e.update(.key(.control("c"))) == .quit)
        press(&e, .open)
        #expect(e.update(.key(.control("c"))) == .quit)
        press(&e, .search)
        press(&e, "abc")
        #expect(e.update(.key(.control("c"))) == .quit)
        var loading = Explorer(catalog: nil, datasetName: "x")
        #expect(loading.update(.key(.control("c"))) == .quit)
    }

    @Test func qGoesBackThenQuits() {
        var e = explorer()
        press(&e, .open)
        #expect(e.state.screens == [.companies, .company("alibaba")])
        #expect(press(&e, .quit) == [.none])
        #expect(e.state.screens == [.companies])
        #expect(press(&e, .quit) == [.quit])
    }

    @Test func enterPushesAndEveryBackKeyPops() {
        for back in ["<esc>", "<bs>", "h", "<left>"] {
            var e = explorer()
            press(&e, "j<enter>")
            #expect(e.state.top == .company("amazon"))
            press(&e, back)
            #expect(e.state.screens == [.companies], "\(back)")
            #expect(e.state.selectedID == "amazon", "selection kept after \(back)")
        }
        var e = explorer()
        press(&e, "jl")
        #expect(e.state.top == .company("amazon"))
        press(&e, "<esc><right>")
        #expect(e.state.top == .company("amazon"))
        // Back at a top-level view stays there.
        press(&e, "<esc><esc><esc>")
        #expect(e.state.screens == [.companies])
    }

    @Test func numberKeysSwitchTopLevelViewsAndKeepTheirState() {
        var e = explorer()
        press(&e, .moveDown, .moveDown, .sort, .open)
        #expect(e.state.screens.count == 2)
        press(&e, .alliances)
        #expect(e.state.screens == [.alliances])
        press(&e, .timeline)
        #expect(e.state.screens == [.timeline(company: nil)])
        press(&e, .chips)
        #expect(e.state.screens == [.chips])
        press(&e, .network)
        let selected = (e.state.parked[.companies]?.selectedID?.record)!
        #expect(e.state.screens == [.network(selected)], "5: the network of the company selected in Companies")
        press(&e, .companies)
        #expect(e.state.screens == [.companies])
        #expect(e.state.selectedID == "amazon-web-services" || e.state.selectedID == "aws")
        let companies = e.state.stack[0].screen as? CompaniesScreen
        #expect(companies?.sort == .alliances)
    }

    /// The Chips screen lists how companies get a chip: a supply deal, a cloud contract, shared infrastructure. An
    /// investment that names a chip is not one: Amazon's ~$10B for OpenAI names Trainium, whose supply is a deal of its
    /// own (in talks), so Trainium for OpenAI was listed twice, once as the investment (a reader's trial).
    @Test func theChipsScreenListsNoInvestmentAsAWayToGetAChip() {
        let vendors = ChipsScreen.vendors(bundledCatalog)
        let uses = vendors.flatMap(\.uses)
        #expect(!uses.isEmpty)
        #expect(uses.allSatisfy { $0.alliance.kind != .investment && $0.alliance.kind != .acquisition })
        let aws = vendors.first { $0.id == "aws" }
        let trainiumForOpenAI = aws?.uses.filter { $0.chip == "Trainium" && $0.buyers.contains("openai") } ?? []
        #expect(trainiumForOpenAI.map(\.alliance.kind) == [.chipSupply], "\(trainiumForOpenAI.map(\.alliance.id))")
    }

    /// A chip's buyer in a deal not agreed says so where the Status column does not fit (40 columns), as the
    /// Alliances list does: `Trainium │ OpenAI` (in talks) read as a settled buyer (a reader's trial).
    @Test func aChipsBuyerNotAgreedSaysSoWhenTheStatusIsHidden() {
        let ctx = explorer().state.context()!
        let aws = ChipsScreen.vendors(bundledCatalog).first { $0.id == "aws" }!
        func line(_ width: Int, _ chip: String, _ buyer: String) -> String? {
            ChipsScreen.vendor(aws, ctx, width: width).flatMap(\.lines).map(\.text).first {
                $0.contains(chip + " ") && $0.contains(buyer)
            }
        }
        let narrow = line(38, "Trainium", "OpenAI")
        #expect(narrow?.contains("[in talks] OpenAI") == true, "\(narrow ?? "no line")")
        #expect(line(38, "Trainium2", "Apple")?.contains("[") == false, "announced: agreed")
        let wide = line(100, "Trainium", "OpenAI")
        #expect(wide?.contains("in talks") == true && wide?.contains("[") == false, "\(wide ?? "no line")")
    }

    /// A list sorted by a column that a narrower terminal hides keeps its order, and the status line says the column
    /// is hidden: the rows looked in no order, the status saying `sort:money in` of a column not there.
    @Test func aSortByAColumnTheWidthHidesSaysSo() {
        var e = explorer(size: Size(width: 80, height: 24))
        press(&e, .sort, .sort)
        let sort = (e.state.stack[0].screen as? CompaniesScreen)?.sort
        #expect(sort == .moneyIn)
        let wide = e.render(Size(width: 80, height: 24)).text(row: 23)
        #expect(wide.contains("sort:" + (sort?.label ?? "?")) && !wide.contains("(hidden)"), "\(wide)")
        deliver(&e, .resize(Size(width: 40, height: 12)))
        let narrow = e.render(Size(width: 40, height: 12)).text(row: 11)
        #expect(narrow.contains("s sort:money in (hidden)"), "\(narrow)")
        #expect((e.state.stack[0].screen as? CompaniesScreen)?.sort == sort, "the order holds")
    }

    @Test func selectionStaysInBounds() {
        var e = explorer()
        press(&e, "kkk<up>")
        #expect(e.state.selectedIndex == 0)
        press(&e, "G")
        let last = bundledCatalog.dataset.companies.count - 1
        #expect(e.state.selectedIndex == last)
        press(&e, "jjj<down>")
        #expect(e.state.selectedIndex == last)
        press(&e, "<home>")
        #expect(e.state.selectedIndex == 0)
        press(&e, "<end>")
        #expect(e.state.selectedIndex == last)
        press(&e, "g")
        #expect(e.state.selectedIndex == 0)
        #expect(e.state.scrollOffset == 0)
    }

    @Test func pagingMovesAPageAndKeepsTheSelectionVisible() {
        // 80x24: 19 list rows under the column headings (and above the selected company's money); a page keeps one
        // row of overlap.
        var e = explorer()
        press(&e, "<pgdn>")
        #expect(e.state.selectedIndex == 18)
        #expect(e.state.scrollOffset == 9, "the view moves a page too, as far as it can")
        press(&e, "<pgdn>")
        #expect(e.state.selectedIndex == 27)
        #expect(e.state.scrollOffset == 9)
        press(&e, "<pgup>")
        #expect(e.state.selectedIndex == 9)
        press(&e, "<pgup>")
        #expect(e.state.selectedIndex == 0)
        #expect(e.state.scrollOffset == 0)
        press(&e, "<C-f>")
        #expect(e.state.selectedIndex == 18)
        press(&e, "<C-b> ")
        #expect(e.state.selectedIndex == 18)
    }

    @Test func sortCyclesAndKeepsTheSelectedCompany() {
        // At 200 columns every column shows beside the preview, so `s` goes through every sort.
        var e = explorer(size: Size(width: 200, height: 30))
        select(&e, "anthropic")
        var seen: [CompaniesScreen.Sort] = []
        for _ in CompaniesScreen.Sort.allCases {
            press(&e, .sort)
            seen.append((e.state.stack[0].screen as! CompaniesScreen).sort)
            #expect(e.state.selectedID == "anthropic")
        }
        #expect(seen == [.alliances, .partners, .moneyIn, .moneyOut, .lastActivity, .kind, .name])
        press(&e, .sort)  // by alliances: OpenAI (9) first
        press(&e, .top)
        #expect(e.state.selectedID == "openai")
        // At 80 columns Last is hidden: `s` never sorts by a column that is not on screen.
        var narrow = explorer(size: Size(width: 80, height: 24))
        var shown: [CompaniesScreen.Sort] = []
        for _ in CompaniesScreen.Sort.allCases {
            press(&narrow, .sort)
            shown.append((narrow.state.stack[0].screen as! CompaniesScreen).sort)
        }
        #expect(!shown.contains(.lastActivity))
        #expect(shown.prefix(5) == [.alliances, .moneyIn, .moneyOut, .kind, .name])
        #expect(narrow.render(Size(width: 80, height: 24)).text(row: 1).contains("Money out▼") == false)
    }

    @Test func filterCyclesThroughThePresentKinds() {
        var e = explorer()
        press(&e, .alliances)
        func filter() -> AllianceKind? { (e.state.stack[0].screen as! AlliancesScreen).filter }
        #expect(filter() == nil)
        press(&e, .filter)
        #expect(filter() == .investment)
        let present = Set(bundledCatalog.dataset.alliances.map(\.kind))
        var visited: [AllianceKind] = [.investment]
        while true {
            press(&e, .filter)
            guard let k = filter() else { break }
            visited.append(k)
        }
        #expect(Set(visited) == present)
        press(&e, .filterBack)
        #expect(filter() == visited.last)
        // Every row shown has the filtered kind.
        press(&e, .bottom)
        #expect(bundledCatalog.alliance(e.state.selectedID ?? "")?.kind == visited.last)
    }

    @Test func searchTypingOpeningAndStepping() {
        var e = explorer()
        press(&e, .search)
        #expect(e.state.top == .search)
        #expect((e.state.stack.last?.screen as? SearchScreen)?.editing == true)
        press(&e, "anthrx")
        press(&e, .promptDelete)
        press(&e, "opic")
        let search = e.state.stack.last?.screen as! SearchScreen
        #expect(search.query == "anthropic")
        #expect(search.results.contains { $0.kind == .company && $0.id == "anthropic" })
        #expect(e.state.selectedID == "company/anthropic")
        // q and digits are text in the prompt.
        press(&e, .promptOpen)
        #expect(e.state.screens == [.companies, .search, .company("anthropic")])
        #expect(e.state.lastSearch == "anthropic")
        press(&e, .back)
        #expect(e.state.top == .search)
        #expect((e.state.stack.last?.screen as? SearchScreen)?.editing == false)
        press(&e, .nextMatch)
        #expect(e.state.selectedID == "company/amazon")
        press(&e, .previousMatch)
        #expect(e.state.selectedID == "company/anthropic")
        press(&e, .previousMatch)  // wraps to the last result
        #expect(e.state.note?.text.contains("wrapped") == true)
        press(&e, .back)
        #expect(e.state.screens == [.companies])
        // n/N on a list: the next row that matches the last search.
        press(&e, .top)
        press(&e, .nextMatch)
        #expect(e.state.selectedID == "anthropic")
        press(&e, .nextMatch)
        #expect(e.state.selectedID == "anthropic")
        #expect(e.state.note?.text.contains("wrapped") == true)
    }

    @Test func promptEditingKeys() {
        var e = explorer()
        press(&e, "/q1 nvidia<C-w>")
        func query() -> String { (e.state.stack.last?.screen as! SearchScreen).query }
        #expect(query() == "q1 ")
        press(&e, "<C-u>")
        #expect(query() == "")
        press(&e, "ac<left>b<home>x<end>y<del>")
        #expect(query() == "xabcy")
        press(&e, "<left><del>")
        #expect(query() == "xabc")
        // Backspace on an empty prompt leaves it open: held down to clear a query, it closed the prompt, and the
        // letters typed next ran as commands (`e` opened an edit form).
        press(&e, "<C-u><bs><bs>")
        #expect(e.state.screens == [.companies, .search], "Backspace on an empty prompt keeps it")
        press(&e, "e")
        #expect(query() == "e", "a letter after it is typed, not run")
        press(&e, "<esc>")
        #expect(e.state.screens == [.companies])
        press(&e, "/abc<esc>")
        #expect(e.state.screens == [.companies], "Esc cancels")
        #expect(e.state.lastSearch == nil)
    }

    @Test func queryErrorIsAMessageNotACrash() {
        var e = explorer()
        press(&e, .search)
        press(&e, "kind:merger")
        let search = e.state.stack.last?.screen as! SearchScreen
        #expect(search.error?.contains("unknown kind") == true)
        #expect(search.results.isEmpty)
        press(&e, .promptOpen)
        #expect(e.state.top == .search)
        #expect(e.state.note?.isError == true)
        #expect(e.render(Size(width: 80, height: 24)).text.contains("unknown kind"))
        for q in ["amount:>", "year:20x5", "with:nobody", "\"unclosed", "type:x|y", ":", "-"] {
            var f = explorer()
            press(&f, .search)
            press(&f, q.replacingOccurrences(of: "<", with: "<lt>"))
            _ = f.render(Size(width: 40, height: 12))
        }
    }

    @Test func searchEnterOpensOtherKinds() {
        var e = explorer()
        press(&e, .search)
        press(&e, "amy webb")
        press(&e, .promptResults)
        #expect((e.state.stack.last?.screen as? SearchScreen)?.editing == false)
        select(&e, "person/amy-webb")
        press(&e, .open)
        #expect(e.state.top == .person("amy-webb"))
        #expect(e.render(Size(width: 80, height: 24)).text.contains("Futurist"))
    }

    @Test func slashFromADeepScreenAndTabBackToThePrompt() {
        var e = explorer()
        press(&e, .alliances, .open, .search)
        press(&e, "openai")
        press(&e, .promptResults)
        #expect(e.state.screens.count == 3)
        press(&e, "<tab>")
        #expect((e.state.stack.last?.screen as? SearchScreen)?.editing == true)
        press(&e, "/")  // typed, not a new search
        #expect((e.state.stack.last?.screen as? SearchScreen)?.query == "openai/")
    }

    @Test func tOpensACompanysTimeline() {
        var e = explorer()
        select(&e, "anthropic")
        press(&e, .companyTimeline)
        #expect(e.state.top == .timeline(company: "anthropic"))
        press(&e, .back, .open, .companyTimeline)
        #expect(e.state.screens == [.companies, .company("anthropic"), .timeline(company: "anthropic")])
        let text = e.render(Size(width: 80, height: 24)).text
        #expect(text.contains("Timeline of Anthropic"))
        #expect(!text.contains("Applezon"))
    }

    @Test func partnersAndPartiesJump() {
        var e = explorer()
        select(&e, "anthropic")
        press(&e, .open)
        select(&e, "partner/amazon")
        press(&e, .open)
        #expect(e.state.top == .company("amazon"))
        press(&e, .alliances)
        select(&e, "aws-openai-cloud-2025")
        press(&e, .open)
        select(&e, "party/aws")
        press(&e, .open)
        #expect(e.state.screens == [.alliances, .alliance("aws-openai-cloud-2025"), .company("aws")])
    }

    @Test func helpToggles() {
        var e = explorer()
        press(&e, "?")
        #expect(e.state.top == .help)
        press(&e, "?")
        #expect(e.state.screens == [.companies])
        press(&e, "<F1>q")
        #expect(e.state.screens == [.companies])
    }

    @Test func resizeKeepsTheSelectionOnScreen() {
        var e = explorer()
        press(&e, .bottom)
        _ = e.update(.resize(Size(width: 40, height: 12)))
        #expect(e.state.size == Size(width: 40, height: 12))
        let height = 12 - 3
        #expect(e.state.selectedIndex - e.state.scrollOffset < height)
        #expect(e.state.selectedIndex >= e.state.scrollOffset)
        let text = e.render(Size(width: 40, height: 12)).text
        #expect(text.contains("TSMC"))
        _ = e.update(.resize(Size(width: 10, height: 3)))
        #expect(e.render(Size(width: 10, height: 3)).text.contains("small"))
        _ = e.update(.resize(Size(width: 120, height: 40)))
        #expect(e.state.selectedID == "tsmc")
    }

    @Test func mouseSelectsOpensAndScrolls() {
        var e = explorer()
        let grid = e.render(Size(width: 80, height: 24))
        let y = row(containing: "Anthropic", in: grid)!
        _ = e.update(.mouse(Mouse(.press, x: 5, y: y)))
        #expect(e.state.selectedID == "anthropic")
        #expect(e.state.top == .companies)
        _ = e.update(.mouse(Mouse(.wheelDown, x: 5, y: y)))
        #expect(e.state.selectedIndex == 7)
        _ = e.update(.mouse(Mouse(.wheelUp, x: 5, y: y)))
        #expect(e.state.selectedID == "anthropic")
        _ = e.update(.mouse(Mouse(.doubleClick, x: 5, y: y)))
        #expect(e.state.top == .company("anthropic"))
        // Clicking the first crumb goes back to it.
        _ = e.update(.mouse(Mouse(.press, x: 2, y: 0)))
        #expect(e.state.screens == [.companies])
        // Clicks on the column headings or the status line do nothing.
        _ = e.update(.mouse(Mouse(.press, x: 5, y: 1)))
        _ = e.update(.mouse(Mouse(.press, x: 5, y: 23)))
        #expect(e.state.selectedID == "anthropic")
    }

    @Test func loadingThenLoaded() {
        var e = Explorer(catalog: nil, datasetName: "data.json")
        _ = e.update(.loadProgress(0.5))
        #expect(e.state.progress == 0.5)
        _ = e.update(.loadProgress(7))
        #expect(e.state.progress == 1)
        #expect(press(&e, "j") == [.none])
        #expect(e.render(Size(width: 80, height: 24)).text.contains("Loading data.json"))
        _ = e.update(.dataLoaded(.loaded(bundledCatalog, name: "bundled")))
        #expect(e.state.screens == [.companies])
        #expect(e.state.datasetName == "bundled")
        var failed = Explorer(catalog: nil, datasetName: "bad.json")
        _ = failed.update(.dataLoaded(.failed(DatasetError([]))))
        #expect(failed.render(Size(width: 80, height: 24)).text.contains("Could not load"))
        #expect(failed.update(.key(.character("q"))) == .quit)
    }

    @Test func pureUpdate() {
        let before = explorer().state
        let (after, command) = AppState.update(before, .key(.character("j")))
        #expect(command == .none)
        #expect(before.selectedIndex == 0)
        #expect(after.selectedIndex == 1)
        #expect(before.render(Size(width: 80, height: 24)) == before.render(Size(width: 80, height: 24)))
        _ = AppState.update(before, .tick)
    }

    @Test func statusLineShowsTheKeysOfThisScreen() {
        var e = explorer()
        func status() -> String { e.render(Size(width: 80, height: 24)).text(row: 23) }
        #expect(status().contains("s sort:name"))
        #expect(status().contains("q quit"))
        #expect(!status().contains("Esc back"))
        press(&e, .sort)
        #expect(status().contains("s sort:deals"))
        press(&e, .alliances)
        #expect(status().contains("f kind:all"))
        press(&e, .open)
        #expect(status().contains("Esc back"))
        #expect(!status().contains("sort"))
        #expect(!status().contains("q quit"))
    }

    @Test func selectedRowIsReversedAcrossTheWidth() {
        let e = explorer()
        let grid = e.render(Size(width: 80, height: 24))
        let y = row(containing: "Alibaba", in: grid)!
        for x in 0..<80 { #expect(grid[x, y].style.reverse) }
        for x in 0..<80 { #expect(!grid[x, y + 1].style.reverse) }
    }

    @Test func matchesAreHighlighted() {
        var e = explorer()
        press(&e, .search)
        press(&e, "anthropic")
        let grid = e.render(Size(width: 80, height: 24))
        let y = row(containing: "Anthropic", in: grid.withoutPrompt)!
        let matched = (0..<80).filter { grid[$0, y].style.role == .match }
        #expect(matched.count == "Anthropic".count)
    }
}

extension Grid {
    /// The grid with the first two rows (breadcrumb and prompt) blanked, for finding result rows.
    var withoutPrompt: Grid {
        var g = self
        g.fill(x: 0, y: 0, width: size.width)
        g.fill(x: 0, y: 1, width: size.width)
        return g
    }
}

@Suite("update: the Network view")
struct NetworkUpdateTests {
    func network(_ e: Explorer) -> NetworkScreen? { e.state.stack.last?.screen as? NetworkScreen }
    func text(_ e: Explorer) -> String { e.render(Size(width: 80, height: 24)).text }

    @Test func fiveOpensTheNetworkOfTheSelectedCompany() {
        var e = explorer()
        select(&e, "anthropic")
        press(&e, .network)
        #expect(e.state.screens == [.network("anthropic")])
        #expect(text(e).contains("Network of Anthropic"))
        #expect(text(e).contains("Investment (3)"))
        #expect(text(e).contains("units apart"))
        // 5 again stays; from another view it comes back with its state.
        press(&e, .mergeUnits, .network)
        #expect(e.state.screens == [.network("anthropic")])
        press(&e, .alliances, .network)
        #expect(network(e)?.merge == true)
        // From a company screen: that company, and the merge setting is kept.
        press(&e, .companies)
        select(&e, "openai")
        press(&e, .open, .network)
        #expect(e.state.screens == [.network("openai")])
        #expect(network(e)?.merge == true)
    }

    @Test func wOnACompanyOpensItsNetwork() {
        var e = explorer()
        select(&e, "nvidia")
        press(&e, .open, .companyNetwork)
        #expect(e.state.screens == [.companies, .company("nvidia"), .network("nvidia")])
        press(&e, .back)
        #expect(e.state.top == .company("nvidia"))
        press(&e, .back, .companyNetwork)
        #expect(e.state.screens == [.companies, .network("nvidia")], "w on Companies: the selected company")
    }

    @Test func enterRecentresAndOOpensTheCompany() {
        var e = explorer()
        select(&e, "anthropic")
        press(&e, .network)
        #expect(e.state.selectedID == "tie/amazon", "the first partner is selected")
        select(&e, "tie/microsoft")
        press(&e, .open)
        #expect(e.state.screens == [.network("anthropic"), .network("microsoft")])
        #expect(text(e).contains("Network of Anthropic › Network of Microsoft"))
        press(&e, .back)
        #expect(e.state.selectedID == "tie/microsoft")
        press(&e, .openCompany)
        #expect(e.state.screens == [.network("anthropic"), .company("microsoft")])
        // A two-hop row re-centres too.
        press(&e, .back)
        select(&e, "tie/nvidia/tsmc")
        press(&e, .open)
        #expect(e.state.top == .network("tsmc"))
    }

    @Test func mTogglesMergingUnits() {
        var e = explorer()
        select(&e, "anthropic")
        press(&e, .network)
        let before = e.state.topItems()!.items.compactMap(\.id)
        #expect(before.contains(.tie("aws", via: nil)))
        press(&e, .mergeUnits)
        #expect(network(e)?.merge == true)
        #expect(text(e).contains("units merged"))
        #expect(text(e).contains("m units:merged"))
        let after = e.state.topItems()!.items.compactMap(\.id)
        #expect(!after.contains(.tie("aws", via: nil)), "AWS is drawn as Amazon")
        #expect(after.contains(.tie("amazon", via: nil)))
        press(&e, .mergeUnits)
        #expect(network(e)?.merge == false)
        #expect(text(e).contains("units apart"))
    }

    @Test func pAsksForACompanyAndShowsThePaths() {
        var e = explorer()
        select(&e, "apple")
        press(&e, .network, .askPath)
        #expect(e.state.stack.last?.screen.context == .companyPrompt)
        #expect(text(e).contains("Path from Apple to:"))
        #expect(e.render(Size(width: 80, height: 24)).text(row: 23).contains("Enter paths"))
        // Printable keys are text, and the search prompt's editing keys work.
        press(&e, "qc5m")
        press(&e, .promptClear)
        press(&e, "opena")
        press(&e, .promptLeft, .promptLeft)
        press(&e, "x")
        press(&e, .promptDeleteForward, .promptEnd)
        press(&e, "i")
        #expect(network(e)?.prompt?.text == "opexai")
        press(&e, .promptDeleteWord)
        press(&e, "openai")
        press(&e, .promptPaths)
        #expect(e.state.screens == [.network("apple"), .paths(from: "apple", to: "openai")])
        let paths =
            (e.state.stack.last?.screen as? PathsScreen).map { s in
                e.state.networks.network(bundledCatalog, merge: s.merge).shortestPaths(from: s.from, to: s.to)
            } ?? []
        #expect(!paths.isEmpty)
        #expect(paths.allSatisfy { $0.count == 2 }, "two steps on the bundled data")
        let screen = text(e)
        // The path lists the companies in order, each step with the way its money goes.
        #expect(screen.contains("Apple — Amazon Web Services — OpenAI"))
        #expect(screen.contains("1. Apple → Amazon Web Services"))
        #expect(screen.contains("2. Amazon Web Services ← OpenAI"), "OpenAI pays AWS")
        #expect(screen.contains("[in talks]"))
        #expect(screen.contains("2 steps"))
        // Enter on a step opens its alliance.
        select(&e, "path/0/1/aws-openai-cloud-2025")
        press(&e, .open)
        #expect(e.state.top == .alliance("aws-openai-cloud-2025"))
        press(&e, .back, .back)
        #expect(e.state.screens == [.network("apple")])
        #expect(network(e)?.prompt == nil, "the prompt closed when the paths opened")
    }

    /// Two companies of the same name (common in large exports): the prompt says their ids, and an id chooses one.
    @Test func companiesOfTheSameNameAreToldApartByTheirIDs() throws {
        var dataset = bundledCatalog.dataset
        var twin = try #require(bundledCatalog.company("openai"))
        twin.id = "openai-foundation"
        twin.aliases = []
        dataset.companies.append(twin)
        let catalog = Catalog(dataset)
        var e = explorer(catalog)
        select(&e, "apple")
        press(&e, .network, .askPath)
        press(&e, "OpenAI")
        press(&e, .promptPaths)
        #expect(e.state.note?.isError == true)
        #expect(
            e.state.note?.text
                == "several companies match \"OpenAI\": OpenAI (openai), OpenAI (openai-foundation)")
        #expect(network(e)?.prompt?.text == "OpenAI")
        press(&e, .promptClear)
        press(&e, "openai-foundation")
        press(&e, .promptPaths)
        #expect(e.state.screens == [.network("apple"), .paths(from: "apple", to: "openai-foundation")])
    }

    @Test func unknownCompaniesAreAnErrorThatKeepsThePrompt() {
        var e = explorer()
        select(&e, "apple")
        press(&e, .network, .askPath)
        press(&e, "opnai")
        press(&e, .promptPaths)
        #expect(e.state.note?.isError == true)
        #expect(e.state.note?.text.contains("no company called \"opnai\"; did you mean OpenAI") == true)
        #expect(network(e)?.prompt?.text == "opnai")
        #expect(text(e).contains("did you mean OpenAI"))
        press(&e, .promptClear)
        press(&e, "apple")
        press(&e, .promptPaths)
        #expect(e.state.note?.text.contains("centre") == true)
        press(&e, .promptCancel)
        #expect(e.state.screens == [.network("apple")])
        #expect(network(e)?.prompt == nil)
        press(&e, .askPath, .promptDelete)
        #expect(network(e)?.prompt?.text == "", "Backspace on an empty prompt keeps it")
        press(&e, .promptCancel)
        press(&e, .askPath, .promptPaths)
        #expect(network(e)?.prompt != nil, "Enter on an empty prompt keeps it open")
    }

    @Test func cListsTheLoopsAndEnterWalksOne() {
        var e = explorer()
        select(&e, "anthropic")
        press(&e, .network, .loops)
        #expect(e.state.screens == [.network("anthropic"), .loops])
        let ids = e.state.topItems()!.items.compactMap(\.id)
        #expect(ids.contains(.loop(["anthropic", "microsoft"])))
        #expect(text(e).contains("Anthropic → Microsoft → Anthropic"))
        select(&e, "loop/anthropic/microsoft")
        press(&e, .open)
        #expect(e.state.top == .loop(["anthropic", "microsoft"]))
        // $30B of Azure compute one way, up to $5B the other: no agreed money goes all the way round.
        #expect(text(e).contains("steps agreed: $30B"))
        #expect(text(e).contains("round: unknown"))
        #expect(text(e).contains("more not agreed or not exact"))
        #expect(text(e).contains("≤$5B"))
        // The first alliance row is selected: Enter opens it.
        press(&e, .open)
        #expect(e.state.top == .alliance("microsoft-anthropic-2025"))
        press(&e, .back, .back, .back)
        #expect(e.state.screens == [.network("anthropic")])
        press(&e, .back)
        #expect(e.state.screens == [.network("anthropic")], "Esc on a top-level view stays")
    }

    /// An amount's direction is never cut: at 40 columns `30.000 millones de dólares  Anthropic …` did not say which
    /// way the money goes; it goes on a line of its own when it does not fit beside the amount.
    @Test func anAmountsDirectionIsWholeAtAnyWidth() {
        for size in [Size(width: 40, height: 12), Size(width: 120, height: 40)] {
            var e = explorer(size: size, language: .es)
            press(&e, .alliances)
            select(&e, "microsoft-anthropic-2025")
            press(&e, .open)
            #expect(e.state.top == .alliance("microsoft-anthropic-2025"))
            let lines = e.state.topItems()!.items.flatMap(\.lines).map(\.text)
            for direction in ["Microsoft → Anthropic", "Anthropic → Microsoft"] {
                #expect(lines.contains { $0.hasSuffix(direction) }, "\(size): \(direction)\n\(lines)")
            }
            // A direction beside its amount only when it fits there whole.
            for line in lines where line.contains("dólares  ") {
                #expect(TextWidth.of(line) <= size.width, "\(size): \(line)")
            }
            // Wide enough, beside its amount.
            if size.width == 120 {
                #expect(lines.contains { $0.contains("dólares  Anthropic → Microsoft") }, "\(lines)")
            }
        }
    }

    /// A loop's route and money are reached at any size: at 40x12 they were scrolled off above the first step, and
    /// neither `g` nor `k` brought them back (a resize to 70x20 lost them too).
    @Test func aLoopsRouteAndMoneyAreReachedAtAnySize() {
        for size in [Size(width: 40, height: 12), Size(width: 70, height: 20), Size(width: 80, height: 24)] {
            var e = explorer(size: size)
            select(&e, "anthropic")
            press(&e, .network, .mergeUnits, .loops)
            select(&e, "loop/amazon/anthropic/microsoft/openai")
            press(&e, .open)
            #expect(e.state.top == .loop(["amazon", "anthropic", "microsoft", "openai"]))
            press(&e, .top)
            let top = e.render(size).text
            #expect(top.contains("Amazon → Anthropic"), "\(size): the route\n\(top)")
            #expect(top.contains("steps agreed:"), "\(size): the loop's money\n\(top)")
            // Down to a step and back up: the route again.
            press(&e, .moveDown, .moveDown, .moveUp, .moveUp)
            #expect(e.render(size).text.contains("Amazon → Anthropic"), "\(size)")
            // Enter on the route opens nothing; on a step's alliance it opens the alliance.
            press(&e, .open)
            #expect(e.state.top == .loop(["amazon", "anthropic", "microsoft", "openai"]))
        }
    }

    @Test func undisclosedStepsAreNeverZero() {
        var e = explorer()
        select(&e, "anthropic")
        press(&e, .network, .mergeUnits, .loops)
        let all = e.render(Size(width: 120, height: 40)).text
        #expect(all.contains("units merged"))
        #expect(all.contains("Amazon → Anthropic → Amazon"))
        #expect(all.contains("round: unknown"))
        #expect(all.contains("Circular financing in the whole dataset"), "the loops are global, and say so")
        #expect(!all.contains("$0"))
        // m on the loops list toggles too.
        press(&e, .mergeUnits)
        #expect(!e.render(Size(width: 120, height: 40)).text.contains("Amazon → Anthropic → Amazon"))
        select(&e, "loop/anthropic/microsoft")
        press(&e, .mergeUnits)
        select(&e, "loop/amazon/anthropic")
        press(&e, .open)
        let walk = text(e)
        #expect(walk.contains("Anthropic → Amazon  undisclosed"))
        #expect(walk.contains("round: unknown"))
    }
}

/// The help screen reads the key table's availability on the screen it was opened from.
@Suite("Help and availability")
struct HelpAvailabilityTests {
    @Test func commandsThatDoNothingWhereHelpWasOpenedAreDim() throws {
        let size = Size(width: 100, height: 60)
        var e = explorer(size: size)
        // No search yet: `n` says "No search yet" on Companies, so help draws it dim.
        press(&e, .help)
        let before = e.render(size)
        let y = try #require(row(containing: "Next match of the last search", in: before))
        #expect(before.text(row: y).contains("Next match"))
        #expect((0..<size.width).allSatisfy { before[$0, y].style.role == .dim || before[$0, y].grapheme == " " })
        // Opening a company works on Companies: drawn as usual.
        let open = try #require(row(containing: "Open the selected company's network", in: before))
        #expect((0..<size.width).contains { before[$0, open].style.role != .dim && before[$0, open].grapheme != " " })
        // After a search, `n` applies on Companies: help draws it as usual.
        press(&e, .back)
        press(&e, "/nvidia<enter>")
        while e.state.stack.count > 1 { press(&e, .back) }
        if e.state.stack.last?.screen.key != .companies { press(&e, .companies) }
        #expect(e.state.stack.last?.screen.key == .companies)
        press(&e, .help)
        let after = e.render(size)
        let z = try #require(row(containing: "Next match of the last search", in: after))
        #expect((0..<size.width).contains { after[$0, z].style.role != .dim && after[$0, z].grapheme != " " })
    }
}
