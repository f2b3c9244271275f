import CCairo
import Foundation

/// The funders' logo from the programme file: a PNG loaded once, checked at the start of a run,
/// and drawn on every pass of a PDF. Its cairo surface carries a unique id, so the PDF embeds
/// the image once however many passes show it.
final class Logo: @unchecked Sendable {  // the surface is only read once loaded
    let surface: OpaquePointer
    let width: Double
    let height: Double

    init(path: String) throws(PrinterError) {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw PrinterError(.invalidSetting, "the programme's logo \(path) cannot be read")
        }
        let surface = cairo_image_surface_create_from_png(path)!
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, cairo_image_surface_get_width(surface) > 0 else {
            cairo_surface_destroy(surface)
            throw PrinterError(.invalidSetting, "the programme's logo \(path) is not a PNG image")
        }
        let id = Array("passnum-logo".utf8)
        let copy = UnsafeMutablePointer<UInt8>.allocate(capacity: id.count)
        copy.initialize(from: id, count: id.count)
        cairo_surface_set_mime_data(surface, CAIRO_MIME_TYPE_UNIQUE_ID, copy, UInt(id.count), { $0?.deallocate() }, copy)
        self.surface = surface
        width = Double(cairo_image_surface_get_width(surface))
        height = Double(cairo_image_surface_get_height(surface))
    }

    deinit { cairo_surface_destroy(surface) }

    /// The logo's size in millimetres when fitted into a `width` × `height` box.
    func fitted(width boxWidth: Double, height boxHeight: Double) -> (width: Double, height: Double) {
        let scale = min(boxWidth / width, boxHeight / height)
        return (width * scale, height * scale)
    }
}

extension Canvas {
    /// Draws the logo fitted into the box, right-aligned and vertically centred in it.
    func logo(_ logo: Logo, right: Double, top: Double, width: Double, height: Double) {
        let size = logo.fitted(width: width, height: height)
        cairo_save(cairo)
        cairo_translate(cairo, right - size.width, top + (height - size.height) / 2)
        cairo_scale(cairo, size.width / logo.width, size.height / logo.height)
        cairo_set_source_surface(cairo, logo.surface, 0, 0)
        cairo_paint(cairo)
        cairo_restore(cairo)
    }
}
