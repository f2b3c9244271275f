import Foundation
import PassVerifier

/// Verifies tokens and encodes their QR codes on all cores. Every token is verified before it
/// can be drawn: a `PrintablePass` holds a `VerifiedPass`, which only `Verifier` makes.
struct Preparation: Sendable {
    let verifier: Verifier
    let date: Date

    func prepare(_ block: [(line: Int, text: String)]) -> Result<[PrintablePass], PrinterError> {
        let results = Parallel.map(block.count) { index in
            prepare(block[index].text, line: block[index].line)
        }
        var passes: [PrintablePass] = []
        passes.reserveCapacity(results.count)
        for result in results {  // in input order, so the first bad line is the one reported
            switch result {
            case .success(let pass): passes.append(pass)
            case .failure(let error): return .failure(error)
            }
        }
        return .success(passes)
    }

    private func prepare(_ text: String, line: Int) -> Result<PrintablePass, PrinterError> {
        let pass: VerifiedPass
        do {
            pass = try verifier.verify(text: text, at: date)
        } catch {
            return .failure(.refused(error, line: line))
        }
        // The strict decoder accepted `text`, so it is the token's one canonical text: encode it
        // as it is rather than converting the bytes back to 200 digits.
        return Result { () throws(PrinterError) in
            PrintablePass(pass: pass, code: try QRCode.encode(digits: text), line: line)
        }
    }
}
