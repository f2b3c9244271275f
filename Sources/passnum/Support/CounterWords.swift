import Counter

/// The counter's errors in plain words, by code (the module's messages are for engineers).
enum CounterWords {
    static func describe(_ error: CounterError) -> Words {
        switch error.code {
        case .unauthorised:
            Words(en: "the service refused this partner key (a wrong key, or a partner the programme disabled): \(error.message)",
                  fr: french(error.code))
        case .untrustedTrustList:
            Words(en: error.message, fr: error.subject == TrustListIntake.older
                ? "la liste de confiance du service est plus ancienne que celle du guichet : elle est refusée"
                : SignatureWords.french(error.subject == TrustListIntake.missing ? nil : error.subject))
        default:
            Words(en: error.message, fr: french(error.code) + (error.subject.map { " : \($0)" } ?? ""))
        }
    }

    /// What each code means, in French (the module's detail is English, for engineers).
    private static func french(_ code: CounterErrorCode) -> String {
        switch code {
        case .unauthorised: "le service refuse cette clé partenaire (clé erronée, ou partenaire désactivé par le programme)"
        case .unreachable: "impossible de joindre le service (réseau coupé, adresse erronée ou service arrêté)"
        case .noTrustList: "pas encore de liste de confiance pour vérifier les pass (ni copie locale téléchargée, ni fichier)"
        case .noReplica: "la copie locale n'a jamais été téléchargée"
        case .untrustedTrustList: "la liste de confiance du service est refusée"
        case .badAnswer: "le service a répondu quelque chose que cette version ne comprend pas"
        case .untrusted: "le service n'a pas prouvé son identité : son certificat TLS n'est pas reconnu (autorité inconnue ou autre nom)"
        case .plainHTTP: "refus du HTTP non chiffré vers une autre machine : la clé et les pass passeraient en clair sur le réseau"
        case .unreadableImage: "image illisible (PNG ou JPEG attendu)"
        case .storage: "fichiers du guichet (copie locale ou journal) illisibles ou impossibles à écrire"
        }
    }

    static func hint(_ error: CounterError) -> Words? {
        switch error.code {
        case .unauthorised:
            Words(en: "check the file given to --partner-key-file; the programme sees each partner's state with `passnum partners list`",
                  fr: "vérifiez le fichier donné à --partner-key-file ; le programme voit l'état de chaque partenaire avec `passnum partners list`")
        case .unreachable:
            Words(en: "check the network and the --service address", fr: "vérifiez le réseau et l'adresse --service")
        case .untrustedTrustList:
            Words(en: "the previous trust list stays in force; ask the programme whether the service's list is signed with its root key",
                  fr: "la liste précédente reste en vigueur ; demandez au programme si la liste du service est signée avec sa clé racine")
        case .untrusted:
            Words(en: "for a service with a private certificate authority, give its certificate with --ca-file FILE",
                  fr: "pour un service à autorité de certification privée, donnez son certificat avec --ca-file FICHIER")
        case .plainHTTP:
            Words(en: "use https:// (with --ca-file for a private CA), or --insecure-http if this network is trusted",
                  fr: "utilisez https:// (avec --ca-file pour une autorité privée), ou --insecure-http si ce réseau est sûr")
        case .noTrustList, .noReplica:
            Words(en: "run `passnum replica pull --service URL --partner-key-file FILE` first",
                  fr: "lancez d'abord `passnum replica pull --service URL --partner-key-file FICHIER`")
        default:
            nil
        }
    }
}
