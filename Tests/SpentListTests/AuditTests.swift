import Foundation
import GRDB
import PassIssuer
import PassVerifier
import PostgresSpentList
import SpentList
import TestStores
import Testing

/// `passnum audit`'s checks (Auditor) on both stores: a clean list passes; a list where a
/// redemption was deleted, one was altered, one has a forged token, or a cancelled pass was
/// paid afterwards fails, each finding naming the row.
@Suite struct AuditTests {
    let trustList = try! TrustList(keys: [TrustList.Key(
        publicKey: Fixtures.issuer.publicKey, issuer: "Métropole", notBefore: Fixtures.now - 86_400 * 365,
        notAfter: Fixtures.now + 86_400 * 365, status: .active)])

    /// Passes 1 to 4 redeemed online (1 and 2 by PiNG, 3 and 4 by Secours), 5 offline by PiNG,
    /// and pass 9 cancelled.
    func programme(_ kind: StoreKind) async throws -> any AuditSource {
        let (store, ping, secours) = try await Fixtures.storeWithPartners(kind)
        _ = try await store.revoke(try Revocation(kid: Fixtures.issuer.kid, first: Serial(9)!, last: Serial(9)!, reason: "perdu", revokedAt: Fixtures.now))
        _ = try await store.redeem([Fixtures.request(1, by: ping), Fixtures.request(2, by: ping)])
        _ = try await store.redeem([Fixtures.request(3, by: secours), Fixtures.request(4, by: secours, cents: 500)])
        _ = try await store.redeemOffline([OfflineRedemptionRequest(
            pass: Fixtures.pass(5), value: Cents(1000)!, partner: ping, scannedAt: Fixtures.now - 3_600, token: Fixtures.token(5))])
        return try #require(store as? any AuditSource)
    }

    func audit(_ store: any AuditSource) async throws -> AuditReport {
        try await Auditor(trustList: trustList, graceDays: 0).run(store)
    }

    /// The feed number of the row of `serial`.
    func row(_ serial: Int64, in store: any AuditSource) async throws -> Int64 {
        try #require(try await store.auditRedemptions(after: 0, limit: 100).first { $0.serial == serial }).feedSequence
    }

    @Test(arguments: StoreKind.allCases) func aCleanListPassesWithItsTotals(_ kind: StoreKind) async throws {
        let report = try await audit(try await programme(kind))
        #expect(report.isClean, "\(report.findings)")
        #expect(report.redemptions == 5 && report.verified == 5 && report.chained == 5 && report.withoutToken == 0)
        #expect(report.totalCents == 4_500 && report.revocations == 1)
        #expect(report.totals.map(\.count).reduce(0, +) == 5 && report.chainHead != nil)
    }

    @Test(arguments: StoreKind.allCases) func aDeletedRedemptionBreaksTheChainAtTheNextRow(_ kind: StoreKind) async throws {
        let store = try await programme(kind)
        let next = try await row(3, in: store)
        try await Self.execute("DELETE FROM redemptions WHERE serial = 2", on: store)
        let report = try await audit(store)
        #expect(report.findings.map(\.kind) == [.chainBreak], "\(report.findings)")
        #expect(report.findings.first?.row?.feedSequence == next)
    }

    @Test(arguments: StoreKind.allCases) func theLastRedemptionDeletedShowsInTheHead(_ kind: StoreKind) async throws {
        let store = try await programme(kind)
        try await Self.execute("DELETE FROM redemptions WHERE serial = 5", on: store)
        let report = try await audit(store)
        #expect(report.findings.map(\.kind) == [.chainHead], "\(report.findings)")
    }

    @Test(arguments: StoreKind.allCases) func anAlteredRedemptionIsNamed(_ kind: StoreKind) async throws {
        let store = try await programme(kind)
        let (two, three) = (try await row(2, in: store), try await row(3, in: store))
        // Pass 2 moved to the other partner: only the chain can tell, at the row after it.
        try await Self.execute("UPDATE redemptions SET partner_id = (SELECT id FROM partners WHERE name = 'Secours') WHERE serial = 2", on: store)
        var report = try await audit(store)
        #expect(report.findings.map(\.kind) == [.chainBreak] && report.findings.first?.detail["previousFeedSequence"] == "\(two)", "\(report.findings)")
        #expect(report.findings.first?.row?.feedSequence == three)
        // Pass 3's value raised: its own token says otherwise.
        try await Self.execute("UPDATE redemptions SET value_cents = 5000 WHERE serial = 3", on: store)
        report = try await audit(store)
        #expect(report.findings.contains { $0.kind == .tokenMismatch && $0.row?.feedSequence == three }, "\(report.findings)")
    }

    @Test(arguments: StoreKind.allCases) func aForgedTokenIsRefusedNamingItsRow(_ kind: StoreKind) async throws {
        let store = try await programme(kind)
        let four = try await row(4, in: store)
        let forger = IssuerKey(seed: Fixtures.seed(66))
        let forged = forger.sign(Payload(keyID: Fixtures.issuer.kid, serial: Serial(4)!, value: Cents(500)!, expiry: UInt32(Fixtures.now.timeIntervalSince1970) + 86_400)).text
        try await Self.execute("UPDATE redemptions SET token = '\(forged)' WHERE serial = 4", on: store)
        let report = try await audit(store)
        let refused = report.findings.first { $0.kind == .tokenRefused }
        #expect(refused?.row?.feedSequence == four && refused?.detail["reason"] == "bad_signature", "\(report.findings)")
    }

    @Test(arguments: StoreKind.allCases) func aPassPaidAfterItsCancellationIsNamed(_ kind: StoreKind) async throws {
        let store = try await programme(kind)
        let four = try await row(4, in: store)
        try await Self.execute("INSERT INTO revocations (kid, first_serial, last_serial, reason, revoked_at_ms, feed_seq) VALUES ('\(Fixtures.issuer.kid.text)', 4, 4, 'volé', 0, -1)", on: store)
        let report = try await audit(store)
        #expect(report.findings.map(\.kind) == [.paidAfterCancellation] && report.findings.first?.row?.feedSequence == four, "\(report.findings)")
    }

    @Test(arguments: StoreKind.allCases) func rowsFromBeforeTheChainAreCountedNotFlagged(_ kind: StoreKind) async throws {
        let store = try await programme(kind)
        // As a list migrated from before version 5 looks: no token, no link, no head.
        try await Self.execute("UPDATE redemptions SET token = NULL, chain_prev = NULL", on: store)
        try await Self.execute("UPDATE feed_counter SET chain_head = NULL", on: store)
        let report = try await audit(store)
        #expect(report.isClean && report.withoutToken == 5 && report.verified == 0 && report.chained == 0, "\(report.findings)")
    }

    @Test func aSummarySignatureVerifiesAndAnAlteredSummaryDoesNot() throws {
        let key = SigningKey(seed: Fixtures.seed(5))
        let summary = Array("constats : aucun\n".utf8)
        let text = AuditSignature.text(signer: key.kid, signature: key.sign(AuditSignature.message(signer: key.kid, summary: summary)))
        try AuditSignature.verify(text: text + "\n", summary: summary, publicKey: key.publicKey)
        let altered = #expect(throws: SpentListError.self) { try AuditSignature.verify(text: text, summary: Array("constats : 1\n".utf8), publicKey: key.publicKey) }
        #expect(altered?.code == .badReceiptSignature)
        let other = SigningKey(seed: Fixtures.seed(6))
        let wrongKey = #expect(throws: SpentListError.self) { try AuditSignature.verify(text: text, summary: summary, publicKey: other.publicKey) }
        #expect(wrongKey?.code == .receiptKeyMismatch)
    }

    /// Changes a store behind its back, as someone with access to the database would.
    static func execute(_ sql: String, on store: any AuditSource) async throws {
        if let sqlite = store as? SQLiteSpentStore {
            try await DatabaseQueue(path: sqlite.path).write { try $0.execute(sql: sql) }
        } else {
            try await (store as! PostgresSpentStore).execute(sql)
        }
    }
}
