/// Disclosed money moving between companies, derived from alliances' amounts and party roles.
public struct MoneyFlow: Hashable, Sendable {
    public var from: String
    public var to: String
    public var amount: Amount
    public var alliance: String
    /// The status of the alliance: whether this is agreed money or money still talked about.
    public var status: AllianceStatus
}

/// Where a deal stands, for money: agreed money is never added to money still talked about, nor to ended deals.
public enum MoneyStanding: String, CaseIterable, Sendable {
    /// Announced, active or completed.
    case agreed
    /// In talks, rumoured or predicted.
    case pending
    /// Ended.
    case ended

    public init(_ status: AllianceStatus) {
        switch status {
        case .announced, .active, .completed: self = .agreed
        case .inTalks, .rumoured, .predicted: self = .pending
        case .ended: self = .ended
        }
    }
}

/// Sums of like amounts, per currency: two currencies are never added together.
public struct CurrencySums: Hashable, Sendable {
    public private(set) var values: [String: Double] = [:]
    /// Currencies whose sum includes an approximate (`about`) or estimated amount.
    public private(set) var approximate: Set<String> = []
    /// Currencies whose sum includes a cumulative amount (a running total over several deals).
    public private(set) var cumulative: Set<String> = []
    /// Currencies whose sum includes an amount over a term of years (a contract's whole value).
    public private(set) var multiYear: Set<String> = []

    public init() {}

    public var isEmpty: Bool { values.isEmpty }
    /// USD first, then the others alphabetically.
    public var currencies: [String] { values.keys.sorted { ($0 == "USD" ? "" : $0) < ($1 == "USD" ? "" : $1) } }
    public subscript(currency: String) -> Double? { values[currency] }

    public mutating func add(_ value: Double, _ currency: String, approximate isApproximate: Bool) {
        values[currency, default: 0] += value
        if isApproximate { approximate.insert(currency) }
    }

    /// Notes what kinds of amount a currency's sum holds.
    mutating func note(_ currency: String, cumulative isCumulative: Bool, multiYear isMultiYear: Bool) {
        if isCumulative { cumulative.insert(currency) }
        if isMultiYear { multiYear.insert(currency) }
    }

    mutating func merge(_ other: CurrencySums) {
        for (currency, value) in other.values {
            add(value, currency, approximate: other.approximate.contains(currency))
            note(
                currency, cumulative: other.cumulative.contains(currency), multiYear: other.multiYear.contains(currency)
            )
        }
    }
}

/// Amounts of one meaning (totals, or yearly rates) split by bound: agreed sums, ceilings and floors apart.
public struct BoundedSums: Hashable, Sendable {
    /// Exact and approximate (`about`) amounts.
    public var amounts = CurrencySums()
    /// Ceilings: `up to` amounts.
    public var upTo = CurrencySums()
    /// Floors: `at least` and `more than` amounts.
    public var atLeast = CurrencySums()

    public init() {}

    public var isEmpty: Bool { amounts.isEmpty && upTo.isEmpty && atLeast.isEmpty }

    mutating func add(_ value: Double, _ amount: Amount) {
        let c = amount.currency, cumulative = amount.cumulative, multiYear = amount.termYears != nil
        switch amount.bound {
        case .exact, .about:
            amounts.add(value, c, approximate: amount.bound == .about || amount.estimated)
            amounts.note(c, cumulative: cumulative, multiYear: multiYear)
        case .upTo:
            upTo.add(value, c, approximate: amount.estimated)
            upTo.note(c, cumulative: cumulative, multiYear: multiYear)
        case .atLeast, .moreThan:
            atLeast.add(value, c, approximate: amount.estimated)
            atLeast.note(c, cumulative: cumulative, multiYear: multiYear)
        }
    }

    mutating func merge(_ other: BoundedSums) {
        amounts.merge(other.amounts)
        upTo.merge(other.upTo)
        atLeast.merge(other.atLeast)
    }
}

/// The money of deals of one standing, kept in parts that may not be added to each other.
public struct MoneyParts: Hashable, Sendable {
    /// Totals: whole amounts, and yearly amounts times their term.
    public var total = BoundedSums()
    /// Yearly amounts with no term: rates, which no total can hold.
    public var perYear = BoundedSums()
    /// Deals with a direction for money but no amount disclosed.
    public var undisclosed = 0

    public init() {}

    public var isEmpty: Bool { !hasAmounts && undisclosed == 0 }
    public var hasAmounts: Bool { !total.isEmpty || !perYear.isEmpty }

    public mutating func add(_ amount: Amount) {
        if amount.per == .year && amount.termYears == nil {
            perYear.add(amount.value, amount)
        } else {
            total.add(amount.totalValue, amount)
        }
    }

    mutating func merge(_ other: MoneyParts) {
        total.merge(other.total)
        perYear.merge(other.perYear)
        undisclosed += other.undisclosed
    }
}

/// Money in or out of a company (or along a step): agreed money, ceilings and floors, pending and ended deals and
/// undisclosed ones, each apart, each per currency. Nothing unlike is ever added into one figure.
public struct MoneyTotal: Hashable, Sendable {
    public var agreed = MoneyParts()
    public var pending = MoneyParts()
    public var ended = MoneyParts()
    /// The statuses of the pending deals (for saying `in talks` rather than `pending` when that is all they are).
    public var pendingStatuses: Set<AllianceStatus> = []

    public init() {}

    public var isEmpty: Bool { agreed.isEmpty && pending.isEmpty && ended.isEmpty }
    /// Deals with no amount, whatever their standing.
    public var undisclosed: Int { agreed.undisclosed + pending.undisclosed + ended.undisclosed }

    /// Agreed money only (`--agreed-only`, and the explorer's switch): pending and ended deals left out.
    public var agreedOnly: MoneyTotal {
        var t = MoneyTotal()
        t.agreed = agreed
        return t
    }

    public mutating func add(_ amount: Amount, status: AllianceStatus) {
        switch MoneyStanding(status) {
        case .agreed: agreed.add(amount)
        case .pending: pending.add(amount); pendingStatuses.insert(status)
        case .ended: ended.add(amount)
        }
    }

    public mutating func addUndisclosed(status: AllianceStatus) {
        switch MoneyStanding(status) {
        case .agreed: agreed.undisclosed += 1
        case .pending: pending.undisclosed += 1; pendingStatuses.insert(status)
        case .ended: ended.undisclosed += 1
        }
    }

    public mutating func merge(_ other: MoneyTotal) {
        agreed.merge(other.agreed)
        pending.merge(other.pending)
        ended.merge(other.ended)
        pendingStatuses.formUnion(other.pendingStatuses)
    }

    /// Whether any amount is known, of any standing.
    public var hasAmounts: Bool { agreed.hasAmounts || pending.hasAmounts || ended.hasAmounts }

    /// What money is sorted by, compared in order: agreed USD, agreed ceilings in USD, agreed floors in USD, pending
    /// USD, pending ceilings in USD, then the number of undisclosed deals. A sort key only: these are never added.
    public var sortKey: [Double] {
        [
            agreedUSD, agreed.total.upTo["USD"] ?? 0, agreed.total.atLeast["USD"] ?? 0,
            pending.total.amounts["USD"] ?? 0, pending.total.upTo["USD"] ?? 0, Double(undisclosed),
        ]
    }

    /// Sorts larger money first by `sortKey`; nil when the two are level.
    public static func largerFirst(_ a: MoneyTotal, _ b: MoneyTotal) -> Bool? {
        let x = a.sortKey, y = b.sortKey
        for (p, q) in zip(x, y) where p != q { return p > q }
        return nil
    }

    /// Agreed exact and approximate money in USD: what totals rank by. Zero when there is none.
    public var agreedUSD: Double { agreed.total.amounts["USD"] ?? 0 }
}

extension Catalog {
    /// Who pays whom in an alliance: each paying party to each receiving party, for each amount. An amount that
    /// only states a cumulative total still flows; an alliance without directed roles has no flows.
    public func flows(of alliance: Alliance) -> [MoneyFlow] {
        let payers = alliance.parties.filter { $0.role.moneyDirection == .pays }.map(\.company)
        let payees = alliance.parties.filter { $0.role.moneyDirection == .receives }.map(\.company)
        var result: [MoneyFlow] = []
        for amount in alliance.amounts {
            let from = amount.from.map { [$0] } ?? payers
            let to = amount.to.map { [$0] } ?? payees
            for f in from {
                for t in to where t != f {
                    result.append(
                        MoneyFlow(from: f, to: t, amount: amount, alliance: alliance.id, status: alliance.status))
                }
            }
        }
        return result
    }

    /// Money into and out of a company over all its alliances, in its parts (agreed, ceilings, pending…).
    public func money(of companyID: String) -> (incoming: MoneyTotal, outgoing: MoneyTotal) {
        var incoming = MoneyTotal(), outgoing = MoneyTotal()
        for alliance in alliances(of: companyID) {
            let flows = flows(of: alliance)
            if alliance.amounts.isEmpty {
                switch alliance.role(of: companyID)?.moneyDirection {
                case .pays: outgoing.addUndisclosed(status: alliance.status)
                case .receives: incoming.addUndisclosed(status: alliance.status)
                default: break
                }
                continue
            }
            for flow in flows {
                if flow.to == companyID { incoming.add(flow.amount, status: flow.status) }
                if flow.from == companyID { outgoing.add(flow.amount, status: flow.status) }
            }
        }
        return (incoming, outgoing)
    }

    /// `money(of:)` of every company with money in or out (absent: none), in one pass over the alliances: the
    /// same sums, added in the same order, without walking each company's alliances again.
    public func moneyOfAllCompanies() -> [String: (incoming: MoneyTotal, outgoing: MoneyTotal)] {
        var totals: [String: (incoming: MoneyTotal, outgoing: MoneyTotal)] = [:]
        let none = (incoming: MoneyTotal(), outgoing: MoneyTotal())
        // Totals are changed in place in the dictionary (a copy would copy their currency tables each time).
        for alliance in dataset.alliances {
            let flows = alliance.amounts.isEmpty ? [] : flows(of: alliance)
            for party in alliance.parties {
                let id = party.company
                if alliance.amounts.isEmpty {
                    switch alliance.role(of: id)?.moneyDirection {
                    case .pays: totals[id, default: none].outgoing.addUndisclosed(status: alliance.status)
                    case .receives: totals[id, default: none].incoming.addUndisclosed(status: alliance.status)
                    default: break
                    }
                } else {
                    for flow in flows {
                        if flow.to == id { totals[id, default: none].incoming.add(flow.amount, status: flow.status) }
                        if flow.from == id { totals[id, default: none].outgoing.add(flow.amount, status: flow.status) }
                    }
                }
            }
        }
        return totals
    }
}
