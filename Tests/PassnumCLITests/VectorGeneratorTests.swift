import Foundation
import Testing

/// Vectors/ is what the checked-in generator makes from its fixed seeds, byte for byte.
struct VectorGeneratorTests {
    @Test func regeneratingReproducesTheCommittedVectors() throws {
        let generator = URL(fileURLWithPath: CLI.binary).deletingLastPathComponent().appendingPathComponent("passnum-vectors").path
        let out = CLI().path("Vectors")
        let process = try Process.run(URL(fileURLWithPath: generator), arguments: [out])
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let committed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Vectors").path
        // Subfolders (trustlists/, scanner/) included: `subpathsOfDirectory` walks them.
        let names = try FileManager.default.subpathsOfDirectory(atPath: committed).sorted()
        #expect(try FileManager.default.subpathsOfDirectory(atPath: out).sorted() == names)
        #expect(names.filter { !$0.contains("/") }.count >= 19)
        #expect(names.filter { $0.hasPrefix("trustlists/") }.count >= 2 * 40)
        #expect(names.filter { $0.hasPrefix("scanner/") }.count >= 10)
        for name in names {
            #expect(FileManager.default.contents(atPath: "\(out)/\(name)") == FileManager.default.contents(atPath: "\(committed)/\(name)"), "\(name)")
        }
    }
}
