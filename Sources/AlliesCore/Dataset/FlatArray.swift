/// A read-only array of fixed-size values that lie either in memory the array owns (an index just built) or where
/// they are in a mapped store file (an index opened from the cache: nothing is copied, and only the pages a query
/// touches are read). The search index's arrays are these, so one query code path serves both.
struct FlatArray<Element: BitwiseCopyable>: RandomAccessCollection, @unchecked Sendable {
    private let base: UnsafeBufferPointer<Element>
    /// What keeps `base` alive: the owned copy, or the mapped file.
    private let owner: AnyObject?

    /// Moves an array's values into storage of their own (an Array's buffer cannot be borrowed for good).
    init(_ array: [Element]) {
        let storage = OwnedStorage<Element>(array)
        base = UnsafeBufferPointer(start: storage.buffer.baseAddress, count: array.count)
        owner = storage
    }

    /// A view of values already in memory that `owner` keeps alive (a mapped file). The caller checked the bounds
    /// and the alignment.
    init(viewing base: UnsafeBufferPointer<Element>, owner: AnyObject) {
        self.base = base
        self.owner = owner
    }

    init() { self.init([]) }

    var startIndex: Int { 0 }
    var endIndex: Int { base.count }

    @inline(__always) subscript(i: Int) -> Element {
        // Checked like an Array's: a bad position is a bug, never a read outside the file.
        precondition(i >= 0 && i < base.count, "FlatArray index out of range")
        return base[i]
    }

    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        try body(base)
    }

    /// The values in `range`, not copied: a view that keeps what keeps these alive.
    func view(_ range: Range<Int>) -> FlatArray {
        precondition(range.lowerBound >= 0 && range.upperBound <= base.count, "FlatArray range out of bounds")
        return FlatArray(viewing: UnsafeBufferPointer(rebasing: base[range]), owner: owner ?? OwnedStorage<Element>([]))
    }

    /// The values in `range`, copied at once (a slice copied through the collection protocols goes value by value,
    /// each checked: ten times slower for a list of half a million postings).
    func copy(_ range: Range<Int>) -> [Element] {
        var out: [Element] = []
        append(range, to: &out)
        return out
    }

    /// Appends the values in `range` to `array`, copied at once.
    func append(_ range: Range<Int>, to array: inout [Element]) {
        precondition(range.lowerBound >= 0 && range.upperBound <= base.count, "FlatArray range out of bounds")
        array.append(contentsOf: UnsafeBufferPointer(rebasing: base[range]))
    }

    /// The bytes the values take.
    var byteCount: Int { base.count * MemoryLayout<Element>.stride }
}

private final class OwnedStorage<Element: BitwiseCopyable> {
    let buffer: UnsafeMutableBufferPointer<Element>
    init(_ array: [Element]) {
        buffer = .allocate(capacity: max(1, array.count))
        _ = buffer.initialize(from: array)
    }
    deinit { buffer.deallocate() }
}

extension FlatArray: ExpressibleByArrayLiteral {
    init(arrayLiteral elements: Element...) { self.init(elements) }
}

extension FlatArray: Equatable where Element: Equatable {
    static func == (a: FlatArray, b: FlatArray) -> Bool { a.elementsEqual(b) }
}

extension FlatArray where Element: FixedWidthInteger {
    /// The largest value (nil when empty), in one pass over the memory the compiler can vectorise: how a store's
    /// columns are checked on open.
    var largest: Element? {
        base.isEmpty ? nil : base.reduce(Element.min) { Swift.max($0, $1) }
    }
}
