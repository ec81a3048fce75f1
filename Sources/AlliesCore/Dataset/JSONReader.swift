// A pull parser over UTF-8 bytes. The dataset decoder reads values straight into the model, which keeps memory at
// the size of the model (no intermediate tree) and keeps every value's byte offset for error messages.

import AlliesText

/// A syntax error: the file is not JSON at this offset, and reading cannot go on.
public struct JSONSyntaxError: Error, Sendable {
    public let offset: Int
    public let message: String
}

/// The kind of the next value, known from its first byte.
enum JSONKind: Sendable {
    case object, array, string, number, bool, null

    var noun: String {
        switch self {
        case .object: return "an object"
        case .array: return "an array"
        case .string: return "a string"
        case .number: return "a number"
        case .bool: return "true or false"
        case .null: return "null"
        }
    }

    /// `noun` in the current language (the import's reasons keep the English one).
    var label: String {
        switch self {
        case .object: return tr("an object")
        case .array: return tr("an array")
        case .string: return tr("a string")
        case .number: return tr("a number")
        case .bool: return tr("true or false")
        case .null: return "null"
        }
    }
}

/// The fields of one kind of object, in canonical order, with the required ones as a bit mask: made once (a
/// `static let`), not for every object read.
struct ObjectFields {
    let names: [String]
    let utf8: [[UInt8]]
    let required: UInt64

    init(_ names: [String], required: [String]) {
        precondition(names.count <= 64, "at most 64 fields")
        self.names = names
        utf8 = names.map { Array($0.utf8) }
        var mask: UInt64 = 0
        for name in required {
            guard let i = names.firstIndex(of: name) else {
                preconditionFailure("required field \(name) is not a field")
            }
            mask |= 1 << UInt64(i)
        }
        self.required = mask
    }

    /// No known field: every key is read as a string.
    static let none = ObjectFields([], required: [])
}

struct JSONReader {
    /// Nesting deeper than this is refused rather than followed (a hostile file could nest a million arrays).
    static let maxDepth = 256

    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var offset = 0
    private var depth = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        // A UTF-8 byte-order mark is allowed and skipped.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { offset = 3 }
    }

    /// Goes to an offset read before (to read a value again).
    mutating func move(to offset: Int) {
        self.offset = offset
    }

    private func fail(_ message: String, at position: Int? = nil) -> JSONSyntaxError {
        JSONSyntaxError(offset: position ?? offset, message: message)
    }

    mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x0A, 0x0D, 0x09: offset += 1
            default: return
            }
        }
    }

    var atEnd: Bool { offset >= bytes.count }

    /// The kind of the next value, after whitespace.
    @discardableResult
    mutating func peek() throws(JSONSyntaxError) -> JSONKind {
        skipWhitespace()
        guard offset < bytes.count else { throw fail(tr("unexpected end of file: expected a value")) }
        switch bytes[offset] {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        default: throw fail(tr("unexpected {0}: expected a value", Self.describe(byte: bytes[offset])))
        }
    }

    static func describe(byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F { return tr("character '{0}'", Character(Unicode.Scalar(byte))) }
        return tr("byte 0x{0}", String(byte, radix: 16, uppercase: true))
    }

    private mutating func expect(_ byte: UInt8, _ what: @autoclosure () -> String) throws(JSONSyntaxError) {
        skipWhitespace()
        guard offset < bytes.count else { throw fail(tr("unexpected end of file: expected {0}", what())) }
        guard bytes[offset] == byte else {
            throw fail(tr("unexpected {0}: expected {1}", Self.describe(byte: bytes[offset]), what()))
        }
        offset += 1
    }

    // MARK: Containers

    /// Reads an object, calling `body` with each key (the reader is then at the value, which `body` must consume).
    /// `body` receives the key's offset for messages.
    mutating func readObject(_ body: (inout JSONReader, String, Int) throws(JSONSyntaxError) -> Void)
        throws(JSONSyntaxError)
    {
        try readObject(fields: .none) { (r: inout JSONReader, _, key, offset) throws(JSONSyntaxError) in
            try body(&r, key, offset)
        }
    }

    /// `readObject` for an object whose fields are known: `body` receives the index of the key in `fields` (or -1 when
    /// it is none of them), the key and its offset. A key of plain ASCII without escapes (nearly all) is matched by
    /// its bytes, trying first the field after the last one matched (fields come in canonical order), and is not
    /// read as a new string; any other key is read as a string (with every check of `readString`) and compared.
    mutating func readObject(
        fields: ObjectFields, _ body: (inout JSONReader, Int, String, Int) throws(JSONSyntaxError) -> Void
    )
        throws(JSONSyntaxError)
    {
        try expect(UInt8(ascii: "{"), "'{'")
        depth += 1
        guard depth <= Self.maxDepth else { throw fail(tr("nesting deeper than {0} levels", Self.maxDepth)) }
        defer { depth -= 1 }
        skipWhitespace()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "}") { offset += 1; return }
        var hint = 0
        while true {
            skipWhitespace()
            let keyOffset = offset
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else {
                if offset >= bytes.count { throw fail(tr("unexpected end of file: expected a field name")) }
                throw fail(tr("unexpected {0}: expected a field name in quotes", Self.describe(byte: bytes[offset])))
            }
            var index = matchPlainKey(fields, from: hint)
            let key: String
            if index >= 0 {
                key = fields.names[index]
                hint = index + 1
            } else {
                key = try readString()
                index = fields.names.firstIndex(of: key) ?? -1
            }
            try expect(UInt8(ascii: ":"), tr("':' after the field name"))
            try body(&self, index, key, keyOffset)
            skipWhitespace()
            guard offset < bytes.count else { throw fail(tr("unexpected end of file: expected ',' or '}'")) }
            if bytes[offset] == UInt8(ascii: ",") { offset += 1; continue }
            if bytes[offset] == UInt8(ascii: "}") { offset += 1; return }
            throw fail(tr("unexpected {0}: expected ',' or '}' in an object", Self.describe(byte: bytes[offset])))
        }
    }

    /// At a string of printable ASCII without escapes: the range of its content (between the quotes); otherwise nil.
    /// Does not move.
    func plainString() -> Range<Int>? {
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else { return nil }
        var end = offset + 1
        while true {
            guard end < bytes.count else { return nil }
            let b = bytes[end]
            if b == UInt8(ascii: "\"") { return offset + 1..<end }
            if b < 0x20 || b >= 0x7F || b == UInt8(ascii: "\\") { return nil }
            end += 1
        }
    }

    /// At the opening quote of a key: when the key is printable ASCII without escapes and one of `fields`, moves past
    /// its closing quote and returns its index; otherwise returns -1 and does not move.
    private mutating func matchPlainKey(_ fields: ObjectFields, from hint: Int) -> Int {
        guard let content = plainString() else { return -1 }
        let start = content.lowerBound, end = content.upperBound, length = end - start
        let count = fields.utf8.count
        var k = hint < count ? hint : 0
        for _ in 0..<count {
            let name = fields.utf8[k]
            if name.count == length {
                var same = true
                for j in 0..<length where name[j] != bytes[start + j] { same = false; break }
                if same { offset = end + 1; return k }
            }
            k = k + 1 == count ? 0 : k + 1
        }
        return -1
    }

    /// Reads an array, calling `body` with each element's index (the reader is then at the element).
    mutating func readArray(_ body: (inout JSONReader, Int) throws(JSONSyntaxError) -> Void) throws(JSONSyntaxError) {
        try expect(UInt8(ascii: "["), "'['")
        depth += 1
        guard depth <= Self.maxDepth else { throw fail(tr("nesting deeper than {0} levels", Self.maxDepth)) }
        defer { depth -= 1 }
        skipWhitespace()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "]") { offset += 1; return }
        var index = 0
        while true {
            try body(&self, index)
            index += 1
            skipWhitespace()
            guard offset < bytes.count else { throw fail(tr("unexpected end of file: expected ',' or ']'")) }
            if bytes[offset] == UInt8(ascii: ",") { offset += 1; continue }
            if bytes[offset] == UInt8(ascii: "]") { offset += 1; return }
            throw fail(tr("unexpected {0}: expected ',' or ']' in an array", Self.describe(byte: bytes[offset])))
        }
    }

    /// Consumes one value of any kind, checking its syntax.
    mutating func skipValue() throws(JSONSyntaxError) {
        switch try peek() {
        case .object: try readObject { (r: inout JSONReader, _, _) throws(JSONSyntaxError) in try r.skipValue() }
        case .array: try readArray { (r: inout JSONReader, _) throws(JSONSyntaxError) in try r.skipValue() }
        case .string: try skipString()
        case .number: _ = try readNumber()
        case .bool: _ = try readBool()
        case .null: try readNull()
        }
    }

    // MARK: Scalars

    mutating func readNull() throws(JSONSyntaxError) {
        skipWhitespace()
        try literal("null")
    }

    mutating func readBool() throws(JSONSyntaxError) -> Bool {
        skipWhitespace()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "t") { try literal("true"); return true }
        try literal("false")
        return false
    }

    private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let start = offset
        let count = word.utf8CodeUnitCount
        guard offset + count <= bytes.count else { throw fail(tr("unexpected end of file in '{0}'", word), at: start) }
        for k in 0..<count where bytes[offset + k] != word.utf8Start[k] {
            throw fail(tr("invalid literal: expected '{0}'", word), at: start)
        }
        offset += count
    }

    mutating func readNumber() throws(JSONSyntaxError) -> Double {
        skipWhitespace()
        let start = offset
        func digit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "-") { offset += 1 }
        guard offset < bytes.count, digit(bytes[offset]) else { throw fail(tr("invalid number"), at: start) }
        if bytes[offset] == 0x30 {
            offset += 1
            // "01" would otherwise read as 0 and then fail on the "1", after a misleading "invalid amount 0".
            if offset < bytes.count, digit(bytes[offset]) {
                throw fail(tr("invalid number: leading zeros are not allowed"), at: start)
            }
        } else {
            while offset < bytes.count, digit(bytes[offset]) { offset += 1 }
        }
        var isInteger = true
        if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
            isInteger = false
            offset += 1
            guard offset < bytes.count, digit(bytes[offset]) else {
                throw fail(tr("invalid number: digits expected after '.'"), at: start)
            }
            while offset < bytes.count, digit(bytes[offset]) { offset += 1 }
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "e") || bytes[offset] == UInt8(ascii: "E") {
            isInteger = false
            offset += 1
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") {
                offset += 1
            }
            guard offset < bytes.count, digit(bytes[offset]) else {
                throw fail(tr("invalid number: digits expected in the exponent"), at: start)
            }
            while offset < bytes.count, digit(bytes[offset]) { offset += 1 }
        }
        // A number running into letters or a dot ("0x10", "1.2.3", "12abc") is one bad number, not a number then junk.
        if offset < bytes.count,
            bytes[offset] == UInt8(ascii: ".") || (bytes[offset] | 0x20 >= 0x61 && bytes[offset] | 0x20 <= 0x7A)
        {
            throw fail(tr("invalid number: unexpected {0} in it", Self.describe(byte: bytes[offset])), at: start)
        }
        let slice = UnsafeBufferPointer(rebasing: bytes[start..<offset])
        // Integers of up to 15 digits are exact in a Double; add them up without a string.
        if isInteger, slice.count <= 16 {
            var value: Int64 = 0
            var negative = false
            for b in slice {
                if b == UInt8(ascii: "-") { negative = true; continue }
                value = value * 10 + Int64(b - 0x30)
            }
            return Double(negative ? -value : value)
        }
        guard let value = Double(String(decoding: slice, as: UTF8.self)), value.isFinite else {
            throw fail(tr("number out of range"), at: start)
        }
        return value
    }

    /// Reads a string, checking UTF-8 and escapes. Control characters must be escaped, as JSON requires.
    mutating func readString() throws(JSONSyntaxError) -> String {
        skipWhitespace()
        let start = offset
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else { throw fail(tr("expected a string")) }
        offset += 1
        let contentStart = offset
        var hasEscapes = false
        var ascii = true
        while true {
            guard offset < bytes.count else { throw fail(tr("unterminated string"), at: start) }
            let b = bytes[offset]
            if b == UInt8(ascii: "\"") { break }
            if b == UInt8(ascii: "\\") { hasEscapes = true; offset += 2; continue }
            if b < 0x20 {
                throw fail(
                    tr("raw control character in a string (byte 0x{0});", String(b, radix: 16)) + " "
                        + tr("write it as an escape such as \\n or \\u0007"))
            }
            if b >= 0x80 { ascii = false }
            offset += 1
        }
        let content = UnsafeBufferPointer(rebasing: bytes[contentStart..<offset])
        offset += 1
        if !hasEscapes {
            if ascii { return String(decoding: content, as: UTF8.self) }
            guard let s = String(validating: content, as: UTF8.self) else {
                throw fail(tr("invalid UTF-8 in a string"), at: contentStart + (firstInvalidUTF8(Array(content)) ?? 0))
            }
            return s
        }
        return try unescape(content, base: contentStart)
    }

    mutating func skipString() throws(JSONSyntaxError) { _ = try readString() }

    private func unescape(_ content: UnsafeBufferPointer<UInt8>, base: Int) throws(JSONSyntaxError) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(content.count)
        var i = 0
        func hex4(_ at: Int) -> UInt32? {
            guard at + 4 <= content.count else { return nil }
            var v: UInt32 = 0
            for k in 0..<4 {
                let c = content[at + k]
                let d: UInt32
                switch c {
                case 0x30...0x39: d = UInt32(c - 0x30)
                case 0x41...0x46: d = UInt32(c - 0x41 + 10)
                case 0x61...0x66: d = UInt32(c - 0x61 + 10)
                default: return nil
                }
                v = v * 16 + d
            }
            return v
        }
        while i < content.count {
            let b = content[i]
            guard b == UInt8(ascii: "\\") else { out.append(b); i += 1; continue }
            guard i + 1 < content.count else { throw fail(tr("unfinished escape"), at: base + i) }
            let e = content[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard var code = hex4(i) else {
                    throw fail(tr("invalid \\u escape: four hex digits expected"), at: base + i - 2)
                }
                i += 4
                if (0xD800...0xDBFF).contains(code) {
                    guard i + 6 <= content.count, content[i] == UInt8(ascii: "\\"), content[i + 1] == UInt8(ascii: "u"),
                        let low = hex4(i + 2), (0xDC00...0xDFFF).contains(low)
                    else { throw fail(tr("unpaired UTF-16 surrogate in a \\u escape"), at: base + i - 6) }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                } else if (0xDC00...0xDFFF).contains(code) {
                    throw fail(tr("unpaired UTF-16 surrogate in a \\u escape"), at: base + i - 6)
                }
                out.append(contentsOf: Array(String(Unicode.Scalar(code)!).utf8))
            default:
                // Name a byte that is not printable ASCII rather than copy it into the message.
                if e > 0x20 && e < 0x7F {
                    throw fail(tr("invalid escape '\\{0}'", Character(Unicode.Scalar(e))), at: base + i - 2)
                }
                throw fail(tr("invalid escape: '\\' followed by {0}", Self.describe(byte: e)), at: base + i - 2)
            }
        }
        // Escapes only produce valid UTF-8, so the bad bytes are raw ones of the content: point at the first.
        guard let s = String(validating: out, as: UTF8.self) else {
            throw fail(tr("invalid UTF-8 in a string"), at: base + (firstInvalidUTF8(Array(content)) ?? 0))
        }
        return s
    }
}

/// Line and column (1-based; the column counts characters, not bytes) of a byte offset.
public struct SourcePosition: Hashable, Sendable, CustomStringConvertible {
    public let line: Int
    public let column: Int
    public var description: String { "\(line):\(column)" }

    public static func of(offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> SourcePosition {
        var line = 1
        var lineStart = 0
        let end = min(offset, bytes.count)
        var i = 0
        while i < end {
            if bytes[i] == 0x0A { line += 1; lineStart = i + 1 }
            i += 1
        }
        // One column per character: count the bytes that start a UTF-8 sequence. A byte-order mark is not a column.
        if lineStart == 0, end >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { lineStart = 3 }
        var column = 1
        for k in lineStart..<end where bytes[k] & 0xC0 != 0x80 { column += 1 }
        return SourcePosition(line: line, column: column)
    }
}

/// `SourcePosition.of` for increasing offsets, in one pass over the bytes however many positions are asked for.
struct PositionCursor {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var offset = 0
    private var line = 1
    private var column = 1

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        // A byte-order mark is not a column.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { offset = 3 }
    }

    mutating func position(of target: Int) -> SourcePosition {
        let end = min(target, bytes.count)
        // Behind the cursor (not when the offsets are sorted), or inside the mark: from the start.
        guard end >= offset else { return SourcePosition.of(offset: target, in: bytes) }
        while offset < end {
            let b = bytes[offset]
            if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
            offset += 1
        }
        return SourcePosition(line: line, column: column)
    }
}
