import Conventions
import Foundation
import PassVerifier
import Testing

/// Issue 5, "Sync": a live `passnum serve`, two partners, two counters offline redeeming the
/// same pass, both syncing: exactly one accepted and one conflict, on both sides, visible in
/// settlement and `passnum conflicts`; syncing again changes nothing.
@Suite(.serialized) struct SyncEndToEndTests {
    @Test func twoCountersOfflineRedeemTheSamePassAndSyncGivesOneAcceptedOneConflict() throws {
        let office = try CLIRun()
        let (kid, tokens) = try office.issue(count: 10)
        let service = try office.startService()
        defer {
            service.process.terminate()
            service.process.waitUntilExit()
        }
        let url = service.url
        // Two counters in folders of their own: no Keys/ there, only what `replica pull` brings.
        var counters: [CLIRun] = []
        for name in ["PiNG", "Secours populaire"] {
            let key = try office.passnum(["partners", "add", "--name", name]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let counter = try CLIRun()
            try key.write(to: counter.folder.appendingPathComponent("partner.key"), atomically: true, encoding: .utf8)
            let pulled = try counter.passnum(["replica", "pull", "--service", url, "--partner-key-file", "partner.key"])
            #expect(pulled.status == 0, "\(pulled.stderr)")
            #expect(pulled.stderr.contains("Replica up to date: 0 new entries"))
            counters.append(counter)
        }
        let stranger = try CLIRun()
        try "pnk_not-a-partner".write(to: stranger.folder.appendingPathComponent("partner.key"), atomically: true, encoding: .utf8)
        let refused = try stranger.passnum(["replica", "pull", "--service", url, "--partner-key-file", "partner.key"])
        #expect(refused.status == 1 && refused.stderr.contains("a valid API key is needed"), "\(refused.stderr)")
        // The same pass at both counters, offline; counter 1 also takes a pass of its own.
        let first = try counters[0].passnum(["scan", "--offline", "--json"], stdin: tokens[4] + "\n" + tokens[5] + "\n")
        #expect(first.status == 0 && first.stdout.components(separatedBy: #""verdict":"accepted""#).count == 3, "\(first.stdout)\(first.stderr)")
        let second = try counters[1].passnum(["scan", "--offline", "--json"], stdin: tokens[4] + "\n")
        #expect(second.status == 0 && second.stdout.contains(#""verdict":"accepted""#), "the second counter cannot know yet: \(second.stderr)")
        // A copy of counter 1's journal before it syncs: sent again later, as after a lost answer.
        try FileManager.default.copyItem(
            at: counters[0].folder.appendingPathComponent("journal.sqlite"), to: counters[0].folder.appendingPathComponent("copy.sqlite"))

        let sync = ["sync", "--service", url, "--partner-key-file", "partner.key"]
        let synced1 = try counters[0].passnum(sync)
        #expect(synced1.status == 0, "\(synced1.stderr)")
        #expect(synced1.stdout.contains("Sync: 2 passes sent: 2 accepted, 0 conflicts."), "\(synced1.stdout)")
        let synced2 = try counters[1].passnum(sync)
        #expect(synced2.status == 0, "\(synced2.stderr)")
        #expect(synced2.stdout.contains("Sync: 1 pass sent: 0 accepted, 1 conflict."), "\(synced2.stdout)")
        #expect(synced2.stdout.contains("CONFLICT serial 5") && synced2.stdout.contains("another partner redeemed this pass first"))
        #expect(synced2.stdout.contains("the first redemption to reach the service counts, not the first scan"), "the rule, stated")
        #expect(synced2.stdout.contains("Replica up to date: 2 new entries."), "the feed now holds counter 1's passes")

        let month = Paris.isoMonth(Date())
        let conflicts = try office.passnum(["conflicts", "--month", month, "--json"])
        #expect(conflicts.status == 0)
        let list = try #require((try JSONSerialization.jsonObject(with: Data(conflicts.stdout.utf8)) as? [String: Any])?["conflicts"] as? [[String: Any]])
        #expect(list.count == 1)
        #expect(list.first?["partner"] as? String == "Secours populaire" && list.first?["firstPartner"] as? String == "PiNG")
        #expect(list.first?["serial"] as? Int == 5 && list.first?["kid"] as? String == kid)
        #expect(list.first?["scannedAt"] is String && list.first?["firstRedeemedAt"] is String)
        let csv = try office.passnum(["conflicts", "--month", month, "--csv", "--partner", "PiNG"])
        let rows = csv.stdout.split(separator: "\r\n")
        #expect(rows.count == 2 && rows[1].hasPrefix("\(kid),5,1000,already_spent,\"Secours populaire\","), "\(csv.stdout)")
        #expect(rows.last?.contains(",\"PiNG\",") == true)
        let text = try office.passnum(["settlement", "--month", month])
        #expect(text.stdout.contains("PiNG: 2 passes, 20.00 €") && !text.stdout.contains("Secours populaire: "), "\(text.stdout)")
        #expect(text.stdout.contains("Conflicts (not reimbursed): 1"))
        #expect(text.stdout.contains("Secours populaire scanned it") && text.stdout.contains("PiNG redeemed it first"))
        // Passes are named by their printed number (SPEC.md §11), which says the key: never kid/serial.
        let number = { (serial: UInt64) in PassNumber(keyID: KeyID(text: kid)!, serial: Serial(serial)!).text }
        #expect(text.stdout.contains("\(number(5)) (10.00 €): redeemed twice"), "the printed number, not kid/serial")
        #expect(text.stdout.contains("the first redemption to reach the service counts"))
        #expect(text.stdout.contains(number(5) + " (10.00 €): redeemed twice") && text.stdout.contains(number(6)), "\(text.stdout)")
        #expect(!text.stdout.contains("\(kid)/"))
        let settlementBefore = try office.passnum(["settlement", "--month", month, "--json"]).stdout
        let pdf = try office.passnum(["settlement", "--month", month, "--pdf", "settlement.pdf"])
        #expect(pdf.status == 0)
        let pdfText = try Self.run("/usr/bin/pdftotext", [office.folder.appendingPathComponent("settlement.pdf").path, "-"])
        #expect(pdfText.contains("Conflicts (not reimbursed): 1") && pdfText.contains("Secours populaire scanned it"), "\(pdfText)")
        #expect(pdfText.contains(number(6)), "the PDF names passes by their printed number")
        // Each counter's journal holds the service's answer: nothing left pending.
        #expect(try Self.journal(counters[0]) == ["5|accepted", "6|accepted"])
        #expect(try Self.journal(counters[1]) == ["5|conflict"])

        // Syncing again, and sending the pre-sync copy of counter 1's journal: nothing changes.
        #expect(try counters[0].passnum(sync).stdout.contains("Sync: 0 passes sent"))
        #expect(try counters[1].passnum(sync).stdout.contains("Sync: 0 passes sent"))
        let resent = try counters[0].passnum(sync + ["--journal", "copy.sqlite"])
        #expect(resent.stdout.contains("Sync: 2 passes sent: 2 accepted, 0 conflicts."), "\(resent.stdout)\(resent.stderr)")
        #expect(try office.passnum(["settlement", "--month", month, "--json"]).stdout == settlementBefore)

        // Both journals agree with the service: nothing pending, the conflict on counter 2.
        let status = try counters[1].passnum(["scan", "--offline", "--json"], stdin: tokens[4] + "\n")
        #expect(status.stdout.contains(#""reason":"already_spent""#))
        service.process.terminate()
        service.process.waitUntilExit()
        // The network is down: the item stays pending, and the next sync sends it.
        #expect(try counters[1].passnum(["scan", "--offline"], stdin: tokens[7] + "\n").status == 0)
        let offline = try counters[1].passnum(sync)
        #expect(offline.status == 1)
        #expect(offline.stderr.contains("passnum: error:") && offline.stderr.contains("cannot reach the service"))
        #expect(offline.stderr.contains("1 pass stays pending in the journal"), "\(offline.stderr)")
        let restarted = try office.startService()
        defer {
            restarted.process.terminate()
            restarted.process.waitUntilExit()
        }
        #expect(try Self.journal(counters[1]) == ["5|conflict", "8|pending"])
        let later = try counters[1].passnum(["sync", "--service", restarted.url, "--partner-key-file", "partner.key"])
        #expect(later.stdout.contains("Sync: 1 pass sent: 1 accepted, 0 conflicts."), "\(later.stdout)\(later.stderr)")
    }

    /// "serial|status" of each journal item, read with the sqlite3 tool.
    static func journal(_ counter: CLIRun) throws -> [String] {
        try run("/usr/bin/sqlite3", [counter.folder.appendingPathComponent("journal.sqlite").path, "SELECT serial || '|' || status FROM journal ORDER BY serial"])
            .split(separator: "\n").map(String.init)
    }

    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
