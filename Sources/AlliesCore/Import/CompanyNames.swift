// How importers recognise the same company under several names: a normalised name (case, accents, punctuation and
// legal suffixes set aside) and the slugs ids are made from.

/// Record ids made from names and titles.
public enum Slug {
    /// `amazon-invests-in-anthropic`: letters and digits of the folded text (accents off, lower case), runs of
    /// anything else as one `-`, at most 80 characters. A text with letters but none Latin (`楽天グループ`) gives its
    /// letters' code points (`u-697d-5929-30b0-30eb-30fc-30d7`): an id of its own, the same at every import, where
    /// the ids were `company-name-2` in the order met (and a form asked for an id by hand). Empty when the text has
    /// no letter or digit.
    public static func make(_ text: String) -> String {
        let latin = latinSlug(text)
        guard latin.isEmpty else { return latin }
        var out = "u"
        for scalar in text.unicodeScalars where scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
            let part = "-" + String(scalar.value, radix: 16)
            if out.utf8.count + part.utf8.count > 80 { break }
            out += part
        }
        return out == "u" ? "" : out
    }

    private static func latinSlug(_ text: String) -> String {
        let folded = Folding.fold(text)
        // ASCII (most titles and names): byte by byte, the same as by Character below (every ASCII Character is one
        // byte but "\r\n", which is not a letter or digit either way), without the Unicode property look-ups.
        if folded.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(folded.utf8.count)
            for b in folded.utf8 {
                if (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) {
                    bytes.append(b)
                } else if !bytes.isEmpty && bytes.last != 0x2D {
                    bytes.append(0x2D)
                }
            }
            while bytes.last == 0x2D { bytes.removeLast() }
            if bytes.count > 80 { bytes.removeSubrange(80...) }
            while bytes.last == 0x2D { bytes.removeLast() }
            return String(decoding: bytes, as: UTF8.self)
        }
        var out = ""
        for c in folded {
            if c.isASCII && (c.isLetter || c.isNumber) {
                out.append(c)
            } else if !out.isEmpty && out.last != "-" {
                out.append("-")
            }
        }
        while out.last == "-" { out.removeLast() }
        var cut = String(out.prefix(80))
        while cut.last == "-" { cut.removeLast() }
        return cut
    }
}

/// Company names compared as people mean them: `Acme, Inc.`, `ACME Inc` and `Acmé` are one name; `Acme Systems` is
/// another. Legal forms are set aside only at the end of a name and never when nothing would be left (`The Company`).
public enum CompanyNames {
    /// Legal forms as words (after folding and with punctuation gone): `S.A. de C.V.` is `s a de c v`. Longest
    /// first, so `s a de c v` is removed whole rather than `c v` alone. Sources: the suffixes of the GLEIF ELF code
    /// list that occur in English, Spanish, German, French, Dutch, Italian, Nordic and Asian company names.
    static let legalForms: [[String]] = [
        "s a de c v", "s a b de c v", "s a p i de c v", "s de r l de c v", "s de r l", "s r l", "s l u", "s a u",
        "s a s",
        "s p a", "s a", "s l", "s c a", "sa de cv", "sapi de cv", "co ltd", "co limited", "pty ltd",
        "pvt ltd", "private limited", "public limited company", "limited liability company", "l l c", "l l p",
        "l p", "p l c", "n v", "b v", "a g", "a s", "a b", "o y", "k k", "g k", "gmbh co kg", "gmbh", "mbh",
        "ag", "kg", "kgaa", "se", "nv", "bv", "sa", "sl", "slu", "sau", "sas", "sarl", "srl", "spa", "sca",
        "inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "llc", "llp", "lp",
        "plc", "pte", "pty", "pvt", "oy", "oyj", "ab", "asa", "as", "aps", "kk", "gk", "bhd", "sdn bhd", "tbk",
        "ltda", "cia", "cv", "ooo", "oao", "zao", "pjsc", "jsc", "sro", "spol s r o", "kft", "zrt", "doo",
    ].map { $0.split(separator: " ").map(String.init) }.sorted { $0.count > $1.count }

    /// The words of a name: folded (case and accents off), split at anything that is not a letter or digit, an `&`
    /// read as `and`.
    public static func words(_ name: String) -> [String] {
        var words: [String] = []
        var current = ""
        for c in Folding.fold(name) {
            if c.isLetter || c.isNumber {
                current.append(c)
            } else {
                if !current.isEmpty { words.append(current); current = "" }
                if c == "&" { words.append("and") }
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// The name with its legal form(s) at the end removed (`Acme Holdings Co., Ltd.` → `acme holdings`), and a
    /// leading `the` removed, as one string of words; never empty when the name has a letter or digit.
    public static func normalized(_ name: String) -> String {
        var w = words(name)
        var changed = true
        while changed {
            changed = false
            for form in legalForms where w.count > form.count && Array(w.suffix(form.count)) == form {
                w.removeLast(form.count)
                changed = true
                break
            }
        }
        if w.count > 1 && w.first == "the" { w.removeFirst() }
        return w.joined(separator: " ")
    }

    /// The normalised name without its spaces: `Face Book` and `Facebook` meet here. Used only for candidates.
    public static func squeezed(_ name: String) -> String { String(normalized(name).filter { $0 != " " }) }
}
