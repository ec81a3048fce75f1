// The catalogue's section for the CLI's editing, importing and generating commands and the root command.
// One entry per English string across every section: look in the other files (Common.swift first) first.

extension Catalogue {
    static let cliHelp: [(en: String, es: String)] = []
}
