import GRDB
import PassVerifier

// The pass's fields as stored, in one place: a key id is its 8 hex digits, a serial and a
// value are integers. A stored value out of range (a serial 0 or above 2^48 − 1, a value of
// 0 or above 2^32 − 1, a malformed key id, NULL) does not convert: `row.decode` then throws,
// and the store answers with an error instead of trapping.

extension KeyID: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { text.databaseValue }

    public static func fromDatabaseValue(_ value: DatabaseValue) -> KeyID? {
        String.fromDatabaseValue(value).flatMap { KeyID(text: $0) }
    }
}

extension Serial: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { Int64(value).databaseValue }

    public static func fromDatabaseValue(_ value: DatabaseValue) -> Serial? {
        Int64.fromDatabaseValue(value).flatMap { UInt64(exactly: $0) }.flatMap { Serial($0) }
    }
}

extension Cents: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { Int64(value).databaseValue }

    public static func fromDatabaseValue(_ value: DatabaseValue) -> Cents? {
        Int64.fromDatabaseValue(value).flatMap { UInt32(exactly: $0) }.flatMap { Cents($0) }
    }
}
