// The language a person reads: Allies speaks English and Spanish. Every string a person reads goes through `tr`,
// keyed by its English text; the Spanish is in the catalogue (Catalogue/*.swift), one table for the whole program.
// JSON keys, CSV headers and exit codes are interfaces and never go through it.

public enum Language: String, CaseIterable, Sendable {
    case en, es

    /// Set once at start-up, before any other thread exists (`choose`); read everywhere after.
    nonisolated(unsafe) private static var chosen: Language = .en

    /// A language for one task and what it calls (tests render both languages in parallel; the explorer renders in
    /// its own). Wins over the chosen one.
    @TaskLocal public static var scoped: Language?

    /// The language strings are given in now.
    public static var current: Language { scoped ?? chosen }

    /// Makes `language` the program's language. Call once, at start-up, before starting threads.
    public static func choose(_ language: Language) { chosen = language }

    /// `--lang es|en` wins; else the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set and not empty decides (as
    /// POSIX orders them): `es`, `es_ES.UTF-8`, `es-MX` → Spanish; anything else (`C`, `en_GB.UTF-8`) → English.
    public static func from(option: String?, environment: [String: String]) -> Language {
        if let option, let language = Language(option: option) { return language }
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            let lower = value.lowercased()
            return lower == "es" || lower.hasPrefix("es_") || lower.hasPrefix("es-") || lower.hasPrefix("es.")
                ? .es : .en
        }
        return .en
    }

    /// `es`, `en`, and the languages' own names; nil for anything else.
    public init?(option: String) {
        switch option.lowercased() {
        case "es", "spa", "spanish", "español", "espanol": self = .es
        case "en", "eng", "english", "inglés", "ingles": self = .en
        default: return nil
        }
    }
}

/// The text of `english` in the current language: the catalogue's Spanish in Spanish, `english` itself in English
/// (and when the catalogue lacks it, which a test forbids for every `tr` in the sources).
public func tr(_ english: String) -> String {
    switch Language.current {
    case .en: return english
    case .es: return Catalogue.spanish[english] ?? english
    }
}

/// A message with arguments: `{0}`, `{1}`… in the catalogue's text are replaced by the arguments' text, so that a
/// translation may put them in another order (`tr("{0} of {1}", a, b)`).
public func tr(_ english: String, _ arguments: any CustomStringConvertible...) -> String {
    fill(tr(english), arguments.map(\.description))
}

/// The same English word meaning two things (`merged` units, `merged` records) needs two Spanish words: the catalogue
/// holds it as `context|english` (`("network|merged", "unidas")`). English is `english` either way.
public func tr(context: String, _ english: String) -> String {
    switch Language.current {
    case .en: return english
    case .es: return Catalogue.spanish[context + "|" + english] ?? english
    }
}

/// `tr(context:_:)` with `{0}`, `{1}`… arguments.
public func tr(context: String, _ english: String, _ arguments: any CustomStringConvertible...) -> String {
    fill(tr(context: context, english), arguments.map(\.description))
}

/// `template` with `{0}`, `{1}`… replaced by `values` (a placeholder without a value is left as it is).
func fill(_ template: String, _ values: [String]) -> String {
    guard template.contains("{") else { return template }
    var out = ""
    var rest = Substring(template)
    while let open = rest.firstIndex(of: "{") {
        out += rest[..<open]
        let after = rest[rest.index(after: open)...]
        if let close = after.firstIndex(of: "}"), let n = Int(after[..<close]), values.indices.contains(n) {
            out += values[n]
            rest = after[after.index(after: close)...]
        } else {
            out.append("{")
            rest = after
        }
    }
    return out + rest
}

/// The catalogue: every English string a person reads, with its Spanish. Each section is one file of
/// Catalogue/ (by the part of the program that draws it); a string is in one section only (a test checks).
public enum Catalogue {
    /// Every section, in the order their files are named.
    public static let sections: [(name: String, entries: [(en: String, es: String)])] = [
        ("Common", common), ("Money and dates", money), ("Explorer", explorer), ("Explorer: keys and help", keys),
        ("Explorer: screens", screens), ("Explorer: forms and review", forms), ("CLI", cli),
        ("CLI: editing and importing", cliHelp), ("Core messages", core),
    ]

    /// English → Spanish, from every section (the first entry wins if a string were in two; a test forbids it).
    public static let spanish: [String: String] = {
        var table: [String: String] = [:]
        for section in sections {
            for entry in section.entries where table[entry.en] == nil { table[entry.en] = entry.es }
        }
        return table
    }()
}
