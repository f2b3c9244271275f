#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CPassVerify
import PassVerifier

// The C functions of include/passverify.h over `PassVerifier`: only C types cross the boundary.
// A verifier is a retained box around the immutable `Verifier`, so any thread may use it.

/// What a `pv_verifier *` points to.
private final class VerifierBox: Sendable {
    let verifier: Verifier
    init(_ verifier: Verifier) { self.verifier = verifier }
}

/// The reason numbers of the header: a pass's reasons from 1, a trust list's from 20, a trust
/// list signature's from 40, each in the SPEC's check order, which `PassError.Code` lists in
/// the same order.
func reasonNumber(_ error: PassError) -> Int32 {
    if let detail = error.detail, let index = PassError.Code.trustListReasons.firstIndex(of: detail) {
        return Int32(PV_NOT_JSON) + Int32(index)
    }
    if let detail = error.detail, let index = PassError.Code.listSignatureReasons.firstIndex(of: detail) {
        return Int32(PV_BAD_ROOT_KEY) + Int32(index)
    }
    let index = PassError.Code.tokenReasons.firstIndex(of: error.code) ?? 0
    return Int32(PV_MALFORMED) + Int32(index)
}

@_cdecl("pv_verifier_new")
func verifierNew(_ json: UnsafePointer<CChar>?, _ length: Int, _ errorOut: UnsafeMutablePointer<Int32>?) -> OpaquePointer? {
    guard let json else {
        errorOut?.pointee = Int32(PV_INVALID_ARGUMENT)
        return nil
    }
    let bytes = UnsafeRawBufferPointer(start: json, count: length)
    do throws(PassError) {
        let box = VerifierBox(Verifier(trustList: try TrustList(json: bytes)))
        errorOut?.pointee = Int32(PV_VALID)
        return OpaquePointer(Unmanaged.passRetained(box).toOpaque())
    } catch {
        errorOut?.pointee = reasonNumber(error)
        return nil
    }
}

@_cdecl("pv_verify")
func verify(_ handle: OpaquePointer?, _ text: UnsafePointer<CChar>?, _ length: Int, _ at: Int64, _ out: UnsafeMutablePointer<pv_result>?) -> Int32 {
    guard let handle, let out else { return Int32(PV_INVALID_ARGUMENT) }
    out.pointee = pv_result()
    let box = Unmanaged<VerifierBox>.fromOpaque(UnsafeRawPointer(handle)).takeUnretainedValue()
    let string = text.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: length), as: UTF8.self) } ?? ""
    do throws(PassError) {
        let pass = try box.verifier.verify(text: string, at: Date(timeIntervalSince1970: TimeInterval(at)))
        out.pointee.valid = 1
        withUnsafeMutableBytes(of: &out.pointee.kid) { kid in
            kid.copyBytes(from: Array(pass.kid.text.utf8) + [0])
        }
        out.pointee.serial = pass.serial.value
        out.pointee.value_cents = pass.value.value
        out.pointee.expires_unix = Int64(pass.token.payload.expiry)
    } catch {
        out.pointee.reason = reasonNumber(error)
    }
    return out.pointee.reason
}

@_cdecl("pv_check_trust_list_signature")
func checkTrustListSignature(
    _ json: UnsafePointer<CChar>?, _ length: Int, _ signature: UnsafePointer<CChar>?, _ signatureLength: Int,
    _ root: UnsafePointer<UInt8>?, _ out: UnsafeMutablePointer<pv_list_signature>?
) -> Int32 {
    guard let json, let signature, let root else { return Int32(PV_INVALID_ARGUMENT) }
    if let out { out.pointee = pv_list_signature() }
    let text = String(decoding: UnsafeRawBufferPointer(start: signature, count: signatureLength), as: UTF8.self)
    do throws(PassError) {
        let checked = try TrustListSignature.check(
            json: UnsafeRawBufferPointer(start: json, count: length), signature: text,
            rootPublicKey: Array(UnsafeBufferPointer(start: root, count: 32)))
        if let out {
            withUnsafeMutableBytes(of: &out.pointee.root_kid) { $0.copyBytes(from: Array(checked.rootKid.text.utf8) + [0]) }
            out.pointee.signed_at_unix = Int64(checked.signedAt)
        }
        return Int32(PV_VALID)
    } catch {
        return reasonNumber(error)
    }
}

@_cdecl("pv_normalize_scan")
func normalizeScan(_ input: UnsafePointer<CChar>?, _ length: Int, _ out: UnsafeMutablePointer<CChar>?, _ size: Int) -> Int {
    let bytes = UnsafeRawBufferPointer(start: input, count: input == nil ? 0 : length)
    guard let text = String(validating: bytes, as: UTF8.self), let digits = ScanText.normalize(text) else { return -1 }
    let utf8 = Array(digits.utf8) + [0]
    guard let out, size >= utf8.count else { return -2 }
    UnsafeMutableRawBufferPointer(start: out, count: size).copyBytes(from: utf8)
    return utf8.count - 1
}

@_cdecl("pv_verifier_free")
func verifierFree(_ handle: OpaquePointer?) {
    guard let handle else { return }
    Unmanaged<VerifierBox>.fromOpaque(UnsafeRawPointer(handle)).release()
}
