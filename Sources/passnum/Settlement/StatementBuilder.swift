import CarnetPrinter
import Foundation
import PassVerifier
import SpentList

/// Turns a month's settlement (from the spent list or from the service) into the statement
/// that CarnetPrinter lays out, in the reader's language.
enum StatementBuilder {
    /// `partner`: the one partner of a partner's statement (its section is there even when
    /// empty, so the page says "no pass"); nil for the programme's settlement of all partners.
    static func statement(
        _ settlement: Settlement, conflicts: [Conflict], issuer: String, partner: String?, at now: Date = Date(), language: Language = .current
    ) -> Statement {
        var sections = settlement.partners.map { p in
            Statement.Section(partner: p.partnerName, lines: p.redemptions.map(line))
        }
        if let partner, sections.isEmpty { sections = [Statement.Section(partner: partner, lines: [])] }
        return Statement(
            texts: language == .fr ? .french : .english, issuer: issuer, partner: partner,
            from: settlement.from, to: settlement.to, generatedAt: now, sections: sections,
            conflicts: conflicts.map { language == .fr ? ConflictsCommand.line($0).fr : ConflictsCommand.line($0).en })
    }

    static func line(_ r: Redemption) -> Statement.Line {
        Statement.Line(passNumber: r.pass.printedNumber, redeemedAt: r.redeemedAt, valueCents: Int64(r.value.value))
    }

    /// Who issued the passes, as the trust list names the keys of the passes listed (all keys
    /// when none is listed); `given` wins. "—" without a trust list.
    static func issuer(given: String?, trustList list: TrustList?, passes: [PassRef]) -> String {
        if let given { return given }
        guard let list else { return "—" }
        let used = Set(passes.map(\.kid))
        let keys = list.keys.filter { used.contains($0.kid) }
        var names: [String] = []
        for key in keys.isEmpty ? list.keys : keys where !names.contains(key.issuer) { names.append(key.issuer) }
        return names.isEmpty ? "—" : names.joined(separator: ", ")
    }
}
