import Foundation
import PassVerifier
import SpentList
import TestStores
import Testing

/// Offline redemptions brought by `passnum sync`: accepted when first, idempotent when sent
/// again, and a recorded conflict otherwise.
@Suite struct OfflineRedemptionTests {
    func offline(_ serial: UInt64, by partner: Partner, at date: Date, refusal: String? = nil, help: String? = nil) -> OfflineRedemptionRequest {
        OfflineRedemptionRequest(pass: Fixtures.pass(serial), value: Cents(1000)!, partner: partner, scannedAt: date, token: Fixtures.token(serial), refusal: refusal, helpKind: help)
    }

    @Test(arguments: StoreKind.allCases) func anUnspentPassIsRedeemedAtItsScanTime(_ kind: StoreKind) async throws {
        let (store, ping, _) = try await Fixtures.storeWithPartners(kind)
        let scanned = Fixtures.now.addingTimeInterval(-7200)
        let outcomes = try await store.redeemOffline([offline(3, by: ping, at: scanned)])
        guard case .accepted(let redemption, let new) = outcomes[0] else { Issue.record("\(outcomes)"); return }
        #expect(new)
        #expect(redemption.redeemedAt == scanned && redemption.partnerName == "PiNG")
        #expect(try await store.state(of: Fixtures.pass(3)) == .spent(at: scanned))
        let feed = try await store.feed(after: .start, limit: 10)
        #expect(feed.items.map(\.first.value) == [3], "an offline redemption reaches other counters' replicas")
    }

    @Test(arguments: StoreKind.allCases) func sendingTheSameJournalTwiceChangesNothing(_ kind: StoreKind) async throws {
        let (store, ping, secours) = try await Fixtures.storeWithPartners(kind)
        let scanned = Fixtures.now.addingTimeInterval(-60)
        let batch = [offline(1, by: ping, at: scanned), offline(2, by: ping, at: scanned)]
        _ = try await store.redeemOffline(batch)
        _ = try await store.redeem([Fixtures.request(5, by: secours)])
        _ = try await store.redeemOffline([offline(5, by: ping, at: scanned)])
        let feedBefore = try await store.feed(after: .start, limit: 100).items
        let conflictsBefore = try await store.conflicts(from: .distantPast, to: .distantFuture, partnerID: nil)
        let again = try await store.redeemOffline(batch + [offline(5, by: ping, at: scanned)])
        #expect(again.prefix(2).allSatisfy { if case .accepted(_, let new) = $0 { !new } else { false } }, "\(again)")
        guard case .conflict(let conflict) = again[2] else { Issue.record("\(again[2])"); return }
        #expect(conflict == conflictsBefore.first)
        #expect(try await store.feed(after: .start, limit: 100).items == feedBefore)
        #expect(try await store.conflicts(from: .distantPast, to: .distantFuture, partnerID: nil) == conflictsBefore)
        #expect(try await store.settlement(from: .distantPast, to: .distantFuture, partnerID: ping.id).count == 2)
    }

    @Test(arguments: StoreKind.allCases) func aPassTakenByAnotherPartnerFirstIsAConflictWithBothPartnersAndTimes(_ kind: StoreKind) async throws {
        let (store, ping, secours) = try await Fixtures.storeWithPartners(kind)
        let first = Fixtures.now.addingTimeInterval(-3600), late = Fixtures.now.addingTimeInterval(-1800)
        _ = try await store.redeemOffline([offline(9, by: secours, at: first)])
        let outcomes = try await store.redeemOffline([offline(9, by: ping, at: late)])
        guard case .conflict(let conflict) = outcomes[0] else { Issue.record("\(outcomes)"); return }
        #expect(conflict.reason == "already_spent")
        #expect(conflict.partnerName == "PiNG" && conflict.scannedAt == late)
        #expect(conflict.firstPartnerName == "Secours" && conflict.firstRedeemedAt == first)
        #expect(try await store.settlement(from: .distantPast, to: .distantFuture, partnerID: ping.id).count == 0)
        // Both partners see it; a third would not.
        #expect(try await store.conflicts(from: .distantPast, to: .distantFuture, partnerID: secours.id) == [conflict])
        #expect(try await store.conflicts(from: .distantPast, to: .distantFuture, partnerID: ping.id) == [conflict])
        #expect(try await store.conflicts(from: .distantPast, to: first, partnerID: nil).isEmpty, "filtered on the scan time")
        let third = try await store.addPartner(name: "Tiers", keyHash: APIKey(text: "pnk_tiers").hash, at: Fixtures.now)
        #expect(try await store.conflicts(from: .distantPast, to: .distantFuture, partnerID: third.id).isEmpty, "not involved")
    }

    @Test(arguments: StoreKind.allCases) func anOnlineRedemptionFirstWinsOverALaterSync(_ kind: StoreKind) async throws {
        let (store, ping, secours) = try await Fixtures.storeWithPartners(kind)
        _ = try await store.redeem([Fixtures.request(4, by: secours)])
        let outcomes = try await store.redeemOffline([offline(4, by: ping, at: Fixtures.now.addingTimeInterval(-10))])
        guard case .conflict(let conflict) = outcomes[0] else { Issue.record("\(outcomes)"); return }
        #expect(conflict.firstPartnerName == "Secours" && conflict.firstRedeemedAt == Fixtures.now)
    }

    @Test(arguments: StoreKind.allCases) func revokedAndUnverifiedPassesAreConflictsAndRecordNoRedemption(_ kind: StoreKind) async throws {
        let (store, ping, _) = try await Fixtures.storeWithPartners(kind)
        let revocation = try Revocation(kid: Fixtures.issuer.kid, first: Serial(20)!, last: Serial(29)!, reason: "lost", revokedAt: Fixtures.now)
        _ = try await store.revoke(revocation)
        let outcomes = try await store.redeemOffline([
            offline(21, by: ping, at: Fixtures.now), offline(30, by: ping, at: Fixtures.now, refusal: "expired"),
        ])
        let reasons = outcomes.compactMap { if case .conflict(let c) = $0 { c.reason } else { nil } }
        #expect(reasons == ["revoked", "expired"])
        #expect(try await store.state(of: Fixtures.pass(30)) == .unspent)
        #expect(try await store.conflicts(from: .distantPast, to: .distantFuture, partnerID: ping.id).count == 2)
        let conflict = try #require(try await store.conflicts(from: .distantPast, to: .distantFuture, partnerID: nil).first)
        #expect(conflict.firstPartnerID == nil && conflict.firstRedeemedAt == nil)
    }

    @Test(arguments: StoreKind.allCases) func inOneBatchTheSamePassFromTwoPartnersGivesOneAcceptedOneConflict(_ kind: StoreKind) async throws {
        let (store, ping, secours) = try await Fixtures.storeWithPartners(kind)
        let outcomes = try await store.redeemOffline([offline(7, by: ping, at: Fixtures.now), offline(7, by: secours, at: Fixtures.now)])
        guard case .accepted = outcomes[0], case .conflict(let conflict) = outcomes[1] else { Issue.record("\(outcomes)"); return }
        #expect(conflict.firstPartnerName == "PiNG")
    }

    /// Online (group commit) and offline redemptions of one pass, all at once: one counts.
    @Test(arguments: StoreKind.allCases) func concurrentOnlineAndOfflineRedemptionsOfOnePassCountOnce(_ kind: StoreKind) async throws {
        let (store, ping, secours) = try await Fixtures.storeWithPartners(kind)
        let committer = GroupCommitter(store: store)
        let late = offline(42, by: secours, at: Fixtures.now)
        let (onlineWins, offlineWins) = await withTaskGroup(of: (Int, Int).self) { group in
            for i in 0..<40 {
                group.addTask {
                    if i % 2 == 0 {
                        let outcome = try? await committer.redeem(Fixtures.request(42, by: ping))
                        if case .redeemed = outcome { return (1, 0) }
                    } else {
                        let outcome = try? await store.redeemOffline([late])
                        if case .accepted(_, true) = outcome?.first { return (0, 1) }
                    }
                    return (0, 0)
                }
            }
            return await group.reduce((0, 0)) { ($0.0 + $1.0, $0.1 + $1.1) }
        }
        #expect(onlineWins + offlineWins == 1)
        #expect(try await store.settlement(from: .distantPast, to: .distantFuture, partnerID: nil).count == 1)
        let conflicts = try await store.conflicts(from: .distantPast, to: .distantFuture, partnerID: nil)
        #expect(conflicts.count == (onlineWins == 1 ? 1 : 0), "a losing offline partner has one conflict, however many times it sent")
    }

    /// Issue 13 §2 offline: the kind of help a journal item carries is recorded with the
    /// redemption that counts (the first kind stays, as online), never with a conflict. A
    /// recorded kind is seen through `recordHelp`, which refuses to record a second one.
    @Test(arguments: StoreKind.allCases) func theKindOfHelpGoesWithTheRedemptionThatCountsOnly(_ kind: StoreKind) async throws {
        let (store, ping, secours) = try await Fixtures.storeWithPartners(kind)
        let at = Fixtures.now.addingTimeInterval(-600)
        _ = try await store.redeemOffline([offline(1, by: ping, at: at, help: "cv"), offline(2, by: ping, at: at)])
        #expect(try await !store.recordHelp(Fixtures.pass(1), partnerID: ping.id, kind: "mailbox"), "cv was recorded with pass 1")
        #expect(try await store.recordHelp(Fixtures.pass(2), partnerID: ping.id, kind: "mailbox"), "pass 2 came without a kind")

        // A resend fills a kind not recorded yet; one recorded stays.
        _ = try await store.redeemOffline([offline(3, by: ping, at: at)])
        let again = try await store.redeemOffline([offline(3, by: ping, at: at, help: "other"), offline(1, by: ping, at: at, help: "other")])
        #expect(again.allSatisfy { if case .accepted(_, false) = $0 { true } else { false } }, "\(again)")
        #expect(try await !store.recordHelp(Fixtures.pass(3), partnerID: ping.id, kind: "mailbox"), "the resend recorded other")

        // The late partner's conflict carries no kind, and the winner's redemption gets none from it.
        _ = try await store.redeemOffline([offline(4, by: secours, at: at)])
        let late = try await store.redeemOffline([offline(4, by: ping, at: at, help: "cv")])
        guard case .conflict = late[0] else { Issue.record("\(late)"); return }
        #expect(try await store.recordHelp(Fixtures.pass(4), partnerID: secours.id, kind: "mailbox"), "the winner's kind is still free")
    }

    /// The partner's view shows the kind of help recorded with each pass: the settlement reads
    /// it, offline or online (`recordHelp`), and nothing for a pass without one.
    @Test(arguments: StoreKind.allCases) func theSettlementCarriesTheKindOfHelpOfEachPass(_ kind: StoreKind) async throws {
        let (store, ping, _) = try await Fixtures.storeWithPartners(kind)
        let at = Fixtures.now.addingTimeInterval(-600)
        _ = try await store.redeemOffline([offline(1, by: ping, at: at, help: "cv"), offline(2, by: ping, at: at), offline(3, by: ping, at: at)])
        #expect(try await store.recordHelp(Fixtures.pass(2), partnerID: ping.id, kind: "mailbox"))
        let passes = try await store.settlement(from: .distantPast, to: .distantFuture, partnerID: ping.id).partners.flatMap(\.redemptions)
        let kinds = Dictionary(uniqueKeysWithValues: passes.map { ($0.pass.serial.value, $0.helpKind) })
        #expect(kinds == [1: "cv", 2: "mailbox", 3: nil], "\(kinds)")
        let json = SettlementReport.json(try await store.settlement(from: .distantPast, to: .distantFuture, partnerID: ping.id))
        #expect(json.partners.flatMap(\.passes).map(\.helpKind) == ["cv", "mailbox", nil], "the route's JSON carries it, by serial")
    }
}
