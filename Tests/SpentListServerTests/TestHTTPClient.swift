import AsyncHTTPClient

/// One HTTP client for the whole test run. A client must be shut down before it is released, or
/// its deinit stops the process: a test that threw between making its own client and shutting
/// it down took every other test down with it (seen under load). A global is never released, so
/// it needs no shutdown, as AsyncHTTPClient's own `HTTPClient.shared`.
let testHTTPClient: HTTPClient = {
    var configuration = HTTPClient.Configuration()
    // Give up connecting to a dead service after a second (the default retries for 10 s).
    configuration.timeout.connect = .seconds(1)
    // The concurrency tests open many connections to one host at once.
    configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 100
    return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
}()
