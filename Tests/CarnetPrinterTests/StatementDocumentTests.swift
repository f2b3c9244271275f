import CarnetPrinter
import Foundation
import PassVerifier
import Testing

/// The monthly statement as people read it: poppler's text of the PDF.
@Suite struct StatementDocumentTests {
    /// 1 November 2026 00:00 Paris (23:00 UTC the day before) to 1 December.
    static let from = Date(timeIntervalSince1970: 1_793_487_600)
    static let to = Date(timeIntervalSince1970: 1_796_079_600)
    static let longConflict = "000 007-4 (10.00 €): redeemed twice: Secours populaire scanned it 12/11/2026 10:15 (offline); "
        + "PiNG redeemed it first, 12/11/2026 09:58, and is the one reimbursed — with enough words after it that one line of the page cannot hold it all"

    static func statement(lines count: Int, partner: String? = "PiNG", conflicts: [String] = []) -> Statement {
        let lines = (0..<count).map { index in
            Statement.Line(passNumber: Serial(UInt64(index + 1))!.typedText, redeemedAt: from.addingTimeInterval(Double(index) * 3600 + 36_000), valueCents: 1000)
        }
        return Statement(
            texts: .french, issuer: Fixture.issuer, partner: partner, from: from, to: to, generatedAt: Fixture.now,
            sections: [Statement.Section(partner: partner ?? "PiNG", lines: lines)], conflicts: conflicts)
    }

    /// The text poppler reads, which turns no-break spaces into plain ones.
    static func text(_ path: String, page: Int? = nil) throws -> String {
        let pages = page.map { ["-f", String($0), "-l", String($0)] } ?? []
        return try run("/usr/bin/pdftotext", pages + [path, "-"]).output
    }

    @Test func theFirstPageSaysWhoWhatWhenAndEveryLineHasItsNumberDateAndValue() throws {
        let scratch = Scratch()
        let pages = try StatementDocument.write(Self.statement(lines: 3), to: scratch.file("s.pdf"))
        #expect(pages == 1)
        let text = try Self.text(scratch.file("s.pdf"))
        for expected in [
            "Relevé des pass encaissés 2026-11", "Émetteur : Nantes Métropole", "Partenaire : PiNG",
            "Période : du 01/11/2026 au 30/11/2026 (heure de Paris)", "Édité le : 01/12/2026 13:00",
            "N° du pass", "Encaissé le", "Valeur", "000 001-3", "01/11/2026 10:00", "10,00 €",
            "Total : 3 pass, 30,00 €", "Pour l'émetteur", "Pour le partenaire", "Date, nom et signature", "Page 1 / 1",
        ] {
            #expect(text.contains(expected), "missing \(expected) in \(text)")
        }
    }

    @Test func longStatementsRunOverNumberedPagesWithTheColumnTitlesRepeated() throws {
        let scratch = Scratch()
        let pages = try StatementDocument.write(Self.statement(lines: 120, conflicts: [Self.longConflict]), to: scratch.file("s.pdf"))
        #expect(pages >= 3)
        let info = try run("/usr/bin/pdfinfo", [scratch.file("s.pdf")]).output
        #expect(info.contains(try Regex("Pages: +\(pages)\n")), "\(info)")
        for page in 1...pages {
            let text = try Self.text(scratch.file("s.pdf"), page: page)
            #expect(text.contains("Page \(page) / \(pages)"))
            #expect(text.contains("N° du pass") || page == pages, "page \(page) has no column titles")
        }
        let all = try Self.text(scratch.file("s.pdf"))
        #expect(all.contains(Serial(120)!.typedText) && all.contains("Total : 120 pass, 1 200,00 €"))
    }

    @Test func aLongConflictIsWrappedWithinTheMarginsAndKeepsEveryWord() throws {
        let scratch = Scratch()
        try StatementDocument.write(Self.statement(lines: 1, conflicts: [Self.longConflict]), to: scratch.file("s.pdf"))
        let text = try Self.text(scratch.file("s.pdf"))
        #expect(text.contains("Conflits (non remboursés) : 1"))
        let words = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let expected = ("• " + Self.longConflict).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains(expected), "\(text)")
        // Wrapped: the conflict takes more than one line of text, none running past the page.
        let lines = text.split(separator: "\n").filter { !$0.isEmpty && Self.longConflict.contains($0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "• ", with: "")) }
        #expect(lines.count >= 2, "\(text)")
        let bbox = try run("/usr/bin/pdftotext", ["-bbox", scratch.file("s.pdf"), "-"]).output
        let rightEdges = bbox.split(separator: "\n").compactMap { line -> Double? in
            guard let range = line.range(of: "xMax=\"") else { return nil }
            return Double(line[range.upperBound...].prefix { $0 != "\"" })
        }
        #expect(!rightEdges.isEmpty && rightEdges.allSatisfy { $0 <= 595.3 - 18 * 72 / 25.4 + 0.5 }, "a word runs into the right margin")
    }

    @Test func theProgrammesSettlementHasASectionPerPartnerAndAGrandTotal() throws {
        let scratch = Scratch()
        var statement = Self.statement(lines: 2, partner: nil)
        statement.sections.append(Statement.Section(partner: "Emmaüs Connect", lines: [Statement.Line(passNumber: "000 009-?", redeemedAt: Self.from, valueCents: 550)]))
        statement.texts = .english
        try StatementDocument.write(statement, to: scratch.file("s.pdf"))
        let text = try Self.text(scratch.file("s.pdf"))
        #expect(text.contains("Settlement 2026-11") && text.contains("Subtotal PiNG: 2 passes, 20.00 €"))
        #expect(text.contains("Subtotal Emmaüs Connect: 1 pass, 5.50 €") && text.contains("Total: 3 passes, 25.50 €"))
        #expect(text.contains("For the issuer") && !text.contains("For the partner"))
    }

    @Test func aMonthWithoutPassesSaysSo() throws {
        let scratch = Scratch()
        try StatementDocument.write(Self.statement(lines: 0), to: scratch.file("s.pdf"))
        let text = try Self.text(scratch.file("s.pdf"))
        #expect(text.contains("Aucun pass encaissé sur la période.") && text.contains("Total : 0 pass, 0,00 €"))
    }

    @Test func anExistingFileIsKeptWithoutOverwrite() throws {
        let scratch = Scratch()
        try Data("mine".utf8).write(to: URL(fileURLWithPath: scratch.file("s.pdf")))
        #expect(throws: PrinterError.self) { try StatementDocument.write(Self.statement(lines: 1), to: scratch.file("s.pdf")) }
        #expect(try String(contentsOfFile: scratch.file("s.pdf"), encoding: .utf8) == "mine")
        #expect(scratch.contents == ["s.pdf"])
    }

    @Test func amountsHaveTwoDecimalsAndFrenchGrouping() {
        #expect(StatementTexts.french.amount(123_450) == "1\u{202F}234,50\u{00A0}€")
        #expect(StatementTexts.french.amount(5) == "0,05\u{00A0}€")
        #expect(StatementTexts.english.amount(123_450) == "1234.50\u{00A0}€")
    }
}
