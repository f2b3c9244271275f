import Foundation

/// What `passnum audit` reads from a spent list, raw: every field as stored, so that a damaged
/// or altered row becomes a finding naming it, never an error that stops the audit.
public protocol AuditSource: SpentStore {
    /// Redemptions in feed order with `feed_seq > sequence`, at most `limit`.
    func auditRedemptions(after sequence: Int64, limit: Int) async throws(SpentListError) -> [AuditRow]
    /// Every revocation (cancelled carnets and ranges), in feed order.
    func auditRevocations() async throws(SpentListError) -> [AuditRevocation]
    /// The chain's head as stored (`feed_counter.chain_head`), nil when no redemption was chained.
    func auditChainHead() async throws(SpentListError) -> String?
}

/// One row of `redemptions`, as stored.
public struct AuditRow: Sendable, Equatable {
    public let feedSequence: Int64
    public let kid: String
    public let serial: Int64
    public let valueCents: Int64
    public let partnerID: Int64
    public let partnerName: String
    public let redeemedAtMillis: Int64
    public let recordedAtMillis: Int64
    /// NULL on rows recorded before passnum kept tokens.
    public let token: String?
    /// The chain's link before this row, hex; NULL before the chain began.
    public let chainPrevious: String?

    public init(
        feedSequence: Int64, kid: String, serial: Int64, valueCents: Int64, partnerID: Int64, partnerName: String,
        redeemedAtMillis: Int64, recordedAtMillis: Int64, token: String?, chainPrevious: String?
    ) {
        (self.feedSequence, self.kid, self.serial, self.valueCents) = (feedSequence, kid, serial, valueCents)
        (self.partnerID, self.partnerName, self.redeemedAtMillis, self.recordedAtMillis) = (partnerID, partnerName, redeemedAtMillis, recordedAtMillis)
        (self.token, self.chainPrevious) = (token, chainPrevious)
    }

    public var redeemedAt: Date { Millis.date(redeemedAtMillis) }
}

/// One row of `revocations`, as stored.
public struct AuditRevocation: Sendable, Equatable {
    public let feedSequence: Int64, kid: String, first: Int64, last: Int64, reason: String, revokedAtMillis: Int64

    public init(feedSequence: Int64, kid: String, first: Int64, last: Int64, reason: String, revokedAtMillis: Int64) {
        (self.feedSequence, self.kid, self.first, self.last, self.reason, self.revokedAtMillis) = (feedSequence, kid, first, last, reason, revokedAtMillis)
    }

    public func covers(kid other: String, serial: Int64) -> Bool { kid == other && first <= serial && serial <= last }
}

/// The SQL both stores run for the audit (plain, the same on SQLite and PostgreSQL).
public enum AuditQueries {
    public static let redemptions = """
        SELECT r.feed_seq, r.kid, r.serial, r.value_cents, r.partner_id, COALESCE(p.name, ''), r.redeemed_at_ms, r.recorded_at_ms,
               r.token, r.chain_prev
          FROM redemptions r LEFT JOIN partners p ON p.id = r.partner_id
        """
    public static let revocations = "SELECT feed_seq, kid, first_serial, last_serial, reason, revoked_at_ms FROM revocations ORDER BY feed_seq"
    public static let chainHead = "SELECT chain_head FROM feed_counter WHERE name = 'feed'"
}
