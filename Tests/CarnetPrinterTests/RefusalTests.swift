import CarnetPrinter
import Foundation
import PassVerifier
import Testing

/// Bad input gives a clear error and leaves nothing behind: no output, no temporary file.
@Suite struct RefusalTests {
    @Test func tamperedTokenIsRefusedWithItsReasonAndLine() throws {
        let scratch = Scratch()
        let fixture = Fixture(carnets: 2)
        var texts = fixture.texts
        var digits = Array(texts[6])
        digits[150] = digits[150] == "0" ? "1" : "0"  // inside the signature
        texts[6] = String(digits)
        var source = TokenList(texts)
        let error = #expect(throws: PrinterError.self) {
            try fixture.printer().printPDF(&source, to: scratch.file("c.pdf"))
        }
        #expect(error?.code == .tokenRefused)
        #expect(error?.line == 7)
        #expect(error?.reason?.code == .badSignature || error?.reason?.code == .malformed)
        #expect(scratch.contents.isEmpty)
    }

    @Test func tamperedTokenWritesNoPNGFolder() throws {
        let scratch = Scratch()
        let fixture = Fixture(carnets: 2)
        var texts = fixture.texts
        texts[9] = String(texts[9].dropLast()) + (texts[9].last == "1" ? "2" : "1")
        var source = TokenList(texts)
        let error = #expect(throws: PrinterError.self) {
            try fixture.printer().printPNGs(&source, toFolder: scratch.file("png"), dpi: 150)
        }
        #expect(error?.code == .tokenRefused)
        #expect(error?.line == 10)
        #expect(scratch.contents.isEmpty)
    }

    @Test func expiredPassIsNotPrinted() throws {
        let scratch = Scratch()
        let fixture = Fixture(carnets: 1)
        let late = try PassPrinter(verifier: fixture.verifier, at: Date(timeIntervalSince1970: TimeInterval(Fixture.expiry)))
        var source = TokenList(fixture.texts)
        let error = #expect(throws: PrinterError.self) { try late.printPDF(&source, to: scratch.file("c.pdf")) }
        #expect(error?.reason?.code == .expired)
        #expect(scratch.contents.isEmpty)
    }

    @Test func missingFontIsAnErrorNotASubstitute() throws {
        let fixture = Fixture(carnets: 1)
        let error = #expect(throws: PrinterError.self) {
            try fixture.printer(PrintSettings(fontDirectory: "/nonexistent/fonts"))
        }
        #expect(error?.code == .fontMissing)
        #expect(error?.message.contains("/nonexistent/fonts/DejaVuSans.ttf") == true)
    }

    @Test func unwritableOutputLeavesNothing() throws {
        let scratch = Scratch()
        let fixture = Fixture(carnets: 1)
        var source = TokenList(fixture.texts)
        let error = #expect(throws: PrinterError.self) {
            try fixture.printer().printPDF(&source, to: scratch.file("no-such-folder/c.pdf"))
        }
        #expect(error?.code == .io)
        #expect(scratch.contents.isEmpty)
    }

    @Test func existingOutputIsKeptWithoutOverwrite() throws {
        let scratch = Scratch()
        let fixture = Fixture(carnets: 1)
        try Data("old".utf8).write(to: URL(fileURLWithPath: scratch.file("c.pdf")))
        var source = TokenList(fixture.texts)
        let error = #expect(throws: PrinterError.self) { try fixture.printer().printPDF(&source, to: scratch.file("c.pdf")) }
        #expect(error?.code == .exists)
        #expect(try String(contentsOfFile: scratch.file("c.pdf"), encoding: .utf8) == "old")
        #expect(scratch.contents == ["c.pdf"])
        var again = TokenList(fixture.texts)
        _ = try fixture.printer().printPDF(&again, to: scratch.file("c.pdf"), overwrite: true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.file("c.pdf"))).starts(with: Data("%PDF".utf8)))
    }

    @Test func incompleteCarnetIsRefused() throws {
        let scratch = Scratch()
        let fixture = Fixture(carnets: 2)
        var source = TokenList(Array(fixture.texts.prefix(7)))
        let error = #expect(throws: PrinterError.self) { try fixture.printer().printPDF(&source, to: scratch.file("c.pdf")) }
        #expect(error?.code == .badCarnet)
        #expect(scratch.contents.isEmpty)
    }

    @Test func shuffledTokensAreRefused() throws {
        let scratch = Scratch()
        let fixture = Fixture(carnets: 1)
        var texts = fixture.texts
        texts.swapAt(1, 2)
        var source = TokenList(texts)
        let error = #expect(throws: PrinterError.self) { try fixture.printer().printPDF(&source, to: scratch.file("c.pdf")) }
        #expect(error?.code == .badCarnet)
        #expect(scratch.contents.isEmpty)
    }

    @Test func noteTooLongIsRefusedBeforePrinting() {
        let fixture = Fixture(carnets: 1)
        let error = #expect(throws: PrinterError.self) {
            try fixture.printer(PrintSettings(note: String(repeating: "Un texte bien trop long. ", count: 20)))
        }
        #expect(error?.code == .textTooLong)
    }

    @Test func emptyInputIsAnError() throws {
        let scratch = Scratch()
        var source = TokenList([])
        let error = #expect(throws: PrinterError.self) { try Fixture(carnets: 1).printer().printPDF(&source, to: scratch.file("c.pdf")) }
        #expect(error?.code == .noTokens)
        #expect(scratch.contents.isEmpty)
    }
}
