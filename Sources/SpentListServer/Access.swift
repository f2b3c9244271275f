import Foundation
import Hummingbird
import Logging
import SpentList

/// The request context of the service: Hummingbird's, and who is asking once the route's
/// `AccessMiddleware` has resolved the bearer key.
public struct ServiceContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set for every route but the public ones, before the handler runs.
    public internal(set) var principal: Principal?
    /// The client's IP address, for the refused-key count ("unknown" when there is none, as in
    /// tests without a socket).
    public let clientAddress: String
    /// When the caller came with a browser session rather than a bearer key: its expiry.
    public internal(set) var sessionExpires: Date?

    public init(source: Source) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }
}

/// Who may call a route. Every route is registered with one (`RouteTable`), so a new route
/// cannot forget to check.
enum Access: Sendable {
    /// Anyone: health, metrics, the receipt key.
    case `public`
    /// Any partner or the admin (not an office).
    case anyPrincipal
    /// An office only: recording hand-overs.
    case office
    /// A partner only: redeeming is something a partner does.
    case partner
    /// The admin only.
    case admin
    /// A partner or an office: reading a camera frame, which the counter and the hand-over page
    /// both do.
    case scanner
    /// Any key or session, an office's included: who is signed in.
    case anyKey
}

/// Resolves the bearer key to a principal, refuses it when `access` does not allow it (401 for
/// no or a wrong key, 403 for the wrong kind), and hands it to the route in the context. An
/// address paused for refused keys is a 429 before its key is looked at.
struct AccessMiddleware: RouterMiddleware {
    typealias Context = ServiceContext
    let access: Access
    let authenticator: Authenticator
    let watch: KeyWatch

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard access != .public else { return try await next(request, context) }
        try watch.admit(context.clientAddress)
        let principal: Principal, sessionExpires: Date?
        do {
            (principal, sessionExpires) = try await authenticator.caller(request)
        } catch let error as ServiceError where error.status == .unauthorized && error.reason != .sessionExpired {
            // A wrong key or a forged session cookie; an expired session is an honest one.
            watch.refusedKey(request, from: context.clientAddress)
            throw error
        }
        switch (access, principal) {
        case (.partner, .admin): throw ServiceError.partnerOnly
        case (.admin, .partner), (.admin, .office): throw ServiceError.adminOnly
        case (.office, .partner), (.office, .admin): throw ServiceError.officeOnly
        case (.partner, .office), (.anyPrincipal, .office): throw ServiceError.notForOffices
        case (.scanner, .admin): throw ServiceError.scannersOnly
        default: break
        }
        var context = context
        context.principal = principal
        context.sessionExpires = sessionExpires
        return try await next(request, context)
    }
}

extension ServiceContext {
    /// The partner calling a `.partner` route.
    func partner() throws -> Partner {
        guard case .partner(let partner) = principal else { throw ServiceError.partnerOnly }
        return partner
    }

    /// The office calling an `.office` route.
    func office() throws -> Partner {
        guard case .office(let office) = principal else { throw ServiceError.officeOnly }
        return office
    }

    /// The principal of an `.anyPrincipal` route.
    func caller() throws -> Principal {
        guard let principal else { throw ServiceError.unauthorized }
        return principal
    }
}
