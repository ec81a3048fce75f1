// The network in the formats the field's own tools read: Graphviz DOT, GraphML (Gephi, networkx, yEd) and Mermaid.
// (FollowTheMoney entities are written by FtMWriter, whose output `allies import ftm` reads back.)

extension Network {
    private func label(_ edge: Edge) -> String {
        let alliance = catalog.alliance(edge.alliance)
        var parts = [alliance?.kind.rawValue ?? "alliance"]
        if MoneyStanding(edge.status) != .agreed { parts.append(MoneyFormat.statusLabel(edge.status)) }
        if !edge.amounts.isEmpty { parts.append(edge.amounts.map(\.display).joined(separator: "; ")) }
        if let date = alliance?.date { parts.append(date.value.description) }
        return parts.joined(separator: ", ")
    }

    private var usedNodes: [String] { nodes.filter { adjacency[$0] != nil } }

    /// The bounds of an edge's amounts, in order, space-separated (`up-to exact`); empty when undisclosed.
    private func bounds(_ edge: Edge) -> String { edge.amounts.map(\.bound.rawValue).joined(separator: " ") }

    // MARK: DOT

    public func dot() -> String {
        func quoted(_ s: String) -> String {
            var out = "\""
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                default: if scalar.value >= 0x20 && scalar.value != 0x7F { out.unicodeScalars.append(scalar) }
                }
            }
            return out + "\""
        }
        var lines = ["digraph allies {", "  rankdir=LR;", "  node [shape=box, style=rounded];"]
        for n in usedNodes {
            let c = catalog.company(n)
            lines.append("  \(quoted(n)) [label=\(quoted(c?.name ?? n)), kind=\(quoted(c?.kind.rawValue ?? ""))];")
        }
        for e in edges {
            var attributes = [
                "label=\(quoted(label(e)))", "alliance=\(quoted(e.alliance))",
                "status=\(quoted(e.status.rawValue))", "agreed=\(MoneyStanding(e.status) == .agreed)",
                "bound=\(quoted(bounds(e)))",
            ]
            if !e.directed { attributes.append("dir=none, style=dashed") }
            lines.append("  \(quoted(e.from)) -> \(quoted(e.to)) [\(attributes.joined(separator: ", "))];")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: GraphML

    public func graphML() -> String {
        func xml(_ s: String) -> String {
            var out = ""
            for scalar in s.unicodeScalars {
                switch scalar {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "\"": out += "&quot;"
                default:
                    let v = scalar.value
                    // XML 1.0 forbids most control characters even as references.
                    if v >= 0x20 || v == 0x09 || v == 0x0A || v == 0x0D, v != 0xFFFE, v != 0xFFFF {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
            return out
        }
        var lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">",
            "  <key id=\"name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>",
            "  <key id=\"kind\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>",
            "  <key id=\"country\" for=\"node\" attr.name=\"country\" attr.type=\"string\"/>",
            "  <key id=\"alliance\" for=\"edge\" attr.name=\"alliance\" attr.type=\"string\"/>",
            "  <key id=\"akind\" for=\"edge\" attr.name=\"kind\" attr.type=\"string\"/>",
            "  <key id=\"money\" for=\"edge\" attr.name=\"money_direction\" attr.type=\"boolean\"/>",
            "  <key id=\"status\" for=\"edge\" attr.name=\"status\" attr.type=\"string\"/>",
            "  <key id=\"agreed\" for=\"edge\" attr.name=\"agreed\" attr.type=\"boolean\"/>",
            "  <key id=\"bound\" for=\"edge\" attr.name=\"bound\" attr.type=\"string\"/>",
            "  <key id=\"usd\" for=\"edge\" attr.name=\"usd\" attr.type=\"double\"/>",
            "  <key id=\"usdUpTo\" for=\"edge\" attr.name=\"usd_up_to\" attr.type=\"double\"/>",
            "  <key id=\"usdAtLeast\" for=\"edge\" attr.name=\"usd_at_least\" attr.type=\"double\"/>",
            "  <key id=\"usdPerYear\" for=\"edge\" attr.name=\"usd_per_year\" attr.type=\"double\"/>",
            "  <key id=\"estimated\" for=\"edge\" attr.name=\"estimated\" attr.type=\"boolean\"/>",
            "  <key id=\"cumulative\" for=\"edge\" attr.name=\"cumulative\" attr.type=\"boolean\"/>",
            "  <key id=\"term\" for=\"edge\" attr.name=\"term_years\" attr.type=\"double\"/>",
            "  <key id=\"date\" for=\"edge\" attr.name=\"date\" attr.type=\"string\"/>",
            "  <graph id=\"allies\" edgedefault=\"directed\">",
        ]
        for n in usedNodes {
            let c = catalog.company(n)
            lines.append("    <node id=\"\(xml(n))\">")
            lines.append("      <data key=\"name\">\(xml(c?.name ?? n))</data>")
            lines.append("      <data key=\"kind\">\(xml(c?.kind.rawValue ?? ""))</data>")
            if let country = c?.country { lines.append("      <data key=\"country\">\(xml(country))</data>") }
            lines.append("    </node>")
        }
        for (i, e) in edges.enumerated() {
            let alliance = catalog.alliance(e.alliance)
            lines.append("    <edge id=\"e\(i)\" source=\"\(xml(e.from))\" target=\"\(xml(e.to))\">")
            lines.append("      <data key=\"alliance\">\(xml(e.alliance))</data>")
            lines.append("      <data key=\"akind\">\(xml(alliance?.kind.rawValue ?? ""))</data>")
            lines.append("      <data key=\"money\">\(e.directed)</data>")
            lines.append("      <data key=\"status\">\(e.status.rawValue)</data>")
            lines.append("      <data key=\"agreed\">\(MoneyStanding(e.status) == .agreed)</data>")
            if !e.amounts.isEmpty { lines.append("      <data key=\"bound\">\(bounds(e))</data>") }
            // USD totals by bound, never added across bounds: exact and approximate; ceilings; floors.
            let money = e.money
            let parts =
                MoneyStanding(e.status) == .agreed
                ? money.agreed.total
                : MoneyStanding(e.status) == .pending ? money.pending.total : money.ended.total
            let rates =
                MoneyStanding(e.status) == .agreed
                ? money.agreed.perYear
                : MoneyStanding(e.status) == .pending ? money.pending.perYear : money.ended.perYear
            for (key, sums) in [
                ("usd", parts.amounts), ("usdUpTo", parts.upTo), ("usdAtLeast", parts.atLeast),
                ("usdPerYear", rates.amounts),
            ] {
                if let value = sums["USD"] {
                    lines.append("      <data key=\"\(key)\">\(JSONValue.numberText(value))</data>")
                }
            }
            // What the numbers are: estimates, running totals, over a term (the longest, when several).
            if !e.amounts.isEmpty {
                lines.append("      <data key=\"estimated\">\(e.amounts.contains { $0.estimated })</data>")
                lines.append("      <data key=\"cumulative\">\(e.amounts.contains { $0.cumulative })</data>")
            }
            if let term = e.amounts.compactMap(\.termYears).max() {
                lines.append("      <data key=\"term\">\(JSONValue.numberText(term))</data>")
            }
            if let date = alliance?.date { lines.append("      <data key=\"date\">\(date.value)</data>") }
            lines.append("    </edge>")
        }
        lines += ["  </graph>", "</graphml>"]
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: Mermaid

    public func mermaid() -> String {
        // Mermaid node ids must be simple; labels go in quotes with quotes written as #quot;.
        func id(_ n: String) -> String { "n_" + n.replacing("-", with: "_") }
        func text(_ s: String) -> String {
            String(String.UnicodeScalarView(s.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }))
                .replacing("\"", with: "#quot;")
        }
        var lines = ["flowchart LR"]
        for n in usedNodes { lines.append("  \(id(n))[\"\(text(catalog.companyName(n)))\"]") }
        for e in edges {
            lines.append("  \(id(e.from)) \(e.directed ? "-->" : "---")|\"\(text(label(e)))\"| \(id(e.to))")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
