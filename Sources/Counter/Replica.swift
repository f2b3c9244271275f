import Foundation
import GRDB
import PassVerifier

/// The counter's local copy of the spent list, for working offline: which passes were spent or
/// revoked as of the last `replica pull`, the feed cursor to resume from, and the trust list
/// that came with it. Serials are kept as bitmap chunks (see `SpentBitmap`).
public final class Replica: Sendable {
    public enum Mark: String, Sendable {
        case spent, revoked
    }

    public struct Entry: Sendable, Equatable {
        public let mark: Mark
        public let kid: KeyID
        public let serial: Serial

        public init(mark: Mark, kid: KeyID, serial: Serial) {
            self.mark = mark
            self.kid = kid
            self.serial = serial
        }
    }

    public struct State: Sendable, Equatable {
        public let cursor: String?
        public let pulledAt: Date?
        public let spent: Int
        public let revoked: Int
    }

    private let database: DatabaseQueue

    public init(path: String) throws(CounterError) {
        database = try CounterDatabase.open(path, migrator: Self.migrator)
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE chunks (
                    mark TEXT NOT NULL, kid TEXT NOT NULL, chunk INTEGER NOT NULL, bits BLOB NOT NULL,
                    PRIMARY KEY (mark, kid, chunk)
                ) WITHOUT ROWID;
                CREATE TABLE feed (
                    id INTEGER PRIMARY KEY CHECK (id = 1), cursor TEXT, pulled_at REAL, trust_list BLOB
                );
                INSERT INTO feed (id) VALUES (1);
                """)
        }
        return migrator
    }

    /// Adds a page of the feed and moves the cursor, in one transaction: an interrupted pull
    /// resumes from the last page that was applied whole.
    public func apply(_ entries: [Entry], cursor: String?, at now: Date) throws(CounterError) {
        try CounterDatabase.write(database, "update the replica") { db in
            let grouped = Dictionary(grouping: entries) { ChunkKey(mark: $0.mark, kid: $0.kid, chunk: SpentBitmap.chunk(of: $0.serial.value)) }
            for (key, members) in grouped {
                var bits = try Data.fetchOne(db, sql: "SELECT bits FROM chunks WHERE mark = ? AND kid = ? AND chunk = ?",
                                             arguments: key.arguments).map(Array.init) ?? []
                for entry in members { SpentBitmap.insert(entry.serial.value, into: &bits) }
                try db.execute(sql: "INSERT OR REPLACE INTO chunks (mark, kid, chunk, bits) VALUES (?, ?, ?, ?)",
                               arguments: key.arguments + [Data(bits)])
            }
            try db.execute(sql: "UPDATE feed SET cursor = ?, pulled_at = ?", arguments: [cursor, now.timeIntervalSince1970])
        }
    }

    /// Keeps the trust list that came with the feed, so an offline counter checks against it.
    public func storeTrustList(_ json: Data) throws(CounterError) {
        try CounterDatabase.write(database, "update the replica") { db in
            try db.execute(sql: "UPDATE feed SET trust_list = ?", arguments: [json])
        }
    }

    public func trustList() throws(CounterError) -> Data? {
        try CounterDatabase.read(database, "read the replica") { db in
            try Data.fetchOne(db, sql: "SELECT trust_list FROM feed")
        }
    }

    /// Spent or revoked as of the last pull, or nil when the replica does not know the pass.
    public func mark(kid: KeyID, serial: Serial) throws(CounterError) -> Mark? {
        try CounterDatabase.read(database, "read the replica") { db in
            for mark in [Mark.revoked, .spent] {
                let key = ChunkKey(mark: mark, kid: kid, chunk: SpentBitmap.chunk(of: serial.value))
                if let bits = try Data.fetchOne(db, sql: "SELECT bits FROM chunks WHERE mark = ? AND kid = ? AND chunk = ?", arguments: key.arguments),
                   SpentBitmap.contains(serial.value, in: Array(bits)) {
                    return mark
                }
            }
            return nil
        }
    }

    public func state() throws(CounterError) -> State {
        try CounterDatabase.read(database, "read the replica") { db in
            let row = try Row.fetchOne(db, sql: "SELECT cursor, pulled_at FROM feed")
            var counts: [Mark: Int] = [:]
            for chunk in try Row.fetchAll(db, sql: "SELECT mark, bits FROM chunks") {
                let mark = Mark(rawValue: chunk["mark"]) ?? .spent
                counts[mark, default: 0] += SpentBitmap.count(in: Array(chunk["bits"] as Data))
            }
            let pulledAt = (row?["pulled_at"] as Double?).map { Date(timeIntervalSince1970: $0) }
            return State(cursor: row?["cursor"], pulledAt: pulledAt, spent: counts[.spent] ?? 0, revoked: counts[.revoked] ?? 0)
        }
    }
}

private struct ChunkKey: Hashable {
    let mark: Replica.Mark
    let kid: KeyID
    let chunk: UInt64

    var arguments: StatementArguments { [mark.rawValue, kid.text, Int64(chunk)] }
}
