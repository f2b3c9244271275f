import Foundation
import PassIssuer
import PassVerifier
import SpentList
import SpentListServer
import Testing

@Suite struct ReceiptTests {
    let signer = ReceiptSigner(key: ServiceFixture.receiptKey)
    let redemption = Redemption(
        pass: PassRef(kid: ServiceFixture.active.kid, serial: Serial(281_474_976_710_655)!), value: Cents(4_294_967_295)!,
        partnerID: 12, partnerName: "Secours populaire — Nantes", redeemedAt: Date(timeIntervalSince1970: 1_795_000_000.123))

    @Test func aReceiptRoundTrips() throws {
        let text = signer.receipt(for: redemption)
        #expect(text.hasPrefix("pnr1."))
        let receipt = try Receipt.verify(text: text, publicKey: signer.publicKey)
        #expect(receipt.redemption == redemption)
        #expect(receipt.serviceKeyID == signer.keyID)
    }

    @Test func aChainedRedemptionGetsAVersion2ReceiptWithItsLink() throws {
        let link = ChainLink(bytes: (0..<32).map { UInt8($0) })!
        let chained = Redemption(
            pass: redemption.pass, value: redemption.value, partnerID: 12, partnerName: redemption.partnerName,
            redeemedAt: redemption.redeemedAt, chainPrevious: link)
        let text = signer.receipt(for: chained)
        #expect(text.hasPrefix("pnr2."))
        let receipt = try Receipt.verify(text: text, publicKey: signer.publicKey)
        #expect(receipt.redemption == chained && receipt.version == 2)
        var bytes = Base64URL.decode(text.dropFirst(5))!
        bytes[40] ^= 1  // a byte of the link
        let error = #expect(throws: SpentListError.self) { try Receipt.verify(text: "pnr2." + Base64URL.encode(bytes), publicKey: signer.publicKey) }
        #expect(error?.code == .badReceiptSignature)
    }

    @Test func anAlteredReceiptIsRefused() throws {
        let text = signer.receipt(for: redemption)
        var bytes = Base64URL.decode(text.dropFirst(5))!
        bytes[20] ^= 1  // the time
        let altered = "pnr1." + Base64URL.encode(bytes)
        let error = #expect(throws: SpentListError.self) { try Receipt.verify(text: altered, publicKey: signer.publicKey) }
        #expect(error?.code == .badReceiptSignature)
    }

    @Test func anotherServiceKeyIsNamedBeforeAnyCryptography() throws {
        let other = SigningKey(seed: ServiceFixture.seed(8))
        let error = #expect(throws: SpentListError.self) { try Receipt.verify(text: signer.receipt(for: redemption), publicKey: other.publicKey) }
        #expect(error?.code == .receiptKeyMismatch)
        #expect(error?.message.contains(signer.keyID.text) == true)
    }

    @Test(arguments: ["", "pnr1.", "pnr1.AAAA", "pnr2." + String(repeating: "A", count: 200), "pnr1.!!!!"])
    func garbageIsNotAReceipt(text: String) {
        let error = #expect(throws: SpentListError.self) { try Receipt.verify(text: text, publicKey: signer.publicKey) }
        #expect(error?.code == .badReceipt)
    }
}
