@testable import AlliesCore
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Saves are checked first, atomic, and refuse to overwrite a file that changed since it was opened.
@Suite("Saving a dataset")
struct SavingTests {
    let folder = makeTemporaryDirectory()
    var file: String { folder + "/d.json" }

    func files() -> [String] { directoryEntries(folder) }

    static let dataset = try! decode(validDataset).get()

    /// A path typed in a prompt: a name in the directory, `~/` in the home directory, `.` and `..` resolved; nil
    /// when the place it needs is not known.
    @Test func aTypedPathIsMadeFull() {
        let base = PathBase(directory: "/home/ana/notas", home: "/home/ana")
        #expect(base.absolute("my.json") == "/home/ana/notas/my.json")
        #expect(base.absolute("../x/./my.json") == "/home/ana/x/my.json")
        #expect(base.absolute("/a//b/./c/../d.json") == "/a/b/d.json")
        #expect(base.absolute("/..") == "/")
        #expect(base.absolute("~/x/y.json") == "/home/ana/x/y.json")
        let unknown = PathBase(directory: nil, home: nil)
        #expect(unknown.absolute("my.json") == nil && unknown.absolute("~/y.json") == nil)
        #expect(unknown.absolute("/tmp/y.json") == "/tmp/y.json")
    }

    @Test func aNewFileIsWrittenCanonicallyAndItsStampReturned() throws {
        defer { removeTree(folder) }
        let stamp = try Self.dataset.save(to: file, expected: nil).get()
        #expect(readBytes(file) == Array(Self.dataset.canonicalJSON().utf8))
        #expect(SourceStamp.of(file) == stamp)
        #expect(files() == ["d.json"], "no temporary file left behind")
    }

    @Test func aSaveReplacesTheFileItOpenedAndKeepsItsPermissions() throws {
        defer { removeTree(folder) }
        writeFile(file, Array(validDataset.utf8))
        chmod(file, 0o640)
        let opened = try #require(SourceStamp.of(file))
        var edited = Self.dataset
        edited.alliances[0].status = .completed
        let stamp = try edited.save(to: file, expected: opened).get()
        #expect(try decode(bytes: readBytes(file)!).get().alliances[0].status == .completed)
        var info = stat()
        stat(file, &info)
        #expect(info.st_mode & 0o777 == 0o640)
        // A second save from the new stamp goes through; from the old one it is refused.
        edited.alliances[0].status = .ended
        if case .failure(let e) = edited.save(to: file, expected: opened) {
            #expect(e.description.contains("was replaced since it was opened"), "\(e)")
        } else {
            Issue.record("a save from a stale stamp went through")
        }
        #expect(try decode(bytes: readBytes(file)!).get().alliances[0].status == .completed, "untouched")
        _ = try edited.save(to: file, expected: stamp).get()
        #expect(try decode(bytes: readBytes(file)!).get().alliances[0].status == .ended)
        #expect(files() == ["d.json"])
    }

    /// A read-only file is not saved over, neither whole nor by edits beside it: a save renames a new file over the
    /// old one, which the old one's permissions did not stop (a trial's 0444 file was replaced, still 0444). The
    /// superuser is held to it too (no write permission for anyone), as editors hold it.
    @Test func aReadOnlyFileIsNotSavedOver() throws {
        defer { removeTree(folder) }
        writeFile(file, Array(validDataset.utf8))
        chmod(file, 0o444)
        let opened = try #require(SourceStamp.of(file))
        let before = readBytes(file)
        var edited = Self.dataset
        edited.alliances[0].status = .completed
        for journalFrom in [UInt64.max, 0] {
            guard
                case .failure(let e) = edited.save(
                    to: file, expected: opened, since: Self.dataset,
                    journalFrom: journalFrom)
            else {
                Issue.record("a read-only file was saved over (journalFrom \(journalFrom))")
                continue
            }
            #expect(e.description.contains("it is read-only"), "\(e)")
            #expect(readBytes(file) == before && files() == ["d.json"], "nothing written, no edits file")
        }
        // Writable again, the same save goes through.
        chmod(file, 0o644)
        _ = try edited.save(to: file, expected: opened).get()
        #expect(try decode(bytes: readBytes(file)!).get().alliances[0].status == .completed)
    }

    @Test func aFileChangedOrDeletedSinceItWasOpenedIsNotOverwritten() throws {
        defer { removeTree(folder) }
        writeFile(file, Array(validDataset.utf8))
        let opened = try #require(SourceStamp.of(file))
        // Another editor rewrites it in place (same inode, new size and time).
        let theirs = Array((validDataset + "\n").utf8)
        let f = fopen(file, "r+b")!
        _ = theirs.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, f) }
        fclose(f)
        guard case .failure(let changed) = Self.dataset.save(to: file, expected: opened) else {
            Issue.record("overwrote a changed file"); return
        }
        let expected =
            "not saved: \(file) was changed since it was opened; nothing was written. Run the command again: "
            + "it reads the file as it is now"
        #expect(changed.description == expected)
        #expect(readBytes(file) == theirs, "their version is whole")
        #expect(files() == ["d.json"])

        unlink(file)
        guard case .failure(let deleted) = Self.dataset.save(to: file, expected: opened) else {
            Issue.record("recreated a deleted file silently"); return
        }
        #expect(deleted.description.contains("was deleted since it was opened"))
        #expect(files().isEmpty)

        // Expecting a new file where one has appeared meanwhile.
        writeFile(file, theirs)
        guard case .failure(let created) = Self.dataset.save(to: file, expected: nil) else {
            Issue.record("overwrote a file that appeared meanwhile"); return
        }
        #expect(created.description.contains("was created by something else"))
        #expect(readBytes(file) == theirs)
    }

    @Test func aDatasetThatWouldNotLoadBackIsNotWritten() throws {
        defer { removeTree(folder) }
        writeFile(file, Array(validDataset.utf8))
        let opened = try #require(SourceStamp.of(file))
        var broken = Self.dataset
        broken.alliances[0].parties[1].company = "initech"
        guard case .failure(let e) = broken.save(to: file, expected: opened), case .invalid(let diagnostics) = e else {
            Issue.record("a broken dataset was saved"); return
        }
        #expect(diagnostics.count == 1)
        #expect(diagnostics[0].message.contains("unknown company \"initech\""))
        #expect(e.description.hasPrefix("not saved: the result would not load back (1 problem):"))
        #expect(readBytes(file) == Array(validDataset.utf8))
        #expect(files() == ["d.json"])
    }

    @Test func aMissingDirectoryIsAClearErrorAndNothingIsLeft() throws {
        defer { removeTree(folder) }
        let target = folder + "/no/such/dir/d.json"
        guard case .failure(let e) = Self.dataset.save(to: target, expected: nil) else {
            Issue.record("saved into a missing directory"); return
        }
        let expected =
            "not saved: cannot create a file in \(folder)/no/such/dir: No such file or directory; "
            + "the file is as it was"
        #expect(e.description == expected)
        #expect(files().isEmpty)
    }
}
