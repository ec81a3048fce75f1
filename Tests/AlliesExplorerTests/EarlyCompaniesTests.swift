@testable import AlliesCore
import AlliesText
import Foundation
import Testing

@testable import AlliesExplorer

/// Issue #17: while a large dataset is read whole, the explorer draws the Companies list read in place from the
/// store. It must be the Companies screen's own list, row for row, as the keys move and sort it; everything else
/// says it waits; and what was done on it carries over when the dataset arrives.
@Suite struct EarlyCompaniesTests {
    /// `dataset` in a file with its store, opened both ways: its Companies list read in place, and whole.
    static func stored(_ dataset: Dataset, damage: ((inout [UInt8]) -> Void)? = nil) throws -> (
        list: StoredCompanyList, catalog: Catalog
    ) {
        let folder = NSTemporaryDirectory() + "allies-stored-list-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // The store stays mapped after its file is removed.
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/data.json", cache = folder + "/cache"
        try dataset.canonicalJSON().write(toFile: file, atomically: false, encoding: .utf8)
        let json = try OpenedDataset.open(file, cacheDirectory: cache).get()
        #expect(json.saveSnapshot(path: file, index: SearchIndex(json.catalog), cacheDirectory: cache) == nil)
        let whole = try OpenedDataset.open(file, cacheDirectory: cache).get()
        #expect(whole.catalog.storedOrders != nil)
        if let damage, let path = DatasetCache.snapshotPath(for: file, in: cache),
            var bytes = FileManager.default.contents(atPath: path).map(Array.init)
        {
            damage(&bytes)
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        }
        let list = try DatasetCache.openCompanyList(source: file, directory: cache).get()
        return (list, whole.catalog)
    }

    static let bundled = try! stored(bundledCatalog.dataset)
    static let wide = try! stored(wideCatalog.dataset)

    /// An explorer still reading its dataset, showing the store's list, 42% read.
    func reading(_ list: any EarlyCompanyList, size: Size, language: Language = .en) -> Explorer {
        var e = Explorer(catalog: nil, datasetName: "test", language: language)
        deliver(&e, .terminal(TerminalCapabilities(unicode: true, color: true)))
        deliver(&e, .resize(size))
        deliver(&e, .earlyCompanies(list))
        deliver(&e, .loadProgress(0.42))
        return e
    }

    /// The list's part of the screen, the title line included: each row's text and which rows are selected.
    func listArea(_ grid: Grid, width: Int) -> [String] {
        (0..<(grid.size.height - 1)).map { y in
            let cells = (0..<width).map { grid[$0, y] }
            return (cells.contains { $0.style.reverse } ? "> " : "  ") + grid.text(row: y).prefixByWidth(width)
        }
    }

    @Test(arguments: [Size(width: 80, height: 24), Size(width: 40, height: 12), Size(width: 120, height: 40)])
    func theStoresListIsTheCompaniesScreensList(_ size: Size) throws {
        for (list, catalog) in [Self.bundled, Self.wide] {
            var stored = reading(list, size: size)
            var whole = explorer(catalog, size: size)
            let width = try #require(whole.state.topItems()).layout.listWidth
            #expect(listArea(stored.render(size), width: width) == listArea(whole.render(size), width: width))
            var sorts = 0
            for key in ["j", "j", "j", "s", "j", "<pgdn>", "s", "G", "k", "s", "g", "s", "j", "s", "s", "s"] {
                deliver(&stored, keys(key)[0])
                deliver(&whole, keys(key)[0])
                // The store does not keep the order by kind (it depends on the language): the list skips it.
                if key == "s", let screen = whole.state.stack.last?.screen as? CompaniesScreen, screen.sort == .kind {
                    press(&whole, .sort)
                }
                if key == "s" { sorts += 1 }
                #expect(
                    listArea(stored.render(size), width: width) == listArea(whole.render(size), width: width),
                    "after \(key) at \(size.width)x\(size.height)")
                #expect(
                    stored.state.earlyCompanies?.sort == (whole.state.stack.last?.screen as? CompaniesScreen)?.sort)
            }
            #expect(sorts == 7 && stored.state.catalog == nil)
        }
    }

    @Test(arguments: [Size(width: 80, height: 24), Size(width: 40, height: 12), Size(width: 120, height: 40)])
    func goldenScreens(_ size: Size) {
        var e = reading(Self.wide.list, size: size)
        Golden.check("stored-companies-cjk-\(size.width)x\(size.height)", e.render(size))
        deliver(&e, keys("j")[0])
        deliver(&e, keys("j")[0])
        deliver(&e, keys("/")[0])
        Golden.check("stored-companies-cjk-waiting-\(size.width)x\(size.height)", e.render(size))
        if size.width == 120 {
            let es = reading(Self.bundled.list, size: size, language: .es)
            Golden.check("stored-companies-es-120x40", es.render(size))
        }
    }

    /// A large JSON file without a store: its companies, given as soon as the decoder has read their list, are the
    /// Companies screen's by name, row for row (name and kind; `…` for the deals and figures not counted yet); the
    /// list has one order, so `s` says it waits and the hints leave it out; Enter carries over.
    @Test(arguments: [Size(width: 80, height: 24), Size(width: 40, height: 12), Size(width: 120, height: 40)])
    func theFilesCompaniesAreTheCompaniesListByNameBeforeTheirDeals(_ size: Size) throws {
        for catalog in [bundledCatalog, wideCatalog] {
            var early = reading(ReadCompanyList(catalog.dataset.companies, path: "/data/big.json"), size: size)
            var whole = explorer(catalog, size: size)
            let width = try #require(whole.state.topItems()).layout.listWidth
            for key in ["", "j", "j", "<pgdn>", "G", "k", "g", "j"] {
                if !key.isEmpty {
                    deliver(&early, keys(key)[0])
                    deliver(&whole, keys(key)[0])
                }
                let a = listArea(early.render(size), width: width), b = listArea(whole.render(size), width: width)
                #expect(a.count == b.count)
                // Under the list (80×24), the selected company's money in full: `…` until its figures are read.
                let footer = try #require(whole.state.topItems()).layout.footerHeight
                for (x, y) in zip(a.suffix(footer), b.suffix(footer)) {
                    #expect(x.prefix(12) == y.prefix(12) && x.contains("…"), "\(x)|\(y)")
                }
                for (x, y) in zip(a.dropLast(footer), b.dropLast(footer)).dropFirst(2)
                where !y.trimmingCharacters(in: .whitespaces).isEmpty {
                    // The name (and the selection mark) as the Companies screen has it; no count, no figure.
                    #expect(x.split(separator: "│").first == y.split(separator: "│").first, "\(x)|\(y)")
                    #expect(x.contains("…"), "\(x)")
                }
                #expect(early.state.earlyCompanies?.selectedCompany?.id == whole.state.selectedID, "after \(key)")
            }
            let screen = early.render(size)
            #expect(screen.text.contains("big.json"), "what is being read: \(screen.text)")
            #expect(!screen.text(row: size.height - 1).contains("sort"), "\(screen.text(row: size.height - 1))")
            deliver(&early, keys("s")[0])
            #expect(early.state.note?.text == "Available once the dataset is read")
            #expect(early.state.earlyCompanies?.sort == .name)
            deliver(&early, keys("<enter>")[0])
            let chosen = try #require(early.state.earlyCompanies?.selectedCompany)
            deliver(&early, .dataLoaded(.loaded(catalog, name: "test")))
            #expect(early.state.screens == [.companies, .company(chosen.id)])
        }
        var e = reading(ReadCompanyList(wideCatalog.dataset.companies, path: "/data/grande.json"), size: size)
        Golden.check("read-companies-cjk-\(size.width)x\(size.height)", e.render(size))
        if size.width == 120 {
            e = reading(
                ReadCompanyList(bundledCatalog.dataset.companies, path: "/data/grande.json"), size: size, language: .es)
            Golden.check("read-companies-es-120x40", e.render(size))
        }
    }

    /// Sort, move and Enter on the store's list; when the dataset arrives, the company asked for is open, and
    /// going back shows the Companies screen in that sort with that company selected.
    @Test func whatWasDoneCarriesOverWhenTheDatasetArrives() throws {
        let size = Size(width: 80, height: 24)
        let (list, catalog) = Self.bundled
        var e = reading(list, size: size)
        for k in ["s", "j", "j", "j"] { deliver(&e, keys(k)[0]) }
        let chosen = try #require(e.state.earlyCompanies?.selectedCompany)
        #expect(e.state.earlyCompanies?.sort == .alliances)
        // A key for what needs the whole dataset says so, and does nothing else.
        deliver(&e, keys("/")[0])
        #expect(e.state.note?.text == "Available once the dataset is read")
        // A paste has no field to go into: nothing happens.
        deliver(&e, .paste("nube"))
        #expect(e.state.note == nil && e.state.earlyCompanies?.selectedCompany == chosen)
        #expect(e.state.earlyCompanies?.selectedCompany == chosen && e.state.top == nil)
        deliver(&e, keys("<enter>")[0])
        #expect(e.state.note?.text == "\(chosen.name) opens once the dataset is read")
        deliver(&e, .dataLoaded(.loaded(catalog, name: "test")))
        // The note was about waiting: it goes with the wait.
        #expect(e.state.earlyCompanies == nil && e.state.note == nil)
        #expect(e.state.screens == [.companies, .company(chosen.id)])
        press(&e, .back)
        #expect(e.state.top == .companies && e.state.selectedID == chosen.id)
        #expect((e.state.stack.last?.screen as? CompaniesScreen)?.sort == .alliances)
        // Without Enter, the Companies screen alone, the selection kept.
        var f = reading(list, size: size)
        for k in ["G", "k"] { deliver(&f, keys(k)[0]) }
        let last = try #require(f.state.earlyCompanies?.selectedCompany)
        deliver(&f, .dataLoaded(.loaded(catalog, name: "test")))
        #expect(f.state.screens == [.companies] && f.state.selectedID == last.id)
        #expect(f.state.selectedIndex == catalog.dataset.companies.count - 2)
    }

    /// The mouse on the store's list does what it does on the Companies screen: the wheel moves the selection,
    /// a press selects the row under it; a double click is Enter (remembered until the dataset arrives).
    @Test(arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40)])
    func theMouseWorksOnTheStoresList(_ size: Size) throws {
        let (list, catalog) = Self.bundled
        var stored = reading(list, size: size)
        var whole = explorer(catalog, size: size)
        let width = try #require(whole.state.topItems()).layout.listWidth
        let gestures: [Mouse] = [
            Mouse(.wheelDown, x: 5, y: 5), Mouse(.wheelDown, x: 5, y: 5), Mouse(.press, x: 3, y: 7),
            Mouse(.wheelUp, x: 5, y: 5), Mouse(.press, x: 3, y: 4),
        ]
        for m in gestures {
            deliver(&stored, .mouse(m))
            deliver(&whole, .mouse(m))
            #expect(listArea(stored.render(size), width: width) == listArea(whole.render(size), width: width), "\(m)")
        }
        deliver(&stored, .mouse(Mouse(.doubleClick, x: 3, y: 6)))
        let chosen = try #require(stored.state.earlyCompanies?.selectedCompany)
        #expect(stored.state.note?.text == "\(chosen.name) opens once the dataset is read")
        deliver(&stored, .dataLoaded(.loaded(catalog, name: "test")))
        #expect(stored.state.top == .company(chosen.id))
    }

    /// A frame decodes a bounded number of alliances for its rows' figures: a company with more deals than that
    /// shows its count and `…` (never a figure it has not read) until the dataset arrives; the others fill in over
    /// the next frames, as the dataset would show them.
    @Test func rowsOfLargeCompaniesWaitForTheirFigures() throws {
        let size = Size(width: 120, height: 40)
        let (list, catalog) = Self.bundled
        var state = reading(list, size: size).state
        state.earlyCompanies?.alliancesPerFrame = 5
        var e = Explorer(state: state)
        let whole = explorer(catalog, size: size)
        let width = try #require(whole.state.topItems()).layout.listWidth
        let real = listArea(whole.render(size), width: width)
        let openAI = try #require(catalog.dataset.companies.first { $0.id == "openai" })
        let deals = try #require(catalog.alliancesByCompany["openai"]?.count)
        #expect(deals > 5)
        var frames: [[String]] = []
        for _ in 0..<4 { frames.append(listArea(e.render(size), width: width)) }
        for shown in frames {
            let y = try #require(shown.firstIndex { $0.contains(openAI.name) })
            #expect(shown[y] != real[y] && shown[y].contains(" \(deals) │") && shown[y].contains("…"))
            // Every row is the dataset's, or waits for its figures with its count of deals shown.
            for (a, b) in zip(shown, real) where a != b {
                // Name, kind (hidden at this width) and deals: up to the Deals column's rule.
                #expect(a.contains("…") && a.prefix(39) == b.prefix(39), "\(a)|\(b)")
            }
        }
        // The first frame read five alliances' worth of rows at most; later frames read more.
        #expect(frames[0].filter { $0.contains("…") }.count > frames[3].filter { $0.contains("…") }.count)
        #expect(row(containing: "A figure shown as … is still being read.", in: e.render(size)) != nil)
        deliver(&e, .dataLoaded(.loaded(catalog, name: "test")))
        #expect(listArea(e.render(size), width: width) == real)
    }

    /// A store found damaged while its list is drawn (here: the table of each company's alliances, whose starts
    /// are checked as they are read) is not drawn from again: the loading screen comes back, in that same frame,
    /// and only quitting works; as when the whole read refuses the store (`.earlyCompaniesWithdrawn`).
    @Test func aDamagedStoreIsNotDrawnFrom() throws {
        let size = Size(width: 80, height: 24)
        let (list, _) = try Self.stored(bundledCatalog.dataset) { bytes in
            let starts = StoreFile.place(of: .partyIDStarts, in: bytes).section
            // Every start but the first and the last points far past the ids.
            for k in 1..<(starts.count / 8 - 1) {
                for i in 0..<8 { bytes[starts.lowerBound + k * 8 + i] = i == 6 ? 0x7f : 0 }
            }
        }
        var e = reading(list, size: size)
        let grid = e.render(size)
        #expect(list.damaged)
        #expect(row(containing: "Loading test", in: grid) != nil && row(containing: "Company", in: grid) == nil)
        #expect(deliver(&e, keys("j")[0]) == .none && e.state.note == nil)
        #expect(deliver(&e, keys("q")[0]) == .quit)
        var f = reading(Self.bundled.list, size: size)
        #expect(row(containing: "Company", in: f.render(size)) != nil)
        deliver(&f, .earlyCompaniesWithdrawn)
        #expect(f.state.earlyCompanies == nil && row(containing: "Loading test", in: f.render(size)) != nil)
    }

    @Test func quittingAndAFailedReadLeaveTheList() {
        let size = Size(width: 80, height: 24)
        var e = reading(Self.bundled.list, size: size)
        #expect(deliver(&e, keys("q")[0]) == .quit)
        var f = reading(Self.bundled.list, size: size)
        #expect(deliver(&f, .key(.control("c"))) == .quit)
        var g = reading(Self.bundled.list, size: size)
        deliver(&g, .dataLoaded(.failed(DatasetError([]))))
        #expect(g.state.earlyCompanies == nil)
        #expect(row(containing: "Could not load the dataset", in: g.render(size)) != nil)
    }
}

extension String {
    /// The longest prefix at most `width` columns wide.
    fileprivate func prefixByWidth(_ width: Int) -> String {
        var out = "", used = 0
        for c in self {
            let w = TextWidth.of(String(c))
            guard used + w <= width else { break }
            out.append(c)
            used += w
        }
        return out
    }
}
