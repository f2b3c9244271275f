import ArgumentParser
import Foundation
import PassIssuer
import SafeOutput
import SpentList

/// What an auditor brings besides the spent list (SPEC.md §16.2): partners' receipts and an
/// earlier signed summary. A file that cannot be read as one stops the audit before it starts,
/// with words saying which file and which line.
struct AuditInputFiles: ParsableArguments {
    @Option(help: "A partner's receipts, one per line (passnum journal --json, or bare pnr2. receipts); repeat for several partners.")
    var receipts: [String] = []
    @Option(help: "The service's public receipt key (the .pub file written by `passnum serve`), to check --receipts.")
    var receiptKey = "receipt.pub"
    @Option(help: "An earlier audit summary (its signature in SUMMARY.sig): today's chain must still pass through its head.")
    var since: String?
    @Option(help: "The public key of the auditor who signed the --since summary (auditor-<kid>.pub).")
    var sinceKey: String?

    func validate() throws {
        if since != nil, sinceKey == nil {
            throw ValidationError(Words(en: "--since needs --since-key auditor-<kid>.pub", fr: "--since demande --since-key auditor-<kid>.pub").text)
        }
    }

    /// Every receipt of every file, each checked against the service's key.
    func readReceipts() throws -> [AuditReceipt] {
        guard !receipts.isEmpty else { return [] }
        let key = try PublicKeyFile.read(receiptKey)
        return try receipts.flatMap { file in
            try Self.explaining { try AuditReceipt.read(String(decoding: try AtomicFile.read(file), as: UTF8.self), file: file, publicKey: key) }
        }
    }

    /// The earlier summary, once its signature is checked with the auditor's key.
    func readEarlier() throws -> EarlierSummary? {
        guard let since, let sinceKey else { return nil }
        let key = try PublicKeyFile.read(sinceKey)
        let signature = String(decoding: try AtomicFile.read(since + ".sig"), as: UTF8.self)
        return try Self.explaining { try EarlierSummary.read(summary: try AtomicFile.read(since), signature: signature, publicKey: key) }
    }

    /// An input error in the auditor's words, French first.
    private static func explaining<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as AuditInputError {
            let place = error.subject ?? ""
            throw switch error.code {
            case .unreadableReceipts:
                Failure(Words(en: "receipts file unreadable (\(place)): \(error.message)",
                              fr: "fichier de reçus illisible (\(place)) : une ligne n'est pas un reçu passnum (pnr2. ou pnr1.), ou le fichier n'en contient aucun"),
                        hint: Words(en: "give the partner's receipts one per line: passnum journal --json > receipts.txt",
                                    fr: "donnez les reçus du partenaire, un par ligne : passnum journal --json > recus.txt"))
            case .unreadableSummary:
                Failure(Words(en: "earlier summary unreadable: \(error.message)",
                              fr: "résumé précédent illisible : ce n'est pas un résumé écrit par passnum audit (ligne « chain: » ou « chaîne : » introuvable)"))
            case .summaryNotGenuine:
                Failure(Words(en: "earlier summary refused: \(error.message)",
                              fr: "résumé précédent refusé : sa signature n'est pas celle de la clé d'auditeur donnée, ou il a été modifié (\(place))"),
                        hint: Words(en: "give the summary the auditor signed, its .sig beside it, and that auditor's .pub",
                                    fr: "donnez le résumé signé par l'auditeur, son .sig à côté, et le .pub de cet auditeur"))
            }
        }
    }
}
