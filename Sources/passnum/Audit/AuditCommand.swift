import ArgumentParser
import Foundation
import PassIssuer
import PassVerifier
import SafeOutput
import SpentList
import SpentListAPI

/// `passnum audit`: checks a copy of the spent list with the trust list alone (Auditor), prints
/// a summary, and signs it with the auditor's own key so that a funder can check it later.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check a spent list from its rows and the trust list alone, and sign the summary.",
        subcommands: [Run.self, VerifySummary.self, Key.self],
        defaultSubcommand: Run.self
    )
}

extension AuditCommand {
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Audit a spent list (a copy, a backup, or PostgreSQL read-only); exit 1 when anything is found.",
            discussion: """
                Every paid pass is verified again at its redemption time (grace days: the programme's \
                setting in the list, or --grace-days), no pass is paid twice, none of a cancelled carnet \
                after its cancellation, the chain of redemptions is recomputed (SPEC.md §12.2), and each \
                month's totals per partner are compared with the statement code's. Nothing is written \
                to the spent list.
                """)

        @OptionGroup var store: StoreOption
        @OptionGroup var inputs: AuditInputFiles

        @Option(help: "The programme's trust list.") var trustList = "Keys/trustlist.json"
        @Option(help: "Grace days after a pass's printed expiry (default: the programme's setting in the spent list).") var graceDays: Int?
        @Option(help: "Write the summary to this file (and, with --sign-key, its signature to FILE.sig).") var summary: String?
        @Option(help: "The auditor's key file (made by `passnum audit key`), to sign the summary.") var signKey: String?
        @Flag(help: "Replace an existing summary file.") var force = false
        @Flag(help: "Print the findings and figures as one JSON document (passnum-audit/v1, SPEC.md §16.1) instead of the summary; --summary still writes the text.")
        var json = false

        func validate() throws {
            if signKey != nil, summary == nil {
                throw ValidationError(Words(en: "--sign-key needs --summary FILE", fr: "--sign-key demande --summary FICHIER").text)
            }
            if let graceDays, !(0...3650).contains(graceDays) {
                throw ValidationError(Words(en: "--grace-days is 0 to 3650", fr: "--grace-days va de 0 à 3650").text)
            }
        }

        func run() async throws {
            try await reportingFailures {
                let list = try TrustList(json: AtomicFile.read(trustList))
                let (receipts, earlier) = (try inputs.readReceipts(), try inputs.readEarlier())
                guard let source = try await store.open(.readOnly) as? any AuditSource else {
                    throw Failure(Words(en: "this spent list cannot be audited", fr: "cette liste ne peut pas être auditée"))
                }
                var grace = graceDays ?? 0
                if graceDays == nil { grace = try await source.programme().graceDays }
                let report = try await Auditor(trustList: list, graceDays: grace).run(source, receipts: receipts, earlier: earlier)
                let now = Date()
                let text = AuditText(report: report, database: store.location, trustList: trustList, at: now).text
                if json {
                    print(API.text(AuditDocument(report, database: store.location, trustList: trustList, at: now)))
                } else {
                    print(text, terminator: "")
                }
                if let summary { try write(text, to: summary) }
                if !report.isClean { throw ExitCode.failure }
            }
        }

        private func write(_ text: String, to path: String) throws {
            try AtomicFile.write(Array(text.utf8), to: path, mode: 0o644, overwrite: force)
            guard let signKey else { return }
            let key = try KeyFile.openSigningKey(AtomicFile.read(signKey), passphrase: Passphrase.forOpening)
            let signature = key.sign(AuditSignature.message(signer: key.kid, summary: Array(text.utf8)))
            try AtomicFile.write(Array((AuditSignature.text(signer: key.kid, signature: signature) + "\n").utf8), to: path + ".sig", mode: 0o644, overwrite: force)
            Console.info(Words(en: "summary signed by auditor key \(key.kid): \(path).sig", fr: "résumé signé par la clé d'auditeur \(key.kid) : \(path).sig"))
        }
    }

    struct VerifySummary: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify-summary",
            abstract: "Check an audit summary's signature with the auditor's public key.",
            discussion: "Exit status 0 when the summary is the one the auditor signed, 1 otherwise.")

        @Option(help: "The auditor's public key: the .pub file written by `passnum audit key`.") var key: String
        @Option(help: "The signature file (default: SUMMARY.sig).") var signature: String?
        @Argument(help: "The summary file.") var summary: String

        func run() async throws {
            try await reportingFailures {
                let publicKey = try PublicKeyFile.read(key)
                let signatureText = String(decoding: try AtomicFile.read(signature ?? summary + ".sig"), as: UTF8.self)
                try AuditSignature.verify(text: signatureText, summary: try AtomicFile.read(summary), publicKey: publicKey)
                print(Words(en: "genuine summary, signed by auditor key \(KeyID(publicKey: publicKey))",
                            fr: "résumé authentique, signé par la clé d'auditeur \(KeyID(publicKey: publicKey))").text)
            }
        }
    }

    struct Key: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "key",
            abstract: "Make an auditor's key: auditor-<kid>.secret (sealed with a passphrase) and auditor-<kid>.pub.")

        @Option(help: "The folder for the key files.") var dir = "."
        @Flag(help: "Do not seal the key with a passphrase (tests only).") var unencrypted = false

        func run() async throws {
            try await reportingFailures {
                let key = SigningKey.generate()
                let base = URL(fileURLWithPath: dir).appendingPathComponent("auditor-\(key.kid)").path
                let sealed = try KeyFile.seal(key, passphrase: unencrypted ? nil : Passphrase.forNewKey())
                try AtomicFile.write(sealed, to: base + ".secret", mode: 0o600, overwrite: false)
                try AtomicFile.write(Array((Data(key.publicKey).base64EncodedString() + "\n").utf8), to: base + ".pub", mode: OutputFile.public, overwrite: false)
                print(key.kid.text)
                Console.info(Words(en: "auditor key \(key.kid): secret in \(base).secret, public key in \(base).pub (give it to the funders)",
                                   fr: "clé d'auditeur \(key.kid) : secret dans \(base).secret, clé publique dans \(base).pub (à donner aux financeurs)"))
            }
        }
    }
}

/// A public key file: its base64 and a line feed (`.pub`).
enum PublicKeyFile {
    static func read(_ path: String) throws -> [UInt8] {
        let text = String(decoding: try AtomicFile.read(path), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let key = Data(base64Encoded: text).map(Array.init), key.count == 32 else {
            throw Failure(Words(en: "\(path) does not hold a public key (base64 of 32 bytes)", fr: "\(path) ne contient pas de clé publique (base64 de 32 octets)"))
        }
        return key
    }
}
