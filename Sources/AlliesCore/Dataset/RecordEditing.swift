// Editing one record by field paths (`status`, `title.es`, `amounts[0].bound`) and comparing records field by field.
// A record is edited as its canonical JSON: the path is set in that tree, and the tree is read back by the decoder
// against the rest of the dataset, so an edit is checked exactly as a file is, with the loader's messages.

import AlliesText

/// A path to a field inside a record: keys and list indices, `amounts[0].value`.
public struct FieldPath: Hashable, Sendable, CustomStringConvertible {
    public enum Step: Hashable, Sendable {
        case key(String)
        case index(Int)
    }
    public let steps: [Step]

    public init(_ steps: [Step]) { self.steps = steps }

    /// Parses `name(.name | [index])*`; nil when it is not one.
    public init?(parsing text: String) {
        var steps: [Step] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            if rest.first == "[" {
                guard let close = rest.firstIndex(of: "]"),
                    let n = Int(rest[rest.index(after: rest.startIndex)..<close]),
                    n >= 0, !steps.isEmpty
                else { return nil }
                steps.append(.index(n))
                rest = rest[rest.index(after: close)...]
            } else {
                if !steps.isEmpty {
                    guard rest.first == "." else { return nil }
                    rest = rest.dropFirst()
                }
                let name = rest.prefix { $0 != "." && $0 != "[" }
                guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return nil }
                steps.append(.key(String(name)))
                rest = rest.dropFirst(name.count)
            }
        }
        guard !steps.isEmpty else { return nil }
        self.steps = steps
    }

    public var description: String {
        var out = ""
        for step in steps {
            switch step {
            case .key(let k): out += (out.isEmpty ? "" : ".") + k
            case .index(let i): out += "[\(i)]"
            }
        }
        return out
    }
}

/// Why a path cannot be set.
public struct FieldPathError: Error, Equatable, Sendable, CustomStringConvertible {
    public let description: String
}

/// A field whose value differs between two versions of a record (nil: absent on that side).
public struct FieldChange: Equatable, Sendable {
    public let path: String
    public let old: JSONValue?
    public let new: JSONValue?
    public init(path: String, old: JSONValue?, new: JSONValue?) { self.path = path; self.old = old; self.new = new }
}

extension JSONValue {
    /// Reads a JSON text into a value (any JSON: a record, a number, a string).
    public static func parse(_ bytes: [UInt8]) -> Result<JSONValue, JSONSyntaxError> {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = JSONReader(buffer)
            do throws(JSONSyntaxError) {
                let value = try read(&reader)
                reader.skipWhitespace()
                guard reader.atEnd else {
                    throw JSONSyntaxError(offset: reader.offset, message: "unexpected text after the value")
                }
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
    }

    private static func read(_ r: inout JSONReader) throws(JSONSyntaxError) -> JSONValue {
        switch try r.peek() {
        case .null: try r.readNull(); return .null
        case .bool: return .bool(try r.readBool())
        case .number: return .number(try r.readNumber())
        case .string: return .string(try r.readString())
        case .array:
            var items: [JSONValue] = []
            try r.readArray { (r: inout JSONReader, _: Int) throws(JSONSyntaxError) in items.append(try read(&r)) }
            return .array(items)
        case .object:
            var fields: [(String, JSONValue)] = []
            try r.readObject { (r: inout JSONReader, key: String, _: Int) throws(JSONSyntaxError) in
                fields.append((key, try read(&r)))
            }
            return .object(fields)
        }
    }

    /// The value at `path`; nil when a step is missing.
    public func value(at path: FieldPath) -> JSONValue? {
        var here = self
        for step in path.steps {
            switch (step, here) {
            case (.key(let k), .object(let fields)):
                guard let v = fields.first(where: { $0.0 == k })?.1 else { return nil }
                here = v
            case (.index(let n), .array(let items)):
                guard items.indices.contains(n) else { return nil }
                here = items[n]
            default: return nil
            }
        }
        return here
    }

    /// This value with the field at `path` set to `value` (nil removes it). A missing key is added; an index may be
    /// one past the end (appending).
    public func setting(_ path: FieldPath, to value: JSONValue?) -> Result<JSONValue, FieldPathError> {
        setting(path.steps[...], to: value, at: "")
    }

    private func setting(_ steps: ArraySlice<FieldPath.Step>, to value: JSONValue?, at done: String)
        -> Result<JSONValue, FieldPathError>
    {
        guard let step = steps.first else { return .success(value ?? .null) }
        let rest = steps.dropFirst()
        switch (step, self) {
        case (.key(let k), .object(var fields)):
            let here = done.isEmpty ? k : done + "." + k
            if let i = fields.firstIndex(where: { $0.0 == k }) {
                if rest.isEmpty && value == nil {
                    fields.remove(at: i)
                    return .success(.object(fields))
                }
                return fields[i].1.setting(rest, to: value, at: here).map {
                    fields[i].1 = $0; return .object(fields)
                }
            }
            guard rest.isEmpty || value != nil else { return .success(self) }
            // A new field: an object or list on the way to it is made.
            let start: JSONValue =
                rest.first.map { if case .index = $0 { return .array([]) } else { return .object([]) } } ?? .null
            return start.setting(rest, to: value, at: here).map {
                fields.append((k, $0)); return .object(fields)
            }
        case (.index(let n), .array(var items)):
            let here = done + "[\(n)]"
            if n == items.count {
                guard let value else { return .success(self) }
                let start: JSONValue = rest.isEmpty ? .null : .object([])
                return start.setting(rest, to: value, at: here).map {
                    items.append($0); return .array(items)
                }
            }
            guard n < items.count else {
                let has =
                    items.count == 1
                    ? tr("{0}: the list has 1 item", here) : tr("{0}: the list has {1} items", here, items.count)
                let indices = tr("(indices 0 to {0}, or {1} to add one)", items.count - 1, items.count)
                return .failure(FieldPathError(description: has + " " + indices))
            }
            if rest.isEmpty && value == nil {
                items.remove(at: n)
                return .success(.array(items))
            }
            return items[n].setting(rest, to: value, at: here).map {
                items[n] = $0; return .array(items)
            }
        case (.key(let k), _):
            let message =
                done.isEmpty
                ? tr("{0}: the record is not an object, it has no field \"{1}\"", k, k)
                : tr("{0}: {1} is not an object, it has no field \"{2}\"", done, done, k)
            return .failure(FieldPathError(description: message))
        case (.index(let n), _):
            return .failure(FieldPathError(description: tr("{0}[{1}]: {0} is not a list", done, n)))
        }
    }

    /// The fields that differ between `old` and `new`, leaf by leaf, in `new`'s order then removed ones. A list
    /// compares item by item at each position, except the lists named in `sets` (paths, as `merge` takes them),
    /// whose items each stand alone: their items removed (at their old position, `aliases[1]: "MS Corp" →
    /// (none)`) and added (at their new one), so that an alias added before another does not read as a rename; an
    /// item changed in its place still compares field by field (`sources[0].quote`).
    public static func changes(
        from old: JSONValue?, to new: JSONValue?, at path: String = "", sets: Set<String> = []
    ) -> [FieldChange] {
        switch (old, new) {
        case (.object(let a)?, .object(let b)?):
            var out: [FieldChange] = []
            for (key, value) in b {
                out += changes(
                    from: a.first { $0.0 == key }?.1, to: value, at: path.isEmpty ? key : path + "." + key, sets: sets)
            }
            for (key, value) in a where !b.contains(where: { $0.0 == key }) {
                out += changes(from: value, to: nil, at: path.isEmpty ? key : path + "." + key, sets: sets)
            }
            return out
        case (.array(let a)?, .array(let b)?) where sets.contains(path):
            // Each item matched once with an equal one on the other side (a list may hold an item twice).
            var unmatched = b.indices.map { _ in true }
            var gone: [Int] = []
            for (i, item) in a.enumerated() {
                if let j = b.indices.first(where: { unmatched[$0] && b[$0] == item }) {
                    unmatched[j] = false
                } else {
                    gone.append(i)
                }
            }
            let came = b.indices.filter { unmatched[$0] }
            // The same items in another order: that is the change, place by place.
            if gone.isEmpty && came.isEmpty && a != b { return changes(from: old, to: new, at: path) }
            // An item changed where it stands (`sources[0].quote` edited) compares field by field; the others
            // were added or removed.
            var out: [FieldChange] = []
            for j in came {
                out += changes(from: gone.contains(j) ? a[j] : nil, to: b[j], at: path + "[\(j)]", sets: sets)
            }
            for i in gone where !came.contains(i) {
                out += changes(from: a[i], to: nil, at: path + "[\(i)]", sets: sets)
            }
            return out
        case (.array(let a)?, .array(let b)?):
            var out: [FieldChange] = []
            for i in 0..<max(a.count, b.count) {
                out += changes(
                    from: i < a.count ? a[i] : nil, to: i < b.count ? b[i] : nil, at: path + "[\(i)]", sets: sets)
            }
            return out
        default:
            return old == new ? [] : [FieldChange(path: path, old: old, new: new)]
        }
    }

    /// One record changed on two sides since `base`, merged field by field (nil: absent, a removed record or
    /// field): what only one side changed comes from that side, so neither side's change to a field the other left
    /// alone is lost. A field both changed to different values takes `mine`'s, and its path is in `conflicts` (""
    /// for the record as a whole: removed on one side, changed on the other). Objects are merged key by key in
    /// `mine`'s order, then keys only `theirs` has; a list is one value (its items' order and count mean something),
    /// except the lists named in `sets` (paths: a record's aliases, its sources), whose items each stand alone: both
    /// sides' additions and removals are kept, so a colleague's added alias is not lost to a quote added here.
    public static func merge(
        base: JSONValue?, mine: JSONValue?, theirs: JSONValue?, at path: String = "", sets: Set<String> = []
    ) -> (value: JSONValue?, conflicts: [String]) {
        if mine == theirs || theirs == base { return (mine, []) }
        if mine == base { return (theirs, []) }
        if sets.contains(path), case .array(let m)? = mine, case .array(let t)? = theirs {
            let b: [JSONValue]
            switch base {
            case .array(let items)?: b = items
            default: b = []
            }
            // Mine, less what theirs removed, then what theirs added (in theirs' order), each item once.
            var out: [JSONValue] = []
            for item in m where !(b.contains(item) && !t.contains(item)) && !out.contains(item) { out.append(item) }
            for item in t where !b.contains(item) && !out.contains(item) { out.append(item) }
            return (.array(out), [])
        }
        guard case .object(let m)? = mine, case .object(let t)? = theirs else { return (mine, [path]) }
        let b: [(String, JSONValue)]
        switch base {
        case .object(let fields)?: b = fields
        // A record both added under one id, or a field that was not an object: compared key by key all the same.
        default: b = []
        }
        var fields: [(String, JSONValue)] = []
        var conflicts: [String] = []
        let keys = m.map(\.0) + t.map(\.0).filter { key in !m.contains { $0.0 == key } }
        for key in keys {
            func field(_ list: [(String, JSONValue)]) -> JSONValue? { list.first { $0.0 == key }?.1 }
            let merged = merge(
                base: field(b), mine: field(m), theirs: field(t), at: path.isEmpty ? key : path + "." + key,
                sets: sets)
            if let value = merged.value { fields.append((key, value)) }
            conflicts += merged.conflicts
        }
        // Keys the base had that both sides removed stay removed (no key above reaches them).
        return (.object(fields), conflicts)
    }
}

/// Records of one dataset in their canonical JSON form, by key, each list's ids indexed on first use: `json(of:)`
/// searches its list each time, which a merge or a diff of many changed records cannot afford (45,000 changed
/// records, each found by a search of the lists, took 15 minutes).
struct RecordJSONLookup {
    let dataset: Dataset
    private var indexes: [RecordListName: [String: Int]] = [:]

    init(_ dataset: Dataset) { self.dataset = dataset }

    mutating func json(of key: RecordKey) -> JSONValue? {
        let d = dataset
        if indexes[key.list] == nil {
            func index(_ ids: [String]) -> [String: Int] {
                Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            }
            switch key.list {
            case .articles: indexes[key.list] = index(d.articles.map(\.id))
            case .groups: indexes[key.list] = index(d.groups.map(\.id))
            case .companies: indexes[key.list] = index(d.companies.map(\.id))
            case .alliances: indexes[key.list] = index(d.alliances.map(\.id))
            case .claims: indexes[key.list] = index(d.claims.map(\.id))
            case .people: indexes[key.list] = index(d.people.map(\.id))
            case .shareEstimates: indexes[key.list] = index(d.shareEstimates.map(\.id))
            }
        }
        guard let i = indexes[key.list]?[key.id] else { return nil }
        switch key.list {
        case .articles: return Dataset.json(of: d.articles[i], in: key.list)
        case .groups: return Dataset.json(of: d.groups[i], in: key.list)
        case .companies: return Dataset.json(of: d.companies[i], in: key.list)
        case .alliances: return Dataset.json(of: d.alliances[i], in: key.list)
        case .claims: return Dataset.json(of: d.claims[i], in: key.list)
        case .people: return Dataset.json(of: d.people[i], in: key.list)
        case .shareEstimates: return Dataset.json(of: d.shareEstimates[i], in: key.list)
        }
    }
}

extension Dataset {
    /// A record in its canonical JSON form; nil when the dataset has no such record.
    public func json(of key: RecordKey) -> JSONValue? {
        var one = Dataset()
        switch key.list {
        case .articles: one.articles = articles.first { $0.id == key.id }.map { [$0] } ?? []
        case .groups: one.groups = groups.first { $0.id == key.id }.map { [$0] } ?? []
        case .companies: one.companies = companies.first { $0.id == key.id }.map { [$0] } ?? []
        case .alliances: one.alliances = alliances.first { $0.id == key.id }.map { [$0] } ?? []
        case .claims: one.claims = claims.first { $0.id == key.id }.map { [$0] } ?? []
        case .people: one.people = people.first { $0.id == key.id }.map { [$0] } ?? []
        case .shareEstimates: one.shareEstimates = shareEstimates.first { $0.id == key.id }.map { [$0] } ?? []
        }
        return one.onlyRecordJSON(key.list)
    }

    /// The one record of `list` in this dataset of one record, in its canonical JSON form.
    func onlyRecordJSON(_ list: RecordListName) -> JSONValue? {
        guard case .success(.object(let top)) = JSONValue.parse(Array(canonicalJSON().utf8)),
            case .array(let records)? = top.first(where: { $0.0 == list.rawValue })?.1, let record = records.first
        else { return nil }
        return record
    }

    /// `record`, of `list`, in its canonical JSON form: from the record in hand, with no search of the lists (a
    /// diff of two versions of 45,000 records searched each list for each changed record: 15 minutes).
    static func json<T>(of record: T, in list: RecordListName) -> JSONValue? {
        var one = Dataset()
        switch list {
        case .articles: one.articles = [record as! Article]
        case .groups: one.groups = [record as! Group]
        case .companies: one.companies = [record as! Company]
        case .alliances: one.alliances = [record as! Alliance]
        case .claims: one.claims = [record as! Claim]
        case .people: one.people = [record as! Person]
        case .shareEstimates: one.shareEstimates = [record as! ShareEstimate]
        }
        return one.onlyRecordJSON(list)
    }

    /// The dataset with the record `key` replaced, in its place, by the record `json` reads as: checked by the decoder
    /// against the rest of the dataset (its diagnostics name the record and the field; their positions are in the
    /// record's JSON text, `file`).
    public func replacing(_ key: RecordKey, with json: JSONValue, file: String) -> Result<Dataset, DatasetError> {
        let rest = removing([key])
        let fragment = JSONValue.object([(key.list.rawValue, .array([json]))]).rendered()
        return Dataset.decode(additions: Array(fragment.utf8), file: file, to: rest).map { added in
            var d = self
            func put<T: Identifiable<String>>(_ list: inout [T], _ new: [T]) {
                if let i = list.firstIndex(where: { $0.id == key.id }), let record = new.first { list[i] = record }
            }
            switch key.list {
            case .articles: put(&d.articles, added.articles)
            case .groups: put(&d.groups, added.groups)
            case .companies: put(&d.companies, added.companies)
            case .alliances: put(&d.alliances, added.alliances)
            case .claims: put(&d.claims, added.claims)
            case .people: put(&d.people, added.people)
            case .shareEstimates: put(&d.shareEstimates, added.shareEstimates)
            }
            return d
        }
    }
}

/// What changed from one dataset to another, record by record (matched by list and id), field by field.
public struct DatasetDiff: Sendable {
    public var added: [RecordKey] = []
    public var removed: [RecordKey] = []
    public var changed: [(key: RecordKey, fields: [FieldChange])] = []
    public var isEmpty: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty }
}

extension Dataset {
    /// `differences(to:)` when only the records `keys` can differ (the rest known to be the same, as after a merge
    /// of those records): each one's JSON compared, instead of every list of a large dataset. In list order, then
    /// the order of `keys`.
    public func differences(to new: Dataset, among keys: [RecordKey]) -> DatasetDiff {
        var diff = DatasetDiff()
        let order = Dictionary(uniqueKeysWithValues: RecordListName.allCases.enumerated().map { ($1, $0) })
        var seen = Set<RecordKey>()
        var before = RecordJSONLookup(self)
        var after = RecordJSONLookup(new)
        for key in keys.enumerated().sorted(by: {
            order[$0.element.list]! != order[$1.element.list]!
                ? order[$0.element.list]! < order[$1.element.list]! : $0.offset < $1.offset
        }).map(\.element) where seen.insert(key).inserted {
            switch (before.json(of: key), after.json(of: key)) {
            case (nil, _?): diff.added.append(key)
            case (_?, nil): diff.removed.append(key)
            case (let old?, let now?) where old != now:
                diff.changed.append((key, JSONValue.changes(from: old, to: now, sets: Self.listsMergedAsSets)))
            default: break
            }
        }
        return diff
    }

    /// The records added, removed and changed from this dataset to `new`, in `new`'s order (removed ones in this
    /// one's). Equal records are found by comparing the model values; only changed ones are compared field by field.
    public func differences(to new: Dataset) -> DatasetDiff {
        var diff = DatasetDiff()
        func compare<T: Identifiable<String> & Equatable>(_ list: RecordListName, _ a: [T], _ b: [T]) {
            var old: [String: T] = [:]
            for r in a where old[r.id] == nil { old[r.id] = r }
            var seen = Set<String>()
            for r in b {
                let key = RecordKey(list, r.id)
                seen.insert(r.id)
                guard let before = old[r.id] else { diff.added.append(key); continue }
                if before != r {
                    diff.changed.append(
                        (
                            key,
                            JSONValue.changes(
                                from: Self.json(of: before, in: list), to: Self.json(of: r, in: list),
                                sets: Self.listsMergedAsSets)
                        ))
                }
            }
            for r in a where !seen.contains(r.id) { diff.removed.append(RecordKey(list, r.id)) }
        }
        compare(.articles, articles, new.articles)
        compare(.groups, groups, new.groups)
        compare(.companies, companies, new.companies)
        compare(.alliances, alliances, new.alliances)
        compare(.claims, claims, new.claims)
        compare(.people, people, new.people)
        compare(.shareEstimates, shareEstimates, new.shareEstimates)
        return diff
    }
}
