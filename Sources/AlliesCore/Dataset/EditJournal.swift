// Edits to a large dataset, kept beside it (#17): saving one changed deal in a file of a million alliances must not
// rewrite 1.4 GB. A save appends one line to NAME.edits.jsonl holding the records it removes and the records it puts
// (whole, in their canonical JSON), and every reader of NAME applies those lines after the file (`Dataset.load`), so
// NAME and its edits file are one dataset. A full save (`allies fold-edits`, or any save of a small file) writes
// them into NAME and removes the edits file.
//
// Never a lost or a wrong fact:
// - The file's first line names the exact version of NAME the edits were saved to (its size and a checksum of its
//   bytes). Edits made to another version (NAME replaced since) are refused on open, never applied to the wrong file.
//   The checksum of NAME is remembered beside its store for NAME's stamp (size, times, inode, device), the stamp a
//   store trusts to name one version of NAME: 1.4 GB are not read again at every edit (`Identity.of`).
// - A line is checked before it is written: read back and applied to what the file held, it must give exactly the
//   dataset saved; otherwise the save writes the whole file instead.
// - A line is appended with one write and synced before the save says it is done. A crash in the middle leaves a
//   last line without its newline: a save that never said it was done, which readers leave out and the next save
//   cuts off.
// - A full save marks the edits file as written into NAME (`folded-into`, NAME's new size and checksum) before the
//   rename, and removes it after: a crash between the two leaves either the old NAME with its edits to apply, or the
//   new NAME with an edits file that says it is already in.

import AlliesText

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

public enum EditJournal {
    /// The edits file beside a dataset file: beside the file itself when `dataset` is a symbolic link (so the file
    /// reached by another name has the same edits).
    public static func path(for dataset: String) -> String {
        guard let resolved = realpath(dataset, nil) else { return dataset + ".edits.jsonl" }
        defer { free(resolved) }
        return String(cString: resolved) + ".edits.jsonl"
    }

    static let format = "allies-edits"
    /// Pins the checksum too (`DatasetCache.checksum`, in `base` and `folded-into`): a change of it is a new version
    /// (`EditJournalTests.theChecksumIsPinned`), or every edits file would name "another version" of its file.
    /// 2: each save also holds the records as they were before it (`was`), so its edits can be merged field by field
    /// into another version of the file (`allies merge-edits`); a copy of unsaved edits may name no base. Files of
    /// version 1 are read as before, and appended to without `was`.
    static let version = 2
    static let versionsRead: Set<Int> = [1, 2]

    /// Datasets from this size up save their edits beside them; smaller ones are rewritten whole (a fraction of a
    /// second, and one file to copy or commit).
    public static let defaultThreshold: UInt64 = 64 << 20

    /// `defaultThreshold`, unless $ALLIES_EDITS_FILE_FROM gives another number of bytes (0: every file; to try the
    /// edits file on a small dataset, and for the tests that run the program).
    public static var threshold: UInt64 {
        guard let text = getenv("ALLIES_EDITS_FILE_FROM").map({ String(cString: $0) }), let bytes = UInt64(text) else {
            return defaultThreshold
        }
        return bytes
    }

    /// One version of a dataset file's bytes.
    public struct Identity: Equatable, Sendable {
        public internal(set) var bytes: UInt64
        public internal(set) var checksum: UInt64

        init(bytes: UInt64, checksum: UInt64) { self.bytes = bytes; self.checksum = checksum }

        init(_ buffer: UnsafeBufferPointer<UInt8>) {
            bytes = UInt64(buffer.count)
            checksum = DatasetCache.checksum(UnsafeRawBufferPointer(buffer))
        }

        /// A mapped file's identity, its pages given back as the checksum passes them (a 1.4 GB file is not held
        /// whole for it).
        init(_ file: FileBytes) {
            bytes = UInt64(file.buffer.count)
            var given = 0
            checksum = DatasetCache.checksum(UnsafeRawBufferPointer(file.buffer)) {
                file.giveBack(from: &given, upTo: $0)
            }
        }

        /// The identity of a dataset file opened whole, remembered beside its store for the file's stamp (its size,
        /// times, inode and device: what a store trusts to name one version of the file), so that a large file's
        /// bytes are read for their checksum once, not at every edit (at a million alliances, 1.4 GB: seconds from
        /// disk). Else its bytes are read, and remembered when the file did not change meanwhile.
        static func of(_ file: FileBytes, directory: String? = DatasetCache.directory) -> Identity {
            guard let stamp = file.stamp,
                let memo = DatasetCache.fileBesideStore(of: file.path, suffix: ".identity", directory: directory)
            else { return Identity(file) }
            if let known = remembered(memo, stamp: stamp) { return known }
            let identity = Identity(file)
            if !file.changedSinceOpened { identity.remember(memo, stamp: stamp) }
            return identity
        }

        /// The identity of one version of a file, named by its stamp (size, times, inode, device): taken as the file
        /// is decoded, remembered beside the store written of that decoding (`OpenedDataset.saveSnapshot`), so the
        /// memo is only ever where a store of the file is.
        public struct Taken: Sendable, Equatable {
            let stamp: SourceStamp
            let identity: Identity

            /// What `of` gives for the file at `source` from now on, while its stamp is this one.
            func remember(besideStoreOf source: String, directory: String?) {
                guard let memo = DatasetCache.fileBesideStore(of: source, suffix: ".identity", directory: directory)
                else { return }
                identity.remember(memo, stamp: stamp)
            }
        }

        /// `SIZE SECONDS NANOSECONDS INODE DEVICE BYTES CHECKSUM\n`: the file's stamp, then its identity, the
        /// checksum in 16 hex digits as an edits file has it. Anything else (a memo cut short) is not one.
        private static func remembered(_ memo: String, stamp: SourceStamp) -> Identity? {
            guard case .success(let bytes) = Dataset.readFile(memo), bytes.count < 256, bytes.last == 0x0A,
                bytes.dropLast().allSatisfy({
                    $0 == 0x20 || $0 == 0x2D || (0x30...0x39).contains($0) || (0x61...0x66).contains($0)
                })
            else { return nil }
            let words = String(decoding: bytes, as: UTF8.self).split { $0 == " " || $0 == "\n" }
            guard words.count == 7, let size = UInt64(words[0]), let seconds = Int64(words[1]),
                let nanoseconds = Int64(words[2]), let inode = UInt64(words[3]), let device = UInt64(words[4]),
                let count = UInt64(words[5]), count == size, words[6].count == 16,
                let sum = UInt64(words[6], radix: 16),
                SourceStamp(size: size, seconds: seconds, nanoseconds: nanoseconds, inode: inode, device: device)
                    == stamp
            else { return nil }
            return Identity(bytes: count, checksum: sum)
        }

        /// Written to a temporary file and renamed (not synced: a memo lost or cut by a crash is read again).
        private func remember(_ memo: String, stamp: SourceStamp) {
            let text =
                "\(stamp.size) \(stamp.seconds) \(stamp.nanoseconds) \(stamp.inode) \(stamp.device) \(bytes) "
                + Self.hex(checksum) + "\n"
            let temporary = memo + ".\(getpid()).tmp"
            let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
            guard fd >= 0 else { return }
            let written = Array(text.utf8).withUnsafeBytes { Dataset.writeAll(fd, $0) } == nil
            close(fd)
            if !written || rename(temporary, memo) != 0 { unlink(temporary) }
        }

        var json: JSONValue {
            .object([("bytes", .number(Double(bytes))), ("checksum", .string(Self.hex(checksum)))])
        }

        static func hex(_ v: UInt64) -> String {
            let h = String(v, radix: 16)
            return String(repeating: "0", count: 16 - h.count) + h
        }
    }

    /// The changes one save made: records removed, then records put (in place of the record with the same id, else
    /// at the end of their list), in the dataset's list order.
    public struct Save: Sendable {
        /// When it was saved, UTC, to the second (`2026-12-04T20:31:05Z`).
        public var at: String
        public var removed: [RecordKey]
        public var put: [(list: RecordListName, records: [JSONValue])]
        /// The records it removes or changes, as they were before it; nil when not kept (version 1 lines). A record
        /// it puts that is not here is one it added.
        public var was: [(list: RecordListName, records: [JSONValue])]?
        /// Its line in the edits file (0 before it is written).
        var line: Int = 0

        public var isEmpty: Bool { removed.isEmpty && put.allSatisfy { $0.records.isEmpty } }
        public var count: Int { removed.count + put.reduce(0) { $0 + $1.records.count } }

        /// The save as one line of JSON (its strings escape every control character, so no newline inside).
        var text: String {
            let removals = JSONValue.array(
                removed.map { .object([("list", .string($0.list.rawValue)), ("id", .string($0.id))]) })
            let puts = JSONValue.object(
                put.filter { !$0.records.isEmpty }.map { ($0.list.rawValue, .array($0.records)) })
            var fields: [(String, JSONValue)] = [("save", .string(at)), ("remove", removals), ("put", puts)]
            if let was {
                fields.append(
                    ("was", .object(was.filter { !$0.records.isEmpty }.map { ($0.list.rawValue, .array($0.records)) })))
            }
            return JSONValue.object(fields).rendered(indent: 0)
        }
    }

    /// What an edits file holds.
    struct Contents: Sendable {
        var version: Int
        /// nil: not known (a copy of a session's unsaved edits): never applied on open, only merged.
        var base: Identity?
        var datasetName: String?
        var saves: [Save]
        /// The `folded-into` lines: the versions of the dataset file these edits were written into (a full save
        /// that stopped after its rename and before removing this file; another one after that, stopped before).
        var foldedInto: [Identity]
        /// Bytes up to the end of the last whole line; a cut-off line after it is not part of the file.
        var wholeLength: Int
        var size: Int
    }

    /// How many saves the edits file at `path` holds (0 when there is none or it cannot be read).
    public static func saveCount(at path: String) -> Int {
        guard case .success(let contents?) = read(path) else { return 0 }
        return contents.saves.count
    }

    /// Whether the edits file at `path` is left from edits written into the dataset file `dataset` as it is now (a
    /// fold that could not remove it): what `apply` leaves out. Not when `dataset` is the version the edits were
    /// saved to (a fold whose rename failed, a backup put back): then they are applied.
    public static func isWrittenIn(at path: String, dataset: String) -> Bool {
        guard case .success(let contents?) = read(path, saves: false), !contents.foldedInto.isEmpty,
            case .success(let identity) = identity(of: dataset)
        else { return false }
        return identity != contents.base && contents.foldedInto.contains(identity)
    }

    /// Whether the edits file at `path` ends in a line cut short (a save that did not finish, left out).
    public static func endsCutShort(at path: String) -> Bool {
        guard case .success(let contents?) = read(path, saves: false) else { return false }
        return contents.wholeLength < contents.size
    }

    /// Reads the edits file at `path`; nil when there is none.
    /// `saves` false: the save lines are counted, not read (a save only needs to know whether the file was written
    /// in: a long session's edits file is not parsed again at every save).
    /// `upTo`: its first bytes only (the size a stamp took).
    static func read(_ path: String, saves: Bool = true, upTo: Int? = nil) -> Result<Contents?, DatasetError> {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { return .success(nil) }
            return .failure(problem(path, nil, tr("cannot open: {0}", Dataset.errnoText())))
        }
        switch Dataset.readFile(path) {
        case .failure(let error): return .failure(problem(path, nil, error.message))
        case .success(let bytes):
            guard let upTo, upTo < bytes.count else { return parse(bytes, file: path, saves: saves) }
            return parse(Array(bytes[0..<upTo]), file: path, saves: saves)
        }
    }

    static func problem(_ file: String, _ position: SourcePosition?, _ message: String, field: String? = nil)
        -> DatasetError
    {
        DatasetError([Diagnostic(file: file, position: position, record: nil, field: field, message: message)])
    }

    /// The lines of an edits file: its header, its saves and `folded-into` marks. `file` names it in messages.
    static func parse(_ bytes: [UInt8], file: String, saves: Bool = true) -> Result<Contents?, DatasetError> {
        // The last line without its newline is a save cut off by a crash: it never said it was done.
        let wholeLength = (bytes.lastIndex(of: UInt8(ascii: "\n")) ?? -1) + 1
        var lines: [(number: Int, bytes: ArraySlice<UInt8>)] = []
        var start = 0
        for i in 0..<wholeLength where bytes[i] == UInt8(ascii: "\n") {
            lines.append((lines.count + 1, bytes[start..<i]))
            start = i + 1
        }
        guard let first = lines.first else {
            // Never made by a save (a new edits file is written whole, then renamed): an empty file, or one cut short.
            return .failure(
                problem(
                    file, SourcePosition(line: 1, column: 1),
                    tr("expected a first line naming the dataset's version the edits were saved to")))
        }
        func object(_ line: (number: Int, bytes: ArraySlice<UInt8>)) -> Result<[(String, JSONValue)], DatasetError> {
            switch JSONValue.parse(Array(line.bytes)) {
            case .failure(let e):
                return .failure(
                    problem(
                        file, SourcePosition(line: line.number, column: e.offset + 1),
                        e.message + "; "
                            + tr("each line of an edits file is one JSON object (FORMAT.md, \"The edits file\"):")
                            + " " + tr("mend the line or remove it (its edits are then lost)")))
            case .success(.object(let fields)): return .success(fields)
            case .success:
                return .failure(problem(file, SourcePosition(line: line.number, column: 1), tr("expected an object")))
            }
        }
        func at(_ line: Int) -> SourcePosition { SourcePosition(line: line, column: 1) }
        func identity(_ value: JSONValue?, line: Int, field: String) -> Result<Identity, DatasetError> {
            guard case .object(let f)? = value,
                case .number(let n)? = f.first(where: { $0.0 == "bytes" })?.1, n >= 0, n < 1e18, n == n.rounded(),
                case .string(let hex)? = f.first(where: { $0.0 == "checksum" })?.1, hex.utf8.count == 16,
                let sum = UInt64(hex, radix: 16)
            else {
                return .failure(
                    problem(
                        file, at(line), tr("expected {0}", "{\"bytes\": N, \"checksum\": \"16 hex digits\"}"),
                        field: field))
            }
            return .success(Identity(bytes: UInt64(n), checksum: sum))
        }
        let base: Identity?
        var fileVersion = version
        var datasetName: String? = nil
        switch object(first) {
        case .failure(let e): return .failure(e)
        case .success(let header):
            guard case .string(format)? = header.first(where: { $0.0 == "format" })?.1 else {
                return .failure(problem(file, at(1), tr("expected \"format\": \"{0}\"", format), field: "format"))
            }
            guard case .number(let number)? = header.first(where: { $0.0 == "version" })?.1,
                let read = Int(exactly: number), versionsRead.contains(read)
            else {
                return .failure(
                    problem(
                        file, at(1), tr("expected \"version\": {0} (written by another version of allies?)", version),
                        field: "version"))
            }
            fileVersion = read
            if case .string(let name)? = header.first(where: { $0.0 == "dataset" })?.1 { datasetName = name }
            let given = header.first(where: { $0.0 == "base" })?.1
            if read >= 2, given == .null {
                base = nil
            } else {
                switch identity(given, line: 1, field: "base") {
                case .failure(let e): return .failure(e)
                case .success(let b): base = b
                }
            }
        }
        var contents = Contents(
            version: fileVersion, base: base, datasetName: datasetName, saves: [], foldedInto: [],
            wholeLength: wholeLength, size: bytes.count)
        let folded = Array("{\"folded-into\"".utf8)
        for line in lines.dropFirst() {
            if !saves && !line.bytes.starts(with: folded) { continue }
            let fields: [(String, JSONValue)]
            switch object(line) {
            case .failure(let e): return .failure(e)
            case .success(let f): fields = f
            }
            if let folded = fields.first(where: { $0.0 == "folded-into" }) {
                switch identity(folded.1, line: line.number, field: "folded-into") {
                case .failure(let e): return .failure(e)
                case .success(let i): contents.foldedInto.append(i)
                }
                continue
            }
            switch save(fields, line: line.number, file: file) {
            case .failure(let e): return .failure(e)
            case .success(let s): contents.saves.append(s)
            }
        }
        return .success(contents)
    }

    /// One `save` line's fields: `{"save": TIME, "remove": [{"list": L, "id": ID}…], "put": {L: [RECORD…]…}}`.
    static func save(_ fields: [(String, JSONValue)], line: Int, file: String) -> Result<Save, DatasetError> {
        let position = SourcePosition(line: line, column: 1)
        for (key, _) in fields where !["save", "remove", "put", "was"].contains(key) {
            return .failure(problem(file, position, tr("unknown field \"{0}\"", key), field: key))
        }
        guard case .string(let time)? = fields.first(where: { $0.0 == "save" })?.1 else {
            return .failure(
                problem(file, position, tr("expected a line with \"save\", \"remove\" and \"put\""), field: "save"))
        }
        var result = Save(at: time, removed: [], put: [], line: line)
        if let remove = fields.first(where: { $0.0 == "remove" })?.1 {
            guard case .array(let items) = remove else {
                return .failure(problem(file, position, tr("expected a list"), field: "remove"))
            }
            for (i, item) in items.enumerated() {
                guard case .object(let f) = item, case .string(let name)? = f.first(where: { $0.0 == "list" })?.1,
                    let list = RecordListName(rawValue: name),
                    case .string(let id)? = f.first(where: { $0.0 == "id" })?.1
                else {
                    return .failure(
                        problem(
                            file, position, tr("expected {0}", "{\"list\": \"alliances\", \"id\": \"…\"}"),
                            field: "remove[\(i)]"))
                }
                result.removed.append(RecordKey(list, id))
            }
        }
        for field in ["put", "was"] {
            guard let value = fields.first(where: { $0.0 == field })?.1 else { continue }
            guard case .object(let lists) = value else {
                return .failure(problem(file, position, tr("expected an object of lists of records"), field: field))
            }
            var read: [(list: RecordListName, records: [JSONValue])] = []
            for (name, value) in lists {
                guard let list = RecordListName(rawValue: name), case .array(let records) = value else {
                    return .failure(
                        problem(
                            file, position, tr("expected a list of records of one of the dataset's lists"),
                            field: "\(field).\(name)"))
                }
                read.append((list, records))
            }
            if field == "put" { result.put = read } else { result.was = read }
        }
        return .success(result)
    }

    /// The header line of a new edits file for the dataset file `name` as `base`.
    /// nil `base`: not known (a copy of unsaved edits, `Dataset.saveUnsavedEdits`).
    static func header(name: String, base: Identity?) -> String {
        JSONValue.object([
            ("format", .string(format)), ("version", .number(Double(version))), ("dataset", .string(name)),
            ("base", base?.json ?? .null),
        ]).rendered(indent: 0)
    }

    static func foldedLine(_ identity: Identity) -> String {
        JSONValue.object([("folded-into", identity.json)]).rendered(indent: 0)
    }

    /// Now, UTC, to the second.
    static func now() -> String {
        var t = time(nil)
        var parts = tm()
        gmtime_r(&t, &parts)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):"
            + "\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}

// MARK: - Reading: a dataset with its edits

extension EditJournal {
    /// `dataset`, read from the file `datasetPath` whose bytes are `identity`, with the edits file beside it applied.
    /// Edits saved to another version of the file are refused; edits already written into it are left out.
    static func apply(
        _ contents: Contents, to dataset: consuming Dataset, identity: Identity, datasetPath: String
    ) -> Result<Dataset, DatasetError> {
        let file = path(for: datasetPath)
        let name = Dataset.fileName(datasetPath)
        guard let base = contents.base else {
            return .failure(
                problem(
                    file, SourcePosition(line: 1, column: 1),
                    tr("holds a copy of unsaved edits, of no known version of {0}: they are not applied.", name) + " "
                        + tr("Move this file aside; `allies --data {0} merge-edits FILE` puts its edits into {0}", name)
                ))
        }
        if identity != base {
            if contents.foldedInto.contains(identity) { return .success(dataset) }
            return .failure(
                problem(
                    file, SourcePosition(line: 1, column: 1),
                    tr("holds edits saved to another version of {0}", name) + " "
                        + (base.bytes == identity.bytes
                            ? tr("(the same size, other bytes):")
                            : tr("(it was {0} bytes, it is {1} now):", base.bytes, identity.bytes))
                        + " " + tr("they are not applied.") + " "
                        + tr("Move this file aside to open {0} without them,", name)
                        + " " + tr("or put back the version of {0} they were saved to", name) + " "
                        + tr("(or merge them into this one: `allies --data {0} merge-edits MOVED-FILE`)", name)))
        }
        return apply(contents.saves, to: dataset, file: file)
    }

    /// Applies `saves` of the edits file `file` in turn, each checked as the file's records are.
    static func apply(_ saves: [Save], to dataset: consuming Dataset, file: String) -> Result<Dataset, DatasetError> {
        var d = consume dataset
        let ids = DatasetIDs()
        for save in saves {
            let before = d.articleTexts(of: save)
            if let error = d.apply(save, file: file, ids: ids) { return .failure(error) }
            if let error = d.wholeAfter(save, articleTextsBefore: before, file: file) { return .failure(error) }
        }
        return .success(d)
    }

    /// The saves of `source`'s edits file (its first `size` bytes) after its first `covered` bytes, which must have
    /// the checksum a store of the file recorded: the saves that store lacks. Nil when the edits file is not the
    /// one the store was made with, or (a store of the file before it had edits) its edits are of another version
    /// of the file: the file is then read as usual, which says why.
    static func saves(of source: String, after covered: Int, checksum: UInt64, size: Int) -> [Save]? {
        let file = path(for: source)
        guard covered <= size, case .success(let read) = Dataset.readFile(file), read.count >= size else { return nil }
        let bytes = Array(read[0..<size])
        let held = bytes.withUnsafeBytes { DatasetCache.checksum(UnsafeRawBufferPointer(rebasing: $0[0..<covered])) }
        guard covered == 0 || held == checksum, case .success(let all?) = parse(bytes, file: file) else { return nil }
        if covered == 0 {
            // Edits made since the store: of this version of the file (its bytes read once for their checksum), or
            // already written into it.
            guard let base = all.base, case .success(let identity) = identity(of: source) else { return nil }
            if identity == base { return all.saves }
            return all.foldedInto.contains(identity) ? [] : nil
        }
        guard case .success(let before?) = parse(Array(bytes[0..<covered]), file: file), before.base == all.base
        else { return nil }
        return Array(all.saves.dropFirst(before.saves.count))
    }
}

/// The ids of a dataset's records, for checking a few records against a large dataset without declaring all of its
/// ids first: a list is scanned while it is asked little, and put into a set once it is asked more (an edit of a few
/// records asks a handful of times; the edits of a long session, or a large save, get the sets). Kept up to date as
/// saves are applied.
final class DatasetIDs {
    private var sets: [RecordListName: Set<String>] = [:]
    private var asked: [RecordListName: Int] = [:]
    /// Asked this many times, a list is put into a set.
    private let scanLimit: Int

    init(scanLimit: Int = 3) { self.scanLimit = scanLimit }

    func has(_ list: RecordListName, _ id: String, in dataset: Dataset) -> Bool {
        if let set = sets[list] { return set.contains(id) }
        asked[list, default: 0] += 1
        func ids<T: Identifiable<String>>(_ records: [T]) -> (scan: Bool, set: Set<String>?) {
            if asked[list]! <= scanLimit { return (records.contains { $0.id == id }, nil) }
            let set = Set(records.lazy.map(\.id))
            return (set.contains(id), set)
        }
        let found: (scan: Bool, set: Set<String>?)
        switch list {
        case .articles: found = ids(dataset.articles)
        case .groups: found = ids(dataset.groups)
        case .companies: found = ids(dataset.companies)
        case .alliances: found = ids(dataset.alliances)
        case .claims: found = ids(dataset.claims)
        case .people: found = ids(dataset.people)
        case .shareEstimates: found = ids(dataset.shareEstimates)
        }
        if let set = found.set { sets[list] = set }
        return found.scan
    }

    func removed(_ keys: some Sequence<RecordKey>) {
        for key in keys { sets[key.list]?.remove(key.id) }
    }

    func added(_ keys: some Sequence<RecordKey>) {
        for key in keys { sets[key.list]?.insert(key.id) }
    }
}

extension RecordList {
    var listName: RecordListName {
        switch self {
        case .articles: return .articles
        case .groups: return .groups
        case .companies: return .companies
        case .alliances: return .alliances
        case .claims: return .claims
        case .people: return .people
        case .shareEstimates: return .shareEstimates
        }
    }
}

extension Dataset {
    /// Applies one save in place: its records removed, then its records put, each checked by the decoder against
    /// the rest as a file's are (`file` and the save's line name them in messages). A record put in place of one with
    /// its id stays where that one was; a new one goes at the end of its list. On a problem, returns it (the dataset
    /// is then half changed: the caller drops it).
    mutating func apply(_ save: EditJournal.Save, file: String, ids: DatasetIDs) -> DatasetError? {
        if !save.removed.isEmpty {
            removeInPlace(save.removed)
            ids.removed(save.removed)
        }
        // Decoded in a function of its own, so that nothing holds this dataset's lists any more when they are
        // changed below: a list shared is copied whole on its first change (a million alliances for one record).
        switch decodedPut(save, file: file, ids: ids) {
        case nil: return nil
        case .failure(let error)?: return error
        case .success(let (added, putKeys))?:
            func place<T: Identifiable<String>>(_ list: inout [T], _ new: [T]) {
                guard !new.isEmpty else { return }
                var at: [String: Int] = [:]
                if new.count > 8 {
                    for (i, r) in list.enumerated() where at[r.id] == nil { at[r.id] = i }
                }
                for r in new {
                    if let i = new.count > 8 ? at[r.id] : list.firstIndex(where: { $0.id == r.id }) {
                        list[i] = r
                    } else {
                        list.append(r)
                    }
                }
            }
            place(&articles, added.articles)
            place(&groups, added.groups)
            place(&companies, added.companies)
            place(&alliances, added.alliances)
            place(&claims, added.claims)
            place(&people, added.people)
            place(&shareEstimates, added.shareEstimates)
            ids.added(putKeys)
            return nil
        }
    }

    /// The records `save` puts, decoded and checked against this dataset (nil when it puts none), with their keys.
    func decodedPut(_ save: EditJournal.Save, file: String, ids: DatasetIDs)
        -> Result<(added: Dataset, keys: Set<RecordKey>), DatasetError>?
    {
        let put = save.put.filter { !$0.records.isEmpty }
        guard !put.isEmpty else { return nil }
        var putKeys = Set<RecordKey>()
        for (list, records) in put {
            for case .object(let f) in records {
                if case .string(let id)? = f.first(where: { $0.0 == "id" })?.1 { putKeys.insert(RecordKey(list, id)) }
            }
        }
        let fragment = Array(
            JSONValue.object(put.map { ($0.list.rawValue, .array($0.records)) }).rendered(indent: 0).utf8)
        // The decoder's positions are in the line's records as re-rendered: the diagnostics point at the line.
        return Self.decodePut(fragment, file: file, base: self, replacing: putKeys, ids: ids)
            .map { ($0, putKeys) }
            .mapError { error in
                DatasetError(
                    error.diagnostics.map {
                        var d = $0
                        d.position = SourcePosition(line: save.line, column: 1)
                        return d
                    })
            }
    }

    /// Whether this dataset is exactly `baseline` with `added` put (in place of the record with the same id, else
    /// at the end of its list, in order) — found without building that dataset, which would copy every list it
    /// changes (a million alliances for one). For a save that removes nothing.
    func isBaseline(_ baseline: Dataset, with added: Dataset) -> Bool {
        func same<T: Identifiable<String> & Equatable>(_ now: [T], _ before: [T], _ put: [T]) -> Bool {
            guard !put.isEmpty else {
                // Not touched: the same storage, or the same records.
                return now.count == before.count
                    && (now.withUnsafeBufferPointer { $0.baseAddress }
                        == before.withUnsafeBufferPointer {
                            $0.baseAddress
                        } || now == before)
            }
            var pending: [String: T] = [:]
            for r in put where pending[r.id] == nil { pending[r.id] = r }
            guard pending.count == put.count, now.count >= before.count else { return false }
            for (i, r) in before.enumerated() {
                guard now[i] == (pending.removeValue(forKey: r.id) ?? r) else { return false }
            }
            // The rest: the new records, in the order they were put.
            let new = put.filter { pending[$0.id] != nil }
            return now.count == before.count + new.count && zip(now[before.count...], new).allSatisfy { $0 == $1 }
        }
        return same(articles, baseline.articles, added.articles) && same(groups, baseline.groups, added.groups)
            && same(companies, baseline.companies, added.companies)
            && same(alliances, baseline.alliances, added.alliances) && same(claims, baseline.claims, added.claims)
            && same(people, baseline.people, added.people)
            && same(shareEstimates, baseline.shareEstimates, added.shareEstimates)
    }

    /// The records of a save's `put`, checked against `base`; a record put in place of its namesake is not a
    /// duplicate of it.
    private static func decodePut(
        _ fragment: [UInt8], file: String, base: Dataset, replacing putKeys: Set<RecordKey>, ids: DatasetIDs
    ) -> Result<Dataset, DatasetError> {
        fragment.withUnsafeBufferPointer {
            DatasetDecoder(
                bytes: $0, file: file, base: base,
                baseHas: { list, id in
                    let name = list.listName
                    return !putKeys.contains(RecordKey(name, id)) && ids.has(name, id, in: base)
                }
            ).decode()
        }
    }

    /// The texts of the articles `save` puts that this dataset has already (nil for one without text): what a line
    /// changing an article's text changes for the quotes of it elsewhere.
    func articleTexts(of save: EditJournal.Save) -> [String: String?] {
        guard let put = save.put.first(where: { $0.list == .articles }) else { return [:] }
        var ids = Set<String>()
        for case .object(let f) in put.records {
            if case .string(let id)? = f.first(where: { $0.0 == "id" })?.1 { ids.insert(id) }
        }
        var texts: [String: String?] = [:]
        for a in articles where ids.contains(a.id) { texts[a.id] = a.text }
        return texts
    }

    /// What a line cannot check record by record, checked on the whole dataset after it is applied (a file's load
    /// checks it all; a line must not make a dataset that would not load): no record refers to one the line removed
    /// (a company's id changed is one removed and one put), and every quote of an article whose text the line
    /// changed is in its new text.
    func wholeAfter(_ save: EditJournal.Save, articleTextsBefore: [String: String?], file: String) -> DatasetError? {
        let position = SourcePosition(line: save.line, column: 1)
        let gone = Set(save.removed).subtracting(
            save.put.flatMap { list in
                list.records.compactMap { record -> RecordKey? in
                    guard case .object(let f) = record, case .string(let id)? = f.first(where: { $0.0 == "id" })?.1
                    else {
                        return nil
                    }
                    return RecordKey(list.list, id)
                }
            })
        if !gone.isEmpty, let dangling = references.first(where: { gone.contains($0.to) }) {
            return DatasetError([
                Diagnostic(
                    file: file, position: position, record: dangling.from.description, field: dangling.field,
                    message: tr("refers to {0}, which this line removes", dangling.to.description))
            ])
        }
        var changed: [String: VerbatimText] = [:]
        for a in articles {
            if let before = articleTextsBefore[a.id], before != a.text, let text = a.text {
                changed[a.id] = VerbatimText(text)
            }
        }
        guard !changed.isEmpty else { return nil }
        func check(_ list: RecordListName, _ id: String, _ sources: [SourceQuote]) -> DatasetError? {
            for (i, source) in sources.enumerated() {
                guard let text = changed[source.article],
                    let message = DatasetDecoder.quoteProblem(source.quote, article: source.article, text: text)
                else { continue }
                return DatasetError([
                    Diagnostic(
                        file: file, position: position, record: RecordKey(list, id).description,
                        field: "sources[\(i)].quote", message: message)
                ])
            }
            return nil
        }
        for r in groups { if let e = check(.groups, r.id, r.sources) { return e } }
        for r in companies { if let e = check(.companies, r.id, r.sources) { return e } }
        for r in alliances { if let e = check(.alliances, r.id, r.sources) { return e } }
        for r in claims { if let e = check(.claims, r.id, r.sources) { return e } }
        for r in people { if let e = check(.people, r.id, r.sources) { return e } }
        for r in shareEstimates { if let e = check(.shareEstimates, r.id, r.sources) { return e } }
        return nil
    }

    /// Removes these records, touching only the lists they are in.
    mutating func removeInPlace(_ keys: [RecordKey]) {
        func remove<T: Identifiable<String>>(_ list: inout [T], _ name: RecordListName) {
            let gone = Set(keys.lazy.filter { $0.list == name }.map(\.id))
            if !gone.isEmpty { list.removeAll { gone.contains($0.id) } }
        }
        remove(&articles, .articles)
        remove(&groups, .groups)
        remove(&companies, .companies)
        remove(&alliances, .alliances)
        remove(&claims, .claims)
        remove(&people, .people)
        remove(&shareEstimates, .shareEstimates)
    }

    /// Whether every list holds the same records in the same order.
    public func hasSameRecords(as other: Dataset) -> Bool {
        articles == other.articles && groups == other.groups && companies == other.companies
            && alliances == other.alliances && claims == other.claims && people == other.people
            && shareEstimates == other.shareEstimates
    }

    /// What a save from `baseline` to this dataset changes, as an edits line would hold it: the records gone, and the
    /// records new or changed, in list order.
    func changes(since baseline: Dataset) -> EditJournal.Save {
        var removed: [RecordKey] = []
        var put = Dataset()
        // The records removed or changed, as they were: what lets the line be merged into another version of the file.
        var was = Dataset()
        func compare<T: Identifiable<String> & Equatable>(
            _ name: RecordListName, _ old: [T], _ new: [T], _ into: inout [T], _ before: inout [T]
        ) {
            // The same storage: the list was not touched (an edit copies only the list it changes).
            if old.count == new.count,
                old.withUnsafeBufferPointer({ $0.baseAddress }) == new.withUnsafeBufferPointer({ $0.baseAddress })
            {
                return
            }
            // The usual edit changes records in place or adds some at the end: position by position, no table.
            let common = min(old.count, new.count)
            var i = 0
            while i < common && old[i].id == new[i].id {
                if old[i] != new[i] { into.append(new[i]); before.append(old[i]) }
                i += 1
            }
            if i == common && new.count >= old.count {
                into.append(contentsOf: new[common...])
                return
            }
            // Records removed or moved: matched by id.
            into.removeAll()
            before.removeAll()
            var at: [String: Int] = [:]
            for (j, r) in old.enumerated() where at[r.id] == nil { at[r.id] = j }
            var kept = Set<String>()
            for r in new {
                kept.insert(r.id)
                if let j = at[r.id] {
                    if old[j] == r { continue }
                    before.append(old[j])
                }
                into.append(r)
            }
            for r in old where !kept.contains(r.id) {
                removed.append(RecordKey(name, r.id))
                before.append(r)
            }
        }
        compare(.articles, baseline.articles, articles, &put.articles, &was.articles)
        compare(.groups, baseline.groups, groups, &put.groups, &was.groups)
        compare(.companies, baseline.companies, companies, &put.companies, &was.companies)
        compare(.alliances, baseline.alliances, alliances, &put.alliances, &was.alliances)
        compare(.claims, baseline.claims, claims, &put.claims, &was.claims)
        compare(.people, baseline.people, people, &put.people, &was.people)
        compare(.shareEstimates, baseline.shareEstimates, shareEstimates, &put.shareEstimates, &was.shareEstimates)
        return EditJournal.Save(
            at: EditJournal.now(), removed: removed, put: Self.recordLists(of: put), was: Self.recordLists(of: was))
    }

    /// Each non-empty list of `records`, its records in their canonical JSON.
    static func recordLists(of records: Dataset) -> [(list: RecordListName, records: [JSONValue])] {
        var lists: [(list: RecordListName, records: [JSONValue])] = []
        if case .success(.object(let top)) = JSONValue.parse(Array(records.canonicalJSON().utf8)) {
            for name in RecordListName.allCases {
                if case .array(let records)? = top.first(where: { $0.0 == name.rawValue })?.1, !records.isEmpty {
                    lists.append((name, records))
                }
            }
        }
        return lists
    }
}

// MARK: - Saving: a line appended

extension Dataset {
    /// Saves this dataset to `path`, whose file (with its edits file) held `baseline` when it was stamped `expected`
    /// (nil: a new file). A file of `journalFrom` bytes or more gets the changes appended to its edits file
    /// (`EditJournal`); a smaller one, or changes a line cannot hold exactly, are written whole (`save(to:expected:)`,
    /// which also writes in any edits file beside it). Returns the new stamp: with `edits` set when they went to the
    /// edits file.
    public func save(
        to path: String, expected: SourceStamp?, since baseline: Dataset?,
        journalFrom: UInt64 = EditJournal.threshold
    ) -> Result<SourceStamp, SaveError> {
        if let baseline, let expected, expected.size >= journalFrom,
            let saved = appendEdits(since: baseline, to: path, expected: expected)
        {
            return saved
        }
        return save(to: path, expected: expected)
    }

    /// The changes since `baseline` appended to `path`'s edits file (made when there is none); nil when a line
    /// cannot hold them exactly (records moved), so the caller writes the whole file.
    func appendEdits(since baseline: Dataset, to path: String, expected: SourceStamp) -> Result<SourceStamp, SaveError>?
    {
        if let problem = Dataset.changeSince(expected, path) { return .failure(problem) }
        let save = changes(since: baseline)
        let journal = EditJournal.path(for: path)
        let text = save.text
        if let lost = Dataset.textsLost { return .failure(lost) }
        // Checked first: the line as it will be written, read back and applied to what the file holds, must give
        // exactly this dataset, records in the same order (records only moved make no line, and no match).
        guard case .success(.object(let fields)) = JSONValue.parse(Array(text.utf8)),
            case .success(let parsed) = EditJournal.save(fields, line: 0, file: journal)
        else { return nil }
        // The same whole-dataset checks as a load's: a line that would not load is not written (the whole file is
        // then saved, and its check says what is wrong).
        if parsed.removed.isEmpty, !parsed.put.contains(where: { $0.list == .articles }) {
            // Records changed or added only (the usual edit): checked in place, nothing copied.
            switch baseline.decodedPut(parsed, file: journal, ids: DatasetIDs()) {
            case .success(let put)?: guard isBaseline(baseline, with: put.added) else { return nil }
            case nil: guard baseline.hasSameRecords(as: self) else { return nil }
            case .failure?: return nil
            }
        } else {
            var replayed = baseline
            let texts = baseline.articleTexts(of: parsed)
            guard replayed.apply(parsed, file: journal, ids: DatasetIDs()) == nil,
                replayed.wholeAfter(parsed, articleTextsBefore: texts, file: journal) == nil,
                replayed.hasSameRecords(as: self)
            else {
                return nil
            }
        }
        guard !save.isEmpty else { return .success(expected) }
        return Self.append(save, text: text, to: path, expected: expected)
    }

    /// Appends `save` (`text`, its line as checked) to `path`'s edits file, made when there is none, unless the file
    /// or its edits file is no longer as stamped `expected`. Returns the new stamp.
    static func append(_ save: EditJournal.Save, text: String, to path: String, expected: SourceStamp)
        -> Result<SourceStamp, SaveError>
    {
        // A read-only dataset takes no edits beside it either.
        if let problem = Dataset.changeSince(expected, path) ?? Dataset.readOnly(path) { return .failure(problem) }
        let journal = EditJournal.path(for: path)
        // The edits file as read (its lines counted, not parsed); refused below unless it is as the dataset was read.
        let existing = expected.edits == nil ? nil : EditJournal.read(journal, saves: false)
        // An edits file whose edits are already in the file (a full save marked it, then stopped before removing
        // it) is started again; one that is not starts a new one.
        var append = false
        if let edits = expected.edits {
            guard case .success(let contents?) = existing, contents.size == Int(edits.size)
            else {
                return .failure(.changedOnDisk(path: journal, what: tr("was changed")))
            }
            append = contents.foldedInto.isEmpty
            if !append {
                switch EditJournal.identity(of: path) {
                case .failure(let error): return .failure(error)
                case .success(let identity): append = identity == contents.base
                }
            }
        }
        if append {
            // An edits file of version 1 is appended to as version 1 (no `was`), so it stays one file of one version.
            var line = text
            if case .success(let contents?) = existing, contents.version < 2 {
                var older = save
                older.was = nil
                line = older.text
            }
            if let error = EditJournal.appendLine(line, to: journal, expected: expected.edits) {
                return .failure(error)
            }
        } else {
            let identity: EditJournal.Identity
            switch EditJournal.identity(of: path) {
            case .failure(let error): return .failure(error)
            case .success(let i): identity = i
            }
            // The file read for its checksum must still be the one the edits were made to.
            if let problem = Dataset.changeSince(expected, path) { return .failure(problem) }
            let bytes = Array(
                (EditJournal.header(name: Dataset.fileName(path), base: identity) + "\n" + text + "\n").utf8)
            // Readable by whom the dataset file is (a private dataset gets a private edits file).
            let result = Dataset.saveChecked(
                to: journal, expected: expected.edits == nil ? nil : SourceStamp.of(journal), checkingDataset: false,
                modeOf: path
            ) { sink in try bytes.withUnsafeBufferPointer(sink) }
            if case .failure(let error) = result { return .failure(error) }
        }
        guard let stamp = SourceStamp.of(path) else {
            return .failure(.changedOnDisk(path: path, what: tr("was deleted")))
        }
        return .success(stamp)
    }

    /// The last part of a path: a file's name in messages and beside it.
    public static func fileName(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }
}

extension EditJournal {
    /// The identity of the dataset file at `path` as it is now (`Identity.of`: remembered, or its bytes read once).
    public static func identity(of path: String, directory: String? = DatasetCache.directory)
        -> Result<Identity, SaveError>
    {
        switch FileBytes.open(path) {
        case .failure(let error): return .failure(.system(path: path, doing: tr("read"), reason: error.message))
        case .success(let file): return .success(Identity.of(file, directory: directory))
        }
    }

    /// Appends `line` to the edits file at `path` with one write, and syncs it. `expected` (when given) is the stamp
    /// the file must still have. A line cut off by a crash at its end is cut away first; a write that fails is cut
    /// away again, so the file is as it was.
    static func appendLine(_ line: String, to path: String, expected: SourceStamp.EditsStamp?) -> SaveError? {
        let fd = open(path, O_RDWR | O_APPEND)
        guard fd >= 0 else { return .system(path: path, doing: tr("open"), reason: Dataset.errnoText()) }
        defer { close(fd) }
        // One writer at a time (two explorers on one file); the stamp is looked at again once the lock is held.
        guard flock(fd, LOCK_EX) == 0 else {
            return .system(path: path, doing: tr("lock"), reason: Dataset.errnoText())
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .system(path: path, doing: tr("read"), reason: Dataset.errnoText()) }
        if let expected,
            expected.size != UInt64(info.st_size) || expected.inode != UInt64(info.st_ino)
                || expected.seconds != Int64(info.st_mtim.tv_sec)
                || expected.nanoseconds != Int64(info.st_mtim.tv_nsec)
        {
            return .changedOnDisk(path: path, what: tr("was changed"))
        }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, $0.count - done, off_t(done)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return .system(path: path, doing: tr("read"), reason: Dataset.errnoText()) }
            done += n
        }
        let whole = (bytes.lastIndex(of: UInt8(ascii: "\n")) ?? -1) + 1
        func undo(_ doing: String, _ reason: String = Dataset.errnoText()) -> SaveError {
            _ = ftruncate(fd, off_t(whole))
            _ = fsync(fd)
            return .system(path: path, doing: doing, reason: reason)
        }
        if whole < bytes.count, ftruncate(fd, off_t(whole)) != 0 { return undo(tr("write")) }
        let text = Array((line + "\n").utf8)
        if let reason = text.withUnsafeBytes({ Dataset.writeAll(fd, $0) }) { return undo(tr("write"), reason) }
        guard fsync(fd) == 0 else { return undo(tr("sync")) }
        return nil
    }
}
