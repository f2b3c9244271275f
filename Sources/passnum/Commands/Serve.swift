import ArgumentParser
import Foundation
import Hummingbird
import Logging
import PassIssuer
import PassVerifier
import PostgresSpentList
import SafeOutput
import SharedSQLite
import SpentList
import SpentListAPI
import SpentListServer

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the spent-list service: redemptions, pass states, feed, revocations, settlement.",
        discussion: """
            Partners authenticate with keys from `passnum partners add`; admin routes take the key \
            from `passnum admin-key`, or PASSNUM_ADMIN_KEY. Receipts are signed with the service's \
            own key (--receipt-key), made on first start, sealed with PASSNUM_PASSPHRASE when set; \
            its public key is written beside it (.pub) for `passnum receipt verify`. \
            The trust list is reloaded when its file or its signature file (trustlist.json.sig) \
            changes (checked every 2 s; say, after `passnum trustlist sign`) and on SIGHUP. \
            With --trust-root, a list is taken only if that root key signed it (SPEC.md §14): \
            a list that does not verify stops the start, or is refused at a reload while the \
            previous one stays. SIGTERM or SIGINT stops the service after the requests in \
            flight are answered.
            """
    )

    @Option(help: "Address and port to listen on (port 0: any free port).")
    var listen = "127.0.0.1:8080"

    @OptionGroup var store: StoreOption

    @Flag(help: "Create the spent list if it does not exist (first start). Without it, a missing spent list is an error: a service started in the wrong folder must not serve an empty list.")
    var `init` = false

    @OptionGroup var trustList: TrustListOption

    @OptionGroup var root: TrustRootOption

    @Option(help: "The service's receipt-signing key file (made if missing).")
    var receiptKey = "receipt.secret"

    @OptionGroup var webCounter: WebCounterOptions

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel = "info"

    @Option(help: "Seconds a request (headers and body) may take to arrive; a slower one is cut off (408).")
    var requestTimeout = 15

    @Option(help: "Open connections, all clients together; more are answered 503.")
    var maxConnections = ConnectionLimits.standard.maxConnections

    @Option(help: "Open connections from one client address; more are answered 503. Raise it behind a reverse proxy.")
    var maxConnectionsPerAddress = ConnectionLimits.standard.maxPerAddress

    @Option(help: "Refused keys from one client address within a minute before it is paused for a minute (429). Raise it only for a test that sends wrong keys on purpose.")
    var maxRefusedKeys = KeyGuessingLimits.standard.maxFailures

    var connectionLimits: ConnectionLimits {
        ConnectionLimits(requestTimeout: .seconds(requestTimeout), maxConnections: maxConnections, maxPerAddress: maxConnectionsPerAddress)
    }

    @Option(help: "Serve HTTPS with this PEM certificate chain (the service's certificate first); needs --tls-key.")
    var tlsCert: String?

    @Option(help: "The PEM private key of --tls-cert.")
    var tlsKey: String?

    @Flag(help: "Allow plain HTTP on an address other than 127.0.0.1/localhost (keys and passes then travel unencrypted: only behind a TLS proxy on the same host or a trusted network).")
    var insecureHTTP = false

    func validate() throws {
        guard ListenAddress(listen) != nil else { throw ValidationError(Words(en: "--listen '\(listen)' is not HOST:PORT", fr: "--listen « \(listen) » n'est pas de la forme HÔTE:PORT").text) }
        guard (tlsCert == nil) == (tlsKey == nil) else { throw ValidationError(Words(en: "--tls-cert and --tls-key go together", fr: "--tls-cert et --tls-key vont ensemble").text) }
        if tlsCert == nil, !insecureHTTP, let host = ListenAddress(listen)?.host, !PlainHTTP.isLoopback(host) {
            throw ValidationError(Words(
                en: "refusing plain HTTP on \(host): partner keys and passes would travel unencrypted. Give --tls-cert and --tls-key, listen on 127.0.0.1 behind a TLS proxy, or add --insecure-http",
                fr: "refus du HTTP non chiffré sur \(host) : les clés partenaires et les pass passeraient en clair. Donnez --tls-cert et --tls-key, écoutez sur 127.0.0.1 derrière un proxy TLS, ou ajoutez --insecure-http").text)
        }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError(Words(en: "--log-level '\(logLevel)' is not a log level", fr: "--log-level « \(logLevel) » n'est pas un niveau de journal").text) }
        for (name, value, range) in [("--request-timeout", requestTimeout, 1...3600), ("--max-connections", maxConnections, 1...1_000_000), ("--max-connections-per-address", maxConnectionsPerAddress, 1...1_000_000), ("--max-refused-keys", maxRefusedKeys, 1...1_000_000)] where !range.contains(value) {
            throw ValidationError(Words(en: "\(name) must be from \(range.lowerBound) to \(range.upperBound), not \(value)", fr: "\(name) doit être entre \(range.lowerBound) et \(range.upperBound), pas \(value)").text)
        }
    }

    func run() async throws {
        try await reportingFailures {
            let level = Logger.Level(rawValue: logLevel)!
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
            let address = ListenAddress(listen)!
            guard trustList.file.exists else {
                throw Failure(
                    Words(en: "no trust list at \(trustList.path)", fr: "pas de liste de confiance dans \(trustList.path)"),
                    hint: Words(en: "make a key with `passnum keys generate`, or give --trust-list", fr: "créez une clé avec `passnum keys generate`, ou indiquez --trust-list"))
            }
            let rootKey = try root.key()
            if rootKey == nil { Console.warning(TrustRootOption.unpinnedWarning) }
            let trust = try trustList.file.loadSigned(root: rootKey)
            let spent = try await store.open(`init` ? .create : .existing)
            let storeText = (try? StoreLocation(text: store.location).text) ?? store.location
            let signer = try ReceiptKeyFile(path: receiptKey).signer()
            let adminKey = ProcessInfo.processInfo.environment["PASSNUM_ADMIN_KEY"].map { APIKeyHash(of: $0) }
            let service = Service(
                store: spent, trustList: trust.list, trustListJSON: Data(trust.bytes), trustListSignature: trust.signature?.text,
                signer: signer, adminKey: adminKey, logger: Logger(label: "passnum.service"),
                keyGuessing: KeyGuessingLimits(maxFailures: maxRefusedKeys),
                web: try WebFolder.locate(webCounter.web).map { try WebFiles(folder: $0) }, sessionKey: try SessionKey.file(webCounter.sessionKey),
                statementPDF: WebStatement.renderer(trustListPath: trustList.path), trustRoot: rootKey)
            let tls = try loadTLS()
            let scheme = tls == nil ? "http" : "https"
            let reload = TrustListReload(file: trustList.file, root: rootKey, service: service, signedAt: trust.signature?.signedAt)
            OpenFiles.raiseLimit(toServe: maxConnections)
            let app = service.buildApplication(host: address.host, port: address.port, limits: connectionLimits, tls: tls) { port in
                Console.info(Words(
                    en: "passnum: listening on \(scheme)://\(address.host):\(port) (spent list \(storeText), receipt key \(signer.keyID))",
                    fr: "passnum : à l'écoute sur \(scheme)://\(address.host):\(port) (liste des passes utilisés \(storeText), clé des reçus \(signer.keyID))"))
            }
            defer { reload.cancel() }
            do {
                try await app.runService()
            } catch where ListenAddress.isInUse(error) {
                throw Failure(
                    Words(en: "the port \(address.port) on \(address.host) is already in use: another `passnum serve` or another program is listening there",
                          fr: "le port \(address.port) sur \(address.host) est déjà utilisé : un autre `passnum serve` ou un autre programme y écoute"),
                    hint: Words(en: "stop that program, or choose another port: --listen \(address.host):\(address.port == 8080 ? 8081 : 8080)",
                                fr: "arrêtez ce programme, ou choisissez un autre port : --listen \(address.host):\(address.port == 8080 ? 8081 : 8080)"))
            }
            Console.info(Words(en: "passnum: service stopped", fr: "passnum : service arrêté"))
        }
    }

    /// The TLS certificate and key, checked before anything listens.
    private func loadTLS() throws -> ServiceTLS? {
        guard let tlsCert, let tlsKey else { return nil }
        do {
            return try ServiceTLS(certificateFile: tlsCert, keyFile: tlsKey)
        } catch {
            throw Failure(Words(en: "TLS: \(error.file): \(error.problem)", fr: "TLS : \(error.file) : certificat ou clé privée PEM illisible, ou qui ne vont pas ensemble"),
                          hint: Words(en: "--tls-cert takes the PEM certificate chain, --tls-key its unencrypted PEM private key",
                                      fr: "--tls-cert prend la chaîne de certificats PEM, --tls-key sa clé privée PEM non chiffrée"))
        }
    }
}

struct ListenAddress {
    let host: String
    let port: Int

    init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else { return nil }
        host = String(text[..<colon])
        self.port = port
        guard !host.isEmpty else { return nil }
    }

    /// Whether starting the server failed because the address is taken. SwiftNIO reports it as
    /// an `IOError` from bind(2) with EADDRINUSE; the CLI does not link NIO itself, so the
    /// error is recognised by its errno in the description.
    static func isInUse(_ error: any Error) -> Bool {
        let text = String(describing: error)
        return text.contains("errno: \(EADDRINUSE)") || text.contains("Address already in use")
    }
}

/// `--db sqlite:PATH` or `--db postgres://USER@HOST:PORT/DATABASE`, shared by the service's commands.
struct StoreOption: ParsableArguments {
    @Option(name: .customLong("db"), help: "The spent list: sqlite:PATH, or postgres://USER@HOST:PORT/DATABASE (password in PGPASSWORD or --db-password-file, never in the URL).")
    var location = StoreLocation.defaultText

    @Option(help: "A file whose first line is the PostgreSQL password (instead of PGPASSWORD).")
    var dbPasswordFile: String?

    /// Opens the spent list; a command that only reads passes `.readOnly`, so a wrong folder
    /// (or database) is an error naming it instead of a new empty list.
    func open(_ access: SQLiteFile.Access = .create) async throws -> any SpentStore {
        try await StoreLocation(text: location).open(access, passwordFile: dbPasswordFile)
    }
}

/// The service's receipt key: a `KeyFile` like an issuer key, plus `<name>.pub` with the public
/// key in base64 for partners.
struct ReceiptKeyFile {
    let path: String

    var publicPath: String {
        (path.hasSuffix(".secret") ? String(path.dropLast(".secret".count)) : path) + ".pub"
    }

    func signer() throws -> ReceiptSigner {
        if FileManager.default.fileExists(atPath: path) {
            let key = try KeyFile.openSigningKey(AtomicFile.read(path), passphrase: Passphrase.forOpening)
            try writePublic(key)
            return ReceiptSigner(key: key)
        }
        let key = SigningKey.generate()
        let passphrase = Passphrase.isGiven ? try Passphrase.forNewKey() : nil
        try AtomicFile.write(KeyFile.seal(key, passphrase: passphrase), to: path, mode: 0o600, overwrite: false)
        try writePublic(key)
        Console.info(Words(
            en: "passnum: new receipt key \(key.kid) in \(path)\(passphrase == nil ? " (NOT encrypted: set PASSNUM_PASSPHRASE to seal it)" : ""), public key in \(publicPath)",
            fr: "passnum : nouvelle clé des reçus \(key.kid) dans \(path)\(passphrase == nil ? " (NON chiffrée : définissez PASSNUM_PASSPHRASE pour la sceller)" : ""), clé publique dans \(publicPath)"))
        return ReceiptSigner(key: key)
    }

    private func writePublic(_ key: SigningKey) throws {
        let text = Data(key.publicKey).base64EncodedString() + "\n"
        if (try? AtomicFile.read(publicPath)) == Array(text.utf8) { return }
        try AtomicFile.write(Array(text.utf8), to: publicPath, mode: OutputFile.public, overwrite: true)
    }
}

/// Reloads the trust list on SIGHUP, and by itself when the list or its signature file changes
/// (checked every `checkEvery`): `passnum keys generate`, `keys revoke` or `trustlist sign` on
/// the service's trust list take effect without anyone sending a signal. A list that does not
/// load, or does not verify against the pinned root key, is refused with an error in the log,
/// and the previous one stays in force (a list rewritten before its signature is taken once
/// the signature follows).
final class TrustListReload: @unchecked Sendable {  // `seen` is used on `queue` only
    static let checkEvery: DispatchTimeInterval = .seconds(2)
    private let file: TrustListFile
    private let root: [UInt8]?
    private let service: Service
    private let queue = DispatchQueue(label: "passnum.trust-list-reload")
    private var seen: [FileSignature]
    /// When the list in force was signed: with a pinned root, an older list is refused.
    private var signedAt: UInt32?
    private var sources: [any DispatchSourceProtocol] = []

    init(file: TrustListFile, root: [UInt8]?, service: Service, signedAt: UInt32?) {
        self.file = file
        self.root = root
        self.service = service
        self.signedAt = signedAt
        seen = Self.signatures(file)
        signal(SIGHUP, SIG_IGN)
        let hangUp = DispatchSource.makeSignalSource(signal: SIGHUP, queue: queue)
        hangUp.setEventHandler { [self] in reload() }
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + Self.checkEvery, repeating: Self.checkEvery)
        timer.setEventHandler { [self] in
            if Self.signatures(self.file) != seen { reload() }
        }
        sources = [hangUp, timer]
        hangUp.resume()
        timer.resume()
    }

    private static func signatures(_ file: TrustListFile) -> [FileSignature] {
        [FileSignature(path: file.path), FileSignature(path: file.signaturePath)]
    }

    private func reload() {
        seen = Self.signatures(file)
        do {
            let loaded = try file.loadSigned(root: root)
            if root != nil, let kept = signedAt, let new = loaded.signature?.signedAt, new < kept {
                throw IssuerError(.trustListSignature, "\(file.signaturePath): the list was signed before the one in force; an old list is never taken back")
            }
            service.replaceTrustList(loaded.list, json: Data(loaded.bytes), signature: loaded.signature?.text)
            signedAt = loaded.signature?.signedAt
        } catch {
            service.logger.error("trust list not reloaded; the previous one stays", metadata: ["error": "\(error)"])
        }
    }

    func cancel() {
        for source in sources { source.cancel() }
    }
}

/// What tells a rewritten file from the one loaded: the trust list is replaced by rename, so
/// its inode changes, and its time and size usually do too.
struct FileSignature: Equatable {
    let inode: UInt64, size: Int64, modified: Int64

    init(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            inode = 0
            size = -1
            modified = 0
            return
        }
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
    }
}

/// Each connection takes a file descriptor, beside the databases and files: at start the
/// service raises its soft limit towards the hard one (as Go programs do), so the connection
/// caps, not the descriptors, are what refuses a crowd; it warns when even the hard limit is lower.
enum OpenFiles {
    #if os(Linux)
    private static let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
    #else
    private static let resource = RLIMIT_NOFILE
    #endif

    static func raiseLimit(toServe connections: Int) {
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0 else { return }
        // The answered 503s and the service's own files need room beyond the cap.
        let wanted = rlim_t(connections + 512)
        guard limit.rlim_cur < wanted else { return }
        limit.rlim_cur = min(wanted, limit.rlim_max)
        _ = setrlimit(resource, &limit)
        if limit.rlim_cur < wanted {
            Console.warning(Words(
                en: "passnum: at most \(limit.rlim_cur) open files (ulimit -n): fewer than --max-connections \(connections) needs; raise the limit or lower --max-connections",
                fr: "passnum : au plus \(limit.rlim_cur) fichiers ouverts (ulimit -n) : moins que ce qu'il faut pour --max-connections \(connections) ; relevez la limite ou baissez --max-connections"))
        }
    }
}
