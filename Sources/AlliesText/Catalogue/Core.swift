// The catalogue's section for AlliesCore's messages: query errors, field hints, amounts typed, saving, loading.
// One entry per English string across every section: look in the other files (Common.swift first) first.

extension Catalogue {
    static let core: [(en: String, es: String)] = []
}
