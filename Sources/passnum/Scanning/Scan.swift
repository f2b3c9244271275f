import ArgumentParser
import Counter
import Foundation
import PassIssuer
import PassVerifier

extension Language: ExpressibleByArgument {}

struct Scan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The counter: read passes from a USB scanner (one per line), images or typed serials.",
        discussion: """
            Each pass is checked offline first (a forged or expired pass is refused without the \
            network), then redeemed with the service, or, with --offline, against the local \
            replica and journal (`passnum replica pull`, then `passnum sync`).
            """
    )

    @Flag(help: "Work without the service: check the local replica and journal.")
    var offline = false

    @Option(help: "The spent-list service, e.g. http://127.0.0.1:8080/ (online mode).")
    var service: String?

    @Option(help: "A file holding this partner's API key (online mode).")
    var partnerKeyFile: String?

    @Option(help: "Seconds to wait for the service's answer before falling back to offline.")
    var timeout = 5.0

    @OptionGroup var files: CounterFiles

    @Option(help: "Warn when the replica is older than this many hours.")
    var maxAge = 24.0

    @Option(help: "Above this many hours the operator must confirm before scanning offline.")
    var hardMaxAge = 72.0

    @Flag(help: "Start even with a replica older than --hard-max-age, without asking.")
    var acceptStaleReplica = false

    @Option(parsing: .upToNextOption, help: "Decode the QR codes of these images (PNG or JPEG) instead of reading standard input.")
    var image: [String] = []

    @Flag(help: "One JSON object per scan.")
    var json = false

    @Option(help: "Language of the verdicts: fr or en (default: PASSNUM_LANG, then the locale).")
    var lang: Language?

    func validate() throws {
        guard offline != (service != nil) else { throw ValidationError("give either --service URL (online) or --offline") }
        if service != nil, partnerKeyFile == nil { throw ValidationError("--service needs --partner-key-file") }
        guard maxAge > 0, hardMaxAge >= maxAge else { throw ValidationError("--max-age must be positive and at most --hard-max-age") }
    }

    func run() async throws {
        if let lang { Language.current = lang }
        try await reportingFailures {
            let replica = try Replica(path: files.replica)
            let journal = try Journal(path: files.journal)
            let offlineBackend = OfflineBackend(replica: replica, journal: journal)
            let desk: Desk
            if let service, let partnerKeyFile {
                let client = try ServiceOptions(service: service, partnerKeyFile: partnerKeyFile, timeout: timeout).client()
                // Online: an unreachable service falls back to the replica, flagged offline; with
                // no replica at all there is nothing to fall back on, and the scan is not decided.
                let hasReplica = try replica.state().pulledAt != nil
                desk = Desk(verifier: Verifier(trustList: try files.trustList(replica: replica)),
                            primary: OnlineBackend(client: client, journal: journal),
                            fallback: hasReplica ? offlineBackend : nil, primaryIsOffline: false)
            } else {
                try checkAge(of: replica)
                desk = Desk(verifier: Verifier(trustList: try files.trustList(replica: replica)), primary: offlineBackend, fallback: nil, primaryIsOffline: true)
            }
            var session = ScanSession(desk: desk, json: json)
            if image.isEmpty {
                while let line = readLine(strippingNewline: true) { await session.scan(line) }
            } else {
                for path in image { try await session.scan(imageAt: path) }
            }
            session.finish()
        }
    }

    private func checkAge(of replica: Replica) throws {
        let state = try replica.state()
        guard let pulledAt = state.pulledAt else {
            throw Failure(Words(en: "the replica \(files.replica) is empty", fr: "la copie locale \(files.replica) est vide"),
                          hint: Words(en: "run `passnum replica pull` while the network works", fr: "lancez `passnum replica pull` quand le réseau fonctionne"))
        }
        let hours = Date().timeIntervalSince(pulledAt) / 3600
        let age = Words(en: String(format: "%.0f hours old", hours), fr: String(format: "vieille de %.0f heures", hours))
        if hours > hardMaxAge, !acceptStaleReplica {
            let question = Words(en: "The replica is \(age.en): passes spent elsewhere since then will not be refused. Scan anyway? (yes/no) ",
                                 fr: "La copie locale est \(age.fr) : les pass utilisés ailleurs depuis ne seront pas refusés. Continuer ? (oui/non) ")
            guard Confirmation.ask(question) else {
                throw Failure(Words(en: "stopped: the replica is too old", fr: "arrêt : la copie locale est trop ancienne"),
                              hint: Words(en: "run `passnum replica pull`", fr: "lancez `passnum replica pull`"))
            }
        } else if hours > maxAge {
            Console.warning(Words(en: "the replica is \(age.en); update it soon with `passnum replica pull`",
                                  fr: "la copie locale est \(age.fr) ; mettez-la à jour avec `passnum replica pull`"))
        }
    }
}

/// Where the counter keeps its files.
struct CounterFiles: ParsableArguments {
    @Option(help: "The local spent-list replica (SQLite).")
    var replica = "replica.sqlite"

    @Option(help: "The counter's journal of accepted passes (SQLite).")
    var journal = "journal.sqlite"

    @Option(help: "The trust list (default: the one pulled into the replica, else Keys/trustlist.json).")
    var trustList: String?

    func trustList(replica: Replica) throws -> TrustList {
        if let trustList { return try TrustListFile(path: trustList).load() }
        if let pulled = try replica.trustList() { return try TrustList(json: pulled) }
        return try TrustListFile(path: Paths.trustList).load()
    }
}

/// A yes/no question on the terminal (not stdin, which is the scanner).
enum Confirmation {
    static func ask(_ question: Words) -> Bool {
        guard let tty = FileHandle(forUpdatingAtPath: "/dev/tty") else { return false }
        tty.write(Data(question.text.utf8))
        let answer = String(decoding: tty.availableData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        return ["o", "oui", "y", "yes"].contains(answer)
    }
}
