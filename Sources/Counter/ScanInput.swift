/// The scanner's input layer (SPEC.md §8): what a USB barcode scanner typed, cleaned up before
/// the strict decoder sees it. Scanners type like keyboards; one set to a US layout on a French
/// AZERTY computer types the digit row unshifted: `à&é"'(-è_ç` for `0123456789`.
public enum ScanInput {
    public enum Scan: Equatable, Sendable {
        /// 200 digits: a token for the strict decoder.
        case token(String)
        /// A shorter run of digits: a serial typed by hand, for a status lookup only.
        case typedSerial(String)
        /// A blank line (a stray Enter): ignored.
        case blank
        /// Anything else, as typed, for an error message.
        case unreadable(String)
    }

    /// AZERTY's unshifted digit row, as a US-layout scanner types 0–9 on a French keyboard.
    static let azertyDigitRow: [Character: Character] = [
        "à": "0", "&": "1", "é": "2", "\"": "3", "'": "4", "(": "5", "-": "6", "è": "7", "_": "8", "ç": "9",
    ]

    /// Characters a person may type between groups of a printed serial, or a scanner may add.
    static let separators: Set<Character> = [" ", "\t", "\r", "\n", "\r\n", "\u{A0}", "\u{202F}", ".", "·"]

    public static func classify(_ line: String) -> Scan {
        var digits = ""
        for character in line where !separators.contains(character) {
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else if let digit = azertyDigitRow[character] {
                digits.append(digit)
            } else {
                return .unreadable(line)
            }
        }
        if digits.isEmpty { return line.allSatisfy(separators.contains) ? .blank : .unreadable(line) }
        return digits.count == 200 ? .token(digits) : .typedSerial(digits)
    }
}
