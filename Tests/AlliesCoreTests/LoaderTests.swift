import AlliesCore
import AlliesText
import AlliesGenerator
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One test per kind of bad input: each asserts the message, the line:column, and the record and field.
@Suite("Loading and validation")
struct LoaderTests {
    /// The one diagnostic a bad input must give.
    func single(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Diagnostic {
        let all = diagnostics(text, sourceLocation: sourceLocation)
        #expect(
            all.count == 1, "expected one diagnostic, got: \(all.map(\.description))", sourceLocation: sourceLocation)
        return try #require(all.first, sourceLocation: sourceLocation)
    }

    func expect(
        _ d: Diagnostic, _ message: String, at position: String?, record: String?, field: String?,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(d.file == testFile, sourceLocation: sourceLocation)
        #expect(d.message == message, sourceLocation: sourceLocation)
        #expect(d.position?.description == position, sourceLocation: sourceLocation)
        #expect(d.record == record, sourceLocation: sourceLocation)
        #expect(d.field == field, sourceLocation: sourceLocation)
    }

    /// `companiesRead` (a large file's Companies list drawn while its alliances are read): given the companies once
    /// their list is read without a problem, before the alliances are (an alliance that fails still finds them
    /// given); never when the companies themselves have a problem.
    @Test func theCompaniesAreGivenAsSoonAsTheirListIsRead() throws {
        let dataset = try Dataset.bundled().get()
        let text = dataset.canonicalJSON()
        let folder = makeTemporaryDirectory()
        defer { removeTree(folder) }
        let path = folder + "/d.json"
        func load(_ text: String) throws -> (given: [Company]?, loaded: Bool) {
            writeFile(path, Array(text.utf8))
            var given: [Company]?
            let result = Dataset.load(path: path, companiesRead: { given = $0 })
            if case .success = result { return (given, true) }
            return (given, false)
        }
        let valid = try load(text)
        #expect(valid.loaded && valid.given == dataset.companies)
        // An alliance of an unknown kind, after the companies: they were given, and the file still fails.
        #expect(text.contains("\"kind\": \"chip-supply\""))
        let badAlliance = try load(text.replacing("\"kind\": \"chip-supply\"", with: "\"kind\": \"chips\""))
        #expect(!badAlliance.loaded && badAlliance.given == dataset.companies)
        // A company of an unknown kind: nothing given.
        #expect(text.contains("\"kind\": \"cloud\""))
        let badCompany = try load(text.replacing("\"kind\": \"cloud\"", with: "\"kind\": \"clouds\""))
        #expect(!badCompany.loaded && badCompany.given == nil)
    }

    @Test func theValidFixtureLoads() throws {
        let d = try decode(validDataset).get()
        #expect(d.articles.count == 1 && d.groups.count == 1 && d.companies.count == 2 && d.alliances.count == 1)
        #expect(d.alliances[0].date == DatedEvent(PartialDate(year: 2024, month: 6, day: 15), .announced))
    }

    // MARK: Syntax

    @Test func truncatedJSON() throws {
        let cut = String(validDataset[..<validDataset.firstRange(of: "\"kind\": \"investment\",")!.upperBound])
        let lines = cut.split(separator: "\n", omittingEmptySubsequences: false)
        let end = "\(lines.count):\(lines.last!.count + 1)"
        expect(
            try single(cut), "unexpected end of file: expected a field name", at: end, record: "alliances[0]",
            field: nil)

        // Cut inside a string: the error points at the string's opening quote.
        let inString = "{\"format\": \"allies-da"
        expect(try single(inString), "unterminated string", at: "1:12", record: nil, field: "format")

        // Cut after a value, inside an array.
        let inArray =
            "{\"format\": \"allies-dataset\", \"version\": 1, \"articles\": [{\"id\": \"a1\", \"title\": \"t\", "
            + "\"language\": \"es\"}"
        expect(
            try single(inArray), "unexpected end of file: expected ',' or ']'", at: "1:\(inArray.count + 1)",
            record: nil, field: "articles")
    }

    @Test func emptyFile() throws {
        let d = try single("")
        expect(
            d, "the file is empty: expected a JSON object with \"format\": \"allies-dataset\"", at: nil, record: nil,
            field: nil)
        #expect(
            d.description == "test.json: the file is empty: expected a JSON object with \"format\": \"allies-dataset\"")

        // Only whitespace: not empty, but there is no value.
        expect(try single("  \n "), "unexpected end of file: expected a value", at: "2:2", record: nil, field: nil)
    }

    @Test func wrongTypes() throws {
        let name = replacing("\"name\": \"Acme\"", with: "\"name\": 42", in: validDataset)
        expect(
            try single(name), "expected a string, found a number", at: position(of: "42", in: name),
            record: "companies[0] \"acme\"", field: "name")

        let version = replacing("\"version\": 1", with: "\"version\": \"1\"", in: validDataset)
        expect(try single(version), "expected a number, found a string", at: "3:14", record: nil, field: "version")

        let amounts = replacing(
            "\"amounts\": [\n        {\"value\": 1000000, \"currency\": \"USD\"}\n      ]",
            with: "\"amounts\": \"lots\"", in: validDataset)
        expect(
            try single(amounts), "expected an array, found a string", at: position(of: "\"lots\"", in: amounts),
            record: "alliances[0] \"acme-globex\"", field: "amounts")

        let empty = replacing("\"name\": \"Acme\"", with: "\"name\": \" \"", in: validDataset)
        expect(
            try single(empty), "expected a non-empty string", at: position(of: "\" \"", in: empty),
            record: "companies[0] \"acme\"", field: "name")

        let kind = replacing("\"kind\": \"startup\"", with: "\"kind\": true", in: validDataset)
        expect(
            try single(kind), "expected a string, found true or false", at: position(of: "true", in: kind),
            record: "companies[0] \"acme\"", field: "kind")

        let party = replacing("{\"company\": \"acme\", \"role\": \"investor\"}", with: "[\"acme\"]", in: validDataset)
        let partyDiagnostics = diagnostics(party)
        #expect(
            partyDiagnostics.map(\.message) == [
                "2 given, 1 of them valid: at least 2 must be (each one says what is wrong)",
                "expected an object, found an array",
            ])
        #expect(partyDiagnostics.map(\.field) == ["parties", "parties[0]"])
        #expect(partyDiagnostics.last?.position?.description == position(of: "[\"acme\"]", in: party))

        expect(try single("[]"), "expected an object, found an array", at: "1:1", record: nil, field: nil)
        expect(try single("\"allies\""), "expected an object, found a string", at: "1:1", record: nil, field: nil)
    }

    @Test func unknownEnumerationValue() throws {
        let text = replacing("\"kind\": \"startup\"", with: "\"kind\": \"startp\"", in: validDataset)
        expect(
            try single(text),
            "unknown value \"startp\": expected one of big-tech, ai-lab, chip-vendor, cloud, foundry, energy, "
                + "data-platform, network, startup, investor, research, datacenter, other (did you mean \"startup\"?)",
            at: position(of: "\"startp\"", in: text), record: "companies[0] \"acme\"", field: "kind")
    }

    @Test func missingRequiredField() throws {
        let text = replacing("      \"status\": \"active\",\n", with: "", in: validDataset)
        expect(
            try single(text), "missing required field \"status\"",
            at: position(of: "{\n      \"id\": \"acme-globex\"", in: text),
            record: "alliances[0] \"acme-globex\"", field: nil)

        let top = replacing("  \"version\": 1,\n", with: "", in: validDataset)
        expect(try single(top), "missing required field \"version\"", at: "1:1", record: nil, field: nil)

        let nested = replacing(
            "{\"en\": \"A maker\", \"es\": \"Un fabricante\"}", with: "{\"en\": \"A maker\"}", in: validDataset)
        expect(
            try single(nested), "missing required field \"es\"", at: position(of: "{\"en\": \"A maker\"}", in: nested),
            record: "companies[0] \"acme\"", field: "description")
    }

    @Test func unknownFieldWithDidYouMean() throws {
        let text = replacing("\"name\": \"Acme\"", with: "\"nmae\": \"Acme\"", in: validDataset)
        let all = diagnostics(text)
        #expect(all.count == 2)
        // The missing name is reported at the record's start, the unknown field at its key: file order.
        expect(
            all[0], "missing required field \"name\"", at: position(of: "{\n      \"id\": \"acme\"", in: text),
            record: "companies[0] \"acme\"", field: nil)
        expect(
            all[1], "unknown field \"nmae\" (did you mean \"name\"?)", at: position(of: "\"nmae\"", in: text),
            record: "companies[0] \"acme\"", field: nil)

        // Nothing close: the known fields are listed.
        let far = replacing(
            "\"format\": \"allies-dataset\",", with: "\"format\": \"allies-dataset\", \"zzzzzzzz\": 1,",
            in: validDataset)
        expect(
            try single(far),
            "unknown field \"zzzzzzzz\": expected one of format, version, articles, groups, companies, alliances, "
                + "claims, people, shareEstimates",
            at: position(of: "\"zzzzzzzz\"", in: far), record: nil, field: nil)

        // A field given twice.
        let twice = replacing("\"name\": \"Acme\",", with: "\"name\": \"Acme\", \"name\": \"Acme\",", in: validDataset)
        expect(
            try single(twice), "field \"name\" appears twice in the same object",
            at: position(of: "\"name\": \"Acme\"", in: twice, occurrence: 2), record: "companies[0] \"acme\"",
            field: nil)
    }

    @Test func hostileTextInMessagesIsQuoted() throws {
        // A field name carrying an escape sequence must not reach the terminal raw through the message.
        let text = replacing("\"name\": \"Acme\",", with: "\"name\": \"Acme\", \"\\u001b[2Jx\": 1,", in: validDataset)
        let d = try single(text)
        let expected =
            "unknown field \"\\u{1b}[2Jx\": expected one of id, name, aliases, kind, country, parent, "
            + "description, groups, products, sectors, sources, citations, records, added, updated"
        #expect(d.message == expected)
        #expect(d.description.unicodeScalars.allSatisfy { !Quoting.isUnsafe($0) })
    }

    @Test func duplicateID() throws {
        let text = replacing(
            "      \"language\": \"es\"\n    }\n  ],",
            with:
                "      \"language\": \"es\"\n    },\n    {\"id\": \"a1\", \"title\": \"Otro\", "
                + "\"language\": \"es\"}\n  ],",
            in: validDataset)
        expect(
            try single(text), "duplicate id \"a1\": already used at line 6 of articles",
            at: position(of: "\"a1\"", in: text, occurrence: 2), record: "articles[1] \"a1\"", field: nil)
    }

    @Test func danglingCompanyReference() throws {
        let text = replacing(
            "{\"company\": \"globex\", \"role\": \"investee\"}",
            with: "{\"company\": \"globexx\", \"role\": \"investee\"}", in: validDataset)
        expect(
            try single(text), "unknown company \"globexx\" (did you mean \"globex\"?)",
            at: position(of: "\"globexx\"", in: text),
            record: "alliances[0] \"acme-globex\"", field: "parties[1].company")
    }

    @Test func danglingArticleReference() throws {
        let text = replacing("\"article\": \"a1\"", with: "\"article\": \"zzz-unknown\"", in: validDataset)
        expect(
            try single(text), "unknown article \"zzz-unknown\": no article has this id",
            at: position(of: "\"zzz-unknown\"", in: text),
            record: "alliances[0] \"acme-globex\"", field: "sources[0].article")
    }

    @Test func danglingGroupReference() throws {
        let text = replacing("\"groups\": [\"big-nine\"]", with: "\"groups\": [\"big-ten\"]", in: validDataset)
        expect(
            try single(text), "unknown group \"big-ten\": no group has this id",
            at: position(of: "\"big-ten\"", in: text),
            record: "companies[0] \"acme\"", field: "groups[0]")
    }

    @Test func danglingParentReference() throws {
        let text = replacing("\"parent\": \"acme\"", with: "\"parent\": \"initech\"", in: validDataset)
        expect(
            try single(text), "unknown company \"initech\": no company has this id",
            at: position(of: "\"initech\"", in: text),
            record: "companies[1] \"globex\"", field: "parent")

        let own = replacing("\"parent\": \"acme\"", with: "\"parent\": \"globex\"", in: validDataset)
        expect(
            try single(own), "a company cannot be its own parent", at: position(of: "\"globex\"", in: own),
            record: "companies[1] \"globex\"", field: nil)
    }

    @Test func impossibleDate() throws {
        let text = replacing("\"2024-06-15\"", with: "\"2024-02-30\"", in: validDataset)
        expect(
            try single(text), "invalid date \"2024-02-30\": day 30 does not exist in that month (it has 29 days)",
            at: position(of: "\"2024-02-30\"", in: text), record: "alliances[0] \"acme-globex\"", field: "date.value")
        let notLeap = replacing("\"2024-06-15\"", with: "\"2023-02-29\"", in: validDataset)
        expect(
            try single(notLeap), "invalid date \"2023-02-29\": day 29 does not exist in that month (it has 28 days)",
            at: position(of: "\"2023-02-29\"", in: notLeap), record: "alliances[0] \"acme-globex\"", field: "date.value"
        )
    }

    @Test func badMonth() throws {
        let text = replacing("\"2024-06-15\"", with: "\"2024-13-01\"", in: validDataset)
        expect(
            try single(text), "invalid date \"2024-13-01\": month 13 does not exist (expected 01–12)",
            at: position(of: "\"2024-13-01\"", in: text), record: "alliances[0] \"acme-globex\"", field: "date.value")
        let syntax = replacing("\"published\": \"2024-05\"", with: "\"published\": \"2024/05\"", in: validDataset)
        expect(
            try single(syntax), "invalid date \"2024/05\": expected a date as YYYY, YYYY-MM or YYYY-MM-DD",
            at: position(of: "\"2024/05\"", in: syntax), record: "articles[0] \"a1\"", field: "published")
    }

    @Test func yearOutOfRange() throws {
        let text = replacing("\"published\": \"2024-05\"", with: "\"published\": \"1850\"", in: validDataset)
        expect(
            try single(text), "invalid date \"1850\": year 1850 is outside 1900–2100",
            at: position(of: "\"1850\"", in: text), record: "articles[0] \"a1\"", field: "published")
    }

    @Test func negativeAmount() throws {
        let text = replacing("\"value\": 1000000", with: "\"value\": -5", in: validDataset)
        expect(
            try single(text), "invalid amount -5: expected a positive value below 10^15 in units of the currency",
            at: position(of: "-5", in: text), record: "alliances[0] \"acme-globex\"", field: "amounts[0].value")
        let zero = replacing("\"value\": 1000000", with: "\"value\": 0", in: validDataset)
        #expect(
            try single(zero).message
                == "invalid amount 0: expected a positive value below 10^15 in units of the currency")
    }

    @Test func unknownCurrency() throws {
        let text = replacing("\"currency\": \"USD\"", with: "\"currency\": \"USB\"", in: validDataset)
        expect(
            try single(text),
            "unknown currency \"USB\": expected an ISO 4217 code such as USD, EUR or CNY (did you mean \"USD\"?)",
            at: position(of: "\"USB\"", in: text), record: "alliances[0] \"acme-globex\"", field: "amounts[0].currency")
    }

    /// The fixture with the `§` in "Acme § invierte" replaced by raw bytes.
    func withBytes(_ replacement: [UInt8]) -> (bytes: [UInt8], at: String) {
        let text = replacing("\"Acme invierte\"", with: "\"Acme § invierte\"", in: validDataset)
        let marker = Array("§".utf8)
        var bytes = Array(text.utf8)
        let r = bytes.firstRange(of: marker)!
        bytes.replaceSubrange(r, with: replacement)
        return (bytes, position(of: "§", in: text))
    }

    @Test func invalidUTF8() throws {
        for bad: [UInt8] in [
            [0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF8, 0x88, 0x80, 0x80, 0x80],
        ] {
            let (bytes, at) = withBytes(bad)
            let all = diagnostics(decode(bytes: bytes))
            #expect(all.count == 1)
            let d = try #require(all.first)
            expect(d, "invalid UTF-8 in a string", at: at, record: "alliances[0]", field: "sources[0].quote")
        }
    }

    @Test func rawControlCharacterInString() throws {
        let (bytes, at) = withBytes([0x07])
        let d = try #require(diagnostics(decode(bytes: bytes)).first)
        expect(
            d, "raw control character in a string (byte 0x7); write it as an escape such as \\n or \\u0007", at: at,
            record: "alliances[0]", field: "sources[0].quote")
        let (newline, at2) = withBytes([0x0A])
        #expect(diagnostics(decode(bytes: newline)).first?.position?.description == at2)
    }

    @Test func badEscapes() throws {
        let x = replacing("\"Acme invierte\"", with: "\"Acme \\x invierte\"", in: validDataset)
        expect(
            try single(x), "invalid escape '\\x'", at: position(of: "\\x", in: x), record: "alliances[0]",
            field: "sources[0].quote")

        let hex = replacing("\"Acme invierte\"", with: "\"Acme \\u12G4 invierte\"", in: validDataset)
        expect(
            try single(hex), "invalid \\u escape: four hex digits expected", at: position(of: "\\u12G4", in: hex),
            record: "alliances[0]", field: "sources[0].quote")

        let short = replacing("\"Acme invierte\"", with: "\"Acme \\u12\"", in: validDataset)
        #expect(try single(short).message == "invalid \\u escape: four hex digits expected")

        // A backslash followed by a raw control byte: the message names the byte, it does not contain it.
        let (esc, at) = withBytes([UInt8(ascii: "\\"), 0x1B])
        let d = try #require(diagnostics(decode(bytes: esc)).first)
        expect(
            d, "invalid escape: '\\' followed by byte 0x1B", at: at, record: "alliances[0]", field: "sources[0].quote")
        #expect(d.description.unicodeScalars.allSatisfy { !Quoting.isUnsafe($0) })

        // Every valid escape decodes.
        let good = replacing("\"Acme invierte\"", with: #""\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00""#, in: validDataset)
        let dataset = try decode(good).get()
        #expect(dataset.alliances[0].sources[0].quote == "\"\\/\u{8}\u{C}\n\r\té😀")
    }

    @Test func unpairedSurrogate() throws {
        for escape in ["\\ud800", "\\udc00", "\\ud800\\u0041", "\\ud83d"] {
            let text = replacing("\"Acme invierte\"", with: "\"Acme \(escape) x\"", in: validDataset)
            expect(
                try single(text), "unpaired UTF-16 surrogate in a \\u escape", at: position(of: escape, in: text),
                record: "alliances[0]", field: "sources[0].quote")
        }
    }

    @Test func deepNestingIsAnErrorNotAStackOverflow() throws {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        // As a record list's element, as the value of an unknown field (skipped), and as objects.
        let cases = [
            replacing("\"articles\": [", with: "\"articles\": [" + deep + ", ", in: validDataset),
            replacing("\"version\": 1,", with: "\"version\": 1, \"deep\": " + deep + ",", in: validDataset),
            replacing("\"name\": \"Acme\"", with: "\"name\": " + deep, in: validDataset),
            String(repeating: "{\"a\":", count: 10_000) + "1" + String(repeating: "}", count: 10_000),
        ]
        for text in cases {
            let all = diagnostics(text)
            #expect(all.last?.message == "nesting deeper than 256 levels")
            #expect(all.count <= 2)  // with, for an unknown field, the unknown-field report
        }
        // Where it stops: just after the bracket that is one level too deep (level 257, counting the top object).
        let top = "{\"x\": " + deep + "}"
        let all = diagnostics(top)
        #expect(
            all.map(\.message) == [
                "unknown field \"x\": expected one of format, version, articles, groups, companies, alliances, claims, "
                    + "people, shareEstimates",
                "nesting deeper than 256 levels",
            ])
        #expect(all.last?.position?.description == "1:\(6 + 256 + 1)")
    }

    @Test func trailingGarbage() throws {
        let text = validDataset + "\nxyz"
        expect(
            try single(text), "unexpected character 'x' after the end of the dataset object",
            at: "\(validDataset.split(separator: "\n").count + 1):1", record: nil, field: nil)
        let second = validDataset + " {}"
        #expect(try single(second).message == "unexpected character '{' after the end of the dataset object")
        // Trailing whitespace is fine.
        #expect(decode(validDataset + "\n\n  \t\r\n").value != nil)
    }

    @Test func wrongFormatAndVersion() throws {
        let format = replacing("\"allies-dataset\"", with: "\"allies-datasets\"", in: validDataset)
        expect(
            try single(format), "unknown format \"allies-datasets\": expected \"allies-dataset\"", at: "2:13",
            record: nil, field: nil)
        let version = replacing("\"version\": 1", with: "\"version\": 2", in: validDataset)
        expect(
            try single(version), "unsupported version 2: this Allies reads version 1", at: "1:1", record: nil,
            field: nil)
    }

    // MARK: Files

    @Test func aDirectory() throws {
        let dir = makeTemporaryDirectory()
        defer { removeTree(dir) }
        let all = diagnostics(Dataset.load(path: dir))
        #expect(all.count == 1)
        #expect(
            all.first
                == Diagnostic(
                    file: dir, position: nil, record: nil, field: nil,
                    message: "is a directory, expected a JSON dataset file"))
        #expect(all.first?.description == "\(dir): is a directory, expected a JSON dataset file")
    }

    @Test func aMissingFile() throws {
        let dir = makeTemporaryDirectory()
        defer { removeTree(dir) }
        let path = dir + "/nothing-here.json"
        let all = diagnostics(Dataset.load(path: path))
        #expect(
            all == [
                Diagnostic(
                    file: path, position: nil, record: nil, field: nil,
                    message: "cannot open: No such file or directory")
            ])
    }

    @Test func aFileWithoutReadPermission() throws {
        let dir = makeTemporaryDirectory()
        defer { removeTree(dir) }
        let path = dir + "/locked.json"
        writeFile(path, Array(validDataset.utf8))
        chmod(path, 0)
        let result = Dataset.load(path: path)
        if getuid() == 0 {
            // Root reads any file regardless of its mode: the dataset still loads.
            #expect(result.value?.companies.count == 2)
        } else {
            #expect(
                diagnostics(result) == [
                    Diagnostic(
                        file: path, position: nil, record: nil, field: nil,
                        message: "cannot open: Permission denied")
                ])
        }
    }

    @Test func aFileOnDiskReportsItsPath() throws {
        let dir = makeTemporaryDirectory()
        defer { removeTree(dir) }
        let path = dir + "/bad.json"
        writeFile(path, Array(replacing("\"USD\"", with: "\"USB\"", in: validDataset).utf8))
        let d = try #require(diagnostics(Dataset.load(path: path)).first)
        #expect(d.file == path)
        #expect(d.description.hasPrefix("\(path):"))
        // And a good file loads.
        writeFile(path, Array(validDataset.utf8))
        #expect(Dataset.load(path: path).value?.alliances.count == 1)
    }

    // MARK: Several errors, BOM, fuzz

    @Test func everyErrorIsReportedInOneRun() throws {
        var text = validDataset
        text = replacing("\"name\": \"Acme\"", with: "\"name\": 42", in: text)
        text = replacing("\"currency\": \"USD\"", with: "\"currency\": \"QQQ\"", in: text)
        text = replacing("\"2024-06-15\"", with: "\"2024-02-30\"", in: text)
        text = replacing(
            "{\"company\": \"globex\", \"role\": \"investee\"}",
            with: "{\"company\": \"globexx\", \"role\": \"investee\"}", in: text)
        text = replacing("\"language\": \"es\"", with: "\"language\": \"spanish\"", in: text)
        let all = diagnostics(text)
        #expect(
            all.map(\.message) == [
                "invalid language \"spanish\": expected a two-letter ISO 639-1 code such as \"es\"",
                "expected a string, found a number",
                "unknown company \"globexx\" (did you mean \"globex\"?)",
                "unknown currency \"QQQ\": expected an ISO 4217 code such as USD, EUR or CNY",
                "invalid date \"2024-02-30\": day 30 does not exist in that month (it has 29 days)",
            ])
        #expect(all.map(\.field) == ["language", "name", "parties[1].company", "amounts[0].currency", "date.value"])
        // In file order, each with its own line.
        let lines = all.compactMap { $0.position?.line }
        #expect(lines == lines.sorted() && Set(lines).count == lines.count)
        #expect(DatasetError(all).description.split(separator: "\n").count == 5)
    }

    @Test func byteOrderMarkIsAccepted() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let dataset = try decode(bytes: bom + Array(validDataset.utf8)).get()
        #expect(dataset.companies.map(\.id) == ["acme", "globex"])
        // Columns on the first line do not count the (invisible) mark.
        let line = "{\"format\": 5, \"version\": 1, \"articles\": [], \"companies\": [], \"alliances\": []}"
        let plain = try #require(diagnostics(decode(line)).first)
        let marked = try #require(diagnostics(decode(bytes: bom + Array(line.utf8))).first)
        #expect(plain.position?.description == "1:12")
        #expect(marked.position?.description == "1:12")
        // A file holding only the mark has no value.
        #expect(diagnostics(decode(bytes: bom)).first?.message == "unexpected end of file: expected a value")
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let text = replacing(
            "\"name\": \"Acme\"", with: "\"name\": \"Ácmé\", \"aliases\": [\"阿里\", 7]", in: validDataset)
        let d = try single(text)
        expect(
            d, "expected a string, found a number", at: position(of: "7]", in: text), record: "companies[0] \"acme\"",
            field: "aliases[1]")
    }

    /// A malformed file never crashes: every prefix of the fixture, and every single-byte corruption of it, gives
    /// diagnostics (or, rarely, a dataset), never a trap.
    @Test func everyPrefixAndCorruptionIsHandled() {
        let bytes = Array(validDataset.utf8)
        for n in 0..<bytes.count {
            let result = decode(bytes: Array(bytes[0..<n]))
            if case .failure(let e) = result {
                #expect(!e.diagnostics.isEmpty)
            } else {
                Issue.record("prefix \(n) loaded")
            }
        }
        let junk: [UInt8] = [0x00, 0x22, 0x5C, 0x7B, 0x7D, 0x5B, 0x5D, 0x2C, 0x3A, 0xFF, 0xC3, 0x30, 0x2D, 0x65]
        var generator = SplitMix64(seed: 42)
        for _ in 0..<3000 {
            var copy = bytes
            copy[Int(generator.next() % UInt64(copy.count))] = junk[Int(generator.next() % UInt64(junk.count))]
            _ = decode(bytes: copy)
        }
    }
}
