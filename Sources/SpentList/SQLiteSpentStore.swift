import Foundation
import GRDB
import PassVerifier
import SharedSQLite

/// The spent list in one SQLite file: WAL (readers never wait for the writer), synchronous=FULL
/// (a commit is on disk when it returns, so an acknowledged redemption survives a power cut),
/// IMMEDIATE write transactions, and a busy timeout so several processes can share the file.
public final class SQLiteSpentStore: SpentStore {
    let pool: any DatabaseWriter
    public let path: String
    /// The file opened, checked around every transaction (nil for an in-memory database).
    private let identity: FileIdentity?

    /// Opens the file at `path` (see `SQLiteFile.Access`: only `.create` may make a new one).
    public convenience init(path: String, access: SQLiteFile.Access = .create) throws(SpentListError) {
        do {
            let writer = try SQLiteFile.open(path, access: access, concurrentReads: true, foreignKeys: true)
            try self.init(writer: writer, path: path)
        } catch let error as SQLiteError {
            throw SpentListError(error, what: "the spent list \(path)")
        } catch {
            throw Self.wrap(error, "open the spent list \(path)")
        }
    }

    /// A store on a database already open (an in-memory one in tests), migrated unless read-only.
    public init(writer: any DatabaseWriter, path: String = ":memory:") throws(SpentListError) {
        self.path = path
        pool = writer
        identity = FileIdentity(path: path)
        do {
            try SQLiteFile.migrate(writer, Schema.migrator, what: path)
        } catch {
            throw SpentListError(error, what: "the spent list \(path)")
        }
    }

    /// The writer connection's `PRAGMA synchronous` (2 is FULL), for tests.
    public func writerSynchronousSetting() throws -> Int {
        try SQLiteFile.synchronousSetting(pool)
    }

    // MARK: Redemptions

    public func redeem(_ batch: [RedemptionRequest]) async throws(SpentListError) -> [RedemptionOutcome] {
        guard !batch.isEmpty else { return [] }
        let recordedAt = Millis.from(Date())
        return try await writing("record redemptions") { db in
            var sequence = try Self.reserveSequences(db, count: batch.count)
            var chain = try ChainWriter(db)
            let outcomes = try batch.map { request in
                let kid = request.pass.kid.text, serial = Int64(request.pass.serial.value)
                if let (reason, _) = try Self.revocation(db, kid: kid, serial: serial) {
                    return RedemptionOutcome.revoked(reason: reason)
                }
                sequence += 1
                let redemption = Redemption(
                    pass: request.pass, value: request.value, partnerID: request.partner.id,
                    partnerName: request.partner.name, redeemedAt: Millis.date(Millis.from(request.redeemedAt)))
                guard let recorded = try chain.insert(redemption, token: request.token, sequence: sequence, recordedAt: recordedAt) else {
                    return .alreadySpent(first: try Self.redemption(db, request.pass)!)
                }
                return .redeemed(recorded)
            }
            try chain.finish()
            return outcomes
        }
    }

    public func state(of pass: PassRef) async throws(SpentListError) -> PassState {
        try await reading("look up a pass") { db in
            let kid = pass.kid.text, serial = Int64(pass.serial.value)
            if let (reason, at) = try Self.revocation(db, kid: kid, serial: serial) {
                return .revoked(reason: reason, at: Millis.date(at))
            }
            if let row = try Row.fetchOne(db, sql: "SELECT redeemed_at_ms FROM redemptions WHERE kid = ? AND serial = ?", arguments: [kid, serial]) {
                return .spent(at: Millis.date(try row.decode(forColumn: "redeemed_at_ms")))
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
                arguments: [revocation.kid, revocation.first, revocation.last,
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
                UNION ALL
                SELECT 'handed_out' AS kind, kid, first_serial, last_serial, handed_out_at_ms AS at_ms, feed_seq
                  FROM handouts WHERE feed_seq > ?
                ORDER BY feed_seq LIMIT ?
                """, arguments: [cursor.sequence, cursor.sequence, cursor.sequence, limit + 1])
            let items = try rows.prefix(limit).map { row in
                FeedItem(
                    cursor: FeedCursor(sequence: try row.decode(forColumn: "feed_seq")),
                    kind: FeedItem.Kind(rawValue: row["kind"]) ?? .revoked, kid: try row.decode(forColumn: "kid"),
                    first: try row.decode(forColumn: "first_serial"), last: try row.decode(forColumn: "last_serial"),
                    at: Millis.date(try row.decode(forColumn: "at_ms")))
            }
            return FeedPage(items: items, next: items.last?.cursor ?? cursor, more: rows.count > limit)
        }
    }

    // MARK: Settlement

    public func settlement(from: Date, to: Date, partnerID: Int64?) async throws(SpentListError) -> Settlement {
        guard from < to else { throw SpentListError(.invalidRequest, "the period is empty: from must be before to") }
        return try await reading("read the settlement") { db in
            var sql = """
                SELECT r.kid, r.serial, r.value_cents, r.partner_id, p.name, r.redeemed_at_ms, r.help_kind
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
                try Self.redemption(row, of: PassRef(kid: try row.decode(forColumn: "kid"), serial: try row.decode(forColumn: "serial")))
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
            SELECT r.value_cents, r.partner_id, p.name, r.redeemed_at_ms, r.chain_prev
              FROM redemptions r JOIN partners p ON p.id = r.partner_id
             WHERE r.kid = ? AND r.serial = ?
            """)
        guard let row = try Row.fetchOne(statement, arguments: [pass.kid, pass.serial]) else { return nil }
        return try redemption(row, of: pass)
    }

    /// A redemption row read back; a value out of range throws instead of trapping.
    static func redemption(_ row: Row, of pass: PassRef) throws -> Redemption {
        Redemption(
            pass: pass, value: try row.decode(forColumn: "value_cents"), partnerID: try row.decode(forColumn: "partner_id"),
            partnerName: try row.decode(forColumn: "name"), redeemedAt: Millis.date(try row.decode(forColumn: "redeemed_at_ms")),
            chainPrevious: row.hasColumn("chain_prev") ? try ChainWriter.link(row["chain_prev"], of: pass) : nil,
            helpKind: row.hasColumn("help_kind") ? row["help_kind"] : nil)
    }

    /// The reason and time of a revocation covering this serial, if any.
    static func revocation(_ db: Database, kid: String, serial: Int64) throws -> (String, Int64)? {
        let statement = try db.cachedStatement(sql: """
            SELECT reason, revoked_at_ms FROM revocations
             WHERE kid = ? AND first_serial <= ? AND last_serial >= ?
             ORDER BY revoked_at_ms LIMIT 1
            """)
        guard let row = try Row.fetchOne(statement, arguments: [kid, serial, serial]) else { return nil }
        return (try row.decode(forColumn: "reason"), try row.decode(forColumn: "revoked_at_ms"))
    }

    func writing<T: Sendable>(_ what: String, _ body: @escaping @Sendable (Database) throws -> T) async throws(SpentListError) -> T {
        do {
            let result = try await pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
            // After the commit: a commit into a file no longer at `path` must not be acknowledged.
            try checkFileIsStillThere()
            return result
        } catch {
            throw Self.wrap(error, what)
        }
    }

    func reading<T: Sendable>(_ what: String, _ body: @escaping @Sendable (Database) throws -> T) async throws(SpentListError) -> T {
        do {
            try checkFileIsStillThere()
            return try await pool.read(body)
        } catch {
            throw Self.wrap(error, what)
        }
    }

    /// Throws when the file at `path` is gone or another one: the service then refuses (503)
    /// instead of answering from, or writing to, a file nobody will read again.
    private func checkFileIsStillThere() throws(SpentListError) {
        guard let identity, FileIdentity(path: path) != identity else { return }
        throw SpentListError(.replaced, "the spent list \(path) was removed or replaced while in use; restart the service once the right file is back", subject: path)
    }

    static func wrap(_ error: any Error, _ what: String) -> SpentListError {
        if let error = error as? SpentListError { return error }
        if SQLiteFile.isCorruptRow(error) {
            return SpentListError(.corruptRow, "cannot \(what): \(SQLiteFile.describe(error))")
        }
        return SpentListError(.storage, "cannot \(what): \(SQLiteFile.describe(error))")
    }
}

extension SpentListError {
    /// The store's words for what went wrong opening its SQLite file.
    init(_ error: SQLiteError, what: String) {
        let code: SpentListErrorCode = switch error.code {
        case .missing: .missing
        case .newerSchema: .newerSchema
        case .olderSchema, .storage: .storage
        }
        self.init(code, code == .missing ? "no spent list at \(error.subject ?? what)" : error.message, subject: error.subject)
    }
}
