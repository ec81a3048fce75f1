// Decodes the dataset format (FORMAT.md) from bytes, reporting every problem with its place. A syntax error stops
// the reading; everything else (a wrong type, a missing field, a bad date, a dangling reference) is recorded and
// decoding goes on, so one run of `allies validate` lists all of them.

import AlliesText

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The top-level lists of records.
enum RecordList: Int, CaseIterable {
    case articles, groups, companies, alliances, claims, people, shareEstimates

    var name: String {
        switch self {
        case .articles: return "articles"
        case .groups: return "groups"
        case .companies: return "companies"
        case .alliances: return "alliances"
        case .claims: return "claims"
        case .people: return "people"
        case .shareEstimates: return "shareEstimates"
        }
    }
}

/// What a reference points at.
enum ReferenceTarget: UInt8 {
    case article, company, group, alliance

    /// The list whose ids it names.
    var list: RecordList {
        switch self {
        case .article: return .articles
        case .company: return .companies
        case .group: return .groups
        case .alliance: return .alliances
        }
    }
    var noun: String {
        switch self {
        case .article: return "article"
        case .company: return "company"
        case .group: return "group"
        case .alliance: return "alliance"
        }
    }
}

/// One step of the path from a record to the value being read: a field name or an array index. Kept as a value and
/// formatted (`parties[0].company`) only when a problem is reported.
enum PathStep: Equatable {
    case key(String)
    case index(Int)

    /// `parties[0].company` for the steps `parties`, 0, `company`; nil for no steps.
    static func format(_ steps: some Collection<PathStep>) -> String? {
        if steps.isEmpty { return nil }
        var s = ""
        for step in steps {
            switch step {
            case .key(let name): s += "." + name
            case .index(let i): s += "[\(i)]"
            }
        }
        return String(s.drop { $0 == "." })
    }
}

/// References that were not resolved when they were read (their id was not declared yet, or never is), checked once
/// every record is read. Most references point back at records already read and are resolved at once; the rest are
/// kept here compactly, as they can be millions (a file of nothing but dangling references): a few bytes each, not
/// the id text, which is read again from the file's bytes at the end.
///
/// Each entry is a run of variable-length integers: the id's offset (from the previous entry's), the record (from
/// the previous entry's), the shape of the field path with the target, then each array index of the path (from the
/// previous entry's). The field path's shape (`parties[_].company`) is one of a few, numbered in `shapes`.
struct PendingReferences {
    struct Entry {
        var target: ReferenceTarget
        var offset: Int
        var record: Int?
        var shape: Int
        var indices: [Int]
    }

    private(set) var bytes: [UInt8] = []
    private(set) var count = 0
    /// Field path shapes: the path's steps with every index as 0.
    private(set) var shapes: [[PathStep]] = []
    private var lastShape = -1
    private var last = (offset: 0, record: 0, indices: [Int]())

    /// The bytes kept, whatever the number of references.
    var retainedBytes: Int { bytes.capacity + shapes.reduce(0) { $0 + $1.count * MemoryLayout<PathStep>.stride } }

    mutating func append(_ target: ReferenceTarget, offset: Int, record: Int?, path: ArraySlice<PathStep>) {
        let shape = shapeCode(path)
        put(zigzag(offset - last.offset))
        let r = record.map { $0 + 1 } ?? 0
        put(zigzag(r - last.record))
        put(UInt64(shape) << 2 | UInt64(target.rawValue))
        var k = 0
        for step in path {
            guard case .index(let i) = step else { continue }
            let previous = k < last.indices.count ? last.indices[k] : 0
            put(zigzag(i - previous))
            if k < last.indices.count { last.indices[k] = i } else { last.indices.append(i) }
            k += 1
        }
        last.offset = offset
        last.record = r
        count += 1
    }

    /// The entries in the order they were added.
    func forEach(_ body: (Entry) -> Void) {
        var at = 0
        var offset = 0, record = 0
        var indices: [Int] = []
        func get() -> UInt64 {
            var value: UInt64 = 0, shift: UInt64 = 0
            while true {
                let b = bytes[at]
                at += 1
                value |= UInt64(b & 0x7F) << shift
                if b < 0x80 { return value }
                shift += 7
            }
        }
        for _ in 0..<count {
            offset += unzigzag(get())
            record += unzigzag(get())
            let code = get()
            let shape = Int(code >> 2)
            let target = ReferenceTarget(rawValue: UInt8(code & 3))!
            var k = 0
            for step in shapes[shape] {
                guard case .index = step else { continue }
                let delta = unzigzag(get())
                if k < indices.count { indices[k] += delta } else { indices.append(delta) }
                k += 1
            }
            body(Entry(target: target, offset: offset, record: record == 0 ? nil : record - 1, shape: shape,
                       indices: Array(indices.prefix(k))))
        }
    }

    /// The field path of an entry, as `PathStep.format` gives it.
    func fieldPath(_ entry: Entry) -> String? {
        var k = 0
        return PathStep.format(shapes[entry.shape].map { step -> PathStep in
            guard case .index = step else { return step }
            defer { k += 1 }
            return .index(entry.indices[k])
        })
    }

    private mutating func shapeCode(_ path: ArraySlice<PathStep>) -> Int {
        if lastShape >= 0, Self.sameShape(shapes[lastShape], path) { return lastShape }
        if let found = shapes.firstIndex(where: { Self.sameShape($0, path) }) {
            lastShape = found
        } else {
            shapes.append(path.map { if case .index = $0 { return .index(0) } else { return $0 } })
            lastShape = shapes.count - 1
        }
        return lastShape
    }

    private static func sameShape(_ shape: [PathStep], _ path: ArraySlice<PathStep>) -> Bool {
        guard shape.count == path.count else { return false }
        for (a, b) in zip(shape, path) {
            switch (a, b) {
            case (.key(let x), .key(let y)): if x != y { return false }
            case (.index, .index): continue
            default: return false
            }
        }
        return true
    }

    private mutating func put(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    private func zigzag(_ n: Int) -> UInt64 { UInt64(bitPattern: Int64((n << 1) ^ (n >> 63))) }
    private func unzigzag(_ v: UInt64) -> Int { Int(Int64(bitPattern: v >> 1) ^ -Int64(bitPattern: v & 1)) }
}

/// A record type's fields as the decoder reads them: the names to match keys against, and the field of each index.
struct DecodedFields<F: RecordField> {
    let object: ObjectFields
    let cases: [F]

    init(_ type: F.Type) {
        cases = F.allCases
        object = ObjectFields(cases.map(\.name), required: cases.filter(\.isRequired).map(\.name))
    }
}

final class DatasetDecoder {
    @exclusivity(unchecked) private var reader: JSONReader
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
    @exclusivity(unchecked) private var recordID: String?
    /// References whose id was not declared when they were read.
    @exclusivity(unchecked) private var pending = PendingReferences()
    /// Where each record id was first declared, by list (`RecordList.rawValue`): for duplicate ids, and the ids
    /// references are resolved against.
    private let ids = RecordList.allCases.map { _ in IDTable() }

    /// Called now and then with the offset reached (for a progress bar, and to give back pages already read).
    private let progress: ((Int) -> Void)?

    init(bytes: UnsafeBufferPointer<UInt8>, file: String, progress: ((Int) -> Void)? = nil) {
        reader = JSONReader(bytes)
        self.file = file
        self.progress = progress
    }

    // MARK: Reporting

    private var fieldPath: String? {
        PathStep.format(relativePath)
    }

    private var relativePath: ArraySlice<PathStep> { path.dropFirst(currentRecord == nil ? 0 : recordDepth) }

    private func report(_ message: String, at offset: Int) {
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
        throw JSONSyntaxError(offset: offset ?? reader.offset, message: "too many problems (\(problems.count)): reading stopped here")
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
        for offset in Set(lineMessages.values.map(\.offset)).sorted() { firstLines[offset] = cursor.position(of: offset).line }
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
            return Diagnostic(file: file, position: cursor.position(of: p.offset), record: p.record.map(label),
                              field: p.field, message: lineMessages[i].map { $0.message(firstLines[$0.offset]!) } ?? p.message)
        }
    }

    // MARK: Typed values

    /// Reads the next value if it has the expected kind; otherwise reports, skips it and returns nil.
    /// `null` is accepted silently for optional values.
    private func value<T>(_ expected: JSONKind, _ expectation: String, required: Bool,
                          _ read: (inout JSONReader) throws(JSONSyntaxError) -> T) throws(JSONSyntaxError) -> T? {
        let kind = try reader.peek()
        let at = reader.offset
        if kind == expected { return try read(&reader) }
        if kind == .null && !required { try reader.readNull(); return nil }
        try reader.skipValue()
        report("expected \(expectation), found \(kind.noun)", at: at)
        return nil
    }

    func string(required: Bool = true, nonEmpty: Bool = true) throws(JSONSyntaxError) -> String? {
        let at = reader.offset
        guard let s = try value(.string, "a string", required: required, { (r: inout JSONReader) throws(JSONSyntaxError) in try r.readString() }) else { return nil }
        if nonEmpty && Self.isBlank(s) {
            report("expected a non-empty string", at: at)
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
        try value(.number, "a number", required: required) { (r: inout JSONReader) throws(JSONSyntaxError) in try r.readNumber() }
    }

    func bool(required: Bool = true) throws(JSONSyntaxError) -> Bool? {
        try value(.bool, "true or false", required: required) { (r: inout JSONReader) throws(JSONSyntaxError) in try r.readBool() }
    }

    func integer(required: Bool = true, in range: ClosedRange<Int>) throws(JSONSyntaxError) -> Int? {
        try reader.peek()
        let at = reader.offset
        guard let n = try number(required: required) else { return nil }
        guard n.rounded() == n, n >= Double(range.lowerBound), n <= Double(range.upperBound) else {
            report("expected a whole number from \(range.lowerBound) to \(range.upperBound), found \(Self.show(n))", at: at)
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
        var message = "unknown value \"\(Quoting.value(s))\": expected one of \(names.joined(separator: ", "))"
        if let near = closestMatch(to: s.lowercased(), in: names) { message += " (did you mean \"\(near)\"?)" }
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
            report("invalid date \"\(Quoting.value(s))\": \(e)", at: at)
            return nil
        }
    }

    func slug() throws(JSONSyntaxError) -> String? {
        try reader.peek()
        let at = reader.offset
        guard let s = try string() else { return nil }
        if !Self.isSlug(s) {
            report("invalid id \"\(Quoting.value(s))\": expected a lowercase slug of a–z, 0–9 and '-' (at most 80 characters)", at: at)
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
        if missed || known.find(s) == nil {
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
            report("expected an array, found \(kind.noun)", at: at)
            return []
        }
        var items: [T] = []
        var outer = reader
        try outer.readArray { (r: inout JSONReader, index: Int) throws(JSONSyntaxError) in
            self.reader = r
            defer { r = self.reader }
            try self.stopIfTooMany()
            if let item = try self.withField(.index(index), element) { items.append(item) }
        }
        reader = outer
        if items.count < minimum {
            report("expected at least \(minimum) item\(minimum == 1 ? "" : "s"), found \(items.count) valid", at: at)
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

    private func object(_ fields: ObjectFields, _ body: (Int) throws(JSONSyntaxError) -> Void) throws(JSONSyntaxError) -> Bool {
        let kind = try reader.peek()
        let start = reader.offset
        guard kind == .object else {
            try reader.skipValue()
            report("expected an object, found \(kind.noun)", at: start)
            return false
        }
        // The fields seen, by their index in `fields`.
        var seen: UInt64 = 0
        var outer = reader
        defer { reader = outer }
        try outer.readObject(fields: fields) { (r: inout JSONReader, index: Int, key: String, keyOffset: Int) throws(JSONSyntaxError) in
            self.reader = r
            defer { r = self.reader }
            try self.stopIfTooMany(at: keyOffset)
            guard index >= 0 else {
                var message = "unknown field \"\(Quoting.value(key))\""
                if let near = closestMatch(to: key, in: fields.names) { message += " (did you mean \"\(near)\"?)" }
                else { message += ": expected one of \(fields.names.joined(separator: ", "))" }
                self.report(message, at: keyOffset)
                try self.reader.skipValue()
                return
            }
            let bit = UInt64(1) << UInt64(index)
            guard seen & bit == 0 else {
                self.report("field \"\(key)\" appears twice in the same object", at: keyOffset)
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
            report("missing required field \"\(fields.names[missing.trailingZeroBitCount])\"", at: start)
            missing &= missing - 1
        }
        return true
    }

    // MARK: Records

    // The fields of each kind of object, declared in RecordFields.swift (names in canonical order, required ones).
    static let textFields = DecodedFields(TextField.self)
    static let sourceQuoteFields = DecodedFields(SourceQuoteField.self)
    static let citationFields = DecodedFields(CitationField.self)
    static let datedEventFields = DecodedFields(DatedEventField.self)
    static let articleFields = DecodedFields(ArticleField.self)
    static let groupFields = DecodedFields(GroupField.self)
    static let companyFields = DecodedFields(CompanyField.self)
    static let amountFields = DecodedFields(AmountField.self)
    static let partyFields = DecodedFields(PartyField.self)
    static let allianceFields = DecodedFields(AllianceField.self)
    static let updateFields = DecodedFields(UpdateField.self)
    static let figureFields = DecodedFields(FigureField.self)
    static let subjectFields = DecodedFields(SubjectField.self)
    static let claimFields = DecodedFields(ClaimField.self)
    static let personFields = DecodedFields(PersonField.self)
    static let shareFields = DecodedFields(ShareField.self)
    static let shareEstimateFields = DecodedFields(ShareEstimateField.self)
    static let datasetFields = DecodedFields(DatasetField.self)

    private func beginRecord(_ list: RecordList, _ index: Int) {
        currentRecord = (list, index)
        currentNamed = nil
        recordDepth = path.count
        recordID = nil
    }

    private func endRecord(_ list: RecordList, id: String?, idOffset: Int) {
        if let id {
            if let first = ids[list.rawValue].declare(id, at: idOffset) {
                let quoted = Quoting.value(id)
                let name = list.name
                lineMessages[problems.count] = (first, { "duplicate id \"\(quoted)\": already used at line \($0) of \(name)" })
                report("duplicate id \"\(quoted)\"", at: idOffset)
            }
            if let currentNamed { namedRecords[currentNamed].id = id }
        }
        currentRecord = nil
        currentNamed = nil
    }

    /// Reads the records of one top-level list. `read` returns the record and its id.
    private func records<T>(_ list: RecordList,
                            _ read: (inout Int) throws(JSONSyntaxError) -> (T, String?)?) throws(JSONSyntaxError) -> [T] {
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

    func text() throws(JSONSyntaxError) -> LocalizedText? {
        var en: String?, es: String?
        let ok = try object(Self.textFields) { (field: TextField) throws(JSONSyntaxError) in
            switch field {
            case .en: en = try self.string()
            case .es: es = try self.string()
            }
        }
        guard ok, let en, let es else { return nil }
        return LocalizedText(en: en, es: es)
    }

    func sourceQuote() throws(JSONSyntaxError) -> SourceQuote? {
        var article: String?, quote: String?, note: String?
        let ok = try object(Self.sourceQuoteFields) { (field: SourceQuoteField) throws(JSONSyntaxError) in
            switch field {
            case .article: article = try self.reference(.article)
            case .quote: quote = try self.string()
            case .note: note = try self.string(required: false)
            }
        }
        guard ok, let article, let quote else { return nil }
        return SourceQuote(article: article, quote: quote, note: note)
    }

    func sourceQuotes() throws(JSONSyntaxError) -> [SourceQuote] {
        try array { () throws(JSONSyntaxError) in try self.sourceQuote() }
    }

    func citation() throws(JSONSyntaxError) -> Citation? {
        var publisher: String?, title: String?, url: String?, published: PartialDate?, supports: String?
        let ok = try object(Self.citationFields) { (field: CitationField) throws(JSONSyntaxError) in
            switch field {
            case .publisher: publisher = try self.string()
            case .title: title = try self.string()
            case .url: url = try self.string(required: false)
            case .published: published = try self.date(required: false)
            case .supports: supports = try self.string()
            }
        }
        guard ok, let publisher, let title, let supports else { return nil }
        return Citation(publisher: publisher, title: title, url: url, published: published, supports: supports)
    }

    func citations() throws(JSONSyntaxError) -> [Citation] {
        try array { () throws(JSONSyntaxError) in try self.citation() }
    }

    func datedEvent() throws(JSONSyntaxError) -> DatedEvent? {
        if try reader.peek() == .null { try reader.readNull(); return nil }
        var value: PartialDate?, event: DateEvent?
        let ok = try object(Self.datedEventFields) { (field: DatedEventField) throws(JSONSyntaxError) in
            switch field {
            case .value: value = try self.date()
            case .event: event = try self.enumeration(DateEvent.self)
            }
        }
        guard ok, let value, let event else { return nil }
        return DatedEvent(value, event)
    }

    func article(_ idOffset: inout Int) throws(JSONSyntaxError) -> (Article, String?)? {
        var id: String?, file: String?, title: String?, outlet: String?, author: String?
        var published: PartialDate?, publishedNote: String?, language: String?, url: String?
        let ok = try object(Self.articleFields) { (field: ArticleField) throws(JSONSyntaxError) in
            switch field {
            case .id: idOffset = self.reader.offset; id = try self.slug(); self.recordID = id
            case .file: file = try self.string(required: false)
            case .title: title = try self.string()
            case .outlet: outlet = try self.string(required: false)
            case .author: author = try self.string(required: false)
            case .published: published = try self.date(required: false)
            case .publishedNote: publishedNote = try self.string(required: false)
            case .language:
                try self.reader.peek()
                let at = self.reader.offset
                language = try self.string()
                if let l = language, !Self.isTwoLetterCode(l, uppercase: false) {
                    self.report("invalid language \"\(Quoting.value(l))\": expected a two-letter ISO 639-1 code such as \"es\"", at: at)
                }
            case .url: url = try self.string(required: false)
            }
        }
        guard ok, let id, let title, let language else { return nil }
        return (Article(id: id, file: file, title: title, outlet: outlet, author: author, published: published,
                        publishedNote: publishedNote, language: language, url: url), id)
    }

    func group(_ idOffset: inout Int) throws(JSONSyntaxError) -> (Group, String?)? {
        var id: String?, name: String?, description: LocalizedText?
        var sources: [SourceQuote] = [], citations: [Citation] = []
        let ok = try object(Self.groupFields) { (field: GroupField) throws(JSONSyntaxError) in
            switch field {
            case .id: idOffset = self.reader.offset; id = try self.slug(); self.recordID = id
            case .name: name = try self.string()
            case .description: description = try self.text()
            case .sources: sources = try self.sourceQuotes()
            case .citations: citations = try self.citations()
            }
        }
        guard ok, let id, let name, let description else { return nil }
        return (Group(id: id, name: name, description: description, sources: sources, citations: citations), id)
    }

    func company(_ idOffset: inout Int) throws(JSONSyntaxError) -> (Company, String?)? {
        var id: String?, name: String?, aliases: [String] = [], kind: CompanyKind?, country: String?
        var parent: String?, description: LocalizedText?, groups: [String] = [], products: [String] = []
        var sources: [SourceQuote] = [], citations: [Citation] = []
        let ok = try object(Self.companyFields) { (field: CompanyField) throws(JSONSyntaxError) in
            switch field {
            case .id: idOffset = self.reader.offset; id = try self.slug(); self.recordID = id
            case .name: name = try self.string()
            case .aliases: aliases = try self.strings()
            case .kind: kind = try self.enumeration(CompanyKind.self)
            case .country:
                try self.reader.peek()
                let at = self.reader.offset
                country = try self.string(required: false)
                if let c = country, !Self.isTwoLetterCode(c, uppercase: true) {
                    self.report("invalid country \"\(Quoting.value(c))\": expected a two-letter ISO 3166 code such as \"US\"", at: at)
                }
            case .parent: parent = try self.reference(.company, required: false)
            case .description: description = try self.text()
            case .groups: groups = try self.array { () throws(JSONSyntaxError) in try self.reference(.group) }
            case .products: products = try self.strings()
            case .sources: sources = try self.sourceQuotes()
            case .citations: citations = try self.citations()
            }
        }
        if let id, let parent, id == parent { report("a company cannot be its own parent", at: idOffset) }
        guard ok, let id, let name, let kind, let description else { return nil }
        return (Company(id: id, name: name, aliases: aliases, kind: kind, country: country, parent: parent,
                        description: description, groups: groups, products: products, sources: sources,
                        citations: citations), id)
    }

    func amount() throws(JSONSyntaxError) -> Amount? {
        var value: Double?, currency: String?, per = Amount.Per.total, bound = Bound.exact
        var estimated = false, cumulative = false, termYears: Double?, from: String?, to: String?, note: String?
        var purpose: AllianceKind?
        let ok = try object(Self.amountFields) { (field: AmountField) throws(JSONSyntaxError) in
            try self.reader.peek()
            let at = self.reader.offset
            switch field {
            case .value:
                value = try self.number()
                if let v = value, !(v > 0 && v < 1e15) {
                    self.report("invalid amount \(Self.show(v)): expected a positive value below 10^15 in units of the currency", at: at)
                    value = nil
                }
            case .currency:
                currency = try self.string()
                if let c = currency, !Amount.knownCurrencies.contains(c) {
                    var message = "unknown currency \"\(Quoting.value(c))\": expected an ISO 4217 code such as USD, EUR or CNY"
                    if let near = closestMatch(to: c.uppercased(), in: Amount.knownCurrencies.sorted()) { message += " (did you mean \"\(near)\"?)" }
                    self.report(message, at: at)
                    currency = nil
                }
            case .per: per = try self.enumeration(Amount.Per.self, required: false) ?? .total
            case .bound: bound = try self.enumeration(Bound.self, required: false) ?? .exact
            case .estimated: estimated = try self.bool(required: false) ?? false
            case .cumulative: cumulative = try self.bool(required: false) ?? false
            case .termYears:
                termYears = try self.number(required: false)
                if let t = termYears, !(t > 0 && t <= 200) {
                    self.report("invalid term \(Self.show(t)): expected a number of years above 0 and at most 200", at: at)
                    termYears = nil
                }
            case .from: from = try self.reference(.company, required: false)
            case .to: to = try self.reference(.company, required: false)
            case .purpose: purpose = try self.enumeration(AllianceKind.self, required: false)
            case .note: note = try self.string(required: false)
            }
        }
        guard ok, let value, let currency else { return nil }
        return Amount(value: value, currency: currency, per: per, bound: bound, estimated: estimated,
                      cumulative: cumulative, termYears: termYears, from: from, to: to, purpose: purpose, note: note)
    }

    func party() throws(JSONSyntaxError) -> Party? {
        var company: String?, role: PartyRole?
        let ok = try object(Self.partyFields) { (field: PartyField) throws(JSONSyntaxError) in
            switch field {
            case .company: company = try self.reference(.company)
            case .role: role = try self.enumeration(PartyRole.self)
            }
        }
        guard ok, let company, let role else { return nil }
        return Party(company, role)
    }

    func alliance(_ idOffset: inout Int) throws(JSONSyntaxError) -> (Alliance, String?)? {
        var id: String?, kind: AllianceKind?, parties: [Party] = [], amounts: [Amount] = [], date: DatedEvent?
        var status: AllianceStatus?, title: LocalizedText?, summary: LocalizedText?, products: [String] = []
        var sources: [SourceQuote] = [], citations: [Citation] = [], disagreement: String?
        var updates: [AllianceUpdate] = []
        var partiesOffset = 0
        let ok = try object(Self.allianceFields) { (field: AllianceField) throws(JSONSyntaxError) in
            switch field {
            case .id: idOffset = self.reader.offset; id = try self.slug(); self.recordID = id
            case .kind: kind = try self.enumeration(AllianceKind.self)
            case .parties:
                try self.reader.peek()
                partiesOffset = self.reader.offset
                parties = try self.array(required: true, minimum: 2) { () throws(JSONSyntaxError) in try self.party() }
            case .amounts: amounts = try self.array { () throws(JSONSyntaxError) in try self.amount() }
            case .date: date = try self.datedEvent()
            case .status: status = try self.enumeration(AllianceStatus.self)
            case .title: title = try self.text()
            case .summary: summary = try self.text()
            case .products: products = try self.strings()
            case .sources: sources = try self.array(required: true, minimum: 1) { () throws(JSONSyntaxError) in try self.sourceQuote() }
            case .citations: citations = try self.citations()
            case .disagreement: disagreement = try self.string(required: false)
            case .updates:
                var previous: PartialDate?
                updates = try self.array { () throws(JSONSyntaxError) in try self.update(after: &previous) }
            }
        }
        if Self.hasDuplicates(parties.map(\.company)) {
            report("the same company is listed twice among the parties", at: partiesOffset)
        }
        guard ok, let id, let kind, let status, let title, let summary else { return nil }
        return (Alliance(id: id, kind: kind, parties: parties, amounts: amounts, date: date, status: status,
                         title: title, summary: summary, products: products, sources: sources, citations: citations,
                         disagreement: disagreement, updates: updates), id)
    }

    /// One of an alliance's updates. `previous` is the date of the update before it (updated here): an update dated
    /// earlier than that one is reported, as updates are listed oldest first.
    func update(after previous: inout PartialDate?) throws(JSONSyntaxError) -> AllianceUpdate? {
        var date: PartialDate?, text: LocalizedText?, citations: [Citation] = []
        let ok = try object(Self.updateFields) { (field: UpdateField) throws(JSONSyntaxError) in
            switch field {
            case .date:
                try self.reader.peek()
                let at = self.reader.offset
                date = try self.date()
                if let date, let before = previous, date < before {
                    self.report("update dated \(date) is earlier than the update before it (\(before)): list updates oldest first", at: at)
                }
                if let date { previous = date }
            case .text: text = try self.text()
            case .citations:
                citations = try self.array(required: true, minimum: 1) { () throws(JSONSyntaxError) in try self.citation() }
            }
        }
        guard ok, let date, let text, !citations.isEmpty else { return nil }
        return AllianceUpdate(date: date, text: text, citations: citations)
    }

    /// `Set(items).count < items.count`, without a set for the few parties of an alliance.
    static func hasDuplicates(_ items: [String]) -> Bool {
        guard items.count <= 16 else { return Set(items).count < items.count }
        for i in items.indices {
            for j in items.indices where j > i && items[i] == items[j] { return true }
        }
        return false
    }

    func figure() throws(JSONSyntaxError) -> Figure? {
        if try reader.peek() == .null { try reader.readNull(); return nil }
        var value: Double?, unit: String?, bound = Bound.exact
        let ok = try object(Self.figureFields) { (field: FigureField) throws(JSONSyntaxError) in
            switch field {
            case .value: value = try self.number()
            case .unit: unit = try self.string()
            case .bound: bound = try self.enumeration(Bound.self, required: false) ?? .exact
            }
        }
        guard ok, let value, let unit else { return nil }
        return Figure(value: value, unit: unit, bound: bound)
    }

    func subject() throws(JSONSyntaxError) -> ClaimSubject? {
        try reader.peek()
        let at = reader.offset
        var company: String?, alliance: String?, product: String?, topic: String?
        let ok = try object(Self.subjectFields) { (field: SubjectField) throws(JSONSyntaxError) in
            switch field {
            case .company: company = try self.reference(.company)
            case .alliance: alliance = try self.reference(.alliance)
            case .product: product = try self.string()
            case .topic: topic = try self.string()
            }
        }
        guard ok else { return nil }
        switch (company, alliance, product, topic) {
        case (let c?, nil, nil, nil): return .company(c)
        case (nil, let a?, nil, nil): return .alliance(a)
        case (let c?, nil, let p?, nil): return .product(name: p, company: c)
        case (nil, nil, nil, let t?): return .topic(t)
        default:
            report("expected exactly one of {\"company\"}, {\"alliance\"}, {\"product\", \"company\"} or {\"topic\"}", at: at)
            return nil
        }
    }

    func claim(_ idOffset: inout Int) throws(JSONSyntaxError) -> (Claim, String?)? {
        var id: String?, about: ClaimSubject?, kind: ClaimKind?, figure: Figure?, text: LocalizedText?
        var date: DatedEvent?, sources: [SourceQuote] = [], citations: [Citation] = []
        let ok = try object(Self.claimFields) { (field: ClaimField) throws(JSONSyntaxError) in
            switch field {
            case .id: idOffset = self.reader.offset; id = try self.slug(); self.recordID = id
            case .about: about = try self.subject()
            case .kind: kind = try self.enumeration(ClaimKind.self)
            case .figure: figure = try self.figure()
            case .text: text = try self.text()
            case .date: date = try self.datedEvent()
            case .sources: sources = try self.array(required: true, minimum: 1) { () throws(JSONSyntaxError) in try self.sourceQuote() }
            case .citations: citations = try self.citations()
            }
        }
        guard ok, let id, let about, let kind, let text else { return nil }
        return (Claim(id: id, about: about, kind: kind, figure: figure, text: text, date: date, sources: sources,
                      citations: citations), id)
    }

    func person(_ idOffset: inout Int) throws(JSONSyntaxError) -> (Person, String?)? {
        var id: String?, name: String?, role: LocalizedText?, organization: String?, organizationName: String?
        var sources: [SourceQuote] = []
        let ok = try object(Self.personFields) { (field: PersonField) throws(JSONSyntaxError) in
            switch field {
            case .id: idOffset = self.reader.offset; id = try self.slug(); self.recordID = id
            case .name: name = try self.string()
            case .role: role = try self.text()
            case .organization: organization = try self.reference(.company, required: false)
            case .organizationName: organizationName = try self.string(required: false)
            case .sources: sources = try self.array(required: true, minimum: 1) { () throws(JSONSyntaxError) in try self.sourceQuote() }
            }
        }
        guard ok, let id, let name, let role else { return nil }
        return (Person(id: id, name: name, role: role, organization: organization, organizationName: organizationName,
                       sources: sources), id)
    }

    func share() throws(JSONSyntaxError) -> Share? {
        try reader.peek()
        let at = reader.offset
        var vendor: String?, label: String?, bound = Share.ShareBound.exact, value: Double?, upper: Double?
        let ok = try object(Self.shareFields) { (field: ShareField) throws(JSONSyntaxError) in
            try self.reader.peek()
            let valueAt = self.reader.offset
            switch field {
            case .vendor: vendor = try self.reference(.company, required: false)
            case .label: label = try self.string()
            case .bound: bound = try self.enumeration(Share.ShareBound.self, required: false) ?? .exact
            case .value:
                value = try self.number()
                if let v = value, !(0...100).contains(v) { self.report("invalid share \(Self.show(v)): expected a percentage from 0 to 100", at: valueAt); value = nil }
            case .upper:
                upper = try self.number(required: false)
                if let u = upper, !(0...100).contains(u) { self.report("invalid upper share \(Self.show(u)): expected a percentage from 0 to 100", at: valueAt); upper = nil }
            }
        }
        guard ok, let label, let value else { return nil }
        if bound == .range {
            guard let upper, upper >= value else {
                report("a \"range\" share needs \"upper\" at least as large as \"value\"", at: at)
                return nil
            }
        }
        return Share(vendor: vendor, label: label, bound: bound, value: value, upper: upper)
    }

    func shareEstimate(_ idOffset: inout Int) throws(JSONSyntaxError) -> (ShareEstimate, String?)? {
        try reader.peek()
        let at = reader.offset
        var id: String?, market: String?, scope: String?, metric: ShareEstimate.Metric?, region: String?
        var year: Int?, forecast: Bool?, publisher: String?, published: PartialDate?, shares: [Share] = []
        var sources: [SourceQuote] = [], citations: [Citation] = []
        let ok = try object(Self.shareEstimateFields) { (field: ShareEstimateField) throws(JSONSyntaxError) in
            switch field {
            case .id: idOffset = self.reader.offset; id = try self.slug(); self.recordID = id
            case .market: market = try self.string()
            case .scope: scope = try self.string()
            case .metric: metric = try self.enumeration(ShareEstimate.Metric.self)
            case .region: region = try self.string()
            case .year: year = try self.integer(in: 1900...2100)
            case .forecast: forecast = try self.bool()
            case .publisher: publisher = try self.string()
            case .published: published = try self.date(required: false)
            case .shares: shares = try self.array(required: true, minimum: 1) { () throws(JSONSyntaxError) in try self.share() }
            case .sources: sources = try self.sourceQuotes()
            case .citations: citations = try self.citations()
            }
        }
        guard ok else { return nil }
        if sources.isEmpty && citations.isEmpty {
            report("a share estimate needs at least one source quote or citation", at: at)
        }
        let total = shares.reduce(0.0) { $0 + $1.value }
        if total > 100.5 {
            report("the shares' lower values add up to \(Self.show(total.rounded()))%, more than 100%", at: at)
        }
        guard let id, let market, let scope, let metric, let region, let year, let forecast, let publisher else {
            return nil
        }
        return (ShareEstimate(id: id, market: market, scope: scope, metric: metric, region: region, year: year,
                              forecast: forecast, publisher: publisher, published: published, shares: shares,
                              sources: sources, citations: citations), id)
    }

    // MARK: The whole file

    func decode() -> Result<Dataset, DatasetError> {
        var dataset = Dataset()
        do {
            guard !reader.bytes.isEmpty else {
                return .failure(DatasetError([Diagnostic(file: file, position: nil, record: nil, field: nil,
                                                         message: "the file is empty: expected a JSON object with \"format\": \"allies-dataset\"")]))
            }
            if let encoding = Self.wideEncoding(reader.bytes) {
                return .failure(DatasetError([Diagnostic(file: file, position: SourcePosition(line: 1, column: 1), record: nil, field: nil,
                                                         message: "the file is in \(encoding), not UTF-8: save it as UTF-8")]))
            }
            var format: String?, version: Int?
            var formatOffset = 0
            try reader.peek()
            let start = reader.offset
            let ok = try object(Self.datasetFields) { (field: DatasetField) throws(JSONSyntaxError) in
                switch field {
                case .format: formatOffset = self.reader.offset; format = try self.string()
                case .version: version = try self.integer(in: 0...Int(Int32.max))
                case .articles: dataset.articles = try self.records(.articles) { (o: inout Int) throws(JSONSyntaxError) in try self.article(&o) }
                case .groups: dataset.groups = try self.records(.groups) { (o: inout Int) throws(JSONSyntaxError) in try self.group(&o) }
                case .companies: dataset.companies = try self.records(.companies) { (o: inout Int) throws(JSONSyntaxError) in try self.company(&o) }
                case .alliances: dataset.alliances = try self.records(.alliances) { (o: inout Int) throws(JSONSyntaxError) in try self.alliance(&o) }
                case .claims: dataset.claims = try self.records(.claims) { (o: inout Int) throws(JSONSyntaxError) in try self.claim(&o) }
                case .people: dataset.people = try self.records(.people) { (o: inout Int) throws(JSONSyntaxError) in try self.person(&o) }
                case .shareEstimates: dataset.shareEstimates = try self.records(.shareEstimates) { (o: inout Int) throws(JSONSyntaxError) in try self.shareEstimate(&o) }
                }
            }
            if ok {
                if let format, format != Dataset.formatName {
                    report("unknown format \"\(Quoting.value(format))\": expected \"\(Dataset.formatName)\"", at: formatOffset)
                }
                if let version, version != Dataset.formatVersion {
                    report("unsupported version \(version): this Allies reads version \(Dataset.formatVersion)", at: start)
                }
            }
            reader.skipWhitespace()
            if !reader.atEnd {
                report("unexpected \(JSONReader.describe(byte: reader.bytes[reader.offset])) after the end of the dataset object", at: reader.offset)
            }
        } catch {
            problems.append((error.offset, recordEntry(), syntaxErrorField ?? fieldPath, error.message))
            return .failure(DatasetError(diagnostics()))
        }
        checkReferences()
        if problems.isEmpty { return .success(dataset) }
        return .failure(DatasetError(diagnostics()))
    }

    /// UTF-16 and UTF-32 text (a Windows editor's "Unicode"), known by its byte-order mark or, without one, by where
    /// the NUL bytes fall in the first four (RFC 4627, section 3). Otherwise the first NUL or 0xFF is all one hears of it.
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
            guard known.find(id) == nil else { return }
            guard problems.count < Dataset.maximumProblems else {
                if unlisted == 0 { firstUnlisted = ref }
                unlisted += 1
                return
            }
            if sortedIDs[ref.target] == nil { sortedIDs[ref.target] = known.keys.sorted() }
            var message = "unknown \(ref.target.noun) \"\(Quoting.value(id))\""
            if let near = closestMatch(to: id, in: sortedIDs[ref.target]!) { message += " (did you mean \"\(near)\"?)" }
            else { message += ": no \(ref.target.noun) has this id" }
            problems.append((ref.offset, ref.record, pending.fieldPath(ref).flatMap { $0.isEmpty ? nil : $0 }, message))
        }
        if let ref = firstUnlisted {
            problems.append((ref.offset, ref.record, pending.fieldPath(ref).flatMap { $0.isEmpty ? nil : $0 },
                             "too many problems (\(problems.count)): \(unlisted) unknown reference\(unlisted == 1 ? "" : "s") from here on \(unlisted == 1 ? "is" : "are") not listed"))
        }
    }
}

/// The ids declared in one list, each with the offset of its first declaration. Ids are slugs (ASCII), so a key can
/// be looked up by UTF-8 bytes, byte equality being String equality for them: a reference is found from the file's
/// bytes before any String is made for it (the declared id's String is then shared). Open addressing with linear
/// probing over slots that hold the hash, the key and the offset together (one cache line to look at, where a
/// Dictionary of Strings looks in several), growing without hashing again.
final class IDTable {
    private struct Slot {
        var hash: Int
        var key: String
        var offset: Int  // -1: empty
    }

    /// A power of two, at most three quarters full.
    @exclusivity(unchecked) private var slots: [Slot] = []
    private(set) var count = 0

    /// The keys, in no particular order.
    var keys: [String] { slots.compactMap { $0.offset >= 0 ? $0.key : nil } }

    private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(key))
        return hasher.finalize()
    }

    /// The key with these bytes, if declared.
    func find(_ key: UnsafeBufferPointer<UInt8>) -> String? {
        guard count > 0 else { return nil }
        let hash = Self.hash(key)
        return slots.withUnsafeBufferPointer { s -> String? in
            let mask = s.count - 1
            var i = hash & mask
            while s[i].offset >= 0 {
                if s[i].hash == hash {
                    let found = s[i].key
                    if found.utf8.count == key.count,
                       found.utf8.withContiguousStorageIfAvailable({ key.isEmpty || memcmp($0.baseAddress!, key.baseAddress!, key.count) == 0 })
                        ?? found.utf8.elementsEqual(key) {
                        return found
                    }
                }
                i = (i + 1) & mask
            }
            return nil
        }
    }

    func find(_ key: String) -> String? {
        var key = key
        return key.withUTF8 { find($0) }
    }

    /// Declares `key` at `offset`; when it was declared before, returns that first offset and changes nothing.
    func declare(_ key: String, at offset: Int) -> Int? {
        var utf8 = key
        let hash = utf8.withUTF8 { Self.hash($0) }
        if (count + 1) * 4 > slots.count * 3 { grow() }
        let mask = slots.count - 1
        var i = hash & mask
        while slots[i].offset >= 0 {
            if slots[i].hash == hash && slots[i].key == key { return slots[i].offset }
            i = (i + 1) & mask
        }
        slots[i] = Slot(hash: hash, key: key, offset: offset)
        count += 1
        return nil
    }

    private func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(hash: 0, key: "", offset: -1), count: max(16, old.count * 2))
        let mask = slots.count - 1
        for slot in old where slot.offset >= 0 {
            var i = slot.hash & mask
            while slots[i].offset >= 0 { i = (i + 1) & mask }
            slots[i] = slot
        }
    }
}
