import Foundation
import GRDB
import SharedSQLite

/// Opening and using the counter's SQLite files with one error type, through the project's
/// one opener (WAL, synchronous=FULL: what was committed survives a crash or a power cut).
enum CounterDatabase {
    static func open(_ path: String, access: SQLiteFile.Access = .create) throws(CounterError) -> any DatabaseWriter {
        do {
            return try SQLiteFile.open(path, access: access, busyTimeout: 10)
        } catch {
            throw CounterError(.storage, "cannot open \(path): \(error.message)", subject: path)
        }
    }

    /// Creates the file's tables (the schema's version 1) unless they exist, then applies the
    /// later versions, each a named SQL statement, once.
    static func migrated(_ database: any DatabaseWriter, schema: String, later: [(String, String)] = []) throws(CounterError) -> any DatabaseWriter {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in try db.execute(sql: schema) }
        for (name, sql) in later {
            migrator.registerMigration(name) { db in try db.execute(sql: sql) }
        }
        do {
            try SQLiteFile.migrate(database, migrator, what: database.path)
            return database
        } catch {
            throw CounterError(.storage, "cannot open \(database.path): \(error.message)", subject: database.path)
        }
    }

    static func write<T>(_ database: any DatabaseWriter, _ what: String, _ body: (Database) throws -> T) throws(CounterError) -> T {
        do {
            return try database.write(body)
        } catch let error as CounterError {
            throw error
        } catch {
            throw CounterError(.storage, "cannot \(what): \(describe(error))")
        }
    }

    static func read<T>(_ database: any DatabaseWriter, _ what: String, _ body: (Database) throws -> T) throws(CounterError) -> T {
        do {
            return try database.read(body)
        } catch {
            throw CounterError(.storage, "cannot \(what): \(describe(error))")
        }
    }

    static func describe(_ error: Error) -> String {
        SQLiteFile.describe(error)
    }
}
