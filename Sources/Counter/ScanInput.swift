import PassVerifier

/// The scanner's input layer (SPEC.md §8): what a USB barcode scanner or a person typed,
/// cleaned up before the strict decoder sees it. Scanners type like keyboards; one set to a US
/// layout on a French AZERTY computer types the digit row unshifted: `à&é"'(-è_ç` for
/// `0123456789`.
public enum ScanInput {
    public enum Scan: Equatable, Sendable {
        /// 200 digits: a token for the strict decoder.
        case token(String)
        /// A serial typed by a person ("000 123-7"), for a status lookup only.
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

    /// White space a scanner or a terminal may add around or inside a scan.
    static let blanks: Set<Character> = [" ", "\t", "\r", "\n", "\r\n", "\u{A0}", "\u{202F}"]

    /// A person types a serial as printed, "000 123-7": digits, spaces, dashes, dots.
    static let serialCharacters: Set<Character> = Set("0123456789 -.\t\u{A0}\u{202F}")

    public static func classify(_ line: String) -> Scan {
        if line.allSatisfy(blanks.contains) { return .blank }
        if let digits = scannedDigits(line), digits.count == 200 { return .token(digits) }
        // Checked after the token: "-" is a dash in a typed serial but a 6 from a scanner.
        let trimmed = String(line.filter { !"\r\n".contains($0) })
        if trimmed.count <= 30, trimmed.allSatisfy(serialCharacters.contains), trimmed.contains(where: \.isNumber) {
            return .typedSerial(trimmed.trimmingBlanks)
        }
        return .unreadable(line)
    }

    /// The digits a scanner meant, AZERTY row mapped back and blanks dropped; nil if anything else.
    private static func scannedDigits(_ line: String) -> String? {
        var digits = ""
        for character in line where !blanks.contains(character) {
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else if let digit = azertyDigitRow[character] {
                digits.append(digit)
            } else {
                return nil
            }
        }
        return digits
    }
}

private extension String {
    var trimmingBlanks: String {
        String(drop { ScanInput.blanks.contains($0) }.reversed().drop { ScanInput.blanks.contains($0) }.reversed())
    }
}
