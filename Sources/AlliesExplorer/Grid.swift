import AlliesText

/// How a cell is drawn. Colours are semantic roles; the backend maps them to the terminal's palette, or ignores
/// them in monochrome (NO_COLOR, terminals without colour). Selection is always `reverse`, never colour alone.
public struct Style: Hashable, Sendable {
    public enum Role: UInt8, Sendable, CaseIterable {
        case normal, heading, dim, accent, money, warning, error, match, barFill, barBound, selection, border
    }
    public var role: Role
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool

    public init(_ role: Role = .normal, bold: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.role = role; self.bold = bold; self.reverse = reverse; self.underline = underline
    }

    public static let normal = Style()
}

/// One terminal cell. A wide character (CJK, most emoji) sits in its first cell with `width` 2; the cell after it
/// is a continuation with `width` 0 and an empty grapheme, which the backend skips.
public struct Cell: Hashable, Sendable {
    public var grapheme: String
    public var width: UInt8
    public var style: Style

    public init(_ grapheme: String = " ", width: UInt8 = 1, style: Style = .normal) {
        self.grapheme = grapheme; self.width = width; self.style = style
    }

    public static let blank = Cell()
    public var isContinuation: Bool { width == 0 }
}

public struct Size: Hashable, Sendable {
    public var width: Int
    public var height: Int
    public init(width: Int, height: Int) { self.width = width; self.height = height }
}

/// An in-memory screen: what `render` produces and what the backend draws. Writing never goes outside the grid
/// and never splits a wide character; text is sanitised on the way in.
public struct Grid: Sendable, Equatable {
    public let size: Size
    public private(set) var cells: [Cell]

    public init(_ size: Size) {
        self.size = Size(width: max(0, size.width), height: max(0, size.height))
        cells = Array(repeating: .blank, count: self.size.width * self.size.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * size.width + x] }
    }

    /// Writes `text` at (x, y), clipped to `maxWidth` columns (default: to the right edge) with `…` when cut.
    /// Returns the number of columns written.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: Style = .normal, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < size.height, x < size.width else { return 0 }
        let limit = min(maxWidth ?? Int.max, size.width - max(x, 0))
        guard limit > 0 else { return 0 }
        let clean = Clip.toWidth(Sanitize.line(text), limit)
        var column = x
        for character in clean {
            let w = TextWidth.of(character)
            if w == 0 { continue }
            if column >= 0 { put(Cell(String(character), width: UInt8(w), style: style), x: column, y: y) }
            column += w
        }
        return column - x
    }

    /// Fills columns x..<x+width of row y with `character` in `style`.
    public mutating func fill(x: Int, y: Int, width: Int, character: Character = " ", style: Style = .normal) {
        guard y >= 0, y < size.height else { return }
        let w = TextWidth.of(character)
        guard w >= 1 else { return }
        var column = max(0, x)
        while column + w <= min(size.width, x + width) {
            put(Cell(String(character), width: UInt8(w), style: style), x: column, y: y)
            column += w
        }
    }

    /// Applies `transform` to the style of every cell in columns x..<x+width of row y (e.g. reverse for selection).
    public mutating func restyle(x: Int, y: Int, width: Int, _ transform: (inout Style) -> Void) {
        guard y >= 0, y < size.height else { return }
        for column in max(0, x)..<min(size.width, max(0, x + width)) {
            transform(&cells[y * size.width + column].style)
        }
    }

    private mutating func put(_ cell: Cell, x: Int, y: Int) {
        guard x >= 0, y >= 0, y < size.height, x + Int(max(cell.width, 1)) <= size.width else { return }
        let i = y * size.width + x
        // Overwriting half of a wide character blanks its other half.
        if cells[i].isContinuation, x > 0 { cells[i - 1] = Cell(" ", style: cells[i - 1].style) }
        if cells[i].width == 2, x + 1 < size.width { cells[i + 1] = Cell(" ", style: cells[i + 1].style) }
        cells[i] = cell
        if cell.width == 2 {
            if x + 2 < size.width, cells[i + 2].isContinuation { cells[i + 2] = Cell(" ", style: cells[i + 2].style) }
            cells[i + 1] = Cell("", width: 0, style: cell.style)
        }
    }

    /// Row y as plain text (continuation cells skipped), for tests and golden files.
    public func text(row y: Int) -> String {
        var s = ""
        for x in 0..<size.width where !self[x, y].isContinuation { s += self[x, y].grapheme }
        return s
    }

    /// The whole screen as text, one line per row.
    public var text: String { (0..<size.height).map { text(row: $0) }.joined(separator: "\n") }
}
