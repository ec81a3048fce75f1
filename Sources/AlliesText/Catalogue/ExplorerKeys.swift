// The catalogue's section for ExplorerKeys. One entry per English string across every section: look in the other files
// (Common.swift first) before adding one.

extension Catalogue {
    static let keys: [(en: String, es: String)] = []
}
