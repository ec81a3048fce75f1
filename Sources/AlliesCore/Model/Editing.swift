// Changing a dataset record by record: adding records, finding what refers to a record, removing records. Every
// change gives a new Dataset value (the old one stays as it was, for undo); saving is Saving.swift's.

import AlliesText

/// The dataset's top-level lists of records.
public enum RecordListName: String, CaseIterable, Sendable {
    case articles, groups, companies, alliances, claims, people, shareEstimates

    /// One record of the list, in messages: `company`, `share estimate`.
    public var noun: String {
        switch self {
        case .articles: return tr("article")
        case .groups: return tr("group")
        case .companies: return tr("company")
        case .alliances: return tr("alliance")
        case .claims: return tr("claim")
        case .people: return tr("person")
        case .shareEstimates: return tr("share estimate")
        }
    }
}

/// One record, by list and id.
public struct RecordKey: Hashable, Sendable, CustomStringConvertible, Comparable {
    public let list: RecordListName
    public let id: String
    public init(_ list: RecordListName, _ id: String) { self.list = list; self.id = id }
    public var description: String { "\(list.noun) \"\(id)\"" }
    public static func < (a: RecordKey, b: RecordKey) -> Bool {
        (RecordListName.allCases.firstIndex(of: a.list)!, a.id) < (
            RecordListName.allCases.firstIndex(of: b.list)!, b.id
        )
    }
}

/// A reference from one record to another, and the field that holds it (`parties[1].company`).
public struct Reference: Hashable, Sendable {
    public let from: RecordKey
    public let field: String
    public let to: RecordKey
}

/// What a removal takes (`Dataset.removal(of:cascade:)`): the records removed, the records kept that lose their
/// quotes of a removed article (with how many each loses), the companies kept that leave a removed group, and the
/// units kept that lose their removed parent company.
public struct Removal: Equatable, Sendable {
    public let removed: Set<RecordKey>
    public let unquoted: [RecordKey: Int]
    public var ungrouped: Set<RecordKey> = []
    public var unparented: Set<RecordKey> = []

    /// The records kept but changed.
    public var changed: Set<RecordKey> { Set(unquoted.keys).union(ungrouped).union(unparented) }
}

extension Dataset {
    /// The dataset with each list of `additions` appended to the same list.
    public func adding(_ additions: Dataset) -> Dataset {
        var d = self
        d.articles += additions.articles
        d.groups += additions.groups
        d.companies += additions.companies
        d.alliances += additions.alliances
        d.claims += additions.claims
        d.people += additions.people
        d.shareEstimates += additions.shareEstimates
        return d
    }

    /// How many records each list holds, for summaries (`2 companies, 1 alliance`); empty lists left out.
    public var recordCounts: [(list: RecordListName, count: Int)] {
        [
            (.articles, articles.count), (.groups, groups.count), (.companies, companies.count),
            (.alliances, alliances.count), (.claims, claims.count), (.people, people.count),
            (.shareEstimates, shareEstimates.count),
        ].filter { $0.1 > 0 }
    }

    /// Every record's key, list by list in order.
    public var recordKeys: [RecordKey] {
        articles.map { RecordKey(.articles, $0.id) } + groups.map { RecordKey(.groups, $0.id) }
            + companies.map { RecordKey(.companies, $0.id) } + alliances.map { RecordKey(.alliances, $0.id) }
            + claims.map { RecordKey(.claims, $0.id) } + people.map { RecordKey(.people, $0.id) }
            + shareEstimates.map { RecordKey(.shareEstimates, $0.id) }
    }

    /// The records that have this id, in any list (ids are unique within a list, not across lists).
    public func records(withID id: String) -> [RecordKey] { recordKeys.filter { $0.id == id } }

    /// Every reference the dataset holds, in record order.
    public var references: [Reference] {
        var out: [Reference] = []
        func sources(_ from: RecordKey, _ list: [SourceQuote]) {
            for (i, s) in list.enumerated() {
                out.append(Reference(from: from, field: "sources[\(i)].article", to: RecordKey(.articles, s.article)))
            }
        }
        for g in groups { sources(RecordKey(.groups, g.id), g.sources) }
        for c in companies {
            let key = RecordKey(.companies, c.id)
            if let p = c.parent { out.append(Reference(from: key, field: "parent", to: RecordKey(.companies, p))) }
            for (i, g) in c.groups.enumerated() {
                out.append(Reference(from: key, field: "groups[\(i)]", to: RecordKey(.groups, g)))
            }
            sources(key, c.sources)
        }
        for a in alliances {
            let key = RecordKey(.alliances, a.id)
            for (i, p) in a.parties.enumerated() {
                out.append(Reference(from: key, field: "parties[\(i)].company", to: RecordKey(.companies, p.company)))
            }
            for (i, m) in a.amounts.enumerated() {
                if let f = m.from {
                    out.append(Reference(from: key, field: "amounts[\(i)].from", to: RecordKey(.companies, f)))
                }
                if let t = m.to {
                    out.append(Reference(from: key, field: "amounts[\(i)].to", to: RecordKey(.companies, t)))
                }
            }
            sources(key, a.sources)
        }
        for c in claims {
            let key = RecordKey(.claims, c.id)
            switch c.about {
            case .company(let id), .product(_, let id):
                out.append(Reference(from: key, field: "about.company", to: RecordKey(.companies, id)))
            case .alliance(let id):
                out.append(Reference(from: key, field: "about.alliance", to: RecordKey(.alliances, id)))
            case .topic: break
            }
            sources(key, c.sources)
        }
        for p in people {
            let key = RecordKey(.people, p.id)
            if let o = p.organization {
                out.append(Reference(from: key, field: "organization", to: RecordKey(.companies, o)))
            }
            sources(key, p.sources)
        }
        for e in shareEstimates {
            let key = RecordKey(.shareEstimates, e.id)
            for (i, s) in e.shares.enumerated() {
                if let v = s.vendor {
                    out.append(Reference(from: key, field: "shares[\(i)].vendor", to: RecordKey(.companies, v)))
                }
            }
            sources(key, e.sources)
        }
        return out
    }

    /// The references to `key` from other records.
    public func referrers(of key: RecordKey) -> [Reference] {
        references.filter { $0.to == key && $0.from != key }
    }

    /// What removing `keys` takes: with `cascade`, every record that refers to one of them, and so on — except
    /// that a record quoting a removed article among other sources (or with a dataset record) only loses those
    /// quotes, a company in a removed group only leaves it, and a unit of a removed company stays as a company of its
    /// own: deleting one article, one label or a parent must not take a company or a deal that other sources still
    /// state (a unit has its own deals and sources).
    public func removal(of keys: Set<RecordKey>, cascade: Bool) -> Removal {
        guard cascade else { return Removal(removed: keys, unquoted: [:]) }
        let all = references
        // Nothing refers from an article, so the articles removed are those asked for.
        let articles = Set(keys.filter { $0.list == .articles })
        var otherSources = Set<RecordKey>()
        for r in all where r.field.hasPrefix("sources[") && !articles.contains(r.to) { otherSources.insert(r.from) }
        for c in companies where !c.records.isEmpty { otherSources.insert(RecordKey(.companies, c.id)) }
        for a in alliances where !a.records.isEmpty { otherSources.insert(RecordKey(.alliances, a.id)) }
        var byTarget: [RecordKey: [Reference]] = [:]
        for r in all where r.from != r.to { byTarget[r.to, default: []].append(r) }
        var removed = keys
        var queue = Array(keys)
        while let next = queue.popLast() {
            for r in byTarget[next] ?? [] where !removed.contains(r.from) {
                if r.field.hasPrefix("sources["), otherSources.contains(r.from) { continue }
                if r.field.hasPrefix("groups[") || r.field == "parent" { continue }
                removed.insert(r.from)
                queue.append(r.from)
            }
        }
        var unquoted: [RecordKey: Int] = [:]
        for r in all where articles.contains(r.to) && !removed.contains(r.from) { unquoted[r.from, default: 0] += 1 }
        let ungrouped = Set(
            all.filter { $0.field.hasPrefix("groups[") && removed.contains($0.to) && !removed.contains($0.from) }
                .map(\.from))
        let unparented = Set(
            all.filter { $0.field == "parent" && removed.contains($0.to) && !removed.contains($0.from) }.map(\.from))
        return Removal(removed: removed, unquoted: unquoted, ungrouped: ungrouped, unparented: unparented)
    }

    /// The dataset without the records `removal` removes, without the quotes of removed articles in the records it
    /// keeps, without removed groups in the companies' memberships, and without removed parents.
    public func removing(_ removal: Removal) -> Dataset {
        var d = removing(removal.removed)
        let groups = Set(removal.removed.filter { $0.list == .groups }.map(\.id))
        let parents = Set(removal.removed.filter { $0.list == .companies }.map(\.id))
        for i in d.companies.indices {
            d.companies[i].groups.removeAll { groups.contains($0) }
            if let parent = d.companies[i].parent, parents.contains(parent) { d.companies[i].parent = nil }
        }
        let gone = Set(removal.removed.filter { $0.list == .articles }.map(\.id))
        guard !gone.isEmpty else { return d }
        // Only the records that quote a removed article are set: setting an alliance's sources makes its provenance
        // its own (`StoredProvenance`), left in the store otherwise.
        func drop<R>(_ records: inout [R], _ sources: WritableKeyPath<R, [SourceQuote]>) {
            for i in records.indices where records[i][keyPath: sources].contains(where: { gone.contains($0.article) }) {
                records[i][keyPath: sources].removeAll { gone.contains($0.article) }
            }
        }
        drop(&d.groups, \.sources)
        drop(&d.companies, \.sources)
        drop(&d.alliances, \.sources)
        drop(&d.claims, \.sources)
        drop(&d.people, \.sources)
        drop(&d.shareEstimates, \.sources)
        return d
    }

    /// The dataset without these records.
    public func removing(_ keys: Set<RecordKey>) -> Dataset {
        var d = self
        d.articles.removeAll { keys.contains(RecordKey(.articles, $0.id)) }
        d.groups.removeAll { keys.contains(RecordKey(.groups, $0.id)) }
        d.companies.removeAll { keys.contains(RecordKey(.companies, $0.id)) }
        d.alliances.removeAll { keys.contains(RecordKey(.alliances, $0.id)) }
        d.claims.removeAll { keys.contains(RecordKey(.claims, $0.id)) }
        d.people.removeAll { keys.contains(RecordKey(.people, $0.id)) }
        d.shareEstimates.removeAll { keys.contains(RecordKey(.shareEstimates, $0.id)) }
        return d
    }
}

// MARK: - Added and updated

/// A top-level record, which may carry the day it was added to the dataset and the day an edit last changed it.
public protocol DatedRecord: Identifiable<String> {
    var added: PartialDate? { get set }
    var updated: PartialDate? { get set }
}

extension Article: DatedRecord {}
extension Group: DatedRecord {}
extension Company: DatedRecord {}
extension Alliance: DatedRecord {}
extension Claim: DatedRecord {}
extension Person: DatedRecord {}
extension ShareEstimate: DatedRecord {}

/// A record added or updated since a day, for `allies changes`.
public struct RecordChange: Hashable, Sendable {
    public enum Kind: String, Sendable { case added, updated }
    public let key: RecordKey
    /// The later of the record's dates that are on or after the day asked for.
    public let date: PartialDate
    public let kind: Kind
}

extension PartialDate {
    /// The first day the date can mean: `2026` → 2026-01-01, `2026-11` → 2026-11-01; a day is itself.
    public var firstDay: PartialDate { PartialDate(year: year, month: month ?? 1, day: day ?? 1) }
}

extension Dataset {
    /// The dataset with `added` set to `day` on the records of `added` that have none (a record imported with its own
    /// date keeps it), and `updated` set to `day` on the records of `updated`. `day` is a whole day (`2026-11-18`).
    public func stamped(added: Set<RecordKey> = [], updated: Set<RecordKey> = [], on day: PartialDate) -> Dataset {
        precondition(day.precision == .day, "records are stamped with a day, not \(day)")
        var d = self
        let lists = Set((added.union(updated)).map(\.list))
        func stamp<T: DatedRecord>(_ list: RecordListName, _ records: inout [T]) {
            guard lists.contains(list) else { return }
            for i in records.indices {
                let key = RecordKey(list, records[i].id)
                if records[i].added == nil && added.contains(key) { records[i].added = day }
                if updated.contains(key) { records[i].updated = day }
            }
        }
        stamp(.articles, &d.articles)
        stamp(.groups, &d.groups)
        stamp(.companies, &d.companies)
        stamp(.alliances, &d.alliances)
        stamp(.claims, &d.claims)
        stamp(.people, &d.people)
        stamp(.shareEstimates, &d.shareEstimates)
        return d
    }

    /// The records added or updated on or after `since` (a year or a month means from its first day), one change per
    /// record, dated by the later of its dates that qualify (`updated` on a day it was also `added` counts as added);
    /// newest first, then by list and id.
    public func changes(since: PartialDate) -> [RecordChange] {
        let start = since.firstDay
        var out: [RecordChange] = []
        func collect<T: DatedRecord>(_ list: RecordListName, _ records: [T]) {
            for r in records {
                let added = r.added.flatMap { $0 >= start ? $0 : nil }
                let updated = r.updated.flatMap { $0 >= start ? $0 : nil }
                let key = RecordKey(list, r.id)
                switch (added, updated) {
                case (let a?, let u?) where u > a: out.append(RecordChange(key: key, date: u, kind: .updated))
                case (let a?, _): out.append(RecordChange(key: key, date: a, kind: .added))
                case (nil, let u?): out.append(RecordChange(key: key, date: u, kind: .updated))
                case (nil, nil): break
                }
            }
        }
        collect(.articles, articles)
        collect(.groups, groups)
        collect(.companies, companies)
        collect(.alliances, alliances)
        collect(.claims, claims)
        collect(.people, people)
        collect(.shareEstimates, shareEstimates)
        return out.sorted { $0.date != $1.date ? $0.date > $1.date : $0.key < $1.key }
    }
}

extension Dataset {
    /// `duplicate` folded into `company`: the same company under two records (an import's uncertain match that a
    /// person accepted). Every reference to `duplicate` becomes one to `company`; its name and aliases become
    /// aliases, its records, sectors and sources are kept, a missing country or parent is taken from it; then it
    /// goes. Refused, with why, when it would put one company twice in a deal or make a company its own parent.
    public func mergingCompany(_ duplicate: String, into company: String) -> Result<Dataset, MergeRefusal> {
        guard duplicate != company else { return .failure(MergeRefusal(tr("a company cannot be merged into itself"))) }
        guard let from = companies.firstIndex(where: { $0.id == duplicate }) else {
            return .failure(MergeRefusal(tr("no company \"{0}\"", duplicate)))
        }
        guard let to = companies.firstIndex(where: { $0.id == company }) else {
            return .failure(MergeRefusal(tr("no company \"{0}\"", company)))
        }
        for a in alliances {
            let ids = a.parties.map(\.company)
            if ids.contains(duplicate) && ids.contains(company) {
                let refusal = tr("both are parties of alliance {0}: merged, one company would be there twice", a.id)
                return .failure(MergeRefusal(refusal))
            }
        }
        var d = self
        let gone = d.companies[from]
        var kept = d.companies[to]
        for name in [gone.name] + gone.aliases where name != kept.name && !kept.aliases.contains(name) {
            kept.aliases.append(name)
        }
        if kept.country == nil { kept.country = gone.country }
        if kept.parent == nil, gone.parent != company { kept.parent = gone.parent }
        for s in gone.sectors where !kept.sectors.contains(s) { kept.sectors.append(s) }
        for r in gone.records where !kept.records.contains(r) { kept.records.append(r) }
        for s in gone.sources where !kept.sources.contains(s) { kept.sources.append(s) }
        for c in gone.citations where !kept.citations.contains(c) { kept.citations.append(c) }
        for g in gone.groups where !kept.groups.contains(g) { kept.groups.append(g) }
        for p in gone.products where !kept.products.contains(p) { kept.products.append(p) }
        d.companies[to] = kept
        d.companies.remove(at: from)

        func swap(_ id: String) -> String { id == duplicate ? company : id }
        for i in d.companies.indices {
            if let p = d.companies[i].parent, p == duplicate {
                d.companies[i].parent = d.companies[i].id == company ? nil : company
            }
        }
        for i in d.alliances.indices
        where d.alliances[i].parties.contains(where: { $0.company == duplicate })
            || d.alliances[i].amounts.contains(where: { $0.from == duplicate || $0.to == duplicate })
        {
            for j in d.alliances[i].parties.indices {
                d.alliances[i].parties[j].company = swap(d.alliances[i].parties[j].company)
            }
            for j in d.alliances[i].amounts.indices {
                d.alliances[i].amounts[j].from = d.alliances[i].amounts[j].from.map(swap)
                d.alliances[i].amounts[j].to = d.alliances[i].amounts[j].to.map(swap)
            }
        }
        for i in d.claims.indices {
            switch d.claims[i].about {
            case .company(let id): d.claims[i].about = .company(swap(id))
            case .product(let name, let id): d.claims[i].about = .product(name: name, company: swap(id))
            case .alliance, .topic: break
            }
        }
        for i in d.people.indices { d.people[i].organization = d.people[i].organization.map(swap) }
        for i in d.shareEstimates.indices {
            for j in d.shareEstimates[i].shares.indices {
                d.shareEstimates[i].shares[j].vendor = d.shareEstimates[i].shares[j].vendor.map(swap)
            }
        }
        return .success(d)
    }
}

/// Why two companies cannot be merged.
public struct MergeRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
