import Foundation
import Hummingbird
import SpentList
import SpentListAPI

/// `GET /readyz`: whether this instance can take redemptions now, for load balancers and
/// orchestrators. `/healthz` says the process runs; this one asks the store for a write
/// transaction and answers 503 with the reason (`storage`) when it cannot have one in time.
enum Readiness {
    /// A store slower than this is not ready: the probe itself must never hang.
    static let limit: Duration = .seconds(2)
}

extension Service {
    func readiness(withBody: Bool) async -> Response {
        let problem = await Self.problem(of: store, within: Readiness.limit)
        metrics.recordReadiness(problem == nil)
        guard let problem else {
            return withBody ? jsonResponse(API.Health(), status: .ok) : Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"])
        }
        logger.warning("not ready", metadata: ["problem": "\(problem)"])
        let response = ServiceError(.serviceUnavailable, .storage, "not ready: \(problem)").response()
        return withBody ? response : Response(status: response.status, headers: response.headers)
    }

    /// The store's readiness check, or a timeout: the check runs in a task of its own so that
    /// a store stuck in I/O cannot hold the answer.
    static func problem(of store: any SpentStore, within limit: Duration) async -> String? {
        let answer = FirstAnswer()
        return await withCheckedContinuation { (continuation: CheckedContinuation<String?, Never>) in
            answer.waiter = continuation
            Task {
                do throws(SpentListError) {
                    try await store.checkReady()
                    answer.give(nil)
                } catch {
                    answer.give("the spent list cannot be read or written: \(error.message)")
                }
            }
            Task {
                try? await Task.sleep(for: limit)
                answer.give("the spent list did not answer within \(limit)")
            }
        }
    }
}

/// Resumes its waiter once, with the first answer given.
private final class FirstAnswer: @unchecked Sendable {  // `waiter` is used under `lock` only
    private let lock = NSLock()
    var waiter: CheckedContinuation<String?, Never>? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
    private var stored: CheckedContinuation<String?, Never>?

    func give(_ answer: String?) {
        let waiter = lock.withLock { () -> CheckedContinuation<String?, Never>? in
            defer { stored = nil }
            return stored
        }
        waiter?.resume(returning: answer)
    }
}
