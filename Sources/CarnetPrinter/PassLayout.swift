import Conventions
import PassVerifier

/// Where everything of one pass goes, in millimetres from the pass's top edge. The pass is a
/// 50 mm strip of the A4 page; text stays 4 mm or more from its cut lines and out of the QR
/// code's quiet zone, so imprecise cutting never touches what must be read or scanned.
struct PassLayout {
    static let height = 50.0
    static let left = 12.0
    static let right = 198.0
    /// Modules of 50/62 mm (0.81 mm): a version-5 code is 29.8 mm wide (at least 25 mm asked),
    /// 36.3 mm with its quiet zone, each module 4.8 pixels in a 150 dpi scan. A pass is then
    /// exactly 62 modules high, so the codes of a page line up on one module grid and are drawn
    /// as one image per page (see `PageLayout`).
    static let modulesPerPass = 62
    static let module = height / Double(modulesPerPass)
    /// The code's quiet zone starts 8 modules below the pass's top edge, and 9 remain below it.
    static let codeTopInModules = 8 + QRCode.quietZone

    /// The text column left of the code: a v1 token is always a version-5 code (37 modules).
    static let textColumnWidth = right - Double(37 + 2 * QRCode.quietZone) * module - 4 - left

    let texts: CarnetTexts

    /// Width of the QR code with its quiet zone.
    static func qrSide(_ code: QRCode) -> Double {
        Double(code.width + 2 * QRCode.quietZone) * module
    }

    /// Where the code's first module goes, for a pass whose top edge is at `top`.
    static func codeOrigin(_ code: QRCode, top: Double) -> (x: Double, y: Double) {
        (right - qrSide(code) + Double(QRCode.quietZone) * module, top + Double(codeTopInModules) * module)
    }

    /// Draws the pass; its QR code too unless `withCode` is false (the page draws all its codes
    /// at once).
    func draw(_ printable: PrintablePass, position: Int, of carnet: Carnet, on canvas: Canvas, top: Double, withCode: Bool = true) {
        let pass = printable.pass
        let side = Self.qrSide(printable.code)
        let qrLeft = Self.right - side
        drawHeading(pass, on: canvas, top: top, right: qrLeft - 4)
        drawValue(pass, on: canvas, top: top)
        drawNumber(pass, position: position, of: carnet, on: canvas, baseline: top + 28)
        // The fine print: the rules of use and the copy warning, then where and whom to ask.
        canvas.text(CarnetTexts.terms, x: Self.left, baseline: top + 33, size: CarnetTexts.noteSize, weight: .bold)
        canvas.text(CarnetTexts.copyWarning, x: Self.left, baseline: top + 37, size: CarnetTexts.noteSize)
        for (index, line) in texts.noteLines.enumerated() {
            canvas.text(line, x: Self.left, baseline: top + 41 + 4 * Double(index), size: CarnetTexts.noteSize)
        }
        if withCode, canvas.pixelsPerMillimetre != nil {
            // From 2 mm right of the text to the image's dashed edge, below the top margin: at
            // 120 dpi and more the code is at least 25 mm with 4 white modules all round.
            let area = (x: qrLeft - 2, y: top + 8 * Self.module, width: side + 3.5, height: Self.height - 0.5 - 8 * Self.module)
            canvas.rasterQR(printable.code, area: area)
        } else if withCode {
            let origin = Self.codeOrigin(printable.code, top: top)
            canvas.qr(printable.code, x: origin.x, y: origin.y, module: Self.module)
        }
    }

    /// The title, the issuer, and the funders' logo (PDF only: a PNG pass is one ink) at the
    /// right of the text column, 4 mm or more below the cut line.
    private func drawHeading(_ pass: VerifiedPass, on canvas: Canvas, top: Double, right: Double) {
        let title = "PASS NUMÉRIQUE"
        canvas.text(title, x: Self.left, baseline: top + 9, size: 13, weight: .bold)
        var end = right
        if let logo = texts.logo, canvas.pixelsPerMillimetre == nil {
            canvas.logo(logo, right: right, top: top + 4, width: Self.logoWidth, height: Self.logoHeight)
            end -= logo.fitted(width: Self.logoWidth, height: Self.logoHeight).width + 3
        }
        let titleWidth = texts.titleWidth
        let issuer = canvas.fitted(pass.issuer, width: end - Self.left - titleWidth - 4, size: 13, minimum: 8)
        canvas.text(issuer.text, x: Self.left + titleWidth + 4, baseline: top + 9, size: issuer.size)
    }

    static let logoWidth = 40.0
    static let logoHeight = 6.5

    /// "N° du pass : 195 000 001-0 · Pass 1/5 · Carnet n° 000001": the number (SPEC.md §11)
    /// in bold, since it is what a person types when the code cannot be read.
    private func drawNumber(_ pass: VerifiedPass, position: Int, of carnet: Carnet, on canvas: Canvas, baseline: Double) {
        let number = PassNumber(keyID: pass.kid, serial: pass.serial).text
        canvas.text(Typography.label("N° du pass"), x: Self.left, baseline: baseline, size: 12)
        let numberX = Self.left + texts.serialLabelWidth
        canvas.text(number, x: numberX, baseline: baseline, size: 12, weight: .bold)
        let rest = " · Pass \(position)/\(carnet.passes.count) · Carnet n° \(FrenchText.carnetNumber(carnet.number))"
        canvas.text(rest, x: numberX + canvas.width(of: number, size: 12, weight: .bold), baseline: baseline, size: 12)
    }

    private func drawValue(_ pass: VerifiedPass, on canvas: Canvas, top: Double) {
        let value = FrenchText.euros(pass.value)
        canvas.text(value, x: Self.left, baseline: top + 21.5, size: 36, weight: .bold)
        let x = Self.left + canvas.width(of: value, size: 36, weight: .bold) + 8
        canvas.text("Valable jusqu'au", x: x, baseline: top + 15, size: 11)
        canvas.text(FrenchText.lastValidDay(expiry: pass.token.payload.expiry), x: x, baseline: top + 21.5, size: 16, weight: .bold)
    }
}
