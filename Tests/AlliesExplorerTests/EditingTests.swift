import AlliesCore
import AlliesText
import Foundation
import Synchronization
import Testing
@testable import AlliesExplorer

/// Editing in the explorer (#13): forms from the record declarations, keys in; the dataset, the screens and the
/// file out.
@Suite struct EditingTests {
    static let today = PartialDate(year: 2026, month: 12, day: 3)

    func editor(
        _ target: SaveTarget = .none, size: Size = Size(width: 100, height: 50), paths: PathBase = .current,
        language: Language = .en
    ) -> Explorer {
        var e = Explorer(
            catalog: bundledCatalog, datasetName: "test", saveTarget: target, today: Self.today, language: language,
            paths: paths)
        deliver(&e, .terminal(TerminalCapabilities(unicode: true, color: true)))
        deliver(&e, .resize(size))
        return e
    }

    /// A folder of its own with the bundled dataset in `mine.json`, and an editor on that file as read (its stamp).
    /// The caller removes the folder.
    func editorOnAFile(
        _ label: String, unsaved: String? = nil, stores: String? = nil, language: Language = .en,
        homeIsDir: Bool = false
    ) throws -> (e: Explorer, dir: String, path: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("allies-\(label)-\(UUID())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/mine.json"
        try bundledCatalog.dataset.canonicalJSON().write(toFile: path, atomically: true, encoding: .utf8)
        var paths = PathBase.current
        paths.unsaved = unsaved.map { dir + "/" + $0 }
        paths.stores = stores.map { dir + "/" + $0 }
        if homeIsDir { paths.home = dir }
        var e = editor(.file(path), paths: paths, language: language)
        deliver(&e, .dataLoaded(.loaded(bundledCatalog, name: path, stamp: SourceStamp.of(path))))
        return (e, dir, path)
    }

    /// Selects the form row of a field (`parties[0].company`).
    func field(_ e: inout Explorer, _ path: String, sourceLocation: SourceLocation = #_sourceLocation) {
        press(&e, .top)
        for _ in 0..<200 where !(e.state.selectedID ?? "").hasPrefix("form/" + path + "#") {
            let before = (e.state.selectedIndex, e.state.scrollOffset)
            press(&e, .moveDown)
            if e.state.selectedIndex == before.0 && e.state.scrollOffset == before.1 { break }
        }
        #expect(
            (e.state.selectedID ?? "").hasPrefix("form/" + path + "#"), "no row \(path)", sourceLocation: sourceLocation
        )
    }

    /// Edits a field: Enter, the text (replacing what was there), Enter.
    func type(_ e: inout Explorer, _ path: String, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        field(&e, path, sourceLocation: sourceLocation)
        press(&e, .editField)
        press(&e, "<C-u>" + text + "<enter>")
    }

    var form: FormScreen? { nil }

    static let quote = "Los nuevos servidores de AWS, equipados con 64 chips Trainium2"

    /// Alliances → a → Alliance → the form filled in by keys → Ctrl-S.
    func addAlliance(_ e: inout Explorer, quote: String = EditingTests.quote) {
        press(&e, .alliances, .addRecord)
        #expect(e.state.top == .addChooser)
        press(&e, .open)
        #expect(e.state.top == .form("alliances", nil))
        type(&e, "kind", "chip")  // the picker's first match: chip-supply
        type(&e, "parties[0].company", "nvi")
        type(&e, "parties[0].role", "sup")
        type(&e, "parties[1].company", "Apple")
        type(&e, "parties[1].role", "cus")
        field(&e, "amounts")
        press(&e, .editField)  // a new amount, and straight into its money
        press(&e, "up to 10B USD over 5y<enter>")
        type(&e, "status", "annou")
        type(&e, "title.en", "NVIDIA sells Apple chips (test)")
        type(&e, "title.es", "NVIDIA vende chips a Apple (prueba)")
        type(&e, "summary.en", "A test alliance.")
        type(&e, "summary.es", "Una alianza de prueba.")
        type(&e, "sources[0].article", "trainium2")
        type(&e, "sources[0].quote", quote)
        press(&e, "<C-s>")
    }

    @Test func anAllianceAddedByKeysIsInTheDatasetWithItsQualifiers() {
        var e = editor()
        addAlliance(&e)
        let id = "nvidia-sells-apple-chips-test"
        #expect(e.state.top == .alliance(id), "\(String(describing: e.state.note))")
        let a = e.state.catalog!.alliance(id)!
        #expect(a.kind == .chipSupply && a.status == .announced)
        #expect(a.parties.map(\.company) == ["nvidia", "apple"] && a.parties.map(\.role) == [.supplier, .customer])
        #expect(a.amounts.count == 1)
        #expect(a.amounts[0].value == 10e9 && a.amounts[0].bound == .upTo && a.amounts[0].termYears == 5)
        #expect(a.sources == [SourceQuote(article: "xataka-apple-trainium2-2024", quote: Self.quote)])
        #expect(a.added == Self.today && a.updated == nil)
        #expect(e.state.note?.text.hasPrefix("Added alliance \"\(id)\" (u undoes it") == true)
        let screen = e.render(Size(width: 100, height: 50)).text
        #expect(screen.contains("up to $10B over 5y") || screen.contains("≤$10B over 5y"), "\(screen)")
        // u takes it back, Ctrl-R brings it again.
        press(&e, .undo)
        #expect(e.state.catalog!.alliance(id) == nil)
        #expect(e.state.top != .alliance(id), "the screen of a record undone closes")
        #expect(e.state.note?.text == "Undid: Added alliance \"\(id)\"")
        press(&e, .redo)
        #expect(e.state.catalog!.alliance(id) != nil)
        press(&e, .redo)
        #expect(e.state.note?.text == "Nothing to redo")
    }

    /// Tab or Enter through an empty required field leaves it empty (the form says it is required): no suggestion
    /// is taken that was not typed or picked. An arrow key picks one; typed letters pick their first match.
    @Test func anEmptyFieldTakesNoSuggestionItWasNotGiven() {
        var e = editor()
        press(&e, .alliances, .addRecord)
        press(&e, .open)
        func value(_ path: String) -> JSONValue? {
            (e.state.stack.last?.screen as? FormScreen)?.record.value(at: FieldPath(parsing: path)!)
        }
        field(&e, "parties[0].company")
        press(&e, .editField)
        let shown = e.render(Size(width: 100, height: 50)).text
        #expect(shown.contains("Amazon (amazon)") && !shown.contains("▸ Amazon"), "no option highlighted: \(shown)")
        // Tab leaves it empty and goes on to the role, typed into at once; Enter leaves that empty too.
        press(&e, "<tab>")
        #expect(value("parties[0].company") == nil || value("parties[0].company") == .string(""))
        #expect((e.state.selectedID ?? "").hasPrefix("form/parties[0].role#"), "\(e.state.selectedID ?? "")")
        press(&e, "<enter>")
        #expect(value("parties[0].role") == nil || value("parties[0].role") == .string(""))
        #expect(e.render(Size(width: 100, height: 50)).text.contains("required"))
        // The down arrow highlights the first option, and Enter takes it; so do letters typed.
        press(&e, .editField)
        press(&e, "<down><enter>")
        #expect(value("parties[0].role") == .string("investor"))
        field(&e, "parties[0].company")
        press(&e, .editField)
        press(&e, "nvi<tab>")
        #expect(value("parties[0].company") == .string("nvidia"))
    }

    @Test func theChangesViewListsWhatEditsAddedAndUpdated() {
        var e = editor()
        press(&e, .changes)
        #expect(e.state.top == .changes)
        #expect(e.render(Size(width: 100, height: 50)).text.contains("No record carries an added or updated date yet"))
        addAlliance(&e)
        press(&e, .companies)
        select(&e, "reddit")
        press(&e, .open, .editRecord)
        type(&e, "name", "Reddit Inc.")
        press(&e, "<C-s>")
        press(&e, .changes)
        let rows = e.render(Size(width: 100, height: 50)).text.split(separator: "\n").map(String.init)
        #expect(
            rows.contains { $0.contains("2026-12-03") && $0.contains("added") && $0.contains("NVIDIA sells Apple") })
        #expect(rows.contains { $0.contains("2026-12-03") && $0.contains("updated") && $0.contains("Reddit Inc.") })
        press(&e, .open)
        #expect(e.state.top == .alliance("nvidia-sells-apple-chips-test") || e.state.top == .company("reddit"))
    }

    @Test func anArticleTakesItsTextFromAFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("allies-text-\(UUID())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let body = "Primera línea del artículo.\nSegunda: 阿里巴巴 invierte.\n"
        try body.write(toFile: dir + "/a.txt", atomically: true, encoding: .utf8)
        try Data([0x41, 0x42, 0xFF, 0x43]).write(to: URL(fileURLWithPath: dir + "/bad.txt"))
        var e = editor()
        press(&e, .addRecord)
        for _ in 0..<10 where e.state.selectedID != "fact/articles" { press(&e, .moveDown) }
        press(&e, .open)
        #expect(e.state.top == .form("articles", nil))
        type(&e, "title", "Un artículo")
        type(&e, "language", "es")
        type(&e, "text", "@" + dir + "/bad.txt")
        #expect(e.state.note?.isError == true)
        #expect(e.state.note?.text == dir + "/bad.txt: not valid UTF-8 at byte 2 (counting from 0)")
        type(&e, "text", "@" + dir + "/a.txt")
        #expect(e.state.note?.text == "Read \(body.count) characters into the text")
        press(&e, "<C-s>")
        let a = try #require(e.state.catalog!.article("un-articulo"))
        #expect(a.text == body && a.added == Self.today)
        #expect(e.state.top == .article("un-articulo"))
    }

    /// Pasted text (the terminal's bracketed paste) goes into the field being typed in whole: an article's text
    /// keeps its line breaks (CR LF and CR as LF) and tabs, verbatim for its quotes; another field takes them as
    /// spaces; control characters are dropped. The form is neither kept nor left by the paste's line breaks.
    @Test func pastedTextGoesIntoTheFieldWhole() throws {
        var e = editor()
        deliver(&e, .paste("nothing open"))
        #expect(e.state.note?.text == "Pasted text goes into a field: open one to type in first")
        press(&e, .addRecord)
        for _ in 0..<10 where e.state.selectedID != "fact/articles" { press(&e, .moveDown) }
        press(&e, .open)
        #expect(e.state.top == .form("articles", nil))
        field(&e, "title")
        press(&e, .editField)
        deliver(&e, .paste("Un artículo\r\nsobre\tchips\u{1b}[31m"))
        press(&e, "<enter>")
        type(&e, "language", "es")
        field(&e, "text")
        press(&e, .editField)
        let body = "Primera línea: 阿里巴巴 invierte.\r\nSegunda\tlínea.\rTercera.\n\nCuarta."
        deliver(&e, .paste(body))
        #expect(e.state.top == .form("articles", nil))
        press(&e, "<enter><C-s>")
        let a = try #require(e.state.catalog!.dataset.articles.first { $0.title.hasPrefix("Un artículo") })
        #expect(a.title == "Un artículo sobre chips[31m")
        #expect(a.text == "Primera línea: 阿里巴巴 invierte.\nSegunda\tlínea.\nTercera.\n\nCuarta.")
        // The search prompt: one line, and a pasted line break does not open the first result.
        press(&e, .search)
        deliver(&e, .paste("nube\n"))
        #expect(e.state.stack.last?.screen.prompt?.text == "nube ")
        #expect(e.state.stack.last?.screen.context.isPrompt == true)
    }

    @Test func aQuoteNotInTheArticleIsRefusedWithTheClosestPassage() {
        var e = editor()
        addAlliance(&e, quote: "Los nuevos servidores de AWS, equipados con 46 chips Trainium2")
        #expect(e.state.top == .form("alliances", nil), "nothing added")
        #expect(e.state.note?.isError == true)
        #expect(e.state.note?.text.contains("problem") == true)
        let screen = e.render(Size(width: 100, height: 50)).text
        #expect(screen.contains("did you mean"), "\(screen)")
        #expect(e.state.catalog!.dataset.alliances.count == bundledCatalog.dataset.alliances.count)
    }

    @Test func fieldsAreCheckedAsTheyAreTyped() {
        var e = editor()
        press(&e, .companies, .addRecord, .open)
        #expect(e.state.top == .form("companies", nil))
        type(&e, "country", "Spain")
        let screen = e.render(Size(width: 100, height: 50)).text
        #expect(screen.contains("✗"), "the loader's message under the field:\n\(screen)")
        #expect(screen.contains("ISO 3166"), "\(screen)")
        // Assigned codes only: UK is reserved (the United Kingdom is GB).
        type(&e, "country", "uk")
        #expect(e.render(Size(width: 100, height: 50)).text.contains("(the United Kingdom is"))
        // Lower case is taken as upper case.
        type(&e, "country", "es")
        #expect(
            (e.state.stack.last?.screen as? FormScreen)?.record.value(at: FieldPath([.key("country")])) == .string("ES")
        )
        #expect(!e.render(Size(width: 100, height: 50)).text.contains("country"), "no problem left on the country")
        // A date is shown with its precision.
        press(&e, .leaveForm, .leaveForm)
        press(&e, .alliances, .addRecord, .open)
        field(&e, "date")
        press(&e, .editField)
        type(&e, "date.value", "2025-11")
        #expect(e.render(Size(width: 100, height: 50)).text.contains("2025-11 (month known)"))
    }

    @Test func theSearchIndexOfAnEditedDatasetIsBuiltOffTheInterfaceThread() {
        var e = editor()
        select(&e, "reddit")
        press(&e, .open, .editRecord)
        type(&e, "name", "Reddit Zebrafish")
        // Ctrl-S answers at once with work for the backend: the index is not built on the interface thread.
        let command = e.update(.key(.control("s")))
        guard case .work(let work) = command else {
            Issue.record(
                "the edit built its index on the interface thread: \(command), \(String(describing: e.state.note))")
            return
        }
        #expect(e.state.indexProgress != nil, "search says its index is being built")
        var sent: [Message] = []
        let collected = Mutex<[Message]>([])
        work.run { m in collected.withLock { $0.append(m) } }
        sent = collected.withLock { $0 }
        for m in sent { e.updateAndWait(m) }
        #expect(e.state.indexProgress == nil)
        press(&e, .search)
        press(&e, "zebrafish")
        #expect(e.render(Size(width: 100, height: 50)).text.contains("Reddit Zebrafish"))
    }

    /// While the edited dataset's index is built (35–43 s at a million alliances), search answers from the last
    /// index patched for the change: the screen it draws is the one the new index draws.
    @Test func searchAnswersAtOnceAfterAnEditAsTheNewIndexWill() {
        var e = editor()
        select(&e, "reddit")
        press(&e, .open, .editRecord)
        type(&e, "name", "Quokka Media")
        guard case .work(let work) = e.update(.key(.control("s"))) else {
            Issue.record("no work after Ctrl-S: \(String(describing: e.state.note))"); return
        }
        let collected = Mutex<[Message]>([])
        work.run { m in collected.withLock { $0.append(m) } }
        let sent = collected.withLock { $0 }
        #expect(sent.contains { if case .indexPatched = $0 { true } else { false } })
        // Everything but the new index: the save, and the patched one.
        for m in sent { if case .indexReady = m { continue }; e.updateAndWait(m) }
        #expect(e.state.index == nil && e.state.patched != nil)
        let size = Size(width: 100, height: 50)
        var screens: [String] = []
        for query in ["quokka", "reddit", "anthropic", "kind:investment"] {
            press(&e, .search)
            press(&e, "<C-u>" + query)
            screens.append(e.render(size).text)
            press(&e, .promptCancel)
        }
        #expect(screens[0].contains("Quokka Media"))
        #expect(!screens[0].contains("Indexing"))
        #expect(!screens[1].contains("Reddit ·"), "the old name is found no more")
        // The new index arrives: the same screens.
        for m in sent { if case .indexReady = m { e.updateAndWait(m) } }
        #expect(e.state.index != nil && e.state.patched == nil)
        for (i, query) in ["quokka", "reddit", "anthropic", "kind:investment"].enumerated() {
            press(&e, .search)
            press(&e, "<C-u>" + query)
            #expect(e.render(size).text == screens[i], "\(query)")
            press(&e, .promptCancel)
        }
    }

    /// Opened from a store of the file before its last edits, the explorer searches from the store's index
    /// patched for them; a change made before the new index arrives is patched from that same index.
    @Test func aChangeBeforeTheFirstIndexArrivesIsPatchedToo() throws {
        var e = editor()
        var edited = bundledCatalog.dataset
        edited.alliances[0].title.en = "Zebrafish partnership"
        let catalog = Catalog(edited)
        let patched = try #require(PatchedIndex(base: SearchIndex(bundledCatalog), now: catalog))
        deliver(&e, .dataLoaded(.loaded(catalog, name: "test", indexFollows: true)))
        deliver(&e, .indexPatched(patched))
        #expect(e.state.index == nil && e.state.patched != nil)
        select(&e, "reddit")
        press(&e, .open, .editRecord)
        type(&e, "name", "Quokka Media")
        guard case .work(let work) = e.update(.key(.control("s"))) else {
            Issue.record("no work after Ctrl-S"); return
        }
        let collected = Mutex<[Message]>([])
        work.run { m in collected.withLock { $0.append(m) } }
        let sent = collected.withLock { $0 }
        for m in sent { if case .indexReady = m { continue }; e.updateAndWait(m) }
        #expect(e.state.patched != nil, "the change is patched from the store's index")
        for query in ["quokka", "zebrafish"] {
            press(&e, .search)
            press(&e, "<C-u>" + query)
            #expect(
                e.render(Size(width: 100, height: 50)).text.contains(
                    query == "quokka" ? "Quokka Media" : "Zebrafish partnership"))
            press(&e, .promptCancel)
        }
    }

    /// A saved change leaves, beside its new search index, the store of the file as saved: the next open reads it
    /// (at a million alliances, seconds instead of a first open's minute). A change not saved leaves none.
    @Test func aSavedChangeLeavesTheStoreOfTheFileAsSaved() throws {
        var (e, dir, path) = try editorOnAFile("store", stores: "stores")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let stores = dir + "/stores"
        select(&e, "reddit")
        press(&e, .open, .editRecord)
        type(&e, "name", "Reddit Zebrafish")
        press(&e, "<C-s>")
        #expect(!e.state.session.unsaved)
        let opened = try OpenedDataset.open(path, useCache: true, cacheDirectory: stores).get()
        #expect(opened.index != nil, "read from the store, with its index")
        #expect(opened.catalog.company("reddit")?.name == "Reddit Zebrafish")
        let found = try #require(opened.index).hits(try Query.parse("zebrafish", catalog: opened.catalog).get())
        #expect(found.countByKind[.company] == 1, "the company, and alliances naming it: \(found.countByKind)")

        // Another program writes the file; the session's next change is not saved, and no store says it is.
        try (try String(contentsOfFile: path, encoding: .utf8) + "\n").write(
            toFile: path, atomically: true, encoding: .utf8)
        press(&e, .editRecord)
        type(&e, "name", "Reddit Okapi")
        press(&e, "<C-s>")
        #expect(e.state.session.unsaved)
        let after = try OpenedDataset.open(path, useCache: true, cacheDirectory: stores).get()
        #expect(after.index == nil, "the store is of the file before it was written: not used")
        #expect(after.catalog.company("reddit")?.name == "Reddit Zebrafish")
    }

    @Test func anEditStampsUpdatedAndAnIdThatOthersUseCannotChange() {
        var e = editor()
        select(&e, "reddit")
        press(&e, .open, .editRecord)
        #expect(e.state.top == .form("companies", "reddit"))
        type(&e, "name", "Reddit Inc.")
        press(&e, "<C-s>")
        #expect(e.state.top == .company("reddit"))
        let c = e.state.catalog!.company("reddit")!
        #expect(c.name == "Reddit Inc." && c.updated == Self.today && c.added == nil)
        // Its id is used by alliances: changing it is refused, naming them.
        press(&e, .editRecord)
        type(&e, "id", "reddit-inc")
        press(&e, "<C-s>")
        #expect(e.state.top == .form("companies", "reddit"))
        #expect(e.render(Size(width: 100, height: 50)).text.contains("its id cannot change"))
    }

    @Test func deletingAParentSaysItsUnitsStayAndKeepsThem() {
        var e = editor()
        select(&e, "amazon")
        press(&e, .deleteRecord)
        let screen = e.render(Size(width: 100, height: 50)).text
        #expect(screen.contains("1 unit stays, as a company of its own."), "\(screen)")
        #expect(screen.contains("company \"aws\" (field parent; kept, as a company of its own)"), "\(screen)")
        press(&e, .confirmAll)
        #expect(e.state.catalog!.company("amazon") == nil)
        #expect(e.state.catalog!.company("aws") != nil && e.state.catalog!.company("aws")?.parent == nil)
    }

    @Test func deletingSaysWhatRefersToItAndUndoBringsItAllBack() {
        var e = editor()
        select(&e, "reddit")
        let before = bundledCatalog.dataset
        let referrers = before.referrers(of: RecordKey(.companies, "reddit"))
        #expect(!referrers.isEmpty)
        press(&e, .deleteRecord)
        #expect(e.state.top == .confirmDelete("companies", "reddit"))
        let screen = e.render(Size(width: 100, height: 50)).text
        #expect(screen.contains("Refers to it") && screen.contains(referrers[0].from.description), "\(screen)")
        press(&e, .confirm)
        #expect(e.state.catalog!.company("reddit") != nil, "y alone does not take the others with it")
        press(&e, .confirmAll)
        #expect(e.state.catalog!.company("reddit") == nil)
        #expect(referrers.allSatisfy { e.state.catalog!.dataset.records(withID: $0.from.id).isEmpty })
        #expect(e.state.top == .companies)
        press(&e, .undo)
        #expect(e.state.catalog!.dataset.differences(to: before).isEmpty)
    }

    /// A company named in another script alone gets its id from its name as any other: the form asked for one by
    /// hand (`missing required field "id"`), though it says the id is made from the name (a new user's trial).
    @Test func aNameInAnotherScriptMakesTheId() {
        var e = editor()
        press(&e, .companies, .addRecord, .open)
        type(&e, "name", "楽天グループ")
        press(&e, "<C-s>")
        let screen = e.render(Size(width: 100, height: 50)).text
        #expect(!screen.contains("missing required field \"id\""), "\(screen)")
        #expect(screen.contains("u-697d-5929-30b0-30eb-30fc-30d7"), "the id made from the name:\n\(screen)")
    }

    /// A field left empty is named as the form labels it, in the form's language (`«Tipo» es obligatorio`), not by
    /// its JSON name (`falta el campo obligatorio «kind»`, a trial's Spanish reader did not know the word).
    @Test(arguments: [Language.en, .es])
    func aMissingFieldIsNamedByItsLabel(_ language: Language) {
        var e = editor(language: language)
        press(&e, .alliances, .addRecord, .open)
        press(&e, "<C-s>")
        let screen = e.render(Size(width: 100, height: 80)).text
        Language.$scoped.withValue(language) {
            #expect(!screen.contains(tr("missing required field \"{0}\"", "kind")), "\(screen)")
            #expect(screen.contains(tr("{0} is required", tr("Kind"))), "\(screen)")
            #expect(!screen.contains("\"kind\"") && !screen.contains("«kind»"), "\(screen)")
        }
        // An amount left empty lacks its value and its currency: one "Money is required", not the same line twice.
        field(&e, "amounts")
        press(&e, .editField)
        press(&e, "<esc>")
        press(&e, "<C-s>")
        let again = e.render(Size(width: 100, height: 80)).text
        Language.$scoped.withValue(language) {
            let money = tr("{0} is required", tr("Money"))
            #expect(again.components(separatedBy: money).count - 1 == 1, "\(again)")
        }
    }

    @Test func aFormWithChangesIsNotLeftByAccident() {
        var e = editor()
        press(&e, .companies, .addRecord, .open)
        type(&e, "name", "Acme")
        press(&e, "2")
        #expect(e.state.top == .form("companies", nil))
        #expect(e.state.note?.text.contains("This form has changes") == true)
        press(&e, .leaveForm)
        #expect(e.state.top == .form("companies", nil))
        // Another key in between: the warning no longer holds, Esc warns again.
        press(&e, .moveDown, .leaveForm)
        #expect(e.state.top == .form("companies", nil))
        #expect(e.state.note?.text.hasPrefix("Esc again leaves") == true)
        press(&e, .leaveForm)
        #expect(e.state.top == .addChooser)
    }

    @Test func readingTheFileAgainKeepsTheirFieldsAndNamesWhereBothChangedOne() throws {
        var (e, dir, path) = try editorOnAFile("merge")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        func rename(_ id: String, _ name: String) {
            press(&e, .companies)
            select(&e, id)
            press(&e, .open, .editRecord)
            type(&e, "name", name)
            press(&e, "<C-s>")
        }
        rename("reddit", "Reddit Inc.")
        #expect(!e.state.session.unsaved)
        // Someone else changes Reddit's name and description, and Alibaba's description.
        var theirs = try Dataset.load(path: path).get()
        let reddit = theirs.companies.firstIndex { $0.id == "reddit" }!
        let alibaba = theirs.companies.firstIndex { $0.id == "alibaba" }!
        theirs.companies[reddit].name = "Reddit (theirs)"
        theirs.companies[reddit].description.en = "Their description of Reddit."
        theirs.companies[alibaba].description.en = "Their description of Alibaba."
        try theirs.canonicalJSON().write(toFile: path, atomically: true, encoding: .utf8)
        // The session renames both: the save is refused, R merges.
        rename("reddit", "Reddit Ltd")
        rename("alibaba", "Alibaba Group")
        #expect(e.state.session.unsaved)
        press(&e, "R")
        let note = e.state.note?.text ?? ""
        #expect(note.hasPrefix("Read mine.json again and reapplied 2 changes"), "\(note)")
        #expect(note.contains("yours kept where both changed: company \"reddit\" (name)"), "\(note)")
        #expect(!note.contains("alibaba"), "only one side changed each of Alibaba's fields: \(note)")
        let merged = try Dataset.load(path: path).get()
        let r = merged.companies.first { $0.id == "reddit" }!
        let a = merged.companies.first { $0.id == "alibaba" }!
        #expect(r.name == "Reddit Ltd" && r.description.en == "Their description of Reddit.")
        #expect(a.name == "Alibaba Group" && a.description.en == "Their description of Alibaba.")
        #expect(!e.state.session.unsaved)
    }

    /// `R` when the session deleted a record: one the file changed meanwhile is named ("removed by you"); one the
    /// file's new records refer to is not deleted from under them: the reload is refused, saying which.
    @Test func readingTheFileAgainAfterADeletion() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("allies-merge-del-\(UUID())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/mine.json"
        let base = bundledCatalog.dataset
        let lonely = try #require(base.companies.first { base.referrers(of: RecordKey(.companies, $0.id)).isEmpty })
        let deal = try #require(base.alliances.first { base.referrers(of: RecordKey(.alliances, $0.id)).isEmpty })
        func start() throws -> Explorer {
            try base.canonicalJSON().write(toFile: path, atomically: true, encoding: .utf8)
            var e = editor(.file(path))
            deliver(&e, .dataLoaded(.loaded(bundledCatalog, name: path, stamp: SourceStamp.of(path))))
            return e
        }
        func delete(_ e: inout Explorer, _ view: CommandName, _ id: String) {
            press(&e, view)
            select(&e, id)
            press(&e, .deleteRecord, .confirm)
        }
        // They change an alliance the session deletes (the session's save is refused: the file changed).
        var e = try start()
        var theirs = base
        let c = theirs.alliances.firstIndex { $0.id == deal.id }!
        theirs.alliances[c].title.en += " (theirs)"
        try theirs.canonicalJSON().write(toFile: path, atomically: true, encoding: .utf8)
        delete(&e, .alliances, deal.id)
        #expect(e.state.session.unsaved)
        press(&e, "R")
        #expect(e.state.note?.text.contains("alliance \"\(deal.id)\" (removed by you)") == true, "\(e.state.note!)")
        #expect(try !Dataset.load(path: path).get().alliances.contains { $0.id == deal.id })
        // They add a unit of a company the session deletes: refused, the file as they left it.
        var f = try start()
        var added = base
        var unit = base.companies.first { $0.id != lonely.id }!
        unit.id = "their-new-unit"
        unit.name = "Their New Unit"
        unit.aliases = []
        unit.parent = lonely.id
        added.companies.append(unit)
        try added.canonicalJSON().write(toFile: path, atomically: true, encoding: .utf8)
        let before = try String(contentsOfFile: path, encoding: .utf8)
        delete(&f, .companies, lonely.id)
        press(&f, "R")
        let note = f.state.note?.text ?? ""
        #expect(
            note.contains(
                "company \"\(lonely.id)\": removed by the edits, but referred to by company \"their-new-unit\""),
            "\(note)")
        #expect(f.state.note?.isError == true && f.state.session.unsaved)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == before)
    }

    /// Ctrl-S's path: a name relative to the directory Allies was started in is taken (it was refused as not a full
    /// path, though the prompt itself proposed the relative name `--data` was given); the same file named another
    /// way is the same file; a file that is there already is not overwritten, and the note says so.
    @Test func savingElsewhereTakesARelativePathAndNeverOverwritesAnotherFile() throws {
        var (e, dir, path) = try editorOnAFile("save-as")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let taken = dir + "/taken.json"
        try "not a dataset".write(toFile: taken, atomically: true, encoding: .utf8)
        // Someone else changes the file: the edit is kept in the session.
        try (try String(contentsOfFile: path, encoding: .utf8) + "\n").write(
            toFile: path, atomically: true, encoding: .utf8)
        addAlliance(&e)
        #expect(e.state.session.unsaved)
        // Elsewhere, to a file that is there: refused, the file untouched, the edit still in the session.
        press(&e, "<C-s>")
        press(&e, "<C-u>" + taken + "<enter>")
        #expect(e.state.note?.text.contains("taken.json exists already") == true, "\(e.state.note!)")
        #expect(e.state.note?.text.contains("R reads") == false)
        #expect(try String(contentsOfFile: taken, encoding: .utf8) == "not a dataset")
        #expect(e.state.session.unsaved)
        // Elsewhere, by a path relative to the current directory.
        let depth = FileManager.default.currentDirectoryPath.split(separator: "/").count
        let relative = String(repeating: "../", count: depth) + dir.dropFirst() + "/./new.json"
        press(&e, "<C-s>")
        press(&e, "<C-u>" + relative + "<enter>")
        #expect(!e.state.session.unsaved, "\(e.state.note!)")
        let saved = try Dataset.load(path: dir + "/new.json").get()
        #expect(saved.alliances.contains { $0.id == "nvidia-sells-apple-chips-test" })
        // A new file's note says its whole path, where it went (the relative name resolved).
        #expect(e.state.note?.text.contains("saved to " + dir + "/new.json") == true, "\(e.state.note!)")
        // A folder that was not there is made, and the note says so: a mistyped folder is seen at once.
        press(&e, "<C-s>")
        press(&e, "<C-u>" + dir + "/Docuemnts/copy.json<enter>")
        #expect(FileManager.default.fileExists(atPath: dir + "/Docuemnts/copy.json"))
        #expect(
            e.state.note?.text.contains("saved to \(dir)/Docuemnts/copy.json · made the folder \(dir)/Docuemnts")
                == true,
            "\(e.state.note!)")
        // Later saves to the same file name the file alone.
        press(&e, .undo)
        #expect(e.state.note?.text.contains("saved to copy.json") == true, "\(e.state.note!)")
    }

    /// A note longer than the status line (why a save was refused, and what to do) is shown whole, rising over the
    /// bottom rows, until the next key; it was cut at the width, losing the part that says what to do.
    @Test(arguments: [Size(width: 80, height: 24), Size(width: 40, height: 12)])
    func aLongNoteIsShownWhole(_ size: Size) {
        var state = explorer(bundledCatalog, size: size).state
        let text =
            "Not saved: allies.json was changed since Allies read it; 1 edit kept; R reads the file again and "
            + "reapplies them, Ctrl-S saves elsewhere"
        state.note = StatusNote(text: text, isError: true)
        var e = Explorer(state: state)
        let grid = e.render(size)
        let rows = (0..<size.height).map { grid.text(row: $0).trimmingCharacters(in: .whitespaces) }
        let lines = (text.count + size.width - 1) / size.width + 1
        #expect(rows.suffix(lines).joined(separator: " ").contains(text), "\(grid.text)")
        #expect(
            rows[1]
                == explorer(bundledCatalog, size: size).render(size).text(row: 1).trimmingCharacters(
                    in: .whitespaces), "the rows above the note are the screen's")
        Golden.check("long-note-\(size.width)x\(size.height)", grid)
        press(&e, .moveDown)
        #expect(e.render(size).text(row: size.height - 2) != grid.text(row: size.height - 2), "gone at the next key")
    }

    @Test func editsAreSavedToTheFileAtOnceAndAChangeOnDiskIsNeverOverwritten() throws {
        var (e, dir, path) = try editorOnAFile("edit")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        addAlliance(&e)
        let saved = try Dataset.load(path: path).get()
        #expect(saved.alliances.contains { $0.id == "nvidia-sells-apple-chips-test" })
        #expect(!e.state.session.unsaved)
        #expect(e.state.note?.text.contains("saved to mine.json") == true)
        // Someone else changes the file: the next save is refused, the edit stays in the session.
        let theirs = try String(contentsOfFile: path, encoding: .utf8) + "\n"
        try theirs.write(toFile: path, atomically: true, encoding: .utf8)
        press(&e, .undo)
        #expect(e.state.session.unsaved)
        #expect(
            e.state.note?.isError == true && e.state.note?.text.contains("since Allies read it") == true,
            "\(e.state.note!)")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == theirs, "their file is untouched")
        // R reads their file again and applies the session's edits to it: their change stays, the undo too.
        #expect(e.state.note?.text.contains("R reads the file again") == true, "\(e.state.note!)")
        var theirsWithACompany = try Dataset.load(path: path).get()
        theirsWithACompany.companies[0].name = "Their Alibaba"
        try theirsWithACompany.canonicalJSON().write(toFile: path, atomically: true, encoding: .utf8)
        press(&e, "R")
        #expect(e.state.note?.text.hasPrefix("Read mine.json again and reapplied 1 change") == true, "\(e.state.note!)")
        let merged = try Dataset.load(path: path).get()
        #expect(merged.companies[0].name == "Their Alibaba", "their change is kept")
        #expect(!merged.alliances.contains { $0.id == "nvidia-sells-apple-chips-test" }, "and the session's undo")
        #expect(!e.state.session.unsaved)
        #expect(e.state.catalog!.dataset.companies[0].name == "Their Alibaba")
        // Someone changes it again; Ctrl-S saves the session elsewhere instead.
        try (try String(contentsOfFile: path, encoding: .utf8) + "\n").write(
            toFile: path, atomically: true, encoding: .utf8)
        press(&e, .redo)
        #expect(e.state.note?.text == "Nothing to redo", "no history from before the file changed")
        press(&e, .companies)
        select(&e, "reddit")
        press(&e, .open, .editRecord)
        type(&e, "name", "Reddit Inc.")
        press(&e, "<C-s>")
        #expect(e.state.session.unsaved)
        press(&e, "<C-s>")
        #expect(e.state.top == .savePrompt)
        press(&e, "<C-u>" + dir + "/elsewhere.json<enter>")
        let elsewhere = try Dataset.load(path: dir + "/elsewhere.json").get()
        #expect(!elsewhere.alliances.contains { $0.id == "nvidia-sells-apple-chips-test" })
        #expect(elsewhere.companies[0].name == "Their Alibaba")
        #expect(elsewhere.companies.first { $0.id == "reddit" }?.name == "Reddit Inc.")
        #expect(!e.state.session.unsaved)
    }

    /// R with no edits of the session's shows the file as it is now and writes nothing: it rewrote someone else's
    /// file in Allies' own layout.
    @Test func readingTheFileAgainWithNoEditsWritesNothing() throws {
        var (e, dir, path) = try editorOnAFile("reread")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var theirs = try Dataset.load(path: path).get()
        theirs.companies[0].name = "Their Alibaba"
        // Their layout, not Allies': the same records, written compact.
        let compact = try JSONSerialization.data(
            withJSONObject: JSONSerialization.jsonObject(with: Data(theirs.canonicalJSON().utf8)))
        try compact.write(to: URL(fileURLWithPath: path))
        press(&e, "R")
        #expect(e.state.note?.text == "Read mine.json again; no edits of yours to reapply", "\(e.state.note!)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == compact, "their file, byte for byte")
        #expect(e.state.catalog!.dataset.companies[0].name == "Their Alibaba")
        #expect(!e.state.session.unsaved)
        // The session goes on from their file: an edit is saved to it, their change kept.
        press(&e, .companies)
        select(&e, "reddit")
        press(&e, .open, .editRecord)
        type(&e, "name", "Reddit Inc.")
        press(&e, "<C-s>")
        let saved = try Dataset.load(path: path).get()
        #expect(saved.companies[0].name == "Their Alibaba")
        #expect(saved.companies.first { $0.id == "reddit" }?.name == "Reddit Inc.")
        #expect(!e.state.session.unsaved, "\(e.state.note!)")
    }

    @Test func aFolderThatTakesNoFileOrADeletedFileKeepsTheEditsAndSaysWhy() throws {
        // /proc takes no new file, not even from root (the tests may run as root, for whom permissions are no bar).
        var e = editor(.file("/proc/allies-test-\(UUID()).json"))
        select(&e, "reddit")
        press(&e, .open, .editRecord)
        type(&e, "name", "Reddit Inc.")
        press(&e, "<C-s>")
        #expect(e.state.catalog!.company("reddit")?.name == "Reddit Inc.", "the edit is kept in the session")
        #expect(e.state.session.unsaved)
        #expect(e.state.note?.isError == true && e.state.note?.text.contains("cannot") == true, "\(e.state.note!)")

        // A file deleted since it was opened: refused (it is not the file that was opened), nothing made instead.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("allies-gone-\(UUID())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/mine.json"
        try bundledCatalog.dataset.canonicalJSON().write(toFile: path, atomically: true, encoding: .utf8)
        var f = editor(.file(path))
        deliver(&f, .dataLoaded(.loaded(bundledCatalog, name: path, stamp: SourceStamp.of(path))))
        try FileManager.default.removeItem(atPath: path)
        select(&f, "reddit")
        press(&f, .open, .editRecord)
        type(&f, "name", "Reddit Inc.")
        press(&f, "<C-s>")
        #expect(f.state.catalog!.company("reddit")?.name == "Reddit Inc.")
        #expect(f.state.session.unsaved)
        #expect(f.state.note?.text.contains("since Allies read it") == true, "\(f.state.note!)")
        #expect(!FileManager.default.fileExists(atPath: path), "nothing written in its place")
    }

    /// Ctrl-S to another file that cannot be made (a folder under /proc): the message names the folder, the session
    /// keeps its own file, and the next edit is saved there.
    @Test func aFailedSaveElsewhereGoesBackToTheSessionsFile() throws {
        var (e, dir, path) = try editorOnAFile("back")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        select(&e, "reddit")
        press(&e, .open, .editRecord)
        type(&e, "name", "Reddit Inc.")
        press(&e, "<C-s>")
        #expect(!e.state.session.unsaved)
        press(&e, .editRecord)
        type(&e, "name", "Reddit, Inc.")
        press(&e, "<C-s>")
        press(&e, "<C-s>")
        #expect(e.state.top == .savePrompt)
        let folder = "/proc/allies-nope-\(UUID())"
        press(&e, "<C-u>" + folder + "/x.json<enter>")
        #expect(e.state.note?.text.contains("cannot create the directory " + folder) == true, "\(e.state.note!)")
        #expect(e.state.note?.text.hasSuffix("edits kept for mine.json") == true, "\(e.state.note!)")
        #expect(e.state.session.target == .file(path))
        // The next edit is saved to the session's file, at once, as before.
        press(&e, .editRecord)
        type(&e, "name", "Reddit Co.")
        press(&e, "<C-s>")
        #expect(!e.state.session.unsaved, "\(String(describing: e.state.note))")
        #expect(try Dataset.load(path: path).get().companies.first { $0.id == "reddit" }?.name == "Reddit Co.")
    }

    @Test func theFirstEditOfTheBundledDatasetMakesTheUsersOwn() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("allies-own-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let own = dir + "/allies/allies.json"
        var e = editor(.bundled(proposed: own))
        select(&e, "reddit")
        press(&e, .open, .editRecord)
        type(&e, "name", "Reddit, Inc.")
        press(&e, "<C-s>")
        #expect(e.state.top == .savePrompt, "asked where, proposing the user's own dataset")
        // Wide enough for the whole path, wherever the temporary folder is (`make test` gives each run its own).
        #expect(e.render(Size(width: own.count + 40, height: 50)).text.contains("Save to: " + own))
        press(&e, "<enter>")
        let saved = try Dataset.load(path: own).get()
        #expect(saved.companies.first { $0.id == "reddit" }?.name == "Reddit, Inc.")
        #expect(saved.companies.count == bundledCatalog.dataset.companies.count)
        #expect(e.state.session.target == .file(own))
        #expect(e.state.note?.text.contains("Your own dataset: " + own) == true, "\(e.state.note!)")
    }

    @Test func quittingWithUnsavedEditsAsksOnce() {
        var e = editor(.bundled(proposed: "/nonexistent-dir-for-test/allies.json"))
        select(&e, "reddit")
        press(&e, .deleteRecord, .confirmAll)
        #expect(e.state.top == .savePrompt)
        press(&e, "<esc>")
        #expect(e.state.session.unsaved)
        #expect(press(&e, "q") == [.none])
        #expect(e.state.note?.text.contains("not saved") == true)
        // A key in between: q warns again rather than quitting.
        #expect(press(&e, "jq") == [.none, .none])
        #expect(e.state.note?.text.contains("not saved") == true)
        #expect(press(&e, "q") == [.quit])
    }

    /// Edits that could not be saved (the file changed by someone else, a read-only folder, a full disk) are also
    /// written to a copy of their own that outlives the session: a terminal closed afterwards lost them (a new user's
    /// trial). The note says where; the copy holds the session's changes alone (a few kilobytes, where a copy of a
    /// large dataset was gigabytes) and merges into the file as it became; the file itself is untouched.
    /// The note of a refused save names where the edits were copied, under the home directory as `~/…` (a path a
    /// shell takes), and is on screen whole at 80×24 and 40×12 in both languages: at 80 columns the path was cut
    /// (`…edits.jso…`) with the way to merge it back.
    @Test(arguments: [Language.en, .es])
    func theCopysPathIsOnScreenWhole(_ language: Language) throws {
        var (e, dir, path) = try editorOnAFile(
            "unsaved-note", unsaved: ".local/state/allies/unsaved", language: language, homeIsDir: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try (try String(contentsOfFile: path, encoding: .utf8) + "\n").write(
            toFile: path, atomically: true, encoding: .utf8)
        addAlliance(&e)
        let shown = "~/.local/state/allies/unsaved/mine.unsaved-\(Dataset.session).edits.jsonl"
        let note = try #require(e.state.note?.text)
        #expect(note.contains(shown) && !note.contains(dir), "\(note)")
        for size in [Size(width: 80, height: 24), Size(width: 40, height: 12)] {
            let grid = e.render(size)
            let rows = (0..<size.height).map { grid.text(row: $0).trimmingCharacters(in: .whitespaces) }
            // The note's lines are the bottom rows; joined without spaces (a path cut at the edge runs on to the
            // next row), the whole note is there.
            let glued = rows.dropFirst().joined().replacingOccurrences(of: " ", with: "")
            #expect(glued.contains(note.replacingOccurrences(of: " ", with: "")), "\(size): \(grid.text)")
        }
    }

    @Test func editsThatCouldNotBeSavedAreCopiedWhereTheyOutliveTheSession() throws {
        var (e, dir, path) = try editorOnAFile("unsaved-copy", unsaved: "state/allies/unsaved")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let theirs = try String(contentsOfFile: path, encoding: .utf8) + "\n"
        try theirs.write(toFile: path, atomically: true, encoding: .utf8)
        addAlliance(&e)
        #expect(e.state.session.unsaved)
        let copy = dir + "/state/allies/unsaved/mine.unsaved-\(Dataset.session).edits.jsonl"
        #expect(
            e.state.note?.text.contains(
                "the edits are copied to \(copy) (allies merge-edits)") == true,
            "\(e.state.note!)")
        let changes = try EditJournal.load(copy).get().changes
        #expect(changes.map(\.key) == [RecordKey(.alliances, "nvidia-sells-apple-chips-test")])
        let merged = try Dataset.load(path: path).get().reapplying(changes, file: copy)
        #expect(
            merged.problems.isEmpty && merged.dataset.alliances.contains { $0.id == "nvidia-sells-apple-chips-test" })
        #expect(try String(contentsOfFile: path, encoding: .utf8) == theirs, "the file is theirs, untouched")
        // R reapplies the edits to the file and saves them: the copy is needless then, and removed (a trial found
        // copies piling up in the folder), with a word in the note.
        press(&e, "R")
        #expect(!e.state.session.unsaved, "\(e.state.note!)")
        #expect(!FileManager.default.fileExists(atPath: copy), "the copy is removed once its edits are saved")
        #expect(e.state.note?.text.contains("the copy of the edits a refused save made is removed") == true)
        #expect(try Dataset.load(path: path).get().alliances.contains { $0.id == "nvidia-sells-apple-chips-test" })
        // With nowhere to put a copy, the note says nothing of one.
        var (other, otherDir, otherPath) = try editorOnAFile("no-copy")
        defer { try? FileManager.default.removeItem(atPath: otherDir) }
        try "{}".write(toFile: otherPath, atomically: true, encoding: .utf8)
        addAlliance(&other)
        #expect(other.state.note?.text.contains("a copy") == false, "\(other.state.note!)")
    }

    /// Ctrl-C quits from anywhere, but it does not throw away edits that could not be saved, nor a form's changes,
    /// with one key: it says so once, as q does; again quits. It quit at once, the edits gone (a new user's trial).
    @Test func controlCWithUnsavedEditsOrAFormsChangesAsksOnce() {
        var e = editor(.bundled(proposed: "/nonexistent-dir-for-test/allies.json"))
        #expect(press(&e, "<C-c>") == [.quit], "nothing to lose: quits at once")
        e = editor(.bundled(proposed: "/nonexistent-dir-for-test/allies.json"))
        select(&e, "reddit")
        press(&e, .deleteRecord, .confirmAll)
        press(&e, "<esc>")
        #expect(e.state.session.unsaved)
        #expect(press(&e, "<C-c>") == [.none])
        #expect(e.state.note?.text == "1 edit is not saved: Ctrl-S saves; Ctrl-C again quits without it")
        #expect(press(&e, "j<C-c>") == [.none, .none], "a key in between: warned again")
        #expect(press(&e, "<C-c>") == [.quit])
        // A form with changes in it.
        e = editor()
        press(&e, .alliances, .addRecord, .open)
        type(&e, "kind", "chip")
        #expect(press(&e, "<C-c>") == [.none])
        #expect(e.state.note?.text.contains("Ctrl-C again quits without them") == true, "\(e.state.note!)")
        #expect(press(&e, "<C-c>") == [.quit])
    }

    /// An amount's currency is picked as it is typed: the letters after the number offer the ISO 4217 codes that
    /// start with them (the usual ones first), Enter takes the highlighted one; before a letter nothing is offered,
    /// so a currency is never guessed; after the currency the rest of the amount is typed as before.
    @Test func anAmountsCurrencyIsPickedAsItIsTyped() {
        var e = editor()
        press(&e, .alliances, .addRecord, .open)
        field(&e, "amounts")
        press(&e, .editField)
        press(&e, "38B ")
        #expect(!e.render(Size(width: 100, height: 50)).text.contains("▸ USD"))
        press(&e, "<enter>")
        #expect(e.state.note?.text.hasPrefix("expected a currency after the number") == true)
        press(&e, "e")
        let screen = e.render(Size(width: 100, height: 50)).text
        #expect(screen.contains("▸ EUR") && screen.contains("EGP") && screen.contains("ETB"), "\(screen)")
        press(&e, "<down><enter>")
        var form = e.state.stack.last?.screen as? FormScreen
        #expect(form?.record.value(at: FieldPath(parsing: "amounts[0].currency")!) == .string("EGP"), "\(form!.record)")
        #expect(form?.record.value(at: FieldPath(parsing: "amounts[0].value")!) == .number(38e9))
        field(&e, "amounts")
        press(&e, .editField)  // a second amount
        press(&e, "up to 5B us<enter>")
        form = e.state.stack.last?.screen as? FormScreen
        #expect(form?.record.value(at: FieldPath(parsing: "amounts[1].currency")!) == .string("USD"))
        #expect(form?.record.value(at: FieldPath(parsing: "amounts[1].bound")!) == .string("up-to"))
        #expect(FormScreen.currencyOptions("38B USD over 7y", limit: nil).isEmpty)
        #expect(FormScreen.currencyOptions("about 10B", limit: nil).isEmpty)
    }

    /// Ctrl-S while an amount that does not read is being typed saves nothing: the record held the field's last
    /// value that read, so a trial's `unos 9.79.5B USD en 5 años`, marked ✗ on screen, was saved as `unos 9.700
    /// millones de dólares` without its term. In both languages; Enter on the fixed text, then Ctrl-S, saves it.
    @Test(arguments: [Language.en, .es])
    func ctrlSNeverSavesAnAmountThatDoesNotRead(language: Language) throws {
        var (e, dir, path) = try editorOnAFile("amount-unread", language: language)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let before = try String(contentsOfFile: path, encoding: .utf8)
        press(&e, .alliances)
        select(&e, "microsoft-iren-2025")
        press(&e, .open, .editRecord)
        #expect(e.state.top == .form("alliances", "microsoft-iren-2025"))
        // The amount's money line (below its `Amount 1` heading).
        field(&e, "amounts[0]")
        press(&e, .moveDown)
        #expect(e.state.selectedID == "form/amounts[0]#" + (language == .es ? "Dinero" : "Money"))
        press(&e, .editField)
        press(&e, "<C-u>about 9.79.5B USD over 5y")
        press(&e, "<C-s>")
        #expect(e.state.top == .form("alliances", "microsoft-iren-2025"), "the form stays open")
        let note = e.state.note
        #expect(note?.isError == true, "\(String(describing: note))")
        #expect(note?.text.hasPrefix(language == .es ? "No se ha guardado: " : "Not saved: ") == true)
        let kept = e.state.catalog!.alliance("microsoft-iren-2025")!.amounts
        #expect(kept.count == 1 && kept[0].value == 9.7e9 && kept[0].termYears == 5 && kept[0].bound == .about)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == before, "the file is untouched")
        // Two points are no number in either language; a scale in words is read; `billones` is refused, and the
        // currency read on the way (`25 bil` is 25 of currency BIL) is not what the field says.
        #expect(
            e.render(Size(width: 100, height: 50)).text.contains(
                language == .es ? "no es un número" : "is not a number"))
        press(&e, "<C-u>25 billones USD")
        var screen = e.render(Size(width: 100, height: 50)).text
        #expect(screen.contains("mil millones") && !screen.contains("BIL"), "\(screen)")
        press(&e, "<C-u>muchos")
        screen = e.render(Size(width: 100, height: 50)).text
        #expect(!screen.contains("BIL"), "\(screen)")
        // Fixed, the same keys save it whole.
        press(&e, "<C-u>about 9.8B USD over 5y<enter>")
        press(&e, "<C-s>")
        let saved = e.state.catalog!.alliance("microsoft-iren-2025")!.amounts
        #expect(saved.count == 1 && saved[0].value == 9.8e9 && saved[0].termYears == 5 && saved[0].bound == .about)
    }

    @Test func aMarkedPassageBecomesTheNewFactsQuote() {
        var e = editor()
        // The Apple/Trainium2 article, from a search result.
        press(&e, .search)
        press(&e, "elegido<tab>")
        var guardCount = 0
        while e.state.top != .article("xataka-apple-trainium2-2024") && guardCount < 60 {
            if (e.state.selectedID ?? "").hasPrefix("article/") { press(&e, .open); break }
            press(&e, .moveDown)
            guardCount += 1
        }
        #expect(e.state.top == .article("xataka-apple-trainium2-2024"))
        // The first line of the text: its sentence is marked; m again adds the next.
        for _ in 0..<40
        where !(e.state.selectedID ?? "").hasPrefix("text/") && !(e.state.selectedID ?? "").hasPrefix("passage/") {
            press(&e, .moveDown)
        }
        press(&e, .markPassage)
        let first =
            "Apple ha hecho público que utilizará los chips Trainium2 de Amazon para IA, pese a que la expectativa "
            + "era que recurriese a NVIDIA, quien hasta ahora ha casi monopolizado la venta de estos chips para "
            + "entrenar modelos a las grandes tecnológicas."
        #expect(e.state.note?.text == "Marked “\(first)”: a adds a fact quoting it, m adds the next sentence")
        press(&e, .markPassage)
        #expect(e.state.note?.text.contains("Lo ha hecho en el evento anual AWS Reinvent.”") == true)
        press(&e, .addRecord)
        #expect(e.state.top == .addChooser)
        press(&e, .open)
        let form = e.state.stack.last?.screen as? FormScreen
        #expect(
            form?.record.value(at: FieldPath(parsing: "sources[0].quote")!)
                == .string(first + " Lo ha hecho en el evento anual AWS Reinvent."))
        #expect(
            form?.record.value(at: FieldPath(parsing: "sources[0].article")!) == .string("xataka-apple-trainium2-2024"))
    }

    /// `a` on a company's screen offers a new alliance with that company as its first party, and Enter makes that
    /// (it opened a new company: the Companies list's first choice), from the Companies view too.
    @Test func addingOnACompanysScreenStartsAnAllianceWithIt() {
        var e = editor()
        press(&e, .companies)
        select(&e, "microsoft")
        press(&e, .open, .addRecord)
        #expect(e.state.top == .addChooser)
        press(&e, .open)
        #expect(e.state.top == .form("alliances", nil))
        let form = e.state.stack.last?.screen as? FormScreen
        #expect(form?.record.value(at: FieldPath(parsing: "parties[0].company")!) == .string("microsoft"))
        // On the Companies list itself, a new company comes first, as before.
        var f = editor()
        press(&f, .companies, .addRecord, .open)
        #expect(f.state.top == .form("companies", nil))
    }

    @Test(arguments: [Size(width: 80, height: 24), Size(width: 40, height: 12)])
    func goldenForm(size: Size) {
        var e = editor(size: size)
        press(&e, .alliances, .addRecord, .open)
        type(&e, "kind", "chip")
        type(&e, "parties[0].role", "sup")
        // Typing a name in CJK: the picker offers the company whose alias it is.
        field(&e, "parties[0].company")
        press(&e, .editField)
        press(&e, "阿里")
        Golden.check("form-alliance-\(size.width)x\(size.height)", e.render(size))
    }
}

@Suite struct AmountTextTests {
    @Test(arguments: [
        ("38B USD over 7y", "38B USD over 7y"), ("up to 5B USD", "up to 5B USD"), ("~10B USD", "about 10B USD"),
        ("$60M/yr over 2y", "60M USD/yr over 2y"), ("8 bn eur cumulative estimated", "8B EUR cumulative estimated"),
        ("at least 1500M USD", "at least 1.5B USD"), ("more than 250K GBP", "more than 250K GBP"),
        ("38.25B USD", "38.25B USD"), ("0.5M EUR", "500K EUR"),
        ("10.5M USD per year for 3 years", "10.5M USD/yr over 3y"),
    ])
    func readsAndWritesBack(text: String, canonical: String) throws {
        let fields = try AmountText.parse(text).get()
        let json = JSONValue.object(fields.map { ($0.0.name, $0.1) })
        #expect(AmountText.format(json) == canonical)
        #expect(try AmountText.parse(canonical).get().map(\.1) == fields.map(\.1))
    }

    @Test(arguments: [
        ("", "an amount is"), ("USD", "expected a number"), ("0 USD", "greater than 0"), ("38B", "currency"),
        ("38B USD over", "term"), ("38B USD over soon", "term in years"), ("38B USD monthly", "unexpected \"monthly\""),
        ("38,5B USD", "could be read two ways"), ("38.000M USD", "could be read two ways"),
        ("10,000 USD", "could be read two ways"), ("38X USD", "unknown scale \"X\""),
        ("38B USDD", "unknown currency \"USDD\""), ("38B USD over 7y over 2y", "the term is given twice"),
    ])
    func saysWhatIsWrong(text: String, expected: String) {
        guard case .failure(let error) = AmountText.parse(text) else {
            Issue.record("\(text) was read")
            return
        }
        #expect(error.description.contains(expected), "\(error.description)")
    }
}

@Suite struct TallItemTests {
    /// On a small terminal an item can be taller than the list (a long citation with its URL): the keys scroll
    /// within it, so its last line can be read, and back up to its first.
    @Test func everyLineOfEveryAllianceCanBeReachedAt40x12() {
        let size = Size(width: 40, height: 12)
        for alliance in bundledCatalog.dataset.alliances {
            var e = explorer(size: size)
            press(&e, .alliances)
            select(&e, alliance.id)
            press(&e, .open, .bottom)
            guard let (items, _) = e.state.topItems() else { continue }
            let lastLine = items[items.count - 1].lines.last!.text.trimmingCharacters(in: .whitespaces)
            for _ in 0..<60 where !e.render(size).text.contains(lastLine) { press(&e, .moveDown) }
            #expect(e.render(size).text.contains(lastLine), "\(alliance.id): its last line cannot be reached")
            // And back up through the tall item to its first line.
            let selected = e.state.selectedIndex
            let firstLine = items[selected].lines[0].text.trimmingCharacters(in: .whitespaces)
            for _ in 0..<60 where !e.render(size).text.contains(firstLine) { press(&e, .moveUp) }
            #expect(e.render(size).text.contains(firstLine), "\(alliance.id): the tall item's top cannot be reached")
        }
    }
}
