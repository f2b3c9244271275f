import Foundation
import PassVerifier

/// What the counter tells the operator about one scan.
public struct Verdict: Sendable {
    public enum Outcome: Sendable {
        /// Take the pass: it is genuine and was not spent.
        case accepted(VerifiedPass)
        /// Do not take it, for this reason.
        case refused(Refusal)
        /// A typed pass number (or an old serial-only number): its state, for information only
        /// (a typed number never redeems).
        case status(TypedNumber, PassStatus)
        /// A typed serial whose check digit does not match: a digit was mistyped.
        case mistypedSerial(String)
    }

    public enum Refusal: Sendable {
        /// The pass itself is not valid (format, key, signature).
        case invalid(PassError)
        /// A genuine pass past its expiry instant.
        case expired(Date)
        /// Spent before, at `firstAt` when known; `here` when this counter took it.
        case alreadySpent(firstAt: Date?, here: Bool)
        /// The programme revoked this pass.
        case revoked
        /// The programme refuses passes of carnets not handed out at an office, and this one's was not.
        case notDistributed
        /// The line was not a pass at all.
        case unreadable(String)
        /// The service refused for a reason this version does not know.
        case service(String)
        /// Nothing could be decided: the service is unreachable and there is no replica.
        case unavailable(String)
    }

    public let outcome: Outcome
    /// Decided without the service (offline mode, or online with the service unreachable).
    public let offline: Bool
    public let scannedAt: Date

    public init(_ outcome: Outcome, offline: Bool, at scannedAt: Date) {
        self.outcome = outcome
        self.offline = offline
        self.scannedAt = scannedAt
    }

    public var isAccepted: Bool {
        if case .accepted = outcome { true } else { false }
    }
}

/// What is known of a pass from its serial alone.
public enum PassStatus: Sendable, Equatable {
    case unspent
    case spent(at: Date?)
    case revoked
}

/// The running totals shown during a session and summed up at its end.
public struct Tally: Sendable, Equatable {
    public private(set) var accepted = 0
    public private(set) var refused = 0
    public private(set) var acceptedCents: UInt64 = 0
    public private(set) var offline = 0

    public init() {}

    public mutating func add(_ verdict: Verdict) {
        switch verdict.outcome {
        case .accepted(let pass):
            accepted += 1
            acceptedCents += UInt64(pass.value.value)
            if verdict.offline { offline += 1 }
        case .refused:
            refused += 1
        case .status, .mistypedSerial:
            break
        }
    }
}
