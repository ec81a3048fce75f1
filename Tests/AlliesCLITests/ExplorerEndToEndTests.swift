import Foundation
import Testing

/// The explorer as a user drives it: the real binary in tmux, keys in, captured screens out.
@Suite("Explorer end to end", .serialized, .timeLimit(.minutes(10)))
struct ExplorerEndToEndTests {
    typealias T = TerminalTests

    /// The walk from the issue: find Anthropic's investors, read the Spanish quote behind the AWS–OpenAI contract,
    /// go back, open the timeline and the chips view, resize, and quit with the terminal restored.
    @Test func aNewUsersFirstMinutes() async throws {
        let scratch = try T.Scratch()
        defer { scratch.cleanUp() }
        let (tmux, first) = try await T.startExplorer(scratch)
        defer { tmux.kill() }
        #expect(T.rows(first).first?.contains("Companies") == true, "starts on Companies:\n\(first)")
        #expect(first.contains("Anthropic"))

        // Search for Anthropic and open it: its investors are listed.
        try tmux.sendKeys("/")
        try tmux.type("anthropic")
        try await tmux.waitFor(text: "Anthropic")
        try tmux.sendKeys("Enter")
        // Wait for the whole screen: a capture taken mid-redraw holds the new top rows over the old results.
        let company = try await tmux.waitFor("the Anthropic company screen") { s in
            T.rows(s).first?.contains("Anthropic") == true && s.contains("Microsoft") && s.contains("NVIDIA")
                && s.contains("Investment") && !s.contains("description.en")
        }
        #expect(company.contains("Amazon"))
        #expect(company.contains("Investment"), "alliances grouped by kind:\n\(company)")

        // Esc goes back one screen at a time: to the search results, then to the top level.
        try tmux.sendKeys("Escape")
        try await tmux.waitFor("back on the search results") { T.rows($0).first?.contains("Search: anthropic") == true }
        try tmux.sendKeys("Escape")
        try await tmux.waitFor("back on a top-level view") { T.rows($0).first?.contains("›") == false }

        // The AWS–OpenAI alliance through search, down to its Spanish quote.
        try tmux.sendKeys("/")
        try tmux.type("aws-openai-cloud")
        try await tmux.waitFor(text: "OpenAI–AWS")
        try tmux.sendKeys("Enter")
        try await tmux.waitFor("the alliance screen") { T.rows($0).first?.contains("OpenAI–AWS") == true }
        var quote = try tmux.capture()
        for _ in 0..<8 where !quote.contains("anunciaron ayer un acuerdo") {
            try tmux.sendKeys("NPage")
            quote = try await tmux.waitForStableScreen()
        }
        #expect(quote.contains("anunciaron ayer un acuerdo"), "the Spanish quote was never on screen:\n\(quote)")
        #expect(quote.contains("38 000 millones"))
        T.expectNoEscapeGarbage(quote)

        // Esc goes back to where we were; the number keys switch views.
        try tmux.sendKeys("Escape")
        try await tmux.waitFor("back from the alliance") { T.rows($0).first?.contains("OpenAI–AWS") == false }
        try tmux.sendKeys("3")
        // Waits for the rows too: a capture can fall between the title and the rows of one redraw.
        let timeline = try await tmux.waitFor("the timeline with its years") {
            T.rows($0).first?.contains("Timeline") == true && $0.contains("2018")
        }
        #expect(T.rows(timeline).count > 3, "years as headings:\n\(timeline)")
        try tmux.sendKeys("4")
        // The title and the bars: a capture can fall between the new title and the old rows of one redraw.
        let chips = try await tmux.waitFor("the chips view") {
            T.rows($0).first?.contains("Chips") == true && $0.contains("▶")
        }
        #expect(chips.contains(">70%"), "NVIDIA's 'más del 70%' drawn as a lower bound:\n\(chips)")
        #expect(chips.contains("▶"))

        // Resize: the layout is redrawn for each size, every row within the width.
        for (w, h) in [(80, 24), (40, 12), (100, 30)] {
            try tmux.resize(width: w, height: h)
            let screen = try await tmux.waitFor("a redraw at \(w)x\(h)") { s in
                let rows = T.rows(s)
                return rows.count == h && rows.first?.contains("Chips") == true
            }
            #expect(T.rows(screen).allSatisfy { $0.count <= w }, "a row wider than \(w):\n\(screen)")
        }

        // q at the top level quits with status 0 and the terminal as it was.
        try tmux.sendKeys("q")
        let after = try await tmux.waitFor(text: "EXITED:")
        #expect(after.contains("EXITED:0"))
        #expect(after.contains("TTY:SAME"))
    }

    /// A large file opened for the first time (no store yet: the JSON is read whole, seconds even for 50,000
    /// alliances in a debug build): its companies are drawn as soon as their list is read, by name, with `…` for
    /// what is not counted yet; keys work meanwhile at a person's pace; the Companies screen takes over, with the
    /// selection kept.
    @Test func aLargeFilesCompaniesComeFirst() async throws {
        let scratch = try T.Scratch()
        defer { scratch.cleanUp() }
        let file = scratch.path("big.json")
        let generated = try AlliesBinary.run([
            "generate", "--companies", "5000", "--alliances", "50000", "--seed", "3", "--output", file,
        ])
        #expect(generated.status == 0, "\(generated.stderr)")
        let size = try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int ?? 0
        #expect(size >= 64 << 20, "the file must be as large as the explorer draws its companies early for")
        let allies = Tmux.quote(try Tmux.alliesBinary())
        let command = try scratch.script(
            """
            env XDG_CACHE_HOME=\(Tmux.quote(scratch.path("cache"))) XDG_DATA_HOME=\(Tmux.quote(freshDataHome())) \
                \(allies) --data \(Tmux.quote(file))
            echo EXITED:$?
            \(T.stay)
            """)
        let tmux = try Tmux(width: 80, height: 24, command: command)
        defer { tmux.kill() }
        let early = try await tmux.waitFor("the file's companies, before its alliances are read") { s in
            let rows = T.rows(s)
            return rows.count == 24 && rows[23].contains("Reading big.json") && rows[2].contains("│     … │")
        }
        #expect(T.rows(early)[0].contains("Companies") && T.rows(early)[0].hasSuffix("1/5000"), "\(early)")
        #expect(!T.rows(early)[23].contains("sort"), "one order only, none offered:\n\(early)")
        let second = T.rows(early)[3].split(separator: "│").first.map(String.init) ?? ""
        try await Task.sleep(for: .milliseconds(400))
        try tmux.sendKeys("j")
        try await Task.sleep(for: .milliseconds(300))
        try tmux.sendKeys("s")
        // Either the note (still reading) or, on a fast machine, the whole dataset already.
        let after = try await tmux.waitFor("the note, or the dataset") { s in
            s.contains("Available once the dataset is read") || T.rows(s).last?.contains("/ search") == true
        }
        #expect(after.contains("2/5000"), "the selection moved:\n\(after)")
        // Read before `s` arrived (a fast machine), the dataset's Companies screen takes `s` as a sort.
        let sorted = !after.contains("Available once the dataset is read")
        let whole = try await tmux.waitFor("the Companies screen, the dataset read", timeout: .seconds(60)) { s in
            T.rows(s).last?.contains("/ search") == true && (!sorted || T.rows(s).last?.contains("sort:deals") == true)
        }
        let rows = T.rows(whole)
        if !sorted {
            #expect(rows[0].hasSuffix("2/5000") && rows[3].hasPrefix(second), "same row selected:\n\(whole)")
        }
        #expect(!rows[3].contains("│     … │") && rows[3].contains { $0.isNumber }, "its deals counted:\n\(whole)")
        try tmux.sendKeys("q")
        try await tmux.waitFor(text: "EXITED:0")
    }

    /// Below the minimum size the explorer says so instead of drawing a broken layout, and recovers.
    @Test func tooSmallThenBigAgain() async throws {
        let scratch = try T.Scratch()
        defer { scratch.cleanUp() }
        let (tmux, _) = try await T.startExplorer(scratch)
        defer { tmux.kill() }
        try tmux.resize(width: 20, height: 6)
        let small = try await tmux.waitFor(text: "too small")
        T.expectNoEscapeGarbage(small)
        try tmux.resize(width: 80, height: 24)
        try await tmux.waitFor("the companies list again") { T.rows($0).first?.contains("Companies") == true }
        try tmux.sendKeys("C-c")
        let after = try await tmux.waitFor(text: "EXITED:")
        #expect(after.contains("EXITED:0"))
    }
}
