import Conventions
import Testing

/// Every form of an amount, byte for byte: the no-break spaces are part of the convention.
@Suite struct EurosTests {
    @Test func onPaperNoDecimalsWithoutCentsAndGroupedThousands() {
        #expect(Euros.onPaper(1000) == "10\u{00A0}€")
        #expect(Euros.onPaper(1050) == "10,50\u{00A0}€")
        #expect(Euros.onPaper(5) == "0,05\u{00A0}€")
        #expect(Euros.onPaper(123_456_700) == "1\u{202F}234\u{202F}567\u{00A0}€")
    }

    @Test func inAccountsAlwaysTwoDecimals() {
        #expect(Euros.inAccounts(123_450, french: true) == "1\u{202F}234,50\u{00A0}€")
        #expect(Euros.inAccounts(123_450, french: false) == "1234.50\u{00A0}€")
        #expect(Euros.inAccounts(1000, french: true) == "10,00\u{00A0}€")
        #expect(Euros.inAccounts(-5, french: true) == "-0,05\u{00A0}€")
    }

    @Test func frenchAndEnglishTerminalText() {
        #expect(Euros.french(1000) == "10,00 €")
        #expect(Euros.french(1_234_505) == "12345,05 €")
        #expect(Euros.english(1000) == "10.00 €")
        #expect(Euros.english(5) == "0.05 €")
    }

    @Test func spreadsheetsAndMachines() {
        #expect(Euros.spreadsheet(1050) == "10,50")
        #expect(Euros.spreadsheet(7) == "0,07")
        #expect(Euros.machine(1250) == "12.50")
        #expect(Euros.machine(123_456_789) == "1234567.89")
        #expect(Euros.machine(-1250) == "-12.50")
    }
}
