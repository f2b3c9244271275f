import Foundation
import PassVerifier

/// What one partner is owed for a period: count, total and the passes, oldest first.
public struct PartnerSettlement: Sendable, Equatable {
    public let partnerID: Int64
    public let partnerName: String
    public let redemptions: [Redemption]

    public init(partnerID: Int64, partnerName: String, redemptions: [Redemption]) {
        self.partnerID = partnerID
        self.partnerName = partnerName
        self.redemptions = redemptions
    }

    public var count: Int { redemptions.count }
    public var totalCents: Int64 { redemptions.reduce(0) { $0 + Int64($1.value.value) } }
}

/// Redemptions in [from, to), per partner by name.
public struct Settlement: Sendable, Equatable {
    public let from: Date
    public let to: Date
    public let partners: [PartnerSettlement]

    public init(from: Date, to: Date, partners: [PartnerSettlement]) {
        self.from = from
        self.to = to
        self.partners = partners
    }

    public var count: Int { partners.reduce(0) { $0 + $1.count } }
    public var totalCents: Int64 { partners.reduce(0) { $0 + $1.totalCents } }

    /// Groups redemptions (sorted by partner name, then time) into per-partner lines.
    public init(from: Date, to: Date, sorted redemptions: [Redemption]) {
        var partners: [PartnerSettlement] = []
        var current: [Redemption] = []
        for redemption in redemptions {
            if let first = current.first, first.partnerID != redemption.partnerID {
                partners.append(PartnerSettlement(partnerID: first.partnerID, partnerName: first.partnerName, redemptions: current))
                current = []
            }
            current.append(redemption)
        }
        if let first = current.first {
            partners.append(PartnerSettlement(partnerID: first.partnerID, partnerName: first.partnerName, redemptions: current))
        }
        self.init(from: from, to: to, partners: partners)
    }
}
