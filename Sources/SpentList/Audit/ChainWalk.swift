import Conventions
import Foundation
import PassVerifier

/// Recomputes the chain of redemptions (SPEC.md §12.2) row by row in feed order and compares
/// it with the stored links. After a break it goes on from the stored link, so one deleted or
/// altered redemption is one finding, naming the rows on either side.
struct ChainWalk {
    /// The link the next chained row must carry; nil until the chain began.
    private var expected: ChainLink?
    private var lastChained: AuditRow?

    /// The link the next chained row must carry, recomputed (the chain's start before any).
    var next: ChainLink { expected ?? .start }

    mutating func step(_ row: AuditRow, into report: inout AuditReport) {
        guard let text = row.chainPrevious else {
            if expected != nil { report.findings.append(AuditFinding(.chainMissing, row: row, ["missing": "chain_prev"])) }
            return
        }
        report.chained += 1
        let want = expected ?? .start
        guard let stored = ChainLink(hex: text) else {
            report.findings.append(AuditFinding(.chainBreak, row: row, ["expected": want.hex, "stored": text]))
            expected = nil
            return
        }
        if stored != want {
            report.findings.append(AuditFinding(.chainBreak, row: row, [
                "expected": want.hex, "stored": stored.hex, "previousFeedSequence": lastChained.map { "\($0.feedSequence)" } ?? "start",
            ]))
        }
        lastChained = row
        guard let token = row.token, let link = Self.link(after: stored, row, token: token) else {
            report.findings.append(AuditFinding(.chainMissing, row: row, ["missing": row.token == nil ? "token" : "fields"]))
            expected = stored
            return
        }
        expected = link
    }

    /// The stored head must be the link after the last chained row.
    func finish(storedHead: String?, into report: inout AuditReport) {
        report.chainHead = expected
        guard storedHead != expected?.hex else { return }
        report.findings.append(AuditFinding(.chainHead, row: lastChained, [
            "expected": expected?.hex ?? "none", "stored": storedHead ?? "none",
        ]))
    }

    static func link(after previous: ChainLink, _ row: AuditRow, token: String) -> ChainLink? {
        guard let kid = KeyID(text: row.kid), let unsigned = UInt64(exactly: row.serial), let serial = Serial(unsigned),
              let small = UInt32(exactly: row.valueCents), let value = Cents(small) else { return nil }
        return RedemptionChain.link(
            after: previous, kid: kid, serial: serial, value: value, redeemedAtMillis: row.redeemedAtMillis, partnerID: row.partnerID, token: token)
    }
}

/// The statement code's totals (`SpentStore.settlement`, which statements and settlements are
/// drawn from) against the totals summed from the raw rows, month by month, partner by partner.
struct StatementComparison {
    let totals: [AuditTotal]

    func compare(_ source: any AuditSource, into report: inout AuditReport) async {
        for month in Set(totals.map(\.month)).sorted() {
            guard let bounds = Paris.month(month) else { continue }
            let raw = totals.filter { $0.month == month }
            do {
                let settlement = try await source.settlement(from: bounds.from, to: bounds.to, partnerID: nil)
                for total in raw {
                    let stated = settlement.partners.first { $0.partnerID == total.partnerID }
                    if stated?.count != total.count || stated?.totalCents != total.cents {
                        report.findings.append(AuditFinding(.statementMismatch, row: nil, [
                            "month": month, "partner": total.partnerName, "rawCount": "\(total.count)", "rawCents": "\(total.cents)",
                            "statedCount": "\(stated?.count ?? 0)", "statedCents": "\(stated?.totalCents ?? 0)",
                        ]))
                    }
                }
                for stated in settlement.partners where !raw.contains(where: { $0.partnerID == stated.partnerID }) {
                    report.findings.append(AuditFinding(.statementMismatch, row: nil, [
                        "month": month, "partner": stated.partnerName, "rawCount": "0", "rawCents": "0",
                        "statedCount": "\(stated.count)", "statedCents": "\(stated.totalCents)",
                    ]))
                }
            } catch {
                report.findings.append(AuditFinding(.statementMismatch, row: nil, ["month": month, "error": error.message]))
            }
        }
    }
}
