import Conventions
import Foundation
import PassVerifier
import Testing

/// The programme staff's daily operations against a live `passnum serve`: cancelling passes,
/// partners' keys, statements.
@Suite(.serialized) struct StaffCommandTests {
    /// A key, two carnets (serials 1–10), an admin key in admin.key, PiNG's key in PiNG.key, a service.
    func setUp(_ cli: CLI) throws -> (tokens: [String], kid: String, service: CLI.Service) {
        let kid = try cli.makeKey()
        #expect(try cli.issue(kid: kid, carnets: 2).status == 0)
        let admin = try cli.run(["admin-key"])
        try admin.stdout.write(toFile: cli.path("admin.key"), atomically: true, encoding: .utf8)
        _ = try cli.addPartner("PiNG")
        return (cli.tokens(), kid, try cli.startService())
    }

    @Test func aCancelledCarnetIsConfirmedAndCountersLearnItAtTheirNextPull() throws {
        let cli = CLI()
        let (tokens, kid, service) = try setUp(cli)
        defer { service.stop() }
        let partner = ["--service", service.url, "--partner-key-file", "PiNG.key"]
        #expect(try cli.run(["replica", "pull"] + partner).status == 0)
        let cancel = ["cancel", "--carnet", "6", "--reason", "carnet perdu", "--service", service.url, "--admin-key-file", "admin.key"]
        let done = try cli.run(cancel)
        #expect(done.status == 0, "\(done.stderr)")
        let range = "\(Serial(6)!.typedText) to \(Serial(10)!.typedText) of key \(kid) (serials 6–10)"
        #expect(done.stdout.contains("Cancelled carnet 6: passes \(range), reason: carnet perdu"), "\(done.stdout)")
        #expect(done.stdout.contains("next `passnum replica pull`"))
        #expect(try cli.run(cancel).stdout.contains("Already cancelled, nothing changed"))
        // The counter's copy does not know yet; after the pull it refuses the passes offline.
        #expect(try cli.run(["replica", "status"]).stdout.contains("0 revoked"))
        #expect(try cli.run(["replica", "pull"] + partner).status == 0)
        #expect(try cli.run(["replica", "status"]).stdout.contains("5 revoked"))
        let scan = try cli.run(["scan", "--offline", "--json"], stdin: tokens[7] + "\n" + tokens[0] + "\n")
        let lines = scan.stdout.split(separator: "\n")
        #expect(lines.count == 2 && lines[0].contains(#""reason":"revoked""#) && lines[1].contains(#""verdict":"accepted""#), "\(scan.stdout)")
        // A range of serials, and a wrong admin key said in words.
        let serials = try cli.run(["cancel", "--serials", "2-3", "--reason", "volés", "--service", service.url, "--admin-key-file", "PiNG.key"])
        #expect(serials.status == 1 && serials.stderr.contains("passnum: error:"))
        #expect(try cli.run(["cancel", "--reason", "x", "--service", service.url, "--admin-key-file", "admin.key"]).status == 64)
    }

    @Test func aRotatedKeyStopsWorkingAndADisabledPartnerCanBeEnabledAgain() throws {
        let cli = CLI()
        let (_, _, service) = try setUp(cli)
        defer { service.stop() }
        let pull = { (key: String) in try cli.run(["replica", "pull", "--service", service.url, "--partner-key-file", key]).status }
        #expect(try pull("PiNG.key") == 0)
        let rotated = try cli.run(["partners", "rotate-key", "PiNG"])
        #expect(rotated.status == 0 && rotated.stdout.hasPrefix("pnk_") && rotated.stderr.contains("the old one no longer works"))
        try rotated.stdout.write(toFile: cli.path("new.key"), atomically: true, encoding: .utf8)
        usleep(1_200_000)  // the service remembers a partner's key for one second (the service's ShortLivedCache)
        #expect(try pull("PiNG.key") == 1)
        #expect(try pull("new.key") == 0)
        #expect(try cli.run(["partners", "disable", "PiNG"]).status == 0)
        #expect(try cli.run(["partners", "list"]).stdout.contains("PiNG  disabled"))
        usleep(1_200_000)
        #expect(try pull("new.key") == 1)
        let enabled = try cli.run(["partners", "enable", "PiNG"])
        #expect(enabled.status == 0 && enabled.stderr.contains("enabled again"))
        #expect(try cli.run(["partners", "list"]).stdout.contains("PiNG  active"))
        #expect(try pull("new.key") == 0)
        #expect(try cli.run(["partners", "enable", "Nobody"]).status == 1)
    }

    @Test func aPartnerGetsItsOwnStatementWithItsKeyAsPDFAndFrenchCSV() throws {
        var cli = CLI()
        cli.environment["PASSNUM_LANG"] = "fr"
        let (tokens, _, service) = try setUp(cli)
        defer { service.stop() }
        let other = try cli.addPartner("Emmaüs Connect")
        #expect(try cli.run(["scan", "--service", service.url, "--partner-key-file", "PiNG.key"], stdin: tokens[0] + "\n" + tokens[1] + "\n").status == 0)
        #expect(try cli.run(["scan", "--service", service.url, "--partner-key-file", other, "--journal", "o.sqlite"], stdin: tokens[2] + "\n").status == 0)
        let month = Paris.isoMonth(Date())
        let asking = ["statement", "--month", month, "--service", service.url, "--partner-key-file", "PiNG.key"]
        let made = try cli.run(asking + ["--pdf", "releve.pdf"])
        #expect(made.status == 0, "\(made.stderr)")
        let text = try cli.run(program: "/usr/bin/pdftotext", ["releve.pdf", "-"]).stdout
        // Passes are named by their printed number (SPEC.md §11).
        let number = { (index: Int) in (try? Token(text: tokens[index]).payload).map { PassNumber(keyID: $0.keyID, serial: $0.serial).text } ?? "?" }
        for expected in [
            "Relevé des pass encaissés \(month)", "Émetteur : Nantes Métropole", "Partenaire : PiNG",  // poppler reads no-break spaces as spaces
            number(0), number(1), "Total : 2 pass, 20,00 €", "Pour le partenaire", "Page 1 / 1",
        ] {
            #expect(text.contains(expected), "missing \(expected) in \(text)")
        }
        #expect(!text.contains(number(2)) && !text.contains("Emmaüs"), "another partner's pass")
        let csv = try cli.run(asking + ["--csv-fr"])
        let rows = csv.stdout.split(separator: "\r\n")
        #expect(csv.stdout.hasPrefix("\u{FEFF}Partenaire;N° du pass;") && rows.count == 3, "\(csv.stdout)")
        #expect(rows.dropFirst().allSatisfy { $0.hasPrefix("PiNG;") && $0.hasSuffix(";10,00") })
        #expect(try cli.run(asking + ["--pdf", "releve.pdf"]).status == 64)  // no overwrite without --force
        // The programme's staff make the same statement from the spent list.
        let staff = try cli.run(["settlement", "--month", month, "--partner", "Emmaüs Connect", "--pdf", "emmaus.pdf"])
        #expect(staff.status == 0, "\(staff.stderr)")
        let staffText = try cli.run(program: "/usr/bin/pdftotext", ["emmaus.pdf", "-"]).stdout
        #expect(staffText.contains("Partenaire : Emmaüs Connect") && staffText.contains(number(2)) && !staffText.contains("PiNG"))
    }
}

/// Exit statuses and messages for the mistakes people make first.
@Suite struct FirstMistakeTests {
    @Test func passnumAloneShowsTheHelpAndIsAUsageError() throws {
        let output = try CLI().run([])
        #expect(output.status == 64)
        #expect(output.stderr.contains("SUBCOMMANDS") && output.stderr.contains("statement"), "\(output.stderr)")
    }

    @Test func receiptVerifyWithoutTheKeyFileNamesIt() throws {
        let output = try CLI().run(["receipt", "verify", "pnr1.AAAA"])
        #expect(output.status == 1)
        #expect(output.stderr.contains("passnum: error: no receipt key file receipt.pub"), "\(output.stderr)")
        #expect(output.stderr.contains("passnum: hint:") && output.stderr.contains("--key"))
    }

    @Test func aPortInUseIsSaidInWordsWithAHint() throws {
        let cli = CLI()
        _ = try cli.makeKey()
        let service = try cli.startService()
        defer { service.stop() }
        let second = try cli.run(["serve", "--listen", "127.0.0.1:\(service.port)"])
        #expect(second.status == 1)
        #expect(second.stderr.contains("the port \(service.port) on 127.0.0.1 is already in use"), "\(second.stderr)")
        #expect(second.stderr.contains("passnum: hint:") && second.stderr.contains("--listen 127.0.0.1:"))
    }
}
