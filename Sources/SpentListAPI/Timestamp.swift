import Foundation

/// A time on the wire: RFC 3339 UTC with milliseconds when written; with or without fractional
/// seconds when read. The service's one time format.
public struct Timestamp: Hashable, Sendable, Codable, Comparable {
    public let date: Date

    public init(_ date: Date) {
        self.date = date
    }

    public init?(text: String) {
        guard let date = Self.parse(text) else { return nil }
        self.date = date
    }

    public var text: String { Self.text(date) }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.date < rhs.date }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let date = Self.parse(try container.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an RFC 3339 time")
        }
        self.date = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ` in the proleptic Gregorian calendar, as `parse` reads it.
    /// Written by hand: Foundation's writer switches to the Julian calendar before 1582, so a
    /// time it read back could fail to read again (the fuzzer sent 10 March 1500, written as
    /// 29 February 1500, which the Gregorian calendar has not). Milliseconds are rounded, but
    /// never up into the next second: 23:59:59.9996 on 31 December 9999 stays in year 9999.
    public static func text(_ date: Date) -> String {
        let t = date.timeIntervalSince1970
        let second = t.rounded(.down)
        let millis = min(999, Int(((t - second) * 1000).rounded()))
        let whole = Int(second)
        let days = whole >= 0 ? whole / 86_400 : -((-whole + 86_399) / 86_400)
        let ofDay = whole - days * 86_400
        let (year, month, day) = civilFromDays(days)
        var out: [UInt8] = []
        out.reserveCapacity(24)
        func put(_ value: Int, _ width: Int, then separator: Character?) {
            var digits = [UInt8](repeating: UInt8(ascii: "0"), count: width)
            var rest = abs(value)
            for index in stride(from: width - 1, through: 0, by: -1) {
                digits[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
            if value < 0 { out.append(UInt8(ascii: "-")) }
            out += digits
            if let separator { out.append(separator.asciiValue!) }
        }
        put(year, 4, then: "-")
        put(month, 2, then: "-")
        put(day, 2, then: "T")
        put(ofDay / 3_600, 2, then: ":")
        put(ofDay / 60 % 60, 2, then: ":")
        put(ofDay % 60, 2, then: ".")
        put(millis, 3, then: "Z")
        return String(decoding: out, as: UTF8.self)
    }

    /// RFC 3339 in UTC, `YYYY-MM-DDTHH:MM:SS[.fraction]Z`, with or without fractional seconds:
    /// openapi.yaml's pattern, exactly. Read by hand because Foundation's ISO 8601 reader is
    /// lenient: it takes 30 February as 2 March, hour 24 and other offsets than Z, which the
    /// document refuses (schemathesis found them, issue 14 §2.3).
    public static func parse(_ text: String) -> Date? {
        let b = Array(text.utf8)
        guard b.count >= 20, b.last == UInt8(ascii: "Z"), b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              b[10] == UInt8(ascii: "T"), b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
              let year = number(b[0..<4]), let month = number(b[5..<7]), let day = number(b[8..<10]),
              let hour = number(b[11..<13]), let minute = number(b[14..<16]), let second = number(b[17..<19]),
              (1...12).contains(month), (1...daysIn(month, of: year)).contains(day),
              hour < 24, minute < 60, second < 60
        else { return nil }
        var fraction = 0.0
        if b.count > 20 {
            let digits = b[20..<(b.count - 1)]
            guard b[19] == UInt8(ascii: "."), !digits.isEmpty, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            fraction = Double("0." + String(decoding: digits, as: UTF8.self)) ?? 0
        } else if b[19] != UInt8(ascii: "Z") {
            return nil
        }
        let days = daysFromCivil(year: year, month: month, day: day)
        return Date(timeIntervalSince1970: Double(days * 86_400 + hour * 3_600 + minute * 60 + second) + fraction)
    }

    /// The value of ASCII digits only (any count up to 18), or nil.
    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return digits.reduce(0) { $0 * 10 + Int($1 - 48) }
    }

    private static func daysIn(_ month: Int, of year: Int) -> Int {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The inverse of `daysFromCivil` (H. Hinnant's civil_from_days).
    private static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
