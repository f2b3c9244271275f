import Conventions
import Foundation
import PassVerifier

/// Issues passes: checks the request against the key's entry in the trust list, reserves the
/// serials in the key's ledger, signs, has the tokens written, and records the batch done.
/// Nothing is signed unless every check passed.
public struct Issuer: Sendable {
    public let key: IssuerKey
    public let trustList: TrustList
    public let ledger: Ledger

    public init(key: IssuerKey, trustList: TrustList, ledger: Ledger) {
        self.key = key
        self.trustList = trustList
        self.ledger = ledger
    }

    /// Issues one batch from start to end: checks the request, reserves the serials, signs,
    /// hands the batch and its tokens to `write` (a token file, a printer), and marks the batch
    /// completed once `write` has returned. When `write` throws, the batch stays `allocated`
    /// (`passnum batches` shows it interrupted) and its serials are never handed out again.
    @discardableResult
    public func issue(_ request: IssuingRequest, at now: Date, write: (Batch, [Token]) throws -> Void) throws -> Batch {
        try checkKey(for: request, at: now)
        let batch = try ledger.allocate(
            kid: key.kid, carnets: request.carnets, perCarnet: request.perCarnet,
            value: request.value, expiry: request.expiry, label: request.label, at: now)
        let payloads = (batch.firstSerial...batch.lastSerial).map {
            Payload(keyID: key.kid, serial: Serial($0)!, value: request.value, expiry: request.expiry)
        }
        try write(batch, signInParallel(payloads))
        try ledger.markCompleted(batch)
        return batch
    }

    private func checkKey(for request: IssuingRequest, at now: Date) throws(IssuerError) {
        let entry: TrustList.Key
        do {
            entry = try trustList.usableKey(key.kid, at: now)
        } catch {
            // The verifier's own rule: partners would refuse every pass signed now.
            let window = trustList.key(for: key.kid).map { " (valid \(MachineTime.utcDay($0.notBefore)) to \(MachineTime.utcDay($0.notAfter)))" }
            throw IssuerError(.keyUnusable, "\(error.message)\(window ?? ""): partners could not verify its passes")
        }
        let expiry = Date(timeIntervalSince1970: TimeInterval(request.expiry))
        guard expiry > now else {
            throw IssuerError(.invalidRequest, "the expiry date is already past")
        }
        guard expiry <= entry.notAfter.addingTimeInterval(1) else {
            throw IssuerError(.invalidRequest, "the passes would outlive key \(key.kid), which ends on \(MachineTime.utcDay(entry.notAfter))")
        }
    }

    /// Signing is the costly part of a large batch: split it over the cores.
    private func signInParallel(_ payloads: [Payload]) -> [Token] {
        let chunks = max(1, min(ProcessInfo.processInfo.activeProcessorCount * 4, payloads.count / 256))
        let chunkSize = (payloads.count + chunks - 1) / chunks
        let results = UnsafeMutableBufferPointer<[Token]>.allocate(capacity: chunks)
        results.initialize(repeating: [])
        defer { results.deinitialize().deallocate() }
        nonisolated(unsafe) let output = results  // each iteration writes only its own slot
        DispatchQueue.concurrentPerform(iterations: chunks) { index in
            let range = index * chunkSize..<min(payloads.count, (index + 1) * chunkSize)
            output[index] = range.isEmpty ? [] : key.sign(Array(payloads[range]))
        }
        return results.flatMap { $0 }
    }
}

