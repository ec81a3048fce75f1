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
