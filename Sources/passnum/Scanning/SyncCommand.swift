import ArgumentParser
import Counter
import Foundation

struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Send the passes accepted offline to the service, then update the replica.",
        discussion: """
            Each pending journal item goes with its original scan time. The service accepts it \
            if the pass was still unspent, or records a conflict (another partner took it first, \
            or it was revoked); the journal records the answer. Sending again changes nothing. \
            If the service cannot be reached, the items stay pending for the next sync (exit 1).
            """
    )

    @OptionGroup var service: ServiceOptions
    @OptionGroup var files: CounterFiles

    @Option(help: "Journal items per request (1 to 1000).")
    var batchSize = 500

    func validate() throws {
        guard (1...1000).contains(batchSize) else { throw ValidationError("--batch-size is 1 to 1000") }
    }

    func run() async throws {
        try await reportingFailures {
            let journal = try Journal(path: files.journal)
            let sync = Sync(client: try service.client(), journal: journal, replica: try Replica(path: files.replica), batchSize: batchSize)
            var sofar = Sync.Report()
            do {
                let report = try await sync.run { sofar = $0 }
                print(Self.summary(report).text)
                print(Words(en: "Replica up to date: \(report.pulled) new entries.", fr: "Copie locale à jour : \(report.pulled) nouvelles entrées.").text)
            } catch let error as CounterError {
                if !sofar.settled.isEmpty { print(Self.summary(sofar).text) }
                let left = (try? journal.pending().count) ?? 0
                throw Failure(
                    Words(en: "\(error.message); \(Self.passes(left).en) \(left == 1 ? "stays" : "stay") pending in the journal",
                          fr: "\(error.message) ; \(Self.passes(left).fr) \(left > 1 ? "restent" : "reste") en attente dans le journal"),
                    hint: Words(en: "nothing is lost: run `passnum sync` again when the network works",
                                fr: "rien n'est perdu : relancez `passnum sync` quand le réseau fonctionne"))
            }
        }
    }

    static func passes(_ n: Int) -> Words {
        Words(en: "\(n) pass\(n == 1 ? "" : "es")", fr: "\(n) pass")
    }

    /// "Sync: 3 passes sent: 2 accepted, 1 conflict", then one line per conflict.
    static func summary(_ report: Sync.Report) -> Words {
        let accepted = report.accepted.count, conflicts = report.conflicts.count
        var en = "Sync: \(passes(report.settled.count).en) sent: \(accepted) accepted, \(conflicts) conflict\(conflicts == 1 ? "" : "s")."
        var fr = "Synchronisation : \(passes(report.settled.count).fr) envoyé\(report.settled.count > 1 ? "s" : "") : "
            + "\(accepted) accepté\(accepted > 1 ? "s" : ""), \(conflicts) en conflit."
        for settled in report.conflicts {
            let line = conflictLine(settled)
            en += "\n  " + line.en
            fr += "\n  " + line.fr
        }
        return Words(en: en, fr: fr)
    }

    static func conflictLine(_ settled: Sync.Settled) -> Words {
        guard case .conflict(let reason, let message, let firstAt) = settled.answer else { return Words("") }
        let item = settled.item
        let scanned = Dates.dayAndTime(item.scannedAt)
        let head = Words(en: "CONFLICT serial \(item.serial) (key \(item.kid), \(item.value) €), scanned \(scanned): ",
                         fr: "CONFLIT série \(item.serial) (clé \(item.kid), \(item.value) €), scanné le \(scanned) : ")
        let why: Words
        switch reason {
        case "already_spent":
            let when = firstAt.map(Dates.dayAndTime) ?? "?"
            why = Words(en: "another partner redeemed this pass first, on \(when); it will not be reimbursed to you",
                        fr: "un autre partenaire a encaissé ce pass avant vous, le \(when) ; il ne vous sera pas remboursé")
        case "revoked":
            why = Words(en: "the pass was revoked; it will not be reimbursed", fr: "le pass a été annulé ; il ne sera pas remboursé")
        default:
            why = Words(en: "refused by the service (\(reason): \(message))", fr: "refusé par le service (\(reason) : \(message))")
        }
        return Words(en: head.en + why.en, fr: head.fr + why.fr)
    }
}
