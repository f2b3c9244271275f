import Conventions
import Foundation
import SpentListAPI
import Testing

/// Issue 13 §3-§4 with the built binary: the ledger's batch published to the service (twice,
/// the second time changing nothing), a pass used, and `passnum report` giving the same
/// figures from the service and from the spent list itself, as JSON, French CSV and text.
@Suite(.serialized) struct ReportEndToEndTests {
    @Test func batchesArePublishedAndTheReportReadsTheSameFromTheServiceAndTheList() throws {
        let office = try CLIRun()
        try CLIRun.adminKey.write(to: office.folder.appendingPathComponent("admin.key"), atomically: true, encoding: .utf8)
        let (_, tokens, partnerKey, service) = try office.servingTenPasses()
        defer { service.process.terminate() }
        let url = "http://127.0.0.1:\(service.port)/"
        let admin = ["--service", url, "--admin-key-file", "admin.key"]

        let published = try office.passnum(["batches", "publish"] + admin)
        #expect(published.status == 0 && published.stderr.contains("1 new batch published, 0 already known."), "\(published.stderr)")
        let again = try office.passnum(["batches", "publish"] + admin)
        #expect(again.status == 0 && again.stderr.contains("0 new batches published, 1 already known."), "\(again.stderr)")
        #expect(try office.passnum(["batches"]).stdout.contains("#1"), "passnum batches still lists the ledger")
        var french = office
        french.language = "fr"
        let frenchAgain = try french.passnum(["batches", "publish"] + admin)
        #expect(frenchAgain.stderr.contains("0 nouveau lot publié, 1 déjà connu."), "\(frenchAgain.stderr)")

        let counter = try CLIRun.counter(partnerKey: partnerKey, url: url)
        let scanned = try counter.passnum(["scan", "--service", url, "--partner-key-file", "partner.key"], stdin: tokens[0] + "\n")
        #expect(scanned.stdout.contains("ACCEPTED"), "\(scanned.stdout)\(scanned.stderr)")

        let today = Paris.isoDay(Date())
        let fromService = try office.passnum(["report", "--json", "--as-of", today] + admin)
        let fromList = try office.passnum(["report", "--json", "--as-of", today])
        #expect(fromService.status == 0 && fromList.status == 0, "\(fromService.stderr)\(fromList.stderr)")
        #expect(fromService.stdout == fromList.stdout)
        let report = try API.decodeAnswer(API.Report.self, from: Data(fromService.stdout.utf8))
        #expect(report.total.passesPrinted == 10 && report.total.carnetsPrinted == 1 && report.total.passesUsed == 1)
        #expect(report.total.carnetsFirstUsed == 1 && report.total.carnetsUsedNotHandedOut == 1)
        #expect(report.months.last?.partners == [API.Figure(name: "PiNG", count: 1, valueCents: 1000)])
        #expect(report.months.last?.liabilityCents == 9000)

        let csv = try office.passnum(["report", "--csv"])
        #expect(csv.stdout.contains("Rubrique;Objet;Mois;Indicateur;Valeur\r\n"), "the byte order mark is read away here")
        #expect(csv.stdout.contains("Total;;;Pass imprimés;10\r\n") && csv.stdout.contains(";Dû au partenaire (€);10,00\r\n"), "\(csv.stdout)")
        let text = try office.passnum(["report"])
        for figure in [#"Passes printed +10\n"#, #"Carnets printed +1\n"#, #"Carnets handed out +0 +0%\n"#, #"Carnets with a pass used +1 +—\n"#,
                       #"Carnets all used +0 +—\n"#, #"PiNG +1 +10 €\n"#] {
            #expect(text.stdout.contains(try Regex(figure)), "\(figure) in \(text.stdout)")
        }

        #expect(try office.passnum(["report", "--service", url]).status == 64, "--service needs the admin key file")
        #expect(try office.passnum(["report", "--as-of", "31/12/2026"]).status == 64)
    }
}
