import Foundation
import Testing

/// Issue 9 §5: `print` puts on the stub the label given at `issue`, and on every pass the
/// programme file's partners and contact.
struct PrintProgrammeTests {
    @Test func printReusesTheLabelRecordedAtIssue() throws {
        let cli = CLI()
        let kid = try cli.makeKey()
        #expect(try cli.issue(kid: kid).status == 0)  // --label "CCAS Test"
        let printed = try cli.run(["print", "--tokens", "tokens.txt", "--out", "c.pdf"])
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(try cli.run(program: "/usr/bin/pdftotext", ["c.pdf", "-"]).stdout.contains("Lieu de distribution : CCAS Test"))
        #expect(try cli.run(["print", "--tokens", "tokens.txt", "--out", "d.pdf", "--label", "Mairie annexe"]).status == 0)
        #expect(try cli.run(program: "/usr/bin/pdftotext", ["d.pdf", "-"]).stdout.contains("Lieu de distribution : Mairie annexe"))
    }

    @Test func theProgrammeFileBesideTheTrustListIsPrintedOnEveryPass() throws {
        let cli = CLI()
        let kid = try cli.makeKey()
        let programme = #"{"format":"passnum-programme/v1","partners":[{"name":"PiNG","address":"38 rue du Dr Zamenhof, Nantes"}],"contact":{"phone":"02 40 41 90 00"}}"#
        try programme.write(toFile: cli.path("Keys/programme.json"), atomically: true, encoding: .utf8)
        let issued = try cli.issue(kid: kid, extra: ["--pdf", "c.pdf"])
        #expect(issued.status == 0, "\(issued.stderr)")
        let text = try cli.run(program: "/usr/bin/pdftotext", ["c.pdf", "-"]).stdout
        #expect(text.components(separatedBy: "PiNG, 38 rue du Dr Zamenhof").count - 1 == 5, "\(text)")
        #expect(text.contains("Questions : 02 40 41 90 00"))

        try "{}".write(toFile: cli.path("bad.json"), atomically: true, encoding: .utf8)
        let refused = try cli.run(["print", "--tokens", "tokens.txt", "--out", "e.pdf", "--programme", "bad.json"])
        #expect(refused.status == 1 && refused.stderr.contains("programme file"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.path("e.pdf")))
    }
}
