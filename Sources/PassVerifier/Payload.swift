#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A pass's serial number: unsigned 48-bit, at least 1 (SPEC.md §2).
public struct Serial: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The largest serial: 2^48 − 1.
    public static let max: UInt64 = (1 << 48) - 1
    /// The serial number, 1 to `Serial.max`.
    public let value: UInt64

    /// A serial from 1 to `Serial.max`; nil otherwise.
    public init?(_ value: UInt64) {
        guard (1...Self.max).contains(value) else { return nil }
        self.value = value
    }

    /// The decimal number, without grouping or check digit.
    public var description: String { String(value) }
    /// Numeric order.
    public static func < (lhs: Serial, rhs: Serial) -> Bool { lhs.value < rhs.value }
}

/// An amount in euro cents: unsigned 32-bit, at least 1 for a pass (SPEC.md §2).
public struct Cents: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The amount in euro cents, at least 1.
    public let value: UInt32

    /// An amount of at least 1 cent; nil for 0.
    public init?(_ value: UInt32) {
        guard value >= 1 else { return nil }
        self.value = value
    }

    /// "10.00", "0.50": euros with two decimals, a dot, no symbol (machine form).
    public var description: String {
        let cents = value % 100
        return "\(value / 100).\(cents < 10 ? "0" : "")\(cents)"
    }

    /// Numeric order.
    public static func < (lhs: Cents, rhs: Cents) -> Bool { lhs.value < rhs.value }
}

/// The 19 signed bytes of a v1 pass (SPEC.md §2).
public struct Payload: Hashable, Sendable {
    /// The version byte of this format.
    public static let version: UInt8 = 1
    /// The payload's size in bytes.
    public static let size = 19

    /// The key id of the issuer key that signed the pass.
    public let keyID: KeyID
    /// The serial number, unique per key id.
    public let serial: Serial
    /// The pass's value.
    public let value: Cents
    /// Unix seconds, UTC: the pass is invalid at and after this instant.
    public let expiry: UInt32

    /// A payload from its fields (issuers build one to sign it).
    public init(keyID: KeyID, serial: Serial, value: Cents, expiry: UInt32) {
        self.keyID = keyID
        self.serial = serial
        self.value = value
        self.expiry = expiry
    }

    /// `expiry` as a `Date`.
    public var expiryDate: Date { Date(timeIntervalSince1970: TimeInterval(expiry)) }

    /// Strict decoding of exactly 19 bytes; rejects a version other than 1, serial 0 and value 0.
    public init(bytes: some Collection<UInt8>) throws(PassError) {
        let b = Array(bytes)
        guard b.count == Self.size else {
            throw PassError(.malformed, "a payload is \(Self.size) bytes, not \(b.count)")
        }
        guard b[0] == Self.version else {
            throw PassError(.unsupportedVersion, "version \(b[0]) is not supported (only version 1)")
        }
        guard let serial = Serial(Self.bigEndian(b[5..<11])) else {
            throw PassError(.malformed, "serial 0 is not allowed")
        }
        guard let value = Cents(UInt32(Self.bigEndian(b[11..<15]))) else {
            throw PassError(.malformed, "value 0 is not allowed")
        }
        self.keyID = KeyID(bytes: b[1..<5])!
        self.serial = serial
        self.value = value
        self.expiry = UInt32(Self.bigEndian(b[15..<19]))
    }

    /// The 19 bytes, as signed.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(Self.size)
        append(to: &out)
        return out
    }

    /// Appends the 19 bytes without intermediate arrays: this runs once per verification.
    func append(to out: inout [UInt8]) {
        out.append(Self.version)
        out.append(contentsOf: keyID.bytes)
        Self.appendBigEndian(serial.value, count: 6, to: &out)
        Self.appendBigEndian(UInt64(value.value), count: 4, to: &out)
        Self.appendBigEndian(UInt64(expiry), count: 4, to: &out)
    }

    private static func bigEndian(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }

    private static func appendBigEndian(_ value: UInt64, count: Int, to out: inout [UInt8]) {
        for shift in (0..<count).reversed() {
            out.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(shift))))
        }
    }
}
