@testable import SpentListServer
import Testing

/// The service's short-lived cache (partners by key hash, the programme settings): a value is
/// served until its lifetime is over, then read again; a flood of keys never grows it past its
/// limit.
@Suite struct ShortLivedCacheTests {
    @Test func aValueIsKeptForItsLifetimeThenForgotten() async throws {
        let cache = ShortLivedCache<String, Int>(lifetime: .milliseconds(200))
        #expect(cache.value(for: "a") == nil)
        cache.keep(1, for: "a")
        #expect(cache.value(for: "a") == 1 && cache.value(for: "b") == nil)
        cache.keep(2, for: "a")
        #expect(cache.value(for: "a") == 2, "kept again: the newer value")
        try await Task.sleep(for: .milliseconds(300))
        #expect(cache.value(for: "a") == nil, "older than its lifetime")
        #expect(ShortLivedCache<String, Int>().lifetime == .seconds(1), "the service's second")
    }

    @Test func pastItsLimitTheCacheStartsAgainEmpty() {
        let cache = ShortLivedCache<Int, Int>(limit: 3)
        for key in 0..<3 { cache.keep(key, for: key) }
        cache.keep(30, for: 2)
        #expect(cache.value(for: 0) == 0, "replacing a known key is not a new one")
        cache.keep(3, for: 3)
        #expect(cache.value(for: 0) == nil && cache.value(for: 3) == 3)
    }
}
