import Counter
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PassIssuer
import PassVerifier
import SpentList
import SpentListServer

/// The real spent-list service in the test process, on a loopback port: a SQLite store with an
/// active partner and a disabled one, and a trust list the test chooses.
struct LiveService {
    static let issuer = IssuerKey(seed: seed(21))
    /// A key made after the counter last pulled its list.
    static let newer = IssuerKey(seed: seed(22))
    static let partnerKey = "pnk_counter-live-test"
    static let disabledKey = "pnk_counter-disabled-test"
    static let neighbourKey = "pnk_counter-neighbour-test"

    let service: Service
    let folder: String

    init(keys: [IssuerKey] = [issuer]) async throws {
        folder = NSTemporaryDirectory() + "passnum-counter-live-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let store = try SQLiteSpentStore(path: folder + "/spent.sqlite")
        _ = try await store.addPartner(name: "Guichet", keyHash: APIKey(text: Self.partnerKey).hash, at: Date())
        _ = try await store.addPartner(name: "Voisin", keyHash: APIKey(text: Self.neighbourKey).hash, at: Date())
        _ = try await store.addPartner(name: "Ancien", keyHash: APIKey(text: Self.disabledKey).hash, at: Date())
        _ = try await store.disablePartner(name: "Ancien", at: Date())
        var logger = Logger(label: "passnum.counter-test")
        logger.logLevel = .critical
        service = Service(store: store, trustList: Self.trustList(keys), signer: ReceiptSigner(key: SigningKey(seed: Self.seed(29))), logger: logger)
    }

    static func seed(_ byte: UInt8) -> SecretBytes {
        [UInt8](repeating: byte, count: 32).withUnsafeBytes { SecretBytes(copying: $0) }
    }

    static func trustList(_ keys: [IssuerKey]) -> TrustList {
        let year: TimeInterval = 365 * 86_400
        return try! TrustList(keys: keys.map {
            TrustList.Key(publicKey: $0.publicKey, issuer: "Ville", notBefore: Date() - year, notAfter: Date() + year, status: .active)
        })
    }

    static func token(_ serial: UInt64, key: IssuerKey = issuer) -> String {
        let expiry = UInt32(Date().timeIntervalSince1970) + 30 * 86_400
        return key.sign(Payload(keyID: key.kid, serial: Serial(serial)!, value: Cents(1000)!, expiry: expiry)).text
    }

    /// A file of the counter's, in this service's folder.
    func path(_ name: String) -> String { folder + "/" + name }

    /// Runs `body` with the service listening; `body` gets the service's base URL.
    func live<T: Sendable>(_ body: @escaping @Sendable (URL) async throws -> T) async throws -> T {
        try await service.buildApplication(host: "127.0.0.1", port: 0).test(.live) { client in
            try await body(URL(string: "http://127.0.0.1:\(client.port!)/")!)
        }
    }

    /// Seconds the tests' counter waits for the service before it falls back offline: far
    /// more than the product's 5 s (`ServiceClient`'s default, unchanged). The service answers
    /// on the test run's cooperative threads (2 on a 2-core machine), which other suites' blocking
    /// waits hold for seconds under load; with 5 s an online test fell back offline in 4 of 6
    /// loaded full runs. A test that means a timeout (`aFailingService…`) names its own.
    static let generous: TimeInterval = 60

    static func client(_ base: URL, key: String = partnerKey, timeout: TimeInterval = generous) -> ServiceClient {
        ServiceClient(base: base, apiKey: key, timeout: timeout)
    }

    /// A loopback address where nothing listens (the discard port).
    static let dead = URL(string: "http://127.0.0.1:9/")!
}
