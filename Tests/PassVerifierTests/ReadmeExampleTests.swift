import Foundation
import PassVerifier
import Testing

// The README's Swift example, verbatim between the markers, so that it is compiled with the
// tests; the test below checks the README still shows exactly this text.
private struct Spends {
    func record(kid: KeyID, serial: Serial) throws {}
}

private func readmeExample(scannedLine: String, spends: Spends) throws {
    // README BEGIN
    let trustListBytes = try Data(contentsOf: URL(fileURLWithPath: "trustlist.json"))
    let verifier = Verifier(trustList: try TrustList(json: trustListBytes))
    do {
        let pass = try verifier.verify(text: ScanText.normalize(scannedLine) ?? "", at: Date())
        try spends.record(kid: pass.kid, serial: pass.serial)  // your own code, which may throw too
        print(pass.serial, pass.value, pass.expiry, pass.issuer)
    } catch let error as PassError {
        print(error.code, error.message)   // malformed, unsupported_version, unknown_key, …
    }
    // README END
}

struct ReadmeExampleTests {
    @Test func theReadmeShowsTheCompiledExample() throws {
        let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
        let begin = try #require(source.range(of: "    // README BEGIN\n"))
        let end = try #require(source.range(of: "    // README END"))
        let example = source[begin.upperBound..<end.lowerBound].split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.dropFirst(4) }.joined(separator: "\n")
        let readme = try String(contentsOf: Fixtures.repository.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("import Foundation\nimport PassVerifier\n\n" + example + "```"), "README's Swift example differs from \(#fileID)")
    }

}
