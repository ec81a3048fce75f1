import AlliesCore
import AlliesText
import Foundation
import Synchronization
import Testing
@testable import AlliesExplorer

/// The bundled dataset, decoded once for all tests.
let bundledCatalog: Catalog = {
    switch Dataset.bundled() {
    case .success(let dataset): return Catalog(dataset)
    case .failure(let error): fatalError("bundled dataset does not load: \(error)")
    }
}()

/// An explorer over `catalog` at `size`, after the given messages.
func explorer(
    _ catalog: Catalog = bundledCatalog, size: Size = Size(width: 80, height: 24), unicode: Bool = true,
    language: Language = .en, _ messages: [Message] = []
) -> Explorer {
    var e = Explorer(catalog: catalog, datasetName: "test", language: language)
    deliver(&e, .terminal(TerminalCapabilities(unicode: unicode, color: true)))
    deliver(&e, .resize(size))
    for m in messages { deliver(&e, m) }
    return e
}

/// Sends `message`, doing any work it asks for at once (`Explorer.updateAndWait`).
@discardableResult
func deliver(_ e: inout Explorer, _ message: Message) -> Command { e.updateAndWait(message) }

/// Keys from a compact string: each character is a key, except
/// `<name>` tokens (`<enter>`, `<esc>`, `<down>`, `<C-c>`…).
func keys(_ s: String) -> [Message] {
    var out: [Message] = []
    var i = s.startIndex
    while i < s.endIndex {
        if s[i] == "<", let close = s[i...].firstIndex(of: ">"), close > s.index(after: i) {
            let name = String(s[s.index(after: i)..<close])
            let key: Key
            switch name {
            case "enter": key = .enter
            case "esc": key = .escape
            case "bs": key = .backspace
            case "del": key = .delete
            case "tab": key = .tab
            case "up": key = .up
            case "down": key = .down
            case "left": key = .left
            case "right": key = .right
            case "pgup": key = .pageUp
            case "pgdn": key = .pageDown
            case "home": key = .home
            case "end": key = .end
            case "lt": key = .character("<")
            default:
                if name.hasPrefix("C-"), let c = name.last {
                    key = .control(c)
                } else if name.hasPrefix("F"), let n = Int(name.dropFirst()) {
                    key = .function(n)
                } else {
                    fatalError("unknown key <\(name)>")
                }
            }
            out.append(.key(key))
            i = s.index(after: close)
        } else {
            out.append(.key(.character(s[i])))
            i = s.index(after: i)
        }
    }
    return out
}

/// Sends keys and returns the commands they produced.
@discardableResult
func press(_ e: inout Explorer, _ s: String) -> [Command] {
    keys(s).map { deliver(&e, $0) }
}

/// Runs commands by name, each with the first key the key table binds to it on the screen then on top (printable
/// keys are skipped in a prompt, where they are text), so remapping a key does not rewrite the tests.
@discardableResult
func press(_ e: inout Explorer, _ commands: CommandName..., sourceLocation: SourceLocation = #_sourceLocation)
    -> [Command]
{
    commands.map { command in
        guard let context = e.state.stack.last?.screen.context, let key = key(for: command, in: context) else {
            Issue.record("no key runs \(command) here", sourceLocation: sourceLocation)
            return .none
        }
        return deliver(&e, .key(key))
    }
}

/// The first key that runs `command` in `context` (one a more specific binding does not take first).
func key(for command: CommandName, in context: KeyContext) -> Key? {
    for b in KeyTable.bindings where b.command == command {
        for key in b.keys where KeyTable.binding(for: key, in: context)?.command == command {
            if context.isPrompt, case .character = key { continue }
            return key
        }
    }
    return nil
}

/// The row of the grid that contains `text`, if any.
func row(containing text: String, in grid: Grid) -> Int? {
    (0..<grid.size.height).first { grid.text(row: $0).contains(text) }
}

// MARK: Golden files

enum Golden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static var updating: Bool { ProcessInfo.processInfo.environment["ALLIES_UPDATE_GOLDEN"] == "1" }

    /// Compares a screen with its golden files: its text with Golden/`name`.txt, its styles with
    /// Golden/`name`.styles.txt (`styles(_:)`). With ALLIES_UPDATE_GOLDEN=1 the files are (re)written instead.
    static func check(_ name: String, _ grid: Grid, sourceLocation: SourceLocation = #_sourceLocation) {
        check(name, grid.text, sourceLocation: sourceLocation)
        check(name + ".styles", styles(grid), sourceLocation: sourceLocation)
    }

    /// The grid's styles, a line per row and a letter per character (continuation cells skipped, as in the text):
    /// `H` a search match on the selected row, `h` a search match, `r` reverse (the selection, the prompt's
    /// cursor), `b` bold, `u` underlined, `.` none of these. Colours are left out: they are roles a theme maps.
    static func styles(_ grid: Grid) -> String {
        (0..<grid.size.height).map { y in
            String(
                (0..<grid.size.width).compactMap { x -> Character? in
                    let cell = grid[x, y]
                    guard !cell.isContinuation else { return nil }
                    let s = cell.style
                    if s.role == .match { return s.reverse ? "H" : "h" }
                    if s.reverse { return "r" }
                    if s.bold { return "b" }
                    return s.underline ? "u" : "."
                })
        }.joined(separator: "\n")
    }

    /// Compares `actual` with Golden/`name`.txt. With ALLIES_UPDATE_GOLDEN=1 the file is (re)written instead.
    static func check(_ name: String, _ actual: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent(name + ".txt")
        let content = actual + "\n"
        if updating {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            do { try content.write(to: url, atomically: true, encoding: .utf8) } catch {
                Issue.record("could not write \(url.path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record(
                "missing golden file Golden/\(name).txt; run the tests with ALLIES_UPDATE_GOLDEN=1 to create it",
                sourceLocation: sourceLocation)
            return
        }
        if expected != content {
            let message: String =
                "screen differs from Golden/\(name).txt (ALLIES_UPDATE_GOLDEN=1 refreshes it):\n"
                + diff(expected, content)
            Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
        }
    }

    /// A line diff: the differing lines with their numbers, expected (-) above actual (+), `|` marking line ends.
    static func diff(_ expected: String, _ actual: String) -> String {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [String] = []
        for i in 0..<max(a.count, b.count) {
            let x = i < a.count ? String(a[i]) : nil
            let y = i < b.count ? String(b[i]) : nil
            if x != y {
                let number = String(i + 1)
                let pad = String(repeating: " ", count: max(0, 3 - number.count))
                let old: String = x.map { $0 + "|" } ?? "(no line)"
                let new: String = y.map { $0 + "|" } ?? "(no line)"
                out.append(pad + number + " - " + old)
                out.append(pad + number + " + " + new)
            }
        }
        return out.joined(separator: "\n")
    }
}
