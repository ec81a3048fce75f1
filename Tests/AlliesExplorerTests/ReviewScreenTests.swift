import AlliesCore
import AlliesText
import Foundation
import Synchronization
import Testing
@testable import AlliesExplorer

/// The review screen of an import's uncertain company matches (issue #14): keys in by command name; the dataset, the
/// screen and the decisions file out.
@Suite("Reviewing uncertain company matches")
struct ReviewScreenTests {
    static let source = "Deals 2025"
    static let today = PartialDate(year: 2026, month: 12, day: 3)

    static func record(_ key: String) -> RecordSource {
        RecordSource(dataset: source, key: key, licence: "CC-BY 4.0")
    }

    static func company(_ id: String, _ name: String, _ country: String, records: [RecordSource] = []) -> Company {
        Company(
            id: id, name: name, kind: .startup, country: country,
            description: LocalizedText(en: "A company.", es: "Una empresa."), records: records)
    }

    static func deal(_ id: String, _ a: String, _ b: String, records: [RecordSource] = []) -> Alliance {
        Alliance(
            id: id, kind: .partnership, parties: [Party(a, .partner), Party(b, .partner)], status: .announced,
            title: LocalizedText(en: id, es: id), summary: LocalizedText(en: "A deal.", es: "Un acuerdo."),
            records: records)
    }

    /// Globex and its duplicate from an import (an alliance with a dataset record names the duplicate), the same for
    /// a CJK name, and an accented one whose duplicate shares a deal with it (its merge is refused).
    static let catalog = Catalog(
        Dataset(
            companies: [
                company("globex", "Globex", "US"),
                company("globex-2", "Globex", "DE", records: [record("g-7")]),
                company("alibaba", "阿里巴巴集团", "CN"),
                company("alibaba-2", "阿里巴巴集团", "SG", records: [record("a-1")]),
                company("zoe", "Zoé Énergie", "FR"),
                company("zoe-2", "Zoé  Énergie", "FR", records: [record("z-1")]),
                company("initech", "Initech", "US"),
            ],
            alliances: [
                deal("initech-globex-2", "globex-2", "initech", records: [record("r-1")]),
                deal("globex-alibaba", "globex", "alibaba"),
                deal("alibaba-2-initech", "alibaba-2", "initech", records: [record("r-2")]),
                deal("zoe-zoe-2", "zoe", "zoe-2", records: [record("r-3")]),
            ]))

    static let candidates = [
        MatchCandidate(
            dataset: source, key: "g-7", name: "Globex", added: "globex-2", company: "globex", companyName: "Globex",
            reason: "the same name, but US and not DE"),
        MatchCandidate(
            dataset: source, key: "a-1", name: "阿里巴巴集团", added: "alibaba-2", company: "alibaba",
            companyName: "阿里巴巴集团", reason: "the same name, but CN and not SG"),
        MatchCandidate(
            dataset: source, key: "z-1", name: "Zoé  Énergie", added: "zoe-2", company: "zoe",
            companyName: "Zoé Énergie", reason: "the same letters, spaced differently"),
    ]

    /// A decision the file held before this session: kept when the file is written again.
    static let earlier = ReviewDecision(dataset: source, key: "old", company: "initech", verdict: .reject)

    static func folder() -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("allies-review-\(UUID())").path
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func reviewer(
        _ decisionsPath: String, size: Size = Size(width: 80, height: 24), candidates: [MatchCandidate] = candidates
    ) -> Explorer {
        var e = Explorer(
            catalog: catalog, datasetName: "deals.json", today: today,
            review: ReviewSetup(candidates: candidates, decisions: [earlier], decisionsPath: decisionsPath))
        deliver(&e, .terminal(TerminalCapabilities(unicode: true, color: true)))
        deliver(&e, .resize(size))
        return e
    }

    static func decisions(_ path: String) -> [ReviewDecision] { (try? ReviewFile.read(path).get()) ?? [] }

    @Test func theFirstScreenSaysHowManyMatchesWaitAndMOpensThem() {
        let dir = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var e = Self.reviewer(dir + "/deals.review.json")
        #expect(e.state.note?.text == "3 uncertain company matches from an import: press M to review")
        #expect(e.render(Size(width: 80, height: 24)).text.contains("press M to review"))
        press(&e, .alliances, .review)
        #expect(e.state.top == .review)
        #expect(e.state.selectedID == "candidate/0")
        let screen = e.render(Size(width: 80, height: 24)).text
        #expect(screen.contains("Review matches 3/3 pending"))
        #expect(screen.contains("From Deals 2025"))
        // Without candidates, M says there is nothing to review.
        var plain = explorer(Self.catalog)
        press(&plain, "M")
        #expect(plain.state.top == .companies)
        #expect(plain.state.note?.text.hasPrefix("No uncertain company matches to review") == true)
        // A candidate whose added company is no longer in the dataset is not listed.
        let gone = MatchCandidate(
            dataset: Self.source, key: "x", name: "Gone", added: "gone", company: "globex", companyName: "Globex",
            reason: "r")
        let f = Self.reviewer(dir + "/deals.review.json", candidates: Self.candidates + [gone])
        #expect(f.state.note?.text.hasPrefix("3 uncertain") == true)
        #expect(f.state.review?.candidates.count == 3)
    }

    @Test func acceptingMergesTheCompaniesAsAnUndoableEditAndWritesTheDecision() throws {
        let dir = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/deals.review.json"
        var e = Self.reviewer(path)
        press(&e, .review, .acceptMatch)
        let d = e.state.catalog!.dataset
        #expect(!d.companies.contains { $0.id == "globex-2" }, "the added company is gone")
        #expect(d.alliances.first { $0.id == "initech-globex-2" }?.parties.map(\.company) == ["globex", "initech"])
        let globex = try #require(d.companies.first { $0.id == "globex" })
        #expect(globex.records.contains(Self.record("g-7")) && globex.updated == Self.today)
        #expect(
            Self.decisions(path) == [
                Self.earlier, ReviewDecision(dataset: Self.source, key: "g-7", company: "globex", verdict: .accept),
            ])
        #expect(e.state.selectedID == "candidate/1", "on to the next pending match")
        let screen = e.render(Size(width: 80, height: 24)).text
        #expect(screen.contains("accepted → merged into Globex (globex)"), "\(screen)")
        #expect(screen.contains("Review matches 2/3 pending"))
        // In the Changes view, as every edit.
        press(&e, .changes)
        #expect(e.render(Size(width: 80, height: 24)).text.contains("2026-12-03"))
        // u brings the company back.
        press(&e, .undo)
        #expect(e.state.catalog!.company("globex-2") != nil)
        #expect(e.state.note?.text == "Undid: Merged Globex (globex-2) into Globex (globex)")
        press(&e, .review)
        #expect(e.render(Size(width: 80, height: 24)).text.contains("accepted, merge undone here"))
    }

    @Test func rejectingChangesNoDatasetAndSkippingWritesNothing() {
        let dir = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/deals.review.json"
        var e = Self.reviewer(path)
        let before = e.state.catalog!.dataset
        press(&e, .review, .skipMatch)
        #expect(e.state.selectedID == "candidate/1")
        #expect(!FileManager.default.fileExists(atPath: path), "a skip writes nothing")
        press(&e, .rejectMatch)
        #expect(e.state.catalog!.dataset.companies == before.companies)
        #expect(e.state.catalog!.dataset.alliances == before.alliances)
        #expect(e.state.session.version == 0, "no edit")
        #expect(
            Self.decisions(path) == [
                Self.earlier, ReviewDecision(dataset: Self.source, key: "a-1", company: "alibaba", verdict: .reject),
            ])
        #expect(e.state.selectedID == "candidate/2")
        #expect(e.render(Size(width: 80, height: 24)).text.contains("rejected"))
        // Deciding again says it is done.
        select(&e, "candidate/1")
        press(&e, .acceptMatch)
        #expect(e.state.note?.text == "Already rejected")
        #expect(e.state.catalog!.company("alibaba-2") != nil)
    }

    @Test func aRefusedMergeSaysWhyAndChangesNothing() {
        let dir = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/deals.review.json"
        var e = Self.reviewer(path)
        press(&e, .review)
        select(&e, "candidate/2")
        press(&e, .acceptMatch)
        #expect(e.state.note?.isError == true)
        #expect(e.state.note?.text.hasPrefix("Not merged: both are parties of alliance zoe-zoe-2") == true)
        #expect(e.state.catalog!.company("zoe-2") != nil)
        #expect(e.state.session.version == 0)
        #expect(!FileManager.default.fileExists(atPath: path), "nothing recorded")
        #expect(e.state.review?.decided.isEmpty == true)
    }

    @Test func theDecisionIsWrittenByWorkOffTheInterfaceThread() throws {
        let dir = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/deals.review.json"
        var e = Self.reviewer(path)
        press(&e, .review)
        let y = try #require(key(for: .rejectMatch, in: .review))
        // The key answers at once with work for the backend; the file is not written yet.
        guard case .work(let work) = e.update(.key(y)) else {
            Issue.record("expected work")
            return
        }
        #expect(work.name.contains("review"))
        #expect(!FileManager.default.fileExists(atPath: path))
        let sent = Mutex<[Message]>([])
        work.run { m in sent.withLock { $0.append(m) } }
        let expected = [
            Self.earlier, ReviewDecision(dataset: Self.source, key: "g-7", company: "globex", verdict: .reject),
        ]
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(ReviewFile.json(expected)))
        for m in sent.withLock({ $0 }) { deliver(&e, m) }
        #expect(e.state.review?.written == 2)
        #expect(e.state.note?.text.contains("decision written to deals.review.json") == true)
    }

    @Test func aDecisionThatCannotBeWrittenStaysToRetry() {
        let dir = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/missing/deals.review.json"
        var e = Self.reviewer(path)
        press(&e, .review, .rejectMatch)
        #expect(e.state.note?.isError == true)
        #expect(e.state.note?.text.hasPrefix("Decision not written to deals.review.json") == true)
        #expect(e.state.review?.written == 1 && e.state.review?.decisions.count == 2)
        #expect(e.render(Size(width: 80, height: 24)).text.contains("rejected; not yet in deals.review.json"))
        // The directory appears; the same key on it again writes it.
        try? FileManager.default.createDirectory(atPath: dir + "/missing", withIntermediateDirectories: true)
        select(&e, "candidate/0")
        press(&e, .rejectMatch)
        #expect(e.state.review?.written == 2)
        #expect(Self.decisions(path).count == 2)
    }

    @Test func enterOpensTheAddedCompany() {
        let dir = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var e = Self.reviewer(dir + "/deals.review.json")
        press(&e, .review)
        select(&e, "candidate/1")
        press(&e, .open)
        #expect(e.state.top == .company("alibaba-2"))
        press(&e, .back)
        #expect(e.state.top == .review)
    }

    @Test(arguments: [Size(width: 80, height: 24), Size(width: 40, height: 12)])
    func golden(size: Size) {
        let dir = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var e = Self.reviewer(dir + "/deals.review.json", size: size)
        press(&e, .review)
        Golden.check("review-\(size.width)x\(size.height)", e.render(size))
        select(&e, "candidate/1")
        press(&e, .acceptMatch)
        select(&e, "candidate/1")
        Golden.check("review-accepted-\(size.width)x\(size.height)", e.render(size))
    }
}
