@testable import AlliesCore
import Testing

/// `Parties` keeps an alliance's first two parties in the record and the rest in an array: every operation gives what
/// the same operation gives on `[Party]`, whatever the count, and equal parties are equal and hash alike whatever
/// they went through.
@Suite("An alliance's parties")
struct PartiesTests {
    static let people = (0..<6).map { Party("company-\($0)-with-a-long-id", PartyRole.allCases[$0 % 7]) }

    @Test(arguments: 0...5)
    func partiesBehaveAsAnArrayOfThem(count: Int) {
        let array = Array(Self.people.prefix(count))
        var appended = Parties()
        for p in array { appended.append(p) }
        let made = Parties(array)
        #expect(Array(appended) == array && Array(made) == array && made == appended)
        #expect(made.count == count && made.isEmpty == (count == 0) && made.last == array.last)
        #expect(made.description == array.description)
        #expect(Set([made, appended]).count == 1)
        for i in 0...count {
            // Inserting and removing at every place, setting every place.
            var a = array, p = made
            a.insert(Self.people[5], at: i)
            p.insert(Self.people[5], at: i)
            #expect(Array(p) == a, "insert at \(i) of \(count)")
            a.remove(at: i)
            p.remove(at: i)
            #expect(Array(p) == array && p == made, "remove at \(i) of \(count)")
            guard i < count else { continue }
            a[i].role = .partner
            p[i].role = .partner
            #expect(Array(p) == a && (p == made) == (array[i].role == .partner), "set \(i) of \(count)")
        }
        var fewer = made
        fewer.removeAll { $0.company.hasPrefix("company-1") }
        #expect(Array(fewer) == array.filter { !$0.company.hasPrefix("company-1") })
        // The order is part of the value.
        if count >= 2 { #expect(Parties(array.reversed()) != made) }
    }

    @Test func anAllianceKeepsTwoPartiesInTheRecord() {
        #expect(MemoryLayout<Parties>.size <= 56)
        let two: Parties = [Self.people[0], Self.people[1]]
        let a = Alliance(
            id: "a", kind: .investment, parties: two, status: .announced, title: LocalizedText(en: "t", es: "t"),
            summary: LocalizedText(en: "s", es: "s"))
        #expect(
            a.parties == two && a.parties.map(\.company) == ["company-0-with-a-long-id", "company-1-with-a-long-id"])
        let b = Alliance(
            id: "a", kind: .investment, parties: Array(two), status: .announced, title: LocalizedText(en: "t", es: "t"),
            summary: LocalizedText(en: "s", es: "s"))
        #expect(a == b && a.hashValue == b.hashValue)
    }
}

/// An amount's rarer fields (who pays and who is paid, a purpose, a note) are kept apart from the rest: each set,
/// changed and cleared reads back as set, and an amount whose rare fields were all cleared equals one never given any.
@Suite("An amount's rarer fields")
struct AmountRareFieldsTests {
    @Test func eachRareFieldReadsAsSet() {
        var a = Amount(value: 5e9, currency: "USD", per: .year, bound: .upTo, termYears: 4)
        let plain = a
        #expect(a.from == nil && a.to == nil && a.purpose == nil && a.note == nil)
        a.from = "microsoft"
        #expect(a.from == "microsoft" && a.to == nil && a != plain)
        a.to = "openai"
        a.purpose = .cloudContract
        a.note = "en créditos de Azure"
        #expect(
            a.from == "microsoft" && a.to == "openai" && a.purpose == .cloudContract && a.note == "en créditos de Azure"
        )
        var b = a
        b.note = "otra nota"
        #expect(a.note == "en créditos de Azure" && b.note == "otra nota" && a != b)
        #expect(
            a
                == Amount(
                    value: 5e9, currency: "USD", per: .year, bound: .upTo, termYears: 4, from: "microsoft",
                    to: "openai",
                    purpose: .cloudContract, note: "en créditos de Azure"))
        #expect(Set([a, b]).count == 2)
        a.from = nil; a.to = nil; a.purpose = nil; a.note = nil
        #expect(a == plain && a.hashValue == plain.hashValue)
        #expect(a.value == 5e9 && a.per == .year && a.bound == .upTo && a.termYears == 4 && a.totalValue == 20e9)
    }

    /// Held a whole session for every alliance: 48 bytes, where the rare fields inline made it 104.
    @Test func anAmountIsSmall() {
        #expect(MemoryLayout<Amount>.stride <= 48, "\(MemoryLayout<Amount>.stride)")
    }
}
