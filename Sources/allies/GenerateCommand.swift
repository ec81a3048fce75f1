import AlliesCore
import AlliesText
import AlliesGenerator
import ArgumentParser
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `allies generate`: a synthetic dataset for benchmarks, the same bytes for the same counts and seed.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: tr("Write a synthetic dataset of invented companies and alliances, the same for the same seed."),
        discussion: paragraphs(
            sentences(
                tr("For benchmarks and demos."),
                tr("Every name, figure and article is invented: company names in English, Spanish, Italian, German,"),
                tr("French, Nordic languages, Portuguese, Chinese, Japanese and Korean;"),
                tr("every kind of alliance and status; dates as precise as a year, a month or a day;"),
                tr("amounts in several currencies; one article for every four alliances;"),
                tr("people, claims and market-share estimates."),
                tr("A few hub companies have many alliances and most have a handful."),
                tr("The file is valid and canonical:"),
                tr("`allies export --format json --data FILE` prints it back byte for byte.")),
            sentences(
                tr("Exit status: 0 written; 1 the output could not be written;"),
                tr("64 a count out of range or another usage error."))))

    @Option(
        help: ArgumentHelp(
            tr("How many companies (at least 2, at most {0}).", DatasetGenerator.maximumCompanies),
            valueName: "n"))
    var companies = 1000

    @Option(help: ArgumentHelp(tr("How many alliances (0 to {0}).", DatasetGenerator.maximumAlliances), valueName: "n"))
    var alliances = 10000

    @Option(
        help: ArgumentHelp(
            tr("Seed of the random generator, 0 to 18446744073709551615: the same seed gives the same bytes."),
            valueName: "n"))
    var seed: UInt64 = 1

    @Option(
        help: ArgumentHelp(
            tr("Write to this file instead of standard output ('-' is standard output)."),
            valueName: "file"))
    var output: String?

    func validate() throws {
        _ = try generator()
    }

    private func generator() throws -> DatasetGenerator {
        do {
            return try DatasetGenerator(companies: companies, alliances: alliances, seed: seed)
        } catch {
            let flag = error.parameter == .companies ? "--companies" : "--alliances"
            throw ValidationError("\(flag): \(error.description)")
        }
    }

    struct WriteError: Error { let message: String }

    func run() throws {
        let generator = try generator()
        let path = output == "-" ? nil : output
        let fd: Int32
        if let path {
            fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
            guard fd >= 0 else {
                let reason = SystemError.text(errno)
                Terminal.printError(tr("allies: cannot write {0}: {1}", Quoting.value(path, limit: 200), reason))
                throw ExitCode(Status.notFound)
            }
        } else {
            fd = STDOUT_FILENO
        }
        var written = 0
        var needsClose = path != nil
        do {
            try generator.write { chunk in
                var offset = 0
                while offset < chunk.count {
                    let n = write(fd, chunk.baseAddress! + offset, chunk.count - offset)
                    if n < 0 {
                        if errno == EINTR { continue }
                        throw WriteError(message: SystemError.text(errno))
                    }
                    offset += n
                }
                written += chunk.count
            }
            if needsClose {
                needsClose = false
                if close(fd) != 0 { throw WriteError(message: SystemError.text(errno)) }
            }
        } catch let error as WriteError {
            let target = path.map { Quoting.value($0, limit: 200) } ?? tr("standard output")
            Terminal.printError(tr("allies: cannot write {0}: {1}", target, error.message))
            if let path {
                if needsClose { close(fd) }
                unlink(path)  // a cut-off dataset is worse than none
            }
            throw ExitCode(Status.notFound)
        }
        if let path {
            let (name, c, a) = (Quoting.value(path, limit: 200), generator.companies, generator.alliances)
            let wrote = tr("allies: wrote {0}: {1} companies, {2} alliances, {3} bytes", name, c, a, written)
            Terminal.printError(wrote + " " + tr("(seed {0})", generator.seed))
        }
    }
}
