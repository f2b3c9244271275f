import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import PassVerifier
import SpentList
import SpentListAPI

/// What the service runs on; `passnum serve` and the tests build one and hand it over.
public struct Service: Sendable {
    public let store: any SpentStore
    public let committer: GroupCommitter
    private let trust: TrustHolder
    public let signer: ReceiptSigner
    public let metrics: ServiceMetrics
    public let logger: Logger
    /// The time the service verifies passes and stamps redemptions at; a parameter for tests.
    public let clock: @Sendable () -> Date
    let authenticator: Authenticator
    let refusedKeys: RefusedKeys
    /// The web pages served beside the API (`WebFiles`), if any.
    public let web: WebFiles?
    /// Whether browsers reach the service over HTTPS, so session cookies are marked Secure.
    public let secureCookies: Bool
    /// Draws a partner's statement as a PDF (`StatementRenderer`); without it, PDF statements are 404.
    public let statementPDF: StatementRenderer?
    /// The programme settings, kept for a second so the redemption path does not read them each
    /// time; a change made with `passnum programme set` applies within a second.
    let programmeCache = ShortLivedCache<ProgrammeSettings, API.Programme>()
    /// The programme's root public key pinned with `serve --trust-root`, which `GET
    /// /v1/trust-root` tells browsers (nil: none pinned, 404).
    public let trustRoot: [UInt8]?

    /// `keyGuessing`: when an address presenting wrong keys is paused (issue 14 §1.8).
    public init(
        store: any SpentStore, trustList: TrustList, trustListJSON: Data? = nil, trustListSignature: String? = nil, signer: ReceiptSigner, adminKey: APIKeyHash? = nil,
        logger: Logger = Logger(label: "passnum.service"), clock: @escaping @Sendable () -> Date = { Date() },
        keyGuessing: KeyGuessingLimits = .standard,
        web: WebFiles? = nil, sessionKey: SessionKey = .random(), secureCookies: Bool = false, statementPDF: StatementRenderer? = nil,
        trustRoot: [UInt8]? = nil
    ) {
        let metrics = ServiceMetrics()
        self.store = store
        self.committer = GroupCommitter(store: store) { _, duration in metrics.recordCommit(duration) }
        self.trust = TrustHolder((Verifier(trustList: trustList), trustListJSON ?? trustList.json(), trustListSignature))
        self.signer = signer
        self.metrics = metrics
        self.logger = logger
        self.clock = clock
        self.authenticator = Authenticator(store: store, extraAdminKey: adminKey, sessionKey: sessionKey, clock: clock)
        self.web = web
        self.secureCookies = secureCookies
        self.statementPDF = statementPDF
        self.refusedKeys = RefusedKeys(limits: keyGuessing)
        self.trustRoot = trustRoot
    }

    /// The verifier of the current trust list.
    public var verifier: Verifier { trust.current.verifier }

    /// The current trust list's JSON, as loaded, for `GET /v1/trustlist`.
    var trustListJSON: Data { trust.current.json }

    /// The header that carries the root key's signature of the list's bytes (SPEC.md §14.3).
    public static let signatureHeader = "Passnum-Trust-List-Signature"

    /// Replaces the trust list (after `passnum keys revoke`, say) without a restart; requests
    /// already verifying finish with the list they started with. `json` is the file's bytes,
    /// served to counters as they are (default: the list written anew), with `signature`, the
    /// text of the signature file beside it, when there is one.
    public func replaceTrustList(_ trustList: TrustList, json: Data? = nil, signature: String? = nil) {
        trust.current = (Verifier(trustList: trustList), json ?? trustList.json(), signature)
        logger.notice("trust list replaced", metadata: ["keys": "\(trustList.keys.count)", "signed": "\(signature != nil)"])
    }

    /// The routes of the contract (openapi.yaml), each with who may call it.
    public func buildRouter() -> Router<ServiceContext> {
        let router = Router(context: ServiceContext.self)
        router.add(middleware: JSONErrorMiddleware(serviceLogger: logger))
        let watch = KeyWatch(refused: refusedKeys, metrics: metrics, logger: logger)
        var routes = RouteTable(router: router, authenticator: authenticator, watch: watch)
        routes.add("/v1/redemptions", .post, .partner, metered: metrics) { request, context in
            try await redeem(request, context.partner())
        }
        routes.add("/v1/offline-redemptions", .post, .partner) { request, context in try await redeemOffline(request, context.partner()) }
        routes.add("/v1/passes/{kid}/{serial}", .get, .anyPrincipal) { _, context in try await passState(context) }
        routes.add("/v1/spent", .get, .anyPrincipal) { request, _ in try await feed(request) }
        routes.add("/v1/settlement", .get, .anyPrincipal) { request, context in try await settlement(request, context.caller()) }
        routes.add("/v1/conflicts", .get, .anyPrincipal) { request, context in try await conflicts(request, context.caller()) }
        routes.add("/v1/trustlist", .get, .anyPrincipal) { _, _ in
            let current = trust.current  // the list and its signature, taken together
            var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
            if let signature = current.signature { headers[.init(Self.signatureHeader)!] = signature }
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: current.json)))
        }
        routes.add("/v1/session", .post, .public) { request, context in try await signIn(request, context) }
        routes.add("/v1/session", .get, .anyKey) { _, context in try currentSession(context) }
        routes.add("/v1/session", .delete, .public) { request, _ in signOut(request) }
        routes.add("/v1/statement", .get, .partner) { request, context in try await statement(request, context.partner()) }
        routes.add("/v1/frames", .post, .scanner) { request, _ in try await decodeFrame(request) }
        web?.register(in: &routes)
        routes.add("/v1/revocations", .post, .admin) { request, _ in try await revoke(request) }
        routes.add("/v1/batches", .post, .admin) { request, _ in try await publishBatches(request) }
        routes.add("/v1/report", .get, .admin) { request, _ in try await report(request) }
        routes.add("/admin", .get, .admin, page: true) { request, _ in try await dashboard(request) }
        routes.add("/v1/redemptions/{kid}/{serial}/help", .post, .partner) { request, context in try await recordHelp(request, context, context.partner()) }
        routes.add("/v1/handouts", .post, .office) { request, context in try await handOut(request, context.office()) }
        routes.add("/v1/programme", .get, .anyPrincipal) { _, _ in try await programmeSettings() }
        routes.add("/v1/trust-root", .get, .public) { _, _ in
            // None pinned is a normal set-up (a demo), not an error a browser would log: 204.
            guard let trustRoot else { return Response(status: .noContent) }
            return jsonResponse(API.TrustRoot(kid: KeyID(publicKey: trustRoot).text, publicKey: Data(trustRoot).base64EncodedString(),
                                              fingerprint: TrustListSignature.fingerprint(rootPublicKey: trustRoot)), status: .ok)
        }
        routes.add("/v1/receipt-key", .get, .public) { _, _ in
            jsonResponse(API.ReceiptKey(kid: signer.keyID.text, publicKey: Data(signer.publicKey).base64EncodedString()), status: .ok)
        }
        routes.add("/healthz", .get, .public) { _, _ in jsonResponse(API.Health(), status: .ok) }
        // Load balancers and uptime probes ask with HEAD: the same answer without the body.
        routes.add("/healthz", .head, .public) { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"])
        }
        // Readiness: the store answers a write transaction within `Readiness.limit`; 503 otherwise.
        routes.add("/readyz", .get, .public) { _, _ in await readiness(withBody: true) }
        routes.add("/readyz", .head, .public) { _, _ in await readiness(withBody: false) }
        routes.add("/metrics", .get, .public) { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: metrics.text(batchStatistics: committer.statistics, pending: committer.pending))))
        }
        routes.finish()
        return router
    }

    /// An application listening on `host:port`; `port` 0 picks a free one. `limits` bound the
    /// time a request may take to arrive and the connections open (issue 14 §1.7). With `tls`,
    /// it speaks HTTPS only: TLS first on each connection, then the same guarded HTTP/1.1.
    public func buildApplication(
        host: String, port: Int, limits: ConnectionLimits = .standard, tls: ServiceTLS? = nil,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let tlsConfiguration = tls?.configuration
        return Application(
            router: buildRouter(),
            server: HTTPServerBuilder { responder in
                let http = GuardedHTTP1Channel(responder: responder, limits: limits, logger: logger)
                guard let tlsConfiguration else { return http }
                return try TLSChannel(http, tlsConfiguration: tlsConfiguration)
            },
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "passnum"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }

    // MARK: Reading a body

    /// A request body of the contract, at most `limit` bytes, read strictly (`API.decodeRequest`):
    /// JSON only (415 for another declared content type), every field known, none twice.
    func body<T: ContractRequest>(_ type: T.Type, of request: Request, limit: Int = Limits.bodyBytes) async throws -> T {
        try Self.requireJSON(request)
        return try Self.decode(type, try await request.body.collect(upTo: limit))
    }

    static func requireJSON(_ request: Request) throws {
        if let contentType = request.headers[.contentType], !isJSON(contentType) {
            throw ServiceError(.unsupportedMediaType, .unsupportedMediaType, "the body must be JSON (Content-Type: application/json)")
        }
    }

    static func decode<T: ContractRequest>(_ type: T.Type, _ buffer: ByteBuffer) throws -> T {
        do {
            return try API.decodeRequest(type, from: buffer.readableBytesView)
        } catch {
            throw ServiceError.badRequest(error.message, reason: error.reason)
        }
    }

    /// `application/json`, with or without parameters such as `charset=utf-8`.
    static func isJSON(_ contentType: String) -> Bool {
        // What clients send, compared first: the general path below (Foundation's trimming and
        // lowercasing) cost about 2% of the service's CPU under `make bench-service`.
        if contentType == "application/json" || contentType == "application/json; charset=utf-8" { return true }
        let mediaType = contentType.split(separator: ";", maxSplits: 1).first ?? ""
        return mediaType.trimmingCharacters(in: .whitespaces).lowercased() == "application/json"
    }
}

/// The current verifier, the JSON it came from and that JSON's signature, swapped whole under a
/// lock when the trust list is reloaded, so a counter never gets a list with another's signature.
final class TrustHolder: @unchecked Sendable {
    typealias Current = (verifier: Verifier, json: Data, signature: String?)
    private let lock = NSLock()
    private var value: Current  // guarded by `lock`

    init(_ value: Current) {
        self.value = value
    }

    var current: Current {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}
