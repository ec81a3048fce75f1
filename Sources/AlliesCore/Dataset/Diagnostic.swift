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
