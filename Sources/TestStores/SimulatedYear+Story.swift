import Foundation
import PassVerifier
import SpentList

extension SimulatedYear {
    /// Each batch's story, carnet by carnet (index c from 0). Partner of carnet c: c % 3.
    struct Writer {
        let store: any SpentStore
        let partners: [Partner]
        let offices: [Partner]

        /// Métropole: carnets 0-159 handed out on 15 January (even: CCAS Nord, odd: CCAS Sud);
        /// 0-119 first used 1, 2, 3 or 10 days later (c % 4) with a kind of help; on 10
        /// February 0-59 used their 4 other passes and 60-119 one more; carnet 199, never handed
        /// out, one pass; 150-159 cancelled on 10 March; the batch expires on 1 July.
        func metropole() async throws {
            let batch = SimulatedYear.batches[0]
            try await handOut(batch, 0..<160, at: noon(2026, 1, 15)) { $0 % 2 == 0 ? 0 : 1 }
            let delays: [Double] = [1, 2, 3, 10], kinds = ["mailbox", "cv", "online_forms", "device_setup"]
            try await redeem(batch, 0..<120, passes: 0..<1) { c in noon(2026, 1, 15) + delays[c % 4] * day }
            for c in 0..<120 {
                _ = try await store.recordHelp(pass(batch, c, 0), partnerID: partner(c).id, kind: kinds[c % 4])
            }
            try await redeem(batch, 0..<60, passes: 1..<5) { _ in noon(2026, 2, 10) }
            try await redeem(batch, 60..<120, passes: 1..<2) { _ in noon(2026, 2, 10) }
            try await redeem(batch, 199..<200, passes: 0..<1) { _ in noon(2026, 2, 10) }
            _ = try await store.revoke(try Revocation(
                kid: batch.kid, first: pass(batch, 150, 0).serial, last: pass(batch, 159, 4).serial,
                reason: "carnets volés au bureau", revokedAt: noon(2026, 3, 10)))
        }

        /// Département: carnets 0-99 handed out on 1 April (0-49 CCAS Nord, 50-99 Maison France
        /// Services); first used on 8 April, 0-39 online, 40-79 offline (kind "other"); 0-39
        /// used their 4 other passes on 5 May; the last pass of 0-9 scanned again offline on 6
        /// May by the next partner: 10 conflicts.
        func departement() async throws {
            let batch = SimulatedYear.batches[1]
            try await handOut(batch, 0..<100, at: noon(2026, 4, 1)) { $0 < 50 ? 0 : 2 }
            try await redeem(batch, 0..<40, passes: 0..<1) { _ in noon(2026, 4, 8) }
            _ = try await store.redeemOffline((40..<80).map { c in
                OfflineRedemptionRequest(
                    pass: pass(batch, c, 0), value: batch.value, partner: partner(c), scannedAt: noon(2026, 4, 8), token: token(pass(batch, c, 0)),
                    helpKind: "other")
            })
            try await redeem(batch, 0..<40, passes: 1..<5) { _ in noon(2026, 5, 5) }
            _ = try await store.redeemOffline((0..<10).map { c in
                OfflineRedemptionRequest(
                    pass: pass(batch, c, 4), value: batch.value, partner: partner(c + 1), scannedAt: noon(2026, 5, 6), token: token(pass(batch, c, 4)))
            })
        }

        /// État: carnets 0-199 handed out on 15 September (0-99 CCAS Sud, 100-199 Maison France
        /// Services); 0-74 first used 14 days later, 75-149 30 days later; on 20 November 0-49
        /// used their 4 other passes and 50-149 two more. Valid to 15 January 2027.
        func etat() async throws {
            let batch = SimulatedYear.batches[2]
            try await handOut(batch, 0..<200, at: noon(2026, 9, 15)) { $0 < 100 ? 1 : 2 }
            try await redeem(batch, 0..<150, passes: 0..<1) { c in noon(2026, 9, 15) + (c < 75 ? 14 : 30) * day }
            try await redeem(batch, 0..<50, passes: 1..<5) { _ in noon(2026, 11, 20) }
            try await redeem(batch, 50..<150, passes: 1..<3) { _ in noon(2026, 11, 20) }
        }

        func pass(_ batch: PrintedBatch, _ carnet: Int, _ index: Int) -> PassRef {
            PassRef(kid: batch.kid, serial: Serial(batch.carnetFirsts[carnet] + UInt64(index))!)
        }

        func partner(_ carnet: Int) -> Partner { partners[carnet % 3] }

        /// The pass's signed token, as a counter scans it (kept with the redemption for audits).
        func token(_ pass: PassRef) -> String { SimulatedYear.token(pass)!.text }

        func handOut(_ batch: PrintedBatch, _ carnets: Range<Int>, at date: Date, office: (Int) -> Int) async throws {
            for c in carnets {
                _ = try await store.recordHandout(
                    kid: batch.kid, first: pass(batch, c, 0).serial, last: pass(batch, c, 4).serial, office: offices[office(c)], at: date)
            }
        }

        /// Online redemptions of passes `passes` of carnets `carnets`, by each carnet's partner.
        func redeem(_ batch: PrintedBatch, _ carnets: Range<Int>, passes: Range<Int>, at date: (Int) -> Date) async throws {
            let requests = carnets.flatMap { c in
                passes.map { index in
                    let pass = pass(batch, c, index)
                    return RedemptionRequest(pass: pass, value: batch.value, partner: partner(c), redeemedAt: date(c), token: token(pass))
                }
            }
            _ = try await store.redeem(requests)
        }
    }
}
