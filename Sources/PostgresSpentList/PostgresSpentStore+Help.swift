import Foundation
import Logging
import PostgresNIO
import SpentList

extension PostgresSpentStore {
    public func recordHelp(_ pass: PassRef, partnerID: Int64, kind: String) async throws(SpentListError) -> Bool {
        try await writing("record a kind of help") { connection, logger in
            try await Self.recordHelp(pass, partnerID: partnerID, kind: kind, connection, logger)
        }
    }

    /// The kind of help an offline item carried, with the redemption that counts for it (sent
    /// again, it fills a kind not recorded yet, as the online route would).
    static func recordHelp(_ request: OfflineRedemptionRequest, _ connection: PostgresConnection, _ logger: Logger) async throws {
        guard let kind = request.helpKind else { return }
        _ = try await recordHelp(request.pass, partnerID: request.partner.id, kind: kind, connection, logger)
    }

    /// Sets the kind of help of `partnerID`'s redemption of `pass` unless one is recorded already.
    private static func recordHelp(
        _ pass: PassRef, partnerID: Int64, kind: String, _ connection: PostgresConnection, _ logger: Logger
    ) async throws -> Bool {
        let rows = try await connection.query("""
            UPDATE redemptions SET help_kind = \(kind)
             WHERE kid = \(pass.kid.text) AND serial = \(Int64(pass.serial.value)) AND partner_id = \(partnerID) AND help_kind IS NULL
            RETURNING 1
            """, logger: logger).collect()
        return rows.count == 1
    }
}
