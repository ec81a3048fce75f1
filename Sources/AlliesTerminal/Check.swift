import AlliesExplorer
import AlliesText
import CNcursesw
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Whether the explorer can run here, decided before anything is written to the terminal.
public enum TerminalCheck {
    case ok(TerminalCapabilities)
    /// What is wrong, in a sentence or two that ends by pointing to the non-interactive subcommands.
    case unusable(String)
}

/// Checks, without writing a byte to the terminal: stdin and stdout are terminals, TERM is set, known to terminfo,
/// not `dumb` or generic, and can move the cursor. Also decides whether the locale is UTF-8 and whether colours
/// may be used (a terminal with at least 8 colours and NO_COLOR unset or empty).
public func checkTerminal() -> TerminalCheck {
    func unusable(_ problem: String) -> TerminalCheck {
        .unusable(
            tr("the interactive explorer needs a terminal, but {0}", problem) + "\n"
                + tr("The non-interactive subcommands work without one: see `allies --help`."))
    }
    guard isatty(STDIN_FILENO) == 1 else { return unusable(tr("standard input is not a terminal.")) }
    guard isatty(STDOUT_FILENO) == 1 else { return unusable(tr("standard output is not a terminal.")) }

    useTheLocale()
    guard let raw = getenv("TERM"), raw.pointee != 0 else { return unusable(tr("TERM is not set.")) }
    let term = printable(String(cString: raw))
    if term == "dumb" { return unusable(tr("TERM=dumb cannot move the cursor.")) }

    var status: Int32 = 0
    guard setupterm(nil, STDOUT_FILENO, &status) == OK else {
        if status == -1 { return unusable(tr("the terminfo database was not found (TERM={0}).", term)) }
        return unusable(tr("TERM={0} is not a known terminal type (no terminfo entry).", term))
    }
    defer { del_curterm(allies_cur_term()) }
    if tigetflag("gn") > 0 || tigetflag("hc") > 0 {
        return unusable(tr("TERM={0} is a generic or hard-copy terminal type.", term))
    }
    guard allies_has_string_cap("cup") != 0 else { return unusable(tr("TERM={0} cannot move the cursor.", term)) }

    let colors = tigetnum("colors")
    let noColor = getenv("NO_COLOR").map { $0.pointee != 0 } ?? false
    let codeset = nl_langinfo(nl_item(CODESET)).map { String(cString: $0) } ?? ""
    return .ok(TerminalCapabilities(unicode: codeset == "UTF-8", color: colors >= 8 && !noColor))
}

/// TERM is untrusted: shown in a message, it must not carry control characters or go on forever.
private func printable(_ s: String) -> String {
    let kept = s.unicodeScalars.prefix(64).map { $0.value >= 0x20 && $0.value < 0x7F ? Character($0) : "?" }
    return String(kept) + (s.unicodeScalars.count > 64 ? "…" : "")
}

/// Takes the locale from the environment. When the named locale is not installed (`LANG=es_ES.UTF-8` on a machine
/// that only has C.UTF-8) but asks for UTF-8, characters are still read as UTF-8 (`C.UTF-8`), so that a Spanish
/// user without that locale generated still gets accents, arrows and bars. Returns whether the locale is UTF-8.
@discardableResult
public func useTheLocale() -> Bool {
    if setlocale(LC_ALL, "") == nil {
        let asked =
            ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { name -> String? in
                guard let value = getenv(name), value.pointee != 0 else { return nil }
                return String(cString: value)
            }.first ?? ""
        let lower = asked.lowercased()
        if lower.hasSuffix(".utf-8") || lower.hasSuffix(".utf8") {
            _ = setlocale(LC_CTYPE, "C.UTF-8") ?? setlocale(LC_CTYPE, "C.utf8")
        }
    }
    return nl_langinfo(nl_item(CODESET)).map { String(cString: $0) } == "UTF-8"
}
