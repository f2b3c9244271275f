import ArgumentParser
import Conventions
import Foundation
import PassIssuer
import PassVerifier

struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check passes offline: format, key, signature, expiry.",
        discussion: """
            Give tokens as arguments, or - to read one token per line from standard input \
            (bulk, on all cores). Exit status 0 when every pass is valid, 1 when any is refused.
            """
    )

    @OptionGroup var trustList: TrustListOption

    @Option(help: "Verify as of this time (RFC 3339, e.g. 2027-06-01T12:00:00Z, or a day YYYY-MM-DD); default now.")
    var at: String?

    @Flag(help: "One JSON object per token.")
    var json = false

    @Argument(help: "200-digit tokens, or - for standard input.")
    var tokens: [String] = []

    func validate() throws {
        guard !tokens.isEmpty else { throw ValidationError(Words(en: "give at least one token, or - to read them from standard input", fr: "donnez au moins un jeton, ou - pour les lire sur l'entrée standard").text) }
        if tokens.contains("-"), tokens.count > 1 { throw ValidationError(Words(en: "- reads standard input and cannot be mixed with tokens", fr: "- lit l'entrée standard et ne se combine pas avec des jetons").text) }
        if let at, MachineTime.instant(at) == nil { throw ValidationError(Words(en: "--at '\(at)' is not a date-time such as 2027-06-01T12:00:00Z", fr: "--at « \(at) » n'est pas une date comme 2027-06-01T12:00:00Z ou 2027-06-01").text) }
    }

    func run() async throws {
        try await reportingFailures {
            let verifier = try Verifier(trustList: trustList.file.load())
            let bulk = BulkVerifier(
                verifier: verifier, date: at.flatMap(MachineTime.instant) ?? Date(), json: json,
                threads: ProcessInfo.processInfo.activeProcessorCount)
            let rejected = tokens == ["-"] ? verifyStandardInput(bulk) : verifyArguments(bulk)
            if rejected > 0 { throw ExitCode.failure }
        }
    }

    private func verifyArguments(_ bulk: BulkVerifier) -> Int {
        let block = bulk.verify(tokens.map { ArraySlice(Array($0.utf8)) }, firstNumber: tokens.count > 1 ? 1 : nil)
        Output.stdout(block.output)
        return block.rejected
    }

    private func verifyStandardInput(_ bulk: BulkVerifier) -> Int {
        var reader = LineReader(fd: STDIN_FILENO)
        var number = 1
        var rejected = 0
        while true {
            let lines = reader.next(count: 16_384)
            if lines.isEmpty { break }
            let block = bulk.verify(lines, firstNumber: number)
            Output.stdout(block.output)
            rejected += block.rejected
            number += lines.count
        }
        return rejected
    }
}
