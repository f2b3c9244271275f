import Foundation

/// Values remembered for a short while, so the hot path does not read the database for every
/// request: active partners by key hash (`Authenticator`), the programme settings (`Service`).
/// A change made by another process (`passnum partners disable`, `passnum programme set`)
/// applies at most `lifetime` later.
final class ShortLivedCache<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    let lifetime: Duration
    /// Past this many keys the cache starts again empty: a flood of keys never grows it.
    private let limit: Int
    // Guarded by `lock`.
    private let lock = NSLock()
    private var entries: [Key: (Value, ContinuousClock.Instant)] = [:]

    init(lifetime: Duration = .seconds(1), limit: Int = 10_000) {
        (self.lifetime, self.limit) = (lifetime, limit)
    }

    /// The value kept for `key`, or nil when there is none or it is older than `lifetime`.
    func value(for key: Key) -> Value? {
        let now = ContinuousClock.now
        return lock.withLock {
            guard let (value, expiry) = entries[key] else { return nil }
            guard now < expiry else {
                entries[key] = nil
                return nil
            }
            return value
        }
    }

    func keep(_ value: Value, for key: Key) {
        let expiry = ContinuousClock.now + lifetime
        lock.withLock {
            if entries.count >= limit, entries[key] == nil { entries.removeAll() }
            entries[key] = (value, expiry)
        }
    }
}
