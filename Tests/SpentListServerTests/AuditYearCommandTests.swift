import Foundation
import GRDB
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
}
