import ArgumentParser
import Foundation
import PassIssuer

extension Keys {
    /// The way in for keys made before `keys generate` registered them: a key that has issued
    /// keeps its old ledger (moved beside it), a key that never issued is registered here.
    struct Register: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register in an issuance ledger a key made by an older passnum that has never issued.",
            discussion: """
                A key issues only from a ledger that knows it. `keys generate` registers new \
                keys itself. A key that has already issued must keep the ledger it issued from \
                (move that issuance.sqlite beside the key): registering it in another ledger \
                would hand out its serials again.
                """
        )

        @Option(help: "The secret key file (its passphrase is not needed).")
        var key: String

        @Option(help: "The ledger (default: issuance.sqlite beside the key).")
        var ledger: String?

        func run() async throws {
            try await reportingFailures {
                guard let kid = KeyFile.keyID(try AtomicFile.read(key)) else {
                    throw IssuerError(.badKeyFile, "this is not a passnum secret key file")
                }
                let path = ledger ?? KeyFolder(besideKey: key).ledgerPath
                if let known = try? Ledger(path: path, access: .readOnly), try known.knows(kid) {
                    Console.info(Words(en: "Key \(kid) is already registered in \(path).", fr: "La clé \(kid) est déjà enregistrée dans \(path)."))
                    return
                }
                // Checked before anything is made: a key that issued keeps the ledger it issued from.
                if let old = try? Ledger(path: LedgerChoice.oldPlace, access: .readOnly), (try? old.knows(kid)) == true {
                    throw Failure(
                        Words(en: "key \(kid) has issued from \(LedgerChoice.oldPlace): it keeps that ledger", fr: "la clé \(kid) a émis depuis \(LedgerChoice.oldPlace) : elle garde ce registre"),
                        hint: Words(en: "move it beside the key instead: mv \(LedgerChoice.oldPlace) \(KeyFolder(besideKey: key).path)/",
                                    fr: "déplacez-le plutôt à côté de la clé : mv \(LedgerChoice.oldPlace) \(KeyFolder(besideKey: key).path)/"))
                }
                let target = try Ledger(path: path)
                try target.register(kid)
                Console.info(Words(en: "Key \(kid) registered in \(path): its serials start at 1.", fr: "Clé \(kid) enregistrée dans \(path) : ses séries commencent à 1."))
            }
        }
    }
}
