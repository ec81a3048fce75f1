import Testing

@testable import AlliesCore

@Suite("Work in parts on both cores")
struct InPartsTests {
    @Test("The parts cover every item once, in order, whatever the count")
    func partsCoverTheItemsInOrder() {
        for count in [0, 1, 2, 3, 7, 1000, 65_537] {
            #expect(InParts.flatMap(count) { Array($0) } == Array(0..<count), "\(count)")
            let parts = InParts.count(for: count)
            #expect(parts == (count >= 2 ? 2 : 1), "\(count)")
            let ranges = (0..<parts).map { InParts.range($0, of: parts, count: count) }
            #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == count, "\(count)")
            #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound }, "\(count)")
        }
    }

    @Test("What each part makes comes back in part order, each part made once")
    func mapKeepsPartOrder() {
        #expect(InParts.map(2) { "part \($0)" } == ["part 0", "part 1"])
        #expect(InParts.map(1) { $0 * 10 } == [0])
        #expect(InParts.map(0) { $0 }.isEmpty)
    }
}
