import Foundation
import Hummingbird
import SpentList
import SpentListAPI

/// Who is asking. Partners and the admin present `Authorization: Bearer <key>`; the key is
/// hashed and compared in constant time with the stored hash, and never logged.
public enum Principal: Sendable {
    case partner(Partner)
    /// A social-services office: it records hand-overs, and nothing else.
    case office(Partner)
    case admin
}

struct Authenticator: Sendable {
    let store: any SpentStore
    /// An admin key given by environment variable to `passnum serve`, besides the stored one.
    let extraAdminKey: APIKeyHash?
    /// Active partners seen in the last second, so the hot path does not read the database for
    /// every request. A partner disabled with `passnum partners disable` (another process) is
    /// refused at most a second later.
    let cache = ShortLivedCache<APIKeyHash, Partner>()
    /// Signs and checks browsers' session cookies (`SessionCookie`).
    var sessionKey = SessionKey.random()
    /// The service's clock, which session expiries are read against.
    var clock: @Sendable () -> Date = { Date() }

    func principal(_ request: Request) async throws -> Principal {
        guard let presented = Self.bearer(request) else { throw ServiceError.unauthorized }
        let hash = presented.hash
        // Partners first: they are the hot path.
        if let partner = cache.value(for: hash) { return Self.principal(partner) }
        if let partner = try await store.partner(keyHash: hash) {
            guard partner.isActive else { throw ServiceError.unauthorized }
            cache.keep(partner, for: hash)
            return Self.principal(partner)
        }
        guard try await isAdmin(hash) else { throw ServiceError.unauthorized }
        return .admin
    }

    static func principal(_ account: Partner) -> Principal {
        account.role == .office ? .office(account) : .partner(account)
    }

    /// The key of `Authorization: Bearer <key>` (the scheme in any case, spaces around the two
    /// words allowed). Byte by byte: splitting the string by characters cost about 1% of the
    /// service's CPU under load.
    static func bearer(_ request: Request) -> APIKey? {
        guard let header = request.headers[.authorization], header.utf8.count <= 300 else { return nil }
        let words = header.utf8.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: true)
        guard words.count == 2, words[0].count == 6,
              zip(words[0], "bearer".utf8).allSatisfy({ $0 | 0x20 == $1 })
        else { return nil }
        return APIKey(text: String(Substring(words[1])))
    }
}

extension Principal {
    /// The role a session of this principal has (`API.Session.Role`).
    public var role: API.Session.Role {
        switch self {
        case .partner: .partner
        case .office: .office
        case .admin: .admin
        }
    }

    /// The partner's or the office's name; nil for the admin.
    var name: String? {
        switch self {
        case .partner(let account), .office(let account): account.name
        case .admin: nil
        }
    }

    /// Who is signed in, as `GET /v1/session` and the sign-in answer say it.
    func session(expires: Date?) -> API.Session {
        API.Session(
            role: role, partner: role == .partner ? name : nil, office: role == .office ? name : nil, expiresAt: expires.map(Timestamp.init))
    }
}
