import CCairo
import Foundation
import SafeOutput

/// A PDF of carnets written page by page through cairo's PDF surface to a temporary file:
/// each page goes out when it is finished, so memory does not grow with the page count.
final class PDFDocument {
    private let output: OutputTarget
    private let sink: FileSink
    private let surface: OpaquePointer
    private let cairo: OpaquePointer
    private let canvas: Canvas
    private let layout: PageLayout

    init(output: OutputTarget, fonts: Fonts, texts: CarnetTexts) throws(PrinterError) {
        self.output = output
        sink = try outputStep { () throws(OutputError) in try FileSink(creating: output.temporary) }
        let points = Canvas.pointsPerMillimetre
        surface = cairo_pdf_surface_create_for_stream(
            { FileSink.write(to: $0, $1, $2) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR },
            Unmanaged.passUnretained(sink).toOpaque(), PageLayout.width * points, PageLayout.height * points)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, "Carnets de pass numériques")
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "passnum")
        cairo = cairo_create(surface)
        cairo_scale(cairo, points, points)  // draw in millimetres
        canvas = Canvas(cairo: cairo, fonts: fonts, pixelsPerMillimetre: nil)
        layout = PageLayout(texts: texts)
        try check()
    }

    deinit {
        cairo_destroy(cairo)
        cairo_surface_destroy(surface)
    }

    func add(_ carnet: Carnet) throws(PrinterError) {
        layout.draw(carnet, on: canvas)
        cairo_show_page(cairo)
        try check()
    }

    /// Writes the document's end, syncs it and gives it its final name.
    func finish() throws(PrinterError) {
        cairo_surface_finish(surface)
        try check()
        try outputStep { () throws(OutputError) in
            try sink.finish(naming: output.final)
            try output.commitFile()
        }
    }

    func discard() {
        output.discard()
    }

    private func check() throws(PrinterError) {
        let status = cairo_status(cairo) != CAIRO_STATUS_SUCCESS ? cairo_status(cairo) : cairo_surface_status(surface)
        if let failure = sink.failure { throw .io("cannot write \(output.final)", errno: failure) }
        guard status == CAIRO_STATUS_SUCCESS else {
            throw PrinterError(.io, "cairo could not write \(output.final): \(String(cString: cairo_status_to_string(status)))")
        }
    }
}
