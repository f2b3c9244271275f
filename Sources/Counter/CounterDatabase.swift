import Foundation
import GRDB
import SharedSQLite

/// Opening and using the counter's SQLite files with one error type and one durability rule:
/// WAL with synchronous=FULL, so what was committed survives a crash or a power cut.
enum CounterDatabase {
    static func open(_ path: String, migrator: DatabaseMigrator) throws(CounterError) -> DatabaseQueue {
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
            let database = try DatabaseQueue(path: path, configuration: configuration)
            try migrator.migrateShared(database)
            return database
        } catch {
            throw CounterError(.storage, "cannot open \(path): \(describe(error))")
        }
    }

    static func write<T>(_ database: DatabaseQueue, _ what: String, _ body: (Database) throws -> T) throws(CounterError) -> T {
        do {
            return try database.write(body)
        } catch let error as CounterError {
            throw error
        } catch {
            throw CounterError(.storage, "cannot \(what): \(describe(error))")
        }
    }

    static func read<T>(_ database: DatabaseQueue, _ what: String, _ body: (Database) throws -> T) throws(CounterError) -> T {
        do {
            return try database.read(body)
        } catch {
            throw CounterError(.storage, "cannot \(what): \(describe(error))")
        }
    }

    static func describe(_ error: Error) -> String {
        (error as? DatabaseError)?.message ?? "\(error)"
    }
}
