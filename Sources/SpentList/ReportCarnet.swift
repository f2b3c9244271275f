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
            let cancellations = cancellations(of: batch, by: revocations[batch.kid] ?? [], before: min(end, facts.asOf))
            return batch.carnetFirsts.enumerated().map { index, first in
                let refs = (0..<batch.perCarnet).map { PassRef(kid: batch.kid, serial: Serial(first + UInt64($0))!) }
                let used = refs.map { usedAt[$0] }
                let cancelled = used.enumerated().map { pass, used in used == nil ? cancellations[index * batch.perCarnet + pass] : nil }
                return ReportCarnet(
                    batch: batch, first: first, end: end, handout: handouts[refs[0]], usedAt: used, cancelledAt: cancelled, asOf: facts.asOf)
            }
        }
    }

    /// For each pass of the batch, the first revocation before `limit` that covers it. Each
    /// pass is given its time once, earliest revocation first, whatever the number and the
    /// width of the ranges (a "next pass without one" pointer skips the passes already given).
    static func cancellations(of batch: PrintedBatch, by revocations: [Revocation], before limit: Date) -> [Date?] {
        var result = [Date?](repeating: nil, count: batch.passCount)
        var next = Array(0...batch.passCount)
        func free(_ i: Int) -> Int {
            var root = i
            while next[root] != root { root = next[root] }
            var j = i
            while next[j] != root { (next[j], j) = (root, next[j]) }
            return root
        }
        for revocation in revocations.sorted(by: { $0.revokedAt < $1.revokedAt }) where revocation.revokedAt < limit {
            guard revocation.first <= batch.last, batch.first <= revocation.last else { continue }
            let low = Int(max(revocation.first.value, batch.first.value) - batch.first.value)
            let high = Int(min(revocation.last.value, batch.last.value) - batch.first.value)
            var i = free(low)
            while i <= high {
                result[i] = revocation.revokedAt
                next[i] = i + 1
                i = free(i + 1)
            }
        }
        return result
    }
}

/// The outstanding liability at several instants: the value of the passes printed, still
/// valid, neither used nor cancelled before each. A pass counts over a run of consecutive
/// instants, added to a difference array: the cost is one pass at a time, not one per instant.
enum Liability {
    static func atEach(_ instants: [Date], _ carnets: [ReportCarnet]) -> [Int64] {
        var change = [Int64](repeating: 0, count: instants.count + 1)
        for carnet in carnets {
            // Outstanding at t: printed before t, t before the end, not used or cancelled before t.
            let from = instants.partitioningIndex(where: { $0 > carnet.batch.printedAt })
            let beforeEnd = instants.partitioningIndex(where: { $0 >= carnet.end })
            for (used, cancelled) in zip(carnet.usedAt, carnet.cancelledAt) {
                let stop = [used, cancelled].compactMap { $0 }.min()
                let until = min(beforeEnd, stop.map { stop in instants.partitioningIndex(where: { $0 > stop }) } ?? instants.count)
                guard from < until else { continue }
                change[from] += Int64(carnet.batch.value.value)
                change[until] -= Int64(carnet.batch.value.value)
            }
        }
        var running: Int64 = 0
        return instants.indices.map { running += change[$0]; return running }
    }
}

extension Array {
    /// The first index whose element satisfies `isAbove`, all later ones satisfying it too.
    func partitioningIndex(where isAbove: (Element) -> Bool) -> Int {
        var (low, high) = (0, count)
        while low < high {
            let middle = (low + high) / 2
            if isAbove(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
