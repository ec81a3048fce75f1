import AlliesText

import CAlliesData
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Dataset {
    /// Decodes a dataset from bytes, reporting every problem against `file`.
    public static func decode(
        _ bytes: UnsafeBufferPointer<UInt8>, file: String,
        progress: ((Double) -> Void)? = nil
    ) -> Result<Dataset, DatasetError> {
        let total = Double(max(1, bytes.count))
        return DatasetDecoder(
            bytes: bytes, file: file, progress: progress.map { report in { report(Double($0) / total) } }
        ).decode()
    }

    /// Checks bytes as `decode` does (the same problems, at the same places) without keeping the records.
    public static func check(
        _ bytes: UnsafeBufferPointer<UInt8>, file: String, progress: ((Int) -> Void)? = nil
    ) -> DatasetError? {
        let decoded = DatasetDecoder(bytes: bytes, file: file, progress: progress, keepRecords: false).decode()
        if case .failure(let error) = decoded { return error }
        return nil
    }

    public static func decode(_ bytes: [UInt8], file: String) -> Result<Dataset, DatasetError> {
        bytes.withUnsafeBufferPointer { decode($0, file: file) }
    }

    /// Decodes records to add to `base`: a JSON object with any of the dataset's top-level lists (`{"companies":
    /// […], "alliances": […]}`), each record checked as the loader checks a whole file, its references resolved
    /// against `base` and itself, and an id `base` already has reported as a duplicate. The records only.
    public static func decode(additions bytes: [UInt8], file: String, to base: Dataset) -> Result<Dataset, DatasetError>
    {
        bytes.withUnsafeBufferPointer { DatasetDecoder(bytes: $0, file: file, base: base).decode() }
    }

    /// The dataset built into the binary from Resources/allies.json.
    public static var bundledBytes: UnsafeBufferPointer<UInt8> {
        var length = 0
        let start = allies_bundled_dataset(&length)
        return UnsafeBufferPointer(start: start, count: length)
    }

    public static let bundledName = "Resources/allies.json (bundled)"

    public static func bundled() -> Result<Dataset, DatasetError> {
        decode(bundledBytes, file: bundledName)
    }

    /// Reads and decodes a file. Unreadable paths (missing, a directory, no permission) get one clear diagnostic.
    /// `companiesRead` is given the companies as soon as their list is read (`DatasetDecoder`). `stamp`, when
    /// given, is the file's as taken before: its edits file is read as far as it was then (none if it had none), so
    /// the dataset is the one the stamp names (a store written of it is of exactly those edits).
    /// `cache`: the cache directory whose memo of the file's identity is trusted as its store is (`Identity.of`);
    /// nil (a command told not to use the cache, `validate`, `diff`): the file's bytes are read for it.
    /// `identified`, when given, is given the identity of a file that keeps its edits beside it (one of
    /// `EditJournal.threshold` bytes or more), taken as it is decoded, for the store written of it to remember
    /// (`EditJournal.Identity.of`: the first edit then does not read the file again).
    public static func load(
        path: String, progress: ((Double) -> Void)? = nil, companiesRead: (([Company]) -> Void)? = nil,
        stamp: SourceStamp? = nil, cache: String? = nil,
        identified: ((EditJournal.Identity.Taken) -> Void)? = nil
    ) -> Result<Dataset, DatasetError> {
        switch FileBytes.open(path) {
        case .success(let file):
            // The edits saved beside a large file (`EditJournal`) are part of it: read first, applied after, to the
            // version of the file they were saved to only.
            var edits: (contents: EditJournal.Contents, identity: EditJournal.Identity)? = nil
            // As far as the stamp has them, when the files are still the stamped ones (else whole, as they are).
            var upTo = stamp.map { Int($0.edits?.size ?? 0) }
            if let stamp, var now = SourceStamp.of(path) {
                let edits = now.edits
                now.edits = nil
                var then = stamp
                then.edits = nil
                if now != then || (edits != nil && stamp.edits != nil && edits?.inode != stamp.edits?.inode) {
                    upTo = nil
                }
            }
            switch upTo == 0 ? .success(nil) : EditJournal.read(EditJournal.path(for: path), upTo: upTo) {
            case .failure(let error): return .failure(error)
            case .success(let contents?): edits = (contents, EditJournal.Identity.of(file, directory: cache))
            case .success(nil): break
            }
            let total = Double(max(1, file.buffer.count))
            // The file's checksum (what names its version in an edits file) taken as it is decoded, for the first
            // edit of a large file not to read it again (`EditJournal.Identity.of`); known already with edits.
            var sum =
                edits == nil && file.stamp != nil && identified != nil
                    && UInt64(file.buffer.count) >= EditJournal.threshold
                ? DatasetCache.Checksum(count: file.buffer.count) : nil
            let decoded = DatasetDecoder(
                bytes: file.buffer, file: path,
                progress: { offset in
                    if sum != nil {
                        sum!.add(
                            UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: file.buffer[sum!.added..<offset])))
                    }
                    file.release(upTo: offset)
                    progress?(Double(offset) / total)
                },
                // The file's companies alone are not the dataset's when its edits add, rename or remove some: no early
                // list then (the edits are applied once the whole file is read).
                companiesRead: edits == nil ? companiesRead : nil
            ).decode()
            // The bytes after the last progress, summed before the check below: the checksum is of what was read.
            if sum != nil {
                sum!.add(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: file.buffer[sum!.added...])))
            }
            // Whatever the decoder made of it, a file that changed under it was read half old, half new.
            guard !file.changedSinceOpened else {
                return .failure(
                    DatasetError([
                        Diagnostic(
                            file: path, position: nil, record: nil, field: nil, message: Self.changedWhileReading)
                    ]))
            }
            if let sum, let stamp = file.stamp, case .success = decoded {
                identified?(
                    EditJournal.Identity.Taken(
                        stamp: stamp, identity: EditJournal.Identity(bytes: UInt64(sum.count), checksum: sum.value)))
            }
            guard let edits else { return decoded }
            // Consumed, so the dataset's lists are not shared when the edits change them (no copy of a million).
            switch consume decoded {
            case .failure(let error): return .failure(error)
            case .success(let dataset):
                return EditJournal.apply(edits.contents, to: dataset, identity: edits.identity, datasetPath: path)
            }
        case .failure(let error):
            return .failure(
                DatasetError([Diagnostic(file: path, position: nil, record: nil, field: nil, message: error.message)]))
        }
    }

    static var changedWhileReading: String {
        tr("changed while it was being read (another program wrote or cut it); open it again once it is written")
    }

    /// Datasets larger than this are refused before reading, so a stray multi-gigabyte file cannot exhaust memory.
    public static let maximumFileSize = 4 << 30

    /// Decoding stops after this many problems, with a last diagnostic saying where (as a compiler stops at its error
    /// limit), so a huge file full of errors needs neither a diagnostic every few bytes nor the time to make them.
    public static let maximumProblems = 1000

    public struct ReadError: Error { public let message: String }

    /// What `path` is, if it can be a dataset: a regular file of at most `maximumFileSize` bytes, or a pipe.
    /// Anything else gets the one message that says why not.
    static func inspect(_ path: String) -> Result<stat, ReadError> {
        var info = stat()
        guard stat(path, &info) == 0 else { return .failure(ReadError(message: tr("cannot open: {0}", errnoText()))) }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            return .failure(ReadError(message: tr("is a directory, expected a JSON dataset file")))
        }
        guard (info.st_mode & S_IFMT) == S_IFREG || (info.st_mode & S_IFMT) == S_IFIFO else {
            return .failure(ReadError(message: tr("is not a regular file")))
        }
        guard Int(info.st_size) <= maximumFileSize else {
            let (size, most) = (Int(info.st_size) >> 20, maximumFileSize >> 20)
            return .failure(ReadError(message: tr("is {0} MiB; datasets of at most {1} MiB are read", size, most)))
        }
        return .success(info)
    }

    /// An article's text from a file: UTF-8 (else the offset of the first bad byte), not blank.
    public static func readArticleText(_ path: String) -> Result<String, ReadError> {
        readFile(path).flatMap(articleText)
    }

    /// An article's text from bytes: UTF-8 (else the offset of the first bad byte), not blank.
    public static func articleText(_ bytes: [UInt8]) -> Result<String, ReadError> {
        if let offset = firstInvalidUTF8(bytes) {
            return .failure(ReadError(message: tr("not valid UTF-8 at byte {0} (counting from 0)", offset)))
        }
        let text = String(decoding: bytes, as: UTF8.self)
        guard !text.allSatisfy(\.isWhitespace) else { return .failure(ReadError(message: tr("holds no text"))) }
        return .success(text)
    }

    /// A whole file's bytes, or why it cannot be read (naming the file).
    public static func readFile(_ path: String) -> Result<[UInt8], ReadError> {
        let info: stat
        switch inspect(path) {
        case .failure(let error): return .failure(error)
        case .success(let found): info = found
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return .failure(ReadError(message: tr("cannot open: {0}", errnoText()))) }
        defer { close(fd) }
        var bytes = [UInt8]()
        bytes.reserveCapacity(Int(info.st_size))
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(ReadError(message: tr("cannot read: {0}", errnoText())))
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
            if bytes.count > maximumFileSize {
                return .failure(ReadError(message: tr("is larger than {0} MiB", maximumFileSize >> 20)))
            }
        }
        return .success(bytes)
    }

    static func errnoText() -> String { SystemError.text(errno) }
}

/// The offset of the first byte that does not belong to a well-formed UTF-8 sequence (an overlong form, a surrogate,
/// a code point above U+10FFFF, a stray continuation byte, a sequence cut short); nil when all of it is UTF-8.
public func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
    bytes.withUnsafeBufferPointer { firstInvalidUTF8($0) }
}
