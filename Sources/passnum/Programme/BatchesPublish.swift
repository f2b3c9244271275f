import ArgumentParser
import Counter
import Foundation
import PassIssuer
import PassVerifier
import SpentList
import SpentListAPI

/// `passnum batches publish`: the printed batches of the issuance ledger (on the programme
/// office's machine) sent to the spent list, so the report can follow every carnet from
/// printing to use. Idempotent: run it after each `passnum issue`, as often as needed.
struct BatchesPublish: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Send the ledger's printed batches to the spent list (the service, or --db); sending them again changes nothing.",
        discussion: """
            Only completed batches (whose tokens were written) are sent: key, serials, carnets, \
            value, expiry, label and when they were printed, nothing more. A batch the spent list \
            knows already is left as it is; one sharing serials with a different known batch is \
            refused, and then nothing is recorded.
            """)

    @OptionGroup var ledger: LedgerOption

    @OptionGroup var source: AdminSource

    func run() async throws {
        try await reportingFailures {
            let batches = try ledger.batches().filter { $0.status == .completed }
            guard !batches.isEmpty else {
                throw Failure(Words(en: "the ledger has no completed batch to publish", fr: "le registre n'a aucun lot terminé à publier"))
            }
            let recorded: Int
            if let client = try source.client() {
                recorded = try await client.publishBatches(batches.map(Self.wire)).recorded
            } else {
                recorded = try await source.store.open(.existing).publishBatches(try batches.map(Self.printed), at: Date())
            }
            Console.info(Self.published(recorded, known: batches.count - recorded))
        }
    }

    /// "1 new batch published, 2 already known." / "2 nouveaux lots publiés, 1 déjà connu."
    /// (French puts 0 and 1 in the singular).
    static func published(_ recorded: Int, known: Int) -> Words {
        let (one, known1) = (recorded <= 1, known <= 1)
        return Words(
            en: "\(recorded) new batch\(recorded == 1 ? "" : "es") published, \(known) already known.",
            fr: "\(recorded) \(one ? "nouveau lot publié" : "nouveaux lots publiés"), \(known) déjà \(known1 ? "connu" : "connus").")
    }

    static func wire(_ batch: Batch) -> API.PrintedBatch {
        API.PrintedBatch(
            kid: batch.kid.text, firstSerial: batch.firstSerial, carnets: batch.carnets, perCarnet: batch.perCarnet,
            valueCents: Int64(batch.value.value), expiry: Timestamp(Date(timeIntervalSince1970: TimeInterval(batch.expiry))),
            label: label(batch), printedAt: Timestamp(batch.createdAt))
    }

    static func printed(_ batch: Batch) throws -> PrintedBatch {
        try PrintedBatch(
            kid: batch.kid, first: Serial(batch.firstSerial)!, carnets: batch.carnets, perCarnet: batch.perCarnet, value: batch.value,
            expiry: Date(timeIntervalSince1970: TimeInterval(batch.expiry)), label: label(batch), printedAt: batch.createdAt)
    }

    /// A batch issued without --label is named as `passnum batches` lists it: "#3".
    static func label(_ batch: Batch) -> String { batch.label.isEmpty ? "#\(batch.id)" : batch.label }
}

/// Where an admin command reads or writes: the service with the admin key (`--service`,
/// `--admin-key-file`), or the spent list directly (`--db`, as `passnum serve` takes it).
struct AdminSource: ParsableArguments {
    @Option(help: "The spent-list service, e.g. https://passes.example.org/ (with --admin-key-file); without it, the spent list is opened directly (--db).") var service: String?
    @Option(help: "A file holding the admin key (from `passnum admin-key`), with --service.") var adminKeyFile: String?
    @Option(help: "Seconds to wait for the service's answer.") var timeout = 30.0

    @OptionGroup var transport: TransportOptions

    @OptionGroup var store: StoreOption

    func validate() throws {
        guard (service == nil) == (adminKeyFile == nil) else {
            throw ValidationError(Words(en: "--service and --admin-key-file go together", fr: "--service et --admin-key-file vont ensemble").text)
        }
    }

    /// The service's client, or nil for the spent list itself.
    func client() throws -> ServiceClient? {
        guard let service, let adminKeyFile else { return nil }
        return try ServiceOptions.client(
            service: service, keyFile: adminKeyFile, timeout: timeout, transport: transport,
            unreadable: Words(en: "cannot read the admin key from \(adminKeyFile)", fr: "impossible de lire la clé d'administration dans \(adminKeyFile)"))
    }
}
