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

    public static func text(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// RFC 3339 with or without fractional seconds.
    public static func parse(_ text: String) -> Date? {
        (try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))) ?? (try? Date(text, strategy: .iso8601))
    }
}
