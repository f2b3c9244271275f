import Foundation
import SpentList
import SpentListAPI
import Testing

/// What schemathesis found where the service read more than openapi.yaml allows (issue 14 §2.3):
/// times are the document's pattern exactly, and feed cursors are at most 18 digits.
struct ContractEdgeTests {
    @Test(arguments: [
        ("2026-11-27T17:00:00Z", 1_795_798_800.0), ("2026-11-27T17:00:00.123Z", 1_795_798_800.123),
        ("2026-11-27T17:00:00.5Z", 1_795_798_800.5), ("2028-02-29T00:00:00Z", 1_835_395_200.0),
        ("2000-02-29T23:59:59Z", 951_868_799.0), ("1970-01-01T00:00:00Z", 0.0), ("1969-12-31T23:59:59Z", -1.0),
    ])
    func documentedTimesAreRead(text: String, seconds: Double) throws {
        let date = try #require(Timestamp.parse(text))
        #expect(abs(date.timeIntervalSince1970 - seconds) < 0.000_5)
    }

    /// Foundation's reader took each of these (30 February as 2 March, hour 24 as the next day).
    @Test(arguments: [
        "2026-02-30T00:00:00Z", "2100-02-29T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T23:59:60Z",
        "2026-01-01T00:60:00Z", "2026-00-01T00:00:00Z", "2026-13-01T00:00:00Z", "2026-01-00T00:00:00Z",
        "2026-01-01T00:00:00+01:00", "2026-01-01T00:00:00.5+00:00", "2026-01-01t00:00:00z", "2026-01-01T00:00:00.Z",
        "2026-01-01 00:00:00Z", "20260101T000000Z", "2026-01-01T00:00:00Z ", "", "2026-01-01T00:00:0aZ",
    ])
    func otherTimesAreRefused(text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test func writtenTimesReadBack() throws {
        for seconds in [0.0, 1_795_798_800.25, 4_102_444_799.5, -86_400.0] {
            let stamp = Timestamp(Date(timeIntervalSince1970: seconds))
            #expect(Timestamp(text: stamp.text) == stamp, "\(stamp.text)")
        }
    }

    /// The fuzzer's find: Foundation wrote 10 March 1500 in the Julian calendar (29 February),
    /// which then did not read. Every day the reader takes is written as it was read.
    @Test(arguments: [
        "1500-03-10T12:00:23.000Z", "1500-02-28T00:00:00.000Z", "0001-01-01T00:00:00.000Z", "1582-10-10T08:30:00.000Z",
        "1969-12-31T23:59:59.999Z", "2026-11-27T17:00:00.123Z", "2028-02-29T00:00:00.000Z", "9999-12-31T23:59:59.999Z",
    ])
    func everyReadableDayIsWrittenAsRead(text: String) throws {
        #expect(Timestamp(text: text)?.text == text)
    }

    @Test func millisecondsRoundButNeverIntoTheNextSecond() throws {
        #expect(Timestamp(text: "9999-12-31T23:59:59.9999Z")?.text == "9999-12-31T23:59:59.999Z")
        #expect(Timestamp(text: "2026-11-27T17:00:00.1234Z")?.text == "2026-11-27T17:00:00.123Z")
        #expect(Timestamp(Date(timeIntervalSince1970: 1_795_000_000.123)).text == "2026-11-18T11:06:40.123Z")
        #expect(Timestamp(Date(timeIntervalSince1970: -0.5)).text == "1969-12-31T23:59:59.500Z")
    }

    @Test func anOfflineItemWithAnOffsetIsRefusedNamingTheField() {
        let body = #"{"items":[{"token":"1","scannedAt":"2026-11-27T18:00:00+01:00"}]}"#
        let error = #expect(throws: API.RequestError.self) { try API.decodeRequest(API.OfflineRedemptionRequest.self, from: Array(body.utf8)) }
        #expect(error?.reason == .invalidBody && error?.message.contains("items[0].scannedAt") == true)
    }

    @Test func feedCursorsAreUpTo18Digits() {
        #expect(FeedCursor(text: String(repeating: "9", count: 18))?.sequence == 999_999_999_999_999_999)
        #expect(FeedCursor(text: "1" + String(repeating: "0", count: 18)) == nil)
    }
}

extension ContractEdgeTests {
    /// A revocation may leave `last` out (it is `first`), but null is not a serial.
    @Test func aRevocationsLastMayBeAbsentButNotNull() throws {
        let absent = #"{"kid":"7f26c5a0","first":1,"reason":"perdu"}"#
        #expect(try API.decodeRequest(API.RevocationRequest.self, from: Array(absent.utf8)).last == nil)
        let null = #"{"kid":"7f26c5a0","first":1,"last":null,"reason":"perdu"}"#
        let error = #expect(throws: API.RequestError.self) { try API.decodeRequest(API.RevocationRequest.self, from: Array(null.utf8)) }
        #expect(error?.reason == .invalidBody && error?.message.contains("\"last\"") == true)
    }

    /// An offline item may leave `helpKind` out, but null is not a kind (schemathesis sent it).
    @Test func anOfflineItemsHelpKindMayBeAbsentButNotNull() throws {
        let absent = #"{"items":[{"token":"1","scannedAt":"2026-11-18T10:00:00Z"}]}"#
        #expect(try API.decodeRequest(API.OfflineRedemptionRequest.self, from: Array(absent.utf8)).items[0].helpKind == nil)
        let null = #"{"items":[{"token":"1","scannedAt":"2026-11-18T10:00:00Z","helpKind":null}]}"#
        let error = #expect(throws: API.RequestError.self) { try API.decodeRequest(API.OfflineRedemptionRequest.self, from: Array(null.utf8)) }
        #expect(error?.reason == .invalidBody && error?.message.contains("helpKind") == true)
    }
}
