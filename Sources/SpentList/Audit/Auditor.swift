import Conventions
import Foundation
import PassVerifier
import SpentListAPI

/// `passnum audit`: checks a spent list from its raw rows and the trust list alone, without the
/// service. Every paid pass is verified again at its redemption time (signature, key, expiry
/// with the programme's grace days), no pass is paid twice, no pass of a cancelled range is
/// paid after the cancellation, the chain of redemptions (SPEC.md §12.2) is recomputed and
/// compared with what is stored, and each month's totals per partner, summed from the rows,
/// are compared with what the statement code (`SpentStore.settlement`) reports.
public struct Auditor: Sendable {
    /// The trust list with every key active: a revoked key's passes are still checked for
    /// their signature (the list does not say since when a key is revoked).
    let signatures: Verifier
    let revokedKeys: Set<KeyID>
    public let graceDays: Int

    public init(trustList: TrustList, graceDays: Int) throws(SpentListError) {
        let active = trustList.keys.map {
            TrustList.Key(publicKey: $0.publicKey, issuer: $0.issuer, notBefore: $0.notBefore, notAfter: $0.notAfter, status: .active)
        }
        do {
            signatures = Verifier(trustList: try TrustList(keys: active))
        } catch {
            throw SpentListError(.invalidRequest, "the trust list cannot be used: \(error.message)")
        }
        revokedKeys = Set(trustList.keys.filter { $0.status == .revoked }.map(\.kid))
        self.graceDays = graceDays
    }

    /// Audits `source`; with `receipts`, partners' receipts are checked against the rows, and
    /// with `earlier`, that today's chain still passes through an earlier summary's head.
    public func run(
        _ source: any AuditSource, receipts: [AuditReceipt] = [], earlier: EarlierSummary? = nil
    ) async throws(SpentListError) -> AuditReport {
        var report = AuditReport()
        report.graceDays = graceDays
        report.earlier = earlier
        let revocations = try await source.auditRevocations()
        report.revocations = revocations.count
        var walk = ChainWalk()
        var rows = RowChecks(auditor: self, revocations: revocations)
        var receiptChecks = ReceiptChecks(receipts, into: &report)
        var earlierCheck = earlier.map(EarlierSummaryCheck.init)
        var after: Int64 = 0
        while true {
            let page = try await source.auditRedemptions(after: after, limit: 5_000)
            for (index, row) in page.enumerated() {
                // Verifying a signature is CPU work: let other tasks run between rows (a shared
                // pool of few threads, as in the service or the tests, must not starve).
                if index % 100 == 99 { await Task.yield() }
                rows.check(row, into: &report)
                receiptChecks.check(row, linkBefore: walk.next, into: &report)
                let chained = report.chained
                walk.step(row, into: &report)
                if report.chained > chained { earlierCheck?.step(row, position: report.chained, link: walk.next, into: &report) }
            }
            guard let last = page.last else { break }
            after = last.feedSequence
        }
        report.lastFeedSequence = after
        receiptChecks.finish(into: &report)
        earlierCheck?.finish(links: report.chained, into: &report)
        walk.finish(storedHead: try await source.auditChainHead(), into: &report)
        report.totals = rows.totals.sorted { ($0.month, $0.partnerName, $0.partnerID) < ($1.month, $1.partnerName, $1.partnerID) }
        report.revokedKeys = rows.revokedPayments.values.sorted { $0.kid < $1.kid }
        await StatementComparison(totals: report.totals).compare(source, into: &report)
        return report
    }

    /// The verifier's verdict on a row's token at its redemption time.
    func verify(_ token: String, at date: Date) -> Result<VerifiedPass, PassError> {
        Result { () throws(PassError) -> VerifiedPass in try signatures.verify(text: token, at: date, graceDays: graceDays) }
    }

    func isRevoked(_ kid: KeyID) -> Bool { revokedKeys.contains(kid) }
}

/// The checks of one row on its own (and against the rows before it, for a pass paid twice),
/// and the raw totals.
struct RowChecks {
    let auditor: Auditor
    let revocations: [AuditRevocation]
    var seen: [String: AuditRow] = [:]
    var totalsByKey: [String: AuditTotal] = [:]
    var revokedPayments: [String: RevokedKeyPayments] = [:]

    init(auditor: Auditor, revocations: [AuditRevocation]) {
        self.auditor = auditor
        self.revocations = revocations
    }

    var totals: [AuditTotal] { Array(totalsByKey.values) }

    mutating func check(_ row: AuditRow, into report: inout AuditReport) {
        report.redemptions += 1
        addToTotals(row)
        guard let kid = KeyID(text: row.kid), let unsigned = UInt64(exactly: row.serial), let serial = Serial(unsigned),
              let small = UInt32(exactly: row.valueCents), let value = Cents(small) else {
            return report.findings.append(AuditFinding(.damagedRow, row: row))
        }
        notePaidTwice(row, key: "\(kid.text)/\(serial.value)", into: &report)
        if let cancelled = revocations.first(where: { $0.covers(kid: row.kid, serial: row.serial) && $0.feedSequence < row.feedSequence }) {
            report.findings.append(AuditFinding(.paidAfterCancellation, row: row, [
                "reason": cancelled.reason, "revokedAt": Timestamp(Millis.date(cancelled.revokedAtMillis)).text,
                "revocationFeedSequence": "\(cancelled.feedSequence)",
            ]))
        }
        guard let token = row.token else { return report.withoutToken += 1 }
        switch auditor.verify(token, at: row.redeemedAt) {
        case .failure(let error):
            report.findings.append(AuditFinding(.tokenRefused, row: row, ["reason": error.code.rawValue]))
        case .success(let pass):
            report.verified += 1
            if pass.kid != kid || pass.serial != serial || pass.value != value {
                report.findings.append(AuditFinding(.tokenMismatch, row: row, [
                    "tokenPass": "\(pass.kid.text)/\(pass.serial.value)", "tokenValueCents": "\(pass.value.value)",
                ]))
                notePaidTwice(row, key: "\(pass.kid.text)/\(pass.serial.value)", into: &report)
            }
            if auditor.isRevoked(pass.kid) { noteRevokedKey(pass.kid.text, row.redeemedAt) }
        }
    }

    private mutating func notePaidTwice(_ row: AuditRow, key: String, into report: inout AuditReport) {
        if let first = seen[key], first.feedSequence != row.feedSequence {
            report.findings.append(AuditFinding(.paidTwice, row: row, ["pass": key, "firstFeedSequence": "\(first.feedSequence)"]))
        } else {
            seen[key] = row
        }
    }

    private mutating func addToTotals(_ row: AuditRow) {
        let month = Paris.isoMonth(row.redeemedAt)
        let key = "\(month) \(row.partnerID)"
        var total = totalsByKey[key] ?? AuditTotal(month: month, partnerID: row.partnerID, partnerName: row.partnerName, count: 0, cents: 0)
        total.count += 1
        total.cents += row.valueCents
        totalsByKey[key] = total
    }

    private mutating func noteRevokedKey(_ kid: String, _ date: Date) {
        var payments = revokedPayments[kid] ?? RevokedKeyPayments(kid: kid, count: 0, last: date)
        payments.count += 1
        payments.last = max(payments.last, date)
        revokedPayments[kid] = payments
    }
}
