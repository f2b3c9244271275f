import Foundation

/// Unix milliseconds, the store's time unit.
enum Millis {
    /// Dates beyond the 8-byte range (a damaged receipt can hold one) give its ends, never a trap.
    static func from(_ date: Date) -> Int64 {
        let millis = (date.timeIntervalSince1970 * 1000).rounded(.down)
        guard millis < 0x1p63 else { return .max }
        return millis >= -0x1p63 ? Int64(millis) : .min
    }
    static func date(_ millis: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(millis) / 1000) }
}
