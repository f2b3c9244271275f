import PassVerifier

/// A verified pass with its QR code, ready to draw.
public struct PrintablePass: Sendable {
    public let pass: VerifiedPass
    public let code: QRCode
    /// 1-based line of its token in the input, for error messages.
    public let line: Int
}

/// One carnet: `perCarnet` passes of one key with consecutive serials, one value, one expiry.
///
/// Its number is the serial of its first pass. That rule needs no ledger and no counter of its
/// own: it is unique for a key forever (serials are never reused), it holds whatever
/// `--per-carnet` and however batches were cut, and anyone can read it back from a single pass
/// (serial − position + 1). Consecutive carnets of 5 are numbered 1, 6, 11, …
public struct Carnet: Sendable {
    public let passes: [PrintablePass]
    /// The stub's own code (SPEC.md §15), scanned by the office at hand-over.
    public let stubCode: CarnetCode
    let stubQR: QRCode

    public var number: UInt64 { passes[0].pass.serial.value }
    public var first: VerifiedPass { passes[0].pass }
    public var last: VerifiedPass { passes[passes.count - 1].pass }

    /// Groups passes in order into carnets of `perCarnet`, refusing anything that would print a
    /// carnet with a false stub (mixed keys, values or expiries, gaps in the serials).
    static func group(_ passes: [PrintablePass], perCarnet: Int) throws(PrinterError) -> [Carnet] {
        guard passes.count % perCarnet == 0 else {
            throw PrinterError(.badCarnet, "\(passes.count) passes do not make whole carnets of \(perCarnet)")
        }
        var carnets: [Carnet] = []
        carnets.reserveCapacity(passes.count / perCarnet)
        for start in stride(from: 0, to: passes.count, by: perCarnet) {
            let carnet = Array(passes[start..<start + perCarnet])
            try check(carnet)
            carnets.append(try Carnet(passes: carnet))
        }
        return carnets
    }

    private init(passes: [PrintablePass]) throws(PrinterError) {
        self.passes = passes
        let head = passes[0].pass
        guard let code = CarnetCode(kid: head.kid, first: head.serial, count: passes.count) else {
            throw PrinterError(.badCarnet, "the carnet starting at serial \(head.serial) has no stub code (1 to 9 passes, serials below 2^48)")
        }
        stubCode = code
        stubQR = try QRCode.encode(digits: code.text)
    }

    private static func check(_ passes: [PrintablePass]) throws(PrinterError) {
        let head = passes[0].pass
        for (offset, printable) in passes.enumerated().dropFirst() {
            let pass = printable.pass
            let where_ = "line \(printable.line): pass \(offset + 1) of the carnet starting at serial \(head.serial)"
            guard pass.kid == head.kid, pass.value == head.value, pass.expiry == head.expiry else {
                throw PrinterError(.badCarnet, "\(where_) has another key, value or expiry")
            }
            guard pass.serial.value == head.serial.value + UInt64(offset) else {
                throw PrinterError(.badCarnet, "\(where_) has serial \(pass.serial), expected \(head.serial.value + UInt64(offset)) (tokens must be in serial order)")
            }
        }
    }
}
