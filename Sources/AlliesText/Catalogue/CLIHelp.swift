// The catalogue's section for CLIHelp. One entry per English string across every section: look in the other files
// (Common.swift first) before adding one.

extension Catalogue {
    static let cliHelp: [(en: String, es: String)] = []
}
