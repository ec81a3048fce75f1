import Dispatch

/// A loaded dataset with the lookups every view needs, built once.
public final class Catalog: @unchecked Sendable {
    public let dataset: Dataset
    public let companyIndex: IDIndex<Company>
    public let allianceIndex: IDIndex<Alliance>
    public let articleIndex: IDIndex<Article>
    public let groupIndex: IDIndex<Group>
    public let claimIndex: IDIndex<Claim>
    public let personIndex: IDIndex<Person>
    public let shareEstimateIndex: IDIndex<ShareEstimate>
    /// Alliance positions per company id, in dataset order.
    public let alliancesByCompany: AlliancesByCompany
    /// Units per parent id (amazon → [aws]).
    public let childrenByParent: [String: [String]]
    /// Folded id, name and alias → the position of the company it names, or, when several companies share it,
    /// `-1 - k` for `sharedNames[k]`: one integer a name, not an array (~14 MB at 100,000 companies' ~220,000 names).
    private let nameIndex: [String: Int32]
    private let sharedNames: [[Int32]]
    /// The long lists' orders, when this catalog was read from a store that keeps them (nil: computed as sorted).
    public let storedOrders: StoredOrders?

    public init(_ dataset: Dataset, storedOrders: StoredOrders? = nil) {
        self.dataset = dataset
        self.storedOrders = storedOrders
        // Two halves of the lookups built at once, on two cores (a million alliances take seconds each way): the
        // lookups by id on one, what is keyed by company on the other.
        nonisolated(unsafe) var byID:
            (
                companies: IDIndex<Company>, alliances: IDIndex<Alliance>, articles: IDIndex<Article>,
                claims: IDIndex<Claim>, people: IDIndex<Person>
            )?
        nonisolated(unsafe) var byCompany:
            (
                alliances: AlliancesByCompany, children: [String: [String]], names: [String: Int32],
                shared: [[Int32]]
            )?
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            if part == 0 {
                byID = (
                    IDIndex(dataset.companies), IDIndex(dataset.alliances), IDIndex(dataset.articles),
                    IDIndex(dataset.claims), IDIndex(dataset.people)
                )
                return
            }
            let alliances = AlliancesByCompany(dataset.alliances)
            var children = [String: [String]]()
            var names = [String: Int32](), shared: [[Int32]] = []
            for (i, company) in dataset.companies.enumerated() {
                if let parent = company.parent { children[parent, default: []].append(company.id) }
                for key in Set(Set([company.id, company.name] + company.aliases).map(Folding.fold)) {
                    switch names[key] {
                    case nil: names[key] = Int32(i)
                    case let k? where k < 0: shared[Int(-1 - k)].append(Int32(i))
                    case let p?:
                        names[key] = -1 - Int32(shared.count)
                        shared.append([p, Int32(i)])
                    }
                }
            }
            byCompany = (alliances, children, names, shared)
        }
        companyIndex = byID!.companies
        allianceIndex = byID!.alliances
        articleIndex = byID!.articles
        claimIndex = byID!.claims
        personIndex = byID!.people
        groupIndex = IDIndex(dataset.groups)
        shareEstimateIndex = IDIndex(dataset.shareEstimates)
        alliancesByCompany = byCompany!.alliances
        childrenByParent = byCompany!.children
        nameIndex = byCompany!.names
        sharedNames = byCompany!.shared
    }

    public func company(_ id: String) -> Company? { companyIndex[id].map { dataset.companies[$0] } }
    public func alliance(_ id: String) -> Alliance? { allianceIndex[id].map { dataset.alliances[$0] } }
    public func article(_ id: String) -> Article? { articleIndex[id].map { dataset.articles[$0] } }
    public func claim(_ id: String) -> Claim? { claimIndex[id].map { dataset.claims[$0] } }
    public func person(_ id: String) -> Person? { personIndex[id].map { dataset.people[$0] } }
    public func group(_ id: String) -> Group? { groupIndex[id].map { dataset.groups[$0] } }
    public func shareEstimate(_ id: String) -> ShareEstimate? {
        shareEstimateIndex[id].map { dataset.shareEstimates[$0] }
    }

    public func companyName(_ id: String) -> String { company(id)?.name ?? id }

    /// A record's title in one line, for listings of records of every kind: an alliance's English title, a company's,
    /// group's or person's name, a claim's English text, an article's title, a share estimate's `publisher: market
    /// year`. Empty when the dataset has no such record.
    public func recordTitle(_ key: RecordKey) -> String {
        switch key.list {
        case .alliances: return alliance(key.id)?.title.preferred ?? ""
        case .companies: return company(key.id)?.name ?? ""
        case .articles: return article(key.id)?.title ?? ""
        case .groups: return group(key.id)?.name ?? ""
        case .claims: return claim(key.id)?.text.preferred ?? ""
        case .people: return person(key.id)?.name ?? ""
        case .shareEstimates:
            return shareEstimate(key.id).map { "\($0.publisher): \($0.market) \($0.year)" }
                ?? ""
        }
    }

    public func alliances(of companyID: String) -> [Alliance] {
        alliancesByCompany[companyID]?.map { dataset.alliances[$0] } ?? []
    }

    /// `alliances` newest first, undated last, ties in dataset order: how every listing of a company's alliances
    /// is ordered (the explorer's company screen and `allies company`).
    public static func newestFirst(_ alliances: [Alliance]) -> [Alliance] {
        alliances.enumerated().sorted { x, y in
            switch (x.element.date?.value, y.element.date?.value) {
            case let (p?, q?) where p != q: return p > q
            case (.some, nil): return true
            case (nil, .some): return false
            default: return x.offset < y.offset
            }
        }.map(\.element)
    }

    /// The company's partners: every other party of its alliances, with how often, in first-seen order.
    public func partners(of companyID: String) -> [(company: String, alliances: [String])] {
        var order: [String] = []
        var ties: [String: [String]] = [:]
        for i in alliancesByCompany[companyID] ?? [] {
            for party in dataset.alliances[i].parties where party.company != companyID {
                if ties[party.company] == nil { order.append(party.company) }
                ties[party.company, default: []].append(dataset.alliances[i].id)
            }
        }
        return order.map { ($0, ties[$0]!) }
    }

    /// The first of the company's partners, in the order `partners` lists them, until `enough` says there are
    /// enough: a hub's 21,000 partners are not all gathered to show the first few.
    public func firstPartners(of companyID: String, until enough: ([String]) -> Bool) -> [String] {
        var seen: Set = [companyID], order: [String] = []
        for i in alliancesByCompany[companyID] ?? [] {
            for party in dataset.alliances[i].parties where seen.insert(party.company).inserted {
                order.append(party.company)
                if enough(order) { return order }
            }
        }
        return order
    }

    public func people(of companyID: String) -> [Person] {
        dataset.people.filter { $0.organization == companyID }
    }

    public func claims(about companyID: String) -> [Claim] {
        dataset.claims.filter {
            switch $0.about {
            case .company(let c), .product(_, let c): return c == companyID
            default: return false
            }
        }
    }

    public func claims(aboutAlliance allianceID: String) -> [Claim] {
        dataset.claims.filter { $0.about == .alliance(allianceID) }
    }

    /// The most recent date among the company's alliances.
    public func lastActivity(of companyID: String) -> PartialDate? {
        (alliancesByCompany[companyID] ?? []).compactMap { dataset.alliances[$0].date?.value }.max()
    }

    // MARK: Names

    public enum Resolution: Equatable, Sendable {
        case found(String)
        case ambiguous([String])
        case notFound(suggestions: [String])
    }

    /// Finds a company by id, name or alias, ignoring case and accents; otherwise suggests close names.
    public func resolveCompany(_ text: String) -> Resolution {
        let key = Self.nameKey(text)
        if let named = nameIndex[key] {
            let unique = Array(Set(companyIDs(named))).sorted()
            return unique.count == 1 ? .found(unique[0]) : .ambiguous(unique)
        }
        // A unique prefix of a name or alias is accepted too ("anthro").
        let prefixed = Set(
            nameIndex.filter { $0.key.hasPrefix(key) && key.count >= 3 }.flatMap { companyIDs($0.value) })
        if prefixed.count == 1 { return .found(prefixed.first!) }
        var scored: [(String, Int)] = []
        var near = NearWords(key, limit: max(2, key.count / 3))
        for (name, named) in nameIndex {
            if let d = near.distance(to: name) { scored += companyIDs(named).map { ($0, d) } }
        }
        var seen = Set<String>()
        let suggestions = (prefixed.map { ($0, 0) } + scored).sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            .map(\.0).filter { seen.insert($0).inserted }
        return .notFound(suggestions: Array(suggestions.prefix(3)))
    }

    /// What a company's name is looked up by: the text without the spaces and tabs around it, folded.
    static func nameKey(_ text: String) -> String {
        Folding.fold(
            String(text.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed()))
    }

    /// The ids of the companies a name of `nameIndex` names.
    private func companyIDs(_ named: Int32) -> [String] {
        let positions = named >= 0 ? [named] : sharedNames[Int(-1 - named)]
        return positions.map { dataset.companies[Int($0)].id }
    }

    /// Finds an alliance by exact id, or by a unique id prefix.
    public func resolveAlliance(_ text: String) -> Resolution {
        let key = text.lowercased()
        return Self.resolve(key, among: dataset.alliances.map(\.id), known: allianceIndex[key] != nil)
    }

    /// Finds an article by exact id, or by a unique id prefix (as a table cut to the terminal shows it).
    public func resolveArticle(_ id: String) -> Resolution {
        Self.resolve(id, among: dataset.articles.map(\.id), known: dataset.articles.contains { $0.id == id })
    }

    /// `key` when it is an id (`known`), else the one id it starts, else the ids it starts, else the nearest ids.
    static func resolve(_ key: String, among ids: [String], known: Bool) -> Resolution {
        if known { return .found(key) }
        let prefixed = ids.filter { $0.hasPrefix(key) }
        if prefixed.count == 1 { return .found(prefixed[0]) }
        if prefixed.count > 1 { return .ambiguous(prefixed) }
        var near = NearWords(key, limit: max(3, key.count / 3))
        let close = ids.compactMap { id in near.distance(to: id).map { (id, $0) } }
            .sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.0)
        return .notFound(suggestions: Array(close.prefix(3)))
    }
}
