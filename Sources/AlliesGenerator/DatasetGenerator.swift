// Synthetic datasets for benchmarks and demos (`allies generate`). Every name, figure and article in them is
// invented. The output depends only on the three numbers asked for: the generator has its own random number
// generator (xoshiro256** seeded by SplitMix64), uses no Foundation, no system randomness, no floating-point
// library functions and never iterates a Set or a Dictionary, so the same seed gives the same bytes on every run
// and every machine. Each record is drawn from its own stream (seed, list, index), so alliances can be made one
// at a time while the JSON is written, and an article can describe an alliance written long after it.

import AlliesCore

/// SplitMix64 (Steele, Lea and Flood): a tiny generator, used here to seed xoshiro256**.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }
    /// The SplitMix64 output function: a bijective mix of 64 bits.
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// xoshiro256** 1.0 (Blackman and Vigna), seeded from SplitMix64 as its authors recommend.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64
    public init(seed: UInt64) {
        var sm = SplitMix64(seed: seed)
        s0 = sm.next(); s1 = sm.next(); s2 = sm.next(); s3 = sm.next()
    }
    public mutating func next() -> UInt64 {
        let result = rotate(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotate(s3, 45)
        return result
    }
    private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// A number in 0..<n by Lemire's multiply-high (bias below n / 2^64).
    mutating func below(_ n: Int) -> Int {
        precondition(n > 0)
        return Int(next().multipliedFullWidth(by: UInt64(n)).high)
    }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
    mutating func between(_ low: Int, _ high: Int) -> Int { low + below(high - low + 1) }
    /// An index drawn with the given integer weights.
    mutating func weighted(_ weights: [Int]) -> Int {
        var r = below(weights.reduce(0, +))
        for (i, w) in weights.enumerated() {
            if r < w { return i }
            r -= w
        }
        return weights.count - 1
    }
    /// A uniform Double in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
}

/// A synthetic dataset of `companies` companies and `alliances` alliances, the same for the same seed.
///
/// Besides them it makes one article for every four alliances (each alliance quotes the article about it), two
/// groups, people, claims and a dozen market-share estimates. Company names mix English, Spanish, Italian,
/// German, French, Nordic, Portuguese, Chinese, Japanese and Korean; how often a company appears follows a
/// Zipf-like law, so a few hubs have thousands of alliances and most companies a handful. The result decodes
/// without a diagnostic and is already canonical: `write(to:)` gives the bytes of `dataset().canonicalJSON()`.
public struct DatasetGenerator: Sendable {
    public let companies: Int
    public let alliances: Int
    public let seed: UInt64

    /// The most alliances and companies one run makes. An alliance takes about 1.4 KB of JSON (with its share of
    /// the articles) and a company about 0.45 KB, so the largest file stays under 4 GiB, the most Allies reads.
    public static let maximumAlliances = 2_500_000
    public static let maximumCompanies = 1_000_000

    /// A count the generator cannot make. The messages name the count, not a command-line flag: the CLI says which
    /// of its options the count came from (`parameter`).
    public enum InvalidCount: Error, Equatable, Sendable, CustomStringConvertible {
        case tooFewCompanies(Int), tooManyCompanies(Int), negativeAlliances(Int), tooManyAlliances(Int)

        /// Which count is wrong.
        public enum Parameter: Sendable { case companies, alliances }
        public var parameter: Parameter {
            switch self {
            case .tooFewCompanies, .tooManyCompanies: return .companies
            case .negativeAlliances, .tooManyAlliances: return .alliances
            }
        }

        public var description: String {
            switch self {
            case .tooFewCompanies(let n):
                return "the number of companies must be at least 2 (an alliance needs two companies), not \(n)"
            case .tooManyCompanies(let n):
                return "the number of companies must be at most \(DatasetGenerator.maximumCompanies), not \(n)"
            case .negativeAlliances(let n): return "the number of alliances cannot be negative, not \(n)"
            case .tooManyAlliances(let n):
                return
                    "the number of alliances must be at most \(DatasetGenerator.maximumAlliances) (more would not fit "
                    + "in the 4 GiB file Allies reads), not \(n)"
            }
        }
    }

    public init(companies: Int, alliances: Int, seed: UInt64) throws(InvalidCount) {
        guard companies >= 2 else { throw .tooFewCompanies(companies) }
        guard companies <= Self.maximumCompanies else { throw .tooManyCompanies(companies) }
        guard alliances >= 0 else { throw .negativeAlliances(alliances) }
        guard alliances <= Self.maximumAlliances else { throw .tooManyAlliances(alliances) }
        self.companies = companies; self.alliances = alliances; self.seed = seed
    }

    /// Every record in memory. For large counts prefer `write(to:)`, which keeps only the companies.
    public func dataset() -> Dataset {
        let world = World(self)
        return Dataset(
            articles: (0..<world.articleCount).map(world.article), groups: world.groups(),
            companies: world.companies, alliances: (0..<alliances).map(world.alliance),
            claims: world.claims(), people: world.people(), shareEstimates: world.shareEstimates())
    }

    /// The canonical JSON of `dataset()`, made and written record by record and handed to `sink` in pieces of
    /// about `chunkSize` bytes.
    public func write(chunkSize: Int = 1 << 20, to sink: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        let world = World(self)
        try Dataset.writeCanonicalJSON(
            articles: (0..<world.articleCount).lazy.map(world.article), groups: world.groups(),
            companies: world.companies, alliances: (0..<alliances).lazy.map(world.alliance),
            claims: world.claims(), people: world.people(), shareEstimates: world.shareEstimates(),
            chunkSize: chunkSize, to: sink)
    }
}

// MARK: - Vocabulary

private struct Country {
    let code: String, en: String, es: String, currency: String, culture: Culture, weight: Int
}

private enum Culture: Int {
    case english, spanish, italian, german, french, nordic, portuguese, chinese, taiwanese, japanese, korean
    var isCJK: Bool { self == .chinese || self == .taiwanese || self == .japanese || self == .korean }
}

/// What a company's name says it does.
private enum Field: Int {
    case generic, cloud, chips, energy, capital, ai, research, data, network, datacenter, foundry
}

private enum Vocabulary {
    static let countries: [Country] = [
        Country(
            code: "US", en: "the United States", es: "Estados Unidos", currency: "USD", culture: .english, weight: 260),
        Country(
            code: "GB", en: "the United Kingdom", es: "Reino Unido", currency: "GBP", culture: .english, weight: 30),
        Country(code: "CA", en: "Canada", es: "Canadá", currency: "CAD", culture: .english, weight: 20),
        Country(code: "IN", en: "India", es: "India", currency: "INR", culture: .english, weight: 20),
        Country(code: "IL", en: "Israel", es: "Israel", currency: "ILS", culture: .english, weight: 10),
        Country(code: "SG", en: "Singapore", es: "Singapur", currency: "SGD", culture: .english, weight: 10),
        Country(
            code: "AE", en: "the United Arab Emirates", es: "Emiratos Árabes Unidos", currency: "AED",
            culture: .english, weight: 6),
        Country(code: "AU", en: "Australia", es: "Australia", currency: "AUD", culture: .english, weight: 6),
        Country(code: "ES", en: "Spain", es: "España", currency: "EUR", culture: .spanish, weight: 60),
        Country(code: "MX", en: "Mexico", es: "México", currency: "MXN", culture: .spanish, weight: 30),
        Country(code: "AR", en: "Argentina", es: "Argentina", currency: "ARS", culture: .spanish, weight: 20),
        Country(code: "CL", en: "Chile", es: "Chile", currency: "CLP", culture: .spanish, weight: 18),
        Country(code: "CO", en: "Colombia", es: "Colombia", currency: "COP", culture: .spanish, weight: 12),
        Country(code: "IT", en: "Italy", es: "Italia", currency: "EUR", culture: .italian, weight: 40),
        Country(code: "DE", en: "Germany", es: "Alemania", currency: "EUR", culture: .german, weight: 50),
        Country(code: "AT", en: "Austria", es: "Austria", currency: "EUR", culture: .german, weight: 10),
        Country(code: "CH", en: "Switzerland", es: "Suiza", currency: "CHF", culture: .german, weight: 10),
        Country(code: "FR", en: "France", es: "Francia", currency: "EUR", culture: .french, weight: 50),
        Country(code: "BE", en: "Belgium", es: "Bélgica", currency: "EUR", culture: .french, weight: 10),
        Country(code: "DK", en: "Denmark", es: "Dinamarca", currency: "DKK", culture: .nordic, weight: 20),
        Country(code: "NO", en: "Norway", es: "Noruega", currency: "NOK", culture: .nordic, weight: 12),
        Country(code: "SE", en: "Sweden", es: "Suecia", currency: "SEK", culture: .nordic, weight: 18),
        Country(code: "BR", en: "Brazil", es: "Brasil", currency: "BRL", culture: .portuguese, weight: 30),
        Country(code: "PT", en: "Portugal", es: "Portugal", currency: "EUR", culture: .portuguese, weight: 10),
        Country(code: "CN", en: "China", es: "China", currency: "CNY", culture: .chinese, weight: 110),
        Country(code: "TW", en: "Taiwan", es: "Taiwán", currency: "TWD", culture: .taiwanese, weight: 20),
        Country(code: "JP", en: "Japan", es: "Japón", currency: "JPY", culture: .japanese, weight: 60),
        Country(code: "KR", en: "South Korea", es: "Corea del Sur", currency: "KRW", culture: .korean, weight: 50),
    ]
    static let countryWeights = countries.map(\.weight)

    /// Units of a currency per US dollar, as whole numbers, so converted amounts stay integers.
    static func perDollar(_ currency: String) -> Double {
        switch currency {
        case "MXN": return 17
        case "ARS", "CLP": return 900
        case "COP": return 4000
        case "DKK": return 7
        case "NOK", "SEK": return 10
        case "BRL": return 5
        case "CNY": return 7
        case "TWD": return 30
        case "JPY": return 150
        case "KRW": return 1300
        case "INR": return 80
        case "ILS", "AED": return 4
        default: return 1
        }
    }

    static func currencyNameEs(_ code: String) -> String {
        switch code {
        case "USD": return "dólares"
        case "EUR": return "euros"
        case "GBP": return "libras"
        case "CNY": return "yuanes"
        case "JPY": return "yenes"
        case "KRW": return "wones"
        case "INR": return "rupias"
        case "BRL": return "reales"
        case "MXN": return "pesos mexicanos"
        case "ARS": return "pesos argentinos"
        case "CLP": return "pesos chilenos"
        case "COP": return "pesos colombianos"
        case "SEK": return "coronas suecas"
        case "NOK": return "coronas noruegas"
        case "DKK": return "coronas danesas"
        case "CHF": return "francos suizos"
        case "CAD": return "dólares canadienses"
        case "AUD": return "dólares australianos"
        case "SGD": return "dólares de Singapur"
        case "TWD": return "dólares taiwaneses"
        case "ILS": return "séqueles"
        case "AED": return "dírhams"
        default: return code
        }
    }

    static func symbolEn(_ code: String) -> String {
        switch code {
        case "USD": return "$"
        case "EUR": return "€"
        case "GBP": return "£"
        case "JPY": return "¥"
        default: return code + " "
        }
    }

    // Invented stems. Latin ones carry their accents; the folded spelling becomes an alias.
    static let englishStart = [
        "Vel", "Nor", "Quan", "Ast", "Lum", "Cor", "Zen", "Ky", "Ori", "Sol", "Ter", "Neu",
        "Hel", "Ver", "Ax", "Cal", "Dra", "Fal", "Gry", "Hal", "Ion", "Kel", "Lyr", "Mer",
        "Nov", "Pyr", "Rho", "Syn", "Tal", "Vor", "Wex", "Xen", "Yar", "Zor", "Bri", "Cen",
    ]
    static let englishMiddle = ["a", "e", "i", "o", "", "an", "en", "ar", "or", "il", "u", "ys"]
    static let englishEnd = [
        "tra", "via", "nix", "dex", "lon", "mira", "tis", "gon", "ra", "tek", "nova", "lytics",
        "bit", "core", "ware", "forge", "scale", "grid", "wave", "path", "mind", "loop", "stone",
        "field", "spark", "quest",
    ]
    static let spanishStems = [
        "Alborán", "Ñandú", "Cóndor", "Quetzal", "Ibérica", "Peñalara", "Águila Real", "Océano",
        "Guadiana", "Cierzo", "Tramontana", "Alhambra", "Andina", "Pampa", "Patagonia",
        "Yucatán", "Orinoco", "Atacama", "Cantábrico", "Vía Láctea", "Lucero", "Colibrí",
        "Jaguar", "Ceiba", "Montaña Azul", "Estrella del Sur", "Tizón", "Almadén", "Olivo",
        "Campeche", "Nazca", "Brújula", "Cigüeña", "Albatros", "Marisma", "Teide",
    ]
    static let italianStems = [
        "Adriatica", "Ligure", "Vesuvio", "Dolomiti", "Laguna", "Stella Polare", "Brenta",
        "Tirreno", "Fenice", "Marea", "Sirio", "Gabbiano", "Levante", "Rocca", "Città Alta",
        "Perlà", "Ventura", "Chiaroscuro", "Giglio", "Cupola",
    ]
    static let germanStems = [
        "Müller", "Schäfer", "Brückner", "Könemann", "Weißhaupt", "Nordlicht", "Rheinhöhe",
        "Sonnenfeld", "Falkenstein", "Löwenberg", "Grünwald", "Bärental", "Großmann", "Füssen",
        "Wölfel", "Eichhörnchen", "Hochwald", "Kühlberg", "Dörrbach", "Straßfeld",
    ]
    static let frenchStems = [
        "Lumière", "Élan", "Château", "Étoile", "Garonne", "Rivière", "Cévennes", "Forêt",
        "Orée", "Pléiade", "Azur", "Hélios", "Bocage", "Méridienne", "Ça Calcule",
        "Ça Marche", "Ça Roule", "Ça Pousse", "Crémaillère", "Sémaphore",
    ]
    static let nordicStems = [
        "Øresund", "Ålvik", "Bjørnholm", "Fjeldstad", "Sølvberg", "Nordkyst", "Løvstad",
        "Skjærgård", "Vättern", "Åsgard", "Frøya", "Kråkvik", "Östersjö", "Hällefors", "Mjølner",
        "Ærøvik", "Göta", "Trælleborg",
    ]
    static let portugueseStems = [
        "Araçá", "Ipê", "Jaçanã", "Paraná", "Tucumã", "Açaí", "Maracá", "Cerrado",
        "Jabuticaba", "Pantanal", "Guará", "Itapuã", "Sabiá", "Conceição", "Caçapava",
    ]
    /// (character, pinyin, also used in Taiwan's traditional script)
    static let hanFirst: [(String, String, Bool)] = [
        ("星", "Xing", true), ("海", "Hai", true), ("云", "Yun", false), ("天", "Tian", true), ("瀚", "Han", true),
        ("龙", "Long", false), ("光", "Guang", true), ("智", "Zhi", true), ("创", "Chuang", false),
        ("新", "Xin", true),
        ("青", "Qing", true), ("金", "Jin", true), ("锐", "Rui", false), ("凌", "Ling", true),
        ("晨", "Chen", true),
        ("鼎", "Ding", true), ("蓝", "Lan", false), ("极", "Ji", false), ("宇", "Yu", true),
        ("长", "Chang", false),
    ]
    static let hanSecond: [(String, String, Bool)] = [
        ("辰", "chen", true), ("峰", "feng", true), ("川", "chuan", true), ("源", "yuan", true),
        ("芯", "xin", true),
        ("图", "tu", false), ("澜", "lan", false), ("曜", "yao", true), ("启", "qi", false), ("翼", "yi", true),
        ("弘", "hong", true), ("驰", "chi", false), ("岳", "yue", true), ("恒", "heng", true),
        ("明", "ming", true),
        ("帆", "fan", true),
    ]
    static let chineseCities: [(String, String)] = [
        ("深圳", "Shenzhen"), ("杭州", "Hangzhou"), ("上海", "Shanghai"), ("北京", "Beijing"),
        ("成都", "Chengdu"),
        ("苏州", "Suzhou"), ("合肥", "Hefei"), ("武汉", "Wuhan"),
    ]
    static let taiwaneseCities: [(String, String)] = [
        ("台北", "Taipei"), ("新竹", "Hsinchu"),
        ("台中", "Taichung"),
    ]
    static let japaneseStems: [(String, String)] = [
        ("青空", "Aozora"), ("桜川", "Sakuragawa"), ("星野", "Hoshino"), ("光陽", "Koyo"),
        ("白鷺", "Shirasagi"),
        ("北斗", "Hokuto"), ("若葉", "Wakaba"), ("朝霧", "Asagiri"), ("雷鳴", "Raimei"), ("翠嶺", "Suirei"),
        ("月見", "Tsukimi"), ("千早", "Chihaya"), ("紅葉", "Momiji"), ("銀河", "Ginga"),
    ]
    static let koreanStems: [(String, String)] = [
        ("한빛", "Hanbit"), ("새롬", "Saerom"), ("누리", "Nuri"), ("다온", "Daon"), ("가람", "Garam"),
        ("하늘", "Haneul"), ("별빛", "Byeolbit"), ("미르", "Mir"), ("아라", "Ara"), ("해솔", "Haesol"),
        ("은하", "Eunha"), ("온새미", "Onsaemi"),
    ]

    /// Words for what a company does, per culture and field: (as written, romanised). Index by `Field.rawValue`.
    static func terms(_ culture: Culture, _ field: Field) -> [(String, String)] {
        let table: [[(String, String)]]
        switch culture {
        case .english:
            table = [
                [("Technologies", ""), ("Systems", ""), ("Labs", ""), ("Dynamics", ""), ("Digital", "")],
                [("Cloud", ""), ("Compute", "")], [("Semiconductor", ""), ("Silicon", ""), ("Microdevices", "")],
                [("Energy", ""), ("Power", ""), ("Renewables", "")],
                [("Capital", ""), ("Ventures", ""), ("Partners", "")],
                [("AI", ""), ("Intelligence", "")], [("Research", ""), ("Institute", "")],
                [("Data", ""), ("Analytics", "")], [("Networks", ""), ("Photonics", ""), ("Telecom", "")],
                [("Data Centers", ""), ("Infrastructure", "")], [("Foundry", ""), ("Fabrication", "")],
            ]
        case .spanish:
            table = [
                [("Tecnologías", "Tecnologias"), ("Sistemas", ""), ("Soluciones", ""), ("Digital", "")],
                [("Nube", ""), ("Computación", "Computacion")], [("Semiconductores", ""), ("Microchips", "")],
                [("Energía", "Energia"), ("Renovables", ""), ("Eléctrica", "Electrica")],
                [("Capital", ""), ("Inversiones", "")], [("Inteligencia Artificial", ""), ("IA", "")],
                [("Investigación", "Investigacion"), ("Instituto", "")], [("Datos", ""), ("Analítica", "Analitica")],
                [("Redes", ""), ("Telecomunicaciones", ""), ("Fibra", "")],
                [("Centros de Datos", ""), ("Infraestructuras", "")], [("Fundición", "Fundicion")],
            ]
        case .italian:
            table = [
                [("Tecnologie", ""), ("Sistemi", ""), ("Informatica", "")], [("Nuvola", ""), ("Calcolo", "")],
                [("Semiconduttori", ""), ("Microelettronica", "")], [("Energia", ""), ("Elettrica", "")],
                [("Capitale", ""), ("Investimenti", "")], [("Intelligenza Artificiale", ""), ("IA", "")],
                [("Ricerca", "")], [("Dati", "")], [("Reti", ""), ("Telecomunicazioni", "")],
                [("Centri Dati", "")], [("Fonderia", "")],
            ]
        case .german:
            table = [
                [("Technik", ""), ("Systeme", ""), ("Digital", "")], [("Cloud", ""), ("Rechenwerk", "")],
                [("Halbleiter", ""), ("Mikroelektronik", "")], [("Energie", ""), ("Stromwerke", "")],
                [("Kapital", ""), ("Beteiligungen", "")], [("KI", ""), ("Intelligenz", "")],
                [("Forschung", ""), ("Institut", "")], [("Daten", ""), ("Datentechnik", "")],
                [("Netzwerke", ""), ("Glasfaser", "")], [("Rechenzentren", "")], [("Halbleiterwerk", "")],
            ]
        case .french:
            table = [
                [("Technologies", ""), ("Systèmes", "Systemes"), ("Numérique", "Numerique")],
                [("Nuage", ""), ("Calcul", "")], [("Semi-conducteurs", ""), ("Puces", "")],
                [("Énergie", "Energie"), ("Électricité", "Electricite")], [("Capital", ""), ("Investissement", "")],
                [("Intelligence Artificielle", ""), ("IA", "")], [("Recherche", ""), ("Institut", "")],
                [("Données", "Donnees")], [("Réseaux", "Reseaux"), ("Télécom", "Telecom")],
                [("Centres de Données", "Centres de Donnees")], [("Fonderie", "")],
            ]
        case .nordic:
            table = [
                [("Teknologi", ""), ("System", ""), ("Digital", "")], [("Sky", ""), ("Moln", "")],
                [("Halvleder", "")], [("Kraft", ""), ("Energi", "")], [("Kapital", ""), ("Invest", "")],
                [("AI", ""), ("Intelligens", "")], [("Forskning", ""), ("Institutt", "")], [("Data", "")],
                [("Nett", ""), ("Fiber", "")], [("Datasenter", "")], [("Halvlederfabrikk", "")],
            ]
        case .portuguese:
            table = [
                [("Tecnologia", ""), ("Sistemas", ""), ("Digital", "")], [("Nuvem", "")],
                [("Semicondutores", "")], [("Energia", "")], [("Capital", ""), ("Investimentos", "")],
                [("Inteligência Artificial", "Inteligencia Artificial"), ("IA", "")],
                [("Pesquisa", ""), ("Instituto", "")], [("Dados", "")], [("Redes", ""), ("Telecom", "")],
                [("Data Centers", "")], [("Fundição", "Fundicao")],
            ]
        case .chinese:
            table = [
                [("科技", "Technology")], [("云计算", "Cloud Computing"), ("云", "Cloud")],
                [("半导体", "Semiconductor"), ("芯片", "Chips")], [("能源", "Energy"), ("电力", "Power")],
                [("资本", "Capital"), ("投资", "Investment")], [("智能", "Intelligence"), ("人工智能", "AI")],
                [("研究院", "Research Institute")], [("数据", "Data")],
                [("网络", "Networks"), ("通信", "Communications")],
                [("数据中心", "Data Center")], [("晶圆", "Wafer"), ("集成电路", "Integrated Circuits")],
            ]
        case .taiwanese:
            table = [
                [("科技", "Technology")], [("雲端運算", "Cloud Computing")], [("半導體", "Semiconductor")],
                [("能源", "Energy"), ("電力", "Power")], [("資本", "Capital")], [("智能", "Intelligence")],
                [("研究院", "Research Institute")], [("數據", "Data")], [("網路", "Networks")],
                [("數據中心", "Data Center")], [("晶圓", "Wafer")],
            ]
        case .japanese:
            table = [
                [("技研", "Giken"), ("情報システム", "Information Systems")], [("クラウド", "Cloud")],
                [("半導体", "Semiconductor")], [("電力", "Power"), ("エナジー", "Energy")],
                [("キャピタル", "Capital")],
                [("AI", "AI"), ("知能研究", "Intelligence Research")], [("研究所", "Research Institute")],
                [("データ", "Data")], [("ネットワークス", "Networks"), ("通信", "Tsushin")],
                [("データセンター", "Data Center")], [("ファウンドリ", "Foundry")],
            ]
        case .korean:
            table = [
                [("테크", "Tech"), ("시스템", "Systems")], [("클라우드", "Cloud")],
                [("반도체", "Semiconductor")],
                [("에너지", "Energy"), ("전력", "Power")],
                [("인베스트먼트", "Investment"), ("캐피탈", "Capital")],
                [("AI", "AI"), ("지능", "Intelligence")], [("연구소", "Research")], [("데이터", "Data")],
                [("네트웍스", "Networks"), ("통신", "Telecom")], [("데이터센터", "Data Center")],
                [("파운드리", "Foundry")],
            ]
        }
        return table[field.rawValue]
    }

    static func corporateSuffix(_ country: String) -> [String] {
        switch country {
        case "US", "CA": return ["Inc.", "Corp."]
        case "GB", "IN", "SG", "AU": return ["Ltd", "plc"]
        case "ES", "AR", "CL", "CO": return ["S.A.", "S.L."]
        case "MX": return ["S.A. de C.V."]
        case "IT": return ["S.p.A.", "S.r.l."]
        case "DE", "AT": return ["GmbH", "AG", "SE"]
        case "CH": return ["AG", "SA"]
        case "FR", "BE": return ["SAS", "SA"]
        case "DK": return ["ApS", "A/S"]
        case "NO": return ["AS", "ASA"]
        case "SE": return ["AB"]
        case "BR", "PT": return ["Ltda.", "S.A."]
        default: return []
        }
    }

    static func noun(_ kind: CompanyKind) -> (en: String, es: String) {
        switch kind {
        case .bigTech: return ("a technology group", "un grupo tecnológico")
        case .aiLab: return ("an AI lab", "un laboratorio de IA")
        case .chipVendor: return ("a chipmaker", "un fabricante de chips")
        case .cloud: return ("a cloud provider", "un proveedor de nube")
        case .foundry: return ("a chip foundry", "una fundición de chips")
        case .energy: return ("a power company", "una eléctrica")
        case .dataPlatform: return ("a data platform", "una plataforma de datos")
        case .network: return ("a network-equipment maker", "un fabricante de equipos de red")
        case .startup: return ("a startup", "una empresa emergente")
        case .investor: return ("an investment firm", "una firma de inversión")
        case .research: return ("a research institute", "un instituto de investigación")
        case .datacenter: return ("a data-centre operator", "un operador de centros de datos")
        case .other: return ("a company", "una empresa")
        }
    }

    static func unitNoun(_ kind: CompanyKind) -> (en: String, es: String) {
        switch kind {
        case .cloud: return ("cloud", "nube")
        case .research: return ("research", "investigación")
        case .investor: return ("venture-capital", "capital riesgo")
        case .chipVendor: return ("chip", "chips")
        case .datacenter: return ("data-centre", "centros de datos")
        default: return ("AI", "inteligencia artificial")
        }
    }

    static func describe(_ kind: CompanyKind, en country: String, es pais: String, topic: (String, String))
        -> (en: String, es: String)
    {
        switch kind {
        case .bigTech:
            return (
                "A technology group based in \(country) with consumer, cloud and AI businesses.",
                "Grupo tecnológico con sede en \(pais), con negocios de consumo, nube e inteligencia artificial."
            )
        case .aiLab:
            return (
                "An AI lab in \(country) that trains large language models.",
                "Laboratorio de inteligencia artificial de \(pais) que entrena grandes modelos de lenguaje."
            )
        case .chipVendor:
            return (
                "A designer of AI accelerators and networking chips based in \(country).",
                "Diseñador de aceleradores de IA y chips de red con sede en \(pais)."
            )
        case .cloud:
            return (
                "A cloud provider in \(country) that rents out GPU capacity.",
                "Proveedor de nube de \(pais) que alquila capacidad de GPU."
            )
        case .foundry:
            return (
                "A contract chipmaker in \(country) with advanced process nodes.",
                "Fabricante de chips por encargo en \(pais), con nodos de proceso avanzados."
            )
        case .energy:
            return (
                "A power company in \(country) selling nuclear, solar and wind energy to data centres.",
                "Eléctrica de \(pais) que vende energía nuclear, solar y eólica a centros de datos."
            )
        case .dataPlatform:
            return (
                "A data platform from \(country) that licenses text, images and code for AI training.",
                "Plataforma de datos de \(pais) que licencia textos, imágenes y código para entrenar IA."
            )
        case .network:
            return (
                "A maker of network and telecom equipment in \(country).",
                "Fabricante de equipos de red y telecomunicaciones de \(pais)."
            )
        case .startup:
            return (
                "A startup from \(country) working on \(topic.0).",
                "Empresa emergente de \(pais) que trabaja en \(topic.1)."
            )
        case .investor:
            return (
                "An investment firm in \(country) backing AI and infrastructure companies.",
                "Firma de inversión de \(pais) que financia empresas de IA e infraestructura."
            )
        case .research:
            return (
                "A research institute in \(country) working on \(topic.0).",
                "Instituto de investigación de \(pais) dedicado a \(topic.1)."
            )
        case .datacenter:
            return ("A data-centre operator in \(country).", "Operador de centros de datos en \(pais).")
        case .other:
            return (
                "A company from \(country) that works with AI providers.",
                "Empresa de \(pais) que trabaja con proveedores de IA."
            )
        }
    }

    static let topics: [(String, String)] = [
        ("AI agents", "agentes de IA"), ("speech recognition", "reconocimiento de voz"), ("robotics", "robótica"),
        ("computer vision", "visión por computador"), ("drug discovery", "descubrimiento de fármacos"),
        ("chip design software", "software de diseño de chips"), ("liquid cooling", "refrigeración líquida"),
        ("quantum computing", "computación cuántica"), ("cybersecurity", "ciberseguridad"),
        ("language models", "modelos de lenguaje"), ("energy storage", "almacenamiento de energía"),
        ("optical interconnects", "interconexiones ópticas"), ("edge computing", "computación en el borde"),
        ("machine translation", "traducción automática"), ("sovereign cloud", "nube soberana"),
        ("AI chips", "chips de IA"),
    ]

    static let places: [(String, String)] = [
        ("Aragon, Spain", "Aragón, España"), ("Texas", "Texas"), ("Querétaro, Mexico", "Querétaro, México"),
        ("Jutland, Denmark", "Jutlandia, Dinamarca"), ("Johor, Malaysia", "Johor, Malasia"), ("Bavaria", "Baviera"),
        ("Lombardy", "Lombardía"), ("Hokkaido", "Hokkaido"), ("Gyeonggi", "Gyeonggi"),
        ("Inner Mongolia", "Mongolia Interior"), ("Santiago, Chile", "Santiago de Chile"), ("São Paulo", "São Paulo"),
        ("Ohio", "Ohio"), ("Norrland, Sweden", "Norrland, Suecia"), ("Andalusia", "Andalucía"),
        ("Île-de-France", "Isla de Francia"), ("the Øresund region", "la región de Øresund"),
        ("Abu Dhabi", "Abu Dabi"),
    ]

    static let chipProducts = [
        "Astra", "Nébula", "Cirrus", "Quasar", "Tensor", "Orión", "Kappa", "Halcón", "Rayo", "Fénix",
    ]
    static let modelProducts = [
        "Lumen", "Brisa", "Sabio", "Kōan", "Atlas", "Mirlo", "Colibrí", "Tesela", "Prisma", "Eco",
    ]
    static let cloudProducts = ["GPU Cloud", "Sovereign Cloud", "Compute Engine", "AI Studio", "Nube Soberana"]

    /// (name, slug for ids, language)
    static let outlets: [(String, String, String)] = [
        ("Crónica Tecnológica", "cronica", "es"), ("El Observador Digital", "observador", "es"),
        ("Diario de la Nube", "diarionube", "es"), ("Señal Económica", "senal", "es"),
        ("La Gaceta del Silicio", "gaceta", "es"), ("Revista Código Abierto", "codigo", "es"),
        ("Pulso Financiero", "pulso", "es"), ("Noticias de Innovación", "innovacion", "es"),
        ("The Compute Ledger", "ledger", "en"), ("Silicon Weekly Review", "siliconweekly", "en"),
        ("Data Center Dispatch", "dcdispatch", "en"), ("Cloud Street Journal", "cloudstreet", "en"),
        ("The Circuit Observer", "circuit", "en"), ("Grid & Chip", "gridchip", "en"),
    ]
    static let spanishOutlets = outlets.indices.filter { outlets[$0].2 == "es" }
    static let englishOutlets = outlets.indices.filter { outlets[$0].2 == "en" }

    /// (as written, romanised, female)
    static func personNames(_ culture: Culture) -> (given: [(String, String, Bool)], family: [(String, String)]) {
        switch culture {
        case .english:
            return (
                [
                    ("James", "", false), ("Olivia", "", true), ("Priya", "", true), ("Noah", "", false),
                    ("Aisha", "", true), ("Ethan", "", false), ("Grace", "", true), ("Daniel", "", false),
                ],
                [
                    ("Carter", ""), ("Nguyen", ""), ("Patel", ""), ("O'Brien", ""), ("Whitfield", ""), ("Okafor", ""),
                    ("Hughes", ""), ("Adeyemi", ""),
                ]
            )
        case .spanish:
            return (
                [
                    ("José", "Jose", false), ("María", "Maria", true), ("Íñigo", "Inigo", false),
                    ("Begoña", "Begona", true), ("Martín", "Martin", false), ("Lucía", "Lucia", true),
                    ("Raúl", "Raul", false), ("Sofía", "Sofia", true),
                ],
                [
                    ("Muñoz", "Munoz"), ("Peña", "Pena"), ("Ibáñez", "Ibanez"), ("Núñez", "Nunez"),
                    ("Gómez", "Gomez"), ("Castañeda", "Castaneda"), ("Valdés", "Valdes"),
                    ("Echeverría", "Echeverria"),
                ]
            )
        case .italian:
            return (
                [("Niccolò", "Niccolo", false), ("Chiara", "", true), ("Lucrezia", "", true), ("Matteo", "", false)],
                [("Ricci", ""), ("De Luca", ""), ("Esposito", ""), ("Galli", "")]
            )
        case .german:
            return (
                [
                    ("Jürgen", "Jurgen", false), ("Björn", "Bjorn", false), ("Anneliese", "", true),
                    ("Käthe", "Kathe", true),
                ],
                [("Müller", "Muller"), ("Schröder", "Schroder"), ("Weiß", "Weiss"), ("Köhler", "Kohler")]
            )
        case .french:
            return (
                [
                    ("Chloé", "Chloe", true), ("Zoë", "Zoe", true), ("François", "Francois", false),
                    ("Hélène", "Helene", true), ("Noël", "Noel", false),
                ],
                [("Lefèvre", "Lefevre"), ("Béranger", "Beranger"), ("Dubois", ""), ("Mercier", "")]
            )
        case .nordic:
            return (
                [
                    ("Søren", "Soren", false), ("Åsa", "Asa", true), ("Bjørn", "Bjorn", false),
                    ("Märta", "Marta", true),
                ],
                [("Østergaard", "Ostergaard"), ("Åberg", "Aberg"), ("Løvland", "Lovland"), ("Sjöberg", "Sjoberg")]
            )
        case .portuguese:
            return (
                [
                    ("João", "Joao", false), ("Conceição", "Conceicao", true), ("Luís", "Luis", false),
                    ("Antônia", "Antonia", true),
                ],
                [("Gonçalves", "Goncalves"), ("Simões", "Simoes"), ("Araújo", "Araujo"), ("Magalhães", "Magalhaes")]
            )
        case .chinese, .taiwanese:
            return (
                [
                    ("明华", "Minghua", false), ("晓燕", "Xiaoyan", true), ("志强", "Zhiqiang", false),
                    ("雨桐", "Yutong", true), ("思远", "Siyuan", false),
                ],
                [("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("陈", "Chen"), ("刘", "Liu")]
            )
        case .japanese:
            return (
                [
                    ("健", "Ken", false), ("花子", "Hanako", true), ("大輔", "Daisuke", false),
                    ("由美", "Yumi", true),
                ],
                [("佐藤", "Sato"), ("鈴木", "Suzuki"), ("高橋", "Takahashi"), ("田中", "Tanaka")]
            )
        case .korean:
            return (
                [
                    ("민준", "Min-jun", false), ("서연", "Seo-yeon", true), ("지훈", "Ji-hoon", false),
                    ("하은", "Ha-eun", true),
                ],
                [("김", "Kim"), ("이", "Lee"), ("박", "Park"), ("최", "Choi")]
            )
        }
    }

    /// (English, Spanish for a man, Spanish for a woman)
    static let executiveRoles: [(String, String, String)] = [
        ("Chief Executive Officer", "consejero delegado", "consejera delegada"),
        ("Chief Technology Officer", "director de tecnología", "directora de tecnología"),
        ("Chief Financial Officer", "director financiero", "directora financiera"),
        ("Head of AI research", "responsable de investigación en IA", "responsable de investigación en IA"),
        ("Head of infrastructure", "jefe de infraestructura", "jefa de infraestructura"),
        ("Founder", "fundador", "fundadora"),
    ]
    static let outsideRoles: [(String, String, String)] = [
        ("Analyst", "analista", "analista"),
        ("Professor of computer science", "catedrático de informática", "catedrática de informática"),
    ]
    static let institutions = [
        "Universidad de Alborán", "Politecnico di Laguna", "Technische Hochschule Nordlicht",
        "Institut Élan", "星海大学", "Øresund Tekniske Skole", "Meridian Research",
    ]
    static let registries: [(String, String)] = [
        ("Registro Mercantil Sintético", "Inscripción"), ("Synthetic Securities Filings", "Filing"),
        ("Boletín Oficial de Empresas Ficticias", "Anuncio"),
    ]
    static let markets: [(String, String)] = [
        ("AI accelerators", "aceleradores de IA"), ("data-centre GPUs", "GPU para centros de datos"),
        ("AI servers", "servidores de IA"), ("custom AI-server chips", "chips a medida para servidores de IA"),
        ("HBM memory", "memoria HBM"),
    ]
    static let analysts = [
        "Meridian Research", "Análisis Ficticio", "Nordlicht Marktforschung", "Ça Calcule Études",
        "星海咨询", "Grid & Chip Research",
    ]
}

/// Folds the accented Latin letters the vocabulary uses to ASCII, for ids and aliases.
private func fold(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for ch in s.unicodeScalars {
        switch ch {
        case "á", "à", "â", "ä", "ã", "å": out += "a"
        case "Á", "À", "Â", "Ä", "Ã", "Å": out += "A"
        case "é", "è", "ê", "ë": out += "e"
        case "É", "È", "Ê", "Ë": out += "E"
        case "í", "ì", "î", "ï": out += "i"
        case "Í", "Ì", "Î", "Ï": out += "I"
        case "ó", "ò", "ô", "ö", "õ", "ø", "ō": out += "o"
        case "Ó", "Ò", "Ô", "Ö", "Õ", "Ø": out += "O"
        case "ú", "ù", "û", "ü": out += "u"
        case "Ú", "Ù", "Û", "Ü": out += "U"
        case "ñ": out += "n"
        case "Ñ": out += "N"
        case "ç": out += "c"
        case "Ç": out += "C"
        case "ß": out += "ss"
        case "æ": out += "ae"
        case "Æ": out += "Ae"
        default: out.unicodeScalars.append(ch)
        }
    }
    return out
}

/// A lowercase slug of ASCII text, at most `limit` characters, cut at a word boundary when it can be.
private func slug(_ s: String, limit: Int = 80) -> String {
    var bytes: [UInt8] = []
    var dash = false
    for b in fold(s).utf8 {
        let lower = (b >= 0x41 && b <= 0x5A) ? b + 0x20 : b
        if (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) {
            if dash && !bytes.isEmpty { bytes.append(0x2D) }
            dash = false
            bytes.append(lower)
        } else {
            dash = true
        }
    }
    if bytes.count > limit {
        bytes.removeLast(bytes.count - limit)
        if let cut = bytes.lastIndex(of: 0x2D), cut >= limit / 2 { bytes.removeLast(bytes.count - cut) }
    }
    while bytes.last == 0x2D { bytes.removeLast() }
    return String(decoding: bytes, as: UTF8.self)
}

// MARK: - Numbers in words

private enum Words {
    static func decimal(_ value: Double, separator: String) -> String {
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? String(tenths / 10) : "\(tenths / 10)\(separator)\(tenths % 10)"
    }

    /// 38000 → "38,000" (English) or "38.000" (Spanish).
    static func grouped(_ n: Int, _ separator: String) -> String {
        let digits = String(n)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += separator }
            out.append(ch)
        }
        return out
    }

    static func years(_ t: Double) -> String { decimal(t, separator: ".") }

    /// "$3.2B" for headlines.
    static func short(_ a: Amount) -> String {
        let v = a.value
        let (scaled, unit) = v >= 1e9 ? (v / 1e9, "B") : v >= 1e6 ? (v / 1e6, "M") : (v / 1e3, "K")
        return Vocabulary.symbolEn(a.currency) + decimal(scaled, separator: ".") + unit
    }

    /// "up to $10 billion a year for 7 years (estimated)"
    static func en(_ a: Amount) -> String {
        let v = a.value
        let (scaled, unit) =
            v >= 1e9 ? (v / 1e9, " billion") : v >= 1e6 ? (v / 1e6, " million") : (v / 1e3, " thousand")
        var s = ""
        switch a.bound {
        case .exact: break
        case .about: s += "about "
        case .upTo: s += "up to "
        case .atLeast: s += "at least "
        case .moreThan: s += "more than "
        }
        s += Vocabulary.symbolEn(a.currency) + decimal(scaled, separator: ".") + unit
        if a.per == .year { s += " a year" }
        if let t = a.termYears { s += " over \(years(t)) years" }
        if a.estimated { s += " (estimated)" }
        return s
    }

    /// "hasta 10.000 millones de dólares al año durante 7 años (estimación)"
    static func es(_ a: Amount) -> String {
        let v = a.value
        var s = ""
        switch a.bound {
        case .exact: break
        case .about: s += "unos "
        case .upTo: s += "hasta "
        case .atLeast: s += "al menos "
        case .moreThan: s += "más de "
        }
        let name = Vocabulary.currencyNameEs(a.currency)
        if v >= 1e6 {
            let millions = v / 1e6
            if millions.rounded() == millions {
                let m = Int(millions)
                s += m == 1 ? "1 millón de \(name)" : "\(grouped(m, ".")) millones de \(name)"
            } else {
                s += "\(decimal(millions, separator: ",")) millones de \(name)"
            }
        } else {
            s += "\(grouped(Int(v), ".")) \(name)"
        }
        if a.per == .year { s += " al año" }
        if let t = a.termYears { s += " durante \(decimal(t, separator: ",")) años" }
        if a.estimated { s += " (estimación)" }
        return s
    }
}

// MARK: - The world a seed makes

/// Draws indices with weight 1/(rank + 3) for 70% of draws and uniformly for the rest: a few hubs, a long tail
/// in which most members still appear.
private struct Sampler {
    let members: [Int32]
    let cumulative: [Double]

    init(_ members: [Int32]) {
        self.members = members
        var total = 0.0
        var cumulative: [Double] = []
        cumulative.reserveCapacity(members.count)
        for rank in members.indices {
            total += 1.0 / Double(rank + 3)
            cumulative.append(total)
        }
        self.cumulative = cumulative
    }

    var isEmpty: Bool { members.isEmpty }

    func draw(_ rng: inout Xoshiro256StarStar) -> Int {
        if rng.below(10) < 3 { return Int(members[rng.below(members.count)]) }
        let target = rng.unit() * cumulative[cumulative.count - 1]
        var low = 0, high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] > target { high = mid } else { low = mid + 1 }
        }
        return Int(members[low])
    }
}

/// Kinds of company that play a part in a kind of deal.
private enum Pool: Int, CaseIterable {
    case labs, investors, targets, clouds, chips, data, energy, infrastructure

    var kinds: [CompanyKind] {
        switch self {
        case .labs: return [.aiLab, .startup]
        case .investors: return [.investor, .bigTech, .chipVendor, .cloud]
        case .targets: return [.startup, .aiLab, .dataPlatform, .research, .network]
        case .clouds: return [.cloud, .bigTech, .datacenter]
        case .chips: return [.chipVendor, .foundry]
        case .data: return [.dataPlatform, .research, .other]
        case .energy: return [.energy]
        case .infrastructure: return [.cloud, .bigTech, .datacenter, .energy, .investor]
        }
    }
}

private struct CompanyInfo {
    var culture: Culture
    var country: Int
    /// The name without what the company does ("深圳星辰", "Alborán"), for the names of its units.
    var stem: String
    var stemRoman: String
    /// The name as Latin-script articles write it.
    var latinName: String
    /// The start of its id, for the ids of its alliances.
    var shortID: String
}

private struct Skeleton {
    var index: Int
    var kind: AllianceKind
    var status: AllianceStatus
    var parties: [Party]
    var members: [Int]
    var amounts: [Amount]
    var date: DatedEvent?
    /// What a partnership is about and where joint infrastructure is built: (English, Spanish).
    var topic: (String, String)
    var place: (String, String)
}

/// "Acme's", "Yarora Data Centers'".
private func possessive(_ name: String) -> String { name.hasSuffix("s") ? name + "'" : name + "'s" }

private final class World {
    static let articlesPerAlliance = 4

    enum Stream: UInt64 { case companies = 1, alliances, articles, people, claims, shares, groups }

    let seed: UInt64
    let allianceCount: Int
    let articleCount: Int
    var companies: [Company] = []
    var info: [CompanyInfo] = []
    private var global = Sampler([])
    private var pools: [Sampler] = []

    init(_ generator: DatasetGenerator) {
        seed = generator.seed
        allianceCount = generator.alliances
        articleCount = (generator.alliances + World.articlesPerAlliance - 1) / World.articlesPerAlliance
        makeCompanies(generator.companies)
        global = Sampler((0..<generator.companies).map { Int32($0) })
        pools = Pool.allCases.map { pool in
            Sampler(companies.indices.filter { pool.kinds.contains(companies[$0].kind) }.map { Int32($0) })
        }
    }

    func rng(_ stream: Stream, _ index: Int) -> Xoshiro256StarStar {
        Xoshiro256StarStar(seed: SplitMix64.mix(seed ^ SplitMix64.mix(stream.rawValue << 48 ^ UInt64(index))))
    }

    // MARK: Companies

    private static let hubKinds: [CompanyKind] = [
        .bigTech, .cloud, .chipVendor, .aiLab, .energy, .dataPlatform, .investor, .foundry, .datacenter, .bigTech,
        .aiLab, .network, .research, .cloud, .chipVendor, .startup, .energy, .investor, .dataPlatform, .other,
    ]
    private static let tailKinds: [CompanyKind] = [
        .startup, .other, .aiLab, .investor, .dataPlatform, .datacenter, .energy, .cloud, .chipVendor, .network,
        .research, .foundry, .bigTech,
    ]
    private static let tailWeights = [33, 8, 10, 10, 8, 6, 6, 4, 4, 4, 4, 1, 2]
    private static let unitKinds: [CompanyKind] = [.cloud, .research, .investor, .chipVendor, .datacenter, .aiLab]

    private static func field(_ kind: CompanyKind, _ rng: inout Xoshiro256StarStar) -> Field {
        switch kind {
        case .bigTech, .other: return .generic
        case .aiLab: return .ai
        case .chipVendor: return .chips
        case .cloud: return .cloud
        case .foundry: return .foundry
        case .energy: return .energy
        case .dataPlatform: return .data
        case .network: return .network
        case .startup: return rng.pick([.generic, .ai, .data, .generic])
        case .investor: return .capital
        case .research: return .research
        case .datacenter: return .datacenter
        }
    }

    /// A stem in a culture: (as written, romanised).
    private static func stem(_ culture: Culture, _ rng: inout Xoshiro256StarStar) -> (String, String) {
        func latin(_ list: [String]) -> (String, String) { let s = rng.pick(list); return (s, fold(s)) }
        switch culture {
        case .english:
            let s =
                rng.pick(Vocabulary.englishStart) + rng.pick(Vocabulary.englishMiddle) + rng.pick(Vocabulary.englishEnd)
            return (s, s)
        case .spanish: return latin(Vocabulary.spanishStems)
        case .italian: return latin(Vocabulary.italianStems)
        case .german: return latin(Vocabulary.germanStems)
        case .french: return latin(Vocabulary.frenchStems)
        case .nordic: return latin(Vocabulary.nordicStems)
        case .portuguese: return latin(Vocabulary.portugueseStems)
        case .chinese, .taiwanese:
            let traditional = culture == .taiwanese
            let first = Vocabulary.hanFirst.filter { !traditional || $0.2 }
            let second = Vocabulary.hanSecond.filter { !traditional || $0.2 }
            let a = rng.pick(first), b = rng.pick(second)
            var name = a.0 + b.0, roman = a.1 + b.1
            if rng.chance(35) {
                let city = rng.pick(traditional ? Vocabulary.taiwaneseCities : Vocabulary.chineseCities)
                name = city.0 + name; roman = city.1 + " " + roman
            }
            return (name, roman)
        case .japanese:
            return rng.pick(Vocabulary.japaneseStems)
        case .korean:
            let s = rng.pick(Vocabulary.koreanStems)
            return rng.chance(25) ? ("한국" + s.0, "Korea " + s.1) : s
        }
    }

    /// A company name from a stem and a field: (as written, romanised).
    private static func name(
        stem: (String, String), culture: Culture, country: String, field: Field,
        _ rng: inout Xoshiro256StarStar
    ) -> (String, String) {
        let term = rng.pick(Vocabulary.terms(culture, field))
        let termRoman = term.1.isEmpty ? term.0 : term.1
        var name: String, roman: String
        switch culture {
        case .english, .german, .nordic:
            name = "\(stem.0) \(term.0)"; roman = "\(stem.1) \(termRoman)"
        case .spanish, .portuguese, .french:
            if rng.chance(50) {
                name = "\(term.0) \(stem.0)"; roman = "\(termRoman) \(stem.1)"
            } else {
                name = "\(stem.0) \(term.0)"; roman = "\(stem.1) \(termRoman)"
            }
            if culture == .french && rng.chance(20) && !stem.0.hasPrefix("Ça") {
                name = "Société " + name; roman = "Societe " + roman
            }
        case .italian:
            switch rng.below(3) {
            case 0: name = "Società \(stem.0) di \(term.0)"; roman = "Societa \(stem.1) di \(termRoman)"
            case 1: name = "\(term.0) \(stem.0)"; roman = "\(termRoman) \(stem.1)"
            default: name = "\(stem.0) \(term.0)"; roman = "\(stem.1) \(termRoman)"
            }
        case .chinese, .taiwanese, .korean:
            name = stem.0 + term.0; roman = "\(stem.1) \(termRoman)"
        case .japanese:
            if rng.chance(50) {
                name = "株式会社" + stem.0 + term.0; roman = "\(stem.1) \(termRoman) K.K."
            } else {
                name = stem.0 + term.0 + "株式会社"; roman = "\(stem.1) \(termRoman) Co., Ltd."
            }
        }
        let suffixes = Vocabulary.corporateSuffix(country)
        if !suffixes.isEmpty && rng.chance(30) {
            let suffix = rng.pick(suffixes)
            name += " " + suffix; roman += " " + suffix
        }
        return (name, roman)
    }

    private func makeCompanies(_ count: Int) {
        companies.reserveCapacity(count)
        info.reserveCapacity(count)
        var taken: [String: Int] = [:]
        for i in 0..<count {
            var rng = rng(.companies, i)
            var kind: CompanyKind
            var parent: Int?
            if i >= 12 && rng.chance(4) {
                let top = min(i, 60)
                parent = rng.below(rng.below(top) + 1)
                kind = rng.pick(World.unitKinds)
            } else if i < World.hubKinds.count {
                kind = World.hubKinds[i]
            } else {
                kind = World.tailKinds[rng.weighted(World.tailWeights)]
            }
            let country: Int
            let stem: (String, String)
            let culture: Culture
            if let parent {
                country = info[parent].country
                culture = info[parent].culture
                stem = (info[parent].stem, info[parent].stemRoman)
            } else {
                country = rng.weighted(Vocabulary.countryWeights)
                culture = Vocabulary.countries[country].culture
                stem = World.stem(culture, &rng)
            }
            let place = Vocabulary.countries[country]
            let field = World.field(kind, &rng)
            let (name, roman) = World.name(stem: stem, culture: culture, country: place.code, field: field, &rng)

            var id = slug(roman, limit: 32)
            if id.isEmpty { id = "company" }
            if let n = taken[id] {
                taken[id] = n + 1
                id += "-\(n + 1)"
            } else {
                taken[id] = 1
            }
            var aliases: [String] = []
            if roman != name { aliases.append(roman) }
            let initials = roman.split(separator: " ").compactMap { word in
                word.first.flatMap { $0.isUppercase ? $0 : nil }
            }
            if initials.count >= 2 && initials.count <= 5 && rng.chance(20) { aliases.append(String(initials)) }

            let topic = rng.pick(Vocabulary.topics)
            var description = Vocabulary.describe(kind, en: place.en, es: place.es, topic: topic)
            if let parent {
                let unit = Vocabulary.unitNoun(kind)
                description = (
                    "The \(unit.en) unit of \(companies[parent].name), based in \(place.en).",
                    "La división de \(unit.es) de \(companies[parent].name), con sede en \(place.es)."
                )
            } else if rng.chance(40) {
                let year = rng.between(1975, 2023)
                description.en += " Founded in \(year)."
                description.es += " Fundada en \(year)."
            }
            var products: [String] = []
            if rng.chance(45) {
                let count = rng.between(1, 3)
                for _ in 0..<count {
                    let product: String
                    switch kind {
                    case .chipVendor, .foundry:
                        product =
                            """
                            \(rng.pick(Vocabulary.chipProducts)) \
                            \(rng.pick(["X", "H", "T", "M", "Z"]))\
                            \(rng.pick([100, 200, 300, 400, 500, 800, 900, 1000]))
                            """
                    case .aiLab:
                        product =
                            """
                            \(rng.pick(Vocabulary.modelProducts)) \
                            \(rng.pick(["1", "2", "3", "3.5", "4", "Pro", "Mini", "Ultra"]))
                            """
                    case .cloud, .bigTech, .datacenter:
                        product =
                            """
                            \(stem.1.split(separator: " ").last.map(String.init) ?? stem.1) \
                            \(rng.pick(Vocabulary.cloudProducts))
                            """
                    default:
                        continue
                    }
                    if !products.contains(product) { products.append(product) }
                }
            }
            var sources: [SourceQuote] = []
            if articleCount > 0 && rng.chance(30) {
                let article = rng.below(articleCount)
                let latin = culture.isCJK && !aliases.isEmpty ? aliases[0] : name
                let noun = Vocabulary.noun(kind)
                let quote =
                    articleLanguage(article) == "es"
                    ? "\(latin), \(noun.es) de \(place.es),"
                    : "\(latin), \(noun.en) based in \(place.en),"
                sources.append(SourceQuote(article: articleID(article), quote: quote))
            }
            var citations: [Citation] = []
            if parent != nil && rng.chance(20) {
                let registry = rng.pick(Vocabulary.registries)
                citations.append(
                    Citation(
                        publisher: registry.0, title: "\(registry.1) \(rng.between(10_000, 99_999))",
                        published: PartialDate(year: rng.between(2010, 2025)), supports: "parent"))
            }
            let latinName = culture.isCJK ? roman : name
            companies.append(
                Company(
                    id: id, name: name, aliases: aliases, kind: kind, country: place.code,
                    parent: parent.map { companies[$0].id },
                    description: LocalizedText(en: description.en, es: description.es),
                    groups: World.groups(of: i, country: place.code, &rng), products: products,
                    sources: sources, citations: citations))
            info.append(
                CompanyInfo(
                    culture: culture, country: country, stem: stem.0, stemRoman: stem.1,
                    latinName: latinName, shortID: slug(id, limit: 16)))
        }
    }

    private static func groups(of index: Int, country: String, _ rng: inout Xoshiro256StarStar) -> [String] {
        var groups: [String] = []
        if index < 20 { groups.append("hubs") }
        if (country == "ES" || country == "PT") && index < 5000 && rng.chance(30) { groups.append("consorcio-iberico") }
        return groups
    }

    func groups() -> [Group] {
        [
            Group(
                id: "hubs", name: "Synthetic hubs",
                description: LocalizedText(
                    en:
                        "The twenty most connected companies of this generated dataset. "
                        + "Every name and fact in it is invented.",
                    es:
                        "Las veinte empresas más conectadas de este conjunto generado. "
                        + "Todos sus nombres y datos son inventados."
                )),
            Group(
                id: "consorcio-iberico", name: "Consorcio Ibérico de Cómputo",
                description: LocalizedText(
                    en: "An invented consortium of Spanish and Portuguese companies sharing AI compute.",
                    es: "Un consorcio inventado de empresas españolas y portuguesas que comparten cómputo para IA.")),
        ]
    }

    // MARK: Alliances

    private static let kindWeights = [18, 16, 10, 8, 7, 9, 7, 8, 17]  // AllianceKind.allCases order
    private static let statusWeights = [5, 7, 8, 24, 30, 18, 8]  // AllianceStatus.allCases order
    private static let yearWeights = (0..<21).map { ($0 + 1) * ($0 + 1) }  // 2005…2025, more recent more often

    private func pick(_ pool: Pool, _ rng: inout Xoshiro256StarStar, avoiding taken: [Int]) -> Int {
        let sampler = pools[pool.rawValue]
        for attempt in 0..<8 {
            let candidate =
                (!sampler.isEmpty && (attempt < 4 && rng.chance(90))) ? sampler.draw(&rng) : global.draw(&rng)
            if !taken.contains(candidate) { return candidate }
        }
        var candidate = rng.below(companies.count)
        while taken.contains(candidate) { candidate = (candidate + 1) % companies.count }
        return candidate
    }

    private func money(_ rng: inout Xoshiro256StarStar, low: Int, high: Int, currency: String) -> Double {
        let exponent = low + min(rng.below(high - low + 1), rng.below(high - low + 1))
        let mantissa = rng.pick([10, 12, 15, 18, 20, 25, 30, 35, 40, 45, 50, 60, 70, 75, 80, 90])
        var value = Double(mantissa)
        for _ in 0..<(exponent - 1) { value *= 10 }
        return value * Vocabulary.perDollar(currency)
    }

    private func date(_ status: AllianceStatus, _ rng: inout Xoshiro256StarStar) -> DatedEvent? {
        if rng.chance(4) { return nil }
        let year: Int
        switch status {
        case .predicted: year = rng.between(2026, 2030)
        case .rumoured, .inTalks: year = rng.between(2022, 2025)
        default: year = 2005 + rng.weighted(World.yearWeights)
        }
        let event: DateEvent
        switch status {
        case .predicted: event = .expected
        case .rumoured: event = .reported
        case .inTalks: event = rng.chance(70) ? .reported : .announced
        case .announced: event = .announced
        case .active: event = rng.chance(40) ? .signed : .announced
        case .completed: event = rng.chance(70) ? .closed : .signed
        case .ended: event = rng.chance(50) ? .signed : .announced
        }
        let precision = rng.below(10)
        if precision < 2 { return DatedEvent(PartialDate(year: year), event) }
        let month = rng.between(1, 12)
        if precision < 5 { return DatedEvent(PartialDate(year: year, month: month), event) }
        let day = rng.between(1, PartialDate.daysIn(month: month, year: year))
        return DatedEvent(PartialDate(year: year, month: month, day: day), event)
    }

    private func skeleton(_ i: Int) -> (Skeleton, Xoshiro256StarStar) {
        var rng = rng(.alliances, i)
        let kinds = AllianceKind.allCases, statuses = AllianceStatus.allCases
        // The first 63 alliances go through every pair of kind and status, so even a tiny dataset has them all.
        var kind = i < 63 ? kinds[i % kinds.count] : kinds[rng.weighted(World.kindWeights)]
        var status = i < 63 ? statuses[i % statuses.count] : statuses[rng.weighted(World.statusWeights)]
        if i >= 63 && kind == .acquisition && rng.chance(50) { status = .completed }
        if companies.count < 2 { kind = .partnership }

        var members: [Int] = []
        var roles: [PartyRole] = []
        func add(_ pool: Pool, _ role: PartyRole) {
            members.append(pick(pool, &rng, avoiding: members))
            roles.append(role)
        }
        let limit = companies.count
        switch kind {
        case .investment:
            add(.labs, .investee)
            let investors = min(limit - 1, rng.chance(70) ? 1 : rng.chance(65) ? 2 : 3)
            for _ in 0..<investors { add(.investors, .investor) }
            members.append(members.removeFirst()); roles.append(roles.removeFirst())
        case .cloudContract: add(.labs, .customer); add(.clouds, .supplier)
        case .chipSupply: add(.clouds, .customer); add(.chips, .supplier)
        case .dataLicensing: add(.labs, .customer); add(.data, .supplier)
        case .modelDistribution:
            if rng.chance(60) {
                add(.clouds, .partner); add(.labs, .partner)
            } else {
                add(.clouds, .customer); add(.labs, .supplier)
            }
        case .acquisition: add(.investors, .acquirer); add(.targets, .target)
        case .energy: add(.clouds, .customer); add(.energy, .supplier)
        case .jointInfrastructure:
            let count = min(limit, rng.chance(60) ? 2 : rng.chance(60) ? 3 : 4)
            for _ in 0..<count { add(.infrastructure, .partner) }
        case .partnership:
            let count = min(limit, rng.chance(80) ? 2 : 3)
            for _ in 0..<count { add(rng.chance(50) ? .labs : .clouds, .partner) }
        }

        // Money: mostly dollars; otherwise the currency of whoever is paid.
        let payee = zip(members, roles).first { $0.1.moneyDirection == .receives }?.0 ?? members[members.count - 1]
        let local = Vocabulary.countries[info[payee].country].currency
        let currency = rng.chance(84) ? "USD" : (local == "USD" ? "EUR" : local)
        var amounts: [Amount] = []
        let disclosed: Int
        switch kind {
        case .investment, .acquisition: disclosed = 80
        case .cloudContract, .chipSupply, .energy, .dataLicensing: disclosed = 70
        case .jointInfrastructure: disclosed = 60
        case .modelDistribution: disclosed = 25
        case .partnership: disclosed = 12
        }
        if rng.chance(disclosed) {
            var amount: Amount
            switch kind {
            case .investment, .partnership, .modelDistribution:
                amount = Amount(value: money(&rng, low: 6, high: 10, currency: currency), currency: currency)
                if kind == .investment && rng.chance(3) { amount.cumulative = true }
            case .acquisition:
                amount = Amount(value: money(&rng, low: 7, high: 10, currency: currency), currency: currency)
            case .cloudContract, .chipSupply:
                if kind == .cloudContract && rng.chance(35) {
                    amount = Amount(
                        value: money(&rng, low: 7, high: 9, currency: currency), currency: currency, per: .year)
                    if rng.chance(80) { amount.termYears = Double(rng.pick([2, 3, 4, 5, 7, 10])) }
                } else {
                    amount = Amount(value: money(&rng, low: 7, high: 10, currency: currency), currency: currency)
                    if rng.chance(30) { amount.termYears = rng.pick([2.5, 3, 5, 6, 7, 8]) }
                }
            case .dataLicensing:
                amount = Amount(
                    value: money(&rng, low: 6, high: 8, currency: currency), currency: currency,
                    per: rng.chance(60) ? .year : .total)
                if amount.per == .year && rng.chance(60) { amount.termYears = Double(rng.between(2, 5)) }
            case .energy:
                amount = Amount(
                    value: money(&rng, low: 7, high: 9, currency: currency), currency: currency,
                    per: rng.chance(70) ? .year : .total)
                if rng.chance(80) { amount.termYears = Double(rng.pick([10, 12, 15, 20, 25])) }
            case .jointInfrastructure:
                amount = Amount(value: money(&rng, low: 8, high: 10, currency: currency), currency: currency)
            }
            amount.bound = Bound.allCases[rng.weighted([62, 15, 9, 7, 7])]
            if rng.chance(8) { amount.estimated = true }
            amounts.append(amount)
            // Money both ways: the supplier also invests in its customer, or each partner pays its share.
            if kind == .cloudContract && rng.chance(4) {
                var equity = Amount(value: money(&rng, low: 8, high: 10, currency: currency), currency: currency)
                equity.from = companies[members[1]].id
                equity.to = companies[members[0]].id
                equity.note = "equity investment by the supplier in its customer"
                amounts[0].note = "compute purchased"
                amounts.append(equity)
            } else if kind == .jointInfrastructure && rng.chance(12) {
                amounts[0].from = companies[members[0]].id
                amounts[0].to = companies[members[1]].id
                amounts[0].note = "\(possessive(companies[members[0]].name)) contribution"
            }
        }
        let parties = zip(members, roles).map { Party(companies[$0.0].id, $0.1) }
        let skeleton = Skeleton(
            index: i, kind: kind, status: status, parties: parties, members: members,
            amounts: amounts, date: date(status, &rng), topic: rng.pick(Vocabulary.topics),
            place: rng.pick(Vocabulary.places))
        return (skeleton, rng)
    }

    private static func kindSlug(_ kind: AllianceKind) -> String {
        switch kind {
        case .investment: return "inv"
        case .cloudContract: return "cloud"
        case .chipSupply: return "chips"
        case .dataLicensing: return "data"
        case .modelDistribution: return "models"
        case .acquisition: return "acq"
        case .energy: return "energy"
        case .jointInfrastructure: return "infra"
        case .partnership: return "partner"
        }
    }

    private func allianceID(_ s: Skeleton) -> String {
        """
        \(info[s.members[0]].shortID)-\(info[s.members[s.members.count - 1]].shortID)-\(World.kindSlug(s.kind))-\
        \(s.index + 1)
        """
    }

    /// The name of a company as an article in `language` writes it (CJK names often romanised in Latin text).
    private func written(_ c: Int, _ language: String, _ rng: inout Xoshiro256StarStar) -> String {
        info[c].culture.isCJK && rng.chance(60) ? info[c].latinName : companies[c].name
    }

    private func list(_ names: [String], and: String) -> String {
        names.count <= 1
            ? (names.first ?? "") : names.dropLast().joined(separator: ", ") + " \(and) " + names[names.count - 1]
    }

    private func title(_ s: Skeleton, _ rng: inout Xoshiro256StarStar) -> LocalizedText {
        // The first party and, for an investment, the investee (listed last, after its investors).
        let a = companies[s.members[0]].name
        let b = companies[s.members[s.kind == .investment ? s.members.count - 1 : 1]].name
        let amount = s.amounts.first
        let variant = rng.below(2)
        let place = s.place, topic = s.topic
        var en: String, es: String
        switch s.kind {
        case .investment:
            if variant == 0 {
                en = amount.map { "\(a) invests \(Words.short($0)) in \(b)" } ?? "\(a) invests in \(b)"
                es = "\(a) invierte en \(b)"
            } else {
                en = amount.map { "\(b) raises \(Words.short($0)) from \(a)" } ?? "\(b) raises funding from \(a)"
                es = "\(b) recibe una inversión de \(a)"
            }
        case .cloudContract:
            if variant == 0 {
                en =
                    amount.map { "\(a) signs \(Words.short($0)) cloud deal with \(b)" }
                    ?? "\(a) signs cloud deal with \(b)"
                es = "\(a) firma un contrato de nube con \(b)"
            } else {
                en = "\(a) rents GPU capacity from \(b)"
                es = "\(a) alquila capacidad de GPU a \(b)"
            }
        case .chipSupply:
            if variant == 0 {
                en = "\(b) to supply AI chips to \(a)"; es = "\(b) suministrará chips de IA a \(a)"
            } else {
                en = "\(a) buys \(possessive(b)) accelerators"; es = "\(a) compra aceleradores de \(b)"
            }
        case .dataLicensing:
            if variant == 0 {
                en = "\(a) licenses \(possessive(b)) data for AI training";
                es = "\(a) licencia los datos de \(b) para entrenar su IA"
            } else {
                en = "Data deal between \(a) and \(b)"; es = "Acuerdo de datos entre \(a) y \(b)"
            }
        case .modelDistribution:
            if variant == 0 {
                en = "\(a) offers \(possessive(b)) models on its cloud";
                es = "\(a) ofrecerá los modelos de \(b) en su nube"
            } else {
                en = "\(a) and \(b) team up to distribute AI models";
                es = "\(a) y \(b) se alían para distribuir modelos de IA"
            }
        case .acquisition:
            if variant == 0, let amount {
                en = "\(a) buys \(b) for \(Words.short(amount))"; es = "\(a) compra \(b)"
            } else {
                en = "\(a) acquires \(b)"; es = "\(a) adquiere \(b)"
            }
        case .energy:
            if variant == 0 {
                en = "\(a) signs power deal with \(b)"; es = "\(a) firma un acuerdo de energía con \(b)"
            } else {
                en = "\(b) to power \(possessive(a)) data centres";
                es = "\(b) dará energía a los centros de datos de \(a)"
            }
        case .jointInfrastructure:
            if variant == 0 {
                en = "\(a) and \(b) build a data centre in \(place.0)";
                es = "\(a) y \(b) construirán un centro de datos en \(place.1)"
            } else {
                en = "\(a) and \(b) plan an AI supercomputer"; es = "\(a) y \(b) planean un superordenador de IA"
            }
        case .partnership:
            en = "\(a) and \(b) team up on \(topic.0)"; es = "Alianza entre \(a) y \(b) en \(topic.1)"
        }
        switch s.status {
        case .rumoured: en = "Report: " + en; es = "Rumor: " + es
        case .inTalks: en = "In talks: " + en; es = "En negociación: " + es
        case .predicted: en = "Forecast: " + en; es = "Previsión: " + es
        default: break
        }
        return LocalizedText(en: en, es: es)
    }

    private func summary(_ s: Skeleton) -> LocalizedText {
        let names = s.members.map { companies[$0].name }
        let a = names[0]
        let amount = s.amounts.first
        var en: String, es: String
        switch s.kind {
        case .investment, .acquisition:
            let investee = s.members[s.members.count - 1]
            let target = names[names.count - 1]
            let payers = Array(names.dropLast())
            let noun = Vocabulary.noun(companies[investee].kind)
            let place = Vocabulary.countries[info[investee].country]
            let withEn = payers.count > 1 ? ", together with \(list(Array(payers.dropFirst()), and: "and"))," : ""
            let withEs = payers.count > 1 ? ", junto con \(list(Array(payers.dropFirst()), and: "y"))," : ""
            let verbs: (String, String)
            if s.kind == .investment {
                switch s.status {
                case .predicted: verbs = ("is expected to invest", "invertiría")
                case .rumoured: verbs = ("is reported to be investing", "estaría invirtiendo")
                case .inTalks: verbs = ("is in talks to invest", "negocia invertir")
                case .announced: verbs = ("will invest", "invertirá")
                case .active: verbs = ("has invested", "ha invertido")
                case .completed, .ended: verbs = ("invested", "invirtió")
                }
                en =
                    """
                    \(payers[0])\(withEn) \(verbs.0) \(amount.map(Words.en) ?? "an undisclosed sum") in \(target), \
                    \(noun.en) from \(place.en).
                    """
                es =
                    """
                    \(payers[0])\(withEs) \(verbs.1) \(amount.map(Words.es) ?? "una cantidad no revelada") en \
                    \(target), \(noun.es) de \(place.es).
                    """
            } else {
                switch s.status {
                case .predicted: verbs = ("is expected to acquire", "compraría")
                case .rumoured: verbs = ("is reported to be buying", "estaría comprando")
                case .inTalks: verbs = ("is in talks to acquire", "negocia comprar")
                case .announced: verbs = ("agreed to acquire", "acordó comprar")
                case .active: verbs = ("has acquired", "ha comprado")
                case .completed, .ended: verbs = ("acquired", "compró")
                }
                en =
                    """
                    \(a) \(verbs.0) \(target), \(noun.en) from \
                    \(place.en)\(amount.map { ", for " + Words.en($0) } ?? "").
                    """
                es =
                    """
                    \(a) \(verbs.1) \(target), \(noun.es) de \
                    \(place.es)\(amount.map { ", por " + Words.es($0) } ?? "").
                    """
            }
        default:
            let verbs: (String, String)
            switch s.status {
            case .predicted: verbs = ("are expected to sign", "firmarían")
            case .rumoured: verbs = ("are reported to have agreed", "habrían cerrado")
            case .inTalks: verbs = ("are negotiating", "negocian")
            case .announced: verbs = ("announced", "anunciaron")
            case .active, .ended: verbs = ("signed", "firmaron")
            case .completed: verbs = ("completed", "completaron")
            }
            let deal: (String, String), purpose: (String, String)
            switch s.kind {
            case .cloudContract:
                deal = ("a cloud computing contract", "un contrato de computación en la nube")
                purpose = ("", "")
            case .chipSupply:
                if let product = companies[s.members[1]].products.first {
                    deal = ("a chip supply agreement", "un acuerdo de suministro de chips")
                    purpose = (" covering \(product)", " que incluye \(product)")
                } else {
                    deal = ("a supply agreement", "un acuerdo de suministro")
                    purpose = (" for AI accelerators", " de aceleradores de IA")
                }
            case .dataLicensing:
                deal = ("a data licensing agreement", "un acuerdo de licencia de datos")
                purpose = ("", "")
            case .modelDistribution:
                deal = ("a model distribution agreement", "un acuerdo de distribución de modelos")
                purpose = ("", "")
            case .energy:
                deal = ("a power purchase agreement", "un acuerdo de compraventa de energía")
                purpose = ("", "")
            case .jointInfrastructure:
                deal = ("a joint data-centre project", "un proyecto conjunto de centros de datos")
                purpose = (" in \(s.place.0)", " en \(s.place.1)")
            default:
                deal = ("a partnership", "una alianza")
                purpose = (" on \(s.topic.0)", " sobre \(s.topic.1)")
            }
            let money =
                amount.map { (" worth \(Words.en($0))", " por \(Words.es($0))") }
                ?? (s.kind == .partnership ? ("", "") : (" of undisclosed value", " sin cifras públicas"))
            en = "\(list(names, and: "and")) \(verbs.0) \(deal.0)\(purpose.0)\(money.0)."
            es = "\(list(names, and: "y")) \(verbs.1) \(deal.1)\(purpose.1)\(money.1)."
        }
        switch s.status {
        case .rumoured: en += " Nobody has confirmed it."; es += " Nadie lo ha confirmado."
        case .predicted:
            if let year = s.date?.value.year {
                en += " Analysts expect it by \(year)."; es += " Los analistas lo prevén para \(year)."
            }
        case .ended: en += " The agreement has since ended."; es += " El acuerdo ya terminó."
        default: break
        }
        return LocalizedText(en: en, es: es)
    }

    /// A sentence an article in `language` could contain about the deal.
    private func quote(_ s: Skeleton, language: String, _ rng: inout Xoshiro256StarStar) -> String {
        let a = written(s.members[0], language, &rng), b = written(s.members[1], language, &rng)
        let amount = s.amounts.first
        let spanish = language == "es"
        switch s.kind {
        case .investment:
            let investee = written(s.members[s.members.count - 1], language, &rng)
            return spanish
                ? "\(a) ha invertido \(amount.map(Words.es) ?? "una suma no revelada") en \(investee)"
                : "\(a) has put \(amount.map(Words.en) ?? "an undisclosed sum") into \(investee)"
        case .cloudContract:
            return spanish
                ? "\(a) utilizará la infraestructura en la nube de \(b)"
                : "\(a) will run its models on \(possessive(b)) cloud"
        case .chipSupply:
            return spanish ? "\(b) suministrará sus chips a \(a)" : "\(b) will supply its chips to \(a)"
        case .dataLicensing:
            return spanish ? "\(a) pagará por usar los datos de \(b)" : "\(a) will pay to use \(possessive(b)) data"
        case .modelDistribution:
            return spanish
                ? "los modelos de \(b) estarán disponibles en \(a)"
                : "\(possessive(b)) models will be available on \(a)"
        case .acquisition:
            return spanish
                ? "\(a) ha comprado \(b)\(amount.map { " por " + Words.es($0) } ?? "")"
                : "\(a) has bought \(b)\(amount.map { " for " + Words.en($0) } ?? "")"
        case .energy:
            return spanish
                ? "\(b) venderá electricidad a \(a) para sus centros de datos"
                : "\(b) will sell electricity to \(possessive(a)) data centres"
        case .jointInfrastructure:
            return spanish
                ? "\(a) y \(b) levantarán juntos un centro de datos en \(s.place.1)"
                : "\(a) and \(b) will build a data centre in \(s.place.0)"
        case .partnership:
            return spanish
                ? "\(a) y \(b) trabajarán juntas en \(s.topic.1)" : "\(a) and \(b) will work together on \(s.topic.0)"
        }
    }

    func alliance(_ i: Int) -> Alliance {
        let (s, start) = skeleton(i)
        var rng = start
        var products: [String] = []
        switch s.kind {
        case .chipSupply, .cloudContract:
            if let p = companies[s.members[1]].products.first, rng.chance(60) { products.append(p) }
        case .modelDistribution:
            if let p = companies[s.members[s.members.count - 1]].products.first { products.append(p) }
        default: break
        }
        let article = i / World.articlesPerAlliance
        var sources = [
            SourceQuote(article: articleID(article), quote: quote(s, language: articleLanguage(article), &rng))
        ]
        var disagreement: String?
        if articleCount > 1 && rng.chance(12) {
            var other = rng.below(articleCount)
            if other == article { other = (other + 1) % articleCount }
            sources.append(
                SourceQuote(
                    article: articleID(other), quote: quote(s, language: articleLanguage(other), &rng),
                    note: rng.chance(30) ? "a later article on the same deal" : nil))
            if let amount = s.amounts.first, rng.chance(10) {
                var other = amount
                other.value = amount.value * 1.5
                disagreement =
                    "\(sources[0].article) gives \(Words.en(amount)); \(sources[1].article) says \(Words.en(other))."
            }
        }
        var citations: [Citation] = []
        if rng.chance(3) {
            let registry = rng.pick(Vocabulary.registries)
            let number = rng.between(10_000, 99_999)
            citations.append(
                Citation(
                    publisher: registry.0, title: "\(registry.1) \(number)",
                    url: rng.chance(50) ? "https://filings.example/\(number)" : nil,
                    published: s.date?.value, supports: rng.pick(["date", "amount", "relationship", "status"])))
        }
        let title = title(s, &rng)
        let summary = summary(s)
        return Alliance(
            id: allianceID(s), kind: s.kind, parties: s.parties, amounts: s.amounts, date: s.date,
            status: s.status, title: title, summary: summary, products: products, sources: sources,
            citations: citations, disagreement: disagreement)
    }

    // MARK: Articles

    func articleLanguage(_ j: Int) -> String {
        var rng = rng(.articles, j)
        return rng.chance(65) ? "es" : "en"
    }

    /// The article's id: its outlet's slug and its number. The outlet is the second draw of the article's stream.
    func articleID(_ j: Int) -> String {
        var rng = rng(.articles, j)
        let spanish = rng.chance(65)
        let outlet = Vocabulary.outlets[rng.pick(spanish ? Vocabulary.spanishOutlets : Vocabulary.englishOutlets)]
        return "\(outlet.1)-\(j + 1)"
    }

    func article(_ j: Int) -> Article {
        var rng = rng(.articles, j)
        let spanish = rng.chance(65)
        let outlet = Vocabulary.outlets[rng.pick(spanish ? Vocabulary.spanishOutlets : Vocabulary.englishOutlets)]
        let id = "\(outlet.1)-\(j + 1)"
        // The article is about the first alliance it is the source of.
        let (s, start) = skeleton(j * World.articlesPerAlliance)
        var allianceRNG = start
        let headline = title(s, &allianceRNG)
        var title = spanish ? headline.es : headline.en
        switch rng.below(8) {
        case 0: title = (spanish ? "Exclusiva: " : "Exclusive: ") + title
        case 1: title = (spanish ? "Análisis: " : "Analysis: ") + title
        case 2: title += spanish ? ", según fuentes del sector" : ", sources say"
        default: break
        }
        var published: PartialDate?
        var note: String?
        let base = s.date.map { $0.value } ?? PartialDate(year: rng.between(2015, 2025))
        let year = s.status == .predicted ? rng.between(2023, 2025) : base.year
        let month = s.status == .predicted ? rng.between(1, 12) : base.month ?? rng.between(1, 12)
        let day = s.status == .predicted ? nil : base.day
        switch rng.below(100) {
        case 0..<85:
            published = PartialDate(
                year: year, month: month, day: day ?? rng.between(1, PartialDate.daysIn(month: month, year: year)))
        case 85..<93:
            published = PartialDate(year: year, month: month)
            note = "the page gives only the month"
        default:
            note = rng.chance(50) ? "the page shows no date" : "undated; archived copy only"
        }
        let author: String? = rng.chance(50) ? person(&rng).name : nil
        let url: String? =
            rng.chance(60)
            ? "https://\(outlet.1).example/\(published.map { String($0.year) } ?? "archivo")/\(j + 1)" : nil
        return Article(
            id: id, title: title, outlet: rng.chance(95) ? outlet.0 : nil, author: author,
            published: published, publishedNote: note, language: outlet.2, url: url)
    }

    // MARK: People, claims, share estimates

    private func person(_ rng: inout Xoshiro256StarStar) -> (name: String, roman: String, female: Bool) {
        let culture = Vocabulary.countries[rng.weighted(Vocabulary.countryWeights)].culture
        let names = Vocabulary.personNames(culture)
        let given = rng.pick(names.given), family = rng.pick(names.family)
        let givenRoman = given.1.isEmpty ? given.0 : given.1, familyRoman = family.1.isEmpty ? family.0 : family.1
        switch culture {
        case .chinese, .taiwanese, .korean:
            return (family.0 + given.0, "\(familyRoman) \(givenRoman)", given.2)
        case .japanese:
            return (family.0 + given.0, "\(givenRoman) \(familyRoman)", given.2)
        case .spanish where rng.chance(50):
            let second = rng.pick(names.family)
            return ("\(given.0) \(family.0) \(second.0)", "\(givenRoman) \(familyRoman) \(second.1)", given.2)
        default:
            return ("\(given.0) \(family.0)", "\(givenRoman) \(familyRoman)", given.2)
        }
    }

    func people() -> [Person] {
        guard articleCount > 0 else { return [] }
        let count = min(articleCount, companies.count / 20 + allianceCount / 200 + 1)
        return (0..<count).map { j in
            var rng = rng(.people, j)
            let who = person(&rng)
            var organization: Int?
            var organizationName: String?
            let role: (String, String, String)
            if rng.chance(85) {
                organization = global.draw(&rng)
                role = rng.pick(Vocabulary.executiveRoles)
            } else {
                organizationName = rng.pick(Vocabulary.institutions)
                role = rng.pick(Vocabulary.outsideRoles)
            }
            let roleEs = who.female ? role.2 : role.1
            let article = rng.below(articleCount)
            let employer = organization.map { companies[$0].name } ?? organizationName ?? ""
            let quote =
                articleLanguage(article) == "es"
                ? "explicó \(who.name), \(roleEs) de \(employer)"
                : "said \(who.name), \(role.0) at \(employer)"
            return Person(
                id: "\(slug(who.roman, limit: 40))-\(j + 1)", name: who.name,
                role: LocalizedText(en: role.0, es: roleEs), organization: organization.map { companies[$0].id },
                organizationName: organizationName,
                sources: [SourceQuote(article: articleID(article), quote: quote)])
        }
    }

    func claims() -> [Claim] {
        guard articleCount > 0 else { return [] }
        let count = allianceCount / 40 + 1
        return (0..<count).map { j in
            var rng = rng(.claims, j)
            let bound = Bound.allCases[rng.weighted([60, 20, 8, 6, 6])]
            let percent = Double(rng.between(5, 80))
            let about: ClaimSubject
            let kind: ClaimKind
            var figure: Figure?
            let en: String, es: String
            switch rng.below(100) {
            case 0..<30 where allianceCount > 0:
                let (s, _) = skeleton(rng.below(allianceCount))
                about = .alliance(allianceID(s))
                let a = companies[s.members[0]].name, b = companies[s.members[1]].name
                let options: [Int]
                switch s.kind {
                case .energy, .jointInfrastructure: options = [0, 2]
                case .cloudContract, .chipSupply: options = [1, 2]
                default: options = [2]
                }
                switch rng.pick(options) {
                case 0:
                    let gw = Double(rng.between(1, 5))
                    kind = .capacity; figure = Figure(value: gw, unit: "GW", bound: bound)
                    en = "The \(a)–\(b) deal covers \(Int(gw)) GW of capacity."
                    es = "El acuerdo entre \(a) y \(b) cubre \(Int(gw)) GW de capacidad."
                case 1:
                    let gpus = rng.between(1, 60) * 10_000
                    kind = .count; figure = Figure(value: Double(gpus), unit: "count", bound: bound)
                    en = "The \(a)–\(b) deal includes \(Words.grouped(gpus, ",")) GPUs."
                    es = "El acuerdo entre \(a) y \(b) incluye \(Words.grouped(gpus, ".")) GPU."
                default:
                    let years = rng.between(2, 10)
                    kind = .schedule; figure = Figure(value: Double(years), unit: "years", bound: bound)
                    en = "The \(a)–\(b) deal runs for \(years) years."
                    es = "El acuerdo entre \(a) y \(b) dura \(years) años."
                }
            case 0..<45:
                let topic = rng.pick(Vocabulary.topics)
                about = .topic(topic.0)
                kind = .adoption; figure = Figure(value: percent, unit: "percent", bound: bound)
                en = "\(Int(percent))% of the companies surveyed use \(topic.0)."
                es = "El \(Int(percent)) % de las empresas encuestadas usa \(topic.1)."
            default:
                let c = global.draw(&rng)
                let x = companies[c].name
                if let product = companies[c].products.first, rng.chance(40) {
                    about = .product(name: product, company: companies[c].id)
                    kind = .efficiency; figure = Figure(value: percent, unit: "percent", bound: bound)
                    en = "\(product) delivers \(Int(percent))% more performance per watt."
                    es = "\(product) ofrece un \(Int(percent)) % más de rendimiento por vatio."
                    break
                }
                about = .company(companies[c].id)
                switch rng.below(8) {
                case 0:
                    kind = .efficiency; figure = Figure(value: percent, unit: "percent", bound: bound)
                    en = "\(possessive(x)) new systems use \(Int(percent))% less energy per model trained."
                    es =
                        """
                        Los nuevos sistemas de \(x) consumen un \(Int(percent)) % menos de energía por \
                        modelo entrenado.
                        """
                case 1:
                    kind = .cost; figure = Figure(value: percent, unit: "percent", bound: bound)
                    en = "\(x) says its inference costs fell \(Int(percent))%."
                    es = "\(x) afirma que su coste de inferencia bajó un \(Int(percent)) %."
                case 2:
                    let n = rng.between(1, 500) * 1000
                    kind = .count; figure = Figure(value: Double(n), unit: "count", bound: bound)
                    en = "\(x) has deployed \(Words.grouped(n, ",")) accelerators."
                    es = "\(x) ha desplegado \(Words.grouped(n, ".")) aceleradores."
                case 3:
                    kind = .adoption; figure = Figure(value: percent, unit: "percent", bound: bound)
                    en = "\(Int(percent))% of \(possessive(x)) customers use its AI tools."
                    es = "El \(Int(percent)) % de los clientes de \(x) usa sus herramientas de IA."
                case 4:
                    let n = rng.between(5, 400)
                    kind = .portfolio; figure = Figure(value: Double(n), unit: "count", bound: bound)
                    en = "\(x) has invested in \(n) AI startups."
                    es = "\(x) ha invertido en \(n) empresas emergentes de IA."
                case 5:
                    kind = .marketShare; figure = Figure(value: percent, unit: "percent", bound: bound)
                    en = "\(x) holds \(Int(percent))% of its market."
                    es = "\(x) controla el \(Int(percent)) % de su mercado."
                case 6:
                    let mw = rng.between(5, 95) * 10
                    kind = .capacity; figure = Figure(value: Double(mw), unit: "MW", bound: bound)
                    en = "\(x) plans \(mw) MW of data-centre capacity."
                    es = "\(x) planea \(mw) MW de capacidad de centros de datos."
                default:
                    kind = .other
                    en = "\(x) is reviewing its AI strategy."
                    es = "\(x) revisa su estrategia de inteligencia artificial."
                }
            }
            var date: DatedEvent?
            if rng.chance(70) {
                let year = rng.between(2019, 2025)
                date = DatedEvent(
                    rng.chance(50) ? PartialDate(year: year) : PartialDate(year: year, month: rng.between(1, 12)),
                    kind == .schedule ? .expected : .reported)
            }
            let article = rng.below(articleCount)
            let quote = articleLanguage(article) == "es" ? es : en
            return Claim(
                id: "claim-\(j + 1)", about: about, kind: kind, figure: figure,
                text: LocalizedText(en: en, es: es), date: date,
                sources: [SourceQuote(article: articleID(article), quote: quote)])
        }
    }

    func shareEstimates() -> [ShareEstimate] {
        let chips = pools[Pool.chips.rawValue]
        return (0..<12).map { j in
            var rng = rng(.shares, j)
            let market = rng.pick(Vocabulary.markets)
            let metric = ShareEstimate.Metric.allCases[rng.below(ShareEstimate.Metric.allCases.count)]
            let year = rng.between(2021, 2028)
            let publisher = rng.pick(Vocabulary.analysts)
            let published = PartialDate(year: min(year, 2025), month: rng.between(1, 12))
            var vendors: [Int] = []
            let wanted = rng.between(2, 5)
            for _ in 0..<(wanted * 3) where vendors.count < wanted {
                let v = chips.isEmpty ? global.draw(&rng) : chips.draw(&rng)
                if !vendors.contains(v) { vendors.append(v) }
            }
            var remaining = 100
            var shares: [Share] = []
            for (n, v) in vendors.enumerated() {
                let value = n == 0 ? rng.between(30, 75) : rng.between(1, max(1, remaining / 2))
                remaining -= value
                let bound = Share.ShareBound.allCases[rng.weighted([50, 20, 8, 8, 8, 6])]
                var upper: Double?
                if bound == .range { upper = Double(min(100, value + rng.between(2, 8))) }
                shares.append(
                    Share(
                        vendor: companies[v].id, label: companies[v].name, bound: bound,
                        value: Double(value), upper: upper))
            }
            if rng.chance(40) && remaining > 0 {
                shares.append(
                    Share(
                        vendor: nil, label: rng.pick(["others", "cloud providers' own chips", "Chinese vendors"]),
                        bound: .about, value: Double(remaining)))
            }
            let region = rng.pick(["global", "global", "China", "Europe", "North America", "Asia-Pacific"])
            var sources: [SourceQuote] = []
            if articleCount > 0 && rng.chance(50) {
                let article = rng.below(articleCount)
                let leader = shares[0]
                sources.append(
                    SourceQuote(
                        article: articleID(article),
                        quote: articleLanguage(article) == "es"
                            ? "\(leader.label) controla el \(Int(leader.value)) % del mercado de \(market.1)"
                            : "\(leader.label) holds \(Int(leader.value))% of the \(market.0) market"))
            }
            let citation = Citation(
                publisher: publisher, title: "\(market.0) market tracker, \(year)",
                url: "https://research.example/\(slug(market.0))/\(year)", published: published,
                supports: "shares")
            return ShareEstimate(
                id: "\(slug(market.0))-\(year)-\(j + 1)", market: market.0,
                scope: "\(market.0) in \(year), share of \(metric.rawValue) (\(region))",
                metric: metric, region: region, year: year, forecast: year > 2025, publisher: publisher,
                published: published, shares: shares, sources: sources, citations: [citation])
        }
    }
}
