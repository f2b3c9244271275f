import Foundation
import Hummingbird
import Logging
import PassVerifier
import SpentList

extension Service {
    /// `POST /v1/redemptions {"token"}`: authenticate, verify the token ourselves (the client's
    /// word is never trusted), then record it through the group commit. 201 only after commit.
    func redeem(_ request: Request) async throws -> Response {
        let started = ContinuousClock.now
        var outcome = ServiceMetrics.Outcome.error
        defer { metrics.record(outcome, after: ContinuousClock.now - started) }
        do {
            let partner = try await authenticator.partner(request)
            let token = try await tokenText(request)
            let now = clock()
            let pass: VerifiedPass
            do {
                pass = try verifier.verify(text: token, at: now)
            } catch {
                outcome = .rejected
                logger.info("redemption refused", metadata: ["partner": "\(partner.name)", "reason": "\(error.code)"])
                return ServiceError(.unprocessableContent, error.code.rawValue, error.message).response()
            }
            let ref = PassRef(kid: pass.kid, serial: pass.serial)
            let result = try await committer.redeem(RedemptionRequest(pass: ref, value: pass.value, partner: partner, redeemedAt: now))
            let (response, finalOutcome) = respond(to: result, pass: ref, partner: partner)
            outcome = finalOutcome
            return response
        } catch let error as ServiceError {
            outcome = error.status == .unauthorized || error.status == .forbidden ? .unauthorized : .badRequest
            throw error
        } catch let error as SpentListError {
            noteStoreFailure(error, "redemption not recorded")
            throw ServiceError(.serviceUnavailable, "storage", "the redemption could not be recorded; try again")
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            outcome = .badRequest
            throw error
        }
    }

    /// The answer for a recorded outcome: 201 with a receipt, 409 with the first time, or 422.
    private func respond(to result: RedemptionOutcome, pass: PassRef, partner: Partner) -> (Response, ServiceMetrics.Outcome) {
        var log: Logger.Metadata = ["partner": "\(partner.name)", "kid": "\(pass.kid)", "serial": "\(pass.serial)"]
        switch result {
        case .redeemed(let r):
            log["valueCents"] = "\(r.value.value)"
            logger.info("redeemed", metadata: log)
            let body = JSON.object([
                ("status", .string("redeemed")), ("serial", .int(Int64(r.pass.serial.value))), ("kid", .string(r.pass.kid.text)),
                ("valueCents", .int(Int64(r.value.value))), ("redeemedAt", .string(Timestamp.text(r.redeemedAt))),
                ("receipt", .string(signer.receipt(for: r))),
            ])
            return (body.response(status: .created), .redeemed)
        case .alreadySpent(let first):
            let when = Timestamp.text(first.redeemedAt)
            log["firstRedeemedAt"] = "\(when)"
            logger.info("redemption refused: already spent", metadata: log)
            // The same partner again is most likely a retry after a lost 201: say so, and give
            // its receipt again. Another partner learns only when, never who.
            let yours = first.partnerID == partner.id
            var extra: [(String, JSON)] = [("firstRedeemedAt", .string(when)), ("redeemedByYou", .bool(yours))]
            if yours { extra.append(("receipt", .string(signer.receipt(for: first)))) }
            let error = ServiceError(
                .conflict, "already_spent", "this pass was already redeemed on \(when)\(yours ? ", by you" : "")", extra: extra)
            return (error.response(), .alreadySpent)
        case .revoked(let reason):
            logger.info("redemption refused: revoked", metadata: log)
            return (ServiceError(.unprocessableContent, "revoked", "this pass was revoked: \(reason)").response(), .revoked)
        }
    }

    private func tokenText(_ request: Request) async throws -> String {
        let fields = try await jsonObject(request, required: ["token"])
        guard let token = fields["token"] as? String else {
            throw ServiceError.badRequest("\"token\" must be a string of 200 digits", code: "invalid_body")
        }
        return token
    }

    /// `GET /v1/passes/{kid}/{serial}`.
    func passState(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        _ = try await authenticator.principal(request)
        guard let kid = context.parameters.get("kid").flatMap({ KeyID(text: $0) }) else {
            throw ServiceError.badRequest("the key id is 8 lowercase hex digits")
        }
        guard let serial = context.parameters.get("serial").flatMap({ UInt64($0) }).flatMap({ Serial($0) }) else {
            throw ServiceError.badRequest("the serial is a whole number from 1 to \(Serial.max)")
        }
        var fields: [(String, JSON)] = [("kid", .string(kid.text)), ("serial", .int(Int64(serial.value)))]
        switch try await storeCall({ try await store.state(of: PassRef(kid: kid, serial: serial)) }) {
        case .unspent:
            fields.append(("state", .string("unspent")))
        case .spent(let at):
            fields += [("state", .string("spent")), ("redeemedAt", .string(Timestamp.text(at)))]
        case .revoked(let reason, let at):
            fields += [("state", .string("revoked")), ("reason", .string(reason)), ("revokedAt", .string(Timestamp.text(at)))]
        }
        return JSON.object(fields).response(status: .ok)
    }

    /// `GET /v1/spent?after=&limit=`: the delta feed for offline replicas.
    func feed(_ request: Request) async throws -> Response {
        _ = try await authenticator.principal(request)
        let query = request.uri.queryParameters
        var cursor = FeedCursor.start
        if let after = query.get("after"), !after.isEmpty {
            guard let parsed = FeedCursor(text: after) else { throw ServiceError.badRequest("\"after\" is not a cursor this service gave") }
            cursor = parsed
        }
        var limit = 1000
        if let text = query.get("limit") {
            guard let value = Int(text), (1...10_000).contains(value) else { throw ServiceError.badRequest("\"limit\" is 1 to 10000") }
            limit = value
        }
        let page = try await storeCall { try await store.feed(after: cursor, limit: limit) }
        let items: [JSON] = page.items.map { item -> JSON in
            JSON.object([
                ("cursor", .string(item.cursor.text)), ("kind", .string(item.kind.rawValue)), ("kid", .string(item.kid.text)),
                ("first", .int(Int64(item.first.value))), ("last", .int(Int64(item.last.value))), ("at", .string(Timestamp.text(item.at))),
            ])
        }
        return JSON.object([("items", .array(items)), ("next", .string(page.next.text)), ("more", .bool(page.more))]).response(status: .ok)
    }

    /// Runs a store call, turning its failure into a 503 (details in the log only).
    func storeCall<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as SpentListError where error.code == .invalidRequest {
            throw ServiceError.badRequest(error.message)
        } catch {
            noteStoreFailure(error, "store failure")
            throw ServiceError(.serviceUnavailable, "storage", "the spent list cannot be read or written right now")
        }
    }

    /// Logs a store failure; a damaged row also counts in the alert metric.
    func noteStoreFailure(_ error: any Error, _ what: Logger.Message) {
        if (error as? SpentListError)?.code == .corruptRow {
            metrics.recordDamagedRow()
            logger.error("damaged row in the spent list: \(what)", metadata: ["error": "\(error)"])
        } else {
            logger.error(what, metadata: ["error": "\(error)"])
        }
    }
}
