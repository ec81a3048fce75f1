// Checking that a quote is verbatim in its article. "Verbatim" means the same characters, byte for byte, except
// that any run of whitespace (spaces, line breaks, tabs, no-break spaces) counts as one space: a quote copied across
// a line break of the article still matches, a changed letter, accent or quotation mark does not.

/// An article's text, prepared once for checking many quotes against it.
public struct VerbatimText: Sendable {
    public let original: String
    /// The text's UTF-8 with each run of whitespace as one space, trimmed.
    private let folded: [UInt8]

    public init(_ text: String) {
        original = text
        folded = Self.whitespaceFolded(text)
    }

    /// Whether `quote` occurs in the text, runs of whitespace aside. An empty quote never does.
    public func contains(_ quote: String) -> Bool {
        let needle = Self.whitespaceFolded(quote)
        guard !needle.isEmpty, needle.count <= folded.count else { return false }
        return folded.firstRange(of: needle) != nil
    }

    /// The passage of the text most like `quote`: as many words as the quote has, where most of the quote's words
    /// (case and accents aside) are found. Nil when no word of the quote is in the text.
    public func closestPassage(to quote: String) -> String? {
        let words = Self.words(original)
        let wanted = Self.words(quote).map(Self.key)
        guard !words.isEmpty, !wanted.isEmpty else { return nil }
        let width = min(wanted.count, words.count)
        var need: [String: Int] = [:]
        for w in wanted { need[w, default: 0] += 1 }
        let keys = words.map(Self.key)
        // A sliding window over the text's words, counting how many of the quote's words it holds (each as often
        // as the quote has it).
        var have: [String: Int] = [:]
        var score = 0
        func add(_ k: String) {
            have[k, default: 0] += 1
            if have[k]! <= need[k, default: 0] { score += 1 }
        }
        func remove(_ k: String) {
            if have[k]! <= need[k, default: 0] { score -= 1 }
            have[k]! -= 1
        }
        for k in keys[0..<width] { add(k) }
        var best = (score: score, start: 0)
        if keys.count > width {
            for start in 1...(keys.count - width) {
                remove(keys[start - 1])
                add(keys[start + width - 1])
                if score > best.score { best = (score, start) }
            }
        }
        guard best.score > 0 else { return nil }
        return words[best.start..<best.start + width].joined(separator: " ")
    }

    /// A word as the passage search compares it: case, accents and the punctuation around it aside.
    static func key(_ word: Substring) -> String {
        let trimmed = word.drop { !$0.isLetter && !$0.isNumber }.reversed().drop { !$0.isLetter && !$0.isNumber }
        return Folding.fold(String(trimmed.reversed()))
    }

    /// The words of `s`: its runs of non-whitespace characters.
    static func words(_ s: String) -> [Substring] {
        s.split(whereSeparator: \.isWhitespace)
    }

    static func whitespaceFolded(_ s: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var pendingSpace = false
        for scalar in s.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(0x20); pendingSpace = false }
            out.append(contentsOf: UTF8.encode(scalar)!)
        }
        return out
    }
}
