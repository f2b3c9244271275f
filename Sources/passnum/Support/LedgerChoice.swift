import Foundation
import PassIssuer
import PassVerifier

/// Which issuance ledger a key issues from: the one beside the key file, made with the key by
/// `keys generate`, unless `--ledger` names another. Either way it must already know the key;
/// when it does not, the message says where the ledger should be and how to get it there.
enum LedgerChoice {
    /// Where an older passnum kept the ledger: the current folder.
    static let oldPlace = Ledger.fileName

    static func open(forKeyFile keyPath: String, bytes: [UInt8], named: String?) throws -> Ledger {
        guard let kid = KeyFile.keyID(bytes) else {
            throw IssuerError(.badKeyFile, "this is not a passnum secret key file")
        }
        let path = named ?? KeyFolder(besideKey: keyPath).ledgerPath
        // A Result rather than a typed `catch where`, which crashes this compiler (SILGen).
        switch Result(catching: { () throws(IssuerError) in try KeyFolder.ledger(for: kid, at: path) }) {
        case .success(let ledger):
            return ledger
        case .failure(let error) where error.code != .keyNotInLedger:
            throw error
        case .failure:
            let missing = !FileManager.default.fileExists(atPath: path)
            throw Failure(
                missing
                    ? Words(en: "no issuance ledger for key \(kid) at \(path): nothing was issued",
                            fr: "aucun registre d'émission pour la clé \(kid) à \(path) : rien n'a été émis")
                    : Words(en: "the issuance ledger \(path) has never seen key \(kid): nothing was issued",
                            fr: "le registre d'émission \(path) ne connaît pas la clé \(kid) : rien n'a été émis"),
                hint: hint(kid: kid, keyPath: keyPath, named: named))
        }
    }

    private static func hint(kid: KeyID, keyPath: String, named: String?) -> Words {
        let folder = KeyFolder(besideKey: keyPath).path
        if named == nil, let old = try? Ledger(path: oldPlace, access: .readOnly), (try? old.knows(kid)) == true {
            return Words(
                en: "an older passnum kept this key's ledger in the current folder: move it beside the key (mv \(oldPlace) \(folder)/) or name it with --ledger \(oldPlace)",
                fr: "une version précédente gardait le registre de cette clé dans le dossier courant : déplacez-le à côté de la clé (mv \(oldPlace) \(folder)/) ou indiquez-le avec --ledger \(oldPlace)")
        }
        return Words(
            en: "a key issues only from the ledger made with it by `passnum keys generate`, beside the key file; move that issuance.sqlite with the key (never copy it), or name it with --ledger. A key made before passnum registered keys, that has never issued: `passnum keys register --key \(keyPath)`",
            fr: "une clé n'émet que depuis le registre créé avec elle par `passnum keys generate`, à côté du fichier de clé ; déplacez ce issuance.sqlite avec la clé (ne le copiez jamais), ou indiquez-le avec --ledger. Une clé créée avant que passnum n'enregistre les clés, et qui n'a jamais émis : `passnum keys register --key \(keyPath)`")
    }
}
