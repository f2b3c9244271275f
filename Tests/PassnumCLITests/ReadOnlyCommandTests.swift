import Foundation
import Testing

/// Commands that only read never create a database: run from the wrong folder, they name the
/// file they looked for and how to give its place, and leave the folder as it was.
struct ReadOnlyCommandTests {
    @Test(arguments: [
        ["settlement", "--month", "2026-11"],
        ["conflicts", "--month", "2026-11"],
        ["partners", "list"],
        ["partners", "disable", "PiNG"],
    ])
    func aMissingSpentListIsAnErrorAndNoFileAppears(arguments: [String]) throws {
        let cli = CLI()
        let output = try cli.run(arguments)
        #expect(output.status == 1, "\(output.stdout)")
        #expect(output.stderr.contains("no spent list at spent.sqlite"), "\(output.stderr)")
        #expect(output.stderr.contains("--db"))
        #expect(!output.stdout.contains("Total"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.folder).isEmpty)
    }

    @Test func theErrorIsInFrenchToo() throws {
        var cli = CLI()
        cli.environment["PASSNUM_LANG"] = "fr"
        let output = try cli.run(["settlement", "--month", "2026-11", "--db", "sqlite:ailleurs.sqlite"])
        #expect(output.status == 1)
        #expect(output.stderr.contains("pas de liste des passes utilisés à ailleurs.sqlite"), "\(output.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.path("ailleurs.sqlite")))
    }

    @Test func batchesWithoutALedgerCreatesNone() throws {
        let cli = CLI()
        let output = try cli.run(["batches", "--ledger", "elsewhere.sqlite"])
        #expect(output.status == 1)
        #expect(!FileManager.default.fileExists(atPath: cli.path("elsewhere.sqlite")))
    }
}

/// `serve` in the wrong folder used to start on a new, empty spent list (every partner then got
/// 401); it now needs `--init` to create one.
struct ServeInitTests {
    @Test func serveWithoutInitRefusesAMissingSpentListAndCreatesNothing() throws {
        let cli = CLI()
        _ = try cli.makeKey()
        let output = try cli.run(["serve", "--listen", "127.0.0.1:0"])
        #expect(output.status == 1)
        #expect(output.stderr.contains("no spent list at spent.sqlite"), "\(output.stderr)")
        #expect(output.stderr.contains("--init"))
        #expect(!FileManager.default.fileExists(atPath: cli.path("spent.sqlite")))
        #expect(!FileManager.default.fileExists(atPath: cli.path("receipt.secret")), "checked before the receipt key is made")
    }
}
