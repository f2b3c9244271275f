import Counter
import Foundation
import PassIssuer
import PassVerifier
import Testing

struct ScanCommandTests {
    /// A counter folder with a key, five passes and a fresh replica holding the trust list.
    func counter(pulledAt: Date = Date()) throws -> (CLI, [String]) {
        var cli = CLI()
        cli.environment["PASSNUM_LANG"] = "fr"
        let kid = try cli.makeKey()
        #expect(try cli.issue(kid: kid).status == 0)
        let replica = try Replica(path: cli.path("replica.sqlite"))
        try replica.apply([], cursor: nil, at: pulledAt)
        try replica.storeTrustList(Data(contentsOf: URL(fileURLWithPath: cli.path("Keys/trustlist.json"))))
        return (cli, cli.tokens())
    }

    @Test func offlineSessionAcceptsOnceAndRefusesInPlainFrench() throws {
        let (cli, tokens) = try counter()
        let azerty = String(tokens[1].map { "à&é\"'(-è_ç".map(String.init)[Int(String($0))!] }.joined())
        var forged = Array(tokens[2])
        forged[100] = forged[100] == "1" ? "2" : "1"
        let input = [tokens[0], azerty + "\r", "n'importe quoi", "", tokens[0], String(forged)].joined(separator: "\n") + "\n"
        let output = try cli.run(["scan", "--offline"], stdin: input)
        #expect(output.status == 0, "\(output.stderr)")
        let lines = output.stdout.split(separator: "\n")
        #expect(lines.count == 5, "the blank line is ignored")
        #expect(lines[0].contains("ACCEPTÉ") && lines[0].contains("10,00 €") && lines[0].contains("série 1"))
        #expect(lines[1].contains("ACCEPTÉ") && lines[1].contains("série 2"), "AZERTY input is mapped back")
        #expect(lines[2].contains("REFUSÉ") && lines[2].contains("ce n'est pas un pass"))
        #expect(lines[3].contains("REFUSÉ") && lines[3].contains("déjà utilisé le") && lines[3].contains("à ce guichet"))
        #expect(lines[4].contains("REFUSÉ") && lines[4].contains("signature invalide — pass falsifié\u{202F}?"))
        #expect(lines[2].hasPrefix("\u{7}"), "a refusal rings the bell")
        #expect(output.stderr.contains("Bilan\u{A0}: 2 acceptés (20,00 €), 3 refusés, 2 hors ligne"))
        let journal = try Journal(path: cli.path("journal.sqlite"))
        #expect(try journal.pending().map(\.serial.value) == [1, 2])
    }

    /// A serial typed as printed is looked up, never redeemed; a typo is caught by its check digit.
    @Test func typedSerialsAreLookedUpOnly() throws {
        let (cli, tokens) = try counter()
        let input = [tokens[0], "000 001-3", "000 002-1", "000 001-4"].joined(separator: "\n") + "\n"
        let output = try cli.run(["scan", "--offline"], stdin: input)
        let lines = output.stdout.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[1].contains("SÉRIE") && lines[1].contains("000 001-3\u{A0}: déjà utilisé le"))
        #expect(lines[2].contains("000 002-1\u{A0}: pas encore utilisé") && lines[2].contains("consultation seule"))
        #expect(lines[3].contains("chiffre est mal tapé"))
        #expect(output.stderr.contains("Bilan\u{A0}: 1 accepté (10,00 €), 0 refusé,"), "a look-up accepts nothing")
        #expect(try Journal(path: cli.path("journal.sqlite")).all().count == 1)
    }

    /// The printed passes themselves: every PNG of `print --png`, and a 150 dpi rendering of a
    /// PDF page holding five codes.
    @Test func imagesOfPrintedPassesAreScanned() throws {
        let (cli, tokens) = try counter()
        #expect(try cli.run(["print", "--tokens", "tokens.txt", "--png", "passes", "--dpi", "150"]).status == 0)
        let pngs = try FileManager.default.contentsOfDirectory(atPath: cli.path("passes")).sorted().map { "passes/" + $0 }
        #expect(pngs.count == 5)
        let fromPNGs = try cli.run(["scan", "--offline", "--json", "--image"] + pngs)
        #expect(fromPNGs.stdout.components(separatedBy: "\"verdict\":\"accepted\"").count - 1 == 5, "\(fromPNGs.stdout)\(fromPNGs.stderr)")

        #expect(try cli.run(["print", "--tokens", "tokens.txt", "--out", "carnet.pdf"]).status == 0)
        let render = try Process.run(URL(fileURLWithPath: "/usr/bin/pdftoppm"), arguments: ["-r", "150", "-png", cli.path("carnet.pdf"), cli.path("page")])
        render.waitUntilExit()
        let page = try #require(try FileManager.default.contentsOfDirectory(atPath: cli.folder).first { $0.hasPrefix("page") && $0.hasSuffix(".png") })
        let fromPage = try cli.run(["scan", "--offline", "--json", "--image", page])
        let lines = fromPage.stdout.split(separator: "\n")
        #expect(lines.count == 5)
        #expect(lines.allSatisfy { $0.contains("\"reason\":\"already_spent\"") }, "the same passes, already taken from the PNGs")
        #expect(Set(tokens).count == 5)
    }

    @Test func langEnglishOverridesTheEnvironment() throws {
        let (cli, tokens) = try counter()  // PASSNUM_LANG=fr
        let output = try cli.run(["scan", "--offline", "--lang", "en"], stdin: tokens[0] + "\n" + tokens[0] + "\n")
        #expect(output.stdout.contains("ACCEPTED") && output.stdout.contains("already used on"))
        #expect(output.stderr.contains("Session: 1 accepted"))
        #expect(try cli.run(["scan", "--offline", "--lang", "de"], stdin: "").status == 64)
    }

    @Test func jsonGivesOneObjectPerScan() throws {
        let (cli, tokens) = try counter()
        let output = try cli.run(["scan", "--offline", "--json"], stdin: tokens[0] + "\n" + tokens[0] + "\n")
        let objects = output.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(objects.count == 2)
        #expect(objects[0]["verdict"] as? String == "accepted")
        #expect(objects[0]["serial"] as? Int == 1)
        #expect(objects[0]["offline"] as? Bool == true)
        #expect(objects[1]["verdict"] as? String == "refused")
        #expect(objects[1]["reason"] as? String == "already_spent")
    }

    @Test func aPassSpentInTheReplicaOrExpiredIsRefused() throws {
        let (cli, tokens) = try counter()
        let pass = try Token(text: tokens[3]).payload
        try Replica(path: cli.path("replica.sqlite")).apply([.init(mark: .spent, kid: pass.keyID, serial: pass.serial)], cursor: "1", at: Date())
        let spent = try cli.run(["scan", "--offline", "--json"], stdin: tokens[3] + "\n")
        #expect(spent.stdout.contains("\"reason\":\"already_spent\""))
        // A genuine pass of the same key that expired yesterday.
        let keyFile = try #require(try FileManager.default.contentsOfDirectory(atPath: cli.path("Keys")).first { $0.hasSuffix(".secret") })
        let key = try KeyFile.open(AtomicFile.read(cli.path("Keys/" + keyFile))) { () throws(IssuerError) in throw IssuerError(.noPassphrase, "clear key") }
        let yesterday = UInt32(Date().timeIntervalSince1970) - 86_400
        let old = key.sign(Payload(keyID: key.kid, serial: Serial(99)!, value: Cents(1000)!, expiry: yesterday)).text
        let expired = try cli.run(["scan", "--offline"], stdin: old + "\n")
        #expect(expired.stdout.contains("REFUSÉ") && expired.stdout.contains("expiré depuis le"), "\(expired.stdout)")
    }

    @Test func aStaleReplicaWarnsAndAVeryOldOneNeedsConfirmation() throws {
        let (cli, tokens) = try counter(pulledAt: Date().addingTimeInterval(-30 * 3600))
        let warned = try cli.run(["scan", "--offline"], stdin: tokens[0] + "\n")
        #expect(warned.status == 0)
        #expect(warned.stderr.contains("attention") && warned.stderr.contains("vieille de 30 heures"))
        let (old, oldTokens) = try counter(pulledAt: Date().addingTimeInterval(-100 * 3600))
        let refused = try old.run(["scan", "--offline"], stdin: oldTokens[0] + "\n")
        #expect(refused.status == 1, "no terminal to confirm on: the session does not start")
        #expect(refused.stdout.isEmpty)
        let forced = try old.run(["scan", "--offline", "--accept-stale-replica"], stdin: oldTokens[0] + "\n")
        #expect(forced.stdout.contains("ACCEPTÉ"))
    }

    @Test func anEmptyReplicaIsAClearError() throws {
        let cli = CLI()
        let output = try cli.run(["scan", "--offline"], stdin: "")
        #expect(output.status == 1)
        #expect(output.stderr.contains("replica pull"))
    }

    /// Under a pseudo-terminal the verdicts are coloured banners.
    @Test func coloursOnATerminal() throws {
        let (cli, tokens) = try counter()
        try (tokens[0] + "\n" + tokens[0] + "\n").write(toFile: cli.path("scans.txt"), atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", "\(CLI.binary) scan --offline < scans.txt", "/dev/null"]
        process.currentDirectoryURL = URL(fileURLWithPath: cli.folder)
        process.environment = cli.environment
        let out = Pipe()
        process.standardOutput = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(text.contains("\u{1B}[1;97;42m  ACCEPTÉ  \u{1B}[0m"), "\(text)")
        #expect(text.contains("\u{1B}[1;97;41m  REFUSÉ  \u{1B}[0m"))
    }

    /// An offline acceptance is on disk before ACCEPTÉ is shown: SIGKILL right after loses nothing.
    @Test func theJournalSurvivesSIGKILL() throws {
        let (cli, tokens) = try counter()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = ["scan", "--offline", "--json"]
        process.currentDirectoryURL = URL(fileURLWithPath: cli.folder)
        process.environment = cli.environment
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data((tokens[4] + "\n").utf8))
        var seen = Data()
        while !seen.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += chunk
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(String(decoding: seen, as: UTF8.self).contains("\"verdict\":\"accepted\""))
        let journal = try Journal(path: cli.path("journal.sqlite"))
        #expect(try journal.pending().map(\.serial.value) == [5])
    }
}
