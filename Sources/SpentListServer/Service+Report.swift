import Conventions
import Foundation
import Hummingbird
import PassVerifier
import SpentList
import SpentListAPI

extension Service {
    /// `POST /v1/batches` (admin): printed batches from the issuance ledger, 1 to 1000 at once,
    /// all or none. Idempotent: 200 with how many were new and how many known already; 400 when
    /// one shares serials with a different known batch (nothing of the request is kept).
    func publishBatches(_ request: Request) async throws -> Response {
        let list = try await body(API.BatchList.self, of: request).batches
        guard (1...1000).contains(list.count) else { throw ServiceError.badRequest("\"batches\" holds 1 to 1000 batches", reason: .invalidBody) }
        let batches = try list.map(Self.batch)
        let recorded = try await storeCall { try await store.publishBatches(batches, at: clock()) }
        logger.notice("batches published", metadata: ["recorded": "\(recorded)", "sent": "\(batches.count)"])
        return jsonResponse(API.BatchesPublished(recorded: recorded, unchanged: batches.count - recorded), status: .ok)
    }

    private static func batch(_ body: API.PrintedBatch) throws -> PrintedBatch {
        guard let kid = KeyID(text: body.kid), let first = Serial(body.firstSerial),
              let cents = UInt32(exactly: body.valueCents).flatMap(Cents.init)
        else {
            throw ServiceError.badRequest("a batch is a key id (8 hex digits), a first serial and a value in cents", reason: .invalidBody)
        }
        do {
            return try PrintedBatch(
                kid: kid, first: first, carnets: body.carnets, perCarnet: body.perCarnet, value: cents, expiry: body.expiry.date,
                label: body.label, printedAt: body.printedAt.date)
        } catch {
            throw ServiceError.badRequest(error.message, reason: .invalidBody)
        }
    }

    /// `GET /v1/report[?asOf=YYYY-MM-DD][&format=csv]` (admin): the programme's figures at the end
    /// of that Paris day, or now; as JSON, or as `passnum report --csv` writes them.
    func report(_ request: Request) async throws -> Response {
        let format = request.uri.queryParameters.get("format") ?? "json"
        guard format == "json" || format == "csv" else { throw ServiceError.badRequest("\"format\" is json or csv") }
        var asOf = clock()
        if let text = request.uri.queryParameters.get("asOf") {
            guard let day = Paris.startOfDay(String(text)), let end = Paris.calendar.date(byAdding: .day, value: 1, to: day) else {
                throw ServiceError.badRequest("\"asOf\" is a day, YYYY-MM-DD (Paris time): the figures at its end")
            }
            asOf = end
        }
        let report = try await storeCall { try await store.report(asOf: asOf) }
        return format == "csv" ? Self.csvResponse(SpreadsheetCSV.report(report)) : jsonResponse(report, status: .ok)
    }
}
