import CCairo
import Charts

/// The report's key figures at a glance: tiles of three across, each a large number in the
/// charts' blue, what it counts under it, and of what in small grey type.
struct HeadlineLayout {
    typealias Block = PageFlow.Block

    static let perRow = 3, gap = 4.0, height = 25.0

    let figures: [HeadlineFigure]

    func blocks() -> [Block] {
        stride(from: 0, to: figures.count, by: Self.perRow).map { start in
            let row = Array(figures[start..<min(start + Self.perRow, figures.count)])
            return Block(height: Self.height + Self.gap) { canvas, top in
                for (index, figure) in row.enumerated() { draw(figure, column: index, top: top, on: canvas) }
            }
        }
    }

    private func draw(_ figure: HeadlineFigure, column: Int, top: Double, on canvas: Canvas) {
        let width = (PageFlow.contentWidth - Double(Self.perRow - 1) * Self.gap) / Double(Self.perRow)
        let x = PageFlow.margin + Double(column) * (width + Self.gap), inner = width - 6
        canvas.fill(x: x, y: top, width: width, height: Self.height, grey: 0.94)
        let value = canvas.fitted(figure.value, width: inner, size: 24, minimum: 14, weight: .bold)
        colour(Palette.series(0), on: canvas) { canvas.text(value.text, x: x + 3, baseline: top + 11, size: value.size, weight: .bold) }
        let caption = canvas.fitted(figure.caption, width: inner, size: 10.5, minimum: 8, weight: .bold)
        canvas.text(caption.text, x: x + 3, baseline: top + 17, size: caption.size, weight: .bold)
        let detail = canvas.fitted(figure.detail, width: inner, size: 8.5, minimum: 6.5)
        colour(Palette.muted, on: canvas) { canvas.text(detail.text, x: x + 3, baseline: top + 22, size: detail.size) }
    }

    private func colour(_ colour: (red: Double, green: Double, blue: Double), on canvas: Canvas, _ draw: () -> Void) {
        cairo_save(canvas.cairo)
        cairo_set_source_rgb(canvas.cairo, colour.red, colour.green, colour.blue)
        draw()
        cairo_restore(canvas.cairo)
    }
}
