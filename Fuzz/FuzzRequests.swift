import Foundation
import SpentListAPI

/// The service's request decoding (`API.decodeRequest`, `fastToken`) on any body. The first byte
/// picks the route's type, the rest is the body. A body the decoder accepts encodes and decodes
/// again; the hot path's `fastToken` accepts only what the strict decoder accepts, with the
/// same token.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRequests(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let input = UnsafeBufferPointer(start: start, count: count)
    guard let route = input.first else { return 0 }
    let body = input.dropFirst()
    switch route % 3 {
    case 0:
        let strict = try? API.decodeRequest(API.RedemptionRequest.self, from: body)
        if let fast = API.RedemptionRequest.fastToken(body) {
            precondition(strict?.token == fast, "fastToken accepts what the strict decoder does not")
        }
        roundTrip(strict)
    case 1: roundTrip(try? API.decodeRequest(API.RevocationRequest.self, from: body))
    default: roundTrip(try? API.decodeRequest(API.OfflineRedemptionRequest.self, from: body))
    }
    return 0
}

private func roundTrip<T: ContractRequest & Encodable>(_ request: T?) {
    guard let request else { return }
    let again = try? API.decodeRequest(T.self, from: API.encode(request))
    precondition(again != nil, "a decoded request does not decode once encoded again")
}
