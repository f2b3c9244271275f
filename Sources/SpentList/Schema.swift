import GRDB

/// The versioned schema, migrated at start. Plain SQL that PostgreSQL also accepts (BIGINT,
/// TEXT, composite keys, ON CONFLICT): no AUTOINCREMENT, no rowid in any key or cursor. Times
/// are Unix milliseconds, UTC. The same list migrates the PostgreSQL store (PostgresSpentList),
/// so both stores hold the same tables under the same names.
public enum Schema {
    /// The migrations, oldest first: a name recorded once applied, and the SQL that applies it.
    public static let migrations: [(identifier: String, sql: String)] = [
        ("v1: partners, redemptions, revocations, feed", """
                CREATE TABLE partners (
                    id BIGINT NOT NULL PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE,
                    key_hash TEXT NOT NULL UNIQUE,
                    created_at_ms BIGINT NOT NULL,
                    disabled_at_ms BIGINT
                );
                CREATE TABLE admin_keys (
                    key_hash TEXT NOT NULL PRIMARY KEY,
                    created_at_ms BIGINT NOT NULL,
                    retired_at_ms BIGINT
                );
                -- Feed sequence numbers are taken from this row inside each writing transaction:
                -- the row lock orders commits, so sequence order is commit order on any store.
                CREATE TABLE feed_counter (
                    name TEXT NOT NULL PRIMARY KEY,
                    value BIGINT NOT NULL
                );
                INSERT INTO feed_counter (name, value) VALUES ('feed', 0);
                -- One row per pass ever redeemed: the primary key is the exactly-once guarantee.
                -- Conflicts found when offline journals sync go to a table of
                -- their own that points here; this row stays the one that counts.
                CREATE TABLE redemptions (
                    kid TEXT NOT NULL,
                    serial BIGINT NOT NULL,
                    value_cents BIGINT NOT NULL,
                    partner_id BIGINT NOT NULL REFERENCES partners (id),
                    redeemed_at_ms BIGINT NOT NULL,
                    recorded_at_ms BIGINT NOT NULL,
                    feed_seq BIGINT NOT NULL UNIQUE,
                    PRIMARY KEY (kid, serial)
                );
                CREATE INDEX redemptions_by_time ON redemptions (redeemed_at_ms);
                CREATE TABLE revocations (
                    kid TEXT NOT NULL,
                    first_serial BIGINT NOT NULL,
                    last_serial BIGINT NOT NULL,
                    reason TEXT NOT NULL,
                    revoked_at_ms BIGINT NOT NULL,
                    feed_seq BIGINT NOT NULL UNIQUE,
                    PRIMARY KEY (kid, first_serial, last_serial),
                    CHECK (first_serial <= last_serial)
                );
                """),
        ("v2: conflicts of offline redemptions", """
                -- An offline redemption that came second (another partner first), or that the
                -- service refused (revoked, does not verify at its scan time). Never counted for
                -- payment: the redemptions row stays the one that counts. One row per
                -- (kid, serial, partner), so a journal sent twice records nothing new.
                CREATE TABLE conflicts (
                    kid TEXT NOT NULL,
                    serial BIGINT NOT NULL,
                    partner_id BIGINT NOT NULL REFERENCES partners (id),
                    scanned_at_ms BIGINT NOT NULL,
                    value_cents BIGINT NOT NULL,
                    first_partner_id BIGINT REFERENCES partners (id),
                    first_redeemed_at_ms BIGINT,
                    reason TEXT NOT NULL,
                    recorded_at_ms BIGINT NOT NULL,
                    PRIMARY KEY (kid, serial, partner_id)
                );
                CREATE INDEX conflicts_by_time ON conflicts (scanned_at_ms);
                """),
        ("v3: offices, hand-overs, programme settings", """
            -- Offices (social-services offices that hand carnets out) hold keys like partners;
            -- the role says which routes a key opens.
            ALTER TABLE partners ADD COLUMN role TEXT NOT NULL DEFAULT 'partner' CHECK (role IN ('partner', 'office'));
            -- One row per carnet handed out: a carnet, an office and a time, nothing about
            -- the person who received it (by design). A carnet is handed out once.
            CREATE TABLE handouts (
                kid TEXT NOT NULL,
                first_serial BIGINT NOT NULL,
                last_serial BIGINT NOT NULL,
                office_id BIGINT NOT NULL REFERENCES partners (id),
                handed_out_at_ms BIGINT NOT NULL,
                recorded_at_ms BIGINT NOT NULL,
                feed_seq BIGINT NOT NULL UNIQUE,
                PRIMARY KEY (kid, first_serial),
                CHECK (first_serial <= last_serial)
            );
            CREATE TABLE programme_settings (
                name TEXT NOT NULL PRIMARY KEY,
                value TEXT NOT NULL
            );
            """),
        ("v4: kinds of help", """
            -- The kind of help a partner gave, from the programme's list; reported as totals only.
            ALTER TABLE redemptions ADD COLUMN help_kind TEXT;
            """),
        ("v5: tokens as scanned, the chain of redemptions", """
            -- The token as scanned, so that anyone auditing a copy of the list can verify every
            -- paid pass again (`passnum audit`). NULL on rows recorded before this version.
            ALTER TABLE redemptions ADD COLUMN token TEXT;
            -- The chain of redemptions in feed order (SPEC.md §12.2): the link before this row,
            -- 64 lowercase hex digits, which its receipt carries. NULL before the chain began.
            ALTER TABLE redemptions ADD COLUMN chain_prev TEXT;
            -- The link after the last chained redemption, kept in the row whose lock orders
            -- commits, so every writer extends the chain from the last commit.
            ALTER TABLE feed_counter ADD COLUMN chain_head TEXT;
            """),
        ("v6: printed batches", """
            -- Batches of printed passes, published from the issuance ledger (`passnum batches
            -- publish`) so that reports can follow every carnet from printing to use. What the
            -- passes say (key, serials, value, expiry) and the funder batch's name: nothing more.
            CREATE TABLE batches (
                kid TEXT NOT NULL,
                first_serial BIGINT NOT NULL,
                carnets BIGINT NOT NULL CHECK (carnets >= 1),
                per_carnet BIGINT NOT NULL CHECK (per_carnet >= 1),
                value_cents BIGINT NOT NULL,
                expiry_ms BIGINT NOT NULL,
                label TEXT NOT NULL,
                printed_at_ms BIGINT NOT NULL,
                recorded_at_ms BIGINT NOT NULL,
                PRIMARY KEY (kid, first_serial)
            );
            """),
    ]

    /// A conflict with both partners' names, as both stores read it back (a WHERE follows).
    public static let conflictQuery = """
        SELECT c.kid, c.serial, c.value_cents, c.partner_id, p.name, c.scanned_at_ms, c.first_partner_id,
               f.name AS first_name, c.first_redeemed_at_ms, c.reason, c.recorded_at_ms
          FROM conflicts c JOIN partners p ON p.id = c.partner_id LEFT JOIN partners f ON f.id = c.first_partner_id
        """

    /// Published batches as both stores read them back, in order.
    public static let batchQuery = """
        SELECT kid, first_serial, carnets, per_carnet, value_cents, expiry_ms, label, printed_at_ms
          FROM batches ORDER BY kid, first_serial
        """

    /// Hand-overs with their office's name, as both stores read them back, in order.
    public static let handoutQuery = """
        SELECT h.kid, h.first_serial, h.last_serial, h.office_id, p.name, h.handed_out_at_ms
          FROM handouts h JOIN partners p ON p.id = h.office_id ORDER BY h.kid, h.first_serial
        """

    /// Revocations as both stores read them back, oldest first.
    public static let revocationQuery = """
        SELECT kid, first_serial, last_serial, reason, revoked_at_ms FROM revocations ORDER BY revoked_at_ms, kid, first_serial
        """

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for (identifier, sql) in migrations {
            migrator.registerMigration(identifier) { db in try db.execute(sql: sql) }
        }
        return migrator
    }
}
