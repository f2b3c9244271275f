import Foundation
import GRDB
import SharedSQLite

extension SQLiteSpentStore {
    public func addPartner(name: String, keyHash: APIKeyHash, at date: Date, role: AccountRole) async throws(SpentListError) -> Partner {
        let name = try Partner.validName(name)
        return try await writing("add a partner") { db in
            do {
                try db.execute(
                    sql: """
                        INSERT INTO partners (id, name, key_hash, created_at_ms, role)
                        SELECT COALESCE(MAX(id), 0) + 1, ?, ?, ?, ? FROM partners
                        """,
                    arguments: [name, keyHash.hex, Millis.from(date), role.rawValue])
            } catch where SQLiteFile.isUniqueViolation(error) {
                throw SpentListError(.duplicatePartner, "a partner named \(name) already exists", subject: name)
            }
            return try Row.fetchOne(db, sql: "SELECT * FROM partners WHERE name = ?", arguments: [name]).map(Self.partner)!
        }
    }

    public func partners() async throws(SpentListError) -> [Partner] {
        try await reading("list partners") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM partners ORDER BY name").map(Self.partner)
        }
    }

    public func disablePartner(name: String, at date: Date) async throws(SpentListError) -> Bool {
        try await writing("disable a partner") { db in
            let partner = try Self.partner(named: name, in: db)
            guard partner.isActive else { return false }
            try db.execute(sql: "UPDATE partners SET disabled_at_ms = ? WHERE id = ?", arguments: [Millis.from(date), partner.id])
            return true
        }
    }

    public func enablePartner(name: String) async throws(SpentListError) -> Bool {
        try await writing("enable a partner") { db in
            let partner = try Self.partner(named: name, in: db)
            guard !partner.isActive else { return false }
            try db.execute(sql: "UPDATE partners SET disabled_at_ms = NULL WHERE id = ?", arguments: [partner.id])
            return true
        }
    }

    public func replacePartnerKey(name: String, keyHash: APIKeyHash) async throws(SpentListError) -> Partner {
        try await writing("replace a partner's key") { db in
            let partner = try Self.partner(named: name, in: db)
            try db.execute(sql: "UPDATE partners SET key_hash = ? WHERE id = ?", arguments: [keyHash.hex, partner.id])
            return partner
        }
    }

    private static func partner(named name: String, in db: Database) throws -> Partner {
        guard let partner = try Row.fetchOne(db, sql: "SELECT * FROM partners WHERE name = ?", arguments: [name]).map(Self.partner) else {
            throw SpentListError(.unknownPartner, "no partner named \(name)")
        }
        return partner
    }

    public func partner(keyHash: APIKeyHash) async throws(SpentListError) -> Partner? {
        try await reading("look up a partner") { db in
            let statement = try db.cachedStatement(sql: "SELECT * FROM partners WHERE key_hash = ?")
            guard let row = try Row.fetchOne(statement, arguments: [keyHash.hex]) else { return nil }
            // The lookup went by hash; compare once more in constant time, as for every secret.
            guard let stored = APIKeyHash(hex: row["key_hash"]), stored.matches(keyHash) else { return nil }
            return try Self.partner(row)
        }
    }

    public func setAdminKey(_ keyHash: APIKeyHash, at date: Date) async throws(SpentListError) {
        try await writing("set the admin key") { db in
            try db.execute(sql: "UPDATE admin_keys SET retired_at_ms = ? WHERE retired_at_ms IS NULL", arguments: [Millis.from(date)])
            try db.execute(sql: "INSERT INTO admin_keys (key_hash, created_at_ms) VALUES (?, ?)", arguments: [keyHash.hex, Millis.from(date)])
        }
    }

    public func adminKeyHash() async throws(SpentListError) -> APIKeyHash? {
        try await reading("read the admin key") { db in
            try String.fetchOne(db, sql: "SELECT key_hash FROM admin_keys WHERE retired_at_ms IS NULL").flatMap(APIKeyHash.init(hex:))
        }
    }

    static func partner(_ row: Row) throws -> Partner {
        Partner(
            id: try row.decode(forColumn: "id"), name: try row.decode(forColumn: "name"),
            createdAt: Millis.date(try row.decode(forColumn: "created_at_ms")),
            disabledAt: (try row.decode(Int64?.self, forColumn: "disabled_at_ms")).map(Millis.date),
            role: AccountRole(rawValue: try row.decode(forColumn: "role")) ?? .partner)
    }
}
