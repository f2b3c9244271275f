import Foundation
import Testing

struct VerifyCommandTests {
    @Test func validTokensExit0AndATamperedOneExits1() throws {
        let cli = CLI()
        let kid = try cli.makeKey()
        #expect(try cli.issue(kid: kid).status == 0)
        let tokens = cli.tokens()
        let good = try cli.run(["verify"] + tokens)
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout.split(separator: "\n").count == 5)
        #expect(good.stdout.contains("VALID  10.00 €  serial 1"))
        var tampered = Array(tokens[0])
        tampered[150] = tampered[150] == "1" ? "2" : "1"
        let bad = try cli.run(["verify", String(tampered)])
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("REJECTED"))
        #expect(bad.stdout.contains("forged or altered"))
    }

    @Test func jsonOutputHasTheDocumentedShape() throws {
        let cli = CLI()
        let kid = try cli.makeKey(issuer: "Ville \"A\"")
        #expect(try cli.issue(kid: kid).status == 0)
        let output = try cli.run(["verify", "--json", cli.tokens()[0], "123"])
        #expect(output.status == 1)
        let lines = output.stdout.split(separator: "\n").map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(lines.count == 2)
        let valid = try #require(lines[0] ?? nil)
        #expect(valid["valid"] as? Bool == true)
        #expect(valid["kid"] as? String == kid)
        #expect(valid["serial"] as? Int == 1)
        #expect(valid["valueCents"] as? Int == 1000)
        #expect(valid["issuer"] as? String == "Ville \"A\"")
        #expect(valid["expires"] as? String == "2099-12-31T23:00:00Z")
        let invalid = try #require(lines[1] ?? nil)
        #expect(invalid["valid"] as? Bool == false)
        #expect(invalid["reason"] as? String == "malformed")
    }

    @Test func atChoosesTheVerificationTime() throws {
        let cli = CLI()
        let kid = try cli.makeKey()
        #expect(try cli.issue(kid: kid).status == 0)
        let token = cli.tokens()[0]
        #expect(try cli.run(["verify", "--at", "2099-12-31T22:59:59Z", token]).status == 0)
        let after = try cli.run(["verify", "--json", "--at", "2099-12-31T23:00:00Z", token])
        #expect(after.status == 1)
        #expect(after.stdout.contains("\"reason\":\"expired\""))
    }

    /// 6,001 lines of CRLF text is over 1 MiB: lines straddle the reader's block boundary.
    @Test func bulkFromStandardInputKeepsOrderAndNumbersLines() throws {
        let cli = CLI()
        let kid = try cli.makeKey()
        #expect(try cli.issue(kid: kid, carnets: 1200).status == 0)
        var lines = cli.tokens()
        lines.insert("garbage", at: 1234)
        let output = try cli.run(["verify", "-"], stdin: lines.joined(separator: "\r\n") + "\r\n")
        #expect(output.status == 1)
        let printed = output.stdout.split(separator: "\n")
        #expect(printed.count == 6001)
        #expect(printed[1234].hasPrefix("1235: ✘ REJECTED"))
        #expect(printed.filter { $0.contains("✔ VALID") }.count == 6000)
        #expect(printed[6000].hasPrefix("6001: ✔ VALID"))
        #expect(printed[6000].contains("serial 6000 "))
    }

    @Test func frenchWordsWhenAsked() throws {
        var cli = CLI()
        cli.environment["PASSNUM_LANG"] = "fr"
        let output = try cli.run(["verify", String(repeating: "1", count: 200)])
        #expect(output.status == 1)
        let missing = try cli.run(["verify", "--trust-list", "nope.json", "1"])
        #expect(missing.stderr.contains("passnum: erreur:"))
        let kid = try cli.makeKey()
        #expect(try cli.issue(kid: kid).status == 0)
        let refused = try cli.run(["verify", "--at", "2100-01-02T00:00:00Z", cli.tokens()[0]])
        #expect(refused.stdout.contains("REFUSÉ"))
    }

    @Test func aBrokenTrustListIsAClearError() throws {
        let cli = CLI()
        try FileManager.default.createDirectory(atPath: cli.path("Keys"), withIntermediateDirectories: true)
        try Data("{\"format\":\"passnum-trustlist/v1\",\"keys\":[{\"kid\":\"00000000\"}]}".utf8).write(to: URL(fileURLWithPath: cli.path("Keys/trustlist.json")))
        let output = try cli.run(["verify", String(repeating: "0", count: 200)])
        #expect(output.status == 1)
        #expect(output.stderr.contains("trustlist.json"))
        #expect(output.stderr.contains("missing field"))
    }

    @Test func usageErrorsExit64() throws {
        let cli = CLI()
        #expect(try cli.run(["verify"]).status == 64)
        #expect(try cli.run(["verify", "-", "123"]).status == 64)
        #expect(try cli.run(["verify", "--at", "yesterday", "123"]).status == 64)
    }
}
