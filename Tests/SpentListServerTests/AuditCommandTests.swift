import Foundation
import GRDB
import PassIssuer
import PassVerifier
import SpentList
import Testing

/// `passnum audit` on the built binary, as a funder's auditor runs it: on a `passnum backup` of
/// the spent list and the trust list alone, a signed summary that `audit verify-summary`
/// checks; exit 1 naming the row once a redemption is deleted from the copy.
@Suite struct AuditCommandTests {
    @Test func aBackupIsAuditedAndItsSignedSummaryVerified() async throws {
        let run = try CLIRun()
        let path = run.folder.appendingPathComponent("spent.sqlite").path
        let store = try SQLiteSpentStore(path: path)
        let ping = try await store.addPartner(name: "PiNG", keyHash: APIKey(text: "pnk_ping").hash, at: ServiceFixture.now)
        let requests = (1...3).map { serial in
            RedemptionRequest(pass: PassRef(kid: ServiceFixture.active.kid, serial: Serial(serial)!), value: Cents(1000)!, partner: ping,
                              redeemedAt: ServiceFixture.now, token: ServiceFixture.token(serial))
        }
        _ = try await store.redeem(requests)
        let list = try TrustList(keys: [TrustList.Key(
            publicKey: ServiceFixture.active.publicKey, issuer: "Métropole", notBefore: ServiceFixture.now - 86_400 * 365,
            notAfter: ServiceFixture.now + 86_400 * 365, status: .active)])
        try list.json().write(to: run.folder.appendingPathComponent("trustlist.json"))
        #expect(try run.passnum(["backup", "--db", "sqlite:spent.sqlite", "--out", "copy.sqlite"]).status == 0)

        let kid = try run.passnum(["audit", "key", "--unencrypted"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let audit = ["audit", "--db", "sqlite:copy.sqlite", "--trust-list", "trustlist.json"]
        let clean = try run.passnum(audit + ["--summary", "summary.txt", "--sign-key", "auditor-\(kid).secret"])
        #expect(clean.status == 0, "\(clean.stderr)")
        #expect(clean.stdout.contains("redemptions: 3 (verified again: 3") && clean.stdout.contains("findings: none"), "\(clean.stdout)")
        #expect(clean.stdout.contains("30.00 €"), "\(clean.stdout)")
        let verify = ["audit", "verify-summary", "--key", "auditor-\(kid).pub", "summary.txt"]
        #expect(try run.passnum(verify).status == 0)

        let summary = run.folder.appendingPathComponent("summary.txt")
        try (try String(contentsOf: summary, encoding: .utf8)).replacingOccurrences(of: "30.00", with: "40.00").write(to: summary, atomically: true, encoding: .utf8)
        let altered = try run.passnum(verify)
        #expect(altered.status == 1 && altered.stderr.contains("passnum: error:"), "\(altered.stderr)")

        let copy = run.folder.appendingPathComponent("copy.sqlite").path
        let second = try await DatabaseQueue(path: copy).write { db in
            try db.execute(sql: "DELETE FROM redemptions WHERE serial = 2")
            return try Int64.fetchOne(db, sql: "SELECT feed_seq FROM redemptions WHERE serial = 3")!
        }
        let tampered = try run.passnum(audit)
        #expect(tampered.status == 1)
        #expect(tampered.stdout.contains("findings: 1") && tampered.stdout.contains("[chain_break] row \(second) ("), "\(tampered.stdout)")
    }
}
