@testable import Charts
import Testing

/// Columns whose values say their size: written above them when they fit, a value axis when
/// they do not, and amounts of different sizes on separate scales (the evaluation report's
/// page on money drew hundreds owed beside thousands outstanding on one scale, without values).
@Suite struct ColumnsLayoutTests {
    static let nbsp = "\u{00A0}", thin = "\u{202F}"
    static let months = ["janv.\n2026", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
    /// The simulated year's money, in cents: owed each month, outstanding at each month's end.
    static let owed: [Double] = [120_000, 301_000, 0, 80_000, 160_000, 0, 0, 0, 37_500, 37_500, 200_000, 0]
    static let outstanding: [Double] = [880_000, 579_000, 1_529_000, 1_449_000, 1_289_000, 1_510_000, 1_510_000, 1_510_000,
                                        1_472_500, 1_435_000, 1_235_000, 1_235_000]

    static func money(separate: Bool) -> Chart {
        Chart(title: "Argent", orientation: .columns, unit: .cents, categories: months,
              series: [.init(name: "Dû aux partenaires pour le mois", values: owed), .init(name: "Engagement restant à la fin du mois", values: outstanding)],
              emptyText: "Aucun mois", separateScales: separate)
    }

    /// The bars standing for values (not the swatches), of one series.
    static func columns(_ figure: ChartFigure, series: Int) -> [ChartFigure.Bar] {
        figure.bars.filter { $0.series == series && $0.label.contains(":") }
    }

    @Test func separateScalesDrawEachSeriesAsItsOwnChartUnderItsNameWithItsAxisAndMonthsAligned() throws {
        let figure = ChartLayout(width: 640).figure(Self.money(separate: true))
        let texts = figure.texts.map(\.string)
        let headings = figure.texts.filter(\.bold).map(\.string)
        #expect(headings == ["Dû aux partenaires pour le mois", "Engagement restant à la fin du mois"], "\(headings)")
        let owed = Self.columns(figure, series: 0), outstanding = Self.columns(figure, series: 1)
        #expect(owed.count == 12 && outstanding.count == 12)
        // The largest owed (3 010 €) fills most of its own chart: on the outstanding's scale it was a fifth.
        let tallest = (owed: owed.map(\.height).max() ?? 0, outstanding: outstanding.map(\.height).max() ?? 0)
        #expect(tallest.owed > 0.7 * tallest.outstanding, "\(tallest)")
        #expect(owed.allSatisfy { $0.y + $0.height < outstanding[0].y }, "the owed chart above the outstanding one")
        #expect(zip(owed, outstanding).allSatisfy { abs($0.x - $1.x) < 0.01 }, "a month's columns one above the other")
        // What is owed each month is written; both charts have an axis of round euros.
        for value in ["1\(Self.thin)200\(Self.nbsp)€", "3\(Self.thin)010\(Self.nbsp)€", "375\(Self.nbsp)€", "2\(Self.thin)000\(Self.nbsp)€"] {
            #expect(texts.contains(value), "\(value) in \(texts)")
        }
        for tick in ["4\(Self.thin)000\(Self.nbsp)€", "20\(Self.thin)000\(Self.nbsp)€", "5\(Self.thin)000\(Self.nbsp)€", "0\(Self.nbsp)€"] {
            #expect(texts.contains(tick), "the axis value \(tick)")
        }
        #expect(figure.rules.filter(\.faint).count == 4 + 4, "a faint line at each round value but 0, in each chart")
    }

    @Test func onAPhoneEachChartKeepsItsAxisWhereItsValuesDoNotFit() throws {
        let figure = ChartLayout(width: 320).figure(Self.money(separate: true))
        let texts = figure.texts.map(\.string)
        #expect(!texts.contains("3\(Self.thin)010\(Self.nbsp)€"), "no room above the columns")
        #expect(texts.contains("4\(Self.thin)000\(Self.nbsp)€") && texts.contains("20\(Self.thin)000\(Self.nbsp)€"), "\(texts)")
        let svg = SVGChart.svg(Self.money(separate: true), id: "money", layout: ChartLayout(width: 320))
        #expect(svg.contains(#"stroke="\#(Palette.hex(Palette.faintRule))""#) && svg.components(separatedBy: "<rect ").count - 1 == 2 + 24)
    }

    @Test func columnsWhoseValuesDoNotFitGetAValueAxisAndThoseThatFitDoNot() throws {
        let large = Chart(title: "t", orientation: .columns, unit: .count, categories: Self.months,
                          series: [.init(name: "Pass", values: Self.outstanding)], emptyText: "")
        let figure = ChartLayout(width: 320).figure(large)
        let texts = figure.texts.map(\.string)
        #expect(texts.contains("0") && texts.contains("2\(Self.thin)000\(Self.thin)000"), "round values: \(texts)")
        #expect(figure.rules.contains { $0.faint })
        let tallest = Self.columns(figure, series: 0).map(\.height).max() ?? 0
        #expect(abs(tallest / 170 - 1_529_000 / 2_000_000) < 0.001, "heights on the axis' scale: \(tallest)")
        let small = Chart(title: "t", orientation: .columns, unit: .count, categories: ["a", "b"], series: [.init(name: "n", values: [3, 12])],
                          emptyText: "")
        let written = ChartLayout(width: 320).figure(small)
        #expect(!written.rules.contains { $0.faint } && written.texts.map(\.string) == ["3", "a", "12", "b"], "values written, no axis")
    }

    @Test func roundValuesAreOneTwoOrFiveTimesAPowerOfTenInAtMostFourSteps() {
        #expect(ColumnsLayout.ticks(1_529_000, unit: .cents) == [0, 500_000, 1_000_000, 1_500_000, 2_000_000])
        #expect(ColumnsLayout.ticks(301_000, unit: .cents) == [0, 100_000, 200_000, 300_000, 400_000])
        #expect(ColumnsLayout.ticks(2_000, unit: .cents) == [0, 500, 1_000, 1_500, 2_000])
        #expect(ColumnsLayout.ticks(3, unit: .count) == [0, 1, 2, 3])
        #expect(ColumnsLayout.ticks(1, unit: .cents) == [0, 100], "a whole euro at least")
    }
}
