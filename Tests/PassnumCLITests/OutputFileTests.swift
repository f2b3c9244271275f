import Foundation
import Testing

/// Outputs are regular files only, written atomically, and those holding passes are private.
/// `--force` used to rename a temporary file over whatever held the name, which turned
/// /dev/full, a FIFO or a symbolic link into a regular file.
struct OutputFileTests {
    private func mode(_ path: String) throws -> Int {
        try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int ?? -1
    }

    @Test func tokensPDFsAndPNGsOfPassesAre0600() throws {
        let cli = CLI()
        let kid = try cli.makeKey()
        #expect(try cli.issue(kid: kid, extra: ["--pdf", "carnets.pdf"]).status == 0)
        #expect(try mode(cli.path("tokens.txt")) == 0o600)
        #expect(try mode(cli.path("carnets.pdf")) == 0o600)
        let png = try cli.run(["print", "--tokens", "tokens.txt", "--trust-list", "Keys/trustlist.json", "--png", "passes", "--dpi", "150"])
        #expect(png.status == 0, "\(png.stderr)")
        #expect(try mode(cli.path("passes")) == 0o700)
        for name in try FileManager.default.contentsOfDirectory(atPath: cli.path("passes")) {
            #expect(try mode(cli.path("passes/" + name)) == 0o600)
        }
        #expect(try mode(cli.path("Keys/trustlist.json")) == 0o644, "the trust list is public")
    }

    @Test func aDeviceIsNeverReplacedEvenWithForceAndNoSerialIsSpent() throws {
        let cli = CLI()
        let kid = try cli.makeKey()
        let output = try cli.issue(kid: kid, out: "/dev/full", extra: ["--force"])
        #expect(output.status == 1)
        #expect(output.stderr.contains("/dev/full is not a regular file"), "\(output.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.path("issuance.sqlite")), "refused before any serial was reserved")
        var status = stat()
        #expect(stat("/dev/full", &status) == 0 && status.st_mode & S_IFMT == S_IFCHR)
    }

    @Test func aFIFOAndASymbolicLinkAreRefusedAndLeftAsTheyWere() throws {
        let cli = CLI()
        let kid = try cli.makeKey()
        #expect(try cli.issue(kid: kid).status == 0)
        #expect(mkfifo(cli.path("pipe"), 0o600) == 0)
        try "keep me\n".write(toFile: cli.path("elsewhere.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: cli.path("link.pdf"), withDestinationPath: "elsewhere.txt")
        for name in ["pipe", "link.pdf"] {
            let printed = try cli.run(["print", "--tokens", "tokens.txt", "--trust-list", "Keys/trustlist.json", "--out", name, "--force"])
            #expect(printed.status == 1)
            #expect(printed.stderr.contains("\(name) is not a regular file"), "\(printed.stderr)")
        }
        var status = stat()
        #expect(lstat(cli.path("pipe"), &status) == 0 && status.st_mode & S_IFMT == S_IFIFO)
        #expect(lstat(cli.path("link.pdf"), &status) == 0 && status.st_mode & S_IFMT == S_IFLNK)
        #expect(cli.read("elsewhere.txt") == "keep me\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.folder).allSatisfy { !$0.hasSuffix(".tmp") })
    }

    @Test func theSettlementPDFIsRefusedOnAFIFOAndWrittenPrivateOtherwise() throws {
        var cli = CLI()
        #expect(try cli.run(["partners", "add", "--name", "PiNG"]).status == 0)
        #expect(mkfifo(cli.path("pipe.pdf"), 0o600) == 0)
        cli.environment["PASSNUM_LANG"] = "fr"
        let refused = try cli.run(["settlement", "--month", "2026-11", "--pdf", "pipe.pdf", "--force"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("pipe.pdf n'est pas un fichier ordinaire"), "\(refused.stderr)")
        let written = try cli.run(["settlement", "--month", "2026-11", "--pdf", "month.pdf"])
        #expect(written.status == 0, "\(written.stderr)")
        #expect(try mode(cli.path("month.pdf")) == 0o600)
        #expect(try cli.run(program: "/usr/bin/pdftotext", ["month.pdf", "-"]).stdout.contains("Remboursements 2026-11"))
    }
}
