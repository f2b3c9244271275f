import Foundation
import PassVerifier
import SpentList
import Testing

/// The CSV for French spreadsheets: BOM, semicolons, decimal comma, Paris time.
@Suite struct SpreadsheetCSVTests {
    /// 2026-11-18 11:06:40 UTC: 12:06 in Paris (winter time).
    static let at = Fixtures.now

    static func settlement() -> Settlement {
        let r1 = Redemption(pass: Fixtures.pass(1), value: Cents(1050)!, partnerID: 1, partnerName: "Emmaüs; Connect", redeemedAt: at)
        let r2 = Redemption(pass: Fixtures.pass(2), value: Cents(1000)!, partnerID: 2, partnerName: "=HYPERLINK(\"x\")", redeemedAt: at)
        return Settlement(from: at, to: at.addingTimeInterval(60), sorted: [r1, r2])
    }

    @Test func settlementOpensInColumnsWithFrenchNumbersAndParisTime() {
        let csv = SpreadsheetCSV.settlement(Self.settlement())
        #expect(csv.hasPrefix("\u{FEFF}Partenaire;N° du pass;Clé;Série;Encaissé le (heure de Paris);Valeur (€)\r\n"))
        let rows = csv.dropFirst().split(separator: "\r\n").map(String.init)
        #expect(rows.count == 3)
        #expect(rows[1] == "\"Emmaüs; Connect\";\(PassNumber(keyID: Fixtures.issuer.kid, serial: Serial(1)!));\(Fixtures.issuer.kid);1;18/11/2026 12:06;10,50")
        // A formula is defused and its quotes doubled inside a quoted field.
        #expect(rows[2].hasPrefix("\"'=HYPERLINK(\"\"x\"\")\";"), "\(rows[2])")
        #expect(rows[2].hasSuffix(";10,00"))
    }

    @Test func conflictsNameBothPartnersInWords() {
        let conflict = Conflict(
            reason: "already_spent", pass: Fixtures.pass(5), value: Cents(1000)!, partnerID: 2, partnerName: "Secours",
            scannedAt: Self.at, firstPartnerID: 1, firstPartnerName: "PiNG", firstRedeemedAt: Self.at.addingTimeInterval(-600),
            recordedAt: Self.at)
        let csv = SpreadsheetCSV.conflicts([conflict]) { $0 == "already_spent" ? "encaissé deux fois" : $0 }
        let rows = csv.split(separator: "\r\n").map(String.init)
        #expect(rows.count == 2 && rows[0].hasPrefix("\u{FEFF}N° du pass;"))
        #expect(rows[1] == "\(PassNumber(keyID: Fixtures.issuer.kid, serial: Serial(5)!));\(Fixtures.issuer.kid);5;10,00;encaissé deux fois;Secours;18/11/2026 12:06;PiNG;18/11/2026 11:56")
    }
}
