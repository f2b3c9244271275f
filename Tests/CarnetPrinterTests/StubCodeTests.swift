import CarnetPrinter
import Foundation
import PassVerifier
import Testing

/// The stub's own code: it names its carnet (SPEC.md §15), and the stub asks nothing about the
/// person who receives the carnet.
@Suite struct StubCodeTests {
    @Test func eachStubCarriesTheCodeOfItsCarnet() throws {
        let fixture = Fixture(carnets: 2, firstSerial: 121)
        let scratch = Scratch()
        var source = TokenList(fixture.texts)
        _ = try fixture.printer().printPDF(&source, to: scratch.file("c.pdf"))
        let pages = try GreyImage.pages(of: scratch.file("c.pdf"), dpi: 150, in: scratch.path)
        for (index, page) in pages.enumerated() {
            let codes = page.qrTexts().compactMap { CarnetCode(text: $0) }
            let first = Serial(121 + UInt64(index) * 5)!
            #expect(codes == [CarnetCode(kid: fixture.key.kid, first: first, count: 5)!], "page \(index + 1)")
        }
    }

    @Test func theStubHasNoLineForThePersonsName() throws {
        let fixture = Fixture(carnets: 1)
        let scratch = Scratch()
        var source = TokenList(fixture.texts)
        _ = try fixture.printer().printPDF(&source, to: scratch.file("c.pdf"))
        let text = try run("/usr/bin/pdftotext", [scratch.file("c.pdf"), "-"]).output
        #expect(text.contains("Remis le"))
        #expect(text.contains("à scanner à la remise"))
        #expect(!text.contains("Nom"))
        #expect(!text.contains("Signature"))
    }
}
