import Foundation
import Testing

/// The CLI in Spanish (#15): `--lang es` or a Spanish locale gives Spanish tables, reports and amounts; `--lang en` and
/// `LC_ALL=C` English; JSON and CSV are interfaces and the same bytes in both languages.
@Suite struct SpanishCLITests {
    /// A Spanish locale in `LANG` alone (the runner sets `LC_ALL`, which would win).
    static let spanishLocale = ["LC_ALL": "", "LC_MESSAGES": "", "LANG": "es_ES.UTF-8"]

    func firstLine(_ text: String) -> String { String(text.split(separator: "\n").first ?? "") }

    @Test func langEsGivesSpanishHeadingsAndAmounts() throws {
        let out = try AlliesBinary.run(["--lang", "es", "alliances"])
        #expect(out.status == 0, "\(out.stderr)")
        let heading = firstLine(out.stdout)
        #expect(heading.hasPrefix("FECHA"), "\(heading)")
        for word in ["PARTES", "IMPORTE", "ESTADO", "ID"] { #expect(heading.contains(word), "\(heading)") }
        #expect(out.stdout.contains("38.000 M$"))
        #expect(out.stdout.contains("no revelado"))
        #expect(!out.stdout.contains("$38B"))
    }

    /// The import's help in Spanish: the presets and the fields too (they stayed English), and `title` and
    /// `titulo` say which language each is.
    /// In Spanish a report's dates read in words, as precise as known: its sources', its citations' and its later
    /// updates' (the sources' were ISO among dates in words); in English they stay ISO, as they were.
    @Test func aSpanishReportDatesItsSourcesInWords() throws {
        let es = try AlliesBinary.run(["--lang", "es", "alliance", "amazon-openai-10b-talks-2025"])
        #expect(es.status == 0)
        #expect(es.stdout.contains("FashionUnited (27 de febrero de 2026)"), "\(es.stdout)")
        #expect(es.stdout.contains("lo mejor es unirte a él (diciembre de 2025)"), "\(es.stdout)")
        #expect(es.stdout.range(of: #"\b20[0-9]{2}-[0-9]{2}\b"#, options: .regularExpression) == nil, "\(es.stdout)")
        let en = try AlliesBinary.run(["--lang", "en", "alliance", "amazon-openai-10b-talks-2025"])
        #expect(en.stdout.contains("(2026-02-27)"), "\(en.stdout)")
    }

    @Test func theImportsHelpInSpanish() throws {
        let out = try AlliesBinary.run(["--lang", "es", "import", "csv", "--help"])
        #expect(out.status == 0, "\(out.stderr)")
        let text = out.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for phrase in [
            "hoja de adquisiciones", "hoja de inversiones", "hoja de rondas", "El CSV propio de Allies",
            "title (el título en inglés", "titulo (el título en español", "resumen (el resumen en español",
        ] {
            #expect(text.contains(phrase), "\(phrase)")
        }
        for english in ["acquisitions sheet", "the title in", "the company's name", "default:"] {
            #expect(!text.contains(english), "\(english)")
        }
        let en = try AlliesBinary.run(["--lang", "en", "import", "csv", "--help"]).stdout.split(
            whereSeparator: \.isWhitespace
        ).joined(separator: " ")
        #expect(en.contains("title (the title in English") && en.contains("titulo (the title in Spanish"))
    }

    @Test func spanishLocaleGivesSpanish() throws {
        let out = try AlliesBinary.run(["companies"], environment: Self.spanishLocale)
        #expect(out.status == 0, "\(out.stderr)")
        let heading = firstLine(out.stdout)
        for word in ["NOMBRE", "TIPO", "ALIANZAS", "ENTRADAS", "SALIDAS"] {
            #expect(heading.contains(word), "\(heading)")
        }
        #expect(out.stdout.contains("38.000 M$"))
        let alliances = try AlliesBinary.run(["alliances"], environment: Self.spanishLocale)
        #expect(firstLine(alliances.stdout).hasPrefix("FECHA"))
    }

    @Test func englishByOptionOrCLocale() throws {
        let option = try AlliesBinary.run(["--lang", "en", "alliances"], environment: Self.spanishLocale)
        #expect(firstLine(option.stdout).hasPrefix("DATE"), "\(firstLine(option.stdout))")
        #expect(option.stdout.contains("$38B"))
        let c = try AlliesBinary.run(["alliances"], environment: ["LC_ALL": "C", "LANG": "es_ES.UTF-8"])
        #expect(firstLine(c.stdout).hasPrefix("DATE"), "\(firstLine(c.stdout))")
        #expect(c.stdout.contains("$38B"))
        // After the subcommand too.
        let after = try AlliesBinary.run(["companies", "--lang", "en"], environment: Self.spanishLocale)
        #expect(firstLine(after.stdout).contains("NAME"))
    }

    @Test func unknownLanguageIsAUsageError() throws {
        let out = try AlliesBinary.run(["--lang", "xx", "alliances"])
        #expect(out.status == 64)
        #expect(out.stdout.isEmpty)
        #expect(out.stderr.contains("xx") && out.stderr.contains("es") && out.stderr.contains("en"), "\(out.stderr)")
    }

    @Test func reportsAndHelpInSpanish() throws {
        let report = try AlliesBinary.run(["--lang", "es", "alliance", "openai-amd-2025"])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.contains("Partes") && report.stdout.contains("Importes"))
        #expect(report.stdout.contains("6 de octubre de 2025"))
        let english = try AlliesBinary.run(["--lang", "en", "alliance", "openai-amd-2025"])
        #expect(english.stdout.contains("2025-10-06 (announced; precision: day)"))
        let help = try AlliesBinary.run(["--lang", "es", "cycles", "--help"])
        #expect(help.stdout.contains("Financiación circular"), "\(help.stdout)")
        let error = try AlliesBinary.run(["--lang", "es", "alliances", "--kind", "nope"])
        #expect(error.status == 64)
        #expect(error.stderr.contains("tipo desconocido"), "\(error.stderr)")
    }

    /// The tables' AMOUNT cell (`+1 more`, `⇄`) is explained in the help of every command that prints it.
    @Test(arguments: ["alliances", "timeline", "company"])
    func theAmountColumnsMarksAreExplainedInHelp(_ command: String) throws {
        let english = try AlliesBinary.run(["--lang", "en", command, "--help"])
        let flat = english.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flat.contains("+N more when it has others"), "\(english.stdout)")
        #expect(flat.contains("⇄ (<=> without UTF-8) when money also goes the other way"), "\(english.stdout)")
        let spanish = try AlliesBinary.run(["--lang", "es", command, "--help"])
        let plano = spanish.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(
            plano.contains("⇄ (<=> sin UTF-8) cuando el dinero también va en sentido contrario"), "\(spanish.stdout)")
    }

    /// JSON and CSV do not depend on the language: the same bytes with `--lang es` and `--lang en`.
    @Test(arguments: [
        ["alliances"], ["companies"], ["alliance", "openai-amd-2025"], ["alliance", "aws-openai-cloud-2025"],
        ["search", "openai"], ["company", "openai"], ["network", "openai", "--depth", "2"], ["cycles"], ["money"],
        ["timeline"],
    ])
    func jsonAndCSVAreTheSameInBothLanguages(_ command: [String]) throws {
        for format in ["json", "csv"] {
            let es = try AlliesBinary.run(["--lang", "es"] + command + ["--format", format])
            let en = try AlliesBinary.run(["--lang", "en"] + command + ["--format", format])
            #expect(es.status == 0 && en.status == 0, "\(command) \(format): \(es.stderr) \(en.stderr)")
            #expect(!en.stdoutBytes.isEmpty)
            #expect(es.stdoutBytes == en.stdoutBytes, "\(command) --format \(format) differs between languages")
        }
    }

    /// ArgumentParser has no Spanish of its own: its headings and usage errors are put in Spanish, the exit status
    /// kept; English is the library's own text.
    @Test func theArgumentLibrarysWordsInSpanish() throws {
        let help = try AlliesBinary.run(["--lang", "es", "search", "--help"])
        #expect(help.status == 0)
        for heading in ["DESCRIPCIÓN:", "USO:", "ARGUMENTOS:", "OPCIONES:", "Muestra esta ayuda."] {
            #expect(help.stdout.contains(heading), "\(heading) missing:\n\(help.stdout)")
        }
        #expect(!help.stdout.contains("OPTIONS:"))
        let missing = try AlliesBinary.run(["--lang", "es", "alliance"])
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("Error: Falta el argumento '<id>'"), "\(missing.stderr)")
        #expect(missing.stderr.contains("Uso: allies alliance"), "\(missing.stderr)")
        // A value not among the choices: the list of them in Spanish too, short (`'a', 'b' o 'c'`) or long.
        let short = try AlliesBinary.run(["--lang", "es", "companies", "--format", "yaml"])
        #expect(short.status == 64)
        #expect(short.stderr.contains("Indica uno de estos: 'table', 'json' o 'csv'."), "\(short.stderr)")
        let long = try AlliesBinary.run(["--lang", "es", "export", "--format", "xml"])
        #expect(long.status == 64)
        #expect(long.stderr.contains("Indica uno de estos:\n") && !long.stderr.contains("following"), "\(long.stderr)")
        let english = try AlliesBinary.run(["--lang", "en", "alliance"])
        #expect(english.status == 64)
        #expect(english.stderr.contains("Error: Missing expected argument '<id>'"), "\(english.stderr)")
        let englishHelp = try AlliesBinary.run(["--lang", "en", "search", "--help"])
        #expect(englishHelp.stdout.contains("OPTIONS:") && englishHelp.stdout.contains("USAGE:"))
    }
}
