import Foundation
import PassVerifier
import SpentList
import Testing

/// Vectors/service/receipt.txt and Vectors/service/api-key-hash.txt (SPEC.md §12, §13) read as a partner's code
/// would: the receipt verifies under the published key and decodes to the listed fields; the
/// key hashes to the listed hash.
struct ServiceFormatVectorTests {
    static func fields(_ name: String) throws -> [String: String] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: folder.appendingPathComponent("Vectors/service/\(name)"), encoding: .utf8)
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return fields
    }

    @Test func theReceiptVectorVerifiesAndDecodesToItsFields() throws {
        let vector = try Self.fields("receipt.txt")
        let publicKey = try #require(Data(base64Encoded: vector["service-public-key"] ?? "").map(Array.init))
        let text = try #require(vector["receipt"])
        let receipt = try Receipt.verify(text: text, publicKey: publicKey)
        #expect(receipt.serviceKeyID.text == vector["service-kid"])
        #expect(receipt.redemption.pass.kid.text == vector["pass-kid"])
        #expect("\(receipt.redemption.pass.serial.value)" == vector["serial"])
        #expect("\(receipt.redemption.value.value)" == vector["value-cents"])
        #expect("\(Int64((receipt.redemption.redeemedAt.timeIntervalSince1970 * 1000).rounded()))" == vector["redeemed-at-ms"])
        #expect("\(receipt.redemption.partnerID)" == vector["partner-id"])
        #expect(receipt.redemption.partnerName == vector["partner-name"])
    }

    @Test func theReceiptVectorAlteredInOneFieldIsRefused() throws {
        let vector = try Self.fields("receipt.txt")
        let publicKey = try #require(Data(base64Encoded: vector["service-public-key"] ?? "").map(Array.init))
        let text = try #require(vector["receipt"])
        var bytes = try #require(Base64URL.decode(text.dropFirst(5)))
        bytes[18] ^= 1  // the value's last byte: 10,00 € becomes 10,01 €
        let error = #expect(throws: SpentListError.self) { try Receipt.verify(text: "pnr1." + Base64URL.encode(bytes), publicKey: publicKey) }
        #expect(error?.code == .badReceiptSignature)
    }

    @Test func theChainedReceiptVectorsVerifyAndLinkUp() throws {
        let vector = try Self.fields("receipts-chained.txt")
        let publicKey = try #require(Data(base64Encoded: vector["service-public-key"] ?? "").map(Array.init))
        var previous = ChainLink.start
        for n in 1...2 {
            let receipt = try Receipt.verify(text: try #require(vector["\(n).receipt"]), publicKey: publicKey)
            #expect(receipt.version == 2)
            let r = receipt.redemption
            #expect(r.chainPrevious == previous)
            #expect(r.chainPrevious?.hex == vector["\(n).previous-link"])
            #expect("\(r.pass.serial.value)" == vector["\(n).serial"] && r.partnerName == vector["\(n).partner-name"])
            #expect("\(r.partnerID)" == vector["\(n).partner-id"] && r.pass.kid.text == vector["\(n).pass-kid"])
            let after = RedemptionChain.link(after: previous, r, token: try #require(vector["\(n).token"]))
            #expect(after.hex == vector["\(n).link-after"])
            previous = after
        }
    }

    @Test func aVersion2ReceiptUnderTheVersion1PrefixIsRefused() throws {
        let vector = try Self.fields("receipts-chained.txt")
        let publicKey = try #require(Data(base64Encoded: vector["service-public-key"] ?? "").map(Array.init))
        let text = try #require(vector["1.receipt"])
        let error = #expect(throws: SpentListError.self) { try Receipt.verify(text: "pnr1." + text.dropFirst(5), publicKey: publicKey) }
        #expect(error?.code == .badReceipt)
    }

    @Test func theAPIKeyVectorHashesToItsHash() throws {
        let vector = try Self.fields("api-key-hash.txt")
        let key = try #require(vector["key"])
        #expect(APIKey(text: key).hash.hex == vector["hash"])
        #expect(vector["hash"]?.count == 64)
    }
}
