import AlliesCore
import Synchronization

/// A key, as the backend decodes it.
public enum Key: Hashable, Sendable {
    case character(Character)
    case enter, escape, backspace, tab, backTab, delete
    case up, down, left, right, pageUp, pageDown, home, end
    case function(Int)
    /// Ctrl plus a letter, lower case: `.control("c")`.
    case control(Character)
}

public struct Mouse: Hashable, Sendable {
    public enum Action: Hashable, Sendable { case press, doubleClick, wheelUp, wheelDown }
    public var action: Action
    public var x: Int
    public var y: Int
    public init(_ action: Action, x: Int, y: Int) { self.action = action; self.x = x; self.y = y }
}

/// Everything that can happen to the explorer. Input, terminal events and the results of side effects all arrive
/// as messages, so `update` is the one place state changes (Bubble Tea's Model/Update/View).
public enum Message: Sendable {
    case key(Key)
    /// Text the terminal marked as pasted (bracketed paste): typed into the open field whole, its line breaks text
    /// rather than Enter.
    case paste(String)
    case mouse(Mouse)
    case resize(Size)
    /// A dataset finished loading (or failed to) in the background.
    case dataLoaded(LoadResult)
    /// The dataset's Companies list before the dataset is read whole (read in place from its store, or the JSON's
    /// companies read first): drawn and moved through meanwhile.
    case earlyCompanies(any EarlyCompanyList)
    /// The store that list came from was refused when read whole (damaged, or replaced): it is not drawn from again.
    case earlyCompaniesWithdrawn
    /// A word for the status line from whoever loads the data (the edits read with a file), after any note there.
    case notice(String)
    /// Loading progress, 0…1, for the progress bar.
    case loadProgress(Double)
    /// Search-index building progress, 0…1, after a large dataset was loaded without its index.
    case indexProgress(Double)
    /// The search index of the loaded catalog, built in the background.
    case indexReady(SearchIndex)
    /// After a change: the last index patched with the records changed since, answering searches until the new
    /// dataset's own index arrives.
    case indexPatched(PatchedIndex)
    /// A tick from the backend's input timeout, for time-based state (double-click, status messages).
    case tick
    /// What the terminal can do; sent by the backend before the first frame and whenever it changes.
    case terminal(TerminalCapabilities)
    /// The loop search (`c`) found this many loops so far.
    case loopsProgress(LoopSearchID, found: Int)
    /// A save of the session's edits finished (or failed).
    case saved(SaveOutcome)
    /// The session's file was read again (`R`).
    case reloaded(ReloadOutcome)
    /// The review decisions file was written (or not).
    case reviewWritten(ReviewWriteOutcome)
    /// A file's text read for a form's field: the field, the file, the text or why it could not be read.
    case textRead(FieldPath, path: String, Result<String, TextReadError>)
    /// The loop search finished (or was stopped): its loops.
    case loopsFound(LoopSearchID, cycles: [Network.Cycle], capped: Bool)
    /// The network being built in the background (a large dataset's) is this far, 0…1.
    case networkProgress(NetworkBuildID, Double)
    /// That network is built (and kept in the state's network cache).
    case networkReady(NetworkBuildID)
    /// The top screen's rows, built off the interface thread, are in the cache.
    case rowsReady(RowsBuildID)
}

/// Why a file's text could not be read, in words.
public struct TextReadError: Error, Sendable { public let message: String }

/// One run of the loop search, so that what a stopped or superseded search sends is recognised and dropped.
public struct LoopSearchID: Hashable, Sendable {
    let merge: Bool
    let agreedOnly: Bool
    let serial: Int
}

/// One background build of the network, so that what a build for an older catalog sends is recognised and dropped.
public struct RowsBuildID: Hashable, Sendable { let serial: Int }

public struct NetworkBuildID: Hashable, Sendable {
    let merge: Bool
    let agreedOnly: Bool
    let serial: Int
}

/// Asks work to stop; shared by the explorer (which asks) and the work (which looks).
public final class CancelToken: Sendable {
    private let flag = Atomic<Bool>(false)
    public init() {}
    public func cancel() { flag.store(true, ordering: .relaxed) }
    public var isCancelled: Bool { flag.load(ordering: .relaxed) }
}

/// Work the backend runs off the interface thread (Bubble Tea's commands): `run` does it and sends its results as
/// messages, which come back through `update` like any input.
public struct Work: Sendable, Equatable {
    public let name: String
    public let run: @Sendable (_ send: @escaping @Sendable (Message) -> Void) -> Void

    public init(_ name: String, run: @escaping @Sendable (_ send: @escaping @Sendable (Message) -> Void) -> Void) {
        self.name = name
        self.run = run
    }

    public static func == (a: Work, b: Work) -> Bool { a.name == b.name }
}

public struct TerminalCapabilities: Hashable, Sendable {
    /// The locale is UTF-8: box-drawing lines, block bars and `…` may be drawn. Otherwise ASCII only.
    public var unicode: Bool
    /// Colours may be used (a colour terminal and no NO_COLOR). Otherwise a monochrome theme.
    public var color: Bool
    public init(unicode: Bool, color: Bool) { self.unicode = unicode; self.color = color }
}

/// What a backend drives: the explorer, or a test double. The backend sends every input as a message, draws
/// what `render` returns, and stops when `update` answers `.quit`.
public protocol Program {
    mutating func update(_ message: Message) -> Command
    func render(_ size: Size) -> Grid
}

/// What `update` asks the backend to do after a message.
public enum Command: Equatable, Sendable {
    case none
    case quit
    /// Run this off the interface thread.
    case work(Work)
}

/// The outcome of loading a dataset in the background.
public enum LoadResult: Sendable {
    /// `index` comes with the data when it was read from the cache. Without it, the explorer builds it at once,
    /// unless `indexFollows`: then the loader builds it in the background and sends `.indexReady`.
    /// `stamp`: the file's, when it was opened (a save is refused if the file is no longer that one).
    case loaded(
        Catalog, name: String, index: SearchIndex? = nil, indexFollows: Bool = false, stamp: SourceStamp? = nil)
    case failed(DatasetError)
}
