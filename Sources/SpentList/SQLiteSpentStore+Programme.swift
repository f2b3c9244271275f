import Foundation
import GRDB
import PassVerifier
import SpentListAPI

/// Hand-overs at offices and the programme's settings.
extension SQLiteSpentStore {
    public func recordHandout(kid: KeyID, first: Serial, last: Serial, office: Partner, at date: Date) async throws(SpentListError) -> HandoutOutcome {
        guard first <= last else { throw SpentListError(.invalidRequest, "the first serial \(first) is after the last \(last)") }
        return try await writing("record a hand-over") { db in
            if let earlier = try Self.handout(db, kid: kid, overlapping: first, last) { return .already(earlier) }
            if let (reason, _) = try Self.revocation(db, kid: kid.text, first: Int64(first.value), last: Int64(last.value)) {
                return .revoked(reason: reason)
            }
            let sequence = try Self.reserveSequences(db, count: 1) + 1
            try db.execute(
                sql: """
                    INSERT INTO handouts (kid, first_serial, last_serial, office_id, handed_out_at_ms, recorded_at_ms, feed_seq)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [kid, first, last, office.id, Millis.from(date), Millis.from(Date()), sequence])
            return .recorded(Handout(kid: kid, first: first, last: last, officeID: office.id, officeName: office.name, at: Millis.date(Millis.from(date))))
        }
    }

    public func handout(of pass: PassRef) async throws(SpentListError) -> Handout? {
        try await reading("look up a hand-over") { db in
            try Self.handout(db, kid: pass.kid, overlapping: pass.serial, pass.serial)
        }
    }

    public func recordHelp(_ pass: PassRef, partnerID: Int64, kind: String) async throws(SpentListError) -> Bool {
        try await writing("record a kind of help") { db in try Self.recordHelp(db, pass, partnerID: partnerID, kind: kind) }
    }

    /// The kind of help an offline item carried, with the redemption that counts for it (sent
    /// again, it fills a kind not recorded yet, as the online route would).
    static func recordHelp(_ db: Database, _ request: OfflineRedemptionRequest) throws {
        guard let kind = request.helpKind else { return }
        _ = try recordHelp(db, request.pass, partnerID: request.partner.id, kind: kind)
    }

    /// Sets the kind of help of `partnerID`'s redemption of `pass` unless one is recorded already.
    private static func recordHelp(_ db: Database, _ pass: PassRef, partnerID: Int64, kind: String) throws -> Bool {
        try db.execute(
            sql: "UPDATE redemptions SET help_kind = ? WHERE kid = ? AND serial = ? AND partner_id = ? AND help_kind IS NULL",
            arguments: [kind, pass.kid, pass.serial, partnerID])
        return db.changesCount == 1
    }

    public func programme() async throws(SpentListError) -> API.Programme {
        try await reading("read the programme settings") { db in
            guard let json = try String.fetchOne(db, sql: "SELECT value FROM programme_settings WHERE name = 'programme'") else { return .standard }
            guard let settings = try? API.decodeAnswer(API.Programme.self, from: Data(json.utf8)), settings.problem == nil else {
                throw SpentListError(.corruptRow, "the programme settings in the spent list are damaged")
            }
            return settings
        }
    }

    public func setProgramme(_ settings: API.Programme) async throws(SpentListError) {
        if let problem = settings.problem { throw SpentListError(.invalidRequest, problem) }
        let json = API.text(settings)
        try await writing("record the programme settings") { db in
            try db.execute(
                sql: "INSERT INTO programme_settings (name, value) VALUES ('programme', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                arguments: [json])
        }
    }

    /// The hand-over of a carnet that shares a serial with first…last, with its office's name.
    static func handout(_ db: Database, kid: KeyID, overlapping first: Serial, _ last: Serial) throws -> Handout? {
        let statement = try db.cachedStatement(sql: """
            SELECT h.first_serial, h.last_serial, h.office_id, p.name, h.handed_out_at_ms
              FROM handouts h JOIN partners p ON p.id = h.office_id
             WHERE h.kid = ? AND h.first_serial <= ? AND h.last_serial >= ?
             ORDER BY h.first_serial LIMIT 1
            """)
        guard let row = try Row.fetchOne(statement, arguments: [kid.text, Int64(last.value), Int64(first.value)]) else { return nil }
        return Handout(
            kid: kid, first: try row.decode(forColumn: "first_serial"), last: try row.decode(forColumn: "last_serial"),
            officeID: try row.decode(forColumn: "office_id"), officeName: try row.decode(forColumn: "name"),
            at: Millis.date(try row.decode(forColumn: "handed_out_at_ms")))
    }

    /// A revocation covering any serial of first…last.
    static func revocation(_ db: Database, kid: String, first: Int64, last: Int64) throws -> (String, Int64)? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT reason, revoked_at_ms FROM revocations
             WHERE kid = ? AND first_serial <= ? AND last_serial >= ?
             ORDER BY revoked_at_ms LIMIT 1
            """, arguments: [kid, last, first]) else { return nil }
        return (try row.decode(forColumn: "reason"), try row.decode(forColumn: "revoked_at_ms"))
    }
}
