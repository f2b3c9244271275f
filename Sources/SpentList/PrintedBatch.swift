import Foundation
import PassVerifier

/// A batch of printed passes as the spent list knows it (`passnum batches publish`, from the
/// issuance ledger on the programme office's machine): enough to count the carnets a report
/// follows, nothing the passes themselves do not say, and the funder batch's name.
public struct PrintedBatch: Hashable, Sendable {
    public let kid: KeyID
    public let first: Serial
    public let carnets: Int
    public let perCarnet: Int
    public let value: Cents
    /// The expiry signed in the passes: the first instant they are no longer valid.
    public let expiry: Date
    /// The funder batch's name (`passnum issue --label`).
    public let label: String
    public let printedAt: Date

    public init(
        kid: KeyID, first: Serial, carnets: Int, perCarnet: Int, value: Cents, expiry: Date, label: String, printedAt: Date
    ) throws(SpentListError) {
        guard (1...10_000).contains(perCarnet), (1...ProgrammeReport.maximumPasses).contains(carnets), carnets * perCarnet <= ProgrammeReport.maximumPasses,
              first.value + UInt64(carnets * perCarnet) - 1 <= Serial.max
        else {
            throw SpentListError(.invalidRequest, "a batch is at most \(ProgrammeReport.maximumPasses) passes in carnets of 1 to 10,000, within the serials")
        }
        let label = label.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !label.isEmpty, TextBound.fits(label, characters: 200), !label.contains(where: \.isNewline) else {
            throw SpentListError(.invalidRequest, "a batch's label is 1 to 200 characters, on one line")
        }
        (self.kid, self.first, self.carnets, self.perCarnet, self.value) = (kid, first, carnets, perCarnet, value)
        (self.expiry, self.label, self.printedAt) = (expiry, label, printedAt)
    }

    public var passCount: Int { carnets * perCarnet }
    public var last: Serial { Serial(first.value + UInt64(passCount) - 1)! }

    /// The first serial of each carnet (a carnet's number is its first serial).
    public var carnetFirsts: [UInt64] {
        (0..<carnets).map { first.value + UInt64($0 * perCarnet) }
    }

    /// Whether the two batches share a serial of one key.
    public func overlaps(_ other: PrintedBatch) -> Bool {
        kid == other.kid && first <= other.last && other.first <= last
    }

    /// The same batch, at the millisecond the stores keep.
    public func sameBatch(as other: PrintedBatch) -> Bool {
        (kid, first, carnets, perCarnet, value, label) == (other.kid, other.first, other.carnets, other.perCarnet, other.value, other.label)
            && Millis.from(expiry) == Millis.from(other.expiry) && Millis.from(printedAt) == Millis.from(other.printedAt)
    }
}

/// Redemptions of one kind of help in a period (`nil`: none recorded).
public struct HelpTotal: Hashable, Sendable {
    public let kind: String?
    public let count: Int
    public let valueCents: Int64

    public init(kind: String?, count: Int, valueCents: Int64) { (self.kind, self.count, self.valueCents) = (kind, count, valueCents) }
}
