import Charts

/// The evaluation report cut into blocks: the cover, then each section's heading, sentences,
/// chart (one block, never split) and table rows (the column titles again on a new page).
struct ReportLayout {
    typealias Block = PageFlow.Block

    /// The printed charts' layout width: 640 units across the 174 mm between the margins puts
    /// their names at about 10 points.
    static let chartWidth = 640.0

    let report: EvaluationReport
    let flow: PageFlow

    func blocks() -> [Block] {
        var blocks = cover()
        for (index, section) in report.sections.enumerated() {
            var part = self.section(section)
            if index == 0, !part.isEmpty { part[0].startsPage = true }
            blocks += part
        }
        return blocks
    }

    private func cover() -> [Block] {
        var blocks = [flow.space(8)]
        blocks += flow.wrapped(report.title, size: 26, weight: .bold, indent: 0)
        blocks.append(flow.space(3))
        blocks += flow.wrapped(report.programme, size: 16, indent: 0)
        blocks.append(flow.space(4))
        for fact in report.facts { blocks += flow.wrapped(fact, size: 11, indent: 0) }
        blocks.append(flow.space(4))
        blocks.append(flow.rule())
        blocks.append(flow.space(6))
        blocks += HeadlineLayout(figures: report.headline).blocks()
        if !report.headline.isEmpty { blocks.append(flow.space(4)) }
        for section in report.cover { blocks += self.section(section) }
        return blocks
    }

    private func section(_ section: ReportSection) -> [Block] {
        var blocks = [flow.text(section.title, size: 14, weight: .bold, after: 2)]
        for paragraph in section.paragraphs {
            blocks += flow.wrapped(paragraph, size: 10, indent: 0)
            blocks.append(flow.space(1.5))
        }
        let drawn = section.chart.map { !$0.isEmpty } ?? false
        if drawn { blocks.append(flow.space(2)) }
        // The heading and its sentences go to a new page with the chart, and the chart with its
        // table's first rows: a table never starts a page away from the chart it details.
        for index in blocks.indices { blocks[index].keepWithNext = true }
        if let chart = section.chart, drawn {
            let detailed = !(section.table?.rows.isEmpty ?? true)
            blocks.append(self.chart(chart))
            blocks.append(flow.space(4))
            blocks[blocks.count - 2].keepWithNext = detailed
            blocks[blocks.count - 1].keepWithNext = detailed
        } else if let chart = section.chart, section.table == nil {
            blocks += flow.wrapped(chart.emptyText, size: 10, indent: 0)
        }
        if let table = section.table { blocks += ReportTableLayout(table: table, flow: flow).blocks() }
        blocks.append(flow.space(8))
        return blocks
    }

    private func chart(_ chart: Chart) -> Block {
        let figure = ChartLayout(width: Self.chartWidth).figure(chart)
        let scale = PageFlow.contentWidth / Self.chartWidth
        return Block(height: figure.height * scale) { canvas, top in
            canvas.draw(figure, x: PageFlow.margin, y: top, scale: scale)
        }
    }
}

/// A table across the margins: numeric columns as wide as their widest figure (titles wrapped
/// on two lines when they must), the first column the rest, its names cut with "…".
struct ReportTableLayout {
    typealias Block = PageFlow.Block

    static let size = 9.0, rowHeight = 5.2

    let table: ReportTable
    let flow: PageFlow

    func blocks() -> [Block] {
        guard !table.rows.isEmpty else { return flow.wrapped(table.emptyText, size: 10, indent: 0) }
        let widths = columnWidths()
        let header = self.header(widths)
        var blocks = [header]
        blocks[0].keepWithNext = true
        for (index, row) in table.rows.enumerated() {
            // The first row stays with the column titles; the last two with the total.
            let kept = index == 0 || (table.total != nil && index >= table.rows.count - 2)
            blocks.append(Block(height: Self.rowHeight, header: [header], keepWithNext: kept) { canvas, top in
                if index % 2 == 1 { canvas.fill(x: PageFlow.margin, y: top, width: PageFlow.contentWidth, height: Self.rowHeight, grey: 0.93) }
                draw(row, widths: widths, top: top, weight: .regular, on: canvas)
            })
        }
        if let total = table.total {
            var rule = flow.rule()
            rule.keepWithNext = true
            blocks.append(rule)
            blocks.append(Block(height: Self.rowHeight) { canvas, top in draw(total, widths: widths, top: top, weight: .bold, on: canvas) })
        }
        return blocks
    }

    /// Each column as wide as its widest figure and its title (up to 26 mm); when that leaves
    /// the names too little room, the titles wrap down to their longest word so no name is cut.
    private func columnWidths() -> [Double] {
        let canvas = flow.canvas, bold = { canvas.width(of: $0, size: Self.size, weight: .bold) }
        let widest = table.columns.indices.map { column in
            (table.rows + [table.total ?? []]).compactMap { $0.indices.contains(column) ? bold($0[column]) : nil }.max() ?? 0
        }
        var widths = table.columns.indices.map { max(widest[$0], min(bold(table.columns[$0].title), 26)) + 4 }
        if let first = table.columns.firstIndex(where: { !$0.numeric }) {
            let narrow = table.columns.indices.map { column in
                max(widest[column], table.columns[column].title.split(separator: " ").map { bold(String($0)) }.max() ?? 0) + 4
            }
            let others = table.columns.indices.filter { $0 != first }
            let wanted = others.reduce(0) { $0 + widths[$1] }, least = others.reduce(0) { $0 + narrow[$1] }
            let room = PageFlow.contentWidth - widest[first] - 4 - least
            if room < wanted - least {
                let kept = wanted > least ? max(0, room) / (wanted - least) : 0
                for column in others { widths[column] = narrow[column] + (widths[column] - narrow[column]) * kept }
            }
            widths[first] = max(30, PageFlow.contentWidth - others.reduce(0) { $0 + widths[$1] })
        }
        let total = widths.reduce(0, +)
        return total > PageFlow.contentWidth ? widths.map { $0 * PageFlow.contentWidth / total } : widths
    }

    private func header(_ widths: [Double]) -> Block {
        let canvas = flow.canvas, lineHeight = PageFlow.lineHeight(Self.size)
        let titles = table.columns.enumerated().map { canvas.wrap($1.title, width: widths[$0] - 2, size: Self.size, weight: .bold) }
        let lines = Double(titles.map(\.count).max() ?? 1)
        return Block(height: lines * lineHeight + 2.5) { canvas, top in
            var x = PageFlow.margin
            for (column, title) in titles.enumerated() {
                for (line, text) in title.enumerated() {
                    let baseline = top + lineHeight * (Double(line) + 0.8)
                    if table.columns[column].numeric {
                        canvas.textRight(text, right: x + widths[column] - 1, baseline: baseline, size: Self.size, weight: .bold)
                    } else {
                        canvas.text(text, x: x + 1, baseline: baseline, size: Self.size, weight: .bold)
                    }
                }
                x += widths[column]
            }
            canvas.solidLine(fromX: PageFlow.margin, toX: PageFlow.right, y: top + lines * lineHeight + 1.5)
        }
    }

    private func draw(_ row: [String], widths: [Double], top: Double, weight: Canvas.Weight, on canvas: Canvas) {
        var x = PageFlow.margin
        let baseline = top + 3.8
        for (column, cell) in row.enumerated() {
            if table.columns[column].numeric {
                canvas.textRight(cell, right: x + widths[column] - 1, baseline: baseline, size: Self.size, weight: weight)
            } else {
                let fitted = canvas.fitted(cell, width: widths[column] - 2, size: Self.size, minimum: Self.size, weight: weight)
                canvas.text(fitted.text, x: x + 1, baseline: baseline, size: Self.size, weight: weight)
            }
            x += widths[column]
        }
    }
}
