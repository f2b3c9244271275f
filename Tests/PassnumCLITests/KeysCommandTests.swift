import Foundation
import Testing

struct KeysCommandTests {
    @Test func generatesAnEncryptedKeyMode0600AndATrustList() throws {
        let cli = CLI()
        let output = try cli.run(["keys", "generate", "--issuer", "Nantes Métropole"], passphrase: "correct horse battery")
        #expect(output.status == 0, "\(output.stderr)")
        let kid = output.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(kid.count == 8)
        let attributes = try FileManager.default.attributesOfItem(atPath: cli.path("Keys/\(kid).secret"))
        #expect(attributes[.posixPermissions] as? Int == 0o600)
        #expect(cli.read("Keys/trustlist.json")?.contains("\"kid\" : \"\(kid)\"") == true)
        let list = try cli.run(["keys", "list", "--json"])
        #expect(list.stdout.contains("\"kid\":\"\(kid)\""))
        #expect(list.stdout.contains("\"status\":\"active\""))
    }

    @Test func withoutPassphraseOrTerminalItFailsClearlyAndWritesNothing() throws {
        let cli = CLI()
        let output = try cli.run(["keys", "generate", "--issuer", "X"])
        #expect(output.status == 1)
        #expect(output.stderr.contains("passnum: error:"))
        #expect(output.stderr.contains("PASSNUM_PASSPHRASE"))
        let files = (try? FileManager.default.contentsOfDirectory(atPath: cli.path("Keys"))) ?? []
        #expect(files.filter { $0.hasSuffix(".secret") }.isEmpty)
    }

    @Test func anIssuerNameOverTheTrustListsBoundIsAUsageErrorAndMakesNoKey() throws {
        let cli = CLI()
        let output = try cli.run(["keys", "generate", "--issuer", String(repeating: "é", count: 101), "--unencrypted"])
        #expect(output.status == 64)
        #expect(output.stderr.contains("at most 100"))
        #expect(!FileManager.default.fileExists(atPath: cli.path("Keys")))
        let atTheBound = try cli.run(["keys", "generate", "--issuer", String(repeating: "é", count: 100), "--unencrypted"])
        #expect(atTheBound.status == 0, "\(atTheBound.stderr)")
    }

    @Test func aShortPassphraseIsRefused() throws {
        let output = try CLI().run(["keys", "generate", "--issuer", "X"], passphrase: "short")
        #expect(output.status == 1)
        #expect(output.stderr.contains("at least 8"))
    }

    @Test func theSecretIsNeverPrinted() throws {
        let cli = CLI()
        let output = try cli.run(["keys", "generate", "--issuer", "X", "--unencrypted"])
        let kid = output.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let file = try #require(FileManager.default.contents(atPath: cli.path("Keys/\(kid).secret")))
        let seed = file.suffix(32)
        let printed = output.stdout + output.stderr + (try cli.run(["keys", "list"])).stdout
        for form in [seed.base64EncodedString(), seed.map { String(format: "%02x", $0) }.joined()] {
            #expect(!printed.contains(form))
        }
        #expect(output.stderr.contains("NOT encrypted"))
    }

    @Test func revokeMarksTheKeyAndItsPassesAreRefused() throws {
        let cli = CLI()
        let kid = try cli.makeKey()
        #expect(try cli.issue(kid: kid).status == 0)
        let revoke = try cli.run(["keys", "revoke", kid])
        #expect(revoke.status == 0)
        #expect(try cli.run(["keys", "list"]).stdout.contains("revoked"))
        let verify = try cli.run(["verify", "--json", cli.tokens()[0]])
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("\"reason\":\"key_revoked\""))
        let issueAgain = try cli.issue(kid: kid, out: "more.txt")
        #expect(issueAgain.status == 1)
        #expect(cli.read("more.txt") == nil)
    }

    @Test func usageErrorsExit64() throws {
        let cli = CLI()
        #expect(try cli.run(["keys", "revoke", "XYZ"]).status == 64)
        #expect(try cli.run(["keys", "generate"]).status == 64)
        #expect(try cli.run(["keys", "generate", "--issuer", "  "]).status == 64)
        #expect(try cli.run(["no-such-command"]).status == 64)
    }
}
