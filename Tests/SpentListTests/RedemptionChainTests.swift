import Foundation
import PassVerifier
import SpentList
import TestStores
import Testing

/// The chain of redemptions (SPEC.md §12.2) as each store writes it: online batches (a
/// duplicate and a revoked pass in them) and offline syncs extend one chain in feed order, and
/// each redemption carries the link before it, computed by the same rule in Swift and in
/// PostgreSQL's `passnum_redeem`.
@Suite struct RedemptionChainTests {
    @Test(arguments: StoreKind.allCases)
    func onlineAndOfflineRedemptionsExtendOneChain(_ kind: StoreKind) async throws {
        let (store, ping, secours) = try await Fixtures.storeWithPartners(kind)
        _ = try await store.revoke(try Revocation(kid: Fixtures.issuer.kid, first: Serial(9)!, last: Serial(9)!, reason: "volé", revokedAt: Fixtures.now))
        let first = try await store.redeem([
            Fixtures.request(1, by: ping), Fixtures.request(1, by: secours), Fixtures.request(9, by: ping), Fixtures.request(2, by: secours),
        ])
        guard case .redeemed(let one) = first[0], case .alreadySpent(let again) = first[1], case .revoked = first[2],
              case .redeemed(let two) = first[3] else { Issue.record("outcomes \(first)"); return }
        #expect(one.chainPrevious == .start && again.chainPrevious == .start)
        let afterOne = RedemptionChain.link(after: .start, one, token: Fixtures.token(1))
        #expect(two.chainPrevious == afterOne)
        let offline = try await store.redeemOffline([
            OfflineRedemptionRequest(pass: Fixtures.pass(3), value: Cents(1000)!, partner: ping, scannedAt: Fixtures.now - 60, token: Fixtures.token(3)),
        ])
        guard case .accepted(let three, true) = offline[0] else { Issue.record("offline \(offline)"); return }
        #expect(three.chainPrevious == RedemptionChain.link(after: afterOne, two, token: Fixtures.token(2)))
        let later = try await store.redeem([Fixtures.request(4, by: ping)])
        guard case .redeemed(let four) = later[0] else { Issue.record("later \(later)"); return }
        #expect(four.chainPrevious == RedemptionChain.link(after: three.chainPrevious!, three, token: Fixtures.token(3)))
    }

    @Test func aVersion2ReceiptCarriesThePreviousLinkAndAVersion1ReceiptNone() {
        let link = ChainLink(bytes: [UInt8](repeating: 7, count: 32))!
        let base = Redemption(pass: Fixtures.pass(1), value: Cents(1000)!, partnerID: 3, partnerName: "PiNG", redeemedAt: Fixtures.now)
        let chained = Redemption(pass: base.pass, value: base.value, partnerID: 3, partnerName: "PiNG", redeemedAt: Fixtures.now, chainPrevious: link)
        #expect(Receipt(serviceKeyID: Fixtures.issuer.kid, redemption: base).body.count == 36 + 4)
        let body = Receipt(serviceKeyID: Fixtures.issuer.kid, redemption: chained).body
        #expect(body.count == 36 + 32 + 4 && body[0] == 2 && Array(body[35..<67]) == link.bytes)
    }
}
