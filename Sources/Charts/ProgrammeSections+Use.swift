import SpentListAPI

/// The funnel and where it stops: in the whole programme, by office, by batch.
extension ProgrammeSections {
    func funnel() -> ReportSection {
        let t = report.total, w = words
        let stages = [
            (w.say("Imprimés", "Printed"), t.carnetsPrinted), (w.say("Remis", "Handed out"), t.carnetsHandedOut),
            (w.say("Un pass utilisé", "A pass used"), t.carnetsFirstUsed), (w.say("Tous les pass utilisés", "All passes used"), t.carnetsAllUsed),
        ]
        var paragraphs = [w.say(
            "Du carnet imprimé au carnet entièrement utilisé : chaque étape compte les carnets qui l'ont atteinte.",
            "From the printed carnet to the carnet all used: each stage counts the carnets that reached it.")]
        if t.carnetsUsedNotHandedOut > 0 {
            paragraphs.append(w.say(
                "Carnets utilisés sans remise enregistrée à un bureau : \(w.count(t.carnetsUsedNotHandedOut)).",
                "Carnets used with no hand-over recorded at an office: \(w.count(t.carnetsUsedNotHandedOut))."))
        }
        return ReportSection(
            id: "funnel", title: w.say("Parcours des carnets", "The carnets' path"), paragraphs: paragraphs,
            chart: Chart(title: w.say("Carnets à chaque étape", "Carnets at each stage"), orientation: .rows, unit: .count,
                         categories: stages.map(\.0), series: [.init(name: w.say("Carnets", "Carnets"), values: stages.map { Double($0.1) })],
                         emptyText: w.say("Aucun carnet imprimé pour l'instant.", "No carnet printed yet.")))
    }

    func offices() -> ReportSection {
        let w = words
        let names = report.offices.map(\.office)
        let series: [(String, (API.Funnel) -> Int)] = [
            (w.say("Remis", "Handed out"), \.carnetsHandedOut), (w.say("Un pass utilisé", "A pass used"), \.carnetsFirstUsed),
            (w.say("Tous utilisés", "All used"), \.carnetsAllUsed),
        ]
        let rows = report.offices.map { o in
            [o.office, w.count(o.funnel.carnetsHandedOut), w.count(o.funnel.carnetsFirstUsed),
             w.share(o.funnel.carnetsFirstUsed, of: o.funnel.carnetsHandedOut), w.count(o.funnel.carnetsAllUsed), w.count(o.funnel.passesUsed)]
        }
        return ReportSection(
            id: "offices", title: w.say("Par bureau", "By office"),
            paragraphs: [w.say("Les carnets que chaque bureau a remis, et ce qu'ils sont devenus.", "The carnets each office handed out, and what became of them.")],
            chart: Chart(title: w.say("Carnets par bureau", "Carnets by office"), orientation: .rows, unit: .count, categories: names,
                         series: series.map { name, figure in .init(name: name, values: report.offices.map { Double(figure($0.funnel)) }) },
                         emptyText: w.say("Aucune remise enregistrée.", "No hand-over recorded.")),
            table: ReportTable(
                columns: [.init(w.say("Bureau", "Office"), numeric: false), .init(w.say("Carnets remis", "Handed out")),
                          .init(w.say("Un pass utilisé", "A pass used")), .init(w.say("Part", "Share")), .init(w.say("Tous utilisés", "All used")),
                          .init(w.say("Pass utilisés", "Passes used"))],
                rows: rows, emptyText: w.say("Aucune remise enregistrée.", "No hand-over recorded.")))
    }

    /// The carnets' path stage by stage for each funder's batch, then for each office, with the
    /// passes that expired unused: where the passes stopped (issue 13 §3).
    func stages() -> ReportSection {
        let w = words
        func row(_ name: String, _ f: API.Funnel, printed: Bool) -> [String] {
            [name, printed ? w.count(f.carnetsPrinted) : "", w.count(f.carnetsHandedOut), w.count(f.carnetsFirstUsed),
             w.count(f.carnetsAllUsed), w.count(f.passesExpiredUnused)]
        }
        let rows = report.batches.map { row($0.label, $0.funnel, printed: true) } + report.offices.map { row($0.office, $0.funnel, printed: false) }
        return tableSection(
            id: "stages", title: w.say("Étapes par lot et par bureau", "Stages by batch and by office"),
            sentence: w.say(
                "Pour chaque lot des financeurs, puis pour chaque bureau : les carnets à chaque étape, et les pass arrivés à échéance sans avoir servi.",
                "For each funder's batch, then each office: the carnets at each stage, and the passes that expired unused."),
            columns: [w.say("Lot ou bureau", "Batch or office"), w.say("Carnets imprimés", "Carnets printed"), w.say("Remis", "Handed out"),
                      w.say("Un pass utilisé", "A pass used"), w.say("Tous utilisés", "All used"), w.say("Pass expirés sans usage", "Passes expired unused")],
            rows: rows, emptyText: w.say("Aucun lot publié.", "No batch published."))
    }

    func months() -> ReportSection {
        let w = words
        let labels = report.months.enumerated().map { index, m in w.month(m.month, withYear: index == 0 || m.month.hasSuffix("-01")) }
        let rows = report.months.map { m in [w.month(m.month, inline: true), w.count(m.redemptions), w.euros(m.redeemedCents), w.count(m.conflicts)] }
        return ReportSection(
            id: "months", title: w.say("Pass utilisés par mois", "Passes used per month"),
            paragraphs: [w.say(
                "Les pass utilisés chez les partenaires, au mois de leur passage au guichet (heure de Paris). Les conflits sont des pass présentés hors ligne après un autre usage : ils ne sont pas remboursés.",
                "Passes used at partners, in the month they were scanned (Paris time). Conflicts are passes presented offline after another use: they are not reimbursed.")],
            chart: Chart(title: w.say("Pass utilisés par mois", "Passes used per month"), orientation: .columns, unit: .count, categories: labels,
                         series: [.init(name: w.say("Pass", "Passes"), values: report.months.map { Double($0.redemptions) })],
                         emptyText: w.say("Aucun pass utilisé pour l'instant.", "No pass used yet.")),
            table: ReportTable(
                columns: [.init(w.say("Mois", "Month"), numeric: false), .init(w.say("Pass utilisés", "Passes used")),
                          .init(w.say("Montant", "Value")), .init(w.say("Conflits", "Conflicts"))],
                rows: rows, total: [w.say("Total", "Total"), w.count(redeemed.count), w.euros(redeemed.cents), w.count(report.months.reduce(0) { $0 + $1.conflicts })],
                emptyText: w.say("Aucun mois pour l'instant.", "No month yet.")))
    }

    /// Figures under one name summed over the months, largest first (ties by name).
    static func summed(_ figures: [API.Figure]) -> [API.Figure] {
        var sums: [String: API.Figure] = [:]
        for figure in figures {
            sums[figure.name, default: API.Figure(name: figure.name, count: 0, valueCents: 0)].count += figure.count
            sums[figure.name]!.valueCents += figure.valueCents
        }
        return sums.values.sorted { ($1.count, $0.name) < ($0.count, $1.name) }
    }
}
