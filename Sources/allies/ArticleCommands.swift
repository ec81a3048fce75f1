import AlliesCore
import AlliesText
import ArgumentParser
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `allies article`: show an article (the default: `allies article ID`), or add one with its text.
struct ArticleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "article",
        abstract: tr("Show an article with its quoted passages marked (allies article ID), or add one with its text."),
        subcommands: [ArticleShow.self, ArticleAdd.self],
        defaultSubcommand: ArticleShow.self)
}

/// `allies article ID` (the default subcommand) and `allies article show ID`.
struct ArticleShow: DatasetCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: tr("Show an article's text with every passage that facts quote marked, and the facts of each."),
        discussion: tr("Passages are marked ⟦…⟧[N] ([[…]][N] without UTF-8);") + " "
            + tr("after the text, [N] lists the records that quote passage N.") + " "
            + tr("The first lines say how much of the article became facts."))
    @ParentCommand var root: Allies
    @OptionGroup var local: DataOptions
    @Argument(help: ArgumentHelp(tr("The article's id, or a unique prefix of one."))) var id: String
    @Option(help: ArgumentHelp(tr("table or json."))) var format: DiffCommand.DiffFormat = .table
    @Option(help: ArgumentHelp(tr("Wrap the text to this many columns (default: the terminal's width, else 80).")))
    var width: Int?

    func validate() throws { try FormatOption.validate(width: width) }

    func run() throws {
        let catalog = try loadCatalog()
        let dataset = catalog.dataset
        // The id, or the one id that starts with it: a search table cut to the terminal shows an article's id as
        // such a prefix (`horacero-acuerdo-hi…`), which is taken with its mark or without, as `allies alliance` does.
        let id = withoutCutMark(self.id)
        let article: Article
        switch catalog.resolveArticle(id) {
        case .found(let found): article = dataset.articles.first { $0.id == found }!
        case .ambiguous(let ids):
            Terminal.printError(
                tr("allies: \"{0}\" matches several articles: {1}.", Quoting.value(id), ids.joined(separator: ", ")))
            throw ExitCode(Status.notFound)
        case .notFound:
            Terminal.printError(tr("allies: no article has the id \"{0}\"", Quoting.value(id)))
            throw ExitCode(Status.notFound)
        }
        let passages = dataset.quotedPassages(of: article)
        let quotes = dataset.quotes(of: article.id)
        let coverage = dataset.coverage(of: article, passages: passages)
        let facts = coverage.facts
        let text = article.text.map { Array($0.utf8) } ?? []
        let quoted = coverage.quotedCharacters ?? 0
        let total = coverage.characters ?? 0
        switch format {
        case .json:
            let value = inEnglish {
                JSONValue.object([
                    ("article", .string(article.id)), ("title", .string(article.title)),
                    ("hasText", .bool(article.text != nil)), ("characters", .number(Double(total))),
                    ("quotedCharacters", .number(Double(quoted))), ("facts", .number(Double(facts))),
                    (
                        "passages",
                        .array(
                            passages.map { p in
                                .object([
                                    ("text", .string(String(decoding: text[p.range], as: UTF8.self))),
                                    (
                                        "facts",
                                        .array(
                                            p.facts.map {
                                                .object([("list", .string($0.list.rawValue)), ("id", .string($0.id))])
                                            })
                                    ),
                                ])
                            })
                    ),
                ])
            }
            print(value.rendered())
        case .table:
            let unicode = Terminal.unicode
            let (open, close) = unicode ? ("⟦", "⟧") : ("[[", "]]")
            let columns = max(20, width ?? Terminal.width ?? 80)
            print(Sanitize.line(article.title))
            let about = [
                article.outlet, article.author,
                article.published.map {
                    $0.precision == .day
                        ? tr("published {0}", shown($0.description, $0.long))
                        : tr("published in {0}", shown($0.description, $0.long))
                }, article.language,
                article.url,
            ]
            .compactMap { $0 }.map(Sanitize.line).joined(separator: " · ")
            if !about.isEmpty { print(about) }
            guard article.text != nil else {
                print(
                    (facts == 1 ? tr("1 fact quotes this article;") : tr("{0} facts quote this article;", facts))
                        + " " + tr("the dataset does not carry its text."))
                for q in quotes { print("  \(q.key): \(Sanitize.line(q.quote))") }
                return
            }
            let passageCount =
                passages.count == 1 ? tr("1 passage quoted by") : tr("{0} passages quoted by", passages.count)
            let factCount = facts == 1 ? tr("1 fact") : tr("{0} facts", facts)
            print(
                "\(passageCount) \(factCount): "
                    + tr("{0} of {1} characters ({2}%).", quoted, total, coverage.percent ?? 0))
            print("")
            // The text with each passage between the marks and its number after it.
            var marked: [UInt8] = []
            var at = 0
            for (n, p) in passages.enumerated() {
                marked += text[at..<p.range.lowerBound]
                marked += Array(open.utf8) + text[p.range] + Array("\(close)[\(n + 1)]".utf8)
                at = p.range.upperBound
            }
            marked += text[at...]
            for paragraph in String(decoding: marked, as: UTF8.self).split(
                separator: "\n", omittingEmptySubsequences: false)
            {
                let line = Sanitize.line(String(paragraph))
                if line.trimmingCharacters(in: .whitespaces).isEmpty { print(""); continue }
                for wrapped in Clip.wrap(line, columns) { print(wrapped) }
            }
            print("")
            for (n, p) in passages.enumerated() {
                for (k, key) in p.facts.enumerated() {
                    let label = (k == 0 ? "[\(n + 1)]" : "").padding(toLength: 6, withPad: " ", startingAt: 0)
                    print("\(label)\(key) \(Sanitize.line(catalog.recordTitle(key)))")
                }
            }
        }
    }
}

/// `allies article add`: an article and its full text, read from a file, added to a dataset file.
struct ArticleAdd: DatasetCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: tr("Add an article with its full text to a dataset file."),
        discussion: tr("The text is read from TEXT (a file, or '-' for standard input) as UTF-8 and kept byte for byte")
            + " " + tr("as the article's `text`, against which the quotes of facts are checked.") + " "
            + tr("The article's `retrieved` and `added` are today ($ALLIES_TODAY when set).") + " "
            + tr("The article is checked as `allies validate` checks a file (a duplicate or malformed id,") + " "
            + tr("an unknown language code) and nothing is written when it fails;") + " "
            + tr("the file is saved safely, as by `allies add`."))
    @ParentCommand var root: Allies
    @OptionGroup var local: DataOptions
    @Option(help: ArgumentHelp(tr("The article's text: a UTF-8 file, or '-' for standard input."), valueName: "file"))
    var text: String
    @Option(help: ArgumentHelp(tr("Its id: a lowercase slug (a-z, 0-9, -)."), valueName: "id")) var id: String
    @Option(help: ArgumentHelp(tr("Its headline, verbatim."), valueName: "title")) var title: String
    @Option(help: ArgumentHelp(tr("Its language: an ISO 639-1 code (es, en)."), valueName: "code"))
    var language: String
    @Option(help: ArgumentHelp(tr("The publication."), valueName: "outlet")) var outlet: String?
    @Option(help: ArgumentHelp(tr("The byline as printed."), valueName: "author")) var author: String?
    @Option(help: ArgumentHelp(tr("When it was published: YYYY, YYYY-MM or YYYY-MM-DD."), valueName: "date"))
    var published: String?
    @Option(help: ArgumentHelp(tr("How the date was established, or why it is unknown."), valueName: "note"))
    var publishedNote: String?
    @Option(help: ArgumentHelp(tr("Where it is."), valueName: "url")) var url: String?

    func validate() throws {
        _ = try parseDate(published, option: "--published")
    }

    func run() throws {
        let day = try today()
        let body = try readText()
        let article = Article(
            id: id, title: title, outlet: outlet, author: author,
            published: try parseDate(published, option: "--published"),
            publishedNote: publishedNote, language: language, url: url, retrieved: day, text: body, added: day)
        // Checked as a fragment of records is by `allies add`: the loader's own checks, against the dataset.
        let key = RecordKey(.articles, id)
        guard let json = Dataset(articles: [article]).json(of: key) else { throw ExitCode(Status.notFound) }
        let fragment = JSONValue.object([(RecordListName.articles.rawValue, .array([json]))]).rendered()
        // A large file's store answers, when it can tell (`InPlaceDataset`); else the whole dataset, as always.
        if let fast = inPlace(dataOptions) {
            do {
                let additions = try fast.decode(Array(fragment.utf8), file: "article", replacing: [])
                try save(additions, was: Dataset(), in: fast)
                print(tr("added to {0}: {1}", Sanitize.line(fast.path), describeRecords([key])))
                return
            } catch is InPlaceDataset.CannotTell {}
        }
        let target = try EditedDataset(dataOptions)
        switch Dataset.decode(additions: Array(fragment.utf8), file: "article", to: target.dataset) {
        case .failure(let error):
            for d in error.diagnostics {
                Terminal.printError(
                    "allies: \(key)\(d.field.map { ", " + tr("field {0}", $0) } ?? ""): \(d.message)")
            }
            Terminal.printError(tr("allies: nothing was added"))
            throw ExitCode(Status.notFound)
        case .success(let additions):
            try target.save(target.dataset.adding(additions))
            print(tr("added to {0}: {1}", Sanitize.line(target.path), describeRecords([key])))
        }
    }

    /// The text, as UTF-8; exits with status 1 and why (an unreadable file, invalid UTF-8 and where, no text at all).
    private func readText() throws -> String {
        let name = text == "-" ? "<stdin>" : text
        let read = text == "-" ? Dataset.articleText(readStandardInput()) : Dataset.readArticleText(text)
        switch read {
        case .success(let body): return body
        case .failure(let e):
            Terminal.printError(tr("allies: {0}: {1}; nothing was added", Sanitize.line(name), e.message))
            throw ExitCode(Status.notFound)
        }
    }
}

/// Standard input, to its end.
func readStandardInput() -> [UInt8] {
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = read(0, &buffer, buffer.count)
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { break }
        bytes.append(contentsOf: buffer[0..<n])
    }
    return bytes
}
