import SpentListAPI

/// A figure the report shows first, in large type: "1 211" over "pass utilisés", and a line
/// that says of what ("35 % des 3 500 pass imprimés"). Made by `ProgrammeSections.headline`.
public struct HeadlineFigure: Sendable, Equatable {
    /// "1 211", "35 %", "9 360 €": written, in large type.
    public var value: String
    /// What it counts: "pass utilisés".
    public var caption: String
    /// Of what, in small type: "chez 3 partenaires".
    public var detail: String
}

/// The programme at a glance (the report's cover, the dashboard's top): printed, handed out,
/// used, the share used, what partners are owed and the value left unused at expiry.
extension ProgrammeSections {
    public var headline: [HeadlineFigure] {
        let t = report.total, w = words
        let expired = report.batches.filter(\.expired)
        let partners = Self.summed(report.months.flatMap(\.partners)).count
        return [
            HeadlineFigure(value: w.count(t.passesPrinted), caption: w.say("pass imprimés", "passes printed"),
                           detail: w.say("en \(w.count(t.carnetsPrinted)) carnet\(t.carnetsPrinted > 1 ? "s" : "")",
                                         "in \(w.count(t.carnetsPrinted)) carnet\(t.carnetsPrinted == 1 ? "" : "s")")),
            HeadlineFigure(value: w.count(t.carnetsHandedOut), caption: w.say("carnets remis", "carnets handed out"),
                           detail: w.say("\(w.share(t.carnetsHandedOut, of: t.carnetsPrinted)) des carnets imprimés",
                                         "\(w.share(t.carnetsHandedOut, of: t.carnetsPrinted)) of the carnets printed")),
            HeadlineFigure(value: w.count(t.passesUsed), caption: w.say("pass utilisés", "passes used"),
                           detail: w.say("chez \(w.count(partners)) partenaire\(partners > 1 ? "s" : "")",
                                         "at \(w.count(partners)) partner\(partners == 1 ? "" : "s")")),
            HeadlineFigure(value: w.share(t.passesUsed, of: t.passesPrinted), caption: w.say("des pass imprimés utilisés", "of passes printed used"),
                           detail: w.say("\(w.count(t.passesUsed)) sur \(w.count(t.passesPrinted))", "\(w.count(t.passesUsed)) of \(w.count(t.passesPrinted))")),
            HeadlineFigure(value: w.euros(redeemed.cents), caption: w.say("dus aux partenaires", "owed to partners"),
                           detail: w.say("pour les pass utilisés", "for the passes used")),
            HeadlineFigure(value: w.euros(expired.reduce(0) { $0 + $1.unusedValueCents }), caption: w.say("non utilisés à l'échéance", "unused at expiry"),
                           detail: expired.isEmpty ? w.say("aucun lot n'est encore échu", "no batch has expired yet")
                               : w.say("lots échus : ", "expired batches: ") + expired.map(\.label).joined(separator: ", ")),
        ]
    }
}
