import PassVerifier

/// The trust-list parser (SPEC.md §7.1) on any bytes. A list that parses writes back a canonical
/// JSON that parses to the same keys.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTrustList(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: start, count: count))
    guard let list = try? TrustList(json: input) else { return 0 }
    guard let again = try? TrustList(json: list.json()) else {
        preconditionFailure("a trust list's canonical JSON does not parse")
    }
    precondition(again.keys == list.keys, "a trust list's canonical JSON holds other keys")
    return 0
}
