extension Catalog {
    /// Alliances in date order (oldest first), optionally those of one company and within a date window.
    /// A date is inside the window when any day it could mean is: `2024` is inside `--from 2024-06`.
    /// Undated alliances come last, and only when no window is given.
    public func timeline(company: String? = nil, from: PartialDate? = nil, to: PartialDate? = nil) -> [Alliance] {
        timelineOrder(company: company, from: from, to: to).map { dataset.alliances[$0] }
    }

    /// `timeline(company:from:to:)` as positions in `dataset.alliances`: what a list of a million alliances sorts
    /// (integers, not records).
    public func timelineOrder(company: String? = nil, from: PartialDate? = nil, to: PartialDate? = nil) -> [Int] {
        let alliances = dataset.alliances
        let pool = company.map { Array(alliancesByCompany[$0] ?? []) } ?? Array(alliances.indices)
        let dated = pool.filter { i in
            guard let d = alliances[i].date?.value else { return false }
            if let from, Self.latestKey(d) < Self.earliestKey(from) { return false }
            if let to, Self.earliestKey(d) > Self.latestKey(to) { return false }
            return true
        }
        // Pool positions ascend, so the position breaks ties in the pool's order.
        let ordered = dated.sorted { x, y in
            let a = alliances[x].date!.value, b = alliances[y].date!.value
            return a != b ? a < b : x < y
        }
        if from == nil && to == nil { return ordered + pool.filter { alliances[$0].date == nil } }
        return ordered
    }

    static func earliestKey(_ d: PartialDate) -> Int { d.year * 10000 + (d.month ?? 1) * 100 + (d.day ?? 1) }
    static func latestKey(_ d: PartialDate) -> Int {
        let month = d.month ?? 12
        return d.year * 10000 + month * 100 + (d.day ?? PartialDate.daysIn(month: month, year: d.year))
    }
}
