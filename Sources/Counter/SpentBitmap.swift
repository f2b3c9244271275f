/// A set of serials of one key, stored as fixed-size bitmap chunks. Serials are issued densely
/// from 1, so a bitmap costs one bit per issued serial: a million spent passes of a two-million
/// programme fit in 256 KiB, where a row per serial would take tens of MiB.
struct SpentBitmap {
    /// Serials per chunk: 2^16 bits = 8 KiB per chunk.
    static let chunkBits: UInt64 = 1 << 16
    static let chunkBytes = Int(chunkBits / 8)

    static func chunk(of serial: UInt64) -> UInt64 { serial / chunkBits }

    /// Sets the bit of `serial` in `bytes` (a chunk); returns false when it was already set.
    @discardableResult
    static func insert(_ serial: UInt64, into bytes: inout [UInt8]) -> Bool {
        if bytes.count < chunkBytes { bytes += [UInt8](repeating: 0, count: chunkBytes - bytes.count) }
        let bit = Int(serial % chunkBits)
        let mask = UInt8(1) << UInt8(bit % 8)
        guard bytes[bit / 8] & mask == 0 else { return false }
        bytes[bit / 8] |= mask
        return true
    }

    static func contains(_ serial: UInt64, in bytes: [UInt8]) -> Bool {
        let bit = Int(serial % chunkBits)
        return bit / 8 < bytes.count && bytes[bit / 8] & (UInt8(1) << UInt8(bit % 8)) != 0
    }

    static func count(in bytes: [UInt8]) -> Int {
        bytes.reduce(0) { $0 + $1.nonzeroBitCount }
    }
}
