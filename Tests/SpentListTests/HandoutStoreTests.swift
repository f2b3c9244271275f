import Foundation
import PassVerifier
import SpentList
import SpentListAPI
import TestStores
import Testing

/// Hand-overs and programme settings, the same on every store.
@Suite struct HandoutStoreTests {
    @Test(arguments: StoreKind.allCases) func aCarnetIsHandedOutOnceByAnOfficeAndTheFeedSaysSo(_ kind: StoreKind) async throws {
        let (store, ping, _) = try await Fixtures.storeWithPartners(kind)
        let office = try await store.addPartner(name: "CCAS Nord", keyHash: APIKey(text: "pno_nord").hash, at: Fixtures.now, role: .office)
        #expect(office.role == .office && ping.role == .partner)
        #expect(try await store.partner(keyHash: APIKey(text: "pno_nord").hash)?.role == .office)
        let kid = Fixtures.issuer.kid
        guard case .recorded(let first) = try await store.recordHandout(kid: kid, first: Serial(6)!, last: Serial(10)!, office: office, at: Fixtures.now) else {
            Issue.record("not recorded"); return
        }
        #expect(first.officeName == "CCAS Nord" && first.last == Serial(10)!)
        let again = try await store.recordHandout(kid: kid, first: Serial(6)!, last: Serial(10)!, office: office, at: Fixtures.now + 60)
        #expect(again == .already(first))
        #expect(try await store.handout(of: Fixtures.pass(8)) == first)
        #expect(try await store.handout(of: Fixtures.pass(11)) == nil)
        _ = try await store.revoke(try Revocation(kid: kid, first: Serial(12)!, last: Serial(12)!, reason: "volé", revokedAt: Fixtures.now))
        #expect(try await store.recordHandout(kid: kid, first: Serial(11)!, last: Serial(15)!, office: office, at: Fixtures.now) == .revoked(reason: "volé"))
        let feed = try await store.feed(after: .start, limit: 10).items
        #expect(feed.map(\.kind) == [.handedOut, .revoked])
        #expect(feed.first?.first == Serial(6)! && feed.first?.last == Serial(10)!)
    }

    @Test(arguments: StoreKind.allCases) func programmeSettingsAreKeptAndCheckedFirst(_ kind: StoreKind) async throws {
        let store = try await Fixtures.store(kind)
        #expect(try await store.programme() == .standard)
        let settings = API.Programme(requireHandout: true, helpKinds: ["cv", "mailbox"], graceDays: 30)
        try await store.setProgramme(settings)
        #expect(try await store.programme() == settings)
        await #expect(throws: SpentListError.self) { try await store.setProgramme(API.Programme(requireHandout: true, helpKinds: ["cv"], graceDays: -1)) }
        #expect(try await store.programme() == settings)
    }
}
