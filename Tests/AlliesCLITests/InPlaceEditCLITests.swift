@testable import AlliesCore
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `allies edit` and `allies add` on a large file with a store ($ALLIES_EDITS_FILE_FROM=0 stands in for 64 MiB or
/// more) are made from the store: the records they touch read in place, checked, and appended to the edits file,
/// without reading the file or the whole store. They say and write exactly what the whole dataset's edit does.
@Suite("Edits made from the store", .serialized)
struct InPlaceEditCLITests {
    static func environment(cache: String) -> [String: String] {
        ["ALLIES_EDITS_FILE_FROM": "0", "ALLIES_TODAY": "2026-12-05", "ALLIES_CACHE_DIR": cache]
    }

    static func freshCache() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("allies-cache-\(UUID())").path
    }

    /// A sequence of edits and additions on two copies of a file: one with a store (kept behind its edits by the
    /// test holding its lock, so each command reads the saves made since), one read whole (`--no-cache`). Every
    /// command prints the same and exits the same, including the ones the store leaves to the whole dataset (an id
    /// changed, an article, problems with their suggestions); the edits files hold the same lines, and the two
    /// copies export the same dataset.
    @Test func editsFromTheStoreSayAndWriteWhatTheWholeDatasetDoes() throws {
        let fast = try EditCLITests.copyOfBundled()
        let whole = try EditCLITests.copyOfBundled()
        let cache = Self.freshCache()
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let env = Self.environment(cache: cache)
        #expect(try AlliesBinary.run(["search", "--data", fast, "nube"], environment: env).status == 0)
        let store = try #require(StoreFiles(cache: cache))
        let written = store.inode()
        let lock = try #require(StoreFiles.hold(store.lock))
        defer { close(lock) }

        let added = try temporaryFile(EditCLITests.fragment, name: "added.json")
        let naming = try temporaryFile(
            """
            {"alliances": [{"id": "acme-openai-2025", "kind": "investment", "status": "rumoured",
              "parties": [{"company": "acme-ai", "role": "investor"}, {"company": "openai", "role": "investee"}],
              "title": {"en": "Acme and OpenAI", "es": "Acme y OpenAI"}, "summary": {"en": "Rumour.", "es": "Rumor."},
              "sources": [{"article": "nuevo-articulo-2026", "quote": "firma con Nvidia"}]}]}
            """, name: "naming.json")
        let articleText = try temporaryFile("Acme AI firma con Nvidia un acuerdo de chips.", name: "article.txt")
        let steps: [[String]] = [
            ["edit", "nvidia-anthropic-2025", "--set", "status=completed"],
            ["edit", "nvidia-anthropic-2025", "--set", "status=completed"],
            [
                "edit", "nvidia-anthropic-2025", "--set", "title.es=Nvidia invierte en Anthropic", "--set",
                "updated=2026-01-15",
            ],
            ["add", added],
            [
                "article", "add", "--text", articleText, "--id", "nuevo-articulo-2026", "--title", "Un artículo nuevo",
                "--language", "es",
            ],
            [
                "article", "add", "--text", articleText, "--id", "nuevo-articulo-2026", "--title", "Otra vez",
                "--language", "es",
            ],
            // Records the saves since the store put: found, edited, referred to.
            ["edit", "acme-nvidia-2025", "--set", "status=announced"],
            ["edit", "acme-ai", "--set", "country=ES"],
            // No change once decoded (an empty list is left out), `updated` already today's: no line written.
            ["edit", "acme-ai", "--set", "aliases=[]"],
            ["add", naming],
            ["edit", "acme-openai-2025", "--set", "sources[0].quote=no está en el artículo"],
            // Refused, with the whole dataset's messages.
            ["add", added],
            ["edit", "aws-openai-cloud-2025", "--set", "parties[0].company=amazonn"],
            ["edit", "aws-openai-cloud-2025", "--set", "sources[0].quote=no such words"],
            ["edit", "aws-openai-cloud-2025", "--set", "status=signed"],
            ["edit", "no-such-record", "--set", "status=completed"],
            ["edit", "aws-openai-cloud-2025", "--set", "amounts[9].value=1"],
            // Left to the whole dataset: an id changed, an article.
            ["edit", "acme-openai-2025", "--set", "id=acme-openai-2026"],
            ["edit", "nvidia", "--set", "id=nvidia-corp"],
            ["edit", "xataka-apple-trainium2-2024", "--set", "title=Apple y Trainium2"],
        ]
        for step in steps {
            let a = try AlliesBinary.run(step + ["--data", fast], environment: env)
            let b = try AlliesBinary.run(step + ["--data", whole, "--no-cache"], environment: env)
            func same(_ text: String) -> String { text.replacingOccurrences(of: fast, with: whole) }
            #expect(a.status == b.status, "\(step): \(a.stderr) / \(b.stderr)")
            #expect(same(a.stdout) == b.stdout, "\(step)")
            #expect(same(a.stderr) == b.stderr, "\(step)")
        }
        #expect(store.inode() == written, "the store was behind throughout")
        func lines(_ file: String) throws -> [String] {
            try String(contentsOfFile: file + ".edits.jsonl", encoding: .utf8).split(separator: "\n").dropFirst().map {
                String($0).replacing(/"save":"[^"]*"/, with: "")
            }
        }
        let fastLines = try lines(fast)
        #expect(fastLines.count == 9, "\(fastLines.count) saves")
        #expect(fastLines == (try lines(whole)))
        let exported = try AlliesBinary.run(["export", "--format", "json", "--data", fast], environment: env)
        let exportedWhole = try AlliesBinary.run(["export", "--format", "json", "--data", whole, "--no-cache"])
        #expect(exported.status == 0 && exported.stdout == exportedWhole.stdout)
        #expect(
            exported.stdout.contains("Nvidia invierte en Anthropic") && exported.stdout.contains("acme-openai-2026"))
    }

    /// The edits made while the store is older than the edits file (the background writer not done yet) do not read
    /// the file for the checksum that names its version either: the first edit remembered it. With the file's bytes
    /// replaced after the first edit (size and times kept) and the index damaged, the next edits are made, and the
    /// whole dataset's edit, which would read them, fails.
    @Test func editsBeforeTheStoreHasTheEditsFileDoNotReadTheFile() throws {
        try Self.withStore(firstEdit: true) { file, env, store in
            try Self.replaceKeepingStamp(file, store: store)
            for status in ["completed", "ended"] {
                let edited = try AlliesBinary.run(
                    ["edit", "--data", file, "nvidia-anthropic-2025", "--set", "status=\(status)"], environment: env)
                #expect(edited.status == 0, "\(edited.stderr)")
            }
            let wholeRead = try AlliesBinary.run(
                ["edit", "--data", file, "--no-cache", "nvidia-anthropic-2025", "--set", "status=active"],
                environment: env)
            #expect(wholeRead.status == 1, "\(wholeRead.stdout)")
            #expect(
                try String(contentsOfFile: file + ".edits.jsonl", encoding: .utf8).split(separator: "\n").count == 4)
        }
    }

    /// The checksum that names the file's version in a new edits file was taken when the file was read for its store
    /// (as it was decoded): the first edit does not read the file for it. With the file's bytes replaced (size and
    /// times kept) before the first edit, the edits file still names the bytes the store was made of.
    @Test func theFirstEditDoesNotReadTheFileForItsChecksum() throws {
        try Self.withStore(firstEdit: false) { file, env, store in
            let original = try #require(FileManager.default.contents(atPath: file).map { [UInt8]($0) })
            try Self.replaceKeepingStamp(file, store: store)
            let first = try AlliesBinary.run(
                ["edit", "--data", file, "aws-openai-cloud-2025", "--set", "status=completed"], environment: env)
            #expect(first.status == 0, "\(first.stderr)")
            let header = try String(contentsOfFile: file + ".edits.jsonl", encoding: .utf8).prefix { $0 != "\n" }
            let identity = original.withUnsafeBufferPointer { EditJournal.Identity($0) }
            #expect(header.contains("\"checksum\":\"\(EditJournal.Identity.hex(identity.checksum))\""), "\(header)")
        }
    }

    /// Replaces `file`'s bytes with spaces, keeping its size, inode and times (so its store still names it), and
    /// damages a byte of the store's search index (so that reading the store whole refuses it).
    static func replaceKeepingStamp(_ file: String, store: StoreFiles) throws {
        var info = stat()
        #expect(stat(file, &info) == 0)
        let size = Int(info.st_size)
        let fd = open(file, O_WRONLY)
        #expect(fd >= 0)
        let spaces = [UInt8](repeating: 0x20, count: size)
        #expect(spaces.withUnsafeBytes { write(fd, $0.baseAddress, size) } == size)
        var times = [info.st_atim, info.st_mtim]
        #expect(futimens(fd, &times) == 0)
        close(fd)
        var bytes = try #require(FileManager.default.contents(atPath: store.path).map { [UInt8]($0) })
        let postings = StoreFile.place(of: .postings, in: bytes).section
        bytes[postings.lowerBound + postings.count / 2] ^= 0xff
        #expect(FileManager.default.createFile(atPath: store.path, contents: Data(bytes)))
    }

    /// An edit from the store reads neither the file nor the store's search index: with the file's bytes replaced
    /// (its size and times kept, so the store still names it) and a byte of the index damaged, the edit is made
    /// from the store's records, and the whole dataset's edit, which would read them, fails.
    @Test func anEditFromTheStoreReadsNeitherTheFileNorTheIndex() throws {
        // The first save makes the edits file, and a store of the file with it: the edits after are its saves since.
        try Self.withStore(firstEdit: true, reindexed: true) { file, env, store in
            try Self.replaceKeepingStamp(file, store: store)

            let edited = try AlliesBinary.run(
                ["edit", "--data", file, "nvidia-anthropic-2025", "--set", "status=completed"], environment: env)
            #expect(edited.status == 0, "\(edited.stderr)")
            #expect(
                edited.stdout == """
                    changed alliance "nvidia-anthropic-2025" in \(file):
                      status: "announced" → "completed"
                      updated: (none) → "2026-12-05"

                    """, "\(edited.stdout)")
            let journal = try String(contentsOfFile: file + ".edits.jsonl", encoding: .utf8)
            #expect(journal.split(separator: "\n").count == 3, "a header and two saves")
            let again = try AlliesBinary.run(
                ["edit", "--data", file, "nvidia-anthropic-2025", "--set", "status=ended"], environment: env)
            #expect(again.status == 0, "from the store and the saves since: \(again.stderr)")
            let added = try AlliesBinary.run(
                ["add", "--data", file, try temporaryFile(EditCLITests.fragment, name: "added.json")], environment: env)
            #expect(added.status == 0, "\(added.stderr)")
            let article = try AlliesBinary.run(
                [
                    "article", "add", "--data", file, "--text", try temporaryFile("Un texto.", name: "a.txt"), "--id",
                    "un-articulo", "--title", "Un artículo", "--language", "es",
                ], environment: env)
            #expect(article.status == 0, "\(article.stderr)")
            #expect(
                try String(contentsOfFile: file + ".edits.jsonl", encoding: .utf8).split(separator: "\n").count == 6,
                "a header and five saves")
            // The whole dataset's edit reads the file (or the store whole, which the index's checksum refuses).
            let wholeRead = try AlliesBinary.run(
                ["edit", "--data", file, "--no-cache", "nvidia-anthropic-2025", "--set", "status=active"],
                environment: env)
            #expect(wholeRead.status == 1, "\(wholeRead.stdout)")
        }
    }

    /// The memo of the file's checksum is trusted as the store is, by commands that use the store; `--no-cache` and
    /// `validate` read the file's bytes, whatever the memo says. A wrong checksum planted in the memo: the edits
    /// saved to the file's true version are read by those, and refused by a command that trusts the memo.
    @Test func theMemoOfTheChecksumIsNotTrustedWithoutTheCache() throws {
        try Self.withStore(firstEdit: true) { file, env, store in
            let memo = store.path + ".identity"
            let text = try String(contentsOfFile: memo, encoding: .utf8)
            let words = text.split(separator: " ")
            #expect(words.count == 7 && words[6].count == 17, "\(text)")
            let planted = words.dropLast().joined(separator: " ") + " 00000000000000ff\n"
            #expect(FileManager.default.createFile(atPath: memo, contents: Data(planted.utf8)))
            let whole = try AlliesBinary.run(
                ["export", "--data", file, "--no-cache", "--format", "csv"], environment: env)
            #expect(whole.status == 0, "\(whole.stderr)")
            #expect(whole.stdout.contains("aws-openai-cloud-2025") && whole.stderr == "", "\(whole.stderr)")
            let validated = try AlliesBinary.run(["validate", file], environment: env)
            #expect(validated.status == 0, "\(validated.stdout)\(validated.stderr)")
            #expect(try String(contentsOfFile: memo, encoding: .utf8) == planted, "neither wrote the memo")
            // With the store damaged (so the file is read), a command that uses the cache trusts the memo.
            var bytes = try #require(FileManager.default.contents(atPath: store.path).map { [UInt8]($0) })
            bytes[bytes.count / 2] ^= 0xff
            #expect(FileManager.default.createFile(atPath: store.path, contents: Data(bytes)))
            let trusting = try AlliesBinary.run(["export", "--data", file, "--format", "csv"], environment: env)
            #expect(trusting.status != 0, "the planted checksum names another version: \(trusting.stderr)")
        }
    }

    /// A copy of the bundled dataset with its store written (by a search) in a cache directory of its own, given to
    /// `body` with the environment its commands run in and the store's files. `firstEdit`: an edit made first (it
    /// starts the edits file); `reindexed`: the store written again after it. The store's lock is held while `body`
    /// runs, so that the background writers the edits start wait.
    static func withStore(
        firstEdit: Bool, reindexed: Bool = false,
        _ body: (_ file: String, _ env: [String: String], _ store: StoreFiles) throws -> Void
    ) throws {
        let file = try EditCLITests.copyOfBundled()
        let cache = freshCache()
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let env = environment(cache: cache)
        #expect(try AlliesBinary.run(["search", "--data", file, "nube"], environment: env).status == 0)
        if firstEdit {
            let first = try AlliesBinary.run(
                ["edit", "--data", file, "aws-openai-cloud-2025", "--set", "status=completed"], environment: env)
            #expect(first.status == 0, "\(first.stderr)")
        }
        if reindexed { #expect(try AlliesBinary.run(["reindex", "--data", file], environment: env).status == 0) }
        let store = try #require(StoreFiles(cache: cache))
        // The first edit's own background writer may still hold the lock (a busy machine): wait for it, up to a minute.
        var held = StoreFiles.hold(store.lock)
        for _ in 0..<1_200 where held == nil {
            usleep(50_000)
            held = StoreFiles.hold(store.lock)
        }
        let lock = try #require(held)
        defer { close(lock) }
        try body(file, env, store)
    }
}
