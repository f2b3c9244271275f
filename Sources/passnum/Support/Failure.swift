import ArgumentParser
import CarnetPrinter
import Counter
import Foundation
import PassIssuer
import PassVerifier
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
    } catch let failure as Failure {
        Console.error(failure.words)
        if let hint = failure.hint { Console.hint(hint) }
        throw ExitCode.failure
    } catch let error as IssuerError {
        Console.error(IssuerWords.describe(error))
        if let hint = IssuerWords.hint(error) { Console.hint(hint) }
        throw ExitCode.failure
    } catch let error as PrinterError {
        Console.error(PrintWords.describe(error))
        if let hint = PrintWords.hint(error) { Console.hint(hint) }
        throw ExitCode.failure
    } catch let error as SpentListError {
        Console.error(Words(error.message))
        throw ExitCode.failure
    } catch let error as CounterError {
        Console.error(Words(error.message))
        if error.code == .unreachable {
            Console.hint(Words(en: "check the network and the --service address", fr: "vérifiez le réseau et l'adresse --service"))
        }
        throw ExitCode.failure
    } catch let error as PassError {
        Console.error(ReasonWords.describe(error))
        throw ExitCode.failure
    } catch {
        Console.error(Words("\(error)"))
        throw ExitCode.failure
    }
}
