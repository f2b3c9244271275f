import ArgumentParser
import Conventions
import Counter
import Foundation
import SpentListAPI

/// `passnum journal`: what this counter took, with the service's receipt for each pass it
/// accepted — the partner's proof, kept in the journal, checked by `passnum receipt verify`.
struct JournalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journal",
        abstract: "List the passes this counter took, their state and the service's receipts.")

    @Flag(help: "One JSON object per pass.")
    var json = false

    @OptionGroup var files: CounterFiles

    func run() async throws {
        try await reportingFailures {
            let items = try files.existingJournal().all()
            for item in items { print(json ? Self.json(item) : Self.line(item).text) }
            if !json {
                Console.info(Words(en: "\(items.count) pass\(items.count == 1 ? "" : "es") in the journal.",
                                   fr: "\(items.count) pass dans le journal."))
            }
        }
    }

    static func line(_ item: Journal.Item) -> Words {
        let state: Words = switch item.status {
        case .accepted: Words(en: "accepted", fr: "accepté")
        case .pending: Words(en: "to be synced", fr: "à synchroniser")
        case .conflict: Words(en: "conflict, not reimbursed", fr: "conflit, non remboursé")
        }
        let mode = item.mode == .online ? Words(en: "online", fr: "en ligne") : Words(en: "offline", fr: "hors ligne")
        let receipt = item.receipt.isEmpty ? Words("") : Words(en: "  receipt \(item.receipt)", fr: "  reçu \(item.receipt)")
        let head = "\(Paris.dayAndTime(item.scannedAt))  \(Money.text(item.value))  "
        return Words(en: head + "serial \(item.serial)  \(mode.en)  \(state.en)" + receipt.en,
                     fr: head + "série \(item.serial)  \(mode.fr)  \(state.fr)" + receipt.fr)
    }

    static func json(_ item: Journal.Item) -> String {
        jsonLine([
            ("kid", .string(item.kid.text)), ("serial", .int(Int64(item.serial.value))), ("valueCents", .int(Int64(item.value.value))),
            ("scannedAt", .string(MachineTime.rfc3339(item.scannedAt))), ("mode", .string(item.mode.rawValue)), ("status", .string(item.status.rawValue)),
            ("receipt", .string(item.receipt)), ("helpKind", item.helpKind.map { .string($0) } ?? .null),
        ])
    }
}
