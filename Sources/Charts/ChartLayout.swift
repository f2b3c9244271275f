import Foundation

/// Places a chart in a figure `width` units wide (the height follows from the content): the
/// one layout both renderers draw. Sizes are in the figure's units; a web figure is about 440
/// wide (text stays readable when a phone shrinks it), a printed one 640 (scaled to 174 mm).
public struct ChartLayout: Sendable {
    public let width: Double
    public let numbers: ChartNumbers

    static let labelSize = 13.0, valueSize = 11.5, legendSize = 12.0, padding = 4.0

    public init(width: Double = 440, numbers: ChartNumbers = .fr) {
        precondition(width >= 200, "a chart needs room")
        (self.width, self.numbers) = (width, numbers)
    }

    public func figure(_ chart: Chart) -> ChartFigure {
        guard !chart.isEmpty else { return empty(chart) }
        var figure = ChartFigure(width: width, height: 0)
        let top = legend(chart, into: &figure)
        switch chart.orientation {
        case .rows: return RowsLayout(layout: self, chart: chart).place(from: top, into: figure)
        case .columns: return ColumnsLayout(layout: self, chart: chart).place(from: top, into: figure)
        }
    }

    /// One line of text where there is nothing to draw.
    private func empty(_ chart: Chart) -> ChartFigure {
        var figure = ChartFigure(width: width, height: 36)
        let text = TextMeasure.fit(chart.emptyText, width: width - 2 * Self.padding, size: Self.labelSize)
        figure.text(text, x: width / 2, y: 22, size: Self.labelSize, anchor: .middle, tone: .muted)
        return figure
    }

    /// A swatch and a name per series, wrapped to the width, when there are several series;
    /// returns where the chart starts below it.
    private func legend(_ chart: Chart, into figure: inout ChartFigure) -> Double {
        guard chart.series.count > 1, !chart.panels else { return Self.padding }
        var x = Self.padding, line = 0.0
        for (index, series) in chart.series.enumerated() {
            let name = TextMeasure.fit(series.name, width: width - 2 * Self.padding - 18, size: Self.legendSize)
            let room = 18 + TextMeasure.width(name, size: Self.legendSize) + 14
            if x > Self.padding, x + room > width { (x, line) = (Self.padding, line + 20) }
            figure.bars.append(.init(x: x, y: line + 6, width: 12, height: 12, series: index, label: series.name))
            figure.text(name, x: x + 18, y: line + 16.5, size: Self.legendSize)
            x += room
        }
        return line + 30
    }

    func value(_ value: Double, _ unit: Chart.Unit) -> String { numbers.text(value, unit) }

    /// "PiNG — Novembre : 12": what a bar stands for.
    func barLabel(_ chart: Chart, category: Int, series: Int) -> String {
        let name = chart.categories[category].replacingOccurrences(of: "\n", with: " ")
        let what = chart.series.count > 1 ? "\(name) — \(chart.series[series].name)" : name
        let colon = numbers.french ? "\u{00A0}:" : ":"
        return "\(what)\(colon) \(value(chart.series[series].values[category], chart.unit))"
    }
}

/// Rows: names on the left, cut to at most 38 % of the width, bars from one axis, each value
/// after its bar.
struct RowsLayout {
    let layout: ChartLayout
    let chart: Chart

    static let bar = 18.0, betweenSeries = 2.0, betweenGroups = 10.0

    func place(from top: Double, into start: ChartFigure) -> ChartFigure {
        let size = ChartLayout.labelSize, width = layout.width
        let names = chart.categories.map { $0.replacingOccurrences(of: "\n", with: " ") }
        let nameWidth = min(names.map { TextMeasure.width($0, size: size) }.max() ?? 0, width * 0.38)
        let axis = ChartLayout.padding + nameWidth + 8
        let values = chart.series.map { $0.values.map { layout.value($0, chart.unit) } }
        let valueRoom = (values.flatMap { $0 }.map { TextMeasure.width($0, size: ChartLayout.valueSize) }.max() ?? 0) + 8
        let plot = max(40, width - axis - valueRoom - ChartLayout.padding)
        let group = Double(chart.series.count) * (Self.bar + Self.betweenSeries) - Self.betweenSeries
        var figure = ChartFigure(width: width, height: top + Double(names.count) * (group + Self.betweenGroups) + ChartLayout.padding)
        (figure.bars, figure.texts) = (start.bars, start.texts)
        for (index, name) in names.enumerated() {
            let groupTop = top + Double(index) * (group + Self.betweenGroups)
            figure.text(TextMeasure.fit(name, width: nameWidth, size: size), x: axis - 8, y: groupTop + group / 2 + size * 0.36, size: size, anchor: .end)
            for series in chart.series.indices {
                let y = groupTop + Double(series) * (Self.bar + Self.betweenSeries)
                let length = chart.series[series].values[index] / chart.largest * plot
                figure.bars.append(.init(x: axis, y: y, width: length, height: Self.bar, series: series,
                                         label: layout.barLabel(chart, category: index, series: series)))
                figure.text(values[series][index], x: axis + length + 4, y: y + Self.bar / 2 + ChartLayout.valueSize * 0.36,
                            size: ChartLayout.valueSize, tone: .muted)
            }
        }
        figure.rules.append(.init(x0: axis, y0: top - 4, x1: axis, y1: figure.height - ChartLayout.padding - Self.betweenGroups + 4))
        return figure
    }
}
