import Foundation
import PassVerifier

/// One printed carnet as a report sees it at `asOf`: when it was handed out, and for each pass
/// when it was used or cancelled (each before `asOf`). Nothing else, and nothing about people.
struct ReportCarnet {
    let batch: PrintedBatch
    let first: UInt64
    /// The first instant its passes are no longer accepted: expiry plus the grace period, as
    /// the verifier counts it (`Verifier.verify(_:at:graceDays:)`: days of 86,400 seconds).
    let end: Date
    let handout: Handout?
    let usedAt: [Date?]
    /// For a pass not used: when it was cancelled, if that was before its end and before `asOf`.
    let cancelledAt: [Date?]
    let asOf: Date

    var passes: Int { batch.perCarnet }
    var used: [Date] { usedAt.compactMap { $0 } }
    var firstUse: Date? { used.min() }
    var allUsedAt: Date? { used.count == passes ? used.max() : nil }
    var cancelled: [Date] { cancelledAt.compactMap { $0 } }
    var expired: Bool { end <= asOf }
    /// Passes neither used nor cancelled.
    var left: Int { passes - used.count - cancelled.count }
    var expiredUnused: Int { expired ? left : 0 }

    /// Days from hand-over to first use, when it was handed out before it was first used.
    var firstUseDays: Double? {
        guard let handout, let firstUse, handout.at <= firstUse else { return nil }
        return firstUse.timeIntervalSince(handout.at) / 86_400
    }

    /// Passes printed, still valid, neither used nor cancelled before instant `t`.
    func outstanding(at t: Date) -> Int {
        guard batch.printedAt < t, t < end else { return 0 }
        return zip(usedAt, cancelledAt).filter { used, cancelled in
            !(used.map { $0 < t } ?? false) && !(cancelled.map { $0 < t } ?? false)
        }.count
    }

    /// The carnets of the batches printed before `asOf`, with what happened to each.
    static func all(_ facts: ReportFacts) -> [ReportCarnet] {
        var handouts: [PassRef: Handout] = [:]
        for handout in facts.handouts where handout.at < facts.asOf {
            handouts[PassRef(kid: handout.kid, serial: handout.first)] = handout
        }
        var usedAt: [PassRef: Date] = [:]
        for redemption in facts.redemptions where redemption.redeemedAt < facts.asOf {
            usedAt[redemption.pass] = redemption.redeemedAt
        }
        let revocations = Dictionary(grouping: facts.revocations.filter { $0.revokedAt < facts.asOf }, by: \.kid)
        let grace = TimeInterval(facts.graceDays) * 86_400
        return facts.batches.filter { $0.printedAt < facts.asOf }.flatMap { batch in
            let end = batch.expiry.addingTimeInterval(grace)
            return batch.carnetFirsts.map { first in
                let refs = (0..<batch.perCarnet).map { PassRef(kid: batch.kid, serial: Serial(first + UInt64($0))!) }
                let used = refs.map { usedAt[$0] }
                let cancelled = zip(refs, used).map { ref, used in
                    used == nil ? cancellation(of: ref.serial, in: revocations[ref.kid] ?? [], before: min(end, facts.asOf)) : nil
                }
                return ReportCarnet(
                    batch: batch, first: first, end: end, handout: handouts[refs[0]], usedAt: used, cancelledAt: cancelled, asOf: facts.asOf)
            }
        }
    }

    private static func cancellation(of serial: Serial, in revocations: [Revocation], before limit: Date) -> Date? {
        revocations.filter { $0.first <= serial && serial <= $0.last && $0.revokedAt < limit }.map(\.revokedAt).min()
    }
}
