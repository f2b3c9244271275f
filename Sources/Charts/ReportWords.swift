import Conventions

/// The words of the programme's report, in French (the funders' paper, the dashboard's default)
/// or English (the dashboard's other language): titles, sentences, column names, the kinds of
/// help and the months, and how numbers and shares are written.
public struct ReportWords: Sendable {
    public let french: Bool
    public let numbers: ChartNumbers
    /// Days as a sentence writes them ("30 juin 2027"), for the funders' paper and `passnum
    /// report`'s text; "30/06/2027" otherwise, as the dashboard shows them in its tables.
    public private(set) var daysInWords = false

    public static let fr = ReportWords(french: true)
    public static let en = ReportWords(french: false)
    /// French, days in words: the printed evaluation report's, and the terminal's.
    public static let frPaper = ReportWords(french: true, daysInWords: true)

    private init(french: Bool, daysInWords: Bool = false) {
        (self.french, self.daysInWords) = (french, daysInWords)
        numbers = ChartNumbers(french: french)
    }

    /// The French or the English.
    func say(_ fr: String, _ en: String) -> String { french ? Typography.french(fr) : en }

    func count(_ value: Int) -> String { numbers.count(Int64(value)) }
    func euros(_ cents: Int64) -> String { numbers.euros(cents) }
    func days(_ value: Double) -> String { numbers.days(value) }

    /// "62 %" (a narrow no-break space in French), "62%"; "—" for a share of nothing.
    func share(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "—" }
        let percent = Int((Double(part) * 100 / Double(whole)).rounded())
        return french ? "\(percent)\(Typography.narrowNoBreakSpace)%" : "\(percent)%"
    }

    /// "31/12/2027", or "31 décembre 2027" with `daysInWords`, from "2027-12-31" (an English
    /// reader gets the ISO day as it is).
    func day(_ iso: String) -> String {
        guard french else { return iso }
        if daysInWords { return Paris.longDay(iso, french: true) }
        let parts = iso.split(separator: "-")
        return parts.count == 3 ? "\(parts[2])/\(parts[1])/\(parts[0])" : iso
    }

    private static let frenchMonths = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
    private static let englishMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// "nov." for "2026-11", with the year on a second line when `withYear` (a chart's first
    /// month and every January); "nov. 2026" in a table (`inline`).
    func month(_ iso: String, withYear: Bool = true, inline: Bool = false) -> String {
        let parts = iso.split(separator: "-")
        guard parts.count == 2, let number = Int(parts[1]), (1...12).contains(number) else { return iso }
        let name = (french ? Self.frenchMonths : Self.englishMonths)[number - 1]
        guard withYear else { return name }
        return name + (inline ? " " : "\n") + parts[0]
    }

    /// The words for the programme's standard kinds of help, French and English: the one list
    /// the report, its PDF, the dashboard and `passnum report` use. The web counter's buttons
    /// and the partner view keep a copy in Web/js/words.mjs (`help_<code>`), which
    /// HelpKindWordsTests holds equal to this one, so a partner taps the word the funder reads.
    public static let helpKindWords: [(code: String, fr: String, en: String)] = [
        ("mailbox", "Boîte mail", "Mailbox"),
        ("cv", "CV", "CV"),
        ("online_forms", "Démarches en ligne", "Online forms"),
        ("device_setup", "Réglage d'un appareil", "Device set-up"),
        ("other", "Autre", "Other"),
    ]

    /// The programme's codes for kinds of help, in words; "none" is a pass with no kind
    /// recorded; another code (one the programme added) is shown as it is.
    func helpKind(_ code: String) -> String {
        if code == "none" { return say("Non renseigné", "Not recorded") }
        guard let words = Self.helpKindWords.first(where: { $0.code == code }) else { return code }
        return say(words.fr, words.en)
    }
}
