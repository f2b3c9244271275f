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
}
