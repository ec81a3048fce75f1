// The system's reason a file could not be read or written, in the reader's language: `strerror` gives English here
// whatever the locale (no message catalogues in most installs), and a Spanish status line ending in "No space left
// on device" reads as a foreign error. The reasons a save or a read meets are translated; any other stays as the
// system gives it.

import AlliesText

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

public enum SystemError {
    /// The reason for the error `code` (an `errno`).
    public static func text(_ code: Int32) -> String {
        switch code {
        case ENOENT: return tr("No such file or directory")
        case EACCES: return tr("Permission denied")
        case EPERM: return tr("Operation not permitted")
        case ENOSPC: return tr("No space left on device")
        case EDQUOT: return tr("Disk quota exceeded")
        case EROFS: return tr("Read-only file system")
        case EISDIR: return tr("Is a directory")
        case ENOTDIR: return tr("Not a directory")
        case EEXIST: return tr("File exists")
        case EFBIG: return tr("File too large")
        case EIO: return tr("Input/output error")
        case ENAMETOOLONG: return tr("File name too long")
        case ELOOP: return tr("Too many levels of symbolic links")
        case EMFILE: return tr("Too many open files")
        case ENOMEM: return tr("Cannot allocate memory")
        case EBUSY: return tr("Device or resource busy")
        default: return String(cString: strerror(code))
        }
    }

    /// The codes `text` translates (for the test that holds them to the system's own English).
    public static let translated: [Int32] = [
        ENOENT, EACCES, EPERM, ENOSPC, EDQUOT, EROFS, EISDIR, ENOTDIR, EEXIST, EFBIG, EIO, ENAMETOOLONG, ELOOP, EMFILE,
        ENOMEM, EBUSY,
    ]
}
