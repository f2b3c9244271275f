import Foundation
import PostgresNIO
import SpentList

extension PostgresSpentStore: AuditSource {
    public func auditRedemptions(after sequence: Int64, limit: Int) async throws(SpentListError) -> [AuditRow] {
        try await reading("read the redemptions for the audit") { connection, logger in
            let query: PostgresQuery = """
                \(unescaped: AuditQueries.redemptions) WHERE r.feed_seq > \(sequence) ORDER BY r.feed_seq LIMIT \(Int64(limit))
                """
            return try await connection.query(query, logger: logger).collect().map { row in
                let (seq, kid, serial, value, partner, name, at, recorded, token, previous) =
                    try row.decode((Int64, String, Int64, Int64, Int64, String, Int64, Int64, String?, String?).self)
                return AuditRow(
                    feedSequence: seq, kid: kid, serial: serial, valueCents: value, partnerID: partner, partnerName: name,
                    redeemedAtMillis: at, recordedAtMillis: recorded, token: token, chainPrevious: previous)
            }
        }
    }

    public func auditRevocations() async throws(SpentListError) -> [AuditRevocation] {
        try await reading("read the revocations for the audit") { connection, logger in
            let query = PostgresQuery(unsafeSQL: AuditQueries.revocations)
            return try await connection.query(query, logger: logger).collect().map { row in
                let (seq, kid, first, last, reason, at) = try row.decode((Int64, String, Int64, Int64, String, Int64).self)
                return AuditRevocation(feedSequence: seq, kid: kid, first: first, last: last, reason: reason, revokedAtMillis: at)
            }
        }
    }

    public func auditChainHead() async throws(SpentListError) -> String? {
        try await reading("read the chain's head") { connection, logger in
            try await connection.query(PostgresQuery(unsafeSQL: AuditQueries.chainHead), logger: logger).collect().first?.decode(String?.self) ?? nil
        }
    }
}
