import Foundation
import HTTPTypes
import Hummingbird
import SpentList
import SpentListAPI

extension Service {
    /// `POST /v1/session {"key"}` (public: the key is the credential): a partner key for a
    /// session cookie. The page sends the key once and never stores it.
    /// A wrong key counts against the address as a wrong bearer key does (issue 14 §1.8).
    func signIn(_ request: Request, _ context: ServiceContext) async throws -> Response {
        let watch = KeyWatch(refused: refusedKeys, metrics: metrics, logger: logger)
        try watch.admit(context.clientAddress)
        let key = APIKey(text: try await body(API.SessionRequest.self, of: request).key)
        try Authenticator.checkOrigin(request)
        guard let partner = try await authenticator.activePartner(key.hash) else {
            if try await isAdminKey(key) {
                throw ServiceError(.forbidden, .forbidden, "this is the admin key: the counter signs in with a partner key")
            }
            watch.refusedKey(request, from: context.clientAddress)
            throw ServiceError(.unauthorized, .unauthorized, "this key is not an active partner's key")
        }
        let now = clock()
        let session = SessionCookie(keyHash: key.hash, expires: now.addingTimeInterval(SessionCookie.lifetime))
        logger.info("signed in", metadata: ["partner": "\(partner.name)"])
        var response = jsonResponse(API.Session(partner: partner.name, expiresAt: Timestamp(session.expires)), status: .created)
        response.headers[.setCookie] = session.header(authenticator.sessionKey, secure: Self.isHTTPS(request, tls: secureCookies), now: now)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// `GET /v1/session` (a partner): who is signed in, and until when.
    func currentSession(_ context: ServiceContext) throws -> Response {
        var response = jsonResponse(API.Session(partner: try context.partner().name, expiresAt: context.sessionExpires.map(Timestamp.init)), status: .ok)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// `DELETE /v1/session` (public: signing out needs no valid session): clears the cookie.
    func signOut(_ request: Request) -> Response {
        Response(status: .noContent, headers: [.setCookie: SessionCookie.clearing(secure: Self.isHTTPS(request, tls: secureCookies)), .cacheControl: "no-store"])
    }

    private func isAdminKey(_ key: APIKey) async throws -> Bool {
        if let extra = authenticator.extraAdminKey, extra.matches(key.hash) { return true }
        return try await storeCall { try await store.adminKeyHash() }?.matches(key.hash) ?? false
    }

    /// Whether the browser reached the service over HTTPS: the service's own TLS, or a
    /// terminating proxy that says so.
    static func isHTTPS(_ request: Request, tls: Bool) -> Bool {
        tls || request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https"
    }
}
