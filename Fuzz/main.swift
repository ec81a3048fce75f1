// The structured fuzz run over the loader (issue #6, "Broken files"): N inputs made by DatasetMutator
// (Tests/AlliesCoreTests/Mutator.swift) from the bundled dataset, each decoded and checked against
// LoaderInvariants (Tests/AlliesCoreTests/LoaderInvariants.swift). Built and run by Fuzz/run.sh.
//
//   allies-fuzz [--cases N] [--start K] [--stream S] [--seed FILE]   run cases K..<K+N (default 0..<100000)
//   allies-fuzz --case K [--out FILE]                                 describe one case (and write its bytes)
//   allies-fuzz --corpus DIR N                                         write N cases as a libFuzzer seed corpus
//   allies-fuzz --big                                                  the 1 GB files (time and peak memory)
import AlliesCore
import AlliesText
import AlliesGenerator
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

func peakRSSMiB() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Int(usage.ru_maxrss) / 1024  // kilobytes on Linux
}

func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

func readAll(_ path: String) -> [UInt8]? {
    guard let f = fopen(path, "rb") else { return nil }
    defer { fclose(f) }
    var out: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = fread(&buffer, 1, buffer.count, f)
        if n == 0 { break }
        out += buffer[0..<n]
    }
    return out
}

func writeAll(_ path: String, _ bytes: [UInt8]) {
    guard let f = fopen(path, "wb") else { fatalError("cannot write \(path)") }
    _ = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, f) }
    fclose(f)
}

func flush() { fflush(stdout) }

var arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String) -> String? {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
    return arguments[i + 1]
}

let seedBytes: [UInt8] =
    option("--seed").map { readAll($0) ?? { fatalError("cannot read \($0)") }($0) }
    ?? Array(Dataset.bundledBytes)
var mutator = DatasetMutator(seed: seedBytes)
let stream = UInt64(option("--stream") ?? "0") ?? 0

// MARK: One case

if let k = option("--case").flatMap(UInt64.init) {
    let m = mutator.mutant(k, stream: stream)
    print("case \(k): \(m.summary) (\(m.bytes.count) bytes)")
    if let out = option("--out") { writeAll(out, m.bytes) }
    switch Dataset.decode(m.bytes, file: "case-\(k).json") {
    case .success: print("accepted")
    case .failure(let e):
        print("\(e.diagnostics.count) diagnostics")
        for d in e.diagnostics.prefix(20) { print("  " + d.description) }
    }
    let check = LoaderInvariants.check(m.bytes)
    for v in check.violations { print("VIOLATION: \(v)") }
    exit(check.violations.isEmpty ? 0 : 1)
}

// MARK: A seed corpus for libFuzzer

if let i = arguments.firstIndex(of: "--corpus"), i + 2 < arguments.count, let n = Int(arguments[i + 2]) {
    let dir = arguments[i + 1]
    mkdir(dir, 0o755)
    writeAll(dir + "/bundled.json", seedBytes)
    mutator.maxNesting = 1000
    mutator.maxHugeString = 1 << 16
    mutator.maxHugeArray = 1000
    for k in 0..<n { writeAll(dir + "/case-\(k).json", mutator.mutant(UInt64(k), stream: stream).bytes) }
    print("wrote \(n + 1) inputs to \(dir)")
    exit(0)
}

// MARK: The 1 GB files

/// Writes about `size` bytes, `head` then `unit(0)`, `unit(1)`, … then `tail`, to a file, loads it in a child
/// process and reports the time, the child's peak memory and the diagnostics.
/// `maxRatio`: the peak resident memory allowed, as a multiple of the file's size (plus 64 MiB). `known`: a case whose
/// memory is known to grow with the content (RELIABILITY-loader.md): measured and shown, not held against the run.
func bigFile(
    _ name: String, head: String, unit: (Int) -> String, tail: String, size: Int, maxRatio: Double = 1.5,
    known: String? = nil, whileLoading: ((String) -> Void)? = nil
) -> Bool {
    let path = "/tmp/allies-fuzz-\(getpid())-\(name).json"
    defer { unlink(path) }
    guard let f = fopen(path, "wb") else { fatalError("cannot write \(path)") }
    var written = fwrite(head, 1, head.utf8.count, f)
    var block: [UInt8] = []
    block.reserveCapacity(1 << 20)
    var k = 0
    while written + tail.utf8.count < size {
        block.removeAll(keepingCapacity: true)
        while block.count < 1 << 20, written + block.count + tail.utf8.count < size { block += unit(k).utf8; k += 1 }
        written += block.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, f) }
    }
    written += fwrite(tail, 1, tail.utf8.count, f)
    fclose(f)
    // Each file is loaded in a child, so the peak memory measured is that load's alone.
    let before = now()
    var pipeFDs: [Int32] = [0, 0]
    pipe(&pipeFDs)
    let pid = fork()
    if pid == 0 {
        close(pipeFDs[0])
        let result = Dataset.load(path: path)
        var line: String
        switch result {
        case .success(let d): line = "accepted: \(d.articles.count) articles"
        case .failure(let e):
            line = "\(e.diagnostics.count) diagnostics; first: \(e.diagnostics.first?.description ?? "-")"
            if e.diagnostics.count > 1 { line += "; last: \(e.diagnostics.last!.description)" }
        }
        let check = tooMany(result)
        line += check
        _ = line.withCString { write(pipeFDs[1], $0, strlen($0)) }
        _exit(0)
    }
    close(pipeFDs[1])
    whileLoading?(path)
    var report: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = read(pipeFDs[0], &buffer, buffer.count)
        if n <= 0 { break }
        report += buffer[0..<n]
    }
    close(pipeFDs[0])
    var status: Int32 = 0
    var usage = rusage()
    wait4(pid, &status, 0, &usage)
    let seconds = now() - before
    let rss = Int(usage.ru_maxrss) / 1024
    let text = String(decoding: report, as: UTF8.self).replacingControlCharacters()
    // A crash (a signal, or any exit but 0) always fails, known or not.
    let ok = status == 0 && (known != nil || Double(rss) <= Double(written >> 20) * maxRatio + 64)
    let ended =
        status & 0x7F == 0
        ? "exit \((status >> 8) & 0xFF)"
        : "killed by signal \(status & 0x7F)\(status & 0x7F == SIGBUS ? " (SIGBUS)" : "")"
    print(
        "\(name): \(written >> 20) MiB, \(String(format1: seconds)) s, peak RSS \(rss) MiB "
            + "(\(String(format1: Double(rss) / Double(max(1, written >> 20))))x), \(ended): \(text)"
    )
    if let known { print("  known, not held against the run: \(known)") }
    if !ok { print("  FAILED: the child crashed or needed more than \(maxRatio)x the file + 64 MiB") }
    flush()
    return ok
}

func tooMany(_ result: Result<Dataset, DatasetError>) -> String {
    if case .failure(let e) = result, e.diagnostics.count > LoaderInvariants.maximumDiagnostics {
        return " [more than \(LoaderInvariants.maximumDiagnostics) diagnostics]"
    }
    return ""
}

extension String {
    init(format1 x: Double) { self = String(Double(Int(x * 10)) / 10) }
    func replacingControlCharacters() -> String { Quoting.value(self, limit: 400) }
}

if arguments.contains("--big") {
    let size = Int(option("--size") ?? "") ?? (1 << 30)
    let header =
        "{\"format\": \"allies-dataset\", \"version\": 1, \"companies\": [], \"alliances\": [], \"articles\": ["
    let article = { (k: Int) in "{\"id\": \"a\(k)\", \"title\": \"t\", \"language\": \"es\"}," }
    var ok = true
    ok = bigFile("brackets", head: "", unit: { _ in "[" }, tail: "", size: size) && ok
    ok = bigFile("header-then-spaces", head: header, unit: { _ in "          " }, tail: "x", size: size) && ok
    ok = bigFile("header-then-nul", head: header, unit: { _ in "\u{0}" }, tail: "", size: size) && ok
    ok = bigFile("many-bad-records", head: header, unit: { _ in "{\"id\": \"a\"}," }, tail: "{}]}", size: size) && ok
    ok = bigFile("many-numbers", head: header, unit: { _ in "1," }, tail: "1]}", size: size) && ok
    ok = bigFile("many-unknown-fields", head: "{", unit: { _ in "\"x\":1," }, tail: "\"y\":2}", size: size) && ok
    ok =
        bigFile(
            "many-duplicate-fields", head: "{\"format\": \"allies-dataset\", ", unit: { _ in "\"version\":1," },
            tail: "\"y\":2}", size: size) && ok
    // One string as large as the file: the bytes and the decoded string are both held, so about 2x.
    ok =
        bigFile(
            "one-huge-string", head: header + "{\"id\": \"a\", \"title\": \"", unit: { _ in "abcdefgh" },
            tail: "\", \"language\": \"es\"}]}", size: size, maxRatio: 2.1) && ok
    // Valid records with distinct ids: the model is held, so memory grows with it. A quarter of the size.
    ok =
        bigFile(
            "valid-articles", head: header, unit: article,
            tail: "{\"id\": \"b\", \"title\": \"t\", \"language\": \"es\"}]}",
            size: size / 4, known: "a valid dataset's model is several times its JSON") && ok
    // Millions of references that cannot be checked before the end of the file: each is kept until then, in a few
    // bytes (at 256 MiB this needed 9 GiB before they were kept compactly, 1.6 GiB after).
    ok =
        bigFile(
            "many-dangling-references",
            head:
                "{\"format\": \"allies-dataset\", \"version\": 1, \"articles\": [], \"alliances\": [], \"companies\": "
                + "[{\"id\": \"c\", \"name\": \"C\", \"kind\": \"cloud\", \"description\": {\"en\": \"e\", \"es\": "
                + "\"s\"}, \"groups\": [",
            unit: { _ in "\"g\"," }, tail: "\"g\"]}]}", size: size / 16,
            known: "the model holds each reference as a 16-byte String: about 4x the file for 4-byte references") && ok
    // Another program rewrites the file while it loads (an editor saving, a checkout): the file shrinks under the
    // reader. It must end in an error, not a crash.
    ok =
        bigFile(
            "shrinks-while-loading", head: header, unit: { _ in "          " }, tail: "x", size: size,
            whileLoading: { path in
                usleep(300_000); truncate(path, 4096)
            }) && ok
    exit(ok ? 0 : 1)
}

// MARK: The structured run

let start = UInt64(option("--start") ?? "0") ?? 0
let cases = UInt64(option("--cases") ?? "100000") ?? 100_000
var accepted = 0, rejected = 0, maxDiagnostics = 0, failures = 0, totalBytes = 0, largest = 0
var byOperation: [String: Int] = [:]
var slowest = (seconds: 0.0, k: UInt64(0), bytes: 0)
/// An input that takes longer than this to check counts as a hang (the largest inputs are a few MB).
let hangSeconds = 5.0
let began = now()
for k in start..<(start + cases) {
    let m = mutator.mutant(k, stream: stream)
    totalBytes += m.bytes.count
    largest = max(largest, m.bytes.count)
    for step in m.steps {
        let name = String(step.prefix { $0 != ":" && $0 != "@" })
        byOperation[name, default: 0] += 1
    }
    let t0 = now()
    var check = LoaderInvariants.check(m.bytes)
    let t = now() - t0
    if t > slowest.seconds { slowest = (t, k, m.bytes.count) }
    if t > hangSeconds { check.violations.append("took \(String(format1: t)) s") }
    if check.accepted { accepted += 1 } else { rejected += 1 }
    maxDiagnostics = max(maxDiagnostics, check.diagnostics)
    if !check.violations.isEmpty {
        failures += 1
        if failures <= 20 {
            print("FAILED case \(k) (\(m.summary)): \(check.violations.prefix(3).joined(separator: "; "))")
        }
    }
    if (k - start + 1) % 10_000 == 0 {
        print("  \(k - start + 1) inputs, \(String(format1: now() - began)) s, peak RSS \(peakRSSMiB()) MiB")
        flush()
    }
}
let seconds = now() - began
print(
    """
    inputs: \(cases) (cases \(start)..<\(start + cases), stream \(stream), seed \(seedBytes.count) bytes)
    accepted: \(accepted)  rejected: \(rejected)  invariant failures: \(failures)
    max diagnostics for one input: \(maxDiagnostics)
    input bytes: \(totalBytes >> 20) MiB in all, largest \(largest) bytes
    time: \(String(format1: seconds)) s (\(Int(Double(cases) / max(seconds, 0.001))) inputs/s); slowest input: case \
    \(slowest.k), \(slowest.bytes) bytes, \(Int(slowest.seconds * 1000)) ms
    max RSS: \(peakRSSMiB()) MiB
    mutations: \(byOperation.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    """)
exit(failures == 0 ? 0 : 1)
