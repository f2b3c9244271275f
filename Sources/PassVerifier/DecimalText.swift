/// The decimal text form of a token (SPEC.md §4): the 83 bytes read as one unsigned big-endian
/// integer, written in decimal, left-padded with zeros to exactly 200 digits.
///
/// Arithmetic runs on little-endian base-2^32 limbs, nine decimal digits at a time, so the
/// codec costs well under a microsecond beside a ~35 µs signature check.
enum DecimalText {
    static let digitCount = 200
    static let byteCount = 83

    private static let limbCount = 22  // 704 bits: room for any 200-digit number (< 2^665)
    private static let chunk: UInt64 = 1_000_000_000

    /// Strict: exactly 200 ASCII digits whose value is below 2^664.
    static func bytes(fromDigits digits: UnsafeBufferPointer<UInt8>) throws(PassError) -> [UInt8] {
        guard digits.count == digitCount else { throw lengthError(digits) }
        return try withUnsafeTemporaryAllocation(of: UInt32.self, capacity: limbCount) { limbs throws(PassError) in
            limbs.initialize(repeating: 0)
            return try parse(digits, into: limbs)
        }
    }

    /// The count people see is characters, not UTF-8 bytes: 200 Arabic-Indic digits are 400
    /// bytes, and "not 400" would mislead; 200 characters that are not all ASCII digits are
    /// said to be that. Error path only.
    private static func lengthError(_ bytes: UnsafeBufferPointer<UInt8>) -> PassError {
        let characters = String(decoding: bytes, as: UTF8.self).count
        if characters == digitCount { return PassError(.malformed, "a pass holds digits only (0 to 9)") }
        return PassError(.malformed, "a pass is \(digitCount) digits, not \(characters) characters")
    }

    /// Limbs on the stack: decoding runs once per verification and should not allocate them.
    private static func parse(_ digits: UnsafeBufferPointer<UInt8>, into limbs: UnsafeMutableBufferPointer<UInt32>) throws(PassError) -> [UInt8] {
        var pending: UInt64 = 0
        var pendingDigits = 0
        // 200 = 2 + 22 × 9: the first chunk is short so that the rest are whole.
        var chunkLength = digitCount % 9
        for c in digits {
            guard c &- UInt8(ascii: "0") < 10 else {
                throw PassError(.malformed, "a pass holds digits only")
            }
            pending = pending * 10 + UInt64(c &- UInt8(ascii: "0"))
            pendingDigits += 1
            if pendingDigits == chunkLength {
                multiplyAdd(limbs, multiplier: power10(chunkLength), addend: pending)
                pending = 0
                pendingDigits = 0
                chunkLength = 9
            }
        }
        // 664 bits = 20 whole limbs + 24 bits of the 21st.
        guard limbs[21] == 0, limbs[20] >> 24 == 0 else {
            throw PassError(.malformed, "the number is too large for a pass (2^664 or more)")
        }
        return (0..<byteCount).map { i in
            let bit = (byteCount - 1 - i) * 8
            return UInt8(truncatingIfNeeded: limbs[bit / 32] >> UInt32(bit % 32))
        }
    }

    /// 83 bytes to 200 digits.
    static func digits(fromBytes bytes: [UInt8]) -> String {
        precondition(bytes.count == byteCount)
        var limbs = [UInt32](repeating: 0, count: limbCount)
        for (i, byte) in bytes.enumerated() {
            let bit = (byteCount - 1 - i) * 8
            limbs[bit / 32] |= UInt32(byte) << UInt32(bit % 32)
        }
        // 23 chunks of 9 digits cover 207 digits; the top 7 are always zero.
        var chunks: [UInt32] = []
        for _ in 0..<23 {
            chunks.append(divide(&limbs, by: UInt32(chunk)))
        }
        var out = [UInt8]()
        out.reserveCapacity(207)
        for value in chunks.reversed() {
            var v = value
            var nine = [UInt8](repeating: UInt8(ascii: "0"), count: 9)
            for j in (0..<9).reversed() {
                nine[j] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
            }
            out += nine
        }
        return String(decoding: out.suffix(digitCount), as: UTF8.self)
    }

    private static func power10(_ n: Int) -> UInt64 {
        (0..<n).reduce(1) { value, _ in value * 10 }
    }

    private static func multiplyAdd(_ limbs: UnsafeMutableBufferPointer<UInt32>, multiplier: UInt64, addend: UInt64) {
        var carry = addend
        for i in limbs.indices {
            let product = UInt64(limbs[i]) * multiplier + carry
            limbs[i] = UInt32(truncatingIfNeeded: product)
            carry = product >> 32
        }
    }

    /// Divides in place and returns the remainder.
    private static func divide(_ limbs: inout [UInt32], by divisor: UInt32) -> UInt32 {
        var remainder: UInt64 = 0
        for i in limbs.indices.reversed() {
            let current = remainder << 32 | UInt64(limbs[i])
            limbs[i] = UInt32(current / UInt64(divisor))
            remainder = current % UInt64(divisor)
        }
        return UInt32(remainder)
    }
}
