// The review decisions beside a dataset (`NAME.review.json`): which uncertain company matches a user accepted or
// rejected, applied again by the next import of the same source. JSON, so it can be read, edited and kept in git.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

public enum ReviewFile {
    /// The decisions in `path`; none when the file does not exist.
    public static func read(_ path: String) -> Result<[ReviewDecision], ImportError> {
        guard access(path, F_OK) == 0 else { return .success([]) }
        let bytes: [UInt8]
        switch Dataset.readFile(path) {
        case .success(let b): bytes = b
        case .failure(let e): return .failure(ImportError(file: path, e.message))
        }
        guard case .success(let value) = JSONValue.parse(bytes) else {
            return .failure(ImportError(file: path, "not JSON: expected {\"decisions\": [ … ]}"))
        }
        guard case .object(let top) = value, let list = top.first(where: { $0.0 == "decisions" })?.1,
            case .array(let items) = list
        else { return .failure(ImportError(file: path, "expected {\"decisions\": [ … ]}")) }
        var out: [ReviewDecision] = []
        for (n, item) in items.enumerated() {
            guard case .object(let fields) = item else {
                return .failure(ImportError(file: path, "decision \(n + 1): expected an object"))
            }
            func text(_ k: String) -> String? {
                if case .string(let s)? = fields.first(where: { $0.0 == k })?.1 { return s }
                return nil
            }
            guard let dataset = text("dataset"), let key = text("key"), let company = text("company"),
                let verdict = text("verdict").flatMap(ReviewDecision.Verdict.init(rawValue:))
            else {
                return .failure(
                    ImportError(
                        file: path,
                        "decision \(n + 1): expected dataset, key, company and verdict (accept or reject)"))
            }
            out.append(ReviewDecision(dataset: dataset, key: key, company: company, verdict: verdict))
        }
        return .success(out)
    }

    /// The decisions as the file holds them.
    public static func json(_ decisions: [ReviewDecision]) -> [UInt8] {
        let value = JSONValue.object([
            (
                "decisions",
                .array(
                    decisions.map { d in
                        .object([
                            ("dataset", .string(d.dataset)), ("key", .string(d.key)), ("company", .string(d.company)),
                            ("verdict", .string(d.verdict.rawValue)),
                        ])
                    })
            )
        ])
        return Array((value.rendered() + "\n").utf8)
    }

    /// The candidates in `path` (`NAME.candidates.json`, as `candidatesJSON` writes them); none when the file does
    /// not exist.
    public static func readCandidates(_ path: String) -> Result<[MatchCandidate], ImportError> {
        guard access(path, F_OK) == 0 else { return .success([]) }
        let bytes: [UInt8]
        switch Dataset.readFile(path) {
        case .success(let b): bytes = b
        case .failure(let e): return .failure(ImportError(file: path, e.message))
        }
        let shape = "expected {\"candidates\": [ … ]}"
        guard case .success(let value) = JSONValue.parse(bytes) else {
            return .failure(ImportError(file: path, "not JSON: " + shape))
        }
        guard case .object(let top) = value, let list = top.first(where: { $0.0 == "candidates" })?.1,
            case .array(let items) = list
        else { return .failure(ImportError(file: path, shape)) }
        var out: [MatchCandidate] = []
        for (n, item) in items.enumerated() {
            guard case .object(let fields) = item else {
                return .failure(ImportError(file: path, "candidate \(n + 1): expected an object"))
            }
            func text(_ k: String) -> String? {
                if case .string(let s)? = fields.first(where: { $0.0 == k })?.1 { return s }
                return nil
            }
            guard let dataset = text("dataset"), let key = text("key"), let name = text("name"),
                let added = text("added"), let company = text("company"), let companyName = text("companyName"),
                let reason = text("reason")
            else {
                return .failure(
                    ImportError(
                        file: path,
                        "candidate \(n + 1): expected dataset, key, name, added, company, companyName and reason"))
            }
            out.append(
                MatchCandidate(
                    dataset: dataset, key: key, name: name, added: added, company: company, companyName: companyName,
                    reason: reason))
        }
        return .success(out)
    }

    /// The candidates of the last import, for the explorer's review screen.
    public static func candidatesJSON(_ candidates: [MatchCandidate]) -> [UInt8] {
        let value = JSONValue.object([
            (
                "candidates",
                .array(
                    candidates.map { c in
                        .object([
                            ("dataset", .string(c.dataset)), ("key", .string(c.key)), ("name", .string(c.name)),
                            ("added", .string(c.added)), ("company", .string(c.company)),
                            ("companyName", .string(c.companyName)), ("reason", .string(c.reason)),
                        ])
                    })
            )
        ])
        return Array((value.rendered() + "\n").utf8)
    }
}
