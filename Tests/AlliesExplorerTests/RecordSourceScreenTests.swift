import AlliesCore
import AlliesText
import Testing
@testable import AlliesExplorer

/// An imported fact shows its dataset record where a quoted fact shows its quote (issue #14): the reader sees which
/// kind of source it rests on.
@Suite("Dataset records on the alliance and company screens")
struct RecordSourceScreenTests {
    static let record = RecordSource(
        dataset: "Crunchbase data export 2015-12-04", key: "/organization/nvidia acquisition /organization/deci",
        url: "https://github.com/notpeter/crunchbase-data", retrieved: PartialDate(year: 2015, month: 12, day: 4),
        licence: "CC-BY-NC 4.0")

    static let catalog: Catalog = {
        var d = bundledCatalog.dataset
        d.alliances.append(
            Alliance(
                id: "nvidia-acquires-run-ai-imported", kind: .acquisition,
                parties: [Party("nvidia", .acquirer), Party("run-ai", .target)], status: .announced,
                title: LocalizedText(en: "NVIDIA acquires Run:ai (imported)", es: "NVIDIA adquiere Run:ai (importado)"),
                summary: LocalizedText(en: "Recorded in a dataset.", es: "Registrado en un conjunto de datos."),
                records: [record]))
        return Catalog(d)
    }()

    @Test(arguments: [Size(width: 80, height: 24), Size(width: 40, height: 12)])
    func anImportedAllianceShowsItsRecordAndNoQuote(size: Size) {
        var e = explorer(Self.catalog, size: size)
        press(&e, .alliances)
        select(&e, "nvidia-acquires-run-ai-imported")
        press(&e, .open)
        #expect(e.state.top == .alliance("nvidia-acquires-run-ai-imported"))
        select(&e, "record/0")
        let rows = AllianceUpdatesScreenTests.rows(e.render(size))
        #expect(rows.contains { $0.hasPrefix("Dataset records ─") && $0.hasSuffix(" 1") }, "\(rows)")
        #expect(rows.contains("Crunchbase data export 2015-12-04") || rows.contains("Crunchbase data export"))
        let text = rows.joined(separator: " ")
        #expect(text.contains("Record:") && text.contains("/organization/deci"))
        #expect(text.contains("CC-BY-NC 4.0"))
        #expect(!rows.contains { $0.hasPrefix("Sources ─") }, "no article quote to show")
    }
}
