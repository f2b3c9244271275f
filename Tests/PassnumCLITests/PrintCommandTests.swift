import Foundation
import Testing

/// `passnum print` and `passnum issue --pdf`, run as a user would: the built binary, its exit
/// status, its messages and the files it leaves.
@Suite struct PrintCommandTests {
    @Test func issueWithPDFThenPrintPNGsThenRefuseATamperedFile() throws {
        let work = try Workspace()
        let kid = try work.passnum(["keys", "generate", "--issuer", "Nantes Métropole", "--dir", "Keys"])
        #expect(kid.status == 0)
        let key = "Keys/" + kid.output.trimmingCharacters(in: .whitespacesAndNewlines) + ".secret"

        let issued = try work.passnum(["issue", "--key", key, "--carnets", "2", "--value", "10", "--expires", "2027-12-31",
                                       "--label", "CCAS Nantes", "--out", "tokens.txt", "--pdf", "carnets.pdf"])
        #expect(issued.status == 0)
        #expect(work.exists("carnets.pdf") && work.exists("tokens.txt"))
        let text = try work.run("/usr/bin/pdftotext", ["carnets.pdf", "-"]).output
        #expect(text.contains("Carnet n° 000006") && text.contains("CCAS Nantes"))

        let pngs = try work.passnum(["print", "--tokens", "tokens.txt", "--trust-list", "Keys/trustlist.json", "--png", "passes", "--dpi", "150"])
        #expect(pngs.status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.path + "/passes").count == 10)

        var lines = try String(contentsOfFile: work.path + "/tokens.txt", encoding: .utf8).split(separator: "\n").map(String.init)
        lines[3] = String(lines[3].dropLast()) + (lines[3].hasSuffix("7") ? "8" : "7")
        try (lines.joined(separator: "\n") + "\n").write(toFile: work.path + "/bad.txt", atomically: true, encoding: .utf8)
        let refused = try work.passnum(["print", "--tokens", "bad.txt", "--trust-list", "Keys/trustlist.json", "--out", "bad.pdf"])
        #expect(refused.status == 1)
        #expect(refused.error.contains("passnum: error:") && refused.error.contains("line 4"))
        #expect(!work.exists("bad.pdf"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.path).allSatisfy { !$0.hasSuffix(".tmp") })
    }

    @Test func missingFontFailsBeforeAnySerialIsReserved() throws {
        let work = try Workspace()
        let kid = try work.passnum(["keys", "generate", "--issuer", "Test", "--dir", "Keys"]).output.trimmingCharacters(in: .whitespacesAndNewlines)
        let result = try work.passnum(["issue", "--key", "Keys/\(kid).secret", "--carnets", "1", "--value", "10", "--expires", "2027-12-31",
                                       "--pdf", "c.pdf", "--fonts", "/nonexistent"])
        #expect(result.status == 1)
        #expect(result.error.contains("DejaVuSans.ttf"))
        #expect(!work.exists("c.pdf"))
        #expect(!work.exists("issuance.sqlite"))  // the ledger was never opened: no serial spent
        #expect(try work.passnum(["batches"]).output.isEmpty, "the key's own ledger reserved nothing")
    }

    /// A large run split into numbered files of at most N carnets, every pass in exactly one.
    @Test func carnetsPerFileSplitsThePDF() throws {
        let work = try Workspace()
        let kid = try work.passnum(["keys", "generate", "--issuer", "Test", "--dir", "Keys"]).output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try work.passnum(["issue", "--key", "Keys/\(kid).secret", "--carnets", "5", "--value", "10", "--expires", "2027-12-31", "--out", "tokens.txt"]).status == 0)
        let split = try work.passnum(["print", "--tokens", "tokens.txt", "--trust-list", "Keys/trustlist.json", "--out", "carnets.pdf", "--carnets-per-file", "2"])
        #expect(split.status == 0, "\(split.error)")
        #expect(!work.exists("carnets.pdf"))
        var pages: [String] = []
        var serials: [String] = []
        for name in ["carnets-0001.pdf", "carnets-0002.pdf", "carnets-0003.pdf"] {
            #expect(work.exists(name))
            let info = try work.run("/usr/bin/pdfinfo", [name]).output
            pages.append(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }.map { String($0.split(separator: " ").last!) } ?? "?")
            let text = try work.run("/usr/bin/pdftotext", [name, "-"]).output
            serials += text.split(separator: "\n").filter { $0.hasPrefix("N° du pass") }.map(String.init)
        }
        #expect(pages == ["2", "2", "1"])
        #expect(serials.count == 25 && Set(serials).count == 25)
        #expect(!work.exists("carnets-0004.pdf"))
        #expect(try work.passnum(["print", "--tokens", "tokens.txt", "--png", "p", "--carnets-per-file", "2"]).status == 64)
    }

    @Test func printNeedsExactlyOneOutput() throws {
        let work = try Workspace()
        let result = try work.passnum(["print", "--tokens", "t.txt"])
        #expect(result.status == 64)
    }
}

/// The print tests' view of `CLI`: a passphrase always set, and answers as tuples.
struct Workspace {
    private var cli = CLI()

    init() throws {
        cli.environment["PASSNUM_PASSPHRASE"] = "secret123"
    }

    var path: String { cli.folder }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: cli.path(name)) }

    func passnum(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        let result = try cli.run(arguments)
        return (result.status, result.stdout, result.stderr)
    }

    func run(_ program: String, _ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        let result = try cli.run(program: program, arguments)
        return (result.status, result.stdout, result.stderr)
    }
}
