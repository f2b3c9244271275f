/// Columns: categories along a baseline, names under it (every other one, or fewer, when they
/// would touch). A series' values are written above its columns when all of them fit, or none:
/// a "0 €" alone above an empty month, beside large values left unwritten, misleads. When a
/// series' values are not written, a value axis on the left gives the scale instead: round
/// values, with a faint line across at each. With `Chart.separateScales`, each series is such a
/// chart of its own, under its name, with its axis, its months under the others'.
struct ColumnsLayout {
    let layout: ChartLayout
    let chart: Chart

    static let plotHeight = 170.0, panelHeight = 120.0, lineHeight = 15.0, betweenPanels = 14.0

    func place(from top: Double, into start: ChartFigure) -> ChartFigure {
        var figure = start
        let panels = chart.panels ? chart.series.indices.map { [$0] } : [Array(chart.series.indices)]
        let full = (left: ChartLayout.padding, right: layout.width - ChartLayout.padding)
        // Charts side by side on their own scales each have an axis, so the scales are seen to differ.
        let axis = chart.panels || panels.contains { written($0, slot: slot(full)).contains(false) }
        let left = axis ? panels.map { axisLeft(ticks($0)) }.max() ?? full.left : full.left
        guard chart.panels else {
            figure.height = panel(panels[0], top: top, plotHeight: Self.plotHeight, left: left, axis: axis, into: &figure)
            return figure
        }
        var y = top
        for series in chart.series.indices {
            y = heading(series, top: y, into: &figure)
            y = panel([series], top: y, plotHeight: Self.panelHeight, left: left, axis: axis, into: &figure) + Self.betweenPanels
        }
        figure.height = y - Self.betweenPanels
        return figure
    }

    /// A panel's title: its series' colour and name, as the legend writes them, in bold.
    private func heading(_ series: Int, top: Double, into figure: inout ChartFigure) -> Double {
        let name = chart.series[series].name, size = ChartLayout.legendSize
        figure.bars.append(.init(x: ChartLayout.padding, y: top + 6, width: 12, height: 12, series: series, label: name))
        figure.text(TextMeasure.fit(name, width: layout.width - 2 * ChartLayout.padding - 24, size: size),
                    x: ChartLayout.padding + 18, y: top + 16.5, size: size, bold: true)
        return top + 22
    }

    /// The `drawn` series' columns, side by side, from `top`, right of `left` (and of the value
    /// axis there, with `axis`); returns the panel's bottom.
    private func panel(_ drawn: [Int], top: Double, plotHeight: Double, left: Double, axis: Bool, into figure: inout ChartFigure) -> Double {
        let size = ChartLayout.labelSize
        let lines = chart.categories.map { $0.split(separator: "\n").map(String.init) }
        let baseline = top + 16 + plotHeight
        let plot = (left: left, right: layout.width - ChartLayout.padding)
        let ticks = self.ticks(drawn), scale = axis ? ticks.last ?? 1 : chart.largest(of: drawn)
        if axis { self.axis(ticks, left: left, baseline: baseline, plotHeight: plotHeight, right: plot.right, into: &figure) }
        let slot = self.slot(plot), written = self.written(drawn, slot: slot)
        let widest = lines.flatMap { $0 }.map { TextMeasure.width($0, size: size) }.max() ?? 0
        let every = max(1, Int((widest + 6) / slot) + 1)
        let group = self.group(slot, drawn.count), bar = group / Double(drawn.count)
        for (index, category) in lines.enumerated() {
            let centre = plot.left + slot * (Double(index) + 0.5)
            for (place, series) in drawn.enumerated() {
                let value = chart.series[series].values[index]
                let height = value / scale * plotHeight
                let x = centre - group / 2 + Double(place) * bar
                figure.bars.append(.init(x: x + 0.5, y: baseline - height, width: bar - 1, height: height, series: series,
                                         label: layout.barLabel(chart, category: index, series: series)))
                if written[place] {
                    figure.text(layout.value(value, chart.unit), x: x + bar / 2, y: baseline - height - 4, size: ChartLayout.valueSize,
                                anchor: .middle, tone: .muted)
                }
            }
            guard index % every == 0 else { continue }
            for (line, text) in category.enumerated() {
                let fitted = TextMeasure.fit(text, width: slot * Double(every) - 4, size: size)
                figure.text(fitted, x: centre, y: baseline + Self.lineHeight * Double(line + 1), size: size, anchor: .middle,
                            tone: line == 0 ? .ink : .muted)
            }
        }
        figure.rules.append(.init(x0: plot.left, y0: baseline, x1: plot.right, y1: baseline))
        return baseline + Double(lines.map(\.count).max() ?? 1) * Self.lineHeight + 8
    }

    private func slot(_ plot: (left: Double, right: Double)) -> Double {
        (plot.right - plot.left) / Double(max(1, chart.categories.count))
    }

    /// A category's columns together: no wider than a thumb's width each on a phone, however
    /// few the categories.
    private func group(_ slot: Double, _ count: Int) -> Double { min(slot * 0.72, 56 * Double(count)) }

    /// For each drawn series, whether all its values fit above their columns.
    private func written(_ drawn: [Int], slot: Double) -> [Bool] {
        let room = drawn.count == 1 ? slot - 2 : group(slot, drawn.count) / Double(drawn.count) + 1
        return drawn.map { series in
            chart.series[series].values.allSatisfy { TextMeasure.width(layout.value($0, chart.unit), size: ChartLayout.valueSize) <= room }
        }
    }

    /// The round values of the `drawn` series' axis.
    private func ticks(_ drawn: [Int]) -> [Double] { Self.ticks(chart.largest(of: drawn), unit: chart.unit) }

    /// Where the columns start right of an axis with these values.
    private func axisLeft(_ ticks: [Double]) -> Double {
        ChartLayout.padding + (ticks.map { TextMeasure.width(layout.value($0, chart.unit), size: ChartLayout.valueSize) }.max() ?? 0) + 8
    }

    /// The value axis: its round values left of `left`, a faint line across at each but 0 (the
    /// baseline's).
    private func axis(_ ticks: [Double], left: Double, baseline: Double, plotHeight: Double, right: Double, into figure: inout ChartFigure) {
        let top = ticks.last ?? 1
        for tick in ticks {
            let y = baseline - tick / top * plotHeight
            figure.text(layout.value(tick, chart.unit), x: left - 6, y: y + ChartLayout.valueSize * 0.36, size: ChartLayout.valueSize,
                        anchor: .end, tone: .muted)
            if tick > 0 { figure.rules.append(.init(x0: left, y0: y, x1: right, y1: y, faint: true)) }
        }
    }

    /// 0, then at most four equal steps reaching `largest`, a step 1, 2 or 5 times a power of
    /// ten of the unit (whole euros for cents): "0 €, 5 000 €, 10 000 €, 15 000 €, 20 000 €".
    static func ticks(_ largest: Double, unit: Chart.Unit) -> [Double] {
        let least = unit == .cents ? 100.0 : 1.0
        for power in 0...15 {
            for step in [1.0, 2, 5].map({ $0 * least * pow10(power) }) where (largest / step).rounded(.up) <= 4 {
                return (0...Int(max(1, (largest / step).rounded(.up)))).map { Double($0) * step }
            }
        }
        return [0, largest]
    }

    private static func pow10(_ power: Int) -> Double { (0..<power).reduce(1.0) { value, _ in value * 10 } }
}
