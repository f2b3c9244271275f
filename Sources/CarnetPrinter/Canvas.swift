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

    /// Draws the code's dark modules with its top-left corner (quiet zone excluded) at (x, y),
    /// as a 1-bit mask enlarged with nearest-neighbour filtering: modules stay sharp squares at
    /// any resolution.
    func qr(_ code: QRCode, x: Double, y: Double, module: Double) {
        qrColumn([code], x: x, y: y, pitch: code.width, module: module)
    }

    /// On an 8-bit image: the code as large as fits in `area` (millimetres) with its quiet zone,
    /// a whole number of pixels a module, centred. Modules are written straight into the pixels,
    /// a fraction of the cost of a scaled composite, and none is a pixel wider than another.
    func rasterQR(_ code: QRCode, area: (x: Double, y: Double, width: Double, height: Double)) {
        guard let pixelsPerMillimetre, let target = cairo_get_target(cairo), cairo_image_surface_get_format(target) == CAIRO_FORMAT_A8 else {
            preconditionFailure("rasterQR draws on A8 images only")
        }
        var left = area.x, top = area.y
        cairo_user_to_device(cairo, &left, &top)
        let side = min(area.width, area.height) * pixelsPerMillimetre
        let step = max(1, Int(side) / (code.width + 2 * QRCode.quietZone))
        let offset = (Int(side) - code.width * step) / 2
        let x = Int(left.rounded()) + Int((area.width * pixelsPerMillimetre - side) / 2) + offset
        let y = Int(top.rounded()) + Int((area.height * pixelsPerMillimetre - side) / 2) + offset
        blit(code, into: target, x: x, y: y, step: step)
    }

    /// Draws codes one below the other, `pitch` modules apart, as one 1-bit mask (PDF only).
    func qrColumn(_ codes: [QRCode], x: Double, y: Double, pitch: Int, module: Double) {
        let surface = QRCode.makeSurface(stacking: codes, pitch: pitch)
        defer { cairo_surface_destroy(surface) }
        cairo_save(cairo)
        cairo_translate(cairo, x, y)
        cairo_scale(cairo, module, module)
        let pattern = cairo_pattern_create_for_surface(surface)!
        cairo_pattern_set_filter(pattern, CAIRO_FILTER_NEAREST)
        cairo_mask(cairo, pattern)
        cairo_pattern_destroy(pattern)
        cairo_restore(cairo)
    }

    /// Full ink for each dark module, `step` × `step` pixels from (x, y), clipped to the image.
    private func blit(_ code: QRCode, into surface: OpaquePointer, x: Int, y: Int, step: Int) {
        cairo_surface_flush(surface)
        let pixels = cairo_image_surface_get_data(surface)!
        let stride = Int(cairo_image_surface_get_stride(surface))
        let width = Int(cairo_image_surface_get_width(surface)), height = Int(cairo_image_surface_get_height(surface))
        for row in 0..<code.width {
            for dy in 0..<step {
                let py = y + row * step + dy
                guard py >= 0, py < height else { continue }
                for column in 0..<code.width where code.isDark(x: column, y: row) {
                    let start = max(0, x + column * step), end = min(width, x + (column + 1) * step)
                    if start < end { (pixels + py * stride + start).update(repeating: 255, count: end - start) }
                }
            }
        }
        cairo_surface_mark_dirty_rectangle(surface, Int32(x), Int32(y), Int32(code.width * step), Int32(code.width * step))
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
