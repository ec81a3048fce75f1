@testable import AlliesCore
import Testing

/// Field paths, setting them in a record's JSON, and field-by-field changes.
@Suite("Editing records by field path")
struct RecordEditingTests {
    @Test func pathsParseAndPrintBack() {
        for text in ["status", "title.es", "amounts[0].bound", "parties[12].role", "updates[0].citations[1].url"] {
            #expect(FieldPath(parsing: text)?.description == text)
        }
        for bad in [
            "", ".status", "status.", "[0]", "amounts[]", "amounts[-1]", "amounts[x]", "title..es", "a b", "título",
        ] {
            #expect(FieldPath(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test func settingAFieldChangesOnlyThatFieldAndTheDecoderChecksTheResult() throws {
        let dataset = try decode(validDataset).get()
        let key = RecordKey(.alliances, "acme-globex")
        let before = try #require(dataset.json(of: key))
        let edited = try before.setting(FieldPath(parsing: "amounts[0].bound")!, to: .string("up-to")).get()
            .setting(FieldPath(parsing: "title.es")!, to: .string("Acme invierte en Globex (hasta)")).get()
            .setting(FieldPath(parsing: "date")!, to: nil).get()
        let changes = JSONValue.changes(from: before, to: edited)
        #expect(changes.map(\.path) == ["amounts[0].bound", "title.es", "date"])
        #expect(changes[0].old == nil && changes[0].new == .string("up-to"))
        let changed = try dataset.replacing(key, with: edited, file: "--set").get()
        #expect(changed.alliances[0].amounts[0].bound == .upTo)
        #expect(changed.alliances[0].date == nil)
        #expect(changed.alliances[0].title.es == "Acme invierte en Globex (hasta)")
        #expect(changed.companies == dataset.companies)

        // A bad value is the loader's message, with the record and the field.
        let bad = try before.setting(FieldPath(parsing: "status")!, to: .string("finished")).get()
        guard case .failure(let error) = dataset.replacing(key, with: bad, file: "--set") else {
            Issue.record("a bad status was accepted"); return
        }
        #expect(error.diagnostics.map(\.field) == ["status"])
        #expect(error.diagnostics[0].record == "alliances[0] \"acme-globex\"")
        #expect(error.diagnostics[0].message.hasPrefix("unknown value \"finished\": expected one of predicted"))
    }

    @Test func listsGrowByOneAndPathsThroughScalarsAreErrors() throws {
        let record = JSONValue.object([
            ("amounts", .array([.object([("value", .number(1))])])), ("status", .string("x")),
        ])
        let appended = try record.setting(FieldPath(parsing: "amounts[1].value")!, to: .number(2)).get()
        #expect(appended.rendered(indent: 0) == #"{"amounts":[{"value":1},{"value":2}],"status":"x"}"#)
        let removed = try appended.setting(FieldPath(parsing: "amounts[0]")!, to: nil).get()
        #expect(removed.rendered(indent: 0) == #"{"amounts":[{"value":2}],"status":"x"}"#)
        guard case .failure(let far) = record.setting(FieldPath(parsing: "amounts[3].value")!, to: .number(1)) else {
            Issue.record("set past the end"); return
        }
        #expect(far.description == "amounts[3]: the list has 1 item (indices 0 to 0, or 1 to add one)")
        guard case .failure(let scalar) = record.setting(FieldPath(parsing: "status.en")!, to: .string("y")) else {
            Issue.record("set inside a string"); return
        }
        #expect(scalar.description == "status: status is not an object, it has no field \"en\"")
    }

    @Test func anyJSONParsesAndRendersBack() throws {
        for text in [#"{"a":[1,2.5,"x",null,true,{"b":{}}]}"#, "38000000000", #""texto con ñ""#, "[]", "null"] {
            #expect(try JSONValue.parse(Array(text.utf8)).get().rendered(indent: 0) == text)
        }
        for bad in ["{", "[1,]", "tru", "1 2", ""] {
            if case .success = JSONValue.parse(Array(bad.utf8)) { Issue.record("parsed \(bad)") }
        }
    }
}

/// `R`'s merge of one record both sides changed since the session read it.
@Suite("Merging a record both sides changed")
struct RecordMergeTests {
    private func json(_ text: String) -> JSONValue { try! JSONValue.parse(Array(text.utf8)).get() }

    @Test func eachSideKeepsTheFieldsOnlyItChanged() {
        let base = json(#"{"id":"a","name":"Acme","status":"announced","title":{"en":"A","es":"A"}}"#)
        let mine = json(#"{"id":"a","name":"Acme Corp","status":"announced","title":{"en":"A","es":"A (es)"}}"#)
        let theirs = json(
            #"{"id":"a","name":"Acme","status":"completed","title":{"en":"A (en)","es":"A"},"date":"2025"}"#)
        let merged = JSONValue.merge(base: base, mine: mine, theirs: theirs)
        #expect(merged.conflicts.isEmpty)
        let expected = #"{"id":"a","name":"Acme Corp","status":"completed","title":{"en":"A (en)","es":"A (es)"},"#
        #expect(merged.value == json(expected + #""date":"2025"}"#))
    }

    @Test func aFieldBothChangedTakesMineAndIsNamed() {
        let base = json(#"{"id":"a","amounts":[{"value":1}],"title":{"en":"A"},"note":"x"}"#)
        let mine = json(#"{"id":"a","amounts":[{"value":2}],"title":{"en":"Mine"}}"#)
        let theirs = json(#"{"id":"a","amounts":[{"value":1},{"value":3}],"title":{"en":"Theirs"},"note":"x"}"#)
        let merged = JSONValue.merge(base: base, mine: mine, theirs: theirs)
        // A list is one value; `note`, removed by mine and left by theirs, stays removed.
        #expect(merged.conflicts == ["amounts", "title.en"])
        #expect(merged.value == mine)
        // The same change on both sides is no conflict.
        #expect(JSONValue.merge(base: base, mine: mine, theirs: mine).conflicts.isEmpty)
    }

    @Test func aRecordRemovedOnOneSideAndChangedOnTheOtherIsAConflictOfTheWholeRecord() {
        let base = json(#"{"id":"a","name":"Acme"}"#)
        let changed = json(#"{"id":"a","name":"Acme Corp"}"#)
        let removedHere = JSONValue.merge(base: base, mine: nil, theirs: changed)
        #expect(removedHere.value == nil && removedHere.conflicts == [""])
        let removedThere = JSONValue.merge(base: base, mine: changed, theirs: nil)
        #expect(removedThere.value == changed && removedThere.conflicts == [""])
        // Removed on one side, untouched on the other: removed, quietly.
        let untouched = JSONValue.merge(base: base, mine: nil, theirs: base)
        #expect(untouched.value == nil && untouched.conflicts.isEmpty)
        // Both added the same id: merged key by key, the differing field named.
        let added = JSONValue.merge(base: nil, mine: json(#"{"id":"a","x":1}"#), theirs: json(#"{"id":"a","x":2}"#))
        #expect(added.value == json(#"{"id":"a","x":1}"#) && added.conflicts == ["x"])
    }
}

/// Removing an article with what refers to it (#13): a record that quotes it among other sources keeps them and
/// loses only that quote; a record it alone sources goes, with what refers to that; the result loads cleanly.
@Suite("Removing an article")
struct ArticleRemovalTests {
    @Test(arguments: ["xataka-apple-trainium2-2024", "ilab-alianzas-extranas-2025"])
    func recordsWithOtherSourcesLoseOnlyTheQuote(article: String) throws {
        let d = try Dataset.bundled().get()
        let key = RecordKey(.articles, article)
        let removal = d.removal(of: [key], cascade: true)
        let after = d.removing(removal)
        let quoting = Set(d.references.filter { $0.to == key }.map(\.from))
        #expect(!quoting.isEmpty)
        // Every record that quoted it is either kept (no longer quoting it, another source left) or removed.
        for r in quoting {
            #expect(removal.removed.contains(r) != (removal.unquoted[r] != nil), "\(r)")
        }
        #expect(!removal.unquoted.isEmpty, "some records quote it among other sources")
        #expect(!after.references.contains { $0.to == key })
        for (r, _) in removal.unquoted {
            #expect(after.records(withID: r.id).contains(r), "\(r) kept")
            let left = after.references.filter { $0.from == r && $0.field.hasPrefix("sources[") }
            let records =
                after.companies.first { RecordKey(.companies, $0.id) == r }?.records.count
                ?? after.alliances.first { RecordKey(.alliances, $0.id) == r }?.records.count ?? 0
            #expect(!left.isEmpty || records > 0, "\(r) keeps a source")
        }
        // A removed record had no other source, or names something else that went (a deal's party).
        for r in removal.removed.subtracting([key]) {
            let others = d.references.filter { $0.from == r && $0.field.hasPrefix("sources[") && $0.to != key }
            // (A group named is no reason: its companies only leave it.)
            let named = d.references.filter {
                $0.from == r && !$0.field.hasPrefix("sources[") && !$0.field.hasPrefix("groups[")
                    && removal.removed.contains($0.to)
            }
            #expect(others.isEmpty || !named.isEmpty, "\(r) had other sources and was removed")
        }
        // Nothing else changed, and the result is a dataset the loader takes.
        #expect(
            after.companies.count + after.alliances.count + after.claims.count + after.people.count
                == d.companies.count + d.alliances.count + d.claims.count + d.people.count
                - removal.removed.filter { [.companies, .alliances, .claims, .people].contains($0.list) }.count)
        let json = after.canonicalJSON()
        if case .failure(let e) = Dataset.decode(Array(json.utf8), file: "after.json") {
            Issue.record("the dataset after the removal does not load: \(e)")
        }
        // Without cascade, the removal is the article alone.
        #expect(d.removal(of: [key], cascade: false) == Removal(removed: [key], unquoted: [:]))
    }

    /// A group removed with what refers to it: its companies stay, out of it, with their deals.
    @Test func aGroupsCompaniesLeaveItAndStay() throws {
        let d = try Dataset.bundled().get()
        let group = try #require(d.groups.first { g in d.companies.contains { $0.groups.contains(g.id) } })
        let members = d.companies.filter { $0.groups.contains(group.id) }.map { RecordKey(.companies, $0.id) }
        let removal = d.removal(of: [RecordKey(.groups, group.id)], cascade: true)
        #expect(removal.removed == [RecordKey(.groups, group.id)])
        #expect(removal.ungrouped == Set(members))
        let after = d.removing(removal)
        #expect(after.companies.count == d.companies.count && after.alliances.count == d.alliances.count)
        #expect(!after.companies.contains { $0.groups.contains(group.id) })
    }

    /// A parent company removed with what refers to it: its units stay, as companies of their own, with their deals
    /// (AWS's deals are not Amazon's to take); the parent's own deals go.
    @Test func aParentsUnitsStayAsCompaniesOfTheirOwn() throws {
        let d = try Dataset.bundled().get()
        let units = d.companies.filter { $0.parent == "amazon" }
        #expect(!units.isEmpty)
        let unitDeals = d.alliances.filter { a in
            units.contains { u in a.parties.contains { $0.company == u.id } }
                && !a.parties.contains { $0.company == "amazon" }
        }
        #expect(!unitDeals.isEmpty, "the test needs a unit with a deal of its own")
        let removal = d.removal(of: [RecordKey(.companies, "amazon")], cascade: true)
        #expect(removal.unparented == Set(units.map { RecordKey(.companies, $0.id) }))
        #expect(units.allSatisfy { !removal.removed.contains(RecordKey(.companies, $0.id)) })
        #expect(removal.changed.isSuperset(of: removal.unparented), "they are stamped updated")
        let after = d.removing(removal)
        for unit in units { #expect(after.companies.first { $0.id == unit.id }?.parent == nil) }
        for deal in unitDeals { #expect(after.alliances.contains { $0.id == deal.id }) }
        #expect(!after.alliances.contains { a in a.parties.contains { $0.company == "amazon" } })
        if case .failure(let e) = Dataset.decode(Array(after.canonicalJSON().utf8), file: "after.json") {
            Issue.record("the dataset after the removal does not load: \(e)")
        }
    }
}
