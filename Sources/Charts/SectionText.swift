/// A section of the programme's report on a terminal (`passnum report`): its title, its
/// sentences and its table in aligned columns, the same words as the dashboard and the paper.
/// A section whose figures are only in a chart (the funnel) gets them as a table.
public enum SectionText {
    /// The section's lines, sentences wrapped at `width` characters.
    public static func lines(_ section: ReportSection, numbers: ChartNumbers, width: Int = 100) -> [String] {
        var lines = [section.title, String(repeating: "-", count: section.title.count)]
        for paragraph in section.paragraphs { lines += wrapped(paragraph, width: width) }
        if let table = section.table ?? section.chart.map({ Self.table($0, numbers: numbers) }) {
            lines += self.table(table).map { "  " + $0 }
        }
        return lines
    }

    /// A chart's figures: its categories, then one column per series.
    static func table(_ chart: Chart, numbers: ChartNumbers) -> ReportTable {
        let rows = chart.categories.indices.map { index in
            [chart.categories[index].replacingOccurrences(of: "\n", with: " ")] + chart.series.map { numbers.text($0.values[index], chart.unit) }
        }
        let columns = [ReportTable.Column(chart.title, numeric: false)] + chart.series.map { ReportTable.Column($0.name) }
        return ReportTable(columns: columns, rows: chart.isEmpty ? [] : rows, emptyText: chart.emptyText)
    }

    /// Names padded on the right, numbers on the left; the totals under a rule.
    static func table(_ table: ReportTable) -> [String] {
        guard !table.rows.isEmpty else { return table.emptyText.isEmpty ? [] : [table.emptyText] }
        let everyRow = [table.columns.map(\.title)] + table.rows + (table.total.map { [$0] } ?? [])
        let widths = table.columns.indices.map { column in everyRow.map { $0[column].count }.max() ?? 0 }
        let line = { (cells: [String]) in
            zip(cells, zip(widths, table.columns)).map { cell, format in
                let padding = String(repeating: " ", count: format.0 - cell.count)
                return format.1.numeric ? padding + cell : cell + padding
            }.joined(separator: "  ").trimmingTrailingSpaces
        }
        var lines = [line(table.columns.map(\.title))] + table.rows.map(line)
        if let total = table.total {
            lines += [String(repeating: "-", count: widths.reduce(2 * (widths.count - 1), +)), line(total)]
        }
        return lines
    }

    /// Words filled into lines of at most `width` characters (a longer word has a line of its own).
    static func wrapped(_ text: String, width: Int) -> [String] {
        var lines: [String] = [], current = ""
        for word in text.split(separator: " ") {
            if !current.isEmpty, current.count + 1 + word.count > width {
                lines.append(current)
                current = ""
            }
            current += (current.isEmpty ? "" : " ") + word
        }
        return current.isEmpty ? lines : lines + [current]
    }
}
