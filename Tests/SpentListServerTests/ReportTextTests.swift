import Foundation
import SpentList
import TestStores
import Testing

/// `passnum report` as a programme officer reads it on a terminal (issue 13 §3-§4): the words
/// of the dashboard and the evaluation report, French first, numbers and dates the French way,
/// a plain sentence per section, and no "0,0 jours" before there is a figure.
@Suite(.serialized) struct ReportTextTests {
    /// The built binary on the simulated year (TestStores/SimulatedYear) at the end of 2026.
    @Test func theSimulatedYearReadsInFrenchWords() async throws {
        var office = try CLIRun()
        office.language = "fr"
        let path = office.folder.appendingPathComponent("year.sqlite").path
        try await SimulatedYear.run(on: try SQLiteSpentStore(path: path))
        let run = try office.passnum(["report", "--db", "sqlite:" + path, "--as-of", "2026-12-31"])
        #expect(run.status == 0, "\(run.stderr)")
        let text = run.stdout, narrow = "\u{202F}", space = "\u{00A0}"
        #expect(text.hasPrefix("Chiffres du programme à la fin du 31 décembre 2026 (heure de Paris).\n"))
        for expected in [
            "Lots des financeurs\n", "Parcours des carnets\n", "Carnets qui expirent dans les 30 jours\n", "Remboursements et engagement\n",
            "Pass imprimés", "3\(narrow)500", "Métropole 2026", "30 juin 2026", "15 janvier 2027", "5\(narrow)290\(space)€", "pas encore échu",
            "Maison France Services", "janv. 2026", "Démarches en ligne", "30\(space)j", "000251",
        ] {
            #expect(text.contains(expected), "missing \(expected)")
        }
        for gone in ["2026-06-30", "30/06/2026", "0,0", "3500", "5290,00", "2026-01 ", "commencés", "encours", "online_forms"] {
            #expect(!text.contains(gone), "\(gone) is still there")
        }
        #expect(!text.contains(" :") && !text.contains(" ;"), "French puts a no-break space before ':' and ';'")

        let english = try office.passnum(["report", "--db", "sqlite:" + path, "--as-of", "2026-12-31", "--lang", "en"]).stdout
        #expect(english.hasPrefix("Programme figures at the end of 31 December 2026 (Paris time).\n"))
        #expect(english.contains("Funders' batches") && english.contains("3,500") && english.contains("2026-06-30") && !english.contains("Lots"))
    }

    /// An empty programme says there is nothing yet, and why, instead of a row of zero days.
    @Test func anEmptyProgrammeSaysThereIsNoFigureYet() async throws {
        var office = try CLIRun()
        office.language = "fr"
        let path = office.folder.appendingPathComponent("empty.sqlite").path
        _ = try SQLiteSpentStore(path: path)
        let run = try office.passnum(["report", "--db", "sqlite:" + path, "--as-of", "2026-11-27"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Chiffres du programme à la fin du 27 novembre 2026 (heure de Paris).\nAucun lot publié\u{00A0}: "), "\(run.stdout)")
        for expected in ["passnum batches publish", "Aucun lot publié.", "Aucun carnet remis puis utilisé pour l'instant.", "Aucun mois pour l'instant."] {
            #expect(run.stdout.contains(expected), "missing \(expected)")
        }
        #expect(!run.stdout.contains("0,0") && !run.stdout.contains("jours (médiane"))
        let english = try office.passnum(["report", "--db", "sqlite:" + path, "--as-of", "2026-11-27", "--lang", "en"]).stdout
        #expect(english.contains("No batch published: ") && english.contains("No carnet handed out then used yet."))
    }
}
