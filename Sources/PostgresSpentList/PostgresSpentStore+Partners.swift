import Foundation
import Logging
import PostgresNIO
import SpentList

extension PostgresSpentStore {
    public func addPartner(name: String, keyHash: APIKeyHash, at date: Date, role: AccountRole) async throws(SpentListError) -> Partner {
        let name = try Partner.validName(name)
        return try await writing("add a partner") { connection, logger in
            // Ids are MAX + 1, as on SQLite: two instances adding at once take turns here.
            try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresMigration.lockKey + 1))", logger: logger)
            do {
                let rows = try await connection.query("""
                    INSERT INTO partners (id, name, key_hash, created_at_ms, role)
                    SELECT COALESCE(MAX(id), 0) + 1, \(name), \(keyHash.hex), \(Millis.from(date)), \(role.rawValue) FROM partners
                    RETURNING \(unescaped: PostgresRows.partnerColumns)
                    """, logger: logger).collect()
                guard let row = rows.first else { throw SpentListError(.storage, "the new partner was not read back") }
                return try PostgresRows.partner(row)
            } catch where PostgresErrors.isUniqueViolation(error) {
                throw SpentListError(.duplicatePartner, "a partner named \(name) already exists", subject: name)
            }
        }
    }

    public func partners() async throws(SpentListError) -> [Partner] {
        try await reading("list partners") { connection, logger in
            try await connection.query(
                "SELECT \(unescaped: PostgresRows.partnerColumns) FROM partners ORDER BY name COLLATE \"C\"", logger: logger
            ).collect().map(PostgresRows.partner)
        }
    }

    public func disablePartner(name: String, at date: Date) async throws(SpentListError) -> Bool {
        try await writing("disable a partner") { connection, logger in
            let partner = try await Self.partner(named: name, connection, logger)
            guard partner.isActive else { return false }
            try await connection.query("UPDATE partners SET disabled_at_ms = \(Millis.from(date)) WHERE id = \(partner.id)", logger: logger)
            return true
        }
    }

    public func enablePartner(name: String) async throws(SpentListError) -> Bool {
        try await writing("enable a partner") { connection, logger in
            let partner = try await Self.partner(named: name, connection, logger)
            guard !partner.isActive else { return false }
            try await connection.query("UPDATE partners SET disabled_at_ms = NULL WHERE id = \(partner.id)", logger: logger)
            return true
        }
    }

    public func replacePartnerKey(name: String, keyHash: APIKeyHash) async throws(SpentListError) -> Partner {
        try await writing("replace a partner's key") { connection, logger in
            let partner = try await Self.partner(named: name, connection, logger)
            try await connection.query("UPDATE partners SET key_hash = \(keyHash.hex) WHERE id = \(partner.id)", logger: logger)
            return partner
        }
    }

    /// The partner of this name, its row locked until the transaction ends.
    private static func partner(named name: String, _ connection: PostgresConnection, _ logger: Logger) async throws -> Partner {
        let rows = try await connection.query(
            "SELECT \(unescaped: PostgresRows.partnerColumns) FROM partners WHERE name = \(name) FOR UPDATE", logger: logger
        ).collect()
        guard let row = rows.first else { throw SpentListError(.unknownPartner, "no partner named \(name)") }
        return try PostgresRows.partner(row)
    }

    public func partner(keyHash: APIKeyHash) async throws(SpentListError) -> Partner? {
        try await reading("look up a partner") { connection, logger in
            let rows = try await connection.query(
                "SELECT \(unescaped: PostgresRows.partnerColumns), key_hash FROM partners WHERE key_hash = \(keyHash.hex)", logger: logger
            ).collect()
            guard let row = rows.first else { return nil }
            // The lookup went by hash; compare once more in constant time, as for every secret.
            let (id, name, created, disabled, role, stored) = try row.decode((Int64, String, Int64, Int64?, String, String).self)
            guard let stored = APIKeyHash(hex: stored), stored.matches(keyHash) else { return nil }
            return Partner(id: id, name: name, createdAt: Millis.date(created), disabledAt: disabled.map(Millis.date), role: AccountRole(rawValue: role) ?? .partner)
        }
    }

    public func setAdminKey(_ keyHash: APIKeyHash, at date: Date) async throws(SpentListError) {
        try await writing("set the admin key") { connection, logger in
            try await connection.query("UPDATE admin_keys SET retired_at_ms = \(Millis.from(date)) WHERE retired_at_ms IS NULL", logger: logger)
            try await connection.query("INSERT INTO admin_keys (key_hash, created_at_ms) VALUES (\(keyHash.hex), \(Millis.from(date)))", logger: logger)
        }
    }

    public func adminKeyHash() async throws(SpentListError) -> APIKeyHash? {
        try await reading("read the admin key") { connection, logger in
            let rows = try await connection.query("SELECT key_hash FROM admin_keys WHERE retired_at_ms IS NULL", logger: logger).collect()
            return try rows.first.flatMap { APIKeyHash(hex: try $0.decode(String.self)) }
        }
    }
}
