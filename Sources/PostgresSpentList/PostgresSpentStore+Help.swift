import Foundation
import PostgresNIO
import SpentList

extension PostgresSpentStore {
    public func recordHelp(_ pass: PassRef, partnerID: Int64, kind: String) async throws(SpentListError) -> Bool {
        try await writing("record a kind of help") { connection, logger in
            let rows = try await connection.query("""
                UPDATE redemptions SET help_kind = \(kind)
                 WHERE kid = \(pass.kid.text) AND serial = \(Int64(pass.serial.value)) AND partner_id = \(partnerID) AND help_kind IS NULL
                RETURNING 1
                """, logger: logger).collect()
            return rows.count == 1
        }
    }
}
