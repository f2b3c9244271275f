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
