import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Logging
import SpentList
import SpentListServer
import Testing

/// A row of the spent list that cannot be read back (written by hand, a bad restore) used to
/// trap in the service ("Negative value is not representable"), and again each time the pass
/// was presented. Now it is a 503 for the requests that read it, an error in the log and an
/// alert metric; every other pass is served as usual.
struct DamagedRowTests {
    @Test func aDamagedRowIsA503AnErrorLineAndAnAlertAndTheServiceGoesOn() async throws {
        let log = CollectedLog()
        let fixture = try await ServiceFixture(logger: Logger(label: "passnum.test") { _ in log })
        let app = Application(router: fixture.service.buildRouter())
        try await app.test(.router) { client in
            #expect(try await client.redeem(ServiceFixture.token(7), key: fixture.pingKey).0 == .created)
            let raw = try DatabaseQueue(path: fixture.sqlite.path)
            try await raw.write { try $0.execute(sql: "UPDATE redemptions SET value_cents = -5 WHERE serial = 7") }

            for _ in 0..<2 {
                let (status, json) = try await client.redeem(ServiceFixture.token(7), key: fixture.secoursKey)
                #expect(status == .serviceUnavailable)
                #expect(json["error"] as? String == "storage")
            }
            let (settlement, _, _) = try await client.call(.get, "/v1/settlement?from=2026-11-01&to=2026-12-01", key: fixture.adminKey)
            #expect(settlement == .serviceUnavailable)
            #expect(try await client.redeem(ServiceFixture.token(8), key: fixture.pingKey).0 == .created)

            let (_, _, metrics) = try await client.call(.get, "/metrics")
            #expect(String(buffer: metrics.body).contains("passnum_damaged_rows_total 3"))
        }
        #expect(log.lines.filter { $0.level == .error && $0.message.contains("damaged row") }.count == 3)
    }

    @Test func oneDamagedRowInAGroupCommitFailsOnlyItsOwnRequest() async throws {
        let fixture = try await ServiceFixture()
        let ping = try #require(try await fixture.store.partners().first)
        let committer = GroupCommitter(store: fixture.store)
        _ = try await committer.redeem(request(1, ping))
        let raw = try DatabaseQueue(path: fixture.sqlite.path)
        try await raw.write { try $0.execute(sql: "UPDATE redemptions SET value_cents = 0") }
        let results = await withTaskGroup(of: (UInt64, Bool).self) { group in
            for serial in UInt64(1)...40 {
                group.addTask { (serial, (try? await committer.redeem(request(serial, ping))) != nil) }
            }
            return await group.reduce(into: [UInt64: Bool]()) { $0[$1.0] = $1.1 }
        }
        #expect(results[1] == false)
        #expect(results.filter(\.value).count == 39)
    }

    private func request(_ serial: UInt64, _ partner: Partner) -> RedemptionRequest {
        RedemptionRequest(pass: PassRef(kid: ServiceFixture.active.kid, serial: .init(serial)!), value: .init(1000)!,
                          partner: partner, redeemedAt: ServiceFixture.now, token: ServiceFixture.token(serial))
    }
}

/// A log handler that keeps what it is given, for tests that check what was logged.
final class CollectedLog: LogHandler, @unchecked Sendable {
    struct Line {
        let level: Logger.Level, message: String
        /// The metadata's values by key, as text.
        var metadata: [String: String] = [:]
        /// Message and metadata, for "never logged" checks.
        var text: String { ([message] + metadata.map { "\($0)=\($1)" }).joined(separator: " ") }
    }
    private let lock = NSLock()
    private var stored: [Line] = []
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    var lines: [Line] { lock.withLock { stored } }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
        let fields = (metadata ?? [:]).mapValues { "\($0)" }
        lock.withLock { stored.append(Line(level: level, message: "\(message)", metadata: fields)) }
    }
}
