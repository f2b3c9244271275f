import Foundation
import PassVerifier
import Testing

struct WireFormatTests {
    /// Issue 14 §1.10: lengths are counted in characters, as people count: 200 Arabic-Indic
    /// digits (400 UTF-8 bytes) were said to be "not 400".
    @Test func lengthsInMessagesAreCharactersNotBytes() {
        func message(_ text: String) -> String? {
            do { _ = try Token(text: text); return nil } catch { return error.message }
        }
        #expect(message(String(repeating: "\u{0660}", count: 200)) == "a pass holds digits only (0 to 9)")
        #expect(message(String(repeating: "\u{0660}", count: 150)) == "a pass is 200 digits, not 150 characters")
        #expect(message(String(repeating: "1", count: 199)) == "a pass is 200 digits, not 199 characters")
    }

    let verifier = Fixtures.verifier
    let at = Fixtures.at

    @Test func roundTripsThroughBytesAndText() throws {
        let token = Fixtures.token(serial: 123_456, cents: 1000)
        #expect(token.bytes.count == 83)
        #expect(token.text.count == 200)
        #expect(token.text.allSatisfy { $0.isASCII && $0.isNumber })
        #expect(try Token(bytes: token.bytes) == token)
        #expect(try Token(text: token.text) == token)
        let pass = try verifier.verify(text: token.text, at: at)
        #expect(pass.serial.value == 123_456)
        #expect(pass.value.value == 1000)
        #expect(pass.issuer == "Test \(Fixtures.issuer.kid)")
    }

    @Test func payloadLayoutIsBigEndianAsSpecified() {
        let key = Fixtures.issuer
        let payload = Payload(keyID: key.kid, serial: Serial(0x0102_0304_0506)!, value: Cents(0x0708_090A)!, expiry: 0x0B0C_0D0E)
        #expect(payload.bytes == [1] + key.kid.bytes + [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14])
        #expect(Token.signedMessage(for: payload) == Array("pass-numerique:v1".utf8) + payload.bytes)
    }

    @Test func textIsTheBigEndianNumberPaddedTo200Digits() throws {
        var bytes = [UInt8](repeating: 0, count: 83)
        bytes[0] = 1  // version
        bytes[10] = 1  // serial 1
        bytes[14] = 1  // value 1 cent
        bytes[82] = 0xFF
        // 256^82 + 256^72 + 256^68 + 255, checked against an independent big-number computation below.
        let text = try Token(bytes: bytes).text
        #expect(text.count == 200)
        #expect(text == schoolbookDecimal(bytes))
    }

    @Test(arguments: [
        ("", "empty"), (String(repeating: "0", count: 199), "199 digits"), (String(repeating: "0", count: 201), "201 digits"),
        (String(repeating: "9", count: 200), "2^664 or more"), (String(repeating: "0", count: 199) + "x", "a letter"),
        (" " + String(repeating: "0", count: 199), "a space"), (String(repeating: "0", count: 198) + "١٢", "Arabic-Indic digits"),
    ])
    func rejectsMalformedText(_ text: String, _ what: String) {
        #expect(outcome { () throws(PassError) in try verifier.verify(text: text, at: at) } == "malformed", "\(what)")
    }

    @Test func theLargest83ByteNumberIsAcceptedAsTextButOneMoreIsNot() throws {
        // 2^664 - 1 decodes (to a version-255 token); 2^664 is one too many.
        let largest = [UInt8](repeating: 0xFF, count: 83)
        let text = schoolbookDecimal(largest)
        #expect(outcome { () throws(PassError) in try verifier.verify(text: text, at: at) } == "unsupported_version")
        let tooLarge = incrementDecimal(text)
        #expect(outcome { () throws(PassError) in try verifier.verify(text: tooLarge, at: at) } == "malformed")
    }

    @Test func rejectsVersionSerialAndValueZero() {
        var bytes = Fixtures.token().bytes
        bytes[0] = 2
        #expect(throws: PassError.self) { try Token(bytes: bytes) }
        #expect((try? Token(bytes: bytes)) == nil)
        #expect(outcome { () throws(PassError) in try verifier.verify(text: schoolbookDecimal(bytes), at: at) } == "unsupported_version")
        bytes = Fixtures.token().bytes
        bytes.replaceSubrange(5..<11, with: [0, 0, 0, 0, 0, 0])
        #expect(outcome { () throws(PassError) in try verifier.verify(text: schoolbookDecimal(bytes), at: at) } == "malformed")
        bytes = Fixtures.token().bytes
        bytes.replaceSubrange(11..<15, with: [0, 0, 0, 0])
        #expect(outcome { () throws(PassError) in try verifier.verify(text: schoolbookDecimal(bytes), at: at) } == "malformed")
    }

    @Test func everySingleDigitChangeIsRejected() {
        let text = Array(Fixtures.token().text.utf8)
        var accepted: [String] = []
        for position in text.indices {
            for digit in UInt8(ascii: "0")...UInt8(ascii: "9") where digit != text[position] {
                var changed = text
                changed[position] = digit
                if (try? verifier.verify(text: String(decoding: changed, as: UTF8.self), at: at)) != nil {
                    accepted.append("\(position):\(digit)")
                }
            }
        }
        #expect(accepted.isEmpty)
    }

    @Test func everySingleBitFlipIsRejected() {
        let bytes = Fixtures.token().bytes
        var accepted: [Int] = []
        for bit in 0..<(83 * 8) {
            var flipped = bytes
            flipped[bit / 8] ^= 1 << UInt8(bit % 8)
            if (try? verifier.verify(Token(bytes: flipped), at: at)) != nil { accepted.append(bit) }
        }
        #expect(accepted.isEmpty)
    }

    @Test func expiresAtTheExactSecond() {
        let token = Fixtures.token()
        let expiry = Date(timeIntervalSince1970: TimeInterval(Fixtures.expiry))
        #expect(outcome { () throws(PassError) in try verifier.verify(token, at: expiry.addingTimeInterval(-1)) } == "valid")
        #expect(outcome { () throws(PassError) in try verifier.verify(token, at: expiry) } == "expired")
        #expect(outcome { () throws(PassError) in try verifier.verify(token, at: expiry.addingTimeInterval(1)) } == "expired")
    }

    @Test func keyReasons() throws {
        let revoked = Fixtures.key(2), old = Fixtures.key(3), stranger = Fixtures.key(4)
        let list = try TrustList(keys: [
            Fixtures.entry(Fixtures.issuer), Fixtures.entry(revoked, status: .revoked),
            Fixtures.entry(old, from: "2024-01-01T00:00:00Z", to: "2025-12-31T23:59:59Z"),
        ])
        let verifier = Verifier(trustList: list)
        #expect(outcome { () throws(PassError) in try verifier.verify(Fixtures.token(key: stranger), at: at) } == "unknown_key")
        #expect(outcome { () throws(PassError) in try verifier.verify(Fixtures.token(key: revoked), at: at) } == "key_revoked")
        #expect(outcome { () throws(PassError) in try verifier.verify(Fixtures.token(key: old), at: at) } == "key_not_valid")
        // Validity is inclusive at both ends.
        #expect(outcome { () throws(PassError) in try verifier.verify(Fixtures.token(key: old), at: Fixtures.date("2025-12-31T23:59:59Z")) } == "valid")
        #expect(outcome { () throws(PassError) in try verifier.verify(Fixtures.token(key: old), at: Fixtures.date("2024-01-01T00:00:00Z")) } == "valid")
        #expect(outcome { () throws(PassError) in try verifier.verify(Fixtures.token(key: old), at: Fixtures.date("2023-12-31T23:59:59Z")) } == "key_not_valid")
    }

    @Test func aForgeryUnderAKnownKeyIsABadSignature() {
        let forger = Fixtures.key(9)
        let forged = forger.sign(Payload(keyID: Fixtures.issuer.kid, serial: Serial(1)!, value: Cents(1000)!, expiry: Fixtures.expiry))
        #expect(outcome { () throws(PassError) in try verifier.verify(forged, at: at) } == "bad_signature")
    }

    @Test func keyIDIsTheFirstFourBytesOfBlake2b256() {
        // BLAKE2b-256 of 32 zero bytes is 89eb0d6a8a691dae…, computed independently (Python hashlib).
        #expect(KeyID(publicKey: [UInt8](repeating: 0, count: 32)).text == "89eb0d6a")
        #expect(KeyID(text: "89eb0d6a")?.bytes == [0x89, 0xEB, 0x0D, 0x6A])
        #expect(KeyID(text: "89EB0D6A") == nil, "upper case is not canonical")
        #expect(KeyID(text: "89eb0d6") == nil)
    }
}

/// Decimal by repeated division of the byte string: slow, obviously right, independent of the codec.
func schoolbookDecimal(_ bytes: [UInt8]) -> String {
    var number = bytes
    var digits: [Character] = []
    for _ in 0..<200 {
        var remainder = 0
        for i in number.indices {
            let current = remainder * 256 + Int(number[i])
            number[i] = UInt8(current / 10)
            remainder = current % 10
        }
        digits.append(Character(String(remainder)))
    }
    return String(digits.reversed())
}

func incrementDecimal(_ text: String) -> String {
    var digits = Array(text.utf8)
    var i = digits.count - 1
    while digits[i] == UInt8(ascii: "9") {
        digits[i] = UInt8(ascii: "0")
        i -= 1
    }
    digits[i] += 1
    return String(decoding: digits, as: UTF8.self)

}
