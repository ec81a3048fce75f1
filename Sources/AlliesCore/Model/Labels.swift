import AlliesText

// What each of the model's named values is called in the interface, in the current language (`tr`). The raw
// values stay the data's and the interfaces' (JSON, CSV, options); these are for people.

extension AllianceKind {
    /// `investment`, `cloud contract`: in a sentence or a cell.
    public var label: String {
        switch self {
        case .investment: return tr("investment")
        case .cloudContract: return tr("cloud contract")
        case .chipSupply: return tr("chip supply")
        case .dataLicensing: return tr("data licensing")
        case .modelDistribution: return tr("distribution")
        case .acquisition: return tr("acquisition")
        case .energy: return tr("energy")
        case .jointInfrastructure: return tr("joint infra")
        case .partnership: return tr("partnership")
        }
    }

    /// `Investment`, `Cloud contracts`: a heading for the deals of this kind.
    public var heading: String {
        switch self {
        case .investment: return tr("Investment")
        case .cloudContract: return tr("Cloud contracts")
        case .chipSupply: return tr("Chip supply")
        case .dataLicensing: return tr("Data licensing")
        case .modelDistribution: return tr("Model distribution")
        case .acquisition: return tr("Acquisitions")
        case .energy: return tr("Energy")
        case .jointInfrastructure: return tr("Joint infrastructure")
        case .partnership: return tr("Partnerships")
        }
    }
}

extension AllianceStatus {
    /// `in talks`, `predicted`, `announced`… A status whose `MoneyStanding` is `pending` is not (yet) a deal: both
    /// the CLI and the explorer mark it so that it is never read as a fact.
    public var label: String {
        switch self {
        case .predicted: return tr("predicted")
        case .rumoured: return tr("rumoured")
        case .inTalks: return tr("in talks")
        case .announced: return tr("announced")
        case .active: return tr("active")
        case .completed: return tr("completed")
        case .ended: return tr("ended")
        }
    }
}

extension PartyRole {
    public var label: String {
        switch self {
        case .investor: return tr("investor")
        case .investee: return tr("investee")
        case .customer: return tr("customer")
        case .supplier: return tr("supplier")
        case .acquirer: return tr("acquirer")
        case .target: return tr("target")
        case .partner: return tr("partner")
        }
    }
}

extension CompanyKind {
    public var label: String {
        switch self {
        case .bigTech: return tr("big tech")
        case .aiLab: return tr("AI lab")
        case .chipVendor: return tr("chip vendor")
        case .cloud: return tr("cloud")
        case .foundry: return tr("foundry")
        case .energy: return tr("energy")
        case .dataPlatform: return tr("data platform")
        case .network: return tr(context: "company kind", "network")
        case .startup: return tr("startup")
        case .investor: return tr("investor")
        case .research: return tr("research")
        case .datacenter: return tr("datacenter")
        case .other: return tr("other")
        }
    }
}

extension DateEvent {
    public var label: String {
        switch self {
        case .announced: return tr("announced")
        case .signed: return tr("signed")
        case .closed: return tr("closed")
        case .expected: return tr("expected")
        case .reported: return tr("reported")
        }
    }
}

extension ShareEstimate.Metric {
    public var label: String {
        switch self {
        case .units: return tr("units")
        case .revenue: return tr("revenue")
        case .spending: return tr("spending")
        case .servers: return tr("servers")
        case .share: return tr("share")
        }
    }

    /// What an estimate of this metric is, in `language` whatever the reader's: `market share by units`, `cuota de
    /// mercado por unidades`. Search indexes both, so a reader finds the estimates by the words the screens use
    /// (`cuota`), not only by the data's English.
    public func described(in language: Language) -> String {
        Language.$scoped.withValue(language) { self == .share ? tr("market share") : tr("market share by {0}", label) }
    }
}

extension LocalizedText {
    /// The text in the reader's language, the other one when that is empty: Spanish first for a Spanish reader.
    public var preferred: String {
        let (first, second) = Language.current == .es ? (es, en) : (en, es)
        return first.isEmpty ? second : first
    }

    /// The text in the other language (shown second, dimmed); empty when it is the same or missing.
    public var secondary: String {
        let other = Language.current == .es ? en : es
        return other == preferred ? "" : other
    }
}

extension PartialDate {
    /// As people write a date: `3 November 2025`, `November 2025`, `2025`; in Spanish `3 de noviembre de 2025`,
    /// `noviembre de 2025`. Exactly as precise as the date. Tables keep ISO (`description`). One phrase
    /// (`Glue`): a wrapped line never ends in `31 de mayo de` with `2023` on the next.
    public var long: String {
        guard let month, (1...12).contains(month) else { return String(year) }
        let name = PartialDate.monthName(month)
        let day = day.map(String.init)
        switch Language.current {
        case .en: return Glue.join([day, name, String(year)].compactMap { $0 })
        case .es: return Glue.join([day, day == nil ? nil : "de", name, "de", String(year)].compactMap { $0 })
        }
    }

    /// `November`, `noviembre` (Spanish month names are not capitalised).
    public static func monthName(_ month: Int) -> String {
        switch month {
        case 1: return tr("January")
        case 2: return tr("February")
        case 3: return tr("March")
        case 4: return tr("April")
        case 5: return tr("May")
        case 6: return tr("June")
        case 7: return tr("July")
        case 8: return tr("August")
        case 9: return tr("September")
        case 10: return tr("October")
        case 11: return tr("November")
        case 12: return tr("December")
        default: return String(month)
        }
    }
}
