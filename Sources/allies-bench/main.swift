// `make bench`: Allies measured side by side with the tools a user would otherwise pick, on the same generated data
// in the same run. Every figure is a median over several runs with its spread (min–max), and the comparisons are
// ratios, because this machine is shared and absolute times wander. See BENCHMARKS.md.
import AlliesCore
import AlliesExplorer
#if canImport(Glibc)
    import Glibc
#endif

// MARK: Options

struct Options {
    var companies = 100_000
    var alliances = 1_000_000
    var seed = 42
    var runs = 5
    var peerRuns = 2
    var dir = ".bench"
    var mode = "all"
    var file = ""
    var useCache = true
    var writeCache = false
    var importRows = 1_000_000
    var onlyQuery: String?

    init(_ args: [String]) {
        var i = 1
        func next() -> String { i += 1; return i < args.count ? args[i] : "" }
        while i < args.count {
            switch args[i] {
            case "--companies": companies = Int(next()) ?? companies
            case "--alliances": alliances = Int(next()) ?? alliances
            case "--seed": seed = Int(next()) ?? seed
            case "--runs": runs = max(1, Int(next()) ?? runs)
            case "--peer-runs": peerRuns = max(1, Int(next()) ?? peerRuns)
            case "--dir": dir = next()
            case "frame": mode = "frame"; file = next()
            case "queries": mode = "queries"; file = next()
            case "sorts": mode = "sorts"; file = next()
            case "saves": mode = "saves"; file = next()
            case "patches": mode = "patches"; file = next()
            case "--no-cache": useCache = false
            case "--write-cache": writeCache = true
            case "--only-cycles": mode = "cycles"
            case "--only-import": mode = "import"
            case "--import-rows": importRows = Int(next()) ?? importRows
            case "--query": onlyQuery = next()
            case "-h", "--help":
                print(
                    """
                    usage: allies-bench [--alliances N] [--companies N] [--seed S] [--runs R] [--peer-runs R] [--dir \
                    DIR]
                           allies-bench queries FILE [--runs R] [--no-cache] [--query QUERY]
                           allies-bench sorts FILE
                           allies-bench saves FILE [--runs R]
                           allies-bench patches FILE [--no-cache]
                           allies-bench --only-cycles [--alliances N] [--companies N] [--runs R]
                           allies-bench --only-import [--import-rows N] [--seed S] [--runs R]
                    Generates the dataset once into DIR, then measures load, memory, queries and rendering against jq,
                    python3 json, grep -F -c and fzf --filter --exact, and prints a table.
                    `queries FILE` opens FILE through the snapshot cache ($ALLIES_CACHE_DIR; builds the index and writes
                    the snapshot when there is none), then times each of the 60 queries of the bench in this process
                    (parse, match, rank, build 200 results; median of R runs each) and prints them with p50 and p99,
                    and the explorer's last keystroke to frame at 200×60 for each; `--query` times that query alone.
                    `sorts FILE` times each sort order (s) of the Companies and Alliances lists at 200×60, twice round.
                    `patches FILE` makes five edits one after another and times the last index patched for each
                    (what search answers from at once after an edit) and the queries on it, then the edited dataset's
                    own index, and compares their answers.
                    `--only-cycles` measures only `allies cycles` (warm, whole process) against networkx's first 10,000
                    simple cycles of at most 6 companies on the same network (its GraphML export).
                    `--only-import` measures only `allies import csv --preset crunchbase-2015-acquisitions` (whole
                    process, seconds and peak memory) on a generated CSV of N rows (default 1,000,000) against
                    scripts/bench-import-peer.py (python3 csv + json) on the same file.
                    """)
                exit(0)
            default:
                warn("allies-bench: unknown argument \(args[i])\n")
                exit(64)
            }
            i += 1
        }
    }
}

// MARK: Clocks and processes

func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

struct RunResult { var seconds: Double; var marks: [String: Double]; var maxRSSKB: Int; var status: Int32 }

/// Runs a command with stdin from `input` (or /dev/null) and stdout read line by line: a line `mark NAME` records
/// the time it arrived. Peak memory comes from wait4's rusage.
func run(_ argv: [String], input: String? = nil, env: [String: String] = [:]) -> RunResult {
    var out: [Int32] = [0, 0]
    pipe(&out)
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_addopen(&actions, 0, input ?? "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, out[1], 1)
    posix_spawn_file_actions_addclose(&actions, out[0])
    var environment = [String: String]()
    var e = environ
    while let p = e.pointee {
        let s = String(cString: p)
        if let eq = s.firstIndex(of: "=") { environment[String(s[..<eq])] = String(s[s.index(after: eq)...]) }
        e += 1
    }
    for (k, v) in env { environment[k] = v }
    let cEnv = environment.map { strdup("\($0)=\($1)") } + [nil]
    let cArgs = argv.map { strdup($0) } + [nil]
    defer { cEnv.forEach { free($0) }; cArgs.forEach { free($0) } }
    var pid: pid_t = 0
    let start = now()
    let rc = posix_spawnp(&pid, argv[0], &actions, nil, cArgs, cEnv)
    posix_spawn_file_actions_destroy(&actions)
    close(out[1])
    guard rc == 0 else {
        close(out[0])
        warn("allies-bench: cannot run \(argv[0])\n")
        return RunResult(seconds: .nan, marks: [:], maxRSSKB: 0, status: 127)
    }
    var marks: [String: Double] = [:]
    var line: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = read(out[0], &buffer, buffer.count)
        if n <= 0 { if n < 0 && errno == EINTR { continue }; break }
        for b in buffer[0..<n] {
            if b == 0x0A {
                let text = String(decoding: line, as: UTF8.self)
                if text.hasPrefix("mark ") { marks[String(text.dropFirst(5))] = now() - start }
                line.removeAll(keepingCapacity: true)
            } else if line.count < 200 {
                line.append(b)
            }
        }
    }
    close(out[0])
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    let seconds = now() - start
    return RunResult(seconds: seconds, marks: marks, maxRSSKB: Int(usage.ru_maxrss), status: (status >> 8) & 0xFF)
}

func warn(_ text: String) { var t = text; t.withUTF8 { _ = write(2, $0.baseAddress, $0.count) } }
func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }
func executableDirectory() -> String {
    var buffer = [CChar](repeating: 0, count: 4096)
    let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    let path = n > 0 ? String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) : "./allies-bench"
    return String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
}
func which(_ tool: String) -> Bool { run(["sh", "-c", "command -v \(tool) >/dev/null"]).status == 0 }

// MARK: Statistics

struct Stat {
    var values: [Double]
    var sorted: [Double] { values.filter { !$0.isNaN }.sorted() }
    func percentile(_ p: Double) -> Double {
        let s = sorted
        guard !s.isEmpty else { return .nan }
        let rank = p / 100 * Double(s.count - 1)
        let lo = Int(rank.rounded(.down)), hi = min(s.count - 1, lo + 1)
        return s[lo] + (s[hi] - s[lo]) * (rank - Double(lo))
    }
    var median: Double { percentile(50) }
    var spread: String { let s = sorted; return s.isEmpty ? "–" : "\(format(s.first!))–\(format(s.last!))" }
}

func format(_ seconds: Double) -> String {
    if seconds.isNaN { return "–" }
    if seconds >= 1 { return String(format(2, seconds)) + " s" }
    if seconds >= 1e-3 { return String(format(2, seconds * 1e3)) + " ms" }
    return String(format(1, seconds * 1e6)) + " µs"
}
func format(_ decimals: Int, _ v: Double) -> String {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let r = (v * scale).rounded() / scale
    var s = String(r)
    if let dot = s.firstIndex(of: ".") {
        let have = s.distance(from: dot, to: s.endIndex) - 1
        if have < decimals { s += String(repeating: "0", count: decimals - have) }
    }
    return s
}
func megabytes(_ kb: Double) -> String { kb.isNaN ? "–" : String(format(0, kb / 1024)) + " MB" }
func ratio(_ a: Double, _ b: Double) -> String { a.isNaN || b.isNaN || b == 0 ? "–" : format(1, a / b) + "×" }

// MARK: The child that opens a dataset as the explorer does

/// `allies-bench frame FILE`: what `allies --data FILE` does up to its first usable frame (read, decode or snapshot,
/// catalog, first screen drawn at 200×60), then the search index; prints a mark after each.
func frameChild(_ o: Options) -> Never {
    var explorer = Explorer(state: AppState(catalog: nil, datasetName: o.file))
    // With a store, the first usable frame is the Companies list read in place (what `loadInBackground` sends).
    if o.useCache, !o.writeCache, case .success(let list) = DatasetCache.openCompanyList(source: o.file) {
        _ = explorer.update(.earlyCompanies(list))
        _ = explorer.update(.resize(Size(width: 200, height: 60)))
        let grid = explorer.render(Size(width: 200, height: 60))
        precondition(grid.text(row: 2).contains("│"), "the store's Companies list was not drawn")
        print("mark stored"); fflush(nil)
        // `s` then `g`: the largest companies by deals, the rows whose figures cost the most to read. On a copy:
        // the dataset's frame below is then the Companies list by name, as it has always been measured.
        var sorted = explorer
        _ = sorted.update(.key(.character("s")))
        _ = sorted.update(.key(.character("g")))
        _ = sorted.render(Size(width: 200, height: 60))
        print("mark stored-sorted"); fflush(nil)
        // A page down by name: a screen of ordinary companies, each row's figures read (the costly case).
        var paged = explorer
        _ = paged.update(.key(.pageDown))
        _ = paged.render(Size(width: 200, height: 60))
        print("mark stored-paged"); fflush(nil)
    }
    let opened: OpenedDataset
    // From the JSON, the first usable frame is the file's companies, drawn as soon as their list is read (what
    // `loadInBackground` sends for a file of 64 MB or more).
    let readCompanies: ([Company]) -> Void = { companies in
        var early = explorer
        _ = early.update(.earlyCompanies(ReadCompanyList(companies, path: o.file)))
        _ = early.update(.resize(Size(width: 200, height: 60)))
        let grid = early.render(Size(width: 200, height: 60))
        precondition(grid.text(row: 2).contains("│"), "the file's Companies list was not drawn")
        print("mark read-companies"); fflush(nil)
    }
    switch OpenedDataset.open(o.file, useCache: o.useCache, companiesRead: readCompanies) {
    case .success(let x): opened = x
    case .failure(let e): warn(e.description + "\n"); exit(1)
    }
    _ = explorer.update(
        .dataLoaded(.loaded(opened.catalog, name: o.file, index: opened.index, indexFollows: opened.index == nil)))
    _ = explorer.update(.resize(Size(width: 200, height: 60)))
    let grid = explorer.render(Size(width: 200, height: 60))
    precondition(grid.size.width == 200)
    print("mark frame"); fflush(nil)
    let index = opened.index ?? SearchIndex(opened.catalog)
    _ = explorer.update(.indexReady(index))
    print("mark index"); fflush(nil)
    if o.writeCache, let e = opened.saveSnapshot(path: o.file, index: index) {
        warn("snapshot: \(e.reason)\n"); exit(1)
    }
    exit(0)
}

// MARK: Sorting the lists

/// `allies-bench sorts FILE`: the Companies and Alliances lists at 200×60, each sort order (`s`) in turn, twice
/// round: the time from the key to its frame. The first round computes what a sort needs (everyone's figures); the
/// second finds it kept.
func sortsChild(_ o: Options) -> Never {
    let opened: OpenedDataset
    switch OpenedDataset.open(o.file, useCache: o.useCache) {
    case .success(let x): opened = x
    case .failure(let e): warn(e.description + "\n"); exit(1)
    }
    let size = Size(width: 200, height: 60)
    for (label, keys, orders) in [("Companies", [Key](), 7), ("Alliances", [.character("2")], 3)] {
        var explorer = Explorer(state: AppState(catalog: opened.catalog, datasetName: o.file, index: opened.index))
        _ = explorer.update(.resize(size))
        for k in keys { _ = explorer.update(.key(k)) }
        _ = explorer.render(size)
        for round in 1...2 {
            for step in 1...orders {
                let t0 = now()
                _ = explorer.update(.key(.character("s")))
                let grid = explorer.render(size)
                let took = now() - t0
                print("\(label) round \(round) sort \(step): \(format(took))  \(grid.text(row: 1).prefix(100))")
            }
        }
    }
    exit(0)
}

/// `allies-bench saves FILE`: an edit saved as the explorer saves it (the dataset in memory, one alliance's status
/// changed), R times, each appended to FILE's edits file; then the same edits saved whole, as before the edits file,
/// to a copy beside FILE (removed after). FILE itself is not changed, and its edits file is removed at the end.
func savesChild(_ o: Options) -> Never {
    let journal = EditJournal.path(for: o.file)
    guard access(journal, F_OK) != 0 else { warn("allies-bench: \(journal) exists; fold or move it first\n"); exit(1) }
    let t0 = now()
    let opened: OpenedDataset
    switch OpenedDataset.open(o.file, useCache: o.useCache) {
    case .success(let x): opened = x
    case .failure(let e): warn(e.description + "\n"); exit(1)
    }
    print("opened in \(format(now() - t0)) (\(opened.catalog.dataset.alliances.count) alliances)")
    var baseline = opened.catalog.dataset
    guard var stamp = opened.stamp else { warn("allies-bench: not a regular file\n"); exit(1) }
    // The first save names the file's version in the edits file: its bytes read once for their checksum.
    let th = now()
    _ = EditJournal.identity(of: o.file)
    print("the file's checksum (read whole): \(format(now() - th))")
    let statuses: [AllianceStatus] = [.completed, .announced, .inTalks]
    var times: [Double] = []
    for run in 0..<o.runs {
        var edited = baseline
        let i = (run * 7_919) % edited.alliances.count
        edited.alliances[i].status =
            statuses[run % statuses.count] == edited.alliances[i].status
            ? statuses[(run + 1) % statuses.count] : statuses[run % statuses.count]
        let t = now()
        switch edited.save(to: o.file, expected: stamp, since: baseline, journalFrom: 0) {
        case .success(let s): stamp = s
        case .failure(let e): warn("allies-bench: \(e)\n"); unlink(journal); exit(1)
        }
        times.append(now() - t)
        print("save \(run + 1) to the edits file: \(format(times.last!))")
        baseline = edited
    }
    let sorted = times.sorted()
    let spread = "\(format(sorted.first!))–\(format(sorted.last!))"
    print("edits file, \(o.runs) saves: median \(format(sorted[sorted.count / 2])), \(spread)")
    // Read back: the file and its edits load as the edited dataset; then the file alone (its edits moved aside).
    let t1 = now()
    switch Dataset.load(path: o.file) {
    case .success(let d):
        let same = d.hasSameRecords(as: baseline) ? "the same dataset" : "DIFFERENT"
        print("loaded back with its edits in \(format(now() - t1)): \(same)")
    case .failure(let e): warn("allies-bench: \(e)\n")
    }
    rename(journal, journal + ".aside")
    let t3 = now()
    if case .success = Dataset.load(path: o.file) { print("the file alone loaded in \(format(now() - t3))") }
    unlink(journal + ".aside")
    let copy = o.file + ".whole-save-bench.json"
    let t2 = now()
    let whole = baseline.save(to: copy, expected: nil)
    print("the same edits saved whole (the file rewritten, checked, renamed): \(format(now() - t2))")
    if case .failure(let e) = whole { warn("allies-bench: \(e)\n") }
    unlink(copy)
    exit(0)
}

/// FILE opened as `o` says, and its index: the store's, or built now (and its snapshot written when asked), each
/// step's time printed.
func openWithIndex(_ o: Options, writeSnapshot: Bool = false) -> (OpenedDataset, SearchIndex) {
    var t0 = now()
    let opened: OpenedDataset
    switch OpenedDataset.open(o.file, useCache: o.useCache) {
    case .success(let x): opened = x
    case .failure(let e): warn(e.description + "\n"); exit(1)
    }
    print("open: \(format(now() - t0)) (\(opened.index == nil ? "JSON" : "snapshot"))")
    if let ready = opened.index { return (opened, ready) }
    t0 = now()
    let index = SearchIndex(opened.catalog)
    print("index built: \(format(now() - t0))")
    if writeSnapshot {
        t0 = now()
        if let e = opened.saveSnapshot(path: o.file, index: index) { warn("snapshot: \(e.reason)\n") }
        print("snapshot written: \(format(now() - t0))")
    }
    return (opened, index)
}

// MARK: Patched search

/// `allies-bench patches FILE`: what search waits for after an edit in the explorer. For each of several edits (a
/// deal's status, a deal's title, a deal removed, one added, the busiest company renamed): the last index patched
/// for it (`PatchedIndex`), and the queries answered by it; then the edited dataset's whole index, built as the
/// explorer builds it after each change, and the patched answers compared with its own.
func patchesChild(_ o: Options) -> Never {
    let (opened, base) = openWithIndex(o)
    var t0 = now()
    fflush(nil)
    let catalog = opened.catalog
    var d = catalog.dataset
    let hub = catalog.alliancesByCompany.max { $0.value.count < $1.value.count }!.key
    let edits: [(String, (inout Dataset) -> Void)] = [
        (
            "a deal's status",
            { d in
                let i = 4_242 % d.alliances.count
                d.alliances[i].status = d.alliances[i].status == .inTalks ? .announced : .inTalks
            }
        ),
        ("a deal's title", { $0.alliances[77_777 % $0.alliances.count].title.es = "Zebrafish acuerdo de nube" }),
        ("a deal removed", { $0.alliances.remove(at: 123_456 % $0.alliances.count) }),
        (
            "a deal added",
            { d in
                var a = d.alliances[9 % d.alliances.count]; a.id = "bench-added-deal"; d.alliances.append(a)
            }
        ),
        (
            "the busiest company renamed",
            { d in
                if let i = d.companies.firstIndex(where: { $0.id == hub }) { d.companies[i].name = "Quokka Renamed" }
            }
        ),
    ]
    let queries = querySet(catalog).map(\.query) + ["zebrafish", "quokka"]
    /// Each query's time on `search`, its words resolved in `catalog`.
    func queryTimes(_ search: any DatasetSearch, _ catalog: Catalog) -> Stat {
        var times: [Double] = []
        for q in queries {
            guard case .success(let query) = Query.parse(q, catalog: catalog) else { continue }
            let tq = now()
            _ = search.answer(query, limit: 200)
            times.append(now() - tq)
        }
        return Stat(values: times)
    }
    var patched: PatchedIndex?
    for (n, (name, edit)) in edits.enumerated() {
        edit(&d)
        let now1 = Catalog(d)
        // The first edit's patch, for `make bench`'s table (marks are read by the parent as they arrive).
        if n == 0 { print("mark patch-start"); fflush(nil) }
        let t = now()
        patched = PatchedIndex(base: base, now: now1)
        let built = now() - t
        if n == 0 { print("mark patch-built"); fflush(nil) }
        guard let patched else { print("\(name): no patch"); continue }
        let s = queryTimes(patched, now1)
        print(
            "\(name) (edits so far: patched \(patched.patchedRecords) records): patch built in \(format(built)); "
                + "\(s.values.count) queries p50 \(format(s.median)), p99 \(format(s.percentile(99)))")
        fflush(nil)
    }
    // The same queries on the base index alone, for the patch's cost per query.
    let b = queryTimes(base, catalog)
    print("the same queries on the index before the edits: p50 \(format(b.median)), p99 \(format(b.percentile(99)))")
    let final = Catalog(d)
    print("mark full-start"); fflush(nil)
    t0 = now()
    let full = SearchIndex(final)
    print("mark full-built"); fflush(nil)
    print("the edited dataset's own index (what search waited for after each edit): \(format(now() - t0))")
    guard let patched else { exit(0) }
    var same = 0, different: [String] = []
    for q in queries {
        guard case .success(let query) = Query.parse(q, catalog: final) else { continue }
        let a = patched.answer(query, limit: 200), w = full.answer(query, limit: 200)
        if a.total == w.total && a.countByKind == w.countByKind && a.results == w.results {
            same += 1
        } else {
            different.append(q)
        }
    }
    print("answers the same as the edited dataset's own index: \(same) of \(same + different.count) queries")
    if !different.isEmpty { print("DIFFERENT: \(different)") }
    exit(different.isEmpty ? 0 : 1)
}

// MARK: Queries

/// `allies-bench queries FILE`: the engine alone on FILE's snapshot. Prints the index's build time (when it had to be
/// built), its size in memory and in the snapshot, and each query's median time and match count, then p50 and p99.
func queriesChild(_ o: Options) -> Never {
    let (opened, index) = openWithIndex(o, writeSnapshot: true)
    if let path = DatasetCache.snapshotPath(for: o.file) {
        var info = stat()
        if stat(path, &info) == 0 { print("snapshot file: \(info.st_size) bytes") }
    }
    print(
        "index in memory: \(index.memoryBytes) bytes (\(index.entryCount) entries, \(index.tokenCount) tokens, "
            + "\(index.postingCount) postings)"
    )
    fflush(nil)
    let catalog = opened.catalog
    var medians: [Double] = [], all: [Double] = [], findMedians: [Double] = [], keystrokes: [Double] = []
    var updates: [Double] = [], nextKeys: [Double] = []
    for q in o.onlyQuery.map({ [($0, $0)] }) ?? querySet(catalog) {
        var times: [Double] = [], finding: [Double] = []
        var total = 0
        for _ in 0..<o.runs {
            let t = now()
            guard case .success(let query) = Query.parse(q.query, catalog: catalog) else {
                warn("bad query \(q.query)\n"); exit(1)
            }
            let hits = index.hits(query, limit: 200)
            finding.append(now() - t)
            let results = index.results(hits)
            times.append(now() - t)
            total = hits.total
            precondition(results.count == hits.count)
        }
        let m = Stat(values: times).median, f = Stat(values: finding).median
        medians.append(m); all.append(contentsOf: times); findMedians.append(f)
        var u: [Double] = []
        let k = keystrokeToFrame(
            q.query, catalog: catalog, index: index, runs: o.runs, updates: &u, nextKeys: &nextKeys)
        keystrokes.append(contentsOf: k)
        updates.append(contentsOf: u)
        print(
            "  \(format(3, m * 1e3)) ms (found in \(format(3, f * 1e3)) ms; last key to frame at 200×60 "
                + "\(format(3, Stat(values: k).median * 1e3)) ms, of which the key "
                + "\(format(3, Stat(values: u).median * 1e3)) ms)  \(total) matches  \(q.query)")
        fflush(nil)
    }
    let s = Stat(values: medians), a = Stat(values: all), f = Stat(values: findMedians)
    print(
        "per-query medians: p50 \(format(s.median)), p99 \(format(s.percentile(99))), "
            + "max \(format(s.sorted.last ?? .nan))"
    )
    print("all runs: p50 \(format(a.median)), p99 \(format(a.percentile(99)))")
    print(
        "found (the best 200 chosen, before their results are built): per-query medians p50 \(format(f.median)), "
            + "p99 \(format(f.percentile(99)))")
    let k = Stat(values: keystrokes)
    print("keystroke to frame at 200×60, all runs: p50 \(format(k.median)), p99 \(format(k.percentile(99)))")
    let u = Stat(values: updates)
    print("  of which the key (query, results): p50 \(format(u.median)), p99 \(format(u.percentile(99)))")
    let n = Stat(values: nextKeys)
    print(
        "the next key, Tab to the results (the rest of the results built) to frame: p50 \(format(n.median)), "
            + "p99 \(format(n.percentile(99)))")
    exit(0)
}

/// The explorer's search with the prompt holding `query` but its last character: the times of that keystroke and
/// the frame it draws at 200×60, `runs` times. Each run starts from an explorer of its own, so that the screen's
/// items are built as when typing (a copy would share the item cache, which holds them after the first run).
/// `updates` gets the keystroke's own share (the query run and its results built), the rest being the frame.
/// `nextKeys` gets the times of the key after it, Tab to the results, and its frame: the key builds the results
/// the keystroke left for later (it builds a screenful).
func keystrokeToFrame(
    _ query: String, catalog: Catalog, index: SearchIndex, runs: Int, updates: inout [Double],
    nextKeys: inout [Double]
) -> [Double] {
    let size = Size(width: 200, height: 60)
    var times: [Double] = []
    for _ in 0..<runs {
        var explorer = Explorer(state: AppState(catalog: catalog, datasetName: "bench", index: index))
        _ = explorer.update(.resize(size))
        _ = explorer.update(.key(.character("/")))
        for c in query.dropLast() { _ = explorer.update(.key(.character(c))) }
        let t0 = now()
        _ = explorer.update(.key(.character(query.last!)))
        let t1 = now()
        _ = explorer.render(size)
        times.append(now() - t0)
        updates.append(t1 - t0)
        let t2 = now()
        _ = explorer.update(.key(.tab))
        _ = explorer.render(size)
        nextKeys.append(now() - t2)
    }
    return times
}

/// The fixed query set: common and rare words, accents, prefixes, phrases, CJK and filters. `peer` is what grep and
/// fzf are given: the same words where they can express them, the closest word where the query is a filter.
func querySet(_ catalog: Catalog) -> [(query: String, peer: String)] {
    // Two companies picked from the data: the one in the most alliances, and one in a single alliance.
    let ranked = catalog.alliancesByCompany.map { ($0.key, $0.value.count) }.sorted {
        $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0
    }
    let hub = ranked.first?.0 ?? "x", tail = ranked.last?.0 ?? "x"
    let hubName = catalog.companyName(hub), tailName = catalog.companyName(tail)
    let tailWord = Tokens.of(tailName).max { $0.count < $1.count } ?? "x"
    let hubWord = Tokens.of(hubName).max { $0.count < $1.count } ?? "x"
    return [
        ("acuerdo", "acuerdo"), ("nube", "nube"), ("datos", "datos"), ("inversión", "inversión"),
        ("inversion", "inversion"), ("cloud", "cloud"), ("agreement", "agreement"), ("millones", "millones"),
        ("energía", "energía"), ("computación cuántica", "computación cuántica"), ("chips", "chips"),
        ("startup", "startup"), ("licencia", "licencia"), ("entrenar", "entrenar"), ("electricity", "electricity"),
        ("supercomputer", "supercomputer"), ("acquisition", "acquisition"), ("rumor", "rumor"),
        ("previsión", "previsión"), ("negocia", "negocia"),
        (hubWord, hubWord), (tailWord, tailWord), (tailName, tailName), (hubName, hubName),
        ("compu", "compu"), ("inv", "inv"), ("a", "a"), ("e", "e"), ("centr", "centr"), ("nub", "nub"),
        ("\"centros de datos\"", "centros de datos"), ("\"acuerdo de\"", "acuerdo de"),
        ("inversión energía", "inversión"), ("nube acuerdo datos", "nube"), ("cloud -nube", "cloud"),
        ("科技", "科技"), ("株式会社", "株式会社"), ("데이터", "데이터"), ("ça", "ça"),
        ("españa", "españa"),
        ("kind:investment", "investment"), ("kind:energy nuclear", "nuclear"), ("year:2024", "2024"),
        ("year:2022..2023 nube", "nube"), ("amount:>1B", "billion"), ("amount:>10B kind:acquisition", "acquisition"),
        ("status:in-talks", "in-talks"), ("with:\(hub)", hubName), ("with:\(tail)", tailName),
        ("type:company a", "a"),
        // Other forms of a word (Snowball stems, #15) and OR and grouping: the peers get the word as typed.
        ("inversiones", "inversiones"), ("acuerdos", "acuerdos"), ("invertirán", "invertirán"),
        ("agreements", "agreements"), ("mercados ", "mercados"), ("inversión OR energía", "inversión"),
        ("nube | cloud", "nube"), ("(acuerdo OR agreement) year:2024", "acuerdo"),
        ("datos -(nube OR cloud)", "datos"), ("\(hubWord) (inversiones OR acuerdos)", hubWord),
    ]
}

// MARK: The bench

func main() {
    let o = Options(CommandLine.arguments)
    if o.mode == "frame" { frameChild(o) }
    if o.mode == "queries" { queriesChild(o) }
    if o.mode == "sorts" { sortsChild(o) }
    if o.mode == "saves" { savesChild(o) }
    if o.mode == "patches" { patchesChild(o) }
    let bin = executableDirectory()
    let allies = bin + "/allies", bench = bin + "/allies-bench"
    guard exists(allies) else { warn("allies-bench: \(allies) not found; build the allies product first\n"); exit(1) }
    mkdir(o.dir, 0o755)
    let name = "alliances-\(o.alliances)-companies-\(o.companies)-seed-\(o.seed)"
    let json = o.dir + "/" + name + ".json", text = o.dir + "/" + name + ".txt"
    let cache = o.dir + "/cache"
    let env = ["ALLIES_CACHE_DIR": cache]

    if !exists(json) && o.mode != "import" {
        print("Generating \(o.alliances) alliances and \(o.companies) companies (seed \(o.seed)) into \(json)…")
        let r = run([
            allies, "generate", "--companies", "\(o.companies)", "--alliances", "\(o.alliances)", "--seed", "\(o.seed)",
            "--output", json + ".tmp",
        ])
        guard r.status == 0 else { warn("allies-bench: generate failed\n"); exit(1) }
        rename(json + ".tmp", json)
    }
    if !exists(text) && o.mode != "import" {
        print("Writing the one-line-per-alliance text export \(text)…")
        let r = run([
            "sh", "-c", "\"$0\" export --format text --no-cache --data \"$1\" > \"$2.tmp\" && mv \"$2.tmp\" \"$2\"",
            allies, json, text,
        ])
        guard r.status == 0 else { warn("allies-bench: export failed\n"); exit(1) }
    }
    var info = stat()
    stat(json, &info)
    let fileMB = Double(info.st_size) / 1_048_576
    if o.mode != "import" {
        print("Dataset: \(json), \(String(format(0, fileMB))) MB. Runs: \(o.runs) (peers' queries: \(o.peerRuns)).\n")
    }

    var rows: [[String]] = []
    func row(_ cells: String...) { rows.append(cells); print(cells.joined(separator: " | ")); fflush(nil) }
    func writeResults() {
        var md =
            "| " + rows[0].joined(separator: " | ") + " |\n|" + String(repeating: "---|", count: rows[0].count) + "\n"
        for r in rows.dropFirst() { md += "| " + r.joined(separator: " | ") + " |\n" }
        let out = o.dir + "/results.md"
        if let f = fopen(out, "w") { fputs(md, f); fclose(f) }
        print("\n" + md + "\nWritten to \(out).")
    }

    // Circular financing: `allies cycles` (warm: the snapshot written by a search first), the whole process, against
    // networkx enumerating the same number of loops (10,000, at most 6 companies) on the GraphML of the same network.
    func cycles() {
        _ = run([allies, "--data", json, "search", "nube", "--limit", "1"], env: env)
        let graphml = o.dir + "/" + name + ".graphml"
        if !exists(graphml) {
            _ = run(
                [
                    "sh", "-c", "\"$0\" export --format graphml --data \"$1\" > \"$2.tmp\" && mv \"$2.tmp\" \"$2\"",
                    allies, json, graphml,
                ],
                env: env)
        }
        var ours = Stat(values: []), theirs = Stat(values: [])
        let script = """
            import itertools, sys, networkx as nx
            g = nx.read_graphml(sys.argv[1])
            money = nx.DiGraph([(u, v) for u, v, d in g.edges(data=True) if d.get('money_direction')])
            print(sum(1 for _ in itertools.islice(nx.simple_cycles(money, length_bound=6), 10000)))
            """
        for i in 0..<o.runs {
            let a = run([allies, "--data", json, "cycles", "--format", "csv"], env: env)
            ours.values.append(a.status == 0 ? a.seconds : .nan)
            let p = run(["python3", "-c", script, graphml])
            theirs.values.append(p.status == 0 ? p.seconds : .nan)
            print("  cycles run \(i + 1)/\(o.runs): allies \(format(a.seconds)), networkx \(format(p.seconds))")
        }
        row(
            "allies cycles (10,000 loops of at most 6, ranked, CSV), warm, whole process", format(ours.median),
            ours.spread,
            "networkx simple_cycles, first 10,000, with its GraphML read: " + format(theirs.median), theirs.spread,
            ratio(theirs.median, ours.median))
    }
    // Import (#14): `allies import csv` of a generated Crunchbase-shaped CSV, whole process, against a python3 peer.
    func importRows() {
        let csv = o.dir + "/acquisitions-\(o.importRows)-seed-\(o.seed).csv"
        if !exists(csv) {
            print("Generating \(o.importRows) acquisitions rows (seed \(o.seed)) into \(csv)…")
            guard ImportCSVGenerator.write(rows: o.importRows, seed: o.seed, to: csv + ".tmp") else {
                warn("allies-bench: cannot write \(csv)\n"); exit(1)
            }
            rename(csv + ".tmp", csv)
        }
        var csvInfo = stat()
        stat(csv, &csvInfo)
        print("Import: \(csv), \(String(format(0, Double(csvInfo.st_size) / 1_048_576))) MB.")
        let out = o.dir + "/import-out.json", peerOut = o.dir + "/import-peer.json"
        // Run from the repository (as `make bench` does).
        let script = "scripts/bench-import-peer.py"
        guard exists(script) else { warn("allies-bench: \(script) not found: run from the repository\n"); exit(1) }
        var ours = Stat(values: []), ourRSS = Stat(values: []), theirs = Stat(values: []), theirRSS = Stat(values: [])
        for i in 0..<o.runs {
            for suffix in [".json", ".rejects.csv", ".candidates.json"] { unlink(o.dir + "/import-out" + suffix) }
            let a = run([allies, "import", "csv", csv, "--preset", "crunchbase-2015-acquisitions", "--output", out])
            ours.values.append(a.status == 0 ? a.seconds : .nan); ourRSS.values.append(Double(a.maxRSSKB))
            unlink(peerOut)
            let p = run(["python3", script, csv, peerOut])
            theirs.values.append(p.status == 0 ? p.seconds : .nan); theirRSS.values.append(Double(p.maxRSSKB))
            print(
                "  import run \(i + 1)/\(o.runs): allies \(format(a.seconds)) \(megabytes(Double(a.maxRSSKB))), "
                    + "python \(format(p.seconds)) \(megabytes(Double(p.maxRSSKB)))")
            fflush(nil)
        }
        let rows = "\(o.importRows / 1000)k"
        row(
            "allies import csv (\(rows) rows, crunchbase-2015-acquisitions), whole process", format(ours.median),
            ours.spread, "python3 csv + json (scripts/bench-import-peer.py): " + format(theirs.median), theirs.spread,
            ratio(theirs.median, ours.median))
        row(
            "Peak memory, allies import csv (\(rows) rows)", megabytes(ourRSS.median),
            megabytes(ourRSS.sorted.first ?? .nan) + "–" + megabytes(ourRSS.sorted.last ?? .nan),
            "python3: " + megabytes(theirRSS.median), "", ratio(theirRSS.median, ourRSS.median))
    }
    if o.mode == "import" {
        row("Measure", "Allies (median)", "spread", "Peer (median)", "spread", "Ratio (peer ÷ Allies)")
        importRows()
        writeResults()
        return
    }
    if o.mode == "cycles" {
        row("Measure", "Allies (median)", "spread", "Peer (median)", "spread", "Ratio (peer ÷ Allies)")
        cycles()
        writeResults()
        return
    }

    // Load to first usable frame, cold and warm, and peak memory; jq and python on the same file.
    var cold = Stat(values: []), coldIndex = Stat(values: []), coldRSS = Stat(values: []), coldEarly = Stat(values: [])
    var warm = Stat(values: []), warmRSS = Stat(values: []), stored = Stat(values: []), storedSort = Stat(values: [])
    var storedPage = Stat(values: [])
    var jq = Stat(values: []), jqRSS = Stat(values: []), py = Stat(values: []), pyRSS = Stat(values: [])
    let haveJQ = which("jq")
    for i in 0..<o.runs {
        DatasetCache.remove(source: json, directory: cache)
        let c = run([bench, "frame", json, "--no-cache"], env: env)
        cold.values.append(c.marks["frame"] ?? .nan); coldIndex.values.append(c.marks["index"] ?? .nan)
        coldEarly.values.append(c.marks["read-companies"] ?? .nan)
        coldRSS.values.append(Double(c.maxRSSKB))
        // The cold run removed the snapshot: write it again for the warm run.
        _ = run([bench, "frame", json, "--write-cache"], env: env)
        let w = run([bench, "frame", json], env: env)
        warm.values.append(w.marks["frame"] ?? .nan); warmRSS.values.append(Double(w.maxRSSKB))
        stored.values.append(w.marks["stored"] ?? .nan)
        storedSort.values.append((w.marks["stored-sorted"] ?? .nan) - (w.marks["stored"] ?? .nan))
        storedPage.values.append((w.marks["stored-paged"] ?? .nan) - (w.marks["stored-sorted"] ?? .nan))
        if haveJQ {
            let j = run(["jq", "length", json])
            jq.values.append(j.seconds); jqRSS.values.append(Double(j.maxRSSKB))
        }
        let p = run(["python3", "-c", "import json,sys; json.load(open(sys.argv[1], 'rb'))", json])
        py.values.append(p.seconds); pyRSS.values.append(Double(p.maxRSSKB))
        defer { fflush(nil) }
        print(
            "  load run \(i + 1)/\(o.runs): cold: the file's companies \(format(c.marks["read-companies"] ?? .nan)), "
                + "the dataset \(format(c.marks["frame"] ?? .nan)), "
                + "warm: the store's list \(format(w.marks["stored"] ?? .nan)), "
                + "the dataset \(format(w.marks["frame"] ?? .nan)), jq \(format(jq.values.last ?? .nan)), "
                + "python \(format(p.seconds))"
        )
    }
    print("")
    row("Measure", "Allies (median)", "spread", "Peer (median)", "spread", "Ratio (peer ÷ Allies)")
    row(
        "First usable frame, cold (the JSON's companies, read first)", format(coldEarly.median), coldEarly.spread,
        "jq length: " + format(jq.median), jq.spread, ratio(jq.median, coldEarly.median))
    row(
        "Dataset read whole and drawn, cold (JSON)", format(cold.median), cold.spread,
        "jq length: " + format(jq.median), jq.spread, ratio(jq.median, cold.median))
    row(
        "First usable frame, warm (the store's Companies list, read in place)", format(stored.median), stored.spread,
        "jq length: " + format(jq.median), jq.spread, ratio(jq.median, stored.median))
    row(
        "The store's list by deals (s, g), key to frame", format(storedSort.median), storedSort.spread,
        "one frame at 60 Hz: 16.67 ms", "", ratio(1.0 / 60, storedSort.median))
    row(
        "The store's list, a page down by name, key to frame", format(storedPage.median), storedPage.spread,
        "one frame at 60 Hz: 16.67 ms", "", ratio(1.0 / 60, storedPage.median))
    row(
        "Dataset read whole and drawn, warm (snapshot)", format(warm.median), warm.spread,
        "jq length: " + format(jq.median), jq.spread, ratio(jq.median, warm.median))
    row(
        "Load, cold, vs python3 json.load", format(cold.median), cold.spread, "python3: " + format(py.median),
        py.spread, ratio(py.median, cold.median))
    row(
        "Load, warm, vs python3 json.load", format(warm.median), warm.spread, "python3: " + format(py.median),
        py.spread, ratio(py.median, warm.median))
    row("Search index ready, cold (after the frame)", format(coldIndex.median), coldIndex.spread, "–", "–", "–")
    // After an edit saved in the explorer: the last index patched for it, against the edited dataset's own index
    // (what search waited for before), each in the same process, from the warm store.
    var patchTime = Stat(values: []), fullTime = Stat(values: [])
    for _ in 0..<o.runs {
        let r = run([bench, "patches", json], env: env)
        if let a = r.marks["patch-start"], let b = r.marks["patch-built"] { patchTime.values.append(b - a) }
        if let a = r.marks["full-start"], let b = r.marks["full-built"] { fullTime.values.append(b - a) }
        if r.status != 0 { warn("allies-bench: the patched answers differed from the new index's (patches \(json))\n") }
    }
    row(
        "Search usable after an edit saved in the explorer (the last index patched)", format(patchTime.median),
        patchTime.spread, "the edited dataset's own index: " + format(fullTime.median), fullTime.spread,
        ratio(fullTime.median, patchTime.median))
    row(
        "Peak memory, cold (data + index)", megabytes(coldRSS.median), "", "jq: " + megabytes(jqRSS.median), "",
        ratio(jqRSS.median, coldRSS.median))
    row(
        "Peak memory, warm", megabytes(warmRSS.median), "", "jq: " + megabytes(jqRSS.median), "",
        ratio(jqRSS.median, warmRSS.median))
    row(
        "Peak memory, cold, vs python3", megabytes(coldRSS.median), "", "python3: " + megabytes(pyRSS.median), "",
        ratio(pyRSS.median, coldRSS.median))

    // Queries, in this process, on the snapshot.
    guard case .success(let opened) = OpenedDataset.open(json, useCache: true, cacheDirectory: cache) else { exit(1) }
    let catalog = opened.catalog
    let index = opened.index ?? SearchIndex(catalog)
    let queries = querySet(catalog)
    var engine = Stat(values: []), keystroke = Stat(values: [])
    var perQuery: [Double] = []
    var matches: [Int] = []
    let size = Size(width: 200, height: 60)
    for (n, q) in queries.enumerated() {
        var times: [Double] = []
        for _ in 0..<o.runs {
            let t0 = now()
            guard case .success(let query) = Query.parse(q.query, catalog: catalog) else {
                warn("bad query \(q.query)\n"); exit(1)
            }
            let hits = index.hits(query, limit: 200)
            let results = index.results(hits)
            let t = now() - t0
            times.append(t); engine.values.append(t)
            if times.count == 1 { matches.append(hits.total); precondition(results.count == hits.count) }
        }
        perQuery.append(Stat(values: times).median)
        var updates: [Double] = [], nextKeys: [Double] = []
        keystroke.values += keystrokeToFrame(
            q.query, catalog: catalog, index: index, runs: o.runs, updates: &updates, nextKeys: &nextKeys)
        if n % 10 == 9 { print("  queries: \(n + 1)/\(queries.count)"); fflush(nil) }
    }

    // The peers on the text export, each query a process, as a user would run them.
    var grep = Stat(values: []), fzf = Stat(values: [])
    let haveFZF = which("fzf")
    for _ in 0..<o.peerRuns {
        for q in queries {
            grep.values.append(run(["grep", "-F", "-c", "-i", "--", q.peer, text], env: ["LC_ALL": "C"]).seconds)
            if haveFZF { fzf.values.append(run(["fzf", "--filter", q.peer, "--exact"], input: text).seconds) }
        }
    }
    let common = matches.sorted()
    row(
        "Query p50, ranked, 200 results built", format(engine.median), engine.spread,
        "grep -F -c: " + format(grep.median), grep.spread, ratio(grep.median, engine.median))
    row(
        "Query p99, ranked, 200 results built", format(engine.percentile(99)), "",
        "grep -F -c p99: " + format(grep.percentile(99)), "", ratio(grep.percentile(99), engine.percentile(99)))
    row(
        "Query p50 vs fzf --filter --exact", format(engine.median), "", "fzf: " + format(fzf.median), fzf.spread,
        ratio(fzf.median, engine.median))
    row(
        "Query p99 vs fzf --filter --exact", format(engine.percentile(99)), "",
        "fzf p99: " + format(fzf.percentile(99)), "", ratio(fzf.percentile(99), engine.percentile(99)))
    row(
        "Keystroke to frame in the explorer's search, p50", format(keystroke.median), keystroke.spread,
        "one frame at 60 Hz: 16.67 ms", "", ratio(1.0 / 60, keystroke.median))
    row(
        "Keystroke to frame in the explorer's search, p99", format(keystroke.percentile(99)), "",
        "one frame at 60 Hz: 16.67 ms", "", ratio(1.0 / 60, keystroke.percentile(99)))

    // One full-screen render at 200×60 of the busiest screens.
    for (label, keys) in [
        ("Companies", [Key]()), ("Alliances", [.character("2")]),
        ("Search results for \"nube\"", "/nube".map { Key.character($0) } + [.tab]),
    ] {
        var explorer = Explorer(state: AppState(catalog: catalog, datasetName: name, index: index))
        _ = explorer.update(.resize(size))
        // Opening the screen builds its rows once (they are kept while it stays open).
        let t0 = now()
        for k in keys { _ = explorer.update(.key(k)) }
        _ = explorer.render(size)
        row(
            "Open and draw at 200×60: \(label)", format(now() - t0), "", "one frame at 60 Hz: 16.67 ms", "",
            ratio(1.0 / 60, now() - t0))
        var times: [Double] = []
        for _ in 0..<max(10, o.runs * 4) {
            let t0 = now()
            _ = explorer.render(size)
            times.append(now() - t0)
        }
        let s = Stat(values: times)
        row(
            "Redraw 200×60: \(label)", format(s.median), s.spread, "one frame at 60 Hz: 16.67 ms", "",
            ratio(1.0 / 60, s.median))
    }
    print(
        "\nMatches per query (min, median, max): \(common.first ?? 0), \(common[common.count / 2]), \(common.last ?? 0)"
    )
    print(
        "Slowest queries: "
            + zip(queries, perQuery).sorted { $0.1 > $1.1 }.prefix(5).map { "\($0.0.query) \(format($0.1))" }.joined(
                separator: ", "))

    cycles()
    importRows()
    writeResults()
}

main()
