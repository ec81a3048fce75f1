// The catalogue's section for CLI. One entry per English string across every section: look in the other files
// (Common.swift first) before adding one.

extension Catalogue {
    static let cli: [(en: String, es: String)] = []
}
