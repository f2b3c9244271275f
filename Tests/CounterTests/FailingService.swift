import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization

/// A service that is up but failing: every request gets a 503 and is counted, so a test can say
/// how often the counter tried, instead of timing it (times drift on a loaded machine).
final class FailingService: Sendable {
    private let count = Mutex(0)

    /// Requests received so far.
    var requests: Int { count.withLock { $0 } }

    /// Runs `body` with the service listening; `body` gets the service's base URL.
    func live<T: Sendable>(_ body: @escaping @Sendable (URL) async throws -> T) async throws -> T {
        let router = Router()
        router.add(middleware: AnswerUnavailable { self.count.withLock { $0 += 1 } })
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        return try await app.test(.live) { client in
            try await body(URL(string: "http://127.0.0.1:\(client.port!)/")!)
        }
    }
}

/// Answers 503 to every request, matched by a route or not.
private struct AnswerUnavailable<Context: RequestContext>: RouterMiddleware {
    let counted: @Sendable () -> Void

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        counted()
        return Response(status: .serviceUnavailable)
    }
}
