import Hummingbird

/// Registers each route in a group of its own behind an `AccessMiddleware` for who may call it,
/// and a 405 with `Allow` for the other methods on each path, so a wrong method is told apart
/// from an unknown path (and answered before any key is checked).
struct RouteTable {
    let router: Router<ServiceContext>
    let authenticator: Authenticator
    let watch: KeyWatch
    private var methods: [String: [HTTPRequest.Method]] = [:]
    private var order: [String] = []

    init(router: Router<ServiceContext>, authenticator: Authenticator, watch: KeyWatch) {
        self.router = router
        self.authenticator = authenticator
        self.watch = watch
    }

    /// `metered`: the redemption metrics, which run before the access check so that they count
    /// refused keys too. `page`: a page the service writes, whose refusals (the access check's
    /// included) are answered as a page (`PageErrorMiddleware`).
    mutating func add(
        _ path: String, _ method: HTTPRequest.Method, _ access: Access, metered: ServiceMetrics? = nil, page: Bool = false,
        _ handler: @escaping @Sendable (Request, ServiceContext) async throws -> Response
    ) {
        let routerPath = path.replacingOccurrences(of: "{", with: ":").replacingOccurrences(of: "}", with: "")
        let group = router.group()
        if let metered { group.add(middleware: RedemptionMetricsMiddleware(metrics: metered)) }
        if page { group.add(middleware: PageErrorMiddleware()) }
        group.add(middleware: AccessMiddleware(access: access, authenticator: authenticator, watch: watch))
        group.on(RouterPath(routerPath), method: method, use: handler)
        if methods[routerPath] == nil { order.append(routerPath) }
        methods[routerPath, default: []].append(method)
    }

    /// QUERY (draft-ietf-httpbis-safe-method-w-body), which HTTPTypes does not name yet.
    static let query = HTTPRequest.Method("QUERY")!

    func finish() {
        // OPTIONS, TRACE and QUERY too: the document says 405 for every method a path does not
        // have, and schemathesis sends them (issue 14 §2.3). HEAD is answered as GET.
        let all: [HTTPRequest.Method] = [.get, .post, .put, .patch, .delete, .options, .trace, Self.query]
        for path in order {
            let allowed = methods[path]!.filter { $0 != .head }
            let allow = allowed.map(\.rawValue).joined(separator: ", ")
            for method in all where !allowed.contains(method) {
                router.on(RouterPath(path), method: method) { request, _ -> Response in
                    throw ServiceError(
                        .methodNotAllowed, .methodNotAllowed, "\(request.method) is not allowed here; use \(allow)",
                        headers: [.allow: allow])
                }
            }
        }
    }
}
