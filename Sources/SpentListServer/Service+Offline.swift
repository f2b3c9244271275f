import Foundation
import Hummingbird
import Logging
import PassVerifier
import SpentList

extension Service {
    /// `POST /v1/offline-redemptions {"items": [{"token", "scannedAt"}]}`: a counter's journal
    /// at sync. Each token is verified by the service at its scan time; the batch is recorded in
    /// one transaction. Every item is answered `accepted` or `conflict`: nothing is dropped.
    func redeemOffline(_ request: Request) async throws -> Response {
        let partner = try await authenticator.partner(request)
        let items = try await offlineItems(request)
        let now = clock()
        var requests: [OfflineRedemptionRequest] = []
        var answers: [JSON?] = Array(repeating: nil, count: items.count)
        var stored: [Int] = []  // item index of each request sent to the store
        for (index, item) in items.enumerated() {
            switch check(item, at: now) {
            case .success(let (pass, value, refusal)):
                requests.append(OfflineRedemptionRequest(pass: pass, value: value, partner: partner, scannedAt: item.scannedAt, refusal: refusal))
                stored.append(index)
            case .failure(let refusal):
                // Not a pass at all: nothing to key a conflict by; the counter still hears "conflict".
                answers[index] = .object([("status", .string("conflict")), ("reason", .string(refusal.code.rawValue)), ("message", .string(refusal.message))])
            }
        }
        let outcomes = try await storeCall { try await store.redeemOffline(requests) }
        for (index, outcome) in zip(stored, outcomes) { answers[index] = answer(outcome, partner: partner) }
        let accepted = outcomes.filter { if case .accepted = $0 { true } else { false } }.count
        logger.info("offline redemptions", metadata: [
            "partner": "\(partner.name)", "items": "\(items.count)", "accepted": "\(accepted)", "conflicts": "\(items.count - accepted)",
        ])
        return JSON.object([
            ("accepted", .int(Int64(accepted))), ("conflicts", .int(Int64(items.count - accepted))),
            ("results", .array(answers.map { $0! })),
        ]).response(status: .ok)
    }

    struct OfflineItem {
        let token: String
        let scannedAt: Date
    }

    /// The pass of an item, and the reason it does not count when it does not verify at its
    /// scan time; a failure when the token is not a pass at all.
    private func check(_ item: OfflineItem, at now: Date) -> Result<(PassRef, Cents, String?), PassError> {
        let token: Token
        do {
            token = try Token(text: item.token)
        } catch {
            return .failure(error)
        }
        let pass = PassRef(kid: token.payload.keyID, serial: token.payload.serial)
        if item.scannedAt > now.addingTimeInterval(Limits.clockSkew) { return .success((pass, token.payload.value, "scanned_in_future")) }
        if item.scannedAt < now.addingTimeInterval(-Limits.oldestScan) { return .success((pass, token.payload.value, "scanned_too_long_ago")) }
        do {
            _ = try verifier.verify(token, at: item.scannedAt)
            return .success((pass, token.payload.value, nil))
        } catch {
            return .success((pass, token.payload.value, error.code.rawValue))
        }
    }

    private func answer(_ outcome: OfflineOutcome, partner: Partner) -> JSON {
        switch outcome {
        case .accepted(let r, _):
            return .object([
                ("status", .string("accepted")), ("kid", .string(r.pass.kid.text)), ("serial", .int(Int64(r.pass.serial.value))),
                ("valueCents", .int(Int64(r.value.value))), ("redeemedAt", .string(Timestamp.text(r.redeemedAt))),
                ("receipt", .string(signer.receipt(for: r))),
            ])
        case .conflict(let c):
            // As for a 409: the late partner learns when the pass was first redeemed, not by whom.
            var fields: [(String, JSON)] = [
                ("status", .string("conflict")), ("kid", .string(c.pass.kid.text)), ("serial", .int(Int64(c.pass.serial.value))),
                ("reason", .string(c.reason)), ("message", .string(Self.conflictWords(c))),
                ("scannedAt", .string(Timestamp.text(c.scannedAt))),
            ]
            if let first = c.firstRedeemedAt { fields.append(("firstRedeemedAt", .string(Timestamp.text(first)))) }
            return .object(fields)
        }
    }

    static func conflictWords(_ c: Conflict) -> String {
        switch c.reason {
        case "already_spent": "another partner redeemed this pass first, on \(c.firstRedeemedAt.map(Timestamp.text) ?? "?")"
        case "revoked": "this pass was revoked"
        case "scanned_in_future": "the scan time is ahead of the service's clock: check the counter's clock"
        case "scanned_too_long_ago": "the scan time is over a year ago: check the counter's clock"
        default: "the pass does not verify at its scan time (\(c.reason))"
        }
    }

    private func offlineItems(_ request: Request) async throws -> [OfflineItem] {
        let fields = try await jsonObject(request, required: ["items"], limit: Limits.offlineBodyBytes)
        guard let items = fields["items"] as? [Any], !items.isEmpty, items.count <= Limits.offlineItems else {
            throw ServiceError.badRequest("\"items\" is an array of 1 to \(Limits.offlineItems) objects", code: "invalid_body")
        }
        return try items.enumerated().map { index, value in
            guard let item = value as? [String: Any], Set(item.keys) == ["token", "scannedAt"],
                  let token = item["token"] as? String, let text = item["scannedAt"] as? String,
                  let scannedAt = Timestamp.parse(text)
            else {
                throw ServiceError.badRequest(
                    "items[\(index)] must be {\"token\": \"<200 digits>\", \"scannedAt\": \"<RFC 3339>\"}", code: "invalid_body")
            }
            return OfflineItem(token: token, scannedAt: scannedAt)
        }
    }

    /// `GET /v1/conflicts?from=&to=[&format=csv][&partner=NAME]`: a partner sees the conflicts
    /// involving it; the admin sees all, or one partner's.
    func conflicts(_ request: Request) async throws -> Response {
        let (from, to, csv, partnerID) = try await reportQuery(request)
        let conflicts = try await storeCall { try await store.conflicts(from: from, to: to, partnerID: partnerID) }
        if csv { return Self.csvResponse(SettlementReport.csv(conflicts)) }
        return JSON.object([
            ("from", .string(Timestamp.text(from))), ("to", .string(Timestamp.text(to))),
            ("conflicts", .array(conflicts.map(SettlementReport.json))),
        ]).response(status: .ok)
    }
}
