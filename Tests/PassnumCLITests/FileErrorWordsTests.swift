import Foundation
import Testing

/// Issue 14 §1.10: Foundation's file errors were shown as they are ("Error Domain=
/// NSCocoaErrorDomain Code=256 …"); they are said in plain words, by code, in both languages.
struct FileErrorWordsTests {
    @Test(arguments: [
        ("folder", "this is a folder, not a file", "c'est un dossier, pas un fichier"),
        ("latin.pub", "not in the expected form", "n'a pas la forme attendue"),
    ])
    func fileErrorsAreSaidInPlainWords(file: String, english: String, french: String) throws {
        var cli = CLI()
        try FileManager.default.createDirectory(atPath: cli.path("folder"), withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: cli.path("latin.pub"), contents: Data([0xFF, 0xFE, 0xE9]))
        for (language, words) in [("en", english), ("fr", french)] {
            cli.environment["PASSNUM_LANG"] = language
            let output = try cli.run(["receipt", "verify", "--key", file, "ABC"])
            #expect(output.status == 1 && output.stderr.contains(file) && output.stderr.contains(words), "\(output.stderr)")
            #expect(!output.stderr.contains("Domain") && !output.stderr.contains("NSCocoa"), "\(output.stderr)")
        }
    }
}
