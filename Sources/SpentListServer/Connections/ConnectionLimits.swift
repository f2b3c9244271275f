import Foundation

/// What a connection may take of the service (issue 14 §1.7): a slow client or a crowd of idle
/// sockets must not hold it. `passnum serve` sets these from its options.
public struct ConnectionLimits: Sendable, Equatable {
    /// A whole request, headers and body, must arrive within this time from its first byte;
    /// else the connection is closed (408 when no request head was read yet).
    public var requestTimeout: Duration
    /// A keep-alive connection with no request is closed after this time.
    public var idleTimeout: Duration
    /// Open connections, all clients together; one more is answered 503 and closed.
    public var maxConnections: Int
    /// Open connections from one client address (IP); one more is answered 503 and closed.
    /// Behind a reverse proxy every client has the proxy's address: raise it there.
    public var maxPerAddress: Int

    public init(
        requestTimeout: Duration = .seconds(15), idleTimeout: Duration = .seconds(60),
        maxConnections: Int = 1024, maxPerAddress: Int = 128
    ) {
        self.requestTimeout = requestTimeout
        self.idleTimeout = idleTimeout
        self.maxConnections = maxConnections
        self.maxPerAddress = maxPerAddress
    }

    public static let standard = ConnectionLimits()

    /// Refused connections waiting for their 503 at one time; more are closed without an
    /// answer, so a flood cannot use the descriptors the cap protects.
    static let answeredRefusals = 64
}

/// Counts open connections by client address and decides, as each one opens, whether it is
/// served, answered 503, or closed at once.
final class ConnectionGate: @unchecked Sendable {  // `counts` is guarded by `lock`
    enum Admission: Sendable { case served, refused, dropped }

    private struct Counts {
        var open = 0
        var refusing = 0
        var byAddress: [String: Int] = [:]
    }

    let limits: ConnectionLimits
    private let lock = NSLock()
    private var counts = Counts()

    init(limits: ConnectionLimits) {
        self.limits = limits
    }

    func open(_ address: String) -> Admission {
        lock.withLock {
            if counts.open < limits.maxConnections, counts.byAddress[address, default: 0] < limits.maxPerAddress {
                counts.open += 1
                counts.byAddress[address, default: 0] += 1
                return .served
            }
            guard counts.refusing < ConnectionLimits.answeredRefusals else { return .dropped }
            counts.refusing += 1
            return .refused
        }
    }

    func close(_ address: String, _ admission: Admission) {
        lock.withLock {
            switch admission {
            case .served:
                counts.open -= 1
                let left = counts.byAddress[address, default: 1] - 1
                counts.byAddress[address] = left > 0 ? left : nil
            case .refused:
                counts.refusing -= 1
            case .dropped:
                break
            }
        }
    }

    /// Served connections now open, for the metrics.
    var openConnections: Int { lock.withLock { counts.open } }
}
