import Conventions
import Testing

@Suite struct TypographyTests {
    @Test func aFrenchLabelHasANoBreakSpaceBeforeItsColon() {
        #expect(Typography.label("N° du pass") == "N° du pass\u{00A0}:")
        #expect(Typography.noBreakSpace == "\u{00A0}")
        #expect(Typography.narrowNoBreakSpace == "\u{202F}")
    }

    @Test func frenchTextGetsNoBreakSpacesBeforeItsSigns() {
        #expect(Typography.french("Total : 3 ; fini ? oui !") == "Total\u{00A0}: 3\u{202F}; fini\u{202F}? oui\u{202F}!")
        #expect(Typography.french("12:05, a;b") == "12:05, a;b")
    }

    @Test func thousandsAreGroupedFromTheRight() {
        #expect(Typography.grouped("1234567") == "1\u{202F}234\u{202F}567")
        #expect(Typography.grouped("123") == "123")
        #expect(Typography.grouped("1234", separator: " ") == "1 234")
        #expect(Typography.grouped("") == "")
    }
}
