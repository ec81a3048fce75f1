#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A dataset file's bytes, read once from front to back. A regular file is mapped, not copied: a 1.4 GB file then
/// costs no 1.4 GB buffer, and the pages already decoded are given back as the decoder moves on, so the peak memory
/// of a load is the model plus a window of the file. Anything else that can be read (a pipe) is read into memory.
final class FileBytes: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<UInt8>
    private let mapping: UnsafeMutableRawPointer?
    private let owned: UnsafeMutableBufferPointer<UInt8>?
    private var released = 0

    /// The window kept behind the decoder: pages further back are given back to the system.
    static let window = 64 << 20

    private init(mapping: UnsafeMutableRawPointer?, count: Int) {
        self.mapping = mapping
        owned = nil
        buffer = UnsafeBufferPointer(start: mapping?.assumingMemoryBound(to: UInt8.self), count: count)
    }

    private init(copy bytes: [UInt8]) {
        let storage = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, bytes.count))
        _ = storage.initialize(from: bytes)
        owned = storage
        mapping = nil
        buffer = UnsafeBufferPointer(start: storage.baseAddress, count: bytes.count)
    }

    deinit {
        if let mapping, buffer.count > 0 { munmap(mapping, buffer.count) }
        owned?.deallocate()
    }

    static func open(_ path: String) -> Result<FileBytes, Dataset.ReadError> {
        var info = stat()
        guard stat(path, &info) == 0 else { return .failure(.init(message: "cannot open: \(errnoText())")) }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            // Directories, pipes and the rest: the reading path that checks and reports them.
            return Dataset.readFile(path).map { FileBytes(copy: $0) }
        }
        guard Int(info.st_size) <= Dataset.maximumFileSize else {
            return .failure(.init(message: "is \(Int(info.st_size) >> 20) MiB; datasets of at most \(Dataset.maximumFileSize >> 20) MiB are read"))
        }
        let fd = Glibc.open(path, O_RDONLY)
        guard fd >= 0 else { return .failure(.init(message: "cannot open: \(errnoText())")) }
        defer { close(fd) }
        let size = Int(info.st_size)
        if size == 0 { return .success(FileBytes(mapping: nil, count: 0)) }
        guard let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else {
            // Some file systems cannot map: read instead.
            return Dataset.readFile(path).map { FileBytes(copy: $0) }
        }
        madvise(p, size, MADV_SEQUENTIAL)
        return .success(FileBytes(mapping: p, count: size))
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

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}
