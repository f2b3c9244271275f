import Counter
import Foundation
import PassVerifier
import Testing

/// The desk, the backends, sync and the service client against the real service in-process.
@Suite(.serialized) struct CounterLiveTests {
    func desk(_ live: LiveService, _ base: URL, journal: String = "journal.sqlite", key: String = LiveService.partnerKey) throws -> Desk {
        let replica = try Replica(path: live.path("replica.sqlite"))
        try replica.apply([], cursor: nil, at: Date())
        return try CounterSetup.onlineDesk(
            trustList: LiveService.trustList([LiveService.issuer]), client: LiveService.client(base, key: key),
            replica: replica, journal: try Journal(path: live.path(journal)))
    }

    @Test func anOnlineAcceptanceKeepsTheServiceReceiptInTheJournal() async throws {
        let live = try await LiveService()
        let verdicts = try await live.live { base in
            let desk = try desk(live, base)
            return [await desk.handle(token: LiveService.token(1), at: Date()), await desk.handle(token: LiveService.token(1), at: Date())]
        }
        #expect(verdicts[0].isAccepted && !verdicts[0].offline)
        guard case .refused(.alreadySpent(_, let here)) = verdicts[1].outcome else { Issue.record("\(verdicts[1])"); return }
        #expect(here && !verdicts[1].offline)
        let item = try #require(try Journal(path: live.path("journal.sqlite")).all().first)
        #expect(item.status == .accepted && item.receipt.hasPrefix("pnr2."), "\(item.receipt)")
    }

    /// A refusal decided by the counter itself while the service answers is not "offline".
    @Test func aLocalRefusalWhileOnlineIsNotMarkedOffline() async throws {
        let live = try await LiveService()
        let verdicts = try await live.live { base in
            let desk = try desk(live, base)
            return [await desk.handle(line: "n'importe quoi", at: Date())!, await desk.handle(token: LiveService.token(1, key: LiveService.newer), at: Date())]
        }
        #expect(verdicts.allSatisfy { !$0.offline && !$0.isAccepted })
        guard case .refused(.invalid(let error)) = verdicts[1].outcome else { Issue.record("\(verdicts[1])"); return }
        #expect(error.code == .unknownKey)
    }

    @Test func syncSettlesOfflineItemsKeepsReceiptsAndTheSecondCounterGetsTheConflict() async throws {
        let live = try await LiveService()
        let replica = try Replica(path: live.path("replica.sqlite"))
        try replica.apply([], cursor: nil, at: Date())
        let verifier = Verifier(trustList: LiveService.trustList([LiveService.issuer]))
        let mine = try Journal(path: live.path("mine.sqlite")), theirs = try Journal(path: live.path("theirs.sqlite"))
        let pass = try verifier.verify(text: LiveService.token(5), at: Date())
        _ = try mine.record(pass, at: Date() - 60, mode: .offline)
        _ = try theirs.record(pass, at: Date() - 120, mode: .offline)
        let theirReplica = try Replica(path: live.path("their-replica.sqlite"))
        let reports = try await live.live { base in
            [try await Sync(client: LiveService.client(base), journal: mine, replica: replica).run(),
             try await Sync(client: LiveService.client(base, key: LiveService.neighbourKey), journal: theirs, replica: theirReplica).run()]
        }
        #expect(reports[0].accepted.count == 1 && reports[1].conflicts.count == 1, "the first to sync wins, not the first scan")
        #expect(try mine.all().first?.receipt.hasPrefix("pnr2.") == true)
        #expect(try theirs.all().first?.status == .conflict && theirs.all().first?.receipt == "")
        #expect(reports[1].pulled == 1, "the feed now holds the pass")
    }

    @Test func syncWithARefusedKeySaysSoAndKeepsItemsPending() async throws {
        let live = try await LiveService()
        let journal = try Journal(path: live.path("journal.sqlite"))
        _ = try journal.record(try Verifier(trustList: LiveService.trustList([LiveService.issuer])).verify(text: LiveService.token(3), at: Date()),
                               at: Date(), mode: .offline)
        let code = try await live.live { base in
            do {
                _ = try await Sync(client: LiveService.client(base, key: LiveService.disabledKey), journal: journal,
                                   replica: try Replica(path: live.path("replica.sqlite"))).run()
                return "synced"
            } catch let error as CounterError {
                return error.code.rawValue
            }
        }
        #expect(code == "unauthorised")
        #expect(try journal.pending().count == 1)
    }
}

/// Fake backends: the desk's fallback rules without any network.
struct DeskFallbackTests {
    struct Unreachable: RedemptionBackend {
        func redeem(_ pass: VerifiedPass, at: Date) async throws(CounterError) -> Verdict.Outcome {
            throw CounterError(.unreachable, "down")
        }
        func status(of serial: Serial, kids: [KeyID]) async throws(CounterError) -> PassStatus {
            throw CounterError(.unreachable, "down")
        }
    }

    struct AcceptsAll: RedemptionBackend {
        func redeem(_ pass: VerifiedPass, at: Date) async throws(CounterError) -> Verdict.Outcome { .accepted(pass) }
        func status(of serial: Serial, kids: [KeyID]) async throws(CounterError) -> PassStatus { .unspent }
    }

    @Test func anUnreachablePrimaryFallsBackAndIsLeftAloneForAWhile() async {
        let desk = Desk(verifier: Verifier(trustList: LiveService.trustList([LiveService.issuer])), primary: Unreachable(),
                        fallback: AcceptsAll(), primaryIsOffline: false)
        let now = Date()
        #expect(!desk.workingOffline(at: now))
        let verdict = await desk.handle(token: LiveService.token(1), at: now)
        #expect(verdict.isAccepted && verdict.offline)
        #expect(desk.workingOffline(at: now + 1) && !desk.workingOffline(at: now + Reachability.pause + 1))
        #expect(desk.reachability.unreachableSince == now)
    }

    @Test func withoutAFallbackNothingIsDecided() async {
        let desk = Desk(verifier: Verifier(trustList: LiveService.trustList([LiveService.issuer])), primary: Unreachable(),
                        fallback: nil, primaryIsOffline: false)
        let verdict = await desk.handle(token: LiveService.token(1), at: Date())
        guard case .refused(.unavailable) = verdict.outcome else { Issue.record("\(verdict)"); return }
        #expect(!verdict.offline)
    }
}
