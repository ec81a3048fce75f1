import AlliesCore
import AlliesText

// A record form: one per record type, built from the record declarations (`RecordFields`), the same the decoder and
// the encoder use. The record is edited as its JSON; every change is checked by the loader against the dataset, and
// its messages are shown under the fields they name.

/// What a row of a form is.
enum FormRowKind: Hashable, Sendable {
    /// A value typed or picked: text, a number, a date, a code, one of a set, a reference to a record.
    case value(FieldType)
    /// Yes or no: Enter toggles it.
    case toggle
    /// An amount's money part as one line (`38B USD over 7y`, `up to 5B USD`).
    case amount
    /// A list: Enter adds an element of this type.
    case list(FieldType)
    /// An element of a list of records (its fields follow): `x` removes it.
    case element
    /// An object that may be absent (an alliance's date): Enter adds it; `x` removes it.
    case object(String, present: Bool)
    /// The row that adds or saves the record.
    case done
}

struct FormRow: Hashable, Sendable {
    let path: FieldPath
    let label: String
    let depth: Int
    let kind: FormRowKind
    let required: Bool
    let meaning: String
}

/// The field being typed into, and what it was before (Esc puts it back).
struct FieldEditor: Hashable, Sendable {
    let path: FieldPath
    let kind: FormRowKind
    var field: PromptField
    let before: JSONValue?
    /// The option highlighted below a picker (an index into the options shown); -1, none: an empty field has no
    /// option until an arrow key picks one (Tab through a form never fills a field with its first suggestion).
    var choice = 0
    /// What is wrong with the text, when it cannot be read at all (an amount); the loader's messages come after.
    var problem: String? = nil
}

/// `termYears` → `Term years` (`Años de plazo` in Spanish): a field of a record as a form names it.
func fieldLabel(_ name: String) -> String {
    if let label = FieldLabels.label(name) { return label }
    var out = ""
    for c in name {
        if c.isUppercase { out += " " + c.lowercased() } else { out.append(c) }
    }
    return out.prefix(1).uppercased() + out.dropFirst()
}

/// A record type as a form names it: `SourceQuote` → `Source`.
func typeLabel(_ type: String) -> String {
    switch type {
    case "SourceQuote": return tr("Source")
    case "DatedEvent": return tr("Date")
    case "Subject": return tr("About")
    case "Party": return tr("Party")
    case "Amount": return tr("Amount")
    case "Citation": return tr("Citation")
    case "RecordSource": return tr("Dataset record")
    case "Update": return tr("Update")
    case "Share": return tr("Share")
    default: return type
    }
}

/// The fields of records as the forms name them, in the current language; nil for a name not listed (its label is
/// made from the name, as in English).
enum FieldLabels {
    static func label(_ name: String) -> String? {
        switch name {
        case "about": return tr("About")
        case "aliases": return tr("Aliases")
        case "alliance": return tr("Alliance")
        case "amounts": return tr("Amounts")
        case "article": return tr("Article")
        case "author": return tr("Author")
        case "bound": return tr("Bound")
        case "citations": return tr("Citations")
        case "company": return tr("Company")
        case "country": return tr("Country")
        case "cumulative": return tr("Cumulative")
        case "currency": return tr("Currency")
        case "dataset": return tr("Dataset")
        case "date": return tr("Date")
        case "description": return tr("Description")
        case "disagreement": return tr("Disagreement")
        case "estimated": return tr("Estimated")
        case "event": return tr("Event")
        case "figure": return tr("Figure")
        case "file": return tr("File")
        case "forecast": return tr("Forecast")
        case "from": return tr("From")
        case "groups": return tr("Groups")
        case "id": return tr("Id")
        case "key": return tr("Key")
        case "kind": return tr("Kind")
        case "label": return tr("Label")
        case "language": return tr("Language")
        case "licence": return tr("Licence")
        case "market": return tr("Market")
        case "metric": return tr("Metric")
        case "name": return tr("Name")
        case "note": return tr("Note")
        case "organization": return tr("Organization")
        case "organizationName": return tr("Organization name")
        case "outlet": return tr("Outlet")
        case "parent": return tr("Parent")
        case "parties": return tr("Parties")
        case "party": return tr("Party")
        case "share": return tr("Share")
        case "per": return tr("Per")
        case "product": return tr("Product")
        case "products": return tr("Products")
        case "published": return tr("Published")
        case "publishedNote": return tr("Published note")
        case "publisher": return tr("Publisher")
        case "purpose": return tr("Purpose")
        case "quote": return tr("Quote")
        case "records": return tr("Records")
        case "region": return tr("Region")
        case "retrieved": return tr("Retrieved")
        case "role": return tr("Role")
        case "scope": return tr("Scope")
        case "sectors": return tr("Sectors")
        case "shares": return tr("Shares")
        case "sources": return tr("Sources")
        case "status": return tr("Status")
        case "summary": return tr("Summary")
        case "supports": return tr("Supports")
        case "termYears": return tr("Term years")
        case "text": return tr("Text")
        case "title": return tr("Title")
        case "to": return tr("To")
        case "topic": return tr("Topic")
        case "unit": return tr("Unit")
        case "updates": return tr("Updates")
        case "upper": return tr("Upper")
        case "url": return tr("Url")
        case "value": return tr("Value")
        case "vendor": return tr("Vendor")
        case "year": return tr("Year")
        default: return nil
        }
    }

    /// One of a set of names (an enumeration of the model) as a person reads it; nil where it reads as its name.
    static func choice(_ set: String, _ value: String) -> String? {
        switch set {
        case "AllianceKind": return AllianceKind(rawValue: value)?.label
        case "Status": return AllianceStatus(rawValue: value)?.label
        case "Role": return PartyRole(rawValue: value)?.label
        case "CompanyKind": return CompanyKind(rawValue: value)?.label
        case "DateEvent": return DateEvent(rawValue: value)?.label
        case "Metric": return ShareEstimate.Metric(rawValue: value)?.label
        case "Per": return value == "year" ? tr("per year") : value == "total" ? tr("in total") : nil
        case "Bound", "ShareBound": return bound(value)
        case "ClaimKind": return claimKind(value)
        default: return nil
        }
    }

    private static func bound(_ value: String) -> String? {
        switch value {
        case "exact": return tr("exact")
        case "about": return tr("about")
        case "up-to": return tr("up to")
        case "at-least": return tr("at least")
        case "more-than": return tr("more than")
        case "range": return tr("range")
        default: return nil
        }
    }

    private static func claimKind(_ value: String) -> String? {
        switch value {
        case "efficiency": return tr("efficiency")
        case "cost": return tr("cost")
        case "count": return tr("count")
        case "adoption": return tr("adoption")
        case "portfolio": return tr("portfolio")
        case "market-share": return tr("market share")
        case "capacity": return tr("capacity")
        case "schedule": return tr("schedule")
        case "other": return tr("other")
        default: return nil
        }
    }
}

/// `amazon-invests-in-anthropic`: a slug from a name or title (the core's, shared with the importers).
func slug(_ text: String) -> String { Slug.make(text) }

struct FormScreen: Screen {
    let list: RecordListName
    /// The id of the record edited; nil for a new one.
    let original: String?
    var record: JSONValue
    /// What the loader says of the record as it stands.
    var problems: [Diagnostic] = []
    var editor: FieldEditor? = nil
    /// Fields changed so far: only their problems show until the user asks to add or save (then all do).
    var touched: Set<String> = []
    var showAllProblems = false
    /// Esc once on a changed form arms this; Esc again leaves it.
    var leaveArmed = false

    init(list: RecordListName, original: String?, record: JSONValue) {
        self.list = list; self.original = original; self.record = record
    }

    /// A new record of `list` with the required lists started (two parties, one source) and `prefill` set. An
    /// alliance's sources are started too: one typed by hand rests on a quote (dataset records come from imports).
    static func new(_ list: RecordListName, prefill: [(FieldPath, JSONValue)] = []) -> FormScreen {
        var fields: [(String, JSONValue)] = []
        for (name, spec) in RecordFields.declaration(of: list).fields
        where spec.isRequired || (list == .alliances && name == AllianceField.sources.name) {
            switch spec.type {
            case .text: fields.append((name, .object([("en", .string("")), ("es", .string(""))])))
            case .list(.record(let record)):
                let count = record == "Party" ? 2 : 1
                fields.append((name, .array(Array(repeating: .object([]), count: count))))
            case .bool: fields.append((name, .bool(false)))
            default: break
            }
        }
        var record = JSONValue.object(fields)
        for (path, value) in prefill { if case .success(let r) = record.setting(path, to: value) { record = r } }
        return FormScreen(list: list, original: nil, record: record)
    }

    var key: ScreenKey { .form(list.rawValue, original) }
    var isEditingStep: Bool { true }
    var holdsInput: Bool { !touched.isEmpty }
    mutating func disarm() { leaveArmed = false }
    var context: KeyContext { editor == nil ? .form : .formField }
    var isNew: Bool { original == nil }

    var prompt: PromptField? {
        get { editor?.field }
        set { if let newValue { editor?.field = newValue } }
    }

    var promptTakesLines: Bool { list == .articles && editor?.path == FieldPath([.key("text")]) }

    func title(_ ctx: Context) -> String {
        isNew ? RecordWords.new(list) : RecordWords.editing(list, original ?? "")
    }

    // MARK: Rows

    var rows: [FormRow] {
        Self.rows(RecordFields.declaration(of: list), record, at: [], depth: 0)
            + [
                FormRow(
                    path: FieldPath([]), label: isNew ? RecordWords.addThis(list) : tr("Save the changes"), depth: 0,
                    kind: .done, required: false, meaning: "")
            ]
    }

    /// Fields the forms leave to the program: the dates an edit stamps.
    static let automatic: Set<String> = ["added", "updated"]

    static func rows(
        _ declaration: RecordFields.Declaration, _ json: JSONValue, at base: [FieldPath.Step], depth: Int
    ) -> [FormRow] {
        var rows: [FormRow] = []
        for (name, spec) in declaration.fields where !automatic.contains(name) {
            let steps = base + [.key(name)]
            let path = FieldPath(steps)
            let label = fieldLabel(name)
            func row(_ p: FieldPath, _ l: String, _ d: Int, _ k: FormRowKind) -> FormRow {
                FormRow(path: p, label: l, depth: d, kind: k, required: spec.isRequired, meaning: spec.meaning)
            }
            switch spec.type {
            case .text:
                rows.append(row(FieldPath(steps + [.key("en")]), label + " (en)", depth, .value(.string)))
                rows.append(row(FieldPath(steps + [.key("es")]), label + " (es)", depth, .value(.string)))
            case .bool:
                rows.append(row(path, label, depth, .toggle))
            case .record(let type):
                let present: Bool
                if case .object? = json.value(at: path) { present = true } else { present = false }
                rows.append(row(path, label, depth, .object(type, present: present)))
                if present, let d = RecordFields.declaration(type) {
                    rows += Self.rows(d, json, at: steps, depth: depth + 1)
                }
            case .list(let element):
                var count = 0
                if case .array(let items)? = json.value(at: path) { count = items.count }
                rows.append(row(path, label, depth, .list(element)))
                for i in 0..<count {
                    let elementSteps = steps + [.index(i)]
                    switch element {
                    case .record(let type):
                        rows.append(row(FieldPath(elementSteps), "\(typeLabel(type)) \(i + 1)", depth + 1, .element))
                        if type == "Amount" {
                            rows.append(
                                FormRow(
                                    path: FieldPath(elementSteps), label: tr("Money"), depth: depth + 2, kind: .amount,
                                    required: true, meaning: AmountText.example))
                            let rest = RecordFields.Declaration.filtered(
                                "Amount", excluding: Set(AmountText.fields.map(\.name)))
                            rows += Self.rows(rest, json, at: elementSteps, depth: depth + 2)
                        } else if let d = RecordFields.declaration(type) {
                            rows += Self.rows(d, json, at: elementSteps, depth: depth + 2)
                        }
                    default:
                        rows.append(row(FieldPath(elementSteps), "\(i + 1)", depth + 1, .value(element)))
                    }
                }
            default:
                rows.append(row(path, label, depth, .value(spec.type)))
            }
        }
        return rows
    }

    // MARK: Drawing

    static let labelColumn = 20

    func items(_ ctx: Context, width: Int) -> [Item] {
        let g = ctx.g
        var items: [Item] = []
        let what = isNew ? RecordWords.addsThe(list) : tr("saves the changes")
        let hint = tr("Enter edits a field (a list: adds one), x removes, Ctrl-S {0}, Esc leaves", what)
        items.append(Item(lines: paragraph(hint, width: width, indent: 1, style: Style(.dim)), selectable: false))
        let rows = self.rows
        let shown = visibleProblems
        // Problems no row owns (the record as a whole) come first.
        let owned = Set(rows.filter { $0.kind != .done }.map(\.path.description))
        for message in Self.messages(shown.filter { !owned.contains(owner(of: $0, rows)) }) {
            items.append(
                Item(
                    lines: paragraph(g.cross + " " + message, width: width, indent: 1, style: Style(.error)),
                    selectable: false))
        }
        items.append(.blank)
        // An amount's problems show under its money line, not also under its `Amount N` heading.
        let amounts = Set(rows.filter { $0.kind == .amount }.map(\.path))
        for row in rows {
            let silent = row.kind == .done || (row.kind == .element && amounts.contains(row.path))
            let mine = silent ? [] : shown.filter { owner(of: $0, rows) == row.path.description }
            items.append(item(row, ctx, width: width, problems: mine))
        }
        return items
    }

    /// The problems to show: those of touched fields, or all after an attempt to add or save. Not those of a field
    /// being picked from a list (the list is the answer).
    var visibleProblems: [Diagnostic] {
        problems.filter { d in
            let f = Self.field(of: d)
            // An amount being typed that does not read has its own message; the loader's problems of the value it
            // last read (`BIL`, read from `25 bil` on the way to `25 billones`) are not what the field holds.
            if let editor, editor.kind == .amount, editor.problem != nil, let f,
                f == editor.path.description || f.hasPrefix(editor.path.description + ".")
            {
                return false
            }
            if let editor, f == editor.path.description, case .value(let type) = editor.kind {
                switch type {
                case .choice, .reference: return false
                default: break
                }
            }
            if showAllProblems { return true }
            guard let f else { return false }
            return touched.contains { f == $0 || f.hasPrefix($0 + ".") || f.hasPrefix($0 + "[") }
        }
    }

    /// The field a problem is about: the loader names a missing field in its message, on the record that lacks it.
    /// The loader's message may be in Spanish (when the core translates it): its catalogue template is tried too.
    static func field(of d: Diagnostic) -> String? {
        guard let name = missingField(d) else { return d.field }
        return (d.field.map { $0 + "." } ?? "") + name
    }

    /// The JSON name of the field a "missing required field" problem names; nil for any other problem.
    static func missingField(_ d: Diagnostic) -> String? {
        let english = "missing required field \"{0}\""
        for template in Set([english, tr(english)]) {
            guard let hole = template.range(of: "{0}") else { continue }
            let prefix = String(template[..<hole.lowerBound])
            let close = template[hole.upperBound...].first ?? "\""
            if d.message.hasPrefix(prefix), let end = d.message.dropFirst(prefix.count).firstIndex(of: close) {
                return String(d.message[d.message.index(d.message.startIndex, offsetBy: prefix.count)..<end])
            }
        }
        return nil
    }

    /// A problem as the form words it: a missing field by the label of the row that fills it (`Money is required`
    /// for an amount's value or currency), not by its JSON name (`missing required field "value"`).
    static func message(_ d: Diagnostic) -> String {
        guard let name = missingField(d) else { return d.message }
        let inAmount = d.field.map { $0.hasPrefix("amounts[") || $0.hasPrefix("amounts.") } ?? false
        let label = inAmount && (name == "value" || name == "currency") ? tr("Money") : FieldLabels.label(name) ?? name
        return tr("{0} is required", label)
    }

    /// The problems as the form words them, each wording once, in order: an amount missing both its value and its
    /// currency is one `Money is required` (the two problems were said twice in the same words).
    static func messages(_ problems: [Diagnostic]) -> [String] {
        var said = Set<String>()
        return problems.map(message).filter { said.insert($0).inserted }
    }

    /// The row a problem belongs to: its field's row, else the nearest row above it in the record (a list, an object).
    func owner(of d: Diagnostic, _ rows: [FormRow]) -> String {
        guard var field = Self.field(of: d) else { return "" }
        let paths = Set(rows.map(\.path.description))
        while !field.isEmpty {
            if paths.contains(field) { return field }
            if let cut = field.lastIndex(where: { $0 == "." || $0 == "[" }) {
                field = String(field[..<cut])
            } else {
                break
            }
        }
        return paths.contains(field) ? field : ""
    }

    private func item(_ row: FormRow, _ ctx: Context, width: Int, problems: [Diagnostic]) -> Item {
        let g = ctx.g
        let indent = 1 + row.depth * 2
        let labelWidth = max(4, Self.labelColumn - indent)
        var lines: [Line] = []
        let editing = editor?.path == row.path && editor?.kind == row.kind
        if row.kind == .done {
            lines.append(Line([Span(" " + g.pointer + " " + row.label, Style(.accent, bold: true))]))
        } else if editing, let editor {
            let label = String(repeating: " ", count: indent) + fit(row.label, labelWidth, g) + " "
            lines.append(editor.field.line(label, editing: true, width: width, ellipsis: g.ellipsis))
            let all = options(row, editor.field.text, ctx, limit: nil)
            for (i, option) in all.prefix(Self.shownOptions).enumerated() {
                let mark = i == editor.choice ? g.pointer + " " : "  "
                lines.append(
                    Line([
                        Span(String(repeating: " ", count: indent + labelWidth + 1), searchable: false),
                        Span(mark + option.label, Style(i == editor.choice ? .accent : .dim, bold: i == editor.choice)),
                    ]))
            }
            if all.count > Self.shownOptions {
                lines.append(
                    Line([
                        Span(String(repeating: " ", count: indent + labelWidth + 3), searchable: false),
                        Span(tr("{0} more: type to narrow", all.count - Self.shownOptions), Style(.dim)),
                    ]))
            }
            if let problem = editor.problem {
                lines += paragraph(
                    g.cross + " " + problem, width: width, indent: indent + labelWidth + 1, style: Style(.error))
            }
            if !row.meaning.isEmpty {
                lines += paragraph(row.meaning, width: width, indent: indent + labelWidth + 1, style: Style(.dim))
            }
        } else {
            let (value, style) = display(row, ctx)
            lines += paragraph(
                value, width: width, indent: indent, label: row.label, labelWidth: labelWidth + 1, style: style,
                labelStyle: Style(row.kind == .element ? .heading : .dim, bold: row.kind == .element))
        }
        for message in Self.messages(problems) {
            lines += paragraph(g.cross + " " + message, width: width, indent: indent + 2, style: Style(.error))
        }
        return Item(id: .formRow(row.path.description + "#" + row.label), lines: lines, searchText: row.label)
    }

    /// A row's value as shown, and its style.
    private func display(_ row: FormRow, _ ctx: Context) -> (String, Style) {
        let value = record.value(at: row.path)
        func missing() -> (String, Style) {
            if isNew && row.path == FieldPath([.key("id")]) {
                return (tr("made from the name or title if left empty"), Style(.dim))
            }
            return row.required ? (tr("required"), Style(.warning)) : ("—", Style(.dim))
        }
        switch row.kind {
        case .done: return ("", .normal)
        case .toggle:
            if case .bool(let b)? = value { return (b ? tr("yes") : tr("no"), .normal) }
            return missing()
        case .amount:
            guard let value else { return missing() }
            let text = AmountText.format(value)
            return text.isEmpty
                ? (tr("required: e.g. {0}", "38B USD over 7y"), Style(.warning)) : (text, Style(.money, bold: true))
        case .list:
            var count = 0
            if case .array(let items)? = value { count = items.count }
            return ("\(count) " + g(ctx).dot + tr("Enter adds one"), Style(.dim))
        case .element:
            return (tr("x removes it"), Style(.dim))
        case .object(_, let present):
            let absent = tr("none") + " " + g(ctx).dot + tr("Enter adds one")
            return (present ? tr("x removes it") : absent, Style(.dim))
        case .value(let type):
            switch value {
            case .string(let s)? where s.count > 300:
                // A long text (an article's) is shown by its start and its length.
                return (String(s.prefix(200)) + "… " + tr("({0} characters)", s.count), .normal)
            case .string(let s)? where !s.isEmpty:
                if case .reference(let to) = type {
                    guard let name = referenceName(s, to, ctx.catalog) else {
                        return (s + "  (" + Self.noSuch(to) + ")", Style(.warning))
                    }
                    return (name + "  (" + s + ")", .normal)
                }
                if case .choice(let set, _) = type, Language.current != .en, let label = FieldLabels.choice(set, s) {
                    return (s + "  (" + label + ")", .normal)
                }
                return (s + describe(s, type, ctx), .normal)
            case .number(let n)?: return (JSONValue.numberText(n), .normal)
            case .bool(let b)?: return (b ? tr("true") : tr("false"), .normal)
            case .string?: return missing()
            default: return missing()
            }
        }
    }

    private func g(_ ctx: Context) -> Glyphs { ctx.g }

    /// What a value means beside it: a reference's name, a date's precision.
    private func describe(_ value: String, _ type: FieldType, _ ctx: Context) -> String {
        switch type {
        case .reference(let to):
            let name = referenceName(value, to, ctx.catalog)
            return "  (" + (name ?? Self.noSuch(to)) + ")"
        case .partialDate:
            guard case .success(let d) = PartialDate.parse(value) else { return "" }
            return "  (" + Format.precision(d) + ")"
        default: return ""
        }
    }

    /// `no such company`: a reference to a record that is not in the dataset.
    static func noSuch(_ to: String) -> String {
        switch to {
        case "company": return tr("no such company")
        case "article": return tr("no such article")
        case "alliance": return tr("no such alliance")
        case "group": return tr("no such group")
        default: return tr("no such {0}", to)
        }
    }

    private func referenceName(_ id: String, _ to: String, _ catalog: Catalog) -> String? {
        switch to {
        case "company": return catalog.company(id)?.name
        case "article": return catalog.article(id)?.title
        case "alliance": return catalog.alliance(id)?.title.preferred
        case "group": return catalog.group(id)?.name
        default: return nil
        }
    }

    // MARK: Pickers

    struct Option: Hashable, Sendable {
        let value: String
        let label: String
    }

    /// The choices offered under a field being edited: a set's values, or the records a reference may name, those
    /// matching the text typed first (name, alias or id, accents and case aside). At most eight.
    static let shownOptions = 8

    func options(_ row: FormRow, _ typed: String, _ ctx: Context, limit: Int? = shownOptions) -> [Option] {
        if row.kind == .amount { return Self.currencyOptions(typed, limit: limit) }
        guard case .value(let type) = row.kind else { return [] }
        let q = Folding.fold(typed)
        func rank(_ candidates: [(value: String, label: String, keys: [String])]) -> [Option] {
            let scored = candidates.compactMap { c -> (Int, Option)? in
                let keys = c.keys.map(Folding.fold)
                if q.isEmpty { return (2, Option(value: c.value, label: c.label)) }
                if keys.contains(q) { return (0, Option(value: c.value, label: c.label)) }
                if keys.contains(where: { $0.hasPrefix(q) }) { return (1, Option(value: c.value, label: c.label)) }
                if keys.contains(where: { $0.contains(q) }) { return (2, Option(value: c.value, label: c.label)) }
                return nil
            }
            let sorted = scored.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }
            return sorted.prefix(limit ?? sorted.count).map(\.element.1)
        }
        let catalog = ctx.catalog
        switch type {
        case .choice(let set, let values):
            // In Spanish a value shows its name too, and typing either finds it.
            guard Language.current != .en else { return rank(values.map { ($0, $0, [$0]) }) }
            return rank(
                values.map { v in
                    guard let label = FieldLabels.choice(set, v), label != v else { return (v, v, [v]) }
                    return (v, label + " (" + v + ")", [v, label])
                })
        case .reference(to: "company"):
            return rank(
                catalog.dataset.companies.map { ($0.id, $0.name + " (" + $0.id + ")", [$0.id, $0.name] + $0.aliases) })
        case .reference(to: "article"):
            return rank(catalog.dataset.articles.map { ($0.id, $0.title + " (" + $0.id + ")", [$0.id, $0.title]) })
        case .reference(to: "alliance"):
            return rank(
                catalog.dataset.alliances.map { ($0.id, $0.title.preferred, [$0.id, $0.title.en, $0.title.es]) })
        case .reference(to: "group"):
            return rank(catalog.dataset.groups.map { ($0.id, $0.name, [$0.id, $0.name]) })
        default:
            return []
        }
    }

    /// The currencies most deals are in, offered first; then the rest of ISO 4217 in order.
    static let currencies: [String] = {
        let first = ["USD", "EUR", "CNY", "GBP", "JPY", "KRW", "INR", "CHF", "CAD", "AUD", "SAR", "AED"]
        return first + Amount.knownCurrencies.subtracting(first).sorted()
    }()

    /// While an amount is typed, the currency after its number (`38B U` → USD, UAH, UGX, UYU): the whole text with
    /// each code that starts with the letters typed. None before a letter is typed (a currency is never guessed).
    static func currencyOptions(_ typed: String, limit: Int?) -> [Option] {
        let words = typed.split(separator: " ", omittingEmptySubsequences: false)
        guard words.count >= 2, let last = words.last, !last.isEmpty, last.count <= 3,
            last.allSatisfy({ $0.isASCII && $0.isLetter }),
            words[words.count - 2].contains(where: { $0.isASCII && $0.isNumber })
        else { return [] }
        let letters = last.uppercased(), before = words.dropLast().joined(separator: " ")
        let matching = currencies.filter { $0.hasPrefix(letters) }
        return matching.prefix(limit ?? matching.count).map { Option(value: before + " " + $0, label: $0) }
    }

    // MARK: Commands

    mutating func perform(_ command: CommandName, _ ctx: Context, _ selection: Selection) -> ScreenEffect {
        let rows = self.rows
        let selected = selection.item.flatMap { item in
            rows.first { .formRow($0.path.description + "#" + $0.label) == item.id }
        }
        switch command {
        case .editField:
            guard let row = selected else { return .none }
            return start(row, ctx)
        case .removeField:
            guard let row = selected else { return .none }
            return remove(row, ctx)
        case .applyForm:
            return apply(ctx)
        case .leaveForm:
            if editor != nil { return cancelEditing(ctx) }
            if !touched.isEmpty && !leaveArmed {
                leaveArmed = true
                return .message(tr("Esc again leaves without keeping these changes; Ctrl-S keeps them"))
            }
            return .pop
        case .promptCancel:
            return cancelEditing(ctx)
        case .promptOpen:
            return commit(ctx, thenNext: false)
        case .promptResults:
            return commit(ctx, thenNext: true)
        case .promptUp, .promptDown:
            guard var editor, let row = rows.first(where: { $0.path == editor.path && $0.kind == editor.kind }) else {
                return .none
            }
            let count = options(row, editor.field.text, ctx).count
            guard count > 0 else { return .none }
            editor.choice =
                editor.choice < 0
                ? (command == .promptDown ? 0 : count - 1)
                : (editor.choice + (command == .promptDown ? 1 : count - 1)) % count
            self.editor = editor
            return .none
        default:
            return .none
        }
    }

    /// Enter on a row: edit it (a value), toggle it, add an element or an object, or add/save the record.
    private mutating func start(_ row: FormRow, _ ctx: Context) -> ScreenEffect {
        leaveArmed = false
        switch row.kind {
        case .done:
            return apply(ctx)
        case .toggle:
            var on = false
            if case .bool(let b)? = record.value(at: row.path) { on = b }
            set(row.path, .bool(!on), ctx)
            return .none
        case .list(let element):
            var count = 0
            if case .array(let items)? = record.value(at: row.path) { count = items.count }
            let empty: JSONValue
            if case .record = element { empty = .object([]) } else { empty = .string("") }
            set(FieldPath(row.path.steps + [.index(count)]), empty, ctx)
            // Straight into the new element's first field.
            if let first = self.rows.first(where: { r in
                r.path.steps.starts(with: row.path.steps + [.index(count)]) && r.kind != .element
                    && { if case .object = r.kind { return false } else { return true } }()
            }) {
                // Its row selected, so that the list scrolls to the field being typed in.
                let effect = start(first, ctx)
                guard case .none = effect else { return effect }
                return .select(.formRow(first.path.description + "#" + first.label), note: nil)
            }
            return .reorder
        case .object(_, let present):
            if !present { set(row.path, .object([]), ctx) }
            return .reorder
        case .element:
            return .none
        case .value, .amount:
            let current = record.value(at: row.path)
            var text = ""
            switch (row.kind, current) {
            case (.amount, let v?): text = AmountText.format(v)
            case (_, .string(let s)?): text = s
            case (_, .number(let n)?): text = JSONValue.numberText(n)
            default: break
            }
            editor = FieldEditor(
                path: row.path, kind: row.kind, field: PromptField(text: text, cursor: text.count), before: current,
                choice: text.isEmpty ? -1 : 0)
            return .none
        }
    }

    /// `x`: removes a list element, an optional object or value; a required value cannot go.
    private mutating func remove(_ row: FormRow, _ ctx: Context) -> ScreenEffect {
        leaveArmed = false
        let isElement = { if case .index = row.path.steps.last { return true } else { return false } }()
        switch row.kind {
        case .done, .list: return .none
        case .amount:
            return .message(tr("An amount is removed from its row above (Amount N)"))
        case .element, .object, .toggle, .value:
            guard isElement || !row.required else {
                return .message(tr("{0} is required: change it instead", row.label))
            }
            guard record.value(at: row.path) != nil else { return .none }
            set(row.path, nil, ctx)
            return .reorder
        }
    }

    /// The typed text as the field's JSON value: numbers as numbers, everything else as text (the loader says what
    /// is wrong with it). Empty text removes an optional field.
    private func value(of text: String, _ kind: FormRowKind, required: Bool) -> JSONValue? {
        guard case .value(let type) = kind else { return .string(text) }
        if text.isEmpty && !required { return nil }
        switch type {
        case .number, .wholeNumber:
            return Double(text).map { .number($0) } ?? .string(text)
        case .countryCode, .currency:
            // Codes are upper case: `es` is ES, not a mistake to point out.
            return .string(text.uppercased())
        default:
            return .string(text)
        }
    }

    /// A file's text arrived for a field (`@FILE` in an article's text).
    mutating func textRead(_ field: FieldPath, _ result: Result<String, TextReadError>, _ ctx: Context) -> ScreenEffect
    {
        switch result {
        case .success(let text):
            set(field, .string(text), ctx)
            return .message(tr("Read {0} characters into the text", text.count))
        case .failure(let error):
            return .error(error.message)
        }
    }

    /// Each keystroke: the field takes the text at once and the record is checked again.
    mutating func promptEdited(_ ctx: Context) -> ScreenEffect {
        guard var editor else { return .none }
        let text = editor.field.text
        editor.choice = text.isEmpty ? -1 : 0
        if editor.kind == .amount {
            switch AmountText.parse(text) {
            case .success(let fields):
                editor.problem = nil
                var element = record.value(at: editor.path) ?? .object([])
                for f in AmountText.fields {
                    if case .success(let e) = element.setting(FieldPath([.key(f.name)]), to: nil) { element = e }
                }
                for (f, v) in fields {
                    if case .success(let e) = element.setting(FieldPath([.key(f.name)]), to: v) { element = e }
                }
                self.editor = editor
                set(editor.path, element, ctx)
            case .failure(let error):
                editor.problem = error.description
                self.editor = editor
            }
            return .none
        }
        let row = rows.first { $0.path == editor.path && $0.kind == editor.kind }
        self.editor = editor
        set(editor.path, value(of: text, editor.kind, required: row?.required ?? false), ctx)
        return .none
    }

    /// Enter (or Tab) in a field: a highlighted option wins over the text typed; then the next field with Tab.
    private mutating func commit(_ ctx: Context, thenNext: Bool) -> ScreenEffect {
        guard let editor else { return .none }
        let rows = self.rows
        guard let index = rows.firstIndex(where: { $0.path == editor.path && $0.kind == editor.kind }) else {
            self.editor = nil
            return .none
        }
        let row = rows[index]
        if editor.kind == .amount {
            // A currency highlighted in the picker completes the amount first.
            let options = self.options(row, editor.field.text, ctx)
            if options.indices.contains(editor.choice), options[editor.choice].value != editor.field.text {
                let text = options[editor.choice].value
                self.editor?.field = PromptField(text: text, cursor: text.count)
                _ = promptEdited(ctx)
                return commit(ctx, thenNext: thenNext)
            }
            if let problem = self.editor?.problem { return .error(problem) }
        }
        // An article's text is read from a file: `@` and its path.
        if list == .articles, row.path == FieldPath([.key("text")]), editor.field.text.hasPrefix("@") {
            self.editor = nil
            set(row.path, editor.before, ctx, touch: false)
            return .readText(String(editor.field.text.dropFirst()).trimmingSpaces, into: row.path)
        }
        let options = editor.kind == .amount ? [] : self.options(row, editor.field.text, ctx)
        // The option highlighted: the first match of the text typed, or one an arrow key picked.
        if options.indices.contains(editor.choice) {
            set(row.path, .string(options[editor.choice].value), ctx)
        }
        self.editor = nil
        if thenNext,
            let next = self.rows[(index + 1)...].first(where: {
                if case .value = $0.kind { return true }
                return $0.kind == .amount
            })
        {
            _ = start(next, ctx)
            return .select(.formRow(next.path.description + "#" + next.label), note: nil)
        }
        return .none
    }

    private mutating func cancelEditing(_ ctx: Context) -> ScreenEffect {
        guard let editor else { return .none }
        self.editor = nil
        set(editor.path, editor.before, ctx, touch: false)
        return .none
    }

    /// Sets a field and checks the record again.
    private mutating func set(_ path: FieldPath, _ value: JSONValue?, _ ctx: Context, touch: Bool = true) {
        if case .success(let r) = record.setting(path, to: value) { record = r }
        if touch { touched.insert(path.description) }
        problems = Self.check(record, list: list, original: original, in: ctx.catalog.dataset).problems
    }

    /// The dataset with the record added or replaced, or what the loader says is wrong with it.
    static func check(_ record: JSONValue, list: RecordListName, original: String?, in dataset: Dataset)
        -> (dataset: Dataset?, problems: [Diagnostic])
    {
        let file = "form"
        let result: Result<Dataset, DatasetError>
        if let original {
            let key = RecordKey(list, original)
            if case .string(let id)? = record.value(at: FieldPath([.key("id")])), id != original {
                let referrers = dataset.referrers(of: key)
                if !referrers.isEmpty {
                    let names =
                        referrers.prefix(3).map { RecordWords.record($0.from) }.joined(separator: ", ")
                        + (referrers.count > 3 ? ", …" : "")
                    let message = tr("other records refer to \"{0}\" ({1}): its id cannot change", original, names)
                    return (
                        nil,
                        [
                            Diagnostic(
                                file: file, position: nil, record: nil, field: "id",
                                message: message)
                        ]
                    )
                }
            }
            result = dataset.replacing(key, with: record, file: file)
        } else {
            let fragment = JSONValue.object([(list.rawValue, .array([record]))]).rendered()
            result = Dataset.decode(additions: Array(fragment.utf8), file: file, to: dataset).map { dataset.adding($0) }
        }
        switch result {
        case .success(let d): return (d, [])
        case .failure(let e): return (nil, e.diagnostics)
        }
    }

    /// Ctrl-S: an id from the name when none was typed, then the record checked and, when it loads, kept.
    private mutating func apply(_ ctx: Context) -> ScreenEffect {
        if let editing = editor {
            // The field being typed in is committed as Enter commits it. When it cannot be (an amount that does not
            // read, `unos 9.79.5B USD en 5 años`), nothing is saved: the record still holds the field's last value
            // that read, which is not what the screen shows (saving it dropped the `en 5 años` the user never
            // removed).
            switch commit(ctx, thenNext: false) {
            case .none: break
            case .error(let problem):
                let label = rows.first { $0.path == editing.path && $0.kind == editing.kind }?.label ?? ""
                return .error(tr("Not saved: {0}", label.isEmpty ? problem : label + ": " + problem))
            case let effect: return effect
            }
        }
        let dataset = ctx.catalog.dataset
        let idPath = FieldPath([.key("id")])
        if isNew, record.value(at: idPath).map({ $0 == .string("") }) ?? true {
            let record = self.record
            let base =
                ["name", "title", "text", "market"].compactMap { key -> String? in
                    switch record.value(at: FieldPath([.key(key)])) {
                    case .string(let s)?: return s
                    case .object?:
                        if case .string(let s)? = record.value(at: FieldPath([.key(key), .key("en")])) { return s }
                        return nil
                    default: return nil
                    }
                }.first.map(slug) ?? ""
            if !base.isEmpty {
                let taken = Set(dataset.records(withID: base).map(\.id))
                var id = base
                var n = 2
                while !taken.isEmpty && !dataset.records(withID: id).isEmpty { id = base + "-\(n)"; n += 1 }
                if case .success(let r) = self.record.setting(idPath, to: .string(id)) { self.record = r }
            }
        }
        let (changed, problems) = Self.check(record, list: list, original: original, in: dataset)
        self.problems = problems
        showAllProblems = true
        guard let changed else {
            return .error(
                problems.count == 1
                    ? tr("1 problem (marked {0}): fix it, then Ctrl-S again", ctx.g.cross)
                    : tr("{0} problems (marked {1}): fix them, then Ctrl-S again", problems.count, ctx.g.cross))
        }
        var id = original ?? ""
        if case .string(let s)? = record.value(at: idPath) { id = s }
        let key = RecordKey(list, id)
        let name = RecordWords.record(key)
        return .commit(
            Edit(
                dataset: changed, description: isNew ? tr("Added {0}", name) : tr("Changed {0}", name),
                record: key))
    }

    // Equality and hashing by content: the screen is its own cache key.
    static func == (a: FormScreen, b: FormScreen) -> Bool {
        a.list == b.list && a.original == b.original && a.record == b.record && a.problems == b.problems
            && a.editor == b.editor && a.touched == b.touched && a.showAllProblems == b.showAllProblems
    }
    func hash(into h: inout Hasher) {
        h.combine(list); h.combine(original); h.combine(record.rendered(indent: 0)); h.combine(problems)
        h.combine(editor); h.combine(touched); h.combine(showAllProblems)
    }
}

extension RecordFields.Declaration {
    /// A record type's declaration without some of its fields (an amount's money part, typed as one line).
    static func filtered(_ record: String, excluding names: Set<String>) -> RecordFields.Declaration {
        RecordFields.Declaration(
            record: record, fields: (RecordFields.declaration(record)?.fields ?? []).filter { !names.contains($0.name) }
        )
    }
}
