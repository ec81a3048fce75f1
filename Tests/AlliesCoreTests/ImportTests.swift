import Testing

@testable import AlliesCore

/// CSV rows to companies and alliances, and the merge that matches companies (issue #14).
@Suite("Importing: names, presets, merging")
struct ImportTests {
    // MARK: Names

    @Test(arguments: [
        ("Acme, Inc.", "acme"), ("ACME Inc", "acme"), ("Acmé", "acme"), ("Acme Holdings Co., Ltd.", "acme holdings"),
        ("Grupo Bimbo, S.A.B. de C.V.", "grupo bimbo"), ("Cemex S.A. de C.V.", "cemex"),
        ("Siemens AG", "siemens"), ("Bosch GmbH", "bosch"), ("The Climate Corporation", "climate"),
        ("AT&T Inc.", "at and t"), ("Inc.", "inc"), ("阿里巴巴集团", "阿里巴巴集团"), ("Telefónica, S.A.", "telefonica"),
    ])
    func legalFormsCaseAccentsAndPunctuationAreSetAside(name: String, normalized: String) {
        #expect(CompanyNames.normalized(name) == normalized)
    }

    @Test func differentCompaniesStayDifferent() {
        #expect(CompanyNames.normalized("Acme Systems") != CompanyNames.normalized("Acme"))
        #expect(CompanyNames.squeezed("Face Book") == CompanyNames.squeezed("Facebook"))
    }

    // MARK: Rows

    static let acquisitionsHeader =
        "company_permalink,company_name,company_category_list,company_country_code,company_state_code,"
        + "company_region,company_city,acquirer_permalink,acquirer_name,acquirer_category_list,"
        + "acquirer_country_code,acquirer_state_code,acquirer_region,acquirer_city,acquired_at,acquired_month,"
        + "price_amount,price_currency_code"

    static func batch(_ preset: CSVPreset, _ text: String) throws -> ImportBatch {
        var reader = CSVReader(bytes: Array(text.utf8))
        return try CSVImporter(preset: preset, file: "t.csv").read(&reader)
    }

    @Test func anAcquisitionRowBecomesTwoCompaniesAndAnAcquisitionWithItsPrecision() throws {
        let b = try Self.batch(
            .crunchbaseAcquisitions,
            Self.acquisitionsHeader + "\n"
                + "/organization/a,Alpha Ltd,Apps|Games,GBR,H9,London,London,/organization/b,Beta,Software,USA,CA,"
                + "SF Bay Area,San Jose,2012-07-23,2012-07,9000000,EUR\n"
                + "/organization/c,Gamma,,,,,,/organization/b,Beta,Software,USA,CA,SF Bay Area,San Jose,,2013-02,,USD\n"
        )
        #expect(b.records == 2 && b.accounted == 2 && b.rejects.isEmpty)
        let first = b.alliances[0]
        #expect(first.kind == .acquisition && first.status == .announced)
        #expect(
            first.parties == [ImportedParty("/organization/b", .acquirer), ImportedParty("/organization/a", .target)])
        #expect(first.date == DatedEvent(PartialDate(year: 2012, month: 7, day: 23), .announced))
        #expect(first.amounts == [Amount(value: 9e6, currency: "EUR")])
        let alpha = try #require(b.companies.first { $0.key == "/organization/a" })
        #expect(alpha.name == "Alpha Ltd" && alpha.country == "GB" && alpha.sectors == ["Apps", "Games"])
        // No day, only the month: a month, not the first of it. No price: undisclosed, not 0.
        #expect(b.alliances[1].date?.value == PartialDate(year: 2013, month: 2))
        #expect(b.alliances[1].amounts.isEmpty)
    }

    @Test func badRowsAreRejectedNamingTheColumnAndWhatWasExpected() throws {
        let row = { (country: String, date: String, price: String, currency: String) in
            "/organization/a,Alpha,,\(country),,,,/organization/b,Beta,,USA,,,,\(date),,\(price),\(currency)"
        }
        let b = try Self.batch(
            .crunchbaseAcquisitions,
            [
                Self.acquisitionsHeader, row("SF Bay Area", "2012-07-23", "", "USD"),
                row("USA", "3201-10-21", "", "USD"), row("USA", "2012-07-23", "lots", "USD"),
                row("USA", "2012-07-23", "5", "ZZZ"), "/organization/a,Alpha,,USA", row("USA", "", "", ""),
                "/organization/a,Alpha,,USA,,,,/organization/a,Alpha,,USA,,,,2012-01-01,,,USD",
            ].joined(separator: "\n"))
        #expect(b.records == 7 && b.accounted == 7)
        #expect(
            b.rejects.map(\.description) == [
                "line 2: company_country_code (column 4) is \"SF Bay Area\": expected an ISO 3166 country code "
                    + "(US or USA)",
                "line 3: acquired_at (column 15) is \"3201-10-21\": year 3201 is outside 1900–2100",
                "line 4: price_amount (column 17) is \"lots\": expected a number such as 9000000",
                "line 5: price_currency_code (column 18) is \"ZZZ\": expected an ISO 4217 code such as USD",
                "line 6: 4 fields where the header has 18",
                "line 8: both parties are \"/organization/a\" (Alpha): a deal needs two companies",
            ])
        #expect(b.alliances.map(\.line) == [7], "an undated, unpriced row is a deal all the same")
        #expect(b.rejects[4].text == "/organization/a,Alpha,,USA", "the rejects file gets the record as read")
    }

    /// A quoted field of many lines that closes where the header's field count still fits is one field (real
    /// exports have long fields), but not a company's name: a stray quote that swallowed whole lines (as in the real
    /// Crunchbase export, line 16142) is rejected whole, with the lines it spans, never imported as a name.
    @Test func aNameOfManyLinesIsRejectedWithTheLinesItSpans() throws {
        let swallowed = (1...60).map { "/organization/t\($0)\tTab Co \($0)\tSoftware" }.joined(separator: "\n")
        let b = try Self.batch(
            .crunchbaseAcquisitions,
            [
                Self.acquisitionsHeader,
                "/organization/a,Alpha,,USA,,,,/organization/b,\"><b>\n" + swallowed + "\n\",,,,,,2014-03-01,,,USD",
                "/organization/c,Gamma,,USA,,,,/organization/b,Beta,,USA,,,,2014-03-02,,,USD",
            ].joined(separator: "\n"))
        #expect(b.records == 2 && b.accounted == 2)
        #expect(
            b.rejects.map(\.description) == [
                "line 2: acquirer_name (column 9) holds 62 lines (\(6 + swallowed.count) characters): expected the "
                    + "other party's name on one line; a quote opened on line 2 and closed on line 63 may have "
                    + "swallowed the lines between"
            ])
        #expect(b.rejects[0].endLine == 63 && b.rejects[0].text.contains("/organization/t60\tTab Co 60"))
        #expect(b.alliances.map(\.line) == [64])
    }

    /// The same key twice in one file: the same deal stated twice is merged; a second record that says otherwise
    /// (an amount the first has not, another amount) is rejected with what differs, the first kept: never merged
    /// away in silence (the real export has Intelsat–PanAmSat without, then with, its $6.4B).
    @Test func theSameKeyTwiceIsMergedOnlyWhenItSaysTheSame() throws {
        let row = { (price: String) in
            "/organization/a,Alpha,,USA,,,,/organization/b,Beta,,USA,,,,2014-03-01,,\(price),USD"
        }
        let b = try Self.batch(
            .crunchbaseAcquisitions,
            [Self.acquisitionsHeader, row(""), row(""), row("6400000000"), row("5")].joined(
                separator: "\n"))
        let result = ImportMerge.merge(b, into: Dataset(), today: nil)
        #expect(result.summary.alliancesImported == 1 && result.summary.alliancesMerged == 1)
        #expect(result.summary.accountedFor == result.summary.records)
        let key = "/organization/b acquisition /organization/a 2014-03-01"
        #expect(
            result.rejects.map(\.description) == [
                "line 4: the same deal as line 2 (the same key, \"\(key)\") but it says otherwise: "
                    + "amount: undisclosed ≠ 6400000000 USD; the first is kept",
                "line 5: the same deal as line 2 (the same key, \"\(key)\") but it says otherwise: "
                    + "amount: undisclosed ≠ 5 USD; the first is kept",
            ])
        #expect(result.dataset.alliances.count == 1 && result.dataset.alliances[0].amounts.isEmpty)
        // The rejects file gets the records as read, from the source's lines.
        let folder = makeTemporaryDirectory()
        defer { removeTree(folder) }
        writeFile(
            folder + "/t.csv",
            Array(
                ([Self.acquisitionsHeader, row(""), row(""), row("6400000000"), row("5")].joined(separator: "\r\n")
                    + "\r\n").utf8))
        let stamp = SourceStamp.of(folder + "/t.csv")
        let filled = ImportReject.withRecordText(result.rejects, from: folder + "/t.csv", stamp: stamp)
        #expect(filled.map(\.text) == [row("6400000000"), row("5")])
        #expect(ImportReject.withRecordText(result.rejects, from: folder + "/gone.csv", stamp: stamp) == result.rejects)
        // A file changed since it was read is not quoted: its lines may be others.
        writeFile(folder + "/t.csv", Array("header\r\nother\r\n".utf8))
        #expect(ImportReject.withRecordText(result.rejects, from: folder + "/t.csv", stamp: stamp) == result.rejects)
        // Two records the same but for a detail the texts would not show (an amount's term) are never merged.
        var first = b.alliances[2], second = b.alliances[2]
        first.amounts[0].termYears = 5
        second.line = 9
        #expect(first.differences(to: second) == ["amount: 6400000000 USD over 5.0 years ≠ 6400000000 USD"])
    }

    @Test func aStrayQuoteCostsOnlyItsOwnLineAndEveryRecordIsAccountedFor() throws {
        var lines = [Self.acquisitionsHeader]
        for n in 0..<40 {
            let name = n == 12 ? "\"Broken, Inc" : "Co \(n)"
            lines.append(
                "/organization/c\(n),\(name),,USA,,,,/organization/buyer,Buyer,,USA,,,,2014-03-0\(n % 9 + 1),,,USD")
        }
        let b = try Self.batch(.crunchbaseAcquisitions, lines.joined(separator: "\n") + "\n")
        #expect(b.records == b.accounted)
        #expect(b.rejects.map(\.line) == [14], "\(b.rejects)")
        #expect(b.alliances.count == 39)
        #expect(b.alliances.contains { $0.line == 15 && $0.parties.last?.company == "/organization/c13" })
    }

    @Test func handMadeNamesAcrossScriptsAccentsAndLegalForms() throws {
        let base = Dataset(companies: [
            Company(
                id: "telefonica", name: "Telefónica", kind: .other, country: "ES",
                description: .init(en: "A telecom", es: "Una teleco")),
            Company(
                id: "cemex", name: "CEMEX", kind: .other, description: .init(en: "Cement", es: "Cemento")),
            Company(
                id: "alibaba", name: "Alibaba", aliases: ["阿里巴巴"], kind: .other,
                description: .init(en: "Commerce", es: "Comercio")),
        ])
        let b = Self.batch([
            ImportedCompany(key: "1", name: "TELEFONICA, S.A.", country: "ES", line: 1),
            ImportedCompany(key: "2", name: "Cemex S.A.B. de C.V.", country: "MX", line: 2),
            ImportedCompany(key: "3", name: "阿里巴巴", line: 3),
            ImportedCompany(key: "4", name: "Telefonica Tech", line: 4),
        ])
        let r = ImportMerge.merge(b, into: base, today: nil)
        let ids = r.dataset.companies.map(\.id)
        #expect(ids == ["telefonica", "cemex", "alibaba", "telefonica-tech"], "another name is another company")
        #expect(r.dataset.companies[0].aliases == ["TELEFONICA, S.A."])
        #expect(r.dataset.companies[1].country == "MX", "a missing country is learnt")
        #expect(r.dataset.companies[2].aliases == ["阿里巴巴"], "an alias matched is not added twice")
        #expect(r.summary.companiesMerged == 3 && r.summary.companiesImported == 1 && r.candidates.isEmpty)
    }

    /// A deal the dataset already has from elsewhere (an article's NVIDIA–Run:ai acquisition) is imported and
    /// reported as a possible repeat: the same kind and companies, dates that agree as far as both go. A trial's
    /// import of it said nothing and NVIDIA's money out doubled. Another date, or another kind, is not reported.
    @Test func aDealAlreadyThereFromElsewhereIsReportedAsAPossibleRepeat() throws {
        let base = try Dataset.bundled().get()
        func deal(_ key: String, _ kind: AllianceKind, _ date: PartialDate?, line: Int) -> ImportedAlliance {
            ImportedAlliance(
                key: key, kind: kind,
                parties: [ImportedParty("nvidia", .acquirer), ImportedParty("run-ai", .target)],
                amounts: [Amount(value: 7e8, currency: "USD")], date: date.map { DatedEvent($0, .announced) },
                status: .completed, line: line)
        }
        let b = Self.batch(
            [
                ImportedCompany(key: "nvidia", name: "NVIDIA"),
                ImportedCompany(key: "run-ai", name: "Run:ai"),
            ],
            [
                deal("1", .acquisition, PartialDate(year: 2024, month: 12, day: 30), line: 2),
                deal("2", .acquisition, PartialDate(year: 2024), line: 3),
                deal("3", .acquisition, PartialDate(year: 2024, month: 11), line: 4),
                deal("4", .investment, PartialDate(year: 2024, month: 12, day: 30), line: 5),
                deal("5", .acquisition, nil, line: 6),
            ])
        let r = ImportMerge.merge(b, into: base, today: nil)
        #expect(r.summary.alliancesImported == 5, "imported all the same: two deals can be alike")
        #expect(r.possibleRepeats.map(\.line) == [2, 3])
        #expect(r.possibleRepeats.allSatisfy { $0.alliance == "nvidia-run-ai-2024" })
        #expect(PartialDate(year: 2024).agrees(with: PartialDate(year: 2024, month: 12, day: 30)))
        #expect(!PartialDate(year: 2024, month: 11).agrees(with: PartialDate(year: 2024, month: 12, day: 30)))
    }

    /// A name with no Latin letter gets an id of its own, the same at every import and in a form: its letters' code
    /// points. They were `company-name`, `company-name-2`… in the order met (a new user's trial), and a form left the
    /// id empty and asked for one.
    @Test func aNameInAnotherScriptGetsAnIdOfItsOwn() throws {
        #expect(Slug.make("楽天グループ") == "u-697d-5929-30b0-30eb-30fc-30d7")
        #expect(Slug.make("さくらインターネット") != Slug.make("楽天"))
        #expect(Slug.make("ソフトバンク 2") == "2", "a Latin letter or digit is enough for a slug")
        #expect(Slug.make("—") == "", "no letter, no id")
        let id = Slug.make("楽天グループ")
        #expect(Slug.make(id) == id, "an id made so is a valid id")
        #expect(Slug.make(String(repeating: "楽", count: 40)).utf8.count <= 80)
        let b = Self.batch([
            ImportedCompany(key: "name", name: "ソフトバンク", line: 1),
            ImportedCompany(key: "name-2", name: "楽天", line: 2),
        ])
        let r = ImportMerge.merge(b, into: Dataset(), today: nil)
        #expect(r.dataset.companies.map(\.id) == ["u-30bd-30d5-30c8-30d0-30f3-30af", "u-697d-5929"])
        // The same file again: every company is one already in the dataset (its own record), none new. The report
        // said "0 new, 0 matched", as if they were lost.
        let again = ImportMerge.merge(b, into: r.dataset, today: nil)
        #expect(again.summary.newCompanies == 0 && again.summary.matchedCompanies == 2, "\(again.summary)")
    }

    static let investmentsHeader =
        "company_permalink,company_name,company_category_list,company_country_code,company_state_code,company_region,"
        + "company_city,investor_permalink,investor_name,investor_country_code,investor_state_code,investor_region,"
        + "investor_city,funding_round_permalink,funding_round_type,funding_round_code,funded_at,raised_amount_usd"

    @Test func anInvestorsDealIsUpToTheRoundAndAPersonIsNotACompany() throws {
        let b = try Self.batch(
            .crunchbaseInvestments,
            Self.investmentsHeader + "\n"
                + "/organization/appsfire,Appsfire,Advertising|Mobile,FRA,A8,Paris,Paris,/organization/idinvest,"
                + "Idinvest Partners,FRA,A8,Paris,Paris,/funding-round/4f84,venture,,2015-02-10,4099999\n"
                + "/organization/appsfire,Appsfire,Advertising|Mobile,FRA,A8,Paris,Paris,/person/xavier-niel,"
                + "Xavier Niel,,,,,/funding-round/4f84,venture,,2015-02-10,4099999\n")
        #expect(b.records == 2 && b.accounted == 2)
        let deal = try #require(b.alliances.first)
        #expect(deal.kind == .investment && deal.status == .completed && deal.date?.event == .closed)
        #expect(deal.parties.map(\.role) == [.investor, .investee])
        #expect(deal.amounts.map(\.bound) == [.upTo] && deal.amounts.map(\.currency) == ["USD"])
        #expect(deal.amounts.first?.note == "the whole round's total, shared by its investors")
        #expect(b.rejects.first?.reason.contains("a person") == true)
    }

    @Test func aRoundsRowIsACompanyOfItsOwnLine() throws {
        let header =
            "company_permalink,company_name,company_category_list,company_country_code,company_state_code,"
            + "company_region,company_city,funding_round_permalink,funding_round_type,funding_round_code,funded_at,"
            + "raised_amount_usd"
        let b = try Self.batch(
            .crunchbaseRounds, header + "\n/organization/x,Xylo,Music,SWE,,,,/funding-round/1,seed,,2014-01-01,100\n")
        #expect(b.alliances.isEmpty && b.companies.map(\.line) == [2] && b.accounted == 1)
    }

    @Test func aFileWithAnotherSeparatorOrWithoutTheColumnsIsRefusedAtOnce() {
        #expect(throws: ImportError.self) {
            try Self.batch(.crunchbaseAcquisitions, Self.acquisitionsHeader.replacingAll(",", with: ";") + "\n")
        }
        do {
            _ = try Self.batch(.crunchbaseAcquisitions, "name,amount\nAcme,1\n")
            Issue.record("expected a refusal")
        } catch {
            #expect("\(error)".contains("line 1: the header lacks \"company_permalink\""))
        }
    }

    // MARK: Merging

    static let base = Dataset(companies: [
        Company(
            id: "acme", name: "Acme, Inc.", kind: .startup, country: "US",
            description: .init(en: "A maker", es: "Un fabricante")),
        Company(
            id: "globex", name: "Globex", kind: .cloud, country: "DE", description: .init(en: "A cloud", es: "Una nube")
        ),
    ])
    static let source = ImportSource(dataset: "Test export 2025", licence: "CC0", file: "t.csv")

    static func batch(_ companies: [ImportedCompany], _ alliances: [ImportedAlliance] = []) -> ImportBatch {
        var b = ImportBatch(source: source)
        b.companies = companies
        b.alliances = alliances
        b.records = alliances.count + companies.filter { $0.line != nil }.count
        return b
    }

    @Test func aCertainMatchMergesTheOtherNameBecomesAnAlias() throws {
        let b = Self.batch(
            [
                ImportedCompany(key: "k-acme", name: "ACME LLC", country: "US", sectors: ["Robots"]),
                ImportedCompany(key: "k-new", name: "Newco"),
            ],
            [
                ImportedAlliance(
                    key: "deal-1", kind: .investment,
                    parties: [ImportedParty("k-acme", .investor), ImportedParty("k-new", .investee)],
                    amounts: [Amount(value: 5e6, currency: "USD")], status: .announced, line: 2)
            ])
        let r = ImportMerge.merge(b, into: Self.base, today: PartialDate(year: 2026, month: 12, day: 3))
        let acme = try #require(r.dataset.companies.first { $0.id == "acme" })
        #expect(acme.aliases == ["ACME LLC"] && acme.sectors == ["Robots"])
        #expect(acme.records == [Self.source.record("k-acme")])
        #expect(acme.updated == PartialDate(year: 2026, month: 12, day: 3) && acme.added == nil)
        let newco = try #require(r.dataset.companies.first { $0.name == "Newco" })
        #expect(newco.id == "newco" && newco.added == PartialDate(year: 2026, month: 12, day: 3))
        let deal = try #require(r.dataset.alliances.first)
        #expect(deal.parties == [Party("acme", .investor), Party("newco", .investee)])
        #expect(deal.title == LocalizedText(en: "Acme, Inc. invests in Newco", es: "Acme, Inc. invierte en Newco"))
        #expect(deal.records == [Self.source.record("deal-1")] && deal.sources.isEmpty)
        #expect(r.summary.alliancesImported == 1 && r.summary.matchedCompanies == 1 && r.summary.newCompanies == 1)
        #expect(r.candidates.isEmpty)
        // The result is a valid dataset: an alliance with a record and no quote loads.
        if case .failure(let e) = Dataset.decode(Array(r.dataset.canonicalJSON().utf8), file: "x") {
            Issue.record("the merged dataset does not load: \(e)")
        }

        // The same batch again changes nothing.
        let again = ImportMerge.merge(b, into: r.dataset, today: PartialDate(year: 2026, month: 12, day: 4))
        #expect(again.dataset.canonicalJSON() == r.dataset.canonicalJSON())
        #expect(again.summary.alliancesMerged == 1 && again.summary.alliancesImported == 0)
    }

    @Test func anUncertainMatchIsACandidateUntilDecided() throws {
        let b = Self.batch([ImportedCompany(key: "k-g", name: "Globex GmbH", country: "FR", line: 1)])
        let r = ImportMerge.merge(b, into: Self.base, today: nil)
        #expect(r.dataset.companies.count == 3, "added as a company of its own")
        #expect(r.candidates.map(\.company) == ["globex"] && r.candidates.map(\.added) == ["globex-gmbh"])
        #expect(r.candidates.first?.reason == "the same name, but DE and not FR")
        #expect(r.summary.companiesImported == 1 && r.summary.accountedFor == 1)

        let accept = ReviewDecision(dataset: Self.source.dataset, key: "k-g", company: "globex", verdict: .accept)
        let accepted = ImportMerge.merge(b, into: Self.base, decisions: [accept], today: nil)
        #expect(accepted.dataset.companies.count == 2 && accepted.candidates.isEmpty)
        #expect(accepted.dataset.companies[1].aliases == ["Globex GmbH"])
        #expect(accepted.summary.companiesMerged == 1)

        var reject = accept
        reject.verdict = .reject
        let rejected = ImportMerge.merge(b, into: Self.base, decisions: [reject], today: nil)
        #expect(rejected.dataset.companies.count == 3 && rejected.candidates.isEmpty)
    }

    @Test func aDecisionTakenAfterAnImportMergesTheCompaniesHeldApartOnTheNext() throws {
        let deal = ImportedAlliance(
            key: "deal-g", kind: .partnership,
            parties: [ImportedParty("k-g", .partner), ImportedParty("k-n", .partner)], status: .announced, line: 2)
        let b = Self.batch(
            [
                ImportedCompany(key: "k-g", name: "Globex GmbH", country: "FR"),
                ImportedCompany(key: "k-n", name: "Newco"),
            ],
            [deal])
        let first = ImportMerge.merge(b, into: Self.base, today: nil)
        #expect(first.candidates.map(\.added) == ["globex-gmbh"])
        #expect(first.dataset.alliances[0].parties.map(\.company) == ["globex-gmbh", "newco"])
        let accept = ReviewDecision(dataset: Self.source.dataset, key: "k-g", company: "globex", verdict: .accept)
        let second = ImportMerge.merge(b, into: first.dataset, decisions: [accept], today: nil)
        #expect(!second.dataset.companies.contains { $0.id == "globex-gmbh" })
        let globex = try #require(second.dataset.companies.first { $0.id == "globex" })
        #expect(globex.aliases == ["Globex GmbH"] && globex.records == [Self.source.record("k-g")])
        #expect(second.dataset.alliances.map { $0.parties.map(\.company) } == [["globex", "newco"]])
        #expect(second.summary.alliancesMerged == 1 && second.refusedDecisions.isEmpty)
    }

    @Test func whoPaysAndWhoIsPaidAreMappedToTheCompaniesOrTheDealIsRejected() throws {
        let money = { (from: String) in
            ImportedAlliance(
                key: "deal-\(from)", kind: .investment,
                parties: [ImportedParty("k-acme", .investor), ImportedParty("k-n", .investee)],
                amounts: [Amount(value: 1e6, currency: "USD", from: from, to: "k-n")], status: .announced, line: 2)
        }
        let b = Self.batch(
            [ImportedCompany(key: "k-acme", name: "Acme Inc"), ImportedCompany(key: "k-n", name: "Newco")],
            [money("k-acme"), money("k-other")])
        let r = ImportMerge.merge(b, into: Self.base, today: nil)
        #expect(r.dataset.alliances.map { $0.amounts.map(\.from) } == [["acme"]])
        #expect(r.dataset.alliances.map { $0.amounts.map(\.to) } == [["newco"]])
        #expect(
            r.rejects.map(\.reason) == ["amount 1 names \"k-other\" as who pays or is paid: not a party of the deal"])
    }

    @Test func mergingCompaniesRefusesToPutOneCompanyTwiceInADeal() {
        let d = Dataset(
            companies: Self.base.companies,
            alliances: [
                Alliance(
                    id: "x", kind: .partnership, parties: [Party("acme", .partner), Party("globex", .partner)],
                    status: .announced, title: .init(en: "x", es: "x"), summary: .init(en: "x", es: "x"))
            ])
        guard case .failure(let refusal) = d.mergingCompany("globex", into: "acme") else {
            Issue.record("expected a refusal")
            return
        }
        #expect(refusal.description.contains("both are parties of alliance x"))
    }

    @Test func reviewDecisionsRoundTripThroughTheirFile() throws {
        let decisions = [
            ReviewDecision(dataset: "D", key: "k1", company: "acme", verdict: .accept),
            ReviewDecision(dataset: "D", key: "k2", company: "globex", verdict: .reject),
        ]
        let folder = makeTemporaryDirectory()
        defer { removeTree(folder) }
        writeFile(folder + "/d.review.json", ReviewFile.json(decisions))
        #expect(try ReviewFile.read(folder + "/d.review.json").get() == decisions)
        #expect(try ReviewFile.read(folder + "/none.json").get() == [])
        writeFile(folder + "/bad.json", Array(#"{"decisions": [{"dataset": "D"}]}"#.utf8))
        #expect(throws: ImportError.self) { try ReviewFile.read(folder + "/bad.json").get() }
    }

    @Test func candidatesRoundTripThroughTheirFile() throws {
        let candidates = [
            MatchCandidate(
                dataset: "D", key: "k1", name: "Acmé \"Ünïon\"", added: "acme-2", company: "acme",
                companyName: "Acme", reason: "the same name, but US and not FR"),
            MatchCandidate(
                dataset: "D", key: "k2", name: "阿里巴巴", added: "a-2", company: "alibaba", companyName: "Alibaba",
                reason: "the same letters, spaced differently"),
        ]
        let folder = makeTemporaryDirectory()
        defer { removeTree(folder) }
        writeFile(folder + "/d.candidates.json", ReviewFile.candidatesJSON(candidates))
        #expect(try ReviewFile.readCandidates(folder + "/d.candidates.json").get() == candidates)
        #expect(try ReviewFile.readCandidates(folder + "/none.candidates.json").get() == [])
        writeFile(folder + "/bad.json", Array(#"{"candidates": [{"dataset": "D", "key": "k"}]}"#.utf8))
        #expect(throws: ImportError.self) { try ReviewFile.readCandidates(folder + "/bad.json").get() }
        writeFile(folder + "/worse.json", Array("[1, 2".utf8))
        #expect(throws: ImportError.self) { try ReviewFile.readCandidates(folder + "/worse.json").get() }
    }
}
