import Foundation
import Hummingbird
import Logging
import PassVerifier
import SpentList

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

    public init(
        store: any SpentStore, trustList: TrustList, trustListJSON: Data? = nil, signer: ReceiptSigner, adminKey: APIKeyHash? = nil,
        logger: Logger = Logger(label: "passnum.service"), clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.committer = GroupCommitter(store: store)
        self.trust = TrustHolder((Verifier(trustList: trustList), trustListJSON ?? trustList.json()))
        self.signer = signer
        self.metrics = ServiceMetrics()
        self.logger = logger
        self.clock = clock
        self.authenticator = Authenticator(store: store, extraAdminKey: adminKey)
    }

    /// The verifier of the current trust list.
    public var verifier: Verifier { trust.current.verifier }

    /// The current trust list's JSON, as loaded, for `GET /v1/trustlist`.
    var trustListJSON: Data { trust.current.json }

    /// Replaces the trust list (after `passnum keys revoke`, say) without a restart; requests
    /// already verifying finish with the list they started with. `json` is the file's bytes,
    /// served to counters as they are (default: the list written anew).
    public func replaceTrustList(_ trustList: TrustList, json: Data? = nil) {
        trust.current = (Verifier(trustList: trustList), json ?? trustList.json())
        logger.notice("trust list replaced", metadata: ["keys": "\(trustList.keys.count)"])
    }

    /// The routes of the contract (DESIGN.md "Service contract", openapi.yaml).
    public func buildRouter() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: JSONErrorMiddleware())
        var routes = RouteTable(router: router)
        routes.add("/v1/redemptions", .post) { request, _ in try await redeem(request) }
        routes.add("/v1/passes/{kid}/{serial}", .get) { request, context in try await passState(request, context) }
        routes.add("/v1/spent", .get) { request, _ in try await feed(request) }
        routes.add("/v1/revocations", .post) { request, _ in try await revoke(request) }
        routes.add("/v1/settlement", .get) { request, _ in try await settlement(request) }
        routes.add("/v1/offline-redemptions", .post) { request, _ in try await redeemOffline(request) }
        routes.add("/v1/conflicts", .get) { request, _ in try await conflicts(request) }
        routes.add("/v1/trustlist", .get) { request, _ in
            _ = try await authenticator.principal(request)
            return Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: trustListJSON)))
        }
        routes.add("/v1/receipt-key", .get) { _, _ in
            JSON.object([("kid", .string(signer.keyID.text)), ("publicKey", .string(Data(signer.publicKey).base64EncodedString()))])
                .response(status: .ok)
        }
        routes.add("/healthz", .get) { _, _ in JSON.object([("status", .string("ok"))]).response(status: .ok) }
        routes.add("/metrics", .get) { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: metrics.text(batchStatistics: committer.statistics))))
        }
        routes.finish()
        return router
    }

    /// An application listening on `host:port`; `port` 0 picks a free one.
    public func buildApplication(
        host: String, port: Int, onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: buildRouter(),
            // Idle keep-alive connections are closed after a minute, so idle sockets cannot pile up.
            server: .http1(configuration: .init(idleTimeout: .seconds(60))),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "passnum"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }

    // MARK: Reading a body

    /// The JSON object of a request body, at most `Limits.bodyBytes`, with exactly these fields.
    func jsonObject(
        _ request: Request, required: Set<String>, optional: Set<String> = [], limit: Int = Limits.bodyBytes
    ) async throws -> [String: Any] {
        let buffer = try await request.body.collect(upTo: limit)
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(buffer.readableBytesView))
        } catch {
            throw ServiceError.badRequest("the body is not valid JSON", code: "malformed_json")
        }
        guard let fields = object as? [String: Any] else {
            throw ServiceError.badRequest("the body must be a JSON object", code: "invalid_body")
        }
        let names = Set(fields.keys)
        if let missing = required.subtracting(names).sorted().first {
            throw ServiceError.badRequest("missing field \"\(missing)\"", code: "invalid_body")
        }
        if let extra = names.subtracting(required).subtracting(optional).sorted().first {
            throw ServiceError.badRequest("unknown field \"\(extra)\"", code: "invalid_body")
        }
        return fields
    }
}

/// Registers routes, and a 405 with `Allow` for the other methods on each path, so a wrong
/// method is told apart from an unknown path.
struct RouteTable {
    let router: Router<BasicRequestContext>
    private var methods: [String: [HTTPRequest.Method]] = [:]
    private var order: [String] = []

    init(router: Router<BasicRequestContext>) {
        self.router = router
    }

    mutating func add(
        _ path: String, _ method: HTTPRequest.Method,
        _ handler: @escaping @Sendable (Request, BasicRequestContext) async throws -> Response
    ) {
        let routerPath = path.replacingOccurrences(of: "{", with: ":").replacingOccurrences(of: "}", with: "")
        router.on(RouterPath(routerPath), method: method, use: handler)
        if methods[routerPath] == nil { order.append(routerPath) }
        methods[routerPath, default: []].append(method)
    }

    func finish() {
        let all: [HTTPRequest.Method] = [.get, .post, .put, .patch, .delete]
        for path in order {
            let allowed = methods[path]!
            let allow = allowed.map(\.rawValue).joined(separator: ", ")
            for method in all where !allowed.contains(method) {
                router.on(RouterPath(path), method: method) { request, _ -> Response in
                    throw ServiceError(
                        .methodNotAllowed, "method_not_allowed", "\(request.method) is not allowed here; use \(allow)",
                        headers: [.allow: allow])
                }
            }
        }
    }
}

/// The current verifier and the JSON it came from, swapped whole under a lock when the trust
/// list is reloaded.
final class TrustHolder: @unchecked Sendable {
    private let lock = NSLock()
    private var value: (verifier: Verifier, json: Data)  // guarded by `lock`

    init(_ value: (verifier: Verifier, json: Data)) {
        self.value = value
    }

    var current: (verifier: Verifier, json: Data) {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}
