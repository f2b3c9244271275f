import AsyncHTTPClient
import Foundation
import NIOPosix
import NIOSSL
import SpentListAPI

/// How the counter's client reaches the service: HTTPS trusting the system's roots, or only a
/// private CA (`--ca-file`), and whether plain HTTP may leave this machine (`--insecure-http`).
/// AsyncHTTPClient on swift-nio-ssl, because it takes a CA from a file; Foundation's URLSession
/// on Linux cannot be told to.
public struct ServiceTransport: Sendable {
    let http: HTTPClient

    /// Trusts the system's roots.
    public static func system(timeout: TimeInterval) -> ServiceTransport {
        ServiceTransport(http: Clients.shared.client(caFile: nil, roots: nil, timeout: timeout))
    }

    /// Trusts only the certificates in `caFile` (PEM), when given; the system's roots otherwise.
    public static func trusting(caFile: String?, timeout: TimeInterval) throws(CounterError) -> ServiceTransport {
        guard let caFile else { return .system(timeout: timeout) }
        let roots: [NIOSSLCertificate]
        do {
            roots = try NIOSSLCertificate.fromPEMFile(caFile)
        } catch {
            throw CounterError(.storage, "cannot read a PEM certificate from the CA file \(caFile)", subject: caFile)
        }
        guard !roots.isEmpty else { throw CounterError(.storage, "the CA file \(caFile) holds no PEM certificate", subject: caFile) }
        return ServiceTransport(http: Clients.shared.client(caFile: caFile, roots: roots, timeout: timeout))
    }

    /// Refuses an `http://` URL to another machine unless `insecureHTTP`: the API key would
    /// cross the network in clear.
    public static func check(_ url: URL, insecureHTTP: Bool) throws(CounterError) {
        guard url.scheme == "http", !insecureHTTP, !PlainHTTP.isLoopback(url.host ?? "") else { return }
        throw CounterError(.plainHTTP, "plain HTTP to \(url.host ?? "?") would send the key and the passes unencrypted; use https:// or --insecure-http")
    }

    /// Whether `error` is a refused TLS handshake (an untrusted or wrong certificate): trying
    /// again cannot help.
    static func isTLSRefusal(_ error: any Error) -> Bool {
        error is NIOSSLError || error is BoringSSLError || error is NIOSSLExtraError
    }
}

/// The process's HTTP clients, one per CA file and timeout. They are never released, so never
/// need the shutdown AsyncHTTPClient requires before a client goes (as its own `HTTPClient.shared`).
private final class Clients: @unchecked Sendable {  // `made` is used under `lock` only
    static let shared = Clients()
    /// The clients' own event loop, apart from NIO's singleton group that a service in the same
    /// process (the tests, a future web counter) answers on: a busy server never delays the client.
    private static let loop = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private let lock = NSLock()
    private var made: [String: HTTPClient] = [:]

    func client(caFile: String?, roots: [NIOSSLCertificate]?, timeout: TimeInterval) -> HTTPClient {
        let key = "\(caFile ?? "")\u{0}\(timeout)"
        return lock.withLock {
            if let client = made[key] { return client }
            var tls = TLSConfiguration.makeClientConfiguration()
            if let roots { tls.trustRoots = .certificates(roots) }
            var configuration = HTTPClient.Configuration(tlsConfiguration: tls)
            configuration.timeout.connect = .milliseconds(Int64(timeout * 1000))
            // The ServiceClient retries with its own pauses; a refused connection is reported at
            // once instead of being retried until the connect timeout.
            configuration.connectionPool.retryConnectionEstablishment = false
            // A desk's scans, a sync's batches: never more than a few at once, but tests send hundreds.
            configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 64
            let client = HTTPClient(eventLoopGroupProvider: .shared(Self.loop), configuration: configuration)
            made[key] = client
            return client
        }
    }
}
