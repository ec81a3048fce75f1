import AlliesText

/// One problem found in a dataset: where it is and what was expected.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var position: SourcePosition?
    /// The record, e.g. `alliances[3] "aws-openai-cloud-2025"`.
    public var record: String?
    /// The field inside the record, e.g. `parties[0].company`.
    public var field: String?
    public var message: String

    public init(file: String, position: SourcePosition?, record: String?, field: String?, message: String) {
        self.file = file; self.position = position; self.record = record; self.field = field; self.message = message
    }

    /// `FILE:LINE:COLUMN: RECORD, field FIELD: MESSAGE` — the shape compilers use, so editors can jump to it.
    public var description: String {
        var s = file
        if let position { s += ":\(position)" }
        s += ": "
        var context: [String] = []
        if let record { context.append(record) }
        if let field { context.append(tr("field {0}", field)) }
        if !context.isEmpty { s += context.joined(separator: ", ") + ": " }
        return s + message
    }
}

/// Loading failed: the file could not be read, is not JSON, or breaks the format. Holds every problem found.
public struct DatasetError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// Edit distance, for "did you mean" answers.
public func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}

/// `editDistance` from one word to many candidates, when it is within a limit (a "did you mean" over every id of a
/// million alliances): a candidate whose length alone puts it past the limit is not compared, one is given up as
/// soon as a whole row of the table is past the limit (a row's least never falls in the next), and the rows are
/// allocated once for all the candidates.
public struct NearWords {
    public let limit: Int
    private let word: [Unicode.Scalar]
    private var previous: [Int] = [], current: [Int] = []

    public init(_ word: String, limit: Int) {
        self.word = Array(word.unicodeScalars)
        self.limit = limit
    }

    /// The distance to `candidate`, or nil when it is past the limit.
    public mutating func distance(to candidate: String) -> Int? {
        measure(Array(candidate.unicodeScalars)) { $0 == $1 }
    }

    /// The distance to a candidate in ASCII, given as its bytes (its scalars).
    public mutating func distance(toASCII candidate: some Collection<UInt8>) -> Int? {
        measure(candidate) { $0.value == UInt32($1) }
    }

    private mutating func measure<C: Collection>(_ b: C, _ same: (Unicode.Scalar, C.Element) -> Bool) -> Int? {
        let n = b.count
        guard abs(n - word.count) <= limit else { return nil }
        if word.isEmpty || n == 0 { return max(word.count, n) }
        if previous.count < n + 1 {
            previous = Array(repeating: 0, count: n + 1)
            current = previous
        }
        for j in 0...n { previous[j] = j }
        for i in 1...word.count {
            current[0] = i
            var least = i
            var j = 1
            for element in b {
                current[j] = min(
                    previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (same(word[i - 1], element) ? 0 : 1))
                least = min(least, current[j])
                j += 1
            }
            if least > limit { return nil }
            swap(&previous, &current)
        }
        return previous[n] <= limit ? previous[n] : nil
    }
}

/// The closest candidate to `word`, when it is close enough to be a likely typo.
public func closestMatch(to word: String, in candidates: some Sequence<String>) -> String? {
    var best: (String, Int)?
    // Only a candidate within `reach` edits can be the answer, and the distance is at least the difference in length:
    // skipping the others gives the same answer without comparing, say, a 4 MB string with every id.
    let reach = max(2, word.count / 3)
    let length = word.unicodeScalars.count
    for candidate in candidates {
        if abs(candidate.unicodeScalars.count - length) > reach { continue }
        let d = editDistance(word, candidate)
        if d < (best?.1 ?? Int.max) { best = (candidate, d) }
    }
    guard let best else { return nil }
    let limit = max(2, min(word.count, best.0.count) / 3)
    return best.1 <= limit ? best.0 : nil
}
