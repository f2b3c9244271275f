import PostgresNIO
import SpentList

/// PostgreSQL's failures in the store's words. The server's own message is kept (it never holds
/// the password); postgres-nio's description of an error hides it, so it is read field by field.
enum PostgresErrors {
    static func wrap(_ error: any Error, _ what: String) -> SpentListError {
        if let error = error as? SpentListError { return error }
        if let error = error as? PostgresTransactionError {
            // The first failure is the one to tell; a failed COMMIT leaves the outcome unknown
            // to this process, and the caller answers 503 (never "redeemed").
            if let inner = error.beginError ?? error.closureError ?? error.commitError { return wrap(inner, what) }
        }
        if error is CancellationError { return SpentListError(.storage, "cannot \(what): cancelled") }
        if error is PostgresDecodingError { return SpentListError(.corruptRow, "cannot \(what): a stored row holds a value of the wrong type") }
        return SpentListError(.storage, "cannot \(what): \(describe(error))")
    }

    /// A PostgreSQL error in words: the server's message and SQLSTATE, or what broke the connection.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if let message = error.serverInfo?[.message] {
            return "PostgreSQL says: \(message) (\(error.serverInfo?[.sqlState] ?? "?"))"
        }
        if let underlying = error.underlying { return "\(error.code): \(underlying)" }
        return "\(error.code)"
    }

    /// A unique or primary-key constraint violated (SQLSTATE 23505).
    static func isUniqueViolation(_ error: any Error) -> Bool {
        (error as? PSQLError)?.serverInfo?[.sqlState] == "23505"
    }

    /// A stored value out of range for the pass's types: damaged data, not a storage failure.
    static func corrupt(_ what: String) -> SpentListError {
        SpentListError(.corruptRow, "a stored row holds a \(what) out of range")
    }
}
