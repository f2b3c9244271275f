import Foundation
import Logging
import PostgresNIO
import SpentList

/// What the programme's report reads besides the settlement and the conflicts, as
/// `SQLiteSpentStore` does (same queries from `Schema`, same rules from `BatchPublication`).
extension PostgresSpentStore {
    public func publishBatches(_ batches: [PrintedBatch], at date: Date) async throws(SpentListError) -> Int {
        try BatchPublication.checkNoOverlap(batches)
        return try await writing("record printed batches") { connection, logger in
            // Two publications at once take turns, so the overlap check sees the other's batches.
            try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresMigration.lockKey + 2))", logger: logger)
            var known = try await Self.batches(connection, logger)
            var recorded = 0
            for batch in batches {
                guard try BatchPublication.isNew(batch, known: known) else { continue }
                try await connection.query("""
                    INSERT INTO batches (kid, first_serial, carnets, per_carnet, value_cents, expiry_ms, label, printed_at_ms, recorded_at_ms)
                    VALUES (\(batch.kid.text), \(Int64(batch.first.value)), \(Int64(batch.carnets)), \(Int64(batch.perCarnet)),
                            \(Int64(batch.value.value)), \(Millis.from(batch.expiry)), \(batch.label), \(Millis.from(batch.printedAt)), \(Millis.from(date)))
                    """, logger: logger)
                known.append(batch)
                recorded += 1
            }
            return recorded
        }
    }

    public func printedBatches() async throws(SpentListError) -> [PrintedBatch] {
        try await reading("read the printed batches") { connection, logger in try await Self.batches(connection, logger) }
    }

    public func handouts() async throws(SpentListError) -> [Handout] {
        try await reading("read the hand-overs") { connection, logger in
            try await connection.query(PostgresQuery(unsafeSQL: Schema.handoutQuery), logger: logger).collect().map { row in
                let (kid, first, last, office, name, at) = try row.decode((String, Int64, Int64, Int64, String, Int64).self)
                return Handout(
                    kid: try PostgresRows.keyID(kid), first: try PostgresRows.serial(first), last: try PostgresRows.serial(last),
                    officeID: office, officeName: name, at: Millis.date(at))
            }
        }
    }

    public func revocations() async throws(SpentListError) -> [Revocation] {
        try await reading("read the revocations") { connection, logger in
            try await connection.query(PostgresQuery(unsafeSQL: Schema.revocationQuery), logger: logger).collect().map { row in
                let (kid, first, last, reason, at) = try row.decode((String, Int64, Int64, String, Int64).self)
                return try Revocation(
                    kid: try PostgresRows.keyID(kid), first: try PostgresRows.serial(first), last: try PostgresRows.serial(last),
                    reason: reason, revokedAt: Millis.date(at))
            }
        }
    }

    public func helpGiven(from: Date, to: Date) async throws(SpentListError) -> [HelpTotal] {
        try await reading("read the kinds of help") { connection, logger in
            try await connection.query("""
                SELECT help_kind, COUNT(*), SUM(value_cents)::BIGINT FROM redemptions
                 WHERE redeemed_at_ms >= \(Millis.from(from)) AND redeemed_at_ms < \(Millis.from(to)) GROUP BY help_kind
                """, logger: logger).collect().map { row in
                let (kind, count, cents) = try row.decode((String?, Int64, Int64).self)
                return HelpTotal(kind: kind, count: Int(count), valueCents: cents)
            }.sorted(by: HelpTotal.byKind)
        }
    }

    static func batches(_ connection: PostgresConnection, _ logger: Logger) async throws -> [PrintedBatch] {
        try await connection.query(PostgresQuery(unsafeSQL: Schema.batchQuery), logger: logger).collect().map { row in
            let (kid, first, carnets, perCarnet, value, expiry, label, printed) =
                try row.decode((String, Int64, Int64, Int64, Int64, Int64, String, Int64).self)
            return try PrintedBatch(
                kid: try PostgresRows.keyID(kid), first: try PostgresRows.serial(first), carnets: Int(carnets), perCarnet: Int(perCarnet),
                value: try PostgresRows.cents(value), expiry: Millis.date(expiry), label: label, printedAt: Millis.date(printed))
        }
    }
}
