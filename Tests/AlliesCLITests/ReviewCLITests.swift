import AlliesCore
import Foundation
import Testing

/// An import's uncertain company match, end to end (issue #14): `allies import csv` leaves it beside the dataset, the
/// explorer on that dataset says so on its first screen, `M` lists it, `y` merges the companies and writes the
/// decision beside the dataset, and the next import of the same source leaves them merged.
@Suite("Reviewing an import's matches, end to end", .serialized, .timeLimit(.minutes(10)))
struct ReviewCLITests {
    typealias T = TerminalTests

    static func importing(_ csv: String, dataset: String, _ target: [String], _ scratch: T.Scratch) throws
        -> AlliesBinary.Output
    {
        let file = scratch.path(Slug.make(dataset) + ".csv")
        try csv.write(toFile: file, atomically: true, encoding: .utf8)
        return try AlliesBinary.run(
            [
                "import", "csv", file, "--map", "Buyer=from.name", "--map", "Country=from.country", "--map",
                "Target=to.name", "--kind", "acquisition", "--dataset", dataset,
            ] + target, environment: ["ALLIES_TODAY": "2026-12-03"])
    }

    @Test func anUncertainMatchIsAnnouncedReviewedAndKept() async throws {
        let scratch = try T.Scratch()
        defer { scratch.cleanUp() }
        let file = scratch.path("deals.json")
        let first = try Self.importing(
            "Buyer,Country,Target\nGlobex,US,Initech\n", dataset: "First 2025", ["--output", file], scratch)
        #expect(first.status == 0, "\(first.stderr)")
        // The same name in another country: added as a company of its own, and a candidate.
        let second = try Self.importing(
            "Buyer,Country,Target\nGlobex,DE,Hooli\n", dataset: "Second 2025", ["--into", file], scratch)
        #expect(second.status == 0 && second.stdout.contains("1 uncertain matches"), "\(second.stdout)")
        #expect(FileManager.default.fileExists(atPath: scratch.path("deals.candidates.json")))
        #expect(try Dataset.load(path: file).get().companies.filter { $0.name == "Globex" }.count == 2)

        let allies = Tmux.quote(try Tmux.alliesBinary())
        let command = try scratch.script(
            """
            env LANG=C.UTF-8 LC_ALL=C.UTF-8 ALLIES_TODAY=2026-12-03 \(allies) --data \(Tmux.quote(file))
            echo EXITED:$?
            \(T.stay)
            """)
        let tmux = try Tmux(width: 160, height: 30, command: command)
        defer { tmux.kill() }
        try await tmux.waitFor(format: "#{alternate_on}", equals: "1")
        _ = try await tmux.waitFor(text: "1 uncertain company match from an import: press M to review")
        try tmux.sendKeys("M")
        _ = try await tmux.waitFor(text: "Review matches 1/1 pending")
        // The candidate's rows may be drawn a moment after the title (a capture can fall between): wait for them.
        var screen = try await tmux.waitFor(text: "the same name, but US and not DE")
        #expect(screen.contains("From Second 2025") && screen.contains("the same name, but US and not DE"), "\(screen)")
        try tmux.sendKeys("y")
        screen = try await tmux.waitFor(text: "decision written to deals.review.json")
        #expect(screen.contains("accepted → merged into Globex (globex)"), "\(screen)")
        _ = try await tmux.waitFor(text: "Review matches 0/1 pending")
        try tmux.sendKeys("q")
        try tmux.sendKeys("q")
        _ = try await tmux.waitFor(text: "EXITED:0")

        let merged = try Dataset.load(path: file).get()
        #expect(merged.companies.filter { $0.name == "Globex" }.map(\.id) == ["globex"])
        #expect(merged.alliances.allSatisfy { $0.parties.allSatisfy { $0.company != "globex-2" } })
        let decisions = try ReviewFile.read(scratch.path("deals.review.json")).get()
        #expect(decisions.count == 1 && decisions.first?.verdict == .accept && decisions.first?.company == "globex")
        // The next import of the same source: the decision holds, no candidate, one Globex.
        let again = try Self.importing(
            "Buyer,Country,Target\nGlobex,DE,Hooli\n", dataset: "Second 2025", ["--into", file], scratch)
        #expect(again.status == 0 && !again.stdout.contains("uncertain"), "\(again.stdout)")
        #expect(try Dataset.load(path: file).get().companies.filter { $0.name == "Globex" }.count == 1)
    }
}
