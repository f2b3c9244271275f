import Foundation
import GRDB

extension SQLiteSpentStore: AuditSource {
    public func auditRedemptions(after sequence: Int64, limit: Int) async throws(SpentListError) -> [AuditRow] {
        try await reading("read the redemptions for the audit") { db in
            try Row.fetchAll(db, sql: AuditQueries.redemptions + " WHERE r.feed_seq > ? ORDER BY r.feed_seq LIMIT ?", arguments: [sequence, limit]).map { row in
                AuditRow(
                    feedSequence: row[0], kid: row[1] as String? ?? "", serial: row[2] as Int64? ?? 0, valueCents: row[3] as Int64? ?? 0,
                    partnerID: row[4] as Int64? ?? 0, partnerName: row[5] as String? ?? "", redeemedAtMillis: row[6] as Int64? ?? 0,
                    recordedAtMillis: row[7] as Int64? ?? 0, token: row[8], chainPrevious: row[9])
            }
        }
    }

    public func auditRevocations() async throws(SpentListError) -> [AuditRevocation] {
        try await reading("read the revocations for the audit") { db in
            try Row.fetchAll(db, sql: AuditQueries.revocations).map { row in
                AuditRevocation(feedSequence: row[0], kid: row[1], first: row[2], last: row[3], reason: row[4], revokedAtMillis: row[5])
            }
        }
    }

    public func auditChainHead() async throws(SpentListError) -> String? {
        try await reading("read the chain's head") { db in try String.fetchOne(db, sql: AuditQueries.chainHead) }
    }
}
