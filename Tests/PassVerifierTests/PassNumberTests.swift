import Foundation
import PassVerifier
import Testing

/// The pass number of SPEC.md §11: unique across the keys of a trust list, self-checking.
@Suite struct PassNumberTests {
    let kidA = KeyID(text: "eb8012db")!  // 0xeb8012db = 3951039195 → series 195

    @Test func theWorkedExampleOfTheSpec() throws {
        let number = PassNumber(keyID: kidA, serial: Serial(1)!)
        #expect(number.series.text == "195")
        #expect(number.text == "195 000 001-0")
        #expect(try PassNumber(typed: "195 000 001-0") == number)
        #expect(try PassNumber(typed: "1950000010") == number)
        #expect(PassNumber(keyID: kidA, serial: Serial(1_234_567)!).text.hasPrefix("195 1 234 567-"))
        #expect(PassSeries(keyID: KeyID(text: "00000007")!).text == "007")
    }

    /// The same serial under two keys gives two numbers, each naming its own key.
    @Test func oneSerialUnderTwoKeysGivesTwoNumbers() throws {
        let kidB = KeyID(text: "6aaacd17")!
        let a = PassNumber(keyID: kidA, serial: Serial(2)!)
        let b = PassNumber(keyID: kidB, serial: Serial(2)!)
        #expect(a != b && a.text != b.text)
        #expect(a.names(keyID: kidA) && !a.names(keyID: kidB))
        #expect(try PassNumber(typed: b.text).names(keyID: kidB))
    }

    @Test func theCheckDigitCoversTheSeries() throws {
        let number = PassNumber(keyID: kidA, serial: Serial(1)!).text  // "195 000 001-0"
        #expect(throws: PassError.self) { try PassNumber(typed: "196" + number.dropFirst(3)) }
        #expect(throws: PassError.self) { try PassNumber(typed: "915" + number.dropFirst(3)) }
    }

    @Test func typedNumbersToldApartByLength() throws {
        #expect(try TypedNumber(typed: "000 001-3") == .serialOnly(Serial(1)!))
        #expect(try TypedNumber(typed: "195 000 001-0") == .pass(PassNumber(keyID: kidA, serial: Serial(1)!)))
        #expect(throws: PassError.self) { try TypedNumber(typed: "195 000 001-1") }
    }

    /// Every case of Vectors/pass-numbers.json, made by the generator without this type.
    @Test func agreesWithTheVectors() throws {
        let data = try Data(contentsOf: Fixtures.repository.appendingPathComponent("Vectors/pass-numbers.json"))
        let file = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(file["format"] as? String == "passnum-pass-numbers/v1")
        let valid = try #require(file["valid"] as? [[String: Any]])
        let invalid = try #require(file["invalid"] as? [[String: Any]])
        #expect(valid.count >= 5 && invalid.count >= 6)
        for case_ in valid {
            let kid = try #require(KeyID(text: case_["kid"] as? String ?? ""))
            let serial = try #require(Serial(UInt64(case_["serial"] as? Int ?? 0)))
            let number = PassNumber(keyID: kid, serial: serial)
            #expect(number.text == case_["number"] as? String)
            #expect(number.series.text == case_["series"] as? String)
            for typed in [case_["number"] as? String ?? ""] + (case_["typed"] as? [String] ?? []) {
                #expect(try PassNumber(typed: typed) == number, "\(typed)")
            }
        }
        for case_ in invalid {
            let typed = case_["typed"] as? String ?? ""
            #expect(throws: PassError.self, "\(typed): \(case_["comment"] ?? "")") { try PassNumber(typed: typed) }
        }
    }

    @Test func aTrustListFindsTheKeyOfASeries() throws {
        let list = try TrustList(json: Data(contentsOf: Fixtures.repository.appendingPathComponent("Vectors/trustlist.json")))
        let number = try PassNumber(typed: "195 000 001-0")
        #expect(list.keys(inSeries: number.series).map(\.kid) == [kidA])
        #expect(list.keys(inSeries: PassSeries(0)!).isEmpty)
    }
}
