/// A JSON value to write, with object keys kept in the order given (stable, diff-friendly output).
public indirect enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.rendered() == b.rendered() }
    public func hash(into h: inout Hasher) { h.combine(rendered(indent: 0)) }

    /// Convenience: `nil` becomes `null`.
    public static func optional(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }

    /// Two-space indented JSON. Non-ASCII stays UTF-8; control characters (C0 and C1), DEL, `"` and `\` are escaped.
    public func rendered(indent: Int = 2) -> String {
        var out = ""
        write(to: &out, level: 0, indent: indent)
        return out
    }

    private func write(to out: inout String, level: Int, indent: Int) {
        let pad = indent > 0 ? "\n" + String(repeating: " ", count: indent * (level + 1)) : ""
        let close = indent > 0 ? "\n" + String(repeating: " ", count: indent * level) : ""
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += JSONValue.numberText(n)
        case .string(let s): JSONValue.escape(s, into: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "["
            for (i, item) in items.enumerated() {
                out += (i == 0 ? "" : ",") + pad
                item.write(to: &out, level: level + 1, indent: indent)
            }
            out += close + "]"
        case .object(let fields):
            if fields.isEmpty { out += "{}"; return }
            out += "{"
            for (i, (key, value)) in fields.enumerated() {
                out += (i == 0 ? "" : ",") + pad
                JSONValue.escape(key, into: &out)
                out += indent > 0 ? ": " : ":"
                value.write(to: &out, level: level + 1, indent: indent)
            }
            out += close + "}"
        }
    }

    /// Integers print without a decimal point (38000000000, not 3.8e10); others as the shortest text that reads
    /// back as the same Double ("0.1", "1e+20"). JSON has no infinity or NaN: those print as null.
    public static func numberText(_ n: Double) -> String {
        guard n.isFinite else { return "null" }
        if n.rounded() == n && abs(n) < 1e18 { return String(Int64(n)) }
        return n.description
    }

    public static func escape(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                let v = scalar.value
                // Other controls, DEL and the C1 controls (U+0080–U+009F, which a terminal may obey as CSI, OSC…
                // when `--format json` goes to one): invisible in an editor. Everything else stays UTF-8.
                if v < 0x20 || (0x7F...0x9F).contains(v) {
                    let hex = String(v, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
