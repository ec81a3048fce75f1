// The catalogue's section for the explorer's key bindings and help (Keys.swift, SearchHelp.swift).
// One entry per English string across every section: look in the other files (Common.swift first) first.

extension Catalogue {
    static let keys: [(en: String, es: String)] = []
}
