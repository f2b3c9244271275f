import Foundation

/// Something `passnum audit` found wrong, naming the row (by its feed sequence number) where
/// there is one. `detail` holds the machine words: the verifier's reason, the other row, the
/// expected and stored values.
public struct AuditFinding: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// A row's field cannot be read (a key id that is not 8 hex digits, a serial or value out of range).
        case damagedRow = "damaged_row"
        /// The token does not verify at its redemption time (forged, unknown key, expired…).
        case tokenRefused = "token_refused"
        /// The token is another pass, or another value, than the row says.
        case tokenMismatch = "token_mismatch"
        /// Two rows pay the same (kid, serial).
        case paidTwice = "paid_twice"
        /// A pass of a cancelled carnet or range was recorded after the cancellation.
        case paidAfterCancellation = "paid_after_cancellation"
        /// The stored link before this row is not the link recomputed from the rows before it.
        case chainBreak = "chain_break"
        /// A row after the chain began has no token or no link.
        case chainMissing = "chain_missing"
        /// The stored head does not follow the last chained row.
        case chainHead = "chain_head"
        /// The statement code's totals for a month and partner differ from the raw rows'.
        case statementMismatch = "statement_mismatch"
        /// A partner's receipt not signed by the service's key (another key, or altered).
        case receiptNotGenuine = "receipt_not_genuine"
        /// A genuine receipt whose redemption is not in the spent list: it was deleted.
        case receiptUnpaid = "receipt_unpaid"
        /// A genuine receipt whose redemption differs in value, partner or time: it was altered.
        case receiptMismatch = "receipt_mismatch"
        /// A genuine receipt whose previous link is not the chain's, recomputed, before its row.
        case receiptChain = "receipt_chain"
        /// Today's chain does not pass through an earlier summary's head at the same position.
        case earlierSummaryMismatch = "earlier_summary_mismatch"
    }

    public let kind: Kind
    public let row: AuditRow?
    public let detail: [String: String]

    public init(_ kind: Kind, row: AuditRow?, _ detail: [String: String] = [:]) {
        (self.kind, self.row, self.detail) = (kind, row, detail)
    }
}

/// What one month's redemptions add up to for one partner, from the raw rows.
public struct AuditTotal: Sendable, Equatable {
    public let month: String, partnerID: Int64, partnerName: String
    public var count: Int, cents: Int64
}

/// Passes of a key the trust list now calls revoked: the list does not say since when, so the
/// audit gives the count and the last payment for someone to compare with the revocation date.
public struct RevokedKeyPayments: Sendable, Equatable {
    public let kid: String
    public var count: Int
    public var last: Date
}

/// The audit's result: counts, totals per month and partner, the chain, the findings.
public struct AuditReport: Sendable {
    public var redemptions = 0
    /// Rows whose token verified (signature, key, expiry at the redemption time).
    public var verified = 0
    /// Rows recorded before passnum kept tokens: nothing to verify again.
    public var withoutToken = 0
    public var chained = 0
    /// The head recomputed from the rows (nil when nothing is chained).
    public var chainHead: ChainLink?
    public var lastFeedSequence: Int64 = 0
    public var totals: [AuditTotal] = []
    public var revokedKeys: [RevokedKeyPayments] = []
    public var revocations = 0
    public var findings: [AuditFinding] = []
    public var graceDays = 0
    /// Partners' receipts checked (`--receipts`).
    public var receipts = 0
    /// The earlier summary the chain was checked against (`--since`).
    public var earlier: EarlierSummary?

    public var totalCents: Int64 { totals.reduce(0) { $0 + $1.cents } }
    public var isClean: Bool { findings.isEmpty }
}
