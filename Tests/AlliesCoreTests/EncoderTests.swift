import AlliesCore
import Testing

@Suite("Canonical encoder")
struct EncoderTests {
    /// decode(encode(d)) == d, and encode(decode(encode(d))) == encode(d) byte for byte.
    func expectStableRoundTrip(_ dataset: Dataset, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let first = dataset.canonicalJSON()
        let decoded = try decode(first).get()
        expectSameDataset(decoded, dataset, sourceLocation: sourceLocation)
        let second = decoded.canonicalJSON()
        #expect(Array(second.utf8) == Array(first.utf8), sourceLocation: sourceLocation)
    }

    @Test func bundledDatasetRoundTrips() throws {
        let dataset = try Dataset.bundled().get()
        try expectStableRoundTrip(dataset)
    }

    @Test func handMadeDatasetWithEveryOptionalFieldRoundTrips() throws {
        let dataset = Fixtures.everyField
        try expectStableRoundTrip(dataset)
        // Every optional field is written (nothing lost to a default), so the counts of keys are as expected.
        let json = dataset.canonicalJSON()
        for key in [
            "\"file\"", "\"outlet\"", "\"author\"", "\"publishedNote\"", "\"url\"", "\"aliases\"", "\"country\"",
            "\"parent\"", "\"groups\"", "\"products\"", "\"citations\"", "\"amounts\"", "\"per\"", "\"bound\"",
            "\"estimated\"", "\"cumulative\"", "\"termYears\"", "\"from\"", "\"to\"", "\"note\"",
            "\"disagreement\"", "\"figure\"", "\"organization\"", "\"organizationName\"", "\"vendor\"",
            "\"upper\"", "\"claims\"", "\"people\"", "\"shareEstimates\"", "\"added\"", "\"updated\"",
        ] {
            #expect(json.contains(key), "\(key) missing from the canonical text")
        }
    }

    @Test func hostileStringsSurviveByteForByte() throws {
        let dataset = Fixtures.everyField
        let json = dataset.canonicalJSON()
        let back = try decode(json).get()
        // Swift's == on String ignores normalisation; compare the UTF-8 bytes to be sure nothing was normalised.
        #expect(Array(back.alliances[0].summary.en.utf8) == Array(Fixtures.hostile.utf8))
        #expect(Array(back.companies[0].name.utf8) == Array(Fixtures.decomposed.utf8))
        #expect(Array(back.companies[0].name.utf8) != Array("Café".utf8))
        // Escapes as JSON requires; non-ASCII (U+2028, emoji, CJK, the combining accent) stays raw UTF-8.
        #expect(
            json.contains(
                #""en": "nul \u0000 bel \u0007 esc \u001b del \u007f nl \n cr \r tab \t bs \b ff \f quote \" "#
                    + #"backslash \\ slash / ls \#u{2028} ps \#u{2029} bom \#u{FEFF} emoji 😀👩‍💻 "#
                    + #"cjk 阿里巴巴 ""#
            ))
        #expect(!json.contains("\\u2028"))
        #expect(json.utf8.allSatisfy { $0 >= 0x20 || $0 == 0x0A })  // no raw control byte but the newlines
        #expect(Array(json.utf8).firstRange(of: Array(Fixtures.decomposed.utf8)) != nil)
    }

    @Test func exactLayoutOfASmallDataset() {
        let dataset = Dataset(
            articles: [
                Article(id: "a1", title: "Título", published: PartialDate(year: 2024, month: 5), language: "es")
            ],
            companies: [
                Company(
                    id: "acme", name: "Acme", kind: .startup, description: LocalizedText(en: "A", es: "Á"),
                    sources: [SourceQuote(article: "a1", quote: "acme")]),
                Company(id: "globex", name: "Globex", kind: .cloud, description: LocalizedText(en: "G", es: "G")),
            ],
            alliances: [
                Alliance(
                    id: "deal", kind: .investment,
                    parties: [Party("acme", .investor), Party("globex", .investee)],
                    amounts: [
                        Amount(value: 38_000_000_000, currency: "USD"),
                        Amount(value: 1.5, currency: "EUR", per: .year, bound: .upTo, termYears: 7),
                    ],
                    date: DatedEvent(PartialDate(year: 2025), .expected), status: .inTalks,
                    title: LocalizedText(en: "T", es: "T"), summary: LocalizedText(en: "S", es: "S"),
                    sources: [SourceQuote(article: "a1", quote: "q")])
            ])
        let expected = """
            {
              "format": "allies-dataset",
              "version": 1,
              "articles": [
                {
                  "id": "a1",
                  "title": "Título",
                  "published": "2024-05",
                  "language": "es"
                }
              ],
              "companies": [
                {
                  "id": "acme",
                  "name": "Acme",
                  "kind": "startup",
                  "description": {
                    "en": "A",
                    "es": "Á"
                  },
                  "sources": [
                    {
                      "article": "a1",
                      "quote": "acme"
                    }
                  ]
                },
                {
                  "id": "globex",
                  "name": "Globex",
                  "kind": "cloud",
                  "description": {
                    "en": "G",
                    "es": "G"
                  }
                }
              ],
              "alliances": [
                {
                  "id": "deal",
                  "kind": "investment",
                  "parties": [
                    {
                      "company": "acme",
                      "role": "investor"
                    },
                    {
                      "company": "globex",
                      "role": "investee"
                    }
                  ],
                  "amounts": [
                    {
                      "value": 38000000000,
                      "currency": "USD"
                    },
                    {
                      "value": 1.5,
                      "currency": "EUR",
                      "per": "year",
                      "bound": "up-to",
                      "termYears": 7
                    }
                  ],
                  "date": {
                    "value": "2025",
                    "event": "expected"
                  },
                  "status": "in-talks",
                  "title": {
                    "en": "T",
                    "es": "T"
                  },
                  "summary": {
                    "en": "S",
                    "es": "S"
                  },
                  "sources": [
                    {
                      "article": "a1",
                      "quote": "q"
                    }
                  ]
                }
              ]
            }

            """
        #expect(dataset.canonicalJSON() == expected)
    }

    @Test func emptyDatasetKeepsTheRequiredLists() throws {
        let json = Dataset().canonicalJSON()
        let expected =
            "{\n  \"format\": \"allies-dataset\",\n  \"version\": 1,\n  \"articles\": [],\n  \"companies\": "
            + "[],\n  \"alliances\": []\n}\n"
        #expect(json == expected)
        let back = try decode(json).get()
        expectSameDataset(back, Dataset())
    }

    @Test func numbers() throws {
        func figureText(_ v: Double) -> String {
            let d = Dataset(
                articles: [Article(id: "a", title: "t", language: "en")],
                claims: [
                    Claim(
                        id: "c", about: .topic("x"), kind: .other, figure: Figure(value: v, unit: "u"),
                        text: LocalizedText(en: "e", es: "s"), sources: [SourceQuote(article: "a", quote: "q")])
                ])
            let json = d.canonicalJSON()
            let line = json.split(separator: "\n").first { $0.contains("\"value\"") }!
            return String(line.drop { $0 == " " })
        }
        #expect(figureText(38_000_000_000) == "\"value\": 38000000000,")
        #expect(figureText(72) == "\"value\": 72,")
        #expect(figureText(0) == "\"value\": 0,")
        #expect(figureText(-0.0) == "\"value\": 0,")
        #expect(figureText(-3) == "\"value\": -3,")
        #expect(figureText(0.1) == "\"value\": 0.1,")
        #expect(figureText(2.5e-7) == "\"value\": 2.5e-07,")
        #expect(figureText(1e20) == "\"value\": 1e+20,")
        // Every form reads back as the same Double.
        for v in [38_000_000_000, 0.1, 2.5e-7, 1e20, 123456789012345.0, 1.1] {
            let d = Dataset(
                articles: [Article(id: "a", title: "t", language: "en")],
                claims: [
                    Claim(
                        id: "c", about: .topic("x"), kind: .other, figure: Figure(value: v, unit: "u"),
                        text: LocalizedText(en: "e", es: "s"), sources: [SourceQuote(article: "a", quote: "q")])
                ])
            let back = try decode(d.canonicalJSON()).get()
            #expect(back.claims[0].figure?.value == v)
        }
    }

    @Test func defaultsAreLeftOut() {
        let d = Fixtures.defaults
        let json = d.canonicalJSON()
        for absent in [
            "\"per\"", "\"bound\"", "\"estimated\"", "\"cumulative\"", "null", "[]", "\"aliases\"",
            "\"groups\"", "\"claims\"", "\"people\"", "\"citations\"", "\"note\"",
        ] {
            #expect(!json.contains(absent), "\(absent) should be left out")
        }
        // Required values are written even when false.
        #expect(json.contains("\"forecast\": false"))
    }

    @Test func claimSubjectsInFormatOrder() {
        let json = Fixtures.everyField.canonicalJSON()
        #expect(
            json.contains("\"about\": {\n        \"product\": \"Trainium2\",\n        \"company\": \"acme\"\n      }"))
        #expect(json.contains("\"about\": {\n        \"topic\": \"chips\"\n      }"))
        #expect(json.contains("\"about\": {\n        \"alliance\": \"acme-globex\"\n      }"))
        #expect(json.contains("\"about\": {\n        \"company\": \"globex\"\n      }"))
    }

    /// Resources/allies.json is kept in canonical form, so `allies export --format json` diffs cleanly against it.
    /// After editing it by hand, rewrite it with `allies export --format json --data Resources/allies.json`.
    @Test func bundledFileIsCanonical() throws {
        let bytes = try #require(readBytes(Paths.datasetFile))
        let dataset = try Dataset.bundled().get()
        let canonical = dataset.canonicalJSON()
        if Array(canonical.utf8) == bytes { return }
        let differences = lineDifferences(file: String(decoding: bytes, as: UTF8.self), canonical: canonical)
        let first = Array(differences.prefix(12)).joined(separator: "\n")
        Issue.record("Resources/allies.json is not canonical: \(differences.count) differences, first ones:\n\(first)")
    }

    /// A short line-by-line account of how the file differs from its canonical text.
    func lineDifferences(file: String, canonical: String) -> [String] {
        let a = file.split(separator: "\n", omittingEmptySubsequences: false)
        let b = canonical.split(separator: "\n", omittingEmptySubsequences: false)
        var i = 0, j = 0, out: [String] = []
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] { i += 1; j += 1; continue }
            if i + 1 < a.count, j < b.count, a[i + 1] == b[j] {
                out.append("line \(i + 1) only in the file: \(a[i].drop { $0 == " " })"); i += 1
            } else if i < a.count, j + 1 < b.count, a[i] == b[j + 1] {
                out.append("line \(i + 1): canonical text adds: \(b[j].drop { $0 == " " })"); j += 1
            } else {
                out.append(
                    "line \(i + 1): file \(i < a.count ? String(a[i]) : "(end)") / canonical "
                        + "\(j < b.count ? String(b[j]) : "(end)")"
                )
                i += 1; j += 1
            }
        }
        return out
    }
}

enum Fixtures {
    /// Every control character class, JSON's specials, line and paragraph separators, emoji, CJK.
    static let hostile =
        "nul \u{0} bel \u{7} esc \u{1B} del \u{7F} nl \n cr \r tab \t bs \u{8} ff \u{C} quote \" backslash \\ slash / "
        + "ls \u{2028} ps \u{2029} bom \u{FEFF} emoji 😀👩‍💻 cjk 阿里巴巴 "
    /// "Café" with a combining accent (NFD): must not be normalised to the precomposed é.
    static let decomposed = "Cafe\u{301}"

    static var everyField: Dataset {
        let quote = SourceQuote(article: "a1", quote: "Acme \"invierte\" \\ 1.000 millones", note: "a note\twith a tab")
        let citation = Citation(
            publisher: "Reuters", title: "Acme & Globex", url: "https://example.com/a?b=c&d=\"e\"",
            published: PartialDate(year: 2024, month: 2, day: 29), supports: "date")
        let text = LocalizedText(en: "English", es: "Español ñ")
        return Dataset(
            articles: [
                Article(
                    id: "a1", file: "000_x.txt", title: "Inversión «histórica»", outlet: "Xataka",
                    author: "Ana Pérez",
                    published: PartialDate(year: 2025, month: 12), publishedNote: "Inferred\nfrom the text",
                    language: "es", url: "https://example.com/1"),
                Article(id: "a2", title: "Second", language: "en"),
            ],
            groups: [
                Group(id: "big-nine", name: "Big Nine", description: text, sources: [quote], citations: [citation])
            ],
            companies: [
                Company(
                    id: "acme", name: decomposed, aliases: ["ACME", "阿克米", "Run: AI"], kind: .bigTech,
                    country: "US",
                    description: text, groups: ["big-nine"], products: ["Trainium2", "GB200"], sources: [quote],
                    citations: [citation], added: PartialDate(year: 2026, month: 11, day: 18),
                    updated: PartialDate(year: 2026, month: 11, day: 20)),
                Company(
                    id: "globex", name: "Globex", kind: .cloud, parent: "acme", description: text,
                    sources: [SourceQuote(article: "a2", quote: "Globex")]),
            ],
            alliances: [
                Alliance(
                    id: "acme-globex", kind: .cloudContract,
                    parties: [Party("acme", .customer), Party("globex", .supplier)],
                    amounts: [
                        Amount(
                            value: 38_000_000_000, currency: "USD", per: .year, bound: .atLeast, estimated: true,
                            cumulative: true, termYears: 7, from: "acme", to: "globex", note: "compute"),
                        Amount(value: 0.5, currency: "EUR", bound: .moreThan),
                        Amount(value: 10_000_000, currency: "CNY", bound: .about),
                    ],
                    date: DatedEvent(PartialDate(year: 2024, month: 11, day: 3), .signed), status: .ended,
                    title: text, summary: LocalizedText(en: hostile, es: "ES " + hostile),
                    products: ["Trainium2"], sources: [quote, SourceQuote(article: "a2", quote: "second")],
                    citations: [citation], disagreement: "One says \"will use\", the other \"evaluating\"",
                    added: PartialDate(year: 2026, month: 1, day: 2)),
                Alliance(
                    id: "globex-acme", kind: .partnership,
                    parties: [Party("globex", .partner), Party("acme", .partner)],
                    status: .rumoured, title: text, summary: text, sources: [quote]),
            ],
            claims: [
                Claim(
                    id: "c1", about: .product(name: "Trainium2", company: "acme"), kind: .efficiency,
                    figure: Figure(value: 40, unit: "percent", bound: .upTo), text: text,
                    date: DatedEvent(PartialDate(year: 2024), .reported), sources: [quote], citations: [citation]),
                Claim(
                    id: "c2", about: .topic("chips"), kind: .count, figure: Figure(value: 64, unit: "count"),
                    text: text, sources: [quote]),
                Claim(id: "c3", about: .alliance("acme-globex"), kind: .other, text: text, sources: [quote]),
                Claim(id: "c4", about: .company("globex"), kind: .schedule, text: text, sources: [quote]),
            ],
            people: [
                Person(
                    id: "p1", name: "Benoit Dupin", role: text, organization: "acme", organizationName: "Apple Inc.",
                    sources: [quote]),
                Person(id: "p2", name: "Amy Webb", role: text, organizationName: "NYU Stern", sources: [quote]),
            ],
            shareEstimates: [
                ShareEstimate(
                    id: "s1", market: "AI accelerators", scope: "data-centre GPUs", metric: .revenue,
                    region: "global", year: 2024, forecast: true, publisher: "TechInsights",
                    published: PartialDate(year: 2025, month: 1),
                    shares: [
                        Share(vendor: "acme", label: "Acme", bound: .moreThan, value: 70),
                        Share(
                            vendor: nil, label: "cloud providers' own chips", bound: .range, value: 10,
                            upper: 15.5),
                        Share(vendor: "globex", label: "Globex", value: 2.5),
                    ],
                    sources: [quote], citations: [citation])
            ])
    }

    /// Everything at its default: no optional field should appear.
    static var defaults: Dataset {
        let text = LocalizedText(en: "e", es: "s")
        let quote = SourceQuote(article: "a1", quote: "q")
        return Dataset(
            articles: [Article(id: "a1", title: "t", language: "en")],
            companies: [
                Company(id: "x", name: "X", kind: .other, description: text),
                Company(id: "y", name: "Y", kind: .other, description: text),
            ],
            alliances: [
                Alliance(
                    id: "xy", kind: .partnership, parties: [Party("x", .investor), Party("y", .investee)],
                    amounts: [Amount(value: 5, currency: "USD")], status: .active, title: text,
                    summary: text, sources: [quote])
            ],
            shareEstimates: [
                ShareEstimate(
                    id: "s", market: "m", scope: "s", metric: .units, year: 2024, forecast: false,
                    publisher: "p", shares: [Share(vendor: nil, label: "l", value: 5)],
                    sources: [quote])
            ])
    }
}
