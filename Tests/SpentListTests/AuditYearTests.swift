import Conventions
import Foundation
import PassIssuer
import PassVerifier
import SpentList
import TestStores
import Testing

/// `passnum audit`'s checks on the simulated year (TestStores/SimulatedYear.swift), on every
/// store: the untouched year is clean and its figures are the ones counted by hand from the
/// rules of each batch's story; on copies of the year, a deleted redemption, an altered one, a
/// forged token and a cancelled pass paid afterwards are each named by their row.
///
/// Feed numbers, counted from the story (one per hand-over, redemption and cancellation, and
/// one per pass of an offline journal sent, taken before the service knows which are
/// conflicts: the 10 conflicts leave a gap): Métropole hand-overs 1-160, January's first passes 161-280 (carnet
/// c at 161 + c), February 281-581 (carnets 0-59's passes 2-5 from 281, four each), the
/// cancellation 582; Département hand-overs 583-682, first passes online 683-722, offline
/// 723-762 (carnet 40 + k at 723 + k), May 763-922 (carnet c's pass i at 763 + 4c + i − 1), the
/// conflicts' gap 923-932; État hand-overs 933-1132, first passes 1133-1282, November
/// 1283-1682 (carnet c's pass i at 1283 + 4c + i − 1 for c < 50).
@Suite struct AuditYearTests {
    static func audit(_ store: any SpentStore) async throws -> AuditReport {
        try await Auditor(trustList: SimulatedYear.trustList, graceDays: 0).run(try #require(store as? any AuditSource))
    }

    static func year(_ kind: StoreKind) async throws -> any SpentStore {
        guard let store = try await SimulatedYear.copy(on: kind) else { try Test.cancel(Comment(rawValue: StoreKind.postgresUnavailable ?? "")) }
        return store
    }

    /// The audit of a copy of the year after `sql` was run on it behind the store's back.
    static func audit(_ kind: StoreKind, after sql: String) async throws -> AuditReport {
        let store = try await year(kind)
        try await AuditTests.execute(sql, on: try #require(store as? any AuditSource))
        return try await audit(store)
    }

    @Test(arguments: StoreKind.allCases) func theUntouchedYearIsCleanWithItsHandCountedFigures(_ kind: StoreKind) async throws {
        let store = try await Self.year(kind)
        let report = try await Self.audit(store)
        #expect(report.isClean, "\(report.findings)")
        #expect(report.redemptions == 1211 && report.verified == 1211 && report.withoutToken == 0, "\(report.redemptions) \(report.verified)")
        #expect(report.chained == 1211 && report.lastFeedSequence == 1682 && report.revocations == 1 && report.revokedKeys.isEmpty)
        #expect(report.chainHead == Self.storyHead)
        #expect(report.totalCents == 936_000)
        // Partner of carnet c: c % 3 (PiNG, Secours, Médiathèque); 10 € passes but État's 5 €.
        #expect(report.totals.map { "\($0.month) \($0.partnerName) \($0.count) \($0.cents)" } == [
            "2026-01 Médiathèque 40 40000", "2026-01 PiNG 40 40000", "2026-01 Secours 40 40000",
            "2026-02 Médiathèque 100 100000", "2026-02 PiNG 100 100000", "2026-02 Secours 101 101000",
            "2026-04 Médiathèque 26 26000", "2026-04 PiNG 27 27000", "2026-04 Secours 27 27000",
            "2026-05 Médiathèque 52 52000", "2026-05 PiNG 56 56000", "2026-05 Secours 52 52000",
            "2026-09 Médiathèque 25 12500", "2026-09 PiNG 25 12500", "2026-09 Secours 25 12500",
            "2026-10 Médiathèque 25 12500", "2026-10 PiNG 25 12500", "2026-10 Secours 25 12500",
            "2026-11 Médiathèque 132 66000", "2026-11 PiNG 134 67000", "2026-11 Secours 134 67000",
        ])
        let byPartner = Dictionary(grouping: report.totals, by: \.partnerName).mapValues { $0.reduce(0) { $0 + $1.cents } }
        #expect(byPartner == ["PiNG": 315_000, "Secours": 312_000, "Médiathèque": 309_000])
        // The same figures as the statements, month by month (the auditor compares them too).
        for month in Set(report.totals.map(\.month)) {
            let (from, to) = try #require(Paris.month(month))
            let statement = try await store.settlement(from: from, to: to, partnerID: nil)
            let audited = report.totals.filter { $0.month == month }.sorted { $0.partnerID < $1.partnerID }
            #expect(statement.partners.sorted { $0.partnerID < $1.partnerID }.map { "\($0.partnerName) \($0.count) \($0.totalCents)" }
                == audited.map { "\($0.partnerName) \($0.count) \($0.cents)" })
        }
    }

    @Test(arguments: StoreKind.allCases) func aDeletedRedemptionIsNamedByTheRowAfterIt(_ kind: StoreKind) async throws {
        // Département carnet 0's second pass (serial 1002, feed 763), paid on 5 May.
        let report = try await Self.audit(kind, after: "DELETE FROM redemptions WHERE feed_seq = 763")
        #expect(report.findings.map(\.kind) == [.chainBreak], "\(report.findings)")
        #expect(report.findings.first?.row?.feedSequence == 764 && report.findings.first?.row?.serial == 1003)
        #expect(report.findings.first?.detail["previousFeedSequence"] == "762")
        #expect(report.redemptions == 1210 && report.totalCents == 935_000)
    }

    @Test(arguments: StoreKind.allCases) func anAlteredValueIsNamedByItsTokenAndTheChain(_ kind: StoreKind) async throws {
        // État carnet 0's second pass (serial 2, feed 1283), 5 € raised to 10 €.
        let report = try await Self.audit(kind, after: "UPDATE redemptions SET value_cents = 1000 WHERE feed_seq = 1283")
        #expect(report.findings.map(\.kind) == [.tokenMismatch, .chainBreak], "\(report.findings)")
        #expect(report.findings.map { $0.row?.feedSequence } == [1283, 1284])
        #expect(report.findings.first?.detail["tokenValueCents"] == "500" && report.findings.first?.row?.serial == 2)
    }

    @Test(arguments: StoreKind.allCases) func aRedemptionMovedToAnotherPartnerIsNamedByTheChain(_ kind: StoreKind) async throws {
        // Métropole carnet 0's first pass (serial 1, feed 161), PiNG's, moved to Secours.
        let report = try await Self.audit(kind, after: "UPDATE redemptions SET partner_id = (SELECT id FROM partners WHERE name = 'Secours') WHERE feed_seq = 161")
        #expect(report.findings.map(\.kind) == [.chainBreak], "\(report.findings)")
        #expect(report.findings.first?.row?.feedSequence == 162 && report.findings.first?.detail["previousFeedSequence"] == "161")
    }

    @Test(arguments: StoreKind.allCases) func aForgedTokenIsRefusedNamingItsRow(_ kind: StoreKind) async throws {
        // Département carnet 40's first pass (serial 1201, feed 723, offline), signed again by
        // a key that is not the programme's but claims its key id.
        let kid = SimulatedYear.keys.first.kid
        let forger = IssuerKey(seed: [UInt8](repeating: 0x66, count: 32).withUnsafeBytes { SecretBytes(copying: $0) })
        let forged = forger.sign(Payload(keyID: kid, serial: Serial(1201)!, value: Cents(1000)!, expiry: UInt32(Paris.startOfDay("2027-03-01")!.timeIntervalSince1970)))
        let report = try await Self.audit(kind, after: "UPDATE redemptions SET token = '\(forged.text)' WHERE feed_seq = 723")
        #expect(report.findings.map(\.kind) == [.tokenRefused, .chainBreak], "\(report.findings)")
        #expect(report.findings.map { $0.row?.feedSequence } == [723, 724])
        #expect(report.findings.first?.detail["reason"] == "bad_signature" && report.findings.first?.row?.serial == 1201)
    }

    @Test(arguments: StoreKind.allCases) func aCancelledPassPaidAfterTheCancellationIsNamed(_ kind: StoreKind) async throws {
        let store = try await Self.year(kind)
        let source = try #require(store as? any AuditSource)
        // Métropole carnet 150's first pass (serial 751), cancelled on 10 March (feed 582),
        // written in as paid to PiNG on 20 March by someone who also extended the chain
        // correctly: only the cancellation can tell.
        let kid = SimulatedYear.keys.first.kid
        let token = try #require(SimulatedYear.token(PassRef(kid: kid, serial: Serial(751)!))).text
        let at = Self.millis(SimulatedYear.noon(2026, 3, 20))
        let stored = try await source.auditChainHead()
        let head = try #require(stored.flatMap(ChainLink.init(hex:)))
        let link = RedemptionChain.link(after: head, kid: kid, serial: Serial(751)!, value: Cents(1000)!, redeemedAtMillis: at, partnerID: 1, token: token)
        try await AuditTests.execute("""
            INSERT INTO redemptions (kid, serial, value_cents, partner_id, redeemed_at_ms, recorded_at_ms, feed_seq, token, chain_prev)
            VALUES ('\(kid.text)', 751, 1000, 1, \(at), \(at), 1683, '\(token)', '\(head.hex)')
            """, on: source)
        try await AuditTests.execute("UPDATE feed_counter SET chain_head = '\(link.hex)' WHERE name = 'feed'", on: source)
        let report = try await Self.audit(store)
        #expect(report.findings.map(\.kind) == [.paidAfterCancellation], "\(report.findings)")
        #expect(report.findings.first?.row?.feedSequence == 1683 && report.findings.first?.detail["revocationFeedSequence"] == "582")
    }

    static let storyHead = storyChainHead()

    /// The chain's head recomputed from the story alone (SimulatedYear+Story.swift), in the
    /// order the story records its redemptions: partner of carnet c is c % 3 + 1 (PiNG,
    /// Secours, Médiathèque were added first), each pass's token is its real signed one.
    static func storyChainHead() -> ChainLink {
        let day = 86_400.0, noon = SimulatedYear.noon
        let (metropole, departement, etat) = (SimulatedYear.batches[0], SimulatedYear.batches[1], SimulatedYear.batches[2])
        let delays: [Double] = [1, 2, 3, 10]
        let story: [(PrintedBatch, Range<Int>, Range<Int>, (Int) -> Date)] = [
            (metropole, 0..<120, 0..<1, { noon(2026, 1, 15) + delays[$0 % 4] * day }),
            (metropole, 0..<60, 1..<5, { _ in noon(2026, 2, 10) }), (metropole, 60..<120, 1..<2, { _ in noon(2026, 2, 10) }),
            (metropole, 199..<200, 0..<1, { _ in noon(2026, 2, 10) }),
            (departement, 0..<80, 0..<1, { _ in noon(2026, 4, 8) }), (departement, 0..<40, 1..<5, { _ in noon(2026, 5, 5) }),
            (etat, 0..<150, 0..<1, { noon(2026, 9, 15) + ($0 < 75 ? 14 : 30) * day }),
            (etat, 0..<50, 1..<5, { _ in noon(2026, 11, 20) }), (etat, 50..<150, 1..<3, { _ in noon(2026, 11, 20) }),
        ]
        var link = ChainLink.start
        for (batch, carnets, passes, date) in story {
            for c in carnets {
                for i in passes {
                    let serial = Serial(batch.first.value + UInt64(5 * c + i))!
                    let token = SimulatedYear.token(PassRef(kid: batch.kid, serial: serial))!.text
                    link = RedemptionChain.link(
                        after: link, kid: batch.kid, serial: serial, value: batch.value, redeemedAtMillis: millis(date(c)),
                        partnerID: Int64(c % 3 + 1), token: token)
                }
            }
        }
        return link
    }

    static func millis(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970 * 1000) }
}
