import AlliesText

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// The FollowTheMoney reader for `allies import ftm`: JSON lines (one entity per line, FtMWriter's header says more)
// into an ImportBatch. The file is read a chunk at a time and each line parsed on its own, so memory holds one line
// plus what the batch keeps. FtM files are not ordered (a link may come before the companies it names), so links
// wait until the end of the file, when every entity id has been seen; then each link becomes an alliance or a reject.
//
// Every non-blank line ends as exactly one of: a company (Company, Organization, LegalEntity), an alliance (Ownership,
// Payment, ContractAward, UnknownLink, Succession), part of another record's alliance (a Contract, whose
// ContractAward is the alliance, or a nameless fragment of a company named on another line: `ImportBatch.joined`),
// or a reject with its line and reason.
//
// Entities that Allies wrote carry `allies:` descriptors (FtMDescriptor) and come back exactly: kind, status,
// parties with their roles, amounts with every qualifier, the date's event, and each record's provenance (records
// of other datasets with their licences, citations, quotes: QuoteHome restores them). Other FtM data is read by its
// schema: FORMAT.md, section "FollowTheMoney", has the table.

/// Why an FtM file cannot be read at all; each message names the file as the user typed it.
public enum FtMFileError: Error, Equatable, CustomStringConvertible {
    case notFound(path: String)
    case isDirectory(path: String)
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .notFound(let path): return "\(Self.name(path)): no such file"
        case .isDirectory(let path): return "\(Self.name(path)) is a directory, expected a FollowTheMoney file"
        case .unreadable(let path, let reason): return "\(Self.name(path)) cannot be read: \(reason)"
        }
    }

    static func name(_ path: String) -> String { path == "-" ? "standard input" : path }
}

public enum FtMReader {
    /// The schemata read as companies.
    public static let companySchemata = ["Company", "Organization", "LegalEntity"]
    /// The schemata read as alliances (Contract is read as part of its ContractAward's).
    public static let linkSchemata = ["Ownership", "Payment", "Contract", "ContractAward", "UnknownLink", "Succession"]
    /// A line longer than this is rejected without being kept whole in memory.
    public static let maxLineBytes = 16 << 20

    /// Reads a file, or standard input for `-`; `progress` is told the bytes read so far after each chunk.
    public static func read(path: String, source: ImportSource, progress: (Int) -> Void = { _ in })
        throws(FtMFileError) -> ImportBatch
    {
        var fd: Int32 = 0
        if path != "-" {
            fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else {
                if errno == ENOENT { throw .notFound(path: path) }
                throw .unreadable(path: path, reason: SystemError.text(errno))
            }
        }
        defer { if path != "-" { close(fd) } }
        var info = stat()
        if fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR { throw .isDirectory(path: path) }
        var builder = FtMBatchBuilder(source: source)
        let chunk = 1 << 16
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: chunk)
        defer { buffer.deallocate() }
        var splitter = LineSplitter(maxBytes: maxLineBytes)
        var total = 0
        while true {
            let n = readChunk(fd, buffer, chunk)
            if n < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: path, reason: SystemError.text(errno))
            }
            if n == 0 { break }
            total += n
            progress(total)
            splitter.feed(UnsafeBufferPointer(start: buffer, count: n)) { builder.add($0) }
        }
        splitter.finish { builder.add($0) }
        return builder.finish()
    }

    /// Reads lines in memory (tests).
    public static func read(bytes: [UInt8], source: ImportSource) -> ImportBatch {
        var builder = FtMBatchBuilder(source: source)
        var splitter = LineSplitter(maxBytes: maxLineBytes)
        bytes.withUnsafeBufferPointer { b in splitter.feed(b) { builder.add($0) } }
        splitter.finish { builder.add($0) }
        return builder.finish()
    }

    public static func read(text: String, source: ImportSource) -> ImportBatch {
        read(bytes: Array(text.utf8), source: source)
    }
}

/// `read(2)`, named apart from `FtMReader.read`.
private func readChunk(_ fd: Int32, _ buffer: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
    read(fd, buffer, count)
}

/// One physical line: its number and bytes (without the newline), or the fact that it was too long.
struct FtMLine {
    var number: Int
    var bytes: [UInt8]
    var tooLong: Bool
}

/// Cuts a stream of chunks into lines; a line longer than `maxBytes` is not kept, only flagged.
struct LineSplitter {
    let maxBytes: Int
    var current: [UInt8] = []
    var tooLong = false
    var number = 0

    init(maxBytes: Int) { self.maxBytes = maxBytes }

    mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, _ emit: (FtMLine) -> Void) {
        var start = 0
        while start < chunk.count {
            var end = chunk.count
            if let found = memchr(chunk.baseAddress! + start, 0x0A, chunk.count - start) {
                end = UnsafeRawPointer(found) - UnsafeRawPointer(chunk.baseAddress!)
            }
            if !tooLong {
                if current.count + (end - start) > maxBytes {
                    tooLong = true
                    current = []
                } else {
                    current.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[start..<end]))
                }
            }
            if end == chunk.count { return }
            emitLine(emit)
            start = end + 1
        }
    }

    mutating func finish(_ emit: (FtMLine) -> Void) {
        if !current.isEmpty || tooLong { emitLine(emit) }
    }

    private mutating func emitLine(_ emit: (FtMLine) -> Void) {
        number += 1
        if current.last == 0x0D { current.removeLast() }
        emit(FtMLine(number: number, bytes: current, tooLong: tooLong))
        current = []
        tooLong = false
    }
}

/// An entity as read from a line: its id, schema and properties (each a list of strings).
struct FtMEntity {
    var id: String
    var schema: String
    var properties: [String: [String]]
    var line: Int
    var text: String

    func values(_ name: String) -> [String] { properties[name] ?? [] }
    func first(_ name: String) -> String? { properties[name]?.first { !$0.isEmpty } }
}

/// Builds the batch line by line; links wait for `finish`.
struct FtMBatchBuilder {
    var batch: ImportBatch
    /// Company entity ids to the first ImportedCompany of theirs in the batch.
    var companies: [String: Int] = [:]
    /// Entities of every other kind seen (rejected ones included), for messages: id → (schema, line, rejected).
    var others: [String: (schema: String, line: Int, rejected: Bool)] = [:]
    var links: [FtMEntity] = []
    var contracts: [String: FtMEntity] = [:]
    /// Company lines without a name, kept to the end: a fragment of a company named on another line (FtM tools
    /// write an entity in fragments, `ftm aggregate` joins them) is part of it; any other is rejected.
    var nameless: [FtMEntity] = []

    init(source: ImportSource) { batch = ImportBatch(source: source) }

    mutating func add(_ line: FtMLine) {
        batch.lines = line.number
        if line.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) && !line.tooLong { return }
        batch.records += 1
        let text = String(decoding: line.bytes.prefix(4096), as: UTF8.self)
        if line.tooLong {
            reject(line.number, "the line is longer than \(FtMReader.maxLineBytes >> 20) MiB", text)
            return
        }
        let entity: FtMEntity
        switch Self.parse(line.bytes, line: line.number) {
        case .failure(let reason):
            reject(line.number, reason.text, text)
            return
        case .success(let e): entity = e
        }
        if FtMReader.companySchemata.contains(entity.schema) && entity.values("name").allSatisfy(\.isEmpty) {
            nameless.append(entity)
        } else if FtMReader.companySchemata.contains(entity.schema) {
            switch company(entity) {
            case .success(let c):
                if companies[entity.id] == nil { companies[entity.id] = batch.companies.count }
                batch.companies.append(c)
            case .failure(let reason):
                others[entity.id] = (entity.schema, line.number, true)
                reject(line.number, reason.text, text)
            }
        } else if entity.schema == "Contract" {
            contracts[entity.id] = entity
            others[entity.id] = (entity.schema, line.number, false)
        } else if FtMReader.linkSchemata.contains(entity.schema) {
            links.append(entity)
            others[entity.id] = (entity.schema, line.number, false)
        } else {
            others[entity.id] = (entity.schema, line.number, true)
            reject(
                line.number,
                "schema \(entity.schema) is not imported; expected one of "
                    + (FtMReader.companySchemata + FtMReader.linkSchemata).joined(separator: ", "), text)
        }
    }

    mutating func reject(_ line: Int, _ reason: String, _ text: String) {
        batch.rejects.append(ImportReject(line: line, reason: reason, text: text))
    }

    mutating func finish() -> ImportBatch {
        // Fragments first, so that a link naming a rejected one says so.
        for fragment in nameless {
            if let i = companies[fragment.id] {
                let named = batch.companies[i]
                var more = fragment
                more.properties["name"] = [named.name]
                if case .success(var c) = company(more) {
                    c.line = nil
                    batch.companies.append(c)
                    batch.joined += 1
                    continue
                }
            }
            others[fragment.id] = (fragment.schema, fragment.line, true)
            reject(fragment.line, "\(fragment.schema) \"\(fragment.id)\" has no name", fragment.text)
        }
        var used = Set<String>()
        var rejectedAwards: [String: Int] = [:]
        for link in links {
            let contract = link.schema == "ContractAward" ? link.first("contract") : nil
            switch alliance(link) {
            case .success(let a):
                batch.alliances.append(a)
                if let contract { used.insert(contract) }
            case .failure(let reason):
                reject(link.line, reason.text, link.text)
                if let contract, rejectedAwards[contract] == nil { rejectedAwards[contract] = link.line }
            }
        }
        for (id, contract) in contracts {
            if used.contains(id) {
                batch.joined += 1
            } else if let award = rejectedAwards[id] {
                reject(
                    contract.line,
                    "Contract \"\(id)\" is the deal of the ContractAward of line \(award), which was rejected",
                    contract.text)
            } else {
                reject(
                    contract.line,
                    "Contract \"\(id)\" is the deal of no ContractAward imported from this file (an award names its "
                        + "supplier; the contract alone names one side)", contract.text)
            }
        }
        batch.rejects.sort { $0.line < $1.line }
        return batch
    }

    // MARK: Parsing a line

    /// The entity of one line, or why the line is not one.
    static func parse(_ bytes: [UInt8], line: Int) -> Result<FtMEntity, FtMReason> {
        let result = parseLine(bytes, line: line)
        // Why a line is rejected goes into the rejects file, in English; the JSON reader's messages follow the
        // reader's language, so a line that fails is read again in English.
        guard case .failure = result, Language.current != .en else { return result }
        return Language.$scoped.withValue(.en) { parseLine(bytes, line: line) }
    }

    private static func parseLine(_ bytes: [UInt8], line: Int) -> Result<FtMEntity, FtMReason> {
        var id: String?
        var schema: String?
        var properties: [String: [String]] = [:]
        var problem: String?
        let outcome: Result<Void, JSONSyntaxError> = bytes.withUnsafeBufferPointer { buffer in
            var r = JSONReader(buffer)
            do throws(JSONSyntaxError) {
                let kind = try r.peek()
                guard kind == .object else {
                    // JSON of another kind, or not JSON at all (which skipping it finds).
                    try r.skipValue()
                    r.skipWhitespace()
                    guard r.atEnd else { throw JSONSyntaxError(offset: r.offset, message: "text after a value") }
                    problem = "the line is \(kind.noun), expected an FtM entity (a JSON object)"
                    return .success(())
                }
                try r.readObject { (r: inout JSONReader, key, _) throws(JSONSyntaxError) in
                    switch key {
                    case "id", "schema":
                        let k = try r.peek()
                        guard k == .string else {
                            problem = problem ?? "\"\(key)\" is \(k.noun), expected a string"
                            try r.skipValue()
                            return
                        }
                        let s = try r.readString()
                        if key == "id" { id = s } else { schema = s }
                    case "properties":
                        let k = try r.peek()
                        guard k == .object else {
                            problem = problem ?? "\"properties\" is \(k.noun), expected an object of lists of strings"
                            try r.skipValue()
                            return
                        }
                        try r.readObject { (r: inout JSONReader, name, _) throws(JSONSyntaxError) in
                            let k = try r.peek()
                            guard k == .array else {
                                problem =
                                    problem ?? "property \"\(name)\" is \(k.noun), expected a list of strings"
                                try r.skipValue()
                                return
                            }
                            var values: [String] = []
                            try r.readArray { (r: inout JSONReader, i) throws(JSONSyntaxError) in
                                let k = try r.peek()
                                guard k == .string else {
                                    problem =
                                        problem
                                        ?? "property \"\(name)\", value \(i + 1) is \(k.noun), expected a string"
                                    try r.skipValue()
                                    return
                                }
                                values.append(try r.readString())
                            }
                            properties[name, default: []] += values
                        }
                    default:
                        // OpenSanctions adds caption, datasets, referents, first_seen…: not properties.
                        try r.skipValue()
                    }
                }
                r.skipWhitespace()
                if !r.atEnd { problem = problem ?? "text after the JSON object (one entity per line)" }
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        if case .failure(let error) = outcome {
            return .failure("not JSON: \(error.message) (byte \(error.offset + 1) of the line)")
        }
        if let problem { return .failure(FtMReason(problem)) }
        guard let id, !id.isEmpty else { return .failure("the entity has no \"id\"") }
        guard let schema, !schema.isEmpty else { return .failure("entity \"\(id)\" has no \"schema\"") }
        let text = String(decoding: bytes.prefix(4096), as: UTF8.self)
        return .success(FtMEntity(id: id, schema: schema, properties: properties, line: line, text: text))
    }

    // MARK: Companies

    func company(_ e: FtMEntity) -> Result<ImportedCompany, FtMReason> {
        let names = e.values("name").filter { !$0.isEmpty }
        guard let name = names.first else { return .failure("\(e.schema) \"\(e.id)\" has no name") }
        var aliases: [String] = []
        for a in names.dropFirst() + e.values("alias") where !a.isEmpty && a != name && !aliases.contains(a) {
            aliases.append(a)
        }
        // The first country that is an ISO 3166-1 code; FtM also has codes of its own (`eu`, `zz`, `suhh`).
        let country = e.values("country").map { $0.uppercased() }.first { Company.countryCodes.contains($0) }
        var kind = CompanyKind.other
        var products: [String] = []
        var ownID: String?
        var texts: [String: String] = [:]
        var carried = CarriedProvenance()
        for note in e.values("notes") where note.hasPrefix(FtMDescriptor.prefix) {
            switch FtMDescriptor.Line.parse(note) {
            case .failure(let why): return .failure("notes \"\(note)\" \(why)")
            case .success(let d) where d.what == "company":
                if let k = d.value("kind") {
                    guard let parsed = CompanyKind(rawValue: k) else {
                        return .failure("notes \"\(note)\": kind \"\(k)\" is not a company kind")
                    }
                    kind = parsed
                }
                ownID = d.value("id")
                for case ("product", let p?) in d.tokens where !p.isEmpty && !products.contains(p) {
                    products.append(p)
                }
            case .success(let d) where d.what == "text":
                for case (let k, let v?) in d.tokens { texts[k] = v }
            case .success(let d):
                if case .failure(let why) = FtMDescriptor.read(d, into: &carried) {
                    return .failure("notes \"\(note)\": \(why)")
                }
            }
        }
        var sectors: [String] = []
        for s in e.values("sector") where !s.isEmpty && !sectors.contains(s) { sectors.append(s) }
        var company = ImportedCompany(
            key: e.id, name: name, aliases: aliases, country: country, sectors: sectors, kind: kind, line: e.line)
        if let en = texts["description.en"], let es = texts["description.es"] {
            company.description = LocalizedText(en: en, es: es)
        }
        company.products = products
        // The id an Allies export gave it, when it is one (a slug).
        company.id = ownID.flatMap { Slug.make($0) == $0 ? $0 : nil }
        company.carried = carried
        return .success(company)
    }

    // MARK: Links

    /// Why a reference to `id` (in `property`) is not a company of this file; nil when it is one.
    func notACompany(_ id: String, _ property: String) -> String? {
        if companies[id] != nil { return nil }
        if let other = others[id] {
            if FtMReader.companySchemata.contains(other.schema) {
                return "\(property) \"\(id)\" is the \(other.schema) of line \(other.line), which was rejected"
            }
            return "\(property) \"\(id)\" is a \(other.schema) (line \(other.line)), not a company"
        }
        return "\(property) \"\(id)\" is not an entity of this file"
    }

    func alliance(_ e: FtMEntity) -> Result<ImportedAlliance, FtMReason> {
        // The schema's own parties, each with the role a foreign file's entity gives it.
        var structural: [(property: String, role: PartyRole)]
        var kind: AllianceKind
        var contract: FtMEntity?
        switch e.schema {
        case "Ownership":
            structural = [("owner", .investor), ("asset", .investee)]
            kind = .investment
            let percentage = e.values("percentage").compactMap { Double($0.filter { $0 != "%" }) }
            let roles = e.values("role").map { $0.lowercased() }
            if percentage.contains(where: { $0 >= 100 }) || roles.contains(where: { $0.contains("acqui") }) {
                structural = [("owner", .acquirer), ("asset", .target)]
                kind = .acquisition
            }
        case "Succession":
            structural = [("successor", .acquirer), ("predecessor", .target)]
            kind = .acquisition
        case "Payment":
            structural = [("payer", .customer), ("beneficiary", .supplier)]
            kind = .partnership
        case "UnknownLink":
            structural = [("subject", .partner), ("object", .partner)]
            kind = .partnership
        default:  // ContractAward
            structural = [("supplier", .supplier)]
            kind = .partnership
            guard let c = e.first("contract") else { return .failure("ContractAward \"\(e.id)\" has no contract") }
            guard let found = contracts[c] else {
                if let other = others[c] {
                    return .failure("contract \"\(c)\" is a \(other.schema) (line \(other.line)), not a Contract")
                }
                return .failure("contract \"\(c)\" is not an entity of this file")
            }
            contract = found
        }
        for (property, _) in structural where e.values(property).allSatisfy(\.isEmpty) {
            return .failure("\(e.schema) \"\(e.id)\" has no \(property)")
        }

        // Allies' own descriptors, when the entity has them.
        var deal: FtMDescriptor.Line?
        var partyLines: [FtMDescriptor.Line] = []
        var amountLines: [FtMDescriptor.Line] = []
        var texts: [String: String] = [:]
        var carried = CarriedProvenance()
        var updateLines: [FtMDescriptor.Line] = []
        var updateCitations: [(update: String, line: FtMDescriptor.Line)] = []
        for d in e.values("description") where d.hasPrefix(FtMDescriptor.prefix) {
            switch FtMDescriptor.Line.parse(d) {
            case .failure(let why): return .failure("description \"\(d)\" \(why)")
            case .success(let line):
                switch line.what {
                case "deal": deal = line
                case "party": partyLines.append(line)
                case "amount": amountLines.append(line)
                case "text": for case (let k, let v?) in line.tokens { texts[k] = v }
                case "update": updateLines.append(line)
                case "citation" where line.has("update"):
                    var rest = line
                    rest.tokens.removeAll { $0.key == "update" }
                    updateCitations.append((line.value("update") ?? "", rest))
                default:
                    switch FtMDescriptor.read(line, into: &carried) {
                    case .success(true): continue
                    case .success(false):
                        return .failure("description \"\(d)\": \"\(line.what)\" is not an Allies descriptor")
                    case .failure(let why): return .failure("description \"\(d)\": \(why)")
                    }
                }
            }
        }

        var parties: [ImportedParty] = []
        var status = AllianceStatus.announced
        var event = DateEvent.announced
        var amounts: [Amount] = []
        if let deal {
            guard let k = deal.value("kind").flatMap(AllianceKind.init(rawValue:)) else {
                return .failure("description: the deal's kind \"\(deal.value("kind") ?? "")\" is not an alliance kind")
            }
            guard let s = deal.value("status").flatMap(AllianceStatus.init(rawValue:)) else {
                return .failure("description: the deal's status \"\(deal.value("status") ?? "")\" is not a status")
            }
            kind = k
            status = s
            if let ev = deal.value("event") {
                guard let parsed = DateEvent(rawValue: ev) else {
                    return .failure("description: the date's event \"\(ev)\" is not one of announced, signed…")
                }
                event = parsed
            }
            for line in partyLines.sorted(by: {
                (Int($0.tokens.first?.key ?? "") ?? 0) < (Int($1.tokens.first?.key ?? "") ?? 0)
            }) {
                guard line.tokens.count == 3, Int(line.tokens[0].key) != nil,
                    let role = PartyRole(rawValue: line.tokens[2].key)
                else { return .failure("description \"\(line.text)\": expected allies:party NUMBER ENTITY ROLE") }
                let ref = line.tokens[1].key
                if let why = notACompany(ref, "party") { return .failure(FtMReason(why)) }
                parties.append(ImportedParty(ref, role))
            }
            for line in amountLines.sorted(by: {
                (Int($0.tokens.first?.key ?? "") ?? 0) < (Int($1.tokens.first?.key ?? "") ?? 0)
            }) {
                switch Self.amount(line) {
                case .success(let a): amounts.append(a)
                case .failure(let why): return .failure("description \"\(line.text)\": \(why)")
                }
            }
        } else {
            for (property, role) in structural {
                for ref in e.values(property) where !ref.isEmpty {
                    if let why = notACompany(ref, property) { return .failure(FtMReason(why)) }
                    if !parties.contains(where: { $0.company == ref }) { parties.append(ImportedParty(ref, role)) }
                }
            }
            if let contract {
                for ref in contract.values("authority") where !ref.isEmpty {
                    if let why = notACompany(ref, "the contract's authority") {
                        return .failure(FtMReason(why))
                    }
                    if !parties.contains(where: { $0.company == ref }) {
                        parties.insert(ImportedParty(ref, .customer), at: 0)
                    }
                }
                if !parties.contains(where: { $0.role == .customer }) {
                    return .failure("contract \"\(contract.id)\" names no authority (the customer)")
                }
            }
            if let s = e.first("status").flatMap(AllianceStatus.init(rawValue:)) { status = s }
            let found: Result<[Amount], FtMReason>
            switch e.schema {
            case "Ownership":
                found = Self.amounts(e.values("sharesValue"), e.values("sharesCurrency"), [], "sharesValue")
            case "ContractAward" where e.values("amount").isEmpty && e.values("amountUsd").isEmpty:
                found = Self.amounts(
                    contract?.values("amount") ?? [], contract?.values("currency") ?? [],
                    contract?.values("amountUsd") ?? [], "the contract's amount")
            case "Payment", "ContractAward":
                found = Self.amounts(e.values("amount"), e.values("currency"), e.values("amountUsd"), "amount")
            default: found = .success([])
            }
            switch found {
            case .success(let a): amounts = a
            case .failure(let why): return .failure(why)
            }
        }
        guard parties.count >= 2 else {
            return .failure("\(e.schema) \"\(e.id)\" names one party; a deal needs two")
        }

        // The date, as precise as written: the entity's own, else its contract's (a signing date).
        var date: DatedEvent?
        var dateText = e.first("date").map { ("date", $0) } ?? e.first("startDate").map { ("startDate", $0) }
        if dateText == nil, let c = contract?.first("contractDate") {
            dateText = ("the contract's contractDate", c)
            if deal == nil { event = .signed }
        }
        if let (property, text) = dateText {
            // FtM allows a time after the day (`2024-05-03T10:00:00`): the day is what Allies keeps.
            let day = text.split(separator: "T", maxSplits: 1).first.map(String.init) ?? text
            switch PartialDate.parse(day) {
            case .success(let d): date = DatedEvent(d, event)
            case .failure(let why): return .failure("\(property) \"\(text)\": \(why)")
            }
        }

        var title: LocalizedText?
        if let en = texts["title.en"], let es = texts["title.es"] { title = LocalizedText(en: en, es: es) }
        var summary: LocalizedText?
        if let en = texts["summary.en"], let es = texts["summary.es"] { summary = LocalizedText(en: en, es: es) }
        // Updates, each with the citations that name its number (an update without one is refused, as in the
        // dataset).
        var updates: [AllianceUpdate] = []
        for line in updateLines {
            guard let n = line.tokens.first.flatMap({ $0.value == nil ? $0.key : nil }), Int(n) != nil,
                let dateText = line.value("date"), let en = line.value("text.en"), let es = line.value("text.es")
            else {
                return .failure(
                    "description \"\(line.text)\": expected allies:update NUMBER date=… text.en=… text.es=…")
            }
            guard case .success(let when) = PartialDate.parse(dateText) else {
                return .failure("description \"\(line.text)\": date \"\(dateText)\" is not YYYY, YYYY-MM or YYYY-MM-DD")
            }
            var backing = CarriedProvenance()
            for c in updateCitations where c.update == n {
                if case .failure(let why) = FtMDescriptor.read(c.line, into: &backing) {
                    return .failure("description \"\(c.line.text)\": \(why)")
                }
            }
            guard !backing.citations.isEmpty else {
                return .failure("description \"\(line.text)\": update \(n) has no allies:citation update=\(n)")
            }
            updates.append(
                AllianceUpdate(date: when, text: LocalizedText(en: en, es: es), citations: backing.citations))
        }
        for c in updateCitations where !updateLines.contains(where: { $0.tokens.first?.key == c.update }) {
            return .failure("description \"\(c.line.text)\": there is no allies:update \(c.update)")
        }
        var alliance = ImportedAlliance(
            key: e.id, kind: kind, parties: parties, amounts: amounts, date: date, status: status, title: title,
            summary: summary, line: e.line)
        alliance.carried = carried
        if deal != nil, let own = e.first("recordId"), Slug.make(own) == own {
            alliance.id = own  // the id an Allies export gave it
        }
        if deal == nil {
            // A foreign entity's own words about the deal: what a payment was for, what a contract bought.
            var stated: [String] = []
            let words =
                e.values("purpose") + e.values("summary") + e.values("description")
                + (contract.map { $0.values("title") + $0.values("summary") + $0.values("description") } ?? [])
            for w in words where !w.isEmpty && !w.hasPrefix(FtMDescriptor.prefix) && !stated.contains(w) {
                stated.append(w)
            }
            alliance.statedText = stated
        }
        alliance.updates = updates
        alliance.disagreement = texts["disagreement"]
        if let deal {
            for case ("product", let p?) in deal.tokens where !p.isEmpty && !alliance.products.contains(p) {
                alliance.products.append(p)
            }
        }
        return .success(alliance)
    }

    /// An Allies amount descriptor: `allies:amount N value=… currency=… [per=year] [bound=…] [estimated]
    /// [cumulative] [term=…] [from=…] [to=…] [purpose=…] [note=…]`. `from` and `to` name FtM entities, parties of
    /// the deal: the merge turns them into the companies' ids.
    static func amount(_ d: FtMDescriptor.Line) -> Result<Amount, FtMReason> {
        guard let v = d.value("value").flatMap(Double.init), v.isFinite, v > 0 else {
            return .failure("value must be a number above 0")
        }
        guard let currency = d.value("currency"), Amount.knownCurrencies.contains(currency) else {
            return .failure("currency \"\(d.value("currency") ?? "")\" is not an ISO 4217 code Allies knows")
        }
        var a = Amount(value: v, currency: currency)
        if let p = d.value("per") {
            guard let per = Amount.Per(rawValue: p) else { return .failure("per \"\(p)\" is not total or year") }
            a.per = per
        }
        if let b = d.value("bound") {
            guard let bound = Bound(rawValue: b) else { return .failure("bound \"\(b)\" is not a bound") }
            a.bound = bound
        }
        a.estimated = d.has("estimated")
        a.cumulative = d.has("cumulative")
        if let t = d.value("term") {
            guard let term = Double(t), term.isFinite, term > 0 else { return .failure("term \"\(t)\" is not years") }
            a.termYears = term
        }
        if let p = d.value("purpose") {
            guard let purpose = AllianceKind(rawValue: p) else { return .failure("purpose \"\(p)\" is not a kind") }
            a.purpose = purpose
        }
        a.from = d.value("from")
        a.to = d.value("to")
        a.note = d.value("note")
        return .success(a)
    }

    /// Amounts of a foreign entity: each value with its currency (one currency for all, or one per value), or in
    /// USD from `amountUsd`. A 0 is FtM's way of not knowing and is left out; none means undisclosed.
    static func amounts(_ values: [String], _ currencies: [String], _ usd: [String], _ property: String)
        -> Result<[Amount], FtMReason>
    {
        func number(_ s: String) -> Result<Double?, FtMReason> {
            guard let v = Double(s.filter { $0 != "," && $0 != " " }), v.isFinite, v >= 0 else {
                return .failure("\(property) \"\(s)\" is not an amount (a number, 0 or more)")
            }
            return .success(v == 0 ? nil : v)
        }
        var pairs: [(String, String)] = []
        let codes = currencies.map { $0.uppercased() }
        if !values.isEmpty {
            if codes.count == 1 {
                pairs = values.map { ($0, codes[0]) }
            } else if codes.count == values.count {
                pairs = Array(zip(values, codes))
            } else if usd.count == values.count {
                pairs = usd.map { ($0, "USD") }
            } else {
                return .failure(
                    FtMReason(
                        "\(property) has \(values.count) value(s) and \(codes.count) currencies: which currency "
                            + "each is in is not clear"))
            }
        } else {
            pairs = usd.map { ($0, "USD") }
        }
        var out: [Amount] = []
        for (text, currency) in pairs {
            guard Amount.knownCurrencies.contains(currency) else {
                return .failure("currency \"\(currency)\" is not an ISO 4217 code Allies knows")
            }
            switch number(text) {
            case .failure(let why): return .failure(why)
            case .success(let v?): out.append(Amount(value: v, currency: currency))
            case .success(nil): continue
            }
        }
        return .success(out)
    }
}
