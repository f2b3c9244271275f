import Foundation
import PassVerifier
import Testing

/// Issue 13 §1 with the built binary: an office scans stubs (`passnum handout`), the programme
/// requires hand-over, and a counter — online, and offline from its replica — refuses the
/// passes of a carnet that was never handed out (a stolen box), and takes the others.
@Suite(.serialized) struct HandoutEndToEndTests {
    @Test func aStolenCarnetNotHandedOutIsRefusedOnlineAndOffline() throws {
        let office = try CLIRun()
        let (kid, tokens, partnerKey, service) = try office.servingTenPasses()
        defer { service.process.terminate() }
        let url = service.url
        let officeKey = try office.passnum(["offices", "add", "--name", "CCAS Nord"])
        #expect(officeKey.status == 0 && officeKey.stdout.hasPrefix("pno_"), "\(officeKey.stderr)")
        try officeKey.stdout.write(to: office.folder.appendingPathComponent("office.key"), atomically: true, encoding: .utf8)
        #expect(try office.passnum(["programme", "set", "require-handout", "on"]).status == 0)

        // The stub of the carnet of serials 1–5 is scanned twice; 6–10 stays in the stolen box.
        let stub = CarnetCode(kid: KeyID(text: kid)!, first: Serial(1)!, count: 5)!.text
        let handout = try office.passnum(["handout", "--service", url, "--office-key-file", "office.key"], stdin: stub + "\n" + stub + "\n" + "1234\n")
        #expect(handout.status == 1, "an unreadable line is a refusal: \(handout.stdout)")
        let lines = handout.stdout.split(separator: "\n")
        #expect(lines.count == 3 && lines[0].hasPrefix("HANDED OUT") && lines[1].hasPrefix("ALREADY HANDED OUT") && lines[1].contains("CCAS Nord"), "\(handout.stdout)")
        #expect(lines[2].hasPrefix("UNREADABLE"))

        let counter = try CLIRun.counter(partnerKey: partnerKey, url: url)
        let offline = try counter.passnum(["scan", "--offline", "--json"], stdin: tokens[0] + "\n" + tokens[6] + "\n")
        let verdicts = offline.stdout.split(separator: "\n")
        #expect(verdicts.count == 2 && verdicts[0].contains(#""verdict":"accepted""#), "\(offline.stdout)\(offline.stderr)")
        #expect(verdicts.last?.contains(#""reason":"not_distributed""#) == true, "\(offline.stdout)")
        let online = try counter.passnum(["scan", "--service", url, "--partner-key-file", "partner.key", "--help-given", "cv"], stdin: tokens[7] + "\n" + tokens[1] + "\n")
        #expect(!online.stderr.contains("was not recorded"), "the kind of help of the accepted pass: \(online.stderr)")
        #expect(online.stdout.contains("not yet distributed"), "\(online.stdout)\(online.stderr)")
        #expect(online.stdout.contains("ACCEPTED"), "\(online.stdout)")
    }
}
