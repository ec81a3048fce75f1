import Dispatch

/// Work split into consecutive parts run at once, one per core (this machine class has two): what each part makes,
/// in order. The parts must not write to anything shared but what is theirs alone.
enum InParts {
    /// How many parts `count` items are worth: two whenever there are two, so every caller (the tests' small
    /// datasets too) takes the same path; a second thread costs far less than a frame.
    static func count(for items: Int) -> Int { min(2, max(1, items)) }

    /// `make(part)` for each of `parts` parts, at once, in part order.
    static func map<T>(_ parts: Int, _ make: @Sendable (Int) -> T) -> [T] {
        [T](unsafeUninitializedCapacity: parts) { buffer, initialized in
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                (slots.baseAddress! + part).initialize(to: make(part))
            }
            initialized = parts
        }
    }

    /// The range of `count` items that part `part` of `parts` takes (the parts cover 0..<count in order).
    static func range(_ part: Int, of parts: Int, count: Int) -> Range<Int> {
        (count * part / parts)..<(count * (part + 1) / parts)
    }

    /// `make(range)` over `count` items split into parts, at once, joined in order.
    static func flatMap<T>(_ count: Int, _ make: @Sendable (Range<Int>) -> [T]) -> [T] {
        let parts = Self.count(for: count)
        if parts == 1 { return make(0..<count) }
        return Self.map(parts) { make(range($0, of: parts, count: count)) }.flatMap { $0 }
    }
}
