import CCairo
import CarnetPrinter
import Foundation
import PassVerifier
import Testing

/// Issue 9 §5: a pass says how it may be used, where, whom to ask, and shows the funders' logo.
@Suite struct ProgrammeTests {
    static let json = """
        { "format": "passnum-programme/v1",
          "partners": [ { "name": "PiNG", "address": "38 rue du Dr Zamenhof, Nantes" },
                        { "name": "Médiagraph", "address": "2 place Royale, Nantes" } ],
          "contact": { "phone": "02 40 41 90 00", "web": "nantes.fr/pass-numerique" },
          "logo": "logo.png" }
        """

    @Test func everyPassStatesItsTermsWhereAndWhom() throws {
        let scratch = Scratch()
        let programme = try Programme(json: Data(Self.json.utf8), folder: scratch.path)
        #expect(programme.logo == scratch.file("logo.png"), "a relative logo path is taken from the file's folder")
        let fixture = Fixture(carnets: 1)
        var source = TokenList(fixture.texts)
        let settings = PrintSettings(label: "CCAS Nantes", programme: Programme(partners: programme.partners, phone: programme.phone, web: programme.web))
        _ = try fixture.printer(settings).printPDF(&source, to: scratch.file("c.pdf"))
        let text = try run("/usr/bin/pdftotext", [scratch.file("c.pdf"), "-"]).output
        #expect(text.components(separatedBy: "Valable une seule fois · non remboursable · sans rendu de monnaie.").count - 1 == 5)
        #expect(text.components(separatedBy: "Une photocopie utilisée en premier rend ce pass nul").count - 1 == 5)
        #expect(text.contains("Où l'utiliser : PiNG, 38 rue du Dr Zamenhof, Nantes · Médiagraph"), "\(text)")
        #expect(text.contains("Questions : 02 40 41 90 00 · nantes.fr/pass-numerique"))
        #expect(!text.lowercased().contains("bon d'achat"), "a free service voucher is not a purchase voucher")
    }

    @Test func withoutAProgrammeTheNoteSaysWhatThePassIsFor() throws {
        let scratch = Scratch()
        let fixture = Fixture(carnets: 1)
        var source = TokenList(fixture.texts)
        _ = try fixture.printer().printPDF(&source, to: scratch.file("c.pdf"))
        let text = try run("/usr/bin/pdftotext", [scratch.file("c.pdf"), "-"]).output
        #expect(text.contains("Pass gratuit pour une aide au numérique") && text.contains("Valable une seule fois"))
        #expect(!text.lowercased().contains("bon d'achat"))
    }

    @Test func partnersThatDoNotFitAreRefusedBeforePrinting() {
        let many = (1...12).map { Programme.Partner(name: "Association \($0)", address: "\($0) rue de la République, Nantes") }
        let error = #expect(throws: PrinterError.self) {
            try Fixture(carnets: 1).printer(PrintSettings(programme: Programme(partners: many)))
        }
        #expect(error?.code == .textTooLong)
        #expect(error?.message.contains("web page") == true)
    }

    @Test(arguments: ["{}", #"{"format":"passnum-programme/v2","partners":[]}"#, #"{"format":"passnum-programme/v1","partners":[{"name":" "}]}"#])
    func aBadProgrammeFileIsRefused(_ json: String) {
        #expect(throws: PrinterError.self) { try Programme(json: Data(json.utf8), folder: "/tmp") }
    }

    /// The logo is embedded once, however many passes show it; a file that is not a PNG fails first.
    @Test func theLogoIsEmbeddedOnce() throws {
        let scratch = Scratch()
        let logo = scratch.file("logo.png")
        Self.writeLogo(to: logo)
        let fixture = Fixture(carnets: 2)
        func images(_ settings: PrintSettings, _ name: String) throws -> Int {
            var source = TokenList(fixture.texts)
            _ = try fixture.printer(settings).printPDF(&source, to: scratch.file(name))
            let bytes = try Data(contentsOf: URL(fileURLWithPath: scratch.file(name)))
            return String(decoding: bytes, as: UTF8.self).components(separatedBy: "/Subtype /Image").count - 1
        }
        let without = try images(PrintSettings(), "plain.pdf")
        let with = try images(PrintSettings(programme: Programme(partners: [], logo: logo)), "logo.pdf")
        #expect(with > without && with - without <= 2, "10 passes, one logo image (and its alpha mask)")
        try Data("not a png".utf8).write(to: URL(fileURLWithPath: scratch.file("bad.png")))
        let error = #expect(throws: PrinterError.self) { try fixture.printer(PrintSettings(programme: Programme(partners: [], logo: scratch.file("bad.png")))) }
        #expect(error?.code == .invalidSetting)
    }

    static func writeLogo(to path: String) {
        let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 240, 60)!
        let cairo = cairo_create(surface)!
        cairo_set_source_rgb(cairo, 0.1, 0.3, 0.7)
        cairo_rectangle(cairo, 5, 5, 230, 50)
        cairo_fill(cairo)
        cairo_destroy(cairo)
        cairo_surface_write_to_png(surface, path)
        cairo_surface_destroy(surface)
    }
}
