import AlliesCore
import AlliesGenerator
import AlliesText
import Foundation
import Synchronization
import Testing
@testable import AlliesExplorer

// Property tests of the explorer: thousands of seeded random sequences of messages (keys, mouse, resizes, ticks,
// capability changes) through `update`, with the invariants checked after every message and `render` checked at
// random sizes. Deterministic: sequence i of a run uses the seed `base + i`, and a failure names the seed and the
// messages that led to it. Replay one with
//     ALLIES_PROPERTY_SEED=<seed> ALLIES_PROPERTY_SEQUENCES=1 swift test --filter PropertyTests
// A crash (a trap) cannot be reported by the test itself: a handler prints the seed that was running to stderr.

/// AlliesCore's SplitMix64 (the generator's seeder): its whole state is one number, so a seed replays exactly.
extension SplitMix64 {
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
}

/// A valid dataset (it goes through the real decoder) whose every string holds hostile content: escape and control
/// sequences, C1 controls, carriage returns, backspaces, bidi overrides, zero-width characters, lone combining marks,
/// line separators, wide characters and a 10,000-character word. Each payload ends in a unique marker (QCLR…).
enum HostileData {
    static let payloads: [(name: String, raw: String)] = [
        ("CSI clear", "\u{1B}[2JQCLR"), ("CSI home", "\u{1B}[HQHOME"), ("SGR colour", "\u{1B}[31;1mQRED"),
        ("OSC title", "\u{1B}]0;QTITLE\u{07}"), ("OSC 52 clipboard", "\u{1B}]52;c;UVdOTElQ\u{07}QCLIP"),
        ("OSC title, ST", "\u{1B}]2;QSTTL\u{1B}\\"), ("DCS", "\u{1B}P+q544e\u{1B}\\QDCS"),
        ("C1 CSI", "\u{9B}2JQCONE"), ("C1 OSC", "\u{9D}0;QCOSC\u{9C}"), ("CR", "abc\rQCR"),
        ("BS", "\u{08}\u{08}QBS"), ("BEL", "\u{07}QBEL"), ("NUL", "\u{0}QNUL"), ("DEL", "\u{7F}QDEL"),
        ("LF", "\nQNL"), ("TAB", "\tQTAB"), ("RLO", "\u{202E}QRLO"), ("isolate", "\u{2066}QISO\u{2069}"),
        ("ZWJ", "Q\u{200D}ZWJ"), ("ZWSP", "\u{200B}QZWSP"), ("lone combining", "\u{0301}\u{0301}QCMB"),
        ("line separator", "\u{2028}QLS\u{2029}"), ("BOM", "\u{FEFF}QBOM"), ("trailing ESC", "QEND\u{1B}"),
        ("wide", "阿里巴巴🚀👩‍💻QWIDE"),
    ]
    static let longWord = "QLONG" + String(repeating: "w", count: 10_000)
    static let everything = payloads.map(\.raw).joined(separator: " ")

    /// Four payloads, a different four for each `n`: every field of every record holds some, and each payload
    /// comes in every kind of field (a string with all of them everywhere only makes the sequences slow).
    static func some(_ n: Int) -> String {
        [0, 7, 13, 19].map { payloads[(n + $0) % payloads.count].raw }.joined(separator: " ")
    }

    /// The dataset as JSON text (JSONSerialization escapes what JSON requires; the rest goes in raw).
    static func json() throws -> Data {
        func text(_ s: String) -> [String: Any] { ["en": s, "es": s] }
        // Everything at once, and the 10,000-character word, in one record of each kind.
        let all = everything + " " + longWord
        func quote(_ n: Int) -> [[String: Any]] {
            [["article": n == 0 ? "hx" : "hy", "quote": some(n), "note": some(n + 1)]]
        }
        var companies: [[String: Any]] = payloads.enumerated().map { i, p in
            [
                "id": "h\(i)", "name": p.raw + " N\(i)", "aliases": [p.raw], "kind": "other",
                "description": text(i == 0 ? all : some(i)), "products": [p.raw], "groups": ["g"],
                "sources": i == 0 ? quote(0) + [["article": "hx", "quote": all]] : quote(i),
                "citations": [
                    ["publisher": p.raw, "title": i == 0 ? all : some(i + 2), "url": p.raw, "supports": p.raw]
                ],
            ]
        }
        companies.append([
            "id": "hlong", "name": longWord, "kind": "startup", "parent": "h0",
            "description": text(longWord), "sources": quote(3),
        ])
        companies.append([
            "id": "hunit", "name": "Unit " + everything, "kind": "cloud", "parent": "h1",
            "description": text(everything), "sources": quote(4),
        ])
        let kinds = ["investment", "cloud-contract", "chip-supply", "partnership", "acquisition", "energy"]
        let roles = [
            ("investor", "investee"), ("customer", "supplier"), ("customer", "supplier"),
            ("partner", "partner"), ("acquirer", "target"), ("customer", "supplier"),
        ]
        let ids = companies.map { $0["id"] as! String }
        var alliances: [[String: Any]] = []
        // A chain through every company, plus back edges so that there are loops and several paths.
        var pairs = (0..<(ids.count - 1)).map { ($0, $0 + 1) }
        pairs += [(3, 0), (7, 2), (12, 5), (ids.count - 1, 9), (20, 1)]
        for (n, (a, b)) in pairs.enumerated() {
            let (ra, rb) = roles[n % roles.count]
            let p = payloads[n % payloads.count].raw
            alliances.append([
                "id": "deal-\(n)", "kind": kinds[n % kinds.count],
                "parties": [["company": ids[a], "role": ra], ["company": ids[b], "role": rb]],
                "amounts": [["value": Double(n + 1) * 1e9, "currency": "USD", "note": some(n + 3)]],
                "date": ["value": "20\(10 + n % 15)-0\(1 + n % 9)", "event": "announced"], "status": "announced",
                "title": text(p + " deal \(n)"), "summary": text(n == 0 ? all : some(n + 5)), "products": [p],
                "sources": n == 1 ? quote(n) + [["article": "hx", "quote": all]] : quote(n),
                "citations": [["publisher": p, "title": some(n + 6), "supports": p]],
                "disagreement": n == 2 ? everything : some(n + 9),
            ])
        }
        let dataset: [String: Any] = [
            "format": "allies-dataset", "version": 1,
            "articles": [
                [
                    "id": "hx", "title": everything, "outlet": everything, "author": everything,
                    "publishedNote": everything, "language": "es", "url": everything,
                ],
                ["id": "hy", "title": some(11), "outlet": some(12), "author": some(13), "language": "en"],
            ],
            "groups": [["id": "g", "name": everything, "description": text(everything)]],
            "companies": companies, "alliances": alliances,
            "claims": [
                ["id": "c1", "about": ["company": "h0"], "kind": "other", "text": text(all), "sources": quote(0)],
                [
                    "id": "c2", "about": ["topic": everything], "kind": "cost",
                    "figure": ["value": 40, "unit": "percent", "bound": "more-than"], "text": text(some(2)),
                    "sources": quote(2),
                ],
            ],
            "people": [
                [
                    "id": "p1", "name": everything, "role": text(all), "organization": "h0",
                    "organizationName": everything, "sources": quote(0),
                ]
            ],
            "shareEstimates": [
                [
                    "id": "s1", "market": everything, "scope": all, "metric": "units", "region": some(3),
                    "year": 2025, "forecast": false, "publisher": some(4),
                    "shares": [
                        ["vendor": "h1", "label": everything, "value": 50],
                        ["label": longWord, "bound": "range", "value": 10, "upper": 20],
                        ["vendor": "h2", "label": some(5), "bound": "more-than", "value": 25],
                    ],
                    "sources": quote(5),
                ]
            ],
        ]
        return try JSONSerialization.data(withJSONObject: dataset)
    }

    static let catalog: Catalog = {
        let data = (try? json()) ?? Data()
        switch Dataset.decode([UInt8](data), file: "hostile.json") {
        case .success(let dataset): return Catalog(dataset)
        case .failure(let error): fatalError("the hostile dataset is not valid: \(error)")
        }
    }()
}

/// What a cell may never hold: C0 and C1 controls (ESC among them), DEL, bidirectional controls, zero-width and
/// invisible format characters, line and paragraph separators.
func isForbiddenOnScreen(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    if v >= 0x20 && v < 0x7F { return false }
    if v < 0x20 || (0x7F...0x9F).contains(v) { return true }
    switch v {
    case 0x200B...0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C, 0xFEFF, 0x2028, 0x2029: return true
    default: return scalar.properties.generalCategory == .format
    }
}

/// The grid's own invariants: exactly `size` cells, every row exactly the grid's width in columns (a wide character
/// counts 2 and is followed by its continuation cell), each cell as wide as its grapheme, nothing forbidden.
func gridProblems(_ grid: Grid, _ size: Size) -> String? {
    let width = max(0, size.width), height = max(0, size.height)
    guard grid.size == Size(width: width, height: height) else { return "grid is \(grid.size), asked for \(size)" }
    guard grid.cells.count == width * height else { return "grid has \(grid.cells.count) cells for \(width)x\(height)" }
    let cells = grid.cells
    for y in 0..<height {
        var columns = 0
        var x = 0
        var ascii = true
        while x < width {
            let cell = cells[y * width + x]
            // The common case, a printable ASCII character in a cell of width 1, checked cheaply.
            let utf8 = cell.grapheme.utf8
            if utf8.count == 1, let b = utf8.first, b >= 0x20, b < 0x7F, cell.width == 1 {
                columns += 1
                x += 1
                continue
            }
            ascii = false
            if cell.isContinuation { return "row \(y): a continuation cell at column \(x) without a wide character" }
            var characters = cell.grapheme.makeIterator()
            guard let character = characters.next(), characters.next() == nil else {
                return "row \(y), column \(x): cell does not hold one character: \(cell.grapheme.debugDescription)"
            }
            if let bad = cell.grapheme.unicodeScalars.first(where: isForbiddenOnScreen) {
                return "row \(y), column \(x): forbidden U+\(String(bad.value, radix: 16, uppercase: true)) in "
                    + "\(cell.grapheme.debugDescription)"
            }
            let w = TextWidth.of(character)
            guard w == Int(cell.width), w >= 1 else {
                return
                    "row \(y), column \(x): \(cell.grapheme.debugDescription) is \(w) wide, the cell says \(cell.width)"
            }
            if w == 2 {
                guard x + 1 < width, cells[y * width + x + 1].isContinuation else {
                    return "row \(y): wide \(cell.grapheme.debugDescription) at column \(x) has no continuation"
                }
            }
            columns += w
            x += w
        }
        if columns != width { return "row \(y) is \(columns) columns wide, not \(width)" }
        // Cells written one after another must not merge (a cell starting with a combining mark would join the one
        // before it on a terminal): the row as text measures the same.
        if !ascii, TextWidth.of(grid.text(row: y)) != width { return "row \(y)'s text is not \(width) columns wide" }
    }
    return nil
}

/// The seed of the sequence each property test is running, written to stderr by a crash handler (a trap kills the
/// test process before the test can report anything). One slot per test, as the two run side by side.
enum CrashNote {
    private static let slots = 2
    private static let capacity = 512
    nonisolated(unsafe) private static let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: slots * capacity)
    nonisolated(unsafe) private static let lengths = UnsafeMutablePointer<Int>.allocate(capacity: slots)
    private static let users = Mutex<Int>(0)
    nonisolated(unsafe) private static var saved: [Int32: sigaction] = [:]
    private static let signals: [Int32] = [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT]

    static func set(_ slot: Int, _ text: String) {
        let bytes = Array(("\n*** PropertyTests: crashed while running " + text + "\n").utf8.prefix(capacity))
        lengths[slot] = 0
        for (i, b) in bytes.enumerated() { buffer[slot * capacity + i] = b }
        lengths[slot] = bytes.count
    }

    static func install() {
        users.withLock { users in
            users += 1
            guard users == 1 else { return }
            for slot in 0..<slots { lengths[slot] = 0 }
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { sig in
                for slot in 0..<CrashNote.slots where CrashNote.lengths[slot] > 0 {
                    _ = write(2, CrashNote.buffer + slot * CrashNote.capacity, CrashNote.lengths[slot])
                }
                // Put back what was there (the Swift runtime's backtracer, or the default) and let it handle the
                // fault: a trap re-executes on return, an abort is raised again.
                if var old = CrashNote.saved[sig] { sigaction(sig, &old, nil) } else { signal(sig, SIG_DFL) }
                if sig == SIGABRT { raise(sig) }
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = Int32(SA_NODEFER)
            var previous: [Int32: sigaction] = [:]
            for sig in signals {
                var old = sigaction()
                if sigaction(sig, nil, &old) == 0 { previous[sig] = old }
            }
            saved = previous
            for sig in signals { sigaction(sig, &action, nil) }
        }
    }

    static func uninstall(_ slot: Int) {
        lengths[slot] = 0
        users.withLock { users in
            users -= 1
            guard users == 0 else { return }
            for (sig, var old) in saved { sigaction(sig, &old, nil) }
        }
    }
}

@Suite("Properties: random message sequences through update and render", .serialized)
struct PropertyTests {
    /// The first seed of a run (ALLIES_PROPERTY_SEED, else a fixed one so runs are reproducible).
    static let baseSeed: UInt64 =
        ProcessInfo.processInfo.environment["ALLIES_PROPERTY_SEED"].flatMap { UInt64($0) }
        ?? 0xA11_1E5
    /// Sequences per dataset: ALLIES_PROPERTY_SEQUENCES for both (more for a longer hunt, 1 to replay a seed).
    static let sequences: (bundled: Int, hostile: Int) = {
        if let n = ProcessInfo.processInfo.environment["ALLIES_PROPERTY_SEQUENCES"].flatMap({ Int($0) }) {
            return (n, n)
        }
        return (1200, 800)
    }()

    static let hostileText: [Character] = [
        "é", "阿", "🚀", "\u{0301}", "\u{202E}", "\u{200D}", "\u{FEFF}", "\u{1B}",
        "\u{9B}", "\r", "\u{7}", "\u{2028}", "👩‍💻", " ", "\"", ":", "-", "|", ">",
    ]
    static let navigation: [Key] = [
        .character("j"), .character("k"), .down, .up, .pageDown, .pageUp, .character("g"),
        .character("G"), .home, .end, .character(" "), .control("f"), .control("b"),
    ]
    static let opening: [Key] = [.enter, .character("l"), .right, .character("o"), .character("w"), .character("t")]
    static let backing: [Key] = [.escape, .backspace, .character("h"), .left, .character("q")]
    static let commands: [Key] = [
        .character("1"), .character("2"), .character("3"), .character("4"), .character("5"),
        .character("s"), .character("f"), .character("F"), .character("m"), .character("p"),
        .character("c"), .character("n"), .character("N"), .character("/"), .character("?"),
        .function(1), .function(2), .tab, .backTab, .delete,
    ]
    static let editing: [Key] = [
        .control("w"), .control("u"), .control("a"), .control("e"), .control("n"),
        .control("p"), .control("z"), .control("x"), .function(12),
    ]

    /// One random message, weighted towards what people press.
    static func randomMessage(_ rng: inout SplitMix64, catalog: Catalog) -> Message {
        switch rng.below(100) {
        case 0..<28: return .key(navigation[rng.below(navigation.count)])
        case 28..<40: return .key(opening[rng.below(opening.count)])
        case 40..<50: return .key(backing[rng.below(backing.count)])
        case 50..<64: return .key(commands[rng.below(commands.count)])
        case 64..<68: return .key(editing[rng.below(editing.count)])
        case 68..<80:
            // Text: letters that match the data, digits, hostile characters.
            let letters = Array("abcdefghijklmnopqrstuvwxyzQCLRTEN0123456789")
            let c = rng.chance(70) ? letters[rng.below(letters.count)] : hostileText[rng.below(hostileText.count)]
            return .key(.character(c))
        case 80..<82: return .key(.control("c"))
        case 82..<88:
            let actions: [Mouse.Action] = [.press, .doubleClick, .wheelUp, .wheelDown]
            return .mouse(Mouse(actions[rng.below(4)], x: rng.below(130) - 5, y: rng.below(50) - 5))
        case 88..<94: return .resize(randomSize(&rng))
        case 94..<96: return .tick
        case 96..<98: return .terminal(TerminalCapabilities(unicode: rng.chance(70), color: rng.chance(50)))
        case 98: return .loadProgress([0.5, -1, 7, .nan, .infinity][rng.below(5)])
        default:
            // Loading the data again (it rebuilds the search index: rare).
            return rng.chance(20) ? .dataLoaded(.loaded(catalog, name: "again")) : .tick
        }
    }

    /// Sizes from 1x1 to 300x100: the edges (too small, the preview pane's threshold, 0x0 and negative from a
    /// confused backend) and common sizes more often than any one random size (which also keeps the explorer's item
    /// cache warm: every new width rebuilds a screen's rows).
    static let commonSizes = [
        Size(width: 1, height: 1), Size(width: 300, height: 100), Size(width: 29, height: 7),
        Size(width: 30, height: 8), Size(width: 99, height: 30), Size(width: 100, height: 30),
        Size(width: 0, height: 0), Size(width: 2, height: 100), Size(width: 300, height: 1),
        Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 40, height: 12),
        Size(width: -4, height: 9),
    ]
    static func randomSize(_ rng: inout SplitMix64) -> Size {
        if rng.chance(60) { return commonSizes[rng.below(commonSizes.count)] }
        return Size(width: 1 + rng.below(300), height: 1 + rng.below(100))
    }

    static func describe(_ m: Message) -> String {
        switch m {
        case .key(let k): return "\(k)"
        case .mouse(let mouse): return "mouse(\(mouse.action) \(mouse.x),\(mouse.y))"
        case .resize(let s): return "resize(\(s.width)x\(s.height))"
        case .tick: return "tick"
        case .terminal(let c): return "terminal(unicode: \(c.unicode), color: \(c.color))"
        case .loadProgress(let p): return "progress(\(p))"
        case .dataLoaded: return "dataLoaded"
        default: return String(describing: m).prefix(60).description
        }
    }

    /// The invariants that hold after every message.
    static func stateProblems(_ e: Explorer, after message: Message, command: Command, before: AppState) -> String? {
        let state = e.state
        guard !state.stack.isEmpty else { return "the screen stack is empty" }
        if state.stack.count > AppState.maxDepth {
            return "the stack is \(state.stack.count) deep, more than \(AppState.maxDepth)"
        }
        if command == .quit {
            // Quitting is Ctrl-C, or q on a top-level browsing screen: never a slip of another key.
            let topLevelQ: Bool = {
                guard case .key(.character("q")) = message else { return false }
                return before.stack.count == 1 && !(before.stack.last!.screen.context.isPrompt)
                    && (before.stack.last!.screen as? NetworkScreen)?.prompt == nil
            }()
            guard case .key(.control("c")) = message else {
                if !topLevelQ { return "\(describe(message)) quit the explorer" }
                return nil
            }
        }
        guard let (items, layout) = state.topItems() else { return "no items for the top screen" }
        let frame = state.stack.last!
        // Through the cheap accessors: a long list's rows are built lazily, one at a time, when drawn.
        let anySelectable = items.indices.contains { items.isSelectable($0) }
        if !anySelectable {
            if frame.selected != -1 { return "selection \(frame.selected) on a screen with nothing selectable" }
        } else {
            guard items.indices.contains(frame.selected) else {
                return "selection \(frame.selected) outside the list of \(items.count) items"
            }
            if !items.isSelectable(frame.selected) { return "selection \(frame.selected) is not a selectable row" }
            if frame.selectedID != items.id(at: frame.selected) {
                return "selectedID \(frame.selectedID?.description ?? "nil") is not the selected row's "
                    + (items.id(at: frame.selected)?.description ?? "nil")
            }
        }
        let place = Placement(items)
        let maxScroll = max(0, place.total - layout.listHeight)
        if frame.scroll < 0 || frame.scroll > maxScroll {
            return "scroll \(frame.scroll) outside 0...\(maxScroll)"
        }
        if frame.selected >= 0 {
            let top = place.tops[frame.selected], bottom = top + items.lineCount(frame.selected)
            if !(top < frame.scroll + layout.listHeight && bottom > frame.scroll) {
                return "the selected row (lines \(top)..<\(bottom)) is not on screen (scroll \(frame.scroll), "
                    + "height \(layout.listHeight))"
            }
        }
        return nil
    }

    /// Repeated Esc reaches a top-level screen (a stack of one) within a bound, and never quits.
    static func escapeProblems(_ e: Explorer) -> String? {
        var copy = e
        let bound = 2 * copy.state.stack.count + 1
        var presses = 0
        while copy.state.stack.count > 1 || copy.state.stack.last?.screen.context.isPrompt == true
            || (copy.state.stack.last?.screen as? NetworkScreen)?.prompt != nil
        {
            if presses == bound {
                return "\(bound) presses of Esc did not reach a top-level screen: \(copy.state.screens)"
            }
            if copy.update(.key(.escape)) == .quit { return "Esc quit the explorer" }
            presses += 1
        }
        return nil
    }

    /// Runs `count` sequences over one dataset; returns how many ran to the end, and the number of messages, renders
    /// and Esc walks checked.
    static func run(_ catalog: Catalog, _ label: String, count: Int, seedOffset: UInt64, slot: Int)
        -> (passed: Int, messages: Int, renders: Int, walks: Int)
    {
        var counts = (passed: 0, messages: 0, renders: 0, walks: 0)
        var deepest = 0
        var sizes = Set<Size>()
        CrashNote.install()
        defer { CrashNote.uninstall(slot) }
        // Explorers to start from, one per common size and glyph set, copied for each sequence: building the search
        // index every time would cost more than the sequences themselves, and each keeps its own item cache warm.
        let bases = commonSizes.flatMap { size in [true, false].map { explorer(catalog, size: size, unicode: $0) } }
        let started = ContinuousClock.now
        sequences: for i in 0..<count {
            let seed = baseSeed &+ seedOffset &+ UInt64(i)
            let replay =
                "ALLIES_PROPERTY_SEED=\(seed &- seedOffset) ALLIES_PROPERTY_SEQUENCES=1 swift test "
                + "--filter PropertyTests"
            CrashNote.set(slot, "\(label) seed \(seed): replay with \(replay)")
            var rng = SplitMix64(seed: seed)
            let start = rng.below(bases.count)
            var e = bases[start]
            let capabilities = TerminalCapabilities(unicode: start % 2 == 0, color: rng.chance(50))
            _ = e.update(.terminal(capabilities))
            var log = [describe(.resize(commonSizes[start / 2])), describe(.terminal(capabilities))]
            func fail(_ problem: String) {
                Issue.record(
                    Comment(
                        rawValue: "\(label), seed \(seed) (replay: \(replay)): \(problem)\n"
                            + "after \(log.count) messages: \(log.joined(separator: ", "))\nscreens: \(e.state.screens)"
                    ))
            }
            // 4 to 16 messages. The grid is checked at the end and, in half the sequences, at a random point before;
            // so is the walk back with Esc.
            let steps = 4 + rng.below(13)
            let renderAt: Set = rng.chance(50) ? [rng.below(steps), steps - 1] : [steps - 1]
            let walkAt: Set = rng.chance(50) ? [rng.below(steps), steps - 1] : [steps - 1]
            for step in 0..<steps {
                let message = randomMessage(&rng, catalog: catalog)
                log.append(describe(message))
                let before = e.state
                let command = e.update(message)
                counts.messages += 1
                deepest = max(deepest, e.state.stack.count)
                if let problem = stateProblems(e, after: message, command: command, before: before) {
                    fail(problem); continue sequences
                }
                if renderAt.contains(step) {
                    let size = rng.chance(50) ? e.state.size : randomSize(&rng)
                    sizes.insert(size)
                    counts.renders += 1
                    if let problem = gridProblems(e.render(size), size) {
                        fail("render at \(size.width)x\(size.height): \(problem)"); continue sequences
                    }
                }
                if walkAt.contains(step) {
                    counts.walks += 1
                    if let problem = escapeProblems(e) { fail(problem); continue sequences }
                }
            }
            counts.passed += 1
        }
        print(
            "PropertyTests \(label): \(count) sequences (seeds \(baseSeed &+ seedOffset) to "
                + "\(baseSeed &+ seedOffset &+ UInt64(max(0, count - 1)))), \(counts.messages) messages, "
                + "\(counts.renders) "
                + "renders at \(sizes.count) sizes, \(counts.walks) Esc walks, deepest stack \(deepest), "
                + "in \(ContinuousClock.now - started)")
        return counts
    }

    @Test("Random sequences over the bundled dataset keep every invariant")
    func bundledDataset() {
        let counts = Self.run(bundledCatalog, "bundled", count: Self.sequences.bundled, seedOffset: 0, slot: 0)
        #expect(counts.passed == Self.sequences.bundled)
    }

    @Test("Random sequences over a hostile dataset keep every invariant, and no cell holds a control")
    func hostileDataset() {
        let counts = Self.run(
            HostileData.catalog, "hostile", count: Self.sequences.hostile, seedOffset: 1_000_000,
            slot: 1)
        #expect(counts.passed == Self.sequences.hostile)
    }

    @Test("The hostile dataset is valid, and its markers are drawn, made visible")
    func hostileDatasetIsDrawnSanitised() {
        let catalog = HostileData.catalog
        #expect(catalog.dataset.companies.count == HostileData.payloads.count + 2)
        var e = explorer(catalog, size: Size(width: 140, height: 60))
        var screen = e.render(Size(width: 140, height: 60)).text
        press(&e, .open)
        screen += e.render(Size(width: 140, height: 60)).text
        // What sanitising makes of each payload: if it were removed, these would not be on the screen.
        for shown in [
            "␛[2JQCLR", "␛[HQHOME", "␛[31;1mQRED", "␛]0;QTITLE␇", "␛]52;c;UVdOTElQ␇QCLIP",
            "␛]2;QSTTL␛\\",
            "␛P+q544e␛\\QDCS", "�2JQCONE", "�0;QCOSC�", "abc␍QCR", "␈␈QBS", "␇QBEL", "␀QNUL",
            "�QDEL",
            "␊QNL", " QTAB", "QRLO", "QISO", "QZWJ", "QZWSP", "◌́́QCMB", "QLS", "QBOM", "QEND␛",
            "阿里巴巴🚀", "QLONGwww",
        ] {
            #expect(screen.contains(shown), "\(shown.debugDescription) is not on the screen:\n\(screen)")
        }
        #expect(gridProblems(e.render(Size(width: 140, height: 60)), Size(width: 140, height: 60)) == nil)
    }

    @Test("The screen stack is bounded: a thousand Enters through partners stay within the maximum depth")
    func stackIsBounded() {
        var e = explorer(bundledCatalog)
        select(&e, "anthropic")
        press(&e, .open)
        for _ in 0..<1000 {
            // On a company screen the first row that opens something is selected: a partner or an alliance.
            press(&e, .open)
            #expect(e.state.stack.count <= AppState.maxDepth)
        }
        #expect(e.state.stack.count == AppState.maxDepth, "a long walk fills the stack up to its maximum")
        #expect(e.state.screens.first == .companies, "the root is kept")
        var presses = 0
        while e.state.stack.count > 1 && presses < 1000 { press(&e, .back); presses += 1 }
        #expect(presses == AppState.maxDepth - 1)
        #expect(e.state.screens == [.companies])
    }

    // Regressions for what these properties found.

    @Test("Scrolling a screen with nothing to select stays within its rows (the wheel and the prompt's Up)")
    func scrollingWithNothingSelectableIsClamped() {
        let solo = Catalog(
            Dataset(companies: [
                Company(
                    id: "solo", name: "Solo", kind: .other,
                    description: LocalizedText(en: "x", es: "x"))
            ]))
        var e = explorer(solo)
        press(&e, .network)
        #expect(e.state.top == .network("solo"))
        #expect(e.state.selectedIndex == -1, "a network without ties has nothing to select")
        for _ in 0..<3 { _ = e.update(.mouse(Mouse(.wheelUp, x: 5, y: 5))) }
        #expect(e.state.scrollOffset == 0, "the wheel scrolled above the first row")
        for _ in 0..<50 { _ = e.update(.mouse(Mouse(.wheelDown, x: 5, y: 5))) }
        let (items, layout) = e.state.topItems()!
        #expect(e.state.scrollOffset <= max(0, Placement(items).total - layout.listHeight))
        var f = explorer(solo)
        press(&f, .search)
        press(&f, "zzzz")
        press(&f, .promptUp, .promptUp, .promptUp)
        #expect(f.state.scrollOffset == 0, "Up in a prompt without results scrolled above the first row")
    }

    @Test("Wrapping a 100,000-character word takes linear time, and loses nothing")
    func wrappingALongWordIsLinear() {
        let word = String(repeating: "w", count: 50_000) + String(repeating: "阿", count: 50_000)
        let started = ContinuousClock.now
        let lines = Clip.wrap(word, 80)
        // Quadratic (measuring the rest of the word after every line), this took minutes.
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(lines.joined() == word)
        #expect(lines.allSatisfy { TextWidth.of($0) <= 80 })
        #expect(lines.count == 50_000 / 80 + 50_000 / 40)
    }

    @Test("Line and paragraph separators are drawn as a visible ␤, never passed to the terminal")
    func lineSeparatorsAreMadeVisible() {
        #expect(Sanitize.line("a\u{2028}b\u{2029}c") == "a␤b␤c")
        var grid = Grid(Size(width: 10, height: 1))
        grid.write("x\u{2028}y", x: 0, y: 0)
        #expect(grid.text(row: 0) == "x␤y       ")
    }
}
