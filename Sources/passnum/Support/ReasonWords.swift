import PassIssuer
import PassVerifier
import SpentList

/// The verifier's reasons in plain words, for people at a counter.
enum ReasonWords {
    static func short(_ code: PassError.Code) -> Words {
        switch code {
        case .malformed: Words(en: "not a valid pass (misread or damaged code)", fr: "ce n'est pas un pass valide (code mal lu ou abîmé)")
        case .unsupportedVersion: Words(en: "pass format not supported by this version", fr: "format de pass non pris en charge par cette version")
        case .unknownKey: Words(en: "unknown key: not issued by a trusted office", fr: "clé inconnue : pass non émis par un organisme reconnu")
        case .keyRevoked: Words(en: "the issuing key has been revoked", fr: "la clé d'émission a été révoquée")
        case .keyNotValid: Words(en: "the issuing key is not valid at this date", fr: "la clé d'émission n'est pas valable à cette date")
        case .badSignature: Words(en: "invalid signature: forged or altered pass?", fr: "signature invalide — pass falsifié ?")
        case .expired: Words(en: "expired", fr: "expiré")
        case .invalidTrustList: Words(en: "the trust list is invalid", fr: "la liste de confiance est invalide")
        case .badTrustListSignature: Words(en: "the trust list's signature is refused", fr: "la signature de la liste de confiance est refusée")
        default: Words(code.rawValue)
        }
    }

    /// The short words followed by the technical detail. The verifier's detail is English, for
    /// engineers: French readers get the short words alone, never a mix of both languages.
    static func describe(_ error: PassError) -> Words {
        let short = short(error.code)
        return Words(en: "\(short.en) (\(error.message))", fr: short.fr)
    }
}

/// The issuer's errors in plain words, with a hint where there is an obvious next step.
enum IssuerWords {
    static func describe(_ error: IssuerError) -> Words {
        switch error.code {
        case .wrongPassphrase: Words(en: "wrong passphrase for this key", fr: "phrase de passe incorrecte pour cette clé")
        case .exists, .notRegularFile: OutputWords.describe(error.code.rawValue, subject: error.subject, message: error.message)
        case .trustListSignature: Words(en: error.message, fr: SignatureWords.french(error.subject))
        default: Words(en: error.message, fr: french(error.code) + (error.subject.map { " : \($0)" } ?? ""))
        }
    }

    /// What each code means, in French (the module's detail is English, for engineers).
    private static func french(_ code: IssuerErrorCode) -> String {
        switch code {
        case .badKeyFile: "fichier de clé illisible ou abîmé"
        case .wrongPassphrase: "phrase de passe incorrecte pour cette clé"
        case .noPassphrase: "aucune phrase de passe utilisable : ni PASSNUM_PASSPHRASE, ni fichier PASSNUM_PASSPHRASE_FILE lisible et non vide, ni terminal pour la demander"
        case .exists: "le fichier existe déjà (--force pour le remplacer)"
        case .notRegularFile: "ce n'est pas un fichier ordinaire"
        case .io: "lecture ou écriture de fichier impossible"
        case .trustList: "liste de confiance illisible ou invalide"
        case .trustListSignature: "la signature de la liste de confiance manque ou ne correspond pas"
        case .keyUnusable: "clé inutilisable (inconnue, révoquée ou hors de sa période de validité)"
        case .invalidRequest: "demande d'émission invalide (valeur, date d'expiration ou nombre de carnets)"
        case .ledger: "registre d'émission illisible ou impossible à écrire"
        case .serialsExhausted: "plus aucun numéro de série disponible pour cette clé"
        case .keyNotInLedger: "ce registre d'émission ne connaît pas cette clé : rien n'a été émis"
        }
    }

    static func hint(_ error: IssuerError) -> Words? {
        switch error.code {
        case .noPassphrase:
            Words(en: "set PASSNUM_PASSPHRASE, or PASSNUM_PASSPHRASE_FILE to a file holding it, or run in a terminal to be asked",
                  fr: "définissez PASSNUM_PASSPHRASE, ou PASSNUM_PASSPHRASE_FILE vers un fichier qui la contient, ou lancez la commande dans un terminal")
        case .wrongPassphrase:
            Words(en: "the passphrase is the one given to `passnum keys generate`", fr: "la phrase de passe est celle donnée à `passnum keys generate`")
        case .trustListSignature: SignatureWords.hint
        case .keyUnusable:
            Words(en: "`passnum keys list` shows the keys and their status", fr: "`passnum keys list` montre les clés et leur état")
        default: nil
        }
    }
}

/// What went wrong with an output file, worded from the code, which every module that writes
/// files shares (`SafeOutput`'s `exists`, `not_regular_file`).
enum OutputWords {
    static func describe(_ code: String, subject: String?, message: String) -> Words {
        switch (code, subject) {
        case ("exists", let path?):
            Words(en: "\(path) already exists (use --force to replace it)", fr: "\(path) existe déjà (--force pour le remplacer)")
        case ("not_regular_file", let path?):
            Words(en: "\(path) is not a regular file (a device, a pipe, a link or a folder): passnum never replaces it, even with --force",
                  fr: "\(path) n'est pas un fichier ordinaire (périphérique, tube, lien ou dossier) : passnum ne le remplace jamais, même avec --force")
        default: Words(message)
        }
    }
}

/// The spent list's errors in plain words, worded from the code and the error's subject.
enum StoreWords {
    static func describe(_ error: SpentListError) -> Words {
        switch error.code {
        case .missing:
            let path = error.subject ?? "?"
            return Words(en: "no spent list at \(path)", fr: "pas de liste des passes utilisés à \(path)")
        case .corruptRow:
            return Words(en: "the spent list holds a damaged row: \(error.message)",
                         fr: "la liste des passes utilisés contient une ligne abîmée : \(error.message)")
        default:
            return Words(en: error.message, fr: french(error.code))
        }
    }

    /// What each code means, in French (the module's detail is English, for engineers).
    private static func french(_ code: SpentListErrorCode) -> String {
        switch code {
        case .storage: "liste des passes utilisés illisible ou impossible à écrire"
        case .missing: "pas de liste des passes utilisés"
        case .corruptRow: "la liste des passes utilisés contient une ligne abîmée"
        case .replaced: "le fichier de la liste des passes utilisés a été supprimé ou remplacé pendant que le service tournait"
        case .badLocation: "emplacement --db invalide (attendu : sqlite:CHEMIN ou postgres://UTILISATEUR@HÔTE:PORT/BASE, sans mot de passe)"
        case .duplicatePartner: "un partenaire porte déjà ce nom"
        case .unknownPartner: "partenaire inconnu"
        case .invalidRequest: "demande invalide (période ou partenaire)"
        case .badReceipt: "ce n'est pas un reçu passnum lisible (un reçu commence par pnr2. ou pnr1.)"
        case .receiptKeyMismatch: "ce reçu a été signé par une autre clé de service"
        case .badReceiptSignature: "signature du reçu invalide : reçu falsifié ou modifié"
        case .newerSchema: "la base a été créée par une version plus récente de passnum"
        }
    }

    static func hint(_ error: SpentListError) -> Words? {
        error.code != .missing ? nil : Words(
            en: "run the command in the service's folder, or give --db sqlite:PATH (first start: passnum serve --init)",
            fr: "lancez la commande dans le dossier du service, ou indiquez --db sqlite:CHEMIN (premier démarrage : passnum serve --init)")
    }
}

/// Why a trust list's signature was refused (SPEC.md §14.2), in French by its reason; the
/// English detail names the keys and files.
enum SignatureWords {
    static func french(_ reason: String?) -> String {
        switch reason.map(PassError.Code.init(rawValue:)) {
        case .badRootKey?: "la clé racine fixée n'est pas une clé publique valide"
        case .malformedSignature?: "la signature de la liste de confiance est illisible"
        case .wrongRoot?: "la liste de confiance est signée par une autre clé racine que celle fixée : elle est refusée"
        case .badListSignature?: "la signature ne correspond pas à la liste de confiance (liste modifiée ?) : elle est refusée"
        default: "la liste de confiance n'est pas signée alors qu'une clé racine est fixée : elle est refusée"
        }
    }

    static let hint = Words(
        en: "the programme signs the list with `passnum trustlist sign`; the previous list, if any, stays in force",
        fr: "le programme signe la liste avec `passnum trustlist sign` ; la liste précédente, s'il y en a une, reste en vigueur")
}
