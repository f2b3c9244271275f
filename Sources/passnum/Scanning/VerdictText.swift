import Conventions
import Counter
import Foundation
import PassVerifier

/// A verdict as the operator reads it: one large coloured word, then the facts, in plain
/// French (or English). Refusals ring the terminal bell.
enum VerdictText {
    static func line(_ verdict: Verdict, tally: Tally) -> String {
        let offline = verdict.offline && verdict.isAccepted ? "  " + Words(en: "(offline: to be synced)", fr: "(hors ligne : à synchroniser)").text : ""
        switch verdict.outcome {
        case .accepted(let pass):
            return banner(Words(en: "ACCEPTED", fr: "ACCEPTÉ"), colour: "42",
                          facts: "\(Money.text(pass.value))  " + Words(en: "serial", fr: "série").text + " \(pass.serial)" + offline + totals(tally))
        case .refused(let refusal):
            return "\u{7}" + banner(Words(en: "REFUSED", fr: "REFUSÉ"), colour: "41", facts: reason(refusal, at: verdict.scannedAt).text + totals(tally))
        case .status(let number, let status):
            return banner(Words(en: "SERIAL", fr: "SÉRIE"), colour: "44", facts: statusWords(number, status).text)
        case .mistypedSerial(let text):
            return "\u{7}" + banner(Words(en: "SERIAL", fr: "SÉRIE"), colour: "43", facts: Words(en: "\(text): ", fr: "\(text) : ").text + mistyped.text)
        }
    }

    static func reason(_ refusal: Verdict.Refusal, at now: Date) -> Words {
        switch refusal {
        case .expired(let expiry):
            let day = Paris.lastValidDay(expiry: expiry)
            return Words(en: "expired: it was valid until \(day)", fr: "expiré depuis le \(Paris.day(expiry)) (valable jusqu'au \(day))")
        case .invalid(let error) where error.code == .unknownKey:
            // Most often a new key the counter's list does not know yet, not a forgery.
            return Words(en: "unknown key: update the list (`passnum replica pull`) and scan again; if still refused, the pass was not issued by the programme",
                         fr: "clé inconnue : mettez à jour la liste (`passnum replica pull`) et scannez à nouveau ; si le refus persiste, le pass n'a pas été émis par le programme")
        case .invalid(let error):
            return ReasonWords.short(error.code)
        case .alreadySpent(let firstAt?, let here):
            let when = Paris.dayAndTime(firstAt).split(separator: " ")
            let place = here ? Words(en: " at this counter", fr: " à ce guichet") : Words("")
            return Words(en: "already used on \(when[0]) at \(when[1])\(place.en)", fr: "déjà utilisé le \(when[0]) à \(when[1])\(place.fr)")
        case .alreadySpent(nil, _):
            return Words(en: "already used", fr: "déjà utilisé")
        case .revoked:
            return Words(en: "cancelled by the programme", fr: "annulé par le programme")
        case .notDistributed:
            return Words(en: "not yet distributed: this carnet was never handed out at an office", fr: "pas encore distribué : ce carnet n'a jamais été remis par un service")
        case .unreadable:
            return ReasonWords.short(.malformed)  // the same words as `passnum verify` for the same input
        case .service(let code):
            return Words(en: "refused by the service (\(code))", fr: "refusé par le service (\(code))")
        case .unavailable(let message):
            return Words(en: "cannot check now (\(message))", fr: "vérification impossible pour l'instant (\(message))")
        }
    }

    static let mistyped = Words(en: "the check digit does not match: a digit was mistyped, type it again",
                                fr: "le chiffre de contrôle ne correspond pas : un chiffre est mal tapé, recommencez")

    static func statusWords(_ number: TypedNumber, _ status: PassStatus) -> Words {
        let typed = number.text
        let only = Words(en: " (look-up only: a typed number is not a pass)", fr: " (consultation seule : un numéro tapé ne vaut pas un pass)")
        switch status {
        case .unspent:
            return Words(en: "\(typed): not used yet\(only.en)", fr: "\(typed) : pas encore utilisé\(only.fr)")
        case .spent(let at):
            let when = at.map { " " + Paris.dayAndTime($0) } ?? ""
            return Words(en: "\(typed): already used\(when)", fr: "\(typed) : déjà utilisé\(when.isEmpty ? "" : " le" + when)")
        case .revoked:
            return Words(en: "\(typed): cancelled by the programme", fr: "\(typed) : annulé par le programme")
        }
    }

    static func summary(_ tally: Tally) -> Words {
        let s = { (n: Int) in n > 1 ? "s" : "" }  // French: 0 and 1 take the singular
        return Words(
            en: "Session: \(tally.accepted) accepted (\(Money.text(tally.acceptedCents))), \(tally.refused) refused, \(tally.offline) offline to sync.",
            fr: "Bilan : \(tally.accepted) accepté\(s(tally.accepted)) (\(Money.text(tally.acceptedCents))), \(tally.refused) refusé\(s(tally.refused)), \(tally.offline) hors ligne à synchroniser.")
    }

    private static func totals(_ tally: Tally) -> String {
        let words = Words(en: "today: \(tally.accepted) · \(Money.text(tally.acceptedCents))", fr: "total : \(tally.accepted) · \(Money.text(tally.acceptedCents))")
        return "   [" + words.text + "]"
    }

    /// On a terminal the verdict is a block of three coloured lines with the word in the
    /// middle, the thing the operator sees from a step away; in a pipe, one line per scan.
    private static func banner(_ words: Words, colour: String, facts: String) -> String {
        let text = "  \(words.text)  "
        guard Console.stdoutColour else { return "*** \(words.text) ***  " + facts }
        let pad = "\u{1B}[\(colour)m" + String(repeating: " ", count: text.count) + "\u{1B}[0m"
        return "\n" + pad + "\n\u{1B}[1;97;\(colour)m\(text)\u{1B}[0m  " + facts + "\n" + pad
    }
}

/// Euros as people write them in France: "10,00 €".
enum Money {
    static func text(_ cents: Cents) -> String { text(UInt64(cents.value)) }

    /// In the user's language: "10,00 €" in French, "10.00 €" in English.
    static func local(_ cents: Cents) -> String { local(UInt64(cents.value)) }

    static func local(_ cents: UInt64) -> String {
        Language.current == .fr ? Euros.french(cents) : Euros.english(Int64(cents))
    }

    static func text(_ cents: UInt64) -> String { Euros.french(cents) }
}

