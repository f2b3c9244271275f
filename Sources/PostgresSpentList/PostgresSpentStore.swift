import Foundation
import Logging
import PostgresNIO
import SpentList

/// The spent list on PostgreSQL, for several service instances on one database: the same
/// tables, migrations and answers as `SQLiteSpentStore`. Exactly-once comes from the primary
/// key (kid, serial), as on SQLite: `INSERT … ON CONFLICT DO NOTHING`, then the winner is read.
///
/// Every writing transaction takes its feed sequence numbers from the `feed_counter` row first:
/// the row lock orders commits across instances, so feed order is commit order (the promise of
/// `FeedCursor`). It also means commits are serialised, one after the other, as on SQLite; the
/// group commit of each instance is what keeps the number of commits low.
///
/// PostgreSQL's default `synchronous_commit = on` makes a commit durable when it returns. A
/// call that cannot finish within `timeout` (a write of many items gets `timePerItem` more for
/// each) because the database is away or restarting throws `.storage`: the
/// service answers 503, never 201, and the pool reconnects by itself when the database is back.
public final class PostgresSpentStore: SpentStore {
    let client: PostgresClient
    let address: PostgresAddress
    let logger: Logger
    let timeout: Duration
    /// What each item of a write adds to `timeout`: a transaction of many items (an offline
    /// journal's 1,000 at most) takes a few round trips each, and on a busy database they can
    /// outlast a bound meant to notice a database that is away; the sync would then fail the
    /// same way at every retry.
    let timePerItem: Duration
    private let runner: Task<Void, Never>

    /// Connects once (a clear error at once when the database cannot be reached, or refuses the
    /// user or the password), migrates under an advisory lock when `access` allows it, then
    /// starts the connection pool.
    public init(
        _ address: PostgresAddress, password: String?, access: StoreAccess = .create,
        maximumConnections: Int = 16, timeout: Duration = .seconds(5), timePerItem: Duration = .milliseconds(50),
        logger: Logger = Logger(label: "passnum.postgres")
    ) async throws(SpentListError) {
        self.address = address
        self.logger = logger
        self.timeout = timeout
        self.timePerItem = timePerItem
        var quiet = logger
        quiet.logLevel = max(logger.logLevel, .critical)
        try await PostgresMigration(address: address, password: password, logger: quiet).run(access)
        var configuration = PostgresClient.Configuration(
            host: address.host, port: address.port, username: address.user, password: password, database: address.database, tls: .disable)
        configuration.options.maximumConnections = maximumConnections
        configuration.options.connectTimeout = .seconds(5)
        let client = PostgresClient(configuration: configuration, backgroundLogger: quiet)
        self.client = client
        runner = Task { await client.run() }
    }

    deinit {
        runner.cancel()
    }

    /// Closes the pool; the store answers nothing after this.
    public func close() {
        runner.cancel()
    }

    /// Runs one statement outside the contract (tests, repairs by hand).
    public func execute(_ sql: String) async throws(SpentListError) {
        try await writing("run a statement") { connection, logger in
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
        }
    }

    // MARK: Running statements

    /// One transaction on one pooled connection, bounded by `timeout` (plus `timePerItem` for
    /// each of `items` beyond the first).
    func writing<T: Sendable>(
        _ what: String, items: Int = 1, _ body: @escaping @Sendable (PostgresConnection, Logger) async throws -> T
    ) async throws(SpentListError) -> T {
        try await bounded(what, within: timeout + timePerItem * max(0, items - 1)) { [client, logger] in
            try await client.withTransaction(logger: logger) { connection in try await body(connection, logger) }
        }
    }

    /// Reads on one pooled connection (each statement sees what was committed when it started).
    func reading<T: Sendable>(_ what: String, _ body: @escaping @Sendable (PostgresConnection, Logger) async throws -> T) async throws(SpentListError) -> T {
        try await bounded(what, within: timeout) { [client, logger] in
            try await client.withConnection { connection in try await body(connection, logger) }
        }
    }

    /// Runs `body`, giving up after `limit`: the caller hears `.storage` then, whatever
    /// `body` is waiting for (a lease from a pool whose database is away, an answer on a
    /// connection that died). The work is cancelled but not waited for: a task group would
    /// wait for it, and a statement does not always stop when cancelled.
    private func bounded<T: Sendable>(_ what: String, within limit: Duration, _ body: @escaping @Sendable () async throws -> T) async throws(SpentListError) -> T {
        let outcome = await withCheckedContinuation { (continuation: CheckedContinuation<Result<T, any Error>, Never>) in
            let first = FirstAnswer(continuation)
            let work = Task {
                do { first.give(.success(try await body())) } catch { first.give(.failure(error)) }
            }
            let timer = Task {
                try await Task.sleep(for: limit)
                work.cancel()
                first.give(.failure(SpentListError(.storage, "cannot \(what): PostgreSQL did not answer within \(limit)")))
            }
            first.onAnswer { timer.cancel() }
        }
        switch outcome {
        case .success(let value): return value
        case .failure(let error): throw PostgresErrors.wrap(error, what)
        }
    }
}

/// Resumes a continuation with the first answer given; later ones are dropped.
final class FirstAnswer<T: Sendable>: @unchecked Sendable {  // `continuation` and `done` under `lock`
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Result<T, any Error>, Never>?
    private var done: (@Sendable () -> Void)?

    init(_ continuation: CheckedContinuation<Result<T, any Error>, Never>) {
        self.continuation = continuation
    }

    func give(_ result: Result<T, any Error>) {
        let (waiting, then) = lock.withLock { () -> (CheckedContinuation<Result<T, any Error>, Never>?, (@Sendable () -> Void)?) in
            defer { continuation = nil }
            return (continuation, continuation == nil ? nil : done)
        }
        waiting?.resume(returning: result)
        then?()
    }

    /// Runs `action` once the answer is given (at once if it already was).
    func onAnswer(_ action: @escaping @Sendable () -> Void) {
        let already = lock.withLock { () -> Bool in
            if continuation == nil { return true }
            done = action
            return false
        }
        if already { action() }
    }
}

/// What a command may do to the database it opens: the same three cases as a SQLite file.
public enum StoreAccess: Sendable {
    /// Creates the tables when they are not there (first start, `serve --init`).
    case create
    /// The tables must be there (a service started on the wrong database must not serve an
    /// empty list); missing migrations are applied.
    case existing
    /// The tables must be there and complete; nothing is changed.
    case readOnly
}

/// Unix milliseconds, the store's time unit (as on SQLite).
enum Millis {
    static func from(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }
    static func date(_ millis: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(millis) / 1000) }
}
