import AlliesCore
import AlliesText

// Editing in the explorer: every change is a new Dataset value (the old one is kept for undo), written to the user's
// file at once by a save that runs off the interface thread (`Dataset.save`: checked, atomic, refused when the file
// changed on disk). A save that fails keeps the edits in the session and says why; Ctrl-S saves them elsewhere.

/// Where the session's edits are written.
public enum SaveTarget: Sendable, Equatable {
    /// The dataset's own file.
    case file(String)
    /// The bundled dataset, which is read-only: the first edit proposes this file for the user's own dataset.
    case bundled(proposed: String)
    /// Nowhere: a dataset without a file.
    case none
}

/// A change to the dataset, as a screen asks for it.
struct Edit: Sendable {
    var dataset: Dataset
    /// `Added alliance "x"`: what undo and redo say.
    let description: String
    /// The record to show afterwards (nil: stay where the user is).
    var record: RecordKey? = nil
    /// Records the change removed: their screens close.
    var removed: Set<RecordKey> = []
    /// Other records it changed (a deleted article's quotes dropped from them): stamped `updated`.
    var updated: Set<RecordKey> = []
}

/// The edits of a session and where they go.
public struct EditSession: Sendable {
    public internal(set) var target: SaveTarget
    /// The day edits are stamped with (`added`, `updated`); nil: not stamped (no clock in tests that do not say).
    let today: PartialDate?
    /// The file's stamp when it was opened or last saved: a save is refused when the file is not that one any more.
    var stamp: SourceStamp?
    var undo: [(dataset: Dataset, description: String)] = []
    var redo: [(dataset: Dataset, description: String)] = []
    /// Counts changes; `savedVersion` is the one on disk.
    public internal(set) var version = 0
    public internal(set) var savedVersion = 0
    var saving: Int? = nil
    var saveAgain = false
    /// Why the last save failed, until one succeeds.
    public internal(set) var saveError: String?
    /// `q` once with unsaved edits arms this; `q` again quits.
    var quitArmed = false
    /// The dataset as the file last held it (read or saved): what the session's edits are the difference from, so
    /// that they can be applied again to the file as someone else changed it.
    var baseline: Dataset?
    /// Where edits went before Ctrl-S named another file, until a save there succeeds: a first save that fails (a
    /// folder that cannot be made) goes back to it, so the session's own file is not left for one it never wrote.
    var previous: (target: SaveTarget, stamp: SourceStamp?, savedVersion: Int, baseline: Dataset?)?

    /// Where a path typed for Ctrl-S is resolved from.
    let paths: PathBase
    /// Copies of edits whose save failed (`SaveOutcome.unsavedCopy`): removed once a save holds their edits.
    var unsavedCopies: Set<String> = []

    init(target: SaveTarget, today: PartialDate? = nil, paths: PathBase = PathBase(directory: nil, home: nil)) {
        self.target = target; self.today = today; self.paths = paths
    }

    /// Edits made and not on disk.
    public var unsaved: Bool { version != savedVersion }
}

/// What a save off the interface thread came back with.
public struct SaveOutcome: Sendable {
    let path: String
    let version: Int
    let dataset: Dataset
    let result: Result<SourceStamp, SaveError>
    /// The directory the save made for the file (a name typed with a folder that was not there), if any.
    var madeDirectory: String? = nil
    /// Where the edits went when the save failed (`Dataset.saveUnsavedCopy`), if anywhere.
    var unsavedCopy: String? = nil
    /// Copies of earlier failed saves this save made needless (every edit they hold is in the file), removed.
    var removedCopies: Set<String> = []
}

/// The file read again (`R`): its dataset and stamp, or why it could not be read.
public struct ReloadOutcome: Sendable {
    let path: String
    let result: Result<(dataset: Dataset, stamp: SourceStamp?), DatasetError>
}

extension AppState {
    /// The record `e` edits and `d` deletes here: the one on screen, else the selected row's.
    func editTarget() -> RecordKey? {
        guard let frame = stack.last else { return nil }
        if let shown = frame.screen.shownRecord { return shown }
        guard let (items, _) = topItems(), items.indices.contains(frame.selected),
            let action = items[frame.selected].action
        else { return nil }
        switch action {
        case .company(let id): return RecordKey(.companies, id)
        case .alliance(let id): return RecordKey(.alliances, id)
        case .person(let id): return RecordKey(.people, id)
        case .claim(let id): return RecordKey(.claims, id)
        case .shareEstimate(let id): return RecordKey(.shareEstimates, id)
        case .article(let id), .articleAt(let id, _): return RecordKey(.articles, id)
        case .timeline, .network, .loop, .passage, .newRecord: return nil
        }
    }

    /// A change is made: the old dataset goes on the undo stack, the new one is shown and saved.
    mutating func commit(_ edit: Edit) -> Command {
        guard let old = catalog?.dataset else { return .none }
        var edit = edit
        if let day = session.today, !edit.updated.isEmpty {
            edit.dataset = edit.dataset.stamped(updated: edit.updated, on: day)
        }
        if let day = session.today, let record = edit.record {
            let isNew = !old.records(withID: record.id).contains(record)
            edit.dataset = edit.dataset.stamped(
                added: isNew ? [record] : [], updated: isNew ? [] : [record], on: day)
        }
        session.undo.append((old, edit.description))
        session.redo = []
        session.quitArmed = false
        replaceDataset(edit.dataset, removed: edit.removed)
        // A form or a confirmation on top is done.
        while let top = stack.last?.screen, top.isEditingStep, stack.count > 1 { stack.removeLast() }
        if let record = edit.record, let action = action(for: record), catalogHas(record),
            stack.last?.screen.shownRecord != record
        {
            push(screen(for: action))
        }
        normalize()
        note = StatusNote(text: edit.description + saveHint(), isError: false)
        return save()
    }

    private func catalogHas(_ key: RecordKey) -> Bool { !(catalog?.dataset.records(withID: key.id).isEmpty ?? true) }

    /// What the status line adds after an edit: where it is saved, and that `u` undoes it.
    private func saveHint() -> String {
        switch session.target {
        case .file: return " " + tr("(u undoes it)")
        case .bundled: return " " + tr("(u undoes it)")
        case .none: return " " + tr("(u undoes it; this dataset has no file: not saved)")
        }
    }

    /// What a change asks of the backend: its save, then the last index patched for the change (search answers at
    /// once), then the new dataset's search index, off the interface thread, then the store of the file as saved (so
    /// that the next open of a large file is not a first open's minute).
    /// Call it with the change made (`let c = commit(e); return afterChange(c)`): as `afterChange(commit(e))` it would
    /// read the state from before the change.
    func afterChange(_ command: Command) -> Command {
        guard let catalog, index == nil else { return command }
        let save: Work? = { if case .work(let w) = command { return w } else { return nil } }()
        let stores = session.paths.stores
        let base = lastIndex
        return .work(
            Work("change") { send in
                // The save's outcome, seen on its way: the stamp of the file and edits that now hold this dataset
                // (the save was made by the same change, of this catalog's dataset).
                nonisolated(unsafe) var saved: (path: String, stamp: SourceStamp)? = nil
                save?.run { message in
                    if case .saved(let outcome) = message, case .success(let stamp) = outcome.result {
                        saved = (outcome.path, stamp)
                    }
                    send(message)
                }
                // Built from the catalog before the change and this one: nothing the interface thread changes.
                if let base, let patched = PatchedIndex(base: base, now: catalog) { send(.indexPatched(patched)) }
                let index = SearchIndex(catalog)
                send(.indexReady(index))
                // The store says which version of the file (and its edits) it is of: one saved since is not
                // trusted to it, so a later edit or another program's write makes it stale, never wrong.
                if let saved, let stores {
                    _ = DatasetCache.write(
                        source: saved.path, stamp: saved.stamp, catalog: catalog, index: index, directory: stores)
                }
            })
    }

    /// `u` and Ctrl-R: the dataset before (or after) the last change, saved like any change.
    mutating func undoOrRedo(redo: Bool) -> Command {
        guard let current = catalog?.dataset else { return .none }
        guard let step = redo ? session.redo.popLast() : session.undo.popLast() else {
            note = StatusNote(text: redo ? tr("Nothing to redo") : tr("Nothing to undo"), isError: false)
            return .none
        }
        if redo {
            session.undo.append((current, step.description))
        } else {
            session.redo.append((current, step.description))
        }
        let before = Set(current.recordKeys)
        let after = Set(step.dataset.recordKeys)
        replaceDataset(step.dataset, removed: before.subtracting(after))
        note = StatusNote(
            text: redo ? tr("Redid: {0}", step.description) : tr("Undid: {0}", step.description), isError: false)
        return save()
    }

    /// Shows another version of the dataset, keeping the screens (those of records it no longer has close).
    mutating func replaceDataset(_ dataset: Dataset, removed: Set<RecordKey>) {
        let catalog = Catalog(dataset)
        self.catalog = catalog
        // The search index of the new dataset is built off the interface thread (`afterChange`): on a large
        // dataset an edit must not freeze the screen. The last index built answers meanwhile, patched for the change.
        // (A patch's base is an index of an earlier version too: that of a store read before the file's last edits.)
        lastIndex = index ?? patched?.index ?? lastIndex
        patched = nil
        index = nil
        indexProgress = 0
        cache = ItemCache()
        networks = NetworkCache()
        lists = ListCache()
        session.version += 1
        let gone = Set(removed.map(\.id))
        stack.removeAll { frame in
            guard let shown = frame.screen.shownRecord else { return false }
            return gone.contains(shown.id) && removed.contains(shown)
        }
        if stack.isEmpty { stack = [Frame(CompaniesScreen())] }
        parked = parked.filter { $0.value.screen.shownRecord.map { !removed.contains($0) } ?? true }
        normalize()
    }

    /// Writes the dataset to the session's file off the interface thread; one save at a time (a change made while one
    /// runs is saved after it). On the bundled dataset, asks where the user's own dataset goes first.
    mutating func save() -> Command {
        guard let dataset = catalog?.dataset else { return .none }
        switch session.target {
        case .none:
            return .none
        case .bundled(let proposed):
            if stack.last?.screen.key != .savePrompt { push(SavePathScreen(path: proposed, first: true)) }
            return .none
        case .file(let path):
            if session.saving != nil { session.saveAgain = true; return .none }
            let version = session.version
            let stamp = session.stamp
            let baseline = session.stamp == nil ? nil : session.baseline
            let unsavedDirectory = session.paths.unsaved
            // Copies made before this save hold edits of earlier versions, all in the dataset saved now.
            let earlierCopies = session.unsavedCopies
            session.saving = version
            return .work(
                Work("save") { send in
                    let made = Dataset.directoryToMake(for: path)
                    let result =
                        Dataset.makeDirectory(for: path).map { .failure($0) }
                        ?? dataset.save(to: path, expected: stamp, since: baseline)
                    // Edits that could not be saved are also written where they outlive the session.
                    var copy: String? = nil
                    // The changes alone when the file was read (kilobytes, merged back with `allies merge-edits`),
                    // else the whole dataset (a file not made yet: there is nothing to merge into).
                    if case .failure = result, let directory = unsavedDirectory {
                        copy =
                            baseline.map { dataset.saveUnsavedEdits(since: $0, of: path, in: directory) }
                            ?? dataset.saveUnsavedCopy(of: path, in: directory)
                    }
                    var removed: Set<String> = []
                    if case .success = result {
                        removed = earlierCopies.filter { Dataset.removeUnsavedCopy($0) }
                    }
                    send(
                        .saved(
                            SaveOutcome(
                                path: path, version: version, dataset: dataset, result: result, madeDirectory: made,
                                unsavedCopy: copy, removedCopies: removed)))
                })
        }
    }

    /// A save came back.
    mutating func saved(_ outcome: SaveOutcome) -> Command {
        session.saving = nil
        if let copy = outcome.unsavedCopy { session.unsavedCopies.insert(copy) }
        session.unsavedCopies.subtract(outcome.removedCopies)
        guard case .file(let path) = session.target, path == outcome.path else { return .none }
        switch outcome.result {
        case .success(let stamp):
            let newFile = session.stamp == nil
            // Nothing to write (the dataset as the file holds it): nothing said of saving.
            let wroteNothing =
                stamp == session.stamp && outcome.dataset.hasSameRecords(as: session.baseline ?? Dataset())
            session.previous = nil
            session.stamp = stamp
            session.baseline = outcome.dataset
            session.savedVersion = max(session.savedVersion, outcome.version)
            session.saveError = nil
            if session.saveAgain || session.unsaved {
                session.saveAgain = false
                if session.unsaved { return save() }
            }
            // Short enough for the status line: what was done first, then where it went (the file's name; its
            // whole path the first time, and the folder made for it, so a mistyped folder is seen at once).
            if !wroteNothing, note == nil || note?.isError == false {
                // A large file's edits go to its edits file beside it (`EditJournal`): named, so it is not a surprise.
                let written = stamp.edits == nil ? path : EditJournal.path(for: path)
                var saved = tr("saved to {0}", newFile ? written : Self.fileName(written))
                if let made = outcome.madeDirectory { saved += " · " + tr("made the folder {0}", made) }
                if !outcome.removedCopies.isEmpty {
                    saved += " · " + tr("the copy of the edits a refused save made is removed (they are saved)")
                }
                note = StatusNote(text: (note.map { $0.text + " · " } ?? "") + saved, isError: false)
            }
        case .failure(let error):
            session.saveAgain = false
            session.saveError = error.description
            let edits = session.version - session.savedVersion
            // A new file (saving elsewhere, or the first save) that is there: nothing of this session to read again.
            let exists = isChange(error) && session.stamp == nil
            let kept =
                (edits == 1 ? tr("1 edit kept;") : tr("{0} edits kept;", edits)) + " "
                + (outcome.unsavedCopy.map { Self.copied($0, home: session.paths.home) + "; " } ?? "")
                + (isChange(error) && !exists ? tr("R reads the file again and reapplies them,") + " " : "")
                + tr("Ctrl-S saves elsewhere")
            let name = Self.fileName(path)
            let reason: String
            switch error {
            case .changedOnDisk where exists:
                reason = tr("{0} exists already (Allies saves to a new file, or to the one it opened)", name)
            case .changedOnDisk(let changed, let what):
                // The file, or its edits file (another session saved edits).
                reason = tr("{0} {1} since Allies read it", Self.fileName(changed), what)
            case .editsOfAnotherFile(let journal):
                reason = tr(
                    "{0} is there, with the edits of another file of this name (move it beside that file, or aside)",
                    Self.fileName(journal))
            case .system(let failed, let doing, let why):
                // The file, or the folder that could not be made for it.
                reason = tr("cannot {0} {1}: {2}", doing, failed == path ? name : failed, why)
            case .invalid(let problems):
                let problem = problems.first.map { $0.message } ?? tr("invalid")
                reason = tr("the dataset would not load back ({0})", problem)
            case .storeCutShort(let store):
                reason = tr(
                    "{0}, the store its texts come from, was cut short by another program (quit, open the file again)",
                    Self.fileName(store))
            }
            note = StatusNote(text: tr("Not saved: {0}; {1}", reason, kept), isError: true)
            if let previous = session.previous {
                // Back to the file the edits went to: they are still unsaved there, and Ctrl-S can try again.
                session.target = previous.target
                session.stamp = previous.stamp
                session.savedVersion = previous.savedVersion
                session.baseline = previous.baseline
                session.previous = nil
                if case .file(let before) = previous.target {
                    note = StatusNote(
                        text: tr("Not saved: {0}; edits kept for {1}", reason, Self.fileName(before))
                            + (outcome.unsavedCopy.map { "; " + Self.copied($0, home: session.paths.home) } ?? ""),
                        isError: true)
                }
            }
        }
        return .none
    }

    /// Where a failed save's edits were copied: an edits file (the changes alone, put into a file with `allies
    /// merge-edits`), or the whole dataset (a file not made yet), which opens as it is.
    /// The path as a shell takes it, shorter: `~/.local/state/…` under the home directory.
    static func copied(_ copy: String, home: String?) -> String {
        var shown = copy
        if let home, !home.isEmpty, home != "/" {
            let base = home.hasSuffix("/") ? String(home.dropLast()) : home
            if copy.hasPrefix(base + "/") { shown = "~" + copy.dropFirst(base.count) }
        }
        return copy.hasSuffix(".edits.jsonl")
            ? tr("the edits are copied to {0} (allies merge-edits)", shown)
            : tr("a copy is in {0}", shown)
    }

    private func isChange(_ error: SaveError) -> Bool {
        if case .changedOnDisk = error { return true } else { return false }
    }

    /// `R`: reads the session's file again, off the interface thread, to apply the session's edits to it.
    mutating func reload() -> Command {
        guard case .file(let path) = session.target, session.stamp != nil || session.baseline != nil else {
            note = StatusNote(
                text: tr("Nothing to read again: this session's dataset has no file yet"), isError: false)
            return .none
        }
        note = StatusNote(text: tr("Reading {0} again…", Self.fileName(path)), isError: false)
        return .work(
            Work("reload") { send in
                let stamp = SourceStamp.of(path)
                let result = Dataset.load(path: path, stamp: stamp).map { (dataset: $0, stamp: stamp) }
                send(.reloaded(ReloadOutcome(path: path, result: result)))
            })
    }

    /// The file as it is now, with the session's edits (what changed from the baseline) applied to it again, record by
    /// record and field by field (`JSONValue.merge`): a field only the file changed keeps the file's value. A field
    /// both changed, or a record removed on one side and changed on the other: the session's version wins, and the
    /// note names each. A result that does not load is refused.
    mutating func reloaded(_ outcome: ReloadOutcome) -> Command {
        guard case .file(let path) = session.target, path == outcome.path, let current = catalog?.dataset else {
            return .none
        }
        switch outcome.result {
        case .failure(let error):
            let why = error.diagnostics.first?.message ?? tr("unreadable")
            note = StatusNote(
                text: tr("Could not read {0} again: {1}; your edits are kept", Self.fileName(path), why), isError: true)
            return .none
        case .success(let (theirs, stamp)):
            let base = session.baseline ?? theirs
            let mine = current.recordChanges(since: base)
            let reapplied = theirs.reapplying(mine, file: "session")
            // Where both sides changed the same thing: the session's version is kept, and named.
            let both = reapplied.overlaps.map { key, overlap in
                switch overlap {
                case .removedByEdits: return tr("{0} (removed by you)", key.description)
                case .removedInFile: return tr("{0} (removed in the file)", key.description)
                case .fields(let fields): return key.description + " (" + fields.joined(separator: ", ") + ")"
                }
            }
            guard reapplied.problems.isEmpty else {
                let problem = reapplied.problems.first.map { ($0.record.map { $0 + ": " } ?? "") + $0.message } ?? ""
                let text = tr("Your edits do not apply to {0} as it is now: {1};", Self.fileName(path), problem)
                note = StatusNote(text: text + " " + tr("they are kept, Ctrl-S saves them elsewhere"), isError: true)
                return .none
            }
            let merged = reapplied.dataset
            let edits = mine.count
            session.stamp = stamp
            session.baseline = theirs
            // The versions on the undo stack are of the file before someone else changed it: undoing to one would
            // take their changes back without a word. The session's history starts again here.
            session.undo = []
            session.redo = []
            replaceDataset(merged, removed: Set(mine.filter { $0.after == nil }.map(\.key)))
            guard edits > 0 else {
                // Nothing of the session's to reapply: what is shown is the file as it is, which is not written again
                // (a save would rewrite a file someone else just wrote, in Allies' own layout, for nothing).
                session.savedVersion = session.version
                note = StatusNote(
                    text: tr("Read {0} again; no edits of yours to reapply", Self.fileName(path)), isError: false)
                return .none
            }
            session.savedVersion = -1
            // Named up to five (the note is read on the status line); how many more.
            let bothNames =
                both.prefix(5).joined(separator: "; ")
                + (both.count > 5 ? "; " + tr("and {0} more", both.count - 5) : "")
            // The warning before the list, so a long list never cuts it off.
            note = StatusNote(
                text: (edits == 1
                    ? tr("Read {0} again and reapplied 1 change", Self.fileName(path))
                    : tr("Read {0} again and reapplied {1} changes", Self.fileName(path), edits))
                    + " " + tr("(u cannot go back past this)")
                    + (both.isEmpty ? "" : "; " + tr("yours kept where both changed: {0}", bothNames)),
                isError: false)
            return save()
        }
    }

    /// `allies.json` of `/home/ana/.local/share/allies/allies.json`.
    static func fileName(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }

    /// The path prompt's Enter: the session's edits go to this file from now on.
    mutating func saveTo(_ typed: String, first: Bool) -> Command {
        // A name on its own is in the directory Allies was started in; `~/` is the home directory.
        guard let path = session.paths.absolute(typed) else {
            note = StatusNote(text: tr("Give the file's path (a name, ~/name or /full/path)"), isError: true)
            return .none
        }
        // The file the session came from, named as typed or in full: the same file (`my.json`, `./my.json`).
        let current: String? = {
            if case .file(let p) = session.target { return session.paths.absolute(p) ?? p } else { return nil }
        }()
        if path != current {
            // Another file: it must not exist yet (saving over a file Allies did not open would lose it), and
            // nothing of this session is in it.
            if session.previous == nil {
                session.previous = (session.target, session.stamp, session.savedVersion, session.baseline)
            }
            session.target = .file(path)
            session.stamp = nil
            session.savedVersion = -1
        }
        // The prompt closes; the save says how it went.
        if stack.last?.screen.key == .savePrompt { stack.removeLast() }
        normalize()
        if first {
            note = StatusNote(text: tr("Your own dataset: {0}; Allies opens it from now on", path), isError: false)
        }
        return save()
    }

    /// `q` on a top-level view, or Ctrl-C anywhere, with edits not on disk: says so once; again quits.
    mutating func quitWithUnsaved(byControlC: Bool = false) -> Bool {
        guard session.unsaved, session.target != .none, !session.quitArmed else { return true }
        session.quitArmed = true
        let edits = session.version - session.savedVersion
        let text =
            byControlC
            ? (edits == 1
                ? tr("1 edit is not saved: Ctrl-S saves; Ctrl-C again quits without it")
                : tr("{0} edits are not saved: Ctrl-S saves; Ctrl-C again quits without them", edits))
            : (edits == 1
                ? tr("1 edit is not saved: Ctrl-S saves; q again quits without them")
                : tr("{0} edits are not saved: Ctrl-S saves; q again quits without them", edits))
        note = StatusNote(text: text, isError: true)
        return false
    }
}
