// The Allies data model. FORMAT.md documents every field; the names here match the JSON keys.

import AlliesText

/// A string in English and Spanish.
///
/// Read from a store for a whole session (the explorer's), the two stay where they lie in the mapped file and are
/// decoded when read (`inPlace`): at a million alliances their titles and summaries, four strings each, were ~0.6 GB
/// of the explorer's memory, and a screen reads a few dozen of them. Setting either makes both strings of their own.
public struct LocalizedText: Hashable, Sendable {
    private enum Storage: @unchecked Sendable {
        case strings(en: String, es: String)
        /// UTF-8 bytes in a mapping that `owner` keeps: English at `start`, Spanish `esOffset` bytes from it.
        case inPlace(owner: FileBytes, start: UnsafePointer<UInt8>, enCount: UInt32, esOffset: Int32, esCount: UInt32)
    }
    private var storage: Storage

    public init(en: String, es: String) { storage = .strings(en: en, es: es) }

    /// The texts whose UTF-8 bytes lie in `owner`'s mapping at `en` and `es`; nil when their distance does not fit
    /// (the caller then makes strings).
    init?(inPlace owner: FileBytes, en: UnsafeBufferPointer<UInt8>, es: UnsafeBufferPointer<UInt8>) {
        guard let start = en.baseAddress, let esStart = es.baseAddress,
            let enCount = UInt32(exactly: en.count), let esCount = UInt32(exactly: es.count),
            let esOffset = Int32(exactly: esStart - start)
        else { return nil }
        storage = .inPlace(owner: owner, start: start, enCount: enCount, esOffset: esOffset, esCount: esCount)
    }

    public var en: String {
        get {
            switch storage {
            case .strings(let en, _): return en
            case .inPlace(let owner, let start, let n, _, _): return InPlaceString.decode(owner, start, n)
            }
        }
        set { storage = .strings(en: newValue, es: es) }
    }

    public var es: String {
        get {
            switch storage {
            case .strings(_, let es): return es
            case .inPlace(let owner, let start, _, let offset, let n):
                return InPlaceString.decode(owner, start + Int(offset), n)
            }
        }
        set { storage = .strings(en: en, es: newValue) }
    }

    /// Whether the strings are still in the store's mapping (for tests).
    var isInPlace: Bool {
        if case .inPlace = storage { return true }
        return false
    }

    public static func == (a: LocalizedText, b: LocalizedText) -> Bool { a.en == b.en && a.es == b.es }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(en)
        hasher.combine(es)
    }
}

/// A string of its own, or UTF-8 bytes left where they lie in a mapped store that `owner` keeps (`LocalizedText`
/// says why): a record's field that is long, read rarely, and held a whole session (a quote). Equal and hashed by
/// the string it reads as.
enum InPlaceString: Hashable, @unchecked Sendable {
    case own(String)
    case inPlace(owner: FileBytes, start: UnsafePointer<UInt8>, count: UInt32)

    /// `bytes` of `owner`'s mapping; a string of its own when its length does not fit.
    init(_ owner: FileBytes, _ bytes: UnsafeBufferPointer<UInt8>) {
        if let start = bytes.baseAddress, let count = UInt32(exactly: bytes.count) {
            self = .inPlace(owner: owner, start: start, count: count)
        } else {
            self = .own(String(decoding: bytes, as: UTF8.self))
        }
    }

    var string: String {
        switch self {
        case .own(let s): return s
        case .inPlace(let owner, let start, let count): return Self.decode(owner, start, count)
        }
    }

    var isInPlace: Bool {
        if case .inPlace = self { return true }
        return false
    }

    /// Invalid UTF-8 reads as U+FFFD, as every string the store gives (`SnapshotReader.string`).
    static func decode(_ owner: FileBytes, _ start: UnsafePointer<UInt8>, _ count: UInt32) -> String {
        withExtendedLifetime(owner) {
            String(decoding: UnsafeBufferPointer(start: start, count: Int(count)), as: UTF8.self)
        }
    }

    static func == (a: InPlaceString, b: InPlaceString) -> Bool { a.string == b.string }
    func hash(into hasher: inout Hasher) { hasher.combine(string) }
}

/// A calendar date known to a year, a month or a day. The precision is part of the value: `2024` is not `2024-01-01`.
public struct PartialDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public enum Precision: Int, Sendable, Comparable {
        case year, month, day
        public static func < (a: Precision, b: Precision) -> Bool { a.rawValue < b.rawValue }
    }
    // Packed: a dataset holds up to three dates per record, a million records at a time (as `Int`, `Int?`, `Int?`
    // a date took 40 bytes, and the three dates of an alliance a third of its record; now 6 bytes). 0: not known.
    private let packedYear: Int32
    private let packedMonth: UInt8, packedDay: UInt8

    public var year: Int { Int(packedYear) }
    public var month: Int? { packedMonth == 0 ? nil : Int(packedMonth) }
    public var day: Int? { packedDay == 0 ? nil : Int(packedDay) }

    public var precision: Precision { packedDay != 0 ? .day : (packedMonth != 0 ? .month : .year) }

    /// Every date the loader accepts fits (years 1900–2100, months 1–12, days 1–31); a month or day outside 1…255
    /// reads as not known, a year past ±2,147,483,647 as that bound.
    public init(year: Int, month: Int? = nil, day: Int? = nil) {
        func packed(_ n: Int?) -> UInt8 { n.map { (1...255).contains($0) ? UInt8($0) : 0 } ?? 0 }
        packedYear = Int32(clamping: year)
        packedMonth = packed(month)
        packedDay = packedMonth == 0 ? 0 : packed(day)
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checking the calendar. Returns a reason on failure.
    public static func parse(_ text: String) -> Result<PartialDate, DateError> {
        // Nearly every date is ASCII digits in one of the three shapes: read them from the bytes. Anything else goes
        // the long way, which finds the same numbers for these shapes and the reason for the others.
        if let (year, month, day) = digitsOnly(text.utf8) { return checked(year: year, month: month, day: day) }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count),
            parts[0].count == 4, parts.dropFirst().allSatisfy({ $0.count == 2 }),
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else { return .failure(.syntax) }
        let numbers = parts.map { Int($0)! }
        return checked(
            year: numbers[0], month: numbers.count > 1 ? numbers[1] : nil, day: numbers.count > 2 ? numbers[2] : nil)
    }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` in ASCII digits: the numbers; nil for any other text.
    private static func digitsOnly(_ utf8: String.UTF8View) -> (Int, Int?, Int?)? {
        let count = utf8.count
        guard count == 4 || count == 7 || count == 10 else { return nil }
        var numbers = (0, 0, 0)
        var k = 0
        for b in utf8 {
            if k == 4 || k == 7 {
                guard b == UInt8(ascii: "-") else { return nil }
            } else {
                guard b >= 0x30 && b <= 0x39 else { return nil }
                let d = Int(b - 0x30)
                if k < 4 {
                    numbers.0 = numbers.0 * 10 + d
                } else if k < 7 {
                    numbers.1 = numbers.1 * 10 + d
                } else {
                    numbers.2 = numbers.2 * 10 + d
                }
            }
            k += 1
        }
        return (numbers.0, count >= 7 ? numbers.1 : nil, count == 10 ? numbers.2 : nil)
    }

    private static func checked(year: Int, month: Int?, day: Int?) -> Result<PartialDate, DateError> {
        guard (1900...2100).contains(year) else { return .failure(.yearOutOfRange(year)) }
        guard let month else { return .success(PartialDate(year: year)) }
        guard (1...12).contains(month) else { return .failure(.noSuchMonth(month)) }
        guard let day else { return .success(PartialDate(year: year, month: month)) }
        let last = PartialDate.daysIn(month: month, year: year)
        guard (1...last).contains(day) else { return .failure(.noSuchDay(day: day, last: last)) }
        return .success(PartialDate(year: year, month: month, day: day))
    }

    public enum DateError: Error, Equatable, Sendable, CustomStringConvertible {
        case syntax, yearOutOfRange(Int), noSuchMonth(Int), noSuchDay(day: Int, last: Int)
        public var description: String {
            switch self {
            case .syntax: return tr("expected a date as YYYY, YYYY-MM or YYYY-MM-DD")
            case .yearOutOfRange(let y): return tr("year {0} is outside 1900–2100", y)
            case .noSuchMonth(let m): return tr("month {0} does not exist (expected 01–12)", m)
            case .noSuchDay(let d, let last):
                return tr("day {0} does not exist in that month (it has {1} days)", d, last)
            }
        }
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The canonical text: as precise as the value, no more.
    public var description: String {
        var s = String(year)
        if let month { s += "-" + Self.twoDigits(month) }
        if let day { s += "-" + Self.twoDigits(day) }
        return s
    }

    private static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// Orders by the earliest day the value could mean; a coarser date sorts before a finer one on the same start.
    public static func < (a: PartialDate, b: PartialDate) -> Bool {
        let ka = (a.year, a.month ?? 0, a.day ?? 0), kb = (b.year, b.month ?? 0, b.day ?? 0)
        return ka < kb
    }
}

/// What a date dates.
public enum DateEvent: String, CaseIterable, Sendable {
    case announced, signed, closed, expected, reported
}

public struct DatedEvent: Hashable, Sendable {
    public var value: PartialDate
    public var event: DateEvent
    public init(_ value: PartialDate, _ event: DateEvent) { self.value = value; self.event = event }
}

/// A verbatim quote from one of the dataset's articles.
public struct SourceQuote: Hashable, Sendable {
    public var article: String
    /// The article's words, verbatim.
    public var quote: String {
        get { storedQuote.string }
        set { storedQuote = .own(newValue) }
    }
    public var note: String?
    /// Read from a store for a session, the quote's bytes in its mapping (quotes were ~0.2 GB at 1M alliances).
    var storedQuote: InPlaceString
    public init(article: String, quote: String, note: String? = nil) {
        self.article = article; self.storedQuote = .own(quote); self.note = note
    }
    init(article: String, storedQuote: InPlaceString, note: String?) {
        self.article = article; self.storedQuote = storedQuote; self.note = note
    }
}

/// A record of a named dataset that states the fact (a Crunchbase export's acquisition row, a FollowTheMoney entity):
/// the source of an imported fact, which has no article to quote. The dataset's name and licence travel with each
/// reference so a record keeps its attribution when it is copied into another dataset.
public struct RecordSource: Hashable, Sendable {
    /// The dataset, as its publisher names it, with its date when it is an export ("Crunchbase export 2015-12-04").
    public var dataset: String
    /// The record's key in that dataset (a Crunchbase permalink pair, a FollowTheMoney entity id).
    public var key: String
    public var url: String?
    /// When the dataset was retrieved, as precisely as known.
    public var retrieved: PartialDate?
    public var licence: String?
    public init(dataset: String, key: String, url: String? = nil, retrieved: PartialDate? = nil, licence: String? = nil)
    {
        self.dataset = dataset; self.key = key; self.url = url; self.retrieved = retrieved; self.licence = licence
    }
}

/// A source outside the dataset's articles.
public struct Citation: Hashable, Sendable {
    public var publisher: String
    public var title: String
    public var url: String?
    public var published: PartialDate?
    public var supports: String
    public init(publisher: String, title: String, url: String? = nil, published: PartialDate? = nil, supports: String) {
        self.publisher = publisher; self.title = title; self.url = url; self.published = published
        self.supports = supports
    }
}

public struct Article: Hashable, Sendable, Identifiable {
    public var id: String
    public var file: String?
    public var title: String {
        get { storedTitle.string }
        set { storedTitle = .own(newValue) }
    }
    public var outlet: String? {
        get { storedOutlet?.string }
        set { storedOutlet = newValue.map { .own($0) } }
    }
    public var author: String?
    public var published: PartialDate?
    public var publishedNote: String?
    public var language: String
    public var url: String? {
        get { storedURL?.string }
        set { storedURL = newValue.map { .own($0) } }
    }
    /// When the text was retrieved (a web page can change after it was read).
    public var retrieved: PartialDate?
    /// The article's full text as published, when the dataset carries it: quotes are checked against it.
    public var text: String? {
        get { storedText?.string }
        set { storedText = newValue.map { .own($0) } }
    }
    /// The day the record entered this dataset through an edit or import; nil when unknown.
    public var added: PartialDate?
    /// The last day an edit changed the record; nil when unknown.
    public var updated: PartialDate?
    /// Read from a store for a session, its longer texts are left in the mapping (`InPlaceString`): at a million
    /// alliances the articles' titles, outlets and addresses were ~45 MB of strings, drawn a screen at a time.
    var storedTitle: InPlaceString
    var storedOutlet: InPlaceString?, storedURL: InPlaceString?, storedText: InPlaceString?

    public init(
        id: String, file: String? = nil, title: String, outlet: String? = nil, author: String? = nil,
        published: PartialDate? = nil, publishedNote: String? = nil, language: String, url: String? = nil,
        retrieved: PartialDate? = nil, text: String? = nil,
        added: PartialDate? = nil, updated: PartialDate? = nil
    ) {
        self.init(
            id: id, file: file, title: .own(title), outlet: outlet.map { .own($0) }, author: author,
            published: published, publishedNote: publishedNote, language: language, url: url.map { .own($0) },
            retrieved: retrieved, text: text.map { .own($0) }, added: added, updated: updated)
    }

    init(
        id: String, file: String?, title: InPlaceString, outlet: InPlaceString?, author: String?,
        published: PartialDate?, publishedNote: String?, language: String, url: InPlaceString?,
        retrieved: PartialDate?, text: InPlaceString?, added: PartialDate?, updated: PartialDate?
    ) {
        self.id = id; self.file = file; self.storedTitle = title; self.storedOutlet = outlet; self.author = author
        self.published = published; self.publishedNote = publishedNote; self.language = language
        self.storedURL = url; self.retrieved = retrieved; self.storedText = text
        self.added = added; self.updated = updated
    }
}

public struct Group: Hashable, Sendable, Identifiable {
    public var id: String
    public var name: String
    public var description: LocalizedText
    public var sources: [SourceQuote]
    public var citations: [Citation]
    /// The day the record entered this dataset through an edit or import; nil when unknown.
    public var added: PartialDate?
    /// The last day an edit changed the record; nil when unknown.
    public var updated: PartialDate?
    public init(
        id: String, name: String, description: LocalizedText, sources: [SourceQuote] = [],
        citations: [Citation] = [],
        added: PartialDate? = nil, updated: PartialDate? = nil
    ) {
        self.id = id; self.name = name; self.description = description; self.sources = sources
        self.citations = citations
        self.added = added; self.updated = updated
    }
}

extension Company {
    /// The officially assigned ISO 3166-1 alpha-2 codes (249), as the ISO 3166 Maintenance Agency lists them
    /// (https://www.iso.org/iso-3166-country-codes.html). `UK` and `EU` are reserved, not assigned: the United Kingdom
    /// is `GB`.
    public static let countryCodes: Set<String> = [
        "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ", "BA", "BB",
        "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS", "BT", "BV", "BW", "BY",
        "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN", "CO", "CR", "CU", "CV", "CW", "CX",
        "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE", "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK",
        "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF", "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS",
        "GT", "GU", "GW", "GY", "HK", "HM", "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR",
        "IS", "IT", "JE", "JM", "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA",
        "LB", "LC", "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
        "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA", "NC", "NE",
        "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG", "PH", "PK", "PL", "PM",
        "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW", "SA", "SB", "SC", "SD", "SE", "SG",
        "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS", "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF",
        "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO", "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY",
        "UZ", "VA", "VC", "VE", "VG", "VI", "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
    ]
}

public enum CompanyKind: String, CaseIterable, Sendable {
    case bigTech = "big-tech", aiLab = "ai-lab", chipVendor = "chip-vendor", cloud, foundry, energy
    case dataPlatform = "data-platform", network, startup, investor, research, datacenter, other
}

public struct Company: Hashable, Sendable, Identifiable {
    public var id: String
    public var name: String
    public var aliases: [String]
    public var kind: CompanyKind
    public var country: String?
    public var parent: String?
    public var description: LocalizedText
    public var groups: [String]
    public var products: [String]
    /// The sectors or categories a source gives it (a Crunchbase export's categories), as the source words them.
    public var sectors: [String]
    public var sources: [SourceQuote]
    public var citations: [Citation]
    /// Records of other datasets that name it (imports).
    public var records: [RecordSource]
    /// The day the record entered this dataset through an edit or import; nil when unknown.
    public var added: PartialDate?
    /// The last day an edit changed the record; nil when unknown.
    public var updated: PartialDate?
    public init(
        id: String, name: String, aliases: [String] = [], kind: CompanyKind, country: String? = nil,
        parent: String? = nil, description: LocalizedText, groups: [String] = [], products: [String] = [],
        sectors: [String] = [], sources: [SourceQuote] = [], citations: [Citation] = [], records: [RecordSource] = [],
        added: PartialDate? = nil, updated: PartialDate? = nil
    ) {
        self.id = id; self.name = name; self.aliases = aliases; self.kind = kind; self.country = country
        self.parent = parent; self.description = description; self.groups = groups; self.products = products
        self.sectors = sectors; self.sources = sources; self.citations = citations; self.records = records
        self.added = added; self.updated = updated
    }
}

public enum AllianceKind: String, CaseIterable, Sendable {
    case investment, cloudContract = "cloud-contract", chipSupply = "chip-supply", dataLicensing = "data-licensing"
    case modelDistribution = "model-distribution", acquisition, energy
    case jointInfrastructure = "joint-infrastructure", partnership
}

public enum AllianceStatus: String, CaseIterable, Sendable {
    case predicted, rumoured, inTalks = "in-talks", announced, active, completed, ended
}

public enum PartyRole: String, CaseIterable, Sendable {
    case investor, investee, customer, supplier, acquirer, target, partner

    /// Whether money leaves this party (investor, customer, acquirer), arrives (investee, supplier, target), or
    /// the role has no direction (partner).
    public var moneyDirection: MoneyDirection {
        switch self {
        case .investor, .customer, .acquirer: return .pays
        case .investee, .supplier, .target: return .receives
        case .partner: return .none
        }
    }
}

public enum MoneyDirection: Sendable { case pays, receives, none }

public struct Party: Hashable, Sendable {
    public var company: String
    public var role: PartyRole
    public init(_ company: String, _ role: PartyRole) { self.company = company; self.role = role }
}

/// An alliance's parties, in the record's order: a collection of `Party` as `[Party]` is (indices from 0), equal and
/// hashed by its parties in order. The first two are kept in the record itself and only a third and more in an array:
/// almost every alliance has two, and an array of its own was a heap block of ~96 bytes each (~55 MB of a session at a
/// million alliances).
public struct Parties: RandomAccessCollection, MutableCollection, RangeReplaceableCollection, Hashable, Sendable,
    ExpressibleByArrayLiteral, CustomStringConvertible
{
    // `second` only when `first`, `rest` only when both.
    private var first: Party?
    private var second: Party?
    private var rest: [Party] = []

    public init() {}
    public init(arrayLiteral parties: Party...) { self.init(parties) }

    public var startIndex: Int { 0 }
    public var endIndex: Int { first == nil ? 0 : second == nil ? 1 : 2 + rest.count }

    public subscript(position: Int) -> Party {
        get {
            switch position {
            case 0: return first!
            case 1: return second!
            default: return rest[position - 2]
            }
        }
        set {
            precondition(position >= 0 && position < endIndex, "index out of range")
            switch position {
            case 0: first = newValue
            case 1: second = newValue
            default: rest[position - 2] = newValue
            }
        }
    }

    /// Reads the fields in turn, without the subscript's checks (every pass over a million alliances' parties).
    public struct Iterator: IteratorProtocol {
        private let parties: Parties
        private var position = 0
        init(_ parties: Parties) { self.parties = parties }
        public mutating func next() -> Party? {
            defer { position += 1 }
            switch position {
            case 0: return parties.first
            case 1: return parties.second
            default: return position - 2 < parties.rest.count ? parties.rest[position - 2] : nil
            }
        }
    }
    public func makeIterator() -> Iterator { Iterator(self) }

    public mutating func append(_ party: Party) {
        if first == nil {
            first = party
        } else if second == nil {
            second = party
        } else {
            rest.append(party)
        }
    }

    public mutating func replaceSubrange<C: Collection>(_ range: Range<Int>, with parties: C)
    where C.Element == Party {
        var all = Array(self)
        all.replaceSubrange(range, with: parties)
        self = Parties()
        for party in all { append(party) }
    }

    public static func == (a: Parties, b: Parties) -> Bool { a.count == b.count && a.elementsEqual(b) }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for party in self { hasher.combine(party) }
    }

    public var description: String { Array(self).description }
}

/// How a source qualifies a number.
public enum Bound: String, CaseIterable, Sendable {
    case exact, about, upTo = "up-to", atLeast = "at-least", moreThan = "more-than"
}

public struct Amount: Hashable, Sendable {
    public enum Per: String, CaseIterable, Sendable { case total, year }
    public var value: Double
    public var currency: String
    public var termYears: Double?
    public var per: Per
    public var bound: Bound
    public var estimated: Bool
    public var cumulative: Bool
    /// Who pays and who is paid, when it differs from what the parties' roles say (a deal with money both ways).
    public var from: String? {
        get { rare?.fields.from }
        set { setRare(\.from, newValue) }
    }
    public var to: String? {
        get { rare?.fields.to }
        set { setRare(\.to, newValue) }
    }
    /// What the money is for, when that is not the alliance's own kind (Anthropic's Azure compute commitment inside
    /// an investment alliance is a cloud contract): `allies money --by kind` counts it there.
    public var purpose: AllianceKind? {
        get { rare?.fields.purpose }
        set { setRare(\.purpose, newValue) }
    }
    public var note: String? {
        get { rare?.fields.note }
        set { setRare(\.note, newValue) }
    }
    /// The fields few amounts have, boxed and nil when none is set: an amount takes 48 bytes where it took 104
    /// (~35 MB at a million alliances, whose records are held a whole session).
    private var rare: Rare?

    private struct RareFields: Hashable, Sendable {
        var from: String?, to: String?, purpose: AllianceKind?, note: String?
    }
    private final class Rare: Hashable, Sendable {
        let fields: RareFields
        /// Nil when none is set.
        init?(_ fields: RareFields) {
            guard fields != RareFields() else { return nil }
            self.fields = fields
        }
        static func == (a: Rare, b: Rare) -> Bool { a.fields == b.fields }
        func hash(into hasher: inout Hasher) { hasher.combine(fields) }
    }
    private mutating func setRare<T>(_ field: WritableKeyPath<RareFields, T>, _ value: T) {
        var fields = rare?.fields ?? RareFields()
        fields[keyPath: field] = value
        rare = Rare(fields)
    }

    public init(
        value: Double, currency: String, per: Per = .total, bound: Bound = .exact, estimated: Bool = false,
        cumulative: Bool = false, termYears: Double? = nil, from: String? = nil, to: String? = nil,
        purpose: AllianceKind? = nil, note: String? = nil
    ) {
        self.value = value; self.currency = currency; self.per = per; self.bound = bound; self.estimated = estimated
        self.cumulative = cumulative; self.termYears = termYears
        rare = Rare(RareFields(from: from, to: to, purpose: purpose, note: note))
    }

    /// The whole value over the term: a per-year amount times its term when the term is known.
    public var totalValue: Double {
        if per == .year, let termYears { return value * termYears }
        return value
    }

    /// ISO 4217 codes accepted in datasets: the currencies in use (168), from Debian's iso-codes 4.15
    /// (`/usr/share/iso-codes/json/iso_4217.json`, which follows the ISO 4217 maintenance agency's list), without the
    /// X-codes for metals, funds and testing.
    public static let knownCurrencies: Set<String> = [
        "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BHD",
        "BIF", "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHE", "CHF",
        "CHW", "CLF", "CLP", "CNY", "COP", "COU", "CRC", "CUC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD",
        "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD",
        "HNL", "HRK", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS",
        "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LYD", "MAD", "MDL",
        "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MXV", "MYR", "MZN", "NAD", "NGN",
        "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD",
        "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SLL", "SOS", "SRD", "SSP", "STN",
        "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD",
        "USN", "UYI", "UYU", "UYW", "UZS", "VED", "VES", "VND", "VUV", "WST", "XAF", "XCD", "XOF", "XPF", "YER",
        "ZAR", "ZMW", "ZWL",
    ]
}

/// What happened after the sources, dated and cited: a letter of intent that stalled, talks that ended in a deal.
/// It never changes the alliance's own status, amounts or quotes, which say what the sources said.
public struct AllianceUpdate: Hashable, Sendable {
    /// When it happened, as precise as the citation shows.
    public var date: PartialDate
    public var text: LocalizedText
    /// At least one: an update without a citation is refused.
    public var citations: [Citation]
    public init(date: PartialDate, text: LocalizedText, citations: [Citation]) {
        self.date = date; self.text = text; self.citations = citations
    }
}

public struct Alliance: Hashable, Sendable, Identifiable {
    public var id: String
    public var kind: AllianceKind
    public var parties: Parties
    public var amounts: [Amount]
    public var date: DatedEvent?
    public var status: AllianceStatus
    public var title: LocalizedText
    public var summary: LocalizedText
    public var products: [String]
    public var sources: [SourceQuote] {
        get { storedProvenance.sources }
        set { provenance.sources = newValue }
    }
    public var citations: [Citation] {
        get { provenance.citations }
        set { provenance.citations = newValue }
    }
    public var disagreement: String? {
        get { provenance.disagreement }
        set { provenance.disagreement = newValue }
    }
    /// What happened after the sources, oldest first.
    public var updates: [AllianceUpdate] {
        get { provenance.updates }
        set { provenance.updates = newValue }
    }
    /// Records of other datasets that state the deal (imports): with no article to quote, these are its source.
    public var records: [RecordSource] {
        get { provenance.records }
        set { provenance.records = newValue }
    }
    /// The day the record entered this dataset through an edit or import; nil when unknown.
    public var added: PartialDate?
    /// The last day an edit changed the record; nil when unknown.
    public var updated: PartialDate?
    /// Its sources and what followed them: its own, or, read whole from a store for a session, left in the mapping
    /// and read when asked (`StoredProvenance`).
    var storedProvenance: StoredProvenance

    public init(
        id: String, kind: AllianceKind, parties: some Sequence<Party>, amounts: [Amount] = [], date: DatedEvent? = nil,
        status: AllianceStatus, title: LocalizedText, summary: LocalizedText, products: [String] = [],
        sources: [SourceQuote] = [], citations: [Citation] = [], disagreement: String? = nil,
        updates: [AllianceUpdate] = [], records: [RecordSource] = [],
        added: PartialDate? = nil, updated: PartialDate? = nil
    ) {
        self.init(
            id: id, kind: kind, parties: Parties(parties), amounts: amounts, date: date, status: status, title: title,
            summary: summary, products: products,
            provenance: .own(
                AllianceProvenance(
                    sources: sources, citations: citations, disagreement: disagreement, updates: updates,
                    records: records)),
            added: added, updated: updated)
    }

    init(
        id: String, kind: AllianceKind, parties: Parties, amounts: [Amount], date: DatedEvent?,
        status: AllianceStatus, title: LocalizedText, summary: LocalizedText, products: [String],
        provenance: StoredProvenance, added: PartialDate?, updated: PartialDate?
    ) {
        self.id = id; self.kind = kind; self.parties = parties; self.amounts = amounts; self.date = date
        self.status = status; self.title = title; self.summary = summary; self.products = products
        self.storedProvenance = provenance
        self.added = added; self.updated = updated
    }

    /// Its sources, citations, disagreement, updates and records, read together.
    var provenance: AllianceProvenance {
        get { storedProvenance.value }
        set { storedProvenance = .own(newValue) }
    }

    public func involves(_ companyID: String) -> Bool { parties.contains { $0.company == companyID } }
    public func role(of companyID: String) -> PartyRole? { parties.first { $0.company == companyID }?.role }

    /// The parties as they read: when money has a direction (someone pays and someone is paid), those who pay, then
    /// those paid, then the others; otherwise all of them, in the record's order (`others`).
    public var partiesAsRead: (payers: [String], payees: [String], others: [String]) {
        let payers = parties.filter { $0.role.moneyDirection == .pays }.map(\.company)
        let payees = parties.filter { $0.role.moneyDirection == .receives }.map(\.company)
        guard !payers.isEmpty && !payees.isEmpty else { return ([], [], parties.map(\.company)) }
        return (payers, payees, parties.filter { $0.role.moneyDirection == .none }.map(\.company))
    }
}

/// The fields of an alliance that say what its facts rest on and what followed them: read on its own page, in
/// exports and saves, not by the lists, figures, network or search (which the store answers).
struct AllianceProvenance: Hashable, Sendable {
    var sources: [SourceQuote] = []
    var citations: [Citation] = []
    var disagreement: String? = nil
    var updates: [AllianceUpdate] = []
    var records: [RecordSource] = []

    /// The alliance's fields it holds, in the order of `AllianceField.ordered` (where they follow one another).
    static let fields: [AllianceField] = [.sources, .citations, .disagreement, .updates, .records]
}

/// An alliance's provenance, its own or left where it lies in the alliances of a store read whole for a session
/// (`InPlaceAlliances`, at the byte where its sources start): at a million alliances the sources' arrays alone were
/// ~0.1 GB, for fields a session reads for the few alliances it opens. Equal and hashed by what it reads as.
enum StoredProvenance: Hashable, Sendable {
    // Boxed, so that the record keeps a pointer where the five fields took 48 bytes (32 MB at a million alliances).
    indirect case own(AllianceProvenance)
    /// `articles`: the marks of the articles its sources quote (`articleMarks`), so that finding an article's quotes
    /// reads only the alliances that may quote it, not the store's pages of every alliance.
    case inPlace(InPlaceAlliances, offset: Int, articles: UInt32)

    var value: AllianceProvenance {
        switch self {
        case .own(let p): return p
        case .inPlace(let list, let offset, _): return list.provenance(at: offset)
        }
    }

    var isInPlace: Bool {
        if case .inPlace = self { return true }
        return false
    }

    /// Only the sources (in place, the other fields are not read).
    var sources: [SourceQuote] {
        switch self {
        case .own(let p): return p.sources
        case .inPlace(let list, let offset, _): return list.sources(at: offset)
        }
    }

    /// Two bits of 32 for an article's id: the marks of the sources' articles are these bits of each, together.
    /// From the id's bytes (FNV-1a), not `hashValue`, which is seeded anew in each process: which alliances an
    /// article's page reads is then the same in every run (and so are the tests of it).
    static func articleMarks(_ article: String) -> UInt32 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in article.utf8 { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        // Its high bits: a product's low bits depend only on the low bits of the bytes.
        return 1 << UInt32(h >> 59) | 1 << UInt32((h >> 54) & 31)
    }
    static func articleMarks(_ sources: [SourceQuote]) -> UInt32 {
        sources.reduce(0) { $0 | articleMarks($1.article) }
    }

    /// Whether its sources may quote the article of these marks (`articleMarks`): false only when they do not.
    func mayQuote(_ marks: UInt32) -> Bool {
        guard case .inPlace(_, _, let articles) = self else { return true }
        return articles & marks == marks
    }

    static func == (a: StoredProvenance, b: StoredProvenance) -> Bool {
        if case .inPlace(let l, let o, _) = a, case .inPlace(let m, let p, _) = b, l === m, o == p { return true }
        return a.value == b.value
    }
    func hash(into hasher: inout Hasher) { hasher.combine(value) }
}

/// What a claim is about.
public enum ClaimSubject: Hashable, Sendable {
    case company(String)
    case alliance(String)
    case product(name: String, company: String)
    case topic(String)
}

public enum ClaimKind: String, CaseIterable, Sendable {
    case efficiency, cost, count, adoption, portfolio, marketShare = "market-share", capacity, schedule, other
}

public struct Figure: Hashable, Sendable {
    public var value: Double
    public var unit: String
    public var bound: Bound
    public init(value: Double, unit: String, bound: Bound = .exact) {
        self.value = value; self.unit = unit; self.bound = bound
    }
}

public struct Claim: Hashable, Sendable, Identifiable {
    public var id: String
    public var about: ClaimSubject
    public var kind: ClaimKind
    public var figure: Figure?
    public var text: LocalizedText
    public var date: DatedEvent?
    public var sources: [SourceQuote]
    public var citations: [Citation]
    /// The day the record entered this dataset through an edit or import; nil when unknown.
    public var added: PartialDate?
    /// The last day an edit changed the record; nil when unknown.
    public var updated: PartialDate?
    public init(
        id: String, about: ClaimSubject, kind: ClaimKind, figure: Figure? = nil, text: LocalizedText,
        date: DatedEvent? = nil, sources: [SourceQuote] = [], citations: [Citation] = [],
        added: PartialDate? = nil, updated: PartialDate? = nil
    ) {
        self.id = id; self.about = about; self.kind = kind; self.figure = figure; self.text = text; self.date = date
        self.sources = sources; self.citations = citations
        self.added = added; self.updated = updated
    }
}

public struct Person: Hashable, Sendable, Identifiable {
    public var id: String
    public var name: String
    public var role: LocalizedText
    public var organization: String?
    public var organizationName: String?
    public var sources: [SourceQuote]
    /// The day the record entered this dataset through an edit or import; nil when unknown.
    public var added: PartialDate?
    /// The last day an edit changed the record; nil when unknown.
    public var updated: PartialDate?
    public init(
        id: String, name: String, role: LocalizedText, organization: String? = nil,
        organizationName: String? = nil, sources: [SourceQuote] = [],
        added: PartialDate? = nil, updated: PartialDate? = nil
    ) {
        self.id = id; self.name = name; self.role = role; self.organization = organization
        self.organizationName = organizationName; self.sources = sources
        self.added = added; self.updated = updated
    }
}

public struct Share: Hashable, Sendable {
    public enum ShareBound: String, CaseIterable, Sendable {
        case exact, about, upTo = "up-to", atLeast = "at-least", moreThan = "more-than", range
    }
    public var vendor: String?
    public var label: String
    public var bound: ShareBound
    public var value: Double
    public var upper: Double?
    public init(vendor: String?, label: String, bound: ShareBound = .exact, value: Double, upper: Double? = nil) {
        self.vendor = vendor; self.label = label; self.bound = bound; self.value = value; self.upper = upper
    }
}

public struct ShareEstimate: Hashable, Sendable, Identifiable {
    public enum Metric: String, CaseIterable, Sendable { case units, revenue, spending, servers, share }
    public var id: String
    public var market: String
    public var scope: String
    public var metric: Metric
    public var region: String
    public var year: Int
    public var forecast: Bool
    public var publisher: String
    public var published: PartialDate?
    public var shares: [Share]
    public var sources: [SourceQuote]
    public var citations: [Citation]
    /// The day the record entered this dataset through an edit or import; nil when unknown.
    public var added: PartialDate?
    /// The last day an edit changed the record; nil when unknown.
    public var updated: PartialDate?
    public init(
        id: String, market: String, scope: String, metric: Metric, region: String = "global", year: Int,
        forecast: Bool, publisher: String, published: PartialDate? = nil, shares: [Share],
        sources: [SourceQuote] = [], citations: [Citation] = [],
        added: PartialDate? = nil, updated: PartialDate? = nil
    ) {
        self.id = id; self.market = market; self.scope = scope; self.metric = metric; self.region = region
        self.year = year; self.forecast = forecast; self.publisher = publisher; self.published = published
        self.shares = shares; self.sources = sources; self.citations = citations
        self.added = added; self.updated = updated
    }
}

/// A whole dataset as loaded. Records keep the file's order.
public struct Dataset: Sendable {
    public static let formatName = "allies-dataset"
    public static let formatVersion = 1

    public var articles: [Article]
    public var groups: [Group]
    public var companies: [Company]
    public var alliances: [Alliance]
    public var claims: [Claim]
    public var people: [Person]
    public var shareEstimates: [ShareEstimate]

    public init(
        articles: [Article] = [], groups: [Group] = [], companies: [Company] = [],
        alliances: [Alliance] = [], claims: [Claim] = [], people: [Person] = [],
        shareEstimates: [ShareEstimate] = []
    ) {
        self.articles = articles; self.groups = groups; self.companies = companies; self.alliances = alliances
        self.claims = claims; self.people = people; self.shareEstimates = shareEstimates
    }
}

extension PartialDate {
    /// Whether the two may be the same day, as far as both are known: `2024` agrees with `2024-12-30`, `2024-11`
    /// does not.
    public func agrees(with other: PartialDate) -> Bool {
        year == other.year && (month == nil || other.month == nil || month == other.month)
            && (day == nil || other.day == nil || month == nil || other.month == nil || day == other.day)
    }
}
