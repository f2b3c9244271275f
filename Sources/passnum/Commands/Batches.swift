import ArgumentParser
import Conventions
import Foundation
import PassIssuer
import SpentList
import SpentListAPI

struct Batches: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the batches recorded in the issuance ledger, or publish them to the spent list.",
        subcommands: [List.self, BatchesPublish.self], defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the batches recorded in the issuance ledger (the default).")

        @OptionGroup var ledger: LedgerOption

        @Flag(help: "One JSON object per batch.") var json = false

        func run() async throws {
            try await reportingFailures {
                for batch in try ledger.batches() {
                    print(json ? jsonObject(batch) : textLine(batch))
                }
            }
        }

        private func jsonObject(_ batch: Batch) -> String {
            jsonLine([
                ("id", .int(batch.id)), ("kid", .string(batch.kid.text)),
                ("firstSerial", .int(Int64(batch.firstSerial))), ("lastSerial", .int(Int64(batch.lastSerial))),
                ("carnets", .int(Int64(batch.carnets))), ("perCarnet", .int(Int64(batch.perCarnet))),
                ("valueCents", .int(Int64(batch.value.value))),
                ("expires", .string(MachineTime.rfc3339(Date(timeIntervalSince1970: TimeInterval(batch.expiry))))),
                ("label", .string(batch.label)), ("createdAt", .string(MachineTime.rfc3339(batch.createdAt))),
                ("status", .string(batch.status.rawValue)),
            ])
        }

        private func textLine(_ batch: Batch) -> String {
            let status = batch.status == .completed ? "" : Words(en: "  (interrupted: serials reserved, not written)", fr: "  (interrompu : séries réservées, non écrites)").text
            return "#\(batch.id)  \(Paris.dayAndTime(batch.createdAt))  \(batch.kid)  \(batch.firstSerial)–\(batch.lastSerial)  \(batch.carnets)×\(batch.perCarnet)  \(Money.local(batch.value))  → \(Paris.lastValidDay(expiry: Date(timeIntervalSince1970: TimeInterval(batch.expiry))))  \(batch.label)\(status)"
        }
    }
}

/// `--ledger`: the issuance ledger, read only.
struct LedgerOption: ParsableArguments {
    @Option(help: "The issuance ledger (SQLite), beside the keys it serves.")
    var ledger: String = Paths.ledger

    func batches() throws -> [Batch] {
        guard FileManager.default.fileExists(atPath: ledger) else {
            throw Failure(Words(en: "no ledger at \(ledger)", fr: "aucun registre à \(ledger)"),
                          hint: Words(en: "each ledger is beside its keys (Keys/issuance.sqlite); give its place with --ledger",
                                      fr: "chaque registre est à côté de ses clés (Keys/issuance.sqlite) ; indiquez son emplacement avec --ledger"))
        }
        return try Ledger(path: ledger, access: .readOnly).batches()
    }
}
