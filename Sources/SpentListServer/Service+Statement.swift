import Conventions
import Foundation
import Hummingbird
import SpentList
import SpentListAPI

/// Lays out a partner's monthly statement as the PDF `passnum statement --pdf` writes: given to
/// the service by `passnum serve`, so drawing (cairo) stays out of the server module.
public typealias StatementRenderer = @Sendable (_ settlement: Settlement, _ conflicts: [Conflict], _ partner: String, _ french: Bool) throws -> [UInt8]

extension Service {
    /// `GET /v1/statement?month=YYYY-MM&format=pdf|csv-fr[&lang=fr|en]` (a partner): the
    /// month's statement of the caller, as a file to keep — the PDF to sign, or the CSV that opens
    /// in columns in a spreadsheet set to French — with the numbers of `passnum statement`.
    func statement(_ request: Request, _ partner: Partner) async throws -> Response {
        let query = request.uri.queryParameters
        guard let month = query.get("month"), let (from, to) = Paris.month(month) else {
            throw ServiceError.badRequest("\"month\" is YYYY-MM (Paris time)")
        }
        let format = query.get("format") ?? "pdf"
        guard format == "pdf" || format == "csv-fr" else { throw ServiceError.badRequest("\"format\" is pdf or csv-fr") }
        let settlement = try await storeCall { try await store.settlement(from: from, to: to, partnerID: partner.id) }
        let name = "releve-\(month)-\(partner.name.filter { $0.isLetter || $0.isNumber })"
        if format == "csv-fr" {
            return Self.download(Array(SpreadsheetCSV.settlement(settlement).utf8), type: "text/csv; charset=utf-8", name: name + ".csv")
        }
        guard let statementPDF else { throw ServiceError(.notFound, .notFound, "this service makes no PDF statements; use passnum statement --pdf") }
        let conflicts = Self.visible(
            try await storeCall { try await store.conflicts(from: from, to: to, partnerID: partner.id) }, to: .partner(partner))
        let bytes: [UInt8]
        do {
            bytes = try statementPDF(settlement, conflicts, partner.name, query.get("lang") != "en")
        } catch {
            logger.error("statement not drawn", metadata: ["partner": "\(partner.name)", "error": "\(error)"])
            throw ServiceError(.internalServerError, .internal, "the statement could not be drawn; the error is in the service's log")
        }
        return Self.download(bytes, type: "application/pdf", name: name + ".pdf")
    }

    static func download(_ bytes: [UInt8], type: String, name: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(name)\"", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
