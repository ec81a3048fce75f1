import AlliesCore
import AlliesText

// The small screens of editing: what to add, whether to delete, where to save.

/// A field a new record starts with (the company on screen as a party, a marked passage as the source).
struct Prefill: Hashable, Sendable {
    let path: FieldPath
    let value: JSONValue
}

/// What the forms and confirmations call a record of each list, in the current language (Spanish nouns have a
/// gender, so the phrases are whole per list).
enum RecordWords {
    /// `New alliance`: the title of the form of a new record.
    static func new(_ list: RecordListName) -> String {
        switch list {
        case .articles: return tr("New article")
        case .groups: return tr("New group")
        case .companies: return tr("New company")
        case .alliances: return tr("New alliance")
        case .claims: return tr("New claim")
        case .people: return tr("New person")
        case .shareEstimates: return tr("New share estimate")
        }
    }

    /// `Editing alliance aws-openai`: the title of the form of a record.
    static func editing(_ list: RecordListName, _ id: String) -> String {
        switch list {
        case .articles: return tr("Editing article {0}", id)
        case .groups: return tr("Editing group {0}", id)
        case .companies: return tr("Editing company {0}", id)
        case .alliances: return tr("Editing alliance {0}", id)
        case .claims: return tr("Editing claim {0}", id)
        case .people: return tr("Editing person {0}", id)
        case .shareEstimates: return tr("Editing share estimate {0}", id)
        }
    }

    /// `Add this alliance`: the last row of the form of a new record.
    static func addThis(_ list: RecordListName) -> String {
        switch list {
        case .articles: return tr("Add this article")
        case .groups: return tr("Add this group")
        case .companies: return tr("Add this company")
        case .alliances: return tr("Add this alliance")
        case .claims: return tr("Add this claim")
        case .people: return tr("Add this person")
        case .shareEstimates: return tr("Add this share estimate")
        }
    }

    /// `adds the alliance`: what Ctrl-S does on the form of a new record.
    static func addsThe(_ list: RecordListName) -> String {
        switch list {
        case .articles: return tr("adds the article")
        case .groups: return tr("adds the group")
        case .companies: return tr("adds the company")
        case .alliances: return tr("adds the alliance")
        case .claims: return tr("adds the claim")
        case .people: return tr("adds the person")
        case .shareEstimates: return tr("adds the share estimate")
        }
    }

    /// `Delete alliance`: the title of the confirmation.
    static func delete(_ list: RecordListName) -> String {
        switch list {
        case .articles: return tr("Delete article")
        case .groups: return tr("Delete group")
        case .companies: return tr("Delete company")
        case .alliances: return tr("Delete alliance")
        case .claims: return tr("Delete claim")
        case .people: return tr("Delete person")
        case .shareEstimates: return tr("Delete share estimate")
        }
    }

    /// `alliance "aws-openai"` (`la alianza «aws-openai»`): a record in a message, as `RecordKey.description`.
    static func record(_ key: RecordKey) -> String {
        let id = key.id
        switch key.list {
        case .articles: return tr("article \"{0}\"", id)
        case .groups: return tr("group \"{0}\"", id)
        case .companies: return tr("company \"{0}\"", id)
        case .alliances: return tr("alliance \"{0}\"", id)
        case .claims: return tr("claim \"{0}\"", id)
        case .people: return tr("person \"{0}\"", id)
        case .shareEstimates: return tr("share estimate \"{0}\"", id)
        }
    }
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

    func title(_ ctx: Context) -> String { tr("Add") }

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
        // The labels' column as wide as the longest label needs (Spanish names are longer), at least 16.
        let labelWidth = max(16, (lists.map { TextWidth.of(kindLabel($0)) }.max() ?? 0) + 2)
        for list in lists {
            let label = kindLabel(list)
            let meaning = Self.meaning(list)
            items.append(
                Item(
                    id: .about(.fact, list.rawValue),
                    lines: paragraph(meaning, width: width, indent: 1, label: label, labelWidth: labelWidth),
                    action: .newRecord(list, prefill[list] ?? []), searchText: label))
        }
        return items
    }

    static func meaning(_ list: RecordListName) -> String {
        switch list {
        case .alliances: return tr("a deal: investment, cloud contract, chip supply, licence, acquisition…")
        case .companies: return tr("a company, lab, fund or unit")
        case .claims: return tr("a figure or statement that is not a deal")
        case .people: return tr("a person the articles name")
        case .shareEstimates: return tr("a published market-share estimate")
        case .groups: return tr("a named group of companies")
        case .articles: return tr("a source with its text (in the text field, @ and a file's path reads it)")
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

    func title(_ ctx: Context) -> String { RecordWords.delete(record.list) }

    func items(_ ctx: Context, width: Int) -> [Item] {
        let d = ctx.catalog.dataset
        let name = ctx.catalog.recordTitle(record)
        let what = RecordWords.record(record) + (name.isEmpty ? "" : " (\(name))")
        var items: [Item] = [
            Item(
                lines: paragraph(
                    tr("Delete {0}?", what), width: width, indent: 1, style: Style(.heading, bold: true)),
                selectable: false)
        ]
        let referrers = d.referrers(of: record)
        let removal = d.removal(of: [record], cascade: true)
        let closure = removal.removed.subtracting([record])
        if referrers.isEmpty {
            items.append(
                Item(
                    lines: paragraph(
                        tr("Nothing else refers to it. y deletes it (u undoes that); Esc keeps it."), width: width,
                        indent: 1), selectable: false))
        } else {
            let going =
                closure.isEmpty
                ? ""
                : closure.count == 1
                    ? tr("1 other record refers to it and would go with it.") + " "
                    : tr("{0} other records refer to it and would go with it.", closure.count) + " "
            let keeping =
                removal.unquoted.isEmpty
                ? ""
                : removal.unquoted.count == 1
                    ? tr("1 record quotes it among other sources: it keeps the others.") + " "
                    : tr("{0} records quote it among other sources: they keep the others.", removal.unquoted.count)
                        + " "
            let leaving =
                removal.ungrouped.isEmpty
                ? "" : tr("{0} companies stay, out of the groups that go.", removal.ungrouped.count) + " "
            let units =
                removal.unparented.isEmpty
                ? ""
                : removal.unparented.count == 1
                    ? tr("1 unit stays, as a company of its own.") + " "
                    : tr("{0} units stay, each as a company of its own.", removal.unparented.count) + " "
            items.append(
                Item(
                    lines: paragraph(
                        going + keeping + leaving + units
                            + tr("Y deletes them all (u undoes that); Esc keeps everything."),
                        width: width,
                        indent: 1, style: Style(.warning)), selectable: false))
            let shown = referrers.map { r in
                removal.removed.contains(r.from)
                    ? tr("{0} (field {1})", RecordWords.record(r.from), r.field)
                    : r.field.hasPrefix("groups[")
                        ? tr("{0} (field {1}; kept, out of the group)", RecordWords.record(r.from), r.field)
                        : r.field == "parent"
                            ? tr("{0} (field {1}; kept, as a company of its own)", RecordWords.record(r.from), r.field)
                            : tr("{0} (field {1}; kept, without this quote)", RecordWords.record(r.from), r.field)
            }
            items += sections(
                tr("Refers to it"), count: referrers.count, ctx, width: width,
                shown.map { Item(lines: paragraph($0, width: width, indent: 1), selectable: false) })
            let further = closure.subtracting(referrers.map(\.from)).sorted()
            if !further.isEmpty {
                items += sections(
                    tr("And, through those"), count: further.count, ctx, width: width,
                    further.map {
                        Item(lines: paragraph(RecordWords.record($0), width: width, indent: 1), selectable: false)
                    })
            }
        }
        return items
    }

    mutating func perform(_ command: CommandName, _ ctx: Context, _ selection: Selection) -> ScreenEffect {
        let d = ctx.catalog.dataset
        let referrers = d.referrers(of: record)
        switch command {
        case .confirm where !referrers.isEmpty:
            return .message(tr("Other records refer to it: Y deletes them too, Esc keeps everything"))
        case .confirm, .confirmAll:
            let removal = d.removal(of: [record], cascade: true)
            let others = removal.removed.count - 1
            let name = RecordWords.record(record)
            var text =
                others == 0
                ? tr("Deleted {0}", name)
                : others == 1
                    ? tr("Deleted {0} and 1 record referring to it", name)
                    : tr("Deleted {0} and {1} records referring to it", name, others)
            if !removal.changed.isEmpty { text += "; " + tr("{0} changed and kept", removal.changed.count) }
            return .commit(
                Edit(
                    dataset: d.removing(removal), description: text, removed: removal.removed,
                    updated: removal.changed))
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

    func title(_ ctx: Context) -> String { tr("Save") }

    func header(_ ctx: Context, width: Int) -> [Line] {
        [field.line(tr("Save to: "), editing: true, width: width, ellipsis: ctx.g.ellipsis)]
    }

    func items(_ ctx: Context, width: Int) -> [Item] {
        let text =
            first
            ? tr("The bundled dataset is read-only. Your edits go to your own dataset, made from the bundled one:")
                + " " + tr("this file, which Allies opens from now on (--data still opens another).") + " "
                + tr("Enter saves there; Esc keeps the edits in this session only.")
            : tr("Enter saves the session's dataset to this file (a new file, or the one it came from).") + " "
                + tr("Esc goes back: the edits stay in this session.")
        return [Item(lines: paragraph(text, width: width, indent: 1, style: Style(.dim)), selectable: false)]
    }

    mutating func perform(_ command: CommandName, _ ctx: Context, _ selection: Selection) -> ScreenEffect {
        switch command {
        case .promptOpen, .promptResults:
            // Made a full path by the session (`PathBase`): a name, `~/name` or `/full/path`.
            let typed = field.text.trimmingSpaces
            guard !typed.isEmpty, !typed.hasSuffix("/") else {
                return .error(tr("Give the file's path (a name, ~/name or /full/path)"))
            }
            return .saveTo(typed, first: first)
        case .promptCancel:
            return .pop
        default:
            return .none
        }
    }
}
