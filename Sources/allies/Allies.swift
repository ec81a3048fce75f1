import AlliesCore
import Synchronization
import AlliesExplorer
import AlliesTerminal
import AlliesText
import ArgumentParser
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Exit statuses, documented in the README.
enum Status {
    static let notFound: Int32 = 1  // unknown company or alliance, invalid dataset, bad query
    static let noTerminal: Int32 = 2  // the explorer was asked for without a usable terminal
}

/// Which dataset a command reads, and why: the one place that decides it (README, "Keeping your own dataset").
enum DatasetLocation: Equatable {
    /// --data FILE, else $ALLIES_DATA.
    case given(String)
    /// The user's own dataset ($XDG_DATA_HOME/allies/allies.json), which exists.
    case own(String)
    /// The dataset built into the binary (read-only).
    case bundled

    /// The file, nil for the bundled dataset.
    var path: String? {
        switch self {
        case .given(let path), .own(let path): return path
        case .bundled: return nil
        }
    }

    /// The user's own dataset: $XDG_DATA_HOME/allies/allies.json, $XDG_DATA_HOME unset or empty meaning
    /// $HOME/.local/share; nil when neither is set.
    static var ownPath: String? {
        func env(_ name: String) -> String? {
            getenv(name).map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        guard let base = env("XDG_DATA_HOME") ?? env("HOME").map({ $0 + "/.local/share" }) else { return nil }
        return (base.hasSuffix("/") ? String(base.dropLast()) : base) + "/allies/allies.json"
    }
}

/// Every dataset a command opened, kept until the process exits: a command is one process, and freeing a million
/// records one by one when the command is done took 1.5 s at exit.
let openedForGood = Mutex<[OpenedDataset]>([])

struct DataOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            sentences(
                tr("Load this dataset (also $ALLIES_DATA); without either, your own dataset"),
                tr("($XDG_DATA_HOME/allies/allies.json) when it exists, else the bundled one.")),
            valueName: "file"))
    var data: String?

    @Flag(
        name: .long,
        help: ArgumentHelp(
            tr("Read the dataset file itself, not its snapshot in the cache (see README: Large datasets).")))
    var noCache = false

    /// The file given: --data, else $ALLIES_DATA; nil when neither is.
    var given: String? {
        data ?? getenv("ALLIES_DATA").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The dataset to read: --data, else $ALLIES_DATA, else the user's own dataset when that file exists, else the
    /// one built into the binary.
    var location: DatasetLocation {
        if let given { return .given(given) }
        if let own = DatasetLocation.ownPath, access(own, F_OK) == 0 { return .own(own) }
        return .bundled
    }

    /// The dataset file to read; nil for the one built into the binary.
    var path: String? { location.path }

    /// The file's store opened to answer one query from what it reads (not the whole dataset); nil for the bundled
    /// dataset, with --no-cache, or when the store cannot be used (the command then loads the dataset).
    func storeForQueries() -> StoredDataset? {
        guard let path, !noCache, case .success(let stored) = DatasetCache.openForQueries(source: path) else {
            return nil
        }
        return stored
    }

    /// What the explorer is given: where typed paths start, unsaved edits go, and stores are written (none with
    /// --no-cache).
    var explorerPaths: PathBase {
        var paths = PathBase.forExplorer
        if noCache { paths.stores = nil }
        return paths
    }

    /// The dataset to use and its name.
    func load() throws -> (Catalog, String) { (try open().catalog, path ?? Dataset.bundledName) }

    /// The dataset to use, from the cache's snapshot of the file when it matches.
    func open() throws -> OpenedDataset {
        let progress = ProgressLine(tr("reading {0}", path ?? ""))
        let result =
            path.map { OpenedDataset.open($0, useCache: !noCache, progress: progress.update) }
            ?? Dataset.bundled().map { OpenedDataset(catalog: Catalog($0), index: nil, stamp: nil) }
        progress.finish()
        switch result {
        case .success(let opened):
            openedForGood.withLock { $0.append(opened) }
            if let path, !noCache { BackgroundStore.opened(opened, path: path) }
            return opened
        case .failure(let error):
            // Only problems inside the file are worth `validate`; a file that cannot be opened says so itself,
            // named by the program as its other errors are (`allies: /x.json: cannot open: …`).
            guard error.diagnostics.contains(where: { $0.position != nil }) else {
                Terminal.printError("allies: " + error.description)
                throw ExitCode(Status.notFound)
            }
            Terminal.printError(error.description)
            let count = error.diagnostics.count
            Terminal.printError(
                count == 1
                    ? tr("allies: the dataset has 1 problem; `allies validate FILE` lists them.")
                    : tr("allies: the dataset has {0} problems; `allies validate FILE` lists them.", count))
            throw ExitCode(Status.notFound)
        }
    }
}

struct FormatOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(tr("Output format: table, json or csv.")))
    var format: OutputFormat = .table

    @Option(
        name: .long,
        help: ArgumentHelp(tr("Fit tables to this many columns (default: the terminal's width; unlimited in a pipe).")))
    var width: Int?

    var tableWidth: Int? { width ?? Terminal.width }

    func validate() throws { try FormatOption.validate(width: width) }

    /// A table or text fitted to no column at all printed blank lines (`--width 0`).
    static func validate(width: Int?) throws {
        if let width, width < 1 { throw ValidationError(tr("--width {0}: expected at least 1 column", width)) }
    }
}

@main
struct Allies: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "allies",
        abstract: tr("Explore the alliances between technology companies in the AI era."),
        discussion: paragraphs(
            sentences(
                tr("With no subcommand on a terminal, opens the interactive explorer."),
                tr("The subcommands print the same data for scripts, as tables, JSON or CSV.")),
            sentences(
                tr("Exit status: 0 success; 1 not found, invalid dataset or bad query;"),
                tr("2 no usable terminal for the explorer; 64 usage error.")),
            sentences(
                tr("Language: --lang es|en (before or after the subcommand),"),
                tr("else LC_ALL, LC_MESSAGES, LANG (es_* is Spanish), else English."),
                tr("JSON keys, CSV headers and exit statuses are the same in both."))),
        version: "0.1.0",
        subcommands: [
            Companies.self, CompanyCommand.self, Alliances.self, AllianceCommand.self, TimelineCommand.self,
            Shares.self, SearchCommand.self, NetworkCommand.self, PathCommand.self, CyclesCommand.self,
            MoneyCommand.self,
            Export.self, Validate.self, Add.self, Edit.self, Remove.self, FoldEdits.self, MergeEdits.self,
            DiffCommand.self,
            Changes.self, Reindex.self,
            ArticleCommand.self, ImportCommand.self, Generate.self,
        ]
    )

    @OptionGroup var dataOptions: DataOptions

    /// Chooses the language (`--lang`, taken out of the arguments wherever it is, else the locale's variables)
    /// before any help text is built, then runs the command.
    static func main() {
        var arguments = Array(CommandLine.arguments.dropFirst())
        var option: String?
        var i = 0
        while i < arguments.count {
            let argument = arguments[i]
            if argument == "--" { break }
            if argument == "--lang" {
                arguments.remove(at: i)
                if i < arguments.count { option = arguments.remove(at: i) } else { option = "" }
                continue
            }
            if argument.hasPrefix("--lang=") {
                option = String(argument.dropFirst("--lang=".count))
                arguments.remove(at: i)
                continue
            }
            i += 1
        }
        if let option, Language(option: option) == nil {
            Terminal.printError(
                "allies: --lang \(Quoting.value(option)): expected es (español) or en (English)")
            #if canImport(Glibc)
                Glibc.exit(64)
            #else
                Darwin.exit(64)
            #endif
        }
        var environment: [String: String] = [:]
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = getenv(name) { environment[name] = String(cString: value) }
        }
        Language.choose(Language.from(option: option, environment: environment))
        Terminal.foldsToASCII = Terminal.stdoutIsTTY && !useTheLocale()
        if let message = unknownCommand(arguments) {
            Terminal.printError(message)
            #if canImport(Glibc)
                Glibc.exit(64)
            #else
                Darwin.exit(64)
            #endif
        }
        // The command whose usage an error comes with: the one being run, once parsed (an error from a subcommand's
        // `run`, a filter's unknown kind, came with the top level's usage).
        var failing: any ParsableCommand.Type = Allies.self
        do {
            var command = try parseAsRoot(arguments)
            failing = type(of: command)
            // `--no-cache` holds for everything the command does, down to the saves (no memo of a file's checksum
            // is trusted or written; `DatasetCache.directory`).
            if (command as? any DatasetCommand)?.dataOptions.noCache == true
                || (command as? Allies)?.dataOptions.noCache == true
            {
                setenv("ALLIES_NO_CACHE", "1", 1)
            }
            try command.run()
            BackgroundStore.sayStarted()
        } catch {
            BackgroundStore.sayStarted()
            // As ArgumentParser's `exit(withError:)`, with its own words (USAGE:, Error:) in the reader's language.
            let message = libraryWords(fullMessage(for: error, running: failing))
            let code = exitCode(for: error)
            if !message.isEmpty {
                if code == .success { print(message) } else { Terminal.printError(message) }
            }
            #if canImport(Glibc)
                Glibc.exit(code.rawValue)
            #else
                Darwin.exit(code.rawValue)
            #endif
        }
    }

    /// Words a reader may take for commands, and the command that does what they name.
    static let commandFor = ["hubs": "money", "hub": "money", "loops": "cycles", "loop": "cycles", "paths": "path"]

    /// A message for a first word that is not a subcommand (`allies hubs --width 80`: ArgumentParser reads the
    /// options first and said `--width` was unknown; `allies compnay openai`, that two arguments were unexpected), or
    /// for the word after `help`, with the subcommands it may mean, as git says it. Nil when the word is a
    /// subcommand, when there is none (the explorer), or when an option comes first that is not the top level's
    /// (`--widht 80`: ArgumentParser's `Did you mean '--width'?` says more than that `80` is no subcommand).
    static func unknownCommand(_ arguments: [String]) -> String? {
        var words: [String] = []
        var i = 0
        scan: while i < arguments.count {
            let argument = arguments[i]
            switch argument {
            case "--": break scan
            case "--data": i += 2  // its value is a file, not a subcommand
            case "--no-cache", "-h", "--help", "--version": i += 1
            case _ where argument.hasPrefix("--data="): i += 1
            case _ where argument.hasPrefix("-"): break scan
            default:
                words.append(argument)
                i += 1
                if argument != "help" { break scan }
            }
        }
        guard let word = words.first == "help" ? words.dropFirst().first : words.first else { return nil }
        let names = configuration.subcommands.map { $0._commandName } + ["help"]
        if names.contains(word) { return nil }
        let near =
            commandFor[word.lowercased()].map { [$0] }
            ?? names.map { ($0, editDistance($0, word.lowercased())) }.filter { $0.1 <= 2 }
            .sorted { $0.1 < $1.1 }.map(\.0)
        var message = tr("allies: \"{0}\" is not a subcommand.", Quoting.value(word))
        if !near.isEmpty { message += " " + tr("Did you mean {0}?", near.joined(separator: ", ")) }
        return message + " " + tr("`allies --help` lists the subcommands.")
    }

    /// ArgumentParser's message for an error, but with the usage of the command being run when its `run` refused a
    /// value (ArgumentParser gives the top level's then, as the error no longer comes from parsing).
    static func fullMessage(for error: any Error, running command: any ParsableCommand.Type) -> String {
        guard command != Allies.self, let refused = error as? ValidationError else { return fullMessage(for: error) }
        let usage = usageString(for: command)
        let path = usage.split(separator: " ").prefix { !$0.hasPrefix("[") && !$0.hasPrefix("<") }.joined(
            separator: " ")
        return "Error: \(refused.message)\nUsage: \(usage)\n  See '\(path) --help' for more information."
    }

    /// ArgumentParser's fixed words in help and usage errors, in Spanish when that is the language (the library has no
    /// translations of its own). Its messages' quoted parts (option names, values) are kept as they are.
    static func libraryWords(_ text: String) -> String {
        guard Language.current == .es else { return text }
        // Phrases without the spaces around them: the library wraps its help lines (`(default:` then a new line).
        let phrases: [(String, String)] = [
            ("OVERVIEW:", tr("OVERVIEW:")), ("USAGE:", tr("USAGE:")), ("ARGUMENTS:", tr("ARGUMENTS:")),
            ("OPTIONS:", tr("OPTIONS:")), ("SUBCOMMANDS:", tr("SUBCOMMANDS:")),
            ("Show help information.", tr("Show help information.")), ("Show the version.", tr("Show the version.")),
            ("for detailed help.", tr("for detailed help.")), ("<subcommand>", tr("<subcommand>")),
            ("for more information.", tr("for more information.")), ("See '", tr("See '")),
            // The long form first (a list on lines of its own), then the short one (`'a', 'b' or 'c'`).
            ("Please provide one of the following:", tr("Please provide one of")),
            ("Please provide one of", tr("Please provide one of")), ("' or '", "' " + tr("or") + " '"),
            ("(default)", tr("(default)")),
            ("Error: ", tr("Error: ")), ("Usage: ", tr("Usage: ")), ("Help:  ", tr("Help:  ")),
            ("Missing expected argument", tr("Missing expected argument")), ("Unknown option", tr("Unknown option")),
            ("Unexpected argument", tr("Unexpected argument")), ("Missing value for", tr("Missing value for")),
            ("The value", tr("The value")), ("is invalid for", tr("is invalid for")), ("(default:", tr("(default:")),
            ("(values:", tr("(values:")), ("; default:", tr("; default:")),
            ("Did you mean '", tr("Did you mean '")),
        ]
        var out = text
        for (english, spanish) in phrases { out = out.replacing(english, with: spanish) }
        return out
    }

    func run() throws {
        switch checkTerminal() {
        case .unusable(let reason):
            Terminal.printError("allies: \(reason)")
            throw ExitCode(Status.noTerminal)
        case .ok(let capabilities):
            // Which dataset the explorer opens (--data, $ALLIES_DATA, the user's own, the bundled one).
            let location = dataOptions.location
            let day = try today()
            guard let path = location.path else {
                let (catalog, name) = try dataOptions.load()
                // Edits to the bundled dataset go to the user's own dataset, which the first edit proposes.
                var explorer = Explorer(
                    catalog: catalog, datasetName: name,
                    saveTarget: DatasetLocation.ownPath.map { .bundled(proposed: $0) } ?? .none, today: day,
                    paths: dataOptions.explorerPaths)
                let status = runTerminal(&explorer, capabilities: capabilities)
                if status != 0 { throw ExitCode(status) }
                return
            }
            // A file of the user's may be large: the explorer opens at once with a progress bar, keys are answered
            // (Ctrl-C quits) while the loader works on the background thread, and search follows when its index is
            // built.
            var notes: [String] =
                location == .own(path) ? [tr("Your own dataset: {0} (--data opens another)", path)] : []
            let review: ReviewSetup?
            switch reviewSetup(for: path) {
            case .success(let setup): review = setup
            case .failure(let error):
                // The explorer opens all the same; the problem is the first thing it says.
                review = nil
                notes.append(tr("Not reviewing matches: {0}", error.description))
            }
            let useCache = !dataOptions.noCache
            var explorer = Explorer(
                catalog: nil, datasetName: path, saveTarget: .file(path),
                welcome: notes.isEmpty ? nil : notes.joined(separator: " · "), today: day, review: review,
                paths: dataOptions.explorerPaths)
            let status = runTerminal(&explorer, capabilities: capabilities) { send in
                loadInBackground(path: path, useCache: useCache, send: send)
            }
            if status != 0 { throw ExitCode(status) }
            if let error = explorer.state.loadError {
                // The explorer showed the problems; leave them on the terminal too, and fail as the subcommands do.
                Terminal.printError(error.description)
                throw ExitCode(Status.notFound)
            }
        }
    }
}

/// The uncertain company matches an import left beside the dataset `path` (`FILE.candidates.json`) that no decision
/// in `FILE.review.json` settles yet, for the explorer's review screen; nil when there are none. (Which of them still
/// have their added company in the dataset, the explorer sees once the dataset is loaded.)
func reviewSetup(for path: String) -> Result<ReviewSetup?, ImportError> {
    var base = path
    guard base.hasSuffix(".json") else { return .success(nil) }
    base.removeLast(5)
    let decisionsPath = base + ".review.json"
    let candidates: [MatchCandidate]
    switch ReviewFile.readCandidates(base + ".candidates.json") {
    case .success(let c): candidates = c
    case .failure(let e): return .failure(e)
    }
    guard !candidates.isEmpty else { return .success(nil) }
    let decisions: [ReviewDecision]
    switch ReviewFile.read(decisionsPath) {
    case .success(let d): decisions = d
    case .failure(let e): return .failure(e)
    }
    let settled = Set(decisions.map { [$0.dataset, $0.key, $0.company] })
    let pending = candidates.filter { !settled.contains([$0.dataset, $0.key, $0.company]) }
    guard !pending.isEmpty else { return .success(nil) }
    return .success(ReviewSetup(candidates: pending, decisions: decisions, decisionsPath: decisionsPath))
}

/// Loads a dataset file for the explorer: the store's Companies list when there is a store, the data (the explorer is
/// usable from then on), then the search index, each with its progress; then keeps a snapshot so the next open is
/// quick.
func loadInBackground(path: String, useCache: Bool, send: @escaping @Sendable (Message) -> Void) {
    // The Companies list straight from the store, drawn while the dataset is read whole: a large one's takes
    // seconds; below 20,000 alliances, a fraction of one, and the list would only flicker.
    var listSent = false
    if useCache, case .success(let list) = DatasetCache.openCompanyList(source: path), list.allianceCount >= 20_000 {
        send(.earlyCompanies(list))
        listSent = true
    }
    var lastLoad = -1
    let opened: OpenedDataset
    // Read from the JSON, a large file's companies are drawn as soon as their list is read (before its alliances,
    // in a file in the canonical order): 64 MB, some 45,000 alliances, take a second or more.
    let large = (SourceStamp.of(path)?.size ?? 0) >= 64 << 20
    switch OpenedDataset.open(
        path, useCache: useCache,
        progress: { p in
            let percent = Int(p * 100)
            if percent != lastLoad { lastLoad = percent; send(.loadProgress(p)) }
        },
        // The store the list came from was refused (damaged, or the file changed since): stop drawing from it.
        readingJSON: { if listSent { send(.earlyCompaniesWithdrawn) } },
        companiesRead: large ? { send(.earlyCompanies(ReadCompanyList($0, path: path))) } : nil)
    {
    case .failure(let error):
        send(.dataLoaded(.failed(error)))
        return
    case .success(let o): opened = o
    }
    // A large file's edits beside it were read with it: said once it is open, so the file alone is not taken for
    // the data (and not before: edits of another version are refused, not read).
    func editsRead() {
        guard opened.stamp?.edits != nil else { return }
        let journal = EditJournal.path(for: path)
        let saves = EditJournal.saveCount(at: journal)
        guard saves > 0 else { return }
        send(
            .notice(
                tr(
                    "with the edits of {0} from {1} (allies fold-edits writes them in)",
                    saves == 1 ? tr("1 save") : tr("{0} saves", saves), Dataset.fileName(journal))))
    }
    if let index = opened.index {
        send(.dataLoaded(.loaded(opened.catalog, name: path, index: index, stamp: opened.stamp)))
        editsRead()
        return
    }
    send(.dataLoaded(.loaded(opened.catalog, name: path, indexFollows: true, stamp: opened.stamp)))
    editsRead()
    // Read from a store of the file before its last edits: search answers from the store's index patched for them
    // while the new one is built.
    if let patched = opened.patchedIndex() { send(.indexPatched(patched)) }
    var last = -1
    let index = SearchIndex(opened.catalog) { p in
        let percent = Int(p * 100)
        if percent != last { last = percent; send(.indexProgress(p)) }
    }
    send(.indexReady(index))
    if useCache { opened.saveSnapshot(path: path, index: index) }
}

// MARK: - Helpers shared by the commands

/// An id copied from a table cut to the terminal's width ends in `…` (or `...` in ASCII): what is before it is the
/// prefix the table showed, which the commands take as a prefix. Ids never hold either mark.
func withoutCutMark(_ text: String) -> String {
    for mark in ["…", "..."] where text.hasSuffix(mark) && text.count > mark.count {
        return String(text.dropLast(mark.count))
    }
    return text
}

func resolveCompany(_ name: String, in catalog: Catalog) throws -> Company {
    let resolution = catalog.resolveCompany(name)
    if case .found(let id) = resolution { return catalog.company(id)! }
    try refuse(name, resolution, catalog)
}

/// When the store can tell alone that `name` is several companies' or none's, says so (as `resolveCompany` would
/// once the dataset is loaded) and exits: a script's typo at a million alliances is not a whole load. True when the
/// store tells that it is one company's; false when it cannot tell.
@discardableResult
func refuseUnresolvedCompany(_ name: String, _ stored: StoredDataset) throws -> Bool {
    guard let (resolution, catalog) = stored.companyResolution(name) else { return false }
    if case .found = resolution { return true }
    try refuse(name, resolution, catalog)
}

/// Says that `name` names several companies, or none and which are close (their names from `catalog`), and exits.
private func refuse(_ name: String, _ resolution: Catalog.Resolution, _ catalog: Catalog) throws -> Never {
    switch resolution {
    case .found: break
    case .ambiguous(let ids):
        Terminal.printError(
            tr("allies: \"{0}\" matches several companies: {1}.", Quoting.value(name), ids.joined(separator: ", ")))
    case .notFound(let suggestions):
        var message = tr("allies: no company matches \"{0}\".", Quoting.value(name))
        if !suggestions.isEmpty {
            let names = suggestions.map { "\($0) (\(Quoting.value(catalog.companyName($0))))" }
            message += " " + tr("Did you mean {0}?", names.joined(separator: ", "))
        }
        Terminal.printError(message + " " + tr("`allies companies` lists them all."))
    }
    throw ExitCode(Status.notFound)
}

func parseDate(_ text: String?, option: String) throws -> PartialDate? {
    guard let text else { return nil }
    switch PartialDate.parse(text) {
    case .success(let d): return d
    case .failure(let e): throw ValidationError("\(option) \"\(Quoting.value(text))\": \(e)")
    }
}

func emit(_ text: String) { print(text) }

/// Sentences (or parts of one) of a help text, one space between them: each is its own catalogue entry, short
/// enough to stay on one line with its `tr(`.
func sentences(_ parts: String...) -> String { parts.joined(separator: " ") }

/// Paragraphs of a help text, a blank line between them.
func paragraphs(_ parts: String...) -> String { parts.joined(separator: "\n\n") }

/// A money total as JSON, each part its own field, each by currency (README, "Money in JSON"): `agreed`, `upTo`,
/// `atLeast`, `perYear`, `undisclosed` for agreed deals; `pending` and `ended` hold the same parts for those deals.
func jsonMoney(_ total: MoneyTotal) -> JSONValue {
    func sums(_ s: CurrencySums) -> JSONValue {
        .object(
            s.currencies.map { c in
                (
                    c,
                    .object([
                        ("value", .number(s[c]!)), ("approximate", .bool(s.isApproximate(c))),
                        ("includesEstimate", .bool(s.includesEstimate(c))),
                        ("includesCumulative", .bool(s.includesCumulative(c))),
                        ("includesMultiYear", .bool(s.includesMultiYear(c))),
                    ])
                )
            })
    }
    func perYear(_ p: MoneyParts) -> JSONValue {
        .object([
            ("amounts", sums(p.perYear.amounts)), ("upTo", sums(p.perYear.upTo)), ("atLeast", sums(p.perYear.atLeast)),
        ])
    }
    func parts(_ p: MoneyParts) -> [(String, JSONValue)] {
        [
            ("amounts", sums(p.total.amounts)), ("upTo", sums(p.total.upTo)), ("atLeast", sums(p.total.atLeast)),
            ("perYear", perYear(p)), ("undisclosed", .number(Double(p.undisclosed))),
        ]
    }
    let statuses = total.pendingStatusesInOrder.map { JSONValue.string($0.rawValue) }
    return .object([
        ("agreed", sums(total.agreed.total.amounts)), ("upTo", sums(total.agreed.total.upTo)),
        ("atLeast", sums(total.agreed.total.atLeast)), ("perYear", perYear(total.agreed)),
        ("undisclosed", .number(Double(total.agreed.undisclosed))),
        ("pending", .object([("statuses", .array(statuses))] + parts(total.pending))),
        ("ended", .object(parts(total.ended))),
        ("display", .string(total.display)),
    ])
}

/// A money total's parts as raw CSV cells: `agreed`, `up_to`, `at_least`, `per_year`, `pending`, `ended`,
/// `undisclosed`. Each cell lists `CURRENCY VALUE` per currency (`USD 13000000000`), `; ` between currencies, with
/// `about ` before an approximate sum; `per_year`, `pending` and `ended` also name the bound of each sum (`up-to USD
/// 5000000000`, `at-least …`), and `per_year` sums are per year; `pending` and `ended` end with `undisclosed N` when
/// some of those deals have no amount. `undisclosed` counts agreed deals with no amount. A sum that holds a
/// cumulative total or a contract over years says so (`USD 22700000000 (includes cumulative, multi-year)`), and
/// `pending` begins with its deals' statuses (`in-talks: about USD 10000000000`).
enum MoneyCSV {
    static let parts = ["agreed", "up_to", "at_least", "per_year", "pending", "ended", "undisclosed"]

    static func header(_ prefix: String) -> [String] { parts.map { prefix + "_" + $0 } }

    static func cells(_ t: MoneyTotal) -> [String] {
        // What a sum holds, as JSON's includesCumulative / includesMultiYear say it: a spreadsheet's figure keeps it.
        func sums(_ s: CurrencySums, _ bound: String = "") -> [String] {
            s.currencies.map {
                let holds = [
                    s.includesEstimate($0) ? "estimated" : nil, s.includesCumulative($0) ? "cumulative" : nil,
                    s.includesMultiYear($0) ? "multi-year" : nil,
                ].compactMap { $0 }
                return (s.isApproximate($0) ? "about " : "") + bound + $0 + " " + JSONValue.numberText(s[$0]!)
                    + (holds.isEmpty ? "" : " (includes " + holds.joined(separator: ", ") + ")")
            }
        }
        func bounded(_ b: BoundedSums) -> [String] {
            sums(b.amounts) + sums(b.upTo, "up-to ") + sums(b.atLeast, "at-least ")
        }
        func all(_ p: MoneyParts) -> String {
            (bounded(p.total) + bounded(p.perYear).map { $0 + "/year" }
                + (p.undisclosed > 0 ? ["undisclosed \(p.undisclosed)"] : [])).joined(separator: "; ")
        }
        // The pending deals' statuses lead their cell (`in-talks: about USD 10000000000`): money not agreed says why.
        let statuses = t.pendingStatusesInOrder.map(\.rawValue)
        let pending = all(t.pending)
        return [
            sums(t.agreed.total.amounts).joined(separator: "; "), sums(t.agreed.total.upTo).joined(separator: "; "),
            sums(t.agreed.total.atLeast).joined(separator: "; "), bounded(t.agreed.perYear).joined(separator: "; "),
            pending.isEmpty ? "" : statuses.joined(separator: ", ") + ": " + pending, all(t.ended),
            String(t.agreed.undisclosed),
        ]
    }
}

/// An alliance's parties in JSON: id, name and role of each.
func jsonParties(_ a: Alliance, _ catalog: Catalog) -> JSONValue {
    .array(
        a.parties.map {
            .object([
                ("company", .string($0.company)), ("name", .string(catalog.companyName($0.company))),
                ("role", .string($0.role.rawValue)),
            ])
        })
}

func jsonAmount(_ m: Amount) -> JSONValue {
    .object([
        ("value", .number(m.value)), ("currency", .string(m.currency)), ("per", .string(m.per.rawValue)),
        ("bound", .string(m.bound.rawValue)), ("estimated", .bool(m.estimated)), ("cumulative", .bool(m.cumulative)),
        ("termYears", m.termYears.map { .number($0) } ?? .null), ("from", .optional(m.from)), ("to", .optional(m.to)),
        ("note", .optional(m.note)), ("display", .string(m.display)), ("meaning", .string(MoneyFormat.meaning(m))),
    ])
}

func jsonSources(_ sources: [SourceQuote], _ catalog: Catalog) -> JSONValue {
    .array(
        sources.map { s in
            let article = catalog.article(s.article)
            return .object([
                ("article", .string(s.article)), ("title", .optional(article?.title)),
                ("outlet", .optional(article?.outlet)),
                ("published", .optional(article?.published?.description)), ("quote", .string(s.quote)),
                ("note", .optional(s.note)),
            ])
        })
}

func jsonRecords(_ records: [RecordSource]) -> JSONValue {
    .array(
        records.map { r in
            .object([
                ("dataset", .string(r.dataset)), ("key", .string(r.key)), ("url", .optional(r.url)),
                ("retrieved", .optional(r.retrieved?.description)), ("licence", .optional(r.licence)),
            ])
        })
}

func jsonCitations(_ citations: [Citation]) -> JSONValue {
    .array(
        citations.map { c in
            .object([
                ("publisher", .string(c.publisher)), ("title", .string(c.title)), ("url", .optional(c.url)),
                ("published", .optional(c.published?.description)), ("supports", .string(c.supports)),
            ])
        })
}

/// Prints indented, wrapped, sanitised text lines for the detail commands: wrapped to the terminal's width, and
/// not at all into a pipe (a field stays one line, so `grep Money` gets all of it).
struct Report {
    var lines: [String] = []
    let width: Int
    /// The column of fields' labels: 12, or wider for longer labels (Spanish ones are) so none is clipped.
    let labelWidth: Int

    /// `labels`: the fields' labels the report will have, to size their column from (a longer label still gets
    /// its room, a column of its own).
    init(width: Int?, labels: [String] = []) {
        self.width = width.map { max(40, $0) } ?? Int.max / 4
        labelWidth = max(12, (labels.map { TextWidth.of($0) }.max() ?? 0) + 2)
    }

    /// A heading wrapped to the width as fields are (a Spanish title was 64 columns wide at 60).
    mutating func heading(_ text: String) {
        if !lines.isEmpty { lines.append("") }
        lines += Clip.wrap(Sanitize.line(text), width)
    }

    mutating func field(_ label: String, _ value: String?) {
        guard let value, !value.isEmpty else { return }
        let column = max(labelWidth, TextWidth.of(label) + 2)
        let prefix = Clip.pad(label, column)
        let wrapped = Clip.wrap(Sanitize.line(value), width - column - 2)
        for (i, line) in wrapped.enumerated() {
            lines.append("  " + (i == 0 ? prefix : String(repeating: " ", count: column)) + line)
        }
    }

    mutating func item(_ text: String, indent: Int = 2) {
        let wrapped = Clip.wrap(Sanitize.line(text), width - indent - 2)
        for (i, line) in wrapped.enumerated() {
            lines.append(String(repeating: " ", count: indent) + (i == 0 ? "- " : "  ") + line)
        }
    }

    /// A heading and one item per entry; nothing when there are none.
    mutating func section(_ title: String, _ items: [String]) {
        guard !items.isEmpty else { return }
        heading(title)
        for item in items { self.item(item) }
    }

    mutating func quote(_ text: String, indent: Int = 6) {
        for line in Clip.wrap(Sanitize.line("“" + text + "”"), width - indent) {
            lines.append(String(repeating: " ", count: indent) + line)
        }
    }

    var text: String { lines.joined(separator: "\n") }
}

func describe(
    sources: [SourceQuote], citations: [Citation], records: [RecordSource] = [], catalog: Catalog,
    into report: inout Report
) {
    if !sources.isEmpty {
        report.heading(tr("Sources"))
        for s in sources {
            let article = catalog.article(s.article)
            // In Spanish dated in words, as precise as known, as the other dates of a report are (`shown`).
            let meta = [
                article?.outlet, article?.published.map { shown($0.description, $0.long) } ?? tr("date unknown"),
            ]
            .compactMap { $0 }
            report.item("\(article?.title ?? s.article) (\(meta.joined(separator: ", ")))")
            report.quote(s.quote)
            if let note = s.note { report.item(tr("note: {0}", note), indent: 6) }
        }
    }
    if !records.isEmpty {
        report.heading(tr("Dataset records"))
        for r in records {
            var text = "\(r.dataset): \(r.key)"
            if let l = r.licence { text += " (\(l))" }
            if let d = r.retrieved { text += tr(", retrieved {0}", shown(d.description, d.long)) }
            report.item(text)
            if let url = r.url { report.item(url, indent: 6) }
        }
    }
    if !citations.isEmpty {
        report.heading(tr("Citations"))
        for c in citations {
            var text = "\(c.publisher): \(c.title)"
            if let p = c.published { text += " (\(shown(p.description, p.long)))" }
            text += tr(" — supports {0}", c.supports)
            report.item(text)
            if let url = c.url { report.item(url, indent: 6) }
        }
    }
}
