import Conventions
import Foundation
import PassVerifier
import SpentList
import SpentListAPI
import TestStores
import Testing

/// The simulated year (TestStores/SimulatedYear.swift) on every store: each figure below was
/// counted by hand from the rules written on each batch's story, not read from the code.
@Suite struct SimulatedYearTests {
    static func q(_ count: Int, _ q1: Double, _ median: Double, _ q3: Double) -> API.Quartiles {
        API.Quartiles(count: count, q1: q1, median: median, q3: q3)
    }

    /// printed, carnets, handed out, first used, all used, used not handed out, passes used,
    /// expired unused, cancelled unused, days to first use.
    static func f(
        _ printed: Int, _ carnets: Int, _ handed: Int, _ first: Int, _ all: Int, _ notHanded: Int, _ used: Int, _ expired: Int,
        _ cancelled: Int, _ days: API.Quartiles = API.Quartiles()
    ) -> API.Funnel {
        API.Funnel(
            passesPrinted: printed, carnetsPrinted: carnets, carnetsHandedOut: handed, carnetsFirstUsed: first, carnetsAllUsed: all,
            carnetsUsedNotHandedOut: notHanded, passesUsed: used, passesExpiredUnused: expired, passesCancelledUnused: cancelled,
            firstUseDays: days)
    }

    /// The year is written once per kind of store and each test reads a copy of it (the audit
    /// tests read the same), so the suite writes two years instead of eight.
    static func year(_ kind: StoreKind) async throws -> (any SpentStore, API.Report) {
        guard let store = try await SimulatedYear.copy(on: kind) else { try Test.cancel(Comment(rawValue: StoreKind.postgresUnavailable ?? "")) }
        return (store, try await store.report(asOf: SimulatedYear.asOf))
    }

    @Test(arguments: StoreKind.allCases) func theFunnelOfEachBatchAndOfficeIsTheHandCountedOne(_ kind: StoreKind) async throws {
        let (_, report) = try await Self.year(kind)
        // Delays, days: 1, 2, 3, 10 (30 carnets each), 7 (80), 14 (75), 30 (75).
        #expect(report.total == Self.f(3500, 700, 460, 351, 150, 1, 1211, 529, 50, Self.q(350, 3, 10, 14)))
        let batches = Dictionary(uniqueKeysWithValues: report.batches.map { ($0.label, $0) })
        let metropole = try #require(batches["Métropole 2026"])
        #expect(metropole.funnel == Self.f(1000, 200, 160, 121, 60, 1, 421, 529, 50, Self.q(120, 1.8, 2.5, 4.8)))
        #expect(metropole.lastValidDay == "2026-06-30" && metropole.expired && metropole.unusedValueCents == 529_000)
        let departement = try #require(batches["Département 2026"])
        #expect(departement.funnel == Self.f(1000, 200, 100, 80, 40, 0, 240, 0, 0, Self.q(80, 7, 7, 7)))
        #expect(departement.lastValidDay == "2027-02-28" && !departement.expired && departement.unusedValueCents == 0)
        let etat = try #require(batches["État 2026"])
        #expect(etat.funnel == Self.f(1500, 300, 200, 150, 50, 0, 550, 0, 0, Self.q(150, 14, 22, 30)))
        #expect(etat.lastValidDay == "2027-01-15" && etat.valueCents == 500 && etat.firstSerial == 1 && etat.lastSerial == 1500)
        #expect(report.offices == [
            API.OfficeFigures(office: "CCAS Nord", funnel: Self.f(650, 130, 130, 110, 70, 0, 420, 165, 25, Self.q(110, 1, 3, 7))),
            API.OfficeFigures(office: "CCAS Sud", funnel: Self.f(900, 180, 180, 160, 80, 0, 610, 165, 25, Self.q(160, 10, 14, 14))),
            API.OfficeFigures(office: "Maison France Services", funnel: Self.f(750, 150, 150, 80, 0, 0, 180, 0, 0, Self.q(80, 7, 30, 30))),
        ])
    }

    @Test(arguments: StoreKind.allCases) func eachMonthHasItsEventsMoneyAndSettlement(_ kind: StoreKind) async throws {
        let (store, report) = try await Self.year(kind)
        #expect(report.months.map(\.month) == (1...12).map { String(format: "2026-%02d", $0) })
        #expect(report.months.map(\.funnel) == [
            Self.f(1000, 200, 160, 120, 0, 0, 120, 0, 0, Self.q(120, 1.8, 2.5, 4.8)), Self.f(0, 0, 0, 1, 60, 1, 301, 0, 0),
            Self.f(1000, 200, 0, 0, 0, 0, 0, 0, 50), Self.f(0, 0, 100, 80, 0, 0, 80, 0, 0, Self.q(80, 7, 7, 7)),
            Self.f(0, 0, 0, 0, 40, 0, 160, 0, 0), Self.f(1500, 300, 0, 0, 0, 0, 0, 529, 0), Self.f(0, 0, 0, 0, 0, 0, 0, 0, 0),
            Self.f(0, 0, 0, 0, 0, 0, 0, 0, 0), Self.f(0, 0, 200, 75, 0, 0, 75, 0, 0, Self.q(75, 14, 14, 14)),
            Self.f(0, 0, 0, 75, 0, 0, 75, 0, 0, Self.q(75, 30, 30, 30)), Self.f(0, 0, 0, 0, 50, 0, 400, 0, 0), Self.f(0, 0, 0, 0, 0, 0, 0, 0, 0),
        ])
        #expect(report.months.map(\.redemptions) == [120, 301, 0, 80, 160, 0, 0, 0, 75, 75, 400, 0])
        #expect(report.months.map(\.redeemedCents) == [120_000, 301_000, 0, 80_000, 160_000, 0, 0, 0, 37_500, 37_500, 200_000, 0])
        #expect(report.months.map(\.conflicts) == [0, 0, 0, 0, 10, 0, 0, 0, 0, 0, 0, 0])
        // Valid, unused, not cancelled at each month's end: Métropole ends with June.
        #expect(report.months.map(\.liabilityCents) == [
            880_000, 579_000, 1_529_000, 1_449_000, 1_289_000, 1_510_000, 1_510_000, 1_510_000, 1_472_500, 1_435_000, 1_235_000, 1_235_000,
        ])
        let figure = { (name: String, count: Int, cents: Int64) in API.Figure(name: name, count: count, valueCents: cents) }
        #expect(report.months[0].partners == [figure("Médiathèque", 40, 40_000), figure("PiNG", 40, 40_000), figure("Secours", 40, 40_000)])
        #expect(report.months[0].helpKinds == [
            figure("cv", 30, 30_000), figure("device_setup", 30, 30_000), figure("mailbox", 30, 30_000), figure("online_forms", 30, 30_000),
        ])
        #expect(report.months[1].helpKinds == [figure("none", 301, 301_000)])
        #expect(report.months[3].helpKinds == [figure("other", 40, 40_000), figure("none", 40, 40_000)])
        // What each partner is owed is the settlement's figure, month by month.
        for month in report.months {
            let (from, to) = try #require(Paris.month(month.month))
            let settlement = try await store.settlement(from: from, to: min(to, SimulatedYear.asOf), partnerID: nil)
            #expect(month.partners == settlement.partners.map { figure($0.partnerName, $0.count, $0.totalCents) })
        }
    }

    @Test(arguments: StoreKind.allCases) func officesAreToldWhichCarnetsExpireWithinThirtyDays(_ kind: StoreKind) async throws {
        let (_, report) = try await Self.year(kind)
        #expect(report.expiringSoon.map(\.office) == ["CCAS Sud", "Maison France Services"])
        #expect(report.expiringSoon.map(\.carnets.count) == [50, 100])
        #expect(report.expiringSoon.map { $0.carnets.reduce(0) { $0 + $1.passesLeft } } == [100, 350])
        let first = try #require(report.expiringSoon.first?.carnets.first)
        let kid = SimulatedYear.keys.second.kid
        #expect(first == API.ExpiringCarnet(
            carnet: "000251", firstPass: PassNumber(keyID: kid, serial: Serial(251)!).text, kid: kid.text, firstSerial: 251,
            passesLeft: 2, lastValidDay: "2027-01-15"))
        #expect(report.expiringSoon.allSatisfy { $0.carnets.allSatisfy { $0.lastValidDay == "2027-01-15" } })
    }

    @Test func theYearsPassesAreRealSignedTokens() throws {
        let pass = PassRef(kid: SimulatedYear.keys.second.kid, serial: Serial(251)!)
        let token = try #require(SimulatedYear.token(pass))
        #expect(token.payload.value == Cents(500)! && token.payload.serial == pass.serial)
        #expect(SimulatedYear.token(PassRef(kid: SimulatedYear.keys.second.kid, serial: Serial(1501)!)) == nil)
    }
}
