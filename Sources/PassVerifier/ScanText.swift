/// The scanner's input layer of SPEC.md §8, for partners' counters: what a keyboard-emulating
/// scanner typed, cleaned before the strict decoder sees it. A scanner set to a US layout on a
/// French AZERTY computer types the digit row unshifted (`à&é"'(-è_ç` for `0123456789`) and may
/// add line ends and spaces.
public enum ScanText {
    /// The digits the scanner meant, or nil when the input holds anything that is neither a
    /// digit, an AZERTY digit-row character nor a blank. Works scalar by scalar, with no Unicode
    /// normalisation, so every language gives the same answer. The length is not checked:
    /// the strict decoder does that.
    public static func normalize(_ input: some StringProtocol) -> String? {
        var digits: [UInt8] = []
        for scalar in input.unicodeScalars {
            if blanks.contains(scalar.value) { continue }
            if scalar.value >= 0x30, scalar.value <= 0x39 {
                digits.append(UInt8(scalar.value))
            } else if let digit = azertyDigitRow.firstIndex(of: scalar.value) {
                digits.append(UInt8(ascii: "0") + UInt8(digit))
            } else {
                return nil
            }
        }
        return String(decoding: digits, as: UTF8.self)
    }

    /// Space, tab, CR, LF and the two no-break spaces.
    private static let blanks: Set<UInt32> = [0x20, 0x09, 0x0D, 0x0A, 0xA0, 0x202F]

    /// `à & é " ' ( - è _ ç`: the scalar typed for 0, 1, …, 9.
    private static let azertyDigitRow: [UInt32] = [0xE0, 0x26, 0xE9, 0x22, 0x27, 0x28, 0x2D, 0xE8, 0x5F, 0xE7]
}
