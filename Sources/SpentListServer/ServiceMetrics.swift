import Prometheus
import SpentList

/// The service's Prometheus metrics, in a registry of its own (no global bootstrap, so tests can
/// run several services in one process).
public final class ServiceMetrics: Sendable {
    public enum Outcome: String, Sendable, CaseIterable {
        case redeemed, alreadySpent = "already_spent", revoked, rejected, badRequest = "bad_request"
        case unauthorized, error
    }

    public let registry = PrometheusCollectorRegistry()
    private let outcomes: [Outcome: Counter]
    private let latency: DurationHistogram
    private let batches: Gauge
    private let batchedRedemptions: Gauge
    private let damagedRows: Counter
    private let refusedKeys: Counter
    private let pausedAddresses: Counter
    private let pausedRequests: Counter
    private let commitLatency: DurationHistogram
    private let pendingRedemptions: Gauge
    private let ready: Gauge

    public init() {
        let descriptor = MetricNameDescriptor(
            namespace: "passnum", metricName: "redemptions", unitName: "total",
            helpText: "Redemption requests by outcome.")
        var outcomes: [Outcome: Counter] = [:]
        for outcome in Outcome.allCases {
            outcomes[outcome] = registry.makeCounter(descriptor: descriptor, labels: [("outcome", outcome.rawValue)])
        }
        self.outcomes = outcomes
        latency = registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(
                namespace: "passnum", metricName: "redemption_duration", unitName: "seconds",
                helpText: "Time to answer POST /v1/redemptions, commit included."),
            labels: [],
            buckets: [1, 2, 5, 10, 25, 50, 100, 250, 1000].map { Duration.milliseconds($0) })
        batches = registry.makeGauge(descriptor: MetricNameDescriptor(
            namespace: "passnum", metricName: "commit_batches", unitName: "total",
            helpText: "Group-commit transactions since start."))
        batchedRedemptions = registry.makeGauge(descriptor: MetricNameDescriptor(
            namespace: "passnum", metricName: "commit_batched_requests", unitName: "total",
            helpText: "Redemption requests carried by those transactions."))
        damagedRows = Self.counter(registry, "damaged_rows", "Requests refused (503) because a row of the spent list cannot be read back: alert on any.")
        refusedKeys = Self.counter(registry, "refused_keys", "Requests refused (401) for a missing or wrong API key; the log names each address.")
        pausedAddresses = Self.counter(registry, "paused_addresses", "Times a client address was paused for repeated refused keys: alert on any.")
        pausedRequests = Self.counter(registry, "paused_requests", "Requests answered 429 because their address is paused.")
        commitLatency = registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(
                namespace: "passnum", metricName: "store_commit_duration", unitName: "seconds",
                helpText: "Time of each group-commit transaction in the spent list, fsync included."),
            labels: [],
            buckets: [0.25, 0.5, 1, 2, 5, 10, 25, 50, 100, 250, 1000].map { Duration.microseconds(Int64($0 * 1000)) })
        pendingRedemptions = registry.makeGauge(descriptor: MetricNameDescriptor(
            namespace: "passnum", metricName: "store_pending_redemptions",
            helpText: "Redemptions waiting for the next group commit, at the time of the scrape."))
        ready = registry.makeGauge(descriptor: MetricNameDescriptor(
            namespace: "passnum", metricName: "store_ready",
            helpText: "1 when the last /readyz check found the spent list readable and writable, 0 when not."))
    }

    func recordCommit(_ duration: Duration) {
        commitLatency.record(duration)
    }

    func recordReadiness(_ isReady: Bool) {
        ready.set(Int64(isReady ? 1 : 0))
    }

    /// A counter `passnum_<name>_total`.
    private static func counter(_ registry: PrometheusCollectorRegistry, _ name: String, _ help: String) -> Counter {
        registry.makeCounter(descriptor: MetricNameDescriptor(namespace: "passnum", metricName: name, unitName: "total", helpText: help))
    }

    func recordRefusedKey() { refusedKeys.increment() }
    func recordPausedAddress() { pausedAddresses.increment() }
    func recordPausedRequest() { pausedRequests.increment() }

    func recordDamagedRow() {
        damagedRows.increment()
    }

    func record(_ outcome: Outcome, after duration: Duration) {
        outcomes[outcome]!.increment()
        latency.record(duration)
    }

    func text(batchStatistics: BatchSizeStatistics, pending: Int) -> String {
        pendingRedemptions.set(Double(pending))
        batches.set(Double(batchStatistics.batches))
        batchedRedemptions.set(Double(batchStatistics.redemptions))
        let text = registry.emitToString()
        return text.hasSuffix("\n") ? text : text + "\n"
    }
}
