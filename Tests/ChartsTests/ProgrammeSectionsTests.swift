import Charts
import Foundation
import SpentListAPI
import Testing

/// The programme's sections as the funders' paper takes them: the headline figures, French
/// dates in words, what expires counted by office, and no figure where there is none yet.
@Suite struct ProgrammeSectionsTests {
    static let nbsp = "\u{00A0}", thin = "\u{202F}"

    /// One batch of 500 passes (100 carnets), 40 handed out, 12 passes used, one carnet of 3
    /// passes left expiring soon; nothing expired; at the end of 2026.
    static func report(handedOut: Int = 40, used: Int = 12) -> API.Report {
        let funnel = API.Funnel(passesPrinted: 500, carnetsPrinted: 100, carnetsHandedOut: handedOut, carnetsFirstUsed: used > 0 ? 4 : 0,
                                passesUsed: used)
        let batch = API.BatchFigures(label: "Métropole 2027", kid: "k1", firstSerial: 1, lastSerial: 500, valueCents: 1000,
                                     lastValidDay: "2027-06-30", expired: false, unusedValueCents: 0, funnel: funnel)
        let month = API.MonthFigures(month: "2026-12", funnel: funnel, redemptions: used, redeemedCents: Int64(used) * 1000,
                                     partners: used > 0 ? [API.Figure(name: "PiNG", count: used, valueCents: Int64(used) * 1000)] : [],
                                     helpKinds: [], conflicts: 0, liabilityCents: 0)
        let expiring = [API.OfficeExpiring(office: "CCAS Nord", carnets: [
            API.ExpiringCarnet(carnet: "000002", firstPass: "x", kid: "k1", firstSerial: 6, passesLeft: 3, lastValidDay: "2027-01-15"),
        ])]
        return API.Report(asOf: Timestamp(Date(timeIntervalSince1970: 1_798_758_000)), graceDays: 0, total: funnel, batches: [batch],
                          offices: [], months: [month], expiringSoon: expiring)
    }

    @Test func theHeadlineSaysPrintedHandedOutUsedShareOwedAndUnused() {
        let headline = ProgrammeSections(Self.report()).headline
        #expect(headline.map(\.value) == ["500", "40", "12", "2\(Self.thin)%", "120\(Self.nbsp)€", "0\(Self.nbsp)€"])
        #expect(headline.map(\.caption) == ["pass imprimés", "carnets remis", "pass utilisés", "des pass imprimés utilisés",
                                           "dus aux partenaires", "non utilisés à l'échéance"])
        #expect(headline[1].detail == "40\(Self.thin)% des carnets imprimés" && headline[2].detail == "chez 1 partenaire")
        #expect(headline[5].detail == "aucun lot n'est encore échu")
        var one = Self.report()
        one.total.carnetsPrinted = 1
        #expect(ProgrammeSections(one).headline[0].detail == "en 1 carnet")
    }

    /// Seen in the dashboard's test data: 3 carnets used of 2 handed out read "150 %".
    @Test func carnetsUsedWithoutARecordedHandOverDoNotTakeTheShareOfCarnetsUsedPast100() throws {
        var report = Self.report(handedOut: 2)
        report.total.carnetsUsedNotHandedOut = 3
        let keyFigures = try #require(ProgrammeSections(report).printedSections.first?.table)
        #expect(keyFigures.rows.first { $0[0] == "Carnets dont un pass a servi" } == ["Carnets dont un pass a servi", "4", "50\(Self.thin)%"])
    }

    /// Issue 13 §3: every stage for each batch and each office, expired unused passes included.
    @Test func eachBatchAndEachOfficeHasEveryStage() throws {
        var report = Self.report()
        report.total.passesExpiredUnused = 7
        report.batches[0].funnel.passesExpiredUnused = 7
        report.batches[0].funnel.carnetsAllUsed = 1
        report.offices = [API.OfficeFigures(office: "CCAS Nord", funnel: API.Funnel(carnetsHandedOut: 40, carnetsFirstUsed: 4, carnetsAllUsed: 1, passesExpiredUnused: 7))]
        let stages = try #require(ProgrammeSections(report).sections.first { $0.id == "stages" }?.table)
        #expect(stages.rows == [["Métropole 2027", "100", "40", "4", "1", "7"], ["CCAS Nord", "", "40", "4", "1", "7"]])
    }

    @Test func theBatchesSayTheirLastDayInWordsOnPaperAndNoGraceWhenThereIsNone() throws {
        let screen = try #require(ProgrammeSections(Self.report()).cover.last?.table?.rows.first)
        #expect(screen.contains("30/06/2027"), "the dashboard and the terminal keep the short day: \(screen)")
        let batches = try #require(ProgrammeSections(Self.report(), words: .frPaper).printedCover.first)
        #expect(batches.table?.rows.first?.contains("30 juin 2027") == true, "\(String(describing: batches.table))")
        #expect(batches.paragraphs.first?.hasSuffix("à son échéance.") == true, "no 'grace period of 0 days': \(batches.paragraphs)")
    }

    @Test func theFundersPaperCountsWhatExpiresByOfficeAndStartsWithTheKeyFigures() throws {
        let paper = ProgrammeSections(Self.report(), words: .frPaper).printedSections
        #expect(paper.first?.id == "key-figures")
        let expiring = try #require(paper.first { $0.id == "expiring" }?.table)
        #expect(expiring.rows == [["CCAS Nord", "1", "3", "30\(Self.nbsp)€", "15 janvier 2027"]])
        let list = try #require(ProgrammeSections(Self.report()).sections.first { $0.id == "expiring" }?.table)
        #expect(list.rows.first == ["CCAS Nord", "000002", "x", "3", "15/01/2027"], "the dashboard keeps the carnets' numbers, dates short")
    }

    @Test func withNothingHandedOutTheTimeToFirstUseSaysThereIsNoFigureYet() throws {
        let sections = ProgrammeSections(Self.report(handedOut: 0, used: 0)).printedSections
        let firstUse = try #require(sections.first { $0.id == "first-use" })
        #expect(firstUse.chart?.isEmpty == true && firstUse.table?.rows.isEmpty == true)
        #expect(firstUse.table?.emptyText == "Aucun carnet remis puis utilisé pour l'instant.")
        let words = sections.flatMap { ($0.table?.rows ?? []).flatMap { $0 } + $0.paragraphs }
        #expect(!words.contains { $0.contains("0,0") }, "\(words)")
        #expect(firstUse.paragraphs.count == 1 && !firstUse.paragraphs.contains { $0.contains("quartile") }, "no quartiles to explain: \(firstUse.paragraphs)")
        var used = Self.report()
        used.total.firstUseDays = API.Quartiles(count: 4, q1: 1, median: 2, q3: 5)
        let measured = try #require(ProgrammeSections(used).sections.first { $0.id == "first-use" })
        #expect(measured.paragraphs.count == 2, "the quartiles explained where there are some")
    }

    @Test func whenNothingExpiresTheSectionSaysSoOnceWithoutTheWordsOnReminding() throws {
        var nothing = Self.report()
        nothing.expiringSoon = []
        for sections in [ProgrammeSections(nothing, words: .frPaper).printedSections, ProgrammeSections(nothing).sections] {
            let expiring = try #require(sections.first { $0.id == "expiring" })
            #expect(expiring.paragraphs.isEmpty && expiring.table?.rows.isEmpty == true, "\(expiring.paragraphs)")
            #expect(expiring.table?.emptyText == "Aucun carnet n'expire dans les 30 jours.")
        }
        let some = try #require(ProgrammeSections(Self.report(), words: .frPaper).printedSections.first { $0.id == "expiring" })
        #expect(some.paragraphs.first?.contains("export tableur") == true, "\(some.paragraphs)")
    }

    @Test func moneyIsTwoChartsOnTheirOwnScalesSaidInTheSentences() throws {
        let money = try #require(ProgrammeSections(Self.report()).sections.first { $0.id == "money" })
        #expect(money.chart?.separateScales == true && money.chart?.series.map(\.name) == ["Dû aux partenaires pour le mois", "Engagement restant à la fin du mois"])
        #expect(money.paragraphs.last == "Chaque graphique a sa propre échelle.")
        var empty = Self.report()
        empty.months = []
        let none = try #require(ProgrammeSections(empty).sections.first { $0.id == "money" })
        #expect(none.paragraphs.count == 1 && none.chart?.isEmpty == true && none.table?.emptyText == "Aucun mois pour l'instant.")
    }
}
