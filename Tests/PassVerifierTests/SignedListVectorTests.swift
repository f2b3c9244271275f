import Foundation
import PassVerifier
import Testing

/// Every signed list in Vectors/trustlists/signed/ gives exactly the outcome its `expect:` line
/// names (SPEC.md §14), and the checks run in the order of §14.2.
struct SignedListVectorTests {
    static let sub = "trustlists/signed"

    static func bytes(_ name: String, _ suffix: String) throws -> Data {
        try Data(contentsOf: VectorTests.folder.appendingPathComponent("\(sub)/\(name).\(suffix)"))
    }

    @Test func theSetCoversEveryReason() {
        let expected = Set(TrustListVectorTests.names(in: Self.sub).compactMap { TrustListVectorTests.fields(Self.sub, $0)["expect"] })
        #expect(expected.contains("valid"))
        for reason in PassError.Code.listSignatureReasons {
            #expect(expected.contains(reason.rawValue), "no signed-list vector expects \(reason)")
        }
    }

    @Test(arguments: TrustListVectorTests.names(in: sub))
    func signedList(_ name: String) throws {
        let fields = TrustListVectorTests.fields(Self.sub, name)
        let rootText = try #require(fields["root-public-key"])
        let root = try #require(Data(base64Encoded: rootText))
        let list = try Self.bytes(name, "json")
        let signature = String(decoding: try Self.bytes(name, "sig"), as: UTF8.self)
        do {
            let checked = try TrustListSignature.check(json: list, signature: signature, rootPublicKey: Array(root))
            #expect(fields["expect"] == "valid")
            #expect(checked.rootKid.text == fields["root-kid"])
            #expect(MachineTimeText.format(checked.signedDate) == fields["signed-at"])
            _ = try TrustList(json: list)  // a signed list still loads by itself, as today
        } catch {
            #expect(error.code == .badTrustListSignature)
            #expect(error.detail?.rawValue == fields["expect"], "\(error.message)")
        }
    }

    @Test func aSignatureTextRoundTrips() throws {
        let text = String(decoding: try Self.bytes("valid", "sig"), as: UTF8.self)
        let signature = try TrustListSignature(text: text)
        #expect(signature.text + "\n" == text)
        #expect(signature.text.count == 101)
    }

    @Test func theRootKeyFileTextIsStrict() throws {
        let text = try #require(TrustListVectorTests.fields(Self.sub, "valid")["root-public-key"])
        #expect(try TrustListSignature.rootPublicKey(text: " \(text)\n").count == 32)
        #expect(throws: PassError.self) { try TrustListSignature.rootPublicKey(text: String(text.dropLast())) }
        #expect(throws: PassError.self) { try TrustListSignature.rootPublicKey(text: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=") }
    }
}

/// Times as the vectors write them (SPEC.md §1).
enum MachineTimeText {
    static func format(_ date: Date) -> String { date.formatted(.iso8601) }
}
