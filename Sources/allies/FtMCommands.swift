import AlliesCore
import AlliesText
import ArgumentParser

/// `allies import ftm`: FollowTheMoney entities (JSON lines, as OpenSanctions, Aleph and `allies export --format
/// ftm` write them) into a dataset, through the same merge, output options and summary as `allies import csv`.
/// FORMAT.md, section "FollowTheMoney", has the mapping.
struct ImportFtM: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ftm",
        abstract: tr("Import companies and deals from FollowTheMoney entities (JSON lines)."),
        discussion: sentences(
            tr("Reads Company, Organization and LegalEntity as companies;"),
            tr("Ownership (an investment, or an acquisition at 100%), Succession (an acquisition), Payment,"),
            tr("ContractAward with its Contract, and UnknownLink as deals."),
            tr("Lines may come in any order."),
            tr("Entities written by `allies export --format ftm`"),
            tr("come back with their kinds, roles, statuses and amounts;"),
            tr("other entities get the status `announced` unless their own status is one of Allies'."),
            tr("Other schemata (Person, Vessel…) are rejected, each with its line and reason."),
            tr("A Contract line is part of its ContractAward's deal,"),
            tr("and a company line without a name is part of the company that another line names:"),
            tr("both are counted as \"{0}\" in the summary.", tr("joined"))))

    @Argument(help: ArgumentHelp(tr("The FtM file (one entity per line); - for standard input."), valueName: "file"))
    var file: String
    @Option(help: ArgumentHelp(tr("The dataset's name, as its publisher names it."), valueName: "name"))
    var dataset: String
    @Option(help: ArgumentHelp(tr("The dataset's licence."), valueName: "licence")) var licence: String?
    @Option(help: ArgumentHelp(tr("Where the dataset is published."), valueName: "url")) var url: String?
    @OptionGroup var output: ImportOutputOptions

    func validate() throws {
        guard dataset.contains(where: { !$0.isWhitespace }) else {
            throw ValidationError(tr("--dataset NAME: every imported fact names the dataset it comes from"))
        }
    }

    func run() throws {
        let source = ImportSource(dataset: dataset, licence: licence, url: url, file: file)
        let progress = ImportProgress(file: file)
        var batch: ImportBatch
        let stamp = SourceStamp.of(file)
        do { batch = try FtMReader.read(path: file, source: source) { progress.show(bytes: $0) } } catch {
            progress.done()
            Terminal.printError("allies: " + error.description)
            throw ExitCode(Status.notFound)
        }
        progress.done()
        try finishImport(&batch, output, progress: progress, sourceStamp: stamp)
    }
}
