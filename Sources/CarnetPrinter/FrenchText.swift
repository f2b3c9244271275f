import Foundation
import PassVerifier

/// How amounts, dates and numbers are written on a carnet: French usage, for people who read
/// paper, not screens.
public enum FrenchText {
    /// The programme's time zone: "valable jusqu'au 31/12/2027" means until midnight in Paris
    /// (the same zone PassIssuer uses to turn a day into an expiry instant).
    public static let timeZone = TimeZone(identifier: "Europe/Paris")!

    /// "10 €", "10,50 €": no decimals when there are no cents; a no-break space keeps the
    /// euro sign with its number.
    public static func euros(_ cents: Cents) -> String {
        let euros = cents.value / 100, rest = cents.value % 100
        let whole = grouped(String(euros), separator: "\u{202F}")
        return (rest == 0 ? whole : whole + "," + (rest < 10 ? "0" : "") + String(rest)) + "\u{00A0}€"
    }

    /// "31/12/2027": the last day on which a pass expiring at `expiry` (Unix seconds) is valid.
    public static func lastValidDay(expiry: UInt32) -> String {
        lastValidDays.day(expiry: expiry)
    }

    /// A print run has one or a few expiries: remember their days rather than recompute them
    /// for every pass.
    private static let lastValidDays = DayCache()

    fileprivate static func computeLastValidDay(expiry: UInt32) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let day = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(expiry) - 1))
        return String(format: "%02d/%02d/%04d", day.day!, day.month!, day.year!)
    }

    /// "000123": carnet numbers with at least six digits, so they line up in the office's records.
    public static func carnetNumber(_ number: UInt64) -> String {
        let digits = String(number)
        return digits.count >= 6 ? digits : String(repeating: "0", count: 6 - digits.count) + digits
    }

    static func grouped(_ digits: String, separator: String) -> String {
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += separator }
            out.append(digit)
        }
        return out
    }
}

private final class DayCache: @unchecked Sendable {
    private let lock = NSLock()
    private var days: [UInt32: String] = [:]

    func day(expiry: UInt32) -> String {
        lock.lock()
        defer { lock.unlock() }
        if let known = days[expiry] { return known }
        let day = FrenchText.computeLastValidDay(expiry: expiry)
        if days.count > 1_000 { days.removeAll() }  // bounded, whatever the input
        days[expiry] = day
        return day
    }
}
