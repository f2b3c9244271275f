import Counter
import Testing

struct ScanInputTests {
    let token = String(repeating: "0123456789", count: 20)

    @Test func aCleanScanIsAToken() {
        #expect(ScanInput.classify(token) == .token(token))
        #expect(ScanInput.classify(token + "\r\n") == .token(token))
        #expect(ScanInput.classify("  " + token + " \t") == .token(token))
    }

    /// A US-layout scanner on an AZERTY keyboard types the unshifted digit row.
    @Test func theAzertyDigitRowIsMappedBack() {
        let typed = String(repeating: "à&é\"'(-è_ç", count: 20)
        #expect(ScanInput.classify(typed) == .token(token))
        let mixed = "à&é\"'(-è_ç" + String(token.dropFirst(10))
        #expect(ScanInput.classify(mixed) == .token(token))
    }

    @Test func aSerialTypedAsPrintedIsATypedSerial() {
        #expect(ScanInput.classify("000 123-7") == .typedSerial("000 123-7"))
        #expect(ScanInput.classify(" 1237\r\n") == .typedSerial("1237"))
        #expect(ScanInput.classify("à&é") == .unreadable("à&é"), "a short scanner burst is not a serial")
    }

    @Test func aLongRunThatIsNot200DigitsIsUnreadable() {
        #expect(ScanInput.classify(token + "1") == .unreadable(token + "1"), "201 digits: the decoder never sees it as a token")
        #expect(ScanInput.classify(String(token.dropLast())) == .unreadable(String(token.dropLast())))
    }

    @Test func blankAndGarbage() {
        #expect(ScanInput.classify("") == .blank)
        #expect(ScanInput.classify(" \r\n") == .blank)
        #expect(ScanInput.classify("hello") == .unreadable("hello"))
        #expect(ScanInput.classify("12a4") == .unreadable("12a4"))
        #expect(ScanInput.classify("!!!") == .unreadable("!!!"))
    }
}
