import AlliesCore
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Paths of the package, found from this file: Tests/AlliesCoreTests/Support.swift.
enum Paths {
    static let packageRoot: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()
    static let datasetFile = packageRoot + "/Resources/allies.json"
    static let articlesFolder = packageRoot + "/../shared/articles"
}

/// Reads a whole file as bytes, or nil when it cannot be read.
func readBytes(_ path: String) -> [UInt8]? {
    guard let f = fopen(path, "rb") else { return nil }
    defer { fclose(f) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = fread(&buffer, 1, buffer.count, f)
        if n == 0 { break }
        bytes.append(contentsOf: buffer[0..<n])
    }
    return bytes
}

func isDirectory(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
}

/// `json` written to a file, opened from JSON, its snapshot written, and opened again from the snapshot: the dataset
/// as the snapshot gives it back (checked to have come from the snapshot).
func throughSnapshot(_ json: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Dataset {
    let folder = makeTemporaryDirectory()
    defer { removeTree(folder + "/cache"); removeTree(folder) }
    writeFile(folder + "/d.json", Array(json.utf8))
    let first = try OpenedDataset.open(folder + "/d.json", cacheDirectory: folder + "/cache").get()
    #expect(first.index == nil, sourceLocation: sourceLocation)
    #expect(
        first.saveSnapshot(
            path: folder + "/d.json", index: SearchIndex(first.catalog),
            cacheDirectory: folder + "/cache") == nil, sourceLocation: sourceLocation)
    let second = try OpenedDataset.open(folder + "/d.json", cacheDirectory: folder + "/cache").get()
    #expect(second.index != nil, "read from the snapshot", sourceLocation: sourceLocation)
    return second.catalog.dataset
}

/// The temporary folder: TMPDIR, else /tmp.
let temporaryFolder = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"

/// A fresh empty directory in the temporary folder (`make test` gives the run one of its own, removed after it).
func makeTemporaryDirectory() -> String {
    var template = Array((temporaryFolder + "/allies-core-tests-XXXXXX").utf8CString)
    let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
    precondition(made != nil, "mkdtemp failed")
    return String(cString: template)
}

func writeFile(_ path: String, _ bytes: [UInt8]) {
    let f = fopen(path, "wb")!
    _ = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, f) }
    fclose(f)
}

/// The names in a directory (not `.` and `..`), sorted; none when it cannot be read.
func directoryEntries(_ path: String) -> [String] {
    guard let dir = opendir(path) else { return [] }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        if name != "." && name != ".." { names.append(name) }
    }
    return names.sorted()
}

func removeTree(_ path: String) {
    // Only what the tests create: files one level deep, then the folder.
    if let dir = opendir(path) {
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name == "." || name == ".." { continue }
            let child = path + "/" + name
            chmod(child, 0o644)
            unlink(child)
        }
        closedir(dir)
    }
    rmdir(path)
}

// MARK: Decoding helpers

let testFile = "test.json"

func decode(_ text: String) -> Result<Dataset, DatasetError> {
    Dataset.decode(Array(text.utf8), file: testFile)
}

func decode(bytes: [UInt8]) -> Result<Dataset, DatasetError> {
    Dataset.decode(bytes, file: testFile)
}

/// The diagnostics of a decode that must fail.
func diagnostics(_ result: Result<Dataset, DatasetError>, sourceLocation: SourceLocation = #_sourceLocation)
    -> [Diagnostic]
{
    switch result {
    case .success:
        Issue.record("expected the dataset to be rejected, but it loaded", sourceLocation: sourceLocation)
        return []
    case .failure(let error):
        return error.diagnostics
    }
}

func diagnostics(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> [Diagnostic] {
    diagnostics(decode(text), sourceLocation: sourceLocation)
}

/// Line and column (1-based, counting Characters) of the `occurrence`-th appearance of `needle` in `text`,
/// computed independently of the decoder so tests can say where an error must point.
func position(of needle: String, in text: String, occurrence: Int = 1) -> String {
    var found = 0
    var searchStart = text.startIndex
    while let range = text[searchStart...].firstRange(of: needle) {
        found += 1
        if found == occurrence {
            let before = text[..<range.lowerBound]
            let line = before.filter { $0 == "\n" }.count + 1
            let lastLine = before.lastIndex(of: "\n").map { before[before.index(after: $0)...] } ?? before[...]
            return "\(line):\(lastLine.count + 1)"
        }
        searchStart = range.upperBound
    }
    Issue.record("\"\(needle)\" does not occur \(occurrence) time(s) in the test text")
    return "?"
}

/// Replaces the single occurrence of `old` in `text` (a test's mutation must hit exactly one place).
func replacing(_ old: String, with new: String, in text: String, sourceLocation: SourceLocation = #_sourceLocation)
    -> String
{
    var count = 0
    var searchStart = text.startIndex
    var hit: Range<String.Index>?
    while let r = text[searchStart...].firstRange(of: old) { count += 1; hit = hit ?? r; searchStart = r.upperBound }
    guard count == 1, let hit else {
        Issue.record("\"\(old)\" occurs \(count) times in the test text, expected once", sourceLocation: sourceLocation)
        return text
    }
    return String(text[..<hit.lowerBound]) + new + String(text[hit.upperBound...])
}

/// A small valid dataset, one field per line where tests mutate it.
let validDataset = """
    {
      "format": "allies-dataset",
      "version": 1,
      "articles": [
        {
          "id": "a1",
          "title": "Artículo de prueba",
          "published": "2024-05",
          "language": "es"
        }
      ],
      "groups": [
        {
          "id": "big-nine",
          "name": "Big Nine",
          "description": {"en": "Nine companies", "es": "Nueve empresas"}
        }
      ],
      "companies": [
        {
          "id": "acme",
          "name": "Acme",
          "kind": "startup",
          "groups": ["big-nine"],
          "description": {"en": "A maker", "es": "Un fabricante"}
        },
        {
          "id": "globex",
          "name": "Globex",
          "kind": "cloud",
          "parent": "acme",
          "description": {"en": "A cloud", "es": "Una nube"}
        }
      ],
      "alliances": [
        {
          "id": "acme-globex",
          "kind": "investment",
          "parties": [
            {"company": "acme", "role": "investor"},
            {"company": "globex", "role": "investee"}
          ],
          "amounts": [
            {"value": 1000000, "currency": "USD"}
          ],
          "date": {"value": "2024-06-15", "event": "announced"},
          "status": "active",
          "title": {"en": "Acme invests in Globex", "es": "Acme invierte en Globex"},
          "summary": {"en": "Money", "es": "Dinero"},
          "sources": [
            {"article": "a1", "quote": "Acme invierte"}
          ]
        }
      ]
    }
    """

// MARK: Comparing datasets

/// Dataset is not Equatable (its records are); compare list by list so a failure names the list.
func expectSameDataset(_ a: Dataset, _ b: Dataset, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(a.articles == b.articles, sourceLocation: sourceLocation)
    #expect(a.groups == b.groups, sourceLocation: sourceLocation)
    #expect(a.companies == b.companies, sourceLocation: sourceLocation)
    #expect(a.alliances == b.alliances, sourceLocation: sourceLocation)
    #expect(a.claims == b.claims, sourceLocation: sourceLocation)
    #expect(a.people == b.people, sourceLocation: sourceLocation)
    #expect(a.shareEstimates == b.shareEstimates, sourceLocation: sourceLocation)
}

/// Every source quote in a dataset, with the record that holds it.
func allQuotes(_ d: Dataset) -> [(record: String, quote: SourceQuote)] {
    var out: [(String, SourceQuote)] = []
    for g in d.groups { out += g.sources.map { ("group \(g.id)", $0) } }
    for c in d.companies { out += c.sources.map { ("company \(c.id)", $0) } }
    for a in d.alliances { out += a.sources.map { ("alliance \(a.id)", $0) } }
    for c in d.claims { out += c.sources.map { ("claim \(c.id)", $0) } }
    for p in d.people { out += p.sources.map { ("person \(p.id)", $0) } }
    for e in d.shareEstimates { out += e.sources.map { ("share estimate \(e.id)", $0) } }
    return out
}

extension Result {
    var value: Success? { if case .success(let v) = self { return v } else { return nil } }
}

/// An index of `catalog` written as a store (Store.swift) and read back, or nil when the store is refused.
/// `thorough`: read as the explorer reads it (every section checked); else opened as a query opens it (the postings
/// and pairs checked as they are read). `progress` hears the explorer's read's progress.
func storeRoundTrip(
    _ index: SearchIndex, catalog: Catalog, thorough: Bool = true, progress: (Double) -> Void = { _ in }
) -> SearchIndex? {
    let folder = makeTemporaryDirectory()
    defer { removeTree(folder) }
    let source = folder + "/data.json"
    writeFile(source, Array("{}".utf8))
    let cache = folder + "/cache"
    guard let stamp = SourceStamp.of(source),
        DatasetCache.write(source: source, stamp: stamp, catalog: catalog, index: index, directory: cache) == nil
    else { return nil }
    if thorough { return try? DatasetCache.read(source: source, directory: cache, progress: progress).get().index }
    return try? DatasetCache.openForQueries(source: source, directory: cache).get().index
}

/// How many pages of `path`'s mappings in this process are resident in it now (`/proc/self/pagemap`: present),
/// counting only the pages that lie wholly inside `bytes` of the file when given; for the tests of what a store reader
/// gives back. A page given back (`madvise`) stays in the page cache but is no longer in the process: `mincore` would
/// not tell them apart. -1 when it cannot be told.
func residentPages(mappingsOf path: String, bytes: Range<Int>? = nil) -> Int {
    guard let maps = readBytes("/proc/self/maps"), let real = realpath(path, nil) else { return -1 }
    let file = String(cString: real)
    free(real)
    let pagemap = open("/proc/self/pagemap", O_RDONLY)
    guard pagemap >= 0 else { return -1 }
    defer { close(pagemap) }
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    var resident = 0
    for line in String(decoding: maps, as: UTF8.self).split(separator: "\n") {
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count >= 6, fields[5...].joined(separator: " ") == file else { continue }
        let bounds = fields[0].split(separator: "-").compactMap { Int($0, radix: 16) }
        guard bounds.count == 2, let offset = Int(fields[2], radix: 16) else { return -1 }
        var entries = [UInt64](repeating: 0, count: (bounds[1] - bounds[0]) / page)
        let wanted = entries.count * 8
        let got = entries.withUnsafeMutableBytes { pread(pagemap, $0.baseAddress, wanted, off_t(bounds[0] / page * 8)) }
        guard got == wanted else { return -1 }
        for (k, entry) in entries.enumerated() where entry >> 63 == 1 {
            let start = offset + k * page
            if let bytes, start < bytes.lowerBound || start + page > bytes.upperBound { continue }
            resident += 1
        }
    }
    return resident
}
