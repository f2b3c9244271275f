import Foundation
import PassIssuer
import PassVerifier
import SpentList
import TestStores
import Testing

/// The auditor's inputs besides the spent list (SPEC.md §16.2), on copies of the simulated year
/// on every store: PiNG's receipts (407 of them: carnets c with c % 3 = 0, counted in
/// AuditYearTests' totals) name a redemption deleted or altered even once the chain was
/// rewritten to hide it; an earlier summary names a history rewritten since.
///
/// PiNG's receipts in feed order: 40 in January, 100 in February, 27 in April, so line 168 is
/// its first of May, Département carnet 0's second pass (serial 1002, feed 763), and line 169
/// the next (serial 1003, feed 764). 407 − 168 = 239 of its receipts come after feed 763.
@Suite struct AuditInputTests {
    static let serviceKey = SigningKey(seed: [UInt8](repeating: 0x5e, count: 32).withUnsafeBytes { SecretBytes(copying: $0) })

    /// A copy of the year, its rows, and PiNG's receipts as the service gave them, one per line.
    static func year(_ kind: StoreKind) async throws -> (store: any AuditSource, rows: [AuditRow], receipts: [AuditReceipt]) {
        let store = try #require(try await AuditYearTests.year(kind) as? any AuditSource)
        let rows = try await store.auditRedemptions(after: 0, limit: 5_000)
        let lines = rows.filter { $0.partnerName == "PiNG" }.map { ChainRewrite.receipt(for: $0, signedBy: serviceKey) }
        let receipts = try AuditReceipt.read(lines.joined(separator: "\n") + "\n", file: "ping.txt", publicKey: serviceKey.publicKey)
        return (store, rows, receipts)
    }

    static func audit(_ store: any AuditSource, receipts: [AuditReceipt] = [], earlier: EarlierSummary? = nil) async throws -> AuditReport {
        try await Auditor(trustList: SimulatedYear.trustList, graceDays: 0).run(store, receipts: receipts, earlier: earlier)
    }

    static func execute(_ statements: [String], on store: any AuditSource) async throws {
        for sql in statements { try await AuditTests.execute(sql, on: store) }
    }

    @Test(arguments: StoreKind.allCases) func theUntouchedYearAgreesWithEveryReceipt(_ kind: StoreKind) async throws {
        let (store, _, receipts) = try await Self.year(kind)
        let report = try await Self.audit(store, receipts: receipts)
        #expect(report.isClean && report.receipts == 407, "\(report.findings.prefix(3))")
    }

    @Test(arguments: StoreKind.allCases) func aDeletedRedemptionIsNamedByItsReceipt(_ kind: StoreKind) async throws {
        let (store, _, receipts) = try await Self.year(kind)
        try await AuditTests.execute("DELETE FROM redemptions WHERE feed_seq = 763", on: store)
        let report = try await Self.audit(store, receipts: receipts)
        // The next receipt pins the chain with the deleted row in it; the chain breaks there too.
        #expect(report.findings.map(\.kind) == [.receiptChain, .chainBreak, .receiptUnpaid], "\(report.findings)")
        #expect(report.findings[0].row?.feedSequence == 764 && report.findings[0].detail["receipt"] == "ping.txt:169")
        let unpaid = report.findings[2]
        #expect(unpaid.row == nil && unpaid.detail["receipt"] == "ping.txt:168" && unpaid.detail["receiptValueCents"] == "1000")
        #expect(unpaid.detail["pass"] == PassNumber(keyID: SimulatedYear.keys.first.kid, serial: Serial(1002)!).text)
        #expect(unpaid.detail["receiptRedeemedAt"] == "2026-05-05T12:00:00.000Z" && unpaid.detail["receiptPartner"] == "PiNG")
    }

    /// The point of receipts: the chain rewritten after the deletion walks clean, yet the
    /// deleted redemption's receipt and every later one of the partner's say otherwise.
    @Test(arguments: StoreKind.allCases) func aDeletionHiddenByRewritingTheChainIsNamedByTheReceipts(_ kind: StoreKind) async throws {
        let (store, rows, receipts) = try await Self.year(kind)
        try await AuditTests.execute("DELETE FROM redemptions WHERE feed_seq = 763", on: store)
        try await Self.execute(ChainRewrite.statements(rows.filter { $0.feedSequence != 763 }, from: 764), on: store)
        #expect(try await Self.audit(store).isClean, "the chain alone no longer tells")
        let report = try await Self.audit(store, receipts: receipts)
        #expect(Set(report.findings.map(\.kind)) == [.receiptChain, .receiptUnpaid], "\(report.findings.prefix(3))")
        let chain = report.findings.filter { $0.kind == .receiptChain }
        #expect(chain.count == 239 && chain.first?.row?.feedSequence == 764 && chain.first?.detail["receipt"] == "ping.txt:169")
        #expect(report.findings.filter { $0.kind == .receiptUnpaid }.map { $0.detail["receipt"] } == ["ping.txt:168"])
    }

    @Test(arguments: StoreKind.allCases) func anAlteredRedemptionIsNamedByItsReceipt(_ kind: StoreKind) async throws {
        let (store, rows, receipts) = try await Self.year(kind)
        // Métropole carnet 0's first pass (feed 161) moved to Secours, État carnet 0's second
        // (feed 1283) raised to 10 €, and the chain rewritten over both.
        try await AuditTests.execute("UPDATE redemptions SET partner_id = 2 WHERE feed_seq = 161", on: store)
        try await AuditTests.execute("UPDATE redemptions SET value_cents = 1000 WHERE feed_seq = 1283", on: store)
        let altered = try await store.auditRedemptions(after: 0, limit: 5_000)
        try await Self.execute(ChainRewrite.statements(altered, from: 162), on: store)
        let report = try await Self.audit(store, receipts: receipts)
        let mismatches = report.findings.filter { $0.kind == .receiptMismatch }
        #expect(mismatches.map { $0.row?.feedSequence } == [161, 1283], "\(report.findings.prefix(4))")
        #expect(mismatches.map { $0.detail["fields"] } == ["partner", "value"])
        #expect(mismatches.map { $0.detail["receipt"] } == ["ping.txt:1", "ping.txt:\(407 - 134 + 1)"])
        #expect(rows.count == 1211 && !report.findings.contains { $0.kind == .chainBreak || $0.kind == .chainHead })
    }

    @Test(arguments: StoreKind.allCases) func anEarlierSummaryNamesAHistoryRewrittenSince(_ kind: StoreKind) async throws {
        let (store, _, _) = try await Self.year(kind)
        let first = try await Self.audit(store)
        let earlier = EarlierSummary(links: first.chained, head: first.chainHead, lastFeedSequence: first.lastFeedSequence)
        #expect(try await Self.audit(store, earlier: earlier).isClean)
        // Métropole carnet 0's first pass moved to Secours, every link after it rewritten.
        try await AuditTests.execute("UPDATE redemptions SET partner_id = 2 WHERE feed_seq = 161", on: store)
        try await Self.execute(ChainRewrite.statements(try await store.auditRedemptions(after: 0, limit: 5_000), from: 162), on: store)
        #expect(try await Self.audit(store).isClean, "the chain alone no longer tells")
        let report = try await Self.audit(store, earlier: earlier)
        #expect(report.findings.map(\.kind) == [.earlierSummaryMismatch], "\(report.findings)")
        #expect(report.findings.first?.row?.feedSequence == 1682 && report.findings.first?.detail["earlierLinks"] == "1211")
        #expect(report.findings.first?.detail["earlierHead"] == first.chainHead?.hex && report.findings.first?.detail["todayLink"] != first.chainHead?.hex)
    }

    @Test(arguments: StoreKind.allCases) func anEarlierSummaryNamesAChainGrownShorter(_ kind: StoreKind) async throws {
        let (store, rows, _) = try await Self.year(kind)
        let earlier = EarlierSummary(links: 1211, head: AuditYearTests.storyHead, lastFeedSequence: 1682)
        try await AuditTests.execute("DELETE FROM redemptions WHERE feed_seq = 763", on: store)
        try await Self.execute(ChainRewrite.statements(rows.filter { $0.feedSequence != 763 }, from: 764), on: store)
        let report = try await Self.audit(store, earlier: earlier)
        #expect(report.findings.map(\.kind) == [.earlierSummaryMismatch] && report.findings.first?.row == nil, "\(report.findings)")
        #expect(report.findings.first?.detail["todayLinks"] == "1210")
    }
}

/// Reading the inputs: what a counter keeps is read, anything else is a typed error naming the
/// line; a receipt of another key is a finding, not an error.
@Suite struct AuditInputFileTests {
    let key = AuditInputTests.serviceKey
    let row = AuditRow(
        feedSequence: 7, kid: SimulatedYear.keys.first.kid.text, serial: 12, valueCents: 1000, partnerID: 1, partnerName: "PiNG",
        redeemedAtMillis: 1_778_000_000_000, recordedAtMillis: 1_778_000_000_000, token: "", chainPrevious: ChainLink.start.hex)

    @Test func bareReceiptsJournalLinesAndWebRecordsAreRead() throws {
        let receipt = ChainRewrite.receipt(for: row, signedBy: key)
        let text = """
            \(receipt)

            {"kid":"\(row.kid)","mode":"offline","receipt":"","serial":13,"status":"pending"}
            {"kid":"\(row.kid)","mode":"online","receipt":"\(receipt)","serial":12,"status":"accepted"}
            27/11/2026 14:05  10,00 €  série 12  en ligne  accepté  reçu \(receipt)
            """
        let receipts = try AuditReceipt.read(text, file: "f", publicKey: key.publicKey)
        #expect(receipts.map(\.line) == [1, 4, 5] && receipts.allSatisfy { $0.refusal == nil && $0.receipt.redemption.pass.serial.value == 12 })
    }

    @Test func aReceiptOfAnotherKeyIsAFindingNamingItsLine() async throws {
        let other = SigningKey(seed: [UInt8](repeating: 0x5f, count: 32).withUnsafeBytes { SecretBytes(copying: $0) })
        let receipts = try AuditReceipt.read(ChainRewrite.receipt(for: row, signedBy: other), file: "f", publicKey: key.publicKey)
        #expect(receipts.first?.refusal?.code == .receiptKeyMismatch && receipts.first?.place == "f:1")
        let empty = try #require(try await Fixtures.store(.sqlite) as? any AuditSource)
        let report = try await AuditInputTests.audit(empty, receipts: receipts)
        #expect(report.findings.map(\.kind) == [.receiptNotGenuine] && report.findings.first?.detail["reason"] == "receipt_key_mismatch")
    }

    @Test(arguments: ["hello\n", "", "\n\n", "pnr2.AAAA\n", "\u{0}\u{1}garbage"])
    func anUnreadableReceiptsFileIsATypedError(_ text: String) {
        let error = #expect(throws: AuditInputError.self) { try AuditReceipt.read(text, file: "f", publicKey: key.publicKey) }
        #expect(error?.code == .unreadableReceipts)
    }

    @Test func aGarbledLineIsNamed() {
        let text = ChainRewrite.receipt(for: row, signedBy: key) + "\nhello\n"
        let error = #expect(throws: AuditInputError.self) { try AuditReceipt.read(text, file: "f", publicKey: key.publicKey) }
        #expect(error?.subject == "f:2")
    }

    @Test func anEarlierSummaryIsReadInEitherLanguageOnceItsSignatureChecks() throws {
        let auditor = SigningKey(seed: [UInt8](repeating: 0x60, count: 32).withUnsafeBytes { SecretBytes(copying: $0) })
        let head = AuditYearTests.storyHead
        let english = "format: passnum-audit-summary/v1\nchain: 1211 links, head \(head.hex), up to feed number 1682\n"
        let french = "format: passnum-audit-summary/v1\nchaîne : 0 maillons, tête aucune, jusqu'au numéro de flux 0\n"
        func signature(_ text: String, _ key: SigningKey) -> String {
            AuditSignature.text(signer: key.kid, signature: key.sign(AuditSignature.message(signer: key.kid, summary: Array(text.utf8))))
        }
        #expect(try EarlierSummary.read(summary: Array(english.utf8), signature: signature(english, auditor), publicKey: auditor.publicKey)
            == EarlierSummary(links: 1211, head: head, lastFeedSequence: 1682))
        #expect(try EarlierSummary.read(summary: Array(french.utf8), signature: signature(french, auditor), publicKey: auditor.publicKey)
            == EarlierSummary(links: 0, head: nil, lastFeedSequence: 0))
        let other = SigningKey(seed: [UInt8](repeating: 0x61, count: 32).withUnsafeBytes { SecretBytes(copying: $0) })
        let refused = #expect(throws: AuditInputError.self) {
            try EarlierSummary.read(summary: Array(english.utf8), signature: signature(english, other), publicKey: auditor.publicKey)
        }
        #expect(refused?.code == .summaryNotGenuine)
        let notASummary = "constats : aucun\n"
        let unreadable = #expect(throws: AuditInputError.self) {
            try EarlierSummary.read(summary: Array(notASummary.utf8), signature: signature(notASummary, auditor), publicKey: auditor.publicKey)
        }
        #expect(unreadable?.code == .unreadableSummary)
    }
}
