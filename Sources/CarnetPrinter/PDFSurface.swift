import CCairo
import Foundation
import SafeOutput

extension FileSink {
    /// A cairo PDF surface of pages `width` × `height` millimetres that writes into this sink
    /// (which must outlive it).
    func pdfSurface(width: Double, height: Double, title: String) -> OpaquePointer {
        let points = Canvas.pointsPerMillimetre
        let surface = cairo_pdf_surface_create_for_stream(
            { closure, data, length in
                FileSink.write(to: closure, data, length) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR
            },
            Unmanaged.passUnretained(self).toOpaque(), width * points, height * points)!
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "passnum")
        return surface
    }

    /// Throws the first failure of the writes, of cairo or of the surface.
    func check(_ cairo: OpaquePointer, _ surface: OpaquePointer, writing path: String) throws(PrinterError) {
        let status = cairo_status(cairo) != CAIRO_STATUS_SUCCESS ? cairo_status(cairo) : cairo_surface_status(surface)
        if let failure { throw .io("cannot write \(path)", errno: failure) }
        guard status == CAIRO_STATUS_SUCCESS else {
            throw PrinterError(.io, "cairo could not write \(path): \(String(cString: cairo_status_to_string(status)))")
        }
    }
}
