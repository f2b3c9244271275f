import Conventions
import Foundation
import Testing

/// Paris time: the programme's days, months and date texts.
@Suite struct ParisTests {
    /// 2027-12-31 23:00:00 UTC is midnight on 1 January 2028 in Paris (UTC+1 in winter).
    static let newYearInParis = Date(timeIntervalSince1970: 1_830_294_000)

    @Test func aDayStartsAtMidnightInParisWinterAndSummer() throws {
        #expect(Paris.startOfDay("2028-01-01") == Self.newYearInParis)
        // Summer time: UTC+2, so midnight in Paris is 22:00 UTC the day before.
        #expect(try #require(Paris.startOfDay("2027-07-14")) == Date(timeIntervalSince1970: 1_815_516_000))
    }

    @Test(arguments: ["2027-02-30", "2027-13-01", "27-12-31", "2027-1-31", "2027-12-31 ", "2027/12/31", "2027-+1-01", "2027-12--1", "", "２０２７-12-31"])
    func onlyAStrictExistingDayIsADay(text: String) {
        #expect(Paris.startOfDay(text) == nil)
    }

    @Test func aMonthRunsFromItsFirstDayToTheNextMonthsFirstDay() throws {
        let month = try #require(Paris.month("2027-12"))
        #expect(month.from == Paris.startOfDay("2027-12-01"))
        #expect(month.to == Self.newYearInParis)
        #expect(Paris.month("2027-13") == nil)
    }

    @Test func datesReadAsInParis() {
        #expect(Paris.day(Self.newYearInParis) == "01/01/2028")
        #expect(Paris.dayAndTime(Self.newYearInParis.addingTimeInterval(14 * 3600 + 5 * 60)) == "01/01/2028 14:05")
        #expect(Paris.lastValidDay(expiry: Self.newYearInParis) == "31/12/2027")
        #expect(Paris.isoDay(Self.newYearInParis) == "2028-01-01")
        #expect(Paris.isoMonth(Self.newYearInParis) == "2028-01")
    }

    /// Dates in a sentence, as people write them: "30 juin 2027", "1er janvier 2028".
    @Test func aDayInASentenceIsWrittenInWords() {
        #expect(Paris.longDay("2027-06-30", french: true) == "30 juin 2027")
        #expect(Paris.longDay("2027-06-30", french: false) == "30 June 2027")
        #expect(Paris.longDay(Self.newYearInParis, french: true) == "1er janvier 2028")
        #expect(Paris.longDay(Self.newYearInParis.addingTimeInterval(-1), french: true) == "31 décembre 2027", "still 2027 in Paris")
        #expect(Paris.longDay("2027-08-01", french: false) == "1 August 2027")
        #expect(Paris.longDay("2027-02-30", french: true) == "2027-02-30", "not a day: left as it is")
    }

    @Test func machineTimesAreUTC() {
        #expect(MachineTime.rfc3339(Self.newYearInParis) == "2027-12-31T23:00:00Z")
        #expect(MachineTime.utcDay(Self.newYearInParis) == "2027-12-31")
        #expect(MachineTime.instant("2027-12-31T23:00:00Z") == Self.newYearInParis)
        #expect(MachineTime.instant("2028-01-01") == Self.newYearInParis)
        #expect(MachineTime.instant("tomorrow") == nil)
    }
}
