import Foundation
import GRDB
import PassVerifier
import SharedSQLite
import SpentListAPI

extension SQLiteSpentStore {
    public func redeemOffline(_ batch: [OfflineRedemptionRequest]) async throws(SpentListError) -> [OfflineOutcome] {
        guard !batch.isEmpty else { return [] }
        let recordedAt = Millis.from(Date())
        return try await writing("record offline redemptions") { db in
            var sequence = try Self.reserveSequences(db, count: batch.count)
            var chain = try ChainWriter(db)
            let outcomes = try batch.map { request -> OfflineOutcome in
                let kid = request.pass.kid.text, serial = Int64(request.pass.serial.value)
                let first = try Self.redemption(db, request.pass)
                // A resend: this partner's redemption is already the one that counts.
                if let first, first.partnerID == request.partner.id {
                    try Self.recordHelp(db, request)
                    return .accepted(first, new: false)
                }
                if let refusal = request.refusal {
                    return .conflict(try Self.recordConflict(db, request, reason: refusal, first: first, at: recordedAt))
                }
                if (try Self.revocation(db, kid: kid, serial: serial)) != nil {
                    return .conflict(try Self.recordConflict(db, request, reason: Reason.revoked.rawValue, first: first, at: recordedAt))
                }
                if let first {
                    return .conflict(try Self.recordConflict(db, request, reason: Reason.alreadySpent.rawValue, first: first, at: recordedAt))
                }
                sequence += 1
                let redemption = Redemption(
                    pass: request.pass, value: request.value, partnerID: request.partner.id,
                    partnerName: request.partner.name, redeemedAt: Millis.date(Millis.from(request.scannedAt)))
                // Not redeemed yet (read above, in this transaction), so the insert writes.
                let recorded = try chain.insert(redemption, token: request.token, sequence: sequence, recordedAt: recordedAt)!
                try Self.recordHelp(db, request)
                return .accepted(recorded, new: true)
            }
            try chain.finish()
            return outcomes
        }
    }

    public func conflicts(from: Date, to: Date, partnerID: Int64?) async throws(SpentListError) -> [Conflict] {
        guard from < to else { throw SpentListError(.invalidRequest, "the period is empty: from must be before to") }
        return try await reading("read the conflicts") { db in
            var sql = Self.conflictQuery + " WHERE c.scanned_at_ms >= ? AND c.scanned_at_ms < ?"
            var arguments: StatementArguments = [Millis.from(from), Millis.from(to)]
            if let partnerID {
                sql += " AND (c.partner_id = ? OR c.first_partner_id = ?)"
                arguments += [partnerID, partnerID]
            }
            sql += " ORDER BY c.scanned_at_ms, c.kid, c.serial, p.name"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.conflict)
        }
    }

    /// Records a conflict unless this partner already has one for the pass; returns the stored
    /// one either way, so a resend gets the same answer as the first sending.
    private static func recordConflict(
        _ db: Database, _ request: OfflineRedemptionRequest, reason: String, first: Redemption?, at recordedAt: Int64
    ) throws -> Conflict {
        let kid = request.pass.kid.text, serial = Int64(request.pass.serial.value)
        try db.execute(
            sql: """
                INSERT INTO conflicts (kid, serial, partner_id, scanned_at_ms, value_cents, first_partner_id, first_redeemed_at_ms, reason, recorded_at_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (kid, serial, partner_id) DO NOTHING
                """,
            arguments: [kid, serial, request.partner.id, Millis.from(request.scannedAt), request.value,
                        first?.partnerID, first.map { Millis.from($0.redeemedAt) }, reason, recordedAt])
        let row = try Row.fetchOne(
            db, sql: conflictQuery + " WHERE c.kid = ? AND c.serial = ? AND c.partner_id = ?",
            arguments: [kid, serial, request.partner.id])!
        return try conflict(row)
    }

    private static var conflictQuery: String { Schema.conflictQuery }

    private static func conflict(_ row: Row) throws -> Conflict {
        Conflict(
            reason: try row.decode(forColumn: "reason"),
            pass: PassRef(kid: try row.decode(forColumn: "kid"), serial: try row.decode(forColumn: "serial")),
            value: try row.decode(forColumn: "value_cents"), partnerID: try row.decode(forColumn: "partner_id"),
            partnerName: try row.decode(forColumn: "name"), scannedAt: Millis.date(try row.decode(forColumn: "scanned_at_ms")),
            firstPartnerID: try row.decode(forColumn: "first_partner_id"), firstPartnerName: try row.decode(forColumn: "first_name"),
            firstRedeemedAt: (try row.decode(Int64?.self, forColumn: "first_redeemed_at_ms")).map(Millis.date),
            recordedAt: Millis.date(try row.decode(forColumn: "recorded_at_ms")))
    }
}
