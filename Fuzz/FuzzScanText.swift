import PassVerifier

/// The scanner's input layer (SPEC.md §8) on any text, then the strict decoder on what it kept,
/// as a counter does. What it keeps is ASCII digits only, one per meaningful input scalar.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScanText(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    guard let digits = ScanText.normalize(text) else { return 0 }
    precondition(digits.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }, "normalize kept a non-digit")
    precondition(digits.utf8.count <= text.unicodeScalars.count, "normalize made up digits")
    precondition(ScanText.normalize(digits) == digits, "normalize is not idempotent")
    _ = try? Token(text: digits)
    return 0
}
