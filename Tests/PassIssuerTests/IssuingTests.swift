import Foundation
import PassIssuer
import PassVerifier
import Testing

struct IssuingTests {
    @Test(arguments: [("10", 1000), ("10.00", 1000), ("10,5", 1050), ("0.01", 1), (" 7.25 ", 725), ("42949672.95", 4_294_967_295)])
    func parsesEuros(_ text: String, _ cents: UInt32) throws {
        #expect(try IssuingRequest.cents(fromEuros: text).value == cents)
    }

    @Test(arguments: ["0", "0.00", "-1", "abc", "10.001", "10.", ".5", "1e3", "", "42949672.96", "99999999999999999999"])
    func refusesBadAmounts(_ text: String) {
        #expect(issuerError { _ = try IssuingRequest.cents(fromEuros: text) }?.code == .invalidRequest)
    }

    /// The end of the day in Paris: 23:00 UTC in winter, 22:00 UTC in summer.
    @Test(arguments: [("2027-12-31", "2027-12-31T23:00:00Z"), ("2027-06-30", "2027-06-30T22:00:00Z"), ("2028-02-29", "2028-02-29T23:00:00Z")])
    func expiryIsTheEndOfTheDayInParis(_ day: String, _ instant: String) throws {
        #expect(try IssuingRequest.expiry(fromDay: day) == UInt32(date(instant).timeIntervalSince1970))
    }

    @Test(arguments: ["2027-02-30", "2027-13-01", "31/12/2027", "2027-1-1", "tomorrow", "2200-01-01"])
    func refusesBadDays(_ text: String) {
        #expect(issuerError { _ = try IssuingRequest.expiry(fromDay: text) }?.code == .invalidRequest)
    }

    struct Setup {
        let key = IssuerKey.generate()
        let ledger = try! Ledger(path: temporaryFolder() + "/ledger.sqlite")

        init() { try! ledger.register(key.kid) }

        func issuer(status: TrustList.Status = .active, notAfter: String = "2030-12-31T23:59:59Z", trusted: Bool = true) -> Issuer {
            let entries = trusted ? [TrustList.Key(publicKey: key.publicKey, issuer: "Test", notBefore: date("2026-01-01T00:00:00Z"), notAfter: date(notAfter), status: status)] : []
            return Issuer(key: key, trustList: try! TrustList(keys: entries), ledger: ledger)
        }

        func request(carnets: Int = 2, expiry: String = "2027-12-31") throws -> IssuingRequest {
            try IssuingRequest(carnets: carnets, perCarnet: 5, value: Cents(1000)!, expiry: IssuingRequest.expiry(fromDay: expiry), label: "CCAS")
        }
    }

    @Test func issuesTokensThatVerifyWithConsecutiveSerials() throws {
        let setup = Setup()
        let issuer = setup.issuer()
        let now = date("2026-11-27T10:00:00Z")
        var tokens: [Token] = []
        let batch = try issuer.issue(setup.request(carnets: 300), at: now) { tokens = $1 }
        #expect(tokens.count == 1500)
        let verifier = Verifier(trustList: issuer.trustList)
        let serials = try tokens.map { try verifier.verify(text: $0.text, at: now).serial.value }
        #expect(serials == Array(1...1500))
        #expect(batch.lastSerial == 1500)
        let next = try issuer.issue(setup.request(carnets: 1), at: now) { _, _ in }
        #expect(next.firstSerial == 1501)
    }

    @Test func refusesUnusableKeysAndSignsNothing() throws {
        let setup = Setup()
        let now = date("2026-11-27T10:00:00Z")
        let cases: [(Issuer, IssuingRequest, IssuerError.Code)] = [
            (setup.issuer(status: .revoked), try setup.request(), .keyUnusable),
            (setup.issuer(trusted: false), try setup.request(), .keyUnusable),
            (setup.issuer(notAfter: "2026-06-01T00:00:00Z"), try setup.request(), .keyUnusable),
            (setup.issuer(), try setup.request(expiry: "2026-11-01"), .invalidRequest),
            (setup.issuer(notAfter: "2027-06-01T00:00:00Z"), try setup.request(expiry: "2027-12-31"), .invalidRequest),
        ]
        for (issuer, request, code) in cases {
            #expect(issuerError { try issuer.issue(request, at: now) { _, _ in Issue.record("nothing is signed") } }?.code == code)
        }
        #expect(try setup.ledger.batches().isEmpty, "no serial was reserved")
    }

    /// The issuer runs the batch to its end: completed once the writer returned, left
    /// `allocated` (interrupted) when it threw, and the next batch never reuses its serials.
    @Test func aBatchIsCompletedOnlyOnceItsTokensAreWritten() throws {
        struct DiskFull: Error {}
        let setup = Setup()
        let issuer = setup.issuer()
        let now = date("2026-11-27T10:00:00Z")
        #expect(throws: DiskFull.self) { try issuer.issue(setup.request(carnets: 1), at: now) { _, _ in throw DiskFull() } }
        let written = try issuer.issue(setup.request(carnets: 1), at: now) { batch, tokens in
            #expect(tokens.count == 5 && tokens.first?.payload.serial.value == batch.firstSerial)
        }
        #expect(try setup.ledger.batches().map(\.status) == [.allocated, .completed])
        #expect(written.firstSerial == 6)
    }

    /// A ledger that never saw the key (an empty file from another folder) signs nothing.
    @Test func aLedgerThatNeverSawTheKeyRefusesIt() throws {
        let setup = Setup()
        let stranger = try Ledger(path: temporaryFolder() + "/ledger.sqlite")
        let issuer = Issuer(key: setup.key, trustList: setup.issuer().trustList, ledger: stranger)
        let error = issuerError { try issuer.issue(setup.request(), at: date("2026-11-27T10:00:00Z")) { _, _ in Issue.record("nothing is signed") } }
        #expect(error?.code == .keyNotInLedger)
        #expect(try stranger.batches().isEmpty)
    }

    @Test func refusesBadCounts() {
        #expect(issuerError { _ = try IssuingRequest(carnets: 0, perCarnet: 5, value: Cents(1)!, expiry: 2_000_000_000, label: "") }?.code == .invalidRequest)
        #expect(issuerError { _ = try IssuingRequest(carnets: Int.max, perCarnet: 5, value: Cents(1)!, expiry: 2_000_000_000, label: "") }?.code == .invalidRequest)
    }
}
