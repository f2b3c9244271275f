/// The code on a carnet's stub (SPEC.md §15): which carnet it is, so an office records a
/// hand-over by scanning it. Not signed and not a pass: it names a key, the carnet's first
/// serial and how many passes follow, nothing about the person who receives it.
///
/// 28 digits, so the same scanners and the same AZERTY clean-up (§8) read it, and a reader tells
/// it from a pass (200 digits) and from a typed pass number (10 to 19) by its length alone.
public struct CarnetCode: Hashable, Sendable, CustomStringConvertible {
    public static let length = 28
    /// The first digit: a stub code of this version. A later form takes another.
    static let marker: UInt8 = 9

    public let kid: KeyID
    public let first: Serial
    /// Passes in the carnet, 1 to 9.
    public let count: Int

    public init?(kid: KeyID, first: Serial, count: Int) {
        guard (1...9).contains(count), first.value + UInt64(count) - 1 <= Serial.max else { return nil }
        self.kid = kid
        self.first = first
        self.count = count
    }

    /// The last serial of the carnet.
    public var last: Serial { Serial(first.value + UInt64(count) - 1)! }

    /// "9" ‖ kid as 10 decimal digits ‖ first serial as 15 ‖ count (1) ‖ Damm check digit.
    public var text: String {
        let kidNumber = kid.bytes.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let body = "\(Self.marker)" + Self.padded(kidNumber, 10) + Self.padded(first.value, 15) + "\(count)"
        return body + "\(DammCheck.digit(of: body.utf8.map { $0 - 48 }))"
    }

    public var description: String { text }

    /// Reads a code's digits (after `ScanText.normalize`); nil for anything else, a wrong check
    /// digit included.
    public init?(text: some StringProtocol) {
        let digits = Array(text.utf8)
        guard digits.count == Self.length, digits.allSatisfy({ (48...57).contains($0) }) else { return nil }
        let values = digits.map { $0 - 48 }
        guard values[0] == Self.marker, DammCheck.isValid(values) else { return nil }
        let number = { (range: Range<Int>) in values[range].reduce(UInt64(0)) { $0 * 10 + UInt64($1) } }
        let kidNumber = number(1..<11)
        guard kidNumber <= UInt64(UInt32.max), let first = Serial(number(11..<26)),
              let kid = KeyID(bytes: (0..<4).reversed().map { UInt8(truncatingIfNeeded: kidNumber >> (8 * UInt64($0))) })
        else { return nil }
        self.init(kid: kid, first: first, count: Int(values[26]))
    }

    private static func padded(_ value: UInt64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
