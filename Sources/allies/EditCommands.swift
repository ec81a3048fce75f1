import AlliesCore
import AlliesText
import ArgumentParser
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The dataset file an editing command changes: --data, else $ALLIES_DATA, else the user's own dataset
/// ($XDG_DATA_HOME/allies/allies.json). When the user's own dataset does not exist yet, the edit is made to the
/// bundled dataset and its first save creates the file (README, "Keeping your own dataset"); the bundled dataset
/// itself is never changed.
struct EditedDataset {
    let path: String
    let opened: OpenedDataset
    /// The file is the user's own dataset and does not exist yet: the save creates it.
    let creating: Bool

    init(_ options: DataOptions) throws {
        if let given = options.given {
            path = given
            creating = false
            opened = try options.open()
            return
        }
        guard let own = DatasetLocation.ownPath else {
            Terminal.printError(
                """
                allies: neither $XDG_DATA_HOME nor $HOME is set, so your own dataset has no place; edit a file \
                with --data FILE (or $ALLIES_DATA). To start one from the bundled dataset: \
                allies export --format json > FILE
                """)
            throw ExitCode(Status.notFound)
        }
        path = own
        if access(own, F_OK) == 0 {
            creating = false
            opened = try options.open()
        } else {
            creating = true
            switch Dataset.bundled() {
            case .success(let d): opened = OpenedDataset(catalog: Catalog(d), index: nil, stamp: nil)
            case .failure(let error):
                Terminal.printError(error.description)
                throw ExitCode(Status.notFound)
            }
        }
    }

    var dataset: Dataset { opened.catalog.dataset }

    /// Saves `changed` over the file, safely; exits with status 1 and the reason when it cannot. The user's own
    /// dataset is created by its first save (its directory with mode 0700), and says so on standard error.
    func save(_ changed: Dataset) throws {
        guard creating || opened.stamp != nil else {
            Terminal.printError("allies: \(path) is not a regular file; nothing was written")
            throw ExitCode(Status.notFound)
        }
        if creating, let error = Dataset.makeDirectory(for: path) {
            Terminal.printError("allies: " + error.description)
            throw ExitCode(Status.notFound)
        }
        // A file-size limit (ulimit -f) makes writes fail with EFBIG instead of killing the process, so the save
        // can say so and clean up like for a full disk.
        signal(SIGXFSZ, SIG_IGN)
        // A new file must not exist yet (expected nil): one made meanwhile by another command is not overwritten.
        if case .failure(let error) = changed.save(to: path, expected: opened.stamp) {
            Terminal.printError("allies: " + error.description)
            throw ExitCode(Status.notFound)
        }
        if creating {
            Terminal.printError(
                "allies: created your own dataset at \(Sanitize.line(path)) from the bundled one; "
                    + "Allies opens it from now on (--data still wins)")
        }
    }
}

/// Today, the day edits are stamped with: $ALLIES_TODAY (`YYYY-MM-DD`) when it is set, for tests and scripts that
/// need a fixed day; otherwise the day in the local time zone. A malformed $ALLIES_TODAY is a usage error.
func today() throws -> PartialDate {
    if let text = getenv("ALLIES_TODAY").map({ String(cString: $0) }), !text.isEmpty {
        guard case .success(let day) = PartialDate.parse(text), day.precision == .day else {
            Terminal.printError("allies: ALLIES_TODAY=\"\(Quoting.value(text))\": expected a day as YYYY-MM-DD")
            throw ExitCode.validationFailure
        }
        return day
    }
    var now = time(nil)
    var local = tm()
    localtime_r(&now, &local)
    return PartialDate(year: Int(local.tm_year) + 1900, month: Int(local.tm_mon) + 1, day: Int(local.tm_mday))
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

struct Add: DatasetCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add records to a dataset file from a JSON fragment of its top-level lists.",
        discussion: """
            RECORDS is a JSON object with any of the dataset's lists, each record in the dataset's own form \
            (FORMAT.md): {"companies": [...], "alliances": [...]}. Each new record's `added` is today \
            ($ALLIES_TODAY when set), unless it carries its own. Every record is checked as `allies validate` \
            checks a file, its references resolved against the dataset and the fragment; problems are reported with \
            their line and column in RECORDS, and nothing is written. The file is saved safely (FORMAT.md: \
            never a half-written file) and refused if it changed since it was read.
            """)
    @ParentCommand var root: Allies
    @OptionGroup var local: DataOptions
    @Argument(help: ArgumentHelp("The records: a file, or '-' (the default) for standard input.", valueName: "records"))
    var records: String = "-"

    func run() throws {
        let day = try today()
        let target = try EditedDataset(dataOptions)
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
            // Each new record is dated today, unless the fragment gives its own `added` (an import keeps it).
            try target.save(target.dataset.adding(additions.stamped(added: Set(keys), on: day)))
            print("added to \(Sanitize.line(target.path)): \(describeRecords(keys))")
        }
    }
}

struct Remove: DatasetCommand {
    static let configuration = CommandConfiguration(
        abstract: "Remove a record from a dataset file (refused while other records refer to it).",
        discussion: """
            Names the records that refer to it, with the field that does, and writes nothing; --cascade removes them \
            too (and what refers to those). The file is saved safely and refused if it changed since it was read.
            """)
    @ParentCommand var root: Allies
    @OptionGroup var local: DataOptions
    @OptionGroup var record: RecordArgument
    @Flag(help: "Also remove every record that refers to it.") var cascade = false

    func run() throws {
        let target = try EditedDataset(dataOptions)
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

struct Edit: DatasetCommand {
    static let configuration = CommandConfiguration(
        abstract: "Change fields of a record in a dataset file.",
        discussion: """
            Each --set PATH=VALUE sets a field of the record's canonical JSON (FORMAT.md): PATH is a field name, \
            with .name for a field inside and [N] for a list's item (N one past the end adds one): status, title.es, \
            amounts[0].bound, parties[1].role. VALUE is JSON when it reads as JSON (38000000000, true, null, \
            "text", {"value": "2025-11", "event": "announced"}), otherwise the text itself; null removes an optional \
            field. The result is checked as `allies validate` checks a file and nothing is written when it fails. \
            The record's `updated` becomes today ($ALLIES_TODAY when set), unless --set sets it. Prints each \
            changed field, old → new.
            """)
    @ParentCommand var root: Allies
    @OptionGroup var local: DataOptions
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
        let day = try today()
        let target = try EditedDataset(dataOptions)
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
        guard !JSONValue.changes(from: before, to: edited).isEmpty else {
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
        case .success(var changed):
            // The record is dated `updated` today, unless the edit sets `updated` itself. Its key is the edited
            // one (an edit may change the id).
            var newKey = key
            if case .object(let fields) = edited, case .string(let id)? = fields.first(where: { $0.0 == "id" })?.1 {
                newKey = RecordKey(key.list, id)
            }
            let setsUpdated = assignments.contains {
                FieldPath(parsing: String($0[..<$0.firstIndex(of: "=")!]))?.steps.first == .key("updated")
            }
            if !setsUpdated { changed = changed.stamped(updated: [newKey], on: day) }
            try target.save(changed)
            print("changed \(key) in \(Sanitize.line(target.path)):")
            for c in JSONValue.changes(from: before, to: changed.json(of: newKey)) { print("  " + describe(c)) }
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

struct Changes: DatasetCommand {
    static let configuration = CommandConfiguration(
        commandName: "changes",
        abstract: "List the records added or updated since a date.",
        discussion: """
            Records carry `added` and `updated` days when edits and imports set them (`allies add`, `edit`, \
            `article add`); records without them (the bundled ones) are never listed. One row per record: the later \
            of its dates on or after --since, whether that is when it was added or updated, its kind, id and title; \
            newest first, then by kind and id.
            """)
    @ParentCommand var root: Allies
    @OptionGroup var local: DataOptions
    @OptionGroup var output: FormatOption
    @Option(
        help: ArgumentHelp(
            "From this day on, inclusive: YYYY-MM-DD, or YYYY-MM or YYYY for the first day of that month or year.",
            valueName: "date"))
    var since: String

    func validate() throws { _ = try parseDate(since, option: "--since") }

    func run() throws {
        let start = try parseDate(since, option: "--since")!
        let catalog = try loadCatalog()
        let rows = catalog.dataset.changes(since: start).map { ($0, catalog.recordTitle($0.key)) }
        if rows.isEmpty && output.format == .table {
            print("No records added or updated since \(start.firstDay).")
            return
        }
        emit(Listings.changes.render(rows, output.format, width: output.tableWidth))
    }
}
