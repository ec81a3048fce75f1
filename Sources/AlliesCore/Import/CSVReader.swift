#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// A CSV reader for `allies import csv`: RFC 4180 plus what real exports do (a UTF-8 byte order mark, CRLF, a last
// line without a newline, blank lines, quotes inside unquoted fields). The file is read in chunks and parsed as
// bytes, so a million-row export costs a buffer of about one record, and only finished fields become Strings.
//
// It is strict where guessing would import wrong data (bad UTF-8, text after a closing quote) and recovers where a
// single mistake would otherwise ruin the rest of the file: a stray opening quote that swallows the lines after it
// costs the one line that holds it, and the swallowed lines are read again on their own.

/// One record: its fields, unquoted, and the physical lines it came from, for messages that point into the file.
public struct CSVRecord: Sendable, Equatable {
    public var fields: [String]
    /// 1-based physical line where the record starts.
    public var line: Int
    /// Physical line where it ends: after `line` when a quoted field holds line breaks.
    public var endLine: Int

    public init(fields: [String], line: Int, endLine: Int) {
        self.fields = fields
        self.line = line
        self.endLine = endLine
    }
}

/// A record that could not be read. Reading goes on after it, so the importer can list every problem at once and
/// write the lines concerned to a rejects file.
public struct CSVProblem: Sendable, Equatable, CustomStringConvertible {
    /// 1-based physical line.
    public var line: Int
    /// 1-based, in characters of that line; nil when the problem has no single place.
    public var column: Int?
    /// What was found and what was expected.
    public var message: String
    /// The raw line(s) concerned, as read (lossily decoded, without the last line end): what a rejects file keeps.
    public var text: String
    /// The line the record starts on: before `line` when a quoted field ran over lines to the problem.
    public var firstLine: Int

    public init(line: Int, column: Int?, message: String, text: String, firstLine: Int? = nil) {
        self.line = line
        self.column = column
        self.message = message
        self.text = text
        self.firstLine = firstLine ?? line
    }

    public var description: String {
        "line \(line)" + (column.map { ", column \($0)" } ?? "") + ": " + message
    }
}

public enum CSVItem: Sendable, Equatable {
    case record(CSVRecord)
    case problem(CSVProblem)
}

/// Why a CSV file cannot be read at all; each message names the file, as the user typed it.
public enum CSVFileError: Error, Equatable, CustomStringConvertible {
    case notFound(path: String)
    case isDirectory(path: String)
    case unreadable(path: String, reason: String)
    case empty(path: String)
    /// It starts with a UTF-16 or UTF-32 byte order mark; `encoding` is iconv's name for it ("UTF-16LE").
    case notUTF8(path: String, encoding: String)

    public var description: String {
        switch self {
        case .notFound(let path): return "\(Self.name(path)): no such file"
        case .isDirectory(let path): return "\(Self.name(path)) is a directory, expected a CSV file"
        case .unreadable(let path, let reason): return "\(Self.name(path)) cannot be read: \(reason)"
        case .empty(let path): return "\(Self.name(path)) is empty, expected a header line and records"
        case .notUTF8(let path, let encoding):
            return "\(Self.name(path)) is \(encoding) (it starts with a \(encoding) byte order mark), expected UTF-8: "
                + "convert it to UTF-8 first, e.g. iconv -f \(encoding) -t UTF-8"
        }
    }

    static func name(_ path: String) -> String { path == "-" ? "standard input" : path }
}

/// A header that reads as one column (or few) with the separator given but as many with another: the file is
/// evidently separated by that other one, and saying so beats a rejected record per line.
public struct CSVSeparatorHint: Sendable, Equatable, CustomStringConvertible {
    /// The separator the file seems to use.
    public var separator: UInt8
    /// Columns of the header split on `separator`.
    public var fieldCount: Int
    /// Columns of the header split on the separator that was given.
    public var givenFieldCount: Int

    public init(separator: UInt8, fieldCount: Int, givenFieldCount: Int) {
        self.separator = separator
        self.fieldCount = fieldCount
        self.givenFieldCount = givenFieldCount
    }

    /// How `--separator` is spelled for it: "tab" for a tab (a literal tab is hard to type), else the character.
    public var argument: String { separator == 9 ? "tab" : String(UnicodeScalar(separator)) }

    public var description: String {
        let columns = givenFieldCount == 1 ? "1 column" : "\(givenFieldCount) columns"
        let on = separator == 9 ? "tabs" : "'\(argument)'"
        let pass = separator == 9 ? "tab" : "'\(argument)'"
        return "the header has \(columns) but \(fieldCount) when split on \(on) — pass --separator \(pass)"
    }
}

/// Reads a CSV file record by record (pull-based, also a Sequence of its items). Copies share one position: the
/// reader owns an open file and a buffer, which are not copied.
public struct CSVReader: IteratorProtocol, Sequence {
    let engine: CSVEngine

    /// The chunk read at a time: large enough that system calls cost nothing, small enough to stay in cache.
    static let defaultChunkSize = 256 << 10

    /// Opens `path` ("-" is standard input) and reads its first bytes, so that a file that cannot be read as UTF-8
    /// CSV at all is an error here rather than a problem per record.
    /// - Parameter separator: one ASCII byte other than a quote, CR or LF (the importer checks `--separator`).
    /// - Parameter maxLinesInField: past this many physical lines a quoted field is suspected of being a stray
    ///   quote (see `next()`).
    public init(path: String, separator: UInt8 = UInt8(ascii: ","), maxLinesInField: Int = 50)
        throws(CSVFileError)
    {
        try self.init(
            path: path, separator: separator, chunkSize: Self.defaultChunkSize, maxLinesInField: maxLinesInField)
    }

    /// `chunkSize` is only for tests: a tiny one puts a chunk boundary at every place in the input.
    init(path: String, separator: UInt8, chunkSize: Int, maxLinesInField: Int = 50) throws(CSVFileError) {
        engine = try CSVEngine(
            path: path, separator: separator, chunkSize: chunkSize, maxLinesInField: maxLinesInField)
    }

    /// Reads bytes already in memory (tests, and a header line to sniff). A UTF-16/32 byte order mark is then the
    /// one problem returned; empty bytes give no items.
    public init(bytes: [UInt8], separator: UInt8 = UInt8(ascii: ","), maxLinesInField: Int = 50) {
        self.init(
            bytes: bytes, separator: separator, chunkSize: Self.defaultChunkSize, maxLinesInField: maxLinesInField)
    }

    init(bytes: [UInt8], separator: UInt8, chunkSize: Int, maxLinesInField: Int = 50) {
        engine = CSVEngine(bytes: bytes, separator: separator, chunkSize: chunkSize, maxLinesInField: maxLinesInField)
    }

    /// The next record or problem; nil at the end.
    ///
    /// A stray quote (an opening quote whose closing quote is missing or far away) turns the lines after it into
    /// one field. It is recognised, reported once for the record's first line, and the lines after the quote's
    /// line are read again as ordinary records, when:
    /// - the quoted field reaches the end of the input unclosed;
    /// - it holds line breaks, the header's field count is known, and the record it makes has another field count
    ///   (or text after a closing quote) while the text after the quote's line reads on its own as a record of the
    ///   header's field count;
    /// - it spans more than `maxLinesInField` lines: at once for the header (whose field count is not yet known),
    ///   else when the text after the quote's line reads as a record of the header's field count, and in any case
    ///   past 100 times that many lines (which bounds the memory a runaway quote can take). A long field that
    ///   closes and gives the header's field count stays one record: real exports have such fields.
    public mutating func next() -> CSVItem? { engine.next() }

    /// Physical lines consumed so far (blank and lost lines included): for a progress bar and for accounting.
    public var linesRead: Int { engine.linesRead }
    /// Bytes of the input consumed so far (a byte order mark included).
    public var bytesRead: Int { engine.bytesRead }
    /// The field count of the first record (the header), once it is read: what the stray-quote check compares with.
    public var headerFieldCount: Int? { engine.headerFieldCount }
    /// Set once the header is read, when another separator splits it into evidently more columns.
    public var separatorHint: CSVSeparatorHint? { engine.separatorHint }

    /// For tests: the buffer's size, which must stay about a record whatever the size of the file.
    var bufferCapacity: Int { engine.capacity }

    /// Whether a header line (raw, as in the file) is evidently separated by ';', tab, '|' or ',' rather than by
    /// `separator`: it has one column with `separator` but several with another, or at least twice as many.
    public static func sniffSeparator(headerLine: String, separator: UInt8 = UInt8(ascii: ",")) -> CSVSeparatorHint? {
        CSVEngine.sniff(Array(headerLine.utf8), separator: separator)
    }
}

/// The machinery behind `CSVReader`. A class, so that the buffer can be a raw allocation that `read(2)` fills and
/// the parser scans through a pointer, with no copy and no exclusivity checks in the inner loops.
final class CSVEngine {
    static let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")

    // The input: a file descriptor, or bytes in memory handed out a chunk at a time like a file.
    private let fd: Int32
    private let closesFD: Bool
    private let memory: [UInt8]
    private var memoryOffset = 0
    private let chunkSize: Int
    private var atEOF = false
    private var readError: String?

    // The buffer: [start, filled) is what is not yet returned; the record being read starts at `start`. It is
    // moved to the front before each read, so its size is about a chunk plus the longest record.
    private(set) var capacity: Int
    private var buffer: UnsafeMutablePointer<UInt8>
    private var filled = 0
    private var start = 0
    private var bytesBeforeBuffer = 0

    private let separator: UInt8
    private let maxLinesInField: Int
    private(set) var linesRead = 0
    private(set) var headerFieldCount: Int?
    private var header: [String]?
    private(set) var separatorHint: CSVSeparatorHint?
    /// Engines made to test a piece of text (a header with another separator, the lines after a quote) do not
    /// sniff: that would recurse.
    private var sniffs = true
    private var begun = false
    private var finished = false
    @exclusivity(unchecked) private var r = RecordState()
    @exclusivity(unchecked) private var scratch: [UInt8] = []

    var bytesRead: Int { bytesBeforeBuffer + start }
    /// The physical line at `start`.
    private var line: Int { linesRead + 1 }
    /// A runaway quote with no evidence either way is given up on here, to bound memory and time.
    private var hardLinesInField: Int { max(1, maxLinesInField) * 100 }

    private init(fd: Int32, closesFD: Bool, memory: [UInt8], separator: UInt8, chunkSize: Int, maxLinesInField: Int) {
        self.fd = fd
        self.closesFD = closesFD
        self.memory = memory
        self.separator = separator
        self.chunkSize = max(1, chunkSize)
        self.maxLinesInField = max(1, maxLinesInField)
        capacity = max(1, chunkSize) * 2
        buffer = .allocate(capacity: capacity)
    }

    deinit {
        if closesFD { close(fd) }
        buffer.deallocate()
    }

    convenience init(bytes: [UInt8], separator: UInt8, chunkSize: Int, maxLinesInField: Int) {
        self.init(
            fd: -1, closesFD: false, memory: bytes, separator: separator, chunkSize: chunkSize,
            maxLinesInField: maxLinesInField)
    }

    convenience init(path: String, separator: UInt8, chunkSize: Int, maxLinesInField: Int) throws(CSVFileError) {
        var fd: Int32 = 0
        if path != "-" {
            fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else {
                if errno == ENOENT { throw .notFound(path: path) }
                throw .unreadable(path: path, reason: SystemError.text(errno))
            }
        }
        var info = stat()
        if fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
            if path != "-" { close(fd) }
            throw .isDirectory(path: path)
        }
        self.init(
            fd: fd, closesFD: path != "-", memory: [], separator: separator, chunkSize: chunkSize,
            maxLinesInField: maxLinesInField)
        begun = true
        switch readStart() {
        case nil: break
        case .empty: throw .empty(path: path)
        case .encoding(let name): throw .notUTF8(path: path, encoding: name)
        case .readError(let reason): throw .unreadable(path: path, reason: reason)
        }
    }

    private enum StartIssue { case empty, encoding(String), readError(String) }

    /// Reads the first bytes to skip a UTF-8 byte order mark and to refuse UTF-16 and UTF-32, whose bytes would
    /// otherwise read as NULs and letters.
    private func readStart() -> StartIssue? {
        while filled < 4 && !atEOF { refill() }
        if let readError { return .readError(readError) }
        let b = buffer, n = filled
        if n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
            start = 3
        } else if n >= 4 && b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0 {
            return .encoding("UTF-32LE")
        } else if n >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF {
            return .encoding("UTF-32BE")
        } else if n >= 2 && b[0] == 0xFF && b[1] == 0xFE {
            return .encoding("UTF-16LE")
        } else if n >= 2 && b[0] == 0xFE && b[1] == 0xFF {
            return .encoding("UTF-16BE")
        }
        return filled == start ? .empty : nil
    }

    /// Moves what is left to the front of the buffer (growing it if a chunk does not fit, shrinking it after a
    /// huge record) and reads the next chunk.
    private func refill() {
        let left = filled - start
        if start > 0 {
            if left > 0 { memmove(buffer, buffer + start, left) }
            bytesBeforeBuffer += start
            start = 0
            filled = left
        }
        let wanted = left + chunkSize
        if wanted > capacity || (capacity > 8 * chunkSize && wanted * 4 < capacity) {
            let newCapacity = wanted > capacity ? max(capacity * 2, wanted) : 2 * wanted
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            if left > 0 { memcpy(bigger, buffer, left) }
            buffer.deallocate()
            buffer = bigger
            capacity = newCapacity
        }
        if fd < 0 {
            let n = min(chunkSize, memory.count - memoryOffset)
            if n == 0 {
                atEOF = true
                return
            }
            _ = memory.withUnsafeBufferPointer { memcpy(buffer + filled, $0.baseAddress! + memoryOffset, n) }
            memoryOffset += n
            filled += n
            return
        }
        while true {
            let n = read(fd, buffer + filled, chunkSize)
            if n > 0 {
                filled += n
                return
            }
            if n == 0 {
                atEOF = true
                return
            }
            if errno == EINTR { continue }
            readError = SystemError.text(errno)
            atEOF = true
            return
        }
    }

    func next() -> CSVItem? {
        if finished { return nil }
        if !begun {
            begun = true
            switch readStart() {
            case nil: break
            case .empty:
                finished = true
                return nil
            case .encoding(let name):
                finished = true
                return .problem(
                    CSVProblem(
                        line: 1, column: nil,
                        message: "the input is \(name) (it starts with a \(name) byte order mark), expected UTF-8: "
                            + "convert it to UTF-8 first, e.g. iconv -f \(name) -t UTF-8",
                        text: ""))
            case .readError(let reason):
                finished = true
                return .problem(CSVProblem(line: 1, column: nil, message: "cannot read: \(reason)", text: ""))
            }
        }
        while true {
            switch step() {
            case .item(let item): return item
            case .again: continue
            case .needMore: refill()
            case .done:
                finished = true
                return nil
            }
        }
    }

    // MARK: The record being read

    private enum Phase { case fieldStart, unquoted, quoted, quoteInQuoted, afterClose, afterCloseCR, garbage }

    /// A field's bytes, relative to the record's start; `escaped` when it holds "" pairs to undouble.
    private struct Span {
        var begin: Int, end: Int, escaped: Bool
    }

    /// Where a quoted field opened, kept to report and undo a stray quote. Offsets are relative to the record.
    private struct OpenQuote {
        var offset = 0, line = 0, lineBegin = 0, field = 0
        var newlines = 0
        /// The line break that ends the quote's line: the swallowed text starts after it.
        var firstLineEnd = -1
        var closeLine = 0
    }

    private struct Garbage {
        var offset: Int, line: Int, lineBegin: Int, field: Int
    }

    /// The parse state of the record at `start`, kept across reads so that a record is scanned once however many
    /// chunks it spans (a 100 MB field is not scanned again for each chunk).
    private struct RecordState {
        var pos = 0
        var phase = Phase.fieldStart
        var fieldBegin = 0
        var escaped = false
        var spans: [Span] = []
        var newlines = 0
        var lineBegin = 0
        var quote = OpenQuote()
        var multiLine: [OpenQuote] = []
        var garbage: Garbage?

        mutating func reset() {
            pos = 0
            phase = .fieldStart
            fieldBegin = 0
            escaped = false
            spans.removeAll(keepingCapacity: true)
            newlines = 0
            lineBegin = 0
            multiLine.removeAll(keepingCapacity: true)
            garbage = nil
        }
    }

    private enum Step { case item(CSVItem), again, needMore, done }

    private enum Stray { case closedLate(fieldCount: Int), tooLong(lastLine: Int, evidence: Bool), endOfFile(Int) }

    /// Scans from where the last call stopped to the end of the record, or of the buffer.
    private func step() -> Step {
        let p = UnsafePointer(buffer + start)
        let n = filled - start
        let sep = separator, quote = Self.quote, lf = Self.lf, cr = Self.cr
        var i = r.pos
        while true {
            switch r.phase {
            case .fieldStart:
                guard i < n else { return pause(p, n, at: i) }
                if p[i] == quote {
                    r.quote = OpenQuote(
                        offset: i, line: line + r.newlines, lineBegin: r.lineBegin, field: r.spans.count)
                    r.escaped = false
                    i += 1
                    r.fieldBegin = i
                    r.phase = .quoted
                } else {
                    r.fieldBegin = i
                    r.phase = .unquoted
                }
            case .unquoted:
                while i < n && p[i] != sep && p[i] != lf { i += 1 }
                guard i < n else { return pause(p, n, at: i) }
                if p[i] == sep {
                    r.spans.append(Span(begin: r.fieldBegin, end: i, escaped: false))
                    i += 1
                    r.phase = .fieldStart
                } else {
                    var end = i
                    if end > r.fieldBegin && p[end - 1] == cr { end -= 1 }
                    if r.spans.isEmpty && end == r.fieldBegin {
                        // A blank line: skipped, but it is a line of the file.
                        advance(to: i + 1, lines: 1)
                        return .again
                    }
                    r.spans.append(Span(begin: r.fieldBegin, end: end, escaped: false))
                    return finishRecord(p, end: i, next: i + 1)
                }
            case .quoted:
                while i < n && p[i] != quote && p[i] != lf { i += 1 }
                guard i < n else { return pause(p, n, at: i) }
                i += 1
                if p[i - 1] == quote {
                    r.phase = .quoteInQuoted
                    continue
                }
                r.newlines += 1
                r.quote.newlines += 1
                if r.quote.firstLineEnd < 0 { r.quote.firstLineEnd = i - 1 }
                r.lineBegin = i
                if r.quote.newlines >= maxLinesInField, let stray = overlong(p, upTo: i) {
                    return .item(recover(p, n, at: r.quote, stray))
                }
            case .quoteInQuoted:
                guard i < n else { return pause(p, n, at: i) }
                if p[i] == quote {
                    r.escaped = true
                    i += 1
                    r.phase = .quoted
                } else {
                    closeQuotedField(end: i - 1)
                }
            case .afterClose:
                guard i < n else { return pause(p, n, at: i) }
                let b = p[i]
                if b == sep {
                    i += 1
                    r.phase = .fieldStart
                } else if b == lf {
                    return finishRecord(p, end: i, next: i + 1)
                } else if b == cr {
                    i += 1
                    r.phase = .afterCloseCR
                } else {
                    noteGarbage(at: i)
                }
            case .afterCloseCR:
                guard i < n else { return pause(p, n, at: i) }
                if p[i] == lf { return finishRecord(p, end: i, next: i + 1) }
                noteGarbage(at: i - 1)
            case .garbage:
                // The field is already counted; what follows up to the separator is not kept.
                while i < n && p[i] != sep && p[i] != lf { i += 1 }
                guard i < n else { return pause(p, n, at: i) }
                if p[i] == lf { return finishRecord(p, end: i, next: i + 1) }
                i += 1
                r.phase = .fieldStart
            }
        }
    }

    private func closeQuotedField(end: Int) {
        r.spans.append(Span(begin: r.fieldBegin, end: end, escaped: r.escaped))
        if r.quote.newlines > 0 {
            r.quote.closeLine = line + r.newlines
            r.multiLine.append(r.quote)
        }
        r.phase = .afterClose
    }

    private func noteGarbage(at offset: Int) {
        if r.garbage == nil {
            r.garbage = Garbage(
                offset: offset, line: line + r.newlines, lineBegin: r.lineBegin, field: r.spans.count - 1)
        }
        r.phase = .garbage
    }

    /// The end of the buffer: read more, or, at the end of the input, finish the record as it stands.
    private func pause(_ p: UnsafePointer<UInt8>, _ n: Int, at i: Int) -> Step {
        r.pos = i
        guard atEOF else { return .needMore }
        if let readError {
            finished = true
            return .item(
                .problem(
                    CSVProblem(
                        line: line, column: nil,
                        message: "reading stopped after byte \(bytesRead + n): \(readError); the rest is not read",
                        text: text(p, 0, n))))
        }
        switch r.phase {
        case .fieldStart:
            if r.spans.isEmpty { return .done }
            // "a,b," at the very end: the last field is empty.
            r.spans.append(Span(begin: n, end: n, escaped: false))
        case .unquoted:
            var end = n
            if end > r.fieldBegin && p[end - 1] == Self.cr { end -= 1 }
            if r.spans.isEmpty && end == r.fieldBegin {
                advance(to: n, lines: 1)
                return .done
            }
            r.spans.append(Span(begin: r.fieldBegin, end: end, escaped: false))
        case .quoted:
            // A line break at the very end ends the last line; it does not start another.
            let lastLine = line + r.newlines - (n > 0 && p[n - 1] == Self.lf ? 1 : 0)
            return .item(recover(p, n, at: r.quote, .endOfFile(lastLine)))
        case .quoteInQuoted:
            closeQuotedField(end: n - 1)
        case .afterClose, .afterCloseCR, .garbage:
            break
        }
        return finishRecord(p, end: n, next: n)
    }

    private func advance(to next: Int, lines: Int) {
        start += next
        linesRead += lines
        r.reset()
    }

    /// A record is complete: `end` is its line break (or the end of the input), `next` where the next one starts.
    private func finishRecord(_ p: UnsafePointer<UInt8>, end: Int, next: Int) -> Step {
        let count = r.spans.count
        if let expected = headerFieldCount, r.garbage != nil || count != expected {
            for q in r.multiLine where readsAsRecord(p, from: q.firstLineEnd + 1, to: end) {
                return .item(recover(p, end, at: q, .closedLate(fieldCount: count)))
            }
        }
        let item: CSVItem
        if let g = r.garbage {
            item = .problem(garbageProblem(p, g, end: end))
        } else {
            switch makeFields(p, end: end) {
            case .success(let fields):
                item = .record(CSVRecord(fields: fields, line: line, endLine: line + r.newlines))
            case .failure(let bad):
                item = .problem(utf8Problem(p, at: bad.offset, end: end))
            }
        }
        if headerFieldCount == nil {
            headerFieldCount = count
            if case .record(let record) = item { header = record.fields }
            if sniffs {
                scratch = Array(UnsafeBufferPointer(start: p, count: end))
                if scratch.last == Self.cr { scratch.removeLast() }
                separatorHint = Self.sniff(scratch, separator: separator)
            }
        }
        advance(to: next, lines: r.newlines + 1)
        return .item(item)
    }

    // MARK: Stray quotes

    /// A quoted field has just reached `maxLinesInField` lines or more: whether to call it a stray quote now.
    private func overlong(_ p: UnsafePointer<UInt8>, upTo i: Int) -> Stray? {
        let lines = r.quote.newlines
        let lastLine = line + r.newlines
        // The header: no field count to compare with yet, and no header holds a 50-line name.
        guard headerFieldCount != nil else { return .tooLong(lastLine: lastLine, evidence: false) }
        if lines == maxLinesInField && readsAsRecord(p, from: r.quote.firstLineEnd + 1, to: i) {
            return .tooLong(lastLine: lastLine, evidence: true)
        }
        return lines >= hardLinesInField ? .tooLong(lastLine: lastLine, evidence: false) : nil
    }

    /// Whether the text from `a` to `b` starts with a record of the header's field count: the evidence that the
    /// quote before `a` swallowed whole records.
    private func readsAsRecord(_ p: UnsafePointer<UInt8>, from a: Int, to b: Int) -> Bool {
        guard let expected = headerFieldCount, a < b else { return false }
        let sub = CSVEngine(
            bytes: Array(UnsafeBufferPointer(start: p + a, count: b - a)), separator: separator,
            chunkSize: b - a, maxLinesInField: maxLinesInField)
        sub.sniffs = false
        guard case .record(let record)? = sub.next() else { return false }
        return record.fields.count == expected
    }

    /// Reports a stray quote once, for the record's first line, and goes back to read the lines after the quote's
    /// line as records of their own: only the lines up to the quote's are lost.
    private func recover(_ p: UnsafePointer<UInt8>, _ end: Int, at q: OpenQuote, _ stray: Stray) -> CSVItem {
        let lostEnd = q.firstLineEnd >= 0 ? q.firstLineEnd : end
        let lostLines = q.line - line + 1
        let quoteColumn = column(p, lineBegin: q.lineBegin, offset: q.offset)
        var subject = "the opening quote of \(fieldName(q.field))"
        if q.line != line { subject += " at line \(q.line), column \(quoteColumn)" }
        let lost = lostLines == 1 ? "line \(line) is dropped" : "lines \(line)–\(q.line) are dropped"
        let after = "\(lost) and the lines after line \(q.line) are read on their own"
        let message: String
        switch stray {
        case .closedLate(let fieldCount):
            let tail = r.garbage != nil ? ", with text after a closing quote" : ""
            message =
                "\(subject) is never closed as expected: the next quote, on line \(q.closeLine), closes it, so it "
                + "swallows lines \(q.line)–\(q.closeLine) into one record of \(fieldCount) fields\(tail) where "
                + "the header has \(headerFieldCount ?? 0); \(after)"
        case .tooLong(let lastLine, let evidence):
            let why = evidence ? ", and line \(q.line + 1) reads as a record of its own" : ""
            message =
                "\(subject) is still open \(q.newlines) lines later, at line \(lastLine)\(why): expected a closing "
                + "quote on line \(q.line); \(after)"
        case .endOfFile(let lastLine):
            if q.newlines == 0 {
                message = "\(subject) is never closed: the file ends first, expected a closing quote"
            } else {
                message =
                    "\(subject) is never closed: it swallows lines \(q.line)–\(lastLine) up to the end of the file, "
                    + "expected a closing quote on line \(q.line); \(after)"
            }
        }
        let problem = CSVProblem(
            line: line, column: q.line == line ? quoteColumn : nil, message: message, text: text(p, 0, lostEnd))
        advance(to: q.firstLineEnd >= 0 ? q.firstLineEnd + 1 : end, lines: lostLines)
        return .problem(problem)
    }

    // MARK: Fields and problems

    private struct InvalidUTF8: Error { var offset: Int }

    /// The fields as Strings, built only now that the record is known to be good, or the first byte that is not
    /// UTF-8 (never replaced: a wrong character imported silently is worse than a rejected record).
    private func makeFields(_ p: UnsafePointer<UInt8>, end: Int) -> Result<[String], InvalidUTF8> {
        // Fields are cut at ASCII bytes, which never occur inside a UTF-8 sequence: a valid record has valid
        // fields, and one check of the record is cheaper than one per field.
        let valid = firstInvalidUTF8(UnsafeBufferPointer(start: p, count: end)) == nil
        var fields: [String] = []
        fields.reserveCapacity(r.spans.count)
        for span in r.spans {
            let bytes = UnsafeBufferPointer(start: p + span.begin, count: span.end - span.begin)
            if !valid, let bad = firstInvalidUTF8(bytes) {
                return .failure(InvalidUTF8(offset: span.begin + bad))
            }
            if !span.escaped {
                fields.append(String(decoding: bytes, as: UTF8.self))
                continue
            }
            scratch.removeAll(keepingCapacity: true)
            var k = 0
            while k < bytes.count {
                scratch.append(bytes[k])
                // Inside quotes every quote is doubled: keep one of the two.
                k += bytes[k] == Self.quote ? 2 : 1
            }
            fields.append(String(decoding: scratch, as: UTF8.self))
        }
        return .success(fields)
    }

    private func utf8Problem(_ p: UnsafePointer<UInt8>, at offset: Int, end: Int) -> CSVProblem {
        var badLine = line, lineBegin = 0
        for k in 0..<offset where p[k] == Self.lf {
            badLine += 1
            lineBegin = k + 1
        }
        let field = r.spans.firstIndex { $0.end > offset } ?? r.spans.count - 1
        let within = badLine == line ? "" : " of the record that starts at line \(line)"
        return CSVProblem(
            line: badLine, column: column(p, lineBegin: lineBegin, offset: offset),
            message: "invalid UTF-8 (byte 0x\(Self.hex(p[offset]))) in \(fieldName(field))\(within): the file must "
                + "be UTF-8; Latin-1/Windows-1252 files must be converted first (iconv -f WINDOWS-1252 -t UTF-8)",
            text: text(p, 0, end), firstLine: line)
    }

    private func garbageProblem(_ p: UnsafePointer<UInt8>, _ g: Garbage, end: Int) -> CSVProblem {
        let b = p[g.offset]
        let found: String
        switch b {
        case 0x20: found = "a space"
        case 0x09: found = "a tab"
        case Self.cr: found = "a carriage return"
        case 0x21...0x7E: found = "'\(String(UnicodeScalar(b)))'"
        case 0x80...:
            let bytes = UnsafeBufferPointer(start: p + g.offset, count: min(4, end - g.offset))
            found = "'\(String(decoding: bytes, as: UTF8.self).first.map(String.init) ?? "?")'"
        default: found = "byte 0x\(Self.hex(b))"
        }
        let separatorName = separator == 9 ? "a tab" : "'\(String(UnicodeScalar(separator)))'"
        // A quote left open took in the lines after it until the next quote: the record starts where it opened, and
        // the message says so (a trial's open quote on line 9 was reported at line 11 alone).
        let across =
            g.line == line
            ? ""
            : " (this record starts at line \(line): a quoted field ran over lines \(line)–\(g.line); is a closing "
                + "quote missing on line \(line)?)"
        return CSVProblem(
            line: g.line, column: column(p, lineBegin: g.lineBegin, offset: g.offset),
            message: "\(found) after the closing quote of \(fieldName(g.field)): expected the separator "
                + "\(separatorName) or the end of the line (a quote inside a quoted field is written \"\")" + across,
            text: text(p, 0, end), firstLine: line)
    }

    /// "field 3 (company_name)": the header's name helps find the place in a wide file.
    private func fieldName(_ index: Int) -> String {
        guard let header, index >= 0, index < header.count, !header[index].isEmpty else {
            return "field \(index + 1)"
        }
        let name = header[index]
        return "field \(index + 1) (\(name.count > 40 ? String(name.prefix(40)) + "…" : name))"
    }

    /// The column of `offset` in characters of its line, as an editor counts them.
    private func column(_ p: UnsafePointer<UInt8>, lineBegin: Int, offset: Int) -> Int {
        String(decoding: UnsafeBufferPointer(start: p + lineBegin, count: offset - lineBegin), as: UTF8.self).count + 1
    }

    /// Bytes from `a` to `b` as read, without a last CR, lossily decoded: a rejects file keeps what it can show.
    private func text(_ p: UnsafePointer<UInt8>, _ a: Int, _ b: Int) -> String {
        var e = b
        if e > a && p[e - 1] == Self.cr { e -= 1 }
        return String(decoding: UnsafeBufferPointer(start: p + a, count: e - a), as: UTF8.self)
    }

    private static func hex(_ b: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(b >> 4)], digits[Int(b & 15)]])
    }

    // MARK: Separator

    static let candidateSeparators: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 9, UInt8(ascii: "|")]

    static func sniff(_ headerLine: [UInt8], separator: UInt8) -> CSVSeparatorHint? {
        /// With the separator given, a header that is a problem (text after a closing quote) still has columns;
        /// another separator must give a clean record to be suggested.
        func columns(_ s: UInt8, clean: Bool) -> Int {
            let engine = CSVEngine(
                bytes: headerLine, separator: s, chunkSize: max(1, headerLine.count), maxLinesInField: 50)
            engine.sniffs = false
            guard case .record(let record)? = engine.next() else { return clean ? 0 : engine.headerFieldCount ?? 0 }
            return record.fields.count
        }
        let given = columns(separator, clean: false)
        var best: (separator: UInt8, count: Int)?
        for s in candidateSeparators where s != separator {
            let count = columns(s, clean: true)
            if count > (best?.count ?? 1) { best = (s, count) }
        }
        guard let best, given >= 1, given == 1 || (best.count >= 3 && best.count >= 2 * given) else { return nil }
        return CSVSeparatorHint(separator: best.separator, fieldCount: best.count, givenFieldCount: given)
    }
}

/// The offset of the first byte that is not well-formed UTF-8 (overlong, surrogate, above U+10FFFF, stray
/// continuation, cut short), nil when all is. ASCII is skipped eight bytes at a time: it is most of any export.
public func firstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard let base = bytes.baseAddress else { return nil }
    let n = bytes.count
    var i = 0
    while i < n {
        if i + 8 <= n && UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
            i += 8
            continue
        }
        let b = base[i]
        if b < 0x80 {
            i += 1
            continue
        }
        let length: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF  // the allowed range of the second byte
        switch b {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return i
        }
        guard i + 1 < n, base[i + 1] >= low && base[i + 1] <= high else { return i }
        for k in 2..<length {
            guard i + k < n, base[i + k] & 0xC0 == 0x80 else { return i }
        }
        i += length
    }
    return nil
}
