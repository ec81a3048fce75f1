import AlliesExplorer
import CNcursesw
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One thing read from the terminal.
enum InputEvent: Equatable {
    case key(Key)
    case mouse(Mouse)
    case resize
    /// Ctrl-Z in raw mode: the backend suspends, as the terminal would have.
    case suspend
    /// Something undecodable or uninteresting (an unknown function key, a mouse release).
    case ignored
    /// The terminal's marks around pasted text (bracketed paste: `ESC [200~` … `ESC [201~`).
    case pasteStart, pasteEnd
}

/// The key codes ncurses is given for the paste marks (`define_key`): above every code of its own.
let pasteStartCode: Int32 = 0x4000
let pasteEndCode: Int32 = 0x4001

/// Decodes what `wget_wch` returned: `status` is OK or KEY_CODE_YES, `value` the character or key code.
func decodeInput(status: Int32, value: UInt32) -> InputEvent {
    if status == KEY_CODE_YES { return decodeKeyCode(Int32(bitPattern: value)) }
    switch value {
    case 10, 13: return .key(.enter)
    case 27: return .key(.escape)
    case 8, 127: return .key(.backspace)
    case 9: return .key(.tab)
    case 26: return .suspend
    case 1...26: return .key(.control(Character(Unicode.Scalar(UInt8(value - 1) + UInt8(ascii: "a")))))
    case 0..<32, 0x80...0x9F: return .ignored
    default:
        guard let scalar = Unicode.Scalar(value) else { return .ignored }
        return .key(.character(Character(scalar)))
    }
}

private func decodeKeyCode(_ code: Int32) -> InputEvent {
    switch code {
    case pasteStartCode: return .pasteStart
    case pasteEndCode: return .pasteEnd
    case KEY_UP: return .key(.up)
    case KEY_DOWN: return .key(.down)
    case KEY_LEFT: return .key(.left)
    case KEY_RIGHT: return .key(.right)
    case KEY_PPAGE: return .key(.pageUp)
    case KEY_NPAGE: return .key(.pageDown)
    case KEY_HOME, KEY_FIND, KEY_A1: return .key(.home)
    case KEY_END, KEY_SELECT, KEY_C1: return .key(.end)
    case KEY_BACKSPACE: return .key(.backspace)
    case KEY_DC: return .key(.delete)
    case KEY_ENTER: return .key(.enter)
    case KEY_BTAB: return .key(.backTab)
    case KEY_RESIZE: return .resize
    case KEY_MOUSE: return readMouse()
    case allies_key_f(1)...allies_key_f(63): return .key(.function(Int(code - allies_key_f(0))))
    default: return .ignored
    }
}

/// The mouse events the explorer uses. With mouseinterval 0 ncurses reports a press at once, but still merges
/// the events of one read (a press and release arriving together, as from tmux) into clicks and double clicks:
/// those are asked for too, so nothing is dropped. Double clicks are otherwise recognised by ClickTracker.
let mouseEvents: mmask_t =
    allies_button1_pressed() | allies_button1_released() | allies_button1_clicked()
    | allies_button1_double_clicked() | allies_button1_triple_clicked() | allies_button4_pressed()
    | allies_button5_pressed()

private func readMouse() -> InputEvent {
    var event = MEVENT()
    guard getmouse(&event) == OK else { return .ignored }
    let x = Int(event.x), y = Int(event.y)
    let state = event.bstate
    if state & allies_button4_pressed() != 0 { return .mouse(Mouse(.wheelUp, x: x, y: y)) }
    if allies_button5_pressed() != 0, state & allies_button5_pressed() != 0 {
        return .mouse(Mouse(.wheelDown, x: x, y: y))
    }
    if state & allies_button1_double_clicked() != 0 { return .mouse(Mouse(.doubleClick, x: x, y: y)) }
    let press = allies_button1_pressed() | allies_button1_clicked() | allies_button1_triple_clicked()
    if state & press != 0 { return .mouse(Mouse(.press, x: x, y: y)) }
    return .ignored  // a release
}

/// Turns the second of two presses on the same cell within `interval` into a double click: the program sees
/// `.press` then `.doubleClick`, never two presses, and never a double click without its press. This is the one
/// place where the pace of input changes what the program sees, by design: it is what a double click is. It only
/// ever turns a press into a double click; nothing is dropped or ended by it.
struct ClickTracker {
    var interval: Duration = .milliseconds(400)
    private var last: (x: Int, y: Int, at: ContinuousClock.Instant)?

    init() {}

    mutating func resolve(_ mouse: Mouse, now: ContinuousClock.Instant = .now) -> [Mouse] {
        let sameCell = last.map { $0.x == mouse.x && $0.y == mouse.y && now - $0.at <= interval } ?? false
        switch mouse.action {
        case .press:
            if sameCell {
                last = nil
                return [Mouse(.doubleClick, x: mouse.x, y: mouse.y)]
            }
            last = (mouse.x, mouse.y, now)
            return [mouse]
        case .doubleClick:
            // From ncurses, when both clicks came in one read: their press was not reported yet.
            last = nil
            return sameCell ? [mouse] : [Mouse(.press, x: mouse.x, y: mouse.y), mouse]
        case .wheelUp, .wheelDown:
            last = nil
            return [mouse]
        }
    }
}
