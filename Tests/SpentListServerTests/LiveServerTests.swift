import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import PassVerifier
import SpentList
import SpentListServer
import TestStores
import Testing

@Suite struct LiveServerTests {
    /// 500 requests for one pass over many connections: exactly one 201, 499 409s.
    @Test(arguments: StoreKind.allCases) func fiveHundredConcurrentRedemptionsOfOnePassOverManyConnections(_ kind: StoreKind) async throws {
        let fixture = try await ServiceFixture(kind)
        let token = ServiceFixture.token(77)
        let app = fixture.service.buildApplication(host: "127.0.0.1", port: 0)
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let http = testHTTPClient
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for _ in 0..<500 {
                    group.addTask { try await redeem(http, port: port, key: fixture.pingKey, token: token, timeout: .seconds(60)) }
                }
                return try await group.reduce(into: [UInt]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 201 }.count == 1)
            #expect(statuses.filter { $0 == 409 }.count == 499)
        }
        let settlement = try await fixture.store.settlement(from: .distantPast, to: .distantFuture, partnerID: nil)
        #expect(settlement.count == 1)
    }
}
