import AlliesCore
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Issue #6, "Broken files": a fixed corpus of generated broken datasets (Mutator.swift) checked against the loader's
/// invariants (LoaderInvariants.swift), and one named case per item of the issue's list, each with its exact
/// diagnostic. The long run (100,000 inputs, and the 1 GB files in a release build) is `make fuzz`.
@Suite("Broken files: fuzz corpus and named cases")
struct FuzzCorpusTests {
    // MARK: The generated corpus

    /// Debug builds are slow: the corpus keeps the generated sizes modest (the long run uses the full ones).
    static func mutator(_ seed: [UInt8]) -> DatasetMutator {
        var m = DatasetMutator(seed: seed)
        m.maxNesting = 2_000
        m.maxHugeString = 1 << 14
        m.maxHugeArray = 1_500
        return m
    }

    func run(_ mutator: DatasetMutator, cases: Range<UInt64>, stream: UInt64) -> (accepted: Int, rejected: Int) {
        var accepted = 0, rejected = 0
        for k in cases {
            let m = mutator.mutant(k, stream: stream)
            let check = LoaderInvariants.check(m.bytes)
            if check.accepted { accepted += 1 } else { rejected += 1 }
            if !check.violations.isEmpty {
                Issue.record(
                    "case \(k) of stream \(stream) (\(m.summary)): \(check.violations.joined(separator: "; "))")
            }
        }
        return (accepted, rejected)
    }

    /// 1,600 inputs made from the small fixture: every mutation, many times.
    @Test func corpusFromTheFixture() {
        let (accepted, rejected) = run(Self.mutator(Array(validDataset.utf8)), cases: 0..<1_600, stream: 1)
        // Most damage must be caught; a little (a deleted optional field, a renamed free-text value) is still valid.
        #expect(rejected > 1_200 && accepted > 0, "accepted \(accepted), rejected \(rejected)")
    }

    /// 400 inputs made from the bundled dataset (143 KB, every record kind).
    @Test func corpusFromTheBundledDataset() {
        let (accepted, rejected) = run(Self.mutator(Array(Dataset.bundledBytes)), cases: 0..<400, stream: 2)
        #expect(rejected > 300 && accepted > 0, "accepted \(accepted), rejected \(rejected)")
    }

    @Test func theMutatorIsDeterministicAndUsesEveryOperation() {
        let m = Self.mutator(Array(validDataset.utf8))
        #expect(m.mutant(7).bytes == m.mutant(7).bytes)
        #expect(m.mutant(7).bytes != m.mutant(8).bytes)
        // The seed file is understood: records, ids, references, dates, amounts and currencies are found.
        #expect(
            m.records.count == 5 && m.ids.count == 5 && m.dates.count == 2 && m.amountValues.count == 1
                && m.currencies.count == 1)
        #expect(m.references.count == 5)  // a company's group, a parent, two parties, a source's article
        var seen = Set<String>()
        for k in UInt64(0)..<800 {
            for step in m.mutant(k, stream: 1).steps { seen.insert(String(step.prefix { $0 != ":" && $0 != "@" })) }
        }
        let expected: Set<String> = [
            "truncate", "flip-bytes", "delete-record", "duplicate-record", "delete-member",
            "duplicate-member", "rename-key", "swap-type", "duplicate-id", "dangling-reference",
            "impossible-date", "bad-amount", "unknown-currency", "invalid-utf8", "deep-nesting",
            "huge-string", "bom", "nul", "bad-escape", "control-character", "bad-number",
            "trailing-garbage", "utf16le", "utf16be", "odd-whitespace", "huge-array", "empty-container",
        ]
        #expect(expected.subtracting(seen).isEmpty, "never generated: \(expected.subtracting(seen).sorted())")
    }

    /// Regression: the libFuzzer driver mutates whatever input it holds, and a seed that was not valid JSON made the
    /// mutator trap (a string value left unfinished by the scanner).
    @Test func theMutatorTakesAnySeed() {
        let bytes = Array(validDataset.utf8)
        for n in stride(from: 0, through: bytes.count, by: 7) {
            let m = Self.mutator(Array(bytes[..<n]))
            for k in UInt64(0)..<4 { _ = m.mutant(k) }
        }
        for k in UInt64(0)..<50 { _ = Self.mutator(Self.mutator(bytes).mutant(k).bytes).mutant(k) }
    }

    // MARK: Helpers

    func expectOne(
        _ bytes: [UInt8], _ message: String, at position: String?, record: String?, field: String?,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let all = diagnostics(decode(bytes: bytes), sourceLocation: sourceLocation)
        #expect(all.count == 1, "got: \(all.map(\.description))", sourceLocation: sourceLocation)
        guard let d = all.first else { return }
        #expect(d.message == message, sourceLocation: sourceLocation)
        #expect(d.position?.description == position, sourceLocation: sourceLocation)
        #expect(d.record == record, sourceLocation: sourceLocation)
        #expect(d.field == field, sourceLocation: sourceLocation)
        #expect(LoaderInvariants.check(bytes).violations.isEmpty, sourceLocation: sourceLocation)
    }

    func expectOne(
        _ text: String, _ message: String, at position: String?, record: String?, field: String?,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        expectOne(Array(text.utf8), message, at: position, record: record, field: field, sourceLocation: sourceLocation)
    }

    /// The fixture with `marker` (which must occur once) replaced by raw bytes; and the marker's position.
    func fixture(replacing marker: String, with bytes: [UInt8], in text: String = validDataset) -> ([UInt8], String) {
        var b = Array(text.utf8)
        let r = b.firstRange(of: Array(marker.utf8))!
        b.replaceSubrange(r, with: bytes)
        return (b, position(of: marker, in: text))
    }

    static let alliance = "alliances[0] \"acme-globex\""

    // MARK: Truncated JSON

    @Test func cutInsideACharacter() {
        // "Artículo": the file ends between the two bytes of "í".
        let bytes = Array(validDataset.utf8)
        let cut = Array(bytes[..<(bytes.firstRange(of: Array("í".utf8))!.lowerBound + 1)])
        expectOne(
            cut, "unterminated string", at: position(of: "\"Artículo", in: validDataset), record: "articles[0]",
            field: "title")
    }

    @Test func everyCutOfTheBundledDatasetNamesTheEnd() {
        // 100 cuts spread over the bundled file: each is rejected with one diagnostic at the end of the input, or at
        // the opening quote of the string it cuts.
        let bytes = Array(Dataset.bundledBytes)
        for k in 1...100 {
            let cut = Array(bytes[..<(bytes.count * k / 101)])
            let all = diagnostics(decode(bytes: cut))
            #expect(all.count == 1 && all[0].message.hasPrefix("un"), "cut at \(cut.count): \(all.map(\.description))")
            #expect(LoaderInvariants.check(cut).violations.isEmpty)
        }
    }

    // MARK: Wrong types

    @Test func wrongTypes() {
        let found = [
            "42": "a number", "true": "true or false", "null": "null", "[]": "an array", "{}": "an object",
            "[\"Acme\"]": "an array",
        ]
        for (value, noun) in found {
            let text = replacing("\"name\": \"Acme\"", with: "\"name\": \(value)", in: validDataset)
            expectOne(
                text, "expected a string, found \(noun)",
                at: position(of: "\"name\": \(value)", in: text, occurrence: 1).shifted(8),
                record: "companies[0] \"acme\"", field: "name")
        }
        let parties = replacing("\"parties\": [", with: "\"parties\": \"x\", \"_\": [", in: validDataset)
        #expect(diagnostics(parties).map(\.message).contains("expected an array, found a string"))
        let list = replacing("\"articles\": [", with: "\"articles\": {}, \"x\": [", in: validDataset)
        #expect(
            diagnostics(list).map(\.description) == [
                "test.json:4:15: field articles: expected an array, found an object",
                "test.json:4:19: unknown field \"x\": expected one of format, version, articles, groups, companies, "
                    + "alliances, claims, people, shareEstimates",
                "test.json:51:21: alliances[0] \"acme-globex\", field sources[0].article: unknown article \"a1\": "
                    + "no article has this id",
            ])
        let top = replacing("\"groups\": [\n    {", with: "\"groups\": 7, \"g\": [\n    {", in: validDataset)
        #expect(
            diagnostics(top).first?.description == "test.json:12:13: field groups: expected an array, found a number")
    }

    // MARK: Missing and duplicate ids

    @Test func missingID() {
        let text = replacing("      \"id\": \"acme\",\n", with: "", in: validDataset)
        let all = diagnostics(text)
        #expect(
            all.map(\.message) == [
                "missing required field \"id\"",
                "unknown company \"acme\": no company has this id",
                "unknown company \"acme\": no company has this id",
            ])
        #expect(all.map { $0.record ?? "" } == ["companies[0]", "companies[1] \"globex\"", Self.alliance])
        #expect(all.map { $0.field ?? "" } == ["", "parent", "parties[0].company"])
    }

    @Test func duplicateIDNamesTheFirstUseEvenOutOfOrder() {
        // a, b, a, b: each duplicate names the line of the first use, found in the one pass that places the errors.
        let text =
            "{\"format\": \"allies-dataset\", \"version\": 1, \"companies\": [], \"alliances\": [], \"articles\": [\n"
            + ["a", "b", "a", "b"].map { "{\"id\": \"\($0)\", \"title\": \"t\", \"language\": \"es\"}" }.joined(
                separator: ",\n") + "]}"
        let all = diagnostics(text)
        #expect(
            all.map(\.description) == [
                "test.json:4:8: articles[2] \"a\": duplicate id \"a\": already used at line 2 of articles",
                "test.json:5:8: articles[3] \"b\": duplicate id \"b\": already used at line 3 of articles",
            ])
    }

    /// Regression: 40,000 duplicate ids in 2 MB took 52 s (a position per problem, each counted from the start of
    /// the file). Now reading stops after Dataset.maximumProblems, and positions come from one pass.
    @Test func thousandsOfDuplicateIDsStopAtTheLimit() {
        let header =
            "{\"format\": \"allies-dataset\", \"version\": 1, \"companies\": [], \"alliances\": [], \"articles\": [\n"
        let record = "{\"id\": \"a1\", \"title\": \"t\", \"language\": \"es\"}"
        let text = header + Array(repeating: record, count: 40_000).joined(separator: ",\n") + "]}"
        let started = ContinuousClock.now
        let all = diagnostics(text)
        #expect(ContinuousClock.now - started < .seconds(20))
        #expect(all.count == Dataset.maximumProblems + 1)
        #expect(
            all.first?.description
                == "test.json:3:8: articles[1] \"a1\": duplicate id \"a1\": already used at line 2 of articles")
        #expect(
            all.dropLast().last?.description
                == "test.json:1002:8: articles[1000] \"a1\": duplicate id \"a1\": already used at line 2 of articles")
        #expect(
            all.last?.description == "test.json:1003:1: field articles: too many problems (1000): reading stopped here")
    }

    /// Positions of a thousand problems spread over one 16 MB line: one pass, not one pass per problem.
    @Test func positionsOfManyProblemsOnOneLongLine() {
        let gap = String(repeating: " ", count: 16_384)
        let header =
            "{\"format\": \"allies-dataset\", \"version\": 1, \"companies\": [], \"alliances\": [], \"articles\": ["
        let text = header + Array(repeating: "1" + gap, count: 999).joined(separator: ",") + "]}"
        let started = ContinuousClock.now
        let all = diagnostics(text)
        #expect(ContinuousClock.now - started < .seconds(20))
        #expect(all.count == 999)
        for (k, d) in all.enumerated() {
            let column = header.count + 1 + k * (gap.count + 2)
            if d.position?.description != "1:\(column)" || d.message != "expected an object, found a number"
                || d.record != "articles[\(k)]"
            {
                Issue.record("problem \(k): \(d)")
                break
            }
        }
    }

    // MARK: Dangling references

    @Test func danglingReferencesStopAtTheLimit() {
        let head =
            "{\"format\": \"allies-dataset\", \"version\": 1, \"articles\": [], \"alliances\": [], \"companies\": "
            + "[{\"id\": \"c\", \"name\": \"C\", \"kind\": \"cloud\", \"description\": {\"en\": \"e\", \"es\": "
            + "\"s\"}, \"groups\": ["
        let text = head + Array(repeating: "\"g\"", count: 1_500).joined(separator: ",") + "]}]}"
        let all = diagnostics(text)
        #expect(all.count == Dataset.maximumProblems + 1)
        let expectedFirst =
            "test.json:1:\(head.count + 1): companies[0] \"c\", field groups[0]: unknown group \"g\": "
            + "no group has this id"
        #expect(all.first?.description == expectedFirst)
        let expectedLast =
            "test.json:1:\(head.count + 1 + 4 * 1000): companies[0] \"c\", field groups[1000]: "
            + "too many problems (1000): 500 unknown references from here on are not listed"
        #expect(all.last?.description == expectedLast)
    }

    @Test func aHugeDanglingReferenceIsQuotedShortAndQuickly() {
        let id = String(repeating: "a", count: 1 << 20)
        let text = replacing("{\"company\": \"globex\",", with: "{\"company\": \"\(id)\",", in: validDataset)
        let started = ContinuousClock.now
        expectOne(
            text, "unknown company \"\(String(repeating: "a", count: 60))…\": no company has this id",
            at: position(of: "\"aaaa", in: text), record: Self.alliance, field: "parties[1].company")
        // Regression: "did you mean" compared the 1 MB id with every company (0.7 s a reference in release).
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test func closestMatchSkipsOnlyHopelessCandidates() {
        // The length filter in closestMatch gives the answers of the plain search.
        func plain(_ word: String, _ candidates: [String]) -> String? {
            var best: (String, Int)?
            for c in candidates { let d = editDistance(word, c); if d < (best?.1 ?? Int.max) { best = (c, d) } }
            guard let best else { return nil }
            return best.1 <= max(2, min(word.count, best.0.count) / 3) ? best.0 : nil
        }
        var rng = FuzzRandom(seed: 6)
        let letters = Array("abcde-é")
        for _ in 0..<2_000 {
            let word = String((0..<rng.below(14)).map { _ in rng.pick(letters) })
            let candidates = (0..<rng.below(8)).map { _ in String((0..<rng.below(14)).map { _ in rng.pick(letters) }) }
            #expect(closestMatch(to: word, in: candidates) == plain(word, candidates), "\(word) in \(candidates)")
        }
    }

    /// `NearWords` gives `editDistance`'s answer whenever it is within the limit and nil past it, one word measured
    /// against many candidates (its rows reused, long and short ones in turn), in any script, and by bytes for ASCII.
    @Test func nearWordsGiveTheEditDistanceWithinTheirLimit() {
        var rng = FuzzRandom(seed: 9)
        let letters = Array("abcde-éк한")
        var within = 0, past = 0, ascii = 0
        for _ in 0..<300 {
            let word = String((0..<rng.below(14)).map { _ in rng.pick(letters) })
            var near = NearWords(word, limit: rng.below(5))
            for _ in 0..<20 {
                // Half the candidates are the word with a few edits, half anything.
                var edited = Array(word)
                for _ in 0..<rng.below(5) {
                    let at = rng.below(edited.count + 1)
                    switch rng.below(3) {
                    case 0: edited.insert(rng.pick(letters), at: at)
                    case 1 where at < edited.count: edited.remove(at: at)
                    default: if at < edited.count { edited[at] = rng.pick(letters) }
                    }
                }
                let candidate =
                    rng.below(2) == 0
                    ? String(edited) : String((0..<rng.below(16)).map { _ in rng.pick(letters) })
                let d = editDistance(word, candidate)
                let expected = d <= near.limit ? d : nil
                #expect(near.distance(to: candidate) == expected, "\(word) \(candidate) \(near.limit)")
                // An ASCII candidate measured by its bytes (the store's ids and names) gives the same.
                if candidate.utf8.allSatisfy({ $0 < 0x80 }) {
                    #expect(near.distance(toASCII: Array(candidate.utf8)) == expected, "\(word) \(candidate)")
                    ascii += 1
                }
                if expected == nil { past += 1 } else { within += 1 }
            }
        }
        #expect(within > 1_000 && past > 1_000 && ascii > 300, "\(within) \(past) \(ascii)")
    }

    // MARK: Impossible dates

    @Test func impossibleDates() {
        let cases = [
            ("2024-02-30", "day 30 does not exist in that month (it has 29 days)"),
            ("2023-02-29", "day 29 does not exist in that month (it has 28 days)"),
            ("1900-02-29", "day 29 does not exist in that month (it has 28 days)"),
            ("2100-02-29", "day 29 does not exist in that month (it has 28 days)"),
            ("2024-04-31", "day 31 does not exist in that month (it has 30 days)"),
            ("2024-06-00", "day 0 does not exist in that month (it has 30 days)"),
            ("2024-00-10", "month 0 does not exist (expected 01–12)"),
            ("2024-13-01", "month 13 does not exist (expected 01–12)"),
            ("1899", "year 1899 is outside 1900–2100"),
            ("0000-01-01", "year 0 is outside 1900–2100"),
            ("2024-1-5", "expected a date as YYYY, YYYY-MM or YYYY-MM-DD"),
            ("2024-02-29T00:00", "expected a date as YYYY, YYYY-MM or YYYY-MM-DD"),
            ("２０２４", "expected a date as YYYY, YYYY-MM or YYYY-MM-DD"),
        ]
        for (date, why) in cases {
            let text = replacing("\"2024-06-15\"", with: "\"\(date)\"", in: validDataset)
            expectOne(
                text, "invalid date \"\(date)\": \(why)", at: position(of: "\"\(date)\"", in: text),
                record: Self.alliance, field: "date.value")
        }
        #expect(decode(replacing("\"2024-06-15\"", with: "\"2000-02-29\"", in: validDataset)).value != nil)
    }

    // MARK: Amounts

    @Test func negativeNaNLikeAndAbsurdAmounts() {
        let invalid = "expected a positive value below 10^15 in units of the currency"
        // Values that are numbers: reported, and reading goes on (the record keeps its id).
        for (value, shown) in [
            ("-5", "-5"), ("0", "0"), ("-0", "0"), ("-1000000", "-1000000"), ("1e15", "1000000000000000"),
            ("999999999999999999999", "1e+21"), ("1E+308", "1e+308"), ("1e-400", "0"),
        ] {
            let text = replacing("\"value\": 1000000", with: "\"value\": \(value)", in: validDataset)
            expectOne(
                text, "invalid amount \(shown): \(invalid)", at: position(of: value + ",", in: text),
                record: Self.alliance, field: "amounts[0].value")
        }
        // Not JSON numbers: a syntax error at the value, which stops the reading (so the record has no id yet).
        let syntax = [
            ("1e400", "number out of range"), ("-1e400", "number out of range"),
            (String(repeating: "9", count: 400), "number out of range"),
            ("NaN", "unexpected character 'N': expected a value"),
            ("Infinity", "unexpected character 'I': expected a value"),
            ("-Infinity", "invalid number"), ("+1", "unexpected character '+': expected a value"),
            (".5", "unexpected character '.': expected a value"), ("1.", "invalid number: digits expected after '.'"),
            ("1e", "invalid number: digits expected in the exponent"),
            // Regression: "01" and "0x10" gave "invalid amount 0" and then a syntax error at the next character.
            ("01", "invalid number: leading zeros are not allowed"),
            ("0x10", "invalid number: unexpected character 'x' in it"),
            ("1.2.3", "invalid number: unexpected character '.' in it"),
            ("12abc", "invalid number: unexpected character 'a' in it"),
        ]
        for (value, message) in syntax {
            let text = replacing("\"value\": 1000000", with: "\"value\": \(value)", in: validDataset)
            expectOne(
                text, message, at: position(of: value + ",", in: text), record: "alliances[0]",
                field: "amounts[0].value")
        }
        // Text where a number belongs.
        let string = replacing("\"value\": 1000000", with: "\"value\": \"1000000\"", in: validDataset)
        expectOne(
            string, "expected a number, found a string", at: position(of: "\"1000000\"", in: string),
            record: Self.alliance, field: "amounts[0].value")
    }

    @Test func unknownCurrencies() {
        let iso = "expected an ISO 4217 code such as USD, EUR or CNY"
        for (code, shown, hint) in [
            ("USB", "USB", " (did you mean \"USD\"?)"), ("usd", "usd", " (did you mean \"USD\"?)"),
            ("€", "€", ""), ("BTC", "BTC", " (did you mean \"BTN\"?)"),
            ("\\u202eDSU", "\\u{202e}DSU", ""), ("U\\u0000D", "U\\u{0}D", " (did you mean \"USD\"?)"),
        ] {
            let text = replacing("\"currency\": \"USD\"", with: "\"currency\": \"\(code)\"", in: validDataset)
            expectOne(
                text, "unknown currency \"\(shown)\": \(iso)\(hint)", at: position(of: "\"\(code)\"", in: text),
                record: Self.alliance, field: "amounts[0].currency")
        }
        let empty = replacing("\"currency\": \"USD\"", with: "\"currency\": \"\"", in: validDataset)
        expectOne(
            empty, "expected a non-empty string", at: position(of: "\"\"", in: empty), record: Self.alliance,
            field: "amounts[0].currency")
    }

    // MARK: Invalid UTF-8

    @Test func everyKindOfInvalidUTF8InAString() {
        let text = replacing("\"Acme invierte\"", with: "\"Acme § invierte\"", in: validDataset)
        for (kind, sequence) in DatasetMutator.invalidUTF8 {
            let (bytes, at) = fixture(replacing: "§", with: sequence, in: text)
            let all = diagnostics(decode(bytes: bytes))
            #expect(
                all.map(\.description) == [
                    "test.json:\(at): alliances[0], field sources[0].quote: invalid UTF-8 in a string"
                ], "\(kind)")
        }
    }

    @Test func invalidUTF8InAStringWithEscapesPointsAtTheByte() {
        // Regression: with an escape in the string, the error pointed at the string's start.
        let text = replacing("\"Acme invierte\"", with: "\"Acme\\n\\u00e9 § invierte\"", in: validDataset)
        let (bytes, at) = fixture(replacing: "§", with: [0xED, 0xA0, 0x80], in: text)
        expectOne(bytes, "invalid UTF-8 in a string", at: at, record: "alliances[0]", field: "sources[0].quote")
    }

    @Test func invalidUTF8InAFieldNameAndBetweenValues() {
        let key = replacing("\"quote\"", with: "\"quo§te\"", in: validDataset)
        let (keyBytes, keyAt) = fixture(replacing: "§", with: [0xC0, 0xAF], in: key)
        expectOne(keyBytes, "invalid UTF-8 in a string", at: keyAt, record: "alliances[0]", field: "sources[0]")

        let between = replacing("\"status\": \"active\",", with: "\"status\": \"active\", §", in: validDataset)
        let (betweenBytes, betweenAt) = fixture(replacing: "§", with: [0x80], in: between)
        expectOne(
            betweenBytes, "unexpected byte 0x80: expected a field name in quotes", at: betweenAt,
            record: "alliances[0]", field: nil)
    }

    // MARK: Deep nesting

    @Test func deepNestingUnclosedAndMixed() {
        for (label, deep) in [
            ("100,000 open brackets", String(repeating: "[", count: 100_000)),
            (
                "objects in arrays",
                String(repeating: "[{\"a\":", count: 5_000) + "1" + String(repeating: "}]", count: 5_000)
            ),
        ] {
            let text = replacing("\"Acme invierte\"", with: deep, in: validDataset)
            let start = position(of: String(deep.prefix(6)), in: text)
            let (line, column) = (start.split(separator: ":")[0], Int(start.split(separator: ":")[1])!)
            // The top object, "alliances", the alliance, "sources" and the source are 5 levels: level 257 is the
            // 252nd bracket of the value: column 252 of the brackets,
            // or in the 126th "[{\"a\":" pair its "{", column 752.
            let offset = label.hasPrefix("100") ? 251 : 125 * 6 + 1
            expectOne(
                text, "nesting deeper than 256 levels", at: "\(line):\(column + offset + 1)", record: "alliances[0]",
                field: "sources[0].quote")
        }
    }

    // MARK: Huge strings, byte-order marks, NUL bytes, UTF-16

    @Test func aHugeStringLoadsAndRoundTrips() throws {
        let name = String(repeating: "é", count: 1 << 19)  // 1 MB
        let text = replacing("\"name\": \"Acme\"", with: "\"name\": \"\(name)\"", in: validDataset)
        let d = try decode(text).get()
        #expect(d.companies[0].name == name)
        #expect(LoaderInvariants.check(Array(text.utf8)).violations.isEmpty)
    }

    @Test func byteOrderMarks() {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        expectOne(
            bom + bom + Array(validDataset.utf8), "unexpected byte 0xEF: expected a value", at: "1:1", record: nil,
            field: nil)
        let (inside, at) = fixture(replacing: "  \"version\": 1,", with: bom + Array("  \"version\": 1,".utf8))
        expectOne(inside, "unexpected byte 0xEF: expected a field name in quotes", at: at, record: nil, field: nil)
        // Regression: a UTF-16 or UTF-32 file was "unexpected byte 0xFF" (or 0x0) "expected a value".
        let utf16 = Array(validDataset.utf16)
        let scalars = validDataset.unicodeScalars.map(\.value)
        let le16: [UInt8] = utf16.flatMap { (u: UInt16) -> [UInt8] in [UInt8(u & 0xFF), UInt8(u >> 8)] }
        let be16: [UInt8] = utf16.flatMap { (u: UInt16) -> [UInt8] in [UInt8(u >> 8), UInt8(u & 0xFF)] }
        let le32: [UInt8] = scalars.flatMap { (v: UInt32) -> [UInt8] in
            [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v >> 16), 0]
        }
        let be32: [UInt8] = scalars.flatMap { (v: UInt32) -> [UInt8] in
            [0, UInt8(v >> 16), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
        }
        let cases: [([UInt8], String)] = [
            ([0xFF, 0xFE] + le16, "UTF-16 (little-endian)"), ([0xFE, 0xFF] + be16, "UTF-16 (big-endian)"),
            (le16, "UTF-16 (little-endian)"), (be16, "UTF-16 (big-endian)"),
            ([0x00, 0x00, 0xFE, 0xFF] + be32, "UTF-32 (big-endian)"),
            ([0xFF, 0xFE, 0x00, 0x00] + le32, "UTF-32 (little-endian)"),
            (be32, "UTF-32 (big-endian)"), (le32, "UTF-32 (little-endian)"),
        ]
        for (bytes, encoding) in cases {
            expectOne(
                bytes, "the file is in \(encoding), not UTF-8: save it as UTF-8", at: "1:1", record: nil, field: nil)
        }
    }

    @Test func nulBytes() {
        let (inString, at1) = fixture(replacing: "invierte\"", with: [0] + Array("invierte\"".utf8))
        expectOne(
            inString, "raw control character in a string (byte 0x0); write it as an escape such as \\n or \\u0007",
            at: at1,
            record: "alliances[0]", field: "sources[0].quote")
        let (between, at2) = fixture(replacing: "\"status\"", with: [0] + Array("\"status\"".utf8))
        expectOne(
            between, "unexpected byte 0x0: expected a field name in quotes", at: at2, record: "alliances[0]", field: nil
        )
        let lines = validDataset.split(separator: "\n", omittingEmptySubsequences: false)
        expectOne(
            Array(validDataset.utf8) + [0], "unexpected byte 0x0 after the end of the dataset object",
            at: "\(lines.count):\(lines.last!.count + 1)", record: nil, field: nil)
        expectOne([0, 0, 0, 0, 0, 0], "unexpected byte 0x0: expected a value", at: "1:1", record: nil, field: nil)
    }

    // MARK: Files

    @Test func anEmptyFileAndAFileOfOnlyAMark() throws {
        let dir = makeTemporaryDirectory()
        defer { removeTree(dir) }
        let path = dir + "/empty.json"
        writeFile(path, [])
        #expect(
            diagnostics(Dataset.load(path: path)).map(\.description)
                == ["\(path): the file is empty: expected a JSON object with \"format\": \"allies-dataset\""])
        writeFile(path, [0xEF, 0xBB, 0xBF])
        #expect(
            diagnostics(Dataset.load(path: path)).map(\.description) == [
                "\(path):1:1: unexpected end of file: expected a value"
            ])
    }

    @Test func aDirectoryAndADevice() {
        let dir = makeTemporaryDirectory()
        defer { removeTree(dir) }
        #expect(
            diagnostics(Dataset.load(path: dir)).map(\.description) == [
                "\(dir): is a directory, expected a JSON dataset file"
            ])
        #expect(
            diagnostics(Dataset.load(path: dir + "/")).map(\.description) == [
                "\(dir)/: is a directory, expected a JSON dataset file"
            ])
        #expect(diagnostics(Dataset.load(path: "/dev/null")).map(\.description) == ["/dev/null: is not a regular file"])
    }

    /// A 1 GiB file (sparse: the header, then zero bytes) is refused at the first bad byte, and loading it does not
    /// need memory in proportion to the file: the peak resident size grows by less than the file's size.
    @Test func aOneGigabyteFile() throws {
        let dir = makeTemporaryDirectory()
        defer { removeTree(dir) }
        let path = dir + "/huge.json"
        let header = "{\"format\": \"allies-dataset\", \"version\": 1, \"articles\": ["
        writeFile(path, Array(header.utf8))
        #expect(truncate(path, 1 << 30) == 0)
        let before = peakResidentMiB()
        let started = ContinuousClock.now
        let all = diagnostics(Dataset.load(path: path))
        let grew = peakResidentMiB() - before
        #expect(
            all.map(\.description) == [
                "\(path):1:\(header.count + 1): articles[0]: unexpected byte 0x0: expected a value"
            ])
        #expect(grew < 1024 + 256, "peak resident memory grew by \(grew) MiB for a 1024 MiB file")
        #expect(ContinuousClock.now - started < .seconds(20))

        // Larger than the limit: refused before reading.
        #expect(truncate(path, Dataset.maximumFileSize + (1 << 30)) == 0)
        #expect(
            diagnostics(Dataset.load(path: path)).map(\.description)
                == [
                    "\(path): is \((Dataset.maximumFileSize >> 20) + 1024) MiB; "
                        + "datasets of at most \(Dataset.maximumFileSize >> 20) MiB are read"
                ])
    }

    /// Without read permission. Root reads any file whatever its mode, so as root the load runs in a child process
    /// as the user nobody (setpriv), through `allies validate`: the same Dataset.load, with the permission really
    /// denied by the kernel. As another user, chmod 000 is enough and the load runs here.
    @Test func aFileWithoutReadPermission() throws {
        let dir = makeTemporaryDirectory()
        defer { removeTree(dir) }
        chmod(dir, 0o755)  // so nobody can reach the file: the permission denied is the file's own
        let path = dir + "/locked.json"
        writeFile(path, Array(validDataset.utf8))
        chmod(path, 0o000)
        guard getuid() == 0 else {
            #expect(
                diagnostics(Dataset.load(path: path)).map(\.description) == ["\(path): cannot open: Permission denied"])
            return
        }
        let binary = try #require(
            Self.alliesBinary(), "the built `allies` binary was not found next to the test bundle; set ALLIES_BINARY")
        let denied = try Self.runAsNobody(binary, ["validate", path])
        #expect(denied.status == 1)
        #expect(denied.stdout == "\(path): cannot open: Permission denied\n")
        // The same child with the file readable loads it: what failed above was the permission.
        chmod(path, 0o644)
        let allowed = try Self.runAsNobody(binary, ["validate", path])
        #expect(allowed.status == 0, "\(allowed.stdout)")
        #expect(allowed.stdout.hasPrefix("\(path): valid"))
    }

    // MARK: Support

    func peakResidentMiB() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss) / 1024
    }

    /// The `allies` binary built next to this test bundle (as the CLI tests find it), or $ALLIES_BINARY.
    static func alliesBinary() -> String? {
        if let path = ProcessInfo.processInfo.environment["ALLIES_BINARY"], !path.isEmpty { return path }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("allies").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }

    static func runAsNobody(_ binary: String, _ arguments: [String]) throws -> (status: Int32, stdout: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        // Never the developer's own dataset: a data home of its own that does not exist.
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_DATA_HOME"] =
            FileManager.default.temporaryDirectory.appendingPathComponent("allies-test-data-\(UUID().uuidString)").path
        process.environment = environment
        process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all", binary] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

private extension String {
    /// A "line:column" moved right by `columns`.
    func shifted(_ columns: Int) -> String {
        let parts = split(separator: ":")
        return "\(parts[0]):\(Int(parts[1])! + columns)"
    }
}
