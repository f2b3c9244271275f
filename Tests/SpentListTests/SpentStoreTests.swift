import Foundation
import PassVerifier
import SpentList
import TestStores
import Testing

/// The store contract, run against SQLite and PostgreSQL alike: exactly-once, revocations, the
/// feed, partners, admin keys and settlement give the same answers on both.
@Suite struct SpentStoreTests {
    @Test(arguments: StoreKind.allCases) func aPassIsRedeemedOnceThenRefusedWithTheFirstTime(_ kind: StoreKind) async throws {
        let (store, ping, secours) = try await Fixtures.storeWithPartners(kind)
        let first = try await store.redeem([Fixtures.request(7, by: ping)])
        guard case .redeemed(let redemption) = first[0] else { Issue.record("not redeemed: \(first)"); return }
        #expect(redemption.pass == Fixtures.pass(7))
        #expect(redemption.partnerName == "PiNG")
        let later = Fixtures.now.addingTimeInterval(3600)
        let second = try await store.redeem([Fixtures.request(7, by: secours, at: later)])
        #expect(second == [.alreadySpent(first: redemption)])
        #expect(second[0].firstRedeemedAt == Fixtures.now)
        #expect(try await store.state(of: Fixtures.pass(7)) == .spent(at: Fixtures.now))
        #expect(try await store.state(of: Fixtures.pass(8)) == .unspent)
    }

    @Test(arguments: StoreKind.allCases) func inOneBatchTheFirstRequestForAPassWins(_ kind: StoreKind) async throws {
        let (store, ping, secours) = try await Fixtures.storeWithPartners(kind)
        let outcomes = try await store.redeem([
            Fixtures.request(1, by: ping), Fixtures.request(2, by: ping), Fixtures.request(1, by: secours),
        ])
        #expect(outcomes.count == 3)
        guard case .redeemed(let winner) = outcomes[0], case .redeemed = outcomes[1] else { Issue.record("\(outcomes)"); return }
        #expect(winner.partnerName == "PiNG")
        #expect(outcomes[2] == .alreadySpent(first: winner))
        let settlement = try await store.settlement(from: .distantPast, to: .distantFuture, partnerID: secours.id)
        #expect(settlement.count == 0)
    }

    @Test(arguments: StoreKind.allCases) func theSameSerialUnderAnotherKeyIsAnotherPass(_ kind: StoreKind) async throws {
        let (store, ping, _) = try await Fixtures.storeWithPartners(kind)
        let other = KeyID(text: "00000001")!
        let outcomes = try await store.redeem([
            Fixtures.request(5, by: ping),
            RedemptionRequest(pass: Fixtures.pass(5, kid: other), value: Cents(500)!, partner: ping, redeemedAt: Fixtures.now, token: Fixtures.token(5)),
        ])
        #expect(outcomes.allSatisfy { if case .redeemed = $0 { true } else { false } })
    }

    @Test(arguments: StoreKind.allCases) func aRevokedRangeRefusesItsPassesAndRecordsNothing(_ kind: StoreKind) async throws {
        let (store, ping, _) = try await Fixtures.storeWithPartners(kind)
        let revocation = try Revocation(kid: Fixtures.issuer.kid, first: Serial(11)!, last: Serial(20)!, reason: "carnet lost", revokedAt: Fixtures.now)
        #expect(try await store.revoke(revocation) == true)
        #expect(try await store.revoke(revocation) == false)
        let outcomes = try await store.redeem([Fixtures.request(15, by: ping), Fixtures.request(21, by: ping)])
        #expect(outcomes[0] == .revoked(reason: "carnet lost"))
        if case .redeemed = outcomes[1] {} else { Issue.record("serial 21 is outside the range: \(outcomes[1])") }
        #expect(try await store.state(of: Fixtures.pass(15)) == .revoked(reason: "carnet lost", at: Fixtures.now))
        #expect(try await store.settlement(from: .distantPast, to: .distantFuture, partnerID: nil).count == 1)
    }

    @Test(arguments: StoreKind.allCases) func theFeedListsSpentAndRevokedInCommitOrderAndResumesAfterACursor(_ kind: StoreKind) async throws {
        let (store, ping, secours) = try await Fixtures.storeWithPartners(kind)
        _ = try await store.redeem([Fixtures.request(1, by: ping), Fixtures.request(2, by: ping)])
        _ = try await store.revoke(try Revocation(kid: Fixtures.issuer.kid, first: Serial(50)!, last: Serial(59)!, reason: "stolen", revokedAt: Fixtures.now))
        _ = try await store.redeem([Fixtures.request(3, by: secours), Fixtures.request(1, by: secours)])

        let all = try await store.feed(after: .start, limit: 100)
        #expect(all.items.map(\.kind) == [.spent, .spent, .revoked, .spent])
        #expect(all.items.map(\.first.value) == [1, 2, 50, 3])
        #expect(all.items[2].last.value == 59)
        #expect(all.items.map(\.cursor) == all.items.map(\.cursor).sorted())
        #expect(all.more == false)

        let firstTwo = try await store.feed(after: .start, limit: 2)
        #expect(firstTwo.items.count == 2 && firstTwo.more)
        let rest = try await store.feed(after: firstTwo.next, limit: 100)
        #expect(rest.items.map(\.first.value) == [50, 3])
        let nothing = try await store.feed(after: all.next, limit: 100)
        #expect(nothing.items.isEmpty && nothing.next == all.next)
    }

    @Test(arguments: StoreKind.allCases) func partnersAreFoundByKeyHashAndCanBeDisabled(_ kind: StoreKind) async throws {
        let (store, _, _) = try await Fixtures.storeWithPartners(kind)
        #expect(try await store.partner(keyHash: APIKey(text: "pnk_ping").hash)?.name == "PiNG")
        #expect(try await store.partner(keyHash: APIKey(text: "pnk_nobody").hash) == nil)
        #expect(try await store.disablePartner(name: "PiNG", at: Fixtures.now) == true)
        #expect(try await store.disablePartner(name: "PiNG", at: Fixtures.now) == false)
        #expect(try await store.partner(keyHash: APIKey(text: "pnk_ping").hash)?.isActive == false)
        #expect(try await store.partners().map(\.name) == ["PiNG", "Secours"])
        await #expect(throws: SpentListError(.unknownPartner, "no partner named Nobody")) {
            _ = try await store.disablePartner(name: "Nobody", at: Fixtures.now)
        }
    }

    @Test(arguments: StoreKind.allCases) func partnerNamesAreUnique(_ kind: StoreKind) async throws {
        let (store, _, _) = try await Fixtures.storeWithPartners(kind)
        let error = await #expect(throws: SpentListError.self) {
            _ = try await store.addPartner(name: "PiNG", keyHash: APIKey(text: "pnk_other").hash, at: Fixtures.now)
        }
        #expect(error?.code == .duplicatePartner)
    }

    @Test(arguments: StoreKind.allCases) func aNewAdminKeyRetiresThePreviousOne(_ kind: StoreKind) async throws {
        let (store, _, _) = try await Fixtures.storeWithPartners(kind)
        #expect(try await store.adminKeyHash() == nil)
        try await store.setAdminKey(APIKey(text: "pna_one").hash, at: Fixtures.now)
        try await store.setAdminKey(APIKey(text: "pna_two").hash, at: Fixtures.now)
        #expect(try await store.adminKeyHash() == APIKey(text: "pna_two").hash)
    }

    @Test(arguments: StoreKind.allCases) func settlementCountsAHalfOpenPeriodPerPartner(_ kind: StoreKind) async throws {
        let (store, ping, secours) = try await Fixtures.storeWithPartners(kind)
        let start = Fixtures.now, end = Fixtures.now.addingTimeInterval(86_400)
        _ = try await store.redeem([
            Fixtures.request(1, by: ping, cents: 1000, at: start.addingTimeInterval(-1)),
            Fixtures.request(2, by: ping, cents: 1000, at: start),
            Fixtures.request(3, by: ping, cents: 500, at: start.addingTimeInterval(60)),
            Fixtures.request(4, by: secours, cents: 250, at: start.addingTimeInterval(120)),
            Fixtures.request(5, by: secours, cents: 250, at: end),
        ])
        let all = try await store.settlement(from: start, to: end, partnerID: nil)
        #expect(all.partners.map(\.partnerName) == ["PiNG", "Secours"])
        #expect(all.partners.map(\.count) == [2, 1])
        #expect(all.partners.map(\.totalCents) == [1500, 250])
        #expect(all.partners[0].redemptions.map(\.pass.serial.value) == [2, 3])
        #expect(all.totalCents == 1750)
        let own = try await store.settlement(from: start, to: end, partnerID: secours.id)
        #expect(own.partners.map(\.partnerName) == ["Secours"])
    }

}
