import Foundation
import GRDB
import PassVerifier
import SafeOutput

/// Online copies of the project's SQLite files, and putting one back (issue 10 §6).
///
/// A copy is made with `VACUUM INTO` from a read-only connection: one read transaction, so the
/// copy is the database as it was at one instant even while a service commits redemptions (WAL
/// lets the writer go on meanwhile). The copy is written under a temporary name, checked with
/// `PRAGMA integrity_check`, synced and renamed into place, mode 0600.
public enum SQLiteBackup {
    /// What a file is, told by its tables.
    public enum Kind: String, Sendable {
        case spentList = "spent list"
        case ledger = "issuance ledger"
    }

    /// Copies the database at `source` to `destination` (replaced only with `overwrite`).
    @discardableResult
    public static func backup(_ source: String, to destination: String, overwrite: Bool) throws(BackupError) -> Kind {
        guard FileManager.default.fileExists(atPath: source) else { throw BackupError(.missing, "\(source) does not exist", subject: source) }
        let kind = try check(source, integrity: false)
        try copy(source, to: destination, overwrite: overwrite, beforeCommit: {})
        return kind
    }

    /// Puts the copy `backup` in place at `target`. The copy must pass `integrity_check` and be
    /// a file of `kind`; a target that a process has open (a running service, an issue in
    /// progress) is never replaced, and an existing one only with `replacing`.
    public static func restore(_ backup: String, to target: String, kind: Kind, replacing: Bool) throws(BackupError) {
        guard FileManager.default.fileExists(atPath: backup) else { throw BackupError(.missing, "\(backup) does not exist", subject: backup) }
        let found = try check(backup, integrity: true)
        guard found == kind else { throw BackupError(.otherKind, "\(backup) holds the \(found.rawValue), not the \(kind.rawValue)", subject: backup) }
        try refuseInUse(target)
        try copy(backup, to: target, overwrite: replacing) { () throws(BackupError) in
            try refuseInUse(target)
            // The old file's write-ahead log would be replayed into the restored file.
            for sidecar in ["-wal", "-shm", "-journal"] { unlink(target + sidecar) }
        }
    }

    /// The kind of the database at `path`, after `integrity_check` when `integrity` is set.
    public static func check(_ path: String, integrity: Bool) throws(BackupError) -> Kind {
        do {
            let db = try SQLiteFile.open(path, access: .readOnly)
            return try db.read { db throws -> Kind in
                if integrity {
                    let problems = try String.fetchAll(db, sql: "PRAGMA integrity_check")
                    guard problems == ["ok"] else {
                        throw BackupError(.damaged, "\(path) fails SQLite's integrity check: \(problems.prefix(3).joined(separator: "; "))", subject: path)
                    }
                }
                let tables = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
                if tables.isSuperset(of: ["redemptions", "partners"]) { return .spentList }
                if tables.isSuperset(of: ["key_serials", "batches"]) { return .ledger }
                throw BackupError(.notPassnum, "\(path) is neither a passnum spent list nor an issuance ledger", subject: path)
            }
        } catch let error as BackupError {
            throw error
        } catch {
            throw BackupError(.damaged, "\(path) cannot be read as a SQLite database: \(SQLiteFile.describe(error))", subject: path)
        }
    }

    /// Whether another process has the database at `path` open. Every SQLite connection to a
    /// WAL database holds a shared POSIX lock on the WAL index (`-shm`, the "DMS" byte at 128)
    /// and on the database file's lock bytes (from 1 GiB) for as long as it is open; F_GETLK
    /// reports another process's lock without taking one.
    public static func isInUse(_ path: String) -> Bool {
        lockHeld(path, start: 0x4000_0000, length: 512) || lockHeld(path + "-shm", start: 120, length: 9)
    }

    private static func lockHeld(_ path: String, start: off_t, length: off_t) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var lock = flock()
        lock.l_type = Int16(F_WRLCK)
        lock.l_whence = Int16(SEEK_SET)
        lock.l_start = start
        lock.l_len = length
        guard fcntl(fd, F_GETLK, &lock) == 0 else { return false }
        return lock.l_type != Int16(F_UNLCK)
    }

    private static func refuseInUse(_ path: String) throws(BackupError) {
        guard !isInUse(path) else {
            throw BackupError(.inUse, "\(path) is open in another process (a running service?); stop it before restoring", subject: path)
        }
    }

    /// `VACUUM INTO` a new temporary file beside `destination` (0600), checked, synced, then
    /// `beforeCommit`, then renamed into place.
    private static func copy(_ source: String, to destination: String, overwrite: Bool, beforeCommit: () throws(BackupError) -> Void) throws(BackupError) {
        let target: OutputTarget
        do {
            target = try OutputTarget(final: destination, overwrite: overwrite)
        } catch {
            throw BackupError(error.code == .exists ? .exists : .io, error.message, subject: destination)
        }
        do throws(BackupError) {
            // Created empty, 0600, before SQLite writes into it: VACUUM INTO takes an empty file.
            let sink: FileSink
            do { sink = try FileSink(creating: target.temporary, mode: OutputFile.private) } catch { throw BackupError(.io, error.message, subject: destination) }
            guard fchmod(sink.fd, OutputFile.private) == 0 else { throw BackupError(.io, "cannot set the mode of \(target.temporary)", subject: destination) }
            try vacuum(source, into: target.temporary)
            _ = try check(target.temporary, integrity: true)
            do { try sink.finish(naming: destination) } catch { throw BackupError(.io, error.message, subject: destination) }
            try beforeCommit()
            do { try target.commitFile() } catch {
                throw BackupError(error.code == .exists ? .exists : .io, error.message, subject: destination)
            }
        } catch {
            target.discard()
            throw error
        }
    }

    /// One read transaction of `source` written as a new database at `path`, in rollback-journal
    /// mode so that the copy is one self-contained file.
    private static func vacuum(_ source: String, into path: String) throws(BackupError) {
        do {
            let db = try SQLiteFile.open(source, access: .readOnly)
            try db.writeWithoutTransaction { try $0.execute(sql: "VACUUM INTO ?", arguments: [path]) }
            let copy = try DatabaseQueue(path: path)
            try copy.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode = DELETE") }
            try copy.close()
        } catch {
            throw BackupError(.io, "cannot copy \(source): \(SQLiteFile.describe(error))", subject: source)
        }
    }
}

/// What can go wrong making or restoring a copy.
public typealias BackupError = ModuleError<BackupErrorCode>

public enum BackupErrorCode: ErrorCode {
    /// The database or the copy to restore does not exist.
    case missing
    /// The output exists and replacing it was not asked for.
    case exists
    /// The target is open in another process: never replaced under it.
    case inUse
    /// The file fails SQLite's integrity check or is not a SQLite database.
    case damaged
    /// A SQLite database, but not one of passnum's.
    case notPassnum
    /// A spent list given where a ledger is expected, or the other way round.
    case otherKind
    /// Creating, writing, syncing or renaming failed.
    case io
}
