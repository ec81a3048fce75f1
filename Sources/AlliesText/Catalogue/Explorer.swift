// The catalogue's section for the explorer's frame (AppState, Session, Navigation, Render, Lines).
// One entry per English string across every section: look in the other files (Common.swift first) first.

extension Catalogue {
    static let explorer: [(en: String, es: String)] = []
}
