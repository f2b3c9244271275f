import Foundation
import PassVerifier

/// A pass a counter accepted offline, sent at sync with its original scan time. The service has
/// verified the token at `scannedAt`; `refusal` holds the verifier's reason when it did not
/// verify (the store then records a conflict instead of a redemption). `helpKind`, one of the
/// programme's kinds (the service checked it), is recorded with the redemption when it counts,
/// never with a conflict.
public struct OfflineRedemptionRequest: Sendable {
    public let pass: PassRef
    public let value: Cents
    public let partner: Partner
    public let scannedAt: Date
    public let refusal: String?
    public let helpKind: String?
    /// The token as the counter scanned it (see `RedemptionRequest.token`).
    public let token: String

    public init(pass: PassRef, value: Cents, partner: Partner, scannedAt: Date, token: String, refusal: String? = nil, helpKind: String? = nil) {
        self.pass = pass
        self.value = value
        self.partner = partner
        self.scannedAt = scannedAt
        self.token = token
        self.refusal = refusal
        self.helpKind = helpKind
    }
}

/// An offline redemption that does not count: another partner redeemed the pass first, or it
/// was revoked, or it did not verify at its scan time. Both partners and both times are kept.
public struct Conflict: Hashable, Sendable {
    /// Why it does not count: `already_spent`, `revoked`, or a verifier reason.
    public let reason: String
    public let pass: PassRef
    public let value: Cents
    public let partnerID: Int64
    public let partnerName: String
    public let scannedAt: Date
    /// The redemption that counts, when there is one.
    public let firstPartnerID: Int64?
    public let firstPartnerName: String?
    public let firstRedeemedAt: Date?
    public let recordedAt: Date

    public init(
        reason: String, pass: PassRef, value: Cents, partnerID: Int64, partnerName: String, scannedAt: Date,
        firstPartnerID: Int64?, firstPartnerName: String?, firstRedeemedAt: Date?, recordedAt: Date
    ) {
        self.reason = reason
        self.pass = pass
        self.value = value
        self.partnerID = partnerID
        self.partnerName = partnerName
        self.scannedAt = scannedAt
        self.firstPartnerID = firstPartnerID
        self.firstPartnerName = firstPartnerName
        self.firstRedeemedAt = firstRedeemedAt
        self.recordedAt = recordedAt
    }
}

/// What became of one offline redemption.
public enum OfflineOutcome: Hashable, Sendable {
    /// The redemption counts for this partner. `new` is false when it was already recorded for
    /// this partner (a journal sent again): nothing changed.
    case accepted(Redemption, new: Bool)
    /// It does not count; the conflict is recorded (once per pass and partner).
    case conflict(Conflict)
}
