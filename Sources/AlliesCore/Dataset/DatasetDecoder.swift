// Decodes the dataset format (FORMAT.md) from bytes, reporting every problem with its place. A syntax error stops
// the reading; everything else (a wrong type, a missing field, a bad date, a dangling reference) is recorded and
// decoding goes on, so one run of `allies validate` lists all of them.

import AlliesText

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One decoding of one file. The record readers are in RecordReaders.swift, the bookkeeping of unresolved
/// references in PendingReferences.swift and the id tables in IDTable.swift.
///
/// Why `@exclusivity(unchecked)` on the mutable state below: a class's stored properties are checked for exclusive
/// access at run time on every read and write, and the decoder touches `reader`, `path` and the others a few times
/// per JSON value (hundreds of millions of times for a large file); dropping those checks was one of the per-value
/// costs removed in the loader speed-up of issue #4 (commit 7ebd8bd). They can never fire here: the decoder is used by
/// one thread, and no access to these properties overlaps another (no `inout` of one of them is held across a call that
/// reaches the same property;
/// `array` and `object` copy `reader` out and back in rather than passing it `inout`).
final class DatasetDecoder {
    @exclusivity(unchecked) var reader: JSONReader
    private let file: String
    @exclusivity(unchecked) private var problems: [(offset: Int, record: Int?, field: String?, message: String)] = []
    /// Duplicate-id problems, by index in `problems`: the first declaration's offset and the message given its line.
    /// The line is found in `diagnostics()`, in the same forward pass as every position.
    private var lineMessages: [Int: (offset: Int, message: (Int) -> String)] = [:]
    /// The records named by a problem or by a kept reference: their labels (`alliances[3] "id"`) are made only for
    /// the diagnostics, not for every record read.
    @exclusivity(unchecked) private var namedRecords: [(list: RecordList, index: Int, id: String?)] = []
    /// The record being read (its list and place), and its entry in `namedRecords` once something names it.
    @exclusivity(unchecked) private var currentRecord: (list: RecordList, index: Int)?
    @exclusivity(unchecked) private var currentNamed: Int?
    @exclusivity(unchecked) private var path: [PathStep] = []
    /// How much of `path` names the current record (`.alliances[3]`); field paths are given relative to it.
    @exclusivity(unchecked) private var recordDepth = 0
    /// The id of the record being read, once its "id" field is seen (kept even when the record has other errors).
    @exclusivity(unchecked) var recordID: String?
    /// References whose id was not declared when they were read.
    @exclusivity(unchecked) private var pending = PendingReferences()
    /// Where each record id was first declared, by list (`RecordList.rawValue`): for duplicate ids, and the ids
    /// references are resolved against.
    private let ids = RecordList.allCases.map { _ in IDTable() }

    /// The texts of the articles read so far that carry one, by id: quotes are checked against them.
    var articleTexts: [String: VerbatimText] = [:]
    /// Whether the list of articles has been read (every article with a text is then in `articleTexts`).
    private var articlesRead = false
    /// Quotes of articles not yet read when the quote was (a file that lists articles after the records): checked
    /// at the end, with where they were.
    private var laterQuotes: [(offset: Int, record: Int?, field: String?, article: String, quote: String)] = []

    /// Called now and then with the offset reached (for a progress bar, and to give back pages already read).
    private let progress: ((Int) -> Void)?

    /// The dataset that the file's records are added to, when the file is a fragment (`allies add`): its ids are
    /// known to references and taken for duplicates, its articles' texts check quotes, and the file may hold any of
    /// the top-level lists and nothing else.
    private let base: Dataset?

    /// False: every record is read and checked exactly as when it is kept, then dropped (`Dataset.check`: a save's
    /// check of a file of a million records holds their ids, not the records).
    private let keepRecords: Bool

    /// Called with the companies once their list is read without a problem, before the records after it are: a
    /// large file's Companies list can be drawn while its alliances are read (nothing is promised of the rest).
    private let companiesRead: (([Company]) -> Void)?

    /// Whether the base has a record of a list with an id, when the caller answers it (`DatasetIDs`) instead of every
    /// id of the base being declared first: a few records added to a million need not declare the million.
    private let baseHas: ((RecordList, String) -> Bool)?

    init(
        bytes: UnsafeBufferPointer<UInt8>, file: String, progress: ((Int) -> Void)? = nil, base: Dataset? = nil,
        baseHas: ((RecordList, String) -> Bool)? = nil, keepRecords: Bool = true,
        companiesRead: (([Company]) -> Void)? = nil
    ) {
        reader = JSONReader(bytes)
        self.file = file
        self.progress = progress
        self.companiesRead = companiesRead
        self.base = base
        self.baseHas = baseHas
        self.keepRecords = keepRecords
        if let base {
            func seed(_ list: RecordList, _ records: [some Identifiable<String>]) {
                for r in records { _ = ids[list.rawValue].declare(r.id, at: IDTable.inBase) }
            }
            if baseHas == nil {
                seed(.articles, base.articles); seed(.groups, base.groups); seed(.companies, base.companies)
                seed(.alliances, base.alliances); seed(.claims, base.claims); seed(.people, base.people)
                seed(.shareEstimates, base.shareEstimates)
            }
            // An article being replaced (`baseHas` says no) is checked against its new text, not its old one.
            for a in base.articles where baseHas?(.articles, a.id) ?? true {
                if let text = a.text, articleTexts[a.id] == nil { articleTexts[a.id] = VerbatimText(text) }
            }
        }
    }

    // MARK: Reporting

    private var fieldPath: String? {
        PathStep.format(relativePath)
    }

    private var relativePath: ArraySlice<PathStep> { path.dropFirst(currentRecord == nil ? 0 : recordDepth) }

    func report(_ message: String, at offset: Int) {
        problems.append((offset, recordEntry(), fieldPath, message))
    }

    /// The current record's entry in `namedRecords`, made when first needed; nil outside records.
    private func recordEntry() -> Int? {
        guard let currentRecord else { return nil }
        if let currentNamed { return currentNamed }
        namedRecords.append((currentRecord.list, currentRecord.index, nil))
        currentNamed = namedRecords.count - 1
        return currentNamed
    }

    /// After `Dataset.maximumProblems` problems the reading stops, as a compiler stops at its error limit: a huge
    /// file full of errors would otherwise cost time and memory in proportion (a diagnostic every few bytes).
    /// Checked before each array element and object member.
    private func stopIfTooMany(at offset: Int? = nil) throws(JSONSyntaxError) {
        guard problems.count >= Dataset.maximumProblems else { return }
        reader.skipWhitespace()
        throw JSONSyntaxError(
            offset: offset ?? reader.offset,
            message: tr("too many problems ({0}): reading stopped here", problems.count))
    }

    private func withField<T>(_ step: PathStep, _ body: () throws(JSONSyntaxError) -> T) throws(JSONSyntaxError) -> T {
        path.append(step)
        defer { path.removeLast() }
        do {
            return try body()
        } catch {
            // Remember where a syntax error stopped the reading before the path unwinds.
            if syntaxErrorField == nil { syntaxErrorField = .some(fieldPath) }
            throw error
        }
    }

    /// The field being read when a syntax error stopped the reading.
    @exclusivity(unchecked) private var syntaxErrorField: String??

    func diagnostics() -> [Diagnostic] {
        // Positions come from one forward pass over the sorted offsets: finding each from the start of the file made
        // a file with many problems quadratic (40,000 duplicate ids in 2 MB took 52 s).
        var cursor = PositionCursor(reader.bytes)
        var firstLines: [Int: Int] = [:]
        for offset in Set(lineMessages.values.map(\.offset)).sorted() {
            firstLines[offset] = cursor.position(of: offset).line
        }
        cursor = PositionCursor(reader.bytes)
        let order = problems.indices.sorted { (problems[$0].offset, $0) < (problems[$1].offset, $1) }
        var labels = [String?](repeating: nil, count: namedRecords.count)
        func label(_ k: Int) -> String {
            if let made = labels[k] { return made }
            let r = namedRecords[k]
            var s = "\(r.list.name)[\(r.index)]"
            if let id = r.id { s += " \"\(Quoting.value(id))\"" }
            labels[k] = s
            return s
        }
        return order.map { i in
            let p = problems[i]
            return Diagnostic(
                file: file, position: cursor.position(of: p.offset), record: p.record.map(label),
                field: p.field, message: lineMessages[i].map { $0.message(firstLines[$0.offset]!) } ?? p.message)
        }
    }

    // MARK: Quotes

    /// Checks that `quote` is verbatim in its article's text (runs of whitespace aside) when the article carries its
    /// text; `offset` is where the quote's value starts.
    func checkQuote(_ quote: String, of article: String, at offset: Int) {
        // The usual case of a large file: its articles came first and carry no text. Nothing to check or keep.
        if articlesRead && articleTexts.isEmpty { return }
        if !articleTexts.isEmpty, let text = articleTexts[article] {
            guard let message = Self.quoteProblem(quote, article: article, text: text) else { return }
            path.append(.key(SourceQuoteField.quote.name))
            defer { path.removeLast() }
            report(message, at: offset)
        } else if ids[RecordList.articles.rawValue].find(article) == nil, baseHas?(.articles, article) != true {
            // Not read yet (or never declared, which the reference check reports).
            path.append(.key(SourceQuoteField.quote.name))
            defer { path.removeLast() }
            laterQuotes.append((offset, recordEntry(), fieldPath, article, quote))
        }
    }

    static func quoteProblem(_ quote: String, article: String, text: VerbatimText) -> String? {
        guard !text.contains(quote) else { return nil }
        let name = Quoting.value(article)
        let problem = tr("the quote is not in the text of article \"{0}\" (runs of whitespace aside)", name)
        if let near = text.closestPassage(to: quote) {
            return tr("{0}: did you mean \"{1}\"?", problem, Quoting.value(near, limit: 160))
        } else {
            return tr("{0}: no word of it is in the article", problem)
        }
    }

    /// The quotes read before their article: checked once every article is read.
    private func checkLaterQuotes() {
        for q in laterQuotes {
            guard let text = articleTexts[q.article],
                let message = Self.quoteProblem(q.quote, article: q.article, text: text)
            else { continue }
            problems.append((q.offset, q.record, q.field, message))
        }
    }

    // MARK: Typed values

    /// Reads the next value if it has the expected kind; otherwise reports, skips it and returns nil.
    /// `null` is accepted silently for optional values.
    private func value<T>(
        _ expected: JSONKind, _ expectation: @autoclosure () -> String, required: Bool,
        _ read: (inout JSONReader) throws(JSONSyntaxError) -> T
    ) throws(JSONSyntaxError) -> T? {
        let kind = try reader.peek()
        let at = reader.offset
        if kind == expected { return try read(&reader) }
        if kind == .null && !required { try reader.readNull(); return nil }
        try reader.skipValue()
        report(tr("expected {0}, found {1}", expectation(), kind.label), at: at)
        return nil
    }

    func string(required: Bool = true, nonEmpty: Bool = true) throws(JSONSyntaxError) -> String? {
        let at = reader.offset
        guard
            let s = try value(
                .string, tr("a string"), required: required,
                { (r: inout JSONReader) throws(JSONSyntaxError) in try r.readString() })
        else { return nil }
        if nonEmpty && Self.isBlank(s) {
            report(tr("expected a non-empty string"), at: at)
            return nil
        }
        return s
    }

    /// `s.allSatisfy(\.isWhitespace)`, without going through its characters when the first byte settles it (a
    /// character is whitespace by its first scalar, and printable ASCII other than a space is not whitespace).
    static func isBlank(_ s: String) -> Bool {
        if let first = s.utf8.first, first > 0x20 && first < 0x7F { return false }
        return s.allSatisfy(\.isWhitespace)
    }

    /// Two ASCII letters, lowercase (`es`) or uppercase (`US`): `s.count == 2 && s.allSatisfy { $0.isASCII && … }`,
    /// answered from the bytes when they are two such letters.
    static func isTwoLetterCode(_ s: String, uppercase: Bool) -> Bool {
        let low: UInt8 = uppercase ? 0x41 : 0x61
        var bytes = s.utf8.makeIterator()
        if s.utf8.count == 2, let a = bytes.next(), let b = bytes.next(), a &- low < 26, b &- low < 26 { return true }
        return s.count == 2 && s.allSatisfy { $0.isASCII && (uppercase ? $0.isUppercase : $0.isLowercase) }
    }

    func number(required: Bool = true) throws(JSONSyntaxError) -> Double? {
        try value(.number, tr("a number"), required: required) { (r: inout JSONReader) throws(JSONSyntaxError) in
            try r.readNumber()
        }
    }

    func bool(required: Bool = true) throws(JSONSyntaxError) -> Bool? {
        try value(.bool, tr("true or false"), required: required) { (r: inout JSONReader) throws(JSONSyntaxError) in
            try r.readBool()
        }
    }

    func integer(required: Bool = true, in range: ClosedRange<Int>) throws(JSONSyntaxError) -> Int? {
        try reader.peek()
        let at = reader.offset
        guard let n = try number(required: required) else { return nil }
        guard n.rounded() == n, n >= Double(range.lowerBound), n <= Double(range.upperBound) else {
            let (low, high) = (range.lowerBound, range.upperBound)
            report(tr("expected a whole number from {0} to {1}, found {2}", low, high, Self.show(n)), at: at)
            return nil
        }
        return Int(n)
    }

    static func show(_ n: Double) -> String {
        n.rounded() == n && abs(n) <= 1e15 ? String(Int64(n)) : String(n)
    }

    func enumeration<E: RawRepresentable & CaseIterable>(_ type: E.Type, required: Bool = true)
        throws(JSONSyntaxError) -> E? where E.RawValue == String
    {
        try reader.peek()
        let at = reader.offset
        guard let s = try string(required: required) else { return nil }
        if let e = E(rawValue: s) { return e }
        let names = E.allCases.map(\.rawValue)
        var message = tr("unknown value \"{0}\": expected one of {1}", Quoting.value(s), names.joined(separator: ", "))
        if let near = closestMatch(to: s.lowercased(), in: names) {
            message += " " + tr("(did you mean \"{0}\"?)", near)
        }
        report(message, at: at)
        return nil
    }

    func date(required: Bool = true) throws(JSONSyntaxError) -> PartialDate? {
        try reader.peek()
        let at = reader.offset
        guard let s = try string(required: required) else { return nil }
        switch PartialDate.parse(s) {
        case .success(let d): return d
        case .failure(let e):
            report(tr("invalid date \"{0}\": {1}", Quoting.value(s), e), at: at)
            return nil
        }
    }

    /// A date known to the day (`added`, `updated`): a year or a month alone is reported.
    func day() throws(JSONSyntaxError) -> PartialDate? {
        try reader.peek()
        let at = reader.offset
        guard let d = try date(required: false) else { return nil }
        guard d.precision == .day else {
            report(
                tr("invalid day \"{0}\": expected a day as YYYY-MM-DD", d) + " "
                    + tr("(a year or a month is not precise enough)"), at: at)
            return nil
        }
        return d
    }

    func slug() throws(JSONSyntaxError) -> String? {
        try reader.peek()
        let at = reader.offset
        guard let s = try string() else { return nil }
        if !Self.isSlug(s) {
            let expected = tr("expected a lowercase slug of a–z, 0–9 and '-' (at most 80 characters)")
            report(tr("invalid id \"{0}\":", Quoting.value(s)) + " " + expected, at: at)
            return nil
        }
        return s
    }

    static func isSlug(_ s: String) -> Bool {
        guard !s.isEmpty, s.utf8.count <= 80, s.utf8.first != UInt8(ascii: "-") else { return false }
        return s.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }

    /// A reference to another record: resolved at once when its id is already declared, otherwise kept (compactly)
    /// and checked after everything is read.
    func reference(_ target: ReferenceTarget, required: Bool = true) throws(JSONSyntaxError) -> String? {
        try reader.peek()
        let at = reader.offset
        let known = ids[target.list.rawValue]
        // The usual case, an id declared before, in plain ASCII: found from the bytes, and its String shared. (Such
        // a string is read without error and is not blank: `string()` would return it.)
        var missed = false
        if let content = reader.plainString() {
            if let id = known.find(UnsafeBufferPointer(rebasing: reader.bytes[content])) {
                reader.move(to: content.upperBound + 1)
                return id
            }
            missed = true
        }
        guard let s = try string(required: required) else { return nil }
        if (missed || known.find(s) == nil) && baseHas?(target.list, s) != true {
            pending.append(target, offset: at, record: recordEntry(), path: relativePath)
        }
        return s
    }

    /// The references kept for the end, and the bytes that keeps (for tests of the memory a load needs).
    var pendingReferenceCount: Int { pending.count }
    var pendingReferenceBytes: Int { pending.retainedBytes }

    func array<T>(required: Bool = false, minimum: Int = 0, _ element: () throws(JSONSyntaxError) -> T?)
        throws(JSONSyntaxError) -> [T]
    {
        let kind = try reader.peek()
        let at = reader.offset
        if kind == .null && !required { try reader.readNull(); return [] }
        guard kind == .array else {
            try reader.skipValue()
            report(tr("expected an array, found {0}", kind.label), at: at)
            return []
        }
        var items: [T] = []
        var given = 0
        var outer = reader
        try outer.readArray { (r: inout JSONReader, index: Int) throws(JSONSyntaxError) in
            self.reader = r
            defer { r = self.reader }
            try self.stopIfTooMany()
            given = index + 1
            if let item = try self.withField(.index(index), element) { items.append(item) }
        }
        reader = outer
        if items.count < minimum {
            let message: String
            if given >= minimum {
                // Enough items, some of them wrong: each says what, this only that the list is short of valid ones
                // (a form showing two parties must not read "found 0").
                message = tr(
                    "{0} given, {1} of them valid: at least {2} must be (each one says what is wrong)", given,
                    items.count, minimum)
            } else {
                message =
                    minimum == 1
                    ? tr("expected at least 1 item, found {0} valid", items.count)
                    : tr("expected at least {0} items, found {1} valid", minimum, items.count)
            }
            report(message, at: at)
        }
        return items
    }

    func strings() throws(JSONSyntaxError) -> [String] {
        try array { () throws(JSONSyntaxError) in try self.string() }
    }

    /// Reads an object of one record type; `body` reads the value of each field (a `switch` over the record's fields,
    /// with no `default:`). Reports unknown fields (with the closest known name), duplicate fields and missing
    /// required ones. Returns false when the value was not an object.
    @discardableResult
    func object<F: RecordField>(_ fields: DecodedFields<F>, _ body: (F) throws(JSONSyntaxError) -> Void)
        throws(JSONSyntaxError) -> Bool
    {
        try object(fields.object) { (index: Int) throws(JSONSyntaxError) in try body(fields.cases[index]) }
    }

    private func object(_ fields: ObjectFields, _ body: (Int) throws(JSONSyntaxError) -> Void) throws(JSONSyntaxError)
        -> Bool
    {
        let kind = try reader.peek()
        let start = reader.offset
        guard kind == .object else {
            try reader.skipValue()
            report(tr("expected an object, found {0}", kind.label), at: start)
            return false
        }
        // The fields seen, by their index in `fields`.
        var seen: UInt64 = 0
        var outer = reader
        defer { reader = outer }
        try outer.readObject(fields: fields) {
            (r: inout JSONReader, index: Int, key: String, keyOffset: Int) throws(JSONSyntaxError) in
            self.reader = r
            defer { r = self.reader }
            try self.stopIfTooMany(at: keyOffset)
            guard index >= 0 else {
                let message: String
                if let near = closestMatch(to: key, in: fields.names) {
                    message = tr("unknown field \"{0}\" (did you mean \"{1}\"?)", Quoting.value(key), near)
                } else {
                    let names = fields.names.joined(separator: ", ")
                    message = tr("unknown field \"{0}\": expected one of {1}", Quoting.value(key), names)
                }
                self.report(message, at: keyOffset)
                try self.reader.skipValue()
                return
            }
            let bit = UInt64(1) << UInt64(index)
            guard seen & bit == 0 else {
                self.report(tr("field \"{0}\" appears twice in the same object", key), at: keyOffset)
                try self.reader.skipValue()
                return
            }
            seen |= bit
            // Values' offsets (for messages) start at the value, not at the whitespace after the colon.
            self.reader.skipWhitespace()
            try self.withField(.key(key)) { () throws(JSONSyntaxError) in try body(index) }
        }
        var missing = fields.required & ~seen
        while missing != 0 {
            report(tr("missing required field \"{0}\"", fields.names[missing.trailingZeroBitCount]), at: start)
            missing &= missing - 1
        }
        return true
    }

    private func beginRecord(_ list: RecordList, _ index: Int) {
        currentRecord = (list, index)
        currentNamed = nil
        recordDepth = path.count
        recordID = nil
    }

    private func endRecord(_ list: RecordList, id: String?, idOffset: Int) {
        if let id {
            if let first = ids[list.rawValue].declare(id, at: idOffset)
                ?? (baseHas?(list, id) == true ? IDTable.inBase : nil)
            {
                let quoted = Quoting.value(id)
                guard first != IDTable.inBase else {
                    report(
                        tr("duplicate id \"{0}\": the dataset already has it in {1}", quoted, list.name), at: idOffset)
                    if let currentNamed { namedRecords[currentNamed].id = id }
                    currentRecord = nil
                    currentNamed = nil
                    return
                }
                let name = list.name
                lineMessages[problems.count] = (
                    first, { tr("duplicate id \"{0}\": already used at line {1} of {2}", quoted, $0, name) }
                )
                report(tr("duplicate id \"{0}\"", quoted), at: idOffset)
            }
            if let currentNamed { namedRecords[currentNamed].id = id }
        }
        currentRecord = nil
        currentNamed = nil
    }

    /// Reads the records of one top-level list. `read` returns the record and its id.
    func records<T>(
        _ list: RecordList,
        _ read: (inout Int) throws(JSONSyntaxError) -> (T, String?)?
    ) throws(JSONSyntaxError) -> [T] {
        var index = 0
        return try array { () throws(JSONSyntaxError) -> T? in
            defer { index += 1 }
            if let progress = self.progress, index & 4095 == 0 { progress(self.reader.offset) }
            self.beginRecord(list, index)
            var idOffset = self.reader.offset
            let result = try read(&idOffset)
            self.endRecord(list, id: self.recordID, idOffset: idOffset)
            return result?.0
        }
    }

    /// `records`, or, when records are not kept, the same reading and checks with each record dropped once read.
    func kept<T>(
        _ list: RecordList,
        _ read: (inout Int) throws(JSONSyntaxError) -> (T, String?)?
    ) throws(JSONSyntaxError) -> [T] {
        if keepRecords { return try records(list, read) }
        _ = try records(list) { (o: inout Int) throws(JSONSyntaxError) -> ((), String?)? in
            try read(&o).map { ((), $0.1) }
        }
        return []
    }

    // MARK: The whole file

    func decode() -> Result<Dataset, DatasetError> {
        var dataset = Dataset()
        do {
            guard !reader.bytes.isEmpty else {
                return .failure(
                    DatasetError([
                        Diagnostic(
                            file: file, position: nil, record: nil, field: nil,
                            message: tr("the file is empty: expected a JSON object with \"format\": \"allies-dataset\"")
                        )
                    ]))
            }
            if let encoding = Self.wideEncoding(reader.bytes) {
                return .failure(
                    DatasetError([
                        Diagnostic(
                            file: file, position: SourcePosition(line: 1, column: 1), record: nil, field: nil,
                            message: tr("the file is in {0}, not UTF-8: save it as UTF-8", encoding))
                    ]))
            }
            var format: String?, version: Int?
            var formatOffset = 0
            try reader.peek()
            let start = reader.offset
            let ok = try object(base == nil ? Self.datasetFields : Self.fragmentFields) {
                (field: DatasetField) throws(JSONSyntaxError) in
                switch field {
                case .format: formatOffset = self.reader.offset; format = try self.string()
                case .version: version = try self.integer(in: 0...Int(Int32.max))
                case .articles:
                    dataset.articles = try self.kept(.articles) { (o: inout Int) throws(JSONSyntaxError) in
                        try self.article(&o)
                    }
                    self.articlesRead = true
                case .groups:
                    dataset.groups = try self.kept(.groups) { (o: inout Int) throws(JSONSyntaxError) in
                        try self.group(&o)
                    }
                case .companies:
                    dataset.companies = try self.kept(.companies) { (o: inout Int) throws(JSONSyntaxError) in
                        try self.company(&o)
                    }
                    if let companiesRead = self.companiesRead, self.problems.isEmpty {
                        companiesRead(dataset.companies)
                    }
                case .alliances:
                    dataset.alliances = try self.kept(.alliances) { (o: inout Int) throws(JSONSyntaxError) in
                        try self.alliance(&o)
                    }
                case .claims:
                    dataset.claims = try self.kept(.claims) { (o: inout Int) throws(JSONSyntaxError) in
                        try self.claim(&o)
                    }
                case .people:
                    dataset.people = try self.kept(.people) { (o: inout Int) throws(JSONSyntaxError) in
                        try self.person(&o)
                    }
                case .shareEstimates:
                    dataset.shareEstimates = try self.kept(.shareEstimates) {
                        (o: inout Int) throws(JSONSyntaxError) in try self.shareEstimate(&o)
                    }
                }
            }
            if ok {
                if let format, format != Dataset.formatName {
                    let expected = Dataset.formatName
                    report(
                        tr("unknown format \"{0}\": expected \"{1}\"", Quoting.value(format), expected),
                        at: formatOffset)
                }
                if let version, version != Dataset.formatVersion {
                    let known = Dataset.formatVersion
                    report(tr("unsupported version {0}: this Allies reads version {1}", version, known), at: start)
                }
            }
            reader.skipWhitespace()
            if !reader.atEnd {
                let byte = JSONReader.describe(byte: reader.bytes[reader.offset])
                report(tr("unexpected {0} after the end of the dataset object", byte), at: reader.offset)
            }
        } catch {
            problems.append((error.offset, recordEntry(), syntaxErrorField ?? fieldPath, error.message))
            return .failure(DatasetError(diagnostics()))
        }
        checkLaterQuotes()
        checkReferences()
        if problems.isEmpty { return .success(dataset) }
        return .failure(DatasetError(diagnostics()))
    }

    /// UTF-16 and UTF-32 text (a Windows editor's "Unicode"), known by its byte-order mark or, without one, by where
    /// the NUL bytes fall in the first four (RFC 4627, section 3).
    /// Otherwise the first NUL or 0xFF is all one hears of it.
    static func wideEncoding(_ b: UnsafeBufferPointer<UInt8>) -> String? {
        guard b.count >= 2 else { return nil }
        if b.count >= 4 {
            if b[0] == 0, b[1] == 0, b[2] == 0xFE, b[3] == 0xFF { return "UTF-32 (big-endian)" }
            if b[0] == 0xFF, b[1] == 0xFE, b[2] == 0, b[3] == 0 { return "UTF-32 (little-endian)" }
        }
        if b[0] == 0xFE, b[1] == 0xFF { return "UTF-16 (big-endian)" }
        if b[0] == 0xFF, b[1] == 0xFE { return "UTF-16 (little-endian)" }
        guard b.count >= 4 else { return nil }
        switch (b[0] == 0, b[1] == 0, b[2] == 0, b[3] == 0) {
        case (true, true, true, false): return "UTF-32 (big-endian)"
        case (false, true, true, true): return "UTF-32 (little-endian)"
        case (true, false, true, false): return "UTF-16 (big-endian)"
        case (false, true, false, true): return "UTF-16 (little-endian)"
        default: return nil
        }
    }

    private func checkReferences() {
        var sortedIDs: [ReferenceTarget: [String]] = [:]
        var unlisted = 0, firstUnlisted: PendingReferences.Entry?
        pending.forEach { ref in
            // The id is read again from the bytes (it was read once without error).
            var r = reader
            r.move(to: ref.offset)
            let id = (try? r.readString()) ?? ""
            let known = ids[ref.target.list.rawValue]
            guard known.find(id) == nil, baseHas?(ref.target.list, id) != true else { return }
            guard problems.count < Dataset.maximumProblems else {
                if unlisted == 0 { firstUnlisted = ref }
                unlisted += 1
                return
            }
            if sortedIDs[ref.target] == nil { sortedIDs[ref.target] = known.keys.sorted() }
            let message: String
            if let near = closestMatch(to: id, in: sortedIDs[ref.target]!) {
                message = ref.target.unknown(Quoting.value(id)) + " " + tr("(did you mean \"{0}\"?)", near)
            } else {
                message = ref.target.unknown(Quoting.value(id)) + ": " + ref.target.noOne
            }
            problems.append((ref.offset, ref.record, pending.fieldPath(ref).flatMap { $0.isEmpty ? nil : $0 }, message))
        }
        if let ref = firstUnlisted {
            let more =
                unlisted == 1
                ? tr("1 unknown reference from here on is not listed")
                : tr("{0} unknown references from here on are not listed", unlisted)
            problems.append(
                (
                    ref.offset, ref.record, pending.fieldPath(ref).flatMap { $0.isEmpty ? nil : $0 },
                    tr("too many problems ({0}):", problems.count) + " " + more
                ))
        }
    }
}
