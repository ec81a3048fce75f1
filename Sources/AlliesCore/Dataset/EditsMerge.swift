// Edits put into another version of their dataset: the explorer's `R` (the file changed under a session with unsaved
// edits) and `allies merge-edits` (an edits file whose dataset file was replaced: a backup put back, a copy from
// someone else; a copy of a session's unsaved edits). Each record is merged field by field against the record as it
// was before the edits (`JSONValue.merge`): a field only the file changed keeps the file's value, so neither side's
// change is lost; a field both changed is named, never silently taken.

import AlliesText

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One record's change: as it was before (nil: the edits added it) and after (nil: the edits removed it).
public struct RecordEdit: Sendable, Equatable {
    public var key: RecordKey
    /// The record before the edits; nil when they added it. Unknown (`beforeKnown` false) for the lines of an edits
    /// file of version 1, which kept only the records put.
    public var before: JSONValue?
    public var beforeKnown: Bool
    public var after: JSONValue?

    public init(key: RecordKey, before: JSONValue?, after: JSONValue?, beforeKnown: Bool = true) {
        self.key = key; self.before = before; self.after = after; self.beforeKnown = beforeKnown
    }
}

/// What putting a set of changes into a dataset gave.
public struct ReappliedEdits: Sendable {
    /// Where both sides changed the same thing.
    public enum Overlap: Sendable, Equatable {
        /// The edits removed the record; the file changed it.
        case removedByEdits
        /// The file removed the record; the edits changed it.
        case removedInFile
        /// Both changed these fields (paths as `allies edit --set` takes them) to different values.
        case fields([String])
    }

    public var dataset: Dataset
    /// Each record both sides changed, and how; which side's version was kept is the `preferring` asked for.
    public var overlaps: [(key: RecordKey, overlap: Overlap)] = []
    /// Changes the dataset already holds (the edits are in it, or it was changed the same way).
    public var alreadyIn: [RecordKey] = []
    /// Why the result would not load (a record put refers to one this dataset lacks, a removed record still referred
    /// to): nothing should be written when this is not empty.
    public var problems: [Diagnostic] = []
}

extension Dataset {
    /// These changes put into this dataset ("the file"), record by record and field by field. Where both changed the
    /// same field, `preferEdits` keeps the edits' value (else the file's); either way the overlap is listed. With the
    /// record before the edits unknown, the file's record stands in for it: the edits' record is put whole.
    /// `file` names the changes in diagnostics.
    public func reapplying(_ changes: [RecordEdit], preferEdits: Bool = true, file: String) -> ReappliedEdits {
        var result = ReappliedEdits(dataset: self)
        var removed: [RecordKey] = []
        // Each record merged against the file as it is (every change is of its own record), then the removals made,
        // then the records put.
        var puts: [(key: RecordKey, json: JSONValue, replacing: Bool)] = []
        var lookup = RecordJSONLookup(self)
        for change in changes {
            let key = change.key
            let there = lookup.json(of: key)
            let base = change.beforeKnown ? change.before : there
            guard let after = change.after else {
                guard let there else { result.alreadyIn.append(key); continue }
                if there != base {
                    result.overlaps.append((key, .removedByEdits))
                    if !preferEdits { continue }
                }
                removed.append(key)
                continue
            }
            let merged =
                preferEdits
                ? JSONValue.merge(base: base, mine: after, theirs: there, sets: Self.listsMergedAsSets)
                : JSONValue.merge(base: base, mine: there, theirs: after, sets: Self.listsMergedAsSets)
            // The day stamps (`added`, `updated`) are bookkeeping, not facts either side chose: the record keeps the
            // earlier `added` and the later `updated` (so `allies changes` still lists the later change), unnamed.
            let fields = merged.conflicts.filter { $0 != "added" && $0 != "updated" }
            if fields == [""] {
                result.overlaps.append((key, there == nil ? .removedInFile : .removedByEdits))
            } else if !fields.isEmpty {
                result.overlaps.append((key, .fields(fields)))
            }
            guard var json = merged.value else {
                // The file's removal kept: nothing to put.
                if there != nil { removed.append(key) }
                continue
            }
            json = Self.days(json, after, there)
            if json == there {
                // Only a change both made alike is "already in"; one the file's value won is listed as an overlap.
                if fields.isEmpty { result.alreadyIn.append(key) }
                continue
            }
            puts.append((key, json, there != nil))
        }
        if !removed.isEmpty { result.dataset = result.dataset.removing(Set(removed)) }
        // A record put may refer to one another put adds (a source quoting an article added by a later save): put
        // again while any goes in, then what still does not is the problem.
        var pending = puts
        var failures: [RecordKey: [Diagnostic]] = [:]
        while !pending.isEmpty {
            var left: [(key: RecordKey, json: JSONValue, replacing: Bool)] = []
            for put in pending {
                let attempt: Result<Dataset, DatasetError> =
                    put.replacing
                    ? result.dataset.replacing(put.key, with: put.json, file: file)
                    : Dataset.decode(
                        additions: Array(
                            JSONValue.object([(put.key.list.rawValue, .array([put.json]))]).rendered().utf8),
                        file: file, to: result.dataset
                    ).map { result.dataset.adding($0) }
                switch attempt {
                case .success(let d): result.dataset = d; failures[put.key] = nil
                case .failure(let e): left.append(put); failures[put.key] = e.diagnostics
                }
            }
            if left.count == pending.count { break }
            pending = left
        }
        for put in pending { result.problems += failures[put.key] ?? [] }
        // A record removed that the file's records (or the records put) still refer to: the removal would leave them
        // pointing at nothing, a dataset that does not load. Refused, with which.
        let gone = Set(removed)
        if !gone.isEmpty {
            var referring: [RecordKey: [RecordKey]] = [:]
            for r in result.dataset.references where gone.contains(r.to) && r.from != r.to {
                referring[r.to, default: []].append(r.from)
            }
            for (key, from) in referring.sorted(by: { $0.key < $1.key }) {
                let names = from.prefix(3).map(\.description).joined(separator: ", ") + (from.count > 3 ? ", …" : "")
                result.problems.append(
                    Diagnostic(
                        file: file, position: nil, record: key.description, field: nil,
                        message: tr("removed by the edits, but referred to by {0}", names)))
            }
        }
        // An article whose text changed: every quote of it, the file's included, must still be in it (as a load
        // checks).
        let articles = puts.filter { $0.key.list == .articles && $0.replacing }
        if result.problems.isEmpty, !articles.isEmpty {
            var texts: [String: String?] = [:]
            for a in self.articles where articles.contains(where: { $0.key.id == a.id }) { texts[a.id] = a.text }
            let save = EditJournal.Save(
                at: "", removed: [], put: [(.articles, articles.map(\.json))])
            if let error = result.dataset.wholeAfter(save, articleTextsBefore: texts, file: file) {
                result.problems += error.diagnostics.map {
                    var d = $0
                    d.position = nil
                    return d
                }
            }
        }
        return result
    }

    /// The lists whose items each stand alone (a name, a product, a quote, a citation, a dataset record): two
    /// sides' changes to them are both kept. Lists whose items make one fact together (a deal's parties and
    /// amounts, an estimate's shares) stay one value: merging two versions of a deal's amounts could count money
    /// twice, so a list both changed is named as an overlap.
    public static let listsMergedAsSets: Set<String> = Set(
        [
            CompanyField.aliases, .groups, .products, .sectors, .sources, .citations, .records,
        ].map(\.name) + [AllianceField.products, .sources, .citations, .records].map(\.name))

    /// `merged` with the earlier of the two sides' `added` days and the later of their `updated` days.
    static func days(_ merged: JSONValue, _ edits: JSONValue?, _ file: JSONValue?) -> JSONValue {
        guard case .object(var fields) = merged else { return merged }
        func day(_ record: JSONValue?, _ key: String) -> String? {
            guard case .object(let f)? = record, case .string(let d)? = f.first(where: { $0.0 == key })?.1 else {
                return nil
            }
            return d
        }
        for (key, later) in [("added", false), ("updated", true)] {
            let days = [day(edits, key), day(file, key)].compactMap { $0 }
            // Days as written (`2025`, `2025-11`, `2025-11-04`): in text order, a day sorts after its own month.
            guard let chosen = later ? days.max() : days.min(), let i = fields.firstIndex(where: { $0.0 == key })
            else { continue }
            fields[i].1 = .string(chosen)
        }
        return .object(fields)
    }

    /// The changes from `baseline` to this dataset, record by record, with each record before and after.
    public func recordChanges(since baseline: Dataset) -> [RecordEdit] {
        let diff = baseline.differences(to: self)
        var before = RecordJSONLookup(baseline)
        var after = RecordJSONLookup(self)
        return diff.removed.map { RecordEdit(key: $0, before: before.json(of: $0), after: nil) }
            + (diff.changed.map(\.key) + diff.added).map {
                RecordEdit(key: $0, before: before.json(of: $0), after: after.json(of: $0))
            }
    }
}

extension EditJournal {
    /// An edits file read for merging into a dataset file of any version (`allies merge-edits`).
    public struct Loaded: Sendable {
        /// The version of the dataset file the edits were saved to; nil when not known (a copy of a session's
        /// unsaved edits).
        public var base: Identity?
        /// The dataset file's name, as the edits file's first line gives it.
        public var datasetName: String?
        public var saves: [Save]
        /// The versions of the dataset file the edits were written into (`fold-edits`).
        public var foldedInto: [Identity]
        /// Bytes at its end after the last whole line: a save cut short by a crash, not part of the edits.
        public var cutShort: Int

        /// What the saves change, record by record, in the order first changed: each record as it was before the first
        /// save that changed it (when the lines say: edits files of version 2), and as the last one left it.
        public var changes: [RecordEdit] {
            var order: [RecordKey] = []
            var changes: [RecordKey: RecordEdit] = [:]
            for save in saves {
                var was: [RecordKey: JSONValue] = [:]
                for (list, records) in save.was ?? [] {
                    for case .object(let f) in records {
                        if case .string(let id)? = f.first(where: { $0.0 == "id" })?.1 {
                            was[RecordKey(list, id)] = .object(f)
                        }
                    }
                }
                func note(_ key: RecordKey, _ after: JSONValue?) {
                    if changes[key] != nil {
                        changes[key]!.after = after
                    } else {
                        order.append(key)
                        changes[key] = RecordEdit(
                            key: key, before: was[key], after: after, beforeKnown: save.was != nil)
                    }
                }
                for key in save.removed { note(key, nil) }
                for (list, records) in save.put {
                    for case .object(let f) in records {
                        guard case .string(let id)? = f.first(where: { $0.0 == "id" })?.1 else { continue }
                        note(RecordKey(list, id), .object(f))
                    }
                }
            }
            // A record added then removed, or changed and changed back, within the edits: nothing to merge (merged,
            // the first would remove a record of the same id the file has).
            return order.map { changes[$0]! }.filter { !($0.beforeKnown && $0.before == $0.after) }
        }
    }

    /// The edits file at `path`, whatever dataset file version it was saved to.
    public static func load(_ path: String) -> Result<Loaded, DatasetError> {
        switch read(path) {
        case .failure(let error): return .failure(error)
        case .success(nil):
            return .failure(problem(path, nil, tr("cannot open: {0}", SystemError.text(ENOENT))))
        case .success(let contents?):
            return .success(
                Loaded(
                    base: contents.base, datasetName: contents.datasetName, saves: contents.saves,
                    foldedInto: contents.foldedInto, cutShort: contents.size - contents.wholeLength))
        }
    }
}
