import Foundation
import PassVerifier
import SpentList
import Testing

/// Inputs that scripts/fuzz.sh found crashing, kept here so they never come back.
struct FuzzRegressionTests {
    /// fuzz-receipt: a receipt whose time is the largest 8-byte value decodes to a date of
    /// 2^63 − 1 ms, and writing that date back in milliseconds trapped ("Double value cannot be
    /// converted to Int64"). Times beyond the 8-byte range are written as its ends.
    @Test(arguments: [(Int64.max, UInt8(0x7F)), (Int64.min, UInt8(0x80))])
    func aReceiptAtTheEndsOfTimeIsWrittenWithoutATrap(millis: Int64, firstByte: UInt8) throws {
        let kid = try #require(KeyID(bytes: [1, 2, 3, 4]))
        let pass = PassRef(kid: kid, serial: try #require(Serial(1)))
        let redeemedAt = Date(timeIntervalSince1970: TimeInterval(millis) / 1000)
        let redemption = Redemption(pass: pass, value: try #require(Cents(1000)), partnerID: 7, partnerName: "PiNG", redeemedAt: redeemedAt)
        let body = Receipt(serviceKeyID: kid, redemption: redemption).body
        #expect(body[19] == firstByte)
    }
}
