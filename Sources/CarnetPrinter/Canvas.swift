import CCairo

/// A cairo context seen in millimetres, with the few drawing operations a carnet needs. It keeps
/// cairo's C calls out of the layout code.
struct Canvas {
    enum Weight { case regular, bold }

    let cairo: OpaquePointer
    let fonts: Fonts
    /// Device pixels per millimetre when drawing a raster image (QR modules are then snapped to
    /// whole pixels); nil for PDF, where the printer does the scaling.
    let pixelsPerMillimetre: Double?

    static let pointsPerMillimetre = 72 / 25.4

    init(cairo: OpaquePointer, fonts: Fonts, pixelsPerMillimetre: Double?) {
        self.cairo = cairo
        self.fonts = fonts
        self.pixelsPerMillimetre = pixelsPerMillimetre
        // Unhinted metrics: text measures the same on a PDF, a PNG at any dpi and the scratch
        // surface used to wrap the note, so what fits in one fits in all.
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_set_font_options(cairo, options)
        cairo_font_options_destroy(options)
    }

    /// Draws the text with its baseline starting at (x, baseline); sizes are in points.
    func text(_ string: String, x: Double, baseline: Double, size points: Double, weight: Weight = .regular) {
        select(size: points, weight: weight)
        cairo_move_to(cairo, x, baseline)
        cairo_show_text(cairo, string)
    }

    /// The width in millimetres the text would take.
    func width(of string: String, size points: Double, weight: Weight = .regular) -> Double {
        select(size: points, weight: weight)
        return advance(of: string)
    }

    /// The largest size not above `points` at which the text fits in `width` millimetres.
    func fittingSize(_ string: String, width: Double, size points: Double, minimum: Double, weight: Weight = .regular) -> Double? {
        let natural = self.width(of: string, size: points, weight: weight)
        if natural <= width { return points }
        let size = points * width / natural
        return size >= minimum ? size : nil
    }

    /// The text and size to draw it in `width`: shrunk down to `minimum`, then cut with "…".
    func fitted(_ string: String, width: Double, size points: Double, minimum: Double, weight: Weight = .regular) -> (text: String, size: Double) {
        if let size = fittingSize(string, width: width, size: points, minimum: minimum, weight: weight) { return (string, size) }
        var cut = string
        while !cut.isEmpty, self.width(of: cut + "…", size: minimum, weight: weight) > width { cut.removeLast() }
        return (cut + "…", minimum)
    }

    func dashedLine(fromX x0: Double, toX x1: Double, y: Double) {
        cairo_save(cairo)
        var dashes: [Double] = [3, 2]
        cairo_set_dash(cairo, &dashes, 2, 0)
        cairo_set_line_width(cairo, 0.3)
        cairo_move_to(cairo, x0, y)
        cairo_line_to(cairo, x1, y)
        cairo_stroke(cairo)
        cairo_restore(cairo)
    }

    func solidLine(fromX x0: Double, toX x1: Double, y: Double) {
        cairo_set_line_width(cairo, 0.25)
        cairo_move_to(cairo, x0, y)
        cairo_line_to(cairo, x1, y)
        cairo_stroke(cairo)
    }

    func dashedRectangle(x: Double, y: Double, width: Double, height: Double) {
        cairo_save(cairo)
        var dashes: [Double] = [3, 2]
        cairo_set_dash(cairo, &dashes, 2, 0)
        cairo_set_line_width(cairo, 0.3)
        cairo_rectangle(cairo, x, y, width, height)
        cairo_stroke(cairo)
        cairo_restore(cairo)
    }

    /// Draws the code's dark modules with its top-left corner (quiet zone excluded) at (x, y).
    /// The 1-bit mask is enlarged with nearest-neighbour filtering: modules stay sharp squares.
    func qr(_ code: QRCode, x: Double, y: Double, module: Double) {
        let surface = code.makeSurface()
        defer { cairo_surface_destroy(surface) }
        cairo_save(cairo)
        if let pixelsPerMillimetre {
            // Whole pixels per module, on whole pixels: no module is one pixel wider than another.
            let step = max(1, (module * pixelsPerMillimetre).rounded())
            var deviceX = x, deviceY = y
            cairo_user_to_device(cairo, &deviceX, &deviceY)
            cairo_identity_matrix(cairo)
            cairo_translate(cairo, deviceX.rounded(), deviceY.rounded())
            cairo_scale(cairo, step, step)
        } else {
            cairo_translate(cairo, x, y)
            cairo_scale(cairo, module, module)
        }
        let pattern = cairo_pattern_create_for_surface(surface)!
        cairo_pattern_set_filter(pattern, CAIRO_FILTER_NEAREST)
        cairo_mask(cairo, pattern)
        cairo_pattern_destroy(pattern)
        cairo_restore(cairo)
    }

    private func select(size points: Double, weight: Weight) {
        cairo_set_font_face(cairo, weight == .bold ? fonts.bold : fonts.regular)
        cairo_set_font_size(cairo, points / Self.pointsPerMillimetre)
    }

    private func advance(of string: String) -> Double {
        var extents = cairo_text_extents_t()
        cairo_text_extents(cairo, string, &extents)
        return extents.x_advance
    }
}
