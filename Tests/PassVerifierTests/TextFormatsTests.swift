import Foundation
@testable import PassVerifier
import Testing

/// The strict time and base64 texts of SPEC.md §1, beyond the vectors.
struct TextFormatsTests {
    @Test func timesRoundTripAndAgreeWithFoundation() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let seconds = Int64.random(in: -62_167_219_200...253_402_300_799, using: &generator)  // 0000 to 9999
            let text = UnixTime.format(seconds)
            #expect(UnixTime.parse(text) == seconds, "\(text)")
            if seconds >= 0 {
                #expect(text == Date(timeIntervalSince1970: TimeInterval(seconds)).formatted(.iso8601))
            }
        }
        #expect(UnixTime.parse("1970-01-01T00:00:00Z") == 0)
        #expect(UnixTime.parse("2000-02-29T00:00:00Z") != nil, "2000 is a leap year")
        #expect(UnixTime.parse("2100-02-29T00:00:00Z") == nil, "2100 is not")
        #expect(UnixTime.parse("2026-13-01T00:00:00Z") == nil)
        #expect(UnixTime.parse("2026-01-01T00:00:00Z\n") == nil)
    }

    @Test func base64IsStrictAndRoundTrips() {
        for count in 0..<40 {
            let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 * 37 + 11) }
            let text = Base64.encode(bytes)
            #expect(text == Data(bytes).base64EncodedString())
            #expect(Base64.decode(text) == bytes)
        }
        #expect(Base64.decode("AA==") == [0])
        #expect(Base64.decode("AB==") == nil, "non-zero unused bits")
        #expect(Base64.decode("AA") == nil, "no padding")
        #expect(Base64.decode("A===") == nil)
        #expect(Base64.decode("AA=A") == nil, "padding in the middle")
        #expect(Base64.decode("-_8=") == nil, "URL-safe alphabet")
    }

    @Test func aListMadeInCodeRefusesASmallOrderKey() throws {
        let neutral: [UInt8] = [1] + [UInt8](repeating: 0, count: 31)
        let key = TrustList.Key(publicKey: neutral, issuer: "x", notBefore: Fixtures.at, notAfter: Fixtures.at, status: .active)
        let error = try #require(throws: PassError.self) { try TrustList(keys: [key]) }
        #expect(error.detail == .badKey)
    }
}
