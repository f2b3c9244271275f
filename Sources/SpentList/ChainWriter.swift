import GRDB

/// Writes redemptions in one SQLite transaction, each linked to the one before
/// (`RedemptionChain`). The chain's head is read once, after the feed numbers were taken (the
/// transaction holds the write lock then), and written back once by `finish()`: two small
/// statements per batch, and one hash per redemption recorded.
struct ChainWriter {
    private let db: Database
    private let insert: Statement
    private var head: ChainLink
    private var moved = false

    init(_ db: Database) throws {
        self.db = db
        insert = try db.cachedStatement(sql: """
            INSERT INTO redemptions (kid, serial, value_cents, partner_id, redeemed_at_ms, recorded_at_ms, feed_seq, token, chain_prev)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (kid, serial) DO NOTHING
            """)
        let stored = try String.fetchOne(db, sql: "SELECT chain_head FROM feed_counter WHERE name = 'feed'")
        head = try stored.map { text throws in
            guard let link = ChainLink(hex: text) else { throw SpentListError(.corruptRow, "the chain's head in feed_counter is damaged") }
            return link
        } ?? .start
    }

    /// The one statement that writes a redemption, online or offline: the primary key
    /// (kid, serial) makes it happen at most once. Returns the redemption with the link before
    /// it, or nil when the pass was already redeemed (the chain then does not move).
    mutating func insert(_ r: Redemption, token: String, sequence: Int64, recordedAt: Int64) throws -> Redemption? {
        try insert.execute(arguments: [
            r.pass.kid.text, Int64(r.pass.serial.value), Int64(r.value.value), r.partnerID, Millis.from(r.redeemedAt),
            recordedAt, sequence, token, head.hex,
        ])
        guard db.changesCount == 1 else { return nil }
        let recorded = Redemption(
            pass: r.pass, value: r.value, partnerID: r.partnerID, partnerName: r.partnerName, redeemedAt: r.redeemedAt, chainPrevious: head)
        head = RedemptionChain.link(after: head, recorded, token: token)
        moved = true
        return recorded
    }

    /// Keeps the new head, when a redemption was recorded.
    func finish() throws {
        guard moved else { return }
        try db.execute(sql: "UPDATE feed_counter SET chain_head = ? WHERE name = 'feed'", arguments: [head.hex])
    }

    /// A stored `chain_prev`: nil before the chain began; a damaged one is a damaged row.
    static func link(_ text: String?, of pass: PassRef) throws -> ChainLink? {
        guard let text else { return nil }
        guard let link = ChainLink(hex: text) else { throw SpentListError(.corruptRow, "the chain link of \(pass) is damaged") }
        return link
    }
}
