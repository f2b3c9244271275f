import Foundation
import Testing

/// Issue 9 §1.1: `issue` used to open issuance.sqlite in the current folder, so a run from
/// another folder started a new ledger and signed serials 1–5 again under the same key. The
/// ledger now belongs to the key: beside it, made with it, and refused when it never saw it.
struct LedgerPlaceTests {
    @Test func issuingFromAnotherFolderUsesTheKeysLedger() throws {
        let cli = CLI()
        let kid = try cli.makeKey()
        #expect(try cli.issue(kid: kid).status == 0)
        let elsewhere = try cli.run(program: "/bin/sh", [
            "-c", "mkdir -p elsewhere && cd elsewhere && exec \"$0\" \"$@\"", CLI.binary,
            "issue", "--key", "../Keys/\(kid).secret", "--carnets", "1", "--value", "20", "--expires", "2099-12-31", "--out", "tokens.txt",
        ])
        #expect(elsewhere.status == 0, "\(elsewhere.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.path("elsewhere/issuance.sqlite")), "no second ledger")
        let serials = try ["tokens.txt", "elsewhere/tokens.txt"].flatMap { name in
            try cli.run(["verify", "--json", "--trust-list", "Keys/trustlist.json", "-"], stdin: cli.read(name)).stdout.split(separator: "\n")
        }.compactMap { line in line.firstRange(of: "\"serial\":").map { Int(line[$0.upperBound...].prefix { $0.isNumber })! } }
        #expect(serials == Array(1...10), "one key, ten passes, ten serials")
    }

    @Test func aLedgerThatNeverSawTheKeyIsRefused() throws {
        let cli = CLI()
        let kid = try cli.makeKey()
        _ = try cli.makeKey(extra: ["--valid-until", "2100-12-31", "--dir", "Other"])
        for ledger in ["fresh.sqlite", "Other/issuance.sqlite"] {
            let refused = try cli.issue(kid: kid, out: "refused.txt", extra: ["--ledger", ledger])
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("passnum: error:") && refused.stderr.contains(kid) && refused.stderr.contains("nothing was issued"), "\(refused.stderr)")
            #expect(refused.stderr.contains("passnum: hint:") && refused.stderr.contains("beside the key file"))
            #expect(cli.read("refused.txt") == nil)
        }
        #expect(!FileManager.default.fileExists(atPath: cli.path("fresh.sqlite")), "a refused ledger is not made")
        #expect(try cli.run(["batches", "--ledger", "Other/issuance.sqlite"]).stdout.isEmpty)
    }

    /// A ledger an older passnum left in the current folder keeps working, named or moved.
    @Test func anOldLedgerInTheCurrentFolderIsFoundWithAHint() throws {
        let cli = CLI()
        let kid = try cli.makeKey()
        #expect(try cli.issue(kid: kid).status == 0)
        try FileManager.default.moveItem(atPath: cli.path("Keys/issuance.sqlite"), toPath: cli.path("issuance.sqlite"))
        let refused = try cli.issue(kid: kid, out: "more.txt")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("mv issuance.sqlite"), "\(refused.stderr)")
        let registering = try cli.run(["keys", "register", "--key", "Keys/\(kid).secret"])
        #expect(registering.status == 1 && registering.stderr.contains("keeps that ledger"), "\(registering.stderr)")
        let named = try cli.issue(kid: kid, out: "more.txt", extra: ["--ledger", "issuance.sqlite"])
        #expect(named.status == 0, "\(named.stderr)")
        #expect(named.stderr.contains("serials 6–10"))
    }

    /// A key made before keys were registered, that never issued, is registered once.
    @Test func registerAdmitsAKeyThatNeverIssued() throws {
        let cli = CLI()
        let kid = try cli.makeKey()
        try FileManager.default.removeItem(atPath: cli.path("Keys/issuance.sqlite"))
        #expect(try cli.issue(kid: kid).status == 1)
        let registered = try cli.run(["keys", "register", "--key", "Keys/\(kid).secret"])
        #expect(registered.status == 0, "\(registered.stderr)")
        #expect(try cli.issue(kid: kid).status == 0)
        #expect(try cli.run(["keys", "register", "--key", "Keys/\(kid).secret"]).stderr.contains("already registered"))
    }
}
