// Merging an import batch into a dataset: companies matched to the ones already there (by the source's key, then by
// normalised name), alliances added once per source record, and candidates listed where a match is not certain.

/// A user's decision on a candidate match, kept in a file beside the dataset and applied again on the next import
/// of the same source.
public struct ReviewDecision: Sendable, Equatable, Hashable {
    public enum Verdict: String, Sendable, CaseIterable { case accept, reject }
    /// The imported company: its source dataset and key.
    public var dataset: String
    public var key: String
    /// The dataset's company it may be.
    public var company: String
    public var verdict: Verdict
    public init(dataset: String, key: String, company: String, verdict: Verdict) {
        self.dataset = dataset; self.key = key; self.company = company; self.verdict = verdict
    }
}

/// An imported company that may be a company of the dataset: listed by `--review`, decided on the review screen.
public struct MatchCandidate: Sendable, Equatable {
    public var dataset: String
    public var key: String
    public var name: String
    /// The company it was added as (a new company, until the match is accepted).
    public var added: String
    /// The company it may be, and its name.
    public var company: String
    public var companyName: String
    /// Why it is a candidate and not a certain match.
    public var reason: String
    public init(
        dataset: String, key: String, name: String, added: String, company: String, companyName: String,
        reason: String
    ) {
        self.dataset = dataset; self.key = key; self.name = name; self.added = added; self.company = company
        self.companyName = companyName; self.reason = reason
    }
}

/// The counts an import reports; `records` = `alliancesImported + alliancesMerged + companiesImported +
/// companiesMerged + joined + rejected`, the input's records.
public struct ImportSummary: Sendable, Equatable {
    public var records = 0
    public var lines = 0
    /// Alliance records that became new alliances.
    public var alliancesImported = 0
    /// Alliance records already in the dataset (the same source record): nothing new.
    public var alliancesMerged = 0
    /// Company records (of their own line) that became new companies, or matched one already there.
    public var companiesImported = 0
    public var companiesMerged = 0
    public var rejected = 0
    /// Records that are part of another record (a FollowTheMoney Contract of its ContractAward's deal).
    public var joined = 0
    /// Companies the import created, and companies already there that it matched (they gain the record).
    public var newCompanies = 0
    public var matchedCompanies = 0
    public var candidates = 0

    public var accountedFor: Int {
        alliancesImported + alliancesMerged + companiesImported + companiesMerged + joined + rejected
    }
}

public struct ImportResult: Sendable {
    public var dataset: Dataset
    public var summary: ImportSummary
    public var candidates: [MatchCandidate]
    /// The batch's rejects and the merge's (a deal whose parties turn out to be one company), by line.
    public var rejects: [ImportReject]
    /// Accepted review decisions that could not be applied, with why.
    public var refusedDecisions: [String] = []
    /// Imported deals that may be an alliance the dataset already had from elsewhere (an article, another source):
    /// the same kind between the same companies, on dates that agree as far as both are known. Imported all the
    /// same (two deals can be alike: Apple's two AWS chip deals of 2024-12-03), and reported, so that money counted
    /// twice is never silent.
    public var possibleRepeats: [(line: Int, alliance: String)] = []
}

public enum ImportMerge {
    /// Merges `batch` into `base`. `decisions` settle candidates from earlier reviews; `today` stamps the records
    /// added or changed.
    public static func merge(
        _ batch: ImportBatch, into base: Dataset, decisions: [ReviewDecision] = [], today: PartialDate?
    ) -> ImportResult {
        var (result, alliances) = mergeDeferred(batch, into: base, decisions: decisions, today: today)
        result.dataset.alliances.append(contentsOf: alliances)
        return result
    }

    /// `merge`, with the new alliances not yet made: the result's dataset has the companies (all of them, final)
    /// and `base`'s alliances; the new alliances come from the sequence, one at a time, in order (`Dataset.save(to:
    /// expected:appending:)` writes them as they come). The summary, rejects and candidates are final.
    public static func mergeDeferred(
        _ batch: ImportBatch, into base: Dataset, decisions: [ReviewDecision] = [], today: PartialDate?
    ) -> (result: ImportResult, alliances: ImportedAlliances) {
        // Decisions taken since the last import of this source first: its companies held apart are merged.
        let (base, refused) = applying(decisions.filter { $0.dataset == batch.source.dataset }, to: base)
        var merger = Merger(base: base, source: batch.source, decisions: decisions, today: today)
        var summary = ImportSummary()
        summary.records = batch.records
        summary.lines = batch.lines
        summary.joined = batch.joined
        var rejects = batch.rejects

        for company in batch.companies {
            let existed = merger.resolve(company)
            if company.line != nil {
                if existed { summary.companiesMerged += 1 } else { summary.companiesImported += 1 }
            }
        }
        // The companies are final from here on: an alliance reads their ids and names only.
        var imported: [Int] = []
        // The first record of each key in this file: a later one with the same key is the same deal only when it
        // says the same; one that says otherwise (another amount, a date where the first had none) is rejected with
        // what differs, never merged into the first silently.
        var firstOfKey: [String: Int32] = [:]
        var possibleRepeats: [(line: Int, alliance: String)] = []
        for (n, alliance) in batch.alliances.enumerated() {
            if let first = firstOfKey[alliance.key].map({ batch.alliances[Int($0)] }) {
                let differences = first.differences(to: alliance)
                if differences.isEmpty {
                    summary.alliancesMerged += 1
                } else {
                    let reason =
                        "the same deal as line \(first.line) (the same key, \"\(alliance.key)\") "
                        + "but it says otherwise: " + differences.joined(separator: "; ") + "; the first is kept"
                    rejects.append(
                        ImportReject(line: alliance.line, endLine: alliance.endLine, reason: reason, text: ""))
                }
                continue
            }
            switch merger.admit(alliance) {
            case .imported:
                summary.alliancesImported += 1
                imported.append(n)
                firstOfKey[alliance.key] = Int32(n)
                if let existing = merger.alike(alliance) { possibleRepeats.append((alliance.line, existing)) }
            case .merged:
                summary.alliancesMerged += 1
                firstOfKey[alliance.key] = Int32(n)
            case .rejected(let reason):
                rejects.append(ImportReject(line: alliance.line, endLine: alliance.endLine, reason: reason, text: ""))
            }
        }
        rejects.sort { $0.line < $1.line }
        summary.rejected = rejects.count
        summary.newCompanies = merger.newCompanies
        summary.matchedCompanies = merger.matchedCompanies
        summary.candidates = merger.candidates.count
        let alliances = ImportedAlliances(
            records: .init(batch.alliances), imported: imported, companies: merger.dataset.companies,
            resolved: merger.resolved, taken: merger.allianceIDs, source: batch.source, today: today,
            quoteHome: merger.quoteHome)
        return (
            ImportResult(
                dataset: merger.dataset, summary: summary, candidates: merger.candidates, rejects: rejects,
                refusedDecisions: refused, possibleRepeats: possibleRepeats),
            alliances
        )
    }
}

extension ImportMerge {
    /// Applies accepted decisions to a dataset that already holds their companies apart (an earlier import added the
    /// imported company as its own, pending review): each is merged into the company the person chose. Returns the
    /// dataset and, for each decision that could not be applied, why. Decisions already applied, or whose companies
    /// are not there, change nothing.
    public static func applying(_ decisions: [ReviewDecision], to dataset: Dataset) -> (Dataset, [String]) {
        var d = dataset
        var problems: [String] = []
        for decision in decisions where decision.verdict == .accept {
            guard
                let added = d.companies.first(where: { c in
                    c.id != decision.company
                        && c.records.contains { $0.dataset == decision.dataset && $0.key == decision.key }
                })
            else { continue }
            guard d.companies.contains(where: { $0.id == decision.company }) else { continue }
            switch d.mergingCompany(added.id, into: decision.company) {
            case .success(let merged): d = merged
            case .failure(let refusal):
                problems.append("\(added.name) (\(added.id)) into \(decision.company): \(refusal)")
            }
        }
        return (d, problems)
    }
}

/// The alliances an import adds, made when iterated (each iteration makes the same ones, with the same ids).
public struct ImportedAlliances: Sequence {
    final class Records {
        var list: [ImportedAlliance]
        init(_ list: [ImportedAlliance]) { self.list = list }
    }
    /// The batch's alliance records (shared by the copies of this sequence).
    let records: Records
    /// Indices in `records` of the records that become new alliances.
    let imported: [Int]
    let companies: [Company]
    let resolved: [String: Int]
    /// The alliance ids taken before the first new alliance.
    let taken: Set<String>
    let source: ImportSource
    let today: PartialDate?
    let quoteHome: QuoteHome
    /// Whether a record is dropped once its alliance is made (`consumed()`).
    var dropping = false

    public var count: Int { imported.count }

    /// This sequence for one pass only, that drops each record once its alliance is made: with no other copy of the
    /// batch's alliances (the caller emptied its batch), a record's memory is given back as its alliance is written.
    public func consumed() -> ImportedAlliances {
        var c = self
        c.dropping = true
        return c
    }

    /// Drops every record (after a `consumed()` pass): nothing can be made from this sequence afterwards.
    public func release() { records.list = [] }

    static let dropped = ImportedAlliance(key: "", kind: .partnership, parties: [], status: .announced, line: 0)

    public struct Iterator: IteratorProtocol {
        let alliances: ImportedAlliances
        var position = 0
        var taken: Set<String>

        public mutating func next() -> Alliance? {
            guard position < alliances.imported.count else { return nil }
            let n = alliances.imported[position]
            let a = alliances.records.list[n]
            if alliances.dropping { alliances.records.list[n] = ImportedAlliances.dropped }
            position += 1
            return alliances.make(a, taken: &taken)
        }
    }

    public func makeIterator() -> Iterator { Iterator(alliances: self, taken: taken) }

    /// The alliance of an admitted record (its parties resolved, distinct).
    func make(_ a: ImportedAlliance, taken: inout Set<String>) -> Alliance {
        var parties: [Party] = []
        var names: [String] = []
        for p in a.parties {
            let i = resolved[p.company]!
            parties.append(Party(companies[i].id, p.role))
            names.append(companies[i].name)
        }
        var amounts = a.amounts
        for j in amounts.indices {
            amounts[j].from = amounts[j].from.map { companies[resolved[$0]!].id }
            amounts[j].to = amounts[j].to.map { companies[resolved[$0]!].id }
        }
        let title = a.title ?? Merger.title(a.kind, names)
        let stated = a.statedText.map { "“\($0)”" }.joined(separator: "; ")
        let summary =
            a.summary
            ?? LocalizedText(
                en: "Recorded in \(source.dataset) (record \(a.key))." + (stated.isEmpty ? "" : " It says: \(stated)."),
                es: "Registrado en \(source.dataset) (registro \(a.key))." + (stated.isEmpty ? "" : " Dice: \(stated).")
            )
        var base = a.id ?? Slug.make(title.en)
        if a.id == nil, let d = a.date { base += "-" + d.value.description }
        let id = Merger.unique(base, fallback: "deal-" + Slug.make(a.key), in: &taken)
        let (sources, citations) = quoteHome.restore(a.carried)
        return Alliance(
            id: id, kind: a.kind, parties: parties, amounts: amounts, date: a.date, status: a.status,
            title: title, summary: summary, products: a.products, sources: sources, citations: citations,
            disagreement: a.disagreement, updates: a.updates, records: Merger.records(a.carried, source, a.key),
            added: today)
    }
}

struct Merger {
    var dataset: Dataset
    let source: ImportSource
    let today: PartialDate?
    let quoteHome: QuoteHome
    /// Decisions of this source, by the imported company's key.
    let accepted: [String: String]
    let rejected: Set<[String]>
    /// The companies of the dataset (as it grows) by their records of this source, normalised names and squeezed
    /// names; indices into `dataset.companies`.
    var byKey: [String: Int] = [:]
    var byName: [String: [Int]] = [:]
    var bySqueezed: [String: [Int]] = [:]
    var companyIDs: Set<String>
    /// Company id → index in `dataset.companies`.
    var indexOfID: [String: Int] = [:]
    var allianceIDs: Set<String>
    /// The alliances of the dataset before the import, by id.
    let allianceIndex: [String: Int]
    /// Source keys of the alliances already in the dataset from this source.
    var allianceKeys: Set<String>
    /// The imported company keys resolved so far, to their dataset index.
    var resolved: [String: Int] = [:]
    /// Companies that existed before this import (they get `updated`, not `added`).
    let existingCount: Int
    var newCompanies = 0
    var matchedCompanies = 0
    var candidates: [MatchCandidate] = []

    init(base: Dataset, source: ImportSource, decisions: [ReviewDecision], today: PartialDate?) {
        dataset = base
        self.source = source
        self.today = today
        quoteHome = QuoteHome(base.articles)
        var accepted: [String: String] = [:]
        var rejected = Set<[String]>()
        for d in decisions where d.dataset == source.dataset {
            switch d.verdict {
            case .accept: accepted[d.key] = d.company
            case .reject: rejected.insert([d.key, d.company])
            }
        }
        self.accepted = accepted
        self.rejected = rejected
        companyIDs = Set(base.companies.map(\.id))
        allianceIDs = Set(base.alliances.map(\.id))
        allianceIndex = Dictionary(base.alliances.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        allianceKeys = Set(
            base.alliances.flatMap { a in a.records.filter { $0.dataset == source.dataset }.map(\.key) })
        existingCount = base.companies.count
        for i in base.companies.indices { index(i); indexOfID[base.companies[i].id] = i }
    }

    mutating func index(_ i: Int) {
        let c = dataset.companies[i]
        for r in c.records where r.dataset == source.dataset { byKey[r.key] = i }
        for name in Set([c.name] + c.aliases) {
            let n = CompanyNames.normalized(name)
            if !n.isEmpty, !(byName[n]?.contains(i) ?? false) { byName[n, default: []].append(i) }
            let s = CompanyNames.squeezed(name)
            if !s.isEmpty, !(bySqueezed[s]?.contains(i) ?? false) { bySqueezed[s, default: []].append(i) }
        }
    }

    /// Finds or adds the dataset's company for `company`; true when it was already there (before or earlier in this
    /// import).
    mutating func resolve(_ company: ImportedCompany) -> Bool {
        // A dataset id names the company as it is: nothing to learn from a name that is only the id.
        if company.keyIsDatasetID, let i = indexOfID[company.key] {
            if resolved[company.key] == nil, i < existingCount { matchedCompanies += 1 }
            resolved[company.key] = i
            return true
        }
        if let i = resolved[company.key] {
            absorb(company, into: i)
            return true
        }
        if let i = byKey[company.key] {
            // Its own record, from an earlier import of the source: a company already in the dataset too.
            if i < existingCount { matchedCompanies += 1 }
            resolved[company.key] = i
            absorb(company, into: i)
            return true
        }
        if let id = accepted[company.key], let i = indexOfID[id] {
            match(company, into: i)
            return true
        }
        let name = CompanyNames.normalized(company.name)
        let hits = (byName[name] ?? []).filter { !rejected.contains([company.key, dataset.companies[$0].id]) }
        var uncertain: [(Int, String)] = []
        let compatible = hits.filter { i in
            let c = dataset.companies[i]
            if let a = c.country, let b = company.country, a != b {
                uncertain.append((i, "the same name, but \(a) and not \(b)"))
                return false
            }
            // Another record of this very source with the same name: the source keeps them apart, so may we.
            if c.records.contains(where: { $0.dataset == source.dataset && $0.key != company.key }) {
                uncertain.append((i, "the same name, but another record of \(source.dataset) (\(keyOf(c)))"))
                return false
            }
            return true
        }
        if compatible.count == 1 {
            match(company, into: compatible[0])
            return true
        }
        for i in compatible { uncertain.append((i, "the same name as \(compatible.count) companies")) }
        if uncertain.isEmpty {
            let squeezed = CompanyNames.squeezed(company.name)
            for i in bySqueezed[squeezed] ?? [] where !rejected.contains([company.key, dataset.companies[i].id]) {
                uncertain.append((i, "the same letters, spaced differently"))
            }
        }
        let i = add(company)
        for (j, reason) in uncertain {
            let c = dataset.companies[j]
            candidates.append(
                MatchCandidate(
                    dataset: source.dataset, key: company.key, name: company.name, added: dataset.companies[i].id,
                    company: c.id, companyName: c.name, reason: reason))
        }
        return false
    }

    /// A record's sources of other datasets: those it carried from before, then this import's own record.
    static func records(_ carried: CarriedProvenance, _ source: ImportSource, _ key: String) -> [RecordSource] {
        var out: [RecordSource] = []
        for r in carried.records + [source.record(key)]
        where !out.contains(where: { $0.dataset == r.dataset && $0.key == r.key }) {
            out.append(r)
        }
        return out
    }

    private func keyOf(_ c: Company) -> String {
        c.records.first { $0.dataset == source.dataset }?.key ?? c.id
    }

    /// A certain match: the dataset's company gains the record, the other name as an alias, and what it lacked.
    mutating func match(_ company: ImportedCompany, into i: Int) {
        resolved[company.key] = i
        if i < existingCount { matchedCompanies += 1 }
        absorb(company, into: i)
    }

    mutating func absorb(_ company: ImportedCompany, into i: Int) {
        var c = dataset.companies[i]
        let before = c
        for name in [company.name] + company.aliases
        where !name.isEmpty && name != c.name && !c.aliases.contains(name) {
            c.aliases.append(name)
        }
        if c.country == nil { c.country = company.country }
        for s in company.sectors where !c.sectors.contains(s) { c.sectors.append(s) }
        for r in Self.records(company.carried, source, company.key)
        where !c.records.contains(where: { $0.dataset == r.dataset && $0.key == r.key }) {
            c.records.append(r)
        }
        let (sources, citations) = quoteHome.restore(company.carried)
        for q in sources where !c.sources.contains(q) { c.sources.append(q) }
        for citation in citations where !c.citations.contains(citation) { c.citations.append(citation) }
        for p in company.products where !c.products.contains(p) { c.products.append(p) }
        if c != before {
            if i < existingCount { c.updated = today ?? c.updated }
            dataset.companies[i] = c
            index(i)
        }
    }

    mutating func add(_ company: ImportedCompany) -> Int {
        let wanted = company.keyIsDatasetID ? company.key : company.id ?? Slug.make(company.name)
        let id = Self.unique(wanted, fallback: "company-" + Slug.make(company.key), in: &companyIDs)
        let (sources, citations) = quoteHome.restore(company.carried)
        let c = Company(
            id: id, name: company.name, aliases: company.aliases.filter { $0 != company.name }, kind: company.kind,
            country: company.country,
            description: company.description
                ?? LocalizedText(
                    en: "A company recorded in \(source.dataset).", es: "Una empresa registrada en \(source.dataset)."),
            products: company.products, sectors: company.sectors, sources: sources, citations: citations,
            records: Self.records(company.carried, source, company.key), added: today)
        dataset.companies.append(c)
        let i = dataset.companies.count - 1
        indexOfID[id] = i
        resolved[company.key] = i
        newCompanies += 1
        index(i)
        return i
    }

    /// The dataset's alliances before the import by kind and companies (`alikeKey`), made at the first use.
    var alikeIndex: [String: [Int]]? = nil

    static func alikeKey(_ kind: AllianceKind, _ companies: [String]) -> String {
        ([kind.rawValue] + companies.sorted()).joined(separator: "\t")
    }

    /// An alliance the dataset had before the import that `a` (just admitted) may repeat: the same kind between the
    /// same companies, dated alike as far as both dates go (both undated counts; one dated and one not does not).
    mutating func alike(_ a: ImportedAlliance) -> String? {
        if alikeIndex == nil {
            var index: [String: [Int]] = [:]
            for (i, existing) in dataset.alliances.enumerated() {
                index[Self.alikeKey(existing.kind, existing.parties.map(\.company)), default: []].append(i)
            }
            alikeIndex = index
        }
        let companies = a.parties.compactMap { resolved[$0.company].map { dataset.companies[$0].id } }
        guard companies.count == a.parties.count else { return nil }
        for i in alikeIndex?[Self.alikeKey(a.kind, companies)] ?? [] {
            let existing = dataset.alliances[i]
            switch (existing.date?.value, a.date?.value) {
            case (nil, nil): return existing.id
            case let (x?, y?) where x.agrees(with: y): return existing.id
            default: continue
            }
        }
        return nil
    }

    enum Outcome { case imported, merged, rejected(String) }

    /// Whether a record becomes a new alliance (made later by `ImportedAlliances`), is already there, or names a
    /// company twice or one not imported.
    mutating func admit(_ a: ImportedAlliance) -> Outcome {
        if allianceKeys.contains(a.key) { return .merged }
        var ids: [(id: String, role: PartyRole)] = []
        for p in a.parties {
            guard let i = resolved[p.company] else {
                return .rejected("\(p.role.rawValue) \"\(p.company)\" is not a company of this import")
            }
            let id = dataset.companies[i].id
            if let other = ids.first(where: { $0.id == id }) {
                return .rejected(
                    "the \(other.role.rawValue) and the \(p.role.rawValue) are the same company "
                        + "(\(dataset.companies[i].name), \(id))")
            }
            ids.append((id, p.role))
        }
        guard ids.count >= 2 else { return .rejected("a deal needs two parties; this record names one") }
        // Who pays and who is paid, when an amount says: parties of the deal, by their keys in the source.
        let partyKeys = Set(a.parties.map(\.company))
        for (n, m) in a.amounts.enumerated() {
            for k in [m.from, m.to].compactMap({ $0 }) where !partyKeys.contains(k) {
                return .rejected("amount \(n + 1) names \"\(k)\" as who pays or is paid: not a party of the deal")
            }
        }
        // An alliance that keeps its id (Allies' own CSV) and is already there, between the same companies, is that
        // alliance: a round trip into its own dataset adds nothing.
        if let id = a.id, allianceIDs.contains(id),
            let at = allianceIndex[id], case let existing = dataset.alliances[at], existing.kind == a.kind,
            existing.parties.elementsEqual(ids.map({ Party($0.0, $0.1) }))
        {
            allianceKeys.insert(a.key)
            return .merged
        }
        allianceKeys.insert(a.key)
        return .imported
    }

    /// "Globex acquires Acme" / "Globex adquiere Acme": the title of a deal a source states without one.
    static func title(_ kind: AllianceKind, _ names: [String]) -> LocalizedText {
        let (a, b) = (names[0], names.dropFirst().joined(separator: ", "))
        switch kind {
        case .acquisition: return LocalizedText(en: "\(a) acquires \(b)", es: "\(a) adquiere \(b)")
        case .investment: return LocalizedText(en: "\(a) invests in \(b)", es: "\(a) invierte en \(b)")
        case .cloudContract:
            return LocalizedText(en: "Cloud contract: \(a) and \(b)", es: "Contrato de nube: \(a) y \(b)")
        case .chipSupply:
            return LocalizedText(en: "Chip supply: \(a) and \(b)", es: "Suministro de chips: \(a) y \(b)")
        case .dataLicensing:
            return LocalizedText(en: "Data licensing: \(a) and \(b)", es: "Licencia de datos: \(a) y \(b)")
        case .modelDistribution:
            return LocalizedText(en: "Model distribution: \(a) and \(b)", es: "Distribución de modelos: \(a) y \(b)")
        case .energy: return LocalizedText(en: "Energy deal: \(a) and \(b)", es: "Acuerdo energético: \(a) y \(b)")
        case .jointInfrastructure:
            return LocalizedText(
                en: "Joint infrastructure: \(a) and \(b)", es: "Infraestructura conjunta: \(a) y \(b)")
        case .partnership: return LocalizedText(en: "\(a) and \(b) partner", es: "Alianza de \(a) y \(b)")
        }
    }

    /// `base`, or `base-2`, `base-3`… : the first not taken (and taken from then on). An empty base uses `fallback`.
    /// Static: called with a stored property of `self` inout, a method would copy the whole set at every call.
    static func unique(_ base: String, fallback: String, in taken: inout Set<String>) -> String {
        var stem = base.isEmpty ? fallback : base
        if stem.isEmpty { stem = "record" }
        stem = String(stem.prefix(72))
        while stem.last == "-" { stem.removeLast() }
        if taken.insert(stem).inserted { return stem }
        var n = 2
        while !taken.insert("\(stem)-\(n)").inserted { n += 1 }
        return "\(stem)-\(n)"
    }
}
