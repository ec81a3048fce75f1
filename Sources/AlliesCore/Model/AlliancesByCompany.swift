/// The positions of each company's alliances in a dataset's list, in dataset order, by company id: a company's are
/// one slice of a single array. At a million alliances a dictionary of arrays grown by appends held ~30 MB of a
/// session's memory; this holds ~10 MB (four bytes a party, and one entry a company).
public struct AlliancesByCompany: Sendable, Sequence {
    /// Company id → its list's number.
    private let lists: [String: Int32]
    /// List `k` is `positions[starts[k]..<starts[k + 1]]`.
    private let starts: [Int32]
    private let positions: [Int32]

    /// The alliances that name each company as a party; an alliance naming a company twice is listed twice.
    public init(_ alliances: [Alliance]) {
        var lists: [String: Int32] = [:], counts: [Int32] = []
        for alliance in alliances {
            for party in alliance.parties {
                if let k = lists[party.company] {
                    counts[Int(k)] += 1
                } else {
                    lists[party.company] = Int32(counts.count)
                    counts.append(1)
                }
            }
        }
        var starts = [Int32](repeating: 0, count: counts.count + 1)
        for k in counts.indices { starts[k + 1] = starts[k] + counts[k] }
        // Filled in a second pass over the alliances, each list from its start: no list is grown by appends.
        var next = starts
        var positions = [Int32](repeating: 0, count: Int(starts[counts.count]))
        for (i, alliance) in alliances.enumerated() {
            for party in alliance.parties {
                let k = Int(lists[party.company]!)
                positions[Int(next[k])] = Int32(i)
                next[k] += 1
            }
        }
        self.lists = lists; self.starts = starts; self.positions = positions
    }

    /// The positions of the alliances of the company `id`; nil when no alliance names it.
    public subscript(id: String) -> Positions? {
        guard let k = lists[id].map(Int.init) else { return nil }
        return Positions(positions[Int(starts[k])..<Int(starts[k + 1])])
    }

    /// The ids of the companies some alliance names, in no order.
    public var keys: Dictionary<String, Int32>.Keys { lists.keys }
    /// How many companies some alliance names.
    public var count: Int { lists.count }

    /// Each company some alliance names, with its alliances' positions, in no order.
    public func makeIterator() -> some IteratorProtocol<(key: String, value: Positions)> {
        lists.lazy.map { (id, k) in
            (key: id, value: Positions(positions[Int(starts[Int(k)])..<Int(starts[Int(k) + 1])]))
        }.makeIterator()
    }
}

/// Positions in a list (a company's alliances in the dataset's, a node's ties in the network's), ascending.
public struct Positions: RandomAccessCollection, ExpressibleByArrayLiteral, Equatable, Sendable {
    private let slice: ArraySlice<Int32>
    init(_ slice: ArraySlice<Int32>) { self.slice = slice }
    public init(arrayLiteral positions: Int...) { slice = ArraySlice(positions.map { Int32($0) }) }
    public var startIndex: Int { slice.startIndex }
    public var endIndex: Int { slice.endIndex }
    public subscript(i: Int) -> Int { Int(slice[i]) }
    public static func == (a: Positions, b: Positions) -> Bool { a.elementsEqual(b) }
}
