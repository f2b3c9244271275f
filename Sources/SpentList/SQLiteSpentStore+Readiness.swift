import GRDB

extension SQLiteSpentStore {
    /// An IMMEDIATE transaction (the write lock) that reads a table, then the check that the
    /// file is still the one opened: a deleted or replaced file, a lock held elsewhere, an
    /// unreadable file each make the service not ready.
    public func checkReady() async throws(SpentListError) {
        _ = try await writing("check that the spent list can be written") { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM feed_counter")
        }
    }
}
