#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The ids declared in one list, each with the offset of its first declaration. Ids are slugs (ASCII), so a key can
/// be looked up by UTF-8 bytes, byte equality being String equality for them: a reference is found from the file's
/// bytes before any String is made for it (the declared id's String is then shared). Open addressing with linear
/// probing over slots that hold the hash, the key and the offset together (one cache line to look at, where a
/// Dictionary of Strings looks in several), growing without hashing again.
/// Once built it may be read from several threads at once (the store's records are decoded on two cores, each
/// finding the ids their references name): `find` changes nothing. Declaring while another thread reads is not safe.
final class IDTable: @unchecked Sendable {
    private struct Slot {
        var hash: Int
        var key: String
        var offset: Int  // -1: empty
    }

    /// A power of two, at most three quarters full.
    // Unchecked for the decoder's reason (DatasetDecoder): one lookup per reference, one thread, no overlapping access.
    @exclusivity(unchecked) private var slots: [Slot] = []
    private(set) var count = 0

    /// The keys, in no particular order.
    var keys: [String] { slots.compactMap { $0.offset >= 0 ? $0.key : nil } }

    private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(key))
        return hasher.finalize()
    }

    /// The key with these bytes, if declared.
    func find(_ key: UnsafeBufferPointer<UInt8>) -> String? {
        guard count > 0 else { return nil }
        let hash = Self.hash(key)
        return slots.withUnsafeBufferPointer { s -> String? in
            let mask = s.count - 1
            var i = hash & mask
            while s[i].offset >= 0 {
                if s[i].hash == hash {
                    let found = s[i].key
                    if found.utf8.count == key.count,
                        found.utf8.withContiguousStorageIfAvailable({
                            key.isEmpty || memcmp($0.baseAddress!, key.baseAddress!, key.count) == 0
                        })
                            ?? found.utf8.elementsEqual(key)
                    {
                        return found
                    }
                }
                i = (i + 1) & mask
            }
            return nil
        }
    }

    func find(_ key: String) -> String? {
        var key = key
        return key.withUTF8 { find($0) }
    }

    /// Declares `key` at `offset`; when it was declared before, returns that first offset and changes nothing.
    /// The offset given to the ids of the dataset a fragment is added to (they are in no file being read).
    static let inBase = Int.max

    func declare(_ key: String, at offset: Int) -> Int? {
        var utf8 = key
        let hash = utf8.withUTF8 { Self.hash($0) }
        if (count + 1) * 4 > slots.count * 3 { grow() }
        let mask = slots.count - 1
        var i = hash & mask
        while slots[i].offset >= 0 {
            if slots[i].hash == hash && slots[i].key == key { return slots[i].offset }
            i = (i + 1) & mask
        }
        slots[i] = Slot(hash: hash, key: key, offset: offset)
        count += 1
        return nil
    }

    private func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(hash: 0, key: "", offset: -1), count: max(16, old.count * 2))
        let mask = slots.count - 1
        for slot in old where slot.offset >= 0 {
            var i = slot.hash & mask
            while slots[i].offset >= 0 { i = (i + 1) & mask }
            slots[i] = slot
        }
    }
}
