import ArgumentParser
import Conventions
import Counter
import Foundation
import PassVerifier
import SpentListAPI

/// `passnum handout`: the office's side of a hand-over. Staff scan the carnet's stub (its own QR
/// code, SPEC.md §15); the service records the carnet, the office and the time. Nothing is asked
/// or recorded about the person who receives it.
struct HandoutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handout",
        abstract: "Record carnets handed out at an office: scan each stub's code (one per line).",
        discussion: "Records the carnet, the office and the time only: never a name or anything else about the person who receives it.")

    @Option(help: "The spent-list service, e.g. http://127.0.0.1:8080/.")
    var service: String

    @Option(help: "A file holding this office's API key (from `passnum offices add`).")
    var officeKeyFile: String

    @Flag(help: "One JSON object per scan.")
    var json = false

    @OptionGroup var transport: TransportOptions

    func run() async throws {
        try await reportingFailures {
            let client = try ServiceOptions.client(
                service: service, keyFile: officeKeyFile, timeout: 5, transport: transport,
                unreadable: Words(en: "cannot read the office key from \(officeKeyFile)", fr: "impossible de lire la clé du service dans \(officeKeyFile)"))
            var refused = 0
            while let line = readLine(strippingNewline: true) {
                guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
                let (text, ok) = try await handOut(line, client)
                if !ok { refused += 1 }
                print(text)
            }
            if refused > 0 { throw ExitCode.failure }
        }
    }

    /// The line to print for one scan, and whether the carnet now counts as handed out.
    private func handOut(_ line: String, _ client: ServiceClient) async throws -> (String, Bool) {
        guard let code = ScanText.normalize(line).flatMap({ CarnetCode(text: $0) }) else {
            return (json ? jsonLine([("status", .string("unreadable"))])
                         : Words(en: "UNREADABLE  not a carnet stub's code: scan the code on the stub", fr: "ILLISIBLE  ce n'est pas le code d'un talon de carnet : scannez le code du talon").text, false)
        }
        let number = PassNumber(keyID: code.kid, serial: code.first)
        switch try await client.handOut(code) {
        case .recorded(let handout):
            let when = Paris.dayAndTime(handout.handedOutAt.date)
            if json {
                return (jsonLine([("status", .string(handout.new ? "recorded" : "already")), ("kid", .string(handout.kid)), ("first", .int(Int64(handout.first))),
                                  ("last", .int(Int64(handout.last))), ("office", .string(handout.office)), ("handedOutAt", .string(handout.handedOutAt.text))]), true)
            }
            return (handout.new
                ? Words(en: "HANDED OUT  carnet \(number), \(code.count) passes, \(when)", fr: "REMIS  carnet \(number), \(code.count) pass, le \(when)").text
                : Words(en: "ALREADY HANDED OUT  carnet \(number) on \(when) by \(handout.office): nothing changed",
                        fr: "DÉJÀ REMIS  carnet \(number) le \(when) par \(handout.office) : rien n'a changé").text, true)
        case .cancelled(let message):
            return (json ? jsonLine([("status", .string("cancelled")), ("message", .string(message))])
                         : Words(en: "CANCELLED  carnet \(number): \(message); do not hand it out", fr: "ANNULÉ  carnet \(number) : ne le remettez pas (\(message))").text, false)
        }
    }
}
