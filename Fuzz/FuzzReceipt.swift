import Foundation
import PassVerifier

/// The receipt parser (SPEC.md §12) on any bytes: the text form checked against the service key
/// of Vectors/service/receipt.txt, and the body decoder on raw bytes, whose receipt must be
/// writable again (a partner's tool prints and re-encodes what it decoded).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReceipt(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: start, count: count))
    if let receipt = try? Receipt.verify(text: String(decoding: input, as: UTF8.self), publicKey: serviceKey) {
        precondition(receipt.serviceKeyID == KeyID(publicKey: serviceKey), "a verified receipt names another key")
    }
    if let receipt = try? Receipt.decode(body: input) {
        _ = receipt.body
        _ = receipt.redemption.pass.number.text
    }
    return 0
}

/// The service public key of the receipt vector.
private let serviceKey: [UInt8] = Array(Data(base64Encoded: "wofRhNDrcpmfFaKc13mrvuQ/asm4IeaCUB89+WQgWyQ=")!)
