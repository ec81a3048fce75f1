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
                sentences(
                    tr("allies: neither $XDG_DATA_HOME nor $HOME is set, so your own dataset has no place;"),
                    tr("edit a file with --data FILE (or $ALLIES_DATA)."),
                    tr("To start one from the bundled dataset: allies export --format json > FILE")))
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
            Terminal.printError(tr("allies: {0} is not a regular file; nothing was written", path))
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
        switch changed.save(to: path, expected: opened.stamp, since: creating ? nil : dataset) {
        case .failure(let error):
            Terminal.printError("allies: " + error.description)
            throw ExitCode(Status.notFound)
        case .success(let stamp): sayWhereEditsWent(path: path, before: opened.stamp, after: stamp)
        }
        if creating {
            Terminal.printError(
                tr("allies: created your own dataset at {0} from the bundled one;", Sanitize.line(path)) + " "
                    + tr("Allies opens it from now on (--data still wins)"))
        }
    }
}

/// A large file keeps its edits beside it: on its first, says where they went, and how they get into the file.
func sayWhereEditsWent(path: String, before: SourceStamp?, after: SourceStamp) {
    guard after.edits != nil, before?.edits == nil else { return }
    Terminal.printError(
        sentences(
            tr("allies: saved to {0}, beside {1}:", Sanitize.line(EditJournal.path(for: path)), Sanitize.line(path)),
            tr("a file this large keeps its edits there, and every command reads them with it;"),
            tr("`allies fold-edits` writes them into {0}", Sanitize.line(path))))
}

/// The dataset file of `options` read in place from its store for an edit of a few records (`InPlaceDataset`):
/// nil for a file saved whole (under `EditJournal.threshold`), the bundled dataset, `--no-cache`, or a file without
/// a store; the edit then reads the whole file.
func inPlace(_ options: DataOptions) -> InPlaceDataset? {
    guard !options.noCache, let path = options.path, let stamp = SourceStamp.of(path),
        stamp.size >= EditJournal.threshold
    else { return nil }
    return try? InPlaceDataset.open(path)
}

/// Appends the records `put` to the edits file of `dataset`'s file (`was`: those they replace, as they were); exits
/// with status 1 and the reason when it cannot.
func save(_ put: Dataset, was: Dataset, in dataset: InPlaceDataset) throws {
    // As `EditedDataset.save`: a file-size limit fails the write instead of killing the process.
    signal(SIGXFSZ, SIG_IGN)
    switch try dataset.save(putting: put, was: was) {
    case .failure(let error):
        Terminal.printError("allies: " + error.description)
        throw ExitCode(Status.notFound)
    case .success(let stamp):
        sayWhereEditsWent(path: dataset.path, before: dataset.stamp, after: stamp)
        // Nothing written (no change): the store is as current as it was.
        if stamp != dataset.stamp { BackgroundStore.startWriterOnce(dataset.path) }
    }
}

/// Today, the day edits are stamped with: $ALLIES_TODAY (`YYYY-MM-DD`) when it is set, for tests and scripts that
/// need a fixed day; otherwise the day in the local time zone. A malformed $ALLIES_TODAY is a usage error.
func today() throws -> PartialDate {
    if let text = getenv("ALLIES_TODAY").map({ String(cString: $0) }), !text.isEmpty {
        guard case .success(let day) = PartialDate.parse(text), day.precision == .day else {
            Terminal.printError(tr("allies: ALLIES_TODAY=\"{0}\": expected a day as YYYY-MM-DD", Quoting.value(text)))
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
    let old = change.old.map { Sanitize.line($0.rendered(indent: 0)) } ?? tr("(none)")
    let new = change.new.map { Sanitize.line($0.rendered(indent: 0)) } ?? tr("(none)")
    return "\(change.path): \(old) → \(new)"
}

/// `2 companies (acme, globex), 1 alliance (acme-globex)`.
func describeRecords(_ keys: [RecordKey]) -> String {
    RecordListName.allCases.compactMap { list -> String? in
        let ids = keys.filter { $0.list == list }.map(\.id)
        guard !ids.isEmpty else { return nil }
        let shown = ids.prefix(10).map { Sanitize.line($0) }.joined(separator: ", ") + (ids.count > 10 ? ", …" : "")
        return count(list, ids.count, shown)
    }.joined(separator: ", ")
}

/// `1 company (acme)`, `2 companies (acme, globex)`: `n` records of `list`, and which.
private func count(_ list: RecordListName, _ n: Int, _ shown: String) -> String {
    switch (list, n == 1) {
    case (.articles, true): return tr("1 article ({0})", shown)
    case (.articles, false): return tr("{0} articles ({1})", n, shown)
    case (.groups, true): return tr("1 group ({0})", shown)
    case (.groups, false): return tr("{0} groups ({1})", n, shown)
    case (.companies, true): return tr("1 company ({0})", shown)
    case (.companies, false): return tr("{0} companies ({1})", n, shown)
    case (.alliances, true): return tr("1 alliance ({0})", shown)
    case (.alliances, false): return tr("{0} alliances ({1})", n, shown)
    case (.claims, true): return tr("1 claim ({0})", shown)
    case (.claims, false): return tr("{0} claims ({1})", n, shown)
    case (.people, true): return tr("1 person ({0})", shown)
    case (.people, false): return tr("{0} people ({1})", n, shown)
    case (.shareEstimates, true): return tr("1 share estimate ({0})", shown)
    case (.shareEstimates, false): return tr("{0} share estimates ({1})", n, shown)
    }
}

extension RecordListName {
    /// The lists' names, as options take them: `articles, groups, …`.
    static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// `company "acme"`: a record in a message (RecordKey's description, in the reader's language).
func named(_ key: RecordKey) -> String {
    switch key.list {
    case .articles: return tr("article \"{0}\"", key.id)
    case .groups: return tr("group \"{0}\"", key.id)
    case .companies: return tr("company \"{0}\"", key.id)
    case .alliances: return tr("alliance \"{0}\"", key.id)
    case .claims: return tr("claim \"{0}\"", key.id)
    case .people: return tr("person \"{0}\"", key.id)
    case .shareEstimates: return tr("share estimate \"{0}\"", key.id)
    }
}

struct Add: DatasetCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: tr("Add records to a dataset file from a JSON fragment of its top-level lists."),
        discussion: sentences(
            tr("RECORDS is a JSON object with any of the dataset's lists,"),
            tr("each record in the dataset's own form (FORMAT.md): {0}.", #"{"companies": [...], "alliances": [...]}"#),
            tr("Each new record's `added` is today ($ALLIES_TODAY when set), unless it carries its own."),
            tr("Every record is checked as `allies validate` checks a file,"),
            tr("its references resolved against the dataset and the fragment;"),
            tr("problems are reported with their line and column in RECORDS, and nothing is written."),
            tr("The file is saved safely (FORMAT.md: never a half-written file)"),
            tr("and refused if it changed since it was read.")))
    @ParentCommand var root: Allies
    @OptionGroup var local: DataOptions
    @Argument(
        help: ArgumentHelp(tr("The records: a file, or '-' (the default) for standard input."), valueName: "records"))
    var records: String = "-"

    func run() throws {
        let day = try today()
        let fast = inPlace(dataOptions)
        let target = fast == nil ? try EditedDataset(dataOptions) : nil
        let name = records == "-" ? "<stdin>" : records
        let bytes: [UInt8]
        switch records == "-" ? Result.success(readStandardInput()) : Dataset.readFile(records) {
        case .success(let b): bytes = b
        case .failure(let e):
            Terminal.printError("allies: " + Sanitize.line(name) + ": " + e.message)
            throw ExitCode(Status.notFound)
        }
        if let fast {
            do {
                return try add(bytes, name: name, day: day, to: fast)
            } catch is InPlaceDataset.CannotTell {
                // Read whole below: its check says what is wrong, with its suggestions.
            }
        }
        try add(bytes, name: name, day: day, to: try target ?? EditedDataset(dataOptions))
    }

    /// `bytes` added to a large file from its store (`InPlaceDataset`); throws `CannotTell` before writing anything
    /// when the whole dataset is needed.
    private func add(_ bytes: [UInt8], name: String, day: PartialDate, to fast: InPlaceDataset) throws {
        let additions = try fast.decode(bytes, file: name, replacing: [])
        let keys = additions.recordKeys
        guard !keys.isEmpty else {
            Terminal.printError(tr("allies: {0} holds no records; nothing was added", name))
            throw ExitCode(Status.notFound)
        }
        try save(additions.stamped(added: Set(keys), on: day), was: Dataset(), in: fast)
        print(tr("added to {0}: {1}", Sanitize.line(fast.path), describeRecords(keys)))
    }

    private func add(_ bytes: [UInt8], name: String, day: PartialDate, to target: EditedDataset) throws {
        switch Dataset.decode(additions: bytes, file: name, to: target.dataset) {
        case .failure(let error):
            for d in error.diagnostics { Terminal.printError(d.description) }
            let count = error.diagnostics.count
            Terminal.printError(
                count == 1
                    ? tr("allies: {0}: 1 problem; nothing was added", name)
                    : tr("allies: {0}: {1} problems; nothing was added", name, count))
            throw ExitCode(Status.notFound)
        case .success(let additions):
            let keys = additions.recordKeys
            guard !keys.isEmpty else {
                Terminal.printError(tr("allies: {0} holds no records; nothing was added", name))
                throw ExitCode(Status.notFound)
            }
            // Each new record is dated today, unless the fragment gives its own `added` (an import keeps it).
            try target.save(target.dataset.adding(additions.stamped(added: Set(keys), on: day)))
            print(tr("added to {0}: {1}", Sanitize.line(target.path), describeRecords(keys)))
        }
    }
}

struct FoldEdits: DatasetCommand {
    static let configuration = CommandConfiguration(
        commandName: "fold-edits",
        abstract: tr("Write the edits kept beside a large dataset file (FILE.edits.jsonl) into the file itself."),
        discussion: sentences(
            tr("A dataset file of 64 MiB or more keeps each save's edits in FILE.edits.jsonl beside it"),
            tr("($ALLIES_EDITS_FILE_FROM sets another size in bytes), so a save takes a moment, not a rewrite;"),
            tr("every command and the explorer read the two together."),
            tr("This writes the whole file with them, safely, then removes FILE.edits.jsonl:"),
            tr("do it before copying or sharing FILE alone.")))
    @ParentCommand var root: Allies
    @OptionGroup var local: DataOptions

    func run() throws {
        let target = try EditedDataset(dataOptions)
        let journal = EditJournal.path(for: target.path)
        guard !target.creating else {
            // The bundled dataset is read: the own dataset's path named a file that is not there.
            print(
                tr(
                    "no dataset of your own yet ({0} is made at your first change): nothing to write",
                    Sanitize.line(target.path)))
            return
        }
        guard target.opened.stamp?.edits != nil else {
            print(tr("{0} has no edits file beside it: nothing to write", Sanitize.line(target.path)))
            return
        }
        let saves = EditJournal.saveCount(at: journal)
        signal(SIGXFSZ, SIG_IGN)
        if case .failure(let error) = target.dataset.save(to: target.path, expected: target.opened.stamp) {
            Terminal.printError("allies: " + error.description)
            throw ExitCode(Status.notFound)
        }
        let edits = saves == 1 ? tr("1 save") : tr("{0} saves", saves)
        guard access(journal, F_OK) == 0 else {
            print(
                tr(
                    "wrote the edits of {0} into {1} and removed {2}", edits, Sanitize.line(target.path),
                    Sanitize.line(journal)))
            return
        }
        // Its last line says it is written into this version of the file, so no reader applies it again.
        print(tr("wrote the edits of {0} into {1}", edits, Sanitize.line(target.path)))
        Terminal.printError(
            tr("allies: {0} could not be removed; its last line says it is written in,", Sanitize.line(journal))
                + " " + tr("so it is never applied again: remove it by hand"))
    }
}

struct MergeEdits: DatasetCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge-edits",
        abstract: tr("Merge an edits file set aside from its dataset file into the dataset file as it is now."),
        discussion: sentences(
            tr("EDITS is an edits file (FORMAT.md) of another version of the file (one moved aside when the file"),
            tr("was replaced: a backup put back, a newer copy from someone else), or a copy of a session's unsaved"),
            tr("edits ($XDG_STATE_HOME/allies/unsaved, named on the explorer's status line)."),
            tr("Each record the edits changed is merged with the file's, field by field, against the record as it"),
            tr("was before the edits: a field only the file changed keeps the file's value."),
            tr("A field both changed is listed, and takes the value --prefer names (the edits', unless file)."),
            tr("Without --write it prints what would change and writes nothing; with --write the file is saved"),
            tr("as `allies edit` saves it, and refused if it changed since it was read."),
            tr("An edits file of version 1 does not hold the records as they were: each of its records is put whole,"),
            tr("so a field the file changed since is reverted (the changes listed show it).")))
    @ParentCommand var root: Allies
    @OptionGroup var local: DataOptions
    @Argument(help: ArgumentHelp(tr("The edits file to merge."), valueName: "edits")) var edits: String
    @Flag(help: ArgumentHelp(tr("Save the merged dataset (without it, nothing is written)."))) var write = false
    @Option(help: ArgumentHelp(tr("Whose value a field both changed keeps: edits or file."), valueName: "side"))
    var prefer: Side = .edits
    @Option(help: ArgumentHelp(tr("table or json."))) var format: DiffCommand.DiffFormat = .table

    enum Side: String, ExpressibleByArgument, CaseIterable { case edits, file }

    func run() throws {
        let target = try EditedDataset(dataOptions)
        let name = Sanitize.line(target.path)
        // The file's own edits file is read with it by every command: merging it would apply its edits twice.
        if let own = realpath(EditJournal.path(for: target.path), nil), let given = realpath(edits, nil) {
            defer { free(own); free(given) }
            if strcmp(own, given) == 0 {
                Terminal.printError(
                    tr(
                        "allies: {0} is the edits file of {1}: every command reads it with the file already;",
                        Sanitize.line(edits), name)
                        + " " + tr("nothing to merge"))
                throw ExitCode(Status.notFound)
            }
        }
        let loaded: EditJournal.Loaded
        switch EditJournal.load(edits) {
        case .success(let l): loaded = l
        case .failure(let error):
            for d in error.diagnostics { Terminal.printError(Sanitize.line(d.description)) }
            Terminal.printError(
                tr("allies: {0} could not be read as an edits file; nothing was merged", Sanitize.line(edits)))
            throw ExitCode(Status.notFound)
        }
        let changes = loaded.changes
        let wholeRecords = changes.contains { !$0.beforeKnown }
        // Without the records as they were, nothing tells the file's changes from the edits': no field can be kept.
        if wholeRecords && prefer == .file {
            Terminal.printError(
                sentences(
                    tr(
                        "allies: {0} is an edits file of version 1, which does not hold the records as they were;",
                        Sanitize.line(edits)),
                    tr("its records can only be put whole, so --prefer file cannot keep the file's fields.")))
            throw ExitCode(Status.notFound)
        }
        let merged = target.dataset.reapplying(changes, preferEdits: prefer == .edits, file: edits)
        guard merged.problems.isEmpty else {
            for d in merged.problems { Terminal.printError(Sanitize.line(d.description)) }
            Terminal.printError(
                merged.problems.count == 1
                    ? tr("allies: the edits do not apply to {0} as it is (1 problem); nothing was written", name)
                    : tr(
                        "allies: the edits do not apply to {0} as it is ({1} problems); nothing was written", name,
                        merged.problems.count))
            throw ExitCode(Status.notFound)
        }
        // Only the records the edits change can differ: a few compared, not every list (seconds at a million). Past a
        // few dozen, the records' lookups (a scan of their list each) cost more than comparing the lists.
        let diff =
            changes.count <= 64
            ? target.dataset.differences(to: merged.dataset, among: changes.map(\.key))
            : target.dataset.differences(to: merged.dataset)
        func overlapText(_ overlap: ReappliedEdits.Overlap) -> String {
            switch overlap {
            case .removedByEdits: return tr("removed by the edits, changed in the file")
            case .removedInFile: return tr("removed in the file, changed by the edits")
            case .fields(let fields): return fields.joined(separator: ", ")
            }
        }
        switch format {
        case .json:
            func keyFields(_ k: RecordKey) -> [(String, JSONValue)] {
                [("list", .string(k.list.rawValue)), ("id", .string(k.id))]
            }
            var fields = diffJSON(diff)
            fields.append(
                (
                    "bothChanged",
                    .array(
                        merged.overlaps.map { key, overlap in
                            let what: JSONValue
                            switch overlap {
                            case .removedByEdits: what = .string("removed-by-edits")
                            case .removedInFile: what = .string("removed-in-file")
                            case .fields(let f): what = .array(f.map { .string($0) })
                            }
                            return .object(keyFields(key) + [("fields", what), ("kept", .string(prefer.rawValue))])
                        })
                ))
            fields.append(("alreadyIn", .array(merged.alreadyIn.map { .object(keyFields($0)) })))
            fields.append(("wholeRecords", .bool(wholeRecords)))
            fields.append(("written", .bool(write && !diff.isEmpty)))
            if write && !diff.isEmpty { try target.save(merged.dataset) }
            print(JSONValue.object(fields).rendered())
            return
        case .table:
            let saves = loaded.saves.count == 1 ? tr("1 save") : tr("{0} saves", loaded.saves.count)
            let when =
                loaded.saves.first.map { first in
                    " (" + Sanitize.line(first.at)
                        + (loaded.saves.count > 1 ? " – " + Sanitize.line(loaded.saves.last!.at) : "") + ")"
                } ?? ""
            print(
                Sanitize.line(edits) + ": " + saves + when + "; "
                    + (loaded.base == nil
                        ? tr("a copy of unsaved edits (of no known version of the file)")
                        : tr(
                            "saved to a version of {0} of {1} bytes", Sanitize.line(loaded.datasetName ?? "?"),
                            loaded.base!.bytes)))
            if wholeRecords {
                print(
                    sentences(
                        tr("An edits file of version 1: it does not hold the records as they were before the edits,"),
                        tr("so each record is put whole: a field {0} changed since is reverted (listed below).", name)))
            }
            if !diff.isEmpty { printDiff(diff) }
            if !merged.overlaps.isEmpty {
                print(
                    prefer == .edits
                        ? tr("Changed in both; the edits' value is kept (--prefer file keeps the file's):")
                        : tr("Changed in both; the file's value is kept (--prefer edits keeps the edits'):"))
                for (key, overlap) in merged.overlaps {
                    print("  " + Sanitize.line(named(key)) + ": " + Sanitize.line(overlapText(overlap)))
                }
            }
            if !merged.alreadyIn.isEmpty {
                print(tr("Already in {0}: {1}", name, describeRecords(merged.alreadyIn)))
            }
            if diff.isEmpty {
                print(
                    merged.overlaps.isEmpty
                        ? tr("{0} holds these edits already: nothing to merge", name)
                        : tr("Nothing to write: where the edits differ from {0}, its values are kept", name))
                return
            }
            if write {
                try target.save(merged.dataset)
                print(tr("merged into {0}", name))
            } else {
                print(tr("Nothing was written: run it again with --write to save this to {0}", name))
            }
        }
    }
}

struct Remove: DatasetCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: tr("Remove a record from a dataset file (refused while other records refer to it)."),
        discussion: sentences(
            tr("Names the records that refer to it, with the field that does, and writes nothing;"),
            tr("--cascade removes them too (and what refers to those)."),
            tr("The file is saved safely and refused if it changed since it was read.")))
    @ParentCommand var root: Allies
    @OptionGroup var local: DataOptions
    @OptionGroup var record: RecordArgument
    @Flag(
        help: ArgumentHelp(
            tr("Also remove every record that refers to it (one that quotes a removed article among other sources")
                + " " + tr("only loses that quote, a company in a removed group leaves it, and a unit of a removed")
                + " " + tr("company stays as a company of its own).")))
    var cascade = false

    func run() throws {
        let target = try EditedDataset(dataOptions)
        let dataset = target.dataset
        let key = try record.find(among: dataset.records(withID: record.id), nothing: tr("nothing was removed"))
        let referrers = dataset.referrers(of: key)
        if !referrers.isEmpty && !cascade {
            Terminal.printError(
                referrers.count == 1
                    ? tr("allies: 1 reference to {0}; nothing was removed:", named(key))
                    : tr("allies: {0} references to {1}; nothing was removed:", referrers.count, named(key)))
            for r in referrers { Terminal.printError("  " + tr("{0}, field {1}", named(r.from), r.field)) }
            Terminal.printError(tr("Remove or change them first, or pass --cascade to remove them too."))
            throw ExitCode(Status.notFound)
        }
        let removal = dataset.removal(of: [key], cascade: cascade)
        var result = dataset.removing(removal)
        if !removal.changed.isEmpty { result = result.stamped(updated: removal.changed, on: try today()) }
        try target.save(result)
        let records = describeRecords(dataset.recordKeys.filter(removal.removed.contains))
        print(tr("removed from {0}: {1}", Sanitize.line(target.path), records))
        if !removal.unquoted.isEmpty {
            let kept = describeRecords(dataset.recordKeys.filter { removal.unquoted[$0] != nil })
            print(tr("kept, without their quotes of it (they have other sources): {0}", kept))
        }
        if !removal.ungrouped.isEmpty {
            print(
                tr(
                    "kept, out of the group: {0}",
                    describeRecords(dataset.recordKeys.filter(removal.ungrouped.contains))))
        }
        if !removal.unparented.isEmpty {
            print(
                tr(
                    "kept, as companies of their own (their parent was removed): {0}",
                    describeRecords(dataset.recordKeys.filter(removal.unparented.contains))))
        }
    }
}

struct Edit: DatasetCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: tr("Change fields of a record in a dataset file."),
        discussion: sentences(
            tr("Each --set PATH=VALUE sets a field of the record's canonical JSON (FORMAT.md): PATH is a field name,"),
            tr("with .name for a field inside and [N] for a list's item (N one past the end adds one):"),
            "status, title.es, amounts[0].bound, parties[1].role.",
            tr("VALUE is JSON when it reads as JSON ({0}),", Edit.jsonExamples),
            tr("otherwise the text itself; null removes an optional field."),
            tr("The result is checked as `allies validate` checks a file and nothing is written when it fails."),
            tr("The record's `updated` becomes today ($ALLIES_TODAY when set), unless --set sets it."),
            tr("Prints each changed field, old → new.")))
    static let jsonExamples = #"38000000000, true, null, "text", {"value": "2025-11", "event": "announced"}"#
    @ParentCommand var root: Allies
    @OptionGroup var local: DataOptions
    @OptionGroup var record: RecordArgument
    @Option(name: .customLong("set"), help: ArgumentHelp(tr("A field and its new value."), valueName: "path=value"))
    var assignments: [String] = []

    func validate() throws {
        guard !assignments.isEmpty else {
            throw ValidationError(tr("nothing to change: give at least one --set PATH=VALUE"))
        }
        for a in assignments {
            guard let eq = a.firstIndex(of: "="), FieldPath(parsing: String(a[..<eq])) != nil else {
                let value = Quoting.value(a)
                throw ValidationError(
                    tr("--set {0}: expected PATH=VALUE, PATH like status, title.es or amounts[0].value", value))
            }
        }
    }

    func run() throws {
        let day = try today()
        if let fast = inPlace(dataOptions) {
            do {
                return try edit(fast, day: day)
            } catch is InPlaceDataset.CannotTell {
                // Read whole below: it says what is wrong with the edit, or saves what the store cannot check.
            }
        }
        let target = try EditedDataset(dataOptions)
        let dataset = target.dataset
        let key = try record.find(among: dataset.records(withID: record.id), nothing: tr("nothing was changed"))
        guard let before = dataset.json(of: key) else { throw ExitCode(Status.notFound) }
        guard let edited = try edited(key, before) else { return }
        switch dataset.replacing(key, with: edited, file: "--set") {
        case .failure(let error):
            for d in error.diagnostics {
                // A field the record does not have is named in the message itself.
                Terminal.printError(
                    d.field.map { tr("allies: {0}, field {1}: {2}", named(key), $0, d.message) }
                        ?? "allies: " + named(key) + ": " + d.message)
            }
            Terminal.printError("allies: " + tr("nothing was changed"))
            throw ExitCode(Status.notFound)
        case .success(var changed):
            // Its key is the edited one (an edit may change the id).
            var newKey = key
            if case .object(let fields) = edited, case .string(let id)? = fields.first(where: { $0.0 == "id" })?.1 {
                newKey = RecordKey(key.list, id)
            }
            if !setsUpdated { changed = changed.stamped(updated: [newKey], on: day) }
            try target.save(changed)
            report(key, in: target.path, before: before, after: changed.json(of: newKey))
        }
    }

    /// The edit made from a large file's store (`InPlaceDataset`): one record read, checked against the store and
    /// appended to the edits file. Throws `CannotTell` before writing anything when the whole dataset is needed: an
    /// id changed (what refers to it), an article (the quotes of it), a problem to report.
    private func edit(_ fast: InPlaceDataset, day: PartialDate) throws {
        let key = try record.find(among: try fast.keys(withID: record.id), nothing: tr("nothing was changed"))
        guard let one = try fast.record(key), let before = one.json(of: key) else {
            throw InPlaceDataset.CannotTell(reason: "the record does not read")
        }
        guard let edited = try edited(key, before) else { return }
        guard key.list != .articles, edited.value(at: FieldPath([.key("id")])) == .string(key.id) else {
            throw InPlaceDataset.CannotTell(reason: "an id or an article changed")
        }
        let fragment = JSONValue.object([(key.list.rawValue, .array([edited]))]).rendered()
        var put = try fast.decode(Array(fragment.utf8), file: "--set", replacing: [key])
        if !setsUpdated { put = put.stamped(updated: [key], on: day) }
        try save(put, was: one, in: fast)
        report(key, in: fast.path, before: before, after: put.json(of: key))
    }

    /// The record `before` with every --set applied; nil (having said so) when no field changed. Exits with status
    /// 1 when a path cannot be set.
    private func edited(_ key: RecordKey, _ before: JSONValue) throws -> JSONValue? {
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
                Terminal.printError(tr("allies: --set {0}: {1}; nothing was changed", Quoting.value(a), e.description))
                throw ExitCode(Status.notFound)
            }
        }
        guard !JSONValue.changes(from: before, to: edited).isEmpty else {
            print(tr("{0}: no field changed", named(key)))
            return nil
        }
        return edited
    }

    /// Whether an assignment sets `updated` itself: otherwise the record is dated `updated` today.
    private var setsUpdated: Bool {
        assignments.contains {
            FieldPath(parsing: String($0[..<$0.firstIndex(of: "=")!]))?.steps.first == .key("updated")
        }
    }

    /// What was changed, field by field, old → new.
    private func report(_ key: RecordKey, in path: String, before: JSONValue, after: JSONValue?) {
        print(tr("changed {0} in {1}:", named(key), Sanitize.line(path)))
        for c in JSONValue.changes(from: before, to: after, sets: Dataset.listsMergedAsSets) {
            print("  " + describe(c))
        }
    }
}

/// The record an editing command works on: its id, and its list when several lists have the id.
struct RecordArgument: ParsableArguments {
    @Argument(help: ArgumentHelp(tr("The id of the record."))) var id: String
    @Option(
        help: ArgumentHelp(
            tr("The list the id is in, when several lists have it: {0}.", RecordListName.names),
            valueName: "list"))
    var list: String?

    /// The one record with this id (in `list` when given) among `keys`, the records with it; exits with status 1
    /// and why when there is none or several, ending with `nothing` ("nothing was changed").
    func find(among keys: [RecordKey], nothing: String) throws -> RecordKey {
        var found = keys
        if let list {
            guard let named = RecordListName(rawValue: list) else {
                throw ValidationError(
                    tr("--list: unknown list \"{0}\": expected one of {1}", Quoting.value(list), RecordListName.names))
            }
            found = found.filter { $0.list == named }
        }
        guard let key = found.first else {
            Terminal.printError(
                list.map { tr("allies: no record has the id \"{0}\" in {1}; {2}", Quoting.value(id), $0, nothing) }
                    ?? tr("allies: no record has the id \"{0}\"; {1}", Quoting.value(id), nothing))
            throw ExitCode(Status.notFound)
        }
        guard found.count == 1 else {
            let all = found.map(named).joined(separator: " " + tr("and") + " ")
            Terminal.printError(tr("allies: {0} have this id: name the list with --list; {1}", all, nothing))
            throw ExitCode(Status.notFound)
        }
        return key
    }
}

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: tr("What changed between two dataset files: records added, removed and changed, field by field."),
        discussion: sentences(
            tr("Records are matched by list and id."),
            tr("Exit status 0 whether or not they differ; 1 when a file does not load."))
    )
    @Argument(help: ArgumentHelp(tr("The older file."))) var old: String
    @Argument(help: ArgumentHelp(tr("The newer file."))) var new: String
    @Option(help: ArgumentHelp(tr("table or json."))) var format: DiffFormat = .table

    enum DiffFormat: String, ExpressibleByArgument, CaseIterable { case table, json }

    func load(_ path: String) throws -> Dataset {
        switch Dataset.load(path: path) {
        case .success(let d): return d
        case .failure(let error):
            Terminal.printError(error.description)
            let count = error.diagnostics.count
            Terminal.printError(
                count == 1
                    ? tr("allies: {0} does not load (1 problem; `allies validate {0}` lists them)", path)
                    : tr("allies: {0} does not load ({1} problems; `allies validate {0}` lists them)", path, count))
            throw ExitCode(Status.notFound)
        }
    }

    func run() throws {
        let diff = try load(old).differences(to: try load(new))
        switch format {
        case .json: print(JSONValue.object(diffJSON(diff)).rendered())
        case .table:
            if diff.isEmpty { print(tr("no differences")); return }
            printDiff(diff)
        }
    }
}

/// A dataset diff as JSON fields: `added`, `removed` (list and id each) and `changed` (with each field's path, old and
/// new value). `allies diff` and `allies merge-edits` print it.
func diffJSON(_ diff: DatasetDiff) -> [(String, JSONValue)] {
    func key(_ k: RecordKey) -> [(String, JSONValue)] { [("list", .string(k.list.rawValue)), ("id", .string(k.id))] }
    return [
        ("added", .array(diff.added.map { .object(key($0)) })),
        ("removed", .array(diff.removed.map { .object(key($0)) })),
        (
            "changed",
            .array(
                diff.changed.map { change in
                    let fields = change.fields.map { f in
                        JSONValue.object([("path", .string(f.path)), ("old", f.old ?? .null), ("new", f.new ?? .null)])
                    }
                    return .object(key(change.key) + [("fields", .array(fields))])
                })
        ),
    ]
}

/// A dataset diff as a table: what happened to each record, then each changed field, old → new, then the counts.
func printDiff(_ diff: DatasetDiff) {
    // What happened to each record, in a column as wide as the longest word and two spaces.
    let added = tr("added"), removed = tr("removed"), changed = tr("changed")
    let column = [added, removed, changed].map { TextWidth.of($0) }.max()! + 2
    func line(_ what: String, _ k: RecordKey) -> String { Clip.pad(what, column) + Sanitize.line(named(k)) }
    for k in diff.added { print(line(added, k)) }
    for k in diff.removed { print(line(removed, k)) }
    for (k, fields) in diff.changed {
        print(line(changed, k))
        for f in fields { print("  " + describe(f)) }
    }
    print(tr("{0} added, {1} removed, {2} changed", diff.added.count, diff.removed.count, diff.changed.count))
}

struct Changes: DatasetCommand {
    static let configuration = CommandConfiguration(
        commandName: "changes",
        abstract: tr("List the records added or updated since a date."),
        discussion: sentences(
            tr("Records carry `added` and `updated` days when edits and imports set them"),
            tr("(`allies add`, `edit`, `article add`); records without them (the bundled ones) are never listed."),
            tr("One row per record: the later of its dates on or after --since,"),
            tr("whether that is when it was added or updated, its kind, id and title;"),
            tr("newest first, then by kind and id.")))
    @ParentCommand var root: Allies
    @OptionGroup var local: DataOptions
    @OptionGroup var output: FormatOption
    @Option(
        help: ArgumentHelp(
            tr("From this day on, inclusive: YYYY-MM-DD, or YYYY-MM or YYYY for the first day of that month or year."),
            valueName: "date"))
    var since: String

    func validate() throws { _ = try parseDate(since, option: "--since") }

    func run() throws {
        let start = try parseDate(since, option: "--since")!
        let catalog = try loadCatalog()
        let rows = catalog.dataset.changes(since: start).map { ($0, catalog.recordTitle($0.key)) }
        if rows.isEmpty && output.format == .table {
            // A date in a sentence: as people write it in Spanish; English keeps the day as it was given.
            let day = Language.current == .en ? start.firstDay.description : start.firstDay.long
            print(tr("No records added or updated since {0}.", day))
            return
        }
        emit(Listings.changes.render(rows, output.format, width: output.tableWidth))
    }
}
