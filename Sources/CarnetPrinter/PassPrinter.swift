import Foundation
import PassVerifier
import SafeOutput

/// What a print run produced.
public struct PrintSummary: Sendable, Equatable {
    public var carnets = 0
    public var passes = 0
    /// Bytes written (the PDF files, or all PNGs).
    public var bytes: Int64 = 0
    /// The PDF files written, in order.
    public var files: [String] = []
}

/// Prints carnets of verified passes as one PDF (a page per carnet) or as one PNG per pass.
///
/// Tokens are read, verified and QR-encoded in blocks on all cores while the previous block is
/// drawn, so memory stays flat and the cores stay busy. A token that does not verify stops the
/// run with its reason, and the temporary output is removed: nothing appears under the name.
public final class PassPrinter {
    /// PNG resolutions: below 120 dpi, modules of whole pixels could not keep the code 25 mm wide.
    public static let pngResolutions = 120...1200

    public let settings: PrintSettings
    private let preparation: Preparation
    private let fonts: Fonts
    private let texts: CarnetTexts

    /// Loads the fonts and checks the texts now, so a missing font or a note that does not fit
    /// fails before any work (and, for `passnum issue --pdf`, before any serial is reserved).
    public init(verifier: Verifier, at date: Date, settings: PrintSettings = PrintSettings()) throws(PrinterError) {
        self.settings = settings
        preparation = Preparation(verifier: verifier, date: date)
        fonts = try Fonts(directory: settings.fontDirectory)
        texts = try CarnetTexts(settings: settings, fonts: fonts)
    }

    /// Checks that `path` may be written (its folder exists; it does not, unless `overwrite`).
    public static func checkOutput(_ path: String, overwrite: Bool) throws(PrinterError) {
        _ = try outputStep { () throws(OutputError) in try OutputTarget(final: path, overwrite: overwrite) }
    }

    /// One PDF, or with `carnetsPerFile` a series `NAME-0001.pdf`, `NAME-0002.pdf`… of at most
    /// that many carnets each. A PDF writer must remember every page's place in the file for the
    /// cross-reference table it writes last (cairo: about 48 bytes a pass), so only splitting
    /// keeps memory flat for any count. Each file appears under its name only when complete.
    public func printPDF(_ source: inout some TokenSource, to path: String, overwrite: Bool = false, carnetsPerFile: Int? = nil,
                         progress: (Int) -> Void = { _ in }) throws(PrinterError) -> PrintSummary {
        if let carnetsPerFile, carnetsPerFile < 1 {
            throw PrinterError(.invalidSetting, "carnets per file must be at least 1")
        }
        var summary = PrintSummary()
        var document: PDFDocument?
        var carnetsInDocument = 0
        do {
            try forEachBlock(&source) { carnets throws(PrinterError) in
                for carnet in carnets {
                    if document == nil || carnetsInDocument == carnetsPerFile {
                        try document?.finish()
                        let part = carnetsPerFile == nil ? path : Self.partPath(path, number: summary.files.count + 1)
                        document = try PDFDocument(output: outputStep { () throws(OutputError) in try OutputTarget(final: part, overwrite: overwrite) }, fonts: fonts, texts: texts)
                        summary.files.append(part)
                        carnetsInDocument = 0
                    }
                    try document!.add(carnet)
                    carnetsInDocument += 1
                    progress(carnet.passes.count)
                }
                summary.carnets += carnets.count
                summary.passes += carnets.count * settings.perCarnet
            }
            try document?.finish()
        } catch {
            document?.discard()
            throw error
        }
        summary.bytes = summary.files.reduce(0) { $0 + Self.size(of: $1) }
        return summary
    }

    /// `carnets.pdf`, 3 → `carnets-0003.pdf`.
    static func partPath(_ path: String, number: Int) -> String {
        let url = URL(fileURLWithPath: path)
        let stem = url.deletingPathExtension().lastPathComponent
        let suffix = url.pathExtension.isEmpty ? "" : "." + url.pathExtension
        let name = stem + "-" + String(format: "%04d", number) + suffix
        return path.contains("/") ? url.deletingLastPathComponent().appendingPathComponent(name).path : name
    }

    /// One PNG per pass, named by serial, at `dpi` (the pass is 190 × 50 mm).
    public func printPNGs(_ source: inout some TokenSource, toFolder path: String, dpi: Int = 300, overwrite: Bool = false,
                          progress: (Int) -> Void = { _ in }) throws(PrinterError) -> PrintSummary {
        let target = try outputStep { () throws(OutputError) in try OutputTarget(final: path, overwrite: overwrite, kind: .folder) }
        let folder = try PNGFolder(output: target, fonts: fonts, texts: texts, dpi: dpi)
        var summary = PrintSummary()
        do {
            try forEachBlock(&source) { carnets throws(PrinterError) in
                summary.bytes += try folder.write(carnets)
                progress(carnets.count * settings.perCarnet)
                summary.carnets += carnets.count
                summary.passes += carnets.count * settings.perCarnet
            }
            try folder.finish()
        } catch {
            folder.discard()
            throw error
        }
        return summary
    }

    /// Reads block n+1 and prepares it in the background while `body` draws block n.
    private func forEachBlock(_ source: inout some TokenSource, _ body: ([Carnet]) throws(PrinterError) -> Void) throws(PrinterError) {
        let blockSize = settings.perCarnet * 200
        let preparation = self.preparation
        var pending: Background<Result<[PrintablePass], PrinterError>>?
        defer { _ = pending?.wait() }  // never leave a worker behind on failure
        let first = try source.next(count: blockSize)
        guard !first.isEmpty else { throw PrinterError(.noTokens, "no tokens to print") }
        pending = Background { preparation.prepare(first) }
        while let current = pending {
            let next = try source.next(count: blockSize)
            let passes = try current.wait().get()
            pending = next.isEmpty ? nil : Background { preparation.prepare(next) }
            try body(try Carnet.group(passes, perCarnet: settings.perCarnet))
        }
    }

    private static func size(of path: String) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
    }
}
