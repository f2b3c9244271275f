import Foundation

/// The programme's time: Paris. A pass "valable jusqu'au 31/12/2027" ends at midnight in Paris,
/// a month of settlement is a Paris month, and every date people read is a Paris date.
public enum Paris {
    public static let timeZone = TimeZone(identifier: "Europe/Paris")!

    /// The Gregorian calendar in Paris time, for day and month arithmetic.
    public static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// Midnight, Paris time, at the start of a YYYY-MM-DD day; nil for anything else (other
    /// lengths, signs, a day that does not exist such as 2027-02-30).
    public static func startOfDay(_ text: String) -> Date? {
        let fields = text.split(separator: "-", omittingEmptySubsequences: false)
        guard fields.count == 3, fields[0].count == 4, fields[1].count == 2, fields[2].count == 2,
              fields.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let year = Int(fields[0]), let month = Int(fields[1]), let day = Int(fields[2])
        else { return nil }
        let components = DateComponents(year: year, month: month, day: day)
        guard components.isValidDate(in: calendar) else { return nil }
        return calendar.date(from: components)
    }

    /// [first day of the month, first day of the next month) for YYYY-MM.
    public static func month(_ text: String) -> (from: Date, to: Date)? {
        guard let from = startOfDay(text + "-01") else { return nil }
        return calendar.date(byAdding: .month, value: 1, to: from).map { (from, $0) }
    }

    /// "31/12/2027".
    public static func day(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%02d/%02d/%04d", c.day!, c.month!, c.year!)
    }

    /// "27/11/2026 14:05", which French readers and spreadsheets read as a date and time.
    public static func dayAndTime(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%02d/%02d/%04d %02d:%02d", c.day!, c.month!, c.year!, c.hour!, c.minute!)
    }

    /// "31/12/2027": the last day on which a pass expiring at `expiry` can be used (the expiry
    /// is the first instant at which it no longer can).
    public static func lastValidDay(expiry: Date) -> String {
        day(expiry.addingTimeInterval(-1))
    }

    /// "30 juin 2027" ("1er juillet 2027") or "30 June 2027": the Paris day of `date` as
    /// people write it in a sentence.
    public static func longDay(_ date: Date, french: Bool) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        let months = french ? frenchMonths : englishMonths
        let day = french && c.day == 1 ? "1er" : String(c.day!)
        return "\(day) \(months[c.month! - 1]) \(c.year!)"
    }

    /// "30 juin 2027" from a YYYY-MM-DD day ("2027-06-30", as the report's JSON writes them);
    /// the text as it is when it is not such a day.
    public static func longDay(_ iso: String, french: Bool) -> String {
        startOfDay(iso).map { longDay($0, french: french) } ?? iso
    }

    static let frenchMonths = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
    static let englishMonths = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

    /// "2026-11-01": the Paris day of `date`, as the service's routes take it.
    public static func isoDay(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: timeZone).year().month().day())
    }

    /// "2026-11": the Paris month of `date`, as `--month` takes it.
    public static func isoMonth(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month], from: date)
        return String(format: "%04d-%02d", c.year!, c.month!)
    }
}
