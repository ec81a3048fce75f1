import AlliesCore
import Testing

@Suite("PartialDate")
struct PartialDateTests {
    func parse(_ s: String) -> PartialDate? { try? PartialDate.parse(s).get() }
    func error(_ s: String) -> PartialDate.DateError? {
        if case .failure(let e) = PartialDate.parse(s) { return e } else { return nil }
    }

    @Test func parsesEachPrecision() {
        #expect(parse("2024") == PartialDate(year: 2024))
        #expect(parse("2024")?.precision == .year)
        #expect(parse("2024-06") == PartialDate(year: 2024, month: 6))
        #expect(parse("2024-06")?.precision == .month)
        #expect(parse("2024-06-05") == PartialDate(year: 2024, month: 6, day: 5))
        #expect(parse("2024-06-05")?.precision == .day)
        #expect(parse("1900") != nil && parse("2100-12-31") != nil)
        // The precision is part of the value: 2024 is not 2024-01-01.
        #expect(parse("2024") != parse("2024-01-01"))
        #expect(PartialDate(year: 2024, day: 5).day == nil)  // no day without a month
        #expect(PartialDate.Precision.year < .month && PartialDate.Precision.month < .day)
    }

    @Test func rejectsBadText() {
        for bad in [
            "", "24", "20245", "2024-6", "2024-06-5", "2024/06", "2024-06-05-01", "abcd", "２０２４", "2024-",
            "-2024",
            " 2024", "2024 ", "2024-1a",
        ] {
            #expect(error(bad) == .syntax, "\(bad)")
        }
        #expect(error("1899") == .yearOutOfRange(1899))
        #expect(error("2101-01") == .yearOutOfRange(2101))
        #expect(error("2024-00") == .noSuchMonth(0))
        #expect(error("2024-13-01") == .noSuchMonth(13))
        #expect(error("2024-04-31") == .noSuchDay(day: 31, last: 30))
        #expect(error("2024-01-00") == .noSuchDay(day: 0, last: 31))
    }

    @Test func leapYears() {
        #expect(parse("2024-02-29") != nil)  // divisible by 4
        #expect(parse("2000-02-29") != nil)  // divisible by 400
        #expect(error("2023-02-29") == .noSuchDay(day: 29, last: 28))
        #expect(error("1900-02-29") == .noSuchDay(day: 29, last: 28))  // divisible by 100, not 400
        #expect(error("2100-02-29") == .noSuchDay(day: 29, last: 28))
        #expect(error("2024-02-30") == .noSuchDay(day: 30, last: 29))
        #expect(PartialDate.daysIn(month: 2, year: 2024) == 29)
        #expect(
            (1...12).map { PartialDate.daysIn(month: $0, year: 2025) } == [
                31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
            ])
    }

    @Test func descriptionIsAsPreciseAsTheValue() {
        for text in ["2024", "2024-06", "2024-06-05", "1999-12-31", "2025-01"] {
            #expect(parse(text)?.description == text)
        }
        #expect(PartialDate(year: 2024, month: 3, day: 9).description == "2024-03-09")
        #expect(PartialDate.DateError.syntax.description == "expected a date as YYYY, YYYY-MM or YYYY-MM-DD")
        #expect(PartialDate.DateError.yearOutOfRange(1850).description == "year 1850 is outside 1900–2100")
        #expect(PartialDate.DateError.noSuchMonth(13).description == "month 13 does not exist (expected 01–12)")
        #expect(
            PartialDate.DateError.noSuchDay(day: 30, last: 29).description
                == "day 30 does not exist in that month (it has 29 days)")
    }

    @Test func ordering() {
        let texts = ["2025", "2024-06-15", "2024", "2024-01-01", "2024-06", "2023-12-31", "2024-01", "2024-06-01"]
        let sorted = texts.map { parse($0)! }.sorted().map(\.description)
        // By the earliest day each could mean; a coarser date before a finer one with the same start.
        #expect(
            sorted == ["2023-12-31", "2024", "2024-01", "2024-01-01", "2024-06", "2024-06-01", "2024-06-15", "2025"])
        #expect(parse("2024")! < parse("2024-01")!)
        #expect(!(parse("2024-01")! < parse("2024")!))
        #expect(parse("2024-12-31")! < parse("2025")!)
        #expect(parse("2024-02")! > parse("2024-01-31")!)
    }
}

@Suite("Folding")
struct FoldingTests {
    /// The scalars folded by range, without the Unicode tables, are those the tables fold to themselves: no case
    /// to lower, not a mark to drop, no Latin base letter.
    @Test func scalarsKnownByRangeFoldToThemselves() {
        var known = 0
        for v in UInt32(0)...0x10FFFF where Folding.unchangedByFolding(v) {
            let scalar = Unicode.Scalar(v)!
            let p = scalar.properties
            #expect(p.lowercaseMapping == String(scalar), "U+\(String(v, radix: 16))")
            #expect(p.generalCategory != .nonspacingMark && p.generalCategory != .enclosingMark)
            #expect(!p.isAlphabetic || !p.changesWhenCaseFolded)
            known += 1
        }
        #expect(known > 39_000)
        #expect(Folding.fold("“Inversión” — 数据 €5") == "“inversion” — 数据 €5")
    }

    @Test func spanishAccentsAndCase() {
        #expect(Folding.fold("Inversión") == "inversion")
        #expect(Folding.fold("ENERGÍA") == "energia")
        #expect(Folding.fold("Compañía") == "compania")
        #expect(Folding.fold("España ÑANDÚ") == "espana nandu")
        #expect(Folding.fold("pingüino PINGÜINO") == "pinguino pinguino")
        #expect(Folding.fold("Run: AI") == "run: ai")
    }

    @Test func otherLatinLetters() {
        #expect(Folding.fold("Français garçon Ç") == "francais garcon c")
        #expect(Folding.fold("Straße") == "strasse")
        #expect(Folding.fold("Ørsted søster") == "orsted soster")
        #expect(Folding.fold("Łódź Wałęsa") == "lodz walesa")
        #expect(Folding.fold("Tiếng Việt Nguyễn Đức") == "tieng viet nguyen duc")
        #expect(Folding.fold("Æther Œuvre") == "aether oeuvre")
        #expect(Folding.fold("Ångström Čapek Dvořák") == "angstrom capek dvorak")
    }

    @Test func decomposedAccentsFoldLikePrecomposed() {
        #expect(Folding.fold("Inversio\u{301}n") == "inversion")
        #expect(Folding.fold("Inversio\u{301}n") == Folding.fold("Inversión"))
    }

    @Test func otherScriptsPassThrough() {
        #expect(Folding.fold("阿里巴巴") == "阿里巴巴")
        #expect(Folding.fold("百度 腾讯") == "百度 腾讯")
        #expect(Folding.fold("ソフトバンク") == "ソフトバンク")
        #expect(Folding.fold("삼성전자") == "삼성전자")
        #expect(Folding.fold("Яндекс") == "яндекс")  // lower-cased, like any cased script
    }

    @Test func emojiPassThrough() {
        #expect(Folding.fold("😀") == "😀")
        #expect(Folding.fold("🚀 Launch") == "🚀 launch")
        #expect(Folding.fold("👩‍💻") == "👩‍💻")  // ZWJ sequence kept whole
        #expect(Folding.fold("👍🏽") == "👍🏽")  // skin-tone modifier kept
        #expect(Folding.fold("🇪🇸") == "🇪🇸")
    }

    @Test func asciiFastPathAgreesWithTheSlowPath() {
        #expect(Folding.fold("AWS Amazon-Web_Services 2024") == "aws amazon-web_services 2024")
        #expect(Folding.fold("AWS é") == "aws e")
    }
}
