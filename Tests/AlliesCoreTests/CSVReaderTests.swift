@testable import AlliesCore
import AlliesGenerator
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The CSV reader behind `allies import csv`: RFC 4180, what real exports add to it, and recovery from a stray
/// quote, checked on small inputs, on every chunk boundary, on random records, and on a real Crunchbase export
/// against Python's csv module.
@Suite("CSV reader")
struct CSVReaderTests {
    static let crunchbase = Paths.packageRoot + "/../shared/data/crunchbase-2015/acquisitions.csv"

    /// Every item of `bytes`, with the reader's counters at the end.
    static func read(
        _ bytes: [UInt8], chunkSize: Int = CSVReader.defaultChunkSize, separator: UInt8 = UInt8(ascii: ",")
    ) -> (items: [CSVItem], lines: Int, bytes: Int) {
        var reader = CSVReader(bytes: bytes, separator: separator, chunkSize: chunkSize)
        var items: [CSVItem] = []
        while let item = reader.next() { items.append(item) }
        return (items, reader.linesRead, reader.bytesRead)
    }

    static func read(_ text: String, chunkSize: Int = CSVReader.defaultChunkSize) -> [CSVItem] {
        read(Array(text.utf8), chunkSize: chunkSize).items
    }

    static func records(_ items: [CSVItem]) -> [CSVRecord] {
        items.compactMap { if case .record(let record) = $0 { return record } else { return nil } }
    }

    static func problems(_ items: [CSVItem]) -> [CSVProblem] {
        items.compactMap { if case .problem(let problem) = $0 { return problem } else { return nil } }
    }

    static func fields(_ items: [CSVItem]) -> [[String]] { records(items).map(\.fields) }

    // MARK: RFC 4180 and what exports do

    @Test func quotedFieldsHoldSeparatorsLineBreaksAndQuotes() {
        let items = Self.read(
            "id,name,notes\n1,\"Acme, Inc.\",\"said \"\"hi\"\"\nthen left\"\n2,\"\",\"a\rb\"\n3,\"\"\"\",x\n")
        #expect(Self.problems(items).isEmpty)
        #expect(
            Self.records(items) == [
                CSVRecord(fields: ["id", "name", "notes"], line: 1, endLine: 1),
                CSVRecord(fields: ["1", "Acme, Inc.", "said \"hi\"\nthen left"], line: 2, endLine: 3),
                CSVRecord(fields: ["2", "", "a\rb"], line: 4, endLine: 4),
                CSVRecord(fields: ["3", "\"", "x"], line: 5, endLine: 5),
            ])
    }

    @Test func crlfEndsLinesAndALoneCRIsData() {
        let (items, lines, _) = Self.read(Array("a,b\r\n1,\"x\r\ny\"\r\n2,c\rd\r\n\"q\",3\r\n".utf8))
        #expect(
            Self.records(items) == [
                CSVRecord(fields: ["a", "b"], line: 1, endLine: 1),
                // Inside quotes a CRLF is data, as it was written.
                CSVRecord(fields: ["1", "x\r\ny"], line: 2, endLine: 3),
                CSVRecord(fields: ["2", "c\rd"], line: 4, endLine: 4),
                CSVRecord(fields: ["q", "3"], line: 5, endLine: 5),
            ])
        #expect(lines == 5)
    }

    @Test func aUTF8ByteOrderMarkIsSkipped() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("name,city\nAcme,León\n".utf8)
        let (items, lines, read) = Self.read(bytes)
        #expect(Self.fields(items) == [["name", "city"], ["Acme", "León"]])
        #expect(lines == 2)
        #expect(read == bytes.count)
    }

    @Test func aLastLineWithoutNewlineIsARecord() {
        let (items, lines, read) = Self.read(Array("a,b\n1,2".utf8))
        #expect(
            Self.records(items) == [
                CSVRecord(fields: ["a", "b"], line: 1, endLine: 1), .init(fields: ["1", "2"], line: 2, endLine: 2),
            ])
        #expect(lines == 2)
        #expect(read == 7)
        #expect(Self.fields(Self.read("a,b\n\"x\",")) == [["a", "b"], ["x", ""]])
        #expect(Self.fields(Self.read("a,b\n\"x\",\"y\"")) == [["a", "b"], ["x", "y"]])
        #expect(Self.fields(Self.read("a,b\r\n1,2\r")) == [["a", "b"], ["1", "2"]])
    }

    @Test func blankLinesAreSkippedButCounted() {
        let (items, lines, _) = Self.read(Array("a\n\n1\r\n\r\n\n2\n\n".utf8))
        #expect(
            Self.records(items) == [
                CSVRecord(fields: ["a"], line: 1, endLine: 1), .init(fields: ["1"], line: 3, endLine: 3),
                .init(fields: ["2"], line: 6, endLine: 6),
            ])
        #expect(lines == 7)
        // A line of spaces is not blank: it is a field.
        #expect(Self.fields(Self.read("a\n \n")) == [["a"], [" "]])
    }

    @Test func aQuoteInsideAnUnquotedFieldIsTakenLiterally() {
        let items = Self.read("a,b\nab\"c,d\"\n5\" disk,x\n")
        #expect(Self.problems(items).isEmpty)
        #expect(Self.fields(items) == [["a", "b"], ["ab\"c", "d\""], ["5\" disk", "x"]])
    }

    @Test func controlCharactersAndNULAreData() {
        let bytes: [UInt8] = Array("a,b\n".utf8) + [0, 0x2C, 0x01, 0x1B, 0x5B, 0x7F, 0x0A] + Array("\"\t\0\",x\n".utf8)
        #expect(Self.fields(Self.read(bytes).items) == [["a", "b"], ["\0", "\u{1}\u{1B}[\u{7F}"], ["\t\0", "x"]])
    }

    // MARK: Problems

    @Test func invalidUTF8IsAProblemWithItsPlaceAndReadingGoesOn() throws {
        let bytes =
            Array("name,city\nAcme,Málaga\n".utf8) + Array("ñandú,Caf".utf8) + [0xE9]
            + Array(" Sol\nGlobex,León\n".utf8)
        let items = Self.read(bytes).items
        #expect(Self.fields(items) == [["name", "city"], ["Acme", "Málaga"], ["Globex", "León"]])
        let problem = try #require(Self.problems(items).first)
        #expect(Self.problems(items).count == 1)
        // Characters, not bytes: "ñandú," is six of them.
        #expect(problem.line == 3 && problem.column == 10)
        #expect(problem.message.contains("invalid UTF-8 (byte 0xE9) in field 2 (city)"))
        #expect(problem.message.contains("must be UTF-8; Latin-1/Windows-1252 files must be converted first"))
        #expect(problem.text == "ñandú,Caf\u{FFFD} Sol")
        #expect(problem.description.hasPrefix("line 3, column 10: invalid UTF-8 (byte 0xE9)"))
        // On the second line of a record, the line and column of the byte, and the record's first line.
        let second = Self.problems(Self.read(Array("a,b\n1,\"x\nyy".utf8) + [0xC3, 0x28] + Array("\"\n".utf8)).items)
        #expect(second.map(\.line) == [3] && second.map(\.column) == [3])
        #expect(second.first?.message.contains("of the record that starts at line 2") == true)
        // Overlong forms and surrogates are not UTF-8 either.
        for bad: [UInt8] in [[0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80]] {
            #expect(Self.problems(Self.read(Array("a\n".utf8) + bad + [0x0A]).items).map(\.line) == [2])
        }
    }

    @Test func utf16AndUTF32AreRefusedAsFiles() throws {
        let folder = makeTemporaryDirectory()
        defer { removeTree(folder) }
        for (bom, name): ([UInt8], String) in [
            ([0xFF, 0xFE], "UTF-16LE"), ([0xFE, 0xFF], "UTF-16BE"), ([0xFF, 0xFE, 0, 0], "UTF-32LE"),
            ([0, 0, 0xFE, 0xFF], "UTF-32BE"),
        ] {
            let path = folder + "/\(name).csv"
            writeFile(path, bom + [0x61, 0, 0x0A, 0])
            #expect(throws: CSVFileError.notUTF8(path: path, encoding: name)) { try CSVReader(path: path) }
            let message = CSVFileError.notUTF8(path: path, encoding: name).description
            #expect(message.contains(path) && message.contains("convert it to UTF-8"))
            let items = Self.read(bom + [0x61, 0, 0x0A, 0]).items
            #expect(items.count == 1 && Self.problems(items).first?.message.contains(name) == true)
        }
    }

    @Test func filesThatCannotBeReadNameThePath() throws {
        let folder = makeTemporaryDirectory()
        defer { removeTree(folder) }
        #expect(throws: CSVFileError.notFound(path: folder + "/none.csv")) { try CSVReader(path: folder + "/none.csv") }
        #expect(throws: CSVFileError.isDirectory(path: folder)) { try CSVReader(path: folder) }
        writeFile(folder + "/empty.csv", [])
        #expect(throws: CSVFileError.empty(path: folder + "/empty.csv")) { try CSVReader(path: folder + "/empty.csv") }
        writeFile(folder + "/bom.csv", [0xEF, 0xBB, 0xBF])
        #expect(throws: CSVFileError.empty(path: folder + "/bom.csv")) { try CSVReader(path: folder + "/bom.csv") }
        #expect(CSVFileError.notFound(path: "x.csv").description == "x.csv: no such file")
        #expect(CSVFileError.empty(path: "-").description.hasPrefix("standard input is empty"))
        if getuid() != 0 {  // root reads anything
            writeFile(folder + "/locked.csv", Array("a\n".utf8))
            chmod(folder + "/locked.csv", 0)
            #expect(throws: CSVFileError.unreadable(path: folder + "/locked.csv", reason: "Permission denied")) {
                try CSVReader(path: folder + "/locked.csv")
            }
        }
    }

    @Test func textAfterAClosingQuoteIsAProblemWithItsColumn() throws {
        let items = Self.read("a,b,c\n1,\"abc\"x,3\n2,\"ok\",4\n5,\"é\" ,6\n7,\"q\"\r8\n9,\"r\"\n")
        #expect(Self.fields(items) == [["a", "b", "c"], ["2", "ok", "4"], ["9", "r"]])
        let problems = Self.problems(items)
        #expect(problems.map(\.line) == [2, 4, 5])
        #expect(problems.map(\.column) == [8, 6, 6])
        #expect(
            problems.first?.message.hasPrefix("'x' after the closing quote of field 2 (b): expected the separator ','")
                == true)
        #expect(problems.first?.text == "1,\"abc\"x,3")
        #expect(problems.dropFirst().first?.message.hasPrefix("a space after the closing quote") == true)
        #expect(problems.last?.message.hasPrefix("a carriage return after the closing quote") == true)
    }

    /// A quote left open takes in the lines after it up to the next quote, and the text after that one is the
    /// problem: the record starts on the line the quote opened (`firstLine`, where the rejected lines begin), the
    /// problem's own line and column are where the text is, and the message says both (a trial's open quote on line
    /// 2 of this shape was reported as line 4 alone).
    @Test func anOpenQuoteRunningIntoTextAfterAQuoteStartsWhereItOpened() throws {
        // Line 3 is short a field, so the lines after the open quote do not read as a record of their own.
        let items = Self.read(
            "Buyer,Target,When\nNVIDIA,\"Run:ai,2024\nApple,AWS\nMeta,\"Constellation\",2025\nA,B,2023\n")
        let problem = try #require(Self.problems(items).first)
        #expect(problem.firstLine == 2 && problem.line == 4 && problem.column == 7, "\(problem)")
        #expect(problem.message.hasPrefix("'C' after the closing quote of field 2 (Target)"), "\(problem.message)")
        #expect(problem.message.contains("this record starts at line 2"), "\(problem.message)")
        #expect(Self.fields(items).last == ["A", "B", "2023"])
    }

    // MARK: Stray quotes

    /// A header and 199 records of three fields, line k holding aK,bK,cK, with `change` applied to some lines.
    static func twoHundredLines(_ change: (Int, String) -> String = { $1 }) -> String {
        (1...200).map { k in change(k, k == 1 ? "h1,h2,h3" : "a\(k),b\(k),c\(k)") }.joined(separator: "\n") + "\n"
    }

    /// Exactly one problem, for line `stray`, and every other line a record of its own, as written.
    static func expectOnlyLineLost(_ text: String, stray: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        let (items, lines, _) = read(Array(text.utf8))
        let problems = problems(items)
        #expect(problems.count == 1, sourceLocation: sourceLocation)
        #expect(problems.first?.line == stray, sourceLocation: sourceLocation)
        let expected = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().enumerated()
            .filter { $0.offset + 1 != stray }.map { $0.offset + 1 }
        #expect(records(items).map(\.line) == expected, sourceLocation: sourceLocation)
        #expect(records(items).allSatisfy { $0.line == $0.endLine }, sourceLocation: sourceLocation)
        #expect(lines == 200, sourceLocation: sourceLocation)
        #expect(
            records(items).first { $0.line == stray + 1 }?.fields == [
                "a\(stray + 1)", "b\(stray + 1)", "c\(stray + 1)",
            ],
            sourceLocation: sourceLocation)
    }

    @Test func aStrayQuoteWithNoQuoteAfterItCostsOnlyItsLine() throws {
        // Still open 50 lines later, and the line after it is a record of three fields.
        let text = Self.twoHundredLines { k, line in k == 120 ? "a120,\"b120,c120" : line }
        Self.expectOnlyLineLost(text, stray: 120)
        let problem = try #require(Self.problems(Self.read(text)).first)
        #expect(problem.column == 6)
        #expect(problem.text == "a120,\"b120,c120")
        #expect(
            problem.description
                == "line 120, column 6: the opening quote of field 2 (h2) is still open 50 lines later, at line 170, "
                + "and line 121 reads as a record of its own: expected a closing quote on line 120; line 120 is "
                + "dropped and the lines after line 120 are read on their own")
        // Near the end: the field reaches the end of the file unclosed.
        Self.expectOnlyLineLost(Self.twoHundredLines { k, line in k == 190 ? "a190,b190,\"c190" : line }, stray: 190)
    }

    @Test func aStrayQuoteClosedByALaterQuoteCostsOnlyItsLine() throws {
        // Every tenth line quotes its middle field; the stray quote on line 55 is closed by line 60's opening one.
        let quoted = { (k: Int, line: String) -> String in k > 1 && k % 10 == 0 ? "a\(k),\"b\(k), x\",c\(k)" : line }
        let text = Self.twoHundredLines { k, line in k == 55 ? "a55,\"b55,c55" : quoted(k, line) }
        let (items, lines, _) = Self.read(Array(text.utf8))
        let problems = Self.problems(items)
        #expect(problems.count == 1)
        #expect(problems.first?.line == 55 && problems.first?.column == 5)
        #expect(problems.first?.message.contains("swallows lines 55–60") == true)
        #expect(Self.records(items).map(\.line) == Array(1...54) + Array(56...200))
        #expect(Self.records(items).first { $0.line == 56 }?.fields == ["a56", "b56", "c56"])
        #expect(Self.records(items).first { $0.line == 60 }?.fields == ["a60", "b60, x", "c60"])
        #expect(lines == 200)
    }

    @Test func aStrayQuoteAfterAGoodMultiLineFieldLosesTheLinesUpToIt() throws {
        let text = "a,b,c\n1,\"two\nlines\",\"x\n2,y,z\n3,q,r\n"
        let (items, lines, _) = Self.read(Array(text.utf8))
        #expect(Self.fields(items) == [["a", "b", "c"], ["2", "y", "z"], ["3", "q", "r"]])
        let problem = try #require(Self.problems(items).first)
        #expect(problem.line == 2 && problem.column == nil)
        #expect(problem.message.contains("field 3 (c) at line 3, column 8"))
        #expect(problem.message.contains("lines 2–3 are dropped"))
        #expect(problem.text == "1,\"two\nlines\",\"x")
        #expect(lines == 5)
    }

    @Test func anUnclosedQuoteAtTheEndIsReportedAndTheLinesAfterItRead() throws {
        let (items, lines, _) = Self.read(Array("a,b\n1,2\n3,\"4\n5,6\n7,8\n".utf8))
        #expect(Self.fields(items) == [["a", "b"], ["1", "2"], ["5", "6"], ["7", "8"]])
        let problem = try #require(Self.problems(items).first)
        #expect(problem.line == 3 && problem.column == 3)
        #expect(problem.message.contains("is never closed: it swallows lines 3–5 up to the end of the file"))
        #expect(lines == 5)
        // On the last line there is nothing after it to read.
        let last = Self.read(Array("a,b\n1,\"2".utf8))
        #expect(Self.fields(last.items) == [["a", "b"]])
        #expect(
            Self.problems(last.items).map(\.description) == [
                "line 2, column 3: the opening quote of field 2 (b) is never closed: the file ends first, expected a "
                    + "closing quote"
            ])
        #expect(last.lines == 2)
    }

    @Test func longQuotedFieldsThatCloseStayOneRecord() throws {
        // 120 lines inside quotes, none of which reads as a record of three fields: real exports have such fields.
        let body = (1...120).map { "line \($0) of a description" }.joined(separator: "\n")
        let items = Self.read("a,b,c\n1,\"\(body)\",x\n2,y,z\n")
        #expect(Self.problems(items).isEmpty)
        #expect(Self.records(items).map(\.line) == [1, 2, 122])
        #expect(Self.records(items)[1].endLine == 121)
        #expect(Self.records(items)[1].fields == ["1", body, "x"])
        // A ragged record with a multi-line field, the lines of which are no records: the importer's to reject.
        let ragged = Self.read("a,b,c\n1,\"two\nwords\"\n2,y,z\n")
        #expect(Self.fields(ragged) == [["a", "b", "c"], ["1", "two\nwords"], ["2", "y", "z"]])
    }

    @Test func aStrayQuoteInTheHeaderIsGivenUpOnAfterTheLimit() {
        let text = "h1,\"h2,h3\n" + (2...80).map { "a\($0),b\($0),c\($0)" }.joined(separator: "\n") + "\n"
        let (items, lines, _) = Self.read(Array(text.utf8))
        #expect(Self.problems(items).map(\.line) == [1])
        #expect(Self.records(items).map(\.line) == Array(2...80))
        #expect(lines == 80)
    }

    // MARK: Separators

    @Test func aHeaderEvidentlySeparatedByAnotherCharacterIsNoticed() throws {
        var reader = CSVReader(bytes: Array("name;city;country;founded\nAcme;León;ES;1990\n".utf8))
        #expect(reader.separatorHint == nil)
        _ = reader.next()
        let hint = try #require(reader.separatorHint)
        #expect(hint.separator == UInt8(ascii: ";") && hint.fieldCount == 4 && hint.givenFieldCount == 1)
        #expect(hint.description == "the header has 1 column but 4 when split on ';' — pass --separator ';'")
        #expect(reader.headerFieldCount == 1)

        var tabs = CSVReader(bytes: Array("name\tcity\tcountry\nAcme\tLeón\tES\n".utf8))
        _ = tabs.next()
        #expect(
            tabs.separatorHint?.description == "the header has 1 column but 3 when split on tabs — pass --separator tab"
        )

        var commas = CSVReader(bytes: Array("name,city;x,country\n".utf8))
        _ = commas.next()
        #expect(commas.separatorHint == nil)
        var right = CSVReader(bytes: Array("name;city;country\n".utf8), separator: UInt8(ascii: ";"))
        _ = right.next()
        #expect(right.separatorHint == nil)

        #expect(CSVReader.sniffSeparator(headerLine: "a|b|c|d")?.separator == UInt8(ascii: "|"))
        // A name with a comma in it makes two columns with ','; ';' still shows through.
        #expect(CSVReader.sniffSeparator(headerLine: "\"Name, full\";city;country;year")?.fieldCount == 4)
        #expect(CSVReader.sniffSeparator(headerLine: "Name, full;city;country;year")?.givenFieldCount == 2)
        #expect(CSVReader.sniffSeparator(headerLine: "a,b,c") == nil)
        #expect(CSVReader.sniffSeparator(headerLine: "single") == nil)
    }

    // MARK: Chunks, files and pipes

    /// A bit of everything, so that a chunk boundary falls inside each construct.
    static let everything: [UInt8] =
        [0xEF, 0xBB, 0xBF]
        + Array("id,name,notes\r\n1,\"Acme, Inc.\",\"said \"\"hi\"\"\r\nthen\"\r\n\r\n2,ñandú,\"€ 𝄞\"\n".utf8)
        + Array("3,bad,".utf8) + [0xE9] + Array("\n4,\"abc\"x,5\n5,a\"b,\"\"\n6,\"stray,7\n".utf8)
        + Array((7...70).map { "\($0),x\($0),y\($0)\n" }.joined().utf8)
        + Array("71,\"never closed\n72,p,q\n73,r,s".utf8)

    @Test func chunkBoundariesChangeNothing() throws {
        let whole = Self.read(Self.everything)
        #expect(Self.problems(whole.items).map(\.line) == [6, 7, 9, 74])
        #expect(Self.records(whole.items).count == 70)
        #expect(whole.lines == 76 && whole.bytes == Self.everything.count)
        for size in Array(1...7) + [13, 64, 1000] {
            let chunked = Self.read(Self.everything, chunkSize: size)
            #expect(chunked.items == whole.items, "chunk size \(size)")
            #expect(chunked.lines == whole.lines && chunked.bytes == whole.bytes, "chunk size \(size)")
        }
        let folder = makeTemporaryDirectory()
        defer { removeTree(folder) }
        writeFile(folder + "/everything.csv", Self.everything)
        for size in [1, 3, 1 << 18] {
            var reader = try CSVReader(path: folder + "/everything.csv", separator: UInt8(ascii: ","), chunkSize: size)
            var items: [CSVItem] = []
            while let item = reader.next() { items.append(item) }
            #expect(items == whole.items, "file, chunk size \(size)")
            #expect(reader.linesRead == whole.lines && reader.bytesRead == whole.bytes)
        }
    }

    @Test func aPipeIsReadAsItComes() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let rows = (1...20000).map { "\($0),\"name \($0)\",x" }
        let text = Array(("id,name,x\n" + rows.joined(separator: "\n") + "\n").utf8)
        let writeEnd = fds[1]
        // More than a pipe holds: the reader gets it in pieces while the writer waits.
        let writer = Thread {
            var done = 0
            while done < text.count {
                let n = text[done...].prefix(7919).withUnsafeBytes { write(writeEnd, $0.baseAddress, $0.count) }
                if n <= 0 { break }
                done += n
            }
            close(writeEnd)
        }
        writer.start()
        var reader = try CSVReader(path: "/dev/fd/\(fds[0])")
        var count = 0
        var last: CSVRecord?
        while let item = reader.next() {
            if case .record(let record) = item {
                count += 1
                last = record
            }
        }
        close(fds[0])
        #expect(count == 20001)
        #expect(last == CSVRecord(fields: ["20000", "name 20000", "x"], line: 20001, endLine: 20001))
        #expect(reader.bytesRead == text.count)
    }

    @Test func aMillionRowsTakeABufferOfAChunkOrTwo() throws {
        let folder = makeTemporaryDirectory()
        defer { removeTree(folder) }
        let path = folder + "/million.csv"
        let file = try #require(fopen(path, "wb"))
        fputs("id,name,notes\n", file)
        var block = ""
        for k in 0..<1_000_000 {
            block += "\(k),company \(k),\"note, \(k)\"\n"
            if block.utf8.count > 1 << 16 {
                fputs(block, file)
                block = ""
            }
        }
        fputs(block, file)
        fclose(file)
        var reader = try CSVReader(path: path)
        var count = 0, largest = 0
        while let item = reader.next() {
            guard case .record(let record) = item else { continue }
            count += 1
            largest = max(largest, reader.bufferCapacity)
            if count == 1_000_001 { #expect(record.fields == ["999999", "company 999999", "note, 999999"]) }
        }
        #expect(count == 1_000_001)
        #expect(reader.linesRead == 1_000_001)
        #expect(largest <= 2 * CSVReader.defaultChunkSize)
    }

    // MARK: Whatever the input, an end

    @Test func pathologicalInputsEnd() throws {
        // Only quotes: an even number closes, an odd one never does.
        #expect(Self.fields(Self.read(String(repeating: "\"", count: 1000))) == [[String(repeating: "\"", count: 499)]])
        let odd = Self.read(Array(repeating: UInt8(ascii: "\""), count: 1001), chunkSize: 7)
        #expect(odd.items.count == 1 && Self.problems(odd.items).count == 1)
        #expect(Self.read(String(repeating: "\"\n", count: 3000)).count == 1500)
        // A 16 MB field, quoted and not, read 64 KB at a time: scanned once, not once per chunk.
        let big = String(repeating: "x", count: 16 << 20)
        for text in ["a\n\"\(big)\"\nb\n", "a\n\(big)\nb\n"] {
            let items = Self.read(Array(text.utf8), chunkSize: 1 << 16).items
            #expect(Self.records(items).map { $0.fields[0].utf8.count } == [1, 16 << 20, 1])
        }
        let unclosed = Self.read(Array("a\n\"\(big)".utf8), chunkSize: 1 << 16)
        #expect(Self.records(unclosed.items).count == 1 && Self.problems(unclosed.items).map(\.line) == [2])
        #expect(unclosed.lines == 2)
        // A runaway quote with no evidence either way is given up on at 100 times the limit.
        let runaway = "a,b\n1,\"2\n" + String(repeating: "x\n", count: 6000)
        let items = Self.read(runaway)
        #expect(Self.problems(items).map(\.line) == [2])
        #expect(Self.problems(items).first?.message.contains("still open 5000 lines later, at line 5002:") == true)
        #expect(Self.records(items).count == 6001)
    }

    // MARK: Random records

    @Test func randomRecordsWrittenAsCSVReadBackTheSame() {
        var random = SplitMix64(seed: 20_240_611)
        let pieces = [
            "a", "b", "Z", " ", ",", "\"", "\"\"", "\n", "\r", "\r\n", "ñ", "€", "𝄞", "e\u{301}", "\t", ";", "\0",
        ]
        for round in 0..<400 {
            let width = Int.random(in: 1...6, using: &random)
            let rows = (0..<Int.random(in: 1...8, using: &random)).map { _ in
                (0..<width).map { _ in
                    (0..<Int.random(in: 0...6, using: &random)).map { _ in pieces.randomElement(using: &random)! }
                        .joined()
                }
            }
            let lineEnd = Bool.random(using: &random) ? "\n" : "\r\n"
            var text = ""
            var expected: [CSVRecord] = []
            var line = 1
            for (k, row) in rows.enumerated() {
                let written = row.map { field -> String in
                    let special = field.utf8.contains { [0x2C, 0x22, 0x0D, 0x0A].contains($0) }
                    // A lone empty field unquoted would be a blank line.
                    guard special || (row.count == 1 && field.isEmpty) || Int.random(in: 0..<4, using: &random) == 0
                    else { return field }
                    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                }
                text += written.joined(separator: ",")
                let breaks = row.reduce(0) { $0 + $1.utf8.filter { $0 == 0x0A }.count }
                expected.append(CSVRecord(fields: row, line: line, endLine: line + breaks))
                line += breaks + 1
                if k < rows.count - 1 || Bool.random(using: &random) { text += lineEnd }
            }
            let size = [1, 2, 3, 5, 64, CSVReader.defaultChunkSize].randomElement(using: &random)!
            let got = Self.read(Array(text.utf8), chunkSize: size)
            #expect(got.items == expected.map { .record($0) }, "round \(round): \(text.debugDescription)")
            #expect(got.lines == line - 1, "round \(round)")
        }
    }

    // MARK: The real thing

    @Test(.enabled(if: FileManager.default.fileExists(atPath: CSVReaderTests.crunchbase)))
    func theCrunchbaseExportReadsAsPythonReadsIt() throws {
        var reader = try CSVReader(path: Self.crunchbase)
        var records: [CSVRecord] = []
        var problems: [CSVProblem] = []
        while let item = reader.next() {
            switch item {
            case .record(let record): records.append(record)
            case .problem(let problem): problems.append(problem)
            }
        }
        #expect(problems.isEmpty)
        #expect(records.count == 18_969)  // the header and 18,968 acquisitions
        #expect(records.allSatisfy { $0.fields.count == 18 })
        #expect(reader.linesRead == 19_116)
        #expect(reader.headerFieldCount == 18 && reader.separatorHint == nil)
        #expect(records.contains { $0.endLine - $0.line > 50 }, "a long quoted field stays one record")

        let script = """
            import csv, json, sys
            with open(sys.argv[1], newline='', encoding='utf-8') as f:
                reader = csv.reader(f)
                rows = [[str(reader.line_num)] + row for row in reader]
            json.dump(rows, sys.stdout)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, Self.crunchbase]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "python3 with its csv module is needed")
        let rows = try JSONDecoder().decode([[String]].self, from: data)
        #expect(rows.count == records.count)
        var differences = 0
        for (record, row) in zip(records, rows)
        where record.fields != Array(row.dropFirst()) || record.endLine != Int(row[0]) {
            differences += 1
            if differences <= 3 { Issue.record("line \(record.line): \(record.fields) but Python reads \(row)") }
        }
        #expect(differences == 0)
        for k in [1, 500, 18_968] { #expect(records[k].fields == Array(rows[k].dropFirst())) }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: CSVReaderTests.crunchbase)))
    func speedOnTheCrunchbaseExport() throws {
        let started = ContinuousClock.now
        var count = 0, bytes = 0
        for _ in 0..<20 {
            var reader = try CSVReader(path: Self.crunchbase)
            while let item = reader.next() { if case .record = item { count += 1 } }
            bytes += reader.bytesRead
        }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let megabytes = Double(bytes) / 1e6
        print(
            "CSV reader: \(count) records of the Crunchbase export (20 reads) in \(String(format: "%.2f", seconds)) s: "
                + "\(Int(Double(count) / seconds)) records/s, \(String(format: "%.1f", megabytes / seconds)) MB/s")
        #expect(count == 20 * 18_969)
    }
}
