import Foundation
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
}
