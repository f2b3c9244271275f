/// The two text formats of SPEC.md §1, parsed by hand: a date library accepts spellings the
/// SPEC refuses (a space for `T`, fractions, offsets, `23:59:60`), and a lax base64 decoder
/// accepts several texts for one key. Every implementation must refuse exactly the same texts.
enum UnixTime {
    /// `YYYY-MM-DDTHH:MM:SSZ` and nothing else, as Unix seconds; nil for anything else.
    static func parse(_ text: some StringProtocol) -> Int64? {
        let c = Array(text.utf8)
        guard c.count == 20, c[4] == UInt8(ascii: "-"), c[7] == UInt8(ascii: "-"), c[10] == UInt8(ascii: "T"),
              c[13] == UInt8(ascii: ":"), c[16] == UInt8(ascii: ":"), c[19] == UInt8(ascii: "Z"),
              let year = number(c[0..<4]), let month = number(c[5..<7]), let day = number(c[8..<10]),
              let hour = number(c[11..<13]), let minute = number(c[14..<16]), let second = number(c[17..<19]),
              (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
              hour < 24, minute < 60, second < 60
        else { return nil }
        return daysFromCivil(year: year, month: month, day: day) * 86_400 + hour * 3_600 + minute * 60 + second
    }

    /// The one spelling of a Unix time (years 0000–9999).
    static func format(_ seconds: Int64) -> String {
        let days = floorDivide(seconds, 86_400)
        let inDay = seconds - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let yyyy = String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
        return "\(yyyy)-\(two(month))-\(two(day))T\(two(inDay / 3_600)):\(two(inDay / 60 % 60)):\(two(inDay % 60))Z"
    }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int64? {
        var value: Int64 = 0
        for d in digits {
            guard d &- UInt8(ascii: "0") < 10 else { return nil }
            value = value * 10 + Int64(d - UInt8(ascii: "0"))
        }
        return value
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        return month == 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].contains(month) ? 30 : 31
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    private static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDivide(y, 400)
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = floorDivide(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

/// Standard, padded base64 (RFC 4648 §4), exactly as it encodes bytes (SPEC.md §1).
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        for start in stride(from: 0, to: bytes.count, by: 3) {
            let group = Array(bytes[start..<min(start + 3, bytes.count)]) + [0, 0]
            let n = UInt32(group[0]) << 16 | UInt32(group[1]) << 8 | UInt32(group[2])
            let kept = min(4, bytes.count - start + 1)  // characters that carry bits: 2, 3 or 4
            for i in 0..<4 {
                out.append(i < kept ? alphabet[Int(n >> UInt32(18 - 6 * i) & 63)] : UInt8(ascii: "="))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of a strict text; nil when encoding them again would not give the same text.
    static func decode(_ text: some StringProtocol) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard chars.count % 4 == 0 else { return nil }
        let padding = chars.reversed().prefix { $0 == UInt8(ascii: "=") }.count
        guard padding <= 2 else { return nil }
        var bits: UInt32 = 0, count = 0
        var out: [UInt8] = []
        for c in chars.dropLast(padding) {
            guard let value = alphabet.firstIndex(of: c) else { return nil }
            bits = bits << 6 | UInt32(value)
            count += 6
            if count >= 8 {
                count -= 8
                out.append(UInt8(truncatingIfNeeded: bits >> UInt32(count)))
                bits &= (1 << UInt32(count)) - 1
            }
        }
        // Unused low bits must be zero: otherwise several texts would stand for one key.
        return bits == 0 && encode(out) == String(decoding: chars, as: UTF8.self) ? out : nil
    }
}
