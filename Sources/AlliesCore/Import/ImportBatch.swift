// What an importer reads from one file, before it is merged into a dataset: the companies and alliances it found, each
// with the line it came from, and the lines it could not use, each with its reason. Every record of the input ends as
// exactly one of these, so the summary's counts add up to the input's records.

/// The dataset the imported facts come from, named as its publisher names it. Each imported record's `RecordSource`
/// is made from it.
public struct ImportSource: Sendable, Equatable {
    public var dataset: String
    public var licence: String?
    public var url: String?
    public var retrieved: PartialDate?
    /// The file as given on the command line, for messages (`acquisitions.csv:12`).
    public var file: String

    public init(
        dataset: String, licence: String? = nil, url: String? = nil, retrieved: PartialDate? = nil, file: String
    ) {
        self.dataset = dataset; self.licence = licence; self.url = url; self.retrieved = retrieved; self.file = file
    }

    /// The source of one record of this dataset.
    public func record(_ key: String) -> RecordSource {
        RecordSource(dataset: dataset, key: key, url: url, retrieved: retrieved, licence: licence)
    }
}

/// What a record says it came from before this import: its records of other datasets, its citations and its quotes.
/// An FtM export of Allies carries them (`allies:record`, `allies:citation`, `allies:quote`), so that a dataset read
/// back keeps every attribution: a licence such as CC BY asks for it, and no fact loses its source.
public struct CarriedProvenance: Sendable, Hashable {
    public var records: [RecordSource] = []
    public var citations: [Citation] = []
    public var quotes: [CarriedQuote] = []
    public init(records: [RecordSource] = [], citations: [Citation] = [], quotes: [CarriedQuote] = []) {
        self.records = records; self.citations = citations; self.quotes = quotes
    }
    public var isEmpty: Bool { records.isEmpty && citations.isEmpty && quotes.isEmpty }
}

/// A verbatim quote of an article, with what names the article for a dataset that does not have it.
public struct CarriedQuote: Sendable, Hashable {
    public var quote: SourceQuote
    public var title: String?
    public var outlet: String?
    public var url: String?
    public var published: PartialDate?
    public init(
        _ quote: SourceQuote, title: String? = nil, outlet: String? = nil, url: String? = nil,
        published: PartialDate? = nil
    ) {
        self.quote = quote; self.title = title; self.outlet = outlet; self.url = url; self.published = published
    }

    /// The quote as a citation of its article, word for word, for a dataset without the article (or whose article
    /// of that id does not hold the quote): the fact keeps its source, and the source stays what it was.
    public var citation: Citation {
        let host = url.flatMap { u -> String? in
            let rest = u.split(separator: "://", maxSplits: 1).last.map(String.init) ?? u
            return rest.split(separator: "/").first.map(String.init)
        }
        let supports = "“" + quote.quote + "”" + (quote.note.map { " (\($0))" } ?? "")
        // A citation needs a publisher: the outlet, else the site of the address, else said to be unknown.
        return Citation(
            publisher: outlet ?? host ?? "not stated", title: title ?? quote.article, url: url, published: published,
            supports: supports)
    }
}

/// The articles of the dataset an import goes into, to restore carried quotes: a quote whose article is there (and is
/// verbatim in its text, when the dataset has the text) stays a quote; any other becomes a citation of its article.
struct QuoteHome {
    /// Article id → its text when the dataset carries it.
    let texts: [String: VerbatimText?]

    init(_ articles: [Article]) {
        var texts: [String: VerbatimText?] = [:]
        for a in articles { texts[a.id] = a.text.map(VerbatimText.init) }
        self.texts = texts
    }

    func restore(_ carried: CarriedProvenance) -> (sources: [SourceQuote], citations: [Citation]) {
        var sources: [SourceQuote] = []
        var citations = carried.citations
        for q in carried.quotes {
            if let text = texts[q.quote.article], text?.contains(q.quote.quote) ?? true {
                if !sources.contains(q.quote) { sources.append(q.quote) }
            } else if !citations.contains(q.citation) {
                citations.append(q.citation)
            }
        }
        return (sources, citations)
    }
}

/// A company as a source gives it.
public struct ImportedCompany: Sendable, Hashable {
    /// Its key in the source (a Crunchbase permalink, a FollowTheMoney entity id): the same key is the same company.
    public var key: String
    public var name: String
    public var aliases: [String]
    /// ISO 3166-1 alpha-2, or nil.
    public var country: String?
    public var sectors: [String]
    public var kind: CompanyKind
    /// The line where the company is a record of its own (FollowTheMoney); nil when it is part of another record
    /// (a Crunchbase acquisition names two companies).
    public var line: Int?
    /// The key is the id of a company of the dataset imported into (Allies' own CSV names parties by id): a company
    /// with that id is this company.
    public var keyIsDatasetID = false
    /// The id it had where it came from (an FtM export's `allies:company id=…`): given to it when the dataset does
    /// not use it already.
    public var id: String? = nil
    /// Its description in both languages, when the source has one written for Allies (an FtM export's
    /// `allies:text`); nil: a line saying which dataset recorded it.
    public var description: LocalizedText? = nil
    /// Its products (an FtM export's `allies:company … product=…`).
    public var products: [String] = []
    /// Where the source says it came from before (an FtM export's provenance descriptors).
    public var carried = CarriedProvenance()

    public init(
        key: String, name: String, aliases: [String] = [], country: String? = nil, sectors: [String] = [],
        kind: CompanyKind = .other, line: Int? = nil
    ) {
        self.key = key; self.name = name; self.aliases = aliases; self.country = country; self.sectors = sectors
        self.kind = kind; self.line = line
    }
}

/// A party of an imported alliance: the company's key in the source.
public struct ImportedParty: Sendable, Equatable {
    public var company: String
    public var role: PartyRole
    public init(_ company: String, _ role: PartyRole) { self.company = company; self.role = role }
}

/// A deal as a source gives it.
public struct ImportedAlliance: Sendable, Equatable {
    /// Its key in the source: the same key is the same deal, so importing a file twice adds it once.
    public var key: String
    public var kind: AllianceKind
    public var parties: [ImportedParty]
    /// Empty when the source discloses no amount: never a 0.
    public var amounts: [Amount]
    public var date: DatedEvent?
    public var status: AllianceStatus
    /// nil: made from the parties and the kind ("Globex acquires Acme").
    public var title: LocalizedText?
    public var summary: LocalizedText?
    /// First and last physical line of the record.
    public var line: Int
    public var endLine: Int
    /// The id it had where it came from (Allies' own CSV, an FtM export's `recordId`): kept when the dataset does
    /// not use it already.
    public var id: String? = nil
    /// Where the source says it came from before (an FtM export's provenance descriptors).
    public var carried = CarriedProvenance()
    /// The source's own words about a deal that has no summary written for Allies (an FtM entity's `purpose`,
    /// `summary` and `description`, its contract's `title`), verbatim: kept in the summary, never dropped.
    public var statedText: [String] = []
    /// What an FtM export of Allies carries besides: the products, a disagreement between sources, the updates.
    public var products: [String] = []
    public var disagreement: String? = nil
    public var updates: [AllianceUpdate] = []

    public init(
        key: String, kind: AllianceKind, parties: [ImportedParty], amounts: [Amount] = [], date: DatedEvent? = nil,
        status: AllianceStatus, title: LocalizedText? = nil, summary: LocalizedText? = nil, line: Int,
        endLine: Int? = nil
    ) {
        self.key = key; self.kind = kind; self.parties = parties; self.amounts = amounts; self.date = date
        self.status = status; self.title = title; self.summary = summary; self.line = line
        self.endLine = endLine ?? line
    }
}

extension ImportedAlliance {
    /// What `other`, a record with the same key, says otherwise: `amount: undisclosed ≠ 6400000000 USD`, one entry per
    /// field the import sets (lines aside). Empty only when the two say the same: the same deal stated twice.
    public func differences(to other: ImportedAlliance) -> [String] {
        var out: [String] = []
        func differ(_ field: String, _ a: String, _ b: String) { if a != b { out.append("\(field): \(a) ≠ \(b)") } }
        differ("id", id ?? "none", other.id ?? "none")
        differ("kind", kind.rawValue, other.kind.rawValue)
        func parties(_ p: [ImportedParty]) -> String {
            p.map { "\($0.role.rawValue) \($0.company)" }.joined(separator: ", ")
        }
        differ("parties", parties(self.parties), parties(other.parties))
        func amounts(_ list: [Amount]) -> String {
            list.isEmpty
                ? "undisclosed"
                : list.map { m in
                    let value =
                        m.value == m.value.rounded() && abs(m.value) < 1e18 ? String(Int64(m.value)) : "\(m.value)"
                    var text = (m.bound == .exact ? "" : m.bound.rawValue + " ") + value + " " + m.currency
                    if m.per == .year { text += " per year" }
                    if m.estimated { text += " estimated" }
                    if m.cumulative { text += " cumulative" }
                    if let years = m.termYears { text += " over \(years) years" }
                    if let from = m.from { text += " from \(from)" }
                    if let to = m.to { text += " to \(to)" }
                    if let purpose = m.purpose { text += " for \(purpose.rawValue)" }
                    if let note = m.note { text += " (\(note))" }
                    return text
                }.joined(separator: " + ")
        }
        if self.amounts != other.amounts { differ("amount", amounts(self.amounts), amounts(other.amounts)) }
        func date(_ d: DatedEvent?) -> String { d.map { "\($0.value) (\($0.event.rawValue))" } ?? "none" }
        differ("date", date(self.date), date(other.date))
        differ("status", status.rawValue, other.status.rawValue)
        func text(_ t: LocalizedText?) -> String { t.map { "\"\($0.en)\" / \"\($0.es)\"" } ?? "none" }
        differ("title", text(title), text(other.title))
        differ("summary", text(summary), text(other.summary))
        // Whatever the texts above cannot tell apart (a value that is not a number) still differs: never merged.
        var same = other
        (same.line, same.endLine, same.key) = (line, endLine, key)
        if out.isEmpty && same != self { out.append("a detail of the record differs") }
        return out
    }
}

/// An input record that could not be imported, with why.
public struct ImportReject: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var endLine: Int
    /// What was wrong and what was expected, naming the field.
    public var reason: String
    /// The record as read (for the rejects file).
    public var text: String
    /// Where the problem is, when it is one place: its line (`endLine` when the record runs over lines to it) and
    /// column, 1-based, in characters.
    public var place: (line: Int, column: Int)? = nil
    public init(line: Int, endLine: Int? = nil, reason: String, text: String, place: (line: Int, column: Int)? = nil) {
        self.line = line; self.endLine = endLine ?? line; self.reason = reason; self.text = text; self.place = place
    }
    public var description: String { "line \(line): \(reason)" }

    /// `FILE:LINE:COLUMN: reason` where the problem is one place, else `FILE:LINE: reason` (the record's first line).
    public func located(in file: String) -> String {
        place.map { "\(file):\($0.line):\($0.column): \(reason)" } ?? "\(file):\(line): \(reason)"
    }

    public static func == (a: ImportReject, b: ImportReject) -> Bool {
        a.line == b.line && a.endLine == b.endLine && a.reason == b.reason && a.text == b.text
            && a.place?.line == b.place?.line && a.place?.column == b.place?.column
    }

    /// `rejects` with the record text filled in where it is empty (a reject made after the records were read: a
    /// deal whose parties are one company, a repeated key that says otherwise), from the source's lines as read,
    /// when the source is a regular file that is still the one read (`stamp`, taken before it was). Standard input
    /// (`-`), or a file changed since, leaves them as they are.
    public static func withRecordText(_ rejects: [ImportReject], from path: String, stamp: SourceStamp?)
        -> [ImportReject]
    {
        guard rejects.contains(where: { $0.text.isEmpty }), path != "-", let stamp, SourceStamp.of(path) == stamp,
            case .success(let file) = FileBytes.open(path, sequential: true), !file.changedSinceOpened
        else { return rejects }
        let b = file.buffer
        var out = rejects
        var lineNumber = 1, position = 0
        /// The offset just past line `n`'s text (its line break or the end), scanning from `from`, line `at`.
        func end(ofLine n: Int, from: Int, at: Int) -> Int {
            var line = at, i = from
            while i < b.count {
                if b[i] == 0x0A {
                    if line == n { return i }
                    line += 1
                }
                i += 1
            }
            return b.count
        }
        for k in out.indices.filter({ out[$0].text.isEmpty }).sorted(by: { out[$0].line < out[$1].line }) {
            let (first, last) = (out[k].line, max(out[k].line, out[k].endLine))
            while lineNumber < first, position < b.count {
                position = end(ofLine: lineNumber, from: position, at: lineNumber) + 1
                lineNumber += 1
            }
            guard lineNumber == first, position <= b.count else { break }
            var stop = end(ofLine: last, from: position, at: lineNumber)
            if stop > position, b[stop - 1] == 0x0D { stop -= 1 }
            out[k].text = String(decoding: UnsafeBufferPointer(rebasing: b[position..<stop]), as: UTF8.self)
        }
        return out
    }
}

/// Everything read from one input.
public struct ImportBatch: Sendable {
    public var source: ImportSource
    public var companies: [ImportedCompany] = []
    public var alliances: [ImportedAlliance] = []
    public var rejects: [ImportReject] = []
    /// Input records read (header excluded): each ends as an alliance, a company of its own line, or a reject.
    public var records = 0
    /// Physical lines read, header included.
    public var lines = 0
    /// Records that are part of another record, not one of their own: a FollowTheMoney Contract, whose
    /// ContractAward is the alliance; a nameless fragment of a FollowTheMoney company named on another line.
    public var joined = 0
    /// Problems with the whole input that are not one record's (a separator that looks wrong): shown first.
    public var warnings: [String] = []
    /// Records that repeat an earlier record of the same key (line, the earlier line): they are merged into it.
    public var duplicates: [(line: Int, of: Int)] = []

    public init(source: ImportSource) { self.source = source }

    /// Records accounted for: every record read is one of these.
    public var accounted: Int {
        alliances.count + companies.filter { $0.line != nil }.count + rejects.count + joined
    }
}
