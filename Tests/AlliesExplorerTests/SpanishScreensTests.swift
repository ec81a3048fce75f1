import AlliesCore
import AlliesText
import Foundation
import Testing
@testable import AlliesExplorer

/// Every word of the bundled dataset's strings (names, titles, summaries, quotes, articles' text, ids), as written.
let dataWords: Set<Substring> = {
    let url = Golden.directory.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Resources/allies.json")
    guard let data = try? Data(contentsOf: url), let json = try? JSONSerialization.jsonObject(with: data) else {
        return []
    }
    var words = Set<Substring>()
    func walk(_ value: Any) {
        if let s = value as? String {
            words.formUnion(wordsOf(s))
        } else if let a = value as? [Any] {
            a.forEach(walk)
        } else if let o = value as? [String: Any] {
            o.values.forEach(walk)
        }
    }
    walk(json)
    return words
}()

/// The runs of letters of `s` (`Cloud`, `contracts`, `Dólares`): what the vocabulary checks compare.
func wordsOf(_ s: String) -> [Substring] {
    s.split { !$0.isLetter }
}

/// Every word of the catalogue in `language`.
func catalogueWords(_ language: Language) -> Set<Substring> {
    var words = Set<Substring>()
    for section in Catalogue.sections {
        for entry in section.entries { words.formUnion(wordsOf(language == .es ? entry.es : entry.en)) }
    }
    return words
}

/// Words that are neither the catalogue's nor the data's and rightly so: key names as keyboards label them, the
/// language codes that label a text's language (`EN`, `ES`), the dataset's name in these tests, and a query the
/// tests type (`kind:merger`).
let keyNames: Set<Substring> = [
    "Enter", "Esc", "Tab", "Ctrl", "Space", "PgUp", "PgDn", "Home", "End", "Up", "Down", "Left", "Right", "Del",
    "Backspace", "Shift", "Alt", "EN", "ES", "test", "merger",
]

/// Field names of the records (`description.en`, `quote`): the dataset format's names, shown where a search
/// says which field matched, the same in both languages as in the query syntax.
let fieldNames: Set<Substring> = Set(RecordFields.all.flatMap { $0.fields.map { Substring($0.name) } })

@Suite("The explorer in Spanish")
struct SpanishScreensTests {
    @Test("golden screens in Spanish at 80x24, 120x40 and 40x12", arguments: scenarios)
    func screens(_ scenario: Scenario) {
        for size in sizes {
            var e = explorer(size: size, language: .es)
            scenario.go(&e)
            Golden.check("es-\(scenario.name)-\(size.width)x\(size.height)", e.render(size))
        }
    }

    /// No screen draws a string that is not in the catalogue: every word on every screen, in either language, is
    /// the catalogue's (in that language), the data's, or a key's name. An English word left out of `tr` shows up
    /// here on the English screens (it is in no entry) and on the Spanish ones (it is no entry's Spanish).
    @Test("every word drawn comes from the catalogue or the data", arguments: [Language.en, .es])
    func everyWordIsCatalogued(_ language: Language) {
        let allowed = catalogueWords(language).union(dataWords).union(keyNames).union(fieldNames)
        var unknown: [Substring: String] = [:]
        for scenario in scenarios {
            for size in sizes {
                var e = explorer(size: size, language: language)
                scenario.go(&e)
                let grid = e.render(size)
                for (y, row) in grid.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    let line = String(row)
                    // A single letter is a key (`s`, `G`, `t`).
                    for word in wordsOf(line) where word.count > 1 && !allowed.contains(word) && unknown[word] == nil {
                        // A word cut by the screen's edge or an ellipsis is a prefix of an allowed word.
                        let cut = word.endIndex == line.endIndex || line[word.endIndex...].hasPrefix("…")
                        if cut && allowed.contains(where: { $0.hasPrefix(word) }) { continue }
                        unknown[word] = "\(scenario.name) \(size.width)x\(size.height) row \(y): \(line)"
                    }
                }
            }
        }
        for (word, place) in unknown.sorted(by: { $0.key < $1.key }) {
            Issue.record("\"\(word)\" is in neither the \(language) catalogue nor the data — \(place)")
        }
    }

    /// Spanish is longer than English: a heading or label of the interface must not be cut mid-word. A word
    /// ending in `…` that only a catalogue word (not the data) begins with is one.
    @Test func noInterfaceWordIsCutMidWord() {
        let spanish = catalogueWords(.es)
        for scenario in scenarios {
            for size in sizes {
                var e = explorer(size: size, language: .es)
                scenario.go(&e)
                let text = e.render(size).text
                for line in text.split(separator: "\n") {
                    var rest = line[...]
                    while let dots = rest.firstIndex(of: "…") {
                        let before = rest[..<dots]
                        rest = rest[rest.index(after: dots)...]
                        guard let word = wordsOf(String(before)).last, before.hasSuffix(word), word.count >= 2 else {
                            continue
                        }
                        let interface = spanish.contains { $0.count > word.count && $0.hasPrefix(word) }
                        // The data's own word cut after it (`la parte…` of `la parte contratante`) is the data's.
                        let data = dataWords.contains { $0.count >= word.count && $0.hasPrefix(word) }
                        if interface && !data {
                            Issue.record(
                                "\(scenario.name) \(size.width)x\(size.height): \"\(word)…\" cuts a word: \(line)")
                        }
                    }
                }
            }
        }
    }
}
