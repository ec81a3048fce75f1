// Each record type's fields, declared once: their JSON names (in canonical order), types, whether they are required,
// and what they mean (FORMAT.md's tables, which a test holds to these declarations). The decoder, the encoder and the
// snapshot all switch over these enums without a `default:`, so a field added here and not read, written or stored
// somewhere fails to compile; and a field cannot be added anywhere else.

import AlliesText

/// What a field's value is.
public indirect enum FieldType: Hashable, Sendable, CustomStringConvertible {
    /// A lowercase slug of a–z, 0–9 and '-', at most 80 characters.
    case slug
    case string, number, wholeNumber, bool
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    case partialDate
    /// A PartialDate known to the day: `YYYY-MM-DD` only.
    case day
    /// `{"en": …, "es": …}`.
    case text
    /// ISO 639-1, ISO 3166-1 alpha-2 and ISO 4217 codes.
    case languageCode, countryCode, currency
    /// One of a fixed set of names (an enumeration of the model).
    case choice(String, [String])
    /// The id of a record of another list.
    case reference(to: String)
    /// An object of another record type (`Amount`, `Party`).
    case record(String)
    case list(FieldType)

    /// The choices of an enumeration of the model.
    static func choice<E: RawRepresentable & CaseIterable>(_ type: E.Type, _ name: String) -> FieldType
    where E.RawValue == String { .choice(name, type.allCases.map(\.rawValue)) }

    /// As FORMAT.md writes it: `slug`, `[Party]`, `company id`, `CompanyKind`.
    public var description: String {
        switch self {
        case .slug: return "slug"
        case .string: return "string"
        case .number: return "number"
        case .wholeNumber: return "integer"
        case .bool: return "bool"
        case .partialDate: return "PartialDate"
        case .day: return "Day"
        case .text: return "Text"
        case .languageCode: return "ISO 639-1 code"
        case .countryCode: return "ISO 3166-1 alpha-2 code"
        case .currency: return "ISO 4217 code"
        case .choice(let name, _): return name
        case .reference(let record): return "\(record) id"
        case .record(let name): return name
        case .list(let element): return "[\(element)]"
        }
    }
}

/// One field's declaration.
public struct FieldSpec: Sendable {
    public let type: FieldType
    public let isRequired: Bool
    /// What the field means, for documentation and the editing forms.
    public var meaning: String { text() }
    private let text: @Sendable () -> String

    /// `meaning` is read in the language of its reader (`tr` when it is read, not when the field is declared).
    init(_ type: FieldType, required: Bool = false, _ meaning: @autoclosure @escaping @Sendable () -> String) {
        self.type = type; self.isRequired = required; self.text = meaning
    }
}

/// The fields of one record type: one case per JSON field, in canonical order.
public protocol RecordField: CaseIterable, Hashable, Sendable, RawRepresentable
where RawValue == String, AllCases == [Self] {
    /// The record type's name in FORMAT.md (`Company`, `Amount`).
    static var record: String { get }
    /// The fields in canonical order, made once (`allCases` makes a new array at each call, and the snapshot and the
    /// encoder go through the fields of every record).
    static var ordered: [Self] { get }
    var spec: FieldSpec { get }
}

extension RecordField {
    /// The JSON key.
    public var name: String { rawValue }
    public var isRequired: Bool { spec.isRequired }
}

/// The two dates every top-level record may carry (the last fields of each): when it entered this dataset and when an
/// edit last changed it, each to the day. Absent means unknown: the bundled records have none.
public enum RecordDates {
    public static let added = FieldSpec(
        .day, tr("the day the record entered this dataset through an edit or import; absent when unknown"))
    public static let updated = FieldSpec(.day, tr("the last day an edit changed the record; absent when unknown"))
}

/// Every record type's fields, for documentation, tests and forms.
public enum RecordFields {
    public struct Declaration: Sendable {
        public let record: String
        public let fields: [(name: String, spec: FieldSpec)]
        public init(record: String, fields: [(name: String, spec: FieldSpec)]) {
            self.record = record; self.fields = fields
        }
        init<F: RecordField>(_ type: F.Type) {
            record = F.record
            fields = F.allCases.map { ($0.name, $0.spec) }
        }
    }

    /// A record type's declaration by its name (`Amount`, `Party`).
    public static func declaration(_ record: String) -> Declaration? { all.first { $0.record == record } }

    /// The declaration of a top-level list's records.
    public static func declaration(of list: RecordListName) -> Declaration {
        switch list {
        case .articles: return Declaration(ArticleField.self)
        case .groups: return Declaration(GroupField.self)
        case .companies: return Declaration(CompanyField.self)
        case .alliances: return Declaration(AllianceField.self)
        case .claims: return Declaration(ClaimField.self)
        case .people: return Declaration(PersonField.self)
        case .shareEstimates: return Declaration(ShareEstimateField.self)
        }
    }

    public static let all: [Declaration] = [
        Declaration(DatasetField.self), Declaration(TextField.self), Declaration(SourceQuoteField.self),
        Declaration(CitationField.self), Declaration(RecordSourceField.self), Declaration(ArticleField.self),
        Declaration(GroupField.self),
        Declaration(CompanyField.self), Declaration(AllianceField.self), Declaration(PartyField.self),
        Declaration(AmountField.self), Declaration(DatedEventField.self), Declaration(UpdateField.self),
        Declaration(ClaimField.self), Declaration(SubjectField.self), Declaration(FigureField.self),
        Declaration(PersonField.self), Declaration(ShareEstimateField.self), Declaration(ShareField.self),
    ]
}

public enum DatasetField: String, RecordField {
    case format, version, articles, groups, companies, alliances, claims, people, shareEstimates
    public static let record = "Top level"
    public static let ordered = allCases
    public var spec: FieldSpec {
        switch self {
        case .format: return FieldSpec(.string, required: true, tr("always \"allies-dataset\""))
        case .version: return FieldSpec(.wholeNumber, required: true, tr("always 1"))
        case .articles:
            return FieldSpec(.list(.record("Article")), required: true, tr("the sources that quotes come from"))
        case .groups: return FieldSpec(.list(.record("Group")), tr("named groups of companies"))
        case .companies: return FieldSpec(.list(.record("Company")), required: true, tr("the nodes"))
        case .alliances: return FieldSpec(.list(.record("Alliance")), required: true, tr("the deals and partnerships"))
        case .claims: return FieldSpec(.list(.record("Claim")), tr("figures and statements that are not deals"))
        case .people: return FieldSpec(.list(.record("Person")), tr("people named in the articles"))
        case .shareEstimates: return FieldSpec(.list(.record("ShareEstimate")), tr("published market-share estimates"))
        }
    }
}

public enum TextField: String, RecordField {
    case en, es
    public static let record = "Text"
    public static let ordered = allCases
    public var spec: FieldSpec {
        switch self {
        case .en: return FieldSpec(.string, required: true, tr("the English text"))
        case .es: return FieldSpec(.string, required: true, tr("the Spanish text"))
        }
    }
}

public enum SourceQuoteField: String, RecordField {
    case article, quote, note
    public static let record = "SourceQuote"
    public static let ordered = allCases
    public var spec: FieldSpec {
        switch self {
        case .article: return FieldSpec(.reference(to: "article"), required: true, tr("the article quoted"))
        case .quote: return FieldSpec(.string, required: true, tr("copied verbatim, in the article's language"))
        case .note: return FieldSpec(.string, tr("how the quote relates to the fact, when that is not obvious"))
        }
    }
}

public enum CitationField: String, RecordField {
    case publisher, title, url, published, supports
    public static let record = "Citation"
    public static let ordered = allCases
    public var spec: FieldSpec {
        switch self {
        case .publisher: return FieldSpec(.string, required: true, tr("who published it"))
        case .title: return FieldSpec(.string, required: true, tr("its title"))
        case .url: return FieldSpec(.string, tr("where it is"))
        case .published: return FieldSpec(.partialDate, tr("when it was published"))
        case .supports:
            return FieldSpec(.string, required: true, tr("which fact it backs (date, amount, relationship…)"))
        }
    }
}

public enum RecordSourceField: String, RecordField {
    case dataset, key, url, retrieved, licence
    public static let record = "RecordSource"
    public static let ordered = allCases
    public var spec: FieldSpec {
        switch self {
        case .dataset:
            return FieldSpec(.string, required: true, tr("the dataset as its publisher names it, with its date"))
        case .key: return FieldSpec(.string, required: true, tr("the record's key there (a permalink, an entity id)"))
        case .url: return FieldSpec(.string, tr("where the dataset or the record is"))
        case .retrieved: return FieldSpec(.partialDate, tr("when the dataset was retrieved"))
        case .licence: return FieldSpec(.string, tr("the dataset's licence, for attribution (CC-BY-NC 4.0)"))
        }
    }
}

public enum ArticleField: String, RecordField {
    case id, file, title, outlet, author, published, publishedNote, language, url, retrieved, text
    case added, updated
    public static let record = "Article"
    public static let ordered = allCases
    public var spec: FieldSpec {
        switch self {
        case .id: return FieldSpec(.slug, required: true, tr("stable id, e.g. xataka-amazon-openai-10b"))
        case .file: return FieldSpec(.string, tr("file name of the text in shared/articles/ (bundled dataset only)"))
        case .title: return FieldSpec(.string, required: true, tr("headline, verbatim"))
        case .outlet: return FieldSpec(.string, tr("publication; null where the text does not say"))
        case .author: return FieldSpec(.string, tr("byline as printed"))
        case .published: return FieldSpec(.partialDate, tr("null when unknown"))
        case .publishedNote: return FieldSpec(.string, tr("why the date is unknown or how it was established"))
        case .language: return FieldSpec(.languageCode, required: true, tr("ISO 639-1 code, e.g. es"))
        case .url: return FieldSpec(.string, tr("where known"))
        case .retrieved: return FieldSpec(.partialDate, tr("when the text was retrieved"))
        case .text:
            return FieldSpec(.string, tr("the full text as published; every quote of the article must be in it"))
        case .added: return RecordDates.added
        case .updated: return RecordDates.updated
        }
    }
}

public enum GroupField: String, RecordField {
    case id, name, description, sources, citations
    case added, updated
    public static let record = "Group"
    public static let ordered = allCases
    public var spec: FieldSpec {
        switch self {
        case .id: return FieldSpec(.slug, required: true, "big-nine, magnificent-seven")
        case .name: return FieldSpec(.string, required: true, tr("display name"))
        case .description: return FieldSpec(.text, required: true, tr("who coined it and what it means"))
        case .sources: return FieldSpec(.list(.record("SourceQuote")), tr("quotes naming the group"))
        case .citations: return FieldSpec(.list(.record("Citation")), tr("for members the articles do not name"))
        case .added: return RecordDates.added
        case .updated: return RecordDates.updated
        }
    }
}

public enum CompanyField: String, RecordField {
    case id, name, aliases, kind, country, parent, description, groups, products, sectors, sources, citations, records
    case added, updated
    public static let record = "Company"
    public static let ordered = allCases
    public var spec: FieldSpec {
        switch self {
        case .id: return FieldSpec(.slug, required: true, "amazon, aws, run-ai")
        case .name: return FieldSpec(.string, required: true, tr("display name"))
        case .aliases:
            return FieldSpec(.list(.string), tr("other spellings, including the articles' own and native scripts"))
        case .kind:
            return FieldSpec(.choice(CompanyKind.self, "CompanyKind"), required: true, tr("what kind of company"))
        case .country: return FieldSpec(.countryCode, tr("ISO 3166-1 alpha-2 (US, FR, CN, TW)"))
        case .parent: return FieldSpec(.reference(to: "company"), "aws → amazon")
        case .description: return FieldSpec(.text, required: true, tr("one or two sentences"))
        case .groups: return FieldSpec(.list(.reference(to: "group")), tr("groups it belongs to"))
        case .products: return FieldSpec(.list(.string), tr("products the sources name"))
        case .sectors: return FieldSpec(.list(.string), tr("sectors or categories a source gives it, as worded there"))
        case .sources: return FieldSpec(.list(.record("SourceQuote")), tr("quotes that name it"))
        case .citations: return FieldSpec(.list(.record("Citation")), tr("facts from elsewhere (country, parent)"))
        case .records: return FieldSpec(.list(.record("RecordSource")), tr("records of other datasets that name it"))
        case .added: return RecordDates.added
        case .updated: return RecordDates.updated
        }
    }
}

public enum AllianceField: String, RecordField {
    case id, kind, parties, amounts, date, status, title, summary, products, sources, citations, disagreement, updates
    case records, added, updated
    public static let record = "Alliance"
    public static let ordered = allCases
    public var spec: FieldSpec {
        switch self {
        case .id: return FieldSpec(.slug, required: true, "aws-openai-cloud-2025")
        case .kind:
            return FieldSpec(.choice(AllianceKind.self, "AllianceKind"), required: true, tr("what kind of deal"))
        case .parties:
            return FieldSpec(.list(.record("Party")), required: true, tr("who is in it, with roles (at least 2)"))
        case .amounts: return FieldSpec(.list(.record("Amount")), tr("disclosed money; none means undisclosed"))
        case .date: return FieldSpec(.record("DatedEvent"), tr("null when no date is known"))
        case .status:
            return FieldSpec(.choice(AllianceStatus.self, "Status"), required: true, tr("how far the deal got"))
        case .title: return FieldSpec(.text, required: true, tr("short headline"))
        case .summary: return FieldSpec(.text, required: true, tr("one to three sentences"))
        case .products: return FieldSpec(.list(.string), tr("products involved"))
        case .sources:
            return FieldSpec(
                .list(.record("SourceQuote")),
                tr("the article quotes that state the deal (these or `records`: one at least)"))
        case .citations: return FieldSpec(.list(.record("Citation")), tr("facts from outside the articles"))
        case .disagreement: return FieldSpec(.string, tr("where sources disagree, what each says"))
        case .updates: return FieldSpec(.list(.record("Update")), tr("what happened after the sources, oldest first"))
        case .records:
            return FieldSpec(.list(.record("RecordSource")), tr("records of other datasets that state the deal"))
        case .added: return RecordDates.added
        case .updated: return RecordDates.updated
        }
    }
}

public enum PartyField: String, RecordField {
    case company, role
    public static let record = "Party"
    public static let ordered = allCases
    public var spec: FieldSpec {
        switch self {
        case .company: return FieldSpec(.reference(to: "company"), required: true, tr("who"))
        case .role: return FieldSpec(.choice(PartyRole.self, "Role"), required: true, tr("its role; money flows by it"))
        }
    }
}

public enum AmountField: String, RecordField {
    case value, currency, per, bound, estimated, cumulative, termYears, from, to, purpose, note
    public static let record = "Amount"
    public static let ordered = allCases
    public var spec: FieldSpec {
        switch self {
        case .value: return FieldSpec(.number, required: true, tr("in units of the currency, > 0"))
        case .currency: return FieldSpec(.currency, required: true, tr("ISO 4217: USD, EUR, GBP, CNY, JPY, …"))
        case .per:
            return FieldSpec(.choice(Amount.Per.self, "Per"), tr("year: the value recurs every year of the term"))
        case .bound: return FieldSpec(.choice(Bound.self, "Bound"), tr("how the source qualifies it"))
        case .estimated: return FieldSpec(.bool, tr("the source calls it an estimate"))
        case .cumulative: return FieldSpec(.bool, tr("a running total over several deals"))
        case .termYears: return FieldSpec(.number, tr("duration in years"))
        case .from: return FieldSpec(.reference(to: "company"), tr("who pays, when it is not what the roles say"))
        case .to: return FieldSpec(.reference(to: "company"), tr("who is paid, likewise"))
        case .purpose:
            return FieldSpec(
                .choice(AllianceKind.self, "AllianceKind"),
                tr("what the money is for, when it is not the alliance's own kind"))
        case .note: return FieldSpec(.string, tr("what the money is for, when there are several amounts"))
        }
    }
}

public enum DatedEventField: String, RecordField {
    case value, event
    public static let record = "DatedEvent"
    public static let ordered = allCases
    public var spec: FieldSpec {
        switch self {
        case .value: return FieldSpec(.partialDate, required: true, tr("when"))
        case .event: return FieldSpec(.choice(DateEvent.self, "DateEvent"), required: true, tr("what happened then"))
        }
    }
}

public enum UpdateField: String, RecordField {
    case date, text, citations
    public static let record = "Update"
    public static let ordered = allCases
    public var spec: FieldSpec {
        switch self {
        case .date:
            return FieldSpec(
                .partialDate, required: true, tr("when it happened, only as precise as the citation shows"))
        case .text: return FieldSpec(.text, required: true, tr("what happened"))
        case .citations: return FieldSpec(.list(.record("Citation")), required: true, tr("at least one"))
        }
    }
}

public enum ClaimField: String, RecordField {
    case id, about, kind, figure, text, date, sources, citations
    case added, updated
    public static let record = "Claim"
    public static let ordered = allCases
    public var spec: FieldSpec {
        switch self {
        case .id: return FieldSpec(.slug, required: true, tr("its id"))
        case .about:
            return FieldSpec(.record("Subject"), required: true, tr("a company, an alliance, a product or a topic"))
        case .kind: return FieldSpec(.choice(ClaimKind.self, "ClaimKind"), required: true, tr("what kind of claim"))
        case .figure: return FieldSpec(.record("Figure"), tr("the number, when there is one"))
        case .text: return FieldSpec(.text, required: true, tr("the claim in a sentence"))
        case .date: return FieldSpec(.record("DatedEvent"), tr("when"))
        case .sources: return FieldSpec(.list(.record("SourceQuote")), required: true, tr("at least one"))
        case .citations: return FieldSpec(.list(.record("Citation")), tr("facts from elsewhere"))
        case .added: return RecordDates.added
        case .updated: return RecordDates.updated
        }
    }
}

public enum SubjectField: String, RecordField {
    case company, alliance, product, topic
    public static let record = "Subject"
    public static let ordered = allCases
    public var spec: FieldSpec {
        switch self {
        case .company: return FieldSpec(.reference(to: "company"), tr("a company (or the maker of `product`)"))
        case .alliance: return FieldSpec(.reference(to: "alliance"), tr("an alliance"))
        case .product: return FieldSpec(.string, tr("a product, with its company"))
        case .topic: return FieldSpec(.string, tr("a topic"))
        }
    }
}

public enum FigureField: String, RecordField {
    case value, unit, bound
    public static let record = "Figure"
    public static let ordered = allCases
    public var spec: FieldSpec {
        switch self {
        case .value: return FieldSpec(.number, required: true, tr("the number"))
        case .unit: return FieldSpec(.string, required: true, tr("percent, count, USD, GW, years, nm, …"))
        case .bound: return FieldSpec(.choice(Bound.self, "Bound"), tr("as for amounts"))
        }
    }
}

public enum PersonField: String, RecordField {
    case id, name, role, organization, organizationName, sources
    case added, updated
    public static let record = "Person"
    public static let ordered = allCases
    public var spec: FieldSpec {
        switch self {
        case .id: return FieldSpec(.slug, required: true, tr("their id"))
        case .name: return FieldSpec(.string, required: true, tr("their name"))
        case .role: return FieldSpec(.text, required: true, tr("role as the article gives it"))
        case .organization:
            return FieldSpec(.reference(to: "company"), tr("when the organisation is a company in the dataset"))
        case .organizationName: return FieldSpec(.string, tr("when it is not (a university, a book)"))
        case .sources: return FieldSpec(.list(.record("SourceQuote")), required: true, tr("at least one"))
        case .added: return RecordDates.added
        case .updated: return RecordDates.updated
        }
    }
}

public enum ShareEstimateField: String, RecordField {
    case id, market, scope, metric, region, year, forecast, publisher, published, shares, sources, citations
    case added, updated
    public static let record = "ShareEstimate"
    public static let ordered = allCases
    public var spec: FieldSpec {
        switch self {
        case .id: return FieldSpec(.slug, required: true, tr("its id"))
        case .market:
            return FieldSpec(.string, required: true, tr("AI accelerators, data-centre GPUs, AI servers, …"))
        case .scope: return FieldSpec(.string, required: true, tr("what exactly was measured, as published"))
        case .metric:
            return FieldSpec(
                .choice(ShareEstimate.Metric.self, "Metric"), required: true,
                tr("share when the publisher does not say"))
        case .region: return FieldSpec(.string, required: true, tr("global unless stated"))
        case .year: return FieldSpec(.wholeNumber, required: true, tr("the year measured or forecast"))
        case .forecast: return FieldSpec(.bool, required: true, tr("true for a forecast"))
        case .publisher: return FieldSpec(.string, required: true, tr("who estimated it"))
        case .published: return FieldSpec(.partialDate, tr("when"))
        case .shares: return FieldSpec(.list(.record("Share")), required: true, tr("at least one"))
        case .sources: return FieldSpec(.list(.record("SourceQuote")), tr("when the figure is in an article"))
        case .citations: return FieldSpec(.list(.record("Citation")), tr("when it comes from elsewhere"))
        case .added: return RecordDates.added
        case .updated: return RecordDates.updated
        }
    }
}

public enum ShareField: String, RecordField {
    case vendor, label, bound, value, upper
    public static let record = "Share"
    public static let ordered = allCases
    public var spec: FieldSpec {
        switch self {
        case .vendor: return FieldSpec(.reference(to: "company"), tr("the vendor, when it is a company of the dataset"))
        case .label: return FieldSpec(.string, required: true, tr("shown when vendor is null"))
        case .bound: return FieldSpec(.choice(Share.ShareBound.self, "ShareBound"), tr("a Bound, or range with upper"))
        case .value: return FieldSpec(.number, required: true, tr("a percentage, 0–100"))
        case .upper: return FieldSpec(.number, tr("the top of a range"))
        }
    }
}
