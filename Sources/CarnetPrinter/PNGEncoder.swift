import CZlib
import Foundation

/// A minimal PNG writer for 2-bit grey images (PNG spec, ISO/IEC 15948), one per drawing thread:
/// its buffers and zlib stream are reused from one image to the next.
///
/// Why not cairo's own PNG writer: it writes 24 or 32 bits a pixel through libpng's default
/// compression, and compression is most of the cost of a pass image. A pass is black on white:
/// four grey levels keep the edges of the letters smooth (at 300 dpi the eye cannot tell them
/// from 256), and make four times fewer bytes to compress than 8-bit grey; zlib's run-length
/// strategy at level 1 suits long runs of white.
final class PNGEncoder {
    private let width: Int
    private let height: Int
    private let rowBytes: Int
    private var raw: [UInt8]
    private var compressed: [UInt8]
    private var stream = z_stream()
    /// Ink (0 = none, 255 = full) to a 2-bit grey level (3 = white).
    private static let level: [UInt8] = (0...255).map { 3 - UInt8((Int($0) * 3 + 127) / 255) }

    init(width: Int, height: Int) throws(PrinterError) {
        self.width = width
        self.height = height
        rowBytes = (width + 3) / 4
        raw = [UInt8](repeating: 0, count: (rowBytes + 1) * height)
        guard deflateInit2_(&stream, 1, Z_DEFLATED, 15, 8, Z_RLE, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw PrinterError(.io, "zlib could not start")
        }
        compressed = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(raw.count))) + 64)
    }

    deinit { deflateEnd(&stream) }

    /// Encodes an A8 cairo image (alpha = ink) of the encoder's size.
    func encode(ink: UnsafePointer<UInt8>, stride: Int, dpi: Int) throws(PrinterError) -> [UInt8] {
        pack(ink: ink, stride: stride)
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header = Self.bigEndian(UInt32(width)) + Self.bigEndian(UInt32(height))
        header += [2, 0, 0, 0, 0]  // 2 bits, grey, deflate, standard filters, no interlace
        Self.appendChunk("IHDR", header[...], to: &png)
        let pixelsPerMetre = Self.bigEndian(UInt32((Double(dpi) / 0.0254).rounded()))
        Self.appendChunk("pHYs", (pixelsPerMetre + pixelsPerMetre + [1])[...], to: &png)  // prints at its real size
        let length = try deflate()
        Self.appendChunk("IDAT", compressed[..<length], to: &png)
        Self.appendChunk("IEND", [], to: &png)
        return png
    }

    /// Rows of filter byte 0 (none) and four pixels a byte; blank rows are filled at once.
    private func pack(ink: UnsafePointer<UInt8>, stride: Int) {
        let level = Self.level
        let (width, rowBytes) = (self.width, self.rowBytes)
        raw.withUnsafeMutableBufferPointer { raw in
            level.withUnsafeBufferPointer { level in
                for y in 0..<height {
                    let row = raw.baseAddress! + y * (rowBytes + 1)
                    let source = ink + y * stride
                    row[0] = 0
                    if UnsafeRawBufferPointer(start: source, count: width).allSatisfy({ $0 == 0 }) {
                        (row + 1).update(repeating: 0xFF, count: rowBytes)
                        continue
                    }
                    for byte in 0..<rowBytes {
                        var packed: UInt8 = 0
                        for pixel in 0..<4 {
                            let x = byte * 4 + pixel
                            packed = packed << 2 | (x < width ? level[Int(source[x])] : 3)
                        }
                        row[1 + byte] = packed
                    }
                }
            }
        }
    }

    private func deflate() throws(PrinterError) -> Int {
        guard deflateReset(&stream) == Z_OK else { throw PrinterError(.io, "zlib could not restart") }
        let status = raw.withUnsafeMutableBufferPointer { input in
            compressed.withUnsafeMutableBufferPointer { output in
                stream.next_in = input.baseAddress
                stream.avail_in = uInt(input.count)
                stream.next_out = output.baseAddress
                stream.avail_out = uInt(output.count)
                return CZlib.deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw PrinterError(.io, "zlib could not compress an image") }
        return Int(stream.total_out)
    }

    private static func appendChunk(_ type: String, _ data: ArraySlice<UInt8>, to png: inout [UInt8]) {
        png += bigEndian(UInt32(data.count))
        let start = png.count
        png += type.utf8
        png += data
        let crc = png[start...].withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }
        png += bigEndian(UInt32(crc))
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }
}
