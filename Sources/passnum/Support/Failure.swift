import ArgumentParser
import CarnetPrinter
import Counter
import Foundation
import PassIssuer
import PassVerifier
import SafeOutput
import SpentList

/// A failure the CLI reports in words: an error line, an optional hint, and exit status 1.
struct Failure: Error {
    let words: Words
    var hint: Words?

    init(_ words: Words, hint: Words? = nil) {
        self.words = words
        self.hint = hint
    }
}

/// Runs a command body, turning every typed error into plain words on stderr and exit 1, so no
/// command ever ends in a stack trace. Usage errors stay with ArgumentParser (exit 64).
func reportingFailures(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let exit as ExitCode {
        throw exit
    } catch let error as ValidationError {
        throw error
    } catch {
        let (words, hint) = explain(error)
        Console.error(words)
        if let hint { Console.hint(hint) }
        throw ExitCode.failure
    }
}

/// An error in the user's words, worded from its module's code, with a hint where there is an
/// obvious next step.
private func explain(_ error: any Error) -> (Words, hint: Words?) {
    switch error {
    case let failure as Failure: (failure.words, failure.hint)
    case let error as IssuerError: (IssuerWords.describe(error), IssuerWords.hint(error))
    case let error as PrinterError: (PrintWords.describe(error), PrintWords.hint(error))
    case let error as SpentListError: (StoreWords.describe(error), StoreWords.hint(error))
    case let error as CounterError: (CounterWords.describe(error), CounterWords.hint(error))
    case let error as PassError: (ReasonWords.describe(error), nil)
    case let error as OutputError: (OutputWords.describe(error.code.rawValue, subject: error.subject, message: error.message), nil)
    default: (FoundationWords.describe(error) ?? Words("\(error)"), nil)
    }
}
