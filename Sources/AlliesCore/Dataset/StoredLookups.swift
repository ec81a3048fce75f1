// The lookups a store answers one command with, reading only the records that command shows.

/// A dataset's snapshot opened to answer queries: its index read in place and its records decoded one at a time.
public struct StoredDataset: Sendable {
    public let index: SearchIndex
    let records: StoredRecords

    /// Whether a part read so far failed its check: the answers are not to be trusted, and the snapshot is to be
    /// removed and the query answered from the dataset file instead.
    public var damaged: Bool { records.damaged || index.usage?.damaged == true }

    /// A catalog of the companies alone: what resolves the names a query's `with:` gives.
    public func companies() -> Catalog? {
        guard let companies = try? records.companies.all() else { return nil }
        return Catalog(Dataset(companies: companies))
    }

    /// The alliance whose id is `text` (as `Catalog.resolveAlliance` compares it: lowercased; or the one id that
    /// starts with it, in ASCII), with a catalog of what showing it reads: the companies its parties and amounts
    /// name, its sources' articles, the claims about it. Nil when the store cannot answer alone as the dataset
    /// would (no such id, several, an id held twice, a record that cannot be read): the caller loads the dataset.
    public func alliance(_ text: String) -> (alliance: Alliance, catalog: Catalog)? {
        let key = text.lowercased()
        let ids = records.allianceIDs
        var number = ids.find(key)
        if number == nil, !key.isEmpty, key.utf8.allSatisfy({ $0 < 0x80 }) {
            let range = ids.range(prefix: key)
            // One id, in ASCII: the dataset's own comparison (by characters) agrees with the bytes'.
            if range.count == 1, ids.bytes(at: range.lowerBound).allSatisfy({ $0 < 0x80 }) { number = range.lowerBound }
        }
        guard let number else { return nil }
        // An id held twice: the dataset shows the first of them, which the sorted table does not tell.
        guard ids.isHeldOnce(number) else { return nil }
        let position = Int(records.alliancePositions[number])
        guard let a = records.alliance(at: position), let claims = records.positions(records.allianceClaims, position)
        else { return nil }
        var seen = Set<String>()
        let named = a.parties.map(\.company) + a.amounts.flatMap { [$0.from, $0.to].compactMap { $0 } }
        let companies = named.compactMap { seen.insert($0).inserted ? records.company(id: $0) : nil }
        seen = []
        let articles = a.sources.compactMap { seen.insert($0.article).inserted ? records.article(id: $0.article) : nil }
        let catalog = Catalog(
            Dataset(
                articles: articles, companies: companies, alliances: [a],
                claims: claims.compactMap(records.claim(at:))))
        return records.damaged ? nil : (a, catalog)
    }

    /// What `Catalog.resolveAlliance` answers for `text` — the id, the one id it starts, the ids it starts (in the
    /// dataset's order), or none with the nearest ids suggested — from the store's sorted ids, so an id that is not
    /// one alliance's is refused without reading the dataset. Nil when the bytes cannot decide as the dataset's
    /// comparison would (a text or an id it starts outside ASCII) or the table is damaged.
    public func allianceResolution(_ text: String) -> Catalog.Resolution? {
        let key = text.lowercased()
        let ids = records.allianceIDs
        guard key.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        if ids.find(key) != nil { return .found(key) }
        let range = ids.range(prefix: key)
        let id = { (number: Int) in String(decoding: ids.bytes(at: number), as: UTF8.self) }
        guard range.allSatisfy({ ids.bytes(at: $0).allSatisfy { $0 < 0x80 } }) else { return nil }
        let resolution: Catalog.Resolution
        if range.count == 1 {
            resolution = .found(id(range.lowerBound))
        } else if !range.isEmpty {
            resolution = .ambiguous(
                range.sorted { records.alliancePositions[$0] < records.alliancePositions[$1] }.map(id))
        } else {
            var near = NearWords(key, limit: max(3, key.count / 3))
            var close: [(String, Int)] = []
            for number in 0..<ids.count {
                let bytes = ids.bytes(at: number)
                if bytes.allSatisfy({ $0 < 0x80 }) {
                    if let d = near.distance(toASCII: bytes) { close.append((id(number), d)) }
                } else {
                    // An id outside ASCII can start with the text by the dataset's comparison (U+037E is `;`).
                    let other = id(number)
                    if other.hasPrefix(key) { return nil }
                    if let d = near.distance(to: other) { close.append((other, d)) }
                }
            }
            resolution = .notFound(
                suggestions: Array(close.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.0).prefix(3)))
        }
        return ids.damaged ? nil : resolution
    }

    /// The company that `text` names (as `Catalog.resolveCompany` finds it: its id, name or an alias, folded; else
    /// the one company whose folded name starts with it, three characters or more), with a catalog of what
    /// showing it reads: its alliances and every company they name, its parent and units, its groups, people,
    /// claims about it, the share estimates and its sources' articles. Nil when the store cannot answer alone as
    /// the dataset would (no such company, several, an id held twice, a record that cannot be read): the caller
    /// loads the dataset, which says what matched and what is close.
    public func company(_ text: String) -> (company: Company, catalog: Catalog)? {
        guard let (position, company) = resolveCompany(text),
            let units = records.positions(records.units, position),
            let people = records.positions(records.companyPeople, position),
            let claims = records.positions(records.companyClaims, position),
            let groups = try? records.groups.all(), let shares = try? records.shareEstimates.all()
        else { return nil }
        // A company is party to an alliance once per party it is: the catalog lists the alliance that often.
        let alliances = Set(records.alliances(ofCompany: company.id)).sorted().compactMap(records.alliance(at:))
        var named = Set([position] + units)
        for id in [company.parent].compactMap({ $0 })
            + alliances.flatMap({ a in
                a.parties.map(\.company) + a.amounts.flatMap { [$0.from, $0.to].compactMap { $0 } }
            })
        {
            if let n = records.companyIDs.find(id) { named.insert(Int(records.companyPositions[n])) }
        }
        var seen = Set<String>()
        let articles = company.sources.compactMap {
            seen.insert($0.article).inserted ? records.article(id: $0.article) : nil
        }
        let catalog = Catalog(
            Dataset(
                articles: articles, groups: groups, companies: named.sorted().compactMap(records.company(at:)),
                alliances: alliances, claims: claims.compactMap(records.claim(at:)),
                people: people.compactMap(records.person(at:)), shareEstimates: shares))
        return records.damaged ? nil : (company, catalog)
    }

    /// The one company `text` names, as `Catalog.resolveCompany` finds it, with its position; nil when the store
    /// cannot tell alone (no such company, several, an id held twice, a name its bytes do not decide).
    func resolveCompany(_ text: String) -> (position: Int, company: Company)? {
        // Found or nothing: a typo's suggestions (a pass over every name) are the refusal's to make, once.
        guard let (resolution, named) = resolvedCompanies(text, suggesting: false), case .found = resolution else {
            return nil
        }
        return named[0]
    }

    /// What `Catalog.resolveCompany` answers for `text` — the one company, the companies whose name it is, or none
    /// with the nearest names suggested — and a catalog of the companies it names (for their names), answered from
    /// the store's table of folded names: a name that is several companies' or none is refused without reading the
    /// dataset. Nil when the bytes cannot decide as the dataset's comparison would (the text or a name of the table
    /// outside `Folding.comparesByBytes`, a company id held twice) or a record cannot be read.
    public func companyResolution(_ text: String) -> (resolution: Catalog.Resolution, catalog: Catalog)? {
        resolvedCompanies(text, suggesting: true).map {
            ($0.resolution, Catalog(Dataset(companies: $0.named.map(\.company))))
        }
    }

    /// `companyResolution`'s answer, with the position of each company it names, in its order; without
    /// `suggesting`, nil where the answer would be suggestions.
    private func resolvedCompanies(_ text: String, suggesting: Bool)
        -> (resolution: Catalog.Resolution, named: [(position: Int, company: Company)])?
    {
        let key = Catalog.nameKey(text)
        let names = records.companyNames
        guard !key.isEmpty, Folding.comparesByBytes(key) else { return nil }
        var companies: [Int: Company] = [:]
        /// The ids of the companies at the name table's numbers, sorted and each once; nil when one cannot be read.
        func ids(_ numbers: some Sequence<Int>) -> [String]? {
            var ids = Set<String>()
            for position in Set(numbers.map { Int(records.companyNamePositions[$0]) }) {
                guard let company = companies[position] ?? records.company(at: position) else { return nil }
                companies[position] = company
                ids.insert(company.id)
            }
            return ids.sorted()
        }
        let range = names.range(prefix: key)
        let resolution: Catalog.Resolution
        if case let exact = range.filter({ names.bytes(at: $0).count == key.utf8.count }), !exact.isEmpty {
            guard !nameOutsideBytes(startsWith: key), let named = ids(exact) else { return nil }
            resolution = named.count == 1 ? .found(named[0]) : .ambiguous(named)
        } else {
            // As the catalog: a unique prefix of three characters or more, else the nearest names, the prefixed first.
            let prefixed = key.count >= 3 ? range : 0..<0
            // A prefix is taken by characters: for these names, the bytes' comparison agrees with it.
            guard
                prefixed.allSatisfy({
                    Folding.comparesByBytes(String(decoding: names.bytes(at: $0), as: UTF8.self))
                }),
                let starting = ids(prefixed)
            else { return nil }
            if starting.count == 1 {
                guard !nameOutsideBytes(startsWith: key) else { return nil }
                resolution = .found(starting[0])
            } else if !suggesting {
                return nil
            } else {
                var near = NearWords(key, limit: max(2, key.count / 3))
                var scored = starting.map { ($0, 0) }
                // The catalog keeps one spelling of names Swift finds equal (canonically equivalent) and measures
                // the distance to it: the bytes decide alike only when no name has two spellings. Names outside
                // `comparesByBytes` are the only ones that can have another, or start with the text unseen by bytes.
                var others: [String: [UInt8]] = [:]
                for number in 0..<names.count {
                    let bytes = names.bytes(at: number)
                    let ascii = bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
                    let name = ascii ? nil : String(decoding: bytes, as: UTF8.self)
                    if let name, !Folding.comparesByBytes(name) {
                        if name.hasPrefix(key) { return nil }
                        if let spelt = others.updateValue(Array(bytes), forKey: name), spelt != Array(bytes) {
                            return nil
                        }
                    }
                    guard let d = name.map({ near.distance(to: $0) }) ?? near.distance(toASCII: bytes),
                        let named = ids([number])
                    else { continue }
                    scored.append((named[0], d))
                }
                // A name the bytes decide that is another spelling of one outside them.
                if !others.isEmpty {
                    for number in 0..<names.count {
                        let bytes = names.bytes(at: number)
                        if let spelt = others[String(decoding: bytes, as: UTF8.self)], !spelt.elementsEqual(bytes) {
                            return nil
                        }
                    }
                }
                var seen = Set<String>()
                let suggestions = scored.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.0)
                    .filter { seen.insert($0).inserted }
                resolution = .notFound(suggestions: Array(suggestions.prefix(3)))
            }
        }
        let named: [String] =
            switch resolution {
            case .found(let id): [id]
            case .ambiguous(let ids): ids
            case .notFound(let suggestions): suggestions
            }
        // An id held twice: the catalog names it by the first of its companies, which the sorted tables do not tell.
        var shown: [(position: Int, company: Company)] = []
        for id in named {
            guard let number = records.companyIDs.find(id), records.companyIDs.isHeldOnce(number) else { return nil }
            let position = Int(records.companyPositions[number])
            guard let company = companies[position] ?? records.company(at: position) else { return nil }
            shown.append((position, company))
        }
        return records.damaged ? nil : (resolution, shown)
    }

    /// Whether a name of the table outside `Folding.comparesByBytes` is `key`, or starts with it, as Swift compares
    /// them (canonical equivalence: U+F900 豈 is U+8C48 豈, U+037E is `;`): the catalog's lookups, keyed by strings,
    /// find it where the sorted bytes do not. A pass over the names' bytes; only those outside ASCII are decoded.
    private func nameOutsideBytes(startsWith key: String) -> Bool {
        let names = records.companyNames
        for number in 0..<names.count {
            let bytes = names.bytes(at: number)
            if bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { continue }
            let name = String(decoding: bytes, as: UTF8.self)
            if !Folding.comparesByBytes(name) && name.hasPrefix(key) { return true }
        }
        return false
    }

    /// The two companies `from` and `to` name and a catalog in which the network's shortest paths between them
    /// are the whole dataset's, step for step and in the same order (`Network.shortestPaths`, units not merged).
    /// The network's breadth-first search from `from` reads the ties of every company nearer to it than `to`, in
    /// dataset order; of those one step short of `to` it only keeps the ties to `to` (its parents on the paths).
    /// So the catalog holds every alliance of every company at least two steps nearer than `to`, and `to`'s own.
    /// Nil when the store cannot answer alone (a name it cannot resolve, a record that cannot be read) or reading
    /// most of the dataset would be needed (companies far apart, or not connected).
    public func pathCatalog(from: String, to: String, agreedOnly: Bool) -> (from: String, to: String, catalog: Catalog)?
    {
        guard let (_, a) = resolveCompany(from), let (_, b) = resolveCompany(to) else { return nil }
        var ties = StoredTies(records: records, agreedOnly: agreedOnly)
        guard let nearTo = ties.neighbours(b.id).map(Set.init) else { return nil }
        var distance: [String: Int] = [a.id: 0]
        var frontier = [a.id]
        // Level by level, as the network's search goes, until a company tied to `to` is met or nothing is left.
        while a.id != b.id, !frontier.isEmpty, !frontier.contains(where: nearTo.contains) {
            var next: [String] = []
            for company in frontier {
                guard let tied = ties.neighbours(company), !ties.tooMany else { return nil }
                for other in tied where distance[other] == nil {
                    distance[other] = distance[company]! + 1
                    next.append(other)
                }
            }
            frontier = next
        }
        guard let catalog = ties.catalog(naming: [a.id, b.id]) else { return nil }
        return (a.id, b.id, catalog)
    }

    /// The company `text` names and a catalog in which its network of `depth` hops (`Network.ego`, units not
    /// merged) is the whole dataset's: its alliances and, two hops out, those of every company it is tied to (the
    /// ties the network lists are read from those companies alone, in dataset order). Nil as `pathCatalog`.
    public func egoCatalog(_ text: String, depth: Int, agreedOnly: Bool) -> (company: String, catalog: Catalog)? {
        guard let (_, company) = resolveCompany(text) else { return nil }
        var ties = StoredTies(records: records, agreedOnly: agreedOnly)
        guard let direct = ties.neighbours(company.id) else { return nil }
        if depth >= 2 {
            for partner in Set(direct) {
                guard ties.neighbours(partner) != nil, !ties.tooMany else { return nil }
            }
        }
        guard let catalog = ties.catalog(naming: [company.id]) else { return nil }
        return (company.id, catalog)
    }

    /// A catalog of the alliances among these hits and every company they name: what a listing of them reads.
    public func catalog(for hits: SearchHits) -> Catalog {
        let alliance = UInt8(SearchIndex.kinds.firstIndex(of: .alliance)!)
        let positions = hits.top.map { Int($0 >> 3) }.filter { index.entryKind[$0] == alliance }
            .map { Int(index.entryRecord[$0]) }
        let alliances = positions.compactMap { records.alliance(at: $0) }
        var seen = Set<String>()
        let companies = alliances.flatMap(\.parties).compactMap { p in
            seen.insert(p.company).inserted ? records.company(id: p.company) : nil
        }
        return Catalog(Dataset(companies: companies, alliances: alliances))
    }
}

/// Alliances read from a store for one network question, each read once and kept, in dataset order, for a catalog
/// of them alone.
struct StoredTies {
    let records: StoredRecords
    let agreedOnly: Bool
    private var kept = Set<Int>()
    private var cache: [Int: Alliance] = [:]

    init(records: StoredRecords, agreedOnly: Bool) {
        self.records = records
        self.agreedOnly = agreedOnly
    }

    /// Whether most of the dataset has been read (companies far apart, or hubs): reading it whole is quicker.
    var tooMany: Bool { kept.count > records.alliances.count / 4 + 1000 }

    /// The companies `company` is tied to in the network (`Network.edges`, agreed deals alone when asked), in
    /// the network's order, its alliances read and kept; nil when one cannot be read.
    mutating func neighbours(_ company: String) -> [String]? {
        var out: [String] = []
        for position in records.alliances(ofCompany: company) {
            guard let alliance = cache[position] ?? records.alliance(at: position) else { return nil }
            cache[position] = alliance
            kept.insert(position)
            guard !agreedOnly || MoneyStanding(alliance.status) == .agreed else { continue }
            for edge in Network.edges(of: alliance, node: { $0 }) where edge.from == company || edge.to == company {
                out.append(edge.from == company ? edge.to : edge.from)
            }
        }
        return out
    }

    /// A catalog of the alliances kept, in dataset order, and every company they and `named` name; nil when a
    /// record could not be read.
    func catalog(naming named: [String]) -> Catalog? {
        let alliances = kept.sorted().map { cache[$0]! }
        var companies = Set<Int>()
        let parties = alliances.flatMap { a in
            a.parties.map(\.company) + a.amounts.flatMap { [$0.from, $0.to].compactMap { $0 } }
        }
        for id in named + parties {
            if let n = records.companyIDs.find(id) { companies.insert(Int(records.companyPositions[n])) }
        }
        let catalog = Catalog(
            Dataset(companies: companies.sorted().compactMap(records.company(at:)), alliances: alliances))
        return records.damaged ? nil : catalog
    }
}

/// A store's Companies list read in place, for the explorer's first frame while the dataset is still being read:
/// the orders the store keeps, each company decoded when its row is drawn, and its figures from its own alliances
/// alone. Opening it costs what opening a store for a query costs, whatever the size.
public struct StoredCompanyList: Sendable {
    let records: StoredRecords
    let orders: FlatArray<Int32>

    /// How many companies and alliances the dataset holds.
    public var companyCount: Int { records.companies.count }
    public var allianceCount: Int { records.alliances.count }

    /// Whether a record read so far could not be decoded, or a list was out of place.
    public var damaged: Bool { records.damaged }

    init(_ file: StoreFile) throws(SnapshotError) {
        records = try StoredRecords(file)
        orders = try file.values(.companyOrders)
        guard orders.count == StoredOrders.companyOrders.count * records.companies.count else {
            throw SnapshotReader.damaged
        }
    }

    /// Whether the store keeps the Companies list's `order` (all but by kind: that depends on the reader's language).
    public func keeps(_ order: CompanyOrder) -> Bool { StoredOrders.companyOrders.contains { $0.0 == order } }

    /// Company positions in the Companies list's `order` (as `ListOrders` sorts them); nil for an order the store
    /// does not keep or one that is not a permutation (damaged).
    public func order(_ order: CompanyOrder, agreedOnly: Bool) -> [Int32]? {
        let n = records.companies.count
        let kept = StoredOrders(companies: orders, alliances: FlatArray(), companyCount: n, allianceCount: 0)
        guard let rows = kept.companies(order, agreedOnly: agreedOnly), StoredOrders.isPermutation(rows[...], of: n)
        else { return nil }
        return rows
    }

    /// The company at dataset position `k`; nil when it cannot be read.
    public func company(at k: Int) -> Company? {
        guard k >= 0, k < records.companies.count else { return nil }
        return records.company(at: k)
    }

    /// How many alliances `company` has (its figures' `alliances`), from the lookup alone: what reading its figures
    /// costs, in alliances decoded. Nil when the lookup is damaged (an unknown count is not 0).
    public func deals(of company: Company) -> Int? {
        let count = records.alliances(ofCompany: company.id).count
        return records.damaged ? nil : count
    }

    /// The figures of `company`, as `CompanyFigures` gives them for the whole dataset: they are made from the
    /// company's own alliances (each as often as the company is a party to it), so a catalog of those alone gives
    /// the same. Nil when a record cannot be read.
    public func figures(of company: Company) -> CompanyFigures.Figures? {
        let positions = Set(records.alliances(ofCompany: company.id)).sorted()
        let alliances = positions.compactMap(records.alliance(at:))
        // Their pages are given back once read (the figures are kept by the caller): a screen of companies read
        // ~50 MB of the alliances' pages at a million alliances, held beside the dataset being read until it came.
        for section in [StoreSection.allianceStarts, .alliances] { records.file.file.release(records.file[section]) }
        guard alliances.count == positions.count, !records.damaged else { return nil }
        return CompanyFigures(Catalog(Dataset(companies: [company], alliances: alliances)))[0]
    }
}
