import CSodium
import Foundation
import PassIssuer
import PassVerifier
import SpentList
import SpentListAPI

/// The secret that signs browsers' session cookies (32 random bytes). `passnum serve` keeps it
/// in a file, so sessions outlive a restart (a counter that was offline while the service was
/// down syncs without signing in again); tests make one per service.
public struct SessionKey: Sendable {
    let bytes: [UInt8]

    public static func random() -> SessionKey {
        LibSodium.ensureInitialised()
        var bytes = [UInt8](repeating: 0, count: Int(crypto_auth_KEYBYTES))
        randombytes_buf(&bytes, bytes.count)
        return SessionKey(bytes: bytes)
    }

    /// The key in `path`, made (0600) on first use.
    public static func file(_ path: String) throws(IssuerError) -> SessionKey {
        if FileManager.default.fileExists(atPath: path) {
            let text = String(decoding: try AtomicFile.read(path), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard let bytes = Base64URL.decode(text), bytes.count == Int(crypto_auth_KEYBYTES) else {
                throw IssuerError(.badKeyFile, "\(path) is not a session key (32 bytes in base64url)")
            }
            return SessionKey(bytes: bytes)
        }
        let key = random()
        try AtomicFile.write(Array((Base64URL.encode(key.bytes) + "\n").utf8), to: path, mode: 0o600, overwrite: false)
        return key
    }

    func mac(_ message: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Int(crypto_auth_BYTES))
        _ = crypto_auth(&out, message, UInt64(message.count), bytes)
        return out
    }

    func verify(_ mac: [UInt8], of message: [UInt8]) -> Bool {
        mac.count == Int(crypto_auth_BYTES) && crypto_auth_verify(mac, message, UInt64(message.count), bytes) == 0
    }
}

/// A signed-in browser: the role it signed in as, the hash of the key it used and an expiry,
/// MACed with the `SessionKey`. Nothing is kept server-side: the key hash finds the partner,
/// office or admin as a bearer key would, so disabling a partner or an office, or rotating its
/// key or the admin key, ends its sessions too. The role is signed with the rest, so a session
/// opens only the routes and pages of the kind of key it was opened with.
struct SessionCookie: Equatable {
    typealias Role = API.Session.Role
    static let name = "passnum_session"

    let role: Role
    let keyHash: APIKeyHash
    /// Whole Unix seconds.
    let expires: Date

    /// A working day and then some for a counter or an office, which sign in once in the
    /// morning; two hours for the admin, whose key also cancels passes and sees every partner.
    static func lifetime(_ role: Role) -> TimeInterval {
        role == .admin ? 2 * 3600 : 12 * 3600
    }

    /// role (1 byte) ‖ key hash (32) ‖ expiry (8, big-endian seconds), then the MAC.
    private static let messageBytes = 41

    func value(_ key: SessionKey) -> String {
        let message = Self.message(role, keyHash, expires)
        return Base64URL.encode(message + key.mac(message))
    }

    /// The session a cookie value names, if the service signed it (expired or not).
    init?(value: some StringProtocol, key: SessionKey) {
        let size = Self.messageBytes
        guard value.utf8.count <= 200, let bytes = Base64URL.decode(value), bytes.count == size + Int(crypto_auth_BYTES) else { return nil }
        let message = Array(bytes[..<size])
        guard key.verify(Array(bytes[size...]), of: message), let role = Self.roles[message[0]] else { return nil }
        guard let hash = APIKeyHash(hex: LowerHex.text(message[1..<33])) else { return nil }
        self.role = role
        keyHash = hash
        expires = Date(timeIntervalSince1970: TimeInterval(message[33...].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }))
    }

    init(role: Role, keyHash: APIKeyHash, expires: Date) {
        self.role = role
        self.keyHash = keyHash
        self.expires = Date(timeIntervalSince1970: expires.timeIntervalSince1970.rounded(.down))
    }

    /// The role's byte in the cookie; 0 is never one, so a zeroed cookie names no role.
    private static let bytes: [Role: UInt8] = [.partner: 1, .office: 2, .admin: 3]
    private static let roles = Dictionary(uniqueKeysWithValues: bytes.map { ($1, $0) })

    private static func message(_ role: Role, _ hash: APIKeyHash, _ expires: Date) -> [UInt8] {
        let seconds = UInt64(max(0, expires.timeIntervalSince1970))
        return [bytes[role]!] + hash.bytes + (0..<8).map { UInt8(truncatingIfNeeded: seconds >> (8 * (7 - $0))) }
    }

    /// The `Set-Cookie` value: HttpOnly (no script reads it), SameSite=Strict (no other site
    /// sends it), Secure when the page came over HTTPS.
    func header(_ key: SessionKey, secure: Bool, now: Date) -> String {
        let maxAge = Int(max(0, expires.timeIntervalSince(now)))
        return "\(Self.name)=\(value(key)); Path=/; Max-Age=\(maxAge); HttpOnly; SameSite=Strict\(secure ? "; Secure" : "")"
    }

    /// Clears the cookie (sign-out).
    static func clearing(secure: Bool) -> String {
        "\(name)=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict\(secure ? "; Secure" : "")"
    }

    /// The session cookie's value among a request's `Cookie` headers.
    static func presented(in cookieHeaders: [String]) -> Substring? {
        for header in cookieHeaders {
            for pair in header.split(separator: ";") {
                let trimmed = pair.drop(while: { $0 == " " })
                if trimmed.hasPrefix(name + "=") { return trimmed.dropFirst(name.count + 1) }
            }
        }
        return nil
    }
}
