import Conventions
import Foundation
import Hummingbird

/// What `GET /admin` was asked for: the language (`lang=fr`, the default, or `en`) and the
/// months to show (`from` and `to`, YYYY-MM, both included; by default every month of the
/// programme up to now).
struct DashboardQuery: Equatable {
    var french = true
    var from: String?
    var to: String?

    init(french: Bool = true, from: String? = nil, to: String? = nil) {
        (self.french, self.from, self.to) = (french, from, to)
    }

    /// An empty `from` or `to` (a cleared field of the page's form) is no limit.
    init(_ parameters: Parameters) throws {
        french = parameters.get("lang") != "en"
        from = parameters.get("from").flatMap { $0.isEmpty ? nil : $0 }
        to = parameters.get("to").flatMap { $0.isEmpty ? nil : $0 }
        for month in [from, to].compactMap({ $0 }) where Paris.month(month) == nil {
            throw ServiceError.badRequest("\"from\" and \"to\" are months, YYYY-MM (\(month) is not one)")
        }
        if let from, let to, from > to { throw ServiceError.badRequest("the first month (\(from)) comes after the last (\(to))") }
    }

    /// The instant the figures are taken at: the end of the `to` month (Paris), or `now` when
    /// that is later or no month is given.
    func asOf(now: Date) -> Date {
        guard let to, let end = Paris.month(to)?.to else { return now }
        return min(end, now)
    }
}

/// The months shown and the instant of the figures, as the page says them and the download
/// links ask for them again.
struct DashboardPeriod: Equatable {
    /// YYYY-MM, both included.
    let from: String, to: String
    let asOf: Date
    /// True when the figures are the latest (no earlier end asked for): the downloads then ask
    /// for the report as it is when clicked.
    let isNow: Bool

    /// `months`: the report's, oldest first (every month from the programme's first event).
    init(_ query: DashboardQuery, months: [String], asOf: Date, now: Date) {
        let last = Paris.isoMonth(asOf.addingTimeInterval(asOf < now ? -1 : 0))
        to = query.to.map { min($0, last) } ?? last
        from = min(query.from ?? months.first ?? to, to)
        self.asOf = asOf
        isNow = asOf >= now
    }

    func contains(_ month: String) -> Bool { from <= month && month <= to }

    /// The query string of `/v1/report` for the same figures: the last Paris day of the period,
    /// or nothing for now.
    var reportQuery: String {
        isNow ? "" : "asOf=" + Paris.isoDay(asOf.addingTimeInterval(-1))
    }
}
