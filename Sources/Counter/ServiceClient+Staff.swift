import Foundation
import PassVerifier
import SpentListAPI

/// The service's routes for people rather than counters: a partner's own settlement, and the
/// programme's revocations (with the admin key as `apiKey`).
extension ServiceClient {
    /// `GET /v1/settlement?from=&to=`: a partner's key sees its own rows only. `from` and `to`
    /// are Paris days, YYYY-MM-DD, `to` excluded. Also returns the answer's bytes, as sent.
    public func settlement(from: String, to: String) async throws(CounterError) -> (API.Settlement, Data) {
        let (status, data, _) = try await send("GET", "v1/settlement?from=\(from)&to=\(to)", body: nil)
        guard status == 200 else { throw Self.unexpected(status, data) }
        return (try Self.decode(API.Settlement.self, data, status), data)
    }

    /// `POST /v1/revocations`: serials `first`…`last` of `kid` stop being accepted; counters
    /// learn it at their next replica pull. Sending it again changes nothing (`new` is false).
    public func revoke(kid: KeyID, first: Serial, last: Serial, reason: String) async throws(CounterError) -> API.Revocation {
        let request = API.RevocationRequest(kid: kid.text, first: first.value, last: last.value, reason: reason)
        let (status, data, _) = try await send("POST", "v1/revocations", body: API.encode(request))
        guard status == 200 || status == 201 else { throw Self.unexpected(status, data) }
        return try Self.decode(API.Revocation.self, data, status)
    }
}

extension ServiceClient {
    /// What became of a hand-over scan.
    public enum HandoutAnswer: Sendable, Equatable {
        /// Recorded now, or (`new` false) already recorded before: when and by which office.
        case recorded(API.Handout)
        /// The carnet was cancelled; the service's words.
        case cancelled(String)
    }

    /// `POST /v1/handouts` with an office key: the carnet of this stub code is handed out now.
    public func handOut(_ code: CarnetCode) async throws(CounterError) -> HandoutAnswer {
        let request = API.HandoutRequest(kid: code.kid.text, first: code.first.value, count: code.count)
        let (status, data, _) = try await send("POST", "v1/handouts", body: API.encode(request))
        switch status {
        case 200, 201: return .recorded(try Self.decode(API.Handout.self, data, status))
        case 422: return .cancelled(try Self.decode(API.ErrorBody.self, data, status).message)
        default: throw Self.unexpected(status, data)
        }
    }
}

extension ServiceClient {
    /// `POST /v1/redemptions/{kid}/{serial}/help`: the kind of help given with this partner's
    /// redemption of the pass. False when the service refused it (unknown kind, not ours).
    public func recordHelp(kid: KeyID, serial: Serial, kind: String) async throws(CounterError) -> Bool {
        let (status, _, _) = try await send("POST", "v1/redemptions/\(kid)/\(serial)/help", body: API.encode(API.HelpRequest(kind: kind)))
        return status == 200
    }
}

extension ServiceClient {
    /// `POST /v1/batches` (admin key): printed batches from the issuance ledger; sending them
    /// again changes nothing.
    public func publishBatches(_ batches: [API.PrintedBatch]) async throws(CounterError) -> API.BatchesPublished {
        let (status, data, _) = try await send("POST", "v1/batches", body: API.encode(API.BatchList(batches: batches)))
        guard status == 200 else { throw Self.unexpected(status, data) }
        return try Self.decode(API.BatchesPublished.self, data, status)
    }

    /// `GET /v1/report[?asOf=DAY]` (admin key): the programme's figures, and the answer's bytes.
    public func report(asOf day: String?) async throws(CounterError) -> (API.Report, Data) {
        let (status, data, _) = try await send("GET", "v1/report" + (day.map { "?asOf=\($0)" } ?? ""), body: nil)
        guard status == 200 else { throw Self.unexpected(status, data) }
        return (try Self.decode(API.Report.self, data, status), data)
    }
}
