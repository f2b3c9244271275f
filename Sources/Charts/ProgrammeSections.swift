import SpentListAPI

/// The programme's report (`API.Report`) as sections with their charts and tables, made once
/// for the dashboard and the printed evaluation report: key figures and the funders' batches
/// (the report's cover), then the funnel, by office and by batch, use per month and per
/// partner, the kinds of help, the time to first use, what expires soon, and the money.
public struct ProgrammeSections: Sendable {
    public let report: API.Report
    public let words: ReportWords

    public init(_ report: API.Report, words: ReportWords = .fr) {
        (self.report, self.words) = (report, words)
    }

    /// Key figures and the funders' batches.
    public var cover: [ReportSection] { [keyFigures(), batches()] }

    public var sections: [ReportSection] {
        [funnel(), offices(), stages(), months(), partners(), helpKinds(), firstUse(), expiring(), money()]
    }

    /// The funders' paper's cover, under the `headline` figures: the batches they paid for.
    public var printedCover: [ReportSection] { [batches()] }

    /// The funders' paper after its cover: the key figures in full, then the same sections as
    /// the dashboard, but what expires soon counted by office.
    public var printedSections: [ReportSection] {
        [keyFigures()] + sections.map { $0.id == "expiring" ? expiringByOffice() : $0 }
    }

    /// Redemptions of every month, all partners.
    var redeemed: (count: Int, cents: Int64) {
        report.months.reduce((0, 0)) { ($0.0 + $1.redemptions, $0.1 + $1.redeemedCents) }
    }

    func keyFigures() -> ReportSection {
        let t = report.total, w = words
        let rows: [[String]] = [
            [w.say("Pass imprimés", "Passes printed"), w.count(t.passesPrinted), ""],
            [w.say("Carnets imprimés", "Carnets printed"), w.count(t.carnetsPrinted), ""],
            [w.say("Carnets remis aux personnes", "Carnets handed out"), w.count(t.carnetsHandedOut), w.share(t.carnetsHandedOut, of: t.carnetsPrinted)],
            [w.say("Carnets dont un pass a servi", "Carnets with a pass used"), w.count(t.carnetsFirstUsed),
             // Of the carnets handed out: one used without a recorded hand-over (the funnel names
             // them) would take the share past 100 %.
             w.share(t.carnetsFirstUsed - t.carnetsUsedNotHandedOut, of: t.carnetsHandedOut)],
            [w.say("Carnets entièrement utilisés", "Carnets all used"), w.count(t.carnetsAllUsed), w.share(t.carnetsAllUsed, of: t.carnetsHandedOut)],
            [w.say("Pass utilisés", "Passes used"), w.count(t.passesUsed), w.share(t.passesUsed, of: t.passesPrinted)],
            [w.say("Pass expirés sans usage", "Passes expired unused"), w.count(t.passesExpiredUnused), w.share(t.passesExpiredUnused, of: t.passesPrinted)],
            [w.say("Pass annulés (carnets perdus ou volés)", "Passes cancelled (lost or stolen)"), w.count(t.passesCancelledUnused), ""],
            [w.say("Montant des pass utilisés", "Value of passes used"), w.euros(redeemed.cents), ""],
            [w.say("Valeur non utilisée des lots échus", "Unused value of expired batches"),
             w.euros(report.batches.reduce(0) { $0 + $1.unusedValueCents }), ""],
            [w.say("Engagement restant (pass valables non utilisés)", "Outstanding (valid passes not used)"),
             w.euros(report.months.last?.liabilityCents ?? 0), ""],
        ]
        return tableSection(
            id: "key-figures", title: w.say("Chiffres clés", "Key figures"),
            sentence: w.say("Les chiffres de toute la période. Les parts des carnets sont comptées sur les carnets remis ; celles des pass, sur les pass imprimés.",
                            "The figures of the whole period. Shares of carnets are of the carnets handed out; shares of passes, of the passes printed."),
            columns: [w.say("Indicateur", "Figure"), w.say("Nombre", "Number"), w.say("Part", "Share")], rows: rows, emptyText: "")
    }

    func batches() -> ReportSection {
        let w = words, days = report.graceDays
        let grace = days == 0 ? (fr: ".", en: ".")
            : (fr: " (délai de grâce de \(days) jour\(days > 1 ? "s" : "") compris).", en: " (grace period of \(days) day\(days > 1 ? "s" : "") included).")
        let rows = report.batches.map { b in
            [b.label, w.count(b.funnel.passesPrinted), w.euros(b.valueCents), w.day(b.lastValidDay), w.count(b.funnel.carnetsHandedOut),
             w.count(b.funnel.passesUsed), b.expired ? w.euros(b.unusedValueCents) : w.say("pas encore échu", "not expired yet")]
        }
        return tableSection(
            id: "batches", title: w.say("Lots des financeurs", "Funders' batches"),
            sentence: w.say(
                "Chaque lot tel qu'il a été imprimé, ce qui en a été remis et utilisé, et la valeur restée sans usage à son échéance" + grace.fr,
                "Each batch as printed, what of it was handed out and used, and the value left unused at its expiry" + grace.en),
            columns: [w.say("Lot", "Batch"), w.say("Pass", "Passes"), w.say("Valeur du pass", "Pass value"), w.say("Valable jusqu'au", "Valid until"),
                      w.say("Carnets remis", "Carnets handed out"), w.say("Pass utilisés", "Passes used"), w.say("Non utilisé à l'échéance", "Unused at expiry")],
            rows: rows, emptyText: w.say("Aucun lot publié.", "No batch published."))
    }

    /// A section that is a sentence (none: the table's empty words alone) and a table: names in
    /// the first column, figures after.
    func tableSection(id: String, title: String, sentence: String?, columns: [String], rows: [[String]], emptyText: String) -> ReportSection {
        let columns = columns.enumerated().map { ReportTable.Column($1, numeric: $0 > 0) }
        return ReportSection(id: id, title: title, paragraphs: sentence.map { [$0] } ?? [],
                             table: ReportTable(columns: columns, rows: rows, emptyText: emptyText))
    }
}
