import Logging
import PostgresNIO
import SpentList

/// Brings a PostgreSQL database to `Schema.migrations`, the SQLite store's own list, recorded
/// in `passnum_migrations`. Several instances may start at once: each takes the same
/// session-level advisory lock first, so one migrates and the others then find it done.
struct PostgresMigration {
    /// The advisory lock's key: "passnum" in ASCII, a number no other program is likely to use.
    static let lockKey: Int64 = 0x70_61_73_73_6e_75_6d
    let address: PostgresAddress
    let password: String?
    let logger: Logger

    func run(_ access: StoreAccess) async throws(SpentListError) {
        let connection = try await connect()
        var failure: SpentListError?
        do {
            _ = try await connection.query("SELECT pg_advisory_lock(\(Self.lockKey))", logger: logger).get()
            try await migrate(connection, access)
            _ = try await connection.query("SELECT pg_advisory_unlock(\(Self.lockKey))", logger: logger).get()
        } catch {
            failure = PostgresErrors.wrap(error, "prepare the spent list \(address)")
        }
        // Closing also releases the lock if the unlock was never reached.
        try? await connection.close()
        if let failure { throw failure }
    }

    /// One connection, so a wrong host, port, user, password or database is told at once and
    /// in the server's words, before the pool (which would keep retrying quietly) starts.
    private func connect() async throws(SpentListError) -> PostgresConnection {
        var configuration = PostgresConnection.Configuration(
            host: address.host, port: address.port, username: address.user, password: password, database: address.database, tls: .disable)
        configuration.options.connectTimeout = .seconds(5)
        do {
            return try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
        } catch {
            throw SpentListError(
                .storage,
                "cannot connect to the spent list \(address): \(PostgresErrors.describe(error)); check that PostgreSQL runs there and that the user, the database and PGPASSWORD (or --db-password-file) are right",
                subject: address.description)
        }
    }

    private func migrate(_ connection: PostgresConnection, _ access: StoreAccess) async throws {
        let known = Schema.migrations.map(\.identifier)
        guard let applied = try await appliedMigrations(connection) else {
            guard access == .create else {
                throw SpentListError(.missing, "no spent list in \(address) (start the service once with --init to create it)", subject: address.description)
            }
            return try await apply(Schema.migrations, on: connection, creatingTable: true)
        }
        if applied.contains(where: { !known.contains($0) }) {
            throw SpentListError(.newerSchema, "the spent list \(address) was written by a newer passnum; upgrade passnum", subject: address.description)
        }
        let missing = Schema.migrations.filter { !applied.contains($0.identifier) }
        guard !missing.isEmpty else { return }
        guard access != .readOnly else {
            throw SpentListError(.storage, "the spent list \(address) was written by an older passnum; start the service once to migrate it", subject: address.description)
        }
        try await apply(missing, on: connection, creatingTable: false)
    }

    /// The migrations recorded, or nil when the table of migrations does not exist.
    private func appliedMigrations(_ connection: PostgresConnection) async throws -> Set<String>? {
        let exists = try await connection.query("SELECT to_regclass('passnum_migrations') IS NOT NULL", logger: logger).get()
        guard try exists.rows.first?.decode(Bool.self) == true else { return nil }
        let rows = try await connection.query("SELECT identifier FROM passnum_migrations", logger: logger).get()
        return Set(try rows.rows.map { try $0.decode(String.self) })
    }

    /// The missing migrations and their records in one transaction (PostgreSQL's DDL is
    /// transactional), so a failure leaves nothing half done, not even the table of migrations.
    private func apply(_ migrations: [(identifier: String, sql: String)], on connection: PostgresConnection, creatingTable: Bool) async throws {
        try await connection.withTransaction(logger: logger) { connection in
            if creatingTable {
                try await connection.query("CREATE TABLE passnum_migrations (identifier TEXT NOT NULL PRIMARY KEY)", logger: logger)
            }
            for (identifier, sql) in migrations {
                for statement in Self.statements(sql) + (PostgresChain.extras[identifier] ?? []) {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query("INSERT INTO passnum_migrations (identifier) VALUES (\(identifier))", logger: logger)
            }
        }
    }

    /// A migration's statements one by one (the extended protocol takes one at a time):
    /// comment lines dropped, then split at ";" (the schema puts none inside a string).
    static func statements(_ sql: String) -> [String] {
        let code = sql.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("--") }.joined(separator: "\n")
        return code.split(separator: ";").map(String.init).filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
    }
}
