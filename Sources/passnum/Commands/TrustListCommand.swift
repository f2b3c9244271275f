import ArgumentParser
import Conventions
import Foundation
import PassIssuer
import PassVerifier
import SafeOutput

struct TrustListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trustlist",
        abstract: "Sign the trust list with the programme's root key, and check a signature.",
        discussion: """
            The signature (SPEC.md §14) covers the list's exact bytes and sits beside it in \
            trustlist.json.sig; `passnum serve` hands both to counters. Make the root key once \
            with `passnum keys generate --root`, and sign again after every `keys generate` or \
            `keys revoke`.
            """,
        subcommands: [Sign.self, Check.self]
    )
}

extension TrustListCommand {
    struct Sign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Sign a trust list's exact bytes with the root key.")

        @Option(help: "The root key file (root-<kid>.secret, from `passnum keys generate --root`).")
        var rootKey: String

        @Option(name: .customLong("in"), help: "The trust list to sign.")
        var list = Paths.trustList

        @Option(help: "The signature file (default: the list's name followed by .sig); replaced only with --force.")
        var out: String?
        @Flag(help: "Replace an existing signature file.") var force = false

        func run() async throws {
            try await reportingFailures {
                let bytes = try AtomicFile.read(list)
                let path = out ?? TrustListFile(path: list).signaturePath
                try AtomicFile.checkOutput(path, overwrite: force)  // before the passphrase is asked for nothing
                let key = RootKey(signingKey: try KeyFile.openSigningKey(AtomicFile.read(rootKey), passphrase: Passphrase.forOpening))
                let signature = try key.sign(list: bytes, at: Date())
                try AtomicFile.write(Array((signature.text + "\n").utf8), to: path, mode: OutputFile.public, overwrite: force)
                Console.info(Words(
                    en: "\(list) signed by root key \(key.kid) on \(Paris.dayAndTime(signature.signedDate)): \(path)",
                    fr: "\(list) signée par la clé racine \(key.kid) le \(Paris.dayAndTime(signature.signedDate)) : \(path)"))
                Console.hint(Words(en: "publish both files together; a running `passnum serve` picks them up by itself",
                                   fr: "publiez les deux fichiers ensemble ; un `passnum serve` en marche les reprend de lui-même"))
            }
        }
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Check a trust list's signature against the pinned root public key.",
            discussion: "Exit status 0 when the root key signed exactly this list and it loads, 1 otherwise.")

        @OptionGroup var root: TrustRootOption
        @Option(name: .customLong("in"), help: "The trust list.") var list = Paths.trustList
        @Option(help: "The signature file (default: the list's name followed by .sig).") var signature: String?

        @Flag(help: "One JSON object: {\"valid\":true,\"rootKid\":…,\"signedAt\":…} or {\"valid\":false,\"reason\":…}.")
        var json = false

        func run() async throws {
            try await reportingFailures {
                guard let rootFile = root.file else { _ = try root.requiredKey(); return }
                let rootText = String(decoding: try AtomicFile.read(rootFile), as: UTF8.self)
                let bytes = try AtomicFile.read(list)
                let text = String(decoding: try AtomicFile.read(signature ?? TrustListFile(path: list).signaturePath), as: UTF8.self)
                do throws(PassError) {
                    let key = try TrustListSignature.rootPublicKey(text: rootText)
                    let checked = try TrustListSignature.check(json: bytes, signature: text, rootPublicKey: key)
                    let keys = try TrustList(json: bytes).keys.count
                    print(json
                        ? jsonLine([("valid", .bool(true)), ("rootKid", .string(checked.rootKid.text)), ("signedAt", .string(MachineTime.rfc3339(checked.signedDate)))])
                        : Words(en: "\(list): signed by root key \(checked.rootKid) (fingerprint \(TrustListSignature.fingerprint(rootPublicKey: key))) on \(Paris.dayAndTime(checked.signedDate)), \(keys) keys",
                                fr: "\(list) : signée par la clé racine \(checked.rootKid) (empreinte \(TrustListSignature.fingerprint(rootPublicKey: key))) le \(Paris.dayAndTime(checked.signedDate)), \(keys) clés").text)
                } catch {
                    guard json else {
                        guard error.code == .badTrustListSignature else { throw error }
                        throw Failure(Words(en: error.message, fr: SignatureWords.french(error.detail?.rawValue)))
                    }
                    print(jsonLine([("valid", .bool(false)), ("reason", .string((error.detail ?? error.code).rawValue))]))
                    throw ExitCode.failure
                }
            }
        }
    }
}

/// `--trust-root FILE`: the programme's root public key, pinned at set-up (SPEC.md §14). With
/// it, a trust list is taken only if the root key signed it; without it (PASSNUM_TRUST_ROOT
/// unset too), a list is taken unsigned with a warning, as a demo or a test needs.
struct TrustRootOption: ParsableArguments {
    static let environmentVariable = "PASSNUM_TRUST_ROOT"

    @Option(name: .customLong("trust-root"), help: "The programme's root public key file (root-<kid>.pub); default: PASSNUM_TRUST_ROOT.")
    var path: String?

    /// The file named, or the environment's.
    var file: String? {
        path ?? ProcessInfo.processInfo.environment[Self.environmentVariable].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The pinned key, or nil when none is configured.
    func key() throws -> [UInt8]? {
        guard let file else { return nil }
        let bytes: [UInt8]
        do {
            bytes = try AtomicFile.read(file)
        } catch {
            throw Failure(Words(en: "cannot read the root public key \(file)", fr: "impossible de lire la clé publique racine \(file)"))
        }
        do {
            return try TrustListSignature.rootPublicKey(text: String(decoding: bytes, as: UTF8.self))
        } catch {
            throw Failure(Words(en: "\(file): \(error.message)", fr: "\(file) : \(SignatureWords.french(PassError.Code.badRootKey.rawValue))"))
        }
    }

    func requiredKey() throws -> [UInt8] {
        guard let key = try key() else {
            throw Failure(Words(en: "give the root public key with --trust-root FILE", fr: "indiquez la clé publique racine avec --trust-root FICHIER"))
        }
        return key
    }

    /// Said wherever a list is taken without a pinned root.
    static let unpinnedWarning = Words(
        en: "no root key pinned (--trust-root): the trust list is taken without checking its signature; pin one in production",
        fr: "aucune clé racine fixée (--trust-root) : la liste de confiance est prise sans vérifier sa signature ; fixez-en une en production")
}

/// `passnum keys generate --root`: the root key's two files.
struct RootKeyFiles {
    let folder: String

    func generate(unencrypted: Bool, overwrite: Bool) throws {
        let key = RootKey(signingKey: SigningKey.generate())
        let (secret, publicPath) = RootKey.paths(in: folder, kid: key.kid)
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw IssuerError(.io, "cannot make the folder \(folder)")
        }
        let sealed = try KeyFile.seal(key.signingKey, passphrase: unencrypted ? nil : Passphrase.forNewKey())
        try AtomicFile.write(sealed, to: secret, mode: 0o600, overwrite: overwrite)
        try AtomicFile.write(Array(key.publicKeyFileText.utf8), to: publicPath, mode: OutputFile.public, overwrite: overwrite)
        print(key.kid.text)
        Console.info(Words(
            en: "Root key \(key.kid) made: secret in \(secret)\(unencrypted ? " (NOT encrypted)" : ""), public key in \(publicPath).",
            fr: "Clé racine \(key.kid) créée : secret dans \(secret)\(unencrypted ? " (NON chiffré)" : ""), clé publique dans \(publicPath)."))
        let fingerprint = TrustListSignature.fingerprint(rootPublicKey: key.publicKey)
        Console.hint(Words(
            en: "keep the .secret file offline; give the .pub file to the service (--trust-root) and to every counter, and print its fingerprint \(fingerprint) in the partner letter: the web counter shows it at sign-in",
            fr: "gardez le fichier .secret hors ligne ; donnez le fichier .pub au service (--trust-root) et à chaque guichet, et imprimez son empreinte \(fingerprint) dans la lettre aux partenaires : le guichet web l'affiche à la connexion"))
    }
}
