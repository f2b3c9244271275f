import GRDB

extension DatabaseMigrator {
    /// Migrates a SQLite file that other processes may be opening at the same moment (two
    /// offices issuing on a new ledger, two service processes on a new spent list).
    ///
    /// GRDB's migrator reads which migrations ran, then applies the rest, each in its own
    /// transaction: two processes opening a new file together can both decide to apply one, and
    /// the second fails ("table … already exists") once the first has committed it. Such a
    /// failure rolled back and left nothing behind, so migrating again, which re-reads what ran,
    /// is safe; it is harmless exactly when the file ends up holding every migration.
    public func migrateShared(_ writer: any DatabaseWriter, attempts: Int = 3) throws {
        for attempt in 1... {
            do {
                return try migrate(writer)
            } catch {
                if try writer.read({ try hasCompletedMigrations($0) }) { return }
                if attempt >= attempts { throw error }
            }
        }
    }
}
