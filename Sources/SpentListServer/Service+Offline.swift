import Foundation
import Hummingbird
import Logging
import PassVerifier
import SpentList
import SpentListAPI

extension Service {
    /// `POST /v1/offline-redemptions {"items": [{"token", "scannedAt"}]}` (a partner): a
    /// counter's journal at sync. Each genuine token is verified by the service at its scan time;
    /// the batch is recorded in one transaction. Every item is answered `accepted` or `conflict`:
    /// nothing is dropped. A token no issuer signed is answered but never stored; copies of
    /// one pass in one upload get the first copy's answer and count once. An item's kind of
    /// help is kept with its redemption when it is one of the programme's; another kind (the
    /// list changed since the scan) is left out and the pass still counts.
    func redeemOffline(_ request: Request, _ partner: Partner) async throws -> Response {
        let items = try await body(API.OfflineRedemptionRequest.self, of: request, limit: Limits.offlineBodyBytes).items
        guard (1...Limits.offlineItems).contains(items.count) else {
            throw ServiceError.badRequest("\"items\" is an array of 1 to \(Limits.offlineItems) objects", reason: .invalidBody)
        }
        let now = clock()
        let programme = try await currentProgramme()
        var requests: [OfflineRedemptionRequest] = []
        var answers: [API.OfflineResult?] = Array(repeating: nil, count: items.count)
        var stored: [Int] = []  // item index of each request sent to the store
        var firstCopy: [PassRef: Int] = [:]  // the item index of each pass's first copy
        var copies: [(copy: Int, of: Int)] = []
        for (index, item) in items.enumerated() {
            switch check(item, at: now, graceDays: programme.graceDays) {
            case .success(let (pass, value, checked)):
                var refusal = checked
                if refusal == nil { refusal = try await notDistributed(pass, programme) }
                if let first = firstCopy[pass] {
                    copies.append((index, first))
                    continue
                }
                firstCopy[pass] = index
                let helpKind = item.helpKind.flatMap { programme.helpKinds.contains($0) ? $0 : nil }
                requests.append(OfflineRedemptionRequest(
                    pass: pass, value: value, partner: partner, scannedAt: item.scannedAt.date, token: item.token, refusal: refusal, helpKind: helpKind))
                stored.append(index)
            case .failure(let refusal):
                // Not a pass an issuer made: nothing is recorded; the counter still hears "conflict".
                answers[index] = .conflict(reason: Reason(refusal.code), message: refusal.message)
            }
        }
        let outcomes = try await storeCall { try await store.redeemOffline(requests) }
        for (index, (request, outcome)) in zip(stored, zip(requests, outcomes)) { answers[index] = answer(outcome, helpKind: request.helpKind) }
        for (copy, first) in copies { answers[copy] = answers[first] }
        let accepted = outcomes.filter { if case .accepted = $0 { true } else { false } }.count
        let conflicts = answers.count - copies.count - accepted
        logger.info("offline redemptions", metadata: [
            "partner": "\(partner.name)", "items": "\(items.count)", "accepted": "\(accepted)", "conflicts": "\(conflicts)",
        ])
        return jsonResponse(API.OfflineRedemptions(accepted: accepted, conflicts: conflicts, results: answers.map { $0! }), status: .ok)
    }

    /// The pass of an item, and the reason it does not count when it does not verify at its
    /// scan time; a failure when the token is not a pass an issuer signed (not one to record).
    private func check(_ item: API.OfflineItem, at now: Date, graceDays: Int) -> Result<(PassRef, Cents, String?), PassError> {
        let token: Token
        do {
            token = try Token(text: item.token)
        } catch {
            return .failure(error)
        }
        let verifier = self.verifier
        guard verifier.isGenuine(token) else {
            return .failure(verifier.trustList.key(for: token.payload.keyID) == nil
                ? PassError(.unknownKey, "no key \(token.payload.keyID) in the trust list")
                : PassError(.badSignature, "the signature does not match: the pass was altered or forged"))
        }
        let pass = PassRef(kid: token.payload.keyID, serial: token.payload.serial)
        let scannedAt = item.scannedAt.date
        if scannedAt > now.addingTimeInterval(Limits.clockSkew) { return .success((pass, token.payload.value, Reason.scannedInFuture.rawValue)) }
        if scannedAt < now.addingTimeInterval(-Limits.oldestScan) { return .success((pass, token.payload.value, Reason.scannedTooLongAgo.rawValue)) }
        do {
            _ = try verifier.verify(token, at: scannedAt, graceDays: graceDays)
            return .success((pass, token.payload.value, nil))
        } catch {
            return .success((pass, token.payload.value, error.code.rawValue))
        }
    }

    /// `not_distributed` when the programme requires hand-over and the pass's carnet was never
    /// handed out (a counter's replica may have been older than the hand-over: it is checked
    /// again here).
    private func notDistributed(_ pass: PassRef, _ programme: API.Programme) async throws -> String? {
        do {
            try await requireHandedOut(pass, programme)
            return nil
        } catch let error as ServiceError where error.reason == .notDistributed {
            return Reason.notDistributed.rawValue
        }
    }

    private func answer(_ outcome: OfflineOutcome, helpKind: String?) -> API.OfflineResult {
        switch outcome {
        case .accepted(let r, _):
            return .accepted(
                kid: r.pass.kid.text, serial: r.pass.serial.value, valueCents: Int64(r.value.value), redeemedAt: Timestamp(r.redeemedAt),
                receipt: signer.receipt(for: r), helpKind: helpKind)
        case .conflict(let c):
            // As for a 409: the late partner learns when the pass was first redeemed, not by whom.
            return .conflict(
                kid: c.pass.kid.text, serial: c.pass.serial.value, reason: Reason(rawValue: c.reason), message: Self.conflictWords(c),
                scannedAt: Timestamp(c.scannedAt), firstRedeemedAt: c.firstRedeemedAt.map(Timestamp.init))
        }
    }

    static func conflictWords(_ c: Conflict) -> String {
        switch Reason(rawValue: c.reason) {
        case .alreadySpent: "another partner redeemed this pass first, on \(c.firstRedeemedAt.map(Timestamp.text) ?? "?")"
        case .revoked: "this pass was revoked"
        case .notDistributed: "this pass's carnet was never handed out at an office"
        case .scannedInFuture: "the scan time is ahead of the service's clock: check the counter's clock"
        case .scannedTooLongAgo: "the scan time is over a year ago: check the counter's clock"
        default: "the pass does not verify at its scan time (\(c.reason))"
        }
    }

    /// `GET /v1/conflicts?from=&to=[&format=csv][&partner=NAME]`: a partner sees the conflicts
    /// involving it; the admin sees all, or one partner's.
    func conflicts(_ request: Request, _ principal: Principal) async throws -> Response {
        let query = try await reportQuery(request, principal)
        let conflicts = Self.visible(
            try await storeCall { try await store.conflicts(from: query.from, to: query.to, partnerID: query.partnerID) }, to: principal)
        if query.csv { return Self.csvResponse(SettlementReport.csv(conflicts)) }
        return jsonResponse(SettlementReport.json(conflicts, from: query.from, to: query.to), status: .ok)
    }

    /// What a caller may see of conflicts: the admin everything; a partner the other partner's
    /// name only where a genuine pass was presented. Rows recorded before the service refused
    /// forged items (issue 14 §1.2) may hold a made-up pass naming someone else's redemption.
    static func visible(_ conflicts: [Conflict], to principal: Principal) -> [Conflict] {
        guard case .partner = principal else { return conflicts }
        return conflicts.map { c in
            guard Reason.forged.contains(Reason(rawValue: c.reason)) else { return c }
            return Conflict(
                reason: c.reason, pass: c.pass, value: c.value, partnerID: c.partnerID, partnerName: c.partnerName, scannedAt: c.scannedAt,
                firstPartnerID: nil, firstPartnerName: nil, firstRedeemedAt: nil, recordedAt: c.recordedAt)
        }
    }
}

extension Reason {
    /// The verifier's reasons that say no issuer made this token.
    static let forged: Set<Reason> = [.malformed, .unsupportedVersion, .unknownKey, .badSignature]
}
