import CCairo
import Foundation
import SafeOutput
import SpentList
import SpentListAPI

/// The monthly settlement as an A4 PDF for the programme's accounts: one section per partner
/// with its count and total, then its passes, and the grand total at the end.
struct SettlementPDF {
    let settlement: Settlement
    var conflicts: [Conflict] = []
    let month: String

    private static let width = 595.0, height = 842.0, margin = 50.0  // A4 in points
    private static let font = "DejaVu Sans"

    /// Writes the PDF to `path` through the one atomic output: a temporary file, synced, then
    /// renamed; a name taken by a device, a FIFO or a link is refused even with `overwrite`.
    func write(to path: String, overwrite: Bool) throws {
        let target = try OutputTarget(final: path, overwrite: overwrite)
        defer { target.discard() }
        let sink = try FileSink(creating: target.temporary)
        let surface = cairo_pdf_surface_create_for_stream(
            { FileSink.write(to: $0, $1, $2) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR },
            Unmanaged.passUnretained(sink).toOpaque(), Self.width, Self.height)!
        let cr = cairo_create(surface)!
        var page = Page(cr: cr)
        page.line(Words(en: "Settlement \(month)", fr: "Remboursements \(month)").text, size: 18, bold: true)
        page.line(Words(en: "Passes redeemed, per partner (Paris time)", fr: "Pass encaissés, par partenaire (heure de Paris)").text, size: 10)
        page.skip(10)
        for partner in settlement.partners {
            page.line("\(partner.partnerName) — \(SettlementCommand.passes(partner.count).text), \(SettlementReport.euros(partner.totalCents)) €", size: 12, bold: true)
            for r in partner.redemptions {
                page.line("\(r.pass.kid)/\(r.pass.serial)    \(r.value) €    \(Dates.dayAndTime(r.redeemedAt))", size: 9, indent: 16)
            }
            page.skip(8)
        }
        page.line(Words(en: "Total: ", fr: "Total : ").text + "\(SettlementCommand.passes(settlement.count).text), \(SettlementReport.euros(settlement.totalCents)) €", size: 12, bold: true)
        if !conflicts.isEmpty {
            page.skip(10)
            page.line(Words(en: "Conflicts (not reimbursed): \(conflicts.count)", fr: "Conflits (non remboursés) : \(conflicts.count)").text, size: 12, bold: true)
            for conflict in conflicts { page.line(ConflictsCommand.line(conflict).text, size: 8, indent: 16) }
        }
        cairo_show_page(cr)
        let drawn = cairo_status(cr)
        cairo_destroy(cr)
        cairo_surface_finish(surface)
        let finished = cairo_surface_status(surface)
        cairo_surface_destroy(surface)
        guard drawn == CAIRO_STATUS_SUCCESS, finished == CAIRO_STATUS_SUCCESS else {
            throw Failure(Words("cannot write \(path)"))
        }
        try sink.finish(naming: path)
        try target.commitFile()
    }

    /// A cursor down the page that starts a new page when it reaches the bottom margin.
    private struct Page {
        let cr: OpaquePointer
        var y = SettlementPDF.margin

        init(cr: OpaquePointer) {
            self.cr = cr
        }

        mutating func line(_ text: String, size: Double, bold: Bool = false, indent: Double = 0) {
            if y + size * 1.5 > SettlementPDF.height - SettlementPDF.margin {
                cairo_show_page(cr)
                y = SettlementPDF.margin
            }
            y += size * 1.4
            cairo_select_font_face(cr, SettlementPDF.font, CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
            cairo_set_font_size(cr, size)
            cairo_move_to(cr, SettlementPDF.margin + indent, y)
            cairo_show_text(cr, text)
        }

        mutating func skip(_ points: Double) {
            y += points
        }
    }
}
