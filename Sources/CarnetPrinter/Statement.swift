import Conventions
import Foundation

/// What a monthly statement shows: who issued the passes, whose redemptions, the period, and one
/// line per pass. It holds words and numbers only: the caller reads them from the spent list or
/// from the service, and `StatementDocument` lays them out on A4 pages.
public struct Statement: Sendable {
    public struct Line: Sendable, Equatable {
        /// The number printed on the pass, as a person reads it.
        public let passNumber: String
        public let redeemedAt: Date
        public let valueCents: Int64

        public init(passNumber: String, redeemedAt: Date, valueCents: Int64) {
            (self.passNumber, self.redeemedAt, self.valueCents) = (passNumber, redeemedAt, valueCents)
        }
    }

    /// One partner's lines, oldest first.
    public struct Section: Sendable, Equatable {
        public let partner: String
        public let lines: [Line]

        public init(partner: String, lines: [Line]) {
            self.partner = partner
            self.lines = lines
        }

        public var totalCents: Int64 { lines.reduce(0) { $0 + $1.valueCents } }
    }

    public var texts: StatementTexts
    public var issuer: String
    /// The one partner of a partner's statement; nil for the programme's settlement of all partners.
    public var partner: String?
    /// The period's first instant and the first instant after it.
    public var from: Date
    public var to: Date
    public var generatedAt: Date
    public var sections: [Section]
    /// Each conflict in a sentence or two; the document wraps them.
    public var conflicts: [String]

    public init(
        texts: StatementTexts, issuer: String, partner: String?, from: Date, to: Date, generatedAt: Date,
        sections: [Section], conflicts: [String] = []
    ) {
        (self.texts, self.issuer, self.partner) = (texts, issuer, partner)
        (self.from, self.to, self.generatedAt) = (from, to, generatedAt)
        (self.sections, self.conflicts) = (sections, conflicts)
    }

    /// "Remboursements 2026-11" or "Relevé des pass encaissés 2026-11": the month as the
    /// commands take it, in Paris time.
    public var title: String {
        (partner == nil ? texts.settlementTitle : texts.statementTitle) + " " + Paris.isoMonth(from)
    }

    public var count: Int { sections.reduce(0) { $0 + $1.lines.count } }
    public var totalCents: Int64 { sections.reduce(0) { $0 + $1.totalCents } }
}

/// The words and number forms of a statement, in French (the programme's paper) or English.
public struct StatementTexts: Sendable {
    public let settlementTitle, statementTitle: String
    public let issuer, partner, period, generated: String
    public let passNumber, redeemedOn, value: String
    public let subtotal, total, noPasses, conflicts: String
    public let forIssuer, forPartner, signatureNote: String
    let from, until, parisTime, page, passesWord: String
    let isFrench: Bool

    public static let french = StatementTexts(french: true)
    public static let english = StatementTexts(french: false)

    private init(french: Bool) {
        isFrench = french
        settlementTitle = french ? "Remboursements" : "Settlement"
        statementTitle = french ? "Relevé des pass encaissés" : "Statement of redeemed passes"
        issuer = french ? "Émetteur" : "Issuer"
        partner = french ? "Partenaire" : "Partner"
        period = french ? "Période" : "Period"
        generated = french ? "Édité le" : "Generated on"
        passNumber = french ? "N° du pass" : "Pass number"
        redeemedOn = french ? "Encaissé le" : "Redeemed on"
        value = french ? "Valeur" : "Value"
        subtotal = french ? "Sous-total" : "Subtotal"
        total = french ? "Total" : "Total"
        noPasses = french ? "Aucun pass encaissé sur la période." : "No pass redeemed in this period."
        conflicts = french ? "Conflits (non remboursés)" : "Conflicts (not reimbursed)"
        forIssuer = french ? "Pour l'émetteur" : "For the issuer"
        forPartner = french ? "Pour le partenaire" : "For the partner"
        signatureNote = french ? "Date, nom et signature" : "Date, name and signature"
        from = french ? "du" : "from"
        until = french ? "au" : "to"
        parisTime = french ? "heure de Paris" : "Paris time"
        page = french ? "Page" : "Page"
        passesWord = french ? "pass" : "passes"
    }

    /// "Label : " with a no-break space before the colon in French, "Label: " in English.
    func label(_ word: String) -> String { isFrench ? Typography.label(word) + " " : word + ": " }

    /// "1 234,50 €" or "1234.50 €": always two decimals, as accounts are read.
    public func amount(_ cents: Int64) -> String { Euros.inAccounts(cents, french: isFrench) }

    /// "12 pass" / "12 passes".
    public func passes(_ count: Int) -> String {
        "\(count) \(count == 1 ? "pass" : passesWord)"
    }

    /// "du 01/11/2026 au 30/11/2026 (heure de Paris)": `to` is excluded, so the last day shown is the one before.
    func periodText(from: Date, to: Date) -> String {
        "\(self.from) \(Paris.day(from)) \(until) \(Paris.day(to.addingTimeInterval(-1))) (\(parisTime))"
    }
}
