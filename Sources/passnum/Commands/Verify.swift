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
            (bulk, on all cores). Exit status 0 when every pass is valid, 1 when any is refused. \
            With --trust-root, the trust list is used only if the root key signed it \
            (trustlist.json.sig, SPEC.md §14); without it, the list is used as it is and \
            stderr says whether it was signed.
            """
    )

    @OptionGroup var trustList: TrustListOption

    @OptionGroup var root: TrustRootOption

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
            let rootKey = try root.key()
            let loaded = try trustList.file.loadSigned(root: rootKey)
            if rootKey == nil { Console.info(Self.signatureNote(loaded, path: trustList.path)) }
            let verifier = Verifier(trustList: loaded.list)
            let bulk = BulkVerifier(
                verifier: verifier, date: at.flatMap(MachineTime.instant) ?? Date(), json: json,
                threads: ProcessInfo.processInfo.activeProcessorCount)
            let rejected = tokens == ["-"] ? verifyStandardInput(bulk) : verifyArguments(bulk)
            if rejected > 0 { throw ExitCode.failure }
        }
    }

    /// What a list taken without a pinned root is: unsigned, or signed but not checked.
    static func signatureNote(_ loaded: SignedTrustList, path: String) -> Words {
        guard let signature = loaded.signature else {
            return Words(en: "note: the trust list \(path) is not signed (no \(path).sig); passes are checked against it as it is",
                         fr: "note : la liste de confiance \(path) n'est pas signée (pas de \(path).sig) ; les pass sont vérifiés avec elle telle quelle")
        }
        return Words(en: "note: the trust list \(path) is signed by root key \(signature.rootKid), not checked here: give --trust-root to check it",
                     fr: "note : la liste de confiance \(path) est signée par la clé racine \(signature.rootKid), non vérifiée ici : indiquez --trust-root pour la vérifier")
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
