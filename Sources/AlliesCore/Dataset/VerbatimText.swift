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

    /// Where `quote` is in the original text (runs of whitespace aside): the range of the original's UTF-8 offsets
    /// from the quote's first character to its last. Nil when it is not there.
    public func utf8Range(of quote: String) -> Range<Int>? {
        let needle = Self.whitespaceFolded(quote)
        guard !needle.isEmpty, let found = folded.firstRange(of: needle) else { return nil }
        // Walk the original as whitespaceFolded does, noting the original offset of each folded byte.
        var map: [Int] = []
        map.reserveCapacity(folded.count)
        var offset = 0
        var pendingSpace: Int?
        for scalar in original.unicodeScalars {
            let length = UTF8.width(scalar)
            if scalar.properties.isWhitespace {
                if pendingSpace == nil && !map.isEmpty { pendingSpace = offset }
            } else {
                if let space = pendingSpace { map.append(space); pendingSpace = nil }
                for k in 0..<length { map.append(offset + k) }
            }
            offset += length
        }
        return map[found.lowerBound]..<(map[found.upperBound - 1] + 1)
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

/// A passage of an article that facts quote: where it is in the text and the records whose quotes fall in it.
public struct QuotedPassage: Sendable {
    /// UTF-8 offsets in the article's text.
    public let range: Range<Int>
    public let facts: [RecordKey]
}

extension Dataset {
    /// Every record that quotes `article`, with the quote, in record order.
    public func quotes(of article: String) -> [(key: RecordKey, quote: String)] {
        var out: [(RecordKey, String)] = []
        func add(_ key: RecordKey, _ sources: [SourceQuote]) {
            for s in sources where s.article == article { out.append((key, s.quote)) }
        }
        for g in groups { add(RecordKey(.groups, g.id), g.sources) }
        for c in companies { add(RecordKey(.companies, c.id), c.sources) }
        // Alliances left in a store are read only when their marks say they may quote it (`StoredProvenance`).
        let marks = StoredProvenance.articleMarks(article)
        for a in alliances where a.storedProvenance.mayQuote(marks) { add(RecordKey(.alliances, a.id), a.sources) }
        for c in claims { add(RecordKey(.claims, c.id), c.sources) }
        for p in people { add(RecordKey(.people, p.id), p.sources) }
        for e in shareEstimates { add(RecordKey(.shareEstimates, e.id), e.sources) }
        return out
    }

    /// The passages of an article's text that facts quote, in the order of the text; quotes that overlap make one
    /// passage. Quotes not found in the text (a dataset that does not validate) are left out. Empty without text.
    public func quotedPassages(of article: Article) -> [QuotedPassage] {
        guard let text = article.text else { return [] }
        let verbatim = VerbatimText(text)
        let found = quotes(of: article.id).compactMap { q in verbatim.utf8Range(of: q.quote).map { ($0, q.key) } }
            .sorted { ($0.0.lowerBound, $0.0.upperBound) < ($1.0.lowerBound, $1.0.upperBound) }
        var passages: [(range: Range<Int>, facts: [RecordKey])] = []
        for (range, key) in found {
            if let last = passages.last, range.lowerBound < last.range.upperBound {
                let merged = last.range.lowerBound..<max(last.range.upperBound, range.upperBound)
                passages[passages.count - 1] = (merged, last.facts.contains(key) ? last.facts : last.facts + [key])
            } else {
                passages.append((range, [key]))
            }
        }
        return passages.map { QuotedPassage(range: $0.range, facts: $0.facts) }
    }
}

/// How much of an article became facts: its quoted passages, the records quoting it, and how many of its characters
/// the passages cover (characters as a reader counts them: grapheme clusters).
public struct ArticleCoverage: Sendable, Equatable {
    public let passages: Int
    /// Records quoting the article (a record quoting it twice counts once).
    public let facts: Int
    /// Nil when the dataset does not carry the article's text.
    public let quotedCharacters: Int?
    public let characters: Int?

    /// The covered share of the text in whole percent, rounded; nil without text (or an empty one).
    public init(passages: Int, facts: Int, quotedCharacters: Int?, characters: Int?) {
        self.passages = passages; self.facts = facts; self.quotedCharacters = quotedCharacters
        self.characters = characters
    }

    public var percent: Int? {
        guard let quotedCharacters, let characters, characters > 0 else { return nil }
        return Int((Double(quotedCharacters) / Double(characters) * 100).rounded())
    }
}

extension Dataset {
    /// How much of `article` became facts, from its passages (`quotedPassages(of:)`).
    public func coverage(of article: Article, passages: [QuotedPassage]? = nil) -> ArticleCoverage {
        let passages = passages ?? quotedPassages(of: article)
        let facts = Set(quotes(of: article.id).map(\.key)).count
        guard let text = article.text else {
            return ArticleCoverage(passages: 0, facts: facts, quotedCharacters: nil, characters: nil)
        }
        let bytes = Array(text.utf8)
        let quoted = passages.reduce(0) { $0 + String(decoding: bytes[$1.range], as: UTF8.self).count }
        return ArticleCoverage(passages: passages.count, facts: facts, quotedCharacters: quoted, characters: text.count)
    }
}
