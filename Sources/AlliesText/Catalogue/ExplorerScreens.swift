// The catalogue's section for the explorer's lists and detail screens, chips and articles.
// One entry per English string across every section: look in the other files (Common.swift first) first.

extension Catalogue {
    static let screens: [(en: String, es: String)] = []
}
