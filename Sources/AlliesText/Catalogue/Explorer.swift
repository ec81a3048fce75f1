// The catalogue's section for Explorer. One entry per English string across every section: look in the other files
// (Common.swift first) before adding one.

extension Catalogue {
    static let explorer: [(en: String, es: String)] = []
}
