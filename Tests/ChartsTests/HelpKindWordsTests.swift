import Charts
import Foundation
import SpentListAPI
import Testing

/// One word for each kind of help: the web counter's buttons (Web/js/words.mjs) say what the
/// report, its PDF and the dashboard say (ReportWords.helpKindWords), in French and English,
/// and every kind the programme offers by default has its words.
@Suite struct HelpKindWordsTests {
    static let wordsFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Web/js/words.mjs")

    /// The `help_<code>: "…"` entries of words.mjs, by language ("fr", "en") then code.
    static func webWords() throws -> [String: [String: String]] {
        var words: [String: [String: String]] = [:], language = ""
        for line in try String(contentsOf: wordsFile, encoding: .utf8).split(separator: "\n") {
            if let match = line.wholeMatch(of: #/  (fr|en): \{/#) { language = String(match.1) }
            if let match = line.wholeMatch(of: #/    help_([a-z0-9_]+): "([^"]*)",/#) {
                words[language, default: [:]][String(match.1)] = String(match.2)
            }
        }
        return words
    }

    @Test func theWebCounterSaysTheReportsWordsInFrenchAndEnglish() throws {
        let web = try Self.webWords()
        let fr = Dictionary(uniqueKeysWithValues: ReportWords.helpKindWords.map { ($0.code, $0.fr) })
        let en = Dictionary(uniqueKeysWithValues: ReportWords.helpKindWords.map { ($0.code, $0.en) })
        #expect(web["fr"] == fr, "Web/js/words.mjs's French help_ words differ from ReportWords.helpKindWords")
        #expect(web["en"] == en, "Web/js/words.mjs's English help_ words differ from ReportWords.helpKindWords")
    }

    @Test func everyDefaultKindHasWordsAndTheReportUsesThem() throws {
        let kinds = API.Programme.standard.helpKinds
        #expect(kinds == ReportWords.helpKindWords.map(\.code))
        let help = API.Figure(name: "device_setup", count: 2, valueCents: 2000)
        var report = ProgrammeSectionsTests.report()
        report.months[0].helpKinds = [help, API.Figure(name: "mailbox", count: 1, valueCents: 1000)]
        for (words, expected) in [(ReportWords.fr, ["Réglage d'un appareil", "Boîte mail"]), (.en, ["Device set-up", "Mailbox"])] {
            let table = try #require(ProgrammeSections(report, words: words).sections.first { $0.id == "help" }?.table)
            #expect(Set(table.rows.map { $0[0] }) == Set(expected), "\(table.rows)")
        }
    }
}
