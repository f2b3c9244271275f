import SpentListAPI

/// Partners, kinds of help, time to first use, what expires soon, and the money.
extension ProgrammeSections {
    func partners() -> ReportSection {
        let w = words
        let partners = Self.summed(report.months.flatMap(\.partners))
        return passesByName(
            id: "partners", title: w.say("Par partenaire", "By partner"), names: partners.map(\.name), figures: partners,
            sentence: w.say("Les pass utilisés chez chaque partenaire sur toute la période, et ce qui lui est dû.",
                            "Passes used at each partner over the whole period, and what it is owed."),
            columns: [w.say("Partenaire", "Partner"), w.say("Pass utilisés", "Passes used"), w.say("Montant dû", "Owed")],
            last: { w.euros($0.valueCents) }, total: [w.say("Total", "Total"), w.count(redeemed.count), w.euros(redeemed.cents)])
    }

    func helpKinds() -> ReportSection {
        let w = words
        let kinds = Self.summed(report.months.flatMap(\.helpKinds))
        return passesByName(
            id: "help", title: w.say("Types d'aide", "Kinds of help"), names: kinds.map { w.helpKind($0.name) }, figures: kinds,
            sentence: w.say("L'aide apportée, telle que le partenaire l'a indiquée au passage du pass (totaux seulement).",
                            "The help given, as the partner recorded it with the pass (totals only)."),
            columns: [w.say("Type d'aide", "Kind of help"), w.say("Pass", "Passes"), w.say("Part", "Share")],
            last: { w.share($0.count, of: redeemed.count) }, total: nil)
    }

    /// Passes counted under names (partners, kinds of help): a chart of rows, and a table of the
    /// name, the count and `last` (what is owed, a share).
    private func passesByName(
        id: String, title: String, names: [String], figures: [API.Figure], sentence: String, columns: [String],
        last: (API.Figure) -> String, total: [String]?
    ) -> ReportSection {
        let w = words, none = w.say("Aucun pass utilisé pour l'instant.", "No pass used yet.")
        return ReportSection(
            id: id, title: title, paragraphs: [sentence],
            chart: Chart(title: title, orientation: .rows, unit: .count, categories: names,
                         series: [.init(name: w.say("Pass", "Passes"), values: figures.map { Double($0.count) })], emptyText: none),
            table: ReportTable(
                columns: [.init(columns[0], numeric: false), .init(columns[1]), .init(columns[2])],
                rows: zip(names, figures).map { [$0, w.count($1.count), last($1)] }, total: total, emptyText: none))
    }

    func firstUse() -> ReportSection {
        let w = words
        let rows = [(w.say("Ensemble", "All offices"), report.total.firstUseDays)] + report.offices.map { ($0.office, $0.funnel.firstUseDays) }
        let measured = rows.filter { $0.1.count > 0 }
        let quartiles = w.say(
            "La moitié des carnets ont servi avant la médiane, un quart avant le 1er quartile, trois quarts avant le 3e.",
            "Half the carnets were first used before the median, a quarter before the 1st quartile, three quarters before the 3rd.")
        return ReportSection(
            id: "first-use", title: w.say("Délai entre la remise et le premier usage", "Time from hand-over to first use"),
            // The quartiles are explained only where there are some.
            paragraphs: [w.say(
                "Combien de jours passent entre la remise d'un carnet à une personne et le premier pass qu'elle utilise.",
                "How many days pass between a carnet handed to a person and the first pass they use.")] + (measured.isEmpty ? [] : [quartiles]),
            chart: Chart(title: w.say("Délai médian avant le premier usage", "Median days to first use"), orientation: .rows, unit: .days,
                         categories: measured.map(\.0), series: [.init(name: w.say("Médiane", "Median"), values: measured.map(\.1.median))],
                         emptyText: w.say("Aucun carnet remis puis utilisé pour l'instant.", "No carnet handed out then used yet.")),
            table: ReportTable(
                columns: [.init(w.say("Bureau", "Office"), numeric: false), .init(w.say("Carnets", "Carnets")), .init(w.say("1er quartile", "1st quartile")),
                          .init(w.say("Médiane", "Median")), .init(w.say("3e quartile", "3rd quartile"))],
                rows: measured.map { [$0.0, w.count($0.1.count), w.days($0.1.q1), w.days($0.1.median), w.days($0.1.q3)] },
                emptyText: w.say("Aucun carnet remis puis utilisé pour l'instant.", "No carnet handed out then used yet.")))
    }

    /// The carnets to remind people of, by office: the stub's numbers only, nobody's name.
    func expiring() -> ReportSection {
        let w = words
        let rows = report.expiringSoon.flatMap { office in
            office.carnets.map { [office.office, $0.carnet, $0.firstPass, w.count($0.passesLeft), w.day($0.lastValidDay)] }
        }
        let sentence = w.say(
            "Carnets remis dont des pass restent inutilisés et qui cessent d'être valables dans les 30 jours : chaque bureau peut le rappeler aux personnes qu'il connaît.",
            "Carnets handed out with passes still unused that stop being valid within 30 days: each office may remind the people it knows.")
        return tableSection(
            id: "expiring", title: w.say("Carnets qui expirent dans les 30 jours", "Carnets expiring within 30 days"), sentence: rows.isEmpty ? nil : sentence,
            columns: [w.say("Bureau", "Office"), w.say("Carnet", "Carnet"), w.say("Premier pass", "First pass"), w.say("Pass restants", "Passes left"),
                      w.say("Dernier jour", "Last day")],
            rows: rows, emptyText: nothingExpires)
    }

    /// What an empty section of the carnets expiring says, alone under its title: the
    /// sentences on who may remind whom are for when there is someone to remind.
    private var nothingExpires: String { words.say("Aucun carnet n'expire dans les 30 jours.", "No carnet expires within 30 days.") }

    /// What expires within 30 days counted by office, for the funders' paper: the carnets'
    /// numbers are for the offices (the dashboard, the CSV's "À relancer" lines).
    func expiringByOffice() -> ReportSection {
        let w = words
        var total = (carnets: 0, passes: 0, cents: Int64(0))
        let rows = report.expiringSoon.map { office in
            let passes = office.carnets.reduce(0) { $0 + $1.passesLeft }
            let cents = office.carnets.reduce(Int64(0)) { $0 + Int64($1.passesLeft) * passValue($1) }
            total = (total.carnets + office.carnets.count, total.passes + passes, total.cents + cents)
            return [office.office, w.count(office.carnets.count), w.count(passes), w.euros(cents), w.day(office.carnets.map(\.lastValidDay).min() ?? "")]
        }
        let sentence = w.say(
            "Les carnets remis dont des pass restent inutilisés et cessent d'être valables dans les 30 jours, par bureau. La liste des carnets est dans l'export tableur du rapport, pour que chaque bureau prévienne les personnes qu'il connaît.",
            "Carnets handed out with passes still unused that stop being valid within 30 days, by office. The list of carnets is in the report's spreadsheet export, so each office may remind the people it knows.")
        var section = tableSection(
            id: "expiring", title: w.say("Carnets qui expirent dans les 30 jours", "Carnets expiring within 30 days"), sentence: rows.isEmpty ? nil : sentence,
            columns: [w.say("Bureau", "Office"), w.say("Carnets", "Carnets"), w.say("Pass restants", "Passes left"), w.say("Valeur", "Value"),
                      w.say("Fin de validité", "Valid until")],
            rows: rows, emptyText: nothingExpires)
        if rows.count > 1 {
            section.table?.total = [w.say("Total", "Total"), w.count(total.carnets), w.count(total.passes), w.euros(total.cents), ""]
        }
        return section
    }

    /// A pass's value, from its batch.
    private func passValue(_ carnet: API.ExpiringCarnet) -> Int64 {
        report.batches.first { $0.kid == carnet.kid && $0.firstSerial <= carnet.firstSerial && carnet.firstSerial <= $0.lastSerial }?.valueCents ?? 0
    }

    /// What is owed each month and what is outstanding at each month's end, as two charts on
    /// their own scales: on one, the hundreds owed beside the thousands outstanding looked like
    /// nothing.
    func money() -> ReportSection {
        let w = words
        let labels = report.months.enumerated().map { index, m in w.month(m.month, withYear: index == 0 || m.month.hasSuffix("-01")) }
        let rows = report.months.map { m in [w.month(m.month, inline: true), w.euros(m.redeemedCents), w.euros(m.liabilityCents)] }
        let chart = Chart(
            title: w.say("Dû aux partenaires chaque mois, et engagement restant à la fin du mois", "Owed to partners each month, and outstanding at the month's end"),
            orientation: .columns, unit: .cents, categories: labels,
            series: [.init(name: w.say("Dû aux partenaires pour le mois", "Owed to partners for the month"), values: report.months.map { Double($0.redeemedCents) }),
                     .init(name: w.say("Engagement restant à la fin du mois", "Outstanding at the month's end"), values: report.months.map { Double($0.liabilityCents) })],
            emptyText: w.say("Aucun mois pour l'instant.", "No month yet."), separateScales: true)
        let scales = w.say("Chaque graphique a sa propre échelle.", "Each chart has its own scale.")
        return ReportSection(
            id: "money", title: w.say("Remboursements et engagement", "Reimbursements and what is outstanding"),
            paragraphs: [w.say(
                "Chaque mois, ce qui est dû aux partenaires pour les pass utilisés, et la valeur des pass encore valables et non utilisés à la fin du mois : ce que le programme peut encore avoir à payer.",
                "Each month, what is owed to partners for the passes used, and the value of passes still valid and unused at the month's end: what the programme may still have to pay.")]
                + (chart.isEmpty ? [] : [scales]),
            chart: chart,
            table: ReportTable(
                columns: [.init(w.say("Mois", "Month"), numeric: false), .init(w.say("Dû aux partenaires", "Owed to partners")),
                          .init(w.say("Engagement en fin de mois", "Outstanding at month's end"))],
                rows: rows, emptyText: w.say("Aucun mois pour l'instant.", "No month yet.")))
    }
}
