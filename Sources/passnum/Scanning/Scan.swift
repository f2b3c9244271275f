import ArgumentParser
import Charts
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

    @OptionGroup var online: ScanServiceOptions

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

    @Option(help: ArgumentHelp("The kind of help given this session, recorded with each pass accepted (offline: at `passnum sync`); totals only. One of the programme's codes; by default \(Scan.helpKindsInWords).", valueName: "code"))
    var helpGiven: String?

    /// The default codes with the words the web counter's buttons and the report show for them,
    /// so a terminal partner picks the code for the word the funder reads.
    static let helpKindsInWords = ReportWords.helpKindWords
        .map { $0.fr == $0.en ? "\($0.code) (\($0.en))" : "\($0.code) (\($0.fr), \($0.en))" }.joined(separator: ", ")

    @Option(help: "Language of the verdicts: fr or en (default: PASSNUM_LANG, then the locale).")
    var lang: Language?

    func validate() throws {
        guard offline != (online.service != nil) else { throw ValidationError(Words(en: "give either --service URL (online) or --offline", fr: "donnez soit --service URL (en ligne), soit --offline (hors ligne)").text) }
        if online.service != nil, online.partnerKeyFile == nil { throw ValidationError(Words(en: "--service needs --partner-key-file", fr: "--service demande --partner-key-file").text) }
        guard maxAge > 0, hardMaxAge >= maxAge else { throw ValidationError(Words(en: "--max-age must be positive and at most --hard-max-age", fr: "--max-age doit être positif et au plus --hard-max-age").text) }
    }

    func run() async throws {
        if let lang { Language.current = lang }
        try await reportingFailures {
            let client = try online.client()
            let desk = try await openDesk(client: client)
            var session = ScanSession(desk: desk, json: json, service: online.service)
            if let helpGiven, let client {
                session.afterAcceptance = { pass in
                    if (try? await client.recordHelp(kid: pass.kid, serial: pass.serial, kind: helpGiven)) != true {
                        Console.warning(Words(en: "the kind of help \(helpGiven) was not recorded", fr: "le type d'aide \(helpGiven) n'a pas été enregistré"))
                    }
                }
            }
            if image.isEmpty {
                // A scanner types 200 digits: the terminal must not echo them over the verdicts.
                let echo = TerminalEcho.silenceStandardInput()
                defer { echo.restore() }
                Console.info(ScanWords.ready)
                while let line = readLine(strippingNewline: true) { await session.scan(line) }
            } else {
                for path in image { try await session.scan(imageAt: path) }
            }
            session.finish()
        }
    }

    /// The desk this session works with, after the start-up checks (CounterSetup's rules), each
    /// problem said once, in plain words, before the first pass.
    private func openDesk(client: ServiceClient?) async throws -> Desk {
        guard let client, let service = online.service else {
            // Offline: nothing is created where no replica was ever pulled.
            guard FileManager.default.fileExists(atPath: files.replica) else {
                throw Failure(Words(en: "there is no replica at \(files.replica)", fr: "aucune copie locale à \(files.replica)"),
                              hint: ScanWords.pullHint)
            }
            let replica = try Replica(path: files.replica)
            try checkAge(of: replica)
            let trustList = try CounterSetup.trustList(named: files.trustList, replica: replica, defaultPath: Paths.trustList)
            try checkHelpKind(against: replica)
            return try CounterSetup.offlineDesk(trustList: trustList, replica: replica, journal: try Journal(path: files.journal), helpKind: helpGiven)
        }
        let replica = try Replica(path: files.replica)
        let trustList = try CounterSetup.trustList(named: files.trustList, replica: replica, defaultPath: Paths.trustList)
        let desk = try CounterSetup.onlineDesk(
            trustList: trustList, client: client, replica: replica, journal: try Journal(path: files.journal), helpKind: helpGiven)
        switch await CounterSetup.check(client) {
        case .ready:
            break
        case .keyRefused:
            throw CounterError(.unauthorised, "the service refused this partner key")
        case .unreachable:
            desk.reachability.markDown(at: Date())
            Console.warning(desk.workingOffline(at: Date()) ? ScanWords.workingOffline(service) : ScanWords.unreachableNoReplica(service))
        }
        return desk
    }

    /// Offline, the replica's copy of the programme is the only list of kinds of help: a kind
    /// not in it is refused before the first pass, not found out at sync.
    private func checkHelpKind(against replica: Replica) throws {
        guard let helpGiven, let kinds = try replica.programme()?.helpKinds, !kinds.contains(helpGiven) else { return }
        let list = kinds.joined(separator: ", ")
        throw Failure(Words(en: "the kind of help \"\(helpGiven)\" is not one of the programme's: \(list)",
                            fr: "le type d'aide « \(helpGiven) » n'est pas dans la liste du programme : \(list)"),
                      hint: Words(en: "give one of them to --help-given", fr: "donnez l'un d'eux à --help-given"))
    }

    private func checkAge(of replica: Replica) throws {
        let state = try replica.state()
        guard state.pulledAt != nil else {
            throw Failure(Words(en: "the replica \(files.replica) is empty", fr: "la copie locale \(files.replica) est vide"),
                          hint: ScanWords.pullHint)
        }
        switch try CounterSetup.age(pulledAt: state.pulledAt, now: Date(), maxAge: maxAge * 3600, hardMaxAge: hardMaxAge * 3600) {
        case .fresh:
            break
        case .stale(let hours):
            let old = ScanWords.age(hours)
            Console.warning(Words(en: "the replica is \(old.en); update it soon with `passnum replica pull`",
                                  fr: "la copie locale est \(old.fr) ; mettez-la à jour avec `passnum replica pull`"))
        case .tooOld(let hours):
            guard !acceptStaleReplica else { return }
            let old = ScanWords.age(hours)
            let question = Words(en: "The replica is \(old.en): passes spent elsewhere since then will not be refused. Scan anyway? (yes/no) ",
                                 fr: "La copie locale est \(old.fr) : les pass utilisés ailleurs depuis ne seront pas refusés. Continuer ? (oui/non) ")
            guard Confirmation.ask(question) else {
                throw Failure(Words(en: "stopped: the replica is too old", fr: "arrêt : la copie locale est trop ancienne"),
                              hint: Words(en: "run `passnum replica pull`", fr: "lancez `passnum replica pull`"))
            }
        }
    }
}

/// What the counter says about its own state, once, on stderr.
enum ScanWords {
    static func age(_ hours: Double) -> Words {
        Words(en: String(format: "%.0f hours old", hours), fr: String(format: "vieille de %.0f heures", hours))
    }

    static func workingOffline(_ service: String) -> Words {
        Words(en: "service unreachable (\(service)), working offline: accepted passes go to the journal; run `passnum sync` when the network works",
              fr: "service injoignable (\(service)), travail hors ligne : les pass acceptés vont au journal ; lancez `passnum sync` quand le réseau fonctionne")
    }

    static func unreachableNoReplica(_ service: String) -> Words {
        Words(en: "service unreachable (\(service)) and no replica to work offline: passes cannot be checked until it answers; run `passnum replica pull` once it does",
              fr: "service injoignable (\(service)) et aucune copie locale pour travailler hors ligne : les pass ne peuvent pas être vérifiés tant qu'il ne répond pas ; lancez `passnum replica pull` dès qu'il répond")
    }

    static let ready = Words(en: "Ready: scan a pass.", fr: "Prêt : scannez un pass.")

    static let pullHint = Words(en: "run `passnum replica pull` while the network works", fr: "lancez `passnum replica pull` quand le réseau fonctionne")

    static let backOnline = Words(en: "the service answers again: working online", fr: "le service répond à nouveau : travail en ligne")
}

/// Where the counter keeps its files.
struct CounterFiles: ParsableArguments {
    @Option(help: "The local spent-list replica (SQLite).")
    var replica = "replica.sqlite"

    @Option(help: "The counter's journal of accepted passes (SQLite).")
    var journal = "journal.sqlite"

    @Option(help: "The trust list (default: the one pulled into the replica, else Keys/trustlist.json).")
    var trustList: String?

    /// The journal `passnum scan` wrote, for commands that read it: a missing file names the
    /// wrong folder or option, and an empty (0-byte) file is a truncated copy or the wrong file,
    /// never a journal with nothing in it (scan writes its tables first); neither is opened,
    /// so neither becomes a new journal.
    func existingJournal(hint: Words? = nil) throws -> Journal {
        let size = (try? FileManager.default.attributesOfItem(atPath: journal)[.size] as? Int) ?? nil
        guard let size else {
            throw Failure(Words(en: "there is no journal at \(journal)", fr: "aucun journal à \(journal)"), hint: hint)
        }
        guard size > 0 else {
            throw Failure(
                Words(en: "\(journal) is an empty file (0 bytes), not a journal written by `passnum scan`: a truncated copy or the wrong file",
                      fr: "\(journal) est un fichier vide (0 octet), pas un journal écrit par `passnum scan` : une copie tronquée ou un autre fichier"),
                hint: Words(en: "give the counter's own journal (--journal), or restore it from a backup",
                            fr: "donnez le journal du poste (--journal), ou restaurez-le d'une sauvegarde"))
        }
        return try Journal(path: journal)
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

/// `scan`'s service options: those of `ServiceOptions`, optional because `--offline` needs none.
struct ScanServiceOptions: ParsableArguments {
    @Option(help: "The spent-list service, e.g. http://127.0.0.1:8080/ (online mode).")
    var service: String?

    @Option(help: "A file holding this partner's API key (online mode).")
    var partnerKeyFile: String?

    @Option(help: "Seconds to wait for the service's answer before falling back to offline.")
    var timeout = 5.0

    @OptionGroup var transport: TransportOptions

    /// The service's client, or nil offline.
    func client() throws -> ServiceClient? {
        guard let service, let partnerKeyFile else { return nil }
        return try ServiceOptions.partnerClient(service: service, keyFile: partnerKeyFile, timeout: timeout, transport: transport)
    }
}
