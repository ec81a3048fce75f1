// The catalogue's section for the explorer's network, forms, confirmations and review.
// One entry per English string across every section: look in the other files (Common.swift first) first.

extension Catalogue {
    static let forms: [(en: String, es: String)] = []
}
