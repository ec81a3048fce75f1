extension Catalog {
    /// Alliances in date order (oldest first), optionally those of one company and within a date window.
    /// A date is inside the window when any day it could mean is: `2024` is inside `--from 2024-06`.
    /// Undated alliances come last, and only when no window is given.
    public func timeline(company: String? = nil, from: PartialDate? = nil, to: PartialDate? = nil) -> [Alliance] {
        let pool = company.map { alliances(of: $0) } ?? dataset.alliances
        let dated = pool.filter { a in
            guard let d = a.date?.value else { return false }
            if let from, Self.latestKey(d) < Self.earliestKey(from) { return false }
            if let to, Self.earliestKey(d) > Self.latestKey(to) { return false }
            return true
        }
        let ordered = dated.enumerated().sorted { x, y in
            let a = x.element.date!.value, b = y.element.date!.value
            return a != b ? a < b : x.offset < y.offset
        }.map(\.element)
        if from == nil && to == nil { return ordered + pool.filter { $0.date == nil } }
        return ordered
    }

    static func earliestKey(_ d: PartialDate) -> Int { d.year * 10000 + (d.month ?? 1) * 100 + (d.day ?? 1) }
    static func latestKey(_ d: PartialDate) -> Int {
        let month = d.month ?? 12
        return d.year * 10000 + month * 100 + (d.day ?? PartialDate.daysIn(month: month, year: d.year))
    }
}
