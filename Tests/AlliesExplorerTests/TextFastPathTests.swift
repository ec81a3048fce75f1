import AlliesCore
import AlliesGenerator
import AlliesText
import Testing
@testable import AlliesExplorer

/// The scalar-by-scalar paths of widths, clipping, sanitising and highlighting (#17's keystroke to frame) give what
/// the character-by-character ones give: Swift's own grapheme breaking is the oracle.
struct TextFastPathTests {
    /// Every scalar `Scalars.standAlone` admits is a character of its own beside itself and beside scalars of the
    /// other kinds it admits (Latin, punctuation, CJK, Hangul, kana, controls), as Swift breaks them.
    @Test func standAloneScalarsAreCharactersAsSwiftBreaksThem() {
        let neighbours: [Unicode.Scalar] = [
            "a", "\u{E9}", "\u{201C}", "\u{4E2D}", "\u{AC00}", "\u{30AB}", "\n", "\u{1}",
        ]
        var checked = 0
        for v in UInt32(0)...0x10FFFF where Scalars.standAlone(v) {
            guard let scalar = Unicode.Scalar(v) else { continue }
            for n in neighbours {
                for pair in [[scalar, scalar], [n, scalar], [scalar, n]] {
                    var view = String.UnicodeScalarView()
                    view.append(contentsOf: pair)
                    #expect(String(view).count == 2, "U+\(String(v, radix: 16)) beside U+\(String(n.value, radix: 16))")
                }
            }
            checked += 1
        }
        #expect(checked > 40_000)
        // What joins is refused: CR (CR LF), combining marks, joiners, variation selectors, jamo, regional indicators.
        for v: UInt32 in [0x0D, 0x301, 0x200C, 0x200D, 0xFE0F, 0x1100, 0x1F1E6, 0x3099, 0xFF9E] {
            #expect(!Scalars.standAlone(v))
        }
    }

    /// Texts mixing every kind of character: single scalars of each script, combining marks, emoji sequences,
    /// CR LF, controls, wide and zero-width characters.
    static let pieces: [String] = [
        "a", "Z", " ", "5", ".", "é", "Ñ", "ß", "“", "”", "—", "€", "…", "中", "国", "가", "カ", "ｱ", "\u{AD}",
        "e\u{301}", "🚀", "☀\u{FE0F}", "👩\u{200D}💻", "\r\n", "\r", "\u{1B}", "\t", "\u{200B}", "\u{7F}", "🇪🇸",
        "Ω", "Ж", "\u{300}", "ﾞ",
    ]

    static func texts(seed: UInt64, count: Int) -> [String] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            let n = Int(rng.next() % 60)
            // Most texts of one kind only, as data is (all Latin, all CJK); some mixed.
            let pool = rng.next() % 3 == 0 ? pieces : Array(pieces.prefix(Int(rng.next() % UInt64(pieces.count)) + 1))
            return (0..<n).map { _ in pool[Int(rng.next() % UInt64(pool.count))] }.joined()
        }
    }

    /// The clipping and width the explorer had before these paths: character by character.
    static func referenceClip(_ s: String, _ width: Int, ellipsis: String) -> String {
        guard width > 0 else { return "" }
        if s.reduce(0, { $0 + TextWidth.of($1) }) <= width { return s }
        let ellipsisWidth = TextWidth.of(ellipsis)
        guard width >= ellipsisWidth else { return String(repeating: ".", count: width) }
        var out = ""
        var used = 0
        for c in s {
            let w = TextWidth.of(c)
            if used + w > width - ellipsisWidth { break }
            out.append(c)
            used += w
        }
        return out + ellipsis
    }

    @Test func widthsAndClipsAreTheCharactersOnes() {
        for (i, text) in Self.texts(seed: 7, count: 3000).enumerated() {
            #expect(TextWidth.of(text) == text.reduce(0) { $0 + TextWidth.of($1) }, "\(text.debugDescription)")
            for width in [0, 1, 2, 3, 5, 8, 13, 21, 40, 80] {
                let ellipsis = i % 2 == 0 ? "…" : "..."
                #expect(
                    Clip.toWidth(text, width, ellipsis: ellipsis)
                        == Self.referenceClip(text, width, ellipsis: ellipsis),
                    "\(text.debugDescription) at \(width)")
            }
        }
    }

    /// A text whose scalars are all characters takes the scalar path; the same text with a carriage return after it
    /// takes the character path (CR is not admitted), and the CR changes no earlier character's offset.
    @Test func highlightSpansAreTheCharacterPathsOnes() {
        var rng = SplitMix64(seed: 11)
        var fast = 0
        for text in Self.texts(seed: 3, count: 3000) {
            let folded = Array(Folding.fold(text).unicodeScalars)
            guard !folded.isEmpty else { continue }
            // Needles cut from the folded text, and a few fixed ones.
            var needles = ["e", "中国", "ss", "a"]
            for _ in 0..<2 {
                let start = Int(rng.next() % UInt64(folded.count))
                let length = 1 + Int(rng.next() % 4)
                var view = String.UnicodeScalarView()
                view.append(contentsOf: folded[start..<min(folded.count, start + length)])
                // The CR appended below must not be matched itself.
                if !view.contains("\r") { needles.append(String(view)) }
            }
            if Scalars.areCharacters(text) && !text.utf8.allSatisfy({ $0 < 0x80 }) { fast += 1 }
            #expect(
                SearchIndex.spans(of: needles, in: text) == SearchIndex.spans(of: needles, in: text + "\r"),
                "\(text.debugDescription) \(needles)")
        }
        #expect(fast > 300)
    }

    /// The widths known by range are those of the scalars' categories: one column for punctuation and currency
    /// signs (no mark, no format character), two for CJK ideographs and Hangul syllables (East Asian Wide).
    @Test func widthsKnownByRangeAreTheCategoriesOnes() {
        for v in Array(0x2010...0x2027) + Array(0x2030...0x205E) + Array(0x20A0..<0x20D0) {
            let scalar = Unicode.Scalar(UInt32(v))!
            #expect(![.nonspacingMark, .enclosingMark, .format].contains(scalar.properties.generalCategory))
            #expect(TextWidth.of(scalar) == 1, "U+\(String(v, radix: 16))")
        }
        for v in Array(0x4E00...0x9FFF) + Array(0xAC00...0xD7A3) {
            let scalar = Unicode.Scalar(UInt32(v))!
            #expect([.otherLetter, .unassigned].contains(scalar.properties.generalCategory))
            #expect(TextWidth.of(scalar) == 2)
        }
    }

    /// A piece of a line cut at the edge ends the line: a wide character left out leaves its column blank rather
    /// than the start of what follows (`中….` before).
    @Test func aCutPieceEndsItsLine() {
        let state = AppState(catalog: wideCatalog, datasetName: "t")
        var grid = Grid(Size(width: 4, height: 1))
        state.draw(
            Line([Span("中中中"), Span("·summary.es", searchable: false)]), x: 0, y: 0, width: 4, into: &grid,
            needles: [], g: .unicode)
        #expect(grid.text(row: 0) == "中… ")
    }

    @Test func sanitisingKnownScalarsIsTheCategoriesVerdict() {
        // Every scalar the fast cases take is kept as it is; the soft hyphen, a format character, is still dropped.
        for v in UInt32(0xA0)..<0x300 where v != 0xAD {
            let s = String(Unicode.Scalar(v)!)
            #expect(Sanitize.line("x" + s) == "x" + s)
        }
        // Every scalar kept by range is one its category would keep: no control, format character or mark.
        var kept = 0
        for v in UInt32(0)...0x10FFFF where Sanitize.keptAsItIs(v) {
            let scalar = Unicode.Scalar(v)!
            let category = scalar.properties.generalCategory
            let refused: [Unicode.GeneralCategory] = [
                .control, .format, .nonspacingMark, .enclosingMark, .spacingMark, .surrogate, .privateUse,
                .lineSeparator, .paragraphSeparator,
            ]
            #expect(!refused.contains(category), "U+\(String(v, radix: 16))")
            #expect(Sanitize.line("a" + String(scalar)) == "a" + String(scalar))
            kept += 1
        }
        #expect(kept > 30_000)
        #expect(Sanitize.line("co\u{AD}operar “ya” — 5 €") == "cooperar “ya” — 5 €")
        #expect(Sanitize.line("“ya”\u{202E} 数据") == "“ya” 数据")
        #expect("una\nlínea\u{2028}otra".replacingNewlines == "una línea otra")
        #expect("ni\u{E8}ve “sí”".replacingNewlines == "ni\u{E8}ve “sí”")
        #expect(Sanitize.line("中国\u{1B}[2J") == "中国␛[2J")
    }

    /// A line holding a long quote is drawn from its part near the screen (`visiblePart`): cells and styles are
    /// those the whole text gives, for a match anywhere across the edge, in Latin and CJK text.
    @Test func aLongSpanIsDrawnAsTheWholeTextWouldBe() {
        let state = AppState(catalog: wideCatalog, datasetName: "t")
        var cut = 0
        for (filler, word) in [("x ", "nube"), ("中文", "数据")] {
            for width in [20, 41] {
                for at in 0...(width + 12) {
                    let text =
                        String(repeating: filler, count: at / 2) + (at % 2 == 0 ? "" : " ") + word
                        + String(repeating: " relleno " + filler, count: 400)
                    let line = Line([Span("» ", searchable: false), Span(text)])
                    var drawn = Grid(Size(width: width, height: 1))
                    var whole = drawn
                    state.draw(line, x: 0, y: 0, width: width, into: &drawn, needles: [word], g: .unicode)
                    state.draw(
                        line, x: 0, y: 0, width: width, into: &whole, needles: [word], g: .unicode, wholeSpans: true)
                    #expect(drawn == whole, "width \(width), \(word) at \(at)")
                    if filler == "x " {
                        #expect(
                            (0..<width).contains { whole[$0, 0].style.role == Style.Role.match } == (2 + at < width))
                    }
                    if AppState.visiblePart(line.spans[1], columns: width - 2, [word]).text.count < text.count {
                        cut += 1
                    }
                }
            }
        }
        #expect(cut > 100)
    }
}

/// A result's snippet is cut to what a line can show, from a word a little before the first match.
@Suite("Search snippets")
struct SnippetTests {
    /// The snippet as the explorer made it before it was cut: the whole text from a word before the match.
    static func wholeSnippet(_ r: SearchResult) -> String {
        let text = Array(r.text.replacingNewlines)
        guard let first = r.spans.first, first.lowerBound > 24 else { return String(text) }
        var start = first.lowerBound - 20
        while start < first.lowerBound && text[start] != " " { start += 1 }
        return "…" + String(text[min(start + 1, first.lowerBound)...])
    }

    @Test func aLongQuotesSnippetIsCutAndShortOnesAreWhole() throws {
        var d = try DatasetGenerator(companies: 20, alliances: 60, seed: 9).dataset()
        let filler = (0..<400).map { "palabra\($0 % 7) " }.joined()
        // A long quote with the word far in, a short one with it early, a short one with a newline before it.
        let quotes = [
            filler + "zorgonita " + filler, "El acuerdo zorgonita de 2025.",
            "Una línea larga que sigue y sigue\ny luego zorgonita al final.",
        ]
        for (i, q) in quotes.enumerated() {
            d.articles[0].text = (d.articles[0].text ?? "") + " " + q
            d.alliances[i].sources = [SourceQuote(article: d.articles[0].id, quote: q)]
        }
        let catalog = Catalog(d)
        let index = SearchIndex(catalog)
        let results = index.answer(try Query.parse("zorgonita", catalog: catalog).get(), limit: 10).results
        #expect(results.count == 3)
        for r in results {
            let whole = Self.wholeSnippet(r)
            for longest in [30, 120, 1_000] {
                let snippet = SearchScreen.snippet(r, .unicode, longest: longest)
                if whole.count <= longest + 1 {
                    #expect(snippet == whole)
                } else {
                    #expect(snippet.count == longest + 2)
                    #expect(snippet.hasPrefix("…") && snippet.hasSuffix("…"))
                    #expect(whole.hasPrefix(String(snippet.dropLast())))
                    #expect(snippet.prefix(30).contains("zorgonita"))
                }
            }
        }
        // Characters that take no column (dropped when drawn) do not shorten what a snippet shows.
        var hidden = results[0]
        hidden.text = "zorgonita " + String(repeating: "\u{200B}a\u{AD}", count: 300)
        hidden.spans = [0..<9]
        let cut = SearchScreen.snippet(hidden, .unicode, longest: 76)
        #expect(TextWidth.of(Sanitize.line(cut)) >= 76 && cut.hasSuffix("…"))
        #expect(cut.count < 400)
        // The search screen draws the long quote's line as the whole text would: the match, then `…` at the edge.
        for size in [Size(width: 80, height: 24), Size(width: 40, height: 12)] {
            var e = Explorer(state: AppState(catalog: catalog, datasetName: "t", index: index))
            _ = e.update(.resize(size))
            for c in "/zorgonita" { _ = e.update(.key(.character(c))) }
            let rows = e.render(size).text.split(separator: "\n").map(String.init)
            let line = try #require(rows.first { $0.contains("…palabra") && $0.contains("zorgonita") })
            #expect(line.trimmingCharacters(in: .whitespaces).hasSuffix("…"))
        }
    }
}
