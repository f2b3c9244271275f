import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SpentListServer
import Testing

/// Issue 14 §1.8: refused keys are counted and logged per client address (never the key), and
/// an address that keeps failing is paused with a 429 and Retry-After, while a genuine key from
/// another address is served as before.
@Suite struct KeyGuessingTests {
    static func request(_ key: String) -> String {
        "GET /v1/passes/\(ServiceFixture.active.kid.text)/1 HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \(key)\r\n\r\n"
    }

    @Test func anAddressThatKeepsFailingIsPausedAndAnotherIsServed() async throws {
        let log = CollectedLog()
        let fixture = try await ServiceFixture(
            logger: Logger(label: "passnum.test") { _ in log },
            keyGuessing: KeyGuessingLimits(maxFailures: 3, window: .seconds(600), pause: .seconds(600)))
        let app = fixture.service.buildApplication(host: "127.0.0.1", port: 0)
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let answers = await RawSocket.run { () -> [String] in
                guard let socket = RawSocket(port: port, from: "127.0.0.3") else { return [] }
                let guesses = (1...3).map { "pnk_guess-\($0)" } + [fixture.pingKey, "pnk_guess-4"]
                return guesses.map { key in
                    socket.send(Self.request(key))
                    return socket.readAnswer()
                }
            }
            try #require(answers.count == 5)
            #expect(answers[0..<3].allSatisfy { $0.hasPrefix("HTTP/1.1 401") }, "\(answers)")
            // Paused: even the genuine key waits, so guessing gains nothing from the answers.
            for answer in answers[3...] {
                #expect(answer.hasPrefix("HTTP/1.1 429") && answer.contains(#""error":"too_many_failures""#), "\(answer)")
                let retryAfter = answer.split(separator: "\r\n").first { $0.lowercased().hasPrefix("retry-after:") }
                let seconds = retryAfter.flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) }
                #expect(seconds.map { (1...600).contains($0) } == true, "\(answer)")
            }

            let (status, _, _) = try await client.call(.get, "/v1/passes/\(ServiceFixture.active.kid.text)/1", key: fixture.pingKey)
            #expect(status == .ok, "a genuine key from another address")
            let metrics = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
            #expect(metrics.contains("passnum_refused_keys_total 3"), "\(metrics)")
            #expect(metrics.contains("passnum_paused_addresses_total 1"))
            #expect(metrics.contains("passnum_paused_requests_total 2"))
        }
        let refused = log.lines.filter { $0.message == "refused key" }
        #expect(refused.count == 3 && refused.allSatisfy { $0.metadata["address"] == "127.0.0.3" })
        #expect(refused.allSatisfy { $0.metadata["keyHash"]?.count == 6 })
        #expect(log.lines.contains { $0.level == .error && $0.message.contains("paused") && $0.metadata["address"] == "127.0.0.3" })
        #expect(!log.lines.contains { $0.text.contains("pnk_") }, "a key was logged")
    }

    /// Failures spread over more than the window never pause anyone: a partner that mistypes
    /// its key now and then is not locked out.
    @Test func failuresOutsideTheWindowDoNotAddUp() async throws {
        let fixture = try await ServiceFixture(keyGuessing: KeyGuessingLimits(maxFailures: 2, window: .milliseconds(200), pause: .seconds(600)))
        try await Application(router: fixture.service.buildRouter()).test(.router) { client in
            for _ in 0..<3 {
                let (status, _, _) = try await client.call(.get, "/v1/passes/\(ServiceFixture.active.kid.text)/1", key: "pnk_wrong")
                #expect(status == .unauthorized)
                try await Task.sleep(for: .milliseconds(300))
            }
            let (status, _, _) = try await client.call(.get, "/v1/passes/\(ServiceFixture.active.kid.text)/1", key: fixture.pingKey)
            #expect(status == .ok)
        }
    }
}
