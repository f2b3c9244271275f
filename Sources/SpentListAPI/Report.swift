import Foundation

extension API {
    /// `GET /v1/report` (admin) and `passnum report --json`: the programme's figures at one
    /// instant (`asOf`), totals only, nothing about people. Both stores compute it with the same
    /// code (`ProgrammeReport` in SpentList); the dashboard and the PDF report draw from it.
    /// Months are Paris months ("2026-11"); README "For programme staff" says what each figure
    /// means.
    public struct Report: Codable, Sendable, Equatable {
        public var asOf: Timestamp
        /// The programme's grace period, counted into every expiry below.
        public var graceDays: Int
        /// The whole programme: every published batch.
        public var total: Funnel
        public var batches: [BatchFigures]
        /// Offices by name: the carnets each handed out.
        public var offices: [OfficeFigures]
        /// Every Paris month from the first event to `asOf`'s month, oldest first.
        public var months: [MonthFigures]
        /// Carnets handed out whose unused passes expire within 30 days of `asOf`, by office.
        public var expiringSoon: [OfficeExpiring]

        public init(
            asOf: Timestamp, graceDays: Int, total: Funnel, batches: [BatchFigures], offices: [OfficeFigures],
            months: [MonthFigures], expiringSoon: [OfficeExpiring]
        ) {
            (self.asOf, self.graceDays, self.total, self.batches) = (asOf, graceDays, total, batches)
            (self.offices, self.months, self.expiringSoon) = (offices, months, expiringSoon)
        }
    }

    /// From printed to used. For a batch or the whole programme these are its carnets; for an
    /// office, the carnets it handed out; for a month, what happened during that month (passes
    /// printed, carnets handed out, first used, finished, passes whose validity ended).
    public struct Funnel: Codable, Sendable, Equatable {
        public var passesPrinted: Int
        public var carnetsPrinted: Int
        public var carnetsHandedOut: Int
        /// Carnets with at least one pass used, handed out or not.
        public var carnetsFirstUsed: Int
        /// Carnets whose every pass was used.
        public var carnetsAllUsed: Int
        /// Carnets with a pass used that no office handed out (hand-over not required, or not scanned).
        public var carnetsUsedNotHandedOut: Int
        public var passesUsed: Int
        /// Passes neither used nor cancelled once their validity (with the grace period) ended.
        public var passesExpiredUnused: Int
        /// Passes cancelled (a lost or stolen carnet) before they were used.
        public var passesCancelledUnused: Int
        /// Days from hand-over to the carnet's first use, over carnets handed out then used.
        public var firstUseDays: Quartiles

        public init(
            passesPrinted: Int = 0, carnetsPrinted: Int = 0, carnetsHandedOut: Int = 0, carnetsFirstUsed: Int = 0,
            carnetsAllUsed: Int = 0, carnetsUsedNotHandedOut: Int = 0, passesUsed: Int = 0, passesExpiredUnused: Int = 0,
            passesCancelledUnused: Int = 0, firstUseDays: Quartiles = Quartiles()
        ) {
            (self.passesPrinted, self.carnetsPrinted, self.carnetsHandedOut) = (passesPrinted, carnetsPrinted, carnetsHandedOut)
            (self.carnetsFirstUsed, self.carnetsAllUsed, self.carnetsUsedNotHandedOut) = (carnetsFirstUsed, carnetsAllUsed, carnetsUsedNotHandedOut)
            (self.passesUsed, self.passesExpiredUnused, self.passesCancelledUnused) = (passesUsed, passesExpiredUnused, passesCancelledUnused)
            self.firstUseDays = firstUseDays
        }
    }

    /// Days, to a tenth: the first quartile, the median and the third quartile (interpolated
    /// between ranks, as a spreadsheet's QUARTILE.INC), over `count` carnets; all 0 when none.
    public struct Quartiles: Codable, Sendable, Equatable {
        public var count: Int, q1: Double, median: Double, q3: Double
        public init(count: Int = 0, q1: Double = 0, median: Double = 0, q3: Double = 0) {
            (self.count, self.q1, self.median, self.q3) = (count, q1, median, q3)
        }
    }

    public struct BatchFigures: Codable, Sendable, Equatable {
        /// The funder batch's name, as given to `passnum issue --label`.
        public var label: String
        public var kid: String, firstSerial: UInt64, lastSerial: UInt64, valueCents: Int64
        /// The last day (Paris, YYYY-MM-DD) a pass of the batch is accepted, grace period included.
        public var lastValidDay: String
        /// True once that day is over: `unusedValueCents` is then final.
        public var expired: Bool
        /// The value of passes neither used nor cancelled at expiry (0 before it).
        public var unusedValueCents: Int64
        public var funnel: Funnel

        public init(
            label: String, kid: String, firstSerial: UInt64, lastSerial: UInt64, valueCents: Int64, lastValidDay: String,
            expired: Bool, unusedValueCents: Int64, funnel: Funnel
        ) {
            (self.label, self.kid, self.firstSerial, self.lastSerial, self.valueCents) = (label, kid, firstSerial, lastSerial, valueCents)
            (self.lastValidDay, self.expired, self.unusedValueCents, self.funnel) = (lastValidDay, expired, unusedValueCents, funnel)
        }
    }

    public struct OfficeFigures: Codable, Sendable, Equatable {
        public var office: String, funnel: Funnel
        public init(office: String, funnel: Funnel) { (self.office, self.funnel) = (office, funnel) }
    }

    public struct MonthFigures: Codable, Sendable, Equatable {
        /// "2026-11", a Paris month.
        public var month: String
        public var funnel: Funnel
        /// Redemptions made during the month (scan time), all partners.
        public var redemptions: Int
        public var redeemedCents: Int64
        /// The month's settlement: what is owed to each partner for it, the statement's figures.
        public var partners: [Figure]
        /// Redemptions by kind of help ("none" when the partner recorded none).
        public var helpKinds: [Figure]
        /// Offline redemptions of the month that did not count (the conflicts list).
        public var conflicts: Int
        /// The value of passes valid, unused and not cancelled at the end of the month (at
        /// `asOf` for the month not over yet): what the programme may still have to pay.
        public var liabilityCents: Int64

        public init(
            month: String, funnel: Funnel, redemptions: Int, redeemedCents: Int64, partners: [Figure], helpKinds: [Figure],
            conflicts: Int, liabilityCents: Int64
        ) {
            (self.month, self.funnel, self.redemptions, self.redeemedCents) = (month, funnel, redemptions, redeemedCents)
            (self.partners, self.helpKinds, self.conflicts, self.liabilityCents) = (partners, helpKinds, conflicts, liabilityCents)
        }
    }

    /// A count and a value under a name (a partner, a kind of help).
    public struct Figure: Codable, Sendable, Equatable {
        public var name: String, count: Int, valueCents: Int64
        public init(name: String, count: Int, valueCents: Int64) { (self.name, self.count, self.valueCents) = (name, count, valueCents) }
    }

    public struct OfficeExpiring: Codable, Sendable, Equatable {
        public var office: String, carnets: [ExpiringCarnet]
        public init(office: String, carnets: [ExpiringCarnet]) { (self.office, self.carnets) = (office, carnets) }
    }

    /// A carnet as its stub names it: nothing about the person who holds it.
    public struct ExpiringCarnet: Codable, Sendable, Equatable {
        /// "000006", the number printed on the stub (its first serial), with the pass number of
        /// its first pass ("195 000 006-4"), which tells carnets of different keys apart.
        public var carnet: String, firstPass: String
        public var kid: String, firstSerial: UInt64
        public var passesLeft: Int
        /// YYYY-MM-DD, Paris, grace period included.
        public var lastValidDay: String

        public init(carnet: String, firstPass: String, kid: String, firstSerial: UInt64, passesLeft: Int, lastValidDay: String) {
            (self.carnet, self.firstPass, self.kid, self.firstSerial) = (carnet, firstPass, kid, firstSerial)
            (self.passesLeft, self.lastValidDay) = (passesLeft, lastValidDay)
        }
    }

    /// `POST /v1/batches` (admin): batches of printed passes, from the issuance ledger
    /// (`passnum batches publish`). Idempotent: a batch already known is left as it is.
    public struct BatchList: ContractRequest, Encodable, Equatable {
        enum CodingKeys: String, CodingKey, CaseIterable { case batches }
        public var batches: [PrintedBatch]
        public init(batches: [PrintedBatch]) { self.batches = batches }
        public init(from decoder: any Decoder) throws { batches = try decoder.strictContainer(CodingKeys.self).decode([PrintedBatch].self, forKey: .batches) }
    }

    public struct PrintedBatch: ContractRequest, Encodable, Equatable {
        public var kid: String, firstSerial: UInt64, carnets: Int, perCarnet: Int, valueCents: Int64
        /// The expiry signed in the passes (the first instant they are no longer valid).
        public var expiry: Timestamp
        public var label: String, printedAt: Timestamp

        public init(kid: String, firstSerial: UInt64, carnets: Int, perCarnet: Int, valueCents: Int64, expiry: Timestamp, label: String, printedAt: Timestamp) {
            (self.kid, self.firstSerial, self.carnets, self.perCarnet, self.valueCents) = (kid, firstSerial, carnets, perCarnet, valueCents)
            (self.expiry, self.label, self.printedAt) = (expiry, label, printedAt)
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case kid, firstSerial, carnets, perCarnet, valueCents, expiry, label, printedAt }
        public init(from decoder: any Decoder) throws {
            let c = try decoder.strictContainer(CodingKeys.self)
            self.init(
                kid: try c.decode(String.self, forKey: .kid), firstSerial: try c.decode(UInt64.self, forKey: .firstSerial),
                carnets: try c.decode(Int.self, forKey: .carnets), perCarnet: try c.decode(Int.self, forKey: .perCarnet),
                valueCents: try c.decode(Int64.self, forKey: .valueCents), expiry: try c.decode(Timestamp.self, forKey: .expiry),
                label: try c.decode(String.self, forKey: .label), printedAt: try c.decode(Timestamp.self, forKey: .printedAt))
        }
    }

    /// The answer to `POST /v1/batches`: how many were new, how many known already.
    public struct BatchesPublished: Codable, Sendable, Equatable {
        public var recorded: Int, unchanged: Int
        public init(recorded: Int, unchanged: Int) { (self.recorded, self.unchanged) = (recorded, unchanged) }
    }
}
