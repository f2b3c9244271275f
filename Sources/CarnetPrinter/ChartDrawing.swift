import CCairo
import Charts

extension Canvas {
    /// Draws a chart's figure with its top-left corner at (x, y) millimetres, `scale`
    /// millimetres a figure unit: the marks the SVG has, in the same order and colours.
    func draw(_ figure: ChartFigure, x: Double, y: Double, scale: Double) {
        cairo_save(cairo)
        defer { cairo_restore(cairo) }
        cairo_set_line_width(cairo, 0.25)
        for rule in figure.rules {
            setColour(rule.faint ? Palette.faintRule : Palette.rule)
            cairo_move_to(cairo, x + rule.x0 * scale, y + rule.y0 * scale)
            cairo_line_to(cairo, x + rule.x1 * scale, y + rule.y1 * scale)
            cairo_stroke(cairo)
        }
        for bar in figure.bars where bar.width > 0 && bar.height > 0 {
            setColour(Palette.series(bar.series))
            cairo_rectangle(cairo, x + bar.x * scale, y + bar.y * scale, bar.width * scale, bar.height * scale)
            cairo_fill(cairo)
        }
        for text in figure.texts { draw(text, x: x, y: y, scale: scale) }
    }

    private func draw(_ text: ChartFigure.Text, x: Double, y: Double, scale: Double) {
        let points = text.size * scale * Self.pointsPerMillimetre
        let weight: Weight = text.bold ? .bold : .regular
        let left = x + text.x * scale, baseline = y + text.y * scale
        switch text.tone {
        case .ink: setColour(Palette.ink)
        case .muted: setColour(Palette.muted)
        case .onBar: setColour((1, 1, 1))
        }
        switch text.anchor {
        case .start: self.text(text.string, x: left, baseline: baseline, size: points, weight: weight)
        case .middle: self.text(text.string, x: left - width(of: text.string, size: points, weight: weight) / 2, baseline: baseline, size: points, weight: weight)
        case .end: textRight(text.string, right: left, baseline: baseline, size: points, weight: weight)
        }
    }

    private func setColour(_ colour: (red: Double, green: Double, blue: Double)) {
        cairo_set_source_rgb(cairo, colour.red, colour.green, colour.blue)
    }
}
