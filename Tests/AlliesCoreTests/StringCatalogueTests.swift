import AlliesCore
import AlliesText
import Foundation
import Testing

/// Every `tr("…")` call in Sources, with where it is: the English key as written in the source (escapes undone).
/// Comment lines are skipped; the literal may be on the line after `tr(` (as `swift format` wraps long calls).
let trCalls: [(key: String, place: String)] = {
    let root = URL(fileURLWithPath: Paths.packageRoot).appendingPathComponent("Sources")
    var calls: [(String, String)] = []
    let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
    for file in files.sorted() where file.hasSuffix(".swift") {
        guard let text = try? String(contentsOf: root.appendingPathComponent(file), encoding: .utf8) else { continue }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces).hasPrefix("//") ? "" : String($0)
        }
        // One string of the code, each character remembering its line.
        var code: [Character] = []
        var lineOf: [Int] = []
        for (n, line) in lines.enumerated() {
            for c in line { code.append(c); lineOf.append(n + 1) }
            code.append("\n"); lineOf.append(n + 1)
        }
        var i = 0
        while i + 3 < code.count {
            defer { i += 1 }
            guard code[i] == "t", code[i + 1] == "r", code[i + 2] == "(" else { continue }
            // `tr(` on its own, not the end of another name (`attr(`, `Str(`).
            if i > 0, code[i - 1].isLetter || code[i - 1].isNumber || code[i - 1] == "_" { continue }
            var j = i + 3
            while j < code.count, code[j] == " " || code[j] == "\n" { j += 1 }
            // `tr(context: "network", "merged"`: the key is `network|merged`.
            var key = ""
            let label = Array("context: \"")
            if j + label.count < code.count, Array(code[j..<(j + label.count)]) == label {
                j += label.count
                while j < code.count, code[j] != "\"", code[j] != "\n" { key.append(code[j]); j += 1 }
                key.append("|")
                j += 1
                while j < code.count, code[j] == "," || code[j] == " " || code[j] == "\n" { j += 1 }
            }
            guard j < code.count, code[j] == "\"" else { continue }
            j += 1
            var closed = false
            while j < code.count, code[j] != "\n" {
                let c = code[j]
                j += 1
                if c == "\\", j < code.count {
                    let e = code[j]
                    j += 1
                    key.append(e == "n" ? "\n" : e == "t" ? "\t" : e)
                } else if c == "\"" {
                    closed = true
                    break
                } else {
                    key.append(c)
                }
            }
            if closed { calls.append((key, "Sources/\(file):\(lineOf[i])")) }
        }
    }
    return calls
}()

@Suite("The string catalogue")
struct StringCatalogueTests {
    @Test func everyEntryHasBothLanguages() {
        for section in Catalogue.sections {
            for entry in section.entries {
                #expect(!entry.en.isEmpty, "an empty English string in section \(section.name)")
                #expect(!entry.es.isEmpty, "\"\(entry.en)\" has no Spanish (section \(section.name))")
                #expect(
                    entry.es.trimmingCharacters(in: .whitespaces) == entry.es || entry.en.hasPrefix(" ")
                        || entry.es.hasPrefix(" ") == entry.en.hasPrefix(" "),
                    "\"\(entry.en)\": its Spanish begins or ends with spaces the English does not have")
            }
        }
    }

    @Test func eachStringIsInOneSectionOnly() {
        var seen: [String: String] = [:]
        for section in Catalogue.sections {
            for entry in section.entries {
                if let other = seen[entry.en] {
                    Issue.record("\"\(entry.en)\" is in two sections: \(other) and \(section.name)")
                }
                seen[entry.en] = section.name
            }
        }
    }

    @Test func placeholdersAreTheSameInBothLanguages() {
        func placeholders(_ s: String) -> [String] {
            var out: [String] = []
            var rest = Substring(s)
            while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
                out.append(String(rest[open...close]))
                rest = rest[rest.index(after: close)...]
            }
            return out.sorted()
        }
        for section in Catalogue.sections {
            for entry in section.entries {
                #expect(
                    placeholders(entry.en) == placeholders(entry.es),
                    "\"\(entry.en)\" → \"\(entry.es)\": placeholders differ (section \(section.name))")
            }
        }
    }

    /// A string given to `tr` that the catalogue lacks would stay English in Spanish.
    @Test func everyTranslatedStringInTheSourcesIsInTheCatalogue() {
        #expect(trCalls.count > 100, "the scan found only \(trCalls.count) tr(\"…\") calls: is it reading Sources?")
        for call in trCalls where Catalogue.spanish[call.key] == nil {
            Issue.record("\(call.place): tr(\"\(call.key)\") is not in the catalogue (Sources/AlliesText/Catalogue)")
        }
    }

    /// An entry no source asks for is dead weight a translator would still maintain.
    @Test func everyEntryIsUsed() {
        let used = Set(trCalls.map(\.key))
        for section in Catalogue.sections {
            for entry in section.entries where !used.contains(entry.en) {
                Issue.record("\"\(entry.en)\" (section \(section.name)) is not asked for by any tr(\"…\") in Sources")
            }
        }
    }

    /// The system's reasons a save or a read meets: the system's own English words in English (the catalogue's keys
    /// are glibc's), Spanish ones for a Spanish reader; any other reason as the system gives it.
    @Test func systemReasonsAreInTheReadersLanguage() {
        for code in SystemError.translated {
            let system = String(cString: strerror(code))
            Language.$scoped.withValue(.en) { #expect(SystemError.text(code) == system) }
            Language.$scoped.withValue(.es) { #expect(SystemError.text(code) != system, "\(system)") }
        }
        Language.$scoped.withValue(.es) {
            #expect(SystemError.text(ENOSPC) == "No queda espacio en el dispositivo")
            #expect(SystemError.text(EXDEV) == String(cString: strerror(EXDEV)))
        }
    }

    @Test func trGivesTheLanguageAskedFor() {
        Language.$scoped.withValue(.es) {
            #expect(tr("in talks") == "en negociación")
            #expect(tr("{0} deals", 3) == "3 acuerdos")
            // A string the catalogue lacks stays as it is rather than disappearing.
            #expect(tr("not a catalogued string") == "not a catalogued string")
        }
        Language.$scoped.withValue(.en) {
            #expect(tr("in talks") == "in talks")
            #expect(tr("{0} deals", 3) == "3 deals")
        }
    }
}

@Suite("Choosing the language")
struct LanguageChoiceTests {
    @Test func optionWinsOverTheLocale() {
        #expect(Language.from(option: "en", environment: ["LANG": "es_ES.UTF-8"]) == .en)
        #expect(Language.from(option: "es", environment: ["LC_ALL": "C"]) == .es)
        #expect(Language.from(option: "español", environment: [:]) == .es)
    }

    @Test func localeVariablesInPOSIXOrder() {
        #expect(Language.from(option: nil, environment: ["LANG": "es_ES.UTF-8"]) == .es)
        #expect(Language.from(option: nil, environment: ["LANG": "es_MX"]) == .es)
        #expect(Language.from(option: nil, environment: ["LANG": "es"]) == .es)
        #expect(Language.from(option: nil, environment: ["LANG": "en_GB.UTF-8"]) == .en)
        #expect(Language.from(option: nil, environment: ["LANG": "C"]) == .en)
        #expect(Language.from(option: nil, environment: ["LANG": "et_EE.UTF-8"]) == .en)
        // LC_ALL before LC_MESSAGES before LANG; an empty one does not count.
        #expect(Language.from(option: nil, environment: ["LC_ALL": "C", "LANG": "es_ES.UTF-8"]) == .en)
        #expect(Language.from(option: nil, environment: ["LC_ALL": "", "LANG": "es_ES.UTF-8"]) == .es)
        #expect(
            Language.from(option: nil, environment: ["LC_MESSAGES": "es_ES.UTF-8", "LANG": "en_US.UTF-8"]) == .es)
        #expect(Language.from(option: nil, environment: [:]) == .en)
    }

    @Test func unknownOptionValuesAreRefused() {
        #expect(Language(option: "fr") == nil)
        #expect(Language(option: "") == nil)
        #expect(Language(option: "ES") == .es)
    }
}

@Suite("Money and dates in Spanish")
struct SpanishFormatTests {
    func amount(
        _ value: Double, _ currency: String = "USD", per: Amount.Per = .total, bound: Bound = .exact,
        term: Double? = nil, cumulative: Bool = false, estimated: Bool = false
    ) -> Amount {
        var a = Amount(value: value, currency: currency, per: per, bound: bound)
        a.termYears = term
        a.cumulative = cumulative
        a.estimated = estimated
        return a
    }

    @Test func compactMoneyIsCountedInMillions() {
        Language.$scoped.withValue(.es) {
            #expect(MoneyFormat.money(38e9, "USD") == "38.000 M$")
            #expect(MoneyFormat.money(9.7e9, "USD") == "9.700 M$")
            #expect(MoneyFormat.money(700e6, "USD") == "700 M$")
            #expect(MoneyFormat.money(12.5e6, "EUR") == "12,5 M€")
            #expect(MoneyFormat.money(12.5e6, "EUR", ascii: true) == "12,5 M EUR")
            #expect(MoneyFormat.money(3e6, "SEK") == "3 M SEK")
            #expect(MoneyFormat.money(250e3, "USD") == "250 mil $")
            #expect(MoneyFormat.money(900, "USD") == "900 $")
            // Three significant digits, as in English ($38.5B).
            #expect(MoneyFormat.money(38.456e9, "USD") == "38.500 M$")
            #expect(MoneyFormat.money(1.25e12, "USD") == "1.250.000 M$")
        }
    }

    @Test func moneyInWordsAsTheArticlesWriteIt() {
        Language.$scoped.withValue(.es) {
            #expect(MoneyFormat.moneyInWords(38e9, "USD") == "38.000 millones de dólares")
            #expect(MoneyFormat.moneyInWords(1e6, "EUR") == "1 millón de euros")
            #expect(MoneyFormat.moneyInWords(250e3, "USD") == "250.000 dólares")
            #expect(MoneyFormat.moneyInWords(60e6, "GBP") == "60 millones de libras")
            // One of a currency is one: `1 euros` read as a slip (a Crunchbase import's deal of 1 EUR).
            #expect(MoneyFormat.moneyInWords(1, "EUR") == "1 euro")
            #expect(MoneyFormat.moneyInWords(1, "USD") == "1 dólar")
            #expect(MoneyFormat.moneyInWords(2, "EUR") == "2 euros")
        }
        // English keeps its one compact form.
        Language.$scoped.withValue(.en) { #expect(MoneyFormat.moneyInWords(38e9, "USD") == "$38B") }
    }

    @Test func qualifiersAndStatusStay() {
        Language.$scoped.withValue(.es) {
            #expect(MoneyFormat.amount(amount(38e9, term: 7)) == "38.000 M$ en 7 años")
            #expect(MoneyFormat.amount(amount(38e9, term: 7), inWords: true) == "38.000 millones de dólares en 7 años")
            #expect(MoneyFormat.amount(amount(100e9, bound: .upTo)) == "hasta 100.000 M$")
            #expect(MoneyFormat.amount(amount(10e9, bound: .about), status: .inTalks) == "~10.000 M$ en negociación")
            #expect(
                MoneyFormat.amount(amount(10e9, bound: .about), status: .inTalks, inWords: true)
                    == "unos 10.000 millones de dólares en negociación")
            #expect(MoneyFormat.amount(amount(60e6, per: .year)) == "60 M$/año")
            #expect(MoneyFormat.amount(amount(60e6, per: .year), inWords: true) == "60 millones de dólares al año")
            #expect(MoneyFormat.amount(amount(60e6, per: .year, term: 2)) == "60 M$/año × 2 años")
            #expect(
                MoneyFormat.amount(amount(8e9, cumulative: true, estimated: true)) == "8.000 M$ (est., acum.)")
            #expect(
                MoneyFormat.amount(amount(1e9, bound: .atLeast), inWords: true) == "al menos 1.000 millones de dólares")
            #expect(MoneyFormat.amounts([]) == "no revelado")
        }
        Language.$scoped.withValue(.en) {
            #expect(MoneyFormat.amount(amount(38e9, term: 7)) == "$38B over 7y")
            #expect(MoneyFormat.amount(amount(10e9, bound: .about), status: .inTalks) == "~$10B in talks")
            #expect(MoneyFormat.amount(amount(60e6, per: .year, term: 2)) == "$60M/yr × 2y")
        }
    }

    @Test func longDatesKeepTheirPrecision() {
        // One phrase: its words are joined by no-break spaces (`Glue`), so wrapping never splits a date.
        func glued(_ s: String) -> String { s.replacingOccurrences(of: " ", with: Glue.space) }
        Language.$scoped.withValue(.es) {
            #expect(PartialDate(year: 2025, month: 11, day: 3).long == glued("3 de noviembre de 2025"))
            #expect(PartialDate(year: 2025, month: 11).long == glued("noviembre de 2025"))
            #expect(PartialDate(year: 2025).long == "2025")
        }
        Language.$scoped.withValue(.en) {
            #expect(PartialDate(year: 2025, month: 11, day: 3).long == glued("3 November 2025"))
            #expect(PartialDate(year: 2024, month: 2).long == glued("February 2024"))
        }
    }

    @Test func spanishTitlesComeFirstForSpanishReaders() {
        let text = LocalizedText(en: "Cloud deal", es: "Acuerdo de nube")
        Language.$scoped.withValue(.es) {
            #expect(text.preferred == "Acuerdo de nube")
            #expect(text.secondary == "Cloud deal")
            #expect(LocalizedText(en: "Only English", es: "").preferred == "Only English")
        }
        Language.$scoped.withValue(.en) { #expect(text.preferred == "Cloud deal") }
    }

    @Test func baseLettersForATerminalWithoutUTF8() {
        let shown = "También Ñandú ¿Qué? «cita» 株".map { c in
            Folding.asciiFallback(String(c)).map(String.init) ?? "?"
        }.joined()
        #expect(shown == "Tambien Nandu ?Que? \"cita\" ?")
    }

    /// A Spanish reader types amounts as the form shows them in Spanish; both languages' words are read.
    @Test func amountsTypedInSpanish() throws {
        func fields(_ text: String) throws -> [String: JSONValue] {
            Dictionary(uniqueKeysWithValues: try AmountText.parse(text).get().map { ($0.0.name, $0.1) })
        }
        let upTo = try fields("hasta 5B USD")
        #expect(upTo["bound"] == .string("up-to") && upTo["value"] == .number(5e9))
        #expect(try fields("unos 10B USD")["bound"] == .string("about"))
        #expect(try fields("al menos 1B USD")["bound"] == .string("at-least"))
        #expect(try fields("más de 1B USD")["bound"] == .string("more-than"))
        let term = try fields("38B USD en 7 años")
        #expect(term["termYears"] == .number(7) && term["per"] == nil)
        let yearly = try fields("60M USD/año durante 2 años acumulado estimado")
        #expect(yearly["per"] == .string("year") && yearly["termYears"] == .number(2))
        #expect(yearly["cumulative"] == .bool(true) && yearly["estimated"] == .bool(true))
        #expect(try fields("60M USD al año")["per"] == .string("year"))
        // A decimal comma is still refused rather than guessed.
        #expect((try? AmountText.parse("9,7B USD").get()) == nil)
        // Scales in words, as the press writes them (a trial's `25000 millones USD` read `millones` as a currency).
        #expect(try fields("25000 millones USD")["value"] == .number(25e9))
        #expect(try fields("unos 25 mil millones USD en 2 años")["value"] == .number(25e9))
        #expect(try fields("5 billion USD")["value"] == .number(5e9))
        #expect(try fields("1 millón EUR")["value"] == .number(1e6))
        #expect(try fields("700 mil USD")["value"] == .number(7e5))
        // `billón` is refused with the words to use: a million million in Spanish, a thousand million in English.
        guard case .failure(let billon) = AmountText.parse("25 billones USD") else {
            Issue.record("billones was read as a scale")
            return
        }
        #expect(billon.description.contains("mil millones"), "\(billon)")
        // No bound typed: the message does not speak of one (`muchos`).
        guard case .failure(let words) = AmountText.parse("muchos USD") else { return }
        #expect(!words.description.contains("bound") && words.description.contains("muchos"), "\(words)")
        // What a Spanish form shows reads back as the same amount.
        let amount = JSONValue.object([
            ("value", .number(6e7)), ("currency", .string("USD")), ("per", .string("year")),
            ("bound", .string("up-to")), ("cumulative", .bool(true)), ("termYears", .number(2)),
        ])
        let shown = Language.$scoped.withValue(.es) { AmountText.format(amount) }
        #expect(shown == "hasta 60M USD/año en 2 años acumulado")
        let back = try fields(shown)
        #expect(back["bound"] == .string("up-to") && back["termYears"] == .number(2) && back["per"] == .string("year"))
    }
}
