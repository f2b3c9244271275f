import Conventions
import Foundation
import PassVerifier

/// What an office asks for: how many carnets, of how many passes, worth how much, until when.
public struct IssuingRequest: Sendable {
    public static let maxPasses = 10_000_000

    public let carnets: Int
    public let perCarnet: Int
    public let value: Cents
    public let expiry: UInt32
    public let label: String

    public init(carnets: Int, perCarnet: Int, value: Cents, expiry: UInt32, label: String) throws(IssuerError) {
        guard carnets >= 1, perCarnet >= 1 else {
            throw IssuerError(.invalidRequest, "the number of carnets and of passes per carnet must be at least 1")
        }
        guard carnets.multipliedReportingOverflow(by: perCarnet).partialValue <= Self.maxPasses, carnets <= Self.maxPasses else {
            throw IssuerError(.invalidRequest, "at most \(Self.maxPasses) passes in one batch")
        }
        self.carnets = carnets
        self.perCarnet = perCarnet
        self.value = value
        self.expiry = expiry
        self.label = label
    }

    public var passCount: Int { carnets * perCarnet }

    /// Euros with at most two decimals, "10", "10.5" or "10,50", to cents (≥ 1 cent).
    public static func cents(fromEuros text: String) throws(IssuerError) -> Cents {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: /[.,]/, maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        let fraction = parts.count > 1 ? parts[1] : ""
        guard !whole.isEmpty, whole.allSatisfy(\.isASCIIDigit), fraction.count <= 2, fraction.allSatisfy(\.isASCIIDigit),
              parts.count == 1 || !fraction.isEmpty,
              let euros = UInt64(whole), euros <= UInt64(UInt32.max) / 100
        else {
            throw IssuerError(.invalidRequest, "\"\(text)\" is not an amount in euros such as 10.00")
        }
        let cents = euros * 100 + UInt64(fraction.padding(toLength: 2, withPad: "0", startingAt: 0))!
        guard cents <= UInt64(UInt32.max), let value = Cents(UInt32(cents)) else {
            throw IssuerError(.invalidRequest, "the value must be at least 0.01 € and at most 42,949,672.95 €")
        }
        return value
    }

    /// A date YYYY-MM-DD to the expiry instant: the end of that day in Europe/Paris, that is
    /// the first second of the next day there (the pass is invalid at and after it).
    public static func expiry(fromDay text: String) throws(IssuerError) -> UInt32 {
        guard let start = Paris.startOfDay(text), let end = Paris.calendar.date(byAdding: .day, value: 1, to: start) else {
            throw IssuerError(.invalidRequest, "\"\(text)\" is not a date such as 2027-12-31")
        }
        guard end.timeIntervalSince1970 < TimeInterval(UInt32.max) else {
            throw IssuerError(.invalidRequest, "the expiry must be before 2106")
        }
        return UInt32(end.timeIntervalSince1970)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
