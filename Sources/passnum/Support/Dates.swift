import Foundation
import PassIssuer

/// Dates as people at the programme read them: Paris time, day/month/year.
enum Dates {
    private static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = IssuingRequest.timeZone
        return calendar
    }

    /// "31/12/2027": the last day on which a pass expiring at `expiry` can be used.
    static func lastValidDay(expiry: Date) -> String {
        day(expiry.addingTimeInterval(-1))
    }

    static func day(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%02d/%02d/%04d", c.day!, c.month!, c.year!)
    }

    static func dayAndTime(_ date: Date) -> String {
        let c = calendar.dateComponents([.hour, .minute], from: date)
        return day(date) + String(format: " %02d:%02d", c.hour!, c.minute!)
    }

    /// RFC 3339 in UTC, for JSON.
    static func iso(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    /// Parses `--at` values: RFC 3339 (`2027-01-01T12:00:00Z`) or a day (start of day, Paris).
    static func parse(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        guard let expiry = try? IssuingRequest.expiry(fromDay: text) else { return nil }
        return calendar.date(byAdding: .day, value: -1, to: Date(timeIntervalSince1970: TimeInterval(expiry)))
    }
}
