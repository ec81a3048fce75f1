import AlliesText

import CMappedFiles
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A dataset file's bytes, read once from front to back. A regular file is mapped, not copied: a 1.4 GB file then
/// costs no 1.4 GB buffer, and the pages already decoded are given back as the decoder moves on, so the peak memory
/// of a load is the model plus a window of the file. Anything else that can be read (a pipe) is read into memory.
///
/// A mapped file that another program cuts short while it is read (an editor saving, a checkout) would kill the
/// process with SIGBUS at the first page past its new end. The mapping is guarded (CMappedFiles): such a page reads
/// as zeros, the decoder stops at them, and `changedSinceOpened` tells the loader to report what happened.
final class FileBytes: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<UInt8>
    private let mapping: UnsafeMutableRawPointer?
    private let owned: UnsafeMutableBufferPointer<UInt8>?
    private let guardSlot: Int32
    let path: String
    /// The file as it was when it was opened (nil for what is not a regular file).
    /// The file's stamp as it was opened (nil for a pipe).
    let stamp: SourceStamp?
    private var released = 0

    /// The window kept behind the decoder: pages further back are given back to the system.
    static let window = 64 << 20

    private init(path: String, stamp: SourceStamp?, mapping: UnsafeMutableRawPointer?, count: Int, guardSlot: Int32) {
        self.path = path
        self.stamp = stamp
        self.mapping = mapping
        self.guardSlot = guardSlot
        owned = nil
        buffer = UnsafeBufferPointer(start: mapping?.assumingMemoryBound(to: UInt8.self), count: count)
    }

    private init(path: String, stamp: SourceStamp?, copy bytes: [UInt8]) {
        let storage = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, bytes.count))
        _ = storage.initialize(from: bytes)
        self.path = path
        self.stamp = stamp
        owned = storage
        mapping = nil
        guardSlot = -1
        buffer = UnsafeBufferPointer(start: storage.baseAddress, count: bytes.count)
    }

    /// The stores whose texts are read where they lie (`LocalizedText`, `InPlaceString`), held weakly. Records carry
    /// their texts into every dataset made from them (an edit, an undo step, an import's merge), so a save asks all of
    /// them (`textsCutShort`), not only the dataset it writes. One per process (`current` is `process`); a test that
    /// cuts a store short uses its own, so that saves of tests run beside it are not refused.
    final class TextHolders: Sendable {
        private let held = Mutex<[WeakFileBytes]>([])
        static let process = TextHolders()
        @TaskLocal static var current = process
        init() {}

        func add(_ file: FileBytes) {
            held.withLock { held in
                held.removeAll { $0.file == nil }
                if !held.contains(where: { $0.file === file }) { held.append(WeakFileBytes(file)) }
            }
        }
        var cutShort: FileBytes? { held.withLock { $0.lazy.compactMap(\.file).first(where: \.pagesLost) } }
    }
    private final class WeakFileBytes: @unchecked Sendable {
        weak var file: FileBytes?
        init(_ file: FileBytes) { self.file = file }
    }

    /// Notes that texts are read from this mapping where they lie, for `textsCutShort`.
    func holdsTexts() {
        if isMapped { TextHolders.current.add(self) }
    }

    /// A store whose texts are read in place and that lost pages since it was mapped (another program cut it short):
    /// those texts read as zeros, so nothing made from them may be written.
    static var textsCutShort: FileBytes? { TextHolders.current.cutShort }

    deinit {
        if let mapping, buffer.count > 0 {
            allies_guard_remove(guardSlot)
            munmap(mapping, buffer.count)
        }
        owned?.deallocate()
    }

    /// `sequential`: the file is read from front to back (read ahead, drop behind); false for a store read where
    /// its records and postings lie.
    static func open(_ path: String, sequential: Bool = true) -> Result<FileBytes, Dataset.ReadError> {
        let info: stat
        switch Dataset.inspect(path) {
        case .failure(let error): return .failure(error)
        case .success(let found): info = found
        }
        let stamp = SourceStamp(info)
        // Pipes are read: they cannot be mapped.
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            return Dataset.readFile(path).map { FileBytes(path: path, stamp: nil, copy: $0) }
        }
        let fd = Glibc.open(path, O_RDONLY)
        guard fd >= 0 else { return .failure(.init(message: tr("cannot open: {0}", Dataset.errnoText()))) }
        defer { close(fd) }
        let size = Int(info.st_size)
        if size == 0 { return .success(FileBytes(path: path, stamp: stamp, mapping: nil, count: 0, guardSlot: -1)) }
        guard let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else {
            // Some file systems cannot map: read instead.
            return Dataset.readFile(path).map { FileBytes(path: path, stamp: stamp, copy: $0) }
        }
        let slot = allies_guard_add(p, size)
        guard slot >= 0 else {
            // Every guard slot is taken (dozens of files open at once): an unguarded mapping could crash, so read.
            munmap(p, size)
            return Dataset.readFile(path).map { FileBytes(path: path, stamp: stamp, copy: $0) }
        }
        madvise(p, size, sequential ? MADV_SEQUENTIAL : MADV_RANDOM)
        return .success(FileBytes(path: path, stamp: stamp, mapping: p, count: size, guardSlot: slot))
    }

    /// Whether the bytes are the file's own pages (mapped), not a copy: what is read where it lies
    /// (`LocalizedText(inPlace:)`) keeps only the mapping, which costs memory only for the pages read.
    var isMapped: Bool { mapping != nil }

    /// Whether a page of the mapping was gone when read (the file shrank since it was mapped): read as zeros.
    var pagesLost: Bool { mapping != nil && allies_guard_faulted(guardSlot) != 0 }

    /// Whether the file is no longer what was opened: a page of the mapping was gone (the file shrank), or its size,
    /// time or inode differ now. Then what was read is a mix of two versions and must not be used.
    var changedSinceOpened: Bool {
        guard let stamp else { return false }
        if pagesLost { return true }
        // The file alone: its edits file beside it is read, and stamped, on its own.
        var info = stat()
        return stat(path, &info) != 0 || SourceStamp(info) != stamp
    }

    /// Gives back the pages between `start` and `offset` (offsets in the file; the pages wholly inside) for a pass
    /// over the file that is not the decoder's (a checksum before it, a store's section checked), leaving the
    /// decoder's own giving back as it was; `start` moves on to the page `offset` is in.
    func giveBack(from start: inout Int, upTo offset: Int) {
        guard let mapping else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let from = (start + page - 1) / page * page, end = (offset / page) * page
        guard end > from else { return }
        madvise(mapping + from, end - from, MADV_DONTNEED)
        start = end
    }

    /// Where `bytes`, a part of this file's buffer, start in the file.
    func offset(of bytes: UnsafeRawBufferPointer) -> Int {
        (bytes.baseAddress.map { Int(bitPattern: $0) } ?? 0) - (buffer.baseAddress.map { Int(bitPattern: $0) } ?? 0)
    }

    /// Gives back the mapped pages more than a window behind `offset`. They are read again from the file if
    /// something looks back (the line number of an error).
    func release(upTo offset: Int) {
        guard let mapping else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let end = (max(0, offset - Self.window) / page) * page
        guard end > released else { return }
        madvise(mapping + released, end - released, MADV_DONTNEED)
        released = end
    }
}
