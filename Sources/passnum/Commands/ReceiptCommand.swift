import ArgumentParser
import Conventions
import Foundation
import SpentList
import SpentListAPI

struct ReceiptCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receipt",
        abstract: "Check redemption receipts signed by the service.",
        subcommands: [Verify.self]
    )
}

extension ReceiptCommand {
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a receipt's signature and print what it proves.",
            discussion: "Exit status 0 when the receipt is genuine, 1 when it is not.")

        @Option(help: "The service's public receipt key: the .pub file written by `passnum serve`.")
        var key = "receipt.pub"

        @Flag(help: "Print the receipt as JSON.")
        var json = false

        @Argument(help: "The receipt text (pnr1.…).")
        var receipt: String

        func run() async throws {
            try await reportingFailures {
                guard FileManager.default.isReadableFile(atPath: key) else {
                    throw Failure(
                        Words(en: "no receipt key file \(key) (the service's public key)", fr: "pas de fichier de clé des reçus \(key) (la clé publique du service)"),
                        hint: Words(en: "`passnum serve` writes it beside its receipt key; or ask the service (GET /v1/receipt-key) and give --key FILE",
                                    fr: "`passnum serve` l'écrit à côté de sa clé des reçus ; ou demandez-la au service (GET /v1/receipt-key) et indiquez --key FICHIER"))
                }
                let text: String
                do {
                    text = try String(contentsOfFile: key, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
                } catch {
                    throw Failure(FoundationWords.describe(error, path: key) ?? Words("\(error)"))
                }
                guard let publicKey = Data(base64Encoded: text).map(Array.init), publicKey.count == 32 else {
                    throw Failure(Words(en: "\(key) does not hold a public key (base64 of 32 bytes)", fr: "\(key) ne contient pas de clé publique (base64 de 32 octets)"))
                }
                let verified: Receipt
                do {
                    verified = try Receipt.verify(text: receipt.trimmingCharacters(in: .whitespacesAndNewlines), publicKey: publicKey)
                } catch let error as SpentListError {
                    throw Failure(Words(en: "receipt refused: \(error.message)", fr: "reçu refusé : \(StoreWords.describe(error).fr)"),
                                  hint: error.code == .receiptKeyMismatch ? Words(en: "ask the service for its key: GET /v1/receipt-key", fr: "demandez sa clé au service : GET /v1/receipt-key") : nil)
                }
                let r = verified.redemption
                if json {
                    print(jsonLine([
                        ("valid", .bool(true)), ("serviceKey", .string(verified.serviceKeyID.text)), ("partner", .string(r.partnerName)),
                        ("partnerId", .int(r.partnerID)), ("kid", .string(r.pass.kid.text)), ("serial", .int(Int64(r.pass.serial.value))),
                        ("valueCents", .int(Int64(r.value.value))), ("redeemedAt", .string(r.redeemedAt.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))),
                        ("version", .int(Int64(verified.version))), ("previousLink", r.chainPrevious.map { .string($0.hex) } ?? .null),
                    ]))
                } else {
                    print(Words(
                        en: "genuine receipt: \(r.partnerName) redeemed pass \(r.pass.kid)/\(r.pass.serial) worth \(Money.local(r.value)) on \(Paris.dayAndTime(r.redeemedAt)) (service key \(verified.serviceKeyID))",
                        fr: "reçu authentique : \(r.partnerName) a encaissé le pass \(r.pass.kid)/\(r.pass.serial) de \(Money.local(r.value)) le \(Paris.dayAndTime(r.redeemedAt)) (clé du service \(verified.serviceKeyID))").text)
                    if let link = r.chainPrevious {
                        print(Words(en: "  previous link in the chain of redemptions: \(link.hex)", fr: "  maillon précédent de la chaîne des encaissements : \(link.hex)").text)
                    }
                }
            }
        }
    }
}
