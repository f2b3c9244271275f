import PassVerifier

/// The strict token decoder (SPEC.md §3–4) and the typed pass number (§11) on any bytes. Beyond
/// "never crash": a token that decodes is canonical, so writing it back gives the same text, and
/// decoding that again gives the same token.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTokenDecode(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: start, count: count))
    let text = String(decoding: input, as: UTF8.self)
    if let token = try? Token(text: text) {
        precondition(token.text == text, "a decoded token writes back another text")
        precondition((try? Token(bytes: token.bytes)) == token, "a decoded token does not decode from its bytes")
    }
    if let token = try? Token(bytes: input) {
        precondition(token.bytes == input, "a token decoded from bytes writes back other bytes")
    }
    if let number = try? PassNumber(typed: text) {
        precondition((try? PassNumber(typed: number.text)) == number, "a pass number does not read back")
    }
    _ = try? TypedNumber(typed: text)
    return 0
}
