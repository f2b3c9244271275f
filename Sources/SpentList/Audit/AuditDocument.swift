import Foundation
import PassVerifier
import SpentListAPI

/// `passnum audit --json`: the audit's figures and findings as one typed JSON document
/// (`passnum-audit/v1`, SPEC.md §16.1), for a program that reads audits; the signed summary
/// stays the text people read. Field names are camelCase, amounts in euro cents, times RFC 3339
/// UTC, machine codes as in the summary's brackets.
public struct AuditDocument: Codable, Sendable, Equatable {
    public static let formatName = "passnum-audit/v1"

    public struct Chain: Codable, Sendable, Equatable {
        public let links: Int
        /// The head recomputed from the rows (64 lowercase hex digits), nil when nothing is chained.
        public let head: String?
        public let lastFeedSequence: Int64
    }

    public struct Total: Codable, Sendable, Equatable {
        public let month: String, partnerId: Int64, partner: String, count: Int, cents: Int64
    }

    public struct RevokedKey: Codable, Sendable, Equatable {
        public let kid: String, count: Int, lastPaidAt: Timestamp
    }

    /// A redemption row as stored, for a finding that names one.
    public struct Row: Codable, Sendable, Equatable {
        public let feedSequence: Int64, kid: String, serial: Int64, pass: String?, valueCents: Int64
        public let partnerId: Int64, partner: String, redeemedAt: Timestamp
    }

    public struct Finding: Codable, Sendable, Equatable {
        public let kind: String
        public let row: Row?
        public let detail: [String: String]
    }

    public let format: String
    public let database: String, trustList: String, auditedAt: Timestamp
    public let graceDays: Int
    public let clean: Bool
    public let redemptions: Int, verified: Int, withoutToken: Int, cancellations: Int
    public let chain: Chain
    public let totalCents: Int64
    public let totals: [Total]
    public let revokedKeys: [RevokedKey]
    public let findings: [Finding]
    /// Partners' receipts checked (`--receipts`), 0 without.
    public let receipts: Int
    /// Where the earlier summary (`--since`) said the chain was; absent without.
    public let earlierSummary: Chain?

    public init(_ report: AuditReport, database: String, trustList: String, at date: Date) {
        format = Self.formatName
        (self.database, self.trustList, auditedAt, graceDays) = (database, trustList, Timestamp(date), report.graceDays)
        (clean, redemptions, verified) = (report.isClean, report.redemptions, report.verified)
        (withoutToken, cancellations) = (report.withoutToken, report.revocations)
        chain = Chain(links: report.chained, head: report.chainHead?.hex, lastFeedSequence: report.lastFeedSequence)
        totalCents = report.totalCents
        totals = report.totals.map { Total(month: $0.month, partnerId: $0.partnerID, partner: $0.partnerName, count: $0.count, cents: $0.cents) }
        revokedKeys = report.revokedKeys.map { RevokedKey(kid: $0.kid, count: $0.count, lastPaidAt: Timestamp($0.last)) }
        receipts = report.receipts
        earlierSummary = report.earlier.map { Chain(links: $0.links, head: $0.head?.hex, lastFeedSequence: $0.lastFeedSequence) }
        findings = report.findings.map { Finding(kind: $0.kind.rawValue, row: $0.row.map(Self.row), detail: $0.detail) }
    }

    static func row(_ row: AuditRow) -> Row {
        Row(feedSequence: row.feedSequence, kid: row.kid, serial: row.serial, pass: row.passNumber, valueCents: row.valueCents,
            partnerId: row.partnerID, partner: row.partnerName, redeemedAt: Timestamp(row.redeemedAt))
    }
}

extension AuditRow {
    /// The printed pass number (`195 000 001-0`), nil when the row's key id or serial is damaged.
    public var passNumber: String? {
        KeyID(text: kid).flatMap { kid in UInt64(exactly: serial).flatMap(Serial.init).map { PassNumber(keyID: kid, serial: $0).text } }
    }
}
