import Conventions
import Counter
import Foundation
#if canImport(FoundationNetworking)
// String(contentsOf:) of an http URL (the counter's client is AsyncHTTPClient, no longer URLSession).
import FoundationNetworking
#endif
import Testing

/// `passnum scan` against a live `passnum serve` on loopback.
@Suite(.serialized) struct OnlineScanTests {
    func setUp() throws -> (CLI, [String], CLI.Service) {
        var cli = CLI()
        cli.environment["PASSNUM_LANG"] = "fr"
        let kid = try cli.makeKey()
        #expect(try cli.issue(kid: kid).status == 0)
        return (cli, cli.tokens(), try cli.startService())
    }

    @Test func aPassIsAcceptedOnceAndRefusedAfterwardsAtAnyCounter() throws {
        let (cli, tokens, service) = try setUp()
        defer { service.stop() }
        let ping = try cli.addPartner("PiNG")
        let other = try cli.addPartner("Emmaüs Connect")
        let first = try cli.run(["scan", "--service", service.url, "--partner-key-file", ping], stdin: tokens[0] + "\n" + tokens[0] + "\n")
        #expect(first.status == 0, "\(first.stderr)")
        let lines = first.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].contains("ACCEPTÉ") && lines[0].contains("série 1") && !lines[0].contains("hors ligne"))
        #expect(lines[1].contains("REFUSÉ") && lines[1].contains("déjà utilisé le") && lines[1].contains("à ce guichet"))
        let elsewhere = try cli.run(["scan", "--service", service.url, "--partner-key-file", other, "--journal", "other.sqlite"], stdin: tokens[0] + "\n")
        #expect(elsewhere.stdout.contains("REFUSÉ") && elsewhere.stdout.contains("déjà utilisé le"))
        #expect(!elsewhere.stdout.contains("à ce guichet"))
        let settlement = try cli.run(["settlement", "--month", Paris.isoMonth(Date()), "--json"])
        #expect(settlement.stdout.contains("PiNG") && !settlement.stdout.contains("Emmaüs"), "\(settlement.stdout)")
    }

    @Test func aForgedPassIsRefusedWithoutAskingTheService() throws {
        let (cli, tokens, service) = try setUp()
        defer { service.stop() }
        let key = try cli.addPartner("PiNG")
        var forged = Array(tokens[1])
        forged[150] = forged[150] == "1" ? "2" : "1"
        let output = try cli.run(["scan", "--json", "--service", service.url, "--partner-key-file", key], stdin: String(forged) + "\n")
        #expect(output.stdout.contains("\"reason\":\"bad_signature\""))
        #expect(output.stdout.contains("\"offline\":false"), "refused by the counter itself, but online")
        let metrics = try String(contentsOf: URL(string: service.url + "/metrics")!, encoding: .utf8)
        #expect(!metrics.contains("outcome=\"rejected\"} 1"), "the service never saw it")
    }

    @Test func aWrongPartnerKeyIsAClearRefusalNotAnAcceptance() throws {
        let (cli, tokens, service) = try setUp()
        defer { service.stop() }
        try "pnk_not-a-real-key".write(toFile: cli.path("bad.key"), atomically: true, encoding: .utf8)
        let output = try cli.run(["scan", "--json", "--service", service.url, "--partner-key-file", "bad.key"], stdin: tokens[2] + "\n")
        // Issue 9 §2: said once at start, and the session does not start, instead of a
        // "refused: unavailable" verdict on every pass.
        #expect(output.status == 1 && output.stderr.contains("refuse cette clé partenaire"), "\(output.stderr)")
        #expect(!output.stdout.contains("accepted"))
    }

    /// The service is down: the scan falls back to the replica and journal, flagged offline.
    @Test func anUnreachableServiceFallsBackToOffline() throws {
        var cli = CLI()
        cli.environment["PASSNUM_LANG"] = "fr"
        let kid = try cli.makeKey()
        #expect(try cli.issue(kid: kid).status == 0)
        let replica = try Replica(path: cli.path("replica.sqlite"))
        try replica.apply([], cursor: nil, at: Date())
        try "pnk_whatever".write(toFile: cli.path("k.key"), atomically: true, encoding: .utf8)
        let dead = "http://127.0.0.1:9"  // discard port: nothing listens
        let output = try cli.run(["scan", "--service", dead, "--partner-key-file", "k.key", "--timeout", "1"], stdin: cli.tokens()[0] + "\n")
        #expect(output.stdout.contains("ACCEPTÉ") && output.stdout.contains("hors ligne\u{A0}: à synchroniser"), "\(output.stdout)\(output.stderr)")
        #expect(try Journal(path: cli.path("journal.sqlite")).pending().count == 1)
    }
}

/// The service recorded a redemption but its 201 never reached the counter: the retry hears
/// 409 "redeemed by you" and the counter shows ACCEPTÉ once, with the pass recorded once.
@Suite(.serialized) struct LostAnswerTests {
    @Test func aRetryAfterALost201IsAcceptedOnceAndALaterScanIsRefused() throws {
        try scanTwice(losingAnswers: [1]) { cli, first, again, droppedCount in
            #expect(droppedCount == 1, "the first answer was swallowed")
            #expect(first.stdout.contains("\"verdict\":\"accepted\""), "\(first.stdout)\(first.stderr)")
            #expect(first.stdout.contains("\"offline\":false"))
            #expect(again.stdout.contains("\"reason\":\"already_spent\""), "a later scan is a new request: refused")
            let settlement = try cli.run(["settlement", "--month", Paris.isoMonth(Date())])
            #expect(settlement.stdout.contains("1 pass"), "\(settlement.stdout)")
        }
    }

    /// The later scan's own first answer is lost too: its retry also hears "redeemed by you",
    /// which answers the first scan, so the counter's journal refuses this one.
    @Test func aLaterScanWhoseAnswerIsAlsoLostIsStillRefused() throws {
        try scanTwice(losingAnswers: [1, 3]) { _, first, again, droppedCount in
            #expect(first.stdout.contains("\"verdict\":\"accepted\""), "\(first.stdout)\(first.stderr)")
            #expect(droppedCount == 2, "both scans lost their first answer")
            #expect(again.stdout.contains("\"reason\":\"already_spent\""), "\(again.stdout)\(again.stderr)")
        }
    }

    /// One pass scanned twice by one counter (`scan --json`) through a proxy that loses the
    /// answers to the given redemption requests (1 is the first).
    private func scanTwice(losingAnswers: Set<Int>, _ check: (CLI, CLI.Output, CLI.Output, Int) throws -> Void) throws {
        var cli = CLI()
        cli.environment["PASSNUM_LANG"] = "fr"
        let kid = try cli.makeKey()
        #expect(try cli.issue(kid: kid).status == 0)
        let service = try cli.startService()
        defer { service.stop() }
        let proxy = try DroppingProxy(upstreamPort: service.port, dropFirst: "POST /v1/redemptions", only: losingAnswers)
        defer { proxy.stop() }
        let key = try cli.addPartner("PiNG")
        let scan = ["scan", "--json", "--service", "http://127.0.0.1:\(proxy.port)", "--partner-key-file", key]
        let first = try cli.run(scan, stdin: cli.tokens()[0] + "\n")
        let again = try cli.run(scan, stdin: cli.tokens()[0] + "\n")
        try check(cli, first, again, proxy.droppedCount)
    }
}
