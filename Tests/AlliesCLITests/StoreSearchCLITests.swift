import Foundation
import Testing

/// `allies search` answers from the dataset's store (issue #17) without loading the dataset: the same table, JSON
/// and CSV as from the JSON file itself, and a store found damaged is removed and the answer read from the file.
@Suite("allies search from the store")
struct StoreSearchCLITests {
    static let queries = [
        ["nube"], ["inversion", "empresa"], ["\"centro de datos\""], ["datos", "-(nube", "OR", "cloud)"],
        ["kind:investment", "year:2024..2025"], ["amount:>1B", "-nube"], ["科技"], ["type:company", "a"],
        ["zzzqqqxx"],
    ]

    /// A generated dataset and a cache of its own.
    struct World {
        let folder: String
        var file: String { folder + "/data.json" }
        var cache: String { folder + "/cache" }
        var environment: [String: String] { ["ALLIES_CACHE_DIR": cache] }

        init() throws {
            folder =
                FileManager.default.temporaryDirectory.appendingPathComponent("allies-store-\(UUID().uuidString)")
                .path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let made = try AlliesBinary.run([
                "generate", "--companies", "60", "--alliances", "800", "--seed", "11", "--output", file,
            ])
            #expect(made.status == 0, "\(made.stderr)")
        }

        func search(_ words: [String], _ extra: [String] = []) throws -> AlliesBinary.Output {
            try AlliesBinary.run(["--data", file, "search"] + words + extra, environment: environment)
        }

        /// The one store file in the cache.
        var store: String? {
            (try? FileManager.default.contentsOfDirectory(atPath: cache))?.first { $0.hasSuffix(".snapshot") }
                .map { cache + "/" + $0 }
        }

        func remove() { try? FileManager.default.removeItem(atPath: folder) }
    }

    @Test func answersFromTheStoreAreTheFilesAnswers() throws {
        let world = try World()
        defer { world.remove() }
        for format in [["--width", "160"], ["--format", "json"], ["--format", "csv"]] {
            for words in Self.queries {
                let file = try world.search(words, format + ["--no-cache"])
                _ = try world.search(words, format)  // writes the store if there is none
                #expect(world.store != nil)
                let stored = try world.search(words, format)
                #expect(stored.stdout == file.stdout, "\(words) \(format)")
                #expect(stored.stderr == file.stderr, "\(words) \(format)")
                #expect(stored.status == file.status, "\(words) \(format)")
            }
        }
        // `with:` resolves names against the companies as the file's path does, misspelt ones too.
        let company = try #require(
            (try AlliesBinary.json(["--data", world.file, "companies", "--format", "json"]) as? [[String: Any]])?
                .first?["id"] as? String)
        for words in [["with:\(company)"], ["with:\(company.dropLast())x"]] {
            let file = try world.search(words, ["--no-cache"])
            let stored = try world.search(words)
            #expect(stored.stdout == file.stdout && stored.stderr == file.stderr && stored.status == file.status)
        }
    }

    /// `allies alliance ID` reads the alliance and what it names from the store: the same table, JSON and CSV as
    /// from the file, for ids in any case, a unique prefix, a prefix of several ids and an id that is not there.
    @Test func anAllianceFromTheStoreIsTheFilesAlliance() throws {
        let world = try World()
        defer { world.remove() }
        let listed = try #require(
            try AlliesBinary.json(["--data", world.file, "alliances", "--format", "json", "--no-cache"])
                as? [[String: Any]])
        let ids = listed.compactMap { $0["id"] as? String }
        _ = try world.search(["nube"])  // writes the store
        #expect(world.store != nil)
        let some = stride(from: 0, to: ids.count, by: max(1, ids.count / 12)).map { ids[$0] }
        let prefix = try #require(some.first.map { String($0.prefix(3)) })
        for id in some.map({ $0.uppercased() }) + [String(some[0].dropLast(2)), prefix, "zzz-no-such"] {
            for format in [["--width", "120"], ["--format", "json"], ["--format", "csv"]] {
                try expectTheFilesAnswer(world, ["alliance", id] + format)
            }
        }
    }

    /// `allies company NAME` reads the company and what it names from the store: the same table, JSON and CSV as
    /// from the file (agreed money only too), by id, by name in capitals, by alias, by a prefix of its own, and for
    /// names that are several companies' or none.
    @Test func aCompanyFromTheStoreIsTheFilesCompany() throws {
        let world = try World()
        defer { world.remove() }
        let listed = try #require(
            try AlliesBinary.json(["--data", world.file, "companies", "--format", "json", "--no-cache"])
                as? [[String: Any]])
        _ = try world.search(["nube"])  // writes the store
        #expect(world.store != nil)
        let some = stride(from: 0, to: listed.count, by: max(1, listed.count / 8)).map { listed[$0] }
        var names: [String] = []
        for c in some {
            names += [c["id"] as? String, (c["name"] as? String)?.uppercased()].compactMap { $0 }
            names += ((c["aliases"] as? [String]) ?? []).prefix(1)
        }
        names += [String(try #require(names.first).prefix(3)), "a", "zzz no such company"]
        for name in names {
            for format in [["--width", "120"], ["--format", "json"], ["--format", "csv"], ["--agreed-only"]] {
                try expectTheFilesAnswer(world, ["company", name] + format)
            }
        }
    }

    /// A company name that is none's (a typo, nonsense) and an alliance id that starts several ids or none are
    /// refused from the store without reading the dataset: with the file's bytes blanked (its size and times kept,
    /// so the store still names it) and the store's search index damaged (so it cannot be read whole), `company`,
    /// `network`, `path` and `alliance` say what the file said, suggestions and all, while a command that must load
    /// the dataset fails.
    @Test func aNameOrIDThatIsNotOneIsRefusedWithoutReadingTheFile() throws {
        let world = try World()
        defer { world.remove() }
        let companies = try #require(
            try AlliesBinary.json(["--data", world.file, "companies", "--format", "json", "--no-cache"])
                as? [[String: Any]])
        let alliances = try #require(
            try AlliesBinary.json(["--data", world.file, "alliances", "--format", "json", "--no-cache"])
                as? [[String: Any]])
        let name = try #require(companies.first?["name"] as? String)
        let id = try #require(companies.last?["id"] as? String)
        let allianceID = try #require(alliances.first?["id"] as? String)
        let refused: [[String]] = [
            ["company", "zzz no such company"], ["company", String(name.dropLast()) + "x"],
            ["network", String(name.dropLast()) + "x", "--depth", "2"], ["path", id, "zzz no such company"],
            ["path", "zzz no such company", id], ["alliance", String(allianceID.prefix(2))],
            ["alliance", String(allianceID.dropLast()) + "#"], ["alliance", "zzz-no-such"],
        ]
        let before = try refused.map {
            try AlliesBinary.run(["--data", world.file] + $0 + ["--no-cache"], environment: world.environment)
        }
        _ = try world.search(["nube"])  // writes the store
        #expect(world.store != nil)
        try InPlaceEditCLITests.replaceKeepingStamp(world.file, store: try #require(StoreFiles(cache: world.cache)))
        for (args, file) in zip(refused, before) {
            let stored = try AlliesBinary.run(["--data", world.file] + args, environment: world.environment)
            #expect(file.status != 0 && file.stderr.contains("allies: "), "\(args): \(file.stderr)")
            #expect(stored.stderr == file.stderr, "\(args)")
            #expect(stored.stdout == file.stdout && stored.status == file.status, "\(args)")
        }
        #expect(before.contains { $0.stderr.contains("Did you mean") })
        let loaded = try AlliesBinary.run(
            ["--data", world.file, "network", id, "--merge-units"], environment: world.environment)
        #expect(loaded.status != 0, "the blanked file was read: \(loaded.stdout)")
    }

    /// `allies path A B` reads the alliances its search needs from the store: the same table, JSON and CSV as from
    /// the file, with all money and agreed money only, units merged (read from the dataset) and a name the store
    /// cannot resolve.
    @Test func aPathFromTheStoreIsTheFilesPath() throws {
        let world = try World()
        defer { world.remove() }
        let listed = try #require(
            try AlliesBinary.json(["--data", world.file, "companies", "--format", "json", "--no-cache"])
                as? [[String: Any]])
        let ids = listed.compactMap { $0["id"] as? String }
        _ = try world.search(["nube"])  // writes the store
        #expect(world.store != nil)
        let pairs = [(ids[0], ids[ids.count - 1]), (ids[1], ids[ids.count / 2]), (ids[2], "zzz no such company")]
        for (a, b) in pairs {
            for format in [
                ["--width", "120"], ["--format", "json"], ["--format", "csv"], ["--agreed-only"],
                ["--merge-units"],
            ] {
                try expectTheFilesAnswer(world, ["path", a, b] + format)
            }
        }
    }

    /// `allies network NAME` reads the company's alliances (and its partners', two hops out) from the store: the
    /// same table, JSON and CSV as from the file, agreed money only and merged units too.
    @Test func aNetworkFromTheStoreIsTheFilesNetwork() throws {
        let world = try World()
        defer { world.remove() }
        let listed = try #require(
            try AlliesBinary.json(["--data", world.file, "companies", "--format", "json", "--no-cache"])
                as? [[String: Any]])
        let ids = listed.compactMap { $0["id"] as? String }
        _ = try world.search(["nube"])  // writes the store
        for name in [ids[0], ids[ids.count / 2], "zzz no such company"] {
            for format in [
                ["--width", "120"], ["--depth", "2"], ["--format", "json", "--depth", "2"], ["--format", "csv"],
                ["--agreed-only", "--depth", "2"], ["--merge-units"],
            ] {
                try expectTheFilesAnswer(world, ["network", name] + format)
            }
        }
    }

    /// The postings overwritten in place: opening still succeeds (they are checked as a query reads them), the
    /// query finds them damaged, the store is removed and the answer comes from the file, the same as ever. Read
    /// whole (any other command), the same damage is refused by the checksums and the file read instead.
    @Test func aStoreFoundDamagedByAQueryIsRemovedAndTheFileAnswers() throws {
        let world = try World()
        defer { world.remove() }
        let expected = try world.search(["nube"], ["--no-cache"])
        let companies = try AlliesBinary.run(["--data", world.file, "companies", "--no-cache"])
        #expect(expected.status == 0 && expected.stdout.contains("nube") && companies.status == 0)
        for command in [["search", "nube"], ["companies"]] {
            _ = try world.search(["nube"])  // a whole store
            let path = try #require(world.store)
            try damagePostings(path)
            let damaged = try Data(contentsOf: URL(fileURLWithPath: path))
            let answered = try AlliesBinary.run(["--data", world.file] + command, environment: world.environment)
            // A query finds the damage: the store is removed and written again from the file. (Read whole, it is
            // refused by its checksums and left for the next query to replace.)
            if command[0] == "search" {
                #expect(world.store.flatMap { try? Data(contentsOf: URL(fileURLWithPath: $0)) } != damaged)
            }
            #expect(answered.stdout == (command[0] == "search" ? expected : companies).stdout, "\(command)")
            #expect(answered.status == 0, "\(command)")
            // The store written again is whole: the next search reads it and answers the same.
            #expect(try world.search(["nube"]).stdout == expected.stdout)
        }
    }

    /// `allies --data FILE ARGS` answers from the store as from the file itself (`--no-cache`): the same output,
    /// the same errors, the same status.
    func expectTheFilesAnswer(
        _ world: World, _ args: [String], sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let file = try AlliesBinary.run(["--data", world.file] + args + ["--no-cache"], environment: world.environment)
        let stored = try AlliesBinary.run(["--data", world.file] + args, environment: world.environment)
        #expect(stored.stdout == file.stdout, "\(args)", sourceLocation: sourceLocation)
        #expect(stored.stderr == file.stderr, "\(args)", sourceLocation: sourceLocation)
        #expect(stored.status == file.status, "\(args)", sourceLocation: sourceLocation)
    }

    /// Overwrites the postings section of a store file with 0xFF (entry numbers far out of range).
    func damagePostings(_ path: String) throws {
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        // The header (15 words), then the section table (offset, length, checksum per section) and the body.
        func word(_ at: Int) -> Int {
            bytes[at..<at + 8].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        }
        let sections = word(11 * 8), bodyStart = 15 * 8 + sections * 24
        // StoreSection.postings: after the records (14), the lookups by id and party (13) and the lists for showing
        // one record (11), the index's seventh. The caller checks the damage was found (the store is written anew).
        let postings = 44
        let head = 15 * 8
        let offset = word(head + postings * 24), length = word(head + postings * 24 + 8)
        #expect(length > 0)
        for i in bodyStart + offset..<bodyStart + offset + length { bytes[i] = 0xFF }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }
}
