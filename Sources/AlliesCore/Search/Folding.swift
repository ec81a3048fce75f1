/// Folding for search and name matching: lower case, no accents (`Inversión` → `inversion`), other scripts as
/// they are (`阿里巴巴` stays). One fold for every comparison, so the CLI, the explorer and the index agree.
///
/// Stemming and folding: a Spanish word is stemmed *before* it is folded, and its stem folded afterwards, because
/// Snowball's Spanish stemmer reads the accents (`invertirán` → `invert`, but `invertiran` → `invertir`); it is also
/// filed under the stem of its folded spelling, for queries typed without accents. English words are folded, then
/// stemmed. Either way the stems compared are folded, like every other token. Stemmer.swift has the details.
public enum Folding {
    public static func fold(_ s: String) -> String {
        // ASCII fast path: most names and ids.
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return s.lowercased() }
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars { appendFolded(scalar, to: &out) }
        return String(out)
    }

    /// Whether a folded string compares by its bytes as Swift compares it by characters: equal to another exactly
    /// when the bytes are (canonical equivalence), and starting with another exactly when the bytes do (each scalar
    /// a character of its own). True for scripts whose letters have no canonical composition or decomposition that
    /// folding keeps and no marks that join a letter to the one before (Latin, Greek, Cyrillic, kana, CJK
    /// ideographs: accents and combining marks are folded away). Control characters, Hangul, Indic scripts,
    /// compatibility ideographs and a few singletons (the Greek question mark) are left out: a lookup of such a name
    /// by its bytes could miss a spelling, or take a prefix, that the dataset's own lookups would not.
    public static func comparesByBytes(_ folded: String) -> Bool {
        folded.unicodeScalars.allSatisfy { scalar in
            switch scalar.value {
            case 0..<0x20, 0x7F..<0xA0, 0x340, 0x341, 0x343, 0x344, 0x374, 0x37E, 0x387: false
            case 0..<0x530, 0x3000..<0x3100, 0x3400..<0x4DC0, 0x4E00..<0xA000: true
            default: false
            }
        }
    }

    /// Appends the folded form of one scalar: its lower case without accents; combining marks are dropped.
    public static func appendFolded(_ scalar: Unicode.Scalar, to out: inout String.UnicodeScalarView) {
        let v = scalar.value
        if v < 0x80 {
            out.append(v >= 0x41 && v <= 0x5A ? Unicode.Scalar(v + 32)! : scalar)
            return
        }
        if unchangedByFolding(v) { out.append(scalar); return }
        if let mapped = latin[v] { out.append(contentsOf: mapped.unicodeScalars); return }
        let props = scalar.properties
        if props.generalCategory == .nonspacingMark || props.generalCategory == .enclosingMark { return }
        out.append(contentsOf: props.lowercaseMapping.unicodeScalars)
    }

    /// What a terminal without UTF-8 shows for one character drawn in one column: a Latin letter's base letter in
    /// its case (`é` → `e`, `Ñ` → `N`), Spanish and typographic punctuation's nearest ASCII (`¿` → `?`, `«` → `"`,
    /// `–` → `-`); nil when there is none (the terminal shows `?`).
    public static func asciiFallback(_ grapheme: String) -> Character? {
        guard let first = grapheme.unicodeScalars.first else { return nil }
        let v = first.value
        if v < 0x80 { return v >= 0x20 && v < 0x7F ? Character(first) : nil }
        switch v {
        case 0xBF: return "?"
        case 0xA1: return "!"
        case 0xAB, 0xBB, 0x201C, 0x201D, 0x201E: return "\""
        case 0x2018, 0x2019, 0x201A, 0xB4: return "'"
        case 0x2010...0x2015, 0x2212: return "-"
        case 0xA0, 0x2002...0x200A: return " "
        case 0xB7, 0x2022: return "."
        case 0xBA: return "o"
        case 0xAA: return "a"
        default: break
        }
        guard let base = latinBase(v), base.count == 1, let letter = base.first else { return nil }
        return first.properties.isUppercase ? Character(letter.uppercased()) : letter
    }

    /// Scalars without case, accents or marks, which fold to themselves: general punctuation, super- and
    /// subscripts and currency signs (the typographic quotes and dashes of Spanish news), CJK punctuation and kana
    /// without their combining marks, CJK ideographs and Hangul syllables. Known by range, not asked of the
    /// Unicode tables, as they are most of what is folded in text that is not Latin.
    @inline(__always)
    public static func unchangedByFolding(_ v: UInt32) -> Bool {
        switch v {
        case 0x2000..<0x20D0, 0x3000..<0x302A, 0x3030..<0x3099, 0x309B..<0x3100, 0x3400..<0x4DC0, 0x4E00..<0xA000,
            0xAC00...0xD7A3:
            true
        default: false
        }
    }

    /// The base letters of a Latin letter with diacritics (`é` → `e`, `ß` → `ss`), or nil.
    @inline(__always)
    static func latinBase(_ v: UInt32) -> String? { v >= 0xAA && v <= 0x1EFF ? latin[v] : nil }

    /// Latin letters with diacritics (Latin-1, Extended-A and B, Extended Additional) mapped to their base letters,
    /// built once from the Unicode names (LATIN SMALL LETTER E WITH ACUTE → e), plus letters that have no
    /// decomposition (ß → ss, ø → o, ł → l).
    private static let latin: [UInt32: String] = {
        var table: [UInt32: String] = [
            0xDF: "ss", 0xC6: "ae", 0xE6: "ae", 0xD8: "o", 0xF8: "o", 0x141: "l", 0x142: "l", 0x110: "d", 0x111: "d",
            0x152: "oe", 0x153: "oe", 0xD0: "d", 0xF0: "d", 0xDE: "th", 0xFE: "th", 0x131: "i", 0xAA: "a", 0xBA: "o",
        ]
        let ranges: [ClosedRange<UInt32>] = [0xC0...0x24F, 0x1E00...0x1EFF]
        for range in ranges {
            for v in range where table[v] == nil {
                guard let scalar = Unicode.Scalar(v), let name = scalar.properties.name else { continue }
                // By bytes: `firstRange(of:)` took 3 ms of every command's start for these ~800 names (0.6 now).
                for prefix in ["LATIN SMALL LETTER ", "LATIN CAPITAL LETTER "] where name.hasPrefix(prefix) {
                    let rest = name.utf8.dropFirst(prefix.utf8.count)
                    guard let letter = rest.first, rest.dropFirst().starts(with: " WITH ".utf8) else { continue }
                    table[v] = String(Unicode.Scalar(letter)).lowercased()
                }
            }
        }
        return table
    }()
}
