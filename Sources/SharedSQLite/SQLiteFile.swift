import Foundation
import GRDB
import PassVerifier

/// The one way the project opens a SQLite file (issuance ledger, spent list, counter files):
/// WAL, so readers never wait for the writer, and synchronous=FULL, so a commit is on disk
/// when it returns and what was acknowledged survives a power cut.
public enum SQLiteFile {
    public enum Access: Sendable {
        /// Opens the file, creating it when it does not exist.
        case create
        /// Opens an existing file for writing; a missing file is an error, never a new empty one.
        case existing
        /// Opens an existing file for reading only; nothing is ever created or changed.
        case readOnly
    }

    /// Opens `path`. `concurrentReads` gives a pool (one writer and several readers, for the
    /// service) instead of one serial connection.
    public static func open(
        _ path: String, access: Access, concurrentReads: Bool = false, busyTimeout: TimeInterval = 30, foreignKeys: Bool = false
    ) throws(SQLiteError) -> any DatabaseWriter {
        if access != .create, !FileManager.default.fileExists(atPath: path) {
            throw SQLiteError(.missing, "\(path) does not exist", subject: path)
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.readonly = access == .readOnly
        let serial = !concurrentReads && access != .readOnly
        configuration.prepareDatabase { db in
            if foreignKeys { try db.execute(sql: "PRAGMA foreign_keys = ON") }
            // A pool sets WAL itself; a single connection is asked for it.
            if serial { try db.execute(sql: "PRAGMA journal_mode = WAL") }
        }
        do {
            let writer: any DatabaseWriter = concurrentReads
                ? try DatabasePool(path: path, configuration: configuration)
                : try DatabaseQueue(path: path, configuration: configuration)
            if access != .readOnly { try requireFullSync(writer) }
            return writer
        } catch let error as SQLiteError {
            throw error
        } catch {
            throw SQLiteError(.storage, "cannot open \(path): \(describe(error))", subject: path)
        }
    }

    /// Sets synchronous=FULL on the writer connection and checks that it holds. It is set after
    /// opening because DatabasePool switches its writer to NORMAL when it sets up WAL, after
    /// `prepareDatabase` ran, and NORMAL may lose the last commits in a power cut. The writer
    /// is one long-lived connection, so this holds for every commit.
    static func requireFullSync(_ writer: any DatabaseWriter) throws {
        let setting = try writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            return try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1
        }
        guard setting == 2 else {
            throw SQLiteError(.storage, "SQLite refused synchronous=FULL (it reports \(setting))")
        }
    }

    /// The writer connection's `PRAGMA synchronous` (2 is FULL), for tests.
    public static func synchronousSetting(_ writer: any DatabaseWriter) throws -> Int {
        try writer.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA synchronous") ?? -1 }
    }

    /// Brings a database to the migrator's schema. A file written by a newer passnum is refused
    /// rather than half understood; a read-only database must already be complete.
    public static func migrate(_ writer: any DatabaseWriter, _ migrator: DatabaseMigrator, what: String) throws(SQLiteError) {
        do {
            if try writer.read({ try migrator.hasBeenSuperseded($0) }) {
                throw SQLiteError(.newerSchema, "\(what) was written by a newer passnum; upgrade passnum", subject: what)
            }
            if writer.configuration.readonly {
                guard try writer.read({ try migrator.hasCompletedMigrations($0) }) else {
                    throw SQLiteError(.olderSchema, "\(what) was written by an older passnum; open it once for writing", subject: what)
                }
            } else {
                try migrator.migrateShared(writer)
            }
        } catch let error as SQLiteError {
            throw error
        } catch {
            throw SQLiteError(.storage, "cannot prepare \(what): \(describe(error))", subject: what)
        }
    }

    /// True for a violated UNIQUE or PRIMARY KEY constraint, by SQLite's extended result code
    /// (the message text is not an interface).
    public static func isUniqueViolation(_ error: any Error) -> Bool {
        guard let error = error as? DatabaseError else { return false }
        return error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE || error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY
    }

    /// A database error in words: SQLite's message, or its result code.
    public static func describe(_ error: any Error) -> String {
        if let error = error as? SQLiteError { return error.message }
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        if error is RowDecodingError { return "a stored row holds a value out of range or missing (\(error))" }
        return "\(error)"
    }

    /// True when a stored row could not be read back as the type it must hold.
    public static func isCorruptRow(_ error: any Error) -> Bool {
        error is RowDecodingError
    }
}

/// What can go wrong opening or using a SQLite file; each store turns it into its own error.
public typealias SQLiteError = ModuleError<SQLiteErrorCode>

public enum SQLiteErrorCode: ErrorCode {
    /// The file does not exist and the command may not create it.
    case missing
    /// The file was written by a newer passnum.
    case newerSchema
    /// The file lacks migrations and was opened read-only.
    case olderSchema
    /// SQLite failed: cannot open, read or write.
    case storage
}

/// Which file a path named when a database was opened (device and inode), so a service can
/// tell that its file was deleted or replaced under it: SQLite keeps writing to the open,
/// unlinked file, and every commit after that would be acknowledged and lost.
public struct FileIdentity: Equatable, Sendable {
    let device: UInt64
    let inode: UInt64

    /// The file at `path` now; nil when there is none (or for ":memory:").
    public init?(path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
    }
}
