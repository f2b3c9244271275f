import Foundation
import GRDB
import PassVerifier
import SpentList
import Testing

@Suite struct SQLiteSpentStoreTests {
    let store: SQLiteSpentStore
    let ping: Partner
    let secours: Partner

    init() async throws {
        (store, ping, secours) = try await Fixtures.storeWithPartners()
    }

    @Test func aRevocationNeedsAnOrderedRangeAndAReason() throws {
        #expect(throws: SpentListError.self) {
            try Revocation(kid: Fixtures.issuer.kid, first: Serial(5)!, last: Serial(4)!, reason: "x", revokedAt: Fixtures.now)
        }
        #expect(throws: SpentListError.self) {
            try Revocation(kid: Fixtures.issuer.kid, first: Serial(5)!, last: Serial(5)!, reason: "  ", revokedAt: Fixtures.now)
        }
    }

    @Test func cursorsAreDigitsOnly() {
        #expect(FeedCursor(text: "42")?.sequence == 42)
        for bad in ["", "-1", "4x", "1e3", "99999999999999999999"] {
            #expect(FeedCursor(text: bad) == nil, "\(bad)")
        }
    }

    @Test func dataSurvivesReopeningAndMigrationsAreNotRunTwice() async throws {
        _ = try await store.redeem([Fixtures.request(9, by: ping)])
        let reopened = try SQLiteSpentStore(path: store.path)
        #expect(try await reopened.state(of: Fixtures.pass(9)) == .spent(at: Fixtures.now))
        #expect(try await reopened.partners().count == 2)
    }

    @Test func aStoreFromANewerVersionIsRefused() throws {
        let queue = try DatabaseQueue(path: store.path)
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99: from the future')") }
        let error = #expect(throws: SpentListError.self) { _ = try SQLiteSpentStore(path: store.path) }
        #expect(error?.code == .newerSchema)
    }

    @Test func theDatabaseIsInWALModeWithFullSynchronousCommits() throws {
        let queue = try DatabaseQueue(path: store.path)
        #expect(try queue.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
        // FULL (2): the WAL is synced at every commit, so a 201 survives a power cut.
        #expect(try store.writerSynchronousSetting() == 2)
    }

    @Test func storeLocationsParse() throws {
        #expect(try StoreLocation(text: "sqlite:spent.sqlite") == .sqlite(path: "spent.sqlite"))
        #expect(try StoreLocation(text: "some/file.sqlite") == .sqlite(path: "some/file.sqlite"))
        #expect(throws: SpentListError.self) { try StoreLocation(text: "sqlite:") }
        #expect(throws: SpentListError.self) { try StoreLocation(text: "postgres://localhost/spent") }
    }
}
