import Foundation
import PassIssuer
import PassVerifier
import Testing

struct LedgerTests {
    let kid = KeyID(text: "0a0b0c0d")!
    let value = Cents(1000)!

    /// Allocates for a key, registering it first as `keys generate` does.
    func allocate(_ ledger: Ledger, carnets: Int, kid: KeyID? = nil) throws -> Batch {
        try ledger.register(kid ?? self.kid)
        return try ledger.allocate(kid: kid ?? self.kid, carnets: carnets, perCarnet: 5, value: value, expiry: 2_000_000_000, label: "CCAS", at: Date())
    }

    @Test func serialsFollowOnAndAreKeptPerKey() throws {
        let ledger = try Ledger(path: temporaryFolder() + "/ledger.sqlite")
        let first = try allocate(ledger, carnets: 2)
        let second = try allocate(ledger, carnets: 1)
        let other = try allocate(ledger, carnets: 1, kid: KeyID(text: "ffffffff")!)
        #expect((first.firstSerial, first.lastSerial) == (1, 10))
        #expect((second.firstSerial, second.lastSerial) == (11, 15))
        #expect(other.firstSerial == 1)
        #expect(try ledger.batches().map(\.id) == [first.id, second.id, other.id])
    }

    /// A run killed after reserving never gets its serials back: the next run starts after them.
    @Test func anInterruptedBatchKeepsItsSerials() throws {
        let path = temporaryFolder() + "/ledger.sqlite"
        let interrupted = try allocate(try Ledger(path: path), carnets: 3)
        let reopened = try Ledger(path: path)
        let next = try allocate(reopened, carnets: 1)
        #expect(next.firstSerial == interrupted.lastSerial + 1)
        #expect(try reopened.batches().first?.status == .allocated)
        try reopened.markCompleted(next)
        #expect(try reopened.batches().last?.status == .completed)
    }

    @Test func concurrentAllocationsNeverOverlap() async throws {
        let path = temporaryFolder() + "/ledger.sqlite"
        let batches = try await withThrowingTaskGroup(of: Batch.self) { group in
            for _ in 0..<16 {
                group.addTask { try self.allocate(try Ledger(path: path), carnets: 3) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let serials = batches.flatMap { Array($0.firstSerial...$0.lastSerial) }
        #expect(serials.count == 16 * 15)
        #expect(Set(serials).count == serials.count)
        #expect(serials.max() == 240)
    }

    /// Serials are reserved only for a key the ledger knows; registering again keeps them.
    @Test func onlyARegisteredKeyGetsSerials() throws {
        let ledger = try Ledger(path: temporaryFolder() + "/ledger.sqlite")
        let error = issuerError { _ = try ledger.allocate(kid: kid, carnets: 1, perCarnet: 5, value: value, expiry: 2_000_000_000, label: "", at: Date()) }
        #expect(error?.code == .keyNotInLedger)
        #expect(try ledger.batches().isEmpty && !ledger.knows(kid))
        let first = try allocate(ledger, carnets: 1)
        try ledger.register(kid)
        #expect(try allocate(ledger, carnets: 1).firstSerial == first.lastSerial + 1)
    }

    @Test func openingWithoutCreatingRefusesAMissingFile() {
        let path = temporaryFolder() + "/ledger.sqlite"
        #expect(issuerError { _ = try Ledger(path: path, access: .existing) }?.code == .ledger)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func refusesAnUnreadableLedger() throws {
        let path = temporaryFolder() + "/ledger.sqlite"
        try Data("this is not a database, just some text that is long enough".utf8).write(to: URL(fileURLWithPath: path))
        let error = issuerError { _ = try Ledger(path: path) }
        #expect(error?.code == .ledger)
    }
}
