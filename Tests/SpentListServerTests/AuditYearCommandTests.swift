import Foundation
import GRDB
import PassIssuer
import PassVerifier
import SpentList
import TestStores
import Testing

/// `passnum audit` (the built binary) on a copy of the simulated year, as an auditor runs it:
/// the summary's figures are the ones counted by hand from the year's story (AuditYearTests
/// counts the same on both stores).
@Suite struct AuditYearCommandTests {
    /// A SQLite copy of the year and its trust list in the run's folder.
    static func year() async throws -> (run: CLIRun, audit: [String], path: String) {
        let run = try CLIRun()
        let store = try #require(try await SimulatedYear.copy(on: .sqlite) as? SQLiteSpentStore)
        try SimulatedYear.trustList.json().write(to: run.folder.appendingPathComponent("trustlist.json"))
        return (run, ["audit", "--db", "sqlite:" + store.path, "--trust-list", "trustlist.json"], store.path)
    }

    @Test func theYearsSummaryHasItsHandCountedFigures() async throws {
        let (run, audit, _) = try await Self.year()
        let result = try run.passnum(audit)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("redemptions: 1211 (verified again: 1211; without a token, recorded before passnum kept them: 0)"), "\(result.stdout)")
        #expect(lines.contains("cancellations: 1") && lines.contains("grace days: 0") && lines.contains("findings: none"))
        #expect(lines.contains { $0.hasPrefix("chain: 1211 links, head ") && $0.hasSuffix(", up to feed number 1682") })
        #expect(lines.contains("  2026-02  Secours  101 passes  1010.00 €") && lines.contains("  2026-11  Médiathèque  132 passes  660.00 €"))
        #expect(lines.contains("total: 9360.00 €"))
    }

    /// `--json`: the same figures and findings as a typed document; the summary file stays the text.
    @Test func theJSONDocumentHasTheSameFiguresAndFindings() async throws {
        let (run, audit, path) = try await Self.year()
        let text = try run.passnum(audit)
        let clean = try run.passnum(audit + ["--json", "--summary", "summary.txt"])
        #expect(clean.status == 0, "\(clean.stderr)")
        let document = try JSONDecoder().decode(AuditDocument.self, from: Data(clean.stdout.utf8))
        #expect(document.format == "passnum-audit/v1" && document.clean && document.findings.isEmpty && document.graceDays == 0)
        #expect(document.redemptions == 1211 && document.verified == 1211 && document.withoutToken == 0 && document.cancellations == 1)
        #expect(document.chain.links == 1211 && document.chain.lastFeedSequence == 1682 && document.totalCents == 936_000)
        let head = try #require(document.chain.head)
        #expect(text.stdout.contains("chain: 1211 links, head \(head), up to feed number 1682"))
        #expect(document.totals.count == 21)
        #expect(document.totals.filter { $0.month == "2026-02" }.map { "\($0.partner) \($0.count) \($0.cents)" }
            == ["Médiathèque 100 100000", "PiNG 100 100000", "Secours 101 101000"])
        let summary = try String(contentsOf: run.folder.appendingPathComponent("summary.txt"), encoding: .utf8)
        #expect(summary.hasPrefix("passnum audit of the spent list\nformat: passnum-audit-summary/v1\n") && summary.contains("findings: none"))

        // Département carnet 0's second pass deleted: the row after it is named, in JSON too.
        try await DatabaseQueue(path: path).write { try $0.execute(sql: "DELETE FROM redemptions WHERE feed_seq = 763") }
        let tampered = try run.passnum(audit + ["--json"])
        #expect(tampered.status == 1)
        let found = try JSONDecoder().decode(AuditDocument.self, from: Data(tampered.stdout.utf8))
        #expect(!found.clean && found.findings.map(\.kind) == ["chain_break"] && found.redemptions == 1210)
        let row = try #require(found.findings.first?.row)
        #expect(row.feedSequence == 764 && row.serial == 1003 && row.valueCents == 1000 && row.partner == "PiNG")
        #expect(row.pass == PassNumber(keyID: SimulatedYear.keys.first.kid, serial: Serial(1003)!).text)
        #expect(row.redeemedAt.text == "2026-05-05T12:00:00.000Z" && found.findings.first?.detail["previousFeedSequence"] == "762")
    }

    /// The same run folder, its commands in French.
    static func french(_ run: CLIRun) -> CLIRun {
        var french = run
        french.language = "fr"
        return french
    }

    static let serviceKey = SigningKey(seed: ServiceFixture.seed(0x5e))

    /// PiNG's receipts as its counter's journal lists them (`passnum journal --json`, a pass not
    /// yet synced first, with no receipt), and the service's public key in receipt.pub.
    static func receipts(_ run: CLIRun, path: String) async throws {
        let rows = try await SQLiteSpentStore(path: path).auditRedemptions(after: 0, limit: 5_000).filter { $0.partnerName == "PiNG" }
        let lines = [#"{"kid":"00000000","mode":"offline","receipt":"","serial":1,"status":"pending"}"#] + rows.map {
            #"{"kid":"\#($0.kid)","mode":"online","receipt":"\#(ChainRewrite.receipt(for: $0, signedBy: serviceKey))","serial":\#($0.serial),"status":"accepted"}"#
        }
        try (lines.joined(separator: "\n") + "\n").write(to: run.folder.appendingPathComponent("ping.jsonl"), atomically: true, encoding: .utf8)
        try (Data(serviceKey.publicKey).base64EncodedString() + "\n").write(to: run.folder.appendingPathComponent("receipt.pub"), atomically: true, encoding: .utf8)
    }

    /// `--receipts`: PiNG's 407 receipts agree with the year; once Département carnet 0's second
    /// pass (feed 763, PiNG's 168th receipt, line 169 after the pending one) is deleted and the
    /// chain rewritten to hide it, its receipt names it.
    @Test func aPartnersReceiptsNameARedemptionDeletedAndHidden() async throws {
        let (run, audit, path) = try await Self.year()
        try await Self.receipts(run, path: path)
        let withReceipts = audit + ["--receipts", "ping.jsonl", "--receipt-key", "receipt.pub"]
        let clean = try run.passnum(withReceipts)
        #expect(clean.status == 0 && clean.stdout.contains("\npartners' receipts checked: 407\n"), "\(clean.stdout)\(clean.stderr)")

        let rows = try await SQLiteSpentStore(path: path).auditRedemptions(after: 0, limit: 5_000)
        try await DatabaseQueue(path: path).write { db in
            try db.execute(sql: "DELETE FROM redemptions WHERE feed_seq = 763")
            for sql in ChainRewrite.statements(rows.filter { $0.feedSequence != 763 }, from: 764) { try db.execute(sql: sql) }
        }
        #expect(try run.passnum(audit).status == 0, "the chain alone no longer tells")
        let found = try run.passnum(withReceipts)
        let pass = PassNumber(keyID: SimulatedYear.keys.first.kid, serial: Serial(1002)!).text
        #expect(found.status == 1)
        #expect(found.stdout.contains("  [receipt_unpaid] receipt ping.jsonl:169 (pass \(pass), PiNG, 1000 cents, 2026-05-05T12:00:00.000Z): its redemption is not in the spent list: it was deleted\n"), "\(found.stdout)")
        #expect(found.stdout.contains("  [receipt_chain] row 764 ("))
        let french = try Self.french(run).passnum(withReceipts)
        #expect(french.stdout.contains("  [receipt_unpaid] reçu ping.jsonl:169 (pass \(pass), PiNG, 1000 centimes, 2026-05-05T12:00:00.000Z)\u{A0}: son encaissement n'est pas dans la liste\u{A0}: il a été supprimé\n"), "\(french.stdout)")
    }

    @Test func anUnreadableReceiptsFileStopsTheAuditWithWordsNamingTheLine() async throws {
        let (run, audit, path) = try await Self.year()
        try await Self.receipts(run, path: path)
        let file = run.folder.appendingPathComponent("ping.jsonl")
        try (try String(contentsOf: file, encoding: .utf8) + "du texte abîmé\n").write(to: file, atomically: true, encoding: .utf8)
        let arguments = audit + ["--receipts", "ping.jsonl", "--receipt-key", "receipt.pub"]
        let english = try run.passnum(arguments)
        #expect(english.status == 1 && english.stdout.isEmpty)
        #expect(english.stderr.contains("receipts file unreadable (ping.jsonl:409): line 409 of ping.jsonl holds no receipt"), "\(english.stderr)")
        let french = try Self.french(run).passnum(arguments)
        #expect(french.status == 1 && french.stderr.contains("fichier de reçus illisible (ping.jsonl:409)"), "\(french.stderr)")
        #expect(try run.passnum(audit + ["--receipts", "absent.txt", "--receipt-key", "receipt.pub"]).status == 1)
    }

    /// `--since`: the summary signed at the first audit; a history rewritten since (a pass moved
    /// to another partner, every link after it recomputed) is named; a summary signed by
    /// another auditor key is refused before the audit.
    @Test func anEarlierSummaryNamesAHistoryRewrittenSinceAndAnotherKeyIsRefused() async throws {
        let (run, audit, path) = try await Self.year()
        let kid = try run.passnum(["audit", "key", "--unencrypted"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try run.passnum(audit + ["--summary", "first.txt", "--sign-key", "auditor-\(kid).secret"]).status == 0)
        let since = audit + ["--since", "first.txt", "--since-key", "auditor-\(kid).pub"]
        let again = try run.passnum(since)
        #expect(again.status == 0 && again.stdout.contains("\nearlier summary: 1211 links, head "), "\(again.stdout)\(again.stderr)")

        try await DatabaseQueue(path: path).write { db in try db.execute(sql: "UPDATE redemptions SET partner_id = 2 WHERE feed_seq = 161") }
        let rows = try await SQLiteSpentStore(path: path).auditRedemptions(after: 0, limit: 5_000)
        try await DatabaseQueue(path: path).write { db in
            for sql in ChainRewrite.statements(rows, from: 162) { try db.execute(sql: sql) }
        }
        #expect(try run.passnum(audit).status == 0, "the chain alone no longer tells")
        let rewritten = try run.passnum(since)
        #expect(rewritten.status == 1 && rewritten.stdout.contains("  [earlier_summary_mismatch] row 1682 ("), "\(rewritten.stdout)")
        #expect(rewritten.stdout.contains("the chain no longer passes through the earlier summary's head at link 1211 (feed number 1682 then)"))

        let other = try run.passnum(["audit", "key", "--unencrypted"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let refused = try Self.french(run).passnum(audit + ["--since", "first.txt", "--since-key", "auditor-\(other).pub"])
        #expect(refused.status == 1 && refused.stdout.isEmpty)
        #expect(refused.stderr.contains("résumé précédent refusé\u{A0}: sa signature n'est pas celle de la clé d'auditeur donnée"), "\(refused.stderr)")
        #expect(try run.passnum(audit + ["--since", "first.txt"]).status == 64)
    }
}
