import Counter
import Foundation
import PassVerifier
import Testing

/// The set-up rules of a counter session, without the binary: trust list, replica age, the
/// start-up check against a live service, and an unreachable service costing one timeout.
@Suite(.serialized) struct CounterSetupTests {
    @Test func theStartUpCheckTellsReadyFromARefusedKeyFromADeadService() async throws {
        let live = try await LiveService()
        let checks = try await live.live { base in
            [await CounterSetup.check(LiveService.client(base)),
             await CounterSetup.check(LiveService.client(base, key: "pnk_wrong")),
             await CounterSetup.check(LiveService.client(base, key: LiveService.disabledKey))]
        }
        #expect(checks[0] == .ready)
        #expect(checks.dropFirst().allSatisfy { if case .keyRefused = $0 { true } else { false } }, "\(checks)")
        let dead = await CounterSetup.check(LiveService.client(LiveService.dead, timeout: 1))
        #expect({ if case .unreachable = dead { true } else { false } }())
    }

    @Test func theTrustListComesFromTheNamedFileThenTheReplicaElseTheCounterIsToldToPull() throws {
        let folder = NSTemporaryDirectory() + "passnum-setup-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let replica = try Replica(path: folder + "/replica.sqlite")
        do {
            _ = try CounterSetup.trustList(named: nil, replica: replica, defaultPath: folder + "/Keys/trustlist.json")
            Issue.record("no trust list anywhere, yet one was found")
        } catch {
            #expect(error.code == .noTrustList)
        }
        try replica.storeTrustList(LiveService.trustList([LiveService.issuer]).json())
        let pulled = try CounterSetup.trustList(named: nil, replica: replica, defaultPath: folder + "/none.json")
        #expect(pulled.keys.map(\.kid) == [LiveService.issuer.kid])
        try LiveService.trustList([LiveService.newer]).json().write(to: URL(fileURLWithPath: folder + "/named.json"))
        let named = try CounterSetup.trustList(named: folder + "/named.json", replica: replica, defaultPath: folder + "/none.json")
        #expect(named.keys.map(\.kid) == [LiveService.newer.kid])
    }

    @Test func theReplicaAgeIsFreshStaleOrTooOld() throws {
        let now = Date()
        func age(_ hours: Double?) throws -> CounterSetup.ReplicaAge {
            try CounterSetup.age(pulledAt: hours.map { now - $0 * 3600 }, now: now, maxAge: 24 * 3600, hardMaxAge: 72 * 3600)
        }
        #expect(try age(1) == .fresh)
        #expect(try age(30) == .stale(hours: 30))
        #expect(try age(100) == .tooOld(hours: 100))
        #expect(throws: CounterError.self) { try age(nil) }
    }

    /// Before the fix a failing service held every scan for about 3 s of retries (one try and
    /// three retries), whatever the timeout; now retries stop once the timeout is spent, and the
    /// next scans go offline without asking the service. Counted, not timed.
    @Test func aFailingServiceCostsOneTimeoutThenTheDeskWorksOffline() async throws {
        let live = try await LiveService()
        let replica = try Replica(path: live.path("replica.sqlite"))
        try replica.apply([], cursor: nil, at: Date())
        let journal = try Journal(path: live.path("journal.sqlite"))
        let failing = FailingService()
        try await failing.live { base in
            // The pauses are 0.2, 0.8 and 2 s: within 0.5 s, at most the try and one retry fit.
            let desk = try CounterSetup.onlineDesk(
                trustList: LiveService.trustList([LiveService.issuer]), client: LiveService.client(base, timeout: 0.5),
                replica: replica, journal: journal)
            let first = await desk.handle(token: LiveService.token(1), at: Date())
            // On a loaded machine the desk's 0.5 s can pass before the service has counted the
            // first try (none counted yet): let a try still in flight land before counting.
            try await Task.sleep(for: .seconds(1))
            let afterFirst = failing.requests
            #expect((0...2).contains(afterFirst), "\(afterFirst) requests")
            #expect(first.isAccepted && first.offline)
            let second = await desk.handle(token: LiveService.token(2), at: Date())
            #expect(failing.requests == afterFirst, "the service is left alone for a while")
            #expect(second.offline && desk.workingOffline(at: Date()))
        }
    }
}
