import Foundation
import Logging
import PassVerifier
import PostgresNIO
import SpentList
import SpentListAPI

/// Hand-overs at offices and the programme's settings, as `SQLiteSpentStore` keeps them.
extension PostgresSpentStore {
    public func recordHandout(kid: KeyID, first: Serial, last: Serial, office: Partner, at date: Date) async throws(SpentListError) -> HandoutOutcome {
        guard first <= last else { throw SpentListError(.invalidRequest, "the first serial \(first) is after the last \(last)") }
        return try await writing("record a hand-over") { connection, logger in
            // The feed row first: it orders this commit with every other writer's.
            let sequence = try await connection.query(
                "UPDATE feed_counter SET value = value + 1 WHERE name = 'feed' RETURNING value", logger: logger).collect().first!.decode(Int64.self)
            if let earlier = try await Self.handout(connection, logger, kid: kid, first, last) { return .already(earlier) }
            let revoked = try await connection.query("""
                SELECT reason FROM revocations WHERE kid = \(kid.text) AND first_serial <= \(Int64(last.value)) AND last_serial >= \(Int64(first.value))
                 ORDER BY revoked_at_ms LIMIT 1
                """, logger: logger).collect()
            if let row = revoked.first { return .revoked(reason: try row.decode(String.self)) }
            try await connection.query("""
                INSERT INTO handouts (kid, first_serial, last_serial, office_id, handed_out_at_ms, recorded_at_ms, feed_seq)
                VALUES (\(kid.text), \(Int64(first.value)), \(Int64(last.value)), \(office.id), \(Millis.from(date)), \(Millis.from(Date())), \(sequence))
                """, logger: logger)
            return .recorded(Handout(kid: kid, first: first, last: last, officeID: office.id, officeName: office.name, at: Millis.date(Millis.from(date))))
        }
    }

    public func handout(of pass: PassRef) async throws(SpentListError) -> Handout? {
        try await reading("look up a hand-over") { connection, logger in
            try await Self.handout(connection, logger, kid: pass.kid, pass.serial, pass.serial)
        }
    }

    public func programme() async throws(SpentListError) -> API.Programme {
        try await reading("read the programme settings") { connection, logger in
            let rows = try await connection.query("SELECT value FROM programme_settings WHERE name = 'programme'", logger: logger).collect()
            guard let row = rows.first else { return .standard }
            guard let settings = try? API.decodeAnswer(API.Programme.self, from: Data(try row.decode(String.self).utf8)), settings.problem == nil else {
                throw SpentListError(.corruptRow, "the programme settings in the spent list are damaged")
            }
            return settings
        }
    }

    public func setProgramme(_ settings: API.Programme) async throws(SpentListError) {
        if let problem = settings.problem { throw SpentListError(.invalidRequest, problem) }
        let json = API.text(settings)
        try await writing("record the programme settings") { connection, logger in
            try await connection.query("""
                INSERT INTO programme_settings (name, value) VALUES ('programme', \(json))
                ON CONFLICT (name) DO UPDATE SET value = excluded.value
                """, logger: logger)
        }
    }

    /// The hand-over of a carnet sharing a serial with first…last, with its office's name.
    static func handout(_ connection: PostgresConnection, _ logger: Logger, kid: KeyID, _ first: Serial, _ last: Serial) async throws -> Handout? {
        let rows = try await connection.query("""
            SELECT h.first_serial, h.last_serial, h.office_id, p.name, h.handed_out_at_ms
              FROM handouts h JOIN partners p ON p.id = h.office_id
             WHERE h.kid = \(kid.text) AND h.first_serial <= \(Int64(last.value)) AND h.last_serial >= \(Int64(first.value))
             ORDER BY h.first_serial LIMIT 1
            """, logger: logger).collect()
        guard let row = rows.first else { return nil }
        let (from, to, office, name, at) = try row.decode((Int64, Int64, Int64, String, Int64).self)
        return Handout(kid: kid, first: try PostgresRows.serial(from), last: try PostgresRows.serial(to), officeID: office, officeName: name, at: Millis.date(at))
    }
}
