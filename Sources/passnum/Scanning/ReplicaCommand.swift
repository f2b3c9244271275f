import ArgumentParser
import Conventions
import Counter
import Foundation

struct ReplicaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replica",
        abstract: "The counter's local copy of the spent list, for working offline.",
        subcommands: [Pull.self, Status.self]
    )

    struct Pull: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Download the trust list and what was spent or revoked since the last pull.",
            discussion: """
                With --trust-root (or PASSNUM_TRUST_ROOT), the trust list is kept only if the \
                programme's root key signed it and it is not older than the one kept (SPEC.md \
                §14); otherwise it is refused, nothing is pulled, and the previous list stays.
                """)

        @OptionGroup var service: ServiceOptions
        @OptionGroup var files: CounterFiles
        @OptionGroup var root: TrustRootOption

        func run() async throws {
            try await reportingFailures {
                let rootKey = try root.key()
                if rootKey == nil { Console.warning(TrustRootOption.unpinnedWarning) }
                let replica = try Replica(path: files.replica)
                let pulled = try await Sync.pull(client: try service.client(), into: replica, root: rootKey)
                let state = try replica.state()
                Console.info(Words(
                    en: "Replica up to date: \(pulled) new entries; \(state.spent) spent and \(state.revoked) revoked passes known.",
                    fr: "Copie locale à jour : \(pulled) nouvelles entrées ; \(state.spent) pass utilisés et \(state.revoked) annulés connus."))
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the replica's age and size.")

        @OptionGroup var files: CounterFiles

        func run() async throws {
            try await reportingFailures {
                let state = try Replica(path: files.replica).state()
                guard let pulledAt = state.pulledAt else {
                    throw Failure(Words(en: "the replica was never pulled", fr: "la copie locale n'a jamais été téléchargée"))
                }
                let hours = Date().timeIntervalSince(pulledAt) / 3600
                print(Words(
                    en: String(format: "pulled %@ (%.1f hours ago): %d spent, %d revoked", Paris.dayAndTime(pulledAt), hours, state.spent, state.revoked),
                    fr: String(format: "téléchargée le %@ (il y a %.1f heures) : %d utilisés, %d annulés", Paris.dayAndTime(pulledAt), hours, state.spent, state.revoked)).text)
            }
        }
    }
}

/// How to reach the spent-list service as a partner.
struct ServiceOptions: ParsableArguments {
    @Option(help: "The spent-list service, e.g. https://passes.example.org/ or http://127.0.0.1:8080/.")
    var service: String

    @Option(help: "A file holding this partner's API key (from `passnum partners add`).")
    var partnerKeyFile: String

    @Option(help: "Seconds to wait for each answer.")
    var timeout = 5.0

    @OptionGroup var transport: TransportOptions

    func client() throws -> ServiceClient {
        try Self.partnerClient(service: service, keyFile: partnerKeyFile, timeout: timeout, transport: transport)
    }

    /// A client of the service with the partner key held in `keyFile` (`scan` too).
    static func partnerClient(service: String, keyFile: String, timeout: Double, transport: TransportOptions) throws -> ServiceClient {
        try client(service: service, keyFile: keyFile, timeout: timeout, transport: transport,
                   unreadable: Words(en: "cannot read the partner key from \(keyFile)", fr: "impossible de lire la clé partenaire dans \(keyFile)"))
    }

    /// A client of the service at `service` with the API key held in `keyFile`.
    static func client(service: String, keyFile: String, timeout: Double, transport: TransportOptions, unreadable: Words) throws -> ServiceClient {
        guard let url = URL(string: service.hasSuffix("/") ? service : service + "/"), url.scheme == "http" || url.scheme == "https" else {
            throw Failure(Words(en: "--service must be an http(s) URL", fr: "--service doit être une adresse http(s)"))
        }
        guard let data = FileManager.default.contents(atPath: keyFile),
              let key = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines), !key.isEmpty
        else {
            throw Failure(unreadable)
        }
        return ServiceClient(base: url, apiKey: key, timeout: timeout, transport: try transport.transport(for: url, timeout: timeout))
    }
}
