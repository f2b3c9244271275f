import Conventions
import Foundation
import PassVerifier

/// How amounts, dates and numbers are written on a carnet: French usage, for people who read
/// paper, not screens.
public enum FrenchText {
    /// "10 €", "10,50 €" (Conventions' paper form).
    public static func euros(_ cents: Cents) -> String {
        Euros.onPaper(UInt64(cents.value))
    }

    /// "31/12/2027": the last day on which a pass expiring at `expiry` (Unix seconds) is valid.
    public static func lastValidDay(expiry: UInt32) -> String {
        lastValidDays.day(expiry: expiry)
    }

    /// A print run has one or a few expiries: remember their days rather than recompute them
    /// for every pass.
    private static let lastValidDays = DayCache()

    fileprivate static func computeLastValidDay(expiry: UInt32) -> String {
        Paris.lastValidDay(expiry: Date(timeIntervalSince1970: TimeInterval(expiry)))
    }

    /// "000123": carnet numbers with at least six digits, so they line up in the office's records.
    public static func carnetNumber(_ number: UInt64) -> String {
        let digits = String(number)
        return digits.count >= 6 ? digits : String(repeating: "0", count: 6 - digits.count) + digits
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
