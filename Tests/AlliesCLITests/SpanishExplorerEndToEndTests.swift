import AlliesCore
import AlliesExplorer
import AlliesGenerator
import AlliesText
import Foundation
import Testing

/// The explorer in Spanish through the real binary in tmux: `--lang es` and `LANG=es_ES.UTF-8` both give the
/// Spanish screens the model draws, key after key at a person's pace, at 80x24 and 40x12; without a UTF-8 locale
/// accented letters are their base letters, never `?`.
@Suite("The explorer in Spanish, end to end", .serialized, .timeLimit(.minutes(10)))
struct SpanishExplorerEndToEndTests {
    typealias T = TerminalTests
    typealias P = PersonPaceTests

    /// Starts the binary in tmux with `environment` and `arguments`, at `size`; returns when it is full-screen.
    static func start(
        _ scratch: T.Scratch, size: Size, environment: String, arguments: String = ""
    ) async throws -> Tmux {
        let allies = Tmux.quote(try Tmux.alliesBinary())
        let command = try scratch.script(
            """
            env \(environment) XDG_DATA_HOME=\(Tmux.quote(freshDataHome())) \(allies) \(arguments)
            echo EXITED:$?
            \(T.stay)
            """)
        let tmux = try Tmux(width: size.width, height: size.height, command: command)
        try await tmux.waitFor(format: "#{alternate_on}", equals: "1")
        return tmux
    }

    static func model(_ size: Size, unicode: Bool = true) throws -> Explorer {
        var model = Explorer(
            catalog: Catalog(try Dataset.bundled().get()), datasetName: Dataset.bundledName, language: .es)
        _ = model.update(.terminal(TerminalCapabilities(unicode: unicode, color: true)))
        _ = model.update(.resize(size))
        return model
    }

    @Test(
        "--lang es and LANG=es_ES.UTF-8: every screen of a walk is the model's Spanish one, keys 150–600 ms apart",
        arguments: [
            (Size(width: 80, height: 24), "LANG=C.UTF-8 LC_ALL=C.UTF-8", "--lang es"),
            (Size(width: 40, height: 12), "LANG=es_ES.UTF-8 LC_ALL= LC_MESSAGES=", ""),
        ])
    func aSpanishWalk(_ size: Size, _ environment: String, _ arguments: String) async throws {
        let scratch = try T.Scratch()
        defer { scratch.cleanUp() }
        let tmux = try await Self.start(scratch, size: size, environment: environment, arguments: arguments)
        defer { tmux.kill() }
        var model = try Self.model(size)
        let first = P.expected(model, size: size)
        #expect(first.contains("Empresas"), "the model's first screen is not Spanish:\n\(first)")
        try await tmux.waitFor("the first screen") { T.rows($0).prefix(size.height).joined(separator: "\n") == first }

        var random = SplitMix64(seed: 0x0E5_0015)
        // Every view, a company, an alliance and its quote, the help, and a Spanish search typed key by key.
        var presses = Array(P.tour.prefix(70))
        presses += [P.press(.help), P.press(.moveDown), P.press(.help)]
        presses += [P.press(.search)] + P.typed("inversiones") + [Press(.enter), Press(.down), Press(.enter)]
        presses += [P.press(.back), P.press(.back), P.press(.back)]
        for (n, press) in presses.enumerated() {
            let gap = Duration.milliseconds(Int.random(in: 150...600, using: &random))
            try await P.step(press, n + 1, gap: gap, tmux: tmux, model: &model, size: size)
        }
        try await tmux.waitFor(format: "#{pane_dead}", equals: "0")
    }

    typealias Press = PersonPaceTests.Press

    /// With LC_ALL=C (no UTF-8) the model's Spanish screen, each accented letter as its base letter.
    @Test("Without a UTF-8 locale: `electronico`, not `electr?nico`")
    func baseLettersWithoutUTF8() async throws {
        let size = Size(width: 120, height: 40)
        let scratch = try T.Scratch()
        defer { scratch.cleanUp() }
        let tmux = try await Self.start(scratch, size: size, environment: "LANG=C LC_ALL=C", arguments: "--lang es")
        defer { tmux.kill() }
        let model = try Self.model(size, unicode: false)
        let grid = model.render(size)
        let want = (0..<size.height).map { y in
            var line = ""
            for x in 0..<size.width where !grid[x, y].isContinuation {
                let g = grid[x, y].grapheme
                line += g.unicodeScalars.allSatisfy(\.isASCII) ? g : String(Folding.asciiFallback(g) ?? "?")
            }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }.joined(separator: "\n")
        #expect(want.contains("electronico"), "the first screen should show a Spanish description:\n\(want)")
        let got = try await tmux.waitFor("the first screen") {
            T.rows($0).prefix(size.height).joined(separator: "\n") == want
        }
        #expect(!got.contains("?nico"), "an accented letter drawn as ?:\n\(got)")
    }

    /// The CLI on a terminal without UTF-8 folds what it prints to ASCII; into a pipe the bytes stay UTF-8
    /// (SpanishCLITests and the JSON tests read them).
    @Test("The CLI on a terminal without UTF-8: `dolares`, not `d?lares`")
    func theCLIFoldsForATerminalWithoutUTF8() async throws {
        let scratch = try T.Scratch()
        defer { scratch.cleanUp() }
        let allies = Tmux.quote(try Tmux.alliesBinary())
        let command = try scratch.script(
            """
            env LANG=C LC_ALL=C \(allies) --lang es alliance aws-openai-cloud-2025 --width 100
            echo EXITED:$?
            \(T.stay)
            """)
        let tmux = try Tmux(width: 100, height: 60, command: command)
        defer { tmux.kill() }
        let screen = try await tmux.waitFor(text: "EXITED:")
        #expect(screen.contains("EXITED:0"), "\(screen)")
        #expect(screen.contains("38.000 millones de dolares"), "\(screen)")
        #expect(!screen.contains("?lares") && !screen.contains("dólares"), "\(screen)")
    }
}
