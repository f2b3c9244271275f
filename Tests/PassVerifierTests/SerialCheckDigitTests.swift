import PassVerifier
import Testing

@Suite struct SerialCheckDigitTests {
    @Test func dammMatchesThePublishedExample() {
        #expect(DammCheck.digit(of: [5, 7, 2]) == 4)  // 572 → 5724
        #expect(DammCheck.isValid([5, 7, 2, 4]))
        #expect(!DammCheck.isValid([5, 7, 2, 5]))
    }

    @Test func typedTextGroupsDigitsAndReadsBack() throws {
        let serial = Serial(123)!
        #expect(serial.typedText == "000 123-\(serial.checkDigit)")
        #expect(Serial(1_234_567)!.typedText.hasPrefix("1 234 567-"))
        #expect(try Serial(typed: serial.typedText) == serial)
        #expect(try Serial(typed: "123\(serial.checkDigit)") == serial)  // leading zeros and spaces optional
    }

    @Test func everySingleDigitErrorAndAdjacentSwapIsCaught() {
        for value in [1, 90, 4_711, 123_456, 281_474_976_710_655] as [UInt64] {
            let digits = Array(String(value).utf8.map { $0 - 48 }) + [Serial(value)!.checkDigit]
            for position in digits.indices {
                for wrong in 0...9 where wrong != digits[position] {
                    var typo = digits
                    typo[position] = UInt8(wrong)
                    #expect(!DammCheck.isValid(typo), "\(digits) with \(wrong) at \(position)")
                }
            }
            for position in digits.indices.dropLast() where digits[position] != digits[position + 1] {
                var swapped = digits
                swapped.swapAt(position, position + 1)
                #expect(!DammCheck.isValid(swapped), "\(digits) swapped at \(position)")
            }
        }
    }

    @Test func mistypedSerialsAreRefusedWithAReason() {
        let check = Serial(123)!.checkDigit
        let wrong = (check + 1) % 10
        #expect(throws: PassError.self) { try Serial(typed: "000 123-\(wrong)") }
        #expect(throws: PassError.self) { try Serial(typed: "000 12a-\(check)") }
        #expect(throws: PassError.self) { try Serial(typed: "0-0") }  // serial 0 does not exist
    }
}
