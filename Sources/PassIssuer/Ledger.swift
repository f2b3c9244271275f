import Foundation
import GRDB
import PassVerifier
import SharedSQLite

/// One issuing run, as the ledger records it.
public struct Batch: Sendable, Equatable {
    public enum Status: String, Sendable {
        /// Serials reserved; the tokens may not have been written (a killed run). Never reused.
        case allocated
        /// The tokens were written out.
        case completed
    }

    public let id: Int64
    public let kid: KeyID
    public let firstSerial: UInt64
    public let lastSerial: UInt64
    public let carnets: Int
    public let perCarnet: Int
    public let value: Cents
    public let expiry: UInt32
    public let label: String
    public let createdAt: Date
    public let status: Status
}

/// The issuance ledger: which serials each key has used, and every batch. Serial ranges are
/// reserved in one committed IMMEDIATE transaction before anything is signed, so a serial is
/// never issued twice by one key, whatever is killed or runs at the same time.
///
/// The ledger belongs to its keys: a key is registered in it when it is made, and serials are
/// reserved only for a registered key. A ledger that never saw a key (an empty file made in
/// another folder, a copy from elsewhere) refuses it, so no second ledger can hand out the
/// serials of a key again.
public final class Ledger: Sendable {
    public let path: String
    private let database: any DatabaseWriter

    /// The file name of a ledger, kept beside its keys (and their trust list).
    public static let fileName = "issuance.sqlite"

    /// Opens the ledger at `path`; `.existing` refuses a missing file instead of starting an
    /// empty ledger (only `keys generate` makes one), `.readOnly` only reads.
    public convenience init(path: String, access: SQLiteFile.Access = .create) throws(IssuerError) {
        do {
            // A long busy timeout: another `issue` may hold the write lock.
            try self.init(writer: SQLiteFile.open(path, access: access, busyTimeout: 30), path: path)
        } catch {
            throw IssuerError(.ledger, "cannot open the issuance ledger \(path): \(SQLiteFile.describe(error))", subject: path)
        }
    }

    /// A ledger on a database already open (an in-memory one in tests).
    public init(writer: any DatabaseWriter, path: String = ":memory:") throws(IssuerError) {
        database = writer
        self.path = path
        do {
            try SQLiteFile.migrate(writer, Self.migrator, what: path)
        } catch {
            throw IssuerError(.ledger, "cannot open the issuance ledger \(path): \(error.message)", subject: path)
        }
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE key_serials (
                    kid TEXT PRIMARY KEY NOT NULL,
                    last_serial INTEGER NOT NULL
                );
                CREATE TABLE batches (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    kid TEXT NOT NULL,
                    first_serial INTEGER NOT NULL,
                    last_serial INTEGER NOT NULL,
                    carnets INTEGER NOT NULL,
                    per_carnet INTEGER NOT NULL,
                    value_cents INTEGER NOT NULL,
                    expires_at INTEGER NOT NULL,
                    label TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('allocated', 'completed')),
                    UNIQUE (kid, first_serial)
                );
                """)
        }
        return migrator
    }

    /// Reserves `carnets × perCarnet` consecutive serials for `kid` and records the batch.
    public func allocate(
        kid: KeyID, carnets: Int, perCarnet: Int, value: Cents, expiry: UInt32, label: String, at now: Date
    ) throws(IssuerError) -> Batch {
        let count = UInt64(carnets * perCarnet)
        do {
            return try database.writeWithoutTransaction { db in
                var batch: Batch?
                try db.inTransaction(.immediate) {
                    guard let last = try UInt64.fetchOne(db, sql: "SELECT last_serial FROM key_serials WHERE kid = ?", arguments: [kid.text]) else {
                        throw IssuerError(.keyNotInLedger, "the issuance ledger \(path) has never seen key \(kid)")
                    }
                    guard Serial.max - last >= count else { throw IssuerError(.serialsExhausted, "key \(kid) has fewer than \(count) serials left") }
                    try db.execute(sql: "UPDATE key_serials SET last_serial = ? WHERE kid = ?", arguments: [Int64(last + count), kid.text])
                    try db.execute(
                        sql: """
                            INSERT INTO batches (kid, first_serial, last_serial, carnets, per_carnet, value_cents, expires_at, label, created_at, status)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'allocated')
                            """,
                        arguments: [kid.text, Int64(last + 1), Int64(last + count), carnets, perCarnet, Int64(value.value), Int64(expiry), label, Int64(now.timeIntervalSince1970)])
                    batch = Batch(
                        id: db.lastInsertedRowID, kid: kid, firstSerial: last + 1, lastSerial: last + count,
                        carnets: carnets, perCarnet: perCarnet, value: value, expiry: expiry, label: label,
                        createdAt: Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down)), status: .allocated)
                    return .commit
                }
                return batch!
            }
        } catch let error as IssuerError {
            throw error
        } catch {
            throw IssuerError(.ledger, "cannot reserve serials in the ledger: \(Self.describe(error))")
        }
    }

    /// Records that `kid` issues from this ledger, from serial 1. Done when the key is made; a
    /// key already known keeps its serials.
    public func register(_ kid: KeyID) throws(IssuerError) {
        try write("cannot register key \(kid) in the ledger") { db in
            try db.execute(sql: "INSERT INTO key_serials (kid, last_serial) VALUES (?, 0) ON CONFLICT (kid) DO NOTHING", arguments: [kid.text])
        }
    }

    /// Whether serials of `kid` may be reserved here.
    public func knows(_ kid: KeyID) throws(IssuerError) -> Bool {
        try read { db in try Bool.fetchOne(db, sql: "SELECT 1 FROM key_serials WHERE kid = ?", arguments: [kid.text]) ?? false }
    }

    public func markCompleted(_ batch: Batch) throws(IssuerError) {
        try write("cannot update the ledger") { db in
            try db.execute(sql: "UPDATE batches SET status = 'completed' WHERE id = ?", arguments: [batch.id])
        }
    }

    private func write(_ failure: @autoclosure () -> String, _ body: (Database) throws -> Void) throws(IssuerError) {
        do {
            try database.write(body)
        } catch {
            throw IssuerError(.ledger, "\(failure()): \(Self.describe(error))")
        }
    }

    /// The batch that holds the pass (kid, serial), if this ledger issued it.
    public func batch(kid: KeyID, serial: Serial) throws(IssuerError) -> Batch? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM batches WHERE kid = ? AND first_serial <= ? AND last_serial >= ? ORDER BY id LIMIT 1",
                             arguments: [kid.text, Int64(serial.value), Int64(serial.value)]).map(Self.batch)
        }
    }

    /// Every batch, oldest first.
    public func batches() throws(IssuerError) -> [Batch] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM batches ORDER BY id").map(Self.batch) }
    }

    private func read<T>(_ body: (Database) throws -> T) throws(IssuerError) -> T {
        do {
            return try database.read(body)
        } catch {
            throw IssuerError(.ledger, "cannot read the ledger: \(Self.describe(error))")
        }
    }

    /// A batch row read back; a value out of range throws instead of trapping.
    private static func batch(_ row: Row) throws -> Batch {
        Batch(
            id: try row.decode(forColumn: "id"), kid: try row.decode(forColumn: "kid"),
            firstSerial: (try row.decode(Serial.self, forColumn: "first_serial")).value,
            lastSerial: (try row.decode(Serial.self, forColumn: "last_serial")).value,
            carnets: try row.decode(forColumn: "carnets"), perCarnet: try row.decode(forColumn: "per_carnet"),
            value: try row.decode(forColumn: "value_cents"), expiry: try row.decode(forColumn: "expires_at"),
            label: try row.decode(forColumn: "label"),
            createdAt: Date(timeIntervalSince1970: TimeInterval(try row.decode(Int64.self, forColumn: "created_at"))),
            status: Batch.Status(rawValue: try row.decode(forColumn: "status")) ?? .allocated)
    }

    private static func describe(_ error: Error) -> String {
        SQLiteFile.describe(error)
    }
}
