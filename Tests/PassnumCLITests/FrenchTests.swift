import Conventions
import Counter
import Foundation
import Testing

/// Issue 9 §3: with PASSNUM_LANG=fr every message a user reads is French. Each user-facing
/// command runs in French (successes, refusals, usage errors) and its output is searched for
/// English words. Help pages (`--help`) are the parser's and stay English.
@Suite(.serialized) struct FrenchTests {
    /// Words that only an English message would hold (case-sensitive, with their spaces).
    static let english = [
        "error:", "hint:", "warning:", "Error:", "Usage:", "See '", "Missing", "Unknown", "Unexpected", "expected",
        "the ", "The ", " is ", " not ", "cannot", "must ", "passes", "serial", "accepted", "refused", "expired",
        "unknown", "valid ", "Total:", "Settlement", "written", "Replica", "Sync:", "Session", "Ready", "redeemed",
        "Nothing", "pending", " online", " offline", "receipt", "already", " used", "give ", "choose",
    ]

    static func englishWords(in text: String) -> [String] {
        english.filter { text.contains($0) }
    }

    /// A French output with no English word, a no-break space before each ':', and amounts
    /// with a decimal comma.
    static func expectFrench(_ output: CLI.Output, _ command: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        let text = output.stdout + output.stderr
        #expect(englishWords(in: text).isEmpty, "\(command): \(englishWords(in: text)) in \(text)", sourceLocation: sourceLocation)
        #expect(!text.contains(" :") && !text.contains(" ;"), "\(command): a plain space before ':' or ';' in \(text)", sourceLocation: sourceLocation)
        #expect(text.range(of: #"[0-9]\.[0-9]{2} €"#, options: .regularExpression) == nil, "\(command): an amount with a point in \(text)", sourceLocation: sourceLocation)
    }

    @Test func everyCommandSpeaksFrench() throws {
        var cli = CLI()
        cli.environment["PASSNUM_LANG"] = "fr"
        func run(_ arguments: [String], stdin: String? = nil) throws -> CLI.Output {
            let output = try cli.run(arguments, stdin: stdin)
            Self.expectFrench(output, arguments)
            return output
        }
        let generated = try run(["keys", "generate", "--issuer", "Nantes Métropole", "--unencrypted", "--valid-until", "2100-12-31"])
        let kid = generated.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try run(["keys", "list"])
        _ = try run(["issue", "--key", "Keys/\(kid).secret", "--carnets", "1", "--value", "10.00", "--expires", "2099-12-31",
                     "--label", "CCAS", "--out", "tokens.txt"])
        let tokens = cli.tokens()
        _ = try run(["batches"])
        _ = try run(["verify", tokens[0]])
        _ = try run(["verify", "n'importe quoi"])
        _ = try run(["verify", "--at", "2200-01-01", tokens[0]])
        _ = try run(["print", "--tokens", "tokens.txt", "--out", "carnets.pdf"])
        try "{}".write(toFile: cli.path("bad-programme.json"), atomically: true, encoding: .utf8)
        let badSetting = try run(["print", "--tokens", "tokens.txt", "--out", "other.pdf", "--programme", "bad-programme.json"])
        #expect(badSetting.status == 1 && badSetting.stderr.contains("réglage d'impression"), "\(badSetting.stderr)")
        let service = try cli.startService()
        defer { service.stop() }
        let key = try cli.addPartner("PiNG")
        _ = try run(["partners", "list"])
        _ = try run(["replica", "pull", "--service", service.url, "--partner-key-file", key])
        _ = try run(["replica", "status"])
        _ = try run(["scan", "--service", service.url, "--partner-key-file", key], stdin: tokens[0] + "\n" + tokens[0] + "\n000 001-4\n")
        _ = try run(["scan", "--offline"], stdin: tokens[1] + "\n" + tokens[0] + "\nn'importe quoi\n")
        _ = try run(["sync", "--service", service.url, "--partner-key-file", key])
        _ = try run(["journal"])
        let month = Paris.isoMonth(Date())
        _ = try run(["settlement", "--month", month])
        _ = try run(["conflicts", "--month", month])
        // Refusals and usage errors.
        try "pnk_faux".write(toFile: cli.path("faux.key"), atomically: true, encoding: .utf8)
        _ = try run(["scan", "--service", service.url, "--partner-key-file", "faux.key"], stdin: "")
        _ = try run(["sync", "--service", service.url, "--partner-key-file", "faux.key"])
        _ = try run(["scan"], stdin: "")
        _ = try run(["verify"])
        _ = try run(["verify", "--at", "demain", tokens[0]])
        _ = try run(["scan", "--offline", "--nimportequoi"])
        _ = try run(["settlement", "--month", "novembre"])
        _ = try run(["receipt", "verify", "pnr1.faux"])
    }

    /// The list catches English: the same session in English trips it.
    @Test func theWordListCatchesEnglish() throws {
        var cli = CLI()
        cli.environment["PASSNUM_LANG"] = "en"
        let output = try cli.run(["scan", "--offline"], stdin: "")
        #expect(!Self.englishWords(in: output.stderr).isEmpty, "\(output.stderr)")
        let usage = try cli.run(["verify"])
        #expect(!Self.englishWords(in: usage.stderr).isEmpty, "\(usage.stderr)")
    }
}
