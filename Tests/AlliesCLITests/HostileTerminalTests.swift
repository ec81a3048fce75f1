import Foundation
import Testing

/// A valid dataset whose strings hold hostile content, each payload followed by (or holding) a unique marker, so that
/// a check on the bytes written cannot pass by accident: what each payload must never be written as (`raw`), and what
/// sanitising makes of it on the screen (`shown`).
enum HostileFixture {
    struct Payload {
        let name: String
        let raw: String
        let shown: String
        /// Whether the raw bytes are impossible in a legitimate stream, so their absence can be asserted. Not for a
        /// tab (ncurses moves the cursor with one) or a trailing ESC (ncurses writes escapes after any text).
        let unambiguous: Bool
        init(_ name: String, _ raw: String, _ shown: String, unambiguous: Bool = true) {
            self.name = name; self.raw = raw; self.shown = shown; self.unambiguous = unambiguous
        }
    }

    static let payloads: [Payload] = [
        Payload("CSI erase display", "\u{1B}[2JQCLR", "␛[2JQCLR"),
        Payload("CSI cursor home", "\u{1B}[HQHOME", "␛[HQHOME"),
        Payload("SGR colour", "\u{1B}[31;1mQRED", "␛[31;1mQRED"),
        Payload("OSC 0 window title", "\u{1B}]0;QTITLE\u{07}", "␛]0;QTITLE␇"),
        Payload("OSC 52 clipboard write", "\u{1B}]52;c;UVdOTElQ\u{07}QCLIP", "␛]52;c;UVdOTElQ␇QCLIP"),
        Payload("OSC 2 title, ST-terminated", "\u{1B}]2;QSTTL\u{1B}\\", "␛]2;QSTTL␛\\"),
        Payload("DCS request", "\u{1B}P+q544e\u{1B}\\QDCS", "␛P+q544e␛\\QDCS"),
        Payload("C1 CSI (U+009B)", "\u{9B}2JQCONE", "�2JQCONE"),
        Payload("C1 OSC (U+009D … U+009C)", "\u{9D}0;QCOSC\u{9C}", "�0;QCOSC�"),
        Payload("carriage return", "abc\rQCR", "abc␍QCR"),
        Payload("backspaces", "\u{08}\u{08}QBS", "␈␈QBS"),
        Payload("bell", "\u{07}QBEL", "␇QBEL"),
        Payload("NUL", "\u{0}QNUL", "␀QNUL"),
        Payload("DEL", "\u{7F}QDEL", "�QDEL"),
        Payload("line feed", "\nQNL", "␊QNL"),
        Payload("tab", "\tQTAB", " QTAB", unambiguous: false),
        Payload("bidi override U+202E", "\u{202E}QRLO", "QRLO"),
        Payload("bidi isolate U+2066…U+2069", "\u{2066}QISO\u{2069}", "QISO"),
        Payload("zero-width joiner", "Q\u{200D}ZWJ", "QZWJ"),
        Payload("zero-width space", "\u{200B}QZWSP", "QZWSP"),
        // After a space a combining mark is ordinary text (the space is its base): only the drawn form is checked.
        Payload("lone combining marks", "\u{0301}\u{0301}QCMB", "◌\u{0301}\u{0301}QCMB", unambiguous: false),
        Payload("line and paragraph separators", "\u{2028}QLS\u{2029}", "␤QLS␤"),
        Payload("byte order mark", "\u{FEFF}QBOM", "QBOM"),
        Payload("trailing ESC", "QEND\u{1B}", "QEND␛", unambiguous: false),
        Payload(
            "wide characters and an emoji ZWJ sequence", "阿里巴巴🚀👩‍💻QWIDE", "阿里巴巴🚀",
            unambiguous: false),
    ]
    static let longWord = "QLONG" + String(repeating: "w", count: 10_000)
    static let everything = payloads.map(\.raw).joined(separator: " ")

    /// The dataset: one company per payload (the payload first in its name, so lists show it), every other string
    /// holding them all, the 10,000-character word in a name, a description, a summary, a quote, a share label.
    static func json() throws -> Data {
        func text(_ s: String) -> [String: Any] { ["en": s, "es": s] }
        let all = everything + " " + longWord
        let quote: [[String: Any]] = [["article": "hx", "quote": everything, "note": everything]]
        var companies: [[String: Any]] = payloads.enumerated().map { i, p in
            [
                "id": "h\(i)", "name": p.raw + " N\(i)", "aliases": [p.raw], "kind": "other",
                "description": text(i == 0 ? all : everything), "products": [p.raw],
                "sources": i == 0 ? quote + [["article": "hx", "quote": all]] : quote,
                "citations": [["publisher": p.raw, "title": everything, "url": p.raw, "supports": p.raw]],
            ]
        }
        companies.append([
            "id": "hlong", "name": longWord, "kind": "startup", "parent": "h0",
            "description": text(longWord), "sources": quote,
        ])
        let ids = companies.map { $0["id"] as! String }
        let kinds = ["investment", "cloud-contract", "chip-supply", "partnership"]
        let roles = [
            ("investor", "investee"), ("customer", "supplier"), ("customer", "supplier"), ("partner", "partner"),
        ]
        var alliances: [[String: Any]] = []
        for n in 0..<(ids.count - 1) {
            let (ra, rb) = roles[n % roles.count]
            let p = payloads[n % payloads.count].raw
            alliances.append([
                "id": "deal-\(n)", "kind": kinds[n % kinds.count],
                "parties": [["company": ids[n], "role": ra], ["company": ids[n + 1], "role": rb]],
                "amounts": [["value": Double(n + 1) * 1e9, "currency": "USD", "note": p]],
                "date": ["value": "20\(10 + n % 15)-0\(1 + n % 9)", "event": "announced"], "status": "announced",
                "title": text(p + " deal \(n)"), "summary": text(n == 0 ? all : everything), "products": [p],
                "sources": quote, "disagreement": everything,
            ])
        }
        let dataset: [String: Any] = [
            "format": "allies-dataset", "version": 1,
            "articles": [
                [
                    "id": "hx", "title": everything, "outlet": everything, "author": everything,
                    "publishedNote": everything, "language": "es", "url": everything,
                ]
            ],
            "groups": [["id": "g", "name": everything, "description": text(everything)]],
            "companies": companies, "alliances": alliances,
            "claims": [["id": "c1", "about": ["company": "h0"], "kind": "other", "text": text(all), "sources": quote]],
            "people": [
                [
                    "id": "p1", "name": everything, "role": text(everything), "organization": "h0",
                    "organizationName": everything, "sources": quote,
                ]
            ],
            "shareEstimates": [
                [
                    "id": "s1", "market": everything, "scope": everything, "metric": "units",
                    "region": everything, "year": 2025, "forecast": false, "publisher": everything,
                    "shares": [
                        ["vendor": "h1", "label": everything, "value": 50],
                        ["label": longWord, "bound": "range", "value": 10, "upper": 20],
                    ],
                    "sources": quote,
                ]
            ],
        ]
        return try JSONSerialization.data(withJSONObject: dataset)
    }

    /// Writes the dataset to `path`.
    static func write(to path: String) throws {
        try json().write(to: URL(fileURLWithPath: path))
    }

    /// Code points that must never be written to a terminal from the data: C1 controls, bidirectional controls,
    /// zero-width and invisible characters, line and paragraph separators.
    static func isForbidden(_ v: UInt32) -> Bool {
        (0x80...0x9F).contains(v) || (0x200B...0x200F).contains(v) || (0x202A...0x202E).contains(v)
            || (0x2066...0x2069).contains(v) || v == 0x061C || v == 0xFEFF || v == 0x2028 || v == 0x2029
    }
}

/// What a program wrote to a terminal, split into escape sequences and text, with everything that is not what a
/// well-behaved full-screen program (ncurses) writes listed as problems.
struct TerminalStream {
    var sequences: [String: Int] = [:]
    var text: [UInt8] = []
    /// Where each byte of `text` was in the bytes written (to say where invalid UTF-8 lies).
    var textOffsets: [Int] = []
    var problems: [String] = []
    /// The C1, bidi, invisible and separator code points found in the text (also listed in `problems`).
    var forbidden: [UInt32] = []

    /// Control sequences are CSI (ESC [ parameters intermediates final), a short list of two- and three-byte escapes
    /// (charset selection, keypad modes, save and restore cursor, reverse index), and the C0 controls that move the
    /// cursor or shift the character set. Any string sequence (OSC, DCS, APC, PM, SOS), any other escape, any other
    /// C0 control, any C1 or invisible code point, and invalid UTF-8 are problems.
    init(_ bytes: [UInt8], allowedControls: Set<UInt8> = [0x08, 0x09, 0x0A, 0x0D, 0x0E, 0x0F]) {
        func note(_ what: String, at i: Int) {
            if problems.count < 20 {
                let context = bytes[max(0, i - 24)..<min(bytes.count, i + 24)]
                problems.append("\(what) at byte \(i): \(String(decoding: context, as: UTF8.self).debugDescription)")
            }
        }
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x1B {
                guard i + 1 < bytes.count else { note("a lone ESC at the end", at: i); break }
                let next = bytes[i + 1]
                if next == UInt8(ascii: "[") {
                    var j = i + 2
                    while j < bytes.count, (0x30...0x3F).contains(bytes[j]) { j += 1 }
                    while j < bytes.count, (0x20...0x2F).contains(bytes[j]) { j += 1 }
                    guard j < bytes.count, (0x40...0x7E).contains(bytes[j]) else {
                        note("an unfinished CSI", at: i); i += 2; continue
                    }
                    // Keep the shape, not the numbers: ESC[12;40H and ESC[1;1H are both ESC[n;nH.
                    let shape = String(decoding: bytes[(i + 1)...j], as: UTF8.self).replacing(/\d+/, with: "n")
                    sequences["ESC" + shape, default: 0] += 1
                    i = j + 1
                    continue
                }
                if [UInt8(ascii: "]"), UInt8(ascii: "P"), UInt8(ascii: "_"), UInt8(ascii: "^"), UInt8(ascii: "X")]
                    .contains(next)
                {
                    note("a string sequence ESC \(Character(Unicode.Scalar(next)))", at: i); i += 2; continue
                }
                if (next == UInt8(ascii: "(") || next == UInt8(ascii: ")")) && i + 2 < bytes.count {
                    sequences["ESC" + String(decoding: bytes[(i + 1)...(i + 2)], as: UTF8.self), default: 0] += 1
                    i += 3
                    continue
                }
                if Array("=>78MDE".utf8).contains(next) {
                    sequences["ESC" + String(Character(Unicode.Scalar(next))), default: 0] += 1
                    i += 2
                    continue
                }
                note("an unexpected escape ESC 0x\(String(next, radix: 16))", at: i); i += 2; continue
            }
            if b < 0x20 || b == 0x7F {
                if !allowedControls.contains(b) { note("control byte 0x\(String(b, radix: 16))", at: i) }
                i += 1
                continue
            }
            text.append(b)
            textOffsets.append(i)
            i += 1
        }
        // The text between the sequences: valid UTF-8, no C1 or invisible code point.
        if let decoded = String(validating: text, as: UTF8.self) {
            for scalar in decoded.unicodeScalars where HostileFixture.isForbidden(scalar.value) {
                forbidden.append(scalar.value)
                if problems.count < 20 {
                    problems.append("U+\(String(scalar.value, radix: 16, uppercase: true)) written as text")
                }
            }
        } else {
            // Name the first invalid byte, in hex with its neighbours, so that a rare failure can be read.
            var at = 0
            var decoder = UTF8()
            var iterator = text.makeIterator()
            var consumed = 0
            decoding: while true {
                switch decoder.decode(&iterator) {
                case .scalarValue(let scalar): consumed += UTF8.width(scalar)
                case .emptyInput: break decoding
                case .error: at = consumed; break decoding
                }
            }
            let offset = textOffsets[min(at, textOffsets.count - 1)]
            let hex = bytes[max(0, offset - 48)..<min(bytes.count, offset + 48)]
                .map { String($0, radix: 16) }.joined(separator: " ")
            problems.append("the text written is not valid UTF-8 from byte \(offset) of \(bytes.count): \(hex)")
        }
    }
}

extension Array where Element == UInt8 {
    func has(bytes needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= count else { return needle.isEmpty }
        return (0...(count - needle.count)).contains { start in
            self[start..<(start + needle.count)].elementsEqual(needle)
        }
    }
}

/// Display columns of captured screen text, as tmux lays it out: combining marks take none, CJK and emoji two.
func displayWidth(_ s: some StringProtocol) -> Int {
    s.unicodeScalars.reduce(0) { total, u in
        let v = u.value
        if (0x300...0x36F).contains(v) || (0x200B...0x200F).contains(v) { return total }
        if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFF00...0xFF60).contains(v) || (0x1F300...0x1FAFF).contains(v)
        {
            return total + 2
        }
        return total + 1
    }
}

// The end-to-end suites' limits catch a hang, not slowness: a test can wait minutes for a thread while the command
// line's tests run the binary synchronously beside it (two cores), and a 2-minute limit failed this one so.
@Suite("Hostile strings at the byte level", .serialized, .timeLimit(.minutes(10)))
struct HostileTerminalTests {
    typealias T = TerminalTests

    /// Every captured row is within the width, and the list's column separators stay in the same columns.
    static func expectAligned(
        _ screen: String, width: Int, height: Int, listWidth: Int?,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let rows = T.rows(screen)
        #expect(rows.count == height, "\(rows.count) rows, not \(height):\n\(screen)", sourceLocation: sourceLocation)
        for row in rows {
            #expect(displayWidth(row) <= width, "a row wider than \(width): \(row)", sourceLocation: sourceLocation)
        }
        guard let listWidth else { return }
        var expected: [Int]?
        for row in rows.dropFirst().dropLast() {
            var column = 0
            var separators: [Int] = []
            for c in row {
                if c == "│" || c == "|", column < listWidth { separators.append(column) }
                column += displayWidth(String(c))
            }
            guard !separators.isEmpty else { continue }
            if let expected {
                #expect(
                    separators == expected, "separators moved to \(separators) (not \(expected)) in: \(row)",
                    sourceLocation: sourceLocation)
            } else {
                expected = separators
            }
        }
        #expect(expected != nil, "no table on the screen:\n\(screen)", sourceLocation: sourceLocation)
    }

    @Test("The explorer over a hostile dataset writes no byte of it as a control sequence, and shows every payload")
    func explorerWritesNoHostileBytes() async throws {
        let scratch = try T.Scratch()
        defer { scratch.cleanUp() }
        let data = scratch.path("hostile.json")
        try HostileFixture.write(to: data)
        let allies = try Tmux.alliesBinary()
        let go = Tmux.quote(scratch.path("go"))
        // After the explorer: the same payloads written raw by printf, with a canary title and clipboard text, to
        // prove that the title and clipboard checks below would see them.
        let canary = #"printf '\033]0;QCANARY\007\033]52;c;Q0FOQVJZ\007'; echo CANARY-SENT"#
        let tmux = try Tmux(
            width: 120, height: 40,
            command: try scratch.script(
                """
                i=0; while [ ! -e \(go) ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done
                before=$(stty -g)
                sh -c 'echo $$ > "$1"; shift; exec "$@"' sh \(Tmux.quote(scratch.path("pid"))) \(Tmux.quote(allies)) \
                    --data \(Tmux.quote(data))
                status=$?
                if [ "$before" = "$(stty -g)" ]; then echo TTY:SAME; else echo TTY:CHANGED; fi
                echo EXITED:$status
                \(canary)
                \(T.stay)
                """))
        defer { tmux.kill() }
        // tmux turns an OSC 52 from the pane into a paste buffer only with set-clipboard on.
        try tmux.run(["set-option", "-g", "set-clipboard", "on"])
        try tmux.recordOutput(to: scratch.path("raw"))
        _ = FileManager.default.createFile(atPath: scratch.path("go"), contents: nil)
        try await tmux.waitFor(format: "#{alternate_on}", equals: "1")
        let startTitle = try tmux.display("#{pane_title}")

        // Every screen the data reaches: the list with its preview pane, a company, the alliances and one, the
        // chips, a search; at several sizes.
        var screens: [String] = []
        let companies = try await tmux.waitForStableScreen()
        screens.append(companies)
        Self.expectAligned(companies, width: 120, height: 40, listWidth: 72)
        let steps: [(keys: [String], what: String)] = [
            (["Enter"], "a company"), (["NPage"], "further down the company"), (["Escape", "2"], "the alliances"),
            (["Enter"], "an alliance"), (["NPage"], "further down the alliance"), (["Escape", "4"], "the chips"),
            (["3"], "the timeline"), (["1", "/"], "the search prompt"),
        ]
        for step in steps {
            try tmux.run(["send-keys"] + step.keys)
            screens.append(try await tmux.waitForStableScreen(interval: .milliseconds(200)))
        }
        try tmux.type("qtitle")
        screens.append(try await tmux.waitFor(text: "Search: qtitle"))
        screens.append(try await tmux.waitForStableScreen(interval: .milliseconds(200)))
        try tmux.sendKeys("Escape")
        try await tmux.waitFor("back on Companies") { T.rows($0).first?.contains("Companies ›") == false }
        for (w, h) in [(60, 20), (30, 8), (200, 60)] {
            try tmux.resize(width: w, height: h)
            let screen = try await tmux.waitFor("a redraw at \(w)x\(h)") { s in
                let rows = T.rows(s)
                return rows.count == h && rows.first?.contains("Companies") == true && rows.last?.isEmpty == false
            }
            _ = screen
            let settled = try await tmux.waitForStableScreen(interval: .milliseconds(200))
            screens.append(settled)
            Self.expectAligned(settled, width: w, height: h, listWidth: w >= 100 ? w - min(56, max(36, w * 2 / 5)) : w)
        }
        let all = screens.joined(separator: "\n")

        // The data is on the screen, made visible: with sanitising removed these would be missing (the terminal
        // would have obeyed them) and the check below would have seen the raw bytes.
        for p in HostileFixture.payloads {
            #expect(all.contains(p.shown), "\(p.name): \(p.shown.debugDescription) never shown")
        }
        #expect(all.contains("QLONGwwww"), "the long word is shown")
        for screen in screens { T.expectNoEscapeGarbage(screen) }
        // Nothing obeyed: the title is untouched and no clipboard buffer was made.
        #expect(try tmux.display("#{pane_title}") == startTitle, "the pane's title changed")
        #expect(try tmux.run(["list-buffers"]).output.isEmpty, "a clipboard buffer was created (OSC 52)")

        try tmux.sendKeys("q")
        let after = try await tmux.waitFor(text: "CANARY-SENT")
        #expect(after.contains("EXITED:0"), "q should quit with 0:\n\(after)")
        #expect(after.contains("TTY:SAME"), "the terminal settings were not restored:\n\(after)")
        // The canary proves the detectors: the same kind of bytes, written raw, do change the title and clipboard.
        try await tmux.waitFor(format: "#{pane_title}", equals: "QCANARY")
        #expect(try tmux.run(["list-buffers"]).output.contains("CANARY"), "tmux did not take the canary's OSC 52")

        // The bytes the explorer wrote (up to the wrapper's "TTY:" line; the canary comes after it).
        let deadline = ContinuousClock.now + .seconds(5)
        var raw: [UInt8] = []
        while ContinuousClock.now < deadline {
            raw = [UInt8]((try? Data(contentsOf: URL(fileURLWithPath: scratch.path("raw")))) ?? Data())
            if raw.has(bytes: Array("CANARY-SENT".utf8)) { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        let end =
            (0..<max(0, raw.count - 3)).first { raw[$0..<($0 + 4)].elementsEqual(Array("TTY:".utf8)) } ?? raw.count
        let written = Array(raw[..<end])
        #expect(written.count > 10_000, "too little was recorded: \(written.count) bytes")
        let stream = TerminalStream(written)
        #expect(stream.problems.isEmpty, "not what ncurses writes:\n\(stream.problems.joined(separator: "\n"))")
        for p in HostileFixture.payloads where p.unambiguous {
            #expect(!written.has(bytes: Array(p.raw.utf8)), "\(p.name): the payload was written raw")
        }
        // The markers did go through, as text: the check above looked at the right stream.
        let text = String(decoding: stream.text, as: UTF8.self)
        for marker in ["QCLR", "QTITLE", "QCLIP", "QCONE", "QCR", "QBS", "QRLO", "QZWJ", "QLS", "QCMB"] {
            #expect(text.contains(marker), "\(marker) never written")
        }
        // And the canary, after the explorer, is seen as a problem by the same parser.
        #expect(!TerminalStream(Array(raw[end...])).problems.isEmpty, "the parser missed the canary's OSC")
        print(
            "HostileTerminalTests: \(written.count) bytes from the explorer over \(screens.count) screens, "
                + "\(stream.sequences.values.reduce(0, +)) control sequences of \(stream.sequences.count) shapes: "
                + stream.sequences.keys.sorted().joined(separator: " "))
    }

    /// The subcommands that print data, and a few that fail on it (suggestions quote the hostile names).
    static let commands: [[String]] = [
        ["companies"], ["alliances"], ["company", "h0"], ["company", "h4"], ["company", "hlong"],
        ["alliance", "deal-0"], ["alliance", "deal-3"], ["search", "qtitle"], ["search", "qrlo deal"],
        ["search", "QLONG"], ["timeline"], ["shares"], ["network", "h0"], ["path", "h0", "h5"], ["cycles"],
        ["company", "h5x"], ["path", "h0", "h4x"], ["alliance", "deal-99"], ["search", "\u{1B}]0;QTYPED\u{07}\"x"],
    ]

    @Test("The subcommands write no escape, C0 or C1 control, bidi or invisible character from a hostile dataset")
    func subcommandsWriteNoControls() throws {
        let scratch = try T.Scratch()
        defer { scratch.cleanUp() }
        let data = scratch.path("hostile.json")
        try HostileFixture.write(to: data)
        var environment = ProcessInfo.processInfo.environment
        environment["LC_ALL"] = "C.UTF-8"
        environment["ALLIES_DATA"] = nil
        environment["COLUMNS"] = nil
        var shownMarkers = 0
        var bytes = 0
        for arguments in Self.commands {
            let status = try spawnAndWait(
                try Tmux.alliesBinary(), ["--data", data] + arguments,
                environment: environment, stdout: scratch.path("out"),
                stderr: scratch.path("err"))
            let out = [UInt8]((try? Data(contentsOf: URL(fileURLWithPath: scratch.path("out")))) ?? Data())
            let err = [UInt8]((try? Data(contentsOf: URL(fileURLWithPath: scratch.path("err")))) ?? Data())
            bytes += out.count + err.count
            let failing = arguments.last!.hasSuffix("x") || arguments.last == "deal-99"
            if arguments[0] == "search" && arguments[1].hasPrefix("\u{1B}") {
                // A query typed with escapes in it: whatever the answer, it is printed safely (checked below).
                #expect(status == 0 || status == 1, "\(arguments): status \(status)")
            } else if failing {
                #expect(status == 1, "\(arguments): status \(status)")
                #expect(!err.isEmpty, "\(arguments): no message")
            } else {
                #expect(status == 0, "\(arguments): status \(status): \(String(decoding: err, as: UTF8.self))")
                #expect(!out.isEmpty, "\(arguments): nothing written")
            }
            for (name, stream) in [("stdout", out), ("stderr", err)] {
                let parsed = TerminalStream(stream, allowedControls: [0x09, 0x0A])
                #expect(
                    parsed.sequences.isEmpty && parsed.problems.isEmpty,
                    "\(arguments) \(name): \(parsed.sequences) \(parsed.problems.joined(separator: "; "))")
            }
            let text = String(decoding: out + err, as: UTF8.self)
            shownMarkers += HostileFixture.payloads.filter { $0.unambiguous && text.contains($0.shown) }.count
        }
        // The one documented exception: CSV into a pipe keeps the data byte for byte (README, "Strings from the
        // data are untrusted"), for scripts that want it exact.
        let csvStatus = try spawnAndWait(
            try Tmux.alliesBinary(), ["--data", data, "companies", "--format", "csv"],
            environment: environment, stdout: scratch.path("csv"), stderr: scratch.path("err"))
        let csv = [UInt8]((try? Data(contentsOf: URL(fileURLWithPath: scratch.path("csv")))) ?? Data())
        #expect(csvStatus == 0 && csv.has(bytes: Array("\u{1B}[2JQCLR".utf8)), "CSV into a pipe is no longer exact")
        // The data was printed (sanitised), not left out: many of the payloads appear in their visible form.
        #expect(shownMarkers >= 40, "only \(shownMarkers) sanitised payloads in all the output")

        // On a terminal (under util-linux `script`, Debian's bsdutils), CSV is sanitised too and JSON escapes every
        // control, C1 included. The pty turns \n into \r\n.
        let script = try #require(
            (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
                .split(separator: ":").map { "\($0)/script" }.first {
                    FileManager.default.isExecutableFile(atPath: $0)
                },
            "`script` (util-linux, Debian package bsdutils) is needed for the terminal half of this test")
        for arguments in [
            ["companies", "--format", "csv"], ["search", "qbel", "--format", "csv"],
            ["companies", "--format", "json"], ["company", "h7"],
        ] {
            let command = ([try Tmux.alliesBinary(), "--data", data] + arguments).map(Tmux.quote).joined(separator: " ")
            let status = try spawnAndWait(
                script, ["-q", "-e", "-c", command, "/dev/null"],
                environment: environment, stdout: scratch.path("tty"),
                stderr: scratch.path("tty"))
            let out = [UInt8]((try? Data(contentsOf: URL(fileURLWithPath: scratch.path("tty")))) ?? Data())
            #expect(status == 0, "\(arguments) on a terminal: status \(status)")
            var parsed = TerminalStream(out, allowedControls: [0x09, 0x0A, 0x0D])
            if arguments.contains("json") {
                // JSON keeps bidi controls, zero-width characters, U+2028 and the BOM raw, by design (the canonical
                // format does too); every control character, C1 included, is escaped.
                #expect(!parsed.forbidden.contains { (0x80...0x9F).contains($0) }, "\(arguments): a C1 control written")
                parsed.problems.removeAll { $0.hasSuffix("written as text") }
                #expect(String(decoding: out, as: UTF8.self).contains(#"\u001b[2JQCLR"#), "JSON escapes ESC")
                #expect(String(decoding: out, as: UTF8.self).contains(#"\u009b2JQCONE"#), "JSON escapes C1")
            }
            #expect(
                parsed.sequences.isEmpty && parsed.problems.isEmpty,
                "\(arguments) on a terminal: \(parsed.sequences) \(parsed.problems.joined(separator: "; "))")
            #expect(out.count > 100, "\(arguments) on a terminal: only \(out.count) bytes")
        }
        print(
            "HostileTerminalTests: \(Self.commands.count) subcommands and 4 on a terminal wrote \(bytes) bytes; "
                + "\(shownMarkers) sanitised payloads seen")
    }
}
