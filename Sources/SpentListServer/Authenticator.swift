import Foundation
import Hummingbird
import SpentList

/// Who is asking. Partners and the admin present `Authorization: Bearer <key>`; the key is
/// hashed and compared in constant time with the stored hash, and never logged.
enum Principal: Sendable {
    case partner(Partner)
    case admin
}

struct Authenticator: Sendable {
    let store: any SpentStore
    /// An admin key given by environment variable to `passnum serve`, besides the stored one.
    let extraAdminKey: APIKeyHash?

    func principal(_ request: Request) async throws -> Principal {
        guard let presented = Self.bearer(request) else { throw ServiceError.unauthorized }
        let hash = presented.hash
        // Partners first: they are the hot path (one indexed read per redemption).
        if let partner = try await store.partner(keyHash: hash) {
            guard partner.isActive else { throw ServiceError.unauthorized }
            return .partner(partner)
        }
        if let extraAdminKey, extraAdminKey.matches(hash) { return .admin }
        if let stored = try await store.adminKeyHash(), stored.matches(hash) { return .admin }
        throw ServiceError.unauthorized
    }

    func partner(_ request: Request) async throws -> Partner {
        switch try await principal(request) {
        case .partner(let partner): partner
        case .admin: throw ServiceError(.forbidden, "forbidden", "the admin key cannot redeem passes; use a partner key")
        }
    }

    func admin(_ request: Request) async throws {
        guard case .admin = try await principal(request) else { throw ServiceError.adminOnly }
    }

    static func bearer(_ request: Request) -> APIKey? {
        guard let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let key = parts[1].trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty, key.utf8.count <= 200 else { return nil }
        return APIKey(text: key)
    }
}
