import Counter
import Foundation
import PassIssuer
import PassVerifier
import Testing

/// What a counter keeps of a trust list the service sent (SPEC.md §14.3): with a pinned root,
/// only a list that root signed as it is, never older than the one kept.
struct TrustListIntakeTests {
    static let root = RootKey(signingKey: SigningKey.generate())
    static let list = Array(try! TrustList(keys: []).json())

    static func signed(_ bytes: [UInt8], at seconds: TimeInterval, by key: RootKey = root) throws -> String {
        try key.sign(list: bytes, at: Date(timeIntervalSince1970: seconds)).text
    }

    @Test func aListSignedByThePinnedRootIsKept() throws {
        let signature = try Self.signed(Self.list, at: 1_800_000_000)
        let kept = try TrustListIntake.accept(json: Data(Self.list), signature: signature, root: Self.root.publicKey, kept: nil)
        #expect(kept.signature == signature && kept.json == Data(Self.list))
    }

    @Test func aMissingSignatureIsRefusedWhenARootIsPinned() {
        #expect { try TrustListIntake.accept(json: Data(Self.list), signature: nil, root: Self.root.publicKey, kept: nil) } throws: {
            ($0 as? CounterError)?.code == .untrustedTrustList && ($0 as? CounterError)?.subject == TrustListIntake.missing
        }
    }

    @Test func anAlteredListIsRefused() throws {
        let signature = try Self.signed(Self.list, at: 1_800_000_000)
        let altered = Data(Self.list + [UInt8(ascii: " ")])
        #expect { try TrustListIntake.accept(json: altered, signature: signature, root: Self.root.publicKey, kept: nil) } throws: {
            ($0 as? CounterError)?.subject == "bad_list_signature"
        }
    }

    @Test func aListSignedByAnotherRootIsRefused() throws {
        let signature = try Self.signed(Self.list, at: 1_800_000_000, by: RootKey(signingKey: SigningKey.generate()))
        #expect { try TrustListIntake.accept(json: Data(Self.list), signature: signature, root: Self.root.publicKey, kept: nil) } throws: {
            ($0 as? CounterError)?.subject == "wrong_root"
        }
    }

    @Test func anOlderListIsNeverTakenBack() throws {
        let old = try Self.signed(Self.list, at: 1_800_000_000)
        let new = try Self.signed(Self.list, at: 1_800_000_100)
        #expect { try TrustListIntake.accept(json: Data(Self.list), signature: old, root: Self.root.publicKey, kept: new) } throws: {
            ($0 as? CounterError)?.subject == TrustListIntake.older
        }
        _ = try TrustListIntake.accept(json: Data(Self.list), signature: new, root: Self.root.publicKey, kept: old)
        _ = try TrustListIntake.accept(json: Data(Self.list), signature: new, root: Self.root.publicKey, kept: new)
    }

    @Test func withoutARootAnUnsignedListIsKeptButAnInvalidOneIsNot() throws {
        _ = try TrustListIntake.accept(json: Data(Self.list), signature: nil, root: nil, kept: nil)
        #expect { try TrustListIntake.accept(json: Data("{}".utf8), signature: nil, root: nil, kept: nil) } throws: {
            ($0 as? CounterError)?.code == .noTrustList
        }
    }

    @Test func theReplicaKeepsTheSignatureBesideTheList() throws {
        let path = NSTemporaryDirectory() + "replica-\(UUID().uuidString).sqlite"
        let replica = try Replica(path: path)
        #expect(try replica.trustListSignature() == nil)
        try replica.storeTrustList(Data(Self.list), signature: "pnt1.x")
        #expect(try Replica(path: path).trustListSignature() == "pnt1.x")
    }
}
