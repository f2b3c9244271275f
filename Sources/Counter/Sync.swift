import Foundation
import PassVerifier

/// `passnum sync` and `passnum replica pull`: the journal goes up, the feed comes down.
public struct Sync: Sendable {
    /// How one journal item ended.
    public struct Settled: Sendable, Equatable {
        public let item: Journal.Item
        public let answer: ServiceClient.OfflineAnswer
    }

    public struct Report: Sendable, Equatable {
        public var settled: [Settled] = []
        public var pulled = 0

        public init() {}

        public var accepted: [Settled] { settled.filter { if case .accepted = $0.answer { true } else { false } } }
        public var conflicts: [Settled] { settled.filter { if case .conflict = $0.answer { true } else { false } } }
        /// Accepted items whose kind of help the service did not record (not in the programme's list).
        public var helpKindsLeftOut: [Settled] {
            settled.filter { if case .accepted(_, _, nil) = $0.answer { $0.item.helpKind != nil } else { false } }
        }
    }

    let client: ServiceClient
    let journal: Journal
    let replica: Replica
    let batchSize: Int
    /// The pinned root public key the pulled trust list must be signed by (nil: none pinned).
    let root: [UInt8]?

    public init(client: ServiceClient, journal: Journal, replica: Replica, batchSize: Int = 500, root: [UInt8]? = nil) {
        precondition(batchSize >= 1)
        self.root = root
        self.client = client
        self.journal = journal
        self.replica = replica
        self.batchSize = batchSize
    }

    /// Uploads the pending journal items batch by batch, settling each item from the service's
    /// answer as soon as its batch is answered, then pulls the feed. When the service cannot be
    /// reached, the items not yet answered stay pending and the error is thrown: a later sync
    /// sends them again (and resending answered ones would change nothing on the service).
    public func run(progress: (Report) -> Void = { _ in }) async throws(CounterError) -> Report {
        var report = Report()
        let pending = try journal.pending()
        for start in stride(from: 0, to: pending.count, by: batchSize) {
            let batch = Array(pending[start..<min(start + batchSize, pending.count)])
            let answers = try await client.redeemOffline(batch.map { ($0.token, $0.scannedAt, $0.helpKind) })
            try journal.settle(zip(batch, answers).map { item, answer in
                switch answer {
                case .accepted(let at, let receipt, _):
                    (item, .accepted, at.map { "redeemed \(Self.iso($0))" } ?? "redeemed", receipt)
                case .conflict(let reason, let message, _):
                    (item, .conflict, "\(reason): \(message)", "")
                }
            })
            report.settled += zip(batch, answers).map { Settled(item: $0, answer: $1) }
            progress(report)
        }
        report.pulled = try await Self.pull(client: client, into: replica, root: root)
        return report
    }

    /// Downloads the trust list and the feed since the replica's cursor; returns the number of
    /// new entries. The list is kept only if `TrustListIntake` accepts it (signed by `root`
    /// when one is pinned), so a refused list leaves the previous one in force and nothing else
    /// is pulled. Each page is applied with its cursor in one transaction, so an interrupted
    /// pull resumes where it stopped.
    public static func pull(client: ServiceClient, into replica: Replica, root: [UInt8]? = nil) async throws(CounterError) -> Int {
        let (json, signature) = try await client.signedTrustList()
        let accepted = try TrustListIntake.accept(json: json, signature: signature, root: root, kept: try replica.trustListSignature())
        try replica.storeTrustList(accepted.json, signature: accepted.signature)
        try replica.storeProgramme(try await client.programme())
        var cursor = try replica.state().cursor
        var pulled = 0
        while true {
            let page = try await client.feed(after: cursor)
            try replica.apply(page.entries, cursor: page.next, at: Date())
            pulled += page.entries.count
            cursor = page.next
            if !page.more { break }
        }
        return pulled
    }

    static func iso(_ date: Date) -> String { date.formatted(.iso8601) }
}
