import Foundation
import Logging
import PostgresNIO
import SpentList
import SpentListAPI

extension PostgresSpentStore {
    /// The SQLite store's rules, statement by statement in one transaction (journals are rare
    /// next to online redemptions): a resend is accepted again, anything else that cannot count
    /// becomes a conflict recorded once per (pass, partner).
    public func redeemOffline(_ batch: [OfflineRedemptionRequest]) async throws(SpentListError) -> [OfflineOutcome] {
        guard !batch.isEmpty else { return [] }
        let recordedAt = Millis.from(Date())
        return try await writing("record offline redemptions", items: batch.count) { connection, logger in
            var sequence = try await Self.reserveSequences(batch.count, connection, logger)
            var head = try await Self.chainHead(connection, logger), moved = false
            var outcomes: [OfflineOutcome] = []
            for request in batch {
                let first = try await Self.redemption(request.pass, connection, logger)
                if let first, first.partnerID == request.partner.id {
                    try await Self.recordHelp(request, connection, logger)
                    outcomes.append(.accepted(first, new: false))
                    continue
                }
                let reason = try await Self.conflictReason(request, first: first, connection, logger)
                if let reason {
                    outcomes.append(.conflict(try await Self.recordConflict(request, reason: reason, first: first, at: recordedAt, connection, logger)))
                    continue
                }
                sequence += 1
                let redeemedAt = Millis.from(request.scannedAt)
                try await connection.query("""
                    INSERT INTO redemptions (kid, serial, value_cents, partner_id, redeemed_at_ms, recorded_at_ms, feed_seq, token, chain_prev)
                    VALUES (\(request.pass.kid.text), \(Int64(request.pass.serial.value)), \(Int64(request.value.value)), \(request.partner.id),
                            \(redeemedAt), \(recordedAt), \(sequence), \(request.token), \(head.hex))
                    """, logger: logger)
                try await Self.recordHelp(request, connection, logger)
                let recorded = Redemption(
                    pass: request.pass, value: request.value, partnerID: request.partner.id,
                    partnerName: request.partner.name, redeemedAt: Millis.date(redeemedAt), chainPrevious: head)
                head = RedemptionChain.link(after: head, recorded, token: request.token)
                moved = true
                outcomes.append(.accepted(recorded, new: true))
            }
            if moved {
                try await connection.query("UPDATE feed_counter SET chain_head = \(head.hex) WHERE name = 'feed'", logger: logger)
            }
            return outcomes
        }
    }

    /// Why an offline redemption cannot count, in the SQLite store's order: the verifier's
    /// refusal, a revocation, another partner first; nil when it counts.
    private static func conflictReason(
        _ request: OfflineRedemptionRequest, first: Redemption?, _ connection: PostgresConnection, _ logger: Logger
    ) async throws -> String? {
        if let refusal = request.refusal { return refusal }
        let kid = request.pass.kid.text, serial = Int64(request.pass.serial.value)
        let revoked = try await connection.query(
            "SELECT 1 FROM revocations WHERE kid = \(kid) AND first_serial <= \(serial) AND last_serial >= \(serial) LIMIT 1", logger: logger
        ).collect()
        if !revoked.isEmpty { return Reason.revoked.rawValue }
        return first == nil ? nil : Reason.alreadySpent.rawValue
    }

    public func conflicts(from: Date, to: Date, partnerID: Int64?) async throws(SpentListError) -> [Conflict] {
        guard from < to else { throw SpentListError(.invalidRequest, "the period is empty: from must be before to") }
        return try await reading("read the conflicts") { connection, logger in
            let query: PostgresQuery = """
                \(unescaped: Self.conflictQuery)
                 WHERE c.scanned_at_ms >= \(Millis.from(from)) AND c.scanned_at_ms < \(Millis.from(to))
                   AND (\(partnerID)::int8 IS NULL OR c.partner_id = \(partnerID) OR c.first_partner_id = \(partnerID))
                 ORDER BY c.scanned_at_ms, c.kid COLLATE "C", c.serial, p.name COLLATE "C"
                """
            return try await connection.query(query, logger: logger).collect().map(Self.conflict)
        }
    }

    /// Records a conflict unless this partner already has one for the pass; returns the stored one.
    private static func recordConflict(
        _ request: OfflineRedemptionRequest, reason: String, first: Redemption?, at recordedAt: Int64, _ connection: PostgresConnection, _ logger: Logger
    ) async throws -> Conflict {
        let kid = request.pass.kid.text, serial = Int64(request.pass.serial.value)
        try await connection.query("""
            INSERT INTO conflicts (kid, serial, partner_id, scanned_at_ms, value_cents, first_partner_id, first_redeemed_at_ms, reason, recorded_at_ms)
            VALUES (\(kid), \(serial), \(request.partner.id), \(Millis.from(request.scannedAt)), \(Int64(request.value.value)),
                    \(first?.partnerID), \(first.map { Millis.from($0.redeemedAt) }), \(reason), \(recordedAt))
            ON CONFLICT (kid, serial, partner_id) DO NOTHING
            """, logger: logger)
        let rows = try await connection.query("""
            \(unescaped: conflictQuery) WHERE c.kid = \(kid) AND c.serial = \(serial) AND c.partner_id = \(request.partner.id)
            """, logger: logger).collect()
        guard let row = rows.first else { throw SpentListError(.storage, "the conflict for \(request.pass) was not read back") }
        return try conflict(row)
    }

    private static var conflictQuery: String { Schema.conflictQuery }

    private static func conflict(_ row: PostgresRow) throws -> Conflict {
        let (kid, serial, value, partnerID, name, scannedAt, firstID, firstName, firstAt, reason, recordedAt) =
            try row.decode((String, Int64, Int64, Int64, String, Int64, Int64?, String?, Int64?, String, Int64).self)
        return Conflict(
            reason: reason, pass: try PostgresRows.pass(kid: kid, serial: serial), value: try PostgresRows.cents(value),
            partnerID: partnerID, partnerName: name, scannedAt: Millis.date(scannedAt),
            firstPartnerID: firstID, firstPartnerName: firstName, firstRedeemedAt: firstAt.map(Millis.date),
            recordedAt: Millis.date(recordedAt))
    }

    /// Takes `count` feed sequence numbers (and the row lock that orders commits); returns the one before the first.
    static func reserveSequences(_ count: Int, _ connection: PostgresConnection, _ logger: Logger) async throws -> Int64 {
        let rows = try await connection.query(
            "UPDATE feed_counter SET value = value + \(Int64(count)) WHERE name = 'feed' RETURNING value", logger: logger
        ).collect()
        guard let value = try rows.first?.decode(Int64.self) else { throw SpentListError(.storage, "the feed counter is missing") }
        return value - Int64(count)
    }

    /// The recorded redemption of a pass, with its partner's name.
    static func redemption(_ pass: PassRef, _ connection: PostgresConnection, _ logger: Logger) async throws -> Redemption? {
        let rows = try await connection.query("""
            SELECT r.value_cents, r.partner_id, p.name, r.redeemed_at_ms, r.chain_prev
              FROM redemptions r JOIN partners p ON p.id = r.partner_id
             WHERE r.kid = \(pass.kid.text) AND r.serial = \(Int64(pass.serial.value))
            """, logger: logger).collect()
        guard let row = rows.first else { return nil }
        let (value, partnerID, name, at, previous) = try row.decode((Int64, Int64, String, Int64, String?).self)
        return try PostgresRows.redemption(pass, value: value, partnerID: partnerID, name: name, at: at, chain: previous)
    }

    /// The chain's head, read after `reserveSequences` took the row lock that orders commits.
    static func chainHead(_ connection: PostgresConnection, _ logger: Logger) async throws -> ChainLink {
        let rows = try await connection.query("SELECT chain_head FROM feed_counter WHERE name = 'feed'", logger: logger).collect()
        return try rows.first.flatMap { try $0.decode(String?.self) }.map(PostgresRows.link) ?? .start
    }
}
