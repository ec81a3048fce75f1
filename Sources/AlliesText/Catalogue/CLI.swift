// The catalogue's section for the CLI's listings, reports and their help (Commands, Listings, Network, Article).
// One entry per English string across every section: look in the other files (Common.swift first) first.

extension Catalogue {
    static let cli: [(en: String, es: String)] = []
}
