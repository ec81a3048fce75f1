// Snowball stemmers through libstemmer (the C library of the Snowball project, Debian's libstemmer-dev): the standard
// stemmers of search engines, so that `inversiones` meets *inversión* and `chips` meets *chip*.

import AlliesText
import CStemmer
import Synchronization

/// The languages whose words search stems: Spanish text with Spanish stems, English text with English ones.
public enum StemLanguage: UInt8, CaseIterable, Sendable {
    case english = 1, spanish = 2

    /// What a search result prefers to show of its fields that hold the words equally well: Spanish for a Spanish
    /// reader (the explorer and `allies search` alike), else the field's own order (English first).
    public static var readers: StemLanguage? { Language.current == .es ? .spanish : nil }

    /// The language of an article's `language` code (`es`, `en`, `es-ES`), or nil for one Allies does not stem.
    public init?(code: String) {
        // Read as bytes: this runs for every quote of every record while an index is built.
        var bytes = code.utf8.makeIterator()
        guard let a = bytes.next(), let b = bytes.next() else { return nil }
        let next = bytes.next()
        guard next == nil || next == UInt8(ascii: "-") || next == UInt8(ascii: "_") else { return nil }
        switch (a | 0x20, b | 0x20) {
        case (UInt8(ascii: "e"), UInt8(ascii: "n")): self = .english
        case (UInt8(ascii: "e"), UInt8(ascii: "s")): self = .spanish
        default: return nil
        }
    }

    var algorithm: String { self == .english ? "english" : "spanish" }
}

/// One Snowball stemmer. An `sb_stemmer` keeps its working buffers inside itself and is not thread-safe, so each
/// stemmer is guarded by a mutex: the shared ones (`Stemmer.shared`) serve queries from any thread, and the index
/// build makes its own, so building an index on one thread never waits for a query on another.
public final class Stemmer: Sendable {
    public let language: StemLanguage
    private let handle: Mutex<Handle>

    /// The `sb_stemmer`, only ever used inside the mutex.
    private struct Handle: @unchecked Sendable { let stemmer: OpaquePointer? }

    public init(_ language: StemLanguage) {
        self.language = language
        // UTF-8 (nil encoding); nil only when the algorithm is missing or memory ran out: then words stay as they are.
        handle = Mutex(Handle(stemmer: sb_stemmer_new(language.algorithm, nil)))
    }

    deinit { handle.withLock { sb_stemmer_delete($0.stemmer) } }

    /// One stemmer per language for queries, shared by every thread (each call holds its mutex briefly).
    public static let english = Stemmer(.english)
    public static let spanish = Stemmer(.spanish)
    public static func shared(_ language: StemLanguage) -> Stemmer { language == .english ? english : spanish }

    /// The stem of one lower-case word in UTF-8, in UTF-8.
    public func stem(_ word: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        handle.withLock { handle -> [UInt8] in
            guard let stemmer = handle.stemmer, let base = word.baseAddress, word.count < Int(Int32.max),
                let out = sb_stemmer_stem(stemmer, base, Int32(word.count))
            else { return Array(word) }
            return Array(UnsafeBufferPointer(start: out, count: Int(sb_stemmer_length(stemmer))))
        }
    }

    public func stem(_ word: String) -> String {
        let bytes = Array(word.utf8)
        return String(decoding: bytes.withUnsafeBufferPointer { stem($0) }, as: UTF8.self)
    }
}

/// What search stems, and how: the keys of the index's stem dictionary.
///
/// Stems are taken before folding, on the word in lower case with its accents, and the stem is folded afterwards.
/// Snowball's Spanish stemmer reads the accents: `invertirán`, `invertirá` and `invertir` all become `invert`,
/// while the unaccented `invertiran` becomes `invertir` (its rules know `-irán`, a future, but `-iran` not), and
/// `energía` gives `energ` but `energia` gives `energi`. Folding first would lose that. People type queries
/// without accents too, so a Spanish word is filed under the stem of its accented spelling and under the stem of
/// its folded spelling, and a query word is looked up under both of its own: `invertiran` typed without the
/// accent still meets *invertirán*. English text is folded, then stemmed (its stemmer works on unaccented letters).
/// Only words of Latin letters (ASCII once folded) of three or more characters are stemmed: names of one or two
/// letters, numbers, and Chinese, Japanese or Korean text pass through as they are.
public enum Stemming {
    /// Whether a folded token is a word stemmers handle: ASCII letters and digits, at least three, not all digits.
    @inline(__always)
    public static func isStemmable(_ folded: UnsafeBufferPointer<UInt8>) -> Bool {
        guard folded.count >= 3 else { return false }
        var letter = false
        for b in folded {
            if b >= 0x80 { return false }
            if b >= 0x61 { letter = true }
        }
        return letter
    }

    /// The dictionary key of a stem: its language's byte, then the folded stem.
    static func key(_ language: StemLanguage, stem: [UInt8]) -> [UInt8] {
        var key: [UInt8] = [language.rawValue]
        if stem.allSatisfy({ $0 < 0x80 }) {
            key.append(contentsOf: stem)
        } else {
            key.append(contentsOf: Folding.fold(String(decoding: stem, as: UTF8.self)).utf8)
        }
        return key
    }

    /// The stem keys of a query word: its folded form stemmed in English and in Spanish, and its spelling as typed
    /// (lower case, accents kept: `Tokens.forEach(in:scratch:accents:)`) stemmed in Spanish. Empty for a word that
    /// is not stemmed.
    public static func queryKeys(folded: String, typed: String) -> [[UInt8]] {
        let word = Array(folded.utf8)
        guard word.withUnsafeBufferPointer(isStemmable) else { return [] }
        var keys: [[UInt8]] = []
        word.withUnsafeBufferPointer { w in
            keys.append(key(.english, stem: Stemmer.english.stem(w)))
            keys.append(key(.spanish, stem: Stemmer.spanish.stem(w)))
        }
        let spelled = Array(typed.utf8)
        if spelled != word {
            spelled.withUnsafeBufferPointer { keys.append(key(.spanish, stem: Stemmer.spanish.stem($0))) }
        }
        var seen = Set<[UInt8]>()
        return keys.filter { seen.insert($0).inserted }
    }
}
