import Foundation
import PostgresSpentList
import SharedSQLite
import SpentList

extension SimulatedYear {
    /// A copy of the year on a store of `kind`, to change behind the store's back (as someone
    /// with access to the database would) while other tests change their own copies. The year
    /// is written once per kind of store and copied: SQLite by `passnum backup`'s copy, PostgreSQL
    /// by `CREATE DATABASE … TEMPLATE`. Nil when no PostgreSQL server runs.
    public static func copy(on kind: StoreKind) async throws -> (any SpentStore)? {
        guard let original = try await Originals.shared.location(kind) else { return nil }
        switch kind {
        case .sqlite:
            let path = StoreKind.temporaryFolder().appendingPathComponent("spent.sqlite").path
            try SQLiteBackup.backup(original, to: path, overwrite: false)
            return try SQLiteSpentStore(path: path)
        case .postgres:
            guard let address = try await Originals.copyDatabase(original) else { return nil }
            return try await PostgresSpentStore(address, password: ProcessInfo.processInfo.environment["PGPASSWORD"], timeout: .seconds(30))
        }
    }

    /// The year written once per kind of store: its SQLite path, or its PostgreSQL database's
    /// name (nobody connects to it once written, so it can be copied).
    actor Originals {
        static let shared = Originals()
        private var written: [StoreKind: Task<String?, any Error>] = [:]

        func location(_ kind: StoreKind) async throws -> String? {
            if let task = written[kind] { return try await task.value }
            let task = Task { () async throws -> String? in
                switch kind {
                case .sqlite:
                    let path = StoreKind.temporaryFolder().appendingPathComponent("year.sqlite").path
                    try await SimulatedYear.run(on: try SQLiteSpentStore(path: path))
                    return path
                case .postgres:
                    guard let address = try await StoreKind.newDatabase() else { return nil }
                    let store = try await PostgresSpentStore(address, password: ProcessInfo.processInfo.environment["PGPASSWORD"], timeout: .seconds(30))
                    try await SimulatedYear.run(on: store)
                    store.close()
                    return address.database
                }
            }
            written[kind] = task
            return try await task.value
        }

        /// PostgreSQL refuses to copy a database while another copy of it is being made: a few
        /// tries, a moment apart.
        static func copyDatabase(_ name: String) async throws -> PostgresAddress? {
            for _ in 1..<20 {
                if let address = try? await StoreKind.newDatabase(template: name) { return address }
                try await Task.sleep(for: .milliseconds(250))
            }
            return try await StoreKind.newDatabase(template: name)
        }
    }
}
