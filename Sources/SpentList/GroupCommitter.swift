import Foundation

/// Group commit: concurrent redemptions wait together and go to the store as one batch, one
/// transaction, one fsync. While a batch commits, the next one gathers, so the batch size
/// follows the load by itself: 1 when idle, up to `maxBatch` under pressure.
///
/// Nobody hears "redeemed" before the commit that holds their redemption returned: each caller
/// is resumed with its own outcome only after `SpentStore.redeem` returned for the whole batch.
/// If the commit fails, every caller in the batch gets the error and nothing was recorded
/// (a damaged row is the exception: see `commit`).
/// Exactly-once does not depend on this class: it comes from the store's unique key, so it holds
/// with several processes (or service instances) each running their own committer.
public final class GroupCommitter: @unchecked Sendable {
    private typealias Waiter = CheckedContinuation<Result<RedemptionOutcome, SpentListError>, Never>

    public let store: any SpentStore
    public let maxBatch: Int
    /// Told each batch's size and how long its commit took (the store metrics); one clock
    /// reading pair per batch, not per redemption.
    private let observe: (@Sendable (_ size: Int, _ commit: Duration) -> Void)?
    // Guarded by `lock`: the requests waiting for the next batch, and whether a drain runs.
    private let lock = NSLock()
    private var waiting: [(RedemptionRequest, Waiter)] = []
    private var draining = false
    private var batchSizes = BatchSizeStatistics()

    public init(store: any SpentStore, maxBatch: Int = 512, observe: (@Sendable (_ size: Int, _ commit: Duration) -> Void)? = nil) {
        precondition(maxBatch >= 1)
        self.store = store
        self.maxBatch = maxBatch
        self.observe = observe
    }

    /// Redeems one pass; returns once its batch is durable.
    public func redeem(_ request: RedemptionRequest) async throws(SpentListError) -> RedemptionOutcome {
        let result = await withCheckedContinuation { (waiter: Waiter) in
            let startDrain = lock.withLock {
                waiting.append((request, waiter))
                if draining { return false }
                draining = true
                return true
            }
            // An unstructured task on purpose: a client that goes away must not cancel a batch
            // that carries other clients' redemptions.
            if startDrain { Task(priority: .high) { await self.drain() } }
        }
        return try result.get()
    }

    /// Batches committed so far and their mean size, for metrics and the benchmark.
    public var statistics: BatchSizeStatistics { lock.withLock { batchSizes } }

    /// Redemptions waiting for the next batch (the one committing not included).
    public var pending: Int { lock.withLock { waiting.count } }

    private func drain() async {
        while let batch = nextBatch() {
            let started = ContinuousClock.now
            let results = await commit(batch.map(\.0))
            observe?(batch.count, ContinuousClock.now - started)
            for (index, (_, waiter)) in batch.enumerated() {
                waiter.resume(returning: results[index])
            }
        }
    }

    /// One transaction for the batch. A damaged row fails the transaction that read it, and
    /// nothing of it was recorded: the requests are then committed one by one, so only the one
    /// that touches the damaged row gets the error and the others are answered.
    private func commit(_ requests: [RedemptionRequest]) async -> [Result<RedemptionOutcome, SpentListError>] {
        do {
            return try await store.redeem(requests).map { .success($0) }
        } catch where error.code == .corruptRow && requests.count > 1 {
            var results: [Result<RedemptionOutcome, SpentListError>] = []
            for request in requests {
                do {
                    results.append(.success(try await store.redeem([request])[0]))
                } catch {
                    results.append(.failure(error))
                }
            }
            return results
        } catch {
            return Array(repeating: .failure(error), count: requests.count)
        }
    }

    private func nextBatch() -> [(RedemptionRequest, Waiter)]? {
        lock.withLock {
            guard !waiting.isEmpty else {
                draining = false
                return nil
            }
            let batch = Array(waiting.prefix(maxBatch))
            waiting.removeFirst(batch.count)
            batchSizes.record(batch.count)
            return batch
        }
    }
}

public struct BatchSizeStatistics: Sendable, Equatable {
    public private(set) var batches = 0
    public private(set) var redemptions = 0
    public private(set) var largest = 0

    mutating func record(_ size: Int) {
        batches += 1
        redemptions += size
        largest = max(largest, size)
    }

    public var mean: Double { batches == 0 ? 0 : Double(redemptions) / Double(batches) }
}
