import Foundation
import GRDB
import PassVerifier
import SharedSQLite
import SpentList
import Testing

/// The store on SQLite: read-only opens, in-memory databases, damaged rows.
struct StorageTests {
    @Test func aReadOnlyOpenOfAMissingStoreThrowsAndCreatesNothing() throws {
        let path = Fixtures.temporaryPath("spent.sqlite")
        for access in [SQLiteFile.Access.readOnly, .existing] {
            let error = #expect(throws: SpentListError.self) { _ = try SQLiteSpentStore(path: path, access: access) }
            #expect(error?.code == .missing)
            #expect(error?.subject == path)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path).isEmpty)
    }

    @Test func aReadOnlyStoreReadsButNeverWrites() async throws {
        let (store, ping, _) = try await Fixtures.storeWithPartners()
        _ = try await store.redeem([Fixtures.request(4, by: ping)])
        let reader = try SQLiteSpentStore(path: store.path, access: .readOnly)
        #expect(try await reader.state(of: Fixtures.pass(4)) == .spent(at: Fixtures.now))
        await #expect(throws: SpentListError.self) { _ = try await reader.redeem([Fixtures.request(5, by: ping)]) }
        #expect(try await store.state(of: Fixtures.pass(5)) == .unspent)
    }

    @Test func aStoreRunsOnAnInMemoryDatabase() async throws {
        let store = try SQLiteSpentStore(writer: DatabaseQueue())
        let ping = try await store.addPartner(name: "PiNG", keyHash: APIKey(text: "pnk_ping").hash, at: Fixtures.now)
        #expect(try await store.redeem([Fixtures.request(1, by: ping)]).count == 1)
        #expect(try await store.state(of: Fixtures.pass(1)) == .spent(at: Fixtures.now))
    }

    @Test func aDuplicateKeyIsRecognisedByItsResultCodeNotItsText() async throws {
        let store = try SQLiteSpentStore(writer: DatabaseQueue())
        _ = try await store.addPartner(name: "PiNG", keyHash: APIKey(text: "pnk_a").hash, at: Fixtures.now)
        let error = await #expect(throws: SpentListError.self) {
            _ = try await store.addPartner(name: "Other", keyHash: APIKey(text: "pnk_a").hash, at: Fixtures.now)
        }
        #expect(error?.code == .duplicatePartner)
        let queue = try DatabaseQueue()
        try await queue.write { try $0.execute(sql: "CREATE TABLE t (x UNIQUE); INSERT INTO t VALUES (1)") }
        do {
            try await queue.write { try $0.execute(sql: "INSERT INTO t VALUES (1)") }
            Issue.record("a second row with the same key was accepted")
        } catch {
            #expect(SQLiteFile.isUniqueViolation(error))
        }
        #expect(!SQLiteFile.isUniqueViolation(DatabaseError(resultCode: .SQLITE_CONSTRAINT_CHECK, message: "UNIQUE constraint failed")))
    }

    /// A row written by hand with a value no pass can have (a bug elsewhere, a bad restore):
    /// reading it used to trap ("Negative value is not representable") and kill the service.
    @Test(arguments: ["value_cents = -5", "value_cents = 0", "value_cents = 5000000000", "serial = 0", "kid = 'zz'"])
    func aDamagedRowIsATypedErrorNotACrash(damage: String) async throws {
        let (store, ping, _) = try await Fixtures.storeWithPartners()
        _ = try await store.redeem([Fixtures.request(7, by: ping)])
        let raw = try DatabaseQueue(path: store.path)
        try await raw.write { try $0.execute(sql: "UPDATE redemptions SET \(damage)") }
        let start = Fixtures.now.addingTimeInterval(-3600), end = Fixtures.now.addingTimeInterval(3600)
        let error = await #expect(throws: SpentListError.self) {
            _ = try await store.settlement(from: start, to: end, partnerID: nil)
        }
        #expect(error?.code == .corruptRow)
        if !damage.hasPrefix("serial"), !damage.hasPrefix("kid") {
            // The pass itself is presented again: the answer is an error, every time.
            for _ in 0..<2 {
                let again = await #expect(throws: SpentListError.self) { _ = try await store.redeem([Fixtures.request(7, by: ping)]) }
                #expect(again?.code == .corruptRow)
            }
        }
    }

    @Test func passFieldsRoundTripThroughTheDatabaseAndOutOfRangeValuesDoNotConvert() throws {
        let kid = Fixtures.issuer.kid
        #expect(KeyID.fromDatabaseValue(kid.databaseValue) == kid)
        #expect(Serial.fromDatabaseValue(Serial(Serial.max)!.databaseValue)?.value == Serial.max)
        #expect(Cents.fromDatabaseValue(Cents(UInt32.max)!.databaseValue)?.value == UInt32.max)
        #expect(Serial.fromDatabaseValue(Int64(0).databaseValue) == nil)
        #expect(Serial.fromDatabaseValue(Int64(1 << 48).databaseValue) == nil)
        #expect(Cents.fromDatabaseValue(Int64(-1).databaseValue) == nil)
        #expect(Cents.fromDatabaseValue(DatabaseValue.null) == nil)
        #expect(KeyID.fromDatabaseValue("7F26C5A0".databaseValue) == nil)
    }
}
