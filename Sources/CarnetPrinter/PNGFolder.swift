import CCairo
import Foundation
import PassVerifier
import SafeOutput

/// One PNG per pass in a temporary folder, renamed to its final name when all are written.
/// Images are drawn and compressed on every core, each core with its own surface and fonts.
final class PNGFolder {
    private let output: OutputTarget
    private let painters: [PassPainter]

    init(output: OutputTarget, fonts: Fonts, texts: CarnetTexts, dpi: Int) throws(PrinterError) {
        // Below 120 dpi a module of whole pixels could not keep the code 25 mm wide.
        guard PassPrinter.pngResolutions.contains(dpi) else {
            throw PrinterError(.invalidSetting, "PNG resolution must be \(PassPrinter.pngResolutions.lowerBound) to \(PassPrinter.pngResolutions.upperBound) dpi, not \(dpi)")
        }
        self.output = output
        var painters = [try PassPainter(fonts: fonts, texts: texts, dpi: dpi)]
        for _ in 1..<Parallel.cores {
            painters.append(try PassPainter(fonts: try Fonts(directory: fonts.directory), texts: texts, dpi: dpi))
        }
        self.painters = painters
        // 0700 and 0600 inside: the images are bearer passes.
        guard mkdir(output.temporary, 0o700) == 0 else { throw .io("cannot create a folder beside \(output.final)", errno: errno) }
        TemporaryOutputs.remember(output.temporary)
    }

    /// Writes every pass of `carnets`; returns the bytes written.
    func write(_ carnets: [Carnet]) throws(PrinterError) -> Int64 {
        let items = carnets.flatMap { carnet in carnet.passes.enumerated().map { (carnet, $0.offset + 1, $0.element) } }
        let results = UnsafeMutableBufferPointer<Result<Int64, PrinterError>>.allocate(capacity: items.count)
        results.initialize(repeating: .success(0))
        defer { results.deinitialize().deallocate() }
        nonisolated(unsafe) let slots = results
        let painters = self.painters, folder = output.temporary
        Parallel.run(workers: painters.count) { worker in
            for index in stride(from: worker, to: items.count, by: painters.count) {
                let (carnet, position, pass) = items[index]
                slots[index] = Result { () throws(PrinterError) in
                    try painters[worker].write(pass, position: position, of: carnet, folder: folder)
                }
            }
        }
        var bytes: Int64 = 0
        for result in results { bytes += try result.get() }
        return bytes
    }

    func finish() throws(PrinterError) {
        try outputStep { () throws(OutputError) in try output.commitFolder() }
    }

    func discard() {
        output.discard()
    }
}

/// Draws one pass at a time on its own A8 surface (one byte of ink a pixel).
final class PassPainter: @unchecked Sendable {
    private let surface: OpaquePointer
    private let cairo: OpaquePointer
    private let canvas: Canvas
    private let layout: PassLayout
    private let fonts: Fonts
    private let encoder: PNGEncoder
    private let dpi: Int
    /// The pass without the page margins: 190 × 50 mm.
    static let left = 10.0, width = 190.0

    init(fonts: Fonts, texts: CarnetTexts, dpi: Int) throws(PrinterError) {
        let perMillimetre = Double(dpi) / 25.4
        let width = Int((Self.width * perMillimetre).rounded()), height = Int((PassLayout.height * perMillimetre).rounded())
        encoder = try PNGEncoder(width: width, height: height)
        surface = cairo_image_surface_create(CAIRO_FORMAT_A8, Int32(width), Int32(height))
        cairo = cairo_create(surface)
        cairo_scale(cairo, perMillimetre, perMillimetre)
        cairo_translate(cairo, -Self.left, 0)
        canvas = Canvas(cairo: cairo, fonts: fonts, pixelsPerMillimetre: perMillimetre)
        layout = PassLayout(texts: texts)
        self.fonts = fonts
        self.dpi = dpi
    }

    deinit {
        cairo_destroy(cairo)
        cairo_surface_destroy(surface)
    }

    /// Draws, encodes and writes `pass-<serial>.png`; returns its size.
    func write(_ pass: PrintablePass, position: Int, of carnet: Carnet, folder: String) throws(PrinterError) -> Int64 {
        cairo_save(cairo)
        cairo_set_operator(cairo, CAIRO_OPERATOR_CLEAR)
        cairo_paint(cairo)
        cairo_restore(cairo)
        layout.draw(pass, position: position, of: carnet, on: canvas, top: 0)
        canvas.dashedRectangle(x: Self.left + 0.2, y: 0.2, width: Self.width - 0.4, height: PassLayout.height - 0.4)
        cairo_surface_flush(surface)
        let png = try encoder.encode(ink: cairo_image_surface_get_data(surface), stride: Int(cairo_image_surface_get_stride(surface)), dpi: dpi)
        // Named by the pass number (SPEC.md §11): "pass-195-000001-0.png", one name per pass
        // even when the run holds passes of several keys.
        let number = PassNumber(keyID: pass.pass.kid, serial: pass.pass.serial)
        let path = folder + "/pass-\(number.series)-" + FrenchText.carnetNumber(number.serial.value) + "-\(number.checkDigit).png"
        try Self.writeFile(png, to: path)
        return Int64(png.count)
    }

    private static func writeFile(_ bytes: [UInt8], to path: String) throws(PrinterError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, OutputFile.private)
        guard fd >= 0 else {
            throw errno == EEXIST
                ? PrinterError(.badCarnet, "two passes have the number of \(path) (one pass twice, or two keys of one series): print them to separate folders")
                : .io("cannot create \(path)", errno: errno)
        }
        defer { close(fd) }
        let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw .io("cannot write \(path)", errno: errno) }
        // On disk before the folder is renamed into place, so a crash never leaves a complete-looking
        // folder of empty images. sync() would be one call, but it waits for every disk's writes.
        guard fsync(fd) == 0 else { throw .io("cannot write \(path)", errno: errno) }
    }
}
