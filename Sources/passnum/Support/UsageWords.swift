import ArgumentParser
import Conventions
import Foundation

/// swift-argument-parser's own usage errors ("Missing expected argument …") are English only:
/// in French they are put into French here, sentence by sentence, keeping the option names.
/// Help pages (`--help`) stay as the parser writes them.
enum UsageWords {
    /// The parser's message for `error`, in the user's language.
    static func message(_ english: String) -> String {
        guard Language.current == .fr else { return english }
        return english.split(separator: "\n", omittingEmptySubsequences: false).map { french(String($0)) }.joined(separator: "\n")
    }

    /// One line of the parser's output, in French where the sentence is known.
    static func french(_ line: String) -> String {
        var line = line
        for (english, french) in prefixes where line.hasPrefix(english) {
            line = french + line.dropFirst(english.count)
        }
        for (english, french) in sentences {
            line = line.replacingOccurrences(of: english, with: french)
        }
        return quoted(line)
    }

    /// 'x' → « x », the French quotation marks, with no-break spaces inside.
    private static func quoted(_ line: String) -> String {
        var out = "", open = false
        for character in line {
            if character == "'", !open, out.last.map({ $0 == " " || String($0) == Typography.noBreakSpace || $0 == "(" }) ?? true {
                out += "«" + Typography.noBreakSpace
                open = true
            } else if character == "'", open {
                out += Typography.noBreakSpace + "»"
                open = false
            } else {
                out.append(character)
            }
        }
        return out
    }

    private static let prefixes: [(String, String)] = [
        ("Error: ", Typography.label("Erreur") + " "), ("Usage: ", Typography.label("Utilisation") + " "), ("  See ", "  Voir "), ("See ", "Voir "),
        ("Help: ", Typography.label("Aide") + " "),
    ]

    private static let sentences: [(String, String)] = [
        ("Missing expected argument", "argument attendu manquant"),
        ("Missing value for", "valeur manquante pour"),
        ("Unknown option", "option inconnue"),
        ("Unexpected argument", "argument inattendu"),
        ("Unexpected arguments", "arguments inattendus"),
        ("is invalid for", "n'est pas valable pour"),
        ("The value", "La valeur"),
        ("Did you mean", "Vouliez-vous dire"),
        (" for more information.", " pour plus d'informations."),
        ("for details.", "pour le détail."),
        ("Please provide one of", "Donnez l'une des valeurs"),
    ]
}
