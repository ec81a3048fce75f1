import AlliesCore
import AlliesText
import ArgumentParser
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The dataset file an editing command changes: --data or $ALLIES_DATA. The bundled dataset is read-only.
struct EditedDataset {
    let path: String
    let opened: OpenedDataset

    init(_ options: DataOptions) throws {
        guard let path = options.path else {
            Terminal.printError(
                """
                allies: the bundled dataset is read-only; edit your own copy with --data FILE (or $ALLIES_DATA).
                To start one from the bundled dataset: allies export --format json > FILE
                """)
            throw ExitCode(Status.notFound)
        }
        self.path = path
        opened = try options.open()
    }

    var dataset: Dataset { opened.catalog.dataset }

    /// Saves `changed` over the file, safely; exits with status 1 and the reason when it cannot.
    func save(_ changed: Dataset) throws {
        guard opened.stamp != nil else {
            Terminal.printError("allies: \(path) is not a regular file; nothing was written")
            throw ExitCode(Status.notFound)
        }
        // A file-size limit (ulimit -f) makes writes fail with EFBIG instead of killing the process, so the save
        // can say so and clean up like for a full disk.
        signal(SIGXFSZ, SIG_IGN)
        if case .failure(let error) = changed.save(to: path, expected: opened.stamp) {
            Terminal.printError("allies: " + error.description)
            throw ExitCode(Status.notFound)
        }
    }
}

/// `status: "announced" → "completed"`: a changed field, its values as JSON, `(none)` where absent.
func describe(_ change: FieldChange) -> String {
    let old = change.old.map { Sanitize.line($0.rendered(indent: 0)) } ?? "(none)"
    let new = change.new.map { Sanitize.line($0.rendered(indent: 0)) } ?? "(none)"
    return "\(change.path): \(old) → \(new)"
}

/// `2 companies (acme, globex), 1 alliance (acme-globex)`.
func describeRecords(_ keys: [RecordKey]) -> String {
    RecordListName.allCases.compactMap { list -> String? in
        let ids = keys.filter { $0.list == list }.map(\.id)
        guard !ids.isEmpty else { return nil }
        let noun =
            ids.count == 1
            ? list.noun : (list == .people ? "people" : list == .companies ? "companies" : list.noun + "s")
        let shown = ids.prefix(10).map { Sanitize.line($0) }.joined(separator: ", ") + (ids.count > 10 ? ", …" : "")
        return "\(ids.count) \(noun) (\(shown))"
    }.joined(separator: ", ")
}

struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add records to a dataset file from a JSON fragment of its top-level lists.",
        discussion: """
            RECORDS is a JSON object with any of the dataset's lists, each record in the dataset's own form \
            (FORMAT.md): {"companies": [...], "alliances": [...]}. Every record is checked as `allies validate` \
            checks a file, its references resolved against the dataset and the fragment; problems are reported with \
            their line and column in RECORDS, and nothing is written. The file is saved safely (FORMAT.md: \
            never a half-written file) and refused if it changed since it was read.
            """)
    @OptionGroup var data: DataOptions
    @Argument(help: ArgumentHelp("The records: a file, or '-' (the default) for standard input.", valueName: "records"))
    var records: String = "-"

    func run() throws {
        let target = try EditedDataset(data)
        let name = records == "-" ? "<stdin>" : records
        let bytes: [UInt8]
        switch records == "-" ? Result.success(readStandardInput()) : Dataset.readFile(records) {
        case .success(let b): bytes = b
        case .failure(let e):
            Terminal.printError("allies: \(e.message)")
            throw ExitCode(Status.notFound)
        }
        switch Dataset.decode(additions: bytes, file: name, to: target.dataset) {
        case .failure(let error):
            for d in error.diagnostics { Terminal.printError(d.description) }
            Terminal.printError(
                "allies: \(name): \(error.diagnostics.count) problem\(error.diagnostics.count == 1 ? "" : "s"); "
                    + "nothing was added"
            )
            throw ExitCode(Status.notFound)
        case .success(let additions):
            let keys = additions.recordKeys
            guard !keys.isEmpty else {
                Terminal.printError("allies: \(name) holds no records; nothing was added")
                throw ExitCode(Status.notFound)
            }
            try target.save(target.dataset.adding(additions))
            print("added to \(Sanitize.line(target.path)): \(describeRecords(keys))")
        }
    }

    private func readStandardInput() -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = read(0, &buffer, buffer.count)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            bytes.append(contentsOf: buffer[0..<n])
        }
        return bytes
    }
}

struct Remove: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Remove a record from a dataset file (refused while other records refer to it).",
        discussion: """
            Names the records that refer to it, with the field that does, and writes nothing; --cascade removes them \
            too (and what refers to those). The file is saved safely and refused if it changed since it was read.
            """)
    @OptionGroup var data: DataOptions
    @OptionGroup var record: RecordArgument
    @Flag(help: "Also remove every record that refers to it.") var cascade = false

    func run() throws {
        let target = try EditedDataset(data)
        let dataset = target.dataset
        let key = try record.find(in: dataset, doing: "removed")
        let referrers = dataset.referrers(of: key)
        if !referrers.isEmpty && !cascade {
            Terminal.printError(
                "allies: \(referrers.count) reference\(referrers.count == 1 ? "" : "s") to \(key); nothing was removed:"
            )
            for r in referrers { Terminal.printError("  \(r.from), field \(r.field)") }
            Terminal.printError("Remove or change them first, or pass --cascade to remove them too.")
            throw ExitCode(Status.notFound)
        }
        let removed = dataset.removalClosure(of: [key], cascade: cascade)
        try target.save(dataset.removing(removed))
        print(
            "removed from \(Sanitize.line(target.path)): "
                + "\(describeRecords(dataset.recordKeys.filter(removed.contains)))"
        )
    }
}

struct Edit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Change fields of a record in a dataset file.",
        discussion: """
            Each --set PATH=VALUE sets a field of the record's canonical JSON (FORMAT.md): PATH is a field name, \
            with .name for a field inside and [N] for a list's item (N one past the end adds one): status, title.es, \
            amounts[0].bound, parties[1].role. VALUE is JSON when it reads as JSON (38000000000, true, null, \
            "text", {"value": "2025-11", "event": "announced"}), otherwise the text itself; null removes an optional \
            field. The result is checked as `allies validate` checks a file and nothing is written when it fails. \
            Prints each changed field, old → new.
            """)
    @OptionGroup var data: DataOptions
    @OptionGroup var record: RecordArgument
    @Option(name: .customLong("set"), help: ArgumentHelp("A field and its new value.", valueName: "path=value"))
    var assignments: [String] = []

    func validate() throws {
        guard !assignments.isEmpty else {
            throw ValidationError("nothing to change: give at least one --set PATH=VALUE")
        }
        for a in assignments {
            guard let eq = a.firstIndex(of: "="), FieldPath(parsing: String(a[..<eq])) != nil else {
                throw ValidationError(
                    "--set \(Quoting.value(a)): expected PATH=VALUE, PATH like status, title.es or amounts[0].value")
            }
        }
    }

    func run() throws {
        let target = try EditedDataset(data)
        let dataset = target.dataset
        let key = try record.find(in: dataset, doing: "changed")
        guard let before = dataset.json(of: key) else { throw ExitCode(Status.notFound) }
        var edited = before
        for a in assignments {
            let eq = a.firstIndex(of: "=")!
            let path = FieldPath(parsing: String(a[..<eq]))!
            let text = String(a[a.index(after: eq)...])
            // JSON when it reads as JSON; otherwise the text itself (a title, a quote).
            let value: JSONValue
            if case .success(let parsed) = JSONValue.parse(Array(text.utf8)) {
                value = parsed
            } else {
                value = .string(text)
            }
            switch edited.setting(path, to: value == .null ? nil : value) {
            case .success(let next): edited = next
            case .failure(let e):
                Terminal.printError("allies: --set \(Quoting.value(a)): \(e.description); nothing was changed")
                throw ExitCode(Status.notFound)
            }
        }
        let changes = JSONValue.changes(from: before, to: edited)
        guard !changes.isEmpty else {
            print("\(key): no field changed")
            return
        }
        switch dataset.replacing(key, with: edited, file: "--set") {
        case .failure(let error):
            for d in error.diagnostics {
                Terminal.printError("allies: \(key), field \(d.field ?? "?"): \(d.message)")
            }
            Terminal.printError("allies: nothing was changed")
            throw ExitCode(Status.notFound)
        case .success(let changed):
            try target.save(changed)
            print("changed \(key) in \(Sanitize.line(target.path)):")
            for c in changes { print("  " + describe(c)) }
        }
    }
}

/// The record an editing command works on: its id, and its list when several lists have the id.
struct RecordArgument: ParsableArguments {
    @Argument(help: "The id of the record.") var id: String
    @Option(
        help: ArgumentHelp(
            "The list the id is in, when several lists have it: "
                + RecordListName.allCases.map(\.rawValue).joined(separator: ", ") + ".",
            valueName: "list"))
    var list: String?

    /// The one record with this id (in `list` when given); exits with status 1 and why when there is none or
    /// several, saying that nothing was `doing` (changed, removed).
    func find(in dataset: Dataset, doing: String) throws -> RecordKey {
        var found = dataset.records(withID: id)
        if let list {
            guard let named = RecordListName(rawValue: list) else {
                throw ValidationError(
                    "--list: unknown list \"\(Quoting.value(list))\": expected one of "
                        + RecordListName.allCases.map(\.rawValue).joined(separator: ", "))
            }
            found = found.filter { $0.list == named }
        }
        guard let key = found.first else {
            let place = list.map { " in \($0)" } ?? ""
            Terminal.printError("allies: no record has the id \"\(Quoting.value(id))\"\(place); nothing was \(doing)")
            throw ExitCode(Status.notFound)
        }
        guard found.count == 1 else {
            let all = found.map(\.description).joined(separator: " and ")
            Terminal.printError("allies: \(all) have this id: name the list with --list; nothing was \(doing)")
            throw ExitCode(Status.notFound)
        }
        return key
    }
}

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "What changed between two dataset files: records added, removed and changed, field by field.",
        discussion:
            "Records are matched by list and id. Exit status 0 whether or not they differ; 1 when a file does not load."
    )
    @Argument(help: "The older file.") var old: String
    @Argument(help: "The newer file.") var new: String
    @Option(help: "table or json.") var format: DiffFormat = .table

    enum DiffFormat: String, ExpressibleByArgument, CaseIterable { case table, json }

    func load(_ path: String) throws -> Dataset {
        switch Dataset.load(path: path) {
        case .success(let d): return d
        case .failure(let error):
            Terminal.printError(error.description)
            Terminal.printError(
                "allies: \(path) does not load (\(error.diagnostics.count) problem"
                    + "\(error.diagnostics.count == 1 ? "" : "s"); `allies validate \(path)` lists them)"
            )
            throw ExitCode(Status.notFound)
        }
    }

    func run() throws {
        let diff = try load(old).differences(to: try load(new))
        switch format {
        case .json:
            func key(_ k: RecordKey) -> [(String, JSONValue)] {
                [("list", .string(k.list.rawValue)), ("id", .string(k.id))]
            }
            let value = JSONValue.object([
                ("added", .array(diff.added.map { .object(key($0)) })),
                ("removed", .array(diff.removed.map { .object(key($0)) })),
                (
                    "changed",
                    .array(
                        diff.changed.map { change in
                            .object(
                                key(change.key) + [
                                    (
                                        "fields",
                                        .array(
                                            change.fields.map { f in
                                                .object([
                                                    ("path", .string(f.path)), ("old", f.old ?? .null),
                                                    ("new", f.new ?? .null),
                                                ])
                                            })
                                    )
                                ])
                        })
                ),
            ])
            print(value.rendered())
        case .table:
            if diff.isEmpty { print("no differences"); return }
            for k in diff.added { print("added    \(Sanitize.line(k.description))") }
            for k in diff.removed { print("removed  \(Sanitize.line(k.description))") }
            for (k, fields) in diff.changed {
                print("changed  \(Sanitize.line(k.description))")
                for f in fields { print("  " + describe(f)) }
            }
            print("\(diff.added.count) added, \(diff.removed.count) removed, \(diff.changed.count) changed")
        }
    }
}

struct ArticleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "article",
        abstract: "Show an article's text with every passage that facts quote marked, and the facts of each.",
        discussion: """
            Passages are marked ⟦…⟧[N] ([[…]][N] without UTF-8); after the text, [N] lists the records that quote \
            passage N. The first lines say how much of the article became facts.
            """)
    @OptionGroup var data: DataOptions
    @Argument(help: "The article's id.") var id: String
    @Option(help: "table or json.") var format: DiffCommand.DiffFormat = .table
    @Option(help: "Wrap the text to this many columns (default: the terminal's width, else 80).") var width: Int?

    func run() throws {
        let catalog = try data.open().catalog
        let dataset = catalog.dataset
        guard let article = dataset.articles.first(where: { $0.id == id }) else {
            Terminal.printError("allies: no article has the id \"\(Quoting.value(id))\"")
            throw ExitCode(Status.notFound)
        }
        let passages = dataset.quotedPassages(of: article)
        let quotes = dataset.quotes(of: article.id)
        let facts = Set(quotes.map(\.key))
        let text = article.text.map { Array($0.utf8) } ?? []
        let quoted = passages.reduce(0) { $0 + String(decoding: text[$1.range], as: UTF8.self).count }
        let total = article.text?.count ?? 0
        func title(_ key: RecordKey) -> String {
            switch key.list {
            case .alliances: return dataset.alliances.first { $0.id == key.id }?.title.en ?? ""
            case .companies: return catalog.companyName(key.id)
            case .claims: return dataset.claims.first { $0.id == key.id }?.text.en ?? ""
            case .people: return dataset.people.first { $0.id == key.id }?.name ?? ""
            case .groups: return dataset.groups.first { $0.id == key.id }?.name ?? ""
            case .shareEstimates:
                return dataset.shareEstimates.first { $0.id == key.id }.map {
                    "\($0.publisher): \($0.market) \($0.year)"
                } ?? ""
            case .articles: return ""
            }
        }
        switch format {
        case .json:
            let value = JSONValue.object([
                ("article", .string(article.id)), ("title", .string(article.title)),
                ("hasText", .bool(article.text != nil)), ("characters", .number(Double(total))),
                ("quotedCharacters", .number(Double(quoted))), ("facts", .number(Double(facts.count))),
                (
                    "passages",
                    .array(
                        passages.map { p in
                            .object([
                                ("text", .string(String(decoding: text[p.range], as: UTF8.self))),
                                (
                                    "facts",
                                    .array(
                                        p.facts.map {
                                            .object([("list", .string($0.list.rawValue)), ("id", .string($0.id))])
                                        })
                                ),
                            ])
                        })
                ),
            ])
            print(value.rendered())
        case .table:
            let unicode = Terminal.unicode
            let (open, close) = unicode ? ("⟦", "⟧") : ("[[", "]]")
            let columns = max(20, width ?? Terminal.width ?? 80)
            print(Sanitize.line(article.title))
            let about = [
                article.outlet, article.author, article.published.map { "published \($0)" }, article.language,
                article.url,
            ]
            .compactMap { $0 }.map(Sanitize.line).joined(separator: " · ")
            if !about.isEmpty { print(about) }
            guard let body = article.text else {
                print(
                    "\(facts.count) fact\(facts.count == 1 ? "" : "s") quote this article; "
                        + "the dataset does not carry its text."
                )
                for q in quotes { print("  \(q.key): \(Sanitize.line(q.quote))") }
                return
            }
            let share = total == 0 ? 0 : Int((Double(quoted) / Double(total) * 100).rounded())
            print(
                "\(passages.count) passage\(passages.count == 1 ? "" : "s") quoted by \(facts.count) "
                    + "fact\(facts.count == 1 ? "" : "s"): \(quoted) of \(total) characters (\(share)%)."
            )
            print("")
            // The text with each passage between the marks and its number after it.
            var marked: [UInt8] = []
            var at = 0
            for (n, p) in passages.enumerated() {
                marked += text[at..<p.range.lowerBound]
                marked += Array(open.utf8) + text[p.range] + Array("\(close)[\(n + 1)]".utf8)
                at = p.range.upperBound
            }
            marked += text[at...]
            for paragraph in String(decoding: marked, as: UTF8.self).split(
                separator: "\n", omittingEmptySubsequences: false)
            {
                let line = Sanitize.line(String(paragraph))
                if line.trimmingCharacters(in: .whitespaces).isEmpty { print(""); continue }
                for wrapped in Clip.wrap(line, columns) { print(wrapped) }
            }
            print("")
            for (n, p) in passages.enumerated() {
                for (k, key) in p.facts.enumerated() {
                    let label = k == 0 ? "[\(n + 1)]" : ""
                    print(
                        "\(label.padding(toLength: 6, withPad: " ", startingAt: 0))\(key) \(Sanitize.line(title(key)))")
                }
            }
        }
    }
}
