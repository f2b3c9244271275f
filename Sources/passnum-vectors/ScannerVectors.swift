import PassVerifier

/// Scanner inputs and the digits the input layer must make of them (SPEC.md §8, §9,
/// `Vectors/scanner/`). The expected text is written here from the input's construction,
/// never computed by the library's own normaliser.
struct ScannerVectors {
    struct Vector {
        let name: String
        let comment: String
        let input: String
        let expect: String

        var file: String {
            let hex = input.utf8.map { byte in String(byte, radix: 16).count == 1 ? "0" + String(byte, radix: 16) : String(byte, radix: 16) }
            return "expect: \(expect)\ncomment: \(comment)\ninput-hex: \(hex.joined())\n"
        }
    }

    /// What a US-layout scanner types on an AZERTY keyboard for each digit.
    static let azerty: [Character] = ["à", "&", "é", "\"", "'", "(", "-", "è", "_", "ç"]

    func vectors() -> [Vector] {
        let text = VectorSet().basicText
        let typed = String(text.map { Self.azerty[Int(String($0))!] })
        let half = text.index(text.startIndex, offsetBy: 100)
        let grouped = stride(from: 0, to: 200, by: 4).map { start -> String in
            let from = text.index(text.startIndex, offsetBy: start)
            return String(text[from..<text.index(from, offsetBy: 4)])
        }.joined(separator: " ")
        return [
            Vector(name: "digits", comment: "valid-basic as it is", input: text, expect: text),
            Vector(name: "crlf", comment: "valid-basic followed by CR LF, as a scanner ends a line", input: text + "\r\n", expect: text),
            Vector(name: "azerty", comment: "valid-basic typed by a US-layout scanner on an AZERTY keyboard", input: typed, expect: text),
            Vector(name: "azerty-half", comment: "the first half typed on AZERTY, the second in digits", input: String(typed.prefix(100)) + text[half...], expect: text),
            Vector(name: "spaces", comment: "groups of four digits, a tab before and spaces after", input: "\t" + grouped + "  \n", expect: text),
            Vector(name: "no-break-spaces", comment: "U+00A0 and U+202F inside", input: "\u{A0}" + text[..<half] + "\u{202F}" + text[half...], expect: text),
            Vector(name: "short", comment: "normalising does not check the length: the decoder does", input: "& é\r\n", expect: "12"),
            Vector(name: "letter", comment: "a letter among the digits", input: String(text.prefix(99)) + "A" + text.dropFirst(100), expect: "unreadable"),
            Vector(name: "arabic-indic", comment: "Arabic-Indic digits are not ASCII digits", input: "١٢٣", expect: "unreadable"),
            Vector(name: "fullwidth", comment: "fullwidth digits are not ASCII digits", input: "１２３", expect: "unreadable"),
            Vector(name: "decomposed-e-acute", comment: "e + U+0301 is not U+00E9: no Unicode normalisation", input: "\u{65}\u{301}", expect: "unreadable"),
            Vector(name: "percent", comment: "a '%', which is not on the digit row", input: "12%", expect: "unreadable"),
        ]
    }
}
