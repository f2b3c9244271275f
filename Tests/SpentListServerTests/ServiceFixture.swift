import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import PassIssuer
@testable import PassVerifier
import SpentList
import SpentListAPI
import SpentListServer
import TestStores
import Testing

/// A service on a new store of either kind (SQLite by default; PostgreSQL when asked, reported
/// as skipped when no test server runs) with fixed keys and a fixed clock, two partners and an
/// admin key; tokens of every kind a verifier can refuse.
struct ServiceFixture {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18T...Z
    static let active = IssuerKey(seed: seed(1))
    static let revokedKey = IssuerKey(seed: seed(2))
    static let notYetValid = IssuerKey(seed: seed(3))
    static let unknown = IssuerKey(seed: seed(4))
    static let receiptKey = SigningKey(seed: seed(9))

    let store: any SpentStore
    let service: Service
    let pingKey = "pnk_ping-test-key"
    let secoursKey = "pnk_secours-test-key"
    let adminKey = "pna_admin-test-key"
    let officeKey = "pno_office-test-key"

    init(_ kind: StoreKind = .sqlite, logger: Logger? = nil, keyGuessing: KeyGuessingLimits = .standard, clock: (@Sendable () -> Date)? = nil) async throws {
        guard let store = try await kind.makeStore() else { try Test.cancel(Comment(rawValue: StoreKind.postgresUnavailable ?? "")) }
        self.store = store
        _ = try await store.addPartner(name: "PiNG", keyHash: APIKey(text: pingKey).hash, at: Self.now)
        _ = try await store.addPartner(name: "Secours", keyHash: APIKey(text: secoursKey).hash, at: Self.now)
        try await store.setAdminKey(APIKey(text: adminKey).hash, at: Self.now)
        _ = try await store.addPartner(name: "CCAS Nord", keyHash: APIKey(text: officeKey).hash, at: Self.now, role: .office)
        let year: TimeInterval = 365 * 86_400
        let trustList = try TrustList(keys: [
            .init(publicKey: Self.active.publicKey, issuer: "Nantes Métropole", notBefore: Self.now - year, notAfter: Self.now + year, status: .active),
            .init(publicKey: Self.revokedKey.publicKey, issuer: "Old office", notBefore: Self.now - year, notAfter: Self.now + year, status: .revoked),
            .init(publicKey: Self.notYetValid.publicKey, issuer: "Next year", notBefore: Self.now + year, notAfter: Self.now + 2 * year, status: .active),
        ])
        var logger = logger ?? Logger(label: "passnum.test")
        if logger.logLevel < .warning { logger.logLevel = .warning }
        service = Service(store: store, trustList: trustList, signer: ReceiptSigner(key: Self.receiptKey), logger: logger, clock: clock ?? { Self.now }, keyGuessing: keyGuessing)
    }

    /// The SQLite store, for the tests about its file.
    var sqlite: SQLiteSpentStore { store as! SQLiteSpentStore }

    static func seed(_ byte: UInt8) -> SecretBytes {
        [UInt8](repeating: byte, count: 32).withUnsafeBytes { SecretBytes(copying: $0) }
    }

    static func token(_ serial: UInt64, key: IssuerKey = active, cents: UInt32 = 1000, expiry: Date = now + 86_400 * 30) -> String {
        key.sign(Payload(keyID: key.kid, serial: Serial(serial)!, value: Cents(cents)!, expiry: UInt32(expiry.timeIntervalSince1970))).text
    }

    /// A token of every reason the verifier gives, by reason.
    static var refusedTokens: [(String, String)] {
        var tampered = Array(token(1).utf8)
        tampered[199] = tampered[199] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
        let good = active.sign(Payload(keyID: active.kid, serial: Serial(3)!, value: Cents(100)!, expiry: UInt32(now.timeIntervalSince1970) + 1000))
        let version2 = DecimalText.digits(fromBytes: [2] + good.bytes.dropFirst())
        return [
            ("malformed", "12345"),
            ("unsupported_version", version2),
            ("unknown_key", token(1, key: unknown)),
            ("key_revoked", token(1, key: revokedKey)),
            ("key_not_valid", token(1, key: notYetValid)),
            ("bad_signature", String(decoding: tampered, as: UTF8.self)),
            ("expired", token(1, expiry: now - 1)),
        ]
    }
}

extension TestClientProtocol {
    @discardableResult
    func call(_ method: HTTPRequest.Method, _ uri: String, key: String? = nil, body: String? = nil) async throws -> (HTTPResponse.Status, [String: Any], TestResponse) {
        var headers: HTTPFields = [:]
        if let key { headers[.authorization] = "Bearer \(key)" }
        if body != nil { headers[.contentType] = "application/json" }
        let response = try await execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        let json = (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [String: Any] ?? [:]
        return (response.status, json, response)
    }

    func redeem(_ token: String, key: String?) async throws -> (HTTPResponse.Status, [String: Any]) {
        let (status, json, _) = try await call(.post, "/v1/redemptions", key: key, body: API.text(API.RedemptionRequest(token: token)))
        return (status, json)
    }
}
