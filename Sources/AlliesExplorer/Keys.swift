import AlliesCore
import AlliesText

/// Every command a key can run. The names are stable: tests and the help screen refer to them.
public enum CommandName: String, CaseIterable, Sendable {
    case moveDown, moveUp, pageDown, pageUp, top, bottom
    case open, back, quit, forceQuit
    case companies, alliances, timeline, chips, network, changes
    case search, nextMatch, previousMatch, help
    // Editing the dataset.
    case addRecord, editRecord, deleteRecord, undo, redo, saveAs, reload, markPassage
    // A record form, a confirmation.
    case editField, removeField, applyForm, leaveForm, confirm, confirmAll
    case sort, filter, filterBack, companyTimeline, agreedOnly
    // The network view.
    case companyNetwork, mergeUnits, askPath, loops, openCompany, promptPaths
    // Reviewing an import's uncertain company matches.
    case review, acceptMatch, rejectMatch, skipMatch
    // The search prompt.
    case promptOpen, promptResults, promptCancel, promptDelete, promptDeleteForward, promptClear, promptDeleteWord
    case promptLeft, promptRight, promptStart, promptEnd, promptUp, promptDown
}

/// Where a binding applies. `lists` means every browsing screen (all but the search prompt and the loading screen).
public enum KeyContext: String, CaseIterable, Sendable {
    case everywhere, lists, companies, alliances, timeline, chips, network, paths, loops, loop, company, alliance,
        search, changes, review
    case prompt, companyPrompt, help, record, article, form, formField, confirm, savePrompt

    /// A step of an edit: the status line offers its own keys and help, not the browsing ones.
    var isEditingStep: Bool { self == .form || self == .formField || self == .confirm || self == .savePrompt }

    /// A text prompt: printable keys are text there, and the browsing keys do not apply.
    var isPrompt: Bool { self == .prompt || self == .companyPrompt || self == .formField || self == .savePrompt }

    var title: String {
        switch self {
        case .everywhere: return tr("Everywhere")
        case .lists: return tr("Moving, opening and editing")
        case .companies: return tr("Companies (1)")
        case .alliances: return tr("Alliances (2)")
        case .timeline: return tr("Timeline (3)")
        case .chips: return tr("Chips (4)")
        case .network: return tr("Network (5)")
        case .changes: return tr("Changes (6)")
        case .review: return tr("Reviewing matches (M)")
        case .paths: return tr("Paths (p on Network)")
        case .loops: return tr("Loops (c on Network)")
        case .loop: return tr("A loop")
        case .company: return tr("A company")
        case .alliance: return tr("An alliance")
        case .search: return tr("Search results")
        case .prompt: return tr("Search prompt (typing)")
        case .companyPrompt: return tr("Company prompt (p on Network)")
        case .help: return tr("Help")
        case .record: return tr("A person, claim or passage")
        case .article: return tr("An article (its quoted passages)")
        case .form: return tr("A record form (a, e)")
        case .formField: return tr("A form's field (typing)")
        case .confirm: return tr("Deleting (d)")
        case .savePrompt: return tr("Where to save (typing)")
        }
    }
}

/// What a binding's availability looks at: the top screen and where the user is in it.
struct CommandScope {
    let screen: any Screen
    /// How deep the screen stack is (1: a top-level view).
    let depth: Int
    /// The selected row, if any.
    let item: Item?
    let hasSelectableRows: Bool
    /// The last search's words (highlighted everywhere, stepped through by `n`/`N`).
    let needles: [String]
    /// Whether an import's uncertain company matches were handed to the explorer to review.
    var hasReview = false
}

/// Whether a command does something where its key is pressed (lazygit's per-binding availability). Dispatch runs it
/// only when it applies; the status line shows it only when it applies and is worth saying.
enum Applicability: Equatable {
    case applies
    /// It runs, but the status line does not offer it here (`q` going back on a deep screen).
    case appliesQuietly
    /// It does nothing here; the reason, when there is one, is what pressing the key says.
    case unavailable(reason: String?)
}

/// When a binding's command applies, beyond the contexts it is bound in.
struct Availability: Sendable {
    let check: @Sendable (CommandScope) -> Applicability

    static let always = Availability { _ in .applies }

    /// `q`: quits from a top-level view; deeper, it goes back, which Esc offers.
    static let quit = Availability { $0.depth == 1 ? .applies : .appliesQuietly }
    /// Esc: goes back; on a top-level view it clears the search highlight, and does nothing without one.
    static let back = Availability { s in
        s.depth > 1 ? .applies : s.needles.isEmpty ? .unavailable(reason: nil) : .appliesQuietly
    }
    /// Enter: opens what the selected row points to.
    static let open = Availability { s in
        guard let item = s.item else { return .unavailable(reason: nil) }
        return item.action == nil ? .unavailable(reason: tr("Nothing to open on this row")) : .applies
    }
    /// `n`/`N`: needs a search, unless the screen lists search results (each row is a match).
    static let match = Availability { s in
        if s.screen.ownSearch != nil || !s.needles.isEmpty { return .applies }
        return .unavailable(reason: s.hasSelectableRows ? tr("No search yet: press / to search") : nil)
    }
    /// `n`/`N` in an article: needs a quoted passage in its text.
    static let passages = Availability { s in
        s.screen.hasStops ? .applies : .unavailable(reason: nil)
    }
    /// `a`, `u`, Ctrl-R, Ctrl-S: not while a form or a confirmation is open (finish or leave it first).
    static let edits = Availability { s in
        s.screen.isEditingStep
            ? .unavailable(reason: tr("Finish this first: Ctrl-S keeps a form, Esc leaves")) : .applies
    }
    /// `e`, `d`: a record on screen or selected.
    static let record = Availability { s in
        if s.screen.isEditingStep {
            return .unavailable(reason: tr("Finish this first: Ctrl-S keeps a form, Esc leaves"))
        }
        if s.screen.shownRecord != nil { return .applies }
        switch s.item?.action {
        case .company?, .alliance?, .person?, .claim?, .article?, .articleAt?: return .applies
        default: return .unavailable(reason: tr("Select a company, alliance, claim, person or article first"))
        }
    }
    /// `y` when deleting: only when nothing else refers to the record.
    static let deletesAlone = Availability { s in
        s.screen.confirmation?.alone == true
            ? .applies : .unavailable(reason: tr("Other records refer to it: Y deletes them too, Esc keeps everything"))
    }
    /// `Y` when deleting: offered when other records refer to it (alone, `y` says the same).
    static let deletesWithOthers = Availability { s in
        s.screen.confirmation?.alone == false ? .applies : .appliesQuietly
    }
    /// `M`: there are matches to review.
    static let reviewable = Availability { s in
        s.hasReview
            ? .applies
            : .unavailable(
                reason: tr("No uncertain company matches to review (allies import lists them beside the dataset)"))
    }
    /// `/`: on the search results it goes back to their prompt, which the status line need not offer.
    static let search = Availability { $0.screen.ownSearch == nil ? .applies : .appliesQuietly }
}

/// One row of the key table: a command, the keys that run it, where and when, what it does, and how the status
/// line names it.
public struct KeyBinding: Sendable {
    public let command: CommandName
    public let keys: [Key]
    /// The screens it is bound on (the help screen lists it under each).
    public let contexts: [KeyContext]
    /// When it applies there.
    let availability: Availability
    public let help: String
    /// The status line's short name for it (nil: not shown there).
    public let hint: String?
    /// How the status line writes the keys, when not the first key's name (`1-4`).
    public let hintKeys: String?

    init(
        _ command: CommandName, _ keys: [Key], _ contexts: [KeyContext], _ help: String, hint: String? = nil,
        hintKeys: String? = nil, when availability: Availability = .always
    ) {
        self.command = command; self.keys = keys; self.contexts = contexts; self.help = help; self.hint = hint
        self.hintKeys = hintKeys; self.availability = availability
    }
}

/// The one key table. Dispatch, the help screen and the status line are all derived from it.
public enum KeyTable {
    /// The table in the current language (its texts are translated once per language, not per key press).
    public static var bindings: [KeyBinding] { Language.current == .es ? spanish : english }
    private static let english = Language.$scoped.withValue(.en) { make() }
    private static let spanish = Language.$scoped.withValue(.es) { make() }

    private static func make() -> [KeyBinding] {
        [
            // Screen-specific commands first: the status line lists what matters on this screen before the generic
            // keys.
            KeyBinding(
                .sort, [.character("s")], [.companies, .alliances], tr("Cycle the sort order"), hint: tr("sort")),
            KeyBinding(
                .sort, [.character("s")], [.loops], tr("Most agreed money first, or the newest first"), hint: tr("sort")
            ),
            KeyBinding(
                .filter, [.character("f")], [.alliances], tr("Filter by kind (cycles through the kinds)"),
                hint: tr("kind")),
            KeyBinding(.filterBack, [.character("F")], [.alliances], tr("Filter by kind, cycling backwards")),
            KeyBinding(
                .companyTimeline, [.character("t")], [.companies, .company], tr("Open the company's own timeline"),
                hint: tr("timeline")),
            KeyBinding(
                .companyNetwork, [.character("w")], [.company],
                tr("Open the company's network (its partners and theirs)"),
                hint: tr("network")),
            // The same on Companies, without a hint: the status line there has no room left for it.
            KeyBinding(.companyNetwork, [.character("w")], [.companies], tr("Open the selected company's network")),
            KeyBinding(
                .mergeUnits, [.character("m")], [.network, .paths, .loops],
                tr("Merge units into their parent (AWS into Amazon), or keep them apart"),
                hint: tr(context: "network", "units")),
            KeyBinding(
                .askPath, [.character("p")], [.network],
                tr("Ask for a second company and show the shortest paths to it"), hint: tr("path")),
            KeyBinding(
                .loops, [.character("c")], [.network], tr("List the circular-financing loops (money that comes back)"),
                hint: tr("loops")),
            KeyBinding(
                .openCompany, [.character("o")], [.network],
                tr("Open the selected company's own screen (Enter re-centres the network on it instead)"),
                hint: tr("company")),
            KeyBinding(
                .nextMatch, [.character("n")], [.article], tr("Next quoted passage (wraps)"), hint: tr("passage"),
                hintKeys: "n/N", when: .passages),
            KeyBinding(
                .previousMatch, [.character("N")], [.article], tr("Previous quoted passage (wraps)"), when: .passages),
            KeyBinding(
                .open, [.enter, .character("l"), .right], [.article],
                tr("Open the fact a passage supports (the list of them when several do)"), hint: tr("facts"),
                when: .open),
            KeyBinding(
                .acceptMatch, [.character("y")], [.review],
                tr("Accept the match: merge the added company into the one it may be (u undoes it);") + " "
                    + tr("the decision is written beside the dataset for the next import"), hint: tr("accept")),
            KeyBinding(
                .rejectMatch, [.character("n")], [.review],
                tr("Reject the match: they are different companies (written beside the dataset for the next import)"),
                hint: tr("reject")),
            KeyBinding(
                .skipMatch, [.character("s"), .character(" ")], [.review], tr("Skip: decide later, nothing is written"),
                hint: tr("skip")),
            KeyBinding(
                .open, [.enter, .character("l"), .right], [.review],
                tr("Open the added company to look before deciding"),
                hint: tr("look"), when: .open),
            KeyBinding(
                .promptPaths, [.enter, .tab], [.companyPrompt],
                tr("Show the shortest paths to the company typed (a name, an alias or a unique prefix;") + " "
                    + tr("the search prompt's editing keys work here)"), hint: tr("paths")),

            KeyBinding(
                .editField, [.enter, .character("e")], [.form],
                tr("Edit the field (a list: add one; yes/no: switch it)"),
                hint: tr("edit")),
            KeyBinding(
                .removeField, [.character("x"), .delete], [.form], tr("Remove the value, list item or date"),
                hint: tr("remove")),
            KeyBinding(
                .applyForm, [.control("s")], [.form, .formField],
                tr("Add the record, or save the changes to it (checked first)"),
                hint: tr("keep")),
            KeyBinding(
                .leaveForm, [.escape], [.form], tr("Leave the form (asks again when it has changes)"), hint: tr("leave")
            ),
            KeyBinding(
                .promptOpen, [.enter], [.formField], tr("Set the field (to the option highlighted below, if any)"),
                hint: tr("set")),
            KeyBinding(
                .promptResults, [.tab], [.formField], tr("Set the field and edit the next one"), hint: tr("next")),
            KeyBinding(.promptDown, [.down, .control("n")], [.formField], tr("Highlight the next option")),
            KeyBinding(.promptUp, [.up, .control("p")], [.formField], tr("Highlight the previous option")),
            KeyBinding(
                .promptCancel, [.escape], [.formField, .savePrompt], tr("Put the field back as it was"),
                hint: tr("cancel")),
            KeyBinding(
                .confirm, [.character("y")], [.confirm], tr("Delete it (when nothing else refers to it)"),
                hint: tr("delete"),
                when: .deletesAlone),
            KeyBinding(
                .confirmAll, [.character("Y")], [.confirm], tr("Delete it and every record that refers to it"),
                hint: tr("delete all"), when: .deletesWithOthers),
            KeyBinding(.promptOpen, [.enter], [.savePrompt], tr("Save to this file"), hint: tr("save")),
            KeyBinding(
                .markPassage, [.character("m")], [.article],
                tr("Mark the sentence at the cursor (again: one more sentence); then a adds a fact quoting it"),
                hint: tr("mark")),

            KeyBinding(
                .addRecord, [.character("a")], [.lists], tr("Add a record (an alliance, company, claim, person…)"),
                when: .edits),
            KeyBinding(
                .editRecord, [.character("e")], [.lists], tr("Edit the record on screen, or the one selected"),
                when: .record),
            KeyBinding(
                .deleteRecord, [.character("d")], [.lists], tr("Delete the record on screen or selected (asks first)"),
                when: .record),
            KeyBinding(.undo, [.character("u")], [.lists], tr("Undo the last edit of this session"), when: .edits),
            KeyBinding(.redo, [.control("r")], [.lists], tr("Redo what u undid"), when: .edits),
            KeyBinding(
                .saveAs, [.control("s")], [.lists], tr("Save the session's dataset (to its file, or another)"),
                when: .edits),
            KeyBinding(
                .reload, [.character("R")], [.lists],
                tr("Read the dataset's file again and reapply this session's edits to it (after it changed on disk)"),
                when: .edits),

            KeyBinding(
                .agreedOnly, [.character("$")], [.lists],
                tr("Agreed money only: leave out deals in talks, rumoured, predicted or ended (again to show all)")),
            KeyBinding(.moveDown, [.character("j"), .down], [.lists], tr("Move down")),
            KeyBinding(.moveUp, [.character("k"), .up], [.lists], tr("Move up")),
            KeyBinding(.pageDown, [.pageDown, .control("f"), .character(" ")], [.lists], tr("Page down")),
            KeyBinding(.pageUp, [.pageUp, .control("b")], [.lists], tr("Page up")),
            KeyBinding(.top, [.character("g"), .home], [.lists], tr("Go to the top")),
            KeyBinding(.bottom, [.character("G"), .end], [.lists], tr("Go to the bottom")),
            KeyBinding(
                .open, [.enter, .character("l"), .right], [.lists], tr("Open the selected item"), hint: tr("open"),
                when: .open),
            KeyBinding(
                .back, [.escape, .backspace, .character("h"), .left], [.lists],
                tr("Go back one screen (on a top-level view: clear the search highlight)"), hint: tr("back"),
                when: .back),

            KeyBinding(
                .companies, [.character("1")], [.lists], tr("Companies view"), hint: tr("views"), hintKeys: "1-6"),
            KeyBinding(.alliances, [.character("2")], [.lists], tr("Alliances view")),
            KeyBinding(.timeline, [.character("3")], [.lists], tr("Timeline view")),
            KeyBinding(.chips, [.character("4")], [.lists], tr("Chips view (market-share bars, vendors and buyers)")),
            KeyBinding(
                .network, [.character("5")], [.lists],
                tr("Network view: the ties of the company selected in Companies (or of the company on screen)")),
            KeyBinding(
                .changes, [.character("6")], [.lists],
                tr("Changes view: records added or updated by edits, newest first")),
            KeyBinding(
                .review, [.character("M")], [.lists],
                tr("Review the uncertain company matches of an import (accept, reject, skip)"), when: .reviewable),
            KeyBinding(
                .search, [.character("/")], [.lists],
                tr("Search everything (companies, alliances, people, claims, articles, shares)"),
                hint: tr("search"), when: .search),
            KeyBinding(.search, [.tab], [.search], tr("Back to the search prompt")),
            KeyBinding(
                .nextMatch, [.character("n")], [.lists], tr("Next match of the last search (wraps)"), hint: tr("match"),
                hintKeys: "n/N", when: .match),
            KeyBinding(
                .previousMatch, [.character("N")], [.lists], tr("Previous match of the last search (wraps)"),
                when: .match),
            KeyBinding(
                .help, [.character("?"), .function(1)], [.everywhere], tr("Show this help; again to close it"),
                hint: tr("help")),
            KeyBinding(
                .quit, [.character("q")], [.lists], tr("Go back; quit from a top-level view"), hint: tr("quit"),
                when: .quit),
            KeyBinding(.forceQuit, [.control("c")], [.everywhere], tr("Quit from anywhere")),

            KeyBinding(.promptOpen, [.enter], [.prompt], tr("Open the selected result"), hint: tr("open")),
            KeyBinding(.promptDown, [.down, .control("n")], [.prompt], tr("Select the next result")),
            KeyBinding(.promptUp, [.up, .control("p")], [.prompt], tr("Select the previous result")),
            KeyBinding(
                .promptResults, [.tab], [.prompt],
                tr("Leave the prompt for the results (then n/N, j/k); with no match, take the suggestion"),
                hint: tr("results")),
            KeyBinding(
                .promptCancel, [.escape], [.prompt, .companyPrompt], tr("Close the prompt"), hint: tr("cancel")),
            KeyBinding(
                .promptDelete, [.backspace], [.prompt], tr("Delete the character before the cursor")
            ),
            KeyBinding(.promptDeleteForward, [.delete], [.prompt], tr("Delete the character under the cursor")),
            KeyBinding(.promptDeleteWord, [.control("w")], [.prompt], tr("Delete a word")),
            KeyBinding(.promptClear, [.control("u")], [.prompt], tr("Clear the query")),
            KeyBinding(.promptLeft, [.left], [.prompt], tr("Move the cursor left")),
            KeyBinding(.promptRight, [.right], [.prompt], tr("Move the cursor right")),
            KeyBinding(.promptStart, [.home, .control("a")], [.prompt], tr("Cursor to the start")),
            KeyBinding(.promptEnd, [.end, .control("e")], [.prompt], tr("Cursor to the end")),
        ]
    }

    /// The binding a key runs in a context. A screen's own bindings win over the generic ones.
    static func binding(for key: Key, in context: KeyContext) -> KeyBinding? {
        let order: [KeyContext] = context.isPrompt ? [context, .prompt, .everywhere] : [context, .lists, .everywhere]
        for c in order {
            if let b = bindings.first(where: { $0.contexts.contains(c) && $0.keys.contains(key) }) { return b }
        }
        return nil
    }

    static func applies(_ b: KeyBinding, to context: KeyContext) -> Bool {
        b.contexts.contains(context) || b.contexts.contains(.everywhere)
            || (!context.isPrompt && b.contexts.contains(.lists))
    }

    static func label(_ key: Key, _ g: Glyphs) -> String {
        switch key {
        case .character(" "): return tr("Space")
        case .character(let c): return String(c)
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .backspace: return "Backspace"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .delete: return "Del"
        case .up: return g.up
        case .down: return g.down
        case .left: return g.left
        case .right: return g.right
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .function(let n): return "F\(n)"
        case .control(let c): return "Ctrl-" + String(c).uppercased()
        }
    }

    static func labels(_ b: KeyBinding, _ g: Glyphs) -> String { b.keys.map { label($0, g) }.joined(separator: " ") }
}
