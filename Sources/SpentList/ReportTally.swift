import Conventions
import Foundation
import SpentListAPI

/// A funnel being counted, with the days to first use it will summarise.
struct FunnelTally {
    var counts = API.Funnel()
    var firstUseDays: [Double] = []

    var funnel: API.Funnel {
        var funnel = counts
        funnel.firstUseDays = Self.quartiles(firstUseDays)
        return funnel
    }

    /// A carnet and everything that happened to it (a batch's, an office's, the programme's).
    mutating func add(_ carnet: ReportCarnet) {
        counts.passesPrinted += carnet.passes
        counts.carnetsPrinted += 1
        if carnet.handout != nil { counts.carnetsHandedOut += 1 }
        countFirstUse(carnet)
        if carnet.allUsedAt != nil { counts.carnetsAllUsed += 1 }
        counts.passesUsed += carnet.used.count
        counts.passesExpiredUnused += carnet.expiredUnused
        counts.passesCancelledUnused += carnet.cancelled.count
    }

    mutating func countFirstUse(_ carnet: ReportCarnet) {
        guard carnet.firstUse != nil else { return }
        counts.carnetsFirstUsed += 1
        if carnet.handout == nil { counts.carnetsUsedNotHandedOut += 1 }
        if let days = carnet.firstUseDays { firstUseDays.append(days) }
    }

    /// First quartile, median, third quartile, interpolated between ranks (QUARTILE.INC,
    /// R's type 7), rounded to a tenth of a day.
    static func quartiles(_ values: [Double]) -> API.Quartiles {
        guard !values.isEmpty else { return API.Quartiles() }
        let sorted = values.sorted()
        func quantile(_ p: Double) -> Double {
            let h = Double(sorted.count - 1) * p
            let low = Int(h.rounded(.down))
            let high = min(low + 1, sorted.count - 1)
            let value = sorted[low] + (h - Double(low)) * (sorted[high] - sorted[low])
            return (value * 10).rounded() / 10
        }
        return API.Quartiles(count: sorted.count, q1: quantile(0.25), median: quantile(0.5), q3: quantile(0.75))
    }
}

/// Puts each event of a carnet in the Paris month it happened in.
enum MonthEvents {
    static func add(_ carnet: ReportCarnet, to tallies: inout [String: FunnelTally]) {
        func month(_ date: Date) -> String { Paris.isoMonth(date) }
        tallies[month(carnet.batch.printedAt), default: FunnelTally()].counts.passesPrinted += carnet.passes
        tallies[month(carnet.batch.printedAt), default: FunnelTally()].counts.carnetsPrinted += 1
        if let handout = carnet.handout { tallies[month(handout.at), default: FunnelTally()].counts.carnetsHandedOut += 1 }
        if let first = carnet.firstUse { tallies[month(first), default: FunnelTally()].countFirstUse(carnet) }
        if let all = carnet.allUsedAt { tallies[month(all), default: FunnelTally()].counts.carnetsAllUsed += 1 }
        for used in carnet.used { tallies[month(used), default: FunnelTally()].counts.passesUsed += 1 }
        for cancelled in carnet.cancelled { tallies[month(cancelled), default: FunnelTally()].counts.passesCancelledUnused += 1 }
        if carnet.expiredUnused > 0 {
            // In the month of the last valid day: a pass ending at midnight on 1 January ended in December.
            tallies[month(carnet.end.addingTimeInterval(-0.001)), default: FunnelTally()].counts.passesExpiredUnused += carnet.expiredUnused
        }
    }
}
