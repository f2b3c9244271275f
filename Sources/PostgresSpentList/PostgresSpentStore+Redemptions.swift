import Foundation
import Logging
import PostgresNIO
import SpentList

extension PostgresSpentStore {
    /// A whole batch in one call (two when some pass was refused): `passnum_redeem` takes the
    /// feed numbers, records every pass it can with its chain link, and returns which; then the
    /// winners and revocations of the others are read.
    public func redeem(_ batch: [RedemptionRequest]) async throws(SpentListError) -> [RedemptionOutcome] {
        guard !batch.isEmpty else { return [] }
        let insert = BatchInsert(batch, recordedAt: Millis.from(Date()))
        return try await writing("record redemptions") { connection, logger in
            var outcomes = [RedemptionOutcome?](repeating: nil, count: batch.count)
            for try await (ordinal, previous) in try await connection.execute(insert, logger: logger) {
                guard (1...batch.count).contains(ordinal), let link = ChainLink(hex: previous) else {
                    throw SpentListError(.storage, "passnum_redeem returned request \(ordinal) and link \(previous)")
                }
                let request = batch[ordinal - 1]
                outcomes[ordinal - 1] = .redeemed(Redemption(
                    pass: request.pass, value: request.value, partnerID: request.partner.id, partnerName: request.partner.name,
                    redeemedAt: Millis.date(Millis.from(request.redeemedAt)), chainPrevious: link))
            }
            let refused = outcomes.indices.filter { outcomes[$0] == nil }
            if !refused.isEmpty {
                let found = try await Self.refusals(refused.map { batch[$0].pass }, connection, logger)
                for (index, outcome) in zip(refused, found) { outcomes[index] = outcome }
            }
            return outcomes.map { $0! }
        }
    }

    /// Why each pass was not inserted: revoked (a revocation wins, as on SQLite), or the
    /// redemption that came first, read in the same transaction.
    static func refusals(_ passes: [PassRef], _ connection: PostgresConnection, _ logger: Logger) async throws -> [RedemptionOutcome] {
        let rows = try await connection.query("""
            SELECT t.ord, v.reason, r.value_cents, r.partner_id, p.name, r.redeemed_at_ms, r.chain_prev
              FROM unnest(\(passes.map(\.kid.text))::text[], \(passes.map { Int64($0.serial.value) })::int8[]) WITH ORDINALITY AS t(kid, serial, ord)
              LEFT JOIN LATERAL (
                  SELECT reason FROM revocations v
                   WHERE v.kid = t.kid AND v.first_serial <= t.serial AND v.last_serial >= t.serial
                   ORDER BY v.revoked_at_ms LIMIT 1) v ON true
              LEFT JOIN redemptions r ON r.kid = t.kid AND r.serial = t.serial
              LEFT JOIN partners p ON p.id = r.partner_id
             ORDER BY t.ord
            """, logger: logger)
        var outcomes: [RedemptionOutcome] = []
        for try await row in rows {
            let (ordinal, reason, value, partnerID, name, at, previous) = try row.decode((Int64, String?, Int64?, Int64?, String?, Int64?, String?).self)
            let pass = passes[Int(ordinal) - 1]
            if let reason {
                outcomes.append(.revoked(reason: reason))
            } else if let value, let partnerID, let name, let at {
                outcomes.append(.alreadySpent(first: try PostgresRows.redemption(pass, value: value, partnerID: partnerID, name: name, at: at, chain: previous)))
            } else {
                throw SpentListError(.storage, "the pass \(pass) was neither recorded nor found")
            }
        }
        guard outcomes.count == passes.count else { throw SpentListError(.storage, "the refusals were not all read back") }
        return outcomes
    }

    public func state(of pass: PassRef) async throws(SpentListError) -> PassState {
        try await reading("look up a pass") { connection, logger in
            let kid = pass.kid.text, serial = Int64(pass.serial.value)
            let rows = try await connection.query("""
                SELECT (SELECT reason FROM revocations WHERE kid = \(kid) AND first_serial <= \(serial) AND last_serial >= \(serial) ORDER BY revoked_at_ms LIMIT 1),
                       (SELECT revoked_at_ms FROM revocations WHERE kid = \(kid) AND first_serial <= \(serial) AND last_serial >= \(serial) ORDER BY revoked_at_ms LIMIT 1),
                       (SELECT redeemed_at_ms FROM redemptions WHERE kid = \(kid) AND serial = \(serial))
                """, logger: logger)
            for try await row in rows {
                let (reason, revokedAt, redeemedAt) = try row.decode((String?, Int64?, Int64?).self)
                if let reason, let revokedAt { return .revoked(reason: reason, at: Millis.date(revokedAt)) }
                if let redeemedAt { return .spent(at: Millis.date(redeemedAt)) }
            }
            return .unspent
        }
    }

    public func revoke(_ revocation: Revocation) async throws(SpentListError) -> Bool {
        try await writing("record a revocation") { connection, logger in
            let rows = try await connection.query("""
                WITH seq AS (UPDATE feed_counter SET value = value + 1 WHERE name = 'feed' RETURNING value)
                INSERT INTO revocations (kid, first_serial, last_serial, reason, revoked_at_ms, feed_seq)
                SELECT \(revocation.kid.text), \(Int64(revocation.first.value)), \(Int64(revocation.last.value)),
                       \(revocation.reason), \(Millis.from(revocation.revokedAt)), value FROM seq
                ON CONFLICT (kid, first_serial, last_serial) DO NOTHING
                RETURNING 1
                """, logger: logger)
            return try await rows.collect().count == 1
        }
    }

    public func feed(after cursor: FeedCursor, limit: Int) async throws(SpentListError) -> FeedPage {
        let limit = max(1, min(limit, 10_000))
        return try await reading("read the feed") { connection, logger in
            let rows = try await connection.query("""
                SELECT 'spent' AS kind, kid, serial AS first_serial, serial AS last_serial, redeemed_at_ms AS at_ms, feed_seq
                  FROM redemptions WHERE feed_seq > \(cursor.sequence)
                UNION ALL
                SELECT 'revoked' AS kind, kid, first_serial, last_serial, revoked_at_ms AS at_ms, feed_seq
                  FROM revocations WHERE feed_seq > \(cursor.sequence)
                UNION ALL
                SELECT 'handed_out' AS kind, kid, first_serial, last_serial, handed_out_at_ms AS at_ms, feed_seq
                  FROM handouts WHERE feed_seq > \(cursor.sequence)
                ORDER BY feed_seq LIMIT \(Int64(limit + 1))
                """, logger: logger)
            var items: [FeedItem] = []
            var more = false
            for try await row in rows {
                // Read to the end (at most one row more), so the connection is left clean.
                guard items.count < limit else { more = true; continue }
                let (kind, kid, first, last, at, sequence) = try row.decode((String, String, Int64, Int64, Int64, Int64).self)
                items.append(FeedItem(
                    cursor: FeedCursor(sequence: sequence), kind: FeedItem.Kind(rawValue: kind) ?? .revoked, kid: try PostgresRows.keyID(kid),
                    first: try PostgresRows.serial(first), last: try PostgresRows.serial(last), at: Millis.date(at)))
            }
            return FeedPage(items: items, next: items.last?.cursor ?? cursor, more: more)
        }
    }

    public func settlement(from: Date, to: Date, partnerID: Int64?) async throws(SpentListError) -> Settlement {
        guard from < to else { throw SpentListError(.invalidRequest, "the period is empty: from must be before to") }
        return try await reading("read the settlement") { connection, logger in
            let rows = try await connection.query("""
                SELECT r.kid, r.serial, r.value_cents, r.partner_id, p.name, r.redeemed_at_ms, r.help_kind
                  FROM redemptions r JOIN partners p ON p.id = r.partner_id
                 WHERE r.redeemed_at_ms >= \(Millis.from(from)) AND r.redeemed_at_ms < \(Millis.from(to))
                   AND (\(partnerID)::int8 IS NULL OR r.partner_id = \(partnerID))
                 ORDER BY p.name COLLATE "C", r.partner_id, r.redeemed_at_ms, r.kid COLLATE "C", r.serial
                """, logger: logger)
            var redemptions: [Redemption] = []
            for try await row in rows {
                let (kid, serial, value, partner, name, at, help) = try row.decode((String, Int64, Int64, Int64, String, Int64, String?).self)
                redemptions.append(try PostgresRows.redemption(
                    try PostgresRows.pass(kid: kid, serial: serial), value: value, partnerID: partner, name: name, at: at, helpKind: help))
            }
            return Settlement(from: from, to: to, sorted: redemptions)
        }
    }
}

/// The hot statement, prepared once per connection: one call of `passnum_redeem`
/// (`PostgresChain`), which returns the ordinal of each request recorded and the chain link
/// before it. Requests not returned were refused (revoked, or already redeemed).
struct BatchInsert: PostgresPreparedStatement {
    static let sql = "SELECT out_ord, out_prev FROM passnum_redeem($1::text[], $2::int8[], $3::int8[], $4::int8[], $5::int8[], $6::text[], $7)"
    typealias Row = (Int, String)

    let kids: [String], serials: [Int64], values: [Int64], partners: [Int64], times: [Int64], tokens: [String]
    let recordedAt: Int64

    init(_ batch: [RedemptionRequest], recordedAt: Int64) {
        kids = batch.map(\.pass.kid.text)
        serials = batch.map { Int64($0.pass.serial.value) }
        values = batch.map { Int64($0.value.value) }
        partners = batch.map(\.partner.id)
        times = batch.map { Millis.from($0.redeemedAt) }
        tokens = batch.map(\.token)
        self.recordedAt = recordedAt
    }

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 7)
        bindings.append(kids)
        bindings.append(serials)
        bindings.append(values)
        bindings.append(partners)
        bindings.append(times)
        bindings.append(tokens)
        bindings.append(recordedAt)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> (Int, String) {
        let (ordinal, previous) = try row.decode((Int64, String).self)
        return (Int(ordinal), previous)
    }
}
