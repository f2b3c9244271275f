import Foundation
import SpentList
import TestStores
import Testing

/// Issue 13 §6 on the simulated year (TestStores/SimulatedYear): `passnum report --pdf` on its
/// spent list, read back by pdftotext, carries the figures SimulatedYearTests counted by hand
/// for the JSON, so the paper cannot drift from the report. The PDF and each page as PNG are
/// left in .build/report-review/ for a reviewer to look at.
@Suite struct SimulatedYearPDFTests {
    /// The package's .build/report-review, beside the browser tests' screenshots.
    static let reviewFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(".build/report-review")

    @Test func theSimulatedYearsReportCarriesTheHandCountedFigures() async throws {
        let run = try CLIRun()
        let store = try SQLiteSpentStore(path: run.folder.appendingPathComponent("spent.sqlite").path)
        try await SimulatedYear.run(on: store)
        let written = try run.passnum([
            "report", "--db", "sqlite:spent.sqlite", "--as-of", "2026-12-31", "--pdf", "rapport.pdf",
            "--programme", "Pass numérique — année simulée",
        ])
        #expect(written.status == 0, "\(written.stderr)")
        let path = run.folder.appendingPathComponent("rapport.pdf").path
        try Self.keepForReview(path)
        let lines = try Self.lines(path)
        // The hand-counted figures of SimulatedYearTests, row by row as the paper writes them.
        for row in [
            // The cover's facts, a line each.
            "Période : du 1er janvier 2026 au 31 décembre 2026", "Chiffres du programme à la fin du 31 décembre 2026 (heure de Paris)",
            // The funders' batches, on the cover: printed, value, last day, handed out, used, unused at expiry.
            "État 2026 1 500 5 € 15 janvier 2027 200 550 pas encore échu",
            "Métropole 2026 1 000 10 € 30 juin 2026 160 421 5 290 €",
            "Département 2026 1 000 10 € 28 février 2027 100 240 pas encore échu",
            // Key figures.
            "Pass imprimés 3 500", "Carnets imprimés 700", "Carnets remis aux personnes 460 66 %", "Carnets dont un pass a servi 351 76 %",
            "Carnets entièrement utilisés 150 33 %", "Pass utilisés 1 211 35 %", "Pass expirés sans usage 529 15 %",
            "Pass annulés (carnets perdus ou volés) 50", "Montant des pass utilisés 9 360 €", "Valeur non utilisée des lots échus 5 290 €",
            "Engagement restant (pass valables non utilisés) 12 350 €",
            // The funnel's chart, the offices.
            "Imprimés 700", "Remis 460", "Un pass utilisé 351", "Tous les pass utilisés 150",
            "Carnets utilisés sans remise enregistrée à un bureau : 1.",
            "CCAS Nord 130 110 85 % 70 420", "CCAS Sud 180 160 89 % 80 610", "Maison France Services 150 80 53 % 0 180",
            // Every stage for each batch, then each office (SimulatedYearTests' funnels).
            "État 2026 300 200 150 50 0", "Métropole 2026 200 160 121 60 529", "Département 2026 200 100 80 40 0",
            "CCAS Nord 130 110 70 165", "CCAS Sud 180 160 80 165", "Maison France Services 150 80 0 0",
            // Months: passes used, value, conflicts; what is owed and outstanding.
            "janv. 2026 120 1 200 € 0", "févr. 2026 301 3 010 € 0", "avr. 2026 80 800 € 0", "mai 2026 160 1 600 € 10",
            "sept. 2026 75 375 € 0", "oct. 2026 75 375 € 0", "nov. 2026 400 2 000 € 0", "Total 1 211 9 360 € 10",
            "janv. 2026 1 200 € 8 800 €", "févr. 2026 3 010 € 5 790 €", "mars 2026 0 € 15 290 €", "juin 2026 0 € 15 100 €",
            "sept. 2026 375 € 14 725 €", "déc. 2026 0 € 12 350 €",
            // Days from hand-over to first use: carnets, quartiles.
            "Ensemble 350 3 j 10 j 14 j", "CCAS Nord 110 1 j 3 j 7 j", "CCAS Sud 160 10 j 14 j 14 j", "Maison France Services 80 7 j 30 j 30 j",
            // Expiring within 30 days, by office: carnets, passes left (5 € each), last day.
            "CCAS Sud 50 100 500 € 15 janvier 2027", "Maison France Services 100 350 1 750 € 15 janvier 2027", "Total 150 450 2 250 €",
        ] {
            // pdftotext -layout drops some no-break spaces ("0€", "3j"): lines are compared without spaces.
            #expect(lines.map(Self.unspaced).contains(Self.unspaced(row)), "missing the line \(row)")
        }
        let cover = try Self.lines(path, page: 1).joined(separator: "\n")
        for figure in ["3 500", "pass imprimés", "460", "carnets remis", "1 211", "pass utilisés", "35 %", "des pass imprimés utilisés",
                       "9 360 €", "dus aux partenaires", "5 290 €", "non utilisés à l'échéance", "Lots des financeurs",
                       "Période : du 1er janvier 2026 au 31 décembre 2026", "Chiffres du programme à la fin du 31 décembre 2026 (heure de Paris)"] {
            #expect(cover.contains(figure), "the cover misses \(figure)")
        }
        // Page 6, money: two charts, each under its name with its axis, what is owed each month written over its columns.
        let money = try Self.lines(path, page: 6)
        let charts = money.prefix { !$0.hasPrefix("Mois ") }.map(Self.unspaced)
        for line in ["Dûauxpartenairespourlemois", "Engagementrestantàlafindumois", "Chaquegraphiqueasapropreéchelle.", "20000€", "4000€"] {
            #expect(charts.contains(line), "page 6's charts miss \(line): \(charts)")
        }
        for value in ["1200€", "3010€", "800€", "1600€", "375€", "2000€"] {
            #expect(charts.contains { $0.contains(value) && !$0.hasPrefix("janv.") }, "owed \(value), over its column")
        }
        let text = lines.joined(separator: "\n")
        #expect(text.firstMatch(of: try Regex("[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{2}/[0-9]{2}/[0-9]{4}")) == nil, "dates are written in words")
        #expect(!text.contains("350 000 251"), "the carnets' numbers are for the offices, not the funders")
    }

    static func unspaced(_ line: String) -> String { line.filter { $0 != " " } }

    /// pdftotext's lines as laid out, the no-break spaces plain and runs of spaces one.
    static func lines(_ path: String, page: Int? = nil) throws -> [String] {
        let pages = page.map { ["-f", String($0), "-l", String($0)] } ?? []
        let text = try SyncEndToEndTests.run("/usr/bin/pdftotext", ["-layout"] + pages + [path, "-"])
        return text.replacingOccurrences(of: "\u{00A0}", with: " ").replacingOccurrences(of: "\u{202F}", with: " ")
            .split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
    }

    /// The PDF as rapport-annee-simulee.pdf and each page as rapport-annee-simulee-N.png (60 dpi).
    static func keepForReview(_ path: String) throws {
        let folder = reviewFolder
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let kept = folder.appendingPathComponent("rapport-annee-simulee.pdf")
        try FileManager.default.copyItem(atPath: path, toPath: kept.path)
        _ = try SyncEndToEndTests.run("/usr/bin/pdftoppm", ["-r", "60", "-png", kept.path, folder.appendingPathComponent("rapport-annee-simulee").path])
    }
}
