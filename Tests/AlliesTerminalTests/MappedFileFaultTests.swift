@testable import AlliesCore
@testable import AlliesTerminal
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The explorer's crash handler and the loader's guard over mapped files both handle SIGBUS. Whichever was installed
/// last runs first; a fault in a dataset file cut short while it loads must not end the explorer either way.
@Suite("SIGBUS: the explorer's crash handler and the mapped-file guard")
struct MappedFileFaultTests {
    static func currentBusHandler() -> UnsafeRawPointer? {
        var action = sigaction()
        sigaction(SIGBUS, nil, &action)
        return action.__sigaction_handler.sa_sigaction.map { unsafeBitCast($0, to: UnsafeRawPointer.self) }
    }

    @Test func aFaultInAGuardedMappingLeavesTheExplorersHandlerInPlace() throws {
        let temporary = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((temporary + "/allies-terminal-tests-XXXXXX").utf8CString)
        let folder = String(cString: template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!)! })
        let file = folder + "/data.json"
        defer { unlink(file); rmdir(folder) }
        let fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let size = 1 << 20
        let page = [UInt8](repeating: UInt8(ascii: " "), count: size)
        #expect(page.withUnsafeBytes { write(fd, $0.baseAddress, size) } == size)
        close(fd)

        // The guard first (a load that began before the explorer), then the explorer's handlers over it.
        let bytes = try FileBytes.open(file).get()
        Signals.install()
        defer { Signals.restore() }
        let explorers = Self.currentBusHandler()
        // A second load while the explorer runs: the guard must not put itself over the explorer's handler (each
        // would hand unknown faults to the other, forever).
        let second = try FileBytes.open(file).get()
        #expect(Self.currentBusHandler() == explorers)
        _ = second
        #expect(truncate(file, 4096) == 0)
        #expect(bytes.buffer[size - 1] == 0)  // SIGBUS: the explorer's handler runs, and hands it to the guard
        #expect(bytes.changedSinceOpened)
        #expect(Self.currentBusHandler() == explorers, "the explorer's crash handler is still the one installed")
    }
}
