import CZlib
import Foundation

/// A minimal PNG writer for 8-bit grey images (PNG spec, ISO/IEC 15948).
///
/// Why not cairo's own PNG writer: it writes 24 or 32 bits a pixel through libpng's default
/// (slow) compression, and compression is most of the cost of a pass image. A pass is black on
/// white, so one grey byte a pixel with zlib's run-length strategy at level 1 gives small files
/// several times faster.
struct PNGEncoder {
    /// Encodes an A8 cairo image (alpha = ink) as grey (white = 255).
    static func encode(ink: UnsafePointer<UInt8>, width: Int, height: Int, stride: Int, dpi: Int) throws(PrinterError) -> [UInt8] {
        var raw = [UInt8](repeating: 0, count: (width + 1) * height)
        raw.withUnsafeMutableBufferPointer { raw in
            for y in 0..<height {
                let row = raw.baseAddress! + y * (width + 1)
                row[0] = 0  // filter: none (runs of white compress well as they are)
                let source = ink + y * stride
                for x in 0..<width { row[1 + x] = ~source[x] }
            }
        }
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header = bigEndian(UInt32(width)) + bigEndian(UInt32(height))
        header += [8, 0, 0, 0, 0]  // 8 bits, grey, deflate, standard filters, no interlace
        appendChunk("IHDR", header, to: &png)
        let pixelsPerMetre = bigEndian(UInt32((Double(dpi) / 0.0254).rounded()))
        appendChunk("pHYs", pixelsPerMetre + pixelsPerMetre + [1], to: &png)  // prints at its real size
        appendChunk("IDAT", try deflate(raw), to: &png)
        appendChunk("IEND", [], to: &png)
        return png
    }

    private static func deflate(_ input: [UInt8]) throws(PrinterError) -> [UInt8] {
        var stream = z_stream()
        guard deflateInit2_(&stream, 1, Z_DEFLATED, 15, 8, Z_RLE, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw PrinterError(.io, "zlib could not start")
        }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))))
        let status = input.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { output in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.avail_in = uInt(input.count)
                stream.next_out = output.baseAddress
                stream.avail_out = uInt(output.count)
                return CZlib.deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw PrinterError(.io, "zlib could not compress an image") }
        return Array(output[..<Int(stream.total_out)])
    }

    private static func appendChunk(_ type: String, _ data: [UInt8], to png: inout [UInt8]) {
        let typed = Array(type.utf8) + data
        png += bigEndian(UInt32(data.count)) + typed
        png += bigEndian(UInt32(typed.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }))
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }
}
