import AlliesCore

/// The interactive explorer, as the terminal backend drives it: every input is a message to `update`, every frame
/// is `render`. No terminal code and no clocks here, so tests drive it with key sequences and compare grids.
public struct Explorer: Program, Sendable {
    public private(set) var state: AppState

    /// `catalog` nil means the dataset is still loading: a progress bar follows `.loadProgress` until `.dataLoaded`.
    public init(catalog: Catalog?, datasetName: String) {
        state = AppState(catalog: catalog, datasetName: datasetName)
    }

    public init(state: AppState) { self.state = state }

    public mutating func update(_ message: Message) -> Command {
        let (next, command) = AppState.update(state, message)
        state = next
        return command
    }

    public func render(_ size: Size) -> Grid { state.render(size) }
}
