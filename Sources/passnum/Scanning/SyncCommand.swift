import ArgumentParser
import Conventions
import Counter
import Foundation
import SpentListAPI

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
    @OptionGroup var root: TrustRootOption

    @Option(help: "Journal items per request (1 to 1000).")
    var batchSize = 500

    func validate() throws {
        guard (1...1000).contains(batchSize) else { throw ValidationError(Words(en: "--batch-size is 1 to 1000", fr: "--batch-size va de 1 à 1000").text) }
    }

    func run() async throws {
        try await reportingFailures {
            let journal = try files.existingJournal(
                hint: Words(en: "run sync where `passnum scan` ran, or give --journal", fr: "lancez sync là où `passnum scan` a tourné, ou donnez --journal"))
            let empty = try journal.all().isEmpty
            if empty {
                print(Words(en: "Nothing to sync: the journal \(files.journal) holds no pass.",
                            fr: "Rien à synchroniser : le journal \(files.journal) ne contient aucun pass.").text)
            }
            let rootKey = try root.key()
            if rootKey == nil { Console.warning(TrustRootOption.unpinnedWarning) }
            let sync = Sync(client: try service.client(), journal: journal, replica: try Replica(path: files.replica), batchSize: batchSize, root: rootKey)
            var sofar = Sync.Report()
            do {
                let report = try await sync.run { sofar = $0 }
                if !empty { print(Self.summary(report).text) }
                print(Words(en: "Replica up to date: \(report.pulled) new entries.", fr: "Copie locale à jour : \(report.pulled) nouvelles entrées.").text)
            } catch let error as CounterError {
                if !sofar.settled.isEmpty { print(Self.summary(sofar).text) }
                let left = (try? journal.pending().count) ?? 0
                let stay = Words(en: "\(Self.passes(left).en) \(left == 1 ? "stays" : "stay") pending in the journal",
                                 fr: "\(Self.passes(left).fr) \(left > 1 ? "restent" : "reste") en attente dans le journal")
                let what = CounterWords.describe(error)
                // Only a network failure is cured by waiting; a refused key is not.
                let hint = error.code == .unreachable
                    ? Words(en: "nothing is lost: run `passnum sync` again when the network works",
                            fr: "rien n'est perdu : relancez `passnum sync` quand le réseau fonctionne")
                    : CounterWords.hint(error)
                throw Failure(Words(en: "\(what.en); \(stay.en)", fr: "\(what.fr) ; \(stay.fr)"), hint: hint)
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
        let leftOut = Set(report.helpKindsLeftOut.compactMap(\.item.helpKind)).sorted()
        if !leftOut.isEmpty {
            let n = report.helpKindsLeftOut.count, kinds = leftOut.joined(separator: ", ")
            en += "\n  The kind of help of \(passes(n).en) was not recorded (\(kinds): not in the programme's list); the passes count."
            fr += "\n  Le type d'aide de \(passes(n).fr) n'a pas été enregistré (\(kinds) : absent de la liste du programme) ; les pass comptent."
        }
        return Words(en: en, fr: fr)
    }

    static func conflictLine(_ settled: Sync.Settled) -> Words {
        guard case .conflict(let reason, let message, let firstAt) = settled.answer else { return Words("") }
        let item = settled.item
        let scanned = Paris.dayAndTime(item.scannedAt)
        let head = Words(en: "CONFLICT serial \(item.serial) (key \(item.kid), \(Money.local(item.value))), scanned \(scanned): ",
                         fr: "CONFLIT série \(item.serial) (clé \(item.kid), \(Money.local(item.value))), scanné le \(scanned) : ")
        let why: Words
        switch reason {
        case .alreadySpent:
            let when = firstAt.map(Paris.dayAndTime) ?? "?"
            why = Words(en: "another partner redeemed this pass first with the service (their scan: \(when)): the first redemption to reach the service counts, not the first scan; it will not be reimbursed to you",
                        fr: "un autre partenaire a fait enregistrer ce pass avant vous par le service (son scan : \(when)) : c'est le premier encaissement arrivé au service qui compte, pas le premier scan ; il ne vous sera pas remboursé")
        case .revoked:
            why = Words(en: "the pass was revoked; it will not be reimbursed", fr: "le pass a été annulé ; il ne sera pas remboursé")
        default:
            why = Words(en: "refused by the service (\(reason): \(message))", fr: "refusé par le service (\(reason) : \(message))")
        }
        return Words(en: head.en + why.en, fr: head.fr + why.fr)
    }
}
