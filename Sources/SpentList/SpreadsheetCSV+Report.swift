import Conventions
import Foundation
import SpentListAPI

extension SpreadsheetCSV {
    /// The programme report for French spreadsheets (`passnum report --csv`), one figure a line:
    /// Rubrique (Total, Lot, Bureau, Mois, À relancer), Objet, Mois, Indicateur, Valeur. A
    /// pivot table then gives any view; money in euros with a decimal comma, days likewise.
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
                ("Pass utilisés (encaissements)", String(month.redemptions)), ("Montant encaissé (€)", euros(month.redeemedCents)),
                ("Conflits hors ligne", String(month.conflicts)), ("Encours en fin de mois (€)", euros(month.liabilityCents)),
            ])
            for partner in month.partners {
                add("Mois", partner.name, month.month, [("Pass encaissés", String(partner.count)), ("Dû au partenaire (€)", euros(partner.valueCents))])
            }
            for kind in month.helpKinds {
                add("Mois", kind.name, month.month, [("Aides de ce type", String(kind.count)), ("Montant (€)", euros(kind.valueCents))])
            }
        }
        for office in report.expiringSoon {
            for carnet in office.carnets {
                add("À relancer", office.office, "", [("Carnet n° \(carnet.carnet) (\(carnet.firstPass)), pass restants jusqu'au \(carnet.lastValidDay)", String(carnet.passesLeft))])
            }
        }
        return out
    }

    private static func funnel(_ f: API.Funnel) -> [(String, String)] {
        [
            ("Pass imprimés", String(f.passesPrinted)), ("Carnets imprimés", String(f.carnetsPrinted)),
            ("Carnets remis", String(f.carnetsHandedOut)), ("Carnets commencés", String(f.carnetsFirstUsed)),
            ("Carnets terminés", String(f.carnetsAllUsed)), ("Carnets utilisés sans remise enregistrée", String(f.carnetsUsedNotHandedOut)),
            ("Pass utilisés", String(f.passesUsed)), ("Pass expirés non utilisés", String(f.passesExpiredUnused)),
            ("Pass annulés non utilisés", String(f.passesCancelledUnused)),
            ("Carnets remis puis commencés (délai)", String(f.firstUseDays.count)),
            ("Délai remise → 1re utilisation, 1er quartile (jours)", days(f.firstUseDays.q1)),
            ("Délai remise → 1re utilisation, médiane (jours)", days(f.firstUseDays.median)),
            ("Délai remise → 1re utilisation, 3e quartile (jours)", days(f.firstUseDays.q3)),
        ]
    }

    private static func euros(_ cents: Int64) -> String { Euros.spreadsheet(UInt64(max(0, cents))) }

    private static func days(_ value: Double) -> String { String(format: "%.1f", value).replacingOccurrences(of: ".", with: ",") }
}
