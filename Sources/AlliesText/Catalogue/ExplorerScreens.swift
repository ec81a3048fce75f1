// The catalogue's section for ExplorerScreens. One entry per English string across every section: look in the other files
// (Common.swift first) before adding one.

extension Catalogue {
    static let screens: [(en: String, es: String)] = []
}
