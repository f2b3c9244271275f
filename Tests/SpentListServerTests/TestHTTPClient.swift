import AsyncHTTPClient

// The test run's HTTP clients. A client must be shut down before it is released, or its deinit
// stops the process: a test that threw between making its own client and shutting it down took
// every other test down with it (seen under load). A global is never released, so it needs no
// shutdown, as AsyncHTTPClient's own `HTTPClient.shared`.

/// For many concurrent requests to one host (the concurrency tests).
let testHTTPClient: HTTPClient = {
    var configuration = HTTPClient.Configuration()
    configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 100
    // The connect timeout also bounds the wait for a pooled connection: 500 requests queued on
    // 100 connections waited more than the default 10 s on a loaded machine.
    configuration.timeout.connect = .seconds(60)
    return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
}()

/// Gives up connecting to a dead service after a second (the default waits 10 s), for the tests
/// that kill a service under load. The connect timeout also bounds the wait for a pooled
/// connection, so this one is not for hundreds of requests at once.
let quickHTTPClient: HTTPClient = {
    var configuration = HTTPClient.Configuration()
    configuration.timeout.connect = .seconds(1)
    return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
}()
