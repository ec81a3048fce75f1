import Synchronization
import AlliesCore
import AlliesText

/// The interactive explorer, as the terminal backend drives it: every input is a message to `update`, every frame
/// is `render`. No terminal code and no clocks here, so tests drive it with key sequences and compare grids.
public struct Explorer: Program, Sendable {
    public private(set) var state: AppState

    /// `catalog` nil means the dataset is still loading: a progress bar follows `.loadProgress` until `.dataLoaded`.
    /// Edits are saved to `saveTarget`; `welcome` is the first screen's status line (which dataset this is).
    /// `today` stamps the records edits add (`added`) and change (`updated`). `review`: an import's uncertain company
    /// matches to review (`M`), and where the decisions go.
    public init(
        catalog: Catalog?, datasetName: String, saveTarget: SaveTarget = .none, welcome: String? = nil,
        today: PartialDate? = nil, review: ReviewSetup? = nil, language: Language = .current,
        paths: PathBase = PathBase(directory: nil, home: nil)
    ) {
        state = Language.$scoped.withValue(language) {
            AppState(
                catalog: catalog, datasetName: datasetName, saveTarget: saveTarget, welcome: welcome, today: today,
                review: review, language: language, paths: paths)
        }
    }

    public init(state: AppState) { self.state = state }

    public mutating func update(_ message: Message) -> Command {
        let (next, command) = Language.$scoped.withValue(state.language) { AppState.update(state, message) }
        state = next
        return command
    }

    public func render(_ size: Size) -> Grid { Language.$scoped.withValue(state.language) { state.render(size) } }

    /// `update`, doing any work it asks for at once on this thread and delivering what the work sends: what the
    /// backend does on another thread, without the waiting. For headless drivers (tests, replays). Returns the
    /// message's own command, `.none` for work that has been done.
    @discardableResult
    public mutating func updateAndWait(_ message: Message) -> Command {
        let first = update(message)
        var command = first
        while case .work(let work) = command {
            let sent = Mutex<[Message]>([])
            Language.$scoped.withValue(state.language) { work.run { m in sent.withLock { $0.append(m) } } }
            command = .none
            for m in sent.withLock({ $0 }) {
                let next = update(m)
                if case .work = next { command = next }
            }
        }
        if case .work = first { return .none }
        return first
    }
}
