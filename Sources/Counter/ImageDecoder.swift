import CStb
import CZbar

/// Finds every QR code in a photo or screenshot of passes (PNG or JPEG), with zbar.
/// The texts come back raw: they go through `ScanInput` and the strict decoder like a scan.
public enum ImageDecoder {
    /// Decodes the image file at `path`.
    public static func decode(path: String) throws(CounterError) -> [String] {
        var width: Int32 = 0, height: Int32 = 0, channels: Int32 = 0
        guard let pixels = stbi_load(path, &width, &height, &channels, 1) else {
            let reason = stbi_failure_reason().map { String(cString: $0) } ?? "unknown"
            throw CounterError(.unreadableImage, "cannot read the image \(path) (\(reason)): PNG or JPEG expected")
        }
        defer { stbi_image_free(pixels) }
        let gray = GrayImage(pixels: Array(UnsafeBufferPointer(start: pixels, count: Int(width) * Int(height))), width: Int(width), height: Int(height))
        return decode(gray)
    }

    /// Decodes an 8-bit grayscale image. zbar misses codes in very large photos, so when the
    /// full image gives nothing, smaller copies are tried too.
    public static func decode(_ image: GrayImage) -> [String] {
        var current = image
        for _ in 0..<3 {
            let found = scan(current)
            if !found.isEmpty { return found }
            guard current.width >= 400, current.height >= 400 else { break }
            current = current.halved()
        }
        return []
    }

    private static func scan(_ image: GrayImage) -> [String] {
        guard let scanner = zbar_image_scanner_create() else { return [] }
        defer { zbar_image_scanner_destroy(scanner) }
        zbar_image_scanner_set_config(scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0)
        zbar_image_scanner_set_config(scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1)
        guard let zimage = zbar_image_create() else { return [] }
        defer { zbar_image_destroy(zimage) }
        let y800: UInt = 0x3030_3859  // fourcc "Y800": 8-bit grayscale
        zbar_image_set_format(zimage, y800)
        zbar_image_set_size(zimage, UInt32(image.width), UInt32(image.height))
        return image.pixels.withUnsafeBytes { buffer in
            zbar_image_set_data(zimage, buffer.baseAddress, UInt(buffer.count), nil)
            guard zbar_scan_image(scanner, zimage) > 0 else { return [] }
            var texts: [String] = []
            var symbol = zbar_image_first_symbol(zimage)
            while let current = symbol {
                let length = Int(zbar_symbol_get_data_length(current))
                let data = UnsafeRawBufferPointer(start: zbar_symbol_get_data(current), count: length)
                texts.append(String(decoding: data, as: UTF8.self))
                symbol = zbar_symbol_next(current)
            }
            return texts
        }
    }
}

/// An 8-bit grayscale image, row by row.
public struct GrayImage: Sendable {
    public let pixels: [UInt8]
    public let width: Int
    public let height: Int

    public init(pixels: [UInt8], width: Int, height: Int) {
        precondition(pixels.count == width * height)
        self.pixels = pixels
        self.width = width
        self.height = height
    }

    /// Half the size, each pixel the mean of a 2×2 block.
    func halved() -> GrayImage {
        let w = width / 2, h = height / 2
        var out = [UInt8](repeating: 0, count: w * h)
        for y in 0..<h {
            for x in 0..<w {
                let i = 2 * y * width + 2 * x
                let sum = Int(pixels[i]) + Int(pixels[i + 1]) + Int(pixels[i + width]) + Int(pixels[i + width + 1])
                out[y * w + x] = UInt8(sum / 4)
            }
        }
        return GrayImage(pixels: out, width: w, height: h)
    }
}
