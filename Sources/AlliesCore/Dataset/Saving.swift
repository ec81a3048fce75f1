// Saving a dataset without ever losing one: the text is checked by the loader before anything is written, goes to a
// temporary file in the same directory, is synced, and replaces the old file with one rename (then the directory is
// synced). A crash, a kill or a full disk at any moment leaves the old file or the new one, whole. A file that
// changed on disk since it was opened (another editor, a `git pull`) is not overwritten.

import AlliesText

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a save did not happen. The file on disk is as it was in every case.
public enum SaveError: Error, Sendable, CustomStringConvertible {
    /// The dataset would not load back: what the loader says of it.
    case invalid([Diagnostic])
    /// The file is not the one that was opened: changed, replaced or deleted since.
    case changedOnDisk(path: String, what: String)
    /// The system refused: what was being done, and why.
    case system(path: String, doing: String, reason: String)
    /// An edits file is where a new dataset file would be made: another file's edits (`EditJournal`).
    case editsOfAnotherFile(path: String)
    /// The store the dataset's texts are read from lost pages (cut short by another program): they read as zeros.
    case storeCutShort(path: String)

    public var description: String {
        switch self {
        case .invalid(let diagnostics):
            let first = diagnostics.prefix(5).map { "  " + $0.description }.joined(separator: "\n")
            let more = diagnostics.count > 5 ? "\n  " + tr("… and {0} more", diagnostics.count - 5) : ""
            let problems = diagnostics.count == 1 ? tr("1 problem") : tr("{0} problems", diagnostics.count)
            return tr("not saved: the result would not load back ({0}):", problems) + "\n" + first + more
        case .changedOnDisk(let path, let what):
            return tr("not saved: {0} {1} since it was opened; nothing was written.", path, what) + " "
                + tr("Run the command again: it reads the file as it is now")
        case .editsOfAnotherFile(let path):
            return tr("not saved: {0} is there, with the edits of another file of this name;", path) + " "
                + tr("nothing was written. Move it beside that file (moved away without it?), or aside, and save again")
        case .system(let path, let doing, let reason):
            return tr("not saved: cannot {0} {1}: {2}; the file is as it was", doing, path, reason)
        case .storeCutShort(let path):
            return tr(
                "not saved: {0}, the store this session reads texts from, was cut short by another program;", path)
                + " " + tr("nothing was written. Quit and open the file again")
        }
    }
}

extension Dataset {
    /// Why nothing may be written now: a store whose texts this process reads in place lost pages since it was
    /// mapped, so texts read from it are zeros (`FileBytes.textsCutShort`). Asked once the text to write is made
    /// (reading it may be what finds the pages gone).
    static var textsLost: SaveError? { FileBytes.textsCutShort.map { .storeCutShort(path: $0.path) } }
}

extension Dataset {
    /// Writes the dataset to `path` in its canonical form, safely (see the top of this file). `expected` is the
    /// stamp the file had when it was opened: the save is refused when the file is no longer that one (nil: the
    /// file must not exist yet). Returns the new file's stamp.
    public func save(to path: String, expected: SourceStamp?) -> Result<SourceStamp, SaveError> {
        save(to: path, expected: expected, appending: [Alliance]())
    }

    /// `save` of this dataset with `more` alliances after its own: they are made one at a time as they are written
    /// (an import of a million rows never holds a million alliances).
    /// `afterWriting` is called once the text is written, before it is checked: to give back what made it.
    public func save(
        to path: String, expected: SourceStamp?, appending more: some Sequence<Alliance>,
        afterWriting: () -> Void = {}
    ) -> Result<SourceStamp, SaveError> {
        Dataset.saveChecked(to: path, expected: expected, afterWriting: afterWriting) { sink in
            try Dataset.writeCanonicalJSON(
                articles: articles, groups: groups, companies: companies,
                alliances: [AnySequence(alliances), AnySequence(more)].joined(), claims: claims, people: people,
                shareEstimates: shareEstimates, to: sink)
        }
    }

    private struct WriteFailure: Error { let reason: String }

    /// The whole of `save`: the canonical bytes go to the temporary file as they are made (no copy of the whole
    /// text in memory), and that file is checked by the loader (its pages given back as it goes, its records read
    /// and dropped) before it replaces anything. An invalid dataset leaves no file behind.
    /// `checkingDataset` false writes any file the same safe way (`writeFileSafely`), with no loader check.
    static func saveChecked(
        to path: String, expected: SourceStamp?, checkingDataset: Bool = true, modeOf: String? = nil,
        afterWriting: () -> Void = {}, write: ((UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Void
    ) -> Result<SourceStamp, SaveError> {
        // Through a symbolic link, the file it leads to is saved (as editors do): replacing the link by a file would
        // leave the file it led to as it was, read by its own name without the change.
        let path = writeTarget(path)
        // Refused before writing anything when the file is already not the one opened (checked again at the rename),
        // or read-only.
        if let problem = changeSince(expected, path) ?? readOnly(path) { return .failure(problem) }
        // An edits file where a new dataset file is made holds the edits of another file of that name (one moved
        // away without it): never written into this one, nor removed with the edits of this one.
        let journal = EditJournal.path(for: path)
        if checkingDataset, expected == nil, access(journal, F_OK) == 0 {
            return .failure(.editsOfAnotherFile(path: journal))
        }
        let directory = Self.directory(of: path)
        let name = fileName(path)
        removeAbandonedTemporaries(of: name, in: directory)
        // A hidden temporary beside the file (the rename must not cross file systems), named with this process's id
        // so that one left by a killed save is recognised and removed by the next.
        var template = Array((directory + "/." + name + ".saving-\(getpid())-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            return .failure(.system(path: directory, doing: tr("create a file in"), reason: errnoText()))
        }
        let temporary = String(cString: template)
        func fail(_ doing: String, _ reason: String) -> Result<SourceStamp, SaveError> {
            close(fd)
            unlink(temporary)
            return .failure(.system(path: path, doing: doing, reason: reason))
        }
        // The old file's permissions carry over (mkstemp makes 0600).
        var old = stat()
        if stat(path, &old) == 0 || modeOf.map({ stat($0, &old) == 0 }) == true {
            fchmod(fd, old.st_mode & 0o7777)
        } else {
            fchmod(fd, 0o644 & ~currentUmask())
        }
        do {
            try write { chunk in
                if let reason = writeAll(fd, UnsafeRawBufferPointer(chunk)) { throw WriteFailure(reason: reason) }
            }
        } catch {
            return fail(tr("write"), (error as? WriteFailure)?.reason ?? "\(error)")
        }
        afterWriting()
        if let lost = textsLost {
            close(fd)
            unlink(temporary)
            return .failure(lost)
        }
        guard fsync(fd) == 0 else { return fail(tr("sync"), errnoText()) }
        // A dataset written whole takes in the edits file beside it (what was loaded had its edits applied): the
        // edits file is marked as written into this version before the rename, and removed after it.
        var folding: (journal: String, into: EditJournal.Identity)? = nil
        // Checked first: the exact bytes that will replace the file must load back.
        if checkingDataset {
            switch FileBytes.open(temporary) {
            case .failure(let error): return fail(tr("read back"), error.message)
            case .success(let file):
                // Only the edits file that was read with the dataset (its stamp expected) is written in.
                if expected?.edits != nil, access(journal, F_OK) == 0 {
                    folding = (journal, EditJournal.Identity(file))
                }
                if let error = Dataset.check(file.buffer, file: path, progress: { file.release(upTo: $0) }) {
                    close(fd)
                    unlink(temporary)
                    return .failure(.invalid(error.diagnostics))
                }
            }
        }
        guard close(fd) == 0 else {
            unlink(temporary); return .failure(.system(path: path, doing: tr("close"), reason: errnoText()))
        }
        return replace(path, with: temporary, expected: expected, directory: directory, folding: folding)
    }

    /// The file a save of `path` writes: the one a symbolic link leads to (when it leads to one), else `path`.
    static func writeTarget(_ path: String) -> String {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK, let resolved = realpath(path, nil) else {
            return path
        }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Writes any file as safely as a dataset (temporary, sync, rename, directory sync), replacing what is there:
    /// an import's rejects and review decisions. Returns why it could not.
    public static func writeFileSafely(_ bytes: [UInt8], to path: String) -> SaveError? {
        let result = saveChecked(to: path, expected: SourceStamp.of(path), checkingDataset: false) { sink in
            try bytes.withUnsafeBufferPointer(sink)
        }
        if case .failure(let error) = result { return error }
        return nil
    }

    /// Renames the written and synced `temporary` over `path` unless `path` is no longer the file `expected`.
    private static func replace(
        _ path: String, with temporary: String, expected: SourceStamp?, directory: String,
        folding: (journal: String, into: EditJournal.Identity)? = nil
    ) -> Result<SourceStamp, SaveError> {
        // Looked at again just before the rename: the window for another writer is the rename itself.
        if let problem = changeSince(expected, path) { unlink(temporary); return .failure(problem) }
        if let folding {
            if let error = EditJournal.appendLine(
                EditJournal.foldedLine(folding.into), to: folding.journal, expected: expected?.edits)
            {
                unlink(temporary)
                return .failure(error)
            }
        }
        guard rename(temporary, path) == 0 else {
            let reason = errnoText()
            unlink(temporary)
            return .failure(.system(path: path, doing: tr("replace"), reason: reason))
        }
        // The rename is durable once the directory is synced; then the edits file, now in the file, goes.
        let dir = open(directory, O_RDONLY)
        if dir >= 0 { fsync(dir); close(dir) }
        if let folding, unlink(folding.journal) == 0 {
            let dir = open(directory, O_RDONLY)
            if dir >= 0 { fsync(dir); close(dir) }
        }
        guard let stamp = SourceStamp.of(path) else {
            return .failure(.system(path: path, doing: tr("read back"), reason: tr("it is gone after the rename")))
        }
        return .success(stamp)
    }

    /// Removes `.NAME.saving-PID-XXXXXX` files whose process is gone: what a save killed before its rename left.
    static func removeAbandonedTemporaries(of name: String, in directory: String) {
        guard let dir = opendir(directory) else { return }
        defer { closedir(dir) }
        let prefix = "." + name + ".saving-"
        while let entry = readdir(dir) {
            let file = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard file.hasPrefix(prefix) else { continue }
            let rest = file.dropFirst(prefix.count)
            guard let dash = rest.firstIndex(of: "-"), let pid = pid_t(rest[..<dash]), pid > 0 else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(directory + "/" + file) }
        }
    }

    /// Why the file at `path` is not the one stamped `expected` (nil when it is).
    static func changeSince(_ expected: SourceStamp?, _ path: String) -> SaveError? {
        let now = SourceStamp.of(path)
        switch (expected, now) {
        case (nil, nil): return nil
        case (nil, .some): return .changedOnDisk(path: path, what: tr("was created by something else"))
        case (.some, nil):
            var info = stat()
            return stat(path, &info) == 0
                ? .changedOnDisk(path: path, what: tr("is no longer a regular file"))
                : .changedOnDisk(path: path, what: tr("was deleted"))
        case (.some(let a), .some(let b)):
            if a == b { return nil }
            // The file as it was, its edits file not: another session saved edits (or someone wrote them in).
            if a.edits != b.edits, var same = b as SourceStamp? {
                same.edits = a.edits
                if same == a {
                    return .changedOnDisk(
                        path: EditJournal.path(for: path),
                        what: b.edits == nil
                            ? tr("was deleted")
                            : a.edits == nil ? tr("was created by something else") : tr("was changed"))
                }
            }
            return .changedOnDisk(
                path: path, what: a.inode != b.inode || a.device != b.device ? tr("was replaced") : tr("was changed"))
        }
    }

    /// Why the file at `path` must not be written: it is there and read-only (its permissions let this user not
    /// write it, or it has no write permission for anyone, which even the superuser is held to, as editors do). A
    /// save replaces the file by renaming a new one over it, which its own permissions would not stop. nil when it
    /// may be written or is not there.
    static func readOnly(_ path: String) -> SaveError? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        guard access(path, W_OK) != 0 || info.st_mode & 0o222 == 0 else { return nil }
        return .system(path: path, doing: tr("write"), reason: tr("it is read-only (its permissions allow no writing)"))
    }

    /// Makes the directory a file will be saved in, and any missing parent, private to the user (0700); nil when it
    /// is there.
    public static func makeDirectory(for path: String) -> SaveError? {
        let directory = Self.directory(of: path)
        var made = directory.hasPrefix("/") ? "" : "."
        for part in directory.split(separator: "/", omittingEmptySubsequences: true) {
            made += "/" + part
            if mkdir(made, 0o700) != 0 && errno != EEXIST {
                return .system(path: made, doing: tr("create the directory"), reason: SystemError.text(errno))
            }
        }
        return nil
    }

    /// Writes the dataset, edits that could not be saved at `path` included, to a file of its own in `directory`
    /// (made if need be), named after `path` and this process: the edits survive the session (a terminal closed, a
    /// crash) and can be opened with `--data`. The copy's path, or nil when it could not be written either.
    public func saveUnsavedCopy(of path: String, in directory: String) -> String? {
        let name = path.split(separator: "/").last.map(String.init) ?? "allies.json"
        let stem = name.hasSuffix(".json") ? String(name.dropLast(5)) : name
        let copy = directory + "/" + stem + ".unsaved-" + Self.session + ".json"
        guard Self.makeDirectory(for: copy) == nil,
            Self.writeFileSafely(Array(canonicalJSON().utf8), to: copy) == nil
        else { return nil }
        return copy
    }

    /// This process in the name of a copy of its unsaved edits: its id and when it first wrote one (UTC), so that a
    /// later process given the same id (containers reuse them) does not write over an earlier session's copy, and a
    /// session's own copy is rewritten with all of its edits.
    public static let session: String = {
        let time = EditJournal.now().filter { $0 != "-" && $0 != ":" }
        return "\(getpid())-" + time
    }()

    /// Removes a copy `saveUnsavedEdits` or `saveUnsavedCopy` wrote, once a save has put every edit it holds into a
    /// file: true when it was removed.
    public static func removeUnsavedCopy(_ copy: String) -> Bool { unlink(copy) == 0 }

    /// The changes from `baseline` (the file at `path` as it was read) to this dataset, written as an edits file of
    /// their own in `directory`: `NAME.unsaved-PID-TIME.edits.jsonl`, a few kilobytes where a copy of a large
    /// dataset is gigabytes. Its first line names no version of the file (it may have changed: why the save failed),
    /// so it is never applied on open; `allies merge-edits` puts it into the file as it is, field by field. Its path,
    /// or nil.
    public func saveUnsavedEdits(since baseline: Dataset, of path: String, in directory: String) -> String? {
        let name = Self.fileName(path)
        let stem = name.hasSuffix(".json") ? String(name.dropLast(5)) : name
        let copy = directory + "/" + stem + ".unsaved-" + Self.session + ".edits.jsonl"
        let text = EditJournal.header(name: name, base: nil) + "\n" + changes(since: baseline).text + "\n"
        guard Self.makeDirectory(for: copy) == nil, Self.writeFileSafely(Array(text.utf8), to: copy) == nil else {
            return nil
        }
        return copy
    }

    /// The directory a file at `path` would be saved in when it is not there yet (saving makes it), else nil.
    public static func directoryToMake(for path: String) -> String? {
        let directory = Self.directory(of: path)
        var info = stat()
        return stat(directory, &info) == 0 ? nil : directory
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Writes everything, through short writes and interruptions; the reason on failure (`No space left on device`).
    static func writeAll(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) -> String? {
        do {
            var done = 0
            while done < buffer.count {
                let n = write(fd, buffer.baseAddress! + done, min(buffer.count - done, 1 << 24))
                if n < 0 {
                    if errno == EINTR { continue }
                    return errnoText()
                }
                if n == 0 { return tr("the device accepted no more bytes") }
                done += n
            }
            return nil
        }
    }

    private static func currentUmask() -> mode_t {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }
}

/// Where a path someone types is resolved from: the directory Allies was started in, and the home directory. Taken
/// once by the executable (`current`) and handed to the explorer, whose `update` reads no process state.
public struct PathBase: Sendable, Equatable {
    public var directory: String?
    public var home: String?
    /// Where a copy of edits that could not be saved goes ($XDG_STATE_HOME/allies/unsaved); nil: nowhere (tests).
    public var unsaved: String?
    /// Where the stores of datasets are kept (`DatasetCache.directory`), so a saved session's store is written
    /// there; nil: none (tests, `--no-cache`).
    public var stores: String?

    public init(directory: String?, home: String?, unsaved: String? = nil) {
        self.directory = directory; self.home = home; self.unsaved = unsaved
    }

    /// `current`, with the copies of unsaved edits in $XDG_STATE_HOME/allies/unsaved ($HOME/.local/state when it is
    /// unset): what the explorer is given.
    public static var forExplorer: PathBase {
        var base = current
        func env(_ name: String) -> String? {
            getenv(name).map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        let state = env("XDG_STATE_HOME") ?? base.home.map { $0 + "/.local/state" }
        base.unsaved = state.map { (($0.hasSuffix("/") ? String($0.dropLast()) : $0)) + "/allies/unsaved" }
        base.stores = DatasetCache.directory
        return base
    }

    /// This process's current directory and $HOME.
    public static var current: PathBase {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let directory = getcwd(&buffer, buffer.count) != nil ? String(cString: buffer) : nil
        return PathBase(directory: directory, home: getenv("HOME").map { String(cString: $0) })
    }

    /// `path` as a full path: `~/…` in the home directory, a relative one in the directory; `.` and `..` parts and
    /// repeated slashes resolved by name (the file need not exist; `link/..` is taken as written, not where a
    /// symbolic link leads). Nil when the home directory or the directory is needed and not known.
    public func absolute(_ path: String) -> String? {
        var full = path
        if path == "~" || path.hasPrefix("~/") {
            guard let home, home.hasPrefix("/") else { return nil }
            full = home + path.dropFirst()
        } else if !path.hasPrefix("/") {
            guard let directory, directory.hasPrefix("/") else { return nil }
            full = directory + "/" + path
        }
        var parts: [Substring] = []
        for part in full.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": _ = parts.popLast()
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }
}
