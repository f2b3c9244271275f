import Conventions
import Foundation
import Hummingbird
import PassVerifier
import SpentList
import SpentListAPI

extension Service {
    /// `POST /v1/revocations {"kid", "first", "last"?, "reason"}` (admin): one serial, or a range
    /// such as a lost carnet.
    func revoke(_ request: Request) async throws -> Response {
        let body = try await body(API.RevocationRequest.self, of: request)
        guard let kid = KeyID(text: body.kid) else {
            throw ServiceError.badRequest("\"kid\" is 8 lowercase hex digits", reason: .invalidBody)
        }
        guard let first = Serial(body.first), let last = Serial(body.last ?? body.first) else {
            throw ServiceError.badRequest("\"first\" and \"last\" are serials, whole numbers from 1 to \(Serial.max)", reason: .invalidBody)
        }
        let revocation: Revocation
        do {
            revocation = try Revocation(kid: kid, first: first, last: last, reason: body.reason, revokedAt: clock())
        } catch {
            throw ServiceError.badRequest(error.message, reason: .invalidBody)
        }
        let recorded = try await storeCall { try await store.revoke(revocation) }
        logger.notice("revocation", metadata: [
            "kid": "\(kid)", "first": "\(first)", "last": "\(last)", "new": "\(recorded)",
        ])
        // Revoked already: the answer says when and why it was, not the time of this request.
        var (reason, revokedAt) = (body.reason, revocation.revokedAt)
        if !recorded, case .revoked(let firstReason, let at) = try await storeCall({ try await store.state(of: PassRef(kid: kid, serial: first)) }) {
            (reason, revokedAt) = (firstReason, at)
        }
        let answer = API.Revocation(
            kid: kid.text, first: first.value, last: last.value, reason: reason, revokedAt: Timestamp(revokedAt), new: recorded)
        return jsonResponse(answer, status: recorded ? .created : .ok)
    }

    /// `GET /v1/settlement?from=&to=[&format=csv][&partner=NAME]`: a partner sees its own
    /// redemptions, and the conflicts involving it; the admin sees all, or one partner's.
    func settlement(_ request: Request, _ principal: Principal) async throws -> Response {
        let query = try await reportQuery(request, principal)
        let settlement = try await storeCall { try await store.settlement(from: query.from, to: query.to, partnerID: query.partnerID) }
        if query.csv { return Self.csvResponse(SettlementReport.csv(settlement)) }
        let conflicts = Self.visible(
            try await storeCall { try await store.conflicts(from: query.from, to: query.to, partnerID: query.partnerID) }, to: principal)
        return jsonResponse(SettlementReport.json(settlement, conflicts: conflicts), status: .ok)
    }

    /// What the report routes (settlement, conflicts) read from a request: the period, whether
    /// CSV was asked for, and whose rows the caller may see.
    func reportQuery(_ request: Request, _ principal: Principal) async throws -> (from: Date, to: Date, csv: Bool, partnerID: Int64?) {
        let (from, to) = try period(request)
        let format = request.uri.queryParameters.get("format") ?? "json"
        guard format == "json" || format == "csv" else { throw ServiceError.badRequest("\"format\" is json or csv") }
        return (from, to, format == "csv", try await partnerFilter(principal, request))
    }

    static func csvResponse(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// `from` and `to` of the query: Paris days, `to` excluded.
    func period(_ request: Request) throws -> (Date, Date) {
        let query = request.uri.queryParameters
        guard let fromText = query.get("from"), let from = Paris.startOfDay(fromText),
              let toText = query.get("to"), let to = Paris.startOfDay(toText)
        else {
            throw ServiceError.badRequest("\"from\" and \"to\" are days, YYYY-MM-DD (Paris time), \"to\" excluded")
        }
        return (from, to)
    }

    /// A partner is limited to itself; the admin to `partner=NAME` when given, else sees all.
    func partnerFilter(_ principal: Principal, _ request: Request) async throws -> Int64? {
        switch principal {
        case .partner(let partner):
            return partner.id
        case .office:
            throw ServiceError.notForOffices
        case .admin:
            guard let name = request.uri.queryParameters.get("partner") else { return nil }
            let partners = try await storeCall { try await store.partners() }
            guard let partner = partners.first(where: { $0.name == name }) else {
                throw ServiceError(.notFound, .unknownPartner, "no partner named \(name)")
            }
            return partner.id
        }
    }
}
