import Foundation
import PassVerifier
import SpentList
import TestStores
import SpentListAPI
import Testing

@Suite struct GroupCommitterTests {
    @Test(arguments: StoreKind.allCases) func fiveHundredConcurrentRedemptionsOfOnePassGiveExactlyOneSuccess(_ kind: StoreKind) async throws {
        let store = try await Fixtures.store(kind)
        let partner = try await store.addPartner(name: "PiNG", keyHash: APIKey(text: "pnk_p").hash, at: Fixtures.now)
        let committer = GroupCommitter(store: store)
        let outcomes = try await withThrowingTaskGroup(of: RedemptionOutcome.self) { group in
            for _ in 0..<500 {
                group.addTask { try await committer.redeem(Fixtures.request(42, by: partner)) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let redeemed = outcomes.filter { if case .redeemed = $0 { true } else { false } }
        #expect(redeemed.count == 1)
        #expect(outcomes.filter { $0.firstRedeemedAt == Fixtures.now }.count == 499)
        #expect(committer.statistics.redemptions == 500)
    }

    /// Two stores (two connection pools, as two service processes would have) on one file:
    /// the unique key, not the committer, keeps a pass to one redemption.
    @Test func twoWritersOnOneFileStillRedeemAPassOnce() async throws {
        let first = try Fixtures.temporaryStore()
        let second = try SQLiteSpentStore(path: first.path)
        let partner = try await first.addPartner(name: "PiNG", keyHash: APIKey(text: "pnk_p").hash, at: Fixtures.now)
        let committers = [GroupCommitter(store: first), GroupCommitter(store: second)]
        let outcomes = try await withThrowingTaskGroup(of: RedemptionOutcome.self) { group in
            for index in 0..<200 {
                group.addTask { try await committers[index % 2].redeem(Fixtures.request(9, by: partner)) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.filter { if case .redeemed = $0 { true } else { false } }.count == 1)
        #expect(committers.allSatisfy { $0.statistics.redemptions == 100 })
    }

    @Test(arguments: StoreKind.allCases) func concurrentDistinctRedemptionsAreAllRecorded(_ kind: StoreKind) async throws {
        let store = try await Fixtures.store(kind)
        let partner = try await store.addPartner(name: "PiNG", keyHash: APIKey(text: "pnk_p").hash, at: Fixtures.now)
        let committer = GroupCommitter(store: store, maxBatch: 16)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for serial in 1...300 {
                group.addTask {
                    let outcome = try await committer.redeem(Fixtures.request(UInt64(serial), by: partner))
                    guard case .redeemed = outcome else { throw SpentListError(.storage, "serial \(serial): \(outcome)") }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await store.settlement(from: .distantPast, to: .distantFuture, partnerID: nil).count == 300)
        #expect(committer.statistics.largest <= 16)
    }

    /// A store whose commits fail: every caller of the batch hears the failure, none hears success.
    @Test func aFailedCommitFailsEveryRequestOfItsBatch() async throws {
        struct FailingStore: SpentStore {
            func redeem(_ batch: [RedemptionRequest]) async throws(SpentListError) -> [RedemptionOutcome] {
                throw SpentListError(.storage, "disk full")
            }
            func redeemOffline(_ batch: [OfflineRedemptionRequest]) async throws(SpentListError) -> [OfflineOutcome] { [] }
            func conflicts(from: Date, to: Date, partnerID: Int64?) async throws(SpentListError) -> [Conflict] { [] }
            func state(of pass: PassRef) async throws(SpentListError) -> PassState { .unspent }
            func revoke(_ revocation: Revocation) async throws(SpentListError) -> Bool { false }
            func feed(after cursor: FeedCursor, limit: Int) async throws(SpentListError) -> FeedPage { FeedPage(items: [], next: cursor, more: false) }
            func addPartner(name: String, keyHash: APIKeyHash, at date: Date, role: AccountRole) async throws(SpentListError) -> Partner { fatalError() }
            func recordHandout(kid: KeyID, first: Serial, last: Serial, office: Partner, at date: Date) async throws(SpentListError) -> HandoutOutcome { fatalError() }
            func handout(of pass: PassRef) async throws(SpentListError) -> Handout? { nil }
            func recordHelp(_ pass: PassRef, partnerID: Int64, kind: String) async throws(SpentListError) -> Bool { false }
            func programme() async throws(SpentListError) -> API.Programme { .standard }
            func setProgramme(_ settings: API.Programme) async throws(SpentListError) {}
            func partners() async throws(SpentListError) -> [Partner] { [] }
            func disablePartner(name: String, at date: Date) async throws(SpentListError) -> Bool { false }
            func enablePartner(name: String) async throws(SpentListError) -> Bool { false }
            func replacePartnerKey(name: String, keyHash: APIKeyHash) async throws(SpentListError) -> Partner { fatalError() }
            func partner(keyHash: APIKeyHash) async throws(SpentListError) -> Partner? { nil }
            func setAdminKey(_ keyHash: APIKeyHash, at date: Date) async throws(SpentListError) {}
            func adminKeyHash() async throws(SpentListError) -> APIKeyHash? { nil }
            func settlement(from: Date, to: Date, partnerID: Int64?) async throws(SpentListError) -> Settlement {
                Settlement(from: from, to: to, partners: [])
            }
            func publishBatches(_ batches: [PrintedBatch], at date: Date) async throws(SpentListError) -> Int { 0 }
            func printedBatches() async throws(SpentListError) -> [PrintedBatch] { [] }
            func handouts() async throws(SpentListError) -> [Handout] { [] }
            func revocations() async throws(SpentListError) -> [Revocation] { [] }
            func helpGiven(from: Date, to: Date) async throws(SpentListError) -> [HelpTotal] { [] }
        }
        let committer = GroupCommitter(store: FailingStore())
        let partner = Partner(id: 1, name: "PiNG", createdAt: Fixtures.now, disabledAt: nil)
        let failures = await withTaskGroup(of: Bool.self) { group in
            for serial in 1...20 {
                group.addTask {
                    do {
                        _ = try await committer.redeem(Fixtures.request(UInt64(serial), by: partner))
                        return false
                    } catch {
                        return (error as? SpentListError)?.code == .storage
                    }
                }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(failures == 20)
    }
}
