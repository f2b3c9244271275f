import SafeOutput

/// The printer writes through the project's one atomic output (`SafeOutput`): temporary name,
/// sync, rename, regular files only, 0600 (carnets are bearer passes). This runs one of its
/// steps with the printer's error type.
func outputStep<T>(_ body: () throws(OutputError) -> T) throws(PrinterError) -> T {
    do {
        return try body()
    } catch {
        throw PrinterError(error)
    }
}
