import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Logging
import SpentList
import SpentListServer
import Testing

/// A spent list deleted or replaced under a running service: SQLite kept writing to the open,
/// unlinked file, and the service answered 201 for redemptions nobody would ever see again.
/// Now it notices (device and inode of the path, checked around each transaction), answers 503
/// and logs an error.
struct ReplacedDatabaseTests {
    @Test(arguments: [false, true])
    func aRemovedOrReplacedFileIs503AndAnError(replace: Bool) async throws {
        let log = CollectedLog()
        let fixture = try await ServiceFixture(logger: Logger(label: "passnum.test") { _ in log })
        let app = Application(router: fixture.service.buildRouter())
        try await app.test(.router) { client in
            #expect(try await client.redeem(ServiceFixture.token(1), key: fixture.pingKey).0 == .created)
            let path = fixture.sqlite.path
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            if replace { _ = try SQLiteSpentStore(path: path) }

            let (status, json) = try await client.redeem(ServiceFixture.token(2), key: fixture.pingKey)
            #expect(status == .serviceUnavailable)
            #expect(json["error"] as? String == "storage")
            let (state, _, _) = try await client.call(.get, "/v1/passes/\(ServiceFixture.active.kid)/1", key: fixture.secoursKey)
            #expect(state == .serviceUnavailable)
        }
        #expect(log.lines.filter { $0.level == .error }.count >= 2, "one per refused request, authentication included")
    }
}
