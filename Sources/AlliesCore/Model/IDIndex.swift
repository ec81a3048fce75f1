/// Records' positions by id, for a catalog: an open-addressing table of positions whose keys are the records' own
/// ids, read from the records themselves rather than kept beside them. A `[String: Int]` of a million alliances took
/// ~63 MB of the explorer (a 24-byte slot per entry, at most three quarters full); this takes 4 bytes a slot, at most
/// half full: ~8 MB. As the dictionary did, an id held by several records finds the first of them.
public struct IDIndex<Record: Identifiable & Sendable>: Sendable where Record.ID == String {
    private let records: [Record]
    /// A record's position plus one; 0 is an empty slot. Linear probing from the id's hash.
    private let slots: [Int32]
    private let mask: Int

    public init(_ records: [Record]) {
        var capacity = 8
        while capacity < records.count * 2 { capacity <<= 1 }
        let mask = capacity - 1
        var slots = [Int32](repeating: 0, count: capacity)
        for (i, record) in records.enumerated() {
            var slot = record.id.hashValue & mask
            while true {
                let taken = Int(slots[slot])
                if taken == 0 {
                    slots[slot] = Int32(i + 1)
                    break
                }
                if records[taken - 1].id == record.id { break }  // the first record of an id is the one kept
                slot = (slot + 1) & mask
            }
        }
        self.records = records
        self.slots = slots
        self.mask = mask
    }

    /// The position of the first record whose id is `id`.
    public subscript(id: String) -> Int? {
        var slot = id.hashValue & mask
        while true {
            let taken = Int(slots[slot])
            if taken == 0 { return nil }
            if records[taken - 1].id == id { return taken - 1 }
            slot = (slot + 1) & mask
        }
    }
}
