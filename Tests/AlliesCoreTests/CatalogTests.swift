import AlliesCore
import AlliesGenerator
import Testing

/// A small hand-made world with known totals.
enum World {
    static let text = LocalizedText(en: "x", es: "x")
    static let quote = SourceQuote(article: "a1", quote: "q")

    static func company(_ id: String, _ name: String, aliases: [String] = [], parent: String? = nil) -> Company {
        Company(id: id, name: name, aliases: aliases, kind: .other, parent: parent, description: text, sources: [quote])
    }

    static func alliance(
        _ id: String, _ kind: AllianceKind = .investment, _ parties: [Party], amounts: [Amount] = [],
        date: String? = nil, status: AllianceStatus = .active
    ) -> Alliance {
        Alliance(
            id: id, kind: kind, parties: parties, amounts: amounts,
            date: date.map { DatedEvent(try! PartialDate.parse($0).get(), .announced) }, status: status,
            title: LocalizedText(en: id, es: id), summary: text, sources: [quote])
    }

    static let dataset = Dataset(
        articles: [Article(id: "a1", title: "t", language: "es")],
        companies: [
            company("acme", "Acme Corporation", aliases: ["ACME", "Acmé Ibérica"]),
            company("globex", "Globex"),
            company("initech", "Initech", parent: "acme"),
            company("umbrella", "Umbrella"),
            company("hooli", "Hooli", aliases: ["Shared Name"]),
            company("pied-piper", "Pied Piper", aliases: ["Shared Name"]),
        ],
        alliances: [
            // acme → globex, 10B USD exact.
            alliance(
                "acme-globex", .investment, [Party("acme", .investor), Party("globex", .investee)],
                amounts: [Amount(value: 10e9, currency: "USD")], date: "2024-06-15"),
            // acme → initech, 1B USD a year for 7 years = 7B.
            alliance(
                "acme-initech-cloud", .cloudContract, [Party("acme", .customer), Party("initech", .supplier)],
                amounts: [Amount(value: 1e9, currency: "USD", per: .year, termYears: 7)], date: "2024"),
            // acme → umbrella, up to 2B USD: the total becomes approximate.
            alliance(
                "acme-umbrella", .investment, [Party("acme", .investor), Party("umbrella", .investee)],
                amounts: [Amount(value: 2e9, currency: "USD", bound: .upTo)], date: "2024-06", status: .inTalks),
            // Partners, but the money flows globex → acme, as the amount says.
            alliance(
                "globex-acme-partnership", .partnership, [Party("acme", .partner), Party("globex", .partner)],
                amounts: [Amount(value: 500e6, currency: "USD", from: "globex", to: "acme")], date: "2025-01"),
            // Undisclosed acquisition: counted as undisclosed, not as zero.
            alliance(
                "acme-buys-initech", .acquisition, [Party("acme", .acquirer), Party("initech", .target)],
                date: "2023"),
            // Euros are never added to dollars.
            alliance(
                "globex-acme-eur", .investment, [Party("globex", .investor), Party("acme", .investee)],
                amounts: [Amount(value: 3e6, currency: "EUR")], date: "2024-12-31"),
            // Undated, no money direction.
            alliance("hooli-umbrella", .partnership, [Party("hooli", .partner), Party("umbrella", .partner)]),
            // Same date as acme-globex: keeps dataset order after it.
            alliance(
                "umbrella-globex", .chipSupply, [Party("umbrella", .customer), Party("globex", .supplier)],
                date: "2024-06-15", status: .rumoured),
        ])

    static let catalog = Catalog(dataset)
}

@Suite("Catalog")
struct CatalogTests {
    @Test func resolvesBundledCompaniesByIDNameAliasCaseAndAccents() throws {
        let catalog = Catalog(try Dataset.bundled().get())
        let cases: [(String, String)] = [
            ("aws", "aws"), ("AWS", "aws"), ("Amazon Web Services", "aws"), ("amazon web services", "aws"),
            ("Amazon Web Services (AWS)", "aws"), ("amazon", "amazon"),
            ("anthropic", "anthropic"), ("Anthropic", "anthropic"), ("  Anthropic\t", "anthropic"),
            ("ejecutar: ia", "run-ai"), ("Ejecutar: IA", "run-ai"), ("Run: AI", "run-ai"), ("run:ai", "run-ai"),
            ("run-ai", "run-ai"), ("RUN:AI", "run-ai"),
            ("阿里巴巴", "alibaba"), ("百度", "baidu"), ("Nvidia", "nvidia"), ("NVÍDIA", "nvidia"),
            ("centro de energia limpia de clinton", "constellation"),
            ("anthro", "anthropic"),  // a unique prefix
        ]
        for (name, id) in cases {
            #expect(catalog.resolveCompany(name) == .found(id), "\(name)")
        }
        // Check the aliases the brief relies on are in the data, not found by accident.
        let runAI = try #require(catalog.company("run-ai"))
        #expect(runAI.aliases.contains("Run: AI") && runAI.aliases.contains("Ejecutar: IA"))
        #expect(runAI.parent == "nvidia")
    }

    @Test func unknownNameGivesSuggestions() throws {
        let catalog = Catalog(try Dataset.bundled().get())
        #expect(catalog.resolveCompany("Anthropik") == .notFound(suggestions: ["anthropic"]))
        #expect(catalog.resolveCompany("nvidya") == .notFound(suggestions: ["nvidia"]))
        guard case .notFound(let suggestions) = catalog.resolveCompany("Microsfot") else {
            Issue.record("Microsfot should not resolve"); return
        }
        #expect(suggestions.first == "microsoft")
        #expect(catalog.resolveCompany("zzzzzzzzzzzz") == .notFound(suggestions: []))
        if case .found(let id) = catalog.resolveCompany("") { Issue.record("an empty name resolved to \(id)") }
    }

    @Test func ambiguousName() {
        #expect(World.catalog.resolveCompany("shared name") == .ambiguous(["hooli", "pied-piper"]))
        #expect(World.catalog.resolveCompany("acmé ibérica") == .found("acme"))
        #expect(World.catalog.resolveCompany("ACME IBERICA") == .found("acme"))
    }

    /// Each company's alliances, as positions in dataset order, are those a walk of the alliances finds: a company
    /// named twice in one alliance lists it twice, a company no alliance names has no list.
    @Test func alliancesByCompanyAreEachCompanysInDatasetOrder() throws {
        var d = try DatasetGenerator(companies: 60, alliances: 900, seed: 11).dataset()
        d.alliances[3].parties.append(d.alliances[3].parties[0])
        d.companies.append(World.company("lonely", "Lonely"))
        var expected: [String: [Int]] = [:]
        for (i, alliance) in d.alliances.enumerated() {
            for party in alliance.parties { expected[party.company, default: []].append(i) }
        }
        let byCompany = Catalog(d).alliancesByCompany
        #expect(byCompany.count == expected.count && Set(byCompany.keys) == Set(expected.keys))
        for (id, positions) in expected { #expect(byCompany[id].map(Array.init) == positions, "\(id)") }
        for (id, positions) in byCompany { #expect(Array(positions) == expected[id], "\(id)") }
        #expect(byCompany["lonely"] == nil)
        let twice = try #require(d.alliances[3].parties.first?.company)
        #expect(byCompany[twice].map { Array($0).filter { $0 == 3 }.count } == 2)
    }

    /// A name three companies share is ambiguous between the three; a name one company gives twice (its name and an
    /// alias folding alike) finds it.
    @Test func aNameSharedByThreeCompanies() {
        var d = World.dataset
        d.companies.append(World.company("hooli-xyz", "Hooli XYZ", aliases: ["SHARED NAME", "Hooli xyz"]))
        let catalog = Catalog(d)
        #expect(catalog.resolveCompany("Shared Name") == .ambiguous(["hooli", "hooli-xyz", "pied-piper"]))
        #expect(catalog.resolveCompany("hooli xyz") == .found("hooli-xyz"))
        #expect(catalog.resolveCompany("hooli") == .found("hooli"))
    }

    @Test func lookupsAndPartners() {
        let c = World.catalog
        #expect(c.company("globex")?.name == "Globex")
        #expect(c.company("nope") == nil)
        #expect(c.companyName("nope") == "nope")
        #expect(c.childrenByParent["acme"] == ["initech"])
        #expect(c.alliances(of: "umbrella").map(\.id) == ["acme-umbrella", "hooli-umbrella", "umbrella-globex"])
        let partners = c.partners(of: "acme")
        #expect(partners.map(\.company) == ["globex", "initech", "umbrella"])
        #expect(
            partners.first { $0.company == "globex" }?.alliances == [
                "acme-globex", "globex-acme-partnership", "globex-acme-eur",
            ])
        #expect(partners.first { $0.company == "initech" }?.alliances == ["acme-initech-cloud", "acme-buys-initech"])
        #expect(c.lastActivity(of: "acme") == PartialDate(year: 2025, month: 1))
        #expect(c.lastActivity(of: "hooli") == nil)
        #expect(c.resolveAlliance("acme-glo") == .found("acme-globex"))
        #expect(
            c.resolveAlliance("acme-")
                == .ambiguous(["acme-globex", "acme-initech-cloud", "acme-umbrella", "acme-buys-initech"]))
    }

    /// Claims, people and share estimates are found by id as the lists' first record with it (the search screen asks
    /// a title for each result it draws: a walk of the list each was most of a keystroke at a million alliances).
    @Test func claimsPeopleAndShareEstimatesByID() throws {
        var d = try DatasetGenerator(companies: 40, alliances: 400, seed: 5).dataset()
        #expect(!d.claims.isEmpty && !d.people.isEmpty)
        let catalog = Catalog(d)
        for c in d.claims { #expect(catalog.claim(c.id) == d.claims.first { $0.id == c.id }) }
        for p in d.people { #expect(catalog.person(p.id) == d.people.first { $0.id == p.id }) }
        #expect(!d.shareEstimates.isEmpty && catalog.shareEstimate("no-such-estimate") == nil)
        for e in d.shareEstimates { #expect(catalog.shareEstimate(e.id) == d.shareEstimates.first { $0.id == e.id }) }
        let claim = d.claims[d.claims.count / 2], person = d.people[d.people.count / 2]
        #expect(catalog.recordTitle(RecordKey(.claims, claim.id)) == claim.text.preferred)
        #expect(catalog.recordTitle(RecordKey(.people, person.id)) == person.name)
        #expect(catalog.claim("no-such-claim") == nil && catalog.person("no-such-person") == nil)
        #expect(catalog.recordTitle(RecordKey(.claims, "no-such-claim")) == "")
        // A duplicated id (refused by validation, possible in a catalog of an edit in progress): the first wins.
        d.people.append(Person(id: person.id, name: "Second", role: World.text))
        #expect(Catalog(d).person(person.id)?.name == person.name)
    }

    @Test func moneyInAndOut() {
        let c = World.catalog
        let acme = c.money(of: "acme")
        // Agreed: 10B exact + 7B (1B a year for 7 years); the up-to 2B is in talks: pending, as a ceiling.
        #expect(acme.outgoing.agreed.total.amounts.values == ["USD": 10e9 + 7e9])
        #expect(acme.outgoing.agreed.total.amounts.approximate.isEmpty)
        #expect(acme.outgoing.agreed.total.upTo.isEmpty)
        #expect(acme.outgoing.pending.total.upTo.values == ["USD": 2e9])
        #expect(acme.outgoing.pendingStatuses == [.inTalks])
        #expect(acme.outgoing.agreed.undisclosed == 1)  // the acquisition: undisclosed, not zero
        #expect(acme.incoming.agreed.total.amounts.values == ["USD": 500e6, "EUR": 3e6])
        #expect(acme.incoming.undisclosed == 0)

        let globex = c.money(of: "globex")
        #expect(globex.incoming.agreed.total.amounts.values == ["USD": 10e9])
        #expect(globex.outgoing.agreed.total.amounts.values == ["USD": 500e6, "EUR": 3e6])
        // Umbrella buys chips from globex, no amount, and the deal is only rumoured.
        #expect(globex.incoming.pending.undisclosed == 1 && globex.incoming.agreed.undisclosed == 0)

        let initech = c.money(of: "initech")
        #expect(initech.incoming.agreed.total.amounts.values == ["USD": 7e9])
        #expect(initech.incoming.undisclosed == 1)
        #expect(initech.outgoing.isEmpty)

        let umbrella = c.money(of: "umbrella")
        #expect(umbrella.incoming.agreed.isEmpty && umbrella.incoming.pending.total.upTo.values == ["USD": 2e9])
        #expect(umbrella.outgoing.pending.undisclosed == 1)

        // A partnership without money counts nowhere.
        #expect(c.money(of: "hooli").incoming.isEmpty && c.money(of: "hooli").outgoing.isEmpty)
        // The pass over every company gives the same totals.
        let all = CompanyFigures(c).all()
        for id in ["acme", "globex", "initech", "umbrella"] {
            let k = c.companyIndex[id]!
            #expect(all[k].incoming == c.money(of: id).incoming && all[k].outgoing == c.money(of: id).outgoing)
        }
    }

    @Test func flows() {
        let c = World.catalog
        let cloud = c.flows(of: c.alliance("acme-initech-cloud")!)
        #expect(cloud.count == 1)
        #expect(cloud.first?.from == "acme" && cloud.first?.to == "initech")
        #expect(cloud.first?.amount.totalValue == 7e9)
        let partnership = c.flows(of: c.alliance("globex-acme-partnership")!)
        #expect(partnership.map { "\($0.from)→\($0.to)" } == ["globex→acme"])
        #expect(c.flows(of: c.alliance("acme-buys-initech")!).isEmpty)
        #expect(Amount(value: 5, currency: "USD", per: .year).totalValue == 5)  // no term: one year's value
    }

    /// An estimate in a sum is said as the amount says it: `$1 (est.)`, not `~$1`, which is `about`.
    @Test func estimatesAreSaidInTotals() {
        let d = Dataset(
            articles: [Article(id: "a1", title: "t", language: "es")],
            companies: [World.company("a", "A"), World.company("b", "B")],
            alliances: [
                World.alliance(
                    "ab", .investment, [Party("a", .investor), Party("b", .investee)],
                    amounts: [Amount(value: 1, currency: "USD", estimated: true)])
            ])
        let total = Catalog(d).money(of: "a").outgoing
        #expect(total.agreed.total.amounts.estimated == ["USD"] && total.agreed.total.amounts.approximate.isEmpty)
        #expect(MoneyFormat.total(total) == "$1 (est.)")
    }
}

@Suite("Timeline")
struct TimelineTests {
    let c = World.catalog

    @Test func orderOldestFirstUndatedLast() {
        #expect(
            c.timeline().map(\.id) == [
                "acme-buys-initech",  // 2023
                "acme-initech-cloud",  // 2024
                "acme-umbrella",  // 2024-06
                "acme-globex",  // 2024-06-15
                "umbrella-globex",  // 2024-06-15, after acme-globex (dataset order)
                "globex-acme-eur",  // 2024-12-31
                "globex-acme-partnership",  // 2025-01
                "hooli-umbrella",  // undated
            ])
    }

    @Test func oneCompany() {
        #expect(c.timeline(company: "umbrella").map(\.id) == ["acme-umbrella", "umbrella-globex", "hooli-umbrella"])
        #expect(c.timeline(company: "nobody").isEmpty)
    }

    func window(_ from: String?, _ to: String?) -> [String] {
        c.timeline(from: from.map { try! PartialDate.parse($0).get() }, to: to.map { try! PartialDate.parse($0).get() })
            .map(\.id)
    }

    @Test func windowsWithCoarseDates() {
        // A date is inside when any day it could mean is: "2024" is inside June 2024. Undated ones are left out.
        #expect(
            window("2024-06", "2024-06") == ["acme-initech-cloud", "acme-umbrella", "acme-globex", "umbrella-globex"])
        #expect(window("2024-06-16", "2024-06-30") == ["acme-initech-cloud", "acme-umbrella"])
        #expect(window("2024-07", nil) == ["acme-initech-cloud", "globex-acme-eur", "globex-acme-partnership"])
        #expect(window("2025", nil) == ["globex-acme-partnership"])
        #expect(window(nil, "2023-12") == ["acme-buys-initech"])
        #expect(window(nil, "2024-01-01") == ["acme-buys-initech", "acme-initech-cloud"])
        #expect(window("2024-12-31", "2024-12-31") == ["acme-initech-cloud", "globex-acme-eur"])
        #expect(window("2026", nil) == [])
        // A coarse window holds every finer date inside it.
        #expect(
            window("2024", "2024") == [
                "acme-initech-cloud", "acme-umbrella", "acme-globex", "umbrella-globex", "globex-acme-eur",
            ])
    }
}

/// `IDIndex` finds what a dictionary of ids to positions found: every id at the position of its first record
/// (ids repeated, accents, CJK, ids that differ by a letter), nil for an id no record has, nothing in an empty list.
@Suite("Records by id")
struct IDIndexTests {
    @Test func findsTheFirstRecordOfEachIdAndNothingElse() {
        var ids = (0..<5_000).map { "company-\($0 % 3_700)" }
        ids += ["inversión", "星海科技", "a", "b", "", "Inversión", "inversion"]
        let records = ids.enumerated().map { World.company($1, "n\($0)") }
        let index = IDIndex(records)
        var first: [String: Int] = [:]
        for (i, id) in ids.enumerated() where first[id] == nil { first[id] = i }
        for (id, position) in first { #expect(index[id] == position, "\(id)") }
        #expect(index["company-3700"] == nil && index["星海"] == nil && index["c"] == nil)
        #expect(index["company-12"] == 12 && index["company-3699"] == 3699)
        #expect(IDIndex([Company]())["x"] == nil)
    }
}
