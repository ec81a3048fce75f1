// The import benchmark (issue #14): a CSV with the header of Crunchbase's 2015 acquisitions sheet, generated here
// (deterministic, none of the real file's content), imported by `allies import csv --preset
// crunchbase-2015-acquisitions` and by a peer doing the same job (scripts/bench-import-peer.py).
import AlliesGenerator
#if canImport(Glibc)
    import Glibc
#endif

/// The generator's SplitMix64 (AlliesGenerator), seeded as this benchmark always was, with the draws it needs.
extension SplitMix64 {
    init(benchSeed seed: Int) { self.init(seed: UInt64(truncatingIfNeeded: seed) &* 0x9E37_79B9_7F4A_7C15 &+ 1) }
    /// 0..<n
    mutating func int(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
    /// true with probability p.
    mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }
    mutating func pick<T>(_ xs: [T]) -> T { xs[int(xs.count)] }
}

enum ImportCSVGenerator {
    static let header =
        "company_permalink,company_name,company_category_list,company_country_code,company_state_code,"
        + "company_region,company_city,acquirer_permalink,acquirer_name,acquirer_category_list,"
        + "acquirer_country_code,acquirer_state_code,acquirer_region,acquirer_city,acquired_at,acquired_month,"
        + "price_amount,price_currency_code"

    static let syllables = [
        "ka", "lo", "mi", "ra", "ten", "vor", "zen", "qua", "bri", "dex", "flo", "gri", "hal", "ix", "jun", "kor",
        "lum", "nex", "op", "pra", "sol", "tri", "ul", "vex", "wyn", "yo", "zu", "ar", "el", "on",
    ]
    static let words = [
        "Data", "Cloud", "Labs", "Systems", "Networks", "Health", "Media", "Mobile", "Analytics", "Software",
        "Energy", "Robotics", "Capital", "Games", "Security", "Bio", "Payments", "Logistics", "Digital", "Studio",
    ]
    static let accented = [
        "Société", "Générale", "Numérique", "Ñandú", "Müller", "Åkerlund", "Ørsted", "Çelik", "Łódź", "Brøndby",
        "Técnica", "São", "Zürich", "Électrique", "Informática",
    ]
    static let cjk = ["株式会社", "科技", "有限公司", "데이터", "电子", "ソフト", "网络", "情報", "산업", "集团"]
    static let suffixes = [
        " Inc.", " Inc", " Ltd", " Ltd.", " LLC", " GmbH", " S.A.", " S.A. de C.V.", " Corp.", " AG", " B.V.",
        ", Inc.", " Co., Ltd.", " Pty Ltd", " S.L.",
    ]
    static let categories = [
        "Software", "Enterprise Software", "Internet", "Mobile", "E-Commerce", "Advertising", "Analytics",
        "Biotechnology", "Health Care", "Finance", "FinTech", "Games", "Hardware", "Semiconductors", "Security",
        "Social Media", "Education", "Clean Technology", "Real Estate", "Travel", "Music", "Video",
        "Telecommunications", "Consumer Electronics", "Curated Web", "SaaS", "Big Data", "Cloud Computing",
        "Artificial Intelligence", "Robotics", "Logistics", "Marketplaces", "Payments", "Insurance", "Sports",
    ]
    /// Alpha-3 codes with the USA most frequent, as in the real export.
    static let countries = [
        "USA", "USA", "USA", "USA", "USA", "USA", "USA", "USA", "GBR", "GBR", "CAN", "DEU", "FRA", "ISR", "CHN",
        "IND", "JPN", "ESP", "NLD", "SWE", "AUS", "BRA", "KOR", "IRL", "CHE", "ITA", "SGP", "FIN", "DNK", "MEX",
        "RUS", "ROM",
    ]
    static let places: [(state: String, region: String, city: String)] = [
        ("CA", "SF Bay Area", "San Francisco"), ("CA", "SF Bay Area", "Palo Alto"), ("NY", "New York City", "New York"),
        ("MA", "Boston", "Cambridge"), ("WA", "Seattle", "Seattle"), ("H9", "London", "London"), ("", "", ""),
        ("TX", "Austin", "Austin"), ("56", "Barcelona", "Barcelona"), ("11", "Paris", "Paris"),
    ]
    static let currencies = ["GBP", "EUR", "CAD", "JPY", "AUD", "SEK", "CHF", "INR", "CNY"]

    struct Org {
        var permalink: String
        var name: String
        var categories: String
        var country: String
        var place: (state: String, region: String, city: String)
    }

    static func slug(_ s: String) -> String {
        var out = ""
        var dash = false
        for u in s.unicodeScalars {
            if u.isASCII, let c = Optional(Character(u)), c.isLetter || c.isNumber {
                out += c.lowercased()
                dash = false
            } else if !dash && !out.isEmpty {
                out += "-"
                dash = true
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out
    }

    static func organisations(_ count: Int, seed: Int, _ g: inout SplitMix64) -> [Org] {
        var orgs: [Org] = []
        orgs.reserveCapacity(count)
        var slugs = Set<String>()
        for i in 0..<count {
            var name: String
            if i > 100 && g.chance(0.03) {
                // The same name as an earlier organisation, under its own permalink.
                name = orgs[g.int(i)].name
            } else {
                // Distinct organisations have distinct names: the syllables spell the organisation's number
                // (scattered by a multiplier prime to 30⁴), three or four of them.
                var k = (i &* 7919 &+ seed) % 810_000
                let four = k >= 27_000
                var core = ""
                for _ in 0..<(four ? 4 : 3) {
                    core += syllables[k % 30]
                    k /= 30
                }
                core = core.prefix(1).uppercased() + core.dropFirst()
                let cjkName = cjk[i % 10] + cjk[(i / 10) % 10] + cjk[(i / 100) % 10] + cjk[(i / 1000) % 10]
                switch g.int(100) {
                case 0..<4: name = g.pick(accented) + " " + core
                case 4..<7: name = core + g.pick(cjk) + (g.chance(0.5) ? g.pick(cjk) : "")
                case 7..<9: name = cjkName + ((i / 10000) == 0 ? "" : cjk[(i / 10000) % 10])
                case 9..<55: name = core + " " + g.pick(words)
                default: name = core
                }
                if g.chance(0.2) { name += g.pick(suffixes) }
            }
            var base = slug(name)
            if base.isEmpty { base = "org" }
            var permalink = base
            var n = 2
            while !slugs.insert(permalink).inserted {
                permalink = "\(base)-\(n)"
                n += 1
            }
            var cats: [String] = []
            if !g.chance(0.1) {
                for _ in 0..<(1 + g.int(4)) {
                    let c = g.pick(categories)
                    if !cats.contains(c) { cats.append(c) }
                }
            }
            let country = g.chance(0.08) ? "" : g.pick(countries)
            var place: (state: String, region: String, city: String) = country.isEmpty ? ("", "", "") : g.pick(places)
            // A few quoted fields with a comma or a line break (in columns the preset does not read).
            if g.chance(0.002) { place.city = "Palo Alto\nCA" }
            if g.chance(0.002) { place.region = "Bay Area, North" }
            orgs.append(
                Org(
                    permalink: "/organization/" + permalink, name: name, categories: cats.joined(separator: "|"),
                    country: country, place: place))
        }
        return orgs
    }

    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        var out = "\""
        for c in s { out += c == "\"" ? "\"\"" : String(c) }
        return out + "\""
    }

    /// Writes `rows` acquisitions (and the header) to `path`; ~150,000 organisations per million rows.
    static func write(rows: Int, seed: Int, to path: String) -> Bool {
        var g = SplitMix64(benchSeed: seed)
        let orgs = organisations(max(200, rows * 3 / 20), seed: seed, &g)
        guard let f = fopen(path, "w") else { return false }
        defer { fclose(f) }
        var out = header + "\n"
        func columns(_ o: Org) -> String {
            [
                o.permalink, o.name, o.categories, o.country, o.place.state, o.place.region, o.place.city,
            ].map(field).joined(separator: ",")
        }
        for row in 0..<rows {
            let company = orgs[g.int(orgs.count)]
            // Acquirers are skewed: a few make many acquisitions.
            let r = Double(g.next() >> 11) / Double(1 << 53)
            var a = Int(Double(orgs.count) * r * r * r)
            if orgs[a].permalink == company.permalink { a = (a + 1) % orgs.count }
            let acquirer = orgs[a]
            let year = 1990 + g.int(26), month = 1 + g.int(12), day = 1 + g.int(28)
            let m = "\(year)-" + (month < 10 ? "0" : "") + "\(month)"
            let date = g.chance(0.01) ? "" : m + "-" + (day < 10 ? "0" : "") + "\(day)"
            var price = "", currency = "USD"
            if g.chance(0.25) {
                price = String((1 + g.int(5000)) * 100_000)
                if g.chance(0.08) { currency = g.pick(currencies) }
            }
            out += columns(company) + "," + columns(acquirer) + "," + date + "," + m + "," + price + "," + currency
            out += "\n"
            if row % 4096 == 4095 {
                fputs(out, f)
                out = ""
            }
        }
        fputs(out, f)
        return ferror(f) == 0
    }
}
