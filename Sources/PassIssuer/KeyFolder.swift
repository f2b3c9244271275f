import Foundation
import PassVerifier

/// A folder of issuer keys and what belongs to them: the sealed key files (`<kid>.secret`), the
/// trust list partners receive (`trustlist.json`) and the issuance ledger the keys issue from
/// (`issuance.sqlite`). The three travel together: a key moved without its ledger could hand
/// out its serials again.
public struct KeyFolder: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    /// The folder of a key file: `Keys/ab12cd34.secret` → `Keys`.
    public init(besideKey keyPath: String) {
        path = URL(fileURLWithPath: keyPath).deletingLastPathComponent().path
    }

    public var trustListPath: String { file("trustlist.json") }
    public var ledgerPath: String { file(Ledger.fileName) }
    public func keyPath(_ kid: KeyID) -> String { file("\(kid).secret") }

    /// Makes a key whose series (SPEC.md §11) no key of the trust list has, registers it in the
    /// ledger (made if missing), writes it sealed under `passphrase` (in clear when nil), and
    /// lists it in the trust list. Registering comes first: a key file never exists without its
    /// ledger knowing it.
    public func generate(
        issuer: String, validity: ClosedRange<Date>, passphrase: SecretBytes?, overwrite: Bool
    ) throws(IssuerError) -> IssuerKey {
        let trustList = TrustListFile(path: trustListPath)
        let taken = Set(try (trustList.exists ? trustList.load().keys : []).map { PassSeries(keyID: $0.kid) })
        // One draw nearly always; 20,000 find the last free series with near certainty.
        guard taken.count < 1000, let key = (0..<20_000).lazy.map({ _ in IssuerKey.generate() }).first(where: { !taken.contains(PassSeries(keyID: $0.kid)) }) else {
            throw IssuerError(.trustList, "every pass-number series is taken in \(trustListPath)")
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw IssuerError(.io, "cannot make the folder \(path)")
        }
        try Ledger(path: ledgerPath).register(key.kid)
        let sealed = try KeyFile.seal(key, passphrase: passphrase)
        try AtomicFile.write(sealed, to: keyPath(key.kid), mode: 0o600, overwrite: overwrite)
        try trustList.add(TrustList.Key(
            publicKey: key.publicKey, issuer: issuer, notBefore: validity.lowerBound, notAfter: validity.upperBound, status: .active))
        return key
    }

    /// The ledger of the key at `keyPath`, or the one named: it must exist and know the key.
    /// The error says what to do, since the usual cause is an old habit (a ledger in the
    /// current folder) rather than damage.
    public static func ledger(for kid: KeyID, at path: String) throws(IssuerError) -> Ledger {
        guard FileManager.default.fileExists(atPath: path) else {
            throw IssuerError(.keyNotInLedger, "there is no issuance ledger at \(path) for key \(kid)")
        }
        let ledger = try Ledger(path: path, access: .existing)
        guard try ledger.knows(kid) else {
            throw IssuerError(.keyNotInLedger, "the issuance ledger \(path) has never seen key \(kid)")
        }
        return ledger
    }

    private func file(_ name: String) -> String {
        URL(fileURLWithPath: path).appendingPathComponent(name).path
    }
}
