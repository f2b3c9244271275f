import Foundation
import GRDB
import PassVerifier
import SharedSQLite

/// The counter's own durable log of the passes it accepted, online or offline. An offline
/// acceptance is written here (and committed to disk) before the operator sees ACCEPTÉ, so a
/// crash cannot lose it; `passnum sync` later settles each pending item as accepted or conflict.
public final class Journal: Sendable {
    public enum Mode: String, Sendable { case online, offline }
    public enum Status: String, Sendable { case pending, accepted, conflict }

    public struct Item: Sendable, Equatable {
        public let id: Int64
        public let kid: KeyID
        public let serial: Serial
        public let value: Cents
        public let token: String
        public let scannedAt: Date
        public let mode: Mode
        public let status: Status
        public let detail: String
        /// The service's signed receipt (SPEC.md), once it accepted the pass; empty before.
        public let receipt: String
        /// The kind of help given (`scan --help-given`), sent with the item at sync.
        public let helpKind: String?
    }

    private let database: any DatabaseWriter

    public convenience init(path: String) throws(CounterError) { try self.init(writer: CounterDatabase.open(path)) }

    /// On a database already open (an in-memory one in tests).
    public init(writer: any DatabaseWriter) throws(CounterError) { database = try CounterDatabase.migrated(writer, schema: Self.schema, later: Self.migrations) }

    /// The schema, version 1 (later versions are added as migrations in `CounterDatabase`).
    private static let schema = """
        CREATE TABLE journal (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kid TEXT NOT NULL, serial INTEGER NOT NULL, value_cents INTEGER NOT NULL,
            token TEXT NOT NULL, scanned_at REAL NOT NULL,
            mode TEXT NOT NULL CHECK (mode IN ('online', 'offline')),
            status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'conflict')),
            detail TEXT NOT NULL DEFAULT '',
            UNIQUE (kid, serial)
        );
        """

    /// Later versions. Receipts are the partner's proof of each redemption: kept, and listed by
    /// `passnum journal`.
    private static let migrations = [
        ("v2 receipts", "ALTER TABLE journal ADD COLUMN receipt TEXT NOT NULL DEFAULT ''"),
        ("v3 kinds of help", "ALTER TABLE journal ADD COLUMN help_kind TEXT"),
    ]

    /// Records an acceptance. Returns the existing item instead when this pass is already in
    /// the journal: the caller then refuses it.
    public func record(
        _ pass: VerifiedPass, at scannedAt: Date, mode: Mode, receipt: String = "", helpKind: String? = nil
    ) throws(CounterError) -> (item: Item, inserted: Bool) {
        try CounterDatabase.write(database, "write the journal") { db in
            if let existing = try Self.item(db, kid: pass.kid, serial: pass.serial) { return (existing, false) }
            try db.execute(
                sql: """
                    INSERT INTO journal (kid, serial, value_cents, token, scanned_at, mode, status, receipt, help_kind)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [pass.kid, pass.serial, pass.value, pass.token.text, scannedAt.timeIntervalSince1970, mode.rawValue,
                            (mode == .online ? Status.accepted : .pending).rawValue, receipt, helpKind])
            return (try Self.item(db, kid: pass.kid, serial: pass.serial)!, true)
        }
    }

    public func item(kid: KeyID, serial: Serial) throws(CounterError) -> Item? {
        try CounterDatabase.read(database, "read the journal") { db in try Self.item(db, kid: kid, serial: serial) }
    }

    /// Offline acceptances not yet settled with the service, oldest first.
    public func pending() throws(CounterError) -> [Item] {
        try CounterDatabase.read(database, "read the journal") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM journal WHERE status = 'pending' ORDER BY id").map(Self.item)
        }
    }

    public func all() throws(CounterError) -> [Item] {
        try CounterDatabase.read(database, "read the journal") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM journal ORDER BY id").map(Self.item)
        }
    }

    /// Records the service's answer for a pending item.
    public func settle(_ item: Item, as status: Status, detail: String, receipt: String = "") throws(CounterError) {
        try settle([(item, status, detail, receipt)])
    }

    /// Records the service's answers (and receipts) for a batch of items in one transaction (one fsync).
    public func settle(_ answers: [(item: Item, status: Status, detail: String, receipt: String)]) throws(CounterError) {
        try CounterDatabase.write(database, "write the journal") { db in
            let update = try db.cachedStatement(sql: "UPDATE journal SET status = ?, detail = ?, receipt = ? WHERE id = ?")
            for answer in answers {
                try update.execute(arguments: [answer.status.rawValue, answer.detail, answer.receipt, answer.item.id])
            }
        }
    }

    private static func item(_ db: Database, kid: KeyID, serial: Serial) throws -> Item? {
        try Row.fetchOne(db, sql: "SELECT * FROM journal WHERE kid = ? AND serial = ?", arguments: [kid, serial]).map(item)
    }

    /// A journal row read back; a value out of range throws instead of trapping.
    private static func item(_ row: Row) throws -> Item {
        Item(
            id: try row.decode(forColumn: "id"), kid: try row.decode(forColumn: "kid"), serial: try row.decode(forColumn: "serial"),
            value: try row.decode(forColumn: "value_cents"), token: try row.decode(forColumn: "token"),
            scannedAt: Date(timeIntervalSince1970: try row.decode(forColumn: "scanned_at")),
            mode: Mode(rawValue: try row.decode(forColumn: "mode")) ?? .offline,
            status: Status(rawValue: try row.decode(forColumn: "status")) ?? .pending, detail: try row.decode(forColumn: "detail"),
            receipt: try row.decode(forColumn: "receipt"), helpKind: try row.decode(forColumn: "help_kind"))
    }
}
