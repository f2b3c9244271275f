import PassIssuer
import PassVerifier
import Testing

/// The printer relies on these: a pass "valable jusqu'au 31/12/2027" ends at midnight in Paris.
@Suite struct IssuingRequestTests {
    @Test func expiryIsTheEndOfTheDayInParis() throws {
        #expect(try IssuingRequest.expiry(fromDay: "2027-12-31") == 1_830_294_000)  // 2027-12-31T23:00:00Z
        #expect(throws: IssuerError.self) { try IssuingRequest.expiry(fromDay: "2027-02-30") }
    }

    @Test func eurosBecomeCents() throws {
        #expect(try IssuingRequest.cents(fromEuros: "10") == Cents(1000)!)
        #expect(try IssuingRequest.cents(fromEuros: "10,5") == Cents(1050)!)
        #expect(throws: IssuerError.self) { try IssuingRequest.cents(fromEuros: "0") }
    }
}
