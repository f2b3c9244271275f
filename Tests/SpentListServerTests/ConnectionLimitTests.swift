import Foundation
import Hummingbird
import HummingbirdTesting
import SpentListServer
import Testing

/// Issue 14 §1.7: a request must arrive whole within a bound, and connections are capped in all
/// and per client address, with a JSON 503 rather than a hang. Outcomes are asserted, with
/// generous upper limits, never exact times: the suite runs on a loaded machine.
@Suite struct ConnectionLimitTests {
    static let healthz = "GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n"

    /// A live service with `limits`; its test client already holds one connection from 127.0.0.1.
    func live(_ limits: ConnectionLimits, _ body: @escaping @Sendable (ServiceFixture, Int) async throws -> Void) async throws {
        let fixture = try await ServiceFixture()
        let app = fixture.service.buildApplication(host: "127.0.0.1", port: 0, limits: limits)
        try await app.test(.live) { client in
            _ = try await client.execute(uri: "/healthz", method: .get)
            try await body(fixture, try #require(client.port))
        }
    }

    /// Sends `head`, then one byte every 0.1 s (at most `count`) until the service closes the
    /// connection: how many bytes went, whether it was closed, and what it answered.
    static func dribble(port: Int, head: String, count: Int) async -> (sent: Int, closed: Bool, answer: String) {
        await RawSocket.run {
            guard let socket = RawSocket(port: port), socket.send(head) else { return (0, false, "") }
            var answer: [UInt8] = []
            for sent in 0..<count {
                if socket.closedByService(into: &answer) || !socket.send("x") {
                    return (sent, true, String(decoding: answer, as: UTF8.self))
                }
                usleep(100_000)
            }
            return (count, false, String(decoding: answer, as: UTF8.self))
        }
    }

    @Test func aDribbledBodyIsCutOffWithinTheBound() async throws {
        try await live(ConnectionLimits(requestTimeout: .milliseconds(500))) { fixture, port in
            let head = "POST /v1/redemptions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \(fixture.pingKey)\r\n"
                + "Content-Type: application/json\r\nContent-Length: 300\r\n\r\n"
            let (sent, closed, _) = await Self.dribble(port: port, head: head, count: 300)
            // 300 bytes take 30 s; the bound is 0.5 s. 150 bytes (15 s) leaves room for a loaded machine.
            #expect(closed && sent < 150, "closed: \(closed) after \(sent) bytes")
        }
    }

    @Test func aDribbledHeadIsAJSON408() async throws {
        try await live(ConnectionLimits(requestTimeout: .milliseconds(500))) { _, port in
            let (sent, closed, answer) = await Self.dribble(port: port, head: "GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: ", count: 300)
            #expect(closed && sent < 150, "closed: \(closed) after \(sent) bytes")
            #expect(answer.hasPrefix("HTTP/1.1 408"), "\(answer)")
            #expect(answer.contains(#""error":"request_timeout""#), "\(answer)")
        }
    }

    /// A request sent whole is not cut, however long the connection lives: the bound is per request.
    @Test func requestsSentWholeAreServedOnALongConnection() async throws {
        try await live(ConnectionLimits(requestTimeout: .milliseconds(500))) { _, port in
            let answers = await RawSocket.run { () -> [String] in
                guard let socket = RawSocket(port: port) else { return [] }
                return (0..<3).map { _ in
                    socket.send(Self.healthz)
                    let answer = socket.readAnswer()
                    usleep(700_000)
                    return answer
                }
            }
            #expect(answers.count == 3 && answers.allSatisfy { $0.hasPrefix("HTTP/1.1 200") }, "\(answers)")
        }
    }

    /// Two connections held from 127.0.0.3 (the cap); a third from there is a JSON 503, while
    /// another address is served, and once the two close 127.0.0.3 is served again.
    @Test func onePerAddressTooManyIsAJSON503() async throws {
        try await live(ConnectionLimits(maxPerAddress: 2)) { _, port in
            let (held, refused, other) = await RawSocket.run { () -> ([String], String, String) in
                let sockets = (0..<2).compactMap { _ in RawSocket(port: port, from: "127.0.0.3") }
                let held = sockets.map { socket in
                    socket.send(Self.healthz)
                    return socket.readAnswer()
                }
                let refused = RawSocket(port: port, from: "127.0.0.3").map { socket in
                    socket.send(Self.healthz)
                    return socket.readToEnd()
                }
                let other = RawSocket(port: port, from: "127.0.0.2").map { socket in
                    socket.send(Self.healthz)
                    return socket.readAnswer()
                }
                return (held, refused ?? "", other ?? "")
            }
            #expect(held.count == 2 && held.allSatisfy { $0.hasPrefix("HTTP/1.1 200") }, "\(held)")
            #expect(refused.hasPrefix("HTTP/1.1 503"), "\(refused)")
            #expect(refused.contains(#""error":"too_many_connections""#), "\(refused)")
            #expect(other.hasPrefix("HTTP/1.1 200"), "\(other)")
            #expect(await Self.servedSoon(port: port, from: "127.0.0.3"), "the address was not served again after its connections closed")
        }
    }

    /// The total cap counts every address: the test client and two held connections fill three.
    @Test func oneTooManyInAllIsAJSON503() async throws {
        try await live(ConnectionLimits(maxConnections: 3)) { _, port in
            let refused = await RawSocket.run { () -> String in
                let sockets = (0..<2).compactMap { _ in RawSocket(port: port, from: "127.0.0.3") }
                for socket in sockets {
                    socket.send(Self.healthz)
                    _ = socket.readAnswer()
                }
                guard let extra = RawSocket(port: port, from: "127.0.0.2") else { return "" }
                extra.send(Self.healthz)
                return extra.readToEnd()
            }
            #expect(refused.hasPrefix("HTTP/1.1 503") && refused.contains(#""error":"too_many_connections""#), "\(refused)")
            #expect(await Self.servedSoon(port: port, from: "127.0.0.2"))
        }
    }

    /// A new connection from `source` gets a 200 within 10 s (the service counts a connection
    /// closed a moment after the client closes it).
    static func servedSoon(port: Int, from source: String) async -> Bool {
        await RawSocket.run {
            for _ in 0..<100 {
                if let socket = RawSocket(port: port, from: source), socket.send(healthz), socket.readAnswer().hasPrefix("HTTP/1.1 200") {
                    return true
                }
                usleep(100_000)
            }
            return false
        }
    }
}
