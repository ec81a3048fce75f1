import AlliesCore
import AlliesExplorer
import CNcursesw
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How each style role looks: a colour pair (0 = the terminal's default colours) and attributes.
struct Palette {
    private var pairs = [Int16](repeating: 0, count: Style.Role.allCases.count)
    private var attributes = [attr_t](repeating: 0, count: Style.Role.allCases.count)

    /// Sets up colour pairs when `color` (and the terminal agrees); otherwise a monochrome theme of attributes.
    /// Colours go on the terminal's default background (use_default_colors), so light and dark themes both work.
    init(color: Bool) {
        let bold = allies_a_bold(), dim = allies_a_dim(), underline = allies_a_underline()
        let reverse = allies_a_reverse()
        var useColor = color && has_colors() && start_color() == OK
        var background: Int16 = -1
        if useColor, use_default_colors() != OK { background = Int16(COLOR_BLACK) }
        if useColor, allies_colors() < 8 || allies_color_pairs() < 16 { useColor = false }

        for role in Style.Role.allCases {
            let i = Int(role.rawValue)
            if useColor {
                let (foreground, extra): (Int32?, attr_t) =
                    switch role {
                    case .normal: (nil, 0)
                    case .heading: (nil, bold)
                    case .dim: (nil, dim)
                    case .accent: (COLOR_CYAN, 0)
                    case .money: (COLOR_GREEN, 0)
                    case .warning: (COLOR_YELLOW, 0)
                    case .error: (COLOR_RED, bold)
                    case .match: (COLOR_YELLOW, bold | underline)
                    case .barFill: (COLOR_CYAN, 0)
                    case .barBound: (COLOR_MAGENTA, 0)
                    case .selection: (nil, reverse)
                    case .border: (nil, dim)
                    }
                if let foreground {
                    let pair = Int16(i + 1)
                    if init_pair(pair, Int16(foreground), background) == OK { pairs[i] = pair }
                }
                attributes[i] = extra
            } else {
                attributes[i] =
                    switch role {
                    case .normal, .money, .barFill: 0
                    case .heading, .accent, .warning, .error: bold
                    case .dim, .barBound, .border: dim
                    case .match: bold | underline
                    case .selection: reverse
                    }
            }
        }
    }

    func look(_ style: Style) -> (pair: Int16, attributes: attr_t) {
        let i = Int(style.role.rawValue)
        var a = attributes[i]
        if style.bold { a |= allies_a_bold() }
        if style.reverse { a |= allies_a_reverse() }
        if style.underline { a |= allies_a_underline() }
        return (pairs[i], a)
    }
}

/// Copies grids into the ncurses screen; ncurses works out what to send to the terminal.
struct Screen {
    let palette: Palette
    private var shown: Grid?
    private let maxScalars = Int(allies_ccharw_max())

    init(palette: Palette) { self.palette = palette }

    /// The screen's size as ncurses knows it.
    static var size: Size { Size(width: Int(allies_cols()), height: Int(allies_lines())) }

    /// Forgets what is on the screen: the next `draw` rewrites every cell and repaints the whole terminal.
    mutating func invalidate() {
        shown = nil
        clearok(allies_curscr(), true)
    }

    /// Draws `grid` (only the cells that changed since the last draw) and refreshes.
    mutating func draw(_ grid: Grid) {
        if let shown, shown == grid { return }
        let window = allies_stdscr()
        let previous = shown.flatMap { $0.size == grid.size ? $0 : nil }
        if previous == nil { werase(window) }
        let rows = min(grid.size.height, Int(allies_lines()))
        let columns = min(grid.size.width, Int(allies_cols()))
        var cell = cchar_t()
        // On a one-column terminal the bottom-right cell stays blank: ncurses 6.4 writes that cell (on terminals with
        // automatic margins and no way to turn them off, as in tmux and screen) by inserting it at column
        // `columns - 2`, and at one column reads and sends the memory before the line.
        let skipsCorner = Int(allies_cols()) == 1 && rows == Int(allies_lines())
        for y in 0..<rows {
            for x in 0..<columns {
                let c = grid[x, y]
                if c.isContinuation { continue }
                if skipsCorner && y == rows - 1 { continue }
                if let previous, previous[x, y] == c,
                    c.width < 2 || x + 1 >= columns || previous[x + 1, y] == grid[x + 1, y]
                {
                    continue
                }
                put(c, x: x, y: y, columns: columns, into: &cell)
            }
        }
        wrefresh(window)
        shown = grid
    }

    /// Writes one cell. What ncurses is given always has the width the grid reserved for it, so a disagreement
    /// between the grid's width table and the C library's wcwidth can never shift the rest of the line.
    private func put(_ c: Cell, x: Int, y: Int, columns: Int, into cell: inout cchar_t) {
        let window = allies_stdscr()
        let (pair, attributes) = palette.look(c.style)
        let width = Int(max(c.width, 1))
        guard x + width <= columns else {
            write(" ", at: x, y: y, pair: pair, attributes: attributes, into: &cell)
            return
        }
        var scalars = drawable(c.grapheme)
        let first = scalars.first ?? 0x20
        let firstWidth = Int(wcwidth(first))
        if firstWidth == width {
            scalars.append(0)
            _ = scalars.withUnsafeBufferPointer { setcchar(&cell, $0.baseAddress, attributes, pair, nil) }
            _ = mvwadd_wch(window, Int32(y), Int32(x), &cell)
        } else if firstWidth == 1, width == 2 {
            // e.g. an emoji made wide by VS16: draw its base alone, narrow, and a blank after it.
            write(
                String(Unicode.Scalar(UInt32(bitPattern: first)) ?? "?"), at: x, y: y, pair: pair,
                attributes: attributes, into: &cell)
            write(" ", at: x + 1, y: y, pair: pair, attributes: attributes, into: &cell)
        } else if width == 1, let fallback = Folding.asciiFallback(c.grapheme) {
            // Not printable in this locale (no UTF-8): an accented letter as its base letter (`tambien`), never `?`.
            write(String(fallback), at: x, y: y, pair: pair, attributes: attributes, into: &cell)
        } else {
            // Not printable in this locale (no UTF-8) or wider than reserved: one `?` per column.
            for column in x..<(x + width) {
                write("?", at: column, y: y, pair: pair, attributes: attributes, into: &cell)
            }
        }
    }

    private func write(_ s: String, at x: Int, y: Int, pair: Int16, attributes: attr_t, into cell: inout cchar_t) {
        var wide: [wchar_t] = s.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
        wide.append(0)
        _ = wide.withUnsafeBufferPointer { setcchar(&cell, $0.baseAddress, attributes, pair, nil) }
        _ = mvwadd_wch(allies_stdscr(), Int32(y), Int32(x), &cell)
    }

    /// The scalars of a grapheme that may reach the terminal: control characters become `?`; after the first,
    /// only zero-width marks follow (no joiner, no second spacing character), at most CCHARW_MAX in all.
    func drawable(_ grapheme: String) -> [wchar_t] {
        var out: [wchar_t] = []
        for scalar in grapheme.unicodeScalars {
            let v = scalar.value
            let safe: UInt32 = (v < 0x20 || (0x7F...0x9F).contains(v)) ? 0x3F : v
            if out.isEmpty {
                out.append(wchar_t(bitPattern: safe))
                continue
            }
            guard safe != 0x200D, wcwidth(wchar_t(bitPattern: safe)) == 0, out.count < maxScalars else { break }
            out.append(wchar_t(bitPattern: safe))
        }
        return out.isEmpty ? [0x20] : out
    }
}
