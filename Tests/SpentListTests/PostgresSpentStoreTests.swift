import Foundation
import PassVerifier
import PostgresSpentList
import SpentList
import TestStores
import Testing

/// What only the PostgreSQL store has: several instances on one database, migrations racing at
/// start, the location and password rules. The contract itself is in SpentStoreTests.
@Suite struct PostgresSpentStoreTests {
    /// A new database on the test server, or the test is reported as skipped.
    static func database() async throws -> PostgresAddress {
        guard let address = try await StoreKind.newDatabase() else { try Test.cancel(Comment(rawValue: StoreKind.postgresUnavailable ?? "")) }
        return address
    }

    static var password: String? { ProcessInfo.processInfo.environment["PGPASSWORD"] }

    @Test func threeInstancesStartingAtOnceMigrateOnceAndRedeemAPassOnce() async throws {
        let address = try await Self.database()
        let stores = try await withThrowingTaskGroup(of: PostgresSpentStore.self) { group in
            for _ in 0..<3 { group.addTask { try await PostgresSpentStore(address, password: Self.password, timeout: .seconds(30)) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let partner = try await stores[0].addPartner(name: "PiNG", keyHash: APIKey(text: "pnk_p").hash, at: Fixtures.now)
        let committers = stores.map { GroupCommitter(store: $0) }
        let outcomes = try await withThrowingTaskGroup(of: RedemptionOutcome.self) { group in
            for index in 0..<300 {
                group.addTask { try await committers[index % 3].redeem(Fixtures.request(UInt64(index % 10 + 1), by: partner)) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.filter { if case .redeemed = $0 { true } else { false } }.count == 10)
        #expect(try await stores[2].settlement(from: .distantPast, to: .distantFuture, partnerID: nil).count == 10)
        let feed = try await stores[1].feed(after: .start, limit: 100)
        #expect(feed.items.count == 10 && Set(feed.items.map(\.first.value)) == Set(1...10))
    }

    @Test func aReadingCommandNeverCreatesTheTablesAndServeNeedsInit() async throws {
        let address = try await Self.database()
        for access in [StoreAccess.readOnly, .existing] {
            let error = await #expect(throws: SpentListError.self) { _ = try await PostgresSpentStore(address, password: Self.password, access: access, timeout: .seconds(30)) }
            #expect(error?.code == .missing)
            #expect(error?.message.contains("--init") == true)
        }
        _ = try await PostgresSpentStore(address, password: Self.password, access: .create)
        _ = try await PostgresSpentStore(address, password: Self.password, access: .readOnly)
    }

    @Test func aDatabaseFromANewerVersionIsRefused() async throws {
        let address = try await Self.database()
        let store = try await PostgresSpentStore(address, password: Self.password, timeout: .seconds(30))
        try await store.execute("INSERT INTO passnum_migrations (identifier) VALUES ('v99: from the future')")
        let error = await #expect(throws: SpentListError.self) { _ = try await PostgresSpentStore(address, password: Self.password, timeout: .seconds(30)) }
        #expect(error?.code == .newerSchema)
    }

    @Test func aWrongPasswordOrAnAbsentServerIsAClearError() async throws {
        let address = try await Self.database()
        let wrong = await #expect(throws: SpentListError.self) { _ = try await PostgresSpentStore(address, password: "not-the-password") }
        #expect(wrong?.message.contains("password authentication failed") == true, "\(String(describing: wrong))")
        #expect(wrong?.message.contains("not-the-password") == false)
        let nowhere = PostgresAddress(user: "passnum", host: "127.0.0.1", port: 1, database: "passnum")
        let absent = await #expect(throws: SpentListError.self) { _ = try await PostgresSpentStore(nowhere, password: nil) }
        #expect(absent?.code == .storage)
        #expect(absent?.message.contains("cannot connect to the spent list postgres://passnum@127.0.0.1:1/passnum") == true)
    }

    /// A fresh-clone run at load 12 saw a 1,000-item offline journal outlast the 5 s bound and
    /// get 503, as every retry would have: the bound grows with the items written. Here the
    /// bound alone (10 ms) is far too short for 200 items of a few round trips each; with a
    /// second per item, even the loaded machine of a whole test run has time.
    @Test func aLargeOfflineJournalGetsTimeInProportion() async throws {
        let address = try await Self.database()
        let setUp = try await PostgresSpentStore(address, password: Self.password, timeout: .seconds(30))
        let ping = try await setUp.addPartner(name: "PiNG", keyHash: APIKey(text: "pnk_p").hash, at: Fixtures.now)
        let store = try await PostgresSpentStore(address, password: Self.password, access: .existing, timeout: .milliseconds(10), timePerItem: .seconds(1))
        let journal = (1...200).map { serial in
            OfflineRedemptionRequest(
                pass: Fixtures.pass(UInt64(serial)), value: Cents(1000)!, partner: ping, scannedAt: Fixtures.now - 3600, token: Fixtures.token(UInt64(serial)))
        }
        let outcomes = try await store.redeemOffline(journal)
        #expect(outcomes.filter { if case .accepted(_, true) = $0 { true } else { false } }.count == 200)
        #expect(try await setUp.settlement(from: .distantPast, to: .distantFuture, partnerID: nil).count == 200)
    }

    @Test func locationsParseAndAPasswordInTheURLIsRefused() throws {
        #expect(try StoreLocation(text: "postgres://passnum@db.example:6432/spent")
            == .postgres(PostgresAddress(user: "passnum", host: "db.example", port: 6432, database: "spent")))
        #expect(try StoreLocation(text: "postgresql://passnum@127.0.0.1/spent") == .postgres(PostgresAddress(user: "passnum", host: "127.0.0.1", database: "spent")))
        let error = #expect(throws: SpentListError.self) { try StoreLocation(text: "postgres://passnum:hunter2@127.0.0.1/spent") }
        #expect(error?.code == .badLocation)
        #expect(error?.message.contains("hunter2") == false)
        #expect(error?.message.contains("PGPASSWORD") == true)
        for bad in ["postgres://127.0.0.1/spent", "postgres://passnum@127.0.0.1", "postgres://passnum@127.0.0.1/spent?sslmode=disable", "postgres://passnum@127.0.0.1:99999/x"] {
            #expect(throws: SpentListError.self, "\(bad)") { try StoreLocation(text: bad) }
        }
    }

    @Test func thePasswordComesFromItsFileBeforePGPASSWORD() async throws {
        let file = Fixtures.temporaryPath("password")
        try "from-the-file\nignored\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try StoreLocation.password(file: file, environment: ["PGPASSWORD": "from-env"]) == "from-the-file")
        #expect(try StoreLocation.password(file: nil, environment: ["PGPASSWORD": "from-env"]) == "from-env")
        #expect(throws: SpentListError.self) { try StoreLocation.password(file: file + ".missing", environment: [:]) }
    }
}

/// `make test` runs every PostgreSQL case: it starts the server itself (scripts/with-postgres.sh)
/// and says so with PASSNUM_MAKE_TEST, so a CI run that lost the server fails here instead of
/// silently skipping half the suite.
@Suite struct TwoStoreRunTests {
    @Test func underMakeTestThePostgreSQLServerIsThere() {
        guard ProcessInfo.processInfo.environment["PASSNUM_MAKE_TEST"] == "1" else { return }
        #expect(StoreKind.postgresUnavailable == nil, "make test must run the PostgreSQL cases")
    }
}
