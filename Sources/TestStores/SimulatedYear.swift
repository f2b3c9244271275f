import Conventions
import Foundation
import PassIssuer
import PassVerifier
import SpentList

/// A programme year written into any store (issue 13, "Checks"): 3,500 passes in three funder
/// batches of two keys, three offices, three partners, hand-overs, redemptions online and
/// offline (with conflicts), kinds of help, a cancelled range and a batch that expires in June.
/// Every event follows a rule on the carnet's index, so each figure of the report can be
/// counted by hand (SimulatedYearTests writes them out). The passes are real: every
/// redemption carries the signed token of its pass (`token(_:)`, keys in `keys`), so an
/// auditor can be run on the same year (a trust list of the two keys, valid through 2027).
public enum SimulatedYear {
    public static let keys = (first: IssuerKey(seed: seed(0x51)), second: IssuerKey(seed: seed(0x52)))
    /// The report's instant: the end of 2026, Paris time.
    public static let asOf = Paris.startOfDay("2027-01-01")!
    public static let partnerNames = ["PiNG", "Secours", "Médiathèque"]
    public static let officeNames = ["CCAS Nord", "CCAS Sud", "Maison France Services"]
    static let day: TimeInterval = 86_400

    /// Métropole (key 1, serials 1-1000, 10 €, valid to 30 June 2026), Département (key 1,
    /// 1001-2000, 10 €, to 28 February 2027), État (key 2, 1-1500, 5 €, to 15 January 2027).
    public static let batches: [PrintedBatch] = [
        batch(keys.first, 1, 200, 1000, until: "2026-07-01", "Métropole 2026", printed: noon(2026, 1, 5)),
        batch(keys.first, 1001, 200, 1000, until: "2027-03-01", "Département 2026", printed: noon(2026, 3, 2)),
        batch(keys.second, 1, 300, 500, until: "2027-01-16", "État 2026", printed: noon(2026, 6, 1)),
    ]

    /// The programme's trust list for the year, as an auditor is given it: the two keys, valid
    /// from December 2025 to the end of 2027.
    public static var trustList: TrustList {
        try! TrustList(keys: [keys.first, keys.second].map { key in
            TrustList.Key(publicKey: key.publicKey, issuer: "Programme 2026", notBefore: noon(2025, 12, 1), notAfter: noon(2027, 12, 31), status: .active)
        })
    }

    /// The signed token of a pass of the year (its batch's value and expiry).
    public static func token(_ pass: PassRef) -> Token? {
        guard let batch = batches.first(where: { $0.kid == pass.kid && $0.first <= pass.serial && pass.serial <= $0.last }) else { return nil }
        let key = pass.kid == keys.first.kid ? keys.first : keys.second
        return key.sign(Payload(keyID: pass.kid, serial: pass.serial, value: batch.value, expiry: UInt32(batch.expiry.timeIntervalSince1970)))
    }

    /// Writes the year into an empty store: accounts, batches, then each batch's story.
    public static func run(on store: any SpentStore) async throws {
        var partners: [Partner] = [], offices: [Partner] = []
        for name in partnerNames { partners.append(try await store.addPartner(name: name, keyHash: APIKey(text: "pnk_\(name)").hash, at: noon(2026, 1, 2))) }
        for name in officeNames { offices.append(try await store.addPartner(name: name, keyHash: APIKey(text: "pno_\(name)").hash, at: noon(2026, 1, 2), role: .office)) }
        _ = try await store.publishBatches(batches, at: noon(2026, 6, 1))
        let year = Writer(store: store, partners: partners, offices: offices)
        try await year.metropole()
        try await year.departement()
        try await year.etat()
    }

    static func batch(_ key: IssuerKey, _ first: UInt64, _ carnets: Int, _ cents: UInt32, until: String, _ label: String, printed: Date) -> PrintedBatch {
        try! PrintedBatch(
            kid: key.kid, first: Serial(first)!, carnets: carnets, perCarnet: 5, value: Cents(cents)!,
            expiry: Paris.startOfDay(until)!, label: label, printedAt: printed)
    }

    /// Noon UTC of a day: the same day in Paris, summer or winter.
    public static func noon(_ year: Int, _ month: Int, _ day: Int) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: 12))!
    }

    static func seed(_ byte: UInt8) -> SecretBytes {
        [UInt8](repeating: byte, count: 32).withUnsafeBytes { SecretBytes(copying: $0) }
    }
}
