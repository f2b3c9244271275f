import Conventions
import Foundation

/// The two languages of every message: counter staff read French, partners' engineers English.
enum Language: String, Sendable {
    case fr, en

    /// `--lang` where a command has it, else `PASSNUM_LANG`, then the locale (`LC_ALL`,
    /// `LC_MESSAGES`, `LANG`): French when it says fr. Set once at start, before any output.
    nonisolated(unsafe) static var current: Language = fromEnvironment()

    private static func fromEnvironment() -> Language {
        let env = ProcessInfo.processInfo.environment
        if let chosen = env["PASSNUM_LANG"].flatMap(Language.init(rawValue:)) { return chosen }
        let locale = env["LC_ALL"] ?? env["LC_MESSAGES"] ?? env["LANG"] ?? ""
        return locale.hasPrefix("fr") ? .fr : .en
    }
}

/// A message in both languages; `text` picks the user's.
struct Words: Sendable {
    let en: String
    let fr: String

    init(en: String, fr: String) {
        self.en = en
        self.fr = fr
    }

    /// For technical detail that needs no translation (a path, a library's message).
    init(_ both: String) {
        en = both
        fr = both
    }

    var text: String { Language.current == .fr ? Typography.french(fr) : en }
}

/// Messages on stderr as `passnum: error: …` / `passnum: hint: …` (data goes to stdout), in
/// colour when stderr is a terminal and NO_COLOR is unset.
enum Console {
    enum Colour: String {
        case red = "31", green = "32", yellow = "33", bold = "1"
    }

    static let stderrIsTerminal = isatty(STDERR_FILENO) == 1
    static let stdoutIsTerminal = isatty(STDOUT_FILENO) == 1
    private static let colourAllowed = ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    static var stdoutColour: Bool { colourAllowed && stdoutIsTerminal }

    static func paint(_ text: String, _ colour: Colour, forStdout: Bool = false) -> String {
        guard colourAllowed, forStdout ? stdoutIsTerminal : stderrIsTerminal else { return text }
        return "\u{1B}[\(colour.rawValue)m\(text)\u{1B}[0m"
    }

    static func error(_ words: Words) {
        write(paint("passnum: \(Language.current == .fr ? "erreur" : "error"): ", .red) + words.text)
    }

    static func warning(_ words: Words) {
        write(paint("passnum: \(Language.current == .fr ? "attention" : "warning"): ", .yellow) + words.text)
    }

    static func hint(_ words: Words) {
        write("passnum: \(Language.current == .fr ? "conseil" : "hint"): " + words.text)
    }

    static func info(_ words: Words) {
        write(words.text)
    }

    /// One line on stderr.
    static func write(_ line: String) {
        Output.stderr(line + "\n")
    }
}
