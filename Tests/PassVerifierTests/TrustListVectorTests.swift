import Foundation
import PassVerifier
import Testing

/// Every trust list in Vectors/trustlists/ and every scanner input in Vectors/scanner/ gives
/// exactly the outcome its `expect:` line names (SPEC.md §7.1, §8, §9).
struct TrustListVectorTests {
    static let folder = VectorTests.folder

    static func names(in sub: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(sub).path)) ?? []
        return names.filter { $0.hasSuffix(".txt") }.map { String($0.dropLast(4)) }.sorted()
    }

    static func fields(_ sub: String, _ name: String) -> [String: String] {
        let text = (try? String(contentsOf: folder.appendingPathComponent("\(sub)/\(name).txt"), encoding: .utf8)) ?? ""
        return VectorTests.fields(of: text)
    }

    @Test func theSetsCoverEveryReason() {
        let expected = Set(Self.names(in: "trustlists").compactMap { Self.fields("trustlists", $0)["expect"] })
        #expect(expected.contains("valid"))
        for reason in PassError.Code.trustListReasons {
            #expect(expected.contains(reason.rawValue), "no trust-list vector expects \(reason)")
        }
        #expect(Self.names(in: "scanner").count >= 10)
    }

    @Test(arguments: names(in: "trustlists"))
    func trustList(_ name: String) throws {
        let expect = try #require(Self.fields("trustlists", name)["expect"])
        let bytes = try Data(contentsOf: Self.folder.appendingPathComponent("trustlists/\(name).json"))
        do {
            _ = try TrustList(json: bytes)
            #expect(expect == "valid")
        } catch {
            #expect(error.code == .invalidTrustList)
            #expect(error.detail?.rawValue == expect, "\(error.message)")
        }
    }

    @Test(arguments: names(in: "scanner"))
    func scannerInput(_ name: String) throws {
        let fields = Self.fields("scanner", name)
        let hex = Array(try #require(fields["input-hex"]).utf8)
        let bytes = stride(from: 0, to: hex.count, by: 2).map { UInt8(String(decoding: hex[$0..<$0 + 2], as: UTF8.self), radix: 16)! }
        let input = try #require(String(validating: bytes, as: UTF8.self))
        #expect((ScanText.normalize(input) ?? "unreadable") == fields["expect"])
    }
}
