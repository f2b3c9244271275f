import CCairo
import Foundation
import SafeOutput

/// A statement as an A4 PDF, through the one atomic output (SafeOutput): a temporary file,
/// synced and renamed, so an interrupted run leaves nothing under the final name; a device, a
/// FIFO or a link under that name is refused.
public enum StatementDocument {
    /// Writes `statement` to `path`; returns the number of pages.
    @discardableResult
    public static func write(
        _ statement: Statement, to path: String, overwrite: Bool = false, fontDirectory: String = Fonts.defaultDirectory
    ) throws(PrinterError) -> Int {
        let output = try outputStep { () throws(OutputError) in try OutputTarget(final: path, overwrite: overwrite) }
        defer { output.discard() }  // after a commit there is nothing left to remove
        let fonts = try Fonts(directory: fontDirectory)
        let sink = try outputStep { () throws(OutputError) in try FileSink(creating: output.temporary) }
        let pages = try draw(statement, into: sink, fonts: fonts, path: path)
        try outputStep { () throws(OutputError) in
            try sink.finish(naming: path)
            try output.commitFile()
        }
        return pages
    }

    private static func draw(_ statement: Statement, into sink: FileSink, fonts: Fonts, path: String) throws(PrinterError) -> Int {
        let title = statement.title + (statement.partner.map { " — \($0)" } ?? "")
        let surface = sink.pdfSurface(width: StatementLayout.width, height: StatementLayout.height, title: title)
        let cairo = cairo_create(surface)!
        defer {
            cairo_destroy(cairo)
            cairo_surface_destroy(surface)
        }
        cairo_scale(cairo, Canvas.pointsPerMillimetre, Canvas.pointsPerMillimetre)
        let canvas = Canvas(cairo: cairo, fonts: fonts, pixelsPerMillimetre: nil)
        let layout = StatementLayout(statement: statement, canvas: canvas)
        let pages = StatementLayout.paginate(layout.blocks())
        for (index, page) in pages.enumerated() {
            for (block, top) in page { block.draw(canvas, top) }
            footer(statement, page: index + 1, of: pages.count, on: canvas)
            cairo_show_page(cairo)
        }
        cairo_surface_finish(surface)
        try sink.check(cairo, surface, writing: path)
        return pages.count
    }

    /// Who and when on the left, "Page 2 / 3" on the right, on every page.
    private static func footer(_ statement: Statement, page: Int, of count: Int, on canvas: Canvas) {
        let t = statement.texts
        let baseline = StatementLayout.height - 10
        let who = [statement.issuer, statement.partner].compactMap { $0 }.joined(separator: " — ")
        canvas.solidLine(fromX: StatementLayout.margin, toX: StatementLayout.right, y: baseline - 4)
        let left = canvas.fitted("\(who) — \(t.periodText(from: statement.from, to: statement.to))", width: StatementLayout.contentWidth - 30, size: 8, minimum: 6)
        canvas.text(left.text, x: StatementLayout.margin, baseline: baseline, size: left.size)
        canvas.textRight("\(t.page) \(page) / \(count)", right: StatementLayout.right, baseline: baseline, size: 8)
    }
}
