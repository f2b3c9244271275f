import CSodium
import Foundation
import PassVerifier

/// A redemption receipt, signed by the service's own Ed25519 key: which partner redeemed which
/// pass, when, for how much. A partner keeps it to prove the redemption when claiming payment.
///
/// Text form: `pnr1.` followed by unpadded base64url of body ‖ signature. Body, integers
/// big-endian:
///
/// | offset | size | field |
/// |---|---|---|
/// | 0 | 1 | version = 1 |
/// | 1 | 4 | service key id (as for issuer keys: BLAKE2b-256 of the public key, first 4 bytes) |
/// | 5 | 4 | pass key id |
/// | 9 | 6 | serial |
/// | 15 | 4 | value, euro cents |
/// | 19 | 8 | redeemed at, Unix milliseconds UTC |
/// | 27 | 8 | partner id |
/// | 35 | 1 | n = length of the partner name, 1…100 |
/// | 36 | n | partner name, UTF-8 |
///
/// The 64-byte signature covers the ASCII domain `passnum-receipt:v1` followed by the body, so a
/// receipt can never pass for a pass signature or the other way round.
public struct Receipt: Hashable, Sendable {
    public static let prefix = "pnr1."
    public static let domain = Array("passnum-receipt:v1".utf8)
    static let version: UInt8 = 1
    static let fixedSize = 36

    public let serviceKeyID: KeyID
    public let redemption: Redemption

    public init(serviceKeyID: KeyID, redemption: Redemption) {
        self.serviceKeyID = serviceKeyID
        self.redemption = redemption
    }

    /// The bytes the service signs.
    public var body: [UInt8] {
        let name = Array(redemption.partnerName.utf8.prefix(100))
        var out: [UInt8] = [Self.version]
        out += serviceKeyID.bytes + redemption.pass.kid.bytes
        out += Self.bigEndian(redemption.pass.serial.value, 6)
        out += Self.bigEndian(UInt64(redemption.value.value), 4)
        out += Self.bigEndian(UInt64(bitPattern: Millis.from(redemption.redeemedAt)), 8)
        out += Self.bigEndian(UInt64(bitPattern: redemption.partnerID), 8)
        out += [UInt8(name.count)] + name
        return out
    }

    public static func signedMessage(body: [UInt8]) -> [UInt8] { domain + body }

    public static func text(body: [UInt8], signature: [UInt8]) -> String {
        prefix + Base64URL.encode(body + signature)
    }

    /// Decodes and checks a receipt against the service's public key. The key ids are compared
    /// before any cryptography, and a mismatch names both.
    public static func verify(text: some StringProtocol, publicKey: [UInt8]) throws(SpentListError) -> Receipt {
        guard text.hasPrefix(prefix), let bytes = Base64URL.decode(text.dropFirst(prefix.count)),
              bytes.count >= fixedSize + 1 + 64
        else { throw SpentListError(.badReceipt, "this is not a passnum receipt (it starts with \(prefix))") }
        let body = Array(bytes.dropLast(64)), signature = Array(bytes.suffix(64))
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
        guard b.count >= fixedSize + 1, b[0] == version else {
            throw b.first.map { SpentListError(.badReceipt, "receipt version \($0) is not supported") } ?? damaged
        }
        let nameLength = Int(b[35])
        guard nameLength >= 1, b.count == fixedSize + nameLength,
              let serial = Serial(read(b[9..<15])), let value = Cents(UInt32(read(b[15..<19])))
        else { throw damaged }
        let name = String(decoding: b[36...], as: UTF8.self)
        let redemption = Redemption(
            pass: PassRef(kid: KeyID(bytes: b[5..<9])!, serial: serial), value: value,
            partnerID: Int64(bitPattern: read(b[27..<35])), partnerName: name,
            redeemedAt: Millis.date(Int64(bitPattern: read(b[19..<27]))))
        return Receipt(serviceKeyID: KeyID(bytes: b[1..<5])!, redemption: redemption)
    }

    private static func bigEndian(_ value: UInt64, _ count: Int) -> [UInt8] {
        (0..<count).reversed().map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
    }

    private static func read(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }
}
