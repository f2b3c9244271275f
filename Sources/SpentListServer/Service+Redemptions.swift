import Foundation
import Hummingbird
import Logging
import PassVerifier
import SpentList
import SpentListAPI

extension Service {
    /// `POST /v1/redemptions {"token"}` (a partner): verify the token ourselves (the client's
    /// word is never trusted), then record it through the group commit. 201 only after commit;
    /// every refusal is thrown as a `ServiceError`, which `RedemptionMetricsMiddleware` counts.
    func redeem(_ request: Request, _ partner: Partner) async throws -> Response {
        let token = try await redemptionToken(request)
        let now = clock()
        let programme = try await currentProgramme()
        let pass: VerifiedPass
        do {
            pass = try verifier.verify(text: token, at: now, graceDays: programme.graceDays)
        } catch {
            logger.info("redemption refused", metadata: ["partner": "\(partner.name)", "reason": "\(error.code)"])
            throw ServiceError(.unprocessableContent, Reason(error.code), error.message)
        }
        let ref = PassRef(kid: pass.kid, serial: pass.serial)
        try await requireHandedOut(ref, programme)
        let result: RedemptionOutcome
        do {
            result = try await committer.redeem(RedemptionRequest(pass: ref, value: pass.value, partner: partner, redeemedAt: now, token: token))
        } catch {
            noteStoreFailure(error, "redemption not recorded")
            throw ServiceError(.serviceUnavailable, .storage, "the redemption could not be recorded; try again")
        }
        return try respond(to: result, pass: ref, partner: partner)
    }

    /// The answer for a recorded outcome: 201 with a receipt; a 409 with the first time, or a
    /// 422, thrown.
    private func respond(to result: RedemptionOutcome, pass: PassRef, partner: Partner) throws -> Response {
        // Metadata as autoclosures: built only when the level is logged (not under load).
        func log(_ extra: Logger.Metadata = [:]) -> Logger.Metadata {
            ["partner": "\(partner.name)", "kid": "\(pass.kid)", "serial": "\(pass.serial)"].merging(extra) { $1 }
        }
        switch result {
        case .redeemed(let r):
            logger.info("redeemed", metadata: log(["valueCents": "\(r.value.value)"]))
            let body = API.Redeemed(
                serial: r.pass.serial.value, kid: r.pass.kid.text, valueCents: Int64(r.value.value), redeemedAt: Timestamp(r.redeemedAt),
                receipt: signer.receipt(for: r))
            // Written by hand: the hot path (see `API.Redeemed.fastJSON`).
            var buffer = ByteBuffer(string: body.fastJSON)
            buffer.writeString("\n")
            return Response(status: .created, headers: [.contentType: "application/json; charset=utf-8"], body: ResponseBody(byteBuffer: buffer))
        case .alreadySpent(let first):
            let when = Timestamp(first.redeemedAt)
            logger.info("redemption refused: already spent", metadata: log(["firstRedeemedAt": "\(when.text)"]))
            // The same partner again is most likely a retry after a lost 201: say so, and give
            // its receipt again. Another partner learns only when, never who.
            let yours = first.partnerID == partner.id
            throw ServiceError(.conflict, API.ErrorBody(
                error: .alreadySpent, message: "this pass was already redeemed on \(when.text)\(yours ? ", by you" : "")",
                firstRedeemedAt: when, redeemedByYou: yours, receipt: yours ? signer.receipt(for: first) : nil))
        case .revoked(let reason):
            logger.info("redemption refused: revoked", metadata: log())
            throw ServiceError(.unprocessableContent, .revoked, "this pass was revoked: \(reason)")
        }
    }

    /// The token of a redemption request: the canonical body read directly (the hot path, see
    /// `API.RedemptionRequest.fastToken`), anything else through the strict decoder.
    private func redemptionToken(_ request: Request) async throws -> String {
        try Self.requireJSON(request)
        let buffer = try await request.body.collect(upTo: Limits.bodyBytes)
        if let token = buffer.withUnsafeReadableBytes({ API.RedemptionRequest.fastToken($0) }) { return token }
        return try Self.decode(API.RedemptionRequest.self, buffer).token
    }

    /// `GET /v1/passes/{kid}/{serial}`.
    func passState(_ context: ServiceContext) async throws -> Response {
        guard let kid = context.parameters.get("kid").flatMap({ KeyID(text: $0) }) else {
            throw ServiceError.badRequest("the key id is 8 lowercase hex digits")
        }
        guard let serial = context.parameters.get("serial").flatMap({ UInt64($0) }).flatMap({ Serial($0) }) else {
            throw ServiceError.badRequest("the serial is a whole number from 1 to \(Serial.max)")
        }
        var body = API.PassState(kid: kid.text, serial: serial.value, state: .unspent)
        switch try await storeCall({ try await store.state(of: PassRef(kid: kid, serial: serial)) }) {
        case .unspent:
            break
        case .spent(let at):
            body.state = .spent
            body.redeemedAt = Timestamp(at)
        case .revoked(let reason, let at):
            body.state = .revoked
            body.reason = reason
            body.revokedAt = Timestamp(at)
        }
        return jsonResponse(body, status: .ok)
    }

    /// `GET /v1/spent?after=&limit=`: the delta feed for offline replicas.
    func feed(_ request: Request) async throws -> Response {
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
        let items = page.items.map { item in
            API.FeedItem(
                cursor: item.cursor.text, kind: API.FeedItem.Kind(rawValue: item.kind.rawValue) ?? .revoked, kid: item.kid.text, first: item.first.value,
                last: item.last.value, at: Timestamp(item.at))
        }
        return jsonResponse(API.FeedPage(items: items, next: page.next.text, more: page.more), status: .ok)
    }

    /// Runs a store call, turning its failure into a 503 (details in the log only).
    func storeCall<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as SpentListError where error.code == .invalidRequest {
            throw ServiceError.badRequest(error.message)
        } catch {
            noteStoreFailure(error, "store failure")
            throw ServiceError(.serviceUnavailable, .storage, "the spent list cannot be read or written right now")
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

extension Reason {
    /// A verifier's reason, as the service passes it on.
    init(_ code: PassError.Code) {
        self.init(rawValue: code.rawValue)
    }
}

/// Times every `POST /v1/redemptions` and counts it by outcome, refused keys included (it runs
/// before the access check).
struct RedemptionMetricsMiddleware: RouterMiddleware {
    typealias Context = ServiceContext
    let metrics: ServiceMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        var outcome = ServiceMetrics.Outcome.error
        defer { metrics.record(outcome, after: ContinuousClock.now - started) }
        do {
            let response = try await next(request, context)
            outcome = .redeemed
            return response
        } catch let error as ServiceError {
            outcome = Self.outcome(error)
            throw error
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            outcome = .badRequest
            throw error
        }
    }

    static func outcome(_ error: ServiceError) -> ServiceMetrics.Outcome {
        switch (error.status, error.reason) {
        case (_, .alreadySpent): .alreadySpent
        case (_, .revoked): .revoked
        case (.unprocessableContent, _): .rejected
        case (.unauthorized, _), (.forbidden, _), (.tooManyRequests, _): .unauthorized
        case (.serviceUnavailable, _), (.internalServerError, _): .error
        default: .badRequest
        }
    }
}
