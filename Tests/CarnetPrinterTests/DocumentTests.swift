import CarnetPrinter
import Foundation
import PassVerifier
import Testing

/// What poppler reads in the PDF: embedded fonts and the texts people rely on.
@Suite struct DocumentTests {
    @Test func fontsAreEmbedded() throws {
        let scratch = Scratch()
        let fixture = Fixture(carnets: 1)
        var source = TokenList(fixture.texts)
        _ = try fixture.printer().printPDF(&source, to: scratch.file("c.pdf"))
        let fonts = try run("/usr/bin/pdffonts", [scratch.file("c.pdf")]).output
        let rows = fonts.split(separator: "\n").dropFirst(2)
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { $0.contains("DejaVuSans") })
        // Columns: name type encoding emb sub uni object-id; "emb" is the 4th from the right.
        #expect(rows.allSatisfy { $0.split(separator: " ").dropLast(4).last == "yes" })
    }

    @Test func pageTextHoldsValueExpirySerialAndCarnet() throws {
        let scratch = Scratch()
        let fixture = Fixture(carnets: 2, firstSerial: 121)
        var source = TokenList(fixture.texts)
        _ = try fixture.printer().printPDF(&source, to: scratch.file("c.pdf"))
        let page2 = try run("/usr/bin/pdftotext", ["-f", "2", "-l", "2", scratch.file("c.pdf"), "-"]).output
        #expect(page2.contains("10 €"))
        #expect(page2.contains("31/12/2027"))
        #expect(page2.contains("Valable jusqu'au"))
        let number = { (serial: UInt64) in PassNumber(keyID: fixture.key.kid, serial: Serial(serial)!).text }
        #expect(page2.contains(number(128)))  // "SSS 000 128-x" (SPEC.md §11), pass 3 of the 2nd carnet
        #expect(page2.contains("Carnet n° 000126"))  // the carnet's number is its first serial
        #expect(page2.contains("Pass 3/5"))
        #expect(page2.contains("CCAS Nantes"))  // the stub's batch label
        #expect(page2.contains("Pass n° \(number(126)) à \(number(130))"))
        #expect(page2.contains(Fixture.issuer))
    }

    @Test func euroAmountsAreWrittenTheFrenchWay() {
        #expect(FrenchText.euros(Cents(1000)!) == "10\u{00A0}€")
        #expect(FrenchText.euros(Cents(1050)!) == "10,50\u{00A0}€")
        #expect(FrenchText.euros(Cents(5)!) == "0,05\u{00A0}€")
        #expect(FrenchText.euros(Cents(123_456_700)!) == "1\u{202F}234\u{202F}567\u{00A0}€")
        #expect(FrenchText.lastValidDay(expiry: Fixture.expiry) == "31/12/2027")
    }
}
