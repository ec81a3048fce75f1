// The decoder's reader of each record type: one `switch` over the record's declared fields (RecordFields.swift),
// with no `default:`, and the checks that belong to the record (a company is not its own parent, a range share has
// its upper bound, updates are oldest first).

import AlliesText

/// A record type's fields as the decoder reads them: the names to match keys against, and the field of each index.
struct DecodedFields<F: RecordField> {
    let object: ObjectFields
    let cases: [F]

    init(_ type: F.Type, requiringNone: Bool = false) {
        cases = F.ordered
        object = ObjectFields(cases.map(\.name), required: requiringNone ? [] : cases.filter(\.isRequired).map(\.name))
    }
}

extension DatasetDecoder {
    // MARK: Records

    // The fields of each kind of object, declared in RecordFields.swift (names in canonical order, required ones).
    static let textFields = DecodedFields(TextField.self)
    static let sourceQuoteFields = DecodedFields(SourceQuoteField.self)
    static let citationFields = DecodedFields(CitationField.self)
    static let recordSourceFields = DecodedFields(RecordSourceField.self)
    static let datedEventFields = DecodedFields(DatedEventField.self)
    static let articleFields = DecodedFields(ArticleField.self)
    static let groupFields = DecodedFields(GroupField.self)
    static let companyFields = DecodedFields(CompanyField.self)
    static let amountFields = DecodedFields(AmountField.self)
    static let partyFields = DecodedFields(PartyField.self)
    static let allianceFields = DecodedFields(AllianceField.self)
    static let updateFields = DecodedFields(UpdateField.self)
    static let figureFields = DecodedFields(FigureField.self)
    static let subjectFields = DecodedFields(SubjectField.self)
    static let claimFields = DecodedFields(ClaimField.self)
    static let personFields = DecodedFields(PersonField.self)
    static let shareFields = DecodedFields(ShareField.self)
    static let shareEstimateFields = DecodedFields(ShareEstimateField.self)
    static let datasetFields = DecodedFields(DatasetField.self)
    /// A fragment of records to add to a dataset: any of the lists, none required.
    static let fragmentFields = DecodedFields(DatasetField.self, requiringNone: true)

    func text() throws(JSONSyntaxError) -> LocalizedText? {
        var en: String?, es: String?
        let ok = try object(Self.textFields) { (field: TextField) throws(JSONSyntaxError) in
            switch field {
            case .en: en = try self.string()
            case .es: es = try self.string()
            }
        }
        guard ok, let en, let es else { return nil }
        return LocalizedText(en: en, es: es)
    }

    func sourceQuote() throws(JSONSyntaxError) -> SourceQuote? {
        var article: String?, quote: String?, note: String?, quoteOffset = 0
        let ok = try object(Self.sourceQuoteFields) { (field: SourceQuoteField) throws(JSONSyntaxError) in
            switch field {
            case .article: article = try self.reference(.article)
            case .quote:
                try self.reader.peek()
                quoteOffset = self.reader.offset
                quote = try self.string()
            case .note: note = try self.string(required: false)
            }
        }
        guard ok, let article, let quote else { return nil }
        checkQuote(quote, of: article, at: quoteOffset)
        return SourceQuote(article: article, quote: quote, note: note)
    }

    func sourceQuotes() throws(JSONSyntaxError) -> [SourceQuote] {
        try array { () throws(JSONSyntaxError) in try self.sourceQuote() }
    }

    func citation() throws(JSONSyntaxError) -> Citation? {
        var publisher: String?, title: String?, url: String?, published: PartialDate?, supports: String?
        let ok = try object(Self.citationFields) { (field: CitationField) throws(JSONSyntaxError) in
            switch field {
            case .publisher: publisher = try self.string()
            case .title: title = try self.string()
            case .url: url = try self.string(required: false)
            case .published: published = try self.date(required: false)
            case .supports: supports = try self.string()
            }
        }
        guard ok, let publisher, let title, let supports else { return nil }
        return Citation(publisher: publisher, title: title, url: url, published: published, supports: supports)
    }

    func citations() throws(JSONSyntaxError) -> [Citation] {
        try array { () throws(JSONSyntaxError) in try self.citation() }
    }

    func recordSource() throws(JSONSyntaxError) -> RecordSource? {
        var dataset: String?, key: String?, url: String?, retrieved: PartialDate?, licence: String?
        let ok = try object(Self.recordSourceFields) { (field: RecordSourceField) throws(JSONSyntaxError) in
            switch field {
            case .dataset: dataset = try self.string()
            case .key: key = try self.string()
            case .url: url = try self.string(required: false)
            case .retrieved: retrieved = try self.date(required: false)
            case .licence: licence = try self.string(required: false)
            }
        }
        guard ok, let dataset, let key else { return nil }
        return RecordSource(dataset: dataset, key: key, url: url, retrieved: retrieved, licence: licence)
    }

    func recordSources() throws(JSONSyntaxError) -> [RecordSource] {
        try array { () throws(JSONSyntaxError) in try self.recordSource() }
    }

    func datedEvent() throws(JSONSyntaxError) -> DatedEvent? {
        if try reader.peek() == .null { try reader.readNull(); return nil }
        var value: PartialDate?, event: DateEvent?
        let ok = try object(Self.datedEventFields) { (field: DatedEventField) throws(JSONSyntaxError) in
            switch field {
            case .value: value = try self.date()
            case .event: event = try self.enumeration(DateEvent.self)
            }
        }
        guard ok, let value, let event else { return nil }
        return DatedEvent(value, event)
    }

    func article(_ idOffset: inout Int) throws(JSONSyntaxError) -> (Article, String?)? {
        var id: String?, file: String?, title: String?, outlet: String?, author: String?
        var published: PartialDate?, publishedNote: String?, language: String?, url: String?
        var retrieved: PartialDate?, text: String?
        var added: PartialDate?, updated: PartialDate?
        let ok = try object(Self.articleFields) { (field: ArticleField) throws(JSONSyntaxError) in
            switch field {
            case .id: idOffset = self.reader.offset; id = try self.slug(); self.recordID = id
            case .file: file = try self.string(required: false)
            case .title: title = try self.string()
            case .outlet: outlet = try self.string(required: false)
            case .author: author = try self.string(required: false)
            case .published: published = try self.date(required: false)
            case .publishedNote: publishedNote = try self.string(required: false)
            case .language:
                try self.reader.peek()
                let at = self.reader.offset
                language = try self.string()
                if let l = language, !Self.isTwoLetterCode(l, uppercase: false) {
                    let expected = tr("expected a two-letter ISO 639-1 code such as \"es\"")
                    self.report(tr("invalid language \"{0}\":", Quoting.value(l)) + " " + expected, at: at)
                }
            case .url: url = try self.string(required: false)
            case .retrieved: retrieved = try self.date(required: false)
            case .text: text = try self.string(required: false)
            case .added: added = try self.day()
            case .updated: updated = try self.day()
            }
        }
        guard ok, let id, let title, let language else { return nil }
        if let text, articleTexts[id] == nil { articleTexts[id] = VerbatimText(text) }
        return (
            Article(
                id: id, file: file, title: title, outlet: outlet, author: author, published: published,
                publishedNote: publishedNote, language: language, url: url, retrieved: retrieved, text: text,
                added: added, updated: updated), id
        )
    }

    func group(_ idOffset: inout Int) throws(JSONSyntaxError) -> (Group, String?)? {
        var id: String?, name: String?, description: LocalizedText?
        var sources: [SourceQuote] = [], citations: [Citation] = []
        var added: PartialDate?, updated: PartialDate?
        let ok = try object(Self.groupFields) { (field: GroupField) throws(JSONSyntaxError) in
            switch field {
            case .id: idOffset = self.reader.offset; id = try self.slug(); self.recordID = id
            case .name: name = try self.string()
            case .description: description = try self.text()
            case .sources: sources = try self.sourceQuotes()
            case .citations: citations = try self.citations()
            case .added: added = try self.day()
            case .updated: updated = try self.day()
            }
        }
        guard ok, let id, let name, let description else { return nil }
        return (
            Group(
                id: id, name: name, description: description, sources: sources, citations: citations,
                added: added, updated: updated), id
        )
    }

    func company(_ idOffset: inout Int) throws(JSONSyntaxError) -> (Company, String?)? {
        var id: String?, name: String?, aliases: [String] = [], kind: CompanyKind?, country: String?
        var parent: String?, description: LocalizedText?, groups: [String] = [], products: [String] = []
        var sectors: [String] = []
        var sources: [SourceQuote] = [], citations: [Citation] = [], records: [RecordSource] = []
        var added: PartialDate?, updated: PartialDate?
        let ok = try object(Self.companyFields) { (field: CompanyField) throws(JSONSyntaxError) in
            switch field {
            case .id: idOffset = self.reader.offset; id = try self.slug(); self.recordID = id
            case .name: name = try self.string()
            case .aliases: aliases = try self.strings()
            case .kind: kind = try self.enumeration(CompanyKind.self)
            case .country:
                try self.reader.peek()
                let at = self.reader.offset
                country = try self.string(required: false)
                if let c = country, !Self.isTwoLetterCode(c, uppercase: true) {
                    let expected = tr("expected a two-letter ISO 3166 code such as \"US\"")
                    self.report(tr("invalid country \"{0}\":", Quoting.value(c)) + " " + expected, at: at)
                } else if let c = country, !Company.countryCodes.contains(c) {
                    let message = tr("unknown country \"{0}\": expected an ISO 3166-1 alpha-2 code such as \"US\"", c)
                    self.report(message + (c == "UK" ? " " + tr("(the United Kingdom is \"GB\")") : ""), at: at)
                }
            case .parent: parent = try self.reference(.company, required: false)
            case .description: description = try self.text()
            case .groups: groups = try self.array { () throws(JSONSyntaxError) in try self.reference(.group) }
            case .products: products = try self.strings()
            case .sectors: sectors = try self.strings()
            case .sources: sources = try self.sourceQuotes()
            case .citations: citations = try self.citations()
            case .records: records = try self.recordSources()
            case .added: added = try self.day()
            case .updated: updated = try self.day()
            }
        }
        if let id, let parent, id == parent { report(tr("a company cannot be its own parent"), at: idOffset) }
        guard ok, let id, let name, let kind, let description else { return nil }
        return (
            Company(
                id: id, name: name, aliases: aliases, kind: kind, country: country, parent: parent,
                description: description, groups: groups, products: products, sectors: sectors, sources: sources,
                citations: citations, records: records, added: added, updated: updated), id
        )
    }

    func amount() throws(JSONSyntaxError) -> Amount? {
        var value: Double?, currency: String?, per = Amount.Per.total, bound = Bound.exact
        var estimated = false, cumulative = false, termYears: Double?, from: String?, to: String?, note: String?
        var purpose: AllianceKind?
        let ok = try object(Self.amountFields) { (field: AmountField) throws(JSONSyntaxError) in
            try self.reader.peek()
            let at = self.reader.offset
            switch field {
            case .value:
                value = try self.number()
                if let v = value, !(v > 0 && v < 1e15) {
                    let expected = tr("expected a positive value below 10^15 in units of the currency")
                    self.report(tr("invalid amount {0}:", Self.show(v)) + " " + expected, at: at)
                    value = nil
                }
            case .currency:
                currency = try self.string()
                if let c = currency, !Amount.knownCurrencies.contains(c) {
                    let code = Quoting.value(c)
                    var message =
                        tr("unknown currency \"{0}\":", code) + " "
                        + tr("expected an ISO 4217 code such as USD, EUR or CNY")
                    // Among 168 three-letter codes, a suggestion two edits away is a guess (QQQ → GTQ): one at most.
                    if let near = closestMatch(to: c.uppercased(), in: Amount.knownCurrencies.sorted()),
                        editDistance(near, c.uppercased()) <= 1
                    {
                        message += " " + tr("(did you mean \"{0}\"?)", near)
                    }
                    self.report(message, at: at)
                    currency = nil
                }
            case .per: per = try self.enumeration(Amount.Per.self, required: false) ?? .total
            case .bound: bound = try self.enumeration(Bound.self, required: false) ?? .exact
            case .estimated: estimated = try self.bool(required: false) ?? false
            case .cumulative: cumulative = try self.bool(required: false) ?? false
            case .termYears:
                termYears = try self.number(required: false)
                if let t = termYears, !(t > 0 && t <= 200) {
                    let term = Self.show(t)
                    self.report(
                        tr("invalid term {0}: expected a number of years above 0 and at most 200", term), at: at)
                    termYears = nil
                }
            case .from: from = try self.reference(.company, required: false)
            case .to: to = try self.reference(.company, required: false)
            case .purpose: purpose = try self.enumeration(AllianceKind.self, required: false)
            case .note: note = try self.string(required: false)
            }
        }
        guard ok, let value, let currency else { return nil }
        return Amount(
            value: value, currency: currency, per: per, bound: bound, estimated: estimated,
            cumulative: cumulative, termYears: termYears, from: from, to: to, purpose: purpose, note: note)
    }

    func party() throws(JSONSyntaxError) -> Party? {
        var company: String?, role: PartyRole?
        let ok = try object(Self.partyFields) { (field: PartyField) throws(JSONSyntaxError) in
            switch field {
            case .company: company = try self.reference(.company)
            case .role: role = try self.enumeration(PartyRole.self)
            }
        }
        guard ok, let company, let role else { return nil }
        return Party(company, role)
    }

    func alliance(_ idOffset: inout Int) throws(JSONSyntaxError) -> (Alliance, String?)? {
        var id: String?, kind: AllianceKind?, parties: [Party] = [], amounts: [Amount] = [], date: DatedEvent?
        var status: AllianceStatus?, title: LocalizedText?, summary: LocalizedText?, products: [String] = []
        var sources: [SourceQuote] = [], citations: [Citation] = [], disagreement: String?
        var updates: [AllianceUpdate] = [], records: [RecordSource] = []
        var partiesOffset = 0
        try reader.peek()
        let at = reader.offset
        var added: PartialDate?, updated: PartialDate?
        let ok = try object(Self.allianceFields) { (field: AllianceField) throws(JSONSyntaxError) in
            switch field {
            case .id: idOffset = self.reader.offset; id = try self.slug(); self.recordID = id
            case .kind: kind = try self.enumeration(AllianceKind.self)
            case .parties:
                try self.reader.peek()
                partiesOffset = self.reader.offset
                parties = try self.array(required: true, minimum: 2) { () throws(JSONSyntaxError) in try self.party() }
            case .amounts: amounts = try self.array { () throws(JSONSyntaxError) in try self.amount() }
            case .date: date = try self.datedEvent()
            case .status: status = try self.enumeration(AllianceStatus.self)
            case .title: title = try self.text()
            case .summary: summary = try self.text()
            case .products: products = try self.strings()
            case .sources: sources = try self.sourceQuotes()
            case .citations: citations = try self.citations()
            case .disagreement: disagreement = try self.string(required: false)
            case .updates:
                var previous: PartialDate?
                updates = try self.array { () throws(JSONSyntaxError) in try self.update(after: &previous) }
            case .records: records = try self.recordSources()
            case .added: added = try self.day()
            case .updated: updated = try self.day()
            }
        }
        if ok && sources.isEmpty && records.isEmpty {
            let needs = tr("an alliance needs a source:")
            report(needs + " " + tr("at least one article quote (sources) or dataset record (records)"), at: at)
        }
        if Self.hasDuplicates(parties.map(\.company)) {
            report(tr("the same company is listed twice among the parties"), at: partiesOffset)
        }
        guard ok, let id, let kind, let status, let title, let summary else { return nil }
        return (
            Alliance(
                id: id, kind: kind, parties: parties, amounts: amounts, date: date, status: status,
                title: title, summary: summary, products: products, sources: sources, citations: citations,
                disagreement: disagreement, updates: updates, records: records, added: added, updated: updated), id
        )
    }

    /// One of an alliance's updates. `previous` is the date of the update before it (updated here): an update dated
    /// earlier than that one is reported, as updates are listed oldest first.
    func update(after previous: inout PartialDate?) throws(JSONSyntaxError) -> AllianceUpdate? {
        var date: PartialDate?, text: LocalizedText?, citations: [Citation] = []
        let ok = try object(Self.updateFields) { (field: UpdateField) throws(JSONSyntaxError) in
            switch field {
            case .date:
                try self.reader.peek()
                let at = self.reader.offset
                date = try self.date()
                if let date, let before = previous, date < before {
                    let earlier = tr("update dated {0} is earlier than the update before it ({1}):", date, before)
                    self.report(earlier + " " + tr("list updates oldest first"), at: at)
                }
                if let date { previous = date }
            case .text: text = try self.text()
            case .citations:
                citations = try self.array(required: true, minimum: 1) { () throws(JSONSyntaxError) in
                    try self.citation()
                }
            }
        }
        guard ok, let date, let text, !citations.isEmpty else { return nil }
        return AllianceUpdate(date: date, text: text, citations: citations)
    }

    /// `Set(items).count < items.count`, without a set for the few parties of an alliance.
    static func hasDuplicates(_ items: [String]) -> Bool {
        guard items.count <= 16 else { return Set(items).count < items.count }
        for i in items.indices {
            for j in items.indices where j > i && items[i] == items[j] { return true }
        }
        return false
    }

    func figure() throws(JSONSyntaxError) -> Figure? {
        if try reader.peek() == .null { try reader.readNull(); return nil }
        var value: Double?, unit: String?, bound = Bound.exact
        let ok = try object(Self.figureFields) { (field: FigureField) throws(JSONSyntaxError) in
            switch field {
            case .value: value = try self.number()
            case .unit: unit = try self.string()
            case .bound: bound = try self.enumeration(Bound.self, required: false) ?? .exact
            }
        }
        guard ok, let value, let unit else { return nil }
        return Figure(value: value, unit: unit, bound: bound)
    }

    func subject() throws(JSONSyntaxError) -> ClaimSubject? {
        try reader.peek()
        let at = reader.offset
        var company: String?, alliance: String?, product: String?, topic: String?
        let ok = try object(Self.subjectFields) { (field: SubjectField) throws(JSONSyntaxError) in
            switch field {
            case .company: company = try self.reference(.company)
            case .alliance: alliance = try self.reference(.alliance)
            case .product: product = try self.string()
            case .topic: topic = try self.string()
            }
        }
        guard ok else { return nil }
        switch (company, alliance, product, topic) {
        case (let c?, nil, nil, nil): return .company(c)
        case (nil, let a?, nil, nil): return .alliance(a)
        case (let c?, nil, let p?, nil): return .product(name: p, company: c)
        case (nil, nil, nil, let t?): return .topic(t)
        default:
            let fields = #"{"company"}, {"alliance"}, {"product", "company"}"#
            report(tr("expected exactly one of {0} or {1}", fields, #"{"topic"}"#), at: at)
            return nil
        }
    }

    func claim(_ idOffset: inout Int) throws(JSONSyntaxError) -> (Claim, String?)? {
        var id: String?, about: ClaimSubject?, kind: ClaimKind?, figure: Figure?, text: LocalizedText?
        var date: DatedEvent?, sources: [SourceQuote] = [], citations: [Citation] = []
        var added: PartialDate?, updated: PartialDate?
        let ok = try object(Self.claimFields) { (field: ClaimField) throws(JSONSyntaxError) in
            switch field {
            case .id: idOffset = self.reader.offset; id = try self.slug(); self.recordID = id
            case .about: about = try self.subject()
            case .kind: kind = try self.enumeration(ClaimKind.self)
            case .figure: figure = try self.figure()
            case .text: text = try self.text()
            case .date: date = try self.datedEvent()
            case .sources:
                sources = try self.array(required: true, minimum: 1) { () throws(JSONSyntaxError) in
                    try self.sourceQuote()
                }
            case .citations: citations = try self.citations()
            case .added: added = try self.day()
            case .updated: updated = try self.day()
            }
        }
        guard ok, let id, let about, let kind, let text else { return nil }
        return (
            Claim(
                id: id, about: about, kind: kind, figure: figure, text: text, date: date, sources: sources,
                citations: citations, added: added, updated: updated), id
        )
    }

    func person(_ idOffset: inout Int) throws(JSONSyntaxError) -> (Person, String?)? {
        var id: String?, name: String?, role: LocalizedText?, organization: String?, organizationName: String?
        var sources: [SourceQuote] = []
        var added: PartialDate?, updated: PartialDate?
        let ok = try object(Self.personFields) { (field: PersonField) throws(JSONSyntaxError) in
            switch field {
            case .id: idOffset = self.reader.offset; id = try self.slug(); self.recordID = id
            case .name: name = try self.string()
            case .role: role = try self.text()
            case .organization: organization = try self.reference(.company, required: false)
            case .organizationName: organizationName = try self.string(required: false)
            case .sources:
                sources = try self.array(required: true, minimum: 1) { () throws(JSONSyntaxError) in
                    try self.sourceQuote()
                }
            case .added: added = try self.day()
            case .updated: updated = try self.day()
            }
        }
        guard ok, let id, let name, let role else { return nil }
        return (
            Person(
                id: id, name: name, role: role, organization: organization, organizationName: organizationName,
                sources: sources, added: added, updated: updated), id
        )
    }

    func share() throws(JSONSyntaxError) -> Share? {
        try reader.peek()
        let at = reader.offset
        var vendor: String?, label: String?, bound = Share.ShareBound.exact, value: Double?, upper: Double?
        let ok = try object(Self.shareFields) { (field: ShareField) throws(JSONSyntaxError) in
            try self.reader.peek()
            let valueAt = self.reader.offset
            switch field {
            case .vendor: vendor = try self.reference(.company, required: false)
            case .label: label = try self.string()
            case .bound: bound = try self.enumeration(Share.ShareBound.self, required: false) ?? .exact
            case .value:
                value = try self.number()
                if let v = value, !(0...100).contains(v) {
                    self.report(
                        tr("invalid share {0}: expected a percentage from 0 to 100", Self.show(v)), at: valueAt);
                    value = nil
                }
            case .upper:
                upper = try self.number(required: false)
                if let u = upper, !(0...100).contains(u) {
                    let share = Self.show(u)
                    self.report(tr("invalid upper share {0}: expected a percentage from 0 to 100", share), at: valueAt);
                    upper = nil
                }
            }
        }
        guard ok, let label, let value else { return nil }
        if bound == .range {
            guard let upper, upper >= value else {
                report(tr("a \"range\" share needs \"upper\" at least as large as \"value\""), at: at)
                return nil
            }
        }
        return Share(vendor: vendor, label: label, bound: bound, value: value, upper: upper)
    }

    func shareEstimate(_ idOffset: inout Int) throws(JSONSyntaxError) -> (ShareEstimate, String?)? {
        try reader.peek()
        let at = reader.offset
        var id: String?, market: String?, scope: String?, metric: ShareEstimate.Metric?, region: String?
        var year: Int?, forecast: Bool?, publisher: String?, published: PartialDate?, shares: [Share] = []
        var sources: [SourceQuote] = [], citations: [Citation] = []
        var added: PartialDate?, updated: PartialDate?
        let ok = try object(Self.shareEstimateFields) { (field: ShareEstimateField) throws(JSONSyntaxError) in
            switch field {
            case .id: idOffset = self.reader.offset; id = try self.slug(); self.recordID = id
            case .market: market = try self.string()
            case .scope: scope = try self.string()
            case .metric: metric = try self.enumeration(ShareEstimate.Metric.self)
            case .region: region = try self.string()
            case .year: year = try self.integer(in: 1900...2100)
            case .forecast: forecast = try self.bool()
            case .publisher: publisher = try self.string()
            case .published: published = try self.date(required: false)
            case .shares:
                shares = try self.array(required: true, minimum: 1) { () throws(JSONSyntaxError) in try self.share() }
            case .sources: sources = try self.sourceQuotes()
            case .citations: citations = try self.citations()
            case .added: added = try self.day()
            case .updated: updated = try self.day()
            }
        }
        guard ok else { return nil }
        if sources.isEmpty && citations.isEmpty {
            report(tr("a share estimate needs at least one source quote or citation"), at: at)
        }
        let total = shares.reduce(0.0) { $0 + $1.value }
        if total > 100.5 {
            report(tr("the shares' lower values add up to {0}%, more than 100%", Self.show(total.rounded())), at: at)
        }
        guard let id, let market, let scope, let metric, let region, let year, let forecast, let publisher else {
            return nil
        }
        return (
            ShareEstimate(
                id: id, market: market, scope: scope, metric: metric, region: region, year: year,
                forecast: forecast, publisher: publisher, published: published, shares: shares,
                sources: sources, citations: citations, added: added, updated: updated), id
        )
    }
}
