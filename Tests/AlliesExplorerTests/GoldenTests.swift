import AlliesCore
import AlliesText
import Testing
@testable import AlliesExplorer

/// Moves the selection down until the item with `id` is selected (fails the test if it never is).
func select(_ e: inout Explorer, _ id: String, sourceLocation: SourceLocation = #_sourceLocation) {
    press(&e, .top)
    var guardCount = 0
    while e.state.selectedID != id && guardCount < 400 {
        // Down moves the selection, or scrolls through an item taller than the list: stop when it does neither.
        let before = (e.state.selectedIndex, e.state.scrollOffset)
        press(&e, .moveDown)
        if e.state.selectedIndex == before.0 && e.state.scrollOffset == before.1 { break }
        guardCount += 1
    }
    #expect(e.state.selectedID == id, "could not select \(id)", sourceLocation: sourceLocation)
}

/// A screen reached by a short key path from a fresh explorer.
struct Scenario: CustomStringConvertible, Sendable {
    let name: String
    let go: @Sendable (inout Explorer) -> Void
    var description: String { name }
}

let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 40, height: 12)]

let scenarios: [Scenario] = [
    Scenario(name: "companies") { _ in },
    Scenario(name: "companies-sorted-by-alliances") { press(&$0, .sort) },
    Scenario(name: "companies-openai-preview") { select(&$0, "openai") },
    Scenario(name: "alliances") { press(&$0, .alliances) },
    Scenario(name: "alliances-investment") { press(&$0, .alliances, .filter) },
    Scenario(name: "timeline") { press(&$0, .timeline) },
    Scenario(name: "chips") { press(&$0, .chips) },
    Scenario(name: "chips-vendors") { press(&$0, .chips, .bottom) },
    Scenario(name: "company-anthropic") { e in
        select(&e, "anthropic"); press(&e, .open)
    },
    Scenario(name: "company-anthropic-timeline") { e in
        select(&e, "anthropic"); press(&e, .open, .companyTimeline)
    },
    Scenario(name: "alliance-aws-openai") { e in
        press(&e, .alliances); select(&e, "aws-openai-cloud-2025"); press(&e, .open)
    },
    Scenario(name: "alliance-aws-openai-quote") { e in
        press(&e, .alliances); select(&e, "aws-openai-cloud-2025"); press(&e, .open); select(&e, "source/0")
    },
    Scenario(name: "search-anthropic") {
        press(&$0, .search); press(&$0, "anthropic")
    },
    Scenario(name: "search-results-nvidia") {
        press(&$0, .search); press(&$0, "nvidia"); press(&$0, .promptResults)
    },
    Scenario(name: "search-error") {
        press(&$0, .search); press(&$0, "kind:merger")
    },
    Scenario(name: "help") { press(&$0, .help) },
    Scenario(name: "network-anthropic") { e in
        select(&e, "anthropic"); press(&e, .network)
    },
    Scenario(name: "network-anthropic-merged") { e in
        select(&e, "anthropic"); press(&e, .network, .mergeUnits)
    },
    Scenario(name: "network-path-prompt") { e in
        select(&e, "apple"); press(&e, .network, .askPath); press(&e, "open")
    },
    Scenario(name: "paths-apple-openai") { e in
        select(&e, "apple"); press(&e, .network, .askPath); press(&e, "openai"); press(&e, .promptPaths)
    },
    Scenario(name: "loops") { e in
        select(&e, "anthropic"); press(&e, .network, .loops)
    },
    Scenario(name: "loops-merged") { e in
        select(&e, "anthropic"); press(&e, .network, .mergeUnits, .loops)
    },
    Scenario(name: "loop-amazon-anthropic-microsoft-openai") { e in
        select(&e, "anthropic"); press(&e, .network, .mergeUnits, .loops)
        select(&e, "loop/amazon/anthropic/microsoft/openai"); press(&e, .open)
    },
]

@Suite("Golden screens")
struct GoldenTests {
    @Test("whole screens at 80x24, 120x40 and 40x12", arguments: scenarios)
    func screens(_ scenario: Scenario) {
        for size in sizes {
            var e = explorer(size: size)
            scenario.go(&e)
            Golden.check("\(scenario.name)-\(size.width)x\(size.height)", e.render(size))
        }
    }

    @Test func tooSmall() {
        for size in [Size(width: 29, height: 8), Size(width: 30, height: 7), Size(width: 12, height: 4)] {
            let e = explorer(size: size)
            let grid = e.render(size)
            #expect(grid.text.contains("small"))
            Golden.check("too-small-\(size.width)x\(size.height)", grid)
        }
        // Exactly the minimum draws the real screen.
        #expect(explorer().render(Size(width: 30, height: 8)).text.contains("Companies"))
    }

    @Test func asciiMode() {
        let names = [
            "chips", "alliance-aws-openai", "company-anthropic", "companies", "network-anthropic", "paths-apple-openai",
            "loops-merged", "loop-amazon-anthropic-microsoft-openai",
        ]
        for scenario in scenarios where names.contains(scenario.name) {
            var e = explorer(unicode: false)
            scenario.go(&e)
            let grid = e.render(Size(width: 80, height: 24))
            Golden.check("ascii-\(scenario.name)-80x24", grid)
            for y in 0..<grid.size.height {
                for x in 0..<grid.size.width {
                    let g = grid[x, y].grapheme
                    for s in g.unicodeScalars where "█░▶─│├└›…→≥≤".unicodeScalars.contains(s) {
                        Issue.record("Unicode drawing character \(g) at \(x),\(y) in ASCII mode (\(scenario.name))")
                    }
                }
            }
        }
    }

    @Test func loading() {
        var e = Explorer(catalog: nil, datasetName: "big.json")
        _ = e.update(.resize(Size(width: 80, height: 24)))
        _ = e.update(.loadProgress(0.45))
        Golden.check("loading-80x24", e.render(Size(width: 80, height: 24)))
        _ = e.update(
            .dataLoaded(
                .failed(
                    DatasetError([
                        Diagnostic(
                            file: "big.json", position: nil, record: "alliances[3]",
                            field: "kind", message: "unknown kind \"merger\"")
                    ]))))
        Golden.check("load-failed-80x24", e.render(Size(width: 80, height: 24)))
    }
}

/// The README shows six screens "the tests compare against": they must be the golden files, line for line.
@Suite("The README's screens")
struct ReadmeScreensTests {
    @Test func theREADMEShowsTheGoldenScreens() throws {
        let root = Golden.directory.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "What it looks like at 80×24"))
        let end = try #require(readme.range(of: "## The command line"))
        let part = readme[start.upperBound..<end.lowerBound]
        let blocks = part.components(separatedBy: "```\n").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        let names = [
            "companies-80x24", "alliance-aws-openai-quote-80x24", "timeline-80x24", "chips-80x24",
            "network-anthropic-80x24", "loops-merged-80x24",
        ]
        #expect(blocks.count == names.count)
        for (block, name) in zip(blocks, names) {
            let golden = try String(contentsOf: Golden.directory.appendingPathComponent(name + ".txt"), encoding: .utf8)
            func lines(_ s: String) -> [String] {
                s.split(separator: "\n", omittingEmptySubsequences: false).map {
                    var l = String($0); while l.hasSuffix(" ") { l.removeLast() }; return l
                }.reversed().drop { $0.isEmpty }.reversed()
            }
            #expect(lines(block) == lines(golden), "README's \(name) is not the golden screen; copy Golden/\(name).txt")
        }
    }
}
