import Foundation
import GRDB
import PassVerifier
import SharedSQLite

/// The spent list in one SQLite file: WAL (readers never wait for the writer), synchronous=FULL
/// (a commit is on disk when it returns, so an acknowledged redemption survives a power cut),
/// IMMEDIATE write transactions, and a busy timeout so several processes can share the file.
public final class SQLiteSpentStore: SpentStore {
    let pool: DatabasePool
    public let path: String

    public init(path: String) throws(SpentListError) {
        self.path = path
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(30)
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA foreign_keys = ON")
            }
            pool = try DatabasePool(path: path, configuration: configuration)
            // After opening: DatabasePool switches its writer to synchronous=NORMAL when it sets
            // up WAL, after `prepareDatabase` ran, and NORMAL may lose the last commits in a power
            // cut. The writer is one long-lived connection, so this holds for every commit.
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
            let migrator = Schema.migrator
            if try pool.read({ try migrator.hasBeenSuperseded($0) }) {
                throw SpentListError(.newerSchema, "\(path) was written by a newer passnum; upgrade passnum")
            }
            try migrator.migrateShared(pool)
        } catch let error as SpentListError {
            throw error
        } catch {
            throw SpentListError(.storage, "cannot open the spent list \(path): \(Self.describe(error))")
        }
    }

    /// The writer connection's `PRAGMA synchronous` (2 is FULL), for tests.
    public func writerSynchronousSetting() throws -> Int {
        try pool.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA synchronous") ?? -1 }
    }

    // MARK: Redemptions

    public func redeem(_ batch: [RedemptionRequest]) async throws(SpentListError) -> [RedemptionOutcome] {
        guard !batch.isEmpty else { return [] }
        let recordedAt = Millis.from(Date())
        return try await writing("record redemptions") { db in
            var sequence = try Self.reserveSequences(db, count: batch.count)
            let insert = try Self.redemptionInsert(db)
            return try batch.map { request in
                let kid = request.pass.kid.text, serial = Int64(request.pass.serial.value)
                if let (reason, _) = try Self.revocation(db, kid: kid, serial: serial) {
                    return .revoked(reason: reason)
                }
                sequence += 1
                let redeemedAt = Millis.from(request.redeemedAt)
                try insert.execute(arguments: [kid, serial, Int64(request.value.value), request.partner.id, redeemedAt, recordedAt, sequence])
                guard db.changesCount == 1 else {
                    return .alreadySpent(first: try Self.redemption(db, request.pass)!)
                }
                return .redeemed(Redemption(
                    pass: request.pass, value: request.value, partnerID: request.partner.id,
                    partnerName: request.partner.name, redeemedAt: Millis.date(redeemedAt)))
            }
        }
    }

    /// The one statement that writes a redemption, online or offline: the primary key
    /// (kid, serial) makes it happen at most once.
    static func redemptionInsert(_ db: Database) throws -> Statement {
        try db.cachedStatement(sql: """
            INSERT INTO redemptions (kid, serial, value_cents, partner_id, redeemed_at_ms, recorded_at_ms, feed_seq)
            VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (kid, serial) DO NOTHING
            """)
    }

    public func state(of pass: PassRef) async throws(SpentListError) -> PassState {
        try await reading("look up a pass") { db in
            let kid = pass.kid.text, serial = Int64(pass.serial.value)
            if let (reason, at) = try Self.revocation(db, kid: kid, serial: serial) {
                return .revoked(reason: reason, at: Millis.date(at))
            }
            if let at = try Int64.fetchOne(db, sql: "SELECT redeemed_at_ms FROM redemptions WHERE kid = ? AND serial = ?", arguments: [kid, serial]) {
                return .spent(at: Millis.date(at))
            }
            return .unspent
        }
    }

    // MARK: Revocations and feed

    public func revoke(_ revocation: Revocation) async throws(SpentListError) -> Bool {
        try await writing("record a revocation") { db in
            let sequence = try Self.reserveSequences(db, count: 1) + 1
            try db.execute(
                sql: """
                    INSERT INTO revocations (kid, first_serial, last_serial, reason, revoked_at_ms, feed_seq)
                    VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (kid, first_serial, last_serial) DO NOTHING
                    """,
                arguments: [revocation.kid.text, Int64(revocation.first.value), Int64(revocation.last.value),
                            revocation.reason, Millis.from(revocation.revokedAt), sequence])
            return db.changesCount == 1
        }
    }

    public func feed(after cursor: FeedCursor, limit: Int) async throws(SpentListError) -> FeedPage {
        let limit = max(1, min(limit, 10_000))
        return try await reading("read the feed") { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT 'spent' AS kind, kid, serial AS first_serial, serial AS last_serial, redeemed_at_ms AS at_ms, feed_seq
                  FROM redemptions WHERE feed_seq > ?
                UNION ALL
                SELECT 'revoked' AS kind, kid, first_serial, last_serial, revoked_at_ms AS at_ms, feed_seq
                  FROM revocations WHERE feed_seq > ?
                ORDER BY feed_seq LIMIT ?
                """, arguments: [cursor.sequence, cursor.sequence, limit + 1])
            let items = rows.prefix(limit).map { row in
                FeedItem(
                    cursor: FeedCursor(sequence: row["feed_seq"]), kind: FeedItem.Kind(rawValue: row["kind"])!,
                    kid: KeyID(text: row["kid"] as String)!,
                    first: Serial(UInt64(row["first_serial"] as Int64))!, last: Serial(UInt64(row["last_serial"] as Int64))!,
                    at: Millis.date(row["at_ms"]))
            }
            return FeedPage(items: items, next: items.last?.cursor ?? cursor, more: rows.count > limit)
        }
    }

    // MARK: Settlement

    public func settlement(from: Date, to: Date, partnerID: Int64?) async throws(SpentListError) -> Settlement {
        guard from < to else { throw SpentListError(.invalidRequest, "the period is empty: from must be before to") }
        return try await reading("read the settlement") { db in
            var sql = """
                SELECT r.kid, r.serial, r.value_cents, r.partner_id, p.name, r.redeemed_at_ms
                  FROM redemptions r JOIN partners p ON p.id = r.partner_id
                 WHERE r.redeemed_at_ms >= ? AND r.redeemed_at_ms < ?
                """
            var arguments: StatementArguments = [Millis.from(from), Millis.from(to)]
            if let partnerID {
                sql += " AND r.partner_id = ?"
                arguments += [partnerID]
            }
            sql += " ORDER BY p.name, r.partner_id, r.redeemed_at_ms, r.kid, r.serial"
            let redemptions = try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                Redemption(
                    pass: PassRef(kid: KeyID(text: row["kid"] as String)!, serial: Serial(UInt64(row["serial"] as Int64))!),
                    value: Cents(UInt32(row["value_cents"] as Int64))!, partnerID: row["partner_id"],
                    partnerName: row["name"], redeemedAt: Millis.date(row["redeemed_at_ms"]))
            }
            return Settlement(from: from, to: to, sorted: redemptions)
        }
    }

    // MARK: Shared pieces

    /// Takes `count` feed sequence numbers; returns the one before the first.
    static func reserveSequences(_ db: Database, count: Int) throws -> Int64 {
        let statement = try db.cachedStatement(sql: "UPDATE feed_counter SET value = value + ? WHERE name = 'feed' RETURNING value")
        return try Int64.fetchOne(statement, arguments: [count])! - Int64(count)
    }

    /// The recorded redemption of a pass, with its partner's name.
    static func redemption(_ db: Database, _ pass: PassRef) throws -> Redemption? {
        let statement = try db.cachedStatement(sql: """
            SELECT r.value_cents, r.partner_id, p.name, r.redeemed_at_ms
              FROM redemptions r JOIN partners p ON p.id = r.partner_id
             WHERE r.kid = ? AND r.serial = ?
            """)
        guard let row = try Row.fetchOne(statement, arguments: [pass.kid.text, Int64(pass.serial.value)]) else { return nil }
        return Redemption(
            pass: pass, value: Cents(UInt32(row["value_cents"] as Int64))!, partnerID: row["partner_id"],
            partnerName: row["name"], redeemedAt: Millis.date(row["redeemed_at_ms"]))
    }

    /// The reason and time of a revocation covering this serial, if any.
    static func revocation(_ db: Database, kid: String, serial: Int64) throws -> (String, Int64)? {
        let statement = try db.cachedStatement(sql: """
            SELECT reason, revoked_at_ms FROM revocations
             WHERE kid = ? AND first_serial <= ? AND last_serial >= ?
             ORDER BY revoked_at_ms LIMIT 1
            """)
        guard let row = try Row.fetchOne(statement, arguments: [kid, serial, serial]) else { return nil }
        return (row["reason"], row["revoked_at_ms"])
    }

    func writing<T: Sendable>(_ what: String, _ body: @escaping @Sendable (Database) throws -> T) async throws(SpentListError) -> T {
        do {
            return try await pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        } catch {
            throw Self.wrap(error, what)
        }
    }

    func reading<T: Sendable>(_ what: String, _ body: @escaping @Sendable (Database) throws -> T) async throws(SpentListError) -> T {
        do {
            return try await pool.read(body)
        } catch {
            throw Self.wrap(error, what)
        }
    }

    static func wrap(_ error: any Error, _ what: String) -> SpentListError {
        if let error = error as? SpentListError { return error }
        return SpentListError(.storage, "cannot \(what): \(describe(error))")
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        return "\(error)"
    }
}

/// Unix milliseconds, the store's time unit.
enum Millis {
    static func from(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }
    static func date(_ millis: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(millis) / 1000) }
}
