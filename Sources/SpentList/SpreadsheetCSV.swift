import Conventions
import Foundation
import PassVerifier

extension PassRef {
    /// The number printed on the pass (SPEC.md §11), as the settlement and statements show it.
    public var printedNumber: String { number.text }
}

/// Settlement and conflicts as CSV that French spreadsheet software (LibreOffice, Excel set to
/// French) opens in columns without an import dialog: a UTF-8 byte order mark (else accents are
/// read as Latin-1), semicolons (the comma is the decimal separator), euros with a decimal
/// comma, dates in Paris time as "27/11/2026 14:05" (both from Conventions). The machine-friendly CSV stays the one
/// with commas, cents and RFC 3339 times.
public enum SpreadsheetCSV {
    static let byteOrderMark = "\u{FEFF}"

    public static func settlement(_ settlement: Settlement) -> String {
        var out = byteOrderMark + row(["Partenaire", "N° du pass", "Clé", "Série", "Encaissé le (heure de Paris)", "Valeur (€)"])
        for partner in settlement.partners {
            for r in partner.redemptions {
                out += row([partner.partnerName, r.pass.printedNumber, r.pass.kid.text, String(r.pass.serial.value), Paris.dayAndTime(r.redeemedAt), euros(r.value)])
            }
        }
        return out
    }

    /// `reasonText` turns a reason code ("already_spent") into the reader's words.
    public static func conflicts(_ conflicts: [Conflict], reasonText: (String) -> String) -> String {
        var out = byteOrderMark + row([
            "N° du pass", "Clé", "Série", "Valeur (€)", "Motif", "Partenaire", "Scanné le (heure de Paris)",
            "Encaissé d'abord par", "Encaissé le (heure de Paris)",
        ])
        for c in conflicts {
            out += row([
                c.pass.printedNumber, c.pass.kid.text, String(c.pass.serial.value), euros(c.value), reasonText(c.reason), c.partnerName,
                Paris.dayAndTime(c.scannedAt), c.firstPartnerName ?? "", c.firstRedeemedAt.map(Paris.dayAndTime) ?? "",
            ])
        }
        return out
    }

    /// A line of fields separated by semicolons, ended by CRLF. Text is quoted when it holds a
    /// separator, a quote or a line break, and defused so a name is never run as a formula.
    static func row(_ fields: [String]) -> String {
        fields.map { field in
            var text = field
            if let first = text.first, "=+-@\t\r".contains(first) { text = "'" + text }
            let needsQuotes = text.contains(where: { ";\"\r\n".contains($0) })
            return needsQuotes ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }.joined(separator: ";") + "\r\n"
    }

    /// "10,50": a number French spreadsheets read, no thousands separator, no currency sign.
    static func euros(_ cents: Cents) -> String {
        Euros.spreadsheet(UInt64(cents.value))
    }
}
