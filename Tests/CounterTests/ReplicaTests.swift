import Counter
import Foundation
import PassVerifier
import Testing

struct ReplicaTests {
    let path = NSTemporaryDirectory() + "passnum-replica-\(UUID().uuidString).sqlite"
    let kid = KeyID(text: "0a0b0c0d")!
    let other = KeyID(text: "ffffffff")!

    func entry(_ mark: Replica.Mark, _ kid: KeyID, _ serial: UInt64) -> Replica.Entry {
        Replica.Entry(mark: mark, kid: kid, serial: Serial(serial)!)
    }

    @Test func remembersSpentAndRevokedPassesPerKey() throws {
        let replica = try Replica(path: path)
        try replica.apply([entry(.spent, kid, 1), entry(.spent, kid, 65_536), entry(.revoked, kid, 7), entry(.spent, other, 2)], cursor: "c1", at: Date())
        #expect(try replica.mark(kid: kid, serial: Serial(1)!) == .spent)
        #expect(try replica.mark(kid: kid, serial: Serial(65_536)!) == .spent)
        #expect(try replica.mark(kid: kid, serial: Serial(7)!) == .revoked)
        #expect(try replica.mark(kid: kid, serial: Serial(2)!) == nil)
        #expect(try replica.mark(kid: other, serial: Serial(1)!) == nil)
        #expect(try replica.mark(kid: other, serial: Serial(2)!) == .spent)
        let state = try replica.state()
        #expect(state.cursor == "c1")
        #expect(state.spent == 3)
        #expect(state.revoked == 1)
    }

    @Test func revokedRangesCoverEverySerialInThem() throws {
        let replica = try Replica(path: path)
        try replica.apply([Replica.Entry(mark: .revoked, kid: kid, first: Serial(100)!, last: Serial(1_000_099)!)], cursor: "r", at: Date())
        #expect(try replica.mark(kid: kid, serial: Serial(99)!) == nil)
        #expect(try replica.mark(kid: kid, serial: Serial(100)!) == .revoked)
        #expect(try replica.mark(kid: kid, serial: Serial(1_000_099)!) == .revoked)
        #expect(try replica.mark(kid: kid, serial: Serial(1_000_100)!) == nil)
        #expect(try replica.state().revoked == 1_000_000)
    }

    @Test func pagesAccumulateAndSurviveReopening() throws {
        let pulled = Date(timeIntervalSince1970: 1_800_000_000)
        do {
            let replica = try Replica(path: path)
            try replica.apply([entry(.spent, kid, 10)], cursor: "a", at: pulled)
            try replica.apply([entry(.spent, kid, 11), entry(.spent, kid, 10)], cursor: "b", at: pulled)
            try replica.storeTrustList(Data("{}".utf8))
        }
        let reopened = try Replica(path: path)
        let state = try reopened.state()
        #expect(state.cursor == "b")
        #expect(state.pulledAt == pulled)
        #expect((state.spent, state.revoked) == (2, 0))
        #expect(try reopened.trustList() == Data("{}".utf8))
    }

    /// Issue 5's goal: a million spent serials in under 8 MiB (here: of a two-million programme).
    @Test func aMillionSpentSerialsStaySmall() throws {
        let replica = try Replica(path: path)
        for page in stride(from: UInt64(1), through: 2_000_000, by: 200_000) {
            let entries = stride(from: page, to: page + 200_000, by: 2).map { entry(.spent, kid, $0) }
            try replica.apply(entries, cursor: String(page), at: Date())
        }
        #expect(try replica.state().spent == 1_000_000)
        #expect(try replica.mark(kid: kid, serial: Serial(1_999_999)!) == .spent)
        #expect(try replica.mark(kid: kid, serial: Serial(2_000_000)!) == nil)
        let bytes = ["", "-wal"].compactMap { try? FileManager.default.attributesOfItem(atPath: path + $0)[.size] as? Int }.reduce(0, +)
        #expect(bytes < 8 << 20, "replica is \(bytes) bytes")
    }
}
