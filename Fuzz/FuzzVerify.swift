import Foundation
import PassVerifier

/// The verifier on any text and time, against the trust list of the vectors (read once from
/// Vectors/trustlist.json; scripts/fuzz.sh runs from the repository's root). The first 8 bytes
/// choose the verification time, the rest is the token text. A pass that verifies must carry
/// exactly the fields of its token.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzVerify(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: start, count: count))
    guard input.count >= 8 else { return 0 }
    let seconds = input.prefix(8).reduce(Int64(0)) { $0 << 8 | Int64($1) }
    // Within ±10,000 years of 1970 so the fuzzer spends its time on the token, not on Date.
    let at = Date(timeIntervalSince1970: TimeInterval(seconds % 315_569_520_000))
    let text = String(decoding: input.dropFirst(8), as: UTF8.self)
    if let pass = try? verifier.verify(text: text, at: at) {
        precondition(pass.token.text == text && pass.kid == pass.token.payload.keyID, "a verified pass differs from its token")
        precondition(verifier.isGenuine(pass.token), "a verified pass is not genuine")
    }
    return 0
}

private let verifier: Verifier = {
    guard let json = FileManager.default.contents(atPath: "Vectors/trustlist.json"),
          let list = try? TrustList(json: json)
    else { fatalError("fuzz-verify: run from the repository's root (Vectors/trustlist.json)") }
    return Verifier(trustList: list)
}()
