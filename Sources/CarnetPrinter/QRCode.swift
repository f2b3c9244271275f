import CCairo
import CQRencode

/// A QR code as a 1-bit mask, one bit per module, ready to be scaled by cairo.
///
/// Why a mask and not rectangles: cairo writes every rectangle of a path as four points with
/// decimal coordinates, so 10,000 codes drawn as merged row runs made a 45 MB PDF in 12.9 s;
/// as 1-bit masks scaled with nearest-neighbour filtering they made 7.2 MB in 1.8 s, and stay
/// sharp at any resolution because the printer enlarges pixels without blending them.
public struct QRCode: Sendable {
    /// Modules per side, without the quiet zone (37 for version 5).
    public let width: Int
    public let version: Int
    /// Rows of `stride` bytes in cairo's A1 layout; a set bit is a dark module.
    let bits: [UInt8]
    let stride: Int

    /// White modules around the code that nothing may be drawn on (ISO/IEC 18004 asks for 4).
    public static let quietZone = 4

    /// Encodes digits in numeric mode at error-correction level M, in the smallest version that
    /// holds them: version 5 for the 200 digits of a v1 token (SPEC.md §4).
    public static func encode(digits: String) throws(PrinterError) -> QRCode {
        guard let input = QRinput_new2(0, QR_ECLEVEL_M) else {
            throw PrinterError(.qrEncoding, "libqrencode could not allocate its input")
        }
        defer { QRinput_free(input) }
        let bytes = Array(digits.utf8)
        let appended = bytes.withUnsafeBufferPointer { QRinput_append(input, QR_MODE_NUM, Int32($0.count), $0.baseAddress) }
        guard appended == 0, let code = QRcode_encodeInput(input) else {
            throw PrinterError(.qrEncoding, "libqrencode refused the text in numeric mode (digits only, \(bytes.count) long)")
        }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        return QRCode(width: width, version: Int(code.pointee.version), modules: UnsafeBufferPointer(start: code.pointee.data, count: width * width))
    }

    private init(width: Int, version: Int, modules: UnsafeBufferPointer<UInt8>) {
        self.width = width
        self.version = version
        self.stride = Int(cairo_format_stride_for_width(CAIRO_FORMAT_A1, Int32(width)))
        var bits = [UInt8](repeating: 0, count: stride * width)
        for y in 0..<width {
            for x in 0..<width where modules[y * width + x] & 1 == 1 {
                bits[y * stride + Self.byteInRow(x)] |= Self.bit(x)
            }
        }
        self.bits = bits
    }

    /// Whether the module at (x, y) is dark, for tests and checks.
    public func isDark(x: Int, y: Int) -> Bool {
        bits[y * stride + Self.byteInRow(x)] & Self.bit(x) != 0
    }

    // cairo packs A1 pixels in 32-bit words in native order: the first pixel is the least
    // significant bit on little-endian machines, the most significant on big-endian ones.
    private static func byteInRow(_ x: Int) -> Int {
        #if _endian(little)
        x / 8
        #else
        (x / 32) * 4 + 3 - (x % 32) / 8
        #endif
    }

    private static func bit(_ x: Int) -> UInt8 {
        #if _endian(little)
        UInt8(1) << UInt8(x % 8)
        #else
        UInt8(0x80) >> UInt8(x % 8)
        #endif
    }

    /// A new cairo A1 surface holding `codes` one below the other, the top of each `pitch` rows
    /// below the previous one's; the caller destroys it. cairo owns the pixels, so a PDF surface
    /// may keep the image until the page is finished.
    static func makeSurface(stacking codes: [QRCode], pitch: Int) -> OpaquePointer {
        let width = codes.map(\.width).max() ?? 1
        let height = pitch * (codes.count - 1) + (codes.last?.width ?? 1)
        let surface = cairo_image_surface_create(CAIRO_FORMAT_A1, Int32(width), Int32(height))!
        cairo_surface_flush(surface)
        let target = cairo_image_surface_get_data(surface)!
        let targetStride = Int(cairo_image_surface_get_stride(surface))
        for (index, code) in codes.enumerated() {
            code.bits.withUnsafeBufferPointer { source in
                for y in 0..<code.width {
                    (target + (index * pitch + y) * targetStride).update(from: source.baseAddress! + y * code.stride, count: min(code.stride, targetStride))
                }
            }
        }
        cairo_surface_mark_dirty(surface)
        return surface
    }
}
