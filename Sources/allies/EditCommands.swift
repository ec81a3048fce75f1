import AlliesCore
import AlliesText
import ArgumentParser
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The dataset file an editing command changes: --data or $ALLIES_DATA. The bundled dataset is read-only.
struct EditedDataset {
    let path: String
    let opened: OpenedDataset

    init(_ options: DataOptions) throws {
        guard let path = options.path else {
            Terminal.printError(
                """
                allies: the bundled dataset is read-only; edit your own copy with --data FILE (or $ALLIES_DATA).
                To start one from the bundled dataset: allies export --format json > FILE
                """)
            throw ExitCode(Status.notFound)
        }
        self.path = path
        opened = try options.open()
    }

    var dataset: Dataset { opened.catalog.dataset }

    /// Saves `changed` over the file, safely; exits with status 1 and the reason when it cannot.
    func save(_ changed: Dataset) throws {
        guard opened.stamp != nil else {
            Terminal.printError("allies: \(path) is not a regular file; nothing was written")
            throw ExitCode(Status.notFound)
        }
        // A file-size limit (ulimit -f) makes writes fail with EFBIG instead of killing the process, so the save
        // can say so and clean up like for a full disk.
        signal(SIGXFSZ, SIG_IGN)
        if case .failure(let error) = changed.save(to: path, expected: opened.stamp) {
            Terminal.printError("allies: " + error.description)
            throw ExitCode(Status.notFound)
        }
    }
}

/// `2 companies (acme, globex), 1 alliance (acme-globex)`.
func describeRecords(_ keys: [RecordKey]) -> String {
    RecordListName.allCases.compactMap { list -> String? in
        let ids = keys.filter { $0.list == list }.map(\.id)
        guard !ids.isEmpty else { return nil }
        let noun =
            ids.count == 1
            ? list.noun : (list == .people ? "people" : list == .companies ? "companies" : list.noun + "s")
        let shown = ids.prefix(10).map { Sanitize.line($0) }.joined(separator: ", ") + (ids.count > 10 ? ", …" : "")
        return "\(ids.count) \(noun) (\(shown))"
    }.joined(separator: ", ")
}

struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add records to a dataset file from a JSON fragment of its top-level lists.",
        discussion: """
            RECORDS is a JSON object with any of the dataset's lists, each record in the dataset's own form \
            (FORMAT.md): {"companies": [...], "alliances": [...]}. Every record is checked as `allies validate` \
            checks a file, its references resolved against the dataset and the fragment; problems are reported with \
            their line and column in RECORDS, and nothing is written. The file is saved safely (FORMAT.md: \
            never a half-written file) and refused if it changed since it was read.
            """)
    @OptionGroup var data: DataOptions
    @Argument(help: ArgumentHelp("The records: a file, or '-' (the default) for standard input.", valueName: "records"))
    var records: String = "-"

    func run() throws {
        let target = try EditedDataset(data)
        let name = records == "-" ? "<stdin>" : records
        let bytes: [UInt8]
        switch records == "-" ? Result.success(readStandardInput()) : Dataset.readFile(records) {
        case .success(let b): bytes = b
        case .failure(let e):
            Terminal.printError("allies: \(e.message)")
            throw ExitCode(Status.notFound)
        }
        switch Dataset.decode(additions: bytes, file: name, to: target.dataset) {
        case .failure(let error):
            for d in error.diagnostics { Terminal.printError(d.description) }
            Terminal.printError(
                "allies: \(name): \(error.diagnostics.count) problem\(error.diagnostics.count == 1 ? "" : "s"); "
                    + "nothing was added"
            )
            throw ExitCode(Status.notFound)
        case .success(let additions):
            let keys = additions.recordKeys
            guard !keys.isEmpty else {
                Terminal.printError("allies: \(name) holds no records; nothing was added")
                throw ExitCode(Status.notFound)
            }
            try target.save(target.dataset.adding(additions))
            print("added to \(Sanitize.line(target.path)): \(describeRecords(keys))")
        }
    }

    private func readStandardInput() -> [UInt8] {
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
}

struct Remove: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Remove a record from a dataset file (refused while other records refer to it).",
        discussion: """
            Names the records that refer to it, with the field that does, and writes nothing; --cascade removes them \
            too (and what refers to those). The file is saved safely and refused if it changed since it was read.
            """)
    @OptionGroup var data: DataOptions
    @Argument(help: "The id of the record.") var id: String
    @Option(
        help: ArgumentHelp(
            "The list the id is in, when several lists have it: "
                + "\(RecordListName.allCases.map(\.rawValue).joined(separator: ", ")).",
            valueName: "list"))
    var list: String?
    @Flag(help: "Also remove every record that refers to it.") var cascade = false

    func run() throws {
        let target = try EditedDataset(data)
        let dataset = target.dataset
        var found = dataset.records(withID: id)
        if let list {
            guard let named = RecordListName(rawValue: list) else {
                throw ValidationError(
                    "--list: unknown list \"\(Quoting.value(list))\": expected one of "
                        + "\(RecordListName.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            found = found.filter { $0.list == named }
        }
        guard let key = found.first else {
            Terminal.printError(
                "allies: no record has the id \"\(Quoting.value(id))\"\(list.map { " in \($0)" } ?? ""); "
                    + "nothing was removed"
            )
            throw ExitCode(Status.notFound)
        }
        guard found.count == 1 else {
            Terminal.printError(
                "allies: \(found.map(\.description).joined(separator: " and ")) have this id: "
                    + "name the list with --list; nothing was removed"
            )
            throw ExitCode(Status.notFound)
        }
        let referrers = dataset.referrers(of: key)
        if !referrers.isEmpty && !cascade {
            Terminal.printError(
                "allies: \(referrers.count) reference\(referrers.count == 1 ? "" : "s") to \(key); nothing was removed:"
            )
            for r in referrers { Terminal.printError("  \(r.from), field \(r.field)") }
            Terminal.printError("Remove or change them first, or pass --cascade to remove them too.")
            throw ExitCode(Status.notFound)
        }
        let removed = dataset.removalClosure(of: [key], cascade: cascade)
        try target.save(dataset.removing(removed))
        print(
            "removed from \(Sanitize.line(target.path)): "
                + "\(describeRecords(dataset.recordKeys.filter(removed.contains)))"
        )
    }
}
