import Foundation
import Testing

/// Issue 13 §6 with the built binary: `passnum report --pdf` writes the evaluation report for
/// the funders, in French, on A4: a cover with the programme, the period and the funders'
/// batches, then the funnel, use per month and per partner, kinds of help, time to first use,
/// expiry and money, each with its chart and table.
@Suite(.serialized) struct ReportPDFEndToEndTests {
    @Test func theEvaluationReportIsAFrenchA4PDFWithEverySection() throws {
        let office = try CLIRun()
        let (_, tokens, partnerKey, service) = try office.servingTenPasses()
        defer { service.process.terminate() }
        #expect(try office.passnum(["batches", "publish"]).status == 0, "to the spent list itself")
        let url = "http://127.0.0.1:\(service.port)/"
        let counter = try CLIRun.counter(partnerKey: partnerKey, url: url)
        let scanned = try counter.passnum(["scan", "--service", url, "--partner-key-file", "partner.key", "--help-given", "cv"],
                                          stdin: tokens[0] + "\n" + tokens[1] + "\n")
        #expect(scanned.stdout.components(separatedBy: "ACCEPTED").count == 3, "\(scanned.stdout)\(scanned.stderr)")

        let written = try office.passnum(["report", "--pdf", "rapport.pdf", "--programme", "Pass numérique — Ville test"])
        #expect(written.status == 0 && written.stderr.contains("rapport.pdf"), "\(written.stderr)")
        let path = office.folder.appendingPathComponent("rapport.pdf").path
        if let keep = ProcessInfo.processInfo.environment["PASSNUM_KEEP_REPORT"] {
            try? FileManager.default.removeItem(atPath: keep)
            try FileManager.default.copyItem(atPath: path, toPath: keep)
        }
        let info = try SyncEndToEndTests.run("/usr/bin/pdfinfo", [path])
        let pages = try #require(info.firstMatch(of: try Regex("Pages: +([0-9]+)\n")).flatMap { Int($0.output[1].substring ?? "") })
        #expect(pages >= 3 && info.contains("(A4)"), "\(info)")
        let text = try SyncEndToEndTests.run("/usr/bin/pdftotext", [path, "-"])
        for expected in ["Rapport d'évaluation", "Pass numérique — Ville test", "Période : du", "Lots des financeurs", "Chiffres clés",
                         "Parcours des carnets", "Par bureau", "Pass utilisés par mois", "Par partenaire", "PiNG", "Types d'aide", "CV",
                         "Délai entre la remise et le premier usage", "Carnets qui expirent dans les 30 jours",
                         "Remboursements et engagement", "20 €", "Carnets utilisés sans remise enregistrée à un bureau : 1", "Page 1 / \(pages)"] {
            #expect(text.contains(expected), "missing \(expected)")
        }
        #expect(text.components(separatedBy: "Aucune remise enregistrée.").count == 2, "an empty chart and table say it once")
        // Nothing to measure or remind yet: said once, without the words that explain figures.
        for nothing in ["Aucun carnet remis puis utilisé pour l'instant.", "Aucun carnet n'expire dans les 30 jours."] {
            #expect(text.components(separatedBy: nothing).count == 2, "\(nothing) once")
        }
        #expect(!text.contains("quartile") && !text.contains("export tableur"), "\(text)")
        #expect(try office.passnum(["report", "--pdf", "rapport.pdf"]).status == 64, "never replaced without --force")
        #expect(try office.passnum(["report", "--pdf", "autre.pdf", "--json"]).status == 64)
    }

}
