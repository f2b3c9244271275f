import Foundation
import GRDB
import PassVerifier
import SharedSQLite
import SpentListAPI

/// The counter's local copy of the spent list, for working offline: which passes were spent or
/// revoked as of the last `replica pull`, the feed cursor to resume from, and the trust list
/// that came with it. Spent serials are kept as bitmap chunks (see `SpentBitmap`); revocations
/// stay ranges (a whole carnet or batch is one row), as the feed sends them.
public final class Replica: Sendable {
    public enum Mark: String, Sendable {
        case spent, revoked
        /// A carnet handed out at an office (its passes are not "spent": the programme may
        /// refuse passes of carnets that were not, `API.Programme.requireHandout`).
        case handedOut = "handed_out"
    }

    public struct Entry: Sendable, Equatable {
        public let mark: Mark
        public let kid: KeyID
        public let first: Serial
        /// Equal to `first` for a spent pass.
        public let last: Serial

        public init(mark: Mark, kid: KeyID, first: Serial, last: Serial) {
            self.mark = mark
            self.kid = kid
            self.first = first
            self.last = max(first, last)
        }

        public init(mark: Mark, kid: KeyID, serial: Serial) {
            self.init(mark: mark, kid: kid, first: serial, last: serial)
        }
    }

    public struct State: Sendable, Equatable {
        public let cursor: String?
        public let pulledAt: Date?
        public let spent: Int
        public let revoked: Int
    }

    private let database: any DatabaseWriter

    public convenience init(path: String) throws(CounterError) { try self.init(writer: CounterDatabase.open(path)) }

    /// On a database already open (an in-memory one in tests).
    public init(writer: any DatabaseWriter) throws(CounterError) {
        database = try CounterDatabase.migrated(writer, schema: Self.schema, later: Self.later)
    }

    /// Version 2 keeps the trust list's signature (SPEC.md §14) beside the list; version 3
    /// carnets handed out and the programme settings that came with the last pull.
    private static let later = [
        ("v2-trust-list-signature", "ALTER TABLE feed ADD COLUMN trust_list_signature TEXT"),
        ("v3: hand-overs, programme", """
            CREATE TABLE handed_out (
                kid TEXT NOT NULL, first INTEGER NOT NULL, last INTEGER NOT NULL,
                PRIMARY KEY (kid, first, last)
            ) WITHOUT ROWID;
            ALTER TABLE feed ADD COLUMN programme BLOB;
            """),
    ]

    /// The schema, version 1 (later versions are added as migrations in `CounterDatabase`).
    private static let schema = """
        CREATE TABLE spent_chunks (
            kid TEXT NOT NULL, chunk INTEGER NOT NULL, bits BLOB NOT NULL,
            PRIMARY KEY (kid, chunk)
        ) WITHOUT ROWID;
        CREATE TABLE revoked (
            kid TEXT NOT NULL, first INTEGER NOT NULL, last INTEGER NOT NULL,
            PRIMARY KEY (kid, first, last)
        ) WITHOUT ROWID;
        CREATE TABLE feed (
            id INTEGER PRIMARY KEY CHECK (id = 1), cursor TEXT, pulled_at REAL, trust_list BLOB
        );
        INSERT INTO feed (id) VALUES (1);
        """

    /// Adds a page of the feed and moves the cursor, in one transaction: an interrupted pull
    /// resumes from the last page that was applied whole.
    public func apply(_ entries: [Entry], cursor: String?, at now: Date) throws(CounterError) {
        try CounterDatabase.write(database, "update the replica") { db in
            let spent = entries.filter { $0.mark == .spent }
            for (key, members) in Dictionary(grouping: spent, by: { ChunkKey(kid: $0.kid, chunk: SpentBitmap.chunk(of: $0.first.value)) }) {
                var bits = try Data.fetchOne(db, sql: "SELECT bits FROM spent_chunks WHERE kid = ? AND chunk = ?",
                                             arguments: key.arguments).map(Array.init) ?? []
                for entry in members { SpentBitmap.insert(entry.first.value, into: &bits) }
                try db.execute(sql: "INSERT OR REPLACE INTO spent_chunks (kid, chunk, bits) VALUES (?, ?, ?)",
                               arguments: key.arguments + [Data(bits)])
            }
            for entry in entries where entry.mark != .spent {
                try db.execute(sql: "INSERT OR IGNORE INTO \(entry.mark == .revoked ? "revoked" : "handed_out") (kid, first, last) VALUES (?, ?, ?)",
                               arguments: [entry.kid, entry.first, entry.last])
            }
            try db.execute(sql: "UPDATE feed SET cursor = ?, pulled_at = ?", arguments: [cursor, now.timeIntervalSince1970])
        }
    }

    /// Keeps the trust list that came with the feed, so an offline counter checks against it,
    /// and its signature text when it had one.
    public func storeTrustList(_ json: Data, signature: String? = nil) throws(CounterError) {
        try CounterDatabase.write(database, "update the replica") { db in
            try db.execute(sql: "UPDATE feed SET trust_list = ?, trust_list_signature = ?", arguments: [json, signature])
        }
    }

    /// The signature text of the trust list kept, if it had one.
    public func trustListSignature() throws(CounterError) -> String? {
        try CounterDatabase.read(database, "read the replica") { db in
            try String.fetchOne(db, sql: "SELECT trust_list_signature FROM feed")
        }
    }

    public func trustList() throws(CounterError) -> Data? {
        try CounterDatabase.read(database, "read the replica") { db in
            try Data.fetchOne(db, sql: "SELECT trust_list FROM feed")
        }
    }

    /// Keeps the programme settings that came with the feed (JSON of `API.Programme`).
    public func storeProgramme(_ json: Data) throws(CounterError) {
        try CounterDatabase.write(database, "update the replica") { db in
            try db.execute(sql: "UPDATE feed SET programme = ?", arguments: [json])
        }
    }

    /// The programme settings of the last pull, or nil before the first.
    public func programme() throws(CounterError) -> API.Programme? {
        let json = try CounterDatabase.read(database, "read the replica") { db in try Data.fetchOne(db, sql: "SELECT programme FROM feed") }
        return json.flatMap { try? API.decodeAnswer(API.Programme.self, from: $0) }
    }

    /// Whether the carnet holding this pass was handed out, as of the last pull.
    public func isHandedOut(kid: KeyID, serial: Serial) throws(CounterError) -> Bool {
        try CounterDatabase.read(database, "read the replica") { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM handed_out WHERE kid = ? AND first <= ? AND last >= ?)",
                              arguments: [kid.text, Int64(serial.value), Int64(serial.value)]) ?? false
        }
    }

    /// Spent or revoked as of the last pull, or nil when the replica does not know the pass.
    public func mark(kid: KeyID, serial: Serial) throws(CounterError) -> Mark? {
        try CounterDatabase.read(database, "read the replica") { db in
            let revoked = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM revoked WHERE kid = ? AND first <= ? AND last >= ?)",
                                            arguments: [kid.text, Int64(serial.value), Int64(serial.value)]) ?? false
            if revoked { return .revoked }
            let key = ChunkKey(kid: kid, chunk: SpentBitmap.chunk(of: serial.value))
            let bits = try Data.fetchOne(db, sql: "SELECT bits FROM spent_chunks WHERE kid = ? AND chunk = ?", arguments: key.arguments)
            return bits.map { SpentBitmap.contains(serial.value, in: Array($0)) } == true ? .spent : nil
        }
    }

    public func state() throws(CounterError) -> State {
        try CounterDatabase.read(database, "read the replica") { db in
            let row = try Row.fetchOne(db, sql: "SELECT cursor, pulled_at FROM feed")
            let spent = try Data.fetchAll(db, sql: "SELECT bits FROM spent_chunks").reduce(0) { $0 + SpentBitmap.count(in: Array($1)) }
            let revoked = try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(last - first + 1), 0) FROM revoked") ?? 0
            let pulledAt = (row?["pulled_at"] as Double?).map { Date(timeIntervalSince1970: $0) }
            return State(cursor: row?["cursor"], pulledAt: pulledAt, spent: spent, revoked: revoked)
        }
    }
}

private struct ChunkKey: Hashable {
    let kid: KeyID
    let chunk: UInt64

    var arguments: StatementArguments { [kid.text, Int64(chunk)] }
}
