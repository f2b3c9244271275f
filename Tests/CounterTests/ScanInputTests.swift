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

    @Test func shorterDigitRunsAreTypedSerials() {
        #expect(ScanInput.classify("0000 0012 3454") == .typedSerial("000000123454"))
        #expect(ScanInput.classify("à&é") == .typedSerial("012"))
        #expect(ScanInput.classify(token + "1") == .typedSerial(token + "1"), "201 digits is not a token; the decoder never sees it as one")
    }

    @Test func blankAndGarbage() {
        #expect(ScanInput.classify("") == .blank)
        #expect(ScanInput.classify(" \r\n") == .blank)
        #expect(ScanInput.classify("hello") == .unreadable("hello"))
        #expect(ScanInput.classify("12a4") == .unreadable("12a4"))
        #expect(ScanInput.classify("!!!") == .unreadable("!!!"))
    }
}
