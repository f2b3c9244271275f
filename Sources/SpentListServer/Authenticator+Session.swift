import Foundation
import Hummingbird
import SpentList

extension Authenticator {
    /// Who is asking: the bearer key when one is given (CLI counters, scripts), else the
    /// browser's session cookie, with its expiry. The session's principal is found from its key
    /// hash as a bearer key's is, and must still be of the session's role.
    func caller(_ request: Request) async throws -> (Principal, sessionExpires: Date?) {
        if request.headers[.authorization] != nil { return (try await principal(request), nil) }
        guard let value = SessionCookie.presented(in: request.headers[values: .cookie]) else { throw ServiceError.unauthorized }
        guard let session = SessionCookie(value: value, key: sessionKey) else { throw ServiceError.unauthorized }
        guard clock() < session.expires else { throw ServiceError.sessionExpired }
        try Self.checkOrigin(request)
        guard let principal = try await principal(keyHash: session.keyHash), principal.role == session.role else {
            throw ServiceError.unauthorized
        }
        return (principal, session.expires)
    }

    /// The active partner or office whose key hashes to `hash`, or the admin; nil for none.
    func principal(keyHash hash: APIKeyHash) async throws -> Principal? {
        if let account = try await activePartner(hash) { return Self.principal(account) }
        return try await isAdmin(hash) ? .admin : nil
    }

    /// The active partner (or office) whose key hashes to `hash`, through the same cache as bearer keys.
    func activePartner(_ hash: APIKeyHash) async throws -> Partner? {
        if let partner = cache.value(for: hash) { return partner }
        guard let partner = try await store.partner(keyHash: hash), partner.isActive else { return nil }
        cache.keep(partner, for: hash)
        return partner
    }

    /// Whether `hash` is the admin key's: the one given to `passnum serve`, or the stored one.
    func isAdmin(_ hash: APIKeyHash) async throws -> Bool {
        if let extraAdminKey, extraAdminKey.matches(hash) { return true }
        return try await store.adminKeyHash()?.matches(hash) ?? false
    }

    /// A request that changes something on the strength of a cookie must come from the service's
    /// own pages: SameSite=Strict already keeps other sites' requests cookieless; this refuses a
    /// declared foreign `Origin` as well, in case a browser does not honour SameSite.
    static func checkOrigin(_ request: Request) throws {
        guard request.method != .get, request.method != .head, let origin = request.headers[.origin] else { return }
        let host = request.head.authority ?? ""
        guard let url = URL(string: origin), let originHost = url.host else { throw ServiceError.foreignOrigin }
        let originAuthority = url.port.map { "\(originHost):\($0)" } ?? originHost
        guard originAuthority.lowercased() == host.lowercased() else { throw ServiceError.foreignOrigin }
    }
}

extension ServiceError {
    static let sessionExpired = ServiceError(
        .unauthorized, .sessionExpired, "the session has expired: sign in again with your key")
    static let foreignOrigin = ServiceError(.forbidden, .forbidden, "a session request must come from the service's own pages")
}
