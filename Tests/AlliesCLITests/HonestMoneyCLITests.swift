import Foundation
import Testing

/// The trial, through the real binary: OpenAI's money in is $13B agreed, a ceiling of $100B and ~$10B in
/// talks, never one $123B; every command and format keeps the parts apart.
@Suite("Honest money on the command line")
struct HonestMoneyCLITests {
    static func sums(_ part: Any?) -> [String: Double] {
        ((part as? [String: Any]) ?? [:]).compactMapValues { ($0 as? [String: Any])?["value"] as? Double }
    }

    @Test func companyJSONGivesEachPartByCurrency() throws {
        let json = try #require(try AlliesBinary.json(["company", "openai", "--format", "json"]) as? [String: Any])
        let moneyIn = try #require(json["moneyIn"] as? [String: Any])
        #expect(Self.sums(moneyIn["agreed"]) == ["USD": 13e9])
        #expect(Self.sums(moneyIn["upTo"]) == ["USD": 100e9])
        #expect(Self.sums(moneyIn["atLeast"]).isEmpty)
        let pending = try #require(moneyIn["pending"] as? [String: Any])
        #expect(Self.sums(pending["amounts"]) == ["USD": 10e9])
        #expect(((pending["amounts"] as? [String: Any])?["USD"] as? [String: Any])?["approximate"] as? Bool == true)
        #expect(pending["statuses"] as? [String] == ["in-talks"])
        #expect(moneyIn["display"] as? String == "$13B (cumulative) + ≤$100B · in talks: ~$10B")
        // Amazon's money out: the ~$8B to Anthropic agreed, the ~$10B to OpenAI only in talks.
        let amazon = try #require(try AlliesBinary.json(["company", "amazon", "--format", "json"]) as? [String: Any])
        let out = try #require(amazon["moneyOut"] as? [String: Any])
        #expect(Self.sums(out["agreed"]) == ["USD": 8e9])
        #expect(Self.sums((out["pending"] as? [String: Any])?["amounts"]) == ["USD": 10e9])
    }

    @Test func tablesShowTheCompactFormAndTheBreakdown() throws {
        let company = try AlliesBinary.run(["company", "openai", "--width", "200"])
        #expect(
            company.stdout.contains(
                "Money in    Agreed: $13B (includes a cumulative total); Agreed, up to: ≤$100B; In talks: ~$10B"))
        let companies = try AlliesBinary.run(["companies", "--width", "200"])
        let row = try #require(companies.stdout.split(separator: "\n").first { $0.hasPrefix("openai ") })
        #expect(row.contains("$13B (cumulative) + ≤$100B · in talks: ~$10B"))
        #expect(!companies.stdout.contains("$123B") && !companies.stdout.contains("$110.7B"))
        // ASCII terminals get the same words.
        let ascii = try AlliesBinary.run(["companies", "--width", "200"], environment: ["LC_ALL": "C"])
        #expect(ascii.stdout.contains("$13B (cumulative) + <=$100B ; in talks: ~$10B"))
    }

    @Test func csvHoldsRawValuesNotDisplayStrings() throws {
        let csv = try AlliesBinary.run(["companies", "--format", "csv"]).stdout
        let lines = csv.split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        let openai = try #require(lines.first { $0.hasPrefix("openai,") })
        // No quoted commas in this row: split plainly.
        let cells = Dictionary(
            uniqueKeysWithValues: zip(
                header, openai.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
        // A sum keeps what it holds, and money not agreed its status, as in the table and JSON.
        #expect(cells["money_in_agreed"] == "USD 13000000000 (includes cumulative)")
        #expect(cells["money_in_up_to"] == "USD 100000000000")
        #expect(cells["money_in_pending"] == "in-talks: about USD 10000000000")
        #expect(csv.contains("\"about USD 22700000000 (includes cumulative, multi-year)\""), "Microsoft's money out")
        #expect(cells["money_in_undisclosed"] == "0")
        // Alliances: one row per amount, raw columns, `+1 more` never written.
        let alliances = try AlliesBinary.run(["alliances", "--format", "csv"]).stdout
        let ms = alliances.split(separator: "\n").filter { $0.hasPrefix("microsoft-anthropic-2025,") }
        #expect(ms.count == 2)
        #expect(ms.contains { $0.contains(",1,2,5000000000,USD,up-to,total,") })
        #expect(
            ms.contains {
                $0.contains(",2,2,30000000000,USD,exact,total,,false,false,anthropic,microsoft,cloud-contract")
            })
        #expect(!alliances.contains("+1"))
    }

    @Test func moneyKeepsPartsApartAndCountsAPurposeUnderItsKind() throws {
        let json = try #require(
            try AlliesBinary.json(["money", "--by", "kind", "--format", "json"]) as? [[String: Any]])
        let microsoft = try #require(json.first { $0["company"] as? String == "microsoft" })
        let byKind = try #require(microsoft["byKind"] as? [String: Any])
        // Anthropic's $30B Azure commitment is a cloud contract, not an investment.
        #expect(
            Self.sums(((byKind["cloud-contract"] as? [String: Any])?["in"] as? [String: Any])?["agreed"]) == [
                "USD": 30e9
            ])
        let investmentIn = (byKind["investment"] as? [String: Any])?["in"] as? [String: Any]
        #expect(investmentIn == nil || Self.sums(investmentIn?["agreed"]).isEmpty)
        #expect(
            Self.sums(((byKind["investment"] as? [String: Any])?["out"] as? [String: Any])?["upTo"]) == ["USD": 5e9])
        // A kind a company has no deal of is not listed, not called undisclosed.
        let table = try AlliesBinary.run(["money", "--width", "300"]).stdout
        let iren = try #require(table.split(separator: "\n").first { $0.hasPrefix("iren ") })
        #expect(iren.contains("cloud-contract: in (~$9.7B (multi-year))") && !iren.contains("out (undisclosed)"))
        // Hubs by partners: OpenAI (6 partners) before Microsoft.
        let partners = try #require(
            try AlliesBinary.json(["money", "--sort", "partners", "--format", "json"]) as? [[String: Any]])
        let counts = partners.compactMap { $0["partners"] as? Double }
        #expect(counts == counts.sorted(by: >))
        #expect(partners.first?["company"] as? String == "openai")
    }

    @Test func agreedOnlyLeavesOutEveryDealNotAgreed() throws {
        let all = try AlliesBinary.run(["money", "--width", "300"]).stdout
        let agreed = try AlliesBinary.run(["money", "--agreed-only", "--width", "300"]).stdout
        #expect(all.contains("in talks"))
        #expect(!agreed.contains("in talks") && !agreed.contains("predicted") && !agreed.contains("rumoured"))
        let network = try AlliesBinary.run(["network", "openai", "--agreed-only", "--width", "200"]).stdout
        #expect(!network.contains("─ Amazon  "), "Amazon's only tie to OpenAI is in talks")
        #expect(network.contains("─ Amazon Web Services  out ($38B (multi-year))"))
        let companies = try #require(
            try AlliesBinary.json(["companies", "--agreed-only", "--format", "json"]) as? [[String: Any]])
        let openai = try #require(companies.first { $0["id"] as? String == "openai" })
        let moneyIn = try #require(openai["moneyIn"] as? [String: Any])
        #expect(moneyIn["display"] as? String == "$13B (cumulative) + ≤$100B")
        let company = try AlliesBinary.run(["company", "openai", "--agreed-only", "--width", "200"]).stdout
        #expect(company.contains("Money in    Agreed: $13B (includes a cumulative total); Agreed, up to: ≤$100B\n"))
    }
}
