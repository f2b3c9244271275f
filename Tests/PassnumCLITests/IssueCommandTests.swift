import Foundation
import Testing

struct IssueCommandTests {
    @Test func issuesOneTokenPerLineAndRecordsTheBatch() throws {
        let cli = CLI()
        let kid = try cli.makeKey()
        let output = try cli.issue(kid: kid, carnets: 3, extra: ["--per-carnet", "4"])
        #expect(output.status == 0, "\(output.stderr)")
        let tokens = cli.tokens()
        #expect(tokens.count == 12)
        #expect(tokens.allSatisfy { $0.count == 200 && $0.allSatisfy(\.isWholeNumber) })
        let batches = try cli.run(["batches", "--json"])
        #expect(batches.stdout.contains("\"firstSerial\":1,\"lastSerial\":12,\"carnets\":3,\"perCarnet\":4,\"valueCents\":1000"))
        #expect(batches.stdout.contains("\"status\":\"completed\""))
        #expect(batches.stdout.contains("\"expires\":\"2099-12-31T23:00:00Z\""))
    }

    @Test func anEncryptedKeyNeedsItsPassphrase() throws {
        let cli = CLI()
        let generated = try cli.run(["keys", "generate", "--issuer", "X", "--valid-until", "2100-12-31"], passphrase: "correct horse battery")
        let kid = generated.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let wrong = try cli.issue(kid: kid, passphrase: "wrong horse battery")
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("wrong passphrase"))
        #expect(cli.read("tokens.txt") == nil)
        #expect(try cli.run(["batches"]).stdout.isEmpty, "nothing reserved")
        let right = try cli.issue(kid: kid, passphrase: "correct horse battery")
        #expect(right.status == 0, "\(right.stderr)")
        #expect(cli.tokens().count == 5)
    }

    @Test(arguments: [
        (["--value", "0"], "at least 0.01"), (["--value=-5"], "not an amount"), (["--value", "ten"], "not an amount"), (["--expires", "2020-01-01"], "past"),
        (["--expires", "2027-02-30"], "not a date"), (["--ledger", "/proc/nope/ledger.sqlite"], "ledger"),
    ])
    func badInputIssuesNothing(_ override: [String], _ words: String) throws {
        let cli = CLI()
        let kid = try cli.makeKey()
        var arguments = ["issue", "--key", "Keys/\(kid).secret", "--carnets", "1", "--value", "10", "--expires", "2030-12-31", "--out", "tokens.txt"]
        arguments += override  // later options win in ArgumentParser
        let output = try cli.run(arguments)
        #expect(output.status == 1, "\(output.stderr)")
        #expect(output.stderr.contains(words), "\(output.stderr)")
        #expect(cli.read("tokens.txt") == nil)
    }

    @Test func refusesToOverwriteWithoutForce() throws {
        let cli = CLI()
        let kid = try cli.makeKey()
        #expect(try cli.issue(kid: kid).status == 0)
        let first = cli.read("tokens.txt")
        let again = try cli.issue(kid: kid)
        #expect(again.status == 1)
        #expect(again.stderr.contains("--force"))
        #expect(cli.read("tokens.txt") == first)
        #expect(try cli.issue(kid: kid, extra: ["--force"]).status == 0)
        #expect(cli.read("tokens.txt") != first)
    }

    /// Two offices issuing at once from one ledger never share a serial.
    @Test func concurrentRunsNeverShareASerial() async throws {
        let cli = CLI()
        let kid = try cli.makeKey()
        let statuses = try await withThrowingTaskGroup(of: Int32.self) { group in
            for i in 0..<4 {
                group.addTask { try cli.issue(kid: kid, carnets: 50, out: "run\(i).txt").status }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses == [0, 0, 0, 0])
        let all = try (0..<4).flatMap { i in
            try cli.run(["verify", "--json", "-"], stdin: cli.read("run\(i).txt")).stdout.split(separator: "\n")
        }
        let serials = all.compactMap { line in line.firstRange(of: "\"serial\":").map { line[$0.upperBound...].prefix { $0.isNumber } } }
        #expect(serials.count == 1000)
        #expect(Set(serials).count == 1000)
    }
}
