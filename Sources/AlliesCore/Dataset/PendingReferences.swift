// The decoder's bookkeeping of where it is and what it could not check yet: the top-level lists, the targets of
// references, field paths, and the references to ids not declared when they were read (kept compactly and checked
// after the whole file is read).

import AlliesText

/// The top-level lists of records.
enum RecordList: Int, CaseIterable {
    case articles, groups, companies, alliances, claims, people, shareEstimates

    var name: String {
        switch self {
        case .articles: return "articles"
        case .groups: return "groups"
        case .companies: return "companies"
        case .alliances: return "alliances"
        case .claims: return "claims"
        case .people: return "people"
        case .shareEstimates: return "shareEstimates"
        }
    }
}

/// What a reference points at.
enum ReferenceTarget: UInt8 {
    case article, company, group, alliance

    /// The list whose ids it names.
    var list: RecordList {
        switch self {
        case .article: return .articles
        case .company: return .companies
        case .group: return .groups
        case .alliance: return .alliances
        }
    }
    var noun: String {
        switch self {
        case .article: return "article"
        case .company: return "company"
        case .group: return "group"
        case .alliance: return "alliance"
        }
    }
    /// `unknown company "x"`, in the current language.
    func unknown(_ id: String) -> String {
        switch self {
        case .article: return tr("unknown article \"{0}\"", id)
        case .company: return tr("unknown company \"{0}\"", id)
        case .group: return tr("unknown group \"{0}\"", id)
        case .alliance: return tr("unknown alliance \"{0}\"", id)
        }
    }
    /// `no company has this id`, in the current language.
    var noOne: String {
        switch self {
        case .article: return tr("no article has this id")
        case .company: return tr("no company has this id")
        case .group: return tr("no group has this id")
        case .alliance: return tr("no alliance has this id")
        }
    }
}

/// One step of the path from a record to the value being read: a field name or an array index. Kept as a value and
/// formatted (`parties[0].company`) only when a problem is reported.
enum PathStep: Equatable {
    case key(String)
    case index(Int)

    /// `parties[0].company` for the steps `parties`, 0, `company`; nil for no steps.
    static func format(_ steps: some Collection<PathStep>) -> String? {
        if steps.isEmpty { return nil }
        var s = ""
        for step in steps {
            switch step {
            case .key(let name): s += "." + name
            case .index(let i): s += "[\(i)]"
            }
        }
        return String(s.drop { $0 == "." })
    }
}

/// References that were not resolved when they were read (their id was not declared yet, or never is), checked once
/// every record is read. Most references point back at records already read and are resolved at once; the rest are
/// kept here compactly, as they can be millions (a file of nothing but dangling references): a few bytes each, not
/// the id text, which is read again from the file's bytes at the end.
///
/// Each entry is a run of variable-length integers: the id's offset (from the previous entry's), the record (from
/// the previous entry's), the shape of the field path with the target, then each array index of the path (from the
/// previous entry's). The field path's shape (`parties[_].company`) is one of a few, numbered in `shapes`.
struct PendingReferences {
    struct Entry {
        var target: ReferenceTarget
        var offset: Int
        var record: Int?
        var shape: Int
        var indices: [Int]
    }

    private(set) var bytes: [UInt8] = []
    private(set) var count = 0
    /// Field path shapes: the path's steps with every index as 0.
    private(set) var shapes: [[PathStep]] = []
    private var lastShape = -1
    private var last = (offset: 0, record: 0, indices: [Int]())

    /// The bytes kept, whatever the number of references.
    var retainedBytes: Int { bytes.capacity + shapes.reduce(0) { $0 + $1.count * MemoryLayout<PathStep>.stride } }

    mutating func append(_ target: ReferenceTarget, offset: Int, record: Int?, path: ArraySlice<PathStep>) {
        let shape = shapeCode(path)
        put(zigzag(offset - last.offset))
        let r = record.map { $0 + 1 } ?? 0
        put(zigzag(r - last.record))
        put(UInt64(shape) << 2 | UInt64(target.rawValue))
        var k = 0
        for step in path {
            guard case .index(let i) = step else { continue }
            let previous = k < last.indices.count ? last.indices[k] : 0
            put(zigzag(i - previous))
            if k < last.indices.count { last.indices[k] = i } else { last.indices.append(i) }
            k += 1
        }
        last.offset = offset
        last.record = r
        count += 1
    }

    /// The entries in the order they were added.
    func forEach(_ body: (Entry) -> Void) {
        var at = 0
        var offset = 0, record = 0
        var indices: [Int] = []
        func get() -> UInt64 {
            var value: UInt64 = 0, shift: UInt64 = 0
            while true {
                let b = bytes[at]
                at += 1
                value |= UInt64(b & 0x7F) << shift
                if b < 0x80 { return value }
                shift += 7
            }
        }
        for _ in 0..<count {
            offset += unzigzag(get())
            record += unzigzag(get())
            let code = get()
            let shape = Int(code >> 2)
            let target = ReferenceTarget(rawValue: UInt8(code & 3))!
            var k = 0
            for step in shapes[shape] {
                guard case .index = step else { continue }
                let delta = unzigzag(get())
                if k < indices.count { indices[k] += delta } else { indices.append(delta) }
                k += 1
            }
            body(
                Entry(
                    target: target, offset: offset, record: record == 0 ? nil : record - 1, shape: shape,
                    indices: Array(indices.prefix(k))))
        }
    }

    /// The field path of an entry, as `PathStep.format` gives it.
    func fieldPath(_ entry: Entry) -> String? {
        var k = 0
        return PathStep.format(
            shapes[entry.shape].map { step -> PathStep in
                guard case .index = step else { return step }
                defer { k += 1 }
                return .index(entry.indices[k])
            })
    }

    private mutating func shapeCode(_ path: ArraySlice<PathStep>) -> Int {
        if lastShape >= 0, Self.sameShape(shapes[lastShape], path) { return lastShape }
        if let found = shapes.firstIndex(where: { Self.sameShape($0, path) }) {
            lastShape = found
        } else {
            shapes.append(path.map { if case .index = $0 { return .index(0) } else { return $0 } })
            lastShape = shapes.count - 1
        }
        return lastShape
    }

    private static func sameShape(_ shape: [PathStep], _ path: ArraySlice<PathStep>) -> Bool {
        guard shape.count == path.count else { return false }
        for (a, b) in zip(shape, path) {
            switch (a, b) {
            case (.key(let x), .key(let y)): if x != y { return false }
            case (.index, .index): continue
            default: return false
            }
        }
        return true
    }

    private mutating func put(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    private func zigzag(_ n: Int) -> UInt64 { UInt64(bitPattern: Int64((n << 1) ^ (n >> 63))) }
    private func unzigzag(_ v: UInt64) -> Int { Int(Int64(bitPattern: v >> 1) ^ -Int64(bitPattern: v & 1)) }
}
