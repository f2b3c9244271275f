/// The serial as people read and type it: digits grouped by three and a Damm check digit,
/// "000 123-7". A check digit lets a counter refuse a mistyped serial before asking anyone.
///
/// Damm rather than Luhn: Damm catches every single-digit error and every swap of two adjacent
/// digits, Luhn misses the swap 09 ↔ 90. Both are one small table or loop; Damm adds no
/// weights, and leading zeros do not change it (table[0][0] = 0), so "000123" and "123" agree.
/// Pure functions, no I/O: partners' counters may use them as they are.
public enum DammCheck {
    /// The quasigroup of order 10 of H. M. Damm (2004), as published.
    private static let table: [[UInt8]] = [
        [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
        [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
        [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
        [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
        [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
        [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
        [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
        [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
        [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
        [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
    ]

    /// The check digit of a string of decimal digits (each element 0...9).
    public static func digit(of digits: some Sequence<UInt8>) -> UInt8 {
        digits.reduce(0) { interim, digit in table[Int(interim)][Int(digit)] }
    }

    /// True when the last digit is the check digit of the ones before it.
    public static func isValid(_ digitsWithCheck: some Sequence<UInt8>) -> Bool {
        digit(of: digitsWithCheck) == 0
    }
}

extension Serial {
    /// The Damm check digit of the serial's decimal digits.
    public var checkDigit: UInt8 {
        DammCheck.digit(of: String(value).utf8.map { $0 - UInt8(ascii: "0") })
    }

    /// "000 123-7": at least six digits, grouped by three from the right, then the check digit.
    /// Printed on passes made before the pass number (SPEC.md §11); new passes print `PassNumber`.
    public var typedText: String {
        PassNumber.groupedByThree(PassNumber.paddedSerial(self)) + "-" + String(checkDigit)
    }

    /// Reads a serial typed by a person, as printed by `typedText`: spaces, dots and dashes are
    /// ignored, the last digit is the check digit. Throws `malformed` with the reason, so the
    /// counter can say "a digit was mistyped" rather than "unknown pass".
    public init(typed text: some StringProtocol) throws(PassError) {
        let digits = try TypedDigits.read(text)
        guard digits.count >= 2, digits.count <= 17 else {
            throw PassError(.malformed, "a serial has 2 to 17 digits with its check digit, not \(digits.count)")
        }
        guard DammCheck.isValid(digits) else {
            throw PassError(.malformed, "the check digit does not match: a digit was mistyped")
        }
        let value = digits.dropLast().reduce(UInt64(0)) { $0 * 10 + UInt64($1) }
        guard let serial = Serial(value) else {
            throw PassError(.malformed, "serial \(value) is out of range (1 to \(Serial.max))")
        }
        self = serial
    }
}
