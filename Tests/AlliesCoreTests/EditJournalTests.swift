@testable import AlliesCore
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A large dataset's edits kept beside it (`EditJournal`): every reader sees the file and its edits as one dataset,
/// a save appends one checked line, a full save writes them in, and nothing in between loses or misapplies a fact.
@Suite("Edits kept beside a dataset file")
struct EditJournalTests {
    let folder = makeTemporaryDirectory()
    var file: String { folder + "/big.json" }
    var journal: String { EditJournal.path(for: file) }

    static let bundled = try! Dataset.bundled().get()

    /// The bundled dataset written to `file`, as a user's file; its stamp.
    func start() throws -> SourceStamp {
        try Self.bundled.save(to: file, expected: nil).get()
    }

    func load() -> Result<Dataset, DatasetError> { Dataset.load(path: file) }

    /// The bundled dataset with its first alliance completed: one edit.
    static var oneEdit: Dataset {
        var edited = bundled
        edited.alliances[0].status = .completed
        return edited
    }

    /// The file started, and `oneEdit` saved to its edits file through `path` (the file, or a link to it): the stamp
    /// after the save.
    @discardableResult
    func startWithOneEdit(through path: String? = nil) throws -> SourceStamp {
        let stamp = try start()
        let opened = try path.map { try #require(SourceStamp.of($0)) } ?? stamp
        return try Self.oneEdit.save(to: path ?? file, expected: opened, since: Self.bundled, journalFrom: 0).get()
    }

    func lines(_ path: String) -> [String] {
        String(decoding: readBytes(path) ?? [], as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// Three edits of kinds a session makes (a field changed, a record added, records removed with what refers to
    /// them), each saved as one line; the file itself is untouched; every load gives the edited dataset, records in
    /// the same order; then a full save writes them in and removes the edits file.
    @Test func editsAreAppendedReadBackAndWrittenIn() throws {
        defer { removeTree(folder) }
        var stamp = try start()
        let original = readBytes(file)
        var current = Self.bundled

        var first = current
        first.alliances[3].status = .completed
        stamp = try first.save(to: file, expected: stamp, since: current, journalFrom: 0).get()
        #expect(stamp.edits != nil, "the edit went to the edits file")
        current = first

        var second = current
        var company = second.companies[0]
        company.id = "journal-test-co"
        company.name = "Empresa de prueba · 試験"
        company.parent = nil
        company.groups = []
        second.companies.append(company)
        stamp = try second.save(to: file, expected: stamp, since: current, journalFrom: 0).get()
        current = second

        let removal = current.removal(of: [RecordKey(.companies, "anthropic")], cascade: true)
        let third = current.removing(removal)
        stamp = try third.save(to: file, expected: stamp, since: current, journalFrom: 0).get()
        current = third

        #expect(readBytes(file) == original, "the dataset file itself is not rewritten")
        let written = lines(journal)
        #expect(written.count == 4, "a first line, then one line per save: \(written.count)")
        #expect(written[0].contains("\"format\":\"allies-edits\"") && written[0].contains("\"dataset\":\"big.json\""))
        #expect(written[1].contains("\"status\":\"completed\"") && written[1].contains("\"remove\":[]"))
        #expect(written[3].contains("{\"list\":\"companies\",\"id\":\"anthropic\"}"))

        let loaded = try load().get()
        #expect(loaded.hasSameRecords(as: current), "the file and its edits load as the edited dataset")
        #expect(loaded.canonicalJSON() == current.canonicalJSON())

        // Written in: the whole file, canonical, and no edits file left.
        let folded = try loaded.save(to: file, expected: stamp).get()
        #expect(folded.edits == nil)
        #expect(access(journal, F_OK) != 0, "the edits file is gone once its edits are in the file")
        #expect(readBytes(file) == Array(current.canonicalJSON().utf8))
        #expect(try load().get().hasSameRecords(as: current))
    }

    /// Below the size where edits go beside the file, a save rewrites it whole, as always.
    @Test func aSmallFileIsRewrittenWhole() throws {
        defer { removeTree(folder) }
        let stamp = try start()
        var edited = Self.bundled
        edited.alliances[0].status = .completed
        let saved = try edited.save(to: file, expected: stamp, since: Self.bundled).get()
        #expect(saved.edits == nil && access(journal, F_OK) != 0)
        #expect(readBytes(file) == Array(edited.canonicalJSON().utf8))
    }

    /// A save killed in the middle of its line leaves the line without its newline: it never said it was done, so
    /// readers leave it out and the next save cuts it off before writing its own.
    @Test func aLineCutOffByACrashIsLeftOutAndCutAway() throws {
        defer { removeTree(folder) }
        var stamp = try start()
        var edited = Self.bundled
        edited.alliances[1].status = .completed
        stamp = try edited.save(to: file, expected: stamp, since: Self.bundled, journalFrom: 0).get()
        let whole = readBytes(journal)!
        writeFile(journal, whole + Array("{\"save\":\"2026-12-04T20:00:00Z\",\"remove\":[{\"list\":\"compan".utf8))
        #expect(try load().get().hasSameRecords(as: edited), "the cut-off line is not applied")

        let stampNow = try #require(SourceStamp.of(file))
        var next = edited
        next.alliances[2].status = .completed
        _ = try next.save(to: file, expected: stampNow, since: edited, journalFrom: 0).get()
        let text = lines(journal)
        #expect(text.count == 3 && !text.joined().contains("\"compan\""), "\(text)")
        #expect(try load().get().hasSameRecords(as: next))
    }

    /// Edits saved to one version of the file are never applied to another: the file replaced since (a restore, a
    /// copy from elsewhere) is refused on open, with where and why.
    @Test func editsToAnotherVersionOfTheFileAreRefused() throws {
        defer { removeTree(folder) }
        try startWithOneEdit()
        var other = Self.bundled
        other.alliances[0].status = .inTalks
        writeFile(file, Array(other.canonicalJSON().utf8))
        let error = try #require(load().failure)
        #expect(error.diagnostics.count == 1)
        let message = error.diagnostics[0].description
        #expect(message.hasPrefix(journal + ":1:1: holds edits saved to another version of big.json"), "\(message)")
        #expect(message.contains("they are not applied"))
    }

    /// A full save stopped after it marked the edits file as written in, before removing it: the new file loads as
    /// it is (the edits not applied twice), and the next save starts a new edits file for it.
    @Test func editsMarkedAsWrittenInAreNotAppliedTwice() throws {
        defer { removeTree(folder) }
        var stamp = try start()
        var edited = Self.bundled
        edited.companies.append(
            Company(
                id: "added-once", name: "Added once", kind: .startup, country: nil,
                description: .init(en: "x", es: "x"),
                sources: [Self.bundled.alliances[0].sources[0]]))
        stamp = try edited.save(to: file, expected: stamp, since: Self.bundled, journalFrom: 0).get()
        // What a full save does up to its rename: mark, then replace the file; the edits file stays (the crash).
        let bytes = Array(edited.canonicalJSON().utf8)
        let identity = bytes.withUnsafeBufferPointer { EditJournal.Identity($0) }
        #expect(EditJournal.appendLine(EditJournal.foldedLine(identity), to: journal, expected: stamp.edits) == nil)
        writeFile(file, bytes)
        let loaded = try load().get()
        #expect(loaded.companies.filter { $0.id == "added-once" }.count == 1)
        #expect(loaded.hasSameRecords(as: edited))

        var next = edited
        next.alliances[0].status = .completed
        _ = try next.save(to: file, expected: try #require(SourceStamp.of(file)), since: edited, journalFrom: 0).get()
        let text = lines(journal)
        #expect(text.count == 2 && !text[1].contains("added-once"), "a new edits file for the new version: \(text)")
        #expect(try load().get().hasSameRecords(as: next))
    }

    /// Two sessions opened the same file: the second to save finds the edits file changed and is refused, as a
    /// save over a changed file is; nothing of the first is lost.
    @Test func aSaveOverEditsSomeoneElseSavedIsRefused() throws {
        defer { removeTree(folder) }
        let opened = try start()
        var mine = Self.bundled
        mine.alliances[0].status = .completed
        _ = try mine.save(to: file, expected: opened, since: Self.bundled, journalFrom: 0).get()
        var theirs = Self.bundled
        theirs.alliances[1].status = .completed
        let refused = theirs.save(to: file, expected: opened, since: Self.bundled, journalFrom: 0)
        guard case .failure(.changedOnDisk(let path, let what)) = refused else {
            Issue.record("expected a refusal, got \(refused)")
            return
        }
        // What changed is named: the edits file, not the dataset file (which is as it was).
        #expect(path == journal && what == "was created by something else", "\(path) \(what)")
        #expect(try load().get().hasSameRecords(as: mine))
    }

    /// An edits file damaged by hand: a line that is not JSON, a removal that leaves references behind, a record
    /// that does not check — each refused with the line, and what was expected.
    @Test func aDamagedEditsFileIsRefusedWithItsLine() throws {
        defer { removeTree(folder) }
        try startWithOneEdit()
        let good = lines(journal)

        writeFile(journal, Array((good.joined(separator: "\n") + "\n{\"save\": oops}\n").utf8))
        #expect(load().failure?.diagnostics.first?.description.hasPrefix(journal + ":3:") == true)

        let dangling = "{\"save\":\"2026-12-04T20:00:00Z\",\"remove\":[{\"list\":\"companies\",\"id\":\"anthropic\"}]}"
        writeFile(journal, Array((good.joined(separator: "\n") + "\n" + dangling + "\n").utf8))
        let refused = try #require(load().failure?.diagnostics.first)
        #expect(refused.position?.line == 3 && refused.message.contains("company \"anthropic\""), "\(refused)")

        let badRecord = good[1].replacingOccurrences(of: "\"status\":\"completed\"", with: "\"status\":\"finished\"")
        writeFile(journal, Array(([good[0], badRecord].joined(separator: "\n") + "\n").utf8))
        let bad = try #require(load().failure?.diagnostics.first)
        #expect(bad.file == journal && bad.position?.line == 2 && bad.field == "status", "\(bad)")

        writeFile(journal, Array("{\"format\":\"allies-edits\",\"version\":9}\n".utf8))
        #expect(load().failure?.diagnostics.first?.field == "version")
    }

    /// Records moved (not what a session does, but a dataset can be handed over any way): a line could not put
    /// them back in their order, so the file is written whole instead.
    @Test func changesALineCannotHoldAreWrittenWhole() throws {
        defer { removeTree(folder) }
        let stamp = try start()
        var moved = Self.bundled
        moved.alliances.swapAt(0, 1)
        let saved = try moved.save(to: file, expected: stamp, since: Self.bundled, journalFrom: 0).get()
        #expect(saved.edits == nil && access(journal, F_OK) != 0)
        #expect(readBytes(file) == Array(moved.canonicalJSON().utf8))
    }

    /// An edits file left beside a name whose file was moved away holds that file's edits: a new file saved under
    /// the name is refused, and the edits file is left as it was (a save used to write it "in" and remove it).
    @Test func aNewFileIsNotSavedOverAnotherFilesEdits() throws {
        defer { removeTree(folder) }
        try startWithOneEdit()
        let kept = readBytes(journal)
        #expect(rename(file, folder + "/moved.json") == 0)
        let refused = Self.bundled.save(to: file, expected: nil)
        guard case .failure(.editsOfAnotherFile(let path)) = refused else {
            Issue.record("a new file over another file's edits must be refused")
            return
        }
        #expect(path == journal)
        #expect(
            "\(refused)".contains("with the edits of another file of this name; nothing was written. Move it beside"))
        #expect(readBytes(journal) == kept && access(file, F_OK) != 0)
    }

    /// A line must make a dataset that loads: a company's id changed while alliances still name the old one is not
    /// appended (the whole file's check refuses it, as before the edits file); an article's text changed so that
    /// another record's quote is no longer in it, likewise; a text that keeps every quote goes to the edits file.
    @Test func aLineThatWouldNotLoadIsNotWritten() throws {
        defer { removeTree(folder) }
        let stamp = try start()
        var renamed = Self.bundled
        let i = try #require(renamed.companies.firstIndex { $0.id == "anthropic" })
        renamed.companies[i].id = "anthropic-pbc"
        guard case .failure(.invalid) = renamed.save(to: file, expected: stamp, since: Self.bundled, journalFrom: 0)
        else {
            Issue.record("a rename that leaves references behind must be refused")
            return
        }
        #expect(access(journal, F_OK) != 0)

        let article = try #require(Self.bundled.articles.firstIndex { $0.id == "ilab-alianzas-extranas-2025" })
        var misquoted = Self.bundled
        misquoted.articles[article].text = "Otro texto."
        guard case .failure(.invalid) = misquoted.save(to: file, expected: stamp, since: Self.bundled, journalFrom: 0)
        else {
            Issue.record("a text that drops quoted passages must be refused")
            return
        }
        #expect(access(journal, F_OK) != 0)

        var longer = Self.bundled
        longer.articles[article].text = (longer.articles[article].text ?? "") + "\n\nNota añadida."
        let saved = try longer.save(to: file, expected: stamp, since: Self.bundled, journalFrom: 0).get()
        #expect(saved.edits != nil)
        #expect(try load().get().articles[article].text?.hasSuffix("Nota añadida.") == true)
    }

    /// A line changing an article's text that another record's quote is not in (written by hand, or by another
    /// program): refused on load with the line and the record.
    @Test func aLineChangingAQuotedTextIsCheckedOnLoad() throws {
        defer { removeTree(folder) }
        try startWithOneEdit()
        let article = try #require(Self.bundled.json(of: RecordKey(.articles, "ilab-alianzas-extranas-2025")))
        let changed = try #require(try? article.setting(FieldPath(parsing: "text")!, to: .string("Otro texto.")).get())
        let line = EditJournal.Save(at: "2026-12-04T20:00:00Z", removed: [], put: [(.articles, [changed])]).text
        writeFile(journal, readBytes(journal)! + Array((line + "\n").utf8))
        let problem = try #require(load().failure?.diagnostics.first)
        #expect(problem.position?.line == 3 && problem.field?.hasPrefix("sources[") == true, "\(problem)")
        #expect(problem.message.contains("not in the text of article"), "\(problem)")
    }

    /// Two full saves stopped after marking the edits file (the first after its rename, the second before it):
    /// the file is the first one's, which has every edit, and loads as it is.
    @Test func anyVersionTheEditsWereWrittenIntoLoads() throws {
        defer { removeTree(folder) }
        try startWithOneEdit()
        let edited = Self.oneEdit
        let first = Array(edited.canonicalJSON().utf8)
        let second = Array(edited.canonicalJSON().utf8) + Array("\n".utf8)
        for bytes in [first, second] {
            let identity = bytes.withUnsafeBufferPointer { EditJournal.Identity($0) }
            #expect(EditJournal.appendLine(EditJournal.foldedLine(identity), to: journal, expected: nil) == nil)
        }
        writeFile(file, first)
        #expect(try load().get().hasSameRecords(as: edited))
    }

    /// A dataset reached through a symbolic link has its edits beside the file itself, so the file opened by its
    /// own name has them too; a private dataset gets a private edits file.
    @Test func theEditsFileIsBesideTheFileItselfAndAsPrivate() throws {
        defer { removeTree(folder) }
        _ = try start()
        chmod(file, 0o600)
        let link = folder + "/link.json"
        #expect(symlink(file, link) == 0)
        let stamp = try #require(SourceStamp.of(link))
        var edited = Self.bundled
        edited.alliances[0].status = .completed
        _ = try edited.save(to: link, expected: stamp, since: Self.bundled, journalFrom: 0).get()
        #expect(access(journal, F_OK) == 0 && access(link + ".edits.jsonl", F_OK) != 0)
        #expect(try load().get().hasSameRecords(as: edited))
        var info = stat()
        #expect(stat(journal, &info) == 0 && info.st_mode & 0o777 == 0o600)

        // Written in through the link: the file it leads to has the edits, the link stays a link, no edits file.
        let folded = try edited.save(to: link, expected: try #require(SourceStamp.of(link))).get()
        #expect(folded.edits == nil && access(journal, F_OK) != 0)
        #expect(lstat(link, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK)
        #expect(readBytes(file) == Array(edited.canonicalJSON().utf8))
    }

    /// Many records changed in one save (the table of positions, past eight) and many lookups (the ids' sets, kept
    /// up to date as lines remove and add records): the same dataset back.
    @Test func largeSavesAndManyLookupsGiveTheSameDataset() throws {
        defer { removeTree(folder) }
        var stamp = try start()
        var current = Self.bundled
        var next = current
        for i in 0..<12 { next.alliances[i].status = next.alliances[i].status == .completed ? .announced : .completed }
        let removal = next.removal(of: [RecordKey(.companies, "run-ai")], cascade: true)
        next = next.removing(removal)
        stamp = try next.save(to: file, expected: stamp, since: current, journalFrom: 0).get()
        current = next
        var added = current
        var company = added.companies[0]
        company.id = "run-ai"
        company.parent = nil
        company.groups = []
        added.companies.append(company)
        _ = try added.save(to: file, expected: stamp, since: current, journalFrom: 0).get()
        #expect(try load().get().hasSameRecords(as: added))

        let ids = DatasetIDs(scanLimit: 0)
        #expect(ids.has(.companies, "anthropic", in: added) && !ids.has(.companies, "nobody", in: added))
        ids.removed([RecordKey(.companies, "anthropic")])
        ids.added([RecordKey(.companies, "nobody")])
        #expect(!ids.has(.companies, "anthropic", in: added) && ids.has(.companies, "nobody", in: added))
    }

    /// The checksum names a file's version in every edits file: a change of it makes every edits file "another
    /// version", so it is pinned here with the edits file's version.
    @Test func theChecksumIsPinned() {
        let bytes = Array("Amazon invertirá unos 10.000 millones de dólares en OpenAI · 試験".utf8)
        let sum = bytes.withUnsafeBytes { DatasetCache.checksum($0) }
        #expect(EditJournal.version == 2 && EditJournal.versionsRead == [1, 2])
        #expect(EditJournal.Identity.hex(sum) == "66230fb9f5de33d6", "the checksum changed: bump EditJournal.version")
    }

    /// Checks that reading `file` through its store in `cache` gives the dataset the JSON and its edits give, and
    /// search answers (from the store's index patched for the edits it lacks) as that dataset's own index does.
    func readThroughTheStore(_ cache: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let loaded = try DatasetCache.read(source: file, directory: cache).get()
        let json = try load().get()
        #expect(loaded.catalog.dataset.hasSameRecords(as: json), sourceLocation: sourceLocation)
        #expect(loaded.index == nil, sourceLocation: sourceLocation)
        let patched = try #require(loaded.patchedIndex(), sourceLocation: sourceLocation)
        let full = SearchIndex(Catalog(json))
        for input in [
            "amazon", "anthropic inversión", "zebrafish", "kind:investment", "status:completed", "nube", "quokka",
            "wombat",
        ] {
            let query = try Query.parse(input, catalog: patched.catalog).get()
            let a = patched.answer(query, limit: 20), b = full.answer(query, limit: 20)
            #expect(a.total == b.total && a.results == b.results, "\(input)", sourceLocation: sourceLocation)
        }
        // A command that reads one record in place does not take a store its edits are not all in.
        #expect(
            DatasetCache.openForQueries(source: file, directory: cache).failure != nil, sourceLocation: sourceLocation)
    }

    /// An edit saved beside the file (`allies edit`) does not make its store a first open's minute: the store is
    /// read with the saves made since it was written, as `Dataset.load` applies them, and its index patched for
    /// them. Whether the edits file was made since the store, or grew since.
    @Test func aStoreOfTheFileBeforeItsLastEditsIsReadWithThem() throws {
        defer { removeTree(folder) }
        var stamp = try start()
        let cache = folder + "/cache"
        var opened = try OpenedDataset.open(file, cacheDirectory: cache).get()
        #expect(opened.saveSnapshot(path: file, index: SearchIndex(opened.catalog), cacheDirectory: cache) == nil)
        #expect(try DatasetCache.read(source: file, directory: cache).get().index != nil)
        // The edits file made since the store.
        var edited = Self.bundled
        edited.alliances[0].status = .completed
        edited.alliances[1].title.es = "Zebrafish acuerdo"
        stamp = try edited.save(to: file, expected: stamp, since: Self.bundled, journalFrom: 0).get()
        try readThroughTheStore(cache)
        opened = try OpenedDataset.open(file, cacheDirectory: cache).get()
        #expect(opened.index == nil && opened.patchedIndex() != nil)
        #expect(opened.catalog.dataset.alliances[0].status == .completed)
        // The store written again (as the explorer writes it once the index is built), then more saves.
        #expect(opened.saveSnapshot(path: file, index: SearchIndex(opened.catalog), cacheDirectory: cache) == nil)
        #expect(try DatasetCache.read(source: file, directory: cache).get().index != nil)
        var more = edited
        more.alliances.remove(at: 2)
        more.companies[0].name = "Quokka Holdings"
        stamp = try more.save(to: file, expected: stamp, since: edited, journalFrom: 0).get()
        var last = more
        last.alliances[3].summary.en = "Wombat summary"
        stamp = try last.save(to: file, expected: stamp, since: more, journalFrom: 0).get()
        try readThroughTheStore(cache)
        #expect(try DatasetCache.read(source: file, directory: cache).get().catalog.dataset.hasSameRecords(as: last))
    }

    /// A file read with the stamp taken before is read with its edits as far as the stamp has them: a save appended
    /// in between is not in the dataset a store of that stamp is written of (else the next open would apply it
    /// again on top of it).
    @Test func aFileIsReadWithItsEditsAsFarAsItsStamp() throws {
        defer { removeTree(folder) }
        let stamp = try startWithOneEdit()
        let before = try #require(SourceStamp.of(file))
        var next = Self.oneEdit
        next.alliances[5].title.en = "Zebrafish"
        _ = try next.save(to: file, expected: stamp, since: Self.oneEdit, journalFrom: 0).get()
        let read = try Dataset.load(path: file, stamp: before).get()
        #expect(read.hasSameRecords(as: Self.oneEdit))
        #expect(try load().get().hasSameRecords(as: next))
        // A stamp of the file before it had edits: none read.
        var none = before
        none.edits = nil
        #expect(try Dataset.load(path: file, stamp: none).get().hasSameRecords(as: Self.bundled))
    }

    /// The bytes of the edits file a store holds are checked: changed in place since (same size, another byte), the
    /// store is not used and the file is read as usual.
    @Test func anEditsFileChangedInPlaceSinceItsStoreIsReadAsUsual() throws {
        defer { removeTree(folder) }
        let stamp = try startWithOneEdit()
        let cache = folder + "/cache"
        let opened = try OpenedDataset.open(file, cacheDirectory: cache).get()
        #expect(opened.saveSnapshot(path: file, index: SearchIndex(opened.catalog), cacheDirectory: cache) == nil)
        var next = Self.oneEdit
        next.alliances[5].title.en = "Zebrafish"
        _ = try next.save(to: file, expected: stamp, since: Self.oneEdit, journalFrom: 0).get()
        try readThroughTheStore(cache)
        // A byte of the first save's line changed in place (its status written as another valid one).
        var bytes = try #require(readBytes(journal))
        let text = String(decoding: bytes, as: UTF8.self)
        let line2 = text.split(separator: "\n")[1]
        let at = try #require(line2.range(of: "\"completed\""))
        let offset = text.utf8.distance(from: text.startIndex, to: at.lowerBound) + 1
        bytes[offset] = UInt8(ascii: "C")
        let fd = open(journal, O_WRONLY)
        #expect(pwrite(fd, bytes, bytes.count, 0) == bytes.count)
        close(fd)
        #expect(DatasetCache.read(source: file, directory: cache).failure?.reason == "the edits file changed")
        // Read as usual: the JSON and its edits, which say what is wrong with the line.
        #expect(OpenedDataset.open(file, cacheDirectory: cache).failure != nil)
    }

    /// A store of the file before it had edits, and an edits file of another version of the file put beside it:
    /// the store is not used, and the file read as usual refuses the edits, saying why.
    @Test func editsOfAnotherVersionBesideAStoreAreRefusedAsUsual() throws {
        defer { removeTree(folder) }
        _ = try start()
        let cache = folder + "/cache"
        let opened = try OpenedDataset.open(file, cacheDirectory: cache).get()
        #expect(opened.saveSnapshot(path: file, index: SearchIndex(opened.catalog), cacheDirectory: cache) == nil)
        // Edits saved to another file (another version), their edits file moved beside this one.
        let other = folder + "/other.json"
        var changed = Self.bundled
        changed.companies[0].name = "Another Version"
        let otherStamp = try changed.save(to: other, expected: nil).get()
        _ = try Self.oneEdit.save(to: other, expected: otherStamp, since: changed, journalFrom: 0).get()
        #expect(rename(EditJournal.path(for: other), journal) == 0)
        #expect(DatasetCache.read(source: file, directory: cache).failure?.reason == "the edits file changed")
        let refused = try #require(OpenedDataset.open(file, cacheDirectory: cache).failure)
        #expect(refused.description.contains("another version"))
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let e) = self { return e }
        return nil
    }
}
