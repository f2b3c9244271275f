import Foundation
import Hummingbird
import PassVerifier
import SpentList

extension Service {
    /// `POST /v1/revocations {"kid", "first", "last"?, "reason"}` (admin): one serial, or a range
    /// such as a lost carnet.
    func revoke(_ request: Request) async throws -> Response {
        try await authenticator.admin(request)
        let fields = try await jsonObject(request, required: ["kid", "first", "reason"], optional: ["last"])
        guard let kid = (fields["kid"] as? String).flatMap({ KeyID(text: $0) }) else {
            throw ServiceError.badRequest("\"kid\" is 8 lowercase hex digits", code: "invalid_body")
        }
        guard let first = Self.serial(fields["first"]), let last = fields["last"] == nil ? first : Self.serial(fields["last"]) else {
            throw ServiceError.badRequest("\"first\" and \"last\" are serials, whole numbers from 1 to \(Serial.max)", code: "invalid_body")
        }
        guard let reason = fields["reason"] as? String else {
            throw ServiceError.badRequest("\"reason\" is a string", code: "invalid_body")
        }
        let revocation: Revocation
        do {
            revocation = try Revocation(kid: kid, first: first, last: last, reason: reason, revokedAt: clock())
        } catch {
            throw ServiceError.badRequest(error.message, code: "invalid_body")
        }
        let recorded = try await storeCall { try await store.revoke(revocation) }
        logger.notice("revocation", metadata: [
            "kid": "\(kid)", "first": "\(first)", "last": "\(last)", "new": "\(recorded)",
        ])
        return JSON.object([
            ("kid", .string(kid.text)), ("first", .int(Int64(first.value))), ("last", .int(Int64(last.value))),
            ("reason", .string(reason)), ("revokedAt", .string(Timestamp.text(revocation.revokedAt))), ("new", .bool(recorded)),
        ]).response(status: recorded ? .created : .ok)
    }

    /// `GET /v1/settlement?from=&to=[&format=csv][&partner=NAME]`: a partner sees its own
    /// redemptions, and the conflicts involving it; the admin sees all, or one partner's.
    func settlement(_ request: Request) async throws -> Response {
        let (from, to, csv, partnerID) = try await reportQuery(request)
        let settlement = try await storeCall { try await store.settlement(from: from, to: to, partnerID: partnerID) }
        if csv { return Self.csvResponse(SettlementReport.csv(settlement)) }
        let conflicts = try await storeCall { try await store.conflicts(from: from, to: to, partnerID: partnerID) }
        return SettlementReport.json(settlement, conflicts: conflicts).response(status: .ok)
    }

    /// What the report routes (settlement, conflicts) read from a request: the period, whether
    /// CSV was asked for, and whose rows the caller may see.
    func reportQuery(_ request: Request) async throws -> (from: Date, to: Date, csv: Bool, partnerID: Int64?) {
        let principal = try await authenticator.principal(request)
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
        guard let fromText = query.get("from"), let from = SettlementReport.parseDay(fromText),
              let toText = query.get("to"), let to = SettlementReport.parseDay(toText)
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
        case .admin:
            guard let name = request.uri.queryParameters.get("partner") else { return nil }
            let partners = try await storeCall { try await store.partners() }
            guard let partner = partners.first(where: { $0.name == name }) else {
                throw ServiceError(.notFound, "unknown_partner", "no partner named \(name)")
            }
            return partner.id
        }
    }

    static func serial(_ value: Any?) -> Serial? {
        guard !(value is Bool), let int = value as? Int64, int >= 1 else { return nil }
        return Serial(UInt64(int))
    }
}
