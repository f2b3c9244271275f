import SpentList
import Testing

@Suite struct APIKeyTests {
    @Test func newKeysAreRandomPrefixedAndHashStably() {
        let a = APIKey.generate(.partner), b = APIKey.generate(.partner)
        #expect(a.text.hasPrefix("pnk_") && a.text.count == 4 + 43)
        #expect(APIKey.generate(.admin).text.hasPrefix("pna_"))
        #expect(a.text != b.text)
        #expect(a.hash.matches(APIKey(text: a.text).hash))
        #expect(!a.hash.matches(b.hash))
        #expect(APIKeyHash(hex: a.hash.hex) == a.hash)
        #expect(!"\(a)".contains(a.text))
    }

    @Test func base64URLRoundTripsAndRefusesStandardAlphabet() {
        let bytes: [UInt8] = [0xfb, 0xff, 0x00, 0x10]
        #expect(Base64URL.decode(Base64URL.encode(bytes)) == bytes)
        #expect(Base64URL.decode("+/8A") == nil)
    }
}
