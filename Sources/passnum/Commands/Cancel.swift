import ArgumentParser
import Counter
import Foundation
import PassIssuer
import PassVerifier
import SpentListAPI

/// Cancels a lost or stolen carnet, or a range of passes, through the service's admin route.
struct Cancel: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Cancel a lost or stolen carnet or range of passes (through the service).",
        discussion: """
            The service refuses the cancelled passes from now on; counters working offline learn \
            it at their next `passnum replica pull`. A carnet's number is the serial of its first \
            pass (printed on the stub). The key is --kid, or the only key of the trust list.
            """)

    @Option(help: "The carnet number printed on the stub (the serial of its first pass).")
    var carnet: UInt64?

    @Option(help: "Passes per carnet, as at `passnum issue`.")
    var perCarnet = 5

    @Option(help: "A serial or a range of serials, e.g. 12 or 11-15.")
    var serials: String?

    @Option(help: "Why, as the records will show it (e.g. \"carnet perdu\").")
    var reason: String

    @Option(help: "The key id (8 hex digits) of the passes; default: the only key of the trust list.")
    var kid: String?

    @OptionGroup var trustList: TrustListOption

    @OptionGroup var admin: AdminServiceOptions

    func validate() throws {
        guard (carnet == nil) != (serials == nil) else { throw ValidationError(Words(en: "give --carnet or --serials (one of them)", fr: "donnez --carnet ou --serials (l'un des deux)").text) }
        guard (1...100).contains(perCarnet) else { throw ValidationError(Words(en: "--per-carnet is 1 to 100", fr: "--per-carnet va de 1 à 100").text) }
        if let carnet, Serial(carnet) == nil || carnet > UInt64.max - 100 || Serial(carnet + UInt64(perCarnet) - 1) == nil {
            throw ValidationError(Words(en: "--carnet \(carnet) is not a carnet number", fr: "--carnet \(carnet) n'est pas un numéro de carnet").text)
        }
        if let serials, Self.range(serials) == nil { throw ValidationError(Words(en: "--serials '\(serials)' is not a serial or a range such as 11-15", fr: "--serials « \(serials) » n'est ni un numéro ni une plage comme 11-15").text) }
        if let kid, KeyID(text: kid) == nil { throw ValidationError(Words(en: "--kid '\(kid)' is not a key id (8 lowercase hex digits)", fr: "--kid « \(kid) » n'est pas un identifiant de clé (8 chiffres hexadécimaux en minuscules)").text) }
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError(Words(en: "--reason must not be empty", fr: "--reason ne doit pas être vide").text) }
    }

    func run() async throws {
        try await reportingFailures {
            let kid = try self.kid.flatMap { KeyID(text: $0) } ?? onlyKey()
            let (first, last) = carnet.map { (Serial($0)!, Serial($0 + UInt64(perCarnet) - 1)!) } ?? Self.range(serials!)!
            let done = try await admin.client().revoke(kid: kid, first: first, last: last, reason: reason)
            print(Self.confirmation(done, carnet: carnet).text)
        }
    }

    /// "12" or "11-15", first ≤ last.
    static func range(_ text: String) -> (Serial, Serial)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard (1...2).contains(parts.count), let first = UInt64(parts[0]).flatMap(Serial.init),
              let last = UInt64(parts[parts.count - 1]).flatMap(Serial.init), first.value <= last.value
        else { return nil }
        return (first, last)
    }

    private func onlyKey() throws -> KeyID {
        let keys = try trustList.file.load().keys
        guard keys.count == 1 else {
            throw Failure(
                Words(en: "the trust list \(trustList.path) holds \(keys.count) keys: say which with --kid", fr: "la liste de confiance \(trustList.path) contient \(keys.count) clés : indiquez laquelle avec --kid"),
                hint: Words(en: "`passnum keys list` shows them", fr: "`passnum keys list` les montre"))
        }
        return keys[0].kid
    }

    static func confirmation(_ done: API.Revocation, carnet: UInt64?) -> Words {
        let (first, last) = (Serial(done.first).map(\.typedText) ?? "?", Serial(done.last).map(\.typedText) ?? "?")
        let what = Words(
            en: (carnet.map { "carnet \($0): " } ?? "") + "passes \(first) to \(last) of key \(done.kid) (serials \(done.first)–\(done.last))",
            fr: (carnet.map { "carnet n° \($0) : " } ?? "") + "pass \(first) à \(last) de la clé \(done.kid) (séries \(done.first) à \(done.last))")
        guard done.new else {
            return Words(en: "Already cancelled, nothing changed: \(what.en).", fr: "Déjà annulés, rien n'a changé : \(what.fr).")
        }
        return Words(
            en: "Cancelled \(what.en), reason: \(done.reason). The service refuses them from now on; counters working offline learn it at their next `passnum replica pull`.",
            fr: "Annulés : \(what.fr), motif : \(done.reason). Le service les refuse dès maintenant ; les comptoirs hors ligne l'apprennent à leur prochain `passnum replica pull`.")
    }
}

/// How to reach the service's admin routes: its address and a file holding the admin key.
struct AdminServiceOptions: ParsableArguments {
    @Option(help: "The spent-list service, e.g. http://127.0.0.1:8080/.") var service: String
    @Option(help: "A file holding the admin key (from `passnum admin-key`).") var adminKeyFile: String
    @Option(help: "Seconds to wait for each answer.") var timeout = 5.0
    @OptionGroup var transport: TransportOptions

    func client() throws -> ServiceClient {
        try ServiceOptions.client(service: service, keyFile: adminKeyFile, timeout: timeout, transport: transport,
                                  unreadable: Words(en: "cannot read the admin key from \(adminKeyFile)", fr: "impossible de lire la clé d'administration dans \(adminKeyFile)"))
    }
}
