// What must hold for every input the loader is given, however broken. Checked on every fuzz case, by the
// `make test` corpus (FuzzCorpusTests) and by the fuzz drivers in Fuzz/, which compile this file by path.
import AlliesCore
import AlliesText

/// The outcome of one input: accepted or rejected, and any invariant it broke.
struct LoaderCheck {
    var accepted = false
    var diagnostics = 0
    var violations: [String] = []
}

enum LoaderInvariants {
    /// At most this many diagnostics for one file, whatever its size: reading stops after Dataset.maximumProblems,
    /// and the record being read when it is reached can add a few (its missing fields, and the stop itself).
    static let maximumDiagnostics = Dataset.maximumProblems + 50

    /// Messages that carry no position: they are about the whole file.
    static func isWholeFileMessage(_ message: String) -> Bool {
        message.hasPrefix("the file is empty")
    }

    /// Decodes `bytes` and checks: it returns; a rejection has 1…maximumDiagnostics diagnostics, each with a
    /// non-empty message, a position inside the input (or a whole-file message), no raw control or invisible
    /// characters in its text, in file order; an accepted dataset encodes to canonical JSON that decodes to the
    /// same dataset and encodes to the same bytes again.
    static func check(_ bytes: [UInt8], file: String = "fuzz.json") -> LoaderCheck {
        var out = LoaderCheck()
        switch Dataset.decode(bytes, file: file) {
        case .success(let dataset):
            out.accepted = true
            let text = dataset.canonicalJSON()
            switch Dataset.decode(Array(text.utf8), file: "canonical.json") {
            case .success(let again):
                if !same(dataset, again) {
                    out.violations.append("re-decoding the canonical JSON gives a different dataset")
                }
                if again.canonicalJSON() != text { out.violations.append("the canonical JSON is not stable") }
            case .failure(let e):
                out.violations.append(
                    "the canonical JSON of an accepted dataset is rejected: \(e.diagnostics.first?.description ?? "?")")
            }
        case .failure(let error):
            let all = error.diagnostics
            out.diagnostics = all.count
            if all.isEmpty { out.violations.append("rejected with no diagnostic") }
            if all.count > maximumDiagnostics {
                out.violations.append("\(all.count) diagnostics, more than \(maximumDiagnostics)")
            }
            var lines = LineTable(bytes)
            var previous: SourcePosition?
            for d in all {
                if d.file != file { out.violations.append("diagnostic names file \(d.file)") }
                if d.message.isEmpty { out.violations.append("empty message") }
                for (name, part) in [("message", d.message), ("record", d.record ?? ""), ("field", d.field ?? "")]
                where part.unicodeScalars.contains(where: Quoting.isUnsafe) {
                    out.violations.append(
                        "raw control or invisible character in the \(name): \(Quoting.value(part, limit: 200))")
                }
                if let p = d.position {
                    if !lines.contains(p) { out.violations.append("position \(p) is outside the input (\(d.message))") }
                    if let q = previous, (q.line, q.column) > (p.line, p.column) {
                        out.violations.append("diagnostics out of file order: \(q) before \(p)")
                    }
                    previous = p
                } else if !isWholeFileMessage(d.message) {
                    out.violations.append("no position for \"\(d.message)\"")
                }
            }
        }
        return out
    }

    static func same(_ a: Dataset, _ b: Dataset) -> Bool {
        a.articles == b.articles && a.groups == b.groups && a.companies == b.companies && a.alliances == b.alliances
            && a.claims == b.claims && a.people == b.people && a.shareEstimates == b.shareEstimates
    }
}

/// Lines of an input, for checking that a position (line, column counted in characters) lies inside it.
struct LineTable {
    /// Per line: its first byte and the byte after its last (before the newline).
    private var ranges: [(start: Int, end: Int)] = []
    /// Characters per line, counted when first asked for (a one-line file of megabytes gets a thousand diagnostics).
    private var characters: [Int: Int] = [:]
    private let bytes: [UInt8]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var start = 0
        // A plain loop over the buffer: the corpus runs in debug builds, where iterators are slow.
        bytes.withUnsafeBufferPointer { buffer in
            var i = 0
            while i < buffer.count {
                if buffer[i] == 0x0A { ranges.append((start, i)); start = i + 1 }
                i += 1
            }
        }
        ranges.append((start, bytes.count))
    }

    /// Column 1 up to one past the line's last character (the end of the file, or the newline, can be pointed at).
    mutating func contains(_ p: SourcePosition) -> Bool {
        guard p.line >= 1, p.line <= ranges.count, p.column >= 1 else { return false }
        if characters[p.line] == nil {
            var (start, end) = ranges[p.line - 1]
            if p.line == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = min(3, end) }
            var count = 0
            bytes.withUnsafeBufferPointer { buffer in
                var k = start
                while k < end { if buffer[k] & 0xC0 != 0x80 { count += 1 }; k += 1 }
            }
            characters[p.line] = count
        }
        return p.column <= characters[p.line]! + 1
    }
}
