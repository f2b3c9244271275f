import Foundation
import PassVerifier
import Testing

/// Every file in Vectors/ (SPEC.md §9) gives exactly the outcome its `expect:` line names.
struct VectorTests {
    struct Vector: CustomTestStringConvertible, Sendable {
        let name: String
        let fields: [String: String]
        var testDescription: String { name }
    }

    static let folder = Fixtures.repository.appendingPathComponent("Vectors")

    static let vectors: [Vector] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".txt") }.sorted().map { name in
            let text = (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? ""
            return Vector(name: name, fields: fields(of: text))
        }
    }()

    /// The `name: value` lines of a vector file.
    static func fields(of text: String) -> [String: String] {
        let pairs = text.split(separator: "\n").compactMap { (line: Substring) -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let value: Substring = line[colon...].dropFirst(2)
            return (String(line[..<colon]), String(value))
        }
        return Dictionary(pairs, uniquingKeysWith: { a, _ in a })
    }

    @Test func theSetCoversEveryReason() throws {
        let expected = Set(Self.vectors.compactMap { $0.fields["expect"] })
        #expect(Self.vectors.filter { $0.fields["expect"] == "valid" }.count >= 3)
        for reason in PassError.Code.tokenReasons {
            #expect(expected.contains(reason.rawValue), "no vector expects \(reason)")
        }
    }

    @Test(arguments: vectors)
    func vector(_ vector: Vector) throws {
        let trustList = try TrustList(json: Data(contentsOf: Self.folder.appendingPathComponent("trustlist.json")))
        let at = try #require(vector.fields["at"].map(Fixtures.date))
        let token = try #require(vector.fields["token"])
        let result = Result { () throws(PassError) in try Verifier(trustList: trustList).verify(text: token, at: at) }
        switch result {
        case .success(let pass):
            #expect(vector.fields["expect"] == "valid")
            #expect(pass.kid.text == vector.fields["kid"])
            #expect(String(pass.serial.value) == vector.fields["serial"])
            #expect(String(pass.value.value) == vector.fields["valueCents"])
            #expect(pass.expiry == vector.fields["expires"].map(Fixtures.date))
            #expect(pass.token.text == token, "re-encoding gives the same text")
        case .failure(let error):
            #expect(error.code.rawValue == vector.fields["expect"], "\(error.message)")
        }
    }

    /// An implementation written from SPEC.md alone, in Python on OpenSSL, agrees on every vector.
    @Test func referenceImplementationAgrees() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Fixtures.repository.appendingPathComponent("Tests/Reference/reference_verifier.py").path, Self.folder.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("\(Self.vectors.count) agreed, 0 disagreed"), "\(text)")
        #expect(text.contains("pass numbers: 14 agreed, 0 disagreed"), "SPEC.md §11, \(text)")
        #expect(text.contains("trust lists: \(TrustListVectorTests.names(in: "trustlists").count) agreed, 0 disagreed"), "\(text)")
        #expect(text.contains("scanner inputs: \(TrustListVectorTests.names(in: "scanner").count) agreed, 0 disagreed"), "\(text)")
    }
}
