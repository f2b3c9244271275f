import Foundation
import PassIssuer
import PassVerifier
import SpentList
import TestStores
import Testing

/// Fixed keys and a clock for deterministic tests.
enum Fixtures {
    static let issuer = IssuerKey(seed: seed(1))
    static let now = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18

    static func seed(_ byte: UInt8) -> SecretBytes {
        [UInt8](repeating: byte, count: 32).withUnsafeBytes { SecretBytes(copying: $0) }
    }

    static func pass(_ serial: UInt64, kid: KeyID = issuer.kid) -> PassRef {
        PassRef(kid: kid, serial: Serial(serial)!)
    }

    static func temporaryStore() throws -> SQLiteSpentStore {
        try SQLiteSpentStore(path: temporaryPath("spent.sqlite"))
    }

    /// A fresh store with the two partners most tests redeem for.
    static func storeWithPartners() async throws -> (store: SQLiteSpentStore, ping: Partner, secours: Partner) {
        let store = try temporaryStore()
        let ping = try await store.addPartner(name: "PiNG", keyHash: APIKey(text: "pnk_ping").hash, at: now)
        let secours = try await store.addPartner(name: "Secours", keyHash: APIKey(text: "pnk_secours").hash, at: now)
        return (store, ping, secours)
    }

    /// A fresh store of this kind; the PostgreSQL case is reported as skipped, with the reason,
    /// when no test server runs (a developer without PostgreSQL; `make test` always has one).
    static func store(_ kind: StoreKind) async throws -> any SpentStore {
        guard let store = try await kind.makeStore() else { try Test.cancel(Comment(rawValue: StoreKind.postgresUnavailable ?? "no store")) }
        return store
    }

    /// A fresh store of this kind with the two partners most tests redeem for.
    static func storeWithPartners(_ kind: StoreKind) async throws -> (store: any SpentStore, ping: Partner, secours: Partner) {
        let store = try await store(kind)
        let ping = try await store.addPartner(name: "PiNG", keyHash: APIKey(text: "pnk_ping").hash, at: now)
        let secours = try await store.addPartner(name: "Secours", keyHash: APIKey(text: "pnk_secours").hash, at: now)
        return (store, ping, secours)
    }

    static func temporaryPath(_ name: String) -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("passnum-tests-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent(name).path
    }

    /// A genuine token of the fixture key (value 10 €, valid a year from `now`), as counters scan it.
    static func token(_ serial: UInt64, cents: UInt32 = 1000) -> String {
        issuer.sign(Payload(keyID: issuer.kid, serial: Serial(serial)!, value: Cents(cents)!, expiry: UInt32(now.timeIntervalSince1970) + 365 * 86_400)).text
    }

    static func request(_ serial: UInt64, by partner: Partner, cents: UInt32 = 1000, at date: Date = now) -> RedemptionRequest {
        RedemptionRequest(pass: pass(serial), value: Cents(cents)!, partner: partner, redeemedAt: date, token: token(serial, cents: cents))
    }
}
