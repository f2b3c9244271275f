import Conventions
import Foundation
import PassVerifier
import SpentListAPI

/// One Paris month's facts as the store gives them: its settlement (the statement's figures,
/// read by the settlement query itself, never derived again), its kinds of help, its conflicts.
public struct MonthFacts: Sendable {
    public let month: String
    public let to: Date
    public let settlement: Settlement
    public let help: [HelpTotal]
    public let conflicts: Int

    public init(month: String, to: Date, settlement: Settlement, help: [HelpTotal], conflicts: Int) {
        (self.month, self.to, self.settlement, self.help, self.conflicts) = (month, to, settlement, help, conflicts)
    }
}

/// Everything a report is computed from, read from one store (`SpentStore.report(asOf:)`).
public struct ReportFacts: Sendable {
    public let asOf: Date
    public let graceDays: Int
    public let batches: [PrintedBatch]
    public let handouts: [Handout]
    public let revocations: [Revocation]
    /// Every redemption before `asOf`.
    public let redemptions: [Redemption]
    public let months: [MonthFacts]

    public init(
        asOf: Date, graceDays: Int, batches: [PrintedBatch], handouts: [Handout], revocations: [Revocation],
        redemptions: [Redemption], months: [MonthFacts]
    ) {
        (self.asOf, self.graceDays, self.batches, self.handouts) = (asOf, graceDays, batches, handouts)
        (self.revocations, self.redemptions, self.months) = (revocations, redemptions, months)
    }
}

/// The programme's figures from its facts: one pure function, so every store gives the same
/// report for the same facts, and the tests can check it figure by figure.
public enum ProgrammeReport {
    /// How far ahead the reminder list looks.
    public static let reminderWindow: TimeInterval = 30 * 86_400

    public static func make(_ facts: ReportFacts) -> API.Report {
        let carnets = ReportCarnet.all(facts).sorted { ($0.batch.kid.text, $0.first) < ($1.batch.kid.text, $1.first) }
        var total = FunnelTally()
        var batches: [PassRef: (PrintedBatch, FunnelTally)] = [:]
        var offices: [String: FunnelTally] = [:]
        for carnet in carnets {
            total.add(carnet)
            batches[PassRef(kid: carnet.batch.kid, serial: carnet.batch.first), default: (carnet.batch, FunnelTally())].1.add(carnet)
            if let office = carnet.handout?.officeName { offices[office, default: FunnelTally()].add(carnet) }
        }
        return API.Report(
            asOf: Timestamp(facts.asOf), graceDays: facts.graceDays, total: total.funnel,
            batches: batches.values.sorted { ($0.0.kid.text, $0.0.first) < ($1.0.kid.text, $1.0.first) }.map { batch, tally in
                figures(batch, tally, facts)
            },
            offices: offices.keys.sorted().map { API.OfficeFigures(office: $0, funnel: offices[$0]!.funnel) },
            months: months(facts, carnets),
            expiringSoon: expiringSoon(carnets, asOf: facts.asOf))
    }

    private static func figures(_ batch: PrintedBatch, _ tally: FunnelTally, _ facts: ReportFacts) -> API.BatchFigures {
        let end = batch.expiry.addingTimeInterval(TimeInterval(facts.graceDays) * 86_400)
        let expired = end <= facts.asOf
        return API.BatchFigures(
            label: batch.label, kid: batch.kid.text, firstSerial: batch.first.value, lastSerial: batch.last.value,
            valueCents: Int64(batch.value.value), lastValidDay: lastValidDay(end), expired: expired,
            unusedValueCents: expired ? Int64(tally.funnel.passesExpiredUnused) * Int64(batch.value.value) : 0, funnel: tally.funnel)
    }

    /// Each month's funnel (what happened in it), money and settlement.
    private static func months(_ facts: ReportFacts, _ carnets: [ReportCarnet]) -> [API.MonthFigures] {
        var tallies: [String: FunnelTally] = [:]
        for carnet in carnets { MonthEvents.add(carnet, to: &tallies) }
        let liabilities = Liability.atEach(facts.months.map(\.to), carnets)
        return zip(facts.months, liabilities).map { month, liability in
            API.MonthFigures(
                month: month.month, funnel: tallies[month.month, default: FunnelTally()].funnel,
                redemptions: month.settlement.count, redeemedCents: month.settlement.totalCents,
                partners: month.settlement.partners.map { API.Figure(name: $0.partnerName, count: $0.count, valueCents: $0.totalCents) },
                helpKinds: month.help.map { API.Figure(name: $0.kind ?? "none", count: $0.count, valueCents: $0.valueCents) },
                conflicts: month.conflicts, liabilityCents: liability)
        }
    }

    private static func expiringSoon(_ carnets: [ReportCarnet], asOf: Date) -> [API.OfficeExpiring] {
        let soon = carnets.filter { $0.handout != nil && !$0.expired && $0.end <= asOf.addingTimeInterval(reminderWindow) && $0.left > 0 }
        return Dictionary(grouping: soon) { $0.handout!.officeName }.sorted { $0.key < $1.key }.map { office, carnets in
            API.OfficeExpiring(office: office, carnets: carnets.sorted { ($0.end, $0.batch.kid.text, $0.first) < ($1.end, $1.batch.kid.text, $1.first) }.map { c in
                let first = Serial(c.first)!
                return API.ExpiringCarnet(
                    carnet: carnetNumber(c.first), firstPass: PassNumber(keyID: c.batch.kid, serial: first).text,
                    kid: c.batch.kid.text, firstSerial: c.first, passesLeft: c.left, lastValidDay: lastValidDay(c.end))
            })
        }
    }

    /// "000006": the number printed on a carnet's stub, its first serial on at least six digits.
    public static func carnetNumber(_ first: UInt64) -> String {
        let digits = String(first)
        return String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// "2027-12-31": the last Paris day before `end`.
    static func lastValidDay(_ end: Date) -> String { Paris.isoDay(end.addingTimeInterval(-0.001)) }

    /// The Paris months from the one holding `first` to the one holding `asOf`, each as its name
    /// and [from, to) with `to` at most `asOf`.
    public static func months(from first: Date, to asOf: Date) -> [(month: String, from: Date, to: Date)] {
        let calendar = Paris.calendar
        guard first < asOf, var start = calendar.dateInterval(of: .month, for: first)?.start else { return [] }
        var months: [(String, Date, Date)] = []
        while start < asOf, let next = calendar.date(byAdding: .month, value: 1, to: start) {
            months.append((Paris.isoMonth(start), start, min(next, asOf)))
            start = next
        }
        return months
    }

    /// The first instant anything happened: a batch printed, a carnet handed out, a pass used.
    public static func firstEvent(_ batches: [PrintedBatch], _ handouts: [Handout], _ redemptions: [Redemption]) -> Date? {
        (batches.map(\.printedAt) + handouts.map(\.at) + redemptions.map(\.redeemedAt)).min()
    }
}
