import Foundation
import PassVerifier
import SafeOutput

/// Reads and edits `Keys/trustlist.json`. Edits keep fields this version does not know, so a
/// newer tool's additions survive an older tool's `keys revoke`.
public struct TrustListFile {
    public let path: String

    public init(path: String) { self.path = path }

    public var exists: Bool { FileManager.default.fileExists(atPath: path) }

    public func load() throws(IssuerError) -> TrustList {
        try loadWithBytes().list
    }

    /// The list and the file's bytes it was read from (the service hands the bytes to counters).
    public func loadWithBytes() throws(IssuerError) -> (list: TrustList, bytes: [UInt8]) {
        let bytes = try AtomicFile.read(path)
        do {
            return (try TrustList(json: bytes), bytes)
        } catch {
            throw IssuerError(.trustList, "\(path): \(error.message)")
        }
    }

    /// The signature file beside the list (SPEC.md §14.3): `trustlist.json.sig`.
    public var signaturePath: String { path + ".sig" }

    /// The list, its bytes, and the signature beside it. With a pinned `root` the signature
    /// must be there and verify over these very bytes (SPEC.md §14.2); without one, a signature
    /// that is there is read (the service hands it on to counters, which check it) and the list
    /// is taken unsigned, which only a demo or a test should do.
    public func loadSigned(root: [UInt8]?) throws(IssuerError) -> SignedTrustList {
        let (list, bytes) = try loadWithBytes()
        let text = FileManager.default.fileExists(atPath: signaturePath)
            ? String(decoding: try AtomicFile.read(signaturePath), as: UTF8.self) : nil
        guard let root else {
            return SignedTrustList(list: list, bytes: bytes, signature: text.flatMap { try? TrustListSignature(text: $0) }, checked: false)
        }
        guard let text else {
            throw IssuerError(.trustListSignature, "\(path) is not signed: there is no \(signaturePath), and a root key is pinned", subject: signaturePath)
        }
        do {
            let signature = try TrustListSignature.check(json: bytes, signature: text, rootPublicKey: root)
            return SignedTrustList(list: list, bytes: bytes, signature: signature, checked: true)
        } catch {
            throw IssuerError(.trustListSignature, "\(signaturePath): \(error.message)", subject: error.detail?.rawValue)
        }
    }

    /// Adds a key, creating the file if it is missing.
    public func add(_ key: TrustList.Key) throws(IssuerError) {
        var document = exists ? try rawDocument() : ["format": TrustList.format, "keys": [Any]()]
        var keys = document["keys"] as? [Any] ?? []
        let single: Data
        do {
            single = try TrustList(keys: [key]).json()
        } catch {
            throw IssuerError(.trustList, error.message)
        }
        let entry = try! JSONSerialization.jsonObject(with: single) as! [String: Any]
        keys.append((entry["keys"] as! [Any])[0])
        document["keys"] = keys
        try save(document)
    }

    /// Marks a key revoked. Returns false when it was already revoked.
    public func revoke(_ kid: KeyID) throws(IssuerError) -> Bool {
        var document = try rawDocument()
        var keys = document["keys"] as? [[String: Any]] ?? []
        guard let index = keys.firstIndex(where: { $0["kid"] as? String == kid.text }) else {
            throw IssuerError(.keyUnusable, "no key \(kid) in \(path)")
        }
        guard keys[index]["status"] as? String != TrustList.Status.revoked.rawValue else { return false }
        keys[index]["status"] = TrustList.Status.revoked.rawValue
        document["keys"] = keys
        try save(document)
        return true
    }

    /// The JSON object as it is on disk, after checking that it is a valid trust list.
    private func rawDocument() throws(IssuerError) -> [String: Any] {
        _ = try load()
        let bytes = try AtomicFile.read(path)
        return (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] ?? [:]
    }

    /// Checks the edited document still parses, then replaces the file atomically.
    private func save(_ document: [String: Any]) throws(IssuerError) {
        let data: Data
        do {
            data = try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            _ = try TrustList(json: data)
        } catch {
            throw IssuerError(.trustList, "the edited trust list would be invalid: \(error)")
        }
        try AtomicFile.write(data + [UInt8(ascii: "\n")], to: path, mode: OutputFile.public, overwrite: true)
    }
}

/// A trust list as `TrustListFile.loadSigned` read it.
public struct SignedTrustList: Sendable {
    public let list: TrustList
    /// The file's bytes, served to counters as they are: the signature covers exactly them.
    public let bytes: [UInt8]
    /// The signature beside the list, if there is a readable one.
    public let signature: TrustListSignature?
    /// Whether `signature` was checked against a pinned root key.
    public let checked: Bool
}
