// Terminal text: how many columns a string takes, how to make untrusted strings safe to draw, how to clip and pad
// without splitting a wide character. Pure functions, no terminal: the CLI tables and the explorer grid both use them.

/// Whether a string's characters are its scalars, one each, which lets the hot paths (drawing, highlighting) walk
/// scalars instead of breaking the text into grapheme clusters. True when every scalar is one that never joins the
/// scalar before or after it into a cluster (UAX #29): Latin, Greek and Cyrillic letters without combining marks,
/// general punctuation and currency signs, arrows and symbols, CJK ideographs, kana and Hangul syllables. False as
/// soon as the text holds a carriage return (CR LF is one character), a combining mark, a joiner, a variation
/// selector, a prepended or spacing mark, a Hangul jamo or a regional indicator; the callers then walk characters.
public enum Scalars {
    @inline(__always)
    public static func standAlone(_ v: UInt32) -> Bool {
        switch v {
        case 0x0D: false
        case 0..<0x300, 0x370..<0x483, 0x48A..<0x530: true
        case 0x200C, 0x200D: false
        case 0x2000..<0x20D0, 0x2100..<0x2C00: true
        case 0x3000..<0x302A, 0x3030..<0x3099, 0x309B..<0x3100, 0x3400..<0x4DC0, 0x4E00..<0xA000: true
        case 0xAC00...0xD7A3, 0xFF00..<0xFF9E: true
        default: false
        }
    }

    /// Whether every character of `s` is one scalar (see `standAlone`).
    public static func areCharacters(_ s: some StringProtocol) -> Bool {
        s.unicodeScalars.allSatisfy { standAlone($0.value) }
    }
}

public enum TextWidth {
    /// Columns taken by one grapheme cluster: 0, 1 or 2.
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if first.value < 0x7F { return first.value < 0x20 ? 0 : 1 }
        // An emoji presentation selector or a ZWJ sequence makes the cluster two columns wide.
        if scalars.count > 1, scalars.contains(where: { $0.value == 0xFE0F }),
            first.properties.isEmoji
        {
            return 2
        }
        return of(first)
    }

    /// Columns taken by one scalar drawn on its own.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x20 || (0x7F...0x9F).contains(v) { return 0 }
        if v < 0x300 { return 1 }
        // Spanish news is full of typographic quotes, dashes and the euro sign, and CJK names of ideographs: their
        // widths are known without asking for their category.
        switch v {
        case 0x2010...0x2027, 0x2030...0x205E, 0x20A0..<0x20D0: return 1
        case 0x4E00...0x9FFF, 0xAC00...0xD7A3: return 2
        default: break
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if v == 0x200B || (0x1160...0x11FF).contains(v) { return 0 }
        return isWide(v) ? 2 : 1
    }

    /// East Asian Wide and Fullwidth ranges, and emoji with default emoji presentation.
    static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3, 0x25FD...0x25FE,
            0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE,
            0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA, 0x26FD, 0x2705,
            0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757, 0x2795...0x2797, 0x27B0, 0x27BF,
            0x2B1B...0x2B1C, 0x2B50, 0x2B55, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
            0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF,
            0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F251, 0x1F300...0x1F320, 0x1F32D...0x1F335,
            0x1F337...0x1F37C, 0x1F37E...0x1F393, 0x1F3A0...0x1F3CA, 0x1F3CF...0x1F3D3, 0x1F3E0...0x1F3F0,
            0x1F3F4, 0x1F3F8...0x1F43E, 0x1F440, 0x1F442...0x1F4FC, 0x1F4FF...0x1F53D, 0x1F54B...0x1F54E,
            0x1F550...0x1F567, 0x1F57A, 0x1F595...0x1F596, 0x1F5A4, 0x1F5FB...0x1F64F, 0x1F680...0x1F6C5,
            0x1F6CC, 0x1F6D0...0x1F6D2, 0x1F6D5...0x1F6D7, 0x1F6EB...0x1F6EC, 0x1F6F4...0x1F6FC, 0x1F7E0...0x1F7EB,
            0x1F90C...0x1F93A, 0x1F93C...0x1F945, 0x1F947...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x2FFFD,
            0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// Columns taken by a string (of already sanitised text).
    public static func of(_ s: some StringProtocol) -> Int {
        // Scalar by scalar while each is a character of its own; by characters from the start otherwise.
        var total = 0
        for scalar in s.unicodeScalars {
            guard Scalars.standAlone(scalar.value) else { return s.reduce(0) { $0 + of($1) } }
            total += of(scalar)
        }
        return total
    }
}

/// Makes untrusted text safe to draw on one line: no byte of it can reach the terminal as a control sequence.
public enum Sanitize {
    /// Letters and punctuation drawn as they are, known by range without asking their category: printable ASCII,
    /// Latin-1 and Latin Extended (the soft hyphen, U+00AD, is a format character and is dropped), general
    /// punctuation without its controls, currency signs, CJK ideographs and Hangul syllables.
    @inline(__always)
    public static func keptAsItIs(_ v: UInt32) -> Bool {
        switch v {
        case 0x20..<0x7F, 0xA0..<0xAD, 0xAE..<0x300, 0x2010...0x2027, 0x2030...0x205E, 0x20A0..<0x20D0,
            0x4E00...0x9FFF, 0xAC00...0xD7A3:
            true
        default: false
        }
    }

    /// C0 controls become visible Control Pictures (ESC → ␛, BEL → ␇, newline → ␊) so that what the data
    /// holds is seen, not obeyed; tab becomes a space; C1 controls and DEL become �; the line and paragraph
    /// separators (U+2028, U+2029) become ␤; bidirectional overrides and
    /// zero-width characters are dropped; a combining mark with nothing to combine with gets a dotted circle.
    public static func line(_ s: String) -> String {
        // Fast path: printable ASCII, and text of letters and punctuation kept as they are (Spanish, CJK), need
        // nothing: the string is returned, not rebuilt scalar by scalar.
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return s }
        if s.unicodeScalars.allSatisfy({ keptAsItIs($0.value) }) { return s }
        var out = String.UnicodeScalarView()
        var previousIsBase = false
        for scalar in s.unicodeScalars {
            let v = scalar.value
            switch v {
            case 0x09:
                out.append(" "); previousIsBase = true
            case 0x00..<0x20:
                out.append(Unicode.Scalar(0x2400 + v)!); previousIsBase = true
            case 0x7F...0x9F:
                out.append("\u{FFFD}"); previousIsBase = true
            case 0x2028, 0x2029:
                // Line and paragraph separators: line breaks no terminal agrees on (glibc calls them unprintable).
                out.append("\u{2424}"); previousIsBase = true
            case 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x206F, 0xFEFF, 0x061C, 0x180E, 0xFFF9...0xFFFB,
                0xE0000...0xE007F:
                continue
            case _ where keptAsItIs(v):
                out.append(scalar)
                previousIsBase = true
            default:
                let category = scalar.properties.generalCategory
                if category == .format || category == .surrogate || category == .privateUse && v >= 0xF0000 {
                    continue
                }
                if category == .nonspacingMark || category == .enclosingMark || category == .spacingMark {
                    if !previousIsBase { out.append("\u{25CC}") }
                    out.append(scalar)
                    previousIsBase = true
                    continue
                }
                out.append(scalar)
                previousIsBase = true
            }
        }
        return String(out)
    }
}

/// A phrase that reads wrong broken across two lines (a date: `31 de mayo de` / `2023`) joins its words with a
/// no-break space: wrapping breaks only at plain spaces. What is drawn or printed shows a plain space (`plain`), so
/// a reader who copies or finds the text meets the spaces they typed.
public enum Glue {
    public static let space = "\u{A0}"

    /// The words as one unbreakable phrase.
    public static func join(_ words: [String]) -> String { words.joined(separator: space) }

    /// `s` with each space after a digit made a no-break space, so that an amount wraps whole with its unit
    /// (`≤100.000` then `M$` on the next line read as another figure) and a count with its noun (`2 no revelados`).
    public static func afterNumbers(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for c in s.unicodeScalars {
            out.append(c == " " && previous.map { ("0"..."9").contains($0) } == true ? "\u{A0}" : c)
            previous = c
        }
        return String(out)
    }

    /// `s` with its no-break spaces as plain spaces; `s` itself, not rebuilt, when it has none.
    public static func plain(_ s: String) -> String {
        // 0xA0 is also a continuation byte of other letters (`à`): the scalars decide.
        guard s.utf8.contains(0xA0), s.unicodeScalars.contains("\u{A0}") else { return s }
        return String(String.UnicodeScalarView(s.unicodeScalars.map { $0 == "\u{A0}" ? " " : $0 }))
    }
}

public enum Clip {
    /// Cuts `s` (sanitised) to at most `width` columns, ending in `…` when something was cut. A wide character that
    /// would straddle the edge is left out rather than split.
    public static func toWidth(_ s: String, _ width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        let ellipsisWidth = TextWidth.of(ellipsis)
        guard let cut = overflow(s, width, keep: width - ellipsisWidth) else { return s }
        // Room for the ellipsis alone: it says that something was cut (a `.` there read as a sentence's end).
        guard width >= ellipsisWidth else { return String(repeating: ".", count: width) }
        return String(s[..<cut]) + ellipsis
    }

    /// Nil when `s` fits in `width` columns; else where to cut it so that what is before takes at most `keep`
    /// columns (the start of the first character that does not fit). It stops once past `width`, so a long quote
    /// costs what a line shows; it walks scalars while each is a character of its own (`Scalars`), and characters
    /// from the start otherwise.
    public static func overflow(_ s: String, _ width: Int, keep: Int) -> String.Index? {
        let walk = overflow(of: s.unicodeScalars, width, keep: keep) {
            Scalars.standAlone($0.value) ? TextWidth.of($0) : nil
        }
        switch walk {
        case .fits: return nil
        case .at(let cut): return cut
        case .unmeasured: return overflowByCharacters(s, width, keep: keep)
        }
    }

    /// `overflow` walking characters, whatever their scalars.
    static func overflowByCharacters(_ s: String, _ width: Int, keep: Int) -> String.Index? {
        if case .at(let cut) = overflow(of: s, width, keep: keep, widthOf: { TextWidth.of($0) }) { return cut }
        return nil
    }

    private enum Overflow<Index> {
        case fits, at(Index)
        /// An element `widthOf` cannot measure alone (a scalar that may join its neighbours).
        case unmeasured
    }

    /// The one walk of both: elements' widths added up until past `width`, noting the first past `keep`.
    private static func overflow<C: Collection>(
        of elements: C, _ width: Int, keep: Int, widthOf: (C.Element) -> Int?
    ) -> Overflow<C.Index> {
        var used = 0
        var cut: C.Index?
        var i = elements.startIndex
        while i < elements.endIndex {
            guard let w = widthOf(elements[i]) else { return .unmeasured }
            if cut == nil, used + w > keep { cut = i }
            used += w
            if used > width { return cut.map { .at($0) } ?? .fits }
            i = elements.index(after: i)
        }
        return .fits
    }

    /// `toWidth`, never ending in a number when `wholeNumbers`: `hasta 100.0…` is not 100.000, `≤$1…` is not
    /// ≤$100B, `$10…` is not $10B, and `up to $5…` may not be $5 billion, so the cut goes back to before the number
    /// and the signs that lead it (`$`, `~`, `≤`): the text says less but never something else (`hasta …`,
    /// `≤$100B + …`, or `…` alone). The text before the number is kept (`EVIL[2J` cut after its `2` keeps `EVIL[…`).
    public static func toWidth(_ s: String, _ width: Int, ellipsis: String = "…", wholeNumbers: Bool) -> String {
        let clipped = toWidth(s, width, ellipsis: ellipsis)
        guard wholeNumbers, clipped != s, clipped.hasSuffix(ellipsis) else { return clipped }
        var kept = clipped.dropLast(ellipsis.count)
        // A number whose unit was cut away after its space (`~15 M€` cut to `~15 …`, `hasta 100.000 …`) is not that
        // number either: the spaces go, and the number with them.
        var spaced = kept
        while spaced.last == " " { spaced.removeLast() }
        if spaced.count < kept.count, spaced.last?.isNumber == true { kept = spaced }
        // The number's visible part: its digits with their separators and the signs that lead it (`≤$` when the
        // cut falls before its first digit).
        var shorter = kept
        while let c = shorter.last, c.isNumber || c == "." || c == "," || leadsANumber(c) { shorter.removeLast() }
        let next = s.dropFirst(kept.count).first
        guard
            kept[shorter.endIndex...].contains(where: \.isNumber)
                || shorter.count < kept.count && next?.isNumber == true
        else { return clipped }
        guard shorter.last == " " || shorter.isEmpty else { return shorter + ellipsis }
        while shorter.last == " " { shorter.removeLast() }
        return shorter.isEmpty ? ellipsis : shorter + " " + ellipsis
    }

    /// Signs written before a number that mean nothing without it.
    private static func leadsANumber(_ c: Character) -> Bool {
        "~≈≤≥<>+-±".contains(c) || c.unicodeScalars.first?.properties.generalCategory == .currencySymbol
    }

    /// Clips (never inside a number), then pads with spaces to exactly `width` columns.
    public static func pad(_ s: String, _ width: Int, alignRight: Bool = false, wholeNumbers: Bool = true) -> String {
        let clipped = toWidth(s, width, wholeNumbers: wholeNumbers)
        let gap = String(repeating: " ", count: max(0, width - TextWidth.of(clipped)))
        return alignRight ? gap + clipped : clipped + gap
    }

    /// Text made of parts (money: `$38B (multi-year) · in talks: …`) laid out in lines of `width` columns, breaking
    /// between its parts before inside one: a part goes whole to the next line when it fits there, and a line that
    /// goes on after a break starts with the separator's mark (`· in talks: …`).
    public static func wrapParts(_ text: String, _ width: Int, separator: String = " · ") -> [String] {
        var lines: [String] = [], line = ""
        let mark = String(separator.drop { $0 == " " })
        for (i, part) in text.split(separator: separator, omittingEmptySubsequences: false).enumerated() {
            let piece = i == 0 ? String(part) : mark + part
            let joined = line.isEmpty ? piece : line + " " + piece
            if TextWidth.of(joined) <= width { line = joined; continue }
            if !line.isEmpty { lines.append(line) }
            let wrapped = wrap(piece, width)
            lines += wrapped.dropLast()
            line = wrapped.last ?? ""
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// Word-wraps sanitised text to lines of at most `width` columns; words longer than a line are broken.
    public static func wrap(_ s: String, _ width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        for word in s.split(separator: " ", omittingEmptySubsequences: true) {
            var word = Substring(word)
            var w = TextWidth.of(word)
            if lineWidth > 0 && lineWidth + 1 + w <= width {
                line += " " + word; lineWidth += 1 + w
                continue
            }
            if lineWidth > 0 { lines.append(line); line = ""; lineWidth = 0 }
            if w > width, word.unicodeScalars.contains("\u{A0}") {
                // A glued phrase wider than the line breaks where it is glued rather than inside a word.
                var pieces = wrap(Glue.plain(String(word)), width)
                line = pieces.removeLast(); lineWidth = TextWidth.of(line)
                lines += pieces
                continue
            }
            while w > width {
                var head = ""
                var headWidth = 0
                var rest = word.startIndex
                for c in word {
                    let cw = TextWidth.of(c)
                    if headWidth + cw > width { break }
                    head.append(c); headWidth += cw
                    rest = word.index(after: rest)
                }
                if head.isEmpty { break }
                lines.append(head)
                word = word[rest...]
                // Widths add up character by character: no need to measure the rest again (that made a 10,000-
                // character word quadratic).
                w -= headWidth
            }
            line = String(word); lineWidth = w
        }
        if lineWidth > 0 || lines.isEmpty { lines.append(line) }
        return lines
    }
}

/// Puts an untrusted value inside a message: control and invisible characters become `\u{…}` escapes and long
/// values are cut, so a hostile dataset cannot write escape sequences through an error message.
public enum Quoting {
    public static func value(_ s: String, limit: Int = 60) -> String {
        var out = ""
        var count = 0
        for scalar in s.unicodeScalars {
            if count == limit { out += "…"; break }
            count += 1
            if isUnsafe(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// C0 and C1 controls, DEL, bidirectional controls, zero-width and other invisible format characters.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 || (0x7F...0x9F).contains(v) { return true }
        switch v {
        case 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2069, 0xFEFF, 0x061C, 0x180E, 0xFFF9...0xFFFB: return true
        default: return scalar.properties.generalCategory == .format
        }
    }
}
