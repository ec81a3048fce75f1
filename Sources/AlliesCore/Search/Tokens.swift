/// Search tokens: text folded (`Folding`) and cut into words — runs of letters and digits. Han characters and kana
/// are words of one character each, because those scripts do not separate words with spaces: `科技` then matches
/// inside `星海科技` as two consecutive tokens. The index and the query use this one tokenizer, so they agree.
public enum Tokens {
    /// Calls `body` with the UTF-8 bytes of each token of `text`, in order. The buffer is only valid during the call.
    /// `scratch` is reused between calls so tokenizing a million records allocates nothing per token.
    @inline(__always)
    public static func forEach(in text: String, scratch: inout [UInt8], _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        scratch.removeAll(keepingCapacity: true)
        asciiClass.withUnsafeBufferPointer { ascii in
            for scalar in text.unicodeScalars {
                let v = scalar.value
                if v < 0x80 {
                    let c = ascii[Int(v)]
                    if c != 0 { scratch.append(c) } else if !scratch.isEmpty { flush(&scratch, body) }
                    continue
                }
                if isIdeographic(v) {
                    if !scratch.isEmpty { flush(&scratch, body) }
                    appendUTF8(scalar, to: &scratch)
                    flush(&scratch, body)
                    continue
                }
                if let mapped = Folding.latinBase(v) {
                    for b in mapped.utf8 { scratch.append(b) }
                    continue
                }
                var folded = String.UnicodeScalarView()
                Folding.appendFolded(scalar, to: &folded)
                // An empty fold is a combining mark: dropped, and the word goes on (`inversio\u{301}n`).
                for f in folded {
                    if f.value < 0x80 {
                        let c = ascii[Int(f.value)]
                        if c != 0 { scratch.append(c) } else if !scratch.isEmpty { flush(&scratch, body) }
                    } else if isWordScalar(f) {
                        appendUTF8(f, to: &scratch)
                    } else if !scratch.isEmpty {
                        flush(&scratch, body)
                    }
                }
            }
            if !scratch.isEmpty { flush(&scratch, body) }
        }
    }

    /// As `forEach`, and with each token also its spelling in lower case with its accents (`inversión` for the token
    /// `inversion`), or nil when that is the token itself: Snowball's Spanish stemmer reads the accents
    /// (Stemmer.swift).
    @inline(__always)
    public static func forEach(
        in text: String, scratch: inout [UInt8], accents: inout [UInt8],
        _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>?) -> Void
    ) {
        scratch.removeAll(keepingCapacity: true)
        accents.removeAll(keepingCapacity: true)
        var accented = false
        func flush() {
            scratch.withUnsafeBufferPointer { folded in
                if accented {
                    accents.withUnsafeBufferPointer { body(folded, $0) }
                } else {
                    body(folded, nil)
                }
            }
            scratch.removeAll(keepingCapacity: true)
            accents.removeAll(keepingCapacity: true)
            accented = false
        }
        asciiClass.withUnsafeBufferPointer { ascii in
            for scalar in text.unicodeScalars {
                let v = scalar.value
                if v < 0x80 {
                    let c = ascii[Int(v)]
                    if c != 0 {
                        scratch.append(c); accents.append(c)
                    } else if !scratch.isEmpty {
                        flush()
                    }
                    continue
                }
                if isIdeographic(v) {
                    if !scratch.isEmpty { flush() }
                    appendUTF8(scalar, to: &scratch)
                    flush()
                    continue
                }
                if let mapped = Folding.latinBase(v) {
                    for b in mapped.utf8 { scratch.append(b) }
                    for s in scalar.properties.lowercaseMapping.unicodeScalars { appendUTF8(s, to: &accents) }
                    accented = true
                    continue
                }
                var folded = String.UnicodeScalarView()
                Folding.appendFolded(scalar, to: &folded)
                for f in folded {
                    if f.value < 0x80 {
                        let c = ascii[Int(f.value)]
                        if c != 0 {
                            scratch.append(c); accents.append(c)
                        } else if !scratch.isEmpty {
                            flush()
                        }
                    } else if isWordScalar(f) {
                        appendUTF8(f, to: &scratch); appendUTF8(f, to: &accents)
                    } else if !scratch.isEmpty {
                        flush()
                    }
                }
            }
            if !scratch.isEmpty { flush() }
        }
    }

    /// The tokens of `text` with their accented spellings (`Inversión` → `inversion`, `inversión`).
    public static func spelled(_ text: String) -> [(token: String, spelling: String)] {
        var scratch: [UInt8] = [], accents: [UInt8] = []
        var out: [(String, String)] = []
        forEach(in: text, scratch: &scratch, accents: &accents) { token, spelling in
            let t = String(decoding: token, as: UTF8.self)
            out.append((t, spelling.map { String(decoding: $0, as: UTF8.self) } ?? t))
        }
        return out
    }

    /// The tokens of `text` as strings (queries, tests; the index uses `forEach`).
    public static func of(_ text: String) -> [String] {
        var scratch: [UInt8] = []
        var out: [String] = []
        forEach(in: text, scratch: &scratch) { out.append(String(decoding: $0, as: UTF8.self)) }
        return out
    }

    /// Whether a folded scalar is part of a word (letters and digits of any script).
    public static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 { return asciiClass[Int(s.value)] != 0 }
        let p = s.properties
        return p.isAlphabetic || p.numericType != nil
    }

    /// Han ideographs, kana and CJK compatibility ideographs: one token per character.
    @inline(__always)
    public static func isIdeographic(_ v: UInt32) -> Bool {
        (0x3040...0x30FF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFF66...0xFF9F).contains(v) || (0x20000...0x3134F).contains(v)
            || (0x31F0...0x31FF).contains(v)
    }

    @inline(__always)
    private static func flush(_ scratch: inout [UInt8], _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        scratch.withUnsafeBufferPointer(body)
        scratch.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    private static func appendUTF8(_ s: Unicode.Scalar, to out: inout [UInt8]) {
        let v = s.value
        if v < 0x800 {
            out.append(UInt8(0xC0 | (v >> 6))); out.append(UInt8(0x80 | (v & 0x3F)))
        } else if v < 0x10000 {
            out.append(UInt8(0xE0 | (v >> 12))); out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        } else {
            out.append(UInt8(0xF0 | (v >> 18))); out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F))); out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }

    /// For each ASCII byte: its lower-case form when it is a letter or digit, 0 when it separates words.
    private static let asciiClass: [UInt8] = (0..<128).map { b -> UInt8 in
        switch b {
        case 0x30...0x39, 0x61...0x7A: return UInt8(b)
        case 0x41...0x5A: return UInt8(b + 32)
        default: return 0
        }
    }
}
