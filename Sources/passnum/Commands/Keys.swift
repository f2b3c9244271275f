import ArgumentParser
import Conventions
import Foundation
import PassIssuer
import PassVerifier
import SpentList
import SpentListAPI

struct Keys: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make, list and revoke issuer keys.",
        subcommands: [Generate.self, List.self, Revoke.self, Register.self]
    )
}

struct TrustListOption: ParsableArguments {
    @Option(name: .customLong("trust-list"), help: "The trust list (JSON).")
    var path: String = Paths.trustList

    var file: TrustListFile { TrustListFile(path: path) }
}

extension Keys {
    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a new Ed25519 issuer key and add it to the trust list.",
            discussion: """
                Writes DIR/<kid>.secret (mode 0600), sealed with a passphrase from \
                PASSNUM_PASSPHRASE or asked on the terminal, registers the key in the \
                issuance ledger DIR/issuance.sqlite (its serials are counted there and nowhere \
                else) and adds the public key to DIR/trustlist.json. The key's pass-number \
                series (SPEC.md §11) differs from every key already in the trust list.
                With --root, makes the programme's root key instead, which signs trust lists \
                (`passnum trustlist sign`, SPEC.md §14): DIR/root-<kid>.secret (0600, sealed) \
                and DIR/root-<kid>.pub, the public key that counters and the service pin. Keep \
                the root key on a machine that is not on the network.
                """
        )

        @Option(help: "Who issues the passes, as partners will see it (e.g. \"Nantes Métropole\").")
        var issuer: String?

        @Flag(help: "Make the programme's root key, which signs trust lists, instead of an issuer key.")
        var root = false

        @Option(help: "Folder for the secret key and the trust list.")
        var dir: String = Paths.keysFolder

        @Option(help: "Last day the key is valid, YYYY-MM-DD (default: 3 years from today).")
        var validUntil: String?

        @Flag(help: "Write the secret key without a passphrase (tests and demos only).")
        var unencrypted = false

        @Flag(help: "Replace an existing key file of the same id.")
        var force = false

        func validate() throws {
            if root {
                guard issuer == nil, validUntil == nil else {
                    throw ValidationError(Words(en: "a root key has no --issuer nor --valid-until", fr: "une clé racine n'a ni --issuer ni --valid-until").text)
                }
                return
            }
            guard let issuer else {
                throw ValidationError(Words(en: "give --issuer (or --root for the programme's root key)", fr: "indiquez --issuer (ou --root pour la clé racine du programme)").text)
            }
            guard !issuer.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ValidationError(Words(en: "--issuer must not be empty", fr: "--issuer ne doit pas être vide").text)
            }
            // The trust list's bound (SPEC.md §7.2), said before a key is made for nothing.
            guard issuer.unicodeScalars.count <= TrustList.issuerLimit else {
                throw ValidationError(Words(en: "--issuer is at most \(TrustList.issuerLimit) characters (accents count apart when typed apart)",
                                            fr: "--issuer fait au plus \(TrustList.issuerLimit) caractères (les accents tapés à part comptent à part)").text)
            }
        }

        func run() async throws {
            try await reportingFailures {
                if root { return try RootKeyFiles(folder: dir).generate(unencrypted: unencrypted, overwrite: force) }
                let issuer = issuer!
                let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
                let notAfter = try validUntil.map { text throws(IssuerError) in
                    Date(timeIntervalSince1970: TimeInterval(try IssuingRequest.expiry(fromDay: text)) - 1)
                } ?? Calendar(identifier: .gregorian).date(byAdding: .year, value: 3, to: now)!
                guard notAfter > now else {
                    throw Failure(Words(en: "--valid-until is in the past", fr: "--valid-until est dans le passé"))
                }
                let folder = KeyFolder(path: dir)
                let key = try folder.generate(
                    issuer: issuer, validity: now...notAfter,
                    passphrase: unencrypted ? nil : Passphrase.forNewKey(), overwrite: force)
                let keyPath = folder.keyPath(key.kid)
                print(key.kid.text)
                Console.info(Words(
                    en: "Key \(key.kid) made: secret in \(keyPath)\(unencrypted ? " (NOT encrypted)" : ""), serials counted in \(folder.ledgerPath), public key added to \(folder.trustListPath).",
                    fr: "Clé \(key.kid) créée : secret dans \(keyPath)\(unencrypted ? " (NON chiffré)" : ""), séries comptées dans \(folder.ledgerPath), clé publique ajoutée à \(folder.trustListPath)."))
                Console.hint(Words(en: "never put the .secret file in git; keep a backup offline, and move the key only with its issuance.sqlite",
                                   fr: "ne mettez jamais le fichier .secret dans git ; gardez-en une copie hors ligne, et ne déplacez la clé qu'avec son issuance.sqlite"))
                Console.hint(TrustListNews.words)
                TrustListNews.resign(TrustListFile(path: folder.trustListPath))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the keys of a trust list.")

        @OptionGroup var trustList: TrustListOption

        @Flag(help: "One JSON object per key.")
        var json = false

        func run() async throws {
            try await reportingFailures {
                let list = try trustList.file.load()
                let now = Date()
                for key in list.keys {
                    if json {
                        print(jsonLine([
                            ("kid", .string(key.kid.text)), ("issuer", .string(key.issuer)),
                            ("notBefore", .string(MachineTime.rfc3339(key.notBefore))), ("notAfter", .string(MachineTime.rfc3339(key.notAfter))),
                            ("status", .string(key.status.rawValue)), ("usableNow", .bool(key.isValid(at: now))),
                        ]))
                    } else {
                        let state = key.status == .revoked
                            ? Words(en: "revoked", fr: "révoquée")
                            : key.isValid(at: now) ? Words(en: "active", fr: "active") : Words(en: "not valid now", fr: "hors validité")
                        print("\(key.kid)  \(Paris.day(key.notBefore)) → \(Paris.day(key.notAfter))  \(state.text)  \(key.issuer)")
                    }
                }
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mark a key revoked in the trust list: its passes are refused from then on.")

        @Argument(help: "The key id, 8 hex digits.")
        var kid: String

        @OptionGroup var trustList: TrustListOption

        func validate() throws {
            guard KeyID(text: kid) != nil else { throw ValidationError(Words(en: "'\(kid)' is not a key id (8 lowercase hex digits)", fr: "« \(kid) » n'est pas un identifiant de clé (8 chiffres hexadécimaux en minuscules)").text) }
        }

        func run() async throws {
            try await reportingFailures {
                let changed = try trustList.file.revoke(KeyID(text: kid)!)
                Console.info(changed
                    ? Words(en: "Key \(kid) revoked in \(trustList.path).", fr: "Clé \(kid) révoquée dans \(trustList.path).")
                    : Words(en: "Key \(kid) was already revoked.", fr: "La clé \(kid) était déjà révoquée."))
                if changed {
                    Console.hint(TrustListNews.words)
                    TrustListNews.resign(trustList.file)
                }
            }
        }
    }
}

/// Who learns of a changed trust list, and how.
enum TrustListNews {
    static let words = Words(
        en: "a running `passnum serve` on this trust list applies it within 2 seconds by itself; partners' counters get it at their next `passnum replica pull`",
        fr: "un `passnum serve` en marche sur cette liste de confiance l'applique de lui-même en 2 secondes ; les comptoirs des partenaires la reçoivent à leur prochain `passnum replica pull`")

    /// A signed list that changed no longer matches its signature (SPEC.md §14): say so.
    static func resign(_ file: TrustListFile) {
        guard FileManager.default.fileExists(atPath: file.signaturePath) else { return }
        Console.warning(Words(
            en: "\(file.signaturePath) no longer matches the list: sign it again with `passnum trustlist sign --force` (a service or counter with a pinned root keeps the previous list until then)",
            fr: "\(file.signaturePath) ne correspond plus à la liste : signez-la de nouveau avec `passnum trustlist sign --force` (un service ou un guichet qui a fixé une clé racine garde la liste précédente d'ici là)"))
    }
}
