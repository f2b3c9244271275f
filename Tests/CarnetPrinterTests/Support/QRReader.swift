import CCairo
import CZbar
import Foundation

/// A grey image (one byte a pixel, 0 = black) and the QR codes zbar finds in it.
struct GreyImage {
    let width: Int
    let height: Int
    let pixels: [UInt8]

    /// Every QR code's text, in the order zbar reports them.
    func qrTexts() -> [String] {
        let scanner = zbar_image_scanner_create()!
        defer { zbar_image_scanner_destroy(scanner) }
        zbar_image_scanner_set_config(scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0)
        zbar_image_scanner_set_config(scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1)
        let image = zbar_image_create()!
        defer { zbar_image_destroy(image) }
        zbar_image_set_format(image, 0x3030_3859)  // fourcc "Y800": 8-bit grey
        zbar_image_set_size(image, UInt32(width), UInt32(height))
        return pixels.withUnsafeBytes { bytes in
            zbar_image_set_data(image, bytes.baseAddress, UInt(bytes.count), nil)
            zbar_scan_image(scanner, image)
            var texts: [String] = []
            var symbol = zbar_image_first_symbol(image)
            while let current = symbol {
                texts.append(String(cString: zbar_symbol_get_data(current)))
                symbol = zbar_symbol_next(current)
            }
            zbar_image_set_data(image, nil, 0, nil)
            return texts
        }
    }

    /// Reads a binary PGM (P5, 8-bit), as `pdftoppm -gray` writes it.
    static func pgm(_ path: String) throws -> GreyImage {
        let data = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        var fields: [Int] = []
        var index = 2  // after "P5"
        while fields.count < 3 {
            while data[index] == 0x20 || data[index] == 0x0A || data[index] == 0x0D || data[index] == 0x09 { index += 1 }
            var value = 0
            while (0x30...0x39).contains(data[index]) {
                value = value * 10 + Int(data[index] - 0x30)
                index += 1
            }
            fields.append(value)
        }
        index += 1  // the single whitespace after the maximum value
        return GreyImage(width: fields[0], height: fields[1], pixels: Array(data[index..<index + fields[0] * fields[1]]))
    }

    /// Reads a PNG through cairo and keeps its green channel (the images are grey).
    static func png(_ path: String) -> GreyImage {
        let surface = cairo_image_surface_create_from_png(path)!
        defer { cairo_surface_destroy(surface) }
        precondition(cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, "cannot read \(path)")
        let width = Int(cairo_image_surface_get_width(surface)), height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        let data = cairo_image_surface_get_data(surface)!
        var pixels = [UInt8](repeating: 0, count: width * height)
        for y in 0..<height {
            for x in 0..<width {
                pixels[y * width + x] = data[y * stride + 4 * x + 1]  // xRGB32 little-endian: B G R x
            }
        }
        return GreyImage(width: width, height: height, pixels: pixels)
    }

    /// Renders every page of a PDF with poppler at `dpi`, grey.
    static func pages(of pdf: String, dpi: Int, in folder: String) throws -> [GreyImage] {
        let prefix = folder + "/page"
        try run("/usr/bin/pdftoppm", ["-gray", "-r", String(dpi), pdf, prefix])
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix("page") && $0.hasSuffix(".pgm") }.sorted()
        return try names.map { try pgm(folder + "/" + $0) }
    }
}
