import PassVerifier

/// Where everything of one pass goes, in millimetres from the pass's top edge. The pass is a
/// 50 mm strip of the A4 page; text stays 4 mm or more from its cut lines and out of the QR
/// code's quiet zone, so imprecise cutting never touches what must be read or scanned.
struct PassLayout {
    static let height = 50.0
    static let left = 12.0
    static let right = 198.0
    /// 0.8 mm modules: a version-5 code is 29.6 mm wide (at least 25 mm asked), 36 mm with its
    /// quiet zone, and each module is 4.7 pixels in a 150 dpi scan.
    static let module = 0.8

    /// The text column left of the code: a v1 token is always a version-5 code (37 modules).
    static let textColumnWidth = right - Double(37 + 2 * QRCode.quietZone) * module - 4 - left

    let texts: CarnetTexts

    /// Width of the QR code with its quiet zone.
    static func qrSide(_ code: QRCode) -> Double {
        Double(code.width + 2 * QRCode.quietZone) * module
    }

    func draw(_ printable: PrintablePass, position: Int, of carnet: Carnet, on canvas: Canvas, top: Double) {
        let pass = printable.pass
        let side = Self.qrSide(printable.code)
        let qrLeft = Self.right - side
        drawHeading(pass, on: canvas, top: top, width: qrLeft - 4 - Self.left)
        drawValue(pass, on: canvas, top: top)
        let count = carnet.passes.count
        canvas.text("Pass \(position)/\(count) · Carnet n° \(FrenchText.carnetNumber(carnet.number))",
                    x: Self.left, baseline: top + 29, size: 12)
        canvas.text("N° du pass :", x: Self.left, baseline: top + 35, size: 12)
        canvas.text(pass.serial.typedText, x: Self.left + texts.serialLabelWidth, baseline: top + 35, size: 12, weight: .bold)
        for (index, line) in texts.noteLines.enumerated() {
            canvas.text(line, x: Self.left, baseline: top + 41 + 4.5 * Double(index), size: CarnetTexts.noteSize)
        }
        let quiet = Double(QRCode.quietZone) * Self.module
        canvas.qr(printable.code, x: qrLeft + quiet, y: top + (Self.height - side) / 2 + quiet, module: Self.module)
    }

    private func drawHeading(_ pass: VerifiedPass, on canvas: Canvas, top: Double, width: Double) {
        let title = "PASS NUMÉRIQUE"
        canvas.text(title, x: Self.left, baseline: top + 9, size: 13, weight: .bold)
        let titleWidth = texts.titleWidth
        let issuerWidth = width - titleWidth - 4
        let issuer = canvas.fitted(pass.issuer, width: issuerWidth, size: 13, minimum: 8)
        canvas.text(issuer.text, x: Self.left + titleWidth + 4, baseline: top + 9, size: issuer.size)
    }

    private func drawValue(_ pass: VerifiedPass, on canvas: Canvas, top: Double) {
        let value = FrenchText.euros(pass.value)
        canvas.text(value, x: Self.left, baseline: top + 21.5, size: 36, weight: .bold)
        let x = Self.left + canvas.width(of: value, size: 36, weight: .bold) + 8
        canvas.text("Valable jusqu'au", x: x, baseline: top + 15, size: 11)
        canvas.text(FrenchText.lastValidDay(expiry: pass.token.payload.expiry), x: x, baseline: top + 21.5, size: 16, weight: .bold)
    }
}
