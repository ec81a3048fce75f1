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
    /// One currency's sum and what kinds of amount it holds.
    private struct Sum: Hashable, Sendable {
        var currency: String
        var value: Double
        var kinds: Kinds
    }
    private struct Kinds: OptionSet, Hashable, Sendable {
        let rawValue: UInt8
        static let approximate = Kinds(rawValue: 1)
        static let cumulative = Kinds(rawValue: 2)
        static let multiYear = Kinds(rawValue: 4)
        static let estimated = Kinds(rawValue: 8)
    }
    /// In the order `currencies` gives (USD first, then alphabetically), so that equal sums are equal arrays. One
    /// array, not a dictionary and three sets: a sum was 32 bytes inline and a `MoneyTotal` of eighteen of them 608,
    /// which a network view of 26,000 ties held three times a tie (~0.1 GB at a million alliances); now 8 and 176.
    private var sums: [Sum] = []

    public init() {}

    public var isEmpty: Bool { sums.isEmpty }
    /// USD first, then the others alphabetically.
    public var currencies: [String] { sums.map(\.currency) }
    public subscript(currency: String) -> Double? { sums.first { $0.currency == currency }?.value }

    /// Each currency's sum.
    public var values: [String: Double] { Dictionary(uniqueKeysWithValues: sums.map { ($0.currency, $0.value) }) }
    /// Currencies whose sum includes an approximate (`about`) amount.
    public var approximate: Set<String> { currencies(holding: .approximate) }
    /// Currencies whose sum includes an amount its source gives as an estimate.
    public var estimated: Set<String> { currencies(holding: .estimated) }
    /// Currencies whose sum includes a cumulative amount (a running total over several deals).
    public var cumulative: Set<String> { currencies(holding: .cumulative) }
    /// Currencies whose sum includes an amount over a term of years (a contract's whole value).
    public var multiYear: Set<String> { currencies(holding: .multiYear) }

    /// Whether the sum in `currency` includes an approximate (`about`) amount.
    public func isApproximate(_ currency: String) -> Bool { holds(.approximate, currency) }
    /// Whether the sum in `currency` includes an amount its source gives as an estimate: said as the amount says it
    /// (`$8B (est., cumulative)`), not as `~`, which is `about`.
    public func includesEstimate(_ currency: String) -> Bool { holds(.estimated, currency) }
    /// Whether the sum in `currency` includes a cumulative amount.
    public func includesCumulative(_ currency: String) -> Bool { holds(.cumulative, currency) }
    /// Whether the sum in `currency` includes an amount over a term of years.
    public func includesMultiYear(_ currency: String) -> Bool { holds(.multiYear, currency) }

    public mutating func add(_ value: Double, _ currency: String, approximate isApproximate: Bool) {
        add(value, currency, isApproximate ? .approximate : [])
    }

    /// Adds `value` in `currency`, noting what kinds of amount it is.
    mutating func add(
        _ value: Double, _ currency: String, approximate: Bool, estimated: Bool = false, cumulative: Bool,
        multiYear: Bool
    ) {
        var kinds: Kinds = []
        if approximate { kinds.insert(.approximate) }
        if estimated { kinds.insert(.estimated) }
        if cumulative { kinds.insert(.cumulative) }
        if multiYear { kinds.insert(.multiYear) }
        add(value, currency, kinds)
    }

    mutating func merge(_ other: CurrencySums) {
        for sum in other.sums { add(sum.value, sum.currency, sum.kinds) }
    }

    private mutating func add(_ value: Double, _ currency: String, _ kinds: Kinds) {
        if let k = sums.firstIndex(where: { $0.currency == currency }) {
            sums[k].value += value
            sums[k].kinds.formUnion(kinds)
            return
        }
        let at = sums.firstIndex { Self.precedes(currency, $0.currency) } ?? sums.endIndex
        sums.insert(Sum(currency: currency, value: value, kinds: kinds), at: at)
    }

    private static func precedes(_ a: String, _ b: String) -> Bool { (a == "USD" ? "" : a) < (b == "USD" ? "" : b) }

    private func holds(_ kind: Kinds, _ currency: String) -> Bool {
        sums.contains { $0.currency == currency && $0.kinds.contains(kind) }
    }

    private func currencies(holding kind: Kinds) -> Set<String> {
        Set(sums.lazy.filter { $0.kinds.contains(kind) }.map(\.currency))
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
            amounts.add(
                value, c, approximate: amount.bound == .about, estimated: amount.estimated, cumulative: cumulative,
                multiYear: multiYear)
        case .upTo:
            upTo.add(
                value, c, approximate: false, estimated: amount.estimated, cumulative: cumulative,
                multiYear: multiYear)
        case .atLeast, .moreThan:
            atLeast.add(
                value, c, approximate: false, estimated: amount.estimated, cumulative: cumulative,
                multiYear: multiYear)
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
    /// `pendingStatuses` in the statuses' own order, as exports list them.
    public var pendingStatusesInOrder: [AllianceStatus] { AllianceStatus.allCases.filter(pendingStatuses.contains) }
    /// The status of the pending deals when they are all of one, which the total's text names beside their money
    /// (`in talks: ~$10B`); nil when there are none, or several (`pending: …`).
    public var pendingStatus: AllianceStatus? {
        pendingStatuses.count == 1 && !pending.isEmpty ? pendingStatuses.first : nil
    }

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

    /// What money is sorted by, compared in order: whether any amount is disclosed at all (a yearly $60M or €15M is
    /// more than an undisclosed deal or none), agreed USD, agreed ceilings in USD, agreed floors in USD, agreed
    /// yearly USD, pending USD, pending ceilings in USD, then the number of undisclosed deals. A sort key only: these
    /// are never added.
    public var sortKey: [Double] {
        [
            hasAmounts ? 1 : 0, agreedUSD, agreed.total.upTo["USD"] ?? 0, agreed.total.atLeast["USD"] ?? 0,
            agreed.perYear.amounts["USD"] ?? 0, pending.total.amounts["USD"] ?? 0, pending.total.upTo["USD"] ?? 0,
            Double(undisclosed),
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

extension Amount {
    /// Which of an alliance's amounts its row shows and its money sorts by: of the amounts that flow as the row's
    /// parties read (no `from`/`to` of their own), the largest by money's own order (`MoneyTotal.sortKey`: agreed
    /// USD, then ceilings, floors, yearly), the first of those level; the first amount when every one names its
    /// own ends; nil when there are none. One deal's amounts share its status, so they are weighed as agreed. An
    /// amount that names its own ends may flow against the row (Microsoft–Anthropic's $30B is Anthropic's, paid to
    /// Microsoft): shown beside `Microsoft → Anthropic`, it would read as Microsoft's.
    public static func leadingIndex(of amounts: [Amount]) -> Int? {
        guard !amounts.isEmpty else { return nil }
        let asRead = amounts.indices.filter { amounts[$0].from == nil && amounts[$0].to == nil }
        guard let first = asRead.first else { return 0 }
        var best = first, bestTotal = MoneyTotal()
        bestTotal.add(amounts[first], status: .active)
        for i in asRead.dropFirst() {
            var t = MoneyTotal()
            t.add(amounts[i], status: .active)
            if MoneyTotal.largerFirst(t, bestTotal) == true { (best, bestTotal) = (i, t) }
        }
        return best
    }
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

    /// The amounts of a company's alliances whose direction the data does not give (`Alliance.undirectedAmounts`):
    /// neither in nor out, so never in `money(of:)`, and shown beside it rather than left out.
    public func undirectedMoney(of companyID: String) -> MoneyTotal {
        var total = MoneyTotal()
        for i in alliancesByCompany[companyID] ?? [] {
            let status = dataset.alliances[i].status
            for amount in dataset.alliances[i].undirectedAmounts { total.add(amount, status: status) }
        }
        return total
    }

    /// Money into and out of a company over all its alliances, in its parts (agreed, ceilings, pending…).
    public func money(of companyID: String) -> (incoming: MoneyTotal, outgoing: MoneyTotal) {
        var incoming = MoneyTotal(), outgoing = MoneyTotal()
        for i in alliancesByCompany[companyID] ?? [] {
            dataset.alliances[i].addMoney(of: companyID, incoming: &incoming, outgoing: &outgoing)
        }
        return (incoming, outgoing)
    }
}

extension Alliance {
    /// Whether `other` flows against `amount` in this alliance: from a company `amount` goes to, to one it comes
    /// from (each amount's ends its own `from`/`to`, else the roles': payers to payees). Amounts of partners, with
    /// no direction, never do.
    public func flowsOtherWay(_ amount: Amount, _ other: Amount) -> Bool {
        // With no one paid or no one paying, the roles give no direction (`partiesAsRead` has no payers then).
        let (payers, payees, _) = partiesAsRead
        let from = amount.from.map { [$0] } ?? payers, to = amount.to.map { [$0] } ?? payees
        let otherFrom = other.from.map { [$0] } ?? payers, otherTo = other.to.map { [$0] } ?? payees
        return otherFrom.contains { to.contains($0) } && otherTo.contains { from.contains($0) }
    }

    /// The amounts that flow to no one as the roles stand: no party pays or none receives (an investor and a
    /// partner), and the amount names no `from` or `to` of its own. Their direction is not known.
    public var undirectedAmounts: [Amount] {
        let pays = parties.contains { $0.role.moneyDirection == .pays }
        let receives = parties.contains { $0.role.moneyDirection == .receives }
        return amounts.filter { ($0.from == nil && !pays) || ($0.to == nil && !receives) }
    }

    /// Adds what company `id` receives and pays in this alliance to its totals: each amount as many times as
    /// `Catalog.flows(of:)` has it flow to or from the company (counted, not built: everyone's figures add this for
    /// every party of a million alliances); with no amount, one undisclosed deal on the side of the company's role.
    func addMoney(of id: String, incoming: inout MoneyTotal, outgoing: inout MoneyTotal) {
        if amounts.isEmpty {
            switch role(of: id)?.moneyDirection {
            case .pays: outgoing.addUndisclosed(status: status)
            case .receives: incoming.addUndisclosed(status: status)
            default: break
            }
            return
        }
        // The parties who pay and who receive when an amount names neither end, as `flows(of:)` takes them.
        var payers = 0, payees = 0, paysAsParty = 0, receivesAsParty = 0
        for p in parties {
            switch p.role.moneyDirection {
            case .pays:
                payers += 1
                if p.company == id { paysAsParty += 1 }
            case .receives:
                payees += 1
                if p.company == id { receivesAsParty += 1 }
            default: break
            }
        }
        for amount in amounts {
            // Flows go from each sender to each receiver other than itself.
            let senders = amount.from == nil ? payers : 1, receivers = amount.to == nil ? payees : 1
            let idSends = amount.from.map { $0 == id ? 1 : 0 } ?? paysAsParty
            let idReceives = amount.to.map { $0 == id ? 1 : 0 } ?? receivesAsParty
            // Senders and receivers that are `id` itself send nothing to it and receive nothing from it.
            for _ in 0..<(idReceives * (senders - idSends)) { incoming.add(amount, status: status) }
            for _ in 0..<(idSends * (receivers - idReceives)) { outgoing.add(amount, status: status) }
        }
    }
}
