import Foundation
import HTTPTypes
import Hummingbird
import SpentList
import SpentListAPI

extension Service {
    /// `POST /v1/session {"key"}` (public: the key is the credential): a partner's, an office's
    /// or the admin's key for a session cookie of that role. The page sends the key once and
    /// never stores it. A wrong key counts against the address as a wrong bearer key does
    /// (issue 14 §1.8).
    func signIn(_ request: Request, _ context: ServiceContext) async throws -> Response {
        let watch = KeyWatch(refused: refusedKeys, metrics: metrics, logger: logger)
        try watch.admit(context.clientAddress)
        let key = APIKey(text: try await body(API.SessionRequest.self, of: request).key)
        try Authenticator.checkOrigin(request)
        guard let principal = try await storeCall({ try await authenticator.principal(keyHash: key.hash) }) else {
            watch.refusedKey(request, from: context.clientAddress)
            throw ServiceError(.unauthorized, .unauthorized, "this key is not the key of an active partner or office, nor the admin key")
        }
        let now = clock()
        let session = SessionCookie(role: principal.role, keyHash: key.hash, expires: now.addingTimeInterval(SessionCookie.lifetime(principal.role)))
        logger.info("signed in", metadata: ["role": "\(principal.role.rawValue)", "name": "\(principal.name ?? "admin")"])
        var response = jsonResponse(principal.session(expires: session.expires), status: .created)
        response.headers[.setCookie] = session.header(authenticator.sessionKey, secure: Self.isHTTPS(request, tls: secureCookies), now: now)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// `GET /v1/session` (any key or session): who is signed in, in which role, and until when.
    func currentSession(_ context: ServiceContext) throws -> Response {
        var response = jsonResponse(try context.caller().session(expires: context.sessionExpires), status: .ok)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// `DELETE /v1/session` (public: signing out needs no valid session): clears the cookie.
    func signOut(_ request: Request) -> Response {
        Response(status: .noContent, headers: [.setCookie: SessionCookie.clearing(secure: Self.isHTTPS(request, tls: secureCookies)), .cacheControl: "no-store"])
    }

    /// Whether the browser reached the service over HTTPS: the service's own TLS, or a
    /// terminating proxy that says so.
    static func isHTTPS(_ request: Request, tls: Bool) -> Bool {
        tls || request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https"
    }
}
