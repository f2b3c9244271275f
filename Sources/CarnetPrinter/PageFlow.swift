import CCairo
import Foundation
import SafeOutput

/// Documents made of A4 pages of blocks (a heading, a table row, a chart), as the statements
/// and the evaluation report are: the blocks are placed on pages before anything is drawn, so
/// every footer can say "Page 2 / 3", and the PDF goes out through the one atomic output.
struct PageFlow {
    /// A piece of a document that is never split across pages.
    struct Block {
        var height: Double
        /// Drawn first on a new page when this block has to start one (a table's column titles).
        var header: [Block] = []
        /// Moves to the next page with the block after it rather than be left alone at the bottom.
        var keepWithNext = false
        /// Always starts a new page (a report's first section after its cover).
        var startsPage = false
        let draw: (Canvas, _ top: Double) -> Void
    }

    static let width = 210.0, height = 297.0  // A4, millimetres
    static let margin = 18.0
    static let bottom = height - 20
    static var right: Double { width - margin }
    static var contentWidth: Double { width - 2 * margin }

    let canvas: Canvas

    /// Each page's blocks with their tops. A block kept with the next one moves to a new page
    /// with it; with `chainedKeeps`, with every block after it up to the first not kept with the
    /// next (a heading, its sentences and its chart; a table's last rows and its total), unless
    /// they would not fit on a page together. The statements keep the pairwise rule they were
    /// laid out with.
    static func paginate(_ blocks: [Block], chainedKeeps: Bool = false) -> [[(block: Block, top: Double)]] {
        var pages: [[(block: Block, top: Double)]] = [[]]
        var y = margin
        for (index, block) in blocks.enumerated() {
            let next = keptHeight(after: index, in: blocks, chained: chainedKeeps)
            if (block.startsPage || y + block.height + next > bottom), !pages[pages.count - 1].isEmpty {
                pages.append([])
                y = margin
                for header in block.header where !block.startsPage {
                    pages[pages.count - 1].append((header, y))
                    y += header.height
                }
            }
            pages[pages.count - 1].append((block, y))
            y += block.height
        }
        return pages
    }

    /// The height that must fit on the page after block `index` for it to stay there.
    private static func keptHeight(after index: Int, in blocks: [Block], chained: Bool) -> Double {
        guard blocks[index].keepWithNext, index + 1 < blocks.count else { return 0 }
        let pair = blocks[index + 1].height
        guard chained else { return pair }
        var height = 0.0
        for block in blocks[(index + 1)...] {
            height += block.height
            if !block.keepWithNext { break }
        }
        return blocks[index].height + height <= bottom - margin ? height : pair
    }

    /// Writes the blocks `content` makes as an A4 PDF at `path` (atomically: a temporary file,
    /// synced and renamed), `footer` drawn on every page; returns the number of pages.
    static func write(
        to path: String, overwrite: Bool, fontDirectory: String, title: String, chainedKeeps: Bool = false,
        content: (PageFlow) -> [Block], footer: (Canvas, _ page: Int, _ of: Int) -> Void
    ) throws(PrinterError) -> Int {
        let output = try outputStep { () throws(OutputError) in try OutputTarget(final: path, overwrite: overwrite) }
        defer { output.discard() }  // after a commit there is nothing left to remove
        let fonts = try Fonts(directory: fontDirectory)
        let sink = try outputStep { () throws(OutputError) in try FileSink(creating: output.temporary) }
        let surface = sink.pdfSurface(width: width, height: height, title: title)
        let cairo = cairo_create(surface)!
        defer {
            cairo_destroy(cairo)
            cairo_surface_destroy(surface)
        }
        cairo_scale(cairo, Canvas.pointsPerMillimetre, Canvas.pointsPerMillimetre)
        let canvas = Canvas(cairo: cairo, fonts: fonts, pixelsPerMillimetre: nil)
        let pages = paginate(content(PageFlow(canvas: canvas)), chainedKeeps: chainedKeeps)
        for (index, page) in pages.enumerated() {
            for (block, top) in page { block.draw(canvas, top) }
            footer(canvas, index + 1, pages.count)
            cairo_show_page(cairo)
        }
        cairo_surface_finish(surface)
        try sink.check(cairo, surface, writing: path)
        try outputStep { () throws(OutputError) in
            try sink.finish(naming: path)
            try output.commitFile()
        }
        return pages.count
    }

    /// A line under the content and the page's words on it: `left` (cut to fit) and "Page 2 / 3".
    static func footer(_ left: String, page: String, on canvas: Canvas) {
        let baseline = height - 10
        canvas.solidLine(fromX: margin, toX: right, y: baseline - 4)
        let fitted = canvas.fitted(left, width: contentWidth - 30, size: 8, minimum: 6)
        canvas.text(fitted.text, x: margin, baseline: baseline, size: fitted.size)
        canvas.textRight(page, right: right, baseline: baseline, size: 8)
    }

    // MARK: Small blocks

    func text(_ string: String, size: Double, weight: Canvas.Weight = .regular, after: Double = 0, keepWithNext: Bool = false) -> Block {
        let lineHeight = Self.lineHeight(size)
        return Block(height: lineHeight + after, keepWithNext: keepWithNext) { canvas, top in
            canvas.text(string, x: Self.margin, baseline: top + lineHeight * 0.78, size: size, weight: weight)
        }
    }

    /// The text wrapped to the margins, one block a line so a long paragraph may continue on
    /// the next page; `hanging` indents the lines after the first (under a bullet).
    func wrapped(_ string: String, size: Double, weight: Canvas.Weight = .regular, indent: Double, hanging: Double = 0) -> [Block] {
        let lineHeight = Self.lineHeight(size)
        let lines = canvas.wrap(string, width: Self.contentWidth - indent - hanging, size: size, weight: weight)
        return lines.enumerated().map { index, line in
            let x = Self.margin + indent + (index == 0 ? 0 : hanging)
            return Block(height: lineHeight, keepWithNext: index + 1 < lines.count) { canvas, top in
                canvas.text(line, x: x, baseline: top + lineHeight * 0.78, size: size, weight: weight)
            }
        }
    }

    func rule() -> Block {
        Block(height: 1.5) { canvas, top in canvas.solidLine(fromX: Self.margin, toX: Self.right, y: top + 0.5) }
    }

    func space(_ height: Double) -> Block {
        Block(height: height) { _, _ in }
    }

    /// Points to millimetres, with leading.
    static func lineHeight(_ size: Double) -> Double { size * 0.3528 * 1.35 }
}
