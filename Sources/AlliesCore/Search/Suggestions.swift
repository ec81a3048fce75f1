// "Did you mean": a query word that matches nothing, not even through its stems, gets the nearest words of the
// dataset's own vocabulary (the index's token dictionary) by edit distance: `antropic` → anthropic, `nvidea` → nvidia,
// `inverssion` → inversion.

extension SearchIndex {
    /// A word of a query that matches nothing, and the nearest words of the dataset, best first.
    public struct Correction: Equatable, Sendable {
        /// The word as the query holds it (folded).
        public var word: String
        public var suggestions: [String]
        public init(word: String, suggestions: [String]) { self.word = word; self.suggestions = suggestions }
    }

    /// The corrections of a query's words that match nothing (its groups' words too; not excluded words, phrases or
    /// words of several tokens). Empty when every word matches something or no word of the dataset is near.
    public func corrections(_ query: Query, limit: Int = 3) -> [Correction] {
        unknownWords(query).compactMap { word, token in
            let near = nearestTokens(to: token, limit: limit)
            return near.isEmpty ? nil : Correction(word: word, suggestions: near)
        }
    }

    /// The query's words (folded, each once) that match no token of the index, with their one token.
    func unknownWords(_ query: Query) -> [(word: String, token: [UInt8])] {
        var words: [(String, Bool)] = query.words.enumerated().map { i, w in
            (w, query.lastWordIsPrefix && i == query.words.count - 1)
        }
        func walk(_ node: QueryNode) {
            switch node {
            case .word(let w, let prefix): words.append((w, prefix))
            case .all(let nodes), .any(let nodes): nodes.forEach(walk)
            case .phrase, .not: break
            }
        }
        query.groups.forEach(walk)
        var out: [(word: String, token: [UInt8])] = []
        for (word, prefix) in words where !out.contains(where: { $0.word == word }) {
            let term = QueryPlan.Term(word: word, typed: query.typed[word], prefixLast: prefix)
            guard term.tokens.count == 1, wordTokens(term).ranges.isEmpty else { continue }
            out.append((word, term.tokens[0]))
        }
        return out
    }

    /// The query with each corrected word replaced by its first suggestion (`nvidea antropic` → `nvidia anthropic`),
    /// or nil when nothing was corrected.
    public static func corrected(_ input: String, _ corrections: [Correction]) -> String? {
        guard !corrections.isEmpty else { return nil }
        var words = input.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        for i in words.indices {
            let word = words[i]
            let bare = word.hasPrefix("(") ? String(word.dropFirst()) : word
            if let c = corrections.first(where: { $0.word == Folding.fold(bare) }), let best = c.suggestions.first {
                words[i] = (word.hasPrefix("(") ? "(" : "") + best
            }
        }
        return words.joined(separator: " ")
    }

    /// The tokens of the dictionary nearest to `word` by edit distance (within 1 edit for words of up to four
    /// letters, 2 beyond), most frequent first among equals; tokens without a letter are left out.
    func nearestTokens(to word: [UInt8], limit: Int) -> [String] {
        guard word.count >= 3, word.count < 63 else { return [] }
        let reach = word.count <= 4 ? 1 : 2
        // The dictionary in two halves at once (one per core): a word that matches nothing walks all of it.
        let found = InParts.flatMap(tokenCount) { tokens -> [(distance: Int, count: Int, token: Int)] in
            var found: [(distance: Int, count: Int, token: Int)] = []
            var previous = [Int](repeating: 0, count: 64), current = [Int](repeating: 0, count: 64)
            tokenBytes.withUnsafeBufferPointer { bytes in
                for t in tokens {
                    let start = tokenStart[t], length = tokenStart[t + 1] - start
                    guard abs(length - word.count) <= reach, length < 63 else { continue }
                    var letter = false
                    for k in 0..<length where bytes[start + k] >= 0x61 { letter = true; break }
                    guard letter else { continue }
                    // Levenshtein, row by row, stopping once a whole row is past the reach.
                    for j in 0...length { previous[j] = j }
                    var within = true
                    for i in 1...word.count {
                        current[0] = i
                        var rowMin = i
                        for j in 1...length {
                            let cost = word[i - 1] == bytes[start + j - 1] ? 0 : 1
                            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                            rowMin = min(rowMin, current[j])
                        }
                        swap(&previous, &current)
                        if rowMin > reach { within = false; break }
                    }
                    let d = previous[length]
                    if within && d <= reach && d > 0 {
                        found.append((d, postingStart[t + 1] - postingStart[t], t))
                    }
                }
            }
            return found
        }
        guard let best = found.map(\.distance).min() else { return [] }
        return found.filter { $0.distance == best }.sorted {
            $0.count != $1.count ? $0.count > $1.count : $0.token < $1.token
        }
        .prefix(limit).map { token($0.token) }
    }
}
