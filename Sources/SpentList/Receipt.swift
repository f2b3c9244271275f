import CSodium
import Foundation
import PassVerifier

/// A redemption receipt, signed by the service's own Ed25519 key: which partner redeemed which
/// pass, when, for how much, and (version 2) the chain's link before it. A partner keeps it to
/// prove the redemption when claiming payment.
///
/// Byte layouts in SPEC.md §12: version 1 (`pnr1.`, domain `passnum-receipt:v1`) is what the
/// service gave before the chain, and what it still gives for a redemption recorded then;
/// version 2 (`pnr2.`, domain `passnum-receipt:v2`) adds the previous link before the partner's
/// name. Both are read. Each version signs under its own domain, so a receipt can never pass
/// for a pass signature, nor one version for the other.
public struct Receipt: Hashable, Sendable {
    public static let prefixes = ["pnr1.", "pnr2."]
    public static let domains = [Array("passnum-receipt:v1".utf8), Array("passnum-receipt:v2".utf8)]
    /// Version, service kid, pass kid, serial, value, time, partner id and the name's length.
    static let fixedSize = 36
    static let signatureSize = 64

    public let serviceKeyID: KeyID
    public let redemption: Redemption

    public init(serviceKeyID: KeyID, redemption: Redemption) {
        self.serviceKeyID = serviceKeyID
        self.redemption = redemption
    }

    /// 2 for a chained redemption, 1 for one recorded before the chain.
    public var version: UInt8 { redemption.chainPrevious == nil ? 1 : 2 }

    /// The bytes the service signs.
    public var body: [UInt8] {
        let name = Array(redemption.partnerName.utf8.prefix(100))
        var out: [UInt8] = [version]
        out += serviceKeyID.bytes + redemption.pass.kid.bytes
        out += BigEndian.bytes(redemption.pass.serial.value, 6)
        out += BigEndian.bytes(UInt64(redemption.value.value), 4)
        out += BigEndian.bytes(UInt64(bitPattern: Millis.from(redemption.redeemedAt)), 8)
        out += BigEndian.bytes(UInt64(bitPattern: redemption.partnerID), 8)
        out += redemption.chainPrevious?.bytes ?? []
        out += [UInt8(name.count)] + name
        return out
    }

    /// The domain for the body's version byte, then the body.
    public static func signedMessage(body: [UInt8]) -> [UInt8] { domains[Int(body[0]) - 1] + body }

    public static func text(body: [UInt8], signature: [UInt8]) -> String {
        prefixes[Int(body[0]) - 1] + Base64URL.encode(body + signature)
    }

    /// Decodes and checks a receipt against the service's public key. The key ids are compared
    /// before any cryptography, and a mismatch names both.
    public static func verify(text: some StringProtocol, publicKey: [UInt8]) throws(SpentListError) -> Receipt {
        guard let prefix = prefixes.first(where: { text.hasPrefix($0) }), let bytes = Base64URL.decode(text.dropFirst(prefix.count)),
              bytes.count >= fixedSize + 1 + signatureSize
        else { throw SpentListError(.badReceipt, "this is not a passnum receipt (it starts with pnr1. or pnr2.)") }
        let body = Array(bytes.dropLast(signatureSize)), signature = Array(bytes.suffix(signatureSize))
        guard prefixes.firstIndex(of: prefix) == Int(body[0]) - 1 else {
            throw SpentListError(.badReceipt, "receipt version \(body[0]) does not match its prefix \(prefix)")
        }
        let receipt = try decode(body: body)
        let expected = KeyID(publicKey: publicKey)
        guard receipt.serviceKeyID == expected else {
            throw SpentListError(.receiptKeyMismatch, "the receipt was signed by service key \(receipt.serviceKeyID), not by \(expected)")
        }
        LibSodium.ensureInitialised()
        let message = signedMessage(body: body)
        guard crypto_sign_verify_detached(signature, message, UInt64(message.count), publicKey) == 0 else {
            throw SpentListError(.badReceiptSignature, "the receipt's signature does not match: it was altered or forged")
        }
        return receipt
    }

    static func decode(body b: [UInt8]) throws(SpentListError) -> Receipt {
        let damaged = SpentListError(.badReceipt, "the receipt is damaged (bad length or fields)")
        guard b.count >= fixedSize + 1, b[0] == 1 || b[0] == 2 else {
            throw b.first.map { SpentListError(.badReceipt, "receipt version \($0) is not supported") } ?? damaged
        }
        let link = b[0] == 2 ? 32 : 0
        guard b.count >= fixedSize + link + 1 else { throw damaged }
        let nameLength = Int(b[35 + link])
        guard nameLength >= 1, b.count == fixedSize + link + nameLength,
              let serial = Serial(BigEndian.read(b[9..<15])), let value = Cents(UInt32(BigEndian.read(b[15..<19])))
        else { throw damaged }
        let name = String(decoding: b[(fixedSize + link)...], as: UTF8.self)
        let redemption = Redemption(
            pass: PassRef(kid: KeyID(bytes: b[5..<9])!, serial: serial), value: value,
            partnerID: Int64(bitPattern: BigEndian.read(b[27..<35])), partnerName: name,
            redeemedAt: Millis.date(Int64(bitPattern: BigEndian.read(b[19..<27]))),
            chainPrevious: link == 0 ? nil : ChainLink(bytes: b[35..<35 + link]))
        return Receipt(serviceKeyID: KeyID(bytes: b[1..<5])!, redemption: redemption)
    }
}
