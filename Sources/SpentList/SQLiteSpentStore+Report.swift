import Foundation
import GRDB
import PassVerifier

/// What the programme's report reads besides the settlement and the conflicts (`ProgrammeReport`).
extension SQLiteSpentStore {
    public func publishBatches(_ batches: [PrintedBatch], at date: Date) async throws(SpentListError) -> Int {
        try BatchPublication.checkNoOverlap(batches)
        return try await writing("record printed batches") { db in
            var known = try Self.batches(db)
            var recorded = 0
            for batch in batches {
                guard try BatchPublication.isNew(batch, known: known) else { continue }
                try db.execute(
                    sql: """
                        INSERT INTO batches (kid, first_serial, carnets, per_carnet, value_cents, expiry_ms, label, printed_at_ms, recorded_at_ms)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [batch.kid, batch.first, batch.carnets, batch.perCarnet, batch.value, Millis.from(batch.expiry),
                                batch.label, Millis.from(batch.printedAt), Millis.from(date)])
                known.append(batch)
                recorded += 1
            }
            return recorded
        }
    }

    public func printedBatches() async throws(SpentListError) -> [PrintedBatch] {
        try await reading("read the printed batches") { db in try Self.batches(db) }
    }

    public func handouts() async throws(SpentListError) -> [Handout] {
        try await reading("read the hand-overs") { db in
            try Row.fetchAll(db, sql: Schema.handoutQuery).map { row in
                Handout(
                    kid: try row.decode(forColumn: "kid"), first: try row.decode(forColumn: "first_serial"),
                    last: try row.decode(forColumn: "last_serial"), officeID: try row.decode(forColumn: "office_id"),
                    officeName: try row.decode(forColumn: "name"), at: Millis.date(try row.decode(forColumn: "handed_out_at_ms")))
            }
        }
    }

    public func revocations() async throws(SpentListError) -> [Revocation] {
        try await reading("read the revocations") { db in
            try Row.fetchAll(db, sql: Schema.revocationQuery).map { row in
                try Revocation(
                    kid: try row.decode(forColumn: "kid"), first: try row.decode(forColumn: "first_serial"),
                    last: try row.decode(forColumn: "last_serial"), reason: try row.decode(forColumn: "reason"),
                    revokedAt: Millis.date(try row.decode(forColumn: "revoked_at_ms")))
            }
        }
    }

    public func helpGiven(from: Date, to: Date) async throws(SpentListError) -> [HelpTotal] {
        try await reading("read the kinds of help") { db in
            try Row.fetchAll(db, sql: """
                SELECT help_kind, COUNT(*) AS n, SUM(value_cents) AS cents FROM redemptions
                 WHERE redeemed_at_ms >= ? AND redeemed_at_ms < ? GROUP BY help_kind
                """, arguments: [Millis.from(from), Millis.from(to)]).map { row in
                HelpTotal(kind: row["help_kind"], count: try row.decode(forColumn: "n"), valueCents: try row.decode(forColumn: "cents"))
            }.sorted(by: HelpTotal.byKind)
        }
    }

    static func batches(_ db: Database) throws -> [PrintedBatch] {
        try Row.fetchAll(db, sql: Schema.batchQuery).map { row in
            try PrintedBatch(
                kid: try row.decode(forColumn: "kid"), first: try row.decode(forColumn: "first_serial"),
                carnets: try row.decode(forColumn: "carnets"), perCarnet: try row.decode(forColumn: "per_carnet"),
                value: try row.decode(forColumn: "value_cents"), expiry: Millis.date(try row.decode(forColumn: "expiry_ms")),
                label: try row.decode(forColumn: "label"), printedAt: Millis.date(try row.decode(forColumn: "printed_at_ms")))
        }
    }
}

/// The rules of `publishBatches`, the same on every store.
public enum BatchPublication {
    /// Two batches of one request sharing a serial are refused before anything is read.
    public static func checkNoOverlap(_ batches: [PrintedBatch]) throws(SpentListError) {
        for (index, batch) in batches.enumerated() {
            for other in batches[(index + 1)...] where batch.overlaps(other) && !batch.sameBatch(as: other) {
                throw overlap(batch, other)
            }
        }
    }

    /// True when `batch` is not known yet; false when the same batch is; throws when it shares
    /// serials with a different known batch (printed passes are never two batches at once).
    public static func isNew(_ batch: PrintedBatch, known: [PrintedBatch]) throws(SpentListError) -> Bool {
        guard let other = known.first(where: batch.overlaps) else { return true }
        guard batch.sameBatch(as: other) else { throw overlap(batch, other) }
        return false
    }

    private static func overlap(_ batch: PrintedBatch, _ other: PrintedBatch) -> SpentListError {
        SpentListError(
            .invalidRequest,
            "the batch \(batch.label) (\(batch.kid) \(batch.first)…\(batch.last)) shares serials with the batch \(other.label) (\(other.first)…\(other.last)) but differs from it")
    }
}

extension HelpTotal {
    /// Kinds by name, "none recorded" last, so both stores list them alike.
    public static func byKind(_ a: HelpTotal, _ b: HelpTotal) -> Bool {
        switch (a.kind, b.kind) {
        case let (x?, y?): x < y
        case (_?, nil): true
        default: false
        }
    }
}
