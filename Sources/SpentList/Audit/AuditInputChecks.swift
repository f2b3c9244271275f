import Foundation
import PassVerifier
import SpentListAPI

/// Partners' receipts against the rows (SPEC.md §16.2): each genuine receipt's redemption must
/// be in the spent list with the same serial, value, partner and time, and the receipt's
/// previous link must be the link recomputed before that row. A receipt pins the whole chain
/// before it, so even a chain rewritten in full after a deletion shows at the next receipt.
struct ReceiptChecks {
    private var byPass: [String: [AuditReceipt]] = [:]
    private var matched: Set<String> = []

    init(_ receipts: [AuditReceipt], into report: inout AuditReport) {
        report.receipts = receipts.count
        for receipt in receipts {
            if let refusal = receipt.refusal {
                report.findings.append(AuditFinding(.receiptNotGenuine, row: nil, Self.detail(receipt).merging(["reason": refusal.code.rawValue]) { $1 }))
            } else {
                byPass[Self.key(receipt.receipt.redemption.pass), default: []].append(receipt)
            }
        }
    }

    /// `linkBefore`: the link the chain, recomputed from the rows, has before `row`.
    mutating func check(_ row: AuditRow, linkBefore: ChainLink, into report: inout AuditReport) {
        let key = "\(row.kid)/\(row.serial)"
        guard let receipts = byPass[key], !matched.contains(key) else { return }
        matched.insert(key)
        for receipt in receipts {
            let r = receipt.receipt.redemption
            var differ: [String] = []
            if Int64(r.value.value) != row.valueCents { differ.append("value") }
            if r.partnerID != row.partnerID { differ.append("partner") }
            if Millis.from(r.redeemedAt) != row.redeemedAtMillis { differ.append("time") }
            if !differ.isEmpty {
                report.findings.append(AuditFinding(.receiptMismatch, row: row, Self.detail(receipt).merging(["fields": differ.joined(separator: ",")]) { $1 }))
            }
            if let previous = r.chainPrevious, previous != linkBefore {
                report.findings.append(AuditFinding(.receiptChain, row: row, Self.detail(receipt).merging([
                    "receiptPrevious": previous.hex, "recomputed": linkBefore.hex,
                ]) { $1 }))
            }
        }
    }

    /// Genuine receipts whose redemption is not in the spent list: deleted.
    func finish(into report: inout AuditReport) {
        for (key, receipts) in byPass.sorted(by: { $0.key < $1.key }) where !matched.contains(key) {
            report.findings += receipts.map { AuditFinding(.receiptUnpaid, row: nil, Self.detail($0)) }
        }
    }

    static func key(_ pass: PassRef) -> String { "\(pass.kid.text)/\(pass.serial.value)" }

    /// What the receipt says, for the finding's words: where it is and what it claims.
    static func detail(_ receipt: AuditReceipt) -> [String: String] {
        let r = receipt.receipt.redemption
        return [
            "receipt": receipt.place, "pass": PassNumber(keyID: r.pass.kid, serial: r.pass.serial).text, "receiptValueCents": "\(r.value.value)",
            "receiptPartner": r.partnerName, "receiptPartnerId": "\(r.partnerID)", "receiptRedeemedAt": Timestamp(r.redeemedAt).text,
        ]
    }
}

/// An earlier summary against today's chain (SPEC.md §16.2): the link after its last chained
/// row, recomputed today, must be its head. A history rewritten between the two audits (a row
/// deleted or altered, and every link after it recomputed) gives another link there.
struct EarlierSummaryCheck {
    let earlier: EarlierSummary
    private var done = false

    init(_ earlier: EarlierSummary) { self.earlier = earlier }

    /// After each chained row: `position` links so far, `link` the one after `row`.
    mutating func step(_ row: AuditRow, position: Int, link: ChainLink, into report: inout AuditReport) {
        guard !done, position == earlier.links else { return }
        done = true
        guard link != earlier.head else { return }
        report.findings.append(AuditFinding(.earlierSummaryMismatch, row: row, detail(today: link.hex)))
    }

    func finish(links: Int, into report: inout AuditReport) {
        guard !done, earlier.links > 0 else { return }
        report.findings.append(AuditFinding(.earlierSummaryMismatch, row: nil, detail(today: "none").merging(["todayLinks": "\(links)"]) { $1 }))
    }

    private func detail(today: String) -> [String: String] {
        ["earlierHead": earlier.head?.hex ?? "none", "earlierLinks": "\(earlier.links)", "earlierFeedSequence": "\(earlier.lastFeedSequence)", "todayLink": today]
    }
}
