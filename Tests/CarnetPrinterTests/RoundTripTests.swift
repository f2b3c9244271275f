import CarnetPrinter
import Foundation
import PassVerifier
import Testing

/// Print, rasterise, decode every QR code with zbar, and verify each text back to its token.
@Suite struct RoundTripTests {
    @Test func pdfPagesDecodeToExactlyThePrintedTokens() throws {
        let fixture = Fixture(carnets: 3)
        let scratch = Scratch()
        var source = TokenList(fixture.texts)
        let summary = try fixture.printer().printPDF(&source, to: scratch.file("carnets.pdf"))
        #expect(summary.carnets == 3 && summary.passes == 15)
        #expect(summary.bytes > 0)

        let pages = try GreyImage.pages(of: scratch.file("carnets.pdf"), dpi: 150, in: scratch.path)
        #expect(pages.count == 3)  // one A4 page per carnet
        var decoded: [String] = []
        for (index, page) in pages.enumerated() {
            // Five passes, and the stub's own code (SPEC.md §15), which is no pass.
            let texts = page.qrTexts().filter { CarnetCode(text: $0) == nil }
            #expect(texts.count == 5, "page \(index + 1) should hold 5 pass codes")
            #expect(page.qrTexts().count == 6, "page \(index + 1) should hold 5 pass codes and the stub's")
            decoded += texts
        }
        #expect(decoded.count == fixture.texts.count)  // all passes, no extras
        #expect(Set(decoded) == Set(fixture.texts))
        for text in decoded {
            let pass = try fixture.verifier.verify(text: text, at: Fixture.now)
            #expect(pass.token.text == text)
        }
    }

    @Test func eachPNGDecodesToTheTokenOfItsSerial() throws {
        let fixture = Fixture(carnets: 2)
        let scratch = Scratch()
        var source = TokenList(fixture.texts)
        let summary = try fixture.printer().printPNGs(&source, toFolder: scratch.file("png"), dpi: 150)
        #expect(summary.passes == 10)
        let names = try FileManager.default.contentsOfDirectory(atPath: scratch.file("png")).sorted()
        #expect(names.count == 10)  // no extras
        for token in fixture.tokens {
            let name = fixture.pngName(token.payload.serial.value)
            #expect(names.contains(name))
            let texts = GreyImage.png(scratch.file("png/" + name)).qrTexts()
            #expect(texts == [token.text])
            #expect(try fixture.verifier.verify(text: texts.first ?? "", at: Fixture.now).serial == token.payload.serial)
        }
    }

    @Test func pngIsGreyAtTheAskedResolution() throws {
        let fixture = Fixture(carnets: 1, perCarnet: 1)
        let scratch = Scratch()
        var source = TokenList(fixture.texts)
        _ = try fixture.printer(PrintSettings(perCarnet: 1)).printPNGs(&source, toFolder: scratch.file("png"), dpi: 300)
        let image = GreyImage.png(scratch.file("png/" + fixture.pngName(1)))
        #expect(image.width == 2244 && image.height == 591)  // 190 × 50 mm at 300 dpi
        let header = try [UInt8](Data(contentsOf: URL(fileURLWithPath: scratch.file("png/" + fixture.pngName(1)))).prefix(26))
        #expect(header[24] == 2 && header[25] == 0)  // 2 bits, colour type 0: grey
    }

    @Test func qrCodeIsVersion5WithSquareModules() throws {
        let fixture = Fixture(carnets: 1, perCarnet: 1)
        let code = try QRCode.encode(digits: fixture.texts[0])
        // 200 digits fit version 5 only in numeric mode at level M (SPEC.md §4).
        #expect(code.version == 5)
        #expect(code.width == 37)
        // The finder pattern's corners are dark, its separator light.
        #expect(code.isDark(x: 0, y: 0) && code.isDark(x: 6, y: 6) && !code.isDark(x: 7, y: 7))
    }
}

/// The printed code's size and quiet zone, measured on the pixels.
@Suite struct CodeGeometryTests {
    @Test(arguments: [120, 151, 200, 300])
    func pngCodeIsAtLeast25MillimetresWithFourWhiteModulesAround(dpi: Int) throws {
        let fixture = Fixture(carnets: 1, perCarnet: 1)
        let scratch = Scratch()
        var source = TokenList(fixture.texts)
        _ = try fixture.printer(PrintSettings(perCarnet: 1)).printPNGs(&source, toFolder: scratch.file("png"), dpi: dpi)
        let image = GreyImage.png(scratch.file("png/" + fixture.pngName(1)))
        let perMillimetre = Double(dpi) / 25.4
        // The code is right of the text column, which ends 14 mm before the image's right third.
        let box = image.darkBox(fromX: Int(149.0 * perMillimetre), inset: Int(1.0 * perMillimetre))
        let side = box.maxX - box.minX + 1
        #expect(side == box.maxY - box.minY + 1)
        #expect(side % 37 == 0)  // whole pixels per module
        #expect(Double(side) / perMillimetre >= 25)
        let quiet = 4 * side / 37
        #expect(image.isWhite(x: box.minX - quiet, y: box.minY - quiet, width: side + 2 * quiet, height: side + 2 * quiet, except: box))
        #expect(image.qrTexts() == fixture.texts)
    }
}

extension GreyImage {
    /// The bounding box of dark pixels right of `fromX`, `inset` pixels inside the image edges.
    func darkBox(fromX: Int, inset: Int) -> (minX: Int, minY: Int, maxX: Int, maxY: Int) {
        var box = (minX: Int.max, minY: Int.max, maxX: -1, maxY: -1)
        for y in inset..<height - inset {
            for x in fromX..<width - inset where pixels[y * width + x] < 128 {
                box = (min(box.minX, x), min(box.minY, y), max(box.maxX, x), max(box.maxY, y))
            }
        }
        return box
    }

    /// True when the rectangle holds no dark pixel outside `box`, and lies inside the image.
    func isWhite(x: Int, y: Int, width w: Int, height h: Int, except box: (minX: Int, minY: Int, maxX: Int, maxY: Int)) -> Bool {
        guard x >= 0, y >= 0, x + w <= width, y + h <= height else { return false }
        for py in y..<y + h {
            for px in x..<x + w where pixels[py * width + px] < 128 {
                if !(box.minX...box.maxX).contains(px) || !(box.minY...box.maxY).contains(py) { return false }
            }
        }
        return true
    }
}
