import Counter
import Foundation
import Testing

/// Issue 14 §2.1: the programme's root key signs the trust list (SPEC.md §14); the service at
/// start and at each reload, and a counter's `replica pull`, take only a list the pinned root
/// signed, and keep the previous one otherwise. Without a pinned root a list is taken unsigned
/// and the command says so.
@Suite(.serialized) struct SignedTrustListTests {
    /// A folder with an issuer key (Keys/) and a root key (Root/), the list signed.
    static func signedFolder() throws -> (CLI, root: String) {
        let cli = CLI()
        _ = try cli.makeKey()
        #expect(try cli.run(["keys", "generate", "--root", "--dir", "Root", "--unencrypted"]).status == 0)
        let root = "Root/" + (try FileManager.default.contentsOfDirectory(atPath: cli.path("Root")).first { $0.hasSuffix(".pub") }!)
        let signed = try cli.run(["trustlist", "sign", "--root-key", root.replacingOccurrences(of: ".pub", with: ".secret")])
        #expect(signed.status == 0, "\(signed.stderr)")
        return (cli, root)
    }

    /// Another root key's public file, in Other/.
    static func otherRoot(_ cli: CLI) throws -> String {
        #expect(try cli.run(["keys", "generate", "--root", "--dir", "Other", "--unencrypted"]).status == 0)
        return "Other/" + (try FileManager.default.contentsOfDirectory(atPath: cli.path("Other")).first { $0.hasSuffix(".pub") }!)
    }

    @Test func theRootKeyIsSealedAndReplacesASignatureOnlyWithForce() throws {
        let cli = CLI()
        _ = try cli.makeKey()
        let made = try cli.run(["keys", "generate", "--root", "--dir", "Root"], passphrase: "a long passphrase")
        #expect(made.status == 0, "\(made.stderr)")
        let kid = made.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let secret = cli.path("Root/root-\(kid).secret")
        let mode = (try FileManager.default.attributesOfItem(atPath: secret)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600)
        let bytes = try #require(FileManager.default.contents(atPath: secret))
        #expect(bytes.prefix(8) == Data("PNSECKEY".utf8) && bytes[9] != 0, "sealed with the passphrase")
        #expect(Data(base64Encoded: try #require(cli.read("Root/root-\(kid).pub")).trimmingCharacters(in: .newlines))?.count == 32)
        let sign = ["trustlist", "sign", "--root-key", "Root/root-\(kid).secret"]
        #expect(try cli.run(sign, passphrase: "wrong passphrase").status == 1)
        #expect(try cli.run(sign, passphrase: "a long passphrase").status == 0)
        #expect(cli.read("Keys/trustlist.json.sig")?.hasPrefix("pnt1.") == true)
        let again = try cli.run(sign)  // refused before the passphrase is asked for
        #expect(again.status == 1 && again.stderr.contains("--force"), "\(again.stderr)")
        let issuerKey = try cli.run(["trustlist", "sign", "--root-key", "Keys/" + (try FileManager.default.contentsOfDirectory(atPath: cli.path("Keys")).first { $0.hasSuffix(".secret") }!), "--out", "x.sig"])
        #expect(issuerKey.status == 1 && issuerKey.stderr.contains("not a root key"), "\(issuerKey.stderr)")
        #expect(try cli.run(["trustlist", "verify", "--trust-root", "Root/root-\(kid).pub"]).status == 0)
    }

    @Test func verifySaysWhetherTheListWasSigned() throws {
        let cli = CLI()
        let kid = try cli.makeKey()
        #expect(try cli.issue(kid: kid).status == 0)
        let token = cli.tokens()[0]
        let unsigned = try cli.run(["verify", token])
        #expect(unsigned.status == 0 && unsigned.stderr.contains("is not signed"), "\(unsigned.stderr)")
        #expect(try cli.run(["keys", "generate", "--root", "--dir", "Root", "--unencrypted"]).status == 0)
        let root = "Root/" + (try FileManager.default.contentsOfDirectory(atPath: cli.path("Root")).first { $0.hasSuffix(".pub") }!)
        #expect(try cli.run(["trustlist", "sign", "--root-key", root.replacingOccurrences(of: ".pub", with: ".secret")]).status == 0)
        let notChecked = try cli.run(["verify", token])
        #expect(notChecked.status == 0 && notChecked.stderr.contains("not checked here"), "\(notChecked.stderr)")
        let checked = try cli.run(["verify", "--trust-root", root, token])
        #expect(checked.status == 0 && !checked.stderr.contains("note:"), "\(checked.stderr)")
        let revoked = try cli.run(["keys", "revoke", kid])  // the list changes, its signature does not
        #expect(revoked.status == 0 && revoked.stderr.contains("no longer matches the list"), "\(revoked.stderr)")
        let altered = try cli.run(["verify", "--trust-root", root, token])
        #expect(altered.status == 1 && altered.stdout.isEmpty && altered.stderr.contains("does not match its bytes"), "\(altered.stderr)")
    }

    @Test func serveRefusesToStartOnAListThePinnedRootDidNotSign() throws {
        let (cli, root) = try Self.signedFolder()
        let serve = ["serve", "--init", "--listen", "127.0.0.1:0", "--trust-root"]
        let wrongRoot = try cli.run(serve + [try Self.otherRoot(cli)])
        #expect(wrongRoot.status == 1 && wrongRoot.stderr.contains("not by the pinned root key"), "\(wrongRoot.stderr)")
        var list = try #require(cli.read("Keys/trustlist.json"))
        list = list.replacingOccurrences(of: "Nantes", with: "Nantas")
        try list.write(toFile: cli.path("Keys/trustlist.json"), atomically: true, encoding: .utf8)
        let tampered = try cli.run(serve + [root])
        #expect(tampered.status == 1 && tampered.stderr.contains("does not match its bytes"), "\(tampered.stderr)")
        try FileManager.default.removeItem(atPath: cli.path("Keys/trustlist.json.sig"))
        let missing = try cli.run(serve + [root])
        #expect(missing.status == 1 && missing.stderr.contains("is not signed"), "\(missing.stderr)")
        let unpinned = try cli.startService()
        defer { unpinned.stop() }
        #expect(try String(contentsOfFile: unpinned.log, encoding: .utf8).contains("no root key pinned"))
    }

    @Test func aReloadThatDoesNotVerifyKeepsThePreviousList() throws {
        let (cli, root) = try Self.signedFolder()
        let service = try cli.startService(["--trust-root", root])
        defer { service.stop() }
        let key = try cli.addPartner("PiNG")
        let first = try Self.trustList(cli, service, key)
        #expect(first.body == cli.read("Keys/trustlist.json") && first.signature == cli.read("Keys/trustlist.json.sig")?.trimmingCharacters(in: .newlines))
        let oldList = try #require(cli.read("Keys/trustlist.json")), oldSignature = try #require(cli.read("Keys/trustlist.json.sig"))
        let kid = try cli.makeKey(issuer: "Autre bureau")  // the list changes; its signature is now stale
        kill(service.process.processIdentifier, SIGHUP)
        #expect(Self.waitFor { (try? String(contentsOfFile: service.log, encoding: .utf8))?.contains("trust list not reloaded") == true })
        #expect(try Self.trustList(cli, service, key) == first, "the previous list and its signature stay")
        sleep(1)  // a signature a second later than the first
        #expect(try cli.run(["trustlist", "sign", "--force", "--root-key", root.replacingOccurrences(of: ".pub", with: ".secret")]).status == 0)
        kill(service.process.processIdentifier, SIGHUP)
        #expect(Self.waitFor { (try? Self.trustList(cli, service, key).body.contains(kid)) == true })
        let second = try Self.trustList(cli, service, key)
        // An older signed list put back is refused too: it would bring back what was revoked.
        try oldList.write(toFile: cli.path("Keys/trustlist.json"), atomically: true, encoding: .utf8)
        try oldSignature.write(toFile: cli.path("Keys/trustlist.json.sig"), atomically: true, encoding: .utf8)
        kill(service.process.processIdentifier, SIGHUP)
        #expect(Self.waitFor { (try? String(contentsOfFile: service.log, encoding: .utf8))?.contains("signed before the one in force") == true })
        #expect(try Self.trustList(cli, service, key) == second)
    }

    @Test func replicaPullKeepsOnlyAListThePinnedRootSigned() throws {
        let (cli, root) = try Self.signedFolder()
        let service = try cli.startService()  // no root pinned: it serves whatever signature is beside the list
        defer { service.stop() }
        let key = try cli.addPartner("PiNG")
        let pull = ["replica", "pull", "--service", service.url, "--partner-key-file", key, "--trust-root"]
        let good = try cli.run(pull + [root])
        #expect(good.status == 0 && !good.stderr.contains("warning"), "\(good.stderr)")
        let kept = try Replica(path: cli.path("replica.sqlite")).trustList()
        #expect(kept == FileManager.default.contents(atPath: cli.path("Keys/trustlist.json")))
        let wrongRoot = try cli.run(pull + [try Self.otherRoot(cli)])
        #expect(wrongRoot.status == 1 && wrongRoot.stderr.contains("not by the pinned root key"), "\(wrongRoot.stderr)")
        let kid = try cli.makeKey(issuer: "Autre bureau")  // the service takes it (no root), with the stale signature
        kill(service.process.processIdentifier, SIGHUP)
        #expect(Self.waitFor { (try? Self.trustList(cli, service, key).body.contains(kid)) == true })
        let altered = try cli.run(pull + [root])
        #expect(altered.status == 1 && altered.stderr.contains("does not match its bytes"), "\(altered.stderr)")
        try FileManager.default.removeItem(atPath: cli.path("Keys/trustlist.json.sig"))
        kill(service.process.processIdentifier, SIGHUP)
        #expect(Self.waitFor { (try? Self.trustList(cli, service, key).signature) == .some(nil) })
        let missing = try cli.run(pull + [root])
        #expect(missing.status == 1 && missing.stderr.contains("without a signature"), "\(missing.stderr)")
        #expect(try Replica(path: cli.path("replica.sqlite")).trustList() == kept, "the previous list stays")
        let unpinned = try cli.run(["replica", "pull", "--service", service.url, "--partner-key-file", key])
        #expect(unpinned.status == 0 && unpinned.stderr.contains("no root key pinned"), "\(unpinned.stderr)")
        #expect(try Replica(path: cli.path("replica.sqlite")).trustList() != kept)
    }

    struct Served: Equatable {
        let body: String
        let signature: String?
    }

    /// `GET /v1/trustlist` through curl: the body and the signature header.
    static func trustList(_ cli: CLI, _ service: CLI.Service, _ keyFile: String) throws -> Served {
        let key = try #require(cli.read(keyFile)).trimmingCharacters(in: .whitespacesAndNewlines)
        let output = try cli.run(program: "/usr/bin/curl", ["-s", "-D", "headers.txt", "-H", "Authorization: Bearer \(key)", service.url + "/v1/trustlist"])
        let header = (cli.read("headers.txt") ?? "").split(separator: "\r\n").first { $0.lowercased().hasPrefix("passnum-trust-list-signature:") }
        return Served(body: output.stdout, signature: header.map { String($0.dropFirst("passnum-trust-list-signature:".count)).trimmingCharacters(in: .whitespaces) })
    }

    /// Polls for up to 10 s: the service reloads on SIGHUP asynchronously.
    static func waitFor(_ condition: () -> Bool) -> Bool {
        for _ in 0..<200 {
            if condition() { return true }
            usleep(50_000)
        }
        return false
    }
}

/// The signed-list commands speak French too (issue 9 §3), refusals included.
struct SignedTrustListFrenchTests {
    @Test func theSignedListCommandsSpeakFrench() throws {
        var cli = CLI()
        cli.environment["PASSNUM_LANG"] = "fr"
        func run(_ arguments: [String]) throws -> CLI.Output {
            let output = try cli.run(arguments)
            FrenchTests.expectFrench(output, arguments)
            return output
        }
        _ = try cli.makeKey()
        let kid = try run(["keys", "generate", "--root", "--dir", "Root", "--unencrypted"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try run(["trustlist", "sign", "--root-key", "Root/root-\(kid).secret"]).status == 0)
        #expect(try run(["trustlist", "sign", "--root-key", "Root/root-\(kid).secret"]).status == 1)
        #expect(try run(["trustlist", "verify", "--trust-root", "Root/root-\(kid).pub"]).status == 0)
        _ = try run(["keys", "generate", "--issuer", "Autre bureau", "--unencrypted", "--valid-until", "2100-12-31"])
        let refused = try run(["trustlist", "verify", "--trust-root", "Root/root-\(kid).pub"])
        #expect(refused.status == 1 && refused.stderr.contains("ne correspond pas"), "\(refused.stderr)")
        let serve = try run(["serve", "--init", "--listen", "127.0.0.1:0", "--trust-root", "Root/root-\(kid).pub"])
        #expect(serve.status == 1, "\(serve.stderr)")
        _ = try run(["verify", "--trust-root", "Root/root-\(kid).pub", "123"])
    }
}
