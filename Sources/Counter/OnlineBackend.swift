import Foundation
import PassVerifier
import SpentListAPI

/// Online redemption through the service. An acceptance is also written to the local journal,
/// so that if the network drops a minute later, the offline fallback still refuses this pass.
/// Internal: only `CounterSetup` builds one, and callers get a `Desk`.
struct OnlineBackend: RedemptionBackend {
    let client: ServiceClient
    let journal: Journal

    func redeem(_ pass: VerifiedPass, at now: Date) async throws(CounterError) -> Verdict.Outcome {
        switch try await client.redeem(token: pass.token.text) {
        case .redeemed(let at, let receipt):
            let (earlier, inserted) = try journal.record(pass, at: at, mode: .online, receipt: receipt)
            guard inserted else {
                // This counter accepted the pass before (offline, or online with a lost answer):
                // the service's "redeemed by you" answers that earlier scan, not this one.
                return .refused(.alreadySpent(firstAt: earlier.scannedAt, here: true))
            }
            return .accepted(pass)
        case .alreadySpent(let firstAt):
            let mine = try journal.item(kid: pass.kid, serial: pass.serial)
            return .refused(.alreadySpent(firstAt: firstAt, here: mine != nil))
        case .refused(.revoked, _):
            return .refused(.revoked)
        case .refused(.notDistributed, _):
            return .refused(.notDistributed)
        case .refused(let reason, let message) where PassError.Code.tokenReasons.contains(PassError.Code(rawValue: reason.rawValue)):
            // The service's verifier refused it (its trust list may be newer than ours): the
            // operator reads the same words as for a local refusal.
            return .refused(.invalid(PassError(PassError.Code(rawValue: reason.rawValue), message)))
        case .refused(let reason, let message):
            return .refused(.service("\(reason): \(message)"))
        }
    }

    func status(of serial: Serial, kids: [KeyID]) async throws(CounterError) -> PassStatus {
        var states: [PassStatus] = []
        for kid in kids { states.append(try await client.status(kid: kid, serial: serial)) }
        return .mostTelling(states)
    }
}
