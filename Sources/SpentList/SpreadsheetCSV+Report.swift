import Conventions
import Foundation
import SpentListAPI

extension SpreadsheetCSV {
    /// The programme report for French spreadsheets (`passnum report --csv`), one figure a line:
    /// Rubrique (Total, Lot, Bureau, Mois, À relancer), Objet, Mois, Indicateur, Valeur. A
    /// pivot table then gives any view; money in euros with a decimal comma, days likewise;
    /// days and months stay ISO (2027-06-30, 2026-11), which spreadsheets read as dates. The
    /// indicators use the words of the dashboard and the evaluation report.
    public static func report(_ report: API.Report) -> String {
        var out = byteOrderMark + row(["Rubrique", "Objet", "Mois", "Indicateur", "Valeur"])
        let add = { (section: String, object: String, month: String, lines: [(String, String)]) in
            for (name, value) in lines { out += row([section, object, month, name, value]) }
        }
        add("Total", "", "", funnel(report.total))
        for batch in report.batches {
            add("Lot", batch.label, "", [
                ("Dernier jour de validité", batch.lastValidDay), ("Valeur d'un pass (€)", euros(batch.valueCents)),
                ("Valeur non utilisée à l'échéance (€)", batch.expired ? euros(batch.unusedValueCents) : ""),
            ] + funnel(batch.funnel))
        }
        for office in report.offices { add("Bureau", office.office, "", funnel(office.funnel)) }
        for month in report.months {
            add("Mois", "", month.month, funnel(month.funnel) + [
                ("Pass utilisés chez les partenaires", String(month.redemptions)), ("Dû aux partenaires (€)", euros(month.redeemedCents)),
                ("Conflits hors ligne (non remboursés)", String(month.conflicts)),
                ("Engagement restant en fin de mois (€)", euros(month.liabilityCents)),
            ])
            for partner in month.partners {
                add("Mois", partner.name, month.month, [("Pass utilisés chez ce partenaire", String(partner.count)), ("Dû au partenaire (€)", euros(partner.valueCents))])
            }
            for kind in month.helpKinds {
                add("Mois", kind.name, month.month, [("Pass avec ce type d'aide", String(kind.count)), ("Montant (€)", euros(kind.valueCents))])
            }
        }
        for office in report.expiringSoon {
            for carnet in office.carnets {
                add("À relancer", office.office, "", [
                    ("Carnet n° \(carnet.carnet) (premier pass \(carnet.firstPass)), pass restants valables jusqu'au \(carnet.lastValidDay)",
                     String(carnet.passesLeft)),
                ])
            }
        }
        return out
    }

    private static func funnel(_ f: API.Funnel) -> [(String, String)] {
        [
            ("Pass imprimés", String(f.passesPrinted)), ("Carnets imprimés", String(f.carnetsPrinted)),
            ("Carnets remis", String(f.carnetsHandedOut)), ("Carnets dont un pass a servi", String(f.carnetsFirstUsed)),
            ("Carnets entièrement utilisés", String(f.carnetsAllUsed)),
            ("Carnets utilisés sans remise enregistrée à un bureau", String(f.carnetsUsedNotHandedOut)),
            ("Pass utilisés", String(f.passesUsed)), ("Pass expirés sans usage", String(f.passesExpiredUnused)),
            ("Pass annulés avant usage (carnets perdus ou volés)", String(f.passesCancelledUnused)),
            ("Carnets remis puis utilisés (base du délai)", String(f.firstUseDays.count)),
        ] + firstUse(f.firstUseDays)
    }

    /// The days from hand-over to first use; empty cells, not "0,0", while no carnet handed
    /// out was used (a spreadsheet then leaves them out of averages).
    private static func firstUse(_ q: API.Quartiles) -> [(String, String)] {
        let day = { (value: Double) in q.count == 0 ? "" : days(value) }
        return [
            ("Délai entre la remise et le premier usage, 1er quartile (jours)", day(q.q1)),
            ("Délai entre la remise et le premier usage, médiane (jours)", day(q.median)),
            ("Délai entre la remise et le premier usage, 3e quartile (jours)", day(q.q3)),
        ]
    }

    private static func euros(_ cents: Int64) -> String { Euros.spreadsheet(UInt64(max(0, cents))) }

    private static func days(_ value: Double) -> String { String(format: "%.1f", value).replacingOccurrences(of: ".", with: ",") }
}
