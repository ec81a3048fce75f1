import AlliesCore
import AlliesText
import Foundation
import Testing

/// No command prints a word for people that is not in the catalogue: each table and report, in English and in
/// Spanish, holds only the catalogue's words in that language, the data's, and the names of the format's fields. A
/// string printed without `tr` shows up here (its English words are no entry's Spanish).
@Suite("The CLI's words")
struct CLIVocabularyTests {
    /// Every word (lower case) of the bundled dataset's strings.
    static let dataWords: Set<String> = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        guard let data = try? Data(contentsOf: root.appendingPathComponent("Resources/allies.json")),
            let json = try? JSONSerialization.jsonObject(with: data)
        else { return [] }
        var words = Set<String>()
        func walk(_ value: Any) {
            if let s = value as? String {
                words.formUnion(Self.words(s))
            } else if let a = value as? [Any] {
                a.forEach(walk)
            } else if let o = value as? [String: Any] {
                o.values.forEach(walk)
            }
        }
        walk(json)
        return words
    }()

    static func words(_ s: String) -> [String] { s.split { !$0.isLetter }.map { $0.lowercased() } }

    static func allowed(_ language: Language) -> Set<String> {
        var words = dataWords
        for section in Catalogue.sections {
            for entry in section.entries { words.formUnion(Self.words(language == .es ? entry.es : entry.en)) }
        }
        for declaration in RecordFields.all { words.formUnion(declaration.fields.flatMap { Self.words($0.name) }) }
        // The program's name, in its own messages (`allies validate FILE`); what the commands below type (misspelt
        // on purpose).
        words.formUnion(["allies", "antropic", "nvidea"])
        return words
    }

    static let commands: [[String]] = [
        ["companies"], ["company", "anthropic"], ["alliances"], ["alliance", "aws-openai-cloud-2025"],
        ["alliance", "openai-amd-2025"], ["timeline"], ["shares"], ["search", "inversiones"], ["search", "antropic"],
        ["search", "nvidia", "70%"], ["network", "anthropic"], ["path", "apple", "openai"], ["cycles"], ["money"],
        ["money", "--by", "kind"], ["money", "--by", "year"], ["article", "xataka-apple-trainium2-2024"],
        ["changes", "--since", "2020"], ["company", "nvidea"],
    ]

    @Test("every word printed is the catalogue's or the data's", arguments: [Language.en, .es])
    func everyWordIsCatalogued(_ language: Language) throws {
        let allowed = Self.allowed(language)
        var unknown: [String: String] = [:]
        for command in Self.commands {
            let width = command == ["company", "nvidea"] ? [] : ["--width", "200"]
            let out = try AlliesBinary.run(["--lang", language.rawValue] + command + width)
            for line in (out.stdout + "\n" + out.stderr).split(separator: "\n") {
                // A single letter is a key or an initial; a word a narrow cell cut (`undiscl…`) is an allowed
                // word's beginning.
                let text = String(line)
                for piece in text.split(whereSeparator: { !$0.isLetter && $0 != "…" }) {
                    let cut = piece.hasSuffix("…")
                    for word in Self.words(String(piece)) where word.count > 1 && !allowed.contains(word) {
                        if cut && allowed.contains(where: { $0.hasPrefix(word) }) { continue }
                        if unknown[word] == nil { unknown[word] = "allies \(command.joined(separator: " ")): \(line)" }
                    }
                }
            }
        }
        for (word, place) in unknown.sorted(by: { $0.key < $1.key }) {
            Issue.record("\"\(word)\" is in neither the \(language) catalogue nor the data — \(place)")
        }
    }
}
