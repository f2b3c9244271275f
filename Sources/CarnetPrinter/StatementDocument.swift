import Foundation

/// A statement as an A4 PDF, through the one atomic output (SafeOutput): a temporary file,
/// synced and renamed, so an interrupted run leaves nothing under the final name; a device, a
/// FIFO or a link under that name is refused.
public enum StatementDocument {
    /// Writes `statement` to `path`; returns the number of pages.
    @discardableResult
    public static func write(
        _ statement: Statement, to path: String, overwrite: Bool = false, fontDirectory: String = Fonts.defaultDirectory
    ) throws(PrinterError) -> Int {
        let title = statement.title + (statement.partner.map { " — \($0)" } ?? "")
        return try PageFlow.write(
            to: path, overwrite: overwrite, fontDirectory: fontDirectory, title: title,
            content: { flow in StatementLayout(statement: statement, flow: flow).blocks() },
            footer: { canvas, page, count in footer(statement, page: page, of: count, on: canvas) })
    }

    /// Who and when on the left, "Page 2 / 3" on the right, on every page.
    private static func footer(_ statement: Statement, page: Int, of count: Int, on canvas: Canvas) {
        let t = statement.texts
        let who = [statement.issuer, statement.partner].compactMap { $0 }.joined(separator: " — ")
        PageFlow.footer("\(who) — \(t.periodText(from: statement.from, to: statement.to))", page: "\(t.page) \(page) / \(count)", on: canvas)
    }
}
