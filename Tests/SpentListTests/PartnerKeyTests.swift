import Foundation
import PassVerifier
import SpentList
import TestStores
import Testing

/// Staff operations on partners: enable again after a disable, replace a key.
@Suite struct PartnerKeyTests {
    @Test(arguments: StoreKind.allCases) func aDisabledPartnerIsEnabledAgainWithItsKey(_ kind: StoreKind) async throws {
        let (store, _, _) = try await Fixtures.storeWithPartners(kind)
        #expect(try await store.disablePartner(name: "PiNG", at: Fixtures.now))
        #expect(try await store.enablePartner(name: "PiNG") == true)
        #expect(try await store.enablePartner(name: "PiNG") == false)
        #expect(try await store.partner(keyHash: APIKey(text: "pnk_ping").hash)?.isActive == true)
        await #expect(throws: SpentListError(.unknownPartner, "no partner named Nobody")) {
            _ = try await store.enablePartner(name: "Nobody")
        }
    }

    @Test(arguments: StoreKind.allCases) func aNewKeyReplacesTheOldOneAndKeepsThePartnersRedemptions(_ kind: StoreKind) async throws {
        let (store, ping, _) = try await Fixtures.storeWithPartners(kind)
        _ = try await store.redeem([Fixtures.request(1, by: ping)])
        let renewed = try await store.replacePartnerKey(name: "PiNG", keyHash: APIKey(text: "pnk_ping_2").hash)
        #expect(renewed.id == ping.id)
        #expect(try await store.partner(keyHash: APIKey(text: "pnk_ping").hash) == nil)
        #expect(try await store.partner(keyHash: APIKey(text: "pnk_ping_2").hash)?.name == "PiNG")
        let settlement = try await store.settlement(from: Fixtures.now.addingTimeInterval(-86_400), to: Fixtures.now.addingTimeInterval(86_400), partnerID: ping.id)
        #expect(settlement.count == 1)
        await #expect(throws: SpentListError(.unknownPartner, "no partner named Nobody")) {
            _ = try await store.replacePartnerKey(name: "Nobody", keyHash: APIKey(text: "pnk_x").hash)
        }
    }

    /// Issue 14 §1.10: names and reasons are bounded in characters, not bytes: 100 Arabic
    /// letters (200 bytes) are a name, 101 are not, and the message says characters.
    @Test func namesAndReasonsAreBoundedInCharacters() async throws {
        let (store, _, _) = try await Fixtures.storeWithPartners()
        let name = String(repeating: "\u{0645}", count: 100)
        #expect(try await store.addPartner(name: name, keyHash: APIKey(text: "pnk_arabic").hash, at: Fixtures.now).name == name)
        await #expect(throws: SpentListError(.invalidRequest, "a partner name is 1 to 100 characters, on one line, without commas")) {
            _ = try await store.addPartner(name: name + "\u{0645}", keyHash: APIKey(text: "pnk_arabic2").hash, at: Fixtures.now)
        }
        let kid = KeyID(text: "0123abcd")!
        #expect(throws: Never.self) { try Revocation(kid: kid, first: Serial(1)!, last: Serial(1)!, reason: String(repeating: "é", count: 500), revokedAt: Fixtures.now) }
        #expect(throws: SpentListError(.invalidRequest, "a revocation needs a reason (at most 500 characters)")) {
            try Revocation(kid: kid, first: Serial(1)!, last: Serial(1)!, reason: String(repeating: "é", count: 501), revokedAt: Fixtures.now)
        }
    }
}
