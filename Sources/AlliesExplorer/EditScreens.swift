import AlliesCore
import AlliesText

// The small screens of editing: what to add, whether to delete, where to save.

/// A field a new record starts with (the company on screen as a party, a marked passage as the source).
struct Prefill: Hashable, Sendable {
    let path: FieldPath
    let value: JSONValue
}

/// `a`: the kinds of record that can be added; the one the current view lists comes first.
struct AddChooserScreen: Screen {
    var first: RecordListName = .alliances
    var prefill: [RecordListName: [Prefill]] = [:]
    /// Where the prefilled source comes from, said above the list.
    var about: String? = nil

    var key: ScreenKey { .addChooser }
    var context: KeyContext { .record }
    var isEditingStep: Bool { true }

    func title(_ ctx: Context) -> String { "Add" }

    static let order: [RecordListName] = [
        .alliances, .companies, .claims, .people, .shareEstimates, .groups, .articles,
    ]

    func items(_ ctx: Context, width: Int) -> [Item] {
        var items: [Item] = []
        if let about {
            items.append(
                Item(lines: paragraph(about, width: width, indent: 1, style: Style(.accent)), selectable: false))
            items.append(.blank)
        }
        let lists = [first] + Self.order.filter { $0 != first }
        for list in lists {
            let label = kindLabel(list)
            let meaning = Self.meaning(list)
            items.append(
                Item(
                    id: .about(.fact, list.rawValue),
                    lines: paragraph(meaning, width: width, indent: 1, label: label, labelWidth: 16),
                    action: .newRecord(list, prefill[list] ?? []), searchText: label))
        }
        return items
    }

    static func meaning(_ list: RecordListName) -> String {
        switch list {
        case .alliances: return "a deal: investment, cloud contract, chip supply, licence, acquisition…"
        case .companies: return "a company, lab, fund or unit"
        case .claims: return "a figure or statement that is not a deal"
        case .people: return "a person the articles name"
        case .shareEstimates: return "a published market-share estimate"
        case .groups: return "a named group of companies"
        case .articles: return "a source with its text (in the text field, @ and a file's path reads it)"
        }
    }
}

/// `d`: deleting a record, after saying what else refers to it.
struct ConfirmDeleteScreen: Screen {
    let record: RecordKey
    /// How many records refer to it (counted when the screen opens): `y` deletes it alone only when none do.
    let referrers: Int

    init(record: RecordKey, referrers: Int) { self.record = record; self.referrers = referrers }

    var confirmation: (alone: Bool, withOthers: Bool)? { (referrers == 0, true) }

    var key: ScreenKey { .confirmDelete(record.list.rawValue, record.id) }
    var context: KeyContext { .confirm }
    var isEditingStep: Bool { true }

    func title(_ ctx: Context) -> String { "Delete " + record.list.noun }

    func items(_ ctx: Context, width: Int) -> [Item] {
        let d = ctx.catalog.dataset
        let name = ctx.catalog.recordTitle(record)
        var items: [Item] = [
            Item(
                lines: paragraph(
                    "Delete \(record)" + (name.isEmpty ? "" : " (\(name))") + "?", width: width, indent: 1,
                    style: Style(.heading, bold: true)), selectable: false)
        ]
        let referrers = d.referrers(of: record)
        let closure = d.removalClosure(of: [record], cascade: true).subtracting([record])
        if referrers.isEmpty {
            items.append(
                Item(
                    lines: paragraph(
                        "Nothing else refers to it. y deletes it (u undoes that); Esc keeps it.", width: width,
                        indent: 1), selectable: false))
        } else {
            items.append(
                Item(
                    lines: paragraph(
                        "\(closure.count) other record\(closure.count == 1 ? " refers" : "s refer") to it and would "
                            + "go with it. Y deletes them all (u undoes that); Esc keeps everything.", width: width,
                        indent: 1, style: Style(.warning)), selectable: false))
            let shown = referrers.map { "\($0.from) (field \($0.field))" }
            items += sections(
                "Refers to it", count: referrers.count, ctx, width: width,
                shown.map { Item(lines: paragraph($0, width: width, indent: 1), selectable: false) })
            let further = closure.subtracting(referrers.map(\.from)).sorted()
            if !further.isEmpty {
                items += sections(
                    "And, through those", count: further.count, ctx, width: width,
                    further.map { Item(lines: paragraph($0.description, width: width, indent: 1), selectable: false) })
            }
        }
        return items
    }

    mutating func perform(_ command: CommandName, _ ctx: Context, _ selection: Selection) -> ScreenEffect {
        let d = ctx.catalog.dataset
        let referrers = d.referrers(of: record)
        switch command {
        case .confirm where !referrers.isEmpty:
            return .message("Other records refer to it: Y deletes them too, Esc keeps everything")
        case .confirm, .confirmAll:
            let keys = d.removalClosure(of: [record], cascade: true)
            let others = keys.count - 1
            let text =
                "Deleted \(record)"
                + (others > 0 ? " and \(others) record\(others == 1 ? "" : "s") referring to it" : "")
            return .commit(Edit(dataset: d.removing(keys), description: text, removed: keys))
        default:
            return .none
        }
    }
}

/// Where the session's edits are saved: the first time on the bundled dataset (the user's own dataset is proposed),
/// or Ctrl-S (save elsewhere, after a failed save).
struct SavePathScreen: Screen {
    var field: PromptField
    /// The first save of edits to the bundled dataset.
    let first: Bool

    init(path: String, first: Bool) {
        field = PromptField(text: path, cursor: path.count)
        self.first = first
    }

    var key: ScreenKey { .savePrompt }
    var context: KeyContext { .savePrompt }
    var isEditingStep: Bool { true }

    var prompt: PromptField? {
        get { field }
        set { if let newValue { field = newValue } }
    }

    func title(_ ctx: Context) -> String { "Save" }

    func header(_ ctx: Context, width: Int) -> [Line] {
        [field.line("Save to: ", editing: true, width: width, ellipsis: ctx.g.ellipsis)]
    }

    func items(_ ctx: Context, width: Int) -> [Item] {
        let text =
            first
            ? "The bundled dataset is read-only. Your edits go to your own dataset, made from the bundled one: this "
                + "file, which Allies opens from now on (--data still opens another). Enter saves there; Esc keeps "
                + "the edits in this session only."
            : "Enter saves the session's dataset to this file (a new file, or the one it came from). Esc goes back: "
                + "the edits stay in this session."
        return [Item(lines: paragraph(text, width: width, indent: 1, style: Style(.dim)), selectable: false)]
    }

    mutating func perform(_ command: CommandName, _ ctx: Context, _ selection: Selection) -> ScreenEffect {
        switch command {
        case .promptOpen, .promptResults:
            let path = field.text.trimmingSpaces
            guard path.hasPrefix("/") else { return .error("Give the file's full path (it starts with /)") }
            return .saveTo(path, first: first)
        case .promptCancel:
            return .pop
        default:
            return .none
        }
    }
}
