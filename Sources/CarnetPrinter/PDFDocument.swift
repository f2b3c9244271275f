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
        surface = sink.pdfSurface(width: PageLayout.width, height: PageLayout.height, title: "Carnets de pass numériques")
        cairo = cairo_create(surface)
        cairo_scale(cairo, Canvas.pointsPerMillimetre, Canvas.pointsPerMillimetre)  // draw in millimetres
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
        try sink.check(cairo, surface, writing: output.final)
    }
}
