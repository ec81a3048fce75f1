/// Disclosed money moving between companies, derived from alliances' amounts and party roles.
public struct MoneyFlow: Hashable, Sendable {
    public var from: String
    public var to: String
    public var amount: Amount
    public var alliance: String
}

/// Sums per currency. Amounts in different currencies are never added together.
public struct MoneyTotal: Hashable, Sendable {
    public var byCurrency: [String: Double] = [:]
    /// Alliances with a direction for money but no disclosed amount.
    public var undisclosed = 0
    /// Some summed amount is a lower or upper bound, or an estimate, so the total is not exact.
    public var approximate = false

    public init() {}

    public var isEmpty: Bool { byCurrency.isEmpty && undisclosed == 0 }

    mutating func add(_ amount: Amount) {
        byCurrency[amount.currency, default: 0] += amount.totalValue
        if amount.bound != .exact || amount.estimated { approximate = true }
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
            for f in from { for t in to where t != f {
                result.append(MoneyFlow(from: f, to: t, amount: amount, alliance: alliance.id))
            } }
        }
        return result
    }

    /// Disclosed money into and out of a company over all its alliances.
    public func money(of companyID: String) -> (incoming: MoneyTotal, outgoing: MoneyTotal) {
        var incoming = MoneyTotal(), outgoing = MoneyTotal()
        for alliance in alliances(of: companyID) {
            let flows = flows(of: alliance)
            if alliance.amounts.isEmpty {
                switch alliance.role(of: companyID)?.moneyDirection {
                case .pays: outgoing.undisclosed += 1
                case .receives: incoming.undisclosed += 1
                default: break
                }
                continue
            }
            for flow in flows {
                if flow.to == companyID { incoming.add(flow.amount) }
                if flow.from == companyID { outgoing.add(flow.amount) }
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
                    case .pays: totals[id, default: none].outgoing.undisclosed += 1
                    case .receives: totals[id, default: none].incoming.undisclosed += 1
                    default: break
                    }
                } else {
                    for flow in flows {
                        if flow.to == id { totals[id, default: none].incoming.add(flow.amount) }
                        if flow.from == id { totals[id, default: none].outgoing.add(flow.amount) }
                    }
                }
            }
        }
        return totals
    }
}
