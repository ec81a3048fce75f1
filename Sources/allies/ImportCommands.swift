import AlliesCore
import AlliesText
import ArgumentParser
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `allies import`: deal data from other tools into a dataset (README, "Bringing your own data").
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: tr("Import deals and companies from a CSV export or FollowTheMoney entities."),
        discussion: sentences(
            tr("Writes a new dataset (--output FILE) or merges into one (--into FILE),"),
            tr("saved as safely as any edit and checked first."),
            tr("Every record of the input is accounted for:"),
            tr("imported, merged (already there, or the same record twice) or rejected;"),
            tr("rejected records go to a rejects file with their line and the reason."),
            tr("Companies are matched to the dataset's by the source's key, then by name with case, accents,"),
            tr("punctuation and legal forms (Inc., Ltd, GmbH, S.A. de C.V.) set aside;"),
            tr("uncertain matches are listed by --review and decided in the review file beside the dataset"),
            "(NAME.review.json)."),
        subcommands: [ImportCSV.self, ImportFtM.self])
}

/// What every import command shares: where the result goes and how it is reported.
struct ImportOutputOptions: ParsableArguments {
    @Option(help: ArgumentHelp(tr("Write a new dataset to this file (it must not exist)."), valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp(tr("Merge into this dataset file, saved safely."), valueName: "file"))
    var into: String?

    @Option(
        help: ArgumentHelp(
            tr("Where rejected records go (default: beside the dataset, NAME.rejects.csv)."), valueName: "file"))
    var rejects: String?

    @Flag(help: ArgumentHelp(tr("List the uncertain company matches (candidates) after the import.")))
    var review = false

    @Flag(help: ArgumentHelp(tr("Read and check everything, print the summary, write nothing.")))
    var dryRun = false

    func validate() throws {
        if (output == nil) == (into == nil) {
            throw ValidationError(tr("give --output FILE (a new dataset) or --into FILE (merge into a dataset)"))
        }
    }

    var target: String { output ?? into! }

    /// `data.json` → `data.rejects.csv`, `data.review.json`.
    func beside(_ suffix: String) -> String {
        var base = target
        if base.hasSuffix(".json") { base.removeLast(5) }
        return base + suffix
    }
}

/// Merges `batch` into the target, writes it and the rejects, and prints the summary. Shared by every import.
/// `sourceStamp`: the input file's, taken before it was read (the rejects file quotes its lines when it is unchanged).
func finishImport(
    _ batch: inout ImportBatch, _ options: ImportOutputOptions, progress: ImportProgress? = nil,
    sourceStamp: SourceStamp?
) throws {
    let file = batch.source.file
    var base = Dataset()
    var stamp: SourceStamp?
    if let into = options.into {
        switch OpenedDataset.open(into) {
        case .success(let opened):
            base = opened.catalog.dataset
            stamp = opened.stamp
        case .failure(let error):
            Terminal.printError(tr("allies: cannot merge into {0}:", Sanitize.line(into)) + "\n" + error.description)
            throw ExitCode(Status.notFound)
        }
    } else if access(options.target, F_OK) == 0 {
        Terminal.printError(
            tr("allies: {0} exists; --output writes a new dataset", Sanitize.line(options.target)) + " "
                + tr("(use --into to merge into it)"))
        throw ExitCode(Status.notFound)
    }
    let decisionsPath = options.beside(".review.json")
    let decisions: [ReviewDecision]
    switch ReviewFile.read(decisionsPath) {
    case .success(let d): decisions = d
    case .failure(let error):
        Terminal.printError("allies: " + error.description)
        throw ExitCode(Status.notFound)
    }
    progress?.phase(
        tr("Matching {0} company mentions and {1} deals…", batch.companies.count, batch.alliances.count))
    // The new alliances are made as they are written: a million of them are never all in memory.
    let (result, alliances) = ImportMerge.mergeDeferred(batch, into: base, decisions: decisions, today: try today())
    progress?.done()
    // `alliances` holds the only copy of the records from here on, so each is given back once written.
    batch.alliances = []
    let s = result.summary

    // Every record accounted for, or the import is wrong: refuse rather than write a dataset that lost some.
    guard s.accountedFor == s.records else {
        let (read, counted) = (s.records, s.accountedFor)
        Terminal.printError(
            tr("allies: internal error: {0} records read but {1} accounted for; nothing written", read, counted))
        throw ExitCode(Status.notFound)
    }
    let rejectsPath = options.rejects ?? options.beside(".rejects.csv")
    var report = ""
    let width = String(s.records).count + 1
    let imported = tr("imported"), merged = tr("merged"), joined = tr("joined"), rejected = tr("rejected")
    let total = tr("total")
    // The labels' column: 10, or as wide as the longest label and a space.
    let labels = max(10, [imported, merged, joined, rejected, total].map { TextWidth.of($0) }.max()! + 1)
    func row(_ label: String, _ n: Int, _ what: String) {
        let number = String(n)
        report +=
            "  " + label + String(repeating: " ", count: max(1, labels - TextWidth.of(label)))
            + String(repeating: " ", count: max(0, width - number.count)) + number + "  " + what + "\n"
    }
    let records = s.records == 1 ? tr("1 record") : tr("{0} records", s.records)
    let lines = s.lines == 1 ? tr("1 line") : tr("{0} lines", s.lines)
    report += tr("{0}: {1} on {2}", Sanitize.line(file), records, lines) + "\n"
    if s.alliancesImported + s.alliancesMerged > 0 || s.companiesImported + s.companiesMerged == 0 {
        row(imported, s.alliancesImported, tr("new alliances"))
        row(
            merged, s.alliancesMerged,
            tr("alliances already there (the same {0} record, or the same id and parties)", batch.source.dataset))
    }
    if s.companiesImported + s.companiesMerged > 0 {
        row(imported, s.companiesImported, tr("new companies"))
        row(merged, s.companiesMerged, tr("companies already there"))
    }
    if s.joined > 0 {
        row(joined, s.joined, tr("part of another record (an alliance's further amount; an FtM Contract)"))
    }
    // A dry run writes no rejects file: they are all on standard error instead.
    let rejectsWhere =
        options.dryRun
        ? tr("listed on standard error (a dry run writes no file)")
        : tr(
            "listed in {0}", Sanitize.line(rejectsPath))
    row(rejected, s.rejected, s.rejected == 0 ? "" : rejectsWhere)
    report += "  " + String(repeating: "-", count: labels + width) + "\n"
    row(total, s.accountedFor, tr("= the records read"))
    let (new, matched) = (s.newCompanies, s.matchedCompanies)
    report += tr("Companies: {0} new, {1} matched to companies already in the dataset", new, matched)
    report += s.candidates == 0 ? "\n" : tr(", {0} uncertain matches (see --review)", s.candidates) + "\n"
    for warning in batch.warnings { report += tr("warning: {0}", Sanitize.line(warning)) + "\n" }
    for (line, alliance) in result.possibleRepeats.prefix(20) {
        report +=
            tr(
                "warning: line {0} may repeat {1}, an alliance already there (same kind, companies, date):",
                line, Sanitize.line(alliance)) + " "
            + tr(
                "if it is the same deal, its money now counts twice; see `allies alliance {0}`", Sanitize.line(alliance)
            )
            + "\n"
    }
    if result.possibleRepeats.count > 20 {
        report +=
            tr("warning: … and {0} more deals that may repeat one already there", result.possibleRepeats.count - 20)
            + "\n"
    }
    for refused in result.refusedDecisions {
        report += tr("warning: a review decision was not applied: {0}", Sanitize.line(refused)) + "\n"
    }
    print(report, terminator: "")

    // The rejects, with file:line, on standard error (the first 20; all of them in the rejects file, or here in a
    // dry run).
    for r in result.rejects.prefix(options.dryRun ? result.rejects.count : 20) {
        Terminal.printError(Sanitize.line(r.located(in: file)))
    }
    if !options.dryRun, result.rejects.count > 20 {
        Terminal.printError(tr("… and {0} more in {1}", result.rejects.count - 20, Sanitize.line(rejectsPath)))
    }
    if options.review { printCandidates(result.candidates, decisionsPath: decisionsPath) }
    if options.dryRun {
        print(tr("Dry run: nothing written."))
        return
    }

    signal(SIGXFSZ, SIG_IGN)
    func writeRejects() -> SaveError? {
        var csv = "line,end_line,reason,record\n"
        for r in ImportReject.withRecordText(result.rejects, from: file, stamp: sourceStamp) {
            csv += CSVText.line([String(r.line), String(r.endLine), r.reason, r.text]) + "\n"
        }
        return Dataset.writeFileSafely(Array(csv.utf8), to: rejectsPath)
    }
    // Every record rejected: the dataset is not written (nothing would change in it), the rejects are, and the
    // status says it failed, so that a script does not take an import of nothing for a success.
    let nothing = s.records > 0 && s.rejected == s.records
    if nothing {
        if let error = writeRejects() {
            Terminal.printError(
                tr("allies: nothing imported, and the rejects were not written: {0}", error.description))
        } else {
            Terminal.printError(tr("allies: every record was rejected; nothing imported (see {0})", rejectsPath))
        }
        throw ExitCode(Status.notFound)
    }
    progress?.phase(tr("Checking and writing {0}…", Sanitize.line(options.target)))
    let saved = result.dataset.save(
        to: options.target, expected: stamp, appending: alliances.consumed(), afterWriting: { alliances.release() })
    progress?.done()
    if case .failure(let error) = saved {
        Terminal.printError(tr("allies: nothing imported: {0}", error.description))
        throw ExitCode(Status.notFound)
    }
    if !result.rejects.isEmpty {
        if let error = writeRejects() {
            Terminal.printError(tr("allies: the dataset was written, but not the rejects: {0}", error.description))
            throw ExitCode(Status.notFound)
        }
    }
    if !result.candidates.isEmpty {
        if let error = Dataset.writeFileSafely(
            ReviewFile.candidatesJSON(result.candidates),
            to: options.beside(
                ".candidates.json"))
        {
            Terminal.printError(tr("allies: the dataset was written, but not the candidates: {0}", error.description))
        }
    }
    let written = (result.dataset.alliances.count + alliances.count, result.dataset.companies.count)
    let alliancesWritten = written.0 == 1 ? tr("1 alliance") : tr("{0} alliances", written.0)
    let companiesWritten = written.1 == 1 ? tr("1 company") : tr("{0} companies", written.1)
    print(tr("Wrote {0}: {1}, {2}.", Sanitize.line(options.target), alliancesWritten, companiesWritten))
}

func printCandidates(_ candidates: [MatchCandidate], decisionsPath: String) {
    guard !candidates.isEmpty else {
        print(tr("No uncertain matches."))
        return
    }
    let (n, path) = (candidates.count, Sanitize.line(decisionsPath))
    print(
        tr("Uncertain matches ({0}): decide them in the explorer's review screen or in {1};", n, path) + " "
            + tr("the next import of the same source applies them."))
    var table = Table([
        .init(title: tr("IMPORTED")), .init(title: tr("ADDED AS")), .init(title: tr("MAY BE"), flexible: true),
        .init(title: tr("WHY"), flexible: true),
    ])
    for c in candidates {
        table.add([c.name + " (" + c.key + ")", c.added, c.companyName + " (" + c.company + ")", c.reason])
    }
    print(table.render(width: Terminal.width))
}

struct ImportCSV: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csv",
        abstract: tr("Import deals from a CSV file with a preset or a column mapping."),
        discussion: paragraphs(
            tr("Presets (--preset NAME):") + "\n" + CSVPreset.all.map(presetHelp).joined(separator: "\n"),
            sentences(
                tr("Any other CSV: --map COLUMN=FIELD for each column to read, with --kind, --status and --dataset."),
                tr("Fields: {0}.", fieldsHelp)),
            sentences(
                tr("The file must be UTF-8 (with or without a BOM)."),
                tr("Dates keep their precision (2015-07 is a month); an empty amount is undisclosed, never 0."))))

    static func presetHelp(_ p: CSVPreset) -> String {
        let reads =
            p.isAlliesCSV
            ? p.columns.map(\.column).joined(separator: ", ")
            : p.columns.map { "\($0.column) → \($0.target.rawValue)" }.joined(separator: ", ")
        return "  \(p.name): \(p.about)\n    " + tr("reads: {0}", reads)
            + (p.ignored.isEmpty ? "" : "\n    " + tr("not read: {0}", p.ignored.joined(separator: ", ")))
    }

    /// `source (…); …`: the fields --map reads into, and what each means.
    static var fieldsHelp: String {
        CSVTarget.allCases.map { "\($0.rawValue) (\($0.meaning))" }.joined(separator: "; ")
    }

    @Argument(help: ArgumentHelp(tr("The CSV file; - for standard input."), valueName: "file")) var file: String
    @Option(
        help: ArgumentHelp(
            tr("A known export: {0}.", CSVPreset.all.map(\.name).joined(separator: ", ")), valueName: "name"))
    var preset: String?
    @Option(
        help: ArgumentHelp(
            tr("COLUMN=FIELD: read COLUMN as FIELD (repeat for each column)."), valueName: "column=field"))
    var map: [String] = []
    @Option(help: ArgumentHelp(tr("With --map: the kind of every deal without a kind column."), valueName: "kind"))
    var kind: String = "partnership"
    @Option(
        help: ArgumentHelp(tr("With --map: the status of every deal without a status column."), valueName: "status"))
    var status: String = "announced"
    @Option(help: ArgumentHelp(tr("With --map: the dataset's name, as its publisher names it."), valueName: "name"))
    var dataset: String?
    @Option(help: ArgumentHelp(tr("With --map: the dataset's licence."), valueName: "licence")) var licence: String?
    @Option(help: ArgumentHelp(tr("The field separator: , ; | or tab."), valueName: "char")) var separator: String = ","
    @OptionGroup var output: ImportOutputOptions

    func run() throws {
        let importer = try makeImporter()
        let sep: UInt8
        switch separator {
        case "tab", "\t": sep = 9
        case ",", ";", "|": sep = separator.utf8.first!
        default: throw ValidationError(tr("--separator: expected , ; | or tab, not \"{0}\"", separator))
        }
        var reader: CSVReader
        let stamp = SourceStamp.of(file)
        do { reader = try CSVReader(path: file, separator: sep) } catch {
            Terminal.printError("allies: " + error.description)
            throw ExitCode(Status.notFound)
        }
        let progress = ImportProgress(file: file)
        var batch: ImportBatch
        do { batch = try importer.read(&reader) { progress.show(bytes: $0) } } catch {
            progress.done()
            Terminal.printError("allies: " + error.description)
            throw ExitCode(Status.notFound)
        }
        progress.done()
        try finishImport(&batch, output, progress: progress, sourceStamp: stamp)
    }

    func makeImporter() throws -> CSVImporter {
        if let preset {
            guard map.isEmpty else { throw ValidationError(tr("give --preset or --map, not both")) }
            guard let p = CSVPreset.named(preset) else {
                let names = CSVPreset.all.map(\.name).joined(separator: ", ")
                throw ValidationError(tr("no preset \"{0}\": the presets are {1}", preset, names))
            }
            return CSVImporter(preset: p, file: file)
        }
        guard !map.isEmpty else { throw ValidationError(tr("give --preset NAME or --map COLUMN=FIELD …")) }
        var columns: [(String, CSVTarget)] = []
        for m in map {
            guard let eq = m.lastIndex(of: "="), let target = CSVTarget(rawValue: String(m[m.index(after: eq)...]))
            else {
                let fields = CSVTarget.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError(tr("--map \"{0}\": expected COLUMN=FIELD with FIELD one of {1}", m, fields))
            }
            columns.append((String(m[..<eq]), target))
        }
        // Each row is a deal between two named companies: a side no column names rejected every row as "empty".
        for side in [CSVTarget.fromName, .toName] where !columns.contains(where: { $0.1 == side }) {
            throw ValidationError(
                tr(
                    "--map names no column as {0} ({1}): every deal needs both companies' names", side.rawValue,
                    side == .fromName ? tr("the side money leaves") : tr("the side money reaches")))
        }
        guard let kind = AllianceKind(rawValue: kind) else {
            throw ValidationError(
                tr("--kind: expected one of {0}", AllianceKind.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        guard let status = AllianceStatus(rawValue: status) else {
            throw ValidationError(
                tr("--status: expected one of {0}", AllianceStatus.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        guard let dataset, !dataset.isEmpty else {
            throw ValidationError(
                tr("--map needs --dataset NAME: every imported fact names the dataset it comes from"))
        }
        return CSVImporter(
            mapping: columns, kind: kind, status: status, dataset: dataset, licence: licence, file: file)
    }
}

/// A progress line on standard error while a large file is read, when standard error is a terminal.
final class ImportProgress {
    let file: String
    let total: Int?
    let active: Bool
    var shown = -1

    init(file: String) {
        self.file = file
        var st = stat()
        total = file != "-" && stat(file, &st) == 0 && st.st_size > 0 ? Int(st.st_size) : nil
        active = isatty(2) == 1
    }

    func show(bytes: Int) {
        guard active else { return }
        let text: String
        if let total {
            let percent = min(100, bytes * 100 / total)
            guard percent != shown else { return }
            shown = percent
            let filled = percent / 5
            text =
                tr("Reading {0}", Sanitize.line(file)) + " [" + String(repeating: "#", count: filled)
                + String(repeating: ".", count: 20 - filled) + "] \(percent)%"
        } else {
            text = tr("Reading {0}: {1} MB", Sanitize.line(file), bytes / 1_000_000)
        }
        var bytes = Array(("\r" + text + "\u{1B}[K").utf8)
        _ = bytes.withUnsafeMutableBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }

    /// A step with no measure of its own (matching, writing): its name until `done`.
    func phase(_ text: String) {
        guard active else { return }
        shown = 0
        var bytes = Array(("\r" + text + "\u{1B}[K").utf8)
        _ = bytes.withUnsafeMutableBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }

    func done() {
        if active && shown >= 0 {
            var bytes = Array("\r\u{1B}[K".utf8)
            _ = bytes.withUnsafeMutableBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
        }
    }
}
