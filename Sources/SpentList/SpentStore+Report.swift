import Foundation
import SpentListAPI

extension SpentStore {
    /// The programme's figures at `asOf` (`GET /v1/report`, `passnum report`): the same reads
    /// and the same `ProgrammeReport.make` on every store. Each month's settlement and conflicts
    /// come from the settlement and conflict queries themselves, so the report says what the
    /// statements say. The reads are separate transactions: a redemption recorded while the
    /// report is made may show in one figure and not yet in another, never before `asOf`'s
    /// figures are final (a month that is over changes only when an offline journal arrives).
    public func report(asOf: Date) async throws(SpentListError) -> API.Report {
        guard asOf > ProgrammeReport.beginning else { throw SpentListError(.invalidRequest, "the report's date is before 1970") }
        let graceDays = try await programme().graceDays
        let batches = try await printedBatches()
        // The report follows every pass: its cost grows with them, so it has a bound.
        guard batches.reduce(0, { $0 + $1.passCount }) <= ProgrammeReport.maximumPasses else {
            throw SpentListError(.invalidRequest, "a report follows at most 500,000 printed passes; the published batches hold more")
        }
        let handouts = try await handouts(), revocations = try await revocations()
        let redemptions = try await settlement(from: ProgrammeReport.beginning, to: asOf, partnerID: nil).partners.flatMap(\.redemptions)
        var months: [MonthFacts] = []
        if let first = ProgrammeReport.firstEvent(batches, handouts, redemptions) {
            let span = ProgrammeReport.months(from: max(first, ProgrammeReport.beginning), to: asOf)
            // Each month is three reads: a date centuries away must not make thousands of them.
            guard span.count <= ProgrammeReport.maximumMonths else {
                throw SpentListError(.invalidRequest, "a report covers at most \(ProgrammeReport.maximumMonths / 12) years from the first batch, hand-over or redemption")
            }
            for month in span {
                months.append(MonthFacts(
                    month: month.month, to: month.to,
                    settlement: try await settlement(from: month.from, to: month.to, partnerID: nil),
                    help: try await helpGiven(from: month.from, to: month.to),
                    conflicts: try await conflicts(from: month.from, to: month.to, partnerID: nil).count))
            }
        }
        let facts = ReportFacts(
            asOf: asOf, graceDays: graceDays, batches: batches, handouts: handouts, revocations: revocations,
            redemptions: redemptions, months: months)
        // Off the cooperative pool: a large programme's report takes a while, and the service
        // answers redemptions on that pool meanwhile.
        return await withCheckedContinuation { done in
            DispatchQueue.global(qos: .utility).async { done.resume(returning: ProgrammeReport.make(facts)) }
        }
    }
}

extension ProgrammeReport {
    /// Where a report's reading starts: nothing in a spent list is older.
    public static let beginning = Date(timeIntervalSince1970: 0)
    /// The printed passes one report follows (and the largest batch).
    public static let maximumPasses = 500_000
    /// Twenty years of months.
    public static let maximumMonths = 240
}
