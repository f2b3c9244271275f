import PassVerifier
import Testing

/// SPEC.md §15: the stub code's text, its example and what a reader refuses.
@Suite struct CarnetCodeTests {
    let keyA = KeyID(text: "eb8012db")!

    @Test func theSpecExampleIsWrittenAndReadBack() throws {
        let code = try #require(CarnetCode(kid: keyA, first: Serial(6)!, count: 5))
        #expect(code.text == "9395103919500000000000000659")
        #expect(CarnetCode(text: code.text) == code)
        #expect(code.last == Serial(10)!)
    }

    @Test func aScannerOnAnAzertyKeyboardIsReadAfterTheCleanUp() throws {
        let azerty = "ç" + "395103919500000000000000659".map { "à&é\"'(-è_ç".map(String.init)[Int(String($0))!] }.joined()
        #expect(CarnetCode(text: try #require(ScanText.normalize(azerty + "\n")))?.first == Serial(6)!)
    }

    @Test func everyDamagedCodeIsRefused() {
        let good = "9395103919500000000000000659"
        var oneDigitWrong = Array(good)
        oneDigitWrong[12] = oneDigitWrong[12] == "0" ? "1" : "0"
        let refused = [
            String(good.dropLast()), good + "0", "8" + good.dropFirst(), String(oneDigitWrong),
            "9999999999900000000000000659",  // kid above 2^32 − 1 (check digit aside)
            "9395103919500000000000000000",  // serial 0, count 0
            String(repeating: "1", count: 200),  // a pass's length
        ]
        for text in refused { #expect(CarnetCode(text: text) == nil, "\(text)") }
        #expect(CarnetCode(kid: keyA, first: Serial(Serial.max)!, count: 2) == nil)
        #expect(CarnetCode(kid: keyA, first: Serial(1)!, count: 0) == nil)
        #expect(CarnetCode(kid: keyA, first: Serial(1)!, count: 10) == nil)
    }
}
