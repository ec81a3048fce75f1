import AlliesCore
import AlliesText

// Reviewing an import's uncertain company matches (issue #14): the companies an import added as new ones although
// they may be companies already in the dataset. Accepting one merges it into that company (an edit like any other:
// undoable, saved safely, in the Changes view); rejecting it keeps them apart. Either way the decision goes to the
// decisions file beside the dataset (`NAME.review.json`), which the next import of the same source applies again.
// The file is written off the interface thread, as saves are.

/// What the executable hands the explorer: the candidates nobody has decided on yet, the decisions already in the
/// decisions file (kept when it is written again), and where that file is.
public struct ReviewSetup: Sendable, Equatable {
    public var candidates: [MatchCandidate]
    public var decisions: [ReviewDecision]
    public var decisionsPath: String

    public init(candidates: [MatchCandidate], decisions: [ReviewDecision], decisionsPath: String) {
        self.candidates = candidates; self.decisions = decisions; self.decisionsPath = decisionsPath
    }
}

/// The review of a session: the candidates listed, what was decided on them, and what of it is in the file.
struct ReviewState: Sendable {
    /// The candidates listed on the review screen (those whose added company was in the dataset when it loaded).
    var candidates: [MatchCandidate]
    /// Every decision of the file: the ones it held, then this session's, in order.
    var decisions: [ReviewDecision]
    let path: String
    /// Candidate index → index of its decision in `decisions`.
    var decided: [Int: Int] = [:]
    /// How many of `decisions` the file is known to hold (the ones it held, then those written since).
    var written: Int
    /// The count of decisions being written, when a write runs; another decision meanwhile is written after it.
    var writing: Int? = nil
    var writeAgain = false
    /// Why the last write failed, until one succeeds.
    var writeError: String? = nil

    init(_ setup: ReviewSetup) {
        candidates = setup.candidates
        decisions = setup.decisions
        path = setup.decisionsPath
        written = setup.decisions.count
    }

    func verdict(_ i: Int) -> (ReviewDecision.Verdict, written: Bool)? {
        decided[i].map { (decisions[$0].verdict, $0 < written) }
    }

    /// Not decided, and its added company still in the dataset.
    func isPending(_ i: Int, _ catalog: Catalog) -> Bool {
        decided[i] == nil && catalog.company(candidates[i].added) != nil
    }

    func pending(_ catalog: Catalog) -> [Int] { candidates.indices.filter { isPending($0, catalog) } }

    /// The first pending candidate after `i`, wrapping; nil when none is.
    func nextPending(after i: Int, _ catalog: Catalog) -> Int? {
        let n = candidates.count
        guard n > 0 else { return nil }
        for step in 1...n {
            let j = ((i + step) % n + n) % n
            if isPending(j, catalog) { return j }
        }
        return nil
    }
}

/// A write of the decisions file came back.
public struct ReviewWriteOutcome: Sendable {
    let path: String
    /// How many decisions it wrote.
    let count: Int
    let error: SaveError?
}

extension RowID {
    static func candidate(_ i: Int) -> RowID { .nth(.candidate, i) }
    var candidateIndex: Int? { if case .nth(.candidate, let i) = self { return i } else { return nil } }
}

/// `M`: the uncertain company matches of an import, one per item, each with what it was added as, what it may be,
/// why, and the verdict once given.
struct ReviewScreen: Screen {
    var key: ScreenKey { .review }
    var context: KeyContext { .review }

    func title(_ ctx: Context) -> String {
        guard let review = ctx.review else { return tr("Review matches") }
        return tr("Review matches {0}/{1} pending", review.pending(ctx.catalog).count, review.candidates.count)
    }

    func header(_ ctx: Context, width: Int) -> [Line] {
        guard let review = ctx.review, !review.candidates.isEmpty else { return [] }
        var sources: [String] = []
        for c in review.candidates where !sources.contains(c.dataset) { sources.append(c.dataset) }
        var line = Line([Span(tr(" From "), Style(.dim), searchable: false)])
        line.append(Span(sources.joined(separator: ", "), Style(.normal, bold: true)))
        let file = AppState.fileName(review.path)
        line.append(Span(tr(" (decisions go to {0})", file), Style(.dim), searchable: false))
        return [line]
    }

    func items(_ ctx: Context, width: Int) -> [Item] {
        guard let review = ctx.review, !review.candidates.isEmpty else {
            return [
                Item(
                    lines: paragraph(
                        tr("No uncertain company matches to review.") + " "
                            + tr("allies import lists them in NAME.candidates.json beside the dataset it writes;")
                            + " " + tr("they are reviewed here when that dataset is opened."),
                        width: width, indent: 1, style: Style(.dim)), selectable: false)
            ]
        }
        let catalog = ctx.catalog, g = ctx.g
        let sources = Set(review.candidates.map(\.dataset))
        func alliances(_ id: String) -> String {
            let n = catalog.alliancesByCompany[id]?.count ?? 0
            return n == 1 ? tr("1 alliance") : tr("{0} alliances", n)
        }
        func describe(_ id: String, fallbackName: String) -> String {
            guard let c = catalog.company(id) else {
                return tr("{0} ({1}): no longer in the dataset", fallbackName, id)
            }
            return ([c.name + " (" + id + ")"] + (c.country.map { [$0] } ?? []) + [alliances(id)])
                .joined(separator: g.dot)
        }
        // The labels' column as wide as the longest label needs, at least 10.
        let labels = (added: tr("added as"), may: tr("may be"), why: tr("why"))
        let labelWidth = max(10, [labels.added, labels.may, labels.why].map(TextWidth.of).max()! + 2)
        var items: [Item] = []
        for (i, c) in review.candidates.enumerated() {
            if i > 0 { items.append(.blank) }
            var head = c.name + g.dot + tr("key {0}", c.key)
            if sources.count > 1 { head += g.dot + c.dataset }
            // Clipped, not wrapped: wrapping folds spaces, and "spaced differently" must show.
            var lines = [
                Line([
                    Span(" ", searchable: false),
                    Span(
                        Clip.toWidth(Sanitize.line(head), max(1, width - 1), ellipsis: g.ellipsis),
                        Style(.normal, bold: true)),
                ])
            ]
            let added: String
            if let a = catalog.company(c.added) {
                added = ([a.id] + (a.country.map { [$0] } ?? []) + [alliances(a.id)]).joined(separator: g.dot)
            } else {
                added = tr("{0}: no longer in the dataset", c.added)
            }
            lines += paragraph(added, width: width, indent: 3, label: labels.added, labelWidth: labelWidth)
            lines += paragraph(
                describe(c.company, fallbackName: c.companyName), width: width, indent: 3, label: labels.may,
                labelWidth: labelWidth)
            lines += paragraph(
                c.reason, width: width, indent: 3, label: labels.why, labelWidth: labelWidth, style: Style(.dim))
            if let (verdict, written) = review.verdict(i) {
                var text: String
                switch verdict {
                case .accept where catalog.company(c.added) != nil:
                    // Undone with u: the dataset is as before, the decision stays (the next import applies it).
                    text = tr("accepted, merge undone here; the next import merges them")
                case .accept:
                    text = tr("accepted {0} merged into {1} ({2})", g.arrow, c.companyName, c.company)
                case .reject: text = tr(context: "review", "rejected")
                }
                if !written { text += tr("; not yet in {0}", AppState.fileName(review.path)) }
                lines += paragraph(
                    text, width: width, indent: 3, style: Style(written ? .accent : .warning, bold: true))
            } else if catalog.company(c.added) == nil {
                let text = tr("nothing to decide: not in the dataset")
                lines += paragraph(text, width: width, indent: 3, style: Style(.dim))
            }
            let open: Action? =
                catalog.company(c.added) != nil
                ? .company(c.added) : catalog.company(c.company) != nil ? .company(c.company) : nil
            items.append(
                Item(id: .candidate(i), lines: lines, action: open, searchText: c.name + " " + c.companyName))
        }
        return items
    }

    /// Opens at the first candidate still pending.
    func initialRows(_ ctx: Context) -> [RowID] {
        guard let review = ctx.review else { return [] }
        return review.pending(ctx.catalog).prefix(1).map { .candidate($0) }
    }

    mutating func perform(_ command: CommandName, _ ctx: Context, _ selection: Selection) -> ScreenEffect {
        guard let i = selection.item?.id?.candidateIndex else { return .none }
        switch command {
        case .acceptMatch: return .decide(candidate: i, .accept)
        case .rejectMatch: return .decide(candidate: i, .reject)
        case .skipMatch:
            guard let review = ctx.review, let next = review.nextPending(after: i, ctx.catalog), next != i else {
                return .message(tr("No other match is pending"))
            }
            return .select(.candidate(next), note: nil)
        default: return .none
        }
    }
}

extension AppState {
    /// The notice the first screen shows when matches wait for review.
    func reviewNotice() -> String? {
        guard let review, let catalog else { return nil }
        let n = review.pending(catalog).count
        guard n > 0 else { return nil }
        let key = KeyTable.bindings.first { $0.command == .review }.map { KeyTable.labels($0, glyphs) } ?? "M"
        return n == 1
            ? tr("1 uncertain company match from an import: press {0} to review", key)
            : tr("{0} uncertain company matches from an import: press {1} to review", n, key)
    }

    /// The dataset arrived: only the candidates whose added company is in it are listed; the notice says how many.
    mutating func reviewLoaded() {
        guard var review, let catalog else { return }
        review.candidates = review.candidates.filter { catalog.company($0.added) != nil }
        self.review = review
        if let notice = reviewNotice() {
            note = StatusNote(text: (note.map { $0.text + " · " } ?? "") + notice, isError: false)
        }
    }

    /// `y` and `n` on the review screen: accepting merges the added company into the one it may be (an edit, saved
    /// and undoable like any); either records the decision and writes the decisions file.
    mutating func decide(_ i: Int, _ verdict: ReviewDecision.Verdict) -> Command {
        guard var review, let catalog, review.candidates.indices.contains(i) else { return .none }
        let c = review.candidates[i]
        if let (done, written) = review.verdict(i) {
            guard written else {
                // Its write failed: this is the retry.
                return writeDecisions()
            }
            note = StatusNote(text: done == .accept ? tr("Already accepted") : tr("Already rejected"), isError: false)
            return .none
        }
        guard catalog.company(c.added) != nil else {
            note = StatusNote(text: tr("{0} is no longer in the dataset: nothing to decide", c.added), isError: false)
            return .none
        }
        var command = Command.none
        if verdict == .accept {
            switch catalog.dataset.mergingCompany(c.added, into: c.company) {
            case .failure(let refusal):
                note = StatusNote(text: tr("Not merged: {0}", refusal), isError: true)
                return .none
            case .success(var merged):
                let kept = RecordKey(.companies, c.company)
                if let day = session.today { merged = merged.stamped(updated: [kept], on: day) }
                let text = tr("Merged {0} ({1}) into {2} ({3})", c.name, c.added, c.companyName, c.company)
                let edit = Edit(dataset: merged, description: text, removed: [RecordKey(.companies, c.added)])
                let save = commit(edit)
                command = afterChange(save)
            }
        }
        review.decisions.append(ReviewDecision(dataset: c.dataset, key: c.key, company: c.company, verdict: verdict))
        review.decided[i] = review.decisions.count - 1
        self.review = review
        cache = ItemCache()
        if verdict == .reject {
            note = StatusNote(text: tr("Rejected: {0} is not {1}", c.name, c.companyName), isError: false)
        }
        // The selection moves on to the next pending match.
        if stack.last?.screen.key == .review, let next = review.nextPending(after: i, self.catalog ?? catalog),
            let (items, _) = topItems(), let row = items.index(ofSelectableID: .candidate(next))
        {
            stack[stack.count - 1].selected = row
            stack[stack.count - 1].selectedID = .candidate(next)
        }
        normalize()
        return Self.both(command, writeDecisions())
    }

    /// Writes every decision to the decisions file off the interface thread; one write at a time (a decision made
    /// while one runs is written after it).
    mutating func writeDecisions() -> Command {
        guard var review else { return .none }
        if review.writing != nil {
            review.writeAgain = true
            self.review = review
            return .none
        }
        let decisions = review.decisions
        let path = review.path
        review.writing = decisions.count
        self.review = review
        return .work(
            Work("review") { send in
                let error = Dataset.writeFileSafely(ReviewFile.json(decisions), to: path)
                send(.reviewWritten(ReviewWriteOutcome(path: path, count: decisions.count, error: error)))
            })
    }

    /// A write of the decisions file came back.
    mutating func reviewWritten(_ outcome: ReviewWriteOutcome) -> Command {
        guard var review, review.path == outcome.path else { return .none }
        review.writing = nil
        cache = ItemCache()
        if let error = outcome.error {
            review.writeAgain = false
            review.writeError = error.description
            self.review = review
            let waiting = review.decisions.count - review.written
            let file = Self.fileName(review.path)
            // The command line's advice (run it again) is not this screen's: y or n retries.
            let e: String
            if case .changedOnDisk(let changed, let what) = error {
                e = tr("{0} {1} since Allies read it", Self.fileName(changed), what)
            } else {
                e = error.description
            }
            note = StatusNote(
                text: tr("Decision not written to {0}: {1};", file, e) + " "
                    + tr("{0} kept here: y or n on it again retries", waiting), isError: true)
            return .none
        }
        review.written = max(review.written, outcome.count)
        review.writeError = nil
        let again = review.writeAgain || review.written < review.decisions.count
        review.writeAgain = false
        self.review = review
        if again { return writeDecisions() }
        if note == nil || note?.isError == false {
            note = StatusNote(
                text: (note.map { $0.text + " · " } ?? "") + tr("decision written to {0}", Self.fileName(review.path)),
                isError: false)
        }
        return .none
    }

    /// Two commands as one: both works run, one after the other, on the backend's thread.
    static func both(_ a: Command, _ b: Command) -> Command {
        switch (a, b) {
        case (.work(let x), .work(let y)):
            return .work(
                Work(x.name + "+" + y.name) { send in
                    x.run(send)
                    y.run(send)
                })
        case (.none, _): return b
        case (_, .none): return a
        default: return a
        }
    }
}
