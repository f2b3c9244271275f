import Counter
import Foundation
import Testing

/// Issue 9 §2: the counter says what is wrong before the first pass, then that it is ready;
/// it never freezes on a dead service, never makes files up, keeps receipts.
@Suite(.serialized) struct CounterStartTests {
    func office() throws -> (CLI, [String]) {
        var cli = CLI()
        cli.environment["PASSNUM_LANG"] = "fr"
        let kid = try cli.makeKey()
        #expect(try cli.issue(kid: kid).status == 0)
        return (cli, cli.tokens())
    }

    @Test func aRefusedOrDisabledPartnerKeyIsSaidOnceBeforeTheFirstPass() throws {
        let (cli, tokens) = try office()
        let service = try cli.startService()
        defer { service.stop() }
        let key = try cli.addPartner("PiNG")
        #expect(try cli.run(["partners", "disable", "PiNG"]).status == 0)
        try "pnk_not-a-real-key".write(toFile: cli.path("bad.key"), atomically: true, encoding: .utf8)
        for file in [key, "bad.key"] {
            let output = try cli.run(["scan", "--service", service.url, "--partner-key-file", file], stdin: tokens[0] + "\n" + tokens[1] + "\n")
            #expect(output.status == 1)
            #expect(output.stdout.isEmpty, "no pass is judged with a refused key: \(output.stdout)")
            #expect(output.stderr.components(separatedBy: "refuse cette clé partenaire").count == 2, "said once: \(output.stderr)")
            #expect(output.stderr.contains("partners list") && !output.stderr.contains("Bearer"))
        }
    }

    @Test func aReadyLineComesBeforeTheFirstVerdict() throws {
        let (cli, tokens) = try office()
        let service = try cli.startService()
        defer { service.stop() }
        let key = try cli.addPartner("PiNG")
        let output = try cli.run(["scan", "--service", service.url, "--partner-key-file", key], stdin: tokens[0] + "\n")
        #expect(output.stderr.hasPrefix("Prêt\u{A0}: scannez un pass."), "\(output.stderr)")
        #expect(output.stdout.contains("ACCEPTÉ"))
    }

    @Test func withoutATrustListTheOperatorIsToldToPullTheReplica() throws {
        var cli = CLI()
        cli.environment["PASSNUM_LANG"] = "fr"
        try "pnk_whatever".write(toFile: cli.path("k.key"), atomically: true, encoding: .utf8)
        let output = try cli.run(["scan", "--service", "http://127.0.0.1:9", "--partner-key-file", "k.key", "--timeout", "1"], stdin: "")
        #expect(output.status == 1)
        #expect(output.stderr.contains("liste de confiance") && output.stderr.contains("replica pull"), "\(output.stderr)")
    }

    /// Before: 3 s or more of silent retries on the first pass. Now the dead service is said once,
    /// in words, and both passes go to the journal (the retry bound itself is counted in
    /// CounterSetupTests, not timed here).
    @Test func aDeadServiceIsSaidAtStartAndCostsOneTimeout() throws {
        let (cli, tokens) = try office()
        try Replica(path: cli.path("replica.sqlite")).apply([], cursor: nil, at: Date())
        try "pnk_whatever".write(toFile: cli.path("k.key"), atomically: true, encoding: .utf8)
        let output = try cli.run(["scan", "--service", "http://127.0.0.1:9", "--partner-key-file", "k.key", "--timeout", "1"],
                                 stdin: tokens[0] + "\n" + tokens[1] + "\n")
        #expect(output.stderr.components(separatedBy: "service injoignable").count == 2, "said once: \(output.stderr)")
        #expect(output.stderr.contains("service injoignable") && output.stderr.contains("travail hors ligne"), "\(output.stderr)")
        #expect(output.stdout.components(separatedBy: "hors ligne\u{A0}: à synchroniser").count == 3)
    }

    @Test func anOfflineScanWithAMissingReplicaCreatesNoFile() throws {
        let cli = CLI()
        let output = try cli.run(["scan", "--offline", "--replica", "missing.sqlite"], stdin: "")
        #expect(output.status == 1 && output.stderr.contains("replica pull"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.folder).isEmpty)
    }

    /// Issue 14 §1.10: a 0-byte journal synced as "0 passes" with exit 0 (and was made into an
    /// empty journal, and a replica was made beside it); it is an error, and nothing is written.
    @Test func anEmptyJournalFileIsAnErrorAndNothingIsWritten() throws {
        let cli = CLI()
        FileManager.default.createFile(atPath: cli.path("journal.sqlite"), contents: Data())
        try "pnk_any".write(toFile: cli.path("partner.key"), atomically: true, encoding: .utf8)
        for arguments in [["sync", "--service", "http://127.0.0.1:9", "--partner-key-file", "partner.key"], ["journal"]] {
            let output = try cli.run(arguments)
            #expect(output.status == 1 && output.stderr.contains("0 bytes") && output.stderr.contains("passnum scan"), "\(arguments): \(output.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.folder).sorted() == ["journal.sqlite", "partner.key"])
        #expect(try FileManager.default.attributesOfItem(atPath: cli.path("journal.sqlite"))[.size] as? Int == 0)
    }

    @Test func syncWithARefusedKeySaysTheKeyIsRefusedNotToWaitForTheNetwork() throws {
        let (cli, tokens) = try office()
        let service = try cli.startService()
        defer { service.stop() }
        let key = try cli.addPartner("PiNG")
        #expect(try cli.run(["replica", "pull", "--service", service.url, "--partner-key-file", key]).status == 0)
        #expect(try cli.run(["scan", "--offline"], stdin: tokens[0] + "\n").status == 0)
        try "pnk_not-a-real-key".write(toFile: cli.path("bad.key"), atomically: true, encoding: .utf8)
        let output = try cli.run(["sync", "--service", service.url, "--partner-key-file", "bad.key"])
        #expect(output.status == 1)
        #expect(output.stderr.contains("refuse cette clé partenaire") && output.stderr.contains("1 pass reste en attente"), "\(output.stderr)")
        #expect(!output.stderr.contains("réseau fonctionne"))
    }

    @Test func anEmptyJournalHasNothingToSyncAndAMissingOneIsNotMadeUp() throws {
        let (cli, _) = try office()
        let service = try cli.startService()
        defer { service.stop() }
        let key = try cli.addPartner("PiNG")
        let missing = try cli.run(["sync", "--service", service.url, "--partner-key-file", key, "--journal", "none.sqlite"])
        #expect(missing.status == 1 && missing.stderr.contains("aucun journal à none.sqlite"))
        #expect(!FileManager.default.fileExists(atPath: cli.path("none.sqlite")))
        // A journal with nothing in it (a 0-byte file is not one: anEmptyJournalFileIsAnError…).
        _ = try Journal(path: cli.path("empty.sqlite"))
        let empty = try cli.run(["sync", "--service", service.url, "--partner-key-file", key, "--journal", "empty.sqlite"])
        #expect(empty.status == 0)
        #expect(empty.stdout.contains("Rien à synchroniser") && !empty.stdout.contains("0 pass"), "\(empty.stdout)")
    }

    @Test func receiptsAreKeptInTheJournalAndListed() throws {
        let (cli, tokens) = try office()
        let service = try cli.startService()
        defer { service.stop() }
        let key = try cli.addPartner("PiNG")
        #expect(try cli.run(["scan", "--service", service.url, "--partner-key-file", key], stdin: tokens[0] + "\n").status == 0)
        let listed = try cli.run(["journal"])
        #expect(listed.status == 0)
        #expect(listed.stdout.contains("série 1") && listed.stdout.contains("10,00 €") && listed.stdout.contains("reçu pnr2."), "\(listed.stdout)")
        let json = try cli.run(["journal", "--json"]).stdout
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let receipt = try #require(object["receipt"] as? String)
        #expect(try cli.run(["receipt", "verify", receipt]).status == 0, "the kept receipt verifies with the service's key")
    }

    /// `scan` and `verify` give the same reason for the same bad input.
    @Test func scanAndVerifyAgreeOnMalformedInput() throws {
        let (cli, _) = try office()
        try Replica(path: cli.path("replica.sqlite")).apply([], cursor: nil, at: Date())
        let scanned = try cli.run(["scan", "--offline", "--json", "--trust-list", "Keys/trustlist.json"], stdin: "n'importe quoi\n")
        let verified = try cli.run(["verify", "--json", "n'importe quoi"])
        #expect(scanned.stdout.contains("\"reason\":\"malformed\"") && verified.stdout.contains("\"reason\":\"malformed\""), "\(scanned.stdout)\(verified.stdout)")
    }

    /// A scanner types into a terminal: its 200 digits must not be echoed.
    @Test func theScannedDigitsAreNotEchoed() throws {
        let (cli, tokens) = try office()
        try Replica(path: cli.path("replica.sqlite")).apply([], cursor: nil, at: Date())
        let (process, input, output) = try cli.underATerminal("scan --offline --trust-list Keys/trustlist.json")
        var seen = ""
        func read(until text: String) {
            while !seen.contains(text) {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { return }
                seen += String(decoding: chunk, as: UTF8.self)
            }
        }
        read(until: "Prêt")
        input.fileHandleForWriting.write(Data((tokens[0] + "\n").utf8))
        read(until: "ACCEPTÉ")
        try input.fileHandleForWriting.close()
        process.terminate()
        process.waitUntilExit()
        #expect(seen.contains("ACCEPTÉ"), "\(seen)")
        #expect(!seen.contains(String(tokens[0].prefix(40))), "the digits were echoed: \(seen)")
    }
}
