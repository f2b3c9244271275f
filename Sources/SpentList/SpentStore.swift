import Foundation
import PassVerifier
import SpentListAPI

/// Where the spent list lives. The SQLite store is the default; a PostgreSQL store shares the
/// contract: every method is one transaction, and the unique key (kid, serial) is what makes a
/// redemption happen at most once, whatever the number of writers or service instances.
public protocol SpentStore: Sendable {
    /// Records each request whose pass is neither spent nor revoked, all in one transaction that
    /// is durable when this returns (the group commit of `GroupCommitter`). Requests are taken in
    /// order: of two requests for the same pass in one batch, the first wins and the second gets
    /// `.alreadySpent`. The outcomes are in the order of the requests.
    func redeem(_ batch: [RedemptionRequest]) async throws(SpentListError) -> [RedemptionOutcome]

    /// Records offline redemptions in one durable transaction, in order. A pass unspent and not
    /// revoked is redeemed at its scan time; one already redeemed by the same partner is
    /// accepted again and nothing changes; anything else becomes a conflict, recorded once per
    /// (pass, partner). The (kid, serial) key of redemptions stays the only thing that decides
    /// which redemption counts, against online and offline redemptions alike.
    func redeemOffline(_ batch: [OfflineRedemptionRequest]) async throws(SpentListError) -> [OfflineOutcome]

    /// Conflicts whose scan time is in [from, to), oldest first; with a partner, only those
    /// involving it (as the late partner or as the first).
    func conflicts(from: Date, to: Date, partnerID: Int64?) async throws(SpentListError) -> [Conflict]

    /// Spent, revoked or unspent. A revocation wins over a spend in the answer: the pass can no
    /// longer be used either way, and the revocation is what the office acted on.
    func state(of pass: PassRef) async throws(SpentListError) -> PassState

    /// Records a revocation; false when the same range was already revoked.
    func revoke(_ revocation: Revocation) async throws(SpentListError) -> Bool

    /// Spent and revoked items after `cursor`, in commit order, at most `limit`.
    func feed(after cursor: FeedCursor, limit: Int) async throws(SpentListError) -> FeedPage

    /// Adds a partner (or an office) with the hash of its API key.
    func addPartner(name: String, keyHash: APIKeyHash, at date: Date, role: AccountRole) async throws(SpentListError) -> Partner
    func partners() async throws(SpentListError) -> [Partner]
    /// Disables a partner: its key no longer opens anything. False when it was already disabled.
    func disablePartner(name: String, at date: Date) async throws(SpentListError) -> Bool
    /// Enables a disabled partner again, with the key it had. False when it was not disabled.
    func enablePartner(name: String) async throws(SpentListError) -> Bool
    /// Gives a partner a new key hash; its previous key no longer opens anything.
    func replacePartnerKey(name: String, keyHash: APIKeyHash) async throws(SpentListError) -> Partner
    /// The partner whose key hashes to `keyHash`, active or not.
    func partner(keyHash: APIKeyHash) async throws(SpentListError) -> Partner?

    /// Replaces the admin key hash (a new `passnum admin-key` retires the previous one).
    func setAdminKey(_ keyHash: APIKeyHash, at date: Date) async throws(SpentListError)
    func adminKeyHash() async throws(SpentListError) -> APIKeyHash?

    /// Records that an office handed out the carnet first…last of `kid` (one transaction, once
    /// per carnet: a second scan gets `.already` with the first hand-over).
    func recordHandout(kid: KeyID, first: Serial, last: Serial, office: Partner, at date: Date) async throws(SpentListError) -> HandoutOutcome
    /// The hand-over of the carnet holding this pass, if it was handed out.
    func handout(of pass: PassRef) async throws(SpentListError) -> Handout?
    /// Records the kind of help `partnerID` gave with its redemption of `pass`; false when that
    /// partner did not redeem it, or a kind was recorded already (the first one stays).
    func recordHelp(_ pass: PassRef, partnerID: Int64, kind: String) async throws(SpentListError) -> Bool
    /// The programme's settings (`API.Programme.standard` until some are set).
    func programme() async throws(SpentListError) -> API.Programme
    func setProgramme(_ settings: API.Programme) async throws(SpentListError)

    /// Redemptions with `from <= redeemedAt < to`, for one partner or all, by partner name.
    func settlement(from: Date, to: Date, partnerID: Int64?) async throws(SpentListError) -> Settlement

    /// Records printed batches (`POST /v1/batches`), all or none, in one transaction: a batch
    /// known already with the same fields is left as it is; one sharing serials with another
    /// known batch is refused (`.invalidRequest`). Returns how many were new.
    func publishBatches(_ batches: [PrintedBatch], at date: Date) async throws(SpentListError) -> Int
    /// Every published batch, by key id and first serial.
    func printedBatches() async throws(SpentListError) -> [PrintedBatch]
    /// Every hand-over, with its office's name, by key id and first serial.
    func handouts() async throws(SpentListError) -> [Handout]
    /// Every revocation, oldest first.
    func revocations() async throws(SpentListError) -> [Revocation]
    /// Redemptions with `from <= redeemedAt < to` by kind of help (nil: none recorded), by kind.
    func helpGiven(from: Date, to: Date) async throws(SpentListError) -> [HelpTotal]

    /// Throws unless the store can be read and written now (`GET /readyz`).
    func checkReady() async throws(SpentListError)
}

extension SpentStore {
    /// A read of the admin key: the store answers.
    public func checkReady() async throws(SpentListError) {
        _ = try await adminKeyHash()
    }
}

extension SpentStore {
    /// Adds a partner association.
    public func addPartner(name: String, keyHash: APIKeyHash, at date: Date) async throws(SpentListError) -> Partner {
        try await addPartner(name: name, keyHash: keyHash, at: date, role: .partner)
    }
}
