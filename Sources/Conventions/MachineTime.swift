import Foundation

/// Times for machines and logs rather than people: UTC, ISO 8601.
public enum MachineTime {
    /// "2027-01-01T12:00:00Z": RFC 3339 in UTC, whole seconds, for JSON output.
    public static func rfc3339(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    /// "2027-12-31": the UTC day, as the trust list writes key validity.
    public static func utcDay(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day())
    }

    /// An instant given on a command line: RFC 3339 (`2027-01-01T12:00:00Z`) or a YYYY-MM-DD
    /// day, taken as the start of that day in Paris.
    public static func instant(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        return Paris.startOfDay(text)
    }
}
