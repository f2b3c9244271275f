import Foundation
import PassVerifier

/// Where a genuine pass is checked for earlier use and recorded: the service, or the replica
/// and journal when offline.
public protocol RedemptionBackend: Sendable {
    /// Redeems a verified pass. Throws `CounterError.unreachable` when it cannot decide, so the
    /// desk can fall back to the offline backend.
    func redeem(_ pass: VerifiedPass, at: Date) async throws(CounterError) -> Verdict.Outcome

    /// The state of a serial under any of `kids` (a typed serial does not say its key).
    func status(of serial: Serial, kids: [KeyID]) async throws(CounterError) -> PassStatus
}

extension PassStatus {
    /// Of the states of one serial under several keys, the one to tell the operator.
    static func mostTelling(_ states: [PassStatus]) -> PassStatus {
        states.first { if case .revoked = $0 { true } else { false } }
            ?? states.first { if case .spent = $0 { true } else { false } }
            ?? .unspent
    }
}

/// The counter's logic for one scan: clean the input, decode and verify offline (no network
/// needed to refuse a fake), then ask the backend, falling back to offline when the service
/// cannot be reached. After a failure the service is left alone for `Reachability.pause`, so a
/// dead service costs the operator one `--timeout`, not one per pass.
public struct Desk: Sendable {
    let verifier: Verifier
    let primary: any RedemptionBackend
    let fallback: (any RedemptionBackend)?
    let primaryIsOffline: Bool
    /// The desk's own: its scans mark the service down and up, and the session reads it.
    public let reachability = Reachability()
    /// The programme's grace period after a pass's expiry (`API.Programme.graceDays`).
    let graceDays: Int

    public init(verifier: Verifier, primary: any RedemptionBackend, fallback: (any RedemptionBackend)?, primaryIsOffline: Bool, graceDays: Int = 0) {
        self.verifier = verifier
        self.graceDays = graceDays
        self.primary = primary
        self.fallback = fallback
        self.primaryIsOffline = primaryIsOffline
    }

    /// Whether a verdict given now is given without the service: offline by choice, or while
    /// the service is known to be unreachable.
    public func workingOffline(at now: Date) -> Bool {
        primaryIsOffline || (fallback != nil && reachability.isDown(at: now))
    }

    /// The verdict for one scanned line, or nil for a blank line.
    public func handle(line: String, at now: Date) async -> Verdict? {
        switch ScanInput.classify(line) {
        case .blank:
            return nil
        case .unreadable(let text):
            return Verdict(.refused(.unreadable(text)), offline: workingOffline(at: now), at: now)
        case .typedSerial(let text):
            return await lookUp(typed: text, at: now)
        case .token(let digits):
            return await handle(token: digits, at: now)
        }
    }

    /// A typed number is only looked up: without the signed token it proves nothing. A pass
    /// number (SPEC.md §11) names its key by its series; an old serial-only number is looked
    /// up under every active key, as before pass numbers existed.
    func lookUp(typed text: String, at now: Date) async -> Verdict {
        guard let number = try? TypedNumber(typed: text) else {
            return Verdict(.mistypedSerial(text), offline: workingOffline(at: now), at: now)
        }
        let (serial, kids) = keys(for: number)
        if case .pass(let number) = number, kids.count != 1 {
            // SPEC.md §11: never guess which key a number belongs to.
            return Verdict(.refused(kids.isEmpty
                ? .invalid(PassError(.unknownKey, "no key of series \(number.series) in the trust list"))
                : .unavailable("several keys of series \(number.series) in the trust list: scan the code instead")), offline: workingOffline(at: now), at: now)
        }
        return await decide(at: now) { backend throws(CounterError) in .status(number, try await backend.status(of: serial, kids: kids)) }
    }

    /// The serial and the keys it may be under: the one key of the number's series, or every
    /// active key for an old serial-only number.
    private func keys(for number: TypedNumber) -> (Serial, [KeyID]) {
        switch number {
        case .pass(let number):
            (number.serial, verifier.trustList.keys(inSeries: number.series).map(\.kid))
        case .serialOnly(let serial):
            (serial, verifier.trustList.keys.filter { $0.status == .active }.map(\.kid))
        }
    }

    public func handle(token digits: String, at now: Date) async -> Verdict {
        let pass: VerifiedPass
        do {
            pass = try verifier.verify(text: digits, at: now, graceDays: graceDays)
        } catch where error.code == .expired {
            let expiry = (try? Token(text: digits))?.payload.expiryDate ?? now
            return Verdict(.refused(.expired(expiry)), offline: workingOffline(at: now), at: now)
        } catch {
            return Verdict(.refused(.invalid(error)), offline: workingOffline(at: now), at: now)
        }
        return await decide(at: now) { backend throws(CounterError) in try await backend.redeem(pass, at: now) }
    }

    /// Asks the primary backend, unless it is known to be unreachable, then the fallback.
    private func decide(at now: Date, _ ask: (any RedemptionBackend) async throws(CounterError) -> Verdict.Outcome) async -> Verdict {
        if let fallback, !primaryIsOffline, reachability.isDown(at: now) {
            return await answer(from: fallback, offline: true, at: now, ask)
        }
        do {
            let outcome = try await ask(primary)
            if !primaryIsOffline { reachability.markUp() }
            return Verdict(outcome, offline: primaryIsOffline, at: now)
        } catch where error.code == .unreachable && fallback != nil {
            reachability.markDown(at: now)
            return await answer(from: fallback!, offline: true, at: now, ask)
        } catch {
            return Verdict(.refused(.unavailable(error.message)), offline: primaryIsOffline, at: now)
        }
    }

    private func answer(from backend: any RedemptionBackend, offline: Bool, at now: Date,
                        _ ask: (any RedemptionBackend) async throws(CounterError) -> Verdict.Outcome) async -> Verdict {
        do {
            return Verdict(try await ask(backend), offline: offline, at: now)
        } catch {
            return Verdict(.refused(.unavailable(error.message)), offline: offline, at: now)
        }
    }
}

/// Whether the service answered lately. Shared by the scans of one session; after a failure
/// the service is tried again once `pause` has passed.
public final class Reachability: @unchecked Sendable {
    public static let pause: TimeInterval = 30
    private let lock = NSLock()
    private var downSince: Date?  // guarded by `lock`
    private var retryAt: Date?  // guarded by `lock`

    public init() {}

    public func isDown(at now: Date) -> Bool {
        lock.withLock { retryAt.map { now < $0 } ?? false }
    }

    /// Since when the service has not answered, or nil when it answers.
    public var unreachableSince: Date? { lock.withLock { downSince } }

    public func markDown(at now: Date) {
        lock.withLock {
            if downSince == nil { downSince = now }
            retryAt = now.addingTimeInterval(Self.pause)
        }
    }

    public func markUp() {
        lock.withLock {
            downSince = nil
            retryAt = nil
        }
    }
}

/// Offline redemption: refuse what the replica knows as spent or revoked and what this
/// counter's journal already holds; otherwise record the pass durably, then accept it. The
/// session's kind of help goes into the journal with each pass, for `passnum sync`.
public struct OfflineBackend: RedemptionBackend {
    let replica: Replica
    let journal: Journal
    let helpKind: String?

    public init(replica: Replica, journal: Journal, helpKind: String? = nil) {
        self.replica = replica
        self.journal = journal
        self.helpKind = helpKind
    }

    public func redeem(_ pass: VerifiedPass, at now: Date) async throws(CounterError) -> Verdict.Outcome {
        switch try replica.mark(kid: pass.kid, serial: pass.serial) {
        case .revoked: return .refused(.revoked)
        case .spent: return .refused(.alreadySpent(firstAt: nil, here: false))
        case .handedOut, nil: break
        }
        if try replica.programme()?.requireHandout == true, !(try replica.isHandedOut(kid: pass.kid, serial: pass.serial)) {
            return .refused(.notDistributed)
        }
        let (item, inserted) = try journal.record(pass, at: now, mode: .offline, helpKind: helpKind)
        return inserted ? .accepted(pass) : .refused(.alreadySpent(firstAt: item.scannedAt, here: true))
    }

    public func status(of serial: Serial, kids: [KeyID]) async throws(CounterError) -> PassStatus {
        var states: [PassStatus] = []
        for kid in kids {
            switch try replica.mark(kid: kid, serial: serial) {
            case .revoked: states.append(.revoked)
            case .spent: states.append(.spent(at: nil))
            case .handedOut, nil: states.append(try journal.item(kid: kid, serial: serial).map { .spent(at: $0.scannedAt) } ?? .unspent)
            }
        }
        return .mostTelling(states)
    }
}
