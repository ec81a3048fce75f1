// The catalogue's section for ExplorerForms. One entry per English string across every section: look in the other files
// (Common.swift first) before adding one.

extension Catalogue {
    static let forms: [(en: String, es: String)] = []
}
