import Foundation
import PassVerifier
@testable import SpentList
import SpentListAPI
import TestStores
import Testing

/// Published batches and a small report, the same on every store (the simulated year is in
/// SimulatedYearTests).
@Suite struct ReportStoreTests {
    /// 2027-01-01 00:00 in Paris: the expiry signed in the batch below.
    static let newYear = Date(timeIntervalSince1970: 1_798_758_000)
    static let day: TimeInterval = 86_400

    static func batch(first: UInt64 = 1, carnets: Int = 2, label: String = "Métropole 2026", printed: Date = Fixtures.now - 10 * day) throws -> PrintedBatch {
        try PrintedBatch(
            kid: Fixtures.issuer.kid, first: Serial(first)!, carnets: carnets, perCarnet: 5, value: Cents(1000)!,
            expiry: newYear, label: label, printedAt: printed)
    }

    @Test(arguments: StoreKind.allCases) func batchesArePublishedOnceAndNeverTwoAtOnce(_ kind: StoreKind) async throws {
        let store = try await Fixtures.store(kind)
        #expect(try await store.publishBatches([try Self.batch(), try Self.batch(first: 11, label: "État")], at: Fixtures.now) == 2)
        #expect(try await store.publishBatches([try Self.batch(), try Self.batch(first: 21, carnets: 1)], at: Fixtures.now) == 1)
        #expect(try await store.publishBatches([try Self.batch()], at: Fixtures.now) == 0)
        // Serials 6…15 belong to the first two batches: refused, and nothing of the request is kept.
        await #expect(throws: SpentListError.self) {
            try await store.publishBatches([try Self.batch(first: 31, carnets: 1), try Self.batch(first: 6, label: "Autre")], at: Fixtures.now)
        }
        await #expect(throws: SpentListError.self) {
            try await store.publishBatches([try Self.batch(first: 41, carnets: 1), try Self.batch(first: 43, carnets: 1)], at: Fixtures.now)
        }
        let batches = try await store.printedBatches()
        #expect(batches.map(\.first.value) == [1, 11, 21])
        #expect(batches[0] == (try Self.batch()) && batches[1].label == "État" && batches[2].last.value == 25)
        #expect(throws: SpentListError.self) { try Self.batch(label: " ") }
    }

    /// Two carnets: the first handed out and started three days later, the second used without
    /// a hand-over, one pass of it cancelled.
    static func smallProgramme(_ kind: StoreKind) async throws -> any SpentStore {
        let (store, ping, secours) = try await Fixtures.storeWithPartners(kind)
        let office = try await store.addPartner(name: "CCAS Nord", keyHash: APIKey(text: "pno_nord").hash, at: Fixtures.now, role: .office)
        _ = try await store.publishBatches([try batch()], at: Fixtures.now)
        _ = try await store.recordHandout(kid: Fixtures.issuer.kid, first: Serial(1)!, last: Serial(5)!, office: office, at: Fixtures.now - 5 * day)
        _ = try await store.redeem([
            Fixtures.request(1, by: ping, at: Fixtures.now - 2 * day), Fixtures.request(2, by: ping, at: Fixtures.now - 2 * day),
            Fixtures.request(6, by: secours, at: Fixtures.now - day),
        ])
        #expect(try await store.recordHelp(Fixtures.pass(1), partnerID: ping.id, kind: "cv"))
        _ = try await store.revoke(try Revocation(kid: Fixtures.issuer.kid, first: Serial(10)!, last: Serial(10)!, reason: "perdu", revokedAt: Fixtures.now - day))
        return store
    }

    @Test(arguments: StoreKind.allCases) func aSmallProgrammeIsCountedFigureByFigure(_ kind: StoreKind) async throws {
        let store = try await Self.smallProgramme(kind)
        let report = try await store.report(asOf: Fixtures.now)
        let funnel = API.Funnel(
            passesPrinted: 10, carnetsPrinted: 2, carnetsHandedOut: 1, carnetsFirstUsed: 2, carnetsAllUsed: 0, carnetsUsedNotHandedOut: 1,
            passesUsed: 3, passesExpiredUnused: 0, passesCancelledUnused: 1, firstUseDays: API.Quartiles(count: 1, q1: 3, median: 3, q3: 3))
        #expect(report.total == funnel)
        #expect(report.batches.map(\.funnel) == [funnel])
        #expect(report.batches.first?.lastValidDay == "2026-12-31" && report.batches.first?.expired == false)
        #expect(report.offices.map(\.office) == ["CCAS Nord"])
        #expect(report.offices.first?.funnel.passesPrinted == 5 && report.offices.first?.funnel.carnetsFirstUsed == 1)
        #expect(report.months.map(\.month) == ["2026-11"])
        let november = try #require(report.months.first)
        #expect(november.funnel == funnel)
        #expect(november.partners == [API.Figure(name: "PiNG", count: 2, valueCents: 2000), API.Figure(name: "Secours", count: 1, valueCents: 1000)])
        #expect(november.helpKinds == [API.Figure(name: "cv", count: 1, valueCents: 1000), API.Figure(name: "none", count: 2, valueCents: 2000)])
        #expect(november.redemptions == 3 && november.redeemedCents == 3000 && november.liabilityCents == 6000)
        #expect(report.expiringSoon.isEmpty)
        let csv = SpreadsheetCSV.report(report)
        #expect(csv.hasPrefix("\u{FEFF}Rubrique;Objet;Mois;Indicateur;Valeur\r\n"))
        #expect(csv.contains("\r\nMois;PiNG;2026-11;Dû au partenaire (€);20,00\r\n") && csv.contains("\r\nMois;;2026-11;Engagement restant en fin de mois (€);60,00\r\n"))
        #expect(csv.contains("\r\nLot;Métropole 2026;;Délai entre la remise et le premier usage, médiane (jours);3,0\r\n"))
        // Each month costs reads: a date centuries away is refused, not served slowly.
        await #expect(throws: SpentListError.self) { try await store.report(asOf: Date(timeIntervalSince1970: 5_000_000_000)) }
        await #expect(throws: SpentListError.self) { try await store.report(asOf: Date(timeIntervalSince1970: -1)) }
    }

    /// Each pass takes the earliest revocation covering it before the limit, however wide.
    @Test func eachPassIsCancelledByTheEarliestRevocationCoveringIt() throws {
        let kid = Fixtures.issuer.kid, now = Fixtures.now
        let revocation = { (first: UInt64, last: UInt64, at: Date) in
            try Revocation(kid: kid, first: Serial(first)!, last: Serial(last)!, reason: "perdu", revokedAt: at)
        }
        let revocations = [
            try revocation(1, 1_000_000, now), try revocation(3, 4, now - Self.day), try revocation(9, 20, now - 2 * Self.day),
            try revocation(1, 2, now + Self.day),
        ]
        let cancelled = ReportCarnet.cancellations(of: try Self.batch(), by: revocations, before: now + 60)
        #expect(cancelled == [now, now, now - Self.day, now - Self.day, now, now, now, now, now - 2 * Self.day, now - 2 * Self.day])
        #expect(ReportCarnet.cancellations(of: try Self.batch(first: 21), by: revocations, before: now) == Array(repeating: nil, count: 10))
    }

    /// A report follows every printed pass: past 500,000 it is refused, not served slowly.
    @Test(arguments: StoreKind.allCases) func aReportFollowsAtMostHalfAMillionPasses(_ kind: StoreKind) async throws {
        let store = try await Fixtures.store(kind)
        #expect(throws: SpentListError.self) { try Self.batch(carnets: 100_001) }
        _ = try await store.publishBatches([try Self.batch(carnets: 100_000), try Self.batch(first: 500_001, carnets: 1)], at: Fixtures.now)
        await #expect(throws: SpentListError.self) { try await store.report(asOf: Fixtures.now) }
    }

    @Test(arguments: StoreKind.allCases) func remindersComeThirtyDaysAheadAndTheUnusedValueAtExpiry(_ kind: StoreKind) async throws {
        let store = try await Self.smallProgramme(kind)
        let december = try await store.report(asOf: Self.newYear - 20 * Self.day)
        #expect(december.expiringSoon == [API.OfficeExpiring(office: "CCAS Nord", carnets: [
            API.ExpiringCarnet(carnet: "000001", firstPass: PassNumber(keyID: Fixtures.issuer.kid, serial: Serial(1)!).text,
                               kid: Fixtures.issuer.kid.text, firstSerial: 1, passesLeft: 3, lastValidDay: "2026-12-31"),
        ])])
        let january = try await store.report(asOf: Self.newYear + 4 * Self.day)
        #expect(january.expiringSoon.isEmpty)
        #expect(january.batches.first?.expired == true && january.batches.first?.unusedValueCents == 6000)
        #expect(january.months.map(\.month) == ["2026-11", "2026-12", "2027-01"])
        #expect(january.months.map(\.funnel.passesExpiredUnused) == [0, 6, 0])
        #expect(january.months.map(\.liabilityCents) == [6000, 0, 0])
        // A grace period of 10 days moves the expiry: still valid on 5 January, and reminded.
        try await store.setProgramme(API.Programme(requireHandout: false, helpKinds: ["cv"], graceDays: 10))
        let graced = try await store.report(asOf: Self.newYear + 4 * Self.day)
        #expect(graced.batches.first?.expired == false && graced.batches.first?.lastValidDay == "2027-01-10")
        #expect(graced.expiringSoon.first?.carnets.first?.lastValidDay == "2027-01-10")
        #expect(graced.months.last?.liabilityCents == 6000)
    }

    /// In the spreadsheet, a time to first use is a figure only once a carnet handed out was
    /// used: before that its cells are empty, not "0,0" days; a reminder keeps the ISO day.
    @Test func theSpreadsheetLeavesTheTimeToFirstUseEmptyUntilThereIsOne() async throws {
        let store = try await Self.smallProgramme(.sqlite)
        let report = try await store.report(asOf: Self.newYear - 20 * Self.day)
        let csv = SpreadsheetCSV.report(report)
        #expect(csv.contains("\r\nTotal;;;Délai entre la remise et le premier usage, médiane (jours);3,0\r\n"))
        let empty = SpreadsheetCSV.report(try await Fixtures.store(.sqlite).report(asOf: Fixtures.now))
        #expect(empty.contains("\r\nTotal;;;Carnets remis puis utilisés (base du délai);0\r\n"))
        for figure in ["1er quartile", "médiane", "3e quartile"] {
            #expect(empty.contains("\r\nTotal;;;Délai entre la remise et le premier usage, \(figure) (jours);\r\n"), "\(empty)")
        }
        #expect(csv.contains("\r\nÀ relancer;CCAS Nord;;Carnet n° 000001 (premier pass \(PassNumber(keyID: Fixtures.issuer.kid, serial: Serial(1)!).text)), pass restants valables jusqu'au 2026-12-31;3\r\n"), "\(csv)")
    }
}
