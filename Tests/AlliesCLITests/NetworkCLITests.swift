import AlliesText
import Foundation
import Testing

/// Runs a program from PATH with arguments; returns status and output.
private func runTool(_ tool: String, _ arguments: [String], stdin: Data? = nil) throws -> (
    status: Int32, stdout: String, stderr: String
) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [tool] + arguments
    let out = Pipe(), err = Pipe(), input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = stdin == nil ? FileHandle.nullDevice : input
    try process.run()
    if let stdin {
        input.fileHandleForWriting.write(stdin)
        try input.fileHandleForWriting.close()
    }
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
}

/// The Python that the cross-checks need (networkx, followthemoney), installed by scripts/deps.sh.
private func requirePython(_ modules: String) throws {
    let check = try runTool("python3", ["-c", "import \(modules)"])
    #expect(
        check.status == 0, "python3 cannot import \(modules): run scripts/deps.sh (make test does) — \(check.stderr)")
    try #require(check.status == 0)
}

@Suite("Network on the command line")
struct NetworkCLITests {
    static func cycles(_ arguments: [String]) throws -> [[String: Any]] {
        let json = try #require(try AlliesBinary.json(["cycles", "--format", "json"] + arguments) as? [String: Any])
        #expect(json["capped"] as? Bool == false)
        return try #require(json["cycles"] as? [[String: Any]])
    }

    @Test func cyclesListTheArticlesCircularFinancing() throws {
        let apart = try Self.cycles([])
        #expect(apart.contains { Set(($0["companies"] as? [String]) ?? []) == ["anthropic", "microsoft"] })
        let merged = try Self.cycles(["--merge-units"])
        #expect(merged.count > apart.count, "merging AWS into Amazon reveals more loops")
        // Amazon → OpenAI is only in talks: it is not agreed money, and nothing agreed goes all the way round.
        let amazonOpenAI = try #require(
            merged.first { Set(($0["companies"] as? [String]) ?? []) == ["amazon", "openai"] })
        #expect(amazonOpenAI["agreedUSD"] as? Double == 38e9)
        #expect(amazonOpenAI["roundUSD"] is NSNull)
        #expect(amazonOpenAI["otherMoney"] as? Bool == true)
        let totals = merged.compactMap { $0["agreedUSD"] as? Double }
        #expect(totals == totals.sorted(by: >), "ranked by agreed money")
        let table = try AlliesBinary.run(["cycles", "--merge-units", "--width", "200"])
        #expect(table.stdout.contains("Amazon → OpenAI → Amazon"))
        #expect(table.stdout.contains("Amazon → OpenAI  in talks: ~$10B"), "the step keeps its bound and status")
        #expect(table.stdout.contains("steps not in time order"), "the 2023–2025 loop says it is not a sequence")
        let big = try Self.cycles(["--merge-units", "--min-amount", "50B"])
        #expect(big.allSatisfy { ($0["agreedUSD"] as? Double ?? 0) >= 50e9 })
        #expect(big.count < merged.count)
        // By time: the newest loops first.
        let byTime = try Self.cycles(["--merge-units", "--sort", "time"])
        let last = byTime.compactMap { $0["lastDate"] as? String }
        #expect(last == last.sorted(by: >))
        // Agreed only: no loop goes through a deal in talks.
        let agreed = try Self.cycles(["--merge-units", "--agreed-only"])
        #expect(!agreed.contains { Set(($0["companies"] as? [String]) ?? []) == ["amazon", "openai"] })
        #expect(agreed.count < merged.count)
    }

    @Test func undisclosedStepsAreNotZero() throws {
        let merged = try Self.cycles(["--merge-units"])
        let withUndisclosed = merged.filter { cycle in
            ((cycle["steps"] as? [[String: Any]]) ?? []).contains { step in
                let money = step["money"] as? [String: Any]
                return (money?["agreed"] as? [String: Any])?.isEmpty == true
                    && (money?["undisclosed"] as? Double ?? 0) > 0
            }
        }
        #expect(!withUndisclosed.isEmpty)
        #expect(withUndisclosed.allSatisfy { $0["roundUSD"] is NSNull })
        let table = try AlliesBinary.run(["cycles", "--merge-units", "--width", "200"])
        #expect(table.stdout.contains("undisclosed"))
        #expect(!table.stdout.contains("$0"))
    }

    /// A path from a company to itself is refused as such (it said "No chain of alliances connects OpenAI and
    /// OpenAI"); so is one from a unit to its parent with units merged.
    @Test func aPathNeedsTwoCompanies() throws {
        let twice = try AlliesBinary.run(["path", "openai", "OpenAI"])
        #expect(twice.status == 64 && twice.stdout.isEmpty, "\(twice.stdout)")
        #expect(twice.stderr.contains("OpenAI is given twice"), "\(twice.stderr)")
        let merged = try AlliesBinary.run(["path", "aws", "amazon", "--merge-units"])
        #expect(merged.status == 64, "\(merged.stdout)")
        #expect(merged.stderr.contains("one company with --merge-units"), "\(merged.stderr)")
        #expect(try AlliesBinary.run(["path", "aws", "amazon"]).status == 0)
    }

    @Test func pathFromAppleToOpenAINamesEachAlliance() throws {
        let out = try AlliesBinary.run(["path", "apple", "openai", "--width", "200"])
        #expect(out.status == 0)
        #expect(out.stdout.contains("shortest paths of 2 steps from Apple to OpenAI"))
        // Each step says which way its money goes, and marks deals that are not agreed as the explorer does.
        #expect(out.stdout.contains("   Amazon Web Services ← OpenAI\n"), "OpenAI pays AWS")
        #expect(
            out.stdout.contains(
                "OpenAI–AWS $38 billion cloud computing deal  $38B over 7y (2025-11-03, aws-openai-cloud-2025)"))
        #expect(out.stdout.contains("[in talks] Amazon in talks to invest about $10 billion in OpenAI  ~$10B"))
        #expect(out.stdout.contains("   Apple ↔ Amazon\n"))
        let json = try #require(
            try AlliesBinary.json(["path", "apple", "openai", "--format", "json"]) as? [[[String: Any]]])
        let second = try #require(json.first?.last)
        #expect(second["money"] as? String == "backward")
        let alliances = try #require(second["alliances"] as? [[String: Any]])
        #expect(alliances.contains { $0["status"] as? String == "in-talks" })
        let agreed = try AlliesBinary.run(["path", "apple", "openai", "--agreed-only", "--width", "200"])
        #expect(!agreed.stdout.contains("[in talks]") && !agreed.stdout.contains("[predicted]"))
        let unknown = try AlliesBinary.run(["path", "apple", "opnai"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("Did you mean openai"))
    }

    /// A partner tied by alliances of two kinds is under each kind with that kind's money (OpenAI's $38B cloud
    /// contract with AWS was filed under their chip talks); a tie of alliances none of which is agreed says so
    /// (Amy Webb's predicted "Applezon" read as a partnership); two hops out listed once.
    @Test func tiesAreByKindAndSayWhenNothingIsAgreed() throws {
        let aws = try AlliesBinary.run(["network", "aws", "--depth", "2", "--width", "250"]).stdout
        let lines = aws.split(separator: "\n").map(String.init)
        let cloud = try #require(lines.firstIndex(of: "  cloud-contract"))
        let chips = try #require(lines.firstIndex(of: "  chip-supply"))
        let openAI = lines.indices.filter { lines[$0].contains("─ OpenAI  ") }
        #expect(openAI.count == 2, "\(aws)")
        let underCloud = try #require(openAI.first { $0 > cloud && (chips < cloud || $0 < chips) })
        #expect(lines[underCloud].contains("$38B") && lines[underCloud].contains("aws-openai-cloud-2025"))
        let underChips = try #require(openAI.first { $0 > chips && (cloud < chips || $0 < cloud) })
        #expect(
            !lines[underChips].contains("$38B") && lines[underChips].contains("(in talks: 1 undisclosed)"), "\(aws)")
        #expect(!lines[underChips].contains("(in-talks)"), "its money says it is in talks: not twice")
        // OpenAI's two-hop ties under its first kind shown (cloud contract), not again under chip supply.
        #expect(lines[underCloud + 1].contains("· ") && !lines[underChips + 1].contains("· "), "\(aws)")
        let amazon = try AlliesBinary.run(["network", "amazon", "--width", "200"]).stdout
        #expect(amazon.contains("Apple  no money (predicted)  [applezon-prediction-2018]"), "\(amazon)")
        #expect(
            amazon.contains("Anthropic  out ($8B (est., cumulative))  [amazon-anthropic-investment]"),
            "an agreed tie says nothing more than what its sum holds")
        // Two hops out, a tie keeps its standing too: Amy Webb's prediction is not a partnership.
        let anthropic = try AlliesBinary.run(["network", "anthropic", "--depth", "2", "--width", "200"]).stdout
        #expect(anthropic.contains("· Apple (partnership, predicted)  no money"), "\(anthropic)")
        // With its money from the partner's side, which names the talks (not twice); a tie of an agreed deal and one
        // in talks keeps both (only its kind was said: the talks were lost).
        #expect(anthropic.contains("· OpenAI (investment)  out (in talks: ~$10B)"), "\(anthropic)")
        #expect(
            anthropic.contains("· OpenAI (cloud-contract)  in ($38B (multi-year) · in talks: 1 undisclosed)"),
            "\(anthropic)")
    }

    /// On a narrow terminal the reports give way in their titles and ids, never inside a figure, a status or a date
    /// (`en toda la vuelta: ~8…` read as another number; `60 M$/año (2024-02-…`): what does not fit goes on the
    /// lines under it, whole.
    @Test(arguments: [40, 60, 80])
    func reportsNeverCutAFigureOrADate(width: Int) throws {
        let cycles = try AlliesBinary.run(["cycles", "--merge-units", "--width", "\(width)"]).stdout
        let path = try AlliesBinary.run(["path", "anthropic", "reddit", "--width", "\(width)"]).stdout
        let network = try AlliesBinary.run(["network", "aws", "--depth", "2", "--width", "\(width)"]).stdout
        for out in [cycles, path, network] {
            let lines = out.split(separator: "\n")
            #expect(lines.allSatisfy { TextWidth.of(String($0)) <= width }, "\(out)")
        }
        // Joined again, the words are all there: what was cut is only ever a title or a list of ids.
        func words(_ s: String) -> String { s.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        #expect(words(cycles).contains("round ~$8B"), "\(cycles)")
        #expect(words(path).contains("$60M/yr (2024-02-22, google-reddit-data-2024)"), "\(path)")
        #expect(words(path).contains("(2025-10-23, google-anthropic-tpu-2025)"), "\(path)")
        #expect(words(network).contains("in ($38B (multi-year) · in talks: 1 undisclosed)"), "\(network)")
        // The lines of a figure that did not fit are indented under their line, two columns past it.
        let round = try #require(cycles.split(separator: "\n").firstIndex { $0.contains("agreed on its steps") })
        let next = cycles.split(separator: "\n")[round + 1]
        #expect(next.hasPrefix("     ") || cycles.split(separator: "\n")[round].contains("round ~$8B"), "\(cycles)")
    }

    /// `cycles --format csv` says whether a loop's figures are approximate, as the table's `~$89B` and the JSON do:
    /// the number alone read as exact.
    @Test func cyclesCSVKeepsApproximateFigures() throws {
        let csv = try AlliesBinary.run(["cycles", "--merge-units", "--format", "csv"]).stdout
        let rows = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let header = try #require(rows.first).map(String.init)
        let agreed = try #require(header.firstIndex(of: "cycle_agreed_usd"))
        let approximate = try #require(header.firstIndex(of: "cycle_agreed_approximate"))
        #expect(header.contains("cycle_round_approximate"))
        let table = try AlliesBinary.run(["cycles", "--merge-units", "--width", "300"]).stdout
        #expect(table.contains("~$89B"))
        #expect(
            rows.dropFirst().contains {
                $0.count == header.count && $0[agreed] == "89000000000" && $0[approximate] == "true"
            })
    }

    /// `money --by year`: a running total or a contract over years is not money of its date's year alone (Microsoft's
    /// $13B since 2019, dated 2023; OpenAI's $38B over seven years from 2025); the year cells say so.
    @Test func moneyByYearKeepsRunningTotalsAndTermsApart() throws {
        let out = try AlliesBinary.run(["money", "--by", "year", "--width", "400"]).stdout
        let microsoft = try #require(out.split(separator: "\n").first { $0.hasPrefix("microsoft ") })
        #expect(
            microsoft.contains("to 2023 (cumulative): out ($13B (cumulative))") && !microsoft.contains("2023: out"),
            "\(microsoft)")
        let openAI = try #require(out.split(separator: "\n").first { $0.hasPrefix("openai ") })
        #expect(openAI.contains("from 2025 (over 7 years): out ($38B (multi-year))"), "\(openAI)")
        let json = try #require(
            try AlliesBinary.json(["money", "--by", "year", "--format", "json"]) as? [[String: Any]])
        let row = try #require(json.first { $0["company"] as? String == "microsoft" })
        #expect((row["byYear"] as? [String: Any])?["to 2023 (cumulative)"] != nil, "\(row)")
    }

    @Test func egoNetworkGroupsTiesByKind() throws {
        let out = try AlliesBinary.run(["network", "anthropic", "--depth", "2", "--width", "200"])
        #expect(out.status == 0)
        let lines = out.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "Anthropic (anthropic)")
        #expect(lines.contains("  investment"))
        // Money each way, never added: up to $5B from Microsoft, $30B of Azure compute to it.
        #expect(lines.contains { $0.contains("Microsoft  in (≤$5B), out ($30B)") })
        let json = try #require(
            try AlliesBinary.json(["network", "anthropic", "--depth", "2", "--format", "json"]) as? [String: Any])
        let ties = try #require(json["ties"] as? [[String: Any]])
        #expect(ties.contains { $0["hop"] as? Double == 2 && $0["via"] as? String != nil })
        let bad = try AlliesBinary.run(["network", "anthropic", "--depth", "3"])
        #expect(bad.status == 64)
    }

    @Test func moneyTotalsByKindAndYear() throws {
        let byKind = try #require(try AlliesBinary.json(["money", "--format", "json"]) as? [[String: Any]])
        let openai = try #require(byKind.first { $0["company"] as? String == "openai" })
        let kinds = try #require(openai["byKind"] as? [String: Any])
        #expect(kinds["investment"] != nil && kinds["cloud-contract"] != nil)
        let byYear = try #require(
            try AlliesBinary.json(["money", "--by", "year", "--format", "json"]) as? [[String: Any]])
        #expect((byYear.first { $0["company"] as? String == "openai" }?["byYear"] as? [String: Any])?["2025"] != nil)
    }

    @Test func dotExportRendersWithGraphviz() throws {
        let dot = try AlliesBinary.run(["export", "--format", "dot"])
        #expect(dot.status == 0)
        let rendered = try runTool("dot", ["-Tsvg"], stdin: Data(dot.stdout.utf8))
        #expect(
            rendered.status == 0,
            "dot -Tsvg failed (is graphviz installed? scripts/deps.sh installs it): \(rendered.stderr)")
        #expect(rendered.stdout.contains("<svg"))
        #expect(rendered.stdout.contains("Anthropic"))
        // Each edge says its deal's status, whether its money is agreed, and its bound, as GraphML's do (README).
        let edges = dot.stdout.split(separator: "\n").filter { $0.contains(" -> ") }
        #expect(!edges.isEmpty)
        for edge in edges {
            #expect(edge.contains("status=\"") && edge.contains("bound=\""), "\(edge)")
            #expect(edge.contains("agreed=true") != edge.contains("agreed=false"), "\(edge)")
        }
        #expect(edges.contains { $0.contains("status=\"in-talks\"") && $0.contains("agreed=false") })
        #expect(edges.contains { $0.contains("status=\"active\"") && $0.contains("agreed=true") })
    }

    /// `--agreed-only` and `--merge-units` shape an exported network (they were taken and left unused); with a
    /// format of the dataset they are refused, not ignored.
    @Test func anExportedNetworkIsShapedByItsOptions() throws {
        func edges(_ arguments: [String]) throws -> [Substring] {
            let out = try AlliesBinary.run(["export", "--format", "dot"] + arguments)
            #expect(out.status == 0, "\(out.stderr)")
            return out.stdout.split(separator: "\n").filter { $0.contains(" -> ") }
        }
        let all = try edges([]), agreed = try edges(["--agreed-only"]), merged = try edges(["--merge-units"])
        #expect(all.contains { $0.contains("agreed=false") })
        #expect(!agreed.isEmpty && agreed.allSatisfy { $0.contains("agreed=true") })
        #expect(all.contains { $0.hasPrefix("  \"aws\" ->") || $0.contains("-> \"aws\"") })
        #expect(!merged.contains { $0.hasPrefix("  \"aws\" ->") || $0.contains("-> \"aws\"") })
        for format in ["json", "csv", "text", "ftm"] {
            let refused = try AlliesBinary.run(["export", "--format", format, "--agreed-only"])
            #expect(refused.status == 64 && refused.stdout.isEmpty, "\(format): \(refused.status)")
            #expect(refused.stderr.contains("--agreed-only shapes the network"), "\(refused.stderr)")
        }
    }

    @Test func mermaidExportHasEveryEdge() throws {
        let mermaid = try AlliesBinary.run(["export", "--format", "mermaid"])
        #expect(mermaid.stdout.hasPrefix("flowchart LR\n"))
        let graphml = try AlliesBinary.run(["export", "--format", "graphml"])
        let edges = graphml.stdout.components(separatedBy: "<edge ").count - 1
        let arrows = mermaid.stdout.split(separator: "\n").filter { $0.contains(" -->|") || $0.contains(" ---|") }.count
        #expect(edges == arrows && edges > 0)
    }

    /// networkx reads the GraphML with the same node and edge counts, and finds the same cycles and shortest paths.
    @Test func graphMLAndAlgorithmsAgreeWithNetworkx() throws {
        try requirePython("networkx")
        for merge in [false, true] {
            let flag = merge ? ["--merge-units"] : []
            let graphml = try AlliesBinary.run(["export", "--format", "graphml"] + flag)
            let path = try temporaryFile(graphml.stdout, name: "network.graphml")
            let cycles = try AlliesBinary.run(["cycles", "--format", "json"] + flag)
            let cyclesPath = try temporaryFile(cycles.stdout, name: "cycles.json")
            let paths = try AlliesBinary.run(["path", "apple", "openai", "--format", "json"] + flag)
            let pathsPath = try temporaryFile(paths.stdout, name: "paths.json")
            let script = """
                import json, sys, networkx as nx
                g = nx.read_graphml(sys.argv[1])
                edges = open(sys.argv[1]).read().count('<edge ')
                nodes = open(sys.argv[1]).read().count('<node ')
                assert g.number_of_nodes() == nodes and g.number_of_edges() == edges, (g.number_of_nodes(), nodes, \
                g.number_of_edges(), edges)
                money = nx.DiGraph([(u, v) for u, v, d in g.edges(data=True) if d.get('money_direction')])
                def canon(c):
                    i = c.index(min(c)); return tuple(c[i:] + c[:i])
                theirs = {canon(c) for c in nx.simple_cycles(money, length_bound=6)}
                ours = {canon(c['companies']) for c in json.load(open(sys.argv[2]))['cycles']}
                # Every edge carries its deal's status and whether it is agreed; edges with amounts carry their bounds.
                for u, v, d in g.edges(data=True):
                    assert d.get('status') in ('predicted', 'rumoured', 'in-talks', 'announced', 'active', \
                'completed', 'ended'), d
                    assert d['agreed'] == (d['status'] in ('announced', 'active', 'completed')), d
                bounded = [d for u, v, d in g.edges(data=True) if 'bound' in d]
                assert any('up-to' in d['bound'].split() for d in bounded), 'the up-to amounts keep their bound'
                assert all(not (d.get('usd') and 'up-to' == d['bound']) for d in bounded), 'a ceiling is never in usd'
                assert any(d['status'] == 'in-talks' for u, v, d in g.edges(data=True))
                # A yearly rate is never a total; estimates, running totals and terms say so.
                reddit = [d for u, v, d in g.edges(data=True) if d['alliance'] == 'google-reddit-data-2024'][0]
                assert reddit.get('usd_per_year') == 60e6 and 'usd' not in reddit, reddit
                amazon = [d for u, v, d in g.edges(data=True) if d['alliance'] == 'amazon-anthropic-investment'][0]
                assert amazon['estimated'] and amazon['cumulative'], amazon
                aws = [d for u, v, d in g.edges(data=True) if d['alliance'] == 'aws-openai-cloud-2025'][0]
                assert aws['term_years'] == 7, aws
                assert theirs == ours, (sorted(theirs - ours), sorted(ours - theirs))
                undirected = nx.Graph(g.to_undirected())
                theirs = {tuple(p) for p in nx.all_shortest_paths(undirected, 'apple', 'openai')}
                ours = {tuple([p[0]['from']] + [s['to'] for s in p]) for p in json.load(open(sys.argv[3]))}
                assert theirs == ours, (theirs, ours)
                print('ok', g.number_of_nodes(), g.number_of_edges(), len(ours))
                """
            let result = try runTool("python3", ["-c", script, path, cyclesPath, pathsPath])
            #expect(result.status == 0, "networkx disagrees (merge: \(merge)): \(result.stderr)")
            #expect(result.stdout.hasPrefix("ok"))
        }
    }
}
