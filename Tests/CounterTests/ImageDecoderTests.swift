import CQRencode
import CStb
import Counter
import Foundation
import PassIssuer
import PassVerifier
import Testing

struct ImageDecoderTests {
    let folder = NSTemporaryDirectory() + "passnum-counter-\(UUID().uuidString)"

    init() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    static func token(serial: UInt64) -> String {
        let key = IssuerKey(seed: [UInt8](repeating: 7, count: 32).withUnsafeBytes { SecretBytes(copying: $0) })
        return key.sign(Payload(keyID: key.kid, serial: Serial(serial)!, value: Cents(1000)!, expiry: 2_000_000_000)).text
    }

    @Test func decodesAPNGScreenshot() throws {
        let text = Self.token(serial: 1)
        let path = folder + "/pass.png"
        let image = Canvas(width: 400, height: 400, background: 255).drawing(qr(text), x: 60, y: 60, scale: 6)
        #expect(stbi_write_png(path, Int32(image.width), Int32(image.height), 1, image.pixels, Int32(image.width)) != 0)
        #expect(try ImageDecoder.decode(path: path) == [text])
    }

    @Test func findsEveryCodeInOneImage() throws {
        let texts = [Self.token(serial: 2), Self.token(serial: 3)]
        let path = folder + "/two.png"
        let image = Canvas(width: 800, height: 360, background: 255)
            .drawing(qr(texts[0]), x: 40, y: 40, scale: 6)
            .drawing(qr(texts[1]), x: 440, y: 40, scale: 6)
        #expect(stbi_write_png(path, Int32(image.width), Int32(image.height), 1, image.pixels, Int32(image.width)) != 0)
        #expect(Set(try ImageDecoder.decode(path: path)) == Set(texts))
    }

    /// Like a phone photo: turned, scaled, a little blurred, on a grey table, saved as JPEG.
    @Test func decodesAPhotoLikeJPEG() throws {
        let text = Self.token(serial: 4)
        let path = folder + "/photo.jpg"
        let flat = Canvas(width: 420, height: 420, background: 235).drawing(qr(text), x: 70, y: 70, scale: 6, dark: 35)
        let photo = flat.rotated(degrees: 13, scale: 1.6, background: 120).blurred()
        #expect(stbi_write_jpg(path, Int32(photo.width), Int32(photo.height), 1, photo.pixels, 80) != 0)
        #expect(try ImageDecoder.decode(path: path) == [text])
    }

    @Test func anImageWithoutACodeGivesNothing() throws {
        let path = folder + "/blank.png"
        let blank = Canvas(width: 100, height: 100, background: 200)
        #expect(stbi_write_png(path, 100, 100, 1, blank.pixels, 100) != 0)
        #expect(try ImageDecoder.decode(path: path).isEmpty)
    }

    @Test func aMissingOrForeignFileIsAClearError() throws {
        let text = folder + "/notes.txt"
        try Data("not an image".utf8).write(to: URL(fileURLWithPath: text))
        for path in [folder + "/missing.png", text] {
            do {
                _ = try ImageDecoder.decode(path: path)
                Issue.record("\(path) should not decode")
            } catch {
                #expect(error.code == .unreadableImage)
                #expect(error.message.contains(path))
            }
        }
    }

    /// The QR modules of `text` (level M, as printed), true for dark.
    func qr(_ text: String) -> [[Bool]] {
        let code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1)!
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        return (0..<width).map { y in (0..<width).map { x in code.pointee.data[y * width + x] & 1 == 1 } }
    }
}

/// Just enough raster drawing to make test pictures.
struct Canvas {
    var pixels: [UInt8]
    let width: Int
    let height: Int

    init(width: Int, height: Int, background: UInt8) {
        self.width = width
        self.height = height
        pixels = [UInt8](repeating: background, count: width * height)
    }

    func drawing(_ modules: [[Bool]], x: Int, y: Int, scale: Int, dark: UInt8 = 0) -> Canvas {
        var copy = self
        for (row, line) in modules.enumerated() {
            for (column, isDark) in line.enumerated() where isDark {
                for dy in 0..<scale {
                    for dx in 0..<scale {
                        copy.pixels[(y + row * scale + dy) * width + x + column * scale + dx] = dark
                    }
                }
            }
        }
        return copy
    }

    /// Rotation and scaling about the centre, bilinear.
    func rotated(degrees: Double, scale: Double, background: UInt8) -> Canvas {
        let outWidth = Int(Double(width) * scale), outHeight = Int(Double(height) * scale)
        var out = Canvas(width: outWidth, height: outHeight, background: background)
        let angle = degrees * .pi / 180, c = cos(angle), s = sin(angle)
        for oy in 0..<outHeight {
            for ox in 0..<outWidth {
                let dx = (Double(ox) - Double(outWidth) / 2) / scale, dy = (Double(oy) - Double(outHeight) / 2) / scale
                let sx = c * dx + s * dy + Double(width) / 2, sy = -s * dx + c * dy + Double(height) / 2
                guard sx >= 0, sy >= 0, sx < Double(width - 1), sy < Double(height - 1) else { continue }
                let x0 = Int(sx), y0 = Int(sy), fx = sx - Double(x0), fy = sy - Double(y0)
                func p(_ x: Int, _ y: Int) -> Double { Double(pixels[y * width + x]) }
                let top = p(x0, y0) * (1 - fx) + p(x0 + 1, y0) * fx
                let bottom = p(x0, y0 + 1) * (1 - fx) + p(x0 + 1, y0 + 1) * fx
                out.pixels[oy * outWidth + ox] = UInt8(top * (1 - fy) + bottom * fy)
            }
        }
        return out
    }

    /// A 3×3 box blur.
    func blurred() -> Canvas {
        var out = self
        for y in 1..<(height - 1) {
            for x in 1..<(width - 1) {
                var sum = 0
                for dy in -1...1 { for dx in -1...1 { sum += Int(pixels[(y + dy) * width + x + dx]) } }
                out.pixels[y * width + x] = UInt8(sum / 9)
            }
        }
        return out
    }
}
