// A few records of a large dataset file edited without reading the file: what the edit reads comes from the file's
// store (each section checked against its checksum before it is first used) and from the saves appended to its edits
// file since the store was written; the edit is checked as `Dataset.decode(additions:to:)` checks records against the
// whole dataset, and appended to the edits file as `Dataset.save(to:expected:since:)` appends a save. What it cannot
// decide alone (a store missing, damaged or of another version of the file, saves since that remove records or change
// an article, an edit that changes an id or an article, a problem to report with the whole dataset's suggestions)
// throws `CannotTell`: the caller then loads the whole dataset, and does what it did before this existed.

/// A large dataset file read in place from its store, for an edit of a few of its records.
public final class InPlaceDataset {
    /// Why the edit is to be made from the whole dataset instead.
    public struct CannotTell: Error {
        public let reason: String
        public init(reason: String) { self.reason = reason }
    }

    public let path: String
    /// The file's stamp, taken before its store was opened: the save is refused if the file (or its edits file) is
    /// no longer this one.
    public let stamp: SourceStamp
    private let store: StoreFile
    private let records: StoredRecords
    private var verified: Set<StoreSection> = []
    /// The records the saves since the store put, each as a dataset of that one record.
    private var put: [RecordKey: Dataset] = [:]
    /// The short lists without lookups in the store (groups, claims, people, share estimates), decoded when first
    /// asked; nil before.
    private var shortLists: Dataset?

    private init(path: String, stamp: SourceStamp, store: StoreFile, records: StoredRecords) {
        self.path = path; self.stamp = stamp; self.store = store; self.records = records
    }

    /// Opens `path`'s store, with the saves appended since it was written. Throws when there is no store of the file
    /// (or of it with fewer of its edits), or the saves since cannot be taken record by record.
    public static func open(_ path: String, directory: String? = DatasetCache.directory) throws(CannotTell)
        -> InPlaceDataset
    {
        guard let stamp = SourceStamp.of(path) else { throw CannotTell(reason: "not a regular file") }
        let store: StoreFile
        switch DatasetCache.openStore(source: path, directory: directory, allowBehind: true, stamp: stamp) {
        case .success(let s): store = s
        case .failure(let e): throw CannotTell(reason: e.reason)
        }
        guard let lacking = DatasetCache.lackingSaves(of: store, source: path, stamp: stamp) else {
            throw CannotTell(reason: "the edits file changed")
        }
        let records: StoredRecords
        do throws(SnapshotError) { records = try StoredRecords(store) } catch { throw CannotTell(reason: error.reason) }
        let opened = InPlaceDataset(path: path, stamp: stamp, store: store, records: records)
        let journal = EditJournal.path(for: path)
        for save in lacking {
            // A record removed could be referred to, and an article's new text could drop a quote elsewhere: only
            // the whole dataset tells.
            guard save.removed.isEmpty else { throw CannotTell(reason: "an edit since removes records") }
            var keys = Set<RecordKey>()
            for list in save.put {
                for case .object(let fields) in list.records {
                    guard case .string(let id)? = fields.first(where: { $0.0 == "id" })?.1 else {
                        throw CannotTell(reason: "a record without an id")
                    }
                    keys.insert(RecordKey(list.list, id))
                }
            }
            let replaced = try opened.held(keys)
            guard !replaced.contains(where: { $0.list == .articles }) else {
                throw CannotTell(reason: "an edit since changes an article")
            }
            let fragment = JSONValue.object(save.put.map { ($0.list.rawValue, .array($0.records)) }).rendered(indent: 0)
            let decoded = try opened.decode(Array(fragment.utf8), file: journal, replacing: replaced)
            opened.remember(decoded)
        }
        return opened
    }

    /// The records of `records` are the dataset's now: found by their keys before the store's.
    private func remember(_ records: Dataset) {
        for (key, one) in zip(records.recordKeys, records.eachRecord) { put[key] = one }
    }

    /// Checks `sections` against their checksums, once each.
    private func check(_ sections: StoreSection...) throws(CannotTell) {
        for s in sections where !verified.contains(s) {
            guard store.verify(s) else { throw CannotTell(reason: "the store is damaged") }
            verified.insert(s)
        }
    }

    private func shortList() throws(CannotTell) -> Dataset {
        if let shortLists { return shortLists }
        try check(.groupStarts, .groups, .claimStarts, .claims, .personStarts, .people, .shareStarts, .shares)
        do throws(SnapshotError) {
            let lists = Dataset(
                groups: try records.groups.all(), claims: try records.claims.all(), people: try records.people.all(),
                shareEstimates: try records.shareEstimates.all())
            shortLists = lists
            return lists
        } catch {
            throw CannotTell(reason: "the store is damaged")
        }
    }

    /// Whether the dataset has a record of `list` with `id`.
    public func has(_ list: RecordListName, _ id: String) throws(CannotTell) -> Bool {
        if put[RecordKey(list, id)] != nil { return true }
        return try position(RecordKey(list, id)) != nil
    }

    /// Those of `keys` the dataset has a record of.
    private func held(_ keys: Set<RecordKey>) throws(CannotTell) -> Set<RecordKey> {
        var held = Set<RecordKey>()
        for key in keys where try has(key.list, key.id) { held.insert(key) }
        return held
    }

    /// Where the store holds the record `key` in its list (a record put since is found first, by the callers); nil
    /// when it holds none. An id held twice cannot be told apart from its namesake here.
    private func position(_ key: RecordKey) throws(CannotTell) -> Int? {
        func find(_ ids: StoredKeys, _ positions: FlatArray<UInt32>) throws(CannotTell) -> Int? {
            guard let n = ids.find(key.id) else { return nil }
            guard ids.isHeldOnce(n), !ids.damaged else { throw CannotTell(reason: "an id held twice") }
            return Int(positions[n])
        }
        switch key.list {
        case .companies:
            try check(.companyIDs, .companyIDStarts, .companyPositions)
            return try find(records.companyIDs, records.companyPositions)
        case .articles:
            try check(.articleIDs, .articleIDStarts, .articlePositions)
            return try find(records.articleIDs, records.articlePositions)
        case .alliances:
            try check(.allianceIDs, .allianceIDStarts, .alliancePositions)
            return try find(records.allianceIDs, records.alliancePositions)
        case .groups: return try shortList().groups.firstIndex { $0.id == key.id }
        case .claims: return try shortList().claims.firstIndex { $0.id == key.id }
        case .people: return try shortList().people.firstIndex { $0.id == key.id }
        case .shareEstimates: return try shortList().shareEstimates.firstIndex { $0.id == key.id }
        }
    }

    /// The records with `id`, in list order (as `Dataset.records(withID:)` gives them).
    public func keys(withID id: String) throws(CannotTell) -> [RecordKey] {
        var keys: [RecordKey] = []
        for list in RecordListName.allCases where try has(list, id) { keys.append(RecordKey(list, id)) }
        return keys
    }

    /// The record `key` alone, as a dataset of that one record; nil when there is none.
    public func record(_ key: RecordKey) throws(CannotTell) -> Dataset? {
        if let one = put[key] { return one }
        guard let i = try position(key) else { return nil }
        var one = Dataset()
        func read<R>(_ list: StoredList<R>, _ starts: StoreSection, _ section: StoreSection) throws(CannotTell) -> [R] {
            try check(starts, section)
            do throws(SnapshotError) { return [try list.record(i)] } catch {
                throw CannotTell(reason: "the store is damaged")
            }
        }
        switch key.list {
        case .companies: one.companies = try read(records.companies, .companyStarts, .companies)
        case .articles: one.articles = try read(records.articles, .articleStarts, .articles)
        case .alliances: one.alliances = try read(records.alliances, .allianceStarts, .alliances)
        case .groups: one.groups = [try shortList().groups[i]]
        case .claims: one.claims = [try shortList().claims[i]]
        case .people: one.people = [try shortList().people[i]]
        case .shareEstimates: one.shareEstimates = [try shortList().shareEstimates[i]]
        }
        return one
    }

    /// Records to put into the dataset (a JSON object of its lists, as `allies add` reads), decoded and checked as
    /// `Dataset.decode(additions:to:)` checks them against the whole dataset; `replacing` the records they are put in
    /// place of (not duplicates of them). Throws on any problem: the whole dataset's check says what it is, with its
    /// suggestions.
    public func decode(_ bytes: [UInt8], file: String, replacing: Set<RecordKey>) throws(CannotTell) -> Dataset {
        guard case .success(let json) = JSONValue.parse(bytes) else { throw CannotTell(reason: "not JSON") }
        // The articles they quote, with their texts: what their quotes are checked against.
        var quoted = Dataset()
        var seen = Set<String>()
        for id in Self.articlesQuoted(in: json) where seen.insert(id).inserted {
            if let article = try record(RecordKey(.articles, id))?.articles.first { quoted.articles.append(article) }
        }
        var failure: CannotTell?
        let decoded = bytes.withUnsafeBufferPointer {
            DatasetDecoder(
                bytes: $0, file: file, base: quoted,
                baseHas: { list, id in
                    let key = RecordKey(list.listName, id)
                    guard !replacing.contains(key) else { return false }
                    do throws(CannotTell) { return try self.has(key.list, id) } catch {
                        failure = error
                        return false
                    }
                }
            ).decode()
        }
        if let failure { throw failure }
        switch decoded {
        case .success(let records): return records
        case .failure: throw CannotTell(reason: "a problem to report")
        }
    }

    /// The ids of the articles a record's sources quote, anywhere in `json`.
    static func articlesQuoted(in json: JSONValue) -> [String] {
        var ids: [String] = []
        func walk(_ value: JSONValue) {
            switch value {
            case .object(let fields):
                for (name, field) in fields {
                    if name == "sources", case .array(let sources) = field {
                        for case .object(let source) in sources {
                            if case .string(let id)? = source.first(where: { $0.0 == "article" })?.1 { ids.append(id) }
                        }
                    }
                    walk(field)
                }
            case .array(let items): items.forEach(walk)
            default: break
            }
        }
        walk(json)
        return ids
    }

    /// Appends one save to the file's edits file: `records` put (each in place of the record with its id, else at the
    /// end of its list), `was` the records they replace as they were. The line is read back first, and must decode to
    /// exactly `records`, as `Dataset.save(to:expected:since:)` checks its lines. Returns the file's new stamp.
    /// `journalFrom`: as `Dataset.save(to:expected:since:journalFrom:)` has it (a smaller file is saved whole).
    /// Records that are what they replace (an edit that decodes to the same record: `aliases=[]` where there are
    /// none) are no change: nothing is written, as the whole dataset's save writes no line, and the stamp is the
    /// file's as it was read.
    public func save(putting records: Dataset, was: Dataset, journalFrom: UInt64 = EditJournal.threshold)
        throws(CannotTell) -> Result<SourceStamp, SaveError>
    {
        guard stamp.size >= journalFrom else { throw CannotTell(reason: "a file saved whole") }
        if records.hasSameRecords(as: was) {
            if let problem = Dataset.changeSince(stamp, path) { return .failure(problem) }
            return .success(stamp)
        }
        let save = EditJournal.Save(
            at: EditJournal.now(), removed: [], put: Dataset.recordLists(of: records),
            was: Dataset.recordLists(of: was))
        let journal = EditJournal.path(for: path)
        let text = save.text
        guard case .success(.object(let fields)) = JSONValue.parse(Array(text.utf8)),
            case .success(let parsed) = EditJournal.save(fields, line: 0, file: journal)
        else { throw CannotTell(reason: "the line does not read back") }
        let fragment = JSONValue.object(parsed.put.map { ($0.list.rawValue, .array($0.records)) }).rendered(indent: 0)
        let replaced = try held(Set(records.recordKeys))
        let back = try decode(Array(fragment.utf8), file: journal, replacing: replaced)
        guard back.hasSameRecords(as: records), !records.isEmpty, !self.records.damaged,
            !store.file.changedSinceOpened
        else { throw CannotTell(reason: "the line does not read back as the records") }
        return Dataset.append(save, text: text, to: path, expected: stamp)
    }
}

extension Dataset {
    /// Each record alone, as a dataset of one record, in `recordKeys` order.
    var eachRecord: [Dataset] {
        articles.map { Dataset(articles: [$0]) } + groups.map { Dataset(groups: [$0]) }
            + companies.map { Dataset(companies: [$0]) } + alliances.map { Dataset(alliances: [$0]) }
            + claims.map { Dataset(claims: [$0]) } + people.map { Dataset(people: [$0]) }
            + shareEstimates.map { Dataset(shareEstimates: [$0]) }
    }

    /// Whether it holds no record.
    var isEmpty: Bool { recordKeys.isEmpty }
}
