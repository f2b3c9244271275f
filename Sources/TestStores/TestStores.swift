import Foundation
import Logging
import PostgresNIO
import PostgresSpentList
import SpentList

/// The stores every store and service test runs against: SQLite in a temporary file, and
/// PostgreSQL in a fresh database of the server that `scripts/with-postgres.sh` started (its
/// URL in PASSNUM_TEST_POSTGRES). Tests only; no product links it.
public enum StoreKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite, postgres

    public var description: String { rawValue }

    /// The variable `scripts/with-postgres.sh` sets, and `make test` always does.
    public static let postgresVariable = "PASSNUM_TEST_POSTGRES"

    /// Why the PostgreSQL cases cannot run here, or nil when they can.
    public static var postgresUnavailable: String? {
        ProcessInfo.processInfo.environment[postgresVariable] == nil
            ? "PostgreSQL cases skipped: \(postgresVariable) is not set (run the tests with scripts/with-postgres.sh, as make test does)"
            : nil
    }

    /// A new, empty store of this kind (migrated), or nil for PostgreSQL when no server was started.
    public func makeStore() async throws -> (any SpentStore)? {
        switch self {
        case .sqlite:
            return try SQLiteSpentStore(path: Self.temporaryFolder().appendingPathComponent("spent.sqlite").path)
        case .postgres:
            guard let address = try await Self.newDatabase() else { return nil }
            return try await PostgresSpentStore(address, password: Self.password, timeout: .seconds(30))
        }
    }

    /// The `--db` text of a new, empty store of this kind, for tests that run the built binary.
    public func makeLocation() async throws -> String? {
        switch self {
        case .sqlite: "sqlite:" + Self.temporaryFolder().appendingPathComponent("spent.sqlite").path
        case .postgres: try await Self.newDatabase()?.description
        }
    }

    static var password: String? { ProcessInfo.processInfo.environment["PGPASSWORD"] }

    public static func temporaryFolder() -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("passnum-tests-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A database of its own for one test, made on the test server (none is ever dropped: the
    /// whole cluster goes at the end of the run); with `template`, a copy of that database
    /// (whose sessions are ended first: PostgreSQL copies only a database nobody is in).
    public static func newDatabase(template: String? = nil) async throws -> PostgresAddress? {
        guard let text = ProcessInfo.processInfo.environment[postgresVariable] else { return nil }
        guard case .postgres(let server) = try StoreLocation(text: text) else { return nil }
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let configuration = PostgresConnection.Configuration(
            host: server.host, port: server.port, username: server.user, password: password, database: server.database, tls: .disable)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: Logger(label: "passnum.tests"))
        do {
            if let template {
                let others = "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(template)' AND pid <> pg_backend_pid()"
                try await connection.query(PostgresQuery(unsafeSQL: others), logger: Logger(label: "passnum.tests"))
            }
            let copy = template.map { " TEMPLATE \($0)" } ?? ""
            try await connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)\(copy)"), logger: Logger(label: "passnum.tests"))
        } catch {
            try? await connection.close()
            throw error
        }
        try? await connection.close()
        return PostgresAddress(user: server.user, host: server.host, port: server.port, database: name)
    }
}
