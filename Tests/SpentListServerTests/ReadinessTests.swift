import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TestStores

/// Issue 10 §7: `/readyz` reports whether the store can be read and written (503 with a JSON
/// reason when not), and `/metrics` carries the store's commit latency and pending batch.
@Suite struct ReadinessTests {
    @Test func aDeletedSpentListMakesTheServiceNotReady() async throws {
        let fixture = try await ServiceFixture()
        let app = Application(router: fixture.service.buildRouter())
        try await app.test(.router) { client in
            let (ready, body, _) = try await client.call(.get, "/readyz")
            #expect(ready == .ok && body["status"] as? String == "ok")
            #expect(try await client.call(.head, "/readyz").0 == .ok)

            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: fixture.sqlite.path + suffix) }
            let (status, json, response) = try await client.call(.get, "/readyz")
            #expect(status == .serviceUnavailable)
            #expect(json["error"] as? String == "storage")
            #expect((json["message"] as? String)?.contains("removed or replaced") == true, "\(json)")
            #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect(try await client.call(.head, "/readyz").0 == .serviceUnavailable)
            // Liveness does not depend on the store.
            #expect(try await client.call(.get, "/healthz").0 == .ok)
            let metrics = String(buffer: try await client.call(.get, "/metrics").2.body)
            #expect(metrics.contains("passnum_store_ready 0"), "\(metrics)")
        }
    }

    /// Another process holds the write lock: the probe answers 503 within its limit instead of
    /// waiting for SQLite's 30-second busy timeout.
    @Test func aLockedSpentListIsNotReadyAndTheProbeDoesNotHang() async throws {
        let fixture = try await ServiceFixture()
        let holder = try WriteLockHolder(path: fixture.sqlite.path)
        defer { holder.release() }
        let app = Application(router: fixture.service.buildRouter())
        try await app.test(.router) { client in
            let started = ContinuousClock.now
            let (status, json, _) = try await client.call(.get, "/readyz")
            #expect(status == .serviceUnavailable)
            #expect((json["message"] as? String)?.contains("did not answer within") == true, "\(json)")
            // Well short of the 30 s SQLite would wait (a generous bound: the machine may be loaded).
            #expect(ContinuousClock.now - started < .seconds(20))
        }
    }

    @Test(arguments: StoreKind.allCases) func theStoreMetricsAppearOnMetrics(_ kind: StoreKind) async throws {
        let fixture = try await ServiceFixture(kind)
        let app = Application(router: fixture.service.buildRouter())
        try await app.test(.router) { client in
            for serial in 1...3 { #expect(try await client.redeem(ServiceFixture.token(UInt64(serial)), key: fixture.pingKey).0 == .created) }
            _ = try await client.call(.get, "/readyz")
            let metrics = String(buffer: try await client.call(.get, "/metrics").2.body)
            #expect(metrics.contains("# TYPE passnum_store_commit_duration_seconds histogram"), "\(metrics)")
            #expect(metrics.contains("passnum_store_commit_duration_seconds_count 3"), "three redemptions one after the other: three commits")
            #expect(metrics.contains("passnum_store_pending_redemptions 0"))
            #expect(metrics.contains("passnum_store_ready 1"))
        }
    }
}

/// A `sqlite3` process holding the write lock of a database (BEGIN IMMEDIATE) until released.
final class WriteLockHolder: Sendable {
    private let process: Process
    private let input: Pipe

    init(path: String) throws {
        process = Process()
        input = Pipe()
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [path]
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data("BEGIN IMMEDIATE;\nSELECT 'locked';\n".utf8))
        // Waits for the answer: the lock is held once the SELECT after it has run.
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains("locked") {
            let chunk = output.fileHandleForReading.availableData
            try #require(!chunk.isEmpty, "sqlite3 did not take the lock")
            seen.append(chunk)
        }
    }

    func release() {
        input.fileHandleForWriting.write(Data("ROLLBACK;\n".utf8))
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
