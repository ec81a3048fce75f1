import AlliesCore
import AlliesGenerator
import Testing

@Suite("Synthetic dataset generator")
struct GeneratorTests {
    static func bytes(_ generator: DatasetGenerator, chunkSize: Int = 1 << 20) -> [UInt8] {
        var out: [UInt8] = []
        generator.write(chunkSize: chunkSize) { out.append(contentsOf: $0) }
        return out
    }

    static func decoded(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> Dataset? {
        switch Dataset.decode(bytes, file: "generated.json") {
        case .success(let dataset): return dataset
        case .failure(let error):
            Issue.record(
                "\(error.diagnostics.count) diagnostics, first: \(error.diagnostics.prefix(3).map(\.description))",
                sourceLocation: sourceLocation)
            return nil
        }
    }

    /// The dataset most tests look at: 2,000 alliances among 300 companies.
    static let generator = try! DatasetGenerator(companies: 300, alliances: 2000, seed: 42)
    static let json = bytes(generator)
    static let dataset = decoded(json)

    @Test func sameSeedGivesTheSameBytes() throws {
        let again = try DatasetGenerator(companies: 300, alliances: 2000, seed: 42)
        #expect(Self.bytes(again) == Self.json)
        // How the bytes are cut into chunks changes nothing.
        #expect(Self.bytes(again, chunkSize: 1) == Self.json)
        #expect(Self.bytes(again, chunkSize: 4096) == Self.json)
    }

    @Test func differentSeedsGiveDifferentDatasets() throws {
        let other = Self.bytes(try DatasetGenerator(companies: 300, alliances: 2000, seed: 43))
        #expect(other != Self.json)
        let a = try #require(Self.decoded(other)), b = try #require(Self.dataset)
        #expect(a.companies.map(\.name) != b.companies.map(\.name))
        #expect(a.alliances.map(\.id) != b.alliances.map(\.id))
        // The extremes of the seed range work too.
        for seed: UInt64 in [0, .max] {
            let small = Self.bytes(try DatasetGenerator(companies: 20, alliances: 100, seed: seed))
            #expect(Self.decoded(small) != nil)
        }
    }

    @Test func countsAreAsAsked() throws {
        let d = try #require(Self.dataset)
        #expect(d.companies.count == 300)
        #expect(d.alliances.count == 2000)
        #expect(d.articles.count == 500)
        #expect(!d.groups.isEmpty && !d.claims.isEmpty && !d.people.isEmpty && !d.shareEstimates.isEmpty)
        // The smallest cases: two companies, no alliances at all, or a handful.
        for (companies, alliances) in [(2, 0), (2, 1), (2, 70), (3, 5), (50, 0)] {
            let small = try DatasetGenerator(companies: companies, alliances: alliances, seed: 5)
            let dataset = try #require(Self.decoded(Self.bytes(small)))
            #expect(dataset.companies.count == companies)
            #expect(dataset.alliances.count == alliances)
        }
    }

    @Test func decodesWithoutDiagnostics() throws {
        // `decoded` records any diagnostic as a failure; the generator's in-memory dataset is the decoded one.
        let d = try #require(Self.dataset)
        expectSameDataset(d, Self.generator.dataset())
    }

    @Test func outputIsAlreadyCanonical() throws {
        let d = try #require(Self.dataset)
        #expect(Array(d.canonicalJSON().utf8) == Self.json)
        #expect(Array(Self.generator.dataset().canonicalJSON().utf8) == Self.json)
    }

    @Test func streamingWriterGivesTheBytesOfCanonicalJSON() throws {
        let bundled = try Dataset.bundled().get()
        let whole = Array(bundled.canonicalJSON().utf8)
        for chunkSize in [1, 100, 1 << 20] {
            var streamed: [UInt8] = []
            var pieces = 0
            bundled.writeCanonicalJSON(chunkSize: chunkSize) {
                streamed.append(contentsOf: $0); pieces += 1
            }
            #expect(streamed == whole, "chunk size \(chunkSize)")
            if chunkSize == 1 { #expect(pieces > 10) }
        }
        var empty: [UInt8] = []
        Dataset().writeCanonicalJSON { empty.append(contentsOf: $0) }
        #expect(empty == Array(Dataset().canonicalJSON().utf8))
    }

    @Test func everyKindStatusPrecisionAndEventAppears() throws {
        let d = try #require(Self.dataset)
        #expect(Set(d.alliances.map(\.kind)) == Set(AllianceKind.allCases))
        #expect(Set(d.alliances.map(\.status)) == Set(AllianceStatus.allCases))
        let dates = d.alliances.compactMap(\.date)
        #expect(Set(dates.map(\.value.precision)) == [.year, .month, .day])
        #expect(Set(dates.map(\.event)) == Set(DateEvent.allCases))
        #expect(dates.count < d.alliances.count, "some alliances have no date")
        // Roughly 20/30/50 for year, month and day.
        let days = dates.filter { $0.value.precision == .day }.count,
            years = dates.filter { $0.value.precision == .year }.count
        #expect((0.4...0.6).contains(Double(days) / Double(dates.count)))
        #expect((0.12...0.28).contains(Double(years) / Double(dates.count)))
        #expect(Set(d.alliances.flatMap { $0.parties.map(\.role) }) == Set(PartyRole.allCases))
        let amounts = d.alliances.flatMap(\.amounts)
        #expect(Set(amounts.map(\.bound)) == Set(Bound.allCases))
        #expect(amounts.contains { $0.per == .year } && amounts.contains { $0.termYears != nil })
        #expect(amounts.contains { $0.estimated } && amounts.contains { $0.cumulative })
        #expect(amounts.filter { $0.currency == "USD" }.count > amounts.count * 3 / 4)
        #expect(amounts.contains { $0.currency == "EUR" } && Set(amounts.map(\.currency)).count >= 5)
        #expect(amounts.allSatisfy { $0.value >= 1_000_000 && $0.value < 1e15 })
        #expect(d.alliances.contains { $0.amounts.isEmpty }, "some amounts are undisclosed")
        #expect(Set(d.companies.map(\.kind)) == Set(CompanyKind.allCases))
    }

    @Test func partiesHaveRolesThatFitTheKind() throws {
        let d = try #require(Self.dataset)
        for a in d.alliances {
            let roles = Set(a.parties.map(\.role))
            switch a.kind {
            case .investment: #expect(roles == [.investor, .investee], "\(a.id)")
            case .acquisition: #expect(roles == [.acquirer, .target], "\(a.id)")
            case .cloudContract, .chipSupply, .dataLicensing, .energy:
                #expect(roles == [.customer, .supplier], "\(a.id)")
            case .modelDistribution: #expect(roles == [.partner] || roles == [.customer, .supplier], "\(a.id)")
            case .jointInfrastructure, .partnership: #expect(roles == [.partner], "\(a.id)")
            }
            #expect(Set(a.parties.map(\.company)).count == a.parties.count)
        }
    }

    @Test func textsUseAccentsAndCJKInBothLanguages() throws {
        let d = try #require(Self.dataset)
        let names = d.companies.map(\.name).joined(separator: "\n")
        for accented in ["á", "é", "ñ", "ü", "ø", "ç"] {
            #expect(names.lowercased().contains(accented), "no company name with \(accented)")
        }
        #expect(names.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "Chinese or Japanese kanji")
        #expect(names.unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) }, "Korean hangul")
        #expect(names.contains("株式会社"))
        // CJK names have a romanised alias, accented ones their folded spelling.
        for c in d.companies where c.name.unicodeScalars.contains(where: { $0.value >= 0x3000 }) {
            #expect(c.aliases.first?.unicodeScalars.allSatisfy(\.isASCII) == true, "\(c.id)")
        }
        let spanish = d.alliances.map { $0.title.es + " " + $0.summary.es }.joined(separator: " ")
        for word in ["inversión", "energía", "acuerdo", "nube", "chips", "centro de datos", "millones de dólares"] {
            #expect(spanish.contains(word), "no Spanish text with \(word)")
        }
        #expect(d.alliances.allSatisfy { $0.title.en != $0.title.es })
        #expect(Set(d.articles.map(\.language)) == ["en", "es"])
        #expect(d.companies.contains { $0.parent != nil })
        #expect(d.companies.contains { !$0.aliases.isEmpty })
    }

    @Test func everyReferenceResolves() throws {
        let d = try #require(Self.dataset)
        let companies = Set(d.companies.map(\.id)), articles = Set(d.articles.map(\.id))
        let alliances = Set(d.alliances.map(\.id)), groups = Set(d.groups.map(\.id))
        #expect(
            companies.count == d.companies.count && articles.count == d.articles.count
                && alliances.count == d.alliances.count)
        for c in d.companies {
            if let parent = c.parent { #expect(companies.contains(parent) && parent != c.id) }
            #expect(c.groups.allSatisfy(groups.contains))
        }
        for a in d.alliances {
            #expect(a.parties.allSatisfy { companies.contains($0.company) })
            #expect(
                a.amounts.allSatisfy {
                    ($0.from.map(companies.contains) ?? true) && ($0.to.map(companies.contains) ?? true)
                })
        }
        for (_, quote) in allQuotes(d) { #expect(articles.contains(quote.article)) }
        // Every article is quoted by the alliances it covers.
        let quoted = Set(d.alliances.flatMap { $0.sources.map(\.article) })
        #expect(quoted == articles)
        for claim in d.claims {
            switch claim.about {
            case .company(let id), .product(_, let id): #expect(companies.contains(id))
            case .alliance(let id): #expect(alliances.contains(id))
            case .topic: break
            }
        }
        #expect(d.people.allSatisfy { $0.organization.map(companies.contains) ?? true })
        #expect(d.shareEstimates.allSatisfy { $0.shares.allSatisfy { $0.vendor.map(companies.contains) ?? true } })
    }

    @Test func aFewHubsAndALongTail() throws {
        let d = try #require(Self.dataset)
        var count: [String: Int] = [:]
        for a in d.alliances { for p in a.parties { count[p.company, default: 0] += 1 } }
        let sorted = d.companies.map { count[$0.id] ?? 0 }.sorted(by: >)
        let top = sorted[0], median = sorted[sorted.count / 2]
        #expect(median >= 1)
        #expect(top >= 8 * median, "top \(top), median \(median)")
        #expect(sorted.filter { $0 > 0 }.count > sorted.count * 8 / 10, "most companies take part in some alliance")
    }

    @Test func invalidCountsAreRejected() {
        #expect(throws: DatasetGenerator.InvalidCount.tooFewCompanies(1)) {
            try DatasetGenerator(companies: 1, alliances: 10, seed: 1)
        }
        #expect(throws: DatasetGenerator.InvalidCount.tooFewCompanies(-4)) {
            try DatasetGenerator(companies: -4, alliances: 10, seed: 1)
        }
        #expect(throws: DatasetGenerator.InvalidCount.negativeAlliances(-1)) {
            try DatasetGenerator(companies: 10, alliances: -1, seed: 1)
        }
        #expect(throws: DatasetGenerator.InvalidCount.tooManyAlliances(DatasetGenerator.maximumAlliances + 1)) {
            try DatasetGenerator(companies: 10, alliances: DatasetGenerator.maximumAlliances + 1, seed: 1)
        }
        #expect(throws: DatasetGenerator.InvalidCount.tooManyCompanies(DatasetGenerator.maximumCompanies + 1)) {
            try DatasetGenerator(companies: DatasetGenerator.maximumCompanies + 1, alliances: 1, seed: 1)
        }
        #expect(DatasetGenerator.InvalidCount.tooFewCompanies(1).description.contains("at least 2"))
    }

    @Test func theRandomNumberGeneratorsAreDeterministic() {
        // SplitMix64's first output for seed 0 is the reference C code's; xoshiro256** is a function of its seed.
        var split = SplitMix64(seed: 0)
        #expect(split.next() == 0xE220_A839_7B1D_CDAF)
        var a = Xoshiro256StarStar(seed: 1), b = Xoshiro256StarStar(seed: 1), c = Xoshiro256StarStar(seed: 2)
        let first = (0..<4).map { _ in a.next() }
        #expect(first == (0..<4).map { _ in b.next() })
        #expect(first != (0..<4).map { _ in c.next() })
    }
}
