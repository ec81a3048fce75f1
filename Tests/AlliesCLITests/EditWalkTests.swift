import AlliesCore
import AlliesGenerator
import Foundation
import Testing

/// The editing walk of #13, end to end and at a person's pace: the real binary in tmux on a dataset file of the
/// user's; an alliance added through its form key by key (keys 150–600 ms apart), saved; edited, saved; the edit
/// undone, saved; a quiet spell; quit. The file on disk is checked after each save and at the end.
@Suite("Editing at a person's pace, end to end", .serialized, .timeLimit(.minutes(10)))
struct EditWalkTests {
    typealias T = TerminalTests

    static let quote = "La jugada no es casual."
    static let id = "test-deal"

    /// Also with the edits kept beside the file (`editsFile`: $ALLIES_EDITS_FILE_FROM=0 stands in for a file of
    /// 64 MiB or more): the file itself is never rewritten, each save is one line of its edits file, and the file and
    /// its edits read back as the same dataset.
    @Test(
        "Add an alliance by its form, edit it, undo the edit, quit: the file holds the alliance as first added",
        arguments: [false, true])
    func addEditUndoSaveAtAPersonsPace(editsFile: Bool) async throws {
        let scratch = try T.Scratch()
        defer { scratch.cleanUp() }
        let file = scratch.path("mine.json")
        try Dataset.bundled().get().canonicalJSON().write(toFile: file, atomically: true, encoding: .utf8)
        let original = try Data(contentsOf: URL(fileURLWithPath: file))
        let journal = file + ".edits.jsonl"
        /// After the n-th save: with the edits file, the file untouched and n lines after the first.
        func checkEditsFile(_ saves: Int, sourceLocation: SourceLocation = #_sourceLocation) throws {
            guard editsFile else { return }
            #expect(
                try Data(contentsOf: URL(fileURLWithPath: file)) == original, "rewritten",
                sourceLocation: sourceLocation)
            let lines = try String(contentsOfFile: journal, encoding: .utf8).split(separator: "\n")
            #expect(lines.count == saves + 1, "\(lines.count) lines", sourceLocation: sourceLocation)
        }
        let savedNote = editsFile ? "saved to mine.json.edits.jsonl" : "saved to mine.json"
        let stores = scratch.path("stores")
        let allies = Tmux.quote(try Tmux.alliesBinary())
        let command = try scratch.script(
            """
            before=$(stty -g)
            env LANG=C.UTF-8 LC_ALL=C.UTF-8 ALLIES_TODAY=2026-12-03 ALLIES_EDITS_FILE_FROM=\(editsFile ? "0" : "")\
             ALLIES_CACHE_DIR=\(Tmux.quote(stores)) \(allies) --data \(Tmux.quote(file))
            status=$?
            if [ "$before" = "$(stty -g)" ]; then echo TTY:SAME; else echo TTY:CHANGED; fi
            echo EXITED:$status
            \(T.stay)
            """)
        let tmux = try Tmux(width: 100, height: 40, command: command)
        defer { tmux.kill() }
        try await tmux.waitFor(format: "#{alternate_on}", equals: "1")
        _ = try await tmux.waitFor(text: "Anthropic")

        var random = SplitMix64(seed: 0x0ED1_7000)
        /// One key (a tmux key name, or text sent literally character by character), then a person's pause.
        func key(_ name: String) async throws {
            try tmux.sendKeys(name)
            try await Task.sleep(for: .milliseconds(Int.random(in: 150...600, using: &random)))
        }
        func type(_ text: String) async throws {
            for c in text {
                try tmux.type(String(c))
                try await Task.sleep(for: .milliseconds(Int.random(in: 150...600, using: &random)))
            }
        }

        // Alliances, a, Enter: the new alliance's form, its first field (the id, left to be made from the title).
        try await key("2")
        try await key("a")
        _ = try await tmux.waitFor(text: "Share estimate")
        try await key("Enter")
        _ = try await tmux.waitFor(text: "New alliance")
        try await key("j")
        try await key("Enter")
        // Each field, Tab to the next: kind, the two parties and their roles, status, titles, summaries, the source.
        for (text, what) in [
            ("chip", "kind"), ("nvidia", "first party"), ("sup", "role"), ("apple", "second party"), ("cus", "role"),
            ("annou", "status"), ("Test deal", "title"), ("Prueba", "título"), ("A test.", "summary"),
            ("Una prueba.", "resumen"), ("trainium2", "article"), (Self.quote, "quote"),
        ] {
            try await type(text)
            try await key(what == "quote" ? "Enter" : "Tab")
        }
        try await key("C-s")
        var screen = try await tmux.waitFor(text: savedNote)
        try checkEditsFile(1)
        #expect(screen.contains("Test deal"), "the new alliance's screen:\n\(screen)")
        var saved = try Dataset.load(path: file).get()
        let added = try #require(saved.alliances.first { $0.id == Self.id }, "not in the file:\n\(screen)")
        #expect(added.parties.map(\.company) == ["nvidia", "apple"])
        #expect(added.kind == .chipSupply && added.status == .announced)
        #expect(added.sources.first?.quote == Self.quote)
        #expect(added.added == PartialDate(year: 2026, month: 12, day: 3))

        // e: the title changed, Ctrl-S.
        try await key("e")
        _ = try await tmux.waitFor(text: "Editing alliance")
        for _ in 0..<12 { try await key("j") }
        screen = try tmux.capture()
        try await key("Enter")
        try await key("C-u")
        try await type("Edited deal")
        try await key("Enter")
        try await key("C-s")
        screen = try await tmux.waitFor(text: savedNote)
        #expect(screen.contains("Edited deal"), "\(screen)")
        try checkEditsFile(2)
        saved = try Dataset.load(path: file).get()
        let edited = try #require(saved.alliances.first { $0.id == Self.id })
        #expect(edited.title.en == "Edited deal", "the 12th row is the English title:\n\(screen)")
        #expect(edited.updated == PartialDate(year: 2026, month: 12, day: 3))

        // u: the edit undone, and saved.
        try await key("u")
        screen = try await tmux.waitFor(text: savedNote)
        #expect(screen.contains("Undid: Changed alliance"), "\(screen)")
        try checkEditsFile(3)
        saved = try Dataset.load(path: file).get()
        #expect(saved.alliances.first { $0.id == Self.id }?.title.en == "Test deal", "\(screen)")

        // A quiet spell, as when someone reads; then back to the top and quit.
        try await Task.sleep(for: .seconds(20))
        #expect(try tmux.display("#{pane_dead}") == "0", "the explorer left on its own")
        try await key("Escape")
        try await key("q")
        let end = try await tmux.waitFor(text: "EXITED:")
        #expect(end.contains("EXITED:0"), "q should quit with 0:\n\(end)")
        #expect(end.contains("TTY:SAME"), "the terminal settings were not restored:\n\(end)")
        // The file is whole and holds the alliance as first added, with every bundled record.
        let last = try Dataset.load(path: file).get()
        #expect(last.alliances.count == (try Dataset.bundled().get()).alliances.count + 1)
        #expect(last.alliances.first { $0.id == Self.id }?.title.en == "Test deal")
        try checkEditsFile(3)
        // The session left the store of the file as last saved: the next open reads it, not the JSON.
        let next = try OpenedDataset.open(file, useCache: true, cacheDirectory: stores).get()
        #expect(next.index != nil, "the next open reads the store")
        #expect(next.catalog.dataset.alliances.first { $0.id == Self.id }?.title.en == "Test deal")
        guard editsFile else { return }
        // Opened again: the first screen says the file is read with its edits, and how they get into it.
        let reopen = try scratch.script(
            """
            env LANG=C.UTF-8 LC_ALL=C.UTF-8 ALLIES_CACHE_DIR=\(Tmux.quote(stores)) \(allies) --data \(Tmux.quote(file))
            \(T.stay)
            """)
        let again = try Tmux(width: 100, height: 40, command: reopen)
        defer { again.kill() }
        let first = try await again.waitFor(text: "with the edits of")
        #expect(
            first.contains("with the edits of 3 saves from mine.json.edits.jsonl (allies fold-edits writes them in)"),
            "\(first)")
        try again.sendKeys("q")
    }
}
