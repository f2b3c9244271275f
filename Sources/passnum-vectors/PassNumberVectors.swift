import Foundation
import PassIssuer
import PassVerifier

/// `Vectors/pass-numbers.json`: pass numbers (SPEC.md §11) for the vector keys, and typed
/// numbers a reader must refuse. Worked out here from the SPEC's definitions, deliberately not
/// with the library's `PassNumber`, so the vectors check it rather than repeat it.
struct PassNumberVectors: Encodable {
    struct Valid: Encodable {
        let comment, kid: String
        let serial: UInt64
        let series, number: String
        /// Other spellings a reader must accept for the same pass.
        let typed: [String]
    }

    struct Invalid: Encodable {
        let comment: String
        let typed: String
        let reason: String
    }

    let format = "passnum-pass-numbers/v1"
    let valid: [Valid]
    let invalid: [Invalid]

    init(_ set: VectorSet) {
        let a = set.active.kid.text
        valid = [
            Self.valid("key A, serial 1", kid: a, serial: 1),
            Self.valid("key A, a seven-digit serial: no padding, groups of three", kid: a, serial: 1_234_567),
            Self.valid("key A, the largest serial (2^48 - 1)", kid: a, serial: Serial.max),
            Self.valid("key B, serial 1: same serial, another series", kid: set.revoked.kid.text, serial: 1),
            Self.valid("key C, serial 42", kid: set.expiredKey.kid.text, serial: 42),
            Self.valid("key D, serial 999999: six digits exactly", kid: set.untrusted.kid.text, serial: 999_999),
        ]
        let one = Self.number(kid: a, serial: 1)
        let check = Int(String(one.last!))!
        let body = String(one.dropLast(2))
        invalid = [
            Invalid(comment: "wrong check digit", typed: body + "-\((check + 1) % 10)", reason: "malformed"),
            Invalid(comment: "two adjacent digits swapped", typed: Self.swapSeriesDigits(one), reason: "malformed"),
            Invalid(comment: "a letter among the digits", typed: "19a" + one.dropFirst(3), reason: "malformed"),
            Invalid(comment: "the serial-only form printed before §11 (7 digits) is not a pass number", typed: "000 001-3", reason: "malformed"),
            Invalid(comment: "20 digits: one too many", typed: Self.withCheck("195" + "1" + String(repeating: "0", count: 15)), reason: "malformed"),
            Invalid(comment: "serial 0, correct check digit", typed: Self.withCheck("195000000"), reason: "malformed"),
            Invalid(comment: "a seventh serial digit that is a leading zero", typed: Self.withCheck("1950000001"), reason: "malformed"),
            Invalid(comment: "serial 2^48, one past the largest", typed: Self.withCheck("195281474976710656"), reason: "malformed"),
        ]
    }

    func json() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try! encoder.encode(self)  // strings and integers only: encoding cannot fail
    }

    private static func valid(_ comment: String, kid: String, serial: UInt64) -> Valid {
        let number = number(kid: kid, serial: serial)
        let digits = number.filter(\.isNumber)
        return Valid(comment: comment, kid: kid, serial: serial, series: series(kid), number: number,
                     typed: [digits, number.replacingOccurrences(of: " ", with: ".")])
    }

    /// §11: series ‖ serial padded to six digits, grouped by three, then the Damm digit.
    private static func number(kid: String, serial: UInt64) -> String {
        var serialDigits = String(serial)
        while serialDigits.count < 6 { serialDigits = "0" + serialDigits }
        let check = damm(series(kid) + serialDigits)
        var groups: [String] = []
        while !serialDigits.isEmpty {
            groups.insert(String(serialDigits.suffix(3)), at: 0)
            serialDigits = String(serialDigits.dropLast(3))
        }
        return series(kid) + " " + groups.joined(separator: " ") + "-\(check)"
    }

    private static func series(_ kid: String) -> String {
        String(format: "%03u", UInt32(kid, radix: 16)! % 1000)
    }

    private static func withCheck(_ body: String) -> String { body + "-\(damm(body))" }

    private static func swapSeriesDigits(_ number: String) -> String {
        var characters = Array(number)
        if characters[0] == characters[1] { characters.swapAt(1, 2) } else { characters.swapAt(0, 1) }
        return String(characters)
    }

    /// H. M. Damm's quasigroup, one row per string, as SPEC.md §11 prints it.
    private static let rows = ["0317598642", "7092154863", "4206871359", "1750983426", "6123045978",
                               "3674209581", "5869720134", "8945362017", "9438617205", "2581436790"]

    private static func damm(_ digits: String) -> Int {
        digits.reduce(0) { interim, digit in
            Int(String(Array(rows[interim])[Int(String(digit))!]))!
        }
    }
}
