import Foundation
import PassVerifier

/// The rules a counter session starts by: which trust list it checks passes against, whether
/// it may fall back to offline, how old a replica may be, and what the service says of this
/// partner key before the first pass. They live here, not in the CLI, so tests reach them
/// without the binary and a web counter can reuse them.
public enum CounterSetup {
    /// How old the replica is, against the operator's limits.
    public enum ReplicaAge: Sendable, Equatable {
        case fresh
        /// Older than the warning limit: say so, then work.
        case stale(hours: Double)
        /// Older than the hard limit: the operator must confirm before scanning offline.
        case tooOld(hours: Double)
    }

    /// What the service answered to the start-up check.
    public enum ServiceCheck: Sendable, Equatable {
        case ready
        /// No answer in time: the counter works offline (with a replica) until it answers.
        case unreachable(String)
        /// The service answered but refused this partner key (wrong, or disabled).
        case keyRefused(String)
    }

    /// The trust list, in order: the file the operator named, the one the last `replica pull`
    /// brought, the programme's default file. With none of them there is nothing to check a
    /// pass against, and the operator is told to pull the replica.
    public static func trustList(named path: String?, replica: Replica, defaultPath: String) throws(CounterError) -> TrustList {
        if let path { return try load(path) }
        if let pulled = try replica.trustList() {
            do {
                return try TrustList(json: pulled)
            } catch {
                throw CounterError(.noTrustList, "the trust list in the replica is invalid: \(error.message)")
            }
        }
        guard FileManager.default.fileExists(atPath: defaultPath) else {
            throw CounterError(.noTrustList, "no trust list yet: the replica holds none and \(defaultPath) does not exist")
        }
        return try load(defaultPath)
    }

    /// The replica's age against `maxAge` (warn) and `hardMaxAge` (confirm), in seconds. A
    /// replica never pulled cannot be worked with offline.
    public static func age(pulledAt: Date?, now: Date, maxAge: TimeInterval, hardMaxAge: TimeInterval) throws(CounterError) -> ReplicaAge {
        guard let pulledAt else {
            throw CounterError(.noReplica, "the replica was never pulled")
        }
        let age = now.timeIntervalSince(pulledAt)
        if age > hardMaxAge { return .tooOld(hours: age / 3600) }
        if age > maxAge { return .stale(hours: age / 3600) }
        return .fresh
    }

    /// One authenticated request before the first pass, so a dead service or a refused key is
    /// said once at start instead of on every scan.
    public static func check(_ client: ServiceClient) async -> ServiceCheck {
        do {
            _ = try await client.retrying(within: client.timeout).trustList()
            return .ready
        } catch where error.code == .unauthorised {
            return .keyRefused(error.message)
        } catch {
            return .unreachable(error.message)
        }
    }

    /// The desk of an online counter: the service first, the replica and journal when it
    /// cannot be reached (only if the replica was ever pulled: an empty one would accept every
    /// genuine pass, even one spent elsewhere). With a fallback, the service gets `timeout`
    /// seconds per scan, retries included; without one, every retry is worth waiting for.
    /// `helpKind` goes into the journal with each pass accepted offline.
    public static func onlineDesk(
        trustList: TrustList, client: ServiceClient, replica: Replica, journal: Journal, helpKind: String? = nil
    ) throws(CounterError) -> Desk {
        let hasReplica = try replica.state().pulledAt != nil
        let client = hasReplica ? client.retrying(within: client.timeout) : client
        return Desk(verifier: Verifier(trustList: trustList), primary: OnlineBackend(client: client, journal: journal),
                    fallback: hasReplica ? OfflineBackend(replica: replica, journal: journal, helpKind: helpKind) : nil, primaryIsOffline: false,
                    graceDays: try replica.programme()?.graceDays ?? 0)
    }

    /// The desk of a counter working offline by choice: the replica and journal only.
    public static func offlineDesk(trustList: TrustList, replica: Replica, journal: Journal, helpKind: String? = nil) throws(CounterError) -> Desk {
        Desk(verifier: Verifier(trustList: trustList), primary: OfflineBackend(replica: replica, journal: journal, helpKind: helpKind),
             fallback: nil, primaryIsOffline: true,
             graceDays: try replica.programme()?.graceDays ?? 0)
    }

    private static func load(_ path: String) throws(CounterError) -> TrustList {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CounterError(.noTrustList, "cannot read the trust list \(path)")
        }
        do {
            return try TrustList(json: data)
        } catch {
            throw CounterError(.noTrustList, "\(path): \(error.message)")
        }
    }
}
