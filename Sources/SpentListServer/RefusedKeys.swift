import Foundation
import Hummingbird
import Logging
import SpentList
import SpentListAPI

/// When an address that keeps presenting wrong keys is paused (issue 14 §1.8). Keys are 256
/// bits, so guessing cannot succeed; the point is that it is seen (a log line, a metric) and
/// that it cannot run at thousands of tries a second.
public struct KeyGuessingLimits: Sendable, Equatable {
    /// Refused keys from one address within `window` before it is paused...
    public var maxFailures: Int
    public var window: Duration
    /// ...for this long: every request from it needing a key is a 429 with Retry-After,
    /// without the key being checked (a genuine key from that address waits too).
    public var pause: Duration

    public init(maxFailures: Int = 20, window: Duration = .seconds(60), pause: Duration = .seconds(60)) {
        self.maxFailures = maxFailures
        self.window = window
        self.pause = pause
    }

    public static let standard = KeyGuessingLimits()
}

/// Refused keys by client address, in memory (a restart forgets them, which only shortens a pause).
final class RefusedKeys: @unchecked Sendable {  // `addresses` is guarded by `lock`
    private struct Record {
        var windowStart: ContinuousClock.Instant
        var failures: Int
        var pausedUntil: ContinuousClock.Instant?
    }

    /// Addresses remembered at most; beyond, those not paused are forgotten.
    static let capacity = 10_000
    let limits: KeyGuessingLimits
    private let lock = NSLock()
    private var addresses: [String: Record] = [:]

    init(limits: KeyGuessingLimits) {
        self.limits = limits
    }

    /// The whole seconds left of the address's pause, or nil when it may try a key.
    func pause(of address: String) -> Int? {
        let now = ContinuousClock.now
        return lock.withLock {
            guard let until = addresses[address]?.pausedUntil, now < until else { return nil }
            return Self.wholeSeconds(until - now)
        }
    }

    /// Counts one refused key from `address`: the failures in the current window, and whether
    /// this one paused the address.
    func record(_ address: String) -> (failures: Int, paused: Bool) {
        let now = ContinuousClock.now
        return lock.withLock {
            var record = addresses[address] ?? Record(windowStart: now, failures: 0)
            if now - record.windowStart > limits.window { record = Record(windowStart: now, failures: 0) }
            record.failures += 1
            let paused = record.failures >= limits.maxFailures
            if paused {
                record.pausedUntil = now + limits.pause
                record.windowStart = now + limits.pause
                record.failures = 0
            }
            if addresses[address] == nil, addresses.count >= Self.capacity { forgetUnpaused(now) }
            addresses[address] = record
            return (paused ? limits.maxFailures : record.failures, paused)
        }
    }

    private func forgetUnpaused(_ now: ContinuousClock.Instant) {
        addresses = addresses.filter { ($0.value.pausedUntil ?? now) > now }
        if addresses.count >= Self.capacity { addresses.removeAll() }
    }

    static func wholeSeconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(seconds) + (attoseconds > 0 ? 1 : 0)
    }
}

extension ServiceError {
    static func paused(retryAfter seconds: Int) -> ServiceError {
        ServiceError(
            .tooManyRequests, .tooManyFailures,
            "too many refused keys from your address; try again in \(seconds) s",
            headers: [.retryAfter: String(seconds)])
    }
}

/// What the access check does about refused keys: pauses, a metric, and a log line that
/// names the address and at most a short prefix of the presented key's hash, never the key.
struct KeyWatch: Sendable {
    let refused: RefusedKeys
    let metrics: ServiceMetrics
    let logger: Logger

    /// Throws the 429 of a paused address.
    func admit(_ address: String) throws {
        if let seconds = refused.pause(of: address) {
            metrics.recordPausedRequest()
            throw ServiceError.paused(retryAfter: seconds)
        }
    }

    func refusedKey(_ request: Request, from address: String) {
        let (failures, paused) = refused.record(address)
        metrics.recordRefusedKey()
        // Six hex digits of the hash tell a retried stale key from guesses, and reveal nothing.
        let hashPrefix = Authenticator.bearer(request).map { String($0.hash.hex.prefix(6)) } ?? "none"
        logger.warning("refused key", metadata: [
            "address": "\(address)", "path": "\(request.uri.path)", "keyHash": "\(hashPrefix)",
            "failures": "\(failures) in \(refused.limits.window)",
        ])
        if paused {
            metrics.recordPausedAddress()
            logger.error("address paused after repeated refused keys", metadata: [
                "address": "\(address)", "failures": "\(failures)", "pause": "\(refused.limits.pause)",
            ])
        }
    }
}
