/// The pass number people read and type (SPEC.md §11): a 3-digit series derived from the key
/// id, the serial, and a Damm check digit over both, "195 000 001-0". Serials restart at 1 for
/// each key, so the serial alone ("000 001-3", printed before §11) does not say which pass it
/// is; the series does, because an issuer never puts two keys of one series in a trust list.
/// Pure functions, no I/O: partners' counters may use them as they are.
public struct PassNumber: Hashable, Sendable, CustomStringConvertible {
    public let series: PassSeries
    public let serial: Serial

    /// The number of the pass (kid, serial).
    public init(keyID: KeyID, serial: Serial) {
        self.init(series: PassSeries(keyID: keyID), serial: serial)
    }

    public init(series: PassSeries, serial: Serial) {
        (self.series, self.serial) = (series, serial)
    }

    /// The digits before the check digit: the series, then the serial padded to six digits.
    private var body: [UInt8] {
        Self.digits(series.text) + Self.digits(Self.paddedSerial(serial))
    }

    public var checkDigit: UInt8 { DammCheck.digit(of: body) }

    /// "195 000 001-0": the series, the serial grouped by three from the right, the check digit.
    public var text: String {
        series.text + " " + Self.groupedByThree(Self.paddedSerial(serial)) + "-" + String(checkDigit)
    }

    public var description: String { text }

    /// Whether this number names a pass of `keyID`.
    public func names(keyID: KeyID) -> Bool { series == PassSeries(keyID: keyID) }

    /// Reads a number typed by a person (§11): spaces, dashes and dots are ignored; the digits
    /// are exactly those `text` prints. Throws `malformed` with the reason, so a counter can
    /// say "a digit was mistyped" rather than "unknown pass".
    public init(typed text: some StringProtocol) throws(PassError) {
        let digits = try TypedDigits.read(text)
        guard Self.digitCounts.contains(digits.count) else {
            throw PassError(.malformed, "a pass number has \(Self.digitCounts.lowerBound) to \(Self.digitCounts.upperBound) digits with its check digit, not \(digits.count)")
        }
        guard DammCheck.isValid(digits) else {
            throw PassError(.malformed, "the check digit does not match: a digit was mistyped")
        }
        let serialDigits = digits[3..<(digits.count - 1)]
        guard serialDigits.count == 6 || serialDigits.first != 0 else {
            throw PassError(.malformed, "the serial part has leading zeros beyond six digits: type the number as printed")
        }
        let value = serialDigits.reduce(UInt64(0)) { $0 * 10 + UInt64($1) }
        guard let serial = Serial(value) else {
            throw PassError(.malformed, "serial \(value) is out of range (1 to \(Serial.max))")
        }
        let series = digits[0..<3].reduce(UInt16(0)) { $0 * 10 + UInt16($1) }
        self.init(series: PassSeries(series)!, serial: serial)
    }

    /// 3 series digits, 6 to 15 serial digits, 1 check digit.
    public static let digitCounts = 10...19

    static func paddedSerial(_ serial: Serial) -> String {
        let digits = String(serial.value)
        return digits.count >= 6 ? digits : String(repeating: "0", count: 6 - digits.count) + digits
    }

    static func groupedByThree(_ digits: String) -> String {
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return groups.joined(separator: " ")
    }

    private static func digits(_ text: String) -> [UInt8] {
        text.utf8.map { $0 - UInt8(ascii: "0") }
    }
}

/// The series of a key (SPEC.md §11): its key id read as a 32-bit big-endian integer, modulo
/// 1000, written as three digits. Three digits keep the number short; the issuer makes them
/// unique within a trust list by drawing a new key when a series is taken.
public struct PassSeries: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let value: UInt16

    public init?(_ value: UInt16) {
        guard value < 1000 else { return nil }
        self.value = value
    }

    public init(keyID: KeyID) {
        let number = keyID.bytes.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        self.value = UInt16(number % 1000)
    }

    /// Three digits, leading zeros kept: "007".
    public var text: String {
        let digits = String(value)
        return String(repeating: "0", count: 3 - digits.count) + digits
    }

    public var description: String { text }
    public static func < (lhs: PassSeries, rhs: PassSeries) -> Bool { lhs.value < rhs.value }
}

/// What a person typed at a counter: a pass number (§11), or the serial-only number printed on
/// passes made before §11 existed ("000 001-3", 7 to 9 digits), which does not say its key.
public enum TypedNumber: Hashable, Sendable {
    case pass(PassNumber)
    case serialOnly(Serial)

    /// Told apart by length alone: a pass number has at least 10 digits, an old one at most 9.
    public init(typed text: some StringProtocol) throws(PassError) {
        let count = try TypedDigits.read(text).count
        self = count >= PassNumber.digitCounts.lowerBound ? .pass(try PassNumber(typed: text)) : .serialOnly(try Serial(typed: text))
    }

    public var serial: Serial {
        switch self {
        case .pass(let number): number.serial
        case .serialOnly(let serial): serial
        }
    }

    /// As printed: the pass number, or the old serial-only form.
    public var text: String {
        switch self {
        case .pass(let number): number.text
        case .serialOnly(let serial): serial.typedText
        }
    }
}

/// The digits of a typed number, separators dropped.
enum TypedDigits {
    static func read(_ text: some StringProtocol) throws(PassError) -> [UInt8] {
        var digits: [UInt8] = []
        for scalar in text.unicodeScalars {
            switch scalar {
            case "0"..."9": digits.append(UInt8(scalar.value) - UInt8(ascii: "0"))
            case " ", "-", ".", "\u{A0}", "\u{202F}": continue
            default: throw PassError(.malformed, "a pass number has digits only (with spaces or dashes)")
            }
        }
        return digits
    }
}

extension TrustList {
    /// The keys whose series is `series`: one in a list made by `passnum keys generate`; a list
    /// edited by other means may hold two, and then a typed number cannot tell them apart.
    public func keys(inSeries series: PassSeries) -> [Key] {
        keys.filter { PassSeries(keyID: $0.kid) == series }
    }
}
