// Structured damage for the loader's fuzzing (issue #6, "Broken files"). Starting from a valid dataset, it makes the
// kinds of broken file a person, an editor or a bad download produce: cut files, flipped bytes, deleted and
// duplicated records, values of the wrong type, duplicate ids, dangling references, impossible dates, absurd
// amounts, unknown currencies, invalid UTF-8, deep nesting, huge strings, byte-order marks and NUL bytes.
//
// Deterministic: case `n` of a mutator built from the same seed file is always the same bytes, so a failure is
// reproduced with its number (`Fuzz/run.sh --case n`). Only the standard library: this file is compiled into the
// AlliesCoreTests target and, by path, into the fuzz drivers in Fuzz/ (see Fuzz/run.sh), so it is written once.

/// SplitMix64: small, fast and good enough to pick mutations; the same seed gives the same sequence everywhere.
struct FuzzRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// One mutated input and the steps that made it (for reports and for naming a failing case).
struct Mutant {
    var bytes: [UInt8]
    var steps: [String]
    var summary: String { steps.joined(separator: " + ") }
}

/// A value found in the seed file: its byte range, kind, parent and, for an object's member, its key.
struct SeedValue {
    enum Kind { case object, array, string, number, literal }
    var start: Int
    var end: Int  // exclusive
    var kind: Kind
    var parent: Int  // index into the values, -1 for the root
    var depth: Int
    var key: String?  // the member's name when the parent is an object
    var keyStart: Int  // offset of the key's opening quote (== start when there is no key)
}

struct DatasetMutator {
    /// The kinds of damage, in a fixed order (case numbers depend on it).
    enum Operation: String, CaseIterable {
        case truncate, flipBytes, deleteRecord, duplicateRecord, deleteMember, duplicateMember, renameKey, swapType
        case duplicateID, danglingReference, impossibleDate, badAmount, unknownCurrency, invalidUTF8, deepNesting
        case hugeString, byteOrderMark, nulByte, badEscape, controlCharacter, badNumber, trailingGarbage, utf16
        case oddWhitespace, hugeArray, emptyContainer
    }

    let seed: [UInt8]
    let values: [SeedValue]
    /// Indexes into `values`, by what a mutation looks for.
    let records: [Int], members: [Int], strings: [Int], numbers: [Int], ids: [Int], references: [Int]
    let dates: [Int], amountValues: [Int], currencies: [Int], containers: [Int]
    /// Upper bounds for generated sizes; the `make test` corpus runs a debug build and uses smaller ones.
    var maxNesting = 100_000
    var maxHugeString = 4 << 20
    var maxHugeArray = 200_000

    init(seed: [UInt8]) {
        self.seed = seed
        var scanner = SeedScanner(bytes: seed)
        scanner.scan()
        let values = scanner.values
        self.values = values
        // Only values read to their end (a seed that is not valid JSON, as libFuzzer's inputs, leaves some open).
        func indices(_ keep: (SeedValue) -> Bool) -> [Int] {
            values.indices.filter { values[$0].end > values[$0].start && keep(values[$0]) }
        }
        func parentKey(_ v: SeedValue) -> String? { v.parent >= 0 ? values[v.parent].key : nil }
        records = indices { $0.kind == .object && $0.depth == 2 && values[$0.parent].kind == .array }
        members = indices { $0.key != nil }
        strings = indices { $0.kind == .string }
        numbers = indices { $0.kind == .number }
        ids = indices { $0.kind == .string && $0.key == "id" && $0.depth == 3 }
        let referenceKeys: Set<String> = [
            "company", "article", "parent", "from", "to", "organization", "vendor", "alliance",
        ]
        references = indices { v in
            v.kind == .string
                && (v.key.map(referenceKeys.contains) ?? false || (v.key == nil && parentKey(v) == "groups"))
        }
        dates = indices { v in
            guard v.kind == .string else { return false }
            let body = Array(seed[(v.start + 1)..<(v.end - 1)])
            guard [4, 7, 10].contains(body.count) else { return false }
            for (i, b) in body.enumerated() {
                if i == 4 || i == 7 {
                    if b != UInt8(ascii: "-") { return false }
                } else if !(0x30...0x39).contains(b) {
                    return false
                }
            }
            return true
        }
        amountValues = indices { $0.kind == .number && $0.key == "value" }
        currencies = indices { $0.kind == .string && $0.key == "currency" }
        containers = indices { $0.kind == .object || $0.kind == .array }
    }

    /// Case `n`: one to three structural edits of the seed, then sometimes a byte-level one (a cut or flips).
    func mutant(_ n: UInt64, stream: UInt64 = 0) -> Mutant {
        var rng = FuzzRandom(seed: n &* 0xD1B5_4A32_D192_ED03 &+ stream &* 0x8CB9_2BA7_2F3D_8DD7 &+ 1)
        var edits: [Edit] = []
        let count = rng.chance(60) ? 1 : rng.chance(70) ? 2 : 3
        for _ in 0..<count {
            let op = Operation.allCases[rng.below(Operation.allCases.count)]
            if let edit = self.edit(op, &rng) { edits.append(edit) }
        }
        // Keep edits that do not overlap, and apply them from the end so earlier offsets stay valid.
        edits.sort { $0.start < $1.start }
        var kept: [Edit] = []
        for e in edits where kept.last.map({ $0.end <= e.start }) ?? true { kept.append(e) }
        var bytes = seed
        for e in kept.reversed() { bytes.replaceSubrange(e.start..<e.end, with: e.bytes) }
        var steps = kept.map(\.label)
        if kept.isEmpty || rng.chance(12) {
            let (b, label) = byteLevel(bytes, &rng)
            bytes = b
            steps.append(label)
        }
        return Mutant(bytes: bytes, steps: steps)
    }

    /// A named mutation applied once at a chosen place (used by the tests' named cases).
    func mutant(_ op: Operation, seed n: UInt64) -> Mutant? {
        var rng = FuzzRandom(seed: n)
        guard let e = edit(op, &rng) else { return nil }
        var bytes = seed
        bytes.replaceSubrange(e.start..<e.end, with: e.bytes)
        return Mutant(bytes: bytes, steps: [e.label])
    }

    struct Edit {
        var start: Int, end: Int, bytes: [UInt8], label: String
    }

    // MARK: Building blocks

    private func text(_ v: SeedValue) -> String { String(decoding: seed[v.start..<v.end], as: UTF8.self) }
    private func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    /// Replaces a whole value.
    private func replace(_ i: Int, with new: [UInt8], _ label: String) -> Edit {
        Edit(start: values[i].start, end: values[i].end, bytes: new, label: label)
    }

    /// Inserts bytes inside a string value, at a character boundary of its content.
    private func insertInString(_ i: Int, _ new: [UInt8], _ label: String, _ rng: inout FuzzRandom) -> Edit {
        let v = values[i]
        var at = v.start + 1 + rng.below(v.end - v.start - 1)
        while at > v.start + 1, seed[at] & 0xC0 == 0x80 { at -= 1 }  // not inside a UTF-8 sequence
        // Not just after a backslash (it would turn the insert into an escape).
        if at > v.start + 1, seed[at - 1] == UInt8(ascii: "\\") { at -= 1 }
        return Edit(start: at, end: at, bytes: new, label: label)
    }

    /// The byte range of a member including its key, for deleting or repeating it.
    private func memberRange(_ i: Int) -> Range<Int> { values[i].keyStart..<values[i].end }

    /// Removes an element or member with the comma that separates it from its neighbour.
    private func removal(of range: Range<Int>, _ label: String) -> Edit {
        var end = range.upperBound
        var k = end
        while k < seed.count, [0x20, 0x0A, 0x0D, 0x09].contains(seed[k]) { k += 1 }
        if k < seed.count, seed[k] == UInt8(ascii: ",") {
            end = k + 1
            return Edit(start: range.lowerBound, end: end, bytes: [], label: label)
        }
        // The last one: take the comma before it.
        var s = range.lowerBound
        var j = s - 1
        while j >= 0, [0x20, 0x0A, 0x0D, 0x09].contains(seed[j]) { j -= 1 }
        if j >= 0, seed[j] == UInt8(ascii: ",") { s = j }
        return Edit(start: s, end: end, bytes: [], label: label)
    }

    private func pickFrom(_ list: [Int], _ rng: inout FuzzRandom) -> Int? { list.isEmpty ? nil : rng.pick(list) }

    // MARK: The mutations

    static let otherTypes: [String] = [
        "42", "-1", "0", "3.5", "\"x\"", "\"\"", "true", "false", "null", "[]", "{}",
        "[1, 2]", "{\"a\": 1}", "[\"x\"]", "[{}]", "[null]",
    ]

    static let impossibleDates = [
        "2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "2024-06-00",
        "1899", "2101", "0000-01-01", "9999-12-31", "2024-1-5", "24-01-01", "2024-02-29T00:00",
        "2024/05/01", "", " ", "2024-06-15 ", "2O24", "-2024", "+2024-01", "2024-", "２０２４",
        "2024-06-15\\u0000", "1900-02-29", "2100-02-29", "2024-02-29x",
    ]

    static let badAmounts = [
        "-5", "0", "-0", "0.0", "1e15", "1e400", "-1e400", "1e-400", "999999999999999999999",
        "1E+308", "1.7976931348623157e309", "-1000000", "0.000001", "1e14", "99999999999999.99",
        "NaN", "Infinity", "-Infinity", "nan", "\"1000\"", "null", "01", "1.", ".5", "+1", "0x10",
        "1e", "-", "1_000", "1,000", "--1", "1e+", String(repeating: "9", count: 400),
        "0." + String(repeating: "0", count: 400) + "1",
    ]

    static let badCurrencies = [
        "USB", "usd", "", " ", "US", "USDD", "EURO", "€", "XXX", "ZZZ", "U\\u0000D", "123",
        "Usd", "BTC", "U S D", "\\u202eDSU", "\\u001b[31mUSD",
    ]

    /// Invalid UTF-8, by kind: overlong forms, UTF-16 surrogates, lone continuation bytes, cut sequences,
    /// bytes that never appear, and code points above U+10FFFF.
    static let invalidUTF8: [(String, [UInt8])] = [
        ("overlong-2", [0xC0, 0x80]), ("overlong-2b", [0xC1, 0xBF]), ("overlong-3", [0xE0, 0x80, 0x80]),
        ("overlong-4", [0xF0, 0x80, 0x80, 0x80]), ("overlong-slash", [0xE0, 0x80, 0xAF]),
        ("surrogate-high", [0xED, 0xA0, 0x80]), ("surrogate-low", [0xED, 0xBF, 0xBF]),
        ("surrogate-pair", [0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80]),
        ("lone-continuation", [0x80]), ("lone-continuation-bf", [0xBF]), ("continuations", [0x80, 0x81, 0x82]),
        ("cut-2", [0xC3]), ("cut-3", [0xE2, 0x82]), ("cut-4", [0xF0, 0x9F, 0x98]),
        ("byte-fe", [0xFE]), ("byte-ff", [0xFF]), ("five-byte", [0xF8, 0x88, 0x80, 0x80, 0x80]),
        ("above-10ffff", [0xF4, 0x90, 0x80, 0x80]), ("f5", [0xF5, 0x80, 0x80, 0x80]),
        ("latin1", [0xE9]),
    ]

    static let badEscapes = [
        "\\x", "\\u12", "\\u12G4", "\\ud800", "\\udc00", "\\ud800\\ud800", "\\udbff\\u0041",
        "\\U0041", "\\'", "\\a", "\\0", "\\\u{7f}", "\\ ", "\\u", "\\uD83D", "\\uDE00\\uD83D",
    ]

    func edit(_ op: Operation, _ rng: inout FuzzRandom) -> Edit? {
        switch op {
        case .truncate, .flipBytes:
            return nil  // byte-level: applied after the structural edits
        case .deleteRecord:
            guard let i = pickFrom(records, &rng) else { return nil }
            return removal(of: values[i].start..<values[i].end, "delete-record@\(values[i].start)")
        case .duplicateRecord:
            guard let i = pickFrom(records, &rng) else { return nil }
            let v = values[i]
            return Edit(
                start: v.end, end: v.end, bytes: bytes(",\n    ") + Array(seed[v.start..<v.end]),
                label: "duplicate-record@\(v.start)")
        case .deleteMember:
            guard let i = pickFrom(members, &rng) else { return nil }
            return removal(of: memberRange(i), "delete-member:\(values[i].key!)@\(values[i].keyStart)")
        case .duplicateMember:
            guard let i = pickFrom(members, &rng) else { return nil }
            let r = memberRange(i)
            return Edit(
                start: r.upperBound, end: r.upperBound, bytes: bytes(", ") + Array(seed[r]),
                label: "duplicate-member:\(values[i].key!)@\(r.lowerBound)")
        case .renameKey:
            guard let i = pickFrom(members, &rng) else { return nil }
            let v = values[i]
            var key = Array(v.key!.utf8)
            switch rng.below(5) {
            case 0: if key.count > 1 { key.remove(at: rng.below(key.count)) }
            case 1: if key.count > 1 { let k = rng.below(key.count - 1); key.swapAt(k, k + 1) }
            case 2: key = bytes(rng.pick(["zzzzzzzz", "", " ", "ID", "\\u0069d", "__proto__", "\\u001b[2J"]))
            case 3: key += bytes(rng.pick(["s", "_", " ", "\\n"]))
            default: key = key.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 32 : $0 }
            }
            let keyEnd = v.keyStart + 2 + v.key!.utf8.count
            return Edit(
                start: v.keyStart, end: keyEnd, bytes: [0x22] + key + [0x22],
                label: "rename-key:\(v.key!)@\(v.keyStart)")
        case .swapType:
            guard !values.isEmpty else { return nil }
            let i = rng.below(values.count)
            let v = values[i]
            let current = text(v)
            var new = rng.pick(Self.otherTypes)
            if new == current { new = "null" }
            return replace(i, with: bytes(new), "swap-type:\(new)@\(v.start)")
        case .duplicateID:
            guard ids.count >= 2 else { return nil }
            let a = rng.pick(ids), b = rng.pick(ids)
            guard a != b else { return nil }
            return replace(
                b, with: Array(seed[values[a].start..<values[a].end]),
                "duplicate-id:\(text(values[a]))@\(values[b].start)")
        case .danglingReference:
            guard let i = pickFrom(references, &rng) else { return nil }
            let old = String(text(values[i]).dropFirst().dropLast())
            let new: String
            switch rng.below(6) {
            case 0: new = old + "-x"
            case 1: new = String(old.dropLast())
            case 2: new = old.uppercased()
            case 3: new = ""
            case 4: new = "no-such-\(rng.below(1000))"
            default: new = " " + old
            }
            return replace(i, with: bytes("\"\(new)\""), "dangling-reference:\(new)@\(values[i].start)")
        case .impossibleDate:
            guard let i = pickFrom(dates, &rng) else { return nil }
            let d = rng.pick(Self.impossibleDates)
            return replace(i, with: bytes("\"\(d)\""), "impossible-date:\(d)@\(values[i].start)")
        case .badAmount:
            guard let i = pickFrom(amountValues.isEmpty ? numbers : amountValues, &rng) else { return nil }
            let a = rng.pick(Self.badAmounts)
            return replace(i, with: bytes(a), "bad-amount:\(a.prefix(24))@\(values[i].start)")
        case .unknownCurrency:
            guard let i = pickFrom(currencies, &rng) else { return nil }
            let c = rng.pick(Self.badCurrencies)
            return replace(i, with: bytes("\"\(c)\""), "unknown-currency:\(c)@\(values[i].start)")
        case .invalidUTF8:
            let (name, seq) = rng.pick(Self.invalidUTF8)
            if rng.chance(85), let i = pickFrom(strings, &rng) {
                return insertInString(i, seq, "invalid-utf8:\(name)", &rng)
            }
            let at = rng.below(seed.count + 1)
            return Edit(start: at, end: at, bytes: seq, label: "invalid-utf8-outside:\(name)@\(at)")
        case .deepNesting:
            guard !values.isEmpty else { return nil }
            let i = rng.below(values.count)
            let n = rng.pick([257, 258, 300, 1000, 10_000, maxNesting])
            let closed = rng.chance(50)
            var b: [UInt8]
            switch rng.below(3) {
            case 0:
                b =
                    [UInt8](repeating: UInt8(ascii: "["), count: n)
                    + (closed ? [UInt8](repeating: UInt8(ascii: "]"), count: n) : [])
            case 1:
                b = Array(repeating: bytes("{\"a\":"), count: n).flatMap { $0 } + bytes("1")
                if closed { b += [UInt8](repeating: UInt8(ascii: "}"), count: n) }
            default:
                b = Array(repeating: bytes("[{\"a\":"), count: n / 2).flatMap { $0 } + bytes("1")
                if closed { b += Array(repeating: bytes("}]"), count: n / 2).flatMap { $0 } }
            }
            return replace(i, with: b, "deep-nesting:\(n)\(closed ? "" : "-open")@\(values[i].start)")
        case .hugeString:
            guard let i = pickFrom(strings, &rng) else { return nil }
            let size = rng.pick([1 << 16, 1 << 20, maxHugeString])
            let unit: [UInt8]
            switch rng.below(4) {
            case 0: unit = bytes("a")
            case 1: unit = bytes("é")
            case 2: unit = bytes("\\u00e9")
            default: unit = bytes("😀")
            }
            var b: [UInt8] = [0x22]
            b.reserveCapacity(size + 2)
            while b.count < size { b += unit }
            b.append(0x22)
            return replace(i, with: b, "huge-string:\(b.count)@\(values[i].start)")
        case .byteOrderMark:
            let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
            switch rng.below(5) {
            case 0: return Edit(start: 0, end: 0, bytes: bom, label: "bom")
            case 1: return Edit(start: 0, end: 0, bytes: bom + bom, label: "double-bom")
            case 2:
                return Edit(
                    start: 0, end: 0, bytes: rng.pick([[0xFF, 0xFE], [0xFE, 0xFF], [0x00, 0x00, 0xFE, 0xFF]]),
                    label: "utf16-or-32-bom")
            case 3:
                guard let i = pickFrom(strings, &rng) else { return nil }
                return insertInString(i, bom, "bom-in-string", &rng)
            default:
                let at = rng.below(seed.count + 1)
                return Edit(start: at, end: at, bytes: bom, label: "bom-inside@\(at)")
            }
        case .nulByte:
            if rng.chance(50), let i = pickFrom(strings, &rng) { return insertInString(i, [0], "nul-in-string", &rng) }
            let at = rng.below(seed.count + 1)
            return Edit(
                start: at, end: at, bytes: [UInt8](repeating: 0, count: rng.pick([1, 1, 2, 4096])), label: "nul@\(at)")
        case .badEscape:
            guard let i = pickFrom(strings, &rng) else { return nil }
            let e = rng.pick(Self.badEscapes)
            return insertInString(i, bytes(e), "bad-escape:\(e)", &rng)
        case .controlCharacter:
            guard let i = pickFrom(strings, &rng) else { return nil }
            let c = UInt8(rng.pick([0x01, 0x07, 0x08, 0x09, 0x0A, 0x0D, 0x1B, 0x1F, 0x7F]))
            return insertInString(i, [c], "control-character:0x\(String(c, radix: 16))", &rng)
        case .badNumber:
            guard let i = pickFrom(numbers, &rng) else { return nil }
            let n = rng.pick(Self.badAmounts)
            return replace(i, with: bytes(n), "bad-number:\(n.prefix(24))@\(values[i].start)")
        case .trailingGarbage:
            let tail = rng.pick(["x", "{}", ",", "]", "}", "\u{0}", "\n\n// comment", "[1]", "\"\"", "\u{FEFF}"])
            return Edit(start: seed.count, end: seed.count, bytes: bytes(tail), label: "trailing-garbage")
        case .utf16:
            // The whole file in UTF-16 (as some Windows editors save it): every ASCII byte gains a NUL.
            let little = rng.chance(50)
            var out: [UInt8] = little ? [0xFF, 0xFE] : [0xFE, 0xFF]
            for unit in String(decoding: seed, as: UTF8.self).utf16 {
                let lo = UInt8(unit & 0xFF), hi = UInt8(unit >> 8)
                out += little ? [lo, hi] : [hi, lo]
            }
            return Edit(start: 0, end: seed.count, bytes: out, label: little ? "utf16le" : "utf16be")
        case .oddWhitespace:
            guard let i = pickFrom(members, &rng) else { return nil }
            let ws: [UInt8] = rng.pick([
                [0xC2, 0xA0], [0x0B], [0x0C], [0xE2, 0x80, 0xA8], [0xE3, 0x80, 0x80], [0x0D], [0x09],
            ])
            let at = values[i].keyStart
            return Edit(start: at, end: at, bytes: ws, label: "odd-whitespace@\(at)")
        case .hugeArray:
            guard let i = pickFrom(containers.filter { values[$0].kind == .array }, &rng) else { return nil }
            let n = rng.pick([1000, 50_000, maxHugeArray])
            let element = rng.pick(["1", "{}", "\"x\"", "null", "{\"id\": \"a\"}", "[]"])
            var b: [UInt8] = [UInt8(ascii: "[")]
            b.reserveCapacity(n * (element.utf8.count + 1) + 2)
            for k in 0..<n {
                if k > 0 { b.append(UInt8(ascii: ",")) }
                b += bytes(element)
            }
            b.append(UInt8(ascii: "]"))
            return replace(i, with: b, "huge-array:\(n)x\(element)@\(values[i].start)")
        case .emptyContainer:
            guard let i = pickFrom(containers, &rng) else { return nil }
            return replace(
                i, with: values[i].kind == .object ? bytes("{}") : bytes("[]"), "empty-container@\(values[i].start)")
        }
    }

    /// A cut or a few changed bytes, anywhere (also inside what the structural edits wrote).
    private func byteLevel(_ input: [UInt8], _ rng: inout FuzzRandom) -> ([UInt8], String) {
        var bytes = input
        guard !bytes.isEmpty else { return (bytes, "empty") }
        if rng.chance(40) {
            let at = rng.below(bytes.count)
            bytes.removeSubrange(at...)
            return (bytes, "truncate@\(at)")
        }
        let interesting: [UInt8] = [
            0x00, 0x22, 0x5C, 0x7B, 0x7D, 0x5B, 0x5D, 0x2C, 0x3A, 0xFF, 0xC3, 0x80, 0x30, 0x2D,
            0x65, 0x2E, 0x0A, 0x20, 0x6E, 0x74, 0x66, 0xED, 0xEF,
        ]
        let n = 1 + rng.below(8)
        var places: [Int] = []
        for _ in 0..<n {
            let at = rng.below(bytes.count)
            places.append(at)
            switch rng.below(4) {
            case 0: bytes[at] ^= UInt8(1 << rng.below(8))
            case 1: bytes[at] = UInt8(truncatingIfNeeded: rng.next())
            case 2: bytes.remove(at: at); if bytes.isEmpty { break }
            default: bytes[at] = rng.pick(interesting)
            }
            if bytes.isEmpty { break }
        }
        return (bytes, "flip-bytes@\(places.map(String.init).joined(separator: ","))")
    }
}

/// Finds every value of a valid JSON text with its range, parent and key. A lenient single pass: it stops at the
/// first thing it does not understand, leaving the values it was inside with `end == start` (unfinished).
struct SeedScanner {
    let bytes: [UInt8]
    var values: [SeedValue] = []
    var i = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func scan() {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        _ = value(parent: -1, depth: 0, key: nil, keyStart: nil)
    }

    private mutating func whitespace() {
        while i < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[i]) { i += 1 }
    }

    private mutating func string() -> String? {
        guard i < bytes.count, bytes[i] == 0x22 else { return nil }
        let start = i + 1
        i += 1
        while i < bytes.count, bytes[i] != 0x22 { i += bytes[i] == 0x5C ? 2 : 1 }
        guard i < bytes.count else { return nil }
        let s = String(decoding: bytes[start..<i], as: UTF8.self)
        i += 1
        return s
    }

    /// Scans one value; returns false when the text stops making sense.
    private mutating func value(parent: Int, depth: Int, key: String?, keyStart: Int?) -> Bool {
        whitespace()
        guard i < bytes.count else { return false }
        let start = i
        let index = values.count
        values.append(
            SeedValue(
                start: start, end: start, kind: .literal, parent: parent, depth: depth, key: key,
                keyStart: keyStart ?? start))
        switch bytes[i] {
        case 0x7B:  // {
            values[index].kind = .object
            i += 1
            whitespace()
            if i < bytes.count, bytes[i] == 0x7D { i += 1; break }
            while true {
                whitespace()
                let ks = i
                guard let k = string() else { return false }
                whitespace()
                guard i < bytes.count, bytes[i] == 0x3A else { return false }
                i += 1
                guard value(parent: index, depth: depth + 1, key: k, keyStart: ks) else { return false }
                whitespace()
                guard i < bytes.count else { return false }
                if bytes[i] == 0x2C { i += 1; continue }
                if bytes[i] == 0x7D { i += 1; break }
                return false
            }
        case 0x5B:  // [
            values[index].kind = .array
            i += 1
            whitespace()
            if i < bytes.count, bytes[i] == 0x5D { i += 1; break }
            while true {
                guard value(parent: index, depth: depth + 1, key: nil, keyStart: nil) else { return false }
                whitespace()
                guard i < bytes.count else { return false }
                if bytes[i] == 0x2C { i += 1; continue }
                if bytes[i] == 0x5D { i += 1; break }
                return false
            }
        case 0x22:
            values[index].kind = .string
            guard string() != nil else { return false }
        case 0x2D, 0x30...0x39:
            values[index].kind = .number
            while i < bytes.count, "+-.eE0123456789".utf8.contains(bytes[i]) { i += 1 }
        default:
            while i < bytes.count, bytes[i] >= 0x61 && bytes[i] <= 0x7A { i += 1 }
            guard i > start else { return false }
        }
        values[index].end = i
        return true
    }
}
