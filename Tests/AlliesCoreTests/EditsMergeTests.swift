@testable import AlliesCore
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Edits put into another version of their file (`allies merge-edits`, the explorer's `R`): field by field against
/// the records as they were before the edits, so neither side's change is lost and a field both changed is named.
@Suite("Edits merged into another version of their file")
struct EditsMergeTests {
    let folder = makeTemporaryDirectory()
    var file: String { folder + "/big.json" }
    var journal: String { EditJournal.path(for: file) }
    var aside: String { folder + "/set-aside.edits.jsonl" }

    static let bundled = try! Dataset.bundled().get()

    /// A company no record refers to (removing it needs nothing else removed).
    static var lonelyCompany: String {
        bundled.companies.first { bundled.referrers(of: RecordKey(.companies, $0.id)).isEmpty }!.id
    }

    /// The session's edits: an alliance's status, a company's name, a claim removed, a group added.
    static var mine: Dataset {
        var d = bundled
        d.alliances[0].status = .completed
        d.companies[1].name = "Nombre nuevo · 新"
        d = d.removing(Set([RecordKey(.claims, d.claims[0].id)]))
        var group = d.groups[0]
        group.id = "merge-test-group"
        group.name = "Grupo de prueba"
        d.groups.append(group)
        return d
    }

    /// Someone else's version of the file: the same alliance's title and the same company's name changed.
    static var theirs: Dataset {
        var d = bundled
        d.alliances[0].title.en = "Their title"
        d.companies[1].name = "Their name"
        return d
    }

    /// The bundled dataset saved to `file`, `mine` saved to its edits file, and the edits file moved aside: what a
    /// user has after putting back another version of the file.
    func editsSetAside() throws {
        let stamp = try Self.bundled.save(to: file, expected: nil).get()
        _ = try Self.mine.save(to: file, expected: stamp, since: Self.bundled, journalFrom: 0).get()
        #expect(rename(journal, aside) == 0)
    }

    /// A list whose items stand alone (aliases, quotes) keeps both sides' additions and removals; a deal's amounts
    /// changed on both sides stay one value, named as an overlap (merged, money could count twice).
    @Test func listsOfStandAloneItemsKeepBothSidesChanges() throws {
        let base = Self.bundled
        let i = try #require(base.companies.firstIndex { $0.aliases.count >= 1 && !$0.sources.isEmpty })
        let a = try #require(base.alliances.firstIndex { !$0.amounts.isEmpty })
        var mine = base
        mine.companies[i].aliases.append("Mi alias")
        mine.companies[i].sources.removeLast()
        mine.alliances[a].amounts[0].value *= 2
        var theirs = base
        theirs.companies[i].aliases.insert("Their alias", at: 0)
        theirs.companies[i].aliases.removeLast()
        theirs.companies[i].products.append("Their product")
        theirs.alliances[a].amounts[0].bound = .upTo
        let result = theirs.reapplying(mine.recordChanges(since: base), file: "edits")
        #expect(result.problems.isEmpty, "\(result.problems)")
        let company = result.dataset.companies[i]
        let kept = base.companies[i].aliases.dropLast()
        #expect(company.aliases == Array(kept) + ["Mi alias", "Their alias"], "theirs' removal kept, both additions")
        #expect(company.sources == Array(base.companies[i].sources.dropLast()), "mine's removal kept")
        #expect(company.products == theirs.companies[i].products)
        #expect(result.overlaps.count == 1, "only the amounts: \(result.overlaps)")
        #expect(
            result.overlaps.first?.key == RecordKey(.alliances, base.alliances[a].id)
                && result.overlaps.first?.overlap == .fields(["amounts"]))
        #expect(result.dataset.alliances[a].amounts == mine.alliances[a].amounts, "yours wins, named")
    }

    /// What a merge or a diff shows of a list whose items stand alone: an alias added before another is an
    /// addition, not a rename of the one that moved; a deal's amounts still compare place by place.
    @Test func aListOfStandAloneItemsDiffersByItems() throws {
        let base = Self.bundled
        let i = try #require(base.companies.firstIndex { $0.aliases.count >= 2 })
        let a = try #require(base.alliances.firstIndex { $0.amounts.count >= 2 })
        var changed = base
        let aliases = base.companies[i].aliases
        changed.companies[i].aliases = ["MSFT"] + aliases.dropLast()
        changed.alliances[a].amounts.swapAt(0, 1)
        let diff = base.differences(to: changed)
        let company = try #require(diff.changed.first { $0.key == RecordKey(.companies, base.companies[i].id) })
        let removed = JSONValue.string(aliases.last!)
        #expect(
            company.fields
                == [
                    FieldChange(path: "aliases[0]", old: nil, new: .string("MSFT")),
                    FieldChange(path: "aliases[\(aliases.count - 1)]", old: removed, new: nil),
                ], "\(company.fields)")
        // The same items in another order are a change, place by place.
        var reordered = base
        reordered.companies[i].aliases.reverse()
        let moved = try #require(base.differences(to: reordered).changed.first?.fields)
        #expect(moved.count >= 2 && moved.allSatisfy { $0.old != nil && $0.new != nil }, "\(moved)")
        let deal = try #require(diff.changed.first { $0.key == RecordKey(.alliances, base.alliances[a].id) })
        #expect(deal.fields.allSatisfy { $0.path.hasPrefix("amounts[0]") || $0.path.hasPrefix("amounts[1]") })
        #expect(deal.fields.contains { $0.path.hasPrefix("amounts[0].") }, "field by field: \(deal.fields)")
        // A quote edited where it stands is that field's change.
        let q = try #require(base.alliances.firstIndex { $0.sources.count >= 2 })
        var edited = base
        edited.alliances[q].sources[1].note = "checked"
        let note = try #require(base.differences(to: edited).changed.first?.fields)
        #expect(
            note == [
                FieldChange(
                    path: "sources[1].note", old: base.alliances[q].sources[1].note.map(JSONValue.string),
                    new: .string("checked"))
            ])
        // The merge's own diff (the records it touched) says the same.
        let among = base.differences(to: changed, among: [RecordKey(.companies, base.companies[i].id)])
        #expect(among.changed.first?.fields == company.fields)
    }

    @Test func aSaveHoldsTheRecordsAsTheyWere() throws {
        defer { removeTree(folder) }
        try editsSetAside()
        let text = String(decoding: readBytes(aside) ?? [], as: UTF8.self).split(separator: "\n")
        #expect(text.count == 2 && text[0].contains("\"version\":2"), "\(text.first ?? "")")
        let loaded = try EditJournal.load(aside).get()
        let save = try #require(loaded.saves.first)
        let was = Dictionary(uniqueKeysWithValues: (save.was ?? []).map { ($0.list, $0.records.count) })
        // The changed alliance and company, the removed claim; not the added group (it was not there).
        #expect(was == [.alliances: 1, .companies: 1, .claims: 1], "\(was)")
        let base = Self.bundled
        let changes = loaded.changes
        #expect(
            changes.map(\.key)
                == [
                    RecordKey(.claims, base.claims[0].id), RecordKey(.groups, "merge-test-group"),
                    RecordKey(.companies, base.companies[1].id), RecordKey(.alliances, base.alliances[0].id),
                ], "\(changes.map(\.key))")
        for change in changes {
            #expect(change.beforeKnown)
            #expect(change.before == base.json(of: change.key), "\(change.key) as it was")
            #expect(change.after == Self.mine.json(of: change.key), "\(change.key) as the edits left it")
        }
    }

    @Test func editsSetAsideAreMergedFieldByField() throws {
        defer { removeTree(folder) }
        try editsSetAside()
        let theirs = Self.theirs
        let changes = try EditJournal.load(aside).get().changes
        let merged = theirs.reapplying(changes, file: aside)
        #expect(merged.problems.isEmpty, "\(merged.problems)")
        let d = merged.dataset
        #expect(d.alliances[0].status == .completed, "the edits' change")
        #expect(d.alliances[0].title.en == "Their title", "the file's change to another field of the same record")
        #expect(d.companies[1].name == "Nombre nuevo · 新", "both changed it: the edits' value, as asked")
        #expect(!d.claims.contains { $0.id == Self.bundled.claims[0].id })
        #expect(d.groups.last?.id == "merge-test-group")
        #expect(merged.overlaps.count == 1)
        #expect(merged.overlaps.first?.key == RecordKey(.companies, Self.bundled.companies[1].id))
        #expect(merged.overlaps.first?.overlap == .fields(["name"]))
        #expect(merged.alreadyIn.isEmpty)

        let fileWins = theirs.reapplying(changes, preferEdits: false, file: aside)
        #expect(fileWins.dataset.companies[1].name == "Their name")
        #expect(fileWins.dataset.alliances[0].status == .completed && fileWins.overlaps.count == 1)

        // What the command prints: the merge's differences found among the records changed are the whole diff's.
        let whole = theirs.differences(to: d), among = theirs.differences(to: d, among: changes.map(\.key))
        #expect(Set(among.added) == Set(whole.added) && Set(among.removed) == Set(whole.removed))
        #expect(among.changed.map(\.key) == whole.changed.map(\.key))
        #expect(among.changed.map(\.fields) == whole.changed.map(\.fields))
        #expect(!whole.isEmpty)
        // Merged a second time: every change is there already, nothing moves.
        let again = d.reapplying(changes, file: aside)
        #expect(again.dataset.hasSameRecords(as: d))
        #expect(again.alreadyIn.count == changes.count && again.overlaps.isEmpty)
    }

    /// A record the edits remove that the other version refers to: refused with which refers to it.
    @Test func aRemovalTheOtherVersionStillNeedsIsAProblem() throws {
        defer { removeTree(folder) }
        let lonely = Self.lonelyCompany
        let stamp = try Self.bundled.save(to: file, expected: nil).get()
        let removed = Self.bundled.removing(Set([RecordKey(.companies, lonely)]))
        _ = try removed.save(to: file, expected: stamp, since: Self.bundled, journalFrom: 0).get()
        #expect(rename(journal, aside) == 0)
        var theirs = Self.bundled
        var unit = theirs.companies.first { $0.id != lonely }!
        unit.id = "their-unit"
        unit.aliases = []
        unit.parent = lonely
        theirs.companies.append(unit)
        let merged = theirs.reapplying(try EditJournal.load(aside).get().changes, file: aside)
        #expect(merged.problems.count == 1)
        #expect(
            merged.problems.first?.description
                == aside + ": company \"\(lonely)\": removed by the edits, but referred to by company \"their-unit\"",
            "\(merged.problems.first?.description ?? "")")
    }

    /// An edits file of version 1 (no `was`) is still applied on open and appended to without `was`; merged, its
    /// records are put whole (the file's record stands in for the one before).
    @Test func anEditsFileOfVersion1IsStillReadAndKeptVersion1() throws {
        defer { removeTree(folder) }
        var stamp = try Self.bundled.save(to: file, expected: nil).get()
        let identity = try EditJournal.identity(of: file).get()
        var first = Self.bundled
        first.alliances[0].status = .completed
        var save = first.changes(since: Self.bundled)
        save.was = nil
        let header =
            "{\"format\":\"allies-edits\",\"version\":1,\"dataset\":\"big.json\",\"base\":{\"bytes\":\(identity.bytes),"
            + "\"checksum\":\"\(EditJournal.Identity.hex(identity.checksum))\"}}"
        writeFile(journal, Array((header + "\n" + save.text + "\n").utf8))
        #expect(!save.text.contains("\"was\""))
        #expect(try Dataset.load(path: file).get().hasSameRecords(as: first), "a version 1 file applies")
        stamp = try #require(SourceStamp.of(file))
        var second = first
        second.companies[0].name = "Otro nombre"
        _ = try second.save(to: file, expected: stamp, since: first, journalFrom: 0).get()
        let lines = String(decoding: readBytes(journal) ?? [], as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 3 && !lines[2].contains("\"was\""), "appended as version 1: \(lines.last ?? "")")
        #expect(try Dataset.load(path: file).get().hasSameRecords(as: second))
        let changes = try EditJournal.load(journal).get().changes
        #expect(changes.count == 2 && changes.allSatisfy { !$0.beforeKnown })
        // Merged into someone's version that changed the alliance's title: put whole, their title goes back.
        let merged = Self.theirs.reapplying(changes, file: journal)
        #expect(merged.dataset.alliances[0].status == .completed)
        #expect(merged.dataset.alliances[0].title == Self.bundled.alliances[0].title)
    }

    /// A session's unsaved edits copied as an edits file: small, of no known version (never applied on open, with
    /// what to do instead), merged into the file as it became.
    @Test func unsavedEditsAreCopiedAsAnEditsFileThatIsOnlyMerged() throws {
        defer { removeTree(folder) }
        _ = try Self.bundled.save(to: file, expected: nil).get()
        let copy = try #require(Self.mine.saveUnsavedEdits(since: Self.bundled, of: file, in: folder + "/unsaved"))
        #expect(copy == folder + "/unsaved/big.unsaved-\(Dataset.session).edits.jsonl")
        // This process and when it first wrote a copy: a later process with the same id writes another file.
        #expect(Dataset.session.hasPrefix("\(getpid())-") && Dataset.session.hasSuffix("Z"), "\(Dataset.session)")
        #expect(Self.mine.saveUnsavedEdits(since: Self.bundled, of: file, in: folder + "/unsaved") == copy)
        let bytes = readBytes(copy) ?? []
        #expect(bytes.count < 20_000, "the changes, not the dataset: \(bytes.count) bytes")
        #expect(
            String(decoding: bytes, as: UTF8.self).hasPrefix(
                "{\"format\":\"allies-edits\",\"version\":2,\"dataset\":\"big.json\",\"base\":null}\n"))
        writeFile(journal, bytes)
        let refused = try #require(Dataset.load(path: file).failure).diagnostics.first?.description ?? ""
        #expect(
            refused.hasPrefix(journal + ":1:1: holds a copy of unsaved edits, of no known version of big.json"),
            "\(refused)")
        #expect(refused.contains("`allies --data big.json merge-edits FILE`"))
        unlink(journal)
        let loaded = try EditJournal.load(copy).get()
        #expect(loaded.base == nil)
        let merged = Self.theirs.reapplying(loaded.changes, file: copy)
        #expect(merged.problems.isEmpty)
        #expect(
            merged.dataset.alliances[0].status == .completed && merged.dataset.alliances[0].title.en == "Their title")
    }
    /// Saves of one session written one after another to the edits file, which is then moved aside: its changes.
    func setAside(_ versions: [Dataset], from base: Dataset = bundled) throws -> [RecordEdit] {
        var stamp = try base.save(to: file, expected: nil).get()
        var last = base
        for version in versions {
            stamp = try version.save(to: file, expected: stamp, since: last, journalFrom: 0).get()
            last = version
        }
        #expect(rename(journal, aside) == 0)
        return try EditJournal.load(aside).get().changes
    }

    /// A record first changed by one save and made to refer, by a later save, to a record that save added: merged
    /// all the same (the records are put again while any goes in), not refused for the order they came in.
    @Test func aRecordReferringToOneAddedLaterIsMerged() throws {
        defer { removeTree(folder) }
        var first = Self.bundled
        first.alliances[0].status = .completed
        var second = first
        var article = second.articles.first { $0.id == second.alliances[0].sources[0].article }!
        article.id = "merge-test-article"
        second.articles.append(article)
        second.alliances[0].sources[0].article = article.id
        let changes = try setAside([first, second])
        #expect(changes.map(\.key) == [RecordKey(.alliances, first.alliances[0].id), RecordKey(.articles, article.id)])
        let merged = Self.theirs.reapplying(changes, file: aside)
        #expect(merged.problems.isEmpty, "\(merged.problems)")
        #expect(merged.dataset.alliances[0].sources[0].article == article.id)
        #expect(merged.dataset.articles.contains { $0.id == article.id })
    }

    /// A record the edits added and removed again is no change: the file's own record of that id stays.
    @Test func aRecordAddedAndRemovedWithinTheEditsLeavesTheFilesOwn() throws {
        defer { removeTree(folder) }
        var added = Self.bundled
        var group = added.groups[0]
        group.id = "passing-group"
        added.groups.append(group)
        let changes = try setAside([added, Self.bundled])
        #expect(changes.isEmpty, "\(changes.map(\.key))")
        var theirs = Self.theirs
        group.name = "Their group of that id"
        theirs.groups.append(group)
        let merged = theirs.reapplying(changes, file: aside)
        #expect(merged.dataset.hasSameRecords(as: theirs) && merged.overlaps.isEmpty)
    }

    /// The file's value kept where both changed a field (`--prefer file`): the record is not "already in" (the edits'
    /// value is not), it is an overlap; and of the day stamps, the earlier `added` and the later `updated` stay.
    @Test func theFilesValueKeptIsAnOverlapAndTheLaterDayStays() throws {
        defer { removeTree(folder) }
        var mine = Self.bundled
        mine.alliances[0].status = .completed
        mine.alliances[0].updated = PartialDate(year: 2026, month: 12, day: 1)
        mine.alliances[1].summary.en = "Our summary"
        mine.alliances[1].updated = PartialDate(year: 2026, month: 12, day: 5)
        let changes = try setAside([mine])
        var theirs = Self.bundled
        theirs.alliances[0].status = .ended
        theirs.alliances[0].updated = PartialDate(year: 2026, month: 12, day: 3)
        theirs.alliances[1].title.en = "Their title"
        theirs.alliances[1].updated = PartialDate(year: 2026, month: 12, day: 2)
        let fileWins = theirs.reapplying(changes, preferEdits: false, file: aside)
        #expect(fileWins.alreadyIn.isEmpty)
        #expect(fileWins.overlaps.map(\.key) == [RecordKey(.alliances, theirs.alliances[0].id)])
        #expect(fileWins.dataset.alliances[0] == theirs.alliances[0], "the file's status and its later day")
        let both = fileWins.dataset.alliances[1]
        #expect(both.summary.en == "Our summary" && both.title.en == "Their title")
        #expect(both.updated == PartialDate(year: 2026, month: 12, day: 5), "the later of the two days")
        let editsWin = theirs.reapplying(changes, file: aside).dataset.alliances[0]
        #expect(editsWin.status == .completed && editsWin.updated == PartialDate(year: 2026, month: 12, day: 3))
    }

    /// An article's text changed by the edits while the other version quotes what the new text no longer has: a
    /// problem of the merge, as it would be of a load (and the merge is not written).
    @Test func anArticleTextThatLosesAQuoteIsAProblem() throws {
        defer { removeTree(folder) }
        var base = Self.bundled
        var article = base.articles[0]
        article.id = "merge-test-article"
        article.text = "Uno. Dos."
        base.articles.append(article)
        var mine = base
        mine.articles[mine.articles.count - 1].text = "Uno."
        let changes = try setAside([mine], from: base)
        var theirs = base
        theirs.alliances[0].sources.append(SourceQuote(article: article.id, quote: "Dos."))
        let merged = theirs.reapplying(changes, file: aside)
        #expect(merged.problems.count == 1, "\(merged.problems)")
        #expect(merged.problems.first?.record == RecordKey(.alliances, theirs.alliances[0].id).description)
        #expect(merged.problems.first?.field?.hasSuffix(".quote") == true)
        // Without the other version's quote, the same edits merge.
        #expect(base.reapplying(changes, file: aside).problems.isEmpty)
    }
}
